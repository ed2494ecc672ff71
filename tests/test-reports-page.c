/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kl-client-list.h"
#include "kl-clients-page.h"
#include "kl-contracts-page.h"
#include "kl-deals-page.h"
#include "kl-demo.h"
#include "kl-format.h"
#include "kl-list-export.h"
#include "kl-reports-page.h"
#include "kl-test-gui.h"
#include "kl-window.h"

/* The Reports section and "Export This List", as real widgets: the export
 * runs in its thread while the window stays live, Cancel leaves nothing,
 * and the list's export holds exactly the list. Workbooks are read back
 * by tests/check-workbook.py. */

typedef struct {
  KlSession *session;
  char      *dir;
  char      *db_path;
  GtkWindow *window;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->session = kl_test_open_session ("reports-page", &f->dir, &f->db_path);
  g_assert_true (kl_demo_seed (f->session, 120, NULL, &error));
  g_assert_no_error (error);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 900, 800);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_destroy_toplevels ();
  kl_test_close_session (&f->session, &f->dir, &f->db_path);
}

static void
check_workbook (const char *db_path,
                const char *xlsx,
                const char *lang,
                ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;
  va_list args;
  const char *arg;

  g_ptr_array_add (argv, g_strdup ("/usr/bin/python3"));
  g_ptr_array_add (argv, g_test_build_filename (G_TEST_DIST, "check-workbook.py", NULL));
  g_ptr_array_add (argv, g_strdup (db_path));
  g_ptr_array_add (argv, g_strdup (xlsx));
  g_ptr_array_add (argv, g_strdup (lang));
  va_start (args, lang);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("check-workbook.py %s %s:\n%s%s", xlsx, lang, out, err);
}

static void
wait_until_idle (KlReportsPage *page)
{
  for (guint i = 0; i < 3000 && kl_reports_page_is_busy (page); i++)
    kl_test_wait_ms (10);
  g_assert_false (kl_reports_page_is_busy (page));
  kl_test_iterate ();
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  KlReportsPage *page = g_object_new (KL_TYPE_REPORTS_PAGE, NULL);
  g_autofree char *path = g_build_filename (f->dir, "report.xlsx", NULL);
  GtkProgressBar *progress = kl_test_template_child (page, KL_TYPE_REPORTS_PAGE, "progress_bar");

  kl_page_set_session (KL_PAGE (page), f->session);
  gtk_window_set_child (f->window, GTK_WIDGET (page));
  gtk_window_present (f->window);
  kl_test_iterate ();

  /* Every sheet by default; all dates, all managers, Russian */
  g_assert_cmpint (kl_reports_page_get_sheets (page), ==, KL_WORKBOOK_ALL);
  adw_combo_row_set_selected (kl_test_template_child (page, KL_TYPE_REPORTS_PAGE, "period_row"), KL_REPORT_PERIOD_ALL);
  adw_combo_row_set_selected (kl_test_template_child (page, KL_TYPE_REPORTS_PAGE, "language_row"), 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (progress)));

  kl_reports_page_export_to (page, path);
  g_assert_true (kl_reports_page_is_busy (page));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (progress)));
  wait_until_idle (page);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (progress)));
  check_workbook (f->db_path, path, "ru", NULL);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  KlReportsPage *page = g_object_new (KL_TYPE_REPORTS_PAGE, NULL);
  g_autofree char *path = g_build_filename (f->dir, "report.xlsx", NULL);
  g_autofree char *contents = NULL;

  kl_page_set_session (KL_PAGE (page), f->session);
  gtk_window_set_child (f->window, GTK_WIDGET (page));
  gtk_window_present (f->window);
  kl_test_iterate ();
  g_assert_true (g_file_set_contents (path, "the old one", -1, NULL));

  kl_reports_page_export_to (page, path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reports.cancel", NULL));
  wait_until_idle (page);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "the old one");

  /* Only the ticked sheets */
  kl_reports_page_set_sheets (page, KL_WORKBOOK_CLIENTS);
  adw_combo_row_set_selected (kl_test_template_child (page, KL_TYPE_REPORTS_PAGE, "language_row"), 2);
  kl_reports_page_export_to (page, path);
  wait_until_idle (page);
  check_workbook (f->db_path, path, "en", "--sheets", "1", NULL);
}

static void
select_day (KlReportsPage *page,
            const char    *calendar,
            const char    *iso)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autofree char *text = g_strconcat (iso, "T12:00:00", NULL);
  g_autoptr(GDateTime) day = g_date_time_new_from_iso8601 (text, tz);

  g_assert_nonnull (day);
  gtk_calendar_select_day (kl_test_template_child (page, KL_TYPE_REPORTS_PAGE, calendar), day);
  kl_test_iterate ();
}

