/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "kl-deal-list.h"
#include "kl-entities.h"
#include "kl-query-list.h"
#include "kl-session.h"
#include "kl-test.h"

/* KlQueryList through the deals' definition: counts, SQL sort, filters as
 * parameters, pages read on demand, reloads on store changes, totals per
 * currency. */

typedef struct {
  char      *dir;
  char      *path;
  KlSession *session;
  gint64     ana;        /* managers */
  gint64     boris;
  gint64     zagreb;     /* clients */
  gint64     cacak;
} Fixture;

static gint64
insert_named (KlSession  *session,
              GType       type,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) entity = kl_session_new_entity (session, type);

  kl_entity_set_text (entity, "name", name);
  kl_store_insert (kl_session_get_store (session, type), entity, &error);
  g_assert_no_error (error);

  return kl_entity_get_id (entity);
}

static gint64
insert_deal (Fixture    *fixture,
             gint64      client,
             gint64      manager,
             const char *title,
             const char *stage,
             gint64      amount,
             const char *currency,
             const char *expected_close)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) deal = kl_session_new_entity (fixture->session, KL_TYPE_DEAL);

  kl_entity_set_number (deal, "client_id", client);
  kl_entity_set_number (deal, "manager_id", manager);
  kl_entity_set_text (deal, "title", title);
  kl_entity_set_text (deal, "stage", stage);
  if (g_strcmp0 (stage, "lost") == 0)
    kl_entity_set_text (deal, "lost_reason", "Price");
  kl_entity_set_number (deal, "amount", amount);
  kl_entity_set_text (deal, "currency", currency);
  kl_entity_set_text (deal, "expected_close", expected_close);
  kl_store_insert (kl_session_get_store (fixture->session, KL_TYPE_DEAL), deal, &error);
  g_assert_no_error (error);

  return kl_entity_get_id (deal);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->session = kl_test_open_session ("query-list", &fixture->dir, &fixture->path);
  fixture->ana = insert_named (fixture->session, KL_TYPE_MANAGER, "Ana Anić");
  fixture->boris = insert_named (fixture->session, KL_TYPE_MANAGER, "Boris Borić");
  fixture->zagreb = insert_named (fixture->session, KL_TYPE_CLIENT, "Zagrebački servis d.o.o.");
  fixture->cacak = insert_named (fixture->session, KL_TYPE_CLIENT, "Čačak Trade");

  insert_deal (fixture, fixture->zagreb, fixture->ana, "Servers", "lead", 100000, "EUR", "2026-05-10");
  insert_deal (fixture, fixture->zagreb, fixture->boris, "Printers", "offer", 50000, "EUR", "2026-04-02");
  insert_deal (fixture, fixture->cacak, fixture->ana, "Đurđevac depot", "won", 7000000, "RUB", "2026-04-20");
  insert_deal (fixture, fixture->cacak, 0, "Cables 100%", "lost", 25000, "EUR", NULL);
  insert_deal (fixture, fixture->cacak, fixture->boris, "Support", "negotiation", 300000, "RUB", "2026-06-01");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  kl_test_close_session (&fixture->session, &fixture->dir, &fixture->path);
}

/* The titles of the list, in order, joined by "|". */
static char *
titles (GListModel *list)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(KlEntity) deal = g_list_model_get_item (list, i);

      if (i > 0)
        g_string_append_c (text, '|');
      g_string_append (text, kl_entity_get_text (deal, "title"));
    }

  return g_string_free (text, FALSE);
}

static void
assert_titles (KlQueryList *list,
               const char  *expected)
{
  g_autofree char *got = titles (G_LIST_MODEL (list));

  g_assert_cmpstr (got, ==, expected);
}

