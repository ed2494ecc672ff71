/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-company.h"

#include <string.h>

#include "kl-validation.h"

/* The own company's preferences: one settings row per field ("company.*"),
 * beside the country and currency KlOffice keeps ("office.*"). Read and
 * written whole; a save checks every field first and writes them in one
 * transaction, so nothing half-valid is kept. */

#define KEY_PREFIX "company."
#define KEY_VAT_RATES "vat_rates"
#define KEY_OFFER_PATTERN "offer_pattern"
#define KEY_CONTRACT_PATTERN "contract_pattern"
#define KEY_INVOICE_PATTERN "invoice_pattern"
#define KEY_DEFERRAL "deferral"
#define MAX_TEXT_CHARS 300
#define MAX_COUNTER_WIDTH 12

/* The text fields, by their settings key (without the prefix). */
static const struct {
  const char *key;
  gsize       offset;
} text_fields[] = {
  { "name", G_STRUCT_OFFSET (KlCompany, name) },
  { "legal_form", G_STRUCT_OFFSET (KlCompany, legal_form) },
  { "tax_id", G_STRUCT_OFFSET (KlCompany, tax_id) },
  { "address", G_STRUCT_OFFSET (KlCompany, address) },
  { "postal_code", G_STRUCT_OFFSET (KlCompany, postal_code) },
  { "city", G_STRUCT_OFFSET (KlCompany, city) },
  { "phone", G_STRUCT_OFFSET (KlCompany, phone) },
  { "email", G_STRUCT_OFFSET (KlCompany, email) },
  { "iban", G_STRUCT_OFFSET (KlCompany, iban) },
  { "bank_name", G_STRUCT_OFFSET (KlCompany, bank_name) },
  { "bik", G_STRUCT_OFFSET (KlCompany, bik) },
  { "account", G_STRUCT_OFFSET (KlCompany, account) },
  { "corr_account", G_STRUCT_OFFSET (KlCompany, corr_account) },
  { "kpp", G_STRUCT_OFFSET (KlCompany, kpp) },
  { "ogrn", G_STRUCT_OFFSET (KlCompany, ogrn) },
  { KEY_OFFER_PATTERN, G_STRUCT_OFFSET (KlCompany, offer_pattern) },
  { KEY_CONTRACT_PATTERN, G_STRUCT_OFFSET (KlCompany, contract_pattern) },
  { KEY_INVOICE_PATTERN, G_STRUCT_OFFSET (KlCompany, invoice_pattern) },
};

#define TEXT_FIELD(company, i) G_STRUCT_MEMBER (char *, (company), text_fields[i].offset)

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Number patterns */

typedef enum {
  TOKEN_TEXT,
  TOKEN_YEAR,
  TOKEN_YEAR2,
  TOKEN_MONTH,
  TOKEN_COUNTER,
  TOKEN_BAD,
} TokenKind;

/* The token at @p ('{' … '}'); its length in @len. */
static TokenKind
read_token (const char *p,
            gsize      *len,
            guint      *width)
{
  const char *end;
  gsize n;

  if (*p != '{')
    {
      *len = 1;
      return *p == '}' ? TOKEN_BAD : TOKEN_TEXT;
    }
  end = strchr (p, '}');
  if (end == NULL)
    return TOKEN_BAD;
  *len = end - p + 1;
  n = end - p - 1;
  if (n == 4 && strncmp (p + 1, "YYYY", 4) == 0)
    return TOKEN_YEAR;
  if (n == 2 && strncmp (p + 1, "YY", 2) == 0)
    return TOKEN_YEAR2;
  if (n == 2 && strncmp (p + 1, "MM", 2) == 0)
    return TOKEN_MONTH;
  if (n >= 1 && n <= MAX_COUNTER_WIDTH && strspn (p + 1, "N") == n)
    {
      *width = n;
      return TOKEN_COUNTER;
    }
  return TOKEN_BAD;
}

/**
 * kl_number_pattern_validate:
 * @pattern: e.g. "UG-{YYYY}-{NNNN}"
 *
 * A pattern is text with {YYYY}, {YY} or {MM} for the document's year and
 * month and exactly one {N…} for the counter, as many digits wide as there
 * are N (1 to 12).
 */
