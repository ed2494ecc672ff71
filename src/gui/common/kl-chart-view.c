/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-chart-view.h"

#include <adwaita.h>

struct _KlChartView
{
  GtkWidget                parent_instance;

  char                    *name;
  KlChartViewDrawFunc      draw;
  KlChartViewDescribeFunc  describe;
  gpointer                 user_data;
  GDestroyNotify           destroy;
  guint                    first_part;
  guint                    n_parts;
  int                      part;        /* the keyboard's, or -1 */
  int                      hover;       /* the pointer's, or -1 */
  KlChartLayout            layout;      /* of the last drawing */
};

G_DEFINE_FINAL_TYPE (KlChartView, kl_chart_view, GTK_TYPE_WIDGET)

static void
update_accessible (KlChartView *self)
{
  g_autofree char *description = NULL;
  g_autofree char *label = NULL;
  const char *name = self->name != NULL ? self->name : "";

  if (self->describe != NULL)
    description = self->describe (-1, self->user_data);
  if (self->part >= 0 && self->describe != NULL)
    {
      g_autofree char *part = self->describe (self->part, self->user_data);

      /* Translators: a chart's name for screen readers, with the part (a month) the keyboard is on. */
      label = g_strdup_printf (C_("chart part", "%1$s: %2$s"), name, part);
    }
  else
    label = g_strdup (name);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description != NULL ? description : "",
                                  -1);
}

static void
kl_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  KlChartView *self = KL_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  KlChartStyle style = { adw_style_manager_get_dark (adw_style_manager_get_default ()),
                         gtk_widget_get_scale_factor (widget) };
  cairo_t *cr;

  if (self->draw == NULL || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  self->draw (cr, width, height, &style,
              self->hover >= 0 ? self->hover : gtk_widget_has_focus (widget) ? self->part : -1,
              &self->layout, self->user_data);
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
part_at (KlChartView *self,
         double       x,
         double       y)
{
  int area;

  if (self->n_parts == 0)
    return -1;
  area = kl_chart_layout_area_at (&self->layout, x, y);
  return area < 0 || (guint)area >= self->n_parts ? -1 : (int)(self->first_part + area);
}

static void
set_hover (KlChartView *self,
           int          part)
{
  if (self->hover == part)
    return;
  self->hover = part;
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              KlChartView              *self)
{
  set_hover (self, part_at (self, x, y));
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             KlChartView              *self)
{
  set_hover (self, -1);
}

static void
on_click_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             KlChartView     *self)
{
  int part = part_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (part >= 0)
    kl_chart_view_set_part (self, part);
}

static gboolean
kl_chart_view_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard,
                             GtkTooltip *tooltip)
{
  KlChartView *self = KL_CHART_VIEW (widget);
  int part = keyboard ? self->part : part_at (self, x, y);
  g_autofree char *text = NULL;

  if (part < 0 || self->describe == NULL)
    return FALSE;

  text = self->describe (part, self->user_data);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KlChartView *self = KL_CHART_VIEW (widget);
  int step = g_variant_get_int32 (parameter);
  int first = (int)self->first_part, last = (int)(self->first_part + self->n_parts) - 1;

  if (self->n_parts == 0)
    return;
  if (self->part < 0)
    kl_chart_view_set_part (self, step > 0 ? first : last);
  else
    kl_chart_view_set_part (self, CLAMP (self->part + step, first, last));
}

static void
kl_chart_view_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 280 : 180;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 320;
}

static void
clear_chart (KlChartView *self)
{
  if (self->destroy != NULL && self->user_data != NULL)
    self->destroy (self->user_data);
  self->user_data = NULL;
  self->destroy = NULL;
  self->draw = NULL;
  self->describe = NULL;
  self->n_parts = 0;
}

static void
kl_chart_view_finalize (GObject *object)
{
  KlChartView *self = KL_CHART_VIEW (object);

  clear_chart (self);
  g_free (self->name);

  G_OBJECT_CLASS (kl_chart_view_parent_class)->finalize (object);
}

static void
kl_chart_view_class_init (KlChartViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kl_chart_view_finalize;

  widget_class->snapshot = kl_chart_view_snapshot;
  widget_class->measure = kl_chart_view_measure;
  widget_class->query_tooltip = kl_chart_view_query_tooltip;

  gtk_widget_class_install_action (widget_class, "chart.move", "i", move_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "chart.move", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "chart.move", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "chart.move", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "chart.move", "i", -1);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "chartview");
}

static void
kl_chart_view_init (KlChartView *self)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  self->part = -1;
  self->hover = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
  g_signal_connect (click, "released", G_CALLBACK (on_click_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (gtk_widget_queue_draw), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (gtk_widget_queue_draw), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);

  update_accessible (self);
}

GtkWidget *
kl_chart_view_new (void)
{
  return g_object_new (KL_TYPE_CHART_VIEW, NULL);
}

/* The chart's name for screen readers ("Complaints by month"). */
void
kl_chart_view_set_name (KlChartView *self,
                        const char  *name)
{
  g_return_if_fail (KL_IS_CHART_VIEW (self));

  g_free (self->name);
  self->name = g_strdup (name);
  update_accessible (self);
}

void
kl_chart_view_set_chart (KlChartView             *self,
                         guint                    first_part,
                         guint                    n_parts,
                         KlChartViewDrawFunc      draw,
                         KlChartViewDescribeFunc  describe,
                         gpointer                 user_data,
                         GDestroyNotify           destroy)
{
  g_return_if_fail (KL_IS_CHART_VIEW (self));

  clear_chart (self);
  self->first_part = first_part;
  self->n_parts = n_parts;
  self->draw = draw;
  self->describe = describe;
  self->user_data = user_data;
  self->destroy = destroy;
  if (self->part >= 0 && ((guint)self->part < first_part || (guint)self->part >= first_part + n_parts))
    self->part = -1;
  self->hover = -1;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
kl_chart_view_get_part (KlChartView *self)
{
  g_return_val_if_fail (KL_IS_CHART_VIEW (self), -1);

  return self->part;
}

/* The keyboard's part, or -1 for none. */
void
kl_chart_view_set_part (KlChartView *self,
                        int          part)
{
  g_return_if_fail (KL_IS_CHART_VIEW (self));

  if (self->part == part)
    return;
  self->part = part;
  update_accessible (self);
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
