/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "kl-bulk.h"
#include "kl-client-list-private.h"
#include "kl-client-list.h"
#include "kl-entities.h"
#include "kl-search.h"
#include "kl-session.h"
#include "kl-test-search.h"
#include "kl-test.h"

typedef struct {
  char      *dir;
  char      *path;
  KlSession *session;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->session = kl_test_open_session ("test", &f->dir, &f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_close_session (&f->session, &f->dir, &f->path);
}

/* Helpers */

static KlStore *
store (Fixture *f,
       GType    type)
{
  return kl_session_get_store (f->session, type);
}

static void
insert (Fixture  *f,
        gpointer  entity)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_store_insert (store (f, G_OBJECT_TYPE (entity)), entity, &error));
  g_assert_no_error (error);
}

static void
update (Fixture  *f,
        gpointer  entity)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_store_update (store (f, G_OBJECT_TYPE (entity)), entity, &error));
  g_assert_no_error (error);
}

static void
delete (Fixture *f,
        GType    type,
        gint64   id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_store_delete (store (f, type), id, &error));
  g_assert_no_error (error);
}

static gint64
add_client (Fixture    *f,
            const char *name,
            const char *city)
{
  g_autoptr(KlEntity) client = g_object_new (KL_TYPE_CLIENT, "name", name, "city", city, NULL);

  insert (f, client);
  return kl_entity_get_id (client);
}

static gint64
add_manager (Fixture    *f,
             const char *name)
{
  g_autoptr(KlEntity) manager = g_object_new (KL_TYPE_MANAGER, "name", name, NULL);

  insert (f, manager);
  return kl_entity_get_id (manager);
}

static gint64
add_contact (Fixture    *f,
             gint64      client_id,
             const char *name,
             const char *email,
             const char *phone)
{
  g_autoptr(KlEntity) contact = g_object_new (KL_TYPE_CONTACT, "client-id", client_id, "name", name,
                                              "email", email, "phone", phone, NULL);

  insert (f, contact);
  return kl_entity_get_id (contact);
}

/* An ISO date @days from today, or a date and time at 10:00 with @time. */
static char *
day (int      days,
     gboolean time)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, time ? "%Y-%m-%dT10:00" : "%Y-%m-%d");
}

static gint64
add_activity (Fixture    *f,
              gint64      client_id,
              int         days,
              const char *status)
{
  g_autofree char *starts_at = day (days, TRUE);
  g_autoptr(KlEntity) activity = g_object_new (KL_TYPE_ACTIVITY, "client-id", client_id, "subject", "Poziv",
                                               "starts-at", starts_at, "status", status, NULL);

  insert (f, activity);
  return kl_entity_get_id (activity);
}

static gint64
add_deal (Fixture    *f,
          gint64      client_id,
          gint64      amount,
          const char *currency,
          const char *stage)
{
  g_autoptr(KlEntity) deal = g_object_new (KL_TYPE_DEAL, "client-id", client_id, "title", "Posao",
                                           "amount", amount, "currency", currency, "stage", stage,
                                           "lost-reason", g_strcmp0 (stage, "lost") == 0 ? "cijena" : NULL,
                                           NULL);

  insert (f, deal);
  return kl_entity_get_id (deal);
}

static gint64
add_invoice (Fixture    *f,
             gint64      client_id,
             gint64      amount,
             int         due_days)
{
  static guint serial;
  g_autofree char *number = g_strdup_printf ("R-%u", ++serial);
  g_autofree char *issue = day (due_days - 30, FALSE);
  g_autofree char *due = day (due_days, FALSE);
  g_autoptr(KlEntity) invoice = g_object_new (KL_TYPE_INVOICE, "client-id", client_id, "number", number,
                                              "issue-date", issue, "due-date", due, "amount", amount, NULL);

  insert (f, invoice);
  return kl_entity_get_id (invoice);
}

static gint64
add_payment (Fixture *f,
             gint64   invoice_id,
             gint64   amount)
{
  g_autofree char *today = day (0, FALSE);
  g_autoptr(KlEntity) payment = g_object_new (KL_TYPE_PAYMENT, "invoice-id", invoice_id, "paid-date", today,
                                              "amount", amount, NULL);

  insert (f, payment);
  return kl_entity_get_id (payment);
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = kl_database_query_int (kl_session_get_database (f->session), sql, &error);

  g_assert_no_error (error);
  return n;
}

static guint
n_items (KlClientList *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

/* The names in the list, in order, joined by "|". */
static char *
names (KlClientList *list)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < n_items (list); i++)
    {
      g_autoptr(KlEntity) client = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_nonnull (client);
      g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", kl_entity_get_text (client, "name"));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_names (KlClientList *list,
              const char   *expected)
{
  g_autofree char *found = names (list);

  g_assert_cmpstr (found, ==, expected);
}

static void
assert_search (KlClientList *list,
               const char   *text,
               const char   *expected)
{
  g_autofree char *found = NULL;

  kl_client_list_set_search (list, text);
  found = names (list);
  if (g_strcmp0 (found, expected) != 0)
    g_error ("search “%s”: found “%s”, expected “%s”", text, found, expected);
}

/* The same list under each way of reading it: every client (no search),
 * sorted matches, the sort order walked testing documents or the index's
 * ids, and the read-once order. */
typedef enum {
  WAY_DEFAULT,
  WAY_SORTED,
  WAY_WALKED_LIKE,
  WAY_WALKED_IDS,
  WAY_ORDER,
  WAY_PROBED,
  WAY_RANKED,
  WAY_RANKED_DEEP,
  N_WAYS
} Way;

static void
use_way (KlClientList *list,
         Way           way)
{
  _kl_client_list_set_ranked (list, way == WAY_RANKED || way == WAY_RANKED_DEEP,
                              way == WAY_RANKED ? G_MAXUINT : 0);
  switch (way)
    {
    case WAY_RANKED:
      /* Even one match is marked in the order of every client. */
      _kl_client_list_set_limits (list, 0, 10, 8);
      break;
    case WAY_RANKED_DEEP:
      /* Walked, but every page past the first is marked in that order. */
      _kl_client_list_set_walk_probe (list, 0);
      _kl_client_list_set_limits (list, 0, 1, 8);
      break;
    case WAY_DEFAULT:
    case WAY_SORTED:
      _kl_client_list_set_limits (list, 3000, 10, 8);
      break;
    case WAY_WALKED_LIKE:
      _kl_client_list_set_walk_probe (list, 0);
      _kl_client_list_set_limits (list, 0, 10, 1000000);
      break;
    case WAY_WALKED_IDS:
      _kl_client_list_set_walk_probe (list, 0);
      _kl_client_list_set_limits (list, 0, 10, 0);
      break;
    case WAY_PROBED:
      /* Many matches for the limits, but few in the first rows of the
       * order (a test's few clients): sorted after probing the walk. */
      _kl_client_list_set_walk_probe (list, 2000);
      _kl_client_list_set_limits (list, 0, 10, 8);
      break;
    case WAY_ORDER:
    default:
      _kl_client_list_set_walk_probe (list, 0);
      _kl_client_list_set_limits (list, 0, 0, 8);
      break;
    }
}

/* Search keys and queries */

static void
test_search_key (void)
{
  const char *fields[] = { "Šime Jurić d.o.o.", NULL, "Zagreb", "+385 91 234 5678", "ured@sime.hr" };
  const char *contact[] = { "Пётр Ёлкин", "petr@romashka.ru", "8 (912) 345-67-89" };
  g_autofree char *key = kl_search_key (fields, G_N_ELEMENTS (fields));
  g_autofree char *contact_key = kl_search_key (contact, G_N_ELEMENTS (contact));
  g_autoptr(KlSearchQuery) query = NULL;

  g_assert_cmpstr (key, ==, "sime juric d o zagreb 385 91 234 5678 ured hr 385912345678 0912345678 912345678");
  g_assert_cmpstr (contact_key, ==, "петр елкин petr romashka ru 8 912 345 67 89 89123456789 79123456789 9123456789");

  query = kl_search_query_new ("Đuro  KOV");
  g_assert_cmpstr (query->match, ==, "\"duro\"* \"kov\"*");
  g_assert_cmpuint (g_strv_length (query->numbers), ==, 0);
  g_clear_pointer (&query, kl_search_query_free);

  query = kl_search_query_new ("091 234");
  g_assert_cmpstr (query->match, ==, "(\"091\"* \"234\"*) OR \"091234\"*");
  g_clear_pointer (&query, kl_search_query_free);

  query = kl_search_query_new ("00385 91");
  g_assert_cmpstr (query->match, ==, "(\"00385\"* \"91\"*) OR \"0038591\"* OR \"38591\"*");
  g_clear_pointer (&query, kl_search_query_free);

  g_assert_null (kl_search_query_new (""));
  g_assert_null (kl_search_query_new (" .,;—!"));
  g_assert_null (kl_search_query_new (NULL));
}

