/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-query-list.h"

G_BEGIN_DECLS

/*
 * The deals as a KlQueryList (kl-query-list.h). Items are KlDeal with
 * their computed fields client_name, manager_name, days_in_stage (whole
 * days since the last stage change; 0 for won and lost deals) and
 * next_activity_overdue (a planned activity of the deal's is due before
 * today).
 *
 * Filters (their names are also their SQL parameters): "search" (title or client, as typed), "stage" (a stored stage),
 * "state" ("open", "won" or "lost"), "manager" (an id, or
 * KL_DEAL_LIST_NO_MANAGER), "client" (an id), "close_month" ("YYYY-MM" of
 * the expected close).
 *
 * Sorts: "expected-close" (the default), "client", "title", "amount",
 * "stage" (funnel order, Lost last), "probability", "manager",
 * "days-in-stage", "created", "stage-entered" (the time of its last stage
 * change).
 */

#define KL_DEAL_LIST_NO_MANAGER ((gint64) -1)

/* The probability (%) a deal in @stage is given by default: Lead 10,
 * Contacted 20, Needs identified 30, Offer sent 50, Negotiation 70, Won
 * 100, Lost 0; -1 for no stage. */
int               kl_deal_stage_probability (const char *stage);

const KlQueryDef *kl_deal_list_def (void);
KlQueryList      *kl_deal_list_new (KlSession *session);

G_END_DECLS
