/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-session.h"

G_BEGIN_DECLS

/* The contract's status workflow: draft → sent → signed → active →
 * expired or terminated. Only these steps are allowed; each is written
 * through the contract store, so the audit trail records it (old and new
 * status). Signing a contract with no signing date dates it today. */

const char * const *kl_contract_next_statuses  (const char  *status);
gboolean            kl_contract_status_allowed (const char  *from,
                                                const char  *to);
gboolean            kl_contract_change_status  (KlSession   *session,
                                                gint64       contract_id,
                                                const char  *status,
                                                GError     **error);

G_END_DECLS
