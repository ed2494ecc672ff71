/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-application.h"

#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>

#include "kl-accessible.h"
#include "kl-backup.h"
#include "kl-format.h"
#include "kl-restore-window.h"
#include "kl-session.h"
#include "kl-window.h"

/* The application: one instance, one database. It opens the session when
 * first activated and hands it to the window; a database that cannot be
 * opened gets a message in the user's language and a clean exit. */
struct _KlApplication
{
  AdwApplication  parent_instance;

  char           *database_path;
  KlSession      *session;
  guint           sigterm_source;

  /* today's backup, behind the window */
  GThread        *backup_thread;
  GCancellable   *backup_cancellable;
};

G_DEFINE_FINAL_TYPE (KlApplication, kl_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void open_window (KlApplication *self,
                         const char    *notice);
static void stop_daily_backup (KlApplication *self);

/* Closes every window and the database; FALSE (nothing closed for good)
 * when something still holds the database after a moment. */
static gboolean
close_database (KlApplication  *self,
                GError        **error)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  KlDatabase *database = NULL;

  /* Destroying one may destroy others (its dialogs): hold them all. */
  g_list_foreach (windows, (GFunc) (void (*) (void)) g_object_ref, NULL);

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (l->data);
  g_list_free_full (windows, g_object_unref);

  if (self->session == NULL)
    return TRUE;

  database = kl_session_get_database (self->session);
  g_object_add_weak_pointer (G_OBJECT (database), (gpointer *) &database);
  g_clear_object (&self->session);
  /* Lists and background work let go of it as their idles run. */
  for (guint i = 0; database != NULL && i < 500; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (database != NULL)
        g_usleep (10 * 1000);
    }

  if (database != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (database), (gpointer *) &database);
      g_set_error_literal (error, KL_BACKUP_ERROR, KL_BACKUP_ERROR_FAILED,
                           _("The database is still in use, so the backup was not restored. Try again in a moment."));
      return FALSE;
    }

  return TRUE;
}

/**
 * kl_application_restore_backup:
 *
 * Closes the windows and the database, replaces it with @backup_path
 * (kl_backup_restore(): the current file is kept aside) and opens a window
 * on the result, which says what happened.
 */
gboolean
kl_application_restore_backup (KlApplication  *self,
                               const char     *backup_path,
                               GError        **error)
{
  g_autofree char *aside = NULL;
  g_autofree char *notice = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (KL_IS_APPLICATION (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  g_application_hold (G_APPLICATION (self));
  stop_daily_backup (self);
  ok = close_database (self, &local_error) &&
       kl_backup_restore (self->database_path, backup_path, &aside, &local_error);

  if (ok && aside != NULL)
    {
      g_autofree char *name = g_filename_display_name (aside);

      notice = g_strdup_printf (_("The backup was restored. The database as it was before is kept as “%s”."), name);
    }
  else if (ok)
    notice = g_strdup (_("The backup was restored."));
  else
    notice = g_strdup (local_error->message);

  open_window (self, notice);
  g_application_release (G_APPLICATION (self));

  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return ok;
}

static void
on_damaged_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        KlApplication    *self)
{
  const char *backup = g_object_get_data (G_OBJECT (dialog), "backup-path");

  if (g_strcmp0 (response, "restore") == 0 && backup != NULL)
    kl_application_restore_backup (self, backup, NULL);
}

static void
show_open_error (KlApplication *self,
                 const GError  *error)
{
  AdwMessageDialog *dialog;

  g_assert (KL_IS_APPLICATION (self));
  g_assert (error != NULL);

  /* The message names the file and says what is wrong with it. */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (NULL,
                                                       _("Could Not Open the Database"),
                                                       error->message));
  adw_message_dialog_add_response (dialog, "quit", _("_Quit"));
  adw_message_dialog_set_default_response (dialog, "quit");
  adw_message_dialog_set_close_response (dialog, "quit");

  /* A damaged file: offer the newest backup that is whole. */
  if (g_error_matches (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_CORRUPT))
    {
      g_autoptr(KlBackupInfo) latest = kl_backup_latest_good (self->database_path);

      if (latest != NULL)
        {
          g_autofree char *when = g_date_time_format (latest->time, "%Y-%m-%dT%H:%M:%S");
          g_autofree char *shown = kl_format_datetime (when);
          g_autofree char *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                "%1$s\n\nThe newest whole backup is from %2$s and holds %3$u client. Restore it? The damaged file is kept beside it under a new name.",
                                                                "%1$s\n\nThe newest whole backup is from %2$s and holds %3$u clients. Restore it? The damaged file is kept beside it under a new name.",
                                                                (gulong) latest->n_clients),
                                                   error->message, shown, (guint) latest->n_clients);

          adw_message_dialog_set_heading (dialog, _("The Database Is Damaged"));
          adw_message_dialog_set_body (dialog, body);
          adw_message_dialog_add_response (dialog, "restore", _("_Restore the Backup"));
          adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
          adw_message_dialog_set_default_response (dialog, "restore");
          g_object_set_data_full (G_OBJECT (dialog), "backup-path", g_strdup (latest->path), g_free);
          g_signal_connect_object (dialog, "response", G_CALLBACK (on_damaged_response_cb), self, 0);
        }
    }
  /* With no other window, the application ends when the dialog goes. */
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);

  adw_show_about_window (parent,
                         "application-name", "Klijentela",
                         "application-icon", APP_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", "Klijentela developers",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "comments", _("Keep your clients and your sales funnel in order"),
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
show_backups_activated (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  KlApplication *self = KL_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  KlRestoreWindow *window = kl_restore_window_new (parent, self->database_path);

  gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (window));
}

