/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "kl-database.h"
#include "kl-entities.h"
#include "kl-session.h"

/* Files that are not what they should be: another program's, a newer
 * Klijentela's, damaged, read-only. None may be written to. */

typedef struct {
  char *dir;
  char *path;
} Fixture;

typedef struct {
  GBytes *bytes;
  gint64  mtime_ns;
} Snapshot;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("klijentela-bad-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "file.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_chmod (path, 0600);
      g_remove (path);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static Snapshot
snapshot (const char *path)
{
  Snapshot s = { 0 };
  struct stat st;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  s.bytes = g_bytes_new_take (contents, length);
  g_assert_cmpint (stat (path, &st), ==, 0);
  s.mtime_ns = (gint64) st.st_mtim.tv_sec * G_GINT64_CONSTANT (1000000000) + st.st_mtim.tv_nsec;
  return s;
}

/* Same bytes, same modification time, and no side file (-wal, -shm,
 * -journal) was left beside it. */
static void
assert_untouched (Fixture    *f,
                  const char *path,
                  Snapshot   *before)
{
  Snapshot after = snapshot (path);
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;
  g_autofree char *base = g_path_get_basename (path);

  g_assert_true (g_bytes_equal (before->bytes, after.bytes));
  g_assert_cmpint (before->mtime_ns, ==, after.mtime_ns);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, base))
      g_assert_cmpstr (name, ==, base);

  g_bytes_unref (after.bytes);
  g_bytes_unref (before->bytes);
}

static void
run_sql (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

/* Makes a Klijentela database with @n clients, closed, in rollback-journal
 * mode (as a copy from elsewhere would come). */
static void
make_database (const char *path,
               guint       n)
{
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(KlSession) session = kl_session_open (path, &error);
    KlStore *store;

    g_assert_no_error (error);
    store = kl_session_get_store (session, KL_TYPE_CLIENT);
    for (guint i = 0; i < n; i++)
      {
        g_autofree char *name = g_strdup_printf ("Klijent %u d.o.o. s dugim imenom da stranice budu pune", i);
        g_autoptr(KlEntity) client = g_object_new (KL_TYPE_CLIENT, "name", name, "city", "Zagreb", NULL);

        g_assert_true (kl_store_insert (store, client, &error));
      }
  }
  run_sql (path, "PRAGMA journal_mode = DELETE");
}

static void
assert_refused (const char *path,
                gint        code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDatabase) db = kl_database_open (path, &error);

  g_assert_null (db);
  g_assert_error (error, KL_DATABASE_ERROR, code);
  g_test_message ("%s", error->message);
}

static void
test_not_sqlite (Fixture       *f,
                 gconstpointer  data)
{
  const struct {
    const char *what;
    const char *bytes;
    gssize      length;
  } files[] = {
    { "text", "Ime;Grad\nAna;Zagreb\n", -1 },
    { "png", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16 },
    { "cut header", "SQLite format 3\0\x10\0", 19 },
    { "one byte", "x", 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      Snapshot before;

      g_test_message ("%s", files[i].what);
      g_assert_true (g_file_set_contents (f->path, files[i].bytes, files[i].length, NULL));
      before = snapshot (f->path);
      assert_refused (f->path, KL_DATABASE_ERROR_NOT_KLIJENTELA);
      assert_untouched (f, f->path, &before);
    }
}

/* Another program's SQLite database: no schema version of ours, tables of
 * its own; or an application id that is not ours. */
static void
test_other_sqlite (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *other_id = g_build_filename (f->dir, "other-id.db", NULL);
  Snapshot before;

  run_sql (f->path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);"
                    "INSERT INTO notes (text) VALUES ('Kupiti mlijeko');");
  before = snapshot (f->path);
  assert_refused (f->path, KL_DATABASE_ERROR_NOT_KLIJENTELA);
  assert_untouched (f, f->path, &before);

  run_sql (other_id, "CREATE TABLE t (x); PRAGMA application_id = 1234; PRAGMA user_version = 2;");
  before = snapshot (other_id);
  assert_refused (other_id, KL_DATABASE_ERROR_NOT_KLIJENTELA);
  assert_untouched (f, other_id, &before);
}

