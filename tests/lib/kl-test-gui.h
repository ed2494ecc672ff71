/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kl-test.h"

G_BEGIN_DECLS

/* What the GUI tests share on top of kl-test.h. */

void     kl_test_destroy_toplevels (void);
gpointer kl_test_template_child    (gpointer    widget,
                                    GType       type,
                                    const char *name);
void     kl_test_press_keys        (GtkWindow  *window,
                                    const char *keys);
void     kl_test_drag              (GtkWidget  *from,
                                    GtkWidget  *to);
GtkWidget *kl_test_find_label      (gpointer    widget,
                                    const char *text);
GtkWidget *kl_test_find_button     (gpointer    widget,
                                    const char *label);
guint    kl_test_assert_rows_name_once (gpointer widget);
gpointer kl_test_find_toplevel     (GType       type);
gpointer kl_test_wait_toplevel     (GType       type);

G_END_DECLS
