/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-client-editor.h"

#include <stdio.h>

#include "kl-client-ops.h"
#include "kl-editor.h"
#include "kl-entities.h"
#include "kl-format.h"
#include "kl-validation.h"

/* The form for a new client or for changing one: a KlEditor (see
 * kl-editor.c) whose form binds the rows below; the country, the currency,
 * the manager and the next action's calendar are this editor's own. The
 * tax ID is checked by the country as well.
 *
 * Saving looks for probable duplicates first and asks what to do when
 * there are any. */

struct _KlClientEditor
{
  KlEditor           parent_instance;

  KlClient          *client;        /* as opened; NULL for a new client */
  GArray            *manager_ids;   /* gint64 per row of manager_row */
  gboolean           loading;

  /* Template children */
  AdwWindowTitle    *window_title;
  AdwToastOverlay   *toast_overlay;
  GtkWidget         *save_button;
  AdwComboRow       *kind_row;
  AdwEntryRow       *name_row;
  GtkLabel          *name_error;
  AdwEntryRow       *legal_form_row;
  GtkLabel          *legal_form_error;
  AdwEntryRow       *tax_id_row;
  GtkLabel          *tax_id_error;
  AdwEntryRow       *iban_row;
  GtkLabel          *iban_error;
  AdwEntryRow       *bank_name_row;
  GtkLabel          *bank_name_error;
  AdwEntryRow       *kpp_row;
  GtkLabel          *kpp_error;
  AdwEntryRow       *ogrn_row;
  GtkLabel          *ogrn_error;
  AdwEntryRow       *bik_row;
  GtkLabel          *bik_error;
  AdwEntryRow       *bank_account_row;
  GtkLabel          *bank_account_error;
  AdwEntryRow       *corr_account_row;
  GtkLabel          *corr_account_error;
  AdwComboRow       *country_row;
  AdwEntryRow       *country_code_row;
  GtkLabel          *country_code_error;
  AdwEntryRow       *city_row;
  GtkLabel          *city_error;
  AdwEntryRow       *address_row;
  GtkLabel          *address_error;
  AdwEntryRow       *postal_code_row;
  GtkLabel          *postal_code_error;
  AdwEntryRow       *phone_row;
  GtkLabel          *phone_error;
  AdwEntryRow       *email_row;
  GtkLabel          *email_error;
  AdwEntryRow       *website_row;
  GtkLabel          *website_error;
  AdwComboRow       *status_row;
  AdwComboRow       *source_row;
  AdwComboRow       *credit_rating_row;
  GtkLabel          *segment_label;
  AdwComboRow       *manager_row;
  AdwEntryRow       *credit_limit_row;
  GtkLabel          *credit_limit_error;
  AdwComboRow       *currency_row;
  GtkStringList     *currency_model;
  GtkSpinButton     *payment_terms_spin;
  AdwEntryRow       *next_action_row;
  GtkLabel          *next_action_error;
  AdwEntryRow       *next_action_date_row;
  GtkLabel          *next_action_date_error;
  GtkPopover        *next_action_date_popover;
  GtkCalendar       *next_action_date_calendar;
  GtkTextBuffer     *notes_buffer;
};

G_DEFINE_FINAL_TYPE (KlClientEditor, kl_client_editor, KL_TYPE_EDITOR)

enum {
  PROP_0,
  PROP_CLIENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  OPEN_CLIENT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Rows of country_row. */
enum {
  COUNTRY_HR,
  COUNTRY_RU,
  COUNTRY_OTHER,
};

static void show_duplicates (KlClientEditor *self,
                             GPtrArray      *duplicates);

/* Helpers */

static KlForm *
get_form (KlClientEditor *self)
{
  return kl_editor_get_form (KL_EDITOR (self));
}

static KlEntity *
get_working (KlClientEditor *self)
{
  return kl_form_get_entity (get_form (self));
}

/* The tax ID by the country: an OIB for Croatia, an INN for Russia. */
static gboolean
check_tax_id (KlEntity    *client,
              const char  *column,
              gpointer     user_data,
              GError     **error)
{
  return kl_validate_tax_id (kl_client_get_country (KL_CLIENT (client)),
                             kl_client_get_tax_id (KL_CLIENT (client)), error);
}

static void
populate_managers (KlClientEditor *self,
                   KlEntity       *client)
{
  KlSession *session = kl_editor_get_session (KL_EDITOR (self));
  KlStore *store = kl_session_get_store (session, KL_TYPE_MANAGER);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GListModel) managers = NULL;
  g_autoptr(GError) error = NULL;
  gint64 current = kl_client_get_manager_id (KL_CLIENT (client));
  gint64 none = 0;

