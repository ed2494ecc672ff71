/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The complaints received per month and category, one row per month that
 * has any: "YYYY-MM", then a count per category in the order of
 * kl_complaint_categories (quality, delivery, billing, service,
 * documentation, other), then the month's total. Parameters :from and :to
 * (ISO dates, both included); @WHERE_ is one more condition on "x".
 * The analysis view (kl-complaint-stats.c) and the workbook's Complaints
 * sheet (kl-report-data.c) both count with it. */
#define KL_SQL_COMPLAINTS_BY_MONTH(WHERE_) \
  "SELECT substr (x.received_date, 1, 7) AS month," \
  " sum(x.category = 'quality'), sum(x.category = 'delivery'), sum(x.category = 'billing')," \
  " sum(x.category = 'service'), sum(x.category = 'documentation'), sum(x.category = 'other')," \
  " count(*)" \
  " FROM complaints x" \
  " WHERE x.received_date BETWEEN :from AND :to AND " WHERE_ \
  " GROUP BY month ORDER BY month"
