/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-query-list.h"

G_BEGIN_DECLS

/*
 * The competitors as a KlQueryList (kl-query-list.h). Items are
 * KlCompetitor with their computed fields lost_deals (deals lost to them)
 * and lost_values ("EUR:120000,RUB:9000000": those deals' value per
 * currency in minor units, never added across currencies; read it with
 * kl_competitor_parse_lost_values()).
 *
 * Filters: "search" (name, products, notes, as typed), "price_level",
 * "client" (an id: the competitors named on its lost or open deals).
 * Sorts: "name" (the default), "lost-deals", "price-level".
 */

/* The value lost to a competitor in one currency. */
typedef struct {
  gint64 competitor_id;
  char   currency[4];
  gint64 amount;          /* minor units */
  guint  deals;
} KlLostValue;

const KlQueryDef *kl_competitor_list_def          (void);
KlQueryList      *kl_competitor_list_new          (KlSession   *session);

/* The lost_values field as KlLostValue rows (competitor_id 0), by currency. */
GArray           *kl_competitor_parse_lost_values (const char  *text);

/* The deals lost to each competitor (or to @competitor_id only, when not
 * 0): one KlLostValue per competitor and currency, by competitor id and
 * currency. */
GArray           *kl_competitor_lost_values       (KlDatabase  *db,
                                                   gint64       competitor_id,
                                                   GError     **error);

/* The competitors present at a client: those named on its lost deals or
 * on its open ones, by name. Returns KlCompetitor items. */
GListModel       *kl_competitors_at_client        (KlSession   *session,
                                                   gint64       client_id,
                                                   GError     **error);

G_END_DECLS
