/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-csv.h"

#include <string.h>

/* How much of the file the separator detection looks at. */
#define SNIFF_MAX_RECORDS 20
#define SNIFF_MAX_BYTES   (64 * 1024)

struct _KlCsvReader
{
  /* The UTF-8 text: either inside @contents (input was UTF-8 already, no
   * copy) or in @converted. Records run from @begin to @end. */
  GBytes     *contents;
  char       *converted;
  const char *begin;
  const char *end;
  guint       first_line;

  char       *encoding;
  char        separator;
  /* Bytes that end an unquoted field: separator, '\r' and '\n'. */
  guint8      stop[256];

  const char *pos;
  guint       line;

  /* The current record: NUL-terminated field texts back to back in @buf,
   * where field i starts at @offsets[i]; @fields points into @buf. */
  char       *buf;
  gsize       buf_len;
  gsize       buf_size;
  gsize      *offsets;
  char      **fields;
  guint       n_fields;
  guint       fields_size;
};

G_DEFINE_QUARK (kl-csv-error-quark, kl_csv_error)

static gboolean
is_utf8_name (const char *encoding)
{
  return g_ascii_strcasecmp (encoding, "UTF-8") == 0 ||
         g_ascii_strcasecmp (encoding, "UTF8") == 0;
}

/* Never NULL, even for empty bytes. */
static const char *
get_bytes_data (GBytes *bytes,
                gsize  *len)
{
  const char *data = g_bytes_get_data (bytes, len);

  return data != NULL ? data : "";
}

static gboolean
has_utf8_bom (const char *data,
              gsize       len)
{
  return len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0;
}

/* Windows-1251 bytes that are Russian letters: А–я, Ё, ё. */
static inline gboolean
is_cyrillic_1251 (guint8 c)
{
  return c >= 0xC0 || c == 0xA8 || c == 0xB8;
}

