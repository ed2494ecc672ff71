/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-chart-svg.h"

#include <cairo-svg.h>
#include <locale.h>
#include <string.h>

#include "kl-chart-private.h"
#include "kl-report-text.h"

/* cairo 1.16's SVG surface writes every glyph as an outline (a <symbol>
 * per glyph, a <use> per character): the picture looks right, but no
 * word of it can be found, selected or read out. So a chart is drawn for
 * SVG in two parts from the one drawing function: cairo's surface gets
 * the shapes, and each text the chart would have drawn is written as
 * <text> elements, a line each, where Pango put that line
 * (_kl_chart_svg_add_layout(), called by the chart's text helpers instead
 * of drawing the glyphs). The two are joined in one document. */

struct _KlChartSvg {
  GString *texts;               /* the <text> elements */
};

static const cairo_user_data_key_t svg_key;

/* The recorder of @cr's texts, when it is drawn for SVG. */
KlChartSvg *
_kl_chart_svg_get (cairo_t *cr)
{
  return cairo_get_user_data (cr, &svg_key);
}

/* @text as XML character data or an attribute value: markup characters
 * as entities, and the characters XML 1.0 does not allow at all (C0
 * controls but tab and line ends, lone surrogates cannot occur in valid
 * UTF-8) left out — g_markup_escape_text() writes them as character
 * references, which XML 1.0 refuses. */
static void
append_escaped (GString    *out,
                const char *text,
                gssize      length)
{
  g_autofree char *valid = g_utf8_make_valid (text, length);

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\'':
          g_string_append (out, "&apos;");
          break;
        default:
          if ((c < 0x20 && c != '\t') || c == 0xfffe || c == 0xffff)
            break;
          g_string_append_len (out, p, g_utf8_next_char (p) - p);
          break;
        }
    }
}

static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Hundredths of a unit are finer than any screen or printer. */
  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
}

/* The text a line of @layout shows: its part of the layout's text, and
 * an ellipsis where Pango put one instead of what did not fit. */
static char *
line_text (PangoLayout     *layout,
           PangoLayoutLine *line)
{
  const char *text = pango_layout_get_text (layout);
  GString *shown;

  if (!pango_layout_is_ellipsized (layout))
    return g_strndup (text + line->start_index, (gsize)line->length);

  /* Runs are in visual order; an ellipsized chart label is one line of a
   * left-to-right language, where that is the logical order too. */
  shown = g_string_new (NULL);
  for (GSList *l = line->runs; l != NULL; l = l->next)
    {
      const PangoGlyphItem *run = l->data;

      if (run->item->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS)
        g_string_append (shown, "…");
      else
        g_string_append_len (shown, text + run->item->offset, run->item->length);
    }

  return g_string_free (shown, FALSE);
}

/**
 * _kl_chart_svg_add_layout:
 * @svg: the recorder
 * @cr: the context the chart draws on (its matrix places the text)
 * @layout: a laid out text of the chart
 * @x: its top left, in @cr's user units
 * @y: likewise
 * @color: its colour
 *
 * Writes each line of @layout as a <text> at the baseline Pango gave it.
 */
void
_kl_chart_svg_add_layout (KlChartSvg  *svg,
                          cairo_t     *cr,
                          PangoLayout *layout,
                          double       x,
                          double       y,
                          const KlRgb *color)
{
  const PangoFontDescription *desc = pango_layout_get_font_description (layout);
  double size = (double)pango_font_description_get_size (desc) / PANGO_SCALE;
  PangoWeight weight = pango_font_description_get_weight (desc);
  g_autoptr(PangoLayoutIter) iter = pango_layout_get_iter (layout);
  cairo_matrix_t matrix;
  char fill[8];

  g_assert (svg != NULL);

  /* The charts draw text unrotated: a scale and a move at most. */
  cairo_get_matrix (cr, &matrix);
  g_snprintf (fill, sizeof fill, "#%02x%02x%02x", (guint)(CLAMP (color->r, 0, 1) * 255 + 0.5),
              (guint)(CLAMP (color->g, 0, 1) * 255 + 0.5), (guint)(CLAMP (color->b, 0, 1) * 255 + 0.5));

  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      g_autofree char *text = line_text (layout, line);
      PangoRectangle logical;
      double lx, ly, length;

      if (text[0] == '\0')
        continue;
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      lx = x + (double)logical.x / PANGO_SCALE;
      ly = y + (double)pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      length = (double)logical.width / PANGO_SCALE;
      cairo_matrix_transform_point (&matrix, &lx, &ly);

      g_string_append (svg->texts, "<text x=\"");
      append_number (svg->texts, lx);
      g_string_append (svg->texts, "\" y=\"");
      append_number (svg->texts, ly);
      g_string_append (svg->texts, "\" font-size=\"");
      append_number (svg->texts, size * matrix.yy);
      g_string_append_printf (svg->texts, "\" font-weight=\"%d\" fill=\"%s\"", (int)weight, fill);
      /* The width Pango measured, so that a viewer with other fonts keeps
       * the label where the layout put it. */
      g_string_append (svg->texts, " textLength=\"");
      append_number (svg->texts, length * matrix.xx);
      g_string_append (svg->texts, "\" lengthAdjust=\"spacingAndGlyphs\">");
      append_escaped (svg->texts, text, -1);
      g_string_append (svg->texts, "</text>\n");
    }
  while (pango_layout_iter_next_line (iter));
}

