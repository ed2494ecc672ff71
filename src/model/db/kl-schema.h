/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-funnel-sql.h"
#include "kl-receivables-sql.h"
#include "kl-summary-sql.h"

/* Numbered migrations. Migration N brings a database from user_version N-1
 * to N; each runs in one transaction. Never edit a migration that has been
 * released: add a new one. */

static const char *const kl_migrations[] = {
  /* 1: the whole domain */
  "CREATE TABLE managers ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  email TEXT,"
  "  phone TEXT,"
  "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE TABLE competitors ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),"
  "  website TEXT,"
  "  strengths TEXT,"
  "  weaknesses TEXT,"
  "  notes TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE TABLE clients ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL DEFAULT 'company' CHECK (kind IN ('company', 'person')),"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  legal_form TEXT,"
  "  tax_id TEXT,"
  "  country TEXT NOT NULL DEFAULT 'HR' CHECK (length(country) = 2),"
  "  city TEXT,"
  "  address TEXT,"
  "  postal_code TEXT,"
  "  phone TEXT,"
  "  email TEXT,"
  "  website TEXT,"
  "  segment TEXT CHECK (segment IN ('A', 'B', 'C')),"
  "  status TEXT NOT NULL DEFAULT 'prospect'"
  "    CHECK (status IN ('prospect', 'active', 'key', 'inactive', 'lost')),"
  "  source TEXT CHECK (source IN ('exhibition', 'referral', 'cold_call', 'website',"
  "                                'advert', 'event', 'other')),"
  "  credit_rating TEXT CHECK (credit_rating IN ('excellent', 'good', 'fair', 'poor', 'blocked')),"
  "  credit_limit INTEGER NOT NULL DEFAULT 0 CHECK (credit_limit >= 0),"
  "  currency TEXT NOT NULL DEFAULT 'EUR' CHECK (length(currency) = 3),"
  "  payment_terms_days INTEGER NOT NULL DEFAULT 30"
  "    CHECK (payment_terms_days BETWEEN 0 AND 365),"
  "  manager_id INTEGER REFERENCES managers (id) ON DELETE SET NULL,"
  "  next_action TEXT,"
  "  next_action_date TEXT,"
  "  notes TEXT,"
  "  sort_key TEXT NOT NULL DEFAULT '',"
  "  search_key TEXT NOT NULL DEFAULT '',"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX clients_sort_key ON clients (sort_key);"
  "CREATE INDEX clients_tax_id ON clients (tax_id);"
  "CREATE INDEX clients_manager ON clients (manager_id);"
  "CREATE INDEX clients_status ON clients (status, sort_key);"
  "CREATE INDEX clients_city ON clients (city);"
  "CREATE TABLE contacts ("
  "  id INTEGER PRIMARY KEY,"
  "  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  position TEXT,"
  "  phone TEXT,"
  "  email TEXT,"
  "  role TEXT CHECK (role IN ('decision_maker', 'influencer', 'evaluator', 'user')),"
  "  consent_date TEXT,"
  "  notes TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX contacts_client ON contacts (client_id);"
  "CREATE TABLE products ("
  "  id INTEGER PRIMARY KEY,"
  "  code TEXT NOT NULL UNIQUE CHECK (length(trim(code)) > 0),"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  unit TEXT NOT NULL DEFAULT 'pcs',"
  "  price INTEGER NOT NULL DEFAULT 0 CHECK (price >= 0),"
  "  currency TEXT NOT NULL DEFAULT 'EUR' CHECK (length(currency) = 3),"
  "  vat_rate_bp INTEGER NOT NULL DEFAULT 2500 CHECK (vat_rate_bp BETWEEN 0 AND 10000),"
  "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
  "  notes TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE TABLE price_tiers ("
  "  id INTEGER PRIMARY KEY,"
  "  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,"
  "  min_quantity INTEGER NOT NULL CHECK (min_quantity >= 1),"
  "  discount_bp INTEGER NOT NULL CHECK (discount_bp BETWEEN 0 AND 10000),"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  UNIQUE (product_id, min_quantity)"
  ");"
  "CREATE TABLE deals ("
  "  id INTEGER PRIMARY KEY,"
  "  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,"
  "  contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,"
  "  manager_id INTEGER REFERENCES managers (id) ON DELETE SET NULL,"
  "  title TEXT NOT NULL CHECK (length(trim(title)) > 0),"
  "  stage TEXT NOT NULL DEFAULT 'lead' CHECK (stage IN ('lead', 'contacted', 'needs',"
  "                                                    'offer', 'negotiation', 'won', 'lost')),"
  "  amount INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),"
  "  currency TEXT NOT NULL DEFAULT 'EUR' CHECK (length(currency) = 3),"
  "  probability INTEGER NOT NULL DEFAULT 10 CHECK (probability BETWEEN 0 AND 100),"
  "  expected_close TEXT,"
  "  decision_maker_reached INTEGER NOT NULL DEFAULT 0 CHECK (decision_maker_reached IN (0, 1)),"
  "  lost_reason TEXT,"
  "  competitor_id INTEGER REFERENCES competitors (id) ON DELETE SET NULL,"
  "  closed_date TEXT,"
  "  notes TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX deals_client ON deals (client_id);"
  "CREATE INDEX deals_stage ON deals (stage, manager_id);"
  "CREATE TABLE deal_stage_history ("
  "  id INTEGER PRIMARY KEY,"
  "  deal_id INTEGER NOT NULL REFERENCES deals (id) ON DELETE CASCADE,"
  "  from_stage TEXT CHECK (from_stage IN ('lead', 'contacted', 'needs', 'offer',"
  "                                        'negotiation', 'won', 'lost')),"
  "  to_stage TEXT NOT NULL CHECK (to_stage IN ('lead', 'contacted', 'needs', 'offer',"
  "                                             'negotiation', 'won', 'lost')),"
  "  changed_at TEXT NOT NULL"
  ");"
  "CREATE INDEX deal_stage_history_deal ON deal_stage_history (deal_id, changed_at);"
  "CREATE INDEX deal_stage_history_when ON deal_stage_history (changed_at);"
  "CREATE TABLE activities ("
  "  id INTEGER PRIMARY KEY,"
  "  kind TEXT NOT NULL CHECK (kind IN ('call', 'meeting', 'email', 'presentation',"
  "                                     'exhibition', 'event')),"
  "  client_id INTEGER REFERENCES clients (id) ON DELETE CASCADE,"
  "  contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,"
  "  deal_id INTEGER REFERENCES deals (id) ON DELETE SET NULL,"
  "  manager_id INTEGER REFERENCES managers (id) ON DELETE SET NULL,"
  "  subject TEXT NOT NULL CHECK (length(trim(subject)) > 0),"
  "  starts_at TEXT NOT NULL,"
  "  duration_minutes INTEGER NOT NULL DEFAULT 30 CHECK (duration_minutes BETWEEN 0 AND 10080),"
  "  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'cancelled')),"
  "  done_at TEXT,"
  "  outcome TEXT,"
  "  notes TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  CHECK (done_at IS NULL OR status = 'done')"
  ");"
  "CREATE INDEX activities_client ON activities (client_id, starts_at);"
  "CREATE INDEX activities_status ON activities (status, starts_at);"
  "CREATE INDEX activities_done ON activities (status, done_at);"
  "CREATE INDEX activities_manager ON activities (manager_id, starts_at);"
  "CREATE TABLE contracts ("
  "  id INTEGER PRIMARY KEY,"
  "  number TEXT NOT NULL UNIQUE CHECK (length(trim(number)) > 0),"
  "  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,"
  "  deal_id INTEGER REFERENCES deals (id) ON DELETE SET NULL,"
  "  manager_id INTEGER REFERENCES managers (id) ON DELETE SET NULL,"
  "  title TEXT NOT NULL CHECK (length(trim(title)) > 0),"
  "  signed_date TEXT,"
  "  start_date TEXT NOT NULL,"
  "  end_date TEXT,"
  "  amount INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),"
  "  currency TEXT NOT NULL DEFAULT 'EUR' CHECK (length(currency) = 3),"
  "  vat_rate_bp INTEGER NOT NULL DEFAULT 2500 CHECK (vat_rate_bp BETWEEN 0 AND 10000),"
  "  payment_terms_days INTEGER NOT NULL DEFAULT 30 CHECK (payment_terms_days BETWEEN 0 AND 365),"
  "  discount_bp INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),"
  "  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'signed', 'active',"
  "                                                      'expired', 'terminated')),"
  "  auto_renew INTEGER NOT NULL DEFAULT 0 CHECK (auto_renew IN (0, 1)),"
  "  notice_days INTEGER NOT NULL DEFAULT 30 CHECK (notice_days BETWEEN 0 AND 365),"
  "  notes TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  CHECK (end_date IS NULL OR end_date >= start_date)"
  ");"
  "CREATE INDEX contracts_client ON contracts (client_id);"
  "CREATE INDEX contracts_end ON contracts (status, end_date);"
  "CREATE TABLE invoices ("
  "  id INTEGER PRIMARY KEY,"
  "  number TEXT NOT NULL UNIQUE CHECK (length(trim(number)) > 0),"
  "  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE RESTRICT,"
  "  contract_id INTEGER REFERENCES contracts (id) ON DELETE SET NULL,"
  "  issue_date TEXT NOT NULL,"
  "  due_date TEXT NOT NULL,"
  "  amount INTEGER NOT NULL CHECK (amount >= 0),"
  "  currency TEXT NOT NULL DEFAULT 'EUR' CHECK (length(currency) = 3),"
  "  status TEXT NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'cancelled')),"
  "  notes TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  CHECK (due_date >= issue_date)"
  ");"
  "CREATE INDEX invoices_client ON invoices (client_id, due_date);"
  "CREATE INDEX invoices_due ON invoices (status, due_date);"
  "CREATE TABLE payments ("
  "  id INTEGER PRIMARY KEY,"
  "  invoice_id INTEGER NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,"
  "  paid_date TEXT NOT NULL,"
  "  amount INTEGER NOT NULL CHECK (amount > 0),"
  "  reference TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX payments_invoice ON payments (invoice_id);"
  "CREATE INDEX payments_date ON payments (paid_date);"
  "CREATE TABLE complaints ("
  "  id INTEGER PRIMARY KEY,"
  "  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,"
  "  contract_id INTEGER REFERENCES contracts (id) ON DELETE SET NULL,"
  "  product_id INTEGER REFERENCES products (id) ON DELETE SET NULL,"
  "  manager_id INTEGER REFERENCES managers (id) ON DELETE SET NULL,"
  "  received_date TEXT NOT NULL,"
  "  category TEXT NOT NULL CHECK (category IN ('quality', 'delivery', 'billing', 'service',"
  "                                             'documentation', 'other')),"
  "  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'in_progress', 'resolved',"
  "                                                    'rejected')),"
  "  description TEXT NOT NULL CHECK (length(trim(description)) > 0),"
  "  resolution TEXT,"
  "  resolved_date TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  CHECK (resolved_date IS NULL OR resolved_date >= received_date)"
  ");"
  "CREATE INDEX complaints_client ON complaints (client_id);"
  "CREATE INDEX complaints_status ON complaints (status, received_date);"
  "CREATE TABLE offers ("
  "  id INTEGER PRIMARY KEY,"
  "  number TEXT NOT NULL UNIQUE CHECK (length(trim(number)) > 0),"
  "  client_id INTEGER NOT NULL REFERENCES clients (id) ON DELETE CASCADE,"
  "  deal_id INTEGER REFERENCES deals (id) ON DELETE SET NULL,"
  "  manager_id INTEGER REFERENCES managers (id) ON DELETE SET NULL,"
  "  issue_date TEXT NOT NULL,"
  "  valid_until TEXT,"
  "  currency TEXT NOT NULL DEFAULT 'EUR' CHECK (length(currency) = 3),"
  "  loyalty_discount_bp INTEGER NOT NULL DEFAULT 0 CHECK (loyalty_discount_bp BETWEEN 0 AND 10000),"
  "  deferral_days INTEGER NOT NULL DEFAULT 0 CHECK (deferral_days BETWEEN 0 AND 365),"
  "  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'accepted',"
  "                                                      'rejected', 'expired')),"
  "  notes TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  CHECK (valid_until IS NULL OR valid_until >= issue_date)"
  ");"
  "CREATE INDEX offers_client ON offers (client_id);"
  "CREATE TABLE offer_lines ("
  "  id INTEGER PRIMARY KEY,"
  "  offer_id INTEGER NOT NULL REFERENCES offers (id) ON DELETE CASCADE,"
  "  product_id INTEGER REFERENCES products (id) ON DELETE SET NULL,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  description TEXT NOT NULL CHECK (length(trim(description)) > 0),"
  "  quantity INTEGER NOT NULL CHECK (quantity > 0),"
  "  unit_price INTEGER NOT NULL CHECK (unit_price >= 0),"
  "  discount_bp INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),"
  "  vat_rate_bp INTEGER NOT NULL DEFAULT 2500 CHECK (vat_rate_bp BETWEEN 0 AND 10000),"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE INDEX offer_lines_offer ON offer_lines (offer_id, position);"
  "CREATE TABLE sales_plans ("
  "  id INTEGER PRIMARY KEY,"
  "  manager_id INTEGER NOT NULL REFERENCES managers (id) ON DELETE CASCADE,"
  "  month TEXT NOT NULL CHECK (length(month) = 7),"
  "  revenue_target INTEGER NOT NULL DEFAULT 0 CHECK (revenue_target >= 0),"
  "  currency TEXT NOT NULL DEFAULT 'EUR' CHECK (length(currency) = 3),"
  "  meetings_target INTEGER NOT NULL DEFAULT 0 CHECK (meetings_target >= 0),"
  "  calls_target INTEGER NOT NULL DEFAULT 0 CHECK (calls_target >= 0),"
  "  deals_target INTEGER NOT NULL DEFAULT 0 CHECK (deals_target >= 0),"
  "  new_clients_target INTEGER NOT NULL DEFAULT 0 CHECK (new_clients_target >= 0),"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  UNIQUE (manager_id, month)"
  ");"
  "CREATE TABLE audit_log ("
  "  id INTEGER PRIMARY KEY,"
  "  changed_at TEXT NOT NULL,"
  "  table_name TEXT NOT NULL,"
  "  row_id INTEGER NOT NULL,"
  "  action TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'merge',"
  "                                         'export', 'erase')),"
  "  field TEXT,"
  "  old_value TEXT,"
  "  new_value TEXT"
  ");"
  "CREATE INDEX audit_log_row ON audit_log (table_name, row_id, changed_at);"
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT"
  ");",

  /* 2: the client list — search index over clients and contacts, a
   * per-client summary kept by triggers, indexes for every sort. Folded
   * keys are computed by the model (kl_search_key(), kl_text_sort_key());
   * the SQL functions of the same names exist only so that this migration
   * can fill them for rows already there. The triggers copy stored text
   * and never call them. See kl-summary-sql.h. */
  "ALTER TABLE managers ADD COLUMN sort_key TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE contacts ADD COLUMN search_key TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE clients ADD COLUMN manager_key TEXT;"
  "ALTER TABLE clients ADD COLUMN last_contact_at TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE clients ADD COLUMN next_activity_at TEXT;"
  "ALTER TABLE clients ADD COLUMN open_pipeline INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE clients ADD COLUMN overdue_debt INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE clients ADD COLUMN debt_next_due TEXT;"

  "UPDATE managers SET sort_key = kl_sort_key (name);"
  "UPDATE clients SET sort_key = kl_sort_key (name),"
  "                   search_key = kl_search_key (name, tax_id, city, phone, email);"
  "UPDATE contacts SET search_key = kl_search_key (name, email, phone);"

  "CREATE INDEX activities_client_status ON activities (client_id, status, starts_at);"
  /* Every index of clients costs each inserted client a b-tree insert
   * (an import of 100 000 clients pays 0.2 to 0.4 s per index). These two
   * of migration 1 serve no query of the model: a status filter uses
   * clients_filter (status first), sorting by city clients_sort_city. */
  "DROP INDEX clients_status;"
  "DROP INDEX clients_city;"
  KL_SQL_REFRESH_MANAGER_KEY ("manager_id IS NOT NULL")
  KL_SQL_REFRESH_ACTIVITIES ("1")
  KL_SQL_REFRESH_PIPELINE ("1")
  KL_SQL_REFRESH_DEBT ("1")

  /* Sorting: each key, then the name, then the row id (implied). Empty
   * values sort after the others when ascending. */
  "CREATE INDEX clients_sort_status ON clients (" KL_SQL_STATUS_RANK ", sort_key);"
  "CREATE INDEX clients_sort_tax_id ON clients (tax_id IS NULL, tax_id, sort_key);"
  "CREATE INDEX clients_sort_city ON clients (city IS NULL, city, sort_key);"
  "CREATE INDEX clients_sort_segment ON clients (segment IS NULL, segment, sort_key);"
  "CREATE INDEX clients_sort_manager ON clients (manager_key IS NULL, manager_key, sort_key);"
  "CREATE INDEX clients_sort_phone ON clients (phone IS NULL, phone, sort_key);"
  "CREATE INDEX clients_sort_last_contact ON clients (last_contact_at, sort_key);"
  "CREATE INDEX clients_sort_next_activity ON clients (next_activity_at IS NULL, next_activity_at, sort_key);"
  "CREATE INDEX clients_sort_pipeline ON clients (open_pipeline, sort_key);"
  "CREATE INDEX clients_sort_debt ON clients (overdue_debt, sort_key);"
  /* Filtering: one column each, and every filter column together so that
   * combined filters are answered from the index alone. */
  "CREATE INDEX clients_segment ON clients (segment);"
  "CREATE INDEX clients_source ON clients (source);"
  "CREATE INDEX clients_filter ON clients (status, segment, source, manager_id, overdue_debt,"
  "                                        last_contact_at);"
  "CREATE INDEX clients_debt_next_due ON clients (debt_next_due) WHERE debt_next_due IS NOT NULL;"

  /* Search: one document per client, already folded into words; the FTS5
   * index reads it from client_docs (external content), and the client
   * list also tests it with LIKE '% word%' when walking a sort order. */
  "CREATE TABLE client_docs ("
  "  id INTEGER PRIMARY KEY,"
  "  doc TEXT NOT NULL"
  ");"
  "CREATE VIRTUAL TABLE client_search USING fts5 ("
  "  doc,"
  "  content = 'client_docs',"
  "  content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 0',"
  /* Prefix indexes for 1 to 4 characters. Without one, a prefix query
   * merges the lists of every distinct word it starts: a digit or "3859"
   * starts tens of thousands (phone numbers, tax IDs), "zagr" or "kova"
   * words of thousands of clients each. Measured with 100 000 clients,
   * prefix = '1 2 3' builds a fifth faster but doubles the keystrokes
   * "zagr" and "kova" (8 → 17 ms) and "+385 9" (24 → 84 ms). */
  "  prefix = '1 2 3 4',"
  "  detail = none"
  ");"
  "CREATE TRIGGER client_docs_insert AFTER INSERT ON client_docs BEGIN"
  " INSERT INTO client_search (rowid, doc) VALUES (NEW.id, NEW.doc);"
  " END;"
  "CREATE TRIGGER client_docs_delete AFTER DELETE ON client_docs BEGIN"
  " INSERT INTO client_search (client_search, rowid, doc) VALUES ('delete', OLD.id, OLD.doc);"
  " END;"
  "CREATE TRIGGER client_docs_update AFTER UPDATE ON client_docs BEGIN"
  " INSERT INTO client_search (client_search, rowid, doc) VALUES ('delete', OLD.id, OLD.doc);"
  " INSERT INTO client_search (rowid, doc) VALUES (NEW.id, NEW.doc);"
  " END;"
  "INSERT INTO client_docs (id, doc) SELECT c.id, " KL_SQL_CLIENT_DOC " FROM clients c;"

  /* While search_deferred holds a row (only ever inside a write
   * transaction: kl_store_insert_many()), inserting clients or contacts
   * leaves client_docs alone, and the writer fills it with one statement
   * before it deletes the row. */
  "CREATE TABLE search_deferred ("
  "  id INTEGER PRIMARY KEY"
  ");"
  "CREATE TRIGGER clients_search_insert AFTER INSERT ON clients"
  " WHEN NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN "
  KL_SQL_REFRESH_SEARCH ("NEW.id")
  " END;"
  "CREATE TRIGGER clients_search_update AFTER UPDATE OF search_key ON clients"
  " WHEN NEW.search_key IS NOT OLD.search_key BEGIN "
  KL_SQL_REFRESH_SEARCH ("NEW.id")
  " END;"
  "CREATE TRIGGER clients_search_delete AFTER DELETE ON clients BEGIN"
  " DELETE FROM client_docs WHERE id = OLD.id;"
  " END;"
  "CREATE TRIGGER contacts_search_insert AFTER INSERT ON contacts"
  " WHEN NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN "
  KL_SQL_REFRESH_SEARCH ("NEW.client_id")
  " END;"
  "CREATE TRIGGER contacts_search_update AFTER UPDATE OF client_id, search_key ON contacts"
  " WHEN NEW.search_key IS NOT OLD.search_key OR NEW.client_id IS NOT OLD.client_id BEGIN "
  KL_SQL_REFRESH_SEARCH ("OLD.client_id")
  KL_SQL_REFRESH_SEARCH ("NEW.client_id")
  " END;"
  "CREATE TRIGGER contacts_search_delete AFTER DELETE ON contacts BEGIN "
  KL_SQL_REFRESH_SEARCH ("OLD.client_id")
  " END;"

  /* The summary */
  /* Unless the writer already gave the key (kl_store_insert_many() does):
   * an UPDATE per row rewrites the row and its index entries. */
  "CREATE TRIGGER clients_manager_insert AFTER INSERT ON clients"
  " WHEN NEW.manager_id IS NOT NULL"
  "  AND NEW.manager_key IS NOT " KL_SQL_MANAGER_KEY_OF ("NEW.manager_id") " BEGIN "
  KL_SQL_REFRESH_MANAGER_KEY ("id = NEW.id")
  " END;"
  "CREATE TRIGGER clients_manager_update AFTER UPDATE OF manager_id ON clients"
  " WHEN NEW.manager_id IS NOT OLD.manager_id BEGIN "
  KL_SQL_REFRESH_MANAGER_KEY ("id = NEW.id")
  " END;"
  "CREATE TRIGGER managers_sort_key_update AFTER UPDATE OF sort_key ON managers"
  " WHEN NEW.sort_key IS NOT OLD.sort_key BEGIN"
  " UPDATE clients SET manager_key = NEW.sort_key WHERE manager_id = NEW.id;"
  " END;"
  "CREATE TRIGGER clients_currency_update AFTER UPDATE OF currency ON clients"
  " WHEN NEW.currency IS NOT OLD.currency BEGIN "
  KL_SQL_REFRESH_PIPELINE ("id = NEW.id")
  KL_SQL_REFRESH_DEBT ("id = NEW.id")
  " END;"

  "CREATE TRIGGER activities_summary_insert AFTER INSERT ON activities"
  " WHEN NEW.client_id IS NOT NULL BEGIN "
  KL_SQL_REFRESH_ACTIVITIES ("id = NEW.client_id")
  " END;"
  "CREATE TRIGGER activities_summary_update AFTER UPDATE OF client_id, status, starts_at ON activities BEGIN "
  KL_SQL_REFRESH_ACTIVITIES ("id = OLD.client_id")
  KL_SQL_REFRESH_ACTIVITIES ("id = NEW.client_id AND NEW.client_id IS NOT OLD.client_id")
  " END;"
  "CREATE TRIGGER activities_summary_delete AFTER DELETE ON activities"
  " WHEN OLD.client_id IS NOT NULL BEGIN "
  KL_SQL_REFRESH_ACTIVITIES ("id = OLD.client_id")
  " END;"

  "CREATE TRIGGER deals_summary_insert AFTER INSERT ON deals BEGIN "
  KL_SQL_REFRESH_PIPELINE ("id = NEW.client_id")
  " END;"
  "CREATE TRIGGER deals_summary_update AFTER UPDATE OF client_id, stage, amount, currency ON deals BEGIN "
  KL_SQL_REFRESH_PIPELINE ("id = OLD.client_id")
  KL_SQL_REFRESH_PIPELINE ("id = NEW.client_id AND NEW.client_id IS NOT OLD.client_id")
  " END;"
  "CREATE TRIGGER deals_summary_delete AFTER DELETE ON deals BEGIN "
  KL_SQL_REFRESH_PIPELINE ("id = OLD.client_id")
  " END;"

  "CREATE TRIGGER invoices_summary_insert AFTER INSERT ON invoices BEGIN "
  KL_SQL_REFRESH_DEBT ("id = NEW.client_id")
  " END;"
  "CREATE TRIGGER invoices_summary_update AFTER UPDATE OF client_id, status, due_date, amount, currency"
  " ON invoices BEGIN "
  KL_SQL_REFRESH_DEBT ("id = OLD.client_id")
  KL_SQL_REFRESH_DEBT ("id = NEW.client_id AND NEW.client_id IS NOT OLD.client_id")
  " END;"
  "CREATE TRIGGER invoices_summary_delete AFTER DELETE ON invoices BEGIN "
  KL_SQL_REFRESH_DEBT ("id = OLD.client_id")
  " END;"

  "CREATE TRIGGER payments_summary_insert AFTER INSERT ON payments BEGIN "
  KL_SQL_REFRESH_DEBT ("id = (SELECT client_id FROM invoices WHERE id = NEW.invoice_id)")
  " END;"
  "CREATE TRIGGER payments_summary_update AFTER UPDATE OF invoice_id, amount ON payments BEGIN "
  KL_SQL_REFRESH_DEBT ("id = (SELECT client_id FROM invoices WHERE id = OLD.invoice_id)")
  KL_SQL_REFRESH_DEBT ("id = (SELECT client_id FROM invoices WHERE id = NEW.invoice_id)"
                       " AND NEW.invoice_id IS NOT OLD.invoice_id")
  " END;"
  "CREATE TRIGGER payments_summary_delete AFTER DELETE ON payments BEGIN "
  KL_SQL_REFRESH_DEBT ("id = (SELECT client_id FROM invoices WHERE id = OLD.invoice_id)")
  " END;",

  /* 3: imports of many clients, searches with filters.
   *
   * - The search index may trail client_docs: search_pending holds the
   *   documents not yet in it, which the client list then tests with LIKE
   *   (kl_search_update_index()). A bulk insert may set search_deferred
   *   row 2 and list its documents there instead of indexing them.
   * - Documents end with filter words (KL_SQL_FILTER_WORDS), written again
   *   with the index, whose tokenizer now keeps "_" in words, and with
   *   every trigger that writes them.
   * - clients_filter ends with the sort key, so that a search with filters
   *   sorts by name without reading the clients' rows. (A large import
   *   drops it and the other indexes only the client list reads; the list
   *   makes them again: kl-bulk.c.) */
  "DROP INDEX clients_filter;"
  "CREATE INDEX clients_filter ON clients (status, segment, source, manager_id, overdue_debt,"
  "                                        last_contact_at, sort_key);"
  "CREATE TABLE search_pending ("
  "  id INTEGER PRIMARY KEY"
  ");"
  "DROP TRIGGER client_docs_insert;"
  "DROP TRIGGER client_docs_delete;"
  "DROP TRIGGER client_docs_update;"
  "DROP TRIGGER clients_search_insert;"
  "DROP TRIGGER clients_search_update;"
  "DROP TRIGGER contacts_search_insert;"
  "DROP TRIGGER contacts_search_update;"
  "DROP TRIGGER contacts_search_delete;"
  "DROP TABLE client_search;"
  "DELETE FROM client_docs;"
  "INSERT INTO client_docs (id, doc) SELECT c.id, " KL_SQL_CLIENT_DOC " FROM clients c;"
  "CREATE VIRTUAL TABLE client_search USING fts5 ("
  "  doc,"
  "  content = 'client_docs',"
  "  content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 0 tokenchars ''_''',"
  "  prefix = '1 2 3 4',"
  "  detail = none"
  ");"
  "INSERT INTO client_search (client_search) VALUES ('rebuild');"
  "CREATE TRIGGER client_docs_insert AFTER INSERT ON client_docs"
  " WHEN NOT EXISTS (SELECT 1 FROM search_deferred WHERE id = 2) BEGIN"
  " INSERT INTO client_search (rowid, doc) VALUES (NEW.id, NEW.doc);"
  " END;"
  "CREATE TRIGGER client_docs_delete AFTER DELETE ON client_docs BEGIN"
  " INSERT INTO client_search (client_search, rowid, doc) SELECT 'delete', OLD.id, OLD.doc"
  "  WHERE NOT EXISTS (SELECT 1 FROM search_pending WHERE id = OLD.id);"
  " DELETE FROM search_pending WHERE id = OLD.id;"
  " END;"
  "CREATE TRIGGER client_docs_update AFTER UPDATE ON client_docs"
  " WHEN NOT EXISTS (SELECT 1 FROM search_pending WHERE id = OLD.id) BEGIN"
  " INSERT INTO client_search (client_search, rowid, doc) VALUES ('delete', OLD.id, OLD.doc);"
  " INSERT INTO client_search (rowid, doc) VALUES (NEW.id, NEW.doc);"
  " END;"
  "CREATE TRIGGER clients_search_insert AFTER INSERT ON clients"
  " WHEN NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN "
  KL_SQL_REFRESH_SEARCH ("NEW.id")
  " END;"
  "CREATE TRIGGER clients_search_update"
  " AFTER UPDATE OF search_key, status, segment, source, manager_id, overdue_debt ON clients"
  " WHEN NEW.search_key IS NOT OLD.search_key OR NEW.status IS NOT OLD.status"
  "  OR NEW.segment IS NOT OLD.segment OR NEW.source IS NOT OLD.source"
  "  OR NEW.manager_id IS NOT OLD.manager_id OR (NEW.overdue_debt > 0) IS NOT (OLD.overdue_debt > 0) BEGIN "
  KL_SQL_REFRESH_SEARCH ("NEW.id")
  " END;"
  "CREATE TRIGGER contacts_search_insert AFTER INSERT ON contacts"
  " WHEN NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN "
  KL_SQL_REFRESH_SEARCH ("NEW.client_id")
  " END;"
  "CREATE TRIGGER contacts_search_update AFTER UPDATE OF client_id, search_key ON contacts"
  " WHEN NEW.search_key IS NOT OLD.search_key OR NEW.client_id IS NOT OLD.client_id BEGIN "
  KL_SQL_REFRESH_SEARCH ("OLD.client_id")
  KL_SQL_REFRESH_SEARCH ("NEW.client_id")
  " END;"
  "CREATE TRIGGER contacts_search_delete AFTER DELETE ON contacts BEGIN "
  KL_SQL_REFRESH_SEARCH ("OLD.client_id")
  " END;",

  /* 4: the sales funnel (kl-funnel.c). Each deal carries the sums of its
   * stage history (kl-funnel-sql.h), kept by the triggers below, and one
   * index covers every column a funnel reads, by creation time: a cohort
   * is one range of it. */
  "ALTER TABLE deals ADD COLUMN funnel_reached INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE deals ADD COLUMN funnel_lost_at INTEGER;"
  "ALTER TABLE deals ADD COLUMN funnel_first_at TEXT;"
  "ALTER TABLE deals ADD COLUMN funnel_won_at TEXT;"
  "ALTER TABLE deals ADD COLUMN funnel_entered_at TEXT;"
  "ALTER TABLE deals ADD COLUMN funnel_days_0 REAL;"
  "ALTER TABLE deals ADD COLUMN funnel_days_1 REAL;"
  "ALTER TABLE deals ADD COLUMN funnel_days_2 REAL;"
  "ALTER TABLE deals ADD COLUMN funnel_days_3 REAL;"
  "ALTER TABLE deals ADD COLUMN funnel_days_4 REAL;"
  KL_SQL_REFRESH_FUNNEL ("1")
  "CREATE INDEX deals_funnel ON deals (created_at, manager_id, currency, amount,"
  "                                    funnel_reached, funnel_lost_at, funnel_first_at,"
  "                                    funnel_won_at, funnel_days_0, funnel_days_1,"
  "                                    funnel_days_2, funnel_days_3, funnel_days_4, lost_reason);"
  "CREATE TRIGGER deal_stage_history_append AFTER INSERT ON deal_stage_history"
  " WHEN " KL_SQL_FUNNEL_IS_APPEND " BEGIN "
  KL_SQL_APPEND_FUNNEL
  " END;"
  "CREATE TRIGGER deal_stage_history_insert AFTER INSERT ON deal_stage_history"
  " WHEN NOT " KL_SQL_FUNNEL_IS_APPEND " BEGIN "
  KL_SQL_REFRESH_FUNNEL ("id = NEW.deal_id")
  " END;"
  "CREATE TRIGGER deal_stage_history_update AFTER UPDATE ON deal_stage_history BEGIN "
  KL_SQL_REFRESH_FUNNEL ("id = OLD.deal_id")
  KL_SQL_REFRESH_FUNNEL ("id = NEW.deal_id AND NEW.deal_id IS NOT OLD.deal_id")
  " END;"
  "CREATE TRIGGER deal_stage_history_delete AFTER DELETE ON deal_stage_history BEGIN "
  KL_SQL_REFRESH_FUNNEL ("id = OLD.deal_id")
  " END;",

  /* 5: receivables (src/model/invoices/kl-receivables.c). Each invoice
   * carries the sum of its payments (paid), kept by the triggers below, and
   * one partial index covers every column the ageing reads of the invoices
   * still open: issued, and paid less than the amount. Ageing, debtors and
   * the credit check read only that index, however many invoices are paid.
   * A client keeps when its last payment reminder went out. */
  "ALTER TABLE invoices ADD COLUMN paid INTEGER NOT NULL DEFAULT 0;"
  "UPDATE invoices SET paid = coalesce ((SELECT sum(p.amount) FROM payments p"
  "                                      WHERE p.invoice_id = invoices.id), 0);"
  "CREATE INDEX invoices_open ON invoices (currency, client_id, due_date, amount, paid)"
  " WHERE status = 'issued' AND paid < amount;"
  "ALTER TABLE clients ADD COLUMN last_reminder_at TEXT;"
  "CREATE TRIGGER payments_paid_insert AFTER INSERT ON payments BEGIN"
  " UPDATE invoices SET paid = paid + NEW.amount WHERE id = NEW.invoice_id;"
  " END;"
  "CREATE TRIGGER payments_paid_update AFTER UPDATE OF invoice_id, amount ON payments BEGIN"
  " UPDATE invoices SET paid = paid - OLD.amount WHERE id = OLD.invoice_id;"
  " UPDATE invoices SET paid = paid + NEW.amount WHERE id = NEW.invoice_id;"
  " END;"
  "CREATE TRIGGER payments_paid_delete AFTER DELETE ON payments BEGIN"
  " UPDATE invoices SET paid = paid - OLD.amount WHERE id = OLD.invoice_id;"
  " END;",

  /* 6: contracts (issue 11). The requisites a contract names: for Russia
   * KPP, OGRN or OGRNIP, the bank's BIK, the settlement and correspondent
   * accounts; for Croatia the IBAN. A contract remembers the contract it
   * renews and the offer it came from; the own company's logo is one row. */
  "ALTER TABLE clients ADD COLUMN kpp TEXT;"
  "ALTER TABLE clients ADD COLUMN ogrn TEXT;"
  "ALTER TABLE clients ADD COLUMN iban TEXT;"
  "ALTER TABLE clients ADD COLUMN bank_name TEXT;"
  "ALTER TABLE clients ADD COLUMN bik TEXT;"
  "ALTER TABLE clients ADD COLUMN bank_account TEXT;"
  "ALTER TABLE clients ADD COLUMN corr_account TEXT;"
  "ALTER TABLE contracts ADD COLUMN renewal_of INTEGER REFERENCES contracts (id) ON DELETE SET NULL;"
  "ALTER TABLE contracts ADD COLUMN offer_id INTEGER REFERENCES offers (id) ON DELETE SET NULL;"
  "CREATE INDEX contracts_renewal_of ON contracts (renewal_of);"
  "CREATE TABLE company_logo ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  data BLOB NOT NULL CHECK (length(data) > 0)"
  ");",

  /* 7: key figures against the sales plan (kl-kpi.c): an activity where a
   * referral was asked for, and the plan's targets for each figure (the
   * shares in whole per cent; 0 is no target). */
  "ALTER TABLE activities ADD COLUMN referral_asked INTEGER NOT NULL DEFAULT 0"
  "  CHECK (referral_asked IN (0, 1));"
  "ALTER TABLE sales_plans ADD COLUMN events_target INTEGER NOT NULL DEFAULT 0"
  "  CHECK (events_target >= 0);"
  "ALTER TABLE sales_plans ADD COLUMN referrals_asked_target INTEGER NOT NULL DEFAULT 0"
  "  CHECK (referrals_asked_target >= 0);"
  "ALTER TABLE sales_plans ADD COLUMN referrals_target INTEGER NOT NULL DEFAULT 0"
  "  CHECK (referrals_target >= 0);"
  "ALTER TABLE sales_plans ADD COLUMN decision_maker_target INTEGER NOT NULL DEFAULT 0"
  "  CHECK (decision_maker_target BETWEEN 0 AND 100);"
  "ALTER TABLE sales_plans ADD COLUMN meetings_per_deal_target INTEGER NOT NULL DEFAULT 0"
  "  CHECK (meetings_per_deal_target >= 0);"
  "ALTER TABLE sales_plans ADD COLUMN conversion_target INTEGER NOT NULL DEFAULT 0"
  "  CHECK (conversion_target BETWEEN 0 AND 100);"
  "ALTER TABLE sales_plans ADD COLUMN alternation_target INTEGER NOT NULL DEFAULT 0"
  "  CHECK (alternation_target BETWEEN 0 AND 100);",

  /* 8: what the workbook counts over a period read from indexes alone:
   * the done activities by kind and manager (activities_status, wider by
   * the columns counted), the new clients and those who came by referral
   * by manager. */
  "DROP INDEX activities_status;"
  "CREATE INDEX activities_status ON activities (status, starts_at, kind, manager_id);"
  "CREATE INDEX clients_created ON clients (created_at, manager_id, source);",

  /* 9: the pipeline board (kl-pipeline-board.c). A column's page, newest
   * in the stage first, is one range of deals_board; the headers' counts
   * and sums per currency read deals_stage alone. */
  "CREATE INDEX deals_board ON deals (stage, funnel_entered_at);"
  "DROP INDEX deals_stage;"
  "CREATE INDEX deals_stage ON deals (stage, manager_id, currency, amount);",

  /* 10: competitors (src/model/competitors/): what they sell and how their
   * prices stand against ours. */
  "ALTER TABLE competitors ADD COLUMN products TEXT;"
  "ALTER TABLE competitors ADD COLUMN price_level TEXT"
  "  CHECK (price_level IN ('lower', 'similar', 'higher'));",

  /* 11: the debtors list (kl-debtor-list.c): what each client owes in
   * each currency, its ageing on one day and the client's name, kept by
   * the triggers below (kl-receivables-sql.h), so that the list reads
   * one range of the primary key. */
  "CREATE TABLE receivables_day ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  day TEXT NOT NULL"
  ");"
  "INSERT INTO receivables_day (id, day) VALUES (1, " KL_SQL_TODAY ");"
  "CREATE TABLE receivables ("
  "  currency TEXT NOT NULL,"
  "  oldest_due TEXT NOT NULL,"
  "  client_id INTEGER NOT NULL,"
  "  balance INTEGER NOT NULL,"
  "  n_invoices INTEGER NOT NULL,"
  "  not_due INTEGER NOT NULL,"
  "  d1_30 INTEGER NOT NULL,"
  "  d31_60 INTEGER NOT NULL,"
  "  d61_90 INTEGER NOT NULL,"
  "  over_90 INTEGER NOT NULL,"
  "  next_change TEXT,"
  "  name TEXT NOT NULL,"
  "  sort_key TEXT NOT NULL,"
  "  last_reminder_at TEXT,"
  "  PRIMARY KEY (currency, oldest_due, client_id)"
  ") WITHOUT ROWID;"
  "CREATE UNIQUE INDEX receivables_client ON receivables (client_id, currency);"
  "CREATE INDEX receivables_next_change ON receivables (next_change) WHERE next_change IS NOT NULL;"
  KL_SQL_FILL_RECEIVABLES
  "CREATE TRIGGER invoices_receivables_insert AFTER INSERT ON invoices BEGIN "
  KL_SQL_REFRESH_RECEIVABLES ("NEW.client_id", "NEW.currency")
  " END;"
  "CREATE TRIGGER invoices_receivables_update"
  " AFTER UPDATE OF client_id, currency, status, due_date, amount, paid ON invoices BEGIN "
  KL_SQL_REFRESH_RECEIVABLES ("OLD.client_id", "OLD.currency")
  KL_SQL_REFRESH_RECEIVABLES ("NEW.client_id", "NEW.currency")
  " END;"
  "CREATE TRIGGER invoices_receivables_delete AFTER DELETE ON invoices BEGIN "
  KL_SQL_REFRESH_RECEIVABLES ("OLD.client_id", "OLD.currency")
  " END;"
  "CREATE TRIGGER clients_receivables_update"
  " AFTER UPDATE OF name, sort_key, last_reminder_at ON clients BEGIN"
  " UPDATE receivables SET name = NEW.name, sort_key = NEW.sort_key,"
  "   last_reminder_at = NEW.last_reminder_at WHERE client_id = NEW.id;"
  " END;",
};
