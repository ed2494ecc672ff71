/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: search query parsing. Whatever a user types becomes
 * either no query or one whose FTS5 expression SQLite accepts, and a
 * document built from the same text by kl_search_key() is found by it. */
#include "config.h"

#include <string.h>

#include "kl-search.h"
#include "kl-text.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static sqlite3 *db;
static sqlite3_stmt *insert;
static sqlite3_stmt *match;
static sqlite3_stmt *clear;

static void
set_up (void)
{
  g_assert (sqlite3_open (":memory:", &db) == SQLITE_OK);
  g_assert (sqlite3_exec (db,
                          /* As the client_search table (kl-schema.h). */
                          "CREATE VIRTUAL TABLE docs USING fts5 (body, tokenize = \"unicode61 remove_diacritics 0 tokenchars '_'\")",
                          NULL, NULL, NULL) == SQLITE_OK);
  g_assert (sqlite3_prepare_v2 (db, "INSERT INTO docs (rowid, body) VALUES (1, ?)", -1, &insert, NULL) == SQLITE_OK);
  g_assert (sqlite3_prepare_v2 (db, "SELECT count(*) FROM docs WHERE docs MATCH ?", -1, &match, NULL) == SQLITE_OK);
  g_assert (sqlite3_prepare_v2 (db, "DELETE FROM docs", -1, &clear, NULL) == SQLITE_OK);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *input = g_strndup ((const char *) data, size);
  const char *fields[] = { input };
  g_autoptr(KlSearchQuery) query = NULL;
  g_autofree char *key = NULL;
  int rc;

  if (db == NULL)
    set_up ();

  query = kl_search_query_new (input);
  key = kl_search_key (fields, 1);
  g_assert (key != NULL && g_utf8_validate (key, -1, NULL));
  if (query == NULL)
    return 0;

  g_assert (query->match != NULL && g_utf8_validate (query->match, -1, NULL));
  g_assert (query->words != NULL && query->words[0] != NULL);
  g_assert (query->numbers != NULL);

  sqlite3_bind_text (insert, 1, key, -1, SQLITE_STATIC);
  g_assert (sqlite3_step (insert) == SQLITE_DONE);
  sqlite3_reset (insert);

  sqlite3_bind_text (match, 1, query->match, -1, SQLITE_STATIC);
  rc = sqlite3_step (match);
  if (rc != SQLITE_ROW)
    g_error ("FTS5 refuses “%s”: %s", query->match, sqlite3_errmsg (db));
  /* The text is found by what it is searched with. */
  g_assert (sqlite3_column_int (match, 0) == 1);
  sqlite3_reset (match);

  g_assert (sqlite3_step (clear) == SQLITE_DONE);
  sqlite3_reset (clear);

  return 0;
}
