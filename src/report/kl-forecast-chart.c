/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-forecast-chart.h"

#include <math.h>

#include "kl-chart-file.h"
#include "kl-chart-private.h"
#include "kl-format.h"

static char *
month_label (const KlForecast *forecast,
             guint             index)
{
  int year, month;

  kl_forecast_get_month (forecast, index, &year, &month);
  return _kl_chart_month_label (year, month);
}

static char *
month_name (const KlForecast *forecast,
            guint             index)
{
  int year, month;

  kl_forecast_get_month (forecast, index, &year, &month);
  return _kl_chart_month_name (year, month);
}

static char *
period_text (const KlForecast *forecast)
{
  int first_year, first_month, last_year, last_month;

  kl_forecast_get_month (forecast, 0, &first_year, &first_month);
  kl_forecast_get_month (forecast, KL_FORECAST_MONTHS - 1, &last_year, &last_month);
  return _kl_chart_months_text (first_year, first_month, last_year, last_month);
}

/* A whole amount for an axis: "12,500" of minor units 1 250 000. */
static char *
axis_money (gint64 minor_units)
{
  return _kl_chart_decimal ((double)minor_units / 100, 0);
}

/* A round top for an axis, in minor units of whole amounts. */
static gint64
nice_top (gint64 value)
{
  static const double steps[] = { 1, 2, 2.5, 5, 10 };
  double whole = (double)value / 100;
  double magnitude;

  if (whole <= 1)
    return 100;
  magnitude = pow (10, floor (log10 (whole)));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * magnitude >= whole - 1e-9)
      return (gint64)(steps[i] * magnitude * 100);
  return (gint64)(10 * magnitude * 100);
}

/**
 * kl_forecast_chart_describe_month:
 * @forecast: the numbers
 * @month: 0 … KL_FORECAST_MONTHS - 1
 *
 * The month's figures, one line per currency, for a tooltip or a screen
 * reader.
 *
 * Returns: (transfer full): the text
 */
char *
kl_forecast_chart_describe_month (const KlForecast *forecast,
                                  guint             month)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *name = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (forecast != NULL, NULL);
  g_return_val_if_fail (month < KL_FORECAST_MONTHS, NULL);

  name = month_name (forecast, month);
  g_string_append (text, name);
  for (guint i = 0; i < forecast->n_series; i++)
    {
      const KlForecastSeries *s = &forecast->series[i];
      g_autofree char *weighted = NULL;
      g_autofree char *amount = NULL;

      if (s->deals[month] == 0)
        continue;
      weighted = kl_format_money (s->weighted[month], s->currency);
      amount = kl_format_money (s->amount[month], s->currency);
      g_string_append_c (text, '\n');
      /* Translators: one currency of a forecast month: the weighted value,
       * the number of deals and their full amount. */
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                 "%1$s weighted, from %2$u deal worth %3$s",
                                                 "%1$s weighted, from %2$u deals worth %3$s",
                                                 s->deals[month]),
                              weighted, s->deals[month], amount);
      any = TRUE;
    }
  if (!any)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("No deals expected to close"));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * kl_forecast_chart_describe:
 * @forecast: the numbers
 *
 * What the chart shows, in words: the period, each currency's total, and
 * each month with deals.
 *
 * Returns: (transfer full): the text
 */
