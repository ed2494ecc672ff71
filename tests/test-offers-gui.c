/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <string.h>

#include "kl-document-pdf.h"
#include "kl-entities.h"
#include "kl-format.h"
#include "kl-offer-editor.h"
#include "kl-offer-pricing.h"
#include "kl-offers-page.h"
#include "kl-price-list-page.h"
#include "kl-price-list.h"
#include "kl-product-editor.h"
#include "kl-test-gui.h"

/* The Price list and Offers sections and their editors, as real widgets:
 * a product's tiers checked as typed, an offer line priced with its tier,
 * the client's loyalty discount and the payment deferral exactly as
 * computed by hand, the statuses offered, and an offer made with real key
 * presses (XTest through xdotool). */

typedef struct {
  char      *dir;
  KlSession *session;
  gint64     client_id;
  gint64     product_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = NULL;
  g_autoptr(KlEntity) product = NULL;
  KlPriceTierStep tiers[] = { { 10, 300 }, { 50, 500 } };

  f->session = kl_test_open_session ("offers-gui", &f->dir, NULL);
  client = kl_session_new_entity (f->session, KL_TYPE_CLIENT);
  kl_entity_set_text (client, "name", "Jadran d.o.o.");
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_CLIENT), client, &error));
  g_assert_no_error (error);
  f->client_id = kl_entity_get_id (client);

  product = kl_session_new_entity (f->session, KL_TYPE_PRODUCT);
  kl_entity_set_text (product, "code", "ST-100");
  kl_entity_set_text (product, "name", "Uredski stol");
  kl_entity_set_text (product, "currency", "EUR");
  kl_entity_set_number (product, "price", 1235);
  f->product_id = kl_product_save (f->session, KL_PRODUCT (product), tiers, G_N_ELEMENTS (tiers), &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_destroy_toplevels ();
  kl_test_close_session (&f->session, &f->dir, NULL);
}

static void
test_templates (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  KlPriceListPage *price_list = g_object_new (KL_TYPE_PRICE_LIST_PAGE, NULL);
  KlOffersPage *offers = g_object_new (KL_TYPE_OFFERS_PAGE, NULL);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (price_list));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (offers));
  gtk_window_set_child (GTK_WINDOW (window), box);
  kl_page_set_session (KL_PAGE (price_list), f->session);
  kl_page_set_session (KL_PAGE (offers), f->session);
  gtk_window_present (GTK_WINDOW (window));
  kl_test_iterate ();

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_price_list_page_get_list (price_list))), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (kl_offers_page_get_list (offers))), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_product_tiers (Fixture       *f,
                    gconstpointer  data)
{
  KlProductEditor *editor = kl_product_editor_new (f->session, NULL);
  GtkEditable *code = kl_test_template_child (editor, KL_TYPE_PRODUCT_EDITOR, "code_row");
  GtkEditable *name = kl_test_template_child (editor, KL_TYPE_PRODUCT_EDITOR, "name_row");
  GtkEditable *price = kl_test_template_child (editor, KL_TYPE_PRODUCT_EDITOR, "price_row");
  GtkLabel *tiers_error = kl_test_template_child (editor, KL_TYPE_PRODUCT_EDITOR, "tiers_error");
  g_autoptr(GArray) stored = NULL;
  gint64 id;

  gtk_window_present (GTK_WINDOW (editor));
  gtk_editable_set_text (code, "OR-7");
  gtk_editable_set_text (name, "Ormar");
  gtk_editable_set_text (price, "99,90");
  kl_product_editor_add_tier (editor, 20, 500);
  kl_product_editor_add_tier (editor, 10, 800);
  kl_test_iterate ();

  /* Out of order: said beside the tiers, and nothing is saved. */
  g_assert_nonnull (kl_product_editor_get_tiers_error (editor));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (tiers_error)));
  g_assert_nonnull (strstr (gtk_label_get_text (tiers_error), "2"));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM products WHERE code = 'OR-7'"), ==, 0);

  kl_product_editor_remove_tier (editor, 1);
  kl_product_editor_add_tier (editor, 50, 800);
  kl_test_iterate ();
  g_assert_null (kl_product_editor_get_tiers_error (editor));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (tiers_error)));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();

  id = kl_test_query_int (f->session, "SELECT id FROM products WHERE code = 'OR-7'");
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT price FROM products WHERE code = 'OR-7'"), ==, 9990);
  stored = kl_price_tiers_load (kl_session_get_database (f->session), id, NULL);
  g_assert_cmpuint (stored->len, ==, 2);
  g_assert_cmpint (g_array_index (stored, KlPriceTierStep, 1).min_quantity, ==, 50);
  g_assert_cmpint (g_array_index (stored, KlPriceTierStep, 1).discount_bp, ==, 800);
}

