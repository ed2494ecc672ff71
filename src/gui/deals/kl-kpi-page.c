/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-kpi-page.h"

#include "kl-entities.h"
#include "kl-format.h"
#include "kl-funnel.h"

#include <string.h>

/* The KPIs section: a board of a manager's (or the team's) key figures
 * for a month or a quarter against the sales plan, each with its target
 * and a status told by colour, icon and word; beside it the plan editor
 * of the manager chosen. It follows every write to the deals, activities,
 * clients and plans. */
struct _KlKpiPage
{
  KlPage          parent_instance;

  GPtrArray      *stores;       /* KlStore, whose changes reload the board */
  GtkStringList  *managers;     /* "All managers", then the names */
  GArray         *manager_ids;  /* gint64, in the same order */
  char           *today;        /* pinned "today" (tests), or NULL */
  KlKpis         *kpis;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  GtkDropDown     *period_dropdown;
  GtkDropDown     *manager_dropdown;
  GtkLabel        *period_label;
  GtkListBox      *board;
  KlPlanEditor    *plan_editor;
};

G_DEFINE_FINAL_TYPE (KlKpiPage, kl_kpi_page, KL_TYPE_PAGE)

/* Row names (tests and the accessibility tree find rows by them) */
static const char * const row_names[KL_KPI_N] = {
  [KL_KPI_EVENTS] = "events",
  [KL_KPI_CALLS_PER_DAY] = "calls-per-day",
  [KL_KPI_CALLS_PER_WEEK] = "calls-per-week",
  [KL_KPI_MEETINGS_PER_DAY] = "meetings-per-day",
  [KL_KPI_MEETINGS_PER_WEEK] = "meetings-per-week",
  [KL_KPI_ALTERNATION] = "alternation",
  [KL_KPI_REFERRALS_ASKED] = "referrals-asked",
  [KL_KPI_REFERRALS_RECEIVED] = "referrals-received",
  [KL_KPI_DECISION_MAKER] = "decision-maker",
  [KL_KPI_MEETINGS_PER_DEAL] = "meetings-per-deal",
  [KL_KPI_CONVERSION] = "conversion",
};

/* The board's order: the domain's seven criteria, plan fulfilment after
 * the activities that lead to it. */
static const KlKpiId board_order[] = {
  KL_KPI_EVENTS,
  KL_KPI_CALLS_PER_DAY, KL_KPI_CALLS_PER_WEEK,
  KL_KPI_MEETINGS_PER_DAY, KL_KPI_MEETINGS_PER_WEEK,
  KL_KPI_ALTERNATION,
  KL_KPI_REFERRALS_ASKED, KL_KPI_REFERRALS_RECEIVED,
  KL_KPI_DECISION_MAKER,
  KL_KPI_MEETINGS_PER_DEAL,
  KL_KPI_N,                     /* plan fulfilment, one row per currency */
  KL_KPI_CONVERSION,
};

static void
period_range (KlKpiPage   *self,
              KlKpiPeriod  period,
              char       **from,
              char       **to)
{
  switch (period)
    {
    case KL_KPI_PERIOD_LAST_MONTH:
      kl_kpi_month_range (self->today, -1, from, to);
      break;
    case KL_KPI_PERIOD_THIS_QUARTER:
      kl_funnel_quarter (self->today, 0, from, to);
      break;
    case KL_KPI_PERIOD_LAST_QUARTER:
      kl_funnel_quarter (self->today, -1, from, to);
      break;
    case KL_KPI_PERIOD_THIS_MONTH:
    default:
      kl_kpi_month_range (self->today, 0, from, to);
      break;
    }
}

static gint64
selected_manager (KlKpiPage *self)
{
  guint i = gtk_drop_down_get_selected (self->manager_dropdown);

  if (self->manager_ids == NULL || i == GTK_INVALID_LIST_POSITION || i >= self->manager_ids->len)
    return 0;
  return g_array_index (self->manager_ids, gint64, i);
}

static char *
format_value (KlKpiUnit unit,
              double    value)
{
  switch (unit)
    {
    case KL_KPI_SHARE:
      /* Translators: a percentage; hr and ru put a space before the sign */
      return g_strdup_printf (_("%.0f%%"), value * 100);
    case KL_KPI_RATE:
      return g_strdup_printf ("%.1f", value);
    case KL_KPI_COUNT:
    default:
      return g_strdup_printf ("%.0f", value);
    }
}

static const char *
status_icon (KlKpiStatus status)
{
  switch (status)
    {
    case KL_KPI_STATUS_GREEN:
      return "emblem-ok-symbolic";
    case KL_KPI_STATUS_AMBER:
      return "dialog-warning-symbolic";
    case KL_KPI_STATUS_RED:
      return "dialog-error-symbolic";
    case KL_KPI_STATUS_NO_DATA:
    case KL_KPI_STATUS_NO_TARGET:
    default:
      return NULL;
    }
}

