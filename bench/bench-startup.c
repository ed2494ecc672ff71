/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gstdio.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kl-demo.h"
#include "kl-search.h"
#include "kl-session.h"

/*
 * bench-startup [--rounds R] [--small FILE] [--large FILE] [--daily-backup]
 *
 * Start-up of the window, exec to first frame, and resident memory once
 * the first page is up, for klijentela on 200 and on 100 000 clients,
 * against the floor: bench-empty-window, an empty AdwApplicationWindow
 * built the same way. The three are started in turn, R rounds (default
 * 7), each time as a new process; each reports its first frame on
 * standard output (KLIJENTELA_FIRST_FRAME=1). Memory is VmRSS one second
 * after the first frame. The CPU time the process's threads have used when
 * the first frame is reported (/proc/PID/task/TID/schedstat) is printed
 * too: on a busy machine the wall clock mostly measures the others' work.
 * Prints the medians and the ratios to the floor.
 * The day's automatic backup is left out (KLIJENTELA_NO_DAILY_BACKUP=1);
 * with --daily-backup each start makes one behind the window (each is
 * stopped with the process, so each start begins a new one: the worst
 * case, a backup of the whole file beside every start).
 *
 * Needs a display and a session bus, as the window does:
 *   dbus-run-session -- xvfb-run -a -s '-screen 0 1400x900x24' _build/bench/bench-startup
 * Without --small/--large, the demo databases are made first in a
 * temporary folder (100 000 clients take a few minutes; keep one with
 * `klijentela --database FILE --seed-demo=100000` and pass it).
 */

#define SETTLE_USEC (1 * G_USEC_PER_SEC)
#define TIMEOUT_MSEC 60000

static gboolean daily_backup;

typedef struct {
  const char *label;
  const char *binary;
  const char *database;   /* NULL: the empty window */
  GArray     *start_ms;
  GArray     *cpu_ms;
  GArray     *rss_mib;
} Subject;

/* The CPU time the live threads of @pid have used, in ms; -1 if unknown. */
static double
cpu_ms_of (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/task", (int)pid);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  double total = 0;

  if (dir == NULL)
    return -1;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *stat_path = g_build_filename (path, name, "schedstat", NULL);
      g_autofree char *stat = NULL;

      /* nanoseconds on the CPU, waiting, time slices */
      if (g_file_get_contents (stat_path, &stat, NULL, NULL))
        total += g_ascii_strtod (stat, NULL) / 1e6;
    }
  return total;
}

static double
rss_mib_of (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/status", (int)pid);
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents (path, &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  if (line == NULL)
    return -1;
  return g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0;
}

/* Reads from @fd until a "first-frame T" line; T, or -1 on timeout/EOF. */
static gint64
wait_first_frame (int fd)
{
  GString *buffer = g_string_new (NULL);
  gint64 result = -1;

  for (;;)
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      char chunk[512];
      ssize_t n;
      const char *line;

      if (poll (&pfd, 1, TIMEOUT_MSEC) <= 0)
        break;
      n = read (fd, chunk, sizeof chunk);
      if (n <= 0)
        break;
      g_string_append_len (buffer, chunk, n);
      line = strstr (buffer->str, "first-frame ");
      if (line != NULL && strchr (line, '\n') != NULL)
        {
          result = g_ascii_strtoll (line + strlen ("first-frame "), NULL, 10);
          break;
        }
    }
  g_string_free (buffer, TRUE);
  return result;
}

static gboolean
run_once (Subject *subject)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *argv[] = { subject->binary, subject->database != NULL ? "--database" : NULL,
                         subject->database, NULL };
  GPid pid;
  int out_fd;
  gint64 spawned, first;
  double start_ms, cpu = -1, rss = -1;
  int status;

  envp = g_environ_setenv (envp, "KLIJENTELA_FIRST_FRAME", "1", TRUE);
  envp = g_environ_setenv (envp, "GSETTINGS_BACKEND", "memory", TRUE);
  if (!daily_backup)
    envp = g_environ_setenv (envp, "KLIJENTELA_NO_DAILY_BACKUP", "1", TRUE);

  spawned = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, (char **)argv, envp, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                 &pid, NULL, &out_fd, NULL, &error))
    {
      g_printerr ("bench-startup: %s\n", error->message);
      return FALSE;
    }

  first = wait_first_frame (out_fd);
  if (first > 0)
    {
      cpu = cpu_ms_of (pid);
      g_usleep (SETTLE_USEC);
      rss = rss_mib_of (pid);
    }
  kill (pid, SIGTERM);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
  close (out_fd);

  if (first < 0)
    {
      g_printerr ("bench-startup: %s showed no first frame\n", subject->label);
      return FALSE;
    }
  start_ms = (first - spawned) / 1000.0;
  g_array_append_val (subject->start_ms, start_ms);
  g_array_append_val (subject->cpu_ms, cpu);
  g_array_append_val (subject->rss_mib, rss);
  return TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_autoptr(GArray) sorted = g_array_copy (values);

  g_array_sort (sorted, compare_doubles);
  if (sorted->len == 0)
    return 0;
  if (sorted->len % 2 == 1)
    return g_array_index (sorted, double, sorted->len / 2);
  return (g_array_index (sorted, double, sorted->len / 2 - 1) + g_array_index (sorted, double, sorted->len / 2)) / 2;
}

