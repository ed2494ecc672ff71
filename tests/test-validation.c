/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-validation.h"

#include <math.h>
#include <string.h>

#define VALID_OIB "33392005961"

static void
test_error_quark (void)
{
  g_assert_cmpstr (g_quark_to_string (KL_VALIDATION_ERROR), ==, "kl-validation-error-quark");
}

static void
test_required (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_validate_required ("a", NULL));
  g_assert_true (kl_validate_required ("  Ana  ", NULL));

  g_assert_false (kl_validate_required (NULL, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED);
  g_assert_nonnull (error->message);
  g_clear_error (&error);

  g_assert_false (kl_validate_required ("", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);

  /* Tab, newline, no-break space, narrow no-break space */
  g_assert_false (kl_validate_required (" \t\n\xc2\xa0\xe2\x80\xaf", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED);
}

static void
test_oib_valid (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_validate_oib (VALID_OIB, &error));
  g_assert_no_error (error);
  /* Other known-good OIBs */
  g_assert_true (kl_validate_oib ("69435151530", NULL));
  g_assert_true (kl_validate_oib ("00000000001", NULL));
}

static void
test_oib_single_digit_errors (void)
{
  guint pos;
  guint n_checked = 0;

  for (pos = 0; pos < 11; pos++)
    {
      char d;

      for (d = '0'; d <= '9'; d++)
        {
          g_autoptr(GError) error = NULL;
          char oib[] = VALID_OIB;

          if (oib[pos] == d)
            continue;
          oib[pos] = d;

          if (kl_validate_oib (oib, &error))
            g_error ("OIB %s with a changed digit was accepted", oib);
          g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
          n_checked++;
        }
    }

  g_assert_cmpuint (n_checked, ==, 11 * 9);
}

static void
test_oib_format (void)
{
  const char *bad[] = {
    "3339200596", "333920059612", "3339200596a", "3339200596 ",
    " 33392005961", "333 920 059 61", "３３３９２００５９６１", "+3392005961",
  };
  g_autoptr(GError) error = NULL;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (kl_validate_oib (bad[i], &error));
      g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, "An OIB has 11 digits.");
      g_clear_error (&error);
    }

  g_assert_false (kl_validate_oib ("33392005962", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "The OIB check digit does not match.");
  g_clear_error (&error);

  g_assert_false (kl_validate_oib ("", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);

  g_assert_false (kl_validate_oib (NULL, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED);
}

static void
assert_inn_neighbours_invalid (const char *valid)
{
  gsize last = strlen (valid) - 1;
  char d;

  for (d = '0'; d <= '9'; d++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *inn = g_strdup (valid);

      if (inn[last] == d)
        continue;
      inn[last] = d;

      if (kl_validate_inn (inn, &error))
        g_error ("INN %s was accepted", inn);
      g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
    }
}

static void
test_inn_valid (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_validate_inn ("1234567894", &error));
  g_assert_no_error (error);
  g_assert_true (kl_validate_inn ("123456789047", &error));
  g_assert_no_error (error);
  /* Sberbank (legal entity) */
  g_assert_true (kl_validate_inn ("7707083893", NULL));
}

static void
assert_invalid (gboolean (*check) (const char *, GError **),
                const char *value,
                int         code)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (check (value, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, code);
}

/* Each digit changed in turn must break the check. */
static void
assert_neighbours_invalid (gboolean  (*check) (const char *, GError **),
                           const char *valid)
{
  for (gsize i = 0; valid[i] != '\0'; i++)
    {
      g_autofree char *copy = g_strdup (valid);

      if (!g_ascii_isdigit (copy[i]))
        continue;
      copy[i] = copy[i] == '9' ? '0' : copy[i] + 1;
      assert_invalid (check, copy, KL_VALIDATION_ERROR_INVALID);
    }
}

static void
test_iban (void)
{
  static const char *const valid[] = {
    "HR1210010051863000160",              /* Croatian example */
    "hr12 1001 0051 8630 0016 0",         /* as typed */
    "DE89370400440532013000",
    "GB82WEST12345698765432",
  };
  g_autofree char *normal = kl_iban_normalize (" hr12 1001 0051 8630 0016 0 ");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      g_assert_true (kl_validate_iban (valid[i], &error));
      g_assert_no_error (error);
    }
  g_assert_cmpstr (normal, ==, "HR1210010051863000160");

  assert_neighbours_invalid (kl_validate_iban, "HR1210010051863000160");
  /* Two digits swapped. */
  assert_invalid (kl_validate_iban, "HR1210010051863000106", KL_VALIDATION_ERROR_INVALID);
  /* A Croatian IBAN has 21 characters. */
  g_assert_false (kl_validate_iban ("HR12100100518630001600", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "21"));
  assert_invalid (kl_validate_iban, "1210010051863000160HR", KL_VALIDATION_ERROR_INVALID);
  assert_invalid (kl_validate_iban, "HR12-1001-0051-8630-0016", KL_VALIDATION_ERROR_INVALID);
  assert_invalid (kl_validate_iban, "HR12", KL_VALIDATION_ERROR_INVALID);
  assert_invalid (kl_validate_iban, "", KL_VALIDATION_ERROR_REQUIRED);
}