static const char *
status_class (KlKpiStatus status)
{
  switch (status)
    {
    case KL_KPI_STATUS_GREEN:
      return "success";
    case KL_KPI_STATUS_AMBER:
      return "warning";
    case KL_KPI_STATUS_RED:
      return "error";
    case KL_KPI_STATUS_NO_DATA:
    case KL_KPI_STATUS_NO_TARGET:
    default:
      return "dim-label";
    }
}

/* What a figure is made of, under its name. */
static char *
figure_detail (const KlKpis *kpis,
               KlKpiId       id)
{
  const KlKpiFigure *f = &kpis->figures[id];

  switch (id)
    {
    case KL_KPI_CALLS_PER_DAY:
      return g_strdup_printf (_("Calls: %1$u · working days so far: %2$u"), kpis->calls, kpis->days_gone);
    case KL_KPI_MEETINGS_PER_DAY:
      return g_strdup_printf (_("Meetings: %1$u · working days so far: %2$u"), kpis->meetings, kpis->days_gone);
    case KL_KPI_ALTERNATION:
      return g_strdup_printf (_("Call days: %1$u · meeting days: %2$u · switches: %3$u of %4$u"),
                              kpis->call_days, kpis->meeting_days, f->part, f->whole);
    case KL_KPI_DECISION_MAKER:
      return g_strdup_printf (_("Open deals: %1$u · decision maker reached: %2$u"), f->whole, f->part);
    case KL_KPI_MEETINGS_PER_DEAL:
      return g_strdup_printf (_("Meetings: %1$u · deals won: %2$u"), f->part, f->whole);
    case KL_KPI_CONVERSION:
      return g_strdup_printf (_("Deals created: %1$u · won: %2$u"), f->whole, f->part);
    case KL_KPI_EVENTS:
    case KL_KPI_REFERRALS_ASKED:
    case KL_KPI_REFERRALS_RECEIVED:
      if (f->target > 0 && f->due < f->target)
        {
          g_autofree char *due = g_strdup_printf ("%.1f", f->due);

          return g_strdup_printf (_("Due by today: %s"), due);
        }
      return NULL;
    case KL_KPI_CALLS_PER_WEEK:
    case KL_KPI_MEETINGS_PER_WEEK:
    case KL_KPI_N:
    default:
      return NULL;
    }
}

/* One row: name and detail; the figure, its target, and the status as an
 * icon and a word in its colour. The row's accessible name says it all. */
static GtkWidget *
make_row (const char  *name,
          const char  *title,
          const char  *detail,
          const char  *actual,
          const char  *target,
          KlKpiStatus  status)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *actual_label = gtk_label_new (actual);
  GtkWidget *target_label = gtk_label_new (target);
  GtkWidget *status_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *status_label = gtk_label_new (kl_kpi_status_label (status));
  const char *icon = status_icon (status);
  g_autofree char *description = NULL;

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (detail != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), detail);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, TRUE);

  gtk_widget_add_css_class (actual_label, "title-4");
  gtk_label_set_width_chars (GTK_LABEL (actual_label), 8);
  gtk_label_set_xalign (GTK_LABEL (actual_label), 1);
  gtk_widget_add_css_class (target_label, "dim-label");
  gtk_label_set_width_chars (GTK_LABEL (target_label), 16);
  gtk_label_set_xalign (GTK_LABEL (target_label), 1);
  gtk_widget_set_name (status_box, "kpi-status");
  gtk_widget_set_size_request (status_box, 190, -1);
  gtk_widget_set_valign (status_box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (status_box, status_class (status));
  gtk_widget_add_css_class (status_label, "heading");
  if (icon != NULL)
    gtk_box_append (GTK_BOX (status_box), gtk_image_new_from_icon_name (icon));
  gtk_box_append (GTK_BOX (status_box), status_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), actual_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), target_label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status_box);

  /* Translators: what a screen reader says of a KPI row: its name, the
   * figure, the target and the status, e.g. "Calls per day: 0.6, target:
   * 2.0, off target" */
  description = g_strdup_printf (_("%1$s: %2$s, %3$s, %4$s"), title, actual, target, kl_kpi_status_label (status));
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, detail != NULL ? detail : "", -1);
  g_object_set_data_full (G_OBJECT (row), "kl-kpi-text", g_steal_pointer (&description), g_free);
  g_object_set_data (G_OBJECT (row), "kl-kpi-status", GINT_TO_POINTER (status));

  return row;
}

