/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Search folding. SQLite folds ASCII only (and FTS5 misses đ and ё), so the
 * model stores a folded key next to searchable text and folds queries the
 * same way.
 *
 * kl_text_fold(): NFD, drop combining marks (except the breve of Cyrillic
 * й), đ → d, ё → е, æ → ae, œ → oe, ø → o, ł → l, case folding (ß → ss),
 * "dj" → "d" (so "Đuro", "Djuro" and "duro" all give "duro"), white space
 * runs collapsed to one space and trimmed, NFC output. Idempotent.
 * Returns a newly allocated string; NULL gives "". Invalid UTF-8 is
 * repaired with U+FFFD first.
 */
char     *kl_text_fold                    (const char *text);

/*
 * Builds an FTS5 MATCH expression from what a user typed: the folded text
 * split into tokens (letters, digits, marks and private-use characters;
 * everything else separates), each written as "token"* and joined by
 * spaces (AND of prefix queries). Returns NULL when there is no token.
 * Example: "Šime d.o.o" → "sime"* "d"* "o"* "o"*
 */
char     *kl_text_fold_words_prefix_query (const char *user_text);

/* TRUE for NULL, "" or only white space (Unicode); invalid UTF-8 is not blank. */
gboolean  kl_text_is_blank                (const char *text);

/* TRUE for a character FTS5's unicode61 tokenizer keeps in a word:
 * letters, numbers, marks and private use. */
gboolean  kl_text_is_token_char           (gunichar    c);

/* TRUE for a token character that may begin a word: not a mark. */
gboolean  kl_text_starts_token            (gunichar    c);

/* A key whose byte order is the Croatian alphabetical order of @text
 * (č, ć after c; đ after d; š after s; ž after z), blind to case; see
 * kl-sort-key.c. NULL gives "". */
char     *kl_text_sort_key                (const char *text);

G_END_DECLS