static void
test_search_folding (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(KlClientList) list = NULL;
  g_autoptr(KlEntity) sime = g_object_new (KL_TYPE_CLIENT, "name", "Šime Jurić obrt", "city", "Zagreb",
                                           "tax-id", "33392005961", NULL);

  insert (f, sime);
  add_client (f, "Đuro Kovačević d.o.o.", "Split");
  add_client (f, "ООО «Ёлка»", "Москва");
  add_client (f, "Йошкар Трейд", "Казань");
  add_client (f, "Иошкар Сервис", "Самара");
  add_client (f, "Cvjećarnica 100% Ružica", "Zadar");

  for (Way way = 0; way < N_WAYS; way++)
    {
      g_clear_object (&list);
      list = kl_client_list_new (f->session);
      use_way (list, way);

      assert_search (list, "sime", "Šime Jurić obrt");
      assert_search (list, "ŠIME", "Šime Jurić obrt");
      assert_search (list, "duro", "Đuro Kovačević d.o.o.");
      assert_search (list, "djuro", "Đuro Kovačević d.o.o.");
      assert_search (list, "Đuro", "Đuro Kovačević d.o.o.");
      assert_search (list, "kova", "Đuro Kovačević d.o.o.");
      assert_search (list, "KOVAČ", "Đuro Kovačević d.o.o.");
      assert_search (list, "ovac", "");                     /* prefixes of words, not inside */
      assert_search (list, "zag", "Šime Jurić obrt");       /* the city */
      assert_search (list, "3339200", "Šime Jurić obrt");   /* the tax ID */
      assert_search (list, "duro split", "Đuro Kovačević d.o.o.");
      assert_search (list, "duro zagreb", "");
      assert_search (list, "ёлка", "ООО «Ёлка»");
      assert_search (list, "елка", "ООО «Ёлка»");
      assert_search (list, "ЕЛ", "ООО «Ёлка»");
      assert_search (list, "йош", "Йошкар Трейд");          /* й is not и */
      assert_search (list, "иош", "Иошкар Сервис");
      assert_search (list, "100%", "Cvjećarnica 100% Ružica");
      assert_search (list, "ruz", "Cvjećarnica 100% Ružica");
      assert_search (list, "\"'*)(", "Cvjećarnica 100% Ružica|Đuro Kovačević d.o.o.|Šime Jurić obrt|"
                                     "Иошкар Сервис|Йошкар Трейд|ООО «Ёлка»");
      assert_search (list, "x' OR 1=1 --", "");
      assert_search (list, "", "Cvjećarnica 100% Ružica|Đuro Kovačević d.o.o.|Šime Jurić obrt|"
                               "Иошкар Сервис|Йошкар Трейд|ООО «Ёлка»");
    }
}

static void
test_search_contacts (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(KlClientList) list = kl_client_list_new (f->session);
  gint64 firm = add_client (f, "Primjer d.o.o.", "Osijek");
  gint64 other = add_client (f, "Drugi d.o.o.", "Pula");
  gint64 marija = add_contact (f, firm, "Marija Horvat", "marija.horvat@primjer.hr", "+385 91 234 5678");
  g_autoptr(KlEntity) client = kl_store_get (store (f, KL_TYPE_CLIENT), other, NULL);
  g_autoptr(KlEntity) contact = NULL;

  /* The client's own phone and e-mail are searched too. */
  kl_entity_set_text (client, "phone", "01 4567 890");
  kl_entity_set_text (client, "email", "prodaja@drugi.hr");
  update (f, client);

  for (Way way = 0; way < N_WAYS; way++)
    {
      use_way (list, way);
      assert_search (list, "horv", "Primjer d.o.o.");
      assert_search (list, "MARIJA", "Primjer d.o.o.");
      assert_search (list, "marija.horvat@primjer", "Primjer d.o.o.");
      assert_search (list, "primjer.hr", "Primjer d.o.o.");
      assert_search (list, "091 234", "Primjer d.o.o.");
      assert_search (list, "091234", "Primjer d.o.o.");
      assert_search (list, "0912345678", "Primjer d.o.o.");
      assert_search (list, "+385 91", "Primjer d.o.o.");
      assert_search (list, "+385912", "Primjer d.o.o.");
      assert_search (list, "00385 91 2", "Primjer d.o.o.");
      assert_search (list, "234 5678", "Primjer d.o.o.");
      assert_search (list, "014567", "Drugi d.o.o.");
      assert_search (list, "4567", "Drugi d.o.o.");
      assert_search (list, "prodaja", "Drugi d.o.o.");
      assert_search (list, "hr", "Drugi d.o.o.|Primjer d.o.o.");
    }
  use_way (list, WAY_DEFAULT);

  /* A contact renamed, moved and deleted: the index follows. */
  contact = kl_store_get (store (f, KL_TYPE_CONTACT), marija, NULL);
  kl_entity_set_text (contact, "name", "Marija Babić");
  update (f, contact);
  assert_search (list, "horvat", "Primjer d.o.o.");   /* still in her e-mail */
  assert_search (list, "horvat marija babic", "Primjer d.o.o.");
  kl_entity_set_text (contact, "email", NULL);
  update (f, contact);
  assert_search (list, "horvat", "");
  assert_search (list, "babić", "Primjer d.o.o.");

  kl_entity_set_number (contact, "client_id", other);
  update (f, contact);
  assert_search (list, "babic", "Drugi d.o.o.");
  assert_search (list, "primjer", "Primjer d.o.o.");   /* the client's own name stays */

  delete (f, KL_TYPE_CONTACT, marija);
  assert_search (list, "babic", "");
  assert_search (list, "drugi", "Drugi d.o.o.");

  /* A deleted client leaves the index. */
  add_contact (f, firm, "Ivo Ivić", NULL, NULL);
  assert_search (list, "ivo", "Primjer d.o.o.");
  delete (f, KL_TYPE_CLIENT, firm);
  assert_search (list, "ivo", "");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM client_docs"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM client_search WHERE client_search MATCH 'ivo'"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contacts"), ==, 0);
}

/* Filters */

static gint64
add_filtered_client (Fixture    *f,
                     const char *name,
                     const char *status,
                     const char *segment,
                     const char *source,
                     gint64      manager_id)
{
  g_autoptr(KlEntity) client = g_object_new (KL_TYPE_CLIENT, "name", name, "status", status,
                                             "segment", segment, "source", source,
                                             "manager-id", manager_id, NULL);

  insert (f, client);
  return kl_entity_get_id (client);
}

static void
assert_filter (KlClientList         *list,
               const KlClientFilter *filter,
               const char           *expected)
{
  g_autofree char *found = NULL;

  kl_client_list_set_filter (list, filter);
  found = names (list);
  if (g_strcmp0 (found, expected) != 0)
    g_error ("filter status=%s segment=%s source=%s manager=%" G_GINT64_FORMAT " overdue=%d no-contact=%d "
             "search=%s: found “%s”, expected “%s”", filter->status, filter->segment, filter->source,
             filter->manager_id, filter->overdue, filter->no_contact, filter->search, found, expected);
}

