/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-complaint-chart.h"

#include <math.h>

#include "kl-chart-private.h"
#include "kl-entities.h"

static char *
month_label (const KlComplaintStats *stats,
             guint                   index)
{
  return _kl_chart_month_label (stats->months[index].year, stats->months[index].month);
}

static char *
month_name (const KlComplaintStats *stats,
            guint                   index)
{
  return _kl_chart_month_name (stats->months[index].year, stats->months[index].month);
}

static char *
period_text (const KlComplaintStats *stats)
{
  guint first = kl_complaint_chart_first_month (stats);
  guint last = stats->n_months - 1;

  return _kl_chart_months_text (stats->months[first].year, stats->months[first].month,
                                stats->months[last].year, stats->months[last].month);
}

static const char *
category_label (guint category)
{
  return kl_choice_label (kl_complaint_categories, kl_complaint_categories[category]);
}

guint
kl_complaint_chart_first_month (const KlComplaintStats *stats)
{
  g_return_val_if_fail (stats != NULL, 0);

  return stats->n_months > KL_CHART_MAX_AREAS ? stats->n_months - KL_CHART_MAX_AREAS : 0;
}

/**
 * kl_complaint_chart_describe_month:
 * @stats: the figures
 * @month: an index into @stats->months
 *
 * The month's complaints in words, one line per category that had any,
 * for a tooltip or a screen reader.
 *
 * Returns: (transfer full): the text
 */
char *
kl_complaint_chart_describe_month (const KlComplaintStats *stats,
                                   guint                   month)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *name = NULL;
  const KlComplaintMonth *m;

  g_return_val_if_fail (stats != NULL, NULL);
  g_return_val_if_fail (month < stats->n_months, NULL);

  m = &stats->months[month];
  name = month_name (stats, month);
  /* Translators: a month on the complaints chart and how many were received in it. */
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%1$s: %2$u complaint", "%1$s: %2$u complaints",
                                             m->total),
                          name, m->total);
  for (guint c = 0; c < KL_COMPLAINT_N_CATEGORIES; c++)
    if (m->counts[c] > 0)
      /* Translators: one category's count in a month, "Quality: 3". */
      g_string_append_printf (text, C_("complaint count", "\n%1$s: %2$u"), category_label (c), m->counts[c]);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * kl_complaint_chart_describe:
 * @stats: the figures
 *
 * What the chart shows, in words: the period, the count per category and
 * each month with complaints.
 *
 * Returns: (transfer full): the text
 */
char *
kl_complaint_chart_describe (const KlComplaintStats *stats)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *period = NULL;

  g_return_val_if_fail (stats != NULL, NULL);

  period = period_text (stats);
  /* Translators: the complaints chart's title and period, for a screen reader. */
  g_string_append_printf (text, _("Complaints by category and month, %s."), period);
  if (stats->total == 0)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, _("No complaints were received in this period."));
      return g_string_free (g_steal_pointer (&text), FALSE);
    }
  for (guint c = 0; c < KL_COMPLAINT_N_CATEGORIES; c++)
    /* Translators: one category's count in the whole period, "Quality: 12." */
    g_string_append_printf (text, C_("complaint count", " %1$s: %2$u."), category_label (c), stats->totals[c]);
  for (guint m = kl_complaint_chart_first_month (stats); m < stats->n_months; m++)
    {
      g_autofree char *month = NULL;

      if (stats->months[m].total == 0)
        continue;
      month = kl_complaint_chart_describe_month (stats, m);
      g_strdelimit (month, "\n", ';');
      g_string_append_printf (text, " %s.", month);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* A round top for a count axis. */
static guint
nice_top (guint value)
{
  static const guint steps[] = { 1, 2, 5, 10 };
  guint magnitude = 1;

  if (value <= 4)
    return MAX (value, 1);
  while (magnitude * 10 < value)
    magnitude *= 10;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * magnitude >= value)
      return steps[i] * magnitude;
  return 10 * magnitude;
}

/* The legend: a swatch and a name per category, in rows as they fit;
 * returns its height. */
