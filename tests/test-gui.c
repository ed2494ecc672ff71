/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "kl-application.h"
#include "kl-client-list.h"
#include "kl-client-ops.h"
#include "kl-clients-page.h"
#include "kl-demo.h"
#include "kl-entities.h"
#include "kl-format.h"
#include "kl-import-wizard.h"
#include "kl-test-gui.h"
#include "kl-window.h"

/* GUI tests: real widgets under Xvfb (GDK_BACKEND=x11, GSK_RENDERER=cairo,
 * GSETTINGS_BACKEND=memory), asserting on what the widgets show and on the
 * model behind them. */

#define N_SEEDED 50
#define TODAY "2026-11-26"
#define WAIT_SECONDS 10

typedef struct {
  char      *dir;
  char      *path;
  KlSession *session;
  KlWindow  *window;
} Fixture;

/* Helpers */

static void
reset_list_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  static const char * const keys[] = {
    "clients-sort", "clients-sort-descending", "clients-filter-status", "clients-filter-segment",
    "clients-filter-source", "clients-filter-manager", "clients-filter-overdue",
    "clients-filter-no-contact", "clients-hidden-columns",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
  g_settings_sync ();
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  /* Each test starts from the default filters and sort (the memory
   * settings backend lives as long as the process). */
  reset_list_settings ();

  f->session = kl_test_open_session ("gui", &f->dir, &f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  kl_test_close_session (&f->session, &f->dir, &f->path);
}

static void
insert_client (Fixture    *f,
               const char *name,
               const char *city,
               const char *status)
{
  KlStore *store = kl_session_get_store (f->session, KL_TYPE_CLIENT);
  g_autoptr(KlEntity) client = g_object_new (KL_TYPE_CLIENT,
                                             "name", name,
                                             "city", city,
                                             "status", status,
                                             NULL);
  g_autoptr(GError) error = NULL;

  kl_store_insert (store, client, &error);
  g_assert_no_error (error);
}

/* Fills the database with @n clients: the demo data where the demo seeder
 * is there, else plain inserted clients. */
static void
seed (Fixture *f,
      guint    n)
{
  static const char * const names[] = { "Jadran", "Podravka", "Sjever", "Volga", "Ural",
                                        "Kvarner", "Slavonija", "Neva", "Istra", "Baikal" };
  static const char * const kinds[] = { "d.o.o.", "d.d.", "obrt", "ООО", "АО" };
  static const char * const cities[] = { "Zagreb", "Split", "Rijeka", "Osijek", "Москва",
                                         "Казань", "Zadar", "Санкт-Петербург" };
  g_autoptr(GError) error = NULL;

  if (kl_demo_seed (f->session, n, TODAY, &error))
    return;

  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_test_message ("kl_demo_seed () is not there yet: inserting %u plain clients", n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %u %s", names[i % G_N_ELEMENTS (names)], i,
                                               kinds[i % G_N_ELEMENTS (kinds)]);

      insert_client (f, name, cities[i % G_N_ELEMENTS (cities)],
                     kl_client_statuses[i % g_strv_length ((char **)kl_client_statuses)]);
    }
}

static gint64
count_clients (Fixture    *f,
               const char *where)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM clients %s", where);
  gint64 n = kl_database_query_int (kl_session_get_database (f->session), sql, &error);

  g_assert_no_error (error);

  return n;
}

/* Runs the main loop until @model has @expected items; returns how many it has. */
static guint
wait_for_n_items (GListModel *model,
                  guint       expected)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (g_list_model_get_n_items (model) != expected && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }

  return g_list_model_get_n_items (model);
}

static KlClientsPage *
open_window (Fixture *f)
{
  f->window = kl_window_new (NULL, f->session);
  gtk_window_present (GTK_WINDOW (f->window));
  kl_test_iterate ();

  return KL_CLIENTS_PAGE (kl_window_get_page (f->window, "clients"));
}

static GListModel *
page_model (KlClientsPage *page)
{
  GtkColumnView *view = kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "column_view");

  return G_LIST_MODEL (gtk_column_view_get_model (view));
}

static const char *
page_count_label (KlClientsPage *page)
{
  return gtk_label_get_label (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "count_label"));
}

static const char *
page_state (KlClientsPage *page)
{
  return gtk_stack_get_visible_child_name (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "content_stack"));
}

/* Tests */

static void
test_templates (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *page;
  KlWindow *window;
  GObject *overlay;

  page = g_object_ref_sink (kl_clients_page_new (NULL));
  g_assert_true (KL_IS_CLIENTS_PAGE (page));
  g_object_unref (page);

  page = g_object_ref_sink (kl_clients_page_new (f->session));
  g_assert_true (kl_clients_page_get_session (KL_CLIENTS_PAGE (page)) == f->session);
  g_object_unref (page);

  window = kl_window_new (NULL, f->session);
  g_assert_true (KL_IS_WINDOW (window));
  g_assert_true (kl_window_get_session (window) == f->session);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "Klijentela");
  gtk_window_destroy (GTK_WINDOW (window));

  builder = gtk_builder_new ();
  gtk_builder_add_from_resource (builder, RESOURCE_PREFIX "/ui/app/help-overlay.ui", &error);
  g_assert_no_error (error);
  overlay = gtk_builder_get_object (builder, "help_overlay");
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
  kl_test_iterate ();
}