gboolean
kl_number_pattern_validate (const char  *pattern,
                            GError     **error)
{
  guint counters = 0;

  if (is_blank (pattern))
    {
      g_set_error_literal (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED,
                           _("Enter a number pattern such as UG-{YYYY}-{NNNN}."));
      return FALSE;
    }
  if (!g_utf8_validate (pattern, -1, NULL) || g_utf8_strlen (pattern, -1) > 40)
    goto bad;

  for (const char *p = pattern; *p != '\0';)
    {
      gsize len = 0;
      guint width = 0;

      switch (read_token (p, &len, &width))
        {
        case TOKEN_BAD:
          goto bad;
        case TOKEN_COUNTER:
          counters++;
          break;
        case TOKEN_TEXT:
          if (g_ascii_iscntrl (*p))
            goto bad;
          break;
        case TOKEN_YEAR:
        case TOKEN_YEAR2:
        case TOKEN_MONTH:
        default:
          break;
        }
      p += len;
    }
  if (counters == 1)
    return TRUE;

bad:
  g_set_error_literal (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID,
                       _("A number pattern needs exactly one counter such as {NNNN}; it may also hold {YYYY}, {YY} and {MM}, at most 40 characters in all."));
  return FALSE;
}

/* Expands @pattern for @iso_date up to the counter (@prefix) and after it
 * (@suffix); the counter's width in @width. */
static void
expand_parts (const char  *pattern,
              const char  *iso_date,
              GString     *prefix,
              GString     *suffix,
              guint       *width)
{
  GString *out = prefix;

  for (const char *p = pattern; *p != '\0';)
    {
      gsize len = 0;
      guint w = 0;

      switch (read_token (p, &len, &w))
        {
        case TOKEN_YEAR:
          g_string_append_len (out, iso_date, 4);
          break;
        case TOKEN_YEAR2:
          g_string_append_len (out, iso_date + 2, 2);
          break;
        case TOKEN_MONTH:
          g_string_append_len (out, iso_date + 5, 2);
          break;
        case TOKEN_COUNTER:
          *width = w;
          out = suffix;
          break;
        case TOKEN_TEXT:
        case TOKEN_BAD:
        default:
          g_string_append_len (out, p, len);
          break;
        }
      p += len;
    }
}

/**
 * kl_number_pattern_expand:
 * @pattern: a valid pattern
 * @iso_date: the document's date, "YYYY-MM-DD"
 * @counter: the counter, at least 1
 *
 * Returns: (transfer full): the number: "UG-{YYYY}-{NNNN}", "2026-03-01",
 *   7 give "UG-2026-0007"
 */
char *
kl_number_pattern_expand (const char *pattern,
                          const char *iso_date,
                          gint64      counter)
{
  g_autoptr(GString) prefix = g_string_new (NULL);
  g_autoptr(GString) suffix = g_string_new (NULL);
  guint width = 1;

  g_return_val_if_fail (kl_number_pattern_validate (pattern, NULL), NULL);
  g_return_val_if_fail (kl_validate_date (iso_date, NULL), NULL);

  expand_parts (pattern, iso_date, prefix, suffix, &width);
  g_string_append_printf (prefix, "%0*" G_GINT64_FORMAT, (int) width, counter);
  g_string_append (prefix, suffix->str);
  return g_string_free (g_steal_pointer (&prefix), FALSE);
}

/**
 * kl_number_pattern_match:
 * @counter: (out) (optional): the counter @number holds
 *
 * Returns: whether @number is one of @pattern's numbers for @iso_date's
 *   year and month (whatever the counter's width)
 */
