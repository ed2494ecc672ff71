/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-text.h"

#include <string.h>

static void
assert_fold (const char *text,
             const char *expected)
{
  g_autofree char *folded = kl_text_fold (text);

  g_assert_cmpstr (folded, ==, expected);
  g_assert_true (g_utf8_validate (folded, -1, NULL));
}

static void
test_fold_latin (void)
{
  assert_fold ("Šime", "sime");
  assert_fold ("Čačak", "cacak");
  assert_fold ("cacak", "cacak");
  assert_fold ("ŽELJKO ĆOSIĆ", "zeljko cosic");
  assert_fold ("Ana-Marija Horvat", "ana-marija horvat");
  assert_fold ("Müller Straße", "muller strasse");
  assert_fold ("ẞ", "ss");
  assert_fold ("Ærø", "aero");
  assert_fold ("Œuvre", "oeuvre");
  assert_fold ("Łódź", "lodz");
  assert_fold ("São Tomé", "sao tome");
  /* Precomposed and decomposed input give the same key */
  assert_fold ("C\xcc\x8c" "ac\xcc\x8c" "ak", "cacak");
}

static void
test_fold_dj (void)
{
  g_autofree char *a = kl_text_fold ("Đuro");
  g_autofree char *b = kl_text_fold ("DJURO");
  g_autofree char *c = kl_text_fold ("duro");
  g_autofree char *d = kl_text_fold ("Djuro");
  g_autofree char *e = kl_text_fold ("đuro");

  g_assert_cmpstr (a, ==, "duro");
  g_assert_cmpstr (b, ==, "duro");
  g_assert_cmpstr (c, ==, "duro");
  g_assert_cmpstr (d, ==, "duro");
  g_assert_cmpstr (e, ==, "duro");

  assert_fold ("Đakovo", "dakovo");
  assert_fold ("Novak Đoković", "novak dokovic");
  assert_fold ("Novak Djoković", "novak dokovic");
  assert_fold ("Međimurje", "medimurje");
  assert_fold ("Medjimurje", "medimurje");
  /* Not across a word break */
  assert_fold ("Grad Jastrebarsko", "grad jastrebarsko");
}

static void
test_fold_cyrillic (void)
{
  g_autofree char *a = kl_text_fold ("Ёлка");
  g_autofree char *b = kl_text_fold ("елка");
  g_autofree char *c = kl_text_fold ("ЁЛКА");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (c, ==, b);
  g_assert_cmpstr (a, ==, "елка");

  assert_fold ("Королёв", "королев");
  assert_fold ("ОАО «Газпром»", "оао «газпром»");
}

static void
test_fold_short_i (void)
{
  g_autofree char *folded = kl_text_fold ("Йошкар-Ола");
  g_autofree char *decomposed = kl_text_fold ("\xd0\x98\xcc\x86" "ошкар-Ола"); /* И + U+0306 */

  /* й stays й, as one code point (NFC) */
  g_assert_cmpstr (folded, ==, "йошкар-ола");
  g_assert_cmpuint (g_utf8_get_char (folded), ==, 0x0439);
  g_assert_cmpstr (decomposed, ==, "йошкар-ола");

  assert_fold ("Андрей Толстой", "андрей толстой");
  assert_fold ("ЙЙ", "йй");
  /* Only и keeps its breve */
  assert_fold ("Ăla", "ala");
  assert_fold ("Ўзбек", "узбек");
}

static void
test_fold_whitespace (void)
{
  assert_fold ("  Ana \t\n Horvat  ", "ana horvat");
  /* U+00A0, U+202F and U+3000 are spaces too */
  assert_fold ("\xc2\xa0" "Ivan\xe2\x80\xaf\xe3\x80\x80Petrov\xc2\xa0", "ivan petrov");
  assert_fold ("   ", "");
  assert_fold ("", "");
  assert_fold ("d j", "d j");
}

static void
test_fold_symbols (void)
{
  /* Emoji and quotes survive, only case-folded */
  assert_fold ("\"Šime\" d.o.o. 😀", "\"sime\" d.o.o. 😀");
  assert_fold ("O'Brien & Sons 👍🏽", "o'brien & sons 👍🏽");
  assert_fold ("Firma „Kuća“ 100%", "firma „kuca“ 100%");
  assert_fold ("日本語", "日本語");
  assert_fold ("한국어", "한국어");
  assert_fold ("Ωmega", "ωmega");
}

static void
test_fold_null (void)
{
  g_autofree char *folded = kl_text_fold (NULL);

  g_assert_nonnull (folded);
  g_assert_cmpstr (folded, ==, "");
}

static void
test_fold_invalid_utf8 (void)
{
  g_autofree char *folded = kl_text_fold ("Ab\xff" "Č");

  g_assert_true (g_utf8_validate (folded, -1, NULL));
  g_assert_cmpstr (folded, ==, "ab\xef\xbf\xbd" "c");
}

