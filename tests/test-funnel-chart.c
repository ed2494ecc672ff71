/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kl-chart-file.h"
#include "kl-conversion-chart.h"
#include "kl-forecast-chart.h"
#include "kl-funnel-chart.h"
#include "kl-format.h"
#include "kl-test.h"

/* The funnel drawing on image, PDF and SVG surfaces: bands as wide as
 * their counts, every text inside the picture and none over another, in
 * English, Croatian and Russian, from 400×300 to 3840×2160, at scale 1
 * and 2, light and dark; likewise the conversion and forecast charts.
 * KL_TEST_KEEP_PICTURES=DIR keeps the PNGs. */

static const guint reached[] = { 1240, 702, 388, 215, 131, 97 };

static KlFunnel *
sample_funnel (void)
{
  KlFunnel *funnel = kl_funnel_new ("2026-07-01", "2026-09-30");

  funnel->cohort = reached[0];
  for (guint s = 0; s < KL_FUNNEL_N_STAGES; s++)
    {
      KlFunnelStage *stage = &funnel->stages[s];

      stage->reached = reached[s];
      stage->n_values = 2;
      stage->values = g_new0 (KlFunnelValue, 2);
      stage->values[0].currency = g_strdup ("EUR");
      stage->values[0].amount = (gint64)reached[s] * 1234567;
      stage->values[1].currency = g_strdup ("RUB");
      stage->values[1].amount = (gint64)reached[s] * 98765432;
      stage->conversion_from_lead = (double)reached[s] / reached[0];
      if (s > 0)
        {
          stage->conversion = (double)reached[s] / reached[s - 1];
          stage->usual_conversion = stage->conversion + (s == 2 ? 0.2 : 0.01);
        }
      if (s < KL_FUNNEL_WON)
        {
          stage->timed = reached[s] - reached[s + 1];
          stage->median_days = 4.5 + s;
          stage->average_days = 7.25 + s;
          stage->lost = (reached[s] - reached[s + 1]) / 2;
          stage->n_top_reasons = 1;
          stage->top_reasons[0].reason = g_strdup ("Клиент выбрал предложение конкурента с более длинной отсрочкой");
          stage->top_reasons[0].count = stage->lost / 2;
        }
    }
  funnel->ratio = (double)reached[0] / reached[KL_FUNNEL_WON];
  funnel->cycle_deals = reached[KL_FUNNEL_WON];
  funnel->median_cycle_days = 41.5;
  funnel->bottleneck = KL_FUNNEL_NEEDS;
  for (guint i = 0; i < KL_FUNNEL_MONTHS; i++)
    {
      KlFunnelMonth *month = &funnel->months[i];

      month->year = 2025 + (i + 9) / 12;
      month->month = (i + 9) % 12 + 1;
      /* One month without deals: a gap in the lines. */
      month->leads = i == 4 ? 0 : 80 + i * 7;
      month->won = i == 4 ? 0 : 6 + i % 5;
      month->rate = month->leads > 0 ? (double)month->won / month->leads : KL_FUNNEL_UNKNOWN;
      month->median_cycle_days = month->won > 0 ? 30 + i * 2.5 : KL_FUNNEL_UNKNOWN;
    }

  return funnel;
}

static gboolean
overlap (const cairo_rectangle_t *a,
         const cairo_rectangle_t *b)
{
  double w = MIN (a->x + a->width, b->x + b->width) - MAX (a->x, b->x);
  double h = MIN (a->y + a->height, b->y + b->height) - MAX (a->y, b->y);

  return w > 0.01 && h > 0.01;
}

