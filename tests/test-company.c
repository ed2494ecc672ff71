/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kl-company.h"
#include "kl-entities.h"
#include "kl-test.h"
#include "kl-validation.h"

/* The own company's preferences in the database, and document numbers
 * from their patterns. */

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

  f->session = kl_test_open_session ("company", &f->dir, NULL);
  g_assert_true (kl_session_set_office (f->session, "HR", "EUR", &error));
  g_assert_no_error (error);
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

static KlDatabase *
db (Fixture *f)
{
  return kl_session_get_database (f->session);
}

static void
test_defaults (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCompany) company = kl_company_load (db (f), &error);
  g_autoptr(KlCompany) ru = NULL;
  KlOffice office;

  g_assert_no_error (error);
  g_assert_null (company->name);
  g_assert_cmpstr (company->office.country, ==, "HR");
  g_assert_cmpstr (company->office.currency, ==, "EUR");
  g_assert_cmpstr (company->offer_pattern, ==, "PON-{YYYY}-{NNNN}");
  g_assert_cmpstr (company->contract_pattern, ==, "UG-{YYYY}-{NNNN}");
  g_assert_cmpuint (company->n_vat_rates, ==, 4);
  g_assert_cmpint (company->vat_rates[0], ==, 2500);
  g_assert_cmpuint (company->deferral.n_bands, ==, 4);

  kl_office_for_locale (&office, "ru_RU.UTF-8");
  ru = kl_company_new_for_office (&office);
  g_assert_cmpstr (ru->contract_pattern, ==, "ДГ-{YYYY}-{NNNN}");
  g_assert_cmpint (ru->vat_rates[0], ==, 2000);

  /* Without a name there is nothing to put on an offer. */
  {
    const char *bad = NULL;

    g_assert_false (kl_company_save (company, db (f), &bad, &error));
    g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED);
    g_assert_cmpstr (bad, ==, "name");
  }
}

static void
test_save_load_croatian (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCompany) company = kl_company_load (db (f), &error);
  g_autoptr(KlCompany) again = NULL;
  const char *bad = NULL;

  company->name = g_strdup ("Klijentela d.o.o.");
  company->legal_form = g_strdup ("d.o.o.");
  company->tax_id = g_strdup ("69435151530");
  company->address = g_strdup ("Ilica 1");
  company->postal_code = g_strdup ("10000");
  company->city = g_strdup ("Zagreb");
  company->email = g_strdup ("ured@klijentela.hr");
  company->iban = g_strdup ("hr12 1001 0051 8630 0016 0");
  company->bank_name = g_strdup ("Zagrebačka banka");
  company->n_vat_rates = 2;
  company->vat_rates[0] = 1300;
  company->vat_rates[1] = 2500;
  g_free (company->contract_pattern);
  company->contract_pattern = g_strdup ("UG/{YY}/{NNN}");
  g_assert_true (kl_deferral_terms_parse (&company->deferral, "0:-500;45:0;90:300", &error));

  g_assert_true (kl_company_save (company, db (f), &bad, &error));
  g_assert_no_error (error);
  g_assert_null (bad);

  again = kl_company_load (db (f), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->name, ==, "Klijentela d.o.o.");
  g_assert_cmpstr (again->tax_id, ==, "69435151530");
  g_assert_cmpstr (again->city, ==, "Zagreb");
  g_assert_cmpstr (again->bank_name, ==, "Zagrebačka banka");
  g_assert_cmpstr (again->iban, ==, "HR1210010051863000160");
  g_assert_null (again->kpp);
  g_assert_cmpuint (again->n_vat_rates, ==, 2);
  g_assert_cmpint (again->vat_rates[0], ==, 1300);
  g_assert_cmpint (again->vat_rates[1], ==, 2500);
  g_assert_cmpstr (again->contract_pattern, ==, "UG/{YY}/{NNN}");
  g_assert_cmpstr (again->offer_pattern, ==, "PON-{YYYY}-{NNNN}");
  g_assert_cmpuint (again->deferral.n_bands, ==, 3);
  g_assert_cmpint (again->deferral.bands[1].max_days, ==, 45);
  g_assert_cmpint (again->deferral.bands[0].adjustment_bp, ==, -500);

  /* Blanked again: gone. */
  g_clear_pointer (&again->bank_name, g_free);
  again->city = (g_free (again->city), g_strdup ("   "));
  g_assert_true (kl_company_save (again, db (f), NULL, &error));
  g_clear_pointer (&company, kl_company_free);
  company = kl_company_load (db (f), &error);
  g_assert_null (company->bank_name);
  g_assert_null (company->city);
  g_assert_cmpstr (company->name, ==, "Klijentela d.o.o.");
}

