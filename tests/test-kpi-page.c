/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "kl-entities.h"
#include "kl-format.h"
#include "kl-kpi-page.h"
#include "kl-test-gui.h"
#include "kl-test-kpi.h"

/* The KPIs section with real widgets on the fixed month of
 * tests/lib/kl-test-kpi.c (figures worked out there by hand): what each
 * row says, in words and not only in colour; the plan editor checking as
 * typed, saving, and the board following; keyboard and names in en, hr
 * and ru. */

typedef struct {
  char      *dir;
  KlSession *session;
  GtkWindow *window;
  KlKpiPage *page;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->session = kl_test_open_session ("kpi-page", &f->dir, NULL);
  kl_test_kpi_fill (kl_session_get_database (f->session));

  f->page = KL_KPI_PAGE (kl_kpi_page_new (f->session));
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1300, 800);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  kl_kpi_page_set_today (f->page, "2026-04-15");
  kl_kpi_page_set_period (f->page, KL_KPI_PERIOD_LAST_MONTH);
  kl_kpi_page_set_manager (f->page, KL_TEST_KPI_ANA);
  kl_test_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_destroy_toplevels ();
  kl_test_close_session (&f->session, &f->dir, NULL);
}

static const char *
row_text (Fixture    *f,
          const char *name)
{
  GtkWidget *row = kl_kpi_page_get_row (f->page, name);

  g_assert_nonnull (row);
  return g_object_get_data (G_OBJECT (row), "kl-kpi-text");
}

static KlKpiStatus
row_status (Fixture    *f,
            const char *name)
{
  return GPOINTER_TO_INT (g_object_get_data (G_OBJECT (kl_kpi_page_get_row (f->page, name)), "kl-kpi-status"));
}

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The row's status: a word, an icon unless there is no target, and the
 * colour as a style class. */
static void
assert_status (Fixture    *f,
               const char *name,
               const char *word,
               const char *style_class,
               gboolean    with_icon)
{
  GtkWidget *status = find_named (kl_kpi_page_get_row (f->page, name), "kpi-status");
  GtkWidget *first;

  g_assert_nonnull (status);
  g_assert_true (gtk_widget_has_css_class (status, style_class));
  first = gtk_widget_get_first_child (status);
  g_assert_true (GTK_IS_IMAGE (first) == with_icon);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_last_child (status))), ==, word);
}

