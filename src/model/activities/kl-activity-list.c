/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-activity-list.h"

#include <string.h>

#include "kl-validation.h"

/* The "Today" lists (overdue, planned for today, done today) and a client's
 * activities, as GListModels backed by SQL: a count, then pages of rows as
 * the view asks. The queries follow the indexes activities (status,
 * starts_at), activities (status, done_at) and activities (client_id,
 * starts_at), so counting and paging cost the rows shown, not the table.
 *
 * Days are compared as text: starts_at or done_at ("YYYY-MM-DDTHH:MM…", or
 * with a space) is on day D when D <= it < D + 1 day. "Done today" goes by
 * when the activity was done (done_at), not by when it was planned; a done
 * row without done_at (written before there was one, or by hand) goes by
 * starts_at. */

#define PAGE_SIZE 100
#define MAX_CACHED_PAGES 16

struct _KlActivityList
{
  GObject             parent_instance;

  KlSession          *session;
  KlStore            *store;
  KlStore            *clients;
  KlStore            *contacts;
  KlActivityListKind  kind;
  gint64              client_id;
  char               *today;        /* pinned day, or NULL for the real today */

  const char         *count_sql;
  char               *page_sql;
  char               *day;          /* the day of the last reload */
  char               *next_day;

  guint               n_items;
  GHashTable         *pages;        /* page index → GPtrArray of KlActivity */
  guint               fetches;
};

static void kl_activity_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KlActivityList, kl_activity_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, kl_activity_list_model_init))

enum {
  PROP_0,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Parameters: ?1 the day, ?2 the next day, ?3 the client. */
#define WHERE_OVERDUE "a.status = 'planned' AND a.starts_at < ?1"
#define WHERE_TODAY "a.status = 'planned' AND a.starts_at >= ?1 AND a.starts_at < ?2"
#define WHERE_DONE_TODAY \
  "a.status = 'done' AND (a.done_at >= ?1 AND a.done_at < ?2" \
  " OR a.done_at IS NULL AND a.starts_at >= ?1 AND a.starts_at < ?2)"
#define WHERE_CLIENT "a.client_id = ?3"

static const char * const where_clauses[] = {
  [KL_ACTIVITY_LIST_OVERDUE] = WHERE_OVERDUE,
  [KL_ACTIVITY_LIST_TODAY] = WHERE_TODAY,
  [KL_ACTIVITY_LIST_DONE_TODAY] = WHERE_DONE_TODAY,
  [KL_ACTIVITY_LIST_CLIENT] = WHERE_CLIENT,
};

static const char * const count_sql[] = {
  [KL_ACTIVITY_LIST_OVERDUE] = "SELECT count(*) FROM activities a WHERE " WHERE_OVERDUE,
  [KL_ACTIVITY_LIST_TODAY] = "SELECT count(*) FROM activities a WHERE " WHERE_TODAY,
  [KL_ACTIVITY_LIST_DONE_TODAY] = "SELECT count(*) FROM activities a WHERE " WHERE_DONE_TODAY,
  [KL_ACTIVITY_LIST_CLIENT] = "SELECT count(*) FROM activities a WHERE " WHERE_CLIENT,
};

static const char * const order_clauses[] = {
  [KL_ACTIVITY_LIST_OVERDUE] = "a.starts_at, a.id",
  [KL_ACTIVITY_LIST_TODAY] = "a.starts_at, a.id",
  /* Not by the index (status, starts_at), which would walk every done
   * activity ever: the day's few rows are found by done_at and sorted. */
  [KL_ACTIVITY_LIST_DONE_TODAY] = "+a.starts_at, a.id",
  [KL_ACTIVITY_LIST_CLIENT] = "a.starts_at DESC, a.id DESC",
};

/* @day and @next_day are set from @today (NULL: the real today). */
static gboolean
resolve_day (const char  *today,
             char       **day,
             char       **next_day,
             GError     **error)
{
  g_autofree char *real_today = NULL;
  GDate date;

  if (today == NULL)
    today = real_today = kl_database_today ();
  else if (!kl_validate_date (today, error))
    return FALSE;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, g_ascii_strtoull (today + 8, NULL, 10), g_ascii_strtoull (today + 5, NULL, 10),
                  g_ascii_strtoull (today, NULL, 10));
  g_date_add_days (&date, 1);