static void
test_offer_line (Fixture       *f,
                 gconstpointer  data)
{
  KlOfferEditor *editor = kl_offer_editor_new (f->session, NULL, f->client_id, 0);
  GtkSpinButton *deferral = kl_test_template_child (editor, KL_TYPE_OFFER_EDITOR, "deferral_spin");
  GtkSpinButton *loyalty = kl_test_template_child (editor, KL_TYPE_OFFER_EDITOR, "loyalty_spin");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlPricedOffer) priced = NULL;
  const KlLinePrice *p;
  KlDeferralTerms terms;
  gint64 id;
  int line;

  gtk_window_present (GTK_WINDOW (editor));
  gtk_spin_button_set_value (deferral, 45);
  gtk_spin_button_set_value (loyalty, 3);
  line = kl_offer_editor_add_product (editor, f->product_id, 20, &error);
  g_assert_no_error (error);
  g_assert_cmpint (line, ==, 0);
  /* The quantity crosses the second tier: the tier follows it. */
  kl_offer_editor_set_quantity (editor, 0, 100);
  kl_test_iterate ();

  /* By hand: 100 × 12,35 = 1 235,00; tier 5 % −61,75 → 1 173,25;
   * loyalty 3 % −35,1975 → −35,20 → 1 138,05; 45 days +2 % 22,761 →
   * +22,76 → net 1 160,81; VAT 25 % 290,2025 → 290,20; 1 451,01. */
  p = kl_offer_editor_get_line_price (editor, 0);
  g_assert_cmpint (p->tier_bp, ==, 500);
  g_assert_cmpint (p->loyalty_bp, ==, 300);
  g_assert_cmpint (p->deferral_bp, ==, 200);
  g_assert_cmpint (p->gross, ==, 123500);
  g_assert_cmpint (p->tier_amount, ==, 6175);
  g_assert_cmpint (p->loyalty_amount, ==, 3520);
  g_assert_cmpint (p->deferral_amount, ==, 2276);
  g_assert_cmpint (p->net, ==, 116081);
  g_assert_cmpint (p->vat, ==, 29020);
  g_assert_cmpint (p->total, ==, 145101);
  g_assert_cmpint (kl_offer_editor_get_sums (editor)->total, ==, 145101);
  /* The breakdown the manager reads out names every step. */
  g_assert_nonnull (strstr (kl_offer_editor_get_line_breakdown (editor, 0), "× 100"));
  g_assert_nonnull (kl_offer_editor_get_totals_text (editor));

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  id = kl_test_query_int (f->session, "SELECT id FROM offers");
  g_assert_cmpint (id, >, 0);
  kl_deferral_terms_init_default (&terms);
  priced = kl_priced_offer_load (kl_session_get_database (f->session), id, &terms, &error);
  g_assert_no_error (error);
  g_assert_cmpint (priced->sums.total, ==, 145101);
  g_assert_cmpint (g_array_index (priced->lines, KlPricedLine, 0).price.tier_bp, ==, 500);
}

static const char *
shown_error (gpointer    editor,
             const char *name)
{
  GtkLabel *label = kl_test_template_child (editor, KL_TYPE_OFFER_EDITOR, name);

  if (!gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (label))))
    return NULL;
  return gtk_label_get_label (label);
}

