/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "kl-database.h"

G_BEGIN_DECLS

/*
 * The client search index. Clients and contacts keep a folded
 * `search_key` column, written by the model (see the entities' derive);
 * SQL triggers join a client's key and its contacts' keys into its row of
 * `client_docs`, indexed by the FTS5 table `client_search` (schema
 * migration 2). The triggers only
 * copy stored text, so any program may write the database without the
 * functions below; they exist for migrations that rebuild keys in SQL.
 */

/* Folds @fields (NULLs skipped) into one search key: the words of
 * kl_text_fold() of each (runs of letters, digits and private-use
 * characters, as FTS5's unicode61 tokenizer sees them) joined by single
 * spaces, followed by the digit forms of every field that looks like a
 * phone number ("+385 91 234 5678" adds 385912345678, 0912345678 and
 * 912345678), so a number is found however its digits are grouped. Every
 * word of the key is preceded by a space or the start, so
 * `' ' || key LIKE '% word%'` is the same test as the FTS5 query "word"*. */
char     *kl_search_key                    (const char * const *fields,
                                            guint               n_fields);

/* What a user typed, as a search. A client matches when each of @words
 * starts a word of its document, or when one of @numbers does (the digits
 * of text typed like a phone number, however grouped). */
typedef struct {
  char  *match;     /* the same test as an FTS5 MATCH expression */
  GStrv  words;     /* folded, at least one */
  GStrv  numbers;   /* possibly empty */
} KlSearchQuery;

/* NULL when @user_text has no word in it. */
KlSearchQuery *kl_search_query_new         (const char         *user_text);
void           kl_search_query_free        (KlSearchQuery      *query);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlSearchQuery, kl_search_query_free)

/* The documents written with KL_STORE_INSERT_DEFER_SEARCH, not yet in
 * the search index (schema migration 3). */
gboolean  kl_search_index_is_pending       (KlDatabase         *database);
gboolean  kl_search_update_index           (KlDatabase         *database,
                                            GCancellable       *cancellable,
                                            guint              *n_indexed,
                                            GError            **error);

/* Registers the deterministic SQL functions kl_fold(text),
 * kl_sort_key(text) and kl_search_key(text, ...) on @db. */
gboolean  kl_search_register_sql_functions (sqlite3            *db);

G_END_DECLS
