/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-offer-math.h"

#include <stdlib.h>
#include <string.h>

/* The offer arithmetic of kl-offer-math.h: integers only, every rounding
 * in one function (kl_money_percent()). */

struct _KlMoneyTotals
{
  GArray *sums;   /* of KlCurrencySum, in the order first seen */
};

G_DEFINE_QUARK (kl-offer-math-error-quark, kl_offer_math_error)

/* The defaults of a new database: prepayment −3 %, up to 30 days 0,
 * 31–60 days +2 %, 61–90 days +4 %. */
static const KlDeferralBand default_bands[] = {
  { 0, -300 },
  { 30, 0 },
  { 60, 200 },
  { 90, 400 },
};

/**
 * kl_money_percent:
 * @amount: minor units, at most KL_OFFER_MAX_AMOUNT either way
 * @bp: basis points, at most 10 000 either way
 *
 * The one rounding of the offer rule: @amount × @bp / 10 000 to a whole
 * minor unit, half away from zero. Exact (no floating point, no overflow:
 * the amount is split into whole ten-thousands and the rest).
 *
 * Returns: the share, with the sign of @amount × @bp
 */
gint64
kl_money_percent (gint64 amount,
                  int    bp)
{
  gboolean negative = (amount < 0) != (bp < 0);
  guint64 a = amount < 0 ? (guint64) -amount : (guint64) amount;
  guint64 b = bp < 0 ? (guint64) -(gint64) bp : (guint64) bp;
  guint64 whole;
  guint64 rest;
  guint64 result;

  g_return_val_if_fail (a <= (guint64) KL_OFFER_MAX_AMOUNT, 0);
  g_return_val_if_fail (b <= 10000, 0);

  whole = (a / 10000) * b;            /* exact: 10^11 × 10^4 */
  rest = (a % 10000) * b;             /* below 10^8 */
  result = whole + rest / 10000 + (rest % 10000 >= 5000 ? 1 : 0);

  return negative ? -(gint64) result : (gint64) result;
}

/* Deferral terms */

/**
 * kl_deferral_terms_init_default:
 *
 * Prepayment (0 days) −3 %, up to 30 days 0, up to 60 days +2 %, up to 90
 * days +4 %; no band beyond 90 days.
 */
void
kl_deferral_terms_init_default (KlDeferralTerms *terms)
{
  g_return_if_fail (terms != NULL);

  memset (terms, 0, sizeof *terms);
  terms->n_bands = G_N_ELEMENTS (default_bands);
  memcpy (terms->bands, default_bands, sizeof default_bands);
}

static gboolean
parse_int (const char *text,
           gint64      min,
           gint64      max,
           int        *out)
{
  gint64 value;

  if (!g_ascii_string_to_signed (text, 10, min, max, &value, NULL))
    return FALSE;
  *out = (int) value;
  return TRUE;
}

/**
 * kl_deferral_terms_parse:
 * @text: bands as stored: "DAYS:BP" separated by ';', e.g.
 *   "0:-300;30:0;60:200;90:400"
 *
 * Reads the bands kept in the settings. Days 0 to 365, strictly
 * increasing; adjustments −10 000 to 10 000 bp. @terms is only changed on
 * success.
 */
gboolean
kl_deferral_terms_parse (KlDeferralTerms  *terms,
                         const char       *text,
                         GError          **error)
{
  g_auto(GStrv) parts = NULL;
  KlDeferralTerms parsed = { 0 };

  g_return_val_if_fail (terms != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  parts = g_strsplit (text, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) pair = NULL;
      KlDeferralBand band;

      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      pair = g_strsplit (parts[i], ":", 2);
      if (parsed.n_bands == KL_DEFERRAL_MAX_BANDS
          || g_strv_length (pair) != 2
          || !parse_int (g_strstrip (pair[0]), 0, 365, &band.max_days)
          || !parse_int (g_strstrip (pair[1]), -10000, 10000, &band.adjustment_bp)
          || (parsed.n_bands > 0 && band.max_days <= parsed.bands[parsed.n_bands - 1].max_days))
        {
          g_set_error (error, KL_OFFER_MATH_ERROR, KL_OFFER_MATH_ERROR_INVALID,
                       _("The payment deferral band “%s” is not valid: give days from 0 to 365, each band longer than the one before, and a change from −100 to +100 percent."),
                       parts[i]);
          return FALSE;
        }
      parsed.bands[parsed.n_bands++] = band;
    }

  *terms = parsed;
  return TRUE;
}

