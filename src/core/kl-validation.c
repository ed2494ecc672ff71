/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-validation.h"

#include <math.h>
#include <string.h>

#define EMAIL_MAX_CHARS 254
#define EMAIL_MAX_LABEL_CHARS 63
#define PHONE_MIN_DIGITS 6
#define PHONE_MAX_DIGITS 15
#define TAX_ID_MAX_CHARS 32

/* Supported ISO 4217 codes; add new ones here. */
static const char * const known_currencies[] = {
  "EUR", "HRK", "RUB", "USD", "GBP", "CHF", "BAM",
  "RSD", "CNY", "KZT", "BYN", "PLN", "CZK", "HUF",
};

G_DEFINE_QUARK (kl-validation-error-quark, kl_validation_error)

/* Helpers */

static gboolean
fail (GError            **error,
      KlValidationError   code,
      const char         *message)
{
  g_set_error_literal (error, KL_VALIDATION_ERROR, code, message);
  return FALSE;
}

static gboolean
fail_required (GError **error)
{
  return fail (error, KL_VALIDATION_ERROR_REQUIRED, _("A value is required."));
}

static gboolean
fail_bad_text (GError **error)
{
  return fail (error, KL_VALIDATION_ERROR_INVALID,
               _("The text contains characters that are not allowed."));
}

/* NULL, "" or only white space; invalid UTF-8 is not blank. */
static gboolean
is_blank (const char *text)
{
  const char *p;

  if (text == NULL)
    return TRUE;

  for (p = text; *p != '\0'; )
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          if (!g_ascii_isspace (*p))
            return FALSE;
          p++;
          continue;
        }

      c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_isspace (c))
        return FALSE;
      p = g_utf8_next_char (p);
    }

  return TRUE;
}

static gboolean
is_ascii_digits (const char *text,
                 gsize       len)
{
  gsize i;

  for (i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  return TRUE;
}

/* Reads exactly @n ASCII digits at @p; returns -1 if any is not a digit. */
static int
read_number (const char *p,
             guint       n)
{
  int value = 0;
  guint i;

  for (i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return -1;
      value = value * 10 + (p[i] - '0');
    }

  return value;
}

typedef enum {
  DATE_OK,
  DATE_BAD_FORMAT,
  DATE_NO_SUCH_DATE,
} DateCheck;

/* Checks "YYYY-MM-DD" in the first ten bytes of @p (the caller checks what
 * follows). */
static DateCheck
check_date_prefix (const char *p)
{
  int year, month, day;

  year = read_number (p, 4);
  if (year < 0 || p[4] != '-')
    return DATE_BAD_FORMAT;
  month = read_number (p + 5, 2);
  if (month < 0 || p[7] != '-')
    return DATE_BAD_FORMAT;
  day = read_number (p + 8, 2);
  if (day < 0)
    return DATE_BAD_FORMAT;

  if (year < 1 || month < 1 || month > 12 || day < 1 ||
      day > g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year))
    return DATE_NO_SUCH_DATE;

  return DATE_OK;
}

static gboolean
fail_date (DateCheck   check,
           GError    **error)
{
  g_assert (check != DATE_OK);

  if (check == DATE_NO_SUCH_DATE)
    return fail (error, KL_VALIDATION_ERROR_INVALID, _("This date does not exist."));

  return fail (error, KL_VALIDATION_ERROR_INVALID,
               /* Translators: YYYY-MM-DD is the ISO date format (year, month,
                * day); translate the letters if your language uses others. */
               _("Enter a date as YYYY-MM-DD."));
}

/* Public API */

gboolean
kl_validate_required (const char  *text,
                      GError     **error)
{
  if (is_blank (text))
    return fail_required (error);

  return TRUE;
}

