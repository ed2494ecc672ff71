/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "kl-demo.h"
#include "kl-entities.h"
#include "kl-import.h"
#include "kl-office.h"
#include "kl-session.h"
#include "kl-validation.h"

/* The own company's country and currency: where they come from (the
 * locale of a new database, the clients of an older one, the user), and
 * what follows them (new records, imports, demo data). */

#define TODAY "2026-03-15"

typedef struct {
  char      *dir;
  char      *path;
  KlSession *session;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("klijentela-office-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "office.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  g_clear_object (&f->session);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);

      g_remove (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
  setlocale (LC_ALL, "C.UTF-8");
}

/* Opens (or reopens) the database with the program running in @locale. */
static void
open_in (Fixture    *f,
         const char *locale)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->session);
  if (setlocale (LC_ALL, locale) == NULL)
    {
      g_test_skip_printf ("The locale %s is not installed (test.sh installs it)", locale);
      return;
    }
  f->session = kl_session_open (f->path, &error);
  g_assert_no_error (error);
}

static void
test_office_for_locale (void)
{
  static const struct { const char *locale; const char *country; const char *currency; } cases[] = {
    { "ru_RU.UTF-8", "RU", "RUB" },
    { "ru_RU", "RU", "RUB" },
    { "ru", "RU", "RUB" },
    { "hr_HR.UTF-8", "HR", "EUR" },
    { "hr_HR.UTF-8@euro", "HR", "EUR" },
    { "en_US.UTF-8", "HR", "EUR" },
    { "de_DE.UTF-8", "HR", "EUR" },
    { "C.UTF-8", "HR", "EUR" },
    { "C", "HR", "EUR" },
    { "POSIX", "HR", "EUR" },
    { "", "HR", "EUR" },
    { "en_RUX.UTF-8", "HR", "EUR" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KlOffice office;

      kl_office_for_locale (&office, cases[i].locale);
      g_assert_cmpstr (office.country, ==, cases[i].country);
      g_assert_cmpstr (office.currency, ==, cases[i].currency);
    }
}

/* A new database in a Russian interface: Russia, roubles, for every new
 * record that has a country or a currency; and it stays so when the
 * program later runs in another language. */
static void
test_office_new_database_russian (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(KlEntity) client = NULL;
  GType with_currency[4];

  open_in (f, "ru_RU.UTF-8");
  if (f->session == NULL)
    return;

  g_assert_cmpstr (kl_session_get_office (f->session)->country, ==, "RU");
  g_assert_cmpstr (kl_session_get_office (f->session)->currency, ==, "RUB");

  client = kl_session_new_entity (f->session, KL_TYPE_CLIENT);
  g_assert_cmpstr (kl_entity_get_text (client, "country"), ==, "RU");
  g_assert_cmpstr (kl_entity_get_text (client, "currency"), ==, "RUB");

  with_currency[0] = KL_TYPE_DEAL;
  with_currency[1] = KL_TYPE_OFFER;
  with_currency[2] = KL_TYPE_CONTRACT;
  with_currency[3] = KL_TYPE_PRODUCT;
  for (guint i = 0; i < G_N_ELEMENTS (with_currency); i++)
    {
      g_autoptr(KlEntity) e = kl_session_new_entity (f->session, with_currency[i]);

      g_assert_cmpstr (kl_entity_get_text (e, "currency"), ==, "RUB");
    }

  /* Kept in the database: a Croatian interface later changes nothing. */
  open_in (f, "hr_HR.UTF-8");
  g_assert_cmpstr (kl_session_get_office (f->session)->country, ==, "RU");
  g_assert_cmpstr (kl_session_get_office (f->session)->currency, ==, "RUB");
}

static void
test_office_new_database_croatian (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(KlEntity) client = NULL;
  g_autoptr(KlEntity) deal = NULL;

  open_in (f, "hr_HR.UTF-8");
  if (f->session == NULL)
    return;

  client = kl_session_new_entity (f->session, KL_TYPE_CLIENT);
  deal = kl_session_new_entity (f->session, KL_TYPE_DEAL);
  g_assert_cmpstr (kl_entity_get_text (client, "country"), ==, "HR");
  g_assert_cmpstr (kl_entity_get_text (client, "currency"), ==, "EUR");
  g_assert_cmpstr (kl_entity_get_text (deal, "currency"), ==, "EUR");
}

/* A database made before the office was kept, full of Russian clients,
 * opened in an English interface: it keeps working as its clients are. */
static void
test_office_older_database (Fixture       *f,
                            gconstpointer  data)
{
  static const char *names[] = { "ООО «Ромашка»", "АО «Север»", "Zagrebačka tvrtka d.o.o." };
  g_autoptr(GError) error = NULL;
  KlStore *store;

  open_in (f, "C.UTF-8");
  store = kl_session_get_store (f->session, KL_TYPE_CLIENT);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(KlEntity) client = g_object_new (KL_TYPE_CLIENT, "name", names[i], NULL);

      if (i < 2)
        g_object_set (client, "country", "RU", "currency", "RUB", NULL);
      g_assert_true (kl_store_insert (store, client, &error));
      g_assert_no_error (error);
    }
  /* As a database from before this setting. */
  g_assert_true (kl_database_exec (kl_session_get_database (f->session),
                                   "DELETE FROM settings WHERE key LIKE 'office.%'", &error));
  g_assert_no_error (error);

  open_in (f, "C.UTF-8");
  g_assert_cmpstr (kl_session_get_office (f->session)->country, ==, "RU");
  g_assert_cmpstr (kl_session_get_office (f->session)->currency, ==, "RUB");
}