/* Another currency for an offer with lines: the lines are priced again
 * from the price list in that currency, or the change is refused beside
 * the currency, the totals say why, and nothing is saved — never EUR
 * amounts shown or saved as roubles. */
static void
test_offer_currency (Fixture       *f,
                     gconstpointer  data)
{
  KlOfferEditor *editor = kl_offer_editor_new (f->session, NULL, f->client_id, 0);
  GtkEditable *currency = kl_test_template_child (editor, KL_TYPE_OFFER_EDITOR, "currency_row");
  GtkWidget *save = kl_test_find_button (editor, "_Save");
  g_autoptr(GError) error = NULL;
  g_autofree char *rub_total = NULL;
  gint64 eur_total;

  gtk_window_present (GTK_WINDOW (editor));
  gtk_editable_set_text (currency, "EUR");
  kl_test_iterate ();
  kl_offer_editor_add_product (editor, f->product_id, 20, &error);
  g_assert_no_error (error);
  kl_test_iterate ();
  eur_total = kl_offer_editor_get_sums (editor)->total;
  g_assert_cmpint (eur_total, >, 0);
  g_assert_true (gtk_widget_is_sensitive (save));

  /* ST-100 has no price in roubles: refused. */
  gtk_editable_set_text (currency, "RUB");
  kl_test_iterate ();
  g_assert_nonnull (shown_error (editor, "currency_error"));
  g_assert_nonnull (strstr (shown_error (editor, "currency_error"), "EUR"));
  g_assert_false (gtk_widget_is_sensitive (save));
  /* The totals say why instead of euro amounts called roubles. */
  g_assert_cmpstr (kl_offer_editor_get_totals_text (editor), ==, shown_error (editor, "currency_error"));
  g_assert_cmpstr (kl_offer_editor_get_sums (editor)->currency, !=, "RUB");
  g_assert_null (strstr (kl_offer_editor_get_line_breakdown (editor, 0), "RUB"));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM offers"), ==, 0);

  /* Back to euros: as before. */
  gtk_editable_set_text (currency, "EUR");
  kl_test_iterate ();
  g_assert_null (shown_error (editor, "currency_error"));
  g_assert_cmpint (kl_offer_editor_get_sums (editor)->total, ==, eur_total);
  g_assert_true (gtk_widget_is_sensitive (save));

  /* The price list moves ST-100 to roubles, 1 000,00 RUB: the offer
   * follows it into roubles, every line priced again (20 × 1 000,00,
   * no tier below 10 … the 10+ tier's 3 %: 19 400,00 net before the
   * deferral's 0 % at 30 days; VAT 25 %: 24 250,00). */
  {
    g_autoptr(KlEntity) product = kl_store_get (kl_session_get_store (f->session, KL_TYPE_PRODUCT),
                                                f->product_id, &error);
    KlPriceTierStep tiers[] = { { 10, 300 }, { 50, 500 } };

    g_assert_no_error (error);
    kl_entity_set_text (product, "currency", "RUB");
    kl_entity_set_number (product, "price", 100000);
    g_assert_cmpint (kl_product_save (f->session, KL_PRODUCT (product), tiers, G_N_ELEMENTS (tiers), &error),
                     ==, f->product_id);
    g_assert_no_error (error);
  }
  gtk_editable_set_text (currency, "RUB");
  kl_test_iterate ();
  g_assert_null (shown_error (editor, "currency_error"));
  g_assert_cmpstr (kl_offer_editor_get_sums (editor)->currency, ==, "RUB");
  g_assert_cmpint (kl_offer_editor_get_line_price (editor, 0)->unit_price, ==, 100000);
  g_assert_cmpint (kl_offer_editor_get_sums (editor)->total, ==, 2425000);
  rub_total = kl_format_money (2425000, "RUB");
  g_assert_nonnull (strstr (kl_offer_editor_get_totals_text (editor), rub_total));
  g_assert_true (gtk_widget_is_sensitive (save));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM offers WHERE currency = 'RUB'"), ==, 1);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT unit_price FROM offer_lines"), ==, 100000);
}

