/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KL_TYPE_APPLICATION (kl_application_get_type ())
G_DECLARE_FINAL_TYPE (KlApplication, kl_application, KL, APPLICATION, AdwApplication)

KlApplication *kl_application_new                (const char    *database_path);
const char    *kl_application_get_database_path  (KlApplication *self);
gboolean       kl_application_restore_backup     (KlApplication  *self,
                                                  const char     *backup_path,
                                                  GError        **error);

G_END_DECLS