gboolean
kl_number_pattern_match (const char *pattern,
                         const char *iso_date,
                         const char *number,
                         gint64     *counter)
{
  g_autoptr(GString) prefix = g_string_new (NULL);
  g_autoptr(GString) suffix = g_string_new (NULL);
  g_autofree char *digits = NULL;
  guint width = 1;
  gsize len;
  guint64 value;

  g_return_val_if_fail (kl_number_pattern_validate (pattern, NULL), FALSE);
  g_return_val_if_fail (number != NULL, FALSE);

  expand_parts (pattern, iso_date, prefix, suffix, &width);
  len = strlen (number);
  if (len <= prefix->len + suffix->len
      || strncmp (number, prefix->str, prefix->len) != 0
      || strcmp (number + len - suffix->len, suffix->str) != 0)
    return FALSE;
  digits = g_strndup (number + prefix->len, len - prefix->len - suffix->len);
  if (strspn (digits, "0123456789") != strlen (digits) || strlen (digits) > 15
      || !g_ascii_string_to_unsigned (digits, 10, 0, G_MAXINT64, &value, NULL))
    return FALSE;
  if (counter != NULL)
    *counter = (gint64) value;
  return TRUE;
}

/**
 * kl_company_next_number:
 * @kind: offers, contracts or invoices
 * @pattern: a valid number pattern
 * @iso_date: the new document's date
 *
 * The number a new document gets: one more than the largest counter of
 * the numbers @pattern gives for @iso_date's year and month (so the
 * counter starts at 1 each year with {YYYY}), and not taken.
 *
 * Returns: (transfer full): the number, or %NULL with @error set
 */
char *
kl_company_next_number (KlDatabase      *database,
                        KlDocumentKind   kind,
                        const char      *pattern,
                        const char      *iso_date,
                        GError         **error)
{
  static const char *const select_sql[] = {
    [KL_DOCUMENT_OFFER] = "SELECT number FROM offers WHERE substr(number, 1, ?2) = ?1",
    [KL_DOCUMENT_CONTRACT] = "SELECT number FROM contracts WHERE substr(number, 1, ?2) = ?1",
    [KL_DOCUMENT_INVOICE] = "SELECT number FROM invoices WHERE substr(number, 1, ?2) = ?1",
  };
  static const char *const exists_sql[] = {
    [KL_DOCUMENT_OFFER] = "SELECT 1 FROM offers WHERE number = ?1",
    [KL_DOCUMENT_CONTRACT] = "SELECT 1 FROM contracts WHERE number = ?1",
    [KL_DOCUMENT_INVOICE] = "SELECT 1 FROM invoices WHERE number = ?1",
  };
  g_autoptr(GString) prefix = g_string_new (NULL);
  g_autoptr(GString) suffix = g_string_new (NULL);
  g_autoptr(KlCachedStmt) stmt = NULL;
  guint width = 1;
  gint64 max = 0;
  int rc;

  g_return_val_if_fail (KL_IS_DATABASE (database), NULL);
  g_return_val_if_fail (kind <= KL_DOCUMENT_INVOICE, NULL);

  if (!kl_number_pattern_validate (pattern, error) || !kl_validate_date (iso_date, error))
    return NULL;

  expand_parts (pattern, iso_date, prefix, suffix, &width);
  stmt = kl_database_prepare (database, select_sql[kind], error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, prefix->str, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, g_utf8_strlen (prefix->str, -1));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 counter;

      if (kl_number_pattern_match (pattern, iso_date, (const char *) sqlite3_column_text (stmt, 0), &counter))
        max = MAX (max, counter);
    }
  if (rc != SQLITE_DONE)
    {
      kl_database_set_error (database, error);
      return NULL;
    }
  kl_cached_stmt_release (g_steal_pointer (&stmt));

  /* A number typed by hand in another width may hold the next one. */
  for (guint tries = 0; tries < 1000; tries++)
    {
      g_autofree char *number = kl_number_pattern_expand (pattern, iso_date, max + 1 + tries);
      g_autoptr(KlCachedStmt) exists = kl_database_prepare (database, exists_sql[kind], error);

      if (exists == NULL)
        return NULL;
      sqlite3_bind_text (exists, 1, number, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (exists);
      if (rc == SQLITE_DONE)
        return g_steal_pointer (&number);
      if (rc != SQLITE_ROW)
        {
          kl_database_set_error (database, error);
          return NULL;
        }
    }
  g_set_error_literal (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_FAILED,
                       _("No free document number was found for this pattern."));
  return NULL;
}

/* VAT rates */

/**
 * kl_vat_rates_parse:
 * @text: rates in basis points separated by ';', the default first:
 *   "2500;1300;500;0"
 *
 * Returns: FALSE when a rate is not 0 to 10 000, appears twice, or there
 *   are none or more than KL_COMPANY_MAX_VAT_RATES
 */
