/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-report-data.h"

#include <stdio.h>
#include <string.h>

#include "kl-complaint-sql.h"
#include "kl-summary-sql.h"

/* Every query takes the same named parameters, bound when it names them:
 *   :from, :to         the period's days ('0000-01-01' and '9999-12-31'
 *                      when open)
 *   :to_end            after every time of the day :to (a bound of
 *                      date-times compared as text, so that an index serves)
 *   :today             the day ages and expiries count from
 *   :manager           a manager's id, 0 for all
 *   :mfrom, :mto       the period's months (YYYY-MM), the last one no later
 *                      than the current month
 *   :dfrom, :dto       the first day of :mfrom and the day after :mto */

#define MANAGER_IS(COLUMN) "(:manager = 0 OR " COLUMN " = :manager)"

#define STAGE_RANK(COLUMN) \
  "(CASE " COLUMN " WHEN 'lead' THEN 0 WHEN 'contacted' THEN 1 WHEN 'needs' THEN 2" \
  " WHEN 'offer' THEN 3 WHEN 'negotiation' THEN 4 WHEN 'won' THEN 5 ELSE 6 END)"

#define CLIENT_COLUMNS \
  "c.name, c.kind, c.legal_form, c.tax_id, c.country, c.postal_code, c.city, c.address," \
  " c.phone, c.email, c.segment, c.status, c.source, c.credit_rating, c.credit_limit, c.currency," \
  " c.payment_terms_days, m.name, c.last_contact_at, c.next_activity_at, c.open_pipeline," \
  " c.overdue_debt, c.created_at" \
  " FROM clients c LEFT JOIN managers m ON m.id = c.manager_id"

#define DEAL_COLUMNS \
  "cl.name, d.title, d.stage, d.amount, d.currency, d.probability," \
  " d.amount * d.probability, d.expected_close," \
  " CAST (julianday (:today) - julianday (date ((SELECT max(h.changed_at) FROM deal_stage_history h" \
  "                                              WHERE h.deal_id = d.id))) AS INTEGER)," \
  " m.name, d.closed_date" \
  " FROM deals d JOIN clients cl ON cl.id = d.client_id" \
  " LEFT JOIN managers m ON m.id = d.manager_id"

#define CONTRACT_COLUMNS \
  "k.number, cl.name, cl.tax_id, k.title, k.status, k.signed_date, k.start_date, k.end_date," \
  " CAST (julianday (k.end_date) - julianday (:today) AS INTEGER)," \
  " k.amount, k.currency, k.auto_renew, k.notice_days, m.name" \
  " FROM contracts k JOIN clients cl ON cl.id = k.client_id" \
  " LEFT JOIN managers m ON m.id = k.manager_id"

