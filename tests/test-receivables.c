/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kl-debtor-list.h"
#include "kl-demo.h"
#include "kl-entities.h"
#include "kl-receivables.h"
#include "kl-test.h"

/* Receivables against hand-computed figures, with a fixed "today":
 * the ageing buckets at their boundaries, partial payments, cancelled
 * invoices, several currencies; the debtors list; the credit check on each
 * trigger and without one; payment reminders. */

#define TODAY "2026-06-30"

typedef struct {
  char      *dir;
  KlSession *session;
  KlDatabase *db;
  guint      n_invoices;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->session = kl_test_open_session ("receivables", &f->dir, NULL);
  f->db = kl_session_get_database (f->session);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_close_session (&f->session, &f->dir, NULL);
}

static gint64
add_client (Fixture    *f,
            const char *name,
            gint64      credit_limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = kl_session_new_entity (f->session, KL_TYPE_CLIENT);

  kl_entity_set_text (client, "name", name);
  kl_entity_set_text (client, "currency", "EUR");
  kl_entity_set_number (client, "credit_limit", credit_limit);
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_CLIENT), client, &error));
  g_assert_no_error (error);
  return kl_entity_get_id (client);
}

/* An invoice due @days_past_due days before TODAY (negative: after it). */
static gint64
add_invoice (Fixture    *f,
             gint64      client_id,
             int         days_past_due,
             gint64      amount,
             const char *currency)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) invoice = kl_session_new_entity (f->session, KL_TYPE_INVOICE);
  g_autofree char *due = kl_date_add_days (TODAY, -days_past_due);
  g_autofree char *issue = kl_date_add_days (due, -30);
  g_autofree char *number = g_strdup_printf ("RN-TEST-%04u", ++f->n_invoices);

  kl_entity_set_text (invoice, "number", number);
  kl_entity_set_number (invoice, "client_id", client_id);
  kl_entity_set_text (invoice, "issue_date", issue);
  kl_entity_set_text (invoice, "due_date", due);
  kl_entity_set_number (invoice, "amount", amount);
  kl_entity_set_text (invoice, "currency", currency);
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_INVOICE), invoice, &error));
  g_assert_no_error (error);
  return kl_entity_get_id (invoice);
}

static gint64
add_payment (Fixture *f,
             gint64   invoice_id,
             gint64   amount)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) payment = kl_session_new_entity (f->session, KL_TYPE_PAYMENT);

  kl_entity_set_number (payment, "invoice_id", invoice_id);
  kl_entity_set_text (payment, "paid_date", TODAY);
  kl_entity_set_number (payment, "amount", amount);
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_PAYMENT), payment, &error));
  g_assert_no_error (error);
  return kl_entity_get_id (payment);
}