static void
test_save_load_russian (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCompany) company = kl_company_load (db (f), &error);
  g_autoptr(KlCompany) again = NULL;

  company->name = g_strdup ("ООО «Клиентела»");
  company->office = (KlOffice) { "RU", "RUB" };
  company->tax_id = g_strdup ("7707083893");
  company->kpp = g_strdup ("773601001");
  company->ogrn = g_strdup ("1027700132195");
  company->bik = g_strdup ("044525225");
  company->account = g_strdup ("40702810938000000001");
  company->corr_account = g_strdup ("30101810400000000225");
  g_assert_true (kl_session_save_company (f->session, company, NULL, &error));
  g_assert_no_error (error);

  /* The session's defaults of new records follow the country. */
  g_assert_cmpstr (kl_session_get_office (f->session)->country, ==, "RU");
  g_assert_cmpstr (kl_session_get_office (f->session)->currency, ==, "RUB");

  again = kl_company_load (db (f), &error);
  g_assert_cmpstr (again->name, ==, "ООО «Клиентела»");
  g_assert_cmpstr (again->office.country, ==, "RU");
  g_assert_cmpstr (again->kpp, ==, "773601001");
  g_assert_cmpstr (again->ogrn, ==, "1027700132195");
  g_assert_cmpstr (again->account, ==, "40702810938000000001");
  g_assert_cmpstr (again->corr_account, ==, "30101810400000000225");
}

