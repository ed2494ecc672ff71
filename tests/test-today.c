/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kl-activity-editor.h"
#include "kl-activity-list.h"
#include "kl-clients-page.h"
#include "kl-entities.h"
#include "kl-kpi.h"
#include "kl-section.h"
#include "kl-test-gui.h"
#include "kl-today-page.h"
#include "kl-window.h"

/* The Today section and the activity editor: real widgets under Xvfb
 * (GDK_BACKEND=x11, GSK_RENDERER=cairo, GSETTINGS_BACKEND=memory), with
 * dates relative to the real today, asserting on what the widgets show and
 * on the database behind them. */

#define WAIT_SECONDS 10

typedef struct {
  char      *dir;
  char      *path;
  KlSession *session;
  GtkWidget *window;
  char      *today;       /* "YYYY-MM-DD" */
  char      *yesterday;
  char      *tomorrow;
  gint64     client_id;
  gint64     contact_id;
  gint64     other_contact_id;
  gint64     deal_id;
  gint64     overdue_id;
  gint64     planned_id;
  gint64     done_id;
} Fixture;

/* Helpers */

/* Runs the main loop for @ms milliseconds (debounced entries need it). */
static char *
day_string (int offset)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, offset);

  return g_date_time_format (day, "%Y-%m-%d");
}

static gint64
insert (Fixture  *f,
        KlEntity *entity)
{
  KlStore *store = kl_session_get_store (f->session, G_OBJECT_TYPE (entity));
  g_autoptr(GError) error = NULL;

  kl_store_insert (store, entity, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kl_entity_get_id (entity), >, 0);

  return kl_entity_get_id (entity);
}

static gint64
insert_activity (Fixture    *f,
                 const char *kind,
                 const char *subject,
                 const char *day,
                 const char *time,
                 const char *status)
{
  g_autofree char *starts_at = g_strdup_printf ("%sT%s:00", day, time);
  g_autoptr(KlEntity) activity = g_object_new (KL_TYPE_ACTIVITY, NULL);

  kl_entity_set_text (activity, "kind", kind);
  kl_entity_set_text (activity, "subject", subject);
  kl_entity_set_text (activity, "starts_at", starts_at);
  kl_entity_set_text (activity, "status", status);
  /* One done was done when planned. */
  if (g_str_equal (status, "done"))
    kl_entity_set_text (activity, "done_at", starts_at);
  kl_entity_set_number (activity, "client_id", f->client_id);
  kl_entity_set_number (activity, "contact_id", f->contact_id);

  return insert (f, activity);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(KlEntity) client = g_object_new (KL_TYPE_CLIENT, NULL);
  g_autoptr(KlEntity) other = g_object_new (KL_TYPE_CLIENT, NULL);
  g_autoptr(KlEntity) contact = g_object_new (KL_TYPE_CONTACT, NULL);
  g_autoptr(KlEntity) other_contact = g_object_new (KL_TYPE_CONTACT, NULL);
  g_autoptr(KlEntity) deal = g_object_new (KL_TYPE_DEAL, NULL);

  f->session = kl_test_open_session ("today", &f->dir, &f->path);

  f->today = day_string (0);
  f->yesterday = day_string (-1);
  f->tomorrow = day_string (1);

  kl_entity_set_text (client, "name", "Jadran d.o.o.");
  kl_entity_set_text (client, "city", "Split");
  f->client_id = insert (f, client);
  kl_entity_set_text (other, "name", "Волга ООО");
  insert (f, other);

  kl_entity_set_number (contact, "client_id", f->client_id);
  kl_entity_set_text (contact, "name", "Ana Horvat");
  f->contact_id = insert (f, contact);
  kl_entity_set_number (other_contact, "client_id", f->client_id);
  kl_entity_set_text (other_contact, "name", "Ivo Babić");
  f->other_contact_id = insert (f, other_contact);

  kl_entity_set_number (deal, "client_id", f->client_id);
  kl_entity_set_text (deal, "title", "Isporuka 2027");
  f->deal_id = insert (f, deal);
}

static void
add_three_activities (Fixture *f)
{
  f->overdue_id = insert_activity (f, "call", "Nazvati oko ponude", f->yesterday, "09:00", "planned");
  f->planned_id = insert_activity (f, "meeting", "Sastanak u Splitu", f->today, "10:30", "planned");
  f->done_id = insert_activity (f, "email", "Ponuda poslana", f->today, "08:15", "done");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GList *toplevels;

  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  /* Editors the tests left open. */
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (toplevels);
  kl_test_iterate ();

  kl_test_close_session (&f->session, &f->dir, &f->path);
  g_free (f->today);
  g_free (f->yesterday);
  g_free (f->tomorrow);
}

static void
set_flag (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
}

