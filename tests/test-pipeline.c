/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "kl-entities.h"
#include "kl-forecast.h"
#include "kl-funnel.h"
#include "kl-pipeline.h"
#include "kl-session.h"
#include "kl-test.h"

/* The pipeline board's moves and the forecast on a few deals whose
 * figures were worked out by hand. "Today" for the forecast is
 * 2026-11-15: its months are November 2026 … October 2027. */

typedef struct {
  char       *dir;
  char       *path;
  KlSession  *session;
  KlDatabase *db;
  gint64      ids[16];
} Fixture;

typedef struct {
  gint64      manager;
  const char *stage;
  gint64      amount;
  const char *currency;
  int         probability;
  const char *expected_close;
} Deal;

static const Deal deals[] = {
  /* 0 */ { 1, "lead", 100000, "EUR", 10, "2026-11-30" },        /* Nov: 100.00 EUR weighted */
  /* 1 */ { 1, "offer", 250050, "EUR", 50, "2026-11-02" },       /* Nov: 1 250.25 EUR */
  /* 2 */ { 2, "negotiation", 333333, "EUR", 75, "2027-01-15" }, /* Jan: 2 499.99 75 → 249 999.75 → 250 000 */
  /* 3 */ { 2, "contacted", 1000000, "RUB", 20, "2026-12-01" },  /* Dec: 2 000.00 RUB */
  /* 4 */ { 1, "needs", 199, "EUR", 33, "2027-10-31" },          /* Oct 2027 (the twelfth): 65.67 → 66 minor */
  /* 5 */ { 1, "won", 900000, "EUR", 100, "2026-11-20" },        /* closed: not forecast */
  /* 6 */ { 2, "offer", 500000, "EUR", 50, "2027-11-01" },       /* the thirteenth month: out */
  /* 7 */ { 2, "offer", 700000, "EUR", 50, "2026-10-31" },       /* last month: out */
  /* 8 */ { 1, "lead", 40000, "EUR", 10, NULL },                 /* no expected close: out */
  /* 9 */ { 1, "lead", 1000001, "RUB", 5, "2026-12-31" },        /* Dec: 50 000.05 → 5 000 005 → 50 000 minor */
};

static gint64
insert (Fixture    *f,
        const Deal *deal)
{
  KlStore *store = kl_session_get_store (f->session, KL_TYPE_DEAL);
  g_autoptr(KlEntity) e = g_object_new (KL_TYPE_DEAL, NULL);
  g_autoptr(GError) error = NULL;

  kl_entity_set_number (e, "client_id", 1);
  kl_entity_set_number (e, "manager_id", deal->manager);
  kl_entity_set_text (e, "title", "Deal");
  kl_entity_set_text (e, "stage", deal->stage);
  kl_entity_set_number (e, "amount", deal->amount);
  kl_entity_set_text (e, "currency", deal->currency);
  kl_entity_set_number (e, "probability", deal->probability);
  kl_entity_set_text (e, "expected_close", deal->expected_close);
  kl_store_insert (store, e, &error);
  g_assert_no_error (error);

  return kl_entity_get_id (e);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->session = kl_test_open_session ("pipeline", &f->dir, &f->path);
  f->db = kl_session_get_database (f->session);
  kl_database_exec (f->db,
                    "INSERT INTO managers (id, name, created_at, updated_at) VALUES"
                    " (1, 'Ana', '2025-01-01', '2025-01-01'), (2, 'Boris', '2025-01-01', '2025-01-01');"
                    "INSERT INTO clients (id, name, created_at, updated_at)"
                    " VALUES (1, 'Client', '2025-01-01', '2025-01-01');",
                    &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (deals); i++)
    f->ids[i] = insert (f, &deals[i]);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_close_session (&f->session, &f->dir, &f->path);
}

static gint64
query_int (Fixture    *f,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static gint64
query_int (Fixture    *f,
           const char *format,
           ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  return kl_test_query_int (f->session, sql);
}

static char *
stage_of (Fixture *f,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) deal = kl_store_get (kl_session_get_store (f->session, KL_TYPE_DEAL), id, &error);

  g_assert_no_error (error);
  return g_strdup (kl_entity_get_text (deal, "stage"));
}

