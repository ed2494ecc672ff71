/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-query-list.h"

G_BEGIN_DECLS

/*
 * The offers as a KlQueryList. Items are KlOffer with their computed
 * fields client_name, manager_name and line_count.
 *
 * Filters: "search" (number or client, as typed), "status", "client" (an
 * id), "deal" (an id), "manager" (an id, or KL_OFFER_LIST_NO_MANAGER),
 * "validity" ("valid": valid today or undated; "soon": its last valid day
 * within the next 7 days; "past": past its validity date).
 *
 * Sorts: "issued" (the default), "number", "client", "manager",
 * "valid-until", "status" (workflow order), "lines".
 */

#define KL_OFFER_LIST_NO_MANAGER ((gint64) -1)

const KlQueryDef *kl_offer_list_def (void);
KlQueryList      *kl_offer_list_new (KlSession *session);

G_END_DECLS