static void
test_offer_statuses (Fixture       *f,
                     gconstpointer  data)
{
  KlOfferEditor *editor = kl_offer_editor_new (f->session, NULL, f->client_id, 0);
  g_auto(GStrv) fresh = kl_offer_editor_get_status_choices (editor);
  const char *fresh_expect[] = { "draft", "sent", NULL };
  const char *past_expect[] = { "sent", "accepted", "rejected", "expired", NULL };
  g_autoptr(KlEntity) offer = NULL;
  g_auto(GStrv) past = NULL;
  KlOfferEditor *sent;

  g_assert_true (g_strv_equal ((const char * const *) fresh, fresh_expect));
  gtk_window_destroy (GTK_WINDOW (editor));

  offer = kl_session_new_entity (f->session, KL_TYPE_OFFER);
  kl_entity_set_text (offer, "number", "PON-1");
  kl_entity_set_number (offer, "client_id", f->client_id);
  kl_entity_set_text (offer, "issue_date", "2020-01-01");
  kl_entity_set_text (offer, "valid_until", "2020-01-31");
  kl_entity_set_text (offer, "status", "sent");
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_OFFER), offer, NULL));
  sent = kl_offer_editor_new (f->session, KL_OFFER (offer), 0, 0);
  past = kl_offer_editor_get_status_choices (sent);
  g_assert_true (g_strv_equal ((const char * const *) past, past_expect));
}

/* Real key presses: XTest events through xdotool into the editor's window. */
static void
keys (GtkWidget  *window,
      const char *command,
      const char *arg)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))));
  const char *focus[] = { "xdotool", "windowfocus", "--sync", xid, NULL };
  const char *argv[] = { "xdotool", command, "--delay", "40", arg, NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) focus, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  kl_test_wait_ms (300);
}

static void
test_offer_keys (Fixture       *f,
                 gconstpointer  data)
{
  KlOfferEditor *editor;
  GtkWidget *picker, *quantity, *add;
  g_autofree char *path = g_find_program_in_path ("xdotool");

  if (path == NULL || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("needs xdotool and an X display");
      return;
    }

  editor = kl_offer_editor_new (f->session, NULL, 0, 0);
  picker = kl_test_template_child (editor, KL_TYPE_OFFER_EDITOR, "client_picker");
  quantity = kl_test_template_child (editor, KL_TYPE_OFFER_EDITOR, "quantity_spin");
  add = kl_test_template_child (editor, KL_TYPE_OFFER_EDITOR, "add_line_button");
  gtk_window_present (GTK_WINDOW (editor));
  kl_test_wait_ms (500);

  /* The client: typed, then taken from the picker's matches. */
  gtk_widget_grab_focus (picker);
  keys (GTK_WIDGET (editor), "type", "Jadr");
  kl_test_wait_ms (500);
  keys (GTK_WIDGET (editor), "key", "Down");
  keys (GTK_WIDGET (editor), "key", "Return");
  /* A quantity of 60 for the price list's one product, then Add Line. */
  gtk_widget_grab_focus (quantity);
  keys (GTK_WIDGET (editor), "key", "ctrl+a");
  keys (GTK_WIDGET (editor), "type", "60");
  keys (GTK_WIDGET (editor), "key", "Tab");
  gtk_widget_grab_focus (add);
  keys (GTK_WIDGET (editor), "key", "space");
  g_assert_cmpuint (kl_offer_editor_get_n_lines (editor), ==, 1);
  g_assert_cmpint (kl_offer_editor_get_line_price (editor, 0)->quantity, ==, 60);
  g_assert_cmpint (kl_offer_editor_get_line_price (editor, 0)->tier_bp, ==, 500);
  /* Ctrl+S saves. */
  keys (GTK_WIDGET (editor), "key", "ctrl+s");
  kl_test_wait_ms (300);

  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM offers"), ==, 1);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT client_id FROM offers"), ==, f->client_id);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT quantity FROM offer_lines"), ==, 60);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT discount_bp FROM offer_lines"), ==, 500);
}