static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  gint64 ana = add_manager (f, "Ana Anić");
  gint64 ivo = add_manager (f, "Ivo Ivić");
  gint64 a = add_filtered_client (f, "Alfa", "active", "A", "referral", ana);
  gint64 b = add_filtered_client (f, "Beta", "active", "B", "website", ivo);
  gint64 c = add_filtered_client (f, "Ceta", "key", "A", "referral", 0);
  gint64 d = add_filtered_client (f, "Delta", "prospect", NULL, "event", ana);
  g_autoptr(KlClientList) list = kl_client_list_new (f->session);

  (void) d;
  add_activity (f, a, -3, "done");          /* contacted lately */
  add_activity (f, b, -45, "done");         /* long ago */
  add_activity (f, b, -1, "planned");       /* planned is no contact */
  add_activity (f, c, -29, "done");
  add_activity (f, c, -20, "cancelled");
  add_invoice (f, b, 1000, -1);             /* overdue */
  add_invoice (f, c, 500, 10);              /* not yet due */
  add_invoice (f, a, 800, -5);
  add_payment (f, 3, 800);                  /* … paid in full */

  for (Way way = 0; way < N_WAYS; way++)
    {
      use_way (list, way);
      assert_filter (list, &(KlClientFilter) { NULL }, "Alfa|Beta|Ceta|Delta");
      assert_filter (list, &(KlClientFilter) { .status = "active" }, "Alfa|Beta");
      assert_filter (list, &(KlClientFilter) { .segment = "A" }, "Alfa|Ceta");
      assert_filter (list, &(KlClientFilter) { .source = "referral" }, "Alfa|Ceta");
      assert_filter (list, &(KlClientFilter) { .manager_id = ana }, "Alfa|Delta");
      assert_filter (list, &(KlClientFilter) { .manager_id = KL_CLIENT_LIST_NO_MANAGER }, "Ceta");
      assert_filter (list, &(KlClientFilter) { .overdue = TRUE }, "Beta");
      assert_filter (list, &(KlClientFilter) { .no_contact = TRUE }, "Beta|Delta");
      assert_filter (list, &(KlClientFilter) { .status = "active", .segment = "A" }, "Alfa");
      assert_filter (list, &(KlClientFilter) { .segment = "A", .source = "referral", .manager_id = ana }, "Alfa");
      assert_filter (list, &(KlClientFilter) { .status = "active", .no_contact = TRUE }, "Beta");
      assert_filter (list, &(KlClientFilter) { .overdue = TRUE, .no_contact = TRUE, .manager_id = ivo }, "Beta");
      assert_filter (list, &(KlClientFilter) { .overdue = TRUE, .manager_id = ana }, "");
      assert_filter (list, &(KlClientFilter) { .search = "beta" }, "Beta");
      assert_filter (list, &(KlClientFilter) { .search = "ceta", .segment = "A" }, "Ceta");
      assert_filter (list, &(KlClientFilter) { .search = "beta", .segment = "A" }, "");
      assert_filter (list, &(KlClientFilter) { .search = "a", .status = "active", .no_contact = TRUE }, "");
      assert_filter (list, &(KlClientFilter) { .search = "d", .no_contact = TRUE }, "Delta");
    }

  /* Each setter on its own. */
  kl_client_list_set_filter (list, &(KlClientFilter) { NULL });
  kl_client_list_set_status (list, "active");
  kl_client_list_set_segment (list, "B");
  g_assert_cmpuint (n_items (list), ==, 1);
  kl_client_list_set_segment (list, NULL);
  kl_client_list_set_source (list, "referral");
  g_assert_cmpuint (n_items (list), ==, 1);
  kl_client_list_set_source (list, "");
  kl_client_list_set_manager (list, ivo);
  g_assert_cmpuint (n_items (list), ==, 1);
  kl_client_list_set_manager (list, 0);
  kl_client_list_set_overdue (list, TRUE);
  g_assert_cmpuint (n_items (list), ==, 1);
  kl_client_list_set_overdue (list, FALSE);
  kl_client_list_set_no_contact (list, TRUE);
  g_assert_cmpuint (n_items (list), ==, 1);
  kl_client_list_set_status (list, NULL);
  g_assert_cmpuint (n_items (list), ==, 2);
}

/* "No contact for 30 days" means nobody talked to them in that time:
 * clients never contacted are in it (last_contact_at is '', which sorts
 * before every day, so the filter stays one index range). */
static void
test_filter_never_contacted (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 planned = add_filtered_client (f, "Planirani", "prospect", NULL, NULL, 0);
  gint64 cancelled = add_filtered_client (f, "Otkazani", "active", NULL, NULL, 0);
  gint64 undone = add_filtered_client (f, "Vraćeni", "active", NULL, NULL, 0);
  gint64 lately = add_filtered_client (f, "Nedavni", "active", NULL, NULL, 0);
  gint64 long_ago = add_filtered_client (f, "Davni", "active", NULL, NULL, 0);
  g_autoptr(KlEntity) imported = g_object_new (KL_TYPE_CLIENT, "name", "Uvezeni", "status", "key", NULL);
  g_autoptr(KlEntity) activity = NULL;
  g_autoptr(KlClientList) list = kl_client_list_new (f->session);
  gint64 undone_activity;

  add_filtered_client (f, "Novi", "prospect", NULL, NULL, 0);
  g_assert_true (kl_store_insert_many (store (f, KL_TYPE_CLIENT), &imported, 1, "test", &error));
  g_assert_no_error (error);
  add_activity (f, planned, 3, "planned");
  add_activity (f, cancelled, -3, "cancelled");
  add_activity (f, lately, -29, "done");
  add_activity (f, long_ago, -31, "done");
  /* Contacted, then that was undone: never contacted again. */
  undone_activity = add_activity (f, undone, -3, "done");
  activity = kl_store_get (store (f, KL_TYPE_ACTIVITY), undone_activity, &error);
  g_assert_no_error (error);
  kl_entity_set_text (activity, "status", "planned");
  update (f, activity);

  g_assert_cmpint (query_int (f, "SELECT count(*) FROM clients WHERE last_contact_at = ''"), ==, 5);

  for (Way way = 0; way < N_WAYS; way++)
    {
      use_way (list, way);
      kl_client_list_set_sort (list, KL_CLIENT_SORT_NAME, FALSE);
      assert_filter (list, &(KlClientFilter) { .no_contact = TRUE },
                     "Davni|Novi|Otkazani|Planirani|Uvezeni|Vraćeni");
      assert_filter (list, &(KlClientFilter) { .no_contact = TRUE, .status = "active" },
                     "Davni|Otkazani|Vraćeni");
      assert_filter (list, &(KlClientFilter) { .no_contact = TRUE, .search = "uvez" }, "Uvezeni");
      /* By last contact: never first, then the oldest. */
      kl_client_list_set_sort (list, KL_CLIENT_SORT_LAST_CONTACT, FALSE);
      assert_filter (list, &(KlClientFilter) { .no_contact = TRUE },
                     "Novi|Otkazani|Planirani|Uvezeni|Vraćeni|Davni");
      kl_client_list_set_sort (list, KL_CLIENT_SORT_LAST_CONTACT, TRUE);
      assert_filter (list, &(KlClientFilter) { .no_contact = TRUE },
                     "Davni|Vraćeni|Uvezeni|Planirani|Otkazani|Novi");
    }
}

/* Sorting */

typedef struct {
  const char *name;
  const char *tax_id;
  const char *city;
  const char *segment;
  const char *status;
  const char *manager;
  const char *phone;
  int         last_contact;    /* days from today; 0 for none */
  int         next_activity;   /* days from today; 0 for none */
  gint64      pipeline;
  gint64      debt;
} SortRow;

static const SortRow sort_rows[] = {
  { "Čakovec d.o.o.", "111", "Zadar", "B", "active", "Željko Žic", "+385 1 111", -10, 5, 500, 0 },
  { "Cvijet d.o.o.", "222", "Osijek", "A", "prospect", "Ana Anić", "+385 1 333", 0, 0, 0, 300 },
  { "Ćevap obrt", NULL, NULL, NULL, "key", NULL, NULL, -40, -2, 1000, 100 },
  { "Dubrovnik obrt", "333", "Zagreb", "A", "lost", "Čedo Čolić", "+385 1 222", -1, 30, 200, 0 },
};

/* By row letter: A = Čakovec, B = Cvijet, C = Ćevap, D = Dubrovnik. */
static const char * const sort_orders[KL_CLIENT_N_SORTS][2] = {
  [KL_CLIENT_SORT_NAME] = { "BACD", "DCAB" },
  [KL_CLIENT_SORT_TAX_ID] = { "ABDC", "CDBA" },
  [KL_CLIENT_SORT_CITY] = { "BADC", "CDAB" },
  [KL_CLIENT_SORT_SEGMENT] = { "BDAC", "CADB" },
  [KL_CLIENT_SORT_STATUS] = { "BACD", "DCAB" },
  [KL_CLIENT_SORT_MANAGER] = { "BDAC", "CADB" },
  [KL_CLIENT_SORT_PHONE] = { "ADBC", "CBDA" },
  [KL_CLIENT_SORT_LAST_CONTACT] = { "BCAD", "DACB" },
  [KL_CLIENT_SORT_NEXT_ACTIVITY] = { "CADB", "BDAC" },
  [KL_CLIENT_SORT_OPEN_PIPELINE] = { "BDAC", "CADB" },
  [KL_CLIENT_SORT_OVERDUE_DEBT] = { "ADCB", "BCDA" },
};

