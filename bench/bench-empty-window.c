/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <adwaita.h>
#include <stdio.h>

/* The floor of bench-startup: an empty AdwApplicationWindow in an
 * AdwApplication, built with the same options as klijentela, the same
 * size as its window, reporting its first frame the same way
 * (KLIJENTELA_FIRST_FRAME, see kl-application.c). */

static void
on_frame_clock_after_paint_cb (GdkFrameClock *clock,
                               gpointer       user_data)
{
  g_signal_handlers_disconnect_by_func (clock, on_frame_clock_after_paint_cb, user_data);
  g_print ("first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  fflush (stdout);
  if (g_strcmp0 (g_getenv ("KLIJENTELA_FIRST_FRAME"), "quit") == 0)
    gtk_window_close (GTK_WINDOW (user_data));
}

static void
on_window_realize_cb (GtkWidget *window,
                      gpointer   user_data)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_frame_clock_after_paint_cb), window, 0);
}

static void
on_activate_cb (GApplication *app,
                gpointer      user_data)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1360, 720);
  if (g_getenv ("KLIJENTELA_FIRST_FRAME") != NULL)
    g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new (APP_ID ".BenchEmptyWindow", G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
