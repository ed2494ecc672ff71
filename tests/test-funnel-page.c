/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "kl-entities.h"
#include "kl-forecast.h"
#include "kl-funnel-page.h"
#include "kl-test-gui.h"

/* The Funnel section with real widgets: the numbers of the database, the
 * keyboard between stages, the screen reader's text, a stage's deals, the
 * period before beside it, and the chart following a deal's move. */

typedef struct {
  char         *dir;
  KlSession    *session;
  KlStore      *deals;
  GtkWindow    *window;
  KlFunnelPage *page;
  gint64        deal_ids[4];
} Fixture;

static gint64
insert (KlStore  *store,
        KlEntity *entity)
{
  g_autoptr(GError) error = NULL;

  kl_store_insert (store, entity, &error);
  g_assert_no_error (error);
  return kl_entity_get_id (entity);
}

static void
move (Fixture    *f,
      gint64      id,
      const char *stage)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) deal = kl_store_get (f->deals, id, &error);

  g_assert_no_error (error);
  kl_entity_set_text (deal, "stage", stage);
  if (g_str_equal (stage, "lost"))
    kl_entity_set_text (deal, "lost_reason", "Price too high");
  kl_store_update (f->deals, deal, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(KlEntity) manager = g_object_new (KL_TYPE_MANAGER, "name", "Ana Horvat", NULL);
  g_autoptr(KlEntity) client = g_object_new (KL_TYPE_CLIENT, "name", "Jadran d.o.o.", NULL);
  gint64 manager_id, client_id;

  f->session = kl_test_open_session ("funnel-page", &f->dir, NULL);
  f->deals = kl_session_get_store (f->session, KL_TYPE_DEAL);
  manager_id = insert (kl_session_get_store (f->session, KL_TYPE_MANAGER), manager);
  client_id = insert (kl_session_get_store (f->session, KL_TYPE_CLIENT), client);

  /* Four deals created today, by the store: four leads. */
  for (guint i = 0; i < G_N_ELEMENTS (f->deal_ids); i++)
    {
      g_autofree char *title = g_strdup_printf ("Deal %u", i + 1);
      g_autoptr(KlEntity) deal = g_object_new (KL_TYPE_DEAL, "client-id", client_id, "manager-id", manager_id,
                                               "title", title, "amount", (gint64)100000 * (i + 1), NULL);

      f->deal_ids[i] = insert (f->deals, deal);
    }
  move (f, f->deal_ids[0], "contacted");
  move (f, f->deal_ids[1], "offer");

  f->page = KL_FUNNEL_PAGE (kl_funnel_page_new (f->session));
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 700);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  kl_test_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_destroy_toplevels ();
  kl_test_close_session (&f->session, &f->dir, NULL);
}

static void
test_numbers (Fixture       *f,
              gconstpointer  data)
{
  KlFunnelView *view = kl_funnel_page_get_view (f->page);
  KlFunnel *funnel = kl_funnel_view_get_funnel (view);
  g_autofree char *description = NULL;

  /* This quarter holds today. */
  g_assert_nonnull (funnel);
  g_assert_cmpuint (funnel->cohort, ==, 4);
  g_assert_cmpuint (funnel->stages[KL_FUNNEL_CONTACTED].reached, ==, 2);
  g_assert_cmpuint (funnel->stages[KL_FUNNEL_OFFER].reached, ==, 1);

  /* A screen reader reads every stage's numbers. */
  description = kl_funnel_view_describe (view);
  g_assert_nonnull (strstr (description, "Lead: 4 deals"));
  g_assert_nonnull (strstr (description, "Offer sent: 1 deal"));
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (view)));
}

static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  KlFunnelView *view = kl_funnel_page_get_view (f->page);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));
  g_assert_cmpint (kl_funnel_view_get_stage (view), ==, -1);

  /* Down from nothing is Lead; down twice more is Needs identified; up
   * goes back; never past the ends. */
  for (guint i = 0; i < 3; i++)
    gtk_widget_activate_action (GTK_WIDGET (view), "funnel.move", "i", 1);
  g_assert_cmpint (kl_funnel_view_get_stage (view), ==, KL_FUNNEL_NEEDS);
  gtk_widget_activate_action (GTK_WIDGET (view), "funnel.move", "i", -1);
  g_assert_cmpint (kl_funnel_view_get_stage (view), ==, KL_FUNNEL_CONTACTED);
  for (guint i = 0; i < 10; i++)
    gtk_widget_activate_action (GTK_WIDGET (view), "funnel.move", "i", 1);
  g_assert_cmpint (kl_funnel_view_get_stage (view), ==, KL_FUNNEL_WON);
  gtk_widget_activate_action (GTK_WIDGET (view), "funnel.move", "i", -1);
  gtk_widget_activate_action (GTK_WIDGET (view), "funnel.move", "i", -1);
  g_assert_cmpint (kl_funnel_view_get_stage (view), ==, KL_FUNNEL_OFFER);
}

