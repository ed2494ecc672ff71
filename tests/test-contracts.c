/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kl-company.h"
#include "kl-contract-draft.h"
#include "kl-contract-renewal.h"
#include "kl-entities.h"
#include "kl-format.h"
#include "kl-test.h"
#include "kl-validation.h"

/* Contracts in the model: numbers from the patterns (offers, contracts,
 * invoices), drafts from a deal and from an offer, renewal with its
 * reminder call, the e-mail reminding the client, the clients'
 * requisites and the company's logo. */

typedef struct {
  char      *dir;
  KlSession *session;
  gint64     client_id;
  gint64     manager_id;
} Fixture;

static KlStore *
store (Fixture *f,
       GType    type)
{
  return kl_session_get_store (f->session, type);
}

static void
insert (Fixture  *f,
        KlEntity *entity)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_store_insert (store (f, G_OBJECT_TYPE (entity)), entity, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(KlEntity) client = NULL;
  g_autoptr(KlEntity) manager = NULL;

  f->session = kl_test_open_session ("contracts", &f->dir, NULL);
  manager = kl_session_new_entity (f->session, KL_TYPE_MANAGER);
  kl_entity_set_text (manager, "name", "Ana Horvat");
  insert (f, manager);
  f->manager_id = kl_entity_get_id (manager);

  client = kl_session_new_entity (f->session, KL_TYPE_CLIENT);
  kl_entity_set_text (client, "name", "Jadran d.o.o.");
  kl_entity_set_text (client, "email", "nabava@jadran.example");
  kl_entity_set_number (client, "payment_terms_days", 45);
  kl_entity_set_number (client, "manager_id", f->manager_id);
  insert (f, client);
  f->client_id = kl_entity_get_id (client);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_close_session (&f->session, &f->dir, NULL);
}

static gint64
insert_contract (Fixture    *f,
                 const char *number,
                 const char *start,
                 const char *end)
{
  g_autoptr(KlEntity) contract = kl_session_new_entity (f->session, KL_TYPE_CONTRACT);

  kl_entity_set_text (contract, "number", number);
  kl_entity_set_number (contract, "client_id", f->client_id);
  kl_entity_set_number (contract, "manager_id", f->manager_id);
  kl_entity_set_text (contract, "title", "Održavanje opreme");
  kl_entity_set_text (contract, "start_date", start);
  kl_entity_set_text (contract, "end_date", end);
  kl_entity_set_number (contract, "amount", 1200000);
  kl_entity_set_number (contract, "notice_days", 60);
  kl_entity_set_number (contract, "auto_renew", TRUE);
  kl_entity_set_text (contract, "status", "active");
  insert (f, contract);
  return kl_entity_get_id (contract);
}

/* Numbers: the next free one per pattern and year, for each kind of
 * document, whatever was typed by hand in another width. */