static const KlPipelineValue *
value_of (const KlPipelineColumn *column,
          const char             *currency)
{
  for (guint i = 0; i < column->values->len; i++)
    {
      const KlPipelineValue *v = &g_array_index (column->values, KlPipelineValue, i);

      if (strcmp (v->currency, currency) == 0)
        return v;
    }
  return NULL;
}

/* Counts and values per currency, never summed across currencies. */
static void
test_summary (Fixture       *f,
              gconstpointer  data)
{
  KlPipelineColumn columns[KL_PIPELINE_N_STAGES];
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_pipeline_summary (f->db, 0, columns, &error));
  g_assert_no_error (error);

  /* Lead: deals 0, 8 (EUR 1 000.00 + 400.00) and 9 (RUB) */
  g_assert_cmpstr (columns[0].stage, ==, "lead");
  g_assert_cmpuint (columns[0].count, ==, 3);
  g_assert_cmpuint (columns[0].values->len, ==, 2);
  g_assert_cmpint (value_of (&columns[0], "EUR")->amount, ==, 140000);
  g_assert_cmpuint (value_of (&columns[0], "EUR")->count, ==, 2);
  g_assert_cmpint (value_of (&columns[0], "RUB")->amount, ==, 1000001);
  /* Contacted: deal 3 */
  g_assert_cmpuint (columns[1].count, ==, 1);
  g_assert_cmpint (value_of (&columns[1], "RUB")->amount, ==, 1000000);
  g_assert_null (value_of (&columns[1], "EUR"));
  /* Needs: 4; offer: 1, 6, 7; negotiation: 2. Won is no column. */
  g_assert_cmpuint (columns[2].count, ==, 1);
  g_assert_cmpuint (columns[3].count, ==, 3);
  g_assert_cmpint (value_of (&columns[3], "EUR")->amount, ==, 250050 + 500000 + 700000);
  g_assert_cmpuint (columns[4].count, ==, 1);
  kl_pipeline_summary_clear (columns);

  /* Boris's only */
  g_assert_true (kl_pipeline_summary (f->db, 2, columns, &error));
  g_assert_cmpuint (columns[0].count, ==, 0);
  g_assert_cmpuint (columns[0].values->len, ==, 0);
  g_assert_cmpuint (columns[3].count, ==, 2);
  kl_pipeline_summary_clear (columns);
}

/* A move is the deal's stage and one history row with its time, in one
 * write; undoing it leaves the history and the funnel as they were. */
static void
test_move_and_undo (Fixture       *f,
                    gconstpointer  data)
{
  gint64 id = f->ids[0];
  gint64 history_before = query_int (f, "SELECT count (*) FROM deal_stage_history WHERE deal_id = %" G_GINT64_FORMAT, id);
  gint64 reached_before = query_int (f, "SELECT funnel_reached FROM deals WHERE id = %" G_GINT64_FORMAT, id);
  g_autoptr(KlPipelineMove) move = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = kl_database_now ();
  g_autofree char *stage = NULL;
  KlPipelineColumn columns[KL_PIPELINE_N_STAGES];

  g_assert_cmpint (history_before, ==, 1);
  g_assert_cmpint (reached_before, ==, 0);

  move = kl_pipeline_move (f->session, id, "contacted", &error);
  g_assert_no_error (error);
  g_assert_nonnull (move);
  g_assert_cmpstr (move->from_stage, ==, "lead");
  g_assert_cmpstr (move->to_stage, ==, "contacted");
  g_assert_cmpstr (move->changed_at, >=, before);

  stage = stage_of (f, id);
  g_assert_cmpstr (stage, ==, "contacted");
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM deal_stage_history WHERE deal_id = %" G_GINT64_FORMAT, id),
                   ==, 2);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM deal_stage_history WHERE id = %" G_GINT64_FORMAT
                              " AND deal_id = %" G_GINT64_FORMAT " AND from_stage = 'lead'"
                              " AND to_stage = 'contacted'", move->change_id, id), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT funnel_reached FROM deals WHERE id = %" G_GINT64_FORMAT, id), ==, 1);
  g_assert_true (kl_pipeline_summary (f->db, 0, columns, &error));
  g_assert_cmpuint (columns[0].count, ==, 2);
  g_assert_cmpuint (columns[1].count, ==, 2);
  kl_pipeline_summary_clear (columns);

  g_assert_true (kl_pipeline_undo (f->session, move, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stage, g_free);
  stage = stage_of (f, id);
  g_assert_cmpstr (stage, ==, "lead");
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM deal_stage_history WHERE deal_id = %" G_GINT64_FORMAT, id),
                   ==, history_before);
  g_assert_cmpint (query_int (f, "SELECT funnel_reached FROM deals WHERE id = %" G_GINT64_FORMAT, id), ==, 0);
  g_assert_true (kl_pipeline_summary (f->db, 0, columns, &error));
  g_assert_cmpuint (columns[0].count, ==, 3);
  g_assert_cmpuint (columns[1].count, ==, 1);
  kl_pipeline_summary_clear (columns);

  /* Undone once is undone: a second undo finds the deal changed. */
  g_assert_false (kl_pipeline_undo (f->session, move, &error));
  g_assert_error (error, KL_PIPELINE_ERROR, KL_PIPELINE_ERROR_CHANGED);
}

