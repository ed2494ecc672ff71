/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-query-list.h"

#include <string.h>

#include "kl-text.h"

/* The statements are the list's own (not the database's cache): each
 * choice of filters and sort is another text, prepared when chosen and
 * finalized when the next one is. The view asks for items by position;
 * pages of PAGE_SIZE rows are read with LIMIT/OFFSET and at most
 * MAX_CACHED_PAGES are kept. */

#define PAGE_SIZE 100
#define MAX_CACHED_PAGES 16

typedef struct {
  gboolean  set;
  char     *text;
  gint64    number;
} FilterValue;

struct _KlQueryList
{
  GObject           parent_instance;

  KlSession        *session;
  const KlQueryDef *def;
  GPtrArray        *stores;       /* KlStore, watched */

  FilterValue      *values;       /* one per def->filters */
  guint             sort;
  gboolean          descending;

  sqlite3_stmt     *count_stmt;
  sqlite3_stmt     *page_stmt;
  sqlite3_stmt     *totals_stmt;
  sqlite3_stmt     *row_stmt;     /* a row's sort value, if the list holds it */
  sqlite3_stmt     *rank_stmt;    /* rows before a value and id */
  sqlite3_stmt     *rank_null_stmt; /* rows before a NULL value and id */
  char             *where;        /* the WHERE clause of the statements */

  guint             n_items;
  GHashTable       *pages;        /* page index → GPtrArray of items */
  guint             fetches;
  guint             freeze_count;
  gboolean          pending;      /* a change while frozen */
  KlQueryRowChanges row_changes;  /* what a change of one of its rows does */
};

static void kl_query_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KlQueryList, kl_query_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, kl_query_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static int
find_filter (KlQueryList *self,
             const char  *name)
{
  for (guint i = 0; i < self->def->n_filters; i++)
    if (g_strcmp0 (self->def->filters[i].name, name) == 0)
      return i;

  return -1;
}

static void
clear_statements (KlQueryList *self)
{
  g_clear_pointer (&self->count_stmt, sqlite3_finalize);
  g_clear_pointer (&self->page_stmt, sqlite3_finalize);
  g_clear_pointer (&self->totals_stmt, sqlite3_finalize);
  g_clear_pointer (&self->row_stmt, sqlite3_finalize);
  g_clear_pointer (&self->rank_stmt, sqlite3_finalize);
  g_clear_pointer (&self->rank_null_stmt, sqlite3_finalize);
  g_clear_pointer (&self->where, g_free);
}

static char *
build_where (KlQueryList *self)
{
  GString *where = g_string_new (self->def->where != NULL ? self->def->where : "1");

  for (guint i = 0; i < self->def->n_filters; i++)
    if (self->values[i].set)
      g_string_append_printf (where, " AND (%s)", self->def->filters[i].condition);

  return g_string_free (where, FALSE);
}

/* Whether @sql names a table by another alias than @alias ("c.name"
 * beside "d."). */
static gboolean
names_other_table (const char *sql,
                   const char *alias)
{
  gsize alias_len = strlen (alias);

  for (const char *p = sql; *p != '\0'; p++)
    {
      const char *start = p;

      if (!(g_ascii_isalpha (*p) || *p == '_') || (p > sql && (g_ascii_isalnum (p[-1]) || p[-1] == '_')))
        continue;
      while (g_ascii_isalnum (*p) || *p == '_')
        p++;
      if (*p == '.' && !((gsize)(p - start) == alias_len && strncmp (start, alias, alias_len) == 0))
        return TRUE;
      if (*p == '\0')
        break;
    }

  return FALSE;
}

/* The FROM clause of the count: the definition's count_from while the
 * conditions name the entity's table alone. */
static const char *
count_from (KlQueryList *self)
{
  const KlQueryDef *def = self->def;

  if (def->count_from == NULL || (def->where != NULL && names_other_table (def->where, def->alias)))
    return def->from;
  for (guint i = 0; i < def->n_filters; i++)
    if (self->values[i].set && names_other_table (def->filters[i].condition, def->alias))
      return def->from;

  return def->count_from;
}

static sqlite3_stmt *
prepare (KlQueryList *self,
         const char  *sql)
{
  KlDatabase *database = kl_session_get_database (self->session);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (kl_database_get_handle (database), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_autoptr(GError) error = NULL;

      kl_database_set_error (database, &error);
      g_warning ("Could not prepare the list query “%s”: %s", sql, error->message);
      sqlite3_finalize (stmt);
      return NULL;
    }

  return stmt;
}

