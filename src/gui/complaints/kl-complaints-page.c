/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-complaints-page.h"

#include "kl-chart-view.h"
#include "kl-client-picker.h"
#include "kl-complaint-chart.h"
#include "kl-complaint-editor.h"
#include "kl-complaint-list.h"
#include "kl-entities.h"
#include "kl-format.h"
#include "kl-period.h"
#include "kl-query-view.h"

/* The Complaints section. The list: search, open or closed (or open for
 * more than KL_COMPLAINT_OLD_DAYS days), status, category and client
 * filters above the complaints' KlQueryList, sorted and filtered in SQL;
 * an open complaint older than KL_COMPLAINT_OLD_DAYS says so in words in
 * its "Days open" cell, and the summary under the list counts them. Enter
 * or a double click opens one; Ctrl+N (or "New Complaint") registers one.
 * The analysis: over the period picked (kl_period_picker_new(), as the
 * Funnel's; the last twelve months by default, whole months there, as the
 * chart counts by month), the average days to resolve, counts received,
 * open and old open, and the chart of complaints by category and month
 * (kl_complaint_chart_draw()), read again whenever a complaint is written
 * or another period is picked. */

struct _KlComplaintsPage
{
  KlPage               parent_instance;

  KlQueryList         *list;
  KlStore             *store;
  KlComplaintStats    *stats;
  char                *today;    /* NULL: the real today */
  GtkDropDown         *period_picker;

  /* Template children */
  AdwToastOverlay     *toast_overlay;
  GtkStack            *view_stack;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *state_dropdown;
  GtkDropDown         *status_dropdown;
  GtkDropDown         *category_dropdown;
  GtkMenuButton       *client_button;
  KlClientPicker      *client_picker;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *received_column;
  GtkColumnViewColumn *client_column;
  GtkColumnViewColumn *category_column;
  GtkColumnViewColumn *description_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *days_open_column;
  GtkColumnViewColumn *resolved_column;
  GtkLabel            *summary_label;
  GtkLabel            *average_label;
  GtkLabel            *received_label;
  GtkLabel            *open_label;
  GtkLabel            *old_label;
  GtkImage            *old_icon;
  AdwPreferencesGroup *figures_group;
  GtkBox              *period_box;
  KlChartView         *chart_view;
};

G_DEFINE_FINAL_TYPE (KlComplaintsPage, kl_complaints_page, KL_TYPE_PAGE)

/* The rows of state_dropdown. */
enum {
  STATE_OPEN,
  STATE_OLD,
  STATE_CLOSED,
  STATE_ALL,
};

/* Cells */

static char *
received_cell (KlEntity *complaint)
{
  return kl_format_date (kl_entity_get_text (complaint, "received_date"));
}

static char *
client_cell (KlEntity *complaint)
{
  return g_strdup (kl_entity_get_text (complaint, "client_name"));
}

static char *
category_cell (KlEntity *complaint)
{
  return g_strdup (kl_choice_label (kl_complaint_categories, kl_entity_get_text (complaint, "category")));
}

static char *
description_cell (KlEntity *complaint)
{
  const char *text = kl_entity_get_text (complaint, "description");

  /* One line of it. */
  return text != NULL ? g_strdelimit (g_strdup (text), "\r\n", ' ') : NULL;
}

static char *
status_cell (KlEntity *complaint)
{
  return g_strdup (kl_choice_label (kl_complaint_statuses, kl_entity_get_text (complaint, "status")));
}

static char *
days_open_cell (KlEntity *complaint)
{
  gint64 days = kl_entity_get_number (complaint, "days_open");

  if (!kl_complaint_status_is_open (kl_entity_get_text (complaint, "status")))
    return NULL;
  if (kl_complaint_is_old (complaint))
    /* Translators: the days an open complaint has waited, when that is more than two weeks: "20 — overdue". */
    return g_strdup_printf (_("%d — overdue"), (int)days);
  return g_strdup_printf ("%d", (int)days);
}

static char *
resolved_cell (KlEntity *complaint)
{
  return kl_format_date (kl_entity_get_text (complaint, "resolved_date"));
}

