/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kl-test-gui.h"

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
