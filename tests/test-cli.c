/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kl-backup.h"
#include "kl-database.h"
#include "kl-test.h"

/* Runs the real binary, with no display, as a cron job would. */

typedef struct {
  char *dir;
  char *path;
} Fixture;

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_klijentela (Run         *run,
                const char  *lang,
                ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *binary = g_getenv ("KLIJENTELA_BINARY");
  va_list args;
  const char *arg;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (char *)binary);
  va_start (args, lang);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *)arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  envp = g_environ_unsetenv (envp, "LANGUAGE");
  envp = g_environ_setenv (envp, "LC_ALL", lang, TRUE);

  g_spawn_sync (NULL, (char **)argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &run->status, &error);
  g_assert_no_error (error);
}

static gboolean
exited_ok (Run *run)
{
  return g_spawn_check_wait_status (run->status, NULL);
}

static int
exit_status (Run *run)
{
  g_assert_true (WIFEXITED (run->status));
  return WEXITSTATUS (run->status);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = kl_test_make_dir ("cli");
  f->path = g_build_filename (f->dir, "cli.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
count_rows (const char *path,
            const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDatabase) db = kl_database_open (path, &error);

  g_assert_no_error (error);
  return kl_database_query_int (db, sql, &error);
}

static void
test_version (Fixture       *f,
              gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  run_klijentela (&run, "C.UTF-8", "--version", NULL);
  g_assert_true (exited_ok (&run));
  g_assert_cmpstr (run.out, ==, "klijentela " PACKAGE_VERSION "\n");
}

static void
test_seed_demo_default (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  run_klijentela (&run, "C.UTF-8", "--database", f->path, "--seed-demo", NULL);
  g_assert_true (exited_ok (&run));
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM clients"), ==, 200);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM managers"), >=, 3);
}

static void
test_seed_demo_count (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_auto(Run) equals = { 0 };
  g_autofree char *other = g_build_filename (f->dir, "other.db", NULL);

  run_klijentela (&run, "C.UTF-8", "--database", f->path, "--seed-demo", "37", NULL);
  g_assert_true (exited_ok (&run));
  g_assert_nonnull (strstr (run.out, "37"));
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM clients"), ==, 37);

  run_klijentela (&equals, "C.UTF-8", "--database", other, "--seed-demo=12", NULL);
  g_assert_true (exited_ok (&equals));
  g_assert_cmpint (count_rows (other, "SELECT count(*) FROM clients"), ==, 12);
}

