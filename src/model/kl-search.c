/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-search.h"

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

static void
add_token (GPtrArray  *tokens,
           const char *token)
{
  if (token[0] == '\0')
    return;

  for (guint i = 0; i < tokens->len; i++)
    if (strcmp (g_ptr_array_index (tokens, i), token) == 0)
      return;

  g_ptr_array_add (tokens, g_strdup (token));
}

/* The ways the number @digits of @field is written: all digits; without the country code, with
 * and without the trunk prefix; a national number without its trunk 0 (or
 * a Russian 8 as +7). */
static void
add_phone_forms (GPtrArray  *tokens,
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

/* Appends the words of the folded @text to @words, each once. */
static void
add_words (GPtrArray  *words,
           const char *text)
{
  g_autofree char *folded = kl_text_fold (text);
  const char *p = folded;

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !kl_text_is_token_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      start = p;
      while (*p != '\0' && kl_text_is_token_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      if (p > start)
        {
          g_autofree char *word = g_strndup (start, p - start);

          add_token (words, word);
        }
    }
}

char *
kl_search_key (const char * const *fields,
               guint               n_fields)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) phone_forms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) key = g_string_new (NULL);

  g_return_val_if_fail (fields != NULL || n_fields == 0, NULL);

  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *digits = NULL;

      if (fields[i] == NULL)
        continue;

      add_words (words, fields[i]);
      digits = phone_digits (fields[i], PHONE_MIN_DIGITS);
      if (digits != NULL)
        add_phone_forms (phone_forms, fields[i], digits);
    }

  /* Repeated words are written once: the index needs each word once. */
  for (guint i = 0; i < phone_forms->len; i++)
    add_token (words, g_ptr_array_index (phone_forms, i));

  for (guint i = 0; i < words->len; i++)
    {
      if (i > 0)
        g_string_append_c (key, ' ');
      g_string_append (key, g_ptr_array_index (words, i));
    }

  return g_string_free (g_steal_pointer (&key), FALSE);
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
steal_strv (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return (GStrv) g_ptr_array_free (array, FALSE);
}

KlSearchQuery *
kl_search_query_new (const char *user_text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *numbers = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *stripped = NULL;
  g_autofree char *digits = NULL;
  KlSearchQuery *query;
  GString *match;

  if (user_text != NULL)
    add_words (words, user_text);
  if (words->len == 0)
    {
      g_ptr_array_unref (words);
      g_ptr_array_unref (numbers);
      return NULL;
    }

  /* A number as typed: also match its digits, whatever the grouping. The
   * stored forms cover +385…, 00385… and 0… (see add_phone_forms()). */
  stripped = g_strstrip (g_strdup (user_text));
  digits = phone_digits (stripped, 2);
  if (digits != NULL && words->len > 1)
    add_token (numbers, digits);
  if (digits != NULL && g_str_has_prefix (digits, "00"))
    add_token (numbers, digits + 2);

  /* Tokens hold letters and digits only: nothing to quote. */
  match = g_string_new (NULL);
  if (numbers->len > 0)
    g_string_append_c (match, '(');
  for (guint i = 0; i < words->len; i++)
    g_string_append_printf (match, "%s\"%s\"*", i > 0 ? " " : "", (char *) g_ptr_array_index (words, i));
  if (numbers->len > 0)
    g_string_append_c (match, ')');
  for (guint i = 0; i < numbers->len; i++)
    g_string_append_printf (match, " OR \"%s\"*", (char *) g_ptr_array_index (numbers, i));

  query = g_new0 (KlSearchQuery, 1);
  query->match = g_string_free (match, FALSE);
  query->words = steal_strv (words);
  query->numbers = steal_strv (numbers);

  return query;
}

/* SQL functions */

static void
sql_fold (sqlite3_context  *context,
          int               argc,
          sqlite3_value   **argv)
{
  char *folded = kl_text_fold ((const char *)sqlite3_value_text (argv[0]));

  sqlite3_result_text (context, folded, -1, g_free);
}

static void
sql_sort_key (sqlite3_context  *context,
              int               argc,
              sqlite3_value   **argv)
{
  char *key = kl_text_sort_key ((const char *)sqlite3_value_text (argv[0]));

  sqlite3_result_text (context, key, -1, g_free);
}

static void
sql_search_key (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  g_autofree const char **fields = g_new0 (const char *, MAX (argc, 1));
  char *key;

  for (int i = 0; i < argc; i++)
    fields[i] = (const char *)sqlite3_value_text (argv[i]);

  key = kl_search_key (fields, argc);
  sqlite3_result_text (context, key, -1, g_free);
}

gboolean
kl_search_register_sql_functions (sqlite3 *db)
{
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

  g_return_val_if_fail (db != NULL, FALSE);

  return sqlite3_create_function_v2 (db, "kl_fold", 1, flags, NULL, sql_fold, NULL, NULL, NULL) == SQLITE_OK &&
         sqlite3_create_function_v2 (db, "kl_sort_key", 1, flags, NULL, sql_sort_key, NULL, NULL, NULL) == SQLITE_OK &&
         sqlite3_create_function_v2 (db, "kl_search_key", -1, flags, NULL, sql_search_key, NULL, NULL, NULL) == SQLITE_OK;
}
