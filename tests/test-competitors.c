/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kl-competitor-list.h"
#include "kl-entities.h"
#include "kl-test.h"

/* Competitors: the deals lost to each, their value per currency against
 * figures worked out by hand, and the competitors present at a client.
 *
 *   client  competitor     stage        amount
 *   Jadran  Konkurent A    lost         1 000.00 EUR
 *   Jadran  Konkurent A    lost           250.50 EUR
 *   Jadran  Konkurent A    lost        90 000.00 RUB
 *   Jadran  Konkurent A    won          5 000.00 EUR  (won: not lost to A)
 *   Jadran  Конкурент Б    negotiation    700.00 EUR  (open: B is present)
 *   Volga   Конкурент Б    lost       300 000.00 RUB
 *   Volga   —              lost           100.00 EUR  (lost to nobody named)
 * Lost to A: 1 250.50 EUR in 2 deals and 90 000.00 RUB in 1, never one
 * sum; to B: 300 000.00 RUB in 1; to Nitko: nothing. Present at Jadran:
 * A and B; at Volga: B. */

typedef struct {
  char      *dir;
  KlSession *session;
  gint64     jadran, volga;
  gint64     a, b, c;
} Fixture;

static gint64
insert (Fixture    *f,
        GType       type,
        const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) e = kl_session_new_entity (f->session, type);

  kl_entity_set_text (e, "name", name);
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, type), e, &error));
  g_assert_no_error (error);
  return kl_entity_get_id (e);
}

static void
insert_deal (Fixture    *f,
             gint64      client_id,
             gint64      competitor_id,
             const char *stage,
             gint64      amount,
             const char *currency)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) deal = kl_session_new_entity (f->session, KL_TYPE_DEAL);

  kl_entity_set_number (deal, "client_id", client_id);
  kl_entity_set_number (deal, "competitor_id", competitor_id);
  kl_entity_set_text (deal, "title", "Oprema");
  kl_entity_set_text (deal, "stage", stage);
  kl_entity_set_number (deal, "amount", amount);
  kl_entity_set_text (deal, "currency", currency);
  if (g_str_equal (stage, "lost"))
    kl_entity_set_text (deal, "lost_reason", "Cijena");
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_DEAL), deal, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->session = kl_test_open_session ("competitors", &f->dir, NULL);
  f->jadran = insert (f, KL_TYPE_CLIENT, "Jadran d.o.o.");
  f->volga = insert (f, KL_TYPE_CLIENT, "Волга ООО");
  f->a = insert (f, KL_TYPE_COMPETITOR, "Konkurent A");
  f->b = insert (f, KL_TYPE_COMPETITOR, "Конкурент Б");
  f->c = insert (f, KL_TYPE_COMPETITOR, "Nitko");
  insert_deal (f, f->jadran, f->a, "lost", 100000, "EUR");
  insert_deal (f, f->jadran, f->a, "lost", 25050, "EUR");
  insert_deal (f, f->jadran, f->a, "lost", 9000000, "RUB");
  insert_deal (f, f->jadran, f->a, "won", 500000, "EUR");
  insert_deal (f, f->jadran, f->b, "negotiation", 70000, "EUR");
  insert_deal (f, f->volga, f->b, "lost", 30000000, "RUB");
  insert_deal (f, f->volga, 0, "lost", 10000, "EUR");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_close_session (&f->session, &f->dir, NULL);
}

static void
assert_value (const KlLostValue *value,
              gint64             competitor_id,
              const char        *currency,
              gint64             amount,
              guint              deals)
{
  g_assert_cmpint (value->competitor_id, ==, competitor_id);
  g_assert_cmpstr (value->currency, ==, currency);
  g_assert_cmpint (value->amount, ==, amount);
  g_assert_cmpuint (value->deals, ==, deals);
}

static void
test_lost_values (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = kl_competitor_lost_values (kl_session_get_database (f->session), 0, &error);
  g_autoptr(GArray) b = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  assert_value (&g_array_index (all, KlLostValue, 0), f->a, "EUR", 125050, 2);
  assert_value (&g_array_index (all, KlLostValue, 1), f->a, "RUB", 9000000, 1);
  assert_value (&g_array_index (all, KlLostValue, 2), f->b, "RUB", 30000000, 1);

  b = kl_competitor_lost_values (kl_session_get_database (f->session), f->b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (b->len, ==, 1);
  assert_value (&g_array_index (b, KlLostValue, 0), f->b, "RUB", 30000000, 1);
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(KlQueryList) list = kl_competitor_list_new (f->session);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  kl_query_list_set_sort (list, "lost-deals", TRUE);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(KlEntity) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(GArray) values = kl_competitor_parse_lost_values (kl_entity_get_text (item, "lost_values"));
      gint64 id = kl_entity_get_id (item);

      g_assert_cmpint (id, ==, i == 0 ? f->a : i == 1 ? f->b : f->c);
      if (id == f->a)
        {
          g_assert_cmpint (kl_entity_get_number (item, "lost_deals"), ==, 3);
          g_assert_cmpuint (values->len, ==, 2);
          g_assert_cmpstr (g_array_index (values, KlLostValue, 0).currency, ==, "EUR");
          g_assert_cmpint (g_array_index (values, KlLostValue, 0).amount, ==, 125050);
          g_assert_cmpstr (g_array_index (values, KlLostValue, 1).currency, ==, "RUB");
          g_assert_cmpint (g_array_index (values, KlLostValue, 1).amount, ==, 9000000);
        }
      else if (id == f->b)
        {
          g_assert_cmpint (kl_entity_get_number (item, "lost_deals"), ==, 1);
          g_assert_cmpuint (values->len, ==, 1);
          g_assert_cmpint (g_array_index (values, KlLostValue, 0).amount, ==, 30000000);
        }
      else
        {
          g_assert_cmpint (kl_entity_get_number (item, "lost_deals"), ==, 0);
          g_assert_cmpuint (values->len, ==, 0);
        }
    }

  kl_query_list_set_filter_text (list, "search", "konkurent");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
}

static void
test_at_client (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) jadran = kl_competitors_at_client (f->session, f->jadran, &error);
  g_autoptr(GListModel) volga = NULL;
  g_autoptr(KlEntity) first = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (jadran), ==, 2);
  volga = kl_competitors_at_client (f->session, f->volga, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (volga), ==, 1);
  first = g_list_model_get_item (volga, 0);
  g_assert_cmpint (kl_entity_get_id (first), ==, f->b);
}

static void
test_price_level (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KlStore *store = kl_session_get_store (f->session, KL_TYPE_COMPETITOR);
  g_autoptr(KlEntity) a = kl_store_get (store, f->a, NULL);

  kl_entity_set_text (a, "price_level", "cheap");
  g_assert_false (kl_store_update (store, a, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  kl_entity_set_text (a, "price_level", "lower");
  kl_entity_set_text (a, "products", "Laptopi, monitori");
  g_assert_true (kl_store_update (store, a, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/model/competitor/lost-values", Fixture, NULL, fixture_set_up, test_lost_values, fixture_tear_down);
  g_test_add ("/model/competitor/list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/model/competitor/at-client", Fixture, NULL, fixture_set_up, test_at_client, fixture_tear_down);
  g_test_add ("/model/competitor/price-level", Fixture, NULL, fixture_set_up, test_price_level,
              fixture_tear_down);

  return g_test_run ();
}