/* The LIKE pattern of a search: the folded text, wildcards escaped. */
static char *
search_pattern (const char *text)
{
  g_autofree char *folded = kl_text_fold (text);
  GString *pattern = g_string_new ("%");

  for (const char *p = folded; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_string_free (pattern, FALSE);
}

static void
bind_filters (KlQueryList  *self,
              sqlite3_stmt *stmt)
{
  for (guint i = 0; i < self->def->n_filters; i++)
    {
      const KlQueryFilter *filter = &self->def->filters[i];
      g_autofree char *parameter = NULL;
      int index;

      if (!self->values[i].set)
        continue;

      parameter = g_strconcat (":", filter->name, NULL);
      index = sqlite3_bind_parameter_index (stmt, parameter);
      if (index == 0)
        continue;

      switch (filter->type)
        {
        case KL_QUERY_VALUE_INT:
          sqlite3_bind_int64 (stmt, index, self->values[i].number);
          break;
        case KL_QUERY_VALUE_SEARCH:
          sqlite3_bind_text (stmt, index, search_pattern (self->values[i].text), -1, g_free);
          break;
        case KL_QUERY_VALUE_TEXT:
        default:
          sqlite3_bind_text (stmt, index, self->values[i].text, -1, SQLITE_TRANSIENT);
          break;
        }
    }
}

static void
build_statements (KlQueryList *self)
{
  const KlQueryDef *def = self->def;
  KlStore *store = kl_session_get_store (self->session, def->item_type);
  g_autofree char *columns = kl_store_select_columns (store, def->alias);
  g_autofree char *count_sql = NULL;
  g_autofree char *page_sql = NULL;
  const char *direction = self->descending ? "DESC" : "ASC";

  clear_statements (self);
  self->where = build_where (self);

  count_sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s", count_from (self), self->where);
  page_sql = g_strdup_printf ("SELECT %s%s%s FROM %s WHERE %s"
                              " ORDER BY %s %s NULLS LAST, %s.id %s LIMIT :_limit OFFSET :_offset",
                              columns,
                              def->computed != NULL ? ", " : "",
                              def->computed != NULL ? def->computed : "",
                              def->from, self->where,
                              def->sorts[self->sort].expression, direction,
                              def->alias, direction);

  self->count_stmt = prepare (self, count_sql);
  self->page_stmt = prepare (self, page_sql);
}

/* The statements that place one row (kl_query_list_update_row()): its
 * sort value if the list holds it, and how many rows sort before it. Empty
 * values sort last in either direction, ties by id in the direction. */
static gboolean
build_row_statements (KlQueryList *self)
{
  const KlQueryDef *def = self->def;
  const char *expression = def->sorts[self->sort].expression;
  const char *op = self->descending ? ">" : "<";
  g_autofree char *row_sql = NULL;
  g_autofree char *rank_sql = NULL;
  g_autofree char *rank_null_sql = NULL;

  if (self->row_stmt != NULL)
    return TRUE;
  if (self->where == NULL)
    build_statements (self);

  row_sql = g_strdup_printf ("SELECT %s FROM %s WHERE (%s) AND %s.id = :_id",
                             expression, def->from, self->where, def->alias);
  rank_sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE (%s) AND (%s) IS NOT NULL"
                              " AND ((%s) %s :_value OR ((%s) = :_value AND %s.id %s :_id))",
                              def->from, self->where, expression,
                              expression, op, expression, def->alias, op);
  rank_null_sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE (%s)"
                                   " AND ((%s) IS NOT NULL OR %s.id %s :_id)",
                                   def->from, self->where, expression, def->alias, op);
  self->row_stmt = prepare (self, row_sql);
  self->rank_stmt = prepare (self, rank_sql);
  self->rank_null_stmt = prepare (self, rank_null_sql);

  return self->row_stmt != NULL && self->rank_stmt != NULL && self->rank_null_stmt != NULL;
}

