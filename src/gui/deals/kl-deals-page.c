/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kl-deals-page.h"

#include "kl-client-picker.h"
#include "kl-deal-editor.h"
#include "kl-deal-list.h"
#include "kl-entities.h"
#include "kl-format.h"
#include "kl-list-export.h"
#include "kl-pipeline-board.h"
#include "kl-query-view.h"

/* The Deals section: a search entry and filters (open/won/lost, stage,
 * manager, expected close month, client) above a column view over the
 * deals' KlQueryList; sorting and filtering are its SQL. Under the list,
 * how many deals it holds and their sum per currency — never one sum
 * across currencies. Enter or a double click opens a deal in the editor;
 * Ctrl+N (or "New Deal") starts one.
 *
 * List and Board switch the view ("deals.view", Ctrl+Shift+L and B): the
 * board (KlPipelineBoard, made when first shown) has the open deals in a
 * column per stage; the search, manager, expected close month and client
 * filters apply to it as to the list (the same filters of the same list
 * definition), and those that mean nothing to it (state, stage) hide while
 * it shows.
 *
 * Ctrl+E (or the spreadsheet button under the list) exports the list as it
 * is shown — filters, search, order, every row — to a workbook
 * (KlListExport); not the board. */

#define MONTHS_BACK 3
#define MONTHS_AHEAD 12

struct _KlDealsPage
{
  KlPage            parent_instance;

  KlQueryList      *deals;
  GArray           *manager_ids;   /* per manager_dropdown row: 0 all, -1 none */
  GPtrArray        *months;        /* per month_dropdown row: "YYYY-MM", NULL all */
  char             *view;          /* "list" or "board" */
  KlPipelineBoard  *board;         /* once shown */

  /* Template children */
  AdwToastOverlay  *toast_overlay;
  GtkSearchEntry   *search_entry;
  GtkDropDown      *state_dropdown;
  GtkDropDown      *stage_dropdown;
  GtkDropDown      *manager_dropdown;
  GtkDropDown      *month_dropdown;
  GtkMenuButton    *client_button;
  KlClientPicker   *client_picker;
  GtkColumnView    *column_view;
  GtkColumnViewColumn *client_column;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *amount_column;
  GtkColumnViewColumn *stage_column;
  GtkColumnViewColumn *probability_column;
  GtkColumnViewColumn *expected_close_column;
  GtkColumnViewColumn *manager_column;
  GtkColumnViewColumn *days_in_stage_column;
  GtkLabel         *summary_label;
  GtkStack         *view_stack;
  GtkToggleButton  *list_button;
  GtkToggleButton  *board_button;
  GtkButton        *export_button;
  KlListExport     *list_export;
};

enum {
  PROP_0,
  PROP_VIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (KlDealsPage, kl_deals_page, KL_TYPE_PAGE)

static const char * const states[] = { "open", "won", "lost", NULL };
static const char * const state_labels[] = { N_("Open deals"), N_("Won deals"), N_("Lost deals"), NULL };

/* Cells */

static char *
client_cell (KlEntity *deal)
{
  return g_strdup (kl_entity_get_text (deal, "client_name"));
}

static char *
title_cell (KlEntity *deal)
{
  return g_strdup (kl_entity_get_text (deal, "title"));
}

static char *
amount_cell (KlEntity *deal)
{
  return kl_format_money (kl_entity_get_number (deal, "amount"), kl_entity_get_text (deal, "currency"));
}

static char *
stage_cell (KlEntity *deal)
{
  return g_strdup (kl_choice_label (kl_deal_stages, kl_entity_get_text (deal, "stage")));
}

static char *
probability_cell (KlEntity *deal)
{
  /* TRANSLATORS: a probability in per cent */
  return g_strdup_printf (_("%d %%"), (int)kl_entity_get_number (deal, "probability"));
}

static char *
expected_close_cell (KlEntity *deal)
{
  return kl_format_date (kl_entity_get_text (deal, "expected_close"));
}

static char *
manager_cell (KlEntity *deal)
{
  return g_strdup (kl_entity_get_text (deal, "manager_name"));
}

static gboolean
is_closed (KlEntity *deal)
{
  const char *stage = kl_entity_get_text (deal, "stage");

  return g_strcmp0 (stage, "won") == 0 || g_strcmp0 (stage, "lost") == 0;
}

static char *
days_in_stage_cell (KlEntity *deal)
{
  if (is_closed (deal))
    return NULL;

  return g_strdup_printf ("%" G_GINT64_FORMAT, kl_entity_get_number (deal, "days_in_stage"));
}

/* Helpers */

static void
update_summary (KlDealsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) totals = kl_query_list_get_totals (self->deals, &error);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->deals));
  g_autoptr(GString) text = g_string_new (NULL);

  if (n == 0)
    {
      gtk_label_set_text (self->summary_label, _("No deals match."));
      return;
    }

  g_string_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u deal", "%u deals", n), n);
  for (guint i = 0; totals != NULL && i < totals->len; i++)
    {
      KlQueryTotal *total = &g_array_index (totals, KlQueryTotal, i);
      g_autofree char *money = kl_format_money (total->amount, total->currency);

      /* One sum per currency, never added up. */
      g_string_append (text, i == 0 ? " · " : ", ");
      g_string_append (text, money);
    }
  gtk_label_set_text (self->summary_label, text->str);
}

