/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kl-database.h"

G_BEGIN_DECLS

/* A manager's key figures for a period (a month or a quarter), or the
 * team's, against the sales plan (sales_plans, one row per manager and
 * month). Every figure is counted in SQL by kl_kpis_compute():
 *
 * - Activities count when done (status 'done'), on the day they were
 *   planned for (activities.starts_at) inside the period.
 * - Events: done exhibitions and events.
 * - Calls and meetings per day: done ones over the working days (Monday to
 *   Friday) of the period up to "today"; per week: five times that. Their
 *   targets: the plan's monthly calls and meetings over all the period's
 *   working days.
 * - Alternation: each day with done calls or meetings is a call day (more
 *   calls than meetings) or a meeting day (more meetings) or mixed; of the
 *   pairs of one manager's consecutive such days in one week, the share
 *   that switches between a call day and a meeting day.
 * - Referrals asked: done calls and meetings marked
 *   activities.referral_asked (the activity editor's "Asked for a
 *   referral"; another kind never keeps the mark, activity_derive());
 *   received: clients of the manager created in the period whose source is
 *   'referral'.
 * - Decision maker: of the deals created up to the period's end and open
 *   now (neither won nor lost), the share with the decision maker reached.
 * - Meetings per signed deal: done meetings over deals won in the period
 *   (closed_date, or the day of the first change to Won).
 * - Plan fulfilment: the value of the deals won in the period, one sum per
 *   currency, each against the plan's revenue target in that currency;
 *   currencies are never added together.
 * - Conversion: of the deals created in the period (the funnel's cohort),
 *   the share that reached Won.
 *
 * Targets of counts (and money) are the sums of the period's monthly
 * targets; targets of shares and ratios their mean over the plan rows
 * that set one. A target of 0 is no target. Before the period ends a count
 * is judged against the part of its target due so far (the working days
 * gone by), and a rate against its full target.
 *
 * Status: green when the target is met, amber when at least 80 % of it is
 * (for meetings per deal, where less is better: at most 125 % of it), red
 * below that. */

#define KL_KPI_UNKNOWN (-1.0)

typedef enum {
  KL_KPI_EVENTS,
  KL_KPI_CALLS_PER_DAY,
  KL_KPI_CALLS_PER_WEEK,
  KL_KPI_MEETINGS_PER_DAY,
  KL_KPI_MEETINGS_PER_WEEK,
  KL_KPI_ALTERNATION,
  KL_KPI_REFERRALS_ASKED,
  KL_KPI_REFERRALS_RECEIVED,
  KL_KPI_DECISION_MAKER,
  KL_KPI_MEETINGS_PER_DEAL,
  KL_KPI_CONVERSION,
  KL_KPI_N
} KlKpiId;

typedef enum {
  KL_KPI_STATUS_NO_TARGET,   /* the plan sets none */
  KL_KPI_STATUS_NO_DATA,     /* the figure cannot be known (a share of nothing) */
  KL_KPI_STATUS_GREEN,
  KL_KPI_STATUS_AMBER,
  KL_KPI_STATUS_RED,
} KlKpiStatus;

typedef enum {
  KL_KPI_COUNT,              /* a whole number */
  KL_KPI_RATE,               /* per day, per week or per deal: one decimal */
  KL_KPI_SHARE,              /* 0–1, shown as a percentage */
} KlKpiUnit;

typedef struct {
  KlKpiUnit   unit;
  double      actual;        /* or KL_KPI_UNKNOWN */
  double      target;        /* for the whole period, or KL_KPI_UNKNOWN */
  double      due;           /* the part of the target due so far */
  guint       part;          /* of a share: how many … */
  guint       whole;         /* … of how many */
  KlKpiStatus status;
} KlKpiFigure;

typedef struct {
  char       *currency;      /* ISO 4217 */
  gint64      won;           /* minor units */
  gint64      target;        /* 0: no target in this currency */
  gint64      due;
  guint       deals;         /* deals won in this currency */
  KlKpiStatus status;
} KlKpiMoney;

typedef struct {
  char        *from;         /* "YYYY-MM-DD", inclusive */
  char        *to;           /* "YYYY-MM-DD", inclusive */
  gint64       manager_id;   /* 0: every manager */
  char        *today;

  guint        working_days; /* Monday–Friday in the period */
  guint        days_gone;    /* of them, up to today */
  guint        plan_months;  /* plan rows of the period */

  guint        calls;
  guint        meetings;
  guint        call_days;
  guint        meeting_days;
  guint        won_deals;    /* in every currency */

  KlKpiFigure  figures[KL_KPI_N];
  KlKpiMoney  *money;        /* by currency code */
  guint        n_money;

  /*< private >*/
  gatomicrefcount ref_count;
} KlKpis;

#define KL_TYPE_KPIS (kl_kpis_get_type ())
GType        kl_kpis_get_type      (void) G_GNUC_CONST;

KlKpis      *kl_kpis_compute       (KlDatabase   *db,
                                    const char   *from,
                                    const char   *to,
                                    gint64        manager_id,
                                    const char   *today,
                                    GError      **error);
KlKpis      *kl_kpis_ref           (KlKpis       *self);
void         kl_kpis_unref         (KlKpis       *self);

KlKpiStatus  kl_kpi_judge          (double        actual,
                                    double        due,
                                    gboolean      less_is_better);
const char  *kl_kpi_label          (KlKpiId       id);
const char  *kl_kpi_status_label   (KlKpiStatus   status);
gint64       kl_kpi_find_plan      (KlDatabase   *db,
                                    gint64        manager_id,
                                    const char   *month,
                                    GError      **error);
void         kl_kpi_month_range    (const char   *day,
                                    int           offset,
                                    char        **from,
                                    char        **to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlKpis, kl_kpis_unref)

G_END_DECLS
