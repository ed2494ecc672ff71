/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-store.h"

#include <string.h>

#include "kl-bulk.h"
#include "kl-summary-sql.h"

struct _KlStore
{
  GObject        parent_instance;

  KlDatabase    *database;
  GType          entity_type;
  KlEntityClass *entity_class;

  /* Statements written once from the field table; the cache keys on them. */
  char          *select_columns;
  char          *insert_sql;
  char          *max_id_sql;
  /* kl_store_insert_many(): BULK_ROWS rows a statement, then one. */
  char          *bulk_insert_sql[2];
  guint          bulk_row_params; /* parameters of a row */
  char          *bulk_audit_sql;
  const struct _BulkInfo *bulk;   /* or NULL */
  int            order_field;     /* the sort_key field, or -1 */
  char          *update_sql;
  char          *delete_sql;
  char          *get_sql;
  char          *count_sql;
  char          *list_all_sql;
  GHashTable    *list_by_sql;   /* column → SQL */

  guint          batch_depth;
  gboolean       batch_changed;
  gint64         batch_id;      /* the one row updated in the batch, or 0 */
  gboolean       batch_many;    /* anything else written in the batch */
};

G_DEFINE_FINAL_TYPE (KlStore, kl_store, G_TYPE_OBJECT)

/* Rows per statement of kl_store_insert_many(): one statement per row
 * would open a statement journal per row (the tables have triggers). */
#define BULK_ROWS 64

/* From this many rows on, kl_store_insert_many() suspends the triggers
 * that would do nothing for them. */
#define SUSPEND_TRIGGERS_MIN 1000

/* What kl_store_insert_many() does besides the generic insert for the
 * tables the search index and the client summary read (schema migrations
 * 2 and 3): the per-row triggers that would rebuild a client's search
 * document are skipped (search_deferred) and the documents written with
 * one statement; the manager's sort key is written with the row rather
 * than by a trigger's UPDATE of it. The rows inserted are those with ids
 * ?1 to ?2. */
typedef struct _BulkInfo {
  const char *table;
  const char *extra_column;   /* written besides the fields, or NULL … */
  const char *extra_value;    /* … this, then the parameter of … and ")" */
  const char *extra_field;    /* … this field of the same row */
  const char *fill_sql[3];    /* after the rows, before search_deferred is cleared */
  const char *pending_sql;    /* with KL_STORE_INSERT_DEFER_SEARCH, after fill_sql */
  KlBulkTriggers triggers;    /* that do nothing for these rows */
} BulkInfo;

static const BulkInfo bulk_infos[] = {
  { "clients", "manager_key", "(SELECT m.sort_key FROM managers m WHERE m.id = ?", "manager_id",
    { KL_SQL_FILL_NEW_CLIENTS_SEARCH ("c.id BETWEEN ?1 AND ?2"), NULL },
    "INSERT OR IGNORE INTO main.search_pending (id) SELECT id FROM main.clients WHERE id BETWEEN ?1 AND ?2",
    KL_BULK_TRIGGERS_CLIENT_INSERT },
  { "contacts", NULL, NULL, NULL,
    { "DELETE FROM client_docs WHERE id IN (SELECT client_id FROM main.contacts WHERE id BETWEEN ?1 AND ?2)",
      KL_SQL_FILL_SEARCH ("c.id IN (SELECT client_id FROM main.contacts WHERE id BETWEEN ?1 AND ?2)"),
      NULL },
    "INSERT OR IGNORE INTO main.search_pending (id)"
    " SELECT client_id FROM main.contacts WHERE id BETWEEN ?1 AND ?2",
    KL_BULK_TRIGGERS_CONTACT_INSERT },
};

G_DEFINE_QUARK (kl-store-error-quark, kl_store_error)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
emit_changed (KlStore       *self,
              KlStoreChange  change,
              gint64         id)
{
  if (self->batch_depth > 0)
    {
      /* A batch that only updated one row says which. */
      if (change != KL_STORE_UPDATED || id == 0 ||
          (self->batch_changed && self->batch_id != id))
        self->batch_many = TRUE;
      self->batch_id = id;
      self->batch_changed = TRUE;
    }
  else
    g_signal_emit (self, signals[CHANGED], 0, change, id);
}

static gboolean
is_stored (const KlField *field)
{
  return (field->flags & KL_FIELD_COMPUTED) == 0;
}

static gboolean
is_audited (const KlField *field)
{
  return (field->flags & (KL_FIELD_COMPUTED | KL_FIELD_DERIVED)) == 0;
}