static KlClientList *page_list (KlClientsPage *page);

/* The view is given a screenful of rows until its first frame is painted
 * (GTK 4.8 would make 200 rows, 2 000 cells, before knowing its size),
 * then every client: none is missing once the window is up. */
static void
test_window_first_frame (Fixture       *f,
                         gconstpointer  data)
{
  KlClientsPage *page;
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  int tallest = 0;
  guint shown_before;

  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      tallest = MAX (tallest, geometry.height);
    }
  g_assert_cmpint (tallest, >, 0);

  seed (f, 150);
  f->window = kl_window_new (NULL, f->session);
  page = KL_CLIENTS_PAGE (kl_window_get_page (f->window, "clients"));
  shown_before = g_list_model_get_n_items (page_model (page));
  /* enough rows of the shortest kind to fill the tallest monitor, no more */
  g_assert_cmpuint (shown_before * KL_CLIENTS_PAGE_MIN_ROW_HEIGHT, >=, (guint) tallest);
  g_assert_cmpuint (shown_before, <=, tallest / KL_CLIENTS_PAGE_MIN_ROW_HEIGHT + 1);
  g_assert_cmpuint (shown_before, <, 150);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (page_list (page))), ==, 150);
  g_assert_cmpstr (page_count_label (page), ==, "150 clients");

  gtk_window_present (GTK_WINDOW (f->window));
  g_assert_cmpuint (wait_for_n_items (page_model (page), 150), ==, 150);
}

/* The keyboard shortcuts window is built when first asked for, not with
 * the window; asked for again, the same one comes back. */
static void
test_window_shortcuts (Fixture       *f,
                       gconstpointer  data)
{
  GtkShortcutsWindow *overlay;

  f->window = kl_window_new (NULL, f->session);
  gtk_window_present (GTK_WINDOW (f->window));
  kl_test_iterate ();
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL));
  kl_test_iterate ();
  overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (f->window));

  gtk_window_close (GTK_WINDOW (overlay));
  kl_test_iterate ();
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL));
  kl_test_iterate ();
  g_assert_true (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (f->window)) == overlay);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
}

static void
test_window_lists_clients (Fixture       *f,
                           gconstpointer  data)
{
  KlClientsPage *page;
  GtkStack *stack;
  g_autofree char *expected = NULL;
  gint64 n;

  seed (f, N_SEEDED);
  n = count_clients (f, "");
  g_assert_cmpint (n, ==, N_SEEDED);

  page = open_window (f);
  stack = kl_test_template_child (f->window, KL_TYPE_WINDOW, "stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "clients");
  g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), ==, n);
  g_assert_cmpstr (page_state (page), ==, "list");

  expected = g_strdup_printf ("%u clients", (guint)n);
  g_assert_cmpstr (page_count_label (page), ==, expected);

  /* What Ctrl+F does. */
  gtk_widget_grab_focus (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "column_view"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clients.focus-search", NULL));
  kl_test_iterate ();
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "search_entry")));
}

static void
test_search_narrows (Fixture       *f,
                     gconstpointer  data)
{
  KlClientsPage *page;
  GtkEditable *search;
  GtkDropDown *status;
  g_autoptr(KlClient) found = NULL;
  guint n_all, n_key;

  seed (f, N_SEEDED);
  insert_client (f, "Ždralovićeva kvintesencija d.o.o.", "Đakovo", "key");
  insert_client (f, "ООО Ёлочка-Квинтэссенция", "Ярославль", "active");
  n_all = count_clients (f, "");
  n_key = count_clients (f, "WHERE status = 'key'");

  page = open_window (f);
  search = kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "search_entry");
  status = kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "status_dropdown");
  g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), ==, n_all);

  /* Blind to case and diacritics, as typed. */
  gtk_editable_set_text (search, "zdralovic");
  g_assert_cmpuint (wait_for_n_items (page_model (page), 1), ==, 1);
  found = g_list_model_get_item (page_model (page), 0);
  g_assert_cmpstr (kl_entity_get_text (KL_ENTITY (found), "name"), ==,
                   "Ždralovićeva kvintesencija d.o.o.");
  g_assert_cmpstr (page_count_label (page), ==, "1 client");
  g_assert_cmpstr (page_state (page), ==, "list");
  g_clear_object (&found);

  gtk_editable_set_text (search, "ЕЛОЧКА");
  g_assert_cmpuint (wait_for_n_items (page_model (page), 1), ==, 1);
  found = g_list_model_get_item (page_model (page), 0);
  g_assert_cmpstr (kl_entity_get_text (KL_ENTITY (found), "name"), ==,
                   "ООО Ёлочка-Квинтэссенция");

  /* Nothing matches: the "no matching clients" state, the toolbar stays. */
  gtk_editable_set_text (search, "qqxqqzz");
  g_assert_cmpuint (wait_for_n_items (page_model (page), 0), ==, 0);
  g_assert_cmpstr (page_state (page), ==, "no-match");
  g_assert_cmpstr (page_count_label (page), ==, "0 clients");
  g_assert_true (gtk_widget_get_visible (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "toolbar")));

  gtk_editable_set_text (search, "");
  g_assert_cmpuint (wait_for_n_items (page_model (page), n_all), ==, n_all);

  /* The status filter: row 0 is "All statuses", then kl_client_statuses. */
  for (guint i = 0; kl_client_statuses[i] != NULL; i++)
    {
      if (g_str_equal (kl_client_statuses[i], "key"))
        gtk_drop_down_set_selected (status, i + 1);
    }
  g_assert_cmpuint (wait_for_n_items (page_model (page), n_key), ==, n_key);
  gtk_drop_down_set_selected (status, 0);
  g_assert_cmpuint (wait_for_n_items (page_model (page), n_all), ==, n_all);
}

