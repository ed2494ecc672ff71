/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kl-database.h"
#include "kl-report-data.h"

G_BEGIN_DECLS

/* The director's workbook (XLSX): typed cells, per-currency number
 * formats, charts, print setup, in the language asked for whatever the
 * locale of the process. */

typedef enum {
  KL_WORKBOOK_SUMMARY     = 1 << 0,
  KL_WORKBOOK_CLIENTS     = 1 << 1,
  KL_WORKBOOK_PIPELINE    = 1 << 2,
  KL_WORKBOOK_FORECAST    = 1 << 3,
  KL_WORKBOOK_CONTRACTS   = 1 << 4,
  KL_WORKBOOK_RECEIVABLES = 1 << 5,
  KL_WORKBOOK_COMPLAINTS  = 1 << 6,
  KL_WORKBOOK_ACTIVITIES  = 1 << 7,
  KL_WORKBOOK_ALL         = 0xff,
} KlWorkbookSheets;

#define KL_WORKBOOK_ERROR (kl_workbook_error_quark ())

typedef enum {
  KL_WORKBOOK_ERROR_LANGUAGE,   /* no such language */
  KL_WORKBOOK_ERROR_WRITE,      /* the file could not be written */
} KlWorkbookError;

GQuark kl_workbook_error_quark (void);

/* What a workbook holds, for benchmarks. */
typedef struct {
  guint64 text_cells;
  guint64 text_bytes;
  guint64 number_cells;    /* numbers and dates */
  guint64 formula_cells;
  guint64 rows;
} KlWorkbookStats;

typedef struct {
  const char        *language;      /* "en", "hr", "ru"; NULL: the interface's */
  KlReportScope      scope;
  KlWorkbookSheets   sheets;        /* 0: every sheet (only the list's with @list) */
  /* A list as the window shows it: when set (KL_WORKBOOK_CLIENTS,
   * _PIPELINE or _CONTRACTS), that sheet holds exactly the rows of these
   * ids in this order, whatever the scope's period and manager. */
  KlWorkbookSheets   list;
  const gint64      *ids;
  guint              n_ids;
  KlWorkbookStats   *stats;             /* out, or NULL */
} KlWorkbookOptions;

/* Called from the thread that exports, with the share done (0 to 1). */
typedef void (*KlWorkbookProgress) (double   fraction,
                                    gpointer user_data);

/* Writes the workbook to a temporary file beside @path and renames it to
 * @path when complete: an error or a cancellation leaves @path as it was.
 * Reads the database in one transaction (every sheet sees the same data);
 * @database must have none open. */
gboolean kl_workbook_export (KlDatabase               *database,
                             const KlWorkbookOptions  *options,
                             const char               *path,
                             GCancellable             *cancellable,
                             KlWorkbookProgress        progress,
                             gpointer                  user_data,
                             GError                  **error);

G_END_DECLS
