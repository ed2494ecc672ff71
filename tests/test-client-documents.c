/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "kl-card-group.h"
#include "kl-client-card.h"
#include "kl-client-picker.h"
#include "kl-contract-draft.h"
#include "kl-contract-editor.h"
#include "kl-entities.h"
#include "kl-invoice-editor.h"
#include "kl-offer-editor.h"
#include "kl-test-gui.h"
#include "kl-today-page.h"

/* A client's offers and contracts on its card, with real widgets: each
 * listed with its status and amount, following the stores; "New …" and a
 * row open the right editor for this client. Today's contracts to renew
 * and offers awaiting an answer past their validity, by the real today.
 * An accepted offer drafts a contract. The credit check before saving a
 * contract, an offer or an invoice: over the limit, 60 days in arrears,
 * and silence otherwise. */

typedef struct {
  char      *dir;
  KlSession *session;
  gint64     jadran;
  gint64     volga;
} Fixture;

static gint64
insert_client (Fixture    *f,
               const char *name,
               const char *currency)
{
  g_autoptr(KlEntity) client = kl_session_new_entity (f->session, KL_TYPE_CLIENT);

  kl_entity_set_text (client, "name", name);
  kl_entity_set_text (client, "currency", currency);
  return kl_test_insert (f->session, client);
}

static gint64
insert_offer (Fixture    *f,
              gint64      client_id,
              const char *number,
              const char *status,
              const char *currency,
              gint64      quantity,
              gint64      unit_price)
{
  g_autoptr(KlEntity) offer = kl_session_new_entity (f->session, KL_TYPE_OFFER);
  g_autoptr(KlEntity) line = kl_session_new_entity (f->session, KL_TYPE_OFFER_LINE);

  kl_entity_set_text (offer, "number", number);
  kl_entity_set_number (offer, "client_id", client_id);
  kl_entity_set_text (offer, "issue_date", "2026-02-01");
  kl_entity_set_text (offer, "valid_until", "2026-03-01");
  kl_entity_set_text (offer, "currency", currency);
  kl_entity_set_text (offer, "status", status);
  /* 30 days: the deferral leaves the price as it is */
  kl_entity_set_number (offer, "deferral_days", 30);
  kl_test_insert (f->session, offer);
  kl_entity_set_number (line, "offer_id", kl_entity_get_id (offer));
  kl_entity_set_number (line, "position", 0);
  kl_entity_set_text (line, "description", "Servis");
  kl_entity_set_number (line, "quantity", quantity);
  kl_entity_set_number (line, "unit_price", unit_price);
  kl_entity_set_number (line, "vat_rate_bp", 0);
  kl_test_insert (f->session, line);
  return kl_entity_get_id (offer);
}

static gint64
insert_contract (Fixture    *f,
                 gint64      client_id,
                 const char *number,
                 const char *status,
                 gint64      amount,
                 const char *currency)
{
  g_autoptr(KlEntity) contract = kl_session_new_entity (f->session, KL_TYPE_CONTRACT);

  kl_entity_set_text (contract, "number", number);
  kl_entity_set_number (contract, "client_id", client_id);
  kl_entity_set_text (contract, "title", "Održavanje");
  kl_entity_set_text (contract, "status", status);
  kl_entity_set_text (contract, "start_date", "2026-01-01");
  kl_entity_set_text (contract, "end_date", "2026-12-31");
  kl_entity_set_number (contract, "amount", amount);
  kl_entity_set_text (contract, "currency", currency);
  return kl_test_insert (f->session, contract);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->session = kl_test_open_session ("client-documents", &f->dir, NULL);
  f->jadran = insert_client (f, "Jadran d.o.o.", "EUR");
  f->volga = insert_client (f, "ООО «Волга»", "RUB");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_destroy_toplevels ();
  kl_test_close_session (&f->session, &f->dir, NULL);
}

/* The one toplevel of @type, or NULL. */
static gpointer
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();
  gpointer found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      {
        g_assert_null (found);
        found = l->data;
      }
  return found;
}

