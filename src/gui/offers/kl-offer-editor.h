/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-editor.h"
#include "kl-offer-math.h"

G_BEGIN_DECLS

#define KL_TYPE_OFFER_EDITOR (kl_offer_editor_get_type ())
G_DECLARE_FINAL_TYPE (KlOfferEditor, kl_offer_editor, KL, OFFER_EDITOR, KlEditor)

KlOfferEditor     *kl_offer_editor_new               (KlSession      *session,
                                                      KlOffer        *offer,
                                                      gint64          client_id,
                                                      gint64          deal_id);
int                kl_offer_editor_add_product       (KlOfferEditor  *self,
                                                      gint64          product_id,
                                                      gint64          quantity,
                                                      GError        **error);
void               kl_offer_editor_set_quantity      (KlOfferEditor  *self,
                                                      guint           line,
                                                      gint64          quantity);
void               kl_offer_editor_remove_line       (KlOfferEditor  *self,
                                                      guint           line);
guint              kl_offer_editor_get_n_lines       (KlOfferEditor  *self);
const KlLinePrice *kl_offer_editor_get_line_price    (KlOfferEditor  *self,
                                                      guint           line);
const char        *kl_offer_editor_get_line_breakdown (KlOfferEditor *self,
                                                       guint          line);
const KlOfferSums *kl_offer_editor_get_sums          (KlOfferEditor  *self);
const char        *kl_offer_editor_get_totals_text   (KlOfferEditor  *self);
GStrv              kl_offer_editor_get_status_choices (KlOfferEditor *self);

G_END_DECLS
