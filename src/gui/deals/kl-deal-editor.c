/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-deal-editor.h"

#include "kl-client-picker.h"
#include "kl-contract-editor.h"
#include "kl-deal-list.h"
#include "kl-entities.h"
#include "kl-id-combo.h"

/* A deal, new or existing: a KlEditor (see kl-editor.c) whose form binds
 * the rows below. The client is taken with the shared KlClientPicker; the
 * contact persons of that client, the managers and the competitors are
 * the editor's own dropdowns. Choosing a stage sets its usual probability
 * (which stays editable); Won and Lost show the closing rows: the date
 * (today unless changed), and for Lost the reason, which the model
 * requires, and the competitor. The store writes the stage history.
 *
 * A deal saved as newly won emits ::won, so the opener can offer to start
 * a contract from it. */

struct _KlDealEditor
{
  KlEditor          parent_instance;

  gint64            client_id;
  KlDeal           *deal;          /* as opened; NULL for a new deal */
  gboolean          filling;

  /* Template children */
  AdwWindowTitle   *window_title;
  AdwToastOverlay  *toast_overlay;
  KlClientPicker   *client_row;
  GtkLabel         *client_error;
  AdwComboRow      *contact_row;
  AdwEntryRow      *title_row;
  GtkLabel         *title_error;
  AdwComboRow      *stage_row;
  GtkSpinButton    *probability_spin;
  AdwEntryRow      *amount_row;
  GtkLabel         *amount_error;
  AdwEntryRow      *currency_row;
  GtkLabel         *currency_error;
  AdwEntryRow      *expected_close_row;
  GtkLabel         *expected_close_error;
  GtkSwitch        *decision_maker_switch;
  AdwComboRow      *manager_row;
  AdwPreferencesGroup *closing_group;
  AdwEntryRow      *closed_date_row;
  GtkLabel         *closed_date_error;
  AdwEntryRow      *lost_reason_row;
  GtkLabel         *lost_reason_error;
  AdwComboRow      *competitor_row;
  GtkTextBuffer    *notes_buffer;
};

G_DEFINE_FINAL_TYPE (KlDealEditor, kl_deal_editor, KL_TYPE_EDITOR)

enum {
  PROP_0,
  PROP_CLIENT_ID,
  PROP_DEAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  WON,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static KlForm *
get_form (KlDealEditor *self)
{
  return kl_editor_get_form (KL_EDITOR (self));
}

static void
update_title (KlDealEditor *self)
{
  KlEntity *deal = kl_form_get_entity (get_form (self));
  const char *title = deal != NULL ? kl_entity_get_text (deal, "title") : NULL;

  adw_window_title_set_title (self->window_title, self->deal != NULL ? _("Edit Deal") : _("New Deal"));
  adw_window_title_set_subtitle (self->window_title, title != NULL ? title : "");
  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));
}

static void
fill_contacts (KlDealEditor *self,
               gint64        client_id)
{
  KlSession *session = kl_editor_get_session (KL_EDITOR (self));
  g_autoptr(GListModel) contacts = NULL;
  KlEntity *deal = kl_form_get_entity (get_form (self));

  if (client_id > 0)
    contacts = kl_store_list_by (kl_session_get_store (session, KL_TYPE_CONTACT), "client_id", client_id, NULL);

  self->filling = TRUE;
  kl_id_combo_fill (self->contact_row, contacts, C_("nobody", "None"), NULL);
  kl_id_combo_select (self->contact_row, deal != NULL ? kl_entity_get_number (deal, "contact_id") : 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->contact_row),
                            contacts != NULL && g_list_model_get_n_items (contacts) > 0);
  self->filling = FALSE;
}

static void
update_closing (KlDealEditor *self)
{
  KlEntity *deal = kl_form_get_entity (get_form (self));
  const char *stage = deal != NULL ? kl_entity_get_text (deal, "stage") : NULL;
  gboolean lost = g_strcmp0 (stage, "lost") == 0;
  gboolean won = g_strcmp0 (stage, "won") == 0;

  gtk_widget_set_visible (GTK_WIDGET (self->closing_group), won || lost);
  gtk_widget_set_visible (GTK_WIDGET (self->lost_reason_row), lost);
  gtk_widget_set_visible (GTK_WIDGET (self->competitor_row), lost);
}

