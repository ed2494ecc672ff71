/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-today-page.h"

#include "kl-activity-editor.h"
#include "kl-activity-list.h"
#include "kl-card-group.h"
#include "kl-contract-groups.h"
#include "kl-entities.h"
#include "kl-format.h"
#include "kl-list-menu.h"
#include "kl-offer-groups.h"
#include "kl-toast.h"

#include <string.h>

/* The Today section: what is overdue, what is planned for today and what
 * was done today, one group each, from the three KlActivityLists (SQL
 * backed, reloaded by the lists themselves when the activities change);
 * then the contracts to renew and the offers awaiting an answer past their
 * validity (KlCardGroups, hidden while empty), each row opening its editor.
 * A planned row is marked done in one click, with Undo in a toast.
 *
 * The page follows the day: it checks the date when its window becomes
 * active again and at midnight, and reloads the lists when it changed.
 *
 * The groups show the first rows only (a list box builds every row it is
 * given); "Show More" adds the next ones.
 *
 * A row's menu (right click, Menu, Shift+F10) opens, marks done or deletes
 * its activity; Delete deletes the focused row's, with Undo in a toast. */

#define ROWS_SHOWN 50

typedef enum {
  SECTION_OVERDUE,
  SECTION_TODAY,
  SECTION_DONE,
  N_SECTIONS
} Section;

static const KlActivityListKind section_kinds[N_SECTIONS] = {
  [SECTION_OVERDUE] = KL_ACTIVITY_LIST_OVERDUE,
  [SECTION_TODAY] = KL_ACTIVITY_LIST_TODAY,
  [SECTION_DONE] = KL_ACTIVITY_LIST_DONE_TODAY,
};

typedef struct {
  KlActivityList       *list;
  GtkSliceListModel    *slice;
  AdwPreferencesGroup  *group;
  GtkListBox           *list_box;
  GtkButton            *more_button;
} SectionView;

struct _KlTodayPage
{
  KlPage                parent_instance;

  SectionView           sections[N_SECTIONS];
  char                 *day;             /* the day shown, "YYYY-MM-DD" */
  GtkSizeGroup         *time_size_group;  /* the time column, across groups */
  guint                 midnight_source;
  GtkWidget            *watched_root;
  gulong                root_active_handler;
  gint64                menu_activity_id;  /* the row whose menu is open */
  AdwToast             *undo_delete_toast;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *content_stack;
  GtkLabel             *day_label;
  AdwPreferencesGroup  *overdue_group;
  AdwPreferencesGroup  *today_group;
  AdwPreferencesGroup  *done_group;
  GtkListBox           *overdue_list;
  GtkListBox           *today_list;
  GtkListBox           *done_list;
  GtkButton            *overdue_more_button;
  GtkButton            *today_more_button;
  GtkButton            *done_more_button;
  KlCardGroup          *renewals_group;
  KlCardGroup          *offers_group;
  AdwStatusPage        *empty_page;
  GMenuModel           *row_menu;
};

static void schedule_midnight (KlTodayPage *self);

G_DEFINE_FINAL_TYPE (KlTodayPage, kl_today_page, KL_TYPE_PAGE)

/* Helpers */

static const struct {
  const char *kind;
  const char *icon_name;
} kind_icons[] = {
  { "call", "call-start-symbolic" },
  { "meeting", "system-users-symbolic" },
  { "email", "mail-unread-symbolic" },
  { "presentation", "x-office-presentation-symbolic" },
  { "exhibition", "mark-location-symbolic" },
  { "event", "starred-symbolic" },
};

/* "YYYY-MM-DDTHH:MM[:SS]" (or with a space) as a local time, or NULL. */
static GDateTime *
parse_starts_at (const char *text)
{
  if (text == NULL || strlen (text) < 16)
    return NULL;

  return g_date_time_new_local (g_ascii_strtoll (text, NULL, 10),
                                g_ascii_strtoll (text + 5, NULL, 10),
                                g_ascii_strtoll (text + 8, NULL, 10),
                                g_ascii_strtoll (text + 11, NULL, 10),
                                g_ascii_strtoll (text + 14, NULL, 10),
                                0);
}

/* A name from a computed column when KlActivity has it, else from the
 * referenced row. */
