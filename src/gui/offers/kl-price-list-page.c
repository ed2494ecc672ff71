/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-price-list-page.h"

#include "kl-entities.h"
#include "kl-format.h"
#include "kl-offer-math.h"
#include "kl-import-wizard.h"
#include "kl-product-editor.h"
#include "kl-product-list.h"
#include "kl-query-view.h"

/* The Price list section: the products with their prices and quantity
 * tiers, searched in SQL (KlQueryList), edited in a KlProductEditor and
 * imported from CSV through the import wizard the clients use
 * (KlImportWizard, KL_IMPORT_KIND_PRODUCTS). */

struct _KlPriceListPage
{
  KlPage                parent_instance;

  KlQueryList          *list;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkSearchEntry       *search_entry;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *code_column;
  GtkColumnViewColumn  *name_column;
  GtkColumnViewColumn  *unit_column;
  GtkColumnViewColumn  *price_column;
  GtkColumnViewColumn  *vat_column;
  GtkColumnViewColumn  *tiers_column;
};

G_DEFINE_FINAL_TYPE (KlPriceListPage, kl_price_list_page, KL_TYPE_PAGE)

/* Cells */

static char *
code_text (KlEntity *item)
{
  return g_strdup (kl_entity_get_text (item, "code"));
}

static char *
name_text (KlEntity *item)
{
  return g_strdup (kl_entity_get_text (item, "name"));
}

static char *
unit_text (KlEntity *item)
{
  return g_strdup (kl_entity_get_text (item, "unit"));
}

static char *
price_text (KlEntity *item)
{
  return kl_format_money (kl_entity_get_number (item, "price"), kl_entity_get_text (item, "currency"));
}

static char *
vat_text (KlEntity *item)
{
  return kl_format_percent (kl_entity_get_number (item, "vat_rate_bp"));
}

/* "from 10: −5 %, from 50: −10 %" */
static char *
tiers_text (KlEntity *item)
{
  g_autoptr(GArray) tiers = kl_product_tiers_parse (kl_entity_get_text (item, "tiers"));
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < tiers->len; i++)
    {
      KlPriceTierStep *step = &g_array_index (tiers, KlPriceTierStep, i);
      g_autofree char *percent = kl_format_percent (-step->discount_bp);
      g_autofree char *quantity = g_strdup_printf ("%" G_GINT64_FORMAT, step->min_quantity);

      if (i > 0)
        g_string_append (text, ", ");
      /* Translators: a quantity tier of a product: "from 10: −5 %" */
      g_string_append_printf (text, _("from %1$s: %2$s"), quantity, percent);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Helpers */

static void
open_editor (KlPriceListPage *self,
             KlProduct       *product)
{
  KlSession *session = kl_page_get_session (KL_PAGE (self));
  KlProductEditor *editor = kl_product_editor_new (session, product);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

/* The import wizard of the products, on @file when one is given. */
static void
open_import_wizard (KlPriceListPage *self,
                    GFile           *file)
{
  KlImportWizard *wizard = kl_import_wizard_new_for_kind (kl_page_get_session (KL_PAGE (self)),
                                                          KL_IMPORT_KIND_PRODUCTS);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (wizard), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (wizard));
  if (file != NULL)
    kl_import_wizard_set_file (wizard, file);
}

/* Callbacks */

static void
on_column_view_activate_cb (KlPriceListPage *self,
                            guint            position)
{
  g_autoptr(KlProduct) product = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (product != NULL)
    open_editor (self, product);
}

/* Actions */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (KL_PRICE_LIST_PAGE (widget), NULL);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_import_wizard (KL_PRICE_LIST_PAGE (widget), NULL);
}

/* Overrides */

static void
kl_price_list_page_session_set (KlPage    *page,
                                KlSession *session)
{
  KlPriceListPage *self = KL_PRICE_LIST_PAGE (page);

  self->list = kl_product_list_new (session);

  kl_query_view_add_sort (self->column_view, self->code_column, "code");
  kl_query_view_add_sort (self->column_view, self->name_column, "name");
  kl_query_view_add_sort (self->column_view, self->unit_column, "unit");
  kl_query_view_add_sort (self->column_view, self->price_column, "price");
  kl_query_view_add_sort (self->column_view, self->vat_column, "vat");
  kl_query_view_attach (self->column_view, self->list);
  kl_query_view_bind_search (GTK_EDITABLE (self->search_entry), self->list, "search");
}

static void
kl_price_list_page_dispose (GObject *object)
{
  KlPriceListPage *self = KL_PRICE_LIST_PAGE (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_PRICE_LIST_PAGE);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (kl_price_list_page_parent_class)->dispose (object);
}

static void
kl_price_list_page_class_init (KlPriceListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlPageClass *page_class = KL_PAGE_CLASS (klass);

  object_class->dispose = kl_price_list_page_dispose;
  page_class->session_set = kl_price_list_page_session_set;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/offers/kl-price-list-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KlPriceListPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlPriceListPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KlPriceListPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, KlPriceListPage, code_column);
  gtk_widget_class_bind_template_child (widget_class, KlPriceListPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, KlPriceListPage, unit_column);
  gtk_widget_class_bind_template_child (widget_class, KlPriceListPage, price_column);
  gtk_widget_class_bind_template_child (widget_class, KlPriceListPage, vat_column);
  gtk_widget_class_bind_template_child (widget_class, KlPriceListPage, tiers_column);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);

  /* Ctrl+N is the window's "win.new", which asks the page shown. */
  gtk_widget_class_install_action (widget_class, "page.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "price-list.import", NULL, import_action);
}

static void
kl_price_list_page_init (KlPriceListPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kl_query_view_set_cell (self->code_column, code_text, 0.0f, 10);
  kl_query_view_set_cell (self->name_column, name_text, 0.0f, 30);
  kl_query_view_set_cell (self->unit_column, unit_text, 0.0f, 5);
  kl_query_view_set_cell (self->price_column, price_text, 1.0f, 14);
  kl_query_view_set_cell (self->vat_column, vat_text, 1.0f, 6);
  kl_query_view_set_cell (self->tiers_column, tiers_text, 0.0f, 30);
}

/* Public API */

KlQueryList *
kl_price_list_page_get_list (KlPriceListPage *self)
{
  g_return_val_if_fail (KL_IS_PRICE_LIST_PAGE (self), NULL);

  return self->list;
}

/**
 * kl_price_list_page_import_file:
 * @file: a CSV file
 *
 * Opens the import wizard of the price list on @file, at its step of the
 * encoding, the separator, the columns and the preview.
 */
void
kl_price_list_page_import_file (KlPriceListPage *self,
                                GFile           *file)
{
  g_return_if_fail (KL_IS_PRICE_LIST_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  open_import_wizard (self, file);
}
