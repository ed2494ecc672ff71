/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kl-company.h"
#include "kl-demo.h"
#include "kl-entities.h"
#include "kl-session.h"
#include "kl-summary-sql.h"
#include "kl-test.h"
#include "kl-validation.h"

/* Demo data is relative to this day, so the checks below are stable. */
#define TODAY "2026-03-15"
#define N_CLIENTS 200

typedef struct {
  char      *dir;
  char      *path;
  KlSession *session;
} Fixture;

static void
fixture_open (Fixture *f)
{
  f->session = kl_test_open_session ("demo", &f->dir, &f->path);
}

static void
fixture_close (Fixture *f)
{
  kl_test_close_session (&f->session, &f->dir, &f->path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  fixture_open (f);
}

static void
fixture_set_up_seeded (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_open (f);
  g_assert_true (kl_demo_seed (f->session, N_CLIENTS, TODAY, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  fixture_close (f);
}

static gint64 count (Fixture    *f,
                     const char *format,
                     ...) G_GNUC_PRINTF (2, 3);

static gint64
count (Fixture    *f,
       const char *format,
       ...)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  va_list args;
  gint64 n;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  n = kl_database_query_int (kl_session_get_database (f->session), sql, &error);
  g_assert_no_error (error);

  return n;
}

static sqlite3_stmt *
prepare (Fixture    *f,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = kl_database_get_handle (kl_session_get_database (f->session));

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));

  return stmt;
}

static const char * const all_tables[] = {
  "managers", "competitors", "clients", "contacts", "products", "price_tiers", "deals",
  "deal_stage_history", "activities", "contracts", "invoices", "payments", "complaints",
  "offers", "offer_lines", "sales_plans", "audit_log",
};

static gint64
total_rows (Fixture *f)
{
  gint64 total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (all_tables); i++)
    total += count (f, "SELECT count(*) FROM %s", all_tables[i]);

  return total;
}

/* Tests on one seeded database */

static void
test_clients (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n = 0;

  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, N_CLIENTS);

  /* Every tax ID passes the check digits of its country. */
  stmt = prepare (f, "SELECT country, tax_id, name, kind, legal_form FROM clients");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GError) error = NULL;
      const char *country = (const char *)sqlite3_column_text (stmt, 0);
      const char *tax_id = (const char *)sqlite3_column_text (stmt, 1);
      const char *kind = (const char *)sqlite3_column_text (stmt, 3);
      const char *legal_form = (const char *)sqlite3_column_text (stmt, 4);

      g_assert_nonnull (tax_id);
      if (!kl_validate_tax_id (country, tax_id, &error))
        g_error ("%s (%s): %s", sqlite3_column_text (stmt, 2), tax_id, error->message);
      g_assert_no_error (error);
      if (g_str_equal (country, "HR"))
        g_assert_true (kl_validate_oib (tax_id, NULL));
      else
        {
          /* Organisations have 10 digits, persons and sole traders 12. */
          gboolean individual = g_str_equal (kind, "person") || g_strcmp0 (legal_form, "ИП") == 0;

          g_assert_true (kl_validate_inn (tax_id, NULL));
          g_assert_cmpuint (strlen (tax_id), ==, individual ? 12 : 10);
        }
      n++;
    }
  g_assert_cmpuint (n, ==, N_CLIENTS);

  /* About 60 % Croatian, 40 % Russian; companies and persons. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE country = 'HR'"), >=, N_CLIENTS * 45 / 100);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE country = 'RU'"), >=, N_CLIENTS * 25 / 100);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE kind = 'person'"), >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE currency = 'EUR' AND country <> 'HR'"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE currency = 'RUB' AND country <> 'RU'"), ==, 0);
  for (guint i = 0; kl_client_statuses[i] != NULL; i++)
    g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE status = '%s'", kl_client_statuses[i]), >, 0);

  /* The letters search must cope with are there on purpose. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE name LIKE '%%č%%' OR name LIKE '%%ć%%'"
                             " OR name LIKE '%%š%%' OR name LIKE '%%ž%%' OR name LIKE '%%Đ%%'"
                             " OR name LIKE '%%đ%%' OR name LIKE '%%Š%%' OR name LIKE '%%Ž%%'"), >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE name LIKE '%%ё%%' OR name LIKE '%%Ё%%'"
                             " OR name LIKE '%%й%%' OR name LIKE '%%Й%%'"), >, 0);

  /* Exact duplicates are rare. */
  g_assert_cmpint (count (f, "SELECT count(DISTINCT name) FROM clients"), >=, N_CLIENTS * 95 / 100);

  /* Written through the store: every client has its audit trail. */
  g_assert_cmpint (count (f, "SELECT count(DISTINCT row_id) FROM audit_log"
                             " WHERE table_name = 'clients' AND action = 'insert'"), ==, N_CLIENTS);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE search_key = '' OR sort_key = ''"), ==, 0);
}