/* gtk_widget_activate() on a button emits "clicked" after a short delay. */
static void
click (GtkWidget *button)
{
  g_autoptr(GtkWidget) ref = g_object_ref (button);
  gboolean clicked = FALSE;
  gulong handler = g_signal_connect_swapped (button, "clicked", G_CALLBACK (set_flag), &clicked);

  g_assert_true (gtk_widget_activate (button));
  for (guint i = 0; i < WAIT_SECONDS * 100 && !clicked; i++)
    kl_test_wait_ms (10);
  g_assert_true (clicked);
  g_signal_handler_disconnect (button, handler);
  kl_test_iterate ();
}

static KlTodayPage *
show_page (Fixture *f)
{
  GtkWidget *page = kl_today_page_new (f->session);

  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 700);
  gtk_window_set_child (GTK_WINDOW (f->window), page);
  gtk_window_present (GTK_WINDOW (f->window));
  kl_test_iterate ();

  return KL_TODAY_PAGE (page);
}

static guint
n_rows (GtkListBox *list_box)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list_box, n) != NULL)
    n++;

  return n;
}

static const char *
group_count (KlTodayPage *page,
             const char  *group)
{
  return adw_preferences_group_get_description (kl_test_template_child (page, KL_TYPE_TODAY_PAGE, group));
}

static gboolean
group_shown (KlTodayPage *page,
             const char  *group)
{
  return gtk_widget_get_visible (kl_test_template_child (page, KL_TYPE_TODAY_PAGE, group));
}

/* The first descendant of @widget that is a button for @action_name. */
static GtkWidget *
find_action_button (GtkWidget  *widget,
                    const char *action_name)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (c) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (c)), action_name) == 0)
        return c;
      found = find_action_button (c, action_name);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static char *
query_text (Fixture    *f,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = kl_database_get_handle (kl_session_get_database (f->session));
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return text;
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = kl_database_query_int (kl_session_get_database (f->session), sql, &error);

  g_assert_no_error (error);

  return n;
}

static KlActivityEditor *
show_editor (KlActivityEditor *editor)
{
  gtk_window_present (GTK_WINDOW (editor));
  kl_test_iterate ();

  return editor;
}

static void
set_text (gpointer    editable,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (editable), text);
  kl_test_iterate ();
}

/* Tests */

/* Every new template instantiates, with and without a session. */
static void
test_templates (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *page = g_object_ref_sink (kl_today_page_new (NULL));
  KlActivityEditor *editor;

  g_assert_true (KL_IS_TODAY_PAGE (page));
  g_object_unref (page);

  page = g_object_ref_sink (kl_today_page_new (f->session));
  g_assert_true (KL_IS_TODAY_PAGE (page));
  g_object_unref (page);

  editor = kl_activity_editor_new (f->session, NULL);
  g_assert_true (KL_IS_ACTIVITY_EDITOR (editor));
  gtk_window_destroy (GTK_WINDOW (editor));

  editor = kl_activity_editor_new_for_client (f->session, f->client_id, "meeting");
  g_assert_true (KL_IS_ACTIVITY_EDITOR (editor));
  gtk_window_destroy (GTK_WINDOW (editor));
  kl_test_iterate ();
}

static void
test_groups (Fixture       *f,
             gconstpointer  data)
{
  KlTodayPage *page;
  GtkListBox *list;
  AdwActionRow *row;

  add_three_activities (f);
  /* Neither overdue nor today: a planned one tomorrow, a done one yesterday. */
  insert_activity (f, "call", "Sutra", f->tomorrow, "09:00", "planned");
  insert_activity (f, "call", "Jučer", f->yesterday, "09:00", "done");

  page = show_page (f);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (kl_test_template_child (page, KL_TYPE_TODAY_PAGE, "content_stack")),
                   ==, "list");
  g_assert_cmpstr (group_count (page, "overdue_group"), ==, "1 activity");
  g_assert_cmpstr (group_count (page, "today_group"), ==, "1 activity");
  g_assert_cmpstr (group_count (page, "done_group"), ==, "1 activity");

  list = kl_test_template_child (page, KL_TYPE_TODAY_PAGE, "overdue_list");
  g_assert_cmpuint (n_rows (list), ==, 1);
  row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Nazvati oko ponude");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Jadran d.o.o."));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Ana Horvat"));
  g_assert_nonnull (find_action_button (GTK_WIDGET (row), "today.mark-done"));

  list = kl_test_template_child (page, KL_TYPE_TODAY_PAGE, "today_list");
  g_assert_cmpuint (n_rows (list), ==, 1);
  row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Sastanak u Splitu");

  list = kl_test_template_child (page, KL_TYPE_TODAY_PAGE, "done_list");
  g_assert_cmpuint (n_rows (list), ==, 1);
  row = ADW_ACTION_ROW (gtk_list_box_get_row_at_index (list, 0));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Ponuda poslana");
  /* Done rows have nothing to mark. */
  g_assert_null (find_action_button (GTK_WIDGET (row), "today.mark-done"));

  /* A new one today, through the store: the page follows. */
  insert_activity (f, "call", "Još jedan poziv", f->today, "16:00", "planned");
  kl_test_iterate ();
  g_assert_cmpstr (group_count (page, "today_group"), ==, "2 activities");
  g_assert_cmpuint (n_rows (kl_test_template_child (page, KL_TYPE_TODAY_PAGE, "today_list")), ==, 2);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  KlTodayPage *page = show_page (f);

  g_assert_cmpstr (gtk_stack_get_visible_child_name (kl_test_template_child (page, KL_TYPE_TODAY_PAGE, "content_stack")),
                   ==, "empty");
  g_assert_false (group_shown (page, "overdue_group"));
  g_assert_false (group_shown (page, "today_group"));
  g_assert_false (group_shown (page, "done_group"));

  /* Something planned for today: the groups replace the empty state. */
  insert_activity (f, "call", "Prvi poziv", f->today, "11:00", "planned");
  kl_test_iterate ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (kl_test_template_child (page, KL_TYPE_TODAY_PAGE, "content_stack")),
                   ==, "list");
  g_assert_true (group_shown (page, "today_group"));
  g_assert_false (group_shown (page, "overdue_group"));
}

