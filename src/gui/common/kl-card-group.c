/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-card-group.h"

/* A group of the client card listing one kind of the client's records
 * (deals, offers, contracts): a title, a "New …" button in its header,
 * the first KL_CARD_GROUP_MAX_ROWS rows of a KlQueryList filtered to the
 * client, each a row that activates (Return, Space, a click), and a
 * placeholder when there are none. The rows are made when the group is
 * first shown and again whenever the list changes while it is shown (the
 * list follows its store), so a card reads only what it shows. The
 * domain says which list, how each row reads and which editor opens
 * (KlCardGroupKind).
 *
 * Without a client (Today's groups: the contracts to renew, the offers
 * past their validity) it lists every record its filter lets through,
 * has no "New …" button and hides itself while there is none. */

struct _KlCardGroup
{
  AdwBin               parent_instance;

  KlSession           *session;
  gint64               client_id;
  KlQueryList         *list;
  const KlCardGroupKind *kind;
  AdwPreferencesGroup *group;
  AdwButtonContent    *new_content;
  GtkWidget           *new_button;
  GtkListBox          *list_box;
  GtkLabel            *placeholder;
  guint                n_rows;
  gboolean             stale;    /* the list changed while not shown */
};

G_DEFINE_FINAL_TYPE (KlCardGroup, kl_card_group, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static void
fill (KlCardGroup *self)
{
  GtkWidget *row;
  guint n;

  self->stale = FALSE;
  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, row);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  self->n_rows = MIN (n, KL_CARD_GROUP_MAX_ROWS);
  for (guint i = 0; i < self->n_rows; i++)
    {
      g_autoptr(KlEntity) item = g_list_model_get_item (G_LIST_MODEL (self->list), i);

      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      self->kind->fill_row (self, item, ADW_ACTION_ROW (row));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "kl-item", g_steal_pointer (&item), g_object_unref);
      gtk_list_box_append (self->list_box, row);
    }

  if (self->kind->describe_more != NULL)
    {
      g_autofree char *description = self->kind->describe_more (self->n_rows, n);

      adw_preferences_group_set_description (self->group, description);
    }
}

static void
update_visible (KlCardGroup *self)
{
  if (self->client_id == 0)
    gtk_widget_set_visible (GTK_WIDGET (self), kl_card_group_get_n_items (self) > 0);
}

/* Callbacks */

