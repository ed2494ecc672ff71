/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-pipeline.h"

#include <string.h>

#include "kl-entities.h"
#include "kl-store.h"

G_DEFINE_QUARK (kl-pipeline-error-quark, kl_pipeline_error)

/* Every open deal by stage and currency: one pass over deals_stage. */
static const char summary_sql[] =
  "SELECT stage, currency, count (*), sum (amount) FROM deals"
  " WHERE stage IN ('lead', 'contacted', 'needs', 'offer', 'negotiation')"
  "   AND (?1 = 0 OR coalesce (manager_id, -1) = ?1)"
  " GROUP BY stage, currency ORDER BY currency";

/**
 * kl_pipeline_stage:
 * @column: 0 … KL_PIPELINE_N_STAGES - 1
 *
 * Returns: the stored stage the board shows in that column
 */
const char *
kl_pipeline_stage (guint column)
{
  g_return_val_if_fail (column < KL_PIPELINE_N_STAGES, NULL);

  return kl_deal_stages[column];
}

/**
 * kl_pipeline_column_of:
 * @stage: (nullable): a stored stage
 *
 * Returns: its column on the board, or -1 for won, lost and anything else
 */
int
kl_pipeline_column_of (const char *stage)
{
  for (guint i = 0; stage != NULL && i < KL_PIPELINE_N_STAGES; i++)
    if (strcmp (kl_deal_stages[i], stage) == 0)
      return (int)i;

  return -1;
}

/**
 * kl_pipeline_summary:
 * @db: the database
 * @manager_id: a manager's deals, -1 for those of nobody, 0 for all
 * @columns: (out caller-allocates): one per open stage; clear them with
 *   kl_pipeline_summary_clear()
 * @error: where to report a failure
 *
 * Counts the open deals of each stage and sums their amounts per currency.
 */