  *day = g_strdup (today);
  *next_day = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date),
                               g_date_get_month (&date), g_date_get_day (&date));
  return TRUE;
}

static void
bind_parameters (sqlite3_stmt *stmt,
                 const char   *day,
                 const char   *next_day,
                 gint64        client_id)
{
  sqlite3_bind_text (stmt, 1, day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, next_day, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, client_id);
}

static guint
count_rows (KlActivityList *self)
{
  KlDatabase *database = kl_session_get_database (self->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (database, self->count_sql, &error);

  if (stmt == NULL)
    {
      g_warning ("Could not count activities: %s", error->message);
      return 0;
    }

  bind_parameters (stmt, self->day, self->next_day, self->client_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      kl_database_set_error (database, &error);
      g_warning ("Could not count activities: %s", error->message);
      return 0;
    }

  return sqlite3_column_int (stmt, 0);
}

static GPtrArray *
fetch_page (KlActivityList *self,
            guint           page)
{
  KlDatabase *database = kl_session_get_database (self->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (database, self->page_sql, &error);
  GPtrArray *items = g_ptr_array_new_full (PAGE_SIZE, g_object_unref);

  if (stmt == NULL)
    {
      g_warning ("Could not read activities: %s", error->message);
      return items;
    }

  bind_parameters (stmt, self->day, self->next_day, self->client_id);
  sqlite3_bind_int (stmt, 4, PAGE_SIZE);
  sqlite3_bind_int64 (stmt, 5, (gint64)page * PAGE_SIZE);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      KlEntity *activity = g_object_new (KL_TYPE_ACTIVITY, NULL);

      kl_entity_load_row (activity, stmt, 0);
      g_ptr_array_add (items, activity);
    }
  self->fetches++;

  return items;
}

static void
reset (KlActivityList *self)
{
  guint removed = self->n_items;
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->day, g_free);
  g_clear_pointer (&self->next_day, g_free);
  if (!resolve_day (self->today, &self->day, &self->next_day, &error))
    {
      /* kl_activity_list_set_today() checks the day; this is a bug. */
      g_critical ("Bad day “%s”: %s", self->today, error->message);
      resolve_day (NULL, &self->day, &self->next_day, NULL);
    }

  g_hash_table_remove_all (self->pages);
  self->n_items = count_rows (self);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->n_items);
  if (removed != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
on_store_changed_cb (KlActivityList *self,
                     int             change,
                     gint64          id,
                     KlStore        *store)
{
  reset (self);
}

static GType
kl_activity_list_get_item_type (GListModel *model)
{
  return KL_TYPE_ACTIVITY;
}

static guint
kl_activity_list_get_n_items (GListModel *model)
{
  return KL_ACTIVITY_LIST (model)->n_items;
}

static gpointer
kl_activity_list_get_item (GListModel *model,
                           guint       position)
{
  KlActivityList *self = KL_ACTIVITY_LIST (model);
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
kl_activity_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = kl_activity_list_get_item_type;
  iface->get_n_items = kl_activity_list_get_n_items;
  iface->get_item = kl_activity_list_get_item;
}

static void
kl_activity_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KlActivityList *self = KL_ACTIVITY_LIST (object);

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
kl_activity_list_dispose (GObject *object)
{
  KlActivityList *self = (KlActivityList *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->clients);
  g_clear_object (&self->contacts);
  g_clear_object (&self->session);
  g_clear_pointer (&self->pages, g_hash_table_unref);

  G_OBJECT_CLASS (kl_activity_list_parent_class)->dispose (object);
}

static void
kl_activity_list_finalize (GObject *object)
{
  KlActivityList *self = (KlActivityList *)object;

  g_free (self->today);
  g_free (self->day);
  g_free (self->next_day);
  g_free (self->page_sql);

  G_OBJECT_CLASS (kl_activity_list_parent_class)->finalize (object);
}

static void
kl_activity_list_class_init (KlActivityListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kl_activity_list_dispose;
  object_class->finalize = kl_activity_list_finalize;
  object_class->get_property = kl_activity_list_get_property;

  /**
   * KlActivityList:n-items:
   *
   * How many activities the list holds; for badges ("3 overdue").
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kl_activity_list_init (KlActivityList *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_ptr_array_unref);
}

static KlActivityList *
create (KlSession          *session,
        KlActivityListKind  kind,
        const char         *today,
        gint64              client_id)
{
  KlActivityList *self = g_object_new (KL_TYPE_ACTIVITY_LIST, NULL);
  g_autofree char *columns = NULL;

  self->session = g_object_ref (session);
  self->store = g_object_ref (kl_session_get_store (session, KL_TYPE_ACTIVITY));
  self->clients = g_object_ref (kl_session_get_store (session, KL_TYPE_CLIENT));
  self->contacts = g_object_ref (kl_session_get_store (session, KL_TYPE_CONTACT));
  self->kind = kind;
  self->client_id = client_id;
  self->today = g_strdup (today);

  /* The client's and the contact's names follow the activity's columns:
   * kl_entity_load_row() fills computed fields from them when KlActivity
   * declares such fields (client_name, contact_name), and skips them
   * otherwise. */
  columns = kl_store_select_columns (self->store, "a");
  self->count_sql = count_sql[kind];
  self->page_sql = g_strdup_printf ("SELECT %s, cl.name, ct.name FROM activities a"
                                    " LEFT JOIN clients cl ON cl.id = a.client_id"
                                    " LEFT JOIN contacts ct ON ct.id = a.contact_id"
                                    " WHERE %s ORDER BY %s LIMIT ?4 OFFSET ?5",
                                    columns, where_clauses[kind], order_clauses[kind]);

  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->clients, "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->contacts, "changed", G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);

  reset (self);

  return self;
}

/**
 * kl_activity_list_new:
 * @kind: one of the "Today" lists; not %KL_ACTIVITY_LIST_CLIENT
 * @today: (nullable): the day the list is about, "YYYY-MM-DD"
 */
KlActivityList *
kl_activity_list_new (KlSession          *session,
                      KlActivityListKind  kind,
                      const char         *today)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (kind <= KL_ACTIVITY_LIST_DONE_TODAY, NULL);
  g_return_val_if_fail (today == NULL || kl_validate_date (today, NULL), NULL);

  return create (session, kind, today, 0);
}

