/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "kl-deals-page.h"
#include "kl-entities.h"
#include "kl-funnel-page.h"
#include "kl-pipeline-board.h"
#include "kl-query-list.h"
#include "kl-test-gui.h"

/* The pipeline board with real widgets: its columns, counts and values per
 * currency, the cards' names for a screen reader, a move with real key
 * presses (written to the stage history), the undo in its toast, the menu
 * of a card, and the funnel following the move once shown. */

typedef struct {
  char            *dir;
  KlSession       *session;
  KlStore         *deals;
  GtkWindow       *window;
  KlPipelineBoard *board;
  gint64           deal_ids[6];
} Fixture;

typedef struct {
  const char *title;
  const char *stage;
  gint64      amount;
  const char *currency;
} Deal;

/* Inserted in this order, so the newest in a stage comes first. */
static const Deal deals[] = {
  { "Server room", "lead", 400000, "EUR" },
  { "Office chairs", "lead", 150000, "EUR" },
  { "Warehouse racks", "lead", 9900000, "RUB" },
  { "Printers", "contacted", 250000, "EUR" },
  { "Fleet tyres", "offer", 1200000, "EUR" },
  { "Cleaning", "negotiation", 80000, "EUR" },
};

static gint64
insert (KlStore  *store,
        KlEntity *entity)
{
  g_autoptr(GError) error = NULL;

  kl_store_insert (store, entity, &error);
  g_assert_no_error (error);
  return kl_entity_get_id (entity);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(KlEntity) client = g_object_new (KL_TYPE_CLIENT, "name", "Jadran d.o.o.", NULL);
  gint64 client_id;

  f->session = kl_test_open_session ("pipeline-board", &f->dir, NULL);
  f->deals = kl_session_get_store (f->session, KL_TYPE_DEAL);
  client_id = insert (kl_session_get_store (f->session, KL_TYPE_CLIENT), client);
  for (guint i = 0; i < G_N_ELEMENTS (deals); i++)
    {
      g_autoptr(KlEntity) deal = g_object_new (KL_TYPE_DEAL, "client-id", client_id, "title", deals[i].title,
                                               "stage", deals[i].stage, "amount", deals[i].amount,
                                               "currency", deals[i].currency, NULL);

      f->deal_ids[i] = insert (f->deals, deal);
    }
  /* Entered their stages days ago, the first the longest ago. */
  {
    g_autoptr(GError) error = NULL;

    kl_database_exec (kl_session_get_database (f->session),
                      "UPDATE deal_stage_history SET changed_at ="
                      " strftime ('%Y-%m-%dT%H:%M:%S', changed_at, '-' || (10 - deal_id) || ' days')", &error);
    g_assert_no_error (error);
  }
  /* The racks' next call was planned for long ago. */
  {
    g_autoptr(KlEntity) call = g_object_new (KL_TYPE_ACTIVITY, "kind", "call", "subject", "Call back",
                                             "client-id", client_id, "deal-id", f->deal_ids[2],
                                             "starts-at", "2020-01-06T10:00:00", NULL);

    insert (kl_session_get_store (f->session, KL_TYPE_ACTIVITY), call);
  }

  f->board = KL_PIPELINE_BOARD (kl_pipeline_board_new (f->session));
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (f->window, "Pipeline board test");
  gtk_window_set_default_size (f->window, 1300, 700);
  gtk_window_set_child (f->window, GTK_WIDGET (f->board));
  gtk_window_present (f->window);
  kl_test_wait_ms (200);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_destroy_toplevels ();
  kl_test_close_session (&f->session, &f->dir, NULL);
}

static gint64
history_rows (Fixture *f,
              gint64   deal_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM deal_stage_history WHERE deal_id = %"
                                          G_GINT64_FORMAT, deal_id);

  return kl_test_query_int (f->session, sql);
}

static gint64
deal_at (KlPipelineBoard *board,
         guint            column,
         guint            position)
{
  g_autoptr(KlEntity) deal = g_list_model_get_item (kl_pipeline_board_get_column (board, column), position);

  return deal != NULL ? kl_entity_get_id (deal) : 0;
}

/* The widget that takes the keyboard for the first card of a column. */
static GtkWidget *
first_row (KlPipelineBoard *board,
           guint            column)
{
  GtkWidget *list = GTK_WIDGET (kl_pipeline_board_get_list_view (board, column));

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (gtk_widget_get_focusable (row) && gtk_widget_get_first_child (row) != NULL &&
        g_object_get_data (G_OBJECT (gtk_widget_get_first_child (row)), "deal") != NULL)
      return row;

  return NULL;
}

