/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kl-forecast.h"

G_BEGIN_DECLS

#define KL_TYPE_FORECAST_VIEW (kl_forecast_view_get_type ())
G_DECLARE_FINAL_TYPE (KlForecastView, kl_forecast_view, KL, FORECAST_VIEW, GtkWidget)

GtkWidget  *kl_forecast_view_new          (void);
KlForecast *kl_forecast_view_get_forecast (KlForecastView *self);
void        kl_forecast_view_set_forecast (KlForecastView *self,
                                           KlForecast     *forecast);
int         kl_forecast_view_get_month    (KlForecastView *self);
void        kl_forecast_view_set_month    (KlForecastView *self,
                                           int             month);

G_END_DECLS
