/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-receivables.h"

G_BEGIN_DECLS

/* The open invoices, as the partial index invoices_open (schema migration
 * 5) covers them: the WHERE must say exactly this for SQLite to use it. */
#define KL_RECEIVABLES_OPEN "i.status = 'issued' AND i.paid < i.amount"
#define KL_RECEIVABLES_OWED "(i.amount - i.paid)"

/* The bucket of an invoice by its due date, against the first due date of
 * each bucket, bound as ?1 (today), ?2 (today − 30), ?3 (− 60), ?4 (− 90):
 * string comparisons of ISO dates, no date arithmetic per row. */
#define KL_RECEIVABLES_BUCKET_SUMS \
  " sum(CASE WHEN i.due_date >= ?1 THEN " KL_RECEIVABLES_OWED " ELSE 0 END)," \
  " sum(CASE WHEN i.due_date < ?1 AND i.due_date >= ?2 THEN " KL_RECEIVABLES_OWED " ELSE 0 END)," \
  " sum(CASE WHEN i.due_date < ?2 AND i.due_date >= ?3 THEN " KL_RECEIVABLES_OWED " ELSE 0 END)," \
  " sum(CASE WHEN i.due_date < ?3 AND i.due_date >= ?4 THEN " KL_RECEIVABLES_OWED " ELSE 0 END)," \
  " sum(CASE WHEN i.due_date < ?4 THEN " KL_RECEIVABLES_OWED " ELSE 0 END)," \
  " count(*)"

/* Binds ?1 … ?4 of KL_RECEIVABLES_BUCKET_SUMS for @today (NULL: the real
 * today); FALSE when @today is not a date. */
gboolean _kl_receivables_bind_buckets (sqlite3_stmt *stmt,
                                       const char   *today);

/* Reads the columns of KL_RECEIVABLES_BUCKET_SUMS from @first on. */
void     _kl_receivables_read_ageing  (sqlite3_stmt *stmt,
                                       int           first,
                                       KlAgeing     *ageing);

/* Moves the buckets of the receivables table (kl-receivables-sql.h) to
 * @today (NULL: the real today) when they hold for another day; FALSE
 * with @error when they cannot be written (a read-only database). */
gboolean _kl_receivables_catch_up     (KlDatabase   *database,
                                       const char   *today,
                                       GError      **error);

G_END_DECLS
