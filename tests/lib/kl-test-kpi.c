/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kl-test-kpi.h"

/* March 2026 starts on a Sunday: 22 working days, 10 of them up to Friday
 * the 13th. Week 10 is 2–6 March, week 11 is 9–13 March.
 *
 * Ana (1), done activities in March: calls 6, meetings 6, events 2
 * (exhibition on the 6th, event on the 11th), referrals asked 2.
 *   Days: 2 call, 3 meeting, 4 call, 5 meeting | 9 call, 10 mixed,
 *   11 meeting: 3 call days, 3 meeting days, 5 pairs, 3 switches.
 *   Not counted: a planned call and a cancelled meeting on the 12th, calls
 *   on 27 February (counted in the quarter) and 1 April.
 * Boris (2): meetings on the 2nd and 3rd, a call on the 4th (2 pairs, 1
 *   switch), an e-mail and an exhibition on the 6th.
 *
 * Clients from a referral: Ana's on 5 March (and one on 20 February),
 * Boris's on the evening of 31 March; a website client of Ana's.
 *
 * Deals (created, stage, closed):
 *   1 Ana EUR 1 000.00, 10 Jan, won 10 Mar
 *   2 Ana EUR   500.00,  2 Mar, won 12 Mar
 *   3 Ana RUB 30 000.00, 1 Feb, won: no closed_date, history Won 5 Mar
 *   4 Ana, 3 Mar, offer, decision maker reached
 *   5 Ana, 15 Feb, needs, not reached
 *   6 Ana, 20 Mar, lead, reached
 *   7 Ana, 4 Mar, lost
 *   8 Ana, 2 Apr, open, not reached (after March)
 *   9 Boris EUR 700.00, 5 Mar, won 25 Mar
 *  10 Boris, 6 Mar, contacted, not reached
 *  11 Ana EUR 200.00, 1 Feb, won 28 Feb (in the quarter, not in March)
 *
 * Plans: Ana March EUR 2 000.00, calls 44, meetings 22, events 2,
 * referrals asked 4, received 2, decision maker 60 %, meetings per deal
 * 3, conversion 20 %, alternation 50 %. Ana February EUR 1 000.00, calls
 * 40, meetings 20, decision maker 80 %. Boris March EUR 800.00, calls 22,
 * meetings 44, events 1, decision maker 80 %. Ana April EUR 5 000.00. */
