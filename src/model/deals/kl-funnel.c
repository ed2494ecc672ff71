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
 * One statement reads that index once, over every day any figure needs:
 * the previous four quarters (the usual conversion), the period, and the
 * twelve cohort months. Each deal is sorted into those by its creation
 * time here, in C, and counted where it belongs; medians are taken from the
 * days collected (SQLite has no median). Measured with bench-funnel over
 * 1 000 000 history rows: the earlier four statements (grouped sums of the
 * period, the four quarters, the lost reasons, the timed deals, then one per
 * cohort month) read the same pages of the index up to four times and cost
 * about ten times the plain count of the range; this pass costs about
 * three times it. */

/* ?1 manager or 0, ?2 currency or NULL; ?3 the first day read, ?4 the day
 * after the last (created_at is compared as text: "YYYY-MM-DD…"). The
 * cycle is computed only for won deals. The deals created before the
 * period count only by the stage they reached and their cycle, and are
 * read by a statement of their own with only those columns: most of the
 * rows read are theirs. */
#define FUNNEL_COLUMNS \
  "SELECT d.created_at, d.funnel_reached," \
  " CASE WHEN d.funnel_won_at IS NOT NULL" \
  "  THEN julianday (d.funnel_won_at) - julianday (d.funnel_first_at) END"
#define FUNNEL_RANGE \
  " FROM deals d INDEXED BY deals_funnel" \
  " WHERE d.created_at >= ?3 AND d.created_at < ?4" \
  " AND (?1 = 0 OR d.manager_id = ?1) AND (?2 IS NULL OR d.currency = ?2)"

static const char funnel_before_sql[] = FUNNEL_COLUMNS FUNNEL_RANGE;

static const char funnel_sql[] =
  FUNNEL_COLUMNS ", d.currency, d.amount, d.funnel_lost_at, d.lost_reason,"
  " d.funnel_days_0, d.funnel_days_1, d.funnel_days_2, d.funnel_days_3, d.funnel_days_4"
  FUNNEL_RANGE;

enum {
  COL_CREATED,
  COL_REACHED,
  COL_CYCLE,
  COL_CURRENCY,
  COL_AMOUNT,
  COL_LOST_AT,
  COL_LOST_REASON,
  COL_DAYS_0,
};

/* Rows read between two looks at the cancellable. */
#define CANCEL_EVERY 4096

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

/* Moves the @k-th smallest of @v[0 … @n − 1] to @v[@k], the smaller ones
 * before it and the others after (Hoare's selection: a sort of the whole
 * took a tenth of the funnel's time). */
static void
select_nth (double *v,
            guint   n,
            guint   k)
{
  guint lo = 0, hi = n - 1;

  while (lo < hi)
    {
      double pivot = v[lo + (hi - lo) / 2];
      guint i = lo, j = hi;

      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              double t = v[i];

              v[i] = v[j];
              v[j] = t;
              i++;
              if (j == 0)
                break;
              j--;
            }
        }
      if (k <= j)
        hi = j;
      else if (k >= i)
        lo = i;
      else
        return;
    }
}