/* Windows-1250 bytes of the Croatian letters Š š Ž ž Č č Ć ć Đ đ. */
static inline gboolean
is_croatian_1250 (guint8 c)
{
  switch (c)
    {
    case 0x8A: case 0x9A: case 0x8E: case 0x9E:
    case 0xC8: case 0xE8: case 0xC6: case 0xE6:
    case 0xD0: case 0xF0:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Decides between Windows-1250 and Windows-1251 for bytes that are not UTF-8.
 * Russian text is mostly high bytes in runs (whole words of Cyrillic
 * letters); Croatian text is ASCII with a few high bytes inside Latin words. */
static const char *
guess_8bit_encoding (const guint8 *data,
                     gsize         len)
{
  guint64 score_1250 = 0;
  guint64 score_1251 = 0;
  guint n_high = 0;

  /* The first 64 Ki letters beyond ASCII are plenty to decide. */
  for (gsize i = 0; i < len && n_high < 64 * 1024; i++)
    {
      guint8 c = data[i];
      guint8 prev, next;

      if (c < 0x80)
        continue;

      n_high++;

      prev = i > 0 ? data[i - 1] : ' ';
      next = i + 1 < len ? data[i + 1] : ' ';

      if (is_cyrillic_1251 (c) &&
          (is_cyrillic_1251 (prev) || is_cyrillic_1251 (next)))
        score_1251 += 2;
      if (g_ascii_isalpha (prev) || g_ascii_isalpha (next))
        score_1250 += 2;
      if (is_croatian_1250 (c))
        score_1250 += 1;
      else if (is_cyrillic_1251 (c))
        score_1251 += 1;
    }

  return score_1251 > score_1250 ? "WINDOWS-1251" : "WINDOWS-1250";
}

static gboolean
is_single_byte_encoding (const char *encoding)
{
  static const char *prefixes[] = { "WINDOWS-125", "CP125", "ISO-8859-", "ISO8859-", "KOI8-" };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      if (g_ascii_strncasecmp (encoding, prefixes[i], strlen (prefixes[i])) == 0)
        return TRUE;
    }

  return FALSE;
}

static inline gboolean
is_ascii8 (const guint8 *p)
{
  guint64 word;

  memcpy (&word, p, sizeof word);
  return (word & G_GUINT64_CONSTANT (0x8080808080808080)) == 0;
}

/* Well-formed UTF-8 as in Unicode's table 3-7 (no overlong forms, no
 * surrogates, nothing past U+10FFFF). NUL bytes are checked elsewhere.
 * Runs of ASCII go 8 bytes at a time: several times faster than
 * g_utf8_validate_len() in GLib 2.74 on mostly-ASCII files. */
static gboolean
validate_utf8 (const char *text,
               gsize       len)
{
  const guint8 *p = (const guint8 *) text;
  const guint8 *end = p + len;

#define CONT(b) (((b) & 0xC0) == 0x80)

  while (p < end)
    {
      guint8 c;
      gsize left;

      if (end - p >= 8 && is_ascii8 (p))
        {
          p += 8;
          continue;
        }

      c = p[0];
      if (c < 0x80)
        {
          p++;
          continue;
        }

      left = end - p;
      if (c >= 0xC2 && c <= 0xDF)
        {
          if (left < 2 || !CONT (p[1]))
            return FALSE;
          p += 2;
        }
      else if (c >= 0xE0 && c <= 0xEF)
        {
          if (left < 3 || !CONT (p[1]) || !CONT (p[2]) ||
              (c == 0xE0 && p[1] < 0xA0) ||
              (c == 0xED && p[1] > 0x9F))
            return FALSE;
          p += 3;
        }
      else if (c >= 0xF0 && c <= 0xF4)
        {
          if (left < 4 || !CONT (p[1]) || !CONT (p[2]) || !CONT (p[3]) ||
              (c == 0xF0 && p[1] < 0x90) ||
              (c == 0xF4 && p[1] > 0x8F))
            return FALSE;
          p += 4;
        }
      else
        return FALSE;
    }

#undef CONT

  return TRUE;
}

/* Decodes a single-byte encoding to UTF-8 through a 256-entry table filled
 * by iconv: the same result as g_convert(), several times faster. */
static char *
convert_single_byte (const guint8  *data,
                     gsize          len,
                     const char    *from,
                     gsize         *out_len,
                     GError       **error)
{
  char table[256][4];
  guint8 table_len[256];
  GIConv cd;
  gboolean ascii = TRUE;
  gsize total = 0;
  char *text;
  char *out;

  cd = g_iconv_open ("UTF-8", from);
  if (cd == (GIConv) -1)
    {
      g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION,
                   _("The encoding %s is not supported."), from);
      return NULL;
    }

  memset (table, 0, sizeof table);
  for (guint c = 0; c < 256; c++)
    {
      char in = (char) c;
      char *inp = &in;
      gsize in_left = 1;
      char *outp = table[c];
      gsize out_left = sizeof table[c];

      g_iconv (cd, NULL, NULL, NULL, NULL);
      if (g_iconv (cd, &inp, &in_left, &outp, &out_left) == (gsize) -1 || in_left != 0)
        table_len[c] = 0;
      else
        table_len[c] = sizeof table[c] - out_left;

      if (!g_utf8_validate_len (table[c], table_len[c], NULL))
        table_len[c] = 0;
    }
  g_iconv_close (cd);

  for (guint c = 0; c < 0x80; c++)
    ascii = ascii && table_len[c] == 1 && (guint8) table[c][0] == c;

  /* Where ASCII maps to itself, runs of 8 ASCII bytes take the fast path. */
  for (gsize i = 0; i < len;)
    {
      guint8 n;

      if (ascii && i + 8 <= len && is_ascii8 (data + i))
        {
          total += 8;
          i += 8;
          continue;
        }

      n = table_len[data[i]];
      if (G_UNLIKELY (n == 0))
        {
          guint line = 1;

          for (gsize j = 0; j < i; j++)
            {
              if (data[j] == '\n' ||
                  (data[j] == '\r' && (j + 1 == len || data[j + 1] != '\n')))
                line++;
            }

          g_set_error (error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE,
                       _("Line %u contains a byte that is not defined in this encoding."),
                       line);
          return NULL;
        }
      total += n;
      i++;
    }

  /* Each byte copies a whole table entry: room for 4 bytes past the end. */
  text = g_malloc (total + sizeof table[0]);
  out = text;
  for (gsize i = 0; i < len;)
    {
      guint8 n;

      if (ascii && i + 8 <= len && is_ascii8 (data + i))
        {
          memcpy (out, data + i, 8);
          out += 8;
          i += 8;
          continue;
        }

      n = table_len[data[i]];
      memcpy (out, table[data[i]], 4);
      out += n;
      i++;
    }
  *out = '\0';

  *out_len = total;
  return text;
}

