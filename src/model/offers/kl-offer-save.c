/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-offer-save.h"

#include "kl-company.h"
#include "kl-offer-math.h"
#include "kl-offer-status.h"

/**
 * kl_offer_lines_load:
 * @offer_id: an offer
 *
 * Returns: (transfer full) (element-type KlOfferLine): its lines, by
 *   position
 */
GPtrArray *
kl_offer_lines_load (KlSession  *session,
                     gint64      offer_id,
                     GError    **error)
{
  KlStore *store;
  g_autoptr(GListModel) lines = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  guint n;

  g_return_val_if_fail (KL_IS_SESSION (session), NULL);

  store = kl_session_get_store (session, KL_TYPE_OFFER_LINE);
  lines = kl_store_list_by (store, "offer_id", offer_id, error);
  if (lines == NULL)
    return NULL;

  n = g_list_model_get_n_items (lines);
  sorted = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sorted, g_list_model_get_item (lines, i));
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0; j--)
      {
        KlEntity *a = sorted->pdata[j - 1], *b = sorted->pdata[j];

        if (kl_entity_get_number (a, "position") <= kl_entity_get_number (b, "position"))
          break;
        sorted->pdata[j - 1] = b;
        sorted->pdata[j] = a;
      }

  return g_steal_pointer (&sorted);
}

/* Each line taken from the price list must be priced in the offer's
 * currency: nothing converts between currencies, and an offer's sums are
 * in its one currency. A line without a product has no currency of its
 * own. */