/* The middle value, or the mean of the two middle ones; reorders @values. */
static double
median (GArray *values)
{
  double *v = (double *)(gpointer)values->data;
  guint n = values->len;
  double below;

  if (n == 0)
    return KL_FUNNEL_UNKNOWN;
  select_nth (v, n, n / 2);
  if (n % 2 == 1)
    return v[n / 2];
  /* The largest of those before the middle one. */
  below = v[0];
  for (guint i = 1; i < n / 2; i++)
    below = MAX (below, v[i]);
  return (below + v[n / 2]) / 2;
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

/* The period's deals in one currency, by the furthest stage they reached. */
typedef struct {
  char   *code;
  gint64  amount[KL_FUNNEL_N_STAGES];
  guint   deals[KL_FUNNEL_N_STAGES];
} CurrencySums;

static void
currency_sums_free (CurrencySums *sums)
{
  g_free (sums->code);
  g_free (sums);
}

/* What one pass over the index gathers before the figures are made. */
typedef struct {
  const char *from;             /* the period's first day */
  const char *next;             /* the day after its last */
  const char *usual_from;       /* the previous four quarters' first day */
  int         first_month;      /* year × 12 + month − 1 of months[0] */

  guint       reached[KL_FUNNEL_N_STAGES]; /* the period's deals by the furthest stage */
  guint       usual[KL_FUNNEL_N_STAGES];   /* the four quarters' deals that reached each */
  GPtrArray  *currencies;       /* CurrencySums, as first read */
  GHashTable *lost[KL_FUNNEL_N_STAGES];    /* reason → deals lost at that stage */
  GArray     *stays[KL_FUNNEL_WON];        /* finished stays' days, per stage */
  GArray     *cycles;           /* the period's won deals' cycles */
  GArray     *month_cycles[KL_FUNNEL_MONTHS];
  guint       month_leads[KL_FUNNEL_MONTHS];
  guint       month_won[KL_FUNNEL_MONTHS];
} Pass;

static void
pass_init (Pass *pass)
{
  pass->currencies = g_ptr_array_new_with_free_func ((GDestroyNotify)currency_sums_free);
  for (guint s = 0; s < KL_FUNNEL_N_STAGES; s++)
    pass->lost[s] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint s = 0; s < KL_FUNNEL_WON; s++)
    pass->stays[s] = g_array_new (FALSE, FALSE, sizeof (double));
  pass->cycles = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint i = 0; i < KL_FUNNEL_MONTHS; i++)
    pass->month_cycles[i] = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
pass_clear (Pass *pass)
{
  g_clear_pointer (&pass->currencies, g_ptr_array_unref);
  for (guint s = 0; s < KL_FUNNEL_N_STAGES; s++)
    g_clear_pointer (&pass->lost[s], g_hash_table_unref);
  for (guint s = 0; s < KL_FUNNEL_WON; s++)
    g_clear_pointer (&pass->stays[s], g_array_unref);
  g_clear_pointer (&pass->cycles, g_array_unref);
  for (guint i = 0; i < KL_FUNNEL_MONTHS; i++)
    g_clear_pointer (&pass->month_cycles[i], g_array_unref);
}

/* The sums of @code, added when new; @hint is the last one found. */
static CurrencySums *
pass_currency (Pass       *pass,
               const char *code,
               guint      *hint)
{
  CurrencySums *sums;
  guint i = *hint;

  if (i < pass->currencies->len)
    {
      sums = g_ptr_array_index (pass->currencies, i);
      if (strcmp (sums->code, code) == 0)
        return sums;
    }
  for (i = 0; i < pass->currencies->len; i++)
    {
      sums = g_ptr_array_index (pass->currencies, i);
      if (strcmp (sums->code, code) == 0)
        break;
    }
  if (i == pass->currencies->len)
    {
      sums = g_new0 (CurrencySums, 1);
      sums->code = g_strdup (code);
      g_ptr_array_add (pass->currencies, sums);
    }
  *hint = i;

  return sums;
}

/* The cohort month (0 … KL_FUNNEL_MONTHS − 1) of "YYYY-MM…", or -1. */
static int
pass_month (const Pass          *pass,
            const unsigned char *created)
{
  int year = 0, month, i;

  for (i = 0; i < 4; i++)
    {
      if (!g_ascii_isdigit (created[i]))
        return -1;
      year = year * 10 + (created[i] - '0');
    }
  if (created[4] != '-' || !g_ascii_isdigit (created[5]) || !g_ascii_isdigit (created[6]))
    return -1;
  month = (created[5] - '0') * 10 + (created[6] - '0');
  i = year * 12 + month - 1 - pass->first_month;

  return month >= 1 && month <= 12 && i >= 0 && i < KL_FUNNEL_MONTHS ? i : -1;
}

