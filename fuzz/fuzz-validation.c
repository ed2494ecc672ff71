/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the field validators and parsers (OIB, INN, tax ID,
 * e-mail, phone, dates, amounts). The input is cut at its first NUL into
 * two texts; each check must either accept or give a translated message,
 * and what it accepts must hold the promises of kl-validation.h. */
#include "config.h"

#include <string.h>

#include "kl-format.h"
#include "kl-validation.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
check (gboolean  ok,
       GError   *error)
{
  if (ok)
    g_assert (error == NULL);
  else
    g_assert (error != NULL && error->domain == KL_VALIDATION_ERROR &&
              g_utf8_validate (error->message, -1, NULL) && error->message[0] != '\0');
}

#define CHECK(call) G_STMT_START { \
  GError *e = NULL; \
  gboolean ok = (call); \
  check (ok, e); \
  g_clear_error (&e); \
} G_STMT_END

static gboolean
all_digits (const char *text,
            gsize       n)
{
  if (strlen (text) != n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *input = g_strndup ((const char *) data, size);
  const char *a = input;
  const char *b = (strlen (input) < size) ? input + strlen (input) + 1 : "";
  GError *e = NULL;
  gint64 minor = -1;
  g_autofree char *iso = NULL;

  CHECK (kl_validate_required (a, &e));
  if (kl_validate_oib (a, &e))
    g_assert (all_digits (a, 11));
  check (e == NULL, e);
  g_clear_error (&e);
  if (kl_validate_inn (a, &e))
    g_assert (all_digits (a, 10) || all_digits (a, 12));
  check (e == NULL, e);
  g_clear_error (&e);
  CHECK (kl_validate_tax_id ("HR", a, &e));
  CHECK (kl_validate_tax_id ("ru", a, &e));
  CHECK (kl_validate_tax_id (b, a, &e));
  if (kl_validate_email (a, &e))
    g_assert (strchr (a, '@') != NULL && g_utf8_strlen (a, -1) <= 254);
  check (e == NULL, e);
  g_clear_error (&e);
  CHECK (kl_validate_phone (a, &e));
  CHECK (kl_validate_date (a, &e));
  CHECK (kl_validate_datetime (a, &e));
  CHECK (kl_validate_date_order (a, b, &e));
  CHECK (kl_validate_currency (a, &e));
  CHECK (kl_validate_length (a, 10, &e));

  if (kl_parse_money (a, &minor, &e))
    {
      g_autofree char *again_text = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d",
                                                     minor / 100, (int) (minor % 100));
      gint64 again = -1;

      g_assert (minor >= 0 && minor <= KL_MONEY_MAX_MINOR_UNITS);
      /* What it accepted, written plainly, reads back the same. */
      g_assert (kl_parse_money (again_text, &again, NULL));
      g_assert (again == minor);
      CHECK (kl_validate_amount (minor, KL_MONEY_MAX_MINOR_UNITS, &e));
      g_free (kl_format_money (minor, "EUR"));
    }
  else
    g_assert (minor == -1);
  check (e == NULL, e);
  g_clear_error (&e);

  if (kl_parse_date (a, &iso))
    {
      g_assert (kl_validate_date (iso, NULL));
      g_free (kl_format_date (iso));
    }
  if (g_utf8_validate (a, -1, NULL))
    {
      g_free (kl_format_date (a));
      g_free (kl_format_datetime (a));
      g_free (kl_format_date_or_datetime (a));
    }

  return 0;
}
