/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "kl-entities.h"
#include "kl-funnel.h"
#include "kl-session.h"
#include "kl-test.h"
#include "kl-validation.h"

/* The funnel on a small history whose figures were worked out by hand
 * (see the comments by each deal). The period is the first quarter of
 * 2026; the previous four quarters are 2025. */

typedef struct {
  char      *dir;
  char      *path;
  KlSession *session;
  KlDatabase *db;
} Fixture;

typedef struct {
  gint64      manager;
  const char *currency;
  gint64      amount;
  const char *created;     /* also the first history entry's time */
  const char *reason;      /* lost_reason */
  const char *stages[8];   /* the walk, NULL-terminated; days in days[] */
  const char *days[8];     /* "MM-DD" in the year of created, or a full date */
} Deal;


static const Deal deals[] = {
  /* D1: the full walk, won. Stays: lead 5, contacted 10, needs 12, offer 10,
   * negotiation 10 days. Cycle 47 days. */
  { 1, "EUR", 100000, "2026-01-05T09:00:00", NULL,
    { "lead", "contacted", "needs", "offer", "negotiation", "won" },
    { "2026-01-05", "2026-01-10", "2026-01-20", "2026-02-01", "2026-02-11", "2026-02-21" } },
  /* D2: skips Contacted, Needs and Negotiation, won. Lead 10, offer 20;
   * cycle 30. */
  { 1, "EUR", 200000, "2026-01-06T09:00:00", NULL,
    { "lead", "offer", "won" },
    { "2026-01-06", "2026-01-16", "2026-02-05" } },
  /* D3: goes back from Needs to Contacted, lost at Needs. Lead 2,
   * contacted 10 + 10, needs 3 + 10. */
  { 2, "EUR", 50000, "2026-01-10T09:00:00", "Price too high",
    { "lead", "contacted", "needs", "contacted", "needs", "lost" },
    { "2026-01-10", "2026-01-12", "2026-01-22", "2026-01-25", "2026-02-04", "2026-02-14" } },
  /* D4: lost as a lead. Lead 2. */
  { 2, "EUR", 30000, "2026-02-01T09:00:00", "No budget",
    { "lead", "lost" },
    { "2026-02-01", "2026-02-03" } },
  /* D5: still in Contacted (a stay not finished). Lead 5. */
  { 1, "EUR", 70000, "2026-02-10T09:00:00", NULL,
    { "lead", "contacted" },
    { "2026-02-10", "2026-02-15" } },
  /* D6: roubles, lost at Contacted. Lead 2, contacted 10. */
  { 1, "RUB", 5000000, "2026-03-01T09:00:00", "Price too high",
    { "lead", "contacted", "lost" },
    { "2026-03-01", "2026-03-03", "2026-03-13" } },
  /* D7: lost at Contacted. Lead 2, contacted 3. */
  { 2, "EUR", 40000, "2026-03-20T09:00:00", "Price too high",
    { "lead", "contacted", "lost" },
    { "2026-03-20", "2026-03-22", "2026-03-25" } },
  /* D8: created on the period's last evening, still a lead. */
  { 1, "EUR", 10000, "2026-03-31T18:00:00", NULL,
    { "lead" },
    { "2026-03-31" } },

  /* Outside the period: the day after it, and the evening before it. */
  { 1, "EUR", 990000, "2026-04-01T08:00:00", NULL,
    { "lead", "contacted", "needs", "offer", "negotiation", "won" },
    { "2026-04-01", "2026-04-02", "2026-04-03", "2026-04-04", "2026-04-05", "2026-04-06" } },
  /* The previous four quarters: reached lead 5, contacted 4, needs 4,
   * offer 2, negotiation 1, won 1. */
  { 1, "EUR", 10000, "2025-12-31T23:00:00", NULL,
    { "lead", "contacted", "needs" },
    { "2025-12-31", "2026-01-02", "2026-01-05" } },
  { 1, "EUR", 10000, "2025-03-03T09:00:00", NULL,
    { "lead", "contacted", "needs", "offer", "won" },
    { "2025-03-03", "2025-03-10", "2025-03-20", "2025-04-01", "2025-05-01" } },
  { 2, "EUR", 10000, "2025-06-02T09:00:00", "Chose a competitor",
    { "lead", "contacted", "needs", "offer", "lost" },
    { "2025-06-02", "2025-06-05", "2025-06-10", "2025-06-20", "2025-07-01" } },
  { 2, "EUR", 10000, "2025-09-01T09:00:00", NULL,
    { "lead", "contacted", "needs" },
    { "2025-09-01", "2025-09-05", "2025-09-10" } },
  { 1, "EUR", 10000, "2025-11-03T09:00:00", NULL,
    { "lead" },
    { "2025-11-03" } },
};

