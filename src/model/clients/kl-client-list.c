/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-client-list.h"

#include <string.h>

#include "kl-bulk.h"
#include "kl-client-list-private.h"
#include "kl-search.h"
#include "kl-summary-sql.h"

/* The client list as a GListModel backed by SQL: it counts the matching
 * rows and fetches pages of them as the view asks, so a view over 100 000
 * clients costs what its visible rows cost. Searching, filtering and
 * sorting are the database's:
 *
 * - search: each client has one folded document of words (name, tax ID,
 *   city, phone, e-mail, and its contacts' names, e-mails and phones) in
 *   client_docs, indexed by the FTS5 table client_search for word prefixes;
 * - filters: fixed SQL fragments, their values bound;
 * - sorting: every column has an index (key, sort_key), and the summary
 *   columns (last contact, next activity, open pipeline, overdue debt) are
 *   kept on the clients row by triggers (kl-summary-sql.h), so a sort
 *   change or a page costs an index walk, never an aggregate over 100 000
 *   clients.
 *
 * How a page is found depends on how many clients match (counting is
 * cheap: the FTS index, the filter indexes, or both with the index's ids
 * as a set):
 *
 * - none filtered: walk the sort index to the page, from whichever end is
 *   nearer, reading ids only;
 * - many match: walk the sort index and keep the matching rows: the
 *   filters, and for a search either membership in the index's ids, or,
 *   when most clients match, `' ' || doc LIKE '% word%'` (the same test as
 *   the FTS query, and cheaper than collecting the ids when the first page
 *   is found after a few hundred rows). Pages far from both ends read the
 *   whole order of ids once and keep it;
 * - few match (SORT_MATCHES_MAX): read them all through the narrower of
 *   the search and the filters, sort them once and keep the order.
 * - a search alone (no filter) with more matches than SORT_MATCHES_MAX
 *   up to SORT_FAR_MAX, or fewer when the order below is at hand, and a
 *   page far into more: every client's id in the sort order is read once
 *   from the sort index and kept while the database does not change
 *   (about 10 ms for 100 000); then each keystroke only reads the index's
 *   ids, marks them, and keeps the marked ones of that order. A match
 *   costs the same wherever it sorts (Cyrillic names after every Latin
 *   one), for any sort, and a page deep in the matches is at hand.
 *
 * Then the page's rows are read by id. The list is told of every change
 * through the stores' "changed" signals and then counts again. */

#define PAGE_SIZE 100
#define MAX_CACHED_PAGES 32
#define MAX_STATEMENTS 48

/* At most this many matches are read and sorted; more are found in sort
 * order. */
#define SORT_MATCHES_MAX 1000

/* A walk reaches this many pages from either end; pages between read
 * the whole order once. */
#define WALK_PAGES 10

/* A search matching at least 1/LIKE_DIVISOR of the clients tests their
 * documents as it walks rather than collect the index's ids. */
#define LIKE_DIVISOR 8

/* A search matching more than SORT_MATCHES_MAX clients is walked in sort
 * order only if its matches are not far into that order: how many of the
 * first WALK_PROBE_ROWS clients in order match tells how far the walk to
 * the first page goes (Cyrillic names all sort after the Latin ones: "ков"
 * would walk past every Latin client). A match read and sorted costs about
 * SORT_COST clients walked (bench-search: 1 487 matches sorted in 13 ms,
 * 60 000 clients walked in 18 ms), so the matches are read and sorted
 * when the walk would read more than SORT_COST times as many clients (all
 * of them when the probe found none), up to SORT_FAR_MAX matches. */
#define WALK_PROBE_ROWS 2000
#define SORT_COST 25
#define SORT_FAR_MAX 25000

/* They can be changed by tests (kl-client-list-private.h). */

typedef enum {
  PLAN_ALL,     /* every client */
  PLAN_WALK,    /* walk the sort order, keep the matches */
  PLAN_SORT,    /* read the matches, sort them */
} Plan;

/* How a search finds its clients in a query. */
typedef enum {
  MATCH_NONE,   /* no search */
  MATCH_INDEX,  /* the FTS index drives: its rows, then the clients */
  MATCH_IDS,    /* the clients drive; the index's ids are a set to test */
  MATCH_LIKE,   /* the clients drive; each document is tested with LIKE */
} Match;

struct _KlClientList
{
  GObject        parent_instance;

  KlSession     *session;
  KlDatabase    *database;
  char          *columns;         /* select list, qualified */
  GHashTable    *statements;      /* SQL → sqlite3_stmt, the list's own */

  char          *search;          /* as typed */
  KlSearchQuery *query;           /* or NULL */
  char          *search_match;    /* the query and the filters' words, for the index */
  char          *status;
  char          *segment;
  char          *source;
  gint64         manager_id;
  gboolean       overdue;
  gboolean       no_contact;
  GArray        *hidden;          /* ids left out, e.g. pending deletion; or NULL */
  KlClientSort   sort;
  gboolean       descending;

  char          *today;           /* the day overdue debts were brought up to */
  char          *contact_before;  /* no contact since before this date */

  Plan           plan;
  Match          match;
  gboolean       indexed;         /* the sort's index is there */
  gboolean       pending;         /* searching while the search index trails (search_pending) */
  char          *ids_sql[2];      /* a page's ids: in order, and from the other end */
  char          *row_sql;
  GArray        *order;           /* every match's id in order, once read */

  guint          sort_matches_max;
  guint          walk_pages;
  guint          like_divisor;
  guint          walk_probe_rows;
  gboolean       ranked;          /* searches may use sort_order */
  guint          rank_max;        /* … when they match at most this many */

  /* Every client's id in the order of sort_order_sort, ascending, read
   * once while the database does not change (ranked searches). */
  GArray        *sort_order;
  KlClientSort   sort_order_sort;
  gint64         sort_order_max_id;
  gint64         sort_order_changes;  /* sqlite3_total_changes64() then */
  gint64         sort_order_version;  /* PRAGMA data_version then */

  guint          n_items;
  GHashTable    *pages;           /* page index → GPtrArray of KlClient */
  guint          fetches;
};

static void kl_client_list_model_init (GListModelInterface *iface);
static void read_order                (KlClientList        *self);
static void read_ids                  (KlClientList        *self,
                                       sqlite3_stmt        *stmt,
                                       GArray              *ids);

G_DEFINE_FINAL_TYPE_WITH_CODE (KlClientList, kl_client_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, kl_client_list_model_init))

