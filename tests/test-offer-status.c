/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "kl-company.h"
#include "kl-entities.h"
#include "kl-offer-pricing.h"
#include "kl-offer-save.h"
#include "kl-offer-status.h"
#include "kl-test.h"
#include "kl-validation.h"

/* Offers: the status workflow (every allowed step, refused ones, expiry
 * only past validity) and an offer saved with its lines. */

typedef struct {
  char      *dir;
  KlSession *session;
  gint64     client_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = NULL;

  f->session = kl_test_open_session ("offer-status", &f->dir, NULL);
  client = kl_session_new_entity (f->session, KL_TYPE_CLIENT);
  kl_entity_set_text (client, "name", "Jadran d.o.o.");
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_CLIENT), client, &error));
  g_assert_no_error (error);
  f->client_id = kl_entity_get_id (client);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_close_session (&f->session, &f->dir, NULL);
}

static KlOffer *
new_offer (Fixture    *f,
           const char *number,
           const char *valid_until)
{
  KlEntity *offer = kl_session_new_entity (f->session, KL_TYPE_OFFER);

  kl_entity_set_text (offer, "number", number);
  kl_entity_set_number (offer, "client_id", f->client_id);
  kl_entity_set_text (offer, "issue_date", "2026-01-10");
  kl_entity_set_text (offer, "valid_until", valid_until);
  kl_entity_set_text (offer, "currency", "EUR");
  return KL_OFFER (offer);
}

