/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-text.h"

#include <string.h>

#define CYRILLIC_SMALL_I       0x0438 /* и */
#define CYRILLIC_SMALL_SHORT_I 0x0439 /* й */
#define COMBINING_BREVE        0x0306

/* Characters below this (Latin, Greek, Cyrillic) are case-folded and
 * decomposed through a table built once; others take the slow path. */
#define FOLD_TABLE_SIZE 0x0530
#define FOLD_ENTRY_MAX  4
#define FOLD_ENTRY_SLOW G_MAXUINT8

typedef struct
{
  gunichar c[FOLD_ENTRY_MAX];  /* case-folded, canonically decomposed */
  guint8   n;                  /* used in c, or FOLD_ENTRY_SLOW */
} FoldEntry;

static FoldEntry fold_table[FOLD_TABLE_SIZE];

/* Folding writes into a buffer 8 bytes longer than its decomposed,
 * case-folded input (no rule makes that longer), or 8 bytes longer than
 * twice the input on the table path (ŉ becomes ʼn). */
typedef struct
{
  char     *buf;
  gsize     len;
  gsize     cap;
  gsize     last_pos;      /* byte offset of the last character written */
  gunichar  last;          /* last character written, ' ' after white space */
  gboolean  pending_space;
  gboolean  needs_nfc;
} Folder;

static inline void
folder_put (Folder   *f,
            gunichar  c)
{
  /* At most 7 bytes are written here, plus the final NUL. */
  g_assert (f->cap - f->len >= 8);

  if (f->pending_space)
    {
      f->buf[f->len++] = ' ';
      f->pending_space = FALSE;
    }

  f->last_pos = f->len;
  if (c < 0x80)
    f->buf[f->len++] = (char) c;
  else
    f->len += g_unichar_to_utf8 (c, f->buf + f->len);
  f->last = c;
}

static inline void
folder_space (Folder *f)
{
  f->pending_space = f->len > 0;
  f->last = ' ';
}

/* @c is case-folded and decomposed already. */
static void
folder_add (Folder   *f,
            gunichar  c)
{
  GUnicodeType type;

  if (c < 0x80)
    {
      if (g_ascii_isspace ((char) c))
        folder_space (f);
      else if (c == 'j' && f->last == 'd')
        ; /* "dj" is how "đ" is written without diacritics */
      else
        folder_put (f, c);
      return;
    }

  if (g_unichar_isspace (c))
    {
      folder_space (f);
      return;
    }

  type = g_unichar_type (c);
  if (type == G_UNICODE_NON_SPACING_MARK || g_unichar_combining_class (c) != 0)
    {
      /* Keep й apart from и: compose it at once, in place. */
      if (c == COMBINING_BREVE && f->last == CYRILLIC_SMALL_I)
        {
          f->len = f->last_pos;
          f->pending_space = FALSE;
          folder_put (f, CYRILLIC_SMALL_SHORT_I);
        }
      return;
    }

  /* Cherokee folds to its capitals (Unicode's CaseFolding.txt), but
   * g_utf8_casefold() turns the capitals back into small letters: settle
   * on the capitals, so that folding folded text changes nothing. */
  if (c >= 0xAB70 && c <= 0xABBF)
    c = 0x13A0 + (c - 0xAB70);
  else if (c >= 0x13F8 && c <= 0x13FD)
    c = 0x13F0 + (c - 0x13F8);

  switch (c)
    {
    case 0x0110: /* Đ */
    case 0x0111: /* đ */
      c = 'd';
      break;

    case 0x00C6: /* Æ */
    case 0x00E6: /* æ */
      folder_put (f, 'a');
      c = 'e';
      break;

    case 0x0152: /* Œ */
    case 0x0153: /* œ */
      folder_put (f, 'o');
      c = 'e';
      break;

    case 0x00D8: /* Ø */
    case 0x00F8: /* ø */
      c = 'o';
      break;

    case 0x0141: /* Ł */
    case 0x0142: /* ł */
      c = 'l';
      break;

    default:
      /* Only a spacing mark or a Hangul jamo can still combine with what
       * precedes it; everything else is already in NFC. */
      if (type == G_UNICODE_SPACING_MARK || type == G_UNICODE_ENCLOSING_MARK ||
          (c >= 0x1100 && c <= 0x11FF))
        f->needs_nfc = TRUE;
      break;
    }

  folder_put (f, c);
}

static void
init_fold_table (void)
{
  gunichar c;

  for (c = 0; c < FOLD_TABLE_SIZE; c++)
    {
      char utf8[8] = { 0 };
      g_autofree char *casefolded = NULL;
      g_autofree char *nfd = NULL;
      FoldEntry *entry = &fold_table[c];
      const char *p;

      if (c == 0 || (c >= 0xD800 && c < 0xE000))
        {
          entry->n = FOLD_ENTRY_SLOW;
          continue;
        }

      g_unichar_to_utf8 (c, utf8);
      casefolded = g_utf8_casefold (utf8, -1);
      nfd = g_utf8_normalize (casefolded, -1, G_NORMALIZE_NFD);

      for (p = nfd; *p != '\0'; p = g_utf8_next_char (p))
        {
          if (entry->n == FOLD_ENTRY_MAX)
            {
              entry->n = FOLD_ENTRY_SLOW;
              break;
            }
          entry->c[entry->n++] = g_utf8_get_char (p);
        }
    }
}

