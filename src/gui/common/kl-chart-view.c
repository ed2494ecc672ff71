/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-chart-view.h"

#include <adwaita.h>

#include "kl-chart-items.h"

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
  KlChartItems             items;       /* item i is part first_part + i */
  KlChartLayout            layout;      /* of the last drawing */
};

G_DEFINE_FINAL_TYPE (KlChartView, kl_chart_view, GTK_TYPE_WIDGET)

static void
update_accessible (KlChartView *self)
{
  g_autofree char *description = NULL;
  g_autofree char *label = NULL;
  g_autofree char *part = kl_chart_items_describe_item (&self->items);
  const char *name = self->name != NULL ? self->name : "";

  if (self->describe != NULL)
    description = self->describe (-1, self->user_data);
  if (part != NULL)
    /* Translators: a chart's name for screen readers, with the part (a month) the keyboard is on. */
    label = g_strdup_printf (C_("chart part", "%1$s: %2$s"), name, part);
  else
    label = g_strdup (name);

  kl_chart_items_set_accessible (&self->items, label, description);
}

/* The parts as KlChartItems' items */

static int
items_count (GtkWidget *widget)
{
  return (int)KL_CHART_VIEW (widget)->n_parts;
}

static int
items_item_at (GtkWidget *widget,
               double     x,
               double     y)
{
  KlChartView *self = KL_CHART_VIEW (widget);
  int area;

  if (self->n_parts == 0)
    return -1;
  area = kl_chart_layout_area_at (&self->layout, x, y);
  return area < 0 || (guint)area >= self->n_parts ? -1 : area;
}

static char *
items_describe (GtkWidget *widget,
                int        item)
{
  KlChartView *self = KL_CHART_VIEW (widget);

  if (self->describe == NULL)
    return g_strdup ("");
  return self->describe ((int)self->first_part + item, self->user_data);
}

static void
items_select (GtkWidget *widget,
              int        item)
{
  KlChartView *self = KL_CHART_VIEW (widget);

  kl_chart_view_set_part (self, (int)self->first_part + item);
}

static const KlChartItemsFuncs parts = {
  .count = items_count,
  .item_at = items_item_at,
  .describe = items_describe,
  .select = items_select,
};

static void
kl_chart_view_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  KlChartView *self = KL_CHART_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  KlChartStyle style = { adw_style_manager_get_dark (adw_style_manager_get_default ()),
                         gtk_widget_get_scale_factor (widget) };
  int highlight = kl_chart_items_highlight (&self->items);
  cairo_t *cr;

  if (self->draw == NULL || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  self->draw (cr, width, height, &style, highlight >= 0 ? (int)self->first_part + highlight : -1,
              &self->layout, self->user_data);
  cairo_destroy (cr);

  kl_chart_items_snapshot_focus (&self->items, snapshot);
}

static gboolean
kl_chart_view_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard,
                             GtkTooltip *tooltip)
{
  KlChartView *self = KL_CHART_VIEW (widget);

  if (self->describe == NULL)
    return FALSE;
  return kl_chart_items_query_tooltip (&self->items, x, y, keyboard, tooltip);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KlChartView *self = KL_CHART_VIEW (widget);
  int item = kl_chart_items_step (&self->items, g_variant_get_int32 (parameter));

  if (item >= 0)
    kl_chart_view_set_part (self, (int)self->first_part + item);
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

  kl_chart_items_class_init (widget_class, "chart.move", move_action, FALSE);
  gtk_widget_class_set_css_name (widget_class, "chartview");
}

static void
kl_chart_view_init (KlChartView *self)
{
  kl_chart_items_init (&self->items, GTK_WIDGET (self), &parts);
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
  int part;

  g_return_if_fail (KL_IS_CHART_VIEW (self));

  part = kl_chart_view_get_part (self);
  clear_chart (self);
  self->first_part = first_part;
  self->n_parts = n_parts;
  self->draw = draw;
  self->describe = describe;
  self->user_data = user_data;
  self->destroy = destroy;
  /* The keyboard's part stays while the new chart has it. */
  self->items.item = part >= 0 && (guint)part >= first_part && (guint)part < first_part + n_parts
                     ? part - (int)first_part : -1;
  self->items.hover = -1;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
kl_chart_view_get_part (KlChartView *self)
{
  g_return_val_if_fail (KL_IS_CHART_VIEW (self), -1);

  return self->items.item >= 0 ? (int)self->first_part + self->items.item : -1;
}

/* The keyboard's part, or -1 for none. */
void
kl_chart_view_set_part (KlChartView *self,
                        int          part)
{
  g_return_if_fail (KL_IS_CHART_VIEW (self));

  if (kl_chart_items_set_item (&self->items, part >= (int)self->first_part ? part - (int)self->first_part : -1))
    update_accessible (self);
}
