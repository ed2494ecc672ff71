/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * How fast the client list answers with many clients: each keystroke of a
 * search (count + first page), each sort change, deep pages and filters.
 *
 *   bench-search [--clients N] [--database FILE] [--demo] [--repeat R]
 *
 * Without --database a temporary file is seeded and removed afterwards;
 * with one, a file that already holds N clients is used as it is (seeding
 * 100 000 takes a while). --demo seeds with kl_demo_seed() instead of the
 * synthetic data below. Times are milliseconds: the first run (statements
 * prepared), then the median of R more, as wall-clock time and as this
 * process's CPU time (steadier on a busy machine).
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "kl-bench.h"
#include "kl-client-list.h"
#include "kl-demo.h"
#include "kl-session.h"

static const char * const first_names[] = {
  "Đuro", "Ivan", "Marko", "Ana", "Šime", "Josip", "Petra", "Marija", "Luka", "Ivana",
  "Željko", "Nikola", "Tomislav", "Katarina", "Dražen", "Ante", "Mirjana", "Goran",
  "Пётр", "Иван", "Алексей", "Ольга", "Наталья", "Сергей", "Фёдор", "Юлия", "Дмитрий",
};
static const char * const last_names[] = {
  "Kovačević", "Horvat", "Babić", "Marić", "Jurić", "Novak", "Knežević", "Vuković",
  "Marković", "Petrović", "Matić", "Tomić", "Pavlović", "Božić", "Grgić", "Perić",
  "Đaković", "Šarić", "Čović", "Kolar", "Ковалёв", "Иванов", "Смирнов", "Кузнецов",
  "Соколов", "Попов", "Лебедев", "Козлов", "Новиков", "Морозов",
};
static const char * const words[] = {
  "Zagrebačka", "Jadranska", "Slavonska", "Dalmatinska", "Primorska", "Zelena", "Sunčana",
  "Nova", "Stara", "Kovačka", "Mlinarska", "Pekara", "Trgovina", "Gradnja", "Transport",
  "Servis", "Elektro", "Metal", "Drvo", "Agro", "Info", "Tekstil", "Ljekarna", "Čistoća",
  "Ромашка", "Вектор", "Северный", "Уральский", "Сибирь", "Стройка", "Ёлка", "Заря",
};
static const char * const hr_cities[] = {
  "Zagreb", "Zagreb", "Zagreb", "Split", "Rijeka", "Osijek", "Zadar", "Pula", "Varaždin",
  "Šibenik", "Karlovac", "Dubrovnik", "Slavonski Brod", "Koprivnica", "Zabok", "Zaprešić",
};
static const char * const ru_cities[] = {
  "Москва", "Москва", "Санкт-Петербург", "Казань", "Новосибирск", "Екатеринбург",
  "Нижний Новгород", "Самара", "Ростов-на-Дону", "Королёв",
};
static const char * const segments[] = { "A", "B", "C" };
static const char * const statuses[] = { "prospect", "active", "active", "key", "inactive", "lost" };
static const char * const sources[] = { "exhibition", "referral", "cold_call", "website", "advert", "event", "other" };
static const char * const stages[] = { "lead", "contacted", "needs", "offer", "negotiation", "won", "lost" };
static const char * const activity_kinds[] = { "call", "meeting", "email", "presentation" };

#define PICK(rand, array) ((array)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (array))])

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  return stmt;
}

static void
step (sqlite3      *db,
      sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_error ("%s", sqlite3_errmsg (db));
  sqlite3_reset (stmt);
}

