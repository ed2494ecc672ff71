/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include "kl-bulk.h"

#include "kl-receivables-sql.h"
#include "kl-summary-sql.h"

/* Bulk writes
 *
 * What costs more per row than the rows themselves, and how a bulk write
 * goes without it:
 *
 * - CHECK (x IN ('a', 'b', 'c', …)): SQLite builds a temporary b-tree for
 *   an IN list of more than two constants on every execution of a
 *   statement. The stores check every field against the same rules before
 *   writing (kl_entity_prepare()), so a bulk write sets
 *   ignore_check_constraints (KL_BULK_NO_CHECKS). A flag pragma expires
 *   the prepared statements, so the cached ones are compiled again both
 *   ways.
 *
 * - The page cache: the clients table has an index for every sort order,
 *   and rows go into all of them in random order. The default 2 MiB is soon
 *   full, and every spill writes pages to the WAL and reads them back; a
 *   run takes up to 256 MiB (KL_BULK_BIG_CACHE) and gives it back: with
 *   room, 100 000 clients go in at a third of the system time. Only what
 *   is used is allocated.
 *
 * - Triggers: the ones that keep each client's summary columns and search
 *   document rewrite its row for every activity, deal, invoice, payment or
 *   contact, and SQLite evaluates a trigger's WHEN for every row even when
 *   it is false. A bulk write drops those it can go without in its
 *   transaction (a rollback restores them too, and no other connection
 *   ever sees them missing) and recreates them from their stored SQL
 *   (kl_bulk_suspend_triggers()).
 *
 * - The indexes only the client list reads (every sort but by name, and
 *   the filters'): filling each as an import adds 100 000 clients costs
 *   some 0.25 s, more than making it anew. An import that more than
 *   doubles the clients drops them (kl_bulk_drop_optional_indexes()); the
 *   list makes each again the first time it needs it
 *   (kl_bulk_ensure_index()).
 */

/* The page cache of a bulk write, in KiB. */
#define BIG_CACHE_KIB 262144

/* How long kl_bulk_ensure_index() waits for the write lock. */
#define ENSURE_INDEX_TIMEOUT_MS 200

/* The indexes of clients that only the list reads, and how they are made
 * (as migrations 2 and 3 made them). */
static const struct {
  const char *name;
  const char *create;
} list_indexes[] = {
  { "clients_sort_tax_id", "CREATE INDEX IF NOT EXISTS clients_sort_tax_id ON clients (tax_id IS NULL, tax_id, sort_key)" },
  { "clients_sort_city", "CREATE INDEX IF NOT EXISTS clients_sort_city ON clients (city IS NULL, city, sort_key)" },
  { "clients_sort_segment", "CREATE INDEX IF NOT EXISTS clients_sort_segment ON clients (segment IS NULL, segment, sort_key)" },
  { "clients_sort_status", "CREATE INDEX IF NOT EXISTS clients_sort_status ON clients (" KL_SQL_STATUS_RANK ", sort_key)" },
  { "clients_sort_manager", "CREATE INDEX IF NOT EXISTS clients_sort_manager ON clients (manager_key IS NULL, manager_key, sort_key)" },
  { "clients_sort_phone", "CREATE INDEX IF NOT EXISTS clients_sort_phone ON clients (phone IS NULL, phone, sort_key)" },
  { "clients_sort_last_contact", "CREATE INDEX IF NOT EXISTS clients_sort_last_contact ON clients (last_contact_at, sort_key)" },
  { "clients_sort_next_activity", "CREATE INDEX IF NOT EXISTS clients_sort_next_activity"
                                  " ON clients (next_activity_at IS NULL, next_activity_at, sort_key)" },
  { "clients_sort_pipeline", "CREATE INDEX IF NOT EXISTS clients_sort_pipeline ON clients (open_pipeline, sort_key)" },
  { "clients_sort_debt", "CREATE INDEX IF NOT EXISTS clients_sort_debt ON clients (overdue_debt, sort_key)" },
  { "clients_filter", "CREATE INDEX IF NOT EXISTS clients_filter ON clients (status, segment, source, manager_id,"
                      " overdue_debt, last_contact_at, sort_key)" },
  { "clients_segment", "CREATE INDEX IF NOT EXISTS clients_segment ON clients (segment)" },
  { "clients_source", "CREATE INDEX IF NOT EXISTS clients_source ON clients (source)" },
  { "clients_manager", "CREATE INDEX IF NOT EXISTS clients_manager ON clients (manager_id)" },
};

