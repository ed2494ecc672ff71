/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-offer-pricing.h"

#include <string.h>

/* Offers priced from the database: the price list's tiers for a new line,
 * and a stored offer with each line priced by the rule of kl-offer-math.h.
 * A line keeps the tier discount it was given (offer_lines.discount_bp),
 * so a later change of the price list does not reprice a sent offer. */

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static void
set_not_found (GError     **error,
               const char  *message)
{
  g_set_error_literal (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_NOT_FOUND, message);
}

/**
 * kl_product_price_lookup:
 * @product_id: a product of the price list
 * @quantity: the quantity ordered, at least 1
 * @currency: the offer's currency
 * @price: (out caller-allocates): the product's price, its tier discount
 *   for @quantity and its VAT rate; clear with kl_product_price_clear()
 *
 * Returns: FALSE with KL_OFFER_MATH_ERROR_CURRENCY when the product is
 *   priced in another currency than @currency (nothing converts between
 *   currencies), KL_DATABASE_ERROR_NOT_FOUND when it does not exist
 */
gboolean
kl_product_price_lookup (KlDatabase      *database,
                         gint64           product_id,
                         gint64           quantity,
                         const char      *currency,
                         KlProductPrice  *price,
                         GError         **error)
{
  g_autoptr(KlCachedStmt) stmt = NULL;
  g_autoptr(KlCachedStmt) tiers = NULL;
  int rc;

  g_return_val_if_fail (KL_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (currency != NULL, FALSE);
  g_return_val_if_fail (price != NULL, FALSE);

  memset (price, 0, sizeof *price);
  stmt = kl_database_prepare (database,
                              "SELECT code, name, unit, price, currency, vat_rate_bp"
                              " FROM products WHERE id = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, product_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      set_not_found (error, _("The product is no longer in the price list."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      kl_database_set_error (database, error);
      return FALSE;
    }
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 4), currency) != 0)
    {
      g_set_error (error, KL_OFFER_MATH_ERROR, KL_OFFER_MATH_ERROR_CURRENCY,
                   _("“%1$s” is priced in %2$s and this offer is in %3$s: an offer holds one currency."),
                   (const char *) sqlite3_column_text (stmt, 1),
                   (const char *) sqlite3_column_text (stmt, 4), currency);
      return FALSE;
    }

  price->product_id = product_id;
  price->code = column_dup (stmt, 0);
  price->name = column_dup (stmt, 1);
  price->unit = column_dup (stmt, 2);
  price->unit_price = sqlite3_column_int64 (stmt, 3);
  g_strlcpy (price->currency, currency, sizeof price->currency);
  price->vat_bp = sqlite3_column_int (stmt, 5);

  tiers = kl_database_prepare (database,
                               "SELECT discount_bp FROM price_tiers"
                               " WHERE product_id = ?1 AND min_quantity <= ?2"
                               " ORDER BY min_quantity DESC LIMIT 1",
                               error);
  if (tiers == NULL)
    {
      kl_product_price_clear (price);
      return FALSE;
    }
  sqlite3_bind_int64 (tiers, 1, product_id);
  sqlite3_bind_int64 (tiers, 2, quantity);
  rc = sqlite3_step (tiers);
  if (rc == SQLITE_ROW)
    price->tier_bp = sqlite3_column_int (tiers, 0);
  else if (rc != SQLITE_DONE)
    {
      kl_database_set_error (database, error);
      kl_product_price_clear (price);
      return FALSE;
    }
  return TRUE;
}

void
kl_product_price_clear (KlProductPrice *price)
{
  g_return_if_fail (price != NULL);

  g_clear_pointer (&price->code, g_free);
  g_clear_pointer (&price->name, g_free);
  g_clear_pointer (&price->unit, g_free);
}

static void
priced_line_clear (gpointer data)
{
  KlPricedLine *line = data;

  g_free (line->code);
  g_free (line->unit);
  g_free (line->description);
}

/**
 * kl_offer_find_by_number:
 *
 * Returns: the id of the offer numbered @number, or 0 with
 *   KL_DATABASE_ERROR_NOT_FOUND
 */