static char *
date_from_today (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* Synthetic clients written with SQL: the keys through the same functions
 * the model uses (kl_sort_key(), kl_search_key()), the summary by the
 * triggers, as in real use. */
static void
seed_synthetic (KlSession *session,
                guint      n_clients)
{
  KlDatabase *database = kl_session_get_database (session);
  sqlite3 *db = kl_database_get_handle (database);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *manager, *client, *contact, *activity, *deal, *invoice, *payment;
  const char *now = "2026-01-01T08:00:00";
  gint64 n_managers = 25;
  guint invoice_no = 0;

  manager = prepare (db, "INSERT INTO managers (name, sort_key, created_at, updated_at)"
                         " VALUES (?1, kl_sort_key (?1), ?2, ?2)");
  client = prepare (db, "INSERT INTO clients (name, tax_id, country, city, phone, email, segment, status,"
                        " source, currency, manager_id, sort_key, search_key, created_at, updated_at)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, kl_sort_key (?1),"
                        " kl_search_key (?1, ?2, ?4, ?5, ?6), ?12, ?12)");
  contact = prepare (db, "INSERT INTO contacts (client_id, name, phone, email, search_key, created_at, updated_at)"
                         " VALUES (?1, ?2, ?3, ?4, kl_search_key (?2, ?4, ?3), ?5, ?5)");
  activity = prepare (db, "INSERT INTO activities (kind, client_id, subject, starts_at, status, created_at, updated_at)"
                          " VALUES (?1, ?2, 'Sastanak', ?3, ?4, ?5, ?5)");
  deal = prepare (db, "INSERT INTO deals (client_id, title, stage, amount, currency, lost_reason, created_at, updated_at)"
                      " VALUES (?1, 'Posao', ?2, ?3, ?4, ?5, ?6, ?6)");
  invoice = prepare (db, "INSERT INTO invoices (number, client_id, issue_date, due_date, amount, currency,"
                         " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)");
  payment = prepare (db, "INSERT INTO payments (invoice_id, paid_date, amount, created_at, updated_at)"
                         " VALUES (?1, ?2, ?3, ?4, ?4)");

  /* The triggers touch every index of clients for each row: keep them in memory. */
  kl_database_exec (database, "PRAGMA cache_size = -524288", NULL);
  if (!kl_database_begin (database, &error))
    g_error ("%s", error->message);

  for (gint64 i = 0; i < n_managers; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %s", PICK (rand, first_names), PICK (rand, last_names));

      sqlite3_bind_text (manager, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (manager, 2, now, -1, SQLITE_STATIC);
      step (db, manager);
    }

  for (guint i = 0; i < n_clients; i++)
    {
      gboolean russian = g_rand_int_range (rand, 0, 4) == 0;
      gboolean person = g_rand_int_range (rand, 0, 5) == 0;
      g_autofree char *name = NULL;
      g_autofree char *tax_id = NULL;
      g_autofree char *phone = NULL;
      g_autofree char *email = NULL;
      const char *currency = russian ? "RUB" : "EUR";
      gint64 id;

      if (person)
        name = g_strdup_printf ("%s %s%s", PICK (rand, first_names), PICK (rand, last_names),
                                russian ? "" : " obrt");
      else if (russian)
        name = g_strdup_printf ("ООО «%s %s»", PICK (rand, words), PICK (rand, words));
      else
        name = g_strdup_printf ("%s %s d.o.o.", PICK (rand, words), PICK (rand, words));
      tax_id = russian ? g_strdup_printf ("77%08u", i) : g_strdup_printf ("%011u", 10000000u + i * 7u);
      phone = russian ? g_strdup_printf ("+7 9%02d %03d-%02d-%02d", g_rand_int_range (rand, 0, 100),
                                         g_rand_int_range (rand, 0, 1000), g_rand_int_range (rand, 0, 100),
                                         g_rand_int_range (rand, 0, 100))
                      : g_strdup_printf ("+385 9%d %03d %04d", g_rand_int_range (rand, 1, 9),
                                         g_rand_int_range (rand, 0, 1000), g_rand_int_range (rand, 0, 10000));
      email = g_strdup_printf ("info%u@klijent%u.%s", i % 7, i, russian ? "ru" : "hr");

      sqlite3_bind_text (client, 1, name, -1, SQLITE_STATIC);
      sqlite3_bind_text (client, 2, tax_id, -1, SQLITE_STATIC);
      sqlite3_bind_text (client, 3, russian ? "RU" : "HR", -1, SQLITE_STATIC);
      sqlite3_bind_text (client, 4, russian ? PICK (rand, ru_cities) : PICK (rand, hr_cities), -1, SQLITE_STATIC);
      sqlite3_bind_text (client, 5, phone, -1, SQLITE_STATIC);
      sqlite3_bind_text (client, 6, email, -1, SQLITE_STATIC);
      if (g_rand_int_range (rand, 0, 10) > 0)
        sqlite3_bind_text (client, 7, PICK (rand, segments), -1, SQLITE_STATIC);
      sqlite3_bind_text (client, 8, PICK (rand, statuses), -1, SQLITE_STATIC);
      sqlite3_bind_text (client, 9, PICK (rand, sources), -1, SQLITE_STATIC);
      sqlite3_bind_text (client, 10, currency, -1, SQLITE_STATIC);
      if (g_rand_int_range (rand, 0, 20) > 0)
        sqlite3_bind_int64 (client, 11, g_rand_int_range (rand, 1, n_managers + 1));
      sqlite3_bind_text (client, 12, now, -1, SQLITE_STATIC);
      step (db, client);
      sqlite3_clear_bindings (client);
      id = sqlite3_last_insert_rowid (db);

      for (int k = g_rand_int_range (rand, 0, 3); k > 0; k--)
        {
          g_autofree char *contact_name = g_strdup_printf ("%s %s", PICK (rand, first_names), PICK (rand, last_names));
          g_autofree char *contact_phone = g_strdup_printf ("09%d %03d %04d", g_rand_int_range (rand, 1, 9),
                                                            g_rand_int_range (rand, 0, 1000),
                                                            g_rand_int_range (rand, 0, 10000));
          g_autofree char *contact_email = g_strdup_printf ("osoba%d@klijent%u.hr", k, i);

          sqlite3_bind_int64 (contact, 1, id);
          sqlite3_bind_text (contact, 2, contact_name, -1, SQLITE_STATIC);
          sqlite3_bind_text (contact, 3, contact_phone, -1, SQLITE_STATIC);
          sqlite3_bind_text (contact, 4, contact_email, -1, SQLITE_STATIC);
          sqlite3_bind_text (contact, 5, now, -1, SQLITE_STATIC);
          step (db, contact);
        }

      for (int k = g_rand_int_range (rand, 0, 5); k > 0; k--)
        {
          int days = g_rand_int_range (rand, -400, 60);
          g_autofree char *day = date_from_today (days);
          g_autofree char *starts_at = g_strdup_printf ("%sT%02d:00", day, g_rand_int_range (rand, 8, 18));

          sqlite3_bind_text (activity, 1, PICK (rand, activity_kinds), -1, SQLITE_STATIC);
          sqlite3_bind_int64 (activity, 2, id);
          sqlite3_bind_text (activity, 3, starts_at, -1, SQLITE_STATIC);
          sqlite3_bind_text (activity, 4, days < 0 && g_rand_int_range (rand, 0, 4) > 0 ? "done" : "planned", -1, SQLITE_STATIC);
          sqlite3_bind_text (activity, 5, now, -1, SQLITE_STATIC);
          step (db, activity);
        }

      for (int k = g_rand_int_range (rand, 0, 3); k > 0; k--)
        {
          const char *stage = PICK (rand, stages);

          sqlite3_bind_int64 (deal, 1, id);
          sqlite3_bind_text (deal, 2, stage, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (deal, 3, (gint64)g_rand_int_range (rand, 1, 5000) * 10000);
          sqlite3_bind_text (deal, 4, currency, -1, SQLITE_STATIC);
          sqlite3_bind_text (deal, 5, strcmp (stage, "lost") == 0 ? "cijena" : NULL, -1, SQLITE_STATIC);
          sqlite3_bind_text (deal, 6, now, -1, SQLITE_STATIC);
          step (db, deal);
        }

      for (int k = g_rand_int_range (rand, 0, 3); k > 0; k--)
        {
          int issued = g_rand_int_range (rand, -200, 0);
          g_autofree char *number = g_strdup_printf ("R-%u", ++invoice_no);
          g_autofree char *issue_date = date_from_today (issued);
          g_autofree char *due_date = date_from_today (issued + 30);
          gint64 amount = (gint64)g_rand_int_range (rand, 1, 2000) * 1000;
          gint64 invoice_id;

          sqlite3_bind_text (invoice, 1, number, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (invoice, 2, id);
          sqlite3_bind_text (invoice, 3, issue_date, -1, SQLITE_STATIC);
          sqlite3_bind_text (invoice, 4, due_date, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (invoice, 5, amount);
          sqlite3_bind_text (invoice, 6, currency, -1, SQLITE_STATIC);
          sqlite3_bind_text (invoice, 7, now, -1, SQLITE_STATIC);
          step (db, invoice);
          invoice_id = sqlite3_last_insert_rowid (db);

          if (g_rand_int_range (rand, 0, 3) > 0)
            {
              sqlite3_bind_int64 (payment, 1, invoice_id);
              sqlite3_bind_text (payment, 2, due_date, -1, SQLITE_STATIC);
              sqlite3_bind_int64 (payment, 3, g_rand_int_range (rand, 0, 2) ? amount : amount / 2);
              sqlite3_bind_text (payment, 4, now, -1, SQLITE_STATIC);
              step (db, payment);
            }
        }
    }

  if (!kl_database_commit (database, &error))
    g_error ("%s", error->message);

  sqlite3_finalize (manager);
  sqlite3_finalize (client);
  sqlite3_finalize (contact);
  sqlite3_finalize (activity);
  sqlite3_finalize (deal);
  sqlite3_finalize (invoice);
  sqlite3_finalize (payment);
  kl_database_exec (database, "PRAGMA cache_size = -2000", NULL);
}

typedef struct {
  gint64 wall;
  gint64 cpu;
} Clock;

static gint64
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64)ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static Clock
clock_start (void)
{
  Clock c = { g_get_monotonic_time (), cpu_now () };

  return c;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
cpu_ms_since (Clock c)
{
  return (cpu_now () - c.cpu) / 1000.0;
}

/* Reads the first page (what a view shows first). */
static void
first_page (KlClientList *list)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_autoptr(GObject) item = n > 0 ? g_list_model_get_item (G_LIST_MODEL (list), 0) : NULL;
}

typedef void (*Step) (KlClientList *list, gconstpointer data);

/* Times @step + first page once, then @repeat more times after a reload
 * (count + page again, statements warm). */
static void
measure (KlClientList *list,
         const char   *label,
         guint         repeat,
         void        (*apply) (KlClientList *, gconstpointer),
         gconstpointer data)
{
  g_autoptr(GArray) walls = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  Clock start = clock_start ();
  double first;

  apply (list, data);
  first_page (list);
  first = ms_since (start.wall);

  for (guint i = 0; i < repeat; i++)
    {
      double wall, cpu;

      start = clock_start ();
      kl_client_list_reload (list);
      first_page (list);
      wall = ms_since (start.wall);
      cpu = cpu_ms_since (start);
      g_array_append_val (walls, wall);
      g_array_append_val (cpus, cpu);
    }

  printf ("  %-32s %7u rows  first %7.2f  median %7.2f  cpu %7.2f ms\n", label,
          g_list_model_get_n_items (G_LIST_MODEL (list)), first,
          repeat > 0 ? kl_bench_median (walls) : first, repeat > 0 ? kl_bench_median (cpus) : first);
}

static void
apply_search (KlClientList  *list,
              gconstpointer  data)
{
  kl_client_list_set_search (list, data);
}

static void
apply_sort (KlClientList  *list,
            gconstpointer  data)
{
  guint code = GPOINTER_TO_UINT (data);

  kl_client_list_set_sort (list, code / 2, code % 2);
}

static void
apply_filter (KlClientList  *list,
              gconstpointer  data)
{
  kl_client_list_set_filter (list, data);
}

static void
apply_nothing (KlClientList  *list,
               gconstpointer  data)
{
}

/* Times one page fetch at @position: the first time, then after reloads. */
static void
fetch_at (KlClientList *list,
          const char   *label,
          guint         position,
          guint         repeat)
{
  g_autoptr(GArray) cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) walls = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i <= repeat; i++)
    {
      Clock start;
      double wall, cpu;

      kl_client_list_reload (list);
      start = clock_start ();
      {
        g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), position);

        g_assert (item != NULL);
      }
      wall = ms_since (start.wall);
      cpu = cpu_ms_since (start);
      g_array_append_val (walls, wall);
      g_array_append_val (cpus, cpu);
    }

  printf ("  %-32s at %6u         median %7.2f  cpu %7.2f ms\n", label, position,
          kl_bench_median (walls), kl_bench_median (cpus));
}