static void
on_list_items_changed_cb (KlCardGroup *self)
{
  update_visible (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    fill (self);
  else
    self->stale = TRUE;
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_list_box_row_activated_cb (KlCardGroup   *self,
                              GtkListBoxRow *row)
{
  KlEntity *item = g_object_get_data (G_OBJECT (row), "kl-item");
  g_autoptr(KlEntity) current = kl_store_get (kl_session_get_store (self->session, G_OBJECT_TYPE (item)),
                                              kl_entity_get_id (item), NULL);

  /* Gone since the row was made: the list is about to say so. */
  if (current != NULL)
    self->kind->open (self, current);
}

static void
on_new_button_clicked_cb (KlCardGroup *self)
{
  if (self->kind != NULL)
    self->kind->open (self, NULL);
}

/* Overrides */

static void
kl_card_group_map (GtkWidget *widget)
{
  KlCardGroup *self = KL_CARD_GROUP (widget);

  GTK_WIDGET_CLASS (kl_card_group_parent_class)->map (widget);

  if (self->stale && self->list != NULL)
    fill (self);
}

static void
kl_card_group_dispose (GObject *object)
{
  KlCardGroup *self = KL_CARD_GROUP (object);

  if (self->list != NULL)
    g_signal_handlers_disconnect_by_data (self->list, self);
  g_clear_object (&self->list);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (kl_card_group_parent_class)->dispose (object);
}

static void
kl_card_group_class_init (KlCardGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kl_card_group_dispose;
  widget_class->map = kl_card_group_map;

  /**
   * KlCardGroup::changed:
   *
   * The records listed changed (kl_card_group_get_n_items()), shown or not.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kl_card_group_init (KlCardGroup *self)
{
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  self->new_content = ADW_BUTTON_CONTENT (adw_button_content_new ());
  adw_button_content_set_icon_name (self->new_content, "list-add-symbolic");
  adw_button_content_set_use_underline (self->new_content, TRUE);
  self->new_button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (self->new_button), GTK_WIDGET (self->new_content));
  gtk_widget_set_valign (self->new_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->new_button, "flat");
  g_signal_connect_object (self->new_button, "clicked", G_CALLBACK (on_new_button_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_set_header_suffix (self->group, self->new_button);

  self->list_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list_box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_box), "boxed-list");
  self->placeholder = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->placeholder), "dim-label");
  gtk_widget_set_margin_top (GTK_WIDGET (self->placeholder), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->placeholder), 12);
  gtk_list_box_set_placeholder (self->list_box, GTK_WIDGET (self->placeholder));
  g_signal_connect_object (self->list_box, "row-activated", G_CALLBACK (on_list_box_row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (self->group, GTK_WIDGET (self->list_box));

  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));
}

/* Public API */

/**
 * kl_card_group_set_labels:
 * @title: the group's title, also the list's accessible name
 * @new_label: (nullable): the "New …" button's label, with a mnemonic
 * @new_tooltip: (nullable): what the button does
 * @placeholder: (nullable): what shows while there are no rows
 *
 * All translated.
 */
void
kl_card_group_set_labels (KlCardGroup *self,
                          const char  *title,
                          const char  *new_label,
                          const char  *new_tooltip,
                          const char  *placeholder)
{
  g_return_if_fail (KL_IS_CARD_GROUP (self));

  adw_preferences_group_set_title (self->group, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  adw_button_content_set_label (self->new_content, new_label != NULL ? new_label : "");
  gtk_widget_set_tooltip_text (self->new_button, new_tooltip);
  gtk_widget_set_visible (self->new_button, new_label != NULL);
  gtk_label_set_label (self->placeholder, placeholder != NULL ? placeholder : "");
}

/**
 * kl_card_group_attach:
 * @kind: (not nullable): static; what the group lists and opens
 *
 * Shows the records of @client_id (0: of every client) from now on; once.
 */
void
kl_card_group_attach (KlCardGroup           *self,
                      const KlCardGroupKind *kind,
                      KlSession             *session,
                      gint64                 client_id)
{
  g_return_if_fail (KL_IS_CARD_GROUP (self));
  g_return_if_fail (kind != NULL && kind->list_new != NULL && kind->fill_row != NULL && kind->open != NULL);
  g_return_if_fail (KL_IS_SESSION (session));
  g_return_if_fail (self->list == NULL);

  self->kind = kind;
  self->session = g_object_ref (session);
  self->client_id = client_id;
  self->list = kind->list_new (session);
  kl_query_list_freeze (self->list);
  if (client_id > 0)
    kl_query_list_set_filter_int (self->list, "client", client_id);
  if (kind->filter != NULL)
    kind->filter (self->list);
  kl_query_list_set_sort (self->list, kind->sort, kind->descending);
  kl_query_list_thaw (self->list);
  g_signal_connect_object (self->list, "items-changed", G_CALLBACK (on_list_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_visible (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    fill (self);
  else
    self->stale = TRUE;
}

KlSession *
kl_card_group_get_session (KlCardGroup *self)
{
  g_return_val_if_fail (KL_IS_CARD_GROUP (self), NULL);

  return self->session;
}

gint64
kl_card_group_get_client_id (KlCardGroup *self)
{
  g_return_val_if_fail (KL_IS_CARD_GROUP (self), 0);

  return self->client_id;
}

/* How many rows the group lists now. */
guint
kl_card_group_get_n_rows (KlCardGroup *self)
{
  g_return_val_if_fail (KL_IS_CARD_GROUP (self), 0);

  return self->n_rows;
}

/* Reads the list again: what it shows depends on the day. */
void
kl_card_group_reload (KlCardGroup *self)
{
  g_return_if_fail (KL_IS_CARD_GROUP (self));

  if (self->list != NULL)
    kl_query_list_reload (self->list);
}

/* How many records the list holds, listed or not. */
guint
kl_card_group_get_n_items (KlCardGroup *self)
{
  g_return_val_if_fail (KL_IS_CARD_GROUP (self), 0);

  return self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
}

/**
 * kl_card_group_get_item:
 *
 * Returns: (transfer none) (nullable): the record of row @row
 */
KlEntity *
kl_card_group_get_item (KlCardGroup *self,
                        guint        row)
{
  GtkListBoxRow *list_row;

  g_return_val_if_fail (KL_IS_CARD_GROUP (self), NULL);

  list_row = gtk_list_box_get_row_at_index (self->list_box, (int) row);
  return list_row != NULL ? g_object_get_data (G_OBJECT (list_row), "kl-item") : NULL;
}

/* Shows an editor the group opened, over the card. */
void
kl_card_group_present (KlCardGroup *self,
                       GtkWindow   *window)
{
  GtkRoot *root;

  g_return_if_fail (KL_IS_CARD_GROUP (self));
  g_return_if_fail (GTK_IS_WINDOW (window));

  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (window, GTK_WINDOW (root));
  gtk_window_present (window);
}