static void
test_newer_schema (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", kl_database_latest_version () + 1);
  Snapshot before;

  make_database (f->path, 3);
  run_sql (f->path, sql);
  before = snapshot (f->path);
  assert_refused (f->path, KL_DATABASE_ERROR_NEWER_SCHEMA);
  assert_untouched (f, f->path, &before);

  /* Also as WAL, the way the program leaves a database. */
  run_sql (f->path, "PRAGMA journal_mode = WAL");
  before = snapshot (f->path);
  assert_refused (f->path, KL_DATABASE_ERROR_NEWER_SCHEMA);
  assert_untouched (f, f->path, &before);
}

/* A file whose pages are damaged in the middle (a copy cut short, a bad
 * disk): refused at once by quick_check, not written to. */
static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;
  Snapshot before;

  make_database (f->path, 600);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 16 * 4096);
  /* Pages 5 to 8: the clients' table and index pages. */
  for (gsize i = 4 * 4096; i < 8 * 4096; i++)
    contents[i] = (char) (0x5A ^ i);
  g_assert_true (g_file_set_contents (f->path, contents, length, &error));
  g_free (contents);

  before = snapshot (f->path);
  assert_refused (f->path, KL_DATABASE_ERROR_CORRUPT);
  assert_untouched (f, f->path, &before);
}

/* A large file (past the size that gets a full quick_check at every
 * open, which would cost a large office seconds at each start): closed
 * cleanly it opens; cut short (its header promises more pages than it
 * holds) it is still refused at once. */
static void
test_large_cut_short (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;
  Snapshot before;

  make_database (f->path, 100);
  run_sql (f->path, "UPDATE clients SET notes = hex(zeroblob(60000))");
  {
    g_autoptr(KlDatabase) db = kl_database_open (f->path, &error);

    g_assert_no_error (error);
    g_assert_nonnull (db);
  }
  run_sql (f->path, "PRAGMA journal_mode = DELETE");

  g_assert_true (g_file_get_contents (f->path, &contents, &length, &error));
  g_assert_cmpuint (length, >, 10 * 1024 * 1024);
  g_assert_true (g_file_set_contents (f->path, contents, length * 2 / 3, &error));
  g_free (contents);

  before = snapshot (f->path);
  assert_refused (f->path, KL_DATABASE_ERROR_CORRUPT);
  assert_untouched (f, f->path, &before);
}

/* A file opened for reading only reads, refuses writes with a clear
 * error, and is never written to. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDatabase) db = NULL;
  g_autoptr(KlSession) session = NULL;
  g_autoptr(KlEntity) client = g_object_new (KL_TYPE_CLIENT, "name", "Novi d.o.o.", NULL);
  Snapshot before;

  make_database (f->path, 5);
  g_assert_cmpint (g_chmod (f->path, 0400), ==, 0);
  before = snapshot (f->path);

  db = kl_database_open_read_only (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (kl_database_is_read_only (db));
  g_assert_cmpint (kl_database_query_int (db, "SELECT count(*) FROM clients", &error), ==, 5);

  session = kl_session_new (db);
  g_assert_false (kl_store_insert (kl_session_get_store (session, KL_TYPE_CLIENT), client, &error));
  g_assert_error (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_READ_ONLY);
  g_clear_object (&session);
  g_clear_object (&db);

  assert_untouched (f, f->path, &before);
}

/* A normal database is not read-only, and a new one is ours. */
static void
test_normal (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDatabase) db = kl_database_open (f->path, &error);

  g_assert_no_error (error);
  g_assert_false (kl_database_is_read_only (db));
  g_assert_cmpint (kl_database_query_int (db, "PRAGMA application_id", &error), ==, KL_DATABASE_APPLICATION_ID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/bad-files/not-sqlite", test_not_sqlite);
  ADD ("/bad-files/other-sqlite", test_other_sqlite);
  ADD ("/bad-files/newer-schema", test_newer_schema);
  ADD ("/bad-files/damaged", test_damaged);
  ADD ("/bad-files/large-cut-short", test_large_cut_short);
  ADD ("/bad-files/read-only", test_read_only);
  ADD ("/bad-files/normal", test_normal);
#undef ADD

  return g_test_run ();
}
