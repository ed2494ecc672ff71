/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "kl-client-card.h"
#include "kl-client-deals.h"
#include "kl-client-picker.h"
#include "kl-contract-editor.h"
#include "kl-deal-editor.h"
#include "kl-deal-list.h"
#include "kl-deals-page.h"
#include "kl-entities.h"
#include "kl-test-gui.h"
#include "kl-window.h"

/* The Deals section and the deal editor with real widgets: a deal made
 * through the editor (client taken in the picker with keys), messages
 * beside the fields, Lost needs a reason, Won tells the opener, the list's
 * filters, sort and totals per currency, Enter opens the editor, Ctrl+N in
 * the window starts a deal while the section is shown. */

typedef struct {
  char      *dir;
  char      *path;
  KlSession *session;
  gint64     jadran;
  gint64     volga;
  gint64     ana;
  gint64     contact;
} Fixture;

static gint64
insert (Fixture  *f,
        KlEntity *entity)
{
  g_autoptr(GError) error = NULL;

  kl_store_insert (kl_session_get_store (f->session, G_OBJECT_TYPE (entity)), entity, &error);
  g_assert_no_error (error);

  return kl_entity_get_id (entity);
}

static gint64
insert_deal (Fixture    *f,
             gint64      client,
             const char *title,
             const char *stage,
             gint64      amount,
             const char *currency)
{
  g_autoptr(KlEntity) deal = kl_session_new_entity (f->session, KL_TYPE_DEAL);

  kl_entity_set_number (deal, "client_id", client);
  kl_entity_set_text (deal, "title", title);
  kl_entity_set_text (deal, "stage", stage);
  if (g_strcmp0 (stage, "lost") == 0)
    kl_entity_set_text (deal, "lost_reason", "Price");
  kl_entity_set_number (deal, "amount", amount);
  kl_entity_set_text (deal, "currency", currency);

  return insert (f, deal);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(KlEntity) jadran = NULL;
  g_autoptr(KlEntity) volga = NULL;
  g_autoptr(KlEntity) ana = NULL;
  g_autoptr(KlEntity) contact = NULL;

  f->session = kl_test_open_session ("deals", &f->dir, &f->path);
  jadran = kl_session_new_entity (f->session, KL_TYPE_CLIENT);
  kl_entity_set_text (jadran, "name", "Jadran d.o.o.");
  f->jadran = insert (f, jadran);
  volga = kl_session_new_entity (f->session, KL_TYPE_CLIENT);
  kl_entity_set_text (volga, "name", "Волга ООО");
  f->volga = insert (f, volga);
  ana = g_object_new (KL_TYPE_MANAGER, NULL);
  kl_entity_set_text (ana, "name", "Ana Horvat");
  f->ana = insert (f, ana);
  contact = g_object_new (KL_TYPE_CONTACT, NULL);
  kl_entity_set_number (contact, "client_id", f->jadran);
  kl_entity_set_text (contact, "name", "Ivo Babić");
  f->contact = insert (f, contact);

  insert_deal (f, f->jadran, "Printers", "offer", 50000, "EUR");
  insert_deal (f, f->jadran, "Servers", "negotiation", 200000, "EUR");
  insert_deal (f, f->volga, "Ноутбуки", "lead", 9000000, "RUB");
  insert_deal (f, f->volga, "Кабели", "lost", 10000, "RUB");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_destroy_toplevels ();
  kl_test_close_session (&f->session, &f->dir, &f->path);
}

static gpointer
child (gpointer    widget,
       const char *name)
{
  return kl_test_template_child (widget, G_OBJECT_TYPE (widget), name);
}

/* A key press as the picker's key controller receives it. */
static void
press_in_picker (KlClientPicker *picker,
                 guint           keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (picker));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  g_assert_true (handled);
  kl_test_iterate ();
}

