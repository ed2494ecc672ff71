/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "kl-client-list.h"
#include "kl-entities.h"
#include "kl-session.h"
#include "kl-test.h"
#include "kl-validation.h"

typedef struct {
  char      *dir;
  char      *path;
  KlSession *session;
  KlStore   *clients;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->session = kl_test_open_session ("test", &f->dir, &f->path);
  f->clients = kl_session_get_store (f->session, KL_TYPE_CLIENT);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_close_session (&f->session, &f->dir, &f->path);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = kl_database_query_int (kl_session_get_database (f->session), sql, &error);

  g_assert_no_error (error);
  return n;
}

static KlEntity *
new_client (const char *name,
            const char *country,
            const char *tax_id)
{
  return g_object_new (KL_TYPE_CLIENT,
                       "name", name,
                       "country", country,
                       "tax-id", tax_id,
                       "city", "Zagreb",
                       NULL);
}

static gint64
insert_client (Fixture    *f,
               const char *name)
{
  g_autoptr(KlEntity) client = new_client (name, "HR", NULL);
  g_autoptr(GError) error = NULL;

  kl_store_insert (f->clients, client, &error);
  g_assert_no_error (error);
  return kl_entity_get_id (client);
}

/* Migrations */

static const char * const tables[] = {
  "managers", "clients", "contacts", "deals", "deal_stage_history", "activities",
  "contracts", "invoices", "payments", "complaints", "competitors", "products",
  "offers", "offer_lines", "sales_plans", "audit_log", "price_tiers", "settings",
};

static void
test_migration_from_empty (Fixture       *f,
                           gconstpointer  data)
{
  KlDatabase *db = kl_session_get_database (f->session);

  g_assert_cmpint (kl_database_get_version (db), ==, kl_database_latest_version ());
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '%s'",
                                              tables[i]);
      g_autoptr(sqlite3_stmt) stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (kl_database_get_handle (db), sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    }

  g_assert_cmpint (count (f, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (count (f, "PRAGMA busy_timeout"), >=, 1000);
}

static void
test_migration_from_each_version (void)
{
  for (int from = 0; from < kl_database_latest_version (); from++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = kl_test_make_dir ("model");
      g_autofree char *path = g_build_filename (dir, "old.db", NULL);
      g_autoptr(KlDatabase) old = NULL;
      g_autoptr(KlDatabase) current = NULL;

      old = kl_database_open_at_version (path, from, &error);
      g_assert_no_error (error);
      g_assert_cmpint (kl_database_get_version (old), ==, from);
      g_clear_object (&old);

      current = kl_database_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (kl_database_get_version (current), ==, kl_database_latest_version ());
      g_clear_object (&current);
      kl_test_remove_dir (dir);
    }
}

static void
test_newer_schema_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDatabase) db = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", kl_database_latest_version () + 1);

  insert_client (f, "Before the upgrade d.o.o.");
  g_assert_true (kl_database_exec (kl_session_get_database (f->session), sql, NULL));
  g_clear_object (&f->session);

  db = kl_database_open (f->path, &error);
  g_assert_null (db);
  g_assert_error (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_NEWER_SCHEMA);
  g_assert_nonnull (strstr (error->message, "newer"));
}

static void
test_file_private_and_wal (Fixture       *f,
                           gconstpointer  data)
{
  GStatBuf st;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDatabase) db = NULL;
  g_autofree char *nested = g_build_filename (f->dir, "new", "folder", "k.db", NULL);

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  db = kl_database_open (nested, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (nested, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (kl_database_query_int (db, "SELECT count(*) FROM clients", NULL), ==, 0);
  g_clear_object (&db);

  {
    g_autoptr(sqlite3_stmt) stmt = NULL;

    sqlite3_prepare_v2 (kl_database_get_handle (kl_session_get_database (f->session)),
                        "PRAGMA journal_mode", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "wal");
  }

  g_remove (nested);
  {
    g_autofree char *d1 = g_build_filename (f->dir, "new", "folder", NULL);
    g_autofree char *d2 = g_build_filename (f->dir, "new", NULL);

    kl_test_remove_dir (d1);
    kl_test_remove_dir (d2);
  }
}

static void
test_corrupt_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = kl_test_make_dir ("model");
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  g_autoptr(KlDatabase) db = NULL;
  g_autofree char *junk = g_strnfill (4096, 'x');

  g_assert_true (g_file_set_contents (path, junk, -1, NULL));
  db = kl_database_open (path, &error);
  g_assert_null (db);
  /* Text is not a damaged database: it is someone else's file. */
  g_assert_error (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_NOT_KLIJENTELA);
  kl_test_remove_dir (dir);
}