static void
exec (KlDatabase *db,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  kl_database_exec (db, sql, &error);
  g_assert_no_error (error);
}

/* How the fixture writes the history */
enum {
  IN_ORDER,             /* as the moves happen */
  NO_DEALS,
  REVERSED,             /* latest change first: each deal recomputed */
};

static void
insert_deal (KlDatabase *db,
             const Deal *deal,
             gboolean    reversed)
{
  sqlite3 *handle = kl_database_get_handle (db);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const char *stage = NULL;
  gint64 id;

  for (guint i = 0; deal->stages[i] != NULL; i++)
    stage = deal->stages[i];

  g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                       "INSERT INTO deals (client_id, manager_id, title, stage, amount, currency,"
                                       " lost_reason, created_at, updated_at) VALUES (1, ?, 'Deal', ?, ?, ?, ?, ?, ?)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, deal->manager);
  sqlite3_bind_text (stmt, 2, stage, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, deal->amount);
  sqlite3_bind_text (stmt, 4, deal->currency, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, deal->reason, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, deal->created, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, deal->created, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  id = sqlite3_last_insert_rowid (handle);

  for (guint k = 0; deal->stages[k] != NULL; k++)
    {
      g_autoptr(sqlite3_stmt) history = NULL;
      guint i = k;
      g_autofree char *when = NULL;

      if (reversed)
        {
          guint n = 0;

          while (deal->stages[n] != NULL)
            n++;
          i = n - 1 - k;
        }
      when = i == 0 ? g_strdup (deal->created) : g_strconcat (deal->days[i], "T09:00:00", NULL);

      g_assert_cmpint (sqlite3_prepare_v2 (handle,
                                           "INSERT INTO deal_stage_history (deal_id, from_stage, to_stage, changed_at)"
                                           " VALUES (?, ?, ?, ?)", -1, &history, NULL), ==, SQLITE_OK);
      sqlite3_bind_int64 (history, 1, id);
      sqlite3_bind_text (history, 2, i > 0 ? deal->stages[i - 1] : NULL, -1, SQLITE_STATIC);
      sqlite3_bind_text (history, 3, deal->stages[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (history, 4, when, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (history), ==, SQLITE_DONE);
    }
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->session = kl_test_open_session ("funnel", &f->dir, &f->path);
  f->db = kl_session_get_database (f->session);

  exec (f->db, "INSERT INTO managers (id, name, created_at, updated_at) VALUES"
               " (1, 'Ana', '2025-01-01', '2025-01-01'), (2, 'Boris', '2025-01-01', '2025-01-01');"
               "INSERT INTO clients (id, name, created_at, updated_at) VALUES (1, 'Client', '2025-01-01', '2025-01-01');");
  if (GPOINTER_TO_INT (data) != NO_DEALS)
    {
      exec (f->db, "BEGIN");
      for (guint i = 0; i < G_N_ELEMENTS (deals); i++)
        insert_deal (f->db, &deals[i], GPOINTER_TO_INT (data) == REVERSED);
      exec (f->db, "COMMIT");
    }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_close_session (&f->session, &f->dir, &f->path);
}

static KlFunnel *
compute (Fixture    *f,
         const char *from,
         const char *to,
         gint64      manager,
         const char *currency)
{
  g_autoptr(GError) error = NULL;
  KlFunnel *funnel = kl_funnel_compute (f->db, from, to, manager, currency, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (funnel);
  return funnel;
}

#define assert_near(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 1e-6)

static void
test_reached (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(KlFunnel) funnel = compute (f, "2026-01-01", "2026-03-31", 0, NULL);
  static const guint reached[] = { 8, 6, 3, 2, 2, 2 };

  g_assert_false (kl_funnel_is_empty (funnel));
  g_assert_cmpuint (funnel->cohort, ==, 8);
  for (guint s = 0; s < KL_FUNNEL_N_STAGES; s++)
    g_assert_cmpuint (funnel->stages[s].reached, ==, reached[s]);

  /* Conversions: from the previous stage and from Lead. */
  g_assert_cmpfloat (funnel->stages[KL_FUNNEL_LEAD].conversion, ==, KL_FUNNEL_UNKNOWN);
  assert_near (funnel->stages[KL_FUNNEL_CONTACTED].conversion, 6.0 / 8);
  assert_near (funnel->stages[KL_FUNNEL_NEEDS].conversion, 3.0 / 6);
  assert_near (funnel->stages[KL_FUNNEL_OFFER].conversion, 2.0 / 3);
  assert_near (funnel->stages[KL_FUNNEL_NEGOTIATION].conversion, 1.0);
  assert_near (funnel->stages[KL_FUNNEL_WON].conversion, 1.0);
  assert_near (funnel->stages[KL_FUNNEL_LEAD].conversion_from_lead, 1.0);
  assert_near (funnel->stages[KL_FUNNEL_NEEDS].conversion_from_lead, 3.0 / 8);
  assert_near (funnel->stages[KL_FUNNEL_WON].conversion_from_lead, 2.0 / 8);

  /* 8 leads per 2 won: "4 : 1". */
  assert_near (funnel->ratio, 4.0);
}

static void
test_values (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(KlFunnel) funnel = compute (f, "2026-01-01", "2026-03-31", 0, NULL);
  const KlFunnelStage *lead = &funnel->stages[KL_FUNNEL_LEAD];

  /* Never added across currencies: one sum each, by code. */
  g_assert_cmpuint (lead->n_values, ==, 2);
  g_assert_cmpstr (lead->values[0].currency, ==, "EUR");
  g_assert_cmpint (lead->values[0].amount, ==, 500000);
  g_assert_cmpstr (lead->values[1].currency, ==, "RUB");
  g_assert_cmpint (lead->values[1].amount, ==, 5000000);

  g_assert_cmpint (kl_funnel_stage_value (funnel, KL_FUNNEL_CONTACTED, "EUR"), ==, 460000);
  g_assert_cmpint (kl_funnel_stage_value (funnel, KL_FUNNEL_CONTACTED, "RUB"), ==, 5000000);
  g_assert_cmpint (kl_funnel_stage_value (funnel, KL_FUNNEL_NEEDS, "EUR"), ==, 350000);
  g_assert_cmpint (kl_funnel_stage_value (funnel, KL_FUNNEL_NEEDS, "RUB"), ==, 0);
  g_assert_cmpuint (funnel->stages[KL_FUNNEL_NEEDS].n_values, ==, 1);
  g_assert_cmpint (kl_funnel_stage_value (funnel, KL_FUNNEL_OFFER, "EUR"), ==, 300000);
  g_assert_cmpint (kl_funnel_stage_value (funnel, KL_FUNNEL_WON, "EUR"), ==, 300000);
}

static void
test_days (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(KlFunnel) funnel = compute (f, "2026-01-01", "2026-03-31", 0, NULL);
  const KlFunnelStage *s = funnel->stages;

  /* Lead: 5, 10, 2, 2, 5, 2, 2 (D8 has not left it). */
  g_assert_cmpuint (s[KL_FUNNEL_LEAD].timed, ==, 7);
  assert_near (s[KL_FUNNEL_LEAD].average_days, 28.0 / 7);
  assert_near (s[KL_FUNNEL_LEAD].median_days, 2.0);
  /* Contacted: 10, 20 (two stays of D3), 10, 3; D5 is still there. */
  g_assert_cmpuint (s[KL_FUNNEL_CONTACTED].timed, ==, 4);
  assert_near (s[KL_FUNNEL_CONTACTED].average_days, 43.0 / 4);
  assert_near (s[KL_FUNNEL_CONTACTED].median_days, 10.0);
  /* Needs: 12, 13; D2 skipped it. */
  g_assert_cmpuint (s[KL_FUNNEL_NEEDS].timed, ==, 2);
  assert_near (s[KL_FUNNEL_NEEDS].average_days, 12.5);
  assert_near (s[KL_FUNNEL_NEEDS].median_days, 12.5);
  g_assert_cmpuint (s[KL_FUNNEL_OFFER].timed, ==, 2);
  assert_near (s[KL_FUNNEL_OFFER].median_days, 15.0);
  g_assert_cmpuint (s[KL_FUNNEL_NEGOTIATION].timed, ==, 1);
  assert_near (s[KL_FUNNEL_NEGOTIATION].median_days, 10.0);
  g_assert_cmpuint (s[KL_FUNNEL_WON].timed, ==, 0);
  g_assert_cmpfloat (s[KL_FUNNEL_WON].median_days, ==, KL_FUNNEL_UNKNOWN);

  /* The cycle: 47 and 30 days. */
  g_assert_cmpuint (funnel->cycle_deals, ==, 2);
  assert_near (funnel->median_cycle_days, 38.5);
}

static void
test_lost (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(KlFunnel) funnel = compute (f, "2026-01-01", "2026-03-31", 0, NULL);
  const KlFunnelStage *s = funnel->stages;

  g_assert_cmpuint (s[KL_FUNNEL_LEAD].lost, ==, 1);
  g_assert_cmpuint (s[KL_FUNNEL_LEAD].n_top_reasons, ==, 1);
  g_assert_cmpstr (s[KL_FUNNEL_LEAD].top_reasons[0].reason, ==, "No budget");
  g_assert_cmpuint (s[KL_FUNNEL_CONTACTED].lost, ==, 2);
  g_assert_cmpuint (s[KL_FUNNEL_CONTACTED].n_top_reasons, ==, 1);
  g_assert_cmpstr (s[KL_FUNNEL_CONTACTED].top_reasons[0].reason, ==, "Price too high");
  g_assert_cmpuint (s[KL_FUNNEL_CONTACTED].top_reasons[0].count, ==, 2);
  /* D3 went back to Contacted and was lost from Needs. */
  g_assert_cmpuint (s[KL_FUNNEL_NEEDS].lost, ==, 1);
  g_assert_cmpuint (s[KL_FUNNEL_OFFER].lost, ==, 0);
  g_assert_cmpuint (s[KL_FUNNEL_OFFER].n_top_reasons, ==, 0);
  g_assert_cmpuint (s[KL_FUNNEL_WON].lost, ==, 0);
}

static void
test_bottleneck (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(KlFunnel) funnel = compute (f, "2026-01-01", "2026-03-31", 0, NULL);
  const KlFunnelStage *s = funnel->stages;

  /* 2025: lead 5, contacted 4, needs 4, offer 2, negotiation 1, won 1. */
  assert_near (s[KL_FUNNEL_CONTACTED].usual_conversion, 4.0 / 5);
  assert_near (s[KL_FUNNEL_NEEDS].usual_conversion, 1.0);
  assert_near (s[KL_FUNNEL_OFFER].usual_conversion, 0.5);
  assert_near (s[KL_FUNNEL_NEGOTIATION].usual_conversion, 0.5);
  assert_near (s[KL_FUNNEL_WON].usual_conversion, 1.0);
  /* Contacted → Needs: 50 % against 100 %, the furthest below. */
  g_assert_cmpint (funnel->bottleneck, ==, KL_FUNNEL_NEEDS);
}

static void
test_months (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(KlFunnel) funnel = compute (f, "2026-01-01", "2026-03-31", 0, NULL);
  const KlFunnelMonth *m = funnel->months;

  /* April 2025 to March 2026. */
  g_assert_cmpint (m[0].year, ==, 2025);
  g_assert_cmpint (m[0].month, ==, 4);
  g_assert_cmpint (m[11].year, ==, 2026);
  g_assert_cmpint (m[11].month, ==, 3);

  g_assert_cmpuint (m[0].leads, ==, 0);
  g_assert_cmpfloat (m[0].rate, ==, KL_FUNNEL_UNKNOWN);
  g_assert_cmpuint (m[2].leads, ==, 1);       /* June 2025, lost */
  assert_near (m[2].rate, 0.0);
  g_assert_cmpfloat (m[2].median_cycle_days, ==, KL_FUNNEL_UNKNOWN);
  g_assert_cmpuint (m[8].leads, ==, 1);       /* December 2025 */
  g_assert_cmpuint (m[9].leads, ==, 3);       /* January 2026: D1, D2, D3 */
  g_assert_cmpuint (m[9].won, ==, 2);
  assert_near (m[9].rate, 2.0 / 3);
  assert_near (m[9].median_cycle_days, 38.5);
  g_assert_cmpuint (m[10].leads, ==, 2);
  g_assert_cmpuint (m[11].leads, ==, 3);
  assert_near (m[11].rate, 0.0);
}

static void
test_manager_filter (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(KlFunnel) ana = compute (f, "2026-01-01", "2026-03-31", 1, NULL);
  g_autoptr(KlFunnel) boris = compute (f, "2026-01-01", "2026-03-31", 2, NULL);

  /* Ana: D1, D2, D5, D6, D8. */
  g_assert_cmpuint (ana->cohort, ==, 5);
  g_assert_cmpuint (ana->stages[KL_FUNNEL_CONTACTED].reached, ==, 4);
  g_assert_cmpuint (ana->stages[KL_FUNNEL_NEEDS].reached, ==, 2);
  g_assert_cmpuint (ana->stages[KL_FUNNEL_WON].reached, ==, 2);
  assert_near (ana->ratio, 2.5);
  g_assert_cmpuint (ana->stages[KL_FUNNEL_CONTACTED].lost, ==, 1);
  g_assert_cmpuint (ana->stages[KL_FUNNEL_LEAD].timed, ==, 4);   /* 5, 10, 5, 2 */
  assert_near (ana->stages[KL_FUNNEL_LEAD].median_days, 5.0);
  /* Ana's 2025: lead 3, contacted 2, needs 2, offer 1, won 1. */
  assert_near (ana->stages[KL_FUNNEL_CONTACTED].usual_conversion, 2.0 / 3);

  /* Boris: D3, D4, D7; nothing won. */
  g_assert_cmpuint (boris->cohort, ==, 3);
  g_assert_cmpuint (boris->stages[KL_FUNNEL_CONTACTED].reached, ==, 2);
  g_assert_cmpuint (boris->stages[KL_FUNNEL_WON].reached, ==, 0);
  g_assert_cmpfloat (boris->ratio, ==, KL_FUNNEL_UNKNOWN);
  g_assert_cmpfloat (boris->median_cycle_days, ==, KL_FUNNEL_UNKNOWN);
  g_assert_cmpuint (boris->stages[KL_FUNNEL_LEAD].lost + boris->stages[KL_FUNNEL_CONTACTED].lost
                    + boris->stages[KL_FUNNEL_NEEDS].lost, ==, 3);
}

static void
test_currency_filter (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(KlFunnel) eur = compute (f, "2026-01-01", "2026-03-31", 0, "EUR");
  g_autoptr(KlFunnel) rub = compute (f, "2026-01-01", "2026-03-31", 0, "RUB");

  g_assert_cmpuint (eur->cohort, ==, 7);
  g_assert_cmpuint (eur->stages[KL_FUNNEL_LEAD].n_values, ==, 1);
  g_assert_cmpint (kl_funnel_stage_value (eur, KL_FUNNEL_LEAD, "EUR"), ==, 500000);
  g_assert_cmpuint (rub->cohort, ==, 1);
  g_assert_cmpuint (rub->stages[KL_FUNNEL_CONTACTED].lost, ==, 1);
  g_assert_cmpstr (rub->currency, ==, "RUB");
}

static void
test_period_filter (Fixture       *f,
                    gconstpointer  data)
{
  /* One day: 2026-03-31 holds D8 only, created that evening. */
  g_autoptr(KlFunnel) day = compute (f, "2026-03-31", "2026-03-31", 0, NULL);
  /* January alone: D1, D2, D3. */
  g_autoptr(KlFunnel) january = compute (f, "2026-01-01", "2026-01-31", 0, NULL);
  g_autoptr(KlFunnel) april = compute (f, "2026-04-01", "2026-04-30", 0, NULL);

  g_assert_cmpuint (day->cohort, ==, 1);
  g_assert_cmpuint (january->cohort, ==, 3);
  g_assert_cmpuint (january->stages[KL_FUNNEL_WON].reached, ==, 2);
  assert_near (january->ratio, 1.5);
  g_assert_cmpuint (april->cohort, ==, 1);
  g_assert_cmpuint (april->stages[KL_FUNNEL_WON].reached, ==, 1);
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(KlFunnel) funnel = compute (f, "2019-01-01", "2019-03-31", 0, NULL);

  g_assert_true (kl_funnel_is_empty (funnel));
  for (guint s = 0; s < KL_FUNNEL_N_STAGES; s++)
    {
      g_assert_cmpuint (funnel->stages[s].reached, ==, 0);
      g_assert_cmpuint (funnel->stages[s].n_values, ==, 0);
      g_assert_cmpfloat (funnel->stages[s].conversion, ==, KL_FUNNEL_UNKNOWN);
      g_assert_cmpfloat (funnel->stages[s].median_days, ==, KL_FUNNEL_UNKNOWN);
    }
  g_assert_cmpfloat (funnel->ratio, ==, KL_FUNNEL_UNKNOWN);
  g_assert_cmpint (funnel->bottleneck, ==, -1);
  for (guint i = 0; i < KL_FUNNEL_MONTHS; i++)
    g_assert_cmpuint (funnel->months[i].leads, ==, 0);
}

static void
test_bad_period (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlFunnel) reversed = kl_funnel_compute (f->db, "2026-03-31", "2026-01-01", 0, NULL, NULL, &error);

  g_assert_null (reversed);
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_ORDER);
  g_clear_error (&error);

  g_assert_null (kl_funnel_compute (f->db, "2026-02-30", "2026-03-31", 0, NULL, NULL, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
}

/* Deals written through the store get their history from it. */
static void
test_store_history (Fixture       *f,
                    gconstpointer  data)
{
  KlStore *store = kl_session_get_store (f->session, KL_TYPE_DEAL);
  g_autoptr(KlEntity) deal = g_object_new (KL_TYPE_DEAL, "client-id", (gint64)1, "title", "Server room",
                                           "amount", (gint64)123400, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = kl_database_today ();
  g_autoptr(KlFunnel) funnel = NULL;

  kl_store_insert (store, deal, &error);
  g_assert_no_error (error);
  kl_entity_set_text (deal, "stage", "offer");
  kl_store_update (store, deal, &error);
  g_assert_no_error (error);

  funnel = compute (f, today, today, 0, NULL);
  g_assert_cmpuint (funnel->cohort, ==, 1);
  g_assert_cmpuint (funnel->stages[KL_FUNNEL_OFFER].reached, ==, 1);
  g_assert_cmpuint (funnel->stages[KL_FUNNEL_NEGOTIATION].reached, ==, 0);
  g_assert_cmpint (kl_funnel_stage_value (funnel, KL_FUNNEL_OFFER, "EUR"), ==, 123400);
  g_assert_cmpuint (funnel->stages[KL_FUNNEL_LEAD].timed, ==, 1);
  g_assert_cmpfloat (funnel->stages[KL_FUNNEL_LEAD].median_days, <, 0.01);
}

/* The deals behind a stage's count. */
static void
test_stage_deals (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(KlFunnel) funnel = compute (f, "2026-01-01", "2026-03-31", 0, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) needs = kl_funnel_stage_deals (f->db, funnel, KL_FUNNEL_NEEDS, 100, &error);
  g_autoptr(GPtrArray) lead = kl_funnel_stage_deals (f->db, funnel, KL_FUNNEL_LEAD, 5, &error);

  g_assert_no_error (error);
  /* D1, D2 (skipped it), D3 (lost there), the newest first. */
  g_assert_cmpuint (needs->len, ==, funnel->stages[KL_FUNNEL_NEEDS].reached);
  g_assert_cmpint (((KlFunnelDeal *)needs->pdata[0])->amount, ==, 50000);
  g_assert_cmpstr (((KlFunnelDeal *)needs->pdata[0])->stage, ==, "lost");
  g_assert_cmpint (((KlFunnelDeal *)needs->pdata[2])->amount, ==, 100000);
  g_assert_cmpstr (((KlFunnelDeal *)needs->pdata[2])->client_name, ==, "Client");
  /* At most the limit. */
  g_assert_cmpuint (lead->len, ==, 5);
}

/* Editing or deleting history rows recomputes the deal's sums. */
static void
test_history_edited (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(KlFunnel) before = NULL;
  g_autoptr(KlFunnel) after = NULL;
  g_autoptr(KlFunnel) deleted = NULL;

  before = compute (f, "2026-01-01", "2026-01-31", 0, NULL);
  assert_near (before->stages[KL_FUNNEL_OFFER].median_days, 15.0);     /* D1 10, D2 20 */

  /* D2 won five days later: offer 25 days; its cycle 35. */
  exec (f->db, "UPDATE deal_stage_history SET changed_at = '2026-02-10T09:00:00'"
               " WHERE changed_at = '2026-02-05T09:00:00' AND to_stage = 'won'");
  after = compute (f, "2026-01-01", "2026-01-31", 0, NULL);
  assert_near (after->stages[KL_FUNNEL_OFFER].median_days, 17.5);
  assert_near (after->median_cycle_days, 41.0);

  /* Without its change to Won, D2 sits in Offer: no finished stay there. */
  exec (f->db, "DELETE FROM deal_stage_history WHERE changed_at = '2026-02-10T09:00:00'");
  deleted = compute (f, "2026-01-01", "2026-01-31", 0, NULL);
  g_assert_cmpuint (deleted->stages[KL_FUNNEL_WON].reached, ==, 1);
  g_assert_cmpuint (deleted->stages[KL_FUNNEL_OFFER].timed, ==, 1);
  assert_near (deleted->stages[KL_FUNNEL_OFFER].median_days, 10.0);
  assert_near (deleted->median_cycle_days, 47.0);
}

static void
test_quarter (void)
{
  struct { const char *day; int offset; const char *from, *to; } cases[] = {
    { "2026-02-14", 0, "2026-01-01", "2026-03-31" },
    { "2026-02-14", -1, "2025-10-01", "2025-12-31" },
    { "2026-12-31", 0, "2026-10-01", "2026-12-31" },
    { "2026-12-31", 1, "2027-01-01", "2027-03-31" },
    { "2026-04-01", -5, "2025-01-01", "2025-03-31" },
    { "2026-08-31", 0, "2026-07-01", "2026-09-30" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      kl_funnel_quarter (cases[i].day, cases[i].offset, &from, &to);
      g_assert_cmpstr (from, ==, cases[i].from);
      g_assert_cmpstr (to, ==, cases[i].to);
    }
}

static void
test_stage_names (void)
{
  g_assert_cmpstr (kl_funnel_stage_name (KL_FUNNEL_LEAD), ==, "lead");
  g_assert_cmpstr (kl_funnel_stage_name (KL_FUNNEL_WON), ==, "won");
  g_assert_cmpstr (kl_funnel_stage_label (KL_FUNNEL_NEEDS), ==, "Needs identified");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, GINT_TO_POINTER (IN_ORDER), fixture_set_up, func, fixture_tear_down); \
  g_test_add (path "/reversed", Fixture, GINT_TO_POINTER (REVERSED), fixture_set_up, func, fixture_tear_down)
  ADD ("/model/funnel/reached", test_reached);
  ADD ("/model/funnel/values", test_values);
  ADD ("/model/funnel/days", test_days);
  ADD ("/model/funnel/lost", test_lost);
  ADD ("/model/funnel/bottleneck", test_bottleneck);
  ADD ("/model/funnel/months", test_months);
  ADD ("/model/funnel/manager", test_manager_filter);
  ADD ("/model/funnel/currency", test_currency_filter);
  ADD ("/model/funnel/period", test_period_filter);
  ADD ("/model/funnel/empty", test_empty);
  ADD ("/model/funnel/bad-period", test_bad_period);
  ADD ("/model/funnel/stage-deals", test_stage_deals);
  g_test_add ("/model/funnel/store-history", Fixture, GINT_TO_POINTER (NO_DEALS), fixture_set_up,
              test_store_history, fixture_tear_down);
  g_test_add ("/model/funnel/history-edited", Fixture, GINT_TO_POINTER (IN_ORDER), fixture_set_up,
              test_history_edited, fixture_tear_down);
  g_test_add_func ("/model/funnel/quarter", test_quarter);
  g_test_add_func ("/model/funnel/stage-names", test_stage_names);

  return g_test_run ();
}
