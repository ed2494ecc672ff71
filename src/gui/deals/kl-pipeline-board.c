/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-pipeline-board.h"

#include "kl-deal-list.h"
#include "kl-entities.h"
#include "kl-first-rows.h"
#include "kl-format.h"
#include "kl-toast.h"

#include <string.h>

/* The pipeline board: one column per open stage (Lead … Negotiation), its
 * count and value per currency at the top, a card per deal below: client,
 * title, amount, days in the stage and a flag for an overdue activity.
 * Each column is a GtkListView over a KlQueryList of the stage's deals
 * (newest in the stage first), through a KlFirstRows that holds a
 * screenful of cards more than the column shows and grows as it scrolls:
 * GTK 4.8's list view makes a card for each of the first 200 rows it is
 * given, whatever its height, and recycles them beyond.
 *
 * The Deals section's search, expected close month, client and manager
 * filters apply to every column (the same filters of the same list as
 * the Deals list); with any but the manager's, the headers count what
 * the columns hold.
 *
 * A deal moves by drag and drop onto another column, or from the keyboard:
 * Ctrl+Shift+Right/Left to the next or previous stage, and the "Move To"
 * menu of the focused card (Menu, Shift+F10). Each move is one
 * kl_pipeline_move() (the stage history keeps it with its time), and its
 * toast undoes it. */

typedef struct {
  KlPipelineBoard    *board;    /* unowned */
  guint               index;
  GtkWidget          *box;
  GtkLabel           *title;
  GtkLabel           *count;
  GtkLabel           *values;
  GtkListView        *list;
  GtkSingleSelection *selection;
  KlFirstRows        *shown;    /* the cards down to a screenful below the view */
  GtkAdjustment      *vadjustment;
  guint               grow_id;
  KlQueryList        *deals;
  guint               n_deals;
  GArray             *sums;     /* KlPipelineValue, by currency code */
  char               *summary;  /* what the header says, in one line */
} Column;

struct _KlPipelineBoard
{
  KlPage           parent_instance;

  KlStore         *deal_store;
  Column           columns[KL_PIPELINE_N_STAGES];
  KlPipelineMove  *last_move;
  AdwToast        *toast;        /* the last move's, while shown */
  gint64           manager_id;
  GHashTable      *filters;      /* the filters set other than the manager's */
  /* The move being written by this board: its deal and columns. */
  gint64           moving_id;
  int              moving_from;
  int              moving_to;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  GtkBox          *columns_box;
};

G_DEFINE_FINAL_TYPE (KlPipelineBoard, kl_pipeline_board, KL_TYPE_PAGE)

/* Cards a column holds before its first frame (a window's height of
 * them), and at least this many more each time it grows. */
#define FIRST_CARDS 12

static const char *
stage_label (guint column)
{
  return kl_choice_label (kl_deal_stages, kl_pipeline_stage (column));
}

static char *
days_text (gint64 days)
{
  guint n = (guint)MAX (days, 0);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day in stage", "%u days in stage", n), n);
}

/* "Jadran d.o.o., Server room, 4.000,00 EUR, Lead, 3 days in stage" */
static char *
card_description (KlEntity *deal)
{
  const char *stage = kl_entity_get_text (deal, "stage");
  g_autofree char *money = kl_format_money (kl_entity_get_number (deal, "amount"),
                                            kl_entity_get_text (deal, "currency"));
  g_autofree char *days = days_text (kl_entity_get_number (deal, "days_in_stage"));
  const char *client = kl_entity_get_text (deal, "client_name");
  char *text;

  /* Translators: how a screen reader reads a card of the pipeline board:
   * client, title, amount, stage, days in the stage. */
  text = g_strdup_printf (C_("pipeline card", "%1$s, %2$s, %3$s, %4$s, %5$s"),
                          client != NULL ? client : "", kl_entity_get_text (deal, "title"), money,
                          kl_choice_label (kl_deal_stages, stage), days);
  if (kl_entity_get_number (deal, "next_activity_overdue") != 0)
    {
      /* Translators: added to a card's description when its next activity is overdue. */
      g_autofree char *with = g_strdup_printf (_("%s, next activity overdue"), text);

      g_free (text);
      text = g_steal_pointer (&with);
    }

  return text;
}

/* Columns */

static Column *
column_of_list (KlPipelineBoard *self,
                GtkWidget       *widget)
{
  for (guint i = 0; i < KL_PIPELINE_N_STAGES; i++)
    if (widget == GTK_WIDGET (self->columns[i].list) ||
        gtk_widget_is_ancestor (widget, GTK_WIDGET (self->columns[i].list)))
      return &self->columns[i];

  return NULL;
}

