/* SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Field validators for forms and imports. Each returns TRUE when the value is
 * acceptable, or FALSE and sets @error in KL_VALIDATION_ERROR with a short,
 * translated sentence meant to be shown beside the field (the caller adds
 * the field label).
 *
 * Empty input: unless stated otherwise, a NULL or "" value fails with
 * KL_VALIDATION_ERROR_REQUIRED. Optional fields should skip the check when
 * the value is blank. Values are checked as given: callers strip leading and
 * trailing white space before validating and storing.
 */

#define KL_VALIDATION_ERROR (kl_validation_error_quark ())

typedef enum {
  KL_VALIDATION_ERROR_REQUIRED,
  KL_VALIDATION_ERROR_INVALID,
  KL_VALIDATION_ERROR_RANGE,
  KL_VALIDATION_ERROR_ORDER,
  KL_VALIDATION_ERROR_TOO_LONG,
} KlValidationError;

/* Amounts parsed by kl_parse_money() never exceed this many minor units. */
#define KL_MONEY_MAX_MINOR_UNITS G_GINT64_CONSTANT (1000000000000000)

GQuark   kl_validation_error_quark (void);

/* NULL, "" or only (Unicode) white space fails with REQUIRED. */
gboolean kl_validate_required      (const char         *text,
                                    GError            **error);

/* Croatian OIB: exactly 11 ASCII digits, ISO 7064 MOD 11,10 check digit. */
gboolean kl_validate_oib           (const char         *oib,
                                    GError            **error);

/* Russian INN: 10 digits (legal entity, one check digit) or 12 digits
 * (individual, two check digits). */
gboolean kl_validate_inn           (const char         *inn,
                                    GError            **error);

/* @country is ISO 3166-1 alpha-2 (case-insensitive): "HR" checks an OIB,
 * "RU" an INN; any other or NULL country accepts up to 32 characters.
 * A blank @tax_id is accepted: the field is optional. */
gboolean kl_validate_tax_id        (const char         *country,
                                    const char         *tax_id,
                                    GError            **error);

/* IBAN (ISO 13616): country letters, check digits, mod-97 check; the
 * length of the country where known. Spaces inside and small letters are
 * accepted; store kl_iban_normalize()'s form. */
gboolean kl_validate_iban          (const char         *iban,
                                    GError            **error);
char    *kl_iban_normalize         (const char         *iban);

/* Russian KPP: 4 digits, 2 digits or capital letters, 3 digits. */
gboolean kl_validate_kpp           (const char         *kpp,
                                    GError            **error);

/* Russian OGRN (13 digits, check modulo 11) or OGRNIP (15 digits, check
 * modulo 13). */
gboolean kl_validate_ogrn          (const char         *ogrn,
                                    GError            **error);

/* Russian bank BIK: 9 digits starting with 04. */
gboolean kl_validate_bik           (const char         *bik,
                                    GError            **error);

/* A Russian bank account (20 digits) checked against the bank's @bik:
 * a settlement account, or the bank's @correspondent account. */
gboolean kl_validate_ru_account    (const char         *bik,
                                    const char         *account,
                                    gboolean            correspondent,
                                    GError            **error);

/* Practical check, not RFC 5322: one '@', a local part, a domain with at
 * least two non-empty labels, no white space, at most 254 characters.
 * Unicode is allowed in both parts. */
gboolean kl_validate_email         (const char         *email,
                                    GError            **error);

/* Digits, spaces and + - ( ) / . with an optional leading '+', balanced
 * brackets, 6 to 15 digits in total. */
gboolean kl_validate_phone         (const char         *phone,
                                    GError            **error);

/* ISO 8601 calendar date "YYYY-MM-DD" (year 0001-9999) that exists. */
gboolean kl_validate_date          (const char         *iso,
                                    GError            **error);

/* "YYYY-MM-DDTHH:MM[:SS]" or "YYYY-MM-DD HH:MM[:SS]", no time zone. */
gboolean kl_validate_datetime      (const char         *iso,
                                    GError            **error);

/* Both must be valid dates; a blank one is accepted. Fails with ORDER when
 * @end is before @start. */
gboolean kl_validate_date_order    (const char         *start,
                                    const char         *end,
                                    GError            **error);

/* 0 <= @minor_units <= @max_minor_units, else RANGE. */
gboolean kl_validate_amount        (gint64              minor_units,
                                    gint64              max_minor_units,
                                    GError            **error);

/* 0 to 100 inclusive, else RANGE (NaN is INVALID). */
gboolean kl_validate_percent       (double              value,
                                    GError            **error);

/* Three uppercase ASCII letters from the list of supported ISO 4217 codes. */
gboolean kl_validate_currency      (const char         *code,
                                    GError            **error);

/* At most @max_chars UTF-8 characters, else TOO_LONG. NULL is accepted. */
gboolean kl_validate_length        (const char         *text,
                                    guint               max_chars,
                                    GError            **error);

/* @value must equal one of the NULL-terminated @allowed strings. */
gboolean kl_validate_choice        (const char         *value,
                                    const char * const *allowed,
                                    GError            **error);

/*
 * Parses an amount a user typed into minor units (cents). Independent of
 * the locale: "1234", "1234.5", "1234,50", "1.234,50", "1,234.50",
 * "1 234,50" (also U+00A0 and U+202F as group separators).
 *
 * The last '.' or ',' followed by exactly one or two digits at the end is
 * the decimal separator; other '.', ',' and spaces group thousands and must
 * do so consistently (groups of three digits, one kind of separator,
 * different from the decimal one). So "1.234" and "1,234" both mean 1234.
 * At most two decimals, no sign, at most KL_MONEY_MAX_MINOR_UNITS.
 * @out_minor_units may be NULL; it is only set on success.
 */
gboolean kl_parse_money            (const char         *text,
                                    gint64             *out_minor_units,
                                    GError            **error);

G_END_DECLS
