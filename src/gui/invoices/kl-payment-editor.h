/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-editor.h"

G_BEGIN_DECLS

#define KL_TYPE_PAYMENT_EDITOR (kl_payment_editor_get_type ())
G_DECLARE_FINAL_TYPE (KlPaymentEditor, kl_payment_editor, KL, PAYMENT_EDITOR, KlEditor)

KlPaymentEditor *kl_payment_editor_new (KlSession *session,
                                        gint64     invoice_id,
                                        KlPayment *payment);

G_END_DECLS
