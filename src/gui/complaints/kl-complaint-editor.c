/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-complaint-editor.h"

#include "kl-client-picker.h"
#include "kl-contract-list.h"
#include "kl-id-combo.h"
#include "kl-product-list.h"

/* A complaint, new or existing: a KlEditor (see kl-editor.c). The client
 * is chosen with the client picker; the contract and product lists then
 * hold that client's contracts and the products on its offers (every
 * product when it has none). The status offers only the steps the
 * workflow allows (new → in progress → resolved or rejected; a new record
 * may start anywhere); a closed one shows the resolution and the date it
 * was closed, today unless typed, and the model asks for them. */

struct _KlComplaintEditor
{
  KlEditor           parent_instance;

  gint64             client_id;
  KlComplaint       *complaint;     /* as opened; NULL for a new one */
  GPtrArray         *statuses;      /* the stored values of status_row's rows */
  gboolean           filling;

  /* Template children */
  AdwWindowTitle    *window_title;
  AdwToastOverlay   *toast_overlay;
  GtkButton         *save_button;
  KlClientPicker    *client_row;
  GtkLabel          *client_error;
  AdwComboRow       *contract_row;
  AdwComboRow       *product_row;
  AdwComboRow       *category_row;
  AdwEntryRow       *received_date_row;
  GtkLabel          *received_date_error;
  GtkTextView       *description_view;
  GtkTextBuffer     *description_buffer;
  GtkLabel          *description_error;
  AdwComboRow       *status_row;
  AdwEntryRow       *resolution_row;
  GtkLabel          *resolution_error;
  AdwEntryRow       *resolved_date_row;
  GtkLabel          *resolved_date_error;
};

G_DEFINE_FINAL_TYPE (KlComplaintEditor, kl_complaint_editor, KL_TYPE_EDITOR)

enum {
  PROP_0,
  PROP_CLIENT_ID,
  PROP_COMPLAINT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static KlForm *
get_form (KlComplaintEditor *self)
{
  return kl_editor_get_form (KL_EDITOR (self));
}

static char *
contract_name (KlEntity *contract)
{
  /* TRANSLATORS: a contract in a list: its number and title */
  return g_strdup_printf (_("%1$s – %2$s"), kl_entity_get_text (contract, "number"),
                          kl_entity_get_text (contract, "title"));
}

static char *
product_name (KlEntity *product)
{
  return g_strdup_printf (_("%1$s – %2$s"), kl_entity_get_text (product, "code"),
                          kl_entity_get_text (product, "name"));
}

static void
update_title (KlComplaintEditor *self)
{
  const char *client = gtk_editable_get_text (GTK_EDITABLE (self->client_row));

  adw_window_title_set_title (self->window_title,
                              self->complaint != NULL ? _("Edit Complaint") : _("New Complaint"));
  adw_window_title_set_subtitle (self->window_title,
                                 kl_client_picker_get_client_id (self->client_row) != 0 ? client : "");
  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));
}

/* The contracts and products of @client_id, keeping what is chosen when
 * it is still there. */