static void
test_bad_arguments (Fixture       *f,
                    gconstpointer  data)
{
  const char *bad[][4] = {
    { "--seed-demo", "many", NULL },
    { "--seed-demo", "0", NULL },
    { "--no-such-option", NULL },
    { "stray-argument", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(Run) run = { 0 };

      run_klijentela (&run, "C.UTF-8", "--database", f->path, bad[i][0], bad[i][1], NULL);
      g_assert_false (exited_ok (&run));
      g_assert_cmpstr (run.out, ==, "");
      /* One line, naming the program. */
      g_assert_true (g_str_has_prefix (run.err, "klijentela: "));
      g_assert_nonnull (strchr (run.err, '\n'));
      g_assert_cmpint (strchr (run.err, '\n')[1], ==, '\0');
    }

  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

static void
test_unusable_database (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *junk = g_build_filename (f->dir, "junk.db", NULL);
  g_autofree char *newer = g_build_filename (f->dir, "newer.db", NULL);
  g_auto(Run) corrupt = { 0 };
  g_auto(Run) future = { 0 };

  g_assert_true (g_file_set_contents (junk, "this is not a database, only some text", -1, NULL));
  run_klijentela (&corrupt, "C.UTF-8", "--database", junk, "--seed-demo", "5", NULL);
  g_assert_cmpint (exit_status (&corrupt), ==, 2);
  g_assert_true (g_str_has_prefix (corrupt.err, "klijentela: "));
  g_assert_nonnull (strstr (corrupt.err, "not a Klijentela database"));
  g_assert_cmpuint (count_lines (corrupt.err), ==, 1);

  /* A real database with damaged pages. */
  {
    g_auto(Run) seed = { 0 };
    g_auto(Run) damaged = { 0 };
    char *contents = NULL;
    gsize length = 0;

    run_klijentela (&seed, "C.UTF-8", "--database", f->path, "--seed-demo", "300", NULL);
    g_assert_true (exited_ok (&seed));
    g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 64 * 4096);
    for (gsize i = 16 * 4096; i < 64 * 4096; i++)
      contents[i] = (char) (0x5A ^ i);
    g_assert_true (g_file_set_contents (f->path, contents, length, NULL));
    g_free (contents);

    run_klijentela (&damaged, "C.UTF-8", "--database", f->path, "--seed-demo", "5", NULL);
    g_assert_cmpint (exit_status (&damaged), ==, 2);
    g_assert_cmpstr (damaged.out, ==, "");
    g_assert_nonnull (strstr (damaged.err, "damaged"));
    g_assert_cmpuint (count_lines (damaged.err), ==, 1);
  }

  {
    g_autoptr(KlDatabase) db = kl_database_open (newer, NULL);

    g_assert_true (kl_database_exec (db, "PRAGMA user_version = 9999", NULL));
  }
  run_klijentela (&future, "C.UTF-8", "--database", newer, "--seed-demo", "5", NULL);
  g_assert_cmpint (exit_status (&future), ==, 2);
  g_assert_nonnull (strstr (future.err, "newer version"));
  g_assert_cmpuint (count_lines (future.err), ==, 1);
}

static void
test_backup (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *expected = g_strdup_printf ("Backed up 12 clients to %s.\n", out);
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
  g_auto(Run) seed = { 0 };
  g_auto(Run) run = { 0 };
  g_auto(Run) none = { 0 };
  gint64 n_clients = 0;

  run_klijentela (&seed, "C.UTF-8", "--database", f->path, "--seed-demo", "12", NULL);
  g_assert_true (exited_ok (&seed));
  run_klijentela (&run, "C.UTF-8", "--database", f->path, "--backup", out, NULL);
  g_assert_cmpint (exit_status (&run), ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (kl_backup_check_file (out, &n_clients, NULL));
  g_assert_cmpint (n_clients, ==, 12);

  /* No database: nothing made, one line, status 2. */
  run_klijentela (&none, "C.UTF-8", "--database", missing, "--backup", out, NULL);
  g_assert_cmpint (exit_status (&none), ==, 2);
  g_assert_cmpuint (count_lines (none.err), ==, 1);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_assert_true (kl_backup_check_file (out, &n_clients, NULL));
}

static void
test_messages_translated (Fixture       *f,
                          gconstpointer  data)
{
  struct {
    const char *locale;
    const char *word;
  } cases[] = {
    { "hr_HR.UTF-8", "klijenata" },
    { "ru_RU.UTF-8", "клиентов" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };
      g_autofree char *path = g_strdup_printf ("%s/%s.db", f->dir, cases[i].locale);

      run_klijentela (&run, cases[i].locale, "--database", path, "--seed-demo", "25", NULL);
      if (strstr (run.err, "locale") != NULL || !exited_ok (&run))
        g_error ("%s: %s (is the locale installed? test.sh generates it)", cases[i].locale, run.err);
      /* 25 takes the genitive plural in both languages. */
      if (strstr (run.out, cases[i].word) == NULL)
        g_error ("%s: expected “%s” in “%s”", cases[i].locale, cases[i].word, run.out);
    }
}

/* Writes @text to a file in the fixture's folder; returns its path. */
static char *
write_file (Fixture    *f,
            const char *name,
            const char *text,
            gssize      length)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, length, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_import_csv_ok (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *csv = write_file (f, "ok.csv",
                                     "\xEF\xBB\xBF" "Naziv;OIB;Grad\r\n"
                                     "Šime Đurić d.o.o.;69102302110;Čakovec\r\n"
                                     "Žitnjak j.d.o.o.;12345678903;Zagreb\r\n"
                                     "Obrt Ćirić;;Osijek\r\n", -1);
  g_auto(Run) first = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) one = { 0 };
  g_autofree char *single = write_file (f, "one.csv", "Name\nOne Client\n", -1);

  run_klijentela (&first, "C.UTF-8", "--database", f->path, "--import-csv", csv, NULL);
  g_assert_cmpstr (first.err, ==, "");
  g_assert_cmpint (exit_status (&first), ==, 0);
  g_assert_cmpstr (first.out, ==, "Imported 3 clients.\n");
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM clients"), ==, 3);

  /* The same file again adds nothing and is no error. */
  run_klijentela (&again, "C.UTF-8", "--database", f->path, "--import-csv", csv, NULL);
  g_assert_cmpstr (again.err, ==, "");
  g_assert_cmpint (exit_status (&again), ==, 0);
  g_assert_cmpstr (again.out, ==,
                   "Imported 0 clients.\n"
                   "3 lines skipped: the clients are already in the database.\n");
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM clients"), ==, 3);

  run_klijentela (&one, "C.UTF-8", "--database", f->path, "--import-csv", single, NULL);
  g_assert_cmpint (exit_status (&one), ==, 0);
  g_assert_cmpstr (one.out, ==, "Imported 1 client.\n");
}

static void
test_import_csv_rejected (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *csv = write_file (f, "mixed.csv",
                                     "Naziv;OIB;Država;Grad;E-mail;Voditelj\n"
                                     "Dobra Firma d.o.o.;31415926539;HR;Zagreb;ok@dobra.hr;\n"
                                     "Loša Firma d.o.o.;31415926530;HR;Zagreb;;\n"
                                     "\"Višeredna\nFirma\";;;Split;;\n"
                                     "Nepoznati d.o.o.;;;Pula;;Marko Nepostojeći\n"
                                     "Zadnja Firma d.o.o.;;;Varaždin;zadnja@firma.hr;\n", -1);
  g_autofree char *expected_err = g_strdup_printf ("klijentela: %s:3: Tax ID: The OIB check digit does not match.\n"
                                                   "klijentela: %s:6: Manager: There is no manager called “Marko Nepostojeći”.\n",
                                                   csv, csv);
  g_auto(Run) run = { 0 };

  run_klijentela (&run, "C.UTF-8", "--database", f->path, "--import-csv", csv, NULL);
  g_assert_cmpint (exit_status (&run), ==, 1);
  g_assert_cmpstr (run.err, ==, expected_err);
  g_assert_cmpstr (run.out, ==, "Imported 3 clients.\n2 lines rejected.\n");
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM clients"), ==, 3);
}

/* A 1C export: every column taken (КПП too), the branch with its head
 * office's INN is the duplicate of line 2; in Russian too. */
static void
test_import_csv_real (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *csv = g_test_build_filename (G_TEST_DIST, "data", "import-1c-cp1251.csv", NULL);
  g_autofree char *expected_err = g_strdup_printf ("klijentela: %s:6: The same tax ID as line 2: a duplicate of that client, not imported.\n",
                                                   csv);
  g_autofree char *ru_database = g_build_filename (f->dir, "ru.db", NULL);
  g_auto(Run) run = { 0 };
  g_auto(Run) ru = { 0 };

  run_klijentela (&run, "C.UTF-8", "--database", f->path, "--import-csv", csv, NULL);
  g_assert_cmpint (exit_status (&run), ==, 1);
  g_assert_cmpstr (run.err, ==, expected_err);
  g_assert_cmpstr (run.out, ==, "Imported 4 clients.\n1 line rejected.\n");

  run_klijentela (&ru, "ru_RU.UTF-8", "--database", ru_database, "--import-csv", csv, NULL);
  g_assert_nonnull (strstr (ru.err, "не импортирован"));
  g_assert_null (strstr (ru.err, "КПП"));
  g_assert_nonnull (strstr (ru.err, "строке 2"));
}

static void
test_import_csv_unreadable (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);
  g_autofree char *no_header = write_file (f, "no-header.csv", "Foo;Bar\n1;2\n", -1);
  g_autofree char *no_name = write_file (f, "no-name.csv", "Grad;OIB\nZagreb;69102302110\n", -1);
  static const char png[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
  g_autofree char *binary = write_file (f, "binary.csv", png, sizeof png - 1);
  g_autofree char *empty = write_file (f, "empty.csv", "", 0);
  const char *files[] = { no_header, no_name, binary, empty };
  g_auto(Run) run = { 0 };

  /* A file that cannot be read leaves no database behind. */
  run_klijentela (&run, "C.UTF-8", "--database", f->path, "--import-csv", missing, NULL);
  g_assert_cmpint (exit_status (&run), ==, 2);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_true (g_str_has_prefix (run.err, "klijentela: "));
  g_assert_nonnull (strstr (run.err, "missing.csv"));
  g_assert_cmpuint (count_lines (run.err), ==, 1);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_auto(Run) bad = { 0 };
      g_autofree char *prefix = g_strdup_printf ("klijentela: %s: ", files[i]);

      run_klijentela (&bad, "C.UTF-8", "--database", f->path, "--import-csv", files[i], NULL);
      g_assert_cmpint (exit_status (&bad), ==, 2);
      g_assert_cmpstr (bad.out, ==, "");
      g_assert_true (g_str_has_prefix (bad.err, prefix));
      g_assert_cmpuint (count_lines (bad.err), ==, 1);
      g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM clients"), ==, 0);
    }
}

