/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include "kl-product-list.h"

#include "kl-offer-math.h"

static const KlQueryFilter product_filters[] = {
  { "search", "kl_fold (p.code) LIKE :search ESCAPE '\\' OR kl_fold (p.name) LIKE :search ESCAPE '\\'",
    KL_QUERY_VALUE_SEARCH },
  { "active", "p.active = :active", KL_QUERY_VALUE_INT },
  { "currency", "p.currency = :currency", KL_QUERY_VALUE_TEXT },
  /* Offered to a client (on a line of one of its offers). */
  { "client", "p.id IN (SELECT l.product_id FROM offer_lines l JOIN offers o ON o.id = l.offer_id"
              " WHERE o.client_id = :client)", KL_QUERY_VALUE_INT },
};

static const KlQuerySort product_sorts[] = {
  { "code", "kl_sort_key (p.code)" },
  { "name", "kl_sort_key (p.name)" },
  { "unit", "kl_sort_key (p.unit)" },
  { "price", "p.price" },
  { "vat", "p.vat_rate_bp" },
};

const KlQueryDef *
kl_product_list_def (void)
{
  static KlQueryDef def = {
    .alias = "p",
    .from = "products p",
    .computed = "(SELECT group_concat (t.min_quantity || ':' || t.discount_bp, ',')"
                " FROM (SELECT min_quantity, discount_bp FROM price_tiers"
                "       WHERE product_id = p.id ORDER BY min_quantity) t)",
    .filters = product_filters,
    .n_filters = G_N_ELEMENTS (product_filters),
    .sorts = product_sorts,
    .n_sorts = G_N_ELEMENTS (product_sorts),
  };
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      def.item_type = KL_TYPE_PRODUCT;
      g_once_init_leave (&initialized, 1);
    }

  return &def;
}

KlQueryList *
kl_product_list_new (KlSession *session)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);

  return kl_query_list_new (session, kl_product_list_def ());
}

/**
 * kl_product_tiers_parse:
 * @tiers: (nullable): a product's "tiers" field
 *
 * Returns: (transfer full): a GArray of KlPriceTierStep, by quantity
 */
GArray *
kl_product_tiers_parse (const char *tiers)
{
  GArray *steps = g_array_new (FALSE, FALSE, sizeof (KlPriceTierStep));
  g_auto(GStrv) parts = NULL;

  if (tiers == NULL)
    return steps;

  parts = g_strsplit (tiers, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      KlPriceTierStep step;
      char *end;

      step.min_quantity = g_ascii_strtoll (parts[i], &end, 10);
      if (*end != ':')
        continue;
      step.discount_bp = (int) g_ascii_strtoll (end + 1, NULL, 10);
      g_array_append_val (steps, step);
    }

  return steps;
}
