/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: search folding and sort keys on any bytes. The folded
 * text is valid UTF-8, folding is idempotent (as kl-text.h promises), and a
 * sort key is valid to compare. */
#include "config.h"

#include <string.h>

#include "kl-text.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *input = g_strndup ((const char *) data, size);
  g_autofree char *folded = kl_text_fold (input);
  g_autofree char *again = kl_text_fold (folded);
  g_autofree char *key = kl_text_sort_key (input);
  g_autofree char *query = kl_text_fold_words_prefix_query (input);

  g_assert (g_utf8_validate (folded, -1, NULL));
  g_assert (strcmp (folded, again) == 0);
  g_assert (key != NULL);
  if (query != NULL)
    g_assert (g_utf8_validate (query, -1, NULL) && query[0] == '"');
  (void) kl_text_is_blank (input);

  return 0;
}
