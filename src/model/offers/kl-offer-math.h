/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * The price of an offer line — one rule, in this order:
 *
 *   gross    = quantity × unit price                       (exact)
 *   tier     = round (gross × tier %)                      subtracted
 *   loyalty  = round ((gross − tier) × loyalty %)          subtracted
 *   deferral = round ((gross − tier − loyalty) × deferral %)  added; negative
 *              for prepayment, so it lowers the price
 *   net      = gross − tier − loyalty + deferral
 *   VAT      = round (net × VAT rate)
 *   total    = net + VAT
 *
 * Amounts are integer minor units (cents, kopecks) and percentages basis
 * points (1 % = 100 bp). Each step is rounded to a whole minor unit, half
 * away from zero (0.5 → 1, −0.5 → −1), within the line, so the breakdown
 * the editor and the printed offer show adds up exactly to the line's net
 * and total. The discounts compound: the loyalty discount applies to the
 * price after the tier discount, the deferral to the price after both.
 *
 * The tier discount is the one of the product's price tier with the
 * largest "from quantity" not above the line's quantity (none below the
 * first tier). The deferral adjustment is the one of the first band
 * (KlDeferralTerms) whose "up to days" is not below the offer's deferral;
 * 0 days means paid in advance (prepayment).
 *
 * An offer's totals are the sums of its lines' amounts, all in the offer's
 * one currency; VAT is summed per rate as well. Sums over several offers
 * are kept per currency (KlMoneyTotals) and never added across currencies.
 */

#define KL_OFFER_MATH_ERROR (kl_offer_math_error_quark ())

typedef enum {
  KL_OFFER_MATH_ERROR_RANGE,
  KL_OFFER_MATH_ERROR_CURRENCY,
  KL_OFFER_MATH_ERROR_NO_BAND,
  KL_OFFER_MATH_ERROR_INVALID,
} KlOfferMathError;

GQuark kl_offer_math_error_quark (void);

/* Largest amount a line or a sum may reach, in minor units. */
#define KL_OFFER_MAX_AMOUNT G_GINT64_CONSTANT (1000000000000000)

/* round (@amount × @bp / 10 000), half away from zero; |@amount| at most
 * KL_OFFER_MAX_AMOUNT, |@bp| at most 10 000. */
gint64 kl_money_percent (gint64 amount,
                         int    bp);

/* One band of the payment-deferral adjustment: up to @max_days of deferral
 * the price changes by @adjustment_bp (negative: cheaper). */
typedef struct
{
  int max_days;
  int adjustment_bp;
} KlDeferralBand;

#define KL_DEFERRAL_MAX_BANDS 12

/* The bands, ordered by @max_days, strictly increasing. */
typedef struct
{
  guint          n_bands;
  KlDeferralBand bands[KL_DEFERRAL_MAX_BANDS];
} KlDeferralTerms;

void     kl_deferral_terms_init_default (KlDeferralTerms       *terms);
gboolean kl_deferral_terms_parse        (KlDeferralTerms       *terms,
                                         const char            *text,
                                         GError               **error);
char    *kl_deferral_terms_to_string    (const KlDeferralTerms *terms);
gboolean kl_deferral_terms_lookup       (const KlDeferralTerms *terms,
                                         int                    days,
                                         int                   *adjustment_bp,
                                         GError               **error);

/* A band as the Preferences show it: from @from_days to @to_days of
 * deferral (both included), the price changes by @adjustment_bp. */
typedef struct
{
  int from_days;
  int to_days;
  int adjustment_bp;
} KlDeferralRange;

/* Which value of a KlDeferralRange is wrong. */
typedef enum {
  KL_DEFERRAL_FIELD_NONE,
  KL_DEFERRAL_FIELD_FROM,
  KL_DEFERRAL_FIELD_TO,
  KL_DEFERRAL_FIELD_PERCENT,
} KlDeferralField;

void     kl_deferral_terms_get_range    (const KlDeferralTerms *terms,
                                         guint                  band,
                                         KlDeferralRange       *range);
gboolean kl_deferral_terms_from_ranges  (KlDeferralTerms       *terms,
                                         const KlDeferralRange *ranges,
                                         guint                  n_ranges,
                                         guint                 *bad_range,
                                         KlDeferralField       *bad_field,
                                         GError               **error);

/* A price tier of a product (price_tiers). */
typedef struct
{
  gint64 min_quantity;
  int    discount_bp;
} KlPriceTierStep;

int      kl_price_tiers_discount        (const KlPriceTierStep *tiers,
                                         guint                  n_tiers,
                                         gint64                 quantity);

/* One line, priced: what went in and each step of the rule above. */
typedef struct
{
  gint64 quantity;
  gint64 unit_price;
  int    tier_bp;
  int    loyalty_bp;
  int    deferral_bp;
  int    vat_bp;

  gint64 gross;
  gint64 tier_amount;      /* subtracted */
  gint64 loyalty_amount;   /* subtracted */
  gint64 deferral_amount;  /* added (negative for prepayment) */
  gint64 net;
  gint64 vat;
  gint64 total;
} KlLinePrice;

gboolean kl_line_price_compute          (KlLinePrice           *line,
                                         gint64                 quantity,
                                         gint64                 unit_price,
                                         int                    tier_bp,
                                         int                    loyalty_bp,
                                         int                    deferral_bp,
                                         int                    vat_bp,
                                         GError               **error);

/* The VAT of one rate within an offer. */
typedef struct
{
  int    vat_bp;
  gint64 base;
  gint64 vat;
} KlVatAmount;

/* An offer's sums, in its one currency. */
typedef struct
{
  char    currency[4];
  gint64  gross;
  gint64  discounts;        /* tier + loyalty, subtracted */
  gint64  deferral;         /* added */
  gint64  net;
  gint64  vat;
  gint64  total;
  GArray *vat_rates;        /* of KlVatAmount, by rate, ascending */
} KlOfferSums;

void     kl_offer_sums_init             (KlOfferSums           *sums,
                                         const char            *currency);
gboolean kl_offer_sums_add_line         (KlOfferSums           *sums,
                                         const KlLinePrice     *line,
                                         GError               **error);
void     kl_offer_sums_clear            (KlOfferSums           *sums);

/* Sums of amounts in several currencies, one row each, never mixed. */
typedef struct
{
  char   currency[4];
  gint64 net;
  gint64 vat;
  gint64 total;
} KlCurrencySum;

typedef struct _KlMoneyTotals KlMoneyTotals;

KlMoneyTotals       *kl_money_totals_new    (void);
void                 kl_money_totals_free   (KlMoneyTotals     *totals);
gboolean             kl_money_totals_add    (KlMoneyTotals     *totals,
                                             const KlOfferSums *sums,
                                             GError           **error);
guint                kl_money_totals_get_n  (KlMoneyTotals     *totals);
const KlCurrencySum *kl_money_totals_get    (KlMoneyTotals     *totals,
                                             guint              i);
const KlCurrencySum *kl_money_totals_lookup (KlMoneyTotals     *totals,
                                             const char        *currency);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlMoneyTotals, kl_money_totals_free)

G_END_DECLS
