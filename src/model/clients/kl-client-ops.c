/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-client-ops.h"

#include <locale.h>
#include <string.h>

#include "kl-text.h"
#include "kl-validation.h"

/* Candidate rows read per name look-up before the names are compared in
 * C: by sort key prefix, and by the words in the search index (a variant
 * spelling among thousands of clients sharing a word is let go). */
#define NAME_CANDIDATES_MAX 1000
#define NAME_FTS_CANDIDATES_MAX 250
#define TITLE_CHARS_MAX 120

static const char audit_sql[] =
  "INSERT INTO audit_log (changed_at, table_name, row_id, action, field, old_value, new_value)"
  " VALUES (?, ?, ?, ?, ?, ?, ?)";

/* Helpers */

static gboolean
write_audit_row (KlDatabase  *database,
                 const char  *when,
                 const char  *table,
                 gint64       row_id,
                 const char  *action,
                 const char  *field,
                 const char  *old_value,
                 const char  *new_value,
                 GError     **error)
{
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (database, audit_sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, when, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, table, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, row_id);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, field, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, old_value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, new_value, -1, SQLITE_STATIC);

  return kl_database_step_done (database, stmt, error);
}

/* Runs a one-shot write written by the program, binding @id to ?1. */
static gboolean
exec_with_id (KlDatabase  *database,
              const char  *sql,
              gint64       id,
              GError     **error)
{
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (database, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  return kl_database_step_done (database, stmt, error);
}

static gboolean
fail (KlDatabase *database)
{
  kl_database_rollback (database);
  return FALSE;
}

static char *
id_string (gint64 id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, id);
}

static gboolean
parse_day (const char  *day,
           GDate       *date,
           GError     **error)
{
  if (!kl_validate_date (day, error))
    return FALSE;

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_ascii_strtoull (day + 8, NULL, 10), g_ascii_strtoull (day + 5, NULL, 10),
                  g_ascii_strtoull (day, NULL, 10));
  return TRUE;
}

static char *
format_day (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *)sqlite3_column_text (stmt, column);
}

/* ABC segmentation */

typedef struct {
  gint64 id;
  gint64 revenue;
  char   old_segment;  /* 0 for none */
  char   segment;
} Ranked;

/* A share of the total before a client, as the rule reads it: @before
 * is under @percent % of @total. Exact in integers while they fit. */
static gboolean
share_below (gint64 before,
             gint64 total,
             int    percent)
{
  if (total <= G_MAXINT64 / 100)
    return before * 100 < total * percent;

  return (double)before * 100.0 < (double)total * percent;
}

