/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "kl-entities.h"
#include "kl-kpi.h"
#include "kl-session.h"
#include "kl-test.h"
#include "kl-test-kpi.h"
#include "kl-validation.h"

/* The key figures of the fixed month in tests/lib/kl-test-kpi.c, against
 * the figures worked out there by hand. */

typedef struct {
  char       *dir;
  KlSession  *session;
  KlDatabase *db;
} Fixture;

#define ANA KL_TEST_KPI_ANA
#define BORIS KL_TEST_KPI_BORIS
#define ENDED "2026-04-15"

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->session = kl_test_open_session ("kpi", &f->dir, NULL);
  f->db = kl_session_get_database (f->session);
  kl_test_kpi_fill (f->db);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_close_session (&f->session, &f->dir, NULL);
}

static KlKpis *
compute (Fixture    *f,
         const char *from,
         const char *to,
         gint64      manager,
         const char *today)
{
  g_autoptr(GError) error = NULL;
  KlKpis *kpis = kl_kpis_compute (f->db, from, to, manager, today, &error);

  g_assert_no_error (error);
  g_assert_nonnull (kpis);
  return kpis;
}

static void
assert_figure (const KlKpis *kpis,
               KlKpiId       id,
               double        actual,
               double        target,
               KlKpiStatus   status)
{
  const KlKpiFigure *f = &kpis->figures[id];

  if (actual < 0)
    g_assert_cmpfloat (f->actual, ==, KL_KPI_UNKNOWN);
  else
    g_assert_cmpfloat_with_epsilon (f->actual, actual, 1e-9);
  if (target < 0)
    g_assert_cmpfloat (f->target, ==, KL_KPI_UNKNOWN);
  else
    g_assert_cmpfloat_with_epsilon (f->target, target, 1e-9);
  g_assert_cmpint (f->status, ==, status);
}

static void
assert_share (const KlKpis *kpis,
              KlKpiId       id,
              guint         part,
              guint         whole)
{
  g_assert_cmpuint (kpis->figures[id].part, ==, part);
  g_assert_cmpuint (kpis->figures[id].whole, ==, whole);
}

static void
assert_money (const KlKpis *kpis,
              guint         i,
              const char   *currency,
              gint64        won,
              guint         deals,
              gint64        target,
              gint64        due,
              KlKpiStatus   status)
{
  g_assert_cmpuint (i, <, kpis->n_money);
  g_assert_cmpstr (kpis->money[i].currency, ==, currency);
  g_assert_cmpint (kpis->money[i].won, ==, won);
  g_assert_cmpuint (kpis->money[i].deals, ==, deals);
  g_assert_cmpint (kpis->money[i].target, ==, target);
  g_assert_cmpint (kpis->money[i].due, ==, due);
  g_assert_cmpint (kpis->money[i].status, ==, status);
}

/* Ana's March, looked at after it ended. */
static void
test_month_ended (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(KlKpis) k = compute (f, "2026-03-01", "2026-03-31", ANA, ENDED);

  g_assert_cmpuint (k->working_days, ==, 22);
  g_assert_cmpuint (k->days_gone, ==, 22);
  g_assert_cmpuint (k->plan_months, ==, 1);
  g_assert_cmpuint (k->calls, ==, 6);
  g_assert_cmpuint (k->meetings, ==, 6);
  g_assert_cmpuint (k->call_days, ==, 3);
  g_assert_cmpuint (k->meeting_days, ==, 3);
  g_assert_cmpuint (k->won_deals, ==, 3);

  assert_figure (k, KL_KPI_EVENTS, 2, 2, KL_KPI_STATUS_GREEN);
  assert_figure (k, KL_KPI_CALLS_PER_DAY, 6.0 / 22, 2.0, KL_KPI_STATUS_RED);
  assert_figure (k, KL_KPI_CALLS_PER_WEEK, 30.0 / 22, 10.0, KL_KPI_STATUS_RED);
  assert_figure (k, KL_KPI_MEETINGS_PER_DAY, 6.0 / 22, 1.0, KL_KPI_STATUS_RED);
  assert_figure (k, KL_KPI_MEETINGS_PER_WEEK, 30.0 / 22, 5.0, KL_KPI_STATUS_RED);
  assert_figure (k, KL_KPI_ALTERNATION, 0.6, 0.5, KL_KPI_STATUS_GREEN);
  assert_share (k, KL_KPI_ALTERNATION, 3, 5);
  assert_figure (k, KL_KPI_REFERRALS_ASKED, 2, 4, KL_KPI_STATUS_RED);
  assert_figure (k, KL_KPI_REFERRALS_RECEIVED, 1, 2, KL_KPI_STATUS_RED);
  assert_figure (k, KL_KPI_DECISION_MAKER, 2.0 / 3, 0.6, KL_KPI_STATUS_GREEN);
  assert_share (k, KL_KPI_DECISION_MAKER, 2, 3);
  assert_figure (k, KL_KPI_MEETINGS_PER_DEAL, 2.0, 3.0, KL_KPI_STATUS_GREEN);
  assert_figure (k, KL_KPI_CONVERSION, 0.25, 0.2, KL_KPI_STATUS_GREEN);
  assert_share (k, KL_KPI_CONVERSION, 1, 4);

  /* Euros and roubles apart; no rouble target. */
  g_assert_cmpuint (k->n_money, ==, 2);
  assert_money (k, 0, "EUR", 150000, 2, 200000, 200000, KL_KPI_STATUS_RED);
  assert_money (k, 1, "RUB", 3000000, 1, 0, 0, KL_KPI_STATUS_NO_TARGET);
}