gboolean
kl_vat_rates_parse (const char  *text,
                    int         *rates,
                    guint       *n_rates,
                    GError     **error)
{
  g_auto(GStrv) parts = NULL;
  int parsed[KL_COMPANY_MAX_VAT_RATES];
  guint n = 0;

  g_return_val_if_fail (rates != NULL && n_rates != NULL, FALSE);

  parts = g_strsplit (text != NULL ? text : "", ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 value;

      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        continue;
      if (n == KL_COMPANY_MAX_VAT_RATES
          || !g_ascii_string_to_signed (parts[i], 10, 0, 10000, &value, NULL))
        goto bad;
      for (guint j = 0; j < n; j++)
        if (parsed[j] == value)
          goto bad;
      parsed[n++] = (int) value;
    }
  if (n == 0)
    goto bad;

  memcpy (rates, parsed, n * sizeof parsed[0]);
  *n_rates = n;
  return TRUE;

bad:
  g_set_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID,
               g_dngettext (GETTEXT_PACKAGE,
                            "Give from one to %d different VAT rate, each from 0 to 100 percent.",
                            "Give from one to %d different VAT rates, each from 0 to 100 percent.",
                            KL_COMPANY_MAX_VAT_RATES),
               KL_COMPANY_MAX_VAT_RATES);
  return FALSE;
}

char *
kl_vat_rates_to_string (const int *rates,
                        guint      n_rates)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n_rates; i++)
    g_string_append_printf (s, "%s%d", i > 0 ? ";" : "", rates[i]);
  return g_string_free (s, FALSE);
}

/* The company */

static void
set_defaults (KlCompany      *company,
              const KlOffice *office)
{
  static const int hr_rates[] = { 2500, 1300, 500, 0 };
  static const int ru_rates[] = { 2000, 1000, 0 };
  gboolean ru = strcmp (office->country, "RU") == 0;
  const int *rates = ru ? ru_rates : hr_rates;

  company->office = *office;
  company->n_vat_rates = ru ? G_N_ELEMENTS (ru_rates) : G_N_ELEMENTS (hr_rates);
  memcpy (company->vat_rates, rates, company->n_vat_rates * sizeof rates[0]);
  company->offer_pattern = g_strdup (ru ? "КП-{YYYY}-{NNNN}" : "PON-{YYYY}-{NNNN}");
  company->contract_pattern = g_strdup (ru ? "ДГ-{YYYY}-{NNNN}" : "UG-{YYYY}-{NNNN}");
  company->invoice_pattern = g_strdup (ru ? "СЧ-{YYYY}-{NNNN}" : "RN-{YYYY}-{NNNN}");
  kl_deferral_terms_init_default (&company->deferral);
}

/**
 * kl_company_new_for_office:
 *
 * Returns: (transfer full): a company with no details and the defaults of
 *   @office's country: its VAT rates, number patterns (PON-/UG- in
 *   Croatia, КП-/ДГ- in Russia) and the default deferral bands
 */
KlCompany *
kl_company_new_for_office (const KlOffice *office)
{
  KlCompany *company = g_new0 (KlCompany, 1);

  g_return_val_if_fail (office != NULL, company);

  set_defaults (company, office);
  return company;
}

