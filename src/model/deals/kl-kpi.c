/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-kpi.h"

#include <string.h>

#include "kl-validation.h"

/* The key figures (see kl-kpi.h for what each means). Each query takes ?1
 * the manager or 0, ?2 the period's first day, ?3 the day after its last
 * (dates and times are compared as text, "YYYY-MM-DD…"), ?4 its last day. */

#define MANAGER(column) " AND (?1 = 0 OR " column " = ?1)"
#define IN_PERIOD(column) " AND " column " >= ?2 AND " column " < ?3"

static const char activities_sql[] =
  "SELECT coalesce (sum (kind = 'call'), 0), coalesce (sum (kind = 'meeting'), 0),"
  " coalesce (sum (kind IN ('exhibition', 'event')), 0), coalesce (sum (referral_asked AND kind IN ('call', 'meeting')), 0)"
  " FROM activities WHERE status = 'done'" IN_PERIOD ("starts_at") MANAGER ("manager_id");

/* Days of one manager with done calls or meetings: 1 a call day, 2 a
 * meeting day, 0 mixed; then the pairs of consecutive days in one week
 * and those that switch from calls to meetings or back. */
static const char alternation_sql[] =
  "WITH days AS ("
  "  SELECT manager_id, date (starts_at) AS day,"
  "    sum (kind = 'call') AS calls, sum (kind = 'meeting') AS meetings"
  "  FROM activities WHERE status = 'done' AND kind IN ('call', 'meeting')"
  IN_PERIOD ("starts_at") MANAGER ("manager_id") " GROUP BY 1, 2),"
  " kinds AS ("
  "  SELECT manager_id, day, strftime ('%Y-%W', day) AS week,"
  "    CASE WHEN calls > meetings THEN 1 WHEN meetings > calls THEN 2 ELSE 0 END AS kind"
  "  FROM days),"
  " pairs AS ("
  "  SELECT kind, lag (kind) OVER (PARTITION BY manager_id, week ORDER BY day) AS before"
  "  FROM kinds)"
  " SELECT coalesce (sum (kind = 1), 0), coalesce (sum (kind = 2), 0),"
  " coalesce (sum (before IS NOT NULL), 0),"
  " coalesce (sum (before IS NOT NULL AND kind <> 0 AND before <> 0 AND kind <> before), 0)"
  " FROM pairs";

static const char referrals_sql[] =
  "SELECT count(*) FROM clients WHERE source = 'referral'"
  IN_PERIOD ("created_at") MANAGER ("manager_id");

static const char decision_maker_sql[] =
  "SELECT count(*), coalesce (sum (decision_maker_reached), 0) FROM deals"
  " WHERE stage NOT IN ('won', 'lost') AND created_at < ?3" MANAGER ("manager_id");

#define WON_DAY "coalesce (closed_date, substr (funnel_won_at, 1, 10))"

static const char won_sql[] =
  "SELECT currency, count(*), sum (amount) FROM deals WHERE stage = 'won'"
  IN_PERIOD (WON_DAY) MANAGER ("manager_id") " GROUP BY currency";

static const char cohort_sql[] =
  "SELECT count(*), coalesce (sum (funnel_reached = 5), 0) FROM deals"
  " WHERE 1" IN_PERIOD ("created_at") MANAGER ("manager_id");

#define PLAN_ROWS \
  " FROM sales_plans WHERE month >= substr (?2, 1, 7) AND month <= substr (?4, 1, 7)" \
  MANAGER ("manager_id")

static const char plan_sql[] =
  "SELECT count(*), coalesce (sum (calls_target), 0), coalesce (sum (meetings_target), 0),"
  " coalesce (sum (events_target), 0), coalesce (sum (referrals_asked_target), 0),"
  " coalesce (sum (referrals_target), 0), avg (nullif (decision_maker_target, 0)),"
  " avg (nullif (meetings_per_deal_target, 0)), avg (nullif (conversion_target, 0)),"
  " avg (nullif (alternation_target, 0))"
  PLAN_ROWS;

static const char find_plan_sql[] =
  "SELECT id FROM sales_plans WHERE manager_id = ?1 AND month = ?2";