static const char fill_sql[] =
  "INSERT INTO managers (id, name, created_at, updated_at) VALUES"
  " (1, 'Ana Horvat', '2025-01-01T00:00:00', '2025-01-01T00:00:00'),"
  " (2, 'Boris Petrov', '2025-01-01T00:00:00', '2025-01-01T00:00:00');"
  "INSERT INTO clients (id, name, source, manager_id, created_at, updated_at) VALUES"
  " (1, 'Alfa d.o.o.', 'referral', 1, '2026-03-05T10:00:00', '2026-03-05T10:00:00'),"
  " (2, 'Beta d.o.o.', 'referral', 1, '2026-02-20T10:00:00', '2026-02-20T10:00:00'),"
  " (3, 'Gama d.o.o.', 'website', 1, '2026-03-06T10:00:00', '2026-03-06T10:00:00'),"
  " (4, 'Delta OOO', 'referral', 2, '2026-03-31T17:00:00', '2026-03-31T17:00:00'),"
  " (5, 'Epsilon d.d.', NULL, 1, '2025-06-01T10:00:00', '2025-06-01T10:00:00');"
  "INSERT INTO activities (kind, client_id, manager_id, subject, starts_at, status, done_at,"
  " referral_asked, created_at, updated_at) VALUES"
  " ('call', 5, 1, 'a', '2026-03-02T09:00:00', 'done', '2026-03-02T09:30:00', 1, '2026-03-01T00:00:00', '2026-03-01T00:00:00'),"
  " ('call', 5, 1, 'a', '2026-03-02T11:00:00', 'done', '2026-03-02T11:30:00', 0, '2026-03-01T00:00:00', '2026-03-01T00:00:00'),"
  " ('meeting', 5, 1, 'a', '2026-03-03T10:00:00', 'done', '2026-03-03T11:00:00', 0, '2026-03-01T00:00:00', '2026-03-01T00:00:00'),"
  " ('call', 5, 1, 'a', '2026-03-04T09:00:00', 'done', '2026-03-04T09:30:00', 0, '2026-03-01T00:00:00', '2026-03-01T00:00:00'),"
  " ('call', 5, 1, 'a', '2026-03-04T10:00:00', 'done', '2026-03-04T10:30:00', 0, '2026-03-01T00:00:00', '2026-03-01T00:00:00'),"
  " ('meeting', 5, 1, 'a', '2026-03-04T14:00:00', 'done', '2026-03-04T15:00:00', 0, '2026-03-01T00:00:00', '2026-03-01T00:00:00'),"
  " ('meeting', 5, 1, 'a', '2026-03-05T10:00:00', 'done', '2026-03-05T11:00:00', 1, '2026-03-01T00:00:00', '2026-03-01T00:00:00'),"
  " ('meeting', 5, 1, 'a', '2026-03-05T14:00:00', 'done', '2026-03-05T15:00:00', 0, '2026-03-01T00:00:00', '2026-03-01T00:00:00'),"
  " ('exhibition', 5, 1, 'a', '2026-03-06T09:00:00', 'done', '2026-03-06T17:00:00', 0, '2026-03-01T00:00:00', '2026-03-01T00:00:00'),"
  " ('call', 5, 1, 'a', '2026-03-09T09:00:00', 'done', '2026-03-09T09:30:00', 0, '2026-03-01T00:00:00', '2026-03-01T00:00:00'),"
  " ('call', 5, 1, 'a', '2026-03-10T09:00:00', 'done', '2026-03-10T09:30:00', 0, '2026-03-01T00:00:00', '2026-03-01T00:00:00'),"
  " ('meeting', 5, 1, 'a', '2026-03-10T14:00:00', 'done', '2026-03-10T15:00:00', 0, '2026-03-01T00:00:00', '2026-03-01T00:00:00'),"
  " ('meeting', 5, 1, 'a', '2026-03-11T10:00:00', 'done', '2026-03-11T11:00:00', 0, '2026-03-01T00:00:00', '2026-03-01T00:00:00'),"
  " ('event', 5, 1, 'a', '2026-03-11T18:00:00', 'done', '2026-03-11T21:00:00', 0, '2026-03-01T00:00:00', '2026-03-01T00:00:00'),"
  " ('call', 5, 1, 'a', '2026-03-12T09:00:00', 'planned', NULL, 1, '2026-03-01T00:00:00', '2026-03-01T00:00:00'),"
  " ('meeting', 5, 1, 'a', '2026-03-12T10:00:00', 'cancelled', NULL, 0, '2026-03-01T00:00:00', '2026-03-01T00:00:00'),"
  " ('call', 5, 1, 'a', '2026-02-27T09:00:00', 'done', '2026-02-27T09:30:00', 0, '2026-02-01T00:00:00', '2026-02-01T00:00:00'),"
  " ('call', 5, 1, 'a', '2026-04-01T09:00:00', 'done', '2026-04-01T09:30:00', 0, '2026-03-01T00:00:00', '2026-03-01T00:00:00'),"
  " ('meeting', 4, 2, 'b', '2026-03-02T10:00:00', 'done', '2026-03-02T11:00:00', 0, '2026-03-01T00:00:00', '2026-03-01T00:00:00'),"
  " ('meeting', 4, 2, 'b', '2026-03-03T10:00:00', 'done', '2026-03-03T11:00:00', 0, '2026-03-01T00:00:00', '2026-03-01T00:00:00'),"
  " ('call', 4, 2, 'b', '2026-03-04T10:00:00', 'done', '2026-03-04T10:30:00', 0, '2026-03-01T00:00:00', '2026-03-01T00:00:00'),"
  " ('email', 4, 2, 'b', '2026-03-06T10:00:00', 'done', '2026-03-06T10:10:00', 0, '2026-03-01T00:00:00', '2026-03-01T00:00:00'),"
  " ('exhibition', 4, 2, 'b', '2026-03-06T12:00:00', 'done', '2026-03-06T18:00:00', 0, '2026-03-01T00:00:00', '2026-03-01T00:00:00');"
  "INSERT INTO deals (id, client_id, manager_id, title, stage, amount, currency,"
  " decision_maker_reached, closed_date, lost_reason, created_at, updated_at) VALUES"
  " (1, 5, 1, 'D1', 'won', 100000, 'EUR', 1, '2026-03-10', NULL, '2026-01-10T09:00:00', '2026-03-10T09:00:00'),"
  " (2, 5, 1, 'D2', 'won', 50000, 'EUR', 1, '2026-03-12', NULL, '2026-03-02T09:00:00', '2026-03-12T09:00:00'),"
  " (3, 5, 1, 'D3', 'won', 3000000, 'RUB', 1, NULL, NULL, '2026-02-01T09:00:00', '2026-03-05T09:00:00'),"
  " (4, 5, 1, 'D4', 'offer', 10000, 'EUR', 1, NULL, NULL, '2026-03-03T09:00:00', '2026-03-03T09:00:00'),"
  " (5, 5, 1, 'D5', 'needs', 10000, 'EUR', 0, NULL, NULL, '2026-02-15T09:00:00', '2026-02-15T09:00:00'),"
  " (6, 5, 1, 'D6', 'lead', 10000, 'EUR', 1, NULL, NULL, '2026-03-20T09:00:00', '2026-03-20T09:00:00'),"
  " (7, 5, 1, 'D7', 'lost', 10000, 'EUR', 1, NULL, 'Price', '2026-03-04T09:00:00', '2026-03-08T09:00:00'),"
  " (8, 5, 1, 'D8', 'lead', 10000, 'EUR', 0, NULL, NULL, '2026-04-02T09:00:00', '2026-04-02T09:00:00'),"
  " (9, 4, 2, 'D9', 'won', 70000, 'EUR', 1, '2026-03-25', NULL, '2026-03-05T09:00:00', '2026-03-25T09:00:00'),"
  " (10, 4, 2, 'D10', 'contacted', 10000, 'EUR', 0, NULL, NULL, '2026-03-06T09:00:00', '2026-03-06T09:00:00'),"
  " (11, 5, 1, 'D11', 'won', 20000, 'EUR', 1, '2026-02-28', NULL, '2026-02-01T09:00:00', '2026-02-28T09:00:00');"
  "INSERT INTO deal_stage_history (deal_id, from_stage, to_stage, changed_at) VALUES"
  " (1, NULL, 'lead', '2026-01-10T09:00:00'), (1, 'lead', 'won', '2026-03-10T09:00:00'),"
  " (2, NULL, 'lead', '2026-03-02T09:00:00'), (2, 'lead', 'offer', '2026-03-05T09:00:00'),"
  " (2, 'offer', 'won', '2026-03-12T09:00:00'),"
  " (3, NULL, 'lead', '2026-02-01T09:00:00'), (3, 'lead', 'won', '2026-03-05T09:00:00'),"
  " (4, NULL, 'lead', '2026-03-03T09:00:00'), (4, 'lead', 'offer', '2026-03-09T09:00:00'),"
  " (5, NULL, 'lead', '2026-02-15T09:00:00'), (5, 'lead', 'needs', '2026-02-20T09:00:00'),"
  " (6, NULL, 'lead', '2026-03-20T09:00:00'),"
  " (7, NULL, 'lead', '2026-03-04T09:00:00'), (7, 'lead', 'lost', '2026-03-08T09:00:00'),"
  " (8, NULL, 'lead', '2026-04-02T09:00:00'),"
  " (9, NULL, 'lead', '2026-03-05T09:00:00'), (9, 'lead', 'won', '2026-03-25T09:00:00'),"
  " (10, NULL, 'lead', '2026-03-06T09:00:00'), (10, 'lead', 'contacted', '2026-03-07T09:00:00'),"
  " (11, NULL, 'lead', '2026-02-01T09:00:00'), (11, 'lead', 'won', '2026-02-28T09:00:00');"
  "INSERT INTO sales_plans (manager_id, month, revenue_target, currency, calls_target,"
  " meetings_target, events_target, referrals_asked_target, referrals_target,"
  " decision_maker_target, meetings_per_deal_target, conversion_target, alternation_target,"
  " created_at, updated_at) VALUES"
  " (1, '2026-03', 200000, 'EUR', 44, 22, 2, 4, 2, 60, 3, 20, 50, '2026-01-01T00:00:00', '2026-01-01T00:00:00'),"
  " (1, '2026-02', 100000, 'EUR', 40, 20, 0, 0, 0, 80, 0, 0, 0, '2026-01-01T00:00:00', '2026-01-01T00:00:00'),"
  " (2, '2026-03', 80000, 'EUR', 22, 44, 1, 0, 0, 80, 0, 0, 0, '2026-01-01T00:00:00', '2026-01-01T00:00:00'),"
  " (1, '2026-04', 500000, 'EUR', 0, 0, 0, 0, 0, 0, 0, 0, 0, '2026-01-01T00:00:00', '2026-01-01T00:00:00');";

void
kl_test_kpi_fill (KlDatabase *db)
{
  g_autoptr(GError) error = NULL;

  kl_database_exec (db, fill_sql, &error);
  g_assert_no_error (error);
}
