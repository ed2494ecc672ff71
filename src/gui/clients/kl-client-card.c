/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-client-card.h"

#include "kl-client-editor.h"
#include "kl-client-list.h"
#include "kl-client-ops.h"
#include "kl-client-receivables.h"
#include "kl-client-competitors.h"
#include "kl-contract-groups.h"
#include "kl-client-deals.h"
#include "kl-offer-groups.h"
#include "kl-contact-editor.h"
#include "kl-entities.h"
#include "kl-format.h"
#include "kl-text.h"

/* One client on one window: the header facts, the next action, the contact
 * persons (add, change, remove, export or erase their personal data) and a
 * timeline of everything that happened, newest first. It reads the client
 * again whenever a store that feeds it says it changed; a client that
 * disappears (deleted, merged away) closes its card. */

#define TIMELINE_LIMIT 100
#define MERGE_CANDIDATES 20
/* Narrower than this, the timeline goes under the details. */
#define TWO_COLUMNS_MIN_WIDTH 720

struct _KlClientCard
{
  AdwWindow          parent_instance;

  KlSession         *session;
  gint64             client_id;
  KlEntity          *client;
  guint              reload_source;
  gboolean           loaded;

  /* The "merge with another client" dialog, while it is open. */
  AdwMessageDialog  *merge_dialog;
  KlClientList      *merge_candidates;
  GtkListBox        *merge_list;

  /* Template children */
  AdwWindowTitle    *window_title;
  AdwToastOverlay   *toast_overlay;
  GtkStack          *content_stack;
  GtkLabel          *name_label;
  GtkLabel          *subtitle_label;
  GtkBox            *columns_box;
  GtkLabel          *status_label;
  GtkLabel          *segment_label;
  GtkLabel          *manager_label;
  AdwActionRow      *tax_id_row;
  GtkLabel          *tax_id_label;
  AdwActionRow      *phone_row;
  GtkLabel          *phone_label;
  AdwActionRow      *email_row;
  GtkLabel          *email_label;
  GtkLabel          *credit_limit_label;
  GtkLabel          *payment_terms_label;
  AdwActionRow      *next_action_row;
  GtkListBox        *contacts_list;
  KlCardGroup       *deals_section;
  KlCardGroup       *competitors_section;
  KlCardGroup       *offers_section;
  KlCardGroup       *contracts_section;
  GtkListBox        *timeline_list;
  KlClientReceivables *receivables;
};

G_DEFINE_FINAL_TYPE (KlClientCard, kl_client_card, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CLIENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void queue_reload (KlClientCard *self);

/* Helpers */

static GType
store_types (guint i)
{
  /* Every store whose rows show on the card. */
  switch (i)
    {
    case 0: return KL_TYPE_CLIENT;
    case 1: return KL_TYPE_CONTACT;
    case 2: return KL_TYPE_ACTIVITY;
    case 3: return KL_TYPE_DEAL;
    case 4: return KL_TYPE_CONTRACT;
    case 5: return KL_TYPE_INVOICE;
    case 6: return KL_TYPE_PAYMENT;
    case 7: return KL_TYPE_COMPLAINT;
    case 8: return KL_TYPE_MANAGER;
    default: return G_TYPE_INVALID;
    }
}

static void
show_toast (KlClientCard *self,
            const char   *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

static const char *
or_dash (const char *text)
{
  return kl_text_is_blank (text) ? C_("no value", "—") : text;
}

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static const char *
timeline_icon (KlTimelineKind kind)
{
  switch (kind)
    {
    case KL_TIMELINE_ACTIVITY: return "x-office-calendar-symbolic";
    case KL_TIMELINE_DEAL: return "starred-symbolic";
    case KL_TIMELINE_CONTRACT: return "x-office-document-symbolic";
    case KL_TIMELINE_INVOICE: return "x-office-spreadsheet-symbolic";
    case KL_TIMELINE_PAYMENT: return "emblem-ok-symbolic";
    case KL_TIMELINE_COMPLAINT: return "dialog-warning-symbolic";
    case KL_TIMELINE_FIELD_CHANGE:
    default: return "document-edit-symbolic";
    }
}

static const char *
timeline_kind_name (KlTimelineKind kind)
{
  switch (kind)
    {
    case KL_TIMELINE_ACTIVITY: return C_("timeline entry", "Activity");
    case KL_TIMELINE_DEAL: return C_("timeline entry", "Deal");
    case KL_TIMELINE_CONTRACT: return C_("timeline entry", "Contract");
    case KL_TIMELINE_INVOICE: return C_("timeline entry", "Invoice");
    case KL_TIMELINE_PAYMENT: return C_("timeline entry", "Payment");
    case KL_TIMELINE_COMPLAINT: return C_("timeline entry", "Complaint");
    case KL_TIMELINE_FIELD_CHANGE:
    default: return C_("timeline entry", "Change");
    }
}

static GtkWidget *
create_timeline_row (const KlTimelineEntry *entry)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (timeline_icon (entry->kind));
  g_autofree char *date = kl_format_date_or_datetime (entry->date);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), date);
  gtk_widget_set_tooltip_text (icon, timeline_kind_name (entry->kind));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  timeline_kind_name (entry->kind), -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  return row;
}