gboolean
kl_pipeline_summary (KlDatabase       *db,
                     gint64            manager_id,
                     KlPipelineColumn  columns[KL_PIPELINE_N_STAGES],
                     GError          **error)
{
  g_autoptr(KlCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (KL_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (columns != NULL, FALSE);

  for (guint i = 0; i < KL_PIPELINE_N_STAGES; i++)
    {
      columns[i].stage = kl_deal_stages[i];
      columns[i].count = 0;
      columns[i].values = g_array_new (FALSE, TRUE, sizeof (KlPipelineValue));
    }

  stmt = kl_database_prepare (db, summary_sql, error);
  if (stmt == NULL)
    {
      kl_pipeline_summary_clear (columns);
      return FALSE;
    }
  sqlite3_bind_int64 (stmt, 1, manager_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int column = kl_pipeline_column_of ((const char *)sqlite3_column_text (stmt, 0));
      const char *currency = (const char *)sqlite3_column_text (stmt, 1);
      KlPipelineValue value = { { 0 }, 0, 0 };

      if (column < 0)
        continue;
      g_strlcpy (value.currency, currency != NULL ? currency : "", sizeof value.currency);
      value.count = (guint)sqlite3_column_int64 (stmt, 2);
      value.amount = sqlite3_column_int64 (stmt, 3);
      columns[column].count += value.count;
      g_array_append_val (columns[column].values, value);
    }

  if (rc != SQLITE_DONE)
    {
      kl_database_set_error (db, error);
      kl_pipeline_summary_clear (columns);
      return FALSE;
    }

  return TRUE;
}

void
kl_pipeline_summary_clear (KlPipelineColumn columns[KL_PIPELINE_N_STAGES])
{
  for (guint i = 0; i < KL_PIPELINE_N_STAGES; i++)
    g_clear_pointer (&columns[i].values, g_array_unref);
}

void
kl_pipeline_move_free (KlPipelineMove *move)
{
  if (move == NULL)
    return;
  g_free (move->from_stage);
  g_free (move->to_stage);
  g_free (move->changed_at);
  g_free (move);
}

/* The deal's history row written last: its id and time. */
static gboolean
last_change (KlDatabase  *db,
             gint64       deal_id,
             gint64      *change_id,
             char       **changed_at,
             GError     **error)
{
  static const char sql[] =
    "SELECT id, changed_at FROM deal_stage_history WHERE deal_id = ? ORDER BY id DESC LIMIT 1";
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, deal_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *change_id = sqlite3_column_int64 (stmt, 0);
      if (changed_at != NULL)
        *changed_at = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    {
      *change_id = 0;
      if (changed_at != NULL)
        *changed_at = NULL;
      return TRUE;
    }
  kl_database_set_error (db, error);
  return FALSE;
}

static gboolean
fail (KlDatabase *db,
      KlStore    *store)
{
  kl_database_rollback (db);
  kl_store_end_batch (store);
  return FALSE;
}

/**
 * kl_pipeline_move:
 * @session: the session
 * @deal_id: an open deal
 * @to_stage: an open stage other than its own
 * @error: where to report a failure
 *
 * Moves the deal to @to_stage: one write through the deals' store, which
 * records the move in the stage history with the time it happened.
 *
 * Returns: (transfer full): the move, to undo it with kl_pipeline_undo(),
 *   or %NULL with @error set (a won or lost deal, a stage that is not open,
 *   the same stage)
 */
KlPipelineMove *
kl_pipeline_move (KlSession   *session,
                  gint64       deal_id,
                  const char  *to_stage,
                  GError     **error)
{
  KlStore *store;
  KlDatabase *db;
  g_autoptr(KlEntity) deal = NULL;
  g_autoptr(KlPipelineMove) move = NULL;
  const char *from_stage;

  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (to_stage != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (kl_pipeline_column_of (to_stage) < 0)
    {
      g_set_error_literal (error, KL_PIPELINE_ERROR, KL_PIPELINE_ERROR_NOT_OPEN,
                           _("A deal can be moved only to an open stage."));
      return NULL;
    }

  store = kl_session_get_store (session, KL_TYPE_DEAL);
  db = kl_session_get_database (session);

  kl_store_begin_batch (store);
  if (!kl_database_begin (db, error))
    {
      kl_store_end_batch (store);
      return NULL;
    }

  deal = kl_store_get (store, deal_id, error);
  if (deal == NULL)
    {
      fail (db, store);
      return NULL;
    }

  from_stage = kl_entity_get_text (deal, "stage");
  if (kl_pipeline_column_of (from_stage) < 0)
    {
      g_set_error_literal (error, KL_PIPELINE_ERROR, KL_PIPELINE_ERROR_NOT_OPEN,
                           _("This deal is already closed; open it to change its stage."));
      fail (db, store);
      return NULL;
    }
  if (strcmp (from_stage, to_stage) == 0)
    {
      g_set_error_literal (error, KL_PIPELINE_ERROR, KL_PIPELINE_ERROR_NOT_OPEN,
                           _("The deal is already in this stage."));
      fail (db, store);
      return NULL;
    }

  move = g_new0 (KlPipelineMove, 1);
  move->deal_id = deal_id;
  move->from_stage = g_strdup (from_stage);
  move->to_stage = g_strdup (to_stage);

  kl_entity_set_text (deal, "stage", to_stage);
  if (!kl_store_update (store, deal, error) ||
      !last_change (db, deal_id, &move->change_id, &move->changed_at, error) ||
      !kl_database_commit (db, error))
    {
      fail (db, store);
      return NULL;
    }

  kl_store_end_batch (store);

  return g_steal_pointer (&move);
}

/**
 * kl_pipeline_undo:
 * @session: the session
 * @move: a move made by kl_pipeline_move()
 * @error: where to report a failure
 *
 * Puts the deal back in the stage it came from and removes the move from
 * its stage history, as if it had not happened (the audit trail keeps
 * both writes). Refused when the deal has moved again since.
 */
gboolean
kl_pipeline_undo (KlSession            *session,
                  const KlPipelineMove *move,
                  GError              **error)
{
  static const char delete_sql[] = "DELETE FROM deal_stage_history WHERE deal_id = ? AND id >= ?";
  KlStore *store;
  KlDatabase *db;
  g_autoptr(KlEntity) deal = NULL;
  gint64 last_id = 0;

  g_return_val_if_fail (KL_IS_SESSION (session), FALSE);
  g_return_val_if_fail (move != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  store = kl_session_get_store (session, KL_TYPE_DEAL);
  db = kl_session_get_database (session);

  kl_store_begin_batch (store);
  if (!kl_database_begin (db, error))
    {
      kl_store_end_batch (store);
      return FALSE;
    }

  deal = kl_store_get (store, move->deal_id, error);
  if (deal == NULL || !last_change (db, move->deal_id, &last_id, NULL, error))
    return fail (db, store);

  if (g_strcmp0 (kl_entity_get_text (deal, "stage"), move->to_stage) != 0 || last_id != move->change_id)
    {
      g_set_error_literal (error, KL_PIPELINE_ERROR, KL_PIPELINE_ERROR_CHANGED,
                           _("The deal has changed since; the move can no longer be undone."));
      return fail (db, store);
    }

  kl_entity_set_text (deal, "stage", move->from_stage);
  if (!kl_store_update (store, deal, error))
    return fail (db, store);

  /* The move and the store's record of going back. */
  {
    g_autoptr(KlCachedStmt) stmt = kl_database_prepare (db, delete_sql, error);

    if (stmt == NULL)
      return fail (db, store);
    sqlite3_bind_int64 (stmt, 1, move->deal_id);
    sqlite3_bind_int64 (stmt, 2, move->change_id);
    if (!kl_database_step_done (db, stmt, error))
      return fail (db, store);
  }

  if (!kl_database_commit (db, error))
    return fail (db, store);

  kl_store_end_batch (store);

  return TRUE;
}
