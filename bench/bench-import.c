/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "kl-client-list.h"
#include "kl-import.h"
#include "kl-search.h"
#include "kl-session.h"

/* Times a client import of a realistic Croatian CSV (valid OIBs, Croatian
 * headers and labels, Windows line ends) into a fresh database, then the
 * same file again (every line already present). A large import leaves the
 * search index and the indexes of the rarer sorts for later: the time to
 * bring the search index up to date, and the first sort by city and by
 * overdue debt afterwards (each makes its index again), are shown too.
 *
 *   _build/bench/bench-import [N] [--keep]    N lines, 100000 by default
 *
 * The issue asks for 100 000 lines in under 3 s. */

int main (int argc, char *argv[]);

/* A valid OIB, different for every @n below 10^10. */
static void
make_oib (guint  n,
          char   out[12])
{
  guint64 digits = ((guint64) n * 7919 + 1234567891) % G_GUINT64_CONSTANT (10000000000);
  int a = 10;

  g_snprintf (out, 11, "%010" G_GUINT64_FORMAT, digits);
  for (int i = 0; i < 10; i++)
    {
      a = (a + (out[i] - '0')) % 10;
      if (a == 0)
        a = 10;
      a = (a * 2) % 11;
    }
  out[10] = '0' + (11 - a == 10 ? 0 : 11 - a);
  out[11] = '\0';
}

static GBytes *
generate (guint n_lines)
{
  static const char *const first[] = { "Jadran", "Podravka", "Kvarner", "Slavonija", "Dalmacija",
                                       "Zagorje", "Istra", "Lika", "Đakovo", "Šibenik", "Čakovec",
                                       "Žumberak", "Medimurje", "Velebit", "Sava", "Drava" };
  static const char *const second[] = { "trgovina", "građevina", "promet", "ugostiteljstvo",
                                        "tekstil", "metal", "elektro", "informatika", "mljekara",
                                        "pekara", "transport", "turizam" };
  static const char *const forms[] = { "d.o.o.", "d.d.", "j.d.o.o.", "obrt" };
  static const char *const cities[] = { "Zagreb", "Split", "Rijeka", "Osijek", "Zadar", "Pula",
                                        "Slavonski Brod", "Karlovac", "Varaždin", "Šibenik",
                                        "Sisak", "Dubrovnik", "Čakovec", "Vukovar", "Koprivnica" };
  static const char *const statuses[] = { "Potencijalni", "Aktivan", "Ključni", "Neaktivan", "prospect" };
  static const char *const sources[] = { "Sajam", "Preporuka", "Hladni poziv", "Web stranica", "" };
  static const char *const managers[] = { "Ana Horvat", "Ivan Kovačević", "Marija Babić", "" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  GString *csv = g_string_sized_new (n_lines * 200);

  g_string_append (csv, "\xEF\xBB\xBF" "Naziv;Pravni oblik;OIB;Grad;Adresa;Poštanski broj;Telefon;"
                        "E-pošta;Status;Izvor;Segment;Kreditni limit;Rok plaćanja;Voditelj;Napomena\r\n");
  for (guint i = 0; i < n_lines; i++)
    {
      char oib[12];
      const char *form = forms[g_rand_int_range (rand, 0, G_N_ELEMENTS (forms))];

      make_oib (i, oib);
      g_string_append_printf (csv,
                              "\"%s %s %u\";%s;%s;%s;\"Ulica %u, %u\";%05u;+385 1 %03u %04u;"
                              "info%u@example.hr;%s;%s;%c;\"%u.%03u,%02u\";%u;%s;%s\r\n",
                              first[g_rand_int_range (rand, 0, G_N_ELEMENTS (first))],
                              second[g_rand_int_range (rand, 0, G_N_ELEMENTS (second))],
                              i, form, oib,
                              cities[g_rand_int_range (rand, 0, G_N_ELEMENTS (cities))],
                              g_rand_int_range (rand, 1, 200), g_rand_int_range (rand, 1, 99),
                              g_rand_int_range (rand, 10000, 53000),
                              g_rand_int_range (rand, 0, 1000), g_rand_int_range (rand, 0, 10000),
                              i,
                              statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))],
                              sources[g_rand_int_range (rand, 0, G_N_ELEMENTS (sources))],
                              "ABC"[g_rand_int_range (rand, 0, 3)],
                              g_rand_int_range (rand, 1, 999), g_rand_int_range (rand, 0, 1000),
                              g_rand_int_range (rand, 0, 100),
                              g_rand_int_range (rand, 0, 5) * 15,
                              managers[g_rand_int_range (rand, 0, G_N_ELEMENTS (managers))],
                              i % 7 == 0 ? "\"Plaća uredno; zvati \"\"direktora\"\"\"" : "");
    }

  return g_string_free_to_bytes (csv);
}