/* Converts to UTF-8 and takes the result as the reader's text. */
static gboolean
convert_text (KlCsvReader  *self,
              const char   *data,
              gsize         len,
              const char   *from,
              GError      **error)
{
  g_autofree char *text = NULL;
  gboolean single_byte = is_single_byte_encoding (from);
  gsize written = 0;

  if (single_byte)
    text = convert_single_byte ((const guint8 *) data, len, from, &written, error);
  else
    text = g_convert (data, len, "UTF-8", from, NULL, &written, error);
  if (text == NULL)
    return FALSE;

  if (memchr (text, '\0', written) != NULL)
    {
      g_set_error_literal (error, KL_CSV_ERROR, KL_CSV_ERROR_ENCODING,
                           _("The file contains binary data (NUL characters) "
                             "and is not a CSV text file."));
      return FALSE;
    }
  /* iconv writes valid UTF-8; this guards against a broken converter.
   * The table decoder validated each of its 256 entries already. */
  if (!single_byte && !validate_utf8 (text, written))
    {
      g_set_error (error, KL_CSV_ERROR, KL_CSV_ERROR_ENCODING,
                   _("The file could not be converted from %s to valid UTF-8 text."),
                   from);
      return FALSE;
    }

  self->converted = g_steal_pointer (&text);
  self->begin = self->converted;
  self->end = self->converted + written;
  if (has_utf8_bom (self->begin, written))
    self->begin += 3;

  return TRUE;
}

/* Takes UTF-8 input as it is, without copying. On failure nothing is
 * taken. */
static gboolean
take_utf8 (KlCsvReader  *self,
           GBytes       *contents,
           gsize         skip,
           GError      **error)
{
  gsize len = 0;
  const char *data = get_bytes_data (contents, &len);

  if (len > skip && memchr (data + skip, '\0', len - skip) != NULL)
    {
      g_set_error_literal (error, KL_CSV_ERROR, KL_CSV_ERROR_ENCODING,
                           _("The file contains binary data (NUL characters) "
                             "and is not a CSV text file."));
      return FALSE;
    }
  if (!validate_utf8 (data + skip, len - skip))
    {
      g_set_error_literal (error, KL_CSV_ERROR, KL_CSV_ERROR_ENCODING,
                           _("The file is not valid UTF-8 text."));
      return FALSE;
    }

  self->contents = g_bytes_ref (contents);
  self->begin = data + skip;
  self->end = data + len;

  return TRUE;
}

