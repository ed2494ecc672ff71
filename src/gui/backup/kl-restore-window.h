/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KL_TYPE_RESTORE_WINDOW (kl_restore_window_get_type ())
G_DECLARE_FINAL_TYPE (KlRestoreWindow, kl_restore_window, KL, RESTORE_WINDOW, AdwWindow)

KlRestoreWindow *kl_restore_window_new               (GtkWindow       *parent,
                                                      const char      *database_path);
const char      *kl_restore_window_get_database_path (KlRestoreWindow *self);
guint            kl_restore_window_get_n_backups     (KlRestoreWindow *self);
void             kl_restore_window_choose            (KlRestoreWindow *self,
                                                      guint            index);

G_END_DECLS
