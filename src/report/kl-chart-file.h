/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kl-chart.h"

G_BEGIN_DECLS

/* A chart saved as a picture: PNG, PDF (text stays text) or SVG (text as
 * <text>, kl-chart-svg.c), the format by the file name's ending. */

gboolean kl_chart_format_known (const char      *path);
gboolean kl_chart_save         (const char      *path,
                                int              width,
                                int              height,
                                const char      *title,
                                KlChartDrawFunc  draw,
                                gpointer         user_data,
                                GError         **error);

G_END_DECLS
