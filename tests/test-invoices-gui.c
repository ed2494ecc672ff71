/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "kl-client-card.h"
#include "kl-client-receivables.h"
#include "kl-debtor-list.h"
#include "kl-entities.h"
#include "kl-invoice-editor.h"
#include "kl-invoices-page.h"
#include "kl-payment-editor.h"
#include "kl-receivables.h"
#include "kl-test-gui.h"

/* The invoice and payment editors and the client card's invoices: real
 * widgets under Xvfb, typed into through their editables and driven
 * through their actions, asserting on what they show, on the debtors list
 * and on the database. */

typedef struct {
  char      *dir;
  KlSession *session;
  gint64     client_id;
  gint64     invoice_id;
  char      *today;
  char      *number;        /* the first invoice's: RN-<this year>-0007 */
} Fixture;

static KlStore *
store (Fixture *f,
       GType    type)
{
  return kl_session_get_store (f->session, type);
}

static gint64
add_invoice (Fixture    *f,
             const char *number,
             int         days_past_due,
             gint64      amount)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) invoice = kl_session_new_entity (f->session, KL_TYPE_INVOICE);
  g_autofree char *due = kl_date_add_days (f->today, -days_past_due);
  g_autofree char *issue = kl_date_add_days (due, -30);

  kl_entity_set_text (invoice, "number", number);
  kl_entity_set_number (invoice, "client_id", f->client_id);
  kl_entity_set_text (invoice, "issue_date", issue);
  kl_entity_set_text (invoice, "due_date", due);
  kl_entity_set_number (invoice, "amount", amount);
  kl_entity_set_text (invoice, "currency", "EUR");
  g_assert_true (kl_store_insert (store (f, KL_TYPE_INVOICE), invoice, &error));
  g_assert_no_error (error);
  return kl_entity_get_id (invoice);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = NULL;

  f->session = kl_test_open_session ("invoices-gui", &f->dir, NULL);
  f->today = kl_database_today ();
  client = kl_session_new_entity (f->session, KL_TYPE_CLIENT);
  kl_entity_set_text (client, "name", "Jadran d.o.o.");
  kl_entity_set_text (client, "currency", "EUR");
  kl_entity_set_number (client, "credit_limit", 150000);     /* 1500.00 */
  kl_entity_set_number (client, "payment_terms_days", 15);
  g_assert_true (kl_store_insert (store (f, KL_TYPE_CLIENT), client, &error));
  g_assert_no_error (error);
  f->client_id = kl_entity_get_id (client);
  f->number = g_strdup_printf ("RN-%.4s-0007", f->today);
  f->invoice_id = add_invoice (f, f->number, 45, 100000);   /* 1000.00, 45 days late */
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_destroy_toplevels ();
  g_free (f->today);
  g_free (f->number);
  kl_test_close_session (&f->session, &f->dir, NULL);
}

static void
set_text (gpointer    widget,
          GType       type,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (kl_test_template_child (widget, type, name)), text);
  kl_test_iterate ();
}

/* The reason shown under a field, or NULL when none is shown. */
static const char *
field_error (gpointer    widget,
             GType       type,
             const char *name)
{
  GtkLabel *label = kl_test_template_child (widget, type, name);

  if (!gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (label))))
    return NULL;
  return gtk_label_get_label (label);
}

static gboolean
save_enabled (gpointer editor,
              GType    type)
{
  return gtk_widget_is_sensitive (kl_test_template_child (editor, type, "save_button"));
}

static KlClientReceivables *
open_card (Fixture *f)
{
  KlClientCard *card = kl_client_card_new (f->session, f->client_id);

  gtk_window_present (GTK_WINDOW (card));
  kl_test_iterate ();
  return kl_test_template_child (card, KL_TYPE_CLIENT_CARD, "receivables");
}

static gint64
overdue_of (KlDebtorList *list,
            gint64        client_id)
{
  guint position = kl_debtor_list_find (list, client_id);
  g_autoptr(KlDebtor) debtor = NULL;

  if (position == G_MAXUINT)
    return 0;
  debtor = g_list_model_get_item (G_LIST_MODEL (list), position);
  return kl_debtor_get_overdue (debtor);
}

/* A partial payment recorded from the card: the debtor's row and the
 * card's balance both show what is left. */
