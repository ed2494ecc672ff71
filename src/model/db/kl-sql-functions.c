/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include "kl-sql-functions.h"

#include "kl-search-key.h"
#include "kl-text.h"

/* The core's text functions, callable from SQL. Each connection registers
 * them when it opens (kl-database.c). */

static void
sql_fold (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  char *folded = kl_text_fold ((const char *)sqlite3_value_text (argv[0]));

  sqlite3_result_text (context, folded, -1, g_free);
}

static void
sql_sort_key (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  char *key = kl_text_sort_key ((const char *)sqlite3_value_text (argv[0]));

  sqlite3_result_text (context, key, -1, g_free);
}

static void
sql_search_key (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  g_autofree const char **fields = g_new0 (const char *, MAX (argc, 1));
  char *key;

  for (int i = 0; i < argc; i++)
    fields[i] = (const char *)sqlite3_value_text (argv[i]);

  key = kl_search_key (fields, argc);
  sqlite3_result_text (context, key, -1, g_free);
}

gboolean
kl_sql_functions_register (sqlite3 *db)
{
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

  g_return_val_if_fail (db != NULL, FALSE);

  return sqlite3_create_function_v2 (db, "kl_fold", 1, flags, NULL, sql_fold, NULL, NULL, NULL) == SQLITE_OK &&
         sqlite3_create_function_v2 (db, "kl_sort_key", 1, flags, NULL, sql_sort_key, NULL, NULL, NULL) == SQLITE_OK &&
         sqlite3_create_function_v2 (db, "kl_search_key", -1, flags, NULL, sql_search_key, NULL, NULL, NULL) == SQLITE_OK;
}