enum {
  PROP_0,
  PROP_SEARCH,
  PROP_STATUS,
  PROP_SEGMENT,
  PROP_SOURCE,
  PROP_MANAGER_ID,
  PROP_OVERDUE,
  PROP_NO_CONTACT,
  PROP_SORT_COLUMN,
  PROP_DESCENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct {
  const char *name;
  const char *index;   /* whose order is … */
  const char *order;   /* … these ORDER BY terms, ascending; then c.id */
} SortInfo;

/* The indexes are made by schema migrations 1 to 3. */
static const SortInfo sorts[KL_CLIENT_N_SORTS] = {
  [KL_CLIENT_SORT_NAME] = { "name", "clients_sort_key", "c.sort_key" },
  [KL_CLIENT_SORT_TAX_ID] = { "tax-id", "clients_sort_tax_id", "c.tax_id IS NULL, c.tax_id, c.sort_key" },
  [KL_CLIENT_SORT_CITY] = { "city", "clients_sort_city", "c.city IS NULL, c.city, c.sort_key" },
  [KL_CLIENT_SORT_SEGMENT] = { "segment", "clients_sort_segment", "c.segment IS NULL, c.segment, c.sort_key" },
  [KL_CLIENT_SORT_STATUS] = { "status", "clients_sort_status", KL_SQL_STATUS_RANK ", c.sort_key" },
  [KL_CLIENT_SORT_MANAGER] = { "manager-name", "clients_sort_manager",
                               "c.manager_key IS NULL, c.manager_key, c.sort_key" },
  [KL_CLIENT_SORT_PHONE] = { "phone", "clients_sort_phone", "c.phone IS NULL, c.phone, c.sort_key" },
  [KL_CLIENT_SORT_LAST_CONTACT] = { "last-contact", "clients_sort_last_contact", "c.last_contact_at, c.sort_key" },
  [KL_CLIENT_SORT_NEXT_ACTIVITY] = { "next-activity", "clients_sort_next_activity",
                                     "c.next_activity_at IS NULL, c.next_activity_at, c.sort_key" },
  [KL_CLIENT_SORT_OPEN_PIPELINE] = { "open-pipeline", "clients_sort_pipeline", "c.open_pipeline, c.sort_key" },
  [KL_CLIENT_SORT_OVERDUE_DEBT] = { "overdue-debt", "clients_sort_debt", "c.overdue_debt, c.sort_key" },
};

/* The filters' indexes: every filter column (counts from the index
 * alone, and with a search the name order without reading the clients'
 * rows), and one for each filter that does not come first in it. */
#define FILTER_INDEX "clients_filter"
#define SEGMENT_INDEX "clients_segment"
#define SOURCE_INDEX "clients_source"
#define MANAGER_INDEX "clients_manager"

/* The stores whose changes show in the list. */
static GType
watched_type (guint i)
{
  switch (i)
    {
    case 0: return KL_TYPE_CLIENT;
    case 1: return KL_TYPE_CONTACT;
    case 2: return KL_TYPE_MANAGER;
    case 3: return KL_TYPE_ACTIVITY;
    case 4: return KL_TYPE_DEAL;
    case 5: return KL_TYPE_INVOICE;
    case 6: return KL_TYPE_PAYMENT;
    default: return G_TYPE_INVALID;
    }
}

/* Helpers */

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

/* The list's statements vary with the number of words searched, so they
 * are kept here, a bounded few, rather than in the database's cache. */
static KlCachedStmt *
prepare (KlClientList  *self,
         const char    *sql,
         GError       **error)
{
  sqlite3 *db = kl_database_get_handle (self->database);
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    return stmt;

  if (sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      kl_database_set_error (self->database, error);
      return NULL;
    }

  /* None is in use between calls: the list never keeps one running. */
  if (g_hash_table_size (self->statements) >= MAX_STATEMENTS)
    g_hash_table_remove_all (self->statements);
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  return stmt;
}

static gboolean
has_filters (KlClientList *self)
{
  return self->status != NULL || self->segment != NULL || self->source != NULL ||
         self->manager_id != 0 || self->overdue || self->no_contact ||
         (self->hidden != NULL && self->hidden->len > 0);
}

/* The filters a search cannot ask the index for (the others are words
 * of the documents, KL_SQL_FILTER_WORDS): no contact since a date, and
 * the hidden ids. */
static gboolean
has_sql_filters (KlClientList *self)
{
  return self->no_contact || (self->hidden != NULL && self->hidden->len > 0);
}

/* The search and the filters' words, as one FTS5 query. The filters are
 * also tested in SQL (append_filters()); asking the index too means a
 * search with filters reads only the clients that match both. */
static char *
build_search_match (KlClientList *self)
{
  GString *match;

  if (self->query == NULL)
    return NULL;

  match = g_string_new (NULL);
  g_string_append_printf (match, "(%s)", self->query->match);
  if (self->status != NULL)
    g_string_append_printf (match, " AND \"_s%s\"", self->status);
  if (self->segment != NULL)
    g_string_append_printf (match, " AND \"_g%s\"", self->segment);
  if (self->source != NULL)
    g_string_append_printf (match, " AND \"_o%s\"", self->source);
  if (self->manager_id == KL_CLIENT_LIST_NO_MANAGER)
    g_string_append (match, " AND \"_m0\"");
  else if (self->manager_id != 0)
    g_string_append_printf (match, " AND \"_m%" G_GINT64_FORMAT "\"", self->manager_id);
  if (self->overdue)
    g_string_append (match, " AND \"_d\"");

  return g_string_free (match, FALSE);
}

/* Only fixed fragments go into the text; values are bound by name. */
static void
append_filters (KlClientList *self,
                GString      *sql)
{
  if (self->status != NULL)
    g_string_append (sql, " AND c.status = :status");
  if (self->segment != NULL)
    g_string_append (sql, " AND c.segment = :segment");
  if (self->source != NULL)
    g_string_append (sql, " AND c.source = :source");
  if (self->manager_id == KL_CLIENT_LIST_NO_MANAGER)
    g_string_append (sql, " AND c.manager_id IS NULL");
  else if (self->manager_id != 0)
    g_string_append (sql, " AND c.manager_id = :manager");
  if (self->overdue)
    g_string_append (sql, " AND c.overdue_debt > 0");
  if (self->no_contact)
    g_string_append (sql, " AND c.last_contact_at < :before");
  if (self->hidden != NULL && self->hidden->len > 0)
    {
      g_string_append (sql, " AND c.id NOT IN (");
      for (guint i = 0; i < self->hidden->len; i++)
        g_string_append_printf (sql, "%s:h%u", i > 0 ? ", " : "", i);
      g_string_append (sql, ")");
    }
}

/* The search as a test of the document d.doc: the same as the FTS query. */
static void
append_search_test (KlClientList *self,
                    GString      *sql)
{
  g_string_append (sql, " AND ((1");
  for (guint i = 0; self->query->words[i] != NULL; i++)
    g_string_append_printf (sql, " AND ' ' || d.doc LIKE :w%u", i);
  g_string_append (sql, ")");
  for (guint i = 0; self->query->numbers[i] != NULL; i++)
    g_string_append_printf (sql, " OR ' ' || d.doc LIKE :n%u", i);
  g_string_append (sql, ")");
}

/* Rows of clients c that match, in @index's order when not NULL. */
static void
append_matches (KlClientList *self,
                GString      *sql,
                const char   *index)
{
  if (self->match == MATCH_INDEX)
    {
      g_string_append (sql, " FROM client_search s CROSS JOIN clients c ON c.id = s.rowid"
                            " WHERE s.client_search MATCH :search");
      append_filters (self, sql);
      return;
    }

  g_string_append (sql, " FROM clients c");
  if (index != NULL)
    g_string_append_printf (sql, " INDEXED BY %s", index);
  if (self->match == MATCH_LIKE)
    g_string_append (sql, " CROSS JOIN client_docs d ON d.id = c.id");
  g_string_append (sql, " WHERE 1");
  append_filters (self, sql);
  if (self->match == MATCH_IDS)
    g_string_append (sql, " AND c.id IN (SELECT rowid FROM client_search WHERE client_search MATCH :search)");
  else if (self->match == MATCH_LIKE)
    append_search_test (self, sql);
}

static void
append_order (KlClientList *self,
              GString      *sql,
              gboolean      reversed,
              gboolean      unindexed)
{
  const char *direction = self->descending != reversed ? " DESC" : "";
  g_auto(GStrv) terms = g_strsplit (sorts[self->sort].order, ", ", -1);

  /* A unary + keeps the planner from reading the sort index to order. */
  g_string_append (sql, " ORDER BY ");
  for (guint i = 0; terms[i] != NULL; i++)
    g_string_append_printf (sql, "%s%s%s, ", unindexed ? "+" : "", terms[i], direction);
  g_string_append_printf (sql, "c.id%s", direction);
}

static char *
build_ids_query (KlClientList *self,
                 gboolean      reversed)
{
  const SortInfo *info = &sorts[self->sort];
  GString *sql = g_string_new ("SELECT c.id");

  switch (self->plan)
    {
    case PLAN_ALL:
      g_string_append_printf (sql, " FROM clients c INDEXED BY %s", info->index);
      append_order (self, sql, reversed, FALSE);
      break;
    case PLAN_WALK:
      append_matches (self, sql, info->index);
      append_order (self, sql, reversed, FALSE);
      break;
    case PLAN_SORT:
    default:
      append_matches (self, sql, NULL);
      append_order (self, sql, reversed, TRUE);
      break;
    }
  g_string_append (sql, " LIMIT :limit OFFSET :offset");

  return g_string_free (sql, FALSE);
}

static void
bind_text (sqlite3_stmt *stmt,
           const char   *name,
           const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

static void
bind_int64 (sqlite3_stmt *stmt,
            const char   *name,
            gint64        value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    sqlite3_bind_int64 (stmt, index, value);
}

static void
bind_filters (KlClientList *self,
              sqlite3_stmt *stmt)
{
  bind_text (stmt, ":status", self->status);
  bind_text (stmt, ":segment", self->segment);
  bind_text (stmt, ":source", self->source);
  bind_int64 (stmt, ":manager", self->manager_id);
  bind_text (stmt, ":before", self->contact_before);
  for (guint i = 0; self->hidden != NULL && i < self->hidden->len; i++)
    {
      g_autofree char *name = g_strdup_printf (":h%u", i);

      bind_int64 (stmt, name, g_array_index (self->hidden, gint64, i));
    }

  if (self->query == NULL)
    return;

  bind_text (stmt, ":search", self->search_match);
  for (guint i = 0; self->query->words[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf (":w%u", i);
      /* Words hold letters and digits only: no LIKE wildcard to escape. */
      g_autofree char *pattern = g_strdup_printf ("%% %s%%", self->query->words[i]);

      bind_text (stmt, name, pattern);
    }
  for (guint i = 0; self->query->numbers[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf (":n%u", i);
      g_autofree char *pattern = g_strdup_printf ("%% %s%%", self->query->numbers[i]);

      bind_text (stmt, name, pattern);
    }
}

/* Overdue debt depends on the day: when a new one begins, the clients
 * with an invoice falling due since are summed again (few, by index).
 * The check reads first, so an open list never waits for a write lock. */
static void
bring_up_to_today (KlClientList *self)
{
  g_autofree char *today = kl_database_today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) before = NULL;
  gint64 due;

  if (g_strcmp0 (today, self->today) == 0)
    return;

  now = g_date_time_new_now_local ();
  before = g_date_time_add_days (now, -KL_CLIENT_NO_CONTACT_DAYS);
  g_free (self->contact_before);
  self->contact_before = g_date_time_format (before, "%Y-%m-%d");

  due = kl_database_query_int (self->database,
                               "SELECT EXISTS (SELECT 1 FROM clients WHERE " KL_SQL_NEEDS_OVERDUE_REFRESH ")",
                               &error);
  if (due < 0 || (due > 0 && !kl_database_exec (self->database, KL_SQL_REFRESH_OVERDUE, &error)))
    {
      /* A read-only or busy database shows the sums of the day they were
       * made; the next query tries again. */
      g_debug ("Could not bring overdue debts up to %s: %s", today, error->message);
      return;
    }

  g_free (self->today);
  self->today = g_steal_pointer (&today);
}

static gint64
count_with (KlClientList *self,
            const char   *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCachedStmt) stmt = prepare (self, sql, &error);

  if (stmt == NULL)
    {
      g_warning ("Could not count clients: %s", error->message);
      return 0;
    }

  bind_filters (self, stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      kl_database_set_error (self->database, &error);
      g_warning ("Could not count clients: %s", error->message);
      return 0;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/* Whether the index @name is there: one that a large import dropped is
 * made again now (kl_bulk_ensure_index()); a read-only or busy database
 * goes without it. */
static gboolean
ensure_index (KlClientList *self,
              const char   *name)
{
  g_autoptr(GError) error = NULL;

  if (!kl_bulk_ensure_index (self->database, name, &error))
    {
      g_debug ("Going without the index %s: %s", name, error->message);
      return FALSE;
    }

  return TRUE;
}

static void
build_ids_queries (KlClientList *self)
{
  for (guint i = 0; i < 2; i++)
    {
      g_free (self->ids_sql[i]);
      self->ids_sql[i] = build_ids_query (self, i);
    }
}

/* Whether walking the sort order to the first page of the search's @n
 * matches costs less than reading and sorting them: the matches among
 * the first walk_probe_rows clients in order tell how far the walk goes. */
static gboolean
walk_is_near (KlClientList *self,
              gint64        n,
              gint64        n_clients)
{
  g_autoptr(GString) sql = NULL;
  gint64 found;
  gint64 walked;

  if (self->walk_probe_rows == 0 || n > SORT_FAR_MAX)
    return TRUE;

  sql = g_string_new ("SELECT count(*) FROM (SELECT c.id");
  g_string_append_printf (sql, " FROM clients c INDEXED BY %s", sorts[self->sort].index);
  append_order (self, sql, FALSE, FALSE);
  g_string_append_printf (sql, " LIMIT %u) c CROSS JOIN client_docs d ON d.id = c.id WHERE 1",
                          self->walk_probe_rows);
  append_search_test (self, sql);
  found = count_with (self, sql->str);

  /* The rows walked to the first page if the density holds, or as many
   * as there are clients when none matched. */
  walked = found > 0 ? (gint64) self->walk_probe_rows * PAGE_SIZE / found : MAX (n_clients, 1);

  return walked <= n * SORT_COST;
}

/* Whether sort_order is the sort's and the database has not changed
 * since it was read (by this connection: its count of changed rows; by
 * another: the data version). */
static gboolean
sort_order_is_current (KlClientList *self,
                       gint64       *out_changes,
                       gint64       *out_version)
{
  sqlite3 *db = kl_database_get_handle (self->database);

  *out_changes = sqlite3_total_changes64 (db);
  *out_version = count_with (self, "PRAGMA data_version");
  return self->sort_order != NULL && self->sort_order_sort == self->sort &&
         self->sort_order_changes == *out_changes && self->sort_order_version == *out_version;
}

/* Whether the search may be marked in every client's order: no filter
 * (the index's ids are the matches), the sort's index there. */
static gboolean
may_rank (KlClientList *self)
{
  return self->ranked && self->indexed && self->query != NULL && !self->pending && !has_filters (self);
}

/* Reads every client's id in the sort's ascending order, from its index. */
static gboolean
read_sort_order (KlClientList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) sql = NULL;
  g_autoptr(KlCachedStmt) stmt = NULL;
  gint64 changes, version;

  if (sort_order_is_current (self, &changes, &version))
    return TRUE;

  g_clear_pointer (&self->sort_order, g_array_unref);
  sql = g_string_new ("SELECT c.id");
  g_string_append_printf (sql, " FROM clients c INDEXED BY %s", sorts[self->sort].index);
  /* reversed when descending: ascending */
  append_order (self, sql, self->descending, FALSE);
  stmt = prepare (self, sql->str, &error);
  if (stmt == NULL)
    {
      g_warning ("Could not read clients: %s", error->message);
      return FALSE;
    }

  self->sort_order = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1024);
  read_ids (self, stmt, self->sort_order);
  self->sort_order_max_id = 0;
  for (guint i = 0; i < self->sort_order->len; i++)
    self->sort_order_max_id = MAX (self->sort_order_max_id, g_array_index (self->sort_order, gint64, i));
  self->sort_order_sort = self->sort;
  self->sort_order_changes = changes;
  self->sort_order_version = version;
  return TRUE;
}

/* The search's matches in order (self->order): the index's ids marked,
 * sort_order walked keeping the marked ones. FALSE when the order could
 * not be read. */
static gboolean
read_ranked (KlClientList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCachedStmt) stmt = NULL;
  g_autofree guint8 *marks = NULL;
  gint64 max_id;
  guint n;
  int rc;

  if (!read_sort_order (self))
    return FALSE;

  stmt = prepare (self, "SELECT rowid FROM client_search WHERE client_search MATCH :search", &error);
  if (stmt == NULL)
    {
      g_warning ("Could not search clients: %s", error->message);
      return FALSE;
    }
  bind_filters (self, stmt);

  max_id = self->sort_order_max_id;
  marks = g_malloc0 (max_id / 8 + 1);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (id >= 0 && id <= max_id)
        marks[id / 8] |= 1 << (id % 8);
    }
  if (rc != SQLITE_DONE)
    {
      kl_database_set_error (self->database, &error);
      g_warning ("Could not search clients: %s", error->message);
      return FALSE;
    }