gboolean
kl_clients_recompute_segments (KlSession   *session,
                               const char  *today,
                               GError     **error)
{
  static const char rank_sql[] =
    "SELECT c.id, c.segment, coalesce(r.revenue, 0) AS revenue FROM clients c"
    " LEFT JOIN (SELECT i.client_id AS client_id, sum(p.amount) AS revenue"
    "            FROM payments p JOIN invoices i ON i.id = p.invoice_id"
    "            WHERE p.paid_date > ?1 AND p.paid_date <= ?2"
    "            GROUP BY i.client_id) r ON r.client_id = c.id"
    " ORDER BY revenue DESC, c.id";
  static const char update_sql[] = "UPDATE clients SET segment = ?1, updated_at = ?2 WHERE id = ?3";
  KlDatabase *database;
  g_autofree char *real_today = NULL;
  g_autofree char *year_ago = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GArray) ranked = NULL;
  GDate date;
  gint64 total = 0;
  gint64 before = 0;
  int rc;

  g_return_val_if_fail (KL_IS_SESSION (session), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (today == NULL)
    today = real_today = kl_database_today ();
  if (!parse_day (today, &date, error))
    return FALSE;
  g_date_subtract_months (&date, 12);
  year_ago = format_day (&date);

  database = kl_session_get_database (session);
  if (!kl_database_begin (database, error))
    return FALSE;

  ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  {
    g_autoptr(KlCachedStmt) stmt = kl_database_prepare (database, rank_sql, error);

    if (stmt == NULL)
      return fail (database);

    sqlite3_bind_text (stmt, 1, year_ago, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, today, -1, SQLITE_STATIC);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *segment = column_text (stmt, 1);
        Ranked row = {
          .id = sqlite3_column_int64 (stmt, 0),
          .old_segment = segment != NULL ? segment[0] : 0,
          .revenue = sqlite3_column_int64 (stmt, 2),
        };

        total += row.revenue;
        g_array_append_val (ranked, row);
      }
    if (rc != SQLITE_DONE)
      {
        kl_database_set_error (database, error);
        return fail (database);
      }
  }

  /* Sorted by revenue: A while what came before is under 80 % of the
   * total, B under 95 %, then C; no revenue is C whatever the total. */
  for (guint i = 0; i < ranked->len; i++)
    {
      Ranked *row = &g_array_index (ranked, Ranked, i);

      if (row->revenue <= 0)
        row->segment = 'C';
      else if (share_below (before, total, 80))
        row->segment = 'A';
      else if (share_below (before, total, 95))
        row->segment = 'B';
      else
        row->segment = 'C';
      before += row->revenue;
    }

  now = kl_database_now ();
  for (guint i = 0; i < ranked->len; i++)
    {
      Ranked *row = &g_array_index (ranked, Ranked, i);
      g_autoptr(KlCachedStmt) stmt = NULL;
      char old_value[2] = { row->old_segment, 0 };
      char new_value[2] = { row->segment, 0 };

      if (row->segment == row->old_segment)
        continue;

      stmt = kl_database_prepare (database, update_sql, error);
      if (stmt == NULL)
        return fail (database);
      sqlite3_bind_text (stmt, 1, new_value, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, row->id);
      if (!kl_database_step_done (database, stmt, error) ||
          !write_audit_row (database, now, "clients", row->id, "update", "segment",
                            row->old_segment != 0 ? old_value : NULL, new_value, error))
        return fail (database);
    }

  if (!kl_database_commit (database, error))
    return fail (database);

  kl_store_emit_changed_many (kl_session_get_store (session, KL_TYPE_CLIENT));

  return TRUE;
}

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
static gboolean
ensure_sql_functions (KlDatabase  *database,
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
      const char *client_name = column_text (stmt, 1);
      const char *contact_name = sqlite3_column_count (stmt) > 2 ? column_text (stmt, 2) : NULL;

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

  if (!ensure_sql_functions (search.database, error))
    return NULL;
  search.fts = has_search_index (search.database, error);
  if (error != NULL && *error != NULL)
    return NULL;

  tax_id = kl_entity_get_text (entity, "tax_id");
  if (!kl_text_is_blank (tax_id))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (tax_id));

      if (!collect (&search, "SELECT id, name FROM clients WHERE tax_id = ?1 AND id <> ?2",
                    trimmed, NULL, KL_DUPLICATE_TAX_ID, NULL, error))
        return NULL;
    }

  if (!find_same_name (&search, kl_entity_get_text (entity, "name"), error))
    return NULL;

  g_ptr_array_add (emails, g_strdup (kl_entity_get_text (entity, "email")));
  g_ptr_array_add (phones, g_strdup (kl_entity_get_text (entity, "phone")));
  if (search.self_id > 0)
    {
      g_autoptr(KlCachedStmt) stmt = kl_database_prepare (search.database, own_contacts_sql, error);
      int rc;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, search.self_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_ptr_array_add (emails, g_strdup (column_text (stmt, 0)));
          g_ptr_array_add (phones, g_strdup (column_text (stmt, 1)));
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

/* Merge */

typedef struct {
  const char *table;
  GType     (*get_type) (void);
} ClientTable;

/* Every table with a client_id. */
static const ClientTable client_tables[] = {
  { "contacts", kl_contact_get_type },
  { "deals", kl_deal_get_type },
  { "contracts", kl_contract_get_type },
  { "invoices", kl_invoice_get_type },
  { "activities", kl_activity_get_type },
  { "complaints", kl_complaint_get_type },
  { "offers", kl_offer_get_type },
};

static gboolean
move_rows (KlDatabase         *database,
           const ClientTable  *table,
           gint64              survivor_id,
           gint64              duplicate_id,
           const char         *now,
           GError            **error)
{
  g_autofree char *survivor = id_string (survivor_id);
  g_autofree char *duplicate = id_string (duplicate_id);
  g_autofree char *audit = g_strdup_printf ("INSERT INTO audit_log (changed_at, table_name, row_id, action,"
                                            " field, old_value, new_value)"
                                            " SELECT ?1, '%s', id, 'update', 'client_id', ?2, ?3"
                                            " FROM %s WHERE client_id = ?4",
                                            table->table, table->table);
  g_autofree char *move = g_strdup_printf ("UPDATE %s SET client_id = ?1, updated_at = ?2"
                                           " WHERE client_id = ?3", table->table);
  KlEntityClass *klass = g_type_class_ref (table->get_type ());
  gboolean audited = klass->audited;

  g_type_class_unref (klass);

  /* As kl-store.c would have written them, one by one. */
  if (audited)
    {
      g_autoptr(KlCachedStmt) stmt = kl_database_prepare (database, audit, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, duplicate, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, survivor, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, duplicate_id);
      if (!kl_database_step_done (database, stmt, error))
        return FALSE;
    }

  {
    g_autoptr(KlCachedStmt) stmt = kl_database_prepare (database, move, error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, survivor_id);
    sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, 3, duplicate_id);
    return kl_database_step_done (database, stmt, error);
  }
}

