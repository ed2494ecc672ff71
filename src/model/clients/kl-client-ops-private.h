/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-client-ops.h"

G_BEGIN_DECLS

/* What the files of the client operations (kl-segments.c,
 * kl-duplicates.c, kl-merge.c, kl-personal-data.c, kl-timeline.c)
 * share; kl-client-ops.c. */

gboolean    _kl_ops_write_audit_row (KlDatabase    *database,
                                     const char    *when,
                                     const char    *table,
                                     gint64         row_id,
                                     const char    *action,
                                     const char    *field,
                                     const char    *old_value,
                                     const char    *new_value,
                                     GError       **error);
gboolean    _kl_ops_exec_with_id    (KlDatabase    *database,
                                     const char    *sql,
                                     gint64         id,
                                     GError       **error);
gboolean    _kl_ops_fail            (KlDatabase    *database);
char       *_kl_ops_id_string       (gint64         id);
const char *_kl_ops_column_text     (sqlite3_stmt  *stmt,
                                     int            column);

/* kl-duplicates.c: the SQL functions kl_phone_key() and kl_name_tail(),
 * on the connection, once. */
gboolean    _kl_ops_ensure_sql_functions (KlDatabase  *database,
                                          GError     **error);

G_END_DECLS
