/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Registers the deterministic SQL functions kl_fold(text),
 * kl_sort_key(text) and kl_search_key(text, ...) on @db: the core's text
 * folding, Croatian sort keys and search keys, for migrations that
 * rebuild stored keys in SQL. */
gboolean kl_sql_functions_register (sqlite3 *db);

G_END_DECLS