static gboolean
is_empty (KlEntity      *entity,
          const KlField *field)
{
  switch (field->type)
    {
    case KL_FIELD_TEXT:
    case KL_FIELD_DATE:
    case KL_FIELD_DATETIME:
      return kl_text_is_blank (kl_entity_get_text (entity, field->column));
    case KL_FIELD_REF:
      return kl_entity_get_number (entity, field->column) == 0;
    case KL_FIELD_INT:
    case KL_FIELD_MONEY:
    case KL_FIELD_BOOL:
    default:
      /* Numbers always hold a value (0 may be meant). */
      return FALSE;
    }
}

/* Fills @survivor's empty fields from @duplicate; a filled value that the
 * survivor's own rules refuse (a tax ID of another country) is left out. */
static void
fill_empty_fields (KlEntity *survivor,
                   KlEntity *duplicate)
{
  KlEntityClass *klass = KL_ENTITY_GET_CLASS (survivor);
  g_autoptr(GPtrArray) filled = g_ptr_array_new ();

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const KlField *field = &klass->fields[i];

      if (field->flags & (KL_FIELD_DERIVED | KL_FIELD_COMPUTED))
        continue;
      if (!is_empty (survivor, field) || is_empty (duplicate, field))
        continue;

      _kl_entity_set_value (survivor, i, _kl_entity_get_value (duplicate, i));
      g_ptr_array_add (filled, (gpointer)field);
    }

  for (guint attempt = 0; attempt <= filled->len; attempt++)
    {
      const char *bad_column = NULL;
      gboolean undone = FALSE;

      if (klass->derive != NULL)
        klass->derive (survivor);
      if (kl_entity_validate (survivor, &bad_column, NULL))
        return;

      for (guint i = 0; i < filled->len; i++)
        {
          const KlField *field = g_ptr_array_index (filled, i);

          if (g_strcmp0 (field->column, bad_column) == 0)
            {
              if (field->type == KL_FIELD_REF)
                kl_entity_set_number (survivor, field->column, 0);
              else
                kl_entity_set_text (survivor, field->column, NULL);
              g_ptr_array_remove_index (filled, i);
              undone = TRUE;
              break;
            }
        }
      if (!undone)
        return;  /* the survivor's own problem: the update reports it */
    }
}

