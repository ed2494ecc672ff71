/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-offers-page.h"

#include "kl-document-output.h"
#include "kl-entities.h"
#include "kl-format.h"
#include "kl-offer-editor.h"
#include "kl-offer-list.h"
#include "kl-query-view.h"

/* The Offers section: every offer, filtered by status, validity and
 * manager and searched by number or client in SQL (KlQueryList); Enter
 * opens one in the KlOfferEditor; the selected one is saved as PDF
 * (Ctrl+Shift+S) or printed (Ctrl+P). */

struct _KlOffersPage
{
  KlPage               parent_instance;

  KlQueryList         *list;
  GArray              *manager_ids;

  /* Template children */
  AdwToastOverlay     *toast_overlay;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *status_dropdown;
  GtkDropDown         *validity_dropdown;
  GtkDropDown         *manager_dropdown;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *number_column;
  GtkColumnViewColumn *client_column;
  GtkColumnViewColumn *manager_column;
  GtkColumnViewColumn *issued_column;
  GtkColumnViewColumn *valid_until_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *lines_column;
};

G_DEFINE_FINAL_TYPE (KlOffersPage, kl_offers_page, KL_TYPE_PAGE)

static const char * const validity_choices[] = { "valid", "soon", "past", NULL };
static const char * const validity_labels[] = {
  N_("Still valid"), N_("Expiring within 7 days"), N_("Past validity"), NULL
};

/* Cells */

static char *
number_text (KlEntity *item)
{
  return g_strdup (kl_entity_get_text (item, "number"));
}

static char *
client_text (KlEntity *item)
{
  return g_strdup (kl_entity_get_text (item, "client_name"));
}

static char *
manager_text (KlEntity *item)
{
  return g_strdup (kl_entity_get_text (item, "manager_name"));
}

static char *
issued_text (KlEntity *item)
{
  return kl_format_date (kl_entity_get_text (item, "issue_date"));
}

static char *
valid_until_text (KlEntity *item)
{
  return kl_format_date (kl_entity_get_text (item, "valid_until"));
}

static char *
status_text (KlEntity *item)
{
  return g_strdup (kl_choice_label (kl_offer_statuses, kl_entity_get_text (item, "status")));
}

static char *
lines_text (KlEntity *item)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, kl_entity_get_number (item, "line_count"));
}

/* Helpers */

static void
open_editor (KlOffersPage *self,
             KlOffer      *offer)
{
  KlOfferEditor *editor = kl_offer_editor_new (kl_page_get_session (KL_PAGE (self)), offer, 0, 0);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

static void
fill_managers (KlOffersPage *self)
{
  KlSession *session = kl_page_get_session (KL_PAGE (self));
  g_autoptr(GListModel) managers = kl_store_list_all (kl_session_get_store (session, KL_TYPE_MANAGER), NULL);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  gint64 none = 0;

  g_array_set_size (self->manager_ids, 0);
  gtk_string_list_append (labels, _("All managers"));
  g_array_append_val (self->manager_ids, none);
  for (guint i = 0; managers != NULL && i < g_list_model_get_n_items (managers); i++)
    {
      g_autoptr(KlEntity) manager = g_list_model_get_item (managers, i);
      gint64 id = kl_entity_get_id (manager);

      gtk_string_list_append (labels, kl_manager_get_name (KL_MANAGER (manager)));
      g_array_append_val (self->manager_ids, id);
    }
  gtk_drop_down_set_model (self->manager_dropdown, G_LIST_MODEL (labels));
}

/* Callbacks */

static void
on_column_view_activate_cb (KlOffersPage *self,
                            guint         position)
{
  g_autoptr(KlOffer) offer = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (offer != NULL)
    open_editor (self, offer);
}

static void
on_manager_selected_cb (KlOffersPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->manager_dropdown);

  if (selected == 0 || selected >= self->manager_ids->len)
    kl_query_list_clear_filter (self->list, "manager");
  else
    kl_query_list_set_filter_int (self->list, "manager", g_array_index (self->manager_ids, gint64, selected));
}

/* Actions */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (KL_OFFERS_PAGE (widget), NULL);
}