static void
assert_layout (const KlChartLayout *layout,
               double               width,
               double               height,
               const KlFunnel      *funnel,
               const char          *what)
{
  if (funnel != NULL && !kl_funnel_is_empty (funnel))
    {
      const cairo_rectangle_t *lead = &layout->areas[0];

      g_assert_cmpuint (layout->n_areas, ==, KL_FUNNEL_N_STAGES);
      for (guint s = 0; s < KL_FUNNEL_N_STAGES; s++)
        {
          const cairo_rectangle_t *band = &layout->areas[s];

          /* Proportional to the count, narrower down the funnel, inside. */
          g_assert_cmpfloat_with_epsilon (band->width / lead->width,
                                          (double)funnel->stages[s].reached / funnel->cohort, 1e-9);
          if (s > 0)
            {
              g_assert_cmpfloat (band->width, <=, layout->areas[s - 1].width);
              g_assert_cmpfloat (band->y, >, layout->areas[s - 1].y);
            }
          g_assert_cmpfloat (band->x, >=, 0);
          g_assert_cmpfloat (band->x + band->width, <=, width);
          g_assert_cmpfloat (band->y + band->height, <=, height);
        }
      /* At least a title, the summary and one line a stage. */
      g_assert_cmpuint (layout->n_labels, >=, 2 + KL_FUNNEL_N_STAGES);
    }
  else
    g_assert_cmpuint (layout->n_labels, >=, 3);

  for (guint i = 0; i < layout->n_labels; i++)
    {
      const cairo_rectangle_t *r = &layout->labels[i];

      if (r->x < -0.01 || r->y < -0.01 || r->x + r->width > width + 0.01 || r->y + r->height > height + 0.01)
        g_error ("%s: label %u (%g, %g, %g × %g) leaves the %g × %g picture", what, i,
                 r->x, r->y, r->width, r->height, width, height);
      for (guint j = 0; j < i; j++)
        if (overlap (r, &layout->labels[j]))
          g_error ("%s: labels %u (%g, %g, %g × %g) and %u (%g, %g, %g × %g) overlap", what,
                   j, layout->labels[j].x, layout->labels[j].y, layout->labels[j].width, layout->labels[j].height,
                   i, r->x, r->y, r->width, r->height);
    }
}

/* Draws at @width × @height user units on a surface @scale times as large. */
static cairo_surface_t *
draw (const KlFunnel *funnel,
      int             width,
      int             height,
      double          scale,
      gboolean        dark,
      KlChartLayout  *layout)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int)(width * scale),
                                                         (int)(height * scale));
  cairo_t *cr = cairo_create (surface);
  KlChartStyle style = { dark, scale };

  cairo_scale (cr, scale, scale);
  kl_funnel_chart_draw (cr, width, height, &style, funnel, "Ана Хорватова-Преображенская", -1, layout);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);

  return surface;
}

static void
keep (cairo_surface_t *surface,
      const char      *name)
{
  const char *dir = g_getenv ("KL_TEST_KEEP_PICTURES");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  path = g_build_filename (dir, name, NULL);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
}

static gboolean
use_locale (const char *locale)
{
  const char *localedir = g_getenv ("KLIJENTELA_LOCALEDIR");

  g_unsetenv ("LANGUAGE");
  if (setlocale (LC_ALL, locale) == NULL)
    return FALSE;
  if (localedir != NULL)
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return TRUE;
}

typedef struct {
  const char *locale;
  const char *tag;
  const char *offer;            /* "Offer sent" translated */
  const char *thousand;         /* 1240 as the locale writes it */
  const char *november;         /* "November 2026" */
} Language;

static const Language languages[] = {
  { "C.UTF-8", "en", "Offer sent", "1240", "November 2026" },
  { "hr_HR.UTF-8", "hr", "Ponuda poslana", "1.240", "studeni 2026" },
  { "ru_RU.UTF-8", "ru", "КП отправлено", "1\u202f240", "Ноябрь 2026" },
};