gboolean
kl_clients_merge (KlSession   *session,
                  gint64       survivor_id,
                  gint64       duplicate_id,
                  GError     **error)
{
  KlDatabase *database;
  KlStore *clients;
  g_autoptr(KlEntity) survivor = NULL;
  g_autoptr(KlEntity) duplicate = NULL;
  g_autofree char *now = NULL;
  g_autofree char *merged = NULL;

  g_return_val_if_fail (KL_IS_SESSION (session), FALSE);
  g_return_val_if_fail (survivor_id > 0 && duplicate_id > 0, FALSE);
  g_return_val_if_fail (survivor_id != duplicate_id, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  database = kl_session_get_database (session);
  clients = kl_session_get_store (session, KL_TYPE_CLIENT);

  if (!kl_database_begin (database, error))
    return FALSE;
  /* The clients store announces its writes once, after the end. */
  kl_store_begin_batch (clients);

  survivor = kl_store_get (clients, survivor_id, error);
  if (survivor == NULL)
    goto failed;
  duplicate = kl_store_get (clients, duplicate_id, error);
  if (duplicate == NULL)
    goto failed;

  now = kl_database_now ();
  for (guint i = 0; i < G_N_ELEMENTS (client_tables); i++)
    {
      if (!move_rows (database, &client_tables[i], survivor_id, duplicate_id, now, error))
        goto failed;
    }

  fill_empty_fields (survivor, duplicate);
  merged = g_strdup_printf ("%" G_GINT64_FORMAT " %s", duplicate_id,
                            kl_entity_get_text (duplicate, "name"));

  /* The stores write the survivor's and the duplicate's audit rows; they
   * nest inside this transaction as savepoints. */
  if (!kl_store_update (clients, survivor, error) ||
      !write_audit_row (database, now, "clients", survivor_id, "merge", NULL, merged, NULL, error) ||
      !kl_store_delete (clients, duplicate_id, error) ||
      !kl_database_commit (database, error))
    goto failed;

  kl_store_end_batch (clients);
  for (guint i = 0; i < G_N_ELEMENTS (client_tables); i++)
    kl_store_emit_changed_many (kl_session_get_store (session, client_tables[i].get_type ()));

  return TRUE;

failed:
  kl_database_rollback (database);
  /* Announces the undone writes, if any, so that lists read again. */
  kl_store_end_batch (clients);
  return FALSE;
}

/* Personal data */

static void
json_string (GString    *out,
             const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  valid = g_utf8_make_valid (text, -1);
  g_string_append_c (out, '"');
  for (const char *p = valid; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          /* U+2028 and U+2029 are valid JSON but break JavaScript. */
          else if (c == 0xe2 && (guchar)p[1] == 0x80 && ((guchar)p[2] == 0xa8 || (guchar)p[2] == 0xa9))
            {
              g_string_append_printf (out, "\\u%04x", (guchar)p[2] == 0xa8 ? 0x2028 : 0x2029);
              p += 2;
            }
          else
            g_string_append_c (out, (char)c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void
json_key (GString    *out,
          const char *indent,
          const char *key,
          gboolean    first)
{
  g_string_append_printf (out, "%s\n%s", first ? "" : ",", indent);
  json_string (out, key);
  g_string_append (out, ": ");
}

/* Writes the rows of @stmt as an array of objects named by the columns. */
static gboolean
json_rows (GString       *out,
           KlDatabase    *database,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  gboolean first_row = TRUE;
  int rc;

  g_string_append_c (out, '[');
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_string_append (out, first_row ? "\n    {" : ",\n    {");
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          json_key (out, "      ", sqlite3_column_name (stmt, i), i == 0);
          switch (sqlite3_column_type (stmt, i))
            {
            case SQLITE_INTEGER:
              g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64)sqlite3_column_int64 (stmt, i));
              break;
            case SQLITE_FLOAT:
              {
                char buffer[G_ASCII_DTOSTR_BUF_SIZE];

                g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, sqlite3_column_double (stmt, i)));
              }
              break;
            case SQLITE_NULL:
              g_string_append (out, "null");
              break;
            default:
              json_string (out, column_text (stmt, i));
              break;
            }
        }
      g_string_append (out, "\n    }");
      first_row = FALSE;
    }
  g_string_append (out, first_row ? "]" : "\n  ]");

  if (rc != SQLITE_DONE)
    {
      kl_database_set_error (database, error);
      return FALSE;
    }

  return TRUE;
}

