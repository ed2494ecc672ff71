/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-contract-editor.h"

#include "kl-contract-draft.h"

#include "kl-client-picker.h"
#include "kl-company.h"
#include "kl-contract-renewal.h"
#include "kl-contract-status.h"
#include "kl-document-output.h"
#include "kl-validation.h"

/* The contract form: a KlEditor whose form binds the typed rows; the
 * deal, the attached offer, the status (only the next steps of the
 * workflow), the VAT rate, the discount, the renewal switch and the day
 * counts are rows the editor writes itself. A saved contract has a menu:
 * Save as PDF, Print, Renew, Remind the Client. */

struct _KlContractEditor
{
  KlEditor           parent_instance;

  KlContract        *contract;       /* as opened: saved (id) or a new draft */
  char              *opened_status;
  GArray            *deal_ids;       /* gint64, 0 first: none */
  GArray            *offer_ids;
  GStrv              statuses;       /* the status row's values */
  int                vat_rates[KL_COMPANY_MAX_VAT_RATES + 1];
  guint              n_vat_rates;

  /* Template children */
  AdwWindowTitle    *window_title;
  AdwToastOverlay   *toast_overlay;
  GtkWidget         *save_button;
  AdwEntryRow       *number_row;
  GtkLabel          *number_error;
  AdwEntryRow       *title_row;
  GtkLabel          *title_error;
  KlClientPicker    *client_row;
  GtkLabel          *client_error;
  AdwComboRow       *deal_row;
  AdwComboRow       *offer_row;
  AdwComboRow       *status_row;
  GtkLabel          *status_error;
  AdwEntryRow       *signed_date_row;
  GtkLabel          *signed_date_error;
  GtkPopover        *signed_date_popover;
  GtkCalendar       *signed_date_calendar;
  AdwEntryRow       *start_date_row;
  GtkLabel          *start_date_error;
  GtkPopover        *start_date_popover;
  GtkCalendar       *start_date_calendar;
  AdwEntryRow       *end_date_row;
  GtkLabel          *end_date_error;
  GtkPopover        *end_date_popover;
  GtkCalendar       *end_date_calendar;
  AdwEntryRow       *amount_row;
  GtkLabel          *amount_error;
  AdwEntryRow       *currency_row;
  GtkLabel          *currency_error;
  AdwComboRow       *vat_row;
  GtkSpinButton     *payment_terms_spin;
  GtkSpinButton     *discount_spin;
  GtkSwitch         *auto_renew_switch;
  GtkSpinButton     *notice_spin;
  GtkTextBuffer     *notes_buffer;
};

G_DEFINE_FINAL_TYPE (KlContractEditor, kl_contract_editor, KL_TYPE_EDITOR)

enum {
  PROP_0,
  PROP_CONTRACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static KlEntity *
working (KlContractEditor *self)
{
  return kl_form_get_entity (kl_editor_get_form (KL_EDITOR (self)));
}

/* The rows the editor writes itself are filled before the form opens. */
static gboolean
form_is_open (KlContractEditor *self)
{
  return kl_form_get_entity (kl_editor_get_form (KL_EDITOR (self))) != NULL;
}

static gboolean
is_saved (KlContractEditor *self)
{
  return kl_entity_get_id (KL_ENTITY (self->contract)) > 0;
}

/* Whether saving asks the credit check: a contract in force or on its
 * way there, new, or whose client, amount, currency or status changed. */
static gboolean
needs_credit_check (KlContractEditor *self)
{
  KlEntity *now = working (self);
  KlEntity *opened = KL_ENTITY (self->contract);
  static const char * const columns[] = { "client_id", "amount" };

  if (!g_strv_contains ((const char * const[]) { "draft", "sent", "signed", "active", NULL },
                        kl_entity_get_text (now, "status")))
    return FALSE;
  if (!is_saved (self)
      || g_strcmp0 (kl_entity_get_text (now, "currency"), kl_entity_get_text (opened, "currency")) != 0
      || g_strcmp0 (kl_entity_get_text (now, "status"), kl_entity_get_text (opened, "status")) != 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (kl_entity_get_number (now, columns[i]) != kl_entity_get_number (opened, columns[i]))
      return TRUE;
  return FALSE;
}

static void
update_title (KlContractEditor *self)
{
  const char *number = kl_entity_get_text (working (self), "number");

  adw_window_title_set_title (self->window_title, is_saved (self) ? _("Edit Contract") : _("New Contract"));
  adw_window_title_set_subtitle (self->window_title, number != NULL ? number : "");
  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));
}