static void
test_sizes (gconstpointer data)
{
  const Language *language = data;
  static const int sizes[][2] = { { 400, 300 }, { 640, 480 }, { 1024, 768 }, { 1920, 1080 }, { 3840, 2160 },
                                  { 300, 400 }, { 3840, 300 } };
  g_autoptr(KlFunnel) funnel = sample_funnel ();

  if (!use_locale (language->locale))
    {
      g_test_skip ("the locale is not installed (locale-gen)");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (guint scale = 1; scale <= 2; scale++)
      {
        KlChartLayout layout;
        g_autofree char *what = g_strdup_printf ("%s %d×%d @%u", language->tag, sizes[i][0], sizes[i][1], scale);
        cairo_surface_t *surface = draw (funnel, sizes[i][0], sizes[i][1], scale, scale == 2, &layout);

        assert_layout (&layout, sizes[i][0], sizes[i][1], funnel, what);
        if (scale == 1 && (i == 0 || i == 3))
          {
            g_autofree char *name = g_strdup_printf ("funnel-%s-%dx%d.png", language->tag, sizes[i][0], sizes[i][1]);

            keep (surface, name);
          }
        cairo_surface_destroy (surface);
      }

  /* The stage's words and numbers in the locale's language and format. */
  {
    g_autofree char *offer = kl_funnel_chart_describe_stage (funnel, KL_FUNNEL_OFFER);
    g_autofree char *lead = kl_funnel_chart_describe_stage (funnel, KL_FUNNEL_LEAD);

    g_assert_nonnull (strstr (offer, language->offer));
    g_assert_nonnull (strstr (lead, language->thousand));
  }
  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_conversion_sizes (gconstpointer data)
{
  const Language *language = data;
  static const int sizes[][2] = { { 400, 150 }, { 640, 200 }, { 1920, 300 }, { 3840, 600 }, { 300, 300 } };
  g_autoptr(KlFunnel) funnel = sample_funnel ();
  g_autoptr(KlFunnel) empty = kl_funnel_new ("2019-01-01", "2019-03-31");

  if (!use_locale (language->locale))
    {
      g_test_skip ("the locale is not installed (locale-gen)");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (guint scale = 1; scale <= 2; scale++)
      {
        KlChartLayout layout;
        g_autofree char *what = g_strdup_printf ("conversion %s %d×%d @%u", language->tag, sizes[i][0],
                                                 sizes[i][1], scale);
        cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, sizes[i][0] * scale,
                                                               sizes[i][1] * scale);
        cairo_t *cr = cairo_create (surface);
        KlChartStyle style = { scale == 2, scale };

        cairo_scale (cr, scale, scale);
        kl_conversion_chart_draw (cr, sizes[i][0], sizes[i][1], &style, funnel, &layout);
        cairo_destroy (cr);
        /* Twelve months side by side, every text inside and apart. */
        g_assert_cmpuint (layout.n_areas, ==, KL_FUNNEL_MONTHS);
        for (guint m = 1; m < KL_FUNNEL_MONTHS; m++)
          g_assert_cmpfloat (layout.areas[m].x, >, layout.areas[m - 1].x);
        g_assert_cmpuint (layout.n_labels, >=, 5);
        assert_layout (&layout, sizes[i][0], sizes[i][1], NULL, what);
        if (scale == 1 && i == 1)
          {
            g_autofree char *name = g_strdup_printf ("conversion-%s.png", language->tag);

            keep (surface, name);
          }
        cairo_surface_destroy (surface);

        /* No deals: says so, inside the picture. */
        surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, sizes[i][0], sizes[i][1]);
        cr = cairo_create (surface);
        kl_conversion_chart_draw (cr, sizes[i][0], sizes[i][1], NULL, empty, &layout);
        cairo_destroy (cr);
        cairo_surface_destroy (surface);
        g_assert_cmpuint (layout.n_areas, ==, 0);
        assert_layout (&layout, sizes[i][0], sizes[i][1], NULL, what);
      }
  setlocale (LC_ALL, "C.UTF-8");
}


/* Three currencies of very different sizes, a month with none, one month
 * in one currency only. */
static KlForecast *
sample_forecast (guint n_series)
{
  static const char * const codes[] = { "EUR", "RUB", "USD", "CHF", "GBP" };
  KlForecast *forecast = kl_forecast_new (2026, 11);

  forecast->n_series = n_series;
  forecast->series = g_new0 (KlForecastSeries, n_series);
  for (guint i = 0; i < n_series; i++)
    {
      KlForecastSeries *s = &forecast->series[i];

      g_strlcpy (s->currency, codes[i], sizeof s->currency);
      for (guint m = 0; m < KL_FORECAST_MONTHS; m++)
        {
          if (m == 3 || (i > 0 && m == 7))
            continue;
          s->deals[m] = 3 + m * (i + 1);
          s->amount[m] = (gint64)(s->deals[m]) * (i == 1 ? 987654321 : 1234567);
          s->weighted[m] = s->amount[m] * (10 + 7 * m) / 100;
          s->total_deals += s->deals[m];
          s->total_weighted += s->weighted[m];
        }
    }

  return forecast;
}

static void
draw_forecast (const KlForecast *forecast,
               int               width,
               int               height,
               double            scale,
               KlChartLayout    *layout,
               const char       *keep_as)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int)(width * scale),
                                                         (int)(height * scale));
  cairo_t *cr = cairo_create (surface);
  KlChartStyle style = { scale == 2, scale };

  cairo_scale (cr, scale, scale);
  kl_forecast_chart_draw (cr, width, height, &style, forecast, 2, layout);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  if (keep_as != NULL)
    keep (surface, keep_as);
  cairo_surface_destroy (surface);
}