static void
show_toast (KlPipelineBoard *self,
            const char      *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* The column's header from its count and values. */
static void
render_header (Column *column)
{
  g_autoptr(GString) values = g_string_new (NULL);
  g_autoptr(GString) spoken = g_string_new (NULL);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deal", "%u deals",
                                                         column->n_deals), column->n_deals);

  for (guint v = 0; v < column->sums->len; v++)
    {
      const KlPipelineValue *value = &g_array_index (column->sums, KlPipelineValue, v);
      g_autofree char *money = kl_format_money (value->amount, value->currency);

      if (v > 0)
        {
          g_string_append_c (values, '\n');
          g_string_append (spoken, "; ");
        }
      g_string_append (values, money);
      g_string_append (spoken, money);
    }

  gtk_label_set_text (column->count, count);
  gtk_label_set_text (column->values, values->str);
  gtk_widget_set_visible (GTK_WIDGET (column->values), values->len > 0);

  g_free (column->summary);
  /* Translators: a column of the pipeline board for a screen reader:
   * its stage, its count of deals, and its value per currency. */
  column->summary = values->len > 0
                    ? g_strdup_printf (C_("pipeline column", "%1$s: %2$s, %3$s"), stage_label (column->index),
                                       count, spoken->str)
                    : g_strdup_printf (C_("pipeline column", "%1$s: %2$s"), stage_label (column->index), count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (column->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  column->summary, -1);
}

/* KlQueryTotal and KlPipelineValue: a currency, its sum and count. */
G_STATIC_ASSERT (sizeof (KlQueryTotal) == sizeof (KlPipelineValue));

/* Counts and values of what the columns hold: each list's totals. */
static void
update_filtered_headers (KlPipelineBoard *self)
{
  for (guint i = 0; i < KL_PIPELINE_N_STAGES; i++)
    {
      Column *column = &self->columns[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) totals = kl_query_list_get_totals (column->deals, &error);

      if (totals == NULL)
        {
          show_toast (self, error->message);
          return;
        }
      g_array_set_size (column->sums, 0);
      column->n_deals = 0;
      for (guint t = 0; t < totals->len; t++)
        {
          const KlQueryTotal *total = &g_array_index (totals, KlQueryTotal, t);
          KlPipelineValue value = { { 0 }, total->amount, total->count };

          g_strlcpy (value.currency, total->currency, sizeof value.currency);
          g_array_append_val (column->sums, value);
          column->n_deals += total->count;
        }
      render_header (column);
    }
}

/* Counts and values of every column: one query, or with filters other
 * than the manager's, what the columns hold. */
static void
update_headers (KlPipelineBoard *self)
{
  KlSession *session = kl_page_get_session (KL_PAGE (self));
  KlPipelineColumn columns[KL_PIPELINE_N_STAGES];
  g_autoptr(GError) error = NULL;

  if (g_hash_table_size (self->filters) > 0)
    {
      update_filtered_headers (self);
      return;
    }

  if (!kl_pipeline_summary (kl_session_get_database (session), self->manager_id, columns, &error))
    {
      show_toast (self, error->message);
      return;
    }

  for (guint i = 0; i < KL_PIPELINE_N_STAGES; i++)
    {
      Column *column = &self->columns[i];

      column->n_deals = columns[i].count;
      g_clear_pointer (&column->sums, g_array_unref);
      column->sums = g_steal_pointer (&columns[i].values);
      render_header (column);
    }

  kl_pipeline_summary_clear (columns);
}

/* One deal of @currency and @amount more (@sign 1) or fewer (-1) in the
 * column: its header without a query. */
static void
add_to_header (Column     *column,
               const char *currency,
               gint64      amount,
               int         sign)
{
  guint v;

  for (v = 0; v < column->sums->len; v++)
    if (strcmp (g_array_index (column->sums, KlPipelineValue, v).currency, currency) >= 0)
      break;
  if (v == column->sums->len || strcmp (g_array_index (column->sums, KlPipelineValue, v).currency, currency) != 0)
    {
      KlPipelineValue value = { { 0 }, 0, 0 };

      g_strlcpy (value.currency, currency, sizeof value.currency);
      g_array_insert_val (column->sums, v, value);
    }

  {
    KlPipelineValue *value = &g_array_index (column->sums, KlPipelineValue, v);

    value->amount += sign * amount;
    value->count = (guint)((int)value->count + sign);
    column->n_deals = (guint)MAX ((int)column->n_deals + sign, 0);
    if (value->count == 0)
      g_array_remove_index (column->sums, v);
  }
  render_header (column);
}

/* A deal written: its columns. A move by this board changes the two
 * columns concerned, in place; any other change of one deal is placed in
 * each column; anything else reads the columns and headers again. */
