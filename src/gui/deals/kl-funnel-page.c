/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-funnel-page.h"

#include "kl-chart-file.h"
#include "kl-conversion-chart.h"
#include "kl-forecast-chart.h"
#include "kl-forecast.h"
#include "kl-format.h"
#include "kl-funnel-chart.h"

/* The Funnel section: the funnel of the deals created in a period (this
 * quarter, the last, this year, the last twelve months), of one manager or
 * all, beside the period before when asked; a click on a stage lists its
 * deals; the chart is saved as PNG, PDF or SVG. It follows the writes to
 * the deals while shown, a burst of them with one computation when the
 * main loop is idle; hidden, it only notes that its figures are old and
 * computes them when shown again. */
struct _KlFunnelPage
{
  KlPage          parent_instance;

  KlStore        *deals;
  GtkStringList  *managers;     /* "All managers", then the names */
  GArray         *manager_ids;  /* gint64, in the same order */
  char           *today;        /* pinned "today" (tests), or NULL */
  gboolean        dirty;        /* the deals changed since the figures */
  guint           reload_id;    /* the idle computation, while shown */

  /* Template children */
  AdwToastOverlay *toast_overlay;
  GtkDropDown     *period_dropdown;
  GtkDropDown     *manager_dropdown;
  GtkToggleButton *compare_button;
  KlFunnelView    *funnel_view;
  KlFunnelView    *previous_view;
  GtkDrawingArea  *conversion_area;
  KlForecastView  *forecast_view;
};

G_DEFINE_FINAL_TYPE (KlFunnelPage, kl_funnel_page, KL_TYPE_PAGE)

#define SAVE_WIDTH 1600
#define SAVE_HEIGHT 1000
#define LISTED_DEALS 500

/**
 * kl_funnel_period_range:
 * @period: which period
 * @today: (nullable): "YYYY-MM-DD", or %NULL for today
 * @back: 0 for the period itself, 1 for the one before it, …
 * @from: (out): its first day
 * @to: (out): its last day
 */
void
kl_funnel_period_range (KlFunnelPeriod   period,
                        const char      *today,
                        int              back,
                        char           **from,
                        char           **to)
{
  G_STATIC_ASSERT ((int)KL_FUNNEL_PERIOD_LAST_12_MONTHS == (int)KL_PERIOD_LAST_12_MONTHS);

  kl_period_range ((KlPeriod)period, today, back, from, to);
}

static gint64
selected_manager (KlFunnelPage *self)
{
  guint i = gtk_drop_down_get_selected (self->manager_dropdown);

  if (self->manager_ids == NULL || i == GTK_INVALID_LIST_POSITION || i >= self->manager_ids->len)
    return 0;
  return g_array_index (self->manager_ids, gint64, i);
}

static void
show_error (KlFunnelPage *self,
            const GError *error)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static void
load_view (KlFunnelPage *self,
           KlFunnelView *view,
           int           back)
{
  KlSession *session = kl_page_get_session (KL_PAGE (self));
  KlFunnelPeriod period = gtk_drop_down_get_selected (self->period_dropdown);
  gint64 manager = selected_manager (self);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFunnel) funnel = NULL;
  const char *caption = NULL;

  kl_funnel_period_range (period, self->today, back, &from, &to);
  funnel = kl_funnel_compute (kl_session_get_database (session), from, to, manager, NULL, NULL, &error);
  if (funnel == NULL)
    {
      show_error (self, error);
      return;
    }
  if (manager > 0)
    caption = gtk_string_list_get_string (self->managers, gtk_drop_down_get_selected (self->manager_dropdown));
  kl_funnel_view_set_caption (view, caption);
  kl_funnel_view_set_funnel (view, funnel);
}

/* The open deals' forecast from this month on, of the manager chosen (the
 * period is the funnel's, not the forecast's). */
