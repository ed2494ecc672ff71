/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

/* The families every drawn text asks for, in order: GNOME's own, then what a
 * fresh Debian 12 has (fonts-dejavu-core), then whatever fontconfig offers. */
#define KL_REPORT_FONT_FAMILIES "Cantarell, DejaVu Sans, sans-serif"

PangoLayout *kl_report_text_layout (cairo_t    *cr,
                                    double      size_pt,
                                    PangoWeight weight,
                                    const char *text);
void         kl_report_text_size   (PangoLayout *layout,
                                    double      *width,
                                    double      *height);

G_END_DECLS