static const char revenue_sql[] =
  "SELECT currency, sum (revenue_target)" PLAN_ROWS " GROUP BY currency HAVING sum (revenue_target) > 0";

G_DEFINE_BOXED_TYPE (KlKpis, kl_kpis, kl_kpis_ref, kl_kpis_unref)

static void
date_from_text (GDate      *date,
                const char *text)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay)g_ascii_strtoll (text + 8, NULL, 10),
                  (GDateMonth)g_ascii_strtoll (text + 5, NULL, 10),
                  (GDateYear)g_ascii_strtoll (text, NULL, 10));
}

static char *
date_text (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          (guint)g_date_get_month (date), g_date_get_day (date));
}

/* Monday to Friday from @from to @to, both included ("YYYY-MM-DD"). */
static guint
working_days (const char *from,
              const char *to)
{
  GDate day, last;
  guint n = 0;

  if (strcmp (from, to) > 0)
    return 0;
  date_from_text (&day, from);
  date_from_text (&last, to);
  for (; g_date_compare (&day, &last) <= 0; g_date_add_days (&day, 1))
    if (g_date_get_weekday (&day) <= G_DATE_FRIDAY)
      n++;

  return n;
}

static void
bind_period (sqlite3_stmt *stmt,
             KlKpis       *self,
             const char   *next)
{
  sqlite3_bind_int64 (stmt, 1, self->manager_id);
  sqlite3_bind_text (stmt, 2, self->from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, next, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, self->to, -1, SQLITE_TRANSIENT);
}

/* Runs @sql, which returns one row, into @values. */
static gboolean
query_row (KlDatabase  *db,
           const char  *sql,
           KlKpis      *self,
           const char  *next,
           double      *values,
           guint        n_values,
           GError     **error)
{
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind_period (stmt, self, next);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      kl_database_set_error (db, error);
      return FALSE;
    }
  for (guint i = 0; i < n_values; i++)
    values[i] = sqlite3_column_type (stmt, (int)i) == SQLITE_NULL
                ? KL_KPI_UNKNOWN : sqlite3_column_double (stmt, (int)i);

  return TRUE;
}

static KlKpiMoney *
money_row (GArray     *money,
           const char *currency)
{
  KlKpiMoney row = { 0, };

  for (guint i = 0; i < money->len; i++)
    {
      KlKpiMoney *m = &g_array_index (money, KlKpiMoney, i);

      if (g_str_equal (m->currency, currency))
        return m;
    }
  row.currency = g_strdup (currency);
  g_array_append_val (money, row);

  return &g_array_index (money, KlKpiMoney, money->len - 1);
}

static int
compare_money (gconstpointer a,
               gconstpointer b)
{
  return strcmp (((const KlKpiMoney *)a)->currency, ((const KlKpiMoney *)b)->currency);
}

static gboolean
read_money (KlKpis      *self,
            KlDatabase  *db,
            const char  *next,
            GError     **error)
{
  g_autoptr(GArray) money = g_array_new (FALSE, TRUE, sizeof (KlKpiMoney));
  const char *sqls[] = { won_sql, revenue_sql };

  for (guint q = 0; q < G_N_ELEMENTS (sqls); q++)
    {
      g_autoptr(KlCachedStmt) stmt = kl_database_prepare (db, sqls[q], error);
      int rc;

      if (stmt == NULL)
        goto fail;
      bind_period (stmt, self, next);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          KlKpiMoney *m = money_row (money, (const char *)sqlite3_column_text (stmt, 0));

          if (q == 0)
            {
              m->deals = (guint)sqlite3_column_int64 (stmt, 1);
              m->won = sqlite3_column_int64 (stmt, 2);
              self->won_deals += m->deals;
            }
          else
            m->target = sqlite3_column_int64 (stmt, 1);
        }
      if (rc != SQLITE_DONE)
        {
          kl_database_set_error (db, error);
          goto fail;
        }
    }

  g_array_sort (money, compare_money);
  for (guint i = 0; i < money->len; i++)
    {
      KlKpiMoney *m = &g_array_index (money, KlKpiMoney, i);

      m->due = self->working_days > 0
               ? (gint64)((double)m->target * self->days_gone / self->working_days + 0.5)
               : m->target;
      m->status = m->target > 0 ? kl_kpi_judge ((double)m->won, (double)m->due, FALSE)
                                : KL_KPI_STATUS_NO_TARGET;
    }
  self->n_money = money->len;
  self->money = (KlKpiMoney *)(void *)g_array_free (g_steal_pointer (&money), FALSE);
  return TRUE;