static GtkWidget *
find_list_box (GtkWidget *widget)
{
  /* Not the group's own (empty) list of rows */
  if (GTK_IS_LIST_BOX (widget) && gtk_list_box_get_row_at_index (GTK_LIST_BOX (widget), 0) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_box (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkListBoxRow *
get_row (KlCardGroup *group,
         guint        index)
{
  GtkWidget *list = find_list_box (GTK_WIDGET (group));
  GtkListBoxRow *row;

  g_assert_nonnull (list);
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), (int) index);
  g_assert_nonnull (row);
  return row;
}

/* As Return or a click on the row does. */
static void
activate_row (KlCardGroup *group,
              guint        index)
{
  g_assert_true (gtk_widget_activate (GTK_WIDGET (get_row (group, index))));
  kl_test_wait_ms (50);
}

static const char *
row_subtitle (KlCardGroup *group,
              guint        index)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (get_row (group, index)));
}

/* Jadran's card, shown, and its Offers and Contracts groups. */
static void
open_card (Fixture      *f,
           KlCardGroup **offers,
           KlCardGroup **contracts)
{
  KlClientCard *card = kl_client_card_new (f->session, f->jadran);

  gtk_window_present (GTK_WINDOW (card));
  kl_test_wait_ms (50);
  *offers = kl_test_template_child (card, KL_TYPE_CLIENT_CARD, "offers_section");
  *contracts = kl_test_template_child (card, KL_TYPE_CLIENT_CARD, "contracts_section");
}

static void
press_new (KlCardGroup *group)
{
  AdwPreferencesGroup *prefs = ADW_PREFERENCES_GROUP (adw_bin_get_child (ADW_BIN (group)));
  GtkWidget *button = adw_preferences_group_get_header_suffix (prefs);

  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  kl_test_wait_ms (50);
}

/* The card's Offers and Contracts: what they list, kept current. */
static void
test_card_lists (Fixture       *f,
                 gconstpointer  data)
{
  KlCardGroup *offers;
  KlCardGroup *contracts;

  insert_offer (f, f->jadran, "PON-2026-0001", "sent", "EUR", 3, 10000);
  insert_offer (f, f->volga, "PON-2026-0002", "draft", "RUB", 1, 500000);
  insert_contract (f, f->jadran, "UG-2026-0001", "active", 1500000, "EUR");

  open_card (f, &offers, &contracts);

  /* Only this client's, with status, amount and currency */
  g_assert_cmpuint (kl_card_group_get_n_rows (offers), ==, 1);
  g_assert_cmpstr (kl_entity_get_text (kl_card_group_get_item (offers, 0), "number"), ==, "PON-2026-0001");
  g_assert_nonnull (strstr (row_subtitle (offers, 0), "Sent"));
  g_assert_nonnull (strstr (row_subtitle (offers, 0), "300.00"));
  g_assert_nonnull (strstr (row_subtitle (offers, 0), "EUR"));
  g_assert_cmpuint (kl_card_group_get_n_rows (contracts), ==, 1);
  g_assert_nonnull (strstr (row_subtitle (contracts, 0), "Active"));
  g_assert_nonnull (strstr (row_subtitle (contracts, 0), "000.00 EUR"));

  /* Written anywhere, shown here; another client's are not */
  insert_offer (f, f->jadran, "PON-2026-0003", "draft", "EUR", 1, 100);
  insert_contract (f, f->jadran, "UG-2026-0002", "draft", 100, "EUR");
  insert_contract (f, f->volga, "UG-2026-0003", "draft", 100, "RUB");
  kl_test_iterate ();
  g_assert_cmpuint (kl_card_group_get_n_rows (offers), ==, 2);
  g_assert_cmpuint (kl_card_group_get_n_rows (contracts), ==, 2);
  /* The draft (workflow order) first */
  g_assert_cmpstr (kl_entity_get_text (kl_card_group_get_item (contracts, 0), "number"), ==, "UG-2026-0002");
}