static void
test_columns (Fixture       *f,
              gconstpointer  data)
{
  const guint counts[] = { 3, 1, 0, 1, 1 };

  for (guint i = 0; i < KL_PIPELINE_N_STAGES; i++)
    {
      g_assert_cmpuint (kl_pipeline_board_get_count (f->board, i), ==, counts[i]);
      g_assert_cmpuint (g_list_model_get_n_items (kl_pipeline_board_get_column (f->board, i)), ==, counts[i]);
    }

  /* Values per currency, never added together; the screen reader's name. */
  g_assert_cmpstr (kl_pipeline_board_get_summary (f->board, 0), ==, "Lead: 3 deals, 5500.00 EUR; 99000.00 RUB");
  g_assert_cmpstr (kl_pipeline_board_get_summary (f->board, 2), ==, "Needs identified: 0 deals");

  /* Newest in the stage first. */
  g_assert_cmpint (deal_at (f->board, 0, 0), ==, f->deal_ids[2]);
  g_assert_cmpint (deal_at (f->board, 0, 2), ==, f->deal_ids[0]);
}

static void
test_cards (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *row = first_row (f->board, 0);
  GtkWidget *card, *overdue;
  g_autofree char *label = NULL;

  g_assert_nonnull (row);
  card = gtk_widget_get_first_child (row);
  overdue = g_object_get_data (G_OBJECT (card), "overdue");
  /* The racks: an overdue call, flagged. */
  g_assert_true (gtk_widget_get_visible (overdue));
  g_assert_cmpstr (gtk_label_get_text (g_object_get_data (G_OBJECT (card), "title")), ==, "Warehouse racks");
  g_assert_cmpstr (gtk_label_get_text (g_object_get_data (G_OBJECT (card), "client")), ==, "Jadran d.o.o.");
  g_assert_cmpstr (gtk_label_get_text (g_object_get_data (G_OBJECT (card), "amount")), ==, "99000.00 RUB");
  g_assert_cmpstr (gtk_label_get_text (g_object_get_data (G_OBJECT (card), "days")), ==, "7 days in stage");
}

static void
on_funnel_changed_cb (KlFunnelView *view,
                      GParamSpec   *pspec,
                      guint        *changes)
{
  (*changes)++;
}

/* Ctrl+Shift+Right on the focused card: the next stage, one history row,
 * the counts, the funnel; then Undo in the toast puts everything back. */
