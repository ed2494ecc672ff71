/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-offer-math.h"
#include "kl-session.h"

G_BEGIN_DECLS

/* The price list: a product with its quantity tiers (price_tiers),
 * checked and written together. */

/* The tiers, in order: "from quantity" at least 1 and strictly
 * increasing, each discount 0 to 100 % (0 to 10 000 bp). FALSE with
 * KL_VALIDATION_ERROR_ORDER or _RANGE and *@bad_index the first wrong
 * tier. */
gboolean kl_price_tiers_validate (const KlPriceTierStep *tiers,
                                  guint                  n_tiers,
                                  guint                 *bad_index,
                                  GError               **error);

/* The product's tiers, by "from quantity": a GArray of KlPriceTierStep. */
GArray  *kl_price_tiers_load     (KlDatabase            *database,
                                  gint64                 product_id,
                                  GError               **error);

/* Inserts @product (id 0) or updates it, and makes @tiers its tiers, in
 * one transaction: nothing is written when the product or a tier is
 * wrong. Returns the product's id, 0 on failure. */
gint64   kl_product_save         (KlSession             *session,
                                  KlProduct             *product,
                                  const KlPriceTierStep *tiers,
                                  guint                  n_tiers,
                                  GError               **error);

G_END_DECLS