static GtkWidget *
figure_row (const KlKpis *kpis,
            KlKpiId       id)
{
  const KlKpiFigure *f = &kpis->figures[id];
  g_autofree char *actual = f->actual >= 0 ? format_value (f->unit, f->actual) : g_strdup ("—");
  g_autofree char *target_value = f->target > 0 ? format_value (f->unit, f->target) : NULL;
  g_autofree char *target = NULL;
  g_autofree char *detail = figure_detail (kpis, id);

  if (target_value == NULL)
    target = g_strdup (_("no target set"));
  else if (id == KL_KPI_MEETINGS_PER_DEAL)
    target = g_strdup_printf (_("target: at most %s"), target_value);
  else
    target = g_strdup_printf (_("target: %s"), target_value);

  return make_row (row_names[id], kl_kpi_label (id), detail, actual, target, f->status);
}

static GtkWidget *
money_row (const KlKpiMoney *m)
{
  g_autofree char *name = g_strconcat ("plan-", m->currency, NULL);
  /* Translators: a KPI row, %s is a currency code: "Plan fulfilment, EUR" */
  g_autofree char *title = g_strdup_printf (_("Plan fulfilment, %s"), m->currency);
  g_autofree char *actual = kl_format_money (m->won, m->currency);
  g_autofree char *target = NULL;
  g_autofree char *detail = NULL;

  if (m->target > 0)
    {
      g_autofree char *money = kl_format_money (m->target, m->currency);
      g_autofree char *percent = format_value (KL_KPI_SHARE, (double)m->won / (double)m->target);

      target = g_strdup_printf (_("target: %s"), money);
      detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%2$s of the target · %1$u deal won",
                                             "%2$s of the target · %1$u deals won", m->deals),
                                m->deals, percent);
    }
  else
    {
      target = g_strdup (_("no target set"));
      detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deal won", "%u deals won", m->deals),
                                m->deals);
    }

  return make_row (name, title, detail, actual, target, m->status);
}

static void
clear_board (KlKpiPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->board))) != NULL)
    gtk_list_box_remove (self->board, child);
}

static void
fill_board (KlKpiPage *self)
{
  clear_board (self);

  for (guint i = 0; i < G_N_ELEMENTS (board_order); i++)
    {
      KlKpiId id = board_order[i];

      if (id != KL_KPI_N)
        {
          gtk_list_box_append (self->board, figure_row (self->kpis, id));
          continue;
        }
      if (self->kpis->n_money == 0)
        {
          KlKpiMoney none = { .currency = (char *)kl_session_get_office (kl_page_get_session (KL_PAGE (self)))->currency,
                              .status = KL_KPI_STATUS_NO_TARGET };

          gtk_list_box_append (self->board, money_row (&none));
        }
      for (guint j = 0; j < self->kpis->n_money; j++)
        gtk_list_box_append (self->board, money_row (&self->kpis->money[j]));
    }
}

/**
 * kl_kpi_page_reload:
 * @self: the page
 *
 * Counts the figures again (the data changed, or the period did).
 */
void
kl_kpi_page_reload (KlKpiPage *self)
{
  KlSession *session;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *range = NULL;
  g_autoptr(GError) error = NULL;
  KlKpis *kpis;

  g_return_if_fail (KL_IS_KPI_PAGE (self));

  session = kl_page_get_session (KL_PAGE (self));
  if (session == NULL)
    return;

  period_range (self, gtk_drop_down_get_selected (self->period_dropdown), &from, &to);
  kpis = kl_kpis_compute (kl_session_get_database (session), from, to, selected_manager (self), self->today,
                          &error);
  if (kpis == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  g_clear_pointer (&self->kpis, kl_kpis_unref);
  self->kpis = kpis;

  from_text = kl_format_date (from);
  to_text = kl_format_date (to);
  /* Translators: the period the board shows, "1. 3. 2026 – 31. 3. 2026" */
  range = g_strdup_printf (_("%1$s – %2$s"), from_text, to_text);
  gtk_label_set_text (self->period_label, range);

  fill_board (self);
}

/* The plan editor follows the manager and the period's month that holds
 * today (or its first month). */
static void
open_plan (KlKpiPage *self)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *today = self->today != NULL ? g_strdup (self->today) : kl_database_today ();
  guint selected = gtk_drop_down_get_selected (self->manager_dropdown);
  gint64 manager = selected_manager (self);
  g_autofree char *month = NULL;

  if (kl_page_get_session (KL_PAGE (self)) == NULL)
    return;

  period_range (self, gtk_drop_down_get_selected (self->period_dropdown), &from, &to);
  month = g_strndup (strcmp (today, from) >= 0 && strcmp (today, to) <= 0 ? today : from, 7);
  kl_plan_editor_open (self->plan_editor, manager,
                       manager > 0 ? gtk_string_list_get_string (self->managers, selected) : NULL, month);
}