/* A wrong field is named and nothing at all is written. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  static const struct { const char *field; const char *value; } cases[] = {
    { "tax_id", "69435151531" },          /* OIB check digit */
    { "iban", "HR1210010051863000161" },
    { "kpp", "77360100" },
    { "ogrn", "1027700132196" },
    { "bik", "144525225" },
    { "account", "40702810938000000002" },
    { "email", "ured@" },
    { "offer_pattern", "PON-{YYYY}" },
    { "contract_pattern", "UG-{NN}-{NNNN}" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KlCompany) company = kl_company_load (db (f), &error);
      g_autoptr(KlCompany) stored = NULL;
      const char *bad = NULL;
      gint64 before = kl_test_query_int (f->session, "SELECT count(*) FROM settings");

      company->name = g_strdup ("Klijentela d.o.o.");
      company->bik = g_strdup ("044525225");
      if (strcmp (cases[i].field, "tax_id") == 0)
        company->tax_id = g_strdup (cases[i].value);
      else if (strcmp (cases[i].field, "iban") == 0)
        company->iban = g_strdup (cases[i].value);
      else if (strcmp (cases[i].field, "kpp") == 0)
        company->kpp = g_strdup (cases[i].value);
      else if (strcmp (cases[i].field, "ogrn") == 0)
        company->ogrn = g_strdup (cases[i].value);
      else if (strcmp (cases[i].field, "bik") == 0)
        company->bik = (g_free (company->bik), g_strdup (cases[i].value));
      else if (strcmp (cases[i].field, "account") == 0)
        company->account = g_strdup (cases[i].value);
      else if (strcmp (cases[i].field, "email") == 0)
        company->email = g_strdup (cases[i].value);
      else if (strcmp (cases[i].field, "offer_pattern") == 0)
        company->offer_pattern = (g_free (company->offer_pattern), g_strdup (cases[i].value));
      else
        company->contract_pattern = (g_free (company->contract_pattern), g_strdup (cases[i].value));

      g_assert_false (kl_company_save (company, db (f), &bad, &error));
      g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
      g_assert_cmpstr (bad, ==, cases[i].field);
      g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM settings"), ==, before);
      stored = kl_company_load (db (f), NULL);
      g_assert_null (stored->name);
    }

  /* No VAT rate, no deferral band. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(KlCompany) company = kl_company_load (db (f), NULL);
    const char *bad = NULL;

    company->name = g_strdup ("Klijentela d.o.o.");
    company->n_vat_rates = 0;
    g_assert_false (kl_company_save (company, db (f), &bad, &error));
    g_assert_cmpstr (bad, ==, "vat_rates");
    g_clear_error (&error);
    company->n_vat_rates = 1;
    company->deferral.n_bands = 0;
    g_assert_false (kl_company_save (company, db (f), &bad, &error));
    g_assert_cmpstr (bad, ==, "deferral");
  }
}

static void
test_vat_rates_text (void)
{
  int rates[KL_COMPANY_MAX_VAT_RATES];
  guint n = 0;
  g_autofree char *text = NULL;

  g_assert_true (kl_vat_rates_parse ("2500; 1300;500;0", rates, &n, NULL));
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (rates[1], ==, 1300);
  text = kl_vat_rates_to_string (rates, n);
  g_assert_cmpstr (text, ==, "2500;1300;500;0");
  g_assert_false (kl_vat_rates_parse ("", rates, &n, NULL));
  g_assert_false (kl_vat_rates_parse ("2500;2500", rates, &n, NULL));
  g_assert_false (kl_vat_rates_parse ("10001", rates, &n, NULL));
  g_assert_false (kl_vat_rates_parse ("25%", rates, &n, NULL));
  g_assert_false (kl_vat_rates_parse ("1;2;3;4;5;6;7;8;9", rates, &n, NULL));
  g_assert_cmpuint (n, ==, 4);
}

static void
test_pattern_expand (void)
{
  static const struct { const char *pattern; const char *date; gint64 counter; const char *expected; } cases[] = {
    { "UG-{YYYY}-{NNNN}", "2026-03-01", 7, "UG-2026-0007" },
    { "PON-{YYYY}-{NNNN}", "2026-12-31", 1, "PON-2026-0001" },
    { "UG-{YYYY}-{NNNN}", "2026-03-01", 12345, "UG-2026-12345" },
    { "{YY}/{MM}-{NNN}", "2027-01-15", 42, "27/01-042" },
    { "{N}", "2026-03-01", 5, "5" },
    { "КП-{YYYY}-{NNNN}", "2026-03-01", 3, "КП-2026-0003" },
    { "{NNNN}/{YYYY}", "2026-03-01", 9, "0009/2026" },
  };
  static const char *const bad[] = {
    "UG-{YYYY}", "{NNNN}-{NNNN}", "UG-{X}-{NNNN}", "UG-{NNNN", "UG}-{NNNN}",
    "{NNNNNNNNNNNNN}", "", "   ", "UG-{yyyy}-{NNNN}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *number = kl_number_pattern_expand (cases[i].pattern, cases[i].date, cases[i].counter);
      gint64 counter = 0;

      g_assert_cmpstr (number, ==, cases[i].expected);
      g_assert_true (kl_number_pattern_match (cases[i].pattern, cases[i].date, number, &counter));
      g_assert_cmpint (counter, ==, cases[i].counter);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *stripped = g_strstrip (g_strdup (bad[i]));

      g_assert_false (kl_number_pattern_validate (bad[i], &error));
      g_assert_error (error, KL_VALIDATION_ERROR,
                      (*stripped == '\0' ? KL_VALIDATION_ERROR_REQUIRED : KL_VALIDATION_ERROR_INVALID));
    }

  /* Other years, other series, hand-typed text. */
  g_assert_true (kl_number_pattern_match ("UG-{YYYY}-{NNNN}", "2026-03-01", "UG-2026-15", NULL));
  g_assert_false (kl_number_pattern_match ("UG-{YYYY}-{NNNN}", "2026-03-01", "UG-2025-0015", NULL));
  g_assert_false (kl_number_pattern_match ("UG-{YYYY}-{NNNN}", "2026-03-01", "UG-2026-", NULL));
  g_assert_false (kl_number_pattern_match ("UG-{YYYY}-{NNNN}", "2026-03-01", "UG-2026-00a1", NULL));
  g_assert_false (kl_number_pattern_match ("UG-{YYYY}-{NNNN}", "2026-03-01", "PON-2026-0001", NULL));
}