fail:
  for (guint i = 0; i < money->len; i++)
    g_free (g_array_index (money, KlKpiMoney, i).currency);
  return FALSE;
}

static void
set_count (KlKpis  *self,
           KlKpiId  id,
           double   actual,
           double   target)
{
  KlKpiFigure *f = &self->figures[id];

  f->unit = KL_KPI_COUNT;
  f->actual = actual;
  f->target = target > 0 ? target : KL_KPI_UNKNOWN;
  f->due = f->target;
  if (f->target > 0 && self->working_days > 0)
    f->due = f->target * self->days_gone / self->working_days;
  f->status = f->target > 0 ? kl_kpi_judge (f->actual, f->due, FALSE) : KL_KPI_STATUS_NO_TARGET;
}

static void
set_rate (KlKpis   *self,
          KlKpiId   id,
          KlKpiUnit unit,
          double    actual,
          double    target,
          gboolean  less_is_better)
{
  KlKpiFigure *f = &self->figures[id];

  f->unit = unit;
  f->actual = actual;
  f->target = target > 0 ? target : KL_KPI_UNKNOWN;
  f->due = f->target;
  f->status = f->target > 0 ? kl_kpi_judge (f->actual, f->due, less_is_better) : KL_KPI_STATUS_NO_TARGET;
}

static void
set_share (KlKpis  *self,
           KlKpiId  id,
           guint    part,
           guint    whole,
           double   target_percent)
{
  set_rate (self, id, KL_KPI_SHARE, whole > 0 ? (double)part / whole : KL_KPI_UNKNOWN,
            target_percent > 0 ? target_percent / 100.0 : KL_KPI_UNKNOWN, FALSE);
  self->figures[id].part = part;
  self->figures[id].whole = whole;
}

