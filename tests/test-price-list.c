/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kl-entities.h"
#include "kl-offer-pricing.h"
#include "kl-price-list-import.h"
#include "kl-price-list.h"
#include "kl-test.h"
#include "kl-validation.h"

/* The price list: products with their quantity tiers, checked and written
 * together, and imported from CSV files in English, Croatian and Russian. */

typedef struct {
  char      *dir;
  KlSession *session;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->session = kl_test_open_session ("price-list", &f->dir, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_close_session (&f->session, &f->dir, NULL);
}

static KlProduct *
new_product (Fixture    *f,
             const char *code,
             gint64      price)
{
  KlEntity *product = kl_session_new_entity (f->session, KL_TYPE_PRODUCT);

  kl_entity_set_text (product, "code", code);
  kl_entity_set_text (product, "name", "Uredski stol");
  kl_entity_set_text (product, "currency", "EUR");
  kl_entity_set_number (product, "price", price);
  return KL_PRODUCT (product);
}

static void
test_tiers_validate (void)
{
  static const struct {
    KlPriceTierStep tiers[3];
    guint n;
    gboolean ok;
    guint bad;
    int code;
  } cases[] = {
    { { { 10, 500 }, { 50, 1000 }, { 100, 1500 } }, 3, TRUE, 0, 0 },
    { { { 1, 0 }, { 2, 10000 } }, 2, TRUE, 0, 0 },
    { { { 0 } }, 0, TRUE, 0, 0 },
    { { { 10, 500 }, { 10, 1000 } }, 2, FALSE, 1, KL_VALIDATION_ERROR_ORDER },
    { { { 50, 500 }, { 10, 1000 } }, 2, FALSE, 1, KL_VALIDATION_ERROR_ORDER },
    { { { 0, 500 } }, 1, FALSE, 0, KL_VALIDATION_ERROR_RANGE },
    { { { 10, 500 }, { 20, 10001 } }, 2, FALSE, 1, KL_VALIDATION_ERROR_RANGE },
    { { { 10, -1 } }, 1, FALSE, 0, KL_VALIDATION_ERROR_RANGE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint bad = G_MAXUINT;
      gboolean ok = kl_price_tiers_validate (cases[i].tiers, cases[i].n, &bad, &error);

      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_no_error (error);
          continue;
        }
      g_assert_error (error, KL_VALIDATION_ERROR, cases[i].code);
      g_assert_cmpuint (bad, ==, cases[i].bad);
      /* The message names the tier, counted from 1 as the editor shows them. */
      g_assert_nonnull (strstr (error->message, cases[i].bad == 0 ? "1" : "2"));
    }
}

static void
test_save_with_tiers (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlProduct) product = new_product (f, "ST-100", 24900);
  KlPriceTierStep tiers[] = { { 10, 500 }, { 50, 1000 } };
  KlPriceTierStep bad[] = { { 10, 500 }, { 5, 1000 } };
  KlProductPrice price;
  g_autoptr(GArray) loaded = NULL;
  gint64 id;

  id = kl_product_save (f->session, product, tiers, G_N_ELEMENTS (tiers), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  loaded = kl_price_tiers_load (kl_session_get_database (f->session), id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->len, ==, 2);
  g_assert_cmpint (g_array_index (loaded, KlPriceTierStep, 1).min_quantity, ==, 50);
  g_assert_cmpint (g_array_index (loaded, KlPriceTierStep, 1).discount_bp, ==, 1000);

  /* The tier applies from its quantity on. */
  g_assert_true (kl_product_price_lookup (kl_session_get_database (f->session), id, 49, "EUR", &price, &error));
  g_assert_cmpint (price.tier_bp, ==, 500);
  kl_product_price_clear (&price);
  g_assert_true (kl_product_price_lookup (kl_session_get_database (f->session), id, 50, "EUR", &price, &error));
  g_assert_cmpint (price.tier_bp, ==, 1000);
  kl_product_price_clear (&price);

  /* Wrong tiers: nothing written, the price and the old tiers stay. */
  kl_entity_set_number (KL_ENTITY (product), "price", 19900);
  g_assert_cmpint (kl_product_save (f->session, product, bad, G_N_ELEMENTS (bad), &error), ==, 0);
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_ORDER);
  g_clear_error (&error);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT price FROM products"), ==, 24900);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM price_tiers"), ==, 2);

  /* Removing a tier and changing the price. */
  g_assert_cmpint (kl_product_save (f->session, product, tiers, 1, &error), ==, id);
  g_assert_no_error (error);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT price FROM products"), ==, 19900);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM price_tiers"), ==, 1);
}

