/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kl-test-gui.h"

#include <adwaita.h>
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

static void
on_drag_done_cb (GPid     pid,
                 int      status,
                 gpointer user_data)
{
  *(int *)user_data = status;
  g_spawn_close_pid (pid);
}

/* The point at the centre of @widget, in its window's X surface. */
static void
surface_point (GtkWidget *widget,
               int       *x,
               int       *y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t point;
  double dx, dy;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (gtk_widget_get_width (widget) / 2.0f,
                                                                 gtk_widget_get_height (widget) / 2.0f),
                                           &point));
  gtk_native_get_surface_transform (native, &dx, &dy);
  *x = (int)(point.x + dx);
  *y = (int)(point.y + dy);
}

/* A real drag with the mouse, as a person makes it: the pointer pressed
 * on the centre of @from, moved in steps to the centre of @to and
 * released there, through XTest (xdotool), while the main loop runs so
 * the drag's X protocol between source and target goes on. Both widgets
 * in one window; returns once the release has been handled. */
void
kl_test_drag (GtkWidget *from,
              GtkWidget *to)
{
  GdkSurface *surface = gtk_native_get_surface (gtk_widget_get_native (from));
  unsigned long xid;
  int x0, y0, x1, y1, status = -1;
  g_autoptr(GString) command = g_string_new (NULL);
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_assert_true (GDK_IS_X11_SURFACE (surface));
  g_assert_true (gtk_widget_get_native (to) == gtk_widget_get_native (from));
  xid = (unsigned long)gdk_x11_surface_get_xid (surface);
  surface_point (from, &x0, &y0);
  surface_point (to, &x1, &y1);

  g_string_printf (command, "xdotool mousemove --sync --window %lu %d %d sleep 0.2 mousedown 1 sleep 0.2",
                   xid, x0, y0);
  /* Past GTK's drag threshold in small steps, then on to the target. */
  for (int i = 1; i <= 10; i++)
    g_string_append_printf (command, " mousemove --window %lu %d %d sleep 0.05", xid,
                            x0 + (x1 - x0) * i / 10, y0 + (y1 - y0) * i / 10);
  g_string_append (command, " sleep 0.3 mouseup 1");

  kl_test_iterate ();
  g_assert_true (g_shell_parse_argv (command->str, NULL, &argv, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_async (NULL, argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  g_child_watch_add (pid, on_drag_done_cb, &status);
  while (status == -1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* The release and the drop arrive through the X connection. */
  kl_test_wait_ms (500);
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

static void
check_rows (GtkWidget *widget,
            guint     *n_rows)
{
  if (ADW_IS_ACTION_ROW (widget) && adw_action_row_get_activatable_widget (ADW_ACTION_ROW (widget)) != NULL)
    {
      GtkWidget *activatable = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (widget));

      if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (activatable), GTK_ACCESSIBLE_PROPERTY_LABEL))
        g_error ("The %s of the row “%s” has a label of its own: a screen reader reads its name twice",
                 G_OBJECT_TYPE_NAME (activatable), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
      (*n_rows)++;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_rows (child, n_rows);
}

/* In GTK 4.8 an AdwActionRow names its activatable widget (a switch, a
 * spin button) by its title, through labelled-by; a label property on the
 * widget as well reads the name twice over AT-SPI ("Renews automatically
 * Renews automatically"). Fails on such a widget under @widget.
 *
 * Returns: how many such rows it checked */
guint
kl_test_assert_rows_name_once (gpointer widget)
{
  guint n_rows = 0;

  check_rows (widget, &n_rows);
  return n_rows;
}

/* The newest toplevel of @type, or NULL: a dialog the test opened (a file
 * chooser, an editor). */
gpointer
kl_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  gpointer found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        found = window;
    }

  return found;
}

/* The same, waiting up to three seconds for it to open. */
gpointer
kl_test_wait_toplevel (GType type)
{
  gpointer window = NULL;

  for (int i = 0; i < 60 && (window = kl_test_find_toplevel (type)) == NULL; i++)
    kl_test_wait_ms (50);
  return window;
}