static void
on_deals_changed_cb (KlPipelineBoard *self,
                     int              change,
                     gint64           id)
{
  if (id != 0 && id == self->moving_id && change == KL_STORE_UPDATED)
    {
      Column *from = &self->columns[self->moving_from];
      Column *to = &self->columns[self->moving_to];
      g_autoptr(KlEntity) deal = kl_store_get (self->deal_store, id, NULL);

      kl_query_list_update_row (from->deals, id, KL_QUERY_ROW_WAS_LISTED);
      kl_query_list_update_row (to->deals, id, KL_QUERY_ROW_WAS_NOT_LISTED);
      if (deal != NULL && (self->manager_id == 0 ||
                           self->manager_id == (kl_entity_get_number (deal, "manager_id") != 0
                                                ? kl_entity_get_number (deal, "manager_id") : -1)))
        {
          const char *currency = kl_entity_get_text (deal, "currency");
          gint64 amount = kl_entity_get_number (deal, "amount");

          add_to_header (from, currency, amount, -1);
          add_to_header (to, currency, amount, 1);
        }
      return;
    }

  if (id != 0 && change != KL_STORE_BATCH)
    for (guint i = 0; i < KL_PIPELINE_N_STAGES; i++)
      kl_query_list_update_row (self->columns[i].deals, id, KL_QUERY_ROW_WAS_UNKNOWN);
  /* (Many deals: each list reads itself again.) */
  update_headers (self);
}

/* Moves */

static void
on_toast_dismissed_cb (AdwToast        *toast,
                       KlPipelineBoard *self)
{
  if (self->toast == toast)
    self->toast = NULL;
}

/* Puts the keyboard on the first card of @column (a moved deal is the
 * newest in its stage: the first). Its row may be new: the one holding
 * its deal takes the focus, not the list's last focused row. */
static void
focus_first_card (Column *column)
{
  g_autoptr(KlEntity) first = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (column->selection)) == 0)
    return;
  first = g_list_model_get_item (G_LIST_MODEL (column->selection), 0);
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (column->selection), 0, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (column->list), "list.scroll-to-item", "u", 0);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (column->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *card = gtk_widget_get_first_child (row);
      KlEntity *deal = card != NULL ? g_object_get_data (G_OBJECT (card), "deal") : NULL;

      if (deal != NULL && first != NULL && kl_entity_get_id (deal) == kl_entity_get_id (first))
        {
          gtk_widget_grab_focus (row);
          return;
        }
    }
  gtk_widget_grab_focus (GTK_WIDGET (column->list));
}

/**
 * kl_pipeline_board_move_deal:
 * @deal_id: an open deal
 * @to_stage: an open stage
 *
 * Moves the deal and offers to undo it in a toast; a refusal is the
 * toast's message.
 *
 * Returns: whether the deal moved
 */
gboolean
kl_pipeline_board_move_deal (KlPipelineBoard *self,
                             gint64           deal_id,
                             const char      *to_stage)
{
  KlSession *session;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) deal = NULL;
  g_autofree char *message = NULL;
  KlPipelineMove *move;
  AdwToast *toast;

  g_return_val_if_fail (KL_IS_PIPELINE_BOARD (self), FALSE);
  g_return_val_if_fail (to_stage != NULL, FALSE);

  session = kl_page_get_session (KL_PAGE (self));
  deal = kl_store_get (self->deal_store, deal_id, NULL);
  self->moving_id = deal_id;
  self->moving_from = deal != NULL ? kl_pipeline_column_of (kl_entity_get_text (deal, "stage")) : -1;
  self->moving_to = kl_pipeline_column_of (to_stage);
  if (self->moving_from < 0 || self->moving_to < 0)
    self->moving_id = 0;
  move = kl_pipeline_move (session, deal_id, to_stage, &error);
  self->moving_id = 0;
  if (move == NULL)
    {
      show_toast (self, error->message);
      return FALSE;
    }

  g_clear_pointer (&self->last_move, kl_pipeline_move_free);
  self->last_move = move;

  /* Translators: the toast after a move on the pipeline board: the deal's title, then its new stage. */
  message = g_strdup_printf (_("“%1$s” moved to %2$s"), deal != NULL ? kl_entity_get_text (deal, "title") : "",
                             kl_choice_label (kl_deal_stages, to_stage));
  if (self->toast != NULL)
    kl_toast_dismiss (self->toast);
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "board.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed_cb), self, 0);
  self->toast = toast;
  kl_toast_add (self->toast_overlay, toast);

  return TRUE;
}

/**
 * kl_pipeline_board_get_focused_deal:
 *
 * Returns: the id of the deal whose card has the keyboard focus, or 0
 */
gint64
kl_pipeline_board_get_focused_deal (KlPipelineBoard *self)
{
  GtkRoot *root;
  GtkWidget *focus;
  Column *column;
  g_autoptr(KlEntity) deal = NULL;

  g_return_val_if_fail (KL_IS_PIPELINE_BOARD (self), 0);

  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus == NULL || (column = column_of_list (self, focus)) == NULL)
    return 0;

  /* The focused row's card, else the column's selected one. */
  for (GtkWidget *w = focus; w != NULL && w != GTK_WIDGET (column->list); w = gtk_widget_get_parent (w))
    {
      KlEntity *card_deal = g_object_get_data (G_OBJECT (w), "deal");
      GtkWidget *child = gtk_widget_get_first_child (w);

      if (card_deal == NULL && child != NULL)
        card_deal = g_object_get_data (G_OBJECT (child), "deal");
      if (card_deal != NULL)
        return kl_entity_get_id (card_deal);
    }

  deal = gtk_single_selection_get_selected_item (column->selection) != NULL
         ? g_object_ref (gtk_single_selection_get_selected_item (column->selection))
         : NULL;

  return deal != NULL ? kl_entity_get_id (deal) : 0;
}

