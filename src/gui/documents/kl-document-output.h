/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-company.h"
#include "kl-session.h"

G_BEGIN_DECLS

/* An offer or a contract on paper from a window: "Save as PDF…" asks for
 * a file and writes kl_document_write_pdf()'s pages; "Print…" runs the GTK
 * print dialog over the same Cairo pages (kl_document_draw_page()). The
 * document is read when asked, so it shows what is saved. Errors and the
 * finished file are told in @toasts. */

void kl_document_save_pdf (GtkWindow       *parent,
                           KlSession       *session,
                           KlDocumentKind   kind,
                           const char      *number,
                           AdwToastOverlay *toasts);
void kl_document_print    (GtkWindow       *parent,
                           KlSession       *session,
                           KlDocumentKind   kind,
                           const char      *number,
                           AdwToastOverlay *toasts);

/* The same for the row selected in a list section's @view (a
 * GtkSingleSelection of entities with a "number"): saves it as PDF, or
 * prints it when @print; with no row selected says so in @toasts. */
void kl_document_output_selected (GtkWidget       *page,
                                  GtkColumnView   *view,
                                  KlSession       *session,
                                  KlDocumentKind   kind,
                                  gboolean         print,
                                  AdwToastOverlay *toasts);

G_END_DECLS