void
kl_company_free (KlCompany *company)
{
  if (company == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    g_free (TEXT_FIELD (company, i));
  g_free (company);
}

/**
 * kl_company_load:
 *
 * Returns: (transfer full): the own company as the database keeps it,
 *   the defaults of its office where it keeps nothing
 */
KlCompany *
kl_company_load (KlDatabase  *database,
                 GError     **error)
{
  g_autoptr(KlCompany) company = NULL;
  g_autoptr(KlCachedStmt) stmt = NULL;
  KlOffice office;
  int rc;

  g_return_val_if_fail (KL_IS_DATABASE (database), NULL);

  if (!kl_office_load (&office, database, error))
    return NULL;
  company = kl_company_new_for_office (&office);

  stmt = kl_database_prepare (database,
                              "SELECT substr(key, 9), value FROM settings"
                              " WHERE substr(key, 1, 8) = '" KEY_PREFIX "' AND value IS NOT NULL",
                              error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      if (strcmp (key, KEY_VAT_RATES) == 0)
        {
          if (!kl_vat_rates_parse (value, company->vat_rates, &company->n_vat_rates, NULL))
            g_warning ("The stored VAT rates “%s” are not valid; the defaults apply.", value);
          continue;
        }
      if (strcmp (key, KEY_DEFERRAL) == 0)
        {
          if (!kl_deferral_terms_parse (&company->deferral, value, NULL))
            g_warning ("The stored deferral bands “%s” are not valid; the defaults apply.", value);
          continue;
        }
      for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
        if (strcmp (key, text_fields[i].key) == 0)
          {
            g_free (TEXT_FIELD (company, i));
            TEXT_FIELD (company, i) = g_strdup (value);
          }
    }
  if (rc != SQLITE_DONE)
    {
      kl_database_set_error (database, error);
      return NULL;
    }
  return g_steal_pointer (&company);
}

static gboolean
check_optional (const char  *value,
                gboolean   (*check) (const char *, GError **),
                const char  *field,
                const char **bad_field,
                GError     **error)
{
  if (is_blank (value) || check (value, error))
    return TRUE;
  if (bad_field != NULL)
    *bad_field = field;
  return FALSE;
}

static gboolean
fail_field (const char  *field,
            const char **bad_field)
{
  if (bad_field != NULL)
    *bad_field = field;
  return FALSE;
}

/**
 * kl_company_validate:
 * @bad_field: (out) (optional): the settings key of the first wrong field
 *   ("name", "tax_id", "iban", …, "vat_rates", "deferral")
 *
 * Checks every field as a save would: a name, the OIB or INN by the
 * country, the IBAN, BIK, accounts, KPP and OGRN by their check digits
 * when given, one to eight VAT rates, the three number patterns, at least one
 * deferral band.
 */
gboolean
kl_company_validate (const KlCompany  *company,
                     const char      **bad_field,
                     GError          **error)
{
  KlOffice office;

  g_return_val_if_fail (company != NULL, FALSE);

  if (!kl_validate_required (company->name, error))
    return fail_field ("name", bad_field);
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    if (!kl_validate_length (TEXT_FIELD (company, i), MAX_TEXT_CHARS, error))
      return fail_field (text_fields[i].key, bad_field);
  if (!kl_office_set (&office, company->office.country, company->office.currency, error))
    return fail_field (strlen (company->office.country) != 2 ? "country" : "currency", bad_field);
  if (!kl_validate_tax_id (company->office.country, company->tax_id, error))
    return fail_field ("tax_id", bad_field);
  if (!check_optional (company->email, kl_validate_email, "email", bad_field, error)
      || !check_optional (company->phone, kl_validate_phone, "phone", bad_field, error)
      || !check_optional (company->iban, kl_validate_iban, "iban", bad_field, error)
      || !check_optional (company->bik, kl_validate_bik, "bik", bad_field, error)
      || !check_optional (company->kpp, kl_validate_kpp, "kpp", bad_field, error)
      || !check_optional (company->ogrn, kl_validate_ogrn, "ogrn", bad_field, error))
    return FALSE;
  if (!is_blank (company->account)
      && !kl_validate_ru_account (company->bik, company->account, FALSE, error))
    return fail_field ("account", bad_field);
  if (!is_blank (company->corr_account)
      && !kl_validate_ru_account (company->bik, company->corr_account, TRUE, error))
    return fail_field ("corr_account", bad_field);
  {
    g_autofree char *rates = kl_vat_rates_to_string (company->vat_rates, company->n_vat_rates);
    int parsed[KL_COMPANY_MAX_VAT_RATES];
    guint n;

    if (company->n_vat_rates > KL_COMPANY_MAX_VAT_RATES
        || !kl_vat_rates_parse (rates, parsed, &n, error) || n != company->n_vat_rates)
      {
        if (error != NULL && *error == NULL)
          kl_vat_rates_parse ("", parsed, &n, error);
        return fail_field (KEY_VAT_RATES, bad_field);
      }
  }
  if (!kl_number_pattern_validate (company->offer_pattern, error))
    return fail_field (KEY_OFFER_PATTERN, bad_field);
  if (!kl_number_pattern_validate (company->contract_pattern, error))
    return fail_field (KEY_CONTRACT_PATTERN, bad_field);
  if (!kl_number_pattern_validate (company->invoice_pattern, error))
    return fail_field (KEY_INVOICE_PATTERN, bad_field);
  if (company->deferral.n_bands == 0)
    {
      g_set_error_literal (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED,
                           _("Give at least one payment deferral band, for example up to 30 days with no change of price."));
      return fail_field (KEY_DEFERRAL, bad_field);
    }
  return TRUE;
}

static gboolean
write_setting (KlDatabase  *database,
               const char  *key,
               const char  *value,
               GError     **error)
{
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (database,
                                                      "INSERT INTO settings (key, value) VALUES ('" KEY_PREFIX "' || ?1, ?2)"
                                                      " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                                      error);
  g_autofree char *stripped = NULL;

  if (stmt == NULL)
    return FALSE;
  if (!is_blank (value))
    stripped = g_strstrip (g_strdup (value));
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, stripped, -1, SQLITE_TRANSIENT);
  return kl_database_step_done (database, stmt, error);
}

/**
 * kl_company_save:
 * @bad_field: (out) (optional): see kl_company_validate()
 *
 * Checks @company and writes all of it — the office's country and
 * currency too — in one transaction; writes nothing when a field is
 * wrong. The IBAN is kept without spaces, in capitals.
 */
gboolean
kl_company_save (const KlCompany  *company,
                 KlDatabase       *database,
                 const char      **bad_field,
                 GError          **error)
{
  g_autofree char *rates = NULL;
  g_autofree char *deferral = NULL;
  g_autofree char *iban = NULL;

  g_return_val_if_fail (company != NULL, FALSE);
  g_return_val_if_fail (KL_IS_DATABASE (database), FALSE);

  if (!kl_company_validate (company, bad_field, error))
    return FALSE;

  rates = kl_vat_rates_to_string (company->vat_rates, company->n_vat_rates);
  deferral = kl_deferral_terms_to_string (&company->deferral);
  iban = kl_iban_normalize (company->iban);
  if (!kl_database_begin (database, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      const char *value = TEXT_FIELD (company, i);

      if (strcmp (text_fields[i].key, "iban") == 0)
        value = iban;
      if (!write_setting (database, text_fields[i].key, value, error))
        goto fail;
    }
  if (!write_setting (database, KEY_VAT_RATES, rates, error)
      || !write_setting (database, KEY_DEFERRAL, deferral, error)
      || !kl_office_save (&company->office, database, error))
    goto fail;
  return kl_database_commit (database, error);

fail:
  kl_database_rollback (database);
  return FALSE;
}

/**
 * kl_session_save_company:
 *
 * kl_company_save() for a window's session: the session's office (the
 * defaults of new records) follows the company's country and currency.
 */
gboolean
kl_session_save_company (KlSession        *session,
                         const KlCompany  *company,
                         const char      **bad_field,
                         GError          **error)
{
  KlDatabase *database;

  g_return_val_if_fail (KL_IS_SESSION (session), FALSE);
  g_return_val_if_fail (company != NULL, FALSE);

  database = kl_session_get_database (session);
  if (!kl_database_begin (database, error))
    return FALSE;
  if (!kl_company_save (company, database, bad_field, error)
      || !kl_session_set_office (session, company->office.country, company->office.currency, error))
    {
      kl_database_rollback (database);
      return FALSE;
    }
  return kl_database_commit (database, error);
}

/**
 * kl_document_find:
 * @kind: offers or contracts
 * @number: a document number
 *
 * Returns: the id of the offer or contract numbered @number, or 0 with
 *   KL_DATABASE_ERROR_NOT_FOUND
 */
gint64
kl_document_find (KlDatabase      *database,
                  KlDocumentKind   kind,
                  const char      *number,
                  GError         **error)
{
  static const char *const sql[] = {
    [KL_DOCUMENT_OFFER] = "SELECT id FROM offers WHERE number = ?1",
    [KL_DOCUMENT_CONTRACT] = "SELECT id FROM contracts WHERE number = ?1",
    [KL_DOCUMENT_INVOICE] = "SELECT id FROM invoices WHERE number = ?1",
  };
  g_autoptr(KlCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (KL_IS_DATABASE (database), 0);
  g_return_val_if_fail (kind <= KL_DOCUMENT_INVOICE, 0);
  g_return_val_if_fail (number != NULL, 0);

  stmt = kl_database_prepare (database, sql[kind], error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, number, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    kl_database_set_error (database, error);
  else if (kind == KL_DOCUMENT_OFFER)
    g_set_error (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_NOT_FOUND,
                 _("There is no offer numbered “%s”."), number);
  else if (kind == KL_DOCUMENT_INVOICE)
    g_set_error (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_NOT_FOUND,
                 _("There is no invoice numbered “%s”."), number);
  else
    g_set_error (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_NOT_FOUND,
                 _("There is no contract numbered “%s”."), number);
  return 0;
}

/**
 * kl_company_load_client:
 * @client_id: a client
 *
 * A client's details as a document shows them, in the same shape as the
 * own company's.
 *
 * Returns: (transfer full): the client, or %NULL with
 *   KL_DATABASE_ERROR_NOT_FOUND
 */
KlCompany *
kl_company_load_client (KlDatabase  *database,
                        gint64       client_id,
                        GError     **error)
{
  static const gsize offsets[] = {
    G_STRUCT_OFFSET (KlCompany, name), G_STRUCT_OFFSET (KlCompany, legal_form),
    G_STRUCT_OFFSET (KlCompany, tax_id), G_STRUCT_OFFSET (KlCompany, address),
    G_STRUCT_OFFSET (KlCompany, postal_code), G_STRUCT_OFFSET (KlCompany, city),
    G_STRUCT_OFFSET (KlCompany, phone), G_STRUCT_OFFSET (KlCompany, email),
    G_STRUCT_OFFSET (KlCompany, kpp), G_STRUCT_OFFSET (KlCompany, ogrn),
    G_STRUCT_OFFSET (KlCompany, iban), G_STRUCT_OFFSET (KlCompany, bank_name),
    G_STRUCT_OFFSET (KlCompany, bik), G_STRUCT_OFFSET (KlCompany, account),
    G_STRUCT_OFFSET (KlCompany, corr_account),
  };
  g_autoptr(KlCachedStmt) stmt = NULL;
  KlCompany *client;
  int rc;

  g_return_val_if_fail (KL_IS_DATABASE (database), NULL);

  stmt = kl_database_prepare (database,
                              "SELECT name, legal_form, tax_id, address, postal_code, city, phone, email,"
                              "       kpp, ogrn, iban, bank_name, bik, bank_account, corr_account,"
                              "       country, currency"
                              " FROM clients WHERE id = ?1",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_NOT_FOUND,
                             _("The client no longer exists: someone may have deleted them."));
      else
        kl_database_set_error (database, error);
      return NULL;
    }

  client = g_new0 (KlCompany, 1);
  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      const char *value = (const char *) sqlite3_column_text (stmt, i);

      if (value != NULL && *value != '\0')
        G_STRUCT_MEMBER (char *, client, offsets[i]) = g_strdup (value);
    }
  g_strlcpy (client->office.country, (const char *) sqlite3_column_text (stmt, G_N_ELEMENTS (offsets)),
             sizeof client->office.country);
  g_strlcpy (client->office.currency, (const char *) sqlite3_column_text (stmt, G_N_ELEMENTS (offsets) + 1),
             sizeof client->office.currency);
  return client;
}

/**
 * kl_document_next_number:
 * @kind: offers, contracts or invoices
 * @iso_date: the new document's date
 *
 * kl_company_next_number() with the own company's pattern for @kind: the
 * one call an editor makes for the number of a new document.
 *
 * Returns: (transfer full): the number, or %NULL with @error set
 */
char *
kl_document_next_number (KlDatabase      *database,
                         KlDocumentKind   kind,
                         const char      *iso_date,
                         GError         **error)
{
  g_autoptr(KlCompany) company = NULL;
  const char *pattern;

  g_return_val_if_fail (KL_IS_DATABASE (database), NULL);
  g_return_val_if_fail (kind <= KL_DOCUMENT_INVOICE, NULL);

  company = kl_company_load (database, error);
  if (company == NULL)
    return NULL;
  pattern = kind == KL_DOCUMENT_OFFER ? company->offer_pattern
            : kind == KL_DOCUMENT_CONTRACT ? company->contract_pattern
            : company->invoice_pattern;
  return kl_company_next_number (database, kind, pattern, iso_date, error);
}

/**
 * kl_document_number_is_free:
 * @number: a number typed in an editor
 * @except_id: the document being edited (its own number is free), or 0
 *
 * Returns: FALSE with KL_VALIDATION_ERROR_INVALID and a message for the
 *   field when another document of @kind has @number
 */
gboolean
kl_document_number_is_free (KlDatabase      *database,
                            KlDocumentKind   kind,
                            const char      *number,
                            gint64           except_id,
                            GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 id;

  g_return_val_if_fail (KL_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (kind <= KL_DOCUMENT_INVOICE, FALSE);

  if (number == NULL)
    return TRUE;
  id = kl_document_find (database, kind, number, &local_error);
  if (id == 0 && g_error_matches (local_error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_NOT_FOUND))
    return TRUE;
  if (id == 0)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (id == except_id)
    return TRUE;
  g_set_error_literal (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID,
                       _("Another document already has this number."));
  return FALSE;
}

/* The logo */

/**
 * kl_company_logo_validate:
 * @png: the bytes of a file
 *
 * Returns: FALSE with a message for the user unless @png is a PNG image
 *   of at most KL_COMPANY_LOGO_MAX_BYTES
 */
gboolean
kl_company_logo_validate (GBytes  *png,
                          GError **error)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize size = 0;
  const guint8 *data = png != NULL ? g_bytes_get_data (png, &size) : NULL;

  if (data == NULL || size < sizeof signature || memcmp (data, signature, sizeof signature) != 0)
    {
      g_set_error_literal (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID,
                           _("The logo must be a PNG image."));
      return FALSE;
    }
  if (size > KL_COMPANY_LOGO_MAX_BYTES)
    {
      g_set_error_literal (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_TOO_LONG,
                           _("The logo may be at most 2 MB; choose a smaller image."));
      return FALSE;
    }
  return TRUE;
}

/**
 * kl_company_load_logo:
 *
 * Returns: (transfer full) (nullable): the logo's PNG bytes; %NULL with
 *   no @error when there is none
 */
GBytes *
kl_company_load_logo (KlDatabase  *database,
                      GError     **error)
{
  g_autoptr(KlCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (KL_IS_DATABASE (database), NULL);

  stmt = kl_database_prepare (database, "SELECT data FROM company_logo WHERE id = 1", error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  if (rc != SQLITE_DONE)
    kl_database_set_error (database, error);
  return NULL;
}

/**
 * kl_company_save_logo:
 * @png: (nullable): a PNG image, or %NULL to remove the logo
 *
 * Returns: FALSE with @error set when @png is not a PNG image of at most
 *   KL_COMPANY_LOGO_MAX_BYTES (nothing written)
 */
gboolean
kl_company_save_logo (KlDatabase  *database,
                      GBytes      *png,
                      GError     **error)
{
  g_autoptr(KlCachedStmt) stmt = NULL;
  gsize size;
  const void *data;

  g_return_val_if_fail (KL_IS_DATABASE (database), FALSE);

  if (png == NULL)
    {
      stmt = kl_database_prepare (database, "DELETE FROM company_logo", error);
      return stmt != NULL && kl_database_step_done (database, stmt, error);
    }
  if (!kl_company_logo_validate (png, error))
    return FALSE;
  stmt = kl_database_prepare (database,
                              "INSERT INTO company_logo (id, data) VALUES (1, ?1)"
                              " ON CONFLICT (id) DO UPDATE SET data = excluded.data",
                              error);
  if (stmt == NULL)
    return FALSE;
  data = g_bytes_get_data (png, &size);
  sqlite3_bind_blob64 (stmt, 1, data, size, SQLITE_TRANSIENT);
  return kl_database_step_done (database, stmt, error);
}
