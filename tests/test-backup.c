/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kl-backup.h"
#include "kl-demo.h"
#include "kl-entities.h"
#include "kl-import.h"
#include "kl-session.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_remove (child);
    }
  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("klijentela-backup-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "klijentela.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
add_clients (const char *path,
             const char *prefix,
             guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) session = kl_session_open (path, &error);
  KlStore *store;

  g_assert_no_error (error);
  store = kl_session_get_store (session, KL_TYPE_CLIENT);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %u d.o.o.", prefix, i);
      g_autoptr(KlEntity) client = g_object_new (KL_TYPE_CLIENT, "name", name, NULL);

      g_assert_true (kl_store_insert (store, client, &error));
      g_assert_no_error (error);
    }
}

static gint64
count_clients (const char *path)
{
  gint64 n = -1;

  g_assert_true (kl_backup_check_file (path, &n, NULL));
  return n;
}

static GDateTime *
day (int y, int m, int d, int hour)
{
  return g_date_time_new_local (y, m, d, hour, 0, 0);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);

  g_assert_no_error (error);
  return g_mapped_file_get_bytes (file);
}

/* An online copy while another connection is in the middle of a write:
 * the copy holds what was committed, checked, private, whole. */
static void
test_write (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDatabase) writer = NULL;
  g_autofree char *out = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *part = g_strconcat (out, ".part", NULL);
  g_autofree char *wal = g_strconcat (out, "-wal", NULL);
  struct stat st;

  add_clients (f->path, "Prvi", 20);
  writer = kl_database_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (kl_database_begin (writer, &error));
  g_assert_true (kl_database_exec (writer, "DELETE FROM clients", &error));

  g_assert_true (kl_backup_write (f->path, out, &error));
  g_assert_no_error (error);
  kl_database_rollback (writer);

  g_assert_cmpint (count_clients (out), ==, 20);
  g_assert_cmpint (g_stat (out, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* The database itself is never the target. */
  g_assert_false (kl_backup_write (f->path, f->path, &error));
  g_assert_error (error, KL_BACKUP_ERROR, KL_BACKUP_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_cmpint (count_clients (f->path), ==, 20);
}

static void
test_daily_once (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) morning = day (2026, 3, 2, 8);
  g_autoptr(GDateTime) evening = day (2026, 3, 2, 20);
  g_autoptr(GDateTime) next = day (2026, 3, 3, 8);
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *dir = kl_backup_dir (f->path);
  g_autofree char *expected_dir = g_build_filename (f->dir, "klijentela-backups", NULL);
  KlBackupInfo *info;

  g_assert_cmpstr (dir, ==, expected_dir);
  add_clients (f->path, "Dnevni", 3);
  first = kl_backup_daily (f->path, morning, &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_true (g_str_has_prefix (first, expected_dir));
  g_assert_true (g_str_has_suffix (first, "klijentela-20260302-080000-daily.db"));

  second = kl_backup_daily (f->path, evening, &error);
  g_assert_no_error (error);
  g_assert_null (second);

  third = kl_backup_daily (f->path, next, &error);
  g_assert_no_error (error);
  g_assert_nonnull (third);

  list = kl_backup_list (f->path, TRUE);
  g_assert_cmpuint (list->len, ==, 2);
  info = g_ptr_array_index (list, 0);
  g_assert_cmpstr (info->path, ==, third);
  g_assert_true (info->ok);
  g_assert_cmpint (info->n_clients, ==, 3);
  g_assert_cmpint (info->size, >, 0);
  g_assert_cmpint (info->reason, ==, KL_BACKUP_REASON_DAILY);
  g_assert_cmpint (g_date_time_get_day_of_month (info->time), ==, 3);
}

typedef struct {
  const char   *path;
  GDateTime    *now;
  GCancellable *cancellable;
  GError       *error;
  gint          done;
} Background;

static gpointer
background_thread (gpointer data)
{
  Background *job = data;
  char *path = kl_backup_daily_in_background (job->path, job->now, job->cancellable, &job->error);

  g_atomic_int_set (&job->done, 1);
  return path;
}

/* kl_backup_daily_in_background() runs on a thread of its own (it lowers
 * that thread's priority): the path it made, or NULL. */
static char *
daily_in_background (Background *job)
{
  job->done = 0;
  return g_thread_join (g_thread_new ("test-backup", background_thread, job));
}

/* The daily backup behind the window: copied a few pages at a time while
 * the window goes on writing, the copy is whole and holds at least what
 * was there when it began; once a day; a second one while one is being
 * made is not started; stopped half-way, nothing is left behind. */
static void
test_daily_in_background (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) session = NULL;
  g_autoptr(GDateTime) morning = day (2026, 3, 2, 8);
  g_autoptr(GDateTime) evening = day (2026, 3, 2, 20);
  g_autoptr(GDateTime) next = day (2026, 3, 3, 8);
  g_autoptr(GDateTime) after = day (2026, 3, 4, 8);
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *dir = kl_backup_dir (f->path);
  g_autofree char *lock_path = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  Background job = { f->path, morning, NULL, NULL, 0 };
  GThread *thread;
  KlStore *store;
  guint added = 0;
  int lock_fd;
  GStatBuf st;

  session = kl_session_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (kl_demo_seed (session, 1500, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  /* more than one step of pages */
  g_assert_cmpint (st.st_size, >, 4 * 1024 * 1024);

  store = kl_session_get_store (session, KL_TYPE_CLIENT);
  thread = g_thread_new ("test-backup", background_thread, &job);
  while (!g_atomic_int_get (&job.done))
    {
      g_autofree char *name = g_strdup_printf ("Usput %u d.o.o.", added++);
      g_autoptr(KlEntity) client = g_object_new (KL_TYPE_CLIENT, "name", name, NULL);

      g_assert_true (kl_store_insert (store, client, &error));
      g_assert_no_error (error);
    }
  first = g_thread_join (thread);
  g_test_message ("%u clients added while the copy was made", added);
  g_assert_no_error (job.error);
  g_assert_nonnull (first);
  g_assert_true (g_str_has_suffix (first, "klijentela-20260302-080000-daily.db"));
  g_assert_cmpint (count_clients (first), >=, 1500);
  g_assert_cmpint (count_clients (first), <=, 1500 + added);

  job.now = evening;
  second = daily_in_background (&job);
  g_assert_no_error (job.error);
  g_assert_null (second);

  /* one is being made (another process holds the lock): none now */
  lock_path = g_build_filename (dir, ".klijentela-daily.lock", NULL);
  lock_fd = g_open (lock_path, O_RDWR, 0);
  g_assert_cmpint (lock_fd, >=, 0);
  g_assert_cmpint (flock (lock_fd, LOCK_EX | LOCK_NB), ==, 0);
  job.now = next;
  second = daily_in_background (&job);
  g_assert_no_error (job.error);
  g_assert_null (second);
  close (lock_fd);

  /* stopped: no backup, no unfinished copy */
  job.now = after;
  job.cancellable = g_cancellable_new ();
  g_cancellable_cancel (job.cancellable);
  second = daily_in_background (&job);
  g_assert_error (job.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (second);
  g_clear_error (&job.error);
  g_clear_object (&job.cancellable);

  list = kl_backup_list (f->path, FALSE);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpuint (kl_backup_clean (f->path), ==, 0);
}

/* Sixty days of backups, two a day: the newest of each of the last 7
 * days, then the newest of each of the 4 weeks before. */
static void
test_prune (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GDateTime) start = day (2026, 1, 1, 9);
  const char *expected[] = {
    "20260301-180000", "20260228-180000", "20260227-180000", "20260226-180000",
    "20260225-180000", "20260224-180000", "20260223-180000",
    /* 2026-02-22 is a Sunday: week 8 (Feb 16–22), then weeks 7, 6, 5. */
    "20260222-180000", "20260215-180000", "20260208-180000", "20260201-180000",
  };

  add_clients (f->path, "Tjedni", 1);
  for (int i = 0; i < 60; i++)
    {
      g_autoptr(GDateTime) morning = g_date_time_add_days (start, i);
      g_autoptr(GDateTime) evening = g_date_time_add_hours (morning, 9);
      g_autofree char *a = kl_backup_automatic (f->path, KL_BACKUP_REASON_DAILY, morning, NULL);
      g_autofree char *b = kl_backup_automatic (f->path, KL_BACKUP_REASON_IMPORT, evening, NULL);

      g_assert_nonnull (a);
      g_assert_nonnull (b);
    }

  list = kl_backup_list (f->path, FALSE);
  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < list->len; i++)
    {
      KlBackupInfo *info = g_ptr_array_index (list, i);
      g_autofree char *name = g_strdup_printf ("klijentela-%s-import.db", expected[i]);

      g_assert_true (g_str_has_suffix (info->path, name));
    }
}

/* A database made by an older program is copied before its schema changes. */
static void
test_before_migration (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  KlBackupInfo *info;

  {
    g_autoptr(KlDatabase) old = kl_database_open_at_version (f->path, 1, &error);

    g_assert_no_error (error);
    g_assert_true (kl_database_exec (old, "INSERT INTO clients (name, created_at, updated_at) VALUES ('Stari d.o.o.', '2024-01-01T00:00:00', '2024-01-01T00:00:00')", &error));
    g_assert_no_error (error);
  }
  list = kl_backup_list (f->path, FALSE);
  g_assert_cmpuint (list->len, ==, 0);

  {
    g_autoptr(KlDatabase) db = kl_database_open (f->path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (kl_database_get_version (db), ==, kl_database_latest_version ());
  }

  g_clear_pointer (&list, g_ptr_array_unref);
  list = kl_backup_list (f->path, TRUE);
  g_assert_cmpuint (list->len, ==, 1);
  info = g_ptr_array_index (list, 0);
  g_assert_cmpint (info->reason, ==, KL_BACKUP_REASON_MIGRATION);
  g_assert_cmpint (info->n_clients, ==, 1);
  {
    g_autoptr(GError) version_error = NULL;
    g_autofree char *uri = g_strconcat ("file:", info->path, "?immutable=1", NULL);
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }

  /* Opening it again changes nothing: no new backup. */
  {
    g_autoptr(KlDatabase) db = kl_database_open (f->path, &error);

    g_assert_no_error (error);
  }
  g_clear_pointer (&list, g_ptr_array_unref);
  list = kl_backup_list (f->path, FALSE);
  g_assert_cmpuint (list->len, ==, 1);
}

/* A large import into a client base with clients is preceded by a copy. */
static void
test_before_import (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) session = NULL;
  g_autoptr(KlImport) import = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GString) csv = g_string_new ("Naziv;Grad\n");
  KlBackupInfo *info;
  guint added = 0;

  add_clients (f->path, "Postojeći", 4);
  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (csv, "Uvoz %u d.o.o.;Zagreb\n", i);
  contents = g_bytes_new (csv->str, csv->len);

  session = kl_session_open (f->path, &error);
  g_assert_no_error (error);
  import = kl_import_new_from_bytes (session, contents, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (kl_import_run (import, NULL, NULL, NULL, &added, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 10000);

  list = kl_backup_list (f->path, TRUE);
  g_assert_cmpuint (list->len, ==, 1);
  info = g_ptr_array_index (list, 0);
  g_assert_cmpint (info->reason, ==, KL_BACKUP_REASON_IMPORT);
  g_assert_cmpint (info->n_clients, ==, 4);
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (f->dir, "five.db", NULL);
  g_autofree char *aside = NULL;
  g_autofree char *aside2 = NULL;
  g_autoptr(GBytes) aside_bytes = NULL;
  g_autoptr(GBytes) aside_again = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  add_clients (f->path, "Pet", 5);
  g_assert_true (kl_backup_write (f->path, backup, &error));
  add_clients (f->path, "Još", 3);
  g_assert_cmpint (count_clients (f->path), ==, 8);

  g_assert_true (kl_backup_restore (f->path, backup, &aside, &error));
  g_assert_no_error (error);
  g_assert_nonnull (aside);
  g_assert_true (g_str_has_prefix (aside, f->path));
  g_assert_cmpint (count_clients (f->path), ==, 5);
  g_assert_cmpint (count_clients (aside), ==, 8);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* The restored file opens and works as a database. */
  add_clients (f->path, "Nakon", 1);
  g_assert_cmpint (count_clients (f->path), ==, 6);

  /* A second restore keeps the first file aside untouched. */
  aside_bytes = read_bytes (aside);
  g_assert_true (kl_backup_restore (f->path, backup, &aside2, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (aside, !=, aside2);
  aside_again = read_bytes (aside);
  g_assert_true (g_bytes_equal (aside_bytes, aside_again));
  g_assert_cmpint (count_clients (aside2), ==, 6);
  g_assert_cmpint (count_clients (f->path), ==, 5);
}

/* A damaged backup is listed as such and never restored. */
static void
test_restore_damaged (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = g_build_filename (f->dir, "damaged.db", NULL);
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *aside = NULL;
  char *contents = NULL;
  gsize length = 0;

  add_clients (f->path, "Cijeli", 50);
  g_assert_true (kl_backup_write (f->path, backup, &error));
  g_assert_true (g_file_get_contents (backup, &contents, &length, &error));
  g_assert_cmpuint (length, >, 8192);
  /* Scribble over every page after the first, as a bad copy would. */
  for (gsize i = 4096; i < length; i++)
    contents[i] = (char) (i * 7);
  g_assert_true (g_file_set_contents (backup, contents, length, &error));
  g_free (contents);

  before = read_bytes (f->path);
  g_assert_false (kl_backup_restore (f->path, backup, &aside, &error));
  g_assert_true (error->domain == KL_BACKUP_ERROR);
  g_assert_null (aside);
  after = read_bytes (f->path);
  g_assert_true (g_bytes_equal (before, after));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/backup/write", test_write);
  ADD ("/backup/daily-once", test_daily_once);
  ADD ("/backup/daily-in-background", test_daily_in_background);
  ADD ("/backup/prune", test_prune);
  ADD ("/backup/before-migration", test_before_migration);
  ADD ("/backup/before-import", test_before_import);
  ADD ("/backup/restore", test_restore);
  ADD ("/backup/restore-damaged", test_restore_damaged);
#undef ADD

  return g_test_run ();
}
