/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * How long the funnel's numbers take over a large stage history.
 *
 *   bench-funnel [--rows N] [--database FILE] [--repeat R]
 *
 * Without --database a temporary file gets about N (1 000 000) stage-history
 * rows: deals created evenly over the four years up to now, by 20 managers,
 * 70 % in EUR and 30 % in RUB, each walking the funnel as the demo's do
 * (a tenth won, under half lost at some stage, a few going back a stage).
 * With --database FILE the file is kept, and used as it is when it already
 * holds deals.
 *
 * Each figure is the median of R runs (first run apart, statements
 * prepared) in milliseconds, wall clock and this process's CPU time. The
 * floor is the cheapest read of the same deals: counting those created in
 * the months the funnel looks at (the period and the twelve months before
 * it) in the index the funnel reads. The goal is under 50 ms for a quarter.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "kl-bench.h"
#include "kl-funnel.h"
#include "kl-session.h"

static const char * const stages[] = { "lead", "contacted", "needs", "offer", "negotiation", "won", "lost" };

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

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
format_time (GDateTime *t,
             char      *out,
             gsize      size)
{
  g_autofree char *text = g_date_time_format (t, "%Y-%m-%dT%H:%M:%S");

  g_strlcpy (out, text, size);
}

/* Returns the number of history rows written. */
static guint
seed (KlDatabase *database,
      guint       rows)
{
  sqlite3 *db = kl_database_get_handle (database);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) start = g_date_time_add_years (now, -4);
  gint64 span = g_date_time_difference (now, start) / G_USEC_PER_SEC;
  sqlite3_stmt *deal, *history;
  guint written = 0;
  guint n_deals;

  exec (db, "BEGIN");
  for (int m = 1; m <= 20; m++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO managers (id, name, created_at, updated_at)"
                                              " VALUES (%d, 'Manager %d', '2020-01-01', '2020-01-01')", m, m);
      exec (db, sql);
    }
  exec (db, "INSERT INTO clients (id, name, created_at, updated_at) VALUES (1, 'Client', '2020-01-01', '2020-01-01')");
  /* The summary triggers would refresh the one client 250 000 times. */
  exec (db, "DROP TRIGGER deals_summary_insert");

  deal = prepare (db, "INSERT INTO deals (id, client_id, manager_id, title, stage, amount, currency, lost_reason,"
                      " created_at, updated_at) VALUES (?, 1, ?, 'Deal', ?, ?, ?, ?, ?, ?)");
  history = prepare (db, "INSERT INTO deal_stage_history (deal_id, from_stage, to_stage, changed_at)"
                         " VALUES (?, ?, ?, ?)");

  /* About 3.56 rows a deal. */
  n_deals = (guint)(rows / 3.56);
  for (guint id = 1; id <= n_deals && written < rows; id++)
    {
      static const char * const reasons[] = { "Price too high", "No budget", "Chose a competitor",
                                              "Project postponed", "No answer" };
      gint64 offset = (gint64)((double)span * (id - 1) / n_deals);
      g_autoptr(GDateTime) when = g_date_time_add_seconds (start, (double)offset);
      int path[12];
      int n = 0;
      int fate = g_rand_int_range (rand, 0, 100);
      int top = fate < 12 ? 0 : fate < 22 ? 1 : fate < 30 ? 2 : fate < 38 ? 3 : 4;
      gboolean won = fate >= 45 && fate < 55;
      gboolean lost = fate >= 55;
      char created[32];
      const char *last;

      if (lost)
        top = g_rand_int_range (rand, 0, 5);
      for (int s = 0; s <= top; s++)
        {
          /* Skip a stage now and then, go back one now and then. */
          if (s > 0 && s < top && g_rand_int_range (rand, 0, 10) == 0)
            continue;
          path[n++] = s;
          if (s >= 2 && s < top && g_rand_int_range (rand, 0, 20) == 0)
            {
              path[n++] = s - 1;
              path[n++] = s;
            }
        }
      if (won)
        path[n++] = 5;
      if (lost)
        path[n++] = 6;
      last = stages[path[n - 1]];

      format_time (when, created, sizeof created);
      sqlite3_bind_int64 (deal, 1, id);
      sqlite3_bind_int (deal, 2, g_rand_int_range (rand, 1, 21));
      sqlite3_bind_text (deal, 3, last, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (deal, 4, g_rand_int_range (rand, 100, 50000) * 100);
      sqlite3_bind_text (deal, 5, g_rand_int_range (rand, 0, 10) < 7 ? "EUR" : "RUB", -1, SQLITE_STATIC);
      sqlite3_bind_text (deal, 6, lost ? reasons[g_rand_int_range (rand, 0, G_N_ELEMENTS (reasons))] : NULL,
                         -1, SQLITE_STATIC);
      sqlite3_bind_text (deal, 7, created, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (deal, 8, created, -1, SQLITE_TRANSIENT);
      step (db, deal);

      for (int i = 0; i < n; i++)
        {
          char at[32];

          if (i > 0)
            {
              GDateTime *later = g_date_time_add_seconds (when, g_rand_int_range (rand, 1, 20) * 86400.0
                                                          + g_rand_int_range (rand, 0, 28800));

              g_date_time_unref (when);
              when = later;
            }
          format_time (when, at, sizeof at);
          sqlite3_bind_int64 (history, 1, id);
          if (i > 0)
            sqlite3_bind_text (history, 2, stages[path[i - 1]], -1, SQLITE_STATIC);
          else
            sqlite3_bind_null (history, 2);
          sqlite3_bind_text (history, 3, stages[path[i]], -1, SQLITE_STATIC);
          sqlite3_bind_text (history, 4, at, -1, SQLITE_TRANSIENT);
          step (db, history);
          written++;
        }
    }
  sqlite3_finalize (deal);
  sqlite3_finalize (history);
  exec (db, "COMMIT");
  exec (db, "ANALYZE");

  return written;
}

typedef struct {
  KlDatabase *db;
  const char *from;
  const char *to;
  gint64      manager;
  const char *currency;
  const char *floor_from;
} Run;

static double
time_funnel (const Run *run,
             guint     *cohort,
             double    *cpu)
{
  g_autoptr(GError) error = NULL;
  double c0 = kl_bench_cpu_ms ();
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(KlFunnel) funnel = kl_funnel_compute (run->db, run->from, run->to, run->manager, run->currency,
                                                  NULL, &error);
  gint64 t1 = g_get_monotonic_time ();

  if (cpu != NULL)
    *cpu = kl_bench_cpu_ms () - c0;
  if (funnel == NULL)
    g_error ("%s", error->message);
  if (cohort != NULL)
    *cohort = funnel->cohort;
  return (t1 - t0) / 1000.0;
}

/* The floor: the deals behind the figures, counted in the same index. */
static double
time_floor (const Run *run,
            gint64    *rows,
            double    *cpu)
{
  sqlite3 *db = kl_database_get_handle (run->db);
  g_autoptr(sqlite3_stmt) stmt = prepare (db,
    "SELECT count(*) FROM deals d INDEXED BY deals_funnel"
    " WHERE d.created_at >= ?1 AND d.created_at < ?2 AND (?3 = 0 OR d.manager_id = ?3)"
    " AND (?4 IS NULL OR d.currency = ?4)");
  g_autofree char *next = g_strconcat (run->to, "T99", NULL);
  double c0 = kl_bench_cpu_ms ();
  gint64 t0 = g_get_monotonic_time ();
  gint64 t1;

  sqlite3_bind_text (stmt, 1, run->floor_from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, next, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, run->manager);
  sqlite3_bind_text (stmt, 4, run->currency, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("%s", sqlite3_errmsg (db));
  t1 = g_get_monotonic_time ();
  if (cpu != NULL)
    *cpu = kl_bench_cpu_ms () - c0;
  if (rows != NULL)
    *rows = sqlite3_column_int64 (stmt, 0);

  return (t1 - t0) / 1000.0;
}

/* "YYYY-MM-DD" a year earlier (the days given are firsts of months). */
static char *
year_before (const char *iso)
{
  return g_strdup_printf ("%04d%s", (int)g_ascii_strtoll (iso, NULL, 10) - 1, iso + 4);
}

static void
bench (const char *label,
       const Run  *run,
       guint       repeat)
{
  g_autoptr(GArray) funnel_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) funnel_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor_cpus = g_array_new (FALSE, FALSE, sizeof (double));
  guint cohort = 0;
  gint64 rows = 0;
  double first = time_funnel (run, &cohort, NULL);
  double f, fc, fl, flc;

  time_floor (run, &rows, NULL);
  for (guint i = 0; i < repeat; i++)
    {
      double cpu;
      double t = time_funnel (run, NULL, &cpu);

      g_array_append_val (funnel_times, t);
      g_array_append_val (funnel_cpus, cpu);
      t = time_floor (run, NULL, &cpu);
      g_array_append_val (floor_times, t);
      g_array_append_val (floor_cpus, cpu);
    }
  f = kl_bench_median (funnel_times);
  fc = kl_bench_median (funnel_cpus);
  fl = kl_bench_median (floor_times);
  flc = kl_bench_median (floor_cpus);
  printf ("%s: cohort %u deals; %" G_GINT64_FORMAT " deals behind the figures\n"
          "  funnel  first %7.1f ms   median %7.1f ms wall %7.1f ms CPU\n"
          "  floor                      median %7.1f ms wall %7.1f ms CPU   ratio (CPU) %.2f\n",
          label, cohort, rows, first, f, fc, fl, flc, fc / flc);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *database = NULL;
  int rows = 1000000;
  int repeat = 15;
  GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_INT, &rows, "Stage-history rows to seed", "N" },
    { "database", 0, 0, G_OPTION_ARG_FILENAME, &database, "Use this database as it is", "FILE" },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Runs per figure", "R" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) session = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *year_from = NULL;
  g_autofree char *year_to = NULL;
  g_autofree char *floor_from = NULL;
  KlDatabase *db;
  gint64 history_rows;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  if (database != NULL)
    path = g_strdup (database);
  else
    {
      dir = g_dir_make_tmp ("bench-funnel-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (dir, "bench.db", NULL);
    }

  session = kl_session_open (path, &error);
  if (session == NULL)
    g_error ("%s", error->message);
  db = kl_session_get_database (session);

  if (kl_database_query_int (db, "SELECT count(*) FROM deals", NULL) == 0)
    {
      gint64 t0 = g_get_monotonic_time ();
      guint written = seed (db, (guint)rows);

      printf ("seeded %u stage-history rows in %.1f s\n", written, (g_get_monotonic_time () - t0) / 1e6);
    }
  history_rows = kl_database_query_int (db, "SELECT count(*) FROM deal_stage_history", NULL);
  printf ("%" G_GINT64_FORMAT " stage-history rows, %" G_GINT64_FORMAT " deals\n", history_rows,
          kl_database_query_int (db, "SELECT count(*) FROM deals", NULL));

  /* The last full quarter, and the year before it; the floor reads from
   * twelve months before the period. */
  kl_funnel_quarter (NULL, -1, &from, &to);
  floor_from = year_before (from);
  kl_funnel_quarter (NULL, -4, &year_from, &year_to);

  {
    Run quarter = { db, from, to, 0, NULL, floor_from };
    Run manager = { db, from, to, 7, NULL, floor_from };
    Run currency = { db, from, to, 0, "EUR", floor_from };

    printf ("period %s to %s, %d runs each\n", from, to, repeat);
    bench ("quarter, everyone", &quarter, repeat);
    bench ("quarter, one manager", &manager, repeat);
    bench ("quarter, EUR", &currency, repeat);
  }
  {
    g_autofree char *floor_year = year_before (year_from);
    Run year = { db, year_from, to, 0, NULL, floor_year };

    bench ("four quarters, everyone", &year, repeat);
  }

  g_clear_object (&session);
  if (dir != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_remove (path);
      g_remove (wal);
      g_remove (shm);
      g_rmdir (dir);
    }

  return 0;
}
