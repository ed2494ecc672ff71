/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kl-client-list.h"
#include "kl-csv.h"
#include "kl-entities.h"
#include "kl-import.h"
#include "kl-search.h"
#include "kl-session.h"
#include "kl-test-search.h"
#include "kl-test.h"
#include "kl-validation.h"

typedef struct {
  char      *dir;
  char      *path;
  KlSession *session;
  KlStore   *clients;
} Fixture;

typedef struct {
  guint      added;
  guint      existing;
  GPtrArray *rejections;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->rejections, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

static void
add_manager (Fixture    *f,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) manager = g_object_new (KL_TYPE_MANAGER, "name", name, NULL);

  kl_store_insert (kl_session_get_store (f->session, KL_TYPE_MANAGER), manager, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->session = kl_test_open_session ("import", &f->dir, &f->path);
  f->clients = kl_session_get_store (f->session, KL_TYPE_CLIENT);
  add_manager (f, "Ana Horvat");
  add_manager (f, "Ирина Петрова");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_close_session (&f->session, &f->dir, &f->path);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = kl_database_query_int (kl_session_get_database (f->session), sql, &error);

  g_assert_no_error (error);
  return n;
}

static GBytes *
read_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static KlImport *
open_import (Fixture    *f,
             GBytes     *contents)
{
  g_autoptr(GError) error = NULL;
  KlImport *import = kl_import_new_from_bytes (f->session, contents, NULL, 0, &error);

  g_assert_no_error (error);
  g_assert_nonnull (import);
  return import;
}

static void
run_import (Fixture  *f,
            KlImport *import,
            Result   *result)
{
  g_autoptr(GError) error = NULL;

  result_clear (result);
  g_assert_true (kl_import_run (import, NULL, NULL, NULL, &result->added, &result->existing,
                                &result->rejections, &error));
  g_assert_no_error (error);
}

static void
import_file (Fixture    *f,
             const char *name,
             Result     *result)
{
  g_autoptr(GBytes) contents = read_data (name);
  g_autoptr(KlImport) import = open_import (f, contents);

  run_import (f, import, result);
}

static void
import_text (Fixture    *f,
             const char *text,
             Result     *result)
{
  g_autoptr(GBytes) contents = g_bytes_new (text, strlen (text));
  g_autoptr(KlImport) import = open_import (f, contents);

  run_import (f, import, result);
}

/* The client of that name; aborts when there is not exactly one. */
static KlEntity *
find_client (Fixture    *f,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = kl_store_list_all (f->clients, &error);
  KlEntity *found = NULL;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(KlEntity) client = g_list_model_get_item (all, i);

      if (g_strcmp0 (kl_entity_get_text (client, "name"), name) == 0)
        {
          g_assert_null (found);
          found = g_object_ref (client);
        }
    }

  if (found == NULL)
    g_error ("no client called “%s”", name);
  return found;
}

static gint64
manager_id (Fixture    *f,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = kl_store_list_all (kl_session_get_store (f->session, KL_TYPE_MANAGER), &error);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(KlEntity) manager = g_list_model_get_item (all, i);

      if (g_strcmp0 (kl_entity_get_text (manager, "name"), name) == 0)
        return kl_entity_get_id (manager);
    }

  g_assert_not_reached ();
}

static void
assert_text (KlEntity   *client,
             const char *column,
             const char *expected)
{
  g_assert_cmpstr (kl_entity_get_text (client, column), ==, expected);
}

/* Rejection @index is of @line, and its reason starts with @start. */
static void
assert_rejected_as (GPtrArray  *rejections,
                  guint       index,
                  guint       line,
                  const char *start)
{
  KlImportRejection *rejection;

  g_assert_cmpuint (index, <, rejections->len);
  rejection = g_ptr_array_index (rejections, index);
  g_assert_cmpuint (rejection->line, ==, line);
  if (!g_str_has_prefix (rejection->reason, start))
    g_error ("Line %u rejected for “%s”, expected “%s…”", line, rejection->reason, start);
}

/* "Label: message" as the validator words it. */
static char *
expected_reason (const char  *label,
                 gboolean     ok,
                 GError     **error)
{
  g_assert_false (ok);
  g_assert_nonnull (*error);
  return g_strdup_printf ("%s: %s", label, (*error)->message);
}

static void
assert_rejection (Result     *result,
                  guint       index,
                  guint       line,
                  const char *reason)
{
  KlImportRejection *rejection;

  g_assert_cmpuint (index, <, result->rejections->len);
  rejection = g_ptr_array_index (result->rejections, index);
  g_assert_cmpuint (rejection->line, ==, line);
  g_assert_cmpstr (rejection->reason, ==, reason);
}

static void
test_utf8_bom_croatian (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GBytes) contents = read_data ("import-utf8-bom-hr.csv");
  g_autoptr(KlImport) import = open_import (f, contents);
  g_autoptr(KlEntity) sime = NULL;
  g_autoptr(KlEntity) zitnjak = NULL;
  g_autoptr(KlEntity) ciric = NULL;

  g_assert_cmpstr (kl_import_get_encoding (import), ==, "UTF-8");
  g_assert_cmpuint (kl_import_get_separator (import), ==, ';');
  g_assert_cmpuint (kl_import_get_n_columns (import), ==, 11);
  g_assert_cmpstr (kl_import_get_header (import, 0), ==, "Naziv");
  g_assert_cmpstr (kl_import_get_mapping (import, 0), ==, "name");
  g_assert_cmpstr (kl_import_get_mapping (import, 1), ==, "tax_id");
  g_assert_cmpstr (kl_import_get_mapping (import, 2), ==, "city");
  g_assert_cmpstr (kl_import_get_mapping (import, 3), ==, "phone");
  g_assert_cmpstr (kl_import_get_mapping (import, 4), ==, "email");
  g_assert_cmpstr (kl_import_get_mapping (import, 5), ==, "status");
  g_assert_cmpstr (kl_import_get_mapping (import, 6), ==, "source");
  g_assert_cmpstr (kl_import_get_mapping (import, 7), ==, "segment");
  g_assert_cmpstr (kl_import_get_mapping (import, 8), ==, "credit_limit");
  g_assert_cmpstr (kl_import_get_mapping (import, 9), ==, "payment_terms_days");
  g_assert_cmpstr (kl_import_get_mapping (import, 10), ==, "notes");

  run_import (f, import, &result);
  g_assert_cmpuint (result.added, ==, 3);
  g_assert_cmpuint (result.existing, ==, 0);
  g_assert_cmpuint (result.rejections->len, ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, 3);

  sime = find_client (f, "Šime Đurić d.o.o.");
  assert_text (sime, "tax_id", "69102302110");
  assert_text (sime, "country", "HR");
  assert_text (sime, "city", "Čakovec");
  assert_text (sime, "phone", "+385 40 123 456");
  assert_text (sime, "email", "info@sime.hr");
  assert_text (sime, "status", "active");
  assert_text (sime, "source", "exhibition");
  assert_text (sime, "segment", "A");
  assert_text (sime, "currency", "EUR");
  assert_text (sime, "notes", "Plaća uredno");
  g_assert_cmpint (kl_entity_get_number (sime, "credit_limit"), ==, 1250000);
  g_assert_cmpint (kl_entity_get_number (sime, "payment_terms_days"), ==, 45);

  zitnjak = find_client (f, "Žitnjak j.d.o.o.");
  assert_text (zitnjak, "status", "key");
  assert_text (zitnjak, "source", "referral");
  assert_text (zitnjak, "notes", NULL);
  g_assert_cmpint (kl_entity_get_number (zitnjak, "credit_limit"), ==, 100000);
  g_assert_cmpint (kl_entity_get_number (zitnjak, "payment_terms_days"), ==, 30);

  /* Surrounding white space goes, the rest stays as typed. */
  ciric = find_client (f, "Obrt Ćirić");
  assert_text (ciric, "tax_id", NULL);
  assert_text (ciric, "country", "HR");
  assert_text (ciric, "status", "prospect");
  assert_text (ciric, "source", "cold_call");
  assert_text (ciric, "notes", "Dogovor: nazvati u \"ponedjeljak\"");

  /* The audit trail: one 'insert' row per client, with no field (the row
   * holds the values) and the import as its note (kl_store_insert_many()). */
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log a JOIN clients c ON c.id = a.row_id"
                             " WHERE a.table_name = 'clients' AND a.action = 'insert'"
                             " AND a.field IS NULL AND a.old_value IS NULL"
                             " AND a.new_value = 'import'"), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE table_name = 'clients'"), ==, 3);
}