static void
load_managers (KlKpiPage *self)
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
  gtk_drop_down_set_model (self->manager_dropdown, G_LIST_MODEL (self->managers));
  gtk_drop_down_set_selected (self->manager_dropdown, 0);
}

static void
on_filter_changed_cb (KlKpiPage *self)
{
  kl_kpi_page_reload (self);
  open_plan (self);
}

static void
on_data_changed_cb (KlKpiPage *self)
{
  kl_kpi_page_reload (self);
}

static void
on_plan_saved_cb (KlKpiPage *self)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Plan saved")));
}

static void
kl_kpi_page_session_set (KlPage    *page,
                         KlSession *session)
{
  KlKpiPage *self = KL_KPI_PAGE (page);
  const GType watched[] = { KL_TYPE_DEAL, KL_TYPE_ACTIVITY, KL_TYPE_CLIENT, KL_TYPE_SALES_PLAN };

  self->stores = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    {
      KlStore *store = kl_session_get_store (session, watched[i]);

      g_ptr_array_add (self->stores, g_object_ref (store));
      g_signal_connect_object (store, "changed", G_CALLBACK (on_data_changed_cb), self, G_CONNECT_SWAPPED);
    }
  kl_plan_editor_set_session (self->plan_editor, session);
  load_managers (self);
  kl_kpi_page_reload (self);
  open_plan (self);
}

static void
kl_kpi_page_dispose (GObject *object)
{
  KlKpiPage *self = KL_KPI_PAGE (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_KPI_PAGE);
  g_clear_pointer (&self->stores, g_ptr_array_unref);
  g_clear_object (&self->managers);

  G_OBJECT_CLASS (kl_kpi_page_parent_class)->dispose (object);
}

static void
kl_kpi_page_finalize (GObject *object)
{
  KlKpiPage *self = KL_KPI_PAGE (object);

  g_clear_pointer (&self->manager_ids, g_array_unref);
  g_clear_pointer (&self->kpis, kl_kpis_unref);
  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (kl_kpi_page_parent_class)->finalize (object);
}

static void
kl_kpi_page_class_init (KlKpiPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlPageClass *page_class = KL_PAGE_CLASS (klass);

  object_class->dispose = kl_kpi_page_dispose;
  object_class->finalize = kl_kpi_page_finalize;
  page_class->session_set = kl_kpi_page_session_set;

  g_type_ensure (KL_TYPE_PLAN_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/deals/kl-kpi-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KlKpiPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlKpiPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlKpiPage, manager_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlKpiPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, KlKpiPage, board);
  gtk_widget_class_bind_template_child (widget_class, KlKpiPage, plan_editor);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_plan_saved_cb);
}

static void
kl_kpi_page_init (KlKpiPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kl_kpi_page_new (KlSession *session)
{
  GtkWidget *page = g_object_new (KL_TYPE_KPI_PAGE, NULL);

  kl_page_set_session (KL_PAGE (page), session);
  return page;
}

/* Pins the page's "today" ("YYYY-MM-DD"; NULL: the real one), for tests. */
void
kl_kpi_page_set_today (KlKpiPage  *self,
                       const char *today)
{
  g_return_if_fail (KL_IS_KPI_PAGE (self));

  g_free (self->today);
  self->today = g_strdup (today);
  on_filter_changed_cb (self);
}

void
kl_kpi_page_set_period (KlKpiPage   *self,
                        KlKpiPeriod  period)
{
  g_return_if_fail (KL_IS_KPI_PAGE (self));

  gtk_drop_down_set_selected (self->period_dropdown, period);
}

void
kl_kpi_page_set_manager (KlKpiPage *self,
                         gint64     manager_id)
{
  g_return_if_fail (KL_IS_KPI_PAGE (self));

  for (guint i = 0; self->manager_ids != NULL && i < self->manager_ids->len; i++)
    if (g_array_index (self->manager_ids, gint64, i) == manager_id)
      gtk_drop_down_set_selected (self->manager_dropdown, i);
}

KlKpis *
kl_kpi_page_get_kpis (KlKpiPage *self)
{
  g_return_val_if_fail (KL_IS_KPI_PAGE (self), NULL);

  return self->kpis;
}

/**
 * kl_kpi_page_get_row:
 * @self: the page
 * @name: "events", "calls-per-day", … or "plan-EUR" for a currency
 *
 * Returns: (transfer none) (nullable): the board's row of that figure
 */
GtkWidget *
kl_kpi_page_get_row (KlKpiPage  *self,
                     const char *name)
{
  g_return_val_if_fail (KL_IS_KPI_PAGE (self), NULL);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->board));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      return row;

  return NULL;
}

KlPlanEditor *
kl_kpi_page_get_plan_editor (KlKpiPage *self)
{
  g_return_val_if_fail (KL_IS_KPI_PAGE (self), NULL);

  return self->plan_editor;
}