static void
test_forecast_sizes (gconstpointer data)
{
  const Language *language = data;
  static const int sizes[][2] = { { 400, 300 }, { 640, 240 }, { 1024, 400 }, { 1920, 1080 }, { 3840, 2160 },
                                  { 300, 400 }, { 3840, 300 } };

  if (!use_locale (language->locale))
    {
      g_test_skip ("the locale is not installed (locale-gen)");
      return;
    }

  for (guint n = 1; n <= 5; n += 2)
    {
      g_autoptr(KlForecast) forecast = sample_forecast (n);

      for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
        for (guint scale = 1; scale <= 2; scale++)
          {
            KlChartLayout layout;
            g_autofree char *what = g_strdup_printf ("forecast %s, %u currencies, %d×%d @%u", language->tag, n,
                                                     sizes[i][0], sizes[i][1], scale);
            g_autofree char *name = g_strdup_printf ("forecast-%s-%u-%dx%d.png", language->tag, n, sizes[i][0],
                                                     sizes[i][1]);

            draw_forecast (forecast, sizes[i][0], sizes[i][1], scale, &layout, scale == 1 ? name : NULL);
            /* Twelve months side by side, inside; a title, the period,
             * each currency drawn and some month names. */
            g_assert_cmpuint (layout.n_areas, ==, KL_FORECAST_MONTHS);
            for (guint m = 1; m < KL_FORECAST_MONTHS; m++)
              g_assert_cmpfloat (layout.areas[m].x, >, layout.areas[m - 1].x);
            g_assert_cmpfloat (layout.areas[0].x, >=, 0);
            g_assert_cmpfloat (layout.areas[KL_FORECAST_MONTHS - 1].x + layout.areas[KL_FORECAST_MONTHS - 1].width,
                               <=, sizes[i][0] + 0.01);
            g_assert_cmpuint (layout.n_labels, >=, 2 + 3 + 2);
            assert_layout (&layout, sizes[i][0], sizes[i][1], NULL, what);
          }
    }

  /* The month in words, in the locale's language and number format. */
  {
    g_autoptr(KlForecast) forecast = sample_forecast (2);
    g_autofree char *text = kl_forecast_chart_describe_month (forecast, 0);
    g_autofree char *all = kl_forecast_chart_describe (forecast);
    g_autofree char *amount = kl_format_money (forecast->series[1].weighted[0], "RUB");

    if (strstr (text, language->november) == NULL)
      g_error ("%s: no “%s” in “%s”", language->tag, language->november, text);
    g_assert_nonnull (strstr (text, amount));
    g_assert_nonnull (strstr (all, amount));
  }
  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_forecast_empty (void)
{
  g_autoptr(KlForecast) forecast = kl_forecast_new (2026, 11);
  cairo_surface_t *surface;
  cairo_t *cr;
  KlChartLayout layout;
  guint32 *pixels;
  int stride;
  guint differing = 0;
  g_autofree char *text = NULL;

  for (guint scale = 1; scale <= 2; scale++)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400 * scale, 300 * scale);
      cr = cairo_create (surface);
      cairo_scale (cr, scale, scale);
      kl_forecast_chart_draw (cr, 400, 300, NULL, forecast, -1, &layout);
      cairo_destroy (cr);
      /* No bars; the title, the period and the message, inside. */
      g_assert_cmpuint (layout.n_areas, ==, 0);
      g_assert_cmpuint (layout.n_labels, ==, 3);
      assert_layout (&layout, 400, 300, NULL, "forecast, empty");
      cairo_surface_flush (surface);
      pixels = (guint32 *)(gpointer)cairo_image_surface_get_data (surface);
      stride = cairo_image_surface_get_stride (surface) / 4;
      differing = 0;
      for (int y = 0; y < 300 * (int)scale; y++)
        for (int x = 0; x < 400 * (int)scale; x++)
          differing += pixels[y * stride + x] != pixels[0];
      g_assert_cmpuint (differing, >, 400 * 300 / 200);
      if (scale == 1)
        keep (surface, "forecast-empty.png");
      cairo_surface_destroy (surface);
    }

  text = kl_forecast_chart_describe (forecast);
  g_assert_nonnull (strstr (text, "No open deals"));
}

/* Bars as tall as their weighted values: the highlighted month differs,
 * and a month with none has no bar. */