static void
add_sort_rows (Fixture *f)
{
  for (guint i = 0; i < G_N_ELEMENTS (sort_rows); i++)
    {
      const SortRow *row = &sort_rows[i];
      g_autoptr(KlEntity) client = g_object_new (KL_TYPE_CLIENT, "name", row->name, "country", "SI",
                                                 "tax-id", row->tax_id, "city", row->city,
                                                 "segment", row->segment, "status", row->status,
                                                 "phone", row->phone, NULL);
      gint64 id;

      if (row->manager != NULL)
        kl_entity_set_number (client, "manager_id", add_manager (f, row->manager));
      insert (f, client);
      id = kl_entity_get_id (client);

      if (row->last_contact != 0)
        {
          add_activity (f, id, row->last_contact, "done");
          add_activity (f, id, row->last_contact - 100, "done");
        }
      if (row->next_activity != 0)
        {
          add_activity (f, id, row->next_activity, "planned");
          add_activity (f, id, row->next_activity + 7, "planned");
        }
      add_activity (f, id, -500, "cancelled");
      if (row->pipeline != 0)
        {
          add_deal (f, id, row->pipeline, "EUR", "offer");
          add_deal (f, id, 99999, "EUR", "won");
          add_deal (f, id, 77777, "RUB", "lead");
        }
      if (row->debt != 0)
        add_invoice (f, id, row->debt, -3);
    }
}

static char *
letters (KlClientList *list)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < n_items (list); i++)
    {
      g_autoptr(KlEntity) client = g_list_model_get_item (G_LIST_MODEL (list), i);

      for (guint j = 0; j < G_N_ELEMENTS (sort_rows); j++)
        if (g_strcmp0 (kl_entity_get_text (client, "name"), sort_rows[j].name) == 0)
          g_string_append_c (out, 'A' + j);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_sort_columns (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(KlClientList) list = kl_client_list_new (f->session);

  add_sort_rows (f);

  for (Way way = 0; way < N_WAYS; way++)
    {
      use_way (list, way);
      /* Every way but the default reads through a search matching all. */
      kl_client_list_set_search (list, way == WAY_DEFAULT ? NULL : "o");
      g_assert_cmpuint (n_items (list), ==, 4);

      for (KlClientSort sort = 0; sort < KL_CLIENT_N_SORTS; sort++)
        for (guint descending = 0; descending < 2; descending++)
          {
            g_autofree char *order = NULL;

            kl_client_list_set_sort (list, sort, descending);
            order = letters (list);
            if (g_strcmp0 (order, sort_orders[sort][descending]) != 0)
              g_error ("way %d, sort %s %s: %s, expected %s", way, kl_client_sort_to_string (sort),
                       descending ? "desc" : "asc", order, sort_orders[sort][descending]);
          }
    }
}

static void
test_summary_columns (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(KlClientList) list = kl_client_list_new (f->session);

  add_sort_rows (f);
  kl_client_list_set_sort (list, KL_CLIENT_SORT_NAME, FALSE);

  for (guint i = 0; i < n_items (list); i++)
    {
      g_autoptr(KlEntity) client = g_list_model_get_item (G_LIST_MODEL (list), i);
      const char *name = kl_entity_get_text (client, "name");
      g_autofree char *manager = NULL;
      g_autofree char *last_contact = NULL;
      g_autofree char *next_activity = NULL;
      gint64 pipeline, debt;
      const SortRow *row = NULL;

      for (guint j = 0; j < G_N_ELEMENTS (sort_rows); j++)
        if (g_str_equal (sort_rows[j].name, name))
          row = &sort_rows[j];
      g_assert_nonnull (row);

      g_object_get (client, "manager-name", &manager, "last-contact", &last_contact,
                    "next-activity", &next_activity, "open-pipeline", &pipeline,
                    "overdue-debt", &debt, NULL);
      g_assert_cmpstr (manager, ==, row->manager);
      g_assert_cmpint (pipeline, ==, row->pipeline);
      g_assert_cmpint (debt, ==, row->debt);
      if (row->last_contact == 0)
        g_assert_null (last_contact);
      else
        {
          g_autofree char *expected = day (row->last_contact, TRUE);

          g_assert_cmpstr (last_contact, ==, expected);
        }
      if (row->next_activity == 0)
        g_assert_null (next_activity);
      else
        {
          g_autofree char *expected = day (row->next_activity, TRUE);

          g_assert_cmpstr (next_activity, ==, expected);
        }
      /* The GUI's columns read these. */
      g_assert_cmpstr (kl_entity_get_text (client, "status"), ==, row->status);
      g_assert_cmpstr (kl_entity_get_text (client, "city"), ==, row->city);
    }
}

/* The summary follows every write. */

typedef struct {
  char   *last_contact;
  char   *next_activity;
  gint64  pipeline;
  gint64  debt;
} Summary;

static void
read_summary (Fixture *f,
              gint64   client_id,
              Summary *out)
{
  g_autoptr(KlClientList) list = kl_client_list_new (f->session);
  g_autoptr(KlEntity) client = NULL;
  g_autoptr(KlEntity) stored = kl_store_get (store (f, KL_TYPE_CLIENT), client_id, NULL);

  /* Find it through the list, by its (unique) name. */
  kl_client_list_set_search (list, kl_entity_get_text (stored, "name"));
  g_assert_cmpuint (n_items (list), ==, 1);
  client = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpint (kl_entity_get_id (client), ==, client_id);

  g_free (out->last_contact);
  g_free (out->next_activity);
  g_object_get (client, "last-contact", &out->last_contact, "next-activity", &out->next_activity,
                "open-pipeline", &out->pipeline, "overdue-debt", &out->debt, NULL);
}

static void
assert_date (const char *value,
             int         days)
{
  g_autofree char *expected = days == G_MININT ? NULL : day (days, TRUE);

  g_assert_cmpstr (value, ==, expected);
}

static void
test_summary_follows_writes (Fixture       *f,
                             gconstpointer  data)
{
  gint64 client = add_client (f, "Sažetak d.o.o.", "Rijeka");
  gint64 other = add_client (f, "Drugi klijent", "Pula");
  Summary s = { NULL, };
  gint64 planned, done_old, done_new, deal_eur, deal_rub, invoice, payment;
  g_autoptr(KlEntity) entity = NULL;

  read_summary (f, client, &s);
  assert_date (s.last_contact, G_MININT);
  assert_date (s.next_activity, G_MININT);
  g_assert_cmpint (s.pipeline, ==, 0);
  g_assert_cmpint (s.debt, ==, 0);

  /* Activities */
  planned = add_activity (f, client, 3, "planned");
  read_summary (f, client, &s);
  assert_date (s.next_activity, 3);
  assert_date (s.last_contact, G_MININT);
  add_activity (f, client, -2, "planned");                 /* overdue comes first */
  read_summary (f, client, &s);
  assert_date (s.next_activity, -2);
  done_old = add_activity (f, client, -20, "done");
  done_new = add_activity (f, client, -5, "done");
  add_activity (f, client, -1, "cancelled");
  read_summary (f, client, &s);
  assert_date (s.last_contact, -5);
  (void) done_old;

  entity = kl_store_get (store (f, KL_TYPE_ACTIVITY), planned, NULL);
  kl_entity_set_text (entity, "status", "done");            /* done ahead of its day */
  update (f, entity);
  read_summary (f, client, &s);
  assert_date (s.last_contact, 3);
  assert_date (s.next_activity, -2);
  kl_entity_set_number (entity, "client_id", other);         /* moved to another client */
  update (f, entity);
  read_summary (f, client, &s);
  assert_date (s.last_contact, -5);
  read_summary (f, other, &s);
  assert_date (s.last_contact, 3);
  g_clear_object (&entity);

  delete (f, KL_TYPE_ACTIVITY, done_new);
  read_summary (f, client, &s);
  assert_date (s.last_contact, -20);

  /* Deals: open ones in the client's currency */
  deal_eur = add_deal (f, client, 100000, "EUR", "lead");
  deal_rub = add_deal (f, client, 5000000, "RUB", "negotiation");
  add_deal (f, client, 25000, "EUR", "offer");
  add_deal (f, client, 70000, "EUR", "won");
  add_deal (f, client, 30000, "EUR", "lost");
  read_summary (f, client, &s);
  g_assert_cmpint (s.pipeline, ==, 125000);

  entity = kl_store_get (store (f, KL_TYPE_DEAL), deal_eur, NULL);
  kl_entity_set_number (entity, "amount", 200000);
  update (f, entity);
  read_summary (f, client, &s);
  g_assert_cmpint (s.pipeline, ==, 225000);
  kl_entity_set_text (entity, "stage", "won");
  update (f, entity);
  read_summary (f, client, &s);
  g_assert_cmpint (s.pipeline, ==, 25000);
  g_clear_object (&entity);

  /* The client now keeps its books in roubles. */
  entity = kl_store_get (store (f, KL_TYPE_CLIENT), client, NULL);
  kl_entity_set_text (entity, "currency", "RUB");
  update (f, entity);
  read_summary (f, client, &s);
  g_assert_cmpint (s.pipeline, ==, 5000000);
  kl_entity_set_text (entity, "currency", "EUR");
  update (f, entity);
  g_clear_object (&entity);
  delete (f, KL_TYPE_DEAL, deal_rub);
  read_summary (f, client, &s);
  g_assert_cmpint (s.pipeline, ==, 25000);

  /* Invoices and payments: what is left to pay of invoices past due */
  invoice = add_invoice (f, client, 10000, -10);
  read_summary (f, client, &s);
  g_assert_cmpint (s.debt, ==, 10000);
  add_invoice (f, client, 4000, 0);                          /* due today: not overdue yet */
  add_invoice (f, client, 3000, 15);
  read_summary (f, client, &s);
  g_assert_cmpint (s.debt, ==, 10000);

  payment = add_payment (f, invoice, 2500);
  read_summary (f, client, &s);
  g_assert_cmpint (s.debt, ==, 7500);
  entity = kl_store_get (store (f, KL_TYPE_PAYMENT), payment, NULL);
  kl_entity_set_number (entity, "amount", 12000);            /* overpaid: no debt, no credit */
  update (f, entity);
  read_summary (f, client, &s);
  g_assert_cmpint (s.debt, ==, 0);
  g_clear_object (&entity);
  delete (f, KL_TYPE_PAYMENT, payment);
  read_summary (f, client, &s);
  g_assert_cmpint (s.debt, ==, 10000);

  entity = kl_store_get (store (f, KL_TYPE_INVOICE), invoice, NULL);
  kl_entity_set_text (entity, "status", "cancelled");
  update (f, entity);
  read_summary (f, client, &s);
  g_assert_cmpint (s.debt, ==, 0);
  kl_entity_set_text (entity, "status", "issued");
  kl_entity_set_number (entity, "amount", 6000);
  update (f, entity);
  read_summary (f, client, &s);
  g_assert_cmpint (s.debt, ==, 6000);
  g_clear_object (&entity);

  {
    g_autoptr(KlEntity) foreign = g_object_new (KL_TYPE_INVOICE, "client-id", client, "number", "RU-1",
                                                "issue-date", "2020-01-01", "due-date", "2020-02-01",
                                                "amount", (gint64) 999999, "currency", "RUB", NULL);

    insert (f, foreign);                                     /* another currency: left out */
    read_summary (f, client, &s);
    g_assert_cmpint (s.debt, ==, 6000);
  }

  delete (f, KL_TYPE_INVOICE, invoice);
  read_summary (f, client, &s);
  g_assert_cmpint (s.debt, ==, 0);

  g_free (s.last_contact);
  g_free (s.next_activity);
}

/* Overdue debt moves with the calendar: a list brings stale rows up to
 * today when it opens. */
static void
test_overdue_new_day (Fixture       *f,
                      gconstpointer  data)
{
  gint64 client = add_client (f, "Dužnik d.o.o.", "Split");
  g_autofree char *yesterday = day (-1, FALSE);
  g_autofree char *sql = NULL;
  Summary s = { NULL, };

  add_invoice (f, client, 5000, -1);
  add_invoice (f, client, 700, 2);
  g_assert_cmpint (query_int (f, "SELECT overdue_debt FROM clients WHERE overdue_debt > 0"), ==, 5000);

  /* As if summed two days ago: the first invoice was not due then. */
  sql = g_strdup_printf ("UPDATE clients SET overdue_debt = 0, debt_next_due = '%s'", yesterday);
  g_assert_true (kl_database_exec (kl_session_get_database (f->session), sql, NULL));

  read_summary (f, client, &s);
  g_assert_cmpint (s.debt, ==, 5000);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM clients WHERE debt_next_due = date('now', 'localtime', '+2 days')"),
                   ==, 1);

  g_free (s.last_contact);
  g_free (s.next_activity);
}

