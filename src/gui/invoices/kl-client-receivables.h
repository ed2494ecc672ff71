/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-session.h"

G_BEGIN_DECLS

#define KL_TYPE_CLIENT_RECEIVABLES (kl_client_receivables_get_type ())
G_DECLARE_FINAL_TYPE (KlClientReceivables, kl_client_receivables, KL, CLIENT_RECEIVABLES, AdwBin)

void        kl_client_receivables_set_client      (KlClientReceivables *self,
                                                   KlSession           *session,
                                                   gint64               client_id);
void        kl_client_receivables_reload          (KlClientReceivables *self);
/* The balance as shown, for tests. */
const char *kl_client_receivables_get_balance_text (KlClientReceivables *self);

G_END_DECLS
