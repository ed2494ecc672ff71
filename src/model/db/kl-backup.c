/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-backup.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#endif

#include "kl-database.h"
#include "kl-part-file.h"

G_DEFINE_QUARK (kl-backup-error-quark, kl_backup_error)

/* How long a backup step waits for a writer before it tries again, and
 * how often. */
#define BUSY_SLEEP_US  (50 * 1000)
#define BUSY_TRIES     200

/* A paced copy (the daily backup behind the window): this many pages a
 * step, and a pause between steps, so the window's own queries find the
 * disk and the cores free. 770 MB (100 000 clients) take some 3 s more. */
#define PACE_PAGES     128
#define PACE_SLEEP_US  (2 * 1000)

static const char * const reason_names[] = { "daily", "migration", "import" };

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, sqlite3_close_v2)

void
kl_backup_info_free (KlBackupInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->path);
  g_clear_pointer (&info->time, g_date_time_unref);
  g_free (info);
}

/* An immutable read-only URI: reading the file takes no lock and makes no
 * side files (-wal, -shm, -journal). Only for files nobody writes. */
static char *
immutable_uri (const char *path)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *uri = g_filename_to_uri (absolute, NULL, NULL);

  if (uri == NULL)
    return NULL;
  return g_strconcat (uri, "?immutable=1", NULL);
}

static void
set_sqlite_error (GError     **error,
                  int          code,
                  sqlite3     *db,
                  const char  *path)
{
  g_autofree char *name = g_filename_display_name (path);

  switch (code & 0xff)
    {
    case SQLITE_CORRUPT:
      g_set_error (error, KL_BACKUP_ERROR, KL_BACKUP_ERROR_DAMAGED,
                   _("“%s” is damaged."), name);
      break;
    case SQLITE_NOTADB:
      g_set_error (error, KL_BACKUP_ERROR, KL_BACKUP_ERROR_NOT_KLIJENTELA,
                   _("“%s” is not a Klijentela database."), name);
      break;
    case SQLITE_FULL:
      g_set_error (error, KL_BACKUP_ERROR, KL_BACKUP_ERROR_FAILED,
                   _("The disk is full: “%s” could not be written."), name);
      break;
    default:
      /* Translators: the file, then SQLite's reason (English). */
      g_set_error (error, KL_BACKUP_ERROR, KL_BACKUP_ERROR_FAILED,
                   _("Could not copy “%s”: %s"), name,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (code));
      break;
    }
}

static gint64
query_int (sqlite3    *db,
           const char *sql,
           int        *rc_out)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  gint64 value = -1;

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      value = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  *rc_out = rc;
  return value;
}

/* Checks an open database: quick_check "ok", a Klijentela schema this
 * program knows. */
static gboolean
check_open (sqlite3     *db,
            const char  *path,
            gint64      *out_n_clients,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *name = g_filename_display_name (path);
  gboolean ok = FALSE;
  gint64 version;
  gint64 n_clients;
  int rc;

  rc = sqlite3_prepare_v2 (db, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  if (rc != SQLITE_ROW)
    {
      set_sqlite_error (error, sqlite3_extended_errcode (db), db, path);
      return FALSE;
    }
  if (!ok)
    {
      g_set_error (error, KL_BACKUP_ERROR, KL_BACKUP_ERROR_DAMAGED,
                   _("“%s” is damaged."), name);
      return FALSE;
    }

  version = query_int (db, "PRAGMA user_version", &rc);
  if (rc == SQLITE_OK && version > kl_database_latest_version ())
    {
      g_set_error (error, KL_BACKUP_ERROR, KL_BACKUP_ERROR_NEWER,
                   _("“%s” was made by a newer version of Klijentela."), name);
      return FALSE;
    }

  n_clients = query_int (db, "SELECT count(*) FROM clients", &rc);
  if (rc != SQLITE_OK || version < 1)
    {
      g_set_error (error, KL_BACKUP_ERROR, KL_BACKUP_ERROR_NOT_KLIJENTELA,
                   _("“%s” is not a Klijentela database."), name);
      return FALSE;
    }

  if (out_n_clients != NULL)
    *out_n_clients = n_clients;
  return TRUE;
}

/**
 * kl_backup_check_file:
 * @out_n_clients: (out) (optional): the clients it holds
 *
 * Checks a backup (or any closed database file) without writing to it:
 * it must be a Klijentela database this program can open, and pass
 * `PRAGMA quick_check`.
 */
gboolean
kl_backup_check_file (const char  *path,
                      gint64      *out_n_clients,
                      GError     **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autofree char *uri = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);

  uri = immutable_uri (path);
  if (uri == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, KL_BACKUP_ERROR, KL_BACKUP_ERROR_FAILED,
                   _("“%s” does not exist."), name);
      return FALSE;
    }

  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, rc, db, path);
      return FALSE;
    }

  return check_open (db, path, out_n_clients, error);
}