static double
draw_legend (KlChart *chart,
             double   left,
             double   right,
             double   y,
             double   th,
             double   size)
{
  double x = left, row = 0;

  for (guint c = 0; c < KL_COMPLAINT_N_CATEGORIES; c++)
    {
      const char *label = category_label (c);
      double w, swatch = th * 0.7;

      _kl_chart_measure (chart, label, size, PANGO_WEIGHT_NORMAL, &w, NULL);
      w = MIN (w, right - left - swatch * 1.5);
      if (x > left && x + swatch * 1.5 + w > right)
        {
          x = left;
          row++;
        }
      _kl_chart_set_color (chart, &chart->palette.series[c], 1);
      cairo_rectangle (chart->cr, x, y + row * th * 1.2 + (th - swatch) / 2, swatch, swatch);
      cairo_fill (chart->cr);
      _kl_chart_text (chart, label, x + swatch * 1.4, y + row * th * 1.2, w + 1, size, PANGO_WEIGHT_NORMAL,
                      &chart->palette.text);
      x += swatch * 1.4 + w + chart->font * 1.2;
    }

  return (row + 1) * th * 1.2;
}

/**
 * kl_complaint_chart_draw:
 * @cr: where to draw
 * @width: the picture's width, in @cr's user units
 * @height: its height
 * @style: (nullable): light or dark, and the device scale
 * @stats: the figures
 * @highlight: a month to set apart (an index into @stats->months), or -1
 * @layout: (out caller-allocates) (optional): where each month and text went
 *
 * Draws over (0, 0, @width, @height), background included.
 */