static void
test_mark_done (Fixture       *f,
                gconstpointer  data)
{
  KlTodayPage *page;
  GtkListBox *list;
  GtkWidget *button;
  g_autofree char *sql = NULL;
  g_autofree char *status = NULL;
  g_autofree char *undone = NULL;
  g_autofree char *sql2 = NULL;
  g_autofree char *sql3 = NULL;
  g_autofree char *starts_at = NULL;
  g_autofree char *done_at = NULL;
  g_autofree char *old_starts_at = g_strdup_printf ("%sT09:00:00", f->yesterday);

  add_three_activities (f);
  page = show_page (f);

  list = kl_test_template_child (page, KL_TYPE_TODAY_PAGE, "overdue_list");
  button = find_action_button (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)), "today.mark-done");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  click (button);

  sql = g_strdup_printf ("SELECT status FROM activities WHERE id = %" G_GINT64_FORMAT, f->overdue_id);
  status = query_text (f, sql);
  g_assert_cmpstr (status, ==, "done");

  /* Done now: it moves to "Done today", and keeps the day and time it was
   * planned for (the row shows that day beside the time). */
  g_assert_false (group_shown (page, "overdue_group"));
  g_assert_cmpstr (group_count (page, "done_group"), ==, "2 activities");
  list = kl_test_template_child (page, KL_TYPE_TODAY_PAGE, "done_list");
  g_assert_cmpuint (n_rows (list), ==, 2);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (list, 0))),
                   ==, "Nazvati oko ponude");
  sql2 = g_strdup_printf ("SELECT starts_at FROM activities WHERE id = %" G_GINT64_FORMAT, f->overdue_id);
  starts_at = query_text (f, sql2);
  g_assert_cmpstr (starts_at, ==, old_starts_at);
  sql3 = g_strdup_printf ("SELECT done_at FROM activities WHERE id = %" G_GINT64_FORMAT, f->overdue_id);
  done_at = query_text (f, sql3);
  g_assert_nonnull (done_at);
  g_assert_true (g_str_has_prefix (done_at, f->today));

  /* Today's planned one moves to "Done today" too, keeping its time. */
  list = kl_test_template_child (page, KL_TYPE_TODAY_PAGE, "today_list");
  button = find_action_button (GTK_WIDGET (gtk_list_box_get_row_at_index (list, 0)), "today.mark-done");
  click (button);
  g_assert_false (group_shown (page, "today_group"));
  g_assert_cmpstr (group_count (page, "done_group"), ==, "3 activities");
  g_assert_cmpuint (n_rows (kl_test_template_child (page, KL_TYPE_TODAY_PAGE, "done_list")), ==, 3);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM activities WHERE status = 'done'"), ==, 3);

  /* Undo (the toast's button) sets it back to planned: overdue again, on
   * the day it always had, and done at no time. */
  gtk_widget_activate_action (GTK_WIDGET (page), "today.undo-done", "x", f->overdue_id);
  kl_test_iterate ();
  undone = query_text (f, sql);
  g_assert_cmpstr (undone, ==, "planned");
  g_assert_cmpstr (group_count (page, "overdue_group"), ==, "1 activity");
  g_assert_cmpstr (group_count (page, "done_group"), ==, "2 activities");
  g_clear_pointer (&starts_at, g_free);
  starts_at = query_text (f, sql2);
  g_assert_cmpstr (starts_at, ==, old_starts_at);
  g_clear_pointer (&done_at, g_free);
  done_at = query_text (f, sql3);
  g_assert_null (done_at);
}

