/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-client-ops.h"

#include "kl-client-ops-private.h"
#include "kl-format.h"

#define TITLE_CHARS_MAX 120

/* The client card's timeline: activities, deals, invoices, payments,
 * complaints and the changes of the audit trail, newest first. */

void
kl_timeline_entry_free (KlTimelineEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->date);
  g_free (entry->title);
  g_free (entry);
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
    return kl_format_money (g_ascii_strtoll (value, NULL, 10), NULL);

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
      const char *a = _kl_ops_column_text (stmt, 3);
      const char *b = _kl_ops_column_text (stmt, 4);
      const char *c = _kl_ops_column_text (stmt, 5);
      g_autofree char *amount = NULL;
      g_autofree char *text = NULL;

      entry->kind = sqlite3_column_int (stmt, 0);
      entry->date = g_strdup (_kl_ops_column_text (stmt, 1));
      entry->record_id = sqlite3_column_int64 (stmt, 2);
      if (sqlite3_column_type (stmt, 6) != SQLITE_NULL)
        amount = kl_format_money (sqlite3_column_int64 (stmt, 6), _kl_ops_column_text (stmt, 7));

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
