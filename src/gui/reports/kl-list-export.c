/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-list-export.h"

#include "kl-page.h"
#include "kl-workbook-task.h"

/* A bar under the list, shown while its export runs: what is being done,
 * the progress and Cancel; hidden otherwise. See kl-list-export.h. */

struct _KlListExport
{
  AdwBin            parent_instance;

  KlWorkbookSheets  sheet;
  char             *file_name;
  KlListExportIds   get_ids;
  GCancellable     *cancellable;   /* while exporting */

  GtkProgressBar   *progress_bar;
};

G_DEFINE_FINAL_TYPE (KlListExport, kl_list_export, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_busy (KlListExport *self,
          GCancellable *cancellable)
{
  gboolean busy = cancellable != NULL;
  GtkWidget *page = gtk_widget_get_ancestor (GTK_WIDGET (self), KL_TYPE_PAGE);

  g_set_object (&self->cancellable, cancellable);
  /* One export of a list at a time: its button and Ctrl+E wait. */
  if (page != NULL)
    gtk_widget_action_set_enabled (page, "page.export-list", !busy);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_widget_set_visible (GTK_WIDGET (self), busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list-export.cancel", busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
on_progress (GObject *target,
             double   fraction)
{
  KlListExport *self = KL_LIST_EXPORT (target);

  if (self->cancellable != NULL)
    gtk_progress_bar_set_fraction (self->progress_bar, fraction);
}

static void
show_toast (KlListExport *self,
            AdwToast     *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

typedef struct {
  KlListExport *self;
  char         *path;
} Done;

static void
on_export_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Done *done = user_data;
  g_autoptr(KlListExport) self = done->self;
  g_autofree char *path = done->path;
  AdwToast *toast;

  g_free (done);
  set_busy (self, NULL);
  toast = kl_workbook_task_toast (GTK_WIDGET (self), result, path);
  if (toast != NULL)
    show_toast (self, toast);
}

/**
 * kl_list_export_to:
 * @path: the workbook to write
 *
 * Writes the list the page shows now — its search, filters and order, all
 * its rows — to @path in a worker thread; a toast says when it is done.
 */
void
kl_list_export_to (KlListExport *self,
                   const char   *path)
{
  GtkWidget *page;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  KlWorkbookOptions options = { .list = self->sheet };
  Done *done;

  g_return_if_fail (KL_IS_LIST_EXPORT (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (self->get_ids != NULL);

  if (self->cancellable != NULL)
    return;
  page = gtk_widget_get_ancestor (GTK_WIDGET (self), KL_TYPE_PAGE);
  g_return_if_fail (page != NULL && kl_page_get_session (KL_PAGE (page)) != NULL);

  ids = self->get_ids (page, &error);
  if (ids == NULL)
    {
      show_toast (self, adw_toast_new (error->message));
      return;
    }
  options.ids = (const gint64 *) ids->data;
  options.n_ids = ids->len;

  cancellable = g_cancellable_new ();
  set_busy (self, cancellable);
  done = g_new0 (Done, 1);
  done->self = g_object_ref (self);
  done->path = g_strdup (path);
  kl_workbook_task_run (kl_page_get_session (KL_PAGE (page)), &options, path, cancellable,
                        G_OBJECT (self), on_progress, on_export_done_cb, done);
}

static void
on_chosen (GtkWidget  *widget,
           const char *path)
{
  kl_list_export_to (KL_LIST_EXPORT (widget), path);
}

/**
 * kl_list_export_choose:
 *
 * Asks where to save the list, then exports it; nothing while an export
 * runs.
 */
void
kl_list_export_choose (KlListExport *self)
{
  g_return_if_fail (KL_IS_LIST_EXPORT (self));
  g_return_if_fail (self->file_name != NULL);

  if (self->cancellable != NULL)
    return;
  kl_workbook_task_choose (GTK_WIDGET (self), _("Export This List"), self->file_name, on_chosen);
}

void
kl_list_export_cancel (KlListExport *self)
{
  g_return_if_fail (KL_IS_LIST_EXPORT (self));

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
kl_list_export_is_busy (KlListExport *self)
{
  g_return_val_if_fail (KL_IS_LIST_EXPORT (self), FALSE);

  return self->cancellable != NULL;
}

/**
 * kl_list_export_setup:
 * @sheet: KL_WORKBOOK_CLIENTS, KL_WORKBOOK_PIPELINE or KL_WORKBOOK_CONTRACTS
 * @file_name: the file name offered, translated, its "%s" today's date
 * @get_ids: gives the list's ids when an export starts
 */
void
kl_list_export_setup (KlListExport     *self,
                      KlWorkbookSheets  sheet,
                      const char       *file_name,
                      KlListExportIds   get_ids)
{
  g_return_if_fail (KL_IS_LIST_EXPORT (self));
  g_return_if_fail (sheet == KL_WORKBOOK_CLIENTS || sheet == KL_WORKBOOK_PIPELINE ||
                    sheet == KL_WORKBOOK_CONTRACTS);
  g_return_if_fail (file_name != NULL && get_ids != NULL);

  self->sheet = sheet;
  g_free (self->file_name);
  self->file_name = g_strdup (file_name);
  self->get_ids = get_ids;
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  kl_list_export_cancel (KL_LIST_EXPORT (widget));
}

static void
kl_list_export_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KlListExport *self = KL_LIST_EXPORT (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_list_export_dispose (GObject *object)
{
  KlListExport *self = KL_LIST_EXPORT (object);

  /* The thread finishes on its own; the file stays as it was. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (kl_list_export_parent_class)->dispose (object);
}

static void
kl_list_export_finalize (GObject *object)
{
  KlListExport *self = KL_LIST_EXPORT (object);

  g_clear_object (&self->cancellable);
  g_free (self->file_name);

  G_OBJECT_CLASS (kl_list_export_parent_class)->finalize (object);
}

static void
kl_list_export_class_init (KlListExportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = kl_list_export_get_property;
  object_class->dispose = kl_list_export_dispose;
  object_class->finalize = kl_list_export_finalize;

  /**
   * KlListExport:busy:
   *
   * Whether an export runs (the section's export button is insensitive
   * meanwhile).
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "list-export.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "list-export.cancel", NULL);
}

static void
kl_list_export_init (KlListExport *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_("Exporting the list…"));
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->progress_bar), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->progress_bar), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export progress"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "list-export.cancel");

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress_bar));
  gtk_box_append (GTK_BOX (box), cancel);
  gtk_widget_add_css_class (box, "toolbar");
  adw_bin_set_child (ADW_BIN (self), box);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list-export.cancel", FALSE);
}