static void
on_stage_activated_cb (KlFunnelView *view,
                       int           stage,
                       int          *out)
{
  *out = stage;
}

static GtkWindow *
find_window (const char *title_part)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      const char *title = gtk_window_get_title (window);

      if (title != NULL && strstr (title, title_part) != NULL)
        return window;
    }

  return NULL;
}

static void
test_stage_deals (Fixture       *f,
                  gconstpointer  data)
{
  KlFunnelView *view = kl_funnel_page_get_view (f->page);
  int activated = -1;
  GtkWindow *window;

  g_signal_connect (view, "stage-activated", G_CALLBACK (on_stage_activated_cb), &activated);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  kl_funnel_view_set_stage (view, KL_FUNNEL_CONTACTED);
  gtk_widget_activate_action (GTK_WIDGET (view), "funnel.activate-stage", NULL);
  kl_test_iterate ();

  g_assert_cmpint (activated, ==, KL_FUNNEL_CONTACTED);
  window = find_window ("Contacted: 2 deals");
  g_assert_nonnull (window);
  g_assert_true (gtk_window_get_modal (window));
}

static void
test_follows_moves (Fixture       *f,
                    gconstpointer  data)
{
  KlFunnelView *view = kl_funnel_page_get_view (f->page);

  g_assert_cmpuint (kl_funnel_view_get_funnel (view)->stages[KL_FUNNEL_WON].reached, ==, 0);
  move (f, f->deal_ids[1], "won");
  kl_test_iterate ();
  g_assert_cmpuint (kl_funnel_view_get_funnel (view)->stages[KL_FUNNEL_WON].reached, ==, 1);
  g_assert_cmpfloat (kl_funnel_view_get_funnel (view)->ratio, ==, 4.0);

  move (f, f->deal_ids[2], "lost");
  kl_test_iterate ();
  g_assert_cmpuint (kl_funnel_view_get_funnel (view)->stages[KL_FUNNEL_LEAD].lost, ==, 1);
}

static void
on_notify_count_cb (GObject    *object,
                    GParamSpec *pspec,
                    guint      *count)
{
  (*count)++;
}

/* Shown, a burst of changes is one computation once the main loop is
 * idle; hidden, a change computes nothing until the page is shown again,
 * and then the figures are right before its first frame. */
static void
test_recompute_when_shown (Fixture       *f,
                           gconstpointer  data)
{
  KlFunnelView *view = kl_funnel_page_get_view (f->page);
  KlFunnel *before;
  guint computed = 0;

  g_signal_connect (view, "notify::funnel", G_CALLBACK (on_notify_count_cb), &computed);

  /* Shown: three writes, one computation afterwards. */
  before = kl_funnel_view_get_funnel (view);
  move (f, f->deal_ids[2], "contacted");
  move (f, f->deal_ids[2], "needs");
  move (f, f->deal_ids[3], "contacted");
  g_assert_true (kl_funnel_view_get_funnel (view) == before);
  g_assert_cmpuint (computed, ==, 0);
  kl_test_iterate ();
  g_assert_cmpuint (computed, ==, 1);
  g_assert_cmpuint (kl_funnel_view_get_funnel (view)->stages[KL_FUNNEL_CONTACTED].reached, ==, 4);
  g_assert_cmpuint (kl_funnel_view_get_funnel (view)->stages[KL_FUNNEL_NEEDS].reached, ==, 2);

  /* Hidden (another section shown): nothing computed. */
  gtk_widget_set_visible (GTK_WIDGET (f->page), FALSE);
  kl_test_iterate ();
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
  before = kl_funnel_view_get_funnel (view);
  move (f, f->deal_ids[1], "won");
  move (f, f->deal_ids[3], "lost");
  kl_test_iterate ();
  g_assert_cmpuint (computed, ==, 1);
  g_assert_true (kl_funnel_view_get_funnel (view) == before);
  g_assert_cmpuint (before->stages[KL_FUNNEL_WON].reached, ==, 0);

  /* Shown again: computed once, at once (before the next frame), with
   * both changes. */
  gtk_widget_set_visible (GTK_WIDGET (f->page), TRUE);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->page)));
  g_assert_cmpuint (computed, ==, 2);
  kl_test_iterate ();
  g_assert_cmpuint (computed, ==, 2);
  g_assert_cmpuint (kl_funnel_view_get_funnel (view)->stages[KL_FUNNEL_WON].reached, ==, 1);
  g_assert_cmpuint (kl_funnel_view_get_funnel (view)->stages[KL_FUNNEL_LEAD].lost, ==, 0);
  g_assert_cmpuint (kl_funnel_view_get_funnel (view)->stages[KL_FUNNEL_CONTACTED].lost, ==, 1);
  g_assert_cmpfloat (kl_funnel_view_get_funnel (view)->ratio, ==, 4.0);

  /* Hidden with nothing changed: shown without computing. */
  gtk_widget_set_visible (GTK_WIDGET (f->page), FALSE);
  kl_test_iterate ();
  gtk_widget_set_visible (GTK_WIDGET (f->page), TRUE);
  kl_test_iterate ();
  g_assert_cmpuint (computed, ==, 2);
}