static void
test_locked_database (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDatabase) other = kl_database_open (f->path, &error);
  g_autoptr(KlEntity) client = new_client ("Waiting d.o.o.", "HR", NULL);
  gint64 start;

  g_assert_no_error (error);
  g_assert_true (kl_database_begin (other, &error));
  g_assert_no_error (error);

  /* The other connection holds the write lock past our busy timeout. */
  start = g_get_monotonic_time ();
  g_assert_false (kl_store_insert (f->clients, client, &error));
  g_assert_error (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_BUSY);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, G_USEC_PER_SEC);
  g_clear_error (&error);

  kl_database_rollback (other);
  g_assert_true (kl_store_insert (f->clients, client, &error));
  g_assert_no_error (error);
}

/* CRUD */

static void
test_client_crud (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = new_client ("Šime Jurić obrt", "HR", "33392005961");
  g_autoptr(KlEntity) read = NULL;
  gint64 id;

  g_object_set (client, "status", "active", "credit-limit", (gint64)500000, "email", "sime@example.hr", NULL);
  g_assert_true (kl_store_insert (f->clients, client, &error));
  g_assert_no_error (error);
  id = kl_entity_get_id (client);
  g_assert_cmpint (id, >, 0);
  g_assert_nonnull (kl_entity_get_created_at (client));

  read = kl_store_get (f->clients, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_entity_get_text (read, "name"), ==, "Šime Jurić obrt");
  g_assert_cmpstr (kl_entity_get_text (read, "tax_id"), ==, "33392005961");
  g_assert_cmpstr (kl_entity_get_text (read, "status"), ==, "active");
  g_assert_cmpint (kl_entity_get_number (read, "credit_limit"), ==, 500000);
  g_assert_cmpint (kl_entity_get_number (read, "payment_terms_days"), ==, 30);
  /* The folded search text holds the name, the tax ID and the city. */
  g_assert_true (g_str_has_prefix (kl_entity_get_text (read, "search_key"), "sime juric obrt 33392005961 zagreb"));

  kl_entity_set_text (read, "city", "Split");
  g_assert_true (kl_store_update (f->clients, read, &error));
  g_assert_no_error (error);
  g_clear_object (&read);
  read = kl_store_get (f->clients, id, &error);
  g_assert_cmpstr (kl_entity_get_text (read, "city"), ==, "Split");

  g_assert_true (kl_store_delete (f->clients, id, &error));
  g_assert_no_error (error);
  g_clear_object (&read);
  read = kl_store_get (f->clients, id, &error);
  g_assert_null (read);
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND);
}

static void
test_every_entity_round_trips (Fixture       *f,
                               gconstpointer  data)
{
  guint n_types;
  const GType *types = kl_entity_types (&n_types);

  /* Each store can at least list and count its table. */
  for (guint i = 0; i < n_types; i++)
    {
      g_autoptr(GError) error = NULL;
      KlStore *store = kl_session_get_store (f->session, types[i]);
      g_autoptr(GListModel) all = kl_store_list_all (store, &error);

      g_assert_no_error (error);
      g_assert_nonnull (all);
      g_assert_cmpint (kl_store_count (store, &error), ==, g_list_model_get_n_items (all));
    }
}