static void
test_next_numbers (Fixture       *f,
                   gconstpointer  data)
{
  KlDatabase *db = kl_session_get_database (f->session);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *third = NULL;
  g_autofree char *next_year = NULL;
  g_autofree char *invoice = NULL;
  g_autofree char *offer = NULL;

  first = kl_company_next_number (db, KL_DOCUMENT_CONTRACT, "UG-{YYYY}-{NNNN}", "2026-03-01", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "UG-2026-0001");

  insert_contract (f, "UG-2026-0001", "2026-01-01", "2026-12-31");
  insert_contract (f, "UG-2026-2", "2026-01-01", "2026-12-31");   /* typed by hand */
  insert_contract (f, "UG-2025-0009", "2025-01-01", "2025-12-31");
  third = kl_company_next_number (db, KL_DOCUMENT_CONTRACT, "UG-{YYYY}-{NNNN}", "2026-07-01", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (third, ==, "UG-2026-0003");
  next_year = kl_company_next_number (db, KL_DOCUMENT_CONTRACT, "UG-{YYYY}-{NNNN}", "2027-01-02", &error);
  g_assert_cmpstr (next_year, ==, "UG-2027-0001");

  /* The company's own patterns, an invoice's among them */
  invoice = kl_document_next_number (db, KL_DOCUMENT_INVOICE, "2026-05-05", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (invoice, ==, "RN-2026-0001");
  offer = kl_document_next_number (db, KL_DOCUMENT_OFFER, "2026-05-05", &error);
  g_assert_cmpstr (offer, ==, "PON-2026-0001");

  /* A number typed in an editor: free unless another document has it */
  g_assert_true (kl_document_number_is_free (db, KL_DOCUMENT_CONTRACT, "UG-2026-0004", 0, &error));
  g_assert_no_error (error);
  g_assert_false (kl_document_number_is_free (db, KL_DOCUMENT_CONTRACT, "UG-2026-0001", 0, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (kl_document_number_is_free (db, KL_DOCUMENT_CONTRACT, "UG-2026-0001",
                                             kl_document_find (db, KL_DOCUMENT_CONTRACT, "UG-2026-0001", NULL),
                                             &error));
  g_assert_no_error (error);
}

static void
set_text (char       **field,
          const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* The invoice pattern is a preference like the others: checked, saved. */
static void
test_invoice_pattern (Fixture       *f,
                      gconstpointer  data)
{
  KlDatabase *db = kl_session_get_database (f->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCompany) company = kl_company_load (db, &error);
  g_autoptr(KlCompany) again = NULL;
  const char *bad = NULL;

  g_assert_cmpstr (company->invoice_pattern, ==, "RN-{YYYY}-{NNNN}");
  set_text (&company->name, "Moja tvrtka d.o.o.");
  set_text (&company->invoice_pattern, "R-{YY}");
  g_assert_false (kl_company_save (company, db, &bad, &error));
  g_assert_cmpstr (bad, ==, "invoice_pattern");
  g_clear_error (&error);
  set_text (&company->invoice_pattern, "R{YY}/{NNN}");
  g_assert_true (kl_company_save (company, db, &bad, &error));
  g_assert_no_error (error);
  again = kl_company_load (db, &error);
  g_assert_cmpstr (again->invoice_pattern, ==, "R{YY}/{NNN}");
}

static void
test_new_draft (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlContract) draft = kl_contract_new_draft (f->session, f->client_id, &error);
  g_autofree char *today = kl_database_today ();
  g_autofree char *expected = g_strdup_printf ("UG-%.4s-0001", today);
  KlEntity *entity = KL_ENTITY (draft);

  g_assert_no_error (error);
  g_assert_cmpstr (kl_entity_get_text (entity, "number"), ==, expected);
  g_assert_cmpstr (kl_entity_get_text (entity, "start_date"), ==, today);
  g_assert_cmpstr (kl_entity_get_text (entity, "status"), ==, "draft");
  g_assert_cmpint (kl_entity_get_number (entity, "client_id"), ==, f->client_id);
  g_assert_cmpint (kl_entity_get_number (entity, "manager_id"), ==, f->manager_id);
  g_assert_cmpint (kl_entity_get_number (entity, "payment_terms_days"), ==, 45);
  g_assert_cmpint (kl_entity_get_number (entity, "vat_rate_bp"), ==, 2500);
  g_assert_cmpint (kl_entity_get_id (entity), ==, 0);
}

static void
test_draft_from_deal (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) deal = kl_session_new_entity (f->session, KL_TYPE_DEAL);
  g_autoptr(KlContract) draft = NULL;
  KlEntity *entity;

  kl_entity_set_number (deal, "client_id", f->client_id);
  kl_entity_set_text (deal, "title", "Nova linija za punjenje");
  kl_entity_set_text (deal, "stage", "won");
  kl_entity_set_number (deal, "amount", 4550000);
  kl_entity_set_text (deal, "currency", "USD");
  insert (f, deal);

  draft = kl_contract_draft_from_deal (f->session, kl_entity_get_id (deal), &error);
  g_assert_no_error (error);
  entity = KL_ENTITY (draft);
  g_assert_cmpint (kl_entity_get_number (entity, "deal_id"), ==, kl_entity_get_id (deal));
  g_assert_cmpint (kl_entity_get_number (entity, "client_id"), ==, f->client_id);
  g_assert_cmpstr (kl_entity_get_text (entity, "title"), ==, "Nova linija za punjenje");
  g_assert_cmpint (kl_entity_get_number (entity, "amount"), ==, 4550000);
  g_assert_cmpstr (kl_entity_get_text (entity, "currency"), ==, "USD");
  /* the deal has no manager: the client's */
  g_assert_cmpint (kl_entity_get_number (entity, "manager_id"), ==, f->manager_id);
  g_assert_true (kl_store_insert (store (f, KL_TYPE_CONTRACT), entity, &error));
  g_assert_no_error (error);

  g_assert_null (kl_contract_draft_from_deal (f->session, 999, &error));
  g_assert_nonnull (error);
}

static void
test_draft_from_offer (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) offer = kl_session_new_entity (f->session, KL_TYPE_OFFER);
  g_autoptr(KlContract) draft = NULL;
  static const struct { const char *what; gint64 quantity, price; int vat; } lines[] = {
    { "Servis pumpe", 10, 10000, 2500 },
    { "Priručnik", 2, 5000, 500 },
  };
  KlEntity *entity;

  kl_entity_set_text (offer, "number", "PON-2026-0007");
  kl_entity_set_number (offer, "client_id", f->client_id);
  kl_entity_set_text (offer, "issue_date", "2026-02-01");
  kl_entity_set_number (offer, "deferral_days", 30);
  kl_entity_set_text (offer, "status", "accepted");
  insert (f, offer);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(KlEntity) line = kl_session_new_entity (f->session, KL_TYPE_OFFER_LINE);

      kl_entity_set_number (line, "offer_id", kl_entity_get_id (offer));
      kl_entity_set_number (line, "position", i);
      kl_entity_set_text (line, "description", lines[i].what);
      kl_entity_set_number (line, "quantity", lines[i].quantity);
      kl_entity_set_number (line, "unit_price", lines[i].price);
      kl_entity_set_number (line, "vat_rate_bp", lines[i].vat);
      insert (f, line);
    }

  draft = kl_contract_draft_from_offer (f->session, kl_entity_get_id (offer), &error);
  g_assert_no_error (error);
  entity = KL_ENTITY (draft);
  g_assert_cmpint (kl_entity_get_number (entity, "offer_id"), ==, kl_entity_get_id (offer));
  g_assert_cmpstr (kl_entity_get_text (entity, "title"), ==, "Contract for offer PON-2026-0007");
  /* 10 × 100.00 + 2 × 50.00, no discount, 30 days deferral: no change */
  g_assert_cmpint (kl_entity_get_number (entity, "amount"), ==, 110000);
  g_assert_cmpint (kl_entity_get_number (entity, "vat_rate_bp"), ==, 2500);
  g_assert_cmpint (kl_entity_get_number (entity, "payment_terms_days"), ==, 30);
  g_assert_cmpstr (kl_entity_get_text (entity, "currency"), ==, "EUR");
  g_assert_true (kl_store_insert (store (f, KL_TYPE_CONTRACT), entity, &error));
  g_assert_no_error (error);
}

/* Renewal: the follow-up contract from the day after the end for as long,
 * linked; a call on the last day of notice; once only; never without an
 * end date; all or nothing. */
static void
test_renew (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 old_id = insert_contract (f, "UG-2026-0001", "2026-01-01", "2026-12-31");
  gint64 reminder_id = 0;
  gint64 renewal_id;
  g_autoptr(KlEntity) renewal = NULL;
  g_autoptr(KlEntity) call = NULL;
  gint64 undated_id;

  renewal_id = kl_contract_renew (f->session, old_id, &reminder_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (renewal_id, >, 0);
  renewal = kl_store_get (store (f, KL_TYPE_CONTRACT), renewal_id, &error);
  g_assert_cmpint (kl_entity_get_number (renewal, "renewal_of"), ==, old_id);
  g_assert_cmpstr (kl_entity_get_text (renewal, "number"), ==, "UG-2027-0001");
  g_assert_cmpstr (kl_entity_get_text (renewal, "start_date"), ==, "2027-01-01");
  g_assert_cmpstr (kl_entity_get_text (renewal, "end_date"), ==, "2027-12-31");
  g_assert_cmpstr (kl_entity_get_text (renewal, "status"), ==, "draft");
  g_assert_cmpstr (kl_entity_get_text (renewal, "title"), ==, "Održavanje opreme");
  g_assert_cmpint (kl_entity_get_number (renewal, "amount"), ==, 1200000);
  g_assert_cmpint (kl_entity_get_number (renewal, "notice_days"), ==, 60);
  g_assert_cmpint (kl_entity_get_number (renewal, "manager_id"), ==, f->manager_id);
  g_assert_cmpint (kl_contract_find_renewal (f->session, old_id, NULL), ==, renewal_id);

  call = kl_store_get (store (f, KL_TYPE_ACTIVITY), reminder_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_entity_get_text (call, "kind"), ==, "call");
  g_assert_cmpstr (kl_entity_get_text (call, "status"), ==, "planned");
  /* 60 days before 31 December */
  g_assert_cmpstr (kl_entity_get_text (call, "starts_at"), ==, "2026-11-01T09:00:00");
  g_assert_cmpint (kl_entity_get_number (call, "client_id"), ==, f->client_id);
  g_assert_nonnull (strstr (kl_entity_get_text (call, "subject"), "UG-2026-0001"));

  /* Once only */
  g_assert_cmpint (kl_contract_renew (f->session, old_id, NULL, &error), ==, 0);
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "UG-2027-0001"));
  g_clear_error (&error);

  /* Never without an end, and nothing written */
  {
    g_autoptr(KlEntity) undated = kl_session_new_entity (f->session, KL_TYPE_CONTRACT);

    kl_entity_set_text (undated, "number", "UG-2026-0050");
    kl_entity_set_number (undated, "client_id", f->client_id);
    kl_entity_set_text (undated, "title", "Bez kraja");
    kl_entity_set_text (undated, "start_date", "2026-01-01");
    insert (f, undated);
    undated_id = kl_entity_get_id (undated);
  }
  g_assert_cmpint (kl_contract_renew (f->session, undated_id, NULL, &error), ==, 0);
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM contracts"), ==, 3);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM activities"), ==, 1);
}

