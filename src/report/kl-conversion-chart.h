/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "kl-chart.h"
#include "kl-funnel.h"

G_BEGIN_DECLS

/* Is the team getting better? For each of a funnel's twelve cohort months
 * (KlFunnel.months), the share of its deals that were won (a line on the
 * left axis) and the median sales cycle of those won (a dashed line on the
 * right axis). Areas: one per month, oldest first. */

void kl_conversion_chart_draw (cairo_t            *cr,
                               double              width,
                               double              height,
                               const KlChartStyle *style,
                               const KlFunnel     *funnel,
                               KlChartLayout      *layout);

G_END_DECLS