static void
fill_managers (KlDealsPage *self)
{
  KlSession *session = kl_page_get_session (KL_PAGE (self));
  g_autoptr(GListModel) managers = kl_store_list_all (kl_session_get_store (session, KL_TYPE_MANAGER), NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 id;

  g_clear_pointer (&self->manager_ids, g_array_unref);
  self->manager_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  gtk_string_list_append (names, _("All managers"));
  id = 0;
  g_array_append_val (self->manager_ids, id);
  gtk_string_list_append (names, _("No manager"));
  id = KL_DEAL_LIST_NO_MANAGER;
  g_array_append_val (self->manager_ids, id);
  for (guint i = 0; managers != NULL && i < g_list_model_get_n_items (managers); i++)
    {
      g_autoptr(KlEntity) manager = g_list_model_get_item (managers, i);

      gtk_string_list_append (names, kl_manager_get_name (KL_MANAGER (manager)));
      id = kl_entity_get_id (manager);
      g_array_append_val (self->manager_ids, id);
    }
  gtk_drop_down_set_model (self->manager_dropdown, G_LIST_MODEL (names));
}

static void
fill_months (KlDealsPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) first = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                      1, 0, 0, 0);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_clear_pointer (&self->months, g_ptr_array_unref);
  self->months = g_ptr_array_new_with_free_func (g_free);
  gtk_string_list_append (names, _("Any close month"));
  g_ptr_array_add (self->months, NULL);
  for (int i = -MONTHS_BACK; i <= MONTHS_AHEAD; i++)
    {
      g_autoptr(GDateTime) month = g_date_time_add_months (first, i);
      /* %OB: the month's name on its own (nominative in hr and ru). */
      g_autofree char *name = g_date_time_format (month, "%OB %Y");

      gtk_string_list_append (names, name);
      g_ptr_array_add (self->months, g_date_time_format (month, "%Y-%m"));
    }
  gtk_drop_down_set_model (self->month_dropdown, G_LIST_MODEL (names));
}

static void
open_editor (KlDealsPage *self,
             KlDeal      *deal)
{
  KlSession *session = kl_page_get_session (KL_PAGE (self));
  KlDealEditor *editor = kl_deal_editor_new (session, 0, deal);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "won", G_CALLBACK (kl_deal_editor_show_won_toast),
                           self->toast_overlay, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

/* Callbacks */

static void
on_column_view_activate_cb (KlDealsPage   *self,
                            guint          position,
                            GtkColumnView *view)
{
  g_autoptr(KlDeal) deal = g_list_model_get_item (G_LIST_MODEL (self->deals), position);

  if (deal != NULL)
    open_editor (self, deal);
}

static void
on_manager_dropdown_selected_cb (KlDealsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->manager_dropdown);
  gint64 id = selected < self->manager_ids->len ? g_array_index (self->manager_ids, gint64, selected) : 0;

  if (id == 0)
    kl_query_list_clear_filter (self->deals, "manager");
  else
    kl_query_list_set_filter_int (self->deals, "manager", id);
  if (self->board != NULL)
    kl_pipeline_board_set_manager (self->board, id);
}

static gint64
selected_manager (KlDealsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->manager_dropdown);

  return self->manager_ids != NULL && selected < self->manager_ids->len
         ? g_array_index (self->manager_ids, gint64, selected) : 0;
}

static GArray *
get_list_ids (GtkWidget  *page,
              GError    **error)
{
  return kl_query_list_get_ids (KL_DEALS_PAGE (page)->deals, error);
}

static void
export_list_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KlDealsPage *self = KL_DEALS_PAGE (widget);

  if (g_strcmp0 (self->view, "list") != 0)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  kl_list_export_choose (self->list_export);
}

/* The board's search: what is typed in the list's search entry, the list's
 * "search" filter on each column. */
