/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-database.h"
#include "kl-receivables.h"

G_BEGIN_DECLS

/* What the director's reports read: one query per table of the workbook,
 * each read row by row through a KlReportCursor whose columns are the
 * enums below. Money is in minor units with its currency on the same row;
 * no query adds different currencies together. Dates are ISO text. */

typedef struct {
  const char *from;        /* ISO date, NULL: no lower bound */
  const char *to;          /* ISO date, NULL: no upper bound */
  gint64      manager_id;  /* 0: every manager */
  const char *today;       /* ISO date ages and expiries count from; NULL: today */
} KlReportScope;

typedef enum {
  /* The whole client base (of the manager), by name in Croatian order. */
  KL_REPORT_CLIENTS,
  /* Deals: every open one, and those won or lost in the period; by stage
   * (lead first), expected close, id. */
  KL_REPORT_DEALS,
  /* Open deals by month of expected close (within the period) and currency. */
  KL_REPORT_FORECAST,
  /* Contracts in force at some time in the period, by end date. */
  KL_REPORT_CONTRACTS,
  /* (Receivables: kl_receivables_ageing_foreach_client(), the model's
   * ageing.) */
  /* Complaints received in the period, counted per month and category. */
  KL_REPORT_COMPLAINTS,
  /* Per manager and week (from Monday): done calls, meetings, exhibitions
   * and events; new clients who came by referral. */
  KL_REPORT_ACTIVITIES,
  /* Per manager and currency: won, pipeline, forecast, overdue debt. */
  KL_REPORT_MANAGERS,
  /* Per manager and plan currency: the sales plans of the period's months
   * (up to the current one) against what was done in those months. */
  KL_REPORT_KPI,
  KL_REPORT_N_QUERIES
} KlReportQuery;

enum {
  KL_CLIENTS_COL_NAME,
  KL_CLIENTS_COL_KIND,
  KL_CLIENTS_COL_LEGAL_FORM,
  KL_CLIENTS_COL_TAX_ID,
  KL_CLIENTS_COL_COUNTRY,
  KL_CLIENTS_COL_POSTAL_CODE,
  KL_CLIENTS_COL_CITY,
  KL_CLIENTS_COL_ADDRESS,
  KL_CLIENTS_COL_PHONE,
  KL_CLIENTS_COL_EMAIL,
  KL_CLIENTS_COL_SEGMENT,
  KL_CLIENTS_COL_STATUS,
  KL_CLIENTS_COL_SOURCE,
  KL_CLIENTS_COL_CREDIT_RATING,
  KL_CLIENTS_COL_CREDIT_LIMIT,
  KL_CLIENTS_COL_CURRENCY,
  KL_CLIENTS_COL_PAYMENT_TERMS,
  KL_CLIENTS_COL_MANAGER,
  KL_CLIENTS_COL_LAST_CONTACT,
  KL_CLIENTS_COL_NEXT_ACTIVITY,
  KL_CLIENTS_COL_OPEN_PIPELINE,
  KL_CLIENTS_COL_OVERDUE_DEBT,
  KL_CLIENTS_COL_CREATED,
  KL_CLIENTS_N_COLS
};

enum {
  KL_DEALS_COL_CLIENT,
  KL_DEALS_COL_TITLE,
  KL_DEALS_COL_STAGE,
  KL_DEALS_COL_AMOUNT,
  KL_DEALS_COL_CURRENCY,
  KL_DEALS_COL_PROBABILITY,
  KL_DEALS_COL_WEIGHTED_X100,   /* amount × probability: minor units × 100 */
  KL_DEALS_COL_EXPECTED_CLOSE,
  KL_DEALS_COL_DAYS_IN_STAGE,
  KL_DEALS_COL_MANAGER,
  KL_DEALS_COL_CLOSED,
  KL_DEALS_N_COLS
};

enum {
  KL_FORECAST_COL_MONTH,        /* YYYY-MM */
  KL_FORECAST_COL_CURRENCY,
  KL_FORECAST_COL_DEALS,
  KL_FORECAST_COL_AMOUNT,
  KL_FORECAST_COL_WEIGHTED_X100,
  KL_FORECAST_N_COLS
};

enum {
  KL_CONTRACTS_COL_NUMBER,
  KL_CONTRACTS_COL_CLIENT,
  KL_CONTRACTS_COL_TAX_ID,
  KL_CONTRACTS_COL_TITLE,
  KL_CONTRACTS_COL_STATUS,
  KL_CONTRACTS_COL_SIGNED,
  KL_CONTRACTS_COL_START,
  KL_CONTRACTS_COL_END,
  KL_CONTRACTS_COL_DAYS_TO_EXPIRY,  /* NULL without an end date */
  KL_CONTRACTS_COL_AMOUNT,
  KL_CONTRACTS_COL_CURRENCY,
  KL_CONTRACTS_COL_AUTO_RENEW,
  KL_CONTRACTS_COL_NOTICE_DAYS,
  KL_CONTRACTS_COL_MANAGER,
  KL_CONTRACTS_N_COLS
};

