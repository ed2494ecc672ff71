/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-database.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kl-backup.h"
#include "kl-schema.h"
#include "kl-sql-functions.h"

struct _KlDatabase
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;   /* SQL text → sqlite3_stmt */
  guint       depth;        /* nesting of kl_database_begin() */
  gboolean    bulk;         /* the outermost one is kl_database_begin_bulk() */
  gboolean    bulk_failed;  /* a nested part of it was rolled back */
  int         secure_delete; /* before kl_database_erase_begin(), or -1 */
};

G_DEFINE_TYPE (KlDatabase, kl_database, G_TYPE_OBJECT)

G_DEFINE_QUARK (kl-database-error-quark, kl_database_error)


static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

/* @system_errno: the errno of SQLite's last failed system call, or 0 */
static int
error_code_for (int sqlite_code,
                int system_errno)
{
  /* A write refused by a quota or a file size limit is a full disk to
   * the user as much as ENOSPC (which SQLite itself calls SQLITE_FULL). */
  if ((sqlite_code & 0xff) == SQLITE_IOERR &&
      (system_errno == ENOSPC || system_errno == EDQUOT || system_errno == EFBIG))
    return KL_DATABASE_ERROR_FULL;

  switch (sqlite_code & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return KL_DATABASE_ERROR_BUSY;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return KL_DATABASE_ERROR_READ_ONLY;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return KL_DATABASE_ERROR_CORRUPT;
    case SQLITE_CONSTRAINT:
      return KL_DATABASE_ERROR_CONSTRAINT;
    case SQLITE_FULL:
      return KL_DATABASE_ERROR_FULL;
    case SQLITE_CANTOPEN:
      return KL_DATABASE_ERROR_OPEN;
    default:
      return KL_DATABASE_ERROR_FAILED;
    }
}

/* @db: the connection that failed, or NULL */
static void
set_error_from_code (GError    **error,
                     sqlite3    *db,
                     int         sqlite_code,
                     const char *detail)
{
  int code = error_code_for (sqlite_code, db != NULL ? sqlite3_system_errno (db) : 0);

  switch (code)
    {
    case KL_DATABASE_ERROR_BUSY:
      g_set_error_literal (error, KL_DATABASE_ERROR, code,
                           _("The database is locked by another program. Try again in a moment."));
      break;
    case KL_DATABASE_ERROR_READ_ONLY:
      g_set_error_literal (error, KL_DATABASE_ERROR, code,
                           _("The database is read-only, so nothing can be saved."));
      break;
    case KL_DATABASE_ERROR_CORRUPT:
      g_set_error_literal (error, KL_DATABASE_ERROR, code,
                           _("The file is damaged or is not a Klijentela database."));
      break;
    case KL_DATABASE_ERROR_FULL:
      g_set_error_literal (error, KL_DATABASE_ERROR, code,
                           _("The disk is full, so nothing was saved. Free some space and try again."));
      break;
    case KL_DATABASE_ERROR_CONSTRAINT:
      g_set_error (error, KL_DATABASE_ERROR, code,
                   _("The change breaks a rule of the database: %s"), detail);
      break;
    default:
      g_set_error (error, KL_DATABASE_ERROR, code,
                   _("Database error: %s"), detail);
      break;
    }
}

void
kl_database_set_error (KlDatabase  *self,
                       GError     **error)
{
  g_return_if_fail (KL_IS_DATABASE (self));

  set_error_from_code (error, self->db, sqlite3_extended_errcode (self->db), sqlite3_errmsg (self->db));
}

void
kl_cached_stmt_release (KlCachedStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, db, sqlite3_extended_errcode (db), message ? message : sqlite3_errstr (rc));
      sqlite3_free (message);
      return FALSE;
    }

  return TRUE;
}

static gint64
query_one (sqlite3    *db,
           const char *sql,
           int        *rc_out)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  gint64 value = 0;

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      value = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  else
    rc = sqlite3_extended_errcode (db);
  if (*rc_out == SQLITE_OK || rc != SQLITE_OK)
    *rc_out = rc;
  return value;
}

static int
read_user_version (sqlite3  *db,
                   GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      set_error_from_code (error, db, sqlite3_extended_errcode (db), sqlite3_errmsg (db));
      return -1;
    }

  return sqlite3_column_int (stmt, 0);
}