static guint
count_rows (KlQueryList *self)
{
  guint n = 0;

  if (self->count_stmt == NULL)
    return 0;

  bind_filters (self, self->count_stmt);
  if (sqlite3_step (self->count_stmt) == SQLITE_ROW)
    n = sqlite3_column_int (self->count_stmt, 0);
  else
    {
      g_autoptr(GError) error = NULL;

      kl_database_set_error (kl_session_get_database (self->session), &error);
      g_warning ("Could not count the list: %s", error->message);
    }
  sqlite3_reset (self->count_stmt);
  sqlite3_clear_bindings (self->count_stmt);

  return n;
}

static GPtrArray *
fetch_page (KlQueryList *self,
            guint        page)
{
  GPtrArray *items = g_ptr_array_new_full (PAGE_SIZE, g_object_unref);
  sqlite3_stmt *stmt = self->page_stmt;
  int rc;

  if (stmt == NULL)
    return items;

  bind_filters (self, stmt);
  sqlite3_bind_int (stmt, sqlite3_bind_parameter_index (stmt, ":_limit"), PAGE_SIZE);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":_offset"), (gint64)page * PAGE_SIZE);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KlEntity *entity = g_object_new (self->def->item_type, NULL);

      kl_entity_load_row (entity, stmt, 0);
      g_ptr_array_add (items, entity);
    }
  if (rc != SQLITE_DONE)
    {
      g_autoptr(GError) error = NULL;

      kl_database_set_error (kl_session_get_database (self->session), &error);
      g_warning ("Could not read the list: %s", error->message);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  self->fetches++;

  return items;
}

static void
reset (KlQueryList *self)
{
  guint removed = self->n_items;
  guint n_items;

  if (self->freeze_count > 0)
    {
      self->pending = TRUE;
      return;
    }
  self->pending = FALSE;

  if (self->count_stmt == NULL)
    build_statements (self);

  g_hash_table_remove_all (self->pages);
  /* More than a page: removed, then added, in two steps. Told of both at
   * once, a GTK 4.8 list view looks for each removed row that had a widget
   * among all the added items, reading every page of the list (a pipeline
   * column of 4 000 deals: 41 page reads per move). */
  n_items = count_rows (self);
  if (removed > 0 && n_items > PAGE_SIZE)
    {
      self->n_items = 0;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
      self->n_items = n_items;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, n_items);
    }
  else
    {
      self->n_items = n_items;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, n_items);
    }
  if (removed != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* The query changed: new statements, then read. */
static void
requery (KlQueryList *self)
{
  clear_statements (self);
  reset (self);
}

static gboolean update_row (KlQueryList   *self,
                            gint64         id,
                            KlQueryRowWas  was);

static void
on_store_changed_cb (KlQueryList *self,
                     int          change,
                     gint64       id,
                     KlStore     *store)
{
  /* One row of the list's own entity: placed by itself. */
  if (self->freeze_count == 0 && id != 0 && change != KL_STORE_BATCH &&
      store == g_ptr_array_index (self->stores, 0))
    {
      if (self->row_changes == KL_QUERY_ROWS_BY_CALLER)
        return;
      if (self->row_changes == KL_QUERY_ROWS_PLACED && update_row (self, id, KL_QUERY_ROW_WAS_UNKNOWN))
        return;
    }
  reset (self);
}

/* Where the list's pages hold the row @id, if they do. */
static gboolean
find_cached (KlQueryList *self,
             gint64       id,
             guint       *position)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *items = value;

      for (guint i = 0; i < items->len; i++)
        if (kl_entity_get_id (g_ptr_array_index (items, i)) == id)
          {
            *position = GPOINTER_TO_UINT (key) * PAGE_SIZE + i;
            return TRUE;
          }
    }

  return FALSE;
}

/* Forgets the pages from the one holding @position on: their rows moved. */
static void
forget_pages_from (KlQueryList *self,
                   guint        position)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (GPOINTER_TO_UINT (key) >= position / PAGE_SIZE)
      g_hash_table_iter_remove (&iter);
}

static gint64
step_count (KlQueryList  *self,
            sqlite3_stmt *stmt,
            gboolean     *ok)
{
  gint64 n = -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    *ok = FALSE;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  return n;
}

/* Whether the list now holds the row, and where it goes: one look-up by
 * id and one count of the rows before it in the sort. */
