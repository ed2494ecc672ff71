/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kl-chart-view.h"
#include "kl-complaint-editor.h"
#include "kl-complaint-list.h"
#include "kl-complaints-page.h"
#include "kl-entities.h"
#include "kl-format.h"
#include "kl-test-gui.h"
#include "kl-window.h"

/* The Complaints section and the complaint editor: real widgets under
 * Xvfb. A complaint registered with Ctrl+N and keys, then taken through
 * in progress to resolved; it leaves the open list and the analysis's
 * average days to resolve changes. */

typedef struct {
  char      *dir;
  KlSession *session;
  gint64     client_id;
} Fixture;

static char *
days_ago (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = NULL;
  g_autoptr(KlEntity) old = NULL;
  g_autofree char *received = days_ago (20), *resolved = days_ago (10), *open = days_ago (16);

  f->session = kl_test_open_session ("complaints-gui", &f->dir, NULL);
  client = kl_session_new_entity (f->session, KL_TYPE_CLIENT);
  kl_entity_set_text (client, "name", "Jadran d.o.o.");
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_CLIENT), client, &error));
  g_assert_no_error (error);
  f->client_id = kl_entity_get_id (client);
  if (data != NULL)
    return;   /* the client alone */

  /* One resolved in ten days: the average before. */
  old = kl_session_new_entity (f->session, KL_TYPE_COMPLAINT);
  kl_entity_set_number (old, "client_id", f->client_id);
  kl_entity_set_text (old, "received_date", received);
  kl_entity_set_text (old, "status", "resolved");
  kl_entity_set_text (old, "description", "Kasni isporuka");
  kl_entity_set_text (old, "resolution", "Isporučeno");
  kl_entity_set_text (old, "resolved_date", resolved);
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_COMPLAINT), old, &error));
  g_assert_no_error (error);
  g_clear_object (&old);

  /* One open for sixteen days: overdue. */
  old = kl_session_new_entity (f->session, KL_TYPE_COMPLAINT);
  kl_entity_set_number (old, "client_id", f->client_id);
  kl_entity_set_text (old, "received_date", open);
  kl_entity_set_text (old, "category", "billing");
  kl_entity_set_text (old, "description", "Pogrešan iznos na računu");
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_COMPLAINT), old, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_destroy_toplevels ();
  kl_test_close_session (&f->session, &f->dir, NULL);
}

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  return kl_test_template_child (widget, type, name);
}

static void
wait_closed (gpointer editor)
{
  for (int i = 0; i < 50 && kl_test_find_toplevel (KL_TYPE_COMPLAINT_EDITOR) == editor; i++)
    kl_test_wait_ms (50);
  g_assert_true (kl_test_find_toplevel (KL_TYPE_COMPLAINT_EDITOR) != editor);
}

static const char *
status_label (KlComplaintEditor *editor,
              guint              i)
{
  GListModel *model = adw_combo_row_get_model (child (editor, KL_TYPE_COMPLAINT_EDITOR, "status_row"));

  return gtk_string_list_get_string (GTK_STRING_LIST (model), i);
}

/* Whether a list cell of @widget's shows @text. */
static gboolean
shows_cell (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_INSCRIPTION (widget) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (shows_cell (c, text))
      return TRUE;
  return FALSE;
}

static KlComplaintEditor *
open_first (KlComplaintsPage *page)
{
  GtkColumnView *view = child (page, KL_TYPE_COMPLAINTS_PAGE, "column_view");
  KlComplaintEditor *editor;

  g_signal_emit_by_name (view, "activate", 0);
  kl_test_wait_ms (100);
  editor = kl_test_find_toplevel (KL_TYPE_COMPLAINT_EDITOR);
  g_assert_nonnull (editor);
  return editor;
}

