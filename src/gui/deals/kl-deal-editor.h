/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-editor.h"

G_BEGIN_DECLS

#define KL_TYPE_DEAL_EDITOR (kl_deal_editor_get_type ())
G_DECLARE_FINAL_TYPE (KlDealEditor, kl_deal_editor, KL, DEAL_EDITOR, KlEditor)

KlDealEditor *kl_deal_editor_new (KlSession *session,
                                  gint64     client_id,
                                  KlDeal    *deal);
KlDeal       *kl_deal_editor_get_deal (KlDealEditor *self);

void          kl_deal_editor_show_won_toast (KlDealEditor    *self,
                                             gint64           deal_id,
                                             AdwToastOverlay *overlay);

G_END_DECLS