static const FoldEntry *
get_fold_table (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      init_fold_table ();
      g_once_init_leave (&initialized, 1);
    }

  return fold_table;
}

/* Folds @text character by character, with the table. Returns FALSE
 * (and frees nothing but its own buffer) on a character it cannot handle:
 * one outside the table, or invalid UTF-8. */
static gboolean
fold_fast (const char  *text,
           char       **out)
{
  const FoldEntry *table = get_fold_table ();
  const char *p = text;
  gsize len = strlen (text);
  Folder f = { 0 };

  f.cap = 2 * len + 8;
  f.buf = g_malloc (f.cap);

  while (*p != '\0')
    {
      gunichar c;
      guint i;

      if ((guchar) *p < 0x80)
        {
          folder_add (&f, (gunichar) g_ascii_tolower (*p));
          p++;
          continue;
        }

      c = g_utf8_get_char_validated (p, -1);

      if (c < FOLD_TABLE_SIZE && table[c].n != FOLD_ENTRY_SLOW)
        {
          for (i = 0; i < table[c].n; i++)
            folder_add (&f, table[c].c[i]);
        }
      else if (c >= 0x2000 && c <= 0x206F)
        {
          /* General Punctuation: spaces, dashes, quotes. Case folding
           * leaves it alone and only spaces decompose (to spaces). */
          folder_add (&f, c);
        }
      else
        {
          /* Also (gunichar) -1 and -2 for invalid UTF-8 */
          g_free (f.buf);
          return FALSE;
        }

      p = g_utf8_next_char (p);
    }

  f.buf[f.len] = '\0';

  if (f.needs_nfc)
    {
      *out = g_utf8_normalize (f.buf, f.len, G_NORMALIZE_NFC);
      g_free (f.buf);
    }
  else
    *out = f.buf;

  return TRUE;
}

/* Whether @c belongs to a word as FTS5's unicode61 tokenizer cuts them;
 * the search index and its queries both split text with this. */
gboolean
kl_text_is_token_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum ((char) c);

  /* As FTS5's unicode61 tokenizer: letters, numbers, private use; marks
   * stay with their letter. */
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
      return TRUE;

    default:
      return FALSE;
    }
}

/* Appends "token"* with double quotes in the token doubled. */
static void
append_prefix_term (GString    *query,
                    const char *token,
                    gsize       len)
{
  const char *p;

  if (query->len > 0)
    g_string_append_c (query, ' ');

  g_string_append_c (query, '"');
  for (p = token; p < token + len; p++)
    {
      if (*p == '"')
        g_string_append_c (query, '"');
      g_string_append_c (query, *p);
    }
  g_string_append (query, "\"*");
}

char *
kl_text_fold (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *casefolded = NULL;
  g_autofree char *nfd = NULL;
  Folder f = { 0 };
  const char *p;
  char *folded;

  if (text == NULL)
    return g_strdup ("");

  /* Latin, Greek and Cyrillic text: one pass, one allocation. */
  if (fold_fast (text, &folded))
    return folded;

  /* Anything else: the same rules on the whole string. (Per character, as
   * above, only the order of combining marks can differ, and all but the
   * breve after и are dropped, so both give the same key.) */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  casefolded = g_utf8_casefold (text, -1);
  nfd = g_utf8_normalize (casefolded, -1, G_NORMALIZE_NFD);

  f.cap = strlen (nfd) + 8;
  f.buf = g_malloc (f.cap);
  for (p = nfd; *p != '\0'; p = g_utf8_next_char (p))
    folder_add (&f, g_utf8_get_char (p));
  f.buf[f.len] = '\0';

  if (f.needs_nfc)
    {
      char *nfc = g_utf8_normalize (f.buf, f.len, G_NORMALIZE_NFC);

      g_free (f.buf);
      return nfc;
    }

  return f.buf;
}

char *
kl_text_fold_words_prefix_query (const char *user_text)
{
  g_autofree char *folded = kl_text_fold (user_text);
  g_autoptr(GString) query = g_string_new (NULL);
  const char *p = folded;

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !kl_text_starts_token (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      start = p;
      while (*p != '\0' && kl_text_is_token_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      if (p > start)
        append_prefix_term (query, start, p - start);
    }

  if (query->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&query), FALSE);
}

/* A character that can begin a word for FTS5's unicode61 tokenizer: a
 * token character that is not a mark (a mark only continues a word: a
 * "word" of marks alone is no token, and a query for it finds nothing). */
gboolean
kl_text_starts_token (gunichar c)
{
  if (!kl_text_is_token_char (c))
    return FALSE;

  switch (g_unichar_type (c))
    {
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
      return FALSE;
    default:
      return TRUE;
    }
}

gboolean
kl_text_is_blank (const char *text)
{
  const char *p;

  if (text == NULL)
    return TRUE;

  for (p = text; *p != '\0'; )
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          if (!g_ascii_isspace (*p))
            return FALSE;
          p++;
          continue;
        }

      c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_isspace (c))
        return FALSE;
      p = g_utf8_next_char (p);
    }

  return TRUE;
}
