/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-funnel.h"

#include <string.h>

#include "kl-entities.h"
#include "kl-validation.h"

/* The funnel (see kl-funnel.h for what the figures mean) comes from the
 * sums each deal carries of its stage history (kl-funnel-sql.h), read
 * through the index deals_funnel, which covers every column read here and
 * is ordered by creation time: a cohort is one range of it.
 *
 * - FUNNEL_SQL returns tagged rows: the period's cohort by stage reached and
 *   currency; the previous four quarters' counts of deals that reached each
 *   stage; the period's lost deals by stage and reason; then one row per
 *   deal of the period or the cohort months with a finished stay or a
 *   known cycle: its days in each stage and its cycle, from which medians
 *   are taken (SQLite has no median, and sorting in a window costs several
 *   times more than picking the middle here).
 * - MONTH_SQL counts one cohort month's deals and those won, once a month:
 *   twelve short ranges cost less than sorting a year's deals by month.
 *
 * Aggregates that need no grouping are conditional sums, so that no
 * temporary b-tree sorts the rows. */

/* Tags of FUNNEL_SQL's rows; columns 1–8 as noted. */
enum {
  ROW_REACHED,          /* stage, currency, deals, amount */
  ROW_USUAL,            /* -, -, deals, then deals that reached Contacted … Won */
  ROW_LOST,             /* stage, reason, deals */
  ROW_DEAL,             /* in the period (1 or 0), "YYYY-MM-DD…", cycle, days 0 … 4 */
};

/* ?1 manager or 0, ?2 currency or NULL; ?3 the period's first day, ?4 the
 * day after its last (created_at is compared as text: "YYYY-MM-DD…"); ?5
 * the first day of the previous four quarters; ?6 the first cohort month,
 * ?7 the month after the last. */
#define COHORT(from, next) \
  " FROM deals d INDEXED BY deals_funnel" \
  " WHERE d.created_at >= " from " AND d.created_at < " next \
  " AND (?1 = 0 OR d.manager_id = ?1) AND (?2 IS NULL OR d.currency = ?2)"
#define PERIOD COHORT ("?3", "?4")

static const char funnel_sql[] =
  "SELECT 0, d.funnel_reached, d.currency, count(*), sum (d.amount), NULL, NULL, NULL, NULL"
  PERIOD " GROUP BY 2, 3 "
  "UNION ALL "
  "SELECT 1, NULL, NULL, count(*), sum (d.funnel_reached >= 1), sum (d.funnel_reached >= 2),"
  " sum (d.funnel_reached >= 3), sum (d.funnel_reached >= 4), sum (d.funnel_reached >= 5)"
  COHORT ("?5", "?3") " "
  "UNION ALL "
  "SELECT 2, d.funnel_lost_at, d.lost_reason, count(*), NULL, NULL, NULL, NULL, NULL"
  PERIOD " AND d.funnel_lost_at IS NOT NULL GROUP BY 2, 3 "
  "UNION ALL "
  "SELECT 3, d.created_at >= ?3 AND d.created_at < ?4, d.created_at,"
  " julianday (d.funnel_won_at) - julianday (d.funnel_first_at),"
  " d.funnel_days_0, d.funnel_days_1, d.funnel_days_2, d.funnel_days_3, d.funnel_days_4"
  COHORT ("min (?3, ?6)", "max (?4, ?7)")
  " AND (d.funnel_won_at IS NOT NULL"
  "      OR d.created_at >= ?3 AND d.created_at < ?4"
  "         AND coalesce (d.funnel_days_0, d.funnel_days_1, d.funnel_days_2, d.funnel_days_3,"
  "                       d.funnel_days_4) IS NOT NULL)";

/* ?1 manager or 0, ?2 currency or NULL, ?3 the month's first day, ?4 the
 * next month's. */
static const char month_sql[] =
  "SELECT count(*), sum (d.funnel_reached = 5)" PERIOD;

G_DEFINE_BOXED_TYPE (KlFunnel, kl_funnel, kl_funnel_ref, kl_funnel_unref)

static void
stage_clear (KlFunnelStage *stage)
{
  for (guint i = 0; i < stage->n_values; i++)
    g_free (stage->values[i].currency);
  g_clear_pointer (&stage->values, g_free);
  for (guint i = 0; i < stage->n_top_reasons; i++)
    g_free (stage->top_reasons[i].reason);
}