static void
test_cp1250 (Fixture       *f,
             gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GBytes) contents = read_data ("import-cp1250.csv");
  g_autoptr(KlImport) import = open_import (f, contents);
  g_autoptr(KlEntity) pekara = NULL;
  g_autoptr(KlEntity) cistoca = NULL;
  g_autoptr(KlEntity) banka = NULL;

  g_assert_cmpstr (kl_import_get_encoding (import), ==, "WINDOWS-1250");
  g_assert_cmpstr (kl_import_get_mapping (import, 0), ==, "name");
  g_assert_cmpstr (kl_import_get_mapping (import, 2), ==, "city");
  g_assert_cmpstr (kl_import_get_mapping (import, 3), ==, "postal_code");
  g_assert_cmpstr (kl_import_get_mapping (import, 4), ==, "country");
  g_assert_cmpstr (kl_import_get_mapping (import, 5), ==, "address");

  run_import (f, import, &result);
  g_assert_cmpuint (result.added, ==, 3);
  g_assert_cmpuint (result.rejections->len, ==, 0);

  pekara = find_client (f, "Đakovačka pekara d.o.o.");
  assert_text (pekara, "city", "Đakovo");
  assert_text (pekara, "postal_code", "31400");
  assert_text (pekara, "country", "HR");
  assert_text (pekara, "address", "Ulica kralja Tomislava 5");
  cistoca = find_client (f, "Čistoća Šibenik d.d.");
  assert_text (cistoca, "address", "Žrtava fašizma 2");
  banka = find_client (f, "Ljubljanska banka");
  assert_text (banka, "country", "SI");
}

static void
test_cp1251_russian (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GBytes) contents = read_data ("import-cp1251-ru.csv");
  g_autoptr(KlImport) import = open_import (f, contents);
  g_autoptr(KlEntity) romashka = NULL;
  g_autoptr(KlEntity) ivanov = NULL;
  g_autoptr(KlEntity) veter = NULL;

  g_assert_cmpstr (kl_import_get_encoding (import), ==, "WINDOWS-1251");
  g_assert_cmpstr (kl_import_get_mapping (import, 1), ==, "tax_id");
  g_assert_cmpstr (kl_import_get_mapping (import, 4), ==, "email");
  g_assert_cmpstr (kl_import_get_mapping (import, 6), ==, "manager_id");

  run_import (f, import, &result);
  g_assert_cmpuint (result.added, ==, 3);
  g_assert_cmpuint (result.rejections->len, ==, 0);

  /* No country column: a valid INN says Russia, and so does Cyrillic. */
  romashka = find_client (f, "ООО «Ромашка»");
  assert_text (romashka, "country", "RU");
  assert_text (romashka, "currency", "RUB");
  assert_text (romashka, "status", "active");
  assert_text (romashka, "phone", "+7 495 123-45-67");
  g_assert_cmpint (kl_entity_get_number (romashka, "manager_id"), ==, manager_id (f, "Ирина Петрова"));
  g_assert_cmpint (kl_entity_get_number (romashka, "credit_limit"), ==, 15000000);
  ivanov = find_client (f, "ИП Иванов Иван Иванович");
  assert_text (ivanov, "tax_id", "770708389324");
  assert_text (ivanov, "country", "RU");
  assert_text (ivanov, "status", "prospect");
  g_assert_cmpint (kl_entity_get_number (ivanov, "manager_id"), ==, 0);
  veter = find_client (f, "АО «Северный ветер»");
  assert_text (veter, "tax_id", NULL);
  assert_text (veter, "country", "RU");
  assert_text (veter, "status", "key");
}

static void
test_tab_english (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GBytes) contents = read_data ("import-tab-en.csv");
  g_autoptr(KlImport) import = open_import (f, contents);
  g_autoptr(KlEntity) adriatic = NULL;
  g_autoptr(KlEntity) petra = NULL;
  g_autoptr(KlEntity) volga = NULL;

  g_assert_cmpuint (kl_import_get_separator (import), ==, '\t');
  g_assert_cmpuint (kl_import_get_n_columns (import), ==, 11);

  run_import (f, import, &result);
  g_assert_cmpuint (result.added, ==, 3);
  g_assert_cmpuint (result.rejections->len, ==, 0);

  adriatic = find_client (f, "Adriatic Trade Ltd");
  assert_text (adriatic, "country", "HR");
  assert_text (adriatic, "segment", "C");
  assert_text (adriatic, "currency", "EUR");
  assert_text (adriatic, "kind", "company");
  g_assert_cmpint (kl_entity_get_number (adriatic, "credit_limit"), ==, 123450);
  g_assert_cmpint (kl_entity_get_number (adriatic, "payment_terms_days"), ==, 60);
  g_assert_cmpint (kl_entity_get_number (adriatic, "manager_id"), ==, manager_id (f, "Ana Horvat"));
  petra = find_client (f, "Petra Kovač");
  assert_text (petra, "kind", "person");
  assert_text (petra, "country", "HR");
  assert_text (petra, "segment", NULL);
  g_assert_cmpint (kl_entity_get_number (petra, "payment_terms_days"), ==, 30);
  volga = find_client (f, "Volga Logistics");
  assert_text (volga, "country", "RU");
  assert_text (volga, "currency", "RUB");
  assert_text (volga, "tax_id", "5020001001");
}

static void
test_quoted_exact (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(KlEntity) kvarner = NULL;
  g_autoptr(KlEntity) robert = NULL;
  g_autoptr(KlEntity) spaces = NULL;

  import_file (f, "import-quoted.csv", &result);
  g_assert_cmpuint (result.added, ==, 4);
  g_assert_cmpuint (result.rejections->len, ==, 0);

  kvarner = find_client (f, "Kvarner, Trgovina d.o.o.");
  assert_text (kvarner, "address", "Ulica 1,\n2. kat");
  assert_text (kvarner, "notes", "Line one\nLine two, with comma; and \"quotes\"");
  robert = find_client (f, "Robert'); DROP TABLE clients;--");
  assert_text (robert, "notes", "😀 emoji ✓");
  spaces = find_client (f, "Spaces trimmed outside");
  assert_text (spaces, "notes", "<b>&amp;</b>");
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, 4);
}

static void
test_invalid_lines (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GError) email_error = NULL;
  g_autoptr(GError) money_error = NULL;
  g_autoptr(GError) required_error = NULL;
  g_autoptr(GError) oib_length_error = NULL;
  g_autofree char *email = expected_reason ("E-mail", kl_validate_email ("ne-valja@", &email_error), &email_error);
  g_autofree char *money = expected_reason ("Credit limit", kl_parse_money ("12,3,4", NULL, &money_error), &money_error);
  g_autofree char *required = expected_reason ("Name", kl_validate_required ("", &required_error), &required_error);
  g_autofree char *oib_length = expected_reason ("Tax ID", kl_validate_oib ("123", &oib_length_error), &oib_length_error);
  g_autoptr(KlEntity) multiline = NULL;

  import_file (f, "import-invalid.csv", &result);
  g_assert_cmpuint (result.added, ==, 3);
  g_assert_cmpuint (result.existing, ==, 0);
  g_assert_cmpuint (result.rejections->len, ==, 8);

  assert_rejection (&result, 0, 3, "Tax ID: The OIB check digit does not match.");
  assert_rejection (&result, 1, 4, "Tax ID: The INN check digit does not match.");
  assert_rejection (&result, 2, 7, email);
  assert_rejection (&result, 3, 8, "Manager: There is no manager called “Marko Nepostojeći”.");
  assert_rejection (&result, 4, 9, money);
  assert_rejection (&result, 5, 10, required);
  assert_rejection (&result, 6, 11, "Status: “Možda” is not one of: Prospect, Active, Key, Inactive, Lost.");
  assert_rejection (&result, 7, 12, oib_length);

  /* The valid lines went in, around the bad ones. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, 3);
  g_clear_object (&multiline);
  multiline = find_client (f, "Višeredna\nFirma d.o.o.");
  assert_text (multiline, "country", "HR");
  g_clear_object (&multiline);
  multiline = find_client (f, "Dobra Firma d.o.o.");
  assert_text (multiline, "status", "active");
  g_assert_cmpint (kl_entity_get_number (multiline, "credit_limit"), ==, 10000);
  g_clear_object (&multiline);
  multiline = find_client (f, "Zadnja Firma d.o.o.");
}

/* A name with an unquoted separator gives a line more fields than the header:
 * rejected, naming both counts, never imported with the extra text dropped.
 * A line with fewer fields has its missing trailing fields empty. */
