/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-query-list.h"

G_BEGIN_DECLS

/*
 * The price list as a KlQueryList. Items are KlProduct with the computed
 * field "tiers": the product's quantity tiers as "min:bp,min:bp" by
 * quantity (kl_product_tiers_parse()), or NULL for none.
 *
 * Filters: "search" (code or name, as typed), "active" (1 or 0),
 * "currency", "client" (an id: the products on its offers). Sorts: "code" (the default), "name", "unit", "price", "vat".
 */

const KlQueryDef *kl_product_list_def (void);
KlQueryList      *kl_product_list_new (KlSession *session);

GArray           *kl_product_tiers_parse (const char *tiers);

G_END_DECLS
