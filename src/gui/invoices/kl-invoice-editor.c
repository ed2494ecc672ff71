/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-invoice-editor.h"

#include "kl-company.h"
#include "kl-entities.h"
#include "kl-receivables.h"

/* An invoice of one client, new or existing: a KlEditor (see kl-editor.c).
 * A new one gets the next number of the own company's invoice pattern
 * (kl_document_next_number(); it may be typed over, but a number another
 * invoice has is refused as typed), today as
 * its issue date, the client's payment terms for its due date and the
 * client's currency. Saving an issued invoice runs the credit check first
 * (kl_credit_check()): over the credit limit, or with debts more than 60
 * days past due, a dialog asks before it saves. */

struct _KlInvoiceEditor
{
  KlEditor           parent_instance;

  gint64             client_id;
  KlInvoice         *invoice;        /* as opened; NULL for a new invoice */
  GArray            *contract_ids;   /* gint64 per row of contract_row */

  /* Template children */
  AdwWindowTitle    *window_title;
  AdwToastOverlay   *toast_overlay;
  GtkButton         *save_button;
  AdwEntryRow       *number_row;
  GtkLabel          *number_error;
  AdwActionRow      *client_row;
  AdwComboRow       *contract_row;
  AdwComboRow       *status_row;
  AdwEntryRow       *issue_date_row;
  GtkLabel          *issue_date_error;
  AdwEntryRow       *due_date_row;
  GtkLabel          *due_date_error;
  AdwEntryRow       *amount_row;
  GtkLabel          *amount_error;
  AdwEntryRow       *currency_row;
  GtkLabel          *currency_error;
  GtkTextBuffer     *notes_buffer;
};

G_DEFINE_FINAL_TYPE (KlInvoiceEditor, kl_invoice_editor, KL_TYPE_EDITOR)

enum {
  PROP_0,
  PROP_CLIENT_ID,
  PROP_INVOICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
update_title (KlInvoiceEditor *self)
{
  KlEntity *invoice = kl_form_get_entity (kl_editor_get_form (KL_EDITOR (self)));
  const char *number = kl_entity_get_text (invoice, "number");

  adw_window_title_set_title (self->window_title,
                              self->invoice != NULL ? _("Edit Invoice") : _("New Invoice"));
  adw_window_title_set_subtitle (self->window_title, number != NULL ? number : "");
  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));
}

static gboolean
check_number (KlEntity    *invoice,
              const char  *column,
              gpointer     user_data,
              GError     **error)
{
  KlInvoiceEditor *self = user_data;
  KlDatabase *database = kl_session_get_database (kl_editor_get_session (KL_EDITOR (self)));

  return kl_document_number_is_free (database, KL_DOCUMENT_INVOICE, kl_entity_get_text (invoice, "number"),
                                     kl_entity_get_id (invoice), error);
}

static void
populate_contracts (KlInvoiceEditor *self,
                    gint64           current)
{
  KlSession *session = kl_editor_get_session (KL_EDITOR (self));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GListModel) contracts = NULL;
  g_autoptr(GError) error = NULL;
  gint64 none = 0;

  g_array_set_size (self->contract_ids, 0);
  gtk_string_list_append (names, C_("no contract", "None"));
  g_array_append_val (self->contract_ids, none);

  contracts = kl_store_list_by (kl_session_get_store (session, KL_TYPE_CONTRACT),
                                "client_id", self->client_id, &error);
  if (contracts == NULL)
    g_warning ("Could not list the contracts: %s", error->message);
  for (guint i = 0; contracts != NULL && i < g_list_model_get_n_items (contracts); i++)
    {
      g_autoptr(KlEntity) contract = g_list_model_get_item (contracts, i);
      gint64 id = kl_entity_get_id (contract);
      /* TRANSLATORS: a contract in a list: its number and title */
      g_autofree char *name = g_strdup_printf (_("%1$s – %2$s"), kl_entity_get_text (contract, "number"),
                                               kl_entity_get_text (contract, "title"));

      gtk_string_list_append (names, name);
      g_array_append_val (self->contract_ids, id);
    }

  adw_combo_row_set_model (self->contract_row, G_LIST_MODEL (names));
  for (guint i = 0; i < self->contract_ids->len; i++)
    if (g_array_index (self->contract_ids, gint64, i) == current)
      adw_combo_row_set_selected (self->contract_row, i);
}