static gboolean
place_row (KlQueryList *self,
           gint64       id,
           gboolean    *listed,
           guint       *position)
{
  sqlite3_stmt *stmt = self->row_stmt;
  gboolean ok = TRUE;
  gint64 before;
  int rc;

  bind_filters (self, stmt);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":_id"), id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      *listed = FALSE;
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return TRUE;
    }
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return FALSE;
    }

  *listed = TRUE;
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      stmt = self->rank_null_stmt;
      bind_filters (self, stmt);
    }
  else
    {
      sqlite3_stmt *rank = self->rank_stmt;

      /* The value, bound before the row statement lets it go. */
      bind_filters (self, rank);
      sqlite3_bind_value (rank, sqlite3_bind_parameter_index (rank, ":_value"), sqlite3_column_value (stmt, 0));
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      stmt = rank;
    }
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":_id"), id);
  before = step_count (self, stmt, &ok);
  *position = (guint)MAX (before, 0);

  return ok;
}

/* The row @id changed: removed from where it was, added where it now
 * belongs, the rest of the list kept. FALSE when that cannot be told (the
 * list must be read again). */
static gboolean
update_row (KlQueryList   *self,
            gint64         id,
            KlQueryRowWas  was)
{
  guint old_position = 0, new_position = 0, n_items = self->n_items;
  gboolean cached, listed = FALSE;

  if (self->count_stmt == NULL || !build_row_statements (self))
    return FALSE;

  cached = find_cached (self, id, &old_position);
  if (was == KL_QUERY_ROW_WAS_LISTED && !cached)
    return FALSE;               /* somewhere not read: where? */
  if (!place_row (self, id, &listed, &new_position))
    return FALSE;

  /* Not among the pages read: was it in the list? Only a count tells. */
  if (!cached && was == KL_QUERY_ROW_WAS_UNKNOWN &&
      count_rows (self) != self->n_items + (listed ? 1 : 0))
    return FALSE;

  if (cached)
    {
      forget_pages_from (self, old_position);
      self->n_items--;
      g_list_model_items_changed (G_LIST_MODEL (self), old_position, 1, 0);
    }
  if (listed)
    {
      forget_pages_from (self, new_position);
      self->n_items++;
      g_list_model_items_changed (G_LIST_MODEL (self), new_position, 0, 1);
    }
  if (n_items != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);

  return TRUE;
}

static GType
kl_query_list_get_item_type (GListModel *model)
{
  return KL_QUERY_LIST (model)->def->item_type;
}

static guint
kl_query_list_get_n_items (GListModel *model)
{
  return KL_QUERY_LIST (model)->n_items;
}

static gpointer
kl_query_list_get_item (GListModel *model,
                        guint       position)
{
  KlQueryList *self = KL_QUERY_LIST (model);
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
kl_query_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = kl_query_list_get_item_type;
  iface->get_n_items = kl_query_list_get_n_items;
  iface->get_item = kl_query_list_get_item;
}

