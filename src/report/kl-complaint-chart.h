/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "kl-chart.h"
#include "kl-complaint-stats.h"

G_BEGIN_DECLS

/* The complaints received per month as stacked bars, one colour per
 * category named in a legend, each month's total above its bar; an empty
 * period draws a clear empty state. Areas: one per month, first month
 * first (at most KL_CHART_MAX_AREAS: a longer period shows its last
 * months). */

void  kl_complaint_chart_draw           (cairo_t                *cr,
                                         double                  width,
                                         double                  height,
                                         const KlChartStyle     *style,
                                         const KlComplaintStats *stats,
                                         int                     highlight,
                                         KlChartLayout          *layout);
/* The first month drawn (the chart shows at most KL_CHART_MAX_AREAS). */
guint kl_complaint_chart_first_month    (const KlComplaintStats *stats);
char *kl_complaint_chart_describe_month (const KlComplaintStats *stats,
                                         guint                   month);
char *kl_complaint_chart_describe       (const KlComplaintStats *stats);

G_END_DECLS
