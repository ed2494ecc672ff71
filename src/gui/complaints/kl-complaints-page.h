/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-complaint-stats.h"
#include "kl-page.h"
#include "kl-query-list.h"

G_BEGIN_DECLS

#define KL_TYPE_COMPLAINTS_PAGE (kl_complaints_page_get_type ())
G_DECLARE_FINAL_TYPE (KlComplaintsPage, kl_complaints_page, KL, COMPLAINTS_PAGE, KlPage)

KlQueryList      *kl_complaints_page_get_list  (KlComplaintsPage *self);
KlComplaintStats *kl_complaints_page_get_stats (KlComplaintsPage *self);

G_END_DECLS