static GArray *
list_ids (GListModel *model)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KlEntity) client = g_list_model_get_item (model, i);
      gint64 id = kl_entity_get_id (client);

      g_array_append_val (ids, id);
    }

  return ids;
}

static void
test_header_sort (Fixture       *f,
                  gconstpointer  data)
{
  KlClientsPage *page;
  GtkColumnView *view;
  g_autoptr(GArray) by_name = NULL;
  g_autoptr(GArray) ascending = NULL;
  g_autoptr(GArray) descending = NULL;
  g_autoptr(KlEntity) first = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *min_city = NULL;

  seed (f, N_SEEDED);
  page = open_window (f);
  view = kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "column_view");
  by_name = list_ids (page_model (page));

  /* What a click on the City header does, twice. */
  gtk_column_view_sort_by_column (view, kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "city_column"),
                                  GTK_SORT_ASCENDING);
  kl_test_iterate ();
  ascending = list_ids (page_model (page));
  first = g_list_model_get_item (page_model (page), 0);
  {
    g_autoptr(KlCachedStmt) stmt = kl_database_prepare (kl_session_get_database (f->session),
                                                        "SELECT min(city) FROM clients", &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    min_city = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  }
  g_assert_cmpstr (kl_entity_get_text (first, "city"), ==, min_city);

  gtk_column_view_sort_by_column (view, kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "city_column"),
                                  GTK_SORT_DESCENDING);
  kl_test_iterate ();
  descending = list_ids (page_model (page));

  g_assert_cmpuint (ascending->len, ==, N_SEEDED);
  g_assert_cmpuint (descending->len, ==, N_SEEDED);
  for (guint i = 0; i < ascending->len; i++)
    g_assert_cmpint (g_array_index (ascending, gint64, i), ==,
                     g_array_index (descending, gint64, ascending->len - 1 - i));

  /* Back to the name. */
  gtk_column_view_sort_by_column (view, kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "name_column"),
                                  GTK_SORT_ASCENDING);
  kl_test_iterate ();
  {
    g_autoptr(GArray) again = list_ids (page_model (page));

    g_assert_cmpmem (again->data, again->len * sizeof (gint64),
                     by_name->data, by_name->len * sizeof (gint64));
  }
}

/* The clients list: columns, filters, sort memory, delete, open */

static gint64
insert_entity (Fixture    *f,
               GType       type,
               const char *first_property,
               ...)
{
  g_autoptr(KlEntity) entity = NULL;
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, first_property);
  entity = KL_ENTITY (g_object_new_valist (type, first_property, args));
  va_end (args);

  kl_store_insert (kl_session_get_store (f->session, type), entity, &error);
  g_assert_no_error (error);

  return kl_entity_get_id (entity);
}

static gint64
client_id_by_name (Fixture    *f,
                   const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (kl_session_get_database (f->session),
                                                      "SELECT id FROM clients WHERE name = ?", &error);

  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
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

static KlClientList *
page_list (KlClientsPage *page)
{
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (page_model (page));

  GListModel *shown = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (selection));

  /* The first rows until the first frame, then all (kl-clients-page.c) */
  return KL_CLIENT_LIST (gtk_slice_list_model_get_model (GTK_SLICE_LIST_MODEL (shown)));
}

static gboolean
list_has_id (GListModel *model,
             gint64      id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KlEntity) client = g_list_model_get_item (model, i);

      if (kl_entity_get_id (client) == id)
        return TRUE;
    }

  return FALSE;
}

static void
collect_inscriptions (GtkWidget *widget,
                      GPtrArray *texts)
{
  if (GTK_IS_INSCRIPTION (widget) && gtk_inscription_get_text (GTK_INSCRIPTION (widget)) != NULL)
    g_ptr_array_add (texts, g_strdup (gtk_inscription_get_text (GTK_INSCRIPTION (widget))));

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_inscriptions (c, texts);
}

static gboolean
view_shows (GtkWidget  *view,
            const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  collect_inscriptions (view, texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_str_equal (g_ptr_array_index (texts, i), text))
      return TRUE;

  return FALSE;
}

/* Runs the main loop until @view shows @text. */
static gboolean
wait_for_text (GtkWidget  *view,
               const char *text)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (!view_shows (view, text) && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }

  return view_shows (view, text);
}

static void
insert_known_debtor (Fixture *f)
{
  gint64 id;

  id = insert_entity (f, KL_TYPE_CLIENT, "name", "Dužnik Poznati d.o.o.", "city", "Vukovar",
                      "currency", "EUR", "status", "active", NULL);
  insert_entity (f, KL_TYPE_INVOICE, "number", "R-1/2020", "client-id", id, "issue-date", "2020-01-10",
                 "due-date", "2020-02-10", "amount", (gint64)123456, "currency", "EUR", NULL);
  insert_entity (f, KL_TYPE_DEAL, "client-id", id, "title", "Nova linija", "stage", "offer",
                 "amount", (gint64)987650, "currency", "EUR", NULL);
  insert_entity (f, KL_TYPE_ACTIVITY, "client-id", id, "subject", "Poziv", "kind", "call",
                 "starts-at", "2030-05-06T10:00:00", "status", "planned", NULL);
  insert_entity (f, KL_TYPE_ACTIVITY, "client-id", id, "subject", "Sastanak", "kind", "meeting",
                 "starts-at", "2026-01-12T09:30:00", "status", "done", NULL);
}

