/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-complaint-stats.h"
#include "kl-page.h"
#include "kl-period.h"
#include "kl-query-list.h"

G_BEGIN_DECLS

#define KL_TYPE_COMPLAINTS_PAGE (kl_complaints_page_get_type ())
G_DECLARE_FINAL_TYPE (KlComplaintsPage, kl_complaints_page, KL, COMPLAINTS_PAGE, KlPage)

KlQueryList      *kl_complaints_page_get_list  (KlComplaintsPage *self);
KlComplaintStats *kl_complaints_page_get_stats (KlComplaintsPage *self);
void              kl_complaints_page_set_period (KlComplaintsPage *self,
                                                 KlPeriod          period);
void              kl_complaints_page_set_today  (KlComplaintsPage *self,
                                                 const char       *today);
GtkDropDown      *kl_complaints_page_get_period_picker (KlComplaintsPage *self);

G_END_DECLS