/* The triggers of each KlBulkTriggers. kl_store_insert_many() writes the
 * search documents of clients and contacts and the managers' keys of
 * clients itself; the summaries are recomputed by summary_refresh_sql. */
static const char * const client_insert_triggers[] = {
  "clients_search_insert", "clients_manager_insert", NULL,
};

static const char * const contact_insert_triggers[] = {
  "contacts_search_insert", NULL,
};

static const char * const summary_triggers[] = {
  "clients_manager_insert", "clients_manager_update", "clients_currency_update",
  "activities_summary_insert", "activities_summary_update",
  "deals_summary_insert", "deals_summary_update",
  "invoices_summary_insert", "invoices_summary_update",
  "payments_summary_insert", "payments_summary_update",
  "invoices_receivables_insert", "invoices_receivables_update",
  NULL,
};

static const char summary_refresh_sql[] =
  KL_SQL_REFRESH_MANAGER_KEY ("manager_id IS NOT NULL")
  KL_SQL_REFRESH_ACTIVITIES ("1")
  KL_SQL_REFRESH_PIPELINE ("1")
  KL_SQL_REFRESH_DEBT ("1")
  KL_SQL_FILL_RECEIVABLES;

static const char * const *
trigger_names (KlBulkTriggers triggers)
{
  switch (triggers)
    {
    case KL_BULK_TRIGGERS_CLIENT_INSERT:
      return client_insert_triggers;
    case KL_BULK_TRIGGERS_CONTACT_INSERT:
      return contact_insert_triggers;
    case KL_BULK_TRIGGERS_SUMMARY:
      return summary_triggers;
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * kl_bulk_begin:
 * @bulk: where to remember what to give back
 * @flags: what the run goes without
 *
 * Changes the connection's settings for a run of bulk writes, outside a
 * transaction or in it; kl_bulk_end() (or `g_auto(KlBulk)`) gives them
 * back. Failures only make the run slower.
 */
void
kl_bulk_begin (KlBulk      *bulk,
               KlDatabase  *database,
               KlBulkFlags  flags)
{
  g_return_if_fail (bulk != NULL);
  g_return_if_fail (KL_IS_DATABASE (database));

  bulk->database = g_object_ref (database);
  bulk->checks_off = FALSE;
  bulk->cache_changed = FALSE;

  if ((flags & KL_BULK_NO_CHECKS) != 0 &&
      kl_database_query_int (database, "PRAGMA ignore_check_constraints", NULL) == 0)
    bulk->checks_off = kl_database_exec (database, "PRAGMA ignore_check_constraints = ON", NULL);

  if ((flags & KL_BULK_BIG_CACHE) != 0)
    {
      g_autoptr(GError) error = NULL;

      bulk->cache_size = kl_database_query_int (database, "PRAGMA cache_size", &error);
      bulk->cache_changed = error == NULL &&
                            kl_database_exec (database, "PRAGMA cache_size = -" G_STRINGIFY (BIG_CACHE_KIB), NULL);
    }
}

/* Gives back what kl_bulk_begin() changed. */
void
kl_bulk_end (KlBulk *bulk)
{
  g_return_if_fail (bulk != NULL);

  if (bulk->database == NULL)
    return;

  if (bulk->checks_off)
    kl_database_exec (bulk->database, "PRAGMA ignore_check_constraints = OFF", NULL);
  if (bulk->cache_changed)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, bulk->cache_size);

      kl_database_exec (bulk->database, sql, NULL);
    }

  bulk->checks_off = FALSE;
  bulk->cache_changed = FALSE;
  g_clear_object (&bulk->database);
}

/**
 * kl_bulk_suspend_triggers:
 *
 * Drops the @triggers there are, in the caller's transaction.
 *
 * Returns: (transfer full): their definitions, for
 *   kl_bulk_restore_triggers(), or %NULL with @error set
 */
