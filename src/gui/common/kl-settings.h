/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * KlSettingsOrigin:
 * @KL_SETTINGS_INSTALLED: the schema GSettings finds by itself
 * @KL_SETTINGS_BESIDE_BINARY: the schema the build tree or the install
 *   prefix holds beside the binary
 * @KL_SETTINGS_BUILT_IN: the copy built into the program; the settings
 *   are kept in memory only
 *
 * Where kl_settings_new() found the settings schema.
 */
typedef enum {
  KL_SETTINGS_INSTALLED,
  KL_SETTINGS_BESIDE_BINARY,
  KL_SETTINGS_BUILT_IN,
} KlSettingsOrigin;

GSettings        *kl_settings_new        (void);
KlSettingsOrigin  kl_settings_get_origin (void);

G_END_DECLS