/* An invoice due today is not overdue yet: opening the list on that day
 * writes nothing (each start used to rewrite such clients and their search
 * documents). */
static void
test_overdue_due_today (Fixture       *f,
                        gconstpointer  data)
{
  gint64 client = add_client (f, "Uredni platiša d.o.o.", "Zadar");
  sqlite3 *db = kl_database_get_handle (kl_session_get_database (f->session));
  Summary s = { NULL, };
  int changes;

  add_invoice (f, client, 800, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM clients WHERE debt_next_due = date('now', 'localtime')"), ==, 1);

  changes = sqlite3_total_changes (db);
  read_summary (f, client, &s);
  g_assert_cmpint (s.debt, ==, 0);
  g_assert_cmpint (sqlite3_total_changes (db), ==, changes);

  g_free (s.last_contact);
  g_free (s.next_activity);
}

/* Paging through more than a page, every way, in any order of reading. */
static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(KlClientList) list = kl_client_list_new (f->session);
  KlDatabase *db = kl_session_get_database (f->session);
  guint n = 1234;

  g_assert_true (kl_database_begin (db, NULL));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Klijent %04u", i);

      add_client (f, name, i % 2 ? "Zagreb" : "Zadar");
    }
  g_assert_true (kl_database_commit (db, NULL));

  for (Way way = 0; way < N_WAYS; way++)
    for (guint descending = 0; descending < 2; descending++)
      {
        guint positions[] = { 0, n - 1, 617, 99, 100, 1133, 1134, 5, 700, 1199, 1200, 250 };

        use_way (list, way);
        kl_client_list_set_search (list, way == WAY_DEFAULT ? NULL : "klijent");
        kl_client_list_set_sort (list, KL_CLIENT_SORT_NAME, descending);
        g_assert_cmpuint (n_items (list), ==, n);

        for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
          {
            g_autoptr(KlEntity) client = g_list_model_get_item (G_LIST_MODEL (list), positions[i]);
            guint number = descending ? n - 1 - positions[i] : positions[i];
            g_autofree char *expected = g_strdup_printf ("Klijent %04u", number);

            g_assert_nonnull (client);
            g_assert_cmpstr (kl_entity_get_text (client, "name"), ==, expected);
          }
        g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n));

        /* Half of them, by a search that is not the first word. */
        kl_client_list_set_search (list, "zag");
        g_assert_cmpuint (n_items (list), ==, n / 2);
        {
          g_autoptr(KlEntity) last = g_list_model_get_item (G_LIST_MODEL (list), n / 2 - 1);
          g_autofree char *expected = g_strdup_printf ("Klijent %04u", descending ? 1 : n - 1);

          g_assert_cmpstr (kl_entity_get_text (last, "name"), ==, expected);
        }
      }
}