/* The e-mail reminding the client: to the client's address, the contract
 * by number and title, its end date, the last day of notice; escaped so
 * that a mail program reads it back whole. */
static void
test_reminder (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = insert_contract (f, "UG-2026-0001", "2026-01-01", "2026-12-31");
  g_autoptr(KlEntity) contract = kl_store_get (store (f, KL_TYPE_CONTRACT), id, NULL);
  g_autofree char *subject = kl_contract_reminder_subject (KL_CONTRACT (contract));
  g_autofree char *body = kl_contract_reminder_body (KL_CONTRACT (contract), "Moja tvrtka d.o.o.");
  g_autofree char *end = kl_format_date ("2026-12-31");
  g_autofree char *notice = kl_format_date ("2026-11-01");
  g_autofree char *mailto = NULL;
  g_autofree char *query = NULL;
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(KlEntity) logged = NULL;
  gint64 activity_id;

  g_assert_cmpstr (subject, ==, "Contract UG-2026-0001 is coming to an end");
  g_assert_nonnull (strstr (body, "contract UG-2026-0001 (“Održavanje opreme”) ends on"));
  g_assert_nonnull (strstr (body, end));
  g_assert_nonnull (strstr (body, "renews automatically"));
  g_assert_nonnull (strstr (body, "at least 60 days before it ends"));
  g_assert_nonnull (strstr (body, notice));
  g_assert_true (g_str_has_suffix (body, "Moja tvrtka d.o.o."));

  /* Without automatic renewal: a new contract is offered */
  kl_entity_set_number (contract, "auto_renew", FALSE);
  g_clear_pointer (&body, g_free);
  body = kl_contract_reminder_body (KL_CONTRACT (contract), NULL);
  g_assert_null (strstr (body, "renews automatically"));
  g_assert_nonnull (strstr (body, "new contract"));

  mailto = kl_contract_reminder_mailto (f->session, id, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (mailto, "mailto:nabava@jadran.example?subject="));
  g_assert_null (strchr (mailto, ' '));
  g_assert_null (strchr (mailto, '\n'));
  query = g_strdup (strchr (mailto, '?') + 1);
  params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (params, "subject"), ==, "Contract UG-2026-0001 is coming to an end");
  g_assert_nonnull (strstr (g_hash_table_lookup (params, "body"), "renews automatically"));

  activity_id = kl_contract_log_reminder (f->session, id, &error);
  g_assert_no_error (error);
  logged = kl_store_get (store (f, KL_TYPE_ACTIVITY), activity_id, &error);
  g_assert_cmpstr (kl_entity_get_text (logged, "kind"), ==, "email");
  g_assert_cmpstr (kl_entity_get_text (logged, "status"), ==, "done");
  g_assert_cmpint (kl_entity_get_number (logged, "client_id"), ==, f->client_id);
  g_assert_cmpstr (kl_entity_get_text (logged, "subject"), ==, "Renewal reminder sent for contract UG-2026-0001");
}

