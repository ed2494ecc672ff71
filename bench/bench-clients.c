/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "kl-client-list.h"
#include "kl-demo.h"
#include "kl-session.h"

/*
 * bench-clients [N]             seed N clients (default 100 000) into a
 *                               temporary database, then measure a cold
 *                               open in a separate process
 * bench-clients --open FILE     only the cold open of FILE (what the
 *                               first mode runs in its child)
 * bench-clients --keep FILE N   seed into FILE and keep it
 */

#define FIRST_PAGE 50
#define DEEP_POSITION 90000
#define DEFAULT_CLIENTS 100000
#define TODAY "2026-03-15"

static double peak_maxrss_mib (void);

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double)G_USEC_PER_SEC;
}

/* Peak resident memory of this address space (VmHWM): unlike ru_maxrss it
 * starts afresh at exec, so a child started from a big parent reports
 * only its own. Falls back to ru_maxrss. */
static double
peak_rss_mib (void)
{
  g_autofree char *status = NULL;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    {
      const char *line = strstr (status, "VmHWM:");

      if (line != NULL)
        return g_ascii_strtod (line + strlen ("VmHWM:"), NULL) / 1024.0;
    }

  return peak_maxrss_mib ();
}

static double
peak_maxrss_mib (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;

  return usage.ru_maxrss / 1024.0;  /* Linux: KiB */
}

static void
row (const char *label,
     const char *value)
{
  printf ("  %-34s %s\n", label, value);
}

static void
row_time (const char *label,
          double      seconds)
{
  g_autofree char *text = seconds < 1.0 ? g_strdup_printf ("%9.2f ms", seconds * 1000)
                                        : g_strdup_printf ("%9.2f s", seconds);

  row (label, text);
}

static void
row_number (const char *label,
            gint64      n)
{
  g_autofree char *text = g_strdup_printf ("%9" G_GINT64_FORMAT, n);

  row (label, text);
}

static void
row_mib (const char *label,
         double      mib)
{
  g_autofree char *text = g_strdup_printf ("%9.1f MiB", mib);

  row (label, text);
}

/* The open a user waits for: database, list, first screen, a jump. */
static int
run_open (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) session = NULL;
  g_autoptr(KlClientList) list = NULL;
  gint64 start, step;
  double t_open, t_list, t_page, t_total, t_deep;
  guint n_items, deep;

  start = g_get_monotonic_time ();
  session = kl_session_open (path, &error);
  if (session == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return EXIT_FAILURE;
    }
  t_open = seconds_since (start);

  step = g_get_monotonic_time ();
  list = kl_client_list_new (session);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  t_list = seconds_since (step);

  step = g_get_monotonic_time ();
  for (guint i = 0; i < MIN (FIRST_PAGE, n_items); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert (item != NULL);
    }
  t_page = seconds_since (step);
  t_total = seconds_since (start);

  deep = n_items > DEEP_POSITION ? DEEP_POSITION : (n_items > 0 ? n_items - 1 : 0);
  step = g_get_monotonic_time ();
  if (n_items > 0)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (list), deep);

      g_assert (item != NULL);
    }
  t_deep = seconds_since (step);

  printf ("Cold open (separate process, no seeding in memory)\n");
  row_time ("kl_session_open", t_open);
  row_time ("kl_client_list_new (count rows)", t_list);
  row_number ("rows in the list", n_items);
  row_time ("first page (50 items)", t_page);
  row_time ("open to first page", t_total);
  {
    g_autofree char *label = g_strdup_printf ("item at position %u", deep);

    row_time (label, t_deep);
  }
  row_number ("pages fetched", kl_client_list_get_fetches (list));
  row_mib ("peak memory (open only)", peak_rss_mib ());

  return EXIT_SUCCESS;
}

static gint64
count_rows (KlDatabase *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);

  return kl_database_query_int (db, sql, NULL);
}