static GtkWidget *
icon_button (const char *icon_name,
             const char *label,
             const char *action_name,
             gint64      contact_id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", contact_id);

  return button;
}

static void
append_menu_item (GMenu      *menu,
                  const char *label,
                  const char *action_name,
                  gint64      contact_id)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action_name, g_variant_new_int64 (contact_id));
  g_menu_append_item (menu, item);
}

static GtkWidget *
create_contact_row (KlEntity *contact)
{
  GtkWidget *row = adw_action_row_new ();
  gint64 id = kl_entity_get_id (contact);
  const char *role = kl_entity_get_text (contact, "role");
  const char *parts[6] = { NULL };
  g_autofree char *consent = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *edit_button;
  GtkWidget *menu_button;
  guint n = 0;

  if (role != NULL)
    parts[n++] = kl_choice_label (kl_contact_roles, role);
  if (!kl_text_is_blank (kl_entity_get_text (contact, "position")))
    parts[n++] = kl_entity_get_text (contact, "position");
  if (!kl_text_is_blank (kl_entity_get_text (contact, "phone")))
    parts[n++] = kl_entity_get_text (contact, "phone");
  if (!kl_text_is_blank (kl_entity_get_text (contact, "email")))
    parts[n++] = kl_entity_get_text (contact, "email");
  if (kl_entity_get_text (contact, "consent_date") != NULL)
    {
      g_autofree char *date = kl_format_date (kl_entity_get_text (contact, "consent_date"));

      /* TRANSLATORS: %s is the date the contact person agreed to their personal data being kept */
      consent = g_strdup_printf (_("consent given %s"), date);
      parts[n++] = consent;
    }
  subtitle = g_strjoinv (" · ", (char **)parts);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kl_entity_get_text (contact, "name"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("avatar-default-symbolic"));

  edit_button = icon_button ("document-edit-symbolic", _("Edit Contact Person"), "card.edit-contact", id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), edit_button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), edit_button);

  append_menu_item (menu, _("_Export Personal Data…"), "card.export-contact", id);
  append_menu_item (menu, _("_Anonymise…"), "card.anonymise-contact", id);
  append_menu_item (menu, _("_Remove…"), "card.remove-contact", id);
  menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (menu_button, "flat");
  gtk_widget_set_tooltip_text (menu_button, _("More"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (menu_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("More"), -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), menu_button);

  g_object_set_data_full (G_OBJECT (row), "contact-id", g_memdup2 (&id, sizeof id), g_free);

  return row;
}

static void
set_actions_enabled (KlClientCard *self,
                     gboolean      enabled)
{
  static const char * const actions[] = {
    "card.edit", "card.add-contact", "card.edit-contact", "card.remove-contact",
    "card.export-contact", "card.anonymise-contact", "card.merge",
  };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], enabled);
}