static gboolean
sync_file (const char  *path,
           GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  int saved_errno = 0;

  if (fd < 0 || fsync (fd) != 0)
    saved_errno = errno;
  if (fd >= 0)
    close (fd);
  if (saved_errno != 0)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, KL_BACKUP_ERROR, KL_BACKUP_ERROR_FAILED,
                   _("Could not write “%s”: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }
  return TRUE;
}

static void
sync_dir_of (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Creates @part, the file a copy is written to before it gets its name,
 * locked while it is written (kl-part-file.h). One that a killed process
 * left goes first; one another process is writing now stays, and this
 * fails. Returns the descriptor holding the lock, or -1. */
static int
create_part (const char  *part,
             GError     **error)
{
  g_autofree char *path = g_strdup (part);
  int fd;

  kl_part_file_remove_stale (path);
  fd = kl_part_file_create (path, FALSE);
  if (fd < 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (part);

      g_set_error (error, KL_BACKUP_ERROR, KL_BACKUP_ERROR_FAILED,
                   _("Could not write “%s”: %s"), name, g_strerror (saved_errno));
    }

  return fd;
}

/* Copies the database @from (open) into @to_part, a new empty file private
 * to the user, in rollback-journal mode, checked; removes it on failure. */
static gboolean
copy_into (sqlite3       *from,
           const char    *from_path,
           const char    *to_part,
           gboolean       paced,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(sqlite3) to = NULL;
  sqlite3_backup *backup;
  gboolean in_transaction = FALSE;
  int rc;

  rc = sqlite3_open_v2 (to_part, &to, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    goto failed;

  backup = sqlite3_backup_init (to, "main", from, "main");
  if (backup == NULL)
    {
      rc = sqlite3_extended_errcode (to);
      goto failed;
    }

  /* One read transaction, so one consistent snapshot even while the
   * window writes (WAL lets it): all pages in one step, or, paced, steps
   * inside a read transaction held open on @from (a step then neither
   * starts its own nor restarts when another connection writes). */
  if (paced)
    {
      rc = sqlite3_exec (from, "BEGIN; SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
      in_transaction = sqlite3_get_autocommit (from) == 0;
      if (rc != SQLITE_OK)
        {
          sqlite3_backup_finish (backup);
          set_sqlite_error (error, rc, from, from_path);
          goto cleanup;
        }
    }
  for (guint tries = 0; ; )
    {
      rc = sqlite3_backup_step (backup, paced ? PACE_PAGES : -1);
      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && tries < BUSY_TRIES)
        {
          tries++;
          g_usleep (BUSY_SLEEP_US);
          continue;
        }
      if (rc != SQLITE_OK)
        break;
      if (g_cancellable_is_cancelled (cancellable))
        break;
      g_usleep (PACE_SLEEP_US);
    }
  sqlite3_backup_finish (backup);
  if (in_transaction)
    sqlite3_exec (from, "COMMIT", NULL, NULL, NULL);
  if (rc == SQLITE_OK && g_cancellable_set_error_if_cancelled (cancellable, error))
    goto cleanup;
  if (rc != SQLITE_DONE)
    goto failed;

  rc = sqlite3_exec (to, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    goto failed;
  g_clear_pointer (&to, sqlite3_close_v2);

  if (!kl_backup_check_file (to_part, NULL, error) || !sync_file (to_part, error))
    {
      g_unlink (to_part);
      return FALSE;
    }

  return TRUE;

failed:
  set_sqlite_error (error, rc, to, to_part);
cleanup:
  g_clear_pointer (&to, sqlite3_close_v2);
  g_unlink (to_part);
  return FALSE;
}

static gboolean
same_file (const char *a,
           const char *b)
{
  GStatBuf sa, sb;

  return g_stat (a, &sa) == 0 && g_stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/**
 * kl_backup_write:
 * @database_path: the database, open or not (its writers go on meanwhile)
 * @out_path: the copy; replaced if it exists, never half-written
 *
 * Copies the database with SQLite's online backup API into a file next
 * to @out_path, checks the copy with `PRAGMA quick_check`, and only then
 * gives it its name. The copy is mode 0600 and stands alone (no WAL).
 */
static gboolean write_copy (const char    *database_path,
                            const char    *out_path,
                            gboolean       paced,
                            GCancellable  *cancellable,
                            GError       **error);

gboolean
kl_backup_write (const char  *database_path,
                 const char  *out_path,
                 GError     **error)
{
  return write_copy (database_path, out_path, FALSE, NULL, error);
}

static gboolean
write_copy (const char    *database_path,
            const char    *out_path,
            gboolean       paced,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(sqlite3) from = NULL;
  g_autofree char *part = NULL;
  int part_fd;
  int rc;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (out_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (same_file (database_path, out_path))
    {
      g_autofree char *name = g_filename_display_name (out_path);

      g_set_error (error, KL_BACKUP_ERROR, KL_BACKUP_ERROR_FAILED,
                   _("“%s” is the database itself: choose another file for the backup."), name);
      return FALSE;
    }

  if (!g_file_test (database_path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *name = g_filename_display_name (database_path);

      g_set_error (error, KL_BACKUP_ERROR, KL_BACKUP_ERROR_FAILED,
                   _("“%s” does not exist."), name);
      return FALSE;
    }

  /* Read-write although it only reads: the last connection to close then
   * removes the -wal and -shm files, as the program itself does. */
  rc = sqlite3_open_v2 (database_path, &from,
                        access (database_path, W_OK) == 0 ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY,
                        NULL);
  if (rc == SQLITE_OK)
    sqlite3_busy_timeout (from, KL_DATABASE_BUSY_TIMEOUT_MS);
  else
    {
      set_sqlite_error (error, rc, from, database_path);
      return FALSE;
    }

  part = g_strconcat (out_path, ".part", NULL);
  part_fd = create_part (part, error);
  if (part_fd < 0)
    return FALSE;
  if (!copy_into (from, database_path, part, paced, cancellable, error))
    {
      kl_part_file_close (part_fd);
      return FALSE;
    }

  if (g_rename (part, out_path) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (out_path);

      g_unlink (part);
      kl_part_file_close (part_fd);
      g_set_error (error, KL_BACKUP_ERROR, KL_BACKUP_ERROR_FAILED,
                   _("Could not write “%s”: %s"), name, g_strerror (saved_errno));
      return FALSE;
    }
  kl_part_file_close (part_fd);
  sync_dir_of (out_path);

  return TRUE;
}

/* "…/klijentela.db" → "klijentela" */
static char *
stem_of (const char *database_path)
{
  g_autofree char *base = g_path_get_basename (database_path);

  if (g_str_has_suffix (base, ".db") && strlen (base) > 3)
    base[strlen (base) - 3] = '\0';
  return g_steal_pointer (&base);
}

/**
 * kl_backup_dir:
 *
 * Returns: the folder of @database_path's automatic backups, beside it:
 *   "klijentela.db" → "klijentela-backups".
 */
char *
kl_backup_dir (const char *database_path)
{
  g_autofree char *dir = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (database_path != NULL, NULL);

  dir = g_path_get_dirname (database_path);
  stem = stem_of (database_path);
  name = g_strconcat (stem, "-backups", NULL);
  return g_build_filename (dir, name, NULL);
}

/* Reads "STEM-YYYYMMDD-HHMMSS[-N]-REASON.db". */
static KlBackupInfo *
parse_name (const char *dir,
            const char *stem,
            const char *name)
{
  g_autoptr(KlBackupInfo) info = g_new0 (KlBackupInfo, 1);
  gsize stem_len = strlen (stem);
  const char *p;
  char *end;
  guint64 date, time;
  gboolean found = FALSE;

  if (strncmp (name, stem, stem_len) != 0 || name[stem_len] != '-' || !g_str_has_suffix (name, ".db"))
    return NULL;
  p = name + stem_len + 1;
  if (strlen (p) < 16 || !g_ascii_isdigit (p[0]))
    return NULL;
  date = g_ascii_strtoull (p, &end, 10);
  if (end != p + 8 || *end != '-')
    return NULL;
  p = end + 1;
  time = g_ascii_strtoull (p, &end, 10);
  if (end != p + 6 || *end != '-')
    return NULL;
  p = end + 1;
  if (g_ascii_isdigit (*p))
    {
      g_ascii_strtoull (p, &end, 10);
      if (*end != '-')
        return NULL;
      p = end + 1;
    }

  for (guint i = 0; i < G_N_ELEMENTS (reason_names); i++)
    if (strncmp (p, reason_names[i], strlen (reason_names[i])) == 0 &&
        strcmp (p + strlen (reason_names[i]), ".db") == 0)
      {
        info->reason = i;
        found = TRUE;
      }
  if (!found)
    return NULL;

  info->time = g_date_time_new_local ((int) (date / 10000), (int) (date / 100 % 100), (int) (date % 100),
                                      (int) (time / 10000), (int) (time / 100 % 100), (double) (time % 100));
  if (info->time == NULL)
    return NULL;
  info->path = g_build_filename (dir, name, NULL);
  info->n_clients = -1;
  return g_steal_pointer (&info);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const KlBackupInfo *x = *(KlBackupInfo * const *) a;
  const KlBackupInfo *y = *(KlBackupInfo * const *) b;
  int order = g_date_time_compare (y->time, x->time);

  return order != 0 ? order : -g_strcmp0 (x->path, y->path);
}

/**
 * kl_backup_list:
 * @with_details: also read each file: its size, whether it passes the
 *   checks, its clients (slower: opens every backup)
 *
 * Returns: (transfer full) (element-type KlBackupInfo): the automatic
 *   backups of @database_path, newest first; empty when there are none.
 */
GPtrArray *
kl_backup_list (const char *database_path,
                gboolean    with_details)
{
  g_autofree char *dir_path = NULL;
  g_autofree char *stem = NULL;
  g_autoptr(GDir) dir = NULL;
  GPtrArray *list;
  const char *name;

  g_return_val_if_fail (database_path != NULL, NULL);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_backup_info_free);
  dir_path = kl_backup_dir (database_path);
  stem = stem_of (database_path);
  dir = g_dir_open (dir_path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      KlBackupInfo *info = parse_name (dir_path, stem, name);

      if (info == NULL)
        continue;
      if (with_details)
        {
          GStatBuf st;

          if (g_stat (info->path, &st) == 0)
            info->size = st.st_size;
          info->ok = kl_backup_check_file (info->path, &info->n_clients, NULL);
        }
      g_ptr_array_add (list, info);
    }

  g_ptr_array_sort (list, compare_newest_first);
  return list;
}

/**
 * kl_backup_latest_good:
 *
 * Returns: (transfer full) (nullable): the newest automatic backup that
 *   passes the checks.
 */
KlBackupInfo *
kl_backup_latest_good (const char *database_path)
{
  g_autoptr(GPtrArray) list = kl_backup_list (database_path, FALSE);

  for (guint i = 0; i < list->len; i++)
    {
      KlBackupInfo *info = g_ptr_array_index (list, i);
      GStatBuf st;

      info->ok = kl_backup_check_file (info->path, &info->n_clients, NULL);
      if (info->ok)
        {
          if (g_stat (info->path, &st) == 0)
            info->size = st.st_size;
          return g_ptr_array_steal_index (list, i);
        }
    }

  return NULL;
}

/**
 * kl_backup_prune:
 *
 * Keeps the newest automatic backup of each of the last
 * %KL_BACKUP_KEEP_DAYS days that have one, and the newest of each of the
 * %KL_BACKUP_KEEP_WEEKS weeks before those; deletes the others.
 *
 * Returns: how many were deleted.
 */
guint
kl_backup_prune (const char *database_path)
{
  g_autoptr(GPtrArray) list = kl_backup_list (database_path, FALSE);
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) weeks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint deleted = 0;

  for (guint i = 0; i < list->len; i++)
    {
      KlBackupInfo *info = g_ptr_array_index (list, i);
      g_autofree char *day = g_date_time_format (info->time, "%Y-%m-%d");
      g_autofree char *week = g_date_time_format (info->time, "%G-%V");
      gboolean keep = FALSE;

      if (g_hash_table_contains (days, day))
        ;
      else if (g_hash_table_size (days) < KL_BACKUP_KEEP_DAYS)
        {
          /* A daily one: its week has a backup too. */
          g_hash_table_add (days, g_strdup (day));
          if (!g_hash_table_contains (weeks, week))
            g_hash_table_insert (weeks, g_strdup (week), GINT_TO_POINTER (FALSE));
          keep = TRUE;
        }
      else if (!g_hash_table_contains (weeks, week))
        {
          guint weekly = 0;
          GHashTableIter iter;
          gpointer is_weekly;

          g_hash_table_iter_init (&iter, weeks);
          while (g_hash_table_iter_next (&iter, NULL, &is_weekly))
            weekly += GPOINTER_TO_INT (is_weekly);
          if (weekly < KL_BACKUP_KEEP_WEEKS)
            {
              g_hash_table_insert (weeks, g_strdup (week), GINT_TO_POINTER (TRUE));
              keep = TRUE;
            }
        }

      if (!keep && g_unlink (info->path) == 0)
        deleted++;
    }

  return deleted;
}

/**
 * kl_backup_automatic:
 * @now: (nullable): the time to name it by; %NULL for now
 *
 * Makes an automatic backup of @database_path in kl_backup_dir(), then
 * prunes the old ones.
 *
 * Returns: (transfer full): the backup's path, or %NULL with @error set.
 */
static char *automatic_copy (const char      *database_path,
                             KlBackupReason   reason,
                             GDateTime       *now,
                             gboolean         paced,
                             GCancellable    *cancellable,
                             GError         **error);

char *
kl_backup_automatic (const char      *database_path,
                     KlBackupReason   reason,
                     GDateTime       *now,
                     GError         **error)
{
  return automatic_copy (database_path, reason, now, FALSE, NULL, error);
}

static char *
automatic_copy (const char      *database_path,
                KlBackupReason   reason,
                GDateTime       *now,
                gboolean         paced,
                GCancellable    *cancellable,
                GError         **error)
{
  g_autoptr(GDateTime) local_now = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (database_path != NULL, NULL);
  g_return_val_if_fail (reason < G_N_ELEMENTS (reason_names), NULL);

  if (now == NULL)
    now = local_now = g_date_time_new_now_local ();

  dir = kl_backup_dir (database_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (dir);

      g_set_error (error, KL_BACKUP_ERROR, KL_BACKUP_ERROR_FAILED,
                   _("Could not create the folder “%s”: %s"), name, g_strerror (saved_errno));
      return NULL;
    }

  stem = stem_of (database_path);
  kl_backup_clean (database_path);
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  for (guint n = 1; path == NULL || g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_autofree char *name = n == 1
        ? g_strdup_printf ("%s-%s-%s.db", stem, stamp, reason_names[reason])
        : g_strdup_printf ("%s-%s-%u-%s.db", stem, stamp, n, reason_names[reason]);

      g_free (path);
      path = g_build_filename (dir, name, NULL);
    }

  if (!write_copy (database_path, path, paced, cancellable, error))
    return NULL;

  kl_backup_prune (database_path);
  return g_steal_pointer (&path);
}

/**
 * kl_backup_clean:
 *
 * Removes the unfinished copies ("….db.part", with SQLite's journal) that
 * automatic backups killed half-way left in kl_backup_dir(); a copy being
 * written now stays.
 *
 * Returns: how many were removed
 */
guint
kl_backup_clean (const char *database_path)
{
  g_autofree char *dir = kl_backup_dir (database_path);
  g_autofree char *stem = stem_of (database_path);
  g_autofree char *prefix = g_strconcat (stem, "-", NULL);

  return kl_part_file_clean (dir, prefix, ".db.part", 0);
}

/* TRUE when no automatic backup was made on @now's day. */
gboolean
kl_backup_daily_is_due (const char *database_path,
                        GDateTime  *now)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GDateTime) local_now = NULL;

  g_return_val_if_fail (database_path != NULL, FALSE);

  if (now == NULL)
    now = local_now = g_date_time_new_now_local ();

  list = kl_backup_list (database_path, FALSE);
  for (guint i = 0; i < list->len; i++)
    {
      KlBackupInfo *info = g_ptr_array_index (list, i);

      if (g_date_time_get_year (info->time) == g_date_time_get_year (now) &&
          g_date_time_get_day_of_year (info->time) == g_date_time_get_day_of_year (now))
        return FALSE;
    }

  return TRUE;
}

/**
 * kl_backup_daily:
 * @now: (nullable): today; %NULL for now
 *
 * The backup at start: made at most once a day. What backups killed
 * half-way left is removed first, every time (kl_backup_clean()).
 *
 * Returns: (transfer full) (nullable): the new backup's path, or %NULL
 *   when today's exists already (@error unset) or on failure (@error set).
 */
char *
kl_backup_daily (const char  *database_path,
                 GDateTime   *now,
                 GError     **error)
{
  g_return_val_if_fail (database_path != NULL, NULL);

  kl_backup_clean (database_path);
  if (!kl_backup_daily_is_due (database_path, now))
    return NULL;

  return kl_backup_automatic (database_path, KL_BACKUP_REASON_DAILY, now, error);
}

/* Lowers the calling thread's CPU and disk priority to the least (Linux:
 * both are per thread); elsewhere nothing. */
static void
lower_thread_priority (void)
{
#ifdef __linux__
  pid_t tid = (pid_t) syscall (SYS_gettid);

  setpriority (PRIO_PROCESS, tid, 19);
#ifdef SYS_ioprio_set
  /* IOPRIO_WHO_PROCESS (1), IOPRIO_CLASS_IDLE (3) << IOPRIO_CLASS_SHIFT (13) */
  syscall (SYS_ioprio_set, 1, tid, 3 << 13);
#endif
#endif
}

/**
 * kl_backup_daily_in_background:
 * @now: (nullable): today; %NULL for now
 * @cancellable: (nullable): stops the copy between two steps; the
 *   unfinished copy is removed
 *
 * kl_backup_daily() for a thread of its own behind the window: lowers
 * that thread's CPU and disk priority for good (so never call it on a
 * pooled thread), copies a few pages at a time with pauses between them,
 * inside one read transaction (one consistent snapshot), and makes no
 * backup when one is under way already, in this process or another
 * (a lock on a hidden file in kl_backup_dir()).
 *
 * Returns: (transfer full) (nullable): as kl_backup_daily(); cancelled,
 *   %NULL with %G_IO_ERROR_CANCELLED.
 */
char *
kl_backup_daily_in_background (const char    *database_path,
                               GDateTime     *now,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *lock_path = NULL;
  char *path = NULL;
  int lock_fd;

  g_return_val_if_fail (database_path != NULL, NULL);

  lower_thread_priority ();

  dir = kl_backup_dir (database_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return automatic_copy (database_path, KL_BACKUP_REASON_DAILY, now, TRUE, cancellable, error);
  stem = stem_of (database_path);
  lock_path = g_strdup_printf ("%s/.%s-daily.lock", dir, stem);
  lock_fd = g_open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd >= 0 && flock (lock_fd, LOCK_EX | LOCK_NB) != 0)
    {
      /* another one is being made now */
      close (lock_fd);
      return NULL;
    }

  kl_backup_clean (database_path);
  if (kl_backup_daily_is_due (database_path, now))
    path = automatic_copy (database_path, KL_BACKUP_REASON_DAILY, now, TRUE, cancellable, error);

  if (lock_fd >= 0)
    close (lock_fd);
  return path;
}

/* A name beside @path that does not exist yet, for what is kept aside. */
static gboolean
link_aside (const char  *path,
            char       **out_aside,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");

  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *aside = n == 1
        ? g_strdup_printf ("%s.before-restore-%s", path, stamp)
        : g_strdup_printf ("%s.before-restore-%s-%u", path, stamp, n);

      /* link() never replaces an existing file. */
      if (link (path, aside) == 0)
        {
          *out_aside = g_steal_pointer (&aside);
          return TRUE;
        }
      if (errno != EEXIST)
        {
          int saved_errno = errno;
          g_autofree char *name = g_filename_display_name (aside);

          g_set_error (error, KL_BACKUP_ERROR, KL_BACKUP_ERROR_FAILED,
                       _("Could not keep the current database as “%s”: %s"), name,
                       g_strerror (saved_errno));
          return FALSE;
        }
    }

  g_set_error_literal (error, KL_BACKUP_ERROR, KL_BACKUP_ERROR_FAILED,
                       _("Could not find a free name to keep the current database under."));
  return FALSE;
}

/**
 * kl_backup_restore:
 * @database_path: the database; nothing may have it open
 * @backup_path: the backup to restore; it is checked first
 * @out_kept_aside: (out) (optional) (transfer full): where the database
 *   that was replaced now is (%NULL when there was none)
 *
 * Replaces the database with a copy of the backup. The current file is
 * kept aside under a new name beside it ("….before-restore-DATE-TIME",
 * with its WAL if it had one), never overwritten; the switch itself is one
 * rename, so the database is whole at every moment.
 */
gboolean
kl_backup_restore (const char  *database_path,
                   const char  *backup_path,
                   char       **out_kept_aside,
                   GError     **error)
{
  g_autoptr(sqlite3) from = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *part = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  int part_fd;
  int rc;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!kl_backup_check_file (backup_path, NULL, error))
    return FALSE;

  uri = immutable_uri (backup_path);
  rc = sqlite3_open_v2 (uri, &from, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, rc, from, backup_path);
      return FALSE;
    }

  part = g_strconcat (database_path, ".restore-part", NULL);
  part_fd = create_part (part, error);
  if (part_fd < 0)
    return FALSE;
  if (!copy_into (from, backup_path, part, FALSE, NULL, error))
    {
      kl_part_file_close (part_fd);
      return FALSE;
    }

  wal = g_strconcat (database_path, "-wal", NULL);
  shm = g_strconcat (database_path, "-shm", NULL);
  if (g_file_test (database_path, G_FILE_TEST_EXISTS))
    {
      GStatBuf st;

      /* A WAL left by a crash holds the newest changes: fold it in first,
       * so what is kept aside is whole. */
      if (g_stat (wal, &st) == 0 && st.st_size > 0)
        {
          g_autoptr(sqlite3) db = NULL;

          if (sqlite3_open_v2 (database_path, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
            sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
        }

      if (!link_aside (database_path, &aside, error))
        {
          g_unlink (part);
          kl_part_file_close (part_fd);
          return FALSE;
        }
      if (g_stat (wal, &st) == 0 && st.st_size > 0)
        {
          g_autofree char *aside_wal = g_strconcat (aside, "-wal", NULL);

          if (link (wal, aside_wal) != 0)
            {
              int saved_errno = errno;
              g_autofree char *name = g_filename_display_name (aside_wal);

              g_unlink (part);
              g_set_error (error, KL_BACKUP_ERROR, KL_BACKUP_ERROR_FAILED,
                           _("Could not keep the current database as “%s”: %s"), name,
                           g_strerror (saved_errno));
              kl_part_file_close (part_fd);
              return FALSE;
            }
        }
    }

  /* The old WAL belongs to the old file: beside the new one it would be
   * replayed into it. */
  g_unlink (wal);
  g_unlink (shm);
  if (g_rename (part, database_path) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (database_path);

      g_unlink (part);
      g_set_error (error, KL_BACKUP_ERROR, KL_BACKUP_ERROR_FAILED,
                   _("Could not write “%s”: %s"), name, g_strerror (saved_errno));
      kl_part_file_close (part_fd);
      return FALSE;
    }
  sync_dir_of (database_path);

  kl_part_file_close (part_fd);

  if (out_kept_aside != NULL)
    *out_kept_aside = g_steal_pointer (&aside);
  return TRUE;
}