static KlFunnel *
funnel_new (void)
{
  KlFunnel *self = g_new0 (KlFunnel, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->ratio = KL_FUNNEL_UNKNOWN;
  self->median_cycle_days = KL_FUNNEL_UNKNOWN;
  self->bottleneck = -1;
  for (guint i = 0; i < KL_FUNNEL_N_STAGES; i++)
    {
      KlFunnelStage *stage = &self->stages[i];

      stage->conversion = KL_FUNNEL_UNKNOWN;
      stage->conversion_from_lead = KL_FUNNEL_UNKNOWN;
      stage->usual_conversion = KL_FUNNEL_UNKNOWN;
      stage->average_days = KL_FUNNEL_UNKNOWN;
      stage->median_days = KL_FUNNEL_UNKNOWN;
    }
  for (guint i = 0; i < KL_FUNNEL_MONTHS; i++)
    {
      self->months[i].rate = KL_FUNNEL_UNKNOWN;
      self->months[i].median_cycle_days = KL_FUNNEL_UNKNOWN;
    }

  return self;
}

/* "YYYY-MM-DD" of @date */
static char *
date_text (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          (guint)g_date_get_month (date), g_date_get_day (date));
}

static void
date_from_text (GDate      *date,
                const char *iso)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay)g_ascii_strtoull (iso + 8, NULL, 10),
                  (GDateMonth)g_ascii_strtoull (iso + 5, NULL, 10),
                  (GDateYear)g_ascii_strtoull (iso, NULL, 10));
}

static double
ratio (guint part,
       guint whole)
{
  return whole > 0 ? (double)part / whole : KL_FUNNEL_UNKNOWN;
}

static int
month_index (const KlFunnel *self,
             const char     *month)
{
  int year, mon;

  if (month == NULL || strlen (month) < 7)
    return -1;
  year = (int)g_ascii_strtoll (month, NULL, 10);
  mon = (int)g_ascii_strtoll (month + 5, NULL, 10);
  for (int i = 0; i < KL_FUNNEL_MONTHS; i++)
    if (self->months[i].year == year && self->months[i].month == mon)
      return i;

  return -1;
}

static void
add_value (GArray     *values,
           const char *currency,
           gint64      amount)
{
  for (guint i = 0; i < values->len; i++)
    {
      KlFunnelValue *value = &g_array_index (values, KlFunnelValue, i);

      if (g_str_equal (value->currency, currency))
        {
          value->amount += amount;
          return;
        }
    }

  {
    KlFunnelValue value = { g_strdup (currency), amount };

    g_array_append_val (values, value);
  }
}

static int
compare_values (gconstpointer a,
                gconstpointer b)
{
  return strcmp (((const KlFunnelValue *)a)->currency, ((const KlFunnelValue *)b)->currency);
}

typedef struct {
  int    stage;
  char  *reason;
  guint  count;
} LostRow;

static int
compare_lost (gconstpointer a,
              gconstpointer b)
{
  const LostRow *x = *(LostRow * const *)a;
  const LostRow *y = *(LostRow * const *)b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_utf8_collate (x->reason, y->reason);
}

static void
lost_row_free (LostRow *row)
{
  g_free (row->reason);
  g_free (row);
}

static gboolean
step_error (KlDatabase *db,
            int         rc,
            GError    **error)
{
  if (rc == SQLITE_DONE)
    return TRUE;
  kl_database_set_error (db, error);
  return FALSE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return x < y ? -1 : x > y;
}

