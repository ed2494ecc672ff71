/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kl-chart.h"

G_BEGIN_DECLS

/* A chart of the report layer as a widget: it draws with the chart's
 * function, sets apart the part (month, bar) under the pointer and shows
 * its figures as the tooltip; it takes the keyboard focus, Left and Right
 * move between the parts, and the accessible description reads the whole
 * chart out, the label the part the keyboard is on. The pointer, click,
 * focus ring, tooltip and arrow keys are KlChartItems', as the funnel's
 * and the forecast's views have them. */

/* Draws the chart over (0, 0, @width, @height) with @highlight set apart
 * (-1 for none) and records its parts' areas in @layout. */
typedef void  (*KlChartViewDrawFunc)     (cairo_t            *cr,
                                          double              width,
                                          double              height,
                                          const KlChartStyle *style,
                                          int                 highlight,
                                          KlChartLayout      *layout,
                                          gpointer            user_data);
/* The figures of part @part in words; @part -1: the whole chart. */
typedef char *(*KlChartViewDescribeFunc) (int                 part,
                                          gpointer            user_data);

#define KL_TYPE_CHART_VIEW (kl_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (KlChartView, kl_chart_view, KL, CHART_VIEW, GtkWidget)

GtkWidget *kl_chart_view_new       (void);
void       kl_chart_view_set_name  (KlChartView             *self,
                                    const char              *name);
/* @first_part … @first_part + @n_parts - 1 are the parts Left and Right
 * walk; the layout's areas are counted from @first_part. */
void       kl_chart_view_set_chart (KlChartView             *self,
                                    guint                    first_part,
                                    guint                    n_parts,
                                    KlChartViewDrawFunc      draw,
                                    KlChartViewDescribeFunc  describe,
                                    gpointer                 user_data,
                                    GDestroyNotify           destroy);
int        kl_chart_view_get_part  (KlChartView             *self);
void       kl_chart_view_set_part  (KlChartView             *self,
                                    int                      part);

G_END_DECLS