  g_clear_pointer (&self->order, g_array_unref);
  self->order = g_array_new (FALSE, FALSE, sizeof (gint64));
  n = self->sort_order->len;
  for (guint i = 0; i < n; i++)
    {
      gint64 id = g_array_index (self->sort_order, gint64, self->descending ? n - 1 - i : i);

      if (id >= 0 && (marks[id / 8] & (1 << (id % 8))))
        g_array_append_val (self->order, id);
    }
  return TRUE;
}

/* Counts the matching clients and chooses how to read them. */
static guint
count_rows (KlClientList *self)
{
  /* With a search, the filters the index knows are part of its query. */
  gboolean filters = self->query != NULL ? has_sql_filters (self) : has_filters (self);
  gint64 n_search = -1;
  gint64 n_filters = -1;
  gint64 n;

  self->plan = PLAN_WALK;
  self->match = MATCH_NONE;
  self->indexed = ensure_index (self, sorts[self->sort].index);
  if (has_filters (self))
    ensure_index (self, FILTER_INDEX);
  if (self->segment != NULL)
    ensure_index (self, SEGMENT_INDEX);
  if (self->source != NULL)
    ensure_index (self, SOURCE_INDEX);
  if (self->manager_id != 0)
    ensure_index (self, MANAGER_INDEX);
  self->pending = self->query != NULL && kl_search_index_is_pending (self->database);

  if (self->query == NULL && !filters)
    {
      self->plan = self->indexed ? PLAN_ALL : PLAN_SORT;
      return count_with (self, "SELECT count(*) FROM clients");
    }

  if (self->pending)
    {
      /* Right after a large import: every document is in client_docs, not
       * all of them in the search index yet. Slower, but nothing is missed. */
      g_autoptr(GString) sql = g_string_new ("SELECT count(*)");

      self->match = MATCH_LIKE;
      append_matches (self, sql, NULL);
      n = count_with (self, sql->str);
      if (n <= self->sort_matches_max || !self->indexed)
        self->plan = PLAN_SORT;
      return CLAMP (n, 0, G_MAXUINT);
    }

  if (self->query != NULL)
    n_search = count_with (self, "SELECT count(*) FROM client_search WHERE client_search MATCH :search");
  if (filters)
    {
      g_autoptr(GString) sql = g_string_new ("SELECT count(*) FROM clients c WHERE 1");

      append_filters (self, sql);
      n_filters = count_with (self, sql->str);
    }

  if (self->query == NULL)
    n = n_filters;
  else if (!filters)
    {
      /* When most clients match, the first page is found after a few
       * hundred rows: testing them beats collecting every id. */
      gint64 n_clients = count_with (self, "SELECT max(rowid) FROM clients");

      n = n_search;
      if (may_rank (self) && n <= self->rank_max &&
          (n > self->sort_matches_max ||
           (self->sort_order != NULL && self->sort_order_sort == self->sort)))
        {
          /* The order of every client at hand (or worth reading): mark
           * the matches in it. */
          self->match = MATCH_INDEX;
          self->plan = PLAN_SORT;
          if (read_ranked (self))
            return self->order->len;
          g_clear_pointer (&self->order, g_array_unref);
        }
      if (n <= self->sort_matches_max)
        self->match = MATCH_INDEX;
      else if (self->indexed && !walk_is_near (self, n, n_clients))
        {
          /* Far into the sort order: read and sort them. */
          self->match = MATCH_INDEX;
          self->plan = PLAN_SORT;
          return CLAMP (n, 0, G_MAXUINT);
        }
      else if (self->indexed && self->like_divisor > 0 && n * self->like_divisor >= n_clients)
        self->match = MATCH_LIKE;
      else
        self->match = MATCH_IDS;
    }
  else if (MIN (n_search, n_filters) <= self->sort_matches_max ||
           n_search * n_filters <= self->sort_matches_max * count_with (self, "SELECT max(rowid) FROM clients"))
    {
      /* Few at most, or few to expect if searching and filtering are
       * independent: read and sort them through the narrower side, and
       * count what was read. */
      self->plan = PLAN_SORT;
      self->match = n_search <= n_filters ? MATCH_INDEX : MATCH_IDS;
      build_ids_queries (self);
      read_order (self);
      return self->order->len;
    }
  else
    {
      g_autoptr(GString) sql = g_string_new ("SELECT count(*)");

      self->match = MATCH_IDS;
      append_matches (self, sql, NULL);
      n = count_with (self, sql->str);
    }

  if (n <= self->sort_matches_max || !self->indexed)
    self->plan = PLAN_SORT;

  return CLAMP (n, 0, G_MAXUINT);
}

