/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-editor.h"

G_BEGIN_DECLS

#define KL_TYPE_PRODUCT_EDITOR (kl_product_editor_get_type ())
G_DECLARE_FINAL_TYPE (KlProductEditor, kl_product_editor, KL, PRODUCT_EDITOR, KlEditor)

KlProductEditor *kl_product_editor_new         (KlSession       *session,
                                                KlProduct       *product);
guint            kl_product_editor_add_tier    (KlProductEditor *self,
                                                gint64           min_quantity,
                                                int              discount_bp);
void             kl_product_editor_remove_tier (KlProductEditor *self,
                                                guint            index);
guint            kl_product_editor_get_n_tiers (KlProductEditor *self);
const char      *kl_product_editor_get_tiers_error (KlProductEditor *self);

G_END_DECLS
