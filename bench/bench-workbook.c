/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "kl-demo.h"
#include "kl-session.h"
#include "kl-workbook.h"

/* The director's workbook of N clients (100 000) with their deals,
 * contracts and invoices, against libxlsxwriter alone writing the same
 * number of text and number cells (constant_memory, rows of 20 cells,
 * text of the same average length) in the same run. Each run is a child
 * process, so that its peak memory is its own.
 *
 *   bench-workbook [N] [--database FILE] [--repeat R]
 *
 * Seeding 100 000 clients takes minutes: keep the file with --database
 * (made when missing) to time again. Uninstalled, give the translations:
 * KLIJENTELA_LOCALEDIR=_build/po. */

typedef struct {
  double          seconds;
  double          cpu_seconds;   /* user + system, of the child */
  long            max_rss_kib;
  KlWorkbookStats stats;
} Result;

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* Runs @func in a child; its figures come back through a pipe. */
static Result
in_child (void     (*func) (gpointer data, Result *result),
          gpointer   data)
{
  Result result = { 0 };
  struct rusage usage;
  int fds[2];
  int status;
  pid_t pid;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      func (data, &result);
      if (write (fds[1], &result, sizeof result) != sizeof result)
        _exit (1);
      _exit (0);
    }
  close (fds[1]);
  g_assert_cmpint (read (fds[0], &result, sizeof result), ==, sizeof result);
  close (fds[0]);
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  result.max_rss_kib = usage.ru_maxrss;
  /* CPU time: the machine is shared, wall time swings with the others' load */
  result.cpu_seconds = usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
                       usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;

  return result;
}

typedef struct {
  const char      *db_path;
  const char      *out;
  gint64           manager;
  KlWorkbookStats  stats;     /* for the floor: what to write */
} Job;

static void
run_export (gpointer  data,
            Result   *result)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) session = kl_session_open (job->db_path, &error);
  KlWorkbookOptions options = { .language = "hr", .stats = &result->stats,
                                .scope = { .manager_id = job->manager } };
  double start;

  g_assert_no_error (error);
  start = now ();
  if (!kl_workbook_export (kl_session_get_database (session), &options, job->out, NULL, NULL, NULL, &error))
    g_error ("%s", error->message);
  result->seconds = now () - start;
}