static void
fill_client_lists (KlComplaintEditor *self,
                   gint64             client_id)
{
  KlSession *session = kl_editor_get_session (KL_EDITOR (self));
  KlEntity *complaint = kl_form_get_entity (get_form (self));
  g_autoptr(KlQueryList) contracts = kl_contract_list_new (session);
  g_autoptr(KlQueryList) products = kl_product_list_new (session);

  kl_query_list_freeze (contracts);
  kl_query_list_set_filter_int (contracts, "client", client_id);
  kl_query_list_set_sort (contracts, "number", FALSE);
  kl_query_list_thaw (contracts);
  kl_query_list_set_filter_int (products, "client", client_id);
  if (g_list_model_get_n_items (G_LIST_MODEL (products)) == 0)
    kl_query_list_clear_filter (products, "client");

  self->filling = TRUE;
  kl_id_combo_fill (self->contract_row, client_id != 0 ? G_LIST_MODEL (contracts) : NULL,
                    C_("no contract", "None"), contract_name);
  kl_id_combo_fill (self->product_row, G_LIST_MODEL (products), C_("no product", "None"), product_name);
  kl_id_combo_select (self->contract_row, complaint != NULL ? kl_entity_get_number (complaint, "contract_id") : 0);
  kl_id_combo_select (self->product_row, complaint != NULL ? kl_entity_get_number (complaint, "product_id") : 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->contract_row), client_id != 0);
  self->filling = FALSE;

  /* What is no longer in the lists is no longer chosen. */
  if (complaint != NULL && !kl_form_is_loading (get_form (self)))
    {
      kl_form_set_number (get_form (self), "contract_id", kl_id_combo_get (self->contract_row));
      kl_form_set_number (get_form (self), "product_id", kl_id_combo_get (self->product_row));
    }
}

/* Only the statuses the workflow allows from the stored one. */
static void
fill_statuses (KlComplaintEditor *self,
               const char        *status)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *stored = self->complaint != NULL ? kl_entity_get_text (KL_ENTITY (self->complaint), "status") : NULL;

  g_ptr_array_set_size (self->statuses, 0);
  for (guint i = 0; kl_complaint_statuses[i] != NULL; i++)
    if (stored == NULL || kl_complaint_status_allowed (stored, kl_complaint_statuses[i]))
      {
        g_ptr_array_add (self->statuses, (gpointer)kl_complaint_statuses[i]);
        gtk_string_list_append (labels, kl_choice_label (kl_complaint_statuses, kl_complaint_statuses[i]));
      }

  self->filling = TRUE;
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (labels));
  for (guint i = 0; i < self->statuses->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->statuses, i), status) == 0)
      adw_combo_row_set_selected (self->status_row, i);
  self->filling = FALSE;
}

static void
update_closing (KlComplaintEditor *self)
{
  KlEntity *complaint = kl_form_get_entity (get_form (self));
  gboolean closed = complaint != NULL && !kl_complaint_status_is_open (kl_entity_get_text (complaint, "status"));

  gtk_widget_set_visible (GTK_WIDGET (self->resolution_row), closed);
  gtk_widget_set_visible (GTK_WIDGET (self->resolved_date_row), closed);
}

/* Callbacks */

static void
on_client_row_notify_client_id_cb (KlComplaintEditor *self)
{
  gint64 client_id = kl_client_picker_get_client_id (self->client_row);
  KlForm *form = get_form (self);
  KlEntity *complaint = kl_form_get_entity (form);

  update_title (self);
  if (complaint == NULL)
    return;

  if (client_id != kl_entity_get_number (complaint, "client_id"))
    {
      KlSession *session = kl_editor_get_session (KL_EDITOR (self));
      g_autoptr(KlEntity) client = client_id != 0
        ? kl_store_get (kl_session_get_store (session, KL_TYPE_CLIENT), client_id, NULL) : NULL;

      kl_form_set_number (form, "client_id", client_id);
      /* The client's manager answers for it. */
      if (client != NULL)
        kl_form_set_number (form, "manager_id", kl_client_get_manager_id (KL_CLIENT (client)));
      fill_client_lists (self, client_id);
    }
  kl_form_set_field_error (GTK_WIDGET (self->client_row), self->client_error, NULL);
}

