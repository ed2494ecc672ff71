/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What tools/kill-test.sh needs besides the klijentela binary:
 *   kill-helper merge DB      merges clients two by two until killed or done
 *   kill-helper check DB      prints "integrity clients activities fk-errors"
 * The check opens the file with plain SQLite (no migration, no write). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "kl-client-ops.h"
#include "kl-session.h"

static int
merge (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) session = kl_session_open (path, &error);
  KlDatabase *db;
  guint merged = 0;

  if (session == NULL)
    {
      g_printerr ("kill-helper: %s\n", error->message);
      return 2;
    }
  db = kl_session_get_database (session);

  for (;;)
    {
      gint64 survivor = kl_database_query_int (db, "SELECT min(id) FROM clients", NULL);
      gint64 duplicate = kl_database_query_int (db, "SELECT max(id) FROM clients", NULL);

      if (survivor <= 0 || survivor == duplicate)
        break;
      if (!kl_clients_merge (session, survivor, duplicate, &error))
        {
          g_printerr ("kill-helper: %s\n", error->message);
          return 1;
        }
      printf ("merged %u\n", ++merged);
      fflush (stdout);
    }

  return 0;
}

static gint64
one (sqlite3    *db,
     const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static int
check (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  const char *integrity = "failed";
  g_autofree char *result = NULL;
  gint64 fk_errors = 0;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    {
      printf ("cannot-open -1 -1 -1\n");
      return 1;
    }
  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  if (result != NULL)
    integrity = g_str_equal (result, "ok") ? "ok" : "damaged";

  if (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      fk_errors++;
  sqlite3_finalize (stmt);

  printf ("%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", integrity,
          one (db, "SELECT count(*) FROM clients"), one (db, "SELECT count(*) FROM activities"), fk_errors);
  sqlite3_close (db);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "merge"))
    return merge (argv[2]);
  if (argc == 3 && g_str_equal (argv[1], "check"))
    return check (argv[2]);

  g_printerr ("usage: kill-helper merge|check DB\n");
  return 2;
}