static void
test_related_records (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 client_id = insert_client (f, "ООО «Ромашка»");
  g_autoptr(KlEntity) contact = g_object_new (KL_TYPE_CONTACT, "client-id", client_id, "name", "Пётр Ёлкин",
                                              "role", "decision_maker", "email", "petr@romashka.ru", NULL);
  g_autoptr(KlEntity) deal = g_object_new (KL_TYPE_DEAL, "client-id", client_id, "title", "Поставка",
                                           "amount", (gint64)12345678, "currency", "RUB", NULL);
  g_autoptr(KlEntity) contract = g_object_new (KL_TYPE_CONTRACT, "client-id", client_id, "number", "ДГ-1",
                                               "title", "Договор поставки", "start-date", "2026-01-01",
                                               "end-date", "2026-12-31", "status", "active", NULL);
  g_autoptr(KlEntity) invoice = g_object_new (KL_TYPE_INVOICE, "client-id", client_id, "number", "R-1",
                                              "issue-date", "2026-02-01", "due-date", "2026-03-01",
                                              "amount", (gint64)10000, NULL);
  g_autoptr(KlEntity) payment = NULL;
  g_autoptr(GListModel) contacts = NULL;

  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_CONTACT), contact, &error));
  g_assert_no_error (error);
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_DEAL), deal, &error));
  g_assert_no_error (error);
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_CONTRACT), contract, &error));
  g_assert_no_error (error);
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_INVOICE), invoice, &error));
  g_assert_no_error (error);

  payment = g_object_new (KL_TYPE_PAYMENT, "invoice-id", kl_entity_get_id (invoice),
                          "paid-date", "2026-02-15", "amount", (gint64)4000, NULL);
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_PAYMENT), payment, &error));
  g_assert_no_error (error);

  contacts = kl_store_list_by (kl_session_get_store (f->session, KL_TYPE_CONTACT), "client_id", client_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (contacts), ==, 1);

  /* The deal's first stage is in its history. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM deal_stage_history WHERE from_stage IS NULL AND to_stage = 'lead'"), ==, 1);
  kl_entity_set_text (deal, "stage", "offer");
  g_assert_true (kl_store_update (kl_session_get_store (f->session, KL_TYPE_DEAL), deal, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM deal_stage_history WHERE from_stage = 'lead' AND to_stage = 'offer'"), ==, 1);

  /* A client with a contract cannot go; nothing is lost trying. */
  g_assert_false (kl_store_delete (f->clients, client_id, &error));
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_IN_USE);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contacts"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM deals"), ==, 1);
}

/* Constraints and validation */