/* One "changed" per move and per undo, after the write. */
static void
on_changed_cb (KlStore       *store,
               KlStoreChange  change,
               gint64         id,
               gpointer       user_data)
{
  (*(guint *)user_data)++;
}

static void
test_move_signals (Fixture       *f,
                   gconstpointer  data)
{
  KlStore *store = kl_session_get_store (f->session, KL_TYPE_DEAL);
  g_autoptr(KlPipelineMove) move = NULL;
  g_autoptr(GError) error = NULL;
  guint changes = 0;

  g_signal_connect (store, "changed", G_CALLBACK (on_changed_cb), &changes);
  move = kl_pipeline_move (f->session, f->ids[1], "negotiation", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 1);
  kl_pipeline_undo (f->session, move, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes, ==, 2);
  g_signal_handlers_disconnect_by_func (store, on_changed_cb, &changes);
}

/* What a move refuses, writing nothing. */
static void
test_move_refused (Fixture       *f,
                   gconstpointer  data)
{
  gint64 history = query_int (f, "SELECT count (*) FROM deal_stage_history");
  g_autoptr(GError) error = NULL;
  g_autoptr(KlPipelineMove) first = NULL;
  g_autoptr(KlPipelineMove) second = NULL;
  g_autofree char *stage = NULL;

  /* A won deal */
  g_assert_null (kl_pipeline_move (f->session, f->ids[5], "lead", &error));
  g_assert_error (error, KL_PIPELINE_ERROR, KL_PIPELINE_ERROR_NOT_OPEN);
  g_clear_error (&error);
  /* To a closed stage */
  g_assert_null (kl_pipeline_move (f->session, f->ids[0], "won", &error));
  g_assert_error (error, KL_PIPELINE_ERROR, KL_PIPELINE_ERROR_NOT_OPEN);
  g_clear_error (&error);
  /* To its own stage */
  g_assert_null (kl_pipeline_move (f->session, f->ids[0], "lead", &error));
  g_assert_error (error, KL_PIPELINE_ERROR, KL_PIPELINE_ERROR_NOT_OPEN);
  g_clear_error (&error);
  /* No such deal */
  g_assert_null (kl_pipeline_move (f->session, 9999, "lead", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM deal_stage_history"), ==, history);

  /* Moved again since: the first move cannot be undone, the second can. */
  first = kl_pipeline_move (f->session, f->ids[0], "contacted", &error);
  g_assert_no_error (error);
  second = kl_pipeline_move (f->session, f->ids[0], "needs", &error);
  g_assert_no_error (error);
  g_assert_false (kl_pipeline_undo (f->session, first, &error));
  g_assert_error (error, KL_PIPELINE_ERROR, KL_PIPELINE_ERROR_CHANGED);
  g_clear_error (&error);
  stage = stage_of (f, f->ids[0]);
  g_assert_cmpstr (stage, ==, "needs");
  g_assert_true (kl_pipeline_undo (f->session, second, &error));
  g_assert_true (kl_pipeline_undo (f->session, first, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stage, g_free);
  stage = stage_of (f, f->ids[0]);
  g_assert_cmpstr (stage, ==, "lead");
  g_assert_cmpint (query_int (f, "SELECT count (*) FROM deal_stage_history"), ==, history);
}

static void
test_forecast (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlForecast) forecast = kl_forecast_compute (f->db, "2026-11-15", 0, &error);
  const KlForecastSeries *eur, *rub;
  int year, month;

  g_assert_no_error (error);
  g_assert_false (kl_forecast_is_empty (forecast));
  g_assert_cmpint (forecast->year, ==, 2026);
  g_assert_cmpint (forecast->month, ==, 11);
  kl_forecast_get_month (forecast, 2, &year, &month);
  g_assert_cmpint (year, ==, 2027);
  g_assert_cmpint (month, ==, 1);
  kl_forecast_get_month (forecast, 11, &year, &month);
  g_assert_cmpint (year, ==, 2027);
  g_assert_cmpint (month, ==, 10);

  g_assert_cmpuint (forecast->n_series, ==, 2);
  eur = kl_forecast_get_series (forecast, "EUR");
  rub = kl_forecast_get_series (forecast, "RUB");
  g_assert_nonnull (eur);
  g_assert_nonnull (rub);
  g_assert_true (eur < rub);   /* by code */

  /* November: 1 000.00 × 10 % + 2 500.50 × 50 % = 100.00 + 1 250.25 */
  g_assert_cmpuint (eur->deals[0], ==, 2);
  g_assert_cmpint (eur->amount[0], ==, 350050);
  g_assert_cmpint (eur->weighted[0], ==, 135025);
  /* December: none in euros */
  g_assert_cmpuint (eur->deals[1], ==, 0);
  g_assert_cmpint (eur->weighted[1], ==, 0);
  /* January: 3 333.33 × 75 % = 2 499.9975 → 2 500.00 */
  g_assert_cmpint (eur->weighted[2], ==, 250000);
  /* October 2027, the twelfth month: 1.99 × 33 % = 0.6567 → 0.66 */
  g_assert_cmpuint (eur->deals[11], ==, 1);
  g_assert_cmpint (eur->weighted[11], ==, 66);
  g_assert_cmpint (eur->total_weighted, ==, 135025 + 250000 + 66);
  g_assert_cmpuint (eur->total_deals, ==, 4);

  /* Roubles, December: 10 000.00 × 20 % + 10 000.01 × 5 % = 2 000.00 + 500.0005 → 2 500.00 */
  g_assert_cmpuint (rub->deals[1], ==, 2);
  g_assert_cmpint (rub->weighted[1], ==, 250000);
  g_assert_cmpint (rub->total_weighted, ==, 250000);
  g_assert_cmpint (rub->weighted[0], ==, 0);

  /* A manager's deals: Boris has deals 2 and 3 in the window. */
  {
    g_autoptr(KlForecast) boris = kl_forecast_compute (f->db, "2026-11-15", 2, &error);

    g_assert_no_error (error);
    g_assert_cmpint (kl_forecast_get_series (boris, "EUR")->total_weighted, ==, 250000);
    g_assert_cmpint (kl_forecast_get_series (boris, "RUB")->total_weighted, ==, 200000);
  }

  /* A move changes no forecast (probability is the deal's own), a won deal leaves it. */
  {
    g_autoptr(KlPipelineMove) move = kl_pipeline_move (f->session, f->ids[0], "offer", &error);
    g_autoptr(KlForecast) after = NULL;
    g_autoptr(KlEntity) deal = kl_store_get (kl_session_get_store (f->session, KL_TYPE_DEAL), f->ids[1], &error);

    g_assert_no_error (error);
    kl_entity_set_text (deal, "stage", "won");
    kl_store_update (kl_session_get_store (f->session, KL_TYPE_DEAL), deal, &error);
    g_assert_no_error (error);
    after = kl_forecast_compute (f->db, "2026-11-15", 0, &error);
    g_assert_cmpint (kl_forecast_get_series (after, "EUR")->weighted[0], ==, 10000);
  }

  /* Nothing ahead */
  {
    g_autoptr(KlForecast) later = kl_forecast_compute (f->db, "2030-01-01", 0, &error);

    g_assert_no_error (error);
    g_assert_true (kl_forecast_is_empty (later));
    g_assert_cmpuint (later->n_series, ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/model/pipeline/summary", test_summary);
  ADD ("/model/pipeline/move-and-undo", test_move_and_undo);
  ADD ("/model/pipeline/move-signals", test_move_signals);
  ADD ("/model/pipeline/move-refused", test_move_refused);
  ADD ("/model/forecast/figures", test_forecast);
#undef ADD

  return g_test_run ();
}
