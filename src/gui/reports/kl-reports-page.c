/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kl-reports-page.h"

#include "kl-catalog.h"
#include "kl-format.h"
#include "kl-workbook-task.h"

/* The Reports section: the director's workbook for a period, a manager or
 * all, in a language, with the sheets ticked; written in a worker thread
 * with a progress bar and Cancel, then a toast offers to open it. */
struct _KlReportsPage
{
  KlPage           parent_instance;

  GtkStringList   *managers;      /* "All managers", then the names */
  GArray          *manager_ids;   /* gint64, in the same order */
  GtkCheckButton  *sheet_checks[8];
  GCancellable    *cancellable;   /* while exporting */

  /* Template children */
  AdwToastOverlay *toast_overlay;
  AdwComboRow     *period_row;
  AdwActionRow    *from_row;
  AdwActionRow    *to_row;
  GtkMenuButton   *from_button;
  GtkMenuButton   *to_button;
  GtkCalendar     *from_calendar;
  GtkCalendar     *to_calendar;
  GtkLabel        *period_error;
  AdwComboRow     *manager_row;
  AdwComboRow     *language_row;
  AdwPreferencesGroup *sheets_group;
  GtkProgressBar  *progress_bar;
};

G_DEFINE_FINAL_TYPE (KlReportsPage, kl_reports_page, KL_TYPE_PAGE)

static const struct {
  KlWorkbookSheets sheet;
  const char      *title;
  const char      *subtitle;
} sheets[] = {
  { KL_WORKBOOK_SUMMARY, N_("Summary"), N_("Sales per manager, plan fulfilment, the funnel") },
  { KL_WORKBOOK_CLIENTS, N_("Clients"), N_("The whole client base") },
  { KL_WORKBOOK_PIPELINE, N_("Pipeline"), N_("Open deals, and those won or lost in the period") },
  { KL_WORKBOOK_FORECAST, N_("Forecast"), N_("Weighted value by month of expected close") },
  { KL_WORKBOOK_CONTRACTS, N_("Contracts"), N_("Those ending within 30 days highlighted") },
  { KL_WORKBOOK_RECEIVABLES, N_("Receivables"), N_("Unpaid invoices by days past due") },
  { KL_WORKBOOK_COMPLAINTS, N_("Complaints"), N_("By category and month") },
  { KL_WORKBOOK_ACTIVITIES, N_("Activities"), N_("Calls, meetings, events and referrals per manager and week") },
};

static const char * const languages[] = { "hr", "ru", "en" };

void
kl_report_period_range (KlReportPeriod   period,
                        const char      *today,
                        char           **from,
                        char           **to)
{
  g_autofree char *real_today = NULL;
  int year, month, quarter_start;
  GDate date;

  if (today == NULL)
    today = real_today = kl_database_today ();
  year = (int) g_ascii_strtoll (today, NULL, 10);
  month = (int) g_ascii_strtoll (today + 5, NULL, 10);
  quarter_start = (month - 1) / 3 * 3 + 1;
  *from = *to = NULL;

  switch (period)
    {
    case KL_REPORT_PERIOD_THIS_MONTH:
    case KL_REPORT_PERIOD_LAST_MONTH:
      if (period == KL_REPORT_PERIOD_LAST_MONTH && --month == 0)
        {
          month = 12;
          year--;
        }
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 1, (GDateMonth) month, (GDateYear) year);
      *from = g_strdup_printf ("%04d-%02d-01", year, month);
      *to = g_strdup_printf ("%04d-%02d-%02d", year, month,
                             g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year));
      break;
    case KL_REPORT_PERIOD_THIS_QUARTER:
    case KL_REPORT_PERIOD_LAST_QUARTER:
      if (period == KL_REPORT_PERIOD_LAST_QUARTER && (quarter_start -= 3) < 1)
        {
          quarter_start = 10;
          year--;
        }
      *from = g_strdup_printf ("%04d-%02d-01", year, quarter_start);
      *to = g_strdup_printf ("%04d-%02d-%02d", year, quarter_start + 2,
                             g_date_get_days_in_month ((GDateMonth) (quarter_start + 2), (GDateYear) year));
      break;
    case KL_REPORT_PERIOD_THIS_YEAR:
    case KL_REPORT_PERIOD_LAST_YEAR:
      if (period == KL_REPORT_PERIOD_LAST_YEAR)
        year--;
      *from = g_strdup_printf ("%04d-01-01", year);
      *to = g_strdup_printf ("%04d-12-31", year);
      break;
    case KL_REPORT_PERIOD_CUSTOM:  /* the page's own days */
    case KL_REPORT_PERIOD_ALL:
    default:
      break;
    }
}

/* The day @calendar shows, as ISO 8601. */
static char *
calendar_day (GtkCalendar *calendar)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);

  return g_date_time_format (day, "%Y-%m-%d");
}

/* The period the page asks for: %NULL for no bound; FALSE when the chosen
 * days are the wrong way round. */