static gboolean
migrate (KlDatabase  *self,
         int          target,
         GError     **error)
{
  int version = read_user_version (self->db, error);

  if (version < 0)
    return FALSE;

  if (version > kl_database_latest_version ())
    {
      g_set_error (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_NEWER_SCHEMA,
                   _("The database was made by a newer version of Klijentela (schema %d, this program knows up to %d). Update Klijentela to open it."),
                   version, kl_database_latest_version ());
      return FALSE;
    }

  /* A file that already holds data is copied before its schema changes:
   * a migration that goes wrong, or a program that turns out to be
   * broken, must not cost the client base. */
  if (version > 0 && version < target)
    {
      g_autofree char *backup = kl_backup_automatic (self->path, KL_BACKUP_REASON_MIGRATION, NULL, error);

      if (backup == NULL)
        {
          g_prefix_error (error, _("Could not back up the database before updating it to schema %d: "),
                          target);
          return FALSE;
        }
    }

  while (version < target)
    {
      g_autofree char *set_version = NULL;

      if (!exec_sql (self->db, "BEGIN IMMEDIATE", error))
        return FALSE;

      set_version = g_strdup_printf ("PRAGMA user_version = %d;%s", version + 1,
                                     version == 0 ? " PRAGMA application_id = " G_STRINGIFY (KL_DATABASE_APPLICATION_ID) : "");
      if (!exec_sql (self->db, kl_migrations[version], error) ||
          !exec_sql (self->db, set_version, error))
        {
          exec_sql (self->db, "ROLLBACK", NULL);
          g_prefix_error (error, _("Could not update the database to schema %d: "), version + 1);
          return FALSE;
        }

      if (!exec_sql (self->db, "COMMIT", error))
        {
          exec_sql (self->db, "ROLLBACK", NULL);
          return FALSE;
        }

      version++;
    }

  return TRUE;
}

static gboolean
ensure_file (const char  *path,
             GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_OPEN,
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* Create the file ourselves so that it is private to the user from the
   * first byte; SQLite would use the umask. */
  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, KL_DATABASE_ERROR,
                   saved_errno == EACCES || saved_errno == EROFS ? KL_DATABASE_ERROR_READ_ONLY
                                                                  : KL_DATABASE_ERROR_OPEN,
                   _("Could not open “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  return TRUE;
}

static guint32
read_be32 (const guint8 *p)
{
  return (guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3];
}

static void
set_not_klijentela (GError **error)
{
  g_set_error_literal (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_NOT_KLIJENTELA,
                       _("The file is not a Klijentela database. It was left as it is."));
}

static void
set_newer (GError     **error,
           int          version)
{
  g_set_error (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_NEWER_SCHEMA,
               _("The database was made by a newer version of Klijentela (schema %d, this program knows up to %d). Update Klijentela to open it."),
               version, kl_database_latest_version ());
}

/* Reads the file's header with plain reads, before SQLite touches the
 * file: another program's file, or one from a newer Klijentela, is refused
 * without a byte written to it (SQLite would switch it to WAL first). An
 * empty file is a new database. */
static gboolean
check_header (const char  *path,
              GError     **error)
{
  guint8 header[100];
  gssize n;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return TRUE;   /* sqlite3_open_v2() says why */
  n = read (fd, header, sizeof header);
  close (fd);

  if (n == 0)
    return TRUE;
  if (n < (gssize) sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      set_not_klijentela (error);
      return FALSE;
    }
  if (read_be32 (header + 68) != 0 && read_be32 (header + 68) != KL_DATABASE_APPLICATION_ID)
    {
      set_not_klijentela (error);
      return FALSE;
    }
  if (read_be32 (header + 60) > (guint32) kl_database_latest_version ())
    {
      set_newer (error, (int) read_be32 (header + 60));
      return FALSE;
    }

  return TRUE;
}

/* The same checks through SQLite, which also sees what is still in the WAL,
 * and: a file without our schema version must be empty (else it is
 * another program's SQLite database). Reads only. */
static gboolean
check_identity (KlDatabase  *self,
                GError     **error)
{
  int version = read_user_version (self->db, error);
  gint64 application_id;
  gint64 n_objects;
  int rc = SQLITE_OK;

  if (version < 0)
    return FALSE;
  if (version > kl_database_latest_version ())
    {
      set_newer (error, version);
      return FALSE;
    }

  application_id = query_one (self->db, "PRAGMA application_id", &rc);
  n_objects = query_one (self->db, "SELECT count(*) FROM sqlite_schema", &rc);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, self->db, rc, sqlite3_errmsg (self->db));
      return FALSE;
    }
  if ((application_id != 0 && application_id != KL_DATABASE_APPLICATION_ID) ||
      (version == 0 && n_objects > 0))
    {
      set_not_klijentela (error);
      return FALSE;
    }

  return TRUE;
}