static void
fill_header (KlClientCard *self)
{
  KlEntity *c = self->client;
  const char *name = kl_entity_get_text (c, "name");
  const char *segment = kl_entity_get_text (c, "segment");
  const char *legal_form = kl_entity_get_text (c, "legal_form");
  const char *city = kl_entity_get_text (c, "city");
  const char *next_action = kl_entity_get_text (c, "next_action");
  const char *next_date = kl_entity_get_text (c, "next_action_date");
  gint64 manager_id = kl_entity_get_number (c, "manager_id");
  gint64 days = kl_entity_get_number (c, "payment_terms_days");
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *subtitle = NULL;
  g_autofree char *credit = NULL;
  g_autofree char *terms = NULL;
  g_autofree char *manager_name = NULL;

  gtk_window_set_title (GTK_WINDOW (self), name);
  adw_window_title_set_title (self->window_title, name);
  gtk_label_set_label (self->name_label, name);

  g_ptr_array_add (parts, g_strdup (kl_choice_label (kl_client_kinds, kl_entity_get_text (c, "kind"))));
  if (!kl_text_is_blank (legal_form))
    g_ptr_array_add (parts, g_strdup (legal_form));
  if (!kl_text_is_blank (city))
    /* TRANSLATORS: a city and a two-letter country code, e.g. "Zagreb, HR" */
    g_ptr_array_add (parts, g_strdup_printf (_("%1$s, %2$s"), city, kl_entity_get_text (c, "country")));
  else
    g_ptr_array_add (parts, g_strdup (kl_entity_get_text (c, "country")));
  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv (" · ", (char **)parts->pdata);
  gtk_label_set_label (self->subtitle_label, subtitle);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  gtk_label_set_label (self->status_label, kl_choice_label (kl_client_statuses, kl_entity_get_text (c, "status")));
  if (segment != NULL)
    {
      /* TRANSLATORS: %s is the ABC segment of a client: A, B or C */
      g_autofree char *text = g_strdup_printf (_("Segment %s"), kl_choice_label (kl_client_segments, segment));

      gtk_label_set_label (self->segment_label, text);
    }
  else
    gtk_label_set_label (self->segment_label, _("No segment yet"));

  if (manager_id > 0)
    {
      g_autoptr(KlEntity) manager = kl_store_get (kl_session_get_store (self->session, KL_TYPE_MANAGER),
                                                  manager_id, NULL);

      if (manager != NULL)
        manager_name = g_strdup (kl_entity_get_text (manager, "name"));
    }
  gtk_label_set_label (self->manager_label, manager_name != NULL ? manager_name : C_("no manager", "None"));

  gtk_label_set_label (self->tax_id_label, or_dash (kl_entity_get_text (c, "tax_id")));
  gtk_label_set_label (self->phone_label, or_dash (kl_entity_get_text (c, "phone")));
  gtk_label_set_label (self->email_label, or_dash (kl_entity_get_text (c, "email")));
  gtk_widget_set_sensitive (GTK_WIDGET (self->tax_id_row), !kl_text_is_blank (kl_entity_get_text (c, "tax_id")));
  gtk_widget_set_sensitive (GTK_WIDGET (self->phone_row), !kl_text_is_blank (kl_entity_get_text (c, "phone")));
  gtk_widget_set_sensitive (GTK_WIDGET (self->email_row), !kl_text_is_blank (kl_entity_get_text (c, "email")));

  credit = kl_format_money (kl_entity_get_number (c, "credit_limit"), kl_entity_get_text (c, "currency"));
  gtk_label_set_label (self->credit_limit_label, credit);
  terms = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", (gulong)days), (int)days);
  gtk_label_set_label (self->payment_terms_label, terms);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->next_action_row),
                                 !kl_text_is_blank (next_action) ? next_action : _("Nothing planned"));
  if (next_date != NULL)
    {
      g_autofree char *date = kl_format_date (next_date);

      adw_action_row_set_subtitle (self->next_action_row, date);
    }
  else
    adw_action_row_set_subtitle (self->next_action_row, "");
}

static void
fill_contacts (KlClientCard *self)
{
  KlStore *store = kl_session_get_store (self->session, KL_TYPE_CONTACT);
  g_autoptr(GListModel) contacts = NULL;
  g_autoptr(GError) error = NULL;

  clear_list (self->contacts_list);

  contacts = kl_store_list_by (store, "client_id", self->client_id, &error);
  if (contacts == NULL)
    {
      g_warning ("Could not list the contacts of client %" G_GINT64_FORMAT ": %s",
                 self->client_id, error->message);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (contacts); i++)
    {
      g_autoptr(KlEntity) contact = g_list_model_get_item (contacts, i);

      gtk_list_box_append (self->contacts_list, create_contact_row (contact));
    }
}

