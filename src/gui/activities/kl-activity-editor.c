/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-activity-editor.h"

#include "kl-client-list.h"
#include "kl-form.h"
#include "kl-format.h"
#include "kl-id-combo.h"
#include "kl-list-menu.h"
#include "kl-validation.h"

/* Plans or logs one activity: a modal window with the activity's fields,
 * each checked as it is typed with the reason beside it. Save is enabled
 * only while everything is valid; closing with unsaved changes asks first.
 *
 * The client is picked by typing: a popover under the entry lists the
 * matches from KlClientList (a lazy SQL list, so it stays quick on a large
 * base). Choosing a client fills the contact and deal dropdowns with that
 * client's contacts and deals. */

#define SUBJECT_MAX_CHARS 500

struct _KlActivityEditor
{
  AdwWindow            parent_instance;

  KlSession           *session;
  KlActivity          *activity;     /* what is edited; id 0 for a new one */
  KlEntity            *initial;      /* the fields as first shown, for "modified" */

  GDateTime           *date;         /* the chosen day (local midnight) */
  gint64               client_id;
  char                *client_name;  /* the chosen client's name as shown */
  KlClientList        *clients;      /* the picker's list, made when first needed */
  GtkSingleSelection  *client_selection;

  guint                loading : 1;
  guint                subject_touched : 1;
  guint                valid : 1;
  guint                saved : 1;
  guint                discard : 1;

  /* Template children */
  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  GtkLabel            *error_label;
  AdwComboRow         *kind_row;
  AdwEntryRow         *subject_row;
  GtkLabel            *subject_error_label;
  GtkMenuButton       *date_button;
  GtkPopover          *date_popover;
  GtkCalendar         *calendar;
  GtkSpinButton       *hour_spin;
  GtkSpinButton       *minute_spin;
  GtkSpinButton       *duration_spin;
  AdwComboRow         *status_row;
  GtkSearchEntry      *client_entry;
  GtkPopover          *client_popover;
  GtkListView         *client_list_view;
  AdwComboRow         *contact_row;
  AdwComboRow         *deal_row;
  GtkLabel            *client_error_label;
  AdwEntryRow         *outcome_row;
  AdwActionRow        *referral_row;
  GtkSwitch           *referral_switch;
  GtkTextView         *notes_view;
};