static void
kl_query_list_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KlQueryList *self = KL_QUERY_LIST (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_query_list_dispose (GObject *object)
{
  KlQueryList *self = (KlQueryList *)object;

  clear_statements (self);
  g_clear_pointer (&self->stores, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (kl_query_list_parent_class)->dispose (object);
}

static void
kl_query_list_finalize (GObject *object)
{
  KlQueryList *self = (KlQueryList *)object;

  for (guint i = 0; self->def != NULL && i < self->def->n_filters; i++)
    g_free (self->values[i].text);
  g_free (self->values);

  G_OBJECT_CLASS (kl_query_list_parent_class)->finalize (object);
}

static void
kl_query_list_class_init (KlQueryListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kl_query_list_dispose;
  object_class->finalize = kl_query_list_finalize;
  object_class->get_property = kl_query_list_get_property;

  /**
   * KlQueryList:n-items:
   *
   * How many rows the list holds with its filters.
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kl_query_list_init (KlQueryList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
  self->stores = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
watch (KlQueryList *self,
       GType        type)
{
  KlStore *store = kl_session_get_store (self->session, type);

  if (store == NULL || g_ptr_array_find (self->stores, store, NULL))
    return;

  g_ptr_array_add (self->stores, g_object_ref (store));
  g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static KlQueryList *
query_list_new (KlSession        *session,
                const KlQueryDef *def)
{
  KlQueryList *self;

  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (def != NULL, NULL);
  g_return_val_if_fail (g_type_is_a (def->item_type, KL_TYPE_ENTITY), NULL);
  g_return_val_if_fail (def->alias != NULL && def->from != NULL, NULL);
  g_return_val_if_fail (def->n_sorts > 0 && def->sorts != NULL, NULL);

  self = g_object_new (KL_TYPE_QUERY_LIST, NULL);
  self->session = g_object_ref (session);
  self->def = def;
  self->values = g_new0 (FilterValue, def->n_filters);

  watch (self, def->item_type);
  for (guint i = 0; def->watch != NULL && def->watch[i] != G_TYPE_INVALID; i++)
    watch (self, def->watch[i]);

  return self;
}

/**
 * kl_query_list_new:
 * @def: the list's description; static, it must outlive the list
 *
 * Returns: (transfer full): the list, read with no filter and the first sort
 */
KlQueryList *
kl_query_list_new (KlSession        *session,
                   const KlQueryDef *def)
{
  KlQueryList *self = query_list_new (session, def);

  if (self != NULL)
    reset (self);

  return self;
}

/**
 * kl_query_list_new_frozen:
 * @def: the list's description; static, it must outlive the list
 *
 * The list, empty and frozen (kl_query_list_freeze()): nothing is read
 * until the caller has set its filters and sort and thawed it.
 *
 * Returns: (transfer full): the list
 */
KlQueryList *
kl_query_list_new_frozen (KlSession        *session,
                          const KlQueryDef *def)
{
  KlQueryList *self = query_list_new (session, def);

  if (self != NULL)
    {
      self->freeze_count = 1;
      self->pending = TRUE;
    }

  return self;
}

const KlQueryDef *
kl_query_list_get_def (KlQueryList *self)
{
  g_return_val_if_fail (KL_IS_QUERY_LIST (self), NULL);

  return self->def;
}

KlSession *
kl_query_list_get_session (KlQueryList *self)
{
  g_return_val_if_fail (KL_IS_QUERY_LIST (self), NULL);

  return self->session;
}

/**
 * kl_query_list_set_filter_text:
 * @value: (nullable): the value; NULL clears the filter, and so does blank
 *   text for a search
 *
 * Returns: FALSE when the definition has no filter @name
 */
gboolean
kl_query_list_set_filter_text (KlQueryList *self,
                               const char  *name,
                               const char  *value)
{
  FilterValue *filter;
  int index;

  g_return_val_if_fail (KL_IS_QUERY_LIST (self), FALSE);

  index = find_filter (self, name);
  g_return_val_if_fail (index >= 0, FALSE);

  filter = &self->values[index];
  if (self->def->filters[index].type == KL_QUERY_VALUE_SEARCH && kl_text_is_blank (value))
    value = NULL;
  if (self->def->filters[index].type == KL_QUERY_VALUE_INT)
    {
      if (value == NULL)
        return kl_query_list_clear_filter (self, name);
      return kl_query_list_set_filter_int (self, name, g_ascii_strtoll (value, NULL, 10));
    }

  if (filter->set == (value != NULL) && g_strcmp0 (filter->text, value) == 0)
    return TRUE;

  g_free (filter->text);
  filter->text = g_strdup (value);
  filter->set = value != NULL;
  requery (self);

  return TRUE;
}

gboolean
kl_query_list_set_filter_int (KlQueryList *self,
                              const char  *name,
                              gint64       value)
{
  FilterValue *filter;
  int index;

  g_return_val_if_fail (KL_IS_QUERY_LIST (self), FALSE);

  index = find_filter (self, name);
  g_return_val_if_fail (index >= 0, FALSE);
  g_return_val_if_fail (self->def->filters[index].type == KL_QUERY_VALUE_INT, FALSE);

  filter = &self->values[index];
  if (filter->set && filter->number == value)
    return TRUE;

  filter->set = TRUE;
  filter->number = value;
  requery (self);

  return TRUE;
}

gboolean
kl_query_list_clear_filter (KlQueryList *self,
                            const char  *name)
{
  FilterValue *filter;
  int index;

  g_return_val_if_fail (KL_IS_QUERY_LIST (self), FALSE);

  index = find_filter (self, name);
  g_return_val_if_fail (index >= 0, FALSE);

  filter = &self->values[index];
  if (!filter->set)
    return TRUE;

  filter->set = FALSE;
  g_clear_pointer (&filter->text, g_free);
  filter->number = 0;
  requery (self);

  return TRUE;
}

void
kl_query_list_clear_filters (KlQueryList *self)
{
  g_return_if_fail (KL_IS_QUERY_LIST (self));

  kl_query_list_freeze (self);
  for (guint i = 0; i < self->def->n_filters; i++)
    kl_query_list_clear_filter (self, self->def->filters[i].name);
  kl_query_list_thaw (self);
}

gboolean
kl_query_list_has_filter (KlQueryList *self,
                          const char  *name)
{
  int index;

  g_return_val_if_fail (KL_IS_QUERY_LIST (self), FALSE);

  index = find_filter (self, name);

  return index >= 0 && self->values[index].set;
}

/* The text of a set text or search filter, else NULL. */
const char *
kl_query_list_get_filter_text (KlQueryList *self,
                               const char  *name)
{
  int index;

  g_return_val_if_fail (KL_IS_QUERY_LIST (self), NULL);

  index = find_filter (self, name);

  return index >= 0 ? self->values[index].text : NULL;
}

/* The value of a set integer filter, else 0. */
gint64
kl_query_list_get_filter_int (KlQueryList *self,
                              const char  *name)
{
  int index;

  g_return_val_if_fail (KL_IS_QUERY_LIST (self), 0);

  index = find_filter (self, name);

  return index >= 0 ? self->values[index].number : 0;
}

/**
 * kl_query_list_set_sort:
 * @name: (nullable): one of the definition's sorts; NULL for the first
 *
 * Returns: FALSE when the definition has no sort @name (the list keeps
 *   its sort)
 */
gboolean
kl_query_list_set_sort (KlQueryList *self,
                        const char  *name,
                        gboolean     descending)
{
  guint sort = 0;

  g_return_val_if_fail (KL_IS_QUERY_LIST (self), FALSE);

  if (name != NULL)
    {
      for (sort = 0; sort < self->def->n_sorts; sort++)
        if (g_strcmp0 (self->def->sorts[sort].name, name) == 0)
          break;
      if (sort == self->def->n_sorts)
        return FALSE;
    }

  descending = !!descending;
  if (sort == self->sort && descending == self->descending)
    return TRUE;

  self->sort = sort;
  self->descending = descending;
  requery (self);

  return TRUE;
}

const char *
kl_query_list_get_sort (KlQueryList *self)
{
  g_return_val_if_fail (KL_IS_QUERY_LIST (self), NULL);

  return self->def->sorts[self->sort].name;
}

gboolean
kl_query_list_get_descending (KlQueryList *self)
{
  g_return_val_if_fail (KL_IS_QUERY_LIST (self), FALSE);

  return self->descending;
}

void
kl_query_list_freeze (KlQueryList *self)
{
  g_return_if_fail (KL_IS_QUERY_LIST (self));

  self->freeze_count++;
}

void
kl_query_list_thaw (KlQueryList *self)
{
  g_return_if_fail (KL_IS_QUERY_LIST (self));
  g_return_if_fail (self->freeze_count > 0);

  if (--self->freeze_count == 0 && self->pending)
    reset (self);
}

/* Reads the list again (a view calls it when the day changes). */
void
kl_query_list_reload (KlQueryList *self)
{
  g_return_if_fail (KL_IS_QUERY_LIST (self));

  reset (self);
}

/**
 * kl_query_list_get_totals:
 *
 * The sum of the definition's amount over the rows the list holds, one
 * KlQueryTotal per currency, in the order of the currency codes; never a
 * sum across currencies.
 *
 * Returns: (transfer full): an array of KlQueryTotal (empty for an empty
 *   list or a definition without amounts), or NULL on error
 */
GArray *
kl_query_list_get_totals (KlQueryList  *self,
                          GError      **error)
{
  GArray *totals;
  int rc;

  g_return_val_if_fail (KL_IS_QUERY_LIST (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  totals = g_array_new (FALSE, TRUE, sizeof (KlQueryTotal));
  if (self->def->total_amount == NULL || self->def->total_currency == NULL)
    return totals;

  if (self->where == NULL)
    build_statements (self);
  if (self->totals_stmt == NULL)
    {
      g_autofree char *sql =
        g_strdup_printf ("SELECT %s, sum (%s), count(*) FROM %s WHERE %s GROUP BY 1 ORDER BY 1",
                         self->def->total_currency, self->def->total_amount,
                         self->def->from, self->where);

      self->totals_stmt = prepare (self, sql);
      if (self->totals_stmt == NULL)
        {
          g_set_error_literal (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_FAILED,
                               _("The list could not be read."));
          g_array_unref (totals);
          return NULL;
        }
    }

  bind_filters (self, self->totals_stmt);
  while ((rc = sqlite3_step (self->totals_stmt)) == SQLITE_ROW)
    {
      KlQueryTotal total = { { 0 }, 0, 0 };
      const char *currency = (const char *)sqlite3_column_text (self->totals_stmt, 0);

      g_strlcpy (total.currency, currency != NULL ? currency : "", sizeof total.currency);
      total.amount = sqlite3_column_int64 (self->totals_stmt, 1);
      total.count = sqlite3_column_int (self->totals_stmt, 2);
      g_array_append_val (totals, total);
    }
  if (rc != SQLITE_DONE)
    {
      kl_database_set_error (kl_session_get_database (self->session), error);
      g_clear_pointer (&totals, g_array_unref);
    }
  sqlite3_reset (self->totals_stmt);
  sqlite3_clear_bindings (self->totals_stmt);

  return totals;
}

/**
 * kl_query_list_get_ids:
 *
 * The ids of every row of the list, in its order, with its filters: what
 * the list shows, also the rows not read yet. One query of the ids alone.
 *
 * Returns: (transfer full): a new array of gint64, or NULL on error
 */
GArray *
kl_query_list_get_ids (KlQueryList  *self,
                       GError      **error)
{
  const KlQueryDef *def;
  const char *direction;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  GArray *ids;
  int rc;

  g_return_val_if_fail (KL_IS_QUERY_LIST (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  def = self->def;
  direction = self->descending ? "DESC" : "ASC";
  if (self->where == NULL)
    build_statements (self);
  sql = g_strdup_printf ("SELECT %s.id FROM %s WHERE %s ORDER BY %s %s NULLS LAST, %s.id %s",
                         def->alias, def->from, self->where,
                         def->sorts[self->sort].expression, direction, def->alias, direction);
  stmt = prepare (self, sql);
  if (stmt == NULL)
    {
      g_set_error_literal (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_FAILED,
                           _("The list could not be read."));
      return NULL;
    }

  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), self->n_items);
  bind_filters (self, stmt);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      kl_database_set_error (kl_session_get_database (self->session), error);
      g_clear_pointer (&ids, g_array_unref);
    }
  sqlite3_finalize (stmt);

  return ids;
}

/* How many pages were read from the database: for tests. */
guint
kl_query_list_get_fetches (KlQueryList *self)
{
  g_return_val_if_fail (KL_IS_QUERY_LIST (self), 0);

  return self->fetches;
}

/**
 * kl_query_list_set_row_changes:
 *
 * What a change of one row of the list's own entity does:
 * %KL_QUERY_ROWS_RELOAD (the default) reads the list again,
 * %KL_QUERY_ROWS_PLACED moves the row in place (kl_query_list_update_row()),
 * %KL_QUERY_ROWS_BY_CALLER leaves it to the caller, who knows more (the
 * pipeline board knows which column a moved deal came from). Changes of
 * many rows and of the watched stores read the list again in every case.
 */
void
kl_query_list_set_row_changes (KlQueryList       *self,
                               KlQueryRowChanges  changes)
{
  g_return_if_fail (KL_IS_QUERY_LIST (self));

  self->row_changes = changes;
}

/**
 * kl_query_list_update_row:
 * @id: the row that changed (written already)
 * @was: whether the list held it before, if the caller knows
 *
 * Places one changed row: it leaves the list, moves in it, or joins it,
 * with one look-up by id and one count of the rows sorted before it,
 * without reading the rest; only pages after the change are read again
 * when shown. When that cannot be told (the row was somewhere not read
 * yet), the list is read again.
 */
void
kl_query_list_update_row (KlQueryList   *self,
                          gint64         id,
                          KlQueryRowWas  was)
{
  g_return_if_fail (KL_IS_QUERY_LIST (self));

  if (self->freeze_count > 0)
    {
      self->pending = TRUE;
      return;
    }
  if (!update_row (self, id, was))
    reset (self);
}