/* Files up to this size get a full quick_check at every open; it reads
 * every page (about 8 MiB in 0.05 s; the 750 MiB of 100 000 demo clients
 * in 6 s of CPU, 26 s on a busy machine), which a start-up cannot pay. */
#define QUICK_CHECK_MAX_BYTES (8 * 1024 * 1024)

/* Whether the file needs its pages read now: a small one always, a large
 * one when the last program that wrote it did not close it (its WAL is
 * left) or when its header promises more pages than the file holds (a
 * copy cut short). A large file closed cleanly shows damage when a page is
 * read, as SQLITE_CORRUPT with the same message. */
static gboolean
needs_quick_check (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf file_stat, wal_stat;
  guint8 header[100];
  gssize n;
  int fd;

  if (g_stat (path, &file_stat) != 0 || file_stat.st_size <= QUICK_CHECK_MAX_BYTES)
    return TRUE;
  if (g_stat (wal, &wal_stat) == 0 && wal_stat.st_size > 0)
    return TRUE;

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return TRUE;
  n = read (fd, header, sizeof header);
  close (fd);
  if (n < (gssize) sizeof header)
    return TRUE;
  /* The size in the header counts when its change counter is current. */
  if (memcmp (header + 24, header + 92, 4) == 0)
    {
      guint32 page_size = ((guint32) header[16] << 8) | header[17];
      guint64 pages = read_be32 (header + 28);

      if (page_size == 1)
        page_size = 65536;
      if (pages * page_size > (guint64) file_stat.st_size)
        return TRUE;
    }

  return FALSE;
}

/* PRAGMA quick_check: the pages and indexes of a damaged file (a copy cut
 * short, a disk error) are found at once, not when a screen reads them
 * (for a large file, only when needs_quick_check() says so). */
static gboolean
check_pages (KlDatabase  *self,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!needs_quick_check (self->path))
    return TRUE;

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0)
    return TRUE;

  if (rc == SQLITE_ROW)
    g_debug ("quick_check of %s: %s", self->path, sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_ROW && error_code_for (rc, 0) != KL_DATABASE_ERROR_CORRUPT)
    {
      set_error_from_code (error, self->db, sqlite3_extended_errcode (self->db), sqlite3_errmsg (self->db));
      return FALSE;
    }

  g_set_error_literal (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_CORRUPT,
                       _("The database is damaged: part of it cannot be read. Nothing was written to it."));
  return FALSE;
}

