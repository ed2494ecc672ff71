/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-price-list.h"

#include "kl-validation.h"

/**
 * kl_price_tiers_validate:
 * @tiers: (array length=n_tiers): the tiers as the user ordered them
 * @bad_index: (out) (optional): the first wrong tier
 *
 * Returns: TRUE when every tier starts at 1 or more, above the tier
 *   before it, and gives a discount of 0 to 100 %
 */
gboolean
kl_price_tiers_validate (const KlPriceTierStep  *tiers,
                         guint                   n_tiers,
                         guint                  *bad_index,
                         GError                **error)
{
  g_return_val_if_fail (tiers != NULL || n_tiers == 0, FALSE);

  for (guint i = 0; i < n_tiers; i++)
    {
      if (tiers[i].min_quantity < 1 || tiers[i].min_quantity > G_MAXINT32)
        {
          g_set_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_RANGE,
                       _("Tier %1$u: the quantity must be a whole number from 1 to %2$d."),
                       i + 1, G_MAXINT32);
        }
      else if (i > 0 && tiers[i].min_quantity <= tiers[i - 1].min_quantity)
        {
          g_set_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_ORDER,
                       _("Tier %1$u: the quantity must be larger than the previous tier’s (%2$d)."),
                       i + 1, (int) tiers[i - 1].min_quantity);
        }
      else if (tiers[i].discount_bp < 0 || tiers[i].discount_bp > 10000)
        {
          g_set_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_RANGE,
                       _("Tier %u: the discount must be between 0 and 100 %%."), i + 1);
        }
      else
        continue;

      if (bad_index != NULL)
        *bad_index = i;
      return FALSE;
    }

  return TRUE;
}

GArray *
kl_price_tiers_load (KlDatabase  *database,
                     gint64       product_id,
                     GError     **error)
{
  g_autoptr(KlCachedStmt) stmt = NULL;
  g_autoptr(GArray) tiers = NULL;
  int rc;

  g_return_val_if_fail (KL_IS_DATABASE (database), NULL);

  stmt = kl_database_prepare (database,
                              "SELECT min_quantity, discount_bp FROM price_tiers"
                              " WHERE product_id = ?1 ORDER BY min_quantity",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, product_id);

  tiers = g_array_new (FALSE, FALSE, sizeof (KlPriceTierStep));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KlPriceTierStep step = {
        .min_quantity = sqlite3_column_int64 (stmt, 0),
        .discount_bp = sqlite3_column_int (stmt, 1),
      };

      g_array_append_val (tiers, step);
    }
  if (rc != SQLITE_DONE)
    {
      kl_database_set_error (database, error);
      return NULL;
    }

  return g_steal_pointer (&tiers);
}

static gboolean
replace_tiers (KlDatabase             *database,
               gint64                  product_id,
               const KlPriceTierStep  *tiers,
               guint                   n_tiers,
               GError                **error)
{
  g_autofree char *now = kl_database_now ();

  {
    g_autoptr(KlCachedStmt) stmt = kl_database_prepare (database,
                                                        "DELETE FROM price_tiers WHERE product_id = ?1",
                                                        error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, product_id);
    if (!kl_database_step_done (database, stmt, error))
      return FALSE;
  }

  for (guint i = 0; i < n_tiers; i++)
    {
      g_autoptr(KlCachedStmt) stmt =
        kl_database_prepare (database,
                             "INSERT INTO price_tiers (product_id, min_quantity, discount_bp,"
                             " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                             error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, product_id);
      sqlite3_bind_int64 (stmt, 2, tiers[i].min_quantity);
      sqlite3_bind_int (stmt, 3, tiers[i].discount_bp);
      sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
      if (!kl_database_step_done (database, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * kl_product_save:
 * @product: a new product (id 0) or one read from the store
 * @tiers: (array length=n_tiers): its quantity tiers, in order
 *
 * Returns: the product's id; 0 with @error set when the product or a tier
 *   is wrong (a tier's message names it: "Tier 2: …") or the code is
 *   taken, and then nothing is written
 */
gint64
kl_product_save (KlSession              *session,
                 KlProduct              *product,
                 const KlPriceTierStep  *tiers,
                 guint                   n_tiers,
                 GError                **error)
{
  KlDatabase *database;
  KlStore *store;
  gboolean ok, was_new;

  g_return_val_if_fail (KL_IS_SESSION (session), 0);
  g_return_val_if_fail (KL_IS_PRODUCT (product), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!kl_price_tiers_validate (tiers, n_tiers, NULL, error))
    return 0;

  database = kl_session_get_database (session);
  store = kl_session_get_store (session, KL_TYPE_PRODUCT);
  if (!kl_database_begin (database, error))
    return 0;

  was_new = kl_entity_get_id (KL_ENTITY (product)) == 0;
  /* One "changed" when all is written, tiers included. */
  kl_store_begin_batch (store);
  if (was_new)
    ok = kl_store_insert (store, KL_ENTITY (product), error);
  else
    ok = kl_store_update (store, KL_ENTITY (product), error);
  ok = ok && replace_tiers (database, kl_entity_get_id (KL_ENTITY (product)), tiers, n_tiers, error);
  ok = ok && kl_database_commit (database, error);
  if (!ok)
    {
      kl_database_rollback (database);
      if (was_new)
        kl_entity_set_id (KL_ENTITY (product), 0);
    }
  kl_store_end_batch (store);

  return ok ? kl_entity_get_id (KL_ENTITY (product)) : 0;
}
