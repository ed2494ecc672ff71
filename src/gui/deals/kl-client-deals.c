/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-client-deals.h"

#include "kl-deal-editor.h"
#include "kl-deal-list.h"
#include "kl-entities.h"
#include "kl-format.h"

/* The deals of one client on its card, in funnel order (Won, then Lost
 * last), each a row that opens the deal editor;
 * "New Deal" starts one for this client. The rows come from the deals'
 * KlQueryList, so they follow every change to the deals. */

struct _KlClientDeals
{
  AdwBin               parent_instance;

  KlSession           *session;
  gint64               client_id;
  KlQueryList         *deals;
  AdwPreferencesGroup *group;
  GtkListBox          *list;
  AdwToastOverlay     *toast_overlay;
  guint                n_rows;
};

G_DEFINE_FINAL_TYPE (KlClientDeals, kl_client_deals, ADW_TYPE_BIN)

static void
open_editor (KlClientDeals *self,
             KlDeal        *deal)
{
  KlDealEditor *editor = kl_deal_editor_new (self->session, self->client_id, deal);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  if (overlay != NULL)
    g_signal_connect_object (editor, "won", G_CALLBACK (kl_deal_editor_show_won_toast), overlay, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static GtkWidget *
create_row (KlEntity *deal)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *amount = kl_format_money (kl_entity_get_number (deal, "amount"),
                                             kl_entity_get_text (deal, "currency"));
  g_autofree char *close = kl_format_date (kl_entity_get_text (deal, "expected_close"));
  g_autofree char *subtitle = NULL;
  g_autofree char *title = g_markup_escape_text (kl_entity_get_text (deal, "title"), -1);
  const char *stage = kl_choice_label (kl_deal_stages, kl_entity_get_text (deal, "stage"));

  if (close != NULL && *close != '\0')
    /* TRANSLATORS: a deal on the client card: its stage, amount and expected close date */
    subtitle = g_strdup_printf (_("%1$s · %2$s · closes %3$s"), stage, amount, close);
  else
    subtitle = g_strdup_printf ("%s · %s", stage, amount);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  g_object_set_data_full (G_OBJECT (row), "kl-deal", g_object_ref (deal), g_object_unref);

  return row;
}

static void
fill (KlClientDeals *self)
{
  GtkWidget *row;
  guint n;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, row);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->deals));
  self->n_rows = MIN (n, KL_CLIENT_DEALS_MAX_ROWS);
  for (guint i = 0; i < self->n_rows; i++)
    {
      g_autoptr(KlEntity) deal = g_list_model_get_item (G_LIST_MODEL (self->deals), i);

      gtk_list_box_append (self->list, create_row (deal));
    }

  if (n > KL_CLIENT_DEALS_MAX_ROWS)
    {
      g_autofree char *description =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The first %1$u of %2$u deal",
                                      "The first %1$u of %2$u deals", n),
                         KL_CLIENT_DEALS_MAX_ROWS, n);

      adw_preferences_group_set_description (self->group, description);
    }
  else
    adw_preferences_group_set_description (self->group, NULL);
}

static void
on_list_row_activated_cb (KlClientDeals *self,
                          GtkListBoxRow *row)
{
  open_editor (self, g_object_get_data (G_OBJECT (row), "kl-deal"));
}

static void
on_new_button_clicked_cb (KlClientDeals *self)
{
  open_editor (self, NULL);
}

static void
kl_client_deals_dispose (GObject *object)
{
  KlClientDeals *self = KL_CLIENT_DEALS (object);

  if (self->deals != NULL)
    g_signal_handlers_disconnect_by_data (self->deals, self);
  g_clear_object (&self->deals);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (kl_client_deals_parent_class)->dispose (object);
}

static void
kl_client_deals_class_init (KlClientDealsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kl_client_deals_dispose;
}

static void
kl_client_deals_init (KlClientDeals *self)
{
  GtkWidget *button;
  GtkWidget *content;
  GtkWidget *placeholder;

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Deals"));

  content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), C_("add a deal", "_New Deal"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, _("Start a Deal with This Client"));
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_new_button_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_preferences_group_set_header_suffix (self->group, button);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Deals"), -1);
  placeholder = gtk_label_new (_("No deals yet"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->list, placeholder);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (on_list_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->group, GTK_WIDGET (self->list));

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));
}

/* Shows the deals of @client_id; once. */
void
kl_client_deals_set_client (KlClientDeals *self,
                            KlSession     *session,
                            gint64         client_id)
{
  g_return_if_fail (KL_IS_CLIENT_DEALS (self));
  g_return_if_fail (KL_IS_SESSION (session));
  g_return_if_fail (self->deals == NULL);

  self->session = g_object_ref (session);
  self->client_id = client_id;
  self->deals = kl_deal_list_new (session);
  kl_query_list_freeze (self->deals);
  kl_query_list_set_filter_int (self->deals, "client", client_id);
  /* Open first (funnel order, Lost last), then by expected close. */
  kl_query_list_set_sort (self->deals, "stage", FALSE);
  kl_query_list_thaw (self->deals);
  g_signal_connect_object (self->deals, "items-changed", G_CALLBACK (fill), self, G_CONNECT_SWAPPED);
  fill (self);
}

/* How many deals the card lists: for tests. */
guint
kl_client_deals_get_n_rows (KlClientDeals *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_DEALS (self), 0);

  return self->n_rows;
}