static void
test_register_and_resolve (Fixture       *f,
                           gconstpointer  data)
{
  KlWindow *window = kl_window_new (NULL, f->session);
  KlComplaintsPage *page;
  KlQueryList *list;
  KlComplaintEditor *editor;
  GtkLabel *average;
  GtkDropDown *state;
  g_autoptr(KlEntity) first = NULL;
  g_autoptr(KlEntity) stored = NULL;
  gint64 id;

  gtk_window_present (GTK_WINDOW (window));
  gtk_stack_set_visible_child_name (child (window, KL_TYPE_WINDOW, "stack"), "complaints");
  kl_test_iterate ();
  page = KL_COMPLAINTS_PAGE (kl_window_get_page (window, "complaints"));
  g_assert_nonnull (page);
  list = kl_complaints_page_get_list (page);
  average = child (page, KL_TYPE_COMPLAINTS_PAGE, "average_label");
  state = child (page, KL_TYPE_COMPLAINTS_PAGE, "state_dropdown");
  kl_test_wait_ms (200);

  /* The open one, sixteen days old, says so in words. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_true (kl_complaint_is_old (first));
  g_assert_true (shows_cell (GTK_WIDGET (page), "16 — overdue"));
  g_assert_cmpstr (gtk_label_get_text (average), ==, "10.0 days (of 1 resolved)");
  g_assert_cmpstr (gtk_label_get_text (child (page, KL_TYPE_COMPLAINTS_PAGE, "old_label")), ==, "1");

  /* Ctrl+N: a new complaint, the client picked by keys. */
  kl_test_press_keys (GTK_WINDOW (window), "ctrl+n");
  editor = kl_test_find_toplevel (KL_TYPE_COMPLAINT_EDITOR);
  g_assert_nonnull (editor);
  g_assert_false (gtk_widget_is_sensitive (child (editor, KL_TYPE_COMPLAINT_EDITOR, "save_button")));
  kl_test_press_keys (GTK_WINDOW (editor), "J a d r a n");
  kl_test_wait_ms (300);
  kl_test_press_keys (GTK_WINDOW (editor), "Down Return");
  /* A new one may be recorded in any status. */
  g_assert_cmpstr (status_label (editor, 3), ==, "Rejected");
  gtk_widget_grab_focus (child (editor, KL_TYPE_COMPLAINT_EDITOR, "description_view"));
  kl_test_press_keys (GTK_WINDOW (editor), "B r o k e n space s e a l");
  g_assert_true (gtk_widget_is_sensitive (child (editor, KL_TYPE_COMPLAINT_EDITOR, "save_button")));
  kl_test_press_keys (GTK_WINDOW (editor), "ctrl+s");
  wait_closed (editor);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  /* The newest (0 days) comes after the oldest open one. */
  kl_query_list_set_sort (list, "received", TRUE);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (kl_entity_get_text (first, "description"), ==, "Broken seal");
  g_assert_cmpint (kl_entity_get_number (first, "client_id"), ==, f->client_id);
  g_assert_false (kl_complaint_is_old (first));
  id = kl_entity_get_id (first);

  /* New → in progress: resolving is not offered yet. */
  editor = open_first (page);
  g_assert_cmpstr (status_label (editor, 0), ==, "New");
  g_assert_cmpstr (status_label (editor, 1), ==, "In progress");
  g_assert_cmpstr (status_label (editor, 2), ==, "Rejected");
  adw_combo_row_set_selected (child (editor, KL_TYPE_COMPLAINT_EDITOR, "status_row"), 1);
  kl_test_press_keys (GTK_WINDOW (editor), "ctrl+s");
  wait_closed (editor);

  /* In progress → resolved: the date is today's, the resolution asked for. */
  editor = open_first (page);
  g_assert_cmpstr (status_label (editor, 1), ==, "Resolved");
  adw_combo_row_set_selected (child (editor, KL_TYPE_COMPLAINT_EDITOR, "status_row"), 1);
  kl_test_iterate ();
  g_assert_true (gtk_widget_get_visible (child (editor, KL_TYPE_COMPLAINT_EDITOR, "resolution_row")));
  g_assert_cmpstr (gtk_editable_get_text (child (editor, KL_TYPE_COMPLAINT_EDITOR, "resolved_date_row")), !=, "");
  g_assert_false (gtk_widget_is_sensitive (child (editor, KL_TYPE_COMPLAINT_EDITOR, "save_button")));
  g_assert_cmpstr (gtk_label_get_label (child (editor, KL_TYPE_COMPLAINT_EDITOR, "resolution_error")), ==,
                   "Resolution: Required once the complaint is resolved.");
  gtk_widget_grab_focus (child (editor, KL_TYPE_COMPLAINT_EDITOR, "resolution_row"));
  kl_test_press_keys (GTK_WINDOW (editor), "R e p l a c e d");
  g_assert_true (gtk_widget_is_sensitive (child (editor, KL_TYPE_COMPLAINT_EDITOR, "save_button")));
  kl_test_press_keys (GTK_WINDOW (editor), "ctrl+s");
  wait_closed (editor);

  stored = kl_store_get (kl_session_get_store (f->session, KL_TYPE_COMPLAINT), id, NULL);
  g_assert_cmpstr (kl_entity_get_text (stored, "status"), ==, "resolved");
  g_assert_cmpstr (kl_entity_get_text (stored, "resolution"), ==, "Replaced");
  g_assert_nonnull (kl_entity_get_text (stored, "resolved_date"));

  /* Out of the open list; the average of 10 and 0 days. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (average), ==, "5.0 days (of 2 resolved)");
  g_assert_cmpuint (kl_complaints_page_get_stats (page)->resolved, ==, 2);
  gtk_drop_down_set_selected (state, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  gtk_drop_down_set_selected (state, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
}


static void
add_complaint (Fixture    *f,
               const char *received,
               const char *resolved)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) complaint = kl_session_new_entity (f->session, KL_TYPE_COMPLAINT);

  kl_entity_set_number (complaint, "client_id", f->client_id);
  kl_entity_set_text (complaint, "received_date", received);
  kl_entity_set_text (complaint, "description", "Oštećena ambalaža");
  if (resolved != NULL)
    {
      kl_entity_set_text (complaint, "status", "resolved");
      kl_entity_set_text (complaint, "resolution", "Zamijenjeno");
      kl_entity_set_text (complaint, "resolved_date", resolved);
    }
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_COMPLAINT), complaint, &error));
  g_assert_no_error (error);
}

static void
assert_period_title (KlComplaintsPage *page,
                     const char       *from,
                     const char       *to)
{
  g_autofree char *from_text = kl_format_date (from);
  g_autofree char *to_text = kl_format_date (to);
  g_autofree char *title = g_strdup_printf ("%s – %s", from_text, to_text);

  g_assert_cmpstr (adw_preferences_group_get_title (child (page, KL_TYPE_COMPLAINTS_PAGE, "figures_group")), ==,
                   title);
}

/* The analysis's period picker: each period counts what was received in
 * it and says which days it covers; the last twelve months are whole
 * months, as the chart's. */
static void
test_period (Fixture       *f,
             gconstpointer  data)
{
  KlWindow *window = kl_window_new (NULL, f->session);
  KlComplaintsPage *page;
  GtkLabel *received, *average;
  GtkDropDown *picker;

  add_complaint (f, "2026-08-01", "2026-08-05");
  add_complaint (f, "2026-05-10", NULL);
  add_complaint (f, "2026-01-20", NULL);
  add_complaint (f, "2025-09-01", NULL);
  add_complaint (f, "2025-06-01", NULL);

  gtk_window_present (GTK_WINDOW (window));
  gtk_stack_set_visible_child_name (child (window, KL_TYPE_WINDOW, "stack"), "complaints");
  kl_test_iterate ();
  page = KL_COMPLAINTS_PAGE (kl_window_get_page (window, "complaints"));
  received = child (page, KL_TYPE_COMPLAINTS_PAGE, "received_label");
  average = child (page, KL_TYPE_COMPLAINTS_PAGE, "average_label");
  picker = kl_complaints_page_get_period_picker (page);
  kl_complaints_page_set_today (page, "2026-08-15");

  /* The default: the twelve whole months to August. */
  g_assert_cmpuint (gtk_drop_down_get_selected (picker), ==, KL_PERIOD_LAST_12_MONTHS);
  g_assert_cmpstr (gtk_label_get_text (received), ==, "4");
  assert_period_title (page, "2025-09-01", "2026-08-31");
  g_assert_cmpuint (kl_complaints_page_get_stats (page)->n_months, ==, 12);

  /* The chart's months from the keyboard (KlChartView on KlChartItems):
   * from nothing Right is the first, never past the ends; a period
   * without the month leaves none. */
  {
    GtkWidget *chart = child (page, KL_TYPE_COMPLAINTS_PAGE, "chart_view");

    gtk_stack_set_visible_child_name (child (page, KL_TYPE_COMPLAINTS_PAGE, "view_stack"), "analysis");
    kl_test_iterate ();
    gtk_widget_grab_focus (chart);
    g_assert_true (gtk_widget_has_focus (chart));
    g_assert_cmpint (kl_chart_view_get_part (KL_CHART_VIEW (chart)), ==, -1);
    gtk_widget_activate_action (chart, "chart.move", "i", 1);
    g_assert_cmpint (kl_chart_view_get_part (KL_CHART_VIEW (chart)), ==, 0);
    for (guint i = 0; i < 20; i++)
      gtk_widget_activate_action (chart, "chart.move", "i", 1);
    g_assert_cmpint (kl_chart_view_get_part (KL_CHART_VIEW (chart)), ==, 11);
    gtk_widget_activate_action (chart, "chart.move", "i", -1);
    g_assert_cmpint (kl_chart_view_get_part (KL_CHART_VIEW (chart)), ==, 10);
    gtk_widget_activate_action (chart, "chart.move", "i", -20);
    g_assert_cmpint (kl_chart_view_get_part (KL_CHART_VIEW (chart)), ==, 0);
    kl_chart_view_set_part (KL_CHART_VIEW (chart), 10);
    gtk_drop_down_set_selected (picker, KL_PERIOD_THIS_QUARTER);
    g_assert_cmpint (kl_chart_view_get_part (KL_CHART_VIEW (chart)), ==, -1);
    gtk_widget_activate_action (chart, "chart.move", "i", -1);
    g_assert_cmpint (kl_chart_view_get_part (KL_CHART_VIEW (chart)), ==, 2);
    gtk_drop_down_set_selected (picker, KL_PERIOD_LAST_12_MONTHS);
  }

  gtk_drop_down_set_selected (picker, KL_PERIOD_THIS_QUARTER);
  g_assert_cmpstr (gtk_label_get_text (received), ==, "1");
  g_assert_cmpstr (gtk_label_get_text (average), ==, "4.0 days (of 1 resolved)");
  assert_period_title (page, "2026-07-01", "2026-09-30");
  g_assert_cmpuint (kl_complaints_page_get_stats (page)->n_months, ==, 3);

  kl_complaints_page_set_period (page, KL_PERIOD_LAST_QUARTER);
  g_assert_cmpstr (gtk_label_get_text (received), ==, "1");
  g_assert_cmpstr (gtk_label_get_text (average), ==, "None resolved");
  assert_period_title (page, "2026-04-01", "2026-06-30");

  kl_complaints_page_set_period (page, KL_PERIOD_THIS_YEAR);
  g_assert_cmpstr (gtk_label_get_text (received), ==, "3");
  assert_period_title (page, "2026-01-01", "2026-12-31");

  /* A complaint written reads the period picked again. */
  add_complaint (f, "2026-02-02", NULL);
  g_assert_cmpstr (gtk_label_get_text (received), ==, "4");
  g_assert_cmpuint (gtk_drop_down_get_selected (picker), ==, KL_PERIOD_THIS_YEAR);

  /* Reached from the keyboard. */
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (picker)) || gtk_widget_get_focusable (gtk_widget_get_first_child (GTK_WIDGET (picker))));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/complaints/register-and-resolve", Fixture, NULL, fixture_set_up,
              test_register_and_resolve, fixture_tear_down);
  g_test_add ("/gui/complaints/period", Fixture, "client alone", fixture_set_up, test_period, fixture_tear_down);

  return g_test_run ();
}