static gboolean
json_query (GString     *out,
            KlDatabase  *database,
            const char  *key,
            const char  *sql,
            gint64       id,
            GError     **error)
{
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (database, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  json_key (out, "  ", key, FALSE);

  return json_rows (out, database, stmt, error);
}

static void
json_entity (GString  *out,
             KlEntity *entity)
{
  KlEntityClass *klass = KL_ENTITY_GET_CLASS (entity);

  g_string_append (out, "{");
  json_key (out, "    ", "id", TRUE);
  g_string_append_printf (out, "%" G_GINT64_FORMAT, kl_entity_get_id (entity));
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const KlField *field = &klass->fields[i];
      g_autofree char *value = NULL;

      if (field->flags & (KL_FIELD_COMPUTED | KL_FIELD_DERIVED))
        continue;

      json_key (out, "    ", field->column, FALSE);
      value = kl_entity_value_to_string (entity, i);
      if (value == NULL)
        g_string_append (out, "null");
      else if (field->type == KL_FIELD_TEXT || field->type == KL_FIELD_DATE || field->type == KL_FIELD_DATETIME)
        json_string (out, value);
      else if (field->type == KL_FIELD_BOOL)
        g_string_append (out, g_str_equal (value, "1") ? "true" : "false");
      else
        g_string_append (out, value);
    }
  json_key (out, "    ", "created_at", FALSE);
  json_string (out, kl_entity_get_created_at (entity));
  json_key (out, "    ", "updated_at", FALSE);
  json_string (out, kl_entity_get_updated_at (entity));
  g_string_append (out, "\n  }");
}