/* Left with text that names no client: say so beside the field. */
static void
on_client_row_focus_leave_cb (KlComplaintEditor *self)
{
  /* Focus also leaves while the window goes. */
  if (self->client_row == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  kl_form_set_field_error (GTK_WIDGET (self->client_row), self->client_error,
                           kl_client_picker_get_error (self->client_row));
}

static void
on_combo_selected_cb (KlComplaintEditor *self,
                      GParamSpec        *pspec,
                      AdwComboRow       *row)
{
  KlForm *form = get_form (self);

  if (self->filling || kl_form_get_entity (form) == NULL)
    return;

  if (row == self->contract_row)
    kl_form_set_number (form, "contract_id", kl_id_combo_get (row));
  else if (row == self->product_row)
    kl_form_set_number (form, "product_id", kl_id_combo_get (row));
}

static void
on_status_selected_cb (KlComplaintEditor *self)
{
  KlForm *form = get_form (self);
  guint selected = adw_combo_row_get_selected (self->status_row);
  const char *status;

  if (self->filling || kl_form_get_entity (form) == NULL || selected >= self->statuses->len)
    return;

  status = g_ptr_array_index (self->statuses, selected);
  kl_form_set_text (form, "status", status);
  update_closing (self);
  if (kl_complaint_status_is_open (status))
    gtk_editable_set_text (GTK_EDITABLE (self->resolved_date_row), "");
  else if (kl_entity_get_text (kl_form_get_entity (form), "resolved_date") == NULL)
    {
      /* Closed today, unless typed otherwise. */
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%x");

      gtk_editable_set_text (GTK_EDITABLE (self->resolved_date_row), today);
    }
  kl_form_validate (form);
}

static void
on_description_changed_cb (KlComplaintEditor *self)
{
  KlEntity *complaint = kl_form_get_entity (get_form (self));

  if (complaint == NULL || kl_form_is_loading (get_form (self)))
    return;
  kl_form_set_field_error (GTK_WIDGET (self->description_view), self->description_error,
                           kl_entity_get_text (complaint, "description") == NULL
                           ? _("Describe what the client complains about.") : NULL);
}

/* Overrides */

static void
kl_complaint_editor_constructed (GObject *object)
{
  KlComplaintEditor *self = KL_COMPLAINT_EDITOR (object);
  KlSession *session = kl_editor_get_session (KL_EDITOR (self));
  KlForm *form = get_form (self);
  g_autoptr(KlEntity) complaint = NULL;

  G_OBJECT_CLASS (kl_complaint_editor_parent_class)->constructed (object);

  if (self->complaint != NULL)
    {
      complaint = kl_entity_copy (KL_ENTITY (self->complaint));
      self->client_id = kl_entity_get_number (complaint, "client_id");
    }
  else
    {
      g_autofree char *today = kl_database_today ();
      g_autoptr(KlEntity) client = self->client_id != 0
        ? kl_store_get (kl_session_get_store (session, KL_TYPE_CLIENT), self->client_id, NULL) : NULL;

      complaint = kl_session_new_entity (session, KL_TYPE_COMPLAINT);
      kl_entity_set_number (complaint, "client_id", self->client_id);
      kl_entity_set_text (complaint, "received_date", today);
      if (client != NULL)
        kl_entity_set_number (complaint, "manager_id", kl_client_get_manager_id (KL_CLIENT (client)));
    }

  kl_client_picker_set_session (self->client_row, session);
  self->filling = TRUE;
  kl_client_picker_set_client_id (self->client_row, self->client_id);
  self->filling = FALSE;
  fill_statuses (self, kl_entity_get_text (complaint, "status"));

  kl_form_open (form, complaint);
  fill_client_lists (self, self->client_id);
  update_closing (self);
  update_title (self);

  /* Typing starts where the complaint needs something first. */
  gtk_window_set_focus (GTK_WINDOW (self),
                        self->client_id == 0 ? GTK_WIDGET (self->client_row) : GTK_WIDGET (self->description_view));
}

static void
kl_complaint_editor_dispose (GObject *object)
{
  KlComplaintEditor *self = KL_COMPLAINT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_COMPLAINT_EDITOR);
  g_clear_object (&self->complaint);

  G_OBJECT_CLASS (kl_complaint_editor_parent_class)->dispose (object);
}

static void
kl_complaint_editor_finalize (GObject *object)
{
  g_ptr_array_unref (KL_COMPLAINT_EDITOR (object)->statuses);

  G_OBJECT_CLASS (kl_complaint_editor_parent_class)->finalize (object);
}

