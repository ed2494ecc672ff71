/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-office.h"

#include <locale.h>
#include <string.h>

#include "kl-validation.h"

/* The own company's country and currency, two rows of the settings table
 * (office.country, office.currency). A database gets them the first time
 * they are asked for: from its clients when it has some (the country and
 * currency most of them have, so an older database keeps behaving as it
 * did), otherwise from the locale the program runs in. */

#define KEY_COUNTRY "office.country"
#define KEY_CURRENCY "office.currency"

/* The locales that decide otherwise than the default (Croatia, EUR). */
static const struct {
  const char *territory;
  const char *language;   /* a locale with no territory: "ru" */
  const char *country;
  const char *currency;
} locale_offices[] = {
  { "RU", "ru", "RU", "RUB" },
  { "HR", "hr", "HR", "EUR" },
};

static void
copy_codes (KlOffice   *office,
            const char *country,
            const char *currency)
{
  g_strlcpy (office->country, country, sizeof office->country);
  g_strlcpy (office->currency, currency, sizeof office->currency);
}

/**
 * kl_office_for_locale:
 * @office: (out caller-allocates): the office
 * @locale: (nullable): a POSIX locale name such as "ru_RU.UTF-8"; %NULL
 *   for the one the program's messages use
 *
 * The office a new database gets in @locale: ru_RU Russia and RUB, hr_HR
 * Croatia and EUR, any other Croatia and EUR.
 */
void
kl_office_for_locale (KlOffice   *office,
                      const char *locale)
{
  g_autofree char *language = NULL;
  const char *territory = NULL;
  const char *end;

  g_return_if_fail (office != NULL);

  copy_codes (office, "HR", "EUR");
  if (locale == NULL)
    locale = setlocale (LC_MESSAGES, NULL);
  if (locale == NULL)
    return;

  end = locale + strcspn (locale, "_.@");
  language = g_strndup (locale, end - locale);
  if (*end == '_')
    territory = end + 1;

  for (guint i = 0; i < G_N_ELEMENTS (locale_offices); i++)
    {
      gboolean match;

      if (territory != NULL)
        match = g_ascii_strncasecmp (territory, locale_offices[i].territory, 2) == 0
                && strchr ("_.@", territory[2]) != NULL;
      else
        match = g_ascii_strcasecmp (language, locale_offices[i].language) == 0;
      if (match)
        {
          copy_codes (office, locale_offices[i].country, locale_offices[i].currency);
          return;
        }
    }
}

/**
 * kl_office_set:
 * @office: the office to change
 * @country: two capital letters
 * @currency: a supported currency code
 *
 * Checks the codes and puts them into @office; leaves it as it was when
 * one is wrong.
 *
 * Returns: whether both were right
 */
gboolean
kl_office_set (KlOffice    *office,
               const char  *country,
               const char  *currency,
               GError     **error)
{
  g_return_val_if_fail (office != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (country == NULL || strlen (country) != 2
      || !g_ascii_isupper (country[0]) || !g_ascii_isupper (country[1]))
    {
      g_set_error_literal (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID,
                           _("Enter a two-letter country code such as HR or RU."));
      return FALSE;
    }
  if (!kl_validate_currency (currency, error))
    return FALSE;

  copy_codes (office, country, currency);
  return TRUE;
}

static gboolean
read_setting (KlDatabase  *database,
              const char  *key,
              char       **value,
              GError     **error)
{
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (database, "SELECT value FROM settings WHERE key = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    {
      kl_database_set_error (database, error);
      return FALSE;
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
                                                      "INSERT INTO settings (key, value) VALUES (?1, ?2)"
                                                      " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                                      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return kl_database_step_done (database, stmt, error);
}

/* What most clients have; FALSE when there are none. */
static gboolean
office_of_clients (KlOffice    *office,
                   KlDatabase  *database,
                   GError     **error)
{
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (database,
                                                      "SELECT country, currency FROM clients"
                                                      " GROUP BY country, currency ORDER BY count(*) DESC LIMIT 1",
                                                      error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  return kl_office_set (office, (const char *)sqlite3_column_text (stmt, 0),
                        (const char *)sqlite3_column_text (stmt, 1), NULL);
}

/**
 * kl_office_save:
 *
 * Stores @office in the database's settings, in one transaction.
 */
gboolean
kl_office_save (const KlOffice  *office,
                KlDatabase      *database,
                GError         **error)
{
  KlOffice checked;

  g_return_val_if_fail (office != NULL, FALSE);
  g_return_val_if_fail (KL_IS_DATABASE (database), FALSE);

  if (!kl_office_set (&checked, office->country, office->currency, error))
    return FALSE;
  if (!kl_database_begin (database, error))
    return FALSE;
  if (!write_setting (database, KEY_COUNTRY, checked.country, error)
      || !write_setting (database, KEY_CURRENCY, checked.currency, error))
    {
      kl_database_rollback (database);
      return FALSE;
    }
  return kl_database_commit (database, error);
}

/**
 * kl_office_load:
 * @office: (out caller-allocates): the office
 *
 * The office the database keeps. A database that keeps none yet gets one
 * now: its clients' most common country and currency, or, with no
 * clients, the locale's (kl_office_for_locale()). When it cannot be
 * written (a read-only file), @office still holds that answer.
 *
 * Returns: FALSE with @error set when the database could not be read
 */
gboolean
kl_office_load (KlOffice    *office,
                KlDatabase  *database,
                GError     **error)
{
  g_autofree char *country = NULL;
  g_autofree char *currency = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (office != NULL, FALSE);
  g_return_val_if_fail (KL_IS_DATABASE (database), FALSE);

  kl_office_for_locale (office, NULL);
  if (!read_setting (database, KEY_COUNTRY, &country, error)
      || !read_setting (database, KEY_CURRENCY, &currency, error))
    return FALSE;

  if (country != NULL && currency != NULL && kl_office_set (office, country, currency, NULL))
    return TRUE;

  if (!office_of_clients (office, database, &local_error) && local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!kl_office_save (office, database, &local_error))
    g_debug ("Could not keep the office's country and currency: %s", local_error->message);

  return TRUE;
}

/**
 * kl_office_apply:
 *
 * Gives a new @entity the office's country and currency, for those of the
 * two fields its class has.
 */
void
kl_office_apply (const KlOffice *office,
                 KlEntity       *entity)
{
  KlEntityClass *klass;

  g_return_if_fail (office != NULL);
  g_return_if_fail (KL_IS_ENTITY (entity));

  klass = KL_ENTITY_GET_CLASS (entity);
  if (kl_entity_class_find_field (klass, "country", NULL) != NULL)
    kl_entity_set_text (entity, "country", office->country);
  if (kl_entity_class_find_field (klass, "currency", NULL) != NULL)
    kl_entity_set_text (entity, "currency", office->currency);
}