static void
document_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KlOffersPage *self = KL_OFFERS_PAGE (widget);

  kl_document_output_selected (widget, self->column_view, kl_page_get_session (KL_PAGE (self)), KL_DOCUMENT_OFFER,
                               g_str_equal (action_name, "offers.print"), self->toast_overlay);
}

/* Overrides */

static void
kl_offers_page_session_set (KlPage    *page,
                            KlSession *session)
{
  KlOffersPage *self = KL_OFFERS_PAGE (page);

  self->list = kl_offer_list_new (session);
  kl_query_list_set_sort (self->list, "issued", TRUE);

  kl_query_view_add_sort (self->column_view, self->number_column, "number");
  kl_query_view_add_sort (self->column_view, self->client_column, "client");
  kl_query_view_add_sort (self->column_view, self->manager_column, "manager");
  kl_query_view_add_sort (self->column_view, self->issued_column, "issued");
  kl_query_view_add_sort (self->column_view, self->valid_until_column, "valid-until");
  kl_query_view_add_sort (self->column_view, self->status_column, "status");
  kl_query_view_add_sort (self->column_view, self->lines_column, "lines");
  kl_query_view_attach (self->column_view, self->list);
  kl_query_view_bind_search (GTK_EDITABLE (self->search_entry), self->list, "search");
  kl_query_view_bind_choice (self->status_dropdown, self->list, "status", _("All statuses"),
                             kl_offer_statuses, NULL);
  kl_query_view_bind_choice (self->validity_dropdown, self->list, "validity", _("Any validity"),
                             validity_choices, validity_labels);
  fill_managers (self);
  g_signal_connect_object (self->manager_dropdown, "notify::selected", G_CALLBACK (on_manager_selected_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
kl_offers_page_dispose (GObject *object)
{
  KlOffersPage *self = KL_OFFERS_PAGE (object);

  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_OFFERS_PAGE);
  g_clear_object (&self->list);
  g_clear_pointer (&self->manager_ids, g_array_unref);

  G_OBJECT_CLASS (kl_offers_page_parent_class)->dispose (object);
}

static void
kl_offers_page_class_init (KlOffersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlPageClass *page_class = KL_PAGE_CLASS (klass);

  object_class->dispose = kl_offers_page_dispose;
  page_class->session_set = kl_offers_page_session_set;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/offers/kl-offers-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KlOffersPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlOffersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KlOffersPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlOffersPage, validity_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlOffersPage, manager_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlOffersPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, KlOffersPage, number_column);
  gtk_widget_class_bind_template_child (widget_class, KlOffersPage, client_column);
  gtk_widget_class_bind_template_child (widget_class, KlOffersPage, manager_column);
  gtk_widget_class_bind_template_child (widget_class, KlOffersPage, issued_column);
  gtk_widget_class_bind_template_child (widget_class, KlOffersPage, valid_until_column);
  gtk_widget_class_bind_template_child (widget_class, KlOffersPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, KlOffersPage, lines_column);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);

  /* Ctrl+N is the window's "win.new", which asks the page shown. */
  gtk_widget_class_install_action (widget_class, "page.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "offers.save-pdf", NULL, document_action);
  gtk_widget_class_install_action (widget_class, "offers.print", NULL, document_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "offers.save-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "offers.print", NULL);
}

static void
kl_offers_page_init (KlOffersPage *self)
{
  self->manager_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
  kl_query_view_set_cell (self->number_column, number_text, 0.0f, 14);
  kl_query_view_set_cell (self->client_column, client_text, 0.0f, 28);
  kl_query_view_set_cell (self->manager_column, manager_text, 0.0f, 14);
  kl_query_view_set_cell (self->issued_column, issued_text, 0.0f, 10);
  kl_query_view_set_cell (self->valid_until_column, valid_until_text, 0.0f, 10);
  kl_query_view_set_cell (self->status_column, status_text, 0.0f, 10);
  kl_query_view_set_cell (self->lines_column, lines_text, 1.0f, 4);
}

/* Public API */

KlQueryList *
kl_offers_page_get_list (KlOffersPage *self)
{
  g_return_val_if_fail (KL_IS_OFFERS_PAGE (self), NULL);

  return self->list;
}