static void
test_field_counts (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(KlEntity) short_line = NULL;
  g_autoptr(KlEntity) trailing = NULL;

  import_text (f,
               "Naziv;Grad;Bilješke\n"
               "Kovač; Sinovi d.o.o.;Zagreb;Stari klijent\n"
               "Kratki redak d.o.o.;Split\n"
               "Prazna polja d.o.o.;Rijeka;Bilješka;;\n"
               "\"Navodnici; ispravno d.o.o.\";Osijek;\n"
               "A;B;C;D;E;F\n",
               &result);
  g_assert_cmpuint (result.added, ==, 3);
  g_assert_cmpuint (result.rejections->len, ==, 2);
  assert_rejection (&result, 0, 2,
                    "Fields on this line: 4; columns in the header: 3. Put a field that holds the separator in quotes.");
  assert_rejection (&result, 1, 6,
                    "Fields on this line: 6; columns in the header: 3. Put a field that holds the separator in quotes.");

  /* Nothing of the rejected lines went in, not even a part. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE name LIKE 'Kovač%' OR name = 'A'"), ==, 0);

  short_line = find_client (f, "Kratki redak d.o.o.");
  assert_text (short_line, "city", "Split");
  assert_text (short_line, "notes", NULL);
  /* Empty fields past the header lose nothing: the line goes in. */
  trailing = find_client (f, "Prazna polja d.o.o.");
  assert_text (trailing, "notes", "Bilješka");
  g_clear_object (&trailing);
  trailing = find_client (f, "Navodnici; ispravno d.o.o.");
  assert_text (trailing, "city", "Osijek");
}

static void
test_second_import (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(Result) first = { 0 };
  g_auto(Result) second = { 0 };
  g_auto(Result) invalid = { 0 };
  gint64 audit_rows;

  import_file (f, "import-utf8-bom-hr.csv", &first);
  g_assert_cmpuint (first.added, ==, 3);
  audit_rows = count (f, "SELECT count(*) FROM audit_log");

  import_file (f, "import-utf8-bom-hr.csv", &second);
  g_assert_cmpuint (second.added, ==, 0);
  g_assert_cmpuint (second.existing, ==, 3);
  g_assert_cmpuint (second.rejections->len, ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log"), ==, audit_rows);

  /* Rejected lines are rejected again; the valid ones are present. */
  import_file (f, "import-invalid.csv", &invalid);
  g_assert_cmpuint (invalid.added, ==, 3);
  result_clear (&invalid);
  import_file (f, "import-invalid.csv", &invalid);
  g_assert_cmpuint (invalid.added, ==, 0);
  g_assert_cmpuint (invalid.existing, ==, 3);
  g_assert_cmpuint (invalid.rejections->len, ==, 8);
}

static void
test_duplicates_in_file (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_auto(Result) again = { 0 };

  /* Same OIB; then the same folded name and city (Đ = Dj, case, spaces). */
  import_file (f, "import-duplicates.csv", &result);
  g_assert_cmpuint (result.added, ==, 3);
  /* The same name and city twice: the second is the client already read. */
  g_assert_cmpuint (result.existing, ==, 1);
  /* The same OIB twice: the second line is reported, with the first. */
  g_assert_cmpuint (result.rejections->len, ==, 1);
  assert_rejected_as (result.rejections, 0, 3, "The same tax ID as line 2");

  import_file (f, "import-duplicates.csv", &again);
  g_assert_cmpuint (again.added, ==, 0);
  g_assert_cmpuint (again.existing, ==, 5);

  /* Against clients typed in the form, too. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(KlEntity) typed = g_object_new (KL_TYPE_CLIENT, "name", "Gama d.d.", "city", "Zadar", NULL);
    g_auto(Result) gama = { 0 };

    kl_store_insert (f->clients, typed, &error);
    g_assert_no_error (error);
    import_text (f, "Naziv;Grad\nGAMA D.D.;zadar\nGama d.d.;Pula\n", &gama);
    g_assert_cmpuint (gama.added, ==, 1);
    g_assert_cmpuint (gama.existing, ==, 1);
  }
}

/* The requisites a contract names, under the headings of a Russian sheet:
 * КПП, ОГРН/ОГРНИП, БИК, Расчётный счёт, Корр. счёт, Банк and IBAN; each
 * checked as the client editor checks it (check digits, the account
 * against the bank's BIK), a wrong one rejecting its line. */
static void
test_requisites (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GBytes) contents = read_data ("import-requisites.csv");
  g_autoptr(KlImport) import = open_import (f, contents);
  g_autoptr(KlEntity) romashka = NULL;
  g_autoptr(KlEntity) kuznetsov = NULL;
  g_autoptr(KlEntity) zagreb = NULL;
  static const char *const mapped[] = {
    "name", "tax_id", "kpp", "ogrn", "bik", "bank_account", "corr_account", "bank_name", "iban",
  };

  for (guint i = 0; i < G_N_ELEMENTS (mapped); i++)
    g_assert_cmpstr (kl_import_get_mapping (import, i), ==, mapped[i]);
  g_assert_cmpuint (kl_import_count_ignored (import), ==, 0);

  run_import (f, import, &result);
  g_assert_cmpuint (result.added, ==, 3);
  g_assert_cmpuint (result.rejections->len, ==, 5);
  assert_rejected_as (result.rejections, 0, 4, "KPP: A KPP has 9 characters");
  assert_rejected_as (result.rejections, 1, 5, "OGRN or OGRNIP: The OGRN check digit does not match");
  assert_rejected_as (result.rejections, 2, 6, "Settlement account: Enter the bank's BIK first");
  assert_rejected_as (result.rejections, 3, 7, "Settlement account: The account's check digit does not match");
  assert_rejected_as (result.rejections, 4, 9, "IBAN: The IBAN check digits do not match");

  romashka = find_client (f, "ООО «Ромашка»");
  assert_text (romashka, "kpp", "773601001");
  assert_text (romashka, "ogrn", "1027700132195");
  assert_text (romashka, "bik", "044525225");
  assert_text (romashka, "bank_account", "40702810938000000001");
  assert_text (romashka, "corr_account", "30101810400000000225");
  assert_text (romashka, "bank_name", "ПАО Сбербанк");
  assert_text (romashka, "iban", NULL);
  kuznetsov = find_client (f, "ИП Кузнецов Иван");
  assert_text (kuznetsov, "ogrn", "304500116000157");
  zagreb = find_client (f, "Zagrebačka tvrtka d.o.o.");
  assert_text (zagreb, "iban", "HR12 1001 0051 8630 0016 0");
  assert_text (zagreb, "bank_name", "Zagrebačka banka");
}

/* A 1C counterparty export (Windows-1251): ЮЛ, ИП and ФЛ in the type
 * column, the legal address, INNs kept from Excel as ="…", a КПП column
 * (the client's KPP), a branch with the INN of its head office. */
static void
test_1c_export (Fixture       *f,
                gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GBytes) contents = read_data ("import-1c-cp1251.csv");
  g_autoptr(KlImport) import = open_import (f, contents);
  g_autoptr(KlEntity) bashneft = NULL;
  g_autoptr(KlEntity) petrov = NULL;
  g_autoptr(KlEntity) sidorova = NULL;
  g_autoptr(KlEntity) severstal = NULL;

  g_assert_cmpstr (kl_import_get_encoding (import), ==, "WINDOWS-1251");
  g_assert_cmpstr (kl_import_get_mapping (import, 1), ==, "kind");
  g_assert_cmpstr (kl_import_get_mapping (import, 3), ==, "kpp");
  g_assert_cmpstr (kl_import_get_mapping (import, 4), ==, "address");
  g_assert_cmpuint (kl_import_count_ignored (import), ==, 0);

  run_import (f, import, &result);
  g_assert_cmpuint (result.added, ==, 4);
  g_assert_cmpuint (result.rejections->len, ==, 1);
  assert_rejected_as (result.rejections, 0, 6, "The same tax ID as line 2");

  bashneft = find_client (f, "ООО «Башнефтехим»");
  assert_text (bashneft, "kind", "company");
  assert_text (bashneft, "tax_id", "0274062111");
  assert_text (bashneft, "country", "RU");
  assert_text (bashneft, "address", "450077, ул. Ленина, д. 5");
  assert_text (bashneft, "kpp", "027401001");
  petrov = find_client (f, "Петров Пётр Петрович");
  assert_text (petrov, "kind", "company");
  assert_text (petrov, "legal_form", "ИП");
  assert_text (petrov, "tax_id", "027712345650");
  sidorova = find_client (f, "Сидорова Анна Ивановна");
  assert_text (sidorova, "kind", "person");
  assert_text (sidorova, "country", "RU");
  assert_text (sidorova, "currency", "RUB");
  severstal = find_client (f, "АО «Северсталь-Сервис»");
  assert_text (severstal, "kind", "company");
  assert_text (severstal, "legal_form", NULL);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE tax_id = '0274062111'"), ==, 1);
}

