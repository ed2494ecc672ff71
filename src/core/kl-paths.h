/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *kl_paths_build_tree   (void);
char *kl_paths_locale_dir   (void);
char *kl_paths_schema_dir   (void);

G_END_DECLS
