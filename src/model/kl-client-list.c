/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-client-list.h"

#include "kl-text.h"

/* The client list as a GListModel backed by SQL: it counts the matching
 * rows and fetches pages of them as the view asks, so a view over 100 000
 * clients costs what its visible rows cost. Sorting and filtering are the
 * query's. */

#define PAGE_SIZE 100
#define MAX_CACHED_PAGES 32

struct _KlClientList
{
  GObject     parent_instance;

  KlSession  *session;
  KlStore    *store;
  char       *columns;      /* select list, qualified */

  char       *search;       /* as typed */
  char       *search_like;  /* folded LIKE patterns, or NULL */
  char       *search_word_like;
  char       *status;
  KlClientSort sort;
  gboolean    descending;

  char       *count_sql;
  char       *page_sql;

  guint       n_items;
  GHashTable *pages;        /* page index → GPtrArray of KlClient */
  guint       fetches;
};

static void kl_client_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KlClientList, kl_client_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, kl_client_list_model_init))

static const char * const sort_columns[KL_CLIENT_N_SORTS] = {
  [KL_CLIENT_SORT_NAME] = "c.sort_key",
  [KL_CLIENT_SORT_TAX_ID] = "c.tax_id",
  [KL_CLIENT_SORT_CITY] = "c.city",
  [KL_CLIENT_SORT_SEGMENT] = "c.segment",
  [KL_CLIENT_SORT_STATUS] = "c.status",
  [KL_CLIENT_SORT_MANAGER] = "m.name",
  [KL_CLIENT_SORT_PHONE] = "c.phone",
};

static void
build_queries (KlClientList *self)
{
  g_autoptr(GString) where = g_string_new ("WHERE 1");
  const char *direction = self->descending ? "DESC" : "ASC";

  /* Only fixed fragments go into the text; values are bound. */
  if (self->search_like != NULL)
    g_string_append (where, " AND (c.search_key LIKE ?1 ESCAPE '\\' OR c.search_key LIKE ?2 ESCAPE '\\')");
  if (self->status != NULL)
    g_string_append (where, " AND c.status = ?3");

  g_free (self->count_sql);
  g_free (self->page_sql);
  self->count_sql = g_strdup_printf ("SELECT count(*) FROM clients c %s", where->str);
  self->page_sql = g_strdup_printf ("SELECT %s, m.name FROM clients c"
                                    " LEFT JOIN managers m ON m.id = c.manager_id"
                                    " %s ORDER BY %s %s, c.sort_key %s, c.id %s LIMIT ?4 OFFSET ?5",
                                    self->columns, where->str, sort_columns[self->sort],
                                    direction, direction, direction);
}

static void
bind_filters (KlClientList *self,
              sqlite3_stmt *stmt)
{
  if (self->search_like != NULL)
    {
      sqlite3_bind_text (stmt, 1, self->search_like, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, self->search_word_like, -1, SQLITE_STATIC);
    }
  if (self->status != NULL)
    sqlite3_bind_text (stmt, 3, self->status, -1, SQLITE_STATIC);
}

static guint
count_rows (KlClientList *self)
{
  KlDatabase *database = kl_session_get_database (self->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (database, self->count_sql, &error);

  if (stmt == NULL)
    {
      g_warning ("Could not count clients: %s", error->message);
      return 0;
    }

  bind_filters (self, stmt);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      kl_database_set_error (database, &error);
      g_warning ("Could not count clients: %s", error->message);
      return 0;
    }

  return sqlite3_column_int (stmt, 0);
}

static GPtrArray *
fetch_page (KlClientList *self,
            guint         page)
{
  KlDatabase *database = kl_session_get_database (self->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (database, self->page_sql, &error);
  GPtrArray *items = g_ptr_array_new_full (PAGE_SIZE, g_object_unref);

  if (stmt == NULL)
    {
      g_warning ("Could not read clients: %s", error->message);
      return items;
    }

  bind_filters (self, stmt);
  sqlite3_bind_int (stmt, 4, PAGE_SIZE);
  sqlite3_bind_int64 (stmt, 5, (gint64)page * PAGE_SIZE);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      KlEntity *client = g_object_new (KL_TYPE_CLIENT, NULL);

      kl_entity_load_row (client, stmt, 0);
      g_ptr_array_add (items, client);
    }
  self->fetches++;

  return items;
}