static void
load_forecast (KlFunnelPage *self)
{
  KlSession *session = kl_page_get_session (KL_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(KlForecast) forecast = kl_forecast_compute (kl_session_get_database (session), self->today,
                                                        selected_manager (self), &error);

  if (forecast == NULL)
    show_error (self, error);
  else
    kl_forecast_view_set_forecast (self->forecast_view, forecast);
}

/**
 * kl_funnel_page_reload:
 * @self: the page
 *
 * Computes the funnels again (the deals changed, or the period did).
 */
void
kl_funnel_page_reload (KlFunnelPage *self)
{
  g_return_if_fail (KL_IS_FUNNEL_PAGE (self));

  if (kl_page_get_session (KL_PAGE (self)) == NULL)
    return;

  self->dirty = FALSE;
  g_clear_handle_id (&self->reload_id, g_source_remove);
  load_view (self, self->funnel_view, 0);
  gtk_widget_queue_draw (GTK_WIDGET (self->conversion_area));
  load_forecast (self);
  if (gtk_toggle_button_get_active (self->compare_button))
    load_view (self, self->previous_view, 1);
}

static void
load_managers (KlFunnelPage *self)
{
  KlSession *session = kl_page_get_session (KL_PAGE (self));
  g_autoptr(GListModel) managers = kl_store_list_all (kl_session_get_store (session, KL_TYPE_MANAGER), NULL);
  gint64 all = 0;

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
on_filter_changed_cb (KlFunnelPage *self)
{
  kl_funnel_page_reload (self);
}

static gboolean
reload_idle_cb (gpointer data)
{
  KlFunnelPage *self = KL_FUNNEL_PAGE (data);

  self->reload_id = 0;
  kl_funnel_page_reload (self);
  return G_SOURCE_REMOVE;
}

/* The figures are old: computed once the writes of this burst are done,
 * or when the page is shown again. */
static void
on_deals_changed_cb (KlFunnelPage *self)
{
  self->dirty = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->reload_id == 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_idle_cb, self, NULL);
}

static void
on_deal_row_activated_cb (GtkListBox    *list,
                          GtkListBoxRow *row,
                          KlFunnelPage  *self)
{
  gint64 client_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "client-id"));

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-client", "x", client_id);
}

/* The deals of a stage: a window with one row each; a row opens its
 * client's card. */
static void
on_stage_activated_cb (KlFunnelPage *self,
                       int           stage,
                       KlFunnelView *view)
{
  KlSession *session = kl_page_get_session (KL_PAGE (self));
  KlFunnel *funnel = kl_funnel_view_get_funnel (view);
  g_autoptr(GPtrArray) deals = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *count = NULL;
  GtkWidget *window, *toolbar, *header, *scrolled, *clamp, *list;
  guint total;

  if (funnel == NULL || stage < 0)
    return;

  deals = kl_funnel_stage_deals (kl_session_get_database (session), funnel, stage, LISTED_DEALS, &error);
  if (deals == NULL)
    {
      show_error (self, error);
      return;
    }
  total = funnel->stages[stage].reached;

  /* Translators: the window listing the deals that reached a funnel stage, "Offer sent: 12 deals". */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deal", "%u deals", total), total);
  title = g_strdup_printf (C_("funnel", "%1$s: %2$s"), kl_funnel_stage_label (stage), count);

  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), 560, 600);
  gtk_window_set_modal (GTK_WINDOW (window), TRUE);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (toolbar), header);
  scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  clamp = adw_clamp_new ();
  gtk_widget_set_margin_top (clamp, 12);
  gtk_widget_set_margin_bottom (clamp, 12);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_valign (list, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_signal_connect_object (list, "row-activated", G_CALLBACK (on_deal_row_activated_cb), self, 0);

  for (guint i = 0; i < deals->len; i++)
    {
      KlFunnelDeal *deal = g_ptr_array_index (deals, i);
      g_autofree char *money = kl_format_money (deal->amount, deal->currency);
      g_autofree char *date = kl_format_date (deal->created_at);
      g_autofree char *subtitle = g_strdup_printf ("%s · %s · %s · %s", deal->client_name, money,
                                                   kl_choice_label (kl_deal_stages, deal->stage), date);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), deal->title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data (G_OBJECT (row), "client-id", GSIZE_TO_POINTER ((gsize)deal->client_id));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  if (total > deals->len)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The newest %u are listed.",
                                                            "The newest %u are listed.", deals->len),
                                               deals->len);
      GtkWidget *label = gtk_label_new (more);

      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 12);
      gtk_list_box_set_placeholder (GTK_LIST_BOX (list), NULL);
      gtk_box_append (GTK_BOX (toolbar), label);
    }

  adw_clamp_set_child (ADW_CLAMP (clamp), list);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  gtk_box_append (GTK_BOX (toolbar), scrolled);
  adw_window_set_content (ADW_WINDOW (window), toolbar);
  gtk_window_present (GTK_WINDOW (window));
}

/**
 * kl_funnel_page_save_chart:
 * @chart: which chart
 * @path: a file ending in .png, .pdf or .svg
 * @error: return location for a #GError
 *
 * Saves the chart as shown (its period, manager and caption), light, at
 * 1600×1000: what the Save menu's file chooser does once a file is
 * chosen, through kl_chart_save().
 *
 * Returns: whether it was saved; FALSE with nothing shown yet, or with
 *   @error set
 */