/* One planned for earlier today is "Today", not overdue; done, it keeps its time. */
static void
test_mark_done_moves_to_done_today (Fixture       *f,
                                    gconstpointer  data)
{
  KlTodayPage *page;
  GtkWidget *button;
  GtkListBox *done;
  gint64 id;

  id = insert_activity (f, "call", "Jutros propušteno", f->today, "00:00", "planned");
  insert_activity (f, "call", "Davno propušteno", f->yesterday, "09:00", "planned");
  page = show_page (f);

  /* Overdue: the one from yesterday; today's 00:00 one is "Today". */
  g_assert_cmpstr (group_count (page, "overdue_group"), ==, "1 activity");
  g_assert_cmpstr (group_count (page, "today_group"), ==, "1 activity");
  g_assert_false (group_shown (page, "done_group"));

  button = find_action_button (kl_test_template_child (page, KL_TYPE_TODAY_PAGE, "today_list"), "today.mark-done");
  click (button);

  done = kl_test_template_child (page, KL_TYPE_TODAY_PAGE, "done_list");
  g_assert_true (group_shown (page, "done_group"));
  g_assert_cmpuint (n_rows (done), ==, 1);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_list_box_get_row_at_index (done, 0))),
                   ==, "Jutros propušteno");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM activities WHERE status = 'done'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT id FROM activities WHERE status = 'done'"), ==, id);
}

/* Long lists show their first rows, and more on demand. */
static void
test_show_more (Fixture       *f,
                gconstpointer  data)
{
  KlStore *store = kl_session_get_store (f->session, KL_TYPE_ACTIVITY);
  KlTodayPage *page;
  GtkWidget *more;

  kl_store_begin_batch (store);
  for (guint i = 0; i < 55; i++)
    {
      g_autofree char *subject = g_strdup_printf ("Propušteno %u", i);

      insert_activity (f, "call", subject, f->yesterday, "09:00", "planned");
    }
  kl_store_end_batch (store);

  page = show_page (f);
  more = kl_test_template_child (page, KL_TYPE_TODAY_PAGE, "overdue_more_button");
  g_assert_cmpstr (group_count (page, "overdue_group"), ==, "55 activities");
  g_assert_cmpuint (n_rows (kl_test_template_child (page, KL_TYPE_TODAY_PAGE, "overdue_list")), ==, 50);
  g_assert_true (gtk_widget_get_visible (more));
  g_assert_false (gtk_widget_get_visible (kl_test_template_child (page, KL_TYPE_TODAY_PAGE, "today_more_button")));

  click (more);
  g_assert_cmpuint (n_rows (kl_test_template_child (page, KL_TYPE_TODAY_PAGE, "overdue_list")), ==, 55);
  g_assert_false (gtk_widget_get_visible (more));
}

/* "Log a call": client and kind preset, status done, nothing unsaved yet. */
static void
test_editor_logs (Fixture       *f,
                  gconstpointer  data)
{
  KlActivityEditor *editor = kl_activity_editor_new_for_client (f->session, f->client_id, "call");

  kl_activity_editor_set_status (editor, "done");
  show_editor (editor);
  g_assert_false (kl_activity_editor_get_modified (editor));
  g_assert_cmpuint (adw_combo_row_get_selected (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "status_row")), ==, 1);

  set_text (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "subject_row"), "Javio se oko cijene");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM activities WHERE status = 'done' AND kind = 'call'"), ==, 1);
}

static KlActivityEditor *
find_editor (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (KL_IS_ACTIVITY_EDITOR (l->data))
      return l->data;

  return NULL;
}

/* Activating a row edits that activity; "New Activity" plans a new one. */
static void
test_page_opens_editor (Fixture       *f,
                        gconstpointer  data)
{
  KlTodayPage *page;
  KlActivityEditor *editor;
  GtkListBox *list;

  add_three_activities (f);
  page = show_page (f);

  list = kl_test_template_child (page, KL_TYPE_TODAY_PAGE, "today_list");
  g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (list, 0));
  kl_test_iterate ();
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_assert_cmpint (kl_entity_get_id (KL_ENTITY (kl_activity_editor_get_activity (editor))), ==, f->planned_id);
  g_assert_cmpstr (gtk_editable_get_text (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "subject_row")),
                   ==, "Sastanak u Splitu");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (f->window));
  gtk_window_destroy (GTK_WINDOW (editor));
  kl_test_iterate ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "today.new-activity", NULL));
  kl_test_iterate ();
  editor = find_editor ();
  g_assert_nonnull (editor);
  g_assert_cmpint (kl_entity_get_id (KL_ENTITY (kl_activity_editor_get_activity (editor))), ==, 0);
}

/* The window: Today is a section in the sidebar, remembered as the last
 * one; win.new-activity opens the editor. */
