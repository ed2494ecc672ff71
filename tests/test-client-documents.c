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
#include "kl-offer-editor.h"
#include "kl-test-gui.h"

/* A client's offers and contracts on its card, with real widgets: each
 * listed with its status and amount, following the stores; "New …" and a
 * row open the right editor for this client. */

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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/card/offers-contracts", test_card_lists);
  ADD ("/gui/card/open-editors", test_card_opens_editors);

  return g_test_run ();
}
