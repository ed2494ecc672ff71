/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-conversion-chart.h"

#include <math.h>

#include "kl-chart-private.h"

static char *
month_label (const KlFunnelMonth *month)
{
  g_autoptr(GDateTime) date = g_date_time_new_local (month->year, month->month, 1, 0, 0, 0);

  /* Translators: a month on the chart's axis, as strftime() writes it ("%b": "Mar"). */
  return g_date_time_format (date, C_("chart month", "%b"));
}

static char *
axis_days (double days)
{
  return _kl_chart_decimal (days, days > 0 && days < 10 && days != floor (days) ? 1 : 0);
}

/* A round top for an axis, whose half is round too: 10 %, 20 %, 40 %, 50 %, 100 % (of 1.0), or days. */
static double
nice_top (double value,
          double fallback)
{
  static const double steps[] = { 1, 2, 4, 5, 10 };
  double magnitude;

  if (value <= 0)
    return fallback;
  magnitude = pow (10, floor (log10 (value)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * magnitude >= value - 1e-12)
      return steps[i] * magnitude;
  return 10 * magnitude;
}

static void
draw_line (KlChart        *chart,
           const KlFunnel *funnel,
           gboolean        cycle,
           double          left,
           double          top,
           double          step,
           double          plot_h,
           double          axis_top)
{
  cairo_t *cr = chart->cr;
  gboolean drawing = FALSE;

  cairo_save (cr);
  cairo_set_line_width (cr, MAX (1.5, chart->font / 6));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  if (cycle)
    cairo_set_dash (cr, (double[]){ chart->font / 2, chart->font / 4 }, 2, 0);
  _kl_chart_set_color (chart, cycle ? &chart->palette.second : &chart->palette.accent, 1);

  for (guint i = 0; i < KL_FUNNEL_MONTHS; i++)
    {
      double value = cycle ? funnel->months[i].median_cycle_days : funnel->months[i].rate;
      double x = left + step * (i + 0.5);
      double y;

      if (value < 0)
        {
          drawing = FALSE;
          continue;
        }
      y = top + plot_h * (1 - MIN (value / axis_top, 1.0));
      if (drawing)
        cairo_line_to (cr, x, y);
      else
        cairo_move_to (cr, x, y);
      drawing = TRUE;
    }
  cairo_stroke (cr);

  /* A dot on each month, so lone months show. */
  cairo_set_dash (cr, NULL, 0, 0);
  for (guint i = 0; i < KL_FUNNEL_MONTHS; i++)
    {
      double value = cycle ? funnel->months[i].median_cycle_days : funnel->months[i].rate;

      if (value < 0)
        continue;
      cairo_arc (cr, left + step * (i + 0.5), top + plot_h * (1 - MIN (value / axis_top, 1.0)),
                 MAX (2.0, chart->font / 4), 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

/* A coloured swatch and its text; returns the width taken. */
static double
legend_entry (KlChart     *chart,
              const char  *text,
              const KlRgb *color,
              gboolean     dashed,
              double       x,
              double       y,
              double       max_width)
{
  double size = chart->font * 0.8;
  double swatch = chart->font * 1.4;
  double tw, th;

  _kl_chart_measure (chart, text, size, PANGO_WEIGHT_NORMAL, &tw, &th);
  if (max_width < swatch * 1.5)
    return 0;
  cairo_save (chart->cr);
  cairo_set_line_width (chart->cr, MAX (1.5, chart->font / 6));
  if (dashed)
    cairo_set_dash (chart->cr, (double[]){ chart->font / 3, chart->font / 6 }, 2, 0);
  _kl_chart_set_color (chart, color, 1);
  cairo_move_to (chart->cr, x, y + th / 2);
  cairo_line_to (chart->cr, x + swatch, y + th / 2);
  cairo_stroke (chart->cr);
  cairo_restore (chart->cr);
  _kl_chart_text (chart, text, x + swatch * 1.3, y, max_width - swatch * 1.3, size, PANGO_WEIGHT_NORMAL,
                  &chart->palette.dim_text);

  return swatch * 1.3 + MIN (tw, max_width - swatch * 1.3);
}

/**
 * kl_conversion_chart_draw:
 * @cr: where to draw
 * @width: the picture's width, in @cr's user units
 * @height: its height
 * @style: (nullable): light or dark, and the device scale
 * @funnel: the numbers; its months are drawn
 * @layout: (out caller-allocates) (optional): where each month and text went
 *
 * Draws over (0, 0, @width, @height), background included.
 */
void
kl_conversion_chart_draw (cairo_t            *cr,
                          double              width,
                          double              height,
                          const KlChartStyle *style,
                          const KlFunnel     *funnel,
                          KlChartLayout      *layout)
{
  KlChart chart;
  double margin, y, small, th, left, right, top, bottom, plot_w, plot_h, step;
  double rate_max = 0, cycle_max = 0, rate_top, cycle_top;
  double left_w = 0, right_w = 0;
  gboolean any = FALSE;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (width > 0 && height > 0);
  g_return_if_fail (funnel != NULL);

  cairo_save (cr);
  _kl_chart_begin (&chart, cr, width, height, style, layout);
  /* A small chart under the funnel: its text a little smaller. */
  chart.font = CLAMP (MIN (width / 90, height / 16), 7.0, 32.0);
  margin = chart.font;
  small = chart.font * 0.8;

  y = margin * 0.6;
  y += _kl_chart_text (&chart, _("Won of the deals created each month"), margin, y, width - 2 * margin,
                       chart.font, PANGO_WEIGHT_BOLD, &chart.palette.text);
  {
    double x = margin;

    x += legend_entry (&chart, _("Won of leads"), &chart.palette.accent, FALSE, x, y + 2,
                       width - margin - x) + margin;
    legend_entry (&chart, _("Median sales cycle (days)"), &chart.palette.second, TRUE, x, y + 2,
                  width - margin - x);
    _kl_chart_measure (&chart, "Ag", small, PANGO_WEIGHT_NORMAL, NULL, &th);
    y += th + 4;
  }

  for (guint i = 0; i < KL_FUNNEL_MONTHS; i++)
    {
      any |= funnel->months[i].leads > 0;
      rate_max = MAX (rate_max, funnel->months[i].rate);
      cycle_max = MAX (cycle_max, funnel->months[i].median_cycle_days);
    }

  top = y + th / 2 + margin * 0.3;
  bottom = height - margin * 0.5 - th * 1.2;
  if (bottom - top < th * 2)
    {
      cairo_restore (cr);
      return;
    }

  if (!any)
    {
      _kl_chart_text_centred (&chart, _("No deals were created in these twelve months."), width / 2,
                              top + (bottom - top) / 2 - th, width - 2 * margin, chart.font,
                              PANGO_WEIGHT_NORMAL, &chart.palette.dim_text);
      cairo_restore (cr);
      return;
    }

  rate_top = nice_top (rate_max, 0.1);
  cycle_top = nice_top (cycle_max, 10);
  for (int k = 0; k <= 2; k++)
    {
      double fraction = 1 - k / 2.0;
      g_autofree char *rate = _kl_chart_percent (rate_top * fraction);
      g_autofree char *days = axis_days (cycle_top * fraction);
      double w;

      _kl_chart_measure (&chart, rate, small, PANGO_WEIGHT_NORMAL, &w, NULL);
      left_w = MAX (left_w, w);
      _kl_chart_measure (&chart, days, small, PANGO_WEIGHT_NORMAL, &w, NULL);
      right_w = MAX (right_w, w);
    }
  left = margin + left_w + margin * 0.4;
  right = width - margin - right_w - margin * 0.4;
  plot_w = right - left;
  plot_h = bottom - top;
  step = plot_w / KL_FUNNEL_MONTHS;

  /* The grid and the axes' ends: 0 and the top, the middle when it fits. */
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0 / chart.style->scale);
  _kl_chart_set_color (&chart, &chart.palette.grid, 1);
  for (int k = 0; k <= 2; k++)
    {
      double gy = top + plot_h * k / 2;

      cairo_move_to (cr, left, gy);
      cairo_line_to (cr, right, gy);
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  for (int k = 0; k <= 2; k++)
    {
      double fraction = 1 - k / 2.0;
      double gy = top + plot_h * k / 2;
      g_autofree char *rate = NULL;
      g_autofree char *days = NULL;
      double rw, dw;

      if (k == 1 && plot_h / 2 < th * 1.1)
        continue;
      rate = _kl_chart_percent (rate_top * fraction);
      days = axis_days (cycle_top * fraction);
      _kl_chart_measure (&chart, rate, small, PANGO_WEIGHT_NORMAL, &rw, NULL);
      _kl_chart_measure (&chart, days, small, PANGO_WEIGHT_NORMAL, &dw, NULL);
      _kl_chart_text (&chart, rate, left - margin * 0.3 - MIN (rw, left_w), gy - th / 2, left_w, small,
                      PANGO_WEIGHT_NORMAL, &chart.palette.accent);
      _kl_chart_text (&chart, days, right + margin * 0.3, gy - th / 2, right_w, small, PANGO_WEIGHT_NORMAL,
                      &chart.palette.second);
    }

  /* Month names, every one or every other, as they fit. */
  {
    double widest = 0;
    guint every;

    for (guint i = 0; i < KL_FUNNEL_MONTHS; i++)
      {
        g_autofree char *label = month_label (&funnel->months[i]);
        double w;

        _kl_chart_measure (&chart, label, small, PANGO_WEIGHT_NORMAL, &w, NULL);
        widest = MAX (widest, w);
      }
    every = widest * 1.2 <= step ? 1 : widest * 1.2 <= 2 * step ? 2 : widest * 1.2 <= 3 * step ? 3 : 6;
    for (guint i = 0; i < KL_FUNNEL_MONTHS; i++)
      {
        g_autofree char *label = month_label (&funnel->months[i]);
        double w;

        _kl_chart_add_area (&chart, left + step * i, top, step, plot_h);
        if ((KL_FUNNEL_MONTHS - 1 - i) % every != 0)
          continue;
        _kl_chart_measure (&chart, label, small, PANGO_WEIGHT_NORMAL, &w, NULL);
        w = MIN (w, step * every);
        _kl_chart_text (&chart, label, left + step * (i + 0.5) - w / 2, bottom + th * 0.2, step * every,
                        small, PANGO_WEIGHT_NORMAL, &chart.palette.dim_text);
      }
  }

  draw_line (&chart, funnel, TRUE, left, top, step, plot_h, cycle_top);
  draw_line (&chart, funnel, FALSE, left, top, step, plot_h, rate_top);

  cairo_restore (cr);
}
