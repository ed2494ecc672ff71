/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kl-session.h"

G_BEGIN_DECLS

/*
 * The pipeline board's side of the model: the open stages as columns, each
 * with its count and its value per currency, and moves of a deal from one
 * open stage to another that can be undone.
 *
 * A move is one write of the deal through its store, so the audit trail,
 * the client's summary and the stage history (deal_stage_history, with the
 * move's time) are written in one transaction. Undoing it puts the stage
 * back and removes the move from the history, again in one transaction; the
 * audit trail keeps both writes.
 */

#define KL_PIPELINE_ERROR (kl_pipeline_error_quark ())

typedef enum {
  KL_PIPELINE_ERROR_NOT_OPEN,   /* the deal or the stage is won or lost */
  KL_PIPELINE_ERROR_CHANGED,    /* the deal moved again since: no undo */
} KlPipelineError;

GQuark kl_pipeline_error_quark (void);

/* Lead, Contacted, Needs identified, Offer sent, Negotiation */
#define KL_PIPELINE_N_STAGES 5

/* One currency of a column: its deals and the sum of their amounts. */
typedef struct {
  char   currency[4];
  gint64 amount;                /* minor units */
  guint  count;
} KlPipelineValue;

typedef struct {
  const char *stage;            /* kl_deal_stages[i] */
  guint       count;
  GArray     *values;           /* of KlPipelineValue, by currency code */
} KlPipelineColumn;

typedef struct {
  gint64  deal_id;
  char   *from_stage;
  char   *to_stage;
  gint64  change_id;            /* its deal_stage_history row */
  char   *changed_at;
} KlPipelineMove;

const char     *kl_pipeline_stage           (guint             column);
int             kl_pipeline_column_of       (const char       *stage);

gboolean        kl_pipeline_summary         (KlDatabase       *db,
                                             gint64            manager_id,
                                             KlPipelineColumn  columns[KL_PIPELINE_N_STAGES],
                                             GError          **error);
void            kl_pipeline_summary_clear   (KlPipelineColumn  columns[KL_PIPELINE_N_STAGES]);

KlPipelineMove *kl_pipeline_move            (KlSession        *session,
                                             gint64            deal_id,
                                             const char       *to_stage,
                                             GError          **error);
gboolean        kl_pipeline_undo            (KlSession        *session,
                                             const KlPipelineMove *move,
                                             GError          **error);
void            kl_pipeline_move_free       (KlPipelineMove   *move);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlPipelineMove, kl_pipeline_move_free)

G_END_DECLS