static void
test_partial_payment (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(KlDebtorList) debtors = kl_debtor_list_new (f->session, "EUR", NULL);
  KlClientReceivables *receivables = open_card (f);
  GType T = KL_TYPE_PAYMENT_EDITOR;
  KlPaymentEditor *editor;
  GtkListBox *invoices;

  g_assert_cmpint (overdue_of (debtors, f->client_id), ==, 100000);
  g_assert_nonnull (strstr (kl_client_receivables_get_balance_text (receivables), "1000.00 EUR"));
  invoices = kl_test_template_child (receivables, KL_TYPE_CLIENT_RECEIVABLES, "invoices_list");
  g_assert_nonnull (gtk_list_box_get_row_at_index (invoices, 0));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (invoices, 0))),
                            "45 days past due"));

  gtk_widget_activate_action (GTK_WIDGET (receivables), "receivables.record-payment", "x", f->invoice_id);
  kl_test_iterate ();
  editor = kl_test_find_toplevel (KL_TYPE_PAYMENT_EDITOR);
  g_assert_nonnull (editor);

  /* It offers to pay it all; more than that is refused as typed. */
  g_assert_cmpstr (gtk_editable_get_text (kl_test_template_child (editor, T, "amount_row")), ==, "1000.00");
  set_text (editor, T, "amount_row", "1000.01");
  g_assert_nonnull (field_error (editor, T, "amount_error"));
  g_assert_false (save_enabled (editor, T));
  set_text (editor, T, "amount_row", "0");
  g_assert_nonnull (field_error (editor, T, "amount_error"));
  g_assert_false (save_enabled (editor, T));

  set_text (editor, T, "amount_row", "300");
  set_text (editor, T, "reference_row", "HR01 2026-0007");
  g_assert_null (field_error (editor, T, "amount_error"));
  g_assert_true (save_enabled (editor, T));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();

  g_assert_null (kl_test_find_toplevel (KL_TYPE_PAYMENT_EDITOR));
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT paid FROM invoices WHERE id = 1"), ==, 30000);
  g_assert_cmpint (overdue_of (debtors, f->client_id), ==, 70000);
  g_assert_nonnull (strstr (kl_client_receivables_get_balance_text (receivables), "700.00 EUR"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (gtk_list_box_get_row_at_index (invoices, 0))),
                            "Still owes 700.00 EUR"));
}

/* A new invoice over the credit limit: the dialog asks; Cancel saves
 * nothing, Save Anyway saves. */
static void
test_credit_check (Fixture       *f,
                   gconstpointer  data)
{
  KlClientReceivables *receivables = open_card (f);
  GType T = KL_TYPE_INVOICE_EDITOR;
  KlInvoiceEditor *editor;
  AdwMessageDialog *dialog;
  g_autofree char *due = kl_date_add_days (f->today, 15);
  g_autofree char *expected_number = g_strdup_printf ("RN-%.4s-0008", f->today);

  gtk_widget_activate_action (GTK_WIDGET (receivables), "receivables.new-invoice", NULL);
  kl_test_iterate ();
  editor = kl_test_find_toplevel (KL_TYPE_INVOICE_EDITOR);
  g_assert_nonnull (editor);

  /* The defaults: the next number, today, the client's terms and currency. */
  g_assert_cmpstr (gtk_editable_get_text (kl_test_template_child (editor, T, "number_row")), ==, expected_number);
  g_assert_cmpstr (gtk_editable_get_text (kl_test_template_child (editor, T, "currency_row")), ==, "EUR");

  /* A number another invoice has is refused as typed. */
  set_text (editor, T, "number_row", f->number);
  g_assert_nonnull (field_error (editor, T, "number_error"));
  g_assert_false (save_enabled (editor, T));
  set_text (editor, T, "number_row", "RN-2026-0008");
  g_assert_null (field_error (editor, T, "number_error"));

  /* 1000.00 owed + 600.00 > 1500.00, and 45 days late is not yet 60. */
  set_text (editor, T, "amount_row", "600");
  g_assert_true (save_enabled (editor, T));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  dialog = kl_editor_get_credit_dialog (KL_EDITOR (editor));
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1600.00 EUR"));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "60 days"));
  adw_message_dialog_response (dialog, "cancel");
  kl_test_iterate ();
  g_assert_null (kl_editor_get_credit_dialog (KL_EDITOR (editor)));
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM invoices"), ==, 1);
  g_assert_nonnull (kl_test_find_toplevel (KL_TYPE_INVOICE_EDITOR));

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  dialog = kl_editor_get_credit_dialog (KL_EDITOR (editor));
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "save");
  kl_test_iterate ();
  g_assert_null (kl_test_find_toplevel (KL_TYPE_INVOICE_EDITOR));
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM invoices WHERE number = 'RN-2026-0008'"
                                                  " AND amount = 60000 AND status = 'issued'"), ==, 1);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM invoices WHERE number = 'RN-2026-0008'"
                                            " AND due_date = '%s' AND issue_date = '%s'", due, f->today);

    g_assert_cmpint (kl_test_query_int (f->session, sql), ==, 1);
  }
  g_assert_nonnull (strstr (kl_client_receivables_get_balance_text (receivables), "1600.00 EUR"));
}