  g_array_set_size (self->manager_ids, 0);
  gtk_string_list_append (names, C_("no manager", "None"));
  g_array_append_val (self->manager_ids, none);

  managers = kl_store_list_all (store, &error);
  if (managers == NULL)
    g_warning ("Could not list the managers: %s", error->message);

  for (guint i = 0; managers != NULL && i < g_list_model_get_n_items (managers); i++)
    {
      g_autoptr(KlEntity) manager = g_list_model_get_item (managers, i);
      gint64 id = kl_entity_get_id (manager);

      /* Managers who left are offered only to clients they still have. */
      if (!kl_entity_get_number (manager, "active") && id != current)
        continue;
      gtk_string_list_append (names, kl_manager_get_name (KL_MANAGER (manager)));
      g_array_append_val (self->manager_ids, id);
    }

  adw_combo_row_set_model (self->manager_row, G_LIST_MODEL (names));
  for (guint i = 0; i < self->manager_ids->len; i++)
    {
      if (g_array_index (self->manager_ids, gint64, i) == current)
        adw_combo_row_set_selected (self->manager_row, i);
    }
}

/* Puts what the form does not bind into this editor's own widgets. */
static void
load_own_widgets (KlClientEditor *self,
                  KlEntity       *c)
{
  const char *country = kl_client_get_country (KL_CLIENT (c));
  const char *currency = kl_client_get_currency (KL_CLIENT (c));
  const char *segment = kl_entity_get_text (c, "segment");
  const char *next_date = kl_entity_get_text (c, "next_action_date");
  guint n_currencies;
  guint currency_index = GTK_INVALID_LIST_POSITION;

  self->loading = TRUE;

  if (g_strcmp0 (country, "HR") == 0)
    adw_combo_row_set_selected (self->country_row, COUNTRY_HR);
  else if (g_strcmp0 (country, "RU") == 0)
    adw_combo_row_set_selected (self->country_row, COUNTRY_RU);
  else
    adw_combo_row_set_selected (self->country_row, COUNTRY_OTHER);
  gtk_widget_set_visible (GTK_WIDGET (self->country_code_row),
                          adw_combo_row_get_selected (self->country_row) == COUNTRY_OTHER);

  n_currencies = g_list_model_get_n_items (G_LIST_MODEL (self->currency_model));
  for (guint i = 0; currency != NULL && i < n_currencies; i++)
    {
      if (g_str_equal (gtk_string_list_get_string (self->currency_model, i), currency))
        currency_index = i;
    }
  if (currency_index == GTK_INVALID_LIST_POSITION && currency != NULL)
    {
      gtk_string_list_append (self->currency_model, currency);
      currency_index = n_currencies;
    }
  adw_combo_row_set_selected (self->currency_row, currency_index != GTK_INVALID_LIST_POSITION ? currency_index : 0);

  populate_managers (self, c);

  gtk_label_set_label (self->segment_label,
                       segment != NULL ? kl_choice_label (kl_client_segments, segment)
                                       : C_("client segment", "Not computed yet"));

  if (next_date != NULL)
    {
      g_autofree char *iso = NULL;

      if (kl_parse_date (next_date, &iso))
        {
          int year, month, day;

          if (sscanf (iso, "%d-%d-%d", &year, &month, &day) == 3)
            {
              g_autoptr(GDateTime) date_time = g_date_time_new_local (year, month, day, 0, 0, 0);

              gtk_calendar_select_day (self->next_action_date_calendar, date_time);
            }
        }
    }

  self->loading = FALSE;
}

static void
update_title (KlClientEditor *self)
{
  const char *name = kl_client_get_name (KL_CLIENT (get_working (self)));

  adw_window_title_set_title (self->window_title,
                              self->client != NULL ? _("Edit Client") : _("New Client"));
  adw_window_title_set_subtitle (self->window_title, name != NULL ? name : "");
  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));
}

/* Asks whoever opened the editor to show @client_id instead (its card). */
static void
open_client_card (KlClientEditor *self,
                  gint64          client_id)
{
  g_signal_emit (self, signals[OPEN_CLIENT], 0, client_id);
}