/* The middle value, or the mean of the two middle ones; sorts @values. */
static double
median (GArray *values)
{
  guint n = values->len;

  if (n == 0)
    return KL_FUNNEL_UNKNOWN;
  g_array_sort (values, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (values, double, n / 2);
  return (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2;
}

static double
mean (GArray *values)
{
  double sum = 0;

  if (values->len == 0)
    return KL_FUNNEL_UNKNOWN;
  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, double, i);
  return sum / values->len;
}

static void
free_lists (GArray **lists,
            guint    n)
{
  for (guint i = 0; i < n; i++)
    g_clear_pointer (&lists[i], g_array_unref);
}

static void
free_values (GArray **values)
{
  for (guint s = 0; s < KL_FUNNEL_N_STAGES; s++)
    {
      if (values[s] == NULL)
        continue;
      for (guint i = 0; i < values[s]->len; i++)
        g_free (g_array_index (values[s], KlFunnelValue, i).currency);
      g_clear_pointer (&values[s], g_array_unref);
    }
}

static gboolean
read_funnel (KlFunnel      *self,
             KlDatabase    *db,
             const char    *next,
             const char    *usual_from,
             const char    *months_from,
             const char    *months_next,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (db, funnel_sql, error);
  GArray *values[KL_FUNNEL_N_STAGES] = { NULL, };
  g_autoptr(GPtrArray) lost = g_ptr_array_new_with_free_func ((GDestroyNotify)lost_row_free);
  g_autoptr(GArray) cycles = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *month_cycles[KL_FUNNEL_MONTHS] = { NULL, };
  GArray *stays[KL_FUNNEL_WON] = { NULL, };
  guint reached[KL_FUNNEL_N_STAGES + 1] = { 0, };
  guint usual[KL_FUNNEL_N_STAGES] = { 0, };
  int rc;

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < KL_FUNNEL_MONTHS; i++)
    month_cycles[i] = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < KL_FUNNEL_WON; i++)
    stays[i] = g_array_new (FALSE, FALSE, sizeof (double));

  sqlite3_bind_int64 (stmt, 1, self->manager_id);
  if (self->currency != NULL)
    sqlite3_bind_text (stmt, 2, self->currency, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, self->from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, next, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, usual_from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, months_from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, months_next, -1, SQLITE_TRANSIENT);

  for (guint i = 0; i < KL_FUNNEL_N_STAGES; i++)
    values[i] = g_array_new (FALSE, FALSE, sizeof (KlFunnelValue));

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int tag = sqlite3_column_int (stmt, 0);
      guint n = (guint)sqlite3_column_int64 (stmt, 3);
      int stage = tag == ROW_DEAL || tag == ROW_USUAL
                  ? 0 : CLAMP (sqlite3_column_int (stmt, 1), 0, KL_FUNNEL_N_STAGES - 1);

      switch (tag)
        {
        case ROW_REACHED:
          reached[stage] += n;
          /* Each stage's value holds the deals that reached it or later. */
          for (int s = 0; s <= stage; s++)
            add_value (values[s], (const char *)sqlite3_column_text (stmt, 2),
                       sqlite3_column_int64 (stmt, 4));
          break;

        case ROW_USUAL:
          usual[KL_FUNNEL_LEAD] = n;
          for (int s = KL_FUNNEL_CONTACTED; s < KL_FUNNEL_N_STAGES; s++)
            usual[s] = (guint)sqlite3_column_int64 (stmt, 3 + s);
          break;

        case ROW_LOST:
          {
            LostRow *row = g_new0 (LostRow, 1);
            const char *reason = (const char *)sqlite3_column_text (stmt, 2);

            row->stage = stage;
            row->reason = g_strdup (reason != NULL ? reason : "");
            row->count = n;
            g_ptr_array_add (lost, row);
          }
          break;

        case ROW_DEAL:
          {
            gboolean in_period = sqlite3_column_int (stmt, 1) != 0;

            if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
              {
                double cycle = sqlite3_column_double (stmt, 3);
                int i = month_index (self, (const char *)sqlite3_column_text (stmt, 2));

                if (in_period)
                  g_array_append_val (cycles, cycle);
                if (i >= 0)
                  g_array_append_val (month_cycles[i], cycle);
              }
            if (in_period)
              for (int s = 0; s < KL_FUNNEL_WON; s++)
                if (sqlite3_column_type (stmt, 4 + s) != SQLITE_NULL)
                  {
                    double days = sqlite3_column_double (stmt, 4 + s);

                    g_array_append_val (stays[s], days);
                  }
          }
          break;

        default:
          g_assert_not_reached ();
        }
    }
  if (!step_error (db, rc, error) || g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      free_values (values);
      free_lists (month_cycles, KL_FUNNEL_MONTHS);
      free_lists (stays, KL_FUNNEL_WON);
      return FALSE;
    }

  /* Reached a stage = reached it or any later one. */
  for (int s = KL_FUNNEL_N_STAGES - 2; s >= 0; s--)
    reached[s] += reached[s + 1];

  for (guint s = 0; s < KL_FUNNEL_N_STAGES; s++)
    {
      KlFunnelStage *stage = &self->stages[s];

      g_array_sort (values[s], compare_values);
      stage->reached = reached[s];
      stage->n_values = values[s]->len;
      stage->values = (KlFunnelValue *)(gpointer)g_array_free (g_steal_pointer (&values[s]), FALSE);
      stage->conversion_from_lead = ratio (reached[s], reached[0]);
      if (s > 0)
        {
          stage->conversion = ratio (reached[s], reached[s - 1]);
          stage->usual_conversion = ratio (usual[s], usual[s - 1]);
        }
    }
  for (guint s = 0; s < KL_FUNNEL_WON; s++)
    {
      KlFunnelStage *stage = &self->stages[s];

      stage->timed = stays[s]->len;
      stage->median_days = median (stays[s]);
      stage->average_days = mean (stays[s]);
    }
  self->cycle_deals = cycles->len;
  self->median_cycle_days = median (cycles);
  for (guint i = 0; i < KL_FUNNEL_MONTHS; i++)
    self->months[i].median_cycle_days = median (month_cycles[i]);
  free_lists (month_cycles, KL_FUNNEL_MONTHS);
  free_lists (stays, KL_FUNNEL_WON);

  self->cohort = reached[KL_FUNNEL_LEAD];
  if (reached[KL_FUNNEL_WON] > 0)
    self->ratio = (double)reached[KL_FUNNEL_LEAD] / reached[KL_FUNNEL_WON];

  /* The most frequent reasons first, then in the locale's order. */
  g_ptr_array_sort (lost, compare_lost);
  for (guint i = 0; i < lost->len; i++)
    {
      LostRow *row = g_ptr_array_index (lost, i);
      KlFunnelStage *stage = &self->stages[row->stage];

      stage->lost += row->count;
      if (stage->n_top_reasons < KL_FUNNEL_TOP_REASONS && row->reason[0] != '\0')
        {
          stage->top_reasons[stage->n_top_reasons].reason = g_steal_pointer (&row->reason);
          stage->top_reasons[stage->n_top_reasons].count = row->count;
          stage->n_top_reasons++;
        }
    }

  return TRUE;
}