static void
on_search_changed_cb (KlDealsPage *self)
{
  if (self->board != NULL)
    kl_pipeline_board_set_filter_text (self->board, "search",
                                       gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* The filters the board has no use for: it shows the open deals, a
 * column per stage. */
static void
show_list_filters (KlDealsPage *self,
                   gboolean     shown)
{
  GtkWidget *filters[] = {
    GTK_WIDGET (self->state_dropdown), GTK_WIDGET (self->stage_dropdown),
  };

  gtk_widget_set_visible (GTK_WIDGET (self->export_button), shown);
  /* Each in its flow box child. */
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    gtk_widget_set_visible (gtk_widget_get_parent (filters[i]), shown);
}

/**
 * kl_deals_page_set_view:
 * @view: "list" or "board"
 *
 * Shows the deals as the list or on the pipeline board.
 */
void
kl_deals_page_set_view (KlDealsPage *self,
                        const char  *view)
{
  gboolean board;

  g_return_if_fail (KL_IS_DEALS_PAGE (self));
  g_return_if_fail (g_strcmp0 (view, "list") == 0 || g_strcmp0 (view, "board") == 0);

  if (g_strcmp0 (self->view, view) == 0)
    return;
  g_free (self->view);
  self->view = g_strdup (view);
  board = strcmp (view, "board") == 0;

  if (board && self->board == NULL && kl_page_get_session (KL_PAGE (self)) != NULL)
    {
      guint month = gtk_drop_down_get_selected (self->month_dropdown);

      self->board = KL_PIPELINE_BOARD (kl_pipeline_board_new (kl_page_get_session (KL_PAGE (self))));
      kl_pipeline_board_set_manager (self->board, selected_manager (self));
      on_search_changed_cb (self);
      if (month < self->months->len && g_ptr_array_index (self->months, month) != NULL)
        kl_pipeline_board_set_filter_text (self->board, "close_month", g_ptr_array_index (self->months, month));
      if (kl_client_picker_get_client_id (self->client_picker) != 0)
        kl_pipeline_board_set_filter_int (self->board, "client", kl_client_picker_get_client_id (self->client_picker));
      gtk_stack_add_named (self->view_stack, GTK_WIDGET (self->board), "board");
    }
  show_list_filters (self, !board);
  if (!board || self->board != NULL)
    gtk_stack_set_visible_child_name (self->view_stack, view);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

const char *
kl_deals_page_get_view (KlDealsPage *self)
{
  g_return_val_if_fail (KL_IS_DEALS_PAGE (self), NULL);

  return self->view;
}

/* The board, once shown: for tests. */
KlPipelineBoard *
kl_deals_page_get_board (KlDealsPage *self)
{
  g_return_val_if_fail (KL_IS_DEALS_PAGE (self), NULL);

  return self->board;
}

static void
on_month_dropdown_selected_cb (KlDealsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->month_dropdown);
  const char *month = selected < self->months->len ? g_ptr_array_index (self->months, selected) : NULL;

  kl_query_list_set_filter_text (self->deals, "close_month", month);
  if (self->board != NULL)
    kl_pipeline_board_set_filter_text (self->board, "close_month", month);
}

static void
on_client_picker_notify_client_id_cb (KlDealsPage *self)
{
  gint64 id = kl_client_picker_get_client_id (self->client_picker);

  if (self->board != NULL)
    kl_pipeline_board_set_filter_int (self->board, "client", id);
  if (id == 0)
    {
      kl_query_list_clear_filter (self->deals, "client");
      gtk_menu_button_set_label (self->client_button, _("All clients"));
      return;
    }

  kl_query_list_set_filter_int (self->deals, "client", id);
  gtk_menu_button_set_label (self->client_button,
                             gtk_editable_get_text (GTK_EDITABLE (self->client_picker)));
  gtk_menu_button_popdown (self->client_button);
}

/* Actions */

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (KL_DEALS_PAGE (widget), NULL);
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  gtk_widget_grab_focus (GTK_WIDGET (KL_DEALS_PAGE (widget)->search_entry));
}

/* Overrides */

static void
kl_deals_page_session_set (KlPage    *page,
                           KlSession *session)
{
  KlDealsPage *self = KL_DEALS_PAGE (page);

  self->deals = kl_deal_list_new (session);

  kl_query_view_set_cell (self->client_column, client_cell, 0.0f, 20);
  kl_query_view_set_cell (self->title_column, title_cell, 0.0f, 24);
  kl_query_view_set_cell (self->amount_column, amount_cell, 1.0f, 14);
  kl_query_view_set_cell (self->stage_column, stage_cell, 0.0f, 12);
  kl_query_view_set_cell (self->probability_column, probability_cell, 1.0f, 5);
  kl_query_view_set_cell (self->expected_close_column, expected_close_cell, 0.0f, 10);
  kl_query_view_set_cell (self->manager_column, manager_cell, 0.0f, 14);
  kl_query_view_set_cell (self->days_in_stage_column, days_in_stage_cell, 1.0f, 5);

  kl_query_view_add_sort (self->column_view, self->client_column, "client");
  kl_query_view_add_sort (self->column_view, self->title_column, "title");
  kl_query_view_add_sort (self->column_view, self->amount_column, "amount");
  kl_query_view_add_sort (self->column_view, self->stage_column, "stage");
  kl_query_view_add_sort (self->column_view, self->probability_column, "probability");
  kl_query_view_add_sort (self->column_view, self->expected_close_column, "expected-close");
  kl_query_view_add_sort (self->column_view, self->manager_column, "manager");
  kl_query_view_add_sort (self->column_view, self->days_in_stage_column, "days-in-stage");

  /* Open deals first: what a manager works on. */
  kl_query_list_set_filter_text (self->deals, "state", "open");
  kl_query_view_attach (self->column_view, self->deals);
  kl_query_view_bind_search (GTK_EDITABLE (self->search_entry), self->deals, "search");
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb), self,
                           G_CONNECT_SWAPPED);
  kl_query_view_bind_choice (self->state_dropdown, self->deals, "state", _("Open, won and lost"),
                             states, state_labels);
  gtk_drop_down_set_selected (self->state_dropdown, 1);
  kl_query_view_bind_choice (self->stage_dropdown, self->deals, "stage", _("All stages"), kl_deal_stages, NULL);

  fill_managers (self);
  fill_months (self);
  g_signal_connect_object (self->manager_dropdown, "notify::selected",
                           G_CALLBACK (on_manager_dropdown_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->month_dropdown, "notify::selected",
                           G_CALLBACK (on_month_dropdown_selected_cb), self, G_CONNECT_SWAPPED);
  kl_client_picker_set_session (self->client_picker, session);
  g_signal_connect_object (self->client_picker, "notify::client-id",
                           G_CALLBACK (on_client_picker_notify_client_id_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->deals, "items-changed", G_CALLBACK (update_summary), self, G_CONNECT_SWAPPED);
  update_summary (self);
}

static void
kl_deals_page_dispose (GObject *object)
{
  KlDealsPage *self = KL_DEALS_PAGE (object);

  if (self->deals != NULL)
    g_signal_handlers_disconnect_by_data (self->deals, self);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_DEALS_PAGE);
  g_clear_object (&self->deals);
  g_clear_pointer (&self->manager_ids, g_array_unref);
  g_clear_pointer (&self->months, g_ptr_array_unref);
  self->board = NULL;

  G_OBJECT_CLASS (kl_deals_page_parent_class)->dispose (object);
}