static gboolean
decode_detect (KlCsvReader  *self,
               GBytes       *contents,
               GError      **error)
{
  gsize len = 0;
  const char *data = get_bytes_data (contents, &len);
  const char *guess;
  const char *other;

  if (has_utf8_bom (data, len))
    {
      self->encoding = g_strdup ("UTF-8");
      return take_utf8 (self, contents, 3, error);
    }

  if (len >= 2 && ((guint8) data[0] == 0xFF && (guint8) data[1] == 0xFE))
    self->encoding = g_strdup ("UTF-16LE");
  else if (len >= 2 && ((guint8) data[0] == 0xFE && (guint8) data[1] == 0xFF))
    self->encoding = g_strdup ("UTF-16BE");

  if (self->encoding != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (!convert_text (self, data + 2, len - 2, self->encoding, &local_error))
        {
          if (local_error->domain == KL_CSV_ERROR)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error_literal (error, KL_CSV_ERROR, KL_CSV_ERROR_ENCODING,
                                 _("The file starts with a UTF-16 byte order mark "
                                   "but is not valid UTF-16 text."));
          return FALSE;
        }
      return TRUE;
    }

  if (len > 0 && memchr (data, '\0', len) != NULL)
    {
      g_set_error_literal (error, KL_CSV_ERROR, KL_CSV_ERROR_ENCODING,
                           _("The file contains binary data (NUL bytes) and is "
                             "not a CSV text file. If it is UTF-16 text, save it "
                             "again as CSV UTF-8."));
      return FALSE;
    }

  if (take_utf8 (self, contents, 0, NULL))
    {
      self->encoding = g_strdup ("UTF-8");
      return TRUE;
    }

  guess = guess_8bit_encoding ((const guint8 *) data, len);
  other = g_str_equal (guess, "WINDOWS-1250") ? "WINDOWS-1251" : "WINDOWS-1250";

  /* Each code page leaves a few bytes undefined; if the guess cannot
   * convert the file, the other one may. */
  if (convert_text (self, data, len, guess, NULL))
    self->encoding = g_strdup (guess);
  else if (convert_text (self, data, len, other, NULL))
    self->encoding = g_strdup (other);
  else
    {
      g_set_error_literal (error, KL_CSV_ERROR, KL_CSV_ERROR_ENCODING,
                           _("The file is not UTF-8 text, and it is not "
                             "Windows-1250 or Windows-1251 text either."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
decode_as (KlCsvReader  *self,
           GBytes       *contents,
           const char   *encoding,
           GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;
  const char *data = get_bytes_data (contents, &len);

  self->encoding = g_strdup (encoding);

  if (is_utf8_name (encoding))
    return take_utf8 (self, contents, has_utf8_bom (data, len) ? 3 : 0, error);

  if (!convert_text (self, data, len, encoding, &local_error))
    {
      if (local_error->domain == KL_CSV_ERROR)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, KL_CSV_ERROR, KL_CSV_ERROR_ENCODING,
                     _("The file could not be read as %1$s text: %2$s"),
                     encoding, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_blank (const char *p,
          const char *end)
{
  for (; p < end; p++)
    {
      switch (*p)
        {
        case ' ': case '\t': case '\r': case '\n': case '\f': case '\v':
          break;
        default:
          return FALSE;
        }
    }

  return TRUE;
}

/* Excel understands a first line "sep=;" naming the separator. Returns the
 * separator and moves *p past that line, or returns 0. */
static char
take_sep_line (const char **p,
               const char  *end)
{
  const char *s = *p;
  char sep;

  if (end - s < 5 || g_ascii_strncasecmp (s, "sep=", 4) != 0)
    return 0;

  sep = s[4];
  if ((guint8) sep >= 0x80 || sep == '"' || sep == '\r' || sep == '\n' || sep == '\0')
    return 0;

  s += 5;
  if (s < end && *s == '\r')
    s++;
  if (s < end && *s == '\n')
    s++;
  else if (s < end && s[-1] != '\r')
    return 0;

  *p = s;
  return sep;
}

/* Counts the candidate separators outside quotes in the first records and
 * picks the one whose count is the same on the most records, weighted by
 * how many fields it makes. Ties go to ';', then '\t', then ','. */
static char
sniff_separator (const char *p,
                 const char *end)
{
  static const char candidates[] = { ';', '\t', ',' };
  guint counts[SNIFF_MAX_RECORDS][G_N_ELEMENTS (candidates)];
  guint cur[G_N_ELEMENTS (candidates)] = { 0, };
  guint n_records = 0;
  const char *limit = (gsize) (end - p) > SNIFF_MAX_BYTES ? p + SNIFF_MAX_BYTES : end;
  gboolean in_quotes = FALSE;
  gboolean field_start = TRUE;
  gboolean has_content = FALSE;
  char best = ';';
  guint best_score = 0;
  guint best_total = 0;

  for (; p < limit && n_records < SNIFF_MAX_RECORDS; p++)
    {
      char c = *p;

      if (in_quotes)
        {
          if (c == '"')
            {
              if (p + 1 < limit && p[1] == '"')
                p++;
              else
                in_quotes = FALSE;
            }
          continue;
        }

      switch (c)
        {
        case '\r':
        case '\n':
          if (has_content)
            memcpy (counts[n_records++], cur, sizeof cur);
          memset (cur, 0, sizeof cur);
          field_start = TRUE;
          has_content = FALSE;
          continue;

        case ';':
          cur[0]++;
          field_start = TRUE;
          break;

        case '\t':
          cur[1]++;
          field_start = TRUE;
          break;

        case ',':
          cur[2]++;
          field_start = TRUE;
          break;

        case '"':
          in_quotes = field_start;
          field_start = FALSE;
          break;

        default:
          field_start = FALSE;
          break;
        }

      has_content = TRUE;
    }

  /* The last record counts if it is complete, or if it is all we have. */
  if (has_content && n_records < SNIFF_MAX_RECORDS &&
      ((p >= end && !in_quotes) || n_records == 0))
    memcpy (counts[n_records++], cur, sizeof cur);

  for (guint k = 0; k < G_N_ELEMENTS (candidates); k++)
    {
      guint mode = 0;
      guint mode_matches = 0;
      guint total = 0;
      guint score;

      for (guint i = 0; i < n_records; i++)
        {
          guint matches = 0;

          total += counts[i][k];
          if (counts[i][k] == 0)
            continue;

          for (guint j = 0; j < n_records; j++)
            matches += counts[j][k] == counts[i][k];

          if (matches > mode_matches ||
              (matches == mode_matches && counts[i][k] > mode))
            {
              mode = counts[i][k];
              mode_matches = matches;
            }
        }

      if (mode == 0)
        continue;

      score = mode_matches * g_bit_storage (mode);
      if (score > best_score || (score == best_score && total > best_total))
        {
          best = candidates[k];
          best_score = score;
          best_total = total;
        }
    }

  return best;
}

static void
set_separator (KlCsvReader *self,
               char         separator)
{
  self->separator = separator;
  memset (self->stop, 0, sizeof self->stop);
  self->stop[(guint8) separator] = 1;
  self->stop['\r'] = 1;
  self->stop['\n'] = 1;
}

static void
buf_reserve (KlCsvReader *self,
             gsize        extra)
{
  gsize needed = self->buf_len + extra;

  if (G_LIKELY (needed <= self->buf_size))
    return;

  self->buf_size = MAX (self->buf_size * 2, needed);
  self->buf = g_realloc (self->buf, self->buf_size);
}

static inline void
buf_append (KlCsvReader *self,
            const char  *data,
            gsize        len)
{
  /* One byte more for the NUL that ends the field. */
  buf_reserve (self, len + 1);
  memcpy (self->buf + self->buf_len, data, len);
  self->buf_len += len;
}

static inline void
field_begin (KlCsvReader *self)
{
  /* One slot more for the NULL that ends the array. */
  if (G_UNLIKELY (self->n_fields + 2 > self->fields_size))
    {
      self->fields_size = MAX (16, self->fields_size * 2);
      self->offsets = g_renew (gsize, self->offsets, self->fields_size);
      self->fields = g_renew (char *, self->fields, self->fields_size);
    }

  self->offsets[self->n_fields++] = self->buf_len;
}

static inline void
field_end (KlCsvReader *self)
{
  buf_reserve (self, 1);
  self->buf[self->buf_len++] = '\0';
}

/**
 * kl_csv_reader_new:
 * @contents: the whole file
 * @encoding: (nullable): an iconv encoding name, or %NULL to detect it
 * @separator: an ASCII separator, or 0 to detect it
 * @error: return location for a #KL_CSV_ERROR
 *
 * Decodes @contents to UTF-8 (once, up front) and prepares to read records.
 * When @contents is UTF-8 already the reader keeps a reference to it and
 * copies nothing.
 *
 * Fails with %KL_CSV_ERROR_ENCODING when the bytes cannot be decoded or hold
 * NUL characters, and with %KL_CSV_ERROR_EMPTY when there is no text but
 * white space.
 *
 * Returns: (transfer full) (nullable): a new reader
 */
KlCsvReader *
kl_csv_reader_new (GBytes      *contents,
                   const char  *encoding,
                   gunichar     separator,
                   GError     **error)
{
  g_autoptr(KlCsvReader) self = NULL;
  gboolean ok;
  char sep_line;

  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (separator < 0x80 && separator != '"' &&
                        separator != '\r' && separator != '\n', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (KlCsvReader, 1);

  if (encoding == NULL)
    ok = decode_detect (self, contents, error);
  else
    ok = decode_as (self, contents, encoding, error);
  if (!ok)
    return NULL;

  self->first_line = 1;
  sep_line = take_sep_line (&self->begin, self->end);
  if (sep_line != 0)
    self->first_line = 2;

  if (is_blank (self->begin, self->end))
    {
      g_set_error_literal (error, KL_CSV_ERROR, KL_CSV_ERROR_EMPTY,
                           _("The file is empty."));
      return NULL;
    }

  if (separator != 0)
    set_separator (self, (char) separator);
  else if (sep_line != 0)
    set_separator (self, sep_line);
  else
    set_separator (self, sniff_separator (self->begin, self->end));

  kl_csv_reader_rewind (self);

  return g_steal_pointer (&self);
}

void
kl_csv_reader_free (KlCsvReader *reader)
{
  if (reader == NULL)
    return;

  g_clear_pointer (&reader->contents, g_bytes_unref);
  g_free (reader->converted);
  g_free (reader->encoding);
  g_free (reader->buf);
  g_free (reader->offsets);
  g_free (reader->fields);
  g_free (reader);
}

/**
 * kl_csv_reader_get_encoding:
 *
 * Returns: the encoding the file was read in: "UTF-8", "UTF-16LE",
 *   "UTF-16BE", "WINDOWS-1250", "WINDOWS-1251", or the one given to
 *   kl_csv_reader_new()
 */
const char *
kl_csv_reader_get_encoding (KlCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);

  return reader->encoding;
}

/**
 * kl_csv_reader_get_separator:
 *
 * Returns: the separator given, named by a "sep=" line, or detected
 */
gunichar
kl_csv_reader_get_separator (KlCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return (gunichar) reader->separator;
}

/**
 * kl_csv_reader_get_fraction:
 *
 * Returns: how much of the text has been read, from 0.0 to 1.0, for a
 *   progress bar
 */
double
kl_csv_reader_get_fraction (KlCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0.0);

  if (reader->end == reader->begin)
    return 1.0;

  return (double) (reader->pos - reader->begin) / (double) (reader->end - reader->begin);
}

/**
 * kl_csv_reader_next:
 * @reader: a reader
 * @fields: (out) (optional) (transfer none): the record's fields,
 *   %NULL-terminated, UTF-8
 * @n_fields: (out) (optional): the number of fields, at least 1
 * @line: (out) (optional): the 1-based physical line the record starts on
 * @error: return location for a #KL_CSV_ERROR
 *
 * Reads the next record. Empty lines are skipped. The fields belong to the
 * reader and stay valid until the next call to kl_csv_reader_next(),
 * kl_csv_reader_rewind() or kl_csv_reader_free(); copy them (g_strdupv())
 * to keep them. They may be modified in place until then.
 *
 * An unterminated quoted field fails with %KL_CSV_ERROR_MALFORMED; after an
 * error the reader is at the end of the input.
 *
 * Returns: %TRUE with a record, %FALSE at the end of the input (@error
 *   unset) or on error (@error set)
 */
gboolean
kl_csv_reader_next (KlCsvReader   *reader,
                    char        ***fields,
                    guint         *n_fields,
                    guint         *line,
                    GError       **error)
{
  const char *p;
  const char *end;
  const guint8 *stop;
  char sep;
  guint record_line;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  p = reader->pos;
  end = reader->end;
  stop = reader->stop;
  sep = reader->separator;

  /* Empty lines */
  while (p < end && (*p == '\n' || *p == '\r'))
    {
      if (*p == '\r' && p + 1 < end && p[1] == '\n')
        p++;
      p++;
      reader->line++;
    }

  if (p >= end)
    {
      reader->pos = end;
      return FALSE;
    }

  record_line = reader->line;
  reader->buf_len = 0;
  reader->n_fields = 0;

  for (;;)
    {
      const char *q;

      field_begin (reader);

      if (*p == '"')
        {
          guint field_line = reader->line;

          p++;
          for (;;)
            {
              for (q = p; q < end && *q != '"'; q++)
                {
                  if (*q == '\n' ||
                      (*q == '\r' && (q + 1 == end || q[1] != '\n')))
                    reader->line++;
                }

              buf_append (reader, p, q - p);

              if (q >= end)
                {
                  reader->pos = end;
                  reader->n_fields = 0;
                  g_set_error (error, KL_CSV_ERROR, KL_CSV_ERROR_MALFORMED,
                               _("Line %u: a quoted field is never closed."),
                               field_line);
                  return FALSE;
                }

              if (q + 1 < end && q[1] == '"')
                {
                  buf_append (reader, "\"", 1);
                  p = q + 2;
                }
              else
                {
                  p = q + 1;
                  break;
                }
            }
        }

      /* An unquoted field, or what follows a closing quote (kept
       * literally, like Excel does). */
      for (q = p; q < end && !stop[(guint8) *q]; q++)
        ;
      buf_append (reader, p, q - p);
      p = q;

      field_end (reader);

      if (p < end && *p == sep)
        {
          p++;
          if (p < end)
            continue;

          /* A separator at the very end: one more empty field. */
          field_begin (reader);
          field_end (reader);
          break;
        }

      /* End of the record */
      if (p < end)
        {
          if (*p == '\r' && p + 1 < end && p[1] == '\n')
            p++;
          p++;
          reader->line++;
        }
      break;
    }

  reader->pos = p;

  for (guint i = 0; i < reader->n_fields; i++)
    reader->fields[i] = reader->buf + reader->offsets[i];
  reader->fields[reader->n_fields] = NULL;

  if (fields != NULL)
    *fields = reader->fields;
  if (n_fields != NULL)
    *n_fields = reader->n_fields;
  if (line != NULL)
    *line = record_line;

  return TRUE;
}

/**
 * kl_csv_reader_rewind:
 *
 * Goes back to the first record, e.g. to read the data after a preview.
 */
void
kl_csv_reader_rewind (KlCsvReader *reader)
{
  g_return_if_fail (reader != NULL);

  reader->pos = reader->begin;
  reader->line = reader->first_line;
  reader->n_fields = 0;
}