/* Callbacks */

static void
on_client_row_notify_client_id_cb (KlDealEditor *self)
{
  gint64 client_id = kl_client_picker_get_client_id (self->client_row);
  KlForm *form = get_form (self);

  if (kl_form_get_entity (form) == NULL)
    return;

  if (client_id != kl_entity_get_number (kl_form_get_entity (form), "client_id"))
    {
      kl_form_set_number (form, "contact_id", 0);
      kl_form_set_number (form, "client_id", client_id);
      fill_contacts (self, client_id);
    }
  kl_form_set_field_error (GTK_WIDGET (self->client_row), self->client_error, NULL);
}

/* Left with text that names no client: say so beside the field. */
static void
on_client_row_focus_leave_cb (KlDealEditor *self)
{
  /* Focus also leaves while the window goes. */
  if (self->client_row == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  kl_form_set_field_error (GTK_WIDGET (self->client_row), self->client_error,
                           kl_client_picker_get_error (self->client_row));
}

static void
on_form_changed_stage_cb (KlDealEditor *self)
{
  KlForm *form = get_form (self);
  const char *stage = kl_entity_get_text (kl_form_get_entity (form), "stage");
  int probability = kl_deal_stage_probability (stage);

  update_closing (self);
  if (kl_form_is_loading (form) || probability < 0)
    return;

  /* The stage's usual probability; still the user's to change. */
  gtk_spin_button_set_value (self->probability_spin, probability);
  if ((g_strcmp0 (stage, "won") == 0 || g_strcmp0 (stage, "lost") == 0) &&
      kl_entity_get_text (kl_form_get_entity (form), "closed_date") == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *today = g_date_time_format (now, "%x");

      gtk_editable_set_text (GTK_EDITABLE (self->closed_date_row), today);
    }
}

static void
on_combo_selected_cb (KlDealEditor *self,
                      GParamSpec   *pspec,
                      AdwComboRow  *row)
{
  KlForm *form = get_form (self);

  if (self->filling || kl_form_get_entity (form) == NULL)
    return;

  if (row == self->contact_row)
    kl_form_set_number (form, "contact_id", kl_id_combo_get (row));
  else if (row == self->manager_row)
    kl_form_set_number (form, "manager_id", kl_id_combo_get (row));
  else if (row == self->competitor_row)
    kl_form_set_number (form, "competitor_id", kl_id_combo_get (row));
}

static void
on_decision_maker_switch_notify_active_cb (KlDealEditor *self)
{
  KlForm *form = get_form (self);

  if (self->filling || kl_form_get_entity (form) == NULL)
    return;

  kl_form_set_number (form, "decision_maker_reached", gtk_switch_get_active (self->decision_maker_switch));
}

/* Overrides */

static void
kl_deal_editor_save (KlEditor *editor)
{
  KlDealEditor *self = KL_DEAL_EDITOR (editor);
  const char *old_stage = self->deal != NULL ? kl_entity_get_text (KL_ENTITY (self->deal), "stage") : NULL;
  g_autofree char *stage = g_strdup (kl_entity_get_text (kl_form_get_entity (get_form (self)), "stage"));
  gint64 id = kl_editor_save_form (editor);

  if (id <= 0)
    return;

  kl_editor_emit_saved (editor, id);
  if (g_strcmp0 (stage, "won") == 0 && g_strcmp0 (old_stage, "won") != 0)
    g_signal_emit (self, signals[WON], 0, id);
  kl_editor_finish (editor);
}

static void
kl_deal_editor_constructed (GObject *object)
{
  KlDealEditor *self = KL_DEAL_EDITOR (object);
  KlSession *session;
  KlForm *form = get_form (self);
  g_autoptr(KlEntity) deal = NULL;
  g_autoptr(GListModel) managers = NULL;
  g_autoptr(GListModel) competitors = NULL;

  G_OBJECT_CLASS (kl_deal_editor_parent_class)->constructed (object);

  session = kl_editor_get_session (KL_EDITOR (self));
  if (self->deal != NULL)
    {
      deal = kl_entity_copy (KL_ENTITY (self->deal));
      self->client_id = kl_entity_get_number (deal, "client_id");
    }
  else
    {
      /* The office's currency and the defaults of the field table. */
      deal = kl_session_new_entity (session, KL_TYPE_DEAL);
      kl_entity_set_number (deal, "client_id", self->client_id);
      kl_entity_set_number (deal, "probability", kl_deal_stage_probability (kl_entity_get_text (deal, "stage")));
    }

  managers = kl_store_list_all (kl_session_get_store (session, KL_TYPE_MANAGER), NULL);
  competitors = kl_store_list_all (kl_session_get_store (session, KL_TYPE_COMPETITOR), NULL);
  self->filling = TRUE;
  kl_id_combo_fill (self->manager_row, managers, C_("nobody", "None"), NULL);
  kl_id_combo_fill (self->competitor_row, competitors, C_("nobody", "None"), NULL);
  kl_id_combo_select (self->manager_row, kl_entity_get_number (deal, "manager_id"));
  kl_id_combo_select (self->competitor_row, kl_entity_get_number (deal, "competitor_id"));
  gtk_switch_set_active (self->decision_maker_switch, kl_entity_get_number (deal, "decision_maker_reached") != 0);
  self->filling = FALSE;

  kl_client_picker_set_session (self->client_row, session);
  kl_client_picker_set_client_id (self->client_row, self->client_id);

  kl_form_open (form, deal);
  fill_contacts (self, self->client_id);
  update_closing (self);
  update_title (self);

  /* Typing starts where the deal needs something first. */
  gtk_window_set_focus (GTK_WINDOW (self),
                        self->client_id == 0 ? GTK_WIDGET (self->client_row) : GTK_WIDGET (self->title_row));
}

static void
kl_deal_editor_dispose (GObject *object)
{
  KlDealEditor *self = KL_DEAL_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_DEAL_EDITOR);
  g_clear_object (&self->deal);

  G_OBJECT_CLASS (kl_deal_editor_parent_class)->dispose (object);
}

