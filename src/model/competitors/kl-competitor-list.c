/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include "kl-competitor-list.h"

#include <stdlib.h>
#include <string.h>

#include "kl-entities.h"

#define LOST "d.stage = 'lost' AND d.competitor_id = x.id"

static const KlQueryFilter competitor_filters[] = {
  { "search", "kl_fold (x.name) LIKE :search ESCAPE '\\' OR kl_fold (x.products) LIKE :search ESCAPE '\\'"
              " OR kl_fold (x.notes) LIKE :search ESCAPE '\\'",
    KL_QUERY_VALUE_SEARCH },
  { "price_level", "x.price_level = :price_level", KL_QUERY_VALUE_TEXT },
  /* Present at a client: named on its lost or open deals. */
  { "client", "x.id IN (SELECT d.competitor_id FROM deals d WHERE d.client_id = :client"
              " AND d.stage <> 'won')", KL_QUERY_VALUE_INT },
};

static const KlQuerySort competitor_sorts[] = {
  { "name", "kl_sort_key (x.name)" },
  { "lost-deals", "(SELECT count(*) FROM deals d WHERE " LOST ")" },
  { "price-level", "CASE x.price_level WHEN 'lower' THEN 0 WHEN 'similar' THEN 1 WHEN 'higher' THEN 2 END" },
};

const KlQueryDef *
kl_competitor_list_def (void)
{
  static KlQueryDef def = {
    .alias = "x",
    .from = "competitors x",
    .computed = "(SELECT count(*) FROM deals d WHERE " LOST "),"
                " (SELECT group_concat (t.currency || ':' || t.amount, ',')"
                "  FROM (SELECT d.currency, sum (d.amount) AS amount FROM deals d WHERE " LOST
                "        GROUP BY d.currency ORDER BY d.currency) t)",
    .filters = competitor_filters,
    .n_filters = G_N_ELEMENTS (competitor_filters),
    .sorts = competitor_sorts,
    .n_sorts = G_N_ELEMENTS (competitor_sorts),
  };
  static GType watched[2];
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      watched[0] = KL_TYPE_DEAL;
      watched[1] = G_TYPE_INVALID;
      def.watch = watched;
      def.item_type = KL_TYPE_COMPETITOR;
      g_once_init_leave (&initialized, 1);
    }
  return &def;
}

KlQueryList *
kl_competitor_list_new (KlSession *session)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);

  return kl_query_list_new (session, kl_competitor_list_def ());
}

GArray *
kl_competitor_parse_lost_values (const char *text)
{
  GArray *values = g_array_new (FALSE, TRUE, sizeof (KlLostValue));
  g_auto(GStrv) parts = NULL;

  if (text == NULL || text[0] == '\0')
    return values;
  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      KlLostValue value = { 0 };
      const char *colon = strchr (parts[i], ':');

      if (colon == NULL || colon - parts[i] != 3)
        continue;
      memcpy (value.currency, parts[i], 3);
      value.amount = g_ascii_strtoll (colon + 1, NULL, 10);
      g_array_append_val (values, value);
    }
  return values;
}

GArray *
kl_competitor_lost_values (KlDatabase  *db,
                           gint64       competitor_id,
                           GError     **error)
{
  static const char sql[] =
    "SELECT d.competitor_id, d.currency, sum (d.amount), count(*) FROM deals d"
    " WHERE d.stage = 'lost' AND d.competitor_id IS NOT NULL AND (?1 = 0 OR d.competitor_id = ?1)"
    " GROUP BY d.competitor_id, d.currency ORDER BY d.competitor_id, d.currency";
  g_autoptr(KlCachedStmt) stmt = NULL;
  g_autoptr(GArray) values = NULL;
  int rc;

  g_return_val_if_fail (KL_IS_DATABASE (db), NULL);

  stmt = kl_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, competitor_id);
  values = g_array_new (FALSE, TRUE, sizeof (KlLostValue));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KlLostValue value = { 0 };

      value.competitor_id = sqlite3_column_int64 (stmt, 0);
      g_strlcpy (value.currency, (const char *)sqlite3_column_text (stmt, 1), sizeof value.currency);
      value.amount = sqlite3_column_int64 (stmt, 2);
      value.deals = (guint)sqlite3_column_int64 (stmt, 3);
      g_array_append_val (values, value);
    }
  if (rc != SQLITE_DONE)
    {
      kl_database_set_error (db, error);
      return NULL;
    }
  return g_steal_pointer (&values);
}

GListModel *
kl_competitors_at_client (KlSession  *session,
                          gint64      client_id,
                          GError    **error)
{
  static const char sql[] =
    "SELECT DISTINCT d.competitor_id FROM deals d JOIN competitors x ON x.id = d.competitor_id"
    " WHERE d.client_id = ? AND d.stage <> 'won'"
    " ORDER BY kl_sort_key (x.name), x.id";
  KlDatabase *db;
  KlStore *store;
  g_autoptr(KlCachedStmt) stmt = NULL;
  g_autoptr(GListStore) competitors = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_return_val_if_fail (KL_IS_SESSION (session), NULL);

  db = kl_session_get_database (session);
  store = kl_session_get_store (session, KL_TYPE_COMPETITOR);
  stmt = kl_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      kl_database_set_error (db, error);
      return NULL;
    }
  g_clear_pointer (&stmt, kl_cached_stmt_release);

  competitors = g_list_store_new (KL_TYPE_COMPETITOR);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(KlEntity) competitor = kl_store_get (store, g_array_index (ids, gint64, i), error);

      if (competitor == NULL)
        return NULL;
      g_list_store_append (competitors, competitor);
    }
  return G_LIST_MODEL (g_steal_pointer (&competitors));
}