G_DEFINE_FINAL_TYPE (KlActivityEditor, kl_activity_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_ACTIVITY,
  PROP_VALID,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Helpers */

static char *
format_date (GDateTime *date)
{
  g_autofree char *iso = g_date_time_format (date, "%Y-%m-%d");

  return kl_format_date (iso);
}

static guint
choice_index (const char * const *choices,
              const char         *value)
{
  for (guint i = 0; choices[i] != NULL; i++)
    if (g_strcmp0 (choices[i], value) == 0)
      return i;

  return 0;
}

static GtkStringList *
choice_labels (const char * const *choices)
{
  GtkStringList *labels = gtk_string_list_new (NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    gtk_string_list_append (labels, kl_choice_label (choices, choices[i]));

  return labels;
}

/* Whether the kind chosen asks for referrals: calls and meetings (the
 * model clears the mark of any other kind, and the KPIs count only
 * theirs). */
static gboolean
kind_takes_referral (KlActivityEditor *self)
{
  guint kind = adw_combo_row_get_selected (self->kind_row);

  if (kind >= g_strv_length ((char **)kl_activity_kinds))
    return FALSE;
  return g_str_equal (kl_activity_kinds[kind], "call") || g_str_equal (kl_activity_kinds[kind], "meeting");
}

static char *
strip_dup (const char *text)
{
  char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (copy[0] == '\0')
    g_clear_pointer (&copy, g_free);

  return copy;
}

static char *
notes_text (KlActivityEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  char *text;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

static char *
deal_title (KlEntity *deal)
{
  return g_strdup (kl_entity_get_text (deal, "title"));
}

/* Fills @row (kl_id_combo) with "None" and then every record of @type
 * that belongs to the client, named by @name. */
static void
fill_client_rows (KlActivityEditor  *self,
                  AdwComboRow       *row,
                  GType              type,
                  KlIdComboNameFunc  name)
{
  g_autoptr(GListModel) rows = NULL;

  if (self->client_id > 0)
    {
      g_autoptr(GError) error = NULL;

      rows = kl_store_list_by (kl_session_get_store (self->session, type), "client_id", self->client_id, &error);
      if (rows == NULL)
        g_warning ("Could not list the client's %s: %s", g_type_name (type), error->message);
    }

  kl_id_combo_fill (row, rows, C_("no contact or deal", "None"), name);
  adw_combo_row_set_selected (row, 0);
  gtk_widget_set_sensitive (GTK_WIDGET (row), rows != NULL && g_list_model_get_n_items (rows) > 0);
}

static void
fill_contacts_and_deals (KlActivityEditor *self)
{
  fill_client_rows (self, self->contact_row, KL_TYPE_CONTACT, NULL);
  fill_client_rows (self, self->deal_row, KL_TYPE_DEAL, deal_title);
}

static void
set_entry_text_quietly (KlActivityEditor *self,
                        const char       *text)
{
  gboolean loading = self->loading;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->client_entry), text != NULL ? text : "");
  gtk_editable_set_position (GTK_EDITABLE (self->client_entry), -1);
  self->loading = loading;
}

/* Makes @client_id the chosen client (0: none) and refills the dropdowns. */
static void
set_client (KlActivityEditor *self,
            gint64            client_id,
            const char       *name)
{
  g_autofree char *loaded_name = NULL;

  if (client_id > 0 && name == NULL)
    {
      KlStore *store = kl_session_get_store (self->session, KL_TYPE_CLIENT);
      g_autoptr(GError) error = NULL;
      g_autoptr(KlEntity) client = kl_store_get (store, client_id, &error);

      if (client == NULL)
        {
          g_debug ("Client %" G_GINT64_FORMAT " is gone: %s", client_id, error->message);
          client_id = 0;
        }
      else
        name = loaded_name = g_strdup (kl_entity_get_text (client, "name"));
    }

  self->client_id = client_id;
  g_free (self->client_name);
  self->client_name = client_id > 0 ? g_strdup (name != NULL ? name : "") : NULL;
  set_entry_text_quietly (self, self->client_name);
  fill_contacts_and_deals (self);
}

static void
set_date_time (KlActivityEditor *self,
               GDateTime        *date_time)
{
  g_autofree char *label = NULL;

  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = g_date_time_new_local (g_date_time_get_year (date_time),
                                      g_date_time_get_month (date_time),
                                      g_date_time_get_day_of_month (date_time),
                                      0, 0, 0);
  gtk_calendar_select_day (self->calendar, self->date);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (date_time));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (date_time));

  label = format_date (self->date);
  gtk_menu_button_set_label (self->date_button, label);
}

/* "YYYY-MM-DDTHH:MM[:SS]" (or with a space) as a local time, or NULL. */
static GDateTime *
parse_starts_at (const char *text)
{
  if (text == NULL || !kl_validate_datetime (text, NULL))
    return NULL;

  return g_date_time_new_local (g_ascii_strtoll (text, NULL, 10),
                                g_ascii_strtoll (text + 5, NULL, 10),
                                g_ascii_strtoll (text + 8, NULL, 10),
                                g_ascii_strtoll (text + 11, NULL, 10),
                                g_ascii_strtoll (text + 14, NULL, 10),
                                0);
}

static char *
starts_at (KlActivityEditor *self)
{
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:00",
                          g_date_time_get_year (self->date),
                          g_date_time_get_month (self->date),
                          g_date_time_get_day_of_month (self->date),
                          gtk_spin_button_get_value_as_int (self->hour_spin),
                          gtk_spin_button_get_value_as_int (self->minute_spin));
}

/* The activity as the widgets show it: a copy of the edited one with the
 * typed values (text stripped, blank text as NULL). */
