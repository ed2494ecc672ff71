/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include "kl-forecast.h"

#include <stdio.h>
#include <string.h>

/* The open deals expected to close in [?1, ?2), by currency and month:
 * count, amount, and amount × probability summed then rounded to a minor
 * unit (probabilities are whole percents, amounts never negative). */
static const char forecast_sql[] =
  "SELECT currency, substr (expected_close, 1, 7), count (*), sum (amount),"
  "       (sum (amount * probability) + 50) / 100"
  " FROM deals"
  " WHERE stage IN ('lead', 'contacted', 'needs', 'offer', 'negotiation')"
  "   AND expected_close >= ?1 AND expected_close < ?2"
  "   AND (?3 = 0 OR coalesce (manager_id, -1) = ?3)"
  " GROUP BY 1, 2 ORDER BY 1, 2";

G_DEFINE_BOXED_TYPE (KlForecast, kl_forecast, kl_forecast_ref, kl_forecast_unref)

/**
 * kl_forecast_new:
 * @year: the first month's year
 * @month: the first month, 1–12
 *
 * Returns: (transfer full): a forecast with no series (no deals)
 */
KlForecast *
kl_forecast_new (int year,
                 int month)
{
  KlForecast *self;

  g_return_val_if_fail (month >= 1 && month <= 12, NULL);

  self = g_new0 (KlForecast, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->year = year;
  self->month = month;

  return self;
}

/**
 * kl_forecast_get_month:
 * @index: 0 for the first month … KL_FORECAST_MONTHS - 1
 * @year: (out): its year
 * @month: (out): its month, 1–12
 */
void
kl_forecast_get_month (const KlForecast *self,
                       guint             index,
                       int              *year,
                       int              *month)
{
  int months;

  g_return_if_fail (self != NULL);

  months = self->year * 12 + (self->month - 1) + (int)index;
  *year = months / 12;
  *month = months % 12 + 1;
}

static int
month_index (const KlForecast *self,
             const char       *year_month)
{
  int year, month;

  if (year_month == NULL || sscanf (year_month, "%4d-%2d", &year, &month) != 2)
    return -1;

  return (year * 12 + month - 1) - (self->year * 12 + self->month - 1);
}

/**
 * kl_forecast_compute:
 * @db: the database
 * @today: (nullable): "YYYY-MM-DD", whose month comes first; %NULL for today
 * @manager_id: a manager's deals, -1 for those of nobody, 0 for all
 * @error: where to report a failure
 *
 * Returns: (transfer full): the forecast of the twelve months from
 *   @today's, or %NULL with @error set
 */
KlForecast *
kl_forecast_compute (KlDatabase  *db,
                     const char  *today,
                     gint64       manager_id,
                     GError     **error)
{
  g_autoptr(KlForecast) self = NULL;
  g_autoptr(KlCachedStmt) stmt = NULL;
  g_autofree char *now = NULL;
  g_autoptr(GArray) series = NULL;
  char from[11], to[11];
  int year, month, end_year, end_month, rc;

  g_return_val_if_fail (KL_IS_DATABASE (db), NULL);

  if (today == NULL)
    today = now = kl_database_today ();
  if (sscanf (today, "%4d-%2d", &year, &month) != 2 || month < 1 || month > 12)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "not a date: %s", today);
      return NULL;
    }

  self = kl_forecast_new (year, month);
  self->manager_id = manager_id;
  kl_forecast_get_month (self, KL_FORECAST_MONTHS, &end_year, &end_month);
  g_snprintf (from, sizeof from, "%04d-%02d-01", year, month);
  g_snprintf (to, sizeof to, "%04d-%02d-01", end_year, end_month);

  stmt = kl_database_prepare (db, forecast_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, manager_id);

  series = g_array_new (FALSE, TRUE, sizeof (KlForecastSeries));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *currency = (const char *)sqlite3_column_text (stmt, 0);
      int i = month_index (self, (const char *)sqlite3_column_text (stmt, 1));
      KlForecastSeries *s;

      if (i < 0 || i >= KL_FORECAST_MONTHS || currency == NULL)
        continue;
      if (series->len == 0 ||
          strcmp (g_array_index (series, KlForecastSeries, series->len - 1).currency, currency) != 0)
        {
          g_array_set_size (series, series->len + 1);
          g_strlcpy (g_array_index (series, KlForecastSeries, series->len - 1).currency, currency,
                     sizeof s->currency);
        }
      s = &g_array_index (series, KlForecastSeries, series->len - 1);
      s->deals[i] = (guint)sqlite3_column_int64 (stmt, 2);
      s->amount[i] = sqlite3_column_int64 (stmt, 3);
      s->weighted[i] = sqlite3_column_int64 (stmt, 4);
      s->total_deals += s->deals[i];
      s->total_weighted += s->weighted[i];
    }
  if (rc != SQLITE_DONE)
    {
      kl_database_set_error (db, error);
      return NULL;
    }

  self->n_series = series->len;
  self->series = (KlForecastSeries *)(void *)g_array_free (g_steal_pointer (&series), FALSE);

  return g_steal_pointer (&self);
}

KlForecast *
kl_forecast_ref (KlForecast *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
kl_forecast_unref (KlForecast *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->series);
  g_free (self);
}

/**
 * kl_forecast_is_empty:
 *
 * Returns: whether no open deal is expected to close in the twelve months
 */
gboolean
kl_forecast_is_empty (const KlForecast *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  for (guint i = 0; i < self->n_series; i++)
    if (self->series[i].total_deals > 0)
      return FALSE;

  return TRUE;
}

/**
 * kl_forecast_get_series:
 * @currency: an ISO 4217 code
 *
 * Returns: (nullable): the series of that currency, %NULL when no deal
 *   in it is expected to close in the twelve months
 */
const KlForecastSeries *
kl_forecast_get_series (const KlForecast *self,
                        const char       *currency)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (currency != NULL, NULL);

  for (guint i = 0; i < self->n_series; i++)
    if (strcmp (self->series[i].currency, currency) == 0)
      return &self->series[i];

  return NULL;
}
