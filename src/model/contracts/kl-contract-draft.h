/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-entities.h"
#include "kl-session.h"

G_BEGIN_DECLS

/* New contracts, not yet saved: an editor opens them, or a caller inserts
 * them through the contract store. Each is numbered from the own
 * company's contract pattern (the next free number of the year), starts
 * today and takes the office's currency and the company's default VAT
 * rate, unless what it is drawn from says otherwise. */

KlContract *kl_contract_new_draft        (KlSession  *session,
                                          gint64      client_id,
                                          GError    **error);
KlContract *kl_contract_draft_from_deal  (KlSession  *session,
                                          gint64      deal_id,
                                          GError    **error);
KlContract *kl_contract_draft_from_offer (KlSession  *session,
                                          gint64      offer_id,
                                          GError    **error);

G_END_DECLS
