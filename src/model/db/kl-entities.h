/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-entity.h"

G_BEGIN_DECLS

/* One GObject per table. Each is a KlEntity whose fields are described by a
 * table in kl-entities.c; properties are named after the columns. */

#define KL_TYPE_MANAGER (kl_manager_get_type ())
G_DECLARE_FINAL_TYPE (KlManager, kl_manager, KL, MANAGER, KlEntity)
#define KL_TYPE_CLIENT (kl_client_get_type ())
G_DECLARE_FINAL_TYPE (KlClient, kl_client, KL, CLIENT, KlEntity)
#define KL_TYPE_CONTACT (kl_contact_get_type ())
G_DECLARE_FINAL_TYPE (KlContact, kl_contact, KL, CONTACT, KlEntity)
#define KL_TYPE_DEAL (kl_deal_get_type ())
G_DECLARE_FINAL_TYPE (KlDeal, kl_deal, KL, DEAL, KlEntity)
#define KL_TYPE_DEAL_STAGE_CHANGE (kl_deal_stage_change_get_type ())
G_DECLARE_FINAL_TYPE (KlDealStageChange, kl_deal_stage_change, KL, DEAL_STAGE_CHANGE, KlEntity)
#define KL_TYPE_ACTIVITY (kl_activity_get_type ())
G_DECLARE_FINAL_TYPE (KlActivity, kl_activity, KL, ACTIVITY, KlEntity)
#define KL_TYPE_CONTRACT (kl_contract_get_type ())
G_DECLARE_FINAL_TYPE (KlContract, kl_contract, KL, CONTRACT, KlEntity)
#define KL_TYPE_INVOICE (kl_invoice_get_type ())
G_DECLARE_FINAL_TYPE (KlInvoice, kl_invoice, KL, INVOICE, KlEntity)
#define KL_TYPE_PAYMENT (kl_payment_get_type ())
G_DECLARE_FINAL_TYPE (KlPayment, kl_payment, KL, PAYMENT, KlEntity)
#define KL_TYPE_COMPLAINT (kl_complaint_get_type ())
G_DECLARE_FINAL_TYPE (KlComplaint, kl_complaint, KL, COMPLAINT, KlEntity)
#define KL_TYPE_COMPETITOR (kl_competitor_get_type ())
G_DECLARE_FINAL_TYPE (KlCompetitor, kl_competitor, KL, COMPETITOR, KlEntity)
#define KL_TYPE_PRODUCT (kl_product_get_type ())
G_DECLARE_FINAL_TYPE (KlProduct, kl_product, KL, PRODUCT, KlEntity)
#define KL_TYPE_PRICE_TIER (kl_price_tier_get_type ())
G_DECLARE_FINAL_TYPE (KlPriceTier, kl_price_tier, KL, PRICE_TIER, KlEntity)
#define KL_TYPE_OFFER (kl_offer_get_type ())
G_DECLARE_FINAL_TYPE (KlOffer, kl_offer, KL, OFFER, KlEntity)
#define KL_TYPE_OFFER_LINE (kl_offer_line_get_type ())
G_DECLARE_FINAL_TYPE (KlOfferLine, kl_offer_line, KL, OFFER_LINE, KlEntity)
#define KL_TYPE_SALES_PLAN (kl_sales_plan_get_type ())
G_DECLARE_FINAL_TYPE (KlSalesPlan, kl_sales_plan, KL, SALES_PLAN, KlEntity)
#define KL_TYPE_AUDIT_ENTRY (kl_audit_entry_get_type ())
G_DECLARE_FINAL_TYPE (KlAuditEntry, kl_audit_entry, KL, AUDIT_ENTRY, KlEntity)

/* Typed accessors for the fields read most, where a misspelt column name
 * would only fail at run time: kl_client_get_name (client) rather than
 * kl_entity_get_text (client, "name"). The field tables stay the one
 * description of each entity; these only read through them. */
const char *kl_client_get_name     (KlClient  *self);
const char *kl_client_get_tax_id   (KlClient  *self);
const char *kl_client_get_country  (KlClient  *self);
const char *kl_client_get_city     (KlClient  *self);
const char *kl_client_get_email    (KlClient  *self);
const char *kl_client_get_phone    (KlClient  *self);
const char *kl_client_get_currency (KlClient  *self);
gint64      kl_client_get_manager_id (KlClient *self);
const char *kl_contact_get_name    (KlContact *self);
const char *kl_contact_get_email   (KlContact *self);
const char *kl_contact_get_phone   (KlContact *self);
gint64      kl_contact_get_client_id (KlContact *self);
const char *kl_manager_get_name    (KlManager *self);

/* Every entity type, for code that walks them all. */
const GType *kl_entity_types (guint *n_types);

/* The value sets of choice fields, NULL-terminated, in their natural order. */
extern const char * const kl_client_kinds[];
extern const char * const kl_client_statuses[];
extern const char * const kl_client_segments[];
extern const char * const kl_client_sources[];
extern const char * const kl_credit_ratings[];
extern const char * const kl_contact_roles[];
extern const char * const kl_deal_stages[];
extern const char * const kl_activity_kinds[];
extern const char * const kl_activity_statuses[];
extern const char * const kl_contract_statuses[];
extern const char * const kl_invoice_statuses[];
extern const char * const kl_complaint_categories[];
extern const char * const kl_complaint_statuses[];
extern const char * const kl_competitor_price_levels[];
extern const char * const kl_offer_statuses[];

/* The complaint's workflow (new → in progress → resolved or rejected),
 * kept by its store on every update. */
const char * const *kl_complaint_next_statuses  (const char *status);
gboolean            kl_complaint_status_allowed (const char *from,
                                                 const char *to);
gboolean            kl_complaint_status_is_open (const char *status);

/* The translated name of a stored value of one of the sets above. */
const char *kl_choice_label (const char * const *choices,
                             const char         *value);
const char *kl_choice_msgid (const char * const  *choices,
                             const char          *value,
                             const char         **context);

G_END_DECLS
