/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kl-chart.h"

G_BEGIN_DECLS

GBytes *kl_chart_svg_render (double           width,
                             double           height,
                             const char      *title,
                             KlChartDrawFunc  draw,
                             gpointer         user_data,
                             GError         **error);

G_END_DECLS