static char *
referenced_name (KlTodayPage *self,
                 KlEntity    *activity,
                 const char  *name_column,
                 const char  *id_column,
                 GType        type)
{
  gint64 id = kl_entity_get_number (activity, id_column);
  g_autoptr(KlEntity) entity = NULL;

  if (id <= 0)
    return NULL;

  if (kl_entity_class_find_field (KL_ENTITY_GET_CLASS (activity), name_column, NULL) != NULL)
    return g_strdup (kl_entity_get_text (activity, name_column));

  entity = kl_store_get (kl_session_get_store (kl_page_get_session (KL_PAGE (self)), type), id, NULL);
  if (entity == NULL)
    return NULL;

  return g_strdup (kl_entity_get_text (entity, "name"));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  KlTodayPage *self = KL_TODAY_PAGE (user_data);
  KlEntity *activity = KL_ENTITY (item);
  const char *kind = kl_entity_get_text (activity, "kind");
  gboolean planned = g_strcmp0 (kl_entity_get_text (activity, "status"), "planned") == 0;
  g_autoptr(GDateTime) when = parse_starts_at (kl_entity_get_text (activity, "starts_at"));
  g_autofree char *client = referenced_name (self, activity, "client_name", "client_id", KL_TYPE_CLIENT);
  g_autofree char *contact = referenced_name (self, activity, "contact_name", "contact_id", KL_TYPE_CONTACT);
  g_autofree char *subtitle = NULL;
  g_autofree char *time = NULL;
  GtkWidget *row;
  GtkWidget *time_box;
  GtkWidget *time_label;
  GtkWidget *icon;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kl_entity_get_text (activity, "subject") ?: "");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);

  if (client != NULL && contact != NULL)
    /* Translators: an activity's client and contact person: "Jadran d.o.o. · Ana Horvat". */
    subtitle = g_strdup_printf (_("%1$s · %2$s"), client, contact);
  else
    subtitle = g_strdup (client != NULL ? client : contact);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* The time, and for an overdue one the day it was due. */
  time_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_valign (time_box, GTK_ALIGN_CENTER);
  gtk_size_group_add_widget (self->time_size_group, time_box);
  time = when != NULL ? g_date_time_format (when, "%H:%M") : g_strdup ("");
  time_label = gtk_label_new (time);
  gtk_label_set_xalign (GTK_LABEL (time_label), 0.0f);
  gtk_widget_add_css_class (time_label, "numeric");
  gtk_widget_add_css_class (time_label, "heading");
  gtk_box_append (GTK_BOX (time_box), time_label);
  if (when != NULL && kl_entity_get_text (activity, "starts_at") != NULL &&
      !g_str_has_prefix (kl_entity_get_text (activity, "starts_at"), self->day))
    {
      g_autofree char *date = kl_format_date (kl_entity_get_text (activity, "starts_at"));
      GtkWidget *date_label = gtk_label_new (date);

      gtk_label_set_xalign (GTK_LABEL (date_label), 0.0f);
      gtk_widget_add_css_class (date_label, "caption");
      gtk_widget_add_css_class (date_label, "dim-label");
      gtk_box_append (GTK_BOX (time_box), date_label);
    }
  /* Prefixes are prepended: the icon goes after the time. */
  icon = gtk_image_new_from_icon_name (kl_activity_kind_icon_name (kind));
  gtk_widget_set_tooltip_text (icon, kl_choice_label (kl_activity_kinds, kind));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, kl_choice_label (kl_activity_kinds, kind),
                                  -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), time_box);


  if (planned)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *content = adw_button_content_new ();

      adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "object-select-symbolic");
      adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Mark Done"));
      gtk_button_set_child (GTK_BUTTON (button), content);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Mark the activity as done"));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "today.mark-done");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", kl_entity_get_id (activity));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  else
    {
      GtkWidget *done = gtk_image_new_from_icon_name ("emblem-ok-symbolic");

      gtk_widget_add_css_class (done, "success");
      gtk_widget_set_tooltip_text (done, kl_choice_label (kl_activity_statuses, "done"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), done);
    }

  return row;
}

static void
update_day_label (KlTodayPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  /* Translators: the heading of the Today section, a g_date_time_format()
   * string: "Thursday, 26 November 2026". */
  g_autofree char *label = g_date_time_format (now, C_("today heading", "%A, %-d %B %Y"));

  gtk_label_set_label (self->day_label, label);
}

