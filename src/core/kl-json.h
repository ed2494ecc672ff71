/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void kl_json_append_string (GString    *out,
                            const char *text);
void kl_json_append_key    (GString    *out,
                            const char *indent,
                            const char *key,
                            gboolean    first);

G_END_DECLS