static double
file_mib (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return 0;

  return st.st_size / (1024.0 * 1024.0);
}

static void
remove_database (const char *path)
{
  static const char * const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

static int
run_seed (const char *self,
          const char *path,
          guint       n_clients,
          gboolean    keep)
{
  static const char * const tables[] = {
    "clients", "contacts", "deals", "deal_stage_history", "activities", "offers", "offer_lines",
    "contracts", "invoices", "payments", "complaints", "sales_plans", "audit_log",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) session = NULL;
  g_autofree char *child_out = NULL;
  g_autofree char *child_err = NULL;
  g_autofree char *n_text = NULL;
  const char *child_argv[] = { self, "--open", path, NULL };
  gint64 start, total_rows = 0;
  double t_seed, t_close, size;
  int status = 0;

  n_text = g_strdup_printf ("%u", n_clients);
  printf ("Klijentela benchmark: %s clients\n", n_text);
  row ("database", path);
  row ("today (demo data relative to)", TODAY);
  printf ("\nSeeding (kl_demo_seed, one transaction)\n");
  fflush (stdout);

  session = kl_session_open (path, &error);
  if (session == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return EXIT_FAILURE;
    }

  start = g_get_monotonic_time ();
  if (!kl_demo_seed (session, n_clients, TODAY, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return EXIT_FAILURE;
    }
  t_seed = seconds_since (start);

  row_time ("seeding time", t_seed);
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      gint64 n = count_rows (kl_session_get_database (session), tables[i]);
      g_autofree char *label = g_strdup_printf ("rows: %s", tables[i]);

      total_rows += n;
      row_number (label, n);
    }
  row_number ("rows: all of the above", total_rows);
  {
    g_autofree char *rate = g_strdup_printf ("%9.0f rows/s", total_rows / t_seed);

    row ("write rate", rate);
  }
  row_mib ("peak memory (seeding)", peak_rss_mib ());

  start = g_get_monotonic_time ();
  g_clear_object (&session);
  t_close = seconds_since (start);
  row_time ("close (WAL checkpoint)", t_close);
  size = file_mib (path);
  row_mib ("database size", size);
  printf ("\n");
  fflush (stdout);

  if (!g_spawn_sync (NULL, (char **)child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     &child_out, &child_err, &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    {
      fprintf (stderr, "%s\n%s", error->message, child_err ? child_err : "");
      return EXIT_FAILURE;
    }
  fputs (child_out, stdout);

  if (!keep)
    remove_database (path);

  return EXIT_SUCCESS;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *open_path = NULL;
  g_autofree char *keep_path = NULL;
  g_autofree char *self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "open", 0, 0, G_OPTION_ARG_FILENAME, &open_path, "Only measure opening FILE", "FILE" },
    { "keep", 0, 0, G_OPTION_ARG_FILENAME, &keep_path, "Seed into FILE and keep it", "FILE" },
    { NULL }
  };
  guint n_clients = DEFAULT_CLIENTS;
  int status;

  setlocale (LC_ALL, "");

  context = g_option_context_new ("[N] — seed N clients (default 100000) and time the client list");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return EXIT_FAILURE;
    }

  if (open_path != NULL)
    return run_open (open_path);

  if (argc > 1)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (argv[1], 10, 0, G_MAXUINT, &n, &error))
        {
          fprintf (stderr, "N: %s\n", error->message);
          return EXIT_FAILURE;
        }
      n_clients = n;
    }

  /* The child is this program again. */
  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);

  if (keep_path != NULL)
    return run_seed (self, keep_path, n_clients, TRUE);

  dir = g_dir_make_tmp ("klijentela-bench-XXXXXX", &error);
  if (dir == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return EXIT_FAILURE;
    }
  path = g_build_filename (dir, "bench.db", NULL);
  status = run_seed (self, path, n_clients, FALSE);
  remove_database (path);
  g_rmdir (dir);

  return status;
}
