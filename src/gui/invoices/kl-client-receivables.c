/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-client-receivables.h"

#include "kl-entities.h"
#include "kl-format.h"
#include "kl-invoice-editor.h"
#include "kl-payment-editor.h"
#include "kl-receivables.h"

/* The client card's invoices: what the client owes in each currency (and
 * how much of it is past due), and its latest invoices, each with what it
 * still owes; a new invoice, a change to one, a payment recorded against
 * one. It reads again when invoices, payments or contracts change. */

#define INVOICE_LIMIT 50

struct _KlClientReceivables
{
  AdwBin      parent_instance;

  KlSession  *session;
  gint64      client_id;
  guint       reload_source;

  /* Template children */
  GtkLabel   *balance_label;
  GtkListBox *invoices_list;
};

G_DEFINE_FINAL_TYPE (KlClientReceivables, kl_client_receivables, ADW_TYPE_BIN)

/* Helpers */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL &&
         GTK_IS_LIST_BOX_ROW (child))
    gtk_list_box_remove (list, child);
}

static GtkWidget *
row_button (const char *icon_name,
            const char *label,
            const char *action_name,
            gint64      invoice_id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", invoice_id);
  return button;
}

static char *
invoice_state (const KlInvoiceLine *line,
               const char          *today)
{
  g_autofree char *due = kl_format_date (line->due_date);
  g_autofree char *owed = NULL;
  int late;

  if (g_strcmp0 (line->status, "cancelled") == 0)
    return g_strdup (kl_choice_label (kl_invoice_statuses, line->status));
  if (line->paid >= line->amount)
    return g_strdup (_("Paid"));

  owed = kl_format_money (line->amount - line->paid, line->currency);
  late = kl_days_between (line->due_date, today);
  if (late <= 0)
    /* TRANSLATORS: %1$s is a sum of money, %2$s a date */
    return g_strdup_printf (_("Still owes %1$s · due %2$s"), owed, due);
  /* TRANSLATORS: %1$s is a sum of money, %2$d a number of days */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Still owes %1$s · %2$d day past due",
                                       "Still owes %1$s · %2$d days past due", late),
                          owed, late);
}

static GtkWidget *
create_invoice_row (const KlInvoiceLine *line,
                    const char          *today)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *amount = kl_format_money (line->amount, line->currency);
  g_autofree char *title = g_strdup_printf ("%s · %s", line->number, amount);
  g_autofree char *state = invoice_state (line, today);
  GtkWidget *edit_button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), state);

  if (g_strcmp0 (line->status, "issued") == 0 && line->paid < line->amount)
    adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                               row_button ("list-add-symbolic", _("Record Payment"),
                                           "receivables.record-payment", line->id));
  edit_button = row_button ("document-edit-symbolic", _("Edit Invoice"),
                            "receivables.edit-invoice", line->id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit_button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), edit_button);

  return row;
}

static void
fill_balance (KlClientReceivables *self,
              const char          *today)
{
  KlDatabase *database = kl_session_get_database (self->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ageing = kl_receivables_ageing (database, self->client_id, today, &error);
  g_autoptr(GString) text = g_string_new (NULL);

  if (ageing == NULL)
    {
      gtk_label_set_label (self->balance_label, error->message);
      return;
    }
  for (guint i = 0; i < ageing->len; i++)
    {
      KlAgeing *row = &g_array_index (ageing, KlAgeing, i);
      g_autofree char *balance = kl_format_money (row->balance, row->currency);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (row->overdue > 0)
        {
          g_autofree char *overdue = kl_format_money (row->overdue, row->currency);

          /* TRANSLATORS: %1$s and %2$s are sums of money in one currency */
          g_string_append_printf (text, _("Owes %1$s, of which %2$s past due"), balance, overdue);
        }
      else
        /* TRANSLATORS: %s is a sum of money */
        g_string_append_printf (text, _("Owes %s, nothing past due"), balance);
    }
  if (text->len == 0)
    g_string_append (text, _("Owes nothing"));
  gtk_label_set_label (self->balance_label, text->str);
}

static void
reload (KlClientReceivables *self)
{
  g_autofree char *today = kl_database_today ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;

  clear_list (self->invoices_list);
  if (self->session == NULL)
    return;

  fill_balance (self, today);
  lines = kl_receivables_client_invoices (kl_session_get_database (self->session),
                                          self->client_id, INVOICE_LIMIT, &error);
  if (lines == NULL)
    {
      g_warning ("Could not list the invoices of client %" G_GINT64_FORMAT ": %s",
                 self->client_id, error->message);
      return;
    }
  for (guint i = 0; i < lines->len; i++)
    gtk_list_box_append (self->invoices_list, create_invoice_row (g_ptr_array_index (lines, i), today));
}

static gboolean
reload_idle (gpointer user_data)
{
  KlClientReceivables *self = user_data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
present_editor (KlClientReceivables *self,
                GtkWindow           *editor)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (editor, GTK_WINDOW (root));
  gtk_window_present (editor);
}

/* Callbacks */

static void
on_store_changed_cb (KlClientReceivables *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_idle, self);
}

