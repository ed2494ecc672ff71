/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * What each client owes in each currency, one row of `receivables` per
 * client and currency with an open invoice (schema migration 11), kept by
 * triggers on invoices (payments reach it through invoices.paid) and on
 * the clients' names, so that the debtors list reads one range of rows
 * instead of grouping the open invoices (kl-debtor-list.c).
 *
 * An invoice is open while it is issued and paid less than its amount
 * (the partial index invoices_open); what it owes is amount − paid.
 *
 *  oldest_due        the earliest due date of the open invoices
 *  balance           what they owe together
 *  n_invoices        how many are open
 *  not_due …         what they owe by days past due on the day in
 *  over_90           receivables_day: not due yet, 1–30, 31–60, 61–90, over 90
 *  next_change       the first day after that one on which an open invoice
 *                    moves to another bucket (its due date + 1, 31, 61 or
 *                    91 days); NULL when all of them are over 90 days
 *  name, sort_key,   the client's, for the list to show and sort by
 *  last_reminder_at
 *
 * Everything but the buckets and next_change is the same whatever the day.
 * The buckets hold for one day, receivables_day.day, the same for every
 * row: a reader for another day first moves it (KL_SQL_RECEIVABLES_CATCH_UP):
 * forward, only the rows whose next_change has come are recomputed (an
 * index range); backward, every row is.
 */

/* The bucket boundaries of receivables_day.day, as the receivables
 * statements join them: d.day, d.d30, d.d60, d.d90 (ISO dates). */
#define KL_SQL_RECEIVABLES_DAYS \
  "(SELECT day, date (day, '-30 days') AS d30, date (day, '-60 days') AS d60," \
  " date (day, '-90 days') AS d90 FROM receivables_day) d"

#define KL_SQL_RECEIVABLES_OWED "(i.amount - i.paid)"

/* The buckets' sums and next_change of the open invoices i against d. */
#define KL_SQL_RECEIVABLES_BUCKETS \
  " sum (CASE WHEN i.due_date >= d.day THEN " KL_SQL_RECEIVABLES_OWED " ELSE 0 END)," \
  " sum (CASE WHEN i.due_date < d.day AND i.due_date >= d.d30 THEN " KL_SQL_RECEIVABLES_OWED " ELSE 0 END)," \
  " sum (CASE WHEN i.due_date < d.d30 AND i.due_date >= d.d60 THEN " KL_SQL_RECEIVABLES_OWED " ELSE 0 END)," \
  " sum (CASE WHEN i.due_date < d.d60 AND i.due_date >= d.d90 THEN " KL_SQL_RECEIVABLES_OWED " ELSE 0 END)," \
  " sum (CASE WHEN i.due_date < d.d90 THEN " KL_SQL_RECEIVABLES_OWED " ELSE 0 END)," \
  " min (CASE WHEN i.due_date >= d.day THEN date (i.due_date, '+1 day')" \
  "           WHEN i.due_date >= d.d30 THEN date (i.due_date, '+31 days')" \
  "           WHEN i.due_date >= d.d60 THEN date (i.due_date, '+61 days')" \
  "           WHEN i.due_date >= d.d90 THEN date (i.due_date, '+91 days') END)"

#define KL_SQL_RECEIVABLES_OPEN "i.status = 'issued' AND i.paid < i.amount"

#define KL_SQL_RECEIVABLES_COLUMNS \
  "client_id, currency, oldest_due, balance, n_invoices," \
  " not_due, d1_30, d31_60, d61_90, over_90, next_change," \
  " name, sort_key, last_reminder_at"

/* Rows of the open invoices WHERE_ (a condition on i), one per client and
 * currency, in KL_SQL_RECEIVABLES_COLUMNS' order. */
#define KL_SQL_RECEIVABLES_SELECT(WHERE_) \
  "SELECT i.client_id, i.currency, min (i.due_date), sum (" KL_SQL_RECEIVABLES_OWED "), count (*)," \
  KL_SQL_RECEIVABLES_BUCKETS "," \
  " c.name, c.sort_key, c.last_reminder_at" \
  " FROM " KL_SQL_RECEIVABLES_DAYS ", invoices i INDEXED BY invoices_open, clients c" \
  " WHERE " KL_SQL_RECEIVABLES_OPEN " AND " WHERE_ " AND c.id = i.client_id" \
  " GROUP BY i.client_id, i.currency"

/* Recomputes the row of one client (CLIENT_) and currency (CURRENCY_),
 * SQL expressions that may name NEW or OLD inside a trigger. */
#define KL_SQL_REFRESH_RECEIVABLES(CLIENT_, CURRENCY_) \
  "DELETE FROM receivables WHERE client_id = " CLIENT_ " AND currency = " CURRENCY_ ";" \
  "INSERT INTO receivables (" KL_SQL_RECEIVABLES_COLUMNS ") " \
  KL_SQL_RECEIVABLES_SELECT ("i.currency = " CURRENCY_ " AND i.client_id = " CLIENT_) ";"

/* Every row again, from scratch. */
#define KL_SQL_FILL_RECEIVABLES \
  "DELETE FROM receivables;" \
  "INSERT INTO receivables (" KL_SQL_RECEIVABLES_COLUMNS ") " \
  KL_SQL_RECEIVABLES_SELECT ("1") ";"

/* Recomputes the buckets of the rows WHERE_ (a condition on r) for
 * receivables_day.day: after it moved forward to ?1, "r.next_change <= ?1";
 * after it moved back, "1". */
#define KL_SQL_RECEIVABLES_CATCH_UP(WHERE_) \
  "UPDATE receivables AS r SET (not_due, d1_30, d31_60, d61_90, over_90, next_change) =" \
  " (SELECT " KL_SQL_RECEIVABLES_BUCKETS \
  "  FROM " KL_SQL_RECEIVABLES_DAYS ", invoices i INDEXED BY invoices_open" \
  "  WHERE i.currency = r.currency AND i.client_id = r.client_id AND " KL_SQL_RECEIVABLES_OPEN ")" \
  " WHERE " WHERE_
