/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-client-list.h"

G_BEGIN_DECLS

/* For tests: at most @sort_matches_max matches are read and sorted (more
 * are found by walking the sort order), a walk reaches @walk_pages pages
 * from either end, and a search matching 1/@like_divisor of the clients
 * or more is tested with LIKE while walking (0: never). Requeries. */
void _kl_client_list_set_limits (KlClientList *self,
                                 guint         sort_matches_max,
                                 guint         walk_pages,
                                 guint         like_divisor);

/* For tests: a search with more matches than @sort_matches_max looks at
 * the first @rows clients in sort order to choose between walking and
 * sorting (0: always walk). Requeries. */
void _kl_client_list_set_walk_probe (KlClientList *self,
                                     guint         rows);

/* For tests: whether a search without filters marks its matches in
 * every client's order read once (the default) rather than taking one of
 * the ways above, when it matches at most @max_matches (more: walked, and
 * marked for a page far into them). Requeries. */
void _kl_client_list_set_ranked (KlClientList *self,
                                 gboolean      ranked,
                                 guint         max_matches);

G_END_DECLS