static int
focused_column (KlPipelineBoard *self,
                gint64           deal_id)
{
  g_autoptr(KlEntity) deal = NULL;

  if (deal_id == 0)
    return -1;
  deal = kl_store_get (self->deal_store, deal_id, NULL);
  return deal != NULL ? kl_pipeline_column_of (kl_entity_get_text (deal, "stage")) : -1;
}

static void
move_focused (KlPipelineBoard *self,
              const char      *to_stage)
{
  gint64 deal_id = kl_pipeline_board_get_focused_deal (self);
  int to = kl_pipeline_column_of (to_stage);

  if (deal_id == 0 || to < 0)
    return;
  if (kl_pipeline_board_move_deal (self, deal_id, to_stage))
    focus_first_card (&self->columns[to]);
}

static void
move_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  move_focused (KL_PIPELINE_BOARD (widget), g_variant_get_string (parameter, NULL));
}

/* From a card's menu: (deal id, stage). */
static void
move_deal_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KlPipelineBoard *self = KL_PIPELINE_BOARD (widget);
  gint64 deal_id;
  const char *stage;
  int to;

  g_variant_get (parameter, "(x&s)", &deal_id, &stage);
  to = kl_pipeline_column_of (stage);
  if (to >= 0 && kl_pipeline_board_move_deal (self, deal_id, stage))
    focus_first_card (&self->columns[to]);
}

static void
move_step_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KlPipelineBoard *self = KL_PIPELINE_BOARD (widget);
  int from = focused_column (self, kl_pipeline_board_get_focused_deal (self));
  int to = from + g_variant_get_int32 (parameter);

  if (from < 0 || to < 0 || to >= KL_PIPELINE_N_STAGES)
    return;
  move_focused (self, kl_pipeline_stage ((guint)to));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KlPipelineBoard *self = KL_PIPELINE_BOARD (widget);
  g_autoptr(KlPipelineMove) move = g_steal_pointer (&self->last_move);
  g_autoptr(GError) error = NULL;

  gboolean undone;

  if (move == NULL)
    return;
  self->moving_id = move->deal_id;
  self->moving_from = kl_pipeline_column_of (move->to_stage);
  self->moving_to = kl_pipeline_column_of (move->from_stage);
  undone = kl_pipeline_undo (kl_page_get_session (KL_PAGE (self)), move, &error);
  self->moving_id = 0;
  if (!undone)
    {
      show_toast (self, error->message);
      return;
    }
  focus_first_card (&self->columns[kl_pipeline_column_of (move->from_stage)]);
}

static gboolean
unparent_idle_cb (gpointer data)
{
  gtk_widget_unparent (GTK_WIDGET (data));
  return G_SOURCE_REMOVE;
}

/* Closing comes before the item's action: it still needs the board above
 * the menu to find the action. */
static void
on_menu_closed_cb (GtkPopover *popover)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, unparent_idle_cb, g_object_ref (popover), g_object_unref);
}

/* The focused card's menu: the stages to move it to, and its client. */
static void
menu_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KlPipelineBoard *self = KL_PIPELINE_BOARD (widget);
  gint64 deal_id = kl_pipeline_board_get_focused_deal (self);
  int from = focused_column (self, deal_id);
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GMenu) stages = NULL;
  g_autoptr(KlEntity) deal = NULL;
  GtkWidget *popover, *anchor;
  GtkRoot *root;
  graphene_point_t point;

  if (from < 0)
    return;

  deal = kl_store_get (self->deal_store, deal_id, NULL);
  menu = g_menu_new ();
  stages = g_menu_new ();
  for (guint i = 0; i < KL_PIPELINE_N_STAGES; i++)
    {
      g_autoptr(GMenuItem) item = NULL;

      if ((int)i == from)
        continue;
      item = g_menu_item_new (stage_label (i), NULL);
      g_menu_item_set_action_and_target (item, "board.move-deal", "(xs)", deal_id, kl_pipeline_stage (i));
      g_menu_append_item (stages, item);
    }
  g_menu_append_section (menu, _("Move To"), G_MENU_MODEL (stages));
  if (deal != NULL)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("Open _Client"), NULL);

      g_menu_item_set_action_and_target (item, "win.open-client", "x",
                                         kl_entity_get_number (deal, "client_id"));
      g_menu_append_item (menu, item);
    }

  /* At the focused card. */
  root = gtk_widget_get_root (widget);
  anchor = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (anchor == NULL || !gtk_widget_is_ancestor (anchor, widget))
    anchor = widget;
  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_widget_set_parent (popover, widget);
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  if (anchor != widget && gtk_widget_compute_point (anchor, widget, &GRAPHENE_POINT_INIT (0, 0), &point))
    gtk_popover_set_pointing_to (GTK_POPOVER (popover),
                                 &(GdkRectangle){ (int)point.x, (int)point.y,
                                                  gtk_widget_get_width (anchor), gtk_widget_get_height (anchor) });
  g_signal_connect (popover, "closed", G_CALLBACK (on_menu_closed_cb), NULL);
  gtk_popover_popup (GTK_POPOVER (popover));
}