/* Within the limit and nothing 60 days late: saved without asking. */
static void
test_no_credit_problem (Fixture       *f,
                        gconstpointer  data)
{
  KlInvoiceEditor *editor = kl_invoice_editor_new (f->session, f->client_id, NULL);
  GType T = KL_TYPE_INVOICE_EDITOR;

  gtk_window_present (GTK_WINDOW (editor));
  kl_test_iterate ();
  set_text (editor, T, "amount_row", "500");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  g_assert_null (kl_test_find_toplevel (KL_TYPE_INVOICE_EDITOR));
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM invoices"), ==, 2);

  /* Now 61 days late: even a small invoice asks. */
  add_invoice (f, "RN-2025-0100", 61, 100);
  editor = kl_invoice_editor_new (f->session, f->client_id, NULL);
  gtk_window_present (GTK_WINDOW (editor));
  kl_test_iterate ();
  set_text (editor, T, "amount_row", "1");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  g_assert_nonnull (kl_editor_get_credit_dialog (KL_EDITOR (editor)));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (kl_editor_get_credit_dialog (KL_EDITOR (editor))),
                            "more than 60 days"));
}

static KlDebtor *
shown_debtor (KlInvoicesPage *page,
              guint           position)
{
  KlDebtor *debtor = g_list_model_get_item (G_LIST_MODEL (kl_invoices_page_get_selection (page)), position);

  g_assert_nonnull (debtor);
  g_object_unref (debtor);   /* the list keeps it */
  return debtor;
}

/* The Invoices section's debtors: by overdue amount, sorted again by a
 * header, changed by a partial payment, reminded by e-mail; the ageing
 * table per currency. */
