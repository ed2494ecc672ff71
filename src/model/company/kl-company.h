/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-database.h"
#include "kl-offer-math.h"
#include "kl-office.h"
#include "kl-session.h"

G_BEGIN_DECLS

#define KL_COMPANY_MAX_VAT_RATES 8

/**
 * KlCompany:
 *
 * The own company's preferences, kept in the settings table (keys
 * "company.*"; the country and currency are KlOffice's "office.*"): what
 * its offers and contracts say about it, how they are numbered, which VAT
 * rates it uses and how a payment deferral changes a price. Text fields
 * are %NULL when not set.
 */
typedef struct
{
  char            *name;
  char            *legal_form;
  char            *tax_id;           /* OIB or INN, checked by the country */
  char            *address;
  char            *postal_code;
  char            *city;
  char            *phone;
  char            *email;
  char            *iban;             /* kl_iban_normalize()'s form */
  char            *bank_name;
  char            *bik;              /* Russia: the bank's BIK */
  char            *account;          /* Russia: settlement account */
  char            *corr_account;     /* Russia: the bank's correspondent account */
  char            *kpp;
  char            *ogrn;             /* OGRN or OGRNIP */
  KlOffice         office;
  guint            n_vat_rates;
  int              vat_rates[KL_COMPANY_MAX_VAT_RATES];   /* bp, the default first */
  char            *offer_pattern;    /* "PON-{YYYY}-{NNNN}" */
  char            *contract_pattern; /* "UG-{YYYY}-{NNNN}" */
  char            *invoice_pattern;  /* "RN-{YYYY}-{NNNN}" */
  KlDeferralTerms  deferral;
} KlCompany;

/* The documents numbered from a pattern. */
typedef enum {
  KL_DOCUMENT_OFFER,
  KL_DOCUMENT_CONTRACT,
  KL_DOCUMENT_INVOICE,
} KlDocumentKind;

KlCompany *kl_company_new_for_office (const KlOffice  *office);
KlCompany *kl_company_load           (KlDatabase      *database,
                                      GError         **error);
gboolean   kl_company_validate       (const KlCompany *company,
                                      const char     **bad_field,
                                      GError         **error);
gboolean   kl_company_save           (const KlCompany *company,
                                      KlDatabase      *database,
                                      const char     **bad_field,
                                      GError         **error);
KlCompany *kl_company_load_client    (KlDatabase      *database,
                                      gint64           client_id,
                                      GError         **error);
gint64     kl_document_find          (KlDatabase      *database,
                                      KlDocumentKind   kind,
                                      const char      *number,
                                      GError         **error);
gboolean   kl_session_save_company   (KlSession       *session,
                                      const KlCompany *company,
                                      const char     **bad_field,
                                      GError         **error);
void       kl_company_free           (KlCompany       *company);

gboolean   kl_vat_rates_parse        (const char      *text,
                                      int             *rates,
                                      guint           *n_rates,
                                      GError         **error);
char      *kl_vat_rates_to_string    (const int       *rates,
                                      guint            n_rates);

gboolean   kl_number_pattern_validate (const char     *pattern,
                                       GError        **error);
char      *kl_number_pattern_expand   (const char     *pattern,
                                       const char     *iso_date,
                                       gint64          counter);
gboolean   kl_number_pattern_match    (const char     *pattern,
                                       const char     *iso_date,
                                       const char     *number,
                                       gint64         *counter);
char      *kl_company_next_number     (KlDatabase     *database,
                                       KlDocumentKind  kind,
                                       const char     *pattern,
                                       const char     *iso_date,
                                       GError        **error);
char      *kl_document_next_number    (KlDatabase     *database,
                                       KlDocumentKind  kind,
                                       const char     *iso_date,
                                       GError        **error);
gboolean   kl_document_number_is_free (KlDatabase     *database,
                                       KlDocumentKind  kind,
                                       const char     *number,
                                       gint64          except_id,
                                       GError        **error);

/* The own company's logo: a PNG file's bytes, or %NULL when there is none. */
#define KL_COMPANY_LOGO_MAX_BYTES (2 * 1024 * 1024)
GBytes    *kl_company_load_logo       (KlDatabase     *database,
                                       GError        **error);
gboolean   kl_company_save_logo       (KlDatabase     *database,
                                       GBytes         *png,
                                       GError        **error);
gboolean   kl_company_logo_validate   (GBytes         *png,
                                       GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlCompany, kl_company_free)

G_END_DECLS