/* Drag and drop */

static GdkContentProvider *
on_drag_prepare_cb (GtkDragSource *source,
                    double         x,
                    double         y,
                    GtkWidget     *card)
{
  KlEntity *deal = g_object_get_data (G_OBJECT (card), "deal");
  g_autoptr(GdkPaintable) icon = NULL;

  if (deal == NULL)
    return NULL;
  icon = gtk_widget_paintable_new (card);
  gtk_drag_source_set_icon (source, icon, (int)x, (int)y);

  return gdk_content_provider_new_typed (G_TYPE_INT64, kl_entity_get_id (deal));
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            Column        *column)
{
  gtk_widget_remove_css_class (column->box, "drop-target");
  if (!G_VALUE_HOLDS_INT64 (value))
    return FALSE;
  return kl_pipeline_board_move_deal (column->board, g_value_get_int64 (value), kl_pipeline_stage (column->index));
}

static GdkDragAction
on_drop_enter_cb (GtkDropTarget *target,
                  double         x,
                  double         y,
                  Column        *column)
{
  gtk_widget_add_css_class (column->box, "drop-target");
  return GDK_ACTION_MOVE;
}

static void
on_drop_leave_cb (GtkDropTarget *target,
                  Column        *column)
{
  gtk_widget_remove_css_class (column->box, "drop-target");
}

/* Cards */

static void
on_card_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  KlPipelineBoard          *self)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *client = gtk_label_new (NULL);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *amount = gtk_label_new (NULL);
  GtkWidget *days = gtk_label_new (NULL);
  GtkWidget *overdue = gtk_label_new (_("Overdue"));
  GtkDragSource *drag = gtk_drag_source_new ();

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "pipeline-card");
  gtk_label_set_xalign (GTK_LABEL (client), 0);
  gtk_label_set_ellipsize (GTK_LABEL (client), PANGO_ELLIPSIZE_END);
  /* Ellipsized labels ask for no more than this: five columns fit a window. */
  gtk_label_set_max_width_chars (GTK_LABEL (client), 16);
  gtk_widget_add_css_class (client, "caption");
  gtk_widget_add_css_class (client, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 16);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (amount), 0);
  gtk_widget_add_css_class (amount, "numeric");
  gtk_widget_add_css_class (days, "caption");
  gtk_widget_add_css_class (days, "dim-label");
  gtk_widget_add_css_class (overdue, "caption");
  gtk_widget_add_css_class (overdue, "error");
  gtk_widget_set_tooltip_text (overdue, _("The next activity planned for this deal is overdue"));

  /* Client, title, amount, then the days and the flag: narrow enough for
   * five columns in a window, in Russian too. */
  gtk_label_set_xalign (GTK_LABEL (days), 0);
  gtk_label_set_ellipsize (GTK_LABEL (days), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (days, TRUE);
  gtk_box_append (GTK_BOX (row), days);
  gtk_box_append (GTK_BOX (row), overdue);
  gtk_box_append (GTK_BOX (card), client);
  gtk_box_append (GTK_BOX (card), title);
  gtk_box_append (GTK_BOX (card), amount);
  gtk_box_append (GTK_BOX (card), row);
  g_object_set_data (G_OBJECT (card), "client", client);
  g_object_set_data (G_OBJECT (card), "title", title);
  g_object_set_data (G_OBJECT (card), "amount", amount);
  g_object_set_data (G_OBJECT (card), "days", days);
  g_object_set_data (G_OBJECT (card), "overdue", overdue);

  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare_cb), card);
  gtk_widget_add_controller (card, GTK_EVENT_CONTROLLER (drag));

  gtk_list_item_set_child (item, card);
}

static void
on_card_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 KlPipelineBoard          *self)
{
  GtkWidget *card = gtk_list_item_get_child (item);
  KlEntity *deal = gtk_list_item_get_item (item);
  const char *client = kl_entity_get_text (deal, "client_name");
  g_autofree char *money = kl_format_money (kl_entity_get_number (deal, "amount"),
                                            kl_entity_get_text (deal, "currency"));
  g_autofree char *days = days_text (kl_entity_get_number (deal, "days_in_stage"));
  g_autofree char *description = card_description (deal);
  GtkWidget *row = gtk_widget_get_parent (card);

  g_object_set_data_full (G_OBJECT (card), "deal", g_object_ref (deal), g_object_unref);
  gtk_label_set_text (g_object_get_data (G_OBJECT (card), "client"), client != NULL ? client : "");
  gtk_label_set_text (g_object_get_data (G_OBJECT (card), "title"), kl_entity_get_text (deal, "title"));
  gtk_label_set_text (g_object_get_data (G_OBJECT (card), "amount"), money);
  gtk_label_set_text (g_object_get_data (G_OBJECT (card), "days"), days);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (card), "overdue"),
                          kl_entity_get_number (deal, "next_activity_overdue") != 0);

  /* The row is what takes the focus: it carries the name too. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (card), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  if (row != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
}

static void
on_card_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   KlPipelineBoard          *self)
{
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (item)), "deal", NULL);
}

/* Growing a column */