static gboolean
compute (KlKpis      *self,
         KlDatabase  *db,
         GError     **error)
{
  GDate day;
  g_autofree char *next = NULL;
  double activities[4], alternation[4], referrals[1], dm[2], cohort[2], plan[10];
  double per_day_calls, per_day_meetings;

  date_from_text (&day, self->to);
  g_date_add_days (&day, 1);
  next = date_text (&day);

  self->working_days = working_days (self->from, self->to);
  self->days_gone = strcmp (self->today, self->to) >= 0 ? self->working_days
                                                        : working_days (self->from, self->today);

  if (!query_row (db, activities_sql, self, next, activities, G_N_ELEMENTS (activities), error) ||
      !query_row (db, alternation_sql, self, next, alternation, G_N_ELEMENTS (alternation), error) ||
      !query_row (db, referrals_sql, self, next, referrals, G_N_ELEMENTS (referrals), error) ||
      !query_row (db, decision_maker_sql, self, next, dm, G_N_ELEMENTS (dm), error) ||
      !query_row (db, cohort_sql, self, next, cohort, G_N_ELEMENTS (cohort), error) ||
      !query_row (db, plan_sql, self, next, plan, G_N_ELEMENTS (plan), error) ||
      !read_money (self, db, next, error))
    return FALSE;

  self->calls = (guint)activities[0];
  self->meetings = (guint)activities[1];
  self->call_days = (guint)alternation[0];
  self->meeting_days = (guint)alternation[1];
  self->plan_months = (guint)plan[0];

  set_count (self, KL_KPI_EVENTS, activities[2], plan[3]);
  set_count (self, KL_KPI_REFERRALS_ASKED, activities[3], plan[4]);
  set_count (self, KL_KPI_REFERRALS_RECEIVED, referrals[0], plan[5]);

  per_day_calls = self->working_days > 0 ? plan[1] / self->working_days : 0;
  per_day_meetings = self->working_days > 0 ? plan[2] / self->working_days : 0;
  set_rate (self, KL_KPI_CALLS_PER_DAY, KL_KPI_RATE,
            self->days_gone > 0 ? (double)self->calls / self->days_gone : KL_KPI_UNKNOWN,
            per_day_calls, FALSE);
  set_rate (self, KL_KPI_MEETINGS_PER_DAY, KL_KPI_RATE,
            self->days_gone > 0 ? (double)self->meetings / self->days_gone : KL_KPI_UNKNOWN,
            per_day_meetings, FALSE);
  set_rate (self, KL_KPI_CALLS_PER_WEEK, KL_KPI_RATE,
            self->days_gone > 0 ? 5.0 * self->calls / self->days_gone : KL_KPI_UNKNOWN,
            5 * per_day_calls, FALSE);
  set_rate (self, KL_KPI_MEETINGS_PER_WEEK, KL_KPI_RATE,
            self->days_gone > 0 ? 5.0 * self->meetings / self->days_gone : KL_KPI_UNKNOWN,
            5 * per_day_meetings, FALSE);

  set_share (self, KL_KPI_ALTERNATION, (guint)alternation[3], (guint)alternation[2], plan[9]);
  set_share (self, KL_KPI_DECISION_MAKER, (guint)dm[1], (guint)dm[0], plan[6]);
  set_share (self, KL_KPI_CONVERSION, (guint)cohort[1], (guint)cohort[0], plan[8]);

  set_rate (self, KL_KPI_MEETINGS_PER_DEAL, KL_KPI_RATE,
            self->won_deals > 0 ? (double)self->meetings / self->won_deals : KL_KPI_UNKNOWN,
            plan[7], TRUE);
  self->figures[KL_KPI_MEETINGS_PER_DEAL].part = self->meetings;
  self->figures[KL_KPI_MEETINGS_PER_DEAL].whole = self->won_deals;

  return TRUE;
}

/**
 * kl_kpi_judge:
 * @actual: the figure, or %KL_KPI_UNKNOWN
 * @due: what the plan asks for by now (0 or less: nothing)
 * @less_is_better: whether a figure below @due is the good side
 *
 * Returns: green when @actual meets @due, amber within a fifth of it (a
 * quarter over it when less is better), red beyond.
 */
KlKpiStatus
kl_kpi_judge (double   actual,
              double   due,
              gboolean less_is_better)
{
  const double epsilon = 1e-9;

  if (due <= 0)
    return KL_KPI_STATUS_NO_TARGET;
  if (actual < 0)
    return KL_KPI_STATUS_NO_DATA;
  if (less_is_better)
    {
      if (actual <= due + epsilon)
        return KL_KPI_STATUS_GREEN;
      return actual <= due * 1.25 + epsilon ? KL_KPI_STATUS_AMBER : KL_KPI_STATUS_RED;
    }
  if (actual >= due - epsilon)
    return KL_KPI_STATUS_GREEN;
  return actual >= due * 0.8 - epsilon ? KL_KPI_STATUS_AMBER : KL_KPI_STATUS_RED;
}

/**
 * kl_kpis_compute:
 * @db: the database
 * @from: the period's first day, "YYYY-MM-DD"
 * @to: its last day
 * @manager_id: one manager, or 0 for every one
 * @today: (nullable): "YYYY-MM-DD", or %NULL for today
 * @error: return location for an error
 *
 * Returns: (transfer full): the figures of the period, or %NULL with
 *   @error set
 */