static void
test_keyboard_move (Fixture       *f,
                    gconstpointer  data)
{
  gint64 racks = f->deal_ids[2];
  gint64 history = history_rows (f, racks);
  KlFunnelPage *funnel_page = KL_FUNNEL_PAGE (kl_funnel_page_new (f->session));
  KlFunnelView *funnel_view = kl_funnel_page_get_view (funnel_page);
  GtkWidget *row = first_row (f->board, 0);
  GtkWidget *button = NULL;
  g_autoptr(KlEntity) deal = NULL;
  guint funnel_changes = 0;
  guint fetches[KL_PIPELINE_N_STAGES] = { 0 };

  g_object_ref_sink (funnel_page);
  g_signal_connect (funnel_view, "notify::funnel", G_CALLBACK (on_funnel_changed_cb), &funnel_changes);
  /* Printers, the tyres and the cleaning reached Contacted or later. */
  g_assert_cmpuint (kl_funnel_view_get_funnel (funnel_view)->stages[KL_FUNNEL_CONTACTED].reached, ==, 3);

  g_assert_nonnull (row);
  gtk_widget_grab_focus (row);
  g_assert_cmpint (kl_pipeline_board_get_focused_deal (f->board), ==, racks);
  for (guint i = 2; i < KL_PIPELINE_N_STAGES; i++)
    fetches[i] = kl_query_list_get_fetches (KL_QUERY_LIST (kl_pipeline_board_get_column (f->board, i)));

  kl_test_press_keys (f->window, "ctrl+shift+Right");

  /* Only the two columns concerned change: the others read nothing. */
  for (guint i = 2; i < KL_PIPELINE_N_STAGES; i++)
    g_assert_cmpuint (kl_query_list_get_fetches (KL_QUERY_LIST (kl_pipeline_board_get_column (f->board, i))), ==,
                      fetches[i]);
  /* The headers, changed without a query, say what one would. */
  g_assert_cmpstr (kl_pipeline_board_get_summary (f->board, 0), ==, "Lead: 2 deals, 5500.00 EUR");

  deal = kl_store_get (f->deals, racks, NULL);
  g_assert_cmpstr (kl_entity_get_text (deal, "stage"), ==, "contacted");
  g_assert_cmpint (history_rows (f, racks), ==, history + 1);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count (*) FROM deal_stage_history"
                                                  " WHERE from_stage = 'lead' AND to_stage = 'contacted'"), ==, 1);
  g_assert_cmpuint (kl_pipeline_board_get_count (f->board, 0), ==, 2);
  g_assert_cmpuint (kl_pipeline_board_get_count (f->board, 1), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (kl_pipeline_board_get_column (f->board, 1)), ==, 2);
  /* On top of its new column, still under the keyboard. */
  g_assert_cmpint (deal_at (f->board, 1, 0), ==, racks);
  g_assert_cmpint (kl_pipeline_board_get_focused_deal (f->board), ==, racks);
  /* The funnel follows: hidden, it waits; the Funnel section shown, it
   * has the move. */
  kl_test_iterate ();
  g_assert_cmpuint (funnel_changes, ==, 0);
  {
    GtkWidget *window = gtk_window_new ();

    gtk_window_set_default_size (GTK_WINDOW (window), 900, 600);
    gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (funnel_page));
    gtk_window_present (GTK_WINDOW (window));
    kl_test_iterate ();
  }
  g_assert_cmpuint (funnel_changes, ==, 1);
  g_assert_cmpuint (kl_funnel_view_get_funnel (funnel_view)->stages[KL_FUNNEL_CONTACTED].reached, ==, 4);

  /* Again: to Needs identified, then back with Ctrl+Shift+Left. */
  kl_test_press_keys (f->window, "ctrl+shift+Right");
  g_assert_cmpuint (kl_pipeline_board_get_count (f->board, 2), ==, 1);
  kl_test_press_keys (f->window, "ctrl+shift+Left");
  g_assert_cmpuint (kl_pipeline_board_get_count (f->board, 2), ==, 0);
  g_assert_cmpuint (kl_pipeline_board_get_count (f->board, 1), ==, 2);
  g_assert_cmpint (history_rows (f, racks), ==, history + 3);

  /* Undo, from the toast's button (the earlier toasts gone: they leave no
   * sooner than 600 ms after they came, kl-toast.c). */
  kl_test_wait_ms (1500);
  {
    GtkWidget *overlay = kl_test_template_child (f->board, KL_TYPE_PIPELINE_BOARD, "toast_overlay");
    GtkWidget *w = overlay;

    /* Depth-first through the overlay for the toast's button. */
    while (w != NULL)
      {
        if (GTK_IS_BUTTON (w) && gtk_button_get_label (GTK_BUTTON (w)) != NULL &&
            strcmp (gtk_button_get_label (GTK_BUTTON (w)), "_Undo") == 0 && gtk_widget_get_mapped (w))
          button = w;
        if (gtk_widget_get_first_child (w) != NULL)
          w = gtk_widget_get_first_child (w);
        else
          {
            while (w != overlay && gtk_widget_get_next_sibling (w) == NULL)
              w = gtk_widget_get_parent (w);
            w = w == overlay ? NULL : gtk_widget_get_next_sibling (w);
          }
      }
  }
  g_assert_nonnull (button);
  /* A button activated clicks when its press has shown (GTK: 250 ms). */
  gtk_widget_activate (button);
  for (guint i = 0; i < 50 && kl_pipeline_board_get_count (f->board, 2) == 0; i++)
    kl_test_wait_ms (100);

  g_clear_object (&deal);
  deal = kl_store_get (f->deals, racks, NULL);
  /* The last move (Needs → Contacted) undone: back in Needs identified. */
  g_assert_cmpstr (kl_entity_get_text (deal, "stage"), ==, "needs");
  g_assert_cmpint (history_rows (f, racks), ==, history + 2);
  g_assert_cmpuint (kl_pipeline_board_get_count (f->board, 2), ==, 1);
  g_assert_cmpuint (kl_pipeline_board_get_count (f->board, 1), ==, 1);

  g_object_unref (funnel_page);
}