/* State the window can save, and change notices. */

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           GString    *log)
{
  g_string_append_printf (log, "%s;", pspec->name);
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
test_state (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(KlClientList) list = kl_client_list_new (f->session);
  g_autoptr(GString) log = g_string_new (NULL);
  KlClientFilter filter = { NULL };
  KlClientSort sort;
  guint calls = 0;
  g_autofree char *sort_column = NULL;
  gboolean descending;

  add_client (f, "Jedan", "Zagreb");
  g_signal_connect (list, "notify", G_CALLBACK (on_notify), log);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &calls);

  for (sort = 0; sort < KL_CLIENT_N_SORTS; sort++)
    {
      KlClientSort back;

      g_assert_true (kl_client_sort_from_string (kl_client_sort_to_string (sort), &back));
      g_assert_cmpint (back, ==, sort);
    }
  g_assert_false (kl_client_sort_from_string ("nonsense", &sort));
  g_assert_false (kl_client_sort_from_string (NULL, &sort));

  kl_client_list_set_sort (list, KL_CLIENT_SORT_OVERDUE_DEBT, TRUE);
  g_assert_cmpint (kl_client_list_get_sort (list), ==, KL_CLIENT_SORT_OVERDUE_DEBT);
  g_assert_true (kl_client_list_get_descending (list));
  g_object_get (list, "sort-column", &sort_column, "descending", &descending, NULL);
  g_assert_cmpstr (sort_column, ==, "overdue-debt");
  g_assert_true (descending);
  g_object_set (list, "sort-column", "city", "descending", FALSE, NULL);
  g_assert_cmpint (kl_client_list_get_sort (list), ==, KL_CLIENT_SORT_CITY);
  g_assert_false (kl_client_list_get_descending (list));
  g_assert_true (g_str_has_prefix (log->str, "sort-column;descending;"));
  g_assert_cmpuint (log->len, ==, strlen ("sort-column;descending;sort-column;descending;"));
  g_string_truncate (log, 0);

  /* One query, one items-changed for many filters at once. */
  calls = 0;
  kl_client_list_set_filter (list, &(KlClientFilter) { .search = "zag", .status = "prospect", .segment = "A",
                                                        .source = "website", .manager_id = 3,
                                                        .overdue = TRUE, .no_contact = TRUE });
  g_assert_cmpuint (calls, ==, 1);
  kl_client_list_get_filter (list, &filter);
  g_assert_cmpstr (filter.search, ==, "zag");
  g_assert_cmpstr (filter.status, ==, "prospect");
  g_assert_cmpstr (filter.segment, ==, "A");
  g_assert_cmpstr (filter.source, ==, "website");
  g_assert_cmpint (filter.manager_id, ==, 3);
  g_assert_true (filter.overdue);
  g_assert_true (filter.no_contact);
  g_assert_cmpstr (kl_client_list_get_search (list), ==, "zag");
  g_assert_cmpstr (kl_client_list_get_status (list), ==, "prospect");
  g_assert_cmpstr (kl_client_list_get_segment (list), ==, "A");
  g_assert_cmpstr (kl_client_list_get_source (list), ==, "website");
  g_assert_cmpint (kl_client_list_get_manager (list), ==, 3);
  g_assert_true (kl_client_list_get_overdue (list));
  g_assert_true (kl_client_list_get_no_contact (list));
  g_assert_nonnull (strstr (log->str, "search;"));
  g_assert_nonnull (strstr (log->str, "no-contact;"));
  g_string_truncate (log, 0);

  /* Setting what is set already changes nothing. */
  calls = 0;
  kl_client_list_set_filter (list, &filter);
  kl_client_list_set_status (list, "prospect");
  kl_client_list_set_overdue (list, TRUE);
  g_assert_cmpuint (calls, ==, 0);
  g_assert_cmpstr (log->str, ==, "");

  kl_client_list_set_filter (list, &(KlClientFilter) { NULL });
  g_assert_null (kl_client_list_get_search (list));
  g_assert_null (kl_client_list_get_status (list));
  g_assert_cmpuint (n_items (list), ==, 1);

  /* Rows hidden (say, deletions that can still be undone) stay out. */
  {
    g_autoptr(GArray) hidden = g_array_new (FALSE, FALSE, sizeof (gint64));
    gint64 id = 1;

    add_client (f, "Dva", "Split");
    g_array_append_val (hidden, id);
    kl_client_list_set_hidden (list, hidden);
    assert_names (list, "Dva");
    kl_client_list_set_search (list, "jedan");
    g_assert_cmpuint (n_items (list), ==, 0);
    kl_client_list_set_search (list, NULL);
    kl_client_list_set_hidden (list, NULL);
    assert_names (list, "Dva|Jedan");
  }

  /* Changes of related records reach the list. */
  calls = 0;
  add_activity (f, 1, -1, "done");
  g_assert_cmpuint (calls, ==, 1);
  add_contact (f, 1, "Netko", NULL, NULL);
  g_assert_cmpuint (calls, ==, 2);
  add_invoice (f, 1, 100, -1);
  g_assert_cmpuint (calls, ==, 3);
}

/* Migration from schema 1 */

static void
exec_v1 (sqlite3    *db,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
test_migration_fills (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = kl_test_make_dir ("model");
  g_autofree char *path = g_build_filename (dir, "v1.db", NULL);
  g_autoptr(KlDatabase) old = kl_database_open_at_version (path, 1, &error);
  g_autoptr(KlSession) session = NULL;
  g_autoptr(KlClientList) list = NULL;
  g_autofree char *recent = day (-3, TRUE);
  g_autofree char *soon = day (4, TRUE);
  g_autofree char *past_due = day (-8, FALSE);
  g_autofree char *sql = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  db = kl_database_get_handle (old);
  /* Rows as a version 1 program (or another tool) wrote them: no keys. */
  exec_v1 (db, "INSERT INTO managers (id, name, created_at, updated_at) VALUES"
               " (1, 'Željka Žic', 'x', 'x'), (2, 'Čedomir Čuk', 'x', 'x')");
  exec_v1 (db, "INSERT INTO clients (id, name, city, tax_id, phone, manager_id, created_at, updated_at) VALUES"
               " (1, 'Đuro Kovačević d.o.o.', 'Zagreb', NULL, '+385 1 555 0101', 1, 'x', 'x'),"
               " (2, 'ООО «Ёлка»', 'Москва', '7707083893', NULL, 2, 'x', 'x'),"
               " (3, 'Bez ičega', NULL, NULL, NULL, NULL, 'x', 'x')");
  exec_v1 (db, "INSERT INTO contacts (client_id, name, email, phone, created_at, updated_at) VALUES"
               " (2, 'Пётр Сидоров', 'petr@elka.ru', '8 (912) 345-67-89', 'x', 'x')");
  sql = g_strdup_printf ("INSERT INTO activities (kind, client_id, subject, starts_at, status, created_at, updated_at)"
                         " VALUES ('call', 1, 'Poziv', '%s', 'done', 'x', 'x'),"
                         " ('meeting', 1, 'Sastanak', '%s', 'planned', 'x', 'x');"
                         "INSERT INTO deals (client_id, title, stage, amount, currency, created_at, updated_at)"
                         " VALUES (1, 'Posao', 'offer', 40000, 'EUR', 'x', 'x');"
                         "INSERT INTO invoices (id, number, client_id, issue_date, due_date, amount, currency,"
                         " created_at, updated_at) VALUES (1, 'R-1', 2, '2020-01-01', '%s', 9000, 'EUR', 'x', 'x');"
                         "INSERT INTO payments (invoice_id, paid_date, amount, created_at, updated_at)"
                         " VALUES (1, '2020-02-01', 1000, 'x', 'x');",
                         recent, soon, past_due);
  exec_v1 (db, sql);
  g_clear_object (&old);

  session = kl_session_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (kl_database_get_version (kl_session_get_database (session)), ==, kl_database_latest_version ());

  list = kl_client_list_new (session);
  g_assert_cmpuint (n_items (list), ==, 3);
  assert_search (list, "djuro", "Đuro Kovačević d.o.o.");
  assert_search (list, "015550", "Đuro Kovačević d.o.o.");
  assert_search (list, "петр", "ООО «Ёлка»");
  assert_search (list, "сидор", "ООО «Ёлка»");
  assert_search (list, "elka", "ООО «Ёлка»");
  assert_search (list, "8912", "ООО «Ёлка»");
  assert_search (list, "+7 912 345", "ООО «Ёлка»");
  assert_search (list, "ёлка", "ООО «Ёлка»");
  assert_search (list, NULL, "Bez ičega|Đuro Kovačević d.o.o.|ООО «Ёлка»");

  /* Sorted by manager in Croatian order: Čedomir before Željka. */
  kl_client_list_set_sort (list, KL_CLIENT_SORT_MANAGER, FALSE);
  assert_names (list, "ООО «Ёлка»|Đuro Kovačević d.o.o.|Bez ičega");

  kl_client_list_set_sort (list, KL_CLIENT_SORT_NAME, FALSE);
  {
    g_autoptr(KlEntity) duro = g_list_model_get_item (G_LIST_MODEL (list), 1);
    g_autoptr(KlEntity) elka = g_list_model_get_item (G_LIST_MODEL (list), 2);
    g_autofree char *last_contact = NULL;
    g_autofree char *next_activity = NULL;
    g_autofree char *manager = NULL;
    gint64 pipeline, debt;

    g_object_get (duro, "last-contact", &last_contact, "next-activity", &next_activity,
                  "open-pipeline", &pipeline, "manager-name", &manager, NULL);
    g_assert_cmpstr (last_contact, ==, recent);
    g_assert_cmpstr (next_activity, ==, soon);
    g_assert_cmpint (pipeline, ==, 40000);
    g_assert_cmpstr (manager, ==, "Željka Žic");
    g_object_get (elka, "overdue-debt", &debt, NULL);
    g_assert_cmpint (debt, ==, 8000);
  }

  kl_client_list_set_filter (list, &(KlClientFilter) { .overdue = TRUE });
  assert_names (list, "ООО «Ёлка»");
  kl_client_list_set_filter (list, &(KlClientFilter) { .no_contact = TRUE });
  assert_names (list, "Bez ičega|ООО «Ёлка»");

  g_clear_object (&list);
  g_clear_object (&session);
  kl_test_remove_dir (dir);
}

/* Another program writing the file (without the model's SQL functions)
 * only misses the folded keys it did not write; nothing fails. */
static void
test_other_writer (Fixture       *f,
                   gconstpointer  data)
{
  sqlite3 *other = NULL;
  g_autoptr(KlClientList) list = kl_client_list_new (f->session);
  gint64 id = add_client (f, "Naš klijent", "Zagreb");
  g_autofree char *sql = g_strdup_printf ("INSERT INTO contacts (client_id, name, created_at, updated_at)"
                                          " VALUES (%" G_GINT64_FORMAT ", 'Vanjski', 'x', 'x');"
                                          "INSERT INTO clients (name, created_at, updated_at)"
                                          " VALUES ('Tuđi', 'x', 'x');"
                                          "INSERT INTO activities (kind, client_id, subject, starts_at, status,"
                                          " created_at, updated_at) VALUES ('call', %" G_GINT64_FORMAT ","
                                          " 'X', '2020-01-01T10:00', 'done', 'x', 'x');",
                                          id, id);

  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  sqlite3_busy_timeout (other, 5000);
  exec_v1 (other, "PRAGMA foreign_keys = ON");
  exec_v1 (other, sql);
  sqlite3_close (other);

  kl_client_list_reload (list);
  g_assert_cmpuint (n_items (list), ==, 2);
  assert_search (list, "nas", "Naš klijent");
  assert_search (list, "vanjski", "");   /* no folded key was written for it */
  kl_client_list_set_filter (list, &(KlClientFilter) { .no_contact = TRUE });
  /* Without a sort key it sorts first, but it is there. */
  assert_names (list, "Tuđi|Naš klijent");
}

/* A search marked in the order of every client read once: that order is
 * read again after a write of the list's own session and after one of
 * another program, never shown stale. */
static void
test_ranked_follows_writes (Fixture       *f,
                            gconstpointer  data)
{
  sqlite3 *other = NULL;
  g_autoptr(KlClientList) list = kl_client_list_new (f->session);

  add_client (f, "Dora", "Zagreb");
  add_client (f, "Dino", "Split");
  add_client (f, "Dada", "Osijek");
  add_client (f, "Ema", "Bjelovar");
  use_way (list, WAY_RANKED);
  kl_client_list_set_sort (list, KL_CLIENT_SORT_CITY, FALSE);
  assert_search (list, "d", "Dada|Dino|Dora");

  /* the session's own write */
  add_client (f, "Dean", "Karlovac");
  assert_names (list, "Dean|Dada|Dino|Dora");

  /* another program's */
  g_assert_cmpint (sqlite3_open (f->path, &other), ==, SQLITE_OK);
  sqlite3_busy_timeout (other, 5000);
  exec_v1 (other, "UPDATE clients SET city = 'Bjelovar' WHERE name = 'Dora'");
  sqlite3_close (other);
  kl_client_list_reload (list);
  assert_names (list, "Dora|Dean|Dada|Dino");

  kl_client_list_set_sort (list, KL_CLIENT_SORT_CITY, TRUE);
  assert_names (list, "Dino|Dada|Dean|Dora");
  assert_search (list, "di", "Dino");
}

/* Search documents written with KL_STORE_INSERT_DEFER_SEARCH: found at
 * once (by LIKE), in the search index after kl_search_update_index(). */

static GPtrArray *
new_clients (const char *first_name,
             ...)
{
  GPtrArray *clients = g_ptr_array_new_with_free_func (g_object_unref);
  const char *name = first_name;
  va_list args;

  /* name, city, status; … NULL */
  va_start (args, first_name);
  while (name != NULL)
    {
      const char *city = va_arg (args, const char *);
      const char *status = va_arg (args, const char *);

      g_ptr_array_add (clients, g_object_new (KL_TYPE_CLIENT, "name", name, "city", city, "status", status, NULL));
      name = va_arg (args, const char *);
    }
  va_end (args);

  return clients;
}

static void
insert_deferred (Fixture   *f,
                 GType      type,
                 GPtrArray *entities)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_store_insert_many_full (store (f, type), (KlEntity **) entities->pdata, entities->len, "test",
                                            KL_STORE_INSERT_DEFER_SEARCH, &error));
  g_assert_no_error (error);
}