static void
test_kpp (void)
{
  g_assert_true (kl_validate_kpp ("773601001", NULL));
  g_assert_true (kl_validate_kpp ("7736AB001", NULL));
  assert_invalid (kl_validate_kpp, "77360100", KL_VALIDATION_ERROR_INVALID);
  assert_invalid (kl_validate_kpp, "7736010011", KL_VALIDATION_ERROR_INVALID);
  assert_invalid (kl_validate_kpp, "7736ab001", KL_VALIDATION_ERROR_INVALID);
  assert_invalid (kl_validate_kpp, "A73601001", KL_VALIDATION_ERROR_INVALID);
  assert_invalid (kl_validate_kpp, "7736010A1", KL_VALIDATION_ERROR_INVALID);
  assert_invalid (kl_validate_kpp, NULL, KL_VALIDATION_ERROR_REQUIRED);
}

static void
test_ogrn (void)
{
  g_autoptr(GError) error = NULL;

  /* Sberbank's OGRN and an entrepreneur's OGRNIP. */
  g_assert_true (kl_validate_ogrn ("1027700132195", &error));
  g_assert_true (kl_validate_ogrn ("1027739609391", &error));
  g_assert_true (kl_validate_ogrn ("304500116000157", &error));
  g_assert_no_error (error);
  assert_neighbours_invalid (kl_validate_ogrn, "1027700132195");
  assert_neighbours_invalid (kl_validate_ogrn, "304500116000157");
  g_assert_false (kl_validate_ogrn ("1027700132196", &error));
  g_assert_cmpstr (error->message, ==, "The OGRN check digit does not match.");
  g_clear_error (&error);
  g_assert_false (kl_validate_ogrn ("304500116000158", &error));
  g_assert_cmpstr (error->message, ==, "The OGRNIP check digit does not match.");
  assert_invalid (kl_validate_ogrn, "10277001321", KL_VALIDATION_ERROR_INVALID);
  assert_invalid (kl_validate_ogrn, "10277001321950", KL_VALIDATION_ERROR_INVALID);
  assert_invalid (kl_validate_ogrn, "102770013219X", KL_VALIDATION_ERROR_INVALID);
  assert_invalid (kl_validate_ogrn, "", KL_VALIDATION_ERROR_REQUIRED);
}