/* The automatic backups of @path (a database in the fixture's folder). */
static guint
count_backups (const char *path)
{
  g_autoptr(GPtrArray) list = kl_backup_list (path, TRUE);

  for (guint i = 0; i < list->len; i++)
    g_assert_true (((KlBackupInfo *) g_ptr_array_index (list, i))->ok);

  return list->len;
}

static void
seed (Fixture *f,
      guint    n)
{
  g_auto(Run) run = { 0 };
  g_autofree char *count = g_strdup_printf ("%u", n);

  run_klijentela (&run, "C.UTF-8", "--database", f->path, "--seed-demo", count, NULL);
  g_assert_cmpint (exit_status (&run), ==, 0);
}

/* A director's scheduled job may be all that runs: it makes today's
 * backup as the window does at start, once a day, before it writes. */
static void
test_daily_backup (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *csv = write_file (f, "new.csv", "Naziv;Grad\nNovi klijent d.o.o.;Pula\n", -1);
  g_autofree char *xlsx = g_build_filename (f->dir, "report.xlsx", NULL);
  g_autoptr(GPtrArray) list = NULL;
  KlBackupInfo *info;

  seed (f, 12);
  g_assert_cmpuint (count_backups (f->path), ==, 0);  /* a new file: nothing to keep yet */

  {
    g_auto(Run) run = { 0 };

    run_klijentela (&run, "C.UTF-8", "--database", f->path, "--import-csv", csv, NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (exit_status (&run), ==, 0);
  }
  /* Made before the import: it holds the clients as they were. */
  list = kl_backup_list (f->path, TRUE);
  g_assert_cmpuint (list->len, ==, 1);
  info = g_ptr_array_index (list, 0);
  g_assert_cmpint (info->reason, ==, KL_BACKUP_REASON_DAILY);
  g_assert_true (info->ok);
  g_assert_cmpint (info->n_clients, ==, 12);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM clients"), ==, 13);

  /* Once a day. */
  {
    g_auto(Run) run = { 0 };

    run_klijentela (&run, "C.UTF-8", "--database", f->path, "--export-xlsx", xlsx, NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (exit_status (&run), ==, 0);
  }
  g_assert_cmpuint (count_backups (f->path), ==, 1);
}

/* Holds flock() on @path, as a Klijentela writing it does. */
static int
hold_lock (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX | LOCK_NB), ==, 0);

  return fd;
}