static void
test_validation_refuses (Fixture       *f,
                         gconstpointer  data)
{
  struct {
    const char *property;
    const char *value;
    int         code;
  } cases[] = {
    { "name", "", KL_VALIDATION_ERROR_REQUIRED },
    { "name", "   ", KL_VALIDATION_ERROR_REQUIRED },
    { "tax-id", "33392005962", KL_VALIDATION_ERROR_INVALID },
    { "email", "not an address", KL_VALIDATION_ERROR_INVALID },
    { "phone", "call me", KL_VALIDATION_ERROR_INVALID },
    { "status", "sleeping", KL_VALIDATION_ERROR_INVALID },
    { "currency", "XYZ", KL_VALIDATION_ERROR_INVALID },
    { "next-action-date", "2026-02-30", KL_VALIDATION_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KlEntity) client = new_client ("Valid d.o.o.", "HR", "33392005961");

      g_object_set (client, cases[i].property, cases[i].value, NULL);
      g_assert_false (kl_store_insert (f->clients, client, &error));
      g_assert_nonnull (error);
      if (error->domain != KL_VALIDATION_ERROR || error->code != cases[i].code)
        g_error ("%s = “%s”: unexpected error %s", cases[i].property, cases[i].value, error->message);
      g_assert_cmpint (kl_entity_get_id (client), ==, 0);
    }

  /* A Russian client is checked as an INN. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(KlEntity) ru = new_client ("АО Вектор", "RU", "1234567894");
    g_autoptr(KlEntity) bad = new_client ("АО Вектор", "RU", "1234567895");

    g_assert_true (kl_store_insert (f->clients, ru, &error));
    g_assert_no_error (error);
    g_assert_false (kl_store_insert (f->clients, bad, &error));
    g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
    /* A rule across fields names its field, asked for the column or not. */
    g_assert_cmpstr (error->message, ==, "Tax ID: The INN check digit does not match.");
    g_clear_error (&error);
    g_assert_false (kl_entity_validate (bad, NULL, &error));
    g_assert_cmpstr (error->message, ==, "Tax ID: The INN check digit does not match.");
    g_clear_error (&error);
    {
      const char *bad_column = NULL;

      g_assert_false (kl_entity_validate (bad, &bad_column, &error));
      g_assert_cmpstr (bad_column, ==, "tax_id");
      g_assert_cmpstr (error->message, ==, "Tax ID: The INN check digit does not match.");
    }
  }

  /* Amounts ≥ 0 and dates in order. */
  {
    g_autoptr(GError) error = NULL;
    gint64 client_id = insert_client (f, "Dates d.o.o.");
    g_autoptr(KlEntity) contract = g_object_new (KL_TYPE_CONTRACT, "client-id", client_id, "number", "UG-1",
                                                 "title", "Ugovor", "start-date", "2026-05-01",
                                                 "end-date", "2026-04-30", NULL);
    g_autoptr(KlEntity) deal = g_object_new (KL_TYPE_DEAL, "client-id", client_id, "title", "Negative",
                                             "amount", (gint64)-1, NULL);

    g_assert_false (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_CONTRACT), contract, &error));
    g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_ORDER);
    g_assert_cmpstr (error->message, ==, "End date: The end date is before the start date.");
    g_clear_error (&error);
    g_assert_false (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_DEAL), deal, &error));
    g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_RANGE);
  }

  g_assert_cmpint (count (f, "SELECT count(*) FROM contracts"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM deals"), ==, 0);
}

static void
test_database_constraints (Fixture       *f,
                           gconstpointer  data)
{
  sqlite3 *db = kl_database_get_handle (kl_session_get_database (f->session));
  const char *refused[] = {
    "INSERT INTO clients (name, created_at, updated_at) VALUES ('', '2026-01-01', '2026-01-01')",
    "INSERT INTO clients (name, status, created_at, updated_at) VALUES ('X', 'asleep', '2026-01-01', '2026-01-01')",
    "INSERT INTO clients (name, credit_limit, created_at, updated_at) VALUES ('X', -5, '2026-01-01', '2026-01-01')",
    "INSERT INTO contacts (client_id, name, created_at, updated_at) VALUES (999, 'Nobody', '2026-01-01', '2026-01-01')",
    "INSERT INTO deals (client_id, title, stage, created_at, updated_at) VALUES (999, 'X', 'lead', '2026-01-01', '2026-01-01')",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    g_assert_cmpint (sqlite3_exec (db, refused[i], NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);

  {
    gint64 client_id = insert_client (f, "Constraint d.o.o.");
    g_autofree char *sql = g_strdup_printf ("INSERT INTO contracts (number, client_id, title, start_date, end_date,"
                                            " created_at, updated_at) VALUES ('U', %" G_GINT64_FORMAT ", 'T',"
                                            " '2026-02-01', '2026-01-01', 'x', 'x')", client_id);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);
  }

  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, 1);
}

static void
test_duplicate_number (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 client_id = insert_client (f, "Numbers d.o.o.");
  KlStore *contracts = kl_session_get_store (f->session, KL_TYPE_CONTRACT);
  g_autoptr(KlEntity) first = g_object_new (KL_TYPE_CONTRACT, "client-id", client_id, "number", "UG-7",
                                            "title", "Prvi", "start-date", "2026-01-01", NULL);
  g_autoptr(KlEntity) second = g_object_new (KL_TYPE_CONTRACT, "client-id", client_id, "number", "UG-7",
                                             "title", "Drugi", "start-date", "2026-01-01", NULL);

  g_assert_true (kl_store_insert (contracts, first, &error));
  g_assert_no_error (error);
  g_assert_false (kl_store_insert (contracts, second, &error));
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_DUPLICATE);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contracts"), ==, 1);
  /* The failed insert left no audit rows behind. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE table_name = 'contracts'"), >, 0);
  g_assert_cmpint (count (f, "SELECT count(DISTINCT row_id) FROM audit_log WHERE table_name = 'contracts'"), ==, 1);
}

/* Audit */

static void
test_audit_rows (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = new_client ("Audit d.o.o.", "HR", NULL);
  gint64 id;

  g_assert_true (kl_store_insert (f->clients, client, &error));
  id = kl_entity_get_id (client);
  /* name, kind, country, city, status, currency and terms were set. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE action = 'insert' AND field = 'name'"
                             " AND new_value = 'Audit d.o.o.' AND old_value IS NULL"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE field IN ('sort_key', 'search_key')"), ==, 0);

  kl_entity_set_text (client, "city", "Osijek");
  kl_entity_set_text (client, "phone", "+385 31 123 456");
  g_assert_true (kl_store_update (f->clients, client, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE action = 'update'"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE action = 'update' AND field = 'city'"
                             " AND old_value = 'Zagreb' AND new_value = 'Osijek'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE action = 'update' AND field = 'phone'"
                             " AND old_value IS NULL AND new_value = '+385 31 123 456'"), ==, 1);

  /* Saving unchanged writes nothing. */
  g_assert_true (kl_store_update (f->clients, client, &error));
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE action = 'update'"), ==, 2);

  g_assert_true (kl_store_delete (f->clients, id, &error));
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE action = 'delete' AND field = 'name'"
                             " AND old_value = 'Audit d.o.o.'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE changed_at IS NULL OR changed_at = ''"), ==, 0);

  /* Contacts, deals and contracts are audited too. */
  {
    gint64 client_id = insert_client (f, "Audited family d.o.o.");
    g_autoptr(KlEntity) contact = g_object_new (KL_TYPE_CONTACT, "client-id", client_id, "name", "Ana", NULL);
    g_autoptr(KlEntity) deal = g_object_new (KL_TYPE_DEAL, "client-id", client_id, "title", "Posao", NULL);
    g_autoptr(KlEntity) contract = g_object_new (KL_TYPE_CONTRACT, "client-id", client_id, "number", "A-1",
                                                 "title", "Ugovor", "start-date", "2026-01-01", NULL);

    g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_CONTACT), contact, NULL));
    g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_DEAL), deal, NULL));
    g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_CONTRACT), contract, NULL));
    g_assert_cmpint (count (f, "SELECT count(DISTINCT table_name) FROM audit_log"
                               " WHERE table_name IN ('contacts', 'deals', 'contracts')"), ==, 3);
  }
}

