/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-document-output.h"

#include "kl-document-pdf.h"
#include "kl-entity.h"

typedef struct
{
  KlDocument      *document;
  AdwToastOverlay *toasts;     /* weak */
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->document, kl_document_free);
  g_clear_weak_pointer (&job->toasts);
  g_free (job);
}

static Job *
job_new (KlSession       *session,
         KlDocumentKind   kind,
         const char      *number,
         AdwToastOverlay *toasts)
{
  g_autoptr(GError) error = NULL;
  Job *job = g_new0 (Job, 1);

  g_set_weak_pointer (&job->toasts, toasts);
  job->document = kl_document_load (session, kind, number, &error);
  if (job->document == NULL)
    {
      if (toasts != NULL)
        {
          AdwToast *toast = adw_toast_new (error->message);

          adw_toast_set_timeout (toast, 0);
          adw_toast_overlay_add_toast (toasts, toast);
        }
      job_free (job);
      return NULL;
    }
  return job;
}

static void
tell (Job        *job,
      const char *message,
      gboolean    stays)
{
  AdwToast *toast;

  if (job->toasts == NULL)
    return;
  toast = adw_toast_new (message);
  if (stays)
    adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (job->toasts, toast);
}

/* Save as PDF */

static void
on_save_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  Job *job = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        tell (job, _("Choose a file on this computer."), TRUE);
      else if (!kl_document_write_pdf (job->document, path, &error))
        tell (job, error->message, TRUE);
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          /* Translators: %s is a file name */
          g_autofree char *message = g_strdup_printf (_("Saved “%s”"), name);

          tell (job, message, FALSE);
        }
    }
  job_free (job);
  g_object_unref (dialog);
}

/**
 * kl_document_save_pdf:
 * @number: the saved document's number
 *
 * Asks where to save the document as a PDF file and writes it there.
 */
void
kl_document_save_pdf (GtkWindow       *parent,
                      KlSession       *session,
                      KlDocumentKind   kind,
                      const char      *number,
                      AdwToastOverlay *toasts)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  Job *job;

  g_return_if_fail (KL_IS_SESSION (session));
  g_return_if_fail (number != NULL);

  job = job_new (session, kind, number, toasts);
  if (job == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Save as PDF"), parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* A file name keeps no slash of the number ("UG/2026/7"). */
  name = g_strdelimit (g_strconcat (kl_document_get_title (job->document), ".pdf", NULL), "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response_cb), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Print */

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   gpointer           user_data)
{
  Job *job = user_data;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  gtk_print_operation_set_n_pages (operation, kl_document_count_pages (job->document, cr));
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 gpointer           user_data)
{
  Job *job = user_data;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double scale = gtk_print_context_get_width (context) / KL_DOCUMENT_PAGE_WIDTH;

  /* The pages are drawn in points on A4; the context may be in another
   * unit or paper. */
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  kl_document_draw_page (job->document, cr, page + 1);
  cairo_restore (cr);
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  gpointer                 user_data)
{
  Job *job = user_data;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;

      gtk_print_operation_get_error (operation, &error);
      tell (job, error != NULL ? error->message : _("The document could not be printed."), TRUE);
    }
  job_free (job);
  g_object_unref (operation);
}

/**
 * kl_document_print:
 * @number: the saved document's number
 *
 * Opens the print dialog for the document, on A4.
 */
void
kl_document_print (GtkWindow       *parent,
                   KlSession       *session,
                   KlDocumentKind   kind,
                   const char      *number,
                   AdwToastOverlay *toasts)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GError) error = NULL;
  Job *job;

  g_return_if_fail (KL_IS_SESSION (session));
  g_return_if_fail (number != NULL);

  job = job_new (session, kind, number, toasts);
  if (job == NULL)
    return;

  operation = gtk_print_operation_new ();
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, kl_document_get_title (job->document));
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), job);
  g_signal_connect (operation, "done", G_CALLBACK (on_print_done_cb), job);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error)
      == GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    return;
  /* Finished at once (cancelled, or no async support): "done" has run. */
}

/* From a list */

/**
 * kl_document_output_selected:
 * @page: the section, whose window the dialogs belong to
 * @view: its list
 * @kind: what the list holds: offers or contracts
 * @print: print rather than save as PDF
 *
 * Saves as PDF or prints the document of the row selected in @view.
 */
void
kl_document_output_selected (GtkWidget       *page,
                             GtkColumnView   *view,
                             KlSession       *session,
                             KlDocumentKind   kind,
                             gboolean         print,
                             AdwToastOverlay *toasts)
{
  GtkSelectionModel *selection;
  GtkRoot *root;
  GtkWindow *parent;
  gpointer item = NULL;
  const char *number;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (KL_IS_SESSION (session));

  selection = gtk_column_view_get_model (view);
  if (GTK_IS_SINGLE_SELECTION (selection))
    item = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (selection));
  number = KL_IS_ENTITY (item) ? kl_entity_get_text (item, "number") : NULL;
  if (number == NULL)
    {
      if (toasts != NULL)
        adw_toast_overlay_add_toast (toasts,
                                     adw_toast_new (kind == KL_DOCUMENT_CONTRACT ? _("Select a contract first.")
                                                                                 : _("Select an offer first.")));
      return;
    }

  root = gtk_widget_get_root (page);
  parent = GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
  if (print)
    kl_document_print (parent, session, kind, number, toasts);
  else
    kl_document_save_pdf (parent, session, kind, number, toasts);
}
