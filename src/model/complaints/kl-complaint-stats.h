/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-database.h"

G_BEGIN_DECLS

/* The complaints analysis: what the Complaints section's Analysis view
 * shows and draws (kl-complaint-chart.c). Plain data, reference counted. */

#define KL_COMPLAINT_N_CATEGORIES 6   /* kl_complaint_categories */
#define KL_COMPLAINT_STATS_MAX_MONTHS 120

typedef struct {
  int   year;
  int   month;                                  /* 1 … 12 */
  guint counts[KL_COMPLAINT_N_CATEGORIES];      /* received, by category */
  guint total;
} KlComplaintMonth;

typedef struct {
  /* Every month of the period, first to last, those with none included. */
  KlComplaintMonth *months;
  guint             n_months;
  guint             totals[KL_COMPLAINT_N_CATEGORIES];
  guint             total;
  /* Resolved (not rejected) with their resolution date in the period, and
   * the mean of their whole days from receipt to resolution. */
  guint             resolved;
  double            average_days;               /* 0 when none */
  /* Open now (new or in progress), whenever received, and those of them
   * received more than KL_COMPLAINT_OLD_DAYS days before today. */
  guint             open;
  guint             old_open;
} KlComplaintStats;

KlComplaintStats *kl_complaint_stats_compute (KlDatabase        *db,
                                              const char        *from,
                                              const char        *to,
                                              const char        *today,
                                              gint64             manager_id,
                                              GError           **error);
KlComplaintStats *kl_complaint_stats_ref     (KlComplaintStats  *self);
void              kl_complaint_stats_unref   (KlComplaintStats  *self);

/* The twelve months ending with @today's: first day of the first, and
 * @today's month's last day (each 11 bytes). @today NULL: the real one. */
void              kl_complaint_stats_year_to (const char        *today,
                                              char              *from,
                                              char              *to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlComplaintStats, kl_complaint_stats_unref)

G_END_DECLS
