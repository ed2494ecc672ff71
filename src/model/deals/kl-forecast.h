/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kl-database.h"

G_BEGIN_DECLS

/* The sales forecast: the open deals' weighted value (amount × probability)
 * by the month they are expected to close, for this month and the eleven
 * after it, one series per currency (never added across currencies).
 *
 * A deal counts in the month of its expected_close; open deals with no
 * expected close, or one before this month or after the twelfth, are left
 * out. Each month's weighted value is the sum of amount × probability / 100
 * over its deals, rounded half up to a whole minor unit once per month. */

#define KL_FORECAST_MONTHS 12

typedef struct {
  char    currency[4];                      /* ISO 4217 */
  gint64  weighted[KL_FORECAST_MONTHS];     /* minor units */
  gint64  amount[KL_FORECAST_MONTHS];       /* unweighted, minor units */
  guint   deals[KL_FORECAST_MONTHS];
  gint64  total_weighted;                   /* the twelve months' weighted values */
  guint   total_deals;
} KlForecastSeries;

typedef struct {
  int               year;                   /* the first month */
  int               month;                  /* 1–12 */
  gint64            manager_id;             /* 0: every manager */
  KlForecastSeries *series;                 /* by currency code */
  guint             n_series;

  /*< private >*/
  gatomicrefcount   ref_count;
} KlForecast;

#define KL_TYPE_FORECAST (kl_forecast_get_type ())
GType       kl_forecast_get_type   (void) G_GNUC_CONST;

KlForecast *kl_forecast_new        (int               year,
                                    int               month);
KlForecast *kl_forecast_compute    (KlDatabase       *db,
                                    const char       *today,
                                    gint64            manager_id,
                                    GError          **error);
KlForecast *kl_forecast_ref        (KlForecast       *self);
void        kl_forecast_unref      (KlForecast       *self);

gboolean    kl_forecast_is_empty   (const KlForecast *self);
void        kl_forecast_get_month  (const KlForecast *self,
                                    guint             index,
                                    int              *year,
                                    int              *month);
const KlForecastSeries *kl_forecast_get_series (const KlForecast *self,
                                                const char       *currency);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlForecast, kl_forecast_unref)

G_END_DECLS