static void
restore_backup_activated (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  kl_application_restore_backup (KL_APPLICATION (user_data), g_variant_get_string (parameter, NULL), NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
  { "show-backups", show_backups_activated },
  { "restore-backup", restore_backup_activated, "s" },
};

/* Today's backup: on a thread of its own at the lowest priority, started
 * once the window has painted its first frame, so it never delays it
 * (kl_backup_daily_in_background()). A failure is said on the window.
 * KLIJENTELA_NO_DAILY_BACKUP=1 leaves it out (benches, tests that time
 * the window). */
typedef struct {
  GWeakRef      app;
  char         *database_path;
  GCancellable *cancellable;
} DailyBackup;

static void
daily_backup_free (DailyBackup *job)
{
  g_weak_ref_clear (&job->app);
  g_free (job->database_path);
  g_object_unref (job->cancellable);
  g_free (job);
}

static gboolean
on_daily_backup_done_cb (gpointer user_data)
{
  DailyBackup *job = user_data;
  g_autoptr(KlApplication) self = g_weak_ref_get (&job->app);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  /* stopped meanwhile (quit, a restore): stop_daily_backup() joined it */
  if (self == NULL || self->backup_cancellable != job->cancellable)
    return G_SOURCE_REMOVE;

  error = g_thread_join (g_steal_pointer (&self->backup_thread));
  g_clear_object (&self->backup_cancellable);
  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return G_SOURCE_REMOVE;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (KL_IS_WINDOW (window))
    {
      /* Translators: %s says why. */
      g_autofree char *notice = g_strdup_printf (_("Today’s backup could not be made: %s"), error->message);

      kl_window_show_notice (KL_WINDOW (window), notice);
    }
  return G_SOURCE_REMOVE;
}

/* The thread: returns its GError, or NULL. */
static gpointer
daily_backup_thread (gpointer data)
{
  DailyBackup *job = data;
  GError *error = NULL;

  g_free (kl_backup_daily_in_background (job->database_path, NULL, job->cancellable, &error));
  g_idle_add_full (G_PRIORITY_LOW, on_daily_backup_done_cb, job, (GDestroyNotify) daily_backup_free);
  return error;
}

static void
start_daily_backup (KlApplication *self)
{
  DailyBackup *job;

  if (self->backup_thread != NULL || self->session == NULL ||
      kl_database_is_read_only (kl_session_get_database (self->session)))
    return;

  self->backup_cancellable = g_cancellable_new ();
  job = g_new0 (DailyBackup, 1);
  g_weak_ref_init (&job->app, self);
  job->database_path = g_strdup (self->database_path);
  job->cancellable = g_object_ref (self->backup_cancellable);
  self->backup_thread = g_thread_new ("kl-daily-backup", daily_backup_thread, job);
}

/* Stops today's backup if it is being made (the unfinished copy goes) and
 * waits for its thread. */
static void
stop_daily_backup (KlApplication *self)
{
  g_autoptr(GError) error = NULL;

  if (self->backup_thread == NULL)
    return;
  g_cancellable_cancel (self->backup_cancellable);
  error = g_thread_join (g_steal_pointer (&self->backup_thread));
  g_clear_object (&self->backup_cancellable);
}

static void
on_backup_after_paint_cb (GdkFrameClock *clock,
                          gpointer       user_data)
{
  KlApplication *self = KL_APPLICATION (user_data);

  g_signal_handlers_disconnect_by_func (clock, on_backup_after_paint_cb, user_data);
  start_daily_backup (self);
}

static void
on_backup_window_realize_cb (GtkWidget     *window,
                             KlApplication *self)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_backup_after_paint_cb), self, 0);
}

static const struct {
  const char *action;
  const char *accels[2];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
  { "win.preferences", { "<Control>comma", NULL } },
};

/* KLIJENTELA_FIRST_FRAME=1 prints "first-frame MICROSECONDS" (the
 * monotonic clock, the same for every process) on standard output when the
 * main window has painted its first frame; =quit quits then too. For the
 * start-up bench (bench/bench-startup) and the start-up tests. */
