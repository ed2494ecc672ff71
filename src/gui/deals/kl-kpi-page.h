/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-kpi.h"
#include "kl-page.h"
#include "kl-plan-editor.h"

G_BEGIN_DECLS

#define KL_TYPE_KPI_PAGE (kl_kpi_page_get_type ())
G_DECLARE_FINAL_TYPE (KlKpiPage, kl_kpi_page, KL, KPI_PAGE, KlPage)

/* The period the board shows */
typedef enum {
  KL_KPI_PERIOD_THIS_MONTH,
  KL_KPI_PERIOD_LAST_MONTH,
  KL_KPI_PERIOD_THIS_QUARTER,
  KL_KPI_PERIOD_LAST_QUARTER,
} KlKpiPeriod;

GtkWidget    *kl_kpi_page_new              (KlSession   *session);
void          kl_kpi_page_reload           (KlKpiPage   *self);
void          kl_kpi_page_set_today        (KlKpiPage   *self,
                                            const char  *today);
void          kl_kpi_page_set_period       (KlKpiPage   *self,
                                            KlKpiPeriod  period);
void          kl_kpi_page_set_manager      (KlKpiPage   *self,
                                            gint64       manager_id);
KlKpis       *kl_kpi_page_get_kpis         (KlKpiPage   *self);
GtkWidget    *kl_kpi_page_get_row          (KlKpiPage   *self,
                                            const char  *name);
KlPlanEditor *kl_kpi_page_get_plan_editor  (KlKpiPage   *self);

G_END_DECLS
