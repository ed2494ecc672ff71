/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What the chart widgets whose parts are items (the funnel's stages, the
 * forecast's months, a KlChartView's parts such as the complaints'
 * months) share: the item under the pointer is set apart and
 * its figures are the tooltip; a click picks it; the widget takes the
 * keyboard focus, draws a focus ring and moves between items with its
 * arrow keys; its accessible name tells the keyboard's item.
 *
 * A view embeds a KlChartItems, calls kl_chart_items_init() from its init
 * and the other functions from its snapshot, query_tooltip, move action
 * and setter; the items are the view's through these functions. */

typedef struct {
  /* How many items can be pointed at now: 0 when there are none. */
  int   (*count)    (GtkWidget *widget);
  /* The item at a point of the last drawing, or -1. */
  int   (*item_at)  (GtkWidget *widget,
                     double     x,
                     double     y);
  /* One item's figures, for its tooltip and the accessible name. */
  char *(*describe) (GtkWidget *widget,
                     int        item);
  /* Makes @item the keyboard's item: the view's own setter. */
  void  (*select)   (GtkWidget *widget,
                     int        item);
  /* Nullable: a click on @item, after select. */
  void  (*activate) (GtkWidget *widget,
                     int        item);
} KlChartItemsFuncs;

typedef struct {
  GtkWidget               *widget;
  const KlChartItemsFuncs *funcs;
  int                      item;     /* the keyboard's item, or -1 */
  int                      hover;    /* the pointer's item, or -1 */
} KlChartItems;

void      kl_chart_items_class_init       (GtkWidgetClass          *widget_class,
                                           const char              *move_action_name,
                                           GtkWidgetActionActivateFunc move_action,
                                           gboolean                 vertical);
void      kl_chart_items_init             (KlChartItems            *self,
                                           GtkWidget               *widget,
                                           const KlChartItemsFuncs *funcs);
int       kl_chart_items_highlight        (KlChartItems            *self);
void      kl_chart_items_snapshot_focus   (KlChartItems            *self,
                                           GtkSnapshot             *snapshot);
gboolean  kl_chart_items_query_tooltip    (KlChartItems            *self,
                                           int                      x,
                                           int                      y,
                                           gboolean                 keyboard,
                                           GtkTooltip              *tooltip);
gboolean  kl_chart_items_set_item         (KlChartItems            *self,
                                           int                      item);
int       kl_chart_items_step             (KlChartItems            *self,
                                           int                      step);
char     *kl_chart_items_describe_item    (KlChartItems            *self);
void      kl_chart_items_set_accessible   (KlChartItems            *self,
                                           const char              *label,
                                           const char              *description);

G_END_DECLS
