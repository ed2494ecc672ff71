/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-client-ops.h"

#include "kl-client-ops-private.h"
#include "kl-validation.h"

/* ABC segmentation: clients ranked by the payments of the last twelve
 * months; A up to 80 % of the total, B up to 95 %, C the rest. */

static gboolean
parse_day (const char  *day,
           GDate       *date,
           GError     **error)
{
  if (!kl_validate_date (day, error))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_ascii_strtoull (day + 8, NULL, 10), g_ascii_strtoull (day + 5, NULL, 10),
                  g_ascii_strtoull (day, NULL, 10));
  return TRUE;
}

static char *
format_day (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

typedef struct {
  gint64 id;
  gint64 revenue;
  char   old_segment;  /* 0 for none */
  char   segment;
} Ranked;

/* A share of the total before a client, as the rule reads it: @before
 * is under @percent % of @total. Exact in integers while they fit. */
static gboolean
share_below (gint64 before,
             gint64 total,
             int    percent)
{
  if (total <= G_MAXINT64 / 100)
    return before * 100 < total * percent;

  return (double)before * 100.0 < (double)total * percent;
}

gboolean
kl_clients_recompute_segments (KlSession   *session,
                               const char  *today,
                               GError     **error)
{
  static const char rank_sql[] =
    "SELECT c.id, c.segment, coalesce(r.revenue, 0) AS revenue FROM clients c"
    " LEFT JOIN (SELECT i.client_id AS client_id, sum(p.amount) AS revenue"
    "            FROM payments p JOIN invoices i ON i.id = p.invoice_id"
    "            WHERE p.paid_date > ?1 AND p.paid_date <= ?2"
    "            GROUP BY i.client_id) r ON r.client_id = c.id"
    " ORDER BY revenue DESC, c.id";
  static const char update_sql[] = "UPDATE clients SET segment = ?1, updated_at = ?2 WHERE id = ?3";
  KlDatabase *database;
  g_autofree char *real_today = NULL;
  g_autofree char *year_ago = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GArray) ranked = NULL;
  GDate date;
  gint64 total = 0;
  gint64 before = 0;
  int rc;

  g_return_val_if_fail (KL_IS_SESSION (session), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (today == NULL)
    today = real_today = kl_database_today ();
  if (!parse_day (today, &date, error))
    return FALSE;
  g_date_subtract_months (&date, 12);
  year_ago = format_day (&date);

  database = kl_session_get_database (session);
  if (!kl_database_begin (database, error))
    return FALSE;

  ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  {
    g_autoptr(KlCachedStmt) stmt = kl_database_prepare (database, rank_sql, error);

    if (stmt == NULL)
      return _kl_ops_fail (database);

    sqlite3_bind_text (stmt, 1, year_ago, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, today, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *segment = _kl_ops_column_text (stmt, 1);
        Ranked row = {
          .id = sqlite3_column_int64 (stmt, 0),
          .old_segment = segment != NULL ? segment[0] : 0,
          .revenue = sqlite3_column_int64 (stmt, 2),
        };

        total += row.revenue;
        g_array_append_val (ranked, row);
      }
    if (rc != SQLITE_DONE)
      {
        kl_database_set_error (database, error);
        return _kl_ops_fail (database);
      }
  }

  /* Sorted by revenue: A while what came before is under 80 % of the
   * total, B under 95 %, then C; no revenue is C whatever the total. */
  for (guint i = 0; i < ranked->len; i++)
    {
      Ranked *row = &g_array_index (ranked, Ranked, i);

      if (row->revenue <= 0)
        row->segment = 'C';
      else if (share_below (before, total, 80))
        row->segment = 'A';
      else if (share_below (before, total, 95))
        row->segment = 'B';
      else
        row->segment = 'C';
      before += row->revenue;
    }

  now = kl_database_now ();
  for (guint i = 0; i < ranked->len; i++)
    {
      Ranked *row = &g_array_index (ranked, Ranked, i);
      g_autoptr(KlCachedStmt) stmt = NULL;
      char old_value[2] = { row->old_segment, 0 };
      char new_value[2] = { row->segment, 0 };

      if (row->segment == row->old_segment)
        continue;

      stmt = kl_database_prepare (database, update_sql, error);
      if (stmt == NULL)
        return _kl_ops_fail (database);
      sqlite3_bind_text (stmt, 1, new_value, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, row->id);
      if (!kl_database_step_done (database, stmt, error) ||
          !_kl_ops_write_audit_row (database, now, "clients", row->id, "update", "segment",
                            row->old_segment != 0 ? old_value : NULL, new_value, error))
        return _kl_ops_fail (database);
    }

  if (!kl_database_commit (database, error))
    return _kl_ops_fail (database);

  kl_store_emit_changed_many (kl_session_get_store (session, KL_TYPE_CLIENT));

  return TRUE;
}

typedef struct {
  char *path;
  char *today;
} RecomputeData;

static void
recompute_data_free (gpointer data)
{
  RecomputeData *d = data;

  g_free (d->path);
  g_free (d->today);
  g_free (d);
}

/* In a worker thread, on a connection of its own: with 100 000 clients
 * it takes seconds (each client whose segment changes is searched by it
 * too, KL_SQL_FILTER_WORDS). */
static void
recompute_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  RecomputeData *d = task_data;
  g_autoptr(KlSession) session = NULL;
  GError *error = NULL;

  session = kl_session_open (d->path, &error);
  if (session == NULL || !kl_clients_recompute_segments (session, d->today, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_recomputed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  KlSession *session = KL_SESSION (object);
  g_autoptr(GTask) outer = user_data;
  GError *error = NULL;

  /* The other connection's store told nobody: this session's lists
   * read the segments again. */
  if (g_task_propagate_boolean (G_TASK (result), &error))
    kl_store_emit_changed_many (kl_session_get_store (session, KL_TYPE_CLIENT));

  if (error != NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_boolean (outer, TRUE);
}

/**
 * kl_clients_recompute_segments_async:
 *
 * kl_clients_recompute_segments() in a thread, on a connection of its own,
 * so the session's connection (and the window) stay free meanwhile; then
 * the session's client store emits "changed" (%KL_STORE_BATCH).
 */
void
kl_clients_recompute_segments_async (KlSession           *session,
                                     const char          *today,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  RecomputeData *d;

  g_return_if_fail (KL_IS_SESSION (session));

  outer = g_task_new (session, cancellable, callback, user_data);
  g_task_set_source_tag (outer, kl_clients_recompute_segments_async);

  d = g_new0 (RecomputeData, 1);
  d->path = g_strdup (kl_database_get_path (kl_session_get_database (session)));
  d->today = g_strdup (today);
  inner = g_task_new (session, cancellable, on_recomputed_cb, g_steal_pointer (&outer));
  g_task_set_task_data (inner, d, recompute_data_free);
  g_task_run_in_thread (inner, recompute_in_thread);
}

gboolean
kl_clients_recompute_segments_finish (KlSession     *session,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (KL_IS_SESSION (session), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, session), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
