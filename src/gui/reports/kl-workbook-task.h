/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-session.h"
#include "kl-workbook.h"

G_BEGIN_DECLS

/* Called in the thread that started the export, with the share done. */
typedef void (*KlWorkbookTaskProgress) (GObject *target,
                                        double   fraction);

/* Writes the workbook in a worker thread, on a connection of its own to
 * the session's database; @options is copied. @progress is called on
 * @target (held weakly) in the calling thread's main context. */
void      kl_workbook_task_run    (KlSession               *session,
                                   const KlWorkbookOptions *options,
                                   const char              *path,
                                   GCancellable            *cancellable,
                                   GObject                 *target,
                                   KlWorkbookTaskProgress   progress,
                                   GAsyncReadyCallback      callback,
                                   gpointer                 user_data);
gboolean  kl_workbook_task_finish (GAsyncResult            *result,
                                   GError                 **error);

/* Finishes the export and gives the toast that says how it went: "Saved …"
 * with an Open button, or the error (kept until dismissed); NULL when the
 * export was cancelled. */
AdwToast *kl_workbook_task_toast  (GtkWidget               *parent,
                                   GAsyncResult            *result,
                                   const char              *path);

/* Asks where to save a workbook (a file chooser over @widget's window,
 * offering @name_format with today's date for its "%s", e.g. "deals
 * %s.xlsx") and calls @chosen with the path, ".xlsx" added when missing;
 * nothing when the chooser is cancelled. */
typedef void (*KlWorkbookChosen) (GtkWidget  *widget,
                                  const char *path);

void      kl_workbook_task_choose (GtkWidget               *widget,
                                   const char              *title,
                                   const char              *name_format,
                                   KlWorkbookChosen         chosen);

G_END_DECLS