gboolean
kl_contact_export_personal_data (KlSession   *session,
                                 gint64       contact_id,
                                 GFile       *out,
                                 GError     **error)
{
  KlDatabase *database;
  g_autoptr(KlEntity) contact = NULL;
  g_autoptr(GString) json = g_string_new (NULL);
  g_autofree char *now = NULL;
  g_autofree char *where = NULL;

  g_return_val_if_fail (KL_IS_SESSION (session), FALSE);
  g_return_val_if_fail (G_IS_FILE (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  database = kl_session_get_database (session);
  if (!kl_database_begin (database, error))
    return FALSE;

  contact = kl_store_get (kl_session_get_store (session, KL_TYPE_CONTACT), contact_id, error);
  if (contact == NULL)
    return fail (database);

  now = kl_database_now ();
  g_string_append (json, "{");
  json_key (json, "  ", "format", TRUE);
  json_string (json, "klijentela-personal-data");
  json_key (json, "  ", "version", FALSE);
  g_string_append (json, "1");
  json_key (json, "  ", "exported_at", FALSE);
  json_string (json, now);
  json_key (json, "  ", "contact", FALSE);
  json_entity (json, contact);

  if (!json_query (json, database, "client",
                   "SELECT id, name FROM clients WHERE id = ?1",
                   kl_entity_get_number (contact, "client_id"), error) ||
      !json_query (json, database, "activities",
                   "SELECT id, kind, subject, starts_at, duration_minutes, status, outcome, notes"
                   " FROM activities WHERE contact_id = ?1 ORDER BY starts_at, id",
                   contact_id, error) ||
      !json_query (json, database, "deals",
                   "SELECT id, title, stage, amount, currency, expected_close, closed_date, notes"
                   " FROM deals WHERE contact_id = ?1 ORDER BY id",
                   contact_id, error) ||
      !json_query (json, database, "audit_log",
                   "SELECT changed_at, action, field, old_value, new_value FROM audit_log"
                   " WHERE table_name = 'contacts' AND row_id = ?1 ORDER BY id",
                   contact_id, error))
    return fail (database);
  g_string_append (json, "\n}\n");

  where = g_file_get_parse_name (out);
  if (!write_audit_row (database, now, "contacts", contact_id, "export", NULL, NULL, where, error) ||
      !g_file_replace_contents (out, json->str, json->len, NULL, FALSE,
                                G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, NULL, error))
    return fail (database);

  if (!kl_database_commit (database, error))
    {
      kl_database_rollback (database);
      g_file_delete (out, NULL, NULL);
      return FALSE;
    }

  return TRUE;
}

/* The contact fields that hold personal data; the audit rows about them
 * are blanked on erasure. */
static const char * const personal_fields[] = {
  "name", "position", "phone", "email", "notes", "consent_date",
};

/* Writes @entity's stored fields over its row, without audit rows. */
static gboolean
overwrite_row (KlDatabase  *database,
               KlEntity    *entity,
               const char  *now,
               GError     **error)
{
  KlEntityClass *klass = KL_ENTITY_GET_CLASS (entity);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(KlCachedStmt) stmt = NULL;
  int param = 1;

  /* Column names from the field table: program text, not user text. */
  g_string_printf (sql, "UPDATE %s SET ", klass->table);
  for (guint i = 0; i < klass->n_fields; i++)
    {
      if (!(klass->fields[i].flags & KL_FIELD_COMPUTED))
        g_string_append_printf (sql, "%s = ?, ", klass->fields[i].column);
    }
  g_string_append (sql, "updated_at = ? WHERE id = ?");

  stmt = kl_database_prepare (database, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const KlField *field = &klass->fields[i];
      const GValue *value = _kl_entity_get_value (entity, i);

      if (field->flags & KL_FIELD_COMPUTED)
        continue;

      if (G_VALUE_HOLDS_STRING (value))
        sqlite3_bind_text (stmt, param, g_value_get_string (value), -1, SQLITE_STATIC);
      else if (G_VALUE_HOLDS_BOOLEAN (value))
        sqlite3_bind_int (stmt, param, g_value_get_boolean (value) ? 1 : 0);
      else if (field->type == KL_FIELD_REF && g_value_get_int64 (value) == 0)
        sqlite3_bind_null (stmt, param);
      else
        sqlite3_bind_int64 (stmt, param, g_value_get_int64 (value));
      param++;
    }
  sqlite3_bind_text (stmt, param++, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, param, kl_entity_get_id (entity));

  return kl_database_step_done (database, stmt, error);
}

gboolean
kl_contact_anonymise (KlSession   *session,
                      gint64       contact_id,
                      GError     **error)
{
  /* The personal fields, and where exports of them went. */
  static const char blank_sql[] =
    "UPDATE audit_log SET old_value = NULL, new_value = NULL"
    " WHERE table_name = 'contacts' AND row_id = ?1"
    " AND (field IN ('name', 'position', 'phone', 'email', 'notes', 'consent_date') OR action = 'export')";
  KlDatabase *database;
  KlStore *contacts;
  KlEntityClass *klass;
  g_autoptr(KlEntity) contact = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (KL_IS_SESSION (session), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  database = kl_session_get_database (session);
  contacts = kl_session_get_store (session, KL_TYPE_CONTACT);
  if (!kl_database_begin (database, error))
    return FALSE;

  contact = kl_store_get (contacts, contact_id, error);
  if (contact == NULL)
    return fail (database);

  /* Derived columns (the search key: name, e-mail, phone digits) are
   * derived again from what is left. No 'update' audit rows: they would
   * hold the erased values. */
  for (guint i = 0; i < G_N_ELEMENTS (personal_fields); i++)
    kl_entity_set_text (contact, personal_fields[i], NULL);
  /* Translators: the name a contact person gets when their personal data is erased */
  kl_entity_set_text (contact, "name", _("Anonymised contact"));
  klass = KL_ENTITY_GET_CLASS (contact);
  if (klass->derive != NULL)
    klass->derive (contact);

  now = kl_database_now ();
  if (!overwrite_row (database, contact, now, error) ||
      !exec_with_id (database, blank_sql, contact_id, error) ||
      !write_audit_row (database, now, "contacts", contact_id, "erase", NULL, NULL, NULL, error) ||
      !kl_database_commit (database, error))
    return fail (database);

  g_signal_emit_by_name (contacts, "changed", KL_STORE_UPDATED, contact_id);

  return TRUE;
}

/* Timeline */

void
kl_timeline_entry_free (KlTimelineEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->date);
  g_free (entry->title);
  g_free (entry);
}

/* Minor units as the user's locale writes numbers: "1.234,50 EUR". Every
 * currency Klijentela supports has two decimals. */
static char *
format_money (gint64      minor,
              const char *currency)
{
  struct lconv *conv = localeconv ();
  const char *point = conv->decimal_point != NULL && conv->decimal_point[0] != '\0' ? conv->decimal_point : ".";
  gint64 whole = minor / 100;
  int cents = (int)ABS (minor % 100);

  return g_strdup_printf ("%s%'" G_GINT64_FORMAT "%s%02d%s%s",
                          minor < 0 && whole == 0 ? "-" : "", whole, point, cents,
                          currency != NULL ? " " : "", currency != NULL ? currency : "");
}

/* The first line of @text, at most TITLE_CHARS_MAX characters. */
static char *
one_line (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);
  char *line = g_strstrip (g_strdelimit (valid, "\r\n\t", ' '));

  if (g_utf8_strlen (line, -1) > TITLE_CHARS_MAX)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, TITLE_CHARS_MAX - 1);

      return g_strconcat (g_strchomp (cut), "…", NULL);
    }

  return g_strdup (line);
}

