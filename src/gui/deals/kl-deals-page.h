/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-page.h"
#include "kl-pipeline-board.h"
#include "kl-query-list.h"

G_BEGIN_DECLS

#define KL_TYPE_DEALS_PAGE (kl_deals_page_get_type ())
G_DECLARE_FINAL_TYPE (KlDealsPage, kl_deals_page, KL, DEALS_PAGE, KlPage)

KlQueryList     *kl_deals_page_get_list  (KlDealsPage *self);
void             kl_deals_page_set_view  (KlDealsPage *self,
                                          const char  *view);
const char      *kl_deals_page_get_view  (KlDealsPage *self);
KlPipelineBoard *kl_deals_page_get_board (KlDealsPage *self);

G_END_DECLS