static void
test_columns (Fixture       *f,
              gconstpointer  data)
{
  KlClientsPage *page;
  GtkWidget *view;
  g_autofree char *debt = kl_format_money (123456, "EUR");
  g_autofree char *pipeline = kl_format_money (987650, "EUR");
  g_autofree char *next = kl_format_date ("2030-05-06");
  g_autofree char *last = kl_format_date ("2026-01-12");

  seed (f, 10);
  insert_known_debtor (f);
  page = open_window (f);
  view = kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "column_view");

  gtk_editable_set_text (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "search_entry"), "Dužnik Poznati");
  g_assert_cmpuint (wait_for_n_items (page_model (page), 1), ==, 1);

  g_assert_true (wait_for_text (view, "Dužnik Poznati d.o.o."));
  g_assert_true (wait_for_text (view, debt));
  g_assert_true (wait_for_text (view, pipeline));
  g_assert_true (wait_for_text (view, next));
  g_assert_true (wait_for_text (view, last));
  g_assert_true (wait_for_text (view, "Active"));
}

/* The first inscription under @widget showing @text. */
static GtkWidget *
find_inscription (GtkWidget  *widget,
                  const char *text)
{
  if (GTK_IS_INSCRIPTION (widget) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_inscription (c, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
column_visible (KlClientsPage *page,
                const char    *column)
{
  return gtk_column_view_column_get_visible (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, column));
}

static void
test_hide_columns (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_auto(GStrv) hidden = NULL;
  KlClientsPage *page;
  GtkWidget *other;

  seed (f, 10);
  page = open_window (f);

  /* By default all fits: Tax ID is the one column left out. */
  g_assert_false (column_visible (page, "tax_id_column"));
  g_assert_true (column_visible (page, "name_column"));
  g_assert_true (column_visible (page, "city_column"));
  g_assert_true (column_visible (page, "overdue_debt_column"));

  /* The menu's check items: actions toggling the columns' visibility. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clients.column-city", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clients.column-tax-id", NULL));
  kl_test_iterate ();
  g_assert_false (column_visible (page, "city_column"));
  g_assert_true (column_visible (page, "tax_id_column"));
  hidden = g_settings_get_strv (settings, "clients-hidden-columns");
  g_assert_true (g_strv_contains ((const char * const *)hidden, "city"));
  g_assert_false (g_strv_contains ((const char * const *)hidden, "tax-id"));

  /* Name is always there. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "clients.column-name", NULL));
  g_assert_true (column_visible (page, "name_column"));

  /* A new page and a new window show the same columns. */
  other = g_object_ref_sink (kl_clients_page_new (f->session));
  g_assert_false (column_visible (KL_CLIENTS_PAGE (other), "city_column"));
  g_assert_true (column_visible (KL_CLIENTS_PAGE (other), "tax_id_column"));
  g_object_unref (other);

  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  kl_test_iterate ();
  page = open_window (f);
  g_assert_false (column_visible (page, "city_column"));
  g_assert_true (column_visible (page, "tax_id_column"));

  /* Shown again from the menu. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clients.column-city", NULL));
  kl_test_iterate ();
  g_assert_true (column_visible (page, "city_column"));
  g_strfreev (hidden);
  hidden = g_settings_get_strv (settings, "clients-hidden-columns");
  g_assert_false (g_strv_contains ((const char * const *)hidden, "city"));
}

/* Overdue amounts and planned activities whose day has gone are in the
 * error colour; the rest are not. */
static void
test_overdue_style (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *debt = kl_format_money (123456, "EUR");
  g_autofree char *future = kl_format_date ("2030-05-06");
  g_autofree char *past = kl_format_date ("2021-03-04");
  KlClientsPage *page;
  GtkWidget *view;
  GtkWidget *cell;
  gint64 id;

  insert_known_debtor (f);
  id = insert_entity (f, KL_TYPE_CLIENT, "name", "Dužnik Zaboravni d.o.o.", "city", "Pula",
                      "currency", "EUR", "status", "active", NULL);
  insert_entity (f, KL_TYPE_ACTIVITY, "client-id", id, "subject", "Poziv", "kind", "call",
                 "starts-at", "2021-03-04T10:00:00", "status", "planned", NULL);
  page = open_window (f);
  view = kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "column_view");
  gtk_editable_set_text (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "search_entry"), "Dužnik");
  g_assert_cmpuint (wait_for_n_items (page_model (page), 2), ==, 2);

  g_assert_true (wait_for_text (view, debt));
  cell = find_inscription (view, debt);
  g_assert_true (gtk_widget_has_css_class (cell, "error"));
  g_assert_true (gtk_widget_has_css_class (cell, "numeric"));

  g_assert_true (wait_for_text (view, past));
  g_assert_true (gtk_widget_has_css_class (find_inscription (view, past), "error"));

  g_assert_true (wait_for_text (view, future));
  cell = find_inscription (view, future);
  g_assert_false (gtk_widget_has_css_class (cell, "error"));
  g_assert_true (gtk_widget_has_css_class (cell, "numeric"));
}

typedef struct {
  const char *widget;   /* a dropdown or check button of the page */
  const char *where;    /* the same filter in SQL */
} FilterCase;

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  KlClientsPage *page;
  GtkLabel *badge;
  g_autofree char *manager_where = NULL;
  g_autofree char *source_where = NULL;
  gint64 manager_id;
  guint n_all;

  seed (f, N_SEEDED);
  insert_known_debtor (f);
  n_all = count_clients (f, "");
  manager_id = query_int (f, "SELECT min(manager_id) FROM clients");
  g_assert_cmpint (manager_id, >, 0);
  manager_where = g_strdup_printf ("WHERE manager_id = %" G_GINT64_FORMAT, manager_id);
  source_where = g_strdup_printf ("WHERE source = '%s'", kl_client_sources[1]);

  page = open_window (f);
  badge = kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "filter_count_label");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (badge)));
  g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), ==, n_all);

  /* Segment A: row 1 ("All segments" first). */
  gtk_drop_down_set_selected (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "segment_dropdown"), 1);
  kl_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), ==, count_clients (f, "WHERE segment = 'A'"));
  g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), <, n_all);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (badge)));
  g_assert_cmpstr (gtk_label_get_label (badge), ==, "1");
  gtk_drop_down_set_selected (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "segment_dropdown"), 0);

  /* Source: kl_client_sources[1]. */
  gtk_drop_down_set_selected (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "source_dropdown"), 2);
  kl_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), ==, count_clients (f, source_where));
  g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), <, n_all);
  gtk_drop_down_set_selected (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "source_dropdown"), 0);

  /* Manager: rows are "All managers", "No manager", then by name; find ours. */
  {
    GtkDropDown *managers = kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "manager_dropdown");
    g_autoptr(KlEntity) manager = kl_store_get (kl_session_get_store (f->session, KL_TYPE_MANAGER),
                                                manager_id, NULL);
    GListModel *labels = gtk_drop_down_get_model (managers);
    guint row = 0;

    g_assert_nonnull (manager);
    for (guint i = 2; i < g_list_model_get_n_items (labels); i++)
      if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (labels), i),
                       kl_entity_get_text (manager, "name")))
        row = i;
    g_assert_cmpuint (row, >=, 2);
    gtk_drop_down_set_selected (managers, row);
    kl_test_iterate ();
    g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), ==, count_clients (f, manager_where));
    g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), <, n_all);

    gtk_drop_down_set_selected (managers, 1);
    kl_test_iterate ();
    g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), ==,
                      count_clients (f, "WHERE manager_id IS NULL"));
    gtk_drop_down_set_selected (managers, 0);
  }

  /* Overdue debt, then also no contact for 30 days: two filters on. */
  gtk_check_button_set_active (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "overdue_check"), TRUE);
  kl_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), ==,
                    count_clients (f, "WHERE overdue_debt > 0"));
  g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), <, n_all);
  gtk_check_button_set_active (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "no_contact_check"), TRUE);
  kl_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), ==,
                    count_clients (f, "WHERE overdue_debt > 0 AND last_contact_at < "
                                      "date('now', 'localtime', '-30 days')"));
  g_assert_cmpstr (gtk_label_get_label (badge), ==, "2");
  gtk_check_button_set_active (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "overdue_check"), FALSE);
  kl_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), ==,
                    count_clients (f, "WHERE last_contact_at < date('now', 'localtime', '-30 days')"));
  g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), <, n_all);

  /* Reset: everything back, the badge goes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clients.reset-filters", NULL));
  kl_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), ==, n_all);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (badge)));
}

static GArray *
list_amounts (GListModel *model,
              const char *property)
{
  GArray *amounts = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KlEntity) client = g_list_model_get_item (model, i);
      gint64 amount = 0;

      g_object_get (client, property, &amount, NULL);
      g_array_append_val (amounts, amount);
    }

  return amounts;
}

static void
test_sort_money (Fixture       *f,
                 gconstpointer  data)
{
  static const struct {
    const char *column;
    const char *property;
  } cases[] = {
    { "overdue_debt_column", "overdue-debt" },
    { "open_pipeline_column", "open-pipeline" },
  };
  KlClientsPage *page;
  GtkColumnView *view;

  seed (f, N_SEEDED);
  insert_known_debtor (f);
  page = open_window (f);
  view = kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "column_view");

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GArray) up = NULL;
      g_autoptr(GArray) down = NULL;

      gtk_column_view_sort_by_column (view, kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, cases[c].column),
                                      GTK_SORT_ASCENDING);
      kl_test_iterate ();
      up = list_amounts (page_model (page), cases[c].property);
      gtk_column_view_sort_by_column (view, kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, cases[c].column),
                                      GTK_SORT_DESCENDING);
      kl_test_iterate ();
      down = list_amounts (page_model (page), cases[c].property);

      g_assert_cmpuint (up->len, ==, N_SEEDED + 1);
      g_assert_cmpuint (down->len, ==, N_SEEDED + 1);
      for (guint i = 1; i < up->len; i++)
        {
          g_assert_cmpint (g_array_index (up, gint64, i - 1), <=, g_array_index (up, gint64, i));
          g_assert_cmpint (g_array_index (down, gint64, i - 1), >=, g_array_index (down, gint64, i));
        }
      g_assert_cmpint (g_array_index (up, gint64, 0), <, g_array_index (down, gint64, 0));
    }
}

static void
test_remembered (Fixture       *f,
                 gconstpointer  data)
{
  KlClientsPage *page;
  KlClientList *list;
  guint n_shown;

  seed (f, N_SEEDED);
  insert_known_debtor (f);
  page = open_window (f);

  gtk_drop_down_set_selected (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "segment_dropdown"), 3);  /* C */
  gtk_check_button_set_active (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "no_contact_check"), TRUE);
  gtk_column_view_sort_by_column (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "column_view"),
                                  kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "open_pipeline_column"),
                                  GTK_SORT_DESCENDING);
  kl_test_iterate ();
  n_shown = g_list_model_get_n_items (page_model (page));
  g_assert_cmpuint (n_shown, >, 0);

  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  kl_test_iterate ();

  /* A new window lists the same way. */
  page = open_window (f);
  list = page_list (page);
  g_assert_cmpstr (kl_client_list_get_segment (list), ==, "C");
  g_assert_true (kl_client_list_get_no_contact (list));
  g_assert_false (kl_client_list_get_overdue (list));
  g_assert_null (kl_client_list_get_status (list));
  g_assert_cmpint (kl_client_list_get_sort (list), ==, KL_CLIENT_SORT_OPEN_PIPELINE);
  g_assert_true (kl_client_list_get_descending (list));
  g_assert_cmpuint (gtk_drop_down_get_selected (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "segment_dropdown")), ==, 3);
  g_assert_true (gtk_check_button_get_active (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "no_contact_check")));
  g_assert_cmpstr (gtk_label_get_label (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "filter_count_label")), ==, "2");
  g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), ==, n_shown);
}

