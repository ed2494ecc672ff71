/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kl-activity-list.h"
#include "kl-client-ops.h"
#include "kl-entities.h"
#include "kl-search.h"
#include "kl-session.h"
#include "kl-test.h"
#include "kl-text.h"
#include "kl-validation.h"

#define TODAY "2026-03-15"

typedef struct {
  char      *dir;
  char      *path;
  KlSession *session;
  KlStore   *clients;
  guint      invoice_number;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->session = kl_test_open_session ("ops", &f->dir, &f->path);
  f->clients = kl_session_get_store (f->session, KL_TYPE_CLIENT);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_close_session (&f->session, &f->dir, &f->path);
}

static KlDatabase *
db (Fixture *f)
{
  return kl_session_get_database (f->session);
}

static gint64
count (Fixture    *f,
       const char *format,
       ...) G_GNUC_PRINTF (2, 3);

static gint64
count (Fixture    *f,
       const char *format,
       ...)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  /* Not the statement cache: these texts are made once per call. */
  g_assert_cmpint (sqlite3_prepare_v2 (kl_database_get_handle (db (f)), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (Fixture    *f,
            const char *sql,
            gint64      id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (kl_database_get_handle (db (f)), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
}

static void
exec (Fixture    *f,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  kl_database_exec (db (f), sql, &error);
  g_assert_no_error (error);
}

static gint64
insert (Fixture  *f,
        gpointer  entity)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) owned = entity;

  kl_store_insert (kl_session_get_store (f->session, G_OBJECT_TYPE (owned)), owned, &error);
  g_assert_no_error (error);
  return kl_entity_get_id (owned);
}

static gint64
insert_client (Fixture    *f,
               const char *name)
{
  return insert (f, g_object_new (KL_TYPE_CLIENT, "name", name, NULL));
}

/* An invoice of @amount paid in full on @paid_date. */
static gint64
pay (Fixture    *f,
     gint64      client_id,
     gint64      amount,
     const char *paid_date)
{
  g_autofree char *number = g_strdup_printf ("R-%u", ++f->invoice_number);
  gint64 invoice_id = insert (f, g_object_new (KL_TYPE_INVOICE, "client-id", client_id, "number", number,
                                               "issue-date", "2024-01-01", "due-date", "2024-01-31",
                                               "amount", amount, NULL));

  return insert (f, g_object_new (KL_TYPE_PAYMENT, "invoice-id", invoice_id, "paid-date", paid_date,
                                  "amount", amount, NULL));
}

static char *
segment_of (Fixture *f,
            gint64   client_id)
{
  return query_text (f, "SELECT coalesce(segment, '-') FROM clients WHERE id = ?", client_id);
}

/* A valid Croatian OIB from ten digits (ISO 7064 MOD 11,10). */
static char *
make_oib (const char *ten)
{
  int a = 10;

  for (int i = 0; i < 10; i++)
    {
      a = (a + (ten[i] - '0')) % 10;
      if (a == 0)
        a = 10;
      a = (a * 2) % 11;
    }

  return g_strdup_printf ("%s%d", ten, (11 - a) % 10);
}

static void
on_changed (KlStore *store,
            int      change,
            gint64   id,
            guint   *calls)
{
  (*calls)++;
}

/* ABC segments */

static void
test_segments_abc (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  /* Revenues 50, 30, 10, 5, 3, 2 (total 100). The share of the total
   * before each client, in order: 0 % → A, 50 % → A (still under 80),
   * 80 % → B (not under 80, under 95), 90 % → B, 95 % → C (not under 95),
   * 98 % → C. Clients without revenue in the window are C. */
  const gint64 revenue[] = { 50, 30, 10, 5, 3, 2 };
  const char *expected[] = { "A", "A", "B", "B", "C", "C" };
  gint64 ids[G_N_ELEMENTS (revenue)];
  gint64 idle, too_old, boundary;
  guint calls = 0;

  /* Inserted in a jumbled order, so rank is not insertion order. */
  for (guint i = 0; i < G_N_ELEMENTS (revenue); i++)
    {
      guint k = (i * 5) % G_N_ELEMENTS (revenue);
      g_autofree char *name = g_strdup_printf ("Klijent %u", k);

      ids[k] = insert_client (f, name);
    }
  for (guint i = 0; i < G_N_ELEMENTS (revenue); i++)
    {
      /* Split in two payments, one on the last day of the window. */
      pay (f, ids[i], revenue[i] * 100 - 1, "2025-06-01");
      pay (f, ids[i], 1, TODAY);
    }
  idle = insert_client (f, "Bez prometa");
  too_old = insert_client (f, "Stari promet");
  pay (f, too_old, 1000000, "2025-03-14");
  boundary = insert_client (f, "Granica");
  pay (f, boundary, 1000000, "2025-03-15");   /* today − 12 months: outside */
  pay (f, ids[0], 1000000, "2026-03-16");      /* after today: outside */

  g_signal_connect (f->clients, "changed", G_CALLBACK (on_changed), &calls);
  g_assert_true (kl_clients_recompute_segments (f->session, TODAY, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (revenue); i++)
    {
      g_autofree char *segment = segment_of (f, ids[i]);

      g_assert_cmpstr (segment, ==, expected[i]);
    }
  {
    g_autofree char *a = segment_of (f, idle);
    g_autofree char *b = segment_of (f, too_old);
    g_autofree char *c = segment_of (f, boundary);

    g_assert_cmpstr (a, ==, "C");
    g_assert_cmpstr (b, ==, "C");
    g_assert_cmpstr (c, ==, "C");
  }

  /* Every client went from no segment to one: nine audit rows. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE action = 'update' AND field = 'segment'"), ==, 9);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE action = 'update' AND field = 'segment'"
                             " AND old_value IS NULL AND new_value = 'A' AND row_id = %" G_GINT64_FORMAT, ids[1]), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE field = 'segment'"
                             " AND (changed_at IS NULL OR table_name <> 'clients')"), ==, 0);

  /* Nothing changed: nothing written. */
  g_assert_true (kl_clients_recompute_segments (f->session, TODAY, &error));
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE field = 'segment'"), ==, 9);
  g_assert_cmpuint (calls, ==, 2);

  /* The idle client pays 100: total 200; before each, in order: 100 → 0 %
   * → A, 50 → 50 % → A, 30 → 75 % → A, 10 → 90 % → B, 5 → 95 % → C,
   * 3 → C, 2 → C. Changed: idle C→A, ids[3] B→C — two rows. */
  pay (f, idle, 10000, "2026-01-10");
  g_assert_true (kl_clients_recompute_segments (f->session, TODAY, &error));
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE field = 'segment'"), ==, 11);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE field = 'segment' AND old_value = 'B'"
                             " AND new_value = 'C' AND row_id = %" G_GINT64_FORMAT, ids[3]), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE field = 'segment' AND old_value = 'C'"
                             " AND new_value = 'A' AND row_id = %" G_GINT64_FORMAT, idle), ==, 1);

  /* A bad day is refused before anything is touched. */
  g_assert_false (kl_clients_recompute_segments (f->session, "2026-02-30", &error));
  g_assert_nonnull (error);
  g_signal_handlers_disconnect_by_data (f->clients, &calls);
}