static gint64
insert_offer (Fixture    *f,
              const char *number,
              const char *valid_until)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlOffer) offer = new_offer (f, number, valid_until);
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  gint64 id = kl_offer_save (f->session, offer, lines, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static char *
status_of (Fixture *f,
           gint64   id)
{
  g_autoptr(KlEntity) offer = kl_store_get (kl_session_get_store (f->session, KL_TYPE_OFFER), id, NULL);

  return g_strdup (kl_entity_get_text (offer, "status"));
}

static void
test_next_statuses (void)
{
  static const struct { const char *from; const char *next[4]; } cases[] = {
    { "draft", { "sent", NULL } },
    { "sent", { "accepted", "rejected", "expired", NULL } },
    { "accepted", { NULL } },
    { "rejected", { NULL } },
    { "expired", { NULL } },
    { "nonsense", { NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_true (g_strv_equal (kl_offer_next_statuses (cases[i].from), cases[i].next));
}

static void
test_allowed_by_validity (void)
{
  g_auto(GStrv) valid = kl_offer_allowed_statuses ("sent", "2026-03-31", "2026-03-31");
  g_auto(GStrv) past = kl_offer_allowed_statuses ("sent", "2026-03-30", "2026-03-31");
  g_auto(GStrv) undated = kl_offer_allowed_statuses ("sent", NULL, "2026-03-31");
  g_auto(GStrv) draft = kl_offer_allowed_statuses ("draft", "2026-01-01", "2026-03-31");
  g_auto(GStrv) done = kl_offer_allowed_statuses ("accepted", "2026-01-01", "2026-03-31");
  const char *valid_expect[] = { "sent", "accepted", "rejected", NULL };
  const char *past_expect[] = { "sent", "accepted", "rejected", "expired", NULL };
  const char *draft_expect[] = { "draft", "sent", NULL };
  const char *done_expect[] = { "accepted", NULL };
  g_autoptr(GError) error = NULL;

  /* Valid through its last day: it expires the day after. */
  g_assert_true (g_strv_equal ((const char * const *) valid, valid_expect));
  g_assert_true (g_strv_equal ((const char * const *) past, past_expect));
  g_assert_true (g_strv_equal ((const char * const *) undated, valid_expect));
  g_assert_true (g_strv_equal ((const char * const *) draft, draft_expect));
  g_assert_true (g_strv_equal ((const char * const *) done, done_expect));

  g_assert_false (kl_offer_status_allowed ("sent", "expired", "2026-04-01", "2026-03-31", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_ORDER);
}

static void
test_change_status (Fixture       *f,
                    gconstpointer  data)
{
  static const struct { const char *path[3]; const char *valid_until; } allowed[] = {
    { { "sent", "accepted", NULL }, "2099-12-31" },
    { { "sent", "rejected", NULL }, "2099-12-31" },
    { { "sent", "expired", NULL }, "2026-01-31" },
  };
  static const struct { const char *before; const char *to; } refused[] = {
    { NULL, "accepted" }, { NULL, "rejected" }, { NULL, "expired" },
    { "sent", "draft" }, { "sent", "expired" }, { "accepted", "rejected" }, { "accepted", "sent" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      g_autofree char *number = g_strdup_printf ("PON-A-%u", i);
      gint64 id = insert_offer (f, number, allowed[i].valid_until);

      for (guint j = 0; allowed[i].path[j] != NULL; j++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *status = NULL;

          g_assert_true (kl_offer_change_status (f->session, id, allowed[i].path[j], &error));
          g_assert_no_error (error);
          status = status_of (f, id);
          g_assert_cmpstr (status, ==, allowed[i].path[j]);
        }
      /* Each step is in the audit trail. */
      g_assert_cmpint (kl_test_query_int (f->session,
                                          "SELECT count(*) FROM audit_log"
                                          " WHERE table_name = 'offers' AND field = 'status'"
                                          " AND action = 'update'"), ==, 2 * (i + 1));
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *number = g_strdup_printf ("PON-R-%u", i);
      gint64 id = insert_offer (f, number, "2099-12-31");
      g_autoptr(GError) error = NULL;
      g_autofree char *status = NULL;
      const char *before = refused[i].before != NULL ? refused[i].before : "draft";

      if (refused[i].before != NULL)
        {
          g_assert_true (kl_offer_change_status (f->session, id, "sent", NULL));
          if (strcmp (before, "sent") != 0)
            g_assert_true (kl_offer_change_status (f->session, id, before, NULL));
        }
      g_assert_false (kl_offer_change_status (f->session, id, refused[i].to, &error));
      g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_ORDER);
      status = status_of (f, id);
      g_assert_cmpstr (status, ==, before);
    }
}

static KlEntity *
new_line (gint64      quantity,
          gint64      unit_price,
          int         tier_bp,
          const char *description)
{
  KlEntity *line = g_object_new (KL_TYPE_OFFER_LINE, NULL);

  kl_entity_set_text (line, "description", description);
  kl_entity_set_number (line, "quantity", quantity);
  kl_entity_set_number (line, "unit_price", unit_price);
  kl_entity_set_number (line, "discount_bp", tier_bp);
  kl_entity_set_number (line, "vat_rate_bp", 2500);
  return line;
}

static void
test_save_with_lines (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlOffer) offer = new_offer (f, "PON-2026-0001", "2026-02-10");
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KlPricedOffer) priced = NULL;
  KlDeferralTerms terms;
  KlPricedLine *line;
  gint64 id;

  kl_entity_set_number (KL_ENTITY (offer), "loyalty_discount_bp", 300);
  kl_entity_set_number (KL_ENTITY (offer), "deferral_days", 45);
  g_ptr_array_add (lines, new_line (100, 1235, 500, "Uredski stol"));
  g_ptr_array_add (lines, new_line (3, 999, 0, "Stolica"));

  id = kl_offer_save (f->session, offer, lines, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* By hand: 100 × 12,35 = 1 235,00; tier 5 % −61,75 → 1 173,25;
   * loyalty 3 % −35,1975 → −35,20 → 1 138,05; 45 days +2 % 22,761 →
   * +22,76 → net 1 160,81; VAT 25 % 290,2025 → 290,20; total 1 451,01. */
  kl_deferral_terms_init_default (&terms);
  priced = kl_priced_offer_load (kl_session_get_database (f->session), id, &terms, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (priced->lines->len, ==, 2);
  line = &g_array_index (priced->lines, KlPricedLine, 0);
  g_assert_cmpstr (line->description, ==, "Uredski stol");
  g_assert_cmpint (line->price.gross, ==, 123500);
  g_assert_cmpint (line->price.tier_amount, ==, 6175);
  g_assert_cmpint (line->price.loyalty_amount, ==, 3520);
  g_assert_cmpint (line->price.deferral_amount, ==, 2276);
  g_assert_cmpint (line->price.net, ==, 116081);
  g_assert_cmpint (line->price.vat, ==, 29020);
  g_assert_cmpint (line->price.total, ==, 145101);

  /* Saved again with one line: the other is gone, positions from 1. */
  g_ptr_array_remove_index (lines, 0);
  g_assert_cmpint (kl_offer_save (f->session, offer, lines, &error), ==, id);
  g_assert_no_error (error);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM offer_lines"), ==, 1);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT position FROM offer_lines"), ==, 1);

  /* A deferral beyond the last band is refused, nothing written. */
  kl_entity_set_number (KL_ENTITY (offer), "deferral_days", 120);
  g_assert_cmpint (kl_offer_save (f->session, offer, lines, &error), ==, 0);
  g_assert_error (error, KL_OFFER_MATH_ERROR, KL_OFFER_MATH_ERROR_NO_BAND);
  g_clear_error (&error);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT deferral_days FROM offers"), ==, 45);

  /* A step the workflow refuses, through the editor's save too. */
  kl_entity_set_number (KL_ENTITY (offer), "deferral_days", 45);
  kl_entity_set_text (KL_ENTITY (offer), "status", "accepted");
  g_assert_cmpint (kl_offer_save (f->session, offer, lines, &error), ==, 0);
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_ORDER);
  g_clear_error (&error);
  kl_entity_set_text (KL_ENTITY (offer), "status", "sent");
  g_assert_cmpint (kl_offer_save (f->session, offer, lines, &error), ==, id);
  g_assert_no_error (error);

  /* The client's loyalty discount carries to the next offer. */
  g_assert_cmpint (kl_offer_client_loyalty (kl_session_get_database (f->session), f->client_id, 0), ==, 300);
  g_assert_cmpint (kl_offer_client_loyalty (kl_session_get_database (f->session), f->client_id, id), ==, 0);
}

static gint64
insert_product (Fixture    *f,
                const char *code,
                const char *name,
                const char *currency)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) product = kl_session_new_entity (f->session, KL_TYPE_PRODUCT);

  kl_entity_set_text (product, "code", code);
  kl_entity_set_text (product, "name", name);
  kl_entity_set_number (product, "price", 1000);
  kl_entity_set_text (product, "currency", currency);
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_PRODUCT), product, &error));
  g_assert_no_error (error);
  return kl_entity_get_id (product);
}