static void
test_forecast_bars (void)
{
  g_autoptr(KlForecast) forecast = kl_forecast_new (2026, 11);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 800, 400);
  cairo_t *cr = cairo_create (surface);
  KlChartLayout layout;
  guint32 *pixels;
  int stride, heights[KL_FORECAST_MONTHS] = { 0 };

  forecast->n_series = 1;
  forecast->series = g_new0 (KlForecastSeries, 1);
  g_strlcpy (forecast->series[0].currency, "EUR", 4);
  forecast->series[0].weighted[0] = 100000;
  forecast->series[0].weighted[1] = 50000;
  forecast->series[0].weighted[5] = 25000;
  for (guint m = 0; m < KL_FORECAST_MONTHS; m++)
    {
      forecast->series[0].deals[m] = forecast->series[0].weighted[m] > 0;
      forecast->series[0].total_deals += forecast->series[0].deals[m];
    }

  kl_forecast_chart_draw (cr, 800, 400, NULL, forecast, -1, &layout);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixels = (guint32 *)(gpointer)cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  /* The bar's colour down each month's middle. */
  for (guint m = 0; m < KL_FORECAST_MONTHS; m++)
    {
      int x = (int)(layout.areas[m].x + layout.areas[m].width / 2);

      for (int y = (int)layout.areas[m].y; y < (int)(layout.areas[m].y + layout.areas[m].height); y++)
        heights[m] += (pixels[y * stride + x] & 0xffffff) == 0x1c71d8;
    }
  g_assert_cmpint (heights[0], >, 0);
  g_assert_cmpint (heights[3], ==, 0);
  g_assert_cmpint (ABS (heights[0] - 2 * heights[1]), <=, 2);
  g_assert_cmpint (ABS (heights[0] - 4 * heights[5]), <=, 4);
  cairo_surface_destroy (surface);
}

static void
test_empty (void)
{
  g_autoptr(KlFunnel) funnel = kl_funnel_new ("2019-01-01", "2019-03-31");
  KlChartLayout layout;
  cairo_surface_t *surface = draw (funnel, 640, 480, 1, FALSE, &layout);
  guint32 *pixels = (guint32 *)(gpointer)cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface) / 4;
  guint differing = 0;

  assert_layout (&layout, 640, 480, funnel, "empty");
  g_assert_cmpuint (layout.n_areas, ==, 0);
  /* Not a blank: the message and the outline. */
  cairo_surface_flush (surface);
  for (int y = 0; y < 480; y++)
    for (int x = 0; x < 640; x++)
      differing += pixels[y * stride + x] != pixels[0];
  g_assert_cmpuint (differing, >, 640 * 480 / 100);
  keep (surface, "funnel-empty.png");
  cairo_surface_destroy (surface);

  surface = draw (funnel, 400, 300, 2, TRUE, &layout);
  assert_layout (&layout, 400, 300, funnel, "empty, small");
  cairo_surface_destroy (surface);
}

static void
test_highlight (void)
{
  g_autoptr(KlFunnel) funnel = sample_funnel ();
  KlChartLayout layout;
  cairo_surface_t *plain = draw (funnel, 800, 600, 1, FALSE, &layout);
  cairo_surface_t *lit;
  cairo_t *cr;
  double y;

  /* The stage under a point of its row, none above the first. */
  y = layout.areas[KL_FUNNEL_OFFER].y + layout.areas[KL_FUNNEL_OFFER].height / 2;
  g_assert_cmpint (kl_funnel_chart_stage_at (&layout, y), ==, KL_FUNNEL_OFFER);
  g_assert_cmpint (kl_funnel_chart_stage_at (&layout, 1), ==, -1);
  g_assert_cmpint (kl_chart_layout_area_at (&layout, layout.areas[0].x + 1, layout.areas[0].y + 1), ==, 0);

  lit = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 600);
  cr = cairo_create (lit);
  kl_funnel_chart_draw (cr, 800, 600, NULL, funnel, "Ана Хорватова-Преображенская", KL_FUNNEL_OFFER, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (plain);
  cairo_surface_flush (lit);
  g_assert_cmpint (memcmp (cairo_image_surface_get_data (plain), cairo_image_surface_get_data (lit),
                           (gsize)cairo_image_surface_get_stride (lit) * 600), !=, 0);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (lit);
}

static void
test_files (void)
{
  g_autoptr(KlFunnel) funnel = sample_funnel ();
  g_autofree char *dir = kl_test_make_dir ("funnel-chart");
  g_autofree char *pdf = g_build_filename (dir, "funnel.pdf", NULL);
  g_autofree char *svg = g_build_filename (dir, "funnel.svg", NULL);
  g_autofree char *png = g_build_filename (dir, "funnel.png", NULL);
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  int status = -1;

  setlocale (LC_ALL, "C.UTF-8");

  surface = cairo_pdf_surface_create (pdf, 842, 595);
  cr = cairo_create (surface);
  kl_funnel_chart_draw (cr, 842, 595, NULL, funnel, NULL, -1, NULL);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  surface = cairo_svg_surface_create (svg, 842, 595);
  cr = cairo_create (surface);
  kl_funnel_chart_draw (cr, 842, 595, NULL, funnel, NULL, -1, NULL);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  surface = draw (funnel, 400, 300, 1, FALSE, NULL);
  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  /* PNG: read back at its size. */
  surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 400);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 300);
  cairo_surface_destroy (surface);

  /* PDF: the words are text. */
  g_spawn_sync (NULL, (char *[]){ "pdftotext", pdf, "-", NULL }, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (text, "Sales funnel"));
  g_assert_nonnull (strstr (text, "Offer sent"));
  g_assert_nonnull (strstr (text, "Bottleneck"));

  /* SVG: a well-formed picture of the size asked. */
  g_file_get_contents (svg, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "width=\"842"));
  g_assert_nonnull (strstr (contents, "</svg>"));

  kl_test_remove_dir (dir);
}

