/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "kl-backup.h"
#include "kl-import.h"
#include "kl-search.h"
#include "kl-session.h"

/* Backups and restores of a client base of N clients (100 000), against a
 * floor measured in the same run: copying the same file with read() and
 * write() and an fsync, which is the least a backup of it can cost.
 *
 *   _build/bench/bench-backup [N] [--database FILE]
 *
 * Also: PRAGMA quick_check alone (what each backup and every start pay),
 * opening the database (with its quick_check), listing the backups with
 * their details (the Restore window) and restoring one. */

int main (int argc, char *argv[]);

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static void
make_database (const char *path,
               guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) session = kl_session_open (path, &error);
  g_autoptr(GString) csv = g_string_new ("Naziv;Grad;Adresa;E-mail;Telefon;Bilješke\r\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KlImport) import = NULL;
  static const char *const cities[] = { "Zagreb", "Split", "Rijeka", "Osijek", "Zadar", "Čakovec" };

  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (csv, "Tvrtka %u d.o.o.;%s;Ulica %u;ured%u@primjer.hr;+385 1 %07u;Klijent od %u. godine, redovito plaća\r\n",
                            i, cities[i % G_N_ELEMENTS (cities)], i % 200 + 1, i, i, 1990 + i % 30);
  bytes = g_bytes_new (csv->str, csv->len);
  import = kl_import_new_from_bytes (session, bytes, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (kl_import_run (import, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (kl_search_update_index (kl_session_get_database (session), NULL, NULL, &error));
}

/* The floor: the same bytes copied plainly, synced. */
static void
plain_copy (const char *from,
            const char *to)
{
  char buf[1 << 16];
  int in = g_open (from, O_RDONLY, 0);
  int out = g_open (to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  gssize n;

  g_assert_true (in >= 0 && out >= 0);
  while ((n = read (in, buf, sizeof buf)) > 0)
    g_assert_cmpint (write (out, buf, n), ==, n);
  g_assert_cmpint (fsync (out), ==, 0);
  close (in);
  close (out);
}

static void
drop_file_cache (const char *path)
{
  int fd = g_open (path, O_RDONLY, 0);

  if (fd >= 0)
    {
      posix_fadvise (fd, 0, 0, POSIX_FADV_DONTNEED);
      close (fd);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("klijentela-bench-backup-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autofree char *floor_copy = g_build_filename (dir, "plain-copy.db", NULL);
  g_autofree char *backup = NULL;
  g_autofree char *aside = NULL;
  g_autoptr(GPtrArray) list = NULL;
  guint n = 100000;
  GStatBuf st;
  gint64 n_clients = 0;
  double t, floor_s, backup_s, check_s, open_s, list_s, restore_s;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--database") && i + 1 < argc)
        path = g_strdup (argv[++i]);
      else
        n = (guint) atoi (argv[i]);
    }

  if (path == NULL)
    {
      path = g_build_filename (dir, "klijentela.db", NULL);
      t = now_s ();
      make_database (path, n);
      printf ("made a database of %u clients in %.2f s\n", n, now_s () - t);
    }
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  printf ("database: %.1f MiB\n", st.st_size / 1048576.0);

  /* Warm caches alike for both: read each once first. */
  plain_copy (path, floor_copy);
  t = now_s ();
  plain_copy (path, floor_copy);
  floor_s = now_s () - t;

  t = now_s ();
  backup = kl_backup_automatic (path, KL_BACKUP_REASON_DAILY, NULL, &error);
  backup_s = now_s () - t;
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (backup, &st), ==, 0);

  t = now_s ();
  g_assert_true (kl_backup_check_file (backup, &n_clients, &error));
  check_s = now_s () - t;

  t = now_s ();
  {
    g_autoptr(KlDatabase) db = kl_database_open (path, &error);

    g_assert_no_error (error);
    open_s = now_s () - t;
    t = now_s ();
    g_assert_true (kl_database_exec (db, "PRAGMA quick_check", &error));
    printf ("quick_check of the open database:    %7.3f s\n", now_s () - t);
  }

  t = now_s ();
  list = kl_backup_list (path, TRUE);
  list_s = now_s () - t;

  t = now_s ();
  g_assert_true (kl_backup_restore (path, backup, &aside, &error));
  restore_s = now_s () - t;
  g_assert_no_error (error);

  printf ("backup:  %" G_GINT64_FORMAT " clients, %.1f MiB\n", n_clients, st.st_size / 1048576.0);
  printf ("floor (plain copy + fsync):          %7.3f s\n", floor_s);
  printf ("backup (online copy, quick_check):   %7.3f s  = %.1f × floor\n", backup_s, backup_s / floor_s);
  printf ("quick_check of the backup alone:     %7.3f s\n", check_s);
  printf ("open (quick_check at start):         %7.3f s\n", open_s);
  printf ("list %u backup(s) with details:      %7.3f s\n", list->len, list_s);
  printf ("restore (check, copy, keep aside):   %7.3f s  = %.1f × floor\n", restore_s, restore_s / floor_s);

  drop_file_cache (path);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    g_autofree char *bdir = kl_backup_dir (path);
    g_autoptr(GDir) bd = g_dir_open (bdir, 0, NULL);

    while (bd != NULL && (name = g_dir_read_name (bd)) != NULL)
      {
        g_autofree char *p = g_build_filename (bdir, name, NULL);
        g_remove (p);
      }
    if (g_str_has_prefix (bdir, dir))
      g_rmdir (bdir);
    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_remove (p);
      }
    g_rmdir (dir);
  }

  return 0;
}