/* Steps @stmt, appending the ids it gives to @ids. */
static void
read_ids (KlClientList *self,
          sqlite3_stmt *stmt,
          GArray       *ids)
{
  g_autoptr(GError) error = NULL;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      kl_database_set_error (self->database, &error);
      g_warning ("Could not read clients: %s", error->message);
    }
}

/* Reads the id of every match, in order, once. */
static void
read_order (KlClientList *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCachedStmt) stmt = NULL;

  if (self->order != NULL)
    return;

  /* A page far into many matches: marked in every client's order. */
  if (self->plan == PLAN_WALK && may_rank (self))
    {
      if (read_ranked (self))
        return;
      g_clear_pointer (&self->order, g_array_unref);
    }

  self->order = g_array_sized_new (FALSE, FALSE, sizeof (gint64), MIN (self->n_items, 100000));

  /* The whole order of a walk: few matches are cheaper read and sorted
   * (a quarter of the clients or fewer), and testing every document
   * costs more than collecting the index's ids. */
  if (self->plan == PLAN_WALK)
    {
      g_autofree char *sql = NULL;
      Match match = self->match;
      gint64 n_clients = count_with (self, "SELECT max(rowid) FROM clients");

      if ((gint64) self->n_items * 4 <= n_clients)
        {
          self->plan = PLAN_SORT;
          if (match != MATCH_NONE && !has_sql_filters (self) && !self->pending)
            self->match = MATCH_INDEX;
        }
      if (self->match == MATCH_LIKE && !self->pending)
        self->match = MATCH_IDS;
      sql = build_ids_query (self, FALSE);
      self->plan = PLAN_WALK;
      self->match = match;
      stmt = prepare (self, sql, &error);
    }
  else
    stmt = prepare (self, self->ids_sql[0], &error);

  if (stmt == NULL)
    {
      g_warning ("Could not read clients: %s", error->message);
      return;
    }

  bind_filters (self, stmt);
  bind_int64 (stmt, ":limit", -1);
  bind_int64 (stmt, ":offset", 0);
  read_ids (self, stmt, self->order);
}