/* libxlsxwriter alone: the same cells, nothing read */
static void
run_floor (gpointer  data,
           Result   *result)
{
  Job *job = data;
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  lxw_workbook *wb;
  lxw_worksheet *ws;
  lxw_format *money, *date;
  guint64 text = job->stats.text_cells, numbers = job->stats.number_cells;
  gsize length = job->stats.text_cells > 0 ? job->stats.text_bytes / job->stats.text_cells : 8;
  g_autofree char *sample = g_malloc (length + 1);
  double start = now ();
  lxw_row_t row = 0;

  for (gsize i = 0; i < length; i++)
    sample[i] = "Zagreb Kovačić d.o.o."[i % 20];
  sample[length] = '\0';
  if (!g_utf8_validate (sample, -1, NULL))
    sample[length - 1] = 'x';

  wb = workbook_new_opt (job->out, &options);
  ws = workbook_add_worksheet (wb, "Floor");
  money = workbook_add_format (wb);
  format_set_num_format (money, "#,##0.00\\ \"EUR\"");
  date = workbook_add_format (wb);
  format_set_num_format (date, "dd.mm.yyyy.");
  while (text > 0 || numbers > 0)
    {
      for (lxw_col_t col = 0; col < 20 && (text > 0 || numbers > 0); col++)
        {
          /* text and numbers interleaved in their proportion */
          if (text > 0 && (numbers == 0 || (col % 2) == 0))
            {
              worksheet_write_string (ws, row, col, sample, NULL);
              text--;
            }
          else
            {
              worksheet_write_number (ws, row, col, 1234.5 + row, (col % 4) == 1 ? money : date);
              numbers--;
            }
        }
      row++;
    }
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  result->seconds = now () - start;
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *db_path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;
  guint n_clients = 100000;
  guint repeat = 3;
  g_autoptr(GError) error = NULL;
  double best_export = G_MAXDOUBLE, best_floor = G_MAXDOUBLE;
  double best_export_cpu = G_MAXDOUBLE, best_floor_cpu = G_MAXDOUBLE;
  long rss_export = 0, rss_floor = 0;
  Result export = { 0 };

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--database") && i + 1 < argc)
        db_path = g_strdup (argv[++i]);
      else if (g_str_equal (argv[i], "--repeat") && i + 1 < argc)
        repeat = (guint) atoi (argv[++i]);
      else
        n_clients = (guint) atoi (argv[i]);
    }

  dir = g_dir_make_tmp ("bench-workbook-XXXXXX", &error);
  g_assert_no_error (error);
  out = g_build_filename (dir, "report.xlsx", NULL);
  if (db_path == NULL)
    db_path = g_build_filename (dir, "bench.db", NULL);

  if (!g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(KlSession) session = kl_session_open (db_path, &error);
      double start = now ();

      g_assert_no_error (error);
      if (!kl_demo_seed (session, n_clients, NULL, &error))
        g_error ("%s", error->message);
      printf ("seeded %u clients in %.1f s\n", n_clients, now () - start);
    }

  {
    g_autoptr(KlSession) session = kl_session_open (db_path, &error);
    KlDatabase *db;

    g_assert_no_error (error);
    db = kl_session_get_database (session);
    printf ("database: %" G_GINT64_FORMAT " clients, %" G_GINT64_FORMAT " deals, %" G_GINT64_FORMAT
            " contracts, %" G_GINT64_FORMAT " invoices, %" G_GINT64_FORMAT " activities\n",
            kl_database_query_int (db, "SELECT count(*) FROM clients", NULL),
            kl_database_query_int (db, "SELECT count(*) FROM deals", NULL),
            kl_database_query_int (db, "SELECT count(*) FROM contracts", NULL),
            kl_database_query_int (db, "SELECT count(*) FROM invoices", NULL),
            kl_database_query_int (db, "SELECT count(*) FROM activities", NULL));
  }

  for (guint r = 0; r < repeat; r++)
    {
      Job job = { .db_path = db_path, .out = out };
      Result floor;
      GStatBuf st;

      export = in_child (run_export, &job);
      g_assert_cmpint (g_stat (out, &st), ==, 0);
      if (r == 0)
        printf ("workbook: %" G_GUINT64_FORMAT " rows, %" G_GUINT64_FORMAT " text cells (%" G_GUINT64_FORMAT
                " bytes), %" G_GUINT64_FORMAT " numbers and dates, %" G_GUINT64_FORMAT " formulas; %.1f MiB\n",
                export.stats.rows, export.stats.text_cells, export.stats.text_bytes, export.stats.number_cells,
                export.stats.formula_cells, st.st_size / 1048576.0);
      job.stats = export.stats;
      floor = in_child (run_floor, &job);
      printf ("run %u: export %.2f s (CPU %.2f s), %ld MiB peak; libxlsxwriter alone %.2f s (CPU %.2f s), "
              "%ld MiB peak; ratio %.2f (CPU %.2f)\n",
              r + 1, export.seconds, export.cpu_seconds, export.max_rss_kib / 1024, floor.seconds,
              floor.cpu_seconds, floor.max_rss_kib / 1024, export.seconds / floor.seconds,
              export.cpu_seconds / floor.cpu_seconds);
      best_export = MIN (best_export, export.seconds);
      best_floor = MIN (best_floor, floor.seconds);
      best_export_cpu = MIN (best_export_cpu, export.cpu_seconds);
      best_floor_cpu = MIN (best_floor_cpu, floor.cpu_seconds);
      rss_export = MAX (rss_export, export.max_rss_kib);
      rss_floor = MAX (rss_floor, floor.max_rss_kib);
    }

  /* Memory against the rows: one manager's share of the workbook */
  {
    g_autoptr(KlSession) session = kl_session_open (db_path, &error);
    Job job = { .db_path = db_path, .out = out };
    Result part;

    g_assert_no_error (error);
    job.manager = kl_database_query_int (kl_session_get_database (session), "SELECT min(id) FROM managers", NULL);
    part = in_child (run_export, &job);
    printf ("one manager: %" G_GUINT64_FORMAT " rows in %.2f s, %ld MiB peak (all: %" G_GUINT64_FORMAT
            " rows, %ld MiB)\n",
            part.stats.rows, part.seconds, part.max_rss_kib / 1024, export.stats.rows, rss_export / 1024);
  }

  printf ("best of %u: export %.2f s, libxlsxwriter alone %.2f s: ratio %.2f (goal 1.5); "
          "CPU %.2f s against %.2f s: ratio %.2f\n",
          repeat, best_export, best_floor, best_export / best_floor,
          best_export_cpu, best_floor_cpu, best_export_cpu / best_floor_cpu);

  g_unlink (out);
  if (g_str_has_prefix (db_path, dir))
    {
      g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);

      g_unlink (db_path);
      g_unlink (wal);
      g_unlink (shm);
    }
  g_rmdir (dir);

  return 0;
}
