/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-client-ops.h"

#include <string.h>

#include "kl-client-ops-private.h"
#include "kl-text.h"

/* Candidate rows read per name look-up before the names are compared in
 * C: by sort key prefix, and by the words in the search index (a variant
 * spelling among thousands of clients sharing a word is let go). */
#define NAME_CANDIDATES_MAX 1000
#define NAME_FTS_CANDIDATES_MAX 250
/* Probable duplicates of a client: by tax ID, by name (legal forms
 * and spelling aside), by e-mail address and by phone number. */

/* Duplicates: keys */

void
kl_duplicate_free (KlDuplicate *duplicate)
{
  if (duplicate == NULL)
    return;

  g_free (duplicate->client_name);
  g_free (duplicate->description);
  g_free (duplicate);
}

/* Legal forms as folded words (punctuation gone): "d.o.o." is d o o. */
static const char * const legal_forms[] = {
  "d o o", "j d o o", "d d", "doo", "jdoo", "dd", "obrt", "k d", "j t d", "t o",
  "ооо", "ао", "оао", "зао", "пао", "ип", "нко", "ано", "гуп", "муп", "фгуп",
  "ooo", "oao", "zao", "pao",
  "gmbh", "ltd", "llc", "inc", "ag", "s r l", "srl",
};

/* Croatian companies' registered names go on after the form: "Ana d.o.o.
 * za trgovinu i usluge". At these forms the rest of the name is cut. */
static const char * const cutting_forms[] = { "d o o", "j d o o", "d d", "doo", "jdoo" };

typedef struct {
  char *original;
  char *folded;
} Word;

static void
word_clear (gpointer data)
{
  Word *word = data;

  g_free (word->original);
  g_free (word->folded);
}

static GArray *
split_words (const char *name)
{
  g_autofree char *valid = g_utf8_make_valid (name != NULL ? name : "", -1);
  GArray *words = g_array_new (FALSE, FALSE, sizeof (Word));
  const char *start = NULL;

  g_array_set_clear_func (words, word_clear);

  for (const char *p = valid;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean in_word = c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c));

      if (in_word && start == NULL)
        start = p;
      else if (!in_word && start != NULL)
        {
          Word word;

          word.original = g_strndup (start, p - start);
          word.folded = kl_text_fold (word.original);
          if (word.folded[0] != '\0')
            g_array_append_val (words, word);
          else
            word_clear (&word);
          start = NULL;
        }

      if (c == 0)
        break;
    }

  return words;
}

static guint
word_count (const char *form)
{
  guint n = 1;

  for (const char *p = form; *p != '\0'; p++)
    n += *p == ' ';

  return n;
}

/* Whether @words from @at spell @form (folded words separated by spaces). */
static guint
form_length_at (GArray     *words,
                guint       at,
                const char *form)
{
  guint n = word_count (form);
  const char *part = form;

  if (at + n > words->len)
    return 0;
  for (guint i = 0; i < n; i++)
    {
      const char *word = g_array_index (words, Word, at + i).folded;
      gsize len = strlen (word);

      if (strncmp (part, word, len) != 0 || (part[len] != ' ' && part[len] != '\0'))
        return 0;
      part += len + (part[len] == ' ');
    }

  return n;
}

/* Removes legal forms (and, from a cutting form on, the rest) from @words. */
static void
strip_legal_forms (GArray *words)
{
  gboolean changed = TRUE;

  for (guint at = 1; at < words->len; at++)
    {
      for (guint f = 0; f < G_N_ELEMENTS (cutting_forms); f++)
        {
          if (form_length_at (words, at, cutting_forms[f]) > 0)
            {
              g_array_set_size (words, at);
              break;
            }
        }
    }

  while (changed && words->len > 0)
    {
      changed = FALSE;
      for (guint f = 0; f < G_N_ELEMENTS (legal_forms) && words->len > 0; f++)
        {
          guint n = form_length_at (words, 0, legal_forms[f]);

          if (n > 0 && n < words->len)
            {
              g_array_remove_range (words, 0, n);
              changed = TRUE;
            }
        }
      for (guint f = 0; f < G_N_ELEMENTS (legal_forms) && words->len > 0; f++)
        {
          guint n = word_count (legal_forms[f]);

          if (n < words->len && form_length_at (words, words->len - n, legal_forms[f]) == n)
            {
              g_array_set_size (words, words->len - n);
              changed = TRUE;
            }
        }
    }
}