/* A Croatian sheet made for Excel: the kinds as people write them, OIBs
 * as ="…" so that the leading zero stays, a registry number no field
 * takes, the same OIB on two lines. */
static void
test_excel_croatian (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GBytes) contents = read_data ("import-excel-hr.csv");
  g_autoptr(KlImport) import = open_import (f, contents);
  g_autofree char *ignored = kl_import_describe_ignored (import);
  g_autoptr(KlEntity) alfa = NULL;
  g_autoptr(KlEntity) ivana = NULL;
  g_autoptr(KlEntity) babic = NULL;
  g_autoptr(KlEntity) brod = NULL;

  g_assert_cmpstr (ignored, ==, "Matični broj");
  g_assert_cmpstr (kl_import_get_mapping (import, 3), ==, "address");
  g_assert_cmpstr (kl_import_get_mapping (import, 5), ==, "city");

  run_import (f, import, &result);
  g_assert_cmpuint (result.added, ==, 4);
  g_assert_cmpuint (result.rejections->len, ==, 1);
  assert_rejected_as (result.rejections, 0, 6, "The same tax ID as line 2");

  alfa = find_client (f, "Alfa Trgovina");
  assert_text (alfa, "kind", "company");
  assert_text (alfa, "legal_form", "d.o.o.");
  assert_text (alfa, "tax_id", "01234567896");
  assert_text (alfa, "address", "Ilica 10");
  ivana = find_client (f, "Ivana Horvat");
  assert_text (ivana, "kind", "person");
  assert_text (ivana, "tax_id", "00987654320");
  babic = find_client (f, "Stolarija Babić");
  assert_text (babic, "kind", "company");
  assert_text (babic, "legal_form", "obrt");
  brod = find_client (f, "Brodogradilište Sjever d.d.");
  assert_text (brod, "kind", "company");
  assert_text (brod, "city", "Rijeka");
}

/* The exports of Odoo (contacts), Dolibarr (third parties) and SuiteCRM
 * (accounts), with their own headings and kind values. */
static void
test_crm_exports (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(KlEntity) adriatic = NULL;
  g_autoptr(KlEntity) marko = NULL;
  g_autoptr(KlEntity) volga = NULL;
  g_autoptr(KlEntity) irina = NULL;
  g_autoptr(KlEntity) istra = NULL;

  {
    g_auto(Result) result = { 0 };
    g_autoptr(GBytes) contents = read_data ("import-odoo.csv");
    g_autoptr(KlImport) import = open_import (f, contents);
    g_autofree char *ignored = kl_import_describe_ignored (import);

    g_assert_cmpstr (ignored, ==, "Tags");
    run_import (f, import, &result);
    g_assert_cmpuint (result.added, ==, 2);
    g_assert_cmpuint (result.rejections->len, ==, 0);
  }
  adriatic = find_client (f, "Adriatic Foods d.o.o.");
  assert_text (adriatic, "kind", "company");
  assert_text (adriatic, "tax_id", "33001112224");
  assert_text (adriatic, "address", "Ulica grada Vukovara 20");
  assert_text (adriatic, "postal_code", "10000");
  assert_text (adriatic, "notes", "Odoo export");
  marko = find_client (f, "Marko Marić");
  assert_text (marko, "kind", "person");

  {
    g_auto(Result) result = { 0 };
    g_autoptr(GBytes) contents = read_data ("import-dolibarr.csv");
    g_autoptr(KlImport) import = open_import (f, contents);
    g_autofree char *ignored = kl_import_describe_ignored (import);

    g_assert_cmpstr (ignored, ==, "Customer code, Prof Id 1");
    run_import (f, import, &result);
    g_assert_cmpuint (result.added, ==, 2);
    g_assert_cmpuint (result.rejections->len, ==, 0);
  }
  volga = find_client (f, "Volga Logistika OOO");
  assert_text (volga, "kind", "company");
  assert_text (volga, "country", "RU");
  assert_text (volga, "tax_id", "5001234561");
  assert_text (volga, "city", "Samara");
  irina = find_client (f, "Irina Smirnova");
  assert_text (irina, "kind", "person");

  {
    g_auto(Result) result = { 0 };
    g_autoptr(GBytes) contents = read_data ("import-suitecrm.csv");
    g_autoptr(KlImport) import = open_import (f, contents);
    g_autofree char *ignored = kl_import_describe_ignored (import);

    g_assert_cmpstr (ignored, ==, "Industry");
    run_import (f, import, &result);
    g_assert_cmpuint (result.added, ==, 1);
  }
  istra = find_client (f, "Istra Tours d.o.o.");
  assert_text (istra, "address", "Riva 2");
  assert_text (istra, "city", "Pula");
  assert_text (istra, "postal_code", "52100");
  assert_text (istra, "country", "HR");
  assert_text (istra, "phone", "+385 52 300 400");
  assert_text (istra, "email", "booking@istratours.hr");
  assert_text (istra, "website", "https://istratours.hr");
  assert_text (istra, "notes", "SuiteCRM account");
}

/* Every column has a field: nothing to report. */
static void
test_nothing_ignored (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GBytes) contents = g_bytes_new_static ("Naziv;OIB;\nAlfa;;\n", strlen ("Naziv;OIB;\nAlfa;;\n"));
  g_autoptr(KlImport) import = open_import (f, contents);
  g_autofree char *ignored = kl_import_describe_ignored (import);

  /* The trailing separator's column has no heading: not worth a word. */
  g_assert_null (ignored);
  g_assert_cmpuint (kl_import_count_ignored (import), ==, 0);
  kl_import_set_mapping (import, 1, NULL);
  g_assert_cmpuint (kl_import_count_ignored (import), ==, 1);
}

static void
test_unknown_manager (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(Result) result = { 0 };

  import_text (f,
               "Naziv;Voditelj\n"
               "Prva;ANA HORVAT\n"
               "Druga;Ana Horvatić\n"
               "Treća;\n",
               &result);
  g_assert_cmpuint (result.added, ==, 2);
  g_assert_cmpuint (result.rejections->len, ==, 1);
  assert_rejection (&result, 0, 3, "Manager: There is no manager called “Ana Horvatić”.");
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE manager_id IS NOT NULL"), ==, 1);
}