/* The statements of kl_store_insert_many(): @columns (id, the stored
 * fields, the timestamps) for BULK_ROWS rows and for one, numbered from ?1
 * row after row. */
static void
build_bulk_insert (KlStore    *self,
                   const char *columns)
{
  KlEntityClass *klass = self->entity_class;
  const BulkInfo *bulk = self->bulk;
  guint extra_param = 0;

  /* A row's parameters: the id, the stored fields, the timestamps. */
  self->bulk_row_params = 1;
  for (guint i = 0; i < klass->n_fields; i++)
    {
      if (!is_stored (&klass->fields[i]))
        continue;
      self->bulk_row_params++;
      if (bulk != NULL && bulk->extra_field != NULL && g_str_equal (klass->fields[i].column, bulk->extra_field))
        extra_param = self->bulk_row_params;
    }
  if (klass->timestamps)
    self->bulk_row_params += 2;
  g_assert (bulk == NULL || bulk->extra_field == NULL || extra_param > 0);

  for (guint n = 0; n < G_N_ELEMENTS (self->bulk_insert_sql); n++)
    {
      guint rows = n == 0 ? BULK_ROWS : 1;
      GString *sql = g_string_new (NULL);

      g_string_printf (sql, "INSERT INTO main.%s (%s", klass->table, columns);
      if (bulk != NULL && bulk->extra_column != NULL)
        g_string_append_printf (sql, ", %s", bulk->extra_column);
      g_string_append (sql, ") VALUES ");
      for (guint r = 0; r < rows; r++)
        {
          guint first = r * self->bulk_row_params;

          g_string_append (sql, r > 0 ? ", (" : "(");
          for (guint p = 1; p <= self->bulk_row_params; p++)
            g_string_append_printf (sql, "%s?%u", p > 1 ? ", " : "", first + p);
          if (bulk != NULL && bulk->extra_value != NULL)
            {
              g_string_append_printf (sql, ", %s%u)", bulk->extra_value, first + extra_param);
            }
          g_string_append_c (sql, ')');
        }
      self->bulk_insert_sql[n] = g_string_free (sql, FALSE);
    }
}

static void
build_statements (KlStore *self)
{
  KlEntityClass *klass = self->entity_class;
  const char *table = klass->table;
  g_autoptr(GString) columns = g_string_new ("id");
  g_autoptr(GString) insert = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autoptr(GString) update = g_string_new (NULL);

  g_string_printf (insert, "INSERT INTO %s (", table);
  g_string_printf (update, "UPDATE %s SET ", table);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const KlField *field = &klass->fields[i];

      if (!is_stored (field))
        continue;

      g_string_append_printf (columns, ", %s", field->column);
      g_string_append_printf (insert, "%s%s", values->len ? ", " : "", field->column);
      g_string_append_printf (values, "%s?", values->len ? ", " : "");
      g_string_append_printf (update, "%s = ?, ", field->column);
    }

  if (klass->timestamps)
    {
      g_string_append (columns, ", created_at, updated_at");
      g_string_append (insert, ", created_at, updated_at");
      g_string_append (values, ", ?, ?");
      g_string_append (update, "updated_at = ?");
    }
  else
    g_string_truncate (update, update->len - 2);

  g_string_append_printf (insert, ") VALUES (%s)", values->str);
  self->max_id_sql = g_strdup_printf ("SELECT coalesce (max(id), 0) FROM %s", table);
  for (guint i = 0; i < G_N_ELEMENTS (bulk_infos); i++)
    if (g_str_equal (bulk_infos[i].table, table))
      self->bulk = &bulk_infos[i];
  build_bulk_insert (self, columns->str);
  /* One audit row per row inserted: its values are in the row itself. */
  self->bulk_audit_sql = g_strdup_printf ("INSERT INTO audit_log (changed_at, table_name, row_id, action, field, old_value, new_value)"
                                          " SELECT ?3, '%s', id, 'insert', NULL, NULL, ?4"
                                          " FROM main.%s WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
                                          table, table);
  self->order_field = -1;
  for (guint i = 0; i < klass->n_fields; i++)
    if (g_str_equal (klass->fields[i].column, "sort_key"))
      self->order_field = i;
  g_string_append (update, " WHERE id = ?");

  self->select_columns = g_strdup (columns->str);
  self->insert_sql = g_string_free (g_steal_pointer (&insert), FALSE);
  self->update_sql = g_string_free (g_steal_pointer (&update), FALSE);
  self->delete_sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", table);
  self->get_sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?", columns->str, table);
  self->count_sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  self->list_all_sql = g_strdup_printf ("SELECT %s FROM %s ORDER BY id", columns->str, table);
}

