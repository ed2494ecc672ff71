/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-csv.h"

#include <string.h>

/* Helpers */

static GBytes *
load_data_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, len);
}

static KlCsvReader *
reader_for_bytes (const char *data,
                  gsize       len,
                  const char *encoding,
                  gunichar    separator)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  g_autoptr(GError) error = NULL;
  KlCsvReader *reader;

  reader = kl_csv_reader_new (bytes, encoding, separator, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reader);

  return reader;
}

static KlCsvReader *
reader_for_string (const char *text,
                   gunichar    separator)
{
  return reader_for_bytes (text, strlen (text), NULL, separator);
}

/* All records as "line:[field][field]\n", so a whole parse is one string. */
static char *
dump (KlCsvReader *reader)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char **fields;
  guint n_fields;
  guint line;

  while (kl_csv_reader_next (reader, &fields, &n_fields, &line, &error))
    {
      g_assert_cmpuint (g_strv_length (fields), ==, n_fields);
      g_string_append_printf (out, "%u:", line);
      for (guint i = 0; i < n_fields; i++)
        g_string_append_printf (out, "[%s]", fields[i]);
      g_string_append_c (out, '\n');
    }
  g_assert_no_error (error);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
dump_string (const char *text,
             gunichar    separator)
{
  g_autoptr(KlCsvReader) reader = reader_for_string (text, separator);

  return dump (reader);
}