/* Dates of one's choice: two days picked on calendars; a period that
 * ends before it begins is said beside them and nothing is exported. */
static void
test_custom_dates (Fixture       *f,
                   gconstpointer  data)
{
  GType T = KL_TYPE_REPORTS_PAGE;
  KlReportsPage *page = g_object_new (KL_TYPE_REPORTS_PAGE, NULL);
  g_autofree char *path = g_build_filename (f->dir, "march.xlsx", NULL);
  g_autofree char *wrong = g_build_filename (f->dir, "wrong.xlsx", NULL);
  g_autofree char *from_shown = kl_format_date ("2026-03-01");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *today_shown = kl_format_date (today);
  GtkWidget *from_row = kl_test_template_child (page, T, "from_row");
  GtkWidget *to_row = kl_test_template_child (page, T, "to_row");
  GtkWidget *error = kl_test_template_child (page, T, "period_error");

  kl_page_set_session (KL_PAGE (page), f->session);
  gtk_window_set_child (f->window, GTK_WIDGET (page));
  gtk_window_present (f->window);
  kl_test_iterate ();

  /* The days are asked for only when chosen; they start at today. */
  g_assert_false (gtk_widget_get_visible (from_row));
  adw_combo_row_set_selected (kl_test_template_child (page, T, "period_row"), KL_REPORT_PERIOD_CUSTOM);
  kl_test_iterate ();
  g_assert_true (gtk_widget_get_visible (from_row));
  g_assert_true (gtk_widget_get_visible (to_row));
  g_assert_cmpstr (gtk_menu_button_get_label (kl_test_template_child (page, T, "to_button")), ==, today_shown);

  select_day (page, "from_calendar", "2026-03-01");
  select_day (page, "to_calendar", "2026-02-27");
  g_assert_cmpstr (gtk_menu_button_get_label (kl_test_template_child (page, T, "from_button")), ==, from_shown);
  g_assert_true (gtk_widget_get_visible (error));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error)), ==,
                   "The period ends before it begins: choose a “To” day on or after the “From” day.");
  g_assert_false (gtk_widget_get_sensitive (kl_test_find_button (page, "_Export…")));
  kl_reports_page_export_to (page, wrong);
  g_assert_false (kl_reports_page_is_busy (page));
  kl_test_iterate ();
  g_assert_false (g_file_test (wrong, G_FILE_TEST_EXISTS));

  /* The same day at both ends is a period of one day. */
  select_day (page, "to_calendar", "2026-03-01");
  g_assert_false (gtk_widget_get_visible (error));
  select_day (page, "to_calendar", "2026-03-31");
  g_assert_false (gtk_widget_get_visible (error));
  g_assert_true (gtk_widget_get_sensitive (kl_test_find_button (page, "_Export…")));
  adw_combo_row_set_selected (kl_test_template_child (page, T, "language_row"), 0);
  kl_reports_page_export_to (page, path);
  g_assert_true (kl_reports_page_is_busy (page));
  wait_until_idle (page);
  check_workbook (f->db_path, path, "hr", "--from", "2026-03-01", "--to", "2026-03-31", NULL);

  /* Back to a period of the list: the days go away. */
  adw_combo_row_set_selected (kl_test_template_child (page, T, "period_row"), KL_REPORT_PERIOD_ALL);
  kl_test_iterate ();
  g_assert_false (gtk_widget_get_visible (from_row));
  g_assert_false (gtk_widget_get_visible (error));
}

static void
test_export_list (Fixture       *f,
                  gconstpointer  data)
{
  KlClientsPage *page = KL_CLIENTS_PAGE (kl_clients_page_new (f->session));
  g_autofree char *path = g_build_filename (f->dir, "list.xlsx", NULL);
  g_autoptr(KlClientList) list = kl_client_list_new (f->session);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  gtk_window_set_child (f->window, GTK_WIDGET (page));
  gtk_window_present (f->window);
  kl_test_iterate ();

  /* What the page's list shows: no filters, by name */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clients.reset-filters", NULL));
  kl_test_iterate ();

  kl_clients_page_export_list_to (page, path);
  for (guint i = 0; i < 3000 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    kl_test_wait_ms (10);
  kl_test_wait_ms (50);
  kl_test_iterate ();

  /* The whole list in the list's order (by name) */
  ids = kl_client_list_get_ids (list);
  g_assert_cmpuint (ids->len, >, 0);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (ids, gint64, i));
  check_workbook (f->db_path, path, "en", "--clients", text->str, "--sheets", "1", NULL);
}