static void
test_window_section (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  KlWindow *window;
  GtkStack *stack;
  GtkListBox *sidebar;
  g_autoptr(GtkSelectionModel) pages = NULL;
  guint today_index = G_MAXUINT;

  add_three_activities (f);
  g_settings_set_string (settings, "last-section", "clients");

  window = kl_window_new (NULL, f->session);
  gtk_window_present (GTK_WINDOW (window));
  kl_test_iterate ();
  stack = kl_test_template_child (window, KL_TYPE_WINDOW, "stack");
  sidebar = kl_test_template_child (window, KL_TYPE_WINDOW, "sidebar");
  /* A section not shown yet has no page: it is built when first shown. */
  g_assert_true (KL_IS_SECTION (gtk_stack_get_child_by_name (stack, "today")));
  g_assert_null (kl_section_peek_page (KL_SECTION (gtk_stack_get_child_by_name (stack, "today"))));
  g_assert_true (KL_IS_CLIENTS_PAGE (kl_section_peek_page (KL_SECTION (gtk_stack_get_child_by_name (stack, "clients")))));

  pages = gtk_stack_get_pages (stack);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkStackPage *page = GTK_STACK_PAGE (item);

      if (g_strcmp0 (gtk_stack_page_get_name (page), "today") == 0)
        {
          today_index = i;
          g_assert_cmpstr (gtk_stack_page_get_icon_name (page), !=, NULL);
          g_assert_cmpstr (gtk_stack_page_get_title (page), ==, "Today");
        }
    }
  g_assert_cmpuint (today_index, !=, G_MAXUINT);
  g_assert_nonnull (gtk_list_box_get_row_at_index (sidebar, today_index));

  /* Chosen in the sidebar, it shows; the page has the session's activities. */
  g_signal_emit_by_name (sidebar, "row-activated", gtk_list_box_get_row_at_index (sidebar, today_index));
  kl_test_iterate ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "today");
  g_assert_cmpstr (adw_window_title_get_title (kl_test_template_child (window, KL_TYPE_WINDOW, "content_title")), ==, "Today");
  g_assert_true (KL_IS_TODAY_PAGE (kl_section_peek_page (KL_SECTION (gtk_stack_get_child_by_name (stack, "today")))));
  g_assert_true (kl_window_get_page (window, "today") ==
                 kl_section_peek_page (KL_SECTION (gtk_stack_get_child_by_name (stack, "today"))));
  g_assert_cmpstr (group_count (KL_TODAY_PAGE (kl_window_get_page (window, "today")), "today_group"),
                   ==, "1 activity");

  /* Ctrl+Shift+A is bound to it. */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
    gboolean bound = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
          continue;
        for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
          {
            g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
            GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
            GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

            if (GTK_IS_NAMED_ACTION (action) && GTK_IS_KEYVAL_TRIGGER (trigger) &&
                g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "win.new-activity") == 0)
              {
                g_assert_cmpuint (gdk_keyval_to_lower (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger))),
                                  ==, GDK_KEY_a);
                g_assert_cmpuint (gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)),
                                  ==, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
                bound = TRUE;
              }
          }
      }
    g_assert_true (bound);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-activity", NULL));
  kl_test_iterate ();
  g_assert_nonnull (find_editor ());
  gtk_window_destroy (GTK_WINDOW (find_editor ()));
  kl_test_iterate ();

  /* Closed on Today, the next window opens on Today. */
  gtk_window_close (GTK_WINDOW (window));
  kl_test_iterate ();
  {
    g_autofree char *last = g_settings_get_string (settings, "last-section");

    g_assert_cmpstr (last, ==, "today");
  }
  f->window = GTK_WIDGET (kl_window_new (NULL, f->session));
  gtk_window_present (GTK_WINDOW (f->window));
  kl_test_iterate ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (kl_test_template_child (f->window, KL_TYPE_WINDOW, "stack")), ==, "today");
}