static KlDealEditor *
open_editor (Fixture *f,
             KlDeal  *deal)
{
  KlDealEditor *editor = kl_deal_editor_new (f->session, 0, deal);

  gtk_window_present (GTK_WINDOW (editor));
  kl_test_wait_ms (50);

  return editor;
}

static void
type (gpointer    row,
      const char *text)
{
  gtk_widget_grab_focus (GTK_WIDGET (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  kl_test_iterate ();
}

static gboolean
error_shown (gpointer    editor,
             const char *column)
{
  g_autofree char *name = g_strconcat (column, "_error", NULL);
  GtkWidget *label = child (editor, name);

  return gtk_widget_get_visible (gtk_widget_get_parent (label)) &&
         *gtk_label_get_text (GTK_LABEL (label)) != '\0';
}

static void
save (KlDealEditor *editor)
{
  g_assert_true (kl_editor_is_valid (KL_EDITOR (editor)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  kl_test_wait_ms (50);
}

static void
on_saved_cb (KlEditor *editor,
             gint64    id,
             gint64   *saved)
{
  *saved = id;
}

static void
test_templates (Fixture       *f,
                gconstpointer  data)
{
  KlDealEditor *editor = open_editor (f, NULL);
  GtkWidget *page = g_object_new (KL_TYPE_DEALS_PAGE, NULL);

  g_assert_nonnull (child (editor, "client_row"));
  /* Probability and "Decision maker reached" are named by their rows. */
  g_assert_cmpuint (kl_test_assert_rows_name_once (editor), >=, 2);
  kl_page_set_session (KL_PAGE (page), f->session);
  g_assert_nonnull (kl_deals_page_get_list (KL_DEALS_PAGE (page)));
  g_object_ref_sink (page);
  g_object_unref (page);
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  KlDealEditor *editor = open_editor (f, NULL);
  KlClientPicker *picker = child (editor, "client_row");
  g_autoptr(KlEntity) deal = NULL;
  g_autoptr(GError) error = NULL;
  gint64 saved = 0;

  g_signal_connect (editor, "saved", G_CALLBACK (on_saved_cb), &saved);
  /* A new deal starts with the client, in the office's currency. */
  g_assert_true (gtk_widget_has_focus (gtk_root_get_focus (GTK_ROOT (editor))) &&
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (editor)), GTK_WIDGET (picker)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "currency_row"))), ==,
                   kl_session_get_office (f->session)->currency);
  g_assert_false (kl_editor_is_valid (KL_EDITOR (editor)));

  type (picker, "jadr");
  g_assert_true (kl_client_picker_is_open (picker));
  press_in_picker (picker, GDK_KEY_Return);
  g_assert_cmpint (kl_client_picker_get_client_id (picker), ==, f->jadran);
  /* The client's contact persons to choose from. */
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (child (editor, "contact_row"))), ==, 2);
  adw_combo_row_set_selected (child (editor, "contact_row"), 1);

  type (child (editor, "title_row"), "Network upgrade");
  type (child (editor, "amount_row"), "1234.50");
  type (child (editor, "expected_close_row"), "2027-03-31");
  /* Needs identified: its usual probability. */
  adw_combo_row_set_selected (child (editor, "stage_row"), 2);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (child (editor, "probability_spin")), ==, 30);
  gtk_spin_button_set_value (child (editor, "probability_spin"), 40);
  gtk_switch_set_active (child (editor, "decision_maker_switch"), TRUE);
  adw_combo_row_set_selected (child (editor, "manager_row"), 1);
  save (editor);

  g_assert_cmpint (saved, >, 0);
  deal = kl_store_get (kl_session_get_store (f->session, KL_TYPE_DEAL), saved, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kl_entity_get_number (deal, "client_id"), ==, f->jadran);
  g_assert_cmpint (kl_entity_get_number (deal, "contact_id"), ==, f->contact);
  g_assert_cmpstr (kl_entity_get_text (deal, "title"), ==, "Network upgrade");
  g_assert_cmpint (kl_entity_get_number (deal, "amount"), ==, 123450);
  g_assert_cmpstr (kl_entity_get_text (deal, "expected_close"), ==, "2027-03-31");
  g_assert_cmpstr (kl_entity_get_text (deal, "stage"), ==, "needs");
  g_assert_cmpint (kl_entity_get_number (deal, "probability"), ==, 40);
  g_assert_cmpint (kl_entity_get_number (deal, "decision_maker_reached"), ==, 1);
  g_assert_cmpint (kl_entity_get_number (deal, "manager_id"), ==, f->ana);
  /* Its first stage is in the history. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM deal_stage_history"
                                            " WHERE deal_id = %" G_GINT64_FORMAT " AND to_stage = 'needs'",
                                            saved);

    g_assert_cmpint (kl_test_query_int (f->session, sql), ==, 1);
  }
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  KlDealEditor *editor = open_editor (f, NULL);
  KlClientPicker *picker = child (editor, "client_row");

  /* A client typed but not taken: said beside the field on leaving it. */
  type (picker, "nobody at all");
  press_in_picker (picker, GDK_KEY_Escape);
  type (child (editor, "title_row"), "x");
  g_assert_true (error_shown (editor, "client"));

  type (picker, "Волга");
  press_in_picker (picker, GDK_KEY_Return);
  g_assert_cmpint (kl_client_picker_get_client_id (picker), ==, f->volga);
  g_assert_false (error_shown (editor, "client"));

  /* A title typed and wiped out. */
  type (child (editor, "title_row"), "");
  g_assert_true (error_shown (editor, "title"));
  g_assert_false (kl_editor_is_valid (KL_EDITOR (editor)));
  type (child (editor, "title_row"), "Ноутбуки 2");
  g_assert_false (error_shown (editor, "title"));

  type (child (editor, "amount_row"), "lots");
  g_assert_true (error_shown (editor, "amount"));
  g_assert_false (kl_editor_is_valid (KL_EDITOR (editor)));
  type (child (editor, "amount_row"), "-5");
  g_assert_true (error_shown (editor, "amount"));
  type (child (editor, "amount_row"), "500");
  g_assert_false (error_shown (editor, "amount"));

  type (child (editor, "currency_row"), "EURO");
  g_assert_true (error_shown (editor, "currency"));
  type (child (editor, "currency_row"), "RUB");

  type (child (editor, "expected_close_row"), "31.02.");
  g_assert_true (error_shown (editor, "expected_close"));
  type (child (editor, "expected_close_row"), "");
  g_assert_false (error_shown (editor, "expected_close"));

  g_assert_true (kl_editor_is_valid (KL_EDITOR (editor)));
}

