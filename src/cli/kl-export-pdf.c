/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-export-pdf.h"

#include <string.h>

#include "kl-document-pdf.h"
#include "kl-render.h"

static void
say (const char *message)
{
  g_printerr ("klijentela: %s\n", message);
}

/* "offer:PON-2026-0001" → the kind and the number. */
static gboolean
parse_spec (const char      *spec,
            KlDocumentKind  *kind,
            const char     **number)
{
  if (g_str_has_prefix (spec, "offer:"))
    {
      *kind = KL_DOCUMENT_OFFER;
      *number = spec + strlen ("offer:");
    }
  else if (g_str_has_prefix (spec, "contract:"))
    {
      *kind = KL_DOCUMENT_CONTRACT;
      *number = spec + strlen ("contract:");
    }
  else
    return FALSE;

  return **number != '\0';
}

/**
 * kl_export_pdf_check_options:
 *
 * Checks --export-pdf's options before any database is opened and
 * switches the language --lang asks for; FALSE with a message.
 */
gboolean
kl_export_pdf_check_options (const KlCliOptions *options)
{
  KlDocumentKind kind;
  const char *number;

  if (!parse_spec (options->export_pdf, &kind, &number))
    {
      say (_("--export-pdf takes offer:NUMBER or contract:NUMBER, then the PDF file to write."));
      return FALSE;
    }
  if (options->export_pdf_out == NULL || !g_str_has_suffix (options->export_pdf_out, ".pdf"))
    {
      say (_("--export-pdf writes a PDF: give a file name ending in .pdf after the document."));
      return FALSE;
    }
  if (options->lang != NULL && !kl_render_switch_language (options->lang))
    {
      say (_("--lang takes hr, ru or en."));
      return FALSE;
    }
  return TRUE;
}

int
kl_export_pdf (KlSession          *session,
               const KlCliOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) document = NULL;
  KlDocumentKind kind = KL_DOCUMENT_OFFER;
  const char *number = NULL;

  if (!kl_export_pdf_check_options (options) || !parse_spec (options->export_pdf, &kind, &number))
    return KL_EXPORT_PDF_INVALID;

  document = kl_document_load (session, kind, number, &error);
  if (document == NULL)
    {
      say (error->message);
      return g_error_matches (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_NOT_FOUND)
             ? KL_EXPORT_PDF_INVALID : KL_EXPORT_PDF_FAILED;
    }
  if (!kl_document_write_pdf (document, options->export_pdf_out, &error))
    {
      say (error->message);
      return KL_EXPORT_PDF_FAILED;
    }
  return KL_EXPORT_PDF_OK;
}
