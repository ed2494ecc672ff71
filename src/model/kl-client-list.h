/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kl-session.h"

G_BEGIN_DECLS

typedef enum {
  KL_CLIENT_SORT_NAME,
  KL_CLIENT_SORT_TAX_ID,
  KL_CLIENT_SORT_CITY,
  KL_CLIENT_SORT_SEGMENT,
  KL_CLIENT_SORT_STATUS,
  KL_CLIENT_SORT_MANAGER,
  KL_CLIENT_SORT_PHONE,
  KL_CLIENT_N_SORTS
} KlClientSort;

#define KL_TYPE_CLIENT_LIST (kl_client_list_get_type ())
G_DECLARE_FINAL_TYPE (KlClientList, kl_client_list, KL, CLIENT_LIST, GObject)

KlClientList *kl_client_list_new         (KlSession    *session);
void          kl_client_list_set_search  (KlClientList *self,
                                          const char   *text);
const char   *kl_client_list_get_search  (KlClientList *self);
void          kl_client_list_set_status  (KlClientList *self,
                                          const char   *status);
void          kl_client_list_set_sort    (KlClientList *self,
                                          KlClientSort  sort,
                                          gboolean      descending);
void          kl_client_list_reload      (KlClientList *self);
guint         kl_client_list_get_fetches (KlClientList *self);

G_END_DECLS
