/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Values as the user's locale writes them (LC_NUMERIC, LC_TIME), for the
 * views. Files, SQL and CSV never use these. */

char     *kl_format_money          (gint64       minor_units,
                                    const char  *currency);
char     *kl_format_percent        (int          basis_points);
char     *kl_format_date           (const char  *iso);
char     *kl_format_datetime       (const char  *iso);
char     *kl_format_date_or_datetime (const char *iso);
gboolean  kl_parse_date            (const char  *text,
                                    char       **out_iso);

G_END_DECLS
