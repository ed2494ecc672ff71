/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-restore-window.h"

#include "kl-backup.h"

/* The automatic backups of the database, newest first: when each was made
 * and why, its size and how many clients it holds. Restoring one asks
 * first, then hands the work to the application (action
 * "app.restore-backup"), which closes the database, restores and opens it
 * again. The backups are read (checked, counted) in a thread. */
struct _KlRestoreWindow
{
  AdwWindow     parent_instance;

  char         *database_path;
  GPtrArray    *backups;       /* KlBackupInfo */
  GCancellable *cancellable;

  /* Template children */
  GtkStack     *stack;
  GtkLabel     *folder_label;
  GtkListBox   *list;
};

G_DEFINE_FINAL_TYPE (KlRestoreWindow, kl_restore_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static const char *
reason_label (KlBackupReason reason)
{
  switch (reason)
    {
    case KL_BACKUP_REASON_MIGRATION:
      return _("Before an update of the database");
    case KL_BACKUP_REASON_IMPORT:
      return _("Before an import");
    case KL_BACKUP_REASON_DAILY:
    default:
      return _("Daily");
    }
}

static char *
format_time (GDateTime *time)
{
  /* Translators: the date and time of a backup, see strftime(3). */
  return g_date_time_format (time, _("%x, %H:%M"));
}

static gboolean
activate_restore (gpointer data)
{
  GApplication *app = data;
  const char *path = g_object_get_data (G_OBJECT (app), "kl-restore-path");

  if (path != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (app), "restore-backup", g_variant_new_string (path));
  g_object_set_data (G_OBJECT (app), "kl-restore-path", NULL);
  return G_SOURCE_REMOVE;
}

static void
restore_confirmed_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      KlRestoreWindow  *self)
{
  const char *path = g_object_get_data (G_OBJECT (dialog), "backup-path");

  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (g_strcmp0 (response, "restore") != 0)
    return;

  /* The application closes every window, this one too, once the dialog
   * has finished answering. */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  if (app == NULL)
    return;
  g_object_set_data_full (G_OBJECT (app), "kl-restore-path", g_strdup (path), g_free);
  g_idle_add_full (G_PRIORITY_DEFAULT, activate_restore, g_object_ref (app), g_object_unref);
}

static void
ask_restore (KlRestoreWindow *self,
             KlBackupInfo    *info)
{
  g_autofree char *when = format_time (info->time);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The database will hold what it held on %2$s: %1$u client. Changes made since then will not be in it. The current database is kept beside it under a new name, not overwritten.",
                                       "The database will hold what it held on %2$s: %1$u clients. Changes made since then will not be in it. The current database is kept beside it under a new name, not overwritten.",
                                       (gulong) info->n_clients),
                          (guint) info->n_clients, when);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Backup?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "backup-path", g_strdup (info->path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_confirmed_cb), self, 0);
  gtk_window_set_application (GTK_WINDOW (dialog), gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_restore_button_clicked_cb (GtkButton       *button,
                              KlRestoreWindow *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  kl_restore_window_choose (self, index);
}

static GtkWidget *
create_row (KlRestoreWindow *self,
            guint            index)
{
  KlBackupInfo *info = g_ptr_array_index (self->backups, index);
  g_autofree char *when = format_time (info->time);
  g_autofree char *size = g_format_size (info->size);
  g_autofree char *clients = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  if (info->ok)
    {
      clients = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u client", "%u clients", (gulong) info->n_clients),
                                 (guint) info->n_clients);
      /* Translators: why the backup was made, its size, its clients. */
      subtitle = g_strdup_printf (_("%1$s · %2$s · %3$s"), reason_label (info->reason), size, clients);
    }
  else
    /* Translators: why the backup was made, its size. */
    subtitle = g_strdup_printf (_("%1$s · %2$s · damaged, cannot be restored"), reason_label (info->reason), size);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), when);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* The visible text is presentation only: the button's name says which
   * backup (a label child would be read twice, see PLATFORM.md). */
  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button),
                        g_object_new (GTK_TYPE_LABEL,
                                      "label", _("Restore…"),
                                      "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                      NULL));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, info->ok);
  /* Translators: the accessible name of a row's button: the backup's date. */
  {
    g_autofree char *name = g_strdup_printf (_("Restore the backup of %s"), when);

    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  }
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_restore_button_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
list_backups (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_task_return_pointer (task, kl_backup_list (task_data, TRUE), (GDestroyNotify) g_ptr_array_unref);
}

static void
on_backups_listed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  KlRestoreWindow *self;
  g_autoptr(GPtrArray) backups = g_task_propagate_pointer (G_TASK (result), NULL);

  if (g_task_had_error (G_TASK (result)) || backups == NULL ||
      g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    return;

  self = KL_RESTORE_WINDOW (object);
  g_clear_pointer (&self->backups, g_ptr_array_unref);
  self->backups = g_steal_pointer (&backups);
  for (guint i = 0; i < self->backups->len; i++)
    gtk_list_box_append (self->list, create_row (self, i));
  gtk_stack_set_visible_child_name (self->stack, self->backups->len > 0 ? "list" : "empty");
}

/* Overrides */

static void
kl_restore_window_constructed (GObject *object)
{
  KlRestoreWindow *self = KL_RESTORE_WINDOW (object);
  g_autoptr(GTask) task = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *folder = NULL;

  G_OBJECT_CLASS (kl_restore_window_parent_class)->constructed (object);

  g_assert (self->database_path != NULL);
  dir = kl_backup_dir (self->database_path);
  folder = g_filename_display_name (dir);
  {
    /* Translators: %s is a folder. */
    g_autofree char *text = g_strdup_printf (_("Backups in %s"), folder);

    gtk_label_set_text (self->folder_label, text);
  }

  task = g_task_new (self, self->cancellable, on_backups_listed_cb, NULL);
  g_task_set_source_tag (task, kl_restore_window_constructed);
  g_task_set_task_data (task, g_strdup (self->database_path), g_free);
  g_task_run_in_thread (task, list_backups);
}

static void
kl_restore_window_dispose (GObject *object)
{
  KlRestoreWindow *self = KL_RESTORE_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_RESTORE_WINDOW);

  G_OBJECT_CLASS (kl_restore_window_parent_class)->dispose (object);
}

