/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <pango/pangocairo.h>

#include "kl-chart.h"

G_BEGIN_DECLS

/* Helpers shared by the charts' drawing code. */

typedef struct {
  double r, g, b;
} KlRgb;

typedef struct {
  KlRgb background;
  KlRgb text;
  KlRgb dim_text;
  KlRgb grid;
  KlRgb band[6];                /* Lead … Won */
  KlRgb accent;                 /* a line, a bar */
  KlRgb second;                 /* a second line */
  KlRgb warning;                /* the bottleneck */
  KlRgb highlight;
  KlRgb series[6];              /* categories told apart (complaints) */
} KlPalette;

/* Where a chart drawn for SVG puts its texts (kl-chart-svg.c). */
typedef struct _KlChartSvg KlChartSvg;

typedef struct {
  cairo_t             *cr;
  const KlChartStyle  *style;
  KlPalette            palette;
  KlChartLayout       *layout;  /* nullable */
  double               width;
  double               height;
  double               font;    /* the base font size, user units */
  KlChartSvg          *svg;     /* nullable: texts go there, not as glyphs */
} KlChart;

void    _kl_chart_begin        (KlChart            *chart,
                                cairo_t            *cr,
                                double              width,
                                double              height,
                                const KlChartStyle *style,
                                KlChartLayout      *layout);
void    _kl_chart_set_color    (KlChart            *chart,
                                const KlRgb        *color,
                                double              alpha);
/* Draws @text with its top left at (@x, @y), in at most @max_width (the
 * end ellipsized; 0 for no limit); returns its height, 0 when nothing was
 * drawn. Records its box. */
double  _kl_chart_text         (KlChart            *chart,
                                const char         *text,
                                double              x,
                                double              y,
                                double              max_width,
                                double              size,
                                PangoWeight         weight,
                                const KlRgb        *color);
/* The size @text would take. */
void    _kl_chart_measure      (KlChart            *chart,
                                const char         *text,
                                double              size,
                                PangoWeight         weight,
                                double             *width,
                                double             *height);
/* Draws @text wrapped in @max_width, centred on @cx, from @y down. */
double  _kl_chart_text_centred (KlChart            *chart,
                                const char         *text,
                                double              cx,
                                double              y,
                                double              max_width,
                                double              size,
                                PangoWeight         weight,
                                const KlRgb        *color);
void    _kl_chart_add_area     (KlChart            *chart,
                                double              x,
                                double              y,
                                double              width,
                                double              height);

KlChartSvg *_kl_chart_svg_get        (cairo_t            *cr);
void        _kl_chart_svg_add_layout (KlChartSvg         *svg,
                                      cairo_t            *cr,
                                      PangoLayout        *layout,
                                      double              x,
                                      double              y,
                                      const KlRgb        *color);

char   *_kl_chart_percent      (double              fraction);
char   *_kl_chart_decimal      (double              value,
                                int                 digits);
char   *_kl_chart_count        (guint               n);
char   *_kl_chart_month_label  (int                 year,
                                int                 month);
char   *_kl_chart_months_text  (int                 first_year,
                                int                 first_month,
                                int                 last_year,
                                int                 last_month);
char   *_kl_chart_month_name   (int                 year,
                                int                 month);

G_END_DECLS