static char *
join_folded (GArray *words)
{
  GString *key = g_string_new (NULL);

  for (guint i = 0; i < words->len; i++)
    {
      if (i > 0)
        g_string_append_c (key, ' ');
      g_string_append (key, g_array_index (words, Word, i).folded);
    }

  return g_string_free (key, FALSE);
}

char *
kl_client_name_key (const char *name)
{
  /* One fold of the whole name, then its words: what split_words() gives,
   * at a fraction of the cost (this runs once per candidate). */
  g_autofree char *folded = kl_text_fold (name);
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (Word));
  const char *start = NULL;

  g_array_set_clear_func (words, word_clear);
  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean in_word = c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c));

      if (in_word && start == NULL)
        start = p;
      else if (!in_word && start != NULL)
        {
          Word word = { NULL, g_strndup (start, p - start) };

          g_array_append_val (words, word);
          start = NULL;
        }
      if (c == 0)
        break;
    }

  strip_legal_forms (words);

  return join_folded (words);
}

char *
kl_phone_key (const char *phone)
{
  g_autoptr(GString) digits = NULL;
  const char *p = phone;
  const char *significant;
  gboolean international;
  gsize n;

  if (phone == NULL)
    return NULL;

  while (*p == ' ' || *p == '\t')
    p++;
  international = *p == '+';
  digits = g_string_new (NULL);
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p);
    }

  significant = digits->str;
  if (g_str_has_prefix (significant, "00"))
    {
      significant += 2;
      international = TRUE;
    }

  n = strlen (significant);
  if (international || (g_str_has_prefix (significant, "385") && n >= 11) ||
      (significant[0] == '7' && n == 11))
    {
      /* Croatia and Russia lose their country code; other countries keep
       * theirs (the last nine digits decide below). */
      if (g_str_has_prefix (significant, "385"))
        significant += 3;
      else if (significant[0] == '7')
        significant += 1;
    }
  else if (significant[0] == '0' || (significant[0] == '8' && n == 11))
    significant += 1;  /* trunk prefix: 01 234 5678, 8 495 123-45-67 */

  n = strlen (significant);
  if (n < 6)
    return NULL;

  return g_strdup (n > 9 ? significant + n - 9 : significant);
}

static void
phone_key_sql (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  char *key = kl_phone_key ((const char *)sqlite3_value_text (argv[0]));

  if (key == NULL)
    sqlite3_result_null (context);
  else
    sqlite3_result_text (context, key, -1, g_free);
}

/* Letters a legal form starts with, as a sort key writes them. */
static const char legal_form_initials[] = "djoktzpglias";
static const gunichar legal_form_initials_cyrillic[] = {
  0x043e, 0x0430, 0x0437, 0x043f, 0x0438, 0x043d, 0x0433, 0x043c, 0x0444, /* оазпингмф */
};

/* kl_name_tail(sort_key, n): whether what follows the first @n bytes of
 * @sort_key ends a name: punctuation and spaces only, then nothing or the
 * first letter of a legal form. Runs on the index, once per entry. */
static void
name_tail_sql (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  const char *key = (const char *)sqlite3_value_text (argv[0]);
  int bytes = sqlite3_value_bytes (argv[0]);
  int n = sqlite3_value_int (argv[1]);
  const char *p;
  gunichar c = 0;

  if (key == NULL || n > bytes)
    {
      sqlite3_result_int (context, 0);
      return;
    }

  /* The marks after c, d, s, z belong to the letter before: no boundary. */
  p = key + n;
  if (*p == '{' || *p == '|')
    {
      sqlite3_result_int (context, 0);
      return;
    }
  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      c = g_utf8_get_char (p);
      if (g_unichar_isalnum (c))
        break;
    }

  if (*p == '\0' || (c < 0x80 && strchr (legal_form_initials, (int)c) != NULL))
    {
      sqlite3_result_int (context, 1);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (legal_form_initials_cyrillic); i++)
    {
      if (c == legal_form_initials_cyrillic[i])
        {
          sqlite3_result_int (context, 1);
          return;
        }
    }
  sqlite3_result_int (context, 0);
}