static void
test_failed_write_leaves_nothing (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KlDatabase *db = kl_session_get_database (f->session);
  gint64 before_clients, before_audit;

  insert_client (f, "Existing d.o.o.");
  before_clients = count (f, "SELECT count(*) FROM clients");
  before_audit = count (f, "SELECT count(*) FROM audit_log");

  /* A trigger makes the audit write fail after the client row went in:
   * the whole write must be undone. */
  g_assert_true (kl_database_exec (db, "CREATE TEMP TRIGGER refuse AFTER INSERT ON audit_log"
                                       " WHEN NEW.field = 'city' BEGIN SELECT RAISE(ABORT, 'no'); END", NULL));
  {
    g_autoptr(KlEntity) client = new_client ("Half written d.o.o.", "HR", NULL);

    g_assert_false (kl_store_insert (f->clients, client, &error));
    g_assert_nonnull (error);
    g_assert_cmpint (kl_entity_get_id (client), ==, 0);
  }
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, before_clients);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log"), ==, before_audit);

  /* The session still works after the failure. */
  g_assert_true (kl_database_exec (db, "DROP TRIGGER refuse", NULL));
  insert_client (f, "After d.o.o.");
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, before_clients + 1);
}

static void
test_text_round_trips (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GString) long_text = g_string_new (NULL);
  const char *texts[] = {
    "O'Reilly \"Navodnici\" d.o.o.",
    "Robert'); DROP TABLE clients;--",
    "Cvjećarnica 🌻🌷 Ružica",
    "  leading and trailing spaces  ",
    "line one\nline two\ttab",
    "ООО «Ёж и Й» — тест",
    NULL,
  };

  for (guint i = 0; i < 10000; i++)
    g_string_append_unichar (long_text, i % 3 == 0 ? 0x0160 /* Š */ : i % 3 == 1 ? 'a' : 0x1F600);
  texts[G_N_ELEMENTS (texts) - 1] = long_text->str;
  g_assert_cmpint (g_utf8_strlen (long_text->str, -1), ==, 10000);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KlEntity) client = new_client (texts[i], "HR", NULL);
      g_autoptr(KlEntity) read = NULL;

      kl_entity_set_text (client, "notes", texts[i]);
      g_assert_true (kl_store_insert (f->clients, client, &error));
      g_assert_no_error (error);
      read = kl_store_get (f->clients, kl_entity_get_id (client), &error);
      g_assert_no_error (error);
      g_assert_cmpint (strlen (kl_entity_get_text (read, "name")), ==, strlen (texts[i]));
      g_assert_cmpint (memcmp (kl_entity_get_text (read, "name"), texts[i], strlen (texts[i])), ==, 0);
      g_assert_cmpstr (kl_entity_get_text (read, "notes"), ==, texts[i]);
    }

  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, G_N_ELEMENTS (texts));
}

/* The lazy client list */