/* The language of the messages, as xml:lang writes it ("hr-HR"): what
 * gettext translates into (LANGUAGE counts only outside the C locale),
 * English, the source language, under C. */
static char *
message_language (void)
{
  const char *locale = setlocale (LC_MESSAGES, NULL);
  const char *language = g_getenv ("LANGUAGE");
  g_autofree char *tag = NULL;

  if (locale == NULL || g_str_equal (locale, "C") || g_str_equal (locale, "POSIX") ||
      g_str_has_prefix (locale, "C."))
    return g_strdup ("en");
  tag = g_strdup (language != NULL && language[0] != '\0' ? language : locale);
  tag[strcspn (tag, ":.@")] = '\0';
  g_strdelimit (tag, "_", '-');

  return tag[0] != '\0' ? g_steal_pointer (&tag) : g_strdup ("en");
}

static cairo_status_t
append_to_string (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_string_append_len (closure, (const char *)data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * kl_chart_svg_render:
 * @width: the picture's width, in points
 * @height: its height
 * @title: (nullable): the document's title
 * @draw: draws the chart over (0, 0, @width, @height)
 * @user_data: for @draw
 * @error: return location for a #GError
 *
 * Draws a chart as an SVG document whose words are <text> elements in
 * the current language (`xml:lang`), at the places the chart's layout
 * gave them.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
GBytes *
kl_chart_svg_render (double           width,
                     double           height,
                     const char      *title,
                     KlChartDrawFunc  draw,
                     gpointer         user_data,
                     GError         **error)
{
  g_autoptr(GString) shapes = g_string_new (NULL);
  KlChartSvg svg = { g_string_new (NULL) };
  GString *document;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  const char *open_end, *close;

  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (draw != NULL, NULL);

  surface = cairo_svg_surface_create_for_stream (append_to_string, shapes, width, height);
  cr = cairo_create (surface);
  cairo_set_user_data (cr, &svg_key, &svg, NULL);
  draw (cr, width, height, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  open_end = status == CAIRO_STATUS_SUCCESS ? strstr (shapes->str, "<svg") : NULL;
  open_end = open_end != NULL ? strchr (open_end, '>') : NULL;
  close = open_end != NULL ? g_strrstr (open_end, "</svg>") : NULL;
  if (close == NULL)
    {
      g_string_free (svg.texts, TRUE);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                   status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status)
                                                  : _("The drawing could not be made into SVG."));
      return NULL;
    }

  /* cairo's document with a title after its start tag and the texts,
   * above the shapes, before its end tag. */
  document = g_string_sized_new (shapes->len + svg.texts->len + 256);
  g_string_append_len (document, shapes->str, open_end + 1 - shapes->str);
  if (title != NULL && title[0] != '\0')
    {
      g_string_append (document, "\n<title>");
      append_escaped (document, title, -1);
      g_string_append (document, "</title>");
    }
  g_string_append_len (document, open_end + 1, close - (open_end + 1));
  g_string_append (document, "<g font-family=\"" KL_REPORT_FONT_FAMILIES "\" xml:lang=\"");
  {
    g_autofree char *language = message_language ();

    append_escaped (document, language, -1);
  }
  g_string_append (document, "\">\n");
  g_string_append_len (document, svg.texts->str, svg.texts->len);
  g_string_append (document, "</g>\n");
  g_string_append (document, close);
  g_string_free (svg.texts, TRUE);

  return g_string_free_to_bytes (document);
}
