/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-workbook.h"

G_BEGIN_DECLS

/*
 * "Export This List" of a list section (Clients, Deals, Contracts): the
 * file chooser, then the workbook of the list's one sheet written in a
 * worker thread (kl_workbook_task_run()) while this bar shows its progress
 * and a Cancel button; a toast offers to open the file when done.
 *
 * A section puts one at the bottom of its page, inside its toast overlay,
 * and gives it the sheet and a function that returns the list's ids in its
 * order (asked when the export starts, so that it is the list shown then).
 * The window's Ctrl+E activates the page's "page.export-list", which calls
 * kl_list_export_choose().
 */

#define KL_TYPE_LIST_EXPORT (kl_list_export_get_type ())
G_DECLARE_FINAL_TYPE (KlListExport, kl_list_export, KL, LIST_EXPORT, AdwBin)

/* The ids of the list shown, in its order; NULL with @error set. */
typedef GArray *(*KlListExportIds) (GtkWidget  *page,
                                    GError    **error);

void      kl_list_export_setup    (KlListExport     *self,
                                   KlWorkbookSheets  sheet,
                                   const char       *file_name,
                                   KlListExportIds   get_ids);
void      kl_list_export_choose   (KlListExport     *self);
void      kl_list_export_to       (KlListExport     *self,
                                   const char       *path);
void      kl_list_export_cancel   (KlListExport     *self);
gboolean  kl_list_export_is_busy  (KlListExport     *self);

G_END_DECLS