static void
test_editor_validates (Fixture       *f,
                       gconstpointer  data)
{
  KlActivityEditor *editor = show_editor (kl_activity_editor_new (f->session, NULL));
  GtkWidget *save = kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "save_button");
  GtkWidget *reason = kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "subject_error_label");
  GtkWidget *client_reason = kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "client_error_label");
  GtkSpinButton *hour = kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "hour_spin");
  GtkSpinButton *minute = kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "minute_spin");
  GtkWidget *subject = kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "subject_row");

  /* A new form: no Save yet, but not red before anything was typed. */
  g_assert_false (kl_activity_editor_get_valid (editor));
  g_assert_false (gtk_widget_is_sensitive (save));
  g_assert_false (gtk_widget_get_visible (reason));

  set_text (subject, "Nazvati Anu");
  g_assert_true (kl_activity_editor_get_valid (editor));
  g_assert_true (gtk_widget_is_sensitive (save));

  /* Emptied: no Save, and the reason beside the field. */
  set_text (subject, "");
  g_assert_false (kl_activity_editor_get_valid (editor));
  g_assert_false (gtk_widget_is_sensitive (save));
  g_assert_true (gtk_widget_get_visible (reason));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (reason)), ==, "Enter a subject.");
  g_assert_true (gtk_widget_has_css_class (subject, "error"));

  set_text (subject, "Nazvati Anu");
  g_assert_true (kl_activity_editor_get_valid (editor));
  g_assert_true (gtk_widget_is_sensitive (save));
  g_assert_false (gtk_widget_get_visible (reason));
  g_assert_false (gtk_widget_has_css_class (subject, "error"));

  /* Only white space is still empty. */
  set_text (subject, "   ");
  g_assert_false (gtk_widget_is_sensitive (save));
  g_assert_true (gtk_widget_get_visible (reason));

  /* Too long. */
  {
    g_autofree char *long_subject = g_strnfill (501, 'x');

    set_text (subject, long_subject);
    g_assert_false (gtk_widget_is_sensitive (save));
    g_assert_true (gtk_widget_get_visible (reason));
  }
  set_text (subject, "Nazvati Anu");
  g_assert_true (gtk_widget_is_sensitive (save));

  /* The time cannot leave its range. */
  gtk_spin_button_set_value (hour, 99);
  gtk_spin_button_set_value (minute, -5);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (hour), ==, 23);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (minute), ==, 0);

  /* A client typed but not chosen from the list. */
  set_text (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "client_entry"), "Nepostojeći klijent");
  g_assert_false (gtk_widget_is_sensitive (save));
  g_assert_true (gtk_widget_get_visible (client_reason));
  set_text (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "client_entry"), "");
  g_assert_true (gtk_widget_is_sensitive (save));
  g_assert_false (gtk_widget_get_visible (client_reason));

  /* Saving an invalid form does nothing. */
  set_text (subject, "");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM activities"), ==, 0);
}

static void
on_saved_cb (KlActivityEditor *editor,
             KlActivity       *activity,
             gint64           *saved_id)
{
  *saved_id = kl_entity_get_id (KL_ENTITY (activity));
}

static void
test_editor_saves (Fixture       *f,
                   gconstpointer  data)
{
  KlActivityEditor *editor;
  g_autoptr(GDateTime) tomorrow = NULL;
  gint64 saved_id = 0;
  g_autofree char *sql = NULL;
  g_autofree char *starts_at = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *kind = NULL;
  AdwComboRow *contact_row;
  AdwComboRow *deal_row;

  editor = show_editor (kl_activity_editor_new_for_client (f->session, f->client_id, "meeting"));
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &saved_id);

  /* The client is chosen: its name shows, its contacts and deals are offered. */
  g_assert_cmpstr (gtk_editable_get_text (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "client_entry")),
                   ==, "Jadran d.o.o.");
  contact_row = kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "contact_row");
  deal_row = kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "deal_row");
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (contact_row)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (deal_row)), ==, 2);
  g_assert_cmpuint (adw_combo_row_get_selected (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "kind_row")),
                    ==, 1);  /* meeting */
  g_assert_false (kl_activity_editor_get_modified (editor));

  set_text (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "subject_row"), "Sastanak o isporuci");
  g_assert_true (kl_activity_editor_get_modified (editor));
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    tomorrow = g_date_time_add_days (now, 1);
  }
  gtk_calendar_select_day (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "calendar"), tomorrow);
  gtk_spin_button_set_value (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "hour_spin"), 15);
  gtk_spin_button_set_value (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "minute_spin"), 30);
  gtk_spin_button_set_value (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "duration_spin"), 90);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GtkStringObject) label = g_list_model_get_item (adw_combo_row_get_model (contact_row), i);

      if (g_strcmp0 (gtk_string_object_get_string (label), "Ivo Babić") == 0)
        adw_combo_row_set_selected (contact_row, i);
    }
  adw_combo_row_set_selected (deal_row, 1);
  set_text (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "outcome_row"), "  Dogovoreno  ");
  kl_test_iterate ();

  g_assert_true (gtk_widget_is_sensitive (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "save_button")));
  click (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "save_button"));

  g_assert_cmpint (saved_id, >, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM activities"), ==, 1);
  sql = g_strdup_printf ("SELECT starts_at FROM activities WHERE id = %" G_GINT64_FORMAT, saved_id);
  starts_at = query_text (f, sql);
  expected = g_strdup_printf ("%sT15:30:00", f->tomorrow);
  g_assert_cmpstr (starts_at, ==, expected);
  kind = query_text (f, "SELECT kind || '|' || status || '|' || subject || '|' || outcome FROM activities");
  g_assert_cmpstr (kind, ==, "meeting|planned|Sastanak o isporuci|Dogovoreno");
  g_assert_cmpint (query_int (f, "SELECT client_id FROM activities"), ==, f->client_id);
  g_assert_cmpint (query_int (f, "SELECT contact_id FROM activities"), ==, f->other_contact_id);
  g_assert_cmpint (query_int (f, "SELECT deal_id FROM activities"), ==, f->deal_id);
  g_assert_cmpint (query_int (f, "SELECT duration_minutes FROM activities"), ==, 90);
  g_assert_null (query_text (f, "SELECT notes FROM activities"));
}