static void
update_state (KlTodayPage *self)
{
  guint total = 0;

  for (guint i = 0; i < N_SECTIONS; i++)
    {
      SectionView *section = &self->sections[i];
      guint n = section->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (section->list)) : 0;
      guint shown = section->slice != NULL ? gtk_slice_list_model_get_size (section->slice) : 0;
      g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u activity", "%u activities", n),
                                                n);

      adw_preferences_group_set_description (section->group, count);
      gtk_widget_set_visible (GTK_WIDGET (section->group), n > 0);
      gtk_widget_set_visible (GTK_WIDGET (section->more_button), n > shown);
      total += n;
    }
  total += kl_card_group_get_n_items (self->renewals_group) + kl_card_group_get_n_items (self->offers_group);

  gtk_stack_set_visible_child_name (self->content_stack, total > 0 ? "list" : "empty");
}

static void
check_day (KlTodayPage *self)
{
  g_autofree char *today = kl_database_today ();

  update_day_label (self);
  if (g_strcmp0 (today, self->day) == 0)
    return;

  g_debug ("The day changed from %s to %s: reloading Today", self->day, today);
  kl_today_page_reload (self);
}

static gboolean
midnight_cb (gpointer user_data)
{
  KlTodayPage *self = KL_TODAY_PAGE (user_data);

  self->midnight_source = 0;
  check_day (self);
  schedule_midnight (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_midnight (KlTodayPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) today = g_date_time_new_local (g_date_time_get_year (now),
                                                      g_date_time_get_month (now),
                                                      g_date_time_get_day_of_month (now),
                                                      0, 0, 0);
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);
  GTimeSpan until = g_date_time_difference (tomorrow, now);

  g_clear_handle_id (&self->midnight_source, g_source_remove);
  self->midnight_source = g_timeout_add_seconds (until / G_TIME_SPAN_SECOND + 1, midnight_cb, self);
}

static SectionView *
section_of_list_box (KlTodayPage *self,
                     GtkListBox  *list_box)
{
  for (guint i = 0; i < N_SECTIONS; i++)
    if (self->sections[i].list_box == list_box)
      return &self->sections[i];

  return NULL;
}

/* The activity of @row, a row of one of the lists. */
static KlActivity *
activity_of_row (KlTodayPage *self,
                 GtkWidget   *row)
{
  GtkWidget *list_box;
  SectionView *section;

  if (!GTK_IS_LIST_BOX_ROW (row))
    return NULL;

  list_box = gtk_widget_get_parent (row);
  section = GTK_IS_LIST_BOX (list_box) ? section_of_list_box (self, GTK_LIST_BOX (list_box)) : NULL;
  if (section == NULL || section->slice == NULL)
    return NULL;

  return g_list_model_get_item (G_LIST_MODEL (section->slice),
                                gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)));
}

/* The activity of the row that has the focus, in any of the lists. */
static KlActivity *
focused_activity (KlTodayPage *self)
{
  for (guint i = 0; i < N_SECTIONS; i++)
    {
      GtkWidget *row;

      if (self->sections[i].list_box == NULL)
        continue;
      row = kl_list_get_focus_row (GTK_WIDGET (self->sections[i].list_box));
      if (row != NULL)
        return activity_of_row (self, row);
    }

  return NULL;
}

static void
open_editor (KlTodayPage *self,
             KlActivity  *activity)
{
  KlActivityEditor *editor;
  GtkRoot *root;

  g_return_if_fail (kl_page_get_session (KL_PAGE (self)) != NULL);

  editor = kl_activity_editor_new (kl_page_get_session (KL_PAGE (self)), activity);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
show_error_toast (KlTodayPage *self,
                  const char  *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);

  g_debug ("%s", message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

/* Callbacks */

static void
on_list_items_changed_cb (KlTodayPage *self,
                          guint        position,
                          guint        removed,
                          guint        added,
                          GListModel  *model)
{
  update_state (self);
}

static void
on_list_row_activated_cb (KlTodayPage   *self,
                          GtkListBoxRow *row,
                          GtkListBox    *list_box)
{
  SectionView *section = section_of_list_box (self, list_box);
  g_autoptr(KlActivity) activity = NULL;

  if (section == NULL || section->slice == NULL)
    return;

  activity = g_list_model_get_item (G_LIST_MODEL (section->slice), gtk_list_box_row_get_index (row));
  if (activity != NULL)
    open_editor (self, activity);
}

static void
on_more_button_clicked_cb (KlTodayPage *self,
                           GtkButton   *button)
{
  for (guint i = 0; i < N_SECTIONS; i++)
    {
      SectionView *section = &self->sections[i];

      if (section->more_button == button && section->slice != NULL)
        gtk_slice_list_model_set_size (section->slice,
                                       gtk_slice_list_model_get_size (section->slice) + ROWS_SHOWN);
    }

  update_state (self);
}

static void
on_root_is_active_cb (KlTodayPage *self,
                      GParamSpec  *pspec,
                      GtkWindow   *window)
{
  if (gtk_window_is_active (window))
    check_day (self);
}

static gboolean
prepare_row_menu (gpointer   user_data,
                  GtkWidget *row)
{
  KlTodayPage *self = KL_TODAY_PAGE (user_data);
  g_autoptr(KlActivity) activity = activity_of_row (self, row);

  if (activity == NULL)
    return FALSE;

  self->menu_activity_id = kl_entity_get_id (KL_ENTITY (activity));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.menu-mark-done",
                                 g_strcmp0 (kl_entity_get_text (KL_ENTITY (activity), "status"),
                                            "planned") == 0);

  return TRUE;
}

static void
new_activity_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  open_editor (KL_TODAY_PAGE (widget), NULL);
}

