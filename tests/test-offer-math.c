/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kl-entities.h"
#include "kl-offer-math.h"
#include "kl-offer-pricing.h"
#include "kl-test.h"

/* The offer arithmetic of kl-offer-math.h against figures worked out by
 * hand: tier × loyalty × deferral, each step rounded half away from zero,
 * VAT per line, sums per VAT rate and per currency. */

/* Rounding: exact halves go away from zero, everything else to nearest. */
static void
test_percent_rounding (void)
{
  static const struct { gint64 amount; int bp; gint64 expected; } cases[] = {
    { 1010, 500, 51 },            /* 50.5 */
    { 1005, 500, 50 },            /* 50.25 */
    { 1050, -300, -32 },          /* −31.5 */
    { 1030, -300, -31 },          /* −30.9 */
    { 1016, -300, -30 },          /* −30.48 */
    { 1, 5000, 1 },               /* 0.5 */
    { 1, 4999, 0 },               /* 0.4999 */
    { -1, 5000, -1 },             /* −0.5 */
    { 3, 5000, 2 },               /* 1.5 */
    { 0, 2500, 0 },
    { 123456789012345, 2500, 30864197253086 },   /* …086.25 */
    { 1000000000000000, 10000, 1000000000000000 },
    { 1000000000000000, -10000, -1000000000000000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (kl_money_percent (cases[i].amount, cases[i].bp), ==, cases[i].expected);
  /* 999 999 999 999 999 × 0.0001 = 99 999 999 999.9999: rounds up. */
  g_assert_cmpint (kl_money_percent (999999999999999, 1), ==, 100000000000);
}

/* The tier with the largest minimum not above the quantity. */
static void
test_tiers_at_boundaries (void)
{
  static const KlPriceTierStep tiers[] = { { 50, 1000 }, { 10, 500 }, { 100, 1500 } };
  static const struct { gint64 quantity; int bp; } cases[] = {
    { 1, 0 }, { 9, 0 }, { 10, 500 }, { 11, 500 }, { 49, 500 }, { 50, 1000 },
    { 99, 1000 }, { 100, 1500 }, { 100000, 1500 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (kl_price_tiers_discount (tiers, G_N_ELEMENTS (tiers), cases[i].quantity),
                     ==, cases[i].bp);
  g_assert_cmpint (kl_price_tiers_discount (NULL, 0, 50), ==, 0);
}

static void
assert_line (const KlLinePrice *line,
             gint64             gross,
             gint64             tier,
             gint64             loyalty,
             gint64             deferral,
             gint64             net,
             gint64             vat,
             gint64             total)
{
  g_assert_cmpint (line->gross, ==, gross);
  g_assert_cmpint (line->tier_amount, ==, tier);
  g_assert_cmpint (line->loyalty_amount, ==, loyalty);
  g_assert_cmpint (line->deferral_amount, ==, deferral);
  g_assert_cmpint (line->net, ==, net);
  g_assert_cmpint (line->vat, ==, vat);
  g_assert_cmpint (line->total, ==, total);
  /* The breakdown adds up exactly. */
  g_assert_cmpint (line->gross - line->tier_amount - line->loyalty_amount + line->deferral_amount,
                   ==, line->net);
  g_assert_cmpint (line->net + line->vat, ==, line->total);
}

/* 50 × 19.99 at 10 % for the tier, then 5 % loyalty, 25 % VAT. */
static void
test_loyalty_plus_tier (void)
{
  g_autoptr(GError) error = NULL;
  KlLinePrice line;

  g_assert_true (kl_line_price_compute (&line, 50, 1999, 1000, 500, 0, 2500, &error));
  g_assert_no_error (error);
  /* 999.50 − 99.95 = 899.55; 5 % of it 44.9775 → 44.98; 854.57;
   * VAT 213.6425 → 213.64; 1 068.21. */
  assert_line (&line, 99950, 9995, 4498, 0, 85457, 21364, 106821);

  /* Compounding, not adding: 10 % then 10 % is 19 %, not 20 %. */
  g_assert_true (kl_line_price_compute (&line, 1, 10000, 1000, 1000, 0, 0, &error));
  assert_line (&line, 10000, 1000, 900, 0, 8100, 0, 8100);
}

/* Each band of the default deferral terms on a 100.00 line at 25 % VAT. */
static void
test_deferral_bands (void)
{
  static const struct { int days; int bp; gint64 deferral; gint64 net; gint64 vat; gint64 total; } cases[] = {
    { 0, -300, -300, 9700, 2425, 12125 },     /* prepayment −3 % */
    { 1, 0, 0, 10000, 2500, 12500 },
    { 30, 0, 0, 10000, 2500, 12500 },
    { 31, 200, 200, 10200, 2550, 12750 },     /* 31–60 days +2 % */
    { 45, 200, 200, 10200, 2550, 12750 },
    { 60, 200, 200, 10200, 2550, 12750 },
    { 61, 400, 400, 10400, 2600, 13000 },     /* 61–90 days +4 % */
    { 90, 400, 400, 10400, 2600, 13000 },
  };
  KlDeferralTerms terms;

  kl_deferral_terms_init_default (&terms);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      KlLinePrice line;
      int bp = 12345;

      g_assert_true (kl_deferral_terms_lookup (&terms, cases[i].days, &bp, &error));
      g_assert_no_error (error);
      g_assert_cmpint (bp, ==, cases[i].bp);
      g_assert_true (kl_line_price_compute (&line, 1, 10000, 0, 0, bp, 2500, &error));
      assert_line (&line, 10000, 0, 0, cases[i].deferral, cases[i].net, cases[i].vat, cases[i].total);
    }

  /* Beyond the last band no price is set. */
  {
    g_autoptr(GError) error = NULL;
    int bp = 12345;

    g_assert_false (kl_deferral_terms_lookup (&terms, 91, &bp, &error));
    g_assert_error (error, KL_OFFER_MATH_ERROR, KL_OFFER_MATH_ERROR_NO_BAND);
    g_assert_nonnull (strstr (error->message, "91"));
    g_assert_nonnull (strstr (error->message, "90"));
    g_assert_cmpint (bp, ==, 12345);
  }
}

/* Halves at each step: tier, deferral, VAT. */
static void
test_rounding_halves (void)
{
  g_autoptr(GError) error = NULL;
  KlLinePrice line;

  /* 10.10 at 5 %: 0.505 → 0.51; 9.59; VAT 25 % 2.3975 → 2.40. */
  g_assert_true (kl_line_price_compute (&line, 1, 1010, 500, 0, 0, 2500, &error));
  assert_line (&line, 1010, 51, 0, 0, 959, 240, 1199);

  /* 10.50 paid in advance: −0.315 → −0.32 (away from zero); 10.18;
   * VAT 13 % 1.3234 → 1.32. */
  g_assert_true (kl_line_price_compute (&line, 1, 1050, 0, 0, -300, 1300, &error));
  assert_line (&line, 1050, 0, 0, -32, 1018, 132, 1150);

  /* 0.02 at 25 % VAT: 0.005 → 0.01. */
  g_assert_true (kl_line_price_compute (&line, 1, 2, 0, 0, 0, 2500, &error));
  assert_line (&line, 2, 0, 0, 0, 2, 1, 3);

  /* Loyalty on a half: 3 × 0.35 = 1.05, 10 % tier 0.105 → 0.11; 0.94,
   * 50 % loyalty 0.47; 0.47. */
  g_assert_true (kl_line_price_compute (&line, 3, 35, 1000, 5000, 0, 0, &error));
  assert_line (&line, 105, 11, 47, 0, 47, 0, 47);
  g_assert_no_error (error);
}

static void
test_bad_input (void)
{
  KlLinePrice line;

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (kl_line_price_compute (&line, 0, 100, 0, 0, 0, 2500, &error));
    g_assert_error (error, KL_OFFER_MATH_ERROR, KL_OFFER_MATH_ERROR_RANGE);
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (kl_line_price_compute (&line, 1, 100, 10001, 0, 0, 2500, &error));
    g_assert_error (error, KL_OFFER_MATH_ERROR, KL_OFFER_MATH_ERROR_RANGE);
  }
  {
    g_autoptr(GError) error = NULL;

    /* 2 147 483 647 × 10^12 whole units: too large, not wrapped around. */
    g_assert_false (kl_line_price_compute (&line, G_MAXINT32, G_GINT64_CONSTANT (100000000000000),
                                           0, 0, 0, 2500, &error));
    g_assert_error (error, KL_OFFER_MATH_ERROR, KL_OFFER_MATH_ERROR_RANGE);
    g_assert_cmpint (line.total, ==, 0);
  }
}

/* Sums per VAT rate within one offer. */
static void
test_vat_per_rate (void)
{
  static const struct { gint64 quantity; gint64 price; int vat_bp; } lines[] = {
    { 2, 1000, 2500 },   /* 20.00 + 5.00 */
    { 1, 3333, 1300 },   /* 33.33 + 4.3329 → 4.33 */
    { 3, 1000, 2500 },   /* 30.00 + 7.50 */
    { 1, 500, 0 },       /* 5.00, no VAT */
  };
  KlOfferSums sums;
  const KlVatAmount *rate;

  kl_offer_sums_init (&sums, "EUR");
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(GError) error = NULL;
      KlLinePrice line;

      g_assert_true (kl_line_price_compute (&line, lines[i].quantity, lines[i].price, 0, 0, 0,
                                            lines[i].vat_bp, &error));
      g_assert_true (kl_offer_sums_add_line (&sums, &line, &error));
      g_assert_no_error (error);
    }

  g_assert_cmpstr (sums.currency, ==, "EUR");
  g_assert_cmpint (sums.net, ==, 8833);
  g_assert_cmpint (sums.vat, ==, 1683);
  g_assert_cmpint (sums.total, ==, 10516);
  g_assert_cmpuint (sums.vat_rates->len, ==, 3);
  rate = &g_array_index (sums.vat_rates, KlVatAmount, 0);
  g_assert_cmpint (rate->vat_bp, ==, 0);
  g_assert_cmpint (rate->base, ==, 500);
  g_assert_cmpint (rate->vat, ==, 0);
  rate = &g_array_index (sums.vat_rates, KlVatAmount, 1);
  g_assert_cmpint (rate->vat_bp, ==, 1300);
  g_assert_cmpint (rate->base, ==, 3333);
  g_assert_cmpint (rate->vat, ==, 433);
  rate = &g_array_index (sums.vat_rates, KlVatAmount, 2);
  g_assert_cmpint (rate->vat_bp, ==, 2500);
  g_assert_cmpint (rate->base, ==, 5000);
  g_assert_cmpint (rate->vat, ==, 1250);
  kl_offer_sums_clear (&sums);
}

static void
sums_of (KlOfferSums *sums,
         const char  *currency,
         gint64       price,
         int          vat_bp)
{
  g_autoptr(GError) error = NULL;
  KlLinePrice line;

  kl_offer_sums_init (sums, currency);
  g_assert_true (kl_line_price_compute (&line, 1, price, 0, 0, 0, vat_bp, &error));
  g_assert_true (kl_offer_sums_add_line (sums, &line, &error));
  g_assert_no_error (error);
}

/* Offers in EUR and RUB: one row per currency, never one grand total. */
static void
test_several_currencies (void)
{
  g_autoptr(KlMoneyTotals) totals = kl_money_totals_new ();
  g_autoptr(GError) error = NULL;
  KlOfferSums eur1, rub, eur2;
  const KlCurrencySum *sum;

  sums_of (&eur1, "EUR", 10000, 2500);     /* 100.00 + 25.00 */
  sums_of (&rub, "RUB", 100000, 2000);     /* 1 000.00 ₽ + 200.00 */
  sums_of (&eur2, "EUR", 2000, 1300);      /* 20.00 + 2.60 */
  g_assert_true (kl_money_totals_add (totals, &eur1, &error));
  g_assert_true (kl_money_totals_add (totals, &rub, &error));
  g_assert_true (kl_money_totals_add (totals, &eur2, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (kl_money_totals_get_n (totals), ==, 2);
  sum = kl_money_totals_get (totals, 0);
  g_assert_cmpstr (sum->currency, ==, "EUR");
  g_assert_cmpint (sum->net, ==, 12000);
  g_assert_cmpint (sum->vat, ==, 2760);
  g_assert_cmpint (sum->total, ==, 14760);
  sum = kl_money_totals_lookup (totals, "RUB");
  g_assert_nonnull (sum);
  g_assert_cmpint (sum->net, ==, 100000);
  g_assert_cmpint (sum->vat, ==, 20000);
  g_assert_cmpint (sum->total, ==, 120000);
  g_assert_null (kl_money_totals_lookup (totals, "USD"));

  kl_offer_sums_clear (&eur1);
  kl_offer_sums_clear (&rub);
  kl_offer_sums_clear (&eur2);
}

static void
test_terms_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  KlDeferralTerms terms, parsed;
  static const char *const bad[] = {
    "30:0;20:100",        /* not increasing */
    "30:0;30:100",
    "abc",
    "30",
    "400:0",              /* beyond a year */
    "10:10001",           /* beyond +100 % */
    "-1:0",
  };

  kl_deferral_terms_init_default (&terms);
  text = kl_deferral_terms_to_string (&terms);
  g_assert_cmpstr (text, ==, "0:-300;30:0;60:200;90:400");
  g_assert_true (kl_deferral_terms_parse (&parsed, " 0:-300 ; 30:0;60:200;90:400;", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (parsed.n_bands, ==, 4);
  g_assert_cmpmem (parsed.bands, sizeof parsed.bands[0] * 4, terms.bands, sizeof terms.bands[0] * 4);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) bad_error = NULL;

      parsed.n_bands = 99;
      g_assert_false (kl_deferral_terms_parse (&parsed, bad[i], &bad_error));
      g_assert_error (bad_error, KL_OFFER_MATH_ERROR, KL_OFFER_MATH_ERROR_INVALID);
      g_assert_cmpuint (parsed.n_bands, ==, 99);
    }

  /* No bands: every offer needs one. */
  g_assert_true (kl_deferral_terms_parse (&parsed, "", &error));
  g_assert_cmpuint (parsed.n_bands, ==, 0);
}

/* The bands as the Preferences show them, from–to days: the defaults
 * come back as they went in; gaps, overlaps, a band ending before it
 * starts, days past a year and changes past ±100 % are refused with the
 * band, the value and a reason naming the days. */
static void
test_terms_ranges (void)
{
  static const KlDeferralRange edited[] = {
    { 0, 0, -500 }, { 1, 45, 0 }, { 46, 120, 350 },
  };
  static const struct {
    KlDeferralRange ranges[3];
    guint           n;
    guint           bad;
    KlDeferralField field;
    const char     *message;
  } bad[] = {
    { { { 0, 30, 0 }, { 35, 60, 200 } }, 2, 1, KL_DEFERRAL_FIELD_FROM,
      "Days 31 to 34 are in no band: start this band on day 31." },
    { { { 0, 30, 0 }, { 32, 60, 200 } }, 2, 1, KL_DEFERRAL_FIELD_FROM,
      "Day 31 is in no band: start this band on day 31." },
    { { { 0, 30, 0 }, { 25, 60, 200 } }, 2, 1, KL_DEFERRAL_FIELD_FROM,
      "The band before ends on day 30: start this band on day 31." },
    { { { 5, 30, 0 } }, 1, 0, KL_DEFERRAL_FIELD_FROM,
      "The first band starts at 0 days: payment in advance." },
    { { { 0, 30, 0 }, { 31, 20, 200 } }, 2, 1, KL_DEFERRAL_FIELD_TO,
      "The band ends before it starts: give 31 days or more." },
    { { { 0, 30, 0 }, { 31, 400, 200 } }, 2, 1, KL_DEFERRAL_FIELD_TO,
      "Give a number of days from 0 to 365." },
    { { { 0, 30, -10001 } }, 1, 0, KL_DEFERRAL_FIELD_PERCENT,
      "Give a change from −100 to +100 percent." },
    { { { 0 } }, 0, 0, KL_DEFERRAL_FIELD_NONE,
      "Give at least one payment deferral band, for example up to 30 days with no change of price." },
  };
  KlDeferralTerms terms, defaults;
  g_autoptr(GError) error = NULL;
  KlDeferralRange range;
  int bp = 0;

  /* The defaults: prepayment, then 1–30, 31–60, 61–90 days. */
  kl_deferral_terms_init_default (&defaults);
  kl_deferral_terms_get_range (&defaults, 0, &range);
  g_assert_cmpint (range.from_days, ==, 0);
  g_assert_cmpint (range.to_days, ==, 0);
  g_assert_cmpint (range.adjustment_bp, ==, -300);
  kl_deferral_terms_get_range (&defaults, 2, &range);
  g_assert_cmpint (range.from_days, ==, 31);
  g_assert_cmpint (range.to_days, ==, 60);
  g_assert_cmpint (range.adjustment_bp, ==, 200);

  g_assert_true (kl_deferral_terms_from_ranges (&terms, edited, G_N_ELEMENTS (edited), NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (terms.n_bands, ==, 3);
  g_assert_true (kl_deferral_terms_lookup (&terms, 0, &bp, NULL));
  g_assert_cmpint (bp, ==, -500);
  g_assert_true (kl_deferral_terms_lookup (&terms, 45, &bp, NULL));
  g_assert_cmpint (bp, ==, 0);
  g_assert_true (kl_deferral_terms_lookup (&terms, 46, &bp, NULL));
  g_assert_cmpint (bp, ==, 350);
  g_assert_true (kl_deferral_terms_lookup (&terms, 120, &bp, NULL));
  g_assert_false (kl_deferral_terms_lookup (&terms, 121, &bp, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) bad_error = NULL;
      KlDeferralTerms kept = defaults;
      KlDeferralField field = 99;
      guint index = 99;

      g_assert_false (kl_deferral_terms_from_ranges (&kept, bad[i].ranges, bad[i].n, &index, &field, &bad_error));
      g_assert_error (bad_error, KL_OFFER_MATH_ERROR, KL_OFFER_MATH_ERROR_INVALID);
      g_assert_cmpstr (bad_error->message, ==, bad[i].message);
      g_assert_cmpuint (index, ==, bad[i].bad);
      g_assert_cmpint (field, ==, bad[i].field);
      /* Unchanged on failure. */
      g_assert_cmpmem (&kept, sizeof kept, &defaults, sizeof defaults);
    }
}

/* Stored offers */

typedef struct {
  char      *dir;
  KlSession *session;
  gint64     client_id;
  gint64     product_id;
  gint64     rub_product_id;
} Fixture;

static gint64
insert (Fixture  *f,
        KlEntity *entity)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_store_insert (kl_session_get_store (f->session, G_OBJECT_TYPE (entity)), entity, &error));
  g_assert_no_error (error);
  return kl_entity_get_id (entity);
}

static gint64
insert_product (Fixture    *f,
                const char *code,
                gint64      price,
                const char *currency)
{
  g_autoptr(KlEntity) product = g_object_new (KL_TYPE_PRODUCT, NULL);

  kl_entity_set_text (product, "code", code);
  kl_entity_set_text (product, "name", code);
  kl_entity_set_number (product, "price", price);
  kl_entity_set_text (product, "currency", currency);
  kl_entity_set_number (product, "vat_rate_bp", 2500);
  return insert (f, product);
}

static void
insert_tier (Fixture *f,
             gint64   product_id,
             gint64   min_quantity,
             int      bp)
{
  g_autoptr(KlEntity) tier = g_object_new (KL_TYPE_PRICE_TIER, NULL);

  kl_entity_set_number (tier, "product_id", product_id);
  kl_entity_set_number (tier, "min_quantity", min_quantity);
  kl_entity_set_number (tier, "discount_bp", bp);
  insert (f, tier);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(KlEntity) client = NULL;

  f->session = kl_test_open_session ("offers", &f->dir, NULL);
  client = kl_session_new_entity (f->session, KL_TYPE_CLIENT);
  kl_entity_set_text (client, "name", "Jadran d.o.o.");
  f->client_id = insert (f, client);

  f->product_id = insert_product (f, "P-1", 1999, "EUR");
  insert_tier (f, f->product_id, 10, 500);
  insert_tier (f, f->product_id, 50, 1000);
  f->rub_product_id = insert_product (f, "R-1", 100000, "RUB");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_close_session (&f->session, &f->dir, NULL);
}

/* The price list's tier for a quantity, and its currency kept apart. */
static void
test_product_price (Fixture       *f,
                    gconstpointer  data)
{
  static const struct { gint64 quantity; int bp; } cases[] = {
    { 1, 0 }, { 9, 0 }, { 10, 500 }, { 49, 500 }, { 50, 1000 }, { 500, 1000 },
  };
  KlDatabase *db = kl_session_get_database (f->session);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      KlProductPrice price;

      g_assert_true (kl_product_price_lookup (db, f->product_id, cases[i].quantity, "EUR", &price, &error));
      g_assert_no_error (error);
      g_assert_cmpint (price.tier_bp, ==, cases[i].bp);
      g_assert_cmpint (price.unit_price, ==, 1999);
      g_assert_cmpint (price.vat_bp, ==, 2500);
      g_assert_cmpstr (price.code, ==, "P-1");
      kl_product_price_clear (&price);
    }

  {
    g_autoptr(GError) error = NULL;
    KlProductPrice price;

    g_assert_false (kl_product_price_lookup (db, f->rub_product_id, 1, "EUR", &price, &error));
    g_assert_error (error, KL_OFFER_MATH_ERROR, KL_OFFER_MATH_ERROR_CURRENCY);
    g_assert_nonnull (strstr (error->message, "RUB"));
    g_assert_nonnull (strstr (error->message, "EUR"));
  }
  {
    g_autoptr(GError) error = NULL;
    KlProductPrice price;

    g_assert_false (kl_product_price_lookup (db, 999, 1, "EUR", &price, &error));
    g_assert_error (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_NOT_FOUND);
  }
}

static gint64
insert_offer (Fixture    *f,
              const char *number,
              int         loyalty_bp,
              int         deferral_days)
{
  g_autoptr(KlEntity) offer = kl_session_new_entity (f->session, KL_TYPE_OFFER);

  kl_entity_set_text (offer, "number", number);
  kl_entity_set_number (offer, "client_id", f->client_id);
  kl_entity_set_text (offer, "issue_date", "2026-03-01");
  kl_entity_set_text (offer, "currency", "EUR");
  kl_entity_set_number (offer, "loyalty_discount_bp", loyalty_bp);
  kl_entity_set_number (offer, "deferral_days", deferral_days);
  return insert (f, offer);
}

static void
insert_line (Fixture    *f,
             gint64      offer_id,
             int         position,
             gint64      product_id,
             const char *description,
             gint64      quantity,
             gint64      unit_price,
             int         discount_bp,
             int         vat_bp)
{
  g_autoptr(KlEntity) line = g_object_new (KL_TYPE_OFFER_LINE, NULL);

  kl_entity_set_number (line, "offer_id", offer_id);
  kl_entity_set_number (line, "position", position);
  if (product_id != 0)
    kl_entity_set_number (line, "product_id", product_id);
  kl_entity_set_text (line, "description", description);
  kl_entity_set_number (line, "quantity", quantity);
  kl_entity_set_number (line, "unit_price", unit_price);
  kl_entity_set_number (line, "discount_bp", discount_bp);
  kl_entity_set_number (line, "vat_rate_bp", vat_bp);
  insert (f, line);
}

/* A stored offer: 5 % loyalty, 45 days' deferral (+2 %), two lines. */
static void
test_priced_offer (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlPricedOffer) offer = NULL;
  KlDatabase *db = kl_session_get_database (f->session);
  KlDeferralTerms terms;
  gint64 id = insert_offer (f, "PON-2026-0001", 500, 45);
  const KlPricedLine *line;

  /* Stored out of order: the positions decide. */
  insert_line (f, id, 2, 0, "Installation", 1, 25000, 0, 1300);
  insert_line (f, id, 1, f->product_id, "Paper A4", 50, 1999, 1000, 2500);

  kl_deferral_terms_init_default (&terms);
  g_assert_cmpint (kl_offer_find_by_number (db, "PON-2026-0001", &error), ==, id);
  offer = kl_priced_offer_load (db, id, &terms, &error);
  g_assert_no_error (error);
  g_assert_nonnull (offer);
  g_assert_cmpstr (offer->number, ==, "PON-2026-0001");
  g_assert_cmpint (offer->client_id, ==, f->client_id);
  g_assert_cmpint (offer->deferral_bp, ==, 200);
  g_assert_cmpuint (offer->lines->len, ==, 2);

  /* 999.50 − 99.95 = 899.55; loyalty 44.9775 → 44.98: 854.57; +2 %
   * 17.0914 → 17.09: 871.66; VAT 217.915 → 217.92 (a half, up): 1 089.58. */
  line = &g_array_index (offer->lines, KlPricedLine, 0);
  g_assert_cmpstr (line->description, ==, "Paper A4");
  g_assert_cmpstr (line->code, ==, "P-1");
  g_assert_cmpstr (line->unit, ==, "pcs");
  assert_line (&line->price, 99950, 9995, 4498, 1709, 87166, 21792, 108958);

  /* 250.00, loyalty 12.50: 237.50; +2 % 4.75: 242.25; VAT 13 %
   * 31.4925 → 31.49: 273.74. */
  line = &g_array_index (offer->lines, KlPricedLine, 1);
  g_assert_null (line->code);
  assert_line (&line->price, 25000, 0, 1250, 475, 24225, 3149, 27374);

  g_assert_cmpstr (offer->sums.currency, ==, "EUR");
  g_assert_cmpint (offer->sums.gross, ==, 124950);
  g_assert_cmpint (offer->sums.discounts, ==, 9995 + 4498 + 1250);
  g_assert_cmpint (offer->sums.deferral, ==, 2184);
  g_assert_cmpint (offer->sums.net, ==, 111391);
  g_assert_cmpint (offer->sums.vat, ==, 24941);
  g_assert_cmpint (offer->sums.total, ==, 136332);
  g_assert_cmpuint (offer->sums.vat_rates->len, ==, 2);
}