static KlEntity *
build_activity (KlActivityEditor *self)
{
  KlEntity *activity = kl_entity_copy (KL_ENTITY (self->activity));
  guint kind = adw_combo_row_get_selected (self->kind_row);
  guint status = adw_combo_row_get_selected (self->status_row);
  g_autofree char *subject = strip_dup (gtk_editable_get_text (GTK_EDITABLE (self->subject_row)));
  g_autofree char *outcome = strip_dup (gtk_editable_get_text (GTK_EDITABLE (self->outcome_row)));
  g_autofree char *notes = notes_text (self);
  g_autofree char *when = starts_at (self);

  if (kind < g_strv_length ((char **)kl_activity_kinds))
    kl_entity_set_text (activity, "kind", kl_activity_kinds[kind]);
  if (status < g_strv_length ((char **)kl_activity_statuses))
    kl_entity_set_text (activity, "status", kl_activity_statuses[status]);
  kl_entity_set_text (activity, "subject", subject);
  kl_entity_set_text (activity, "starts_at", when);
  kl_entity_set_number (activity, "duration_minutes",
                        gtk_spin_button_get_value_as_int (self->duration_spin));
  kl_entity_set_number (activity, "client_id", self->client_id);
  kl_entity_set_number (activity, "contact_id", kl_id_combo_get (self->contact_row));
  kl_entity_set_number (activity, "deal_id", kl_id_combo_get (self->deal_row));
  kl_entity_set_text (activity, "outcome", outcome);
  kl_entity_set_number (activity, "referral_asked",
                        kind_takes_referral (self) && gtk_switch_get_active (self->referral_switch));
  kl_entity_set_text (activity, "notes", notes);

  return activity;
}

static gboolean
entities_equal (KlEntity *a,
                KlEntity *b)
{
  KlEntityClass *klass = KL_ENTITY_GET_CLASS (a);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      if (klass->fields[i].flags & (KL_FIELD_DERIVED | KL_FIELD_COMPUTED))
        continue;
      if (!kl_entity_value_equal (a, b, i))
        return FALSE;
    }

  return TRUE;
}

static void
show_reason (GtkLabel    *label,
             GtkWidget   *field,
             const GError *error)
{
  gtk_widget_set_visible (GTK_WIDGET (label), error != NULL);
  gtk_label_set_label (label, error != NULL ? error->message : "");
  if (error != NULL)
    gtk_widget_add_css_class (field, "error");
  else
    gtk_widget_remove_css_class (field, "error");
}

/* Checks every field, shows the reasons beside them and enables Save. */
static void
validate (KlActivityEditor *self)
{
  const char *subject = gtk_editable_get_text (GTK_EDITABLE (self->subject_row));
  const char *client_text = gtk_editable_get_text (GTK_EDITABLE (self->client_entry));
  g_autoptr(GError) subject_error = NULL;
  g_autoptr(GError) client_error = NULL;
  g_autofree char *stripped = strip_dup (subject);
  gboolean valid;
  gboolean was_valid = self->valid;

  if (!kl_validate_required (stripped, NULL))
    g_set_error_literal (&subject_error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED,
                         _("Enter a subject."));
  else
    kl_validate_length (stripped, SUBJECT_MAX_CHARS, &subject_error);

  /* Typed but not chosen from the list. */
  if (self->client_id == 0 && kl_validate_required (client_text, NULL))
    g_set_error_literal (&client_error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID,
                         _("Choose a client from the list, or clear the field."));

  /* A new, untouched form does not start out red; Save is off all the same. */
  show_reason (self->subject_error_label, GTK_WIDGET (self->subject_row),
               self->subject_touched ? subject_error : NULL);
  /* While the matches are offered, picking one is under way. */
  show_reason (self->client_error_label, GTK_WIDGET (self->client_entry),
               gtk_widget_get_visible (GTK_WIDGET (self->client_popover)) ? NULL : client_error);

  /* Only a call or a meeting asks for a referral. */
  gtk_widget_set_visible (GTK_WIDGET (self->referral_row), kind_takes_referral (self));

  valid = subject_error == NULL && client_error == NULL;
  self->valid = valid;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", valid);
  if (valid != was_valid)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
}