/* Referrals asked, as the KPIs count them over every day. */
static guint
referrals_asked (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlKpis) kpis = kl_kpis_compute (kl_session_get_database (f->session), "2000-01-01", "2099-12-31",
                                            0, f->today, &error);

  g_assert_no_error (error);
  return (guint)kpis->figures[KL_KPI_REFERRALS_ASKED].actual;
}

/* "Asked for a referral": offered for calls and meetings only, saved, and
 * counted by the KPIs once the activity is done; a kind that asks for no
 * referral drops the mark. */
static void
test_editor_referral (Fixture       *f,
                      gconstpointer  data)
{
  KlStore *store = kl_session_get_store (f->session, KL_TYPE_ACTIVITY);
  KlActivityEditor *editor = kl_activity_editor_new_for_client (f->session, f->client_id, "call");
  g_autoptr(KlEntity) saved = NULL;
  AdwComboRow *kind_row;
  GtkWidget *row, *toggle;
  gint64 id = 0;

  kl_activity_editor_set_status (editor, "done");
  show_editor (editor);
  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &id);
  kind_row = kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "kind_row");
  row = kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "referral_row");
  toggle = kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "referral_switch");
  g_assert_true (gtk_widget_get_visible (row));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));

  /* An e-mail asks for none: the switch goes away; back to a meeting, it is there. */
  adw_combo_row_set_selected (kind_row, 2);
  kl_test_iterate ();
  g_assert_false (gtk_widget_get_visible (row));
  adw_combo_row_set_selected (kind_row, 1);
  kl_test_iterate ();
  g_assert_true (gtk_widget_get_visible (row));

  /* The row, as Space or Enter on it, toggles the switch (at the end of
   * its animation). */
  adw_action_row_activate (ADW_ACTION_ROW (row));
  for (guint i = 0; i < 100 && !gtk_switch_get_active (GTK_SWITCH (toggle)); i++)
    kl_test_wait_ms (20);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  g_assert_true (kl_activity_editor_get_modified (editor));
  set_text (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "subject_row"), "Pitao za preporuku");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (query_int (f, "SELECT referral_asked FROM activities WHERE kind = 'meeting'"), ==, 1);
  g_assert_cmpuint (referrals_asked (f), ==, 1);

  /* Opened again, the mark shows; made planned, the KPIs no longer count it. */
  saved = kl_store_get (store, id, NULL);
  editor = show_editor (kl_activity_editor_new (f->session, KL_ACTIVITY (saved)));
  toggle = kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "referral_switch");
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  adw_combo_row_set_selected (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "status_row"), 0);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  g_assert_cmpint (query_int (f, "SELECT referral_asked FROM activities"), ==, 1);
  g_assert_cmpuint (referrals_asked (f), ==, 0);

  /* Made an e-mail, done: the mark is gone, in the editor and the model. */
  g_clear_object (&saved);
  saved = kl_store_get (store, id, NULL);
  editor = show_editor (kl_activity_editor_new (f->session, KL_ACTIVITY (saved)));
  adw_combo_row_set_selected (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "kind_row"), 2);
  adw_combo_row_set_selected (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "status_row"), 1);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  g_assert_cmpint (query_int (f, "SELECT referral_asked FROM activities"), ==, 0);
  g_assert_cmpuint (referrals_asked (f), ==, 0);

  /* The model alone: another kind never keeps the mark. */
  g_clear_object (&saved);
  saved = kl_store_get (store, id, NULL);
  kl_entity_set_number (saved, "referral_asked", 1);
  g_assert_true (kl_store_update (store, saved, NULL));
  g_assert_cmpint (query_int (f, "SELECT referral_asked FROM activities"), ==, 0);
}

/* Typing in the client field lists matches; Enter takes the first one. */
static void
test_editor_client_picker (Fixture       *f,
                           gconstpointer  data)
{
  KlActivityEditor *editor = show_editor (kl_activity_editor_new (f->session, NULL));
  GtkWidget *entry = kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "client_entry");
  GtkWidget *popover = kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "client_popover");
  AdwComboRow *contact_row = kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "contact_row");
  GListModel *matches;

  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (contact_row)));

  gtk_widget_grab_focus (entry);
  set_text (entry, "jadr");
  for (guint i = 0; i < WAIT_SECONDS * 10 && !gtk_widget_get_visible (popover); i++)
    kl_test_wait_ms (100);
  g_assert_true (gtk_widget_get_visible (popover));
  matches = G_LIST_MODEL (gtk_list_view_get_model (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "client_list_view")));
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 1);
  /* Not chosen yet: not valid, though no reason is shown while choosing. */
  g_assert_false (kl_activity_editor_get_valid (editor));
  g_assert_false (gtk_widget_get_visible (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "client_error_label")));

  g_signal_emit_by_name (entry, "activate");
  kl_test_iterate ();
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "Jadran d.o.o.");
  g_assert_false (gtk_widget_get_visible (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "client_error_label")));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (contact_row)));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (contact_row)), ==, 3);

  /* Editing the name lets go of the client. */
  set_text (entry, "Jadran d.o");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (contact_row)));
  g_assert_true (gtk_widget_get_visible (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "client_error_label")));
}