static char *
pdf_text (const char *pdf,
          int         page)
{
  g_autofree char *first = g_strdup_printf ("%d", page);
  const char *argv[] = { "pdftotext", "-layout", "-f", first, "-l", first, pdf, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  return status == 0 ? out : (g_free (out), NULL);
}

/* A 60-line offer made in the editor and written as the PDF that the
 * Offers section's Save as PDF writes (kl_document_write_pdf()): pages break between rows, each says "Page n of
 * N", and the total comes after the last line. */
static void
test_sixty_line_pdf (Fixture       *f,
                     gconstpointer  data)
{
  KlOfferEditor *editor;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "offer.pdf", NULL);
  g_autofree char *total = NULL;
  g_autofree char *number = NULL;
  g_autofree char *path = g_find_program_in_path ("pdftotext");
  int n_pages = 0, rows = 0;

  if (path == NULL)
    {
      g_test_skip ("needs pdftotext (poppler-utils)");
      return;
    }

  editor = kl_offer_editor_new (f->session, NULL, f->client_id, 0);
  gtk_window_present (GTK_WINDOW (editor));
  for (int i = 1; i <= 60; i++)
    g_assert_cmpint (kl_offer_editor_add_product (editor, f->product_id, i, &error), ==, i - 1);
  g_assert_no_error (error);
  total = kl_format_money (kl_offer_editor_get_sums (editor)->total, NULL);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM offer_lines"), ==, 60);

  {
    g_autoptr(KlEntity) offer = kl_store_get (kl_session_get_store (f->session, KL_TYPE_OFFER),
                                              kl_test_query_int (f->session, "SELECT id FROM offers"), NULL);
    number = g_strdup (kl_entity_get_text (offer, "number"));
  }
  {
    g_autoptr(KlDocument) document = kl_document_load (f->session, KL_DOCUMENT_OFFER, number, &error);

    g_assert_no_error (error);
    g_assert_true (kl_document_write_pdf (document, pdf, &error));
    g_assert_no_error (error);
  }

  for (int page = 1; ; page++)
    {
      g_autofree char *text = pdf_text (pdf, page);
      const char *p;

      if (text == NULL || *text == '\0')
        break;
      n_pages = page;
      g_assert_nonnull (strstr (text, number));
      /* Each of the 60 rows once, on one page (a row never splits). */
      for (p = text; (p = strstr (p, "Uredski stol")) != NULL; p++)
        rows++;
    }
  g_assert_cmpint (n_pages, >=, 3);
  g_assert_cmpint (rows, ==, 60);
  for (int page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = pdf_text (pdf, page);
      g_autofree char *foot = g_strdup_printf ("Page %d of %d", page, n_pages);

      g_assert_nonnull (strstr (text, foot));
      if (page == n_pages)
        g_assert_nonnull (strstr (text, total));
    }
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/offers/templates", Fixture, NULL, fixture_set_up, test_templates, fixture_tear_down);
  g_test_add ("/gui/offers/product-tiers", Fixture, NULL, fixture_set_up, test_product_tiers, fixture_tear_down);
  g_test_add ("/gui/offers/line-breakdown", Fixture, NULL, fixture_set_up, test_offer_line, fixture_tear_down);
  g_test_add ("/gui/offers/currency", Fixture, NULL, fixture_set_up, test_offer_currency, fixture_tear_down);
  g_test_add ("/gui/offers/statuses", Fixture, NULL, fixture_set_up, test_offer_statuses, fixture_tear_down);
  g_test_add ("/gui/offers/sixty-line-pdf", Fixture, NULL, fixture_set_up, test_sixty_line_pdf, fixture_tear_down);
  g_test_add ("/gui/offers/keys", Fixture, NULL, fixture_set_up, test_offer_keys, fixture_tear_down);

  return g_test_run ();
}