static void
load_activity (KlActivityEditor *self)
{
  KlEntity *activity = KL_ENTITY (self->activity);
  const char *kind = kl_entity_get_text (activity, "kind");
  const char *status = kl_entity_get_text (activity, "status");
  const char *notes = kl_entity_get_text (activity, "notes");
  gint64 contact_id = kl_entity_get_number (activity, "contact_id");
  gint64 deal_id = kl_entity_get_number (activity, "deal_id");
  g_autoptr(GDateTime) when = parse_starts_at (kl_entity_get_text (activity, "starts_at"));

  self->loading = TRUE;

  if (when == NULL)
    {
      /* A new activity: the next full hour. */
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) hour = g_date_time_new_local (g_date_time_get_year (now),
                                                         g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now),
                                                         g_date_time_get_hour (now), 0, 0);

      when = g_date_time_add_hours (hour, 1);
    }

  adw_combo_row_set_selected (self->kind_row, choice_index (kl_activity_kinds, kind));
  adw_combo_row_set_selected (self->status_row, choice_index (kl_activity_statuses, status));
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row),
                         kl_entity_get_text (activity, "subject") ?: "");
  set_date_time (self, when);
  gtk_spin_button_set_value (self->duration_spin, kl_entity_get_number (activity, "duration_minutes"));
  set_client (self, kl_entity_get_number (activity, "client_id"), NULL);
  kl_id_combo_select (self->contact_row, contact_id);
  kl_id_combo_select (self->deal_row, deal_id);
  gtk_editable_set_text (GTK_EDITABLE (self->outcome_row),
                         kl_entity_get_text (activity, "outcome") ?: "");
  gtk_switch_set_active (self->referral_switch, kl_entity_get_number (activity, "referral_asked") != 0);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), notes ?: "", -1);

  adw_window_title_set_title (self->window_title,
                              kl_entity_get_id (activity) > 0 ? _("Edit Activity") : _("New Activity"));
  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));

  self->loading = FALSE;

  self->subject_touched = kl_entity_get_id (activity) > 0;
  g_clear_object (&self->initial);
  self->initial = build_activity (self);
  validate (self);
}

static void
ensure_client_list (KlActivityEditor *self)
{
  if (self->clients != NULL)
    return;

  self->clients = kl_client_list_new (self->session);
  self->client_selection = g_object_new (GTK_TYPE_SINGLE_SELECTION,
                                         "autoselect", TRUE,
                                         "model", self->clients,
                                         NULL);
  gtk_list_view_set_model (self->client_list_view, GTK_SELECTION_MODEL (self->client_selection));
}

static void
choose_client_at (KlActivityEditor *self,
                  guint             position)
{
  g_autoptr(KlEntity) client = NULL;

  if (self->clients == NULL)
    return;

  client = g_list_model_get_item (G_LIST_MODEL (self->clients), position);
  if (client == NULL)
    return;

  gtk_popover_popdown (self->client_popover);
  set_client (self, kl_entity_get_id (client), kl_entity_get_text (client, "name"));
  validate (self);
}

static void
save (KlActivityEditor *self)
{
  KlStore *store = kl_session_get_store (self->session, KL_TYPE_ACTIVITY);
  g_autoptr(KlEntity) activity = build_activity (self);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (kl_entity_get_id (activity) > 0)
    ok = kl_store_update (store, activity, &error);
  else
    ok = kl_store_insert (store, activity, &error);

  if (!ok)
    {
      g_autofree char *message = g_strdup_printf (_("Could not save the activity: %s"), error->message);

      g_debug ("%s", message);
      gtk_label_set_label (self->error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_set_object (&self->activity, KL_ACTIVITY (activity));
  self->saved = TRUE;
  g_signal_emit (self, signals[SAVED], 0, self->activity);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* Callbacks */

static void
on_field_changed_cb (KlActivityEditor *self)
{
  if (self->loading)
    return;

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  validate (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
on_subject_row_changed_cb (KlActivityEditor *self,
                           AdwEntryRow      *row)
{
  if (self->loading)
    return;

  self->subject_touched = TRUE;
  on_field_changed_cb (self);
}

static gboolean
on_time_spin_output_cb (KlActivityEditor *self,
                        GtkSpinButton    *spin)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

static void
on_calendar_day_selected_cb (KlActivityEditor *self,
                             GtkCalendar      *calendar)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);
  g_autofree char *label = NULL;

  if (self->date != NULL && g_date_time_equal (day, self->date))
    return;

  g_clear_pointer (&self->date, g_date_time_unref);
  self->date = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                      g_date_time_get_day_of_month (day), 0, 0, 0);
  label = format_date (self->date);
  gtk_menu_button_set_label (self->date_button, label);

  if (!self->loading)
    gtk_popover_popdown (self->date_popover);
  on_field_changed_cb (self);
}

static void
on_client_entry_changed_cb (KlActivityEditor *self,
                            GtkSearchEntry   *entry)
{
  if (self->loading)
    return;

  /* Any edit lets go of the chosen client until one is chosen again. */
  if (self->client_id > 0 &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (entry)), self->client_name) != 0)
    {
      self->client_id = 0;
      g_clear_pointer (&self->client_name, g_free);
      fill_contacts_and_deals (self);
    }

  on_field_changed_cb (self);
}

