/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-page.h"
#include "kl-workbook.h"

G_BEGIN_DECLS

#define KL_TYPE_REPORTS_PAGE (kl_reports_page_get_type ())
G_DECLARE_FINAL_TYPE (KlReportsPage, kl_reports_page, KL, REPORTS_PAGE, KlPage)

/* The periods the page offers, in its order */
typedef enum {
  KL_REPORT_PERIOD_ALL,
  KL_REPORT_PERIOD_THIS_MONTH,
  KL_REPORT_PERIOD_LAST_MONTH,
  KL_REPORT_PERIOD_THIS_QUARTER,
  KL_REPORT_PERIOD_LAST_QUARTER,
  KL_REPORT_PERIOD_THIS_YEAR,
  KL_REPORT_PERIOD_LAST_YEAR,
  KL_REPORT_PERIOD_CUSTOM,       /* the From and To days chosen on the page */
} KlReportPeriod;

void             kl_report_period_range     (KlReportPeriod  period,
                                             const char     *today,
                                             char          **from,
                                             char          **to);

/* Starts the export of what the page shows to @path (the Export button
 * asks for it first). */
void             kl_reports_page_export_to  (KlReportsPage  *self,
                                             const char     *path);
gboolean         kl_reports_page_is_busy    (KlReportsPage  *self);
KlWorkbookSheets kl_reports_page_get_sheets (KlReportsPage  *self);
void             kl_reports_page_set_sheets (KlReportsPage  *self,
                                             KlWorkbookSheets sheets);

G_END_DECLS
