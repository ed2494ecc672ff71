/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-search.h"

/* The search index */

/* Documents indexed per transaction: a writer waiting meanwhile (an edit
 * in the window) waits a fraction of a second at most. */
#define UPDATE_CHUNK 20000

gboolean
kl_search_index_is_pending (KlDatabase *database)
{
  g_return_val_if_fail (KL_IS_DATABASE (database), FALSE);

  return kl_database_query_int (database, "SELECT EXISTS (SELECT 1 FROM search_pending)", NULL) > 0;
}

/**
 * kl_search_update_index:
 * @n_indexed: (out) (optional): documents added to the index
 *
 * Adds the pending documents (see kl_search_index_is_pending()) to the
 * search index, in order, a few thousand per transaction. On cancellation
 * or an error, what was done stays done and the rest stays pending.
 */
gboolean
kl_search_update_index (KlDatabase    *database,
                        GCancellable  *cancellable,
                        guint         *n_indexed,
                        GError       **error)
{
  guint done = 0;

  g_return_val_if_fail (KL_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (;;)
    {
      gint64 last;
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !kl_database_begin (database, error))
        break;

      last = kl_database_query_int (database,
                                    "SELECT coalesce (max(id), 0) FROM (SELECT id FROM search_pending"
                                    " ORDER BY id LIMIT " G_STRINGIFY (UPDATE_CHUNK) ")",
                                    error);
      if (last == 0)
        {
          kl_database_rollback (database);
          if (n_indexed != NULL)
            *n_indexed = done;
          return TRUE;
        }

      {
        g_autoptr(KlCachedStmt) insert = NULL;
        g_autoptr(KlCachedStmt) forget = NULL;

        insert = kl_database_prepare (database,
                                      "INSERT INTO client_search (rowid, doc)"
                                      " SELECT d.id, d.doc FROM search_pending p CROSS JOIN client_docs d ON d.id = p.id"
                                      " WHERE p.id <= ?1 ORDER BY p.id",
                                      error);
        ok = last > 0 && insert != NULL;
        if (ok)
          {
            sqlite3_bind_int64 (insert, 1, last);
            ok = kl_database_step_done (database, insert, error);
          }
        if (ok)
          {
            done += sqlite3_changes (kl_database_get_handle (database));
            forget = kl_database_prepare (database, "DELETE FROM search_pending WHERE id <= ?1", error);
            ok = forget != NULL;
          }
        if (ok)
          {
            sqlite3_bind_int64 (forget, 1, last);
            ok = kl_database_step_done (database, forget, error);
          }
      }

      if (!ok || !kl_database_commit (database, error))
        {
          kl_database_rollback (database);
          break;
        }
    }

  if (n_indexed != NULL)
    *n_indexed = done;
  return FALSE;
}

/* SQL functions */

/**
 * kl_search_purge_old_segments:
 *
 * Merges the search index into one segment (FTS5 'optimize'), so that the
 * segments holding the words of changed or erased documents are freed;
 * with `PRAGMA secure_delete` on, their pages are zeroed. Inside the
 * caller's transaction. Costs about a second at 100 000 clients: for
 * erasures, not for every edit.
 */
gboolean
kl_search_purge_old_segments (KlDatabase  *database,
                              GError     **error)
{
  g_return_val_if_fail (KL_IS_DATABASE (database), FALSE);

  return kl_database_exec (database, "INSERT INTO client_search (client_search) VALUES ('optimize')", error);
}
