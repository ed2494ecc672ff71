/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include "kl-complaint-list.h"

#include "kl-entities.h"
#include "kl-summary-sql.h"

#define IS_OPEN "x.status IN ('new', 'in_progress')"

/* Whole days since it was received. */
#define DAYS_SINCE_RECEIVED \
  "CAST (julianday (" KL_SQL_TODAY ") - julianday (x.received_date) AS INTEGER)"

static const KlQueryFilter complaint_filters[] = {
  { "search", "kl_fold (x.description) LIKE :search ESCAPE '\\' OR kl_fold (x.resolution) LIKE :search ESCAPE '\\'"
              " OR c.search_key LIKE :search ESCAPE '\\'",
    KL_QUERY_VALUE_SEARCH },
  { "status", "x.status = :status", KL_QUERY_VALUE_TEXT },
  { "state", "(CASE WHEN " IS_OPEN " THEN 'open' ELSE 'closed' END) = :state", KL_QUERY_VALUE_TEXT },
  { "category", "x.category = :category", KL_QUERY_VALUE_TEXT },
  { "client", "x.client_id = :client", KL_QUERY_VALUE_INT },
  { "old", IS_OPEN " AND " DAYS_SINCE_RECEIVED " > :old", KL_QUERY_VALUE_INT },
};

static const KlQuerySort complaint_sorts[] = {
  { "received", "x.received_date" },
  { "client", "c.sort_key" },
  { "category", "CASE x.category WHEN 'quality' THEN 0 WHEN 'delivery' THEN 1 WHEN 'billing' THEN 2"
                " WHEN 'service' THEN 3 WHEN 'documentation' THEN 4 ELSE 5 END" },
  { "status", "CASE x.status WHEN 'new' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'resolved' THEN 2 ELSE 3 END" },
  { "days-open", "CASE WHEN " IS_OPEN " THEN " DAYS_SINCE_RECEIVED " END" },
  { "resolved", "x.resolved_date" },
};

const KlQueryDef *
kl_complaint_list_def (void)
{
  static KlQueryDef def = {
    .alias = "x",
    .from = "complaints x JOIN clients c ON c.id = x.client_id"
            " LEFT JOIN contracts k ON k.id = x.contract_id"
            " LEFT JOIN products p ON p.id = x.product_id",
    .computed = "c.name, k.number, p.name,"
                " CASE WHEN " IS_OPEN " THEN " DAYS_SINCE_RECEIVED " ELSE 0 END",
    .filters = complaint_filters,
    .n_filters = G_N_ELEMENTS (complaint_filters),
    .sorts = complaint_sorts,
    .n_sorts = G_N_ELEMENTS (complaint_sorts),
  };
  static GType watched[4];
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      watched[0] = KL_TYPE_CLIENT;
      watched[1] = KL_TYPE_CONTRACT;
      watched[2] = KL_TYPE_PRODUCT;
      watched[3] = G_TYPE_INVALID;
      def.watch = watched;
      def.item_type = KL_TYPE_COMPLAINT;
      g_once_init_leave (&initialized, 1);
    }
  return &def;
}

KlQueryList *
kl_complaint_list_new (KlSession *session)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);

  return kl_query_list_new (session, kl_complaint_list_def ());
}

gboolean
kl_complaint_is_old (KlEntity *complaint)
{
  g_return_val_if_fail (KL_IS_COMPLAINT (complaint), FALSE);

  return kl_complaint_status_is_open (kl_entity_get_text (complaint, "status")) &&
         kl_entity_get_number (complaint, "days_open") > KL_COMPLAINT_OLD_DAYS;
}
