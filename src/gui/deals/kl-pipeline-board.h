/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-page.h"
#include "kl-pipeline.h"

G_BEGIN_DECLS

#define KL_TYPE_PIPELINE_BOARD (kl_pipeline_board_get_type ())
G_DECLARE_FINAL_TYPE (KlPipelineBoard, kl_pipeline_board, KL, PIPELINE_BOARD, KlPage)

GtkWidget   *kl_pipeline_board_new           (KlSession       *session);
GListModel  *kl_pipeline_board_get_column    (KlPipelineBoard *self,
                                              guint            column);
GtkListView *kl_pipeline_board_get_list_view (KlPipelineBoard *self,
                                              guint            column);
guint        kl_pipeline_board_get_count     (KlPipelineBoard *self,
                                              guint            column);
const char  *kl_pipeline_board_get_summary   (KlPipelineBoard *self,
                                              guint            column);
gboolean     kl_pipeline_board_move_deal     (KlPipelineBoard *self,
                                              gint64           deal_id,
                                              const char      *to_stage);
gint64       kl_pipeline_board_get_focused_deal (KlPipelineBoard *self);
void         kl_pipeline_board_set_manager   (KlPipelineBoard *self,
                                              gint64           manager_id);
void         kl_pipeline_board_set_filter_text (KlPipelineBoard *self,
                                                const char      *filter,
                                                const char      *value);
void         kl_pipeline_board_set_filter_int (KlPipelineBoard *self,
                                               const char      *filter,
                                               gint64           value);
guint        kl_pipeline_board_get_n_cards   (KlPipelineBoard *self,
                                              guint            column);

G_END_DECLS