static void
test_no_name_column (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) no_name = read_data ("import-no-name.csv");
  g_autoptr(GBytes) no_header = read_data ("import-no-header.csv");
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(KlImport) import = NULL;
  g_autoptr(KlImport) none = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  guint added = 99;

  /* Some columns known, but not the name: the run refuses. */
  import = kl_import_new_from_bytes (f->session, no_name, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kl_import_get_mapping (import, 0), ==, "city");
  g_assert_false (kl_import_run (import, NULL, NULL, NULL, &added, NULL, &rejections, &error));
  g_assert_error (error, KL_IMPORT_ERROR, KL_IMPORT_ERROR_NO_NAME);
  g_assert_cmpuint (added, ==, 99);
  g_assert_null (rejections);
  g_clear_error (&error);

  /* Once a column is mapped to the name, it goes. */
  kl_import_set_mapping (import, 0, "name");
  g_assert_cmpstr (kl_import_get_mapping (import, 0), ==, "name");
  g_assert_true (kl_import_run (import, NULL, NULL, NULL, &added, NULL, &rejections, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE name = 'Zagreb'"), ==, 1);

  /* No known column at all */
  none = kl_import_new_from_bytes (f->session, no_header, NULL, 0, &error);
  g_assert_error (error, KL_IMPORT_ERROR, KL_IMPORT_ERROR_NO_HEADER);
  g_assert_null (none);
  g_clear_error (&error);

  none = kl_import_new_from_bytes (f->session, empty, NULL, 0, &error);
  g_assert_error (error, KL_CSV_ERROR, KL_CSV_ERROR_EMPTY);
  g_assert_null (none);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, 1);
}

static void
test_failure_rolls_back (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("Naziv;Grad\n");
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(KlImport) import = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  KlDatabase *db = kl_session_get_database (f->session);
  gint64 audit_rows = count (f, "SELECT count(*) FROM audit_log");
  guint added = 0;

  /* More lines than one write, so that the first writes happened. */
  for (guint i = 1; i <= 9000; i++)
    g_string_append_printf (csv, "Firma %u d.o.o.;Zagreb\n", i);
  contents = g_string_free_to_bytes (g_steal_pointer (&csv));
  import = open_import (f, contents);

  g_assert_true (kl_database_exec (db,
                                   "CREATE TEMP TRIGGER boom BEFORE INSERT ON main.clients"
                                   " WHEN NEW.name = 'Firma 8999 d.o.o.'"
                                   " BEGIN SELECT RAISE (ABORT, 'disk on fire'); END",
                                   &error));
  g_assert_no_error (error);

  g_assert_false (kl_import_run (import, NULL, NULL, NULL, &added, NULL, &rejections, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "disk on fire"));
  g_assert_true (g_str_has_prefix (error->message, "Nothing was imported"));
  g_assert_null (rejections);
  g_clear_error (&error);

  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log"), ==, audit_rows);

  /* The database is usable afterwards, and a second try goes through. */
  g_assert_true (kl_database_exec (db, "DROP TRIGGER temp.boom", &error));
  g_assert_no_error (error);
  g_assert_true (kl_import_run (import, NULL, NULL, NULL, &added, NULL, &rejections, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 9000);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, 9000);
  g_assert_cmpint (count (f, "SELECT count(DISTINCT row_id) FROM audit_log WHERE table_name = 'clients'"), ==, 9000);
}

static void
test_database_locked (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDatabase) other = kl_database_open (f->path, &error);
  g_autoptr(GBytes) contents = read_data ("import-utf8-bom-hr.csv");
  g_autoptr(KlImport) import = open_import (f, contents);

  g_assert_no_error (error);
  /* Another program holds the write lock for longer than the busy timeout. */
  sqlite3_busy_timeout (kl_database_get_handle (kl_session_get_database (f->session)), 50);
  g_assert_true (kl_database_exec (other, "BEGIN IMMEDIATE", &error));
  g_assert_no_error (error);

  g_assert_false (kl_import_run (import, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_BUSY);
  g_clear_error (&error);

  g_assert_true (kl_database_exec (other, "ROLLBACK", &error));
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, 0);
}