/* An offer deferred beyond every band cannot be priced. */
static void
test_priced_offer_no_band (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlPricedOffer) offer = NULL;
  KlDeferralTerms terms;
  gint64 id = insert_offer (f, "PON-2026-0002", 0, 120);

  kl_deferral_terms_init_default (&terms);
  offer = kl_priced_offer_load (kl_session_get_database (f->session), id, &terms, &error);
  g_assert_null (offer);
  g_assert_error (error, KL_OFFER_MATH_ERROR, KL_OFFER_MATH_ERROR_NO_BAND);

  g_clear_error (&error);
  g_assert_null (kl_priced_offer_load (kl_session_get_database (f->session), id + 100, &terms, &error));
  g_assert_error (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (kl_offer_find_by_number (kl_session_get_database (f->session), "X", &error), ==, 0);
  g_assert_error (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/offers/math/percent-rounding", test_percent_rounding);
  g_test_add_func ("/offers/math/tiers-at-boundaries", test_tiers_at_boundaries);
  g_test_add_func ("/offers/math/loyalty-plus-tier", test_loyalty_plus_tier);
  g_test_add_func ("/offers/math/deferral-bands", test_deferral_bands);
  g_test_add_func ("/offers/math/rounding-halves", test_rounding_halves);
  g_test_add_func ("/offers/math/bad-input", test_bad_input);
  g_test_add_func ("/offers/math/vat-per-rate", test_vat_per_rate);
  g_test_add_func ("/offers/math/several-currencies", test_several_currencies);
  g_test_add_func ("/offers/math/terms-text", test_terms_text);
  g_test_add_func ("/offers/math/terms-ranges", test_terms_ranges);
  g_test_add ("/offers/pricing/product-price", Fixture, NULL, fixture_set_up, test_product_price, fixture_tear_down);
  g_test_add ("/offers/pricing/priced-offer", Fixture, NULL, fixture_set_up, test_priced_offer, fixture_tear_down);
  g_test_add ("/offers/pricing/no-band", Fixture, NULL, fixture_set_up, test_priced_offer_no_band, fixture_tear_down);

  return g_test_run ();
}