static void
on_client_entry_search_changed_cb (KlActivityEditor *self,
                                   GtkSearchEntry   *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (self->loading || self->client_id > 0)
    return;

  if (!kl_validate_required (text, NULL))
    {
      gtk_popover_popdown (self->client_popover);
      return;
    }

  ensure_client_list (self);
  kl_client_list_set_search (self->clients, text);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->clients)) == 0)
    {
      gtk_popover_popdown (self->client_popover);
      return;
    }

  gtk_single_selection_set_selected (self->client_selection, 0);
  gtk_widget_set_size_request (gtk_popover_get_child (self->client_popover),
                               MAX (gtk_widget_get_width (GTK_WIDGET (entry)), 280), -1);
  gtk_popover_popup (self->client_popover);
  validate (self);
}

static void
on_client_entry_stop_search_cb (KlActivityEditor *self,
                                GtkSearchEntry   *entry)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->client_popover)))
    gtk_popover_popdown (self->client_popover);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
on_client_entry_activate_cb (KlActivityEditor *self,
                             GtkSearchEntry   *entry)
{
  if (self->client_selection == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->client_popover)))
    return;

  choose_client_at (self, gtk_single_selection_get_selected (self->client_selection));
}

static void
on_client_list_view_activate_cb (KlActivityEditor *self,
                                 guint             position,
                                 GtkListView      *list_view)
{
  choose_client_at (self, position);
}

static gboolean
on_client_entry_key_pressed_cb (KlActivityEditor      *self,
                                guint                  keyval,
                                guint                  keycode,
                                GdkModifierType        state,
                                GtkEventControllerKey *controller)
{
  guint selected, n_items;

  if (self->client_selection == NULL || !gtk_widget_get_visible (GTK_WIDGET (self->client_popover)))
    return GDK_EVENT_PROPAGATE;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down &&
      keyval != GDK_KEY_Up && keyval != GDK_KEY_KP_Up)
    return GDK_EVENT_PROPAGATE;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->client_selection));
  selected = gtk_single_selection_get_selected (self->client_selection);
  if (n_items == 0)
    return GDK_EVENT_STOP;

  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    selected = selected == GTK_INVALID_LIST_POSITION ? 0 : MIN (selected + 1, n_items - 1);
  else
    selected = selected == GTK_INVALID_LIST_POSITION || selected == 0 ? 0 : selected - 1;

  gtk_single_selection_set_selected (self->client_selection, selected);
  gtk_widget_activate_action (GTK_WIDGET (self->client_list_view), "list.scroll-to-item", "u", selected);

  return GDK_EVENT_STOP;
}

static void
on_focus_widget_changed_cb (KlActivityEditor *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  /* Focus went elsewhere in the window: the picker closes. */
  if (focus != NULL && !gtk_widget_is_ancestor (focus, GTK_WIDGET (self->client_entry)) &&
      focus != GTK_WIDGET (self->client_entry))
    gtk_popover_popdown (self->client_popover);
}

static gboolean
close_idle_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));

  return G_SOURCE_REMOVE;
}

static void
on_discard_response_cb (KlActivityEditor *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;

  /* Close once the question is gone: it is transient for this window. */
  self->discard = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KlActivityEditor *self = KL_ACTIVITY_EDITOR (widget);

  self->subject_touched = TRUE;
  validate (self);
  if (self->valid)
    save (self);
}

/* Overrides */

