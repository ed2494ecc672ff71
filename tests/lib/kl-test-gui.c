/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kl-test-gui.h"

#include <gdk/x11/gdkx.h>

/* Destroys every window the test left open, then lets them go. */
void
kl_test_destroy_toplevels (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *window;

  while ((window = g_list_model_get_item (toplevels, 0)) != NULL)
    {
      gtk_window_destroy (window);
      g_object_unref (window);
    }
  kl_test_iterate ();
}

/* The template child @name of @widget (of the class @type), asserting it
 * exists. */
gpointer
kl_test_template_child (gpointer    widget,
                        GType       type,
                        const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);

  return object;
}

/* Real key presses, as a person types them: @keys (xdotool's names,
 * "ctrl+shift+Right Menu") through XTest into @window, which first gets
 * the X input focus unless it has it (Xvfb has no window manager to give
 * it). Needs the X11
 * backend and xdotool; returns once they have been handled. */
void
kl_test_press_keys (GtkWindow  *window,
                    const char *keys)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = NULL;
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  xid = g_strdup_printf ("%lu", (unsigned long)gdk_x11_surface_get_xid (surface));
  /* Focusing the window again would close a popover open in it. */
  if (gtk_window_is_active (window))
    command = g_strdup_printf ("xdotool key --delay 60 %s", keys);
  else
    command = g_strdup_printf ("xdotool windowfocus --sync %s key --delay 60 %s", xid, keys);
  kl_test_iterate ();
  g_spawn_command_line_sync (command, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* The keys arrive through the X connection: let GTK read them. */
  kl_test_wait_ms (300);
  kl_test_iterate ();
}

typedef gboolean (*Match) (GtkWidget  *widget,
                          const char *text);

/* The first of @widget and its descendants that @match accepts, or NULL. */
static GtkWidget *
find_widget (GtkWidget  *widget,
             Match       match,
             const char *text)
{
  if (match (widget, text))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
label_shows (GtkWidget  *widget,
             const char *text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
button_labelled (GtkWidget  *widget,
                 const char *label)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* The descendant of @widget (itself included) that is a GtkLabel showing
 * @text, or NULL: what the user reads, wherever it is (a toast, a row). */
GtkWidget *
kl_test_find_label (gpointer    widget,
                    const char *text)
{
  return find_widget (widget, label_shows, text);
}

/* The descendant of @widget that is a GtkButton labelled @label (as
 * written, with its mnemonic underscore), or NULL. */
GtkWidget *
kl_test_find_button (gpointer    widget,
                     const char *label)
{
  return find_widget (widget, button_labelled, label);
}