/* The document menu works on the contract as saved. */
static void
update_actions (KlContractEditor *self)
{
  gboolean saved = is_saved (self) && !kl_editor_is_modified (KL_EDITOR (self));
  gboolean dated = kl_entity_get_text (KL_ENTITY (self->contract), "end_date") != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contract.save-pdf", saved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contract.print", saved);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contract.renew", saved && dated);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contract.remind", saved && dated);
}

static GtkStringList *
fill_refs (KlContractEditor *self,
           GType             type,
           const char       *label_column,
           GArray           *ids,
           gint64            selected,
           guint            *position)
{
  KlSession *session = kl_editor_get_session (KL_EDITOR (self));
  KlEntity *entity = kl_form_get_entity (kl_editor_get_form (KL_EDITOR (self)));
  gint64 client_id = kl_entity_get_number (entity != NULL ? entity : KL_ENTITY (self->contract), "client_id");
  GtkStringList *list = gtk_string_list_new (NULL);
  g_autoptr(GListModel) items = NULL;
  gint64 none = 0;

  g_array_set_size (ids, 0);
  g_array_append_val (ids, none);
  gtk_string_list_append (list, C_("no deal or offer", "None"));
  *position = 0;
  items = client_id > 0 ? kl_store_list_by (kl_session_get_store (session, type), "client_id", client_id, NULL)
                        : NULL;
  for (guint i = 0; items != NULL && i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(KlEntity) item = g_list_model_get_item (items, i);
      gint64 id = kl_entity_get_id (item);

      if (id == selected)
        *position = ids->len;
      g_array_append_val (ids, id);
      gtk_string_list_append (list, kl_entity_get_text (item, label_column));
    }
  return list;
}

/* The client's deals and offers, the contract's selected. */
static void
fill_client_refs (KlContractEditor *self,
                  KlEntity         *contract)
{
  g_autoptr(GtkStringList) deals = NULL;
  g_autoptr(GtkStringList) offers = NULL;
  guint position;

  deals = fill_refs (self, KL_TYPE_DEAL, "title", self->deal_ids,
                     kl_entity_get_number (contract, "deal_id"), &position);
  adw_combo_row_set_model (self->deal_row, G_LIST_MODEL (deals));
  adw_combo_row_set_selected (self->deal_row, position);
  offers = fill_refs (self, KL_TYPE_OFFER, "number", self->offer_ids,
                      kl_entity_get_number (contract, "offer_id"), &position);
  adw_combo_row_set_model (self->offer_row, G_LIST_MODEL (offers));
  adw_combo_row_set_selected (self->offer_row, position);
}

static void
fill_rows (KlContractEditor *self)
{
  KlEntity *contract = KL_ENTITY (self->contract);
  KlSession *session = kl_editor_get_session (KL_EDITOR (self));
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) rates = gtk_string_list_new (NULL);
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  g_autoptr(KlCompany) company = kl_company_load (kl_session_get_database (session), NULL);
  const char * const *next;
  int rate = (int) kl_entity_get_number (contract, "vat_rate_bp");
  guint position;

  kl_client_picker_set_session (self->client_row, session);
  kl_client_picker_set_client_id (self->client_row, kl_entity_get_number (contract, "client_id"));

  fill_client_refs (self, contract);

  /* The status as it is, then only the steps the workflow allows */
  self->opened_status = g_strdup (kl_entity_get_text (contract, "status"));
  g_strv_builder_add (values, self->opened_status);
  gtk_string_list_append (statuses, kl_choice_label (kl_contract_statuses, self->opened_status));
  next = kl_contract_next_statuses (self->opened_status);
  for (guint i = 0; next[i] != NULL; i++)
    {
      g_strv_builder_add (values, next[i]);
      gtk_string_list_append (statuses, kl_choice_label (kl_contract_statuses, next[i]));
    }
  self->statuses = g_strv_builder_end (values);
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));
  adw_combo_row_set_selected (self->status_row, 0);

  /* The company's VAT rates, and the contract's own if it is another */
  self->n_vat_rates = 0;
  position = 0;
  for (guint i = 0; company != NULL && i < company->n_vat_rates; i++)
    self->vat_rates[self->n_vat_rates++] = company->vat_rates[i];
  for (guint i = 0; i < self->n_vat_rates; i++)
    if (self->vat_rates[i] == rate)
      position = i + 1;
  if (position == 0)
    {
      self->vat_rates[self->n_vat_rates++] = rate;
      position = self->n_vat_rates;
    }
  for (guint i = 0; i < self->n_vat_rates; i++)
    {
      /* Translators: a VAT rate in percent */
      g_autofree char *text = g_strdup_printf (_("%g %%"), self->vat_rates[i] / 100.0);

      gtk_string_list_append (rates, text);
    }
  adw_combo_row_set_model (self->vat_row, G_LIST_MODEL (rates));
  adw_combo_row_set_selected (self->vat_row, position - 1);

  gtk_spin_button_set_value (self->payment_terms_spin, kl_entity_get_number (contract, "payment_terms_days"));
  gtk_spin_button_set_value (self->discount_spin, kl_entity_get_number (contract, "discount_bp") / 100.0);
  gtk_spin_button_set_value (self->notice_spin, kl_entity_get_number (contract, "notice_days"));
  gtk_switch_set_active (self->auto_renew_switch, kl_entity_get_number (contract, "auto_renew") != 0);
}