static void
on_won_cb (KlDealEditor *editor,
           gint64        id,
           gint64       *won)
{
  *won = id;
}

static void
test_lost_needs_reason (Fixture       *f,
                        gconstpointer  data)
{
  gint64 id = insert_deal (f, f->jadran, "Desks", "offer", 1000, "EUR");
  g_autoptr(KlEntity) deal = kl_store_get (kl_session_get_store (f->session, KL_TYPE_DEAL), id, NULL);
  KlDealEditor *editor = open_editor (f, KL_DEAL (deal));
  g_autoptr(KlEntity) after = NULL;
  g_autofree char *sql = NULL;

  g_assert_false (gtk_widget_get_visible (child (editor, "closing_group")));
  g_assert_true (kl_editor_is_valid (KL_EDITOR (editor)));

  /* Lost: the closing rows, no probability, and a reason is needed. */
  adw_combo_row_set_selected (child (editor, "stage_row"), 6);
  g_assert_true (gtk_widget_get_visible (child (editor, "closing_group")));
  g_assert_true (gtk_widget_get_visible (child (editor, "lost_reason_row")));
  g_assert_true (gtk_widget_get_visible (child (editor, "competitor_row")));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (child (editor, "probability_spin")), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (editor, "closed_date_row"))), !=, "");
  g_assert_false (kl_editor_is_valid (KL_EDITOR (editor)));

  type (child (editor, "lost_reason_row"), "x");
  type (child (editor, "lost_reason_row"), "   ");
  g_assert_true (error_shown (editor, "lost_reason"));
  type (child (editor, "lost_reason_row"), "Went with a cheaper offer");
  g_assert_false (error_shown (editor, "lost_reason"));
  save (editor);

  after = kl_store_get (kl_session_get_store (f->session, KL_TYPE_DEAL), id, NULL);
  g_assert_cmpstr (kl_entity_get_text (after, "stage"), ==, "lost");
  g_assert_cmpstr (kl_entity_get_text (after, "lost_reason"), ==, "Went with a cheaper offer");
  g_assert_nonnull (kl_entity_get_text (after, "closed_date"));
  sql = g_strdup_printf ("SELECT count(*) FROM deal_stage_history WHERE deal_id = %" G_GINT64_FORMAT
                         " AND from_stage = 'offer' AND to_stage = 'lost'", id);
  g_assert_cmpint (kl_test_query_int (f->session, sql), ==, 1);
}