gint64
kl_offer_find_by_number (KlDatabase  *database,
                         const char  *number,
                         GError     **error)
{
  g_autoptr(KlCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (KL_IS_DATABASE (database), 0);
  g_return_val_if_fail (number != NULL, 0);

  stmt = kl_database_prepare (database, "SELECT id FROM offers WHERE number = ?1", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    g_set_error (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_NOT_FOUND,
                 _("There is no offer numbered “%s”."), number);
  else
    kl_database_set_error (database, error);
  return 0;
}

static gboolean
load_lines (KlDatabase     *database,
            KlPricedOffer  *offer,
            GError        **error)
{
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (database,
                                                      "SELECT l.id, l.product_id, p.code, p.unit, l.description,"
                                                      "       l.quantity, l.unit_price, l.discount_bp, l.vat_rate_bp"
                                                      " FROM offer_lines l LEFT JOIN products p ON p.id = l.product_id"
                                                      " WHERE l.offer_id = ?1 ORDER BY l.position, l.id",
                                                      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, offer->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KlPricedLine line = { 0 };

      line.id = sqlite3_column_int64 (stmt, 0);
      line.product_id = sqlite3_column_int64 (stmt, 1);
      line.code = column_dup (stmt, 2);
      line.unit = column_dup (stmt, 3);
      line.description = column_dup (stmt, 4);
      g_array_append_val (offer->lines, line);
      if (!kl_line_price_compute (&g_array_index (offer->lines, KlPricedLine, offer->lines->len - 1).price,
                                  sqlite3_column_int64 (stmt, 5), sqlite3_column_int64 (stmt, 6),
                                  sqlite3_column_int (stmt, 7), offer->loyalty_bp, offer->deferral_bp,
                                  sqlite3_column_int (stmt, 8), error)
          || !kl_offer_sums_add_line (&offer->sums,
                                      &g_array_index (offer->lines, KlPricedLine, offer->lines->len - 1).price,
                                      error))
        return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      kl_database_set_error (database, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * kl_priced_offer_load:
 * @offer_id: an offer
 * @terms: the payment-deferral bands (the own company's preferences)
 *
 * Reads the offer and its lines and prices each line.
 *
 * Returns: (transfer full): the offer, or %NULL with
 *   KL_DATABASE_ERROR_NOT_FOUND, or KL_OFFER_MATH_ERROR_NO_BAND when its
 *   deferral is beyond @terms
 */
KlPricedOffer *
kl_priced_offer_load (KlDatabase             *database,
                      gint64                  offer_id,
                      const KlDeferralTerms  *terms,
                      GError                **error)
{
  g_autoptr(KlCachedStmt) stmt = NULL;
  g_autoptr(KlPricedOffer) offer = NULL;
  int rc;

  g_return_val_if_fail (KL_IS_DATABASE (database), NULL);
  g_return_val_if_fail (terms != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = kl_database_prepare (database,
                              "SELECT number, client_id, deal_id, manager_id, issue_date, valid_until,"
                              "       currency, loyalty_discount_bp, deferral_days, status, notes"
                              " FROM offers WHERE id = ?1",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, offer_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      set_not_found (error, _("The offer no longer exists: someone may have deleted it."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      kl_database_set_error (database, error);
      return NULL;
    }

  offer = g_new0 (KlPricedOffer, 1);
  offer->id = offer_id;
  offer->number = column_dup (stmt, 0);
  offer->client_id = sqlite3_column_int64 (stmt, 1);
  offer->deal_id = sqlite3_column_int64 (stmt, 2);
  offer->manager_id = sqlite3_column_int64 (stmt, 3);
  offer->issue_date = column_dup (stmt, 4);
  offer->valid_until = column_dup (stmt, 5);
  kl_offer_sums_init (&offer->sums, (const char *) sqlite3_column_text (stmt, 6));
  offer->loyalty_bp = sqlite3_column_int (stmt, 7);
  offer->deferral_days = sqlite3_column_int (stmt, 8);
  offer->status = column_dup (stmt, 9);
  offer->notes = column_dup (stmt, 10);
  offer->lines = g_array_new (FALSE, TRUE, sizeof (KlPricedLine));
  g_array_set_clear_func (offer->lines, priced_line_clear);
  kl_cached_stmt_release (g_steal_pointer (&stmt));

  if (!kl_deferral_terms_lookup (terms, offer->deferral_days, &offer->deferral_bp, error)
      || !load_lines (database, offer, error))
    return NULL;

  return g_steal_pointer (&offer);
}

void
kl_priced_offer_free (KlPricedOffer *offer)
{
  if (offer == NULL)
    return;

  g_free (offer->number);
  g_free (offer->issue_date);
  g_free (offer->valid_until);
  g_free (offer->status);
  g_free (offer->notes);
  g_clear_pointer (&offer->lines, g_array_unref);
  kl_offer_sums_clear (&offer->sums);
  g_free (offer);
}