/* A part of a history line; a value that is not there shows as a dash
 * (never NULL, which printf would print as "(null)"). */
static const char *
part (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : "—";
}

/* A stored value of a client field as the user reads it. */
static char *
display_value (const KlField *field,
               const char    *value)
{
  if (field != NULL && field->choices != NULL)
    return g_strdup (kl_choice_label (field->choices, value));
  if (field != NULL && field->type == KL_FIELD_MONEY)
    return format_money (g_ascii_strtoll (value, NULL, 10), NULL);

  return one_line (value);
}

static char *
field_change_title (KlEntityClass *klass,
                    const char    *column,
                    const char    *old_value,
                    const char    *new_value)
{
  const KlField *field = kl_entity_class_find_field (klass, column, NULL);
  const char *label = field != NULL && field->label != NULL ? _(field->label) : part (column);
  g_autofree char *before = old_value != NULL ? display_value (field, old_value) : NULL;
  g_autofree char *after = new_value != NULL ? display_value (field, new_value) : NULL;

  /* Translators: a line of a client's history; %1$s is a field such as
   * "City", the others are its old and new values */
  if (before == NULL)
    return g_strdup_printf (_("%1$s set to “%2$s”"), label, after != NULL ? after : "");
  if (after == NULL)
    return g_strdup_printf (_("%1$s cleared (was “%2$s”)"), label, before);

  return g_strdup_printf (_("%1$s changed from “%2$s” to “%3$s”"), label, before, after);
}

