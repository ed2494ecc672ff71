/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include "kl-part-file.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* An flock() of @operation on the folder @dir, or -1 when it cannot be
 * opened (then nothing is locked). */
static int
lock_dir (const char *dir,
          int         operation)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return -1;
  while (flock (fd, operation) != 0)
    if (errno != EINTR)
      {
        close (fd);
        return -1;
      }

  return fd;
}

static void
unlock_dir (int fd)
{
  int saved_errno = errno;

  if (fd >= 0)
    close (fd);
  errno = saved_errno;
}

/**
 * kl_part_file_create:
 * @path: the file to create; with @is_template, a name ending in XXXXXX
 *   that is replaced by a unique one (as g_mkstemp())
 *
 * Creates the file (mode 0600; it must not exist) and locks it.
 *
 * Returns: the file descriptor holding the lock, to close with
 *   kl_part_file_close() once the file has its final name (or is
 *   removed); -1 with errno set on failure
 */
int
kl_part_file_create (char     *path,
                     gboolean  is_template)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int dir_fd = lock_dir (dir, LOCK_SH);
  int fd;

  if (is_template)
    fd = g_mkstemp_full (path, O_RDWR | O_CLOEXEC, 0600);
  else
    fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0 && flock (fd, LOCK_EX | LOCK_NB) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (path);
      errno = saved_errno;
      fd = -1;
    }
  unlock_dir (dir_fd);

  return fd;
}

/**
 * kl_part_file_create_beside:
 * @path: the file that will be written
 * @out_part: (out): the temporary file's name, to free
 *
 * Creates and locks the temporary file of @path, ".NAME.klijentela-XXXXXX"
 * in the same folder (so that renaming it over @path is atomic), after
 * removing those a killed process left there for the same name.
 *
 * Returns: the file descriptor holding the lock (see
 *   kl_part_file_create()); -1 with errno set on failure
 */
int
kl_part_file_create_beside (const char  *path,
                            char       **out_part)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strdup_printf (".%s.klijentela-", base);
  g_autofree char *part = g_strconcat (dir, G_DIR_SEPARATOR_S, prefix, "XXXXXX", NULL);
  int fd;

  g_return_val_if_fail (path != NULL && out_part != NULL, -1);

  kl_part_file_clean (dir, prefix, NULL, 6);
  fd = kl_part_file_create (part, TRUE);
  if (fd >= 0)
    *out_part = g_steal_pointer (&part);

  return fd;
}

/**
 * kl_part_file_commit:
 * @fd: the temporary file's descriptor, from kl_part_file_create()
 * @part: its name
 * @path: the file it becomes
 *
 * Gives the written temporary file the mode of the file it replaces (a
 * new one: 0666 less the umask), puts it on the disk and renames it over
 * @path. The caller still closes @fd; on failure it removes @part.
 *
 * Returns: whether @path is now the new file; FALSE with errno set
 */
gboolean
kl_part_file_commit (int         fd,
                     const char *part,
                     const char *path)
{
  GStatBuf st;
  mode_t mode;

  g_return_val_if_fail (fd >= 0 && part != NULL && path != NULL, FALSE);

  if (g_stat (path, &st) == 0)
    mode = st.st_mode & 07777;
  else
    {
      mode_t mask = umask (022);

      umask (mask);
      mode = 0666 & ~mask;
    }

  return fchmod (fd, mode) == 0 && fsync (fd) == 0 && g_rename (part, path) == 0;
}

void
kl_part_file_close (int fd)
{
  if (fd >= 0)
    close (fd);
}

/* What SQLite writes beside a database file it changes. */
static const char * const sidecars[] = { "-journal", "-wal", "-shm" };

static gboolean
is_ours (const char *path)
{
  GStatBuf st;

  return g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == getuid ();
}

/* Removes @path when it is a regular file of this user that no process
 * holds a lock on, with the files SQLite may have left beside it. */
