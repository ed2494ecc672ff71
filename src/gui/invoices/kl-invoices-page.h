/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-debtor-list.h"
#include "kl-page.h"

G_BEGIN_DECLS

#define KL_TYPE_INVOICES_PAGE (kl_invoices_page_get_type ())
G_DECLARE_FINAL_TYPE (KlInvoicesPage, kl_invoices_page, KL, INVOICES_PAGE, KlPage)

/* For tests: the debtors shown and the ageing totals' rows. */
KlDebtorList *kl_invoices_page_get_debtors     (KlInvoicesPage *self);
GtkSelectionModel *kl_invoices_page_get_selection (KlInvoicesPage *self);
/* The text of the ageing table's cell at @row (0: headings), @column. */
const char   *kl_invoices_page_get_ageing_text (KlInvoicesPage *self,
                                                int             row,
                                                int             column);

G_END_DECLS