/* Binds the stored fields from parameter @param on; returns the next index. */
static int
bind_fields_at (KlEntity     *entity,
                sqlite3_stmt *stmt,
                int           param)
{
  KlEntityClass *klass = KL_ENTITY_GET_CLASS (entity);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const KlField *field = &klass->fields[i];
      const GValue *value;

      if (!is_stored (field))
        continue;

      value = _kl_entity_get_value (entity, i);
      if (G_VALUE_HOLDS_STRING (value))
        {
          const char *text = g_value_get_string (value);

          if (text == NULL)
            sqlite3_bind_null (stmt, param);
          else
            sqlite3_bind_text (stmt, param, text, strlen (text), SQLITE_STATIC);
        }
      else if (G_VALUE_HOLDS_BOOLEAN (value))
        sqlite3_bind_int (stmt, param, g_value_get_boolean (value) ? 1 : 0);
      else if (field->type == KL_FIELD_REF && g_value_get_int64 (value) == 0)
        sqlite3_bind_null (stmt, param);
      else
        sqlite3_bind_int64 (stmt, param, g_value_get_int64 (value));
      param++;
    }

  return param;
}

static int
bind_fields (KlEntity     *entity,
             sqlite3_stmt *stmt)
{
  return bind_fields_at (entity, stmt, 1);
}

/**
 * kl_entity_load_row:
 * @first_column: the column of `id`; the fields follow in table order
 *
 * Fills @entity from a row selected with the store's column list (the
 * stored fields, then the timestamps, then any computed fields).
 */
void
kl_entity_load_row (KlEntity     *entity,
                    sqlite3_stmt *stmt,
                    int           first_column)
{
  KlEntityClass *klass = KL_ENTITY_GET_CLASS (entity);
  int column = first_column + 1;
  g_auto(GValue) text = G_VALUE_INIT;
  g_auto(GValue) number = G_VALUE_INIT;
  g_auto(GValue) flag = G_VALUE_INIT;
  const char *created_at = NULL;
  const char *updated_at = NULL;

  g_value_init (&text, G_TYPE_STRING);
  g_value_init (&number, G_TYPE_INT64);
  g_value_init (&flag, G_TYPE_BOOLEAN);

  g_object_freeze_notify (G_OBJECT (entity));
  kl_entity_set_id (entity, sqlite3_column_int64 (stmt, first_column));

  for (int pass = 0; pass < 2; pass++)
    {
      /* Pass 0: stored fields; between the passes, the timestamps;
       * pass 1: computed fields, where the query has them. */
      if (pass == 1 && klass->timestamps)
        {
          created_at = (const char *)sqlite3_column_text (stmt, column++);
          updated_at = (const char *)sqlite3_column_text (stmt, column++);
          _kl_entity_set_timestamps (entity, created_at, updated_at);
        }

      for (guint i = 0; i < klass->n_fields; i++)
        {
          const KlField *field = &klass->fields[i];
          GValue *value;

          if (is_stored (field) == (pass == 1))
            continue;
          if (column >= sqlite3_column_count (stmt))
            break;

          if (field->type == KL_FIELD_TEXT || field->type == KL_FIELD_DATE || field->type == KL_FIELD_DATETIME)
            {
              /* Keep the bytes as stored: static string, copied by the setter. */
              g_value_set_static_string (&text, (const char *)sqlite3_column_text (stmt, column));
              value = &text;
            }
          else if (field->type == KL_FIELD_BOOL)
            {
              g_value_set_boolean (&flag, sqlite3_column_int (stmt, column) != 0);
              value = &flag;
            }
          else
            {
              g_value_set_int64 (&number, sqlite3_column_int64 (stmt, column));
              value = &number;
            }
          _kl_entity_set_value (entity, i, value);
          column++;
        }
    }

  g_object_thaw_notify (G_OBJECT (entity));
}

