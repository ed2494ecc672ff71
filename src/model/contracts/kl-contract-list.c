/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include "kl-contract-list.h"

#include "kl-entities.h"

/* Whole days from today to the end date (negative once past). */
#define DAYS_LEFT \
  "CAST (julianday (k.end_date) - julianday ('now', 'localtime', 'start of day') AS INTEGER)"

static const KlQueryFilter contract_filters[] = {
  { "search", "kl_fold (k.number) LIKE :search ESCAPE '\\' OR kl_fold (k.title) LIKE :search ESCAPE '\\'"
              " OR c.search_key LIKE :search ESCAPE '\\'",
    KL_QUERY_VALUE_SEARCH },
  { "status", "k.status = :status", KL_QUERY_VALUE_TEXT },
  { "client", "k.client_id = :client", KL_QUERY_VALUE_INT },
  { "manager", "coalesce (k.manager_id, -1) = :manager", KL_QUERY_VALUE_INT },
  { "expiring", "k.status IN ('signed', 'active') AND k.end_date IS NOT NULL"
                " AND " DAYS_LEFT " BETWEEN 0 AND :expiring",
    KL_QUERY_VALUE_INT },
  /* Today's: in force, not renewed yet, and its end or the last day of
   * its notice period within that many days (or the notice day past). */
  { "renewal", "k.status IN ('signed', 'active') AND k.end_date IS NOT NULL"
                   " AND " DAYS_LEFT " >= 0 AND " DAYS_LEFT " - coalesce (k.notice_days, 0) <= :renewal"
                   " AND NOT EXISTS (SELECT 1 FROM contracts r WHERE r.renewal_of = k.id)",
    KL_QUERY_VALUE_INT },
};

static const KlQuerySort contract_sorts[] = {
  { "end", "k.end_date" },
  { "number", "k.number" },
  { "client", "c.sort_key" },
  { "title", "kl_sort_key (k.title)" },
  { "status", "CASE k.status WHEN 'draft' THEN 0 WHEN 'sent' THEN 1 WHEN 'signed' THEN 2"
              " WHEN 'active' THEN 3 WHEN 'expired' THEN 4 ELSE 5 END" },
  { "amount", "k.amount" },
  { "manager", "m.sort_key" },
  { "days-left", "CASE WHEN k.status IN ('signed', 'active') THEN " DAYS_LEFT " END" },
};

const KlQueryDef *
kl_contract_list_def (void)
{
  static KlQueryDef def = {
    .alias = "k",
    .from = "contracts k JOIN clients c ON c.id = k.client_id"
            " LEFT JOIN managers m ON m.id = k.manager_id",
    .computed = "c.name, m.name,"
                " CASE WHEN k.status IN ('signed', 'active') AND k.end_date IS NOT NULL"
                " THEN " DAYS_LEFT " END",
    .filters = contract_filters,
    .n_filters = G_N_ELEMENTS (contract_filters),
    .sorts = contract_sorts,
    .n_sorts = G_N_ELEMENTS (contract_sorts),
    .total_amount = "k.amount",
    .total_currency = "k.currency",
  };
  static GType watched[3];
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      watched[0] = KL_TYPE_CLIENT;
      watched[1] = KL_TYPE_MANAGER;
      watched[2] = G_TYPE_INVALID;
      def.watch = watched;
      def.item_type = KL_TYPE_CONTRACT;
      g_once_init_leave (&initialized, 1);
    }
  return &def;
}

KlQueryList *
kl_contract_list_new (KlSession *session)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);

  return kl_query_list_new (session, kl_contract_list_def ());
}