enum {
  KL_COMPLAINTS_COL_MONTH,      /* YYYY-MM */
  KL_COMPLAINTS_COL_CATEGORY0,  /* + index in kl_complaint_categories */
  KL_COMPLAINTS_COL_TOTAL = KL_COMPLAINTS_COL_CATEGORY0 + 6,
  KL_COMPLAINTS_N_COLS
};

enum {
  KL_ACTIVITIES_COL_MANAGER,    /* NULL: no manager */
  KL_ACTIVITIES_COL_WEEK,       /* the Monday */
  KL_ACTIVITIES_COL_CALLS,
  KL_ACTIVITIES_COL_MEETINGS,
  KL_ACTIVITIES_COL_EVENTS,
  KL_ACTIVITIES_COL_REFERRALS,
  KL_ACTIVITIES_N_COLS
};

enum {
  KL_MANAGERS_COL_MANAGER,      /* NULL: no manager */
  KL_MANAGERS_COL_CURRENCY,
  KL_MANAGERS_COL_WON_DEALS,
  KL_MANAGERS_COL_WON,
  KL_MANAGERS_COL_OPEN_DEALS,
  KL_MANAGERS_COL_PIPELINE,
  KL_MANAGERS_COL_FORECAST_X100,
  KL_MANAGERS_COL_OVERDUE_DEBT,
  KL_MANAGERS_N_COLS
};

enum {
  KL_KPI_COL_MANAGER,
  KL_KPI_COL_CURRENCY,
  KL_KPI_COL_FIRST_MONTH,
  KL_KPI_COL_LAST_MONTH,
  KL_KPI_COL_REVENUE_TARGET,
  KL_KPI_COL_REVENUE,
  KL_KPI_COL_DEALS_TARGET,
  KL_KPI_COL_DEALS,
  KL_KPI_COL_MEETINGS_TARGET,
  KL_KPI_COL_MEETINGS,
  KL_KPI_COL_CALLS_TARGET,
  KL_KPI_COL_CALLS,
  KL_KPI_COL_NEW_CLIENTS_TARGET,
  KL_KPI_COL_NEW_CLIENTS,
  KL_KPI_N_COLS
};

typedef struct _KlReportCursor KlReportCursor;

/* Opens a read transaction, so that every query until
 * kl_report_snapshot_end() reads the same state of the database. Brings
 * the clients' overdue debts up to today first, as the window does. */
gboolean        kl_report_snapshot_begin  (KlDatabase          *database,
                                           GError             **error);
void            kl_report_snapshot_end    (KlDatabase          *database);

KlReportCursor *kl_report_cursor_new      (KlDatabase          *database,
                                           KlReportQuery        query,
                                           const KlReportScope *scope,
                                           GError             **error);
/* The rows of @query (KL_REPORT_CLIENTS, _DEALS or _CONTRACTS) with
 * exactly these ids in this order, whatever the scope's period and manager
 * (a list as the window shows it); ids that no longer exist are skipped.
 * @ids must live as long as the cursor. */
KlReportCursor *kl_report_cursor_new_list (KlDatabase          *database,
                                           KlReportQuery        query,
                                           const KlReportScope *scope,
                                           const gint64        *ids,
                                           guint                n_ids,
                                           GError             **error);
gboolean        kl_report_query_has_list  (KlReportQuery        query);
/* Moves to the next row: FALSE at the end, or with @error set. */
gboolean        kl_report_cursor_next     (KlReportCursor      *cursor,
                                           GError             **error);
/* NULL for SQL NULL (and for ''). */
const char     *kl_report_cursor_get_text (KlReportCursor      *cursor,
                                           guint                column);
gint64          kl_report_cursor_get_int  (KlReportCursor      *cursor,
                                           guint                column);
gboolean        kl_report_cursor_is_null  (KlReportCursor      *cursor,
                                           guint                column);
void            kl_report_cursor_free     (KlReportCursor      *cursor);

/* How many rows the query gives (for progress). */
gint64          kl_report_count           (KlDatabase          *database,
                                           KlReportQuery        query,
                                           const KlReportScope *scope,
                                           GError             **error);

/* The day the first deal was created (ISO), or NULL when there is none:
 * the start of a period of "all dates". */
char           *kl_report_first_deal_day  (KlDatabase          *database);

/* The name of a manager, or NULL. */
char           *kl_report_manager_name    (KlDatabase          *database,
                                           gint64               manager_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlReportCursor, kl_report_cursor_free)

G_END_DECLS
