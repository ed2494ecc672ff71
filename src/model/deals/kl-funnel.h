/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kl-database.h"

G_BEGIN_DECLS

/* The sales funnel of a cohort of deals, from their stage history.
 *
 * - The cohort is the deals created (deals.created_at) in the period, of
 *   one manager or all, in one currency or all.
 * - A deal reached a stage when its history (deal_stage_history.to_stage)
 *   holds that stage or any later one of Lead → Contacted → Needs
 *   identified → Offer sent → Negotiation → Won; Lost is no stage of the
 *   funnel. Every deal of the cohort reached Lead. (Every write through the
 *   store records the deal's stage in its history.)
 * - Days in a stage: from entering it to the deal's next change, summed
 *   over the deal's stays there; a stay that has not ended yet is not
 *   counted, nor a stage the deal skipped. Won has no days.
 * - Lost at a stage: the deal's last change was to Lost, from that stage
 *   (Lead if it was created lost).
 * - The sales cycle: days from the deal's first history entry to its first
 *   change to Won, for the cohort's deals that reached Won.
 * - The bottleneck: the stage whose step from the previous one converts
 *   furthest below the same step over the previous four quarters (the deals
 *   created in the twelve months before the period), if any step is below.
 * - The months: the twelve cohort months up to the period's last month (or
 *   this month, if the period ends later), each with its Lead → Won rate and
 *   median cycle.
 *
 * Money is never added across currencies: each stage's value is a list of
 * sums, one per currency. Figures that cannot be known (a conversion from
 * no deals, days with no finished stay) are KL_FUNNEL_UNKNOWN. */

#define KL_FUNNEL_UNKNOWN (-1.0)
#define KL_FUNNEL_TOP_REASONS 3
#define KL_FUNNEL_MONTHS 12

typedef enum {
  KL_FUNNEL_LEAD,
  KL_FUNNEL_CONTACTED,
  KL_FUNNEL_NEEDS,
  KL_FUNNEL_OFFER,
  KL_FUNNEL_NEGOTIATION,
  KL_FUNNEL_WON,
  KL_FUNNEL_N_STAGES
} KlFunnelStageId;

typedef struct {
  char   *currency;             /* ISO 4217 code */
  gint64  amount;               /* minor units */
} KlFunnelValue;

typedef struct {
  char  *reason;                /* as typed */
  guint  count;
} KlFunnelReason;

typedef struct {
  guint          reached;       /* cohort deals that reached this stage */
  KlFunnelValue *values;        /* their amounts, one sum per currency, by code */
  guint          n_values;
  double         conversion;    /* reached / the previous stage's reached (0–1) */
  double         conversion_from_lead;
  double         usual_conversion; /* the same step over the previous four quarters */
  guint          timed;         /* deals with a finished stay in this stage */
  double         average_days;
  double         median_days;
  guint          lost;          /* cohort deals lost at this stage */
  KlFunnelReason top_reasons[KL_FUNNEL_TOP_REASONS]; /* most frequent first */
  guint          n_top_reasons;
} KlFunnelStage;

typedef struct {
  int    year;
  int    month;                 /* 1–12 */
  guint  leads;                 /* deals created in the month */
  guint  won;                   /* of them, those that reached Won */
  double rate;                  /* won / leads */
  double median_cycle_days;
} KlFunnelMonth;

typedef struct {
  char          *from;          /* "YYYY-MM-DD", inclusive */
  char          *to;            /* "YYYY-MM-DD", inclusive */
  gint64         manager_id;    /* 0: every manager */
  char          *currency;      /* NULL: every currency */

  guint          cohort;        /* = stages[KL_FUNNEL_LEAD].reached */
  KlFunnelStage  stages[KL_FUNNEL_N_STAGES];
  double         ratio;         /* leads per won deal: the N of "N : 1" */
  guint          cycle_deals;   /* won deals whose cycle is known */
  double         median_cycle_days;
  int            bottleneck;    /* a KlFunnelStageId (Contacted…Won), or -1 */
  KlFunnelMonth  months[KL_FUNNEL_MONTHS]; /* oldest first */

  /*< private >*/
  gatomicrefcount ref_count;
} KlFunnel;

/* One deal of a funnel's stage (kl_funnel_stage_deals()). */
typedef struct {
  gint64  id;
  gint64  client_id;
  char   *title;
  char   *client_name;
  char   *stage;                /* its stage now, as stored */
  gint64  amount;
  char   *currency;
  char   *created_at;
} KlFunnelDeal;

void        kl_funnel_deal_free       (KlFunnelDeal  *deal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlFunnelDeal, kl_funnel_deal_free)

#define KL_TYPE_FUNNEL (kl_funnel_get_type ())
GType       kl_funnel_get_type        (void) G_GNUC_CONST;

KlFunnel   *kl_funnel_new             (const char    *from,
                                       const char    *to);
KlFunnel   *kl_funnel_compute         (KlDatabase    *db,
                                       const char    *from,
                                       const char    *to,
                                       gint64         manager_id,
                                       const char    *currency,
                                       GCancellable  *cancellable,
                                       GError       **error);
KlFunnel   *kl_funnel_ref             (KlFunnel      *self);
void        kl_funnel_unref           (KlFunnel      *self);

gboolean    kl_funnel_is_empty        (const KlFunnel *self);
gint64      kl_funnel_stage_value     (const KlFunnel *self,
                                       KlFunnelStageId stage,
                                       const char    *currency);
const char *kl_funnel_stage_name      (KlFunnelStageId stage);
const char *kl_funnel_stage_label     (KlFunnelStageId stage);

GPtrArray  *kl_funnel_stage_deals     (KlDatabase    *db,
                                       const KlFunnel *funnel,
                                       KlFunnelStageId stage,
                                       guint          limit,
                                       GError       **error);
void        kl_funnel_quarter         (const char    *day,
                                       int            offset,
                                       char         **from,
                                       char         **to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlFunnel, kl_funnel_unref)

G_END_DECLS