int
main (int   argc,
      char *argv[])
{
  int n_clients = 100000;
  int repeat = 5;
  int cache_mb = 0;
  int mmap_mb = 0;
  gboolean demo = FALSE;
  g_autofree char *path = NULL;
  g_autofree char *tmp_dir = NULL;
  GOptionEntry entries[] = {
    { "clients", 'n', 0, G_OPTION_ARG_INT, &n_clients, "How many clients", "N" },
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &path, "Database file (kept)", "FILE" },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo, "Seed with kl_demo_seed()", NULL },
    { "repeat", 'r', 0, G_OPTION_ARG_INT, &repeat, "Warm runs per measure", "R" },
    { "cache-mb", 0, 0, G_OPTION_ARG_INT, &cache_mb, "PRAGMA cache_size for the run (MiB)", "MB" },
    { "mmap-mb", 0, 0, G_OPTION_ARG_INT, &mmap_mb, "PRAGMA mmap_size for the run (MiB)", "MB" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time the client list");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) session = NULL;
  g_autoptr(KlClientList) list = NULL;
  const char * const keystrokes[] = { "z", "za", "zag", "zagr", "", "ko", "kov", "kova", "",
                                      "d", "dj", "dju", "djur", "djuro", "", "duro", "šime", "",
                                      "ков", "ковал", "ковалев", "ковалёв", "", "091", "091 2", "+385 9", "" };
  Clock start;
  gint64 count;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  if (path == NULL)
    {
      tmp_dir = g_dir_make_tmp ("klijentela-bench-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (tmp_dir, "bench.db", NULL);
    }

  session = kl_session_open (path, &error);
  if (session == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  count = kl_database_query_int (kl_session_get_database (session), "SELECT count(*) FROM clients", NULL);
  if (count < n_clients)
    {
      start = clock_start ();
      if (demo)
        {
          if (!kl_demo_seed (session, n_clients, NULL, &error))
            {
              g_printerr ("kl_demo_seed: %s\n", error->message);
              return 1;
            }
        }
      else
        seed_synthetic (session, n_clients - count);
      printf ("seeded %d clients in %.1f s\n", n_clients, ms_since (start.wall) / 1000.0);
    }

  printf ("%s: %" G_GINT64_FORMAT " clients, %" G_GINT64_FORMAT " contacts, %" G_GINT64_FORMAT " activities, %"
          G_GINT64_FORMAT " deals, %" G_GINT64_FORMAT " invoices\n", path,
          kl_database_query_int (kl_session_get_database (session), "SELECT count(*) FROM clients", NULL),
          kl_database_query_int (kl_session_get_database (session), "SELECT count(*) FROM contacts", NULL),
          kl_database_query_int (kl_session_get_database (session), "SELECT count(*) FROM activities", NULL),
          kl_database_query_int (kl_session_get_database (session), "SELECT count(*) FROM deals", NULL),
          kl_database_query_int (kl_session_get_database (session), "SELECT count(*) FROM invoices", NULL));

  if (cache_mb > 0)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA cache_size = -%d", cache_mb * 1024);

      kl_database_exec (kl_session_get_database (session), sql, NULL);
    }
  if (mmap_mb > 0)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA mmap_size = %d", mmap_mb * 1024 * 1024);

      kl_database_exec (kl_session_get_database (session), sql, NULL);
    }
  printf ("cache_size %" G_GINT64_FORMAT " KiB, mmap_size %" G_GINT64_FORMAT " bytes\n",
          kl_database_query_int (kl_session_get_database (session), "PRAGMA cache_size", NULL) * -1,
          kl_database_query_int (kl_session_get_database (session), "PRAGMA mmap_size", NULL));

  start = clock_start ();
  list = kl_client_list_new (session);
  first_page (list);
  printf ("open list + first page: %.2f ms\n", ms_since (start.wall));

  printf ("typing (count + first page per keystroke):\n");
  for (guint i = 0; i < G_N_ELEMENTS (keystrokes); i++)
    {
      g_autofree char *label = g_strdup_printf ("“%s”", keystrokes[i]);

      measure (list, label, repeat, apply_search, keystrokes[i]);
    }

  printf ("sort change (count + first page):\n");
  for (guint sort = 0; sort < KL_CLIENT_N_SORTS; sort++)
    for (guint descending = 0; descending < 2; descending++)
      {
        g_autofree char *label = g_strdup_printf ("%s %s", kl_client_sort_to_string (sort),
                                                  descending ? "desc" : "asc");

        measure (list, label, repeat, apply_sort, GUINT_TO_POINTER (sort * 2 + descending));
      }

  printf ("deep pages (one page fetch):\n");
  for (guint sort = 0; sort < KL_CLIENT_N_SORTS; sort++)
    {
      guint n;

      kl_client_list_set_sort (list, sort, FALSE);
      n = g_list_model_get_n_items (G_LIST_MODEL (list));
      fetch_at (list, kl_client_sort_to_string (sort), n / 2, repeat);
      fetch_at (list, kl_client_sort_to_string (sort), n - 1, repeat);
    }

  printf ("deep pages of a search (one page fetch):\n");
  {
    const char * const searches[] = { "z", "kova", "djuro" };

    kl_client_list_set_sort (list, KL_CLIENT_SORT_NAME, FALSE);
    for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
      {
        g_autofree char *label = g_strdup_printf ("“%s”", searches[i]);
        guint n;

        kl_client_list_set_search (list, searches[i]);
        n = g_list_model_get_n_items (G_LIST_MODEL (list));
        fetch_at (list, label, 5 * 100, repeat);
        fetch_at (list, label, n / 2, repeat);
        fetch_at (list, label, n - 1, repeat);
      }
    kl_client_list_set_search (list, NULL);
  }

  printf ("search with another sort:\n");
  kl_client_list_set_sort (list, KL_CLIENT_SORT_OVERDUE_DEBT, TRUE);
  measure (list, "“zag”, overdue debt desc", repeat, apply_search, "zag");
  measure (list, "“kova”, overdue debt desc", repeat, apply_search, "kova");
  kl_client_list_set_sort (list, KL_CLIENT_SORT_LAST_CONTACT, FALSE);
  measure (list, "“z”, last contact asc", repeat, apply_search, "z");
  kl_client_list_set_search (list, NULL);
  kl_client_list_set_sort (list, KL_CLIENT_SORT_NAME, FALSE);

  printf ("filters (count + first page):\n");
  {
    static const KlClientFilter filters[] = {
      { .status = "active" },
      { .segment = "A" },
      { .source = "event" },
      { .manager_id = 7 },
      { .overdue = TRUE },
      { .no_contact = TRUE },
      { .status = "active", .segment = "A" },
      { .status = "key", .segment = "B", .source = "referral", .overdue = TRUE },
      { .manager_id = 7, .no_contact = TRUE },
      { .search = "zag", .status = "active", .overdue = TRUE },
      { .search = "kova", .segment = "A" },
      { NULL },
    };
    static const char * const labels[] = {
      "status", "segment", "source", "manager", "overdue", "no contact", "status+segment",
      "status+segment+source+overdue", "manager+no contact", "“zag”+status+overdue", "“kova”+segment", "none",
    };

    for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
      measure (list, labels[i], repeat, apply_filter, &filters[i]);

    kl_client_list_set_sort (list, KL_CLIENT_SORT_OPEN_PIPELINE, TRUE);
    measure (list, "status+segment, pipeline desc", repeat, apply_filter, &filters[6]);
    measure (list, "overdue, pipeline desc", repeat, apply_filter, &filters[4]);
    kl_client_list_set_filter (list, &filters[G_N_ELEMENTS (filters) - 1]);
  }

  printf ("reload, nothing changed:\n");
  measure (list, "all clients", repeat, apply_nothing, NULL);

  g_clear_object (&list);
  g_clear_object (&session);
  if (tmp_dir != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_remove (path);
      g_remove (wal);
      g_remove (shm);
      g_rmdir (tmp_dir);
    }

  return 0;
}
