/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-chart-file.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "kl-chart-svg.h"

typedef enum {
  FORMAT_NONE,
  FORMAT_PNG,
  FORMAT_PDF,
  FORMAT_SVG,
} Format;

static Format
format_of (const char *path)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".png"))
    return FORMAT_PNG;
  if (g_str_has_suffix (lower, ".pdf"))
    return FORMAT_PDF;
  if (g_str_has_suffix (lower, ".svg"))
    return FORMAT_SVG;
  return FORMAT_NONE;
}

/* Whether kl_chart_save() knows the format of @path (.png, .pdf, .svg, in
 * any case). */
gboolean
kl_chart_format_known (const char *path)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return format_of (path) != FORMAT_NONE;
}

static gboolean
write_svg (const char       *path,
           int               width,
           int               height,
           const char       *title,
           KlChartDrawFunc   draw,
           gpointer          user_data,
           GError          **error)
{
  g_autoptr(GBytes) document = kl_chart_svg_render (width, height, title, draw, user_data, error);
  gsize size;
  const char *data;

  if (document == NULL)
    return FALSE;
  data = g_bytes_get_data (document, &size);
  return g_file_set_contents (path, data, (gssize)size, error);
}

static cairo_status_t
write_cairo (const char      *path,
             Format           format,
             int              width,
             int              height,
             const char      *title,
             KlChartDrawFunc  draw,
             gpointer         user_data)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  if (format == FORMAT_PDF)
    {
      surface = cairo_pdf_surface_create (path, width, height);
      if (title != NULL)
        cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Klijentela " PACKAGE_VERSION);
    }
  else
    surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  cr = cairo_create (surface);
  draw (cr, width, height, user_data);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == FORMAT_PNG)
    status = cairo_surface_write_to_png (surface, path);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return status;
}

/**
 * kl_chart_save:
 * @path: a file name ending in .png, .pdf or .svg, which decides the format
 * @width: the picture's width: pixels (PNG) or points (PDF, SVG)
 * @height: its height
 * @title: (nullable): the document's title (PDF metadata, SVG <title>)
 * @draw: draws the chart
 * @user_data: for @draw
 * @error: return location for a #GError
 *
 * Saves a chart to @path: written beside it and renamed when whole, so a
 * failure leaves no half-written file. Text stays text in PDF and SVG.
 *
 * Returns: whether it was saved (%G_IO_ERROR otherwise, with a translated
 *   message)
 */
gboolean
kl_chart_save (const char       *path,
               int               width,
               int               height,
               const char       *title,
               KlChartDrawFunc   draw,
               gpointer          user_data,
               GError          **error)
{
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp = NULL;
  g_autoptr(GError) local_error = NULL;
  Format format;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0, FALSE);
  g_return_val_if_fail (draw != NULL, FALSE);

  name = g_filename_display_name (path);
  format = format_of (path);
  if (format == FORMAT_NONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   /* Translators: %s is a file name */
                   _("“%s” is not a picture file Klijentela can write: give it the ending .png, .pdf or .svg."),
                   name);
      return FALSE;
    }

  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  {
    g_autofree char *pattern = g_strdup_printf (".%s.XXXXXX", base);

    tmp = g_build_filename (dir, pattern, NULL);
  }
  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   /* Translators: %1$s is a file name, %2$s why it failed */
                   _("Cannot write “%1$s”: %2$s."), name, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  g_chmod (tmp, 0644);

  if (format == FORMAT_SVG)
    {
      if (!write_svg (tmp, width, height, title, draw, user_data, &local_error))
        {
          g_remove (tmp);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("Cannot write “%1$s”: %2$s."), name, local_error->message);
          return FALSE;
        }
    }
  else
    {
      cairo_status_t status = write_cairo (tmp, format, width, height, title, draw, user_data);

      if (status != CAIRO_STATUS_SUCCESS)
        {
          g_remove (tmp);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("Cannot write “%1$s”: %2$s."), name, cairo_status_to_string (status));
          return FALSE;
        }
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_remove (tmp);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write “%1$s”: %2$s."), name, g_strerror (saved));
      return FALSE;
    }

  return TRUE;
}