static void
test_people (Fixture       *f,
             gconstpointer  data)
{
  gint64 managers = count (f, "SELECT count(*) FROM managers");

  g_assert_cmpint (managers, >=, 3);
  g_assert_cmpint (managers, <=, 5);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE manager_id IS NULL"), ==, 0);

  /* 1–3 contacts per company, none for private persons. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients c WHERE kind = 'company' AND"
                             " (SELECT count(*) FROM contacts WHERE client_id = c.id) NOT BETWEEN 1 AND 3"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contacts t JOIN clients c ON c.id = t.client_id"
                             " WHERE c.kind = 'person'"), ==, 0);
  for (guint i = 0; kl_contact_roles[i] != NULL; i++)
    g_assert_cmpint (count (f, "SELECT count(*) FROM contacts WHERE role = '%s'", kl_contact_roles[i]), >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contacts WHERE consent_date IS NOT NULL"), >, 0);

  g_assert_cmpint (count (f, "SELECT count(*) FROM competitors"), >=, 5);
  g_assert_cmpint (count (f, "SELECT count(*) FROM competitors"), <=, 8);
  g_assert_cmpint (count (f, "SELECT count(*) FROM products"), >=, 15);
  g_assert_cmpint (count (f, "SELECT count(*) FROM products"), <=, 30);
  g_assert_cmpint (count (f, "SELECT count(*) FROM products p"
                             " WHERE NOT EXISTS (SELECT 1 FROM price_tiers WHERE product_id = p.id)"), ==, 0);
}

static void
test_funnel (Fixture       *f,
             gconstpointer  data)
{
  gint64 deals = count (f, "SELECT count(*) FROM deals");
  gint64 leads = count (f, "SELECT count(*) FROM deal_stage_history WHERE to_stage = 'lead'");
  gint64 won = count (f, "SELECT count(*) FROM deals WHERE stage = 'won'");
  double ratio;

  /* About 0.8 deals per client, every stage present. */
  g_assert_cmpint (deals, >=, N_CLIENTS * 6 / 10);
  g_assert_cmpint (deals, <=, N_CLIENTS);
  for (guint i = 0; kl_deal_stages[i] != NULL; i++)
    g_assert_cmpint (count (f, "SELECT count(*) FROM deals WHERE stage = '%s'", kl_deal_stages[i]), >, 0);

  /* Of ten prospects, one signs. */
  g_assert_cmpint (leads, ==, deals);
  g_assert_cmpint (won, >, 0);
  ratio = (double)leads / won;
  g_test_message ("%" G_GINT64_FORMAT " leads, %" G_GINT64_FORMAT " won: %.1f per won deal", leads, won, ratio);
  g_assert_cmpfloat (ratio, >=, 6.0);
  g_assert_cmpfloat (ratio, <=, 15.0);

  /* Lost deals say why, and often to whom. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM deals WHERE stage = 'lost'"
                             " AND (lost_reason IS NULL OR lost_reason = '')"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM deals WHERE stage = 'lost' AND competitor_id IS NOT NULL"), >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM deals WHERE stage IN ('won', 'lost') AND closed_date IS NULL"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM deals WHERE stage NOT IN ('won', 'lost')"
                             " AND closed_date IS NOT NULL"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM deals WHERE currency <> (SELECT currency FROM clients"
                             " WHERE id = deals.client_id)"), ==, 0);
}

static int
stage_index (const char *stage)
{
  for (int i = 0; kl_deal_stages[i] != NULL; i++)
    if (g_strcmp0 (kl_deal_stages[i], stage) == 0)
      return i;

  return -1;
}

static void
test_stage_history (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(sqlite3_stmt) deals = prepare (f, "SELECT id, stage, closed_date FROM deals ORDER BY id");
  g_autoptr(sqlite3_stmt) history = prepare (f, "SELECT from_stage, to_stage, changed_at"
                                                " FROM deal_stage_history WHERE deal_id = ?"
                                                " ORDER BY changed_at, id");
  guint n_deals = 0;

  while (sqlite3_step (deals) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (deals, 0);
      g_autofree char *stage = g_strdup ((const char *)sqlite3_column_text (deals, 1));
      g_autofree char *closed = g_strdup ((const char *)sqlite3_column_text (deals, 2));
      g_autofree char *previous_to = NULL;
      g_autofree char *previous_at = NULL;
      guint n = 0;

      sqlite3_reset (history);
      sqlite3_bind_int64 (history, 1, id);
      while (sqlite3_step (history) == SQLITE_ROW)
        {
          const char *from = (const char *)sqlite3_column_text (history, 0);
          const char *to = (const char *)sqlite3_column_text (history, 1);
          const char *at = (const char *)sqlite3_column_text (history, 2);

          g_assert_true (kl_validate_datetime (at, NULL));
          if (n == 0)
            {
              /* Every deal enters the funnel as a lead. */
              g_assert_null (from);
              g_assert_cmpstr (to, ==, "lead");
              /* Within the last twelve months. */
              g_assert_cmpstr (at, >=, "2025-03-14");
            }
          else
            {
              g_assert_cmpstr (from, ==, previous_to);
              g_assert_cmpstr (at, >, previous_at);
              /* Forward one stage at a time, or out. */
              if (!g_str_equal (to, "won") && !g_str_equal (to, "lost"))
                g_assert_cmpint (stage_index (to), ==, stage_index (from) + 1);
              else
                g_assert_cmpstr (from, !=, "won");
            }
          g_assert_cmpstr (at, <=, TODAY "T23:59:59");

          g_free (previous_to);
          g_free (previous_at);
          previous_to = g_strdup (to);
          previous_at = g_strdup (at);
          n++;
        }

      g_assert_cmpuint (n, >=, 1);
      g_assert_cmpstr (previous_to, ==, stage);
      if (closed != NULL)
        g_assert_true (g_str_has_prefix (previous_at, closed));
      n_deals++;
    }

  g_assert_cmpuint (n_deals, >, 0);
}