static gint64
select_row (KlClientsPage *page,
            guint          position)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (page_model (page));
  g_autoptr(KlEntity) client = g_list_model_get_item (page_model (page), position);

  gtk_single_selection_set_selected (selection, position);

  return kl_entity_get_id (client);
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  KlClientsPage *page;
  gint64 id;
  guint n_all;
  g_autofree char *where = NULL;

  /* Clients with nothing that keeps them from going. */
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("Brisanje %u d.o.o.", i);

      insert_client (f, name, "Pula", "prospect");
    }
  n_all = count_clients (f, "");
  page = open_window (f);

  id = select_row (page, 3);
  where = g_strdup_printf ("WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clients.delete", NULL));
  kl_test_iterate ();

  /* Gone from the list at once, still in the database. */
  g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), ==, n_all - 1);
  g_assert_false (list_has_id (page_model (page), id));
  g_assert_cmpint (count_clients (f, where), ==, 1);

  /* Undo: back, and the toast going deletes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clients.undo-delete", NULL));
  kl_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), ==, n_all);
  g_assert_true (list_has_id (page_model (page), id));
  g_assert_cmpint (count_clients (f, where), ==, 1);

  /* Delete, then close the window before the toast goes: deleted. */
  id = select_row (page, 0);
  g_free (where);
  where = g_strdup_printf ("WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clients.delete", NULL));
  kl_test_iterate ();
  g_assert_cmpint (count_clients (f, where), ==, 1);
  gtk_window_close (GTK_WINDOW (f->window));
  f->window = NULL;
  kl_test_iterate ();
  g_assert_cmpint (count_clients (f, where), ==, 0);
  g_assert_cmpint (count_clients (f, ""), ==, n_all - 1);

  /* Even when the window is destroyed without a close request. */
  page = open_window (f);
  id = select_row (page, 0);
  g_free (where);
  where = g_strdup_printf ("WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clients.delete", NULL));
  kl_test_iterate ();
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  kl_test_iterate ();
  g_assert_cmpint (count_clients (f, where), ==, 0);
  g_assert_cmpint (count_clients (f, ""), ==, n_all - 2);
}