gboolean
kl_validate_oib (const char  *oib,
                 GError     **error)
{
  int a = 10;
  int check;
  guint i;

  if (oib == NULL || *oib == '\0')
    return fail_required (error);

  if (strlen (oib) != 11 || !is_ascii_digits (oib, 11))
    return fail (error, KL_VALIDATION_ERROR_INVALID, _("An OIB has 11 digits."));

  /* ISO 7064, MOD 11,10 */
  for (i = 0; i < 10; i++)
    {
      a = (a + (oib[i] - '0')) % 10;
      if (a == 0)
        a = 10;
      a = (a * 2) % 11;
    }
  check = 11 - a;
  if (check == 10)
    check = 0;

  if (check != oib[10] - '0')
    return fail (error, KL_VALIDATION_ERROR_INVALID,
                 _("The OIB check digit does not match."));

  return TRUE;
}

static int
inn_check_digit (const char *digits,
                 const int  *weights,
                 guint       n_weights)
{
  int sum = 0;
  guint i;

  for (i = 0; i < n_weights; i++)
    sum += (digits[i] - '0') * weights[i];

  return sum % 11 % 10;
}

gboolean
kl_validate_inn (const char  *inn,
                 GError     **error)
{
  static const int w10[] = { 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  static const int w11[] = { 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  static const int w12[] = { 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  gsize len;

  if (inn == NULL || *inn == '\0')
    return fail_required (error);

  len = strlen (inn);
  if ((len != 10 && len != 12) || !is_ascii_digits (inn, len))
    return fail (error, KL_VALIDATION_ERROR_INVALID, _("An INN has 10 or 12 digits."));

  if (len == 10)
    {
      if (inn_check_digit (inn, w10, G_N_ELEMENTS (w10)) != inn[9] - '0')
        return fail (error, KL_VALIDATION_ERROR_INVALID,
                     _("The INN check digit does not match."));
    }
  else
    {
      if (inn_check_digit (inn, w11, G_N_ELEMENTS (w11)) != inn[10] - '0' ||
          inn_check_digit (inn, w12, G_N_ELEMENTS (w12)) != inn[11] - '0')
        return fail (error, KL_VALIDATION_ERROR_INVALID,
                     _("The INN check digits do not match."));
    }

  return TRUE;
}

/* Bank details and Russian company registration numbers */

/* The IBAN lengths of the countries Klijentela's users deal with most; any
 * other country's IBAN is checked for 15 to 34 characters. */
static const struct {
  char country[3];
  guint length;
} iban_lengths[] = {
  { "AT", 20 }, { "BA", 20 }, { "BE", 16 }, { "CH", 21 }, { "CZ", 24 },
  { "DE", 22 }, { "ES", 24 }, { "FR", 27 }, { "GB", 22 }, { "HR", 21 },
  { "HU", 28 }, { "IT", 27 }, { "ME", 22 }, { "MK", 19 }, { "NL", 18 },
  { "PL", 28 }, { "RS", 22 }, { "SI", 19 }, { "SK", 24 },
};

/**
 * kl_iban_normalize:
 * @iban: an IBAN as typed, maybe with spaces and small letters
 *
 * Returns: (transfer full): @iban in capitals with no white space, or
 *   %NULL for %NULL
 */
char *
kl_iban_normalize (const char *iban)
{
  GString *s;

  if (iban == NULL)
    return NULL;

  s = g_string_sized_new (strlen (iban));
  for (const char *p = iban; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (s, g_ascii_toupper (*p));
  return g_string_free (s, FALSE);
}

gboolean
kl_validate_iban (const char  *iban,
                  GError     **error)
{
  g_autofree char *n = NULL;
  guint len;
  guint remainder = 0;

  if (is_blank (iban))
    return fail_required (error);

  n = kl_iban_normalize (iban);
  len = strlen (n);
  if (len < 15 || len > 34 || !g_ascii_isupper (n[0]) || !g_ascii_isupper (n[1])
      || !g_ascii_isdigit (n[2]) || !g_ascii_isdigit (n[3]))
    return fail (error, KL_VALIDATION_ERROR_INVALID,
                 _("An IBAN starts with two letters of the country and two check digits, 15 to 34 characters in all."));
  for (guint i = 4; i < len; i++)
    if (!g_ascii_isdigit (n[i]) && !g_ascii_isupper (n[i]))
      return fail (error, KL_VALIDATION_ERROR_INVALID,
                   _("An IBAN holds only letters and digits."));
  for (guint i = 0; i < G_N_ELEMENTS (iban_lengths); i++)
    if (strncmp (n, iban_lengths[i].country, 2) == 0 && len != iban_lengths[i].length)
      {
        g_set_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID,
                     g_dngettext (GETTEXT_PACKAGE, "An IBAN of %1$s has %2$u character.",
                                  "An IBAN of %1$s has %2$u characters.", iban_lengths[i].length),
                     iban_lengths[i].country, iban_lengths[i].length);
        return FALSE;
      }

  /* ISO 13616: the first four characters moved to the end, letters as
   * 10…35, the number modulo 97 must be 1. */
  for (guint k = 0; k < len; k++)
    {
      char c = n[(k + 4) % len];

      if (g_ascii_isdigit (c))
        remainder = (remainder * 10 + (guint) (c - '0')) % 97;
      else
        remainder = (remainder * 100 + (guint) (c - 'A' + 10)) % 97;
    }
  if (remainder != 1)
    return fail (error, KL_VALIDATION_ERROR_INVALID,
                 _("The IBAN check digits do not match: a character may be mistyped."));

  return TRUE;
}

gboolean
kl_validate_kpp (const char  *kpp,
                 GError     **error)
{
  if (is_blank (kpp))
    return fail_required (error);

  if (strlen (kpp) != 9 || !is_ascii_digits (kpp, 4) || !is_ascii_digits (kpp + 6, 3)
      || !(g_ascii_isdigit (kpp[4]) || g_ascii_isupper (kpp[4]))
      || !(g_ascii_isdigit (kpp[5]) || g_ascii_isupper (kpp[5])))
    return fail (error, KL_VALIDATION_ERROR_INVALID,
                 _("A KPP has 9 characters: four digits, two digits or capital letters, three digits."));

  return TRUE;
}

/* The number in @digits[0 … @n) modulo @m. */
static guint
digits_mod (const char *digits,
            guint       n,
            guint       m)
{
  guint r = 0;

  for (guint i = 0; i < n; i++)
    r = (r * 10 + (guint) (digits[i] - '0')) % m;
  return r;
}

gboolean
kl_validate_ogrn (const char  *ogrn,
                  GError     **error)
{
  gsize len;

  if (is_blank (ogrn))
    return fail_required (error);

  len = strlen (ogrn);
  if ((len != 13 && len != 15) || !is_ascii_digits (ogrn, len))
    return fail (error, KL_VALIDATION_ERROR_INVALID,
                 _("An OGRN has 13 digits, an OGRNIP 15."));

  /* OGRN: the first 12 digits modulo 11; OGRNIP: the first 14 modulo 13;
   * the last digit of the remainder is the check digit. */
  if (digits_mod (ogrn, len - 1, len == 13 ? 11 : 13) % 10 != (guint) (ogrn[len - 1] - '0'))
    return fail (error, KL_VALIDATION_ERROR_INVALID,
                 len == 13 ? _("The OGRN check digit does not match.")
                           : _("The OGRNIP check digit does not match."));

  return TRUE;
}

gboolean
kl_validate_bik (const char  *bik,
                 GError     **error)
{
  if (is_blank (bik))
    return fail_required (error);

  if (strlen (bik) != 9 || !is_ascii_digits (bik, 9) || strncmp (bik, "04", 2) != 0)
    return fail (error, KL_VALIDATION_ERROR_INVALID,
                 _("A BIK has 9 digits and starts with 04."));

  return TRUE;
}

/* The Bank of Russia's key: weights 7 1 3 over 23 digits, sum ending in 0. */
static gboolean
ru_account_key_ok (const char *prefix,
                   const char *account)
{
  static const guint weights[] = { 7, 1, 3 };
  char digits[24];
  guint sum = 0;

  g_snprintf (digits, sizeof digits, "%s%s", prefix, account);
  for (guint i = 0; i < 23; i++)
    sum += (guint) (digits[i] - '0') * weights[i % 3] % 10;
  return sum % 10 == 0;
}

gboolean
kl_validate_ru_account (const char  *bik,
                        const char  *account,
                        gboolean     correspondent,
                        GError     **error)
{
  char prefix[4];

  if (is_blank (account))
    return fail_required (error);

  if (strlen (account) != 20 || !is_ascii_digits (account, 20))
    return fail (error, KL_VALIDATION_ERROR_INVALID, _("A bank account number has 20 digits."));
  if (!kl_validate_bik (bik, NULL))
    return fail (error, KL_VALIDATION_ERROR_INVALID,
                 _("Enter the bank's BIK first: the account is checked against it."));

  if (correspondent)
    g_snprintf (prefix, sizeof prefix, "0%c%c", bik[4], bik[5]);
  else
    g_snprintf (prefix, sizeof prefix, "%c%c%c", bik[6], bik[7], bik[8]);
  if (!ru_account_key_ok (prefix, account))
    return fail (error, KL_VALIDATION_ERROR_INVALID,
                 _("The account's check digit does not match the bank's BIK."));

  return TRUE;
}

gboolean
kl_validate_tax_id (const char  *country,
                    const char  *tax_id,
                    GError     **error)
{
  const char *p;

  if (is_blank (tax_id))
    return TRUE;

  if (country != NULL && g_ascii_strcasecmp (country, "HR") == 0)
    return kl_validate_oib (tax_id, error);

  if (country != NULL && g_ascii_strcasecmp (country, "RU") == 0)
    return kl_validate_inn (tax_id, error);

  if (!g_utf8_validate (tax_id, -1, NULL))
    return fail_bad_text (error);

  for (p = tax_id; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_iscntrl (g_utf8_get_char (p)))
      return fail_bad_text (error);

  if (g_utf8_strlen (tax_id, -1) > TAX_ID_MAX_CHARS)
    return fail (error, KL_VALIDATION_ERROR_TOO_LONG,
                 _("A tax number can have at most 32 characters."));

  return TRUE;
}

static gboolean
is_email_local_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isgraph ((char) c) && strchr ("()<>[]\\,;:\"@", (int) c) == NULL;

  return g_unichar_isgraph (c);
}

static gboolean
is_domain_char (gunichar c)
{
  if (c < 0x80)
    return g_ascii_isalnum ((char) c) || c == '-';

  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/* Checks @domain (up to @end) as dot-separated labels. */
static gboolean
is_valid_domain (const char *domain,
                 const char *end)
{
  const char *label = domain;
  const char *p;
  guint n_labels = 0;
  guint label_chars = 0;
  gboolean label_all_digits = TRUE;
  gunichar prev = 0;

  for (p = domain; ; p = g_utf8_next_char (p))
    {
      gunichar c = p < end ? g_utf8_get_char (p) : 0;

      if (c == '.' || c == 0)
        {
          if (p == label || prev == '-' || label_chars > EMAIL_MAX_LABEL_CHARS)
            return FALSE;
          n_labels++;
          if (c == 0)
            break;
          label = p + 1;
          label_chars = 0;
          label_all_digits = TRUE;
          prev = c;
          continue;
        }

      if (!is_domain_char (c) || (c == '-' && p == label))
        return FALSE;
      if (!g_ascii_isdigit (c))
        label_all_digits = FALSE;
      label_chars++;
      prev = c;
    }

  /* The last label is a top-level domain, never only digits. */
  return n_labels >= 2 && !label_all_digits;
}

gboolean
kl_validate_email (const char  *email,
                   GError     **error)
{
  const char *at = NULL;
  const char *p;
  gunichar prev = 0;

  if (email == NULL || *email == '\0')
    return fail_required (error);

  if (!g_utf8_validate (email, -1, NULL))
    return fail_bad_text (error);

  if (g_utf8_strlen (email, -1) > EMAIL_MAX_CHARS)
    return fail (error, KL_VALIDATION_ERROR_TOO_LONG,
                 _("An e-mail address can have at most 254 characters."));

  for (p = email; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        return fail (error, KL_VALIDATION_ERROR_INVALID,
                     _("An e-mail address cannot contain spaces."));

      if (c == '@')
        {
          if (at != NULL)
            goto invalid;
          at = p;
        }
    }

  if (at == NULL || at == email)
    goto invalid;

  /* Local part: dot-atom, no leading, trailing or double dots. */
  for (p = email; p < at; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '.')
        {
          if (p == email || prev == '.')
            goto invalid;
        }
      else if (!is_email_local_char (c))
        goto invalid;

      prev = c;
    }
  if (prev == '.')
    goto invalid;

  if (!is_valid_domain (at + 1, at + strlen (at)))
    goto invalid;

  return TRUE;

invalid:
  return fail (error, KL_VALIDATION_ERROR_INVALID,
               _("Enter an e-mail address such as name@example.com."));
}

gboolean
kl_validate_phone (const char  *phone,
                   GError     **error)
{
  const char *p;
  guint n_digits = 0;
  gboolean in_bracket = FALSE;
  gboolean seen_other = FALSE;

  if (phone == NULL || *phone == '\0')
    return fail_required (error);

  for (p = phone; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          n_digits++;
          break;

        case '+':
          if (seen_other)
            return fail (error, KL_VALIDATION_ERROR_INVALID,
                         _("A plus sign is allowed only at the start of a phone number."));
          break;

        case '(':
          if (in_bracket)
            goto bad_brackets;
          in_bracket = TRUE;
          break;

        case ')':
          if (!in_bracket)
            goto bad_brackets;
          in_bracket = FALSE;
          break;

        case ' ': case '-': case '/': case '.':
          break;

        default:
          return fail (error, KL_VALIDATION_ERROR_INVALID,
                       _("A phone number can contain only digits, spaces and the characters + - ( ) / ."));
        }

      if (*p != ' ')
        seen_other = TRUE;
    }

  if (in_bracket)
    goto bad_brackets;

  if (n_digits < PHONE_MIN_DIGITS || n_digits > PHONE_MAX_DIGITS)
    return fail (error, KL_VALIDATION_ERROR_INVALID,
                 _("A phone number has 6 to 15 digits."));

  return TRUE;

bad_brackets:
  return fail (error, KL_VALIDATION_ERROR_INVALID,
               _("The brackets in the phone number do not match."));
}

gboolean
kl_validate_date (const char  *iso,
                  GError     **error)
{
  DateCheck check;

  if (iso == NULL || *iso == '\0')
    return fail_required (error);

  if (strlen (iso) != 10)
    return fail_date (DATE_BAD_FORMAT, error);

  check = check_date_prefix (iso);
  if (check != DATE_OK)
    return fail_date (check, error);

  return TRUE;
}

gboolean
kl_validate_datetime (const char  *iso,
                      GError     **error)
{
  DateCheck check;
  gsize len;
  int hour, minute, second = 0;

  if (iso == NULL || *iso == '\0')
    return fail_required (error);

  len = strlen (iso);
  if ((len != 16 && len != 19) ||
      (iso[10] != 'T' && iso[10] != ' ') ||
      iso[13] != ':' ||
      (len == 19 && iso[16] != ':'))
    goto bad_format;

  check = check_date_prefix (iso);
  if (check == DATE_BAD_FORMAT)
    goto bad_format;

  hour = read_number (iso + 11, 2);
  minute = read_number (iso + 14, 2);
  if (len == 19)
    second = read_number (iso + 17, 2);
  if (hour < 0 || minute < 0 || second < 0)
    goto bad_format;

  if (check == DATE_NO_SUCH_DATE)
    return fail_date (check, error);

  if (hour > 23 || minute > 59 || second > 59)
    return fail (error, KL_VALIDATION_ERROR_INVALID, _("This time does not exist."));

  return TRUE;

bad_format:
  return fail (error, KL_VALIDATION_ERROR_INVALID,
               /* Translators: YYYY-MM-DD HH:MM is the ISO format (year, month,
                * day, hour, minute); translate the letters if your language
                * uses others. */
               _("Enter a date and time as YYYY-MM-DD HH:MM."));
}

gboolean
kl_validate_date_order (const char  *start,
                        const char  *end,
                        GError     **error)
{
  if (is_blank (start) || is_blank (end))
    return TRUE;

  if (!kl_validate_date (start, error) || !kl_validate_date (end, error))
    return FALSE;

  /* Valid ISO dates compare as strings. */
  if (strcmp (end, start) < 0)
    return fail (error, KL_VALIDATION_ERROR_ORDER,
                 _("The end date is before the start date."));

  return TRUE;
}

gboolean
kl_validate_amount (gint64   minor_units,
                    gint64   max_minor_units,
                    GError **error)
{
  g_return_val_if_fail (max_minor_units >= 0, FALSE);

  if (minor_units < 0)
    return fail (error, KL_VALIDATION_ERROR_RANGE, _("The amount cannot be negative."));

  if (minor_units > max_minor_units)
    return fail (error, KL_VALIDATION_ERROR_RANGE, _("The amount is too large."));

  return TRUE;
}

gboolean
kl_validate_percent (double   value,
                     GError **error)
{
  if (isnan (value))
    return fail (error, KL_VALIDATION_ERROR_INVALID, _("Enter a number."));

  if (value < 0.0 || value > 100.0)
    return fail (error, KL_VALIDATION_ERROR_RANGE,
                 _("Enter a percentage from 0 to 100."));

  return TRUE;
}

gboolean
kl_validate_currency (const char  *code,
                      GError     **error)
{
  guint i;

  if (code == NULL || *code == '\0')
    return fail_required (error);

  if (strlen (code) != 3 ||
      !g_ascii_isupper (code[0]) || !g_ascii_isupper (code[1]) || !g_ascii_isupper (code[2]))
    return fail (error, KL_VALIDATION_ERROR_INVALID,
                 _("A currency code has three capital letters, such as EUR."));

  for (i = 0; i < G_N_ELEMENTS (known_currencies); i++)
    if (strcmp (code, known_currencies[i]) == 0)
      return TRUE;

  return fail (error, KL_VALIDATION_ERROR_INVALID, _("This currency is not supported."));
}

gboolean
kl_validate_length (const char  *text,
                    guint        max_chars,
                    GError     **error)
{
  const char *p;
  guint n = 0;

  if (text == NULL)
    return TRUE;

  if (!g_utf8_validate (text, -1, NULL))
    return fail_bad_text (error);

  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (++n > max_chars)
        {
          g_set_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_TOO_LONG,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "Use at most %u character.",
                                    "Use at most %u characters.",
                                    max_chars),
                       max_chars);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
kl_validate_choice (const char          *value,
                    const char * const  *allowed,
                    GError             **error)
{
  guint i;

  g_return_val_if_fail (allowed != NULL, FALSE);

  if (value == NULL)
    return fail (error, KL_VALIDATION_ERROR_REQUIRED, _("Choose a value."));

  for (i = 0; allowed[i] != NULL; i++)
    if (strcmp (value, allowed[i]) == 0)
      return TRUE;

  return fail (error, KL_VALIDATION_ERROR_INVALID, _("Choose one of the offered values."));
}

/* kl_parse_money() */

#define MONEY_MAX_UNITS (KL_MONEY_MAX_MINOR_UNITS / 100)

/* Checks the integer part of an amount: plain digits, or digit groups of
 * three after a first group of one to three, all separated by the same
 * kind of separator (@decimal_sep excluded). Sets *@units unless it would
 * exceed MONEY_MAX_UNITS, in which case *@too_large is set. */
static gboolean
parse_money_units (const char *p,
                   const char *end,
                   char        decimal_sep,
                   guint64    *units,
                   gboolean   *too_large)
{
  guint64 value = 0;
  char group_sep = 0;
  guint group_len = 0;
  guint n_groups = 1;
  gboolean first_is_zero = FALSE;

  *too_large = FALSE;

  for (; p < end; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (n_groups == 1 && group_len == 0)
            first_is_zero = (*p == '0');
          group_len++;
          if (value <= MONEY_MAX_UNITS)
            value = value * 10 + (guint64) (*p - '0');
          continue;
        }

      /* A separator: *p is '.', ',' or ' ' (any space). */
      if (group_sep == 0)
        {
          if (*p == decimal_sep)
            return FALSE;
          group_sep = *p;
          if (group_len < 1 || group_len > 3 || first_is_zero)
            return FALSE;
        }
      else if (*p != group_sep || group_len != 3)
        return FALSE;

      group_len = 0;
      n_groups++;
    }

  if (group_sep != 0 && group_len != 3)
    return FALSE;

  if (value > MONEY_MAX_UNITS)
    *too_large = TRUE;

  *units = value;
  return TRUE;
}