/* "New Offer", "New Contract" and a row open their editors for this client. */
static void
test_card_opens_editors (Fixture       *f,
                         gconstpointer  data)
{
  KlCardGroup *offers;
  KlCardGroup *contracts;
  KlContractEditor *contract_editor;
  KlOfferEditor *offer_editor;

  insert_offer (f, f->jadran, "PON-2026-0001", "sent", "EUR", 3, 10000);
  insert_contract (f, f->jadran, "UG-2026-0001", "active", 1500000, "EUR");
  open_card (f, &offers, &contracts);

  press_new (offers);
  offer_editor = find_toplevel (KL_TYPE_OFFER_EDITOR);
  g_assert_nonnull (offer_editor);
  g_assert_cmpint (kl_client_picker_get_client_id (kl_test_template_child (offer_editor, KL_TYPE_OFFER_EDITOR,
                                                                           "client_picker")), ==, f->jadran);
  gtk_window_destroy (GTK_WINDOW (offer_editor));

  press_new (contracts);
  contract_editor = find_toplevel (KL_TYPE_CONTRACT_EDITOR);
  g_assert_nonnull (contract_editor);
  g_assert_cmpint (kl_entity_get_number (KL_ENTITY (kl_contract_editor_get_contract (contract_editor)), "client_id"),
                   ==, f->jadran);
  g_assert_cmpint (kl_entity_get_id (KL_ENTITY (kl_contract_editor_get_contract (contract_editor))), ==, 0);
  gtk_window_destroy (GTK_WINDOW (contract_editor));

  /* A row activated (Return on it): that contract's editor */
  activate_row (contracts, 0);
  contract_editor = find_toplevel (KL_TYPE_CONTRACT_EDITOR);
  g_assert_nonnull (contract_editor);
  g_assert_cmpstr (kl_entity_get_text (KL_ENTITY (kl_contract_editor_get_contract (contract_editor)), "number"),
                   ==, "UG-2026-0001");
  gtk_window_destroy (GTK_WINDOW (contract_editor));

  activate_row (offers, 0);
  offer_editor = find_toplevel (KL_TYPE_OFFER_EDITOR);
  g_assert_nonnull (offer_editor);
  g_assert_cmpint (kl_client_picker_get_client_id (kl_test_template_child (offer_editor, KL_TYPE_OFFER_EDITOR,
                                                                           "client_picker")), ==, f->jadran);
}

/* A contract in force from a year ago to @end_offset days from today. */
static gint64
insert_running_contract (Fixture    *f,
                         const char *number,
                         const char *status,
                         int         end_offset,
                         int         notice_days)
{
  g_autofree char *start = kl_test_day (-365);
  g_autofree char *end = kl_test_day (end_offset);
  g_autoptr(KlEntity) contract = kl_session_new_entity (f->session, KL_TYPE_CONTRACT);

  kl_entity_set_text (contract, "number", number);
  kl_entity_set_number (contract, "client_id", f->jadran);
  kl_entity_set_text (contract, "title", "Održavanje");
  kl_entity_set_text (contract, "status", status);
  kl_entity_set_text (contract, "start_date", start);
  kl_entity_set_text (contract, "end_date", end);
  kl_entity_set_number (contract, "notice_days", notice_days);
  return kl_test_insert (f->session, contract);
}

static KlTodayPage *
show_today (Fixture *f)
{
  GtkWidget *page = kl_today_page_new (f->session);
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 900);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  kl_test_wait_ms (50);
  return KL_TODAY_PAGE (page);
}

static gboolean
lists_number (KlCardGroup *group,
              const char  *number)
{
  for (guint i = 0; i < kl_card_group_get_n_rows (group); i++)
    if (g_strcmp0 (kl_entity_get_text (kl_card_group_get_item (group, i), "number"), number) == 0)
      return TRUE;
  return FALSE;
}

/* Contracts ending within 30 days, or whose notice day falls within them;
 * not those renewed, ended, further off or not in force. */