/* Gives the connection the SQL functions of this file, once. */
gboolean
_kl_ops_ensure_sql_functions (KlDatabase  *database,
                      GError     **error)
{
  if (g_object_get_data (G_OBJECT (database), "kl-phone-key") != NULL)
    return TRUE;

  if (sqlite3_create_function_v2 (kl_database_get_handle (database), "kl_phone_key", 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, phone_key_sql, NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_create_function_v2 (kl_database_get_handle (database), "kl_name_tail", 2,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, name_tail_sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      kl_database_set_error (database, error);
      return FALSE;
    }

  g_object_set_data (G_OBJECT (database), "kl-phone-key", GINT_TO_POINTER (1));
  return TRUE;
}

/* Duplicates: lookups */

typedef struct {
  KlDatabase *database;
  gint64      self_id;
  gboolean    fts;    /* the client_search index of schema 2 is there */
  GPtrArray  *found;
  GHashTable *seen;   /* client id × 4 + reason */
} Search;

static void
add_match (Search            *search,
           gint64             client_id,
           const char        *client_name,
           KlDuplicateReason  reason,
           const char        *contact_name)
{
  gint64 key = client_id * 4 + reason;
  KlDuplicate *duplicate;

  if (client_id == search->self_id || g_hash_table_contains (search->seen, &key))
    return;
  g_hash_table_add (search->seen, g_memdup2 (&key, sizeof key));

  duplicate = g_new0 (KlDuplicate, 1);
  duplicate->client_id = client_id;
  duplicate->client_name = g_strdup (client_name);
  duplicate->reason = reason;
  switch (reason)
    {
    case KL_DUPLICATE_TAX_ID:
      /* Translators: shown while a client is saved; %s is another client's name */
      duplicate->description = g_strdup_printf (_("Same tax ID as “%s”"), client_name);
      break;
    case KL_DUPLICATE_NAME:
      duplicate->description = g_strdup_printf (_("Same name as “%s”"), client_name);
      break;
    case KL_DUPLICATE_EMAIL:
      /* Translators: %1$s is a contact person, %2$s the client they work for */
      duplicate->description = contact_name != NULL
        ? g_strdup_printf (_("Same e-mail address as %1$s, a contact of “%2$s”"), contact_name, client_name)
        : g_strdup_printf (_("Same e-mail address as “%s”"), client_name);
      break;
    case KL_DUPLICATE_PHONE:
    default:
      /* Translators: %1$s is a contact person, %2$s the client they work for */
      duplicate->description = contact_name != NULL
        ? g_strdup_printf (_("Same phone number as %1$s, a contact of “%2$s”"), contact_name, client_name)
        : g_strdup_printf (_("Same phone number as “%s”"), client_name);
      break;
    }

  g_ptr_array_add (search->found, duplicate);
}

/* Runs @sql with ?1 = @value, ?2 = the client's own id and ?3 = @value3
 * (unless NULL); rows are (client id, client name[, contact name]). With
 * @name_key set, only rows whose client name has that key count. */
static gboolean
collect (Search             *search,
         const char         *sql,
         const char         *value,
         const char         *value3,
         KlDuplicateReason   reason,
         const char         *name_key,
         GError            **error)
{
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (search->database, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, search->self_id);
  if (value3 != NULL)
    sqlite3_bind_text (stmt, 3, value3, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *client_name = _kl_ops_column_text (stmt, 1);
      const char *contact_name = sqlite3_column_count (stmt) > 2 ? _kl_ops_column_text (stmt, 2) : NULL;

      if (name_key != NULL)
        {
          gint64 seen_key = sqlite3_column_int64 (stmt, 0) * 4 + reason;
          g_autofree char *key = NULL;

          if (g_hash_table_contains (search->seen, &seen_key))
            continue;
          key = kl_client_name_key (client_name);

          if (!g_str_equal (key, name_key))
            continue;
        }
      add_match (search, sqlite3_column_int64 (stmt, 0), client_name, reason, contact_name);
    }

  if (rc != SQLITE_DONE)
    {
      kl_database_set_error (search->database, error);
      return FALSE;
    }

  return TRUE;
}

/* An FTS5 expression: every word of @folded (split as the index's
 * unicode61 tokenizer splits), or NULL when it has none. */
static char *
fts_all_words (const char *folded)
{
  g_autoptr(GString) query = g_string_new (NULL);
  const char *start = NULL;

  for (const char *p = folded;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean in_word = c != 0 && (g_unichar_isalnum (c) || g_unichar_ismark (c));

      if (in_word && start == NULL)
        start = p;
      else if (!in_word && start != NULL)
        {
          /* Words hold no quotes: nothing to escape. */
          g_string_append_printf (query, "%s\"%.*s\"", query->len > 0 ? " " : "", (int)(p - start), start);
          start = NULL;
        }
      if (c == 0)
        break;
    }

  return query->len > 0 ? g_string_free (g_steal_pointer (&query), FALSE) : NULL;
}

static gboolean
has_search_index (KlDatabase  *database,
                  GError     **error)
{
  gint64 n = kl_database_query_int (database, "SELECT count(*) FROM sqlite_schema"
                                               " WHERE type = 'table' AND name = 'client_search'", error);

  return n > 0;
}

/* Openings a Russian name may have between its legal form and the name. */
static const char * const name_openers[] = { "", "«", "\"", "“", "„", "'", "‘" };
static const char * const leading_forms[] = { "ООО", "АО", "ОАО", "ЗАО", "ПАО", "ИП", "НКО", "АНО",
                                              "OOO", "ZAO", "OAO", "PAO" };

/* Names are compared by kl_client_name_key(); candidates come from
 * indexes and their keys are compared here.
 *  - clients.sort_key (the casefolded name): names that start with the
 *    whole name as typed, less its legal forms, up to a word's end;
 *  - the search index of schema 2 (client_search, folded words): clients
 *    whose words include all the name's words, which finds "Romaska" for
 *    "Romaška", "ООО «Ромашка»" for "Ромашка ООО", "Auto-centar" for
 *    "Auto centar";
 *  - without that index, sort key prefixes stand in for it: the first
 *    word, and a Russian legal form with an opening quote before it.
 * Each look-up reads a bounded number of rows. An indexed column
 * holding kl_client_name_key() would make this one exact look-up. */
static gboolean
find_same_name (Search      *search,
                const char  *name,
                GError     **error)
{
  /* The whole name: what follows it in the candidate's key is only
   * punctuation, then nothing or what a legal form starts with. This
   * filter runs on the index, so "Auto 4000" costs nothing when "Auto"
   * is looked for. */
  static const char whole_sql[] =
    "SELECT id, name FROM clients WHERE sort_key >= ?1 AND sort_key < ?3 AND id <> ?2"
    " AND kl_name_tail(sort_key, length(CAST(?1 AS BLOB)))"
    " LIMIT " G_STRINGIFY (NAME_CANDIDATES_MAX);
  /* A prefix that ends a word of the candidate: what follows it is no
   * letter or digit (nor the marks that follow č, ć, đ, š, ž in a key). */
  static const char prefix_sql[] =
    "SELECT id, name FROM clients WHERE sort_key >= ?1 AND sort_key < ?3 AND id <> ?2"
    " AND substr(sort_key, length(?1) + 1, 1) NOT GLOB '[0-9a-z{|а-яёйіїєґ]'"
    " LIMIT " G_STRINGIFY (NAME_CANDIDATES_MAX);
  static const char fts_sql[] =
    "SELECT id, name FROM clients WHERE id <> ?2 AND id IN"
    " (SELECT rowid FROM client_search WHERE client_search MATCH ?1 LIMIT "
    G_STRINGIFY (NAME_FTS_CANDIDATES_MAX) ")";
  g_autoptr(GArray) words = split_words (name);
  g_autoptr(GPtrArray) prefixes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) whole = g_string_new (NULL);
  g_autofree char *name_key = NULL;
  const char *first;

  strip_legal_forms (words);
  name_key = kl_client_name_key (name);
  if (words->len == 0 || name_key[0] == '\0')
    return TRUE;

  first = g_array_index (words, Word, 0).original;
  for (guint i = 0; i < words->len; i++)
    g_string_append_printf (whole, "%s%s", i > 0 ? " " : "", g_array_index (words, Word, i).original);

  /* The search index finds what the first word and the legal forms would:
   * without it, read by those prefixes too. */
  g_ptr_array_add (prefixes, g_strdup (whole->str));
  if (!search->fts && words->len > 1)
    g_ptr_array_add (prefixes, g_strdup (first));
  for (guint f = 0; !search->fts && f < G_N_ELEMENTS (leading_forms); f++)
    {
      for (guint q = 0; q < G_N_ELEMENTS (name_openers); q++)
        g_ptr_array_add (prefixes, g_strdup_printf ("%s %s%s", leading_forms[f], name_openers[q], first));
    }

  for (guint i = 0; i < prefixes->len; i++)
    {
      g_autofree char *start = kl_text_sort_key (g_ptr_array_index (prefixes, i));
      g_autofree char *end = g_strconcat (start, "\xff", NULL);

      if (!collect (search, i == 0 ? whole_sql : prefix_sql, start, end, KL_DUPLICATE_NAME, name_key, error))
        return FALSE;
    }

  /* The search index is folded: it finds "Romaska" for "Romaška". */
  if (search->fts)
    {
      g_autofree char *match = fts_all_words (name_key);

      if (match != NULL &&
          !collect (search, fts_sql, match, NULL, KL_DUPLICATE_NAME, name_key, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
find_same_email (Search      *search,
                 const char  *email,
                 GError     **error)
{
  /* lower() folds ASCII, as the key does. The search index narrows the
   * rows to the clients whose folded words hold the address's words. */
  static const char fts_sql[] =
    "SELECT cl.id, cl.name, NULL FROM clients cl"
    " WHERE cl.id IN (SELECT rowid FROM client_search WHERE client_search MATCH ?1)"
    "   AND cl.id <> ?2 AND lower(cl.email) = ?3"
    " UNION ALL"
    " SELECT cl.id, cl.name, ct.name FROM contacts ct JOIN clients cl ON cl.id = ct.client_id"
    " WHERE ct.client_id IN (SELECT rowid FROM client_search WHERE client_search MATCH ?1)"
    "   AND ct.client_id <> ?2 AND lower(ct.email) = ?3";
  /* Without it, every row is read (an index on lower(email) would serve
   * these as they are). */
  static const char scan_sql[] =
    "SELECT cl.id, cl.name, NULL FROM clients cl WHERE lower(cl.email) = ?1 AND cl.id <> ?2"
    " UNION ALL"
    " SELECT cl.id, cl.name, ct.name FROM contacts ct JOIN clients cl ON cl.id = ct.client_id"
    " WHERE lower(ct.email) = ?1 AND ct.client_id <> ?2";
  g_autofree char *key = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *match = NULL;

  if (kl_text_is_blank (email))
    return TRUE;

  {
    g_autofree char *trimmed = g_strdup (email);

    key = g_ascii_strdown (g_strstrip (trimmed), -1);
  }

  if (!search->fts)
    return collect (search, scan_sql, key, NULL, KL_DUPLICATE_EMAIL, NULL, error);

  folded = kl_text_fold (key);
  match = fts_all_words (folded);
  if (match == NULL)
    return TRUE;

  return collect (search, fts_sql, match, key, KL_DUPLICATE_EMAIL, NULL, error);
}

/* An FTS5 expression for the digit forms (kl-search.c keeps them in the
 * index) that a number like @phone may have been stored under. */
static char *
fts_phone_forms (const char *phone)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  g_autoptr(GString) query = g_string_new (NULL);
  g_autoptr(GPtrArray) forms = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *national = NULL;
  const char *d;

  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);

  /* The significant number before kl_phone_key() keeps its last nine. */
  d = digits->str;
  if (g_str_has_prefix (d, "00"))
    d += 2;
  if (g_str_has_prefix (d, "385"))
    national = g_strdup (d + 3);
  else if ((d[0] == '7' || d[0] == '8') && strlen (d) == 11)
    national = g_strdup (d + 1);
  else if (d[0] == '0')
    national = g_strdup (d + 1);
  else
    national = g_strdup (d);

  g_ptr_array_add (forms, g_strdup (digits->str));
  g_ptr_array_add (forms, g_strdup (national));
  g_ptr_array_add (forms, g_strconcat ("0", national, NULL));
  g_ptr_array_add (forms, g_strconcat ("385", national, NULL));
  g_ptr_array_add (forms, g_strconcat ("7", national, NULL));
  g_ptr_array_add (forms, g_strconcat ("8", national, NULL));

  for (guint i = 0; i < forms->len; i++)
    {
      const char *form = g_ptr_array_index (forms, i);

      if (form[0] != '\0')
        g_string_append_printf (query, "%s\"%s\"", query->len > 0 ? " OR " : "", form);
    }

  return g_string_free (g_steal_pointer (&query), FALSE);
}

static gboolean
find_same_phone (Search      *search,
                 const char  *phone,
                 GError     **error)
{
  static const char fts_sql[] =
    "SELECT cl.id, cl.name, NULL FROM clients cl"
    " WHERE cl.id IN (SELECT rowid FROM client_search WHERE client_search MATCH ?1)"
    "   AND cl.id <> ?2 AND kl_phone_key(cl.phone) = ?3"
    " UNION ALL"
    " SELECT cl.id, cl.name, ct.name FROM contacts ct JOIN clients cl ON cl.id = ct.client_id"
    " WHERE ct.client_id IN (SELECT rowid FROM client_search WHERE client_search MATCH ?1)"
    "   AND ct.client_id <> ?2 AND kl_phone_key(ct.phone) = ?3";
  static const char scan_sql[] =
    "SELECT cl.id, cl.name, NULL FROM clients cl"
    " WHERE cl.phone IS NOT NULL AND kl_phone_key(cl.phone) = ?1 AND cl.id <> ?2"
    " UNION ALL"
    " SELECT cl.id, cl.name, ct.name FROM contacts ct JOIN clients cl ON cl.id = ct.client_id"
    " WHERE ct.phone IS NOT NULL AND kl_phone_key(ct.phone) = ?1 AND ct.client_id <> ?2";
  g_autofree char *key = kl_phone_key (phone);
  g_autofree char *match = NULL;

  if (key == NULL)
    return TRUE;

  if (!search->fts)
    return collect (search, scan_sql, key, NULL, KL_DUPLICATE_PHONE, NULL, error);

  match = fts_phone_forms (phone);
  return collect (search, fts_sql, match, key, KL_DUPLICATE_PHONE, NULL, error);
}

static int
compare_duplicates (gconstpointer a,
                    gconstpointer b)
{
  const KlDuplicate *x = *(KlDuplicate * const *)a;
  const KlDuplicate *y = *(KlDuplicate * const *)b;

  if (x->reason != y->reason)
    return x->reason < y->reason ? -1 : 1;
  if (x->client_id != y->client_id)
    return x->client_id < y->client_id ? -1 : 1;
  return 0;
}

GPtrArray *
kl_clients_find_duplicates (KlSession  *session,
                            KlClient   *client,
                            GError    **error)
{
  static const char own_contacts_sql[] = "SELECT email, phone FROM contacts WHERE client_id = ?1";
  KlEntity *entity = (KlEntity *)client;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify)kl_duplicate_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GPtrArray) emails = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) phones = g_ptr_array_new_with_free_func (g_free);
  const char *tax_id;
  Search search;

  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (KL_IS_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  search.database = kl_session_get_database (session);
  search.self_id = kl_entity_get_id (entity);
  search.found = found;
  search.seen = seen;

  if (!_kl_ops_ensure_sql_functions (search.database, error))
    return NULL;
  search.fts = has_search_index (search.database, error);
  if (error != NULL && *error != NULL)
    return NULL;

  tax_id = kl_client_get_tax_id (KL_CLIENT (entity));
  if (!kl_text_is_blank (tax_id))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (tax_id));

      if (!collect (&search, "SELECT id, name FROM clients WHERE tax_id = ?1 AND id <> ?2",
                    trimmed, NULL, KL_DUPLICATE_TAX_ID, NULL, error))
        return NULL;
    }

  if (!find_same_name (&search, kl_client_get_name (KL_CLIENT (entity)), error))
    return NULL;

  g_ptr_array_add (emails, g_strdup (kl_client_get_email (KL_CLIENT (entity))));
  g_ptr_array_add (phones, g_strdup (kl_client_get_phone (KL_CLIENT (entity))));
  if (search.self_id > 0)
    {
      g_autoptr(KlCachedStmt) stmt = kl_database_prepare (search.database, own_contacts_sql, error);
      int rc;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, search.self_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_ptr_array_add (emails, g_strdup (_kl_ops_column_text (stmt, 0)));
          g_ptr_array_add (phones, g_strdup (_kl_ops_column_text (stmt, 1)));
        }
      if (rc != SQLITE_DONE)
        {
          kl_database_set_error (search.database, error);
          return NULL;
        }
    }

  for (guint i = 0; i < emails->len; i++)
    {
      if (!find_same_email (&search, g_ptr_array_index (emails, i), error))
        return NULL;
    }
  for (guint i = 0; i < phones->len; i++)
    {
      if (!find_same_phone (&search, g_ptr_array_index (phones, i), error))
        return NULL;
    }

  g_ptr_array_sort (found, compare_duplicates);

  return g_steal_pointer (&found);
}