static void
test_fold_idempotent (void)
{
  const char *samples[] = {
    "Šime", "Đuro", "DJURO", "djjuro", "Ёлка", "Йошкар-Ола", "ŽELJKO  ĆOSIĆ ",
    "Müller Straße", "Ærø", "Łódź", "\"x\" 😀", "한국어", "ᾳ", "İstanbul",
    "\xd0\x98\xcc\x86\xcc\xa3", "ﬁnance", "Ǆemal", "Dž", "e\xcc\x81\xcc\x81",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *once = kl_text_fold (samples[i]);
      g_autofree char *twice = kl_text_fold (once);

      g_assert_cmpstr (once, ==, twice);
      g_assert_true (g_utf8_validate (once, -1, NULL));
    }
}

/* Text made of Latin, Greek, Cyrillic and General Punctuation is folded
 * character by character with a table; anything else (here the snowman)
 * sends the whole string down the normalize-and-casefold path. Both must
 * give the same key. */
static void
test_fold_fast_path_matches_slow_path (void)
{
  static const gunichar ranges[][2] = {
    { 0x0001, 0x052F },
    { 0x2000, 0x206F },
  };
  guint r;
  guint n_checked = 0;

  for (r = 0; r < G_N_ELEMENTS (ranges); r++)
    {
      gunichar c;

      for (c = ranges[r][0]; c <= ranges[r][1]; c++)
        {
          g_autofree char *text = NULL;
          g_autofree char *fast = NULL;
          g_autofree char *slow_text = NULL;
          g_autofree char *slow = NULL;
          g_autofree char *expected = NULL;
          char utf8[8] = { 0 };

          g_unichar_to_utf8 (c, utf8);
          text = g_strconcat ("x\xd0\xb8", utf8, "d", utf8, "j", utf8, "\xd0\x98", NULL);
          slow_text = g_strconcat (text, "\xe2\x98\x83", NULL);

          fast = kl_text_fold (text);
          slow = kl_text_fold (slow_text);
          expected = g_strconcat (fast, "\xe2\x98\x83", NULL);

          if (g_strcmp0 (slow, expected) != 0)
            g_error ("U+%04X: fast \"%s\", slow \"%s\"", c, fast, slow);
          n_checked++;
        }
    }

  g_assert_cmpuint (n_checked, >, 1000);
}

static void
assert_query (const char *text,
              const char *expected)
{
  g_autofree char *query = kl_text_fold_words_prefix_query (text);

  g_assert_cmpstr (query, ==, expected);
}

static void
test_prefix_query (void)
{
  assert_query ("Šime d.o.o", "\"sime\"* \"d\"* \"o\"* \"o\"*");
  assert_query ("  Đuro   Horvat ", "\"duro\"* \"horvat\"*");
  assert_query ("Йошкар-Ола", "\"йошкар\"* \"ола\"*");
  assert_query ("ООО «Ромашка»", "\"ооо\"* \"ромашка\"*");
  assert_query ("ab12", "\"ab12\"*");
  /* FTS5 syntax in user text is only text */
  assert_query ("a OR b NOT c*", "\"a\"* \"or\"* \"b\"* \"not\"* \"c\"*");
  assert_query ("x AND (y) ^z -w :v {u}", "\"x\"* \"and\"* \"y\"* \"z\"* \"w\"* \"v\"* \"u\"*");

  assert_query (NULL, NULL);
  assert_query ("", NULL);
  assert_query ("   ", NULL);
  assert_query ("... -- !!", NULL);
  assert_query ("😀", NULL);
}

static void
test_prefix_query_quotes (void)
{
  /* Quotes never reach the query unescaped: they separate tokens */
  assert_query ("\"", NULL);
  assert_query ("\"\"\"", NULL);
  assert_query ("O'Brien", "\"o\"* \"brien\"*");
  assert_query ("\"Kuća\" d.d.", "\"kuca\"* \"d\"* \"d\"*");
  assert_query ("a\"b", "\"a\"* \"b\"*");
  assert_query ("\"a\" OR \"", "\"a\"* \"or\"*");
}

static void
test_is_blank (void)
{
  g_assert_true (kl_text_is_blank (NULL));
  g_assert_true (kl_text_is_blank (""));
  g_assert_true (kl_text_is_blank (" \t\r\n"));
  g_assert_true (kl_text_is_blank ("\xc2\xa0\xe2\x80\xaf\xe3\x80\x80"));
  g_assert_false (kl_text_is_blank ("a"));
  g_assert_false (kl_text_is_blank ("  Š "));
  g_assert_false (kl_text_is_blank ("\xff"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/fold/latin", test_fold_latin);
  g_test_add_func ("/text/fold/dj", test_fold_dj);
  g_test_add_func ("/text/fold/cyrillic", test_fold_cyrillic);
  g_test_add_func ("/text/fold/short-i", test_fold_short_i);
  g_test_add_func ("/text/fold/whitespace", test_fold_whitespace);
  g_test_add_func ("/text/fold/symbols", test_fold_symbols);
  g_test_add_func ("/text/fold/null", test_fold_null);
  g_test_add_func ("/text/fold/invalid-utf8", test_fold_invalid_utf8);
  g_test_add_func ("/text/fold/idempotent", test_fold_idempotent);
  g_test_add_func ("/text/fold/fast-path-matches-slow-path", test_fold_fast_path_matches_slow_path);
  g_test_add_func ("/text/prefix-query/words", test_prefix_query);
  g_test_add_func ("/text/prefix-query/quotes", test_prefix_query_quotes);
  g_test_add_func ("/text/is-blank", test_is_blank);

  return g_test_run ();
}