/* A client's requisites are checked as a form checks them. */
static void
test_requisites (Fixture       *f,
                 gconstpointer  data)
{
  static const struct { const char *column, *value; gboolean ok; } cases[] = {
    { "kpp", "773601001", TRUE },
    { "kpp", "7736010", FALSE },
    { "kpp", "7736AB001", TRUE },
    { "ogrn", "1027700132195", TRUE },
    { "ogrn", "1027700132196", FALSE },
    { "ogrn", "304500116000157", TRUE },
    { "ogrn", "304500116000158", FALSE },
    { "bik", "044525225", TRUE },
    { "bik", "144525225", FALSE },
    { "iban", "HR1210010051863000160", TRUE },
    { "iban", "HR12 1001 0051 8630 0016 0", TRUE },
    { "iban", "HR1210010051863000161", FALSE },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = kl_store_get (store (f, KL_TYPE_CLIENT), f->client_id, NULL);
  const char *bad = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KlEntity) copy = kl_entity_copy (client);
      gboolean ok;

      kl_entity_set_text (copy, cases[i].column, cases[i].value);
      bad = NULL;
      ok = kl_entity_validate (copy, &bad, &error);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (!ok)
        {
          g_assert_cmpstr (bad, ==, cases[i].column);
          g_clear_error (&error);
        }
    }

  /* The accounts against the bank's BIK */
  kl_entity_set_text (client, "bank_account", "40702810938000000001");
  g_assert_false (kl_entity_validate (client, &bad, &error));
  g_assert_cmpstr (bad, ==, "bank_account");
  g_clear_error (&error);
  kl_entity_set_text (client, "bik", "044525225");
  kl_entity_set_text (client, "corr_account", "30101810400000000225");
  g_assert_true (kl_entity_validate (client, &bad, &error));
  g_assert_no_error (error);
  kl_entity_set_text (client, "corr_account", "30101810400000000226");
  g_assert_false (kl_entity_validate (client, &bad, &error));
  g_assert_cmpstr (bad, ==, "corr_account");
  g_clear_error (&error);
  kl_entity_set_text (client, "corr_account", NULL);

  g_assert_true (kl_store_update (store (f, KL_TYPE_CLIENT), client, &error));
  g_assert_no_error (error);
  {
    g_autoptr(KlCompany) party = kl_company_load_client (kl_session_get_database (f->session), f->client_id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (party->bik, ==, "044525225");
    g_assert_cmpstr (party->account, ==, "40702810938000000001");
  }
}