/* Counts one deal of the range read where it belongs. */
static void
pass_add (Pass         *pass,
          sqlite3_stmt *stmt,
          guint        *currency_hint)
{
  const char *created = (const char *)sqlite3_column_text (stmt, COL_CREATED);
  int reached = CLAMP (sqlite3_column_int (stmt, COL_REACHED), 0, KL_FUNNEL_N_STAGES - 1);
  gboolean in_period;
  int month;

  if (created == NULL)
    return;
  in_period = strcmp (created, pass->from) >= 0 && strcmp (created, pass->next) < 0;
  month = pass_month (pass, (const unsigned char *)created);

  if (in_period)
    {
      const char *currency = (const char *)sqlite3_column_text (stmt, COL_CURRENCY);
      CurrencySums *sums = pass_currency (pass, currency != NULL ? currency : "", currency_hint);

      pass->reached[reached]++;
      sums->deals[reached]++;
      sums->amount[reached] += sqlite3_column_int64 (stmt, COL_AMOUNT);

      if (sqlite3_column_type (stmt, COL_LOST_AT) != SQLITE_NULL)
        {
          int at = CLAMP (sqlite3_column_int (stmt, COL_LOST_AT), 0, KL_FUNNEL_N_STAGES - 1);
          const char *reason = (const char *)sqlite3_column_text (stmt, COL_LOST_REASON);
          gpointer key, count;

          if (reason == NULL)
            reason = "";
          if (g_hash_table_lookup_extended (pass->lost[at], reason, &key, &count))
            g_hash_table_insert (pass->lost[at], g_strdup (reason), GUINT_TO_POINTER (GPOINTER_TO_UINT (count) + 1));
          else
            g_hash_table_insert (pass->lost[at], g_strdup (reason), GUINT_TO_POINTER (1));
        }

      for (int s = 0; s < KL_FUNNEL_WON; s++)
        if (sqlite3_column_type (stmt, COL_DAYS_0 + s) != SQLITE_NULL)
          {
            double days = sqlite3_column_double (stmt, COL_DAYS_0 + s);

            g_array_append_val (pass->stays[s], days);
          }
    }
  else if (strcmp (created, pass->usual_from) >= 0 && strcmp (created, pass->from) < 0)
    {
      for (int s = 0; s <= reached; s++)
        pass->usual[s]++;
    }

  if (month >= 0)
    {
      pass->month_leads[month]++;
      if (reached == KL_FUNNEL_WON)
        pass->month_won[month]++;
    }

  if (sqlite3_column_type (stmt, COL_CYCLE) != SQLITE_NULL)
    {
      double cycle = sqlite3_column_double (stmt, COL_CYCLE);

      if (in_period)
        g_array_append_val (pass->cycles, cycle);
      if (month >= 0)
        g_array_append_val (pass->month_cycles[month], cycle);
    }
}

typedef struct {
  int         stage;
  const char *reason;
  guint       count;
} LostRow;

/* The most frequent reasons first, then in the locale's order. */
static int
compare_lost (gconstpointer a,
              gconstpointer b)
{
  const LostRow *x = a;
  const LostRow *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return g_utf8_collate (x->reason, y->reason);
}

static int
compare_currencies (gconstpointer a,
                    gconstpointer b)
{
  return strcmp (((const KlFunnelValue *)a)->currency, ((const KlFunnelValue *)b)->currency);
}