/* The forecast is saved from the window as the funnel is: Ctrl+Shift+F
 * (or the Save menu) asks for a file, then writes the chart there; the
 * page's save writes each chart in each format. */
static void
test_save_forecast (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *svg = g_build_filename (f->dir, "forecast.svg", NULL);
  g_autofree char *png = g_build_filename (f->dir, "funnel.png", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "keyed.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *suggested = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  g_autoptr(GError) error = NULL;
  GtkFileChooser *chooser;
  int year, month;

  g_assert_true (kl_funnel_page_save_chart (f->page, KL_FUNNEL_PAGE_CHART_FORECAST, svg, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<title>Weighted forecast by expected close month</title>"));
  g_assert_true (kl_funnel_page_save_chart (f->page, KL_FUNNEL_PAGE_CHART_FUNNEL, png, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (png, G_FILE_TEST_IS_REGULAR));

  /* From the keyboard: the file chooser offers the forecast's name. */
  gtk_widget_grab_focus (GTK_WIDGET (kl_funnel_page_get_view (f->page)));
  kl_test_press_keys (f->window, "ctrl+shift+f");
  chooser = kl_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, "Save the Forecast as a Picture");
  kl_forecast_get_month (kl_forecast_view_get_forecast (kl_funnel_page_get_forecast_view (f->page)), 0,
                         &year, &month);
  expected = g_strdup_printf ("forecast from %04d-%02d.png", year, month);
  suggested = gtk_file_chooser_get_current_name (chooser);
  g_assert_cmpstr (suggested, ==, expected);
  gtk_file_chooser_set_current_folder (chooser, folder, &error);
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (chooser, "keyed.pdf");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  for (guint i = 0; i < 200 && !g_file_test (pdf, G_FILE_TEST_EXISTS); i++)
    {
      kl_test_iterate ();
      g_usleep (10000);
    }
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  g_assert_nonnull (kl_test_find_label (f->window, "Saved “keyed.pdf”"));
  g_assert_null (kl_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
}

static void
test_compare (Fixture       *f,
              gconstpointer  data)
{
  KlFunnelView *previous = kl_funnel_page_get_previous_view (f->page);
  GtkToggleButton *compare = kl_test_template_child (f->page, KL_TYPE_FUNNEL_PAGE, "compare_button");
  KlFunnel *funnel;

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (previous)));
  gtk_toggle_button_set_active (compare, TRUE);
  kl_test_iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (previous)));
  funnel = kl_funnel_view_get_funnel (previous);
  g_assert_nonnull (funnel);
  /* The quarter before: nothing there, and it says so. */
  g_assert_true (kl_funnel_is_empty (funnel));
  g_assert_cmpstr (funnel->to, <, kl_funnel_view_get_funnel (kl_funnel_page_get_view (f->page))->from);

  /* The manager picker: Ana's deals are all the deals. */
  gtk_drop_down_set_selected (kl_test_template_child (f->page, KL_TYPE_FUNNEL_PAGE, "manager_dropdown"), 1);
  kl_test_iterate ();
  g_assert_cmpuint (kl_funnel_view_get_funnel (kl_funnel_page_get_view (f->page))->cohort, ==, 4);
  g_assert_cmpstr (kl_funnel_view_get_caption (kl_funnel_page_get_view (f->page)), ==, "Ana Horvat");
}

/* The forecast under the funnel: this month on, the manager chosen,
 * following writes to the deals; Left and Right move between months. */