/* An existing activity: fields loaded, an update rather than an insert. */
static void
test_editor_edits (Fixture       *f,
                   gconstpointer  data)
{
  KlStore *store = kl_session_get_store (f->session, KL_TYPE_ACTIVITY);
  g_autoptr(KlActivity) activity = NULL;
  KlActivityEditor *editor;
  g_autofree char *subject = NULL;

  add_three_activities (f);
  activity = kl_store_get (store, f->planned_id, NULL);
  editor = show_editor (kl_activity_editor_new (f->session, activity));

  g_assert_cmpstr (gtk_editable_get_text (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "subject_row")),
                   ==, "Sastanak u Splitu");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "hour_spin")), ==, 10);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "minute_spin")), ==, 30);
  g_assert_cmpuint (adw_combo_row_get_selected (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "contact_row")), >, 0);
  g_assert_true (kl_activity_editor_get_valid (editor));
  g_assert_false (kl_activity_editor_get_modified (editor));

  /* Status done. */
  adw_combo_row_set_selected (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "status_row"), 1);
  g_assert_true (kl_activity_editor_get_modified (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();

  g_assert_cmpint (query_int (f, "SELECT count(*) FROM activities"), ==, 3);
  subject = query_text (f, "SELECT subject || '|' || status || '|' || starts_at FROM activities WHERE kind = 'meeting'");
  g_assert_true (g_str_has_prefix (subject, "Sastanak u Splitu|done|"));
  g_assert_true (g_str_has_suffix (subject, "T10:30:00"));
}

/* Closing with unsaved changes asks; Escape without changes just closes. */
static void
test_editor_close_asks (Fixture       *f,
                        gconstpointer  data)
{
  KlActivityEditor *editor = show_editor (kl_activity_editor_new (f->session, NULL));
  GList *toplevels;
  guint n_before;

  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *)&editor);
  gtk_window_close (GTK_WINDOW (editor));
  kl_test_iterate ();
  g_assert_null (editor);

  editor = show_editor (kl_activity_editor_new (f->session, NULL));
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *)&editor);
  set_text (kl_test_template_child (editor, KL_TYPE_ACTIVITY_EDITOR, "subject_row"), "Nešto");
  toplevels = gtk_window_list_toplevels ();
  n_before = g_list_length (toplevels);
  g_list_free (toplevels);

  gtk_window_close (GTK_WINDOW (editor));
  kl_test_iterate ();
  g_assert_nonnull (editor);  /* still open: a question instead */
  toplevels = gtk_window_list_toplevels ();
  g_assert_cmpuint (g_list_length (toplevels), ==, n_before + 1);
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data))
      adw_message_dialog_response (l->data, "discard");
  g_list_free (toplevels);
  kl_test_iterate ();
  g_assert_null (editor);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM activities"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/today/templates", Fixture, NULL, fixture_set_up, test_templates, fixture_tear_down);
  g_test_add ("/today/page/groups", Fixture, NULL, fixture_set_up, test_groups, fixture_tear_down);
  g_test_add ("/today/page/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/today/page/mark-done", Fixture, NULL, fixture_set_up, test_mark_done, fixture_tear_down);
  g_test_add ("/today/page/mark-done-today", Fixture, NULL,
              fixture_set_up, test_mark_done_moves_to_done_today, fixture_tear_down);
  g_test_add ("/today/page/show-more", Fixture, NULL, fixture_set_up, test_show_more, fixture_tear_down);
  g_test_add ("/today/editor/logs", Fixture, NULL, fixture_set_up, test_editor_logs, fixture_tear_down);
  g_test_add ("/today/page/opens-editor", Fixture, NULL,
              fixture_set_up, test_page_opens_editor, fixture_tear_down);
  g_test_add ("/today/window/section", Fixture, NULL,
              fixture_set_up, test_window_section, fixture_tear_down);
  g_test_add ("/today/editor/validates", Fixture, NULL,
              fixture_set_up, test_editor_validates, fixture_tear_down);
  g_test_add ("/today/editor/saves", Fixture, NULL, fixture_set_up, test_editor_saves, fixture_tear_down);
  g_test_add ("/today/editor/referral", Fixture, NULL, fixture_set_up, test_editor_referral, fixture_tear_down);
  g_test_add ("/today/editor/client-picker", Fixture, NULL,
              fixture_set_up, test_editor_client_picker, fixture_tear_down);
  g_test_add ("/today/editor/edits", Fixture, NULL, fixture_set_up, test_editor_edits, fixture_tear_down);
  g_test_add ("/today/editor/close-asks", Fixture, NULL,
              fixture_set_up, test_editor_close_asks, fixture_tear_down);

  return g_test_run ();
}
