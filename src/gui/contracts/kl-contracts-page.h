/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-page.h"
#include "kl-query-list.h"

G_BEGIN_DECLS

#define KL_TYPE_CONTRACTS_PAGE (kl_contracts_page_get_type ())
G_DECLARE_FINAL_TYPE (KlContractsPage, kl_contracts_page, KL, CONTRACTS_PAGE, KlPage)

KlQueryList *kl_contracts_page_get_list (KlContractsPage *self);

G_END_DECLS
