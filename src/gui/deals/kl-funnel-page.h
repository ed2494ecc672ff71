/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-forecast-view.h"
#include "kl-funnel-view.h"
#include "kl-page.h"
#include "kl-period.h"

G_BEGIN_DECLS

#define KL_TYPE_FUNNEL_PAGE (kl_funnel_page_get_type ())
G_DECLARE_FINAL_TYPE (KlFunnelPage, kl_funnel_page, KL, FUNNEL_PAGE, KlPage)

/* The period the page shows */
typedef enum {
  KL_FUNNEL_PERIOD_THIS_QUARTER,
  KL_FUNNEL_PERIOD_LAST_QUARTER,
  KL_FUNNEL_PERIOD_THIS_YEAR,
  KL_FUNNEL_PERIOD_LAST_12_MONTHS,
} KlFunnelPeriod;

/* The charts the page saves as pictures */
typedef enum {
  KL_FUNNEL_PAGE_CHART_FUNNEL,
  KL_FUNNEL_PAGE_CHART_FORECAST,
} KlFunnelPageChart;

GtkWidget    *kl_funnel_page_new          (KlSession     *session);
void          kl_funnel_page_reload       (KlFunnelPage  *self);
KlFunnelView *kl_funnel_page_get_view     (KlFunnelPage  *self);
KlFunnelView *kl_funnel_page_get_previous_view (KlFunnelPage *self);
KlForecastView *kl_funnel_page_get_forecast_view (KlFunnelPage *self);
void          kl_funnel_page_set_period   (KlFunnelPage  *self,
                                           KlFunnelPeriod period);
void          kl_funnel_page_set_today    (KlFunnelPage  *self,
                                           const char    *today);
gboolean      kl_funnel_page_save_chart   (KlFunnelPage      *self,
                                           KlFunnelPageChart  chart,
                                           const char        *path,
                                           GError           **error);
void          kl_funnel_period_range      (KlFunnelPeriod period,
                                           const char    *today,
                                           int            back,
                                           char         **from,
                                           char         **to);

G_END_DECLS
