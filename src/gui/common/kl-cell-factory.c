/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include "kl-cell-factory.h"

typedef struct {
  KlCellTextFunc func;
  float          xalign;
  int            nat_chars;
  gboolean       numeric;
} CellSpec;

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             CellSpec                 *spec)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), spec->xalign);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), spec->nat_chars);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (spec->numeric)
    gtk_widget_add_css_class (cell, "numeric");
  gtk_list_item_set_child (item, cell);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            CellSpec                 *spec)
{
  g_autofree char *text = spec->func (gtk_list_item_get_item (item));

  /* Never NULL: accessibility clients read every cell's text. */
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text != NULL ? text : "");
}

/**
 * kl_cell_factory_new:
 * @func: gives a cell's text
 * @xalign: 0 for text, 1 for amounts
 * @nat_chars: the column's natural width in characters
 * @numeric: figures of one width
 *
 * Returns: (transfer full): the factory
 */
GtkListItemFactory *
kl_cell_factory_new (KlCellTextFunc func,
                     float          xalign,
                     int            nat_chars,
                     gboolean       numeric)
{
  GtkListItemFactory *factory;
  CellSpec *spec;

  g_return_val_if_fail (func != NULL, NULL);

  spec = g_new0 (CellSpec, 1);
  spec->func = func;
  spec->xalign = xalign;
  spec->nat_chars = nat_chars;
  spec->numeric = numeric;

  factory = gtk_signal_list_item_factory_new ();
  g_object_set_data_full (G_OBJECT (factory), "kl-cell-spec", spec, g_free);
  g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), spec);
  g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), spec);
  return factory;
}
