/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-funnel-chart.h"

#include <math.h>

#include "kl-chart-file.h"
#include "kl-chart-private.h"
#include "kl-format.h"

/* One line of a stage's label */
typedef struct {
  char     *text;
  gboolean  bold;
  gboolean  warning;
} Line;

static void
line_clear (Line *line)
{
  g_free (line->text);
}

static char *
days_text (double days)
{
  int digits = days < 9.95 ? 1 : 0;
  g_autofree char *number = _kl_chart_decimal (days, digits);
  /* A number with decimals takes the plural of 2 in English, Croatian
   * and Russian alike ("2.5 days", "2,5 dana", "2,5 дня"). */
  gulong n = digits > 0 ? 2 : (gulong)floor (days + 0.5);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s day", "%s days", n), number);
}

static char *
values_text (const KlFunnelStage *stage)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < stage->n_values; i++)
    {
      g_autofree char *money = kl_format_money (stage->values[i].amount, stage->values[i].currency);

      if (i > 0)
        g_string_append (text, " · ");
      g_string_append (text, money);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The lines of a stage's label, the most useful first. */
static GArray *
stage_lines (const KlFunnel  *funnel,
             KlFunnelStageId  s)
{
  const KlFunnelStage *stage = &funnel->stages[s];
  GArray *lines = g_array_new (FALSE, TRUE, sizeof (Line));
  g_autofree char *count = _kl_chart_count (stage->reached);
  g_autofree char *deals = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s deal", "%s deals", stage->reached),
                                            count);
  Line line = { 0 };

  g_array_set_clear_func (lines, (GDestroyNotify)line_clear);

  /* Translators: a funnel stage and its number of deals, "Offer sent: 12 deals". */
  line.text = g_strdup_printf (C_("funnel", "%1$s: %2$s"), kl_funnel_stage_label (s), deals);
  line.bold = TRUE;
  line.warning = funnel->bottleneck == (int)s;
  g_array_append_val (lines, line);

  if (funnel->bottleneck == (int)s)
    {
      g_autofree char *now = _kl_chart_percent (stage->conversion);
      g_autofree char *usual = _kl_chart_percent (stage->usual_conversion);

      line = (Line){ 0 };
      /* Translators: the step into this stage converts worst against the
       * previous four quarters: "Bottleneck: 20% against 45% before". */
      line.text = g_strdup_printf (_("Bottleneck: %1$s against %2$s before"), now, usual);
      line.warning = TRUE;
      g_array_append_val (lines, line);
    }

  if (s > KL_FUNNEL_LEAD && stage->conversion >= 0)
    {
      g_autofree char *previous = _kl_chart_percent (stage->conversion);
      g_autofree char *lead = _kl_chart_percent (stage->conversion_from_lead);

      line = (Line){ 0 };
      /* Translators: conversion into a funnel stage, "60% of the previous stage, 12% of leads". */
      line.text = g_strdup_printf (_("%1$s of the previous stage, %2$s of leads"), previous, lead);
      g_array_append_val (lines, line);
    }

  if (stage->n_values > 0)
    {
      line = (Line){ 0 };
      line.text = values_text (stage);
      g_array_append_val (lines, line);
    }

  if (s < KL_FUNNEL_WON && stage->timed > 0)
    {
      g_autofree char *median = days_text (stage->median_days);
      g_autofree char *average = days_text (stage->average_days);

      line = (Line){ 0 };
      /* Translators: time deals spent in a funnel stage, "In the stage: median 4 days, average 6.5 days". */
      line.text = g_strdup_printf (_("In the stage: median %1$s, average %2$s"), median, average);
      g_array_append_val (lines, line);
    }

  if (s == KL_FUNNEL_WON && funnel->cycle_deals > 0)
    {
      g_autofree char *median = days_text (funnel->median_cycle_days);

      line = (Line){ 0 };
      /* Translators: the median time from Lead to Won. */
      line.text = g_strdup_printf (_("Sales cycle: median %s"), median);
      g_array_append_val (lines, line);
    }

  if (stage->lost > 0)
    {
      g_autofree char *lost = _kl_chart_count (stage->lost);

      line = (Line){ 0 };
      if (stage->n_top_reasons > 0)
        {
          g_autofree char *n = _kl_chart_count (stage->top_reasons[0].count);

          /* Translators: deals lost at a stage and the most frequent reason with its count,
           * "Lost here: 8, most often “Price too high” (5)". */
          line.text = g_strdup_printf (_("Lost here: %1$s, most often “%2$s” (%3$s)"), lost,
                                       stage->top_reasons[0].reason, n);
        }
      else
        line.text = g_strdup_printf (_("Lost here: %s"), lost);
      g_array_append_val (lines, line);
    }

  return lines;
}