static void
on_progress (double   fraction,
             gpointer user_data)
{
  double *last = user_data;

  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
on_changed (KlStore *store,
            int      change,
            gint64   id,
            gpointer user_data)
{
  guint *n_changed = user_data;

  g_assert_cmpint (change, ==, KL_STORE_BATCH);
  g_assert_cmpint (id, ==, 0);
  (*n_changed)++;
}

static void
test_progress_and_signal (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) csv = g_string_new ("Name;City\n");
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(KlImport) import = NULL;
  g_autoptr(GPtrArray) rejections = NULL;
  double last = 0.0;
  guint n_changed = 0;
  guint added = 0;
  gulong handler;

  for (guint i = 1; i <= 3000; i++)
    g_string_append_printf (csv, "Client %u;Split\n", i);
  contents = g_string_free_to_bytes (g_steal_pointer (&csv));
  import = open_import (f, contents);

  handler = g_signal_connect (f->clients, "changed", G_CALLBACK (on_changed), &n_changed);
  g_assert_true (kl_import_run (import, NULL, on_progress, &last, &added, NULL, &rejections, &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (f->clients, handler);

  g_assert_cmpuint (added, ==, 3000);
  g_assert_cmpfloat (last, ==, 1.0);
  /* One reload for the whole import, not one per client. */
  g_assert_cmpuint (n_changed, ==, 1);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GBytes) contents = read_data ("import-utf8-bom-hr.csv");
  g_autoptr(KlImport) import = open_import (f, contents);

  g_cancellable_cancel (cancellable);
  g_assert_false (kl_import_run (import, cancellable, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, 0);
}

static void
test_unclosed_quote (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  KlImportRejection *rejection;

  import_text (f,
               "Naziv;Grad\n"
               "Prva;Zagreb\n"
               "\"Druga;Split\n"
               "Treća;Pula\n",
               &result);
  g_assert_cmpuint (result.added, ==, 1);
  g_assert_cmpuint (result.rejections->len, ==, 1);
  rejection = g_ptr_array_index (result.rejections, 0);
  g_assert_cmpuint (rejection->line, ==, 0);
  g_assert_nonnull (strstr (rejection->reason, "3"));
}

static void
test_mapping (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(KlImport) import = NULL;
  g_autoptr(GPtrArray) preview = NULL;
  g_auto(Result) result = { 0 };
  const char * const *targets = kl_import_get_targets ();
  const char *text =
    "sep=;\n"
    " naziv: ;E-MAIL ADRESA;Mob.;Broj;Naziv tvrtke;Название\n"
    "Alfa;a@alfa.hr;091 234 5678;7;ignored;ignored\n"
    "Beta;b@beta.hr;;8;ignored;ignored\n"
    "Gama;;;9;ignored;ignored\n";

  contents = g_bytes_new_static (text, strlen (text));
  import = open_import (f, contents);
  g_assert_cmpuint (kl_import_get_n_columns (import), ==, 6);
  g_assert_cmpstr (kl_import_get_header (import, 0), ==, "naziv:");
  g_assert_cmpstr (kl_import_get_mapping (import, 0), ==, "name");
  g_assert_cmpstr (kl_import_get_mapping (import, 1), ==, "email");
  g_assert_cmpstr (kl_import_get_mapping (import, 2), ==, "phone");
  g_assert_null (kl_import_get_mapping (import, 3));
  /* The first column of a meaning wins. */
  g_assert_null (kl_import_get_mapping (import, 4));
  g_assert_null (kl_import_get_mapping (import, 5));

  preview = kl_import_preview (import, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->len, ==, 2);
  g_assert_cmpstr (((char **) preview->pdata[0])[0], ==, "Alfa");
  g_assert_cmpstr (((char **) preview->pdata[1])[1], ==, "b@beta.hr");

  /* Mapping a column to a taken target frees the other one. */
  kl_import_set_mapping (import, 3, "notes");
  kl_import_set_mapping (import, 2, NULL);
  kl_import_set_mapping (import, 4, "email");
  g_assert_null (kl_import_get_mapping (import, 1));
  g_assert_cmpstr (kl_import_get_mapping (import, 4), ==, "email");
  kl_import_set_mapping (import, 4, NULL);

  run_import (f, import, &result);
  g_assert_cmpuint (result.added, ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE email IS NULL AND phone IS NULL"), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients WHERE notes = '8'"), ==, 1);

  /* Every target is a client field with a label. */
  g_assert_cmpstr (targets[0], ==, "kind");
  for (guint i = 0; targets[i] != NULL; i++)
    g_assert_nonnull (kl_import_get_target_label (targets[i]));
  g_assert_cmpstr (kl_import_get_target_label ("tax_id"), ==, "Tax ID");
}

static void
test_insert_many (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KlEntity) loaded = NULL;
  guint n_changed = 0;
  gulong handler;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Klijent %u", i);

      g_ptr_array_add (clients, g_object_new (KL_TYPE_CLIENT, "name", name, "city", "Zadar", NULL));
    }

  /* One invalid: nothing is written. */
  g_ptr_array_add (clients, g_object_new (KL_TYPE_CLIENT, "name", "Bad", "email", "no", NULL));
  g_assert_false (kl_store_insert_many (f->clients, (KlEntity **) clients->pdata, clients->len, "test", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, 0);
  g_ptr_array_remove_index (clients, 3);

  handler = g_signal_connect (f->clients, "changed", G_CALLBACK (on_changed), &n_changed);
  g_assert_true (kl_store_insert_many (f->clients, (KlEntity **) clients->pdata, clients->len, "test", &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (f->clients, handler);
  g_assert_cmpuint (n_changed, ==, 1);

  for (guint i = 0; i < clients->len; i++)
    {
      KlEntity *client = g_ptr_array_index (clients, i);

      g_assert_cmpint (kl_entity_get_id (client), >, 0);
      g_assert_nonnull (kl_entity_get_created_at (client));
    }

  /* Stored like kl_store_insert() stores them, derived keys included. */
  loaded = kl_store_get (f->clients, kl_entity_get_id (g_ptr_array_index (clients, 1)), &error);
  g_assert_no_error (error);
  assert_text (loaded, "name", "Klijent 1");
  assert_text (loaded, "city", "Zadar");
  g_assert_cmpstr (kl_entity_get_text (loaded, "search_key"), !=, "");
  /* Unlike one insert at a time (a row per field), one audit row per
   * client: action 'insert', no field, the note; the row has the values. */
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE table_name = 'clients'"), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log a JOIN clients c ON c.id = a.row_id"
                             " WHERE a.table_name = 'clients' AND a.action = 'insert' AND a.field IS NULL"
                             " AND a.old_value IS NULL AND a.new_value = 'test'"), ==, 3);
  {
    g_autoptr(KlEntity) single = g_object_new (KL_TYPE_CLIENT, "name", "Klijent 1", "city", "Zadar", NULL);

    kl_store_insert (f->clients, single, &error);
    g_assert_no_error (error);
    g_assert_cmpint (count (f, "SELECT count(*) FROM audit_log WHERE table_name = 'clients'"
                               " AND row_id = (SELECT max(id) FROM clients) AND field IN ('name', 'city')"),
                     ==, 2);
  }

  /* The ids follow the names, so that the indexes by name are written in
   * order; the search index and the manager's key are written as the
   * triggers write them for single inserts. */
  {
    g_autoptr(GPtrArray) more = g_ptr_array_new_with_free_func (g_object_unref);
    gint64 manager = count (f, "SELECT id FROM managers ORDER BY id LIMIT 1");

    g_ptr_array_add (more, g_object_new (KL_TYPE_CLIENT, "name", "Žuta kuća", "city", "Split", NULL));
    g_ptr_array_add (more, g_object_new (KL_TYPE_CLIENT, "name", "Ana d.o.o.", "city", "Đakovo", NULL));
    if (manager > 0)
      kl_entity_set_number (g_ptr_array_index (more, 0), "manager_id", manager);
    g_assert_true (kl_store_insert_many (f->clients, (KlEntity **) more->pdata, more->len, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (kl_entity_get_id (g_ptr_array_index (more, 1)), <, kl_entity_get_id (g_ptr_array_index (more, 0)));
    g_assert_cmpint (count (f, "SELECT count(*) FROM client_search WHERE client_search MATCH '\"dakov\"*'"), ==, 1);
    g_assert_cmpint (count (f, "SELECT count(*) FROM client_docs d JOIN clients c ON c.id = d.id"
                               " WHERE c.name = 'Žuta kuća'"
                               " AND d.doc = c.search_key || ' _sprospect _m' || coalesce (c.manager_id, 0)"), ==, 1);
    g_assert_cmpint (count (f, "SELECT count(*) FROM clients c LEFT JOIN managers m ON m.id = c.manager_id"
                               " WHERE c.manager_key IS NOT m.sort_key"), ==, 0);
    g_assert_cmpint (count (f, "SELECT count(*) FROM search_deferred"), ==, 0);
  }

  /* A batch large enough that the insert triggers are suspended: they are
   * back afterwards, and work for the next single insert. */
  {
    g_autoptr(GPtrArray) many = g_ptr_array_new_with_free_func (g_object_unref);
    g_autoptr(KlEntity) single = g_object_new (KL_TYPE_CLIENT, "name", "Zadnji klijent", "city", "Pula", NULL);
    gint64 manager = count (f, "SELECT id FROM managers ORDER BY id LIMIT 1");
    for (guint i = 0; i < 1500; i++)
      g_ptr_array_add (many, g_object_new (KL_TYPE_CLIENT, "name", "Tvrtka", "city", "Osijek", NULL));
    kl_entity_set_number (g_ptr_array_index (many, 7), "manager_id", manager);
    g_assert_true (kl_store_insert_many (f->clients, (KlEntity **) many->pdata, many->len, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count (f, "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
                               " AND name IN ('clients_search_insert', 'clients_manager_insert')"), ==, 2);
    g_assert_cmpint (count (f, "SELECT count(*) FROM client_search WHERE client_search MATCH '\"osijek\"*'"), ==, 1500);
    g_assert_cmpint (count (f, "SELECT count(*) FROM clients c JOIN managers m ON m.id = c.manager_id"
                               " WHERE c.name = 'Tvrtka' AND c.manager_key = m.sort_key"), ==, 1);

    kl_entity_set_number (single, "manager_id", manager);
    g_assert_true (kl_store_insert (f->clients, single, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count (f, "SELECT count(*) FROM client_search WHERE client_search MATCH '\"zadnj\"*'"), ==, 1);
    g_assert_cmpint (count (f, "SELECT count(*) FROM clients c JOIN managers m ON m.id = c.manager_id"
                               " WHERE c.name = 'Zadnji klijent' AND c.manager_key = m.sort_key"), ==, 1);
  }
}

/* Large imports: the search index and the list's indexes wait */

/* From this many lines on, an import defers the search index (kl-import.c). */
#define LARGE_LINES 10050

/* The indexes of clients only the client list reads, as migrations 2 and 3
 * made them. */
static const char * const list_indexes[] = {
  "clients_sort_tax_id", "clients_sort_city", "clients_sort_segment", "clients_sort_status",
  "clients_sort_manager", "clients_sort_phone", "clients_sort_last_contact",
  "clients_sort_next_activity", "clients_sort_pipeline", "clients_sort_debt", "clients_filter",
};

/* A file of @n_lines lines, the header included: Đuro in Zagreb and Šime
 * in Split, then firms called @prefix and a number, in five cities or
 * none, every third one active. No word of a phone number starts with a
 * firm's number. */
static GBytes *
numbered_csv (guint       n_lines,
              const char *prefix)
{
  static const char * const cities[] = { "Osijek", "Rijeka", "", "Zadar", "Pula", "Zagreb" };
  g_autoptr(GString) csv = g_string_new ("Naziv;Grad;Telefon;Status\n");

  g_string_append (csv, "Đuro Kovačević d.o.o.;Zagreb;+385 1 555 0101;active\n");
  g_string_append (csv, "Šime Babić;Split;021 345 678;prospect\n");
  for (guint i = 3; i < n_lines; i++)
    g_string_append_printf (csv, "%s %05u d.o.o.;%s;01 9%06u;%s\n", prefix, i, cities[i % G_N_ELEMENTS (cities)],
                            i, i % 3 == 0 ? "active" : "prospect");

  return g_string_free_to_bytes (g_steal_pointer (&csv));
}

static void
import_numbered (Fixture    *f,
                 guint       n_lines,
                 const char *prefix,
                 Result     *result)
{
  g_autoptr(GBytes) contents = numbered_csv (n_lines, prefix);
  g_autoptr(KlImport) import = open_import (f, contents);

  run_import (f, import, result);
  g_assert_cmpuint (result->added, ==, n_lines - 1);
  g_assert_cmpuint (result->existing, ==, 0);
  g_assert_cmpuint (result->rejections->len, ==, 0);
}

static gboolean
has_index (Fixture    *f,
           const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                          " AND tbl_name = 'clients' AND name = '%s'", name);

  return count (f, sql) == 1;
}

static gint64
list_id (KlClientList *list,
         guint         position)
{
  g_autoptr(KlEntity) client = g_list_model_get_item (G_LIST_MODEL (list), position);

  g_assert_nonnull (client);
  return kl_entity_get_id (client);
}

/* The list shows exactly the clients @sql selects (their ids), in that order. */
static void
assert_order (Fixture      *f,
              KlClientList *list,
              const char   *sql)
{
  sqlite3 *db = kl_database_get_handle (kl_session_get_database (f->session));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  guint n = 0;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 expected = sqlite3_column_int64 (stmt, 0);
      gint64 found;

      g_assert_cmpuint (n, <, g_list_model_get_n_items (G_LIST_MODEL (list)));
      found = list_id (list, n);
      if (found != expected)
        g_error ("%s: position %u holds client %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                 sql, n, found, expected);
      n++;
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
}

static void
assert_found (KlClientList *list,
              const char   *search,
              const char   *name)
{
  g_autoptr(KlEntity) client = NULL;

  kl_client_list_set_search (list, search);
  if (g_list_model_get_n_items (G_LIST_MODEL (list)) != 1)
    g_error ("search “%s”: %u clients, expected “%s”", search,
             g_list_model_get_n_items (G_LIST_MODEL (list)), name);
  client = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (kl_entity_get_text (client, "name"), ==, name);
}

static void
test_large_defers_search (Fixture       *f,
                          gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(KlClientList) list = NULL;
  KlDatabase *db = kl_session_get_database (f->session);
  guint n_indexed = 0;
  gint64 n_zagreb;

  import_numbered (f, LARGE_LINES, "Firma", &result);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, result.added);

  /* Every client has its document; none of them is in the search index yet. */
  g_assert_true (kl_search_index_is_pending (db));
  g_assert_cmpint (count (f, "SELECT count(*) FROM search_pending p JOIN clients c ON c.id = p.id"), ==, result.added);
  g_assert_cmpint (count (f, "SELECT count(*) FROM search_pending"), ==, result.added);
  g_assert_cmpint (count (f, "SELECT count(*) FROM client_docs d JOIN clients c ON c.id = d.id"
                             " WHERE c.search_key <> '' AND instr (d.doc, c.search_key) = 1"), ==, result.added);
  g_assert_cmpint (kl_test_count_indexed (f->session, "duro"), ==, 0);
  g_assert_cmpint (kl_test_count_indexed (f->session, "firma"), ==, 0);
  g_assert_cmpint (kl_test_count_indexed (f->session, "zagreb"), ==, 0);

  /* The file more than doubles the clients: the list's indexes went. */
  g_assert_false (has_index (f, "clients_sort_city"));
  g_assert_false (has_index (f, "clients_filter"));
  g_assert_true (has_index (f, "clients_sort_key"));
  g_assert_true (has_index (f, "clients_tax_id"));

  /* Searching meanwhile misses nothing. */
  list = kl_client_list_new (f->session);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, result.added);
  assert_found (list, "duro", "Đuro Kovačević d.o.o.");
  assert_found (list, "DJURO kovač", "Đuro Kovačević d.o.o.");
  assert_found (list, "šime split", "Šime Babić");
  assert_found (list, "0155501", "Đuro Kovačević d.o.o.");
  assert_found (list, "1 5550", "Đuro Kovačević d.o.o.");     /* the digits, however grouped */
  assert_found (list, "firma 01234", "Firma 01234 d.o.o.");
  kl_client_list_set_search (list, "ovac");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  /* Many matches: read in name order, from either end and the middle. */
  n_zagreb = count (f, "SELECT count(*) FROM clients WHERE city = 'Zagreb'");
  g_assert_cmpint (n_zagreb, >, 1000);
  kl_client_list_set_search (list, "zagreb");
  assert_order (f, list, "SELECT id FROM clients WHERE city = 'Zagreb' ORDER BY sort_key, id");
  kl_client_list_set_search (list, "firma");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, result.added - 2);
  g_assert_cmpint (list_id (list, 0), ==, count (f, "SELECT id FROM clients WHERE name = 'Firma 00003 d.o.o.'"));
  g_assert_cmpint (list_id (list, 5000), ==, count (f, "SELECT id FROM clients WHERE name = 'Firma 05003 d.o.o.'"));
  g_assert_cmpint (list_id (list, result.added - 3), ==,
                   count (f, "SELECT id FROM clients WHERE name = 'Firma 10049 d.o.o.'"));

  /* With a filter. */
  kl_client_list_set_status (list, "active");
  assert_found (list, "duro", "Đuro Kovačević d.o.o.");
  kl_client_list_set_search (list, "sime");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  kl_client_list_set_search (list, "zagreb");
  assert_order (f, list, "SELECT id FROM clients WHERE city = 'Zagreb' AND status = 'active' ORDER BY sort_key, id");
  kl_client_list_set_status (list, "prospect");
  assert_found (list, "sime", "Šime Babić");
  kl_client_list_set_search (list, "duro");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  kl_client_list_set_status (list, NULL);

  /* Then the index catches up. */
  g_assert_true (kl_search_update_index (db, NULL, &n_indexed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_indexed, ==, result.added);
  g_assert_false (kl_search_index_is_pending (db));
  g_assert_cmpint (count (f, "SELECT count(*) FROM search_pending"), ==, 0);
  g_assert_cmpint (kl_test_count_indexed (f->session, "duro"), ==, 1);
  g_assert_cmpint (kl_test_count_indexed (f->session, "firma"), ==, result.added - 2);
  g_assert_cmpint (kl_test_count_indexed (f->session, "zagreb"), ==, n_zagreb);
  g_assert_true (kl_test_search_index_complete (f->session));

  kl_client_list_reload (list);
  assert_found (list, "duro", "Đuro Kovačević d.o.o.");
  assert_found (list, "sime", "Šime Babić");
  assert_found (list, "1 5550", "Đuro Kovačević d.o.o.");
  kl_client_list_set_search (list, "zagreb");
  assert_order (f, list, "SELECT id FROM clients WHERE city = 'Zagreb' ORDER BY sort_key, id");

  /* Nothing is left to do. */
  g_assert_true (kl_search_update_index (db, NULL, &n_indexed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_indexed, ==, 0);
}

/* A large import that fails leaves the indexes and the search as they were. */
static void
test_large_failure_keeps_indexes (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = numbered_csv (LARGE_LINES, "Firma");
  g_autoptr(KlImport) import = open_import (f, contents);
  g_autoptr(KlClientList) list = NULL;
  KlDatabase *db = kl_session_get_database (f->session);

  g_assert_true (kl_database_exec (db,
                                   "CREATE TEMP TRIGGER boom BEFORE INSERT ON main.clients"
                                   " WHEN NEW.name = 'Firma 10040 d.o.o.'"
                                   " BEGIN SELECT RAISE (ABORT, 'disk on fire'); END",
                                   &error));
  g_assert_no_error (error);
  g_assert_false (kl_import_run (import, NULL, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "disk on fire"));
  g_clear_error (&error);

  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM client_docs"), ==, 0);
  g_assert_false (kl_search_index_is_pending (db));
  for (guint i = 0; i < G_N_ELEMENTS (list_indexes); i++)
    g_assert_true (has_index (f, list_indexes[i]));
  g_assert_true (kl_test_search_index_complete (f->session));

  list = kl_client_list_new (f->session);
  kl_client_list_set_search (list, "firma");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

#define BY_CITY "ORDER BY city IS NULL, city, sort_key, id"
#define BY_CITY_DESC "ORDER BY city IS NULL DESC, city DESC, sort_key DESC, id DESC"

static void
test_large_sorts (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(KlClientList) list = NULL;
  g_autoptr(KlEntity) first = NULL;
  g_autoptr(KlEntity) last = NULL;

  import_numbered (f, LARGE_LINES, "Firma", &result);
  g_assert_false (has_index (f, "clients_sort_city"));
  g_assert_false (has_index (f, "clients_filter"));

  /* By name needs none of them. */
  list = kl_client_list_new (f->session);
  assert_order (f, list, "SELECT id FROM clients ORDER BY sort_key, id");
  g_assert_false (has_index (f, "clients_sort_city"));

  /* Sorting by city makes its index again. */
  kl_client_list_set_sort (list, KL_CLIENT_SORT_CITY, FALSE);
  g_assert_true (has_index (f, "clients_sort_city"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, result.added);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  last = g_list_model_get_item (G_LIST_MODEL (list), result.added - 1);
  g_assert_cmpstr (kl_entity_get_text (first, "city"), ==, "Osijek");
  g_assert_null (kl_entity_get_text (last, "city"));
  assert_order (f, list, "SELECT id FROM clients " BY_CITY);
  kl_client_list_set_sort (list, KL_CLIENT_SORT_CITY, TRUE);
  assert_order (f, list, "SELECT id FROM clients " BY_CITY_DESC);

  /* A filter makes the filters' index again. */
  kl_client_list_set_sort (list, KL_CLIENT_SORT_CITY, FALSE);
  kl_client_list_set_status (list, "active");
  g_assert_true (has_index (f, "clients_filter"));
  assert_order (f, list, "SELECT id FROM clients WHERE status = 'active' " BY_CITY);

  /* With a search too, while the search index waits. */
  g_assert_true (kl_search_index_is_pending (kl_session_get_database (f->session)));
  kl_client_list_set_search (list, "d.o.o");
  assert_order (f, list, "SELECT id FROM clients WHERE status = 'active' AND name LIKE '%d.o.o.' " BY_CITY);
  kl_client_list_set_status (list, NULL);
  kl_client_list_set_search (list, "zag");
  assert_order (f, list, "SELECT id FROM clients WHERE city = 'Zagreb' " BY_CITY);
  kl_client_list_set_sort (list, KL_CLIENT_SORT_CITY, TRUE);
  assert_order (f, list, "SELECT id FROM clients WHERE city = 'Zagreb' " BY_CITY_DESC);
}

static void
test_small_indexes_at_once (Fixture       *f,
                            gconstpointer  data)
{
  g_auto(Result) result = { 0 };
  g_autoptr(KlClientList) list = NULL;
  gint64 n_indexes = count (f, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'clients'");

  for (guint i = 0; i < G_N_ELEMENTS (list_indexes); i++)
    g_assert_true (has_index (f, list_indexes[i]));

  import_numbered (f, 20, "Obrt", &result);

  g_assert_false (kl_search_index_is_pending (kl_session_get_database (f->session)));
  g_assert_cmpint (count (f, "SELECT count(*) FROM search_pending"), ==, 0);
  g_assert_cmpint (kl_test_count_indexed (f->session, "duro"), ==, 1);
  g_assert_cmpint (kl_test_count_indexed (f->session, "obrt"), ==, result.added - 2);
  g_assert_true (kl_test_search_index_complete (f->session));

  for (guint i = 0; i < G_N_ELEMENTS (list_indexes); i++)
    g_assert_true (has_index (f, list_indexes[i]));
  g_assert_cmpint (count (f, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'clients'"),
                   ==, n_indexes);

  list = kl_client_list_new (f->session);
  assert_found (list, "sime", "Šime Babić");
  assert_found (list, "obrt 00019", "Obrt 00019 d.o.o.");
}

static void
test_large_into_larger (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(Result) result = { 0 };
  g_autoptr(KlClientList) list = NULL;
  guint n_old = 10100;
  guint n_indexed = 0;

  for (guint i = 0; i < n_old; i++)
    {
      g_autofree char *name = g_strdup_printf ("Stari %05u", i);

      g_ptr_array_add (clients, g_object_new (KL_TYPE_CLIENT, "name", name, "city", i % 2 ? "Zagreb" : "Split",
                                              NULL));
    }
  g_assert_true (kl_store_insert_many (f->clients, (KlEntity **) clients->pdata, clients->len, "test", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f, "SELECT count(*) FROM search_pending"), ==, 0);

  /* Fewer lines than clients: the indexes stay, the search index waits. */
  import_numbered (f, 10010, "Novi", &result);
  g_assert_cmpint (count (f, "SELECT count(*) FROM clients"), ==, n_old + result.added);
  for (guint i = 0; i < G_N_ELEMENTS (list_indexes); i++)
    g_assert_true (has_index (f, list_indexes[i]));
  g_assert_cmpint (count (f, "SELECT count(*) FROM search_pending"), ==, result.added);
  g_assert_cmpint (count (f, "SELECT count(*) FROM search_pending p JOIN clients c ON c.id = p.id"
                             " WHERE c.name NOT LIKE 'Stari %'"), ==, result.added);
  g_assert_cmpint (kl_test_count_indexed (f->session, "stari"), ==, n_old);
  g_assert_cmpint (kl_test_count_indexed (f->session, "novi"), ==, 0);

  /* Old clients and new ones are found together. */
  list = kl_client_list_new (f->session);
  assert_found (list, "stari 00042", "Stari 00042");
  assert_found (list, "novi 00042", "Novi 00042 d.o.o.");
  assert_found (list, "duro", "Đuro Kovačević d.o.o.");
  kl_client_list_set_search (list, "zagreb");
  assert_order (f, list, "SELECT id FROM clients WHERE city = 'Zagreb' ORDER BY sort_key, id");
  kl_client_list_set_sort (list, KL_CLIENT_SORT_CITY, FALSE);
  kl_client_list_set_search (list, "split");
  assert_order (f, list, "SELECT id FROM clients WHERE city = 'Split' " BY_CITY);

  g_assert_true (kl_search_update_index (kl_session_get_database (f->session), NULL, &n_indexed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_indexed, ==, result.added);
  g_assert_cmpint (kl_test_count_indexed (f->session, "novi"), ==, result.added - 2);
  g_assert_cmpint (kl_test_count_indexed (f->session, "stari"), ==, n_old);
  g_assert_true (kl_test_search_index_complete (f->session));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/import/utf8-bom-croatian", test_utf8_bom_croatian);
  ADD ("/import/cp1250", test_cp1250);
  ADD ("/import/cp1251-russian", test_cp1251_russian);
  ADD ("/import/tab-english", test_tab_english);
  ADD ("/import/quoted-exact", test_quoted_exact);
  ADD ("/import/invalid-lines", test_invalid_lines);
  ADD ("/import/field-counts", test_field_counts);
  ADD ("/import/second-import", test_second_import);
  ADD ("/import/duplicates-in-file", test_duplicates_in_file);
  ADD ("/import/unknown-manager", test_unknown_manager);
  ADD ("/import/real/1c", test_1c_export);
  ADD ("/import/real/requisites", test_requisites);
  ADD ("/import/real/excel-croatian", test_excel_croatian);
  ADD ("/import/real/crm-exports", test_crm_exports);
  ADD ("/import/real/nothing-ignored", test_nothing_ignored);
  ADD ("/import/no-name-column", test_no_name_column);
  ADD ("/import/failure-rolls-back", test_failure_rolls_back);
  ADD ("/import/database-locked", test_database_locked);
  ADD ("/import/progress-and-signal", test_progress_and_signal);
  ADD ("/import/cancel", test_cancel);
  ADD ("/import/unclosed-quote", test_unclosed_quote);
  ADD ("/import/mapping", test_mapping);
  ADD ("/import/store/insert-many", test_insert_many);
  ADD ("/import/large/defers-search", test_large_defers_search);
  ADD ("/import/large/sorts", test_large_sorts);
  ADD ("/import/large/into-larger", test_large_into_larger);
  ADD ("/import/large/failure-keeps-indexes", test_large_failure_keeps_indexes);
  ADD ("/import/small/indexes-at-once", test_small_indexes_at_once);
#undef ADD

  return g_test_run ();
}