static gboolean
write_audit (KlStore     *self,
             gint64       row_id,
             const char  *action,
             const char  *when,
             KlEntity    *old,
             KlEntity    *new,
             GError     **error)
{
  static const char sql[] =
    "INSERT INTO audit_log (changed_at, table_name, row_id, action, field, old_value, new_value)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)";
  KlEntityClass *klass = self->entity_class;

  for (guint i = 0; i < klass->n_fields; i++)
    {
      const KlField *field = &klass->fields[i];
      g_autoptr(KlCachedStmt) stmt = NULL;
      g_autofree char *old_value = NULL;
      g_autofree char *new_value = NULL;

      if (!is_audited (field))
        continue;
      if (old != NULL && new != NULL && kl_entity_value_equal (old, new, i))
        continue;

      old_value = old != NULL ? kl_entity_value_to_string (old, i) : NULL;
      new_value = new != NULL ? kl_entity_value_to_string (new, i) : NULL;
      if (old_value == NULL && new_value == NULL)
        continue;

      stmt = kl_database_prepare (self->database, sql, error);
      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, when, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, klass->table, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, row_id);
      sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, field->column, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, old_value, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, new_value, -1, SQLITE_STATIC);
      if (!kl_database_step_done (self->database, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Turns a database refusal into a message a user can act on. */
static void
explain_constraint (KlStore  *self,
                    GError  **error)
{
  sqlite3 *db = kl_database_get_handle (self->database);
  int code = sqlite3_extended_errcode (db);

  switch (code)
    {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      g_set_error_literal (error, KL_STORE_ERROR, KL_STORE_ERROR_DUPLICATE,
                           _("Another record already has this number or name."));
      break;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      g_set_error_literal (error, KL_STORE_ERROR, KL_STORE_ERROR_MISSING_REFERENCE,
                           _("The record refers to something that does not exist, or other records still refer to it."));
      break;
    default:
      kl_database_set_error (self->database, error);
      break;
    }
}

/* Runs @sql, a statement of the rows with ids ?1 to ?2. */
static gboolean
exec_for_ids (KlStore     *self,
              const char  *sql,
              gint64       first_id,
              gint64       last_id,
              GError     **error)
{
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (self->database, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, first_id);
  sqlite3_bind_int64 (stmt, 2, last_id);
  return kl_database_step_done (self->database, stmt, error);
}

static gboolean
finish_write (KlStore     *self,
              gboolean     ok)
{
  if (!ok)
    {
      kl_database_rollback (self->database);
      return FALSE;
    }

  return TRUE;
}

/**
 * kl_store_insert:
 *
 * Validates @entity, writes it (and its audit trail) in one transaction,
 * and sets its id. On failure nothing is written.
 */
gboolean
kl_store_insert (KlStore   *self,
                 KlEntity  *entity,
                 GError   **error)
{
  KlEntityClass *klass;
  g_autofree char *now = NULL;
  gint64 id;
  int param;

  g_return_val_if_fail (KL_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (entity, self->entity_type), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  klass = self->entity_class;
  if (klass->derive != NULL)
    klass->derive (entity);
  if (!kl_entity_validate (entity, NULL, error))
    return FALSE;

  if (!kl_database_begin (self->database, error))
    return FALSE;

  {
    g_autoptr(KlCachedStmt) stmt = kl_database_prepare (self->database, self->insert_sql, error);

    if (stmt == NULL)
      return finish_write (self, FALSE);

    now = kl_database_now ();
    param = bind_fields (entity, stmt);
    if (klass->timestamps)
      {
        sqlite3_bind_text (stmt, param++, now, -1, SQLITE_STATIC);
        sqlite3_bind_text (stmt, param++, now, -1, SQLITE_STATIC);
      }
    if (sqlite3_step (stmt) != SQLITE_DONE)
      {
        explain_constraint (self, error);
        return finish_write (self, FALSE);
      }
  }

  id = sqlite3_last_insert_rowid (kl_database_get_handle (self->database));
  kl_entity_set_id (entity, id);

  if ((klass->audited && !write_audit (self, id, "insert", now, NULL, entity, error)) ||
      (klass->after_write != NULL && !klass->after_write (entity, NULL, self->database, error)) ||
      !kl_database_commit (self->database, error))
    {
      kl_entity_set_id (entity, 0);
      return finish_write (self, FALSE);
    }

  if (klass->timestamps)
    _kl_entity_set_timestamps (entity, now, now);
  emit_changed (self, KL_STORE_INSERTED, id);

  return TRUE;
}

/* Orders entities by their sort key, then as given. */
static int
compare_keys (gconstpointer a,
              gconstpointer b,
              gpointer      data)
{
  const char **keys = data;
  guint i = *(const guint *) a, j = *(const guint *) b;
  int c = g_strcmp0 (keys[i], keys[j]);

  return c != 0 ? c : (i > j) - (i < j);
}

/**
 * kl_store_insert_many:
 * @entities: (array length=n_entities): new entities (id 0)
 * @note: (nullable): what the audit trail says of them, e.g.
 *   "import: clients.csv"
 *
 * Like kl_store_insert() for each of @entities, in one transaction and
 * one INSERT per BULK_ROWS rows: much faster for imports. (Not one INSERT
 * per row: a statement that fires triggers inside a transaction first
 * copies every page it changes to its statement journal, some twenty pages
 * per client with the clients' indexes; that measured twice as slow.)
 * Pass a few thousand at a time; inside
 * kl_database_begin_bulk() no savepoint is taken either. If any entity is invalid, nothing is
 * written and @error says why, as kl_store_insert() does. Emits "changed"
 * once, with %KL_STORE_BATCH.
 *
 * Differences from kl_store_insert(), all for speed:
 *
 * - The audit trail has one row per entity: action 'insert', field NULL,
 *   new value @note. The inserted row itself holds the values (single
 *   inserts write one row per field instead).
 * - When the entity has a sort key, the ids follow the sort key (then the
 *   order given), not the order of @entities: every index that goes by
 *   name (most of the clients' do) is then written in order rather than
 *   at random places. Each entity's id is set.
 * - The rows were just validated against the rules the table's CHECK
 *   constraints state, so the insert does not check them again (SQLite
 *   rebuilds an IN list of a CHECK for every row).
 * - Clients and contacts: the search documents are written with one
 *   statement rather than by a trigger per row (see BulkInfo).
 */
gboolean
kl_store_insert_many (KlStore     *self,
                      KlEntity   **entities,
                      guint        n_entities,
                      const char  *note,
                      GError     **error)
{
  return kl_store_insert_many_full (self, entities, n_entities, note, KL_STORE_INSERT_DEFAULT, error);
}

/**
 * kl_store_insert_many_full:
 * @flags: what the caller has done already, and whether the search index
 *   may wait
 *
 * kl_store_insert_many() for an import: see #KlStoreInsertFlags.
 */
gboolean
kl_store_insert_many_full (KlStore            *self,
                           KlEntity          **entities,
                           guint               n_entities,
                           const char         *note,
                           KlStoreInsertFlags  flags,
                           GError            **error)
{
  KlEntityClass *klass;
  g_autofree char *now = NULL;
  g_autofree guint *order = NULL;
  g_autofree const char **keys = NULL;
  g_auto(GStrv) suspended = NULL;
  g_auto(KlBulk) bulk = { 0 };
  gboolean inserted;
  gint64 first_id;

  g_return_val_if_fail (KL_IS_STORE (self), FALSE);
  g_return_val_if_fail (entities != NULL || n_entities == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_entities == 0)
    return TRUE;

  klass = self->entity_class;
  for (guint e = 0; e < n_entities; e++)
    {
      g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (entities[e], self->entity_type), FALSE);

      if ((flags & KL_STORE_INSERT_PREPARED) == 0 && !kl_entity_prepare (entities[e], NULL, error))
        return FALSE;
    }

  /* order[k]: the entity that gets id first_id + k. */
  order = g_new (guint, n_entities);
  for (guint e = 0; e < n_entities; e++)
    order[e] = e;
  if (self->order_field >= 0)
    {
      keys = g_new (const char *, n_entities);
      for (guint e = 0; e < n_entities; e++)
        keys[e] = g_value_get_string (_kl_entity_get_value (entities[e], self->order_field));
      g_qsort_with_data (order, n_entities, sizeof (guint), compare_keys, keys);
    }

  if (!kl_database_begin (self->database, error))
    return FALSE;

  /* The write lock is ours, so the ids that follow are free. */
  first_id = kl_database_query_int (self->database, self->max_id_sql, error);
  if (first_id < 0)
    return finish_write (self, FALSE);
  first_id++;

  now = kl_database_now ();

  if (self->bulk != NULL &&
      !kl_database_exec (self->database,
                         (flags & KL_STORE_INSERT_DEFER_SEARCH) != 0
                           ? "INSERT OR IGNORE INTO main.search_deferred (id) VALUES (1), (2)"
                           : "INSERT OR IGNORE INTO main.search_deferred (id) VALUES (1)",
                         error))
    return finish_write (self, FALSE);

  /* The entities were prepared, as the CHECK constraints would check them. */
  kl_bulk_begin (&bulk, self->database, KL_BULK_NO_CHECKS);

  if (self->bulk != NULL && n_entities >= SUSPEND_TRIGGERS_MIN)
    {
      suspended = kl_bulk_suspend_triggers (self->database, self->bulk->triggers, error);
      if (suspended == NULL)
        return finish_write (self, FALSE);
    }

  inserted = TRUE;
  for (guint k = 0; k < n_entities && inserted; )
    {
      guint rows = n_entities - k >= BULK_ROWS ? BULK_ROWS : 1;
      g_autoptr(KlCachedStmt) stmt = kl_database_prepare (self->database, self->bulk_insert_sql[rows == 1], error);

      if (stmt == NULL)
        {
          inserted = FALSE;
          break;
        }

      for (guint r = 0; r < rows; r++, k++)
        {
          int param = r * self->bulk_row_params + 1;

          sqlite3_bind_int64 (stmt, param, first_id + k);
          param = bind_fields_at (entities[order[k]], stmt, param + 1);
          if (klass->timestamps)
            {
              sqlite3_bind_text (stmt, param++, now, -1, SQLITE_STATIC);
              sqlite3_bind_text (stmt, param++, now, -1, SQLITE_STATIC);
            }
        }

      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          explain_constraint (self, error);
          inserted = FALSE;
        }
    }

  kl_bulk_end (&bulk);
  if (!inserted ||
      (suspended != NULL && !kl_bulk_restore_triggers (self->database, self->bulk->triggers, suspended, error)))
    return finish_write (self, FALSE);

  if (self->bulk != NULL)
    {
      gint64 last_id = first_id + n_entities - 1;

      for (guint i = 0; i < G_N_ELEMENTS (self->bulk->fill_sql) && self->bulk->fill_sql[i] != NULL; i++)
        if (!exec_for_ids (self, self->bulk->fill_sql[i], first_id, last_id, error))
          return finish_write (self, FALSE);

      if (((flags & KL_STORE_INSERT_DEFER_SEARCH) != 0 &&
           !exec_for_ids (self, self->bulk->pending_sql, first_id, last_id, error)) ||
          !kl_database_exec (self->database, "DELETE FROM main.search_deferred", error))
        return finish_write (self, FALSE);
    }

  if (klass->audited)
    {
      g_autoptr(KlCachedStmt) stmt = kl_database_prepare (self->database, self->bulk_audit_sql, error);

      if (stmt == NULL)
        return finish_write (self, FALSE);
      sqlite3_bind_int64 (stmt, 1, first_id);
      sqlite3_bind_int64 (stmt, 2, first_id + n_entities - 1);
      sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, note, -1, SQLITE_STATIC);
      if (!kl_database_step_done (self->database, stmt, error))
        return finish_write (self, FALSE);
    }

  for (guint k = 0; k < n_entities; k++)
    kl_entity_set_id (entities[order[k]], first_id + k);

  for (guint e = 0; e < n_entities && klass->after_write != NULL; e++)
    {
      if (!klass->after_write (entities[e], NULL, self->database, error))
        goto failed;
    }

  if (!kl_database_commit (self->database, error))
    goto failed;

  for (guint e = 0; e < n_entities && klass->timestamps; e++)
    _kl_entity_set_timestamps (entities[e], now, now);
  emit_changed (self, KL_STORE_BATCH, 0);

  return TRUE;

failed:
  for (guint e = 0; e < n_entities; e++)
    kl_entity_set_id (entities[e], 0);
  return finish_write (self, FALSE);
}