static const char * const queries[KL_REPORT_N_QUERIES] = {
  [KL_REPORT_CLIENTS] =
    "SELECT " CLIENT_COLUMNS
    " WHERE " MANAGER_IS ("c.manager_id")
    " ORDER BY c.sort_key, c.id",

  [KL_REPORT_DEALS] =
    "SELECT " DEAL_COLUMNS
    " WHERE " MANAGER_IS ("d.manager_id")
    " AND (d.stage NOT IN ('won', 'lost') OR d.closed_date BETWEEN :from AND :to)"
    " ORDER BY " STAGE_RANK ("d.stage") ", d.expected_close IS NULL, d.expected_close, d.id",

  [KL_REPORT_FORECAST] =
    "SELECT substr (d.expected_close, 1, 7) AS month, d.currency, count(*), sum(d.amount),"
    " sum(d.amount * d.probability)"
    " FROM deals d"
    " WHERE d.stage NOT IN ('won', 'lost') AND d.expected_close BETWEEN :from AND :to"
    " AND " MANAGER_IS ("d.manager_id")
    " GROUP BY month, d.currency ORDER BY month, d.currency",

  [KL_REPORT_CONTRACTS] =
    "SELECT " CONTRACT_COLUMNS
    " WHERE " MANAGER_IS ("k.manager_id")
    " AND k.start_date <= :to AND (k.end_date IS NULL OR k.end_date >= :from)"
    " ORDER BY k.end_date IS NULL, k.end_date, k.number",

  /* The same counts as the Complaints section's analysis. */
  [KL_REPORT_COMPLAINTS] = KL_SQL_COMPLAINTS_BY_MONTH (MANAGER_IS ("x.manager_id")),

  /* Counted per manager and day first (an index range of the done
   * activities, activities_status), and only then per week: the week's
   * date arithmetic once per day rather than once per activity. */
  [KL_REPORT_ACTIVITIES] =
    "WITH d AS ("
    "  SELECT a.manager_id AS mid, substr (a.starts_at, 1, 10) AS day,"
    "         sum(a.kind = 'call') AS calls, sum(a.kind = 'meeting') AS meetings,"
    "         sum(a.kind IN ('exhibition', 'event')) AS events, 0 AS referrals"
    "  FROM activities a"
    "  WHERE a.status = 'done' AND a.starts_at >= :from AND a.starts_at < :to_end"
    "  AND a.kind IN ('call', 'meeting', 'exhibition', 'event')"
    "  AND " MANAGER_IS ("a.manager_id")
    "  GROUP BY 1, 2"
    "  UNION ALL"
    "  SELECT c.manager_id, substr (c.created_at, 1, 10), 0, 0, 0, count(*)"
    "  FROM clients c INDEXED BY clients_created"
    "  WHERE c.source = 'referral' AND c.created_at >= :from AND c.created_at < :to_end"
    "  AND " MANAGER_IS ("c.manager_id")
    "  GROUP BY 1, 2),"
    " w AS (SELECT mid, date (day, 'weekday 0', '-6 days') AS week, calls, meetings, events, referrals"
    "       FROM d)"
    " SELECT m.name, w.week, sum(w.calls), sum(w.meetings), sum(w.events), sum(w.referrals)"
    " FROM w LEFT JOIN managers m ON m.id = w.mid"
    " GROUP BY w.mid, w.week"
    " ORDER BY m.id IS NULL, m.sort_key, w.mid, w.week",

  /* The deals in one pass; the debt from the open invoices only
   * (invoices_open, as kl-receivables.c reads them; SQLite would rather
   * take invoices_due and read every issued invoice). */
  [KL_REPORT_MANAGERS] =
    "WITH dl AS ("
    "  SELECT coalesce (d.manager_id, 0) AS mid, d.currency,"
    "   sum(d.stage = 'won' AND d.closed_date BETWEEN :from AND :to) AS won_n,"
    "   sum(CASE WHEN d.stage = 'won' AND d.closed_date BETWEEN :from AND :to THEN d.amount ELSE 0 END) AS won_v,"
    "   sum(d.stage NOT IN ('won', 'lost')) AS open_n,"
    "   sum(CASE WHEN d.stage NOT IN ('won', 'lost') THEN d.amount ELSE 0 END) AS open_v,"
    "   sum(CASE WHEN d.stage NOT IN ('won', 'lost') AND d.expected_close BETWEEN :from AND :to"
    "       THEN d.amount * d.probability ELSE 0 END) AS forecast_v,"
    "   max(d.stage NOT IN ('lost') AND (d.stage <> 'won' OR d.closed_date BETWEEN :from AND :to)) AS shown"
    "  FROM deals d WHERE " MANAGER_IS ("d.manager_id")
    "  GROUP BY 1, 2),"
    " debt AS ("
    "  SELECT coalesce (c.manager_id, 0) AS mid, i.currency, sum(i.amount - i.paid) AS v"
    "  FROM invoices i INDEXED BY invoices_open CROSS JOIN clients c"
    "  WHERE i.status = 'issued' AND i.paid < i.amount AND i.due_date < :today AND c.id = i.client_id"
    "  AND " MANAGER_IS ("c.manager_id")
    "  GROUP BY 1, 2),"
    " k AS (SELECT mid, currency FROM dl WHERE shown UNION SELECT mid, currency FROM debt)"
    " SELECT m.name, k.currency, coalesce (dl.won_n, 0), coalesce (dl.won_v, 0),"
    " coalesce (dl.open_n, 0), coalesce (dl.open_v, 0), coalesce (dl.forecast_v, 0), coalesce (debt.v, 0)"
    " FROM k LEFT JOIN managers m ON m.id = k.mid"
    " LEFT JOIN dl ON dl.mid = k.mid AND dl.currency = k.currency"
    " LEFT JOIN debt ON debt.mid = k.mid AND debt.currency = k.currency"
    " ORDER BY m.id IS NULL, m.sort_key, k.mid, k.currency",

  /* What was done, counted once per manager (not once per plan row) */
  [KL_REPORT_KPI] =
    "WITH p AS ("
    "  SELECT s.manager_id, s.currency, min(s.month) AS m0, max(s.month) AS m1,"
    "         sum(s.revenue_target) AS rt, sum(s.deals_target) AS dt, sum(s.meetings_target) AS mt,"
    "         sum(s.calls_target) AS ct, sum(s.new_clients_target) AS nt"
    "  FROM sales_plans s"
    "  WHERE s.month BETWEEN :mfrom AND :mto AND " MANAGER_IS ("s.manager_id")
    "  GROUP BY s.manager_id, s.currency),"
    " won AS ("
    "  SELECT d.manager_id AS mid, d.currency, count(*) AS n, sum(d.amount) AS v FROM deals d"
    "  WHERE d.stage = 'won' AND d.closed_date >= :dfrom AND d.closed_date < :dto"
    "  AND " MANAGER_IS ("d.manager_id")
    "  GROUP BY 1, 2),"
    " won_all AS (SELECT mid, sum(n) AS n FROM won GROUP BY 1),"
    " act AS ("
    "  SELECT a.manager_id AS mid, sum(a.kind = 'meeting') AS meetings, sum(a.kind = 'call') AS calls"
    "  FROM activities a"
    "  WHERE a.status = 'done' AND a.starts_at >= :dfrom AND a.starts_at < :dto"
    "  AND a.kind IN ('meeting', 'call') AND " MANAGER_IS ("a.manager_id")
    "  GROUP BY 1),"
    " new_clients AS ("
    "  SELECT c.manager_id AS mid, count(*) AS n FROM clients c"
    "  WHERE c.created_at >= :dfrom AND c.created_at < :dto AND " MANAGER_IS ("c.manager_id")
    "  GROUP BY 1)"
    " SELECT m.name, p.currency, p.m0, p.m1,"
    " p.rt, coalesce (won.v, 0), p.dt, coalesce (won_all.n, 0),"
    " p.mt, coalesce (act.meetings, 0), p.ct, coalesce (act.calls, 0),"
    " p.nt, coalesce (new_clients.n, 0)"
    " FROM p JOIN managers m ON m.id = p.manager_id"
    " LEFT JOIN won ON won.mid = p.manager_id AND won.currency = p.currency"
    " LEFT JOIN won_all ON won_all.mid = p.manager_id"
    " LEFT JOIN act ON act.mid = p.manager_id"
    " LEFT JOIN new_clients ON new_clients.mid = p.manager_id"
    " ORDER BY m.sort_key, p.manager_id, p.currency",
};

