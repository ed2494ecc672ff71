/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kl-complaint-list.h"
#include "kl-complaint-stats.h"
#include "kl-entities.h"
#include "kl-report-data.h"
#include "kl-test.h"
#include "kl-validation.h"

/* Complaints in the model: the workflow and what a resolved one needs,
 * the list's filters and sorts, and the analysis against figures worked
 * out by hand. */

typedef struct {
  char      *dir;
  KlSession *session;
  KlStore   *store;
  gint64     jadran;
  gint64     volga;
} Fixture;

static gint64
insert_client (Fixture    *f,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = kl_session_new_entity (f->session, KL_TYPE_CLIENT);

  kl_entity_set_text (client, "name", name);
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_CLIENT), client, &error));
  g_assert_no_error (error);
  return kl_entity_get_id (client);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->session = kl_test_open_session ("complaints", &f->dir, NULL);
  f->store = kl_session_get_store (f->session, KL_TYPE_COMPLAINT);
  f->jadran = insert_client (f, "Jadran d.o.o.");
  f->volga = insert_client (f, "Волга ООО");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_close_session (&f->session, &f->dir, NULL);
}

static gint64
insert_complaint (Fixture    *f,
                  gint64      client_id,
                  const char *category,
                  const char *received,
                  const char *status,
                  const char *resolved)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) e = kl_session_new_entity (f->session, KL_TYPE_COMPLAINT);

  kl_entity_set_number (e, "client_id", client_id);
  kl_entity_set_text (e, "category", category);
  kl_entity_set_text (e, "received_date", received);
  kl_entity_set_text (e, "status", status);
  kl_entity_set_text (e, "description", "Roba stigla oštećena");
  if (g_strcmp0 (status, "resolved") == 0)
    kl_entity_set_text (e, "resolution", "Zamijenjeno");
  kl_entity_set_text (e, "resolved_date", resolved);
  g_assert_true (kl_store_insert (f->store, e, &error));
  g_assert_no_error (error);
  return kl_entity_get_id (e);
}

static char *
days_ago (int days)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, -days);

  return g_date_time_format (then, "%Y-%m-%d");
}

/* Writes @status (and the resolution fields given) onto the stored
 * complaint; returns what the store said. */
static gboolean
move (Fixture     *f,
      gint64       id,
      const char  *status,
      const char  *resolution,
      const char  *resolved,
      const char **bad_column,
      GError     **error)
{
  g_autoptr(KlEntity) e = kl_store_get (f->store, id, NULL);

  kl_entity_set_text (e, "status", status);
  kl_entity_set_text (e, "resolution", resolution);
  kl_entity_set_text (e, "resolved_date", resolved);
  if (bad_column != NULL && !kl_entity_validate (e, bad_column, NULL))
    return FALSE;
  return kl_store_update (f->store, e, error);
}

static char *
stored_status (Fixture *f,
               gint64   id)
{
  g_autoptr(KlEntity) e = kl_store_get (f->store, id, NULL);

  return g_strdup (kl_entity_get_text (e, "status"));
}

static void
test_next_statuses (void)
{
  g_assert_true (kl_complaint_status_allowed ("new", "in_progress"));
  g_assert_true (kl_complaint_status_allowed ("new", "rejected"));
  g_assert_false (kl_complaint_status_allowed ("new", "resolved"));
  g_assert_true (kl_complaint_status_allowed ("in_progress", "resolved"));
  g_assert_true (kl_complaint_status_allowed ("in_progress", "rejected"));
  g_assert_false (kl_complaint_status_allowed ("in_progress", "new"));
  g_assert_false (kl_complaint_status_allowed ("resolved", "in_progress"));
  g_assert_false (kl_complaint_status_allowed ("rejected", "new"));
  g_assert_true (kl_complaint_status_allowed ("resolved", "resolved"));
  g_assert_null (kl_complaint_next_statuses ("resolved")[0]);
  g_assert_true (kl_complaint_status_is_open ("new"));
  g_assert_true (kl_complaint_status_is_open ("in_progress"));
  g_assert_false (kl_complaint_status_is_open ("resolved"));
  g_assert_false (kl_complaint_status_is_open ("rejected"));
}

