/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * Backups of a database file: online copies made with SQLite's backup API
 * (a consistent snapshot while the program runs), each checked with
 * `PRAGMA quick_check` before it is given its name.
 *
 * Automatic backups live beside the database, in a folder named after it
 * ("klijentela.db" → "klijentela-backups/"), one file per backup named
 * "klijentela-YYYYMMDD-HHMMSS-REASON.db". After each automatic backup the
 * folder keeps the newest backup of each of the last 7 days that have one,
 * and the newest of each of the 4 weeks before those; the rest are deleted.
 */

#define KL_BACKUP_ERROR (kl_backup_error_quark ())

typedef enum {
  KL_BACKUP_ERROR_FAILED,
  KL_BACKUP_ERROR_DAMAGED,
  KL_BACKUP_ERROR_NOT_KLIJENTELA,
  KL_BACKUP_ERROR_NEWER,
} KlBackupError;

GQuark kl_backup_error_quark (void);

typedef enum {
  KL_BACKUP_REASON_DAILY,
  KL_BACKUP_REASON_MIGRATION,
  KL_BACKUP_REASON_IMPORT,
} KlBackupReason;

/* Days kept, then weeks kept, by kl_backup_prune(). */
#define KL_BACKUP_KEEP_DAYS  7
#define KL_BACKUP_KEEP_WEEKS 4

typedef struct {
  char           *path;
  GDateTime      *time;       /* local time it was made */
  KlBackupReason  reason;
  gint64          size;       /* bytes */
  gint64          n_clients;  /* -1 when the file cannot be read */
  gboolean        ok;         /* a Klijentela database that passes quick_check */
} KlBackupInfo;

void          kl_backup_info_free     (KlBackupInfo   *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlBackupInfo, kl_backup_info_free)

gboolean      kl_backup_write         (const char     *database_path,
                                       const char     *out_path,
                                       GError        **error);
gboolean      kl_backup_check_file    (const char     *path,
                                       gint64         *out_n_clients,
                                       GError        **error);

char         *kl_backup_dir           (const char     *database_path);
char         *kl_backup_automatic     (const char     *database_path,
                                       KlBackupReason  reason,
                                       GDateTime      *now,
                                       GError        **error);
gboolean      kl_backup_daily_is_due  (const char     *database_path,
                                       GDateTime      *now);
char         *kl_backup_daily         (const char     *database_path,
                                       GDateTime      *now,
                                       GError        **error);
char         *kl_backup_daily_in_background (const char    *database_path,
                                             GDateTime     *now,
                                             GCancellable  *cancellable,
                                             GError       **error);
guint         kl_backup_prune         (const char     *database_path);
guint         kl_backup_clean         (const char     *database_path);

GPtrArray    *kl_backup_list          (const char     *database_path,
                                       gboolean        with_details);
KlBackupInfo *kl_backup_latest_good   (const char     *database_path);

gboolean      kl_backup_restore       (const char     *database_path,
                                       const char     *backup_path,
                                       char          **out_kept_aside,
                                       GError        **error);

G_END_DECLS