static void
test_save_refused (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlProduct) first = new_product (f, "ST-100", 100);
  g_autoptr(KlProduct) same_code = new_product (f, "ST-100", 200);
  g_autoptr(KlProduct) no_name = new_product (f, "ST-200", 200);
  KlPriceTierStep tiers[] = { { 10, 500 } };

  g_assert_cmpint (kl_product_save (f->session, first, NULL, 0, &error), >, 0);
  g_assert_no_error (error);

  /* A taken code: neither the product nor its tiers are written. */
  g_assert_cmpint (kl_product_save (f->session, same_code, tiers, 1, &error), ==, 0);
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (kl_entity_get_id (KL_ENTITY (same_code)), ==, 0);

  kl_entity_set_text (KL_ENTITY (no_name), "name", NULL);
  g_assert_cmpint (kl_product_save (f->session, no_name, tiers, 1, &error), ==, 0);
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);

  kl_entity_set_text (KL_ENTITY (no_name), "name", "Stolica");
  kl_entity_set_number (KL_ENTITY (no_name), "vat_rate_bp", 10001);
  g_assert_cmpint (kl_product_save (f->session, no_name, tiers, 1, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM products"), ==, 1);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM price_tiers"), ==, 0);
}

static void
import_text (Fixture     *f,
             const char  *text,
             guint        expect_added,
             guint        expect_updated,
             GPtrArray  **rejections)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  guint added = G_MAXUINT, updated = G_MAXUINT;

  g_assert_true (kl_price_list_import (f->session, bytes, NULL, 0, &added, &updated, rejections, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, expect_added);
  g_assert_cmpuint (updated, ==, expect_updated);
}

static void
test_import_languages (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) rejections = NULL;
  KlImportRejection *r;

  import_text (f,
               "Code;Name;Unit;Price;Currency;VAT\n"
               "A-1;Desk;pcs;249.00;EUR;25\n",
               1, 0, NULL);
  import_text (f,
               "Šifra;Naziv;Jedinica mjere;Cijena;Valuta;PDV\n"
               "B-1;Uredska stolica;kom;1.234,50;eur;13 %\n"
               "B-2;Ormar;kom;abc;EUR;25\n",
               1, 0, &rejections);
  g_assert_cmpuint (rejections->len, ==, 1);
  r = rejections->pdata[0];
  g_assert_cmpuint (r->line, ==, 3);
  g_clear_pointer (&rejections, g_ptr_array_unref);

  import_text (f,
               "\"Код\",\"Наименование\",\"Ед. изм.\",\"Цена\",\"Валюта\",\"НДС\"\n"
               "\"В-1\",\"Стол офисный\",\"шт.\",\"15 990,00\",\"RUB\",\"20\"\n"
               "\"A-1\",\"Desk, oak\",\"pcs\",\"259,00\",\"EUR\",\"25\"\n"
               "\"\",\"Без кода\",\"шт.\",\"1\",\"RUB\",\"20\"\n"
               "\"В-2\",\"Кресло\",\"шт.\",\"100\",\"RUB\",\"120\"\n"
               "\"В-1\",\"Стол офисный\",\"шт.\",\"15 990,00\",\"RUB\",\"20\"\n",
               1, 1, &rejections);
  g_assert_cmpuint (rejections->len, ==, 3);
  g_assert_cmpuint (((KlImportRejection *) rejections->pdata[0])->line, ==, 4);
  g_assert_cmpuint (((KlImportRejection *) rejections->pdata[1])->line, ==, 5);
  g_assert_cmpuint (((KlImportRejection *) rejections->pdata[2])->line, ==, 6);
  g_assert_nonnull (strstr (((KlImportRejection *) rejections->pdata[2])->reason, "2"));

  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM products"), ==, 3);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT price FROM products WHERE code = 'B-1'"), ==, 123450);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT vat_rate_bp FROM products WHERE code = 'B-1'"), ==, 1300);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM products WHERE code = 'B-1' AND currency = 'EUR' AND unit = 'kom'"), ==, 1);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT price FROM products WHERE code = 'В-1'"), ==, 1599000);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM products WHERE code = 'В-1' AND currency = 'RUB' AND name = 'Стол офисный'"), ==, 1);
  /* The code already there was updated, not added twice. */
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT price FROM products WHERE code = 'A-1'"), ==, 25900);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM products WHERE name = 'Desk, oak'"), ==, 1);
}