static gboolean
get_period (KlReportsPage  *self,
            char          **from,
            char          **to)
{
  KlReportPeriod period = adw_combo_row_get_selected (self->period_row);

  if (period != KL_REPORT_PERIOD_CUSTOM)
    {
      kl_report_period_range (period, NULL, from, to);
      return TRUE;
    }

  *from = calendar_day (self->from_calendar);
  *to = calendar_day (self->to_calendar);
  if (strcmp (*to, *from) < 0)
    {
      g_clear_pointer (from, g_free);
      g_clear_pointer (to, g_free);
      return FALSE;
    }

  return TRUE;
}

/* One day's button: the day in the user's format, and a name that says
 * which end of the period it is. */
static void
show_day (GtkMenuButton *button,
          GtkCalendar   *calendar,
          gboolean       first)
{
  g_autofree char *iso = calendar_day (calendar);
  g_autofree char *shown = kl_format_date (iso);
  g_autofree char *name = NULL;

  if (first)
    /* Translators: the accessible name of the button showing the first day of the report's period */
    name = g_strdup_printf (_("First day of the period: %s"), shown);
  else
    /* Translators: the accessible name of the button showing the last day of the report's period */
    name = g_strdup_printf (_("Last day of the period: %s"), shown);
  gtk_menu_button_set_label (button, shown);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
}

static void
update_period (KlReportsPage *self)
{
  gboolean custom;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gboolean valid;

  if (self->period_error == NULL)  /* the template is still being built */
    return;

  custom = adw_combo_row_get_selected (self->period_row) == KL_REPORT_PERIOD_CUSTOM;
  valid = get_period (self, &from, &to);

  gtk_widget_set_visible (GTK_WIDGET (self->from_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->to_row), custom);
  gtk_widget_set_visible (GTK_WIDGET (self->period_error), !valid);
  show_day (self->from_button, self->from_calendar, TRUE);
  show_day (self->to_button, self->to_calendar, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export", valid && self->cancellable == NULL);
}

static void
on_period_changed_cb (KlReportsPage *self)
{
  update_period (self);
}

static void
on_day_selected_cb (KlReportsPage *self,
                    GtkCalendar   *calendar)
{
  update_period (self);
  if (calendar == self->from_calendar)
    gtk_menu_button_popdown (self->from_button);
  else
    gtk_menu_button_popdown (self->to_button);
}

static void
load_managers (KlReportsPage *self)
{
  KlSession *session = kl_page_get_session (KL_PAGE (self));
  g_autoptr(GListModel) managers = kl_store_list_all (kl_session_get_store (session, KL_TYPE_MANAGER), NULL);
  gint64 all = 0;

  g_clear_object (&self->managers);
  g_clear_pointer (&self->manager_ids, g_array_unref);
  self->managers = gtk_string_list_new (NULL);
  self->manager_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_string_list_append (self->managers, _("All managers"));
  g_array_append_val (self->manager_ids, all);
  for (guint i = 0; managers != NULL && i < g_list_model_get_n_items (managers); i++)
    {
      g_autoptr(KlEntity) manager = g_list_model_get_item (managers, i);
      gint64 id = kl_entity_get_id (manager);

      gtk_string_list_append (self->managers, kl_entity_get_text (manager, "name"));
      g_array_append_val (self->manager_ids, id);
    }
  adw_combo_row_set_model (self->manager_row, G_LIST_MODEL (self->managers));
}

static void
set_busy (KlReportsPage *self,
          gboolean       busy)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.cancel", busy);
  if (busy)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "reports.export", FALSE);
  else
    update_period (self);
}