/* The same month on Friday the 13th: counts against the part due by then
 * (10 of 22 working days), rates against their full targets. */
static void
test_month_so_far (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(KlKpis) k = compute (f, "2026-03-01", "2026-03-31", ANA, "2026-03-13");

  g_assert_cmpuint (k->days_gone, ==, 10);
  assert_figure (k, KL_KPI_CALLS_PER_DAY, 0.6, 2.0, KL_KPI_STATUS_RED);
  assert_figure (k, KL_KPI_MEETINGS_PER_WEEK, 3.0, 5.0, KL_KPI_STATUS_RED);
  assert_figure (k, KL_KPI_EVENTS, 2, 2, KL_KPI_STATUS_GREEN);
  g_assert_cmpfloat_with_epsilon (k->figures[KL_KPI_EVENTS].due, 20.0 / 22, 1e-9);
  assert_figure (k, KL_KPI_REFERRALS_ASKED, 2, 4, KL_KPI_STATUS_GREEN);
  assert_figure (k, KL_KPI_REFERRALS_RECEIVED, 1, 2, KL_KPI_STATUS_GREEN);
  /* 2 000.00 × 10 / 22 = 909.09 due; 1 500.00 won. */
  assert_money (k, 0, "EUR", 150000, 2, 200000, 90909, KL_KPI_STATUS_GREEN);
}

/* Boris: amber plan fulfilment, no targets for most. */
static void
test_month_other_manager (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(KlKpis) k = compute (f, "2026-03-01", "2026-03-31", BORIS, ENDED);

  g_assert_cmpuint (k->calls, ==, 1);
  g_assert_cmpuint (k->meetings, ==, 2);
  assert_figure (k, KL_KPI_EVENTS, 1, 1, KL_KPI_STATUS_GREEN);
  assert_figure (k, KL_KPI_MEETINGS_PER_DAY, 2.0 / 22, 2.0, KL_KPI_STATUS_RED);
  assert_figure (k, KL_KPI_ALTERNATION, 0.5, -1, KL_KPI_STATUS_NO_TARGET);
  assert_share (k, KL_KPI_ALTERNATION, 1, 2);
  assert_figure (k, KL_KPI_REFERRALS_ASKED, 0, -1, KL_KPI_STATUS_NO_TARGET);
  assert_figure (k, KL_KPI_REFERRALS_RECEIVED, 1, -1, KL_KPI_STATUS_NO_TARGET);
  assert_figure (k, KL_KPI_DECISION_MAKER, 0, 0.8, KL_KPI_STATUS_RED);
  assert_share (k, KL_KPI_DECISION_MAKER, 0, 1);
  assert_figure (k, KL_KPI_MEETINGS_PER_DEAL, 2.0, -1, KL_KPI_STATUS_NO_TARGET);
  assert_figure (k, KL_KPI_CONVERSION, 0.5, -1, KL_KPI_STATUS_NO_TARGET);
  g_assert_cmpuint (k->n_money, ==, 1);
  /* 700.00 of 800.00: 87.5 % */
  assert_money (k, 0, "EUR", 70000, 1, 80000, 80000, KL_KPI_STATUS_AMBER);
}

/* Every manager: counts and money summed, shares over all deals, the
 * shares' targets averaged, pairs of days never across managers. */
