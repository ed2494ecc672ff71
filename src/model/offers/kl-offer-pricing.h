/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-database.h"
#include "kl-offer-math.h"

G_BEGIN_DECLS

/* A product of the price list, priced for a quantity: what a new offer
 * line takes from it. */
typedef struct
{
  gint64  product_id;
  char   *code;
  char   *name;
  char   *unit;
  char    currency[4];
  gint64  unit_price;
  int     tier_bp;
  int     vat_bp;
} KlProductPrice;

gboolean kl_product_price_lookup (KlDatabase      *database,
                                  gint64           product_id,
                                  gint64           quantity,
                                  const char      *currency,
                                  KlProductPrice  *price,
                                  GError         **error);
void     kl_product_price_clear  (KlProductPrice  *price);

/* One line of an offer as stored, with its price by the rule of
 * kl-offer-math.h. */
typedef struct
{
  gint64       id;
  gint64       product_id;   /* 0: none */
  char        *code;         /* the product's, or NULL */
  char        *unit;         /* the product's, or NULL */
  char        *description;
  KlLinePrice  price;
} KlPricedLine;

/* An offer with every line priced: what the editor's breakdown and the
 * printed offer show. */
typedef struct
{
  gint64       id;
  char        *number;
  gint64       client_id;
  gint64       deal_id;
  gint64       manager_id;
  char        *issue_date;
  char        *valid_until;
  char        *status;
  char        *notes;
  int          loyalty_bp;
  int          deferral_days;
  int          deferral_bp;
  GArray      *lines;        /* of KlPricedLine, by position */
  KlOfferSums  sums;
} KlPricedOffer;

KlPricedOffer *kl_priced_offer_load           (KlDatabase             *database,
                                               gint64                  offer_id,
                                               const KlDeferralTerms  *terms,
                                               GError                **error);
gint64         kl_offer_find_by_number        (KlDatabase             *database,
                                               const char             *number,
                                               GError                **error);
void           kl_priced_offer_free           (KlPricedOffer          *offer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlPricedOffer, kl_priced_offer_free)

G_END_DECLS