static gboolean
kl_activity_editor_close_request (GtkWindow *window)
{
  KlActivityEditor *self = KL_ACTIVITY_EDITOR (window);

  if (self->saved || self->discard || !kl_activity_editor_get_modified (self))
    return GTK_WINDOW_CLASS (kl_activity_editor_parent_class)->close_request (window);

  kl_form_ask_discard (window, _("The activity has unsaved changes."),
                       _("_Keep Editing"), G_CALLBACK (on_discard_response_cb), self);

  return TRUE;
}

static void
kl_activity_editor_constructed (GObject *object)
{
  KlActivityEditor *self = KL_ACTIVITY_EDITOR (object);

  G_OBJECT_CLASS (kl_activity_editor_parent_class)->constructed (object);

  g_assert (KL_IS_SESSION (self->session));

  if (self->activity == NULL)
    self->activity = g_object_new (KL_TYPE_ACTIVITY, NULL);
  else
    {
      /* Edit what the database holds now, not a list's older copy. */
      gint64 id = kl_entity_get_id (KL_ENTITY (self->activity));
      KlStore *store = kl_session_get_store (self->session, KL_TYPE_ACTIVITY);
      g_autoptr(KlEntity) fresh = id > 0 ? kl_store_get (store, id, NULL) : NULL;

      if (fresh != NULL)
        g_set_object (&self->activity, KL_ACTIVITY (fresh));
      else
        {
          KlEntity *copy = kl_entity_copy (KL_ENTITY (self->activity));

          g_set_object (&self->activity, KL_ACTIVITY (copy));
          g_object_unref (copy);
        }
    }

  load_activity (self);
}

static void
kl_activity_editor_dispose (GObject *object)
{
  KlActivityEditor *self = KL_ACTIVITY_EDITOR (object);

  if (self->client_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->client_popover));
  if (self->client_list_view != NULL)
    gtk_list_view_set_model (self->client_list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_ACTIVITY_EDITOR);
  self->client_popover = NULL;
  g_clear_object (&self->client_selection);
  g_clear_object (&self->clients);
  g_clear_object (&self->initial);
  g_clear_object (&self->activity);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (kl_activity_editor_parent_class)->dispose (object);
}

static void
kl_activity_editor_finalize (GObject *object)
{
  KlActivityEditor *self = KL_ACTIVITY_EDITOR (object);

  g_clear_pointer (&self->date, g_date_time_unref);
  g_free (self->client_name);

  G_OBJECT_CLASS (kl_activity_editor_parent_class)->finalize (object);
}

static void
kl_activity_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KlActivityEditor *self = KL_ACTIVITY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_ACTIVITY:
      g_value_set_object (value, self->activity);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, kl_activity_editor_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_activity_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KlActivityEditor *self = KL_ACTIVITY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_ACTIVITY:
      self->activity = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_activity_editor_class_init (KlActivityEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = kl_activity_editor_constructed;
  object_class->dispose = kl_activity_editor_dispose;
  object_class->finalize = kl_activity_editor_finalize;
  object_class->get_property = kl_activity_editor_get_property;
  object_class->set_property = kl_activity_editor_set_property;

  window_class->close_request = kl_activity_editor_close_request;

  /**
   * KlActivityEditor:session:
   *
   * The database the activity is saved to.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         KL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KlActivityEditor:activity:
   *
   * The activity edited (NULL on construction: a new one); after saving,
   * the saved activity with its id.
   */
  properties[PROP_ACTIVITY] =
    g_param_spec_object ("activity", NULL, NULL,
                         KL_TYPE_ACTIVITY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KlActivityEditor:valid:
   *
   * Whether every field holds an acceptable value (Save is enabled).
   */
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KlActivityEditor:modified:
   *
   * Whether the fields differ from what was loaded.
   */
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KlActivityEditor::saved:
   * @activity: the activity as written, with its id
   *
   * Emitted after the activity was written, just before the window closes.
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, KL_TYPE_ACTIVITY);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);

  g_type_ensure (KL_TYPE_CLIENT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/activities/kl-activity-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, subject_row);
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, subject_error_label);
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, date_button);
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, date_popover);
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, duration_spin);
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, client_entry);
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, client_popover);
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, client_list_view);
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, contact_row);
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, deal_row);
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, client_error_label);
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, referral_row);
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, referral_switch);
  gtk_widget_class_bind_template_child (widget_class, KlActivityEditor, notes_view);
  gtk_widget_class_bind_template_callback_full (widget_class, "text_or_empty", G_CALLBACK (kl_text_or_empty));
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_subject_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_time_spin_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_client_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_client_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_client_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_client_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_client_list_view_activate_cb);
}