static void
test_client_list_lazy (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlClientList) list = NULL;
  g_autoptr(KlEntity) first = NULL;
  g_autoptr(KlEntity) last = NULL;
  KlDatabase *db = kl_session_get_database (f->session);

  g_assert_true (kl_database_begin (db, &error));
  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *name = g_strdup_printf ("Klijent %05u d.o.o.", i);

      insert_client (f, name);
    }
  g_assert_true (kl_database_commit (db, &error));

  list = kl_client_list_new (f->session);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5000);
  g_assert_cmpuint (kl_client_list_get_fetches (list), ==, 0);

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (kl_entity_get_text (first, "name"), ==, "Klijent 00000 d.o.o.");
  last = g_list_model_get_item (G_LIST_MODEL (list), 4999);
  g_assert_cmpstr (kl_entity_get_text (last, "name"), ==, "Klijent 04999 d.o.o.");
  /* Two pages read, not five thousand rows. */
  g_assert_cmpuint (kl_client_list_get_fetches (list), ==, 2);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 5000));

  kl_client_list_set_sort (list, KL_CLIENT_SORT_NAME, TRUE);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (kl_entity_get_text (first, "name"), ==, "Klijent 04999 d.o.o.");
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *calls)
{
  (*calls)++;
}

static void
test_client_list_search_sort (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(KlClientList) list = NULL;
  g_autoptr(KlEntity) item = NULL;
  const char *names[] = { "Čakovec Trade d.o.o.", "Cvjećarna Ana", "Ćosić i sinovi", "Zagrebačka pekara",
                          "Đuro Đaković obrt", "Dubravka d.o.o.", "Šime Jurić", "Sunce j.d.o.o." };
  guint calls = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    insert_client (f, names[i]);

  list = kl_client_list_new (f->session);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &calls);

  /* Croatian alphabetical order: c < č < ć < d < đ < … < s < š < z */
  {
    const char *expected[] = { "Cvjećarna Ana", "Čakovec Trade d.o.o.", "Ćosić i sinovi", "Dubravka d.o.o.",
                               "Đuro Đaković obrt", "Sunce j.d.o.o.", "Šime Jurić", "Zagrebačka pekara" };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autoptr(KlEntity) client = g_list_model_get_item (G_LIST_MODEL (list), i);

        g_assert_cmpstr (kl_entity_get_text (client, "name"), ==, expected[i]);
      }
  }

  kl_client_list_set_search (list, "sime");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (kl_entity_get_text (item, "name"), ==, "Šime Jurić");
  g_assert_cmpuint (calls, ==, 1);

  kl_client_list_set_search (list, "djuro");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  kl_client_list_set_search (list, "DAKOVIC");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  kl_client_list_set_search (list, "100%");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  kl_client_list_set_search (list, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, G_N_ELEMENTS (names));

  /* A new client shows up without asking. */
  insert_client (f, "Novi klijent");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, G_N_ELEMENTS (names) + 1);

  kl_client_list_set_status (list, "active");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  kl_client_list_set_status (list, "prospect");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, G_N_ELEMENTS (names) + 1);
}

/* The values a column's CHECK (column IN ('a', 'b', …)) allows in @sql, in
 * order; NULL when the column has no such list. */
static GPtrArray *
check_list (const char *sql,
            const char *column)
{
  g_autofree char *pattern = g_strdup_printf ("\\b%s\\s+IN\\s*\\(([^)]*)\\)", column);
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_DOTALL, 0, NULL);
  g_autoptr(GRegex) quoted = g_regex_new ("'([^']*)'", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GMatchInfo) value = NULL;
  g_autofree char *list = NULL;
  GPtrArray *values;

  if (!g_regex_match (regex, sql, 0, &match))
    return NULL;

  list = g_match_info_fetch (match, 1);
  values = g_ptr_array_new_with_free_func (g_free);
  g_regex_match (quoted, list, 0, &value);
  while (g_match_info_matches (value))
    {
      g_ptr_array_add (values, g_match_info_fetch (value, 1));
      g_match_info_next (value, NULL);
    }

  return values;
}

/* Each field's choices are exactly its column's CHECK list in the schema
 * as the migrations leave it, and every text column with such a list has
 * choices: the editors offer nothing the database refuses, and nothing the
 * database allows is missing from them. */
