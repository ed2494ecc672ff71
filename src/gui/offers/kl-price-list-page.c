/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-price-list-page.h"

#include "kl-cell-factory.h"
#include "kl-entities.h"
#include "kl-format.h"
#include "kl-offer-math.h"
#include "kl-price-list-import.h"
#include "kl-product-editor.h"
#include "kl-product-list.h"
#include "kl-query-view.h"

/* The Price list section: the products with their prices and quantity
 * tiers, searched in SQL (KlQueryList), edited in a KlProductEditor and
 * imported from CSV. */

struct _KlPriceListPage
{
  KlPage                parent_instance;

  KlQueryList          *list;
  GtkFileChooserNative *chooser;

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
code_text (gpointer item)
{
  return g_strdup (kl_entity_get_text (item, "code"));
}

static char *
name_text (gpointer item)
{
  return g_strdup (kl_entity_get_text (item, "name"));
}

static char *
unit_text (gpointer item)
{
  return g_strdup (kl_entity_get_text (item, "unit"));
}

static char *
price_text (gpointer item)
{
  return kl_format_money (kl_entity_get_number (item, "price"), kl_entity_get_text (item, "currency"));
}

static char *
vat_text (gpointer item)
{
  return kl_format_percent (kl_entity_get_number (item, "vat_rate_bp"));
}

/* "from 10: −5 %, from 50: −10 %" */
static char *
tiers_text (gpointer item)
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

static void
show_rejections (KlPriceListPage *self,
                 GPtrArray       *rejections)
{
  g_autoptr(GString) body = g_string_new (NULL);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  for (guint i = 0; i < rejections->len && i < 20; i++)
    {
      KlImportRejection *r = rejections->pdata[i];

      /* Translators: a rejected line of an imported file: "Line 4: Code: A value is required." */
      g_string_append_printf (body, _("Line %1$u: %2$s"), r->line, r->reason);
      g_string_append_c (body, '\n');
    }
  if (rejections->len > 20)
    g_string_append (body, "…");

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   g_dngettext (GETTEXT_PACKAGE, "A Line Was Not Imported",
                                                "Lines Were Not Imported", rejections->len),
                                   body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
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

static void
on_chooser_response_cb (KlPriceListPage      *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL)
    kl_price_list_page_import_file (self, file);
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
  KlPriceListPage *self = KL_PRICE_LIST_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Import the Price List"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_OPEN,
                                               _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_pattern (filter, "*.CSV");
  gtk_file_filter_add_pattern (filter, "*.txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Overrides */

static void
kl_price_list_page_session_set (KlPage    *page,
                                KlSession *session)
{
  KlPriceListPage *self = KL_PRICE_LIST_PAGE (page);
  g_autoptr(GtkSelectionModel) selection = NULL;

  self->list = kl_product_list_new (session);
  selection = GTK_SELECTION_MODEL (gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->list))));
  gtk_column_view_set_model (self->column_view, selection);

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

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
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

  gtk_widget_class_install_action (widget_class, "price-list.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "price-list.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "price-list.new", NULL);
}

static void
kl_price_list_page_init (KlPriceListPage *self)
{
  g_autoptr(GtkListItemFactory) code = kl_cell_factory_new (code_text, 0.0f, 10, FALSE);
  g_autoptr(GtkListItemFactory) name = kl_cell_factory_new (name_text, 0.0f, 30, FALSE);
  g_autoptr(GtkListItemFactory) unit = kl_cell_factory_new (unit_text, 0.0f, 5, FALSE);
  g_autoptr(GtkListItemFactory) price = kl_cell_factory_new (price_text, 1.0f, 14, TRUE);
  g_autoptr(GtkListItemFactory) vat = kl_cell_factory_new (vat_text, 1.0f, 6, TRUE);
  g_autoptr(GtkListItemFactory) tiers = kl_cell_factory_new (tiers_text, 0.0f, 30, FALSE);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_column_view_column_set_factory (self->code_column, code);
  gtk_column_view_column_set_factory (self->name_column, name);
  gtk_column_view_column_set_factory (self->unit_column, unit);
  gtk_column_view_column_set_factory (self->price_column, price);
  gtk_column_view_column_set_factory (self->vat_column, vat);
  gtk_column_view_column_set_factory (self->tiers_column, tiers);
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
 * Imports the price list from @file and says in a toast what came of it;
 * rejected lines are listed in a dialog.
 */
void
kl_price_list_page_import_file (KlPriceListPage *self,
                                GFile           *file)
{
  KlSession *session = kl_page_get_session (KL_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  g_autofree char *message = NULL;
  guint added = 0, updated = 0;

  g_return_if_fail (KL_IS_PRICE_LIST_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  if (bytes == NULL
      || !kl_price_list_import (session, bytes, NULL, 0, &added, &updated, &rejections, &error))
    {
      AdwToast *toast = adw_toast_new (error->message);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }

  /* Translators: the result of a price list import */
  message = g_strdup_printf (_("Products added: %1$u, updated: %2$u, lines rejected: %3$u."),
                             added, updated, rejections->len);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  if (rejections->len > 0)
    show_rejections (self, rejections);
}