static void
fill_timeline (KlClientCard *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  clear_list (self->timeline_list);

  entries = kl_client_timeline (self->session, self->client_id, TIMELINE_LIMIT, &error);
  if (entries == NULL)
    {
      g_warning ("Could not read the timeline of client %" G_GINT64_FORMAT ": %s",
                 self->client_id, error->message);
      return;
    }

  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->timeline_list, create_timeline_row (g_ptr_array_index (entries, i)));
}

static gboolean
reload_idle (gpointer user_data)
{
  KlClientCard *self = user_data;

  self->reload_source = 0;
  kl_client_card_reload (self);

  return G_SOURCE_REMOVE;
}

static void
queue_reload (KlClientCard *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_idle, self, NULL);
}

static KlEntity *
get_contact (KlClientCard *self,
             gint64        contact_id)
{
  g_autoptr(GError) error = NULL;
  KlEntity *contact = kl_store_get (kl_session_get_store (self->session, KL_TYPE_CONTACT),
                                    contact_id, &error);

  if (contact == NULL)
    show_toast (self, error->message);

  return contact;
}

static void
present_dialog (KlClientCard *self,
                GtkWindow    *dialog)
{
  gtk_window_set_transient_for (dialog, GTK_WINDOW (self));
  gtk_window_set_modal (dialog, TRUE);
  gtk_window_set_application (dialog, gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_present (dialog);
}

static gint64
dialog_contact_id (gpointer dialog)
{
  gint64 *id = g_object_get_data (G_OBJECT (dialog), "contact-id");

  return id != NULL ? *id : 0;
}

static AdwMessageDialog *
confirm_dialog (KlClientCard *self,
                const char   *heading,
                const char   *body,
                const char   *response_id,
                const char   *response_label,
                gint64        contact_id)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    response_id, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, response_id, ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "contact-id", g_memdup2 (&contact_id, sizeof contact_id), g_free);

  return dialog;
}

/* Callbacks */

static void
on_store_changed_cb (KlClientCard  *self,
                     KlStoreChange  change,
                     gint64         id,
                     KlStore       *store)
{
  queue_reload (self);
}

static void
on_default_width_cb (KlClientCard *self,
                     GParamSpec   *pspec,
                     GtkWindow    *window)
{
  int width, height;
  gboolean wide;

  gtk_window_get_default_size (window, &width, &height);
  wide = width <= 0 || width >= TWO_COLUMNS_MIN_WIDTH;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->columns_box),
                                  wide ? GTK_ORIENTATION_HORIZONTAL : GTK_ORIENTATION_VERTICAL);
  gtk_box_set_homogeneous (self->columns_box, wide);
}

static void
on_copy_row_activated_cb (KlClientCard *self,
                          AdwActionRow *row)
{
  const char *column = NULL;
  const char *text;

  if (self->client == NULL)
    return;

  if (row == self->tax_id_row)
    column = "tax_id";
  else if (row == self->phone_row)
    column = "phone";
  else if (row == self->email_row)
    column = "email";
  else
    g_return_if_reached ();

  text = kl_entity_get_text (self->client, column);
  if (kl_text_is_blank (text))
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
  show_toast (self, _("Copied to the clipboard"));
}

static void
on_remove_dialog_response_cb (KlClientCard     *self,
                              const char       *response,
                              AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "remove"))
    return;

  if (!kl_store_delete (kl_session_get_store (self->session, KL_TYPE_CONTACT),
                        dialog_contact_id (dialog), &error))
    show_toast (self, error->message);
}

static void
on_anonymise_dialog_response_cb (KlClientCard     *self,
                                 const char       *response,
                                 AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "anonymise"))
    return;

  if (!kl_contact_anonymise (self->session, dialog_contact_id (dialog), &error))
    show_toast (self, error->message);
  else
    show_toast (self, _("The contact person’s personal data was erased"));
}

static void
on_export_chooser_response_cb (KlClientCard         *self,
                               int                   response,
                               GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

  if (file != NULL)
    {
      if (!kl_contact_export_personal_data (self->session, dialog_contact_id (chooser), file, &error))
        show_toast (self, error->message);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          /* TRANSLATORS: %s is a file name */
          g_autofree char *message = g_strdup_printf (_("Personal data saved to “%s”"), name);

          show_toast (self, message);
        }
    }

  gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (chooser));
  g_object_unref (chooser);
}