/**
 * kl_deferral_terms_to_string:
 *
 * Returns: (transfer full): @terms as kl_deferral_terms_parse() reads them
 */
char *
kl_deferral_terms_to_string (const KlDeferralTerms *terms)
{
  GString *s;

  g_return_val_if_fail (terms != NULL, NULL);

  s = g_string_new (NULL);
  for (guint i = 0; i < terms->n_bands; i++)
    g_string_append_printf (s, "%s%d:%d", i > 0 ? ";" : "",
                            terms->bands[i].max_days, terms->bands[i].adjustment_bp);
  return g_string_free (s, FALSE);
}

/**
 * kl_deferral_terms_get_range:
 * @band: less than @terms' n_bands
 * @range: (out caller-allocates): the band from its first day to its last
 *
 * The first band starts at 0 days (prepayment), each other one the day
 * after the band before it ends.
 */
void
kl_deferral_terms_get_range (const KlDeferralTerms *terms,
                             guint                  band,
                             KlDeferralRange       *range)
{
  g_return_if_fail (terms != NULL);
  g_return_if_fail (band < terms->n_bands);
  g_return_if_fail (range != NULL);

  range->from_days = band == 0 ? 0 : terms->bands[band - 1].max_days + 1;
  range->to_days = terms->bands[band].max_days;
  range->adjustment_bp = terms->bands[band].adjustment_bp;
}

static gboolean
range_error (GError          **error,
             guint            *bad_range,
             KlDeferralField  *bad_field,
             guint             range,
             KlDeferralField   field,
             int               code,
             char             *message)
{
  if (bad_range != NULL)
    *bad_range = range;
  if (bad_field != NULL)
    *bad_field = field;
  g_set_error_literal (error, KL_OFFER_MATH_ERROR, code, message);
  g_free (message);
  return FALSE;
}

/**
 * kl_deferral_terms_from_ranges:
 * @ranges: (array length=n_ranges): the bands as typed, in order
 * @bad_range: (out) (optional): on failure, the index of the wrong band
 *   (@n_ranges when there are none or too many)
 * @bad_field: (out) (optional): on failure, its wrong value
 *
 * The Preferences' bands as the offers price with them: the first from 0
 * days (prepayment), each next one from the day after the one before
 * ends, with no gap and no overlap; days 0 to 365, a band not ending
 * before it starts; an adjustment from −100 % to +100 %; one band at
 * least, at most KL_DEFERRAL_MAX_BANDS. @terms is only changed on success.
 *
 * Returns: FALSE with KL_OFFER_MATH_ERROR_INVALID and a translated reason
 *   naming the days concerned
 */
