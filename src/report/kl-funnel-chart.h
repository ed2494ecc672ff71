/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "kl-chart.h"
#include "kl-funnel.h"

G_BEGIN_DECLS

/* The sales funnel as a picture: one drawing for the window, the command
 * line (PNG, PDF, SVG), the XLSX export and the tests.
 *
 * Bands, one per stage from Lead to Won, as wide as the deals that reached
 * the stage (proportional to the cohort's); beside each its numbers: deals,
 * conversion from the previous stage and from Lead, value per currency,
 * days in the stage, deals lost there and why. The bottleneck is marked.
 * Text shrinks with the picture and drops its least useful lines rather
 * than overlap or leave the picture; an empty period says so. Numbers and
 * dates are written as the current locale writes them. */

void kl_funnel_chart_draw     (cairo_t            *cr,
                               double              width,
                               double              height,
                               const KlChartStyle *style,
                               const KlFunnel     *funnel,
                               const char         *caption,
                               int                 highlight,
                               KlChartLayout      *layout);
int  kl_funnel_chart_stage_at (const KlChartLayout *layout,
                               double               y);
char *kl_funnel_chart_describe_stage (const KlFunnel *funnel,
                                      KlFunnelStageId stage);

gboolean kl_funnel_chart_save (const KlFunnel *funnel,
                               const char     *caption,
                               const char     *path,
                               int             width,
                               int             height,
                               GError        **error);
gboolean kl_funnel_chart_format_known (const char *path);

G_END_DECLS
