/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-chart.h"

#include <math.h>
#include <string.h>

#include "kl-chart-private.h"
#include "kl-report-text.h"

/* GNOME's palette: blues for the funnel, green for Won, orange for the
 * bottleneck. */
static const KlPalette light_palette = {
  .background = { 1, 1, 1 },
  .text = { 0.12, 0.12, 0.12 },
  .dim_text = { 0.36, 0.36, 0.38 },
  .grid = { 0.85, 0.85, 0.87 },
  .band = {
    { 0x99 / 255., 0xc1 / 255., 0xf1 / 255. },
    { 0x62 / 255., 0xa0 / 255., 0xea / 255. },
    { 0x35 / 255., 0x84 / 255., 0xe4 / 255. },
    { 0x1c / 255., 0x71 / 255., 0xd8 / 255. },
    { 0x1a / 255., 0x5f / 255., 0xb4 / 255. },
    { 0x26 / 255., 0xa2 / 255., 0x69 / 255. },
  },
  .accent = { 0x1c / 255., 0x71 / 255., 0xd8 / 255. },
  .second = { 0xc6 / 255., 0x46 / 255., 0x00 / 255. },
  .warning = { 0xe6 / 255., 0x61 / 255., 0x00 / 255. },
  .highlight = { 0.1, 0.1, 0.1 },
  /* GNOME's blue, orange, green, purple, yellow and brown. */
  .series = {
    { 0x1c / 255., 0x71 / 255., 0xd8 / 255. },
    { 0xe6 / 255., 0x61 / 255., 0x00 / 255. },
    { 0x26 / 255., 0xa2 / 255., 0x69 / 255. },
    { 0x81 / 255., 0x3d / 255., 0x9c / 255. },
    { 0xe5 / 255., 0xa5 / 255., 0x0a / 255. },
    { 0x86 / 255., 0x5e / 255., 0x3c / 255. },
  },
};

static const KlPalette dark_palette = {
  .background = { 0.14, 0.14, 0.14 },
  .text = { 1, 1, 1 },
  .dim_text = { 0.75, 0.75, 0.77 },
  .grid = { 0.3, 0.3, 0.32 },
  .band = {
    { 0x1a / 255., 0x5f / 255., 0xb4 / 255. },
    { 0x1c / 255., 0x71 / 255., 0xd8 / 255. },
    { 0x35 / 255., 0x84 / 255., 0xe4 / 255. },
    { 0x62 / 255., 0xa0 / 255., 0xea / 255. },
    { 0x99 / 255., 0xc1 / 255., 0xf1 / 255. },
    { 0x33 / 255., 0xd1 / 255., 0x7a / 255. },
  },
  .accent = { 0x62 / 255., 0xa0 / 255., 0xea / 255. },
  .second = { 0xff / 255., 0xa3 / 255., 0x48 / 255. },
  .warning = { 0xff / 255., 0x78 / 255., 0x00 / 255. },
  .highlight = { 1, 1, 1 },
  .series = {
    { 0x62 / 255., 0xa0 / 255., 0xea / 255. },
    { 0xff / 255., 0xa3 / 255., 0x48 / 255. },
    { 0x57 / 255., 0xe3 / 255., 0x89 / 255. },
    { 0xc0 / 255., 0x61 / 255., 0xcb / 255. },
    { 0xf8 / 255., 0xe4 / 255., 0x5c / 255. },
    { 0xb5 / 255., 0x83 / 255., 0x5a / 255. },
  },
};

/**
 * kl_chart_layout_area_at:
 * @layout: where a chart put its parts
 * @x: a point, in the chart's user units
 * @y: likewise
 *
 * Returns: the index of the area (funnel stage, bar, point) under the
 *   point, or -1
 */
int
kl_chart_layout_area_at (const KlChartLayout *layout,
                         double               x,
                         double               y)
{
  g_return_val_if_fail (layout != NULL, -1);

  for (guint i = 0; i < layout->n_areas; i++)
    {
      const cairo_rectangle_t *r = &layout->areas[i];

      if (x >= r->x && x < r->x + r->width && y >= r->y && y < r->y + r->height)
        return (int)i;
    }

  return -1;
}