static gpointer
find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  gpointer found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        found = window;
    }

  return found;
}

static char *
join_ids (GArray *ids)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (ids, gint64, i));

  return g_string_free (text, FALSE);
}

/* Ctrl+E in the window asks where to save the list shown; the file
 * chooser offers "deals DATE.xlsx" or "contracts DATE.xlsx". */
static GtkFileChooser *
press_export (KlWindow   *window,
              const char *offered)
{
  GtkFileChooser *chooser = NULL;
  g_autofree char *name = NULL;
  g_autofree char *today = kl_database_today ();
  g_autofree char *expected = g_strdup_printf ("%s %s.xlsx", offered, today);

  kl_test_press_keys (GTK_WINDOW (window), "ctrl+e");
  for (guint i = 0; i < 200 && (chooser = find_window (GTK_TYPE_FILE_CHOOSER_DIALOG)) == NULL; i++)
    kl_test_wait_ms (10);
  g_assert_nonnull (chooser);
  name = gtk_file_chooser_get_current_name (chooser);
  g_assert_cmpstr (name, ==, expected);

  return chooser;
}

static void
save_in (GtkFileChooser *chooser,
         const char     *dir,
         const char     *name)
{
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;

  gtk_file_chooser_set_current_folder (chooser, folder, &error);
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (chooser, name);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
}

static void
wait_for_list_export (KlListExport *export)
{
  for (guint i = 0; i < 3000 && kl_list_export_is_busy (export); i++)
    kl_test_wait_ms (10);
  g_assert_false (kl_list_export_is_busy (export));
  kl_test_iterate ();
}

/* The files in @dir, those being written included */
static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;

  return n;
}

typedef struct {
  GtkWidget *button;
  guint      started;
  guint      ended;
  gboolean   button_sensitive;   /* while busy */
  gboolean   cancel;             /* Cancel as soon as it starts */
} Busy;

static void
on_busy_cb (KlListExport *export,
            GParamSpec   *pspec,
            Busy         *busy)
{
  if (kl_list_export_is_busy (export))
    {
      busy->started++;
      busy->button_sensitive = gtk_widget_get_sensitive (busy->button);
      if (busy->cancel)
        g_assert_true (gtk_widget_activate_action (GTK_WIDGET (export), "list-export.cancel", NULL));
    }
  else
    busy->ended++;
}

/* The Deals section's list with a filter and a sort, exported by Ctrl+E
 * through the file chooser: the file holds exactly the rows shown, in
 * their order; a toast offers to open it. Cancel leaves no file. */
static void
test_deals_shortcut (Fixture       *f,
                     gconstpointer  data)
{
  KlWindow *window = kl_window_new (NULL, f->session);
  g_autofree char *out_dir = g_build_filename (f->dir, "out", NULL);
  g_autofree char *path = g_build_filename (out_dir, "won deals.xlsx", NULL);
  g_autofree char *cancelled = g_build_filename (out_dir, "cancelled.xlsx", NULL);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  KlDealsPage *page;
  KlQueryList *list;
  KlListExport *export;
  GtkWidget *button;
  GtkFileChooser *chooser;
  Busy busy = { 0 };

  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 900);
  gtk_window_present (GTK_WINDOW (window));
  gtk_stack_set_visible_child_name (kl_test_template_child (window, KL_TYPE_WINDOW, "stack"), "deals");
  page = KL_DEALS_PAGE (kl_window_get_page (window, "deals"));
  list = kl_deals_page_get_list (page);
  export = kl_test_template_child (page, KL_TYPE_DEALS_PAGE, "list_export");
  button = kl_test_template_child (page, KL_TYPE_DEALS_PAGE, "export_button");
  busy.button = button;
  kl_test_iterate ();

  g_assert_true (gtk_widget_get_visible (button));

  /* Won deals (state row 2), the largest first */
  gtk_drop_down_set_selected (kl_test_template_child (page, KL_TYPE_DEALS_PAGE, "state_dropdown"), 2);
  kl_query_list_set_sort (list, "amount", TRUE);
  kl_test_iterate ();
  ids = kl_query_list_get_ids (list, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 1);
  g_assert_cmpuint (ids->len, <, (guint) kl_database_query_int (kl_session_get_database (f->session),
                                                                "SELECT count(*) FROM deals", NULL));

  chooser = press_export (window, "deals");
  g_signal_connect (export, "notify::busy", G_CALLBACK (on_busy_cb), &busy);
  save_in (chooser, out_dir, "won deals.xlsx");
  /* The chooser answers once it has looked whether the file exists. */
  for (guint i = 0; i < 300 && busy.started == 0; i++)
    kl_test_wait_ms (10);
  wait_for_list_export (export);
  /* Busy once; meanwhile the button waited. */
  g_assert_cmpuint (busy.started, ==, 1);
  g_assert_cmpuint (busy.ended, ==, 1);
  g_assert_false (busy.button_sensitive);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_assert_nonnull (kl_test_find_button (page, "_Open"));
  text = join_ids (ids);
  check_workbook (f->db_path, path, "en", "--deals", text, "--sheets", "2", NULL);

  /* Cancel: no file, none half-written beside it */
  chooser = press_export (window, "deals");
  busy.cancel = TRUE;
  save_in (chooser, out_dir, "cancelled.xlsx");
  for (guint i = 0; i < 300 && busy.ended == 1; i++)
    kl_test_wait_ms (10);
  g_assert_cmpuint (busy.started, ==, 2);
  g_assert_cmpuint (busy.ended, ==, 2);
  g_assert_false (g_file_test (cancelled, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (out_dir), ==, 1);

  /* The board is no list: Ctrl+E asks nothing there. */
  kl_deals_page_set_view (page, "board");
  kl_test_iterate ();
  g_assert_false (gtk_widget_get_visible (button));
  kl_test_press_keys (GTK_WINDOW (window), "ctrl+e");
  g_assert_null (find_window (GTK_TYPE_FILE_CHOOSER_DIALOG));
}

