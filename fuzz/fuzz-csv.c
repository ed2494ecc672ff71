/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the CSV reader and its encoding and separator detection.
 * The first byte picks how the reader is opened (detected or given encoding
 * and separator); the rest is the file. Every record is read twice (after a
 * rewind) and must come out the same both times, as valid UTF-8. */
#include "config.h"

#include <string.h>

#include "kl-csv.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static const char * const encodings[] = { NULL, "UTF-8", "WINDOWS-1250", "WINDOWS-1251", "UTF-16LE" };
static const gunichar separators[] = { 0, ';', ',', '\t', '|' };

static GPtrArray *
read_all (KlCsvReader *reader)
{
  GPtrArray *records = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  char **fields;
  guint n_fields;
  guint line;
  guint last_line = 0;

  while (kl_csv_reader_next (reader, &fields, &n_fields, &line, NULL))
    {
      g_assert (n_fields >= 1);
      g_assert (fields[n_fields] == NULL);
      g_assert (line > last_line);
      last_line = line;
      for (guint i = 0; i < n_fields; i++)
        g_assert (g_utf8_validate (fields[i], -1, NULL));
      g_ptr_array_add (records, g_strdupv (fields));
      g_assert (kl_csv_reader_get_fraction (reader) >= 0.0 &&
                kl_csv_reader_get_fraction (reader) <= 1.0);
    }

  return records;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KlCsvReader) reader = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GError) error = NULL;
  guint8 mode;

  if (size < 1)
    return 0;
  mode = data[0];
  bytes = g_bytes_new (data + 1, size - 1);

  reader = kl_csv_reader_new (bytes, encodings[mode % G_N_ELEMENTS (encodings)],
                              separators[(mode / G_N_ELEMENTS (encodings)) % G_N_ELEMENTS (separators)],
                              &error);
  if (reader == NULL)
    {
      g_assert (error != NULL && error->domain == KL_CSV_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert (error == NULL);
  g_assert (kl_csv_reader_get_encoding (reader) != NULL);

  first = read_all (reader);
  kl_csv_reader_rewind (reader);
  second = read_all (reader);

  g_assert (first->len == second->len);
  for (guint i = 0; i < first->len; i++)
    {
      char **a = g_ptr_array_index (first, i);
      char **b = g_ptr_array_index (second, i);

      g_assert (g_strv_equal ((const char * const *) a, (const char * const *) b));
    }

  return 0;
}
