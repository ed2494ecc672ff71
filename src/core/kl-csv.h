/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KL_CSV_ERROR (kl_csv_error_quark ())

typedef enum {
  KL_CSV_ERROR_ENCODING,
  KL_CSV_ERROR_EMPTY,
  KL_CSV_ERROR_MALFORMED,
} KlCsvError;

GQuark kl_csv_error_quark (void);

/* A reader over a whole CSV file held in memory, as Excel saves it.
 *
 * Encoding: UTF-8 with or without BOM, UTF-16LE/BE with BOM, or (when the
 * bytes are not UTF-8) Windows-1250 or Windows-1251, told apart by a byte
 * heuristic. The text is converted to UTF-8 once, in kl_csv_reader_new().
 *
 * Separator: ';', ',' or '\t', detected from the first records (';' wins
 * ties), or any ASCII character given. An Excel "sep=X" first line names
 * it (unless one is given) and is never returned as a record.
 *
 * Records follow RFC 4180 with Excel's leniency: quoted fields may hold
 * separators, "" and line breaks; a quote inside an unquoted field is
 * literal; text after a closing quote is appended literally. CRLF, LF and CR
 * end records; empty lines are skipped. Field text is never trimmed.
 *
 * Not thread-safe; use one reader from one thread (e.g. an import GTask). */
typedef struct _KlCsvReader KlCsvReader;

KlCsvReader *kl_csv_reader_new           (GBytes       *contents,
                                          const char   *encoding,
                                          gunichar      separator,
                                          GError      **error);
void         kl_csv_reader_free          (KlCsvReader  *reader);

const char  *kl_csv_reader_get_encoding  (KlCsvReader  *reader);
gunichar     kl_csv_reader_get_separator (KlCsvReader  *reader);
double       kl_csv_reader_get_fraction  (KlCsvReader  *reader);

gboolean     kl_csv_reader_next          (KlCsvReader  *reader,
                                          char       ***fields,
                                          guint        *n_fields,
                                          guint        *line,
                                          GError      **error);
void         kl_csv_reader_rewind        (KlCsvReader  *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlCsvReader, kl_csv_reader_free)

G_END_DECLS