static void
test_contracts (Fixture       *f,
                gconstpointer  data)
{
  for (guint i = 0; kl_contract_statuses[i] != NULL; i++)
    g_assert_cmpint (count (f, "SELECT count(*) FROM contracts WHERE status = '%s'",
                            kl_contract_statuses[i]), >, 0);

  /* Some running contracts are about to end. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM contracts WHERE status = 'active'"
                             " AND end_date BETWEEN '%s' AND date('%s', '+30 days')", TODAY, TODAY), >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contracts WHERE status = 'active'"
                             " AND (start_date > '%s' OR end_date < '%s')", TODAY, TODAY), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contracts WHERE status = 'expired' AND end_date >= '%s'", TODAY), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contracts WHERE status IN ('signed', 'active', 'expired',"
                             " 'terminated') AND signed_date IS NULL"), ==, 0);

  /* Croatian VAT and numbers, Russian VAT and numbers. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM contracts WHERE currency = 'EUR'"
                             " AND (vat_rate_bp <> 2500 OR number NOT LIKE 'UG-%%')"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contracts WHERE currency = 'RUB'"
                             " AND (vat_rate_bp <> 2000 OR number NOT LIKE 'ДГ-%%')"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contracts WHERE auto_renew = 1"), >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contracts WHERE deal_id IS NOT NULL"), >, 0);
}

static void
test_invoices (Fixture       *f,
               gconstpointer  data)
{
  static const char * const buckets[] = { "not due", "0–30", "31–60", "61–90", "90+" };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 per_bucket[G_N_ELEMENTS (buckets)] = { 0 };
  g_autofree char *sql = NULL;

  /* Ageing of what is still owed. */
  sql = g_strdup_printf ("SELECT CAST(julianday('%s') - julianday(due_date) AS INTEGER) FROM invoices i"
                         " WHERE status = 'issued' AND amount >"
                         " (SELECT coalesce(sum(amount), 0) FROM payments WHERE invoice_id = i.id)", TODAY);
  stmt = prepare (f, sql);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int overdue = sqlite3_column_int (stmt, 0);
      guint bucket = overdue <= 0 ? 0 : overdue <= 30 ? 1 : overdue <= 60 ? 2 : overdue <= 90 ? 3 : 4;

      per_bucket[bucket]++;
    }
  for (guint i = 0; i < G_N_ELEMENTS (buckets); i++)
    {
      g_test_message ("%s: %" G_GINT64_FORMAT, buckets[i], per_bucket[i]);
      g_assert_cmpint (per_bucket[i], >, 0);
    }

  /* Paid in full, in part, not at all; never more than the amount. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM invoices i WHERE amount ="
                             " (SELECT sum(amount) FROM payments WHERE invoice_id = i.id)"), >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM invoices i WHERE amount >"
                             " (SELECT sum(amount) FROM payments WHERE invoice_id = i.id)"), >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM invoices i WHERE status = 'issued'"
                             " AND NOT EXISTS (SELECT 1 FROM payments WHERE invoice_id = i.id)"), >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM invoices i WHERE amount <"
                             " (SELECT sum(amount) FROM payments WHERE invoice_id = i.id)"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM payments p JOIN invoices i ON i.id = p.invoice_id"
                             " WHERE p.paid_date < i.issue_date OR p.paid_date > '%s'", TODAY), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM invoices WHERE issue_date > '%s'", TODAY), ==, 0);
}

static void
test_activities (Fixture       *f,
                 gconstpointer  data)
{
  for (guint i = 0; kl_activity_kinds[i] != NULL; i++)
    g_assert_cmpint (count (f, "SELECT count(*) FROM activities WHERE kind = '%s'", kl_activity_kinds[i]), >, 0);

  g_assert_cmpint (count (f, "SELECT count(*) FROM activities WHERE status = 'done' AND starts_at > '%sT23:59:59'", TODAY), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM activities WHERE status = 'done' AND outcome IS NULL"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM activities WHERE status = 'done'"
                             " AND starts_at < date('%s', '-12 months')", TODAY), ==, 0);
  /* Planned ahead, and some planned ones already overdue. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM activities WHERE status = 'planned' AND starts_at > '%s'", TODAY), >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM activities WHERE status = 'planned' AND starts_at < '%s'", TODAY), >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM activities WHERE deal_id IS NOT NULL"), >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM activities WHERE manager_id IS NULL"), ==, 0);
}

static void
test_complaints_offers_plans (Fixture       *f,
                              gconstpointer  data)
{
  for (guint i = 0; kl_complaint_categories[i] != NULL; i++)
    g_assert_cmpint (count (f, "SELECT count(*) FROM complaints WHERE category = '%s'",
                            kl_complaint_categories[i]), >, 0);
  for (guint i = 0; kl_complaint_statuses[i] != NULL; i++)
    g_assert_cmpint (count (f, "SELECT count(*) FROM complaints WHERE status = '%s'",
                            kl_complaint_statuses[i]), >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM complaints WHERE status = 'resolved'"
                             " AND (resolution IS NULL OR resolved_date IS NULL)"), ==, 0);

  g_assert_cmpint (count (f, "SELECT count(*) FROM offers"), >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM offers o"
                             " WHERE NOT EXISTS (SELECT 1 FROM offer_lines WHERE offer_id = o.id)"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM offers WHERE status = 'accepted'"), >, 0);

  /* Each manager: twelve months back (this one included) and three ahead. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM sales_plans"), ==,
                   count (f, "SELECT count(*) FROM managers") * 15);
  g_assert_cmpint (count (f, "SELECT count(DISTINCT month) FROM sales_plans"), ==, 15);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sales_plans WHERE month = '2025-04'"), >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sales_plans WHERE month = '2026-06'"), >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM sales_plans WHERE revenue_target <= 0"), ==, 0);
}

/* The seeding bypasses CHECK constraints and the summary triggers for speed:
 * the data must be exactly what they would have allowed and written. */