gboolean
kl_deferral_terms_from_ranges (KlDeferralTerms       *terms,
                               const KlDeferralRange *ranges,
                               guint                  n_ranges,
                               guint                 *bad_range,
                               KlDeferralField       *bad_field,
                               GError               **error)
{
  KlDeferralTerms made = { 0 };

  g_return_val_if_fail (terms != NULL, FALSE);
  g_return_val_if_fail (ranges != NULL || n_ranges == 0, FALSE);

  if (n_ranges == 0)
    return range_error (error, bad_range, bad_field, n_ranges, KL_DEFERRAL_FIELD_NONE,
                        KL_OFFER_MATH_ERROR_INVALID,
                        g_strdup (_("Give at least one payment deferral band, for example up to 30 days with no change of price.")));
  if (n_ranges > KL_DEFERRAL_MAX_BANDS)
    return range_error (error, bad_range, bad_field, n_ranges, KL_DEFERRAL_FIELD_NONE,
                        KL_OFFER_MATH_ERROR_INVALID,
                        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "At most %u band, please.",
                                                      "At most %u bands, please.", KL_DEFERRAL_MAX_BANDS),
                                         KL_DEFERRAL_MAX_BANDS));

  for (guint i = 0; i < n_ranges; i++)
    {
      const KlDeferralRange *r = &ranges[i];
      int expected_from = i == 0 ? 0 : ranges[i - 1].to_days + 1;

      if (r->from_days < 0 || r->from_days > 365)
        return range_error (error, bad_range, bad_field, i, KL_DEFERRAL_FIELD_FROM, KL_OFFER_MATH_ERROR_INVALID,
                            g_strdup (_("Give a number of days from 0 to 365.")));
      if (r->to_days < 0 || r->to_days > 365)
        return range_error (error, bad_range, bad_field, i, KL_DEFERRAL_FIELD_TO, KL_OFFER_MATH_ERROR_INVALID,
                            g_strdup (_("Give a number of days from 0 to 365.")));
      if (i == 0 && r->from_days != 0)
        return range_error (error, bad_range, bad_field, i, KL_DEFERRAL_FIELD_FROM, KL_OFFER_MATH_ERROR_INVALID,
                            g_strdup (_("The first band starts at 0 days: payment in advance.")));
      if (i > 0 && r->from_days > expected_from)
        return range_error (error, bad_range, bad_field, i, KL_DEFERRAL_FIELD_FROM, KL_OFFER_MATH_ERROR_INVALID,
                            r->from_days - 1 == expected_from
                            /* Translators: a gap between two payment deferral bands */
                            ? g_strdup_printf (_("Day %1$d is in no band: start this band on day %1$d."),
                                               expected_from)
                            /* Translators: a gap between two payment deferral bands */
                            : g_strdup_printf (_("Days %1$d to %2$d are in no band: start this band on day %1$d."),
                                               expected_from, r->from_days - 1));
      if (i > 0 && r->from_days < expected_from)
        return range_error (error, bad_range, bad_field, i, KL_DEFERRAL_FIELD_FROM, KL_OFFER_MATH_ERROR_INVALID,
                            /* Translators: two payment deferral bands overlap */
                            g_strdup_printf (_("The band before ends on day %1$d: start this band on day %2$d."),
                                             expected_from - 1, expected_from));
      if (r->to_days < r->from_days)
        return range_error (error, bad_range, bad_field, i, KL_DEFERRAL_FIELD_TO, KL_OFFER_MATH_ERROR_INVALID,
                            g_strdup_printf (_("The band ends before it starts: give %d days or more."),
                                             r->from_days));
      if (r->adjustment_bp < -10000 || r->adjustment_bp > 10000)
        return range_error (error, bad_range, bad_field, i, KL_DEFERRAL_FIELD_PERCENT, KL_OFFER_MATH_ERROR_INVALID,
                            g_strdup (_("Give a change from −100 to +100 percent.")));

      made.bands[made.n_bands].max_days = r->to_days;
      made.bands[made.n_bands].adjustment_bp = r->adjustment_bp;
      made.n_bands++;
    }

  *terms = made;
  return TRUE;
}

/**
 * kl_deferral_terms_lookup:
 * @days: the offer's payment deferral, 0 for prepayment
 * @adjustment_bp: (out): the change of price, in basis points
 *
 * Returns: FALSE with KL_OFFER_MATH_ERROR_NO_BAND when @days is beyond the
 *   last band (no price is set for so long a deferral)
 */
gboolean
kl_deferral_terms_lookup (const KlDeferralTerms  *terms,
                          int                     days,
                          int                    *adjustment_bp,
                          GError                **error)
{
  g_return_val_if_fail (terms != NULL, FALSE);
  g_return_val_if_fail (adjustment_bp != NULL, FALSE);

  for (guint i = 0; i < terms->n_bands; i++)
    if (days >= 0 && days <= terms->bands[i].max_days)
      {
        *adjustment_bp = terms->bands[i].adjustment_bp;
        return TRUE;
      }

  if (terms->n_bands == 0)
    g_set_error_literal (error, KL_OFFER_MATH_ERROR, KL_OFFER_MATH_ERROR_NO_BAND,
                         _("No price adjustment is set for any payment deferral: add the bands in Preferences."));
  else
    g_set_error (error, KL_OFFER_MATH_ERROR, KL_OFFER_MATH_ERROR_NO_BAND,
                 g_dngettext (GETTEXT_PACKAGE,
                              "A payment deferral of %1$d day is longer than the longest priced in Preferences (%2$d).",
                              "A payment deferral of %1$d days is longer than the longest priced in Preferences (%2$d).",
                              days),
                 days, terms->bands[terms->n_bands - 1].max_days);
  return FALSE;
}

/**
 * kl_price_tiers_discount:
 * @tiers: (array length=n_tiers): a product's tiers, in any order
 *
 * Returns: the discount of the tier with the largest minimum quantity not
 *   above @quantity, 0 when @quantity is below every tier
 */
int
kl_price_tiers_discount (const KlPriceTierStep *tiers,
                         guint                  n_tiers,
                         gint64                 quantity)
{
  gint64 best_min = 0;
  int best = 0;

  g_return_val_if_fail (tiers != NULL || n_tiers == 0, 0);

  for (guint i = 0; i < n_tiers; i++)
    if (tiers[i].min_quantity <= quantity && tiers[i].min_quantity > best_min)
      {
        best_min = tiers[i].min_quantity;
        best = tiers[i].discount_bp;
      }
  return best;
}