/* Menu on a card: "Move To" with every other open stage. */
static void
test_menu (Fixture       *f,
           gconstpointer  data)
{
  GtkWidget *row = first_row (f->board, 3);
  GtkWidget *popover = NULL;
  g_autoptr(KlEntity) deal = NULL;

  g_assert_nonnull (row);
  gtk_widget_grab_focus (row);
  /* The menu of a card in Offer sent offers Lead, Contacted, Needs
   * identified and Negotiation; Shift+F10 opens it too. */
  kl_test_press_keys (f->window, "Menu");
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (f->board)); w != NULL; w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_POPOVER_MENU (w))
      popover = w;
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  gtk_popover_popdown (GTK_POPOVER (popover));
  kl_test_iterate ();
  gtk_widget_grab_focus (row);
  kl_test_press_keys (f->window, "shift+F10");
  /* The first stage offered has the keyboard: the second is one down. */
  kl_test_press_keys (f->window, "Down Return");
  deal = kl_store_get (f->deals, f->deal_ids[4], NULL);
  g_assert_cmpstr (kl_entity_get_text (deal, "stage"), ==, "contacted");
  g_assert_cmpuint (kl_pipeline_board_get_count (f->board, 3), ==, 0);
}

/* Drops: a deal dropped on a column moves there; a closed one is refused. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(KlEntity) deal = kl_store_get (f->deals, f->deal_ids[5], NULL);

  kl_entity_set_text (deal, "stage", "won");
  kl_store_update (f->deals, deal, NULL);
  kl_test_iterate ();
  g_assert_cmpuint (kl_pipeline_board_get_count (f->board, 4), ==, 0);
  g_assert_false (kl_pipeline_board_move_deal (f->board, f->deal_ids[5], "lead"));
  g_assert_true (kl_pipeline_board_move_deal (f->board, f->deal_ids[0], "offer"));
  g_assert_cmpuint (kl_pipeline_board_get_count (f->board, 3), ==, 2);
}

/* A card dragged with the mouse onto another column: the deal is in that
 * stage in the database, its history has the move, both columns and their
 * headers follow. Through X (xdotool): if dragging or dropping breaks,
 * nothing moves. */
static void
test_pointer_drag (Fixture       *f,
                   gconstpointer  data)
{
  gint64 racks = f->deal_ids[2];
  GtkWidget *row = first_row (f->board, 0);
  g_autoptr(KlEntity) deal = NULL;

  g_assert_nonnull (row);
  g_assert_cmpint (deal_at (f->board, 0, 0), ==, racks);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count (*) FROM deal_stage_history"
                                                  " WHERE to_stage = 'offer'"), ==, 1);

  kl_test_drag (gtk_widget_get_first_child (row), GTK_WIDGET (kl_pipeline_board_get_list_view (f->board, 3)));

  deal = kl_store_get (f->deals, racks, NULL);
  g_assert_cmpstr (kl_entity_get_text (deal, "stage"), ==, "offer");
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count (*) FROM deal_stage_history"
                                                  " WHERE from_stage = 'lead' AND to_stage = 'offer'"), ==, 1);
  g_assert_cmpuint (kl_pipeline_board_get_count (f->board, 0), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (kl_pipeline_board_get_column (f->board, 0)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (kl_pipeline_board_get_column (f->board, 3)),
                    ==, kl_pipeline_board_get_count (f->board, 3));
  g_assert_cmpint (deal_at (f->board, 3, 0), ==, racks);
  /* The toast offers to undo it. */
  g_assert_nonnull (kl_test_find_button (f->board, "_Undo"));
}

/* The board inside the Deals section: Ctrl+Shift+B shows it with the
 * manager filter the list has, the list's own filters hide; a card moved
 * from the keyboard there is in the database; Ctrl+Shift+L is the list
 * again, which shows the move. */