/* Marks the activity done: it is done now (its done_at), and shows under
 * "Done today" whatever day it was planned for, which it keeps. */
static void
mark_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KlTodayPage *self = KL_TODAY_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  g_return_if_fail (kl_page_get_session (KL_PAGE (self)) != NULL);

  if (!kl_activity_mark_done (kl_page_get_session (KL_PAGE (self)), id, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not mark the activity as done: %s"),
                                                  error->message);

      show_error_toast (self, message);
      return;
    }

  toast = adw_toast_new (_("Marked as done"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "today.undo-done");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (id));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Deletes @id now; Undo in the toast writes it back (under a new id). */
static void
delete_activity (KlTodayPage *self,
                 gint64       id)
{
  KlStore *store = kl_session_get_store (kl_page_get_session (KL_PAGE (self)), KL_TYPE_ACTIVITY);
  g_autoptr(KlEntity) activity = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;
  AdwToast *toast;

  activity = kl_store_get (store, id, &error);
  if (activity == NULL || !kl_store_delete (store, id, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The activity was not deleted: %s"),
                                                  error != NULL ? error->message : "");

      show_error_toast (self, message);
      return;
    }

  /* Translators: a toast after an activity was deleted; %s is its subject. */
  title = g_strdup_printf (_("“%s” deleted"), kl_entity_get_text (activity, "subject") ?: "");
  markup = g_markup_escape_text (title, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "today.undo-delete");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "activity", g_steal_pointer (&activity), g_object_unref);
  g_clear_object (&self->undo_delete_toast);
  self->undo_delete_toast = g_object_ref (toast);
  kl_toast_add (self->toast_overlay, toast);
}

/* Delete on a row. */
static void
delete_focused_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KlTodayPage *self = KL_TODAY_PAGE (widget);
  g_autoptr(KlActivity) activity = focused_activity (self);

  if (activity != NULL)
    delete_activity (self, kl_entity_get_id (KL_ENTITY (activity)));
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KlTodayPage *self = KL_TODAY_PAGE (widget);
  g_autoptr(AdwToast) toast = g_steal_pointer (&self->undo_delete_toast);
  g_autoptr(GError) error = NULL;
  KlEntity *activity;

  if (toast == NULL)
    return;

  activity = g_object_get_data (G_OBJECT (toast), "activity");
  kl_entity_set_id (activity, 0);
  if (!kl_store_insert (kl_session_get_store (kl_page_get_session (KL_PAGE (self)), KL_TYPE_ACTIVITY), activity, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Could not undo: %s"), error->message);

      show_error_toast (self, message);
    }
  kl_toast_dismiss (toast);
}

static void
menu_open_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KlTodayPage *self = KL_TODAY_PAGE (widget);
  g_autoptr(KlActivity) activity = NULL;

  if (self->menu_activity_id <= 0)
    return;

  activity = kl_store_get (kl_session_get_store (kl_page_get_session (KL_PAGE (self)), KL_TYPE_ACTIVITY),
                           self->menu_activity_id, NULL);
  if (activity != NULL)
    open_editor (self, activity);
}

static void
menu_mark_done_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KlTodayPage *self = KL_TODAY_PAGE (widget);

  if (self->menu_activity_id > 0)
    gtk_widget_activate_action (widget, "today.mark-done", "x", self->menu_activity_id);
}

static void
menu_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KlTodayPage *self = KL_TODAY_PAGE (widget);

  if (self->menu_activity_id > 0)
    delete_activity (self, self->menu_activity_id);
}