void
kl_complaint_chart_draw (cairo_t                *cr,
                         double                  width,
                         double                  height,
                         const KlChartStyle     *style,
                         const KlComplaintStats *stats,
                         int                     highlight,
                         KlChartLayout          *layout)
{
  KlChart chart;
  double margin, small, th, y, top, bottom, left, right, step, axis_w, plot_h;
  guint first, shown, max = 0, axis_top;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (width > 0 && height > 0);
  g_return_if_fail (stats != NULL && stats->n_months > 0);

  cairo_save (cr);
  _kl_chart_begin (&chart, cr, width, height, style, layout);
  chart.font = CLAMP (MIN (width / 80, height / 24), 7.0, 32.0);
  margin = chart.font;
  small = chart.font * 0.8;
  _kl_chart_measure (&chart, "Ag", small, PANGO_WEIGHT_NORMAL, NULL, &th);
  first = kl_complaint_chart_first_month (stats);
  shown = stats->n_months - first;

  y = margin * 0.6;
  y += _kl_chart_text (&chart, _("Complaints by category and month"), margin, y, width - 2 * margin,
                       chart.font, PANGO_WEIGHT_BOLD, &chart.palette.text);
  {
    g_autofree char *period = period_text (stats);
    g_autofree char *subtitle = NULL;

    /* Translators: under the complaints chart's title: the period and how many were received. */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$s · %2$u complaint received",
                                             "%1$s · %2$u complaints received", stats->total),
                                period, stats->total);
    y += _kl_chart_text (&chart, subtitle, margin, y + 2, width - 2 * margin, small, PANGO_WEIGHT_NORMAL,
                         &chart.palette.dim_text) + 2;
  }
  bottom = height - margin * 0.5 - th * 1.2;
  if (stats->total == 0)
    {
      if (bottom - y >= th * 3)
        _kl_chart_text_centred (&chart, _("No complaints were received in this period."),
                                width / 2, y + (bottom - y) / 2 - th, width - 2 * margin, chart.font,
                                PANGO_WEIGHT_NORMAL, &chart.palette.dim_text);
      cairo_restore (cr);
      return;
    }
  y += th * 0.4;
  y += draw_legend (&chart, margin, width - margin, y, th, small);

  for (guint m = first; m < stats->n_months; m++)
    max = MAX (max, stats->months[m].total);
  axis_top = nice_top (max);
  {
    g_autofree char *label = _kl_chart_count (axis_top);

    _kl_chart_measure (&chart, label, small, PANGO_WEIGHT_NORMAL, &axis_w, NULL);
  }
  left = margin + axis_w + margin * 0.4;
  right = width - margin;
  step = (right - left) / shown;
  /* Room above the tallest bar for its total. */
  top = y + th * 1.6;
  plot_h = bottom - top;
  if (plot_h < th * 2)
    {
      cairo_restore (cr);
      return;
    }

  /* The grid, the axis at its top and zero. */
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0 / chart.style->scale);
  _kl_chart_set_color (&chart, &chart.palette.grid, 1);
  cairo_move_to (cr, left, top);
  cairo_line_to (cr, right, top);
  cairo_move_to (cr, left, bottom);
  cairo_line_to (cr, right, bottom);
  cairo_stroke (cr);
  cairo_restore (cr);
  for (int k = 0; k <= 1; k++)
    {
      g_autofree char *label = _kl_chart_count (k == 0 ? axis_top : 0);
      double w, gy = k == 0 ? top : bottom;

      _kl_chart_measure (&chart, label, small, PANGO_WEIGHT_NORMAL, &w, NULL);
      _kl_chart_text (&chart, label, left - margin * 0.4 - w, gy - th / 2, w + 1, small, PANGO_WEIGHT_NORMAL,
                      &chart.palette.dim_text);
    }

  /* The bars, a stack of categories each; the month's total above. */
  for (guint i = 0; i < shown; i++)
    {
      const KlComplaintMonth *m = &stats->months[first + i];
      double bar_w = step * 0.62, x = left + step * i + (step - bar_w) / 2, base = bottom;

      _kl_chart_add_area (&chart, left + step * i, top - th * 1.4, step, bottom - top + th * 1.4);
      if ((int)(first + i) == highlight)
        {
          _kl_chart_set_color (&chart, &chart.palette.grid, 0.6);
          cairo_rectangle (cr, left + step * i, top - th * 1.4, step, bottom - top + th * 1.4);
          cairo_fill (cr);
        }
      for (guint c = 0; c < KL_COMPLAINT_N_CATEGORIES; c++)
        {
          double h = plot_h * (double)m->counts[c] / axis_top;

          if (m->counts[c] == 0)
            continue;
          _kl_chart_set_color (&chart, &chart.palette.series[c], 1);
          cairo_rectangle (cr, x, base - h, bar_w, h);
          cairo_fill (cr);
          base -= h;
        }
      if (m->total > 0)
        {
          g_autofree char *count = _kl_chart_count (m->total);
          double w;

          _kl_chart_measure (&chart, count, small, PANGO_WEIGHT_BOLD, &w, NULL);
          if (w <= step)
            _kl_chart_text (&chart, count, left + step * (i + 0.5) - w / 2, base - th * 1.1, w + 1, small,
                            PANGO_WEIGHT_BOLD, &chart.palette.text);
        }
    }

  /* Month names under the bars, every one or every other, as they fit. */
  {
    double widest = 0, end = 0, x;
    guint every;

    for (guint i = 0; i < shown; i++)
      {
        g_autofree char *label = month_label (stats, first + i);
        double w;

        _kl_chart_measure (&chart, label, small, PANGO_WEIGHT_NORMAL, &w, NULL);
        widest = MAX (widest, w);
      }
    every = widest * 1.2 <= step ? 1 : widest * 1.2 <= 2 * step ? 2 : widest * 1.2 <= 3 * step ? 3 : 6;
    for (guint i = 0; i < shown; i += every)
      {
        g_autofree char *label = month_label (stats, first + i);
        double w;

        _kl_chart_measure (&chart, label, small, PANGO_WEIGHT_NORMAL, &w, NULL);
        w = MIN (w, step * every);
        x = CLAMP (left + step * (i + 0.5) - w / 2, margin * 0.5, width - margin * 0.5 - w);
        if (x < end)
          continue;
        _kl_chart_text (&chart, label, x, bottom + th * 0.1, w + 1, small, PANGO_WEIGHT_NORMAL,
                        &chart.palette.dim_text);
        end = x + w + chart.font * 0.3;
      }
  }

  cairo_restore (cr);
}