static void
test_board (Fixture       *f,
            gconstpointer  data)
{
  KlKpis *kpis = kl_kpi_page_get_kpis (f->page);
  g_autofree char *won = kl_format_money (150000, "EUR");

  g_assert_cmpstr (kpis->from, ==, "2026-03-01");
  g_assert_cmpstr (kpis->to, ==, "2026-03-31");
  g_assert_cmpint (kpis->manager_id, ==, KL_TEST_KPI_ANA);

  g_assert_cmpstr (row_text (f, "events"), ==, "Events and exhibitions attended: 2, target: 2, On target");
  g_assert_cmpstr (row_text (f, "calls-per-day"), ==, "Calls per day: 0.3, target: 2.0, Off target");
  g_assert_cmpstr (row_text (f, "meetings-per-week"), ==, "Meetings per week: 1.4, target: 5.0, Off target");
  g_assert_cmpstr (row_text (f, "alternation"), ==,
                   "Call days and meeting days alternating: 60%, target: 50%, On target");
  g_assert_cmpstr (row_text (f, "referrals-asked"), ==, "Referrals asked for: 2, target: 4, Off target");
  g_assert_cmpstr (row_text (f, "decision-maker"), ==,
                   "Open deals with the decision maker reached: 67%, target: 60%, On target");
  g_assert_cmpstr (row_text (f, "meetings-per-deal"), ==,
                   "Meetings per signed deal: 2.0, target: at most 3.0, On target");
  g_assert_cmpstr (row_text (f, "conversion"), ==, "Funnel conversion, lead to won: 25%, target: 20%, On target");
  g_assert_nonnull (strstr (row_text (f, "plan-EUR"), "Plan fulfilment, EUR: "));
  g_assert_nonnull (strstr (row_text (f, "plan-EUR"), won));
  g_assert_nonnull (strstr (row_text (f, "plan-EUR"), "target: "));
  g_assert_true (g_str_has_suffix (row_text (f, "plan-EUR"), ", Off target"));
  g_assert_true (g_str_has_suffix (row_text (f, "plan-RUB"), "no target set, No target"));

  /* Not only colour: an icon and a word; the colour as a style class. */
  g_assert_cmpint (row_status (f, "events"), ==, KL_KPI_STATUS_GREEN);
  assert_status (f, "events", "On target", "success", TRUE);
  assert_status (f, "calls-per-day", "Off target", "error", TRUE);
  assert_status (f, "plan-RUB", "No target", "dim-label", FALSE);

  /* Boris: amber plan fulfilment (700.00 of 800.00). */
  kl_kpi_page_set_manager (f->page, KL_TEST_KPI_BORIS);
  kl_test_iterate ();
  g_assert_cmpint (row_status (f, "plan-EUR"), ==, KL_KPI_STATUS_AMBER);
  assert_status (f, "plan-EUR", "Close to target", "warning", TRUE);
  g_assert_null (kl_kpi_page_get_row (f->page, "plan-RUB"));

  /* The quarter of everyone */
  kl_kpi_page_set_manager (f->page, 0);
  kl_kpi_page_set_period (f->page, KL_KPI_PERIOD_LAST_QUARTER);
  kl_test_iterate ();
  kpis = kl_kpi_page_get_kpis (f->page);
  g_assert_cmpstr (kpis->from, ==, "2026-01-01");
  g_assert_cmpint (kpis->manager_id, ==, 0);
  g_assert_cmpuint (kpis->calls, ==, 8);
}

static void
type (GtkEditable *entry,
      const char  *text)
{
  gtk_editable_set_text (entry, text);
  kl_test_iterate ();
}

/* The plan editor: wrong input said beside the field and never saved; a
 * right target saved, and the board's plan fulfilment follows. */
static void
test_plan_editor (Fixture       *f,
                  gconstpointer  data)
{
  KlPlanEditor *editor = kl_kpi_page_get_plan_editor (f->page);
  GtkEditable *revenue = kl_plan_editor_get_entry (editor, "revenue_target");
  GtkEditable *calls = kl_plan_editor_get_entry (editor, "calls_target");
  GtkEditable *conversion = kl_plan_editor_get_entry (editor, "conversion_target");
  GtkLabel *calls_error = kl_plan_editor_get_error_label (editor, "calls_target");
  GtkLabel *conversion_error = kl_plan_editor_get_error_label (editor, "conversion_target");

  g_assert_cmpstr (kl_plan_editor_get_month (editor), ==, "2026-03");
  g_assert_cmpstr (gtk_editable_get_text (calls), ==, "44");
  g_assert_cmpint (row_status (f, "plan-EUR"), ==, KL_KPI_STATUS_RED);
  g_assert_false (kl_plan_editor_can_save (editor));

  type (calls, "4x");
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (calls_error)));
  g_assert_cmpstr (gtk_label_get_text (calls_error), ==, "Enter a whole number, such as 12.");
  g_assert_false (kl_plan_editor_can_save (editor));
  type (calls, "44");
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (calls_error)));

  type (conversion, "150");
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (conversion_error)));
  g_assert_false (kl_plan_editor_can_save (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "plan-editor.save", NULL);
  kl_test_iterate ();
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT conversion_target FROM sales_plans"
                                                  " WHERE manager_id = 1 AND month = '2026-03'"), ==, 20);
  type (conversion, "20");

  /* 1 500.00 won of a 1 500.00 target: on target. */
  type (revenue, "1500");
  g_assert_true (kl_plan_editor_can_save (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "plan-editor.save", NULL);
  kl_test_iterate ();
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT revenue_target FROM sales_plans"
                                                  " WHERE manager_id = 1 AND month = '2026-03'"), ==, 150000);
  g_assert_cmpint (row_status (f, "plan-EUR"), ==, KL_KPI_STATUS_GREEN);
  g_assert_true (g_str_has_suffix (row_text (f, "plan-EUR"), ", On target"));
  g_assert_false (kl_plan_editor_can_save (editor));

  /* A month with no plan yet: a new one, written on saving. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "plan-editor.next-month", NULL);
  gtk_widget_activate_action (GTK_WIDGET (editor), "plan-editor.next-month", NULL);
  kl_test_iterate ();
  g_assert_cmpstr (kl_plan_editor_get_month (editor), ==, "2026-05");
  g_assert_cmpstr (gtk_editable_get_text (calls), ==, "");
  type (calls, "30");
  gtk_widget_activate_action (GTK_WIDGET (editor), "plan-editor.save", NULL);
  kl_test_iterate ();
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT calls_target FROM sales_plans"
                                                  " WHERE manager_id = 1 AND month = '2026-05'"), ==, 30);

  /* Every manager: no plan to edit, the editor says to choose one. */
  kl_kpi_page_set_manager (f->page, 0);
  kl_test_iterate ();
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (calls)));
}