static void
test_bik_and_accounts (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_validate_bik ("044525225", &error));
  g_assert_no_error (error);
  assert_invalid (kl_validate_bik, "04452522", KL_VALIDATION_ERROR_INVALID);
  assert_invalid (kl_validate_bik, "144525225", KL_VALIDATION_ERROR_INVALID);
  assert_invalid (kl_validate_bik, "04452522X", KL_VALIDATION_ERROR_INVALID);
  assert_invalid (kl_validate_bik, NULL, KL_VALIDATION_ERROR_REQUIRED);

  /* Sberbank's correspondent account, and a settlement account there. */
  g_assert_true (kl_validate_ru_account ("044525225", "30101810400000000225", TRUE, &error));
  g_assert_true (kl_validate_ru_account ("044525225", "40702810938000000001", FALSE, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 20; i++)
    {
      char account[] = "40702810938000000001";

      account[i] = account[i] == '9' ? '0' : account[i] + 1;
      g_assert_false (kl_validate_ru_account ("044525225", account, FALSE, &error));
      g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
      g_clear_error (&error);
    }
  /* Right account, another bank. */
  g_assert_false (kl_validate_ru_account ("044525226", "40702810938000000001", FALSE, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kl_validate_ru_account ("044525225", "4070281093800000000", FALSE, &error));
  g_assert_cmpstr (error->message, ==, "A bank account number has 20 digits.");
  g_clear_error (&error);
  g_assert_false (kl_validate_ru_account (NULL, "40702810938000000001", FALSE, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
}

static void
test_inn_invalid (void)
{
  const char *bad_format[] = {
    "12345678901", "123456789", "1234567890123", "123456789a", "12345 67894", "+123456789",
  };
  g_autoptr(GError) error = NULL;
  guint i;

  assert_inn_neighbours_invalid ("1234567894");
  assert_inn_neighbours_invalid ("123456789047");

  /* The 11th digit (first check digit of a 12-digit INN) too */
  g_assert_false (kl_validate_inn ("123456789057", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  for (i = 0; i < G_N_ELEMENTS (bad_format); i++)
    {
      g_assert_false (kl_validate_inn (bad_format[i], &error));
      g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, "An INN has 10 or 12 digits.");
      g_clear_error (&error);
    }

  g_assert_false (kl_validate_inn (NULL, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED);
}

static void
test_tax_id (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_validate_tax_id ("HR", VALID_OIB, NULL));
  g_assert_true (kl_validate_tax_id ("hr", VALID_OIB, NULL));
  g_assert_true (kl_validate_tax_id ("RU", "1234567894", NULL));
  g_assert_true (kl_validate_tax_id ("RU", "123456789047", NULL));

  /* Optional field */
  g_assert_true (kl_validate_tax_id ("HR", NULL, NULL));
  g_assert_true (kl_validate_tax_id ("HR", "", NULL));
  g_assert_true (kl_validate_tax_id ("RU", "", NULL));
  g_assert_true (kl_validate_tax_id (NULL, NULL, NULL));

  /* Other countries: free text up to 32 characters */
  g_assert_true (kl_validate_tax_id ("DE", "DE 123 456 789", NULL));
  g_assert_true (kl_validate_tax_id (NULL, "anything at all", NULL));
  g_assert_true (kl_validate_tax_id ("SI", "ŠĐČĆŽšđčćžШЩЖшщж0123456789ABCD", NULL));

  g_assert_false (kl_validate_tax_id ("HR", "1234567894", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (kl_validate_tax_id ("RU", VALID_OIB, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (kl_validate_tax_id ("DE", "123456789012345678901234567890123", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_TOO_LONG);
  g_clear_error (&error);

  g_assert_false (kl_validate_tax_id (NULL, "12\x01" "3", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
}

static void
test_email_valid (void)
{
  const char *good[] = {
    "name@example.com",
    "ana.horvat@firma.hr",
    "i.ivanov+crm@mail.ru",
    "o'brien@example.co.uk",
    "x@sub-domain.example.org",
    "ivan@почта.рф",
    "иван@почта.рф",
    "šime@tvrtka.hr",
    "a_b-c@xn--80a1acny.xn--p1ai",
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;

      if (!kl_validate_email (good[i], &error))
        g_error ("%s rejected: %s", good[i], error->message);
    }
}

static void
test_email_invalid (void)
{
  const char *bad[] = {
    "plainaddress",
    "@example.com",
    "name@",
    "name@example",
    "name@@example.com",
    "name@ex@ample.com",
    "name@example..com",
    "name@.example.com",
    "name@example.com.",
    "name@-example.com",
    "name@example-.com",
    "name@exa_mple.com",
    ".name@example.com",
    "name.@example.com",
    "na..me@example.com",
    "na(me)@example.com",
    "name@example.123",
    "name@exam!ple.com",
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *local = NULL;
  g_autofree char *long_email = NULL;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      if (kl_validate_email (bad[i], &error))
        g_error ("%s accepted", bad[i]);
      g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, "Enter an e-mail address such as name@example.com.");
      g_clear_error (&error);
    }

  g_assert_false (kl_validate_email ("name @example.com", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "An e-mail address cannot contain spaces.");
  g_clear_error (&error);

  g_assert_false (kl_validate_email ("name@example.com\xc2\xa0", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (kl_validate_email ("name@exa\xffmple.com", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (kl_validate_email ("", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);

  /* 254 characters pass, 255 do not */
  local = g_strnfill (254 - strlen ("@example.com"), 'a');
  long_email = g_strconcat (local, "@example.com", NULL);
  g_assert_cmpuint (strlen (long_email), ==, 254);
  g_assert_true (kl_validate_email (long_email, NULL));
  g_clear_pointer (&long_email, g_free);

  long_email = g_strconcat (local, "@example.com.", NULL);
  g_assert_false (kl_validate_email (long_email, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_TOO_LONG);
  g_clear_error (&error);
  g_clear_pointer (&long_email, g_free);

  long_email = g_strconcat ("x", local, "@example.com", NULL);
  g_assert_false (kl_validate_email (long_email, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_TOO_LONG);
}

static void
test_phone (void)
{
  const char *good[] = {
    "+385 1 4567 890", "(01) 456-7890", "+7 495 123-45-67", "8 (800) 555-35-35",
    "091/234-5678", "01.456.7890", "123456", "+123456789012345",
  };
  g_autoptr(GError) error = NULL;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (good); i++)
    if (!kl_validate_phone (good[i], &error))
      g_error ("%s rejected: %s", good[i], error->message);

  g_assert_false (kl_validate_phone ("12345", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "A phone number has 6 to 15 digits.");
  g_clear_error (&error);

  g_assert_false (kl_validate_phone ("+1234567890123456", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (kl_validate_phone ("385+1234567", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (kl_validate_phone ("++3851234567", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (kl_validate_phone ("01 456 78 90 ext 12", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (kl_validate_phone ("(01 456 7890", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (kl_validate_phone ("01) 456 7890", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (kl_validate_phone ("((01)) 456 7890", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (kl_validate_phone (NULL, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED);
}

static void
test_date (void)
{
  const char *bad_format[] = {
    "2024-2-29", "24-02-29", "2024/02/29", "2024-02-29T10:00", "29.02.2024", "2024-02-2a", " 2024-02-29",
  };
  const char *no_such_date[] = {
    "2023-02-29", "2025-02-30", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00", "0000-01-01",
  };
  g_autoptr(GError) error = NULL;
  guint i;

  g_assert_true (kl_validate_date ("2024-02-29", &error));
  g_assert_no_error (error);
  g_assert_true (kl_validate_date ("2000-02-29", NULL));
  g_assert_true (kl_validate_date ("2024-12-31", NULL));
  g_assert_true (kl_validate_date ("0001-01-01", NULL));

  g_assert_false (kl_validate_date ("1900-02-29", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  for (i = 0; i < G_N_ELEMENTS (bad_format); i++)
    {
      g_assert_false (kl_validate_date (bad_format[i], &error));
      g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, "Enter a date as YYYY-MM-DD.");
      g_clear_error (&error);
    }

  for (i = 0; i < G_N_ELEMENTS (no_such_date); i++)
    {
      g_assert_false (kl_validate_date (no_such_date[i], &error));
      g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, "This date does not exist.");
      g_clear_error (&error);
    }

  g_assert_false (kl_validate_date ("", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED);
}

static void
test_datetime (void)
{
  const char *good[] = {
    "2024-02-29T10:15", "2024-02-29 10:15", "2024-02-29T23:59:59", "2024-02-29 00:00:00",
  };
  const char *bad[] = {
    "2024-02-29", "2024-02-29T24:00", "2024-02-29T10:60", "2024-02-29T10:15:60",
    "2023-02-29T10:15", "2024-02-29t10:15", "2024-02-29T10:15Z", "2024-02-29T10:15:00+01:00",
    "2024-02-29T1:15", "2024-02-29  10:15",
  };
  g_autoptr(GError) error = NULL;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (good); i++)
    if (!kl_validate_datetime (good[i], &error))
      g_error ("%s rejected: %s", good[i], error->message);

  for (i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      if (kl_validate_datetime (bad[i], &error))
        g_error ("%s accepted", bad[i]);
      g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
      g_clear_error (&error);
    }
}

static void
test_date_order (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_validate_date_order ("2024-01-01", "2024-01-01", NULL));
  g_assert_true (kl_validate_date_order ("2024-01-31", "2024-02-01", NULL));
  g_assert_true (kl_validate_date_order ("", "2024-02-01", NULL));
  g_assert_true (kl_validate_date_order ("2024-01-31", NULL, NULL));
  g_assert_true (kl_validate_date_order (NULL, NULL, NULL));

  g_assert_false (kl_validate_date_order ("2024-02-01", "2024-01-31", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_ORDER);
  g_assert_cmpstr (error->message, ==, "The end date is before the start date.");
  g_clear_error (&error);

  g_assert_false (kl_validate_date_order ("2023-02-29", "2024-01-31", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (kl_validate_date_order ("2024-01-31", "31.1.2025", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
}

static void
test_amount (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_validate_amount (0, 100, NULL));
  g_assert_true (kl_validate_amount (100, 100, NULL));

  g_assert_false (kl_validate_amount (-1, 100, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "The amount cannot be negative.");
  g_clear_error (&error);

  g_assert_false (kl_validate_amount (101, 100, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_RANGE);
}

static void
test_percent (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_validate_percent (0.0, NULL));
  g_assert_true (kl_validate_percent (25.5, NULL));
  g_assert_true (kl_validate_percent (100.0, NULL));

  g_assert_false (kl_validate_percent (-0.01, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);

  g_assert_false (kl_validate_percent (100.01, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);

  g_assert_false (kl_validate_percent (INFINITY, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);

  g_assert_false (kl_validate_percent (NAN, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
}

static void
test_currency (void)
{
  const char *known[] = {
    "EUR", "HRK", "RUB", "USD", "GBP", "CHF", "BAM", "RSD", "CNY", "KZT", "BYN", "PLN", "CZK", "HUF",
  };
  const char *bad_format[] = { "eur", "EU", "EURO", "E1R", "€", " EUR" };
  g_autoptr(GError) error = NULL;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (known); i++)
    g_assert_true (kl_validate_currency (known[i], NULL));

  for (i = 0; i < G_N_ELEMENTS (bad_format); i++)
    {
      g_assert_false (kl_validate_currency (bad_format[i], &error));
      g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
      g_clear_error (&error);
    }

  g_assert_false (kl_validate_currency ("XYZ", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "This currency is not supported.");
  g_clear_error (&error);

  g_assert_false (kl_validate_currency (NULL, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED);
}

static void
test_length (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_validate_length (NULL, 0, NULL));
  g_assert_true (kl_validate_length ("", 0, NULL));
  /* Five characters, ten bytes */
  g_assert_true (kl_validate_length ("ŠĐČĆŽ", 5, NULL));
  g_assert_true (kl_validate_length ("Йошка", 5, NULL));

  g_assert_false (kl_validate_length ("ŠĐČĆŽ", 4, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_TOO_LONG);
  g_assert_cmpstr (error->message, ==, "Use at most 4 characters.");
  g_clear_error (&error);

  g_assert_false (kl_validate_length ("ab", 1, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_TOO_LONG);
  g_assert_cmpstr (error->message, ==, "Use at most 1 character.");
  g_clear_error (&error);

  g_assert_false (kl_validate_length ("a\xff", 10, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
}

static void
test_choice (void)
{
  const char * const allowed[] = { "lead", "customer", "former", NULL };
  const char * const none[] = { NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_validate_choice ("lead", allowed, NULL));
  g_assert_true (kl_validate_choice ("former", allowed, NULL));

  g_assert_false (kl_validate_choice ("Lead", allowed, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (kl_validate_choice ("lead", none, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (kl_validate_choice (NULL, allowed, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED);
}

typedef struct
{
  const char *text;
  gint64      minor;
} MoneyCase;

static void
test_money_valid (void)
{
  const MoneyCase cases[] = {
    { "1234", 123400 },
    { "1234.5", 123450 },
    { "1234,50", 123450 },
    { "1.234,50", 123450 },
    { "1,234.50", 123450 },
    { "1 234,50", 123450 },
    { "1\xc2\xa0" "234,50", 123450 },     /* U+00A0 */
    { "1\xe2\x80\xaf" "234,50", 123450 }, /* U+202F, as ru_RU writes it */
    { "1\xe2\x80\xaf" "234\xe2\x80\xaf" "567,89", 123456789 },
    { "12.5", 1250 },
    { "12,05", 1205 },
    { "0", 0 },
    { "0,01", 1 },
    { ",5", 50 },
    { "007", 700 },
    { "1.234", 123400 },
    { "1,234", 123400 },
    { "1.234.567", 123456700 },
    { "12.345", 1234500 },
    { "1.234.567,89", 123456789 },
    { "1,234,567.89", 123456789 },
    { "  42 ", 4200 },
    { "10000000000000", G_GINT64_CONSTANT (1000000000000000) },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 minor = -1;

      if (!kl_parse_money (cases[i].text, &minor, &error))
        g_error ("\"%s\" rejected: %s", cases[i].text, error->message);
      g_assert_cmpint (minor, ==, cases[i].minor);
    }

  /* The output argument is optional */
  g_assert_true (kl_parse_money ("1,50", NULL, NULL));
}

static void
test_money_invalid (void)
{
  const char *invalid[] = {
    "abc", "12a", "€12", "12 EUR", "1e5", "+5", "5-", "12.", "1..5", ".",
    "1,2,3", "1.234.5", "1,234,50", "1.23.456", "1 234.567,50", "12 34",
    "1  234", "0.123,45", "0,125.00", "1 234 ,50", "0x10", "12\xff",
  };
  g_autoptr(GError) error = NULL;
  gint64 minor = -1;
  guint i;

  for (i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      if (kl_parse_money (invalid[i], &minor, &error))
        g_error ("\"%s\" accepted as %" G_GINT64_FORMAT, invalid[i], minor);
      g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_cmpint (minor, ==, -1);

  g_assert_false (kl_parse_money ("abc", &minor, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Enter an amount such as 1.234,50.");
  g_clear_error (&error);

  g_assert_false (kl_parse_money ("1,2345", &minor, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "An amount can have at most two decimals.");
  g_clear_error (&error);

  g_assert_false (kl_parse_money ("1.23.456", &minor, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Enter an amount such as 1.234,50.");
  g_clear_error (&error);

  g_assert_false (kl_parse_money ("-5", &minor, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "The amount cannot be negative.");
  g_clear_error (&error);

  g_assert_false (kl_parse_money (" \xe2\x88\x92" "1.234,50", &minor, &error)); /* U+2212 minus */
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);

  g_assert_false (kl_parse_money ("10000000000000,01", &minor, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "The amount is too large.");
  g_clear_error (&error);

  g_assert_false (kl_parse_money ("99999999999999999999999999999999", &minor, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);

  g_assert_false (kl_parse_money ("", &minor, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);

  g_assert_false (kl_parse_money (NULL, &minor, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);

  g_assert_false (kl_parse_money ("  ", &minor, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED);

  g_assert_cmpint (minor, ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validation/error-quark", test_error_quark);
  g_test_add_func ("/validation/required", test_required);
  g_test_add_func ("/validation/oib/valid", test_oib_valid);
  g_test_add_func ("/validation/oib/single-digit-errors", test_oib_single_digit_errors);
  g_test_add_func ("/validation/oib/format", test_oib_format);
  g_test_add_func ("/validation/inn/valid", test_inn_valid);
  g_test_add_func ("/validation/inn/invalid", test_inn_invalid);
  g_test_add_func ("/validation/tax-id", test_tax_id);
  g_test_add_func ("/validation/iban", test_iban);
  g_test_add_func ("/validation/kpp", test_kpp);
  g_test_add_func ("/validation/ogrn", test_ogrn);
  g_test_add_func ("/validation/bik-and-accounts", test_bik_and_accounts);
  g_test_add_func ("/validation/email/valid", test_email_valid);
  g_test_add_func ("/validation/email/invalid", test_email_invalid);
  g_test_add_func ("/validation/phone", test_phone);
  g_test_add_func ("/validation/date", test_date);
  g_test_add_func ("/validation/datetime", test_datetime);
  g_test_add_func ("/validation/date-order", test_date_order);
  g_test_add_func ("/validation/amount", test_amount);
  g_test_add_func ("/validation/percent", test_percent);
  g_test_add_func ("/validation/currency", test_currency);
  g_test_add_func ("/validation/length", test_length);
  g_test_add_func ("/validation/choice", test_choice);
  g_test_add_func ("/validation/money/valid", test_money_valid);
  g_test_add_func ("/validation/money/invalid", test_money_invalid);

  return g_test_run ();
}
