/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-card-group.h"

G_BEGIN_DECLS

/* Today lists the contracts ending, or at the end of their notice period,
 * within this many days. */
#define KL_RENEWAL_DAYS 30

void kl_contract_groups_attach_client (KlCardGroup *group,
                                 KlSession   *session,
                                 gint64       client_id);

void kl_contract_groups_attach_renewals (KlCardGroup *group,
                                         KlSession   *session);

G_END_DECLS