/**
 * kl_store_update:
 *
 * Validates and writes @entity over the stored row of the same id; the
 * audit trail records each field that changed, with old and new values.
 */
gboolean
kl_store_update (KlStore   *self,
                 KlEntity  *entity,
                 GError   **error)
{
  KlEntityClass *klass;
  g_autoptr(KlEntity) old = NULL;
  g_autofree char *now = NULL;
  gint64 id;
  int param;

  g_return_val_if_fail (KL_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_TYPE_CHECK_INSTANCE_TYPE (entity, self->entity_type), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  klass = self->entity_class;
  id = kl_entity_get_id (entity);
  if (klass->derive != NULL)
    klass->derive (entity);
  if (!kl_entity_validate (entity, NULL, error))
    return FALSE;

  if (!kl_database_begin (self->database, error))
    return FALSE;

  old = kl_store_get (self, id, error);
  if (old == NULL)
    return finish_write (self, FALSE);

  {
    g_autoptr(KlCachedStmt) stmt = kl_database_prepare (self->database, self->update_sql, error);

    if (stmt == NULL)
      return finish_write (self, FALSE);

    now = kl_database_now ();
    param = bind_fields (entity, stmt);
    if (klass->timestamps)
      sqlite3_bind_text (stmt, param++, now, -1, SQLITE_STATIC);
    sqlite3_bind_int64 (stmt, param, id);
    if (sqlite3_step (stmt) != SQLITE_DONE)
      {
        explain_constraint (self, error);
        return finish_write (self, FALSE);
      }
  }

  if ((klass->audited && !write_audit (self, id, "update", now, old, entity, error)) ||
      (klass->after_write != NULL && !klass->after_write (entity, old, self->database, error)) ||
      !kl_database_commit (self->database, error))
    return finish_write (self, FALSE);

  if (klass->timestamps)
    _kl_entity_set_timestamps (entity, kl_entity_get_created_at (old), now);
  emit_changed (self, KL_STORE_UPDATED, id);

  return TRUE;
}

gboolean
kl_store_delete (KlStore   *self,
                 gint64     id,
                 GError   **error)
{
  g_autoptr(KlEntity) old = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (KL_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!kl_database_begin (self->database, error))
    return FALSE;

  old = kl_store_get (self, id, error);
  if (old == NULL)
    return finish_write (self, FALSE);

  {
    g_autoptr(KlCachedStmt) stmt = kl_database_prepare (self->database, self->delete_sql, error);

    if (stmt == NULL)
      return finish_write (self, FALSE);

    sqlite3_bind_int64 (stmt, 1, id);
    if (sqlite3_step (stmt) != SQLITE_DONE)
      {
        /* ON DELETE RESTRICT reports itself as SQLITE_CONSTRAINT_TRIGGER. */
        if ((sqlite3_extended_errcode (kl_database_get_handle (self->database)) & 0xff) == SQLITE_CONSTRAINT)
          g_set_error_literal (error, KL_STORE_ERROR, KL_STORE_ERROR_IN_USE,
                               _("It cannot be deleted while contracts or invoices refer to it."));
        else
          explain_constraint (self, error);
        return finish_write (self, FALSE);
      }
  }

  now = kl_database_now ();
  if ((self->entity_class->audited && !write_audit (self, id, "delete", now, old, NULL, error)) ||
      !kl_database_commit (self->database, error))
    return finish_write (self, FALSE);

  emit_changed (self, KL_STORE_DELETED, id);

  return TRUE;
}

/**
 * kl_store_get:
 *
 * Returns: (transfer full) (type KlEntity): the row with @id, or %NULL
 *   with %KL_STORE_ERROR_NOT_FOUND.
 */
gpointer
kl_store_get (KlStore  *self,
              gint64    id,
              GError  **error)
{
  g_autoptr(KlCachedStmt) stmt = NULL;
  KlEntity *entity;
  int rc;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);

  stmt = kl_database_prepare (self->database, self->get_sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND,
                           _("The record no longer exists: someone may have deleted it."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      kl_database_set_error (self->database, error);
      return NULL;
    }

  entity = g_object_new (self->entity_type, NULL);
  kl_entity_load_row (entity, stmt, 0);

  return entity;
}

static GListModel *
list_query (KlStore     *self,
            const char  *sql,
            gboolean     bind_value,
            gint64       value,
            GError     **error)
{
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (self->database, sql, error);
  g_autoptr(GListStore) list = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  if (bind_value)
    sqlite3_bind_int64 (stmt, 1, value);

  list = g_list_store_new (self->entity_type);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(KlEntity) entity = g_object_new (self->entity_type, NULL);

      kl_entity_load_row (entity, stmt, 0);
      g_list_store_append (list, entity);
    }

  if (rc != SQLITE_DONE)
    {
      kl_database_set_error (self->database, error);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * kl_store_list_by:
 * @column: a reference field of the entity, e.g. "client_id"
 *
 * Returns: (transfer full): the rows whose @column equals @value, oldest
 *   first. For small related lists; large ones have their own lazy model.
 */
GListModel *
kl_store_list_by (KlStore     *self,
                  const char  *column,
                  gint64       value,
                  GError     **error)
{
  const char *sql;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);
  g_return_val_if_fail (kl_entity_class_find_field (self->entity_class, column, NULL) != NULL, NULL);

  sql = g_hash_table_lookup (self->list_by_sql, column);
  if (sql == NULL)
    {
      char *text = g_strdup_printf ("SELECT %s FROM %s WHERE %s = ? ORDER BY id",
                                    self->select_columns, self->entity_class->table, column);

      g_hash_table_insert (self->list_by_sql, g_strdup (column), text);
      sql = text;
    }

  return list_query (self, sql, TRUE, value, error);
}

GListModel *
kl_store_list_all (KlStore  *self,
                   GError  **error)
{
  g_return_val_if_fail (KL_IS_STORE (self), NULL);

  return list_query (self, self->list_all_sql, FALSE, 0, error);
}

gint64
kl_store_count (KlStore  *self,
                GError  **error)
{
  g_return_val_if_fail (KL_IS_STORE (self), -1);

  return kl_database_query_int (self->database, self->count_sql, error);
}

/**
 * kl_store_begin_batch:
 *
 * Holds back the "changed" signal, e.g. while an import inserts many rows
 * in one transaction, so that listeners reload once instead of per row.
 */
void
kl_store_begin_batch (KlStore *self)
{
  g_return_if_fail (KL_IS_STORE (self));

  self->batch_depth++;
}

/**
 * kl_store_end_batch:
 *
 * Ends what kl_store_begin_batch() began. When the outermost batch ends
 * and anything was written meanwhile (even if it was then rolled back),
 * emits "changed" once: %KL_STORE_UPDATED with the row's id when the
 * batch only updated that one row, else %KL_STORE_BATCH and id 0.
 */
void
kl_store_end_batch (KlStore *self)
{
  gboolean one_row;
  gint64 id;

  g_return_if_fail (KL_IS_STORE (self));
  g_return_if_fail (self->batch_depth > 0);

  if (--self->batch_depth > 0 || !self->batch_changed)
    return;

  one_row = !self->batch_many;
  id = self->batch_id;
  self->batch_changed = FALSE;
  self->batch_many = FALSE;
  self->batch_id = 0;
  if (one_row)
    g_signal_emit (self, signals[CHANGED], 0, KL_STORE_UPDATED, id);
  else
    g_signal_emit (self, signals[CHANGED], 0, KL_STORE_BATCH, (gint64) 0);
}

/**
 * kl_store_emit_changed_many:
 *
 * Emits "changed" with %KL_STORE_BATCH and id 0: "many rows may have
 * changed, reload". For writes done in SQL rather than through the store
 * (kl_store_begin_batch() covers writes through it).
 */
void
kl_store_emit_changed_many (KlStore *self)
{
  g_return_if_fail (KL_IS_STORE (self));

  g_signal_emit (self, signals[CHANGED], 0, KL_STORE_BATCH, (gint64) 0);
}

/**
 * kl_store_select_columns:
 * @table_alias: what the table is called in the query
 *
 * Returns: the column list, qualified, that kl_entity_load_row() reads:
 *   id, the stored fields and the timestamps. Computed fields go after it.
 */
char *
kl_store_select_columns (KlStore    *self,
                         const char *table_alias)
{
  g_autoptr(GString) columns = g_string_new (NULL);
  g_auto(GStrv) names = NULL;

  g_return_val_if_fail (KL_IS_STORE (self), NULL);
  g_return_val_if_fail (table_alias != NULL, NULL);

  names = g_strsplit (self->select_columns, ", ", -1);
  for (guint i = 0; names[i] != NULL; i++)
    g_string_append_printf (columns, "%s%s.%s", i > 0 ? ", " : "", table_alias, names[i]);

  return g_string_free (g_steal_pointer (&columns), FALSE);
}

KlDatabase *
kl_store_get_database (KlStore *self)
{
  g_return_val_if_fail (KL_IS_STORE (self), NULL);

  return self->database;
}

GType
kl_store_get_entity_type (KlStore *self)
{
  g_return_val_if_fail (KL_IS_STORE (self), G_TYPE_INVALID);

  return self->entity_type;
}

static void
kl_store_finalize (GObject *object)
{
  KlStore *self = (KlStore *)object;

  g_clear_object (&self->database);
  g_clear_pointer (&self->list_by_sql, g_hash_table_unref);
  g_free (self->select_columns);
  g_free (self->insert_sql);
  g_free (self->max_id_sql);
  g_free (self->bulk_insert_sql[0]);
  g_free (self->bulk_insert_sql[1]);
  g_free (self->bulk_audit_sql);
  g_free (self->update_sql);
  g_free (self->delete_sql);
  g_free (self->get_sql);
  g_free (self->count_sql);
  g_free (self->list_all_sql);

  G_OBJECT_CLASS (kl_store_parent_class)->finalize (object);
}

static void
kl_store_class_init (KlStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kl_store_finalize;

  /**
   * KlStore::changed:
   * @change: a #KlStoreChange
   * @id: the row
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT64);
}

static void
kl_store_init (KlStore *self)
{
  self->list_by_sql = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

KlStore *
kl_store_new (KlDatabase *database,
              GType       entity_type)
{
  KlStore *self;

  g_return_val_if_fail (KL_IS_DATABASE (database), NULL);
  g_return_val_if_fail (g_type_is_a (entity_type, KL_TYPE_ENTITY), NULL);

  self = g_object_new (KL_TYPE_STORE, NULL);
  self->database = g_object_ref (database);
  self->entity_type = entity_type;
  self->entity_class = g_type_class_ref (entity_type);
  g_type_class_unref (self->entity_class);  /* classes of static types stay */
  build_statements (self);

  return self;
}