static void
save_and_close (KlClientEditor *self)
{
  gint64 id = kl_editor_save_form (KL_EDITOR (self));

  if (id <= 0)
    return;

  kl_editor_emit_saved (KL_EDITOR (self), id);
  kl_editor_finish_later (KL_EDITOR (self));
}

static void
merge_into (KlClientEditor *self,
            gint64          survivor_id)
{
  g_autoptr(GError) error = NULL;
  gint64 this_id;

  /* A new client: nothing is written; the existing one opens instead. */
  if (self->client == NULL)
    {
      open_client_card (self, survivor_id);
      kl_editor_finish_later (KL_EDITOR (self));
      return;
    }

  /* This client's changes first, so that what was typed is merged too. */
  this_id = kl_entity_get_id (KL_ENTITY (self->client));
  if (kl_editor_is_modified (KL_EDITOR (self)) && kl_editor_save_form (KL_EDITOR (self)) <= 0)
    return;

  if (!kl_clients_merge (kl_editor_get_session (KL_EDITOR (self)), survivor_id, this_id, &error))
    {
      g_debug ("Could not merge client %" G_GINT64_FORMAT " into %" G_GINT64_FORMAT ": %s",
               this_id, survivor_id, error->message);
      kl_editor_show_save_error (KL_EDITOR (self), error);
      return;
    }

  kl_editor_emit_saved (KL_EDITOR (self), survivor_id);
  open_client_card (self, survivor_id);
  kl_editor_finish_later (KL_EDITOR (self));
}

/* Callbacks */

static void
on_duplicates_dialog_response_cb (KlClientEditor   *self,
                                  const char       *response,
                                  AdwMessageDialog *dialog)
{
  gint64 match_id = *(gint64 *)g_object_get_data (G_OBJECT (dialog), "match-id");

  if (g_str_equal (response, "save"))
    save_and_close (self);
  else if (g_str_equal (response, "merge"))
    merge_into (self, match_id);
}