static void
test_month_all (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(KlKpis) k = compute (f, "2026-03-01", "2026-03-31", 0, ENDED);

  g_assert_cmpuint (k->plan_months, ==, 2);
  g_assert_cmpuint (k->calls, ==, 7);
  g_assert_cmpuint (k->meetings, ==, 8);
  assert_figure (k, KL_KPI_EVENTS, 3, 3, KL_KPI_STATUS_GREEN);
  assert_figure (k, KL_KPI_CALLS_PER_DAY, 7.0 / 22, 3.0, KL_KPI_STATUS_RED);
  assert_figure (k, KL_KPI_ALTERNATION, 4.0 / 7, 0.5, KL_KPI_STATUS_GREEN);
  assert_figure (k, KL_KPI_REFERRALS_RECEIVED, 2, 2, KL_KPI_STATUS_GREEN);
  assert_figure (k, KL_KPI_DECISION_MAKER, 0.5, 0.7, KL_KPI_STATUS_RED);
  assert_figure (k, KL_KPI_MEETINGS_PER_DEAL, 2.0, 3.0, KL_KPI_STATUS_GREEN);
  assert_figure (k, KL_KPI_CONVERSION, 2.0 / 6, 0.2, KL_KPI_STATUS_GREEN);
  g_assert_cmpuint (k->n_money, ==, 2);
  assert_money (k, 0, "EUR", 220000, 3, 280000, 280000, KL_KPI_STATUS_RED);
  assert_money (k, 1, "RUB", 3000000, 1, 0, 0, KL_KPI_STATUS_NO_TARGET);
}

/* Ana's first quarter: two plan months, February's call and won deal. */
static void
test_quarter (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(KlKpis) k = compute (f, "2026-01-01", "2026-03-31", ANA, ENDED);

  g_assert_cmpuint (k->working_days, ==, 64);
  g_assert_cmpuint (k->plan_months, ==, 2);
  g_assert_cmpuint (k->calls, ==, 7);
  assert_figure (k, KL_KPI_CALLS_PER_DAY, 7.0 / 64, 84.0 / 64, KL_KPI_STATUS_RED);
  assert_figure (k, KL_KPI_ALTERNATION, 0.6, 0.5, KL_KPI_STATUS_GREEN);
  assert_figure (k, KL_KPI_REFERRALS_RECEIVED, 2, 2, KL_KPI_STATUS_GREEN);
  /* 2 of 3 against the mean of 60 % and 80 %: 95 % of it */
  assert_figure (k, KL_KPI_DECISION_MAKER, 2.0 / 3, 0.7, KL_KPI_STATUS_AMBER);
  assert_figure (k, KL_KPI_MEETINGS_PER_DEAL, 1.5, 3.0, KL_KPI_STATUS_GREEN);
  assert_figure (k, KL_KPI_CONVERSION, 0.5, 0.2, KL_KPI_STATUS_GREEN);
  assert_share (k, KL_KPI_CONVERSION, 4, 8);
  assert_money (k, 0, "EUR", 170000, 3, 300000, 300000, KL_KPI_STATUS_RED);
  assert_money (k, 1, "RUB", 3000000, 1, 0, 0, KL_KPI_STATUS_NO_TARGET);
}

/* A month with nothing planned or won, and one that has not begun. */
static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(KlKpis) april = compute (f, "2026-04-01", "2026-04-30", BORIS, ENDED);
  g_autoptr(KlKpis) may = compute (f, "2026-05-01", "2026-05-31", ANA, ENDED);

  g_assert_cmpuint (april->plan_months, ==, 0);
  g_assert_cmpuint (april->days_gone, ==, 11);
  g_assert_cmpuint (april->n_money, ==, 0);
  assert_figure (april, KL_KPI_CALLS_PER_DAY, 0, -1, KL_KPI_STATUS_NO_TARGET);
  assert_figure (april, KL_KPI_CONVERSION, -1, -1, KL_KPI_STATUS_NO_TARGET);
  assert_figure (april, KL_KPI_MEETINGS_PER_DEAL, -1, -1, KL_KPI_STATUS_NO_TARGET);
  assert_share (april, KL_KPI_DECISION_MAKER, 0, 1);

  g_assert_cmpuint (may->days_gone, ==, 0);
  assert_figure (may, KL_KPI_CALLS_PER_DAY, -1, -1, KL_KPI_STATUS_NO_TARGET);
}

static void
test_bad_period (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlKpis) backwards = kl_kpis_compute (f->db, "2026-03-31", "2026-03-01", ANA, ENDED, &error);

  g_assert_null (backwards);
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_ORDER);
  g_clear_error (&error);
  g_assert_null (kl_kpis_compute (f->db, "2026-02-30", "2026-03-01", ANA, ENDED, &error));
  g_assert_nonnull (error);
}

/* The plan written through the store: checked, one row per manager and
 * month, and what the board reads. */
