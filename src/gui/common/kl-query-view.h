/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kl-query-list.h"

G_BEGIN_DECLS

/*
 * Binds the widgets of a list section to a KlQueryList, so that a section
 * only names its columns and filters:
 *
 *   kl_query_view_add_sort (view, title_column, "title");   (each column)
 *   kl_query_view_attach (view, list);    header clicks → SQL sort
 *   kl_query_view_bind_search (entry, list, "search");
 *   kl_query_view_bind_choice (stage_dropdown, list, "stage",
 *                              _("All stages"), kl_deal_stages, NULL);
 *
 * The column view's own sorter never sorts: a header click only chooses
 * the list's SQL sort (GTK 4.8 cannot say which column is the primary
 * one, so each column's sorter records itself when asked; see the .c).
 */

void        kl_query_view_add_sort     (GtkColumnView       *view,
                                        GtkColumnViewColumn *column,
                                        const char          *sort);
void        kl_query_view_attach       (GtkColumnView       *view,
                                        KlQueryList         *list);
void        kl_query_view_bind_search  (GtkEditable         *entry,
                                        KlQueryList         *list,
                                        const char          *filter);
void        kl_query_view_bind_choice  (GtkDropDown         *dropdown,
                                        KlQueryList         *list,
                                        const char          *filter,
                                        const char          *all_label,
                                        const char * const  *choices,
                                        const char * const  *labels);
const char *kl_query_view_get_choice   (GtkDropDown         *dropdown);

/* The text of one cell of @item, newly allocated; NULL shows nothing. */
typedef char *(*KlQueryCellFunc) (KlEntity *item);

void        kl_query_view_set_cell     (GtkColumnViewColumn *column,
                                        KlQueryCellFunc      func,
                                        float                xalign,
                                        int                  nat_chars);

G_END_DECLS