static void
test_today_renewals (Fixture       *f,
                     gconstpointer  data)
{
  KlTodayPage *page;
  KlCardGroup *renewals;
  KlContractEditor *editor;
  gint64 renewed;

  insert_running_contract (f, "UG-1", "active", 10, 0);     /* ends in 10 days */
  insert_running_contract (f, "UG-2", "signed", 30, 30);    /* ends on the 30th day */
  insert_running_contract (f, "UG-3", "active", 31, 0);     /* one day too far */
  insert_running_contract (f, "UG-4", "active", 80, 60);    /* notice day in 20 days */
  insert_running_contract (f, "UG-5", "active", 100, 60);   /* notice day in 40 days */
  insert_running_contract (f, "UG-6", "draft", 5, 0);       /* not in force */
  insert_running_contract (f, "UG-7", "active", -1, 0);     /* ended yesterday */
  renewed = insert_running_contract (f, "UG-8", "active", 3, 0);
  {
    g_autoptr(KlEntity) follow_up = kl_session_new_entity (f->session, KL_TYPE_CONTRACT);
    g_autofree char *start = kl_test_day (4);

    kl_entity_set_text (follow_up, "number", "UG-9");
    kl_entity_set_number (follow_up, "client_id", f->jadran);
    kl_entity_set_text (follow_up, "title", "Održavanje");
    kl_entity_set_text (follow_up, "start_date", start);
    kl_entity_set_number (follow_up, "renewal_of", renewed);
    kl_test_insert (f->session, follow_up);
  }

  page = show_today (f);
  renewals = kl_test_template_child (page, KL_TYPE_TODAY_PAGE, "renewals_group");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (renewals)));
  g_assert_cmpuint (kl_card_group_get_n_rows (renewals), ==, 3);
  /* The nearest end first */
  g_assert_cmpstr (kl_entity_get_text (kl_card_group_get_item (renewals, 0), "number"), ==, "UG-1");
  g_assert_true (lists_number (renewals, "UG-2"));
  g_assert_true (lists_number (renewals, "UG-4"));
  g_assert_nonnull (strstr (row_subtitle (renewals, 0), "in 10 days"));

  /* Return on a row: that contract's editor */
  activate_row (renewals, 0);
  editor = find_toplevel (KL_TYPE_CONTRACT_EDITOR);
  g_assert_nonnull (editor);
  g_assert_cmpstr (kl_entity_get_text (KL_ENTITY (kl_contract_editor_get_contract (editor)), "number"), ==, "UG-1");
  gtk_window_destroy (GTK_WINDOW (editor));

  /* A contract renewed elsewhere leaves the list */
  {
    g_autoptr(KlEntity) follow_up = kl_session_new_entity (f->session, KL_TYPE_CONTRACT);

    kl_entity_set_text (follow_up, "number", "UG-10");
    kl_entity_set_number (follow_up, "client_id", f->jadran);
    kl_entity_set_text (follow_up, "title", "Održavanje");
    kl_entity_set_text (follow_up, "start_date", "2030-01-01");
    kl_entity_set_number (follow_up, "renewal_of", kl_entity_get_id (kl_card_group_get_item (renewals, 0)));
    kl_test_insert (f->session, follow_up);
  }
  kl_test_iterate ();
  g_assert_cmpuint (kl_card_group_get_n_rows (renewals), ==, 2);
  g_assert_false (lists_number (renewals, "UG-1"));
}

/* Offers sent and unanswered past their validity; not those still valid,
 * answered or never sent. With nothing to show, the groups hide. */
static void
test_today_offers (Fixture       *f,
                   gconstpointer  data)
{
  KlTodayPage *page;
  KlCardGroup *offers;
  KlCardGroup *renewals;
  g_autofree char *yesterday = kl_test_day (-1);
  g_autofree char *today = kl_test_day (0);
  struct { const char *number, *status, *valid_until; } rows[] = {
    { "PON-1", "sent", yesterday },
    { "PON-2", "sent", today },
    { "PON-3", "accepted", yesterday },
    { "PON-4", "draft", yesterday },
    { "PON-5", "sent", "2020-01-31" },
  };

  page = show_today (f);
  offers = kl_test_template_child (page, KL_TYPE_TODAY_PAGE, "offers_group");
  renewals = kl_test_template_child (page, KL_TYPE_TODAY_PAGE, "renewals_group");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (offers)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (renewals)));

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gint64 id = insert_offer (f, f->jadran, rows[i].number, rows[i].status, "EUR", 1, 100);
      g_autoptr(KlEntity) offer = kl_store_get (kl_session_get_store (f->session, KL_TYPE_OFFER), id, NULL);

      kl_entity_set_text (offer, "issue_date", "2020-01-01");
      kl_entity_set_text (offer, "valid_until", rows[i].valid_until);
      g_assert_true (kl_store_update (kl_session_get_store (f->session, KL_TYPE_OFFER), offer, NULL));
    }
  kl_test_iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (offers)));
  g_assert_cmpuint (kl_card_group_get_n_rows (offers), ==, 2);
  /* The longest past first, with its client */
  g_assert_cmpstr (kl_entity_get_text (kl_card_group_get_item (offers, 0), "number"), ==, "PON-5");
  g_assert_true (lists_number (offers, "PON-1"));
  g_assert_nonnull (kl_test_find_label (offers, "PON-5 — Jadran d.o.o."));

  activate_row (offers, 0);
  g_assert_nonnull (find_toplevel (KL_TYPE_OFFER_EDITOR));
}

