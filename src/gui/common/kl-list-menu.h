/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Context menus on the rows of a list (GtkListBox, GtkListView,
 * GtkColumnView), and what list cells share. */

/* Called before the menu shows, with the row it is for (a GtkListBoxRow,
 * or the row of a list or column view, already selected): update the
 * actions' state. Return FALSE for no menu. */
typedef gboolean (*KlListMenuPrepareFunc) (gpointer   user_data,
                                           GtkWidget *row);

void  kl_list_menu_attach (GtkWidget             *owner,
                           GtkWidget             *list,
                           GMenuModel            *menu,
                           KlListMenuPrepareFunc  prepare,
                           gpointer               user_data);
void  kl_list_menu_popup  (GtkWidget             *list);

GtkWidget *kl_list_get_focus_row (GtkWidget *list);

char *kl_text_or_empty    (gpointer               this_object,
                           const char            *text);

G_END_DECLS