static gboolean
read_months (KlFunnel      *self,
             KlDatabase    *db,
             GCancellable  *cancellable,
             GError       **error)
{
  for (guint i = 0; i < KL_FUNNEL_MONTHS; i++)
    {
      g_autoptr(KlCachedStmt) stmt = kl_database_prepare (db, month_sql, error);
      KlFunnelMonth *month = &self->months[i];
      char first[16], next[16];

      if (stmt == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      g_snprintf (first, sizeof first, "%04d-%02d-01", month->year, month->month);
      g_snprintf (next, sizeof next, "%04d-%02d-01", month->year + month->month / 12, month->month % 12 + 1);
      sqlite3_bind_int64 (stmt, 1, self->manager_id);
      if (self->currency != NULL)
        sqlite3_bind_text (stmt, 2, self->currency, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, first, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, next, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          kl_database_set_error (db, error);
          return FALSE;
        }
      month->leads = (guint)sqlite3_column_int64 (stmt, 0);
      month->won = (guint)sqlite3_column_int64 (stmt, 1);
      month->rate = ratio (month->won, month->leads);
    }

  return TRUE;
}

/* The step into the stage that converts furthest below its usual rate. */
static void
find_bottleneck (KlFunnel *self)
{
  double worst = 0;

  for (int s = KL_FUNNEL_CONTACTED; s < KL_FUNNEL_N_STAGES; s++)
    {
      const KlFunnelStage *stage = &self->stages[s];
      double drop;

      if (stage->conversion < 0 || stage->usual_conversion < 0)
        continue;
      drop = stage->usual_conversion - stage->conversion;
      if (drop > worst + 1e-9)
        {
          worst = drop;
          self->bottleneck = s;
        }
    }
}

/**
 * kl_funnel_compute:
 * @db: the database
 * @from: the period's first day, "YYYY-MM-DD"
 * @to: its last day, "YYYY-MM-DD"
 * @manager_id: one manager's deals, or 0 for every manager's
 * @currency: (nullable): deals in this currency only, or %NULL for all
 * @cancellable: (nullable): a cancellable
 * @error: return location for a #GError
 *
 * Computes the funnel of the deals created from @from to @to: see
 * kl-funnel.h for what each figure means.
 *
 * Returns: (transfer full): the funnel, or %NULL with @error set (an
 *   invalid or reversed period: %KL_VALIDATION_ERROR)
 */
KlFunnel *
kl_funnel_compute (KlDatabase    *db,
                   const char    *from,
                   const char    *to,
                   gint64         manager_id,
                   const char    *currency,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(KlFunnel) self = NULL;
  g_autofree char *next = NULL;
  g_autofree char *usual_from = NULL;
  g_autofree char *months_from = NULL;
  g_autofree char *months_next = NULL;
  g_autofree char *today = NULL;
  GDate date, last_month;

  g_return_val_if_fail (KL_IS_DATABASE (db), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);
  g_return_val_if_fail (manager_id >= 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!kl_validate_date (from, error) || !kl_validate_date (to, error))
    return NULL;
  if (strcmp (to, from) < 0)
    {
      g_set_error_literal (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_ORDER,
                           _("The period ends before it starts."));
      return NULL;
    }

  self = funnel_new ();
  self->from = g_strdup (from);
  self->to = g_strdup (to);
  self->manager_id = manager_id;
  self->currency = g_strdup (currency);

  date_from_text (&date, to);
  g_date_add_days (&date, 1);
  next = date_text (&date);

  date_from_text (&date, from);
  g_date_subtract_months (&date, 12);
  usual_from = date_text (&date);

  /* The twelve cohort months end with the period's, or with this month. */
  today = kl_database_today ();
  date_from_text (&last_month, strcmp (to, today) > 0 ? today : to);
  g_date_set_day (&last_month, 1);
  date = last_month;
  g_date_add_months (&date, 1);
  months_next = date_text (&date);
  date = last_month;
  g_date_subtract_months (&date, KL_FUNNEL_MONTHS - 1);
  months_from = date_text (&date);
  for (guint i = 0; i < KL_FUNNEL_MONTHS; i++)
    {
      self->months[i].year = g_date_get_year (&date);
      self->months[i].month = g_date_get_month (&date);
      g_date_add_months (&date, 1);
    }

  if (!read_funnel (self, db, next, usual_from, months_from, months_next, cancellable, error) ||
      !read_months (self, db, cancellable, error))
    return NULL;
  find_bottleneck (self);

  return g_steal_pointer (&self);
}

/**
 * kl_funnel_new:
 * @from: the period's first day, "YYYY-MM-DD"
 * @to: its last day
 *
 * A funnel with no deals and every figure unknown, for figures from
 * elsewhere (tests, examples). Whatever is filled in is freed with it:
 * stages' values with g_free() (and their currencies), reasons likewise.
 *
 * Returns: (transfer full): an empty funnel
 */
KlFunnel *
kl_funnel_new (const char *from,
               const char *to)
{
  KlFunnel *self = funnel_new ();

  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  self->from = g_strdup (from);
  self->to = g_strdup (to);
  return self;
}

KlFunnel *
kl_funnel_ref (KlFunnel *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
kl_funnel_unref (KlFunnel *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; i < KL_FUNNEL_N_STAGES; i++)
    stage_clear (&self->stages[i]);
  g_free (self->from);
  g_free (self->to);
  g_free (self->currency);
  g_free (self);
}

/* Whether no deal was created in the period. */
gboolean
kl_funnel_is_empty (const KlFunnel *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->cohort == 0;
}

/**
 * kl_funnel_stage_value:
 * @self: a funnel
 * @stage: a stage
 * @currency: an ISO 4217 code
 *
 * Returns: the value of the deals that reached @stage in @currency, in
 *   minor units (0 when none)
 */
gint64
kl_funnel_stage_value (const KlFunnel  *self,
                       KlFunnelStageId  stage,
                       const char      *currency)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (stage < KL_FUNNEL_N_STAGES, 0);
  g_return_val_if_fail (currency != NULL, 0);

  for (guint i = 0; i < self->stages[stage].n_values; i++)
    if (g_str_equal (self->stages[stage].values[i].currency, currency))
      return self->stages[stage].values[i].amount;

  return 0;
}