/* kl_chart_save(): the picture is written beside its name and renamed
 * when whole. A drawing that fails leaves the file it would replace as it
 * was and nothing beside it; a temporary file a killed save left goes the
 * next time, one another process is writing stays. */
static void
draw_square (cairo_t  *cr,
             double    width,
             double    height,
             gpointer  user_data)
{
  cairo_set_source_rgb (cr, 0.2, 0.4, 0.6);
  cairo_rectangle (cr, 0, 0, width / 2, height / 2);
  cairo_fill (cr);
}

static void
draw_broken (cairo_t  *cr,
             double    width,
             double    height,
             gpointer  user_data)
{
  draw_square (cr, width, height, user_data);
  cairo_restore (cr);           /* no save: CAIRO_STATUS_INVALID_RESTORE */
}

/* The names in @dir in one string: "a b c". */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **)names->pdata);
}

static void
test_save_whole (void)
{
  static const char * const endings[] = { "png", "pdf", "svg" };
  g_autofree char *dir = kl_test_make_dir ("chart-save");
  mode_t mask = umask (022);

  for (guint i = 0; i < G_N_ELEMENTS (endings); i++)
    {
      g_autofree char *base = g_strdup_printf ("chart.%s", endings[i]);
      g_autofree char *path = g_build_filename (dir, base, NULL);
      g_autofree char *stale = g_strdup_printf ("%s/.%s.klijentela-AbC123", dir, base);
      g_autofree char *busy = g_strdup_printf ("%s/.%s.klijentela-XyZ789", dir, base);
      g_autofree char *before = NULL, *after = NULL, *names = NULL, *expected = NULL;
      g_autoptr(GError) error = NULL;
      gsize before_len = 0, after_len = 0;
      GStatBuf st;
      int busy_fd;

      /* A new file: whole, 0666 less the umask, nothing beside it. */
      g_assert_true (kl_chart_save (path, 200, 100, "Square", draw_square, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 07777, ==, 0644);
      g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));
      g_assert_cmpuint (before_len, >, 100);
      names = list_dir (dir);
      expected = g_strdup_printf (".%s.klijentela-", base);
      g_assert_nonnull (strstr (names, base));
      g_assert_null (strstr (names, expected));
      g_clear_pointer (&expected, g_free);
      g_clear_pointer (&names, g_free);

      /* Left by a killed save, and one being written by another process. */
      g_assert_true (g_file_set_contents (stale, "half", -1, NULL));
      busy_fd = g_open (busy, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
      g_assert_cmpint (busy_fd, >=, 0);
      g_assert_cmpint (flock (busy_fd, LOCK_EX | LOCK_NB), ==, 0);

      /* The drawing fails: an error, the old file as it was. */
      g_assert_false (kl_chart_save (path, 300, 150, "Square", draw_broken, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, base));
      g_clear_error (&error);
      g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
      g_assert_cmpmem (after, after_len, before, before_len);

      /* Only the old file and the busy temporary one are left. */
      names = list_dir (dir);
      expected = g_strdup_printf (".%s.klijentela-XyZ789", base);
      g_assert_nonnull (strstr (names, expected));
      g_assert_null (strstr (names, "AbC123"));
      {
        g_auto(GStrv) each = g_strsplit (names, " ", -1);

        g_assert_cmpuint (g_strv_length (each), ==, 2 * i + 2);
      }

      /* An existing file's mode is kept. */
      g_assert_cmpint (g_chmod (path, 0600), ==, 0);
      g_assert_true (kl_chart_save (path, 300, 150, "Square", draw_square, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 07777, ==, 0600);
      g_clear_pointer (&after, g_free);
      g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
      g_assert_false (after_len == before_len && memcmp (after, before, before_len) == 0);
      g_assert_true (g_file_test (busy, G_FILE_TEST_EXISTS));
      close (busy_fd);
    }

  umask (mask);
  kl_test_remove_dir (dir);
}

/* SVG: the texts of the drawing are <text> elements, one per line of a
 * label, in the language asked, escaped, each inside the box the layout
 * gave its label. Read back with GLib's markup parser. */
typedef struct {
  GPtrArray *texts;             /* each <text>'s content */
  GArray    *points;            /* each <text>'s x, y (the baseline) */
  char      *lang;              /* the texts' group's xml:lang */
  char      *title;
  gboolean   in_text;
  gboolean   in_title;
} SvgRead;

static void
svg_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  SvgRead *read = user_data;

  if (g_str_equal (element, "text"))
    {
      double point[2] = { -1, -1 };

      for (guint i = 0; names[i] != NULL; i++)
        if (g_str_equal (names[i], "x"))
          point[0] = g_ascii_strtod (values[i], NULL);
        else if (g_str_equal (names[i], "y"))
          point[1] = g_ascii_strtod (values[i], NULL);
      g_array_append_vals (read->points, point, 2);
      g_ptr_array_add (read->texts, g_strdup (""));
      read->in_text = TRUE;
    }
  else if (g_str_equal (element, "title"))
    read->in_title = TRUE;
  else if (g_str_equal (element, "g"))
    for (guint i = 0; names[i] != NULL; i++)
      if (g_str_equal (names[i], "xml:lang"))
        {
          g_free (read->lang);
          read->lang = g_strdup (values[i]);
        }
}