static gboolean
check_lines_currency (KlDatabase  *database,
                      const char  *currency,
                      GPtrArray   *lines,
                      GError     **error)
{
  g_autoptr(KlCachedStmt) stmt = NULL;

  for (guint i = 0; i < lines->len; i++)
    {
      gint64 product_id = kl_entity_get_number (lines->pdata[i], "product_id");
      const char *product_currency;
      int rc;

      if (product_id == 0)
        continue;
      if (stmt == NULL)
        {
          stmt = kl_database_prepare (database, "SELECT name, currency FROM products WHERE id = ?1", error);
          if (stmt == NULL)
            return FALSE;
        }
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, product_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        continue;   /* gone from the price list: the line keeps its price */
      if (rc != SQLITE_ROW)
        {
          kl_database_set_error (database, error);
          return FALSE;
        }
      product_currency = (const char *) sqlite3_column_text (stmt, 1);
      if (g_strcmp0 (product_currency, currency) != 0)
        {
          g_autofree char *message = g_strdup_printf (_("“%1$s” is priced in %2$s and this offer is in %3$s: "
                                                        "an offer holds one currency."),
                                                      (const char *) sqlite3_column_text (stmt, 0),
                                                      product_currency, currency != NULL ? currency : "");

          g_set_error_literal (error, KL_OFFER_MATH_ERROR, KL_OFFER_MATH_ERROR_CURRENCY, message);
          g_prefix_error (error, _("Line %u: "), i + 1);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_offer (KlSession  *session,
             KlOffer    *offer,
             GPtrArray  *lines,
             GError    **error)
{
  KlDatabase *database = kl_session_get_database (session);
  KlEntity *entity = KL_ENTITY (offer);
  g_autoptr(KlCompany) company = NULL;
  g_autofree char *today = kl_database_today ();
  KlOfferSums sums;
  int deferral_bp;
  gboolean ok = TRUE;

  if (kl_entity_get_id (entity) != 0)
    {
      g_autoptr(KlEntity) stored = kl_store_get (kl_session_get_store (session, KL_TYPE_OFFER),
                                                 kl_entity_get_id (entity), error);

      if (stored == NULL)
        return FALSE;
      if (!kl_offer_status_allowed (kl_entity_get_text (stored, "status"),
                                    kl_entity_get_text (entity, "status"),
                                    kl_entity_get_text (entity, "valid_until"), today, error))
        {
          g_prefix_error (error, "%s: ", _("Status"));
          return FALSE;
        }
    }
  else if (!kl_offer_status_allowed ("draft", kl_entity_get_text (entity, "status"),
                                     kl_entity_get_text (entity, "valid_until"), today, error))
    {
      g_prefix_error (error, "%s: ", _("Status"));
      return FALSE;
    }

  if (!check_lines_currency (database, kl_entity_get_text (entity, "currency"), lines, error))
    return FALSE;

  company = kl_company_load (database, error);
  if (company == NULL)
    return FALSE;
  if (!kl_deferral_terms_lookup (&company->deferral, kl_entity_get_number (entity, "deferral_days"),
                                 &deferral_bp, error))
    {
      g_prefix_error (error, "%s: ", _("Payment deferral (days)"));
      return FALSE;
    }

  kl_offer_sums_init (&sums, kl_entity_get_text (entity, "currency"));
  for (guint i = 0; ok && i < lines->len; i++)
    {
      KlEntity *line = lines->pdata[i];
      KlLinePrice price;

      ok = kl_line_price_compute (&price, kl_entity_get_number (line, "quantity"),
                                  kl_entity_get_number (line, "unit_price"),
                                  kl_entity_get_number (line, "discount_bp"),
                                  kl_entity_get_number (entity, "loyalty_discount_bp"), deferral_bp,
                                  kl_entity_get_number (line, "vat_rate_bp"), error)
           && kl_offer_sums_add_line (&sums, &price, error);
      if (!ok)
        g_prefix_error (error, _("Line %u: "), i + 1);
    }
  kl_offer_sums_clear (&sums);

  return ok;
}

/**
 * kl_offer_save:
 * @offer: a new offer (id 0) or one read from the store
 * @lines: (element-type KlOfferLine): its lines, in order; their offer and
 *   position are set here
 *
 * Writes the offer and makes @lines its lines, in one transaction. The
 * status may only take a step kl_offer_status_allowed() allows from the
 * stored one (a new offer's from draft); every line taken from the price
 * list must be priced in the offer's currency (KL_OFFER_MATH_ERROR_CURRENCY,
 * "Line N: …"); the deferral must fall in a band of the own company's
 * preferences; every line must price within range.
 *
 * Returns: the offer's id, or 0 with @error set and nothing written
 */
gint64
kl_offer_save (KlSession  *session,
               KlOffer    *offer,
               GPtrArray  *lines,
               GError    **error)
{
  KlDatabase *database;
  KlStore *offers, *line_store;
  gboolean ok, was_new;
  gint64 id;

  g_return_val_if_fail (KL_IS_SESSION (session), 0);
  g_return_val_if_fail (KL_IS_OFFER (offer), 0);
  g_return_val_if_fail (lines != NULL, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!check_offer (session, offer, lines, error))
    return 0;

  database = kl_session_get_database (session);
  offers = kl_session_get_store (session, KL_TYPE_OFFER);
  line_store = kl_session_get_store (session, KL_TYPE_OFFER_LINE);
  if (!kl_database_begin (database, error))
    return 0;

  was_new = kl_entity_get_id (KL_ENTITY (offer)) == 0;
  kl_store_begin_batch (offers);
  kl_store_begin_batch (line_store);
  ok = was_new ? kl_store_insert (offers, KL_ENTITY (offer), error)
               : kl_store_update (offers, KL_ENTITY (offer), error);
  id = kl_entity_get_id (KL_ENTITY (offer));
  if (ok)
    {
      g_autoptr(KlCachedStmt) stmt = kl_database_prepare (database,
                                                          "DELETE FROM offer_lines WHERE offer_id = ?1",
                                                          error);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          ok = kl_database_step_done (database, stmt, error);
        }
    }
  for (guint i = 0; ok && i < lines->len; i++)
    {
      KlEntity *line = lines->pdata[i];

      kl_entity_set_id (line, 0);
      kl_entity_set_number (line, "offer_id", id);
      kl_entity_set_number (line, "position", i + 1);
      ok = kl_store_insert (line_store, line, error);
      if (!ok)
        g_prefix_error (error, _("Line %u: "), i + 1);
    }
  ok = ok && kl_database_commit (database, error);
  if (!ok)
    {
      kl_database_rollback (database);
      if (was_new)
        kl_entity_set_id (KL_ENTITY (offer), 0);
      for (guint i = 0; i < lines->len; i++)
        kl_entity_set_id (lines->pdata[i], 0);
    }
  kl_store_end_batch (line_store);
  kl_store_end_batch (offers);

  return ok ? id : 0;
}

/**
 * kl_offer_client_loyalty:
 * @client_id: a client
 * @except_offer_id: an offer not to look at (the one being edited), or 0
 *
 * Returns: the loyalty discount of the client's latest other offer, in
 *   basis points: what a new offer to the client starts with (0 for a
 *   client with none)
 */
int
kl_offer_client_loyalty (KlDatabase *database,
                         gint64      client_id,
                         gint64      except_offer_id)
{
  g_autoptr(KlCachedStmt) stmt = NULL;

  g_return_val_if_fail (KL_IS_DATABASE (database), 0);

  stmt = kl_database_prepare (database,
                              "SELECT loyalty_discount_bp FROM offers"
                              " WHERE client_id = ?1 AND id != ?2"
                              " ORDER BY issue_date DESC, id DESC LIMIT 1",
                              NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_int64 (stmt, 2, except_offer_id);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
}