static KlDatabase *
open_database (const char  *path,
               int          target_version,
               gboolean     read_only,
               GError     **error)
{
  g_autoptr(KlDatabase) self = NULL;
  int rc;

  /* A file we may not write (its permissions, a read-only medium) opens
   * for reading only. */
  if (!read_only && g_file_test (path, G_FILE_TEST_EXISTS) && access (path, W_OK) != 0)
    read_only = TRUE;

  if ((!read_only && !ensure_file (path, error)) || !check_header (path, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  self = g_object_new (KL_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                        SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_code (error, self->db, rc, self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, KL_DATABASE_BUSY_TIMEOUT_MS);

  /* kl_fold() and friends, for migrations that rebuild folded keys in SQL.
   * Triggers never call them, so other programs can still write the file. */
  if (!kl_sql_functions_register (self->db))
    {
      set_error_from_code (error, self->db, sqlite3_extended_errcode (self->db), sqlite3_errmsg (self->db));
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  if (!exec_sql (self->db, "PRAGMA foreign_keys = ON", error) ||
      !check_identity (self, error) ||
      !check_pages (self, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  if (sqlite3_db_readonly (self->db, "main") != 1 &&
      !exec_sql (self->db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL", error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  if (read_only)
    {
      int version = read_user_version (self->db, error);

      if (version < 0)
        return NULL;
      if (version < target_version)
        {
          g_set_error (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_READ_ONLY,
                       _("“%s” was made by an older version of Klijentela and must be updated, but it is read-only."),
                       path);
          return NULL;
        }
    }
  else if (!migrate (self, target_version, error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
kl_database_finalize (GObject *object)
{
  KlDatabase *self = (KlDatabase *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* Checkpoint so the file stands alone when the program is not running. */
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (kl_database_parent_class)->finalize (object);
}

static void
kl_database_class_init (KlDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kl_database_finalize;
}

static void
kl_database_init (KlDatabase *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->secure_delete = -1;
}

/**
 * kl_database_open:
 * @path: the database file; created (mode 0600) when missing
 *
 * Opens @path with foreign keys, WAL and a busy timeout, and brings its
 * schema up to date. A database written by a newer program is refused.
 */
KlDatabase *
kl_database_open (const char  *path,
                  GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_database (path, kl_database_latest_version (), FALSE, error);
}

/**
 * kl_database_open_read_only:
 *
 * Opens an existing @path for reading only: nothing is ever written to it
 * (kl_database_open() does this by itself for a file it may not write).
 * A file that would need a migration is refused.
 */
KlDatabase *
kl_database_open_read_only (const char  *path,
                            GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_database (path, kl_database_latest_version (), TRUE, error);
}

/* For tests: opens @path, migrating it only up to @version. */
KlDatabase *
kl_database_open_at_version (const char  *path,
                             int          version,
                             GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (version >= 0 && version <= kl_database_latest_version (), NULL);

  return open_database (path, version, FALSE, error);
}

int
kl_database_latest_version (void)
{
  return G_N_ELEMENTS (kl_migrations);
}

/* TRUE when the file could only be opened for reading (its permissions,
 * a read-only medium): every write then fails with
 * %KL_DATABASE_ERROR_READ_ONLY. */
gboolean
kl_database_is_read_only (KlDatabase *self)
{
  g_return_val_if_fail (KL_IS_DATABASE (self), TRUE);

  return sqlite3_db_readonly (self->db, "main") == 1;
}

int
kl_database_get_version (KlDatabase *self)
{
  g_return_val_if_fail (KL_IS_DATABASE (self), -1);

  return read_user_version (self->db, NULL);
}

const char *
kl_database_get_path (KlDatabase *self)
{
  g_return_val_if_fail (KL_IS_DATABASE (self), NULL);

  return self->path;
}

sqlite3 *
kl_database_get_handle (KlDatabase *self)
{
  g_return_val_if_fail (KL_IS_DATABASE (self), NULL);

  return self->db;
}

char *
kl_database_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "klijentela", "klijentela.db", NULL);
}

/**
 * kl_database_prepare:
 * @sql: a statement written by the program, never assembled from user
 *   text; it is prepared once and kept for the life of the database
 *
 * Returns: (transfer none): the prepared statement, reset, or %NULL.
 *   Release it with kl_cached_stmt_release(), best through g_autoptr.
 */
KlCachedStmt *
kl_database_prepare (KlDatabase  *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (KL_IS_DATABASE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt != NULL)
    return stmt;

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      kl_database_set_error (self, error);
      return NULL;
    }

  g_hash_table_insert (self->statements, g_strdup (sql), stmt);

  return stmt;
}

gboolean
kl_database_exec (KlDatabase  *self,
                  const char  *sql,
                  GError     **error)
{
  g_return_val_if_fail (KL_IS_DATABASE (self), FALSE);

  return exec_sql (self->db, sql, error);
}

/* Steps @stmt once, expecting it to finish (an INSERT, UPDATE, DELETE). */
gboolean
kl_database_step_done (KlDatabase    *self,
                       sqlite3_stmt  *stmt,
                       GError       **error)
{
  int rc;

  g_return_val_if_fail (KL_IS_DATABASE (self), FALSE);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      kl_database_set_error (self, error);
      return FALSE;
    }

  return TRUE;
}

/* Runs a one-value query written by the program (never user text). */
gint64
kl_database_query_int (KlDatabase  *self,
                       const char  *sql,
                       GError     **error)
{
  g_autoptr(KlCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (KL_IS_DATABASE (self), -1);

  stmt = kl_database_prepare (self, sql, error);
  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;

  kl_database_set_error (self, error);
  return -1;
}

/* Transactions nest: the outermost begins a write transaction, inner ones
 * are savepoints, so a failed inner step can be undone on its own. */
gboolean
kl_database_begin (KlDatabase  *self,
                   GError     **error)
{
  g_return_val_if_fail (KL_IS_DATABASE (self), FALSE);

  if (self->depth > 0 && self->bulk)
    {
      self->depth++;
      return TRUE;
    }

  if (!exec_sql (self->db, self->depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT kl", error))
    return FALSE;

  self->depth++;
  return TRUE;
}

/**
 * kl_database_begin_bulk:
 *
 * Begins an outermost write transaction for a large write that is all or
 * nothing (demo data). The transactions nested in it take no savepoints,
 * which makes each of them much cheaper (no page copies to the savepoint
 * journal), but a nested rollback can no longer undo just its own part: it
 * marks the whole transaction failed, and the outermost
 * kl_database_commit() then fails; the caller rolls back everything.
 */
gboolean
kl_database_begin_bulk (KlDatabase  *self,
                        GError     **error)
{
  g_return_val_if_fail (KL_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->depth == 0, FALSE);

  if (!kl_database_begin (self, error))
    return FALSE;

  self->bulk = TRUE;
  self->bulk_failed = FALSE;
  return TRUE;
}

gboolean
kl_database_commit (KlDatabase  *self,
                    GError     **error)
{
  g_return_val_if_fail (KL_IS_DATABASE (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->bulk && self->depth > 1)
    {
      self->depth--;
      return TRUE;
    }

  if (self->bulk && self->bulk_failed)
    {
      /* As when COMMIT fails: the caller rolls back. */
      g_set_error_literal (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_FAILED,
                           _("Part of the change failed, so none of it was saved."));
      return FALSE;
    }

  if (!exec_sql (self->db, self->depth == 1 ? "COMMIT" : "RELEASE kl", error))
    return FALSE;

  self->depth--;
  if (self->depth == 0)
    self->bulk = FALSE;
  return TRUE;
}

void
kl_database_rollback (KlDatabase *self)
{
  g_return_if_fail (KL_IS_DATABASE (self));
  g_return_if_fail (self->depth > 0);

  if (self->bulk && self->depth > 1)
    {
      self->bulk_failed = TRUE;
      self->depth--;
      return;
    }

  self->bulk = FALSE;
  if (self->depth == 1)
    exec_sql (self->db, "ROLLBACK", NULL);
  else
    exec_sql (self->db, "ROLLBACK TO kl; RELEASE kl", NULL);

  self->depth--;
}

G_LOCK_DEFINE_STATIC (now_cache);

char *
kl_database_now (void)
{
  /* Every write asks for the time, and a local GDateTime looks at the
   * time zone file each time it is made: keep the text for the second. */
  static gint64 cached_second = -1;
  static char cached[32];
  gint64 second = g_get_real_time () / G_USEC_PER_SEC;
  char *text;

  G_LOCK (now_cache);
  if (second != cached_second)
    {
      g_autoptr(GDateTime) now = g_date_time_new_from_unix_local (second);
      g_autofree char *formatted = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");

      g_strlcpy (cached, formatted, sizeof cached);
      cached_second = second;
    }
  text = g_strdup (cached);
  G_UNLOCK (now_cache);

  return text;
}

char *
kl_database_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/**
 * kl_database_erase_begin:
 *
 * Begins a transaction that erases personal data: `PRAGMA secure_delete`
 * is on until kl_database_erase_commit() or kl_database_erase_end(), so
 * the space the old values held is overwritten with zeros rather than
 * left in free pages.
 */
gboolean
kl_database_erase_begin (KlDatabase  *self,
                         GError     **error)
{
  g_return_val_if_fail (KL_IS_DATABASE (self), FALSE);

  if (self->secure_delete < 0)
    {
      self->secure_delete = (int) kl_database_query_int (self, "PRAGMA secure_delete", NULL);
      if (!exec_sql (self->db, "PRAGMA secure_delete = ON", error))
        {
          self->secure_delete = -1;
          return FALSE;
        }
    }

  if (!kl_database_begin (self, error))
    {
      kl_database_erase_end (self);
      return FALSE;
    }
  return TRUE;
}

/**
 * kl_database_erase_commit:
 *
 * Commits what kl_database_erase_begin() began; when that was the
 * outermost transaction, checkpoints the WAL and truncates it, so the old
 * page images that still held the erased values are gone from it too.
 * A checkpoint that other readers hold up is left to the next one.
 */
gboolean
kl_database_erase_commit (KlDatabase  *self,
                          GError     **error)
{
  g_return_val_if_fail (KL_IS_DATABASE (self), FALSE);

  if (!kl_database_commit (self, error))
    return FALSE;

  if (self->depth == 0)
    {
      int rc = sqlite3_wal_checkpoint_v2 (self->db, "main", SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);

      if (rc != SQLITE_OK)
        g_debug ("The WAL of %s was not truncated after an erasure: %s", self->path, sqlite3_errstr (rc));
    }
  kl_database_erase_end (self);
  return TRUE;
}

/* Puts `PRAGMA secure_delete` back as it was (after a rollback too). */
void
kl_database_erase_end (KlDatabase *self)
{
  g_autofree char *sql = NULL;

  g_return_if_fail (KL_IS_DATABASE (self));

  if (self->secure_delete < 0 || self->depth > 0)
    return;

  sql = g_strdup_printf ("PRAGMA secure_delete = %d", self->secure_delete);
  exec_sql (self->db, sql, NULL);
  self->secure_delete = -1;
}