/* A line from the price list in another currency than the offer's is
 * refused by the store itself, whoever saves, in the user's language;
 * nothing is written. */
static void
test_save_mixed_currency (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlOffer) offer = new_offer (f, "PON-2026-0007", "2026-02-10");
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 eur = insert_product (f, "STOL", "Uredski stol", "EUR");
  gint64 usd = insert_product (f, "LAMP", "Stolna lampa", "USD");
  KlEntity *line;
  gint64 id;

  kl_entity_set_number (KL_ENTITY (offer), "deferral_days", 30);
  line = new_line (2, 1000, 0, "Uredski stol");
  kl_entity_set_number (line, "product_id", eur);
  g_ptr_array_add (lines, line);
  line = new_line (1, 1000, 0, "Stolna lampa");
  kl_entity_set_number (line, "product_id", usd);
  g_ptr_array_add (lines, line);
  /* A line of free text has no currency of its own. */
  g_ptr_array_add (lines, new_line (1, 500, 0, "Dostava"));

  g_assert_cmpint (kl_offer_save (f->session, offer, lines, &error), ==, 0);
  g_assert_error (error, KL_OFFER_MATH_ERROR, KL_OFFER_MATH_ERROR_CURRENCY);
  g_assert_cmpstr (error->message, ==,
                   "Line 2: “Stolna lampa” is priced in USD and this offer is in EUR: an offer holds one currency.");
  g_clear_error (&error);
  g_assert_cmpint (kl_entity_get_id (KL_ENTITY (offer)), ==, 0);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM offers"), ==, 0);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM offer_lines"), ==, 0);

  /* In Croatian and Russian, as the editor shows it. */
  if (setlocale (LC_ALL, "hr_HR.UTF-8") != NULL)
    {
      g_assert_cmpint (kl_offer_save (f->session, offer, lines, &error), ==, 0);
      g_assert_cmpstr (error->message, ==,
                       "Stavka 2: Cijena za „Stolna lampa” iskazana je u valuti USD, a ova ponuda u valuti EUR: "
                       "ponuda ima samo jednu valutu.");
      g_clear_error (&error);
    }
  if (setlocale (LC_ALL, "ru_RU.UTF-8") != NULL)
    {
      g_assert_cmpint (kl_offer_save (f->session, offer, lines, &error), ==, 0);
      g_assert_cmpstr (error->message, ==,
                       "Строка 2: Цена «Stolna lampa» указана в USD, а это предложение — в EUR: "
                       "в предложении может быть только одна валюта.");
      g_clear_error (&error);
    }
  setlocale (LC_ALL, "C.UTF-8");

  /* Without the other currency's line it is saved; an existing offer
   * changed to another currency is refused the same way. */
  g_ptr_array_remove_index (lines, 1);
  id = kl_offer_save (f->session, offer, lines, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  kl_entity_set_text (KL_ENTITY (offer), "currency", "USD");
  g_assert_cmpint (kl_offer_save (f->session, offer, lines, &error), ==, 0);
  g_assert_error (error, KL_OFFER_MATH_ERROR, KL_OFFER_MATH_ERROR_CURRENCY);
  g_clear_error (&error);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM offers WHERE currency = 'EUR'"), ==, 1);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM offer_lines"), ==, 2);
}