/* One row of a list (kl_report_cursor_new_list()), by its id */
static const char * const row_by_id[KL_REPORT_N_QUERIES] = {
  [KL_REPORT_CLIENTS] = "SELECT " CLIENT_COLUMNS " WHERE c.id = :id",
  [KL_REPORT_DEALS] = "SELECT " DEAL_COLUMNS " WHERE d.id = :id",
  [KL_REPORT_CONTRACTS] = "SELECT " CONTRACT_COLUMNS " WHERE k.id = :id",
};

struct _KlReportCursor {
  KlDatabase   *database;
  sqlite3_stmt *stmt;           /* from the database's cache */
  gboolean      by_ids;         /* kl_report_cursor_new_list() */
  const gint64 *ids;
  guint         n_ids;
  guint         next_id;
  int           id_index;       /* of :id */
};

gboolean
kl_report_snapshot_begin (KlDatabase  *database,
                          GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 due;

  g_return_val_if_fail (KL_IS_DATABASE (database), FALSE);

  /* As the clients list does: a busy or read-only database keeps the sums
   * of the day they were made. */
  due = kl_database_query_int (database,
                               "SELECT EXISTS (SELECT 1 FROM clients WHERE debt_next_due IS NOT NULL"
                               " AND debt_next_due <= " KL_SQL_TODAY ")",
                               &local_error);
  if (due > 0 && !kl_database_exec (database, KL_SQL_REFRESH_OVERDUE, &local_error))
    g_debug ("Could not bring overdue debts up to today: %s", local_error->message);

  return kl_database_exec (database, "BEGIN DEFERRED", error);
}

