/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE  /* unshare() */
#include "config.h"

#include "kl-test.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sched.h>
#include <sys/mount.h>
#include <unistd.h>

/**
 * kl_test_make_dir:
 * @name: a word for the folder's name ("model", "editor")
 *
 * Returns: (transfer full): a new, empty temporary folder
 */
char *
kl_test_make_dir (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strdup_printf ("klijentela-%s-XXXXXX", name);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);

  return dir;
}

/* Removes @dir and everything in it, read-only files and folders too. */
void
kl_test_remove_dir (const char *dir)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (dir == NULL)
    return;

  g_chmod (dir, 0700);
  d = g_dir_open (dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        kl_test_remove_dir (path);
      else
        {
          g_chmod (path, 0600);
          g_remove (path);
        }
    }
  g_rmdir (dir);
}

/**
 * kl_test_open_session:
 * @name: a word for the temporary folder's name
 * @dir: (out): the new temporary folder
 * @path: (out) (optional): the database file in it, "test.db"
 *
 * Returns: (transfer full): a session on a new database
 */
KlSession *
kl_test_open_session (const char  *name,
                      char       **dir,
                      char       **path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db_path = NULL;
  KlSession *session;

  g_assert_nonnull (dir);

  *dir = kl_test_make_dir (name);
  db_path = g_build_filename (*dir, "test.db", NULL);
  session = kl_session_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  if (path != NULL)
    *path = g_steal_pointer (&db_path);

  return session;
}

/* Closes what kl_test_open_session() opened and removes its folder. */
void
kl_test_close_session (KlSession **session,
                       char      **dir,
                       char      **path)
{
  g_clear_object (session);
  if (dir != NULL)
    {
      kl_test_remove_dir (*dir);
      g_clear_pointer (dir, g_free);
    }
  if (path != NULL)
    g_clear_pointer (path, g_free);
}

/* One number from @sql, asserting it ran. */
gint64
kl_test_query_int (KlSession  *session,
                   const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = kl_database_query_int (kl_session_get_database (session), sql, &error);

  g_assert_no_error (error);

  return n;
}

/* The day @offset days from the real today, "YYYY-MM-DD". */
char *
kl_test_day (int offset)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, offset);

  return g_date_time_format (day, "%Y-%m-%d");
}

/* Inserts @entity through its store; returns its new id. */
gint64
kl_test_insert (KlSession *session,
                KlEntity  *entity)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_store_insert (kl_session_get_store (session, G_OBJECT_TYPE (entity)), entity, &error));
  g_assert_no_error (error);
  return kl_entity_get_id (entity);
}

/* Runs what the main loop has pending, without waiting. */
void
kl_test_iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
timeout_cb (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;

  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds (debounced entries need it). */
void
kl_test_wait_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  kl_test_iterate ();
}

/* A disk that fills up.
 *
 * Where the test may (root, or a user namespace that allows it), it makes
 * a real one: a private mount namespace of its own (nothing outside the
 * test process sees its mounts) and a small tmpfs in a temporary folder,
 * filled with a file until the kernel says ENOSPC. Elsewhere the tests
 * fall back to SQLite's PRAGMA max_page_count, which fails a write that
 * needs a new page with SQLITE_FULL as a full disk does. */

static gboolean private_mounts;

/**
 * kl_test_private_mounts:
 *
 * Gives the test process a mount namespace of its own. Call it first in
 * main(), before any thread starts (unshare() refuses a threaded process).
 *
 * Returns: whether kl_test_mount_small_disk() can work
 */
gboolean
kl_test_private_mounts (void)
{
  private_mounts = unshare (CLONE_NEWNS) == 0 &&
                   mount ("none", "/", "none", MS_REC | MS_PRIVATE, NULL) == 0;

  return private_mounts;
}

/* Mounts a tmpfs of @kib KiB on @dir (empty); FALSE where it may not. */
gboolean
kl_test_mount_small_disk (const char *dir,
                          guint       kib)
{
  g_autofree char *options = g_strdup_printf ("size=%uk,mode=0700", kib);

  return private_mounts && mount ("klijentela-test", dir, "tmpfs", MS_NOSUID | MS_NODEV, options) == 0;
}

void
kl_test_unmount (const char *dir)
{
  g_assert_cmpint (umount (dir), ==, 0);
}

/**
 * kl_test_fill_disk:
 * @dir: a folder on a small disk (kl_test_mount_small_disk())
 * @leave_kib: how much room to leave
 *
 * Writes a file in @dir until the disk has no block left, then gives
 * @leave_kib KiB back.
 *
 * Returns: (transfer full): the file's path, to delete to free the space
 */
char *
kl_test_fill_disk (const char *dir,
                   guint       leave_kib)
{
  char *path = g_build_filename (dir, "filler", NULL);
  static const char block[4096];
  gssize written;
  int fd;

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  g_assert_cmpint (fd, >=, 0);
  do
    written = write (fd, block, sizeof block);
  while (written > 0);
  g_assert_cmpint (errno, ==, ENOSPC);
  /* The last bytes, to the last block. */
  while (write (fd, block, 1) == 1)
    ;
  if (leave_kib > 0)
    {
      off_t size = lseek (fd, 0, SEEK_END);

      g_assert_cmpint (size, >, (off_t) leave_kib * 1024);
      g_assert_cmpint (ftruncate (fd, size - (off_t) leave_kib * 1024), ==, 0);
    }
  g_assert_cmpint (close (fd), ==, 0);

  return path;
}