/* An accepted offer, as saved, becomes a draft contract in one step:
 * its client, amount and currency, linked to it; nothing written until
 * the contract is saved. Only an accepted offer, and only as saved. */
static void
test_offer_draft_contract (Fixture       *f,
                           gconstpointer  data)
{
  gint64 accepted = insert_offer (f, f->volga, "PON-2026-0001", "accepted", "RUB", 4, 250000);
  gint64 sent = insert_offer (f, f->volga, "PON-2026-0002", "sent", "RUB", 1, 100);
  g_autoptr(KlEntity) offer = kl_store_get (kl_session_get_store (f->session, KL_TYPE_OFFER), sent, NULL);
  KlOfferEditor *editor = kl_offer_editor_new (f->session, KL_OFFER (offer), 0, 0);
  KlContractEditor *contract_editor;
  KlEntity *draft;
  GtkWidget *button;

  /* A sent offer: no such button, and the action does nothing */
  gtk_window_present (GTK_WINDOW (editor));
  kl_test_iterate ();
  button = kl_test_template_child (editor, KL_TYPE_OFFER_EDITOR, "draft_contract_button");
  g_assert_false (gtk_widget_get_visible (button));
  gtk_widget_activate_action (GTK_WIDGET (editor), "offer.draft-contract", NULL);
  kl_test_wait_ms (50);
  g_assert_null (find_toplevel (KL_TYPE_CONTRACT_EDITOR));
  gtk_window_destroy (GTK_WINDOW (editor));

  /* The accepted one, changed but not saved: save first */
  g_clear_object (&offer);
  offer = kl_store_get (kl_session_get_store (f->session, KL_TYPE_OFFER), accepted, NULL);
  editor = kl_offer_editor_new (f->session, KL_OFFER (offer), 0, 0);
  gtk_window_present (GTK_WINDOW (editor));
  kl_test_iterate ();
  button = kl_test_template_child (editor, KL_TYPE_OFFER_EDITOR, "draft_contract_button");
  g_assert_true (gtk_widget_get_visible (button));
  gtk_editable_set_text (kl_test_template_child (editor, KL_TYPE_OFFER_EDITOR, "valid_until_row"), "2026-03-31");
  kl_test_iterate ();
  gtk_widget_activate_action (GTK_WIDGET (editor), "offer.draft-contract", NULL);
  kl_test_wait_ms (50);
  g_assert_null (find_toplevel (KL_TYPE_CONTRACT_EDITOR));
  gtk_editable_set_text (kl_test_template_child (editor, KL_TYPE_OFFER_EDITOR, "valid_until_row"), "2026-03-01");
  kl_test_iterate ();

  /* As saved: the contract editor on a draft from it, this one closed */
  g_signal_emit_by_name (button, "clicked");
  kl_test_wait_ms (50);
  contract_editor = find_toplevel (KL_TYPE_CONTRACT_EDITOR);
  g_assert_nonnull (contract_editor);
  g_assert_null (find_toplevel (KL_TYPE_OFFER_EDITOR));
  draft = KL_ENTITY (kl_contract_editor_get_contract (contract_editor));
  g_assert_cmpint (kl_entity_get_id (draft), ==, 0);
  g_assert_cmpint (kl_entity_get_number (draft, "client_id"), ==, f->volga);
  g_assert_cmpint (kl_entity_get_number (draft, "offer_id"), ==, accepted);
  /* 4 × 2 500.00 RUB, no VAT, 30 days' deferral: the price as it is */
  g_assert_cmpint (kl_entity_get_number (draft, "amount"), ==, 1000000);
  g_assert_cmpstr (kl_entity_get_text (draft, "currency"), ==, "RUB");
  g_assert_cmpstr (gtk_editable_get_text (kl_test_template_child (contract_editor, KL_TYPE_CONTRACT_EDITOR,
                                                                  "client_row")), ==, "ООО «Волга»");
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM contracts"), ==, 0);

  /* Saved, it is the client's contract, linked to the offer */
  gtk_widget_activate_action (GTK_WIDGET (contract_editor), "editor.save", NULL);
  kl_test_wait_ms (50);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM contracts WHERE offer_id IS NOT NULL"
                                                  " AND currency = 'RUB' AND amount = 1000000"), ==, 1);
}