GStrv
kl_bulk_suspend_triggers (KlDatabase      *database,
                          KlBulkTriggers   triggers,
                          GError         **error)
{
  const char * const *names = trigger_names (triggers);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (KL_IS_DATABASE (database), NULL);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_autofree char *drop = NULL;

      {
        g_autoptr(KlCachedStmt) stmt = NULL;
        int rc;

        stmt = kl_database_prepare (database, "SELECT sql FROM main.sqlite_schema WHERE type = 'trigger' AND name = ?1",
                                    error);
        if (stmt == NULL)
          return NULL;
        sqlite3_bind_text (stmt, 1, names[i], -1, SQLITE_STATIC);
        rc = sqlite3_step (stmt);
        if (rc == SQLITE_DONE)
          continue;
        if (rc != SQLITE_ROW)
          {
            kl_database_set_error (database, error);
            return NULL;
          }
        g_strv_builder_add (builder, (const char *)sqlite3_column_text (stmt, 0));
      }

      /* The name is one of ours, not user text. */
      drop = g_strdup_printf ("DROP TRIGGER main.%s", names[i]);
      if (!kl_database_exec (database, drop, error))
        return NULL;
    }

  return g_strv_builder_end (builder);
}

/**
 * kl_bulk_restore_triggers:
 * @definitions: from kl_bulk_suspend_triggers()
 *
 * Makes the triggers again, in the same transaction, and for
 * %KL_BULK_TRIGGERS_SUMMARY writes what they would have written.
 */
gboolean
kl_bulk_restore_triggers (KlDatabase      *database,
                          KlBulkTriggers   triggers,
                          GStrv            definitions,
                          GError         **error)
{
  g_return_val_if_fail (KL_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (definitions != NULL, FALSE);

  if (definitions[0] == NULL)
    return TRUE;

  for (guint i = 0; definitions[i] != NULL; i++)
    if (!kl_database_exec (database, definitions[i], error))
      return FALSE;

  if (triggers == KL_BULK_TRIGGERS_SUMMARY)
    return kl_database_exec (database, summary_refresh_sql, error);

  return TRUE;
}

/**
 * kl_bulk_drop_optional_indexes:
 *
 * Drops the indexes of clients that only the client list reads (every
 * sort but by name, and the filters'), for an import that more than
 * doubles the clients: each would cost every client it adds a b-tree
 * insert, more than making it anew costs later. The list makes each again
 * the first time it needs it (kl_bulk_ensure_index()). In the caller's
 * transaction, if there is one.
 */
gboolean
kl_bulk_drop_optional_indexes (KlDatabase  *database,
                               GError     **error)
{
  g_return_val_if_fail (KL_IS_DATABASE (database), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (list_indexes); i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP INDEX IF EXISTS %s", list_indexes[i].name);

      if (!kl_database_exec (database, sql, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * kl_bulk_ensure_index:
 * @name: an index of clients
 *
 * Makes the index @name again if a large import dropped it (a few hundred
 * milliseconds for 100 000 clients), waiting for another connection's
 * write lock only briefly. An index that is not optional is always there.
 *
 * Returns: whether the index is there now
 */
gboolean
kl_bulk_ensure_index (KlDatabase  *database,
                      const char  *name,
                      GError     **error)
{
  const char *create = NULL;
  sqlite3 *db;
  gboolean exists;
  gboolean made;

  g_return_val_if_fail (KL_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (list_indexes); i++)
    if (g_str_equal (list_indexes[i].name, name))
      create = list_indexes[i].create;
  if (create == NULL)
    return TRUE;

  {
    g_autoptr(KlCachedStmt) stmt = kl_database_prepare (database, "SELECT 1 FROM sqlite_schema"
                                                        " WHERE type = 'index' AND name = ?1", error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
    exists = sqlite3_step (stmt) == SQLITE_ROW;
  }
  if (exists)
    return TRUE;

  /* Not for long, if another connection writes: the list answers without
   * the index now, and tries again at its next query. */
  db = kl_database_get_handle (database);
  sqlite3_busy_timeout (db, ENSURE_INDEX_TIMEOUT_MS);
  made = kl_database_exec (database, create, error);
  sqlite3_busy_timeout (db, KL_DATABASE_BUSY_TIMEOUT_MS);

  return made;
}
