/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-page.h"
#include "kl-query-list.h"

G_BEGIN_DECLS

#define KL_TYPE_COMPETITORS_PAGE (kl_competitors_page_get_type ())
G_DECLARE_FINAL_TYPE (KlCompetitorsPage, kl_competitors_page, KL, COMPETITORS_PAGE, KlPage)

KlQueryList *kl_competitors_page_get_list (KlCompetitorsPage *self);

G_END_DECLS
