/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kl-activity-editor.h"
#include "kl-client-editor.h"
#include "kl-competitor-editor.h"
#include "kl-complaint-editor.h"
#include "kl-contract-draft.h"
#include "kl-contract-editor.h"
#include "kl-deal-editor.h"
#include "kl-entities.h"
#include "kl-offer-editor.h"
#include "kl-product-editor.h"
#include "kl-test-gui.h"
#include "kl-window.h"

/* The keys of the sections in the main window, pressed for real (XTest
 * through xdotool): Ctrl+N asks the section shown for a new record of its
 * own, or a new client where it keeps none; in Contracts and Offers
 * Ctrl+Shift+S saves the selected row as PDF and Ctrl+P prints it, as
 * Ctrl+Shift+S does in the offer editor. */

typedef struct {
  char      *dir;
  KlSession *session;
  gint64     client_id;
  char      *contract_number;
  char      *offer_number;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = NULL;
  g_autoptr(KlEntity) offer = NULL;
  g_autoptr(KlContract) contract = NULL;

  f->session = kl_test_open_session ("section-keys", &f->dir, NULL);
  client = kl_session_new_entity (f->session, KL_TYPE_CLIENT);
  kl_entity_set_text (client, "name", "Jadran Plovidba d.o.o.");
  kl_test_insert (f->session, client);
  f->client_id = kl_entity_get_id (client);

  contract = kl_contract_new_draft (f->session, f->client_id, &error);
  g_assert_no_error (error);
  kl_entity_set_text (KL_ENTITY (contract), "title", "Održavanje flote");
  kl_entity_set_number (KL_ENTITY (contract), "amount", 1234500);
  kl_test_insert (f->session, KL_ENTITY (contract));
  f->contract_number = g_strdup (kl_entity_get_text (KL_ENTITY (contract), "number"));

  offer = kl_session_new_entity (f->session, KL_TYPE_OFFER);
  kl_entity_set_text (offer, "number", "PON-2026-0042");
  kl_entity_set_number (offer, "client_id", f->client_id);
  kl_entity_set_text (offer, "issue_date", "2026-03-01");
  kl_entity_set_text (offer, "valid_until", "2026-03-31");
  kl_test_insert (f->session, offer);
  f->offer_number = g_strdup ("PON-2026-0042");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_destroy_toplevels ();
  g_free (f->contract_number);
  g_free (f->offer_number);
  kl_test_close_session (&f->session, &f->dir, NULL);
}

static KlWindow *
show_section (Fixture    *f,
              const char *section)
{
  KlWindow *window = kl_window_new (NULL, f->session);

  gtk_window_present (GTK_WINDOW (window));
  gtk_stack_set_visible_child_name (kl_test_template_child (window, KL_TYPE_WINDOW, "stack"), section);
  for (int i = 0; i < 40 && !gtk_window_is_active (GTK_WINDOW (window)); i++)
    kl_test_wait_ms (50);
  kl_test_wait_ms (200);
  return window;
}

static void
test_ctrl_n (Fixture       *f,
             gconstpointer  data)
{
  /* What each section makes; those that keep no record of their own
   * make a client, as Clients does. */
  const struct { const char *section; GType type; } sections[] = {
    { "clients", KL_TYPE_CLIENT_EDITOR },
    { "today", KL_TYPE_ACTIVITY_EDITOR },
    { "deals", KL_TYPE_DEAL_EDITOR },
    { "funnel", KL_TYPE_CLIENT_EDITOR },
    { "kpis", KL_TYPE_CLIENT_EDITOR },
    { "offers", KL_TYPE_OFFER_EDITOR },
    { "contracts", KL_TYPE_CONTRACT_EDITOR },
    { "invoices", KL_TYPE_CLIENT_EDITOR },
    { "complaints", KL_TYPE_COMPLAINT_EDITOR },
    { "competitors", KL_TYPE_COMPETITOR_EDITOR },
    { "price-list", KL_TYPE_PRODUCT_EDITOR },
    { "reports", KL_TYPE_CLIENT_EDITOR },
  };
  KlWindow *window = show_section (f, "clients");
  GtkStack *stack = kl_test_template_child (window, KL_TYPE_WINDOW, "stack");

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      GtkWindow *editor;

      g_test_message ("Ctrl+N in %s", sections[i].section);
      g_assert_nonnull (gtk_stack_get_child_by_name (stack, sections[i].section));
      gtk_stack_set_visible_child_name (stack, sections[i].section);
      kl_test_wait_ms (100);
      kl_test_press_keys (GTK_WINDOW (window), "ctrl+n");
      editor = kl_test_wait_toplevel (sections[i].type);
      g_assert_nonnull (editor);
      g_assert_true (gtk_window_get_transient_for (editor) == GTK_WINDOW (window));
      gtk_window_destroy (editor);
      kl_test_wait_ms (50);
    }
}