static void
test_count_and_items (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KlQueryList) list = kl_deal_list_new (fixture->session);
  g_autoptr(KlEntity) first = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == KL_TYPE_DEAL);
  /* Default: by expected close, the undated one last. */
  assert_titles (list, "Printers|Đurđevac depot|Servers|Support|Cables 100%");
  g_assert_cmpstr (kl_query_list_get_sort (list), ==, "expected-close");

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (kl_entity_get_text (first, "client_name"), ==, "Zagrebački servis d.o.o.");
  g_assert_cmpstr (kl_entity_get_text (first, "manager_name"), ==, "Boris Borić");
  g_assert_cmpint (kl_entity_get_number (first, "days_in_stage"), ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 5));
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(KlQueryList) list = kl_deal_list_new (fixture->session);

  g_assert_true (kl_query_list_set_sort (list, "amount", FALSE));
  assert_titles (list, "Cables 100%|Printers|Servers|Support|Đurđevac depot");
  g_assert_true (kl_query_list_set_sort (list, "amount", TRUE));
  assert_titles (list, "Đurđevac depot|Support|Servers|Printers|Cables 100%");
  g_assert_true (kl_query_list_get_descending (list));

  /* Croatian order: C, Č, … Đ after D; blind to case. */
  g_assert_true (kl_query_list_set_sort (list, "title", FALSE));
  assert_titles (list, "Cables 100%|Đurđevac depot|Printers|Servers|Support");

  /* Funnel order, Lost last. */
  g_assert_true (kl_query_list_set_sort (list, "stage", FALSE));
  assert_titles (list, "Servers|Printers|Support|Đurđevac depot|Cables 100%");

  /* Čačak before Zagreb; ties by id. */
  g_assert_true (kl_query_list_set_sort (list, "client", FALSE));
  assert_titles (list, "Đurđevac depot|Cables 100%|Support|Servers|Printers");

  /* No manager comes last either way; ties by id, descending too. */
  g_assert_true (kl_query_list_set_sort (list, "manager", TRUE));
  assert_titles (list, "Support|Printers|Đurđevac depot|Servers|Cables 100%");

  /* An unknown sort is refused and changes nothing. */
  g_assert_false (kl_query_list_set_sort (list, "colour", FALSE));
  g_assert_cmpstr (kl_query_list_get_sort (list), ==, "manager");
}

static void
test_filters (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KlQueryList) list = kl_deal_list_new (fixture->session);

  kl_query_list_set_filter_text (list, "state", "open");
  assert_titles (list, "Printers|Servers|Support");
  kl_query_list_set_filter_int (list, "manager", fixture->boris);
  assert_titles (list, "Printers|Support");
  kl_query_list_set_filter_int (list, "client", fixture->cacak);
  assert_titles (list, "Support");
  kl_query_list_clear_filters (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);

  kl_query_list_set_filter_int (list, "manager", KL_DEAL_LIST_NO_MANAGER);
  assert_titles (list, "Cables 100%");
  kl_query_list_clear_filter (list, "manager");

  kl_query_list_set_filter_text (list, "stage", "won");
  assert_titles (list, "Đurđevac depot");
  kl_query_list_set_filter_text (list, "stage", NULL);

  kl_query_list_set_filter_text (list, "close_month", "2026-04");
  assert_titles (list, "Printers|Đurđevac depot");
  kl_query_list_clear_filter (list, "close_month");

  /* The search folds: "djurdj" finds "Đurđevac"; the client's name too. */
  kl_query_list_set_filter_text (list, "search", "DJURDJ");
  assert_titles (list, "Đurđevac depot");
  kl_query_list_set_filter_text (list, "search", "cacak");
  assert_titles (list, "Đurđevac depot|Support|Cables 100%");
  /* Wildcards are text: "%" finds only the title that holds one. */
  kl_query_list_set_filter_text (list, "search", "100%");
  assert_titles (list, "Cables 100%");
  kl_query_list_set_filter_text (list, "search", "_");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  /* Quotes are only text. */
  kl_query_list_set_filter_text (list, "search", "' OR 1=1 --");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  /* Blank clears. */
  kl_query_list_set_filter_text (list, "search", "   ");
  g_assert_false (kl_query_list_has_filter (list, "search"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *count)
{
  (*count)++;
}

static void
test_freeze (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KlQueryList) list = kl_deal_list_new (fixture->session);
  guint changes = 0;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);
  kl_query_list_freeze (list);
  kl_query_list_set_filter_text (list, "state", "open");
  kl_query_list_set_filter_int (list, "manager", fixture->ana);
  kl_query_list_set_sort (list, "title", TRUE);
  g_assert_cmpuint (changes, ==, 0);
  kl_query_list_thaw (list);
  g_assert_cmpuint (changes, ==, 1);
  assert_titles (list, "Servers");

  /* Setting what is set reads nothing. */
  kl_query_list_set_filter_int (list, "manager", fixture->ana);
  g_assert_cmpuint (changes, ==, 1);
}