static void
on_progress (GObject *target,
             double   fraction)
{
  KlReportsPage *self = KL_REPORTS_PAGE (target);

  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

typedef struct {
  KlReportsPage *self;
  char          *path;
} Done;

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Done *done = user_data;
  g_autoptr(KlReportsPage) self = done->self;
  g_autofree char *path = done->path;
  AdwToast *toast;

  g_free (done);
  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);

  toast = kl_workbook_task_toast (GTK_WIDGET (self), result, path);
  if (toast != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

KlWorkbookSheets
kl_reports_page_get_sheets (KlReportsPage *self)
{
  KlWorkbookSheets chosen = 0;

  g_return_val_if_fail (KL_IS_REPORTS_PAGE (self), 0);

  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    if (gtk_check_button_get_active (self->sheet_checks[i]))
      chosen |= sheets[i].sheet;

  return chosen;
}

void
kl_reports_page_set_sheets (KlReportsPage    *self,
                            KlWorkbookSheets  chosen)
{
  g_return_if_fail (KL_IS_REPORTS_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    gtk_check_button_set_active (self->sheet_checks[i], (chosen & sheets[i].sheet) != 0);
}

void
kl_reports_page_export_to (KlReportsPage *self,
                           const char    *path)
{
  KlSession *session = kl_page_get_session (KL_PAGE (self));
  guint manager = adw_combo_row_get_selected (self->manager_row);
  guint language = adw_combo_row_get_selected (self->language_row);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  KlWorkbookOptions options = { 0 };
  Done *done;

  g_return_if_fail (KL_IS_REPORTS_PAGE (self));
  g_return_if_fail (session != NULL);
  g_return_if_fail (self->cancellable == NULL);

  if (!get_period (self, &from, &to))
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (gtk_label_get_label (self->period_error)));
      return;
    }
  options.scope.from = from;
  options.scope.to = to;
  if (self->manager_ids != NULL && manager < self->manager_ids->len)
    options.scope.manager_id = g_array_index (self->manager_ids, gint64, manager);
  options.language = language < G_N_ELEMENTS (languages) ? languages[language] : NULL;
  options.sheets = kl_reports_page_get_sheets (self);
  if (options.sheets == 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Choose at least one sheet.")));
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  done = g_new0 (Done, 1);
  done->self = g_object_ref (self);
  done->path = g_strdup (path);
  kl_workbook_task_run (session, &options, path, self->cancellable, G_OBJECT (self), on_progress,
                        on_export_done_cb, done);
}

gboolean
kl_reports_page_is_busy (KlReportsPage *self)
{
  g_return_val_if_fail (KL_IS_REPORTS_PAGE (self), FALSE);

  return self->cancellable != NULL;
}

static void
on_chosen (GtkWidget  *widget,
           const char *path)
{
  kl_reports_page_export_to (KL_REPORTS_PAGE (widget), path);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KlReportsPage *self = KL_REPORTS_PAGE (widget);

  if (self->cancellable != NULL)
    return;

  /* Translators: the file name offered for the workbook; keep the date and the ending */
  kl_workbook_task_choose (widget, _("Export the Workbook"), _("sales report %s.xlsx"), on_chosen);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KlReportsPage *self = KL_REPORTS_PAGE (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
kl_reports_page_session_set (KlPage    *page,
                             KlSession *session)
{
  load_managers (KL_REPORTS_PAGE (page));
}

static void
kl_reports_page_dispose (GObject *object)
{
  KlReportsPage *self = KL_REPORTS_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_REPORTS_PAGE);
  g_clear_object (&self->managers);

  G_OBJECT_CLASS (kl_reports_page_parent_class)->dispose (object);
}

static void
kl_reports_page_finalize (GObject *object)
{
  KlReportsPage *self = KL_REPORTS_PAGE (object);

  g_clear_pointer (&self->manager_ids, g_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (kl_reports_page_parent_class)->finalize (object);
}

static void
kl_reports_page_class_init (KlReportsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlPageClass *page_class = KL_PAGE_CLASS (klass);

  object_class->dispose = kl_reports_page_dispose;
  object_class->finalize = kl_reports_page_finalize;
  page_class->session_set = kl_reports_page_session_set;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/reports/kl-reports-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KlReportsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlReportsPage, period_row);
  gtk_widget_class_bind_template_child (widget_class, KlReportsPage, from_row);
  gtk_widget_class_bind_template_child (widget_class, KlReportsPage, to_row);
  gtk_widget_class_bind_template_child (widget_class, KlReportsPage, from_button);
  gtk_widget_class_bind_template_child (widget_class, KlReportsPage, to_button);
  gtk_widget_class_bind_template_child (widget_class, KlReportsPage, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, KlReportsPage, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, KlReportsPage, period_error);
  gtk_widget_class_bind_template_child (widget_class, KlReportsPage, manager_row);
  gtk_widget_class_bind_template_child (widget_class, KlReportsPage, language_row);
  gtk_widget_class_bind_template_child (widget_class, KlReportsPage, sheets_group);
  gtk_widget_class_bind_template_child (widget_class, KlReportsPage, progress_bar);

  gtk_widget_class_bind_template_callback (widget_class, on_period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_day_selected_cb);

  gtk_widget_class_install_action (widget_class, "reports.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "reports.cancel", NULL, cancel_action);
}

static void
kl_reports_page_init (KlReportsPage *self)
{
  const char *language = kl_catalog_default_language ();

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (sheets); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(sheets[i].title));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _(sheets[i].subtitle));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      /* Also labels the check by the row's title: a label property as
       * well would make it read the title twice. */
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (self->sheets_group, row);
      self->sheet_checks[i] = GTK_CHECK_BUTTON (check);
    }

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_str_equal (language, languages[i]))
      adw_combo_row_set_selected (self->language_row, i);
  /* Dates of one's choice start as this month up to today. */
  {
    g_autoptr(GDateTime) today = g_date_time_new_now_local ();
    g_autoptr(GDateTime) first = g_date_time_add_days (today, 1 - g_date_time_get_day_of_month (today));

    gtk_calendar_select_day (self->from_calendar, first);
    gtk_calendar_select_day (self->to_calendar, today);
  }
  adw_combo_row_set_selected (self->period_row, KL_REPORT_PERIOD_THIS_MONTH);
  set_busy (self, FALSE);
}
