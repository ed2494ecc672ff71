/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-session.h"

G_BEGIN_DECLS

/* How many of a client's deals the card lists. */
#define KL_CLIENT_DEALS_MAX_ROWS 20

#define KL_TYPE_CLIENT_DEALS (kl_client_deals_get_type ())
G_DECLARE_FINAL_TYPE (KlClientDeals, kl_client_deals, KL, CLIENT_DEALS, AdwBin)

void     kl_client_deals_set_client (KlClientDeals *self,
                                     KlSession     *session,
                                     gint64         client_id);
guint    kl_client_deals_get_n_rows (KlClientDeals *self);

G_END_DECLS