/* The client card's activities, newest first. */
KlActivityList *
kl_activity_list_new_for_client (KlSession *session,
                                 gint64     client_id)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (client_id > 0, NULL);

  return create (session, KL_ACTIVITY_LIST_CLIENT, NULL, client_id);
}

KlActivityListKind
kl_activity_list_get_kind (KlActivityList *self)
{
  g_return_val_if_fail (KL_IS_ACTIVITY_LIST (self), KL_ACTIVITY_LIST_TODAY);

  return self->kind;
}

/* Pins the list to @today ("YYYY-MM-DD"), or follows the clock (NULL). */
void
kl_activity_list_set_today (KlActivityList *self,
                            const char     *today)
{
  g_return_if_fail (KL_IS_ACTIVITY_LIST (self));
  g_return_if_fail (today == NULL || kl_validate_date (today, NULL));

  if (g_strcmp0 (today, self->today) == 0)
    return;

  g_free (self->today);
  self->today = g_strdup (today);
  reset (self);
}

/* Reads the list again; a view calls it when the day changes at midnight. */
void
kl_activity_list_reload (KlActivityList *self)
{
  g_return_if_fail (KL_IS_ACTIVITY_LIST (self));

  reset (self);
}

/* How many pages were read from the database: for tests. */
guint
kl_activity_list_get_fetches (KlActivityList *self)
{
  g_return_val_if_fail (KL_IS_ACTIVITY_LIST (self), 0);

  return self->fetches;
}

