/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The text of a list cell for @item (a row's object): newly allocated, or
 * %NULL for an empty cell. */
typedef char *(*KlCellTextFunc) (gpointer item);

/* A column's factory of GtkInscription cells (as the clients list has
 * them, see PLATFORM.md) filled by @func when a row is bound; numeric
 * cells take tabular figures. */
GtkListItemFactory *kl_cell_factory_new (KlCellTextFunc func,
                                         float          xalign,
                                         int            nat_chars,
                                         gboolean       numeric);

G_END_DECLS
