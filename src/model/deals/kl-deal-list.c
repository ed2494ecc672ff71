/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-deal-list.h"

#include "kl-funnel-sql.h"
#include "kl-summary-sql.h"

/* Days since the deal entered its stage (its last stage change, kept on
 * the deal by migration 4's triggers; its creation before any): local
 * calendar days, as the times are written in local time, counted from
 * today's local date like every "today" of the model (KL_SQL_TODAY). A
 * move at 23:59 is one day old a minute later. */
#define DAYS_IN_STAGE \
  "(julianday (" KL_SQL_TODAY ") - julianday (date (coalesce (d.funnel_entered_at, d.created_at))))"

static const KlQueryFilter deal_filters[] = {
  { "search", "kl_fold (d.title) LIKE :search ESCAPE '\\' OR c.search_key LIKE :search ESCAPE '\\'",
    KL_QUERY_VALUE_SEARCH },
  { "stage", "d.stage = :stage", KL_QUERY_VALUE_TEXT },
  { "state", "(CASE WHEN d.stage IN ('won', 'lost') THEN d.stage ELSE 'open' END) = :state",
    KL_QUERY_VALUE_TEXT },
  { "manager", "coalesce (d.manager_id, -1) = :manager", KL_QUERY_VALUE_INT },
  { "client", "d.client_id = :client", KL_QUERY_VALUE_INT },
  { "close_month", "substr (d.expected_close, 1, 7) = :close_month", KL_QUERY_VALUE_TEXT },
};

static const KlQuerySort deal_sorts[] = {
  { "expected-close", "d.expected_close" },
  { "client", "c.sort_key" },
  { "title", "kl_sort_key (d.title)" },
  { "amount", "d.amount" },
  { "stage", "coalesce (" KL_SQL_FUNNEL_RANK ("d.stage") ", 6)" },
  { "probability", "d.probability" },
  { "manager", "m.sort_key" },
  { "days-in-stage", "CASE WHEN d.stage IN ('won', 'lost') THEN NULL ELSE " DAYS_IN_STAGE " END" },
  { "created", "d.created_at" },
  /* When it entered its stage (the pipeline board, newest first). */
  { "stage-entered", "d.funnel_entered_at" },
};

const KlQueryDef *
kl_deal_list_def (void)
{
  static KlQueryDef def = {
    .alias = "d",
    .from = "deals d JOIN clients c ON c.id = d.client_id"
            " LEFT JOIN managers m ON m.id = d.manager_id",
    /* Every deal has its client (NOT NULL, a foreign key) and at most one
     * manager: counted without them unless a filter reads them. */
    .count_from = "deals d",
    .computed = "c.name, m.name,"
                " CASE WHEN d.stage IN ('won', 'lost') THEN 0"
                " ELSE CAST (" DAYS_IN_STAGE " AS INTEGER) END,"
                " EXISTS (SELECT 1 FROM activities a WHERE a.client_id = d.client_id"
                "   AND a.status = 'planned' AND a.starts_at < " KL_SQL_TODAY " AND a.deal_id = d.id)",
    .filters = deal_filters,
    .n_filters = G_N_ELEMENTS (deal_filters),
    .sorts = deal_sorts,
    .n_sorts = G_N_ELEMENTS (deal_sorts),
    .total_amount = "d.amount",
    .total_currency = "d.currency",
  };

  static GType watched[3];
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      watched[0] = KL_TYPE_CLIENT;
      watched[1] = KL_TYPE_MANAGER;
      watched[2] = G_TYPE_INVALID;
      def.watch = watched;
      def.item_type = KL_TYPE_DEAL;
      g_once_init_leave (&initialized, 1);
    }

  return &def;
}

KlQueryList *
kl_deal_list_new (KlSession *session)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);

  return kl_query_list_new (session, kl_deal_list_def ());
}

int
kl_deal_stage_probability (const char *stage)
{
  static const int probabilities[] = { 10, 20, 30, 50, 70, 100, 0 };

  for (guint i = 0; kl_deal_stages[i] != NULL && i < G_N_ELEMENTS (probabilities); i++)
    if (g_strcmp0 (kl_deal_stages[i], stage) == 0)
      return probabilities[i];

  return -1;
}