static void
kl_deals_page_finalize (GObject *object)
{
  g_free (KL_DEALS_PAGE (object)->view);

  G_OBJECT_CLASS (kl_deals_page_parent_class)->finalize (object);
}

static void
kl_deals_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_string (value, KL_DEALS_PAGE (object)->view);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_deals_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  switch (prop_id)
    {
    case PROP_VIEW:
      kl_deals_page_set_view (KL_DEALS_PAGE (object), g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_deals_page_class_init (KlDealsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlPageClass *page_class = KL_PAGE_CLASS (klass);

  object_class->dispose = kl_deals_page_dispose;
  object_class->finalize = kl_deals_page_finalize;
  object_class->get_property = kl_deals_page_get_property;
  object_class->set_property = kl_deals_page_set_property;
  page_class->session_set = kl_deals_page_session_set;

  /**
   * KlDealsPage:view:
   *
   * "list" or "board": how the deals are shown.
   */
  properties[PROP_VIEW] =
    g_param_spec_string ("view", NULL, NULL, "list",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_install_property_action (widget_class, "deals.view", "view");

  /* Ctrl+N is the window's "win.new", which asks the page shown. */
  gtk_widget_class_install_action (widget_class, "page.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "deals.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "page.export-list", NULL, export_list_action);

  g_type_ensure (KL_TYPE_CLIENT_PICKER);
  g_type_ensure (KL_TYPE_LIST_EXPORT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/deals/kl-deals-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, stage_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, manager_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, month_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, client_button);
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, client_picker);
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, client_column);
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, title_column);
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, amount_column);
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, stage_column);
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, probability_column);
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, expected_close_column);
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, manager_column);
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, days_in_stage_column);
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, list_button);
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, board_button);
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, KlDealsPage, list_export);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
}

static void
kl_deals_page_init (KlDealsPage *self)
{
  self->view = g_strdup ("list");
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Translators: the file name offered for an exported list of deals; keep the date and the ending */
  kl_list_export_setup (self->list_export, KL_WORKBOOK_PIPELINE, _("deals %s.xlsx"), get_list_ids);
}

/* The list the page shows: for tests. */
KlQueryList *
kl_deals_page_get_list (KlDealsPage *self)
{
  g_return_val_if_fail (KL_IS_DEALS_PAGE (self), NULL);

  return self->deals;
}
