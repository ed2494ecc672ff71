/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * How long drawing one funnel takes at 1920×1080 on an image surface.
 *
 *   bench-funnel-chart [--repeat R]
 *
 * The figure is the median of R drawings (the first apart: fonts load), in
 * milliseconds of wall clock and of this process's CPU time. The floor is
 * what any chart costs: painting the background and drawing one line of
 * text. The goal is under 8 ms.
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <time.h>

#include "kl-bench.h"
#include "kl-funnel-chart.h"
#include "kl-report-text.h"

static KlFunnel *
sample_funnel (void)
{
  static const guint reached[] = { 1240, 702, 388, 215, 131, 97 };
  KlFunnel *funnel = kl_funnel_new ("2026-07-01", "2026-09-30");

  funnel->cohort = reached[0];
  for (guint s = 0; s < KL_FUNNEL_N_STAGES; s++)
    {
      KlFunnelStage *stage = &funnel->stages[s];

      stage->reached = reached[s];
      stage->n_values = 1;
      stage->values = g_new0 (KlFunnelValue, 1);
      stage->values[0].currency = g_strdup ("EUR");
      stage->values[0].amount = (gint64)reached[s] * 1234567;
      stage->conversion_from_lead = (double)reached[s] / reached[0];
      if (s > 0)
        stage->conversion = (double)reached[s] / reached[s - 1];
      if (s < KL_FUNNEL_WON)
        {
          stage->timed = reached[s] - reached[s + 1];
          stage->median_days = 4.5 + s;
          stage->average_days = 7.25 + s;
          stage->lost = (reached[s] - reached[s + 1]) / 2;
          stage->n_top_reasons = 1;
          stage->top_reasons[0].reason = g_strdup ("Price too high");
          stage->top_reasons[0].count = stage->lost / 2;
        }
    }
  funnel->ratio = 12.8;
  funnel->cycle_deals = reached[KL_FUNNEL_WON];
  funnel->median_cycle_days = 41.5;
  funnel->bottleneck = KL_FUNNEL_NEEDS;

  return funnel;
}

static void
draw_floor (cairo_t *cr)
{
  g_autoptr(PangoLayout) layout = kl_report_text_layout (cr, 24, PANGO_WEIGHT_BOLD, "Sales funnel");

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, 20, 20);
  pango_cairo_show_layout (cr, layout);
}

int
main (int   argc,
      char *argv[])
{
  int repeat = 50;
  GOptionEntry entries[] = {
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Drawings per figure", "R" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFunnel) funnel = NULL;
  g_autoptr(GArray) walls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_walls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_surface_t *surface;
  cairo_t *cr;
  double first, fc, flc;

  setlocale (LC_ALL, "");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  funnel = sample_funnel ();
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  cr = cairo_create (surface);

  {
    gint64 t0 = g_get_monotonic_time ();

    kl_funnel_chart_draw (cr, 1920, 1080, NULL, funnel, "Ana Horvat", -1, NULL);
    first = (g_get_monotonic_time () - t0) / 1000.0;
  }
  for (int i = 0; i < repeat; i++)
    {
      double c0 = kl_bench_cpu_ms ();
      gint64 t0 = g_get_monotonic_time ();
      double wall, cpu;

      kl_funnel_chart_draw (cr, 1920, 1080, NULL, funnel, "Ana Horvat", -1, NULL);
      cairo_surface_flush (surface);
      wall = (g_get_monotonic_time () - t0) / 1000.0;
      cpu = kl_bench_cpu_ms () - c0;
      g_array_append_val (walls, wall);
      g_array_append_val (cpus, cpu);

      c0 = kl_bench_cpu_ms ();
      t0 = g_get_monotonic_time ();
      draw_floor (cr);
      cairo_surface_flush (surface);
      wall = (g_get_monotonic_time () - t0) / 1000.0;
      cpu = kl_bench_cpu_ms () - c0;
      g_array_append_val (floor_walls, wall);
      g_array_append_val (floor_cpus, cpu);
    }

  fc = kl_bench_median (cpus);
  flc = kl_bench_median (floor_cpus);
  printf ("funnel at 1920×1080: first %.2f ms, median %.2f ms wall, %.2f ms CPU (%d drawings)\n",
          first, kl_bench_median (walls), fc, repeat);
  printf ("floor (background and one line of text): median %.2f ms wall, %.2f ms CPU   ratio (CPU) %.1f\n",
          kl_bench_median (floor_walls), flc, fc / flc);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return 0;
}
