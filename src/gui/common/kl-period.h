/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The periods a report page picks from, in the order of its picker. */
typedef enum {
  KL_PERIOD_THIS_QUARTER,
  KL_PERIOD_LAST_QUARTER,
  KL_PERIOD_THIS_YEAR,
  KL_PERIOD_LAST_12_MONTHS,
} KlPeriod;

/* The period picker: a drop-down of the KlPeriods in the user's language,
 * named "Period" for screen readers, @tooltip (nullable) saying what
 * falls in the period; its "selected" is a KlPeriod. */
GtkWidget *kl_period_picker_new (const char  *tooltip);

void       kl_period_range      (KlPeriod     period,
                                 const char  *today,
                                 int          back,
                                 char       **from,
                                 char       **to);

G_END_DECLS
