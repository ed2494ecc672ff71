/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include "kl-complaint-stats.h"

#include <stdio.h>

#include "kl-complaint-list.h"
#include "kl-complaint-sql.h"

#define MANAGER_IS "(:manager = 0 OR x.manager_id = :manager)"

static const char by_month_sql[] = KL_SQL_COMPLAINTS_BY_MONTH (MANAGER_IS);

static const char resolved_sql[] =
  "SELECT count(*), coalesce (avg (julianday (x.resolved_date) - julianday (x.received_date)), 0)"
  " FROM complaints x"
  " WHERE x.status = 'resolved' AND x.resolved_date BETWEEN :from AND :to AND " MANAGER_IS;

static const char open_sql[] =
  "SELECT count(*), coalesce (sum (julianday (:today) - julianday (x.received_date) > :old), 0)"
  " FROM complaints x"
  " WHERE x.status IN ('new', 'in_progress') AND " MANAGER_IS;

static void
bind_text (sqlite3_stmt *stmt,
           const char   *name,
           const char   *value)
{
  int i = sqlite3_bind_parameter_index (stmt, name);

  if (i > 0)
    sqlite3_bind_text (stmt, i, value, -1, SQLITE_TRANSIENT);
}

static void
bind_int (sqlite3_stmt *stmt,
          const char   *name,
          gint64        value)
{
  int i = sqlite3_bind_parameter_index (stmt, name);

  if (i > 0)
    sqlite3_bind_int64 (stmt, i, value);
}

static void
stats_clear (KlComplaintStats *self)
{
  g_free (self->months);
}

KlComplaintStats *
kl_complaint_stats_ref (KlComplaintStats *self)
{
  return g_rc_box_acquire (self);
}

void
kl_complaint_stats_unref (KlComplaintStats *self)
{
  g_rc_box_release_full (self, (GDestroyNotify)stats_clear);
}

void
kl_complaint_stats_year_to (const char *today,
                            char       *from,
                            char       *to)
{
  g_autofree char *now = NULL;
  int year, month, first_year, first_month;

  if (today == NULL)
    today = now = kl_database_today ();
  if (sscanf (today, "%4d-%2d", &year, &month) != 2 || month < 1 || month > 12)
    year = 2000, month = 1;
  first_year = month == 12 ? year : year - 1;
  first_month = month == 12 ? 1 : month + 1;
  g_snprintf (from, 11, "%04d-%02d-01", first_year, first_month);
  g_snprintf (to, 11, "%04d-%02d-%02d", year, month, g_date_get_days_in_month (month, year));
}

static gboolean
parse_month (const char *date,
             int        *year,
             int        *month)
{
  return date != NULL && sscanf (date, "%4d-%2d", year, month) == 2 && *month >= 1 && *month <= 12;
}

/**
 * kl_complaint_stats_compute:
 * @db: the database
 * @from: the period's first day (ISO 8601)
 * @to: its last day, included
 * @today: (nullable): the day "open for more than 14 days" counts from;
 *   NULL for the real today
 * @manager_id: a manager's complaints, 0 for all
 * @error: where to report a failure
 *
 * Counts the complaints received in the period by month and category,
 * the average days to resolve those resolved in it, and those open now.
 *
 * Returns: (transfer full): the figures, or %NULL with @error set (a
 *   period that is not two ordered dates, or longer than
 *   KL_COMPLAINT_STATS_MAX_MONTHS months)
 */
KlComplaintStats *
kl_complaint_stats_compute (KlDatabase  *db,
                            const char  *from,
                            const char  *to,
                            const char  *today,
                            gint64       manager_id,
                            GError     **error)
{
  g_autoptr(KlComplaintStats) self = NULL;
  g_autoptr(KlCachedStmt) stmt = NULL;
  g_autofree char *now = NULL;
  int from_year, from_month, to_year, to_month, n, rc;

  g_return_val_if_fail (KL_IS_DATABASE (db), NULL);

  if (today == NULL)
    today = now = kl_database_today ();
  if (!parse_month (from, &from_year, &from_month) || !parse_month (to, &to_year, &to_month) ||
      g_strcmp0 (from, to) > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "not a period: %s – %s", from, to);
      return NULL;
    }
  n = (to_year - from_year) * 12 + (to_month - from_month) + 1;
  if (n > KL_COMPLAINT_STATS_MAX_MONTHS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "too long a period: %s – %s", from, to);
      return NULL;
    }

  self = g_rc_box_new0 (KlComplaintStats);
  self->n_months = n;
  self->months = g_new0 (KlComplaintMonth, n);
  for (int i = 0; i < n; i++)
    {
      int m = from_month - 1 + i;

      self->months[i].year = from_year + m / 12;
      self->months[i].month = m % 12 + 1;
    }

  stmt = kl_database_prepare (db, by_month_sql, error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, ":from", from);
  bind_text (stmt, ":to", to);
  bind_int (stmt, ":manager", manager_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year, month, i;
      KlComplaintMonth *row;

      if (!parse_month ((const char *)sqlite3_column_text (stmt, 0), &year, &month))
        continue;
      i = (year - from_year) * 12 + (month - from_month);
      if (i < 0 || i >= n)
        continue;
      row = &self->months[i];
      for (guint c = 0; c < KL_COMPLAINT_N_CATEGORIES; c++)
        {
          row->counts[c] = (guint)sqlite3_column_int64 (stmt, 1 + c);
          self->totals[c] += row->counts[c];
        }
      row->total = (guint)sqlite3_column_int64 (stmt, 1 + KL_COMPLAINT_N_CATEGORIES);
      self->total += row->total;
    }
  if (rc != SQLITE_DONE)
    {
      kl_database_set_error (db, error);
      return NULL;
    }
  g_clear_pointer (&stmt, kl_cached_stmt_release);

  stmt = kl_database_prepare (db, resolved_sql, error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, ":from", from);
  bind_text (stmt, ":to", to);
  bind_int (stmt, ":manager", manager_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      kl_database_set_error (db, error);
      return NULL;
    }
  self->resolved = (guint)sqlite3_column_int64 (stmt, 0);
  self->average_days = sqlite3_column_double (stmt, 1);
  g_clear_pointer (&stmt, kl_cached_stmt_release);

  stmt = kl_database_prepare (db, open_sql, error);
  if (stmt == NULL)
    return NULL;
  bind_text (stmt, ":today", today);
  bind_int (stmt, ":old", KL_COMPLAINT_OLD_DAYS);
  bind_int (stmt, ":manager", manager_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      kl_database_set_error (db, error);
      return NULL;
    }
  self->open = (guint)sqlite3_column_int64 (stmt, 0);
  self->old_open = (guint)sqlite3_column_int64 (stmt, 1);

  return g_steal_pointer (&self);
}
