/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kl-session.h"

G_BEGIN_DECLS

/* The columns the list sorts on. Each sorts in SQL on an index, then by
 * name (Croatian order), then by row id. Ascending puts empty values last
 * (no tax ID, no city, nothing planned…), except "last contact", where
 * never contacted counts as longest ago and comes first. */
typedef enum {
  KL_CLIENT_SORT_NAME,
  KL_CLIENT_SORT_TAX_ID,
  KL_CLIENT_SORT_CITY,
  KL_CLIENT_SORT_SEGMENT,
  KL_CLIENT_SORT_STATUS,        /* prospect, active, key, inactive, lost */
  KL_CLIENT_SORT_MANAGER,
  KL_CLIENT_SORT_PHONE,
  KL_CLIENT_SORT_LAST_CONTACT,
  KL_CLIENT_SORT_NEXT_ACTIVITY,
  KL_CLIENT_SORT_OPEN_PIPELINE,
  KL_CLIENT_SORT_OVERDUE_DEBT,
  KL_CLIENT_N_SORTS
} KlClientSort;

/* The "no contact" filter: no done activity in this many days. */
#define KL_CLIENT_NO_CONTACT_DAYS 30

/* kl_client_list_set_manager(): clients that have no manager. */
#define KL_CLIENT_LIST_NO_MANAGER ((gint64) -1)

/* Every filter at once, e.g. to restore saved choices with one query.
 * NULL strings and 0 mean "any". */
typedef struct {
  const char *search;
  const char *status;
  const char *segment;
  const char *source;
  gint64      manager_id;   /* a manager, KL_CLIENT_LIST_NO_MANAGER or 0 */
  gboolean    overdue;      /* only clients with overdue debt */
  gboolean    no_contact;   /* only clients not contacted in KL_CLIENT_NO_CONTACT_DAYS */
} KlClientFilter;

/* Stable names of the sorts, for settings: "name", "tax-id", "city",
 * "segment", "status", "manager-name", "phone", "last-contact",
 * "next-activity", "open-pipeline", "overdue-debt" (the KlClient property
 * each column shows). */
const char   *kl_client_sort_to_string      (KlClientSort    sort);
gboolean      kl_client_sort_from_string    (const char     *name,
                                             KlClientSort   *sort);

#define KL_TYPE_CLIENT_LIST (kl_client_list_get_type ())
G_DECLARE_FINAL_TYPE (KlClientList, kl_client_list, KL, CLIENT_LIST, GObject)

KlClientList *kl_client_list_new            (KlSession      *session);

void          kl_client_list_set_search     (KlClientList   *self,
                                             const char     *text);
const char   *kl_client_list_get_search     (KlClientList   *self);
void          kl_client_list_set_status     (KlClientList   *self,
                                             const char     *status);
const char   *kl_client_list_get_status     (KlClientList   *self);
void          kl_client_list_set_segment    (KlClientList   *self,
                                             const char     *segment);
const char   *kl_client_list_get_segment    (KlClientList   *self);
void          kl_client_list_set_source     (KlClientList   *self,
                                             const char     *source);
const char   *kl_client_list_get_source     (KlClientList   *self);
void          kl_client_list_set_manager    (KlClientList   *self,
                                             gint64          manager_id);
gint64        kl_client_list_get_manager    (KlClientList   *self);
void          kl_client_list_set_overdue    (KlClientList   *self,
                                             gboolean        overdue);
gboolean      kl_client_list_get_overdue    (KlClientList   *self);
void          kl_client_list_set_no_contact (KlClientList   *self,
                                             gboolean        no_contact);
gboolean      kl_client_list_get_no_contact (KlClientList   *self);
void          kl_client_list_set_filter     (KlClientList   *self,
                                             const KlClientFilter *filter);
void          kl_client_list_get_filter     (KlClientList   *self,
                                             KlClientFilter *filter);

void          kl_client_list_set_sort       (KlClientList   *self,
                                             KlClientSort    sort,
                                             gboolean        descending);
KlClientSort  kl_client_list_get_sort       (KlClientList   *self);
gboolean      kl_client_list_get_descending (KlClientList   *self);

void          kl_client_list_set_hidden     (KlClientList   *self,
                                             GArray         *ids);

void          kl_client_list_reload         (KlClientList   *self);

guint         kl_client_list_get_fetches    (KlClientList   *self);
/* The id of every client of the list, in its order (an export of exactly
 * what the list shows). */
GArray       *kl_client_list_get_ids        (KlClientList   *self);

G_END_DECLS