static void
kl_complaint_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  KlComplaintEditor *self = KL_COMPLAINT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;
    case PROP_COMPLAINT:
      g_value_set_object (value, self->complaint);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_complaint_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  KlComplaintEditor *self = KL_COMPLAINT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      self->client_id = g_value_get_int64 (value);
      break;
    case PROP_COMPLAINT:
      self->complaint = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_complaint_editor_class_init (KlComplaintEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlEditorClass *editor_class = KL_EDITOR_CLASS (klass);

  object_class->constructed = kl_complaint_editor_constructed;
  object_class->dispose = kl_complaint_editor_dispose;
  object_class->finalize = kl_complaint_editor_finalize;
  object_class->get_property = kl_complaint_editor_get_property;
  object_class->set_property = kl_complaint_editor_set_property;

  editor_class->discard_body = N_("The changes made to this complaint will be lost.");

  /**
   * KlComplaintEditor:client-id:
   *
   * The client of a new complaint, 0 to choose it in the editor; ignored
   * when #KlComplaintEditor:complaint is set.
   */
  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KlComplaintEditor:complaint:
   *
   * The complaint being changed; %NULL for a new one.
   */
  properties[PROP_COMPLAINT] =
    g_param_spec_object ("complaint", NULL, NULL,
                         KL_TYPE_COMPLAINT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KL_TYPE_CLIENT_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/complaints/kl-complaint-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KlComplaintEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintEditor, client_row);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintEditor, client_error);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintEditor, contract_row);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintEditor, product_row);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintEditor, received_date_row);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintEditor, received_date_error);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintEditor, description_buffer);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintEditor, description_error);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintEditor, resolution_row);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintEditor, resolution_error);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintEditor, resolved_date_row);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintEditor, resolved_date_error);
}

static void
kl_complaint_editor_init (KlComplaintEditor *self)
{
  KlForm *form = get_form (self);
  GtkEventController *controller;

  self->statuses = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  kl_editor_set_toast_overlay (KL_EDITOR (self), self->toast_overlay);

  kl_form_bind_choice (form, "category", self->category_row);
  kl_form_bind_entry (form, "received_date", KL_FORM_DATE, GTK_EDITABLE (self->received_date_row),
                      self->received_date_error);
  kl_form_bind_text_buffer (form, "description", self->description_buffer);
  kl_form_bind_entry (form, "resolution", KL_FORM_TEXT, GTK_EDITABLE (self->resolution_row), self->resolution_error);
  kl_form_bind_entry (form, "resolved_date", KL_FORM_DATE, GTK_EDITABLE (self->resolved_date_row),
                      self->resolved_date_error);

  g_signal_connect_object (form, "changed::description", G_CALLBACK (on_description_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client_row, "notify::client-id",
                           G_CALLBACK (on_client_row_notify_client_id_cb), self, G_CONNECT_SWAPPED);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave", G_CALLBACK (on_client_row_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->client_row), controller);
  g_signal_connect_object (self->contract_row, "notify::selected", G_CALLBACK (on_combo_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->product_row, "notify::selected", G_CALLBACK (on_combo_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_row, "notify::selected", G_CALLBACK (on_status_selected_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * kl_complaint_editor_new:
 * @session: the open database
 * @client_id: the client of a new complaint, or 0 to choose it in the editor
 * @complaint: (nullable): the complaint to change, or %NULL for a new one
 *
 * Returns: (transfer floating): the form
 */
KlComplaintEditor *
kl_complaint_editor_new (KlSession   *session,
                         gint64       client_id,
                         KlComplaint *complaint)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (complaint == NULL || KL_IS_COMPLAINT (complaint), NULL);

  return g_object_new (KL_TYPE_COMPLAINT_EDITOR,
                       "session", session,
                       "client-id", client_id,
                       "complaint", complaint,
                       NULL);
}