static void
kl_activity_editor_init (KlActivityEditor *self)
{
  g_autoptr(GtkStringList) kinds = choice_labels (kl_activity_kinds);
  g_autoptr(GtkStringList) statuses = choice_labels (kl_activity_statuses);
  GtkEventController *keys;

  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));

  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (statuses));

  gtk_widget_set_parent (GTK_WIDGET (self->client_popover), GTK_WIDGET (self->client_entry));
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (on_client_entry_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->client_entry), keys);
  g_signal_connect_object (self->client_popover, "closed", G_CALLBACK (validate), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::focus-widget", G_CALLBACK (on_focus_widget_changed_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
  self->loading = FALSE;
}

/* Public API */

/**
 * kl_activity_editor_new:
 * @activity: (nullable): the activity to edit, or NULL to plan a new one
 */
KlActivityEditor *
kl_activity_editor_new (KlSession  *session,
                        KlActivity *activity)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (activity == NULL || KL_IS_ACTIVITY (activity), NULL);

  return g_object_new (KL_TYPE_ACTIVITY_EDITOR,
                       "session", session,
                       "activity", activity,
                       NULL);
}

/**
 * kl_activity_editor_new_for_client:
 * @client_id: the client the activity is with, or 0
 * @kind: (nullable): one of kl_activity_kinds ("call", "meeting"…)
 *
 * A new activity with the client (and kind) already chosen: "log a call
 * for this client" from the client card.
 */
KlActivityEditor *
kl_activity_editor_new_for_client (KlSession  *session,
                                   gint64      client_id,
                                   const char *kind)
{
  g_autoptr(KlEntity) activity = NULL;

  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (client_id >= 0, NULL);
  g_return_val_if_fail (kind == NULL || kl_validate_choice (kind, kl_activity_kinds, NULL), NULL);

  activity = g_object_new (KL_TYPE_ACTIVITY, NULL);
  if (kind != NULL)
    kl_entity_set_text (activity, "kind", kind);
  kl_entity_set_number (activity, "client_id", client_id);

  return kl_activity_editor_new (session, KL_ACTIVITY (activity));
}

KlSession *
kl_activity_editor_get_session (KlActivityEditor *self)
{
  g_return_val_if_fail (KL_IS_ACTIVITY_EDITOR (self), NULL);

  return self->session;
}

/* The activity being edited as it was loaded; after a save, as written. */
KlActivity *
kl_activity_editor_get_activity (KlActivityEditor *self)
{
  g_return_val_if_fail (KL_IS_ACTIVITY_EDITOR (self), NULL);

  return self->activity;
}

/**
 * kl_activity_editor_set_status:
 * @status: one of kl_activity_statuses
 *
 * Chooses the status, e.g. "done" to log something that already happened.
 * Counts as the starting state, not as an unsaved change.
 */
void
kl_activity_editor_set_status (KlActivityEditor *self,
                               const char       *status)
{
  gboolean modified;

  g_return_if_fail (KL_IS_ACTIVITY_EDITOR (self));
  g_return_if_fail (kl_validate_choice (status, kl_activity_statuses, NULL));

  modified = kl_activity_editor_get_modified (self);
  adw_combo_row_set_selected (self->status_row, choice_index (kl_activity_statuses, status));
  if (!modified)
    {
      g_clear_object (&self->initial);
      self->initial = build_activity (self);
    }
}

gboolean
kl_activity_editor_get_valid (KlActivityEditor *self)
{
  g_return_val_if_fail (KL_IS_ACTIVITY_EDITOR (self), FALSE);

  return self->valid;
}

gboolean
kl_activity_editor_get_modified (KlActivityEditor *self)
{
  g_autoptr(KlEntity) current = NULL;

  g_return_val_if_fail (KL_IS_ACTIVITY_EDITOR (self), FALSE);

  if (self->initial == NULL)
    return FALSE;

  current = build_activity (self);

  return !entities_equal (current, self->initial);
}
