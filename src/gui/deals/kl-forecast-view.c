/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-forecast-view.h"

#include <adwaita.h>

#include "kl-chart-items.h"
#include "kl-forecast-chart.h"

/* The forecast chart as a widget: kl_forecast_chart_draw() paints it. The
 * month under the pointer is set apart and its figures are the tooltip;
 * the widget takes the keyboard focus, Left and Right move between the
 * months, and the accessible description reads every figure out (the
 * months are KlChartItems, as the funnel view's stages). */
struct _KlForecastView
{
  GtkWidget      parent_instance;

  KlForecast    *forecast;
  KlChartItems   items;         /* the months: keyboard, pointer */
  KlChartLayout  layout;        /* of the last drawing */
};

G_DEFINE_FINAL_TYPE (KlForecastView, kl_forecast_view, GTK_TYPE_WIDGET)

static gboolean
has_months (KlForecastView *self)
{
  return self->forecast != NULL && !kl_forecast_is_empty (self->forecast);
}

static void
update_accessible (KlForecastView *self)
{
  g_autofree char *description = NULL;
  g_autofree char *month = kl_chart_items_describe_item (&self->items);
  g_autofree char *label = NULL;

  if (self->forecast != NULL)
    description = kl_forecast_chart_describe (self->forecast);
  if (month != NULL)
    /* Translators: the forecast chart's name for screen readers, with the month the keyboard is on. */
    label = g_strdup_printf (_("Forecast: %s"), month);
  else
    label = g_strdup (_("Forecast"));

  kl_chart_items_set_accessible (&self->items, label, description);
}

static void
kl_forecast_view_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  KlForecastView *self = KL_FORECAST_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  KlChartStyle style = { adw_style_manager_get_dark (adw_style_manager_get_default ()),
                         gtk_widget_get_scale_factor (widget) };
  cairo_t *cr;

  if (self->forecast == NULL || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  kl_forecast_chart_draw (cr, width, height, &style, self->forecast, kl_chart_items_highlight (&self->items),
                          &self->layout);
  cairo_destroy (cr);

  kl_chart_items_snapshot_focus (&self->items, snapshot);
}

/* The months, for KlChartItems */

static int
count_months (GtkWidget *widget)
{
  return has_months (KL_FORECAST_VIEW (widget)) ? KL_FORECAST_MONTHS : 0;
}

static int
month_at (GtkWidget *widget,
          double     x,
          double     y)
{
  KlForecastView *self = KL_FORECAST_VIEW (widget);

  if (!has_months (self))
    return -1;
  return kl_chart_layout_area_at (&self->layout, x, y);
}

static char *
describe_month (GtkWidget *widget,
                int        month)
{
  return kl_forecast_chart_describe_month (KL_FORECAST_VIEW (widget)->forecast, month);
}

static void
select_month (GtkWidget *widget,
              int        month)
{
  kl_forecast_view_set_month (KL_FORECAST_VIEW (widget), month);
}

static const KlChartItemsFuncs months = {
  .count = count_months,
  .item_at = month_at,
  .describe = describe_month,
  .select = select_month,
};

static gboolean
kl_forecast_view_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard,
                                GtkTooltip *tooltip)
{
  return kl_chart_items_query_tooltip (&KL_FORECAST_VIEW (widget)->items, x, y, keyboard, tooltip);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KlForecastView *self = KL_FORECAST_VIEW (widget);
  int month = kl_chart_items_step (&self->items, g_variant_get_int32 (parameter));

  if (month >= 0)
    kl_forecast_view_set_month (self, month);
}

static void
kl_forecast_view_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 280 : 150;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 200;
}

static void
kl_forecast_view_finalize (GObject *object)
{
  KlForecastView *self = KL_FORECAST_VIEW (object);

  g_clear_pointer (&self->forecast, kl_forecast_unref);

  G_OBJECT_CLASS (kl_forecast_view_parent_class)->finalize (object);
}

static void
kl_forecast_view_class_init (KlForecastViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kl_forecast_view_finalize;

  widget_class->snapshot = kl_forecast_view_snapshot;
  widget_class->measure = kl_forecast_view_measure;
  widget_class->query_tooltip = kl_forecast_view_query_tooltip;

  kl_chart_items_class_init (widget_class, "forecast.move", move_action, FALSE);
  gtk_widget_class_set_css_name (widget_class, "forecastview");
}

static void
kl_forecast_view_init (KlForecastView *self)
{
  kl_chart_items_init (&self->items, GTK_WIDGET (self), &months);
  update_accessible (self);
}

GtkWidget *
kl_forecast_view_new (void)
{
  return g_object_new (KL_TYPE_FORECAST_VIEW, NULL);
}

KlForecast *
kl_forecast_view_get_forecast (KlForecastView *self)
{
  g_return_val_if_fail (KL_IS_FORECAST_VIEW (self), NULL);

  return self->forecast;
}

void
kl_forecast_view_set_forecast (KlForecastView *self,
                               KlForecast     *forecast)
{
  g_return_if_fail (KL_IS_FORECAST_VIEW (self));

  if (self->forecast == forecast)
    return;
  g_clear_pointer (&self->forecast, kl_forecast_unref);
  if (forecast != NULL)
    self->forecast = kl_forecast_ref (forecast);
  if (!has_months (self))
    kl_chart_items_set_item (&self->items, -1);
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
kl_forecast_view_get_month (KlForecastView *self)
{
  g_return_val_if_fail (KL_IS_FORECAST_VIEW (self), -1);

  return self->items.item;
}

/* The keyboard's month: 0 … KL_FORECAST_MONTHS - 1, or -1 for none. */
void
kl_forecast_view_set_month (KlForecastView *self,
                            int             month)
{
  g_return_if_fail (KL_IS_FORECAST_VIEW (self));
  g_return_if_fail (month >= -1 && month < KL_FORECAST_MONTHS);

  if (kl_chart_items_set_item (&self->items, month))
    update_accessible (self);
}