gint64
kl_activity_list_count (KlSession           *session,
                        KlActivityListKind   kind,
                        const char          *today,
                        gint64               client_id,
                        GError             **error)
{
  KlDatabase *database;
  g_autoptr(KlCachedStmt) stmt = NULL;
  g_autofree char *day = NULL;
  g_autofree char *next_day = NULL;

  g_return_val_if_fail (KL_IS_SESSION (session), -1);
  g_return_val_if_fail (kind <= KL_ACTIVITY_LIST_CLIENT, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (!resolve_day (today, &day, &next_day, error))
    return -1;

  database = kl_session_get_database (session);
  stmt = kl_database_prepare (database, count_sql[kind], error);
  if (stmt == NULL)
    return -1;

  bind_parameters (stmt, day, next_day, client_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      kl_database_set_error (database, error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/**
 * kl_activity_mark_done:
 * @outcome: (nullable): what came of it; NULL keeps the stored outcome
 *
 * Sets the activity's status to done and its done_at to now (starts_at,
 * the planned time, stays) through the activities store (so lists
 * listening to it reload) in one transaction with its audit rows.
 * KlActivity is not an audited class yet, so the status, done_at and
 * outcome changes are written to the audit trail here, in kl-store.c's format;
 * once the class is audited the store writes them and this does not.
 */
gboolean
kl_activity_mark_done (KlSession   *session,
                       gint64       activity_id,
                       const char  *outcome,
                       GError     **error)
{
  static const char audit_sql[] =
    "INSERT INTO audit_log (changed_at, table_name, row_id, action, field, old_value, new_value)"
    " VALUES (?, 'activities', ?, 'update', ?, ?, ?)";
  KlStore *store;
  KlDatabase *database;
  KlEntityClass *klass;
  g_autoptr(KlEntity) activity = NULL;
  g_autoptr(KlEntity) old = NULL;
  g_autofree char *now = NULL;
  const char * const audited[] = { "status", "done_at", "outcome" };

  g_return_val_if_fail (KL_IS_SESSION (session), FALSE);
  g_return_val_if_fail (activity_id > 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  store = kl_session_get_store (session, KL_TYPE_ACTIVITY);
  database = kl_session_get_database (session);

  if (!kl_database_begin (database, error))
    return FALSE;

  activity = kl_store_get (store, activity_id, error);
  if (activity == NULL)
    {
      kl_database_rollback (database);
      return FALSE;
    }
  old = kl_entity_copy (activity);

  /* Done now; one done already keeps the time it was done. */
  now = kl_database_now ();
  if (g_strcmp0 (kl_entity_get_text (activity, "status"), "done") != 0 ||
      kl_entity_get_text (activity, "done_at") == NULL)
    kl_entity_set_text (activity, "done_at", now);
  kl_entity_set_text (activity, "status", "done");
  if (outcome != NULL)
    kl_entity_set_text (activity, "outcome", outcome);

  klass = KL_ENTITY_GET_CLASS (activity);
  for (guint i = 0; !klass->audited && i < G_N_ELEMENTS (audited); i++)
    {
      const char *before = kl_entity_get_text (old, audited[i]);
      const char *after = kl_entity_get_text (activity, audited[i]);
      g_autoptr(KlCachedStmt) stmt = NULL;

      if (g_strcmp0 (before, after) == 0)
        continue;

      stmt = kl_database_prepare (database, audit_sql, error);
      if (stmt == NULL)
        {
          kl_database_rollback (database);
          return FALSE;
        }
      sqlite3_bind_text (stmt, 1, now, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, activity_id);
      sqlite3_bind_text (stmt, 3, audited[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, before, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, after, -1, SQLITE_STATIC);
      if (!kl_database_step_done (database, stmt, error))
        {
          kl_database_rollback (database);
          return FALSE;
        }
    }

  /* The store's own transaction nests as a savepoint; its "changed" comes
   * before our commit, which listeners on this connection already see. */
  if (!kl_store_update (store, activity, error) ||
      !kl_database_commit (database, error))
    {
      kl_database_rollback (database);
      /* The update may have been announced: have the lists read again. */
      g_signal_emit_by_name (store, "changed", KL_STORE_UPDATED, activity_id);
      return FALSE;
    }

  return TRUE;
}
