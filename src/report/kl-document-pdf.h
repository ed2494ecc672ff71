/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "kl-company.h"
#include "kl-session.h"

G_BEGIN_DECLS

/* Offers and contracts on A4 paper: the own company and the client with
 * their OIB or INN, the lines (an offer's with the breakdown of each
 * price), totals with VAT per rate, terms, signature blocks and page
 * numbers, in the language the program runs in. Drawn with Cairo and
 * Pango only, so the command line, the print dialog and the tests share
 * it. */

/* A4 in points */
#define KL_DOCUMENT_PAGE_WIDTH 595.276
#define KL_DOCUMENT_PAGE_HEIGHT 841.89

typedef struct _KlDocument KlDocument;

KlDocument *kl_document_load      (KlSession       *session,
                                   KlDocumentKind   kind,
                                   const char      *number,
                                   GError         **error);
void        kl_document_free      (KlDocument      *document);
const char *kl_document_get_title (KlDocument      *document);
int         kl_document_count_pages (KlDocument    *document,
                                     cairo_t       *cr);
void        kl_document_draw_page (KlDocument      *document,
                                   cairo_t         *cr,
                                   int              page);
gboolean    kl_document_write_pdf (KlDocument      *document,
                                   const char      *path,
                                   GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlDocument, kl_document_free)

G_END_DECLS