static void
test_in_deals_page (Fixture       *f,
                    gconstpointer  data)
{
  KlDealsPage *page = KL_DEALS_PAGE (g_object_new (KL_TYPE_DEALS_PAGE, NULL));
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *search = kl_test_template_child (page, KL_TYPE_DEALS_PAGE, "search_entry");
  GtkWidget *board_button = kl_test_template_child (page, KL_TYPE_DEALS_PAGE, "board_button");
  KlPipelineBoard *board;
  GtkWidget *row;
  g_autoptr(KlEntity) deal = NULL;

  kl_page_set_session (KL_PAGE (page), f->session);
  gtk_window_set_default_size (window, 1300, 700);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  kl_test_wait_ms (200);
  g_assert_cmpstr (kl_deals_page_get_view (page), ==, "list");
  g_assert_null (kl_deals_page_get_board (page));
  g_assert_true (gtk_widget_get_focusable (board_button));

  gtk_widget_grab_focus (search);
  kl_test_press_keys (window, "ctrl+shift+b");
  g_assert_cmpstr (kl_deals_page_get_view (page), ==, "board");
  board = kl_deals_page_get_board (page);
  g_assert_nonnull (board);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (board)));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (board_button)));
  /* The search stays; open, won or lost and the stage hide. */
  g_assert_true (gtk_widget_get_visible (search));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (kl_test_template_child (page, KL_TYPE_DEALS_PAGE,
                                                                                          "stage_dropdown"))));
  g_assert_cmpuint (kl_pipeline_board_get_count (board, 0), ==, 3);

  kl_test_wait_ms (100);
  row = first_row (board, 0);
  g_assert_nonnull (row);
  gtk_widget_grab_focus (row);
  kl_test_press_keys (window, "ctrl+shift+Right");
  deal = kl_store_get (f->deals, f->deal_ids[2], NULL);
  g_assert_cmpstr (kl_entity_get_text (deal, "stage"), ==, "contacted");
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count (*) FROM deal_stage_history"
                                                  " WHERE from_stage = 'lead' AND to_stage = 'contacted'"), ==, 1);

  kl_test_press_keys (window, "ctrl+shift+l");
  g_assert_cmpstr (kl_deals_page_get_view (page), ==, "list");
  g_assert_true (gtk_widget_get_visible (search));
}

/* Each column's deals and its header's count. */
static void
assert_columns (KlPipelineBoard *board,
                const guint     *counts)
{
  for (guint i = 0; i < KL_PIPELINE_N_STAGES; i++)
    {
      g_assert_cmpuint (g_list_model_get_n_items (kl_pipeline_board_get_column (board, i)), ==, counts[i]);
      g_assert_cmpuint (kl_pipeline_board_get_count (board, i), ==, counts[i]);
    }
}

/* The Deals list's search entry and its close month and client filters
 * act on the board as on the list, and the headers count what the columns
 * hold; a search typed in the list applies to the board when it opens. */
static void
test_search_and_filters (Fixture       *f,
                         gconstpointer  data)
{
  static const guint all[] = { 3, 1, 0, 1, 1 };
  static const guint chairs[] = { 1, 0, 0, 0, 0 };
  static const guint none[] = { 0, 0, 0, 0, 0 };
  KlDealsPage *page = KL_DEALS_PAGE (g_object_new (KL_TYPE_DEALS_PAGE, NULL));
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkEditable *search = kl_test_template_child (page, KL_TYPE_DEALS_PAGE, "search_entry");
  GtkDropDown *months = kl_test_template_child (page, KL_TYPE_DEALS_PAGE, "month_dropdown");
  KlPipelineBoard *board;

  kl_page_set_session (KL_PAGE (page), f->session);
  gtk_window_set_default_size (window, 1300, 700);
  gtk_window_set_child (window, GTK_WIDGET (page));
  gtk_window_present (window);
  kl_test_wait_ms (200);

  /* Typed in the list, then the board: only the chairs, in any case. */
  gtk_editable_set_text (search, "CHAIRS");
  kl_test_wait_ms (500);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_deals_page_get_list (page))), ==, 1);
  kl_deals_page_set_view (page, "board");
  kl_test_wait_ms (200);
  board = kl_deals_page_get_board (page);
  assert_columns (board, chairs);
  g_assert_cmpstr (kl_pipeline_board_get_summary (board, 0), ==, "Lead: 1 deal, 1500.00 EUR");

  /* Typed on the board. */
  gtk_editable_set_text (search, "");
  kl_test_wait_ms (500);
  assert_columns (board, all);
  g_assert_cmpstr (kl_pipeline_board_get_summary (board, 0), ==, "Lead: 3 deals, 5500.00 EUR; 99000.00 RUB");
  gtk_editable_set_text (search, "jadran");
  kl_test_wait_ms (500);
  assert_columns (board, all);
  gtk_editable_set_text (search, "nothing like it");
  kl_test_wait_ms (500);
  assert_columns (board, none);
  gtk_editable_set_text (search, "");
  kl_test_wait_ms (500);

  /* A close month none of them has, then any again. */
  gtk_drop_down_set_selected (months, 2);
  kl_test_iterate ();
  assert_columns (board, none);
  gtk_drop_down_set_selected (months, 0);
  kl_test_iterate ();
  assert_columns (board, all);

  /* A move while searching: both headers follow. */
  gtk_editable_set_text (search, "r");
  kl_test_wait_ms (500);
  {
    guint lead = kl_pipeline_board_get_count (board, 0);
    guint contacted = kl_pipeline_board_get_count (board, 1);

    g_assert_true (kl_pipeline_board_move_deal (board, f->deal_ids[0], "contacted"));
    kl_test_iterate ();
    g_assert_cmpuint (kl_pipeline_board_get_count (board, 0), ==, lead - 1);
    g_assert_cmpuint (kl_pipeline_board_get_count (board, 1), ==, contacted + 1);
  }
  gtk_editable_set_text (search, "");
  kl_test_wait_ms (500);
  {
    static const guint moved[] = { 2, 2, 0, 1, 1 };

    assert_columns (board, moved);
  }
}