static void
reset (KlClientList *self)
{
  guint removed = self->n_items;

  build_queries (self);
  g_hash_table_remove_all (self->pages);
  self->n_items = count_rows (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->n_items);
}

static void
on_store_changed_cb (KlClientList *self,
                     int           change,
                     gint64        id,
                     KlStore      *store)
{
  reset (self);
}

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

static void
kl_client_list_dispose (GObject *object)
{
  KlClientList *self = (KlClientList *)object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_pointer (&self->pages, g_hash_table_unref);

  G_OBJECT_CLASS (kl_client_list_parent_class)->dispose (object);
}

static void
kl_client_list_finalize (GObject *object)
{
  KlClientList *self = (KlClientList *)object;

  g_free (self->columns);
  g_free (self->search);
  g_free (self->search_like);
  g_free (self->search_word_like);
  g_free (self->status);
  g_free (self->count_sql);
  g_free (self->page_sql);

  G_OBJECT_CLASS (kl_client_list_parent_class)->finalize (object);
}

static void
kl_client_list_class_init (KlClientListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kl_client_list_dispose;
  object_class->finalize = kl_client_list_finalize;
}

static void
kl_client_list_init (KlClientList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
}

KlClientList *
kl_client_list_new (KlSession *session)
{
  KlClientList *self;

  g_return_val_if_fail (KL_IS_SESSION (session), NULL);

  self = g_object_new (KL_TYPE_CLIENT_LIST, NULL);
  self->session = g_object_ref (session);
  self->store = g_object_ref (kl_session_get_store (session, KL_TYPE_CLIENT));
  self->columns = kl_store_select_columns (self->store, "c");
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  build_queries (self);
  self->n_items = count_rows (self);

  return self;
}

static char *
escape_like (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/**
 * kl_client_list_set_search:
 *
 * Keeps the clients whose name, tax ID or city has a word starting with
 * @text, blind to case and diacritics.
 */
void
kl_client_list_set_search (KlClientList *self,
                           const char   *text)
{
  g_autofree char *folded = NULL;

  g_return_if_fail (KL_IS_CLIENT_LIST (self));

  if (g_strcmp0 (text, self->search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (text);
  g_clear_pointer (&self->search_like, g_free);
  g_clear_pointer (&self->search_word_like, g_free);

  folded = kl_text_fold (text);
  if (folded[0] != '\0')
    {
      g_autofree char *escaped = escape_like (folded);

      self->search_like = g_strconcat (escaped, "%", NULL);
      self->search_word_like = g_strconcat ("% ", escaped, "%", NULL);
    }

  reset (self);
}

const char *
kl_client_list_get_search (KlClientList *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_LIST (self), NULL);

  return self->search;
}

void
kl_client_list_set_status (KlClientList *self,
                           const char   *status)
{
  g_return_if_fail (KL_IS_CLIENT_LIST (self));

  if (g_strcmp0 (status, self->status) == 0)
    return;

  g_free (self->status);
  self->status = g_strdup (status);
  reset (self);
}

void
kl_client_list_set_sort (KlClientList *self,
                         KlClientSort  sort,
                         gboolean      descending)
{
  g_return_if_fail (KL_IS_CLIENT_LIST (self));
  g_return_if_fail (sort < KL_CLIENT_N_SORTS);

  if (sort == self->sort && descending == self->descending)
    return;

  self->sort = sort;
  self->descending = descending;
  reset (self);
}

void
kl_client_list_reload (KlClientList *self)
{
  g_return_if_fail (KL_IS_CLIENT_LIST (self));

  reset (self);
}

/* How many pages were read from the database: for tests and the benchmark. */
guint
kl_client_list_get_fetches (KlClientList *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_LIST (self), 0);

  return self->fetches;
}
