/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-query-list.h"

G_BEGIN_DECLS

/*
 * The complaints as a KlQueryList (kl-query-list.h). Items are
 * KlComplaint with their computed fields client_name, contract_number,
 * product_name and days_open (whole days since received while open, 0
 * once resolved or rejected).
 *
 * Filters (their names are also their SQL parameters): "search"
 * (description, resolution or client, as typed), "status" (a stored
 * status), "state" ("open": new or in progress; "closed"), "category",
 * "client" (an id), "old" (open and received more than this many days
 * ago: KL_COMPLAINT_OLD_DAYS for the highlighted ones).
 *
 * Sorts: "received" (the default), "client", "category", "status"
 * (workflow order), "days-open", "resolved".
 */

/* An open complaint older than this many days is set apart. */
#define KL_COMPLAINT_OLD_DAYS 14

const KlQueryDef *kl_complaint_list_def (void);
KlQueryList      *kl_complaint_list_new (KlSession *session);

/* Whether @complaint (an item of the list) is open and older than
 * KL_COMPLAINT_OLD_DAYS. */
gboolean          kl_complaint_is_old   (KlEntity  *complaint);

G_END_DECLS