static void
test_logo (Fixture       *f,
           gconstpointer  data)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13 };
  KlDatabase *db = kl_session_get_database (f->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (png, sizeof png);
  g_autoptr(GBytes) jpeg = g_bytes_new_static ("\xff\xd8\xff\xe0", 4);
  g_autoptr(GBytes) loaded = NULL;

  g_assert_null (kl_company_load_logo (db, &error));
  g_assert_no_error (error);
  g_assert_false (kl_company_save_logo (db, jpeg, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (kl_company_save_logo (db, bytes, &error));
  g_assert_no_error (error);
  loaded = kl_company_load_logo (db, &error);
  g_assert_true (g_bytes_equal (loaded, bytes));
  g_assert_true (kl_company_save_logo (db, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM company_logo"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/model/contracts/next-numbers", test_next_numbers);
  ADD ("/model/contracts/invoice-pattern", test_invoice_pattern);
  ADD ("/model/contracts/new-draft", test_new_draft);
  ADD ("/model/contracts/draft-from-deal", test_draft_from_deal);
  ADD ("/model/contracts/draft-from-offer", test_draft_from_offer);
  ADD ("/model/contracts/renew", test_renew);
  ADD ("/model/contracts/reminder", test_reminder);
  ADD ("/model/contracts/requisites", test_requisites);
  ADD ("/model/contracts/logo", test_logo);
#undef ADD

  return g_test_run ();
}