static void
on_recomputed (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GError **error = user_data;

  if (!kl_clients_recompute_segments_finish (KL_SESSION (object), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

/* The async recompute runs on a connection of its own, writes the same
 * segments, and the session's client store then says many rows changed;
 * a bad day comes back as an error. */
static void
test_segments_async (Fixture       *f,
                     gconstpointer  data)
{
  GError *done = NULL;
  gint64 big = insert_client (f, "Veliki kupac");
  gint64 small = insert_client (f, "Mali kupac");
  guint calls = 0;

  pay (f, big, 900000, "2026-01-10");
  pay (f, small, 100, "2026-01-10");
  g_signal_connect (f->clients, "changed", G_CALLBACK (on_changed), &calls);

  kl_clients_recompute_segments_async (f->session, TODAY, NULL, on_recomputed, &done);
  while (done == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (done, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&done);
  g_assert_cmpuint (calls, ==, 1);
  {
    g_autofree char *a = segment_of (f, big);
    g_autofree char *c = segment_of (f, small);

    g_assert_cmpstr (a, ==, "A");
    g_assert_cmpstr (c, ==, "C");
  }

  kl_clients_recompute_segments_async (f->session, "2026-02-30", NULL, on_recomputed, &done);
  while (done == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (g_error_matches (done, G_IO_ERROR, G_IO_ERROR_EXISTS));
  g_clear_error (&done);
  g_assert_cmpuint (calls, ==, 1);
  g_signal_handlers_disconnect_by_data (f->clients, &calls);
}

/* Duplicates */

static void
test_duplicate_keys (void)
{
  struct { const char *name, *key; } names[] = {
    { "Romaška d.o.o.", "romaska" },
    { "ROMAŠKA, d. o. o.", "romaska" },
    { "Romaška d.o.o. za trgovinu i usluge", "romaska" },
    { "ООО «Ромашка»", "ромашка" },
    { "Ромашка, ООО", "ромашка" },
    { "\"Ромашка\" АО", "ромашка" },
    { "Đuro Đaković obrt", "duro dakovic" },
    { "Obrt", "obrt" },
    { "  Auto-centar   Jurić j.d.o.o. ", "auto centar juric" },
    { "", "" },
  };
  struct { const char *phone, *key; } phones[] = {
    { "+385 1 234 5678", "12345678" },
    { "01 234 5678", "12345678" },
    { "00385 1 2345-678", "12345678" },
    { "+385 91 234 5678", "912345678" },
    { "091/234-5678", "912345678" },
    { "+7 (495) 123-45-67", "951234567" },
    { "8 495 123 45 67", "951234567" },
    { "74951234567", "951234567" },
    { "+49 30 1234567", "301234567" },
    { "12-34", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *key = kl_client_name_key (names[i].name);

      g_assert_cmpstr (key, ==, names[i].key);
    }
  for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
    {
      g_autofree char *key = kl_phone_key (phones[i].phone);

      g_assert_cmpstr (key, ==, phones[i].key);
    }
}

static GPtrArray *
find (Fixture  *f,
      KlEntity *client)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *found = kl_clients_find_duplicates (f->session, KL_CLIENT (client), &error);

  g_assert_no_error (error);
  g_assert_nonnull (found);
  return found;
}

static void
assert_one (GPtrArray         *found,
            gint64             client_id,
            KlDuplicateReason  reason,
            const char        *description)
{
  KlDuplicate *duplicate;

  g_assert_cmpuint (found->len, ==, 1);
  duplicate = g_ptr_array_index (found, 0);
  g_assert_cmpint (duplicate->client_id, ==, client_id);
  g_assert_cmpint (duplicate->reason, ==, reason);
  g_assert_cmpstr (duplicate->description, ==, description);
}

static void
test_duplicates (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *oib = make_oib ("1234567890");
  g_autofree char *other_oib = make_oib ("9876543210");
  gint64 romaska = insert (f, g_object_new (KL_TYPE_CLIENT, "name", "Romaška d.o.o.", "tax-id", oib,
                                            "email", "Info@Romaska.hr", "phone", "+385 1 234 5678", NULL));
  gint64 ru = insert (f, g_object_new (KL_TYPE_CLIENT, "name", "ООО «Ромашка»", "country", "RU",
                                       "phone", "+7 495 123 45 67", NULL));
  gint64 with_contact = insert_client (f, "Zvijezda d.d.");

  insert (f, g_object_new (KL_TYPE_CONTACT, "client-id", with_contact, "name", "Ana Horvat",
                           "email", "ana@example.hr", "phone", "091 234 5678", NULL));
  /* Noise around the names. */
  insert_client (f, "Romaškin vrt d.o.o.");
  insert_client (f, "Romashka");
  insert_client (f, "ООО «Ромашка-Плюс»");

  {
    g_autoptr(KlEntity) same_tax = g_object_new (KL_TYPE_CLIENT, "name", "Posve drukčije ime", "tax-id", oib, NULL);
    g_autoptr(GPtrArray) found = find (f, same_tax);

    assert_one (found, romaska, KL_DUPLICATE_TAX_ID, "Same tax ID as “Romaška d.o.o.”");
  }
  {
    g_autoptr(KlEntity) same_name = g_object_new (KL_TYPE_CLIENT, "name", "ROMAŠKA, d. o. o. za usluge", NULL);
    g_autoptr(GPtrArray) found = find (f, same_name);

    assert_one (found, romaska, KL_DUPLICATE_NAME, "Same name as “Romaška d.o.o.”");
  }
  {
    /* Typed without diacritics: found through the folded search index. */
    g_autoptr(KlEntity) same_name = g_object_new (KL_TYPE_CLIENT, "name", "Romaska doo", NULL);
    g_autoptr(GPtrArray) found = find (f, same_name);

    assert_one (found, romaska, KL_DUPLICATE_NAME, "Same name as “Romaška d.o.o.”");
  }
  {
    g_autoptr(KlEntity) same_name = g_object_new (KL_TYPE_CLIENT, "name", "Ромашка ООО", "country", "RU", NULL);
    g_autoptr(GPtrArray) found = find (f, same_name);

    assert_one (found, ru, KL_DUPLICATE_NAME, "Same name as “ООО «Ромашка»”");
  }
  {
    g_autoptr(KlEntity) same_email = g_object_new (KL_TYPE_CLIENT, "name", "Nešto", "email", "INFO@romaska.HR", NULL);
    g_autoptr(GPtrArray) found = find (f, same_email);

    assert_one (found, romaska, KL_DUPLICATE_EMAIL, "Same e-mail address as “Romaška d.o.o.”");
  }
  {
    g_autoptr(KlEntity) contact_email = g_object_new (KL_TYPE_CLIENT, "name", "Nešto", "email", "Ana@Example.hr", NULL);
    g_autoptr(GPtrArray) found = find (f, contact_email);

    assert_one (found, with_contact, KL_DUPLICATE_EMAIL,
                "Same e-mail address as Ana Horvat, a contact of “Zvijezda d.d.”");
  }
  {
    g_autoptr(KlEntity) same_phone = g_object_new (KL_TYPE_CLIENT, "name", "Nešto", "phone", "01 2345 678", NULL);
    g_autoptr(GPtrArray) found = find (f, same_phone);

    assert_one (found, romaska, KL_DUPLICATE_PHONE, "Same phone number as “Romaška d.o.o.”");
  }
  {
    g_autoptr(KlEntity) ru_phone = g_object_new (KL_TYPE_CLIENT, "name", "Другое", "country", "RU",
                                                 "phone", "8 (495) 123-45-67", NULL);
    g_autoptr(GPtrArray) found = find (f, ru_phone);

    assert_one (found, ru, KL_DUPLICATE_PHONE, "Same phone number as “ООО «Ромашка»”");
  }
  {
    g_autoptr(KlEntity) contact_phone = g_object_new (KL_TYPE_CLIENT, "name", "Nešto", "phone", "+385 91 234 5678", NULL);
    g_autoptr(GPtrArray) found = find (f, contact_phone);

    assert_one (found, with_contact, KL_DUPLICATE_PHONE,
                "Same phone number as Ana Horvat, a contact of “Zvijezda d.d.”");
  }
  /* Several reasons, one entry each, in reason order. */
  {
    g_autoptr(KlEntity) all = g_object_new (KL_TYPE_CLIENT, "name", "Romaška j.d.o.o.", "tax-id", oib,
                                            "email", "info@romaska.hr", "phone", "+38512345678", NULL);
    g_autoptr(GPtrArray) found = find (f, all);

    g_assert_cmpuint (found->len, ==, 4);
    for (guint i = 0; i < found->len; i++)
      {
        KlDuplicate *duplicate = g_ptr_array_index (found, i);

        g_assert_cmpint (duplicate->client_id, ==, romaska);
        g_assert_cmpint (duplicate->reason, ==, (int)i);
      }
  }
  /* A distinct client matches nothing. */
  {
    g_autoptr(KlEntity) distinct = g_object_new (KL_TYPE_CLIENT, "name", "Sunce j.d.o.o.", "tax-id", other_oib,
                                                 "email", "sunce@example.hr", "phone", "+385 21 555 666", NULL);
    g_autoptr(GPtrArray) found = find (f, distinct);

    g_assert_cmpuint (found->len, ==, 0);
  }
  /* A saved client is never its own duplicate, but its contacts count. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(KlEntity) saved = kl_store_get (f->clients, romaska, &error);
    g_autoptr(GPtrArray) found = NULL;

    g_assert_no_error (error);
    found = find (f, saved);
    g_assert_cmpuint (found->len, ==, 0);

    insert (f, g_object_new (KL_TYPE_CONTACT, "client-id", romaska, "name", "Ivo",
                             "phone", "+385 91 2345678", NULL));
    g_clear_pointer (&found, g_ptr_array_unref);
    found = find (f, saved);
    assert_one (found, with_contact, KL_DUPLICATE_PHONE,
                "Same phone number as Ana Horvat, a contact of “Zvijezda d.d.”");
  }
}

/* Run with -m perf: 100 000 clients, then time the look-ups. */
static void
test_duplicates_performance (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *handle = kl_database_get_handle (db (f));
  g_autoptr(sqlite3_stmt) client_stmt = NULL;
  g_autoptr(sqlite3_stmt) contact_stmt = NULL;
  const char *words[] = { "Auto", "Trgovina", "Ромашка", "Zvijezda", "Sunce", "Metal", "Građa", "Servis" };
  g_autoptr(GTimer) timer = NULL;
  const guint n = 100000;
  const guint rounds = 50;

  if (!g_test_perf ())
    {
      g_test_skip ("a benchmark: run with -m perf");
      return;
    }

  g_assert_true (kl_database_begin (db (f), &error));
  /* The keys as the entities derive them (kl-entities.c). */
  sqlite3_prepare_v2 (handle, "INSERT INTO clients (name, tax_id, email, phone, sort_key, search_key,"
                      " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'x', 'x')", -1, &client_stmt, NULL);
  sqlite3_prepare_v2 (handle, "INSERT INTO contacts (client_id, name, email, phone, search_key, created_at,"
                      " updated_at) VALUES (?, 'Osoba', ?, ?, ?, 'x', 'x')", -1, &contact_stmt, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %u %s", words[i % G_N_ELEMENTS (words)], i,
                                               i % 3 == 0 ? "d.o.o." : i % 3 == 1 ? "j.d.o.o." : "obrt");
      g_autofree char *sort_key = kl_text_sort_key (name);
      g_autofree char *tax = g_strdup_printf ("%011u", i);
      g_autofree char *email = g_strdup_printf ("info%u@example.hr", i);
      g_autofree char *phone = g_strdup_printf ("+385 1 %03u %04u", i / 10000, i % 10000);
      g_autofree char *contact_email = g_strdup_printf ("osoba%u@example.hr", i);
      g_autofree char *contact_phone = g_strdup_printf ("091 %03u %04u", i / 10000, i % 10000);
      const char *client_fields[] = { name, tax, NULL, phone, email };
      const char *contact_fields[] = { "Osoba", contact_email, contact_phone };
      g_autofree char *search_key = kl_search_key (client_fields, G_N_ELEMENTS (client_fields));
      g_autofree char *contact_key = kl_search_key (contact_fields, G_N_ELEMENTS (contact_fields));

      sqlite3_bind_text (client_stmt, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (client_stmt, 2, tax, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (client_stmt, 3, email, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (client_stmt, 4, phone, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (client_stmt, 5, sort_key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (client_stmt, 6, search_key, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (client_stmt), ==, SQLITE_DONE);
      sqlite3_reset (client_stmt);

      sqlite3_bind_int64 (contact_stmt, 1, sqlite3_last_insert_rowid (handle));
      sqlite3_bind_text (contact_stmt, 2, contact_email, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (contact_stmt, 3, contact_phone, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (contact_stmt, 4, contact_key, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (contact_stmt), ==, SQLITE_DONE);
      sqlite3_reset (contact_stmt);
    }
  g_assert_true (kl_database_commit (db (f), &error));
  /* One real duplicate among 12 500 names that start with its word. */
  insert_client (f, "Auto d.o.o.");
  exec (f, "ANALYZE");

  {
    struct {
      const char *label;
      const char *name, *tax_id, *email, *phone;
      guint expected;
    } cases[] = {
      { "tax ID", "Novo ime", "00000012345", NULL, NULL, 1 },
      { "name", "AUTO 4000, d.o.o.", NULL, NULL, NULL, 1 },
      { "name (a word 12 500 names start with)", "AUTO", NULL, NULL, NULL, 1 },
      { "e-mail", "Novo ime", NULL, "INFO777@example.hr", NULL, 1 },
      { "phone", "Novo ime", NULL, NULL, "01 009 9999", 1 },
      { "everything", "Metal 5 obrt", "00000054321", "osoba1@example.hr", "+385 91 003 0003", 4 },
    };

    for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
      {
        g_autoptr(KlEntity) client = g_object_new (KL_TYPE_CLIENT, "name", cases[c].name, "tax-id", cases[c].tax_id,
                                                   "email", cases[c].email, "phone", cases[c].phone, NULL);
        double elapsed;

        timer = g_timer_new ();
        for (guint r = 0; r < rounds; r++)
          {
            g_autoptr(GPtrArray) found = find (f, client);

            g_assert_cmpuint (found->len, ==, cases[c].expected);
          }
        elapsed = g_timer_elapsed (timer, NULL) / rounds;
        g_clear_pointer (&timer, g_timer_destroy);
        g_test_minimized_result (elapsed * 1000, "duplicates by %s on %u clients: %.2f ms",
                                 cases[c].label, n, elapsed * 1000);
        g_test_message ("duplicates by %s on %u clients and %u contacts: %.2f ms", cases[c].label, n, n,
                        elapsed * 1000);
      }
  }
}

/* Merge */

typedef struct {
  gint64 survivor, duplicate, manager, contact, deal, contract, invoice, payment, activity, complaint, offer;
} MergeRows;

static void
make_merge_rows (Fixture   *f,
                 MergeRows *r)
{
  r->manager = insert (f, g_object_new (KL_TYPE_MANAGER, "name", "Marko", NULL));
  r->survivor = insert (f, g_object_new (KL_TYPE_CLIENT, "name", "Romaška d.o.o.", "city", "Zagreb",
                                         "status", "active", NULL));
  r->duplicate = insert (f, g_object_new (KL_TYPE_CLIENT, "name", "ROMAŠKA d.o.o.", "city", "Split",
                                          "email", "info@romaska.hr", "website", "romaska.hr",
                                          "manager-id", r->manager, "next-action-date", "2026-04-01", NULL));
  r->contact = insert (f, g_object_new (KL_TYPE_CONTACT, "client-id", r->duplicate, "name", "Ana", NULL));
  r->deal = insert (f, g_object_new (KL_TYPE_DEAL, "client-id", r->duplicate, "contact-id", r->contact,
                                     "title", "Posao", NULL));
  r->contract = insert (f, g_object_new (KL_TYPE_CONTRACT, "client-id", r->duplicate, "number", "UG-1",
                                         "title", "Ugovor", "start-date", "2026-01-01", NULL));
  r->invoice = insert (f, g_object_new (KL_TYPE_INVOICE, "client-id", r->duplicate, "number", "R-1",
                                        "issue-date", "2026-01-05", "due-date", "2026-02-05",
                                        "amount", (gint64)10000, NULL));
  r->payment = insert (f, g_object_new (KL_TYPE_PAYMENT, "invoice-id", r->invoice, "paid-date", "2026-01-20",
                                        "amount", (gint64)10000, NULL));
  r->activity = insert (f, g_object_new (KL_TYPE_ACTIVITY, "client-id", r->duplicate, "subject", "Poziv",
                                         "starts-at", "2026-01-10T10:00", NULL));
  r->complaint = insert (f, g_object_new (KL_TYPE_COMPLAINT, "client-id", r->duplicate,
                                          "received-date", "2026-02-01", "description", "Kasni", NULL));
  r->offer = insert (f, g_object_new (KL_TYPE_OFFER, "client-id", r->duplicate, "number", "P-1",
                                      "issue-date", "2026-01-02", NULL));
  /* The survivor has rows of its own. */
  insert (f, g_object_new (KL_TYPE_CONTACT, "client-id", r->survivor, "name", "Ivo", NULL));
}

static const char * const client_tables[] = {
  "contacts", "deals", "contracts", "invoices", "activities", "complaints", "offers",
};

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) survivor = NULL;
  g_autofree char *merge_value = NULL;
  guint client_calls = 0, deal_calls = 0;
  MergeRows r;

  make_merge_rows (f, &r);
  g_signal_connect (f->clients, "changed", G_CALLBACK (on_changed), &client_calls);
  g_signal_connect (kl_session_get_store (f->session, KL_TYPE_DEAL), "changed", G_CALLBACK (on_changed), &deal_calls);

  g_assert_true (kl_clients_merge (f->session, r.survivor, r.duplicate, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (client_calls, >=, 1);
  g_assert_cmpuint (deal_calls, >=, 1);

  for (guint i = 0; i < G_N_ELEMENTS (client_tables); i++)
    {
      g_assert_cmpint (count (f, "SELECT count(*) FROM %s WHERE client_id = %" G_GINT64_FORMAT,
                              client_tables[i], r.duplicate), ==, 0);
      g_assert_cmpint (count (f, "SELECT count(*) FROM %s WHERE client_id = %" G_GINT64_FORMAT,
                              client_tables[i], r.survivor), ==, g_str_equal (client_tables[i], "contacts") ? 2 : 1);
    }
  g_assert_cmpint (count (f, "SELECT count(*) FROM payments WHERE id = %" G_GINT64_FORMAT, r.payment), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM deals WHERE contact_id = %" G_GINT64_FORMAT, r.contact), ==, 1);

  /* Empty fields filled, none overwritten; the duplicate is gone. */
  survivor = kl_store_get (f->clients, r.survivor, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_entity_get_text (survivor, "name"), ==, "Romaška d.o.o.");
  g_assert_cmpstr (kl_entity_get_text (survivor, "city"), ==, "Zagreb");
  g_assert_cmpstr (kl_entity_get_text (survivor, "status"), ==, "active");
  g_assert_cmpstr (kl_entity_get_text (survivor, "email"), ==, "info@romaska.hr");
  g_assert_cmpstr (kl_entity_get_text (survivor, "website"), ==, "romaska.hr");
  g_assert_cmpstr (kl_entity_get_text (survivor, "next_action_date"), ==, "2026-04-01");
  g_assert_cmpint (kl_entity_get_number (survivor, "manager_id"), ==, r.manager);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE id = %" G_GINT64_FORMAT, r.duplicate), ==, 0);

  /* The audit trail tells the story. */
  merge_value = g_strdup_printf ("%" G_GINT64_FORMAT " ROMAŠKA d.o.o.", r.duplicate);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE table_name = 'clients' AND action = 'merge'"
                             " AND row_id = %" G_GINT64_FORMAT " AND old_value = '%s'", r.survivor, merge_value), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE table_name = 'clients' AND action = 'delete'"
                             " AND row_id = %" G_GINT64_FORMAT " AND field = 'name'", r.duplicate), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE table_name = 'clients' AND action = 'update'"
                             " AND row_id = %" G_GINT64_FORMAT " AND field = 'email' AND old_value IS NULL"
                             " AND new_value = 'info@romaska.hr'", r.survivor), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE table_name = 'clients' AND action = 'update'"
                             " AND row_id = %" G_GINT64_FORMAT " AND field = 'city'", r.survivor), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE table_name IN ('contacts', 'deals', 'contracts')"
                             " AND action = 'update' AND field = 'client_id'"
                             " AND old_value = '%" G_GINT64_FORMAT "' AND new_value = '%" G_GINT64_FORMAT "'",
                          r.duplicate, r.survivor), ==, 3);

  g_signal_handlers_disconnect_by_data (f->clients, &client_calls);
  g_signal_handlers_disconnect_by_data (kl_session_get_store (f->session, KL_TYPE_DEAL), &deal_calls);
}

static void
test_merge_all_or_nothing (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 audit_before;
  MergeRows r;

  make_merge_rows (f, &r);
  audit_before = count (f, "SELECT count(*) FROM audit_log");

  /* The last step, deleting the duplicate, is refused. */
  exec (f, "CREATE TEMP TRIGGER refuse BEFORE DELETE ON clients BEGIN SELECT RAISE(ABORT, 'no'); END");
  g_assert_false (kl_clients_merge (f->session, r.survivor, r.duplicate, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                          r.survivor, r.duplicate), ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (client_tables); i++)
    g_assert_cmpint (count (f, "SELECT count(*) FROM %s WHERE client_id = %" G_GINT64_FORMAT,
                            client_tables[i], r.duplicate), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE id = %" G_GINT64_FORMAT " AND email IS NULL",
                          r.survivor), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log"), ==, audit_before);

  /* A refusal in the middle (the merge row) too. */
  exec (f, "DROP TRIGGER refuse");
  exec (f, "CREATE TEMP TRIGGER refuse BEFORE INSERT ON audit_log WHEN NEW.action = 'merge'"
           " BEGIN SELECT RAISE(ABORT, 'no'); END");
  g_assert_false (kl_clients_merge (f->session, r.survivor, r.duplicate, &error));
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM contacts WHERE client_id = %" G_GINT64_FORMAT, r.duplicate), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log"), ==, audit_before);

  /* Unknown clients are refused; then the merge goes through. */
  exec (f, "DROP TRIGGER refuse");
  g_assert_false (kl_clients_merge (f->session, r.survivor, 99999, &error));
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (kl_clients_merge (f->session, r.survivor, r.duplicate, &error));
  g_assert_no_error (error);
}

/* Personal data */

#define NOTES "Line 1\n\"quoted\" \\ back\001slash\ttab 🌻 «ё»"

static gint64
make_contact (Fixture *f,
              gint64  *activity_id)
{
  g_autoptr(GError) error = NULL;
  gint64 client_id = insert_client (f, "Zvijezda d.d.");
  KlStore *contacts = kl_session_get_store (f->session, KL_TYPE_CONTACT);
  g_autoptr(KlEntity) contact = g_object_new (KL_TYPE_CONTACT, "client-id", client_id, "name", "Ana Horvat",
                                              "email", "ana.horvat@example.hr", "phone", "091 234 5678",
                                              "position", "Direktorica", "consent-date", "2025-11-02",
                                              "notes", NOTES, NULL);
  gint64 contact_id;

  g_assert_true (kl_store_insert (contacts, contact, &error));
  g_assert_no_error (error);
  contact_id = kl_entity_get_id (contact);

  /* A change leaves the old values in the audit trail. */
  kl_entity_set_text (contact, "email", "ana@horvat.example.hr");
  kl_entity_set_text (contact, "name", "Ana Horvat Kovač");
  g_assert_true (kl_store_update (contacts, contact, &error));
  g_assert_no_error (error);

  *activity_id = insert (f, g_object_new (KL_TYPE_ACTIVITY, "client-id", client_id, "contact-id", contact_id,
                                          "subject", "Sastanak s Anom", "starts-at", "2026-02-10T09:00",
                                          "notes", "Ana traži ponudu", NULL));
  insert (f, g_object_new (KL_TYPE_DEAL, "client-id", client_id, "contact-id", contact_id,
                           "title", "Nabava opreme", NULL));

  return contact_id;
}

static void
test_export_personal_data (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 activity_id;
  gint64 contact_id = make_contact (f, &activity_id);
  g_autofree char *path = g_build_filename (f->dir, "ana.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *contents = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  const char *check =
    "import json, sys\n"
    "d = json.load(open(sys.argv[1], encoding='utf-8'))\n"
    "assert d['contact']['name'] == 'Ana Horvat Kovač', d['contact']\n"
    "assert d['contact']['email'] == 'ana@horvat.example.hr'\n"
    "assert d['contact']['notes'] == sys.argv[2], repr(d['contact']['notes'])\n"
    "assert d['client'][0]['name'] == 'Zvijezda d.d.'\n"
    "assert d['activities'][0]['subject'] == 'Sastanak s Anom'\n"
    "assert d['deals'][0]['title'] == 'Nabava opreme'\n"
    "assert any(r['old_value'] == 'ana.horvat@example.hr' for r in d['audit_log'])\n"
    "print('ok')\n";
  const char *argv[] = { "/usr/bin/python3", "-c", check, path, NOTES, NULL };
  struct stat st;

  g_assert_true (kl_contact_export_personal_data (f->session, contact_id, file, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_utf8_validate (contents, -1, NULL));
  g_assert_true (g_str_has_prefix (contents, "{"));
  g_assert_nonnull (strstr (contents, "\"name\": \"Ana Horvat Kovač\""));
  g_assert_nonnull (strstr (contents, "ana@horvat.example.hr"));
  g_assert_nonnull (strstr (contents, "Sastanak s Anom"));
  g_assert_nonnull (strstr (contents, "\\\"quoted\\\" \\\\ back\\u0001slash\\ttab"));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);

  if (g_file_test (argv[0], G_FILE_TEST_IS_EXECUTABLE))
    {
      g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("The export does not read back as JSON: %s", err);
      g_assert_cmpstr (out, ==, "ok\n");
    }
  else
    g_test_message ("no /usr/bin/python3: JSON not parsed back");

  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE table_name = 'contacts' AND action = 'export'"
                             " AND row_id = %" G_GINT64_FORMAT, contact_id), ==, 1);

  /* A file that cannot be written leaves no 'export' row. */
  {
    g_autofree char *bad_path = g_build_filename (f->dir, "missing", "x.json", NULL);
    g_autoptr(GFile) bad = g_file_new_for_path (bad_path);

    g_assert_false (kl_contact_export_personal_data (f->session, contact_id, bad, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE action = 'export'"), ==, 1);
  }

  g_assert_false (kl_contact_export_personal_data (f->session, 424242, file, &error));
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND);
}

static void
test_anonymise (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 activity_id;
  gint64 contact_id = make_contact (f, &activity_id);
  g_autofree char *path = g_build_filename (f->dir, "ana-horvat.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(KlEntity) contact = NULL;
  guint calls = 0;
  KlStore *contacts = kl_session_get_store (f->session, KL_TYPE_CONTACT);

  g_assert_true (kl_contact_export_personal_data (f->session, contact_id, file, &error));
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE old_value LIKE '%%Horvat%%'"
                             " OR new_value LIKE '%%Horvat%%'"), >, 0);

  g_assert_cmpint (count (f, "SELECT count(*) FROM client_search WHERE client_search MATCH 'horvat'"), ==, 1);
  g_signal_connect (contacts, "changed", G_CALLBACK (on_changed), &calls);
  g_assert_true (kl_contact_anonymise (f->session, contact_id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, 1);
  g_signal_handlers_disconnect_by_data (contacts, &calls);

  contact = kl_store_get (contacts, contact_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_entity_get_text (contact, "name"), ==, "Anonymised contact");
  g_assert_null (kl_entity_get_text (contact, "email"));
  g_assert_null (kl_entity_get_text (contact, "phone"));
  g_assert_null (kl_entity_get_text (contact, "position"));
  g_assert_null (kl_entity_get_text (contact, "notes"));
  g_assert_null (kl_entity_get_text (contact, "consent_date"));

  g_assert_cmpint (count (f, "SELECT count(*) FROM contacts WHERE name LIKE '%%Horvat%%' OR email LIKE '%%horvat%%'"
                             " OR phone IS NOT NULL"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE old_value LIKE '%%Horvat%%'"
                             " OR new_value LIKE '%%Horvat%%' OR old_value LIKE '%%234 5678%%'"
                             " OR new_value LIKE '%%234 5678%%' OR old_value LIKE '%%Direktor%%'"
                             " OR new_value LIKE '%%Direktor%%' OR new_value LIKE '%%2025-11-02%%'"
                             " OR new_value LIKE '%%quoted%%'"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE table_name = 'contacts' AND action = 'erase'"
                             " AND row_id = %" G_GINT64_FORMAT " AND field IS NULL AND old_value IS NULL"
                             " AND new_value IS NULL", contact_id), ==, 1);
  /* Nor do the search key and the search index (schema 2). */
  g_assert_cmpint (count (f, "SELECT count(*) FROM contacts WHERE search_key LIKE '%%horvat%%'"
                             " OR search_key LIKE '%%5678%%'"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM client_search WHERE client_search MATCH 'horvat'"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM client_search WHERE client_search MATCH 'anonymised'"), ==, 1);
  /* The anonymisation wrote no 'update' rows of its own. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE table_name = 'contacts' AND action = 'update'"
                             " AND new_value = 'Anonymised contact'"), ==, 0);

  /* Links and the activity's own notes stay. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM activities WHERE contact_id = %" G_GINT64_FORMAT
                             " AND notes = 'Ana traži ponudu'", contact_id), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM deals WHERE contact_id = %" G_GINT64_FORMAT, contact_id), ==, 1);

  /* A failure undoes everything. */
  {
    gint64 other_activity;
    gint64 other = make_contact (f, &other_activity);
    gint64 audit_before = count (f, "SELECT count(*) FROM audit_log");

    exec (f, "CREATE TEMP TRIGGER refuse BEFORE INSERT ON audit_log WHEN NEW.action = 'erase'"
             " BEGIN SELECT RAISE(ABORT, 'no'); END");
    g_assert_false (kl_contact_anonymise (f->session, other, &error));
    g_assert_nonnull (error);
    g_assert_cmpint (count (f, "SELECT count(*) FROM contacts WHERE id = %" G_GINT64_FORMAT
                               " AND name = 'Ana Horvat Kovač' AND phone IS NOT NULL", other), ==, 1);
    g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log"), ==, audit_before);
    g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE new_value = 'Ana Horvat Kovač'"), ==, 1);
    exec (f, "DROP TRIGGER refuse");
  }
}

/* Activities: today */

/* One done is done when it was planned: at @starts_at. */
static gint64
activity (Fixture    *f,
          gint64      client_id,
          const char *subject,
          const char *starts_at,
          const char *status)
{
  return insert (f, g_object_new (KL_TYPE_ACTIVITY, "client-id", client_id, "subject", subject,
                                  "starts-at", starts_at, "status", status,
                                  "done-at", g_str_equal (status, "done") ? starts_at : NULL, NULL));
}

static void
assert_subjects (GListModel         *list,
                 const char * const *subjects)
{
  guint n = g_strv_length ((GStrv)subjects);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlEntity) item = g_list_model_get_item (list, i);

      g_assert_cmpstr (kl_entity_get_text (item, "subject"), ==, subjects[i]);
    }
  g_assert_null (g_list_model_get_item (list, n));
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *calls)
{
  (*calls)++;
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *calls)
{
  (*calls)++;
}

static void
test_activities_today (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = insert_client (f, "Alfa d.o.o.");
  gint64 b = insert_client (f, "Beta d.o.o.");
  g_autoptr(KlActivityList) overdue = NULL;
  g_autoptr(KlActivityList) today = NULL;
  g_autoptr(KlActivityList) done = NULL;
  g_autoptr(KlActivityList) done_now = NULL;
  g_autoptr(KlActivityList) client = NULL;
  g_autofree char *real_today = kl_database_today ();
  gint64 morning;
  guint today_changes = 0;
  guint n_items_notes = 0;

  activity (f, a, "Old call", "2026-03-01T09:00", "planned");
  activity (f, b, "Yesterday's visit", "2026-03-14 16:00", "planned");
  morning = activity (f, a, "Morning call", TODAY "T08:00", "planned");
  activity (f, b, "Afternoon meeting", TODAY "T14:30", "planned");
  activity (f, a, "Done at ten", TODAY "T10:00", "done");
  activity (f, b, "Cancelled today", TODAY "T11:00", "cancelled");
  activity (f, a, "Tomorrow", "2026-03-16T09:00", "planned");
  activity (f, a, "Done yesterday", "2026-03-14T09:00", "done");
  activity (f, b, "Midnight", TODAY "T00:00", "planned");
  activity (f, b, "Just before midnight", TODAY "T23:59:59", "planned");

  overdue = kl_activity_list_new (f->session, KL_ACTIVITY_LIST_OVERDUE, TODAY);
  today = kl_activity_list_new (f->session, KL_ACTIVITY_LIST_TODAY, TODAY);
  done = kl_activity_list_new (f->session, KL_ACTIVITY_LIST_DONE_TODAY, TODAY);
  client = kl_activity_list_new_for_client (f->session, a);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (today)) == KL_TYPE_ACTIVITY);

  assert_subjects (G_LIST_MODEL (overdue), (const char *[]) { "Old call", "Yesterday's visit", NULL });
  assert_subjects (G_LIST_MODEL (today), (const char *[]) { "Midnight", "Morning call", "Afternoon meeting",
                                                            "Just before midnight", NULL });
  assert_subjects (G_LIST_MODEL (done), (const char *[]) { "Done at ten", NULL });
  assert_subjects (G_LIST_MODEL (client), (const char *[]) { "Tomorrow", "Done at ten", "Morning call",
                                                             "Done yesterday", "Old call", NULL });

  g_assert_cmpint (kl_activity_list_count (f->session, KL_ACTIVITY_LIST_OVERDUE, TODAY, 0, &error), ==, 2);
  g_assert_cmpint (kl_activity_list_count (f->session, KL_ACTIVITY_LIST_TODAY, TODAY, 0, &error), ==, 4);
  g_assert_cmpint (kl_activity_list_count (f->session, KL_ACTIVITY_LIST_DONE_TODAY, TODAY, 0, &error), ==, 1);
  g_assert_cmpint (kl_activity_list_count (f->session, KL_ACTIVITY_LIST_CLIENT, NULL, b, &error), ==, 5);
  g_assert_no_error (error);
  g_assert_cmpint (kl_activity_list_count (f->session, KL_ACTIVITY_LIST_TODAY, "15.03.2026", 0, &error), ==, -1);
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);

  /* One click: planned → done, now (the real today), audited. "Done
   * today" of the pinned day keeps what was done on that day. */
  done_now = kl_activity_list_new (f->session, KL_ACTIVITY_LIST_DONE_TODAY, real_today);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (done_now)), ==, 0);
  g_signal_connect (today, "items-changed", G_CALLBACK (on_items_changed), &today_changes);
  g_signal_connect (done_now, "notify::n-items", G_CALLBACK (on_notify), &n_items_notes);
  g_assert_true (kl_activity_mark_done (f->session, morning, "Ordered 20 pieces", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (today_changes, >=, 1);
  g_assert_cmpuint (n_items_notes, >=, 1);
  assert_subjects (G_LIST_MODEL (today), (const char *[]) { "Midnight", "Afternoon meeting",
                                                            "Just before midnight", NULL });
  assert_subjects (G_LIST_MODEL (done), (const char *[]) { "Done at ten", NULL });
  assert_subjects (G_LIST_MODEL (done_now), (const char *[]) { "Morning call", NULL });
  {
    g_autoptr(KlEntity) item = g_list_model_get_item (G_LIST_MODEL (done_now), 0);

    g_assert_cmpstr (kl_entity_get_text (item, "status"), ==, "done");
    g_assert_cmpstr (kl_entity_get_text (item, "outcome"), ==, "Ordered 20 pieces");
    g_assert_cmpstr (kl_entity_get_text (item, "starts_at"), ==, TODAY "T08:00");
    g_assert_true (g_str_has_prefix (kl_entity_get_text (item, "done_at"), real_today));
  }
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE table_name = 'activities' AND action = 'update'"
                             " AND row_id = %" G_GINT64_FORMAT " AND field = 'status' AND old_value = 'planned'"
                             " AND new_value = 'done'", morning), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE table_name = 'activities'"
                             " AND field = 'outcome' AND new_value = 'Ordered 20 pieces'"), ==, 1);

  /* A missing activity is an error, and nothing moves. */
  g_assert_false (kl_activity_mark_done (f->session, 999999, NULL, &error));
  g_assert_error (error, KL_STORE_ERROR, KL_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The next day, today's plans are overdue. */
  kl_activity_list_set_today (overdue, "2026-03-16");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (overdue)), ==, 5);
  g_signal_handlers_disconnect_by_data (today, &today_changes);
  g_signal_handlers_disconnect_by_data (done_now, &n_items_notes);
}