/* The ids of a page, in order. */
static GArray *
fetch_ids (KlClientList *self,
           guint         offset,
           guint         limit)
{
  g_autoptr(GError) error = NULL;
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), limit);
  guint from_end = self->n_items - offset - limit;
  gboolean reversed;

  /* Walking costs the distance walked: go from the nearer end, and when
   * both are far (or the matches are few), read the whole order once. */
  if (self->plan == PLAN_ALL)
    reversed = from_end < offset;
  else if (self->plan == PLAN_WALK && offset < self->walk_pages * PAGE_SIZE)
    reversed = FALSE;
  else if (self->plan == PLAN_WALK && from_end < self->walk_pages * PAGE_SIZE)
    reversed = TRUE;
  else
    {
      read_order (self);
      if (offset < self->order->len)
        g_array_append_vals (ids, &g_array_index (self->order, gint64, offset),
                             MIN (limit, self->order->len - offset));
      return ids;
    }

  {
    g_autoptr(KlCachedStmt) stmt = prepare (self, self->ids_sql[reversed], &error);

    if (stmt == NULL)
      {
        g_warning ("Could not read clients: %s", error->message);
        return ids;
      }

    bind_filters (self, stmt);
    bind_int64 (stmt, ":limit", limit);
    bind_int64 (stmt, ":offset", reversed ? from_end : offset);
    read_ids (self, stmt, ids);
  }

  if (reversed)
    for (guint i = 0; i < ids->len / 2; i++)
      {
        gint64 t = g_array_index (ids, gint64, i);

        g_array_index (ids, gint64, i) = g_array_index (ids, gint64, ids->len - 1 - i);
        g_array_index (ids, gint64, ids->len - 1 - i) = t;
      }

  return ids;
}

