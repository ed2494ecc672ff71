/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-client-ops.h"

#include "kl-client-ops-private.h"
#include "kl-json.h"
#include "kl-search.h"

/* A contact person's personal data: exported as JSON (GString, no
 * dependency) and erased by anonymising the row and its audit trail. */

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
          kl_json_append_key (out, "      ", sqlite3_column_name (stmt, i), i == 0);
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
              kl_json_append_string (out, _kl_ops_column_text (stmt, i));
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
  kl_json_append_key (out, "  ", key, FALSE);

  return json_rows (out, database, stmt, error);
}

static void
json_entity (GString  *out,
             KlEntity *entity)
{
  KlEntityClass *klass = KL_ENTITY_GET_CLASS (entity);

  g_string_append (out, "{");
  kl_json_append_key (out, "    ", "id", TRUE);
  g_string_append_printf (out, "%" G_GINT64_FORMAT, kl_entity_get_id (entity));
  for (guint i = 0; i < klass->n_fields; i++)
    {
      const KlField *field = &klass->fields[i];
      g_autofree char *value = NULL;

      if (field->flags & (KL_FIELD_COMPUTED | KL_FIELD_DERIVED))
        continue;

      kl_json_append_key (out, "    ", field->column, FALSE);
      value = kl_entity_value_to_string (entity, i);
      if (value == NULL)
        g_string_append (out, "null");
      else if (field->type == KL_FIELD_TEXT || field->type == KL_FIELD_DATE || field->type == KL_FIELD_DATETIME)
        kl_json_append_string (out, value);
      else if (field->type == KL_FIELD_BOOL)
        g_string_append (out, g_str_equal (value, "1") ? "true" : "false");
      else
        g_string_append (out, value);
    }
  kl_json_append_key (out, "    ", "created_at", FALSE);
  kl_json_append_string (out, kl_entity_get_created_at (entity));
  kl_json_append_key (out, "    ", "updated_at", FALSE);
  kl_json_append_string (out, kl_entity_get_updated_at (entity));
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
    return _kl_ops_fail (database);

  now = kl_database_now ();
  g_string_append (json, "{");
  kl_json_append_key (json, "  ", "format", TRUE);
  kl_json_append_string (json, "klijentela-personal-data");
  kl_json_append_key (json, "  ", "version", FALSE);
  g_string_append (json, "1");
  kl_json_append_key (json, "  ", "exported_at", FALSE);
  kl_json_append_string (json, now);
  kl_json_append_key (json, "  ", "contact", FALSE);
  json_entity (json, contact);

  if (!json_query (json, database, "client",
                   "SELECT id, name FROM clients WHERE id = ?1",
                   kl_contact_get_client_id (KL_CONTACT (contact)), error) ||
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
    return _kl_ops_fail (database);
  g_string_append (json, "\n}\n");

  where = g_file_get_parse_name (out);
  if (!_kl_ops_write_audit_row (database, now, "contacts", contact_id, "export", NULL, NULL, where, error) ||
      !g_file_replace_contents (out, json->str, json->len, NULL, FALSE,
                                G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                NULL, NULL, error))
    return _kl_ops_fail (database);

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

static gboolean
erase_fail (KlDatabase *database)
{
  kl_database_rollback (database);
  kl_database_erase_end (database);
  return FALSE;
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

  /* Erased means erased: the space the old values held is zeroed, not
   * just freed (kl_database_erase_begin()), and so are the search index
   * segments that held their words. */
  if (!kl_database_erase_begin (database, error))
    return FALSE;

  contact = kl_store_get (contacts, contact_id, error);
  if (contact == NULL)
    return erase_fail (database);

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
      !_kl_ops_exec_with_id (database, blank_sql, contact_id, error) ||
      !_kl_ops_write_audit_row (database, now, "contacts", contact_id, "erase", NULL, NULL, NULL, error) ||
      !kl_search_purge_old_segments (database, error) ||
      !kl_database_erase_commit (database, error))
    return erase_fail (database);

  g_signal_emit_by_name (contacts, "changed", KL_STORE_UPDATED, contact_id);

  return TRUE;
}