/* Quantity tiers in a column of their own ("10: 3; 50: 5"): written with
 * their product; a wrong tiers cell rejects its line with the number and
 * why, the other lines still go in; an empty cell leaves the tiers as
 * they were. */
static void
test_import_tiers (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) rejections = NULL;
  g_autoptr(GArray) tiers = NULL;
  gint64 id;

  import_text (f,
               "Šifra;Naziv;Cijena;Valuta;Količinski popusti\n"
               "T-1;Papir A4;4,99;EUR;\"10: 3; 50: 5 %\"\n"
               "T-2;Toner;59,00;EUR;\"50: 5; 10: 3\"\n"
               "T-3;Spajalice;1,20;EUR;deset: 3\n"
               "T-4;Olovka;0,80;EUR;\n"
               "T-5;Fascikl;2,10;EUR;100: 120\n",
               2, 0, &rejections);
  g_assert_cmpuint (rejections->len, ==, 3);
  g_assert_cmpuint (((KlImportRejection *) rejections->pdata[0])->line, ==, 3);
  g_assert_cmpuint (((KlImportRejection *) rejections->pdata[1])->line, ==, 4);
  g_assert_nonnull (strstr (((KlImportRejection *) rejections->pdata[1])->reason, "10: 3; 50: 5"));
  g_assert_cmpuint (((KlImportRejection *) rejections->pdata[2])->line, ==, 6);
  g_clear_pointer (&rejections, g_ptr_array_unref);

  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM products"), ==, 2);
  id = kl_test_query_int (f->session, "SELECT id FROM products WHERE code = 'T-1'");
  tiers = kl_price_tiers_load (kl_session_get_database (f->session), id, NULL);
  g_assert_cmpuint (tiers->len, ==, 2);
  g_assert_cmpint (g_array_index (tiers, KlPriceTierStep, 0).min_quantity, ==, 10);
  g_assert_cmpint (g_array_index (tiers, KlPriceTierStep, 0).discount_bp, ==, 300);
  g_assert_cmpint (g_array_index (tiers, KlPriceTierStep, 1).min_quantity, ==, 50);
  g_assert_cmpint (g_array_index (tiers, KlPriceTierStep, 1).discount_bp, ==, 500);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM price_tiers WHERE product_id ="
                                      " (SELECT id FROM products WHERE code = 'T-4')"), ==, 0);

  /* Again in Russian: T-1's tiers replaced, T-4's left as they are. */
  import_text (f,
               "Код;Наименование;Цена;Валюта;Скидки за количество\n"
               "T-1;Бумага A4;5,10;EUR;20: 4\n"
               "T-4;Ручка;0,90;EUR;\n",
               0, 2, NULL);
  g_clear_pointer (&tiers, g_array_unref);
  tiers = kl_price_tiers_load (kl_session_get_database (f->session), id, NULL);
  g_assert_cmpuint (tiers->len, ==, 1);
  g_assert_cmpint (g_array_index (tiers, KlPriceTierStep, 0).min_quantity, ==, 20);
  g_assert_cmpint (g_array_index (tiers, KlPriceTierStep, 0).discount_bp, ==, 400);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT price FROM products WHERE code = 'T-1'"), ==, 510);
}

static void
test_import_no_header (Fixture       *f,
                       gconstpointer  data)
{
  static const char *text = "Naziv;Cijena\nStol;100\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));

  g_assert_false (kl_price_list_import (f->session, bytes, NULL, 0, NULL, NULL, NULL, &error));
  g_assert_error (error, KL_IMPORT_ERROR, KL_IMPORT_ERROR_NO_NAME);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM products"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/price-list/tiers-validate", test_tiers_validate);
  g_test_add ("/model/price-list/save-with-tiers", Fixture, NULL,
              fixture_set_up, test_save_with_tiers, fixture_tear_down);
  g_test_add ("/model/price-list/save-refused", Fixture, NULL,
              fixture_set_up, test_save_refused, fixture_tear_down);
  g_test_add ("/model/price-list/import-languages", Fixture, NULL,
              fixture_set_up, test_import_languages, fixture_tear_down);
  g_test_add ("/model/price-list/import-tiers", Fixture, NULL,
              fixture_set_up, test_import_tiers, fixture_tear_down);
  g_test_add ("/model/price-list/import-no-header", Fixture, NULL,
              fixture_set_up, test_import_no_header, fixture_tear_down);

  return g_test_run ();
}