/* The stage's value in deals.stage ("lead", …, "won"). */
const char *
kl_funnel_stage_name (KlFunnelStageId stage)
{
  g_return_val_if_fail (stage < KL_FUNNEL_N_STAGES, NULL);

  return kl_deal_stages[stage];
}

/* The stage's name in the user's language ("Needs identified"). */
const char *
kl_funnel_stage_label (KlFunnelStageId stage)
{
  g_return_val_if_fail (stage < KL_FUNNEL_N_STAGES, NULL);

  return kl_choice_label (kl_deal_stages, kl_deal_stages[stage]);
}

/**
 * kl_funnel_quarter:
 * @day: (nullable): "YYYY-MM-DD", or %NULL for today
 * @offset: quarters after (or, negative, before) the one holding @day
 * @from: (out): the quarter's first day
 * @to: (out): its last day
 *
 * The calendar quarter holding @day, moved by @offset quarters: this
 * quarter is 0, the last one -1.
 */
void
kl_funnel_quarter (const char  *day,
                   int          offset,
                   char       **from,
                   char       **to)
{
  g_autofree char *today = NULL;
  GDate date;
  int month;

  g_return_if_fail (from != NULL && to != NULL);

  if (day == NULL || !kl_validate_date (day, NULL))
    day = today = kl_database_today ();

  date_from_text (&date, day);
  month = g_date_get_month (&date);
  g_date_set_day (&date, 1);
  g_date_set_month (&date, (GDateMonth)(((month - 1) / 3) * 3 + 1));
  if (offset > 0)
    g_date_add_months (&date, (guint)offset * 3);
  else if (offset < 0)
    g_date_subtract_months (&date, (guint)-offset * 3);
  *from = date_text (&date);
  g_date_add_months (&date, 3);
  g_date_subtract_days (&date, 1);
  *to = date_text (&date);
}