static char *
day_from_today (int offset)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = g_date_time_add_days (now, offset);

  return g_date_time_format (day, "%Y-%m-%d");
}

/* An activity's completion time (done_at) is apart from its planned one
 * (starts_at): set when it is done, cleared when it is not. */
static void
test_activities_done_at (Fixture       *f,
                         gconstpointer  data)
{
  static const char done_at_sql[] = "SELECT coalesce (done_at, 'NULL') FROM activities WHERE id = ?1";
  static const char starts_at_sql[] = "SELECT starts_at FROM activities WHERE id = ?1";
  KlStore *store = kl_session_get_store (f->session, KL_TYPE_ACTIVITY);
  g_autoptr(GError) error = NULL;
  g_autofree char *today = day_from_today (0);
  g_autofree char *yesterday = day_from_today (-1);
  g_autofree char *missed_at = g_strconcat (yesterday, "T09:00:00", NULL);
  g_autofree char *planned_today = g_strconcat (today, "T07:00:00", NULL);
  gint64 client_id = insert_client (f, "Gotovo d.o.o.");
  gint64 missed, logged, backdated, cleared;
  g_autoptr(KlActivityList) done = NULL;
  g_autoptr(KlActivityList) overdue = NULL;
  g_autoptr(KlEntity) activity = NULL;
  char *text;

  missed = insert (f, g_object_new (KL_TYPE_ACTIVITY, "client-id", client_id, "subject", "Missed call",
                                    "starts-at", missed_at, NULL));
  text = query_text (f, done_at_sql, missed);
  g_assert_cmpstr (text, ==, "NULL");
  g_free (text);

  done = kl_activity_list_new (f->session, KL_ACTIVITY_LIST_DONE_TODAY, NULL);
  overdue = kl_activity_list_new (f->session, KL_ACTIVITY_LIST_OVERDUE, NULL);
  assert_subjects (G_LIST_MODEL (overdue), (const char *[]) { "Missed call", NULL });
  assert_subjects (G_LIST_MODEL (done), (const char *[]) { NULL });

  /* Done today, a day late: it keeps the day it was planned for and is
   * done today all the same. */
  g_assert_true (kl_activity_mark_done (f->session, missed, NULL, &error));
  g_assert_no_error (error);
  text = query_text (f, starts_at_sql, missed);
  g_assert_cmpstr (text, ==, missed_at);
  g_free (text);
  text = query_text (f, done_at_sql, missed);
  g_assert_true (g_str_has_prefix (text, today));
  g_free (text);
  assert_subjects (G_LIST_MODEL (overdue), (const char *[]) { NULL });
  assert_subjects (G_LIST_MODEL (done), (const char *[]) { "Missed call", NULL });
  g_assert_cmpint (kl_activity_list_count (f->session, KL_ACTIVITY_LIST_DONE_TODAY, NULL, 0, &error), ==, 1);
  g_assert_cmpint (kl_activity_list_count (f->session, KL_ACTIVITY_LIST_DONE_TODAY, yesterday, 0, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE table_name = 'activities' AND row_id = %"
                             G_GINT64_FORMAT " AND field = 'done_at' AND old_value IS NULL", missed), ==, 1);

  /* Marked again, it stays done when it was. */
  exec (f, "UPDATE activities SET done_at = '2026-01-02T10:00:00' WHERE status = 'done'");
  g_assert_true (kl_activity_mark_done (f->session, missed, "Again", &error));
  g_assert_no_error (error);
  text = query_text (f, done_at_sql, missed);
  g_assert_cmpstr (text, ==, "2026-01-02T10:00:00");
  g_free (text);

  /* Planned again: not done, so no done_at. */
  activity = kl_store_get (store, missed, &error);
  g_assert_no_error (error);
  kl_entity_set_text (activity, "status", "planned");
  g_assert_true (kl_store_update (store, activity, &error));
  g_assert_no_error (error);
  g_assert_null (kl_entity_get_text (activity, "done_at"));
  text = query_text (f, done_at_sql, missed);
  g_assert_cmpstr (text, ==, "NULL");
  g_free (text);
  assert_subjects (G_LIST_MODEL (overdue), (const char *[]) { "Missed call", NULL });

  /* Logged as done without a time: done now. With one: done then. Not
   * done: none, whatever was given. */
  logged = insert (f, g_object_new (KL_TYPE_ACTIVITY, "client-id", client_id, "subject", "Logged",
                                    "starts-at", missed_at, "status", "done", NULL));
  text = query_text (f, done_at_sql, logged);
  g_assert_true (g_str_has_prefix (text, today));
  g_free (text);
  backdated = insert (f, g_object_new (KL_TYPE_ACTIVITY, "client-id", client_id, "subject", "Backdated",
                                       "starts-at", missed_at, "status", "done",
                                       "done-at", "2026-01-05T11:00:00", NULL));
  text = query_text (f, done_at_sql, backdated);
  g_assert_cmpstr (text, ==, "2026-01-05T11:00:00");
  g_free (text);
  cleared = insert (f, g_object_new (KL_TYPE_ACTIVITY, "client-id", client_id, "subject", "Cancelled",
                                     "starts-at", missed_at, "status", "cancelled",
                                     "done-at", "2026-01-05T11:00:00", NULL));
  text = query_text (f, done_at_sql, cleared);
  g_assert_cmpstr (text, ==, "NULL");
  g_free (text);
  assert_subjects (G_LIST_MODEL (done), (const char *[]) { "Logged", NULL });

  /* The table holds to it too. */
  g_assert_cmpint (sqlite3_exec (kl_database_get_handle (db (f)),
                                 "UPDATE activities SET done_at = '2026-01-05T11:00:00' WHERE status <> 'done'",
                                 NULL, NULL, NULL) & 0xff, ==, SQLITE_CONSTRAINT);

  /* A done row without done_at (written by hand) is done when planned. */
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO activities (kind, client_id, subject, starts_at, status,"
                                            " created_at, updated_at) VALUES ('call', %" G_GINT64_FORMAT ","
                                            " 'By hand', '%s', 'done', '%s', '%s'),"
                                            " ('call', %" G_GINT64_FORMAT ", 'By hand yesterday', '%s', 'done',"
                                            " '%s', '%s')",
                                            client_id, planned_today, planned_today, planned_today,
                                            client_id, missed_at, missed_at, missed_at);

    exec (f, sql);
  }
  kl_activity_list_reload (done);
  assert_subjects (G_LIST_MODEL (done), (const char *[]) { "Logged", "By hand", NULL });
  g_assert_cmpint (kl_activity_list_count (f->session, KL_ACTIVITY_LIST_DONE_TODAY, NULL, 0, &error), ==, 2);
  g_assert_no_error (error);
}

