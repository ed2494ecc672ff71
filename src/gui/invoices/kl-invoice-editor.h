/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-editor.h"

G_BEGIN_DECLS

#define KL_TYPE_INVOICE_EDITOR (kl_invoice_editor_get_type ())
G_DECLARE_FINAL_TYPE (KlInvoiceEditor, kl_invoice_editor, KL, INVOICE_EDITOR, KlEditor)

KlInvoiceEditor *kl_invoice_editor_new        (KlSession       *session,
                                               gint64           client_id,
                                               KlInvoice       *invoice);
/* The credit-check dialog while it asks, else NULL (for tests). */

G_END_DECLS