static gint64
id_at (GPtrArray *entities,
       guint      index)
{
  return kl_entity_get_id (g_ptr_array_index (entities, index));
}

static gboolean
has_index (Fixture    *f,
           const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                          " AND tbl_name = 'clients' AND name = '%s'", name);

  return query_int (f, sql) == 1;
}

/* What the searches below find, pending or not. */
static void
assert_pending_searches (KlClientList *list)
{
  assert_search (list, "sime", "Šime Babić");
  assert_search (list, "ŠIME BAB", "Šime Babić");
  assert_search (list, "djuro", "Đuro Kovačević d.o.o.");
  assert_search (list, "kovač", "Đuro Kovačević d.o.o.");
  assert_search (list, "ovac", "");                          /* prefixes of words only */
  assert_search (list, "zagreb", "Ana Anić|Đuro Kovačević d.o.o.");
  assert_search (list, "ivica", "Ana Anić");                 /* her contact, added deferred */
  assert_search (list, "petra", "Šime Babić");               /* his contact, added at once */
  assert_search (list, "rijeka", "Drugi klijent");
  assert_search (list, "nova", "Nova firma");                /* renamed */
  assert_search (list, "stara", "");
  assert_search (list, "marko", "");                         /* deleted */
  assert_search (list, "osijek", "");
  assert_filter (list, &(KlClientFilter) { .search = "zagreb", .status = "active" }, "Đuro Kovačević d.o.o.");
  assert_filter (list, &(KlClientFilter) { .search = "zagreb", .status = "prospect" }, "Ana Anić");
  assert_filter (list, &(KlClientFilter) { .search = "nova", .status = "active" }, "");
  assert_filter (list, &(KlClientFilter) { .search = "k", .no_contact = TRUE },
                 "Ana Anić|Drugi klijent|Đuro Kovačević d.o.o.");

  kl_client_list_set_filter (list, &(KlClientFilter) { .search = "k" });
  kl_client_list_set_sort (list, KL_CLIENT_SORT_CITY, FALSE);
  assert_names (list, "Drugi klijent|Ana Anić|Đuro Kovačević d.o.o.");
  kl_client_list_set_sort (list, KL_CLIENT_SORT_CITY, TRUE);
  assert_names (list, "Đuro Kovačević d.o.o.|Ana Anić|Drugi klijent");
  kl_client_list_set_sort (list, KL_CLIENT_SORT_NAME, FALSE);
  assert_search (list, NULL, "Ana Anić|Drugi klijent|Đuro Kovačević d.o.o.|Nova firma|Šime Babić");
}