static void
test_checks_hold (Fixture       *f,
                  gconstpointer  data)
{
  KlDatabase *db = kl_session_get_database (f->session);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (count (f, "PRAGMA ignore_check_constraints"), ==, 0);

  /* Rewriting every column of every row re-evaluates every CHECK. */
  g_assert_true (kl_database_begin (db, &error));
  for (guint i = 0; i < G_N_ELEMENTS (all_tables); i++)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA table_info(%s)", all_tables[i]);
      g_autoptr(sqlite3_stmt) stmt = prepare (f, pragma);
      g_autoptr(GString) sql = g_string_new (NULL);

      g_string_printf (sql, "UPDATE %s SET ", all_tables[i]);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *column = (const char *)sqlite3_column_text (stmt, 1);

          g_string_append_printf (sql, "%s = %s, ", column, column);
        }
      g_string_truncate (sql, sql->len - 2);
      if (!kl_database_exec (db, sql->str, &error))
        g_error ("%s: %s", all_tables[i], error->message);
    }
  kl_database_rollback (db);
}

static void
test_summary (Fixture       *f,
              gconstpointer  data)
{
  static const char snapshot_sql[] =
    "SELECT group_concat(id || '|' || coalesce(manager_key, '') || '|' || coalesce(last_contact_at, '')"
    " || '|' || coalesce(next_activity_at, '') || '|' || open_pipeline || '|' || overdue_debt"
    " || '|' || coalesce(debt_next_due, ''), ';') FROM (SELECT * FROM clients ORDER BY id)";
  static const char refresh_sql[] =
    KL_SQL_REFRESH_MANAGER_KEY ("1")
    KL_SQL_REFRESH_ACTIVITIES ("1")
    KL_SQL_REFRESH_PIPELINE ("1")
    KL_SQL_REFRESH_DEBT ("1");
  KlDatabase *db = kl_session_get_database (f->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) before = prepare (f, snapshot_sql);
  g_autoptr(sqlite3_stmt) after = NULL;
  g_autofree char *text_before = NULL;

  /* The triggers are back. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
                             " AND name IN ('clients_search_insert', 'contacts_search_insert',"
                             " 'activities_summary_insert', 'deals_summary_insert',"
                             " 'invoices_summary_insert', 'payments_summary_insert')"), ==, 6);

  /* The summary columns are what the triggers' own SQL gives. */
  g_assert_cmpint (sqlite3_step (before), ==, SQLITE_ROW);
  text_before = g_strdup ((const char *)sqlite3_column_text (before, 0));
  g_assert_true (kl_database_exec (db, refresh_sql, &error));
  g_assert_no_error (error);
  after = prepare (f, snapshot_sql);
  g_assert_cmpint (sqlite3_step (after), ==, SQLITE_ROW);
  g_assert_cmpstr (text_before, ==, (const char *)sqlite3_column_text (after, 0));
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE open_pipeline > 0"), >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE overdue_debt > 0"), >, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE last_contact_at IS NOT NULL"), >, 0);

  /* One search document per client, with its contacts, and found. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM client_docs"), ==, N_CLIENTS);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients c JOIN client_docs d ON d.id = c.id"
                             " WHERE d.doc = " KL_SQL_CLIENT_DOC), ==, N_CLIENTS);
  g_assert_cmpint (count (f, "SELECT count(*) FROM client_search WHERE client_search MATCH 'zagreb'"), >=,
                   count (f, "SELECT count(*) FROM clients WHERE city = 'Zagreb'"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE city = 'Zagreb'"), >, 0);

  /* A client added afterwards is indexed by the triggers as usual. */
  {
    g_autoptr(KlEntity) client = g_object_new (KL_TYPE_CLIENT, "name", "Ёлкин Пётр Ильич", "country", "RU",
                                               "city", "Йошкар-Ола", NULL);

    g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_CLIENT), client, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (count (f, "SELECT count(*) FROM client_docs"), ==, N_CLIENTS + 1);
}

