/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/*
 * Files written under a temporary name beside their target and renamed
 * over it when complete (a backup's "….part", a workbook's
 * ".NAME.klijentela-XXXXXX"), and their removal when a killed process left
 * one behind.
 *
 * The writer holds an flock() on the file for as long as it writes it; the
 * kernel drops the lock when the process dies, however it dies. A clean
 * removes only files of the user's that nobody holds a lock on. Creating
 * and locking happen under a shared lock on the folder and a clean under
 * an exclusive one, so a clean never takes a file that was just created
 * and is about to be locked.
 */

int      kl_part_file_create      (char        *path,
                                   gboolean     is_template);
int      kl_part_file_create_beside (const char *path,
                                   char       **out_part);
gboolean kl_part_file_commit      (int          fd,
                                   const char  *part,
                                   const char  *path);
void     kl_part_file_close       (int          fd);
gboolean kl_part_file_remove_stale (const char *path);
guint    kl_part_file_clean       (const char  *dir,
                                   const char  *prefix,
                                   const char  *suffix,
                                   guint        n_random);

G_END_DECLS
