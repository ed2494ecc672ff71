/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-page.h"

G_BEGIN_DECLS

#define KL_TYPE_CLIENTS_PAGE (kl_clients_page_get_type ())

/* No row of the list is shorter (6 + 6 pixels of padding around a line of
 * small text): until its first frame, the list is given as many rows of
 * this height as the tallest monitor holds. */
#define KL_CLIENTS_PAGE_MIN_ROW_HEIGHT 24
G_DECLARE_FINAL_TYPE (KlClientsPage, kl_clients_page, KL, CLIENTS_PAGE, KlPage)

GtkWidget *kl_clients_page_new         (KlSession     *session);
KlSession *kl_clients_page_get_session (KlClientsPage *self);
void       kl_clients_page_set_session (KlClientsPage *self,
                                        KlSession     *session);

void           kl_clients_page_export_list_to (KlClientsPage *self,
                                               const char    *path);

G_END_DECLS