gboolean
kl_funnel_page_save_chart (KlFunnelPage       *self,
                           KlFunnelPageChart   chart,
                           const char         *path,
                           GError            **error)
{
  KlFunnel *funnel;
  KlForecast *forecast;

  g_return_val_if_fail (KL_IS_FUNNEL_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (chart == KL_FUNNEL_PAGE_CHART_FORECAST)
    {
      forecast = kl_forecast_view_get_forecast (self->forecast_view);
      return forecast != NULL && kl_forecast_chart_save (forecast, path, SAVE_WIDTH, SAVE_HEIGHT, error);
    }

  funnel = kl_funnel_view_get_funnel (self->funnel_view);
  return funnel != NULL && kl_funnel_chart_save (funnel, kl_funnel_view_get_caption (self->funnel_view), path,
                                                 SAVE_WIDTH, SAVE_HEIGHT, error);
}

static void
on_save_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     KlFunnelPage    *self)
{
  KlFunnelPageChart chart = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "chart"));
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      path = file != NULL ? g_file_get_path (file) : NULL;
      if (path != NULL && !kl_chart_format_known (path))
        {
          /* The filter chosen gives the ending. */
          GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
          const char *ending = filter != NULL ? g_object_get_data (G_OBJECT (filter), "ending") : NULL;
          char *with_ending = g_strconcat (path, ending != NULL ? ending : ".png", NULL);

          g_free (path);
          path = with_ending;
        }
      if (path != NULL && !kl_funnel_page_save_chart (self, chart, path, &error))
        {
          if (error != NULL)
            show_error (self, error);
        }
      else if (path != NULL)
        {
          g_autofree char *name = g_filename_display_basename (path);
          /* Translators: %s is a file name */
          g_autofree char *message = g_strdup_printf (_("Saved “%s”"), name);

          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
        }
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *mime_type,
            const char     *ending)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_mime_type (filter, mime_type);
  g_object_set_data (G_OBJECT (filter), "ending", (gpointer)ending);
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
}

/* The file chooser for @chart, its name offered from what it shows. */
static void
ask_file (KlFunnelPage      *self,
          KlFunnelPageChart  chart)
{
  GtkFileChooserNative *dialog;
  KlFunnel *funnel = kl_funnel_view_get_funnel (self->funnel_view);
  KlForecast *forecast = kl_forecast_view_get_forecast (self->forecast_view);
  g_autofree char *name = NULL;
  const char *title;

  if (chart == KL_FUNNEL_PAGE_CHART_FORECAST)
    {
      int year, month;

      if (forecast == NULL)
        return;
      kl_forecast_get_month (forecast, 0, &year, &month);
      title = _("Save the Forecast as a Picture");
      /* Translators: the file name offered when saving the forecast, from its first month; keep the date and the ending. */
      name = g_strdup_printf (_("forecast from %04d-%02d.png"), year, month);
    }
  else
    {
      if (funnel == NULL)
        return;
      title = _("Save the Funnel as a Picture");
      /* Translators: the file name offered when saving the funnel; keep the dates and the ending. */
      name = g_strdup_printf (_("funnel %s to %s.png"), funnel->from, funnel->to);
    }

  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  add_filter (GTK_FILE_CHOOSER (dialog), _("PNG picture"), "image/png", ".png");
  add_filter (GTK_FILE_CHOOSER (dialog), _("PDF document"), "application/pdf", ".pdf");
  add_filter (GTK_FILE_CHOOSER (dialog), _("SVG drawing"), "image/svg+xml", ".svg");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "chart", GINT_TO_POINTER (chart));
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* "funnel" or "forecast" */
static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ask_file (KL_FUNNEL_PAGE (widget), g_str_equal (g_variant_get_string (parameter, NULL), "forecast")
                                     ? KL_FUNNEL_PAGE_CHART_FORECAST : KL_FUNNEL_PAGE_CHART_FUNNEL);
}

static void
draw_conversion (GtkDrawingArea *area,
                 cairo_t        *cr,
                 int             width,
                 int             height,
                 gpointer        user_data)
{
  KlFunnelPage *self = KL_FUNNEL_PAGE (user_data);
  KlFunnel *funnel = kl_funnel_view_get_funnel (self->funnel_view);
  KlChartStyle style = { adw_style_manager_get_dark (adw_style_manager_get_default ()),
                         gtk_widget_get_scale_factor (GTK_WIDGET (area)) };

  if (funnel != NULL && width > 0 && height > 0)
    kl_conversion_chart_draw (cr, width, height, &style, funnel, NULL);
}