static gboolean
remove_if_unlocked (const char *path)
{
  gboolean removed = FALSE;
  int fd;

  if (!is_ours (path))
    return FALSE;

  fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC, 0);
  if (fd < 0)
    return FALSE;
  if (flock (fd, LOCK_EX | LOCK_NB) == 0)
    {
      g_debug ("Removing %s, left by a process that ended while writing it", path);
      removed = g_unlink (path) == 0;
      for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
        {
          g_autofree char *sidecar = g_strconcat (path, sidecars[i], NULL);

          g_unlink (sidecar);
        }
    }
  close (fd);

  return removed;
}

/* @name's length less a sidecar's ending, or 0 if it has none. */
static gsize
sidecar_of (const char *name,
            gsize       len)
{
  for (guint i = 0; i < G_N_ELEMENTS (sidecars); i++)
    {
      gsize n = strlen (sidecars[i]);

      if (len > n && strcmp (name + len - n, sidecars[i]) == 0)
        return len - n;
    }

  return 0;
}

/**
 * kl_part_file_remove_stale:
 * @path: a temporary file's name
 *
 * Removes @path if a process that was writing it has ended without
 * finishing (nobody holds its lock). A file another process is writing
 * now stays.
 *
 * Returns: whether @path is now absent
 */
gboolean
kl_part_file_remove_stale (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int dir_fd;

  if (!g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
    return TRUE;

  dir_fd = lock_dir (dir, LOCK_EX);
  if (dir_fd < 0)
    return FALSE;
  remove_if_unlocked (path);
  unlock_dir (dir_fd);

  return !g_file_test (path, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK);
}

/**
 * kl_part_file_clean:
 * @dir: the folder
 * @prefix: how the names of the temporary files begin
 * @suffix: (nullable): how they end
 * @n_random: how many characters lie between (the XXXXXX); 0 for any number
 *
 * Removes the temporary files matching the pattern that processes which
 * ended without finishing left behind, with what SQLite wrote beside them
 * (NAME-journal, NAME-wal, NAME-shm); files being written stay.
 *
 * Returns: how many were removed
 */
guint
kl_part_file_clean (const char *dir,
                    const char *prefix,
                    const char *suffix,
                    guint       n_random)
{
  g_autoptr(GDir) d = NULL;
  const char *name;
  gsize prefix_len = strlen (prefix);
  gsize suffix_len = suffix != NULL ? strlen (suffix) : 0;
  guint n_removed = 0;
  int dir_fd;

  g_return_val_if_fail (dir != NULL && prefix != NULL && *prefix != '\0', 0);

  d = g_dir_open (dir, 0, NULL);
  if (d == NULL)
    return 0;

  dir_fd = lock_dir (dir, LOCK_EX);
  if (dir_fd < 0)
    return 0;

  while ((name = g_dir_read_name (d)) != NULL)
    {
      gsize len = strlen (name);
      gsize main_len = sidecar_of (name, len);
      g_autofree char *path = NULL;

      /* A sidecar SQLite left is matched by its main file's name. */
      if (main_len == 0)
        main_len = len;
      if (main_len <= prefix_len + suffix_len || strncmp (name, prefix, prefix_len) != 0 ||
          (suffix_len > 0 && strncmp (name + main_len - suffix_len, suffix, suffix_len) != 0) ||
          (n_random > 0 && main_len != prefix_len + n_random + suffix_len))
        continue;

      path = g_build_filename (dir, name, NULL);
      if (main_len == len)
        {
          if (remove_if_unlocked (path))
            n_removed++;
        }
      else
        {
          /* Its main file gone (a writer creates that first and keeps it
           * until done): nobody will read it again. */
          g_autofree char *main_path = g_strndup (path, strlen (path) - (len - main_len));

          if (!g_file_test (main_path, G_FILE_TEST_EXISTS) && is_ours (path) && g_unlink (path) == 0)
            n_removed++;
        }
    }
  unlock_dir (dir_fd);

  return n_removed;
}
