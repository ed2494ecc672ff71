/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kl-test.h"

#include <glib/gstdio.h>

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