static void
show_duplicates (KlClientEditor *self,
                 GPtrArray      *duplicates)
{
  const KlDuplicate *first = g_ptr_array_index (duplicates, 0);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GHashTable) clients = g_hash_table_new (g_int64_hash, g_int64_equal);
  AdwMessageDialog *dialog;
  guint n_clients;

  for (guint i = 0; i < duplicates->len; i++)
    {
      KlDuplicate *duplicate = g_ptr_array_index (duplicates, i);

      g_hash_table_add (clients, &duplicate->client_id);
    }
  n_clients = g_hash_table_size (clients);

  g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                             "%u client on the list may be the same as this one:",
                                             "%u clients on the list may be the same as this one:",
                                             n_clients),
                          n_clients);
  g_string_append_c (body, '\n');
  for (guint i = 0; i < duplicates->len; i++)
    {
      const KlDuplicate *duplicate = g_ptr_array_index (duplicates, i);

      g_string_append_printf (body, "\n• %s", duplicate->description);
    }
  g_string_append (body, "\n\n");
  if (self->client == NULL)
    /* TRANSLATORS: %s is the name of the client that is already on the list */
    g_string_append_printf (body, _("“Open Existing” saves nothing and opens “%s” instead."),
                            first->client_name);
  else
    /* TRANSLATORS: %s is the name of the client that is already on the list */
    g_string_append_printf (body, _("“Merge” moves this client’s contacts, deals and history "
                                    "into “%s” and deletes this one."),
                            first->client_name);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Possible Duplicate"),
                                                       body->str));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "merge", self->client == NULL ? _("_Open Existing") : _("_Merge"),
                                    "save", _("Save _Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "match-id",
                          g_memdup2 (&first->client_id, sizeof first->client_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_duplicates_dialog_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The rows the form does not bind: the country, the currency, the manager. */
static void
on_combo_row_selected_cb (KlClientEditor *self,
                          GParamSpec     *pspec,
                          AdwComboRow    *row)
{
  KlForm *form = get_form (self);
  guint selected;

  if (self->loading || kl_form_get_entity (form) == NULL)
    return;

  selected = adw_combo_row_get_selected (row);

  if (row == self->country_row)
    {
      gboolean other = selected == COUNTRY_OTHER;

      gtk_widget_set_visible (GTK_WIDGET (self->country_code_row), other);
      if (selected == COUNTRY_HR)
        kl_form_set_text (form, "country", "HR");
      else if (selected == COUNTRY_RU)
        kl_form_set_text (form, "country", "RU");
      else
        {
          const char *code = gtk_editable_get_text (GTK_EDITABLE (self->country_code_row));

          kl_form_set_text (form, "country", code[0] != '\0' ? code : NULL);
        }
    }
  else if (row == self->currency_row)
    {
      if (selected != GTK_INVALID_LIST_POSITION)
        kl_form_set_text (form, "currency", gtk_string_list_get_string (self->currency_model, selected));
    }
  else if (row == self->manager_row)
    {
      if (selected != GTK_INVALID_LIST_POSITION && selected < self->manager_ids->len)
        kl_form_set_number (form, "manager_id", g_array_index (self->manager_ids, gint64, selected));
    }
}

static void
on_calendar_day_selected_cb (KlClientEditor *self,
                             GtkCalendar    *calendar)
{
  g_autoptr(GDateTime) date_time = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date_time, "%x");

  gtk_editable_set_text (GTK_EDITABLE (self->next_action_date_row), text);
  gtk_popover_popdown (self->next_action_date_popover);
}

/* Overrides */

static void
kl_client_editor_save (KlEditor *editor)
{
  KlClientEditor *self = KL_CLIENT_EDITOR (editor);
  g_autoptr(GPtrArray) duplicates = NULL;
  g_autoptr(GError) error = NULL;

  duplicates = kl_clients_find_duplicates (kl_editor_get_session (editor),
                                           KL_CLIENT (get_working (self)), &error);
  if (duplicates == NULL)
    {
      kl_editor_show_save_error (editor, error);
      return;
    }
  if (duplicates->len > 0)
    {
      show_duplicates (self, duplicates);
      return;
    }

  save_and_close (self);
}

static void
kl_client_editor_constructed (GObject *object)
{
  KlClientEditor *self = KL_CLIENT_EDITOR (object);
  KlForm *form = get_form (self);
  g_autoptr(KlEntity) client = NULL;
  const char *country;

  G_OBJECT_CLASS (kl_client_editor_parent_class)->constructed (object);

  if (self->client != NULL)
    client = g_object_ref (KL_ENTITY (self->client));
  else
    client = kl_session_new_entity (kl_editor_get_session (KL_EDITOR (self)), KL_TYPE_CLIENT);

  load_own_widgets (self, client);
  kl_form_open (form, client);

  /* The country code row shows only a country not on the short list. */
  country = kl_client_get_country (KL_CLIENT (client));
  if (g_strcmp0 (country, "HR") == 0 || g_strcmp0 (country, "RU") == 0)
    kl_form_show_text (form, GTK_EDITABLE (self->country_code_row), "");

  update_title (self);
}

static void
kl_client_editor_dispose (GObject *object)
{
  KlClientEditor *self = KL_CLIENT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_CLIENT_EDITOR);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (kl_client_editor_parent_class)->dispose (object);
}

static void
kl_client_editor_finalize (GObject *object)
{
  KlClientEditor *self = KL_CLIENT_EDITOR (object);

  g_clear_pointer (&self->manager_ids, g_array_unref);

  G_OBJECT_CLASS (kl_client_editor_parent_class)->finalize (object);
}

static void
kl_client_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KlClientEditor *self = KL_CLIENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_client_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KlClientEditor *self = KL_CLIENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_client_editor_class_init (KlClientEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlEditorClass *editor_class = KL_EDITOR_CLASS (klass);

  object_class->constructed = kl_client_editor_constructed;
  object_class->dispose = kl_client_editor_dispose;
  object_class->finalize = kl_client_editor_finalize;
  object_class->get_property = kl_client_editor_get_property;
  object_class->set_property = kl_client_editor_set_property;

  editor_class->discard_body = N_("The changes made to this client will be lost.");
  editor_class->save = kl_client_editor_save;

  /**
   * KlClientEditor:client:
   *
   * The client being changed, as it was read; %NULL for a new client.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         KL_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KlClientEditor::open-client:
   * @id: the client to show
   *
   * The user chose to go to a client already on the list (a probable
   * duplicate) rather than save this one: its card should open. The
   * editor closes by itself.
   */
  signals[OPEN_CLIENT] =
    g_signal_new ("open-client",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/clients/kl-client-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, name_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, legal_form_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, legal_form_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, tax_id_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, tax_id_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, iban_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, iban_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, bank_name_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, bank_name_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, kpp_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, kpp_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, ogrn_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, ogrn_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, bik_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, bik_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, bank_account_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, bank_account_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, corr_account_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, corr_account_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, country_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, country_code_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, country_code_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, city_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, city_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, address_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, postal_code_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, postal_code_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, phone_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, email_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, website_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, website_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, source_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, credit_rating_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, segment_label);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, manager_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, credit_limit_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, credit_limit_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, currency_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, currency_model);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, payment_terms_spin);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, next_action_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, next_action_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, next_action_date_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, next_action_date_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, next_action_date_popover);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, next_action_date_calendar);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, notes_buffer);
  gtk_widget_class_bind_template_callback (widget_class, on_combo_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
}