/* The chart */

static void
draw_chart (cairo_t            *cr,
            double              width,
            double              height,
            const KlChartStyle *style,
            int                 highlight,
            KlChartLayout      *layout,
            gpointer            user_data)
{
  kl_complaint_chart_draw (cr, width, height, style, user_data, highlight, layout);
}

static char *
describe_chart (int      part,
                gpointer user_data)
{
  KlComplaintStats *stats = user_data;

  if (part < 0)
    return kl_complaint_chart_describe (stats);
  return kl_complaint_chart_describe_month (stats, part);
}

/* Helpers */

static void
update_summary (KlComplaintsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));

  if (n == 0)
    {
      gtk_label_set_text (self->summary_label, _("No complaints match."));
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u complaint", "%u complaints", n), n);

    gtk_label_set_text (self->summary_label, text);
  }
}

static void
update_analysis (KlComplaintsPage *self)
{
  KlSession *session = kl_page_get_session (KL_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(KlComplaintStats) stats = NULL;
  g_autofree char *average = NULL;
  g_autofree char *received = NULL;
  g_autofree char *open = NULL;
  g_autofree char *old = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *range = NULL;
  KlPeriod period = gtk_drop_down_get_selected (self->period_picker);
  guint first, n_months;

  if (session == NULL)
    return;
  if (period == KL_PERIOD_LAST_12_MONTHS)
    {
      from = g_malloc (11);
      to = g_malloc (11);
      kl_complaint_stats_year_to (self->today, from, to);
    }
  else
    kl_period_range (period, self->today, 0, &from, &to);
  stats = kl_complaint_stats_compute (kl_session_get_database (session), from, to, self->today, 0, &error);
  if (stats == NULL)
    {
      g_warning ("Could not count the complaints: %s", error->message);
      return;
    }

  if (stats->resolved == 0)
    average = g_strdup (_("None resolved"));
  else
    /* Translators: the average days to resolve a complaint, and of how many: "12.5 days (of 40)". */
    average = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$.1f days (of %2$u resolved)",
                                            "%1$.1f days (of %2$u resolved)", stats->resolved),
                               stats->average_days, stats->resolved);
  received = g_strdup_printf ("%u", stats->total);
  open = g_strdup_printf ("%u", stats->open);
  old = g_strdup_printf ("%u", stats->old_open);
  from_text = kl_format_date (from);
  to_text = kl_format_date (to);
  /* Translators: the period the board shows, "1. 3. 2026 – 31. 3. 2026" */
  range = g_strdup_printf (_("%1$s – %2$s"), from_text, to_text);
  adw_preferences_group_set_title (self->figures_group, range);
  gtk_label_set_text (self->average_label, average);
  gtk_label_set_text (self->received_label, received);
  gtk_label_set_text (self->open_label, open);
  gtk_label_set_text (self->old_label, old);
  gtk_widget_set_visible (GTK_WIDGET (self->old_icon), stats->old_open > 0);

  g_clear_pointer (&self->stats, kl_complaint_stats_unref);
  self->stats = kl_complaint_stats_ref (stats);
  first = kl_complaint_chart_first_month (stats);
  n_months = stats->n_months;
  kl_chart_view_set_chart (self->chart_view, first, n_months - first, draw_chart, describe_chart,
                           g_steal_pointer (&stats), (GDestroyNotify)kl_complaint_stats_unref);
}