static void
insert_invoice (Fixture    *f,
                const char *number,
                int         days_past_due,
                gint64      amount)
{
  g_autoptr(KlEntity) invoice = kl_session_new_entity (f->session, KL_TYPE_INVOICE);
  g_autofree char *due = kl_test_day (-days_past_due);
  g_autofree char *issue = kl_test_day (-days_past_due - 30);

  kl_entity_set_text (invoice, "number", number);
  kl_entity_set_number (invoice, "client_id", f->jadran);
  kl_entity_set_text (invoice, "issue_date", issue);
  kl_entity_set_text (invoice, "due_date", due);
  kl_entity_set_number (invoice, "amount", amount);
  kl_entity_set_text (invoice, "currency", "EUR");
  kl_entity_set_text (invoice, "status", "issued");
  kl_test_insert (f->session, invoice);
}

/* Jadran may owe 1000.00 EUR and owes 800.00, due in ten days. */
static void
set_up_credit (Fixture *f)
{
  g_autoptr(KlEntity) client = kl_store_get (kl_session_get_store (f->session, KL_TYPE_CLIENT), f->jadran, NULL);

  kl_entity_set_number (client, "credit_limit", 100000);
  g_assert_true (kl_store_update (kl_session_get_store (f->session, KL_TYPE_CLIENT), client, NULL));
  insert_invoice (f, "RN-1", -10, 80000);
}

static void
set_editor_text (gpointer    editor,
                 GType       type,
                 const char *child,
                 const char *text)
{
  gtk_editable_set_text (kl_test_template_child (editor, type, child), text);
  kl_test_iterate ();
}

static void
press_save (gpointer editor)
{
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_wait_ms (50);
}

/* The credit question, if asked; its body must hold @expected. */
static AdwMessageDialog *
credit_dialog (gpointer    editor,
               const char *expected)
{
  AdwMessageDialog *dialog = kl_editor_get_credit_dialog (KL_EDITOR (editor));

  if (dialog != NULL && expected != NULL)
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), expected));
  return dialog;
}

static KlContractEditor *
new_contract_editor (Fixture    *f,
                     const char *amount)
{
  g_autoptr(KlContract) draft = kl_contract_new_draft (f->session, f->jadran, NULL);
  KlContractEditor *editor = kl_contract_editor_new (f->session, draft);

  gtk_window_present (GTK_WINDOW (editor));
  kl_test_iterate ();
  set_editor_text (editor, KL_TYPE_CONTRACT_EDITOR, "title_row", "Servis");
  set_editor_text (editor, KL_TYPE_CONTRACT_EDITOR, "currency_row", "EUR");
  set_editor_text (editor, KL_TYPE_CONTRACT_EDITOR, "amount_row", amount);
  return editor;
}

static void
test_credit_contract (Fixture       *f,
                      gconstpointer  data)
{
  KlContractEditor *editor;
  AdwMessageDialog *dialog;
  g_autoptr(KlEntity) saved = NULL;

  set_up_credit (f);

  /* 800.00 + 300.00 > 1000.00: asked; Cancel saves nothing */
  editor = new_contract_editor (f, "300");
  press_save (editor);
  dialog = credit_dialog (editor, "1100.00 EUR");
  g_assert_nonnull (dialog);
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "60 days"));
  adw_message_dialog_response (dialog, "cancel");
  kl_test_wait_ms (50);
  g_assert_null (credit_dialog (editor, NULL));
  g_assert_nonnull (find_toplevel (KL_TYPE_CONTRACT_EDITOR));
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM contracts"), ==, 0);

  /* Save Anyway saves */
  press_save (editor);
  adw_message_dialog_response (credit_dialog (editor, "1100.00 EUR"), "save");
  kl_test_wait_ms (100);
  g_assert_null (find_toplevel (KL_TYPE_CONTRACT_EDITOR));
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM contracts WHERE amount = 30000"), ==, 1);

  /* Within the limit: saved without asking */
  editor = new_contract_editor (f, "200");
  press_save (editor);
  /* Closed: saved, nothing asked */
  g_assert_null (find_toplevel (KL_TYPE_CONTRACT_EDITOR));
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM contracts"), ==, 2);

  /* A change that leaves its money as it was does not ask again */
  saved = kl_store_get (kl_session_get_store (f->session, KL_TYPE_CONTRACT),
                        kl_test_query_int (f->session, "SELECT id FROM contracts WHERE amount = 30000"), NULL);
  editor = kl_contract_editor_new (f->session, KL_CONTRACT (saved));
  gtk_window_present (GTK_WINDOW (editor));
  kl_test_iterate ();
  set_editor_text (editor, KL_TYPE_CONTRACT_EDITOR, "title_row", "Servis i održavanje");
  press_save (editor);
  /* Closed: saved, nothing asked */
  g_assert_null (find_toplevel (KL_TYPE_CONTRACT_EDITOR));

  /* Owing anything more than 60 days: even a small contract asks */
  insert_invoice (f, "RN-2", 61, 1000);
  editor = new_contract_editor (f, "1");
  press_save (editor);
  g_assert_nonnull (credit_dialog (editor, "more than 60 days"));
}