/* Tests that make their own databases */

static void
test_deterministic (void)
{
  Fixture a = { 0 }, b = { 0 }, c = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) sa = NULL;
  g_autoptr(sqlite3_stmt) sb = NULL;
  g_autoptr(sqlite3_stmt) sc = NULL;
  guint n = 0;

  fixture_open (&a);
  fixture_open (&b);
  fixture_open (&c);
  g_assert_true (kl_demo_seed (a.session, N_CLIENTS, TODAY, &error));
  g_assert_no_error (error);
  g_assert_true (kl_demo_seed (b.session, N_CLIENTS, TODAY, &error));
  g_assert_no_error (error);
  /* Another day moves the dates, not the people. */
  g_assert_true (kl_demo_seed (c.session, N_CLIENTS, "2025-11-02", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (all_tables); i++)
    g_assert_cmpint (count (&a, "SELECT count(*) FROM %s", all_tables[i]), ==,
                     count (&b, "SELECT count(*) FROM %s", all_tables[i]));

  sa = prepare (&a, "SELECT name, tax_id FROM clients ORDER BY id");
  sb = prepare (&b, "SELECT name, tax_id FROM clients ORDER BY id");
  sc = prepare (&c, "SELECT name, tax_id FROM clients ORDER BY id");
  while (sqlite3_step (sa) == SQLITE_ROW)
    {
      g_assert_cmpint (sqlite3_step (sb), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_step (sc), ==, SQLITE_ROW);
      for (int col = 0; col < 2; col++)
        {
          g_assert_cmpstr ((const char *)sqlite3_column_text (sa, col), ==,
                           (const char *)sqlite3_column_text (sb, col));
          g_assert_cmpstr ((const char *)sqlite3_column_text (sa, col), ==,
                           (const char *)sqlite3_column_text (sc, col));
        }
      n++;
    }
  g_assert_cmpint (sqlite3_step (sb), ==, SQLITE_DONE);
  g_assert_cmpuint (n, ==, N_CLIENTS);

  /* The same contract numbers and deal stages too. */
  g_assert_cmpint (count (&a, "SELECT count(*) FROM deals WHERE stage = 'won'"), ==,
                   count (&b, "SELECT count(*) FROM deals WHERE stage = 'won'"));

  g_clear_pointer (&sa, sqlite3_finalize);
  g_clear_pointer (&sb, sqlite3_finalize);
  g_clear_pointer (&sc, sqlite3_finalize);
  fixture_close (&a);
  fixture_close (&b);
  fixture_close (&c);
}