char *
kl_forecast_chart_describe (const KlForecast *forecast)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *period = NULL;

  g_return_val_if_fail (forecast != NULL, NULL);

  period = period_text (forecast);
  /* Translators: the forecast chart's title and period, for a screen reader. */
  g_string_append_printf (text, _("Weighted forecast, %s."), period);
  if (kl_forecast_is_empty (forecast))
    {
      g_string_append_c (text, ' ');
      g_string_append (text, _("No open deals are expected to close in the next twelve months."));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  for (guint i = 0; i < forecast->n_series; i++)
    {
      g_autofree char *total = kl_format_money (forecast->series[i].total_weighted,
                                                forecast->series[i].currency);

      g_string_append_c (text, ' ');
      /* Translators: a currency's weighted forecast over the twelve months. */
      g_string_append_printf (text, _("In total %s."), total);
    }
  for (guint m = 0; m < KL_FORECAST_MONTHS; m++)
    {
      g_autofree char *month = NULL;

      for (guint i = 0; i < forecast->n_series; i++)
        if (forecast->series[i].deals[m] > 0)
          {
            month = kl_forecast_chart_describe_month (forecast, m);
            break;
          }
      if (month == NULL)
        continue;
      g_strdelimit (month, "\n", ';');
      g_string_append_printf (text, " %s.", month);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* One currency's row of bars between @top and @bottom. */
static void
draw_series (KlChart                *chart,
             const KlForecastSeries *series,
             int                     highlight,
             double                  left,
             double                  right,
             double                  top,
             double                  bottom,
             double                  axis_w,
             double                  th)
{
  cairo_t *cr = chart->cr;
  double small = chart->font * 0.8;
  double step = (right - left) / KL_FORECAST_MONTHS;
  double header_h, plot_top, plot_h;
  gint64 max = 0, axis_top;

  /* The currency and its total, above its bars. */
  {
    g_autofree char *total = kl_format_money (series->total_weighted, series->currency);
    g_autofree char *header = NULL;

    /* Translators: above a currency's bars: the twelve months' weighted total. */
    header = g_strdup_printf (_("%s in twelve months"), total);
    header_h = _kl_chart_text (chart, header, left, top, right - left, small, PANGO_WEIGHT_BOLD,
                               &chart->palette.text);
  }
  plot_top = top + MAX (header_h, th) + th * 0.6;
  plot_h = bottom - plot_top;
  if (plot_h < th * 1.1)
    return;

  for (guint m = 0; m < KL_FORECAST_MONTHS; m++)
    max = MAX (max, series->weighted[m]);
  axis_top = nice_top (max);

  /* The grid, and the axis at its top and zero */
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0 / chart->style->scale);
  _kl_chart_set_color (chart, &chart->palette.grid, 1);
  cairo_move_to (cr, left, plot_top);
  cairo_line_to (cr, right, plot_top);
  cairo_move_to (cr, left, bottom);
  cairo_line_to (cr, right, bottom);
  cairo_stroke (cr);
  cairo_restore (cr);
  for (int k = 0; k <= 1; k++)
    {
      g_autofree char *label = axis_money (k == 0 ? axis_top : 0);
      double w, gy = k == 0 ? plot_top : bottom;

      _kl_chart_measure (chart, label, small, PANGO_WEIGHT_NORMAL, &w, NULL);
      w = MIN (w, axis_w);
      _kl_chart_text (chart, label, left - chart->font * 0.4 - w, gy - th / 2, axis_w, small,
                      PANGO_WEIGHT_NORMAL, &chart->palette.dim_text);
    }

  for (guint m = 0; m < KL_FORECAST_MONTHS; m++)
    {
      double h = plot_h * (double)series->weighted[m] / (double)axis_top;
      double bar_w = step * 0.62;

      if (series->weighted[m] <= 0)
        continue;
      h = MAX (h, 1.0 / chart->style->scale);
      _kl_chart_set_color (chart, (int)m == highlight ? &chart->palette.second : &chart->palette.accent, 1);
      cairo_rectangle (cr, left + step * m + (step - bar_w) / 2, bottom - h, bar_w, h);
      cairo_fill (cr);
    }
}

/**
 * kl_forecast_chart_draw:
 * @cr: where to draw
 * @width: the picture's width, in @cr's user units
 * @height: its height
 * @style: (nullable): light or dark, and the device scale
 * @forecast: the numbers
 * @highlight: a month to set apart (0 … 11), or -1
 * @layout: (out caller-allocates) (optional): where each month and text went
 *
 * Draws over (0, 0, @width, @height), background included.
 */
void
kl_forecast_chart_draw (cairo_t            *cr,
                        double              width,
                        double              height,
                        const KlChartStyle *style,
                        const KlForecast   *forecast,
                        int                 highlight,
                        KlChartLayout      *layout)
{
  KlChart chart;
  double margin, small, th, y, top, bottom, left, right, step, axis_w = 0, row_h;
  guint shown, hidden;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (width > 0 && height > 0);
  g_return_if_fail (forecast != NULL);

  cairo_save (cr);
  _kl_chart_begin (&chart, cr, width, height, style, layout);
  chart.font = CLAMP (MIN (width / 80, height / 24), 7.0, 32.0);
  margin = chart.font;
  small = chart.font * 0.8;
  _kl_chart_measure (&chart, "Ag", small, PANGO_WEIGHT_NORMAL, NULL, &th);

  y = margin * 0.6;
  y += _kl_chart_text (&chart, _("Weighted forecast by expected close month"), margin, y, width - 2 * margin,
                       chart.font, PANGO_WEIGHT_BOLD, &chart.palette.text);
  {
    g_autofree char *period = period_text (forecast);
    g_autofree char *subtitle = NULL;

    /* Translators: under the forecast's title: the period, and how the value is weighted. */
    subtitle = g_strdup_printf (_("%s · amount × probability of open deals"), period);
    y += _kl_chart_text (&chart, subtitle, margin, y + 2, width - 2 * margin, small, PANGO_WEIGHT_NORMAL,
                         &chart.palette.dim_text) + 2;
  }

  top = y + th * 0.6;
  /* The rows end above the month names (and the note of currencies left out). */
  bottom = height - margin * 0.5 - th * 1.7;
  if (kl_forecast_is_empty (forecast))
    {
      if (bottom - top >= th * 2)
        _kl_chart_text_centred (&chart, _("No open deals are expected to close in the next twelve months."),
                                width / 2, top + (bottom - top) / 2 - th, width - 2 * margin, chart.font,
                                PANGO_WEIGHT_NORMAL, &chart.palette.dim_text);
      cairo_restore (cr);
      return;
    }

  /* As many currencies as have room; a line says how many are left out. */
  shown = forecast->n_series;
  row_h = (bottom - top) / shown;
  while (shown > 1 && row_h < th * 4)
    {
      shown--;
      row_h = (bottom - top - th * 1.2) / shown;
    }
  hidden = forecast->n_series - shown;
  if (hidden > 0)
    {
      g_autofree char *note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u more currency is not shown",
                                                            "%u more currencies are not shown", hidden),
                                               hidden);

      bottom -= th * 1.2;
      _kl_chart_text (&chart, note, margin, bottom + th * 1.7, width - 2 * margin, small, PANGO_WEIGHT_NORMAL,
                      &chart.palette.dim_text);
    }
  if (row_h < th * 3)
    {
      cairo_restore (cr);
      return;
    }

  for (guint i = 0; i < shown; i++)
    {
      g_autofree char *label = NULL;
      gint64 max = 0;
      double w;

      for (guint m = 0; m < KL_FORECAST_MONTHS; m++)
        max = MAX (max, forecast->series[i].weighted[m]);
      label = axis_money (nice_top (max));
      _kl_chart_measure (&chart, label, small, PANGO_WEIGHT_NORMAL, &w, NULL);
      axis_w = MAX (axis_w, w);
    }
  axis_w = MIN (axis_w, width / 4);
  left = margin + axis_w + margin * 0.4;
  right = width - margin;
  step = (right - left) / KL_FORECAST_MONTHS;

  for (guint i = 0; i < shown; i++)
    draw_series (&chart, &forecast->series[i], highlight, left, right, top + row_h * i,
                 top + row_h * (i + 1) - th * 0.6, axis_w, th);

  /* Month names under the last row, every one or every other, as they fit. */
  {
    double widest = 0, end = 0, x;
    guint every;

    for (guint m = 0; m < KL_FORECAST_MONTHS; m++)
      {
        g_autofree char *label = month_label (forecast, m);
        double w;

        _kl_chart_measure (&chart, label, small, PANGO_WEIGHT_NORMAL, &w, NULL);
        widest = MAX (widest, w);
      }
    every = widest * 1.2 <= step ? 1 : widest * 1.2 <= 2 * step ? 2 : widest * 1.2 <= 3 * step ? 3 : 6;
    for (guint m = 0; m < KL_FORECAST_MONTHS; m++)
      {
        g_autofree char *label = month_label (forecast, m);
        double w;

        _kl_chart_add_area (&chart, left + step * m, top, step, bottom - top);
        if (m % every != 0)
          continue;
        _kl_chart_measure (&chart, label, small, PANGO_WEIGHT_NORMAL, &w, NULL);
        w = MIN (w, step * every);
        x = CLAMP (left + step * (m + 0.5) - w / 2, margin * 0.5, width - margin * 0.5 - w);
        if (x < end)
          continue;
        _kl_chart_text (&chart, label, x, bottom - th * 0.05, w + 1, small, PANGO_WEIGHT_NORMAL,
                        &chart.palette.dim_text);
        end = x + w + chart.font * 0.3;
      }
  }

  cairo_restore (cr);
}

static void
draw_picture (cairo_t  *cr,
              double    width,
              double    height,
              gpointer  user_data)
{
  kl_forecast_chart_draw (cr, width, height, NULL, user_data, -1, NULL);
}

/**
 * kl_forecast_chart_save:
 * @forecast: the numbers
 * @path: a file name ending in .png, .pdf or .svg, which decides the format
 * @width: the picture's width: pixels (PNG) or points (PDF, SVG)
 * @height: its height
 * @error: return location for a #GError
 *
 * Saves the chart, light, to @path through kl_chart_save(): a failure
 * leaves no half-written file; text stays text in PDF and SVG.
 *
 * Returns: whether it was saved (%G_IO_ERROR otherwise, with a translated
 *   message)
 */
gboolean
kl_forecast_chart_save (const KlForecast  *forecast,
                        const char        *path,
                        int                width,
                        int                height,
                        GError           **error)
{
  g_return_val_if_fail (forecast != NULL, FALSE);

  return kl_chart_save (path, width, height, _("Weighted forecast by expected close month"), draw_picture,
                        (gpointer)forecast, error);
}
