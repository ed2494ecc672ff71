/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-session.h"

G_BEGIN_DECLS

/* What the tests share: temporary folders and databases, the main loop.
 * Compiled once into a small static library (tests/meson.build). */

char      *kl_test_make_dir      (const char  *name);
void       kl_test_remove_dir    (const char  *dir);
KlSession *kl_test_open_session  (const char  *name,
                                  char       **dir,
                                  char       **path);
void       kl_test_close_session (KlSession  **session,
                                  char       **dir,
                                  char       **path);
gint64     kl_test_query_int     (KlSession   *session,
                                  const char  *sql);
char      *kl_test_day           (int          offset);
gint64     kl_test_insert        (KlSession   *session,
                                  KlEntity    *entity);
void       kl_test_iterate       (void);
void       kl_test_wait_ms       (guint        ms);

gboolean   kl_test_private_mounts   (void);
gboolean   kl_test_mount_small_disk (const char  *dir,
                                     guint        kib);
void       kl_test_unmount          (const char  *dir);
char      *kl_test_fill_disk        (const char  *dir,
                                     guint        leave_kib);

G_END_DECLS