static void
kl_deal_editor_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KlDealEditor *self = KL_DEAL_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;
    case PROP_DEAL:
      g_value_set_object (value, self->deal);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_deal_editor_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KlDealEditor *self = KL_DEAL_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      self->client_id = g_value_get_int64 (value);
      break;
    case PROP_DEAL:
      self->deal = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_deal_editor_class_init (KlDealEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlEditorClass *editor_class = KL_EDITOR_CLASS (klass);

  object_class->constructed = kl_deal_editor_constructed;
  object_class->dispose = kl_deal_editor_dispose;
  object_class->get_property = kl_deal_editor_get_property;
  object_class->set_property = kl_deal_editor_set_property;

  editor_class->discard_body = N_("The changes made to this deal will be lost.");
  editor_class->save = kl_deal_editor_save;

  /**
   * KlDealEditor:client-id:
   *
   * The client of a new deal (0: chosen in the editor); ignored when
   * #KlDealEditor:deal is set.
   */
  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KlDealEditor:deal:
   *
   * The deal being changed; %NULL for a new one.
   */
  properties[PROP_DEAL] =
    g_param_spec_object ("deal", NULL, NULL,
                         KL_TYPE_DEAL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KlDealEditor::won:
   * @deal_id: the deal
   *
   * A deal was saved as won that was not won before (after ::saved).
   */
  signals[WON] = g_signal_new ("won", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                               0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (KL_TYPE_CLIENT_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/deals/kl-deal-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, client_row);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, client_error);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, contact_row);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, title_error);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, stage_row);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, probability_spin);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, amount_row);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, amount_error);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, currency_row);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, currency_error);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, expected_close_row);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, expected_close_error);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, decision_maker_switch);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, manager_row);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, closing_group);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, closed_date_row);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, closed_date_error);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, lost_reason_row);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, lost_reason_error);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, competitor_row);
  gtk_widget_class_bind_template_child (widget_class, KlDealEditor, notes_buffer);
}