static void
insert_contract (Fixture    *f,
                 const char *number)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) contract = kl_session_new_entity (f->session, KL_TYPE_CONTRACT);

  kl_entity_set_text (contract, "number", number);
  kl_entity_set_number (contract, "client_id", f->client_id);
  kl_entity_set_text (contract, "title", "Održavanje");
  kl_entity_set_text (contract, "start_date", "2026-01-01");
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_CONTRACT), contract, &error));
  g_assert_no_error (error);
}

static void
assert_next (Fixture        *f,
             KlDocumentKind  kind,
             const char     *pattern,
             const char     *date,
             const char     *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *number = kl_company_next_number (db (f), kind, pattern, date, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (number, ==, expected);
}

/* The next number: after the largest of the year, never one taken. */
static void
test_next_number (Fixture       *f,
                  gconstpointer  data)
{
  const char *pattern = "UG-{YYYY}-{NNNN}";

  assert_next (f, KL_DOCUMENT_CONTRACT, pattern, "2026-03-01", "UG-2026-0001");
  insert_contract (f, "UG-2026-0001");
  assert_next (f, KL_DOCUMENT_CONTRACT, pattern, "2026-03-01", "UG-2026-0002");
  insert_contract (f, "UG-2026-0002");
  insert_contract (f, "UG-2026-10");         /* typed by hand */
  insert_contract (f, "UG-2025-0040");       /* last year */
  insert_contract (f, "UG-2026-posebni");    /* not the pattern's */
  assert_next (f, KL_DOCUMENT_CONTRACT, pattern, "2026-11-30", "UG-2026-0011");
  /* A new year starts again at 1. */
  assert_next (f, KL_DOCUMENT_CONTRACT, pattern, "2027-01-02", "UG-2027-0001");
  /* Offers are numbered on their own. */
  assert_next (f, KL_DOCUMENT_OFFER, "PON-{YYYY}-{NNNN}", "2026-03-01", "PON-2026-0001");

  /* Cyrillic prefixes count in characters. */
  insert_contract (f, "ДГ-2026-0041");
  assert_next (f, KL_DOCUMENT_CONTRACT, "ДГ-{YYYY}-{NNNN}", "2026-05-05", "ДГ-2026-0042");

  /* The counter first. */
  insert_contract (f, "0005/2026");
  insert_contract (f, "0007/2025");
  assert_next (f, KL_DOCUMENT_CONTRACT, "{NNNN}/{YYYY}", "2026-05-05", "0006/2026");

  {
    g_autoptr(GError) error = NULL;

    g_assert_null (kl_company_next_number (db (f), KL_DOCUMENT_CONTRACT, "UG", "2026-05-05", &error));
    g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/company/vat-rates-text", test_vat_rates_text);
  g_test_add_func ("/company/pattern-expand", test_pattern_expand);
  g_test_add ("/company/defaults", Fixture, NULL, fixture_set_up, test_defaults, fixture_tear_down);
  g_test_add ("/company/save-load-croatian", Fixture, NULL, fixture_set_up, test_save_load_croatian, fixture_tear_down);
  g_test_add ("/company/save-load-russian", Fixture, NULL, fixture_set_up, test_save_load_russian, fixture_tear_down);
  g_test_add ("/company/refused", Fixture, NULL, fixture_set_up, test_refused, fixture_tear_down);
  g_test_add ("/company/next-number", Fixture, NULL, fixture_set_up, test_next_number, fixture_tear_down);

  return g_test_run ();
}