GPtrArray *
kl_client_timeline (KlSession   *session,
                    gint64       client_id,
                    guint        limit,
                    GError     **error)
{
  /* Columns: kind, date, id, then three texts, an amount and a currency,
   * whose meaning depends on the kind. */
  static const char sql[] =
    "SELECT 0, replace(starts_at, ' ', 'T') AS at, id, kind, subject, status, NULL, NULL"
    "  FROM activities WHERE client_id = ?1"
    " UNION ALL"
    " SELECT 1, created_at, id, title, stage, NULL, amount, currency FROM deals WHERE client_id = ?1"
    " UNION ALL"
    " SELECT 2, coalesce(signed_date, start_date), id, number, title, status, amount, currency"
    "  FROM contracts WHERE client_id = ?1"
    " UNION ALL"
    " SELECT 3, issue_date, id, number, status, NULL, amount, currency FROM invoices WHERE client_id = ?1"
    " UNION ALL"
    " SELECT 4, p.paid_date, p.id, i.number, NULL, NULL, p.amount, i.currency"
    "  FROM payments p JOIN invoices i ON i.id = p.invoice_id WHERE i.client_id = ?1"
    " UNION ALL"
    " SELECT 5, received_date, id, category, description, status, NULL, NULL"
    "  FROM complaints WHERE client_id = ?1"
    " UNION ALL"
    " SELECT 6, changed_at, id, field, old_value, new_value, NULL, NULL FROM audit_log"
    "  WHERE table_name = 'clients' AND row_id = ?1 AND action = 'update' AND field IS NOT NULL"
    " ORDER BY 2 DESC, 1, 3 DESC LIMIT ?2";
  KlDatabase *database;
  g_autoptr(KlCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  KlEntityClass *client_class;
  int rc;

  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  database = kl_session_get_database (session);
  stmt = kl_database_prepare (database, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_int (stmt, 2, limit > 0 ? (int)MIN (limit, G_MAXINT) : 100);

  client_class = g_type_class_ref (KL_TYPE_CLIENT);
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify)kl_timeline_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KlTimelineEntry *entry = g_new0 (KlTimelineEntry, 1);
      const char *a = column_text (stmt, 3);
      const char *b = column_text (stmt, 4);
      const char *c = column_text (stmt, 5);
      g_autofree char *amount = NULL;
      g_autofree char *text = NULL;

      entry->kind = sqlite3_column_int (stmt, 0);
      entry->date = g_strdup (column_text (stmt, 1));
      entry->record_id = sqlite3_column_int64 (stmt, 2);
      if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
        amount = format_money (sqlite3_column_int64 (stmt, 6), column_text (stmt, 7));

      switch (entry->kind)
        {
        case KL_TIMELINE_ACTIVITY:
          text = one_line (b);
          /* Translators: an activity in a client's history: its kind
           * ("Call"), its status ("Planned") and its subject */
          entry->title = g_strdup_printf (_("%1$s (%2$s): %3$s"),
                                          part (kl_choice_label (kl_activity_kinds, a)),
                                          part (kl_choice_label (kl_activity_statuses, c)), part (text));
          break;
        case KL_TIMELINE_DEAL:
          text = one_line (a);
          /* Translators: a deal's title, amount and stage ("Offer sent") */
          entry->title = g_strdup_printf (_("Deal “%1$s”, %2$s (%3$s)"), part (text), part (amount),
                                          part (kl_choice_label (kl_deal_stages, b)));
          break;
        case KL_TIMELINE_CONTRACT:
          text = one_line (b);
          /* Translators: a contract's number, title, amount and status */
          entry->title = g_strdup_printf (_("Contract %1$s “%2$s”, %3$s (%4$s)"), part (a), part (text),
                                          part (amount), part (kl_choice_label (kl_contract_statuses, c)));
          break;
        case KL_TIMELINE_INVOICE:
          /* Translators: an invoice's number, amount and status */
          entry->title = g_strdup_printf (_("Invoice %1$s, %2$s (%3$s)"), part (a), part (amount),
                                          part (kl_choice_label (kl_invoice_statuses, b)));
          break;
        case KL_TIMELINE_PAYMENT:
          /* Translators: an amount with its currency, and an invoice number */
          entry->title = g_strdup_printf (_("Payment of %1$s for invoice %2$s"), part (amount), part (a));
          break;
        case KL_TIMELINE_COMPLAINT:
          text = one_line (b);
          /* Translators: a complaint's category, status and description */
          entry->title = g_strdup_printf (_("Complaint (%1$s, %2$s): %3$s"),
                                          part (kl_choice_label (kl_complaint_categories, a)),
                                          part (kl_choice_label (kl_complaint_statuses, c)), part (text));
          break;
        case KL_TIMELINE_FIELD_CHANGE:
        default:
          entry->kind = KL_TIMELINE_FIELD_CHANGE;
          entry->title = field_change_title (client_class, a, b, c);
          break;
        }

      g_ptr_array_add (entries, entry);
    }
  g_type_class_unref (client_class);

  if (rc != SQLITE_DONE)
    {
      kl_database_set_error (database, error);
      return NULL;
    }

  return g_steal_pointer (&entries);
}
