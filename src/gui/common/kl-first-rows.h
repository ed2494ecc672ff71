/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * KlFirstRows: a list model showing the first rows of another (a limit
 * that may grow, or all), with the other's changes passed on as they are
 * (a GtkSliceListModel turns a change of one row into a change of every
 * row after it, and a GTK 4.8 list view then reads them all).
 *
 * GTK 4.8's list view makes a row for each of the first 200 items of its
 * model, whatever its height: give it a KlFirstRows of a screenful, and
 * show all once its first frame is painted, or raise the limit as it
 * scrolls (the pipeline board's columns).
 */

#define KL_TYPE_FIRST_ROWS (kl_first_rows_get_type ())
G_DECLARE_FINAL_TYPE (KlFirstRows, kl_first_rows, KL, FIRST_ROWS, GObject)

KlFirstRows *kl_first_rows_new      (GListModel  *model,
                                     guint        limit);
GListModel  *kl_first_rows_get_model (KlFirstRows *self);
void         kl_first_rows_show_all (KlFirstRows *self);
gboolean     kl_first_rows_get_all  (KlFirstRows *self);
void         kl_first_rows_set_limit (KlFirstRows *self,
                                      guint        limit);

G_END_DECLS