static void
test_plan_save (Fixture       *f,
                gconstpointer  data)
{
  KlStore *store = kl_session_get_store (f->session, KL_TYPE_SALES_PLAN);
  g_autoptr(KlEntity) plan = kl_session_new_entity (f->session, KL_TYPE_SALES_PLAN);
  g_autoptr(KlEntity) again = kl_session_new_entity (f->session, KL_TYPE_SALES_PLAN);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlKpis) before = NULL;
  g_autoptr(KlKpis) after = NULL;
  gint64 id;

  g_assert_cmpint (kl_kpi_find_plan (f->db, BORIS, "2026-04", &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (kl_kpi_find_plan (f->db, ANA, "2026-03", &error), >, 0);

  kl_entity_set_number (plan, "manager_id", BORIS);
  kl_entity_set_text (plan, "month", "2026-04");
  kl_entity_set_text (plan, "currency", "EUR");
  kl_entity_set_number (plan, "revenue_target", 100000);
  kl_entity_set_number (plan, "conversion_target", 150);
  g_assert_false (kl_store_insert (store, plan, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_cmpint (kl_kpi_find_plan (f->db, BORIS, "2026-04", NULL), ==, 0);

  kl_entity_set_text (plan, "month", "2026-4");
  kl_entity_set_number (plan, "conversion_target", 15);
  g_assert_false (kl_store_insert (store, plan, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  kl_entity_set_text (plan, "month", "2026-04");
  g_assert_true (kl_store_insert (store, plan, &error));
  g_assert_no_error (error);
  id = kl_kpi_find_plan (f->db, BORIS, "2026-04", NULL);
  g_assert_cmpint (id, ==, kl_entity_get_id (plan));

  /* A second plan for the same month is refused. */
  kl_entity_set_number (again, "manager_id", BORIS);
  kl_entity_set_text (again, "month", "2026-04");
  g_assert_false (kl_store_insert (store, again, NULL));

  before = compute (f, "2026-04-01", "2026-04-30", BORIS, ENDED);
  g_assert_cmpuint (before->n_money, ==, 1);
  assert_money (before, 0, "EUR", 0, 0, 100000, 50000, KL_KPI_STATUS_RED);
  assert_figure (before, KL_KPI_CONVERSION, -1, 0.15, KL_KPI_STATUS_NO_DATA);

  kl_entity_set_number (plan, "revenue_target", 0);
  g_assert_true (kl_store_update (store, plan, &error));
  g_assert_no_error (error);
  after = compute (f, "2026-04-01", "2026-04-30", BORIS, ENDED);
  g_assert_cmpuint (after->n_money, ==, 0);
}

static void
test_judge (void)
{
  g_assert_cmpint (kl_kpi_judge (10, 10, FALSE), ==, KL_KPI_STATUS_GREEN);
  g_assert_cmpint (kl_kpi_judge (8, 10, FALSE), ==, KL_KPI_STATUS_AMBER);
  g_assert_cmpint (kl_kpi_judge (7.99, 10, FALSE), ==, KL_KPI_STATUS_RED);
  g_assert_cmpint (kl_kpi_judge (3, 3, TRUE), ==, KL_KPI_STATUS_GREEN);
  g_assert_cmpint (kl_kpi_judge (3.75, 3, TRUE), ==, KL_KPI_STATUS_AMBER);
  g_assert_cmpint (kl_kpi_judge (3.8, 3, TRUE), ==, KL_KPI_STATUS_RED);
  g_assert_cmpint (kl_kpi_judge (5, 0, FALSE), ==, KL_KPI_STATUS_NO_TARGET);
  g_assert_cmpint (kl_kpi_judge (KL_KPI_UNKNOWN, 4, FALSE), ==, KL_KPI_STATUS_NO_DATA);
}

static void
test_month_range (void)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *from2 = NULL;
  g_autofree char *to2 = NULL;

  kl_kpi_month_range ("2026-03-13", -1, &from, &to);
  g_assert_cmpstr (from, ==, "2026-02-01");
  g_assert_cmpstr (to, ==, "2026-02-28");
  kl_kpi_month_range ("2026-12-31", 1, &from2, &to2);
  g_assert_cmpstr (from2, ==, "2027-01-01");
  g_assert_cmpstr (to2, ==, "2027-01-31");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/model/kpi/month/ended", Fixture, NULL, fixture_set_up, test_month_ended, fixture_tear_down);
  g_test_add ("/model/kpi/month/so-far", Fixture, NULL, fixture_set_up, test_month_so_far, fixture_tear_down);
  g_test_add ("/model/kpi/month/manager", Fixture, NULL, fixture_set_up, test_month_other_manager,
              fixture_tear_down);
  g_test_add ("/model/kpi/month/all", Fixture, NULL, fixture_set_up, test_month_all, fixture_tear_down);
  g_test_add ("/model/kpi/quarter", Fixture, NULL, fixture_set_up, test_quarter, fixture_tear_down);
  g_test_add ("/model/kpi/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/model/kpi/bad-period", Fixture, NULL, fixture_set_up, test_bad_period, fixture_tear_down);
  g_test_add ("/model/kpi/plan/save", Fixture, NULL, fixture_set_up, test_plan_save, fixture_tear_down);
  g_test_add_func ("/model/kpi/judge", test_judge);
  g_test_add_func ("/model/kpi/month-range", test_month_range);

  return g_test_run ();
}
