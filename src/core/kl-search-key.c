/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include "kl-search-key.h"

#include <string.h>

#include "kl-text.h"

/* A stored field is a phone number when it holds only digits and the
 * punctuation of phone numbers, with at least this many digits. */
#define PHONE_MIN_DIGITS 5

typedef struct {
  const char *code;   /* country calling code */
  const char *trunk;  /* what replaces it when dialled at home */
} CallingCode;

/* Longest codes first, so "385" wins over a shorter prefix. */
static const CallingCode calling_codes[] = {
  { "385", "0" }, { "386", "0" }, { "387", "0" }, { "381", "0" }, { "382", "0" },
  { "383", "0" }, { "389", "0" }, { "375", "8" }, { "380", "0" }, { "420", "" },
  { "421", "0" }, { "359", "0" }, { "370", "8" }, { "371", "" }, { "372", "" },
  { "373", "0" }, { "374", "0" }, { "994", "0" }, { "995", "0" }, { "996", "0" },
  { "998", "8" }, { "992", "8" }, { "993", "8" },
  { "49", "0" }, { "43", "0" }, { "39", "" }, { "36", "06" }, { "48", "" },
  { "44", "0" }, { "33", "0" }, { "34", "" }, { "41", "0" }, { "31", "0" },
  { "32", "0" }, { "30", "" }, { "40", "0" }, { "90", "0" },
  { "7", "8" }, { "1", "1" },
};

static gboolean
is_phone_char (char c)
{
  return g_ascii_isdigit (c) || c == ' ' || c == '\t' || c == '+' || c == '-' ||
         c == '/' || c == '(' || c == ')' || c == '.';
}

/* The digits of @text when it looks like a phone number, else NULL. */
static char *
phone_digits (const char *text,
              guint       min_digits)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!is_phone_char (*p))
        return NULL;
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
    }

  if (digits->len < min_digits)
    return NULL;

  return g_string_free (g_steal_pointer (&digits), FALSE);
}

/* Words joined by single spaces, each written once. */
typedef struct {
  GString *text;
  GArray  *words;   /* Word: where each is in text */
} WordList;

typedef struct {
  guint start;
  guint length;
} Word;

static void
word_list_init (WordList *list)
{
  list->text = g_string_sized_new (128);
  list->words = g_array_sized_new (FALSE, FALSE, sizeof (Word), 32);
}