/* A client with an invoice cannot go: it comes back, with the reason. */
static void
test_delete_refused (Fixture       *f,
                     gconstpointer  data)
{
  KlClientsPage *page;
  gint64 debtor, other;
  guint n_all;

  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("Brisanje %u d.o.o.", i);

      insert_client (f, name, "Pula", "prospect");
    }
  insert_known_debtor (f);
  debtor = client_id_by_name (f, "Dužnik Poznati d.o.o.");
  n_all = count_clients (f, "");
  page = open_window (f);

  gtk_editable_set_text (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "search_entry"), "Dužnik");
  g_assert_cmpuint (wait_for_n_items (page_model (page), 1), ==, 1);
  g_assert_cmpint (select_row (page, 0), ==, debtor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clients.delete", NULL));
  kl_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), ==, 0);

  /* The next deletion carries out the first one at once. */
  gtk_editable_set_text (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "search_entry"), "");
  g_assert_cmpuint (wait_for_n_items (page_model (page), n_all - 1), ==, n_all - 1);
  other = select_row (page, 0);
  g_assert_cmpint (other, !=, debtor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clients.delete", NULL));
  kl_test_iterate ();

  g_assert_true (list_has_id (page_model (page), debtor));
  g_assert_false (list_has_id (page_model (page), other));
  g_assert_cmpint (count_clients (f, ""), ==, n_all);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clients.undo-delete", NULL));
  kl_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), ==, n_all);
}

