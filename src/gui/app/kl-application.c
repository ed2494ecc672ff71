/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-application.h"

#include <stdio.h>

#include "kl-accessible.h"
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
};

G_DEFINE_FINAL_TYPE (KlApplication, kl_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_DATABASE_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

static const GActionEntry app_actions[] = {
  { "quit", quit_activated },
  { "about", about_activated },
};

static const struct {
  const char *action;
  const char *accels[2];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "win.show-help-overlay", { "<Control>question", NULL } },
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
  if (g_getenv ("KLIJENTELA_FIRST_FRAME") != NULL)
    g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), NULL);
  gtk_window_present (window);
}

static void
kl_application_startup (GApplication *app)
{
  KlApplication *self = KL_APPLICATION (app);

  G_APPLICATION_CLASS (kl_application_parent_class)->startup (app);

  kl_accessible_install_fixes ();

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