static void
test_activities_paging (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 client_id = insert_client (f, "Mnogo d.o.o.");
  g_autoptr(KlActivityList) overdue = NULL;

  g_assert_true (kl_database_begin (db (f), &error));
  for (guint i = 0; i < 250; i++)
    {
      g_autofree char *subject = g_strdup_printf ("Call %03u", i);
      g_autofree char *when = g_strdup_printf ("2026-01-01T%02u:%02u", i / 60, i % 60);

      activity (f, client_id, subject, when, "planned");
    }
  g_assert_true (kl_database_commit (db (f), &error));

  overdue = kl_activity_list_new (f->session, KL_ACTIVITY_LIST_OVERDUE, TODAY);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (overdue)), ==, 250);
  g_assert_cmpuint (kl_activity_list_get_fetches (overdue), ==, 0);
  {
    g_autoptr(KlEntity) first = g_list_model_get_item (G_LIST_MODEL (overdue), 0);
    g_autoptr(KlEntity) last = g_list_model_get_item (G_LIST_MODEL (overdue), 249);

    g_assert_cmpstr (kl_entity_get_text (first, "subject"), ==, "Call 000");
    g_assert_cmpstr (kl_entity_get_text (last, "subject"), ==, "Call 249");
  }
  g_assert_cmpuint (kl_activity_list_get_fetches (overdue), ==, 2);
}

