/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-format.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "kl-validation.h"

/* Formatting for the views: money grouped by the locale's rules with two
 * decimals, dates in the locale's short form ("%x"), and the reverse for
 * dates a user types. */

static GDateTime *
parse_iso (const char *iso,
           gboolean   *has_time)
{
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int n;

  if (iso == NULL)
    return NULL;

  n = sscanf (iso, "%4d-%2d-%2d%*1[T ]%2d:%2d:%2d", &year, &month, &day, &hour, &minute, &second);
  if (n < 3 || !g_date_valid_dmy (day, month, year))
    return NULL;
  if (n < 5)
    hour = minute = second = 0;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return NULL;
  if (has_time != NULL)
    *has_time = n >= 5;

  return g_date_time_new_local (year, month, day, hour, minute, second);
}

/**
 * kl_format_money:
 * @minor_units: cents, kopecks
 * @currency: (nullable): an ISO 4217 code appended after a space
 *
 * Returns: (transfer full): the amount as the locale writes numbers, with
 *   grouping and two decimals: "1.234,50 EUR" under hr_HR, "1 234,50"
 *   (narrow no-break spaces) under ru_RU, "1,234.50" under en_US.
 */
char *
kl_format_money (gint64      minor_units,
                 const char *currency)
{
  struct lconv *conv = localeconv ();
  const char *point = conv->decimal_point != NULL && conv->decimal_point[0] != '\0' ? conv->decimal_point : ".";
  gint64 whole = minor_units / 100;
  int cents = (int)ABS (minor_units % 100);
  gboolean has_currency = currency != NULL && currency[0] != '\0';

  return g_strdup_printf ("%s%'" G_GINT64_FORMAT "%s%02d%s%s",
                          minor_units < 0 && whole == 0 ? "-" : "", whole, point, cents,
                          has_currency ? " " : "", has_currency ? currency : "");
}

/* @iso in the locale's words with @format; "" for none, @iso itself
 * when it is not a date. */
static char *
format_iso (const char *iso,
            const char *format)
{
  g_autoptr(GDateTime) date_time = NULL;

  if (iso == NULL || iso[0] == '\0')
    return g_strdup ("");

  date_time = parse_iso (iso, NULL);
  if (date_time == NULL)
    return g_strdup (iso);

  return g_date_time_format (date_time, format);
}

/**
 * kl_format_date:
 * @iso: (nullable): "YYYY-MM-DD", maybe followed by a time that is ignored
 *
 * Returns: (transfer full): the locale's short date ("26.11.2026."), ""
 *   for NULL, or @iso itself when it is not a date.
 */
char *
kl_format_date (const char *iso)
{
  return format_iso (iso, "%x");
}

/**
 * kl_format_datetime:
 * @iso: (nullable): "YYYY-MM-DDTHH:MM[:SS]" or with a space for the T
 *
 * Returns: (transfer full): the locale's short date and the time in 24 hours.
 */
char *
kl_format_datetime (const char *iso)
{
  return format_iso (iso, "%x %H:%M");
}

/* A date alone for a date, date and time for a date and time. */
char *
kl_format_date_or_datetime (const char *iso)
{
  gboolean has_time = FALSE;
  g_autoptr(GDateTime) date_time = parse_iso (iso, &has_time);

  if (date_time == NULL)
    return g_strdup (iso != NULL ? iso : "");

  return g_date_time_format (date_time, has_time ? "%x %H:%M" : "%x");
}

/**
 * kl_parse_date:
 * @text: what the user typed: an ISO date, or a date as the locale writes it
 * @out_iso: (out) (optional): "YYYY-MM-DD"
 *
 * Returns: whether @text is a date.
 */
gboolean
kl_parse_date (const char  *text,
               char       **out_iso)
{
  g_autoptr(GDate) date = NULL;
  g_autofree char *trimmed = NULL;
  char iso[16];

  if (text == NULL)
    return FALSE;

  trimmed = g_strstrip (g_strdup (text));
  if (kl_validate_date (trimmed, NULL))
    {
      if (out_iso != NULL)
        *out_iso = g_steal_pointer (&trimmed);
      return TRUE;
    }

  /* Day, month and year: g_date_set_parse() reads a lone "5" as a day of
   * this month, which is not what anyone typing it means. */
  {
    guint digits_runs = 0;
    gboolean in_digits = FALSE;

    for (const char *p = trimmed; *p != '\0'; p++)
      {
        if (g_ascii_isdigit (*p) && !in_digits)
          digits_runs++;
        in_digits = g_ascii_isdigit (*p);
      }
    if (digits_runs < 3)
      return FALSE;
  }

  date = g_date_new ();
  g_date_set_parse (date, trimmed);
  if (!g_date_valid (date))
    return FALSE;

  g_snprintf (iso, sizeof iso, "%04u-%02u-%02u", g_date_get_year (date),
              (guint)g_date_get_month (date), g_date_get_day (date));
  if (out_iso != NULL)
    *out_iso = g_strdup (iso);

  return TRUE;
}

/**
 * kl_format_percent:
 * @basis_points: hundredths of a per cent (250 = 2,5 %)
 *
 * Returns: "5 %", "2,5 %" (the locale's decimal sign), "−3 %"
 */
char *
kl_format_percent (int basis_points)
{
  g_autofree char *number = NULL;
  char *end;

  if (basis_points % 100 == 0)
    return g_strdup_printf ("%s%d %%", basis_points < 0 ? "−" : "", ABS (basis_points) / 100);

  number = g_strdup_printf ("%.2f", ABS (basis_points) / 100.0);
  end = number + strlen (number) - 1;
  while (*end == '0')
    *end-- = '\0';
  return g_strdup_printf ("%s%s %%", basis_points < 0 ? "−" : "", number);
}