static void
show_status_error (KlContractEditor *self,
                   const char       *message)
{
  kl_form_set_field_error (GTK_WIDGET (self->status_row), self->status_error, message);
}

/* Callbacks */

static void
on_calendar_day_selected_cb (KlContractEditor *self,
                             GtkCalendar      *calendar)
{
  g_autoptr(GDateTime) date_time = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date_time, "%x");
  AdwEntryRow *row = calendar == self->signed_date_calendar ? self->signed_date_row
                     : calendar == self->start_date_calendar ? self->start_date_row
                     : self->end_date_row;
  GtkPopover *popover = calendar == self->signed_date_calendar ? self->signed_date_popover
                        : calendar == self->start_date_calendar ? self->start_date_popover
                        : self->end_date_popover;

  gtk_editable_set_text (GTK_EDITABLE (row), text);
  gtk_popover_popdown (popover);
}

static void
on_client_changed_cb (KlContractEditor *self)
{
  KlForm *form = kl_editor_get_form (KL_EDITOR (self));
  gint64 client_id = kl_client_picker_get_client_id (self->client_row);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->client_row));

  if (kl_form_get_entity (form) == NULL || kl_form_is_loading (form))
    return;
  kl_form_set_number (form, "client_id", client_id);
  kl_form_set_number (form, "deal_id", 0);
  kl_form_set_number (form, "offer_id", 0);
  fill_client_refs (self, kl_form_get_entity (form));
  kl_form_set_field_error (GTK_WIDGET (self->client_row), self->client_error,
                           client_id == 0 && text != NULL && *text != '\0'
                           ? _("Choose one of the clients the list offers.") : NULL);
}

static void
on_deal_selected_cb (KlContractEditor *self)
{
  guint i = adw_combo_row_get_selected (self->deal_row);

  if (!form_is_open (self))
    return;
  if (i < self->deal_ids->len)
    kl_form_set_number (kl_editor_get_form (KL_EDITOR (self)), "deal_id", g_array_index (self->deal_ids, gint64, i));
}

static void
on_offer_selected_cb (KlContractEditor *self)
{
  guint i = adw_combo_row_get_selected (self->offer_row);

  if (!form_is_open (self))
    return;
  if (i < self->offer_ids->len)
    kl_form_set_number (kl_editor_get_form (KL_EDITOR (self)), "offer_id", g_array_index (self->offer_ids, gint64, i));
}

static void
on_status_selected_cb (KlContractEditor *self)
{
  guint i = adw_combo_row_get_selected (self->status_row);

  if (!form_is_open (self))
    return;
  if (self->statuses != NULL && i < g_strv_length (self->statuses))
    {
      show_status_error (self, NULL);
      kl_form_set_text (kl_editor_get_form (KL_EDITOR (self)), "status", self->statuses[i]);
    }
}

static void
on_vat_selected_cb (KlContractEditor *self)
{
  guint i = adw_combo_row_get_selected (self->vat_row);

  if (!form_is_open (self))
    return;
  if (i < self->n_vat_rates)
    kl_form_set_number (kl_editor_get_form (KL_EDITOR (self)), "vat_rate_bp", self->vat_rates[i]);
}

static void
on_spin_changed_cb (KlContractEditor *self,
                    GtkSpinButton    *spin)
{
  KlForm *form = kl_editor_get_form (KL_EDITOR (self));

  if (!form_is_open (self))
    return;
  if (spin == self->payment_terms_spin)
    kl_form_set_number (form, "payment_terms_days", gtk_spin_button_get_value_as_int (spin));
  else if (spin == self->notice_spin)
    kl_form_set_number (form, "notice_days", gtk_spin_button_get_value_as_int (spin));
  else
    kl_form_set_number (form, "discount_bp", (gint64) (gtk_spin_button_get_value (spin) * 100.0 + 0.5));
}