static GPtrArray *
fetch_page (KlClientList *self,
            guint         page)
{
  g_autoptr(GError) error = NULL;
  guint offset = page * PAGE_SIZE;
  g_autoptr(GArray) ids = fetch_ids (self, offset, MIN (PAGE_SIZE, self->n_items - offset));
  GPtrArray *items = g_ptr_array_new_full (ids->len, g_object_unref);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(KlCachedStmt) stmt = prepare (self, self->row_sql, &error);
      int rc;

      if (stmt == NULL)
        {
          g_warning ("Could not read a client: %s", error->message);
          break;
        }

      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          KlEntity *client = g_object_new (KL_TYPE_CLIENT, NULL);

          kl_entity_load_row (client, stmt, 0);
          g_ptr_array_add (items, client);
        }
      else if (rc != SQLITE_DONE)
        {
          kl_database_set_error (self->database, &error);
          g_warning ("Could not read a client: %s", error->message);
          break;
        }
    }
  self->fetches++;

  return items;
}

static void
requery (KlClientList *self)
{
  bring_up_to_today (self);
  g_hash_table_remove_all (self->pages);
  g_clear_pointer (&self->order, g_array_unref);

  g_free (self->search_match);
  self->search_match = build_search_match (self);
  self->n_items = 0;
  self->n_items = count_rows (self);
  build_ids_queries (self);
}

static void
reset (KlClientList *self)
{
  guint removed = self->n_items;

  requery (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->n_items);
}

/* Replaces *@field by @value; TRUE when it changed. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (value != NULL && value[0] == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* Takes @text as the search; TRUE when what it finds changed. */
static gboolean
update_search (KlClientList *self,
               const char   *text)
{
  g_autoptr(KlSearchQuery) query = NULL;
  gboolean same;

  if (!set_string (&self->search, text))
    return FALSE;

  /* Text with no word in it (only punctuation) searches for nothing. */
  query = self->search != NULL ? kl_search_query_new (self->search) : NULL;
  same = query == NULL ? self->query == NULL
                       : self->query != NULL && strcmp (query->match, self->query->match) == 0;
  kl_search_query_free (self->query);
  self->query = g_steal_pointer (&query);

  return !same;
}

/* Callbacks */

static void
on_store_changed_cb (KlClientList *self,
                     int           change,
                     gint64        id,
                     KlStore      *store)
{
  reset (self);
}

/* GListModel */

static GType
kl_client_list_get_item_type (GListModel *model)
{
  return KL_TYPE_CLIENT;
}

static guint
kl_client_list_get_n_items (GListModel *model)
{
  return KL_CLIENT_LIST (model)->n_items;
}

static gpointer
kl_client_list_get_item (GListModel *model,
                         guint       position)
{
  KlClientList *self = KL_CLIENT_LIST (model);
  guint page = position / PAGE_SIZE;
  GPtrArray *items;

  if (position >= self->n_items)
    return NULL;

  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (items == NULL)
    {
      if (g_hash_table_size (self->pages) >= MAX_CACHED_PAGES)
        g_hash_table_remove_all (self->pages);
      items = fetch_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
    }

  if (position % PAGE_SIZE >= items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (items, position % PAGE_SIZE));
}

static void
kl_client_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = kl_client_list_get_item_type;
  iface->get_n_items = kl_client_list_get_n_items;
  iface->get_item = kl_client_list_get_item;
}

/* GObject */

static void
kl_client_list_dispose (GObject *object)
{
  KlClientList *self = (KlClientList *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_object (&self->database);
  g_clear_object (&self->session);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->order, g_array_unref);
  g_clear_pointer (&self->sort_order, g_array_unref);
  g_clear_pointer (&self->hidden, g_array_unref);

  G_OBJECT_CLASS (kl_client_list_parent_class)->dispose (object);
}

static void
kl_client_list_finalize (GObject *object)
{
  KlClientList *self = (KlClientList *)object;

  g_free (self->columns);
  g_free (self->search);
  kl_search_query_free (self->query);
  g_free (self->search_match);
  g_free (self->status);
  g_free (self->segment);
  g_free (self->source);
  g_free (self->today);
  g_free (self->contact_before);
  g_free (self->ids_sql[0]);
  g_free (self->ids_sql[1]);
  g_free (self->row_sql);

  G_OBJECT_CLASS (kl_client_list_parent_class)->finalize (object);
}