static void
test_credit_offer (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(KlEntity) product = kl_session_new_entity (f->session, KL_TYPE_PRODUCT);
  g_autoptr(GError) error = NULL;
  KlOfferEditor *editor;
  AdwMessageDialog *dialog;

  set_up_credit (f);
  kl_entity_set_text (product, "code", "SRV");
  kl_entity_set_text (product, "name", "Servis");
  kl_entity_set_number (product, "price", 10000);
  kl_entity_set_text (product, "currency", "EUR");
  kl_entity_set_number (product, "vat_rate_bp", 0);
  kl_test_insert (f->session, product);

  /* Three at 100.00 (30 days: no deferral change): 1100.00 > 1000.00 */
  editor = kl_offer_editor_new (f->session, NULL, f->jadran, 0);
  gtk_window_present (GTK_WINDOW (editor));
  kl_test_iterate ();
  g_assert_cmpint (kl_offer_editor_add_product (editor, kl_entity_get_id (product), 3, &error), ==, 0);
  g_assert_no_error (error);
  kl_test_iterate ();
  press_save (editor);
  dialog = credit_dialog (editor, "1100.00 EUR");
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  kl_test_wait_ms (50);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM offers"), ==, 0);

  /* One less: within the limit, saved without asking */
  kl_offer_editor_set_quantity (editor, 0, 2);
  kl_test_iterate ();
  press_save (editor);
  /* Closed: saved, nothing asked */
  g_assert_null (find_toplevel (KL_TYPE_OFFER_EDITOR));
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM offers"), ==, 1);

  /* 61 days in arrears: asked, and Save Anyway saves */
  insert_invoice (f, "RN-2", 61, 1000);
  editor = kl_offer_editor_new (f->session, NULL, f->jadran, 0);
  gtk_window_present (GTK_WINDOW (editor));
  kl_test_iterate ();
  kl_offer_editor_add_product (editor, kl_entity_get_id (product), 1, NULL);
  kl_test_iterate ();
  press_save (editor);
  adw_message_dialog_response (credit_dialog (editor, "more than 60 days"), "save");
  kl_test_wait_ms (100);
  g_assert_null (find_toplevel (KL_TYPE_OFFER_EDITOR));
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM offers"), ==, 2);
}

/* The invoice editor asks through the same check: over the limit, and not
 * for a draft, which is owed by no one. */
static void
test_credit_invoice (Fixture       *f,
                     gconstpointer  data)
{
  KlInvoiceEditor *editor;

  set_up_credit (f);
  editor = kl_invoice_editor_new (f->session, f->jadran, NULL);
  gtk_window_present (GTK_WINDOW (editor));
  kl_test_iterate ();
  set_editor_text (editor, KL_TYPE_INVOICE_EDITOR, "amount_row", "250");
  press_save (editor);
  g_assert_nonnull (credit_dialog (editor, "1050.00 EUR"));
  adw_message_dialog_response (credit_dialog (editor, NULL), "cancel");
  kl_test_wait_ms (50);
  set_editor_text (editor, KL_TYPE_INVOICE_EDITOR, "amount_row", "150");
  press_save (editor);
  g_assert_null (find_toplevel (KL_TYPE_INVOICE_EDITOR));
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM invoices WHERE amount = 15000"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/card/offers-contracts", test_card_lists);
  ADD ("/gui/card/open-editors", test_card_opens_editors);
  ADD ("/gui/today/renewals", test_today_renewals);
  ADD ("/gui/offer/draft-contract", test_offer_draft_contract);
  ADD ("/gui/credit/contract", test_credit_contract);
  ADD ("/gui/credit/offer", test_credit_offer);
  ADD ("/gui/credit/invoice", test_credit_invoice);
  ADD ("/gui/today/offers", test_today_offers);

  return g_test_run ();
}