static void
on_auto_renew_cb (KlContractEditor *self)
{
  if (!form_is_open (self))
    return;
  kl_form_set_number (kl_editor_get_form (KL_EDITOR (self)), "auto_renew",
                      gtk_switch_get_active (self->auto_renew_switch));
}

/* The number is the contract's own: no other contract may have it. */
static gboolean
check_number (KlEntity    *entity,
              const char  *column,
              gpointer     user_data,
              GError     **error)
{
  KlContractEditor *self = user_data;
  KlDatabase *db = kl_session_get_database (kl_editor_get_session (KL_EDITOR (self)));

  return kl_document_number_is_free (db, KL_DOCUMENT_CONTRACT, kl_entity_get_text (entity, column),
                                     kl_entity_get_id (KL_ENTITY (self->contract)), error);
}

/* Actions */

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KlContractEditor *self = KL_CONTRACT_EDITOR (widget);

  kl_document_save_pdf (GTK_WINDOW (self), kl_editor_get_session (KL_EDITOR (self)), KL_DOCUMENT_CONTRACT,
                        kl_entity_get_text (KL_ENTITY (self->contract), "number"), self->toast_overlay);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KlContractEditor *self = KL_CONTRACT_EDITOR (widget);

  kl_document_print (GTK_WINDOW (self), kl_editor_get_session (KL_EDITOR (self)), KL_DOCUMENT_CONTRACT,
                     kl_entity_get_text (KL_ENTITY (self->contract), "number"), self->toast_overlay);
}

static void
toast (KlContractEditor *self,
       const char       *message,
       gboolean          stays)
{
  AdwToast *t = adw_toast_new (message);

  if (stays)
    adw_toast_set_timeout (t, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, t);
}

static void
renew_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KlContractEditor *self = KL_CONTRACT_EDITOR (widget);
  KlSession *session = kl_editor_get_session (KL_EDITOR (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) renewal = NULL;
  g_autofree char *message = NULL;
  gint64 id;

  id = kl_contract_renew (session, kl_entity_get_id (KL_ENTITY (self->contract)), NULL, &error);
  if (id == 0)
    {
      toast (self, error->message, TRUE);
      return;
    }
  renewal = kl_store_get (kl_session_get_store (session, KL_TYPE_CONTRACT), id, NULL);
  /* Translators: %s is the new contract's number */
  message = g_strdup_printf (_("Follow-up contract %s drafted; a call is planned before the notice period ends"),
                             renewal != NULL ? kl_entity_get_text (renewal, "number") : "");
  toast (self, message, FALSE);
}

static void
remind_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KlContractEditor *self = KL_CONTRACT_EDITOR (widget);
  KlSession *session = kl_editor_get_session (KL_EDITOR (self));
  gint64 id = kl_entity_get_id (KL_ENTITY (self->contract));
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = kl_contract_reminder_mailto (session, id, &error);

  if (uri == NULL || kl_contract_log_reminder (session, id, &error) == 0)
    {
      toast (self, error->message, TRUE);
      return;
    }
  /* GTK 4.8: gtk_show_uri (GtkUriLauncher is 4.10) */
  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
  toast (self, _("The reminder is logged on the client"), FALSE);
}

/* Overrides */

static void
kl_contract_editor_save (KlEditor *editor)
{
  KlContractEditor *self = KL_CONTRACT_EDITOR (editor);
  KlForm *form = kl_editor_get_form (editor);
  const char *status = kl_entity_get_text (working (self), "status");
  gint64 id;

  /* Only the workflow's next steps, whatever set the status */
  if (g_strcmp0 (status, self->opened_status) != 0 && !kl_contract_status_allowed (self->opened_status, status))
    {
      g_autofree char *message =
        /* Translators: both are contract statuses */
        g_strdup_printf (_("A contract that is “%1$s” cannot become “%2$s”."),
                         kl_choice_label (kl_contract_statuses, self->opened_status),
                         kl_choice_label (kl_contract_statuses, status));

      show_status_error (self, message);
      return;
    }
  if (needs_credit_check (self)
      && !kl_editor_check_credit (editor, kl_entity_get_number (working (self), "client_id"),
                                  kl_entity_get_number (working (self), "amount"),
                                  kl_entity_get_text (working (self), "currency"), 0))
    return;
  if (g_strcmp0 (status, "signed") == 0 && g_strcmp0 (self->opened_status, "signed") != 0
      && kl_entity_get_text (working (self), "signed_date") == NULL)
    {
      g_autofree char *today = kl_database_today ();

      kl_form_set_text (form, "signed_date", today);
    }

  id = kl_editor_save_form (editor);
  if (id <= 0)
    return;
  kl_editor_emit_saved (editor, id);
  kl_editor_finish (editor);
}