static void
open_editor (KlComplaintsPage *self,
             KlComplaint      *complaint)
{
  KlSession *session = kl_page_get_session (KL_PAGE (self));
  gint64 client_id = kl_query_list_has_filter (self->list, "client")
                     ? kl_query_list_get_filter_int (self->list, "client") : 0;
  KlComplaintEditor *editor = kl_complaint_editor_new (session, complaint != NULL ? 0 : client_id, complaint);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

/* Callbacks */

static void
on_column_view_activate_cb (KlComplaintsPage *self,
                            guint             position,
                            GtkColumnView    *view)
{
  g_autoptr(KlEntity) item = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (item != NULL)
    open_editor (self, KL_COMPLAINT (item));
}

static void
on_state_selected_cb (KlComplaintsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->state_dropdown);

  kl_query_list_freeze (self->list);
  kl_query_list_clear_filter (self->list, "state");
  kl_query_list_clear_filter (self->list, "old");
  switch (selected)
    {
    case STATE_OPEN:
      kl_query_list_set_filter_text (self->list, "state", "open");
      break;
    case STATE_OLD:
      kl_query_list_set_filter_int (self->list, "old", KL_COMPLAINT_OLD_DAYS);
      break;
    case STATE_CLOSED:
      kl_query_list_set_filter_text (self->list, "state", "closed");
      break;
    default:
      break;
    }
  kl_query_list_thaw (self->list);
}

static void
on_client_picker_notify_client_id_cb (KlComplaintsPage *self)
{
  gint64 id = kl_client_picker_get_client_id (self->client_picker);

  if (id == 0)
    {
      kl_query_list_clear_filter (self->list, "client");
      gtk_menu_button_set_label (self->client_button, _("All clients"));
      return;
    }

  kl_query_list_set_filter_int (self->list, "client", id);
  gtk_menu_button_set_label (self->client_button, gtk_editable_get_text (GTK_EDITABLE (self->client_picker)));
  gtk_menu_button_popdown (self->client_button);
}

static void
on_store_changed_cb (KlComplaintsPage *self)
{
  update_analysis (self);
}

/* Actions */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (KL_COMPLAINTS_PAGE (widget), NULL);
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KlComplaintsPage *self = KL_COMPLAINTS_PAGE (widget);

  gtk_stack_set_visible_child_name (self->view_stack, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* Overrides */

static void
kl_complaints_page_session_set (KlPage    *page,
                                KlSession *session)
{
  KlComplaintsPage *self = KL_COMPLAINTS_PAGE (page);
  g_autoptr(GtkStringList) states = gtk_string_list_new (NULL);
  g_autofree char *old = NULL;

  self->list = kl_complaint_list_new (session);
  self->store = g_object_ref (kl_session_get_store (session, KL_TYPE_COMPLAINT));

  kl_query_view_set_cell (self->received_column, received_cell, 0.0f, 10);
  kl_query_view_set_cell (self->client_column, client_cell, 0.0f, 20);
  kl_query_view_set_cell (self->category_column, category_cell, 0.0f, 12);
  kl_query_view_set_cell (self->description_column, description_cell, 0.0f, 30);
  kl_query_view_set_cell (self->status_column, status_cell, 0.0f, 12);
  kl_query_view_set_cell (self->days_open_column, days_open_cell, 1.0f, 12);
  kl_query_view_set_cell (self->resolved_column, resolved_cell, 0.0f, 10);

  kl_query_view_add_sort (self->column_view, self->received_column, "received");
  kl_query_view_add_sort (self->column_view, self->client_column, "client");
  kl_query_view_add_sort (self->column_view, self->category_column, "category");
  kl_query_view_add_sort (self->column_view, self->status_column, "status");
  kl_query_view_add_sort (self->column_view, self->days_open_column, "days-open");
  kl_query_view_add_sort (self->column_view, self->resolved_column, "resolved");

  /* The open ones, the longest waiting first: what needs doing. */
  kl_query_list_freeze (self->list);
  kl_query_list_set_filter_text (self->list, "state", "open");
  kl_query_list_set_sort (self->list, "days-open", TRUE);
  kl_query_list_thaw (self->list);
  kl_query_view_attach (self->column_view, self->list);
  kl_query_view_bind_search (GTK_EDITABLE (self->search_entry), self->list, "search");
  kl_query_view_bind_choice (self->status_dropdown, self->list, "status", _("All statuses"),
                             kl_complaint_statuses, NULL);
  kl_query_view_bind_choice (self->category_dropdown, self->list, "category", _("All categories"),
                             kl_complaint_categories, NULL);

  gtk_string_list_append (states, _("Open complaints"));
  old = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Open for more than %d day", "Open for more than %d days",
                                      KL_COMPLAINT_OLD_DAYS), KL_COMPLAINT_OLD_DAYS);
  gtk_string_list_append (states, old);
  gtk_string_list_append (states, _("Resolved and rejected"));
  gtk_string_list_append (states, _("All complaints"));
  gtk_drop_down_set_model (self->state_dropdown, G_LIST_MODEL (states));
  gtk_drop_down_set_selected (self->state_dropdown, STATE_OPEN);
  g_signal_connect_object (self->state_dropdown, "notify::selected", G_CALLBACK (on_state_selected_cb), self,
                           G_CONNECT_SWAPPED);

  kl_client_picker_set_session (self->client_picker, session);
  g_signal_connect_object (self->client_picker, "notify::client-id",
                           G_CALLBACK (on_client_picker_notify_client_id_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
  update_summary (self);

  kl_chart_view_set_name (self->chart_view, _("Complaints by category and month"));
  g_signal_connect_object (self->store, "changed", G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  update_analysis (self);
}

static void
kl_complaints_page_dispose (GObject *object)
{
  KlComplaintsPage *self = KL_COMPLAINTS_PAGE (object);

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_COMPLAINTS_PAGE);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_pointer (&self->stats, kl_complaint_stats_unref);
  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (kl_complaints_page_parent_class)->dispose (object);
}

static void
kl_complaints_page_class_init (KlComplaintsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlPageClass *page_class = KL_PAGE_CLASS (klass);

  object_class->dispose = kl_complaints_page_dispose;
  page_class->session_set = kl_complaints_page_session_set;

  /* Ctrl+N is the window's "win.new", which asks the page shown. */
  gtk_widget_class_install_action (widget_class, "page.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "complaints.focus-search", NULL, focus_search_action);

  g_type_ensure (KL_TYPE_CLIENT_PICKER);
  g_type_ensure (KL_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/complaints/kl-complaints-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, client_button);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, client_picker);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, received_column);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, client_column);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, category_column);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, description_column);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, days_open_column);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, resolved_column);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, average_label);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, received_label);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, open_label);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, old_label);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, old_icon);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, chart_view);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, figures_group);
  gtk_widget_class_bind_template_child (widget_class, KlComplaintsPage, period_box);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
}

