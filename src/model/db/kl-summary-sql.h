/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * The per-client summary on the clients table (schema migration 2), as SQL
 * text shared by the migration's triggers and the model's daily refresh.
 * Each macro is an UPDATE of clients restricted by WHERE_, which may name
 * NEW/OLD inside a trigger.
 *
 *  last_contact_at   latest starts_at of the client's done activities, ''
 *                    when there is none (so "not since" is one index range)
 *  next_activity_at  earliest starts_at of its planned activities: overdue
 *                    ones come first, then future ones
 *  open_pipeline     sum of the amounts of its deals not won or lost, in the
 *                    client's currency; deals in other currencies are left
 *                    out (nothing is converted)
 *  overdue_debt      sum over its issued invoices in the client's currency
 *                    that fell due before today of amount minus payments,
 *                    each invoice counted when positive (an overpaid invoice
 *                    does not pay another)
 *  debt_next_due     the earliest due date, today or later, of such an
 *                    invoice still not paid in full: the day overdue_debt
 *                    changes without any write, so a refresh recomputes only
 *                    the rows with debt_next_due before today
 *  manager_key       the manager's sort_key, to sort by manager in SQL
 *
 * "Today" is date('now', 'localtime'), the same local day that
 * kl_database_today() gives.
 */

/* Client statuses in the order of the relationship, for sorting. */
#define KL_SQL_STATUS_RANK \
  "(CASE status WHEN 'prospect' THEN 1 WHEN 'active' THEN 2 WHEN 'key' THEN 3" \
  " WHEN 'inactive' THEN 4 ELSE 5 END)"

#define KL_SQL_TODAY "date('now', 'localtime')"

#define KL_SQL_REFRESH_ACTIVITIES(WHERE_) \
  "UPDATE clients SET" \
  " last_contact_at = coalesce ((SELECT max(a.starts_at) FROM activities a" \
  "                              WHERE a.client_id = clients.id AND a.status = 'done'), '')," \
  " next_activity_at = (SELECT min(a.starts_at) FROM activities a" \
  "                     WHERE a.client_id = clients.id AND a.status = 'planned')" \
  " WHERE " WHERE_ ";"

#define KL_SQL_REFRESH_PIPELINE(WHERE_) \
  "UPDATE clients SET" \
  " open_pipeline = coalesce ((SELECT sum(d.amount) FROM deals d" \
  "                            WHERE d.client_id = clients.id AND d.stage NOT IN ('won', 'lost')" \
  "                              AND d.currency = clients.currency), 0)" \
  " WHERE " WHERE_ ";"

#define KL_SQL_INVOICE_BALANCE \
  "(i.amount - coalesce ((SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = i.id), 0))"

#define KL_SQL_REFRESH_DEBT(WHERE_) \
  "UPDATE clients SET" \
  " overdue_debt = coalesce ((SELECT sum(max(0, " KL_SQL_INVOICE_BALANCE ")) FROM invoices i" \
  "                           WHERE i.client_id = clients.id AND i.status = 'issued'" \
  "                             AND i.currency = clients.currency" \
  "                             AND i.due_date < " KL_SQL_TODAY "), 0)," \
  " debt_next_due = (SELECT min(i.due_date) FROM invoices i" \
  "                  WHERE i.client_id = clients.id AND i.status = 'issued'" \
  "                    AND i.currency = clients.currency" \
  "                    AND i.due_date >= " KL_SQL_TODAY \
  "                    AND " KL_SQL_INVOICE_BALANCE " > 0)" \
  " WHERE " WHERE_ ";"

#define KL_SQL_REFRESH_MANAGER_KEY(WHERE_) \
  "UPDATE clients SET" \
  " manager_key = (SELECT m.sort_key FROM managers m WHERE m.id = clients.manager_id)" \
  " WHERE " WHERE_ ";"

/* Words of a client's document that say what the list filters by, so
 * that a search with filters is one query of the search index: _s and the
 * status, _g and the segment, _o and the source, _m and the manager's id
 * (0 for none), _d when it owes overdue debt. The index's tokenizer keeps
 * "_" in words (schema migration 3), and searched words never hold one,
 * so no typed word matches them. */
#define KL_SQL_FILTER_WORDS \
  "' _s' || c.status || coalesce (' _g' || c.segment, '') || coalesce (' _o' || c.source, '')" \
  " || ' _m' || coalesce (c.manager_id, 0) || CASE WHEN c.overdue_debt > 0 THEN ' _d' ELSE '' END"

/* The client's row of client_docs (and so of the search index): its own
 * key, its contacts' and its filter words. (Migration 2 wrote the
 * documents without the filter words; migration 3 wrote them again.) */
#define KL_SQL_CLIENT_DOC \
  "c.search_key || coalesce (' ' || (SELECT group_concat(k.search_key, ' ')" \
  "                                  FROM contacts k WHERE k.client_id = c.id), '')" \
  " || " KL_SQL_FILTER_WORDS

/* The same for a client that has no contacts yet (just inserted). */
#define KL_SQL_NEW_CLIENT_DOC \
  "c.search_key || " KL_SQL_FILTER_WORDS

#define KL_SQL_REFRESH_SEARCH(ID) \
  "DELETE FROM client_docs WHERE id = " ID ";" \
  "INSERT INTO client_docs (id, doc) SELECT c.id, " KL_SQL_CLIENT_DOC \
  " FROM clients c WHERE c.id = " ID ";"

/* Writes the client_docs rows (and so the search index) of the clients
 * c matching WHERE_ in one statement, where none exists yet: what the
 * insert triggers would have written row by row. For bulk inserts, with
 * search_deferred set (kl_store_insert_many()). */
#define KL_SQL_FILL_SEARCH(WHERE_) \
  "INSERT INTO client_docs (id, doc) SELECT c.id, " KL_SQL_CLIENT_DOC \
  " FROM clients c WHERE " WHERE_ ";"

/* The same for clients just inserted, which have no contacts yet. */
#define KL_SQL_FILL_NEW_CLIENTS_SEARCH(WHERE_) \
  "INSERT INTO client_docs (id, doc) SELECT c.id, " KL_SQL_NEW_CLIENT_DOC \
  " FROM clients c WHERE " WHERE_ ";"

/* A manager's sort key, as clients.manager_key holds it. */
#define KL_SQL_MANAGER_KEY_OF(MANAGER_ID) \
  "(SELECT m.sort_key FROM managers m WHERE m.id = " MANAGER_ID ")"

/* Overdue debt moves with the calendar: run when a day begins. An invoice
 * due today is not overdue yet, so only rows whose next due day has
 * passed change (with "<=", every start of a day rewrote the clients with
 * an invoice due that day, and their search documents). */
#define KL_SQL_NEEDS_OVERDUE_REFRESH "debt_next_due IS NOT NULL AND debt_next_due < " KL_SQL_TODAY
#define KL_SQL_REFRESH_OVERDUE \
  KL_SQL_REFRESH_DEBT (KL_SQL_NEEDS_OVERDUE_REFRESH)