/* Whether the column holds less than a screenful of cards below what it
 * shows, and has more. */
static gboolean
needs_cards (Column *column)
{
  double page = gtk_adjustment_get_page_size (column->vadjustment);
  double below = gtk_adjustment_get_upper (column->vadjustment) - gtk_adjustment_get_value (column->vadjustment) - page;

  return column->shown != NULL && page > 0 && below < page &&
         g_list_model_get_n_items (G_LIST_MODEL (column->shown)) <
         g_list_model_get_n_items (G_LIST_MODEL (column->deals));
}

static gboolean
grow_idle_cb (gpointer data)
{
  Column *column = data;
  double upper = gtk_adjustment_get_upper (column->vadjustment);
  double page = gtk_adjustment_get_page_size (column->vadjustment);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (column->shown));
  guint per_page;

  column->grow_id = 0;
  if (!needs_cards (column))
    return G_SOURCE_REMOVE;

  /* A screenful more: as many cards as the view's height holds. */
  per_page = upper > 0 && n > 0 ? (guint)(page * n / upper) + 1 : FIRST_CARDS;
  kl_first_rows_set_limit (column->shown, n + MAX (per_page, FIRST_CARDS));

  return G_SOURCE_REMOVE;
}

/* After the frame that measured the cards (an idle comes after the
 * frame's layout), never inside it. */
static void
on_vadjustment_changed_cb (Column *column)
{
  if (column->grow_id == 0 && needs_cards (column))
    column->grow_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, grow_idle_cb, column, NULL);
}

static void
build_column (KlPipelineBoard *self,
              guint            index)
{
  Column *column = &self->columns[index];
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

  column->board = self;
  column->index = index;
  column->sums = g_array_new (FALSE, TRUE, sizeof (KlPipelineValue));
  column->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (column->box, "pipeline-column");
  gtk_widget_set_size_request (column->box, 200, -1);

  column->title = GTK_LABEL (gtk_label_new (stage_label (index)));
  gtk_label_set_xalign (column->title, 0);
  gtk_label_set_wrap (column->title, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (column->title), "title-4");
  column->count = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (column->count, 0);
  gtk_widget_add_css_class (GTK_WIDGET (column->count), "dim-label");
  column->values = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (column->values, 0);
  gtk_widget_add_css_class (GTK_WIDGET (column->values), "numeric");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (column->title));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (column->count));
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (column->values));
  gtk_widget_set_margin_start (header, 4);
  gtk_box_append (GTK_BOX (column->box), header);

  g_signal_connect (factory, "setup", G_CALLBACK (on_card_setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (on_card_bind_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_card_unbind_cb), self);
  column->selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (column->selection, FALSE);
  gtk_single_selection_set_can_unselect (column->selection, TRUE);
  column->list = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (column->selection)),
                                                   factory));
  gtk_widget_add_css_class (GTK_WIDGET (column->list), "pipeline-list");
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (column->list));
  gtk_widget_set_vexpand (scrolled, TRUE);
  column->vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_signal_connect_swapped (column->vadjustment, "changed", G_CALLBACK (on_vadjustment_changed_cb), column);
  g_signal_connect_swapped (column->vadjustment, "value-changed", G_CALLBACK (on_vadjustment_changed_cb), column);
  gtk_box_append (GTK_BOX (column->box), scrolled);

  g_signal_connect (drop, "drop", G_CALLBACK (on_drop_cb), column);
  g_signal_connect (drop, "enter", G_CALLBACK (on_drop_enter_cb), column);
  g_signal_connect (drop, "leave", G_CALLBACK (on_drop_leave_cb), column);
  gtk_widget_add_controller (column->box, GTK_EVENT_CONTROLLER (drop));

  gtk_box_append (self->columns_box, column->box);
}

static void
load_column (KlPipelineBoard *self,
             Column          *column)
{
  KlSession *session = kl_page_get_session (KL_PAGE (self));

  column->deals = kl_query_list_new_frozen (session, kl_deal_list_def ());
  /* The board places a changed deal itself: it knows a move's columns. */
  kl_query_list_set_row_changes (column->deals, KL_QUERY_ROWS_BY_CALLER);
  kl_query_list_set_filter_text (column->deals, "stage", kl_pipeline_stage (column->index));
  if (self->manager_id != 0)
    kl_query_list_set_filter_int (column->deals, "manager", self->manager_id);
  kl_query_list_set_sort (column->deals, "stage-entered", TRUE);
  kl_query_list_thaw (column->deals);
  /* A screenful of cards; more as the column scrolls. */
  column->shown = kl_first_rows_new (G_LIST_MODEL (column->deals), FIRST_CARDS);
  gtk_single_selection_set_model (column->selection, G_LIST_MODEL (column->shown));
}