static void
on_open_client_activate (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  *(gint64 *)user_data = g_variant_get_int64 (parameter);
}

static void
test_open_client (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) action = g_simple_action_new ("open-client", G_VARIANT_TYPE_INT64);
  KlClientsPage *page;
  gint64 opened = 0;
  gint64 id;

  seed (f, 10);
  page = open_window (f);

  /* A stand-in for the window's action, nearer the page than the window. */
  g_signal_connect (action, "activate", G_CALLBACK (on_open_client_activate), &opened);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (gtk_widget_get_parent (GTK_WIDGET (page)), "win", G_ACTION_GROUP (group));

  id = select_row (page, 2);
  /* What Enter (or a double click) on the row does. */
  g_signal_emit_by_name (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "column_view"), "activate", 2);
  kl_test_iterate ();
  g_assert_cmpint (opened, ==, id);
}

static void
test_recompute_segments (Fixture       *f,
                         gconstpointer  data)
{
  KlClientsPage *page;

  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  seed (f, N_SEEDED);
  page = open_window (f);
  /* No segment yet, as the list shows. */
  g_assert_true (kl_database_exec (kl_session_get_database (f->session), "UPDATE clients SET segment = NULL", NULL));
  kl_store_emit_changed_many (kl_session_get_store (f->session, KL_TYPE_CLIENT));
  kl_test_iterate ();
  {
    g_autoptr(KlEntity) first = g_list_model_get_item (page_model (page), 0);

    g_assert_null (kl_entity_get_text (first, "segment"));
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "clients.recompute-segments", NULL));

  /* In a thread: the window answers meanwhile. */
  while (count_clients (f, "WHERE segment IS NULL") > 0 && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (G_USEC_PER_SEC / 100);
    }
  g_assert_cmpint (count_clients (f, "WHERE segment IS NULL"), ==, 0);
  /* The list is told: it reads its rows again, segments and all. */
  for (;;)
    {
      g_autoptr(KlEntity) first = g_list_model_get_item (page_model (page), 0);

      if (kl_entity_get_text (first, "segment") != NULL || g_get_monotonic_time () >= deadline)
        break;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (G_USEC_PER_SEC / 100);
    }
  kl_test_iterate ();
  {
    g_autoptr(KlEntity) first = g_list_model_get_item (page_model (page), 0);

    g_assert_nonnull (kl_entity_get_text (first, "segment"));
  }
  g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), ==, N_SEEDED);
}

/* Ctrl+I, the page's menu and the primary menu open the import wizard. */
static void
test_import_opens_wizard (Fixture       *f,
                          gconstpointer  data)
{
  KlImportWizard *wizard = NULL;
  g_autoptr(GListModel) toplevels = NULL;

  seed (f, 10);
  open_window (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.import-csv", NULL));
  kl_test_iterate ();

  toplevels = g_object_ref (gtk_window_get_toplevels ());
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (KL_IS_IMPORT_WIZARD (window))
        wizard = KL_IMPORT_WIZARD (window);
    }
  g_assert_nonnull (wizard);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (wizard)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (wizard)) == GTK_WINDOW (f->window));
  gtk_window_destroy (GTK_WINDOW (wizard));
  kl_test_iterate ();
}

static void
test_empty_then_demo (Fixture       *f,
                      gconstpointer  data)
{
  KlClientsPage *page;
  GtkWidget *button;
  guint n;

  page = open_window (f);
  g_assert_cmpuint (g_list_model_get_n_items (page_model (page)), ==, 0);
  g_assert_cmpstr (page_state (page), ==, "empty");
  g_assert_false (gtk_widget_get_visible (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "toolbar")));

  button = kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "load_demo_button");
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate (button);
  n = wait_for_n_items (page_model (page), KL_DEMO_DEFAULT_CLIENTS);

  g_assert_cmpuint (n, ==, KL_DEMO_DEFAULT_CLIENTS);
  g_assert_cmpint (count_clients (f, ""), ==, KL_DEMO_DEFAULT_CLIENTS);
  g_assert_cmpstr (page_state (page), ==, "list");
  g_assert_true (gtk_widget_get_visible (kl_test_template_child (page, KL_TYPE_CLIENTS_PAGE, "toolbar")));
}

typedef struct {
  guint  n_dialogs;
  guint  n_windows;
  char  *body;
} OpenErrorState;

static gboolean
answer_quit (gpointer data)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (data), "quit");

  return G_SOURCE_REMOVE;
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window,
                 OpenErrorState *state)
{
  if (ADW_IS_MESSAGE_DIALOG (window))
    {
      state->n_dialogs++;
      state->body = g_strdup (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (window)));
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, answer_quit, g_object_ref (window), g_object_unref);
    }
  else
    state->n_windows++;
}