static void
kl_deal_editor_init (KlDealEditor *self)
{
  KlForm *form = get_form (self);
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));
  kl_editor_set_toast_overlay (KL_EDITOR (self), self->toast_overlay);

  kl_form_bind_entry (form, "title", KL_FORM_TEXT, GTK_EDITABLE (self->title_row), self->title_error);
  kl_form_bind_choice (form, "stage", self->stage_row);
  kl_form_bind_spin_button (form, "probability", self->probability_spin);
  kl_form_bind_entry (form, "amount", KL_FORM_MONEY, GTK_EDITABLE (self->amount_row), self->amount_error);
  kl_form_bind_entry (form, "currency", KL_FORM_TEXT, GTK_EDITABLE (self->currency_row), self->currency_error);
  kl_form_bind_entry (form, "expected_close", KL_FORM_DATE,
                      GTK_EDITABLE (self->expected_close_row), self->expected_close_error);
  kl_form_bind_entry (form, "closed_date", KL_FORM_DATE,
                      GTK_EDITABLE (self->closed_date_row), self->closed_date_error);
  kl_form_bind_entry (form, "lost_reason", KL_FORM_TEXT,
                      GTK_EDITABLE (self->lost_reason_row), self->lost_reason_error);
  kl_form_bind_text_buffer (form, "notes", self->notes_buffer);

  g_signal_connect_object (form, "changed::title", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (form, "changed::stage", G_CALLBACK (on_form_changed_stage_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client_row, "notify::client-id",
                           G_CALLBACK (on_client_row_notify_client_id_cb), self, G_CONNECT_SWAPPED);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave", G_CALLBACK (on_client_row_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->client_row), controller);
  g_signal_connect_object (self->contact_row, "notify::selected", G_CALLBACK (on_combo_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->manager_row, "notify::selected", G_CALLBACK (on_combo_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->competitor_row, "notify::selected", G_CALLBACK (on_combo_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->decision_maker_switch, "notify::active",
                           G_CALLBACK (on_decision_maker_switch_notify_active_cb), self, G_CONNECT_SWAPPED);
}

/**
 * kl_deal_editor_new:
 * @session: the open database
 * @client_id: the client of a new deal, or 0 to choose it in the editor
 * @deal: (nullable): the deal to change, or %NULL for a new one
 *
 * Returns: (transfer floating): the form
 */
KlDealEditor *
kl_deal_editor_new (KlSession *session,
                    gint64     client_id,
                    KlDeal    *deal)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (deal == NULL || KL_IS_DEAL (deal), NULL);
  g_return_val_if_fail (client_id >= 0, NULL);

  return g_object_new (KL_TYPE_DEAL_EDITOR,
                       "session", session,
                       "client-id", client_id,
                       "deal", deal,
                       NULL);
}

KlDeal *
kl_deal_editor_get_deal (KlDealEditor *self)
{
  g_return_val_if_fail (KL_IS_DEAL_EDITOR (self), NULL);

  return self->deal;
}

static void
on_start_contract_clicked_cb (AdwToast        *toast,
                              AdwToastOverlay *overlay)
{
  KlSession *session = g_object_get_data (G_OBJECT (toast), "kl-session");
  gint64 deal_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "kl-deal-id"));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (overlay));

  kl_contract_editor_open_draft (session, KL_TYPE_DEAL, deal_id, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 overlay);
}

/**
 * kl_deal_editor_show_won_toast:
 * @overlay: where the opener shows toasts
 *
 * A handler of ::won: says the deal is won and offers to start a contract
 * from it: the contract editor with a draft drawn from the deal
 * (kl_contract_draft_from_deal()).
 */
void
kl_deal_editor_show_won_toast (KlDealEditor    *self,
                               gint64           deal_id,
                               AdwToastOverlay *overlay)
{
  AdwToast *toast;

  g_return_if_fail (KL_IS_DEAL_EDITOR (self));
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  toast = adw_toast_new (_("Deal won"));
  adw_toast_set_timeout (toast, 10);
  adw_toast_set_button_label (toast, _("Start _Contract"));
  g_object_set_data_full (G_OBJECT (toast), "kl-session",
                          g_object_ref (kl_editor_get_session (KL_EDITOR (self))), g_object_unref);
  g_object_set_data (G_OBJECT (toast), "kl-deal-id", GSIZE_TO_POINTER (deal_id));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_start_contract_clicked_cb), overlay, 0);
  adw_toast_overlay_add_toast (overlay, toast);
}