/* The figures from what the pass gathered. */
static void
pass_finish (Pass     *pass,
             KlFunnel *self)
{
  guint reached[KL_FUNNEL_N_STAGES];

  /* Reached a stage = reached it or any later one. */
  reached[KL_FUNNEL_N_STAGES - 1] = pass->reached[KL_FUNNEL_N_STAGES - 1];
  for (int s = KL_FUNNEL_N_STAGES - 2; s >= 0; s--)
    reached[s] = pass->reached[s] + reached[s + 1];

  for (guint s = 0; s < KL_FUNNEL_N_STAGES; s++)
    {
      KlFunnelStage *stage = &self->stages[s];
      GArray *values = g_array_new (FALSE, FALSE, sizeof (KlFunnelValue));

      /* Each stage's value holds the deals that reached it or later. */
      for (guint c = 0; c < pass->currencies->len; c++)
        {
          const CurrencySums *sums = g_ptr_array_index (pass->currencies, c);
          KlFunnelValue value = { NULL, 0 };
          guint deals = 0;

          for (guint t = s; t < KL_FUNNEL_N_STAGES; t++)
            {
              value.amount += sums->amount[t];
              deals += sums->deals[t];
            }
          /* A currency none of whose deals got this far has no sum. */
          if (deals == 0)
            continue;
          value.currency = g_strdup (sums->code);
          g_array_append_val (values, value);
        }
      g_array_sort (values, compare_currencies);
      stage->reached = reached[s];
      stage->n_values = values->len;
      stage->values = (KlFunnelValue *)(gpointer)g_array_free (values, FALSE);
      stage->conversion_from_lead = ratio (reached[s], reached[0]);
      if (s > 0)
        {
          stage->conversion = ratio (reached[s], reached[s - 1]);
          stage->usual_conversion = ratio (pass->usual[s], pass->usual[s - 1]);
        }
    }
  for (guint s = 0; s < KL_FUNNEL_WON; s++)
    {
      KlFunnelStage *stage = &self->stages[s];

      stage->timed = pass->stays[s]->len;
      stage->median_days = median (pass->stays[s]);
      stage->average_days = mean (pass->stays[s]);
    }
  self->cycle_deals = pass->cycles->len;
  self->median_cycle_days = median (pass->cycles);
  for (guint i = 0; i < KL_FUNNEL_MONTHS; i++)
    {
      KlFunnelMonth *month = &self->months[i];

      month->leads = pass->month_leads[i];
      month->won = pass->month_won[i];
      month->rate = ratio (month->won, month->leads);
      month->median_cycle_days = median (pass->month_cycles[i]);
    }

  self->cohort = reached[KL_FUNNEL_LEAD];
  if (reached[KL_FUNNEL_WON] > 0)
    self->ratio = (double)reached[KL_FUNNEL_LEAD] / reached[KL_FUNNEL_WON];

  {
    g_autoptr(GArray) lost = g_array_new (FALSE, FALSE, sizeof (LostRow));

    for (int s = 0; s < KL_FUNNEL_N_STAGES; s++)
      {
        GHashTableIter iter;
        gpointer key, count;

        g_hash_table_iter_init (&iter, pass->lost[s]);
        while (g_hash_table_iter_next (&iter, &key, &count))
          {
            LostRow row = { s, key, GPOINTER_TO_UINT (count) };

            g_array_append_val (lost, row);
          }
      }
    g_array_sort (lost, compare_lost);
    for (guint i = 0; i < lost->len; i++)
      {
        const LostRow *row = &g_array_index (lost, LostRow, i);
        KlFunnelStage *stage = &self->stages[row->stage];

        stage->lost += row->count;
        if (stage->n_top_reasons < KL_FUNNEL_TOP_REASONS && row->reason[0] != '\0')
          {
            stage->top_reasons[stage->n_top_reasons].reason = g_strdup (row->reason);
            stage->top_reasons[stage->n_top_reasons].count = row->count;
            stage->n_top_reasons++;
          }
      }
  }
}

/* Adds the deals created from @first up to @next (exclusive) to @pass. */
static gboolean
read_range (Pass          *pass,
            KlDatabase    *db,
            const char    *sql,
            const KlFunnel *self,
            const char    *first,
            const char    *next,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (db, sql, error);
  guint currency_hint = 0;
  guint rows = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, self->manager_id);
  if (self->currency != NULL)
    sqlite3_bind_text (stmt, 2, self->currency, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, first, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, next, -1, SQLITE_TRANSIENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      pass_add (pass, stmt, &currency_hint);
      if (++rows % CANCEL_EVERY == 0 && g_cancellable_is_cancelled (cancellable))
        break;
    }
  if (rc != SQLITE_ROW && !step_error (db, rc, error))
    return FALSE;

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
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
  Pass pass = { self->from, next, usual_from,
                self->months[0].year * 12 + self->months[0].month - 1, };
  /* The four quarters always begin before the period. */
  const char *first = strcmp (usual_from, months_from) < 0 ? usual_from : months_from;
  const char *last = strcmp (next, months_next) > 0 ? next : months_next;
  gboolean ok;

  pass_init (&pass);
  ok = read_range (&pass, db, funnel_before_sql, self, first, self->from, cancellable, error) &&
       read_range (&pass, db, funnel_sql, self, self->from, last, cancellable, error);
  if (ok)
    pass_finish (&pass, self);
  pass_clear (&pass);

  return ok;
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

  if (!read_funnel (self, db, next, usual_from, months_from, months_next, cancellable, error))
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