KlKpis *
kl_kpis_compute (KlDatabase  *db,
                 const char  *from,
                 const char  *to,
                 gint64       manager_id,
                 const char  *today,
                 GError     **error)
{
  g_autoptr(KlKpis) self = NULL;

  g_return_val_if_fail (KL_IS_DATABASE (db), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!kl_validate_date (from, error) || !kl_validate_date (to, error) ||
      !kl_validate_date_order (from, to, error))
    return NULL;

  self = g_new0 (KlKpis, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->from = g_strdup (from);
  self->to = g_strdup (to);
  self->manager_id = manager_id;
  self->today = today != NULL && kl_validate_date (today, NULL) ? g_strdup (today) : kl_database_today ();

  if (!compute (self, db, error))
    return NULL;

  return g_steal_pointer (&self);
}

KlKpis *
kl_kpis_ref (KlKpis *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
kl_kpis_unref (KlKpis *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; i < self->n_money; i++)
    g_free (self->money[i].currency);
  g_free (self->money);
  g_free (self->from);
  g_free (self->to);
  g_free (self->today);
  g_free (self);
}

/* Returns: the figure's name, translated */
const char *
kl_kpi_label (KlKpiId id)
{
  static const char * const labels[KL_KPI_N] = {
    [KL_KPI_EVENTS] = N_("Events and exhibitions attended"),
    [KL_KPI_CALLS_PER_DAY] = N_("Calls per day"),
    [KL_KPI_CALLS_PER_WEEK] = N_("Calls per week"),
    [KL_KPI_MEETINGS_PER_DAY] = N_("Meetings per day"),
    [KL_KPI_MEETINGS_PER_WEEK] = N_("Meetings per week"),
    [KL_KPI_ALTERNATION] = N_("Call days and meeting days alternating"),
    [KL_KPI_REFERRALS_ASKED] = N_("Referrals asked for"),
    [KL_KPI_REFERRALS_RECEIVED] = N_("Referrals received"),
    [KL_KPI_DECISION_MAKER] = N_("Open deals with the decision maker reached"),
    [KL_KPI_MEETINGS_PER_DEAL] = N_("Meetings per signed deal"),
    [KL_KPI_CONVERSION] = N_("Funnel conversion, lead to won"),
  };

  g_return_val_if_fail (id < KL_KPI_N, "");

  return _(labels[id]);
}

/* Returns: the status in words (never only a colour), translated */
const char *
kl_kpi_status_label (KlKpiStatus status)
{
  switch (status)
    {
    case KL_KPI_STATUS_GREEN:
      return C_("kpi status", "On target");
    case KL_KPI_STATUS_AMBER:
      return C_("kpi status", "Close to target");
    case KL_KPI_STATUS_RED:
      return C_("kpi status", "Off target");
    case KL_KPI_STATUS_NO_DATA:
      return C_("kpi status", "Not enough data");
    case KL_KPI_STATUS_NO_TARGET:
    default:
      return C_("kpi status", "No target");
    }
}

/**
 * kl_kpi_find_plan:
 * @db: the database
 * @manager_id: the manager
 * @month: "YYYY-MM"
 * @error: return location for an error
 *
 * Returns: the id of the manager's plan for @month, 0 when there is none,
 *   or -1 with @error set
 */
gint64
kl_kpi_find_plan (KlDatabase  *db,
                  gint64       manager_id,
                  const char  *month,
                  GError     **error)
{
  g_autoptr(KlCachedStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (KL_IS_DATABASE (db), -1);
  g_return_val_if_fail (month != NULL, -1);

  stmt = kl_database_prepare (db, find_plan_sql, error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, manager_id);
  sqlite3_bind_text (stmt, 2, month, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;
  kl_database_set_error (db, error);
  return -1;
}

/**
 * kl_kpi_month_range:
 * @day: (nullable): "YYYY-MM-DD", or %NULL for today
 * @offset: months after (or, negative, before) the one holding @day
 * @from: (out): the month's first day
 * @to: (out): its last day
 */
void
kl_kpi_month_range (const char  *day,
                    int          offset,
                    char       **from,
                    char       **to)
{
  g_autofree char *today = NULL;
  GDate date;

  g_return_if_fail (from != NULL && to != NULL);

  if (day == NULL || !kl_validate_date (day, NULL))
    day = today = kl_database_today ();

  date_from_text (&date, day);
  g_date_set_day (&date, 1);
  if (offset > 0)
    g_date_add_months (&date, (guint)offset);
  else if (offset < 0)
    g_date_subtract_months (&date, (guint)-offset);
  *from = date_text (&date);
  g_date_add_months (&date, 1);
  g_date_subtract_days (&date, 1);
  *to = date_text (&date);
}
