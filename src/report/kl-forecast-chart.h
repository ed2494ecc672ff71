/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "kl-chart.h"
#include "kl-forecast.h"

G_BEGIN_DECLS

/* The forecast as a picture: for each currency a row of twelve bars, the
 * weighted value expected to close each month, on an axis of its own
 * (currencies are never drawn on one scale). Text shrinks with the
 * picture; currencies that do not fit are named as left out; no deals
 * draws a clear empty state. Areas: one per month, first month first,
 * spanning every row. */

void  kl_forecast_chart_draw           (cairo_t            *cr,
                                        double              width,
                                        double              height,
                                        const KlChartStyle *style,
                                        const KlForecast   *forecast,
                                        int                 highlight,
                                        KlChartLayout      *layout);
char *kl_forecast_chart_describe_month (const KlForecast   *forecast,
                                        guint               month);
char *kl_forecast_chart_describe       (const KlForecast   *forecast);
gboolean kl_forecast_chart_save        (const KlForecast   *forecast,
                                        const char         *path,
                                        int                 width,
                                        int                 height,
                                        GError            **error);

G_END_DECLS