/* A column makes the cards it shows and a screenful more, not one for
 * each of its first 200 deals; scrolling down brings the rest, to the
 * last. */
static void
test_cards_when_needed (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(KlEntity) first = kl_store_get (f->deals, f->deal_ids[0], NULL);
  GtkWindow *window;
  KlPipelineBoard *board;
  GtkAdjustment *adjustment;
  guint n_cards, n_widgets = 0;

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *title = g_strdup_printf ("Bulk %u", i);
      g_autoptr(KlEntity) deal = g_object_new (KL_TYPE_DEAL, "client-id", kl_entity_get_number (first, "client_id"),
                                               "title", title, "amount", (gint64)1000, NULL);

      insert (f->deals, deal);
    }

  board = KL_PIPELINE_BOARD (kl_pipeline_board_new (f->session));
  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (window, 1300, 700);
  gtk_window_set_child (window, GTK_WIDGET (board));
  gtk_window_present (window);
  kl_test_wait_ms (300);

  g_assert_cmpuint (g_list_model_get_n_items (kl_pipeline_board_get_column (board, 0)), ==, 303);
  g_assert_cmpuint (kl_pipeline_board_get_count (board, 0), ==, 303);
  n_cards = kl_pipeline_board_get_n_cards (board, 0);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (kl_pipeline_board_get_list_view (board, 0)));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    n_widgets++;
  g_test_message ("cards made: %u, rows: %u", n_cards, n_widgets);
  g_assert_cmpuint (n_cards, >=, 12);
  g_assert_cmpuint (n_cards, <, 40);
  g_assert_cmpuint (n_widgets, <=, n_cards + 1);

  /* Scrolled down, again and again: more cards, to the last deal. */
  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (kl_pipeline_board_get_list_view (board, 0)));
  for (guint i = 0; i < 200 && kl_pipeline_board_get_n_cards (board, 0) < 303; i++)
    {
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      kl_test_wait_ms (30);
    }
  g_assert_cmpuint (kl_pipeline_board_get_n_cards (board, 0), ==, 303);
  {
    g_autoptr(KlEntity) last = g_list_model_get_item (G_LIST_MODEL (gtk_list_view_get_model (
                                                        kl_pipeline_board_get_list_view (board, 0))), 302);

    g_assert_cmpint (kl_entity_get_id (last), ==, f->deal_ids[0]);
  }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/pipeline-board/columns", test_columns);
  ADD ("/gui/pipeline-board/cards", test_cards);
  ADD ("/gui/pipeline-board/keyboard-move", test_keyboard_move);
  ADD ("/gui/pipeline-board/menu", test_menu);
  ADD ("/gui/pipeline-board/refused", test_refused);
  ADD ("/gui/pipeline-board/pointer-drag", test_pointer_drag);
  ADD ("/gui/pipeline-board/in-deals-page", test_in_deals_page);
  ADD ("/gui/pipeline-board/search-and-filters", test_search_and_filters);
  ADD ("/gui/pipeline-board/cards-when-needed", test_cards_when_needed);
#undef ADD

  return g_test_run ();
}