static void
fill_client (KlInvoiceEditor *self,
             KlEntity        *invoice)
{
  KlSession *session = kl_editor_get_session (KL_EDITOR (self));
  g_autoptr(KlEntity) client = kl_store_get (kl_session_get_store (session, KL_TYPE_CLIENT),
                                             self->client_id, NULL);

  adw_action_row_set_subtitle (self->client_row, client != NULL ? kl_client_get_name (KL_CLIENT (client)) : "");
  if (client == NULL || self->invoice != NULL)
    return;

  /* A new invoice: the client's terms and currency, the next number. */
  {
    KlDatabase *database = kl_session_get_database (session);
    g_autofree char *today = kl_database_today ();
    g_autofree char *due = kl_date_add_days (today, kl_entity_get_number (client, "payment_terms_days"));
    g_autofree char *number = kl_document_next_number (database, KL_DOCUMENT_INVOICE, today, NULL);

    kl_entity_set_text (invoice, "number", number);
    kl_entity_set_text (invoice, "issue_date", today);
    kl_entity_set_text (invoice, "due_date", due);
    kl_entity_set_text (invoice, "currency", kl_client_get_currency (KL_CLIENT (client)));
  }
}

/* Callbacks */

static void
on_contract_selected_cb (KlInvoiceEditor *self,
                         GParamSpec      *pspec,
                         AdwComboRow     *row)
{
  guint selected = adw_combo_row_get_selected (row);
  KlForm *form = kl_editor_get_form (KL_EDITOR (self));

  if (selected >= self->contract_ids->len || kl_form_get_entity (form) == NULL ||
      kl_form_is_loading (form))
    return;
  kl_form_set_number (form, "contract_id", g_array_index (self->contract_ids, gint64, selected));
}

/* Overrides */

static void
kl_invoice_editor_save (KlEditor *editor)
{
  KlEntity *invoice = kl_form_get_entity (kl_editor_get_form (editor));

  /* Only an issued invoice is owed */
  if (g_strcmp0 (kl_entity_get_text (invoice, "status"), "issued") == 0
      && !kl_editor_check_credit (editor, kl_entity_get_number (invoice, "client_id"),
                                  kl_entity_get_number (invoice, "amount"),
                                  kl_entity_get_text (invoice, "currency"), kl_entity_get_id (invoice)))
    return;

  KL_EDITOR_CLASS (kl_invoice_editor_parent_class)->save (editor);
}

static void
kl_invoice_editor_constructed (GObject *object)
{
  KlInvoiceEditor *self = KL_INVOICE_EDITOR (object);
  KlForm *form = kl_editor_get_form (KL_EDITOR (self));
  g_autoptr(KlEntity) invoice = NULL;

  G_OBJECT_CLASS (kl_invoice_editor_parent_class)->constructed (object);

  if (self->invoice != NULL)
    {
      invoice = g_object_ref (KL_ENTITY (self->invoice));
      self->client_id = kl_entity_get_number (invoice, "client_id");
    }
  else
    {
      invoice = kl_session_new_entity (kl_editor_get_session (KL_EDITOR (self)), KL_TYPE_INVOICE);
      kl_entity_set_number (invoice, "client_id", self->client_id);
    }

  fill_client (self, invoice);
  populate_contracts (self, kl_entity_get_number (invoice, "contract_id"));
  kl_form_open (form, invoice);
  update_title (self);
}

static void
kl_invoice_editor_dispose (GObject *object)
{
  KlInvoiceEditor *self = KL_INVOICE_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_INVOICE_EDITOR);
  g_clear_object (&self->invoice);

  G_OBJECT_CLASS (kl_invoice_editor_parent_class)->dispose (object);
}

static void
kl_invoice_editor_finalize (GObject *object)
{
  g_array_unref (KL_INVOICE_EDITOR (object)->contract_ids);

  G_OBJECT_CLASS (kl_invoice_editor_parent_class)->finalize (object);
}

