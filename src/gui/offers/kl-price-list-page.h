/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-page.h"
#include "kl-query-list.h"

G_BEGIN_DECLS

#define KL_TYPE_PRICE_LIST_PAGE (kl_price_list_page_get_type ())
G_DECLARE_FINAL_TYPE (KlPriceListPage, kl_price_list_page, KL, PRICE_LIST_PAGE, KlPage)

KlQueryList *kl_price_list_page_get_list   (KlPriceListPage *self);
void         kl_price_list_page_import_file (KlPriceListPage *self,
                                             GFile           *file);

G_END_DECLS
