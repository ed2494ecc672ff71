/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kl-receivables.h"
#include "kl-session.h"

G_BEGIN_DECLS

/* One debtor: a client owing something past due in one currency, with the
 * ageing of what it owes in that currency. */
#define KL_TYPE_DEBTOR (kl_debtor_get_type ())
G_DECLARE_FINAL_TYPE (KlDebtor, kl_debtor, KL, DEBTOR, GObject)

gint64      kl_debtor_get_client_id     (KlDebtor       *self);
const char *kl_debtor_get_name          (KlDebtor       *self);
const char *kl_debtor_get_currency      (KlDebtor       *self);
gint64      kl_debtor_get_bucket        (KlDebtor       *self,
                                         KlAgeingBucket  bucket);
gint64      kl_debtor_get_balance       (KlDebtor       *self);
gint64      kl_debtor_get_overdue       (KlDebtor       *self);
guint       kl_debtor_get_n_invoices    (KlDebtor       *self);
const char *kl_debtor_get_oldest_due    (KlDebtor       *self);
/* When the last payment reminder went out (ISO 8601), or NULL. */
const char *kl_debtor_get_last_reminder (KlDebtor       *self);

typedef enum {
  KL_DEBTOR_SORT_OVERDUE,
  KL_DEBTOR_SORT_NAME,
  KL_DEBTOR_SORT_BALANCE,
  KL_DEBTOR_SORT_NOT_DUE,
  KL_DEBTOR_SORT_1_30,
  KL_DEBTOR_SORT_31_60,
  KL_DEBTOR_SORT_61_90,
  KL_DEBTOR_SORT_OVER_90,
  KL_DEBTOR_SORT_OLDEST_DUE,
  KL_DEBTOR_SORT_LAST_REMINDER,
} KlDebtorSort;

/* The debtors in one currency: a GListModel of KlDebtor, by default by
 * overdue amount, largest first. One query reads them: a range of the
 * receivables table (schema migration 11, kl-receivables-sql.h), whose
 * buckets are first brought to the list's day; sorting again is done in
 * memory and reads nothing; the KlDebtor objects are made only for the
 * rows asked for. The list reads again when invoices, payments, clients
 * or activities change. */
#define KL_TYPE_DEBTOR_LIST (kl_debtor_list_get_type ())
G_DECLARE_FINAL_TYPE (KlDebtorList, kl_debtor_list, KL, DEBTOR_LIST, GObject)

KlDebtorList *kl_debtor_list_new          (KlSession    *session,
                                           const char   *currency,
                                           const char   *today);
void          kl_debtor_list_set_currency (KlDebtorList *self,
                                           const char   *currency);
const char   *kl_debtor_list_get_currency (KlDebtorList *self);
void          kl_debtor_list_set_today    (KlDebtorList *self,
                                           const char   *today);
void          kl_debtor_list_set_sort     (KlDebtorList *self,
                                           KlDebtorSort  sort,
                                           gboolean      descending);
KlDebtorSort  kl_debtor_list_get_sort     (KlDebtorList *self,
                                           gboolean     *descending);
void          kl_debtor_list_reload       (KlDebtorList *self);
/* The position of @client_id's row, or G_MAXUINT. */
guint         kl_debtor_list_find         (KlDebtorList *self,
                                           gint64        client_id);
/* How many times the list has read the database (for tests). */
guint         kl_debtor_list_get_loads    (KlDebtorList *self);

G_END_DECLS