static void
kl_client_editor_init (KlClientEditor *self)
{
  KlForm *form = get_form (self);

  self->manager_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));
  kl_editor_set_toast_overlay (KL_EDITOR (self), self->toast_overlay);

#define BIND_ENTRY(column, kind) \
  kl_form_bind_entry (form, #column, kind, GTK_EDITABLE (self->column##_row), self->column##_error)
  kl_form_bind_choice (form, "kind", self->kind_row);
  BIND_ENTRY (name, KL_FORM_TEXT);
  BIND_ENTRY (legal_form, KL_FORM_TEXT);
  BIND_ENTRY (tax_id, KL_FORM_TEXT);
  /* The "country" column when "Other country" is chosen. */
  kl_form_bind_entry (form, "country", KL_FORM_TEXT,
                      GTK_EDITABLE (self->country_code_row), self->country_code_error);
  BIND_ENTRY (city, KL_FORM_TEXT);
  BIND_ENTRY (address, KL_FORM_TEXT);
  BIND_ENTRY (postal_code, KL_FORM_TEXT);
  BIND_ENTRY (phone, KL_FORM_TEXT);
  BIND_ENTRY (email, KL_FORM_TEXT);
  BIND_ENTRY (website, KL_FORM_TEXT);
  BIND_ENTRY (iban, KL_FORM_TEXT);
  BIND_ENTRY (bank_name, KL_FORM_TEXT);
  BIND_ENTRY (kpp, KL_FORM_TEXT);
  BIND_ENTRY (ogrn, KL_FORM_TEXT);
  BIND_ENTRY (bik, KL_FORM_TEXT);
  BIND_ENTRY (bank_account, KL_FORM_TEXT);
  BIND_ENTRY (corr_account, KL_FORM_TEXT);
  kl_form_bind_choice (form, "status", self->status_row);
  kl_form_bind_choice (form, "source", self->source_row);
  kl_form_bind_choice (form, "credit_rating", self->credit_rating_row);
  BIND_ENTRY (credit_limit, KL_FORM_MONEY);
  kl_form_bind_spin_button (form, "payment_terms_days", self->payment_terms_spin);
  BIND_ENTRY (next_action, KL_FORM_TEXT);
  BIND_ENTRY (next_action_date, KL_FORM_DATE);
  kl_form_bind_text_buffer (form, "notes", self->notes_buffer);
#undef BIND_ENTRY

  kl_form_add_check (form, "tax_id", check_tax_id, NULL);
  g_signal_connect_object (form, "changed::name", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
}

/**
 * kl_client_editor_new:
 * @session: the open database
 * @client: (nullable): the client to change, or %NULL for a new one
 *
 * Returns: (transfer floating): a form to be presented, transient for a
 *   window of the caller's.
 */
KlClientEditor *
kl_client_editor_new (KlSession *session,
                      KlClient  *client)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (client == NULL || KL_IS_CLIENT (client), NULL);

  return g_object_new (KL_TYPE_CLIENT_EDITOR,
                       "session", session,
                       "client", client,
                       NULL);
}

KlSession *
kl_client_editor_get_session (KlClientEditor *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_EDITOR (self), NULL);

  return kl_editor_get_session (KL_EDITOR (self));
}

/* The client as it was opened; NULL for a new one. */
KlClient *
kl_client_editor_get_client (KlClientEditor *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_EDITOR (self), NULL);

  return self->client;
}

gboolean
kl_client_editor_is_valid (KlClientEditor *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_EDITOR (self), FALSE);

  return kl_editor_is_valid (KL_EDITOR (self));
}

gboolean
kl_client_editor_is_modified (KlClientEditor *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_EDITOR (self), FALSE);

  return kl_editor_is_modified (KL_EDITOR (self));
}
