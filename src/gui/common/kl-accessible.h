/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void kl_accessible_install_fixes   (void);
void kl_accessible_name_by_label   (GtkWidget     *widget);
void kl_column_view_set_label      (GtkColumnView *view,
                                    const char    *label);

G_END_DECLS
