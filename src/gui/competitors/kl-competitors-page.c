/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-competitors-page.h"

#include "kl-competitor-editor.h"
#include "kl-competitor-list.h"
#include "kl-entities.h"
#include "kl-query-view.h"

/* The Competitors section: the competitors' KlQueryList with a search and
 * a price level filter; each row with the deals lost to the competitor
 * and their value per currency (never one sum across currencies). Enter
 * or a double click opens one; Ctrl+N (or "New Competitor") adds one. */

struct _KlCompetitorsPage
{
  KlPage               parent_instance;

  KlQueryList         *list;

  /* Template children */
  AdwToastOverlay     *toast_overlay;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *price_level_dropdown;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *website_column;
  GtkColumnViewColumn *products_column;
  GtkColumnViewColumn *price_level_column;
  GtkColumnViewColumn *lost_deals_column;
  GtkColumnViewColumn *lost_values_column;
  GtkLabel            *summary_label;
};

G_DEFINE_FINAL_TYPE (KlCompetitorsPage, kl_competitors_page, KL_TYPE_PAGE)

/* Cells */

static char *
name_cell (KlEntity *competitor)
{
  return g_strdup (kl_entity_get_text (competitor, "name"));
}

static char *
website_cell (KlEntity *competitor)
{
  return g_strdup (kl_entity_get_text (competitor, "website"));
}

static char *
products_cell (KlEntity *competitor)
{
  return g_strdup (kl_entity_get_text (competitor, "products"));
}

static char *
price_level_cell (KlEntity *competitor)
{
  const char *level = kl_entity_get_text (competitor, "price_level");

  return level != NULL ? g_strdup (kl_choice_label (kl_competitor_price_levels, level)) : NULL;
}

static char *
lost_deals_cell (KlEntity *competitor)
{
  return g_strdup_printf ("%d", (int)kl_entity_get_number (competitor, "lost_deals"));
}

static char *
lost_values_cell (KlEntity *competitor)
{
  g_autoptr(GArray) values = kl_competitor_parse_lost_values (kl_entity_get_text (competitor, "lost_values"));

  return kl_competitor_format_lost (values);
}

/* Helpers */

static void
update_summary (KlCompetitorsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  g_autofree char *text = NULL;

  if (n == 0)
    {
      gtk_label_set_text (self->summary_label, _("No competitors match."));
      return;
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u competitor", "%u competitors", n), n);
  gtk_label_set_text (self->summary_label, text);
}

static void
open_editor (KlCompetitorsPage *self,
             KlCompetitor      *competitor)
{
  KlCompetitorEditor *editor = kl_competitor_editor_new (kl_page_get_session (KL_PAGE (self)), competitor);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

/* Callbacks */

static void
on_column_view_activate_cb (KlCompetitorsPage *self,
                            guint              position,
                            GtkColumnView     *view)
{
  g_autoptr(KlEntity) item = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (item != NULL)
    open_editor (self, KL_COMPETITOR (item));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (KL_COMPETITORS_PAGE (widget), NULL);
}

/* Overrides */

static void
kl_competitors_page_session_set (KlPage    *page,
                                 KlSession *session)
{
  KlCompetitorsPage *self = KL_COMPETITORS_PAGE (page);

  self->list = kl_competitor_list_new (session);

  kl_query_view_set_cell (self->name_column, name_cell, 0.0f, 20);
  kl_query_view_set_cell (self->website_column, website_cell, 0.0f, 20);
  kl_query_view_set_cell (self->products_column, products_cell, 0.0f, 24);
  kl_query_view_set_cell (self->price_level_column, price_level_cell, 0.0f, 14);
  kl_query_view_set_cell (self->lost_deals_column, lost_deals_cell, 1.0f, 5);
  kl_query_view_set_cell (self->lost_values_column, lost_values_cell, 1.0f, 24);

  kl_query_view_add_sort (self->column_view, self->name_column, "name");
  kl_query_view_add_sort (self->column_view, self->price_level_column, "price-level");
  kl_query_view_add_sort (self->column_view, self->lost_deals_column, "lost-deals");
  kl_query_view_attach (self->column_view, self->list);
  kl_query_view_bind_search (GTK_EDITABLE (self->search_entry), self->list, "search");
  kl_query_view_bind_choice (self->price_level_dropdown, self->list, "price_level", _("Any price level"),
                             kl_competitor_price_levels, NULL);

  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
  update_summary (self);
}

static void
kl_competitors_page_dispose (GObject *object)
{
  KlCompetitorsPage *self = KL_COMPETITORS_PAGE (object);

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_COMPETITORS_PAGE);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (kl_competitors_page_parent_class)->dispose (object);
}

static void
kl_competitors_page_class_init (KlCompetitorsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlPageClass *page_class = KL_PAGE_CLASS (klass);

  object_class->dispose = kl_competitors_page_dispose;
  page_class->session_set = kl_competitors_page_session_set;

  /* Ctrl+N is the window's "win.new", which asks the page shown. */
  gtk_widget_class_install_action (widget_class, "page.new", NULL, new_action);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/competitors/kl-competitors-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorsPage, price_level_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorsPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorsPage, website_column);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorsPage, products_column);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorsPage, price_level_column);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorsPage, lost_deals_column);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorsPage, lost_values_column);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorsPage, summary_label);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
}

static void
kl_competitors_page_init (KlCompetitorsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

KlQueryList *
kl_competitors_page_get_list (KlCompetitorsPage *self)
{
  g_return_val_if_fail (KL_IS_COMPETITORS_PAGE (self), NULL);

  return self->list;
}