static guint
count_decimal_marks (const char *p,
                     const char *end)
{
  guint n = 0;

  for (; p < end; p++)
    if (*p == '.' || *p == ',')
      n++;

  return n;
}

gboolean
kl_parse_money (const char  *text,
                gint64      *out_minor_units,
                GError     **error)
{
  g_autofree char *buf = NULL;
  const char *p;
  char *start, *end, *dec = NULL, *q;
  gsize n_tail = 0;
  guint64 units = 0;
  guint64 minor = 0;
  gboolean too_large;
  gboolean seen_non_space = FALSE;

  if (is_blank (text))
    return fail (error, KL_VALIDATION_ERROR_REQUIRED, _("Enter an amount."));

  if (!g_utf8_validate (text, -1, NULL))
    goto invalid;

  /* Reduce to ASCII digits, '.', ',' and ' ' (every kind of space). */
  buf = g_malloc (strlen (text) + 1);
  q = buf;
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_ascii_isdigit (c) || c == '.' || c == ',')
        *q++ = (char) c;
      else if (g_unichar_isspace (c))
        *q++ = ' ';
      else if ((c == '-' || c == 0x2212) && !seen_non_space)
        return fail (error, KL_VALIDATION_ERROR_RANGE,
                     _("The amount cannot be negative."));
      else
        goto invalid;

      if (q[-1] != ' ')
        seen_non_space = TRUE;
    }

  start = buf;
  end = q;
  while (start < end && *start == ' ')
    start++;
  while (end > start && end[-1] == ' ')
    end--;

  /* The decimal separator: the last '.' or ',' if one or two digits
   * follow it up to the end. */
  for (q = end; q > start && g_ascii_isdigit (q[-1]); q--)
    n_tail++;
  if (q > start && (q[-1] == '.' || q[-1] == ',') && n_tail >= 1 && n_tail <= 2)
    dec = q - 1;

  if (!parse_money_units (start, dec != NULL ? dec : end, dec != NULL ? *dec : 0,
                          &units, &too_large))
    {
      /* "1,2345" or "0,125": one separator with more digits after it
       * than a decimal part may have. */
      if (dec == NULL && n_tail >= 3 && q > start && count_decimal_marks (start, end) == 1 &&
          (q[-1] == '.' || q[-1] == ','))
        return fail (error, KL_VALIDATION_ERROR_INVALID,
                     _("An amount can have at most two decimals."));
      goto invalid;
    }

  if (too_large)
    goto out_of_range;

  minor = units * 100;
  if (dec != NULL)
    {
      minor += (guint64) (dec[1] - '0') * 10;
      if (n_tail == 2)
        minor += (guint64) (dec[2] - '0');
    }

  if (minor > (guint64) KL_MONEY_MAX_MINOR_UNITS)
    goto out_of_range;

  if (out_minor_units != NULL)
    *out_minor_units = (gint64) minor;

  return TRUE;

out_of_range:
  return fail (error, KL_VALIDATION_ERROR_RANGE, _("The amount is too large."));

invalid:
  return fail (error, KL_VALIDATION_ERROR_INVALID,
               /* Translators: an example amount; write it the way people in
                * your language do. "1.234,50" and "1,234.50" are both
                * accepted. */
               _("Enter an amount such as 1.234,50."));
}