/* A damaged database: a message, then a clean exit when it is answered. */
static void
test_open_error (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "damaged.db", NULL);
  g_autoptr(KlApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  OpenErrorState state = { 0 };
  char junk[4096];
  int status;

  for (guint i = 0; i < sizeof junk; i++)
    junk[i] = (char)(i * 7 + 13);
  g_file_set_contents (path, junk, sizeof junk, &error);
  g_assert_no_error (error);

  app = kl_application_new (path);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), &state);
  status = g_application_run (G_APPLICATION (app), 0, NULL);

  g_assert_cmpint (status, ==, 0);
  g_assert_cmpuint (state.n_dialogs, ==, 1);
  g_assert_cmpuint (state.n_windows, ==, 0);
  g_assert_nonnull (state.body);
  g_assert_nonnull (strstr (state.body, "damaged.db"));
  g_free (state.body);
}

typedef struct {
  const char *locale;
  const char *clients;   /* the section title */
  const char *count;     /* the count label for N_SEEDED clients */
} Translation;

static const Translation translations[] = {
  { "hr_HR.UTF-8", "Klijenti", "50 klijenata" },
  { "ru_RU.UTF-8", "Клиенты", "50 клиентов" },
};

static void
check_translation (const Translation *t)
{
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  const char *localedir = g_getenv ("KLIJENTELA_LOCALEDIR");
  KlClientsPage *page;
  GtkStack *stack;

  g_assert_nonnull (localedir);
  g_unsetenv ("LANGUAGE");
  g_assert_nonnull (setlocale (LC_ALL, t->locale));
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  fixture_set_up (f, NULL);
  seed (f, N_SEEDED);
  page = open_window (f);
  stack = kl_test_template_child (f->window, KL_TYPE_WINDOW, "stack");

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, "Klijentela");
  g_assert_cmpstr (gtk_stack_page_get_title (gtk_stack_get_page (stack, gtk_widget_get_parent (GTK_WIDGET (page)))), ==,
                   t->clients);
  g_assert_cmpstr (adw_window_title_get_title (kl_test_template_child (f->window, KL_TYPE_WINDOW, "content_title")),
                   ==, t->clients);
  g_assert_cmpstr (page_count_label (page), ==, t->count);

  fixture_tear_down (f, NULL);
}

static void
test_translation (gconstpointer data)
{
  const Translation *t = data;
  g_autofree char *saved = NULL;

  if (g_test_subprocess ())
    {
      check_translation (t);
      return;
    }

  saved = g_strdup (setlocale (LC_ALL, NULL));
  if (setlocale (LC_ALL, t->locale) == NULL)
    {
      g_test_fail_printf ("The locale %s is not installed on this machine; generate it "
                          "(uncomment it in /etc/locale.gen and run locale-gen)", t->locale);
      return;
    }
  setlocale (LC_ALL, saved);

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/templates", Fixture, NULL, fixture_set_up, test_templates, fixture_tear_down);
  g_test_add ("/gui/window/first-frame", Fixture, NULL,
              fixture_set_up, test_window_first_frame, fixture_tear_down);
  g_test_add ("/gui/window/shortcuts", Fixture, NULL,
              fixture_set_up, test_window_shortcuts, fixture_tear_down);
  g_test_add ("/gui/window/lists-clients", Fixture, NULL,
              fixture_set_up, test_window_lists_clients, fixture_tear_down);
  g_test_add ("/gui/clients/search", Fixture, NULL,
              fixture_set_up, test_search_narrows, fixture_tear_down);
  g_test_add ("/gui/clients/header-sort", Fixture, NULL,
              fixture_set_up, test_header_sort, fixture_tear_down);
  g_test_add ("/gui/clients/columns", Fixture, NULL, fixture_set_up, test_columns, fixture_tear_down);
  g_test_add ("/gui/clients/hide-columns", Fixture, NULL,
              fixture_set_up, test_hide_columns, fixture_tear_down);
  g_test_add ("/gui/clients/overdue-style", Fixture, NULL,
              fixture_set_up, test_overdue_style, fixture_tear_down);
  g_test_add ("/gui/clients/filters", Fixture, NULL, fixture_set_up, test_filters, fixture_tear_down);
  g_test_add ("/gui/clients/sort-money", Fixture, NULL, fixture_set_up, test_sort_money, fixture_tear_down);
  g_test_add ("/gui/clients/remembered", Fixture, NULL, fixture_set_up, test_remembered, fixture_tear_down);
  g_test_add ("/gui/clients/delete-undo", Fixture, NULL, fixture_set_up, test_delete_undo, fixture_tear_down);
  g_test_add ("/gui/clients/delete-refused", Fixture, NULL,
              fixture_set_up, test_delete_refused, fixture_tear_down);
  g_test_add ("/gui/clients/open-client", Fixture, NULL, fixture_set_up, test_open_client, fixture_tear_down);
  g_test_add ("/gui/clients/recompute-segments", Fixture, NULL,
              fixture_set_up, test_recompute_segments, fixture_tear_down);
  g_test_add ("/gui/clients/import-opens-wizard", Fixture, NULL,
              fixture_set_up, test_import_opens_wizard, fixture_tear_down);
  g_test_add ("/gui/clients/empty-then-demo", Fixture, NULL,
              fixture_set_up, test_empty_then_demo, fixture_tear_down);
  g_test_add ("/gui/application/open-error", Fixture, NULL,
              fixture_set_up, test_open_error, fixture_tear_down);
  g_test_add_data_func ("/gui/translation/hr", &translations[0], test_translation);
  g_test_add_data_func ("/gui/translation/ru", &translations[1], test_translation);

  return g_test_run ();
}