static void
svg_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              user_data,
         GError              **error)
{
  SvgRead *read = user_data;

  read->in_text = FALSE;
  read->in_title = FALSE;
}

static void
svg_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 length,
          gpointer              user_data,
          GError              **error)
{
  SvgRead *read = user_data;

  if (read->in_text)
    {
      char **last = (char **)&g_ptr_array_index (read->texts, read->texts->len - 1);
      g_autofree char *part = g_strndup (text, length);
      char *joined = g_strconcat (*last, part, NULL);

      g_free (*last);
      *last = joined;
    }
  else if (read->in_title)
    {
      g_free (read->title);
      read->title = g_strndup (text, length);
    }
}

static void
svg_read (const char *path,
          SvgRead    *read)
{
  static const GMarkupParser parser = { svg_start, svg_end, svg_text, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  /* No character XML 1.0 refuses, not even as a reference. */
  g_assert_null (strstr (contents, "&#x1;"));
  for (gsize i = 0; i < length; i++)
    g_assert_true ((guchar)contents[i] >= 0x20 || contents[i] == '\n' || contents[i] == '\t' || contents[i] == '\r');

  read->texts = g_ptr_array_new_with_free_func (g_free);
  read->points = g_array_new (FALSE, FALSE, sizeof (double));
  context = g_markup_parse_context_new (&parser, 0, read, NULL);
  g_markup_parse_context_parse (context, contents, (gssize)length, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

static void
svg_read_clear (SvgRead *read)
{
  g_clear_pointer (&read->texts, g_ptr_array_unref);
  g_clear_pointer (&read->points, g_array_unref);
  g_clear_pointer (&read->lang, g_free);
  g_clear_pointer (&read->title, g_free);
}

/* The <text> that holds @part, or -1. */
static int
svg_find (const SvgRead *read,
          const char    *part)
{
  for (guint i = 0; i < read->texts->len; i++)
    if (strstr (g_ptr_array_index (read->texts, i), part) != NULL)
      return (int)i;
  return -1;
}

/* Every <text> starts inside the box of a label the layout recorded: the
 * SVG's texts are placed by the drawing's own layout, not a copy of it. */
static void
assert_svg_on_layout (const SvgRead       *read,
                      const KlChartLayout *layout)
{
  for (guint i = 0; i < read->texts->len; i++)
    {
      double x = g_array_index (read->points, double, 2 * i);
      double y = g_array_index (read->points, double, 2 * i + 1);
      gboolean inside = FALSE;

      for (guint j = 0; j < layout->n_labels && !inside; j++)
        {
          const cairo_rectangle_t *r = &layout->labels[j];

          inside = x >= r->x - 1 && x <= r->x + r->width + 1 && y >= r->y && y <= r->y + r->height + 1;
        }
      if (!inside)
        g_error ("“%s” at %g, %g is in no label of the layout",
                 (const char *)g_ptr_array_index (read->texts, i), x, y);
    }
}

static void
test_svg_text (gconstpointer data)
{
  const Language *language = data;
  g_autoptr(KlFunnel) funnel = sample_funnel ();
  g_autoptr(KlForecast) forecast = sample_forecast (2);
  g_autofree char *dir = kl_test_make_dir ("chart-svg");
  g_autofree char *funnel_svg = g_build_filename (dir, "funnel.svg", NULL);
  g_autofree char *forecast_svg = g_build_filename (dir, "forecast.svg", NULL);
  g_autoptr(GError) error = NULL;
  SvgRead read = { 0 };
  KlChartLayout layout;
  cairo_surface_t *surface;

  /* GLib decides once per process whether g_dngettext() translates, at
   * its first call: each language gets a process of its own. */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      kl_test_remove_dir (dir);
      return;
    }
  if (!use_locale (language->locale))
    {
      g_test_skip ("locale not installed");
      kl_test_remove_dir (dir);
      return;
    }

  /* A reason as typed: markup characters, quotes and a control character. */
  g_free (funnel->stages[KL_FUNNEL_LEAD].top_reasons[0].reason);
  funnel->stages[KL_FUNNEL_LEAD].top_reasons[0].reason = g_strdup ("<b>Cijena & \"rok\"\001</b>");

  g_assert_true (kl_funnel_chart_save (funnel, "Ana & Ivo", funnel_svg, 1920, 1080, &error));
  g_assert_no_error (error);
  svg_read (funnel_svg, &read);
  g_assert_cmpstr (read.lang, ==, g_str_equal (language->tag, "en") ? "en"
                                  : g_str_equal (language->tag, "hr") ? "hr-HR" : "ru-RU");
  g_assert_cmpstr (read.title, ==, _("Sales funnel"));
  for (guint s = 0; s < KL_FUNNEL_N_STAGES; s++)
    g_assert_cmpint (svg_find (&read, kl_funnel_stage_label (s)), >=, 0);
  g_assert_cmpint (svg_find (&read, language->offer), >=, 0);
  g_assert_cmpint (svg_find (&read, language->thousand), >=, 0);
  g_assert_cmpint (svg_find (&read, "Ana & Ivo"), >=, 0);
  g_assert_cmpint (svg_find (&read, "<b>Cijena & \"rok\"</b>"), >=, 0);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1920, 1080);
  {
    cairo_t *cr = cairo_create (surface);

    kl_funnel_chart_draw (cr, 1920, 1080, NULL, funnel, "Ana & Ivo", -1, &layout);
    cairo_destroy (cr);
  }
  cairo_surface_destroy (surface);
  assert_svg_on_layout (&read, &layout);
  svg_read_clear (&read);

  g_assert_true (kl_forecast_chart_save (forecast, forecast_svg, 1600, 900, &error));
  g_assert_no_error (error);
  svg_read (forecast_svg, &read);
  g_assert_cmpstr (read.title, ==, _("Weighted forecast by expected close month"));
  g_assert_cmpint (svg_find (&read, _("Weighted forecast by expected close month")), >=, 0);
  g_assert_cmpint (svg_find (&read, "EUR"), >=, 0);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 900);
  {
    cairo_t *cr = cairo_create (surface);

    kl_forecast_chart_draw (cr, 1600, 900, NULL, forecast, -1, &layout);
    cairo_destroy (cr);
  }
  cairo_surface_destroy (surface);
  assert_svg_on_layout (&read, &layout);
  svg_read_clear (&read);

  setlocale (LC_ALL, "C.UTF-8");
  kl_test_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *path = g_strdup_printf ("/report/funnel-chart/sizes/%s", languages[i].tag);
      g_autofree char *conversion = g_strdup_printf ("/report/conversion-chart/sizes/%s", languages[i].tag);
      g_autofree char *forecast = g_strdup_printf ("/report/forecast-chart/sizes/%s", languages[i].tag);
      g_autofree char *svg = g_strdup_printf ("/report/chart-svg/text/%s", languages[i].tag);

      g_test_add_data_func (path, &languages[i], test_sizes);
      g_test_add_data_func (conversion, &languages[i], test_conversion_sizes);
      g_test_add_data_func (forecast, &languages[i], test_forecast_sizes);
      g_test_add_data_func (svg, &languages[i], test_svg_text);
    }
  g_test_add_func ("/report/forecast-chart/empty", test_forecast_empty);
  g_test_add_func ("/report/forecast-chart/bars", test_forecast_bars);
  g_test_add_func ("/report/funnel-chart/empty", test_empty);
  g_test_add_func ("/report/funnel-chart/highlight", test_highlight);
  g_test_add_func ("/report/funnel-chart/files", test_files);
  g_test_add_func ("/report/chart-file/whole-or-nothing", test_save_whole);

  return g_test_run ();
}