static void
on_merge_candidates_changed_cb (KlClientCard *self,
                                guint         position,
                                guint         removed,
                                guint         added,
                                GListModel   *model)
{
  guint n = MIN (g_list_model_get_n_items (model), MERGE_CANDIDATES);

  clear_list (self->merge_list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlEntity) client = g_list_model_get_item (model, i);
      GtkWidget *row;
      gint64 id = kl_entity_get_id (client);
      g_autofree char *subtitle = NULL;

      if (id == self->client_id)
        continue;

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kl_entity_get_text (client, "name"));
      subtitle = g_strjoin (" · ", or_dash (kl_entity_get_text (client, "tax_id")),
                            or_dash (kl_entity_get_text (client, "city")), NULL);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      g_object_set_data_full (G_OBJECT (row), "client-id", g_memdup2 (&id, sizeof id), g_free);
      gtk_list_box_append (self->merge_list, row);
    }
}

static void
on_merge_search_changed_cb (KlClientCard   *self,
                            GtkSearchEntry *entry)
{
  if (self->merge_candidates != NULL)
    kl_client_list_set_search (self->merge_candidates, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_merge_list_selected_cb (KlClientCard  *self,
                           GtkListBoxRow *row,
                           GtkListBox    *list)
{
  if (self->merge_dialog != NULL)
    adw_message_dialog_set_response_enabled (self->merge_dialog, "merge", row != NULL);
}

static void
on_merge_dialog_response_cb (KlClientCard     *self,
                             const char       *response,
                             AdwMessageDialog *dialog)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->merge_list);
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "merge") && row != NULL)
    {
      gint64 other_id = *(gint64 *)g_object_get_data (G_OBJECT (row), "client-id");

      /* This client stays; the other one moves into it. */
      if (!kl_clients_merge (self->session, self->client_id, other_id, &error))
        show_toast (self, error->message);
      else
        show_toast (self, _("The clients were merged"));
    }

  if (self->merge_candidates != NULL)
    g_signal_handlers_disconnect_by_data (self->merge_candidates, self);
  g_clear_object (&self->merge_candidates);
  self->merge_dialog = NULL;
  self->merge_list = NULL;
}

/* Actions */

/* The editor merged this client into @client_id: that client's card. */
static void
on_editor_open_client_cb (KlClientCard   *self,
                          gint64          client_id,
                          KlClientEditor *editor)
{
  KlClientCard *card;

  if (client_id == self->client_id)
    {
      gtk_window_present (GTK_WINDOW (self));
      return;
    }

  card = kl_client_card_new (self->session, client_id);
  gtk_window_set_application (GTK_WINDOW (card), gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_present (GTK_WINDOW (card));
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KlClientCard *self = KL_CLIENT_CARD (widget);
  g_autoptr(KlEntity) client = NULL;
  g_autoptr(GError) error = NULL;
  KlClientEditor *editor;

  client = kl_store_get (kl_session_get_store (self->session, KL_TYPE_CLIENT), self->client_id, &error);
  if (client == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  editor = kl_client_editor_new (self->session, KL_CLIENT (client));
  g_signal_connect_object (editor, "open-client", G_CALLBACK (on_editor_open_client_cb), self, G_CONNECT_SWAPPED);
  present_dialog (self, GTK_WINDOW (editor));
}

static void
add_contact_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KlClientCard *self = KL_CLIENT_CARD (widget);

  present_dialog (self, GTK_WINDOW (kl_contact_editor_new (self->session, self->client_id, NULL)));
}

static void
edit_contact_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KlClientCard *self = KL_CLIENT_CARD (widget);
  g_autoptr(KlEntity) contact = get_contact (self, g_variant_get_int64 (parameter));

  if (contact != NULL)
    present_dialog (self, GTK_WINDOW (kl_contact_editor_new (self->session, self->client_id,
                                                             KL_CONTACT (contact))));
}