static void
assert_new_fails (const char *data,
                  gsize       len,
                  const char *encoding,
                  int         code)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCsvReader) reader = NULL;

  reader = kl_csv_reader_new (bytes, encoding, 0, &error);
  g_assert_error (error, KL_CSV_ERROR, code);
  g_assert_null (reader);
  g_assert_nonnull (error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* Quotes a field the way Excel writes it. */
static void
append_field (GString    *out,
              const char *field,
              char        separator)
{
  if (strpbrk (field, "\"\r\n") == NULL && strchr (field, separator) == NULL)
    {
      g_string_append (out, field);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Encodings */

static void
test_utf8 (void)
{
  g_autoptr(GBytes) bytes = load_data_file ("utf8.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCsvReader) reader = NULL;
  g_autofree char *text = NULL;

  reader = kl_csv_reader_new (bytes, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_csv_reader_get_encoding (reader), ==, "UTF-8");
  g_assert_cmpuint (kl_csv_reader_get_separator (reader), ==, ';');

  text = dump (reader);
  g_assert_cmpstr (text, ==,
                   "1:[Naziv][Grad][Napomena]\n"
                   "2:[Šime Đurić d.o.o.][Čakovec][žuti šešir]\n"
                   "3:[ООО Ромашка][Москва][]\n");
}

static void
test_utf8_bom (void)
{
  g_autoptr(GBytes) bytes = load_data_file ("utf8-bom.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCsvReader) reader = NULL;
  g_autofree char *text = NULL;

  reader = kl_csv_reader_new (bytes, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_csv_reader_get_encoding (reader), ==, "UTF-8");
  g_assert_cmpuint (kl_csv_reader_get_separator (reader), ==, ';');

  /* The BOM is not part of the first header name. */
  text = dump (reader);
  g_assert_cmpstr (text, ==,
                   "1:[Naziv][Grad][Napomena]\n"
                   "2:[Šime Đurić d.o.o.][Čakovec][žuti šešir]\n"
                   "3:[ООО Ромашка][Москва][]\n");

  /* Also when UTF-8 is given explicitly */
  g_clear_pointer (&reader, kl_csv_reader_free);
  reader = kl_csv_reader_new (bytes, "utf-8", 0, &error);
  g_assert_no_error (error);
  g_clear_pointer (&text, g_free);
  text = dump (reader);
  g_assert_true (g_str_has_prefix (text, "1:[Naziv][Grad]"));
}

static void
test_cp1250 (void)
{
  g_autoptr(GBytes) bytes = load_data_file ("cp1250.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCsvReader) reader = NULL;
  g_autofree char *text = NULL;

  reader = kl_csv_reader_new (bytes, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_csv_reader_get_encoding (reader), ==, "WINDOWS-1250");
  g_assert_cmpuint (kl_csv_reader_get_separator (reader), ==, ';');

  text = dump (reader);
  g_assert_cmpstr (text, ==,
                   "1:[Naziv][Grad]\n"
                   "2:[Šime Đurić d.o.o.][Čakovec]\n");
}

static void
test_cp1251 (void)
{
  g_autoptr(GBytes) bytes = load_data_file ("cp1251.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCsvReader) reader = NULL;
  g_autofree char *text = NULL;

  reader = kl_csv_reader_new (bytes, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_csv_reader_get_encoding (reader), ==, "WINDOWS-1251");
  g_assert_cmpuint (kl_csv_reader_get_separator (reader), ==, ';');

  text = dump (reader);
  g_assert_cmpstr (text, ==,
                   "1:[Название][Город]\n"
                   "2:[ООО Ромашка][Москва]\n");
}

static void
test_utf16le (void)
{
  g_autoptr(GBytes) bytes = load_data_file ("utf16le.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCsvReader) reader = NULL;
  g_autofree char *text = NULL;

  reader = kl_csv_reader_new (bytes, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_csv_reader_get_encoding (reader), ==, "UTF-16LE");
  g_assert_cmpuint (kl_csv_reader_get_separator (reader), ==, '\t');

  text = dump (reader);
  g_assert_cmpstr (text, ==,
                   "1:[Naziv][Grad]\n"
                   "2:[Šime Đurić d.o.o.][Čakovec]\n"
                   "3:[ООО Ромашка][Москва]\n"
                   "4:[Zagreb; centar][a \"b\"]\n");
}

static void
test_utf16be (void)
{
  const char *utf8 = "Naziv\tGrad\r\nĐakovo d.d.\tĐakovo\r\n";
  g_autofree char *utf16 = NULL;
  g_autofree char *with_bom = NULL;
  g_autoptr(KlCsvReader) reader = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;

  utf16 = g_convert (utf8, -1, "UTF-16BE", "UTF-8", NULL, &len, NULL);
  g_assert_nonnull (utf16);
  with_bom = g_malloc (len + 2);
  memcpy (with_bom, "\xFE\xFF", 2);
  memcpy (with_bom + 2, utf16, len);

  reader = reader_for_bytes (with_bom, len + 2, NULL, 0);
  g_assert_cmpstr (kl_csv_reader_get_encoding (reader), ==, "UTF-16BE");
  g_assert_cmpuint (kl_csv_reader_get_separator (reader), ==, '\t');
  text = dump (reader);
  g_assert_cmpstr (text, ==, "1:[Naziv][Grad]\n2:[Đakovo d.d.][Đakovo]\n");

  /* Odd length: not UTF-16 */
  assert_new_fails (with_bom, len + 1, NULL, KL_CSV_ERROR_ENCODING);
}

static void
test_explicit_encoding (void)
{
  g_autoptr(GBytes) bytes = load_data_file ("cp1250.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCsvReader) reader = NULL;
  g_autofree char *text = NULL;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  /* Given wrongly as Windows-1251, it decodes, into the wrong letters. */
  reader = kl_csv_reader_new (bytes, "WINDOWS-1251", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_csv_reader_get_encoding (reader), ==, "WINDOWS-1251");
  text = dump (reader);
  g_assert_cmpstr (text, ==, "1:[Naziv][Grad]\n2:[Љime Рuriж d.o.o.][Иakovec]\n");

  /* Not valid UTF-8 */
  assert_new_fails (data, len, "UTF-8", KL_CSV_ERROR_ENCODING);

  /* Unknown encoding names */
  assert_new_fails (data, len, "NO-SUCH-ENCODING-42", KL_CSV_ERROR_ENCODING);
  assert_new_fails (data, len, "WINDOWS-1259", KL_CSV_ERROR_ENCODING);

  /* A byte Windows-1250 leaves undefined, on line 3 */
  {
    static const char undefined[] = "a;b\r\nc;d\re;\x98\r\n";
    g_autoptr(GBytes) bad = g_bytes_new_static (undefined, sizeof undefined - 1);
    g_autoptr(KlCsvReader) bad_reader = NULL;

    bad_reader = kl_csv_reader_new (bad, "windows-1250", 0, &error);
    g_assert_error (error, KL_CSV_ERROR, KL_CSV_ERROR_ENCODING);
    g_assert_null (bad_reader);
    g_assert_nonnull (strstr (error->message, "Line 3 "));
    g_clear_error (&error);
  }

  /* Other single-byte encodings go through the same table decoder. */
  {
    g_autofree char *koi8 = NULL;
    g_autoptr(KlCsvReader) koi8_reader = NULL;
    g_autofree char *koi8_text = NULL;
    gsize koi8_len = 0;

    koi8 = g_convert ("Имя;Город\nЁлка;Тверь\n", -1, "KOI8-R", "UTF-8", NULL, &koi8_len, NULL);
    g_assert_nonnull (koi8);
    koi8_reader = reader_for_bytes (koi8, koi8_len, "KOI8-R", 0);
    koi8_text = dump (koi8_reader);
    g_assert_cmpstr (koi8_text, ==, "1:[Имя][Город]\n2:[Ёлка][Тверь]\n");
  }
}

/* The byte heuristic on short and mixed texts, as Excel would save them. */
static void
test_heuristic (void)
{
  static const struct {
    const char *text;
    const char *encoding;
  } cases[] = {
    { "Šime Đurić d.o.o.;Čakovec", "WINDOWS-1250" },
    { "Kovačić i sinovi;Požega;Ulica Matije Gupca 5", "WINDOWS-1250" },
    { "Đ;Č;Ž", "WINDOWS-1250" },
    { "Müller GmbH;Wien\nĐurđevac;Šibenik", "WINDOWS-1250" },
    { "ŠĆŽ d.o.o.;Split", "WINDOWS-1250" },
    { "ООО Ромашка;Москва", "WINDOWS-1251" },
    { "ИП Иванов И. И.;Санкт-Петербург;info@example.ru", "WINDOWS-1251" },
    { "Name;City\nЁлка;Я", "WINDOWS-1251" },
    { "Я;Ю", "WINDOWS-1251" },
    { "ЗАО \"Жёлудь\";Вологда", "WINDOWS-1251" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *bytes = NULL;
      g_autoptr(KlCsvReader) reader = NULL;
      char **fields;
      gsize len = 0;

      bytes = g_convert (cases[i].text, -1, cases[i].encoding, "UTF-8", NULL, &len, NULL);
      g_assert_nonnull (bytes);

      reader = reader_for_bytes (bytes, len, NULL, 0);
      g_assert_cmpstr (kl_csv_reader_get_encoding (reader), ==, cases[i].encoding);
      g_assert_true (kl_csv_reader_next (reader, &fields, NULL, NULL, NULL));
      g_assert_true (g_str_has_prefix (cases[i].text, fields[0]));
    }
}

/* The reader's UTF-8 check agrees with GLib's on random and edge input. */
static void
test_utf8_validation (void)
{
  static const char *edges[] = {
    "\xC0\x80", "\xC1\xBF", "\xC2\x80", "\xDF\xBF", "\xE0\x9F\xBF", "\xE0\xA0\x80",
    "\xED\x9F\xBF", "\xED\xA0\x80", "\xEF\xBF\xBF", "\xF0\x8F\xBF\xBF",
    "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
    "\xFF", "\x80", "\xC3", "\xE2\x82", "\xF0\x9F\x98", "\xF0\x9F\x98\x80",
  };
  static const guint8 pieces[] = {
    'a', ';', '\n', 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xED, 0xEF,
    0xF0, 0xF4, 0xF5, 0xFF,
  };

  for (guint i = 0; i < G_N_ELEMENTS (edges) + 20000; i++)
    {
      g_autoptr(GString) text = g_string_new ("x;");
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(KlCsvReader) reader = NULL;
      g_autoptr(GError) error = NULL;
      gboolean valid;

      if (i < G_N_ELEMENTS (edges))
        g_string_append (text, edges[i]);
      else
        {
          guint n = g_test_rand_int_range (1, 24);

          for (guint j = 0; j < n; j++)
            g_string_append_c (text, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
        }
      g_string_append (text, "abcdefghij");

      valid = g_utf8_validate_len (text->str, text->len, NULL);
      bytes = g_bytes_new (text->str, text->len);
      reader = kl_csv_reader_new (bytes, "UTF-8", 0, &error);
      if (valid)
        g_assert_no_error (error);
      else
        g_assert_error (error, KL_CSV_ERROR, KL_CSV_ERROR_ENCODING);
    }
}

static void
test_bad_encoding (void)
{
  static const char nul[] = "a;b\nc\0d;e\n";
  static const char utf16_no_bom[] = "N\0a\0z\0i\0v\0;\0G\0r\0a\0d\0";
  /* 0x98 is undefined in both Windows-1250 and Windows-1251. */
  static const char undefined[] = "a;\x98\x98\n";
  static const char bad_bom[] = "\xEF\xBB\xBF" "a;\xE8" "b\n";
  static const char utf16_nul[] = "\xFF\xFE" "a\0\0\0b\0";

  assert_new_fails (nul, sizeof nul - 1, NULL, KL_CSV_ERROR_ENCODING);
  assert_new_fails (utf16_no_bom, sizeof utf16_no_bom - 1, NULL, KL_CSV_ERROR_ENCODING);
  assert_new_fails (undefined, sizeof undefined - 1, NULL, KL_CSV_ERROR_ENCODING);
  assert_new_fails (bad_bom, sizeof bad_bom - 1, NULL, KL_CSV_ERROR_ENCODING);
  assert_new_fails (utf16_nul, sizeof utf16_nul - 1, NULL, KL_CSV_ERROR_ENCODING);
}

static void
test_empty (void)
{
  assert_new_fails ("", 0, NULL, KL_CSV_ERROR_EMPTY);
  assert_new_fails ("\xEF\xBB\xBF", 3, NULL, KL_CSV_ERROR_EMPTY);
  assert_new_fails ("\xFF\xFE", 2, NULL, KL_CSV_ERROR_EMPTY);
  assert_new_fails ("\xFF\xFE\r\0\n\0", 6, NULL, KL_CSV_ERROR_EMPTY);
  assert_new_fails (" \r\n\t\n\n  ", 8, NULL, KL_CSV_ERROR_EMPTY);
  assert_new_fails ("sep=;\r\n", 7, NULL, KL_CSV_ERROR_EMPTY);
  assert_new_fails ("", 0, "WINDOWS-1250", KL_CSV_ERROR_EMPTY);
}

/* Separators */

static void
test_separator_each (void)
{
  static const struct {
    const char *text;
    gunichar separator;
  } cases[] = {
    { "a;b;c\n1;2;3\n", ';' },
    { "a,b,c\n1,2,3\n", ',' },
    { "a\tb\tc\n1\t2\t3\n", '\t' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KlCsvReader) reader = reader_for_string (cases[i].text, 0);
      g_autofree char *text = NULL;

      g_assert_cmpuint (kl_csv_reader_get_separator (reader), ==, cases[i].separator);
      text = dump (reader);
      g_assert_cmpstr (text, ==, "1:[a][b][c]\n2:[1][2][3]\n");
    }
}

static void
test_separator_detect (void)
{
  static const struct {
    const char *text;
    gunichar separator;
  } cases[] = {
    /* Commas inside a ';' file, in every row */
    { "Naziv;Adresa;Grad\nA d.o.o.;Ilica 1, 2. kat;Zagreb\nB, C i D;Vukovarska 3, Split;Split\n", ';' },
    /* Semicolons only inside quotes */
    { "name,note,city\n\"a;b;c;d\",x,y\n\"e;f;g\",\"h;i\",z\n", ',' },
    /* Quoted header with separators and a line break inside */
    { "\"Naziv, puni\";\"Grad\nmjesto\"\nA;B\n", ';' },
    /* A comma file where one free-text cell holds a semicolon */
    { "a,b,c,d\n1,2,3,4\n5,6;7,8,9\n10,11,12,13\n", ',' },
    /* Tie goes to ';' */
    { "a;b,c\n", ';' },
    /* No separator at all: one column */
    { "Naziv\nA\nB\n", ';' },
    /* Tabs beat commas in text */
    { "Naziv\tGrad\nA, B\tZagreb, HR\nC\tSplit\n", '\t' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KlCsvReader) reader = reader_for_string (cases[i].text, 0);

      g_test_message ("case %u", i);
      g_assert_cmpuint (kl_csv_reader_get_separator (reader), ==, cases[i].separator);
    }
}

static void
test_separator_explicit (void)
{
  g_autofree char *text = NULL;
  g_autoptr(KlCsvReader) reader = NULL;

  text = dump_string ("a;b,c\n", ',');
  g_assert_cmpstr (text, ==, "1:[a;b][c]\n");
  g_clear_pointer (&text, g_free);

  text = dump_string ("a|b|c\n", '|');
  g_assert_cmpstr (text, ==, "1:[a][b][c]\n");
  g_clear_pointer (&text, g_free);

  /* Excel's "sep=" line names the separator and is not a record. */
  reader = reader_for_string ("sep=,\r\na;b,c\r\nd;e,f\r\n", 0);
  g_assert_cmpuint (kl_csv_reader_get_separator (reader), ==, ',');
  text = dump (reader);
  g_assert_cmpstr (text, ==, "2:[a;b][c]\n3:[d;e][f]\n");
}

/* Records */

static void
test_quoted_separator (void)
{
  g_autofree char *text = NULL;

  text = dump_string ("\"a;b\";\"c\";d\n\"\";\";\";\"\"\n", ';');
  g_assert_cmpstr (text, ==, "1:[a;b][c][d]\n2:[][;][]\n");
  g_clear_pointer (&text, g_free);

  text = dump_string ("\"Zagreb, Ilica 1\",HR\n", 0);
  g_assert_cmpstr (text, ==, "1:[Zagreb, Ilica 1][HR]\n");
  g_clear_pointer (&text, g_free);

  text = dump_string ("\"a\tb\"\tc\n", '\t');
  g_assert_cmpstr (text, ==, "1:[a\tb][c]\n");
}

static void
test_quoted_newline (void)
{
  g_autofree char *text = NULL;

  /* Line numbers are physical lines: the record after a two-line field
   * starts on line 4, and the one after a blank line on line 6. */
  text = dump_string ("Naziv;Napomena\n"
                      "A;\"prvi red\ndrugi red\"\n"
                      "B;x\n"
                      "\n"
                      "C;\"\r\n\r\n\"\r\n"
                      "D;\"a\rb\"\r"
                      "E;y\n",
                      ';');
  g_assert_cmpstr (text, ==,
                   "1:[Naziv][Napomena]\n"
                   "2:[A][prvi red\ndrugi red]\n"
                   "4:[B][x]\n"
                   "6:[C][\r\n\r\n]\n"
                   "9:[D][a\rb]\n"
                   "11:[E][y]\n");
}

static void
test_doubled_quotes (void)
{
  g_autofree char *text = NULL;

  text = dump_string ("\"Robert \"\"Bobby\"\" Tables\";\"\"\"\";\"\"\"\"\"\"\"\"\"\"\n", ';');
  g_assert_cmpstr (text, ==, "1:[Robert \"Bobby\" Tables][\"][\"\"\"\"]\n");
}

static void
test_literal_quotes (void)
{
  g_autofree char *text = NULL;

  /* A quote in the middle of an unquoted field is text, and so is what
   * follows a closing quote (as Excel reads it). */
  text = dump_string ("5\" disketa;O'Brien \"Ltd\";x\"y\"\n"
                      "\"abc\"def;\"a\"\"b\"c\"d\n"
                      " \"lead\";\"x\" \n",
                      ';');
  g_assert_cmpstr (text, ==,
                   "1:[5\" disketa][O'Brien \"Ltd\"][x\"y\"]\n"
                   "2:[abcdef][a\"bc\"d]\n"
                   "3:[ \"lead\"][x ]\n");
}

static void
test_line_endings (void)
{
  static const char *texts[] = {
    "a;b\nc;d\n",
    "a;b\r\nc;d\r\n",
    "a;b\rc;d\r",
    "a;b\nc;d",
    "a;b\r\nc;d",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *text = dump_string (texts[i], ';');

      g_assert_cmpstr (text, ==, "1:[a][b]\n2:[c][d]\n");
    }

  /* Mixed endings, blank lines and trailing empty lines */
  {
    g_autofree char *text = dump_string ("\r\n\na;b\r\n\r\nc;d\r\re;f\n\n\r\n", ';');

    g_assert_cmpstr (text, ==, "3:[a][b]\n5:[c][d]\n7:[e][f]\n");
  }
}

static void
test_empty_fields (void)
{
  g_autofree char *text = NULL;

  text = dump_string ("a;b;\n;;\n;\nx\n;x;", ';');
  g_assert_cmpstr (text, ==,
                   "1:[a][b][]\n"
                   "2:[][][]\n"
                   "3:[][]\n"
                   "4:[x]\n"
                   "5:[][x][]\n");
}

static void
test_whitespace_kept (void)
{
  g_autofree char *text = NULL;

  text = dump_string ("  Naziv ; Grad\t\n\"  a  \";\t b \n   \n", ';');
  g_assert_cmpstr (text, ==,
                   "1:[  Naziv ][ Grad\t]\n"
                   "2:[  a  ][\t b ]\n"
                   "3:[   ]\n");
}

static void
test_unterminated (void)
{
  g_autoptr(KlCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  char **fields;
  guint line;

  reader = reader_for_string ("a;b\n\"multi\nline\";c\nd;\"never\nclosed;e\nf;g\n", ';');

  g_assert_true (kl_csv_reader_next (reader, &fields, NULL, &line, &error));
  g_assert_true (kl_csv_reader_next (reader, &fields, NULL, &line, &error));
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpstr (fields[0], ==, "multi\nline");

  g_assert_false (kl_csv_reader_next (reader, &fields, NULL, &line, &error));
  g_assert_error (error, KL_CSV_ERROR, KL_CSV_ERROR_MALFORMED);
  g_assert_cmpstr (error->message, ==, "Line 4: a quoted field is never closed.");
  g_clear_error (&error);

  /* Then the reader is at the end. */
  g_assert_false (kl_csv_reader_next (reader, &fields, NULL, &line, &error));
  g_assert_no_error (error);

  /* A lone quote at the very end */
  g_clear_pointer (&reader, kl_csv_reader_free);
  reader = reader_for_string ("a;b\nc;\"", ';');
  g_assert_true (kl_csv_reader_next (reader, NULL, NULL, NULL, &error));
  g_assert_false (kl_csv_reader_next (reader, NULL, NULL, NULL, &error));
  g_assert_error (error, KL_CSV_ERROR, KL_CSV_ERROR_MALFORMED);
  g_assert_cmpstr (error->message, ==, "Line 2: a quoted field is never closed.");
}

static void
test_roundtrip (void)
{
  static const char *record[] = {
    "Ivana 👩‍💼 Horvat 🇭🇷",
    "'); DROP TABLE clients;--",
    "Robert \"); DELETE FROM clients WHERE 1=1; --",
    "=HYPERLINK(\"http://example.com\")",
    "line one\r\nline two\nline three",
    "tab\there, comma, semicolon;",
    "ŠĐČĆŽ šđčćž ЁЖЩЪЯ ёжщъя € ‰ «»",
    "",
    " ",
    "\\N NULL %s %n",
  };
  static const char separators[] = { ';', ',', '\t' };

  for (guint s = 0; s < G_N_ELEMENTS (separators); s++)
    {
      g_autoptr(GString) csv = g_string_new ("\xEF\xBB\xBF");
      g_autoptr(KlCsvReader) reader = NULL;
      g_autoptr(GError) error = NULL;
      char **fields;
      guint n_fields;
      guint line;

      for (guint row = 0; row < 3; row++)
        {
          for (guint i = 0; i < G_N_ELEMENTS (record); i++)
            {
              if (i > 0)
                g_string_append_c (csv, separators[s]);
              append_field (csv, record[i], separators[s]);
            }
          g_string_append (csv, "\r\n");
        }

      reader = reader_for_bytes (csv->str, csv->len, NULL, 0);
      g_assert_cmpuint (kl_csv_reader_get_separator (reader), ==, separators[s]);

      for (guint row = 0; row < 3; row++)
        {
          g_assert_true (kl_csv_reader_next (reader, &fields, &n_fields, &line, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (n_fields, ==, G_N_ELEMENTS (record));
          g_assert_cmpuint (line, ==, 1 + row * 3);
          for (guint i = 0; i < n_fields; i++)
            {
              g_assert_cmpuint (strlen (fields[i]), ==, strlen (record[i]));
              g_assert_cmpmem (fields[i], strlen (fields[i]), record[i], strlen (record[i]));
            }
        }
      g_assert_false (kl_csv_reader_next (reader, &fields, &n_fields, &line, &error));
      g_assert_no_error (error);
    }
}

static void
test_long_field (void)
{
  g_autoptr(GString) csv = g_string_new ("id;text;quoted\n1;");
  g_autofree char *plain = NULL;
  g_autoptr(GString) quoted = g_string_new (NULL);
  g_autoptr(KlCsvReader) reader = NULL;
  char **fields;
  guint n_fields;
  guint line;

  plain = g_malloc (10001);
  for (guint i = 0; i < 10000; i++)
    plain[i] = 'a' + i % 26;
  plain[10000] = '\0';

  for (guint i = 0; i < 2000; i++)
    g_string_append (quoted, i % 100 == 99 ? "ž\"\n;" : "čćž;");
  g_assert_cmpuint (g_utf8_strlen (quoted->str, -1), ==, 8000);

  g_string_append (csv, plain);
  g_string_append_c (csv, ';');
  append_field (csv, quoted->str, ';');
  g_string_append (csv, "\n2;x;y\n");

  reader = reader_for_string (csv->str, 0);
  g_assert_true (kl_csv_reader_next (reader, &fields, &n_fields, &line, NULL));
  g_assert_true (kl_csv_reader_next (reader, &fields, &n_fields, &line, NULL));
  g_assert_cmpuint (n_fields, ==, 3);
  g_assert_cmpstr (fields[1], ==, plain);
  g_assert_cmpstr (fields[2], ==, quoted->str);
  g_assert_true (kl_csv_reader_next (reader, &fields, &n_fields, &line, NULL));
  g_assert_cmpuint (line, ==, 2 + 20 + 1);
  g_assert_cmpstr (fields[0], ==, "2");
}

static void
test_rewind (void)
{
  g_autoptr(KlCsvReader) reader = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  char **fields;

  reader = reader_for_string ("sep=;\na;b\n\"c\nd\";e\n", 0);
  g_assert_cmpfloat (kl_csv_reader_get_fraction (reader), ==, 0.0);
  first = dump (reader);
  g_assert_cmpfloat (kl_csv_reader_get_fraction (reader), ==, 1.0);
  kl_csv_reader_rewind (reader);
  second = dump (reader);
  g_assert_cmpstr (first, ==, "2:[a][b]\n3:[c\nd][e]\n");
  g_assert_cmpstr (first, ==, second);

  /* Rewind in the middle */
  kl_csv_reader_rewind (reader);
  g_assert_true (kl_csv_reader_next (reader, &fields, NULL, NULL, NULL));
  kl_csv_reader_rewind (reader);
  g_assert_true (kl_csv_reader_next (reader, &fields, NULL, NULL, NULL));
  g_assert_cmpstr (fields[0], ==, "a");
}

/* Run with -m perf: a 100 000-line file of 12 columns, about 15 MB. */
static void
test_perf (void)
{
  g_autoptr(GString) csv = g_string_new ("\xEF\xBB\xBF");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) bytes_1250 = NULL;
  g_autoptr(KlCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cp1250 = NULL;
  guint64 n_records = 0;
  gsize len_1250 = 0;
  char **fields;
  guint n_fields;
  double elapsed;

  if (!g_test_perf ())
    {
      g_test_skip ("Run with -m perf");
      return;
    }

  g_string_append (csv, "Naziv;OIB;Adresa;Grad;Poštanski broj;Država;Telefon;E-pošta;"
                        "Kontakt;Status;Iznos;Napomena\r\n");
  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (csv,
                            "Tvrtka %u Đurić d.o.o.;%011u;Zvonimirova %u;"
                            "Čakovec;%05u;Hrvatska;+385 1 %07u;info%u@tvrtka.hr;"
                            "Ivana Kovačić;aktivan;%u,%02u;"
                            "\"Napomena; \"\"citat\"\"\"\r\n",
                            i, i * 7919u, i % 200, 40000 + i % 1000, i, i, i * 3, i % 100);
  g_test_message ("generated %" G_GSIZE_FORMAT " bytes", csv->len);

  g_test_timer_start ();
  bytes = g_bytes_new_static (csv->str, csv->len);
  reader = kl_csv_reader_new (bytes, NULL, 0, &error);
  g_assert_no_error (error);
  while (kl_csv_reader_next (reader, &fields, &n_fields, NULL, &error))
    {
      g_assert_cmpuint (n_fields, ==, 12);
      n_records++;
    }
  g_assert_no_error (error);
  elapsed = g_test_timer_elapsed ();
  g_assert_cmpuint (n_records, ==, 100001);
  g_test_minimized_result (elapsed, "UTF-8: %u records, %.1f MB in %.3f s",
                           (guint) n_records, csv->len / 1e6, elapsed);
  g_test_message ("UTF-8: %u records, %.1f MB in %.3f s",
                  (guint) n_records, csv->len / 1e6, elapsed);

  /* The same as Windows-1250: detection and conversion included */
  cp1250 = g_convert (csv->str + 3, csv->len - 3, "WINDOWS-1250", "UTF-8", NULL, &len_1250, NULL);
  g_assert_nonnull (cp1250);
  bytes_1250 = g_bytes_new_static (cp1250, len_1250);
  g_clear_pointer (&reader, kl_csv_reader_free);
  n_records = 0;

  g_test_timer_start ();
  reader = kl_csv_reader_new (bytes_1250, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_csv_reader_get_encoding (reader), ==, "WINDOWS-1250");
  while (kl_csv_reader_next (reader, &fields, &n_fields, NULL, &error))
    n_records++;
  g_assert_no_error (error);
  elapsed = g_test_timer_elapsed ();
  g_assert_cmpuint (n_records, ==, 100001);
  g_test_minimized_result (elapsed, "Windows-1250: %.1f MB in %.3f s", len_1250 / 1e6, elapsed);
  g_test_message ("Windows-1250: %.1f MB in %.3f s", len_1250 / 1e6, elapsed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv/encoding/utf8", test_utf8);
  g_test_add_func ("/csv/encoding/utf8-bom", test_utf8_bom);
  g_test_add_func ("/csv/encoding/cp1250", test_cp1250);
  g_test_add_func ("/csv/encoding/cp1251", test_cp1251);
  g_test_add_func ("/csv/encoding/utf16le", test_utf16le);
  g_test_add_func ("/csv/encoding/utf16be", test_utf16be);
  g_test_add_func ("/csv/encoding/explicit", test_explicit_encoding);
  g_test_add_func ("/csv/encoding/heuristic", test_heuristic);
  g_test_add_func ("/csv/encoding/utf8-validation", test_utf8_validation);
  g_test_add_func ("/csv/encoding/bad", test_bad_encoding);
  g_test_add_func ("/csv/empty", test_empty);
  g_test_add_func ("/csv/separator/each", test_separator_each);
  g_test_add_func ("/csv/separator/detect", test_separator_detect);
  g_test_add_func ("/csv/separator/explicit", test_separator_explicit);
  g_test_add_func ("/csv/record/quoted-separator", test_quoted_separator);
  g_test_add_func ("/csv/record/quoted-newline", test_quoted_newline);
  g_test_add_func ("/csv/record/doubled-quotes", test_doubled_quotes);
  g_test_add_func ("/csv/record/literal-quotes", test_literal_quotes);
  g_test_add_func ("/csv/record/line-endings", test_line_endings);
  g_test_add_func ("/csv/record/empty-fields", test_empty_fields);
  g_test_add_func ("/csv/record/whitespace", test_whitespace_kept);
  g_test_add_func ("/csv/record/unterminated", test_unterminated);
  g_test_add_func ("/csv/record/roundtrip", test_roundtrip);
  g_test_add_func ("/csv/record/long-field", test_long_field);
  g_test_add_func ("/csv/rewind", test_rewind);
  g_test_add_func ("/csv/perf/100k", test_perf);

  return g_test_run ();
}