static void
test_refresh (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlQueryList) list = kl_deal_list_new (fixture->session);
  g_autoptr(KlEntity) client = NULL;
  KlStore *clients = kl_session_get_store (fixture->session, KL_TYPE_CLIENT);
  KlStore *deals = kl_session_get_store (fixture->session, KL_TYPE_DEAL);
  guint changes = 0;
  gint64 id;

  kl_query_list_set_filter_text (list, "state", "open");
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed_cb), &changes);

  id = insert_deal (fixture, fixture->zagreb, fixture->ana, "Antennas", "contacted", 1000, "EUR", "2026-01-01");
  g_assert_cmpuint (changes, ==, 1);
  assert_titles (list, "Antennas|Printers|Servers|Support");

  /* Lost: out of the open list. */
  {
    g_autoptr(KlEntity) deal = kl_store_get (deals, id, &error);

    g_assert_no_error (error);
    kl_entity_set_text (deal, "stage", "lost");
    kl_entity_set_text (deal, "lost_reason", "Went quiet");
    kl_store_update (deals, deal, &error);
    g_assert_no_error (error);
  }
  assert_titles (list, "Printers|Servers|Support");

  /* A client renamed: its name in the rows follows. */
  client = kl_store_get (clients, fixture->cacak, &error);
  g_assert_no_error (error);
  kl_entity_set_text (client, "name", "Čačak Trade Group");
  kl_store_update (clients, client, &error);
  g_assert_no_error (error);
  {
    g_autoptr(KlEntity) support = g_list_model_get_item (G_LIST_MODEL (list), 2);

    g_assert_cmpstr (kl_entity_get_text (support, "client_name"), ==, "Čačak Trade Group");
  }

  kl_store_delete (deals, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
}

static void
test_paging (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KlQueryList) list = NULL;
  g_autoptr(GError) error = NULL;
  KlStore *deals = kl_session_get_store (fixture->session, KL_TYPE_DEAL);
  g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
  guint fetches;

  for (guint i = 0; i < 1000; i++)
    {
      KlEntity *deal = kl_session_new_entity (fixture->session, KL_TYPE_DEAL);
      g_autofree char *title = g_strdup_printf ("Bulk %04u", i);

      kl_entity_set_number (deal, "client_id", fixture->zagreb);
      kl_entity_set_text (deal, "title", title);
      kl_entity_set_number (deal, "amount", i);
      g_ptr_array_add (many, deal);
    }
  kl_store_insert_many (deals, (KlEntity **)many->pdata, many->len, "test", &error);
  g_assert_no_error (error);

  list = kl_deal_list_new (fixture->session);
  kl_query_list_set_sort (list, "title", FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1005);
  /* Counting reads no row. */
  fetches = kl_query_list_get_fetches (list);
  g_assert_cmpuint (fetches, ==, 0);

  {
    g_autoptr(KlEntity) deal = g_list_model_get_item (G_LIST_MODEL (list), 700);

    g_assert_cmpstr (kl_entity_get_text (deal, "title"), ==, "Bulk 0700");
  }
  /* One page, whichever row of it. */
  g_assert_cmpuint (kl_query_list_get_fetches (list), ==, 1);
  for (guint i = 700; i < 800; i++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), i));
  g_assert_cmpuint (kl_query_list_get_fetches (list), ==, 1);
  {
    g_autoptr(KlEntity) deal = g_list_model_get_item (G_LIST_MODEL (list), 1004);

    g_assert_cmpstr (kl_entity_get_text (deal, "title"), ==, "Support");
  }
  g_assert_cmpuint (kl_query_list_get_fetches (list), ==, 2);
}

