/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include "kl-report-text.h"

/**
 * kl_report_text_layout:
 * @cr: where the text will be drawn (its target decides the font metrics)
 * @size_pt: the font size, in points of @cr's user space
 * @weight: the font weight
 * @text: (nullable): UTF-8 text, or %NULL for an empty layout
 *
 * Every text a report draws goes through PangoCairo, so Croatian and
 * Cyrillic are shaped and can be measured before they are placed.
 *
 * Returns: (transfer full): a layout in the report's font families
 */
PangoLayout *
kl_report_text_layout (cairo_t    *cr,
                       double      size_pt,
                       PangoWeight weight,
                       const char *text)
{
  PangoLayout *layout;
  PangoFontDescription *desc;

  g_return_val_if_fail (cr != NULL, NULL);
  g_return_val_if_fail (size_pt > 0, NULL);

  layout = pango_cairo_create_layout (cr);
  desc = pango_font_description_from_string (KL_REPORT_FONT_FAMILIES);
  pango_font_description_set_absolute_size (desc, size_pt * PANGO_SCALE);
  pango_font_description_set_weight (desc, weight);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

/**
 * kl_report_text_size:
 * @layout: a layout
 * @width: (out) (optional): its logical width in user units
 * @height: (out) (optional): its logical height in user units
 */
void
kl_report_text_size (PangoLayout *layout,
                     double      *width,
                     double      *height)
{
  PangoRectangle logical;

  g_return_if_fail (PANGO_IS_LAYOUT (layout));

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = (double) logical.width / PANGO_SCALE;
  if (height != NULL)
    *height = (double) logical.height / PANGO_SCALE;
}