static void
test_office_change (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = NULL;

  open_in (f, "C.UTF-8");
  g_assert_cmpstr (kl_session_get_office (f->session)->country, ==, "HR");

  g_assert_false (kl_session_set_office (f->session, "Russia", "RUB", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kl_session_set_office (f->session, "RU", "rub", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpstr (kl_session_get_office (f->session)->country, ==, "HR");

  g_assert_true (kl_session_set_office (f->session, "RU", "RUB", &error));
  g_assert_no_error (error);
  client = kl_session_new_entity (f->session, KL_TYPE_CLIENT);
  g_assert_cmpstr (kl_entity_get_text (client, "currency"), ==, "RUB");

  open_in (f, "C.UTF-8");
  g_assert_cmpstr (kl_session_get_office (f->session)->country, ==, "RU");
  g_assert_cmpstr (kl_session_get_office (f->session)->currency, ==, "RUB");
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = kl_database_query_int (kl_session_get_database (f->session), sql, &error);

  g_assert_no_error (error);
  return n;
}

static char *
query_text (Fixture    *f,
            const char *sql)
{
  sqlite3 *db = kl_database_get_handle (kl_session_get_database (f->session));
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

/* A Russian office's demo data: mostly Russian clients with INNs, Russian
 * cities and phones, a Russian manager and the rouble price list first. */
static void
test_office_demo_russian (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *manager = NULL;
  g_autofree char *product_currency = NULL;
  gint64 ru, hr;

  open_in (f, "ru_RU.UTF-8");
  if (f->session == NULL)
    return;
  g_assert_true (kl_demo_seed (f->session, 200, TODAY, &error));
  g_assert_no_error (error);

  ru = count (f, "SELECT count(*) FROM clients WHERE country = 'RU'");
  hr = count (f, "SELECT count(*) FROM clients WHERE country = 'HR'");
  g_assert_cmpint (ru, >, hr);
  g_assert_cmpint (ru, >=, 200 * 50 / 100);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE country = 'RU'"
                             " AND (currency <> 'RUB' OR length(tax_id) NOT IN (10, 12) OR phone NOT LIKE '+7%')"), ==, 0);

  manager = query_text (f, "SELECT name FROM managers ORDER BY id LIMIT 1");
  g_assert_cmpstr (manager, ==, "Алексей Смирнов");
  product_currency = query_text (f, "SELECT currency FROM products ORDER BY id LIMIT 1");
  g_assert_cmpstr (product_currency, ==, "RUB");
}

/* The same seed in a Croatian office is as it always was. */
static void
test_office_demo_croatian (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *manager = NULL;

  open_in (f, "C.UTF-8");
  g_assert_true (kl_demo_seed (f->session, 200, TODAY, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE country = 'HR'"), >,
                   count (f, "SELECT count(*) FROM clients WHERE country = 'RU'"));
  manager = query_text (f, "SELECT name FROM managers ORDER BY id LIMIT 1");
  g_assert_cmpstr (manager, ==, "Marija Kovačević");
}

/* An import with neither a country nor a currency column: a client the
 * file says nothing about is the office's. */
static void
test_office_import (Fixture       *f,
                    gconstpointer  data)
{
  static const char csv[] =
    "Name;City\n"
    "Acme Trading;Moskva\n"
    "ООО «Ромашка»;Москва\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (csv, sizeof csv - 1);
  g_autoptr(KlImport) import = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  g_autofree char *acme = NULL;
  guint added = 0;

  open_in (f, "C.UTF-8");
  g_assert_true (kl_session_set_office (f->session, "RU", "RUB", &error));
  import = kl_import_new_from_bytes (f->session, bytes, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (kl_import_run (import, NULL, NULL, NULL, &added, NULL, &rejections, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE country = 'RU' AND currency = 'RUB'"), ==, 2);
  acme = query_text (f, "SELECT currency FROM clients WHERE name = 'Acme Trading'");
  g_assert_cmpstr (acme, ==, "RUB");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/office/for-locale", test_office_for_locale);
  g_test_add ("/office/new-database/russian", Fixture, NULL, fixture_set_up, test_office_new_database_russian, fixture_tear_down);
  g_test_add ("/office/new-database/croatian", Fixture, NULL, fixture_set_up, test_office_new_database_croatian, fixture_tear_down);
  g_test_add ("/office/older-database", Fixture, NULL, fixture_set_up, test_office_older_database, fixture_tear_down);
  g_test_add ("/office/change", Fixture, NULL, fixture_set_up, test_office_change, fixture_tear_down);
  g_test_add ("/office/demo/russian", Fixture, NULL, fixture_set_up, test_office_demo_russian, fixture_tear_down);
  g_test_add ("/office/demo/croatian", Fixture, NULL, fixture_set_up, test_office_demo_croatian, fixture_tear_down);
  g_test_add ("/office/import", Fixture, NULL, fixture_set_up, test_office_import, fixture_tear_down);

  return g_test_run ();
}