void
_kl_chart_begin (KlChart            *chart,
                 cairo_t            *cr,
                 double              width,
                 double              height,
                 const KlChartStyle *style,
                 KlChartLayout      *layout)
{
  static const KlChartStyle default_style = { FALSE, 1.0 };

  chart->cr = cr;
  chart->style = style != NULL ? style : &default_style;
  chart->palette = chart->style->dark ? dark_palette : light_palette;
  chart->layout = layout;
  chart->width = width;
  chart->height = height;
  /* Text grows with the picture, within what stays readable. */
  chart->font = CLAMP (MIN (width / 78, height / 44), 7.0, 40.0);
  chart->svg = _kl_chart_svg_get (cr);
  if (layout != NULL)
    memset (layout, 0, sizeof *layout);

  _kl_chart_set_color (chart, &chart->palette.background, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
}

void
_kl_chart_set_color (KlChart     *chart,
                     const KlRgb *color,
                     double       alpha)
{
  cairo_set_source_rgba (chart->cr, color->r, color->g, color->b, alpha);
}

static void
record_label (KlChart *chart,
              double   x,
              double   y,
              double   width,
              double   height)
{
  KlChartLayout *layout = chart->layout;

  if (layout == NULL || layout->n_labels >= KL_CHART_MAX_LABELS)
    return;
  layout->labels[layout->n_labels++] = (cairo_rectangle_t){ x, y, width, height };
}

void
_kl_chart_add_area (KlChart *chart,
                    double   x,
                    double   y,
                    double   width,
                    double   height)
{
  KlChartLayout *layout = chart->layout;

  if (layout == NULL || layout->n_areas >= KL_CHART_MAX_AREAS)
    return;
  layout->areas[layout->n_areas++] = (cairo_rectangle_t){ x, y, width, height };
}

/* Draws @layout with its top left at (@x, @y); for SVG, as text. */
static void
show_layout (KlChart     *chart,
             PangoLayout *layout,
             double       x,
             double       y,
             const KlRgb *color)
{
  if (chart->svg != NULL)
    {
      _kl_chart_svg_add_layout (chart->svg, chart->cr, layout, x, y, color);
      return;
    }
  _kl_chart_set_color (chart, color, 1);
  cairo_move_to (chart->cr, x, y);
  pango_cairo_show_layout (chart->cr, layout);
}

void
_kl_chart_measure (KlChart     *chart,
                   const char  *text,
                   double       size,
                   PangoWeight  weight,
                   double      *width,
                   double      *height)
{
  g_autoptr(PangoLayout) layout = kl_report_text_layout (chart->cr, size, weight, text);

  kl_report_text_size (layout, width, height);
}

double
_kl_chart_text (KlChart     *chart,
                const char  *text,
                double       x,
                double       y,
                double       max_width,
                double       size,
                PangoWeight  weight,
                const KlRgb *color)
{
  g_autoptr(PangoLayout) layout = NULL;
  double width, height;

  if (text == NULL || text[0] == '\0' || (max_width < 0))
    return 0;

  layout = kl_report_text_layout (chart->cr, size, weight, text);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int)(max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  kl_report_text_size (layout, &width, &height);
  /* Pango may report the ellipsized width a hair over the limit. */
  if (max_width > 0)
    width = MIN (width, max_width);

  show_layout (chart, layout, x, y, color);
  record_label (chart, x, y, width, height);

  return height;
}

double
_kl_chart_text_centred (KlChart     *chart,
                        const char  *text,
                        double       cx,
                        double       y,
                        double       max_width,
                        double       size,
                        PangoWeight  weight,
                        const KlRgb *color)
{
  g_autoptr(PangoLayout) layout = NULL;
  PangoRectangle logical;

  if (text == NULL || text[0] == '\0' || max_width <= 0)
    return 0;

  layout = kl_report_text_layout (chart->cr, size, weight, text);
  pango_layout_set_width (layout, (int)(max_width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_extents (layout, NULL, &logical);

  show_layout (chart, layout, cx - max_width / 2, y, color);
  record_label (chart, cx - max_width / 2 + (double)logical.x / PANGO_SCALE, y,
                MIN ((double)logical.width / PANGO_SCALE, max_width), (double)logical.height / PANGO_SCALE);

  return (double)logical.height / PANGO_SCALE;
}

/* @value with @digits decimals as the locale writes numbers. */
char *
_kl_chart_decimal (double value,
                   int    digits)
{
  return g_strdup_printf ("%'.*f", digits, value);
}

char *
_kl_chart_count (guint n)
{
  return g_strdup_printf ("%'u", n);
}

/* A month on a chart's axis ("Mar"). */
char *
_kl_chart_month_label (int year,
                       int month)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (year, month, 1, 0, 0, 0);

  /* Translators: a month on the chart's axis, as strftime() writes it ("%b": "Mar"). */
  return g_date_time_format (date, C_("chart month", "%b"));
}

/* A month and its year on its own ("March 2027"). */
char *
_kl_chart_month_name (int year,
                      int month)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (year, month, 1, 0, 0, 0);

  /* Translators: a month and its year on its own ("March 2027"), as
   * g_date_time_format() writes it; %OB is the month's name in the
   * nominative case. */
  return g_date_time_format (date, C_("forecast month", "%OB %Y"));
}

/* A chart's months, "November 2026 – October 2027". */
char *
_kl_chart_months_text (int first_year,
                       int first_month,
                       int last_year,
                       int last_month)
{
  g_autofree char *first = _kl_chart_month_name (first_year, first_month);
  g_autofree char *last = _kl_chart_month_name (last_year, last_month);

  /* Translators: the forecast's months, "November 2026 – October 2027". */
  return g_strdup_printf (C_("forecast period", "%1$s – %2$s"), first, last);
}

/* "75%", "75 %": no decimals from 10 % up, one below. */
char *
_kl_chart_percent (double fraction)
{
  double percent = fraction * 100;
  g_autofree char *number = _kl_chart_decimal (percent, percent > 0 && percent < 9.95 ? 1 : 0);

  /* Translators: a percentage; %s is the number. Croatian and Russian put a
   * (no-break) space before the sign. */
  return g_strdup_printf (C_("percent", "%s%%"), number);
}