void
kl_report_snapshot_end (KlDatabase *database)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KL_IS_DATABASE (database));

  if (!sqlite3_get_autocommit (kl_database_get_handle (database)) &&
      !kl_database_exec (database, "COMMIT", &error))
    kl_database_rollback (database);
}

static void
bind_text (sqlite3_stmt *stmt,
           const char   *name,
           const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

/* "YYYY-MM" → the first day of the next month */
static char *
month_after (const char *month)
{
  int year = 0, mon = 0;

  if (sscanf (month, "%4d-%2d", &year, &mon) != 2 || mon < 1 || mon > 12)
    return g_strdup ("9999-12-31");
  if (++mon > 12)
    {
      mon = 1;
      year++;
    }

  return g_strdup_printf ("%04d-%02d-01", year, mon);
}

static void
bind_scope (sqlite3_stmt        *stmt,
            const KlReportScope *scope)
{
  g_autofree char *today = scope->today != NULL ? g_strdup (scope->today) : kl_database_today ();
  const char *from = scope->from != NULL ? scope->from : "0000-01-01";
  const char *to = scope->to != NULL ? scope->to : "9999-12-31";
  char mfrom[8], mto[8];
  g_autofree char *dfrom = NULL;
  g_autofree char *dto = NULL;
  int index;

  bind_text (stmt, ":from", from);
  bind_text (stmt, ":to", to);
  {
    g_autofree char *to_end = g_strconcat (to, "~", NULL);   /* '~' sorts after 'T', ' ' and digits */

    bind_text (stmt, ":to_end", to_end);
  }
  bind_text (stmt, ":today", today);
  index = sqlite3_bind_parameter_index (stmt, ":manager");
  if (index > 0)
    sqlite3_bind_int64 (stmt, index, scope->manager_id);

  g_strlcpy (mfrom, from, sizeof mfrom);
  g_strlcpy (mto, strcmp (to, today) < 0 ? to : today, sizeof mto);
  bind_text (stmt, ":mfrom", mfrom);
  bind_text (stmt, ":mto", mto);
  dfrom = g_strdup_printf ("%s-01", mfrom);
  dto = month_after (mto);
  bind_text (stmt, ":dfrom", dfrom);
  bind_text (stmt, ":dto", dto);
}

KlReportCursor *
kl_report_cursor_new (KlDatabase           *database,
                      KlReportQuery         query,
                      const KlReportScope  *scope,
                      GError              **error)
{
  KlReportCursor *cursor;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KL_IS_DATABASE (database), NULL);
  g_return_val_if_fail (query < KL_REPORT_N_QUERIES, NULL);
  g_return_val_if_fail (scope != NULL, NULL);

  stmt = kl_database_prepare (database, queries[query], error);
  if (stmt == NULL)
    return NULL;
  bind_scope (stmt, scope);

  cursor = g_new0 (KlReportCursor, 1);
  cursor->database = g_object_ref (database);
  cursor->stmt = stmt;

  return cursor;
}

KlReportCursor *
kl_report_cursor_new_list (KlDatabase           *database,
                           KlReportQuery         query,
                           const KlReportScope  *scope,
                           const gint64         *ids,
                           guint                 n_ids,
                           GError              **error)
{
  KlReportCursor *cursor;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KL_IS_DATABASE (database), NULL);
  g_return_val_if_fail (kl_report_query_has_list (query), NULL);
  g_return_val_if_fail (scope != NULL, NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  stmt = kl_database_prepare (database, row_by_id[query], error);
  if (stmt == NULL)
    return NULL;
  bind_scope (stmt, scope);

  cursor = g_new0 (KlReportCursor, 1);
  cursor->database = g_object_ref (database);
  cursor->stmt = stmt;
  cursor->by_ids = TRUE;
  cursor->id_index = sqlite3_bind_parameter_index (stmt, ":id");
  cursor->ids = ids;
  cursor->n_ids = n_ids;

  return cursor;
}

