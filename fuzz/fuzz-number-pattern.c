/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the document number patterns ("UG-{YYYY}-{NNNN}").
 * Whatever a user types as a pattern is either refused or gives, for any
 * date and counter, a number that the same pattern reads back as that
 * counter; no other pattern's number, and no text at all, crashes the
 * reading.
 *
 * Input: 8 bytes of counter, 3 of date, then the pattern (up to a NUL),
 * then a number to read (the rest). */
#include "config.h"

#include <string.h>

#include "kl-company.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* The largest counter kl_number_pattern_match() reads back: 15 digits. */
#define MAX_COUNTER G_GINT64_CONSTANT (999999999999999)

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  guint64 raw = 0;
  gint64 counter;
  gint64 read = 0;
  char date[11];
  g_autofree char *pattern = NULL;
  g_autofree char *number = NULL;
  g_autofree char *next = NULL;
  g_autofree char *other = NULL;
  const char *rest;
  gsize rest_len;

  if (size < 11)
    return 0;
  memcpy (&raw, data, 8);
  counter = 1 + (gint64) (raw % (guint64) MAX_COUNTER);
  /* Years 1900–2155, every month, days 1–28 (always valid). */
  g_snprintf (date, sizeof date, "%04u-%02u-%02u", 1900u + data[8], 1u + data[9] % 12, 1u + data[10] % 28);
  data += 11;
  size -= 11;

  pattern = g_strndup ((const char *) data, size);
  rest = memchr (data, '\0', size);
  rest_len = rest != NULL ? size - (gsize) (rest - (const char *) data) - 1 : 0;
  rest = rest != NULL ? rest + 1 : "";

  if (!kl_number_pattern_validate (pattern, NULL))
    return 0;

  number = kl_number_pattern_expand (pattern, date, counter);
  g_assert (number != NULL);
  g_assert (g_utf8_validate (number, -1, NULL));
  g_assert (kl_number_pattern_match (pattern, date, number, &read));
  g_assert_cmpint (read, ==, counter);

  if (counter < MAX_COUNTER)
    {
      next = kl_number_pattern_expand (pattern, date, counter + 1);
      g_assert (strcmp (next, number) != 0);
      g_assert (kl_number_pattern_match (pattern, date, next, &read));
      g_assert_cmpint (read, ==, counter + 1);
    }

  /* Any text read as a number: no crash, and a counter only if it is one. */
  other = g_strndup (rest, rest_len);
  if (kl_number_pattern_match (pattern, date, other, &read))
    {
      g_autofree char *again = kl_number_pattern_expand (pattern, date, read > 0 ? read : 1);

      g_assert (read >= 0);
      g_assert (again != NULL);
    }

  return 0;
}