static void
test_search_pending (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KlDatabase *db = kl_session_get_database (f->session);
  gint64 ana = add_client (f, "Ana Anić", "Zagreb");
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GPtrArray) contacts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KlClientList) list = NULL;
  g_autoptr(KlEntity) stara = NULL;
  g_autofree char *sql = NULL;
  gint64 pending;
  guint n_indexed = 0;

  add_client (f, "Drugi klijent", "Rijeka");
  clients = new_clients ("Šime Babić", "Split", "prospect",
                         "Đuro Kovačević d.o.o.", "Zagreb", "active",
                         "Marko Marić", "Osijek", "active",
                         "Stara firma", "Pula", "prospect",
                         NULL);
  insert_deferred (f, KL_TYPE_CLIENT, clients);
  /* A contact of a client the index had: her document waits too. */
  g_ptr_array_add (contacts, g_object_new (KL_TYPE_CONTACT, "client-id", ana, "name", "Ivica Kos", NULL));
  insert_deferred (f, KL_TYPE_CONTACT, contacts);

  g_assert_true (kl_search_index_is_pending (db));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM search_pending"), ==, 5);
  g_assert_cmpint (kl_test_count_indexed (f->session, "sime"), ==, 0);
  g_assert_cmpint (kl_test_count_indexed (f->session, "ivica"), ==, 0);
  g_assert_cmpint (kl_test_count_indexed (f->session, "drugi"), ==, 1);
  g_assert_false (kl_test_search_index_complete (f->session));

  /* Changes meanwhile: a contact added to a waiting client, one renamed,
   * one deleted. */
  add_contact (f, id_at (clients, 0), "Petra Perić", NULL, NULL);
  stara = kl_store_get (store (f, KL_TYPE_CLIENT), id_at (clients, 3), &error);
  g_assert_no_error (error);
  kl_entity_set_text (stara, "name", "Nova firma");
  update (f, stara);
  delete (f, KL_TYPE_CLIENT, id_at (clients, 2));
  sql = g_strdup_printf ("SELECT count(*) FROM search_pending WHERE id = %" G_GINT64_FORMAT, id_at (clients, 2));
  g_assert_cmpint (query_int (f, sql), ==, 0);
  g_assert_cmpint (kl_test_count_indexed (f->session, "stara"), ==, 0);
  g_assert_true (kl_search_index_is_pending (db));

  for (Way way = 0; way < N_WAYS; way++)
    {
      g_clear_object (&list);
      list = kl_client_list_new (f->session);
      use_way (list, way);
      assert_pending_searches (list);
    }

  pending = query_int (f, "SELECT count(*) FROM search_pending");
  g_assert_cmpint (pending, >, 0);
  g_assert_true (kl_search_update_index (db, NULL, &n_indexed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_indexed, ==, pending);
  g_assert_false (kl_search_index_is_pending (db));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM search_pending"), ==, 0);
  g_assert_true (kl_test_search_index_complete (f->session));
  g_assert_cmpint (kl_test_count_indexed (f->session, "sime"), ==, 1);
  g_assert_cmpint (kl_test_count_indexed (f->session, "ivica"), ==, 1);
  g_assert_cmpint (kl_test_count_indexed (f->session, "ana"), ==, 1);
  g_assert_cmpint (kl_test_count_indexed (f->session, "nova"), ==, 1);
  g_assert_cmpint (kl_test_count_indexed (f->session, "stara"), ==, 0);
  g_assert_cmpint (kl_test_count_indexed (f->session, "marko"), ==, 0);

  kl_client_list_reload (list);
  for (Way way = 0; way < N_WAYS; way++)
    {
      use_way (list, way);
      assert_pending_searches (list);
    }

  /* Nothing left to do. */
  g_assert_true (kl_search_update_index (db, NULL, &n_indexed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_indexed, ==, 0);
}

/* A large import dropped the index of a sort; on a read-only database the
 * list cannot make it again, and sorts without it. */
static void
test_sort_without_index (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlClientList) list = NULL;
  g_autoptr(GPtrArray) clients = new_clients ("Šime Babić", "Split", "prospect",
                                              "Bura d.o.o.", "Zadar", "active",
                                              NULL);
  const char *ascending = "Cvijet d.o.o.|Šime Babić|Bura d.o.o.|Čakovec d.o.o.|Dubrovnik obrt|Ante Antić|Ćevap obrt";
  const char *descending = "Ćevap obrt|Ante Antić|Dubrovnik obrt|Čakovec d.o.o.|Bura d.o.o.|Šime Babić|Cvijet d.o.o.";
  g_autoptr(KlEntity) dubrovnik = g_object_new (KL_TYPE_CLIENT, "name", "Dubrovnik obrt", "city", "Zagreb",
                                                "status", "active", NULL);

  add_client (f, "Čakovec d.o.o.", "Zadar");
  add_client (f, "Cvijet d.o.o.", "Osijek");
  add_client (f, "Ćevap obrt", NULL);
  insert (f, dubrovnik);
  add_client (f, "Ante Antić", NULL);
  /* Two whose search documents wait. */
  insert_deferred (f, KL_TYPE_CLIENT, clients);

  g_assert_true (kl_bulk_drop_optional_indexes (kl_session_get_database (f->session), &error));
  g_assert_no_error (error);
  g_assert_false (has_index (f, "clients_sort_city"));
  g_assert_false (has_index (f, "clients_filter"));

  g_clear_object (&f->session);
  if (geteuid () == 0)
    {
      /* Root writes to read-only files: refuse writes on the connection. */
      f->session = kl_session_open (f->path, &error);
      g_assert_no_error (error);
      g_assert_true (kl_database_exec (kl_session_get_database (f->session), "PRAGMA query_only = ON", &error));
    }
  else
    {
      g_assert_cmpint (g_chmod (f->path, 0400), ==, 0);
      f->session = kl_session_open (f->path, &error);
    }
  g_assert_no_error (error);

  for (Way way = 0; way < N_WAYS; way++)
    {
      g_clear_object (&list);
      list = kl_client_list_new (f->session);
      use_way (list, way);

      kl_client_list_set_sort (list, KL_CLIENT_SORT_CITY, FALSE);
      assert_names (list, ascending);
      kl_client_list_set_sort (list, KL_CLIENT_SORT_CITY, TRUE);
      assert_names (list, descending);

      kl_client_list_set_sort (list, KL_CLIENT_SORT_CITY, FALSE);
      assert_search (list, "obrt", "Dubrovnik obrt|Ćevap obrt");
      assert_search (list, "sime", "Šime Babić");
      assert_search (list, "z", "Bura d.o.o.|Čakovec d.o.o.|Dubrovnik obrt");
      assert_filter (list, &(KlClientFilter) { .status = "active" }, "Bura d.o.o.|Dubrovnik obrt");
      assert_filter (list, &(KlClientFilter) { .status = "active", .search = "zadar" }, "Bura d.o.o.");
      assert_filter (list, &(KlClientFilter) { .status = "prospect", .search = "obrt" }, "Ćevap obrt");
    }

  /* Nothing could be written. */
  g_assert_false (has_index (f, "clients_sort_city"));
  g_assert_false (has_index (f, "clients_filter"));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM search_pending"), ==, 2);
  g_assert_cmpint (g_chmod (f->path, 0600), ==, 0);
}

static void
on_update_done (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
on_clients_changed (KlStore *clients,
                    int      change,
                    gint64   id,
                    guint   *n_changed)
{
  g_assert_cmpint (change, ==, KL_STORE_BATCH);
  (*n_changed)++;
}

/* Runs kl_session_update_search_index_async() to its end. */
static gboolean
update_search_index (Fixture       *f,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  kl_session_update_search_index_async (f->session, cancellable, on_update_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return kl_session_update_search_index_finish (f->session, result, error);
}

static void
test_update_search_index_async (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) clients = new_clients ("Šime Babić", "Split", "prospect",
                                              "Đuro Kovačević d.o.o.", "Zagreb", "active",
                                              NULL);
  g_autoptr(KlClientList) list = kl_client_list_new (f->session);
  KlDatabase *db = kl_session_get_database (f->session);
  guint n_changed = 0;
  guint n_items_changed = 0;

  add_client (f, "Ana Anić", "Zagreb");
  insert_deferred (f, KL_TYPE_CLIENT, clients);
  g_assert_true (kl_search_index_is_pending (db));
  assert_search (list, "zagreb", "Ana Anić|Đuro Kovačević d.o.o.");

  g_signal_connect (store (f, KL_TYPE_CLIENT), "changed", G_CALLBACK (on_clients_changed), &n_changed);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &n_items_changed);

  /* Cancelled: nothing done, nothing announced. */
  g_cancellable_cancel (cancellable);
  g_assert_false (update_search_index (f, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM search_pending"), ==, 2);
  g_assert_cmpuint (n_changed, ==, 0);

  /* On a connection of its own, then the lists query again. */
  g_assert_true (update_search_index (f, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (n_items_changed, ==, 1);
  g_assert_false (kl_search_index_is_pending (db));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM search_pending"), ==, 0);
  g_assert_cmpint (kl_test_count_indexed (f->session, "sime"), ==, 1);
  g_assert_cmpint (kl_test_count_indexed (f->session, "zagreb"), ==, 2);
  g_assert_true (kl_test_search_index_complete (f->session));
  assert_names (list, "Ana Anić|Đuro Kovačević d.o.o.");
  assert_search (list, "sime", "Šime Babić");

  /* Nothing pending: done at once. */
  g_assert_true (update_search_index (f, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changed, ==, 1);

  g_signal_handlers_disconnect_by_data (store (f, KL_TYPE_CLIENT), &n_changed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/client-list/search/key", test_search_key);
  ADD ("/client-list/search/folding", test_search_folding);
  ADD ("/client-list/search/contacts", test_search_contacts);
  ADD ("/client-list/filters", test_filters);
  ADD ("/client-list/filters/never-contacted", test_filter_never_contacted);
  ADD ("/client-list/sort/columns", test_sort_columns);
  ADD ("/client-list/summary/columns", test_summary_columns);
  ADD ("/client-list/summary/follows-writes", test_summary_follows_writes);
  ADD ("/client-list/summary/overdue-new-day", test_overdue_new_day);
  ADD ("/client-list/summary/overdue-due-today", test_overdue_due_today);
  ADD ("/client-list/pages", test_pages);
  ADD ("/client-list/state", test_state);
  g_test_add_func ("/client-list/migration/fills", test_migration_fills);
  ADD ("/client-list/other-writer", test_other_writer);
  ADD ("/client-list/search/ranked-follows-writes", test_ranked_follows_writes);
  ADD ("/client-list/search/pending", test_search_pending);
  ADD ("/client-list/search/pending-update-async", test_update_search_index_async);
  ADD ("/client-list/sort/without-index", test_sort_without_index);
#undef ADD

  return g_test_run ();
}
