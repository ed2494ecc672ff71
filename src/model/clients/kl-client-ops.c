/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-client-ops-private.h"

/* What the client operations share: the audit rows they write and a few
 * small helpers. The operations themselves are in one file per feature. */

static const char audit_sql[] =
  "INSERT INTO audit_log (changed_at, table_name, row_id, action, field, old_value, new_value)"
  " VALUES (?, ?, ?, ?, ?, ?, ?)";

gboolean
_kl_ops_write_audit_row (KlDatabase  *database,
                 const char  *when,
                 const char  *table,
                 gint64       row_id,
                 const char  *action,
                 const char  *field,
                 const char  *old_value,
                 const char  *new_value,
                 GError     **error)
{
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (database, audit_sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, when, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, table, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, row_id);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, old_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, new_value, -1, SQLITE_STATIC);

  return kl_database_step_done (database, stmt, error);
}

/* Runs a one-shot write written by the program, binding @id to ?1. */
gboolean
_kl_ops_exec_with_id (KlDatabase  *database,
              const char  *sql,
              gint64       id,
              GError     **error)
{
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (database, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  return kl_database_step_done (database, stmt, error);
}

gboolean
_kl_ops_fail (KlDatabase *database)
{
  kl_database_rollback (database);
  return FALSE;
}

char *
_kl_ops_id_string (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

const char *
_kl_ops_column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *)sqlite3_column_text (stmt, column);
}