static void
remove_contact_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KlClientCard *self = KL_CLIENT_CARD (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(KlEntity) contact = get_contact (self, id);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (contact == NULL)
    return;

  /* TRANSLATORS: %s is the contact person's name */
  body = g_strdup_printf (_("“%s” will be removed from this client. Activities and deals "
                            "that name them are kept."),
                          kl_entity_get_text (contact, "name"));
  dialog = confirm_dialog (self, _("Remove Contact Person?"), body, "remove", _("_Remove"), id);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_dialog_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
anonymise_contact_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  KlClientCard *self = KL_CLIENT_CARD (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(KlEntity) contact = get_contact (self, id);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (contact == NULL)
    return;

  /* TRANSLATORS: %s is the contact person's name */
  body = g_strdup_printf (_("The name, position, phone, e-mail, notes and consent date of “%s” "
                            "will be erased, also from the history of changes. Activities and "
                            "deals stay, without the name. This cannot be undone."),
                          kl_entity_get_text (contact, "name"));
  dialog = confirm_dialog (self, _("Anonymise Contact Person?"), body, "anonymise", _("_Anonymise"), id);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_anonymise_dialog_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_contact_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KlClientCard *self = KL_CLIENT_CARD (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(KlEntity) contact = get_contact (self, id);
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *file_name = NULL;
  GtkFileChooserNative *chooser;

  if (contact == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Personal Data"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("JSON files"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  /* TRANSLATORS: the suggested file name; %s is the contact person's name */
  file_name = g_strdup_printf (_("%s — personal data.json"), kl_entity_get_text (contact, "name"));
  g_strdelimit (file_name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);

  g_object_set_data_full (G_OBJECT (chooser), "contact-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_chooser_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KlClientCard *self = KL_CLIENT_CARD (widget);
  g_autofree char *body = NULL;
  GtkWidget *box, *search, *scrolled;
  AdwMessageDialog *dialog;

  if (self->client == NULL || self->merge_dialog != NULL)
    return;

  /* TRANSLATORS: %s is the name of the client whose card is open */
  body = g_strdup_printf (_("Find the client that is the same as “%s”. Its contact persons, deals, "
                            "contracts, invoices, activities and complaints move here, empty "
                            "fields here take its values, and it is deleted."),
                          kl_entity_get_text (self->client, "name"));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Merge Another Client Into This One"), body));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  search = gtk_search_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (search), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search clients"), -1);
  gtk_box_append (GTK_BOX (box), search);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 240);
  self->merge_list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->merge_list, GTK_SELECTION_SINGLE);
  gtk_widget_add_css_class (GTK_WIDGET (self->merge_list), "boxed-list");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->merge_list));
  gtk_box_append (GTK_BOX (box), scrolled);
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "merge", _("_Merge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, "merge", FALSE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  self->merge_dialog = dialog;
  self->merge_candidates = kl_client_list_new (self->session);
  g_signal_connect_object (self->merge_candidates, "items-changed",
                           G_CALLBACK (on_merge_candidates_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (search, "search-changed", G_CALLBACK (on_merge_search_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->merge_list, "row-selected", G_CALLBACK (on_merge_list_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_merge_dialog_response_cb),
                           self, G_CONNECT_SWAPPED);
  on_merge_candidates_changed_cb (self, 0, 0, 0, G_LIST_MODEL (self->merge_candidates));

  gtk_window_present (GTK_WINDOW (dialog));
}

/* Overrides */

static void
kl_client_card_constructed (GObject *object)
{
  KlClientCard *self = KL_CLIENT_CARD (object);

  G_OBJECT_CLASS (kl_client_card_parent_class)->constructed (object);

  g_assert (KL_IS_SESSION (self->session));

  for (guint i = 0; store_types (i) != G_TYPE_INVALID; i++)
    g_signal_connect_object (kl_session_get_store (self->session, store_types (i)), "changed",
                             G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self, "notify::default-width", G_CALLBACK (on_default_width_cb),
                           self, G_CONNECT_SWAPPED);
  on_default_width_cb (self, NULL, GTK_WINDOW (self));
  kl_client_deals_attach (self->deals_section, self->session, self->client_id);
  kl_offer_groups_attach_client (self->offers_section, self->session, self->client_id);
  kl_contract_groups_attach_client (self->contracts_section, self->session, self->client_id);
  kl_client_competitors_attach (self->competitors_section, self->session, self->client_id);

  kl_client_receivables_set_client (self->receivables, self->session, self->client_id);
  kl_client_card_reload (self);
}

static void
kl_client_card_dispose (GObject *object)
{
  KlClientCard *self = KL_CLIENT_CARD (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->merge_candidates != NULL)
    g_signal_handlers_disconnect_by_data (self->merge_candidates, self);
  g_clear_object (&self->merge_candidates);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_CLIENT_CARD);
  g_clear_object (&self->client);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (kl_client_card_parent_class)->dispose (object);
}

static void
kl_client_card_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KlClientCard *self = KL_CLIENT_CARD (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_client_card_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KlClientCard *self = KL_CLIENT_CARD (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_CLIENT_ID:
      self->client_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_client_card_class_init (KlClientCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kl_client_card_constructed;
  object_class->dispose = kl_client_card_dispose;
  object_class->get_property = kl_client_card_get_property;
  object_class->set_property = kl_client_card_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         KL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KlClientCard:client-id:
   *
   * The client shown.
   */
  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "card.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "card.add-contact", NULL, add_contact_action);
  gtk_widget_class_install_action (widget_class, "card.edit-contact", "x", edit_contact_action);
  gtk_widget_class_install_action (widget_class, "card.remove-contact", "x", remove_contact_action);
  gtk_widget_class_install_action (widget_class, "card.export-contact", "x", export_contact_action);
  gtk_widget_class_install_action (widget_class, "card.anonymise-contact", "x", anonymise_contact_action);
  gtk_widget_class_install_action (widget_class, "card.merge", NULL, merge_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "card.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);

  g_type_ensure (KL_TYPE_CLIENT_RECEIVABLES);
  g_type_ensure (KL_TYPE_CARD_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/clients/kl-client-card.ui");
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, window_title);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, content_stack);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, name_label);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, columns_box);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, status_label);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, segment_label);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, manager_label);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, tax_id_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, tax_id_label);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, phone_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, phone_label);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, email_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, email_label);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, credit_limit_label);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, payment_terms_label);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, next_action_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, contacts_list);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, receivables);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, deals_section);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, competitors_section);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, offers_section);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, contracts_section);
  gtk_widget_class_bind_template_child (widget_class, KlClientCard, timeline_list);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_row_activated_cb);
}