static void
kl_client_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KlClientList *self = KL_CLIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_STATUS:
      g_value_set_string (value, self->status);
      break;
    case PROP_SEGMENT:
      g_value_set_string (value, self->segment);
      break;
    case PROP_SOURCE:
      g_value_set_string (value, self->source);
      break;
    case PROP_MANAGER_ID:
      g_value_set_int64 (value, self->manager_id);
      break;
    case PROP_OVERDUE:
      g_value_set_boolean (value, self->overdue);
      break;
    case PROP_NO_CONTACT:
      g_value_set_boolean (value, self->no_contact);
      break;
    case PROP_SORT_COLUMN:
      g_value_set_string (value, kl_client_sort_to_string (self->sort));
      break;
    case PROP_DESCENDING:
      g_value_set_boolean (value, self->descending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_client_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KlClientList *self = KL_CLIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      kl_client_list_set_search (self, g_value_get_string (value));
      break;
    case PROP_STATUS:
      kl_client_list_set_status (self, g_value_get_string (value));
      break;
    case PROP_SEGMENT:
      kl_client_list_set_segment (self, g_value_get_string (value));
      break;
    case PROP_SOURCE:
      kl_client_list_set_source (self, g_value_get_string (value));
      break;
    case PROP_MANAGER_ID:
      kl_client_list_set_manager (self, g_value_get_int64 (value));
      break;
    case PROP_OVERDUE:
      kl_client_list_set_overdue (self, g_value_get_boolean (value));
      break;
    case PROP_NO_CONTACT:
      kl_client_list_set_no_contact (self, g_value_get_boolean (value));
      break;
    case PROP_SORT_COLUMN:
      {
        KlClientSort sort;

        if (kl_client_sort_from_string (g_value_get_string (value), &sort))
          kl_client_list_set_sort (self, sort, self->descending);
        else
          g_warning ("No client list column is called “%s”", g_value_get_string (value));
      }
      break;
    case PROP_DESCENDING:
      kl_client_list_set_sort (self, self->sort, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_client_list_class_init (KlClientListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = kl_client_list_dispose;
  object_class->finalize = kl_client_list_finalize;
  object_class->get_property = kl_client_list_get_property;
  object_class->set_property = kl_client_list_set_property;

  /* The list's state, readable so the window can remember it. */
  properties[PROP_SEARCH] = g_param_spec_string ("search", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties[PROP_SEGMENT] = g_param_spec_string ("segment", NULL, NULL, NULL, flags);
  properties[PROP_SOURCE] = g_param_spec_string ("source", NULL, NULL, NULL, flags);
  properties[PROP_MANAGER_ID] = g_param_spec_int64 ("manager-id", NULL, NULL,
                                                    KL_CLIENT_LIST_NO_MANAGER, G_MAXINT64, 0, flags);
  properties[PROP_OVERDUE] = g_param_spec_boolean ("overdue", NULL, NULL, FALSE, flags);
  properties[PROP_NO_CONTACT] = g_param_spec_boolean ("no-contact", NULL, NULL, FALSE, flags);
  properties[PROP_SORT_COLUMN] = g_param_spec_string ("sort-column", NULL, NULL, "name", flags);
  properties[PROP_DESCENDING] = g_param_spec_boolean ("descending", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kl_client_list_init (KlClientList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->sort_matches_max = SORT_MATCHES_MAX;
  self->walk_pages = WALK_PAGES;
  self->like_divisor = LIKE_DIVISOR;
  self->walk_probe_rows = WALK_PROBE_ROWS;
  self->ranked = TRUE;
  self->rank_max = SORT_FAR_MAX;
}

/* Public API */

const char *
kl_client_sort_to_string (KlClientSort sort)
{
  g_return_val_if_fail (sort < KL_CLIENT_N_SORTS, NULL);

  return sorts[sort].name;
}

gboolean
kl_client_sort_from_string (const char   *name,
                            KlClientSort *sort)
{
  g_return_val_if_fail (sort != NULL, FALSE);

  for (guint i = 0; name != NULL && i < KL_CLIENT_N_SORTS; i++)
    if (strcmp (name, sorts[i].name) == 0)
      {
        *sort = i;
        return TRUE;
      }

  return FALSE;
}

KlClientList *
kl_client_list_new (KlSession *session)
{
  KlClientList *self;
  KlStore *clients;

  g_return_val_if_fail (KL_IS_SESSION (session), NULL);

  self = g_object_new (KL_TYPE_CLIENT_LIST, NULL);
  self->session = g_object_ref (session);
  self->database = g_object_ref (kl_session_get_database (session));
  clients = kl_session_get_store (session, KL_TYPE_CLIENT);
  self->columns = kl_store_select_columns (clients, "c");
  self->row_sql = g_strdup_printf ("SELECT %s, m.name, nullif (c.last_contact_at, ''), c.next_activity_at,"
                                   " c.open_pipeline, c.overdue_debt"
                                   " FROM clients c LEFT JOIN managers m ON m.id = c.manager_id"
                                   " WHERE c.id = ?",
                                   self->columns);

  for (guint i = 0; watched_type (i) != G_TYPE_INVALID; i++)
    g_signal_connect_object (kl_session_get_store (session, watched_type (i)), "changed",
                             G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);

  requery (self);

  return self;
}

/**
 * kl_client_list_set_search:
 *
 * Keeps the clients with a word starting with each word of @text in their
 * name, tax ID, city, phone or e-mail, or their contacts' names, phones or
 * e-mails; blind to case and diacritics (kl_text_fold()). A phone number
 * matches however its digits are grouped.
 */
void
kl_client_list_set_search (KlClientList *self,
                           const char   *text)
{
  g_return_if_fail (KL_IS_CLIENT_LIST (self));

  if (g_strcmp0 (text && *text ? text : NULL, self->search) == 0)
    return;

  if (update_search (self, text))
    reset (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

const char *
kl_client_list_get_search (KlClientList *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_LIST (self), NULL);

  return self->search;
}

#define DEFINE_STRING_FILTER(name, PROP)                                     \
  void                                                                       \
  kl_client_list_set_##name (KlClientList *self,                             \
                             const char   *name)                             \
  {                                                                          \
    g_return_if_fail (KL_IS_CLIENT_LIST (self));                             \
                                                                             \
    if (!set_string (&self->name, name))                                     \
      return;                                                                \
    reset (self);                                                            \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);            \
  }                                                                          \
                                                                             \
  const char *                                                               \
  kl_client_list_get_##name (KlClientList *self)                             \
  {                                                                          \
    g_return_val_if_fail (KL_IS_CLIENT_LIST (self), NULL);                   \
                                                                             \
    return self->name;                                                       \
  }

/* A client status (kl_client_statuses), or NULL for any. */
DEFINE_STRING_FILTER (status, PROP_STATUS)
/* A segment (kl_client_segments), or NULL for any. */
DEFINE_STRING_FILTER (segment, PROP_SEGMENT)
/* Where clients came from (kl_client_sources), or NULL for any. */
DEFINE_STRING_FILTER (source, PROP_SOURCE)

/* A manager's id, KL_CLIENT_LIST_NO_MANAGER, or 0 for any. */
void
kl_client_list_set_manager (KlClientList *self,
                            gint64        manager_id)
{
  g_return_if_fail (KL_IS_CLIENT_LIST (self));
  g_return_if_fail (manager_id >= KL_CLIENT_LIST_NO_MANAGER);

  if (manager_id == self->manager_id)
    return;

  self->manager_id = manager_id;
  reset (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MANAGER_ID]);
}

gint64
kl_client_list_get_manager (KlClientList *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_LIST (self), 0);

  return self->manager_id;
}

/* Keeps only clients whose overdue debt is more than zero. */
void
kl_client_list_set_overdue (KlClientList *self,
                            gboolean      overdue)
{
  g_return_if_fail (KL_IS_CLIENT_LIST (self));

  if (!overdue == !self->overdue)
    return;

  self->overdue = !!overdue;
  reset (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OVERDUE]);
}

gboolean
kl_client_list_get_overdue (KlClientList *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_LIST (self), FALSE);

  return self->overdue;
}

/* Keeps only clients with no done activity in the last
 * KL_CLIENT_NO_CONTACT_DAYS days (or none ever). */
void
kl_client_list_set_no_contact (KlClientList *self,
                               gboolean      no_contact)
{
  g_return_if_fail (KL_IS_CLIENT_LIST (self));

  if (!no_contact == !self->no_contact)
    return;

  self->no_contact = !!no_contact;
  reset (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NO_CONTACT]);
}