static void
test_small (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_demo_seed (f->session, 5, TODAY, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, 5);
  g_assert_cmpint (count (f, "SELECT count(*) FROM managers"), >=, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM products"), >=, 15);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_demo_seed (f->session, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM managers"), >=, 3);
}

static void
test_bad_today (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (kl_demo_seed (f->session, 10, "2026-02-30", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kl_demo_seed (f->session, 10, "yesterday", &error));
  g_assert_nonnull (error);
  g_assert_cmpint (total_rows (f), ==, 0);
}

/* A failure late in the run leaves nothing behind. */
static void
test_atomic_late_failure (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KlDatabase *db = kl_session_get_database (f->session);

  /* Fails at the 150th client, well after contracts and invoices began. */
  g_assert_true (kl_database_exec (db, "CREATE TRIGGER fail_late BEFORE INSERT ON clients"
                                       " WHEN (SELECT count(*) FROM clients) >= 150"
                                       " BEGIN SELECT RAISE(ABORT, 'disk on fire'); END", &error));
  g_assert_no_error (error);

  g_assert_false (kl_demo_seed (f->session, N_CLIENTS, TODAY, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_cmpint (total_rows (f), ==, 0);

  /* The database is usable afterwards. */
  g_clear_error (&error);
  g_assert_true (kl_database_exec (db, "DROP TRIGGER fail_late", &error));
  g_assert_true (kl_demo_seed (f->session, 20, TODAY, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, 20);
}

/* A contract number the seeder will use is taken already. */
static void
test_atomic_duplicate_number (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = NULL;
  g_autoptr(KlEntity) contract = NULL;
  g_autofree char *number = NULL;
  gint64 audit_before;

  /* Learn the number from a seeding of the same size elsewhere. */
  {
    Fixture other = { 0 };
    g_autoptr(sqlite3_stmt) stmt = NULL;

    fixture_open (&other);
    g_assert_true (kl_demo_seed (other.session, N_CLIENTS, TODAY, &error));
    g_assert_no_error (error);
    stmt = prepare (&other, "SELECT number FROM contracts ORDER BY id DESC LIMIT 1");
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    number = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
    g_clear_pointer (&stmt, sqlite3_finalize);
    fixture_close (&other);
  }

  client = g_object_new (KL_TYPE_CLIENT, "name", "Postojeći klijent d.o.o.", "country", "HR",
                         "tax-id", "69435151530", NULL);
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_CLIENT), client, &error));
  g_assert_no_error (error);
  contract = g_object_new (KL_TYPE_CONTRACT, "number", number, "title", "Stari ugovor",
                           "client-id", kl_entity_get_id (client), "start-date", "2024-01-01", NULL);
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_CONTRACT), contract, &error));
  g_assert_no_error (error);
  audit_before = count (f, "SELECT count(*) FROM audit_log");

  g_assert_false (kl_demo_seed (f->session, N_CLIENTS, TODAY, &error));
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_DUPLICATE);

  /* Only what was there before. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contracts"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log"), ==, audit_before);
  g_assert_cmpint (count (f, "SELECT count(*) FROM managers"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM deals"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM invoices"), ==, 0);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      /* Root writes to read-only files: refuse writes on the connection. */
      g_assert_true (kl_database_exec (kl_session_get_database (f->session),
                                       "PRAGMA query_only = ON", &error));
    }
  else
    {
      /* Reopen the (migrated) database from a read-only file. */
      g_clear_object (&f->session);
      g_assert_cmpint (g_chmod (f->path, 0400), ==, 0);
      f->session = kl_session_open (f->path, &error);
    }
  g_assert_no_error (error);

  g_assert_false (kl_demo_seed (f->session, 10, TODAY, &error));
  g_assert_error (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_READ_ONLY);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, 0);
}

