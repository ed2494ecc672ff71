/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* How long a statement waits for another connection's write lock. */
#define KL_DATABASE_BUSY_TIMEOUT_MS 5000

#define KL_DATABASE_ERROR (kl_database_error_quark ())

typedef enum {
  KL_DATABASE_ERROR_OPEN,
  KL_DATABASE_ERROR_NEWER_SCHEMA,
  KL_DATABASE_ERROR_BUSY,
  KL_DATABASE_ERROR_READ_ONLY,
  KL_DATABASE_ERROR_CORRUPT,
  KL_DATABASE_ERROR_CONSTRAINT,
  KL_DATABASE_ERROR_NOT_FOUND,
  KL_DATABASE_ERROR_FAILED,
  KL_DATABASE_ERROR_NOT_KLIJENTELA,  /* another program's file, SQLite or not */
  KL_DATABASE_ERROR_FULL,            /* the disk is full */
} KlDatabaseError;

/* PRAGMA application_id of the files Klijentela makes: "Klij". Files made
 * before it was set have 0. */
#define KL_DATABASE_APPLICATION_ID 0x4B6C696A

GQuark kl_database_error_quark (void);

/* A statement from the database's cache: releasing it resets it and clears
 * its bindings, so it is ready for the next user. */
typedef sqlite3_stmt KlCachedStmt;
void kl_cached_stmt_release (KlCachedStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlCachedStmt, kl_cached_stmt_release)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

#define KL_TYPE_DATABASE (kl_database_get_type ())
G_DECLARE_FINAL_TYPE (KlDatabase, kl_database, KL, DATABASE, GObject)

KlDatabase   *kl_database_open             (const char  *path,
                                            GError     **error);
KlDatabase   *kl_database_open_read_only   (const char  *path,
                                            GError     **error);
KlDatabase   *kl_database_open_at_version  (const char  *path,
                                            int          version,
                                            GError     **error);
const char   *kl_database_get_path         (KlDatabase  *self);
sqlite3      *kl_database_get_handle       (KlDatabase  *self);
int           kl_database_get_version      (KlDatabase  *self);
gboolean      kl_database_is_read_only     (KlDatabase  *self);
int           kl_database_latest_version   (void);
char         *kl_database_default_path     (void);

KlCachedStmt *kl_database_prepare          (KlDatabase  *self,
                                            const char  *sql,
                                            GError     **error);
gboolean      kl_database_exec             (KlDatabase  *self,
                                            const char  *sql,
                                            GError     **error);
gboolean      kl_database_step_done        (KlDatabase  *self,
                                            sqlite3_stmt *stmt,
                                            GError     **error);
gint64        kl_database_query_int        (KlDatabase  *self,
                                            const char  *sql,
                                            GError     **error);

gboolean      kl_database_begin            (KlDatabase  *self,
                                            GError     **error);
gboolean      kl_database_begin_bulk       (KlDatabase  *self,
                                            GError     **error);
gboolean      kl_database_commit           (KlDatabase  *self,
                                            GError     **error);
void          kl_database_rollback         (KlDatabase  *self);

gboolean      kl_database_erase_begin      (KlDatabase  *self,
                                            GError     **error);
gboolean      kl_database_erase_commit     (KlDatabase  *self,
                                            GError     **error);
void          kl_database_erase_end        (KlDatabase  *self);

void          kl_database_set_error        (KlDatabase  *self,
                                            GError     **error);

char         *kl_database_now              (void);
char         *kl_database_today            (void);

G_END_DECLS