static void
kl_invoice_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KlInvoiceEditor *self = KL_INVOICE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;
    case PROP_INVOICE:
      g_value_set_object (value, self->invoice);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_invoice_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KlInvoiceEditor *self = KL_INVOICE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      self->client_id = g_value_get_int64 (value);
      break;
    case PROP_INVOICE:
      self->invoice = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_invoice_editor_class_init (KlInvoiceEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlEditorClass *editor_class = KL_EDITOR_CLASS (klass);

  object_class->constructed = kl_invoice_editor_constructed;
  object_class->dispose = kl_invoice_editor_dispose;
  object_class->finalize = kl_invoice_editor_finalize;
  object_class->get_property = kl_invoice_editor_get_property;
  object_class->set_property = kl_invoice_editor_set_property;

  editor_class->discard_body = N_("The changes made to this invoice will be lost.");
  editor_class->save = kl_invoice_editor_save;

  /**
   * KlInvoiceEditor:client-id:
   *
   * The client of a new invoice; ignored when #KlInvoiceEditor:invoice is set.
   */
  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KlInvoiceEditor:invoice:
   *
   * The invoice being changed; %NULL for a new one.
   */
  properties[PROP_INVOICE] =
    g_param_spec_object ("invoice", NULL, NULL,
                         KL_TYPE_INVOICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/invoices/kl-invoice-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KlInvoiceEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, KlInvoiceEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlInvoiceEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, KlInvoiceEditor, number_row);
  gtk_widget_class_bind_template_child (widget_class, KlInvoiceEditor, number_error);
  gtk_widget_class_bind_template_child (widget_class, KlInvoiceEditor, client_row);
  gtk_widget_class_bind_template_child (widget_class, KlInvoiceEditor, contract_row);
  gtk_widget_class_bind_template_child (widget_class, KlInvoiceEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, KlInvoiceEditor, issue_date_row);
  gtk_widget_class_bind_template_child (widget_class, KlInvoiceEditor, issue_date_error);
  gtk_widget_class_bind_template_child (widget_class, KlInvoiceEditor, due_date_row);
  gtk_widget_class_bind_template_child (widget_class, KlInvoiceEditor, due_date_error);
  gtk_widget_class_bind_template_child (widget_class, KlInvoiceEditor, amount_row);
  gtk_widget_class_bind_template_child (widget_class, KlInvoiceEditor, amount_error);
  gtk_widget_class_bind_template_child (widget_class, KlInvoiceEditor, currency_row);
  gtk_widget_class_bind_template_child (widget_class, KlInvoiceEditor, currency_error);
  gtk_widget_class_bind_template_child (widget_class, KlInvoiceEditor, notes_buffer);
}

static void
kl_invoice_editor_init (KlInvoiceEditor *self)
{
  KlForm *form = kl_editor_get_form (KL_EDITOR (self));

  self->contract_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));
  kl_editor_set_toast_overlay (KL_EDITOR (self), self->toast_overlay);

  kl_form_bind_entry (form, "number", KL_FORM_TEXT, GTK_EDITABLE (self->number_row), self->number_error);
  kl_form_bind_choice (form, "status", self->status_row);
  kl_form_bind_entry (form, "issue_date", KL_FORM_DATE, GTK_EDITABLE (self->issue_date_row), self->issue_date_error);
  kl_form_bind_entry (form, "due_date", KL_FORM_DATE, GTK_EDITABLE (self->due_date_row), self->due_date_error);
  kl_form_bind_entry (form, "amount", KL_FORM_MONEY, GTK_EDITABLE (self->amount_row), self->amount_error);
  kl_form_bind_entry (form, "currency", KL_FORM_TEXT, GTK_EDITABLE (self->currency_row), self->currency_error);
  kl_form_bind_text_buffer (form, "notes", self->notes_buffer);
  kl_form_add_check (form, "number", check_number, self);
  g_signal_connect_object (form, "changed::number", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->contract_row, "notify::selected", G_CALLBACK (on_contract_selected_cb),
                           self, G_CONNECT_SWAPPED);
}

/**
 * kl_invoice_editor_new:
 * @session: the open database
 * @client_id: the client of a new invoice
 * @invoice: (nullable): the invoice to change, or %NULL for a new one
 *
 * Returns: (transfer floating): the form
 */
KlInvoiceEditor *
kl_invoice_editor_new (KlSession *session,
                       gint64     client_id,
                       KlInvoice *invoice)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (invoice == NULL || KL_IS_INVOICE (invoice), NULL);
  g_return_val_if_fail (invoice != NULL || client_id > 0, NULL);

  return g_object_new (KL_TYPE_INVOICE_EDITOR,
                       "session", session,
                       "client-id", client_id,
                       "invoice", invoice,
                       NULL);
}