static void
kl_contract_editor_constructed (GObject *object)
{
  KlContractEditor *self = KL_CONTRACT_EDITOR (object);
  KlForm *form = kl_editor_get_form (KL_EDITOR (self));

  G_OBJECT_CLASS (kl_contract_editor_parent_class)->constructed (object);

  fill_rows (self);
  kl_form_open (form, KL_ENTITY (self->contract));
  update_title (self);
  update_actions (self);
}

static void
kl_contract_editor_dispose (GObject *object)
{
  KlContractEditor *self = KL_CONTRACT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_CONTRACT_EDITOR);
  g_clear_object (&self->contract);

  G_OBJECT_CLASS (kl_contract_editor_parent_class)->dispose (object);
}

static void
kl_contract_editor_finalize (GObject *object)
{
  KlContractEditor *self = KL_CONTRACT_EDITOR (object);

  g_free (self->opened_status);
  g_strfreev (self->statuses);
  g_array_unref (self->deal_ids);
  g_array_unref (self->offer_ids);

  G_OBJECT_CLASS (kl_contract_editor_parent_class)->finalize (object);
}

static void
kl_contract_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KlContractEditor *self = KL_CONTRACT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTRACT:
      g_value_set_object (value, self->contract);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_contract_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KlContractEditor *self = KL_CONTRACT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CONTRACT:
      self->contract = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_contract_editor_class_init (KlContractEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlEditorClass *editor_class = KL_EDITOR_CLASS (klass);

  object_class->constructed = kl_contract_editor_constructed;
  object_class->dispose = kl_contract_editor_dispose;
  object_class->finalize = kl_contract_editor_finalize;
  object_class->get_property = kl_contract_editor_get_property;
  object_class->set_property = kl_contract_editor_set_property;

  editor_class->discard_body = N_("The changes made to this contract will be lost.");
  editor_class->save = kl_contract_editor_save;

  /**
   * KlContractEditor:contract:
   *
   * The contract to change, or a new draft (no id) to write, with its
   * client (kl_contract_new_draft() and the drafts from a deal or an
   * offer).
   */
  properties[PROP_CONTRACT] =
    g_param_spec_object ("contract", NULL, NULL,
                         KL_TYPE_CONTRACT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "contract.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "contract.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "contract.renew", NULL, renew_action);
  gtk_widget_class_install_action (widget_class, "contract.remind", NULL, remind_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "contract.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "contract.save-pdf", NULL);

  g_type_ensure (KL_TYPE_CLIENT_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/contracts/kl-contract-editor.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, KlContractEditor, name)
  CHILD (window_title);
  CHILD (toast_overlay);
  CHILD (save_button);
  CHILD (number_row);
  CHILD (number_error);
  CHILD (title_row);
  CHILD (title_error);
  CHILD (client_row);
  CHILD (client_error);
  CHILD (deal_row);
  CHILD (offer_row);
  CHILD (status_row);
  CHILD (status_error);
  CHILD (signed_date_row);
  CHILD (signed_date_error);
  CHILD (signed_date_popover);
  CHILD (signed_date_calendar);
  CHILD (start_date_row);
  CHILD (start_date_error);
  CHILD (start_date_popover);
  CHILD (start_date_calendar);
  CHILD (end_date_row);
  CHILD (end_date_error);
  CHILD (end_date_popover);
  CHILD (end_date_calendar);
  CHILD (amount_row);
  CHILD (amount_error);
  CHILD (currency_row);
  CHILD (currency_error);
  CHILD (vat_row);
  CHILD (payment_terms_spin);
  CHILD (discount_spin);
  CHILD (auto_renew_switch);
  CHILD (notice_spin);
  CHILD (notes_buffer);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
}

static void
kl_contract_editor_init (KlContractEditor *self)
{
  KlForm *form = kl_editor_get_form (KL_EDITOR (self));

  self->deal_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->offer_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));
  kl_editor_set_toast_overlay (KL_EDITOR (self), self->toast_overlay);

  kl_form_bind_entry (form, "number", KL_FORM_TEXT, GTK_EDITABLE (self->number_row), self->number_error);
  kl_form_bind_entry (form, "title", KL_FORM_TEXT, GTK_EDITABLE (self->title_row), self->title_error);
  kl_form_bind_entry (form, "signed_date", KL_FORM_DATE, GTK_EDITABLE (self->signed_date_row), self->signed_date_error);
  kl_form_bind_entry (form, "start_date", KL_FORM_DATE, GTK_EDITABLE (self->start_date_row), self->start_date_error);
  kl_form_bind_entry (form, "end_date", KL_FORM_DATE, GTK_EDITABLE (self->end_date_row), self->end_date_error);
  kl_form_bind_entry (form, "amount", KL_FORM_MONEY, GTK_EDITABLE (self->amount_row), self->amount_error);
  kl_form_bind_entry (form, "currency", KL_FORM_TEXT, GTK_EDITABLE (self->currency_row), self->currency_error);
  kl_form_bind_text_buffer (form, "notes", self->notes_buffer);
  kl_form_add_check (form, "number", check_number, self);

  g_signal_connect_object (form, "changed::number", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (form, "notify::valid", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (form, "changed", G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client_row, "notify::client-id", G_CALLBACK (on_client_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client_row, "changed", G_CALLBACK (on_client_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->deal_row, "notify::selected", G_CALLBACK (on_deal_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->offer_row, "notify::selected", G_CALLBACK (on_offer_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_row, "notify::selected", G_CALLBACK (on_status_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->vat_row, "notify::selected", G_CALLBACK (on_vat_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->payment_terms_spin, "value-changed", G_CALLBACK (on_spin_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->discount_spin, "value-changed", G_CALLBACK (on_spin_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->notice_spin, "value-changed", G_CALLBACK (on_spin_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->auto_renew_switch, "notify::active", G_CALLBACK (on_auto_renew_cb), self, G_CONNECT_SWAPPED);
}

/**
 * kl_contract_editor_new:
 * @session: the open database
 * @contract: a saved contract to change, or a new draft with its client
 *   (kl_contract_new_draft(), kl_contract_draft_from_deal(),
 *   kl_contract_draft_from_offer())
 *
 * Returns: (transfer floating): the form
 */
KlContractEditor *
kl_contract_editor_new (KlSession  *session,
                        KlContract *contract)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (KL_IS_CONTRACT (contract), NULL);

  return g_object_new (KL_TYPE_CONTRACT_EDITOR,
                       "session", session,
                       "contract", contract,
                       NULL);
}

KlContract *
kl_contract_editor_get_contract (KlContractEditor *self)
{
  g_return_val_if_fail (KL_IS_CONTRACT_EDITOR (self), NULL);

  return self->contract;
}

/**
 * kl_contract_editor_open_draft:
 * @from: what the draft is drawn from: KL_TYPE_DEAL (a deal won) or
 *   KL_TYPE_OFFER (an offer accepted)
 * @id: that deal's or offer's id
 * @parent: (nullable): the window the editor goes over
 * @overlay: (nullable): where to say why no draft could be made
 *
 * A won deal or an accepted offer becomes a draft contract in one step:
 * the contract editor on a draft drawn from it
 * (kl_contract_draft_from_deal(), kl_contract_draft_from_offer()), its
 * fields filled in; nothing is written until Save.
 *
 * Returns: (transfer none) (nullable): the editor shown, or %NULL
 */
KlContractEditor *
kl_contract_editor_open_draft (KlSession       *session,
                               GType            from,
                               gint64           id,
                               GtkWindow       *parent,
                               AdwToastOverlay *overlay)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlContract) contract = NULL;
  KlContractEditor *editor;

  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (from == KL_TYPE_DEAL || from == KL_TYPE_OFFER, NULL);
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  if (from == KL_TYPE_DEAL)
    contract = kl_contract_draft_from_deal (session, id, &error);
  else
    contract = kl_contract_draft_from_offer (session, id, &error);
  if (contract == NULL)
    {
      /* TRANSLATORS: %s is why, e.g. "The database is locked." */
      g_autofree char *message = g_strdup_printf (_("No contract could be drawn up: %s"), error->message);

      if (overlay != NULL)
        adw_toast_overlay_add_toast (overlay, adw_toast_new (message));
      else
        g_warning ("%s", message);
      return NULL;
    }

  editor = kl_contract_editor_new (session, contract);
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (editor), parent);
  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}