static void
kl_restore_window_finalize (GObject *object)
{
  KlRestoreWindow *self = KL_RESTORE_WINDOW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->backups, g_ptr_array_unref);
  g_free (self->database_path);

  G_OBJECT_CLASS (kl_restore_window_parent_class)->finalize (object);
}

static void
kl_restore_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KlRestoreWindow *self = KL_RESTORE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_value_set_string (value, self->database_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_restore_window_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KlRestoreWindow *self = KL_RESTORE_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DATABASE_PATH:
      g_free (self->database_path);
      self->database_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_restore_window_class_init (KlRestoreWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kl_restore_window_constructed;
  object_class->dispose = kl_restore_window_dispose;
  object_class->finalize = kl_restore_window_finalize;
  object_class->get_property = kl_restore_window_get_property;
  object_class->set_property = kl_restore_window_set_property;

  /**
   * KlRestoreWindow:database-path:
   *
   * The database whose backups are listed.
   */
  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/backup/kl-restore-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KlRestoreWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KlRestoreWindow, folder_label);
  gtk_widget_class_bind_template_child (widget_class, KlRestoreWindow, list);

  /* Closed from the keyboard like the other dialogs. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kl_restore_window_init (KlRestoreWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->backups = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_backup_info_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* Public API */

KlRestoreWindow *
kl_restore_window_new (GtkWindow  *parent,
                       const char *database_path)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (database_path != NULL, NULL);

  return g_object_new (KL_TYPE_RESTORE_WINDOW,
                       "transient-for", parent,
                       "database-path", database_path,
                       NULL);
}

const char *
kl_restore_window_get_database_path (KlRestoreWindow *self)
{
  g_return_val_if_fail (KL_IS_RESTORE_WINDOW (self), NULL);

  return self->database_path;
}

/* The backups listed so far (0 until they have been read). */
guint
kl_restore_window_get_n_backups (KlRestoreWindow *self)
{
  g_return_val_if_fail (KL_IS_RESTORE_WINDOW (self), 0);

  return self->backups->len;
}

/* As clicking the row's Restore button: asks for confirmation. */
void
kl_restore_window_choose (KlRestoreWindow *self,
                          guint            index)
{
  KlBackupInfo *info;

  g_return_if_fail (KL_IS_RESTORE_WINDOW (self));
  g_return_if_fail (index < self->backups->len);

  info = g_ptr_array_index (self->backups, index);
  if (info->ok)
    ask_restore (self, info);
}
