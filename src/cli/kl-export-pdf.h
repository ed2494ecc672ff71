/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-cli.h"
#include "kl-session.h"

G_BEGIN_DECLS

/* --export-pdf offer:NUMBER|contract:NUMBER OUT.pdf [--lang hr|ru|en]:
 * an offer or a contract as an A4 PDF, no display. */

/* Exit statuses */
enum {
  KL_EXPORT_PDF_OK = 0,
  KL_EXPORT_PDF_INVALID = 1,    /* nothing written: an option or a number that does not exist */
  KL_EXPORT_PDF_FAILED = 2,     /* nothing written: the database or the file failed */
};

gboolean kl_export_pdf_check_options (const KlCliOptions *options);
int      kl_export_pdf               (KlSession          *session,
                                      const KlCliOptions *options);

G_END_DECLS
