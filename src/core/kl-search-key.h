/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The text of the client search: the keys stored for clients and contacts
 * and what a user typed, both cut into words the same way. The index that
 * uses them is the model's (kl-search.h). */

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

G_END_DECLS