/* The Contracts section's list, searched and sorted, by its action (the
 * button's, and Ctrl+E's in the window) */
static void
test_contracts_list (Fixture       *f,
                     gconstpointer  data)
{
  KlContractsPage *page = g_object_new (KL_TYPE_CONTRACTS_PAGE, NULL);
  g_autofree char *path = g_build_filename (f->dir, "contracts.xlsx", NULL);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *today = kl_database_today ();
  g_autofree char *offered = g_strdup_printf ("contracts %s.xlsx", today);
  g_autoptr(GError) error = NULL;
  KlQueryList *list;
  GtkFileChooser *chooser = NULL;

  kl_page_set_session (KL_PAGE (page), f->session);
  gtk_window_set_child (f->window, GTK_WIDGET (page));
  gtk_window_present (f->window);
  list = kl_contracts_page_get_list (page);
  kl_test_iterate ();

  gtk_editable_set_text (kl_test_template_child (page, KL_TYPE_CONTRACTS_PAGE, "search_entry"), "2");
  kl_query_list_set_sort (list, "amount", FALSE);
  for (guint i = 0; i < 100 && !kl_query_list_has_filter (list, "search"); i++)
    kl_test_wait_ms (10);
  g_assert_true (kl_query_list_has_filter (list, "search"));
  ids = kl_query_list_get_ids (list, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 0);

  gtk_widget_activate (kl_test_template_child (page, KL_TYPE_CONTRACTS_PAGE, "export_button"));
  for (guint i = 0; i < 200 && (chooser = find_window (GTK_TYPE_FILE_CHOOSER_DIALOG)) == NULL; i++)
    kl_test_wait_ms (10);
  g_assert_nonnull (chooser);
  name = gtk_file_chooser_get_current_name (chooser);
  g_assert_cmpstr (name, ==, offered);
  save_in (chooser, f->dir, "contracts.xlsx");
  /* The chooser answers once it has looked whether the file exists. */
  for (guint i = 0; i < 3000 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    kl_test_wait_ms (10);
  wait_for_list_export (kl_test_template_child (page, KL_TYPE_CONTRACTS_PAGE, "list_export"));
  text = join_ids (ids);
  check_workbook (f->db_path, path, "en", "--contracts", text, "--sheets", "4", NULL);
  g_assert_nonnull (kl_test_find_button (page, "_Open"));
  /* libadwaita 1.2: a toast destroyed while it slides in crashes. */
  kl_test_wait_ms (500);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "en", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/reports-page/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);
  g_test_add ("/reports-page/custom-dates", Fixture, NULL, fixture_set_up, test_custom_dates, fixture_tear_down);
  g_test_add ("/reports-page/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/reports-page/export-list", Fixture, NULL, fixture_set_up, test_export_list, fixture_tear_down);
  g_test_add ("/reports-page/deals-shortcut", Fixture, NULL, fixture_set_up, test_deals_shortcut, fixture_tear_down);
  g_test_add ("/reports-page/contracts-list", Fixture, NULL, fixture_set_up, test_contracts_list,
              fixture_tear_down);

  return g_test_run ();
}