static void
kl_client_card_init (KlClientCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kl_client_card_new:
 * @session: the open database
 * @client_id: the client to show
 *
 * Returns: (transfer floating): a window showing the client
 */
KlClientCard *
kl_client_card_new (KlSession *session,
                    gint64     client_id)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (client_id > 0, NULL);

  return g_object_new (KL_TYPE_CLIENT_CARD,
                       "session", session,
                       "client-id", client_id,
                       NULL);
}

KlSession *
kl_client_card_get_session (KlClientCard *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_CARD (self), NULL);

  return self->session;
}

gint64
kl_client_card_get_client_id (KlClientCard *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_CARD (self), 0);

  return self->client_id;
}

/**
 * kl_client_card_reload:
 *
 * Reads the client, its contacts and its timeline again. Called by itself
 * when a store changes; a client that is gone closes the card (after it
 * was shown once) or shows "Client Not Found".
 */
void
kl_client_card_reload (KlClientCard *self)
{
  g_autoptr(KlEntity) client = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KL_IS_CLIENT_CARD (self));

  g_clear_handle_id (&self->reload_source, g_source_remove);

  client = kl_store_get (kl_session_get_store (self->session, KL_TYPE_CLIENT), self->client_id, &error);
  if (client == NULL)
    {
      if (self->loaded && g_error_matches (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND))
        {
          gtk_window_close (GTK_WINDOW (self));
          return;
        }
      g_debug ("Could not read client %" G_GINT64_FORMAT ": %s", self->client_id, error->message);
      g_clear_object (&self->client);
      gtk_stack_set_visible_child_name (self->content_stack, "missing");
      adw_window_title_set_title (self->window_title, _("Client Not Found"));
      set_actions_enabled (self, FALSE);
      return;
    }

  g_set_object (&self->client, client);
  self->loaded = TRUE;
  fill_header (self);
  fill_contacts (self);
  fill_timeline (self);
  set_actions_enabled (self, TRUE);
  gtk_stack_set_visible_child_name (self->content_stack, "card");
}