static void
new_invoice_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KlClientReceivables *self = KL_CLIENT_RECEIVABLES (widget);

  present_editor (self, GTK_WINDOW (kl_invoice_editor_new (self->session, self->client_id, NULL)));
}

static void
edit_invoice_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KlClientReceivables *self = KL_CLIENT_RECEIVABLES (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) invoice = kl_store_get (kl_session_get_store (self->session, KL_TYPE_INVOICE),
                                              g_variant_get_int64 (parameter), &error);

  if (invoice == NULL)
    {
      g_debug ("Could not open the invoice: %s", error->message);
      return;
    }
  present_editor (self, GTK_WINDOW (kl_invoice_editor_new (self->session, 0, KL_INVOICE (invoice))));
}

static void
record_payment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KlClientReceivables *self = KL_CLIENT_RECEIVABLES (widget);

  present_editor (self, GTK_WINDOW (kl_payment_editor_new (self->session, g_variant_get_int64 (parameter), NULL)));
}

/* Overrides */

static void
kl_client_receivables_dispose (GObject *object)
{
  KlClientReceivables *self = KL_CLIENT_RECEIVABLES (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_CLIENT_RECEIVABLES);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (kl_client_receivables_parent_class)->dispose (object);
}

static void
kl_client_receivables_class_init (KlClientReceivablesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kl_client_receivables_dispose;

  gtk_widget_class_install_action (widget_class, "receivables.new-invoice", NULL, new_invoice_action);
  gtk_widget_class_install_action (widget_class, "receivables.edit-invoice", "x", edit_invoice_action);
  gtk_widget_class_install_action (widget_class, "receivables.record-payment", "x", record_payment_action);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/invoices/kl-client-receivables.ui");
  gtk_widget_class_bind_template_child (widget_class, KlClientReceivables, balance_label);
  gtk_widget_class_bind_template_child (widget_class, KlClientReceivables, invoices_list);
}

static void
kl_client_receivables_init (KlClientReceivables *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

/**
 * kl_client_receivables_set_client:
 *
 * Shows @client_id's invoices, once; then follows the stores.
 */
void
kl_client_receivables_set_client (KlClientReceivables *self,
                                  KlSession           *session,
                                  gint64               client_id)
{
  GType types[] = { KL_TYPE_INVOICE, KL_TYPE_PAYMENT, KL_TYPE_CONTRACT };

  g_return_if_fail (KL_IS_CLIENT_RECEIVABLES (self));
  g_return_if_fail (KL_IS_SESSION (session));
  g_return_if_fail (self->session == NULL);

  self->session = g_object_ref (session);
  self->client_id = client_id;
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_signal_connect_object (kl_session_get_store (session, types[i]), "changed",
                             G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);
}

void
kl_client_receivables_reload (KlClientReceivables *self)
{
  g_return_if_fail (KL_IS_CLIENT_RECEIVABLES (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);
  reload (self);
}

const char *
kl_client_receivables_get_balance_text (KlClientReceivables *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_RECEIVABLES (self), NULL);

  return gtk_label_get_label (self->balance_label);
}