/* Bands edited in the Preferences (kept in the database) price the next
 * offer saved: 100 days, beyond the default 90, now in a band of +5 %;
 * prepayment now −5 %. */
static void
test_save_with_edited_bands (Fixture       *f,
                             gconstpointer  data)
{
  static const KlDeferralRange ranges[] = {
    { 0, 0, -500 }, { 1, 30, 0 }, { 31, 120, 500 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCompany) company = kl_company_load (kl_session_get_database (f->session), &error);
  g_autoptr(KlOffer) offer = new_offer (f, "PON-2026-0009", "2026-02-10");
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KlCompany) again = NULL;
  g_autoptr(KlPricedOffer) priced = NULL;
  KlPricedLine *line;
  gint64 id;

  g_assert_no_error (error);
  kl_entity_set_number (KL_ENTITY (offer), "deferral_days", 100);
  g_ptr_array_add (lines, new_line (10, 1999, 0, "Toner"));

  /* With the defaults 100 days is priced nowhere. */
  g_assert_cmpint (kl_offer_save (f->session, offer, lines, &error), ==, 0);
  g_assert_error (error, KL_OFFER_MATH_ERROR, KL_OFFER_MATH_ERROR_NO_BAND);
  g_clear_error (&error);

  g_free (company->name);
  company->name = g_strdup ("Klijentela d.o.o.");
  g_assert_true (kl_deferral_terms_from_ranges (&company->deferral, ranges, G_N_ELEMENTS (ranges),
                                                NULL, NULL, &error));
  g_assert_true (kl_session_save_company (f->session, company, NULL, &error));
  g_assert_no_error (error);
  again = kl_company_load (kl_session_get_database (f->session), &error);
  g_assert_cmpuint (again->deferral.n_bands, ==, 3);

  id = kl_offer_save (f->session, offer, lines, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  /* By hand: 10 × 19,99 = 199,90; +5 % 9,995 → 10,00 (half away from
   * zero); net 209,90; VAT 25 % 52,475 → 52,48; total 262,38. */
  priced = kl_priced_offer_load (kl_session_get_database (f->session), id, &again->deferral, &error);
  g_assert_no_error (error);
  g_assert_cmpint (priced->deferral_bp, ==, 500);
  line = &g_array_index (priced->lines, KlPricedLine, 0);
  g_assert_cmpint (line->price.gross, ==, 19990);
  g_assert_cmpint (line->price.deferral_amount, ==, 1000);
  g_assert_cmpint (line->price.net, ==, 20990);
  g_assert_cmpint (line->price.vat, ==, 5248);
  g_assert_cmpint (line->price.total, ==, 26238);
  g_clear_pointer (&priced, kl_priced_offer_free);

  /* Paid in advance: −5 % now, −9,995 → −10,00. */
  kl_entity_set_number (KL_ENTITY (offer), "deferral_days", 0);
  g_assert_cmpint (kl_offer_save (f->session, offer, lines, &error), ==, id);
  priced = kl_priced_offer_load (kl_session_get_database (f->session), id, &again->deferral, &error);
  g_assert_no_error (error);
  line = &g_array_index (priced->lines, KlPricedLine, 0);
  g_assert_cmpint (line->price.deferral_amount, ==, -1000);
  g_assert_cmpint (line->price.net, ==, 18990);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KLIJENTELA_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add_func ("/model/offer-status/next", test_next_statuses);
  g_test_add_func ("/model/offer-status/allowed-by-validity", test_allowed_by_validity);
  g_test_add ("/model/offer-status/change", Fixture, NULL,
              fixture_set_up, test_change_status, fixture_tear_down);
  g_test_add ("/model/offer-status/save-with-lines", Fixture, NULL,
              fixture_set_up, test_save_with_lines, fixture_tear_down);
  g_test_add ("/model/offer-status/save-with-edited-bands", Fixture, NULL,
              fixture_set_up, test_save_with_edited_bands, fixture_tear_down);
  g_test_add ("/model/offer-status/save-mixed-currency", Fixture, NULL,
              fixture_set_up, test_save_mixed_currency, fixture_tear_down);

  return g_test_run ();
}