static void
on_frame_clock_after_paint_cb (GdkFrameClock *clock,
                               gpointer       user_data)
{
  GtkWidget *window = GTK_WIDGET (user_data);

  g_signal_handlers_disconnect_by_func (clock, on_frame_clock_after_paint_cb, user_data);
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  if (g_strcmp0 (g_getenv ("KLIJENTELA_FIRST_FRAME"), "quit") == 0)
    gtk_window_close (GTK_WINDOW (window));
}

static void
on_window_realize_cb (GtkWidget *window,
                      gpointer   user_data)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_frame_clock_after_paint_cb), window, 0);
}

/* Opens the database when it is not open yet (and starts today's backup),
 * then a window on it, showing @notice. */
static void
open_window (KlApplication *self,
             const char    *notice)
{
  GtkWindow *window;

  if (self->session == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->session = kl_session_open (self->database_path, &error);
      if (self->session == NULL)
        {
          g_debug ("Could not open %s: %s", self->database_path, error->message);
          show_open_error (self, error);
          return;
        }

    }

  window = GTK_WINDOW (kl_window_new (self, self->session));
  if (self->backup_thread == NULL && g_getenv ("KLIJENTELA_NO_DAILY_BACKUP") == NULL)
    g_signal_connect_object (window, "realize", G_CALLBACK (on_backup_window_realize_cb), self, 0);
  if (g_getenv ("KLIJENTELA_FIRST_FRAME") != NULL)
    g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), NULL);
  if (notice != NULL)
    kl_window_show_notice (KL_WINDOW (window), notice);
  gtk_window_present (window);
}

/* SIGTERM (a session that ends, `kill`): every window goes, then the
 * session once the lists have let go of it in their idles
 * (close_database() waits for them), so the database is closed and its
 * WAL checkpointed. Quitting at once left the WAL, and the next start
 * read every page of the file to check it (kl-database.c,
 * needs_quick_check(): 20 s for 100 000 clients). */
static gboolean
on_sigterm_cb (gpointer user_data)
{
  KlApplication *self = KL_APPLICATION (user_data);

  stop_daily_backup (self);
  /* Still held after a few seconds: the program ends all the same. */
  close_database (self, NULL);
  g_application_quit (G_APPLICATION (self));
  return G_SOURCE_CONTINUE;
}

static void
kl_application_activate (GApplication *app)
{
  KlApplication *self = KL_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  open_window (self, NULL);
}

static void
kl_application_startup (GApplication *app)
{
  KlApplication *self = KL_APPLICATION (app);

  G_APPLICATION_CLASS (kl_application_parent_class)->startup (app);

  kl_accessible_install_fixes ();
  self->sigterm_source = g_unix_signal_add (SIGTERM, on_sigterm_cb, self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), app_accels[i].action,
                                           app_accels[i].accels);
}

static void
kl_application_shutdown (GApplication *app)
{
  KlApplication *self = KL_APPLICATION (app);

  g_clear_handle_id (&self->sigterm_source, g_source_remove);
  stop_daily_backup (self);

  G_APPLICATION_CLASS (kl_application_parent_class)->shutdown (app);

  g_clear_object (&self->session);
}

static void
kl_application_constructed (GObject *object)
{
  KlApplication *self = KL_APPLICATION (object);

  G_OBJECT_CLASS (kl_application_parent_class)->constructed (object);

  if (self->database_path == NULL)
    self->database_path = kl_database_default_path ();
}

static void
kl_application_dispose (GObject *object)
{
  KlApplication *self = KL_APPLICATION (object);

  stop_daily_backup (self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (kl_application_parent_class)->dispose (object);
}

static void
kl_application_finalize (GObject *object)
{
  KlApplication *self = KL_APPLICATION (object);

  g_free (self->database_path);

  G_OBJECT_CLASS (kl_application_parent_class)->finalize (object);
}

static void
kl_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KlApplication *self = KL_APPLICATION (object);

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
kl_application_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KlApplication *self = KL_APPLICATION (object);

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
kl_application_class_init (KlApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->constructed = kl_application_constructed;
  object_class->dispose = kl_application_dispose;
  object_class->finalize = kl_application_finalize;
  object_class->get_property = kl_application_get_property;
  object_class->set_property = kl_application_set_property;

  app_class->activate = kl_application_activate;
  app_class->startup = kl_application_startup;
  app_class->shutdown = kl_application_shutdown;

  /**
   * KlApplication:database-path:
   *
   * The database file the window works on; NULL for the default one.
   */
  properties[PROP_DATABASE_PATH] =
    g_param_spec_string ("database-path", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kl_application_init (KlApplication *self)
{
}

KlApplication *
kl_application_new (const char *database_path)
{
  return g_object_new (KL_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", RESOURCE_PREFIX,
                       "database-path", database_path,
                       NULL);
}

const char *
kl_application_get_database_path (KlApplication *self)
{
  g_return_val_if_fail (KL_IS_APPLICATION (self), NULL);

  return self->database_path;
}