/* This process's CPU time (user + system) in seconds: steadier than the
 * wall clock on a machine others use. */
static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
import_once (KlSession *session,
             GBytes    *contents,
             guint     *added,
             guint     *existing,
             guint     *rejected,
             double    *cpu)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlImport) import = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  gint64 start = g_get_monotonic_time ();
  double cpu_start = cpu_seconds ();

  import = kl_import_new_from_bytes (session, contents, NULL, 0, &error);
  if (import == NULL || !kl_import_run (import, NULL, NULL, NULL, added, existing, &rejections, &error))
    g_error ("%s", error->message);
  *rejected = rejections->len;
  for (guint i = 0; i < rejections->len && i < 5; i++)
    {
      KlImportRejection *r = g_ptr_array_index (rejections, i);

      g_printerr ("  line %u: %s\n", r->line, r->reason);
    }
  *cpu = cpu_seconds () - cpu_start;

  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) session = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *dir = g_dir_make_tmp ("klijentela-bench-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (dir, "bench.db", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "bench.csv", NULL);
  guint n = argc > 1 && g_ascii_isdigit (argv[1][0]) ? (guint) atoi (argv[1]) : 100000;
  gboolean keep = argc > 1 && g_str_equal (argv[argc - 1], "--keep");
  guint added, existing, rejected;
  guint first_added;
  double seconds, cpu;
  const char *const managers[] = { "Ana Horvat", "Ivan Kovačević", "Marija Babić" };

  contents = generate (n);
  g_file_set_contents (csv_path, g_bytes_get_data (contents, NULL), g_bytes_get_size (contents), NULL);

  session = kl_session_open (db_path, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (managers); i++)
    {
      g_autoptr(KlEntity) manager = g_object_new (KL_TYPE_MANAGER, "name", managers[i], NULL);

      kl_store_insert (kl_session_get_store (session, KL_TYPE_MANAGER), manager, &error);
      g_assert_no_error (error);
    }

  /* BENCH_SQL: run before the imports, e.g. "PRAGMA cache_size = -262144". */
  if (g_getenv ("BENCH_SQL") != NULL)
    {
      kl_database_exec (kl_session_get_database (session), g_getenv ("BENCH_SQL"), &error);
      g_assert_no_error (error);
    }
  printf ("%u lines, %.1f MB\n", n, g_bytes_get_size (contents) / 1e6);
  seconds = import_once (session, contents, &added, &existing, &rejected, &cpu);
  printf ("first import:  %.2f s, cpu %.2f s  (%u added, %u already present, %u rejected)\n",
          seconds, cpu, added, existing, rejected);
  first_added = added;

  {
    gint64 start = g_get_monotonic_time ();
    double cpu_start = cpu_seconds ();
    guint indexed = 0;

    if (!kl_search_update_index (kl_session_get_database (session), NULL, &indexed, &error))
      g_error ("%s", error->message);
    printf ("search index:  %.2f s, cpu %.2f s  (%u documents added)\n",
            (g_get_monotonic_time () - start) / 1e6, cpu_seconds () - cpu_start, indexed);
  }

  for (guint i = 0; i < 2; i++)
    {
      KlClientSort sort = i == 0 ? KL_CLIENT_SORT_CITY : KL_CLIENT_SORT_OVERDUE_DEBT;
      g_autoptr(KlClientList) list = kl_client_list_new (session);
      gint64 start = g_get_monotonic_time ();
      g_autoptr(KlClient) first = NULL;

      kl_client_list_set_sort (list, sort, FALSE);
      first = g_list_model_get_item (G_LIST_MODEL (list), 0);
      printf ("first sort by %s afterwards: %.0f ms  (%u rows)\n", kl_client_sort_to_string (sort),
              (g_get_monotonic_time () - start) / 1e3, g_list_model_get_n_items (G_LIST_MODEL (list)));
    }

  seconds = import_once (session, contents, &added, &existing, &rejected, &cpu);
  printf ("second import: %.2f s, cpu %.2f s  (%u added, %u already present, %u rejected)\n",
          seconds, cpu, added, existing, rejected);

  g_clear_object (&session);
  if (keep)
    printf ("kept %s and %s\n", csv_path, db_path);
  else
    {
      g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          g_remove (path);
        }
      g_rmdir (dir);
    }

  return first_added == n && added == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