static char *
seed (const char *dir,
      guint       n_clients)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) session = NULL;
  char *path = g_strdup_printf ("%s/demo-%u.db", dir, n_clients);
  gint64 start = g_get_monotonic_time ();

  session = kl_session_open (path, &error);
  if (session == NULL || !kl_demo_seed (session, n_clients, NULL, &error)
      || !kl_search_update_index (kl_session_get_database (session), NULL, NULL, &error))
    {
      g_printerr ("bench-startup: could not seed %u clients: %s\n", n_clients, error->message);
      exit (1);
    }
  g_printerr ("seeded %u clients in %.1f s\n", n_clients, (g_get_monotonic_time () - start) / 1e6);
  return path;
}

/* The binaries beside this one in the build tree. */
static char *
sibling (const char *relative)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = g_path_get_dirname (exe);

  return g_build_filename (dir, relative, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *small = NULL;
  g_autofree char *large = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *klijentela = sibling ("../src/klijentela");
  g_autofree char *empty = sibling ("bench-empty-window");
  g_autofree char *load_before = NULL;
  g_autofree char *load_after = NULL;
  int rounds = 7;
  Subject subjects[3];
  GOptionEntry entries[] = {
    { "rounds", 'r', 0, G_OPTION_ARG_INT, &rounds, "Rounds (default 7)", "R" },
    { "small", 0, 0, G_OPTION_ARG_FILENAME, &small, "A database with 200 demo clients", "FILE" },
    { "large", 0, 0, G_OPTION_ARG_FILENAME, &large, "A database with 100 000 demo clients", "FILE" },
    { "daily-backup", 0, 0, G_OPTION_ARG_NONE, &daily_backup, "Let each start make the day's backup", NULL },
    { NULL }
  };

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || rounds < 1)
    {
      g_printerr ("bench-startup: %s\n", error != NULL ? error->message : "--rounds must be positive");
      return 2;
    }
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_printerr ("bench-startup: needs a display: dbus-run-session -- xvfb-run -a %s\n", argv[0]);
      return 2;
    }

  if (small == NULL || large == NULL)
    {
      tmp = g_dir_make_tmp ("klijentela-bench-startup-XXXXXX", &error);
      g_assert_no_error (error);
      if (small == NULL)
        small = seed (tmp, 200);
      if (large == NULL)
        large = seed (tmp, 100000);
    }

  subjects[0] = (Subject) { "empty AdwApplicationWindow", empty, NULL };
  subjects[1] = (Subject) { "klijentela, 200 clients", klijentela, small };
  subjects[2] = (Subject) { "klijentela, 100 000 clients", klijentela, large };
  for (guint i = 0; i < G_N_ELEMENTS (subjects); i++)
    {
      subjects[i].start_ms = g_array_new (FALSE, FALSE, sizeof (double));
      subjects[i].cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
      subjects[i].rss_mib = g_array_new (FALSE, FALSE, sizeof (double));
      /* a first start of each that is not counted: disk cache, one-time work */
      if (!run_once (&subjects[i]))
        return 1;
      g_array_set_size (subjects[i].start_ms, 0);
      g_array_set_size (subjects[i].cpu_ms, 0);
      g_array_set_size (subjects[i].rss_mib, 0);
    }

  if (!g_file_get_contents ("/proc/loadavg", &load_before, NULL, NULL))
    load_before = g_strdup ("unknown\n");
  for (int r = 0; r < rounds; r++)
    for (guint i = 0; i < G_N_ELEMENTS (subjects); i++)
      if (!run_once (&subjects[i]))
        return 1;

  printf ("exec → first frame of the main window (wall clock, and the CPU time of the process's threads then), "
          "and VmRSS 1 s later; median of %d rounds, alternating%s\n",
          rounds, daily_backup ? "; each start makes the day's backup" : "");
  printf ("load average before: %s", load_before);
  printf ("%-30s %10s %8s %8s %8s %10s %10s\n", "", "start ms", "ratio", "CPU ms", "ratio", "RSS MiB", "over MiB");
  for (guint i = 0; i < G_N_ELEMENTS (subjects); i++)
    {
      double ms = median (subjects[i].start_ms);
      double cpu = median (subjects[i].cpu_ms);
      double rss = median (subjects[i].rss_mib);
      double floor_ms = median (subjects[0].start_ms);
      double floor_cpu = median (subjects[0].cpu_ms);
      double floor_rss = median (subjects[0].rss_mib);

      printf ("%-30s %10.0f %7.2f× %8.0f %7.2f× %10.1f %+10.1f\n", subjects[i].label, ms, ms / floor_ms,
              cpu, cpu / floor_cpu, rss, rss - floor_rss);
    }
  if (g_file_get_contents ("/proc/loadavg", &load_after, NULL, NULL))
    printf ("load average after: %s", load_after);
  printf ("goals: 100 000 clients at most 1.5× the empty window, at most 40 MiB over it\n");

  for (guint i = 0; i < G_N_ELEMENTS (subjects); i++)
    {
      g_array_unref (subjects[i].start_ms);
      g_array_unref (subjects[i].cpu_ms);
      g_array_unref (subjects[i].rss_mib);
    }
  if (tmp != NULL)
    {
      const char *suffixes[] = { "", "-wal", "-shm" };

      for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
        {
          g_autofree char *a = g_strconcat (small, suffixes[i], NULL);
          g_autofree char *b = g_strconcat (large, suffixes[i], NULL);

          g_remove (a);
          g_remove (b);
        }
      g_rmdir (tmp);
    }
  return 0;
}
