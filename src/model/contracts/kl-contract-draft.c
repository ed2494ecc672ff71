/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-contract-draft.h"

#include "kl-company.h"
#include "kl-offer-pricing.h"
#include "kl-validation.h"

/* A won deal or an accepted offer becomes a draft contract in one step:
 * what they already say (client, manager, title, amount, currency) fills
 * the contract, the rest is the company's defaults. */

static void
copy_text (KlEntity   *to,
           const char *to_column,
           KlEntity   *from,
           const char *from_column)
{
  kl_entity_set_text (to, to_column, kl_entity_get_text (from, from_column));
}

static void
copy_number (KlEntity   *to,
             const char *to_column,
             KlEntity   *from,
             const char *from_column)
{
  kl_entity_set_number (to, to_column, kl_entity_get_number (from, from_column));
}

/**
 * kl_contract_new_draft:
 * @client_id: the client, or 0 to choose later
 *
 * Returns: (transfer full): a draft numbered from the contract pattern,
 *   starting today, in the office's currency, at the company's default
 *   VAT rate and with the client's payment terms; %NULL with @error set
 *   when the database fails
 */
KlContract *
kl_contract_new_draft (KlSession  *session,
                       gint64      client_id,
                       GError    **error)
{
  KlDatabase *db;
  g_autoptr(KlCompany) company = NULL;
  g_autoptr(KlEntity) contract = NULL;
  g_autofree char *today = kl_database_today ();
  g_autofree char *number = NULL;

  g_return_val_if_fail (KL_IS_SESSION (session), NULL);

  db = kl_session_get_database (session);
  company = kl_company_load (db, error);
  if (company == NULL)
    return NULL;
  number = kl_company_next_number (db, KL_DOCUMENT_CONTRACT, company->contract_pattern, today, error);
  if (number == NULL)
    return NULL;

  contract = kl_session_new_entity (session, KL_TYPE_CONTRACT);
  kl_entity_set_text (contract, "number", number);
  kl_entity_set_text (contract, "start_date", today);
  kl_entity_set_text (contract, "currency", company->office.currency);
  if (company->n_vat_rates > 0)
    kl_entity_set_number (contract, "vat_rate_bp", company->vat_rates[0]);

  if (client_id > 0)
    {
      g_autoptr(KlEntity) client = kl_store_get (kl_session_get_store (session, KL_TYPE_CLIENT),
                                                 client_id, error);

      if (client == NULL)
        return NULL;
      kl_entity_set_number (contract, "client_id", client_id);
      copy_number (contract, "manager_id", client, "manager_id");
      copy_number (contract, "payment_terms_days", client, "payment_terms_days");
      copy_text (contract, "currency", client, "currency");
    }
  return KL_CONTRACT (g_steal_pointer (&contract));
}

/**
 * kl_contract_draft_from_deal:
 * @deal_id: a deal, normally won
 *
 * Returns: (transfer full): a draft for the deal's client and manager,
 *   titled as the deal, for its amount and currency, linked to it
 */
KlContract *
kl_contract_draft_from_deal (KlSession  *session,
                             gint64      deal_id,
                             GError    **error)
{
  g_autoptr(KlEntity) deal = NULL;
  g_autoptr(KlContract) contract = NULL;

  g_return_val_if_fail (KL_IS_SESSION (session), NULL);

  deal = kl_store_get (kl_session_get_store (session, KL_TYPE_DEAL), deal_id, error);
  if (deal == NULL)
    return NULL;
  contract = kl_contract_new_draft (session, kl_entity_get_number (deal, "client_id"), error);
  if (contract == NULL)
    return NULL;

  kl_entity_set_number (KL_ENTITY (contract), "deal_id", deal_id);
  copy_text (KL_ENTITY (contract), "title", deal, "title");
  copy_number (KL_ENTITY (contract), "amount", deal, "amount");
  copy_text (KL_ENTITY (contract), "currency", deal, "currency");
  if (kl_entity_get_number (deal, "manager_id") > 0)
    copy_number (KL_ENTITY (contract), "manager_id", deal, "manager_id");
  return g_steal_pointer (&contract);
}

/* The VAT rate that carries most of the offer's net amount. */
static int
main_vat_rate (const KlOfferSums *sums,
               int                fallback)
{
  gint64 best = -1;
  int rate = fallback;

  for (guint i = 0; sums->vat_rates != NULL && i < sums->vat_rates->len; i++)
    {
      const KlVatAmount *vat = &g_array_index (sums->vat_rates, KlVatAmount, i);

      if (vat->base > best)
        {
          best = vat->base;
          rate = vat->vat_bp;
        }
    }
  return rate;
}

/**
 * kl_contract_draft_from_offer:
 * @offer_id: an offer, normally accepted
 *
 * Returns: (transfer full): a draft for the offer's client, deal and
 *   manager, for its net total (its lines' discounts already in it) in
 *   its currency, at the VAT rate of most of its lines, with the offer
 *   attached and its payment deferral as the payment terms
 */
KlContract *
kl_contract_draft_from_offer (KlSession  *session,
                              gint64      offer_id,
                              GError    **error)
{
  KlDatabase *db;
  g_autoptr(KlCompany) company = NULL;
  g_autoptr(KlPricedOffer) offer = NULL;
  g_autoptr(KlContract) contract = NULL;
  KlEntity *entity;
  g_autofree char *title = NULL;

  g_return_val_if_fail (KL_IS_SESSION (session), NULL);

  db = kl_session_get_database (session);
  company = kl_company_load (db, error);
  if (company == NULL)
    return NULL;
  offer = kl_priced_offer_load (db, offer_id, &company->deferral, error);
  if (offer == NULL)
    return NULL;
  contract = kl_contract_new_draft (session, offer->client_id, error);
  if (contract == NULL)
    return NULL;

  entity = KL_ENTITY (contract);
  /* Translators: the title of a contract drawn from an offer; %s is the offer's number */
  title = g_strdup_printf (_("Contract for offer %s"), offer->number);
  kl_entity_set_text (entity, "title", title);
  kl_entity_set_number (entity, "offer_id", offer_id);
  if (offer->deal_id > 0)
    kl_entity_set_number (entity, "deal_id", offer->deal_id);
  if (offer->manager_id > 0)
    kl_entity_set_number (entity, "manager_id", offer->manager_id);
  kl_entity_set_text (entity, "currency", offer->sums.currency);
  kl_entity_set_number (entity, "amount", MAX (offer->sums.net, 0));
  kl_entity_set_number (entity, "vat_rate_bp",
                        main_vat_rate (&offer->sums, (int) kl_entity_get_number (entity, "vat_rate_bp")));
  kl_entity_set_number (entity, "payment_terms_days", offer->deferral_days);
  return g_steal_pointer (&contract);
}