/* What killed writers left: the next run removes its own unfinished
 * files, never a file being written or anyone else's. */
static void
test_stale_parts (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *xlsx = g_build_filename (f->dir, "report.xlsx", NULL);
  g_autofree char *backups = kl_backup_dir (f->path);
  g_autofree char *killed_export = write_file (f, ".report.xlsx.klijentela-Ab12Cd", "PK\3\4half", -1);
  g_autofree char *live_export = write_file (f, ".report.xlsx.klijentela-Ef34Gh", "PK\3\4", -1);
  g_autofree char *other_export = write_file (f, ".other.xlsx.klijentela-Ij56Kl", "PK\3\4", -1);
  g_autofree char *not_ours = write_file (f, ".report.xlsx.Mn78Op", "someone else's", -1);
  g_autofree char *killed_backup = NULL;
  g_autofree char *killed_journal = NULL;
  g_autofree char *killed_wal = NULL;
  g_autofree char *orphan_shm = NULL;
  g_autofree char *live_wal = NULL;
  g_autofree char *live_backup = NULL;
  g_autofree char *killed_copy = NULL;
  g_autofree char *out = g_build_filename (f->dir, "copy.db", NULL);
  int live_export_fd, live_backup_fd;

  seed (f, 5);
  g_assert_cmpint (g_mkdir (backups, 0700), ==, 0);
  killed_backup = g_build_filename (backups, "cli-20261201-090000-daily.db.part", NULL);
  killed_journal = g_build_filename (backups, "cli-20261201-090000-daily.db.part-journal", NULL);
  killed_wal = g_build_filename (backups, "cli-20261201-090000-daily.db.part-wal", NULL);
  orphan_shm = g_build_filename (backups, "cli-20261130-090000-daily.db.part-shm", NULL);
  live_wal = g_build_filename (backups, "cli-20261203-090000-import.db.part-wal", NULL);
  live_backup = g_build_filename (backups, "cli-20261203-090000-import.db.part", NULL);
  killed_copy = g_build_filename (f->dir, "copy.db.part", NULL);
  for (guint i = 0; i < 7; i++)
    {
      const char *paths[] = { killed_backup, killed_journal, killed_wal, orphan_shm, live_backup, live_wal, killed_copy };

      g_assert_true (g_file_set_contents (paths[i], "SQLite format 3", -1, NULL));
    }
  live_export_fd = hold_lock (live_export);
  live_backup_fd = hold_lock (live_backup);

  {
    g_auto(Run) run = { 0 };

    run_klijentela (&run, "C.UTF-8", "--database", f->path, "--export-xlsx", xlsx, NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (exit_status (&run), ==, 0);
  }
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (killed_export, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (killed_backup, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (killed_journal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (killed_wal, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (orphan_shm, G_FILE_TEST_EXISTS));
  /* Being written by another process: kept. */
  g_assert_true (g_file_test (live_export, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live_backup, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live_wal, G_FILE_TEST_EXISTS));
  /* Another target's, and another program's: not touched by this export. */
  g_assert_true (g_file_test (other_export, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (not_ours, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_backups (f->path), ==, 1);

  /* --backup OUT replaces what a killed --backup OUT left. */
  {
    g_auto(Run) run = { 0 };

    run_klijentela (&run, "C.UTF-8", "--database", f->path, "--backup", out, NULL);
    g_assert_cmpint (exit_status (&run), ==, 0);
  }
  g_assert_false (g_file_test (killed_copy, G_FILE_TEST_EXISTS));
  g_assert_true (kl_backup_check_file (out, NULL, NULL));

  close (live_export_fd);
  close (live_backup_fd);
}

static const char locked_message[] = "The database is locked by another program. Try again in a moment.";

/* Another program holds the write lock past the busy timeout (5 s): one
 * clear line, exit status 2, nothing imported; afterwards it works. */
static void
test_import_locked (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *csv = write_file (f, "in.csv", "Naziv;Grad\nZaključano d.o.o.;Rijeka\n", -1);
  g_autofree char *expected = g_strdup_printf ("klijentela: %s: Nothing was imported: %s\n", csv, locked_message);
  sqlite3 *other = NULL;

  seed (f, 5);
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  {
    g_auto(Run) run = { 0 };

    run_klijentela (&run, "C.UTF-8", "--database", f->path, "--import-csv", csv, NULL);
    g_assert_cmpstr (run.err, ==, expected);
    g_assert_cmpint (exit_status (&run), ==, 2);
    g_assert_cmpstr (run.out, ==, "");
  }
  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM clients"), ==, 5);

  {
    g_auto(Run) run = { 0 };

    run_klijentela (&run, "C.UTF-8", "--database", f->path, "--import-csv", csv, NULL);
    g_assert_cmpint (exit_status (&run), ==, 0);
  }
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM clients"), ==, 6);
}

/* The disk is full (a real one: a small tmpfs where the test may mount
 * one): clear lines, exit status 2, nothing imported, the database whole;
 * once there is room again it works. */
static void
test_import_disk_full (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *csv = NULL;
  g_autofree char *filler = NULL;
  g_autofree char *expected = NULL;
  GString *text = g_string_new ("Naziv;Grad;Bilješke\n");

  if (!kl_test_mount_small_disk (f->dir, 4096))
    {
      g_test_skip ("no tmpfs may be mounted here (needs root or a user namespace)");
      return;
    }

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (text, "Puni disk %u d.o.o.;Osijek;%0500u\n", i, i);
  csv = write_file (f, "in.csv", text->str, text->len);
  g_string_free (text, TRUE);
  expected = g_strdup_printf ("klijentela: %s: Nothing was imported: %s\n", csv,
                              "The disk is full, so nothing was saved. Free some space and try again.");
  seed (f, 5);
  /* Room to open the database, not for a copy of it nor for the import. */
  filler = kl_test_fill_disk (f->dir, 48);

  {
    g_auto(Run) run = { 0 };

    run_klijentela (&run, "C.UTF-8", "--database", f->path, "--import-csv", csv, NULL);
    g_test_message ("%s", run.err);
    /* Today's backup could not be made either: said on its own line first. */
    g_assert_true (g_str_has_prefix (run.err, "klijentela: Today’s backup could not be made: "));
    g_assert_true (g_str_has_suffix (run.err, expected));
    g_assert_cmpuint (count_lines (run.err), ==, 2);
    g_assert_cmpint (exit_status (&run), ==, 2);
  }
  g_assert_cmpint (g_unlink (filler), ==, 0);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM clients"), ==, 5);
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), ==, 1);

  {
    g_auto(Run) run = { 0 };

    run_klijentela (&run, "C.UTF-8", "--database", f->path, "--import-csv", csv, NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (exit_status (&run), ==, 0);
  }
  g_assert_cmpint (count_rows (f->path, "SELECT count(*) FROM clients"), ==, 205);
  g_assert_cmpuint (count_backups (f->path), ==, 1);

  kl_test_unmount (f->dir);  /* and what it held */
}

/* The width and height in a PNG file's header. */
static void
png_size (const char *path,
          guint      *width,
          guint      *height)
{
  g_autofree guchar *data = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, (char **)&data, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  *width = (guint)data[16] << 24 | (guint)data[17] << 16 | (guint)data[18] << 8 | data[19];
  *height = (guint)data[20] << 24 | (guint)data[21] << 16 | (guint)data[22] << 8 | data[23];
}

static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  int status = -1;

  g_spawn_sync (NULL, (char *[]){ "pdftotext", (char *)path, "-", NULL }, NULL, G_SPAWN_SEARCH_PATH,
                NULL, NULL, &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return text;
}

/* Seeds 60 demo clients and draws @option's chart into @png at 640 × 480:
 * nothing on standard error, the size asked. */
static void
assert_seeded_png (Fixture    *f,
                   const char *option,
                   const char *png)
{
  g_auto(Run) run = { 0 };
  guint width, height;

  run_klijentela (&run, "C.UTF-8", "--database", f->path, "--seed-demo", "60",
                  option, png, "--size", "640x480", NULL);
  g_assert_true (exited_ok (&run));
  g_assert_cmpstr (run.err, ==, "");
  png_size (png, &width, &height);
  g_assert_cmpuint (width, ==, 640);
  g_assert_cmpuint (height, ==, 480);
}

typedef struct {
  const char *args[6];
  int         status;
  const char *hr;             /* a word of the Croatian message */
} RenderErrorCase;

/* Each case of a chart option (@option, writing @out or @gif) ends with
 * its exit status and one line in Croatian naming it, and nothing
 * written; a database that is not there is not made; no temporary file
 * (starting ".@stem") is left behind. */
static void
assert_render_errors (Fixture               *f,
                      const char            *option,
                      const char            *stem,
                      const char            *out,
                      const char            *gif,
                      const RenderErrorCase *cases,
                      guint                  n_cases)
{
  g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
  g_autofree char *part = g_strconcat (".", stem, NULL);
  g_auto(Run) seed = { 0 };

  run_klijentela (&seed, "C.UTF-8", "--database", f->path, "--seed-demo", "20", NULL);
  g_assert_true (exited_ok (&seed));

  for (guint i = 0; i < n_cases; i++)
    {
      g_auto(Run) run = { 0 };
      const char * const *a = cases[i].args;

      run_klijentela (&run, "hr_HR.UTF-8", "--database", f->path, a[0], a[1], a[2], a[3], a[4], a[5], NULL);
      g_assert_cmpint (exit_status (&run), ==, cases[i].status);
      g_assert_cmpuint (count_lines (run.err), ==, 1);
      if (strstr (run.err, cases[i].hr) == NULL)
        g_error ("case %u: expected “%s” in “%s”", i, cases[i].hr, run.err);
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (gif, G_FILE_TEST_EXISTS));
    }

  {
    g_auto(Run) run = { 0 };

    run_klijentela (&run, "hr_HR.UTF-8", "--database", missing, option, out, NULL);
    g_assert_cmpint (exit_status (&run), ==, 2);
    g_assert_nonnull (strstr (run.err, "missing.db"));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  }

  {
    g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      g_assert_false (g_str_has_prefix (name, part));
  }
}

static void
test_render_funnel (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *png = g_build_filename (f->dir, "funnel.png", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "funnel.pdf", NULL);
  g_autofree char *svg = g_build_filename (f->dir, "funnel.svg", NULL);
  g_autofree char *text = NULL;
  g_autofree char *contents = NULL;
  guint width, height;

  assert_seeded_png (f, "--render-funnel", png);

  /* The default size; the words of the language asked, as text. */
  {
    g_auto(Run) run = { 0 };

    run_klijentela (&run, "C.UTF-8", "--database", f->path, "--render-funnel", png, NULL);
    g_assert_true (exited_ok (&run));
    png_size (png, &width, &height);
    g_assert_cmpuint (width, ==, 1600);
    g_assert_cmpuint (height, ==, 1000);
  }
  {
    g_auto(Run) run = { 0 };

    run_klijentela (&run, "C.UTF-8", "--database", f->path, "--render-funnel", pdf, "--lang", "hr",
                    "--from", "2020-01-01", "--to", "2030-12-31", "--manager", "1", NULL);
    g_assert_true (exited_ok (&run));
    text = pdf_text (pdf);
    g_assert_nonnull (strstr (text, "Lijevak prodaje"));
    g_assert_nonnull (strstr (text, "Novi upit"));
    g_assert_nonnull (strstr (text, "01.01.2020"));
  }
  {
    g_auto(Run) run = { 0 };
    g_autoptr(GError) error = NULL;

    run_klijentela (&run, "C.UTF-8", "--database", f->path, "--render-funnel", svg, "--lang", "ru", NULL);
    g_assert_true (exited_ok (&run));
    g_file_get_contents (svg, &contents, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (contents, "<svg"));
    g_assert_nonnull (strstr (contents, "</svg>"));
  }
}

static void
test_render_funnel_errors (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "funnel.png", NULL);
  g_autofree char *gif = g_build_filename (f->dir, "funnel.gif", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "no", "such", "folder.png", NULL);
  const RenderErrorCase cases[] = {
    { { "--render-funnel", gif }, 1, ".png" },
    { { "--render-funnel", out, "--size", "10x10" }, 1, "piksel" },
    { { "--render-funnel", out, "--size", "wide" }, 1, "piksel" },
    { { "--render-funnel", out, "--from", "2026-02-30" }, 1, "GGGG" },
    { { "--render-funnel", out, "--from", "2026-05-01", "--to", "2026-04-01" }, 1, "--to" },
    { { "--render-funnel", out, "--manager", "999" }, 1, "999" },
    { { "--render-funnel", out, "--lang", "de" }, 1, "--lang" },
    { { "--render-funnel", nowhere }, 2, "folder.png" },
  };

  assert_render_errors (f, "--render-funnel", "funnel", out, gif, cases, G_N_ELEMENTS (cases));
}

/* --render-forecast: the same sizes, formats, languages and exit statuses
 * as --render-funnel; the SVG's words are text. */
static void
test_render_forecast (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *png = g_build_filename (f->dir, "forecast.png", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "forecast.pdf", NULL);
  g_autofree char *svg = g_build_filename (f->dir, "forecast.svg", NULL);
  g_autofree char *funnel = g_build_filename (f->dir, "funnel.svg", NULL);

  assert_seeded_png (f, "--render-forecast", png);
  {
    g_auto(Run) run = { 0 };
    g_autofree char *text = NULL;

    run_klijentela (&run, "C.UTF-8", "--database", f->path, "--render-forecast", pdf, "--lang", "ru",
                    "--manager", "1", NULL);
    g_assert_true (exited_ok (&run));
    text = pdf_text (pdf);
    g_assert_nonnull (strstr (text, "Взвешенный прогноз"));
  }
  /* Both pictures in one run; the SVG in Croatian, with its words as
   * <text>, the first month that of --from. */
  {
    g_auto(Run) run = { 0 };
    g_autoptr(GError) error = NULL;
    g_autofree char *contents = NULL;

    run_klijentela (&run, "C.UTF-8", "--database", f->path, "--render-funnel", funnel, "--render-forecast", svg,
                    "--lang", "hr", "--from", "2026-03-15", NULL);
    g_assert_true (exited_ok (&run));
    g_assert_cmpstr (run.err, ==, "");
    g_file_get_contents (svg, &contents, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (contents, "xml:lang=\"hr-HR\""));
    g_assert_nonnull (strstr (contents, ">Ponderirana prognoza po mjesecu očekivanog zaključenja</text>"));
    g_assert_nonnull (strstr (contents, "ožujak 2026"));
    g_clear_pointer (&contents, g_free);
    g_file_get_contents (funnel, &contents, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (contents, ">Lijevak prodaje</text>"));
  }
}

static void
test_render_forecast_errors (Fixture       *f,
                             gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "forecast.png", NULL);
  g_autofree char *gif = g_build_filename (f->dir, "forecast.gif", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "no", "such", "folder.png", NULL);
  const RenderErrorCase cases[] = {
    { { "--render-forecast", gif }, 1, "--render-forecast" },
    { { "--render-forecast", out, "--size", "10x10" }, 1, "piksel" },
    { { "--render-forecast", out, "--from", "2026-13-01" }, 1, "GGGG" },
    { { "--render-forecast", out, "--manager", "999" }, 1, "999" },
    { { "--render-forecast", out, "--lang", "de" }, 1, "--lang" },
    { { "--render-forecast", nowhere }, 2, "folder.png" },
  };

  assert_render_errors (f, "--render-forecast", "forecast", out, gif, cases, G_N_ELEMENTS (cases));
}

int
main (int   argc,
      char *argv[])
{
  kl_test_private_mounts ();  /* before any thread */
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/version", test_version);
  ADD ("/cli/seed-demo/default", test_seed_demo_default);
  ADD ("/cli/seed-demo/count", test_seed_demo_count);
  ADD ("/cli/bad-arguments", test_bad_arguments);
  ADD ("/cli/unusable-database", test_unusable_database);
  ADD ("/cli/backup", test_backup);
  ADD ("/cli/messages-translated", test_messages_translated);
  ADD ("/cli/import-csv/ok", test_import_csv_ok);
  ADD ("/cli/import-csv/rejected", test_import_csv_rejected);
  ADD ("/cli/import-csv/real-export", test_import_csv_real);
  ADD ("/cli/import-csv/unreadable", test_import_csv_unreadable);
  ADD ("/cli/daily-backup", test_daily_backup);
  ADD ("/cli/stale-parts", test_stale_parts);
  ADD ("/cli/import-csv/locked", test_import_locked);
  ADD ("/cli/import-csv/disk-full", test_import_disk_full);
  ADD ("/cli/render-funnel/files", test_render_funnel);
  ADD ("/cli/render-funnel/errors", test_render_funnel_errors);
  ADD ("/cli/render-forecast/files", test_render_forecast);
  ADD ("/cli/render-forecast/errors", test_render_forecast_errors);
#undef ADD

  return g_test_run ();
}