static void
kl_pipeline_board_session_set (KlPage    *page,
                               KlSession *session)
{
  KlPipelineBoard *self = KL_PIPELINE_BOARD (page);

  self->deal_store = g_object_ref (kl_session_get_store (session, KL_TYPE_DEAL));
  g_signal_connect_object (self->deal_store, "changed", G_CALLBACK (on_deals_changed_cb), self,
                           G_CONNECT_SWAPPED);
  for (guint i = 0; i < KL_PIPELINE_N_STAGES; i++)
    load_column (self, &self->columns[i]);
  update_headers (self);
}

static void
kl_pipeline_board_dispose (GObject *object)
{
  KlPipelineBoard *self = KL_PIPELINE_BOARD (object);

  for (guint i = 0; i < KL_PIPELINE_N_STAGES; i++)
    {
      g_clear_handle_id (&self->columns[i].grow_id, g_source_remove);
      if (self->columns[i].vadjustment != NULL)
        g_signal_handlers_disconnect_by_data (self->columns[i].vadjustment, &self->columns[i]);
      self->columns[i].vadjustment = NULL;
    }
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_PIPELINE_BOARD);
  for (guint i = 0; i < KL_PIPELINE_N_STAGES; i++)
    {
      g_clear_object (&self->columns[i].selection);
      g_clear_object (&self->columns[i].shown);
      g_clear_object (&self->columns[i].deals);
    }
  g_clear_object (&self->deal_store);

  G_OBJECT_CLASS (kl_pipeline_board_parent_class)->dispose (object);
}

static void
kl_pipeline_board_finalize (GObject *object)
{
  KlPipelineBoard *self = KL_PIPELINE_BOARD (object);

  g_clear_pointer (&self->last_move, kl_pipeline_move_free);
  g_clear_pointer (&self->filters, g_hash_table_unref);
  for (guint i = 0; i < KL_PIPELINE_N_STAGES; i++)
    {
      g_clear_pointer (&self->columns[i].summary, g_free);
      g_clear_pointer (&self->columns[i].sums, g_array_unref);
    }

  G_OBJECT_CLASS (kl_pipeline_board_parent_class)->finalize (object);
}

static void
kl_pipeline_board_class_init (KlPipelineBoardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlPageClass *page_class = KL_PAGE_CLASS (klass);

  object_class->dispose = kl_pipeline_board_dispose;
  object_class->finalize = kl_pipeline_board_finalize;
  page_class->session_set = kl_pipeline_board_session_set;

  gtk_widget_class_install_action (widget_class, "board.move-to", "s", move_to_action);
  gtk_widget_class_install_action (widget_class, "board.move-deal", "(xs)", move_deal_action);
  gtk_widget_class_install_action (widget_class, "board.move-step", "i", move_step_action);
  gtk_widget_class_install_action (widget_class, "board.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "board.menu", NULL, menu_action);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/deals/kl-pipeline-board.ui");
  gtk_widget_class_bind_template_child (widget_class, KlPipelineBoard, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlPipelineBoard, columns_box);
}

/* The board's keys, caught before the lists' own (a list view takes the
 * arrows with Ctrl and Shift for its selection). */
