/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kl-session.h"

G_BEGIN_DECLS

/* What clients owe: open invoices, their ageing, the debtors, the credit
 * check.
 *
 * - An invoice is open while it is issued (not cancelled) and its payments
 *   (invoices.paid, kept by triggers) add up to less than its amount; what
 *   it still owes is the amount minus the payments, partial ones included.
 *   An overpaid invoice owes nothing and pays no other. Every recorded
 *   payment counts, whatever its date.
 * - Days past due are the days from the due date to "today": an invoice
 *   due today is 0 days past due and not overdue yet. The buckets are
 *   "not due yet" (0 days or less), 1–30, 31–60, 61–90 and more than 90
 *   days past due; overdue is the sum of the last four.
 * - Money is never added across currencies: every figure is per currency.
 * - "today" is "YYYY-MM-DD", or NULL for the real local day. */

typedef enum {
  KL_AGEING_NOT_DUE,
  KL_AGEING_1_30,
  KL_AGEING_31_60,
  KL_AGEING_61_90,
  KL_AGEING_OVER_90,
  KL_AGEING_N_BUCKETS
} KlAgeingBucket;

typedef struct {
  char   currency[4];                     /* ISO 4217 code */
  gint64 buckets[KL_AGEING_N_BUCKETS];    /* minor units */
  gint64 balance;                         /* everything open */
  gint64 overdue;                         /* past due: the buckets after NOT_DUE */
  guint  n_invoices;                      /* open invoices */
  guint  n_clients;                       /* clients owing (only in totals) */
} KlAgeing;

KlAgeingBucket  kl_ageing_bucket_for_days (int           days_past_due);
const char     *kl_ageing_bucket_label    (KlAgeingBucket bucket);

/* One KlAgeing per currency owed, by currency code: of one client when
 * @client_id is not 0, else of every client (with n_clients). */
GArray         *kl_receivables_ageing     (KlDatabase   *database,
                                           gint64        client_id,
                                           const char   *today,
                                           GError      **error);

/* One client's ageing in one currency (kl_receivables_ageing_foreach_client) */
typedef struct {
  gint64      client_id;
  const char *name;
  const char *tax_id;                     /* NULL when none */
  KlAgeing    ageing;
} KlClientAgeing;

/* Called for each row; FALSE stops the reading (a cancel). */
typedef gboolean (*KlClientAgeingFunc) (const KlClientAgeing *row,
                                        gpointer              user_data);

/* The ageing of every client owing something (of @manager_id's clients
 * when not 0), one row per client and currency, by the clients' sort key
 * and then currency: the rows kl_receivables_ageing() sums, read one at a
 * time so that memory does not grow with the clients. */
gboolean        kl_receivables_ageing_foreach_client (KlDatabase          *database,
                                                      gint64               manager_id,
                                                      const char          *today,
                                                      KlClientAgeingFunc   func,
                                                      gpointer             user_data,
                                                      GError             **error);

/* The balance in @currency of one client: what its open invoices in that
 * currency still owe, leaving out @except_invoice_id's (0 for none). */
gint64          kl_receivables_balance    (KlDatabase   *database,
                                           gint64        client_id,
                                           const char   *currency,
                                           gint64        except_invoice_id,
                                           GError      **error);

/* The credit check before saving a contract, an offer or an invoice of
 * @amount in @currency for a client (for an invoice already stored, its
 * id as @except_invoice_id, so that it is not counted twice). */
typedef enum {
  KL_CREDIT_OK         = 0,
  KL_CREDIT_OVER_LIMIT = 1 << 0,  /* the client's balance in its currency plus
                                   * @amount would exceed its credit limit
                                   * (a limit of 0 is no limit) */
  KL_CREDIT_ARREARS    = 1 << 1,  /* it owes something more than 60 days past due */
} KlCreditProblems;

#define KL_CREDIT_ARREARS_DAYS 60

KlCreditProblems kl_credit_check          (KlDatabase   *database,
                                           gint64        client_id,
                                           gint64        amount,
                                           const char   *currency,
                                           gint64        except_invoice_id,
                                           const char   *today,
                                           char        **reason,
                                           GError      **error);

/* Logs a payment reminder: a done activity of @kind ("call" or "email")
 * on the client, now, and the client's last_reminder_at. One transaction,
 * through the activities store. Returns the activity's id, 0 on error. */
gint64          kl_receivables_send_reminder (KlSession   *session,
                                              gint64       client_id,
                                              const char  *kind,
                                              GError     **error);
char           *kl_receivables_last_reminder (KlDatabase  *database,
                                              gint64       client_id,
                                              GError     **error);

/* One invoice as the client card lists it. */
typedef struct {
  gint64  id;
  char   *number;
  char   *issue_date;
  char   *due_date;
  gint64  amount;
  gint64  paid;                           /* its payments so far */
  char    currency[4];
  char   *status;                         /* "issued" or "cancelled" */
} KlInvoiceLine;

/* The client's invoices, the latest issued first, at most @limit (0: all). */
GPtrArray      *kl_receivables_client_invoices (KlDatabase *database,
                                                gint64      client_id,
                                                guint       limit,
                                                GError    **error);
/* One invoice's line; NULL with @error when it is gone. */
KlInvoiceLine  *kl_invoice_line_load      (KlDatabase   *database,
                                           gint64        invoice_id,
                                           GError      **error);
void            kl_invoice_line_free      (KlInvoiceLine *line);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlInvoiceLine, kl_invoice_line_free)

/* Days from @from to @to, both "YYYY-MM-DD" (negative when @to is earlier). */
int             kl_days_between           (const char   *from,
                                           const char   *to);
/* @iso moved by @days, "YYYY-MM-DD". */
char           *kl_date_add_days          (const char   *iso,
                                           int           days);

G_END_DECLS