/* Timeline */

static void
test_timeline (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 client_id = insert (f, g_object_new (KL_TYPE_CLIENT, "name", "Vremenska crta d.o.o.", "city", "Zagreb", NULL));
  gint64 other_id = insert_client (f, "Netko drugi");
  g_autoptr(KlEntity) client = kl_store_get (f->clients, client_id, &error);
  g_autoptr(GPtrArray) timeline = NULL;
  gint64 deal_id, invoice_id;
  struct {
    KlTimelineKind kind;
    const char *date;
    const char *title;
  } expected[] = {
    { KL_TIMELINE_FIELD_CHANGE, "2026-03-10T12:00:00", "Status changed from “Prospect” to “Active”" },
    { KL_TIMELINE_FIELD_CHANGE, "2026-03-10T12:00:00", "E-mail set to “ured@crta.hr”" },
    { KL_TIMELINE_FIELD_CHANGE, "2026-03-10T12:00:00", "City changed from “Zagreb” to “Split”" },
    { KL_TIMELINE_COMPLAINT, "2026-03-01", "Complaint (Delivery, New): Late by a week" },
    { KL_TIMELINE_PAYMENT, "2026-02-20", "Payment of 400.00 EUR for invoice R-7" },
    { KL_TIMELINE_ACTIVITY, "2026-02-10T09:30", "Meeting (Done): Presentation at the client" },
    { KL_TIMELINE_INVOICE, "2026-02-05", "Invoice R-7, 1234.50 EUR (Issued)" },
    { KL_TIMELINE_CONTRACT, "2026-02-01", "Contract UG-7 “Supply”, 5000.00 EUR (Signed)" },
    { KL_TIMELINE_DEAL, "2026-01-20T08:00:00", "Deal “Supply of parts”, 0.00 EUR (Offer sent)" },
    { KL_TIMELINE_ACTIVITY, "2026-01-10T10:00", "Call (Planned): First call" },
  };

  g_assert_no_error (error);
  deal_id = insert (f, g_object_new (KL_TYPE_DEAL, "client-id", client_id, "title", "Supply of parts",
                                     "stage", "offer", NULL));
  insert (f, g_object_new (KL_TYPE_CONTRACT, "client-id", client_id, "number", "UG-7", "title", "Supply",
                           "start-date", "2026-01-15", "signed-date", "2026-02-01", "status", "signed",
                           "amount", (gint64)500000, NULL));
  invoice_id = insert (f, g_object_new (KL_TYPE_INVOICE, "client-id", client_id, "number", "R-7",
                                        "issue-date", "2026-02-05", "due-date", "2026-03-05",
                                        "amount", (gint64)123450, NULL));
  insert (f, g_object_new (KL_TYPE_PAYMENT, "invoice-id", invoice_id, "paid-date", "2026-02-20",
                           "amount", (gint64)40000, NULL));
  insert (f, g_object_new (KL_TYPE_ACTIVITY, "client-id", client_id, "kind", "call", "subject", "First call",
                           "starts-at", "2026-01-10T10:00", NULL));
  insert (f, g_object_new (KL_TYPE_ACTIVITY, "client-id", client_id, "kind", "meeting",
                           "subject", "Presentation\nat the client", "starts-at", "2026-02-10 09:30",
                           "status", "done", NULL));
  insert (f, g_object_new (KL_TYPE_COMPLAINT, "client-id", client_id, "received-date", "2026-03-01",
                           "category", "delivery", "description", "Late by a week", NULL));
  /* Someone else's records stay out. */
  insert (f, g_object_new (KL_TYPE_ACTIVITY, "client-id", other_id, "subject", "Not ours",
                           "starts-at", "2026-03-11T10:00", NULL));

  kl_entity_set_text (client, "city", "Split");
  kl_entity_set_text (client, "status", "active");
  kl_entity_set_text (client, "email", "ured@crta.hr");
  g_assert_true (kl_store_update (f->clients, client, &error));
  g_assert_no_error (error);

  /* Pin the dates the stores set to now. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE deals SET created_at = '2026-01-20T08:00:00' WHERE id = %" G_GINT64_FORMAT,
                                            deal_id);

    exec (f, sql);
    exec (f, "UPDATE audit_log SET changed_at = '2026-03-10T12:00:00' WHERE action = 'update'");
  }

  timeline = kl_client_timeline (f->session, client_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < timeline->len; i++)
    {
      KlTimelineEntry *entry = g_ptr_array_index (timeline, i);

      g_assert_cmpint (entry->kind, ==, expected[i].kind);
      g_assert_cmpstr (entry->date, ==, expected[i].date);
      g_assert_cmpstr (entry->title, ==, expected[i].title);
      g_assert_cmpint (entry->record_id, >, 0);
    }

  g_clear_pointer (&timeline, g_ptr_array_unref);
  timeline = kl_client_timeline (f->session, client_id, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, 3);

  g_clear_pointer (&timeline, g_ptr_array_unref);
  timeline = kl_client_timeline (f->session, 424242, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, 0);
}

/* The schema keeps these columns NOT NULL; a row without them (from an
 * older or foreign writer) is read through temporary tables of the same
 * names, which hide the real ones. Nothing shows "(null)". */
static void
test_timeline_missing_values (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 client_id = insert_client (f, "Praznine d.o.o.");
  g_autoptr(GPtrArray) timeline = NULL;
  g_autofree char *sql = NULL;
  const char * const expected[] = {
    "Payment of — for invoice —",
    "Invoice —, — (—)",
    "Contract — “—”, — (—)",
    "Deal “—”, — (—)",
  };

  exec (f, "CREATE TEMP TABLE deals (id INTEGER PRIMARY KEY, client_id, title, stage, amount, currency,"
           " created_at);"
           "CREATE TEMP TABLE contracts (id INTEGER PRIMARY KEY, client_id, number, title, status, amount,"
           " currency, signed_date, start_date);"
           "CREATE TEMP TABLE invoices (id INTEGER PRIMARY KEY, client_id, number, status, amount, currency,"
           " issue_date);"
           "CREATE TEMP TABLE payments (id INTEGER PRIMARY KEY, invoice_id, paid_date, amount);");
  sql = g_strdup_printf ("INSERT INTO temp.deals (client_id, created_at) VALUES (%1$" G_GINT64_FORMAT ", '2026-01-01');"
                         "INSERT INTO temp.contracts (client_id, start_date) VALUES (%1$" G_GINT64_FORMAT ", '2026-01-02');"
                         "INSERT INTO temp.invoices (client_id, issue_date) VALUES (%1$" G_GINT64_FORMAT ", '2026-01-03');"
                         "INSERT INTO temp.payments (invoice_id, paid_date) VALUES (last_insert_rowid (), '2026-01-04');",
                         client_id);
  exec (f, sql);

  timeline = kl_client_timeline (f->session, client_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (timeline->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < timeline->len; i++)
    {
      KlTimelineEntry *entry = g_ptr_array_index (timeline, i);

      g_assert_null (strstr (entry->title, "(null)"));
      g_assert_cmpstr (entry->title, ==, expected[i]);
    }

  exec (f, "DROP TABLE temp.deals; DROP TABLE temp.contracts; DROP TABLE temp.invoices; DROP TABLE temp.payments;");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/client-ops/segments/abc", test_segments_abc);
  ADD ("/client-ops/segments/async", test_segments_async);
  g_test_add_func ("/client-ops/duplicates/keys", test_duplicate_keys);
  ADD ("/client-ops/duplicates/reasons", test_duplicates);
  ADD ("/client-ops/duplicates/performance", test_duplicates_performance);
  ADD ("/client-ops/merge/moves-and-fills", test_merge);
  ADD ("/client-ops/merge/all-or-nothing", test_merge_all_or_nothing);
  ADD ("/client-ops/personal-data/export", test_export_personal_data);
  ADD ("/client-ops/personal-data/anonymise", test_anonymise);
  ADD ("/client-ops/activities/today", test_activities_today);
  ADD ("/client-ops/activities/done-at", test_activities_done_at);
  ADD ("/client-ops/activities/paging", test_activities_paging);
  ADD ("/client-ops/timeline/order-and-titles", test_timeline);
  ADD ("/client-ops/timeline/missing-values", test_timeline_missing_values);
#undef ADD

  return g_test_run ();
}