static void
add_shortcuts (KlPipelineBoard *self)
{
  static const struct {
    const char *trigger;
    const char *action;
    const char *target;         /* a GVariant's text */
  } keys[] = {
    { "<Control><Shift>Right", "board.move-step", "1" },
    { "<Control><Shift>KP_Right", "board.move-step", "1" },
    { "<Control><Shift>Left", "board.move-step", "-1" },
    { "<Control><Shift>KP_Left", "board.move-step", "-1" },
    { "Menu", "board.menu", NULL },
    { "<Shift>F10", "board.menu", NULL },
    { "<Control>z", "board.undo", NULL },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_shortcut_trigger_parse_string (keys[i].trigger),
                                                gtk_named_action_new (keys[i].action));

      if (keys[i].target != NULL)
        gtk_shortcut_set_arguments (shortcut, g_variant_new_int32 ((gint32)g_ascii_strtoll (keys[i].target, NULL, 10)));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

static void
kl_pipeline_board_init (KlPipelineBoard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  add_shortcuts (self);
  for (guint i = 0; i < KL_PIPELINE_N_STAGES; i++)
    build_column (self, i);
}

GtkWidget *
kl_pipeline_board_new (KlSession *session)
{
  GtkWidget *board = g_object_new (KL_TYPE_PIPELINE_BOARD, NULL);

  kl_page_set_session (KL_PAGE (board), session);
  return board;
}

/**
 * kl_pipeline_board_get_column:
 * @column: 0 … KL_PIPELINE_N_STAGES - 1
 *
 * Returns: (transfer none) (nullable): the deals the column shows
 */
GListModel *
kl_pipeline_board_get_column (KlPipelineBoard *self,
                              guint            column)
{
  g_return_val_if_fail (KL_IS_PIPELINE_BOARD (self), NULL);
  g_return_val_if_fail (column < KL_PIPELINE_N_STAGES, NULL);

  return self->columns[column].deals != NULL ? G_LIST_MODEL (self->columns[column].deals) : NULL;
}

GtkListView *
kl_pipeline_board_get_list_view (KlPipelineBoard *self,
                                 guint            column)
{
  g_return_val_if_fail (KL_IS_PIPELINE_BOARD (self), NULL);
  g_return_val_if_fail (column < KL_PIPELINE_N_STAGES, NULL);

  return self->columns[column].list;
}

/* The count the column's header shows. */
guint
kl_pipeline_board_get_count (KlPipelineBoard *self,
                             guint            column)
{
  g_return_val_if_fail (KL_IS_PIPELINE_BOARD (self), 0);
  g_return_val_if_fail (column < KL_PIPELINE_N_STAGES, 0);

  return self->columns[column].n_deals;
}

/* The column's header in one line, as a screen reader reads it. */
const char *
kl_pipeline_board_get_summary (KlPipelineBoard *self,
                               guint            column)
{
  g_return_val_if_fail (KL_IS_PIPELINE_BOARD (self), NULL);
  g_return_val_if_fail (column < KL_PIPELINE_N_STAGES, NULL);

  return self->columns[column].summary;
}

/* One manager's deals (-1: nobody's), or everyone's (0). */
void
kl_pipeline_board_set_manager (KlPipelineBoard *self,
                               gint64           manager_id)
{
  g_return_if_fail (KL_IS_PIPELINE_BOARD (self));

  if (self->manager_id == manager_id)
    return;
  self->manager_id = manager_id;
  if (kl_page_get_session (KL_PAGE (self)) == NULL)
    return;
  for (guint i = 0; i < KL_PIPELINE_N_STAGES; i++)
    {
      if (manager_id != 0)
        kl_query_list_set_filter_int (self->columns[i].deals, "manager", manager_id);
      else
        kl_query_list_clear_filter (self->columns[i].deals, "manager");
    }
  update_headers (self);
}

/* Another filter of the deals' list (kl-deal-list.c) set, or cleared, on
 * every column; then the headers. */
static void
filter_changed (KlPipelineBoard *self,
                const char      *filter,
                gboolean         set)
{
  if (set)
    g_hash_table_add (self->filters, g_strdup (filter));
  else
    g_hash_table_remove (self->filters, filter);
  update_headers (self);
}

/**
 * kl_pipeline_board_set_filter_text:
 * @filter: a filter of the deals' list: "search", "close_month"
 * @value: (nullable): its value; %NULL or "" clears it
 *
 * Shows only the deals the filter lets through, as the Deals list does.
 */
void
kl_pipeline_board_set_filter_text (KlPipelineBoard *self,
                                   const char      *filter,
                                   const char      *value)
{
  gboolean set = value != NULL && *value != '\0';

  g_return_if_fail (KL_IS_PIPELINE_BOARD (self));
  g_return_if_fail (filter != NULL);

  if (kl_page_get_session (KL_PAGE (self)) == NULL ||
      (!set && !g_hash_table_contains (self->filters, filter)))
    return;
  for (guint i = 0; i < KL_PIPELINE_N_STAGES; i++)
    {
      if (set)
        kl_query_list_set_filter_text (self->columns[i].deals, filter, value);
      else
        kl_query_list_clear_filter (self->columns[i].deals, filter);
    }
  filter_changed (self, filter, set);
}

/**
 * kl_pipeline_board_set_filter_int:
 * @filter: a filter of the deals' list: "client"
 * @value: its value; 0 clears it
 */
void
kl_pipeline_board_set_filter_int (KlPipelineBoard *self,
                                  const char      *filter,
                                  gint64           value)
{
  g_return_if_fail (KL_IS_PIPELINE_BOARD (self));
  g_return_if_fail (filter != NULL);

  if (kl_page_get_session (KL_PAGE (self)) == NULL ||
      (value == 0 && !g_hash_table_contains (self->filters, filter)))
    return;
  for (guint i = 0; i < KL_PIPELINE_N_STAGES; i++)
    {
      if (value != 0)
        kl_query_list_set_filter_int (self->columns[i].deals, filter, value);
      else
        kl_query_list_clear_filter (self->columns[i].deals, filter);
    }
  filter_changed (self, filter, value != 0);
}

/* The cards the column holds now (made or to be made), for tests and
 * the bench: at most a screenful more than it shows. */
guint
kl_pipeline_board_get_n_cards (KlPipelineBoard *self,
                               guint            column)
{
  g_return_val_if_fail (KL_IS_PIPELINE_BOARD (self), 0);
  g_return_val_if_fail (column < KL_PIPELINE_N_STAGES, 0);

  return self->columns[column].shown != NULL
         ? g_list_model_get_n_items (G_LIST_MODEL (self->columns[column].shown)) : 0;
}