static void
kl_complaints_page_init (KlComplaintsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->period_picker = GTK_DROP_DOWN (kl_period_picker_new (_("Complaints received in this period")));
  gtk_drop_down_set_selected (self->period_picker, KL_PERIOD_LAST_12_MONTHS);
  g_signal_connect_swapped (self->period_picker, "notify::selected", G_CALLBACK (update_analysis), self);
  gtk_box_append (self->period_box, GTK_WIDGET (self->period_picker));
}

/* The list the page shows: for tests. */
KlQueryList *
kl_complaints_page_get_list (KlComplaintsPage *self)
{
  g_return_val_if_fail (KL_IS_COMPLAINTS_PAGE (self), NULL);

  return self->list;
}

/* The analysis's figures as last read: for tests. */
KlComplaintStats *
kl_complaints_page_get_stats (KlComplaintsPage *self)
{
  g_return_val_if_fail (KL_IS_COMPLAINTS_PAGE (self), NULL);

  return self->stats;
}

/* Picks the analysis's period, as the picker does. */
void
kl_complaints_page_set_period (KlComplaintsPage *self,
                               KlPeriod          period)
{
  g_return_if_fail (KL_IS_COMPLAINTS_PAGE (self));

  gtk_drop_down_set_selected (self->period_picker, period);
}

/* The day the analysis counts to ("YYYY-MM-DD", NULL for the real today): for tests. */
void
kl_complaints_page_set_today (KlComplaintsPage *self,
                              const char       *today)
{
  g_return_if_fail (KL_IS_COMPLAINTS_PAGE (self));

  g_free (self->today);
  self->today = g_strdup (today);
  update_analysis (self);
}

/* The period picker: for tests. */
GtkDropDown *
kl_complaints_page_get_period_picker (KlComplaintsPage *self)
{
  g_return_val_if_fail (KL_IS_COMPLAINTS_PAGE (self), NULL);

  return self->period_picker;
}