/* Back to planned; the store clears done_at. */
static void
undo_done_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KlTodayPage *self = KL_TODAY_PAGE (widget);
  KlStore *store;
  g_autoptr(KlEntity) activity = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (parameter);

  g_return_if_fail (kl_page_get_session (KL_PAGE (self)) != NULL);

  store = kl_session_get_store (kl_page_get_session (KL_PAGE (self)), KL_TYPE_ACTIVITY);
  activity = kl_store_get (store, id, &error);
  if (activity != NULL)
    {
      kl_entity_set_text (activity, "status", "planned");
      kl_store_update (store, activity, &error);
    }

  if (error != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not undo: %s"), error->message);

      show_error_toast (self, message);
    }
}

/* Overrides */

static void
kl_today_page_root (GtkWidget *widget)
{
  KlTodayPage *self = KL_TODAY_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (kl_today_page_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      self->watched_root = GTK_WIDGET (root);
      self->root_active_handler = g_signal_connect_object (root, "notify::is-active",
                                                           G_CALLBACK (on_root_is_active_cb), self,
                                                           G_CONNECT_SWAPPED);
    }
}

static void
kl_today_page_unroot (GtkWidget *widget)
{
  KlTodayPage *self = KL_TODAY_PAGE (widget);

  if (self->watched_root != NULL)
    g_clear_signal_handler (&self->root_active_handler, self->watched_root);
  self->watched_root = NULL;

  GTK_WIDGET_CLASS (kl_today_page_parent_class)->unroot (widget);
}

static void
kl_today_page_session_set (KlPage    *page,
                           KlSession *session)
{
  KlTodayPage *self = KL_TODAY_PAGE (page);

  g_free (self->day);
  self->day = kl_database_today ();

  for (guint i = 0; i < N_SECTIONS; i++)
    {
      SectionView *section = &self->sections[i];

      /* The real today, read again at each reload. */
      section->list = kl_activity_list_new (session, section_kinds[i], NULL);
      section->slice = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (section->list)), 0, ROWS_SHOWN);
      g_signal_connect_object (section->list, "items-changed",
                               G_CALLBACK (on_list_items_changed_cb), self, G_CONNECT_SWAPPED);
      gtk_list_box_bind_model (section->list_box, G_LIST_MODEL (section->slice), create_row, self, NULL);
    }

  kl_contract_groups_attach_renewals (self->renewals_group, session);
  kl_offer_groups_attach_unanswered (self->offers_group, session);
  g_signal_connect_object (self->renewals_group, "changed", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->offers_group, "changed", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.new-activity", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.new", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.mark-done", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.undo-done", TRUE);
  update_state (self);
  schedule_midnight (self);
}

static void
kl_today_page_dispose (GObject *object)
{
  KlTodayPage *self = KL_TODAY_PAGE (object);

  g_clear_handle_id (&self->midnight_source, g_source_remove);

  for (guint i = 0; i < N_SECTIONS; i++)
    {
      if (self->sections[i].list_box != NULL)
        gtk_list_box_bind_model (self->sections[i].list_box, NULL, NULL, NULL, NULL);
      g_clear_object (&self->sections[i].slice);
      g_clear_object (&self->sections[i].list);
      self->sections[i].list_box = NULL;
    }
  g_clear_object (&self->undo_delete_toast);
  g_clear_object (&self->time_size_group);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_TODAY_PAGE);

  G_OBJECT_CLASS (kl_today_page_parent_class)->dispose (object);
}

static void
kl_today_page_finalize (GObject *object)
{
  KlTodayPage *self = KL_TODAY_PAGE (object);

  g_free (self->day);

  G_OBJECT_CLASS (kl_today_page_parent_class)->finalize (object);
}