static void
test_debtors_page (Fixture       *f,
                   gconstpointer  data)
{
  KlInvoicesPage *page = g_object_new (KL_TYPE_INVOICES_PAGE, NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkColumnView *view;
  gint64 other_client, other_invoice;
  g_autoptr(GError) error = NULL;
  KlPaymentEditor *editor;

  /* A second debtor owing more, and roubles that stay apart. */
  {
    g_autoptr(KlEntity) client = kl_session_new_entity (f->session, KL_TYPE_CLIENT);

    kl_entity_set_text (client, "name", "Adria");
    g_assert_true (kl_store_insert (store (f, KL_TYPE_CLIENT), client, &error));
    other_client = kl_entity_get_id (client);
  }
  {
    gint64 keep = f->client_id;

    f->client_id = other_client;
    other_invoice = add_invoice (f, "RN-X-1", 100, 80000);   /* 800.00, over 90 days */
    f->client_id = keep;
  }
  {
    g_autoptr(KlEntity) rub = kl_session_new_entity (f->session, KL_TYPE_INVOICE);
    g_autofree char *due = kl_date_add_days (f->today, -10);

    kl_entity_set_text (rub, "number", "СЧ-1");
    kl_entity_set_number (rub, "client_id", other_client);
    kl_entity_set_text (rub, "issue_date", due);
    kl_entity_set_text (rub, "due_date", due);
    kl_entity_set_number (rub, "amount", 500000);
    kl_entity_set_text (rub, "currency", "RUB");
    g_assert_true (kl_store_insert (store (f, KL_TYPE_INVOICE), rub, &error));
  }

  gtk_window_set_child (window, GTK_WIDGET (page));
  kl_page_set_session (KL_PAGE (page), f->session);
  gtk_window_present (window);
  kl_test_iterate ();
  view = kl_test_template_child (page, KL_TYPE_INVOICES_PAGE, "column_view");

  /* EUR first (the office's), by overdue amount: 1000.00 before 800.00. */
  g_assert_cmpstr (kl_debtor_list_get_currency (kl_invoices_page_get_debtors (page)), ==, "EUR");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_invoices_page_get_selection (page))), ==, 2);
  g_assert_cmpint (kl_debtor_get_client_id (shown_debtor (page, 0)), ==, f->client_id);
  g_assert_cmpint (kl_debtor_get_client_id (shown_debtor (page, 1)), ==, other_client);

  /* The ageing table: one row per currency, never summed. */
  g_assert_cmpstr (kl_invoices_page_get_ageing_text (page, 1, 0), ==, "EUR");
  g_assert_cmpstr (kl_invoices_page_get_ageing_text (page, 1, 1), ==, "2");
  g_assert_cmpstr (kl_invoices_page_get_ageing_text (page, 1, 2 + KL_AGEING_31_60), ==, "1000.00");
  g_assert_cmpstr (kl_invoices_page_get_ageing_text (page, 1, 2 + KL_AGEING_OVER_90), ==, "800.00");
  g_assert_cmpstr (kl_invoices_page_get_ageing_text (page, 1, 2 + KL_AGEING_N_BUCKETS), ==, "1800.00");
  g_assert_cmpstr (kl_invoices_page_get_ageing_text (page, 2, 0), ==, "RUB");
  g_assert_cmpstr (kl_invoices_page_get_ageing_text (page, 2, 2 + KL_AGEING_1_30), ==, "5000.00");

  /* A header click's sort: by name. */
  gtk_column_view_sort_by_column (view, kl_test_template_child (page, KL_TYPE_INVOICES_PAGE, "name_column"),
                                  GTK_SORT_ASCENDING);
  kl_test_iterate ();
  g_assert_cmpint (kl_debtor_get_client_id (shown_debtor (page, 0)), ==, other_client);
  gtk_column_view_sort_by_column (view, kl_test_template_child (page, KL_TYPE_INVOICES_PAGE, "overdue_column"),
                                  GTK_SORT_DESCENDING);
  kl_test_iterate ();
  g_assert_cmpint (kl_debtor_get_client_id (shown_debtor (page, 0)), ==, f->client_id);

  /* A partial payment of 300.00: Jadran now owes 700.00 and goes second. */
  editor = kl_payment_editor_new (f->session, f->invoice_id, NULL);
  gtk_window_present (GTK_WINDOW (editor));
  kl_test_iterate ();
  set_text (editor, KL_TYPE_PAYMENT_EDITOR, "amount_row", "300.00");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  g_assert_cmpint (kl_debtor_get_client_id (shown_debtor (page, 0)), ==, other_client);
  g_assert_cmpint (kl_debtor_get_client_id (shown_debtor (page, 1)), ==, f->client_id);
  g_assert_cmpint (kl_debtor_get_overdue (shown_debtor (page, 1)), ==, 70000);
  g_assert_cmpstr (kl_invoices_page_get_ageing_text (page, 1, 2 + KL_AGEING_31_60), ==, "700.00");

  /* A reminder by e-mail to the selected debtor: logged, and on its row. */
  gtk_selection_model_select_item (kl_invoices_page_get_selection (page), 1, TRUE);
  g_assert_null (kl_debtor_get_last_reminder (shown_debtor (page, 1)));
  gtk_widget_activate_action (GTK_WIDGET (page), "invoices.remind", "s", "email");
  kl_test_iterate ();
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM activities WHERE kind = 'email'"
                                                  " AND status = 'done' AND client_id = 1"), ==, 1);
  g_assert_nonnull (kl_debtor_get_last_reminder (shown_debtor (page, kl_debtor_list_find (kl_invoices_page_get_debtors (page), f->client_id))));

  /* Roubles: the other list. */
  gtk_drop_down_set_selected (kl_test_template_child (page, KL_TYPE_INVOICES_PAGE, "currency_dropdown"), 1);
  kl_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_invoices_page_get_selection (page))), ==, 1);
  g_assert_cmpint (kl_debtor_get_overdue (shown_debtor (page, 0)), ==, 500000);
  (void) other_invoice;
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/invoices/partial-payment", Fixture, NULL, fixture_set_up, test_partial_payment, fixture_tear_down);
  g_test_add ("/gui/invoices/credit-check", Fixture, NULL, fixture_set_up, test_credit_check, fixture_tear_down);
  g_test_add ("/gui/invoices/no-credit-problem", Fixture, NULL, fixture_set_up, test_no_credit_problem,
              fixture_tear_down);

  g_test_add ("/gui/invoices/debtors-page", Fixture, NULL, fixture_set_up, test_debtors_page, fixture_tear_down);

  return g_test_run ();
}