/* Lines */

static gboolean
check_bp (int      bp,
          int      min,
          GError **error)
{
  if (bp < min || bp > 10000)
    {
      g_set_error_literal (error, KL_OFFER_MATH_ERROR, KL_OFFER_MATH_ERROR_RANGE,
                           _("A discount, an adjustment or a VAT rate must lie between 0 and 100 percent."));
      return FALSE;
    }
  return TRUE;
}

static void
set_too_large (GError **error)
{
  g_set_error_literal (error, KL_OFFER_MATH_ERROR, KL_OFFER_MATH_ERROR_RANGE,
                       _("The amount is too large to be priced."));
}

/**
 * kl_line_price_compute:
 * @line: (out caller-allocates): the priced line
 * @quantity: at least 1
 * @unit_price: minor units, not negative
 * @tier_bp: the quantity tier's discount
 * @loyalty_bp: the client's loyalty discount
 * @deferral_bp: the payment-deferral adjustment, −10 000 to 10 000
 * @vat_bp: the VAT rate
 *
 * Prices one line by the rule in kl-offer-math.h.
 *
 * Returns: FALSE with KL_OFFER_MATH_ERROR_RANGE when an input is out of
 *   range or the amount exceeds KL_OFFER_MAX_AMOUNT
 */
gboolean
kl_line_price_compute (KlLinePrice  *line,
                       gint64        quantity,
                       gint64        unit_price,
                       int           tier_bp,
                       int           loyalty_bp,
                       int           deferral_bp,
                       int           vat_bp,
                       GError      **error)
{
  guint64 gross;
  gint64 after;

  g_return_val_if_fail (line != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (line, 0, sizeof *line);
  if (quantity < 1 || unit_price < 0)
    {
      g_set_error_literal (error, KL_OFFER_MATH_ERROR, KL_OFFER_MATH_ERROR_RANGE,
                           _("A line needs a quantity of at least 1 and a price that is not negative."));
      return FALSE;
    }
  if (!check_bp (tier_bp, 0, error) || !check_bp (loyalty_bp, 0, error)
      || !check_bp (deferral_bp, -10000, error) || !check_bp (vat_bp, 0, error))
    return FALSE;
  if (!g_uint64_checked_mul (&gross, (guint64) quantity, (guint64) unit_price)
      || gross > (guint64) KL_OFFER_MAX_AMOUNT / 2)
    {
      set_too_large (error);
      return FALSE;
    }

  line->quantity = quantity;
  line->unit_price = unit_price;
  line->tier_bp = tier_bp;
  line->loyalty_bp = loyalty_bp;
  line->deferral_bp = deferral_bp;
  line->vat_bp = vat_bp;

  /* Each step is at most the amount before it doubled (+100 %), so with
   * the gross at most half the limit nothing below overflows the limit
   * but the total, checked last. */
  line->gross = (gint64) gross;
  line->tier_amount = kl_money_percent (line->gross, tier_bp);
  after = line->gross - line->tier_amount;
  line->loyalty_amount = kl_money_percent (after, loyalty_bp);
  after -= line->loyalty_amount;
  line->deferral_amount = kl_money_percent (after, deferral_bp);
  line->net = after + line->deferral_amount;
  if (line->net > KL_OFFER_MAX_AMOUNT / 2)
    {
      memset (line, 0, sizeof *line);
      set_too_large (error);
      return FALSE;
    }
  line->vat = kl_money_percent (line->net, vat_bp);
  line->total = line->net + line->vat;
  return TRUE;
}

/* Offer sums */

/**
 * kl_offer_sums_init:
 * @sums: (out caller-allocates): sums to start
 * @currency: the offer's currency code
 */
void
kl_offer_sums_init (KlOfferSums *sums,
                    const char  *currency)
{
  g_return_if_fail (sums != NULL);
  g_return_if_fail (currency != NULL);

  memset (sums, 0, sizeof *sums);
  g_strlcpy (sums->currency, currency, sizeof sums->currency);
  sums->vat_rates = g_array_new (FALSE, TRUE, sizeof (KlVatAmount));
}

static gboolean
add_checked (gint64  *sum,
             gint64   value)
{
  gint64 result = *sum + value;   /* both within ±10^15: no overflow */

  if (result > KL_OFFER_MAX_AMOUNT || result < -KL_OFFER_MAX_AMOUNT)
    return FALSE;
  *sum = result;
  return TRUE;
}

/**
 * kl_offer_sums_add_line:
 *
 * Adds a priced line to the offer's sums and to the VAT of its rate.
 * Leaves @sums as they were when a sum would exceed KL_OFFER_MAX_AMOUNT.
 */
gboolean
kl_offer_sums_add_line (KlOfferSums        *sums,
                        const KlLinePrice  *line,
                        GError            **error)
{
  KlOfferSums copy;
  KlVatAmount *rate = NULL;
  guint i;

  g_return_val_if_fail (sums != NULL && sums->vat_rates != NULL, FALSE);
  g_return_val_if_fail (line != NULL, FALSE);

  copy = *sums;
  if (!add_checked (&copy.gross, line->gross)
      || !add_checked (&copy.discounts, line->tier_amount + line->loyalty_amount)
      || !add_checked (&copy.deferral, line->deferral_amount)
      || !add_checked (&copy.net, line->net)
      || !add_checked (&copy.vat, line->vat)
      || !add_checked (&copy.total, line->total))
    {
      set_too_large (error);
      return FALSE;
    }

  for (i = 0; i < sums->vat_rates->len; i++)
    {
      KlVatAmount *r = &g_array_index (sums->vat_rates, KlVatAmount, i);

      if (r->vat_bp == line->vat_bp)
        {
          rate = r;
          break;
        }
      if (r->vat_bp > line->vat_bp)
        break;
    }
  if (rate == NULL)
    {
      KlVatAmount new_rate = { line->vat_bp, 0, 0 };

      g_array_insert_val (sums->vat_rates, i, new_rate);
      rate = &g_array_index (sums->vat_rates, KlVatAmount, i);
    }
  rate->base += line->net;
  rate->vat += line->vat;

  copy.vat_rates = sums->vat_rates;
  *sums = copy;
  return TRUE;
}

void
kl_offer_sums_clear (KlOfferSums *sums)
{
  g_return_if_fail (sums != NULL);

  g_clear_pointer (&sums->vat_rates, g_array_unref);
}

/* Money totals */

KlMoneyTotals *
kl_money_totals_new (void)
{
  KlMoneyTotals *totals = g_new0 (KlMoneyTotals, 1);

  totals->sums = g_array_new (FALSE, TRUE, sizeof (KlCurrencySum));
  return totals;
}

void
kl_money_totals_free (KlMoneyTotals *totals)
{
  if (totals == NULL)
    return;
  g_array_unref (totals->sums);
  g_free (totals);
}

const KlCurrencySum *
kl_money_totals_lookup (KlMoneyTotals *totals,
                        const char    *currency)
{
  g_return_val_if_fail (totals != NULL, NULL);
  g_return_val_if_fail (currency != NULL, NULL);

  for (guint i = 0; i < totals->sums->len; i++)
    {
      const KlCurrencySum *sum = &g_array_index (totals->sums, KlCurrencySum, i);

      if (strcmp (sum->currency, currency) == 0)
        return sum;
    }
  return NULL;
}

/**
 * kl_money_totals_add:
 *
 * Adds an offer's net, VAT and total to the row of its currency (a new
 * row for a currency not seen yet).
 */
gboolean
kl_money_totals_add (KlMoneyTotals      *totals,
                     const KlOfferSums  *sums,
                     GError            **error)
{
  KlCurrencySum *row = (KlCurrencySum *) kl_money_totals_lookup (totals, sums->currency);
  KlCurrencySum copy = { { 0 } };

  if (row == NULL)
    g_strlcpy (copy.currency, sums->currency, sizeof copy.currency);
  else
    copy = *row;

  if (!add_checked (&copy.net, sums->net) || !add_checked (&copy.vat, sums->vat)
      || !add_checked (&copy.total, sums->total))
    {
      set_too_large (error);
      return FALSE;
    }
  if (row == NULL)
    g_array_append_val (totals->sums, copy);
  else
    *row = copy;
  return TRUE;
}

guint
kl_money_totals_get_n (KlMoneyTotals *totals)
{
  g_return_val_if_fail (totals != NULL, 0);

  return totals->sums->len;
}

const KlCurrencySum *
kl_money_totals_get (KlMoneyTotals *totals,
                     guint          i)
{
  g_return_val_if_fail (totals != NULL, NULL);
  g_return_val_if_fail (i < totals->sums->len, NULL);

  return &g_array_index (totals->sums, KlCurrencySum, i);
}
