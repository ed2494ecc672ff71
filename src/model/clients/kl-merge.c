/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-client-ops.h"

#include "kl-client-ops-private.h"
#include "kl-text.h"

/* Merging a duplicate into the client that stays: its rows move over,
 * its empty fields are filled, and it is deleted. */

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
  g_autofree char *survivor = _kl_ops_id_string (survivor_id);
  g_autofree char *duplicate = _kl_ops_id_string (duplicate_id);
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
                            kl_client_get_name (KL_CLIENT (duplicate)));

  /* The stores write the survivor's and the duplicate's audit rows; they
   * nest inside this transaction as savepoints. */
  if (!kl_store_update (clients, survivor, error) ||
      !_kl_ops_write_audit_row (database, now, "clients", survivor_id, "merge", NULL, merged, NULL, error) ||
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