/* The own company of the demo: named, with requisites that pass the
 * Preferences' checks (Croatian d.o.o. or Russian ООО by the office); a
 * company already named is left as it is. */
static void
test_company (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCompany) company = NULL;
  const char *bad = NULL;

  for (int ru = 0; ru < 2; ru++)
    {
      if (ru)
        {
          fixture_close (f);
          fixture_open (f);
          g_assert_true (kl_session_set_office (f->session, "RU", "RUB", &error));
          g_assert_no_error (error);
        }
      g_assert_true (kl_demo_seed (f->session, 5, TODAY, &error));
      g_assert_no_error (error);
      company = kl_company_load (kl_session_get_database (f->session), &error);
      g_assert_no_error (error);
      g_assert_true (kl_company_validate (company, &bad, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (company->office.country, ==, ru ? "RU" : "HR");
      if (ru)
        {
          g_assert_cmpstr (company->name, ==, "ООО «Деловые решения»");
          g_assert_true (kl_validate_inn (company->tax_id, NULL));
          g_assert_true (kl_validate_kpp (company->kpp, NULL));
          g_assert_true (kl_validate_ogrn (company->ogrn, NULL));
          g_assert_true (kl_validate_ru_account (company->bik, company->account, FALSE, NULL));
          g_assert_true (kl_validate_ru_account (company->bik, company->corr_account, TRUE, NULL));
          g_assert_null (company->iban);
        }
      else
        {
          g_assert_cmpstr (company->name, ==, "Sjeverna točka d.o.o.");
          g_assert_true (kl_validate_oib (company->tax_id, NULL));
          g_assert_true (kl_validate_iban (company->iban, NULL));
          g_assert_null (company->kpp);
        }
      g_assert_nonnull (company->address);
      g_assert_nonnull (company->city);
      g_clear_pointer (&company, kl_company_free);
    }

  /* A company its user has named already stays as it is. */
  fixture_close (f);
  fixture_open (f);
  company = kl_company_load (kl_session_get_database (f->session), &error);
  company->name = g_strdup ("Moja firma");
  g_assert_true (kl_company_save (company, kl_session_get_database (f->session), NULL, &error));
  g_clear_pointer (&company, kl_company_free);
  g_assert_true (kl_demo_seed (f->session, 5, TODAY, &error));
  g_assert_no_error (error);
  company = kl_company_load (kl_session_get_database (f->session), &error);
  g_assert_cmpstr (company->name, ==, "Moja firma");
  g_assert_null (company->tax_id);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define SEEDED(path, func) \
  g_test_add ("/demo/seeded/" path, Fixture, NULL, fixture_set_up_seeded, func, fixture_tear_down)
#define FRESH(path, func) \
  g_test_add ("/demo/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  SEEDED ("clients", test_clients);
  SEEDED ("people", test_people);
  SEEDED ("funnel", test_funnel);
  SEEDED ("stage-history", test_stage_history);
  SEEDED ("contracts", test_contracts);
  SEEDED ("invoices", test_invoices);
  SEEDED ("activities", test_activities);
  SEEDED ("complaints-offers-plans", test_complaints_offers_plans);
  SEEDED ("checks-hold", test_checks_hold);
  SEEDED ("summary", test_summary);
  g_test_add_func ("/demo/deterministic", test_deterministic);
  FRESH ("small", test_small);
  FRESH ("company", test_company);
  FRESH ("empty", test_empty);
  FRESH ("bad-today", test_bad_today);
  FRESH ("atomic/late-failure", test_atomic_late_failure);
  FRESH ("atomic/duplicate-number", test_atomic_duplicate_number);
  FRESH ("atomic/read-only", test_read_only);

  return g_test_run ();
}
