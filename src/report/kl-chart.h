/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* What every chart of the report layer shares: a style, and a record of
 * where it put its parts, for hit-testing in the window and for tests
 * (no label outside the picture, none over another). */

typedef struct {
  gboolean dark;                /* light text on a dark background */
  double   scale;               /* device pixels per user unit: 1, or 2 on HiDPI */
} KlChartStyle;

#define KL_CHART_MAX_AREAS 16
#define KL_CHART_MAX_LABELS 160

typedef struct {
  /* The parts a pointer can point at (funnel bands, bars, points), in the
   * order of their data. */
  cairo_rectangle_t areas[KL_CHART_MAX_AREAS];
  guint             n_areas;
  /* The logical box of every text drawn. */
  cairo_rectangle_t labels[KL_CHART_MAX_LABELS];
  guint             n_labels;
} KlChartLayout;

/* Draws a chart over (0, 0, @width, @height) of @cr: what saving a chart
 * as a file calls, once per format. */
typedef void (*KlChartDrawFunc) (cairo_t  *cr,
                                 double    width,
                                 double    height,
                                 gpointer  user_data);

int kl_chart_layout_area_at (const KlChartLayout *layout,
                             double               x,
                             double               y);

G_END_DECLS
