/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-page.h"
#include "kl-query-list.h"

G_BEGIN_DECLS

#define KL_TYPE_OFFERS_PAGE (kl_offers_page_get_type ())
G_DECLARE_FINAL_TYPE (KlOffersPage, kl_offers_page, KL, OFFERS_PAGE, KlPage)

KlQueryList *kl_offers_page_get_list (KlOffersPage *self);

G_END_DECLS