static void
test_won (Fixture       *f,
          gconstpointer  data)
{
  gint64 id = insert_deal (f, f->jadran, "Chairs", "negotiation", 1000, "EUR");
  g_autoptr(KlEntity) deal = kl_store_get (kl_session_get_store (f->session, KL_TYPE_DEAL), id, NULL);
  KlDealEditor *editor = open_editor (f, KL_DEAL (deal));
  g_autoptr(KlEntity) after = NULL;
  gint64 won = 0;

  g_signal_connect (editor, "won", G_CALLBACK (on_won_cb), &won);
  adw_combo_row_set_selected (child (editor, "stage_row"), 5);
  g_assert_true (gtk_widget_get_visible (child (editor, "closed_date_row")));
  g_assert_false (gtk_widget_get_visible (child (editor, "lost_reason_row")));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (child (editor, "probability_spin")), ==, 100);
  type (child (editor, "closed_date_row"), "2026-11-30");
  save (editor);

  g_assert_cmpint (won, ==, id);
  after = kl_store_get (kl_session_get_store (f->session, KL_TYPE_DEAL), id, NULL);
  g_assert_cmpstr (kl_entity_get_text (after, "closed_date"), ==, "2026-11-30");
}

static guint
n_items (KlQueryList *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static void
test_page (Fixture       *f,
           gconstpointer  data)
{
  KlWindow *window = kl_window_new (NULL, f->session);
  KlDealsPage *page;
  KlQueryList *list;
  GtkColumnView *view;
  GtkLabel *summary;
  GList *toplevels;
  gboolean editor_open = FALSE;

  gtk_window_present (GTK_WINDOW (window));
  page = KL_DEALS_PAGE (kl_window_get_page (window, "deals"));
  g_assert_nonnull (page);
  list = kl_deals_page_get_list (page);
  view = child (page, "column_view");
  summary = child (page, "summary_label");
  kl_test_iterate ();

  /* Open deals first; sums per currency, never one total. */
  g_assert_cmpuint (n_items (list), ==, 3);
  g_assert_nonnull (strstr (gtk_label_get_text (summary), "3 deals"));
  g_assert_nonnull (strstr (gtk_label_get_text (summary), "2500.00 EUR"));
  g_assert_nonnull (strstr (gtk_label_get_text (summary), "90000.00 RUB"));

  gtk_drop_down_set_selected (child (page, "state_dropdown"), 0);
  g_assert_cmpuint (n_items (list), ==, 4);
  gtk_drop_down_set_selected (child (page, "state_dropdown"), 3);
  g_assert_cmpuint (n_items (list), ==, 1);
  gtk_drop_down_set_selected (child (page, "state_dropdown"), 0);

  /* Stage: row 4 is Offer sent. */
  gtk_drop_down_set_selected (child (page, "stage_dropdown"), 4);
  g_assert_cmpuint (n_items (list), ==, 1);
  gtk_drop_down_set_selected (child (page, "stage_dropdown"), 0);

  /* Manager: "No manager" is row 1, Ana row 2. */
  gtk_drop_down_set_selected (child (page, "manager_dropdown"), 2);
  g_assert_cmpuint (n_items (list), ==, 0);
  g_assert_cmpstr (gtk_label_get_text (summary), ==, "No deals match.");
  gtk_drop_down_set_selected (child (page, "manager_dropdown"), 1);
  g_assert_cmpuint (n_items (list), ==, 4);
  gtk_drop_down_set_selected (child (page, "manager_dropdown"), 0);

  /* Client: taken in the picker of the filter popover. */
  kl_client_picker_set_client_id (child (page, "client_picker"), f->volga);
  g_assert_cmpuint (n_items (list), ==, 2);
  kl_client_picker_set_client_id (child (page, "client_picker"), 0);
  g_assert_cmpuint (n_items (list), ==, 4);

  /* The search, as typed. */
  gtk_editable_set_text (GTK_EDITABLE (child (page, "search_entry")), "jadran");
  kl_test_wait_ms (400);
  g_assert_cmpuint (n_items (list), ==, 2);
  gtk_editable_set_text (GTK_EDITABLE (child (page, "search_entry")), "");
  kl_test_wait_ms (400);

  /* A header click sorts in SQL: amount, largest first. */
  gtk_column_view_sort_by_column (view, child (page, "amount_column"), GTK_SORT_DESCENDING);
  g_assert_cmpstr (kl_query_list_get_sort (list), ==, "amount");
  {
    g_autoptr(KlEntity) first = g_list_model_get_item (G_LIST_MODEL (list), 0);

    g_assert_cmpstr (kl_entity_get_text (first, "title"), ==, "Ноутбуки");
  }

  /* Enter on a row opens it. */
  g_signal_emit_by_name (view, "activate", 0);
  kl_test_wait_ms (50);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (KL_IS_DEAL_EDITOR (l->data))
      {
        g_assert_cmpstr (kl_entity_get_text (KL_ENTITY (kl_deal_editor_get_deal (l->data)), "title"), ==,
                         "Ноутбуки");
        gtk_window_destroy (l->data);
        editor_open = TRUE;
      }
  g_list_free (toplevels);
  g_assert_true (editor_open);
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_button (c, label);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_won_drafts_contract (Fixture       *f,
                          gconstpointer  data)
{
  KlWindow *window = kl_window_new (NULL, f->session);
  gint64 id = insert_deal (f, f->jadran, "Chairs", "negotiation", 1000, "EUR");
  KlDealsPage *page;
  KlDealEditor *editor = NULL;
  KlContractEditor *contract_editor = NULL;
  GtkWidget *button;
  GList *toplevels;
  g_autofree char *sql = NULL;

  gtk_window_present (GTK_WINDOW (window));
  page = KL_DEALS_PAGE (kl_window_get_page (window, "deals"));
  kl_test_iterate ();
  kl_query_list_set_sort (kl_deals_page_get_list (page), "title", FALSE);
  /* Chairs, Printers, Servers, Ноутбуки */
  g_signal_emit_by_name (child (page, "column_view"), "activate", 0);
  kl_test_wait_ms (50);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (KL_IS_DEAL_EDITOR (l->data))
      editor = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (editor);
  g_assert_cmpint (kl_entity_get_id (KL_ENTITY (kl_deal_editor_get_deal (editor))), ==, id);

  adw_combo_row_set_selected (child (editor, "stage_row"), 5);
  save (editor);

  /* The toast under the list offers the contract editor with a draft. */
  button = find_button (child (page, "toast_overlay"), "Start _Contract");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  kl_test_wait_ms (50);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (KL_IS_CONTRACT_EDITOR (l->data))
      contract_editor = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (contract_editor);
  sql = g_strdup_printf ("SELECT count(*) FROM contracts WHERE deal_id = %" G_GINT64_FORMAT
                         " AND client_id = %" G_GINT64_FORMAT, id, f->jadran);
  /* Nothing written until it is saved. */
  g_assert_cmpint (kl_test_query_int (f->session, sql), ==, 0);
  g_assert_cmpint (kl_entity_get_number (KL_ENTITY (kl_contract_editor_get_contract (contract_editor)), "deal_id"),
                   ==, id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (contract_editor), "editor.save", NULL));
  kl_test_wait_ms (50);
  g_assert_cmpint (kl_test_query_int (f->session, sql), ==, 1);
}

static void
test_new_shortcut (Fixture       *f,
                   gconstpointer  data)
{
  KlWindow *window = kl_window_new (NULL, f->session);
  GtkStack *stack = kl_test_template_child (window, KL_TYPE_WINDOW, "stack");
  GList *toplevels;
  guint deal_editors = 0;

  gtk_window_present (GTK_WINDOW (window));
  gtk_stack_set_visible_child_name (stack, "deals");
  kl_test_wait_ms (50);
  /* Ctrl+N is the window's: in Deals, a new deal, not a new client. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new", NULL));
  kl_test_wait_ms (50);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    deal_editors += KL_IS_DEAL_EDITOR (l->data);
  g_list_free (toplevels);
  g_assert_cmpuint (deal_editors, ==, 1);
}

static void
test_client_card (Fixture       *f,
                  gconstpointer  data)
{
  KlClientCard *card = kl_client_card_new (f->session, f->jadran);
  KlCardGroup *deals;
  GList *toplevels;
  gboolean found = FALSE;

  gtk_window_present (GTK_WINDOW (card));
  kl_test_wait_ms (50);
  deals = kl_test_template_child (card, KL_TYPE_CLIENT_CARD, "deals_section");
  g_assert_cmpuint (kl_card_group_get_n_rows (deals), ==, 2);

  /* A deal written anywhere shows on the card. */
  insert_deal (f, f->jadran, "Lamps", "lead", 100, "EUR");
  kl_test_iterate ();
  g_assert_cmpuint (kl_card_group_get_n_rows (deals), ==, 3);
  insert_deal (f, f->volga, "Другое", "lead", 100, "RUB");
  g_assert_cmpuint (kl_card_group_get_n_rows (deals), ==, 3);

  /* "New Deal" there: a deal for this client. */
  {
    AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (adw_bin_get_child (ADW_BIN (deals)));
    GtkWidget *button = adw_preferences_group_get_header_suffix (group);

    g_assert_true (GTK_IS_BUTTON (button));
    g_signal_emit_by_name (button, "clicked");
    kl_test_wait_ms (50);
  }
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (KL_IS_DEAL_EDITOR (l->data))
      {
        KlClientPicker *picker = kl_test_template_child (l->data, KL_TYPE_DEAL_EDITOR, "client_row");

        g_assert_cmpint (kl_client_picker_get_client_id (picker), ==, f->jadran);
        found = TRUE;
      }
  g_list_free (toplevels);
  g_assert_true (found);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/deals/templates", test_templates);
  ADD ("/deals/editor/create", test_create);
  ADD ("/deals/editor/validation", test_validation);
  ADD ("/deals/editor/lost-needs-reason", test_lost_needs_reason);
  ADD ("/deals/editor/won", test_won);
  ADD ("/deals/page/filters-and-sort", test_page);
  ADD ("/deals/window/new-shortcut", test_new_shortcut);
  ADD ("/deals/client-card", test_client_card);
  ADD ("/deals/page/won-starts-contract", test_won_drafts_contract);
#undef ADD

  return g_test_run ();
}
