/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-editor.h"
#include "kl-entities.h"

G_BEGIN_DECLS

#define KL_TYPE_COMPETITOR_EDITOR (kl_competitor_editor_get_type ())
G_DECLARE_FINAL_TYPE (KlCompetitorEditor, kl_competitor_editor, KL, COMPETITOR_EDITOR, KlEditor)

KlCompetitorEditor *kl_competitor_editor_new  (KlSession    *session,
                                               KlCompetitor *competitor);

/* KlLostValue rows as one line, one amount per currency, never summed:
 * "1,250.50 EUR · 90,000.00 RUB"; NULL for none. */
char               *kl_competitor_format_lost (GArray       *values);

G_END_DECLS
