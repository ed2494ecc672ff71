/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-forecast-view.h"

#include <adwaita.h>

#include "kl-forecast-chart.h"

/* The forecast chart as a widget: kl_forecast_chart_draw() paints it. The
 * month under the pointer is set apart and its figures are the tooltip;
 * the widget takes the keyboard focus, Left and Right move between the
 * months, and the accessible description reads every figure out. */
struct _KlForecastView
{
  GtkWidget      parent_instance;

  KlForecast    *forecast;
  int            month;         /* the keyboard's month, or -1 */
  int            hover;         /* the pointer's month, or -1 */
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
  g_autofree char *label = NULL;

  if (self->forecast != NULL)
    description = kl_forecast_chart_describe (self->forecast);
  if (self->month >= 0 && self->forecast != NULL)
    {
      g_autofree char *month = kl_forecast_chart_describe_month (self->forecast, self->month);

      /* Translators: the forecast chart's name for screen readers, with the month the keyboard is on. */
      label = g_strdup_printf (_("Forecast: %s"), month);
    }
  else
    label = g_strdup (_("Forecast"));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description != NULL ? description : "",
                                  -1);
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
  kl_forecast_chart_draw (cr, width, height, &style, self->forecast,
                          self->hover >= 0 ? self->hover : gtk_widget_has_focus (widget) ? self->month : -1,
                          &self->layout);
  cairo_destroy (cr);

  if (gtk_widget_has_visible_focus (widget))
    {
      /* The accent colour, as Adwaita draws focus rings. */
      GdkRGBA color = { 0.21f, 0.52f, 0.89f, 0.6f };
      float w = 2;

      gtk_snapshot_append_border (snapshot, &GSK_ROUNDED_RECT_INIT (1, 1, width - 2, height - 2),
                                  (float[4]){ w, w, w, w }, (GdkRGBA[4]){ color, color, color, color });
    }
}

static int
month_at (KlForecastView *self,
          double          x,
          double          y)
{
  if (!has_months (self))
    return -1;
  return kl_chart_layout_area_at (&self->layout, x, y);
}

static void
set_hover (KlForecastView *self,
           int             month)
{
  if (self->hover == month)
    return;
  self->hover = month;
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              KlForecastView           *self)
{
  set_hover (self, month_at (self, x, y));
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             KlForecastView           *self)
{
  set_hover (self, -1);
}

static void
on_click_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             KlForecastView  *self)
{
  int month = month_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (month >= 0)
    kl_forecast_view_set_month (self, month);
}

static void
on_focus_changed_cb (KlForecastView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
kl_forecast_view_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard,
                                GtkTooltip *tooltip)
{
  KlForecastView *self = KL_FORECAST_VIEW (widget);
  int month = keyboard ? self->month : month_at (self, x, y);
  g_autofree char *text = NULL;

  if (month < 0 || !has_months (self))
    return FALSE;

  text = kl_forecast_chart_describe_month (self->forecast, month);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KlForecastView *self = KL_FORECAST_VIEW (widget);
  int step = g_variant_get_int32 (parameter);

  if (!has_months (self))
    return;
  if (self->month < 0)
    kl_forecast_view_set_month (self, step > 0 ? 0 : KL_FORECAST_MONTHS - 1);
  else
    kl_forecast_view_set_month (self, CLAMP (self->month + step, 0, KL_FORECAST_MONTHS - 1));
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

  gtk_widget_class_install_action (widget_class, "forecast.move", "i", move_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "forecast.move", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "forecast.move", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "forecast.move", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "forecast.move", "i", -1);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "forecastview");
}

static void
kl_forecast_view_init (KlForecastView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->month = -1;
  self->hover = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (click, "released", G_CALLBACK (on_click_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_focus_changed_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

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
    self->month = -1;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
kl_forecast_view_get_month (KlForecastView *self)
{
  g_return_val_if_fail (KL_IS_FORECAST_VIEW (self), -1);

  return self->month;
}

/* The keyboard's month: 0 … KL_FORECAST_MONTHS - 1, or -1 for none. */
void
kl_forecast_view_set_month (KlForecastView *self,
                            int             month)
{
  g_return_if_fail (KL_IS_FORECAST_VIEW (self));
  g_return_if_fail (month >= -1 && month < KL_FORECAST_MONTHS);

  if (self->month == month)
    return;
  self->month = month;
  update_accessible (self);
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