/* Whether kl_report_cursor_new_list() reads lists of @query's rows */
gboolean
kl_report_query_has_list (KlReportQuery query)
{
  return query < KL_REPORT_N_QUERIES && row_by_id[query] != NULL;
}

gboolean
kl_report_cursor_next (KlReportCursor  *cursor,
                       GError         **error)
{
  int rc;

  g_return_val_if_fail (cursor != NULL, FALSE);

  if (!cursor->by_ids)
    rc = sqlite3_step (cursor->stmt);
  else
    {
      rc = SQLITE_DONE;
      while (rc == SQLITE_DONE && cursor->next_id < cursor->n_ids)
        {
          sqlite3_reset (cursor->stmt);
          sqlite3_bind_int64 (cursor->stmt, cursor->id_index, cursor->ids[cursor->next_id++]);
          rc = sqlite3_step (cursor->stmt);
        }
    }

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    kl_database_set_error (cursor->database, error);

  return FALSE;
}

const char *
kl_report_cursor_get_text (KlReportCursor *cursor,
                           guint           column)
{
  const char *text;

  g_return_val_if_fail (cursor != NULL, NULL);

  text = (const char *) sqlite3_column_text (cursor->stmt, (int) column);
  return text != NULL && text[0] != '\0' ? text : NULL;
}

gint64
kl_report_cursor_get_int (KlReportCursor *cursor,
                          guint           column)
{
  g_return_val_if_fail (cursor != NULL, 0);

  return sqlite3_column_int64 (cursor->stmt, (int) column);
}

gboolean
kl_report_cursor_is_null (KlReportCursor *cursor,
                          guint           column)
{
  g_return_val_if_fail (cursor != NULL, TRUE);

  return sqlite3_column_type (cursor->stmt, (int) column) == SQLITE_NULL;
}

void
kl_report_cursor_free (KlReportCursor *cursor)
{
  if (cursor == NULL)
    return;

  kl_cached_stmt_release (cursor->stmt);
  g_object_unref (cursor->database);
  g_free (cursor);
}

gint64
kl_report_count (KlDatabase           *database,
                 KlReportQuery         query,
                 const KlReportScope  *scope,
                 GError              **error)
{
  g_autofree char *sql = NULL;
  g_autoptr(KlCachedStmt) stmt = NULL;

  g_return_val_if_fail (KL_IS_DATABASE (database), -1);
  g_return_val_if_fail (query < KL_REPORT_N_QUERIES, -1);

  /* The big tables' counts, without the joins and the sort. */
  switch (query)
    {
    case KL_REPORT_CLIENTS:
      sql = g_strdup ("SELECT count(*) FROM clients c WHERE " MANAGER_IS ("c.manager_id"));
      break;
    case KL_REPORT_DEALS:
      sql = g_strdup ("SELECT count(*) FROM deals d WHERE " MANAGER_IS ("d.manager_id")
                      " AND (d.stage NOT IN ('won', 'lost') OR d.closed_date BETWEEN :from AND :to)");
      break;
    case KL_REPORT_CONTRACTS:
      sql = g_strdup ("SELECT count(*) FROM contracts k WHERE " MANAGER_IS ("k.manager_id")
                      " AND k.start_date <= :to AND (k.end_date IS NULL OR k.end_date >= :from)");
      break;
    default:
      sql = g_strdup_printf ("SELECT count(*) FROM (%s)", queries[query]);
      break;
    }

  stmt = kl_database_prepare (database, sql, error);
  if (stmt == NULL)
    return -1;
  bind_scope (stmt, scope);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      kl_database_set_error (database, error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

char *
kl_report_manager_name (KlDatabase *database,
                        gint64      manager_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCachedStmt) stmt = NULL;

  g_return_val_if_fail (KL_IS_DATABASE (database), NULL);

  stmt = kl_database_prepare (database, "SELECT name FROM managers WHERE id = ?", &error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, manager_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

char *
kl_report_first_deal_day (KlDatabase *database)
{
  g_autoptr(KlCachedStmt) stmt = NULL;

  g_return_val_if_fail (KL_IS_DATABASE (database), NULL);

  stmt = kl_database_prepare (database, "SELECT date (min(created_at)) FROM deals", NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}