void
kl_funnel_deal_free (KlFunnelDeal *deal)
{
  if (deal == NULL)
    return;
  g_free (deal->title);
  g_free (deal->client_name);
  g_free (deal->stage);
  g_free (deal->currency);
  g_free (deal->created_at);
  g_free (deal);
}

/**
 * kl_funnel_stage_deals:
 * @db: the database
 * @funnel: a funnel from kl_funnel_compute()
 * @stage: one of its stages
 * @limit: at most this many, the newest first
 * @error: return location for a #GError
 *
 * The deals of @funnel's cohort that reached @stage, as the funnel counts
 * them.
 *
 * Returns: (transfer full) (element-type KlFunnelDeal): the deals, or %NULL
 *   with @error set
 */
GPtrArray *
kl_funnel_stage_deals (KlDatabase      *db,
                       const KlFunnel  *funnel,
                       KlFunnelStageId  stage,
                       guint            limit,
                       GError         **error)
{
  static const char sql[] =
    "SELECT d.id, d.client_id, d.title, c.name, d.stage, d.amount, d.currency, d.created_at"
    " FROM deals d INDEXED BY deals_funnel JOIN clients c ON c.id = d.client_id"
    " WHERE d.created_at >= ?1 AND d.created_at < ?2"
    " AND (?3 = 0 OR d.manager_id = ?3) AND (?4 IS NULL OR d.currency = ?4)"
    " AND d.funnel_reached >= ?5"
    " ORDER BY d.created_at DESC, d.id DESC LIMIT ?6";
  g_autoptr(KlCachedStmt) stmt = NULL;
  g_autoptr(GPtrArray) deals = g_ptr_array_new_with_free_func ((GDestroyNotify)kl_funnel_deal_free);
  g_autofree char *next = NULL;
  GDate date;
  int rc;

  g_return_val_if_fail (KL_IS_DATABASE (db), NULL);
  g_return_val_if_fail (funnel != NULL, NULL);
  g_return_val_if_fail (stage < KL_FUNNEL_N_STAGES, NULL);

  stmt = kl_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;

  date_from_text (&date, funnel->to);
  g_date_add_days (&date, 1);
  next = date_text (&date);
  sqlite3_bind_text (stmt, 1, funnel->from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, next, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, funnel->manager_id);
  if (funnel->currency != NULL)
    sqlite3_bind_text (stmt, 4, funnel->currency, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, stage);
  sqlite3_bind_int64 (stmt, 6, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      KlFunnelDeal *deal = g_new0 (KlFunnelDeal, 1);

      deal->id = sqlite3_column_int64 (stmt, 0);
      deal->client_id = sqlite3_column_int64 (stmt, 1);
      deal->title = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      deal->client_name = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
      deal->stage = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
      deal->amount = sqlite3_column_int64 (stmt, 5);
      deal->currency = g_strdup ((const char *)sqlite3_column_text (stmt, 6));
      deal->created_at = g_strdup ((const char *)sqlite3_column_text (stmt, 7));
      g_ptr_array_add (deals, deal);
    }
  if (!step_error (db, rc, error))
    return NULL;

  return g_steal_pointer (&deals);
}
