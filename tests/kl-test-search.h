/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the model tests ask of the search index directly. */

#include "kl-session.h"

/* Clients whose document holds a word starting with @word, by the search
 * index alone. */
static inline gint64
kl_test_count_indexed (KlSession  *session,
                       const char *word)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM client_search"
                                          " WHERE client_search MATCH '\"%s\"*'", word);
  gint64 n = kl_database_query_int (kl_session_get_database (session), sql, &error);

  g_assert_no_error (error);

  return n;
}

/* Whether the search index holds exactly the documents of client_docs. */
static inline gboolean
kl_test_search_index_complete (KlSession *session)
{
  sqlite3 *db = kl_database_get_handle (kl_session_get_database (session));

  return sqlite3_exec (db, "INSERT INTO client_search (client_search, rank) VALUES ('integrity-check', 1)",
                       NULL, NULL, NULL) == SQLITE_OK;
}
