/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include "kl-offer-list.h"

#define TODAY "date ('now', 'localtime')"

static const KlQueryFilter offer_filters[] = {
  { "search", "kl_fold (o.number) LIKE :search ESCAPE '\\' OR c.search_key LIKE :search ESCAPE '\\'",
    KL_QUERY_VALUE_SEARCH },
  { "status", "o.status = :status", KL_QUERY_VALUE_TEXT },
  { "client", "o.client_id = :client", KL_QUERY_VALUE_INT },
  { "deal", "o.deal_id = :deal", KL_QUERY_VALUE_INT },
  { "manager", "coalesce (o.manager_id, -1) = :manager", KL_QUERY_VALUE_INT },
  { "validity",
    "(:validity = 'valid' AND coalesce (o.valid_until, '9999-12-31') >= " TODAY ")"
    " OR (:validity = 'soon' AND o.valid_until BETWEEN " TODAY " AND date ('now', 'localtime', '+7 days'))"
    " OR (:validity = 'past' AND o.valid_until < " TODAY ")",
    KL_QUERY_VALUE_TEXT },
};

static const KlQuerySort offer_sorts[] = {
  { "issued", "o.issue_date" },
  { "number", "o.number" },
  { "client", "c.sort_key" },
  { "manager", "m.sort_key" },
  { "valid-until", "o.valid_until" },
  { "status", "CASE o.status WHEN 'draft' THEN 0 WHEN 'sent' THEN 1 WHEN 'accepted' THEN 2"
              " WHEN 'rejected' THEN 3 ELSE 4 END" },
  { "lines", "(SELECT count(*) FROM offer_lines l WHERE l.offer_id = o.id)" },
};

const KlQueryDef *
kl_offer_list_def (void)
{
  static KlQueryDef def = {
    .alias = "o",
    .from = "offers o JOIN clients c ON c.id = o.client_id"
            " LEFT JOIN managers m ON m.id = o.manager_id",
    .computed = "c.name, m.name, (SELECT count(*) FROM offer_lines l WHERE l.offer_id = o.id)",
    .filters = offer_filters,
    .n_filters = G_N_ELEMENTS (offer_filters),
    .sorts = offer_sorts,
    .n_sorts = G_N_ELEMENTS (offer_sorts),
  };
  static GType watched[4];
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      watched[0] = KL_TYPE_CLIENT;
      watched[1] = KL_TYPE_MANAGER;
      watched[2] = KL_TYPE_OFFER_LINE;
      watched[3] = G_TYPE_INVALID;
      def.watch = watched;
      def.item_type = KL_TYPE_OFFER;
      g_once_init_leave (&initialized, 1);
    }

  return &def;
}

KlQueryList *
kl_offer_list_new (KlSession *session)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);

  return kl_query_list_new (session, kl_offer_list_def ());
}