/**
 * kl_funnel_chart_describe_stage:
 * @funnel: the numbers
 * @stage: a stage
 *
 * Everything the chart says about @stage, one line each, for a tooltip
 * or a screen reader.
 *
 * Returns: (transfer full): the text
 */
char *
kl_funnel_chart_describe_stage (const KlFunnel  *funnel,
                                KlFunnelStageId  stage)
{
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (funnel != NULL, NULL);
  g_return_val_if_fail (stage < KL_FUNNEL_N_STAGES, NULL);

  lines = stage_lines (funnel, stage);
  for (guint i = 0; i < lines->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_array_index (lines, Line, i).text);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
period_text (const KlFunnel *funnel)
{
  g_autofree char *from = kl_format_date (funnel->from);
  g_autofree char *to = kl_format_date (funnel->to);

  /* Translators: a period, "1.7.2026. – 30.9.2026." */
  return g_strdup_printf (C_("period", "%1$s – %2$s"), from, to);
}

static char *
summary_text (const KlFunnel *funnel)
{
  g_autofree char *period = period_text (funnel);
  g_autofree char *count = _kl_chart_count (funnel->cohort);
  g_autofree char *deals = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s new deal", "%s new deals",
                                                         funnel->cohort), count);
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, "%s · %s", period, deals);
  if (funnel->ratio > 0)
    {
      g_autofree char *ratio = _kl_chart_decimal (funnel->ratio, funnel->ratio < 10 ? 1 : 0);

      g_string_append (text, " · ");
      /* Translators: leads per won deal, "10 : 1" (of ten leads one is won). */
      g_string_append_printf (text, _("%s : 1"), ratio);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
draw_header (KlChart        *chart,
             const KlFunnel *funnel,
             const char     *caption,
             double          margin,
             double         *bottom)
{
  g_autofree char *title = NULL;
  g_autofree char *summary = summary_text (funnel);
  double y = margin;
  double width = chart->width - 2 * margin;

  if (caption != NULL && caption[0] != '\0')
    /* Translators: the chart's title with whose deals it counts, "Sales funnel — Ana Horvat". */
    title = g_strdup_printf (_("Sales funnel — %s"), caption);
  else
    title = g_strdup (_("Sales funnel"));

  y += _kl_chart_text (chart, title, margin, y, width, chart->font * 1.25, PANGO_WEIGHT_BOLD,
                       &chart->palette.text);
  y += _kl_chart_text (chart, summary, margin, y, width, chart->font * 0.9, PANGO_WEIGHT_NORMAL,
                       &chart->palette.dim_text);
  *bottom = y;
}

static void
draw_empty (KlChart *chart,
            double   top,
            double   margin)
{
  cairo_t *cr = chart->cr;
  double bottom = chart->height - margin;
  double cx = chart->width / 2;
  double full = MIN (chart->width - 2 * margin, (bottom - top) * 1.6);
  double row = (bottom - top) / KL_FUNNEL_N_STAGES;
  double text_width = MIN (chart->width - 4 * margin, chart->font * 30);
  double y;

  /* A faint outline of a funnel behind the message. */
  cairo_save (cr);
  cairo_set_line_width (cr, MAX (1.0, chart->font / 8));
  cairo_set_dash (cr, (double[]){ chart->font / 2, chart->font / 3 }, 2, 0);
  _kl_chart_set_color (chart, &chart->palette.grid, 1);
  for (guint s = 0; s < KL_FUNNEL_N_STAGES; s++)
    {
      double w = full * (1.0 - 0.14 * s);

      cairo_rectangle (cr, cx - w / 2, top + s * row + row * 0.12, w, row * 0.76);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  y = top + (bottom - top) / 2 - chart->font * 1.6;
  _kl_chart_set_color (chart, &chart->palette.background, 0.85);
  cairo_rectangle (cr, cx - text_width / 2 - margin / 2, y - margin / 2, text_width + margin,
                   chart->font * 3.6 + margin);
  cairo_fill (cr);
  y += _kl_chart_text_centred (chart, _("No deals were created in this period."), cx, y, text_width,
                               chart->font * 1.1, PANGO_WEIGHT_BOLD, &chart->palette.text);
  _kl_chart_text_centred (chart, _("The funnel counts the deals created in the period. Choose a longer "
                                   "period or another manager."),
                          cx, y + chart->font * 0.3, text_width, chart->font * 0.85, PANGO_WEIGHT_NORMAL,
                          &chart->palette.dim_text);
}

/* The stage's label lines that fit in @height, drawn from @y. */
static void
draw_label (KlChart        *chart,
            const KlFunnel *funnel,
            KlFunnelStageId s,
            double          x,
            double          y,
            double          width,
            double          height,
            double          size)
{
  g_autoptr(GArray) lines = stage_lines (funnel, s);
  double line_height[16];
  double used = 0;
  guint n = 0;

  /* How many lines fit: every line is as tall as its font's line. */
  for (guint i = 0; i < lines->len && i < G_N_ELEMENTS (line_height); i++)
    {
      Line *line = &g_array_index (lines, Line, i);
      double h;

      _kl_chart_measure (chart, "Ag", line->bold ? size : size * 0.86,
                         line->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL, NULL, &h);
      if (used + h > height)
        break;
      line_height[i] = h;
      used += h;
      n++;
    }

  /* Centred on the band. */
  y += (height - used) / 2;
  for (guint i = 0; i < n; i++)
    {
      Line *line = &g_array_index (lines, Line, i);
      const KlRgb *color = line->warning ? &chart->palette.warning
                           : i == 0 ? &chart->palette.text : &chart->palette.dim_text;

      _kl_chart_text (chart, line->text, x, y, width, line->bold ? size : size * 0.86,
                      line->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL, color);
      y += line_height[i];
    }
}

/**
 * kl_funnel_chart_draw:
 * @cr: where to draw
 * @width: the picture's width, in @cr's user units
 * @height: its height
 * @style: (nullable): light or dark, and the device scale; %NULL for light
 * @funnel: the numbers (kl_funnel_compute())
 * @caption: (nullable): whose funnel, for the title (a manager's name)
 * @highlight: a stage to highlight (pointer, keyboard), or -1
 * @layout: (out caller-allocates) (optional): where each band (areas, Lead
 *   first) and each text went
 *
 * Draws the funnel over (0, 0, @width, @height), background included.
 */
void
kl_funnel_chart_draw (cairo_t            *cr,
                      double              width,
                      double              height,
                      const KlChartStyle *style,
                      const KlFunnel     *funnel,
                      const char         *caption,
                      int                 highlight,
                      KlChartLayout      *layout)
{
  KlChart chart;
  double margin, top, bottom, row, band_max, band_cx, label_x, label_width, label_size;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (width > 0 && height > 0);
  g_return_if_fail (funnel != NULL);

  cairo_save (cr);
  _kl_chart_begin (&chart, cr, width, height, style, layout);
  margin = chart.font;

  draw_header (&chart, funnel, caption, margin, &top);
  top += margin * 0.5;
  bottom = height - margin;
  if (bottom <= top)
    {
      cairo_restore (cr);
      return;
    }

  if (kl_funnel_is_empty (funnel))
    {
      draw_empty (&chart, top, margin);
      cairo_restore (cr);
      return;
    }

  row = (bottom - top) / KL_FUNNEL_N_STAGES;
  band_max = (width - 3 * margin) * 0.42;
  band_cx = margin + band_max / 2;
  label_x = margin * 2 + band_max;
  label_width = width - margin - label_x;
  /* The label's first line, and the band's count, as large as fits. */
  label_size = MIN (chart.font, row / 1.45);

  for (guint s = 0; s < KL_FUNNEL_N_STAGES; s++)
    {
      const KlFunnelStage *stage = &funnel->stages[s];
      double band_h = row * 0.78;
      double y = top + s * row + (row - band_h) / 2;
      double w = band_max * stage->reached / funnel->cohort;
      gboolean bottleneck = funnel->bottleneck == (int)s;

      /* The step from the band above narrows to this one. */
      if (s > 0)
        {
          double prev = band_max * funnel->stages[s - 1].reached / funnel->cohort;
          double prev_bottom = y - (row - band_h);

          _kl_chart_set_color (&chart, &chart.palette.band[s], 0.22);
          cairo_move_to (cr, band_cx - prev / 2, prev_bottom);
          cairo_line_to (cr, band_cx + prev / 2, prev_bottom);
          cairo_line_to (cr, band_cx + w / 2, y);
          cairo_line_to (cr, band_cx - w / 2, y);
          cairo_close_path (cr);
          cairo_fill (cr);
        }

      _kl_chart_set_color (&chart, bottleneck ? &chart.palette.warning : &chart.palette.band[s], 1);
      cairo_rectangle (cr, band_cx - w / 2, y, w, band_h);
      cairo_fill (cr);
      _kl_chart_add_area (&chart, band_cx - w / 2, y, w, band_h);

      if ((int)s == highlight)
        {
          double line = 2.0 / chart.style->scale * MAX (1.0, chart.font / 10);

          cairo_save (cr);
          cairo_set_line_width (cr, line);
          _kl_chart_set_color (&chart, &chart.palette.highlight, 1);
          cairo_rectangle (cr, margin / 2 + line / 2, y - row * 0.08, width - margin - line, band_h + row * 0.16);
          cairo_stroke (cr);
          cairo_restore (cr);
        }

      /* The count on the band, when it fits. */
      {
        g_autofree char *count = _kl_chart_count (stage->reached);
        double tw, th;

        _kl_chart_measure (&chart, count, label_size, PANGO_WEIGHT_BOLD, &tw, &th);
        if (tw + margin * 0.5 <= w && th <= band_h)
          {
            static const KlRgb white = { 1, 1, 1 };
            static const KlRgb black = { 0.1, 0.1, 0.1 };
            gboolean pale = !chart.style->dark ? s == 0 : s == KL_FUNNEL_NEGOTIATION;

            _kl_chart_text (&chart, count, band_cx - tw / 2, y + (band_h - th) / 2, 0, label_size,
                            PANGO_WEIGHT_BOLD, pale && !bottleneck ? &black : &white);
          }
      }

      if (label_width > margin)
        draw_label (&chart, funnel, s, label_x, top + s * row, label_width, row, label_size);
    }

  cairo_restore (cr);
}

/**
 * kl_funnel_chart_stage_at:
 * @layout: from kl_funnel_chart_draw()
 * @y: a height in the picture
 *
 * Returns: the stage whose row holds @y (its band and its label), or -1
 */
int
kl_funnel_chart_stage_at (const KlChartLayout *layout,
                          double               y)
{
  g_return_val_if_fail (layout != NULL, -1);

  if (layout->n_areas != KL_FUNNEL_N_STAGES)
    return -1;

  for (guint s = 0; s < KL_FUNNEL_N_STAGES; s++)
    {
      const cairo_rectangle_t *band = &layout->areas[s];
      double gap = band->height * 0.28 / 2;

      if (y >= band->y - gap && y < band->y + band->height + gap)
        return (int)s;
    }

  return -1;
}

typedef struct {
  const KlFunnel *funnel;
  const char     *caption;
} Picture;

static void
draw_picture (cairo_t  *cr,
              double    width,
              double    height,
              gpointer  user_data)
{
  const Picture *picture = user_data;

  kl_funnel_chart_draw (cr, width, height, NULL, picture->funnel, picture->caption, -1, NULL);
}

/* Whether kl_funnel_chart_save() knows the format of @path (.png, .pdf,
 * .svg, in any case). */
gboolean
kl_funnel_chart_format_known (const char *path)
{
  return kl_chart_format_known (path);
}

/**
 * kl_funnel_chart_save:
 * @funnel: the numbers
 * @caption: (nullable): whose funnel, for the title
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
kl_funnel_chart_save (const KlFunnel  *funnel,
                      const char      *caption,
                      const char      *path,
                      int              width,
                      int              height,
                      GError         **error)
{
  Picture picture = { funnel, caption };

  g_return_val_if_fail (funnel != NULL, FALSE);

  return kl_chart_save (path, width, height, _("Sales funnel"), draw_picture, &picture, error);
}