static GArray *
ageing (Fixture *f,
        gint64   client_id)
{
  g_autoptr(GError) error = NULL;
  GArray *rows = kl_receivables_ageing (f->db, client_id, TODAY, &error);

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static void
assert_ageing (const KlAgeing *row,
               const char     *currency,
               gint64          not_due,
               gint64          b30,
               gint64          b60,
               gint64          b90,
               gint64          over90)
{
  g_assert_cmpstr (row->currency, ==, currency);
  g_assert_cmpint (row->buckets[KL_AGEING_NOT_DUE], ==, not_due);
  g_assert_cmpint (row->buckets[KL_AGEING_1_30], ==, b30);
  g_assert_cmpint (row->buckets[KL_AGEING_31_60], ==, b60);
  g_assert_cmpint (row->buckets[KL_AGEING_61_90], ==, b90);
  g_assert_cmpint (row->buckets[KL_AGEING_OVER_90], ==, over90);
  g_assert_cmpint (row->balance, ==, not_due + b30 + b60 + b90 + over90);
  g_assert_cmpint (row->overdue, ==, b30 + b60 + b90 + over90);
}

static void
test_bucket_for_days (void)
{
  g_assert_cmpint (kl_ageing_bucket_for_days (-10), ==, KL_AGEING_NOT_DUE);
  g_assert_cmpint (kl_ageing_bucket_for_days (0), ==, KL_AGEING_NOT_DUE);
  g_assert_cmpint (kl_ageing_bucket_for_days (1), ==, KL_AGEING_1_30);
  g_assert_cmpint (kl_ageing_bucket_for_days (30), ==, KL_AGEING_1_30);
  g_assert_cmpint (kl_ageing_bucket_for_days (31), ==, KL_AGEING_31_60);
  g_assert_cmpint (kl_ageing_bucket_for_days (60), ==, KL_AGEING_31_60);
  g_assert_cmpint (kl_ageing_bucket_for_days (61), ==, KL_AGEING_61_90);
  g_assert_cmpint (kl_ageing_bucket_for_days (90), ==, KL_AGEING_61_90);
  g_assert_cmpint (kl_ageing_bucket_for_days (91), ==, KL_AGEING_OVER_90);
  g_assert_cmpint (kl_days_between ("2026-02-28", "2026-03-01"), ==, 1);
  g_assert_cmpint (kl_days_between ("2024-02-28", "2024-03-01"), ==, 2);
  g_assert_cmpint (kl_days_between ("2026-07-01", "2026-06-30"), ==, -1);
}

/* Each boundary day with its own amount, so that each sum shows which
 * invoices went into it. */
static void
test_boundaries (Fixture       *f,
                 gconstpointer  data)
{
  gint64 client = add_client (f, "Jadran d.o.o.", 0);
  g_autoptr(GArray) rows = NULL;

  add_invoice (f, client, -5, 2, "EUR");           /* due in 5 days */
  add_invoice (f, client, 0, 1, "EUR");            /* due today: not overdue */
  add_invoice (f, client, 1, 10, "EUR");
  add_invoice (f, client, 30, 20, "EUR");
  add_invoice (f, client, 31, 300, "EUR");
  add_invoice (f, client, 60, 400, "EUR");
  add_invoice (f, client, 61, 5000, "EUR");
  add_invoice (f, client, 90, 6000, "EUR");
  add_invoice (f, client, 91, 70000, "EUR");
  add_invoice (f, client, 400, 800000, "EUR");

  rows = ageing (f, client);
  g_assert_cmpuint (rows->len, ==, 1);
  assert_ageing (&g_array_index (rows, KlAgeing, 0), "EUR", 3, 30, 700, 11000, 870000);
  g_assert_cmpuint (g_array_index (rows, KlAgeing, 0).n_invoices, ==, 10);

  /* The day after, everything moves by one day: 0 → 1, 30 → 31, 60 → 61, 90 → 91. */
  {
    g_autoptr(GArray) next = kl_receivables_ageing (f->db, client, "2026-07-01", NULL);

    assert_ageing (&g_array_index (next, KlAgeing, 0), "EUR", 2, 11, 320, 5400, 876000);
  }
}

static void
test_partial_payments (Fixture       *f,
                       gconstpointer  data)
{
  gint64 client = add_client (f, "Jadran d.o.o.", 0);
  gint64 invoice = add_invoice (f, client, 45, 10000, "EUR");
  gint64 other = add_invoice (f, client, 10, 5000, "EUR");
  gint64 first, second;
  g_autoptr(GError) error = NULL;

  first = add_payment (f, invoice, 3000);
  {
    g_autoptr(GArray) rows = ageing (f, client);
    assert_ageing (&g_array_index (rows, KlAgeing, 0), "EUR", 0, 5000, 7000, 0, 0);
  }
  second = add_payment (f, invoice, 2500);
  {
    g_autoptr(GArray) rows = ageing (f, client);
    assert_ageing (&g_array_index (rows, KlAgeing, 0), "EUR", 0, 5000, 4500, 0, 0);
  }
  g_assert_cmpint (kl_receivables_balance (f->db, client, "EUR", 0, NULL), ==, 9500);
  g_assert_cmpint (kl_receivables_balance (f->db, client, "EUR", invoice, NULL), ==, 5000);

  /* A payment changed, then taken back. */
  {
    g_autoptr(KlEntity) payment = kl_store_get (kl_session_get_store (f->session, KL_TYPE_PAYMENT), second, &error);

    g_assert_no_error (error);
    kl_entity_set_number (payment, "amount", 7000);
    g_assert_true (kl_store_update (kl_session_get_store (f->session, KL_TYPE_PAYMENT), payment, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(GArray) rows = ageing (f, client);
    assert_ageing (&g_array_index (rows, KlAgeing, 0), "EUR", 0, 5000, 0, 0, 0);
    g_assert_cmpuint (g_array_index (rows, KlAgeing, 0).n_invoices, ==, 1);
  }
  g_assert_true (kl_store_delete (kl_session_get_store (f->session, KL_TYPE_PAYMENT), first, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GArray) rows = ageing (f, client);
    assert_ageing (&g_array_index (rows, KlAgeing, 0), "EUR", 0, 5000, 3000, 0, 0);
  }

  /* Overpaid: the invoice owes nothing and pays no other. */
  add_payment (f, other, 9000);
  {
    g_autoptr(GArray) rows = ageing (f, client);
    assert_ageing (&g_array_index (rows, KlAgeing, 0), "EUR", 0, 0, 3000, 0, 0);
  }
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT paid FROM invoices WHERE id = 1"), ==, 7000);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  gint64 client = add_client (f, "Jadran d.o.o.", 0);
  gint64 invoice = add_invoice (f, client, 100, 4000, "EUR");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) entity = NULL;

  add_invoice (f, client, 20, 600, "EUR");
  {
    g_autoptr(GArray) rows = ageing (f, client);
    assert_ageing (&g_array_index (rows, KlAgeing, 0), "EUR", 0, 600, 0, 0, 4000);
  }

  entity = kl_store_get (kl_session_get_store (f->session, KL_TYPE_INVOICE), invoice, &error);
  kl_entity_set_text (entity, "status", "cancelled");
  g_assert_true (kl_store_update (kl_session_get_store (f->session, KL_TYPE_INVOICE), entity, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GArray) rows = ageing (f, client);
    assert_ageing (&g_array_index (rows, KlAgeing, 0), "EUR", 0, 600, 0, 0, 0);
  }
  g_assert_cmpint (kl_credit_check (f->db, client, 0, "EUR", 0, TODAY, NULL, NULL), ==, KL_CREDIT_OK);
}

static void
test_currencies (Fixture       *f,
                 gconstpointer  data)
{
  gint64 jadran = add_client (f, "Jadran d.o.o.", 0);
  gint64 volga = add_client (f, "ООО «Волга»", 0);
  g_autoptr(GArray) one = NULL;
  g_autoptr(GArray) all = NULL;

  add_invoice (f, jadran, 10, 1000, "EUR");
  add_invoice (f, jadran, 70, 250000, "RUB");
  add_invoice (f, volga, 100, 900000, "RUB");
  add_invoice (f, volga, -3, 50, "USD");

  one = ageing (f, jadran);
  g_assert_cmpuint (one->len, ==, 2);
  assert_ageing (&g_array_index (one, KlAgeing, 0), "EUR", 0, 1000, 0, 0, 0);
  assert_ageing (&g_array_index (one, KlAgeing, 1), "RUB", 0, 0, 0, 250000, 0);

  all = ageing (f, 0);
  g_assert_cmpuint (all->len, ==, 3);
  assert_ageing (&g_array_index (all, KlAgeing, 0), "EUR", 0, 1000, 0, 0, 0);
  assert_ageing (&g_array_index (all, KlAgeing, 1), "RUB", 0, 0, 0, 250000, 900000);
  assert_ageing (&g_array_index (all, KlAgeing, 2), "USD", 50, 0, 0, 0, 0);
  g_assert_cmpuint (g_array_index (all, KlAgeing, 0).n_clients, ==, 1);
  g_assert_cmpuint (g_array_index (all, KlAgeing, 1).n_clients, ==, 2);

  /* Nothing owed: no rows. */
  {
    gint64 none = add_client (f, "Prazno", 0);
    g_autoptr(GArray) empty = ageing (f, none);

    g_assert_cmpuint (empty->len, ==, 0);
  }
}

typedef struct {
  GPtrArray *names;
  GArray    *rows;      /* KlAgeing */
  guint      stop_after;
} PerClient;

static gboolean
collect_client (const KlClientAgeing *row,
                gpointer              user_data)
{
  PerClient *seen = user_data;

  g_ptr_array_add (seen->names, g_strdup (row->name));
  g_array_append_val (seen->rows, row->ageing);
  return seen->names->len != seen->stop_after;
}

/* Per client: the rows kl_receivables_ageing() sums, by name then
 * currency; a partial payment owes what is left; a callback stops it. */
static void
test_per_client (Fixture       *f,
                 gconstpointer  data)
{
  gint64 volga = add_client (f, "ООО «Волга»", 0);
  gint64 jadran = add_client (f, "Jadran d.o.o.", 0);
  gint64 paid_up = add_client (f, "Abeceda d.d.", 0);
  PerClient seen = { g_ptr_array_new_with_free_func (g_free), g_array_new (FALSE, TRUE, sizeof (KlAgeing)), 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL;
  gint64 half;

  add_invoice (f, jadran, 10, 1000, "EUR");
  half = add_invoice (f, jadran, 45, 4000, "EUR");
  add_payment (f, half, 1500);
  add_invoice (f, jadran, 70, 250000, "RUB");
  add_invoice (f, volga, 100, 900000, "RUB");
  add_invoice (f, volga, -3, 50, "RUB");
  add_payment (f, add_invoice (f, paid_up, 5, 700, "EUR"), 700);

  g_assert_true (kl_receivables_ageing_foreach_client (f->db, 0, TODAY, collect_client, &seen, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.names->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (seen.names, 0), ==, "Jadran d.o.o.");
  assert_ageing (&g_array_index (seen.rows, KlAgeing, 0), "EUR", 0, 1000, 2500, 0, 0);
  g_assert_cmpuint (g_array_index (seen.rows, KlAgeing, 0).n_invoices, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (seen.names, 1), ==, "Jadran d.o.o.");
  assert_ageing (&g_array_index (seen.rows, KlAgeing, 1), "RUB", 0, 0, 0, 250000, 0);
  g_assert_cmpstr (g_ptr_array_index (seen.names, 2), ==, "ООО «Волга»");
  assert_ageing (&g_array_index (seen.rows, KlAgeing, 2), "RUB", 50, 0, 0, 0, 900000);

  /* the same sums as the model's ageing of all clients */
  all = ageing (f, 0);
  for (guint i = 0; i < all->len; i++)
    {
      KlAgeing *total = &g_array_index (all, KlAgeing, i);

      for (guint b = 0; b < KL_AGEING_N_BUCKETS; b++)
        {
          gint64 sum = 0;

          for (guint r = 0; r < seen.rows->len; r++)
            if (g_str_equal (g_array_index (seen.rows, KlAgeing, r).currency, total->currency))
              sum += g_array_index (seen.rows, KlAgeing, r).buckets[b];
          g_assert_cmpint (sum, ==, total->buckets[b]);
        }
    }

  /* stopped by the callback: no more rows, no error */
  g_ptr_array_set_size (seen.names, 0);
  g_array_set_size (seen.rows, 0);
  seen.stop_after = 1;
  g_assert_true (kl_receivables_ageing_foreach_client (f->db, 0, TODAY, collect_client, &seen, &error));
  g_assert_cmpuint (seen.names->len, ==, 1);

  g_ptr_array_unref (seen.names);
  g_array_unref (seen.rows);
}

static KlDebtor *
debtor_at (KlDebtorList *list,
           guint         position)
{
  KlDebtor *debtor = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (debtor);
  g_object_unref (debtor);   /* the list keeps it */
  return debtor;
}

static void
test_debtors (Fixture       *f,
              gconstpointer  data)
{
  gint64 a = add_client (f, "Adria", 0);
  gint64 b = add_client (f, "Brodogradnja", 0);
  gint64 c = add_client (f, "Čakovec", 0);
  gint64 d = add_client (f, "Dubrava", 0);
  gint64 big;
  g_autoptr(KlDebtorList) list = NULL;
  g_autoptr(GError) error = NULL;
  guint changes = 0;

  add_invoice (f, a, 10, 1000, "EUR");
  add_invoice (f, a, -10, 99999, "EUR");     /* not due: not overdue */
  big = add_invoice (f, b, 95, 5000, "EUR");
  add_invoice (f, c, 40, 3000, "EUR");
  add_invoice (f, c, 200, 100000, "RUB");    /* another currency */
  add_invoice (f, d, -1, 7000, "EUR");       /* owes, but nothing past due */

  list = kl_debtor_list_new (f->session, "EUR", TODAY);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_cmpint (kl_debtor_get_client_id (debtor_at (list, 0)), ==, b);
  g_assert_cmpint (kl_debtor_get_client_id (debtor_at (list, 1)), ==, c);
  g_assert_cmpint (kl_debtor_get_client_id (debtor_at (list, 2)), ==, a);
  g_assert_cmpint (kl_debtor_get_overdue (debtor_at (list, 0)), ==, 5000);
  g_assert_cmpint (kl_debtor_get_bucket (debtor_at (list, 0), KL_AGEING_OVER_90), ==, 5000);
  g_assert_cmpint (kl_debtor_get_overdue (debtor_at (list, 2)), ==, 1000);
  g_assert_cmpint (kl_debtor_get_balance (debtor_at (list, 2)), ==, 100999);
  g_assert_cmpint (kl_debtor_get_bucket (debtor_at (list, 2), KL_AGEING_NOT_DUE), ==, 99999);
  g_assert_cmpstr (kl_debtor_get_name (debtor_at (list, 1)), ==, "Čakovec");
  g_assert_cmpstr (kl_debtor_get_currency (debtor_at (list, 1)), ==, "EUR");

  /* Sorting again reads nothing. */
  kl_debtor_list_set_sort (list, KL_DEBTOR_SORT_NAME, FALSE);
  g_assert_cmpuint (kl_debtor_list_get_loads (list), ==, 1);
  g_assert_cmpint (kl_debtor_get_client_id (debtor_at (list, 0)), ==, a);
  g_assert_cmpint (kl_debtor_get_client_id (debtor_at (list, 1)), ==, b);
  g_assert_cmpint (kl_debtor_get_client_id (debtor_at (list, 2)), ==, c);
  kl_debtor_list_set_sort (list, KL_DEBTOR_SORT_BALANCE, TRUE);
  g_assert_cmpint (kl_debtor_get_client_id (debtor_at (list, 0)), ==, a);
  kl_debtor_list_set_sort (list, KL_DEBTOR_SORT_OVERDUE, TRUE);

  /* A partial payment lowers the row and moves it. */
  g_signal_connect_swapped (list, "items-changed", G_CALLBACK (g_atomic_int_inc), &changes);
  add_payment (f, big, 4500);
  g_assert_cmpuint (changes, >, 0);
  g_assert_cmpint (kl_debtor_get_client_id (debtor_at (list, 0)), ==, c);
  g_assert_cmpint (kl_debtor_get_client_id (debtor_at (list, 2)), ==, b);
  g_assert_cmpint (kl_debtor_get_overdue (debtor_at (list, 2)), ==, 500);
  g_assert_cmpuint (kl_debtor_list_find (list, b), ==, 2);
  g_assert_cmpuint (kl_debtor_list_find (list, d), ==, G_MAXUINT);

  /* Paid in full: no longer a debtor. */
  add_payment (f, big, 500);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  /* Roubles are another list, never summed with euros. */
  kl_debtor_list_set_currency (list, "RUB");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (kl_debtor_get_overdue (debtor_at (list, 0)), ==, 100000);

  /* A reminder shows on the row. */
  g_assert_null (kl_debtor_get_last_reminder (debtor_at (list, 0)));
  g_assert_cmpint (kl_receivables_send_reminder (f->session, c, "email", &error), >, 0);
  g_assert_no_error (error);
  g_assert_nonnull (kl_debtor_get_last_reminder (debtor_at (list, 0)));
  g_assert_cmpint (kl_test_query_int (f->session,
                                      "SELECT count(*) FROM activities WHERE kind = 'email'"
                                      " AND status = 'done' AND client_id = 3"), ==, 1);
  {
    g_autofree char *last = kl_receivables_last_reminder (f->db, c, NULL);

    g_assert_cmpstr (last, ==, kl_debtor_get_last_reminder (debtor_at (list, 0)));
  }
  g_assert_cmpint (kl_receivables_send_reminder (f->session, 9999, "call", &error), ==, 0);
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM activities"), ==, 1);
}

static void
test_credit_limit (Fixture       *f,
                   gconstpointer  data)
{
  gint64 client = add_client (f, "Jadran d.o.o.", 100000);   /* 1 000,00 EUR */
  gint64 invoice = add_invoice (f, client, 10, 60000, "EUR");
  g_autofree char *reason = NULL;

  add_invoice (f, client, -20, 20000, "EUR");                /* not due yet, still owed */
  add_invoice (f, client, 5, 500000, "RUB");                 /* not in the limit's currency */

  /* 800,00 owed: 200,00 more is exactly the limit, 200,01 is over. */
  g_assert_cmpint (kl_credit_check (f->db, client, 20000, "EUR", 0, TODAY, &reason, NULL), ==, KL_CREDIT_OK);
  g_assert_null (reason);
  g_assert_cmpint (kl_credit_check (f->db, client, 20001, "EUR", 0, TODAY, &reason, NULL), ==, KL_CREDIT_OVER_LIMIT);
  g_assert_nonnull (reason);
  g_assert_nonnull (strstr (reason, "Jadran d.o.o."));
  g_assert_nonnull (strstr (reason, "EUR"));
  g_clear_pointer (&reason, g_free);

  /* A document in another currency cannot be weighed against the limit. */
  g_assert_cmpint (kl_credit_check (f->db, client, 99900000, "RUB", 0, TODAY, NULL, NULL), ==, KL_CREDIT_OK);

  /* The invoice being edited is not counted twice. */
  g_assert_cmpint (kl_credit_check (f->db, client, 80000, "EUR", invoice, TODAY, NULL, NULL), ==, KL_CREDIT_OK);
  g_assert_cmpint (kl_credit_check (f->db, client, 80001, "EUR", invoice, TODAY, NULL, NULL), ==, KL_CREDIT_OVER_LIMIT);

  /* Paying lowers the balance. */
  add_payment (f, invoice, 10000);
  g_assert_cmpint (kl_credit_check (f->db, client, 30000, "EUR", 0, TODAY, NULL, NULL), ==, KL_CREDIT_OK);

  /* No limit set: never over it. */
  {
    gint64 unlimited = add_client (f, "Bez limita", 0);

    add_invoice (f, unlimited, 10, 900000000, "EUR");
    g_assert_cmpint (kl_credit_check (f->db, unlimited, 900000000, "EUR", 0, TODAY, NULL, NULL), ==, KL_CREDIT_OK);
  }
}

static void
test_credit_arrears (Fixture       *f,
                     gconstpointer  data)
{
  gint64 client = add_client (f, "Jadran d.o.o.", 0);
  gint64 sixty = add_invoice (f, client, 60, 1000, "EUR");
  gint64 late;
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;

  /* 60 days past due is not yet "more than 60". */
  g_assert_cmpint (kl_credit_check (f->db, client, 0, "EUR", 0, TODAY, &reason, &error), ==, KL_CREDIT_OK);
  g_assert_no_error (error);
  g_assert_null (reason);
  g_assert_cmpint (kl_credit_check (f->db, client, 0, "EUR", 0, "2026-07-01", &reason, NULL), ==, KL_CREDIT_ARREARS);
  g_clear_pointer (&reason, g_free);
  (void) sixty;

  late = add_invoice (f, client, 61, 2500, "RUB");
  g_assert_cmpint (kl_credit_check (f->db, client, 0, "EUR", 0, TODAY, &reason, NULL), ==, KL_CREDIT_ARREARS);
  g_assert_nonnull (strstr (reason, "RUB"));
  g_assert_nonnull (strstr (reason, "Jadran d.o.o."));
  g_clear_pointer (&reason, g_free);

  /* Partly paid is still owed; paid in full is not. */
  add_payment (f, late, 2000);
  g_assert_cmpint (kl_credit_check (f->db, client, 0, "EUR", 0, TODAY, NULL, NULL), ==, KL_CREDIT_ARREARS);
  add_payment (f, late, 500);
  g_assert_cmpint (kl_credit_check (f->db, client, 0, "EUR", 0, TODAY, NULL, NULL), ==, KL_CREDIT_OK);

  /* Both at once, one sentence each. */
  {
    gint64 both = add_client (f, "Oboje", 1000);

    add_invoice (f, both, 100, 900, "EUR");
    g_assert_cmpint (kl_credit_check (f->db, both, 200, "EUR", 0, TODAY, &reason, NULL), ==,
                     KL_CREDIT_OVER_LIMIT | KL_CREDIT_ARREARS);
    g_assert_nonnull (strchr (reason, '\n'));
  }

  /* A client that is gone. */
  g_assert_cmpint (kl_credit_check (f->db, 9999, 0, "EUR", 0, TODAY, NULL, &error), ==, KL_CREDIT_OK);
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND);
}


/* The receivables table (migration 11), kept by triggers, against what
 * the invoices and payments say, worked out here from scratch: the
 * payments summed (not invoices.paid), the buckets by
 * kl_receivables_ageing() for the table's day, the next change in C. */
static void
assert_receivables_exact (KlDatabase *db)
{
  sqlite3 *handle = kl_database_get_handle (db);
  g_autoptr(sqlite3_stmt) rows = NULL;
  g_autoptr(sqlite3_stmt) dues = NULL;
  g_autoptr(sqlite3_stmt) client = NULL;
  g_autofree char *day = NULL;
  gint64 n_rows = 0;

  {
    g_autoptr(sqlite3_stmt) stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT day FROM receivables_day", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    day = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT client_id, currency, oldest_due, balance, n_invoices,"
                                       " not_due, d1_30, d31_60, d61_90, over_90, next_change,"
                                       " name, sort_key, last_reminder_at FROM receivables",
                                       -1, &rows, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT i.due_date, i.amount - coalesce ((SELECT sum (p.amount)"
                                       "   FROM payments p WHERE p.invoice_id = i.id), 0) AS owed"
                                       " FROM invoices i WHERE i.client_id = ?1 AND i.currency = ?2"
                                       "  AND i.status = 'issued' AND owed > 0",
                                       -1, &dues, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "SELECT name, sort_key, last_reminder_at FROM clients WHERE id = ?1",
                                       -1, &client, NULL), ==, SQLITE_OK);

  while (sqlite3_step (rows) == SQLITE_ROW)
    {
      gint64 client_id = sqlite3_column_int64 (rows, 0);
      const char *currency = (const char *) sqlite3_column_text (rows, 1);
      g_autoptr(GArray) ageing = kl_receivables_ageing (db, client_id, day, NULL);
      const KlAgeing *found = NULL;
      g_autofree char *oldest = NULL;
      g_autofree char *next = NULL;
      gint64 balance = 0;
      guint n = 0;

      n_rows++;
      for (guint i = 0; i < ageing->len; i++)
        if (strcmp (g_array_index (ageing, KlAgeing, i).currency, currency) == 0)
          found = &g_array_index (ageing, KlAgeing, i);
      g_assert_nonnull (found);
      for (int b = 0; b < KL_AGEING_N_BUCKETS; b++)
        g_assert_cmpint (sqlite3_column_int64 (rows, 5 + b), ==, found->buckets[b]);

      sqlite3_bind_int64 (dues, 1, client_id);
      sqlite3_bind_text (dues, 2, currency, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (dues) == SQLITE_ROW)
        {
          const char *due = (const char *) sqlite3_column_text (dues, 0);
          int past = kl_days_between (due, day);
          static const int moves[] = { 1, 31, 61, 91 };

          balance += sqlite3_column_int64 (dues, 1);
          n++;
          if (oldest == NULL || strcmp (due, oldest) < 0)
            {
              g_free (oldest);
              oldest = g_strdup (due);
            }
          for (guint m = 0; m < G_N_ELEMENTS (moves); m++)
            if (moves[m] > past)
              {
                g_autofree char *move = kl_date_add_days (due, moves[m]);

                if (next == NULL || strcmp (move, next) < 0)
                  {
                    g_free (next);
                    next = g_steal_pointer (&move);
                  }
                break;
              }
        }
      sqlite3_reset (dues);
      g_assert_cmpuint (n, >, 0);
      g_assert_cmpint (sqlite3_column_int64 (rows, 3), ==, balance);
      g_assert_cmpint (sqlite3_column_int64 (rows, 3), ==, found->balance);
      g_assert_cmpint (sqlite3_column_int (rows, 4), ==, n);
      g_assert_cmpstr ((const char *) sqlite3_column_text (rows, 2), ==, oldest);
      g_assert_cmpstr ((const char *) sqlite3_column_text (rows, 10), ==, next);

      sqlite3_bind_int64 (client, 1, client_id);
      g_assert_cmpint (sqlite3_step (client), ==, SQLITE_ROW);
      for (int c = 0; c < 3; c++)
        g_assert_cmpstr ((const char *) sqlite3_column_text (rows, 11 + c), ==,
                         (const char *) sqlite3_column_text (client, c));
      sqlite3_reset (client);
    }

  /* And no client and currency owing anything is missing. */
  g_assert_cmpint (n_rows, ==,
                   kl_database_query_int (db,
                                          "SELECT count (*) FROM (SELECT DISTINCT client_id, currency"
                                          " FROM invoices i WHERE i.status = 'issued' AND i.amount >"
                                          " coalesce ((SELECT sum (p.amount) FROM payments p"
                                          "            WHERE p.invoice_id = i.id), 0))", NULL));
}

static void
update_invoice (Fixture    *f,
                gint64      invoice_id,
                const char *field,
                const char *text,
                gint64      number)
{
  g_autoptr(GError) error = NULL;
  KlStore *store = kl_session_get_store (f->session, KL_TYPE_INVOICE);
  g_autoptr(KlEntity) entity = kl_store_get (store, invoice_id, &error);

  g_assert_no_error (error);
  if (text != NULL)
    kl_entity_set_text (entity, field, text);
  else
    kl_entity_set_number (entity, field, number);
  g_assert_true (kl_store_update (store, entity, &error));
  g_assert_no_error (error);
}

/* Brings the table's buckets to @day as the debtors list does. */
static void
move_day (Fixture    *f,
          const char *day)
{
  g_autoptr(KlDebtorList) list = kl_debtor_list_new (f->session, "EUR", day);

  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count (*) FROM receivables_day"), ==, 1);
  assert_receivables_exact (f->db);
}

static void
test_receivables_table (Fixture       *f,
                        gconstpointer  data)
{
  KlStore *payments = kl_session_get_store (f->session, KL_TYPE_PAYMENT);
  KlStore *invoices = kl_session_get_store (f->session, KL_TYPE_INVOICE);
  KlStore *clients = kl_session_get_store (f->session, KL_TYPE_CLIENT);
  gint64 a = add_client (f, "Adria", 0);
  gint64 b = add_client (f, "Brodogradnja", 0);
  gint64 i1, i2, i3, i4, p1, p2;
  g_autoptr(GError) error = NULL;

  move_day (f, TODAY);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count (*) FROM receivables"), ==, 0);

  /* Inserts: each bucket's boundary, two currencies. */
  i1 = add_invoice (f, a, 30, 1000, "EUR");
  i2 = add_invoice (f, a, 31, 2000, "EUR");
  add_invoice (f, a, 0, 400, "EUR");
  add_invoice (f, a, 91, 70000, "RUB");
  i3 = add_invoice (f, b, 60, 5000, "EUR");
  i4 = add_invoice (f, b, 61, 6000, "EUR");
  assert_receivables_exact (f->db);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count (*) FROM receivables"), ==, 3);

  /* Partial payments, then paid in full, then a payment changed and
   * deleted. */
  p1 = add_payment (f, i1, 300);
  assert_receivables_exact (f->db);
  p2 = add_payment (f, i3, 5000);
  assert_receivables_exact (f->db);
  {
    g_autoptr(KlEntity) payment = kl_store_get (payments, p1, &error);

    kl_entity_set_number (payment, "amount", 999);
    g_assert_true (kl_store_update (payments, payment, &error));
    g_assert_no_error (error);
  }
  assert_receivables_exact (f->db);
  g_assert_true (kl_store_delete (payments, p2, &error));
  g_assert_no_error (error);
  assert_receivables_exact (f->db);

  /* Updates of the amount, the due date, the currency, the client. */
  update_invoice (f, i2, "amount", NULL, 2500);
  assert_receivables_exact (f->db);
  update_invoice (f, i2, "due_date", "2026-05-10", 0);
  assert_receivables_exact (f->db);
  update_invoice (f, i4, "currency", "RUB", 0);
  assert_receivables_exact (f->db);
  update_invoice (f, i4, "client_id", NULL, a);
  assert_receivables_exact (f->db);

  /* Cancelled, then issued again; deleted. */
  update_invoice (f, i3, "status", "cancelled", 0);
  assert_receivables_exact (f->db);
  update_invoice (f, i1, "status", "cancelled", 0);
  assert_receivables_exact (f->db);
  update_invoice (f, i1, "status", "issued", 0);
  assert_receivables_exact (f->db);
  g_assert_true (kl_store_delete (invoices, i3, &error));
  g_assert_no_error (error);
  assert_receivables_exact (f->db);

  /* The client's name and its last reminder. */
  {
    g_autoptr(KlEntity) client = kl_store_get (clients, a, &error);

    kl_entity_set_text (client, "name", "Adriatic");
    g_assert_true (kl_store_update (clients, client, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (kl_receivables_send_reminder (f->session, a, "call", &error), >, 0);
  g_assert_no_error (error);
  assert_receivables_exact (f->db);

  /* Days going by, one at a time across the boundaries, then a jump
   * forward and one back. */
  for (int d = 1; d <= 3; d++)
    {
      g_autofree char *day = kl_date_add_days (TODAY, d);

      move_day (f, day);
    }
  move_day (f, "2026-09-30");
  move_day (f, "2026-05-01");
  move_day (f, TODAY);
  {
    g_autoptr(KlDebtorList) list = kl_debtor_list_new (f->session, "EUR", TODAY);

    g_assert_cmpstr (kl_debtor_get_name (debtor_at (list, 0)), ==, "Adriatic");
  }
}

/* The demo data writes with the triggers suspended (kl-bulk.c): the
 * table is filled afterwards, the same as the triggers would have. */
static void
test_receivables_demo (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_demo_seed (f->session, 80, TODAY, &error));
  g_assert_no_error (error);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count (*) FROM receivables"), >, 10);
  assert_receivables_exact (f->db);
  move_day (f, TODAY);
  move_day (f, "2027-01-15");
}

/* Migration 11 fills the table from the invoices already there. */
static void
test_receivables_migration (void)
{
  g_autofree char *dir = kl_test_make_dir ("receivables-migration");
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(KlDatabase) old = kl_database_open_at_version (path, 10, &error);

    g_assert_no_error (error);
    g_assert_true (kl_database_exec (old,
      "INSERT INTO clients (id, name, sort_key, created_at, updated_at) VALUES"
      " (1, 'Jadran', 'jadran', '2026-01-01', '2026-01-01'),"
      " (2, 'Volga', 'volga', '2026-01-01', '2026-01-01');"
      "INSERT INTO invoices (id, number, client_id, issue_date, due_date, amount, currency,"
      "                      status, created_at, updated_at) VALUES"
      " (1, 'R-1', 1, '2026-01-01', '2026-02-01', 1000, 'EUR', 'issued', '2026-01-01', '2026-01-01'),"
      " (2, 'R-2', 1, '2026-03-01', '2026-04-01', 2000, 'EUR', 'issued', '2026-01-01', '2026-01-01'),"
      " (3, 'R-3', 2, '2026-03-01', '2026-04-01', 3000, 'RUB', 'cancelled', '2026-01-01', '2026-01-01'),"
      " (4, 'R-4', 2, '2026-03-01', '2099-04-01', 4000, 'RUB', 'issued', '2026-01-01', '2026-01-01');"
      "INSERT INTO payments (invoice_id, paid_date, amount, created_at, updated_at) VALUES"
      " (1, '2026-02-01', 1000, '2026-02-01', '2026-02-01'),"
      " (2, '2026-04-01', 500, '2026-04-01', '2026-04-01');", &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr(KlDatabase) db = kl_database_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (kl_database_query_int (db, "SELECT count (*) FROM receivables", NULL), ==, 2);
    g_assert_cmpint (kl_database_query_int (db, "SELECT balance FROM receivables WHERE client_id = 1", NULL), ==, 1500);
    assert_receivables_exact (db);
  }
  kl_test_remove_dir (dir);
}

static void
test_paid_after_migration (Fixture       *f,
                           gconstpointer  data)
{
  gint64 client = add_client (f, "Jadran d.o.o.", 0);
  gint64 invoice = add_invoice (f, client, 10, 1000, "EUR");

  add_payment (f, invoice, 300);
  add_payment (f, invoice, 200);
  /* What the migration computes for rows already there equals what the
   * triggers keep. */
  g_assert_cmpint (kl_test_query_int (f->session,
                                      "SELECT count(*) FROM invoices i WHERE i.paid IS NOT"
                                      " coalesce ((SELECT sum(p.amount) FROM payments p"
                                      "            WHERE p.invoice_id = i.id), 0)"), ==, 0);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT paid FROM invoices"), ==, 500);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/receivables/bucket-for-days", test_bucket_for_days);
#define ADD(path, func) \
  g_test_add ("/model/receivables/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("boundaries", test_boundaries);
  ADD ("partial-payments", test_partial_payments);
  ADD ("cancelled", test_cancelled);
  ADD ("currencies", test_currencies);
  ADD ("per-client", test_per_client);
  ADD ("debtors", test_debtors);
  ADD ("credit-limit", test_credit_limit);
  ADD ("credit-arrears", test_credit_arrears);
  ADD ("paid", test_paid_after_migration);
  ADD ("table", test_receivables_table);
  ADD ("table-demo", test_receivables_demo);
#undef ADD
  g_test_add_func ("/model/receivables/table-migration", test_receivables_migration);
#define ADD(path, func)
#undef ADD

  return g_test_run ();
}