static void
word_list_clear (WordList *list)
{
  if (list->text != NULL)
    g_string_free (list->text, TRUE);
  g_clear_pointer (&list->words, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WordList, word_list_clear)

static void
add_word (WordList   *list,
          const char *word,
          gsize       length)
{
  Word added = { 0, length };

  if (length == 0)
    return;

  for (guint i = 0; i < list->words->len; i++)
    {
      const Word *w = &g_array_index (list->words, Word, i);

      if (w->length == length && memcmp (list->text->str + w->start, word, length) == 0)
        return;
    }

  if (list->text->len > 0)
    g_string_append_c (list->text, ' ');
  added.start = list->text->len;
  g_string_append_len (list->text, word, length);
  g_array_append_val (list->words, added);
}

static void
add_token (WordList   *list,
           const char *token)
{
  add_word (list, token, strlen (token));
}

/* The ways the number @digits of @field is written: all digits; without the country code, with
 * and without the trunk prefix; a national number without its trunk 0 (or
 * a Russian 8 as +7). */
static void
add_phone_forms (WordList   *tokens,
                 const char *field,
                 const char *digits)
{
  gboolean international = strchr (field, '+') != NULL;
  const char *rest = NULL;

  /* A field of digits alone is already one word of the key. */
  if (strlen (field) != strlen (digits))
    add_token (tokens, digits);

  if (international)
    rest = digits;
  else if (g_str_has_prefix (digits, "00"))
    rest = digits + 2;

  if (rest != NULL)
    {
      add_token (tokens, rest);
      for (guint i = 0; i < G_N_ELEMENTS (calling_codes); i++)
        if (g_str_has_prefix (rest, calling_codes[i].code))
          {
            const char *national = rest + strlen (calling_codes[i].code);
            g_autofree char *with_trunk = g_strconcat (calling_codes[i].trunk, national, NULL);

            add_token (tokens, with_trunk);
            add_token (tokens, national);
            break;
          }
    }
  else if (digits[0] == '0')
    add_token (tokens, digits + 1);
  else if (digits[0] == '8' && strlen (digits) == 11)
    {
      g_autofree char *plus7 = g_strconcat ("7", digits + 1, NULL);

      add_token (tokens, plus7);
      add_token (tokens, digits + 1);
    }
}

/* Adds the words of the folded @text to @words, each once. */
static void
add_words (WordList   *words,
           const char *text)
{
  g_autofree char *folded = kl_text_fold (text);
  const char *p = folded;

  while (*p != '\0')
    {
      const char *start;

      /* Folded text is mostly ASCII: test those bytes without decoding. */
      /* A mark starts no word (FTS5 keeps it only after a letter). */
      while (*p != '\0' && ((guchar) *p < 0x80 ? !g_ascii_isalnum (*p)
                                                : !kl_text_starts_token (g_utf8_get_char (p))))
        p = g_utf8_next_char (p);

      start = p;
      while (*p != '\0' && ((guchar) *p < 0x80 ? g_ascii_isalnum (*p)
                                                : kl_text_is_token_char (g_utf8_get_char (p))))
        p = g_utf8_next_char (p);

      add_word (words, start, p - start);
    }
}

char *
kl_search_key (const char * const *fields,
               guint               n_fields)
{
  g_auto(WordList) words = { 0 };
  g_auto(WordList) phone_forms = { 0 };

  g_return_val_if_fail (fields != NULL || n_fields == 0, NULL);

  word_list_init (&words);
  word_list_init (&phone_forms);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *digits = NULL;

      if (fields[i] == NULL)
        continue;

      add_words (&words, fields[i]);
      digits = phone_digits (fields[i], PHONE_MIN_DIGITS);
      if (digits != NULL)
        add_phone_forms (&phone_forms, fields[i], digits);
    }

  /* The phone forms after the words; a form that is also a word, once. */
  for (guint i = 0; i < phone_forms.words->len; i++)
    {
      const Word *w = &g_array_index (phone_forms.words, Word, i);

      add_word (&words, phone_forms.text->str + w->start, w->length);
    }

  return g_string_free (g_steal_pointer (&words.text), FALSE);
}

void
kl_search_query_free (KlSearchQuery *query)
{
  if (query == NULL)
    return;

  g_free (query->match);
  g_strfreev (query->words);
  g_strfreev (query->numbers);
  g_free (query);
}

static GStrv
word_list_to_strv (WordList *list)
{
  GStrv strv = g_new0 (char *, list->words->len + 1);

  for (guint i = 0; i < list->words->len; i++)
    {
      const Word *w = &g_array_index (list->words, Word, i);

      strv[i] = g_strndup (list->text->str + w->start, w->length);
    }

  return strv;
}

KlSearchQuery *
kl_search_query_new (const char *user_text)
{
  g_auto(WordList) words = { 0 };
  g_auto(WordList) numbers = { 0 };
  g_autofree char *stripped = NULL;
  g_autofree char *digits = NULL;
  KlSearchQuery *query;
  GString *match;

  word_list_init (&words);
  word_list_init (&numbers);
  if (user_text != NULL)
    add_words (&words, user_text);
  if (words.words->len == 0)
    return NULL;

  /* A number as typed: also match its digits, whatever the grouping. The
   * stored forms cover +385…, 00385… and 0… (see add_phone_forms()). */
  stripped = g_strstrip (g_strdup (user_text));
  digits = phone_digits (stripped, 2);
  if (digits != NULL && words.words->len > 1)
    add_token (&numbers, digits);
  if (digits != NULL && g_str_has_prefix (digits, "00"))
    add_token (&numbers, digits + 2);

  query = g_new0 (KlSearchQuery, 1);
  query->words = word_list_to_strv (&words);
  query->numbers = word_list_to_strv (&numbers);

  /* Tokens hold letters and digits only: nothing to quote. */
  match = g_string_new (NULL);
  if (query->numbers[0] != NULL)
    g_string_append_c (match, '(');
  for (guint i = 0; query->words[i] != NULL; i++)
    g_string_append_printf (match, "%s\"%s\"*", i > 0 ? " " : "", query->words[i]);
  if (query->numbers[0] != NULL)
    g_string_append_c (match, ')');
  for (guint i = 0; query->numbers[i] != NULL; i++)
    g_string_append_printf (match, " OR \"%s\"*", query->numbers[i]);
  query->match = g_string_free (match, FALSE);

  return query;
}