static void
test_totals (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlQueryList) list = kl_deal_list_new (fixture->session);
  g_autoptr(GArray) totals = kl_query_list_get_totals (list, &error);
  g_autoptr(GArray) open = NULL;
  KlQueryTotal *total;

  g_assert_no_error (error);
  g_assert_cmpuint (totals->len, ==, 2);
  total = &g_array_index (totals, KlQueryTotal, 0);
  g_assert_cmpstr (total->currency, ==, "EUR");
  g_assert_cmpint (total->amount, ==, 175000);
  g_assert_cmpuint (total->count, ==, 3);
  total = &g_array_index (totals, KlQueryTotal, 1);
  g_assert_cmpstr (total->currency, ==, "RUB");
  g_assert_cmpint (total->amount, ==, 7300000);
  g_assert_cmpuint (total->count, ==, 2);

  kl_query_list_set_filter_text (list, "state", "open");
  kl_query_list_set_filter_int (list, "manager", fixture->ana);
  open = kl_query_list_get_totals (list, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);
  total = &g_array_index (open, KlQueryTotal, 0);
  g_assert_cmpstr (total->currency, ==, "EUR");
  g_assert_cmpint (total->amount, ==, 100000);
}

typedef struct {
  guint position, removed, added;
} Change;

static void
on_change_cb (GListModel *model,
              guint       position,
              guint       removed,
              guint       added,
              GArray     *changes)
{
  Change change = { position, removed, added };

  g_array_append_val (changes, change);
}

static void
assert_change (GArray *changes,
               guint   i,
               guint   position,
               guint   removed,
               guint   added)
{
  g_assert_cmpuint (changes->len, >, i);
  g_assert_cmpuint (g_array_index (changes, Change, i).position, ==, position);
  g_assert_cmpuint (g_array_index (changes, Change, i).removed, ==, removed);
  g_assert_cmpuint (g_array_index (changes, Change, i).added, ==, added);
}

/* Sets a field of the deal titled @title through the store ("" for text
 * clears it; @text NULL sets @number). */
static void
update_deal (Fixture    *fixture,
             const char *title,
             const char *field,
             const char *text,
             gint64      number)
{
  KlStore *deals = kl_session_get_store (fixture->session, KL_TYPE_DEAL);
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM deals WHERE title = '%s'", title);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) deal = kl_store_get (deals, kl_test_query_int (fixture->session, sql), &error);

  g_assert_no_error (error);
  if (text != NULL)
    kl_entity_set_text (deal, field, *text != '\0' ? text : NULL);
  else
    kl_entity_set_number (deal, field, number);
  if (g_strcmp0 (text, "lost") == 0)
    kl_entity_set_text (deal, "lost_reason", "Price");
  kl_store_update (deals, deal, &error);
  g_assert_no_error (error);
}

/* KL_QUERY_ROWS_PLACED: a changed deal leaves its place and takes its new
 * one, one row each; the rest is not read again; the order stays what the
 * SQL sort gives. */
static void
test_rows_placed (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KlQueryList) list = kl_deal_list_new (fixture->session);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  guint fetches;

  kl_query_list_set_row_changes (list, KL_QUERY_ROWS_PLACED);
  kl_query_list_set_filter_text (list, "state", "open");
  kl_query_list_set_sort (list, "amount", FALSE);
  assert_titles (list, "Printers|Servers|Support");
  g_signal_connect (list, "items-changed", G_CALLBACK (on_change_cb), changes);
  fetches = kl_query_list_get_fetches (list);

  /* Servers, 1 000.00 → 0.10: from the middle to the top. */
  update_deal (fixture, "Servers", "amount", NULL, 10);
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 0, 1, 1, 0);
  assert_change (changes, 1, 0, 0, 1);
  g_assert_cmpuint (kl_query_list_get_fetches (list), ==, fetches);
  assert_titles (list, "Servers|Printers|Support");

  /* Printers lost: out of the open deals, nothing added. */
  g_array_set_size (changes, 0);
  update_deal (fixture, "Printers", "stage", "lost", 0);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 1, 1, 0);
  assert_titles (list, "Servers|Support");

  /* A new open deal joins where its amount puts it. */
  g_array_set_size (changes, 0);
  insert_deal (fixture, fixture->zagreb, fixture->ana, "Antennas", "contacted", 2000, "EUR", NULL);
  g_assert_cmpuint (changes->len, ==, 1);
  assert_change (changes, 0, 1, 0, 1);
  assert_titles (list, "Servers|Antennas|Support");

  /* A change of a deal the list does not show: nothing happens. */
  g_array_set_size (changes, 0);
  update_deal (fixture, "Đurđevac depot", "notes", "Signed", 0);
  g_assert_cmpuint (changes->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
}