static void
test_choices_match_schema (Fixture       *f,
                           gconstpointer  data)
{
  sqlite3 *db = kl_database_get_handle (kl_session_get_database (f->session));
  guint n_types = 0;
  const GType *types = kl_entity_types (&n_types);
  guint n_checked = 0;

  for (guint t = 0; t < n_types; t++)
    {
      KlEntityClass *klass = g_type_class_ref (types[t]);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autofree char *sql = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_text (stmt, 1, klass->table, -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      sql = g_strdup ((const char *)sqlite3_column_text (stmt, 0));

      for (guint i = 0; i < klass->n_fields; i++)
        {
          const KlField *field = &klass->fields[i];
          g_autoptr(GPtrArray) allowed = NULL;

          if (field->flags & KL_FIELD_COMPUTED)
            continue;

          allowed = check_list (sql, field->column);
          if (field->choices == NULL)
            {
              if (allowed != NULL && allowed->len > 0)
                g_error ("%s.%s has a CHECK list in the schema but no choices", klass->table, field->column);
              continue;
            }

          if (allowed == NULL)
            g_error ("%s.%s has choices but no CHECK list in the schema", klass->table, field->column);
          g_assert_cmpuint (g_strv_length ((char **)field->choices), ==, allowed->len);
          for (guint j = 0; j < allowed->len; j++)
            g_assert_cmpstr (field->choices[j], ==, g_ptr_array_index (allowed, j));
          n_checked++;
        }

      g_type_class_unref (klass);
    }

  /* Clients alone have five. */
  g_assert_cmpuint (n_checked, >=, 5);
}

/* The typed accessors read the same fields as the string keys. */
static void
test_typed_accessors (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(KlClient) client = g_object_new (KL_TYPE_CLIENT,
                                             "name", "Jadran d.o.o.",
                                             "tax-id", "12345678903",
                                             "city", "Split",
                                             "email", "ured@jadran.hr",
                                             "phone", "+385 21 123 456",
                                             NULL);
  g_autoptr(KlContact) contact = g_object_new (KL_TYPE_CONTACT, "name", "Ana Horvat", "client-id", (gint64) 7, NULL);

  g_assert_cmpstr (kl_client_get_name (client), ==, "Jadran d.o.o.");
  g_assert_cmpstr (kl_client_get_tax_id (client), ==, "12345678903");
  g_assert_cmpstr (kl_client_get_city (client), ==, "Split");
  g_assert_cmpstr (kl_client_get_email (client), ==, "ured@jadran.hr");
  g_assert_cmpstr (kl_client_get_phone (client), ==, "+385 21 123 456");
  g_assert_cmpstr (kl_client_get_country (client), ==, kl_entity_get_text (KL_ENTITY (client), "country"));
  g_assert_cmpstr (kl_client_get_currency (client), ==, kl_entity_get_text (KL_ENTITY (client), "currency"));
  g_assert_cmpint (kl_client_get_manager_id (client), ==, 0);
  g_assert_cmpstr (kl_contact_get_name (contact), ==, "Ana Horvat");
  g_assert_null (kl_contact_get_email (contact));
  g_assert_cmpint (kl_contact_get_client_id (contact), ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/model/migration/from-empty", test_migration_from_empty);
  g_test_add_func ("/model/migration/from-each-version", test_migration_from_each_version);
  ADD ("/model/database/newer-schema-refused", test_newer_schema_refused);
  ADD ("/model/database/private-file-and-wal", test_file_private_and_wal);
  g_test_add_func ("/model/database/corrupt-file", test_corrupt_file);
  ADD ("/model/database/locked", test_locked_database);
  ADD ("/model/client/crud", test_client_crud);
  ADD ("/model/store/every-entity", test_every_entity_round_trips);
  ADD ("/model/store/related-records", test_related_records);
  ADD ("/model/validation/refuses", test_validation_refuses);
  ADD ("/model/database/constraints", test_database_constraints);
  ADD ("/model/entity/choices-match-schema", test_choices_match_schema);
  ADD ("/model/entity/typed-accessors", test_typed_accessors);
  ADD ("/model/store/duplicate-number", test_duplicate_number);
  ADD ("/model/audit/rows", test_audit_rows);
  ADD ("/model/store/failed-write-leaves-nothing", test_failed_write_leaves_nothing);
  ADD ("/model/store/text-round-trips", test_text_round_trips);
  ADD ("/model/client-list/lazy", test_client_list_lazy);
  ADD ("/model/client-list/search-sort", test_client_list_search_sort);
#undef ADD

  return g_test_run ();
}
