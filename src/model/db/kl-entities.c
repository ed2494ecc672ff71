/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-entities.h"

#include <string.h>

#include "kl-database.h"
#include "kl-search-key.h"
#include "kl-text.h"
#include "kl-validation.h"

/* Each entity class: a field table and the class boilerplate. */
#define KL_DEFINE_ENTITY(TypeName, type_name, TABLE, AUDITED, TIMESTAMPS, CLASS_SETUP) \
  struct _##TypeName { KlEntity parent_instance; };                                    \
  G_DEFINE_FINAL_TYPE (TypeName, type_name, KL_TYPE_ENTITY)                            \
  static void type_name##_class_init (TypeName##Class *klass)                          \
  {                                                                                    \
    KlEntityClass *entity_class = KL_ENTITY_CLASS (klass);                             \
    kl_entity_class_set_fields (entity_class, TABLE, type_name##_fields,               \
                                G_N_ELEMENTS (type_name##_fields));                    \
    entity_class->audited = AUDITED;                                                   \
    entity_class->timestamps = TIMESTAMPS;                                             \
    CLASS_SETUP                                                                        \
  }                                                                                    \
  static void type_name##_init (TypeName *self) { }

#define MAX_MONEY G_GINT64_CONSTANT (100000000000000)  /* 10^12 in whole units */

/* Choice sets */

const char * const kl_client_kinds[] = { "company", "person", NULL };
const char * const kl_client_statuses[] = { "prospect", "active", "key", "inactive", "lost", NULL };
const char * const kl_client_segments[] = { "A", "B", "C", NULL };
const char * const kl_client_sources[] = { "exhibition", "referral", "cold_call", "website",
                                           "advert", "event", "other", NULL };
const char * const kl_credit_ratings[] = { "excellent", "good", "fair", "poor", "blocked", NULL };
const char * const kl_contact_roles[] = { "decision_maker", "influencer", "evaluator", "user", NULL };
const char * const kl_deal_stages[] = { "lead", "contacted", "needs", "offer", "negotiation",
                                        "won", "lost", NULL };
const char * const kl_activity_kinds[] = { "call", "meeting", "email", "presentation",
                                           "exhibition", "event", NULL };
const char * const kl_activity_statuses[] = { "planned", "done", "cancelled", NULL };
const char * const kl_contract_statuses[] = { "draft", "sent", "signed", "active", "expired",
                                              "terminated", NULL };
const char * const kl_invoice_statuses[] = { "issued", "cancelled", NULL };
const char * const kl_complaint_categories[] = { "quality", "delivery", "billing", "service",
                                                 "documentation", "other", NULL };
const char * const kl_complaint_statuses[] = { "new", "in_progress", "resolved", "rejected", NULL };
const char * const kl_competitor_price_levels[] = { "lower", "similar", "higher", NULL };
const char * const kl_offer_statuses[] = { "draft", "sent", "accepted", "rejected", "expired", NULL };

typedef struct {
  const char * const *choices;
  const char         *context;
  const char         *labels[8];
} ChoiceLabels;

static const ChoiceLabels choice_labels[] = {
  { kl_client_kinds, "client kind", { NC_("client kind", "Company"), NC_("client kind", "Person") } },
  { kl_client_statuses, "client status",
    { NC_("client status", "Prospect"), NC_("client status", "Active"), NC_("client status", "Key"),
      NC_("client status", "Inactive"), NC_("client status", "Lost") } },
  { kl_client_segments, "segment", { "A", "B", "C" } },
  { kl_client_sources, "client source",
    { NC_("client source", "Exhibition"), NC_("client source", "Referral"),
      NC_("client source", "Cold call"), NC_("client source", "Website"),
      NC_("client source", "Advert"), NC_("client source", "Event"),
      NC_("client source", "Other") } },
  { kl_credit_ratings, "credit rating",
    { NC_("credit rating", "Excellent"), NC_("credit rating", "Good"),
      NC_("credit rating", "Fair"), NC_("credit rating", "Poor"),
      NC_("credit rating", "Blocked") } },
  { kl_contact_roles, "contact role",
    { NC_("contact role", "Decision maker"), NC_("contact role", "Influencer"),
      NC_("contact role", "Evaluator"), NC_("contact role", "User") } },
  { kl_deal_stages, "deal stage",
    { NC_("deal stage", "Lead"), NC_("deal stage", "Contacted"),
      NC_("deal stage", "Needs identified"), NC_("deal stage", "Offer sent"),
      NC_("deal stage", "Negotiation"), NC_("deal stage", "Won"), NC_("deal stage", "Lost") } },
  { kl_activity_kinds, "activity kind",
    { NC_("activity kind", "Call"), NC_("activity kind", "Meeting"),
      NC_("activity kind", "E-mail"), NC_("activity kind", "Presentation"),
      NC_("activity kind", "Exhibition"), NC_("activity kind", "Event") } },
  { kl_activity_statuses, "activity status",
    { NC_("activity status", "Planned"), NC_("activity status", "Done"),
      NC_("activity status", "Cancelled") } },
  { kl_contract_statuses, "contract status",
    { NC_("contract status", "Draft"), NC_("contract status", "Sent"),
      NC_("contract status", "Signed"), NC_("contract status", "Active"),
      NC_("contract status", "Expired"), NC_("contract status", "Terminated") } },
  { kl_invoice_statuses, "invoice status",
    { NC_("invoice status", "Issued"), NC_("invoice status", "Cancelled") } },
  { kl_complaint_categories, "complaint category",
    { NC_("complaint category", "Quality"), NC_("complaint category", "Delivery"),
      NC_("complaint category", "Billing"), NC_("complaint category", "Service"),
      NC_("complaint category", "Documentation"), NC_("complaint category", "Other") } },
  { kl_complaint_statuses, "complaint status",
    { NC_("complaint status", "New"), NC_("complaint status", "In progress"),
      NC_("complaint status", "Resolved"), NC_("complaint status", "Rejected") } },
  { kl_competitor_price_levels, "price level",
    { NC_("price level", "Lower than ours"), NC_("price level", "Similar to ours"),
      NC_("price level", "Higher than ours") } },
  { kl_offer_statuses, "offer status",
    { NC_("offer status", "Draft"), NC_("offer status", "Sent"),
      NC_("offer status", "Accepted"), NC_("offer status", "Rejected"),
      NC_("offer status", "Expired") } },
};

const char *
kl_choice_label (const char * const *choices,
                 const char         *value)
{
  if (value == NULL)
    return "";

  for (guint i = 0; i < G_N_ELEMENTS (choice_labels); i++)
    {
      const ChoiceLabels *set = &choice_labels[i];

      if (set->choices != choices)
        continue;
      for (guint j = 0; choices[j] != NULL; j++)
        {
          if (g_str_equal (choices[j], value))
            return g_dpgettext2 (GETTEXT_PACKAGE, set->context, set->labels[j]);
        }
    }

  return value;
}

/* The untranslated label of @value and its context, for text in a
 * language other than the interface's (kl_catalog_pgettext()). */
const char *
kl_choice_msgid (const char * const  *choices,
                 const char          *value,
                 const char         **context)
{
  *context = NULL;
  if (value == NULL)
    return "";

  for (guint i = 0; i < G_N_ELEMENTS (choice_labels); i++)
    {
      const ChoiceLabels *set = &choice_labels[i];

      if (set->choices != choices)
        continue;
      for (guint j = 0; choices[j] != NULL; j++)
        {
          if (g_str_equal (choices[j], value))
            {
              *context = set->context;
              return set->labels[j];
            }
        }
    }

  return value;
}

/* Managers */

static const KlField kl_manager_fields[] = {
  { "name", N_("Full name"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .max = 200 },
  { "email", N_("E-mail"), KL_FIELD_TEXT, 0, KL_CHECK_EMAIL, .max = 254 },
  { "phone", N_("Phone"), KL_FIELD_TEXT, 0, KL_CHECK_PHONE, .max = 40 },
  { "active", N_("Active"), KL_FIELD_BOOL, .default_number = 1 },
  { "sort_key", NULL, KL_FIELD_TEXT, KL_FIELD_DERIVED },
};

/* The client list sorts by manager through this key (clients.manager_key). */
static void
manager_derive (KlEntity *self)
{
  g_autofree char *sort_key = kl_text_sort_key (kl_entity_get_text (self, "name"));

  kl_entity_set_text (self, "sort_key", sort_key);
}

KL_DEFINE_ENTITY (KlManager, kl_manager, "managers", FALSE, TRUE,
                  entity_class->derive = manager_derive;)

/* Clients */

static const KlField kl_client_fields[] = {
  { "kind", N_("Kind"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .choices = kl_client_kinds, .default_text = "company" },
  { "name", N_("Name"), KL_FIELD_TEXT, KL_FIELD_REQUIRED },
  { "legal_form", N_("Legal form"), KL_FIELD_TEXT, .max = 40 },
  { "tax_id", N_("Tax ID"), KL_FIELD_TEXT, .max = 32 },
  { "country", N_("Country"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, KL_CHECK_COUNTRY, .default_text = "HR" },
  { "city", N_("City"), KL_FIELD_TEXT, .max = 200 },
  { "address", N_("Address"), KL_FIELD_TEXT, .max = 500 },
  { "postal_code", N_("Postal code"), KL_FIELD_TEXT, .max = 20 },
  { "phone", N_("Phone"), KL_FIELD_TEXT, 0, KL_CHECK_PHONE, .max = 40 },
  { "email", N_("E-mail"), KL_FIELD_TEXT, 0, KL_CHECK_EMAIL, .max = 254 },
  { "website", N_("Website"), KL_FIELD_TEXT, .max = 500 },
  { "segment", N_("Segment"), KL_FIELD_TEXT, .choices = kl_client_segments },
  { "status", N_("Status"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .choices = kl_client_statuses, .default_text = "prospect" },
  { "source", N_("Source"), KL_FIELD_TEXT, .choices = kl_client_sources },
  { "credit_rating", N_("Credit rating"), KL_FIELD_TEXT, .choices = kl_credit_ratings },
  { "credit_limit", N_("Credit limit"), KL_FIELD_MONEY, .max = MAX_MONEY },
  { "currency", N_("Currency"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, KL_CHECK_CURRENCY, .default_text = "EUR" },
  { "payment_terms_days", N_("Payment terms (days)"), KL_FIELD_INT, .min = 0, .max = 365, .default_number = 30 },
  { "manager_id", N_("Manager"), KL_FIELD_REF },
  { "next_action", N_("Next action"), KL_FIELD_TEXT, .max = 500 },
  { "next_action_date", N_("Next action date"), KL_FIELD_DATE },
  { "notes", N_("Notes"), KL_FIELD_TEXT },
  /* The requisites a contract names (schema migration 5). */
  { "kpp", N_("KPP"), KL_FIELD_TEXT, 0, KL_CHECK_KPP, .max = 9 },
  { "ogrn", N_("OGRN or OGRNIP"), KL_FIELD_TEXT, 0, KL_CHECK_OGRN, .max = 15 },
  { "iban", N_("IBAN"), KL_FIELD_TEXT, 0, KL_CHECK_IBAN, .max = 50 },
  { "bank_name", N_("Bank"), KL_FIELD_TEXT, .max = 300 },
  { "bik", N_("BIK"), KL_FIELD_TEXT, 0, KL_CHECK_BIK, .max = 9 },
  { "bank_account", N_("Settlement account"), KL_FIELD_TEXT, .max = 20 },
  { "corr_account", N_("Correspondent account"), KL_FIELD_TEXT, .max = 20 },
  { "sort_key", NULL, KL_FIELD_TEXT, KL_FIELD_DERIVED },
  { "search_key", NULL, KL_FIELD_TEXT, KL_FIELD_DERIVED },
  /* Filled by list queries (KlClientList), in this order; see
   * kl-summary-sql.h for what each one sums. */
  { "manager_name", N_("Manager"), KL_FIELD_TEXT, KL_FIELD_COMPUTED },
  { "last_contact", N_("Last contact"), KL_FIELD_DATETIME, KL_FIELD_COMPUTED },
  { "next_activity", N_("Next activity"), KL_FIELD_DATETIME, KL_FIELD_COMPUTED },
  { "open_pipeline", N_("Open pipeline"), KL_FIELD_MONEY, KL_FIELD_COMPUTED },
  { "overdue_debt", N_("Overdue debt"), KL_FIELD_MONEY, KL_FIELD_COMPUTED },
};

static void
client_derive (KlEntity *self)
{
  g_autofree char *sort_key = kl_text_sort_key (kl_entity_get_text (self, "name"));
  /* Keep in step with kl_search_key (name, tax_id, city, phone, email) in
   * schema migration 2. */
  const char *fields[] = {
    kl_entity_get_text (self, "name"),
    kl_entity_get_text (self, "tax_id"),
    kl_entity_get_text (self, "city"),
    kl_entity_get_text (self, "phone"),
    kl_entity_get_text (self, "email"),
  };
  g_autofree char *search_key = kl_search_key (fields, G_N_ELEMENTS (fields));

  kl_entity_set_text (self, "sort_key", sort_key);
  kl_entity_set_text (self, "search_key", search_key);
}

/* A Russian account is checked against the bank's BIK: without a BIK
 * there is nothing to check it by. */
static gboolean
client_validate_account (KlEntity    *self,
                         const char  *column,
                         gboolean     correspondent,
                         const char **bad_column,
                         GError     **error)
{
  const char *account = kl_entity_get_text (self, column);

  if (account == NULL || *account == '\0'
      || kl_validate_ru_account (kl_entity_get_text (self, "bik"), account, correspondent, error))
    return TRUE;
  if (bad_column != NULL)
    *bad_column = column;
  return FALSE;
}

static gboolean
client_validate (KlEntity    *self,
                 const char **bad_column,
                 GError     **error)
{
  if (!kl_validate_tax_id (kl_entity_get_text (self, "country"),
                           kl_entity_get_text (self, "tax_id"), error))
    {
      if (bad_column != NULL)
        *bad_column = "tax_id";
      return FALSE;
    }
  if (!client_validate_account (self, "bank_account", FALSE, bad_column, error)
      || !client_validate_account (self, "corr_account", TRUE, bad_column, error))
    return FALSE;

  return TRUE;
}

KL_DEFINE_ENTITY (KlClient, kl_client, "clients", TRUE, TRUE,
                  entity_class->derive = client_derive;
                  entity_class->validate = client_validate;)

/* Contacts */

static const KlField kl_contact_fields[] = {
  { "client_id", N_("Client"), KL_FIELD_REF, KL_FIELD_REQUIRED },
  { "name", N_("Full name"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .max = 300 },
  { "position", N_("Job title"), KL_FIELD_TEXT, .max = 200 },
  { "phone", N_("Phone"), KL_FIELD_TEXT, 0, KL_CHECK_PHONE, .max = 40 },
  { "email", N_("E-mail"), KL_FIELD_TEXT, 0, KL_CHECK_EMAIL, .max = 254 },
  { "role", N_("Role"), KL_FIELD_TEXT, .choices = kl_contact_roles },
  { "consent_date", N_("Consent to personal data"), KL_FIELD_DATE },
  { "notes", N_("Notes"), KL_FIELD_TEXT },
  { "search_key", NULL, KL_FIELD_TEXT, KL_FIELD_DERIVED },
};

/* Triggers add the key to the client's row of the search index. */
static void
contact_derive (KlEntity *self)
{
  /* Keep in step with kl_search_key (name, email, phone) in schema migration 2. */
  const char *fields[] = {
    kl_entity_get_text (self, "name"),
    kl_entity_get_text (self, "email"),
    kl_entity_get_text (self, "phone"),
  };
  g_autofree char *search_key = kl_search_key (fields, G_N_ELEMENTS (fields));

  kl_entity_set_text (self, "search_key", search_key);
}

KL_DEFINE_ENTITY (KlContact, kl_contact, "contacts", TRUE, TRUE,
                  entity_class->derive = contact_derive;)

/* Deals */

static const KlField kl_deal_fields[] = {
  { "client_id", N_("Client"), KL_FIELD_REF, KL_FIELD_REQUIRED },
  { "contact_id", N_("Contact"), KL_FIELD_REF },
  { "manager_id", N_("Manager"), KL_FIELD_REF },
  { "title", N_("Title"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .max = 300 },
  { "stage", N_("Stage"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .choices = kl_deal_stages, .default_text = "lead" },
  { "amount", N_("Amount"), KL_FIELD_MONEY, .max = MAX_MONEY },
  { "currency", N_("Currency"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, KL_CHECK_CURRENCY, .default_text = "EUR" },
  { "probability", N_("Probability (%)"), KL_FIELD_INT, .min = 0, .max = 100, .default_number = 10 },
  { "expected_close", N_("Expected close"), KL_FIELD_DATE },
  { "decision_maker_reached", N_("Decision maker reached"), KL_FIELD_BOOL },
  { "lost_reason", N_("Reason for losing"), KL_FIELD_TEXT, .max = 1000 },
  { "competitor_id", N_("Lost to competitor"), KL_FIELD_REF },
  { "closed_date", N_("Closed on"), KL_FIELD_DATE },
  { "notes", N_("Notes"), KL_FIELD_TEXT },
  /* From the deals list's query (kl-deal-list.c). */
  { "client_name", N_("Client"), KL_FIELD_TEXT, KL_FIELD_COMPUTED },
  { "manager_name", N_("Manager"), KL_FIELD_TEXT, KL_FIELD_COMPUTED },
  { "days_in_stage", N_("Days in stage"), KL_FIELD_INT, KL_FIELD_COMPUTED },
  /* A planned activity of the deal's, due before today (the pipeline board's flag). */
  { "next_activity_overdue", N_("Next activity overdue"), KL_FIELD_BOOL, KL_FIELD_COMPUTED },
};

static void
deal_derive (KlEntity *self)
{
  const char *stage = kl_entity_get_text (self, "stage");
  gboolean closed = g_strcmp0 (stage, "won") == 0 || g_strcmp0 (stage, "lost") == 0;

  if (closed && kl_entity_get_text (self, "closed_date") == NULL)
    {
      g_autofree char *today = kl_database_today ();

      kl_entity_set_text (self, "closed_date", today);
    }
  else if (!closed)
    kl_entity_set_text (self, "closed_date", NULL);
}

static gboolean
deal_validate (KlEntity    *self,
               const char **bad_column,
               GError     **error)
{
  if (g_strcmp0 (kl_entity_get_text (self, "stage"), "lost") == 0 &&
      !kl_validate_required (kl_entity_get_text (self, "lost_reason"), NULL))
    {
      g_set_error_literal (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED,
                           _("Say why the deal was lost."));
      if (bad_column != NULL)
        *bad_column = "lost_reason";
      return FALSE;
    }

  return TRUE;
}

static gboolean
deal_after_write (KlEntity    *self,
                  KlEntity    *old,
                  KlDatabase  *db,
                  GError     **error)
{
  static const char sql[] =
    "INSERT INTO deal_stage_history (deal_id, from_stage, to_stage, changed_at) VALUES (?, ?, ?, ?)";
  const char *stage = kl_entity_get_text (self, "stage");
  const char *old_stage = old != NULL ? kl_entity_get_text (old, "stage") : NULL;
  g_autoptr(KlCachedStmt) stmt = NULL;
  g_autofree char *now = NULL;

  if (g_strcmp0 (stage, old_stage) == 0)
    return TRUE;

  stmt = kl_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  now = kl_database_now ();
  sqlite3_bind_int64 (stmt, 1, kl_entity_get_id (self));
  sqlite3_bind_text (stmt, 2, old_stage, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, stage, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);

  return kl_database_step_done (db, stmt, error);
}

KL_DEFINE_ENTITY (KlDeal, kl_deal, "deals", TRUE, TRUE,
                  entity_class->derive = deal_derive;
                  entity_class->validate = deal_validate;
                  entity_class->after_write = deal_after_write;)

static const KlField kl_deal_stage_change_fields[] = {
  { "deal_id", N_("Deal"), KL_FIELD_REF, KL_FIELD_REQUIRED },
  { "from_stage", N_("From stage"), KL_FIELD_TEXT, .choices = kl_deal_stages },
  { "to_stage", N_("To stage"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .choices = kl_deal_stages },
  { "changed_at", N_("Changed at"), KL_FIELD_DATETIME, KL_FIELD_REQUIRED },
};

KL_DEFINE_ENTITY (KlDealStageChange, kl_deal_stage_change, "deal_stage_history", FALSE, FALSE, )

/* Activities */

static const KlField kl_activity_fields[] = {
  { "kind", N_("Kind"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .choices = kl_activity_kinds, .default_text = "call" },
  { "client_id", N_("Client"), KL_FIELD_REF },
  { "contact_id", N_("Contact"), KL_FIELD_REF },
  { "deal_id", N_("Deal"), KL_FIELD_REF },
  { "manager_id", N_("Manager"), KL_FIELD_REF },
  { "subject", N_("Subject"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .max = 500 },
  { "starts_at", N_("Date and time"), KL_FIELD_DATETIME, KL_FIELD_REQUIRED },
  { "duration_minutes", N_("Duration (minutes)"), KL_FIELD_INT, .min = 0, .max = 10080, .default_number = 30 },
  { "status", N_("Status"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .choices = kl_activity_statuses, .default_text = "planned" },
  { "done_at", N_("Done at"), KL_FIELD_DATETIME },
  { "outcome", N_("Outcome"), KL_FIELD_TEXT },
  { "notes", N_("Notes"), KL_FIELD_TEXT },
  { "referral_asked", N_("Asked for a referral"), KL_FIELD_BOOL },
};

/* When it was done, apart from when it was planned (starts_at): only a
 * done activity has it, and one done without saying when was done now. */
static void
activity_derive (KlEntity *self)
{
  const char *kind = kl_entity_get_text (self, "kind");

  /* A referral is asked for in a call or a meeting (kl-kpi.h): another
   * kind does not keep the mark. */
  if (g_strcmp0 (kind, "call") != 0 && g_strcmp0 (kind, "meeting") != 0)
    kl_entity_set_number (self, "referral_asked", 0);

  if (g_strcmp0 (kl_entity_get_text (self, "status"), "done") != 0)
    kl_entity_set_text (self, "done_at", NULL);
  else if (kl_entity_get_text (self, "done_at") == NULL)
    {
      g_autofree char *now = kl_database_now ();

      kl_entity_set_text (self, "done_at", now);
    }
}

KL_DEFINE_ENTITY (KlActivity, kl_activity, "activities", FALSE, TRUE,
                  entity_class->derive = activity_derive;)

/* Contracts */

static const KlField kl_contract_fields[] = {
  { "number", N_("Number"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .max = 60 },
  { "client_id", N_("Client"), KL_FIELD_REF, KL_FIELD_REQUIRED },
  { "deal_id", N_("Deal"), KL_FIELD_REF },
  { "manager_id", N_("Manager"), KL_FIELD_REF },
  { "title", N_("Title"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .max = 300 },
  { "signed_date", N_("Signed on"), KL_FIELD_DATE },
  { "start_date", N_("Start date"), KL_FIELD_DATE, KL_FIELD_REQUIRED },
  { "end_date", N_("End date"), KL_FIELD_DATE },
  { "amount", N_("Amount"), KL_FIELD_MONEY, .max = MAX_MONEY },
  { "currency", N_("Currency"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, KL_CHECK_CURRENCY, .default_text = "EUR" },
  { "vat_rate_bp", N_("VAT rate"), KL_FIELD_INT, .min = 0, .max = 10000, .default_number = 2500 },
  { "payment_terms_days", N_("Payment terms (days)"), KL_FIELD_INT, .min = 0, .max = 365, .default_number = 30 },
  { "discount_bp", N_("Discount"), KL_FIELD_INT, .min = 0, .max = 10000 },
  { "status", N_("Status"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .choices = kl_contract_statuses, .default_text = "draft" },
  { "auto_renew", N_("Renews automatically"), KL_FIELD_BOOL },
  { "notice_days", N_("Notice period (days)"), KL_FIELD_INT, .min = 0, .max = 365, .default_number = 30 },
  { "notes", N_("Notes"), KL_FIELD_TEXT },
  { "renewal_of", N_("Renews contract"), KL_FIELD_REF },
  { "offer_id", N_("Offer"), KL_FIELD_REF },
  /* Filled by the Contracts list (kl-contract-list.c), in this order. */
  { "client_name", N_("Client"), KL_FIELD_TEXT, KL_FIELD_COMPUTED },
  { "manager_name", N_("Manager"), KL_FIELD_TEXT, KL_FIELD_COMPUTED },
  { "days_left", N_("Days left"), KL_FIELD_INT, KL_FIELD_COMPUTED },
};

static gboolean
validate_dates (KlEntity    *self,
                const char  *start_column,
                const char  *end_column,
                const char **bad_column,
                GError     **error)
{
  if (!kl_validate_date_order (kl_entity_get_text (self, start_column),
                               kl_entity_get_text (self, end_column), error))
    {
      if (bad_column != NULL)
        *bad_column = end_column;
      return FALSE;
    }

  return TRUE;
}

static gboolean
contract_validate (KlEntity    *self,
                   const char **bad_column,
                   GError     **error)
{
  return validate_dates (self, "start_date", "end_date", bad_column, error);
}

KL_DEFINE_ENTITY (KlContract, kl_contract, "contracts", TRUE, TRUE,
                  entity_class->validate = contract_validate;)

/* Invoices and payments */

static const KlField kl_invoice_fields[] = {
  { "number", N_("Number"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .max = 60 },
  { "client_id", N_("Client"), KL_FIELD_REF, KL_FIELD_REQUIRED },
  { "contract_id", N_("Contract"), KL_FIELD_REF },
  { "issue_date", N_("Issue date"), KL_FIELD_DATE, KL_FIELD_REQUIRED },
  { "due_date", N_("Due date"), KL_FIELD_DATE, KL_FIELD_REQUIRED },
  { "amount", N_("Amount"), KL_FIELD_MONEY, .max = MAX_MONEY },
  { "currency", N_("Currency"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, KL_CHECK_CURRENCY, .default_text = "EUR" },
  { "status", N_("Status"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .choices = kl_invoice_statuses, .default_text = "issued" },
  { "notes", N_("Notes"), KL_FIELD_TEXT },
};

static gboolean
invoice_validate (KlEntity    *self,
                  const char **bad_column,
                  GError     **error)
{
  return validate_dates (self, "issue_date", "due_date", bad_column, error);
}

KL_DEFINE_ENTITY (KlInvoice, kl_invoice, "invoices", FALSE, TRUE,
                  entity_class->validate = invoice_validate;)

static const KlField kl_payment_fields[] = {
  { "invoice_id", N_("Invoice"), KL_FIELD_REF, KL_FIELD_REQUIRED },
  { "paid_date", N_("Paid on"), KL_FIELD_DATE, KL_FIELD_REQUIRED },
  { "amount", N_("Amount"), KL_FIELD_MONEY, .min = 1, .max = MAX_MONEY },
  { "reference", N_("Reference"), KL_FIELD_TEXT, .max = 200 },
};

static gboolean
payment_validate (KlEntity    *self,
                  const char **bad_column,
                  GError     **error)
{
  if (kl_entity_get_number (self, "amount") <= 0)
    {
      g_set_error_literal (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_RANGE,
                           _("A payment must be more than zero."));
      if (bad_column != NULL)
        *bad_column = "amount";
      return FALSE;
    }

  return TRUE;
}

KL_DEFINE_ENTITY (KlPayment, kl_payment, "payments", FALSE, TRUE,
                  entity_class->validate = payment_validate;)

/* Complaints */

static const KlField kl_complaint_fields[] = {
  { "client_id", N_("Client"), KL_FIELD_REF, KL_FIELD_REQUIRED },
  { "contract_id", N_("Contract"), KL_FIELD_REF },
  { "product_id", N_("Product"), KL_FIELD_REF },
  { "manager_id", N_("Manager"), KL_FIELD_REF },
  { "received_date", N_("Received on"), KL_FIELD_DATE, KL_FIELD_REQUIRED },
  { "category", N_("Category"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .choices = kl_complaint_categories, .default_text = "quality" },
  { "status", N_("Status"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .choices = kl_complaint_statuses, .default_text = "new" },
  { "description", N_("Description"), KL_FIELD_TEXT, KL_FIELD_REQUIRED },
  { "resolution", N_("Resolution"), KL_FIELD_TEXT },
  { "resolved_date", N_("Closed on"), KL_FIELD_DATE },
  /* From the complaints list's query (kl-complaint-list.c). */
  { "client_name", N_("Client"), KL_FIELD_TEXT, KL_FIELD_COMPUTED },
  { "contract_number", N_("Contract"), KL_FIELD_TEXT, KL_FIELD_COMPUTED },
  { "product_name", N_("Product"), KL_FIELD_TEXT, KL_FIELD_COMPUTED },
  /* Whole days since it was received, while it is open; 0 once closed. */
  { "days_open", N_("Days open"), KL_FIELD_INT, KL_FIELD_COMPUTED },
};

static const char * const complaint_after_new[] = { "in_progress", "rejected", NULL };
static const char * const complaint_after_in_progress[] = { "resolved", "rejected", NULL };
static const char * const complaint_after_end[] = { NULL };

/**
 * kl_complaint_next_statuses:
 * @status: a complaint's status
 *
 * The complaint's workflow: new → in progress → resolved or rejected; a
 * new one may also be rejected at once.
 *
 * Returns: (transfer none): the statuses it may move to next, %NULL
 *   terminated (empty for resolved, rejected and unknown ones)
 */
const char * const *
kl_complaint_next_statuses (const char *status)
{
  if (g_strcmp0 (status, "new") == 0)
    return complaint_after_new;
  if (g_strcmp0 (status, "in_progress") == 0)
    return complaint_after_in_progress;
  return complaint_after_end;
}

gboolean
kl_complaint_status_allowed (const char *from,
                             const char *to)
{
  return to != NULL && (g_strcmp0 (from, to) == 0 || g_strv_contains (kl_complaint_next_statuses (from), to));
}

gboolean
kl_complaint_status_is_open (const char *status)
{
  return g_strcmp0 (status, "new") == 0 || g_strcmp0 (status, "in_progress") == 0;
}

/* A resolved complaint says how and when; a rejected one when; an open
 * one has no date of resolution yet. */
static gboolean
complaint_validate (KlEntity    *self,
                    const char **bad_column,
                    GError     **error)
{
  const char *status = kl_entity_get_text (self, "status");
  const char *resolved_date = kl_entity_get_text (self, "resolved_date");

  if (g_strcmp0 (status, "resolved") == 0 && kl_text_is_blank (kl_entity_get_text (self, "resolution")))
    {
      if (bad_column != NULL)
        *bad_column = "resolution";
      g_set_error_literal (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED,
                           _("Required once the complaint is resolved."));
      return FALSE;
    }
  if (!kl_complaint_status_is_open (status) && resolved_date == NULL)
    {
      if (bad_column != NULL)
        *bad_column = "resolved_date";
      g_set_error_literal (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED,
                           _("Required once the complaint is resolved or rejected."));
      return FALSE;
    }
  if (kl_complaint_status_is_open (status) && resolved_date != NULL)
    {
      if (bad_column != NULL)
        *bad_column = "resolved_date";
      g_set_error_literal (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_ORDER,
                           _("Only a resolved or rejected complaint has one."));
      return FALSE;
    }
  return validate_dates (self, "received_date", "resolved_date", bad_column, error);
}

/* A stored complaint moves only along its workflow (a new one may be
 * recorded in any status: one already dealt with on the phone). */
static gboolean
complaint_after_write (KlEntity    *self,
                       KlEntity    *old,
                       KlDatabase  *db,
                       GError     **error)
{
  const char *from, *to;

  if (old == NULL)
    return TRUE;
  from = kl_entity_get_text (old, "status");
  to = kl_entity_get_text (self, "status");
  if (kl_complaint_status_allowed (from, to))
    return TRUE;
  g_set_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_ORDER,
               /* Translators: both are complaint statuses: "A Resolved complaint cannot become New." */
               _("A complaint that is “%1$s” cannot become “%2$s”."),
               kl_choice_label (kl_complaint_statuses, from),
               kl_choice_label (kl_complaint_statuses, to));
  return FALSE;
}

KL_DEFINE_ENTITY (KlComplaint, kl_complaint, "complaints", FALSE, TRUE,
                  entity_class->validate = complaint_validate;
                  entity_class->after_write = complaint_after_write;)

/* Competitors, products, price tiers */

static const KlField kl_competitor_fields[] = {
  { "name", N_("Name"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .max = 300 },
  { "website", N_("Website"), KL_FIELD_TEXT, .max = 500 },
  { "products", N_("Products"), KL_FIELD_TEXT },
  { "strengths", N_("Strengths"), KL_FIELD_TEXT },
  { "weaknesses", N_("Weaknesses"), KL_FIELD_TEXT },
  { "price_level", N_("Price level"), KL_FIELD_TEXT, .choices = kl_competitor_price_levels },
  { "notes", N_("Notes"), KL_FIELD_TEXT },
  /* From the competitors list's query (kl-competitor-list.c). */
  { "lost_deals", N_("Deals lost"), KL_FIELD_INT, KL_FIELD_COMPUTED },
  /* "EUR:120000,RUB:9000000": the value lost per currency, in minor units. */
  { "lost_values", N_("Value lost"), KL_FIELD_TEXT, KL_FIELD_COMPUTED },
};

KL_DEFINE_ENTITY (KlCompetitor, kl_competitor, "competitors", FALSE, TRUE, )

static const KlField kl_product_fields[] = {
  { "code", N_("Code"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .max = 60 },
  { "name", N_("Name"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .max = 300 },
  { "unit", N_("Unit"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .max = 20, .default_text = "pcs" },
  { "price", N_("Price"), KL_FIELD_MONEY, .max = MAX_MONEY },
  { "currency", N_("Currency"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, KL_CHECK_CURRENCY, .default_text = "EUR" },
  { "vat_rate_bp", N_("VAT rate"), KL_FIELD_INT, .min = 0, .max = 10000, .default_number = 2500 },
  { "active", N_("Active"), KL_FIELD_BOOL, .default_number = 1 },
  { "notes", N_("Notes"), KL_FIELD_TEXT },
  /* From the price list's query (kl-product-list.c): "10:500,50:1000". */
  { "tiers", N_("Quantity tiers"), KL_FIELD_TEXT, KL_FIELD_COMPUTED },
};

KL_DEFINE_ENTITY (KlProduct, kl_product, "products", FALSE, TRUE, )

static const KlField kl_price_tier_fields[] = {
  { "product_id", N_("Product"), KL_FIELD_REF, KL_FIELD_REQUIRED },
  { "min_quantity", N_("From quantity"), KL_FIELD_INT, .min = 1, .max = G_MAXINT32, .default_number = 1 },
  { "discount_bp", N_("Discount"), KL_FIELD_INT, .min = 0, .max = 10000 },
};

KL_DEFINE_ENTITY (KlPriceTier, kl_price_tier, "price_tiers", FALSE, TRUE, )

/* Offers */

static const KlField kl_offer_fields[] = {
  { "number", N_("Number"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .max = 60 },
  { "client_id", N_("Client"), KL_FIELD_REF, KL_FIELD_REQUIRED },
  { "deal_id", N_("Deal"), KL_FIELD_REF },
  { "manager_id", N_("Manager"), KL_FIELD_REF },
  { "issue_date", N_("Issue date"), KL_FIELD_DATE, KL_FIELD_REQUIRED },
  { "valid_until", N_("Valid until"), KL_FIELD_DATE },
  { "currency", N_("Currency"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, KL_CHECK_CURRENCY, .default_text = "EUR" },
  { "loyalty_discount_bp", N_("Loyalty discount"), KL_FIELD_INT, .min = 0, .max = 10000 },
  { "deferral_days", N_("Payment deferral (days)"), KL_FIELD_INT, .min = 0, .max = 365 },
  { "status", N_("Status"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .choices = kl_offer_statuses, .default_text = "draft" },
  { "notes", N_("Notes"), KL_FIELD_TEXT },
  /* From the offers list's query (kl-offer-list.c). */
  { "client_name", N_("Client"), KL_FIELD_TEXT, KL_FIELD_COMPUTED },
  { "manager_name", N_("Manager"), KL_FIELD_TEXT, KL_FIELD_COMPUTED },
  { "line_count", N_("Lines"), KL_FIELD_INT, KL_FIELD_COMPUTED },
};

static gboolean
offer_validate (KlEntity    *self,
                const char **bad_column,
                GError     **error)
{
  return validate_dates (self, "issue_date", "valid_until", bad_column, error);
}

KL_DEFINE_ENTITY (KlOffer, kl_offer, "offers", TRUE, TRUE,
                  entity_class->validate = offer_validate;)

static const KlField kl_offer_line_fields[] = {
  { "offer_id", N_("Offer"), KL_FIELD_REF, KL_FIELD_REQUIRED },
  { "product_id", N_("Product"), KL_FIELD_REF },
  { "position", N_("Line number"), KL_FIELD_INT, .min = 0, .max = G_MAXINT32 },
  { "description", N_("Description"), KL_FIELD_TEXT, KL_FIELD_REQUIRED },
  { "quantity", N_("Quantity"), KL_FIELD_INT, .min = 1, .max = G_MAXINT32, .default_number = 1 },
  { "unit_price", N_("Unit price"), KL_FIELD_MONEY, .max = MAX_MONEY },
  { "discount_bp", N_("Discount"), KL_FIELD_INT, .min = 0, .max = 10000 },
  { "vat_rate_bp", N_("VAT rate"), KL_FIELD_INT, .min = 0, .max = 10000, .default_number = 2500 },
};

KL_DEFINE_ENTITY (KlOfferLine, kl_offer_line, "offer_lines", FALSE, TRUE, )

/* Sales plans */

static const KlField kl_sales_plan_fields[] = {
  { "manager_id", N_("Manager"), KL_FIELD_REF, KL_FIELD_REQUIRED },
  { "month", N_("Month"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .max = 7 },
  { "revenue_target", N_("Revenue target"), KL_FIELD_MONEY, .max = MAX_MONEY },
  { "currency", N_("Currency"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, KL_CHECK_CURRENCY, .default_text = "EUR" },
  { "meetings_target", N_("Meetings"), KL_FIELD_INT, .min = 0, .max = 100000 },
  { "calls_target", N_("Calls"), KL_FIELD_INT, .min = 0, .max = 100000 },
  { "deals_target", N_("Deals won"), KL_FIELD_INT, .min = 0, .max = 100000 },
  { "new_clients_target", N_("New clients"), KL_FIELD_INT, .min = 0, .max = 100000 },
  { "events_target", N_("Events and exhibitions"), KL_FIELD_INT, .min = 0, .max = 1000 },
  { "referrals_asked_target", N_("Referrals asked for"), KL_FIELD_INT, .min = 0, .max = 100000 },
  { "referrals_target", N_("Referrals received"), KL_FIELD_INT, .min = 0, .max = 100000 },
  { "decision_maker_target", N_("Open deals with the decision maker reached (%)"), KL_FIELD_INT, .min = 0, .max = 100 },
  { "meetings_per_deal_target", N_("Meetings per signed deal, at most"), KL_FIELD_INT, .min = 0, .max = 1000 },
  { "conversion_target", N_("Funnel conversion, lead to won (%)"), KL_FIELD_INT, .min = 0, .max = 100 },
  { "alternation_target", N_("Call and meeting days alternating (%)"), KL_FIELD_INT, .min = 0, .max = 100 },
};

static gboolean
sales_plan_validate (KlEntity    *self,
                     const char **bad_column,
                     GError     **error)
{
  g_autofree char *first_day = g_strconcat (kl_entity_get_text (self, "month"), "-01", NULL);

  if (strlen (kl_entity_get_text (self, "month")) != 7 || !kl_validate_date (first_day, NULL))
    {
      g_set_error_literal (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID,
                           _("Enter the month as YYYY-MM."));
      if (bad_column != NULL)
        *bad_column = "month";
      return FALSE;
    }

  return TRUE;
}

KL_DEFINE_ENTITY (KlSalesPlan, kl_sales_plan, "sales_plans", FALSE, TRUE,
                  entity_class->validate = sales_plan_validate;)

/* The audit trail */

static const char * const audit_actions[] = { "insert", "update", "delete", "merge", "export", "erase", NULL };

static const KlField kl_audit_entry_fields[] = {
  { "changed_at", N_("Changed at"), KL_FIELD_DATETIME, KL_FIELD_REQUIRED },
  { "table_name", N_("Table"), KL_FIELD_TEXT, KL_FIELD_REQUIRED },
  { "row_id", N_("Row"), KL_FIELD_INT, .min = 1, .max = G_MAXINT64 },
  { "action", N_("Action"), KL_FIELD_TEXT, KL_FIELD_REQUIRED, .choices = audit_actions },
  { "field", N_("Field"), KL_FIELD_TEXT },
  { "old_value", N_("Old value"), KL_FIELD_TEXT },
  { "new_value", N_("New value"), KL_FIELD_TEXT },
};

KL_DEFINE_ENTITY (KlAuditEntry, kl_audit_entry, "audit_log", FALSE, FALSE, )

const GType *
kl_entity_types (guint *n_types)
{
  static GType types[17];

  if (types[0] == 0)
    {
      guint i = 0;

      types[i++] = KL_TYPE_MANAGER;
      types[i++] = KL_TYPE_COMPETITOR;
      types[i++] = KL_TYPE_CLIENT;
      types[i++] = KL_TYPE_CONTACT;
      types[i++] = KL_TYPE_PRODUCT;
      types[i++] = KL_TYPE_PRICE_TIER;
      types[i++] = KL_TYPE_DEAL;
      types[i++] = KL_TYPE_DEAL_STAGE_CHANGE;
      types[i++] = KL_TYPE_ACTIVITY;
      types[i++] = KL_TYPE_CONTRACT;
      types[i++] = KL_TYPE_INVOICE;
      types[i++] = KL_TYPE_PAYMENT;
      types[i++] = KL_TYPE_COMPLAINT;
      types[i++] = KL_TYPE_OFFER;
      types[i++] = KL_TYPE_OFFER_LINE;
      types[i++] = KL_TYPE_SALES_PLAN;
      types[i++] = KL_TYPE_AUDIT_ENTRY;
      g_assert (i == G_N_ELEMENTS (types));
    }

  if (n_types != NULL)
    *n_types = G_N_ELEMENTS (types);

  return types;
}

/* Typed accessors */

#define TEXT_ACCESSOR(Type, type, TYPE, column) \
  const char * \
  kl_##type##_get_##column (Type *self) \
  { \
    g_return_val_if_fail (KL_IS_##TYPE (self), NULL); \
    return kl_entity_get_text (KL_ENTITY (self), #column); \
  }

#define NUMBER_ACCESSOR(Type, type, TYPE, column) \
  gint64 \
  kl_##type##_get_##column (Type *self) \
  { \
    g_return_val_if_fail (KL_IS_##TYPE (self), 0); \
    return kl_entity_get_number (KL_ENTITY (self), #column); \
  }

TEXT_ACCESSOR (KlClient, client, CLIENT, name)
TEXT_ACCESSOR (KlClient, client, CLIENT, tax_id)
TEXT_ACCESSOR (KlClient, client, CLIENT, country)
TEXT_ACCESSOR (KlClient, client, CLIENT, city)
TEXT_ACCESSOR (KlClient, client, CLIENT, email)
TEXT_ACCESSOR (KlClient, client, CLIENT, phone)
TEXT_ACCESSOR (KlClient, client, CLIENT, currency)
NUMBER_ACCESSOR (KlClient, client, CLIENT, manager_id)
TEXT_ACCESSOR (KlContact, contact, CONTACT, name)
TEXT_ACCESSOR (KlContact, contact, CONTACT, email)
TEXT_ACCESSOR (KlContact, contact, CONTACT, phone)
NUMBER_ACCESSOR (KlContact, contact, CONTACT, client_id)
TEXT_ACCESSOR (KlManager, manager, MANAGER, name)