/* Empty values sort last both ways: a deal without an expected close goes
 * after every dated one, among the undated by id in the sort's direction. */
static void
test_rows_placed_empty (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KlQueryList) list = kl_deal_list_new (fixture->session);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));

  kl_query_list_set_row_changes (list, KL_QUERY_ROWS_PLACED);
  kl_query_list_set_sort (list, "expected-close", TRUE);
  assert_titles (list, "Support|Servers|Đurđevac depot|Printers|Cables 100%");
  g_signal_connect (list, "items-changed", G_CALLBACK (on_change_cb), changes);

  update_deal (fixture, "Servers", "expected_close", "", 0);
  g_assert_cmpuint (changes->len, ==, 2);
  assert_change (changes, 0, 1, 1, 0);
  /* Cables has the later id: first of the two, descending. */
  assert_change (changes, 1, 4, 0, 1);
  assert_titles (list, "Support|Đurđevac depot|Printers|Cables 100%|Servers");
}

/* Days in the stage are local calendar days: a deal that entered its
 * stage a second before today's local midnight has been in it one day, one
 * that entered at midnight none, whatever the time zone (the tests run at
 * UTC+14, where UTC's date is yesterday's for fourteen hours of the day). */
static void
test_days_in_stage (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (now), g_date_time_get_month (now),
                                                         g_date_time_get_day_of_month (now), 0, 0, 0);
  g_autoptr(GDateTime) before = g_date_time_add_seconds (midnight, -1);
  g_autoptr(GDateTime) week = g_date_time_add_days (midnight, -7);
  g_autofree char *at_midnight = g_date_time_format (midnight, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *before_midnight = g_date_time_format (before, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *week_ago = g_date_time_format (week, "%Y-%m-%dT23:59:59");
  g_autofree char *sql = g_strdup_printf ("UPDATE deals SET funnel_entered_at = CASE title"
                                          " WHEN 'Servers' THEN '%s' WHEN 'Printers' THEN '%s'"
                                          " ELSE '%s' END", before_midnight, at_midnight, week_ago);
  g_autoptr(KlQueryList) list = NULL;
  g_autoptr(GError) error = NULL;
  static const char * const order[] = { "Printers", "Servers", "Support" };
  static const gint64 days[] = { 0, 1, 7 };

  g_assert_true (kl_database_exec (kl_session_get_database (fixture->session), sql, &error));
  g_assert_no_error (error);
  list = kl_deal_list_new (fixture->session);
  kl_query_list_set_filter_text (list, "state", "open");
  kl_query_list_set_sort (list, "days-in-stage", FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(KlEntity) deal = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpstr (kl_entity_get_text (deal, "title"), ==, order[i]);
      g_assert_cmpint (kl_entity_get_number (deal, "days_in_stage"), ==, days[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* Far from UTC: UTC's date and the local one differ for ten hours of
   * every day (days in stage count local days). */
  g_setenv ("TZ", "Pacific/Kiritimati", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/model/query-list/count-and-items", test_count_and_items);
  ADD ("/model/query-list/sort", test_sort);
  ADD ("/model/query-list/filters", test_filters);
  ADD ("/model/query-list/freeze", test_freeze);
  ADD ("/model/query-list/refresh", test_refresh);
  ADD ("/model/query-list/paging", test_paging);
  ADD ("/model/query-list/totals", test_totals);
  ADD ("/model/query-list/rows-placed", test_rows_placed);
  ADD ("/model/query-list/rows-placed-empty", test_rows_placed_empty);
  ADD ("/model/query-list/days-in-stage", test_days_in_stage);
#undef ADD

  return g_test_run ();
}