gboolean
kl_client_list_get_no_contact (KlClientList *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_LIST (self), FALSE);

  return self->no_contact;
}

/**
 * kl_client_list_set_filter:
 *
 * Sets the search and every filter at once: one query, one
 * items-changed.
 */
void
kl_client_list_set_filter (KlClientList         *self,
                           const KlClientFilter *filter)
{
  gboolean changed[N_PROPS] = { FALSE, };
  gboolean any = FALSE;

  g_return_if_fail (KL_IS_CLIENT_LIST (self));
  g_return_if_fail (filter != NULL);
  g_return_if_fail (filter->manager_id >= KL_CLIENT_LIST_NO_MANAGER);

  g_object_freeze_notify (G_OBJECT (self));

  changed[PROP_SEARCH] = g_strcmp0 (filter->search && *filter->search ? filter->search : NULL,
                                    self->search) != 0;
  any |= update_search (self, filter->search);
  changed[PROP_STATUS] = set_string (&self->status, filter->status);
  changed[PROP_SEGMENT] = set_string (&self->segment, filter->segment);
  changed[PROP_SOURCE] = set_string (&self->source, filter->source);
  changed[PROP_MANAGER_ID] = filter->manager_id != self->manager_id;
  self->manager_id = filter->manager_id;
  changed[PROP_OVERDUE] = !filter->overdue != !self->overdue;
  self->overdue = !!filter->overdue;
  changed[PROP_NO_CONTACT] = !filter->no_contact != !self->no_contact;
  self->no_contact = !!filter->no_contact;

  for (guint i = PROP_STATUS; i <= PROP_NO_CONTACT; i++)
    any |= changed[i];
  if (any)
    reset (self);

  for (guint i = 1; i < N_PROPS; i++)
    if (changed[i])
      g_object_notify_by_pspec (G_OBJECT (self), properties[i]);

  g_object_thaw_notify (G_OBJECT (self));
}

/* Fills @filter with the list's state; its strings belong to the list. */
void
kl_client_list_get_filter (KlClientList   *self,
                           KlClientFilter *filter)
{
  g_return_if_fail (KL_IS_CLIENT_LIST (self));
  g_return_if_fail (filter != NULL);

  filter->search = self->search;
  filter->status = self->status;
  filter->segment = self->segment;
  filter->source = self->source;
  filter->manager_id = self->manager_id;
  filter->overdue = self->overdue;
  filter->no_contact = self->no_contact;
}

void
kl_client_list_set_sort (KlClientList *self,
                         KlClientSort  sort,
                         gboolean      descending)
{
  gboolean sort_changed, direction_changed;

  g_return_if_fail (KL_IS_CLIENT_LIST (self));
  g_return_if_fail (sort < KL_CLIENT_N_SORTS);

  sort_changed = sort != self->sort;
  direction_changed = !descending != !self->descending;
  if (!sort_changed && !direction_changed)
    return;

  self->sort = sort;
  self->descending = !!descending;
  reset (self);

  if (sort_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT_COLUMN]);
  if (direction_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DESCENDING]);
}

KlClientSort
kl_client_list_get_sort (KlClientList *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_LIST (self), KL_CLIENT_SORT_NAME);

  return self->sort;
}

gboolean
kl_client_list_get_descending (KlClientList *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_LIST (self), FALSE);

  return self->descending;
}

/* Queries again: after writes the stores did not announce, or when the
 * window comes back after midnight (overdue debts move with the day). */
void
kl_client_list_reload (KlClientList *self)
{
  g_return_if_fail (KL_IS_CLIENT_LIST (self));

  reset (self);
}

/**
 * kl_client_list_set_hidden:
 * @ids: (nullable) (element-type gint64): client ids to leave out, e.g.
 *   deletions the user may still undo; %NULL or empty for none
 *
 * Leaves the clients of @ids out of the list, whatever the filters (one
 * bound value each: meant for a handful). The list keeps a copy.
 */
void
kl_client_list_set_hidden (KlClientList *self,
                           GArray       *ids)
{
  gboolean was_empty, is_empty;

  g_return_if_fail (KL_IS_CLIENT_LIST (self));
  g_return_if_fail (ids == NULL || g_array_get_element_size (ids) == sizeof (gint64));

  was_empty = self->hidden == NULL || self->hidden->len == 0;
  is_empty = ids == NULL || ids->len == 0;
  if (was_empty && is_empty)
    return;
  if (!was_empty && !is_empty && ids->len == self->hidden->len &&
      memcmp (ids->data, self->hidden->data, ids->len * sizeof (gint64)) == 0)
    return;

  g_clear_pointer (&self->hidden, g_array_unref);
  if (!is_empty)
    {
      self->hidden = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
      g_array_append_vals (self->hidden, ids->data, ids->len);
    }
  reset (self);
}

void
_kl_client_list_set_walk_probe (KlClientList *self,
                                guint         rows)
{
  g_return_if_fail (KL_IS_CLIENT_LIST (self));

  self->walk_probe_rows = rows;
  reset (self);
}

void
_kl_client_list_set_limits (KlClientList *self,
                            guint         sort_matches_max,
                            guint         walk_pages,
                            guint         like_divisor)
{
  g_return_if_fail (KL_IS_CLIENT_LIST (self));

  self->sort_matches_max = sort_matches_max;
  self->walk_pages = walk_pages;
  self->like_divisor = like_divisor;
  reset (self);
}

void
_kl_client_list_set_ranked (KlClientList *self,
                            gboolean      ranked,
                            guint         max_matches)
{
  g_return_if_fail (KL_IS_CLIENT_LIST (self));

  self->ranked = !!ranked;
  self->rank_max = max_matches;
  reset (self);
}

/* How many pages were read from the database: for tests and the benchmark. */
guint
kl_client_list_get_fetches (KlClientList *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_LIST (self), 0);

  return self->fetches;
}

/**
 * kl_client_list_get_ids:
 *
 * Returns: (transfer full): a new array of the gint64 ids of the list's
 *   clients, in the list's order, with its search, filters and hidden ids.
 */
GArray *
kl_client_list_get_ids (KlClientList *self)
{
  GArray *ids;

  g_return_val_if_fail (KL_IS_CLIENT_LIST (self), NULL);

  read_order (self);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->order != NULL ? self->order->len : 0);
  if (self->order != NULL)
    g_array_append_vals (ids, self->order->data, self->order->len);

  return ids;
}
