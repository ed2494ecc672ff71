/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-workbook-task.h"

/* The export of a workbook off the main thread: what the Reports section
 * and "Export This List" share. */

typedef struct {
  char                   *db_path;
  char                   *path;
  char                   *language;
  char                   *from;
  char                   *to;
  KlWorkbookOptions       options;
  GArray                 *ids;
  GMainContext           *context;
  GWeakRef                target;
  KlWorkbookTaskProgress  progress;
  double                  fraction;
  gboolean                progress_queued;
  GMutex                  lock;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->db_path);
  g_free (job->path);
  g_free (job->language);
  g_free (job->from);
  g_free (job->to);
  g_clear_pointer (&job->ids, g_array_unref);
  g_main_context_unref (job->context);
  g_weak_ref_clear (&job->target);
  g_mutex_clear (&job->lock);
  g_free (job);
}

/* In the caller's context: the latest share, once per main loop turn */
static gboolean
report_progress (gpointer data)
{
  GTask *task = data;
  Job *job = g_task_get_task_data (task);
  g_autoptr(GObject) target = g_weak_ref_get (&job->target);
  double fraction;

  g_mutex_lock (&job->lock);
  fraction = job->fraction;
  job->progress_queued = FALSE;
  g_mutex_unlock (&job->lock);

  if (target != NULL && job->progress != NULL)
    job->progress (target, fraction);

  return G_SOURCE_REMOVE;
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  GTask *task = user_data;
  Job *job = g_task_get_task_data (task);
  gboolean queue;

  g_mutex_lock (&job->lock);
  job->fraction = fraction;
  queue = !job->progress_queued;
  job->progress_queued = TRUE;
  g_mutex_unlock (&job->lock);

  if (queue)
    g_main_context_invoke_full (job->context, G_PRIORITY_DEFAULT, report_progress,
                                g_object_ref (task), g_object_unref);
}

static void
export_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDatabase) database = kl_database_open (job->db_path, &error);

  if (database == NULL ||
      !kl_workbook_export (database, &job->options, job->path, cancellable, on_progress, task, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
kl_workbook_task_run (KlSession               *session,
                      const KlWorkbookOptions *options,
                      const char              *path,
                      GCancellable            *cancellable,
                      GObject                 *target,
                      KlWorkbookTaskProgress   progress,
                      GAsyncReadyCallback      callback,
                      gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (KL_IS_SESSION (session));
  g_return_if_fail (options != NULL);
  g_return_if_fail (path != NULL);

  job = g_new0 (Job, 1);
  g_mutex_init (&job->lock);
  job->db_path = g_strdup (kl_database_get_path (kl_session_get_database (session)));
  job->path = g_strdup (path);
  job->options = *options;
  job->options.language = job->language = g_strdup (options->language);
  job->options.scope.from = job->from = g_strdup (options->scope.from);
  job->options.scope.to = job->to = g_strdup (options->scope.to);
  job->options.scope.today = NULL;
  job->options.stats = NULL;
  if (options->ids != NULL)
    {
      job->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), options->n_ids);
      g_array_append_vals (job->ids, options->ids, options->n_ids);
      job->options.ids = (const gint64 *) job->ids->data;
    }
  job->context = g_main_context_ref_thread_default ();
  g_weak_ref_init (&job->target, target);
  job->progress = progress;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kl_workbook_task_run);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, export_thread);
}

gboolean
kl_workbook_task_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_open_clicked_cb (AdwToast *toast,
                    gpointer  user_data)
{
  GtkWidget *parent = g_object_get_data (G_OBJECT (toast), "kl-parent");
  const char *path = g_object_get_data (G_OBJECT (toast), "kl-path");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static AdwToast *
saved_toast (GtkWidget  *parent,
             const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_filename_display_name (base);
  g_autofree char *escaped = g_markup_escape_text (name, -1);
  /* Translators: %s is the name of the file written */
  g_autofree char *title = g_strdup_printf (_("Saved “%s”"), escaped);
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_timeout (toast, 10);
  g_object_set_data_full (G_OBJECT (toast), "kl-path", g_strdup (path), g_free);
  g_object_set_data (G_OBJECT (toast), "kl-parent", parent);
  g_signal_connect (toast, "button-clicked", G_CALLBACK (on_open_clicked_cb), NULL);

  return toast;
}

/**
 * kl_workbook_task_toast:
 * @parent: the widget whose window opens the file
 * @result: the result handed to kl_workbook_task_run()'s callback
 * @path: the file written
 *
 * Returns: (transfer full) (nullable): the toast to show, or %NULL when
 * the export was cancelled
 */
AdwToast *
kl_workbook_task_toast (GtkWidget    *parent,
                        GAsyncResult *result,
                        const char   *path)
{
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (kl_workbook_task_finish (result, &error))
    return saved_toast (parent, path);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;

  toast = adw_toast_new (error->message);
  adw_toast_set_timeout (toast, 0);
  return toast;
}

static void
on_choose_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       gpointer         user_data)
{
  g_autoptr(GtkWidget) widget = user_data;
  KlWorkbookChosen chosen = (KlWorkbookChosen) g_object_get_data (G_OBJECT (dialog), "kl-chosen");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *lower = path != NULL ? g_ascii_strdown (path, -1) : NULL;

      if (path != NULL && g_str_has_suffix (lower, ".xlsx"))
        chosen (widget, path);
      else if (path != NULL)
        {
          g_autofree char *with_ending = g_strconcat (path, ".xlsx", NULL);

          chosen (widget, with_ending);
        }
    }
  g_object_unref (dialog);
}

/**
 * kl_workbook_task_choose:
 * @widget: whose window the chooser is modal to; held until it answers
 * @title: the chooser's title
 * @name_format: the file name offered, its "%s" today's date
 * @chosen: called with the path chosen
 */
void
kl_workbook_task_choose (GtkWidget        *widget,
                         const char       *title,
                         const char       *name_format,
                         KlWorkbookChosen  chosen)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *today = kl_database_today ();
  g_autoptr(GString) name = g_string_new (name_format);
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (chosen != NULL);

  root = gtk_widget_get_root (widget);
  dialog = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, _("Excel workbook"));
  gtk_file_filter_add_suffix (filter, "xlsx");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_string_replace (name, "%s", today, 1);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name->str);
  g_object_set_data (G_OBJECT (dialog), "kl-chosen", chosen);
  g_signal_connect (dialog, "response", G_CALLBACK (on_choose_response_cb), g_object_ref (widget));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
