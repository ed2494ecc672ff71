/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "kl-database.h"
#include "kl-search-key.h"

G_BEGIN_DECLS

/*
 * The client search index. Clients and contacts keep a folded
 * `search_key` column, written by the model (see the entities' derive);
 * SQL triggers join a client's key and its contacts' keys into its row of
 * `client_docs`, indexed by the FTS5 table `client_search` (schema
 * migration 2). The triggers only copy stored text, so any program may
 * write the database without the model's SQL functions
 * (kl-sql-functions.h); they exist for migrations that rebuild keys in
 * SQL. The keys themselves are the core's (kl-search-key.h).
 */

/* The documents written with KL_STORE_INSERT_DEFER_SEARCH, not yet in
 * the search index (schema migration 3). */
gboolean  kl_search_index_is_pending       (KlDatabase         *database);
gboolean  kl_search_update_index           (KlDatabase         *database,
                                            GCancellable       *cancellable,
                                            guint              *n_indexed,
                                            GError            **error);

gboolean  kl_search_purge_old_segments     (KlDatabase         *database,
                                            GError            **error);

G_END_DECLS