static char *
pdf_text (const char *pdf)
{
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* Selects the first row of the section's list and gives it the keyboard. */
static void
select_first_row (KlWindow   *window,
                  const char *section)
{
  GtkWidget *page = GTK_WIDGET (kl_window_get_page (window, section));
  GtkColumnView *view = kl_test_template_child (page, G_OBJECT_TYPE (page), "column_view");
  GtkSelectionModel *selection = gtk_column_view_get_model (view);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 1);
  gtk_selection_model_select_item (selection, 0, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  kl_test_wait_ms (50);
}

static void
save_selected (Fixture    *f,
               const char *section,
               const char *number,
               const char *file,
               const char *nothing_selected)
{
  KlWindow *window = show_section (f, section);
  GtkWidget *page = GTK_WIDGET (kl_window_get_page (window, section));
  g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
  g_autofree char *path = g_build_filename (f->dir, file, NULL);
  g_autofree char *suggested = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autoptr(GError) error = NULL;
  GtkFileChooser *chooser;
  GtkWindow *print;

  /* Nothing selected (the section selects the first row it shows; the
   * search entry has the keys): said, nothing asked. */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (
                                       kl_test_template_child (page, G_OBJECT_TYPE (page), "column_view"))),
                                     GTK_INVALID_LIST_POSITION);
  gtk_widget_grab_focus (GTK_WIDGET (kl_test_template_child (page, G_OBJECT_TYPE (page), "search_entry")));
  kl_test_press_keys (GTK_WINDOW (window), "ctrl+shift+s");
  for (int i = 0; i < 20 && kl_test_find_label (page, nothing_selected) == NULL; i++)
    kl_test_wait_ms (50);
  g_assert_nonnull (kl_test_find_label (page, nothing_selected));
  g_assert_null (kl_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));

  select_first_row (window, section);
  kl_test_press_keys (GTK_WINDOW (window), "ctrl+shift+s");
  chooser = GTK_FILE_CHOOSER (kl_test_wait_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_nonnull (chooser);
  suggested = gtk_file_chooser_get_current_name (chooser);
  g_assert_nonnull (strstr (suggested, number));
  g_assert_true (g_str_has_suffix (suggested, ".pdf"));
  gtk_file_chooser_set_current_folder (chooser, folder, &error);
  g_assert_no_error (error);
  gtk_file_chooser_set_current_name (chooser, file);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  for (int i = 0; i < 100 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    kl_test_wait_ms (50);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  if (pdftotext != NULL)
    {
      text = pdf_text (path);
      g_assert_nonnull (strstr (text, number));
      g_assert_nonnull (strstr (text, "Jadran Plovidba d.o.o."));
    }
  g_remove (path);

  /* Ctrl+P: the print dialog, over the same pages. */
  kl_test_press_keys (GTK_WINDOW (window), "ctrl+p");
  print = kl_test_wait_toplevel (g_type_from_name ("GtkPrintUnixDialog"));
  g_assert_nonnull (print);
  gtk_dialog_response (GTK_DIALOG (print), GTK_RESPONSE_CANCEL);
  kl_test_wait_ms (100);
}

static void
test_contract_pdf (Fixture       *f,
                   gconstpointer  data)
{
  save_selected (f, "contracts", f->contract_number, "contract.pdf", "Select a contract first.");
}

static void
test_offer_pdf (Fixture       *f,
                gconstpointer  data)
{
  save_selected (f, "offers", f->offer_number, "offer.pdf", "Select an offer first.");
}

/* The offer editor: Ctrl+Shift+S saves the offer as saved; one with
 * changes not saved says so first. */
static void
test_offer_editor_pdf (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(KlEntity) offer = kl_store_get (kl_session_get_store (f->session, KL_TYPE_OFFER),
                                            kl_test_query_int (f->session, "SELECT id FROM offers"), NULL);
  KlOfferEditor *editor = kl_offer_editor_new (f->session, KL_OFFER (offer), 0, 0);
  GtkFileChooser *chooser;
  g_autofree char *suggested = NULL;

  gtk_window_present (GTK_WINDOW (editor));
  kl_test_wait_ms (200);
  kl_test_press_keys (GTK_WINDOW (editor), "ctrl+shift+s");
  chooser = GTK_FILE_CHOOSER (kl_test_wait_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG));
  g_assert_nonnull (chooser);
  suggested = gtk_file_chooser_get_current_name (chooser);
  g_assert_nonnull (strstr (suggested, f->offer_number));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  kl_test_wait_ms (100);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/sections/ctrl-n", Fixture, NULL, fixture_set_up, test_ctrl_n, fixture_tear_down);
  g_test_add ("/gui/sections/contract-pdf", Fixture, NULL, fixture_set_up, test_contract_pdf, fixture_tear_down);
  g_test_add ("/gui/sections/offer-editor-pdf", Fixture, NULL, fixture_set_up, test_offer_editor_pdf,
              fixture_tear_down);
  g_test_add ("/gui/sections/offer-pdf", Fixture, NULL, fixture_set_up, test_offer_pdf, fixture_tear_down);

  return g_test_run ();
}