/* Every row and every field is reached by the keyboard. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  KlPlanEditor *editor = kl_kpi_page_get_plan_editor (f->page);
  const char *names[] = { "events", "calls-per-day", "conversion", "plan-EUR" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GtkWidget *row = kl_kpi_page_get_row (f->page, names[i]);

      g_assert_true (gtk_widget_get_focusable (row));
      g_assert_true (gtk_widget_grab_focus (row));
      g_assert_true (gtk_widget_has_focus (row));
    }
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (kl_plan_editor_get_entry (editor, "revenue_target"))));

  /* Tab from the first field walks into the next one. */
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD));
  g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (f->window),
                                         GTK_WIDGET (kl_plan_editor_get_entry (editor, "currency"))));
}

typedef struct {
  const char *locale;
  const char *calls_per_day;
  const char *plan_row_start;
  const char *save;
} Translation;

static const Translation translations[] = {
  { "hr_HR.UTF-8", "Pozivi po danu: 0,3, cilj: 2,0, Zaostaje za planom", "Ostvarenje plana, EUR: ", "_Spremi plan" },
  { "ru_RU.UTF-8", "Звонков в день: 0,3, цель: 2,0, Отстаёт от плана", "Выполнение плана, EUR: ", "_Сохранить план" },
};

static void
check_translation (gconstpointer data)
{
  const Translation *t = data;
  Fixture fixture = { 0 };
  Fixture *f = &fixture;
  const char *localedir = g_getenv ("KLIJENTELA_LOCALEDIR");

  g_assert_nonnull (localedir);
  g_unsetenv ("LANGUAGE");
  g_assert_nonnull (setlocale (LC_ALL, t->locale));
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  fixture_set_up (f, NULL);
  g_assert_cmpstr (row_text (f, "calls-per-day"), ==, t->calls_per_day);
  g_assert_true (g_str_has_prefix (row_text (f, "plan-EUR"), t->plan_row_start));
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "_Save Plan"), ==, t->save);
  fixture_tear_down (f, NULL);

  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/kpi/board", test_board);
  ADD ("/gui/kpi/plan-editor", test_plan_editor);
  ADD ("/gui/kpi/keyboard", test_keyboard);
  g_test_add_data_func ("/gui/kpi/translation/hr", &translations[0], check_translation);
  g_test_add_data_func ("/gui/kpi/translation/ru", &translations[1], check_translation);

  return g_test_run ();
}
