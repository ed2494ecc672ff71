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
#include "kl-part-file.h"

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

/* Where the surfaces write: the locked temporary file. */
typedef struct {
  int fd;
  int error;                    /* errno of the first failed write */
} Output;

static gboolean
write_all (Output     *out,
           const char *data,
           gsize       size)
{
  while (size > 0 && out->error == 0)
    {
      gssize n = write (out->fd, data, size);

      if (n < 0)
        {
          if (errno != EINTR)
            out->error = errno;
          continue;
        }
      data += n;
      size -= (gsize)n;
    }

  return out->error == 0;
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  return write_all (closure, (const char *)data, length) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static gboolean
write_svg (Output           *out,
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
  if (!write_all (out, data, size))
    {
      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (out->error), g_strerror (out->error));
      return FALSE;
    }

  return TRUE;
}

static cairo_status_t
write_cairo (Output          *out,
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
      surface = cairo_pdf_surface_create_for_stream (write_cb, out, width, height);
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
    status = cairo_surface_write_to_png_stream (surface, write_cb, out);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return status;
}

/* "Cannot write “NAME”: REASON." */
static void
set_write_error (GError     **error,
                 int          code,
                 const char  *name,
                 const char  *reason)
{
  g_set_error (error, G_IO_ERROR, code,
               /* Translators: %1$s is a file name, %2$s why it failed */
               _("Cannot write “%1$s”: %2$s."), name, reason);
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
 * Saves a chart to @path: written into a temporary file beside it, locked
 * while written, and renamed when whole (kl_part_file_create_beside()), so
 * a failure leaves no half-written file and the one it would replace
 * stays as it was; one a killed process left is removed the next time.
 * Text stays text in PDF and SVG.
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
  g_autofree char *part = NULL;
  g_autoptr(GError) local_error = NULL;
  Output out = { -1, 0 };
  gboolean ok;
  Format format;

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

  out.fd = kl_part_file_create_beside (path, &part);
  if (out.fd < 0)
    {
      int saved = errno;

      set_write_error (error, g_io_error_from_errno (saved), name, g_strerror (saved));
      return FALSE;
    }

  if (format == FORMAT_SVG)
    {
      ok = write_svg (&out, width, height, title, draw, user_data, &local_error);
      if (!ok)
        set_write_error (error, G_IO_ERROR_FAILED, name, local_error->message);
    }
  else
    {
      cairo_status_t status = write_cairo (&out, format, width, height, title, draw, user_data);

      ok = status == CAIRO_STATUS_SUCCESS;
      if (!ok)
        set_write_error (error, out.error != 0 ? g_io_error_from_errno (out.error) : G_IO_ERROR_FAILED, name,
                         out.error != 0 ? g_strerror (out.error) : cairo_status_to_string (status));
    }
  if (ok && !kl_part_file_commit (out.fd, part, path))
    {
      int saved = errno;

      set_write_error (error, g_io_error_from_errno (saved), name, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (part);
  kl_part_file_close (out.fd);

  return ok;
}
