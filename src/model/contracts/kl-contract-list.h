/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-query-list.h"

G_BEGIN_DECLS

/* The Contracts section's lazy list (KlQueryList): filters "search"
 * (number, title, client), "status", "client", "manager" (-1: none) and
 * "expiring" (in force and ending within that many days from today),
 * "renewal" (in force, not renewed, and its end or its notice day
 * within that many days);
 * sorts "end", "number", "client", "title", "status", "amount",
 * "manager", "days-left". Each contract carries its client's and
 * manager's names and its days to expiry (computed fields). */

const KlQueryDef *kl_contract_list_def (void);
KlQueryList      *kl_contract_list_new (KlSession *session);

G_END_DECLS