static void
kl_today_page_class_init (KlTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlPageClass *page_class = KL_PAGE_CLASS (klass);

  object_class->dispose = kl_today_page_dispose;
  object_class->finalize = kl_today_page_finalize;

  page_class->session_set = kl_today_page_session_set;

  widget_class->root = kl_today_page_root;
  widget_class->unroot = kl_today_page_unroot;

  gtk_widget_class_install_action (widget_class, "today.new-activity", NULL, new_activity_action);
  /* Ctrl+N is the window's "win.new", which asks the page shown. */
  gtk_widget_class_install_action (widget_class, "page.new", NULL, new_activity_action);
  gtk_widget_class_install_action (widget_class, "today.mark-done", "x", mark_done_action);
  gtk_widget_class_install_action (widget_class, "today.undo-done", "x", undo_done_action);
  gtk_widget_class_install_action (widget_class, "today.delete-focused", NULL, delete_focused_action);
  gtk_widget_class_install_action (widget_class, "today.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "today.menu-open", NULL, menu_open_action);
  gtk_widget_class_install_action (widget_class, "today.menu-mark-done", NULL, menu_mark_done_action);
  gtk_widget_class_install_action (widget_class, "today.menu-delete", NULL, menu_delete_action);

  g_type_ensure (KL_TYPE_CARD_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/activities/kl-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KlTodayPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlTodayPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, KlTodayPage, day_label);
  gtk_widget_class_bind_template_child (widget_class, KlTodayPage, overdue_group);
  gtk_widget_class_bind_template_child (widget_class, KlTodayPage, today_group);
  gtk_widget_class_bind_template_child (widget_class, KlTodayPage, done_group);
  gtk_widget_class_bind_template_child (widget_class, KlTodayPage, overdue_list);
  gtk_widget_class_bind_template_child (widget_class, KlTodayPage, today_list);
  gtk_widget_class_bind_template_child (widget_class, KlTodayPage, done_list);
  gtk_widget_class_bind_template_child (widget_class, KlTodayPage, overdue_more_button);
  gtk_widget_class_bind_template_child (widget_class, KlTodayPage, today_more_button);
  gtk_widget_class_bind_template_child (widget_class, KlTodayPage, done_more_button);
  gtk_widget_class_bind_template_child (widget_class, KlTodayPage, renewals_group);
  gtk_widget_class_bind_template_child (widget_class, KlTodayPage, offers_group);
  gtk_widget_class_bind_template_child (widget_class, KlTodayPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KlTodayPage, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_more_button_clicked_cb);
}

static void
kl_today_page_init (KlTodayPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->time_size_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  self->sections[SECTION_OVERDUE].group = self->overdue_group;
  self->sections[SECTION_OVERDUE].list_box = self->overdue_list;
  self->sections[SECTION_OVERDUE].more_button = self->overdue_more_button;
  self->sections[SECTION_TODAY].group = self->today_group;
  self->sections[SECTION_TODAY].list_box = self->today_list;
  self->sections[SECTION_TODAY].more_button = self->today_more_button;
  self->sections[SECTION_DONE].group = self->done_group;
  self->sections[SECTION_DONE].list_box = self->done_list;
  self->sections[SECTION_DONE].more_button = self->done_more_button;
  for (guint i = 0; i < N_SECTIONS; i++)
    kl_list_menu_attach (GTK_WIDGET (self), GTK_WIDGET (self->sections[i].list_box), self->row_menu,
                         prepare_row_menu, self);

  update_day_label (self);
  update_state (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.new-activity", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "page.new", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.mark-done", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.undo-done", FALSE);
}

/* Public API */

GtkWidget *
kl_today_page_new (KlSession *session)
{
  g_return_val_if_fail (session == NULL || KL_IS_SESSION (session), NULL);

  return g_object_new (KL_TYPE_TODAY_PAGE, "session", session, NULL);
}

KlSession *
kl_today_page_get_session (KlTodayPage *self)
{
  g_return_val_if_fail (KL_IS_TODAY_PAGE (self), NULL);

  return kl_page_get_session (KL_PAGE (self));
}


/* Reads the three lists again (for today's date) and updates the page. */
void
kl_today_page_reload (KlTodayPage *self)
{
  g_return_if_fail (KL_IS_TODAY_PAGE (self));

  g_free (self->day);
  self->day = kl_database_today ();
  update_day_label (self);

  for (guint i = 0; i < N_SECTIONS; i++)
    if (self->sections[i].list != NULL)
      kl_activity_list_reload (self->sections[i].list);
  kl_card_group_reload (self->renewals_group);
  kl_card_group_reload (self->offers_group);

  update_state (self);
}

const char *
kl_activity_kind_icon_name (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_icons); i++)
    if (g_strcmp0 (kind_icons[i].kind, kind) == 0)
      return kind_icons[i].icon_name;

  return "x-office-calendar-symbolic";
}

/* A page shows one session for its life: this may be called once. */
void
kl_today_page_set_session (KlTodayPage *self,
                           KlSession   *session)
{
  g_return_if_fail (KL_IS_TODAY_PAGE (self));

  kl_page_set_session (KL_PAGE (self), session);
}