static void
test_forecast (Fixture       *f,
               gconstpointer  data)
{
  KlForecastView *view = kl_funnel_page_get_forecast_view (f->page);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) deal = kl_store_get (f->deals, f->deal_ids[3], &error);
  g_autofree char *today = kl_database_today ();
  const KlForecastSeries *eur;

  g_assert_nonnull (kl_forecast_view_get_forecast (view));
  g_assert_true (kl_forecast_is_empty (kl_forecast_view_get_forecast (view)));

  /* Deal 4, 4 000.00 EUR at 50 %, expected to close today. */
  kl_entity_set_text (deal, "expected_close", today);
  kl_entity_set_number (deal, "probability", 50);
  kl_store_update (f->deals, deal, &error);
  g_assert_no_error (error);
  kl_test_iterate ();
  eur = kl_forecast_get_series (kl_forecast_view_get_forecast (view), "EUR");
  g_assert_nonnull (eur);
  g_assert_cmpint (eur->weighted[0], ==, 200000);
  g_assert_cmpint (eur->total_weighted, ==, 200000);

  /* Won: no longer forecast. */
  move (f, f->deal_ids[3], "won");
  kl_test_iterate ();
  g_assert_true (kl_forecast_is_empty (kl_forecast_view_get_forecast (view)));
  move (f, f->deal_ids[3], "negotiation");
  kl_test_iterate ();
  g_assert_false (kl_forecast_is_empty (kl_forecast_view_get_forecast (view)));

  /* The keyboard: from nothing Right is the first month, never past the ends. */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (view)));
  g_assert_cmpint (kl_forecast_view_get_month (view), ==, -1);
  gtk_widget_activate_action (GTK_WIDGET (view), "forecast.move", "i", 1);
  g_assert_cmpint (kl_forecast_view_get_month (view), ==, 0);
  for (guint i = 0; i < 20; i++)
    gtk_widget_activate_action (GTK_WIDGET (view), "forecast.move", "i", 1);
  g_assert_cmpint (kl_forecast_view_get_month (view), ==, KL_FORECAST_MONTHS - 1);
  gtk_widget_activate_action (GTK_WIDGET (view), "forecast.move", "i", -1);
  g_assert_cmpint (kl_forecast_view_get_month (view), ==, KL_FORECAST_MONTHS - 2);

  /* Ana's forecast is the whole of it. */
  gtk_drop_down_set_selected (kl_test_template_child (f->page, KL_TYPE_FUNNEL_PAGE, "manager_dropdown"), 1);
  kl_test_iterate ();
  g_assert_cmpint (kl_forecast_view_get_forecast (view)->manager_id, >, 0);
  g_assert_cmpint (kl_forecast_get_series (kl_forecast_view_get_forecast (view), "EUR")->total_weighted, ==, 200000);
}

static void
test_periods (void)
{
  struct { KlFunnelPeriod period; int back; const char *from, *to; } cases[] = {
    { KL_FUNNEL_PERIOD_THIS_QUARTER, 0, "2026-10-01", "2026-12-31" },
    { KL_FUNNEL_PERIOD_THIS_QUARTER, 1, "2026-07-01", "2026-09-30" },
    { KL_FUNNEL_PERIOD_LAST_QUARTER, 0, "2026-07-01", "2026-09-30" },
    { KL_FUNNEL_PERIOD_LAST_QUARTER, 1, "2026-04-01", "2026-06-30" },
    { KL_FUNNEL_PERIOD_THIS_YEAR, 1, "2025-01-01", "2025-12-31" },
    { KL_FUNNEL_PERIOD_LAST_12_MONTHS, 0, "2025-12-04", "2026-12-03" },
    { KL_FUNNEL_PERIOD_LAST_12_MONTHS, 1, "2024-12-04", "2025-12-03" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      kl_funnel_period_range (cases[i].period, "2026-12-03", cases[i].back, &from, &to);
      g_assert_cmpstr (from, ==, cases[i].from);
      g_assert_cmpstr (to, ==, cases[i].to);
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/funnel/numbers", test_numbers);
  ADD ("/gui/funnel/keyboard", test_keyboard);
  ADD ("/gui/funnel/stage-deals", test_stage_deals);
  ADD ("/gui/funnel/follows-moves", test_follows_moves);
  ADD ("/gui/funnel/recompute-when-shown", test_recompute_when_shown);
  ADD ("/gui/funnel/save-forecast", test_save_forecast);
  ADD ("/gui/funnel/compare", test_compare);
  ADD ("/gui/funnel/forecast", test_forecast);
  g_test_add_func ("/gui/funnel/periods", test_periods);

  return g_test_run ();
}