static void
test_workflow (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  const char *bad = NULL;
  gint64 id = insert_complaint (f, f->jadran, "quality", "2026-03-02", "new", NULL);

  /* New cannot be resolved without being worked on. */
  g_assert_false (move (f, id, "resolved", "Zamijenjeno", "2026-03-05", NULL, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_ORDER);
  g_clear_error (&error);
  status = stored_status (f, id);
  g_assert_cmpstr (status, ==, "new");
  g_clear_pointer (&status, g_free);

  /* An open complaint has no closing date. */
  g_assert_false (move (f, id, "in_progress", NULL, "2026-03-05", &bad, NULL));
  g_assert_cmpstr (bad, ==, "resolved_date");

  g_assert_true (move (f, id, "in_progress", NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Resolved: how, and when. */
  bad = NULL;
  g_assert_false (move (f, id, "resolved", NULL, "2026-03-05", &bad, NULL));
  g_assert_cmpstr (bad, ==, "resolution");
  bad = NULL;
  g_assert_false (move (f, id, "resolved", "  ", "2026-03-05", &bad, NULL));
  g_assert_cmpstr (bad, ==, "resolution");
  bad = NULL;
  g_assert_false (move (f, id, "resolved", "Zamijenjeno", NULL, &bad, NULL));
  g_assert_cmpstr (bad, ==, "resolved_date");
  bad = NULL;
  g_assert_false (move (f, id, "resolved", "Zamijenjeno", "2026-03-01", &bad, NULL));
  g_assert_cmpstr (bad, ==, "resolved_date");
  g_assert_false (move (f, id, "resolved", NULL, "2026-03-05", NULL, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED);
  g_clear_error (&error);
  status = stored_status (f, id);
  g_assert_cmpstr (status, ==, "in_progress");
  g_clear_pointer (&status, g_free);

  g_assert_true (move (f, id, "resolved", "Zamijenjeno", "2026-03-05", NULL, &error));
  g_assert_no_error (error);

  /* Closed stays closed. */
  g_assert_false (move (f, id, "in_progress", NULL, NULL, NULL, &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_ORDER);
  g_clear_error (&error);
  status = stored_status (f, id);
  g_assert_cmpstr (status, ==, "resolved");
  g_clear_pointer (&status, g_free);

  /* A rejection needs its date; its reason may be left out. */
  id = insert_complaint (f, f->volga, "billing", "2026-03-02", "new", NULL);
  bad = NULL;
  g_assert_false (move (f, id, "rejected", NULL, NULL, &bad, NULL));
  g_assert_cmpstr (bad, ==, "resolved_date");
  g_assert_true (move (f, id, "rejected", NULL, "2026-03-03", NULL, &error));
  g_assert_no_error (error);
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(KlQueryList) list = kl_complaint_list_new (f->session);
  g_autofree char *d20 = days_ago (20), *d15 = days_ago (15), *d14 = days_ago (14);
  g_autofree char *d3 = days_ago (3), *d2 = days_ago (2);
  gint64 old1 = insert_complaint (f, f->jadran, "quality", d20, "in_progress", NULL);
  gint64 old2 = insert_complaint (f, f->volga, "delivery", d15, "new", NULL);
  gint64 fresh = insert_complaint (f, f->jadran, "quality", d14, "new", NULL);
  gint64 closed = insert_complaint (f, f->volga, "billing", d20, "resolved", d2);
  g_autoptr(KlEntity) first = NULL;

  insert_complaint (f, f->volga, "service", d3, "rejected", d2);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 5);

  kl_query_list_set_filter_text (list, "state", "open");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);

  /* Open for more than 14 days: 20 and 15, not 14; not the resolved one. */
  kl_query_list_set_filter_int (list, "old", KL_COMPLAINT_OLD_DAYS);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  kl_query_list_clear_filters (list);

  kl_query_list_set_sort (list, "days-open", TRUE);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpint (kl_entity_get_id (first), ==, old1);
  g_assert_cmpint (kl_entity_get_number (first, "days_open"), ==, 20);
  g_assert_cmpstr (kl_entity_get_text (first, "client_name"), ==, "Jadran d.o.o.");
  g_assert_true (kl_complaint_is_old (first));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(KlEntity) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      gint64 id = kl_entity_get_id (item);

      g_assert_cmpint (kl_complaint_is_old (item), ==, id == old1 || id == old2);
      if (id == fresh)
        g_assert_cmpint (kl_entity_get_number (item, "days_open"), ==, 14);
      if (id == closed)
        g_assert_cmpint (kl_entity_get_number (item, "days_open"), ==, 0);
    }

  kl_query_list_set_filter_text (list, "category", "quality");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  kl_query_list_clear_filters (list);
  kl_query_list_set_filter_int (list, "client", f->volga);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  kl_query_list_clear_filters (list);
  kl_query_list_set_filter_text (list, "search", "волга");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  kl_query_list_set_filter_text (list, "status", "resolved");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  kl_query_list_clear_filters (list);
  kl_query_list_set_filter_text (list, "search", "zamijenjeno");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* Resolving the oldest takes it out of the open ones. */
  kl_query_list_clear_filters (list);
  kl_query_list_set_filter_int (list, "old", KL_COMPLAINT_OLD_DAYS);
  g_assert_true (move (f, old1, "resolved", "Zamijenjeno", d2, NULL, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
}

/* The figures worked out by hand, "today" 2026-06-15, the first half of
 * 2026:
 *   received   category       status        closed      days
 *   2025-12-31 other          resolved      2026-01-02   2  (received before)
 *   2026-01-10 quality        resolved      2026-01-20  10
 *   2026-01-25 delivery       resolved      2026-02-28  34
 *   2026-03-03 quality        rejected      2026-03-05      (not resolved)
 *   2026-05-20 billing        in progress                26 days open: old
 *   2026-05-31 documentation  in progress                15 days open: old
 *   2026-06-01 service        new                        14 days open: not old
 *   2026-06-05 quality        new                        10 days open
 *   2026-07-01 quality        new                        (after the period)
 * Received in the period: Jan 2 (quality, delivery), Feb 0, Mar 1
 * (quality), Apr 0, May 2 (billing, documentation), Jun 2 (service,
 * quality): 7; quality 3, delivery 1, billing 1, service 1,
 * documentation 1, other 0. Resolved in the period: 3, (2 + 10 + 34) / 3
 * = 15.33 days. Open: 5, of them old: 2. */
static void
insert_half_year (Fixture *f)
{
  insert_complaint (f, f->volga, "other", "2025-12-31", "resolved", "2026-01-02");
  insert_complaint (f, f->jadran, "quality", "2026-01-10", "resolved", "2026-01-20");
  insert_complaint (f, f->jadran, "delivery", "2026-01-25", "resolved", "2026-02-28");
  insert_complaint (f, f->volga, "quality", "2026-03-03", "rejected", "2026-03-05");
  insert_complaint (f, f->volga, "billing", "2026-05-20", "in_progress", NULL);
  insert_complaint (f, f->volga, "documentation", "2026-05-31", "in_progress", NULL);
  insert_complaint (f, f->jadran, "service", "2026-06-01", "new", NULL);
  insert_complaint (f, f->jadran, "quality", "2026-06-05", "new", NULL);
  insert_complaint (f, f->jadran, "quality", "2026-07-01", "new", NULL);
}

static void
test_stats (Fixture       *f,
            gconstpointer  data)
{
  static const guint expected[6][6] = {
    /* quality, delivery, billing, service, documentation, other */
    { 1, 1, 0, 0, 0, 0 },
    { 0, 0, 0, 0, 0, 0 },
    { 1, 0, 0, 0, 0, 0 },
    { 0, 0, 0, 0, 0, 0 },
    { 0, 0, 1, 0, 1, 0 },
    { 1, 0, 0, 1, 0, 0 },
  };
  static const guint expected_totals[6] = { 3, 1, 1, 1, 1, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlComplaintStats) stats = NULL;
  KlDatabase *db = kl_session_get_database (f->session);

  insert_half_year (f);
  stats = kl_complaint_stats_compute (db, "2026-01-01", "2026-06-30", "2026-06-15", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->n_months, ==, 6);
  for (guint m = 0; m < 6; m++)
    {
      guint sum = 0;

      g_assert_cmpint (stats->months[m].year, ==, 2026);
      g_assert_cmpint (stats->months[m].month, ==, (int)m + 1);
      for (guint c = 0; c < KL_COMPLAINT_N_CATEGORIES; c++)
        {
          g_assert_cmpuint (stats->months[m].counts[c], ==, expected[m][c]);
          sum += expected[m][c];
        }
      g_assert_cmpuint (stats->months[m].total, ==, sum);
    }
  for (guint c = 0; c < KL_COMPLAINT_N_CATEGORIES; c++)
    g_assert_cmpuint (stats->totals[c], ==, expected_totals[c]);
  g_assert_cmpuint (stats->total, ==, 7);
  g_assert_cmpuint (stats->resolved, ==, 3);
  g_assert_cmpfloat_with_epsilon (stats->average_days, 46.0 / 3, 1e-9);
  g_assert_cmpuint (stats->open, ==, 5);
  g_assert_cmpuint (stats->old_open, ==, 2);

  /* One day later the complaint of 2026-06-01 is 15 days open. */
  g_clear_pointer (&stats, kl_complaint_stats_unref);
  stats = kl_complaint_stats_compute (db, "2026-01-01", "2026-06-30", "2026-06-16", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->old_open, ==, 3);

  /* A period with nothing: every month there, all zero. */
  g_clear_pointer (&stats, kl_complaint_stats_unref);
  stats = kl_complaint_stats_compute (db, "2024-11-01", "2025-02-28", "2026-06-15", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stats->n_months, ==, 4);
  g_assert_cmpint (stats->months[2].year, ==, 2025);
  g_assert_cmpint (stats->months[2].month, ==, 1);
  g_assert_cmpuint (stats->total, ==, 0);
  g_assert_cmpuint (stats->resolved, ==, 0);
  g_assert_cmpfloat (stats->average_days, ==, 0);

  /* Not a period. */
  g_clear_pointer (&stats, kl_complaint_stats_unref);
  stats = kl_complaint_stats_compute (db, "2026-06-30", "2026-01-01", NULL, 0, &error);
  g_assert_null (stats);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* The workbook's Complaints sheet reads the same counts. */
static void
test_workbook_rows (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlComplaintStats) stats = NULL;
  KlDatabase *db = kl_session_get_database (f->session);
  KlReportScope scope = { "2026-01-01", "2026-06-30", 0, "2026-06-15" };
  KlReportCursor *cursor;
  guint rows = 0;

  insert_half_year (f);
  stats = kl_complaint_stats_compute (db, scope.from, scope.to, scope.today, 0, &error);
  g_assert_no_error (error);
  cursor = kl_report_cursor_new (db, KL_REPORT_COMPLAINTS, &scope, &error);
  g_assert_no_error (error);
  while (kl_report_cursor_next (cursor, &error))
    {
      const char *month = kl_report_cursor_get_text (cursor, KL_COMPLAINTS_COL_MONTH);
      int m = atoi (month + 5) - 1;

      g_assert_true (g_str_has_prefix (month, "2026-"));
      for (guint c = 0; c < KL_COMPLAINT_N_CATEGORIES; c++)
        g_assert_cmpint (kl_report_cursor_get_int (cursor, KL_COMPLAINTS_COL_CATEGORY0 + c), ==,
                         stats->months[m].counts[c]);
      g_assert_cmpint (kl_report_cursor_get_int (cursor, KL_COMPLAINTS_COL_TOTAL), ==, stats->months[m].total);
      rows++;
    }
  g_assert_no_error (error);
  kl_report_cursor_free (cursor);
  /* The months with any: January, March, May, June. */
  g_assert_cmpuint (rows, ==, 4);
}

static void
test_year_to (void)
{
  char from[11], to[11];

  kl_complaint_stats_year_to ("2026-06-15", from, to);
  g_assert_cmpstr (from, ==, "2025-07-01");
  g_assert_cmpstr (to, ==, "2026-06-30");
  kl_complaint_stats_year_to ("2026-12-03", from, to);
  g_assert_cmpstr (from, ==, "2026-01-01");
  g_assert_cmpstr (to, ==, "2026-12-31");
  kl_complaint_stats_year_to ("2028-02-10", from, to);
  g_assert_cmpstr (to, ==, "2028-02-29");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/complaint/next-statuses", test_next_statuses);
  g_test_add_func ("/model/complaint/year-to", test_year_to);
  g_test_add ("/model/complaint/workflow", Fixture, NULL, fixture_set_up, test_workflow, fixture_tear_down);
  g_test_add ("/model/complaint/list", Fixture, NULL, fixture_set_up, test_list, fixture_tear_down);
  g_test_add ("/model/complaint/stats", Fixture, NULL, fixture_set_up, test_stats, fixture_tear_down);
  g_test_add ("/model/complaint/workbook-rows", Fixture, NULL, fixture_set_up, test_workbook_rows,
              fixture_tear_down);

  return g_test_run ();
}