static void
kl_funnel_page_session_set (KlPage    *page,
                            KlSession *session)
{
  KlFunnelPage *self = KL_FUNNEL_PAGE (page);

  self->deals = g_object_ref (kl_session_get_store (session, KL_TYPE_DEAL));
  g_signal_connect_object (self->deals, "changed", G_CALLBACK (on_deals_changed_cb), self, G_CONNECT_SWAPPED);
  load_managers (self);
  kl_funnel_page_reload (self);
}

/* Shown again after changes: the new figures before the first frame. */
static void
kl_funnel_page_map (GtkWidget *widget)
{
  KlFunnelPage *self = KL_FUNNEL_PAGE (widget);

  if (self->dirty)
    kl_funnel_page_reload (self);
  GTK_WIDGET_CLASS (kl_funnel_page_parent_class)->map (widget);
}

static void
kl_funnel_page_unmap (GtkWidget *widget)
{
  KlFunnelPage *self = KL_FUNNEL_PAGE (widget);

  /* Hidden: computed when shown. */
  g_clear_handle_id (&self->reload_id, g_source_remove);
  GTK_WIDGET_CLASS (kl_funnel_page_parent_class)->unmap (widget);
}

static void
kl_funnel_page_dispose (GObject *object)
{
  KlFunnelPage *self = KL_FUNNEL_PAGE (object);

  g_clear_handle_id (&self->reload_id, g_source_remove);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_FUNNEL_PAGE);
  g_clear_object (&self->deals);
  g_clear_object (&self->managers);

  G_OBJECT_CLASS (kl_funnel_page_parent_class)->dispose (object);
}

static void
kl_funnel_page_finalize (GObject *object)
{
  KlFunnelPage *self = KL_FUNNEL_PAGE (object);

  g_clear_pointer (&self->manager_ids, g_array_unref);
  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (kl_funnel_page_parent_class)->finalize (object);
}

static void
kl_funnel_page_class_init (KlFunnelPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlPageClass *page_class = KL_PAGE_CLASS (klass);

  object_class->dispose = kl_funnel_page_dispose;
  object_class->finalize = kl_funnel_page_finalize;
  page_class->session_set = kl_funnel_page_session_set;
  widget_class->map = kl_funnel_page_map;
  widget_class->unmap = kl_funnel_page_unmap;

  gtk_widget_class_install_action (widget_class, "funnel-page.save", "s", save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "funnel-page.save", "s", "funnel");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "funnel-page.save", "s", "forecast");

  g_type_ensure (KL_TYPE_FUNNEL_VIEW);
  g_type_ensure (KL_TYPE_FORECAST_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/deals/kl-funnel-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KlFunnelPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlFunnelPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlFunnelPage, manager_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlFunnelPage, compare_button);
  gtk_widget_class_bind_template_child (widget_class, KlFunnelPage, funnel_view);
  gtk_widget_class_bind_template_child (widget_class, KlFunnelPage, previous_view);
  gtk_widget_class_bind_template_child (widget_class, KlFunnelPage, conversion_area);
  gtk_widget_class_bind_template_child (widget_class, KlFunnelPage, forecast_view);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stage_activated_cb);
}

static void
kl_funnel_page_init (KlFunnelPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_drawing_area_set_draw_func (self->conversion_area, draw_conversion, self, NULL);
}

GtkWidget *
kl_funnel_page_new (KlSession *session)
{
  GtkWidget *page = g_object_new (KL_TYPE_FUNNEL_PAGE, NULL);

  kl_page_set_session (KL_PAGE (page), session);
  return page;
}

KlFunnelView *
kl_funnel_page_get_view (KlFunnelPage *self)
{
  g_return_val_if_fail (KL_IS_FUNNEL_PAGE (self), NULL);

  return self->funnel_view;
}

KlForecastView *
kl_funnel_page_get_forecast_view (KlFunnelPage *self)
{
  g_return_val_if_fail (KL_IS_FUNNEL_PAGE (self), NULL);

  return self->forecast_view;
}

KlFunnelView *
kl_funnel_page_get_previous_view (KlFunnelPage *self)
{
  g_return_val_if_fail (KL_IS_FUNNEL_PAGE (self), NULL);

  return self->previous_view;
}

void
kl_funnel_page_set_period (KlFunnelPage   *self,
                           KlFunnelPeriod  period)
{
  g_return_if_fail (KL_IS_FUNNEL_PAGE (self));

  gtk_drop_down_set_selected (self->period_dropdown, period);
}

/* Pins the page's "today" ("YYYY-MM-DD"; NULL: the real one), for tests. */
void
kl_funnel_page_set_today (KlFunnelPage *self,
                          const char   *today)
{
  g_return_if_fail (KL_IS_FUNNEL_PAGE (self));

  g_free (self->today);
  self->today = g_strdup (today);
  kl_funnel_page_reload (self);
}
