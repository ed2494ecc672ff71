/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kl-client-list.h"
#include "kl-entities.h"
#include "kl-import.h"
#include "kl-test.h"

/* Text no one would type, stored and given back exactly, never a crash:
 * 100 000 characters, emoji with skin tones and joiners, right-to-left
 * marks, NUL bytes and invalid UTF-8 in files. */

typedef struct {
  char      *dir;
  char      *path;
  KlSession *session;
  KlStore   *clients;
} Fixture;

/* 👩🏽‍💼 (woman, medium skin tone, ZWJ, briefcase), 👍🏿, a flag, RTL marks
 * around Arabic and Hebrew, a combining accent, Cyrillic with й and ё. */
#define HOSTILE "\xF0\x9F\x91\xA9\xF0\x9F\x8F\xBD\xE2\x80\x8D\xF0\x9F\x92\xBC Ana " \
                "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBF \xF0\x9F\x87\xAD\xF0\x9F\x87\xB7 " \
                "\xE2\x80\x8F\xD8\xB4\xD8\xB1\xD9\x83\xD8\xA9\xE2\x80\x8E \xE2\x80\xAB\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D\xE2\x80\xAC " \
                "e\xCC\x81 \xD0\x99\xD0\xBE\xD1\x88\xD0\xBA\xD0\xB0\xD1\x80-\xD0\x81\xD0\xBB\xD0\xBA\xD0\xB0 " \
                "'); DROP TABLE clients;-- \"%s\" \\ <b>"

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->session = kl_test_open_session ("klijentela-hostile", &f->dir, &f->path);
  f->clients = kl_session_get_store (f->session, KL_TYPE_CLIENT);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_close_session (&f->session, &f->dir, &f->path);
}

/* @n characters of hostile text, valid UTF-8. */
static char *
long_text (guint n)
{
  GString *text = g_string_new (NULL);
  glong unit = g_utf8_strlen (HOSTILE " ", -1);

  for (guint i = 0; i + unit <= n; i += unit)
    g_string_append (text, HOSTILE " ");
  while (g_utf8_strlen (text->str, -1) < n)
    g_string_append_c (text, 'x');
  return g_string_free (text, FALSE);
}

static gint64
insert (Fixture    *f,
        const char *name,
        const char *notes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = g_object_new (KL_TYPE_CLIENT, "name", name, "notes", notes, NULL);

  g_assert_true (kl_store_insert (f->clients, client, &error));
  g_assert_no_error (error);
  return kl_entity_get_id (client);
}

static void
assert_stored (Fixture    *f,
               gint64      id,
               const char *name,
               const char *notes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = kl_store_get (f->clients, id, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (kl_entity_get_text (client, "name"), ==, name);
  g_assert_cmpstr (kl_entity_get_text (client, "notes"), ==, notes);
}

/* What the list (the view's model) finds for @search: the one client. */
static void
assert_found (Fixture    *f,
              const char *search,
              const char *name)
{
  g_autoptr(KlClientList) list = kl_client_list_new (f->session);
  g_autoptr(KlEntity) item = NULL;

  kl_client_list_set_search (list, search);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (kl_entity_get_text (item, "name"), ==, name);
}

static void
test_long_text (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *name = long_text (100000);
  g_autofree char *notes = long_text (100000);
  gint64 id;

  g_assert_cmpint (g_utf8_strlen (name, -1), ==, 100000);
  id = insert (f, name, notes);
  assert_stored (f, id, name, notes);
  assert_found (f, "ana", name);
  assert_found (f, "йошкар", name);

  /* Changed and read again. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(KlEntity) client = kl_store_get (f->clients, id, &error);
    g_autofree char *longer = g_strconcat (notes, "!", NULL);

    kl_entity_set_text (client, "notes", longer);
    g_assert_true (kl_store_update (f->clients, client, &error));
    g_assert_no_error (error);
    assert_stored (f, id, name, longer);
  }
}

static void
test_emoji_and_rtl (Fixture       *f,
                    gconstpointer  data)
{
  gint64 id = insert (f, HOSTILE, HOSTILE);

  assert_stored (f, id, HOSTILE, HOSTILE);
  assert_found (f, "ana", HOSTILE);
  assert_found (f, "ёлка", HOSTILE);
  assert_found (f, "\xD8\xB4\xD8\xB1\xD9\x83\xD8\xA9", HOSTILE);
  /* A search for only emoji or only marks finds nothing and breaks nothing. */
  {
    g_autoptr(KlClientList) list = kl_client_list_new (f->session);

    kl_client_list_set_search (list, "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBF \xE2\x80\x8F \xCC\x81");
    (void) g_list_model_get_n_items (G_LIST_MODEL (list));
  }
}

/* Invalid UTF-8 never reaches the database: a clear message instead. */
static void
test_invalid_utf8_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = g_object_new (KL_TYPE_CLIENT, "name", "Firma \xC3\x28 d.o.o.", NULL);

  g_assert_false (kl_store_insert (f->clients, client, &error));
  g_assert_nonnull (error);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM clients"), ==, 0);
}

static gboolean
import_bytes (Fixture     *f,
              const char  *data,
              gsize        length,
              guint       *added,
              GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, length);
  g_autoptr(KlImport) import = kl_import_new_from_bytes (f->session, bytes, NULL, 0, error);

  return import != NULL && kl_import_run (import, NULL, NULL, NULL, added, NULL, NULL, error);
}

/* A NUL byte in a CSV file: refused as a whole with a message, nothing in. */
static void
test_csv_nul (Fixture       *f,
              gconstpointer  data)
{
  static const char csv[] = "Naziv;Grad\nPrva d.o.o.;Zagreb\nDru\0ga d.o.o.;Split\n";
  g_autoptr(GError) error = NULL;
  guint added = 0;

  g_assert_false (import_bytes (f, csv, sizeof csv - 1, &added, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "NUL"));
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM clients"), ==, 0);
}

/* Bytes that are not UTF-8 are read as Windows-1250/1251, never stored
 * as invalid text; hostile UTF-8 goes in exactly. */
static void
test_csv_encodings (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *utf8 = g_strdup_printf ("Naziv;Bilješke\n\"%s\";\"%s\"\n", "Emoji \xF0\x9F\x91\xA9\xF0\x9F\x8F\xBD\xE2\x80\x8D\xF0\x9F\x92\xBC d.o.o.", "\xE2\x80\x8F\xD8\xB4\xD8\xB1\xD9\x83\xD8\xA9\xE2\x80\x8E");
  static const char broken[] = "Naziv;Grad\n\xC8" "a\xE8" "ak \xFF\xFE\x80 d.o.o.;Zagreb\n";
  guint added = 0;
  g_autoptr(KlClientList) list = kl_client_list_new (f->session);

  g_assert_true (import_bytes (f, utf8, strlen (utf8), &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  assert_found (f, "emoji", "Emoji \xF0\x9F\x91\xA9\xF0\x9F\x8F\xBD\xE2\x80\x8D\xF0\x9F\x92\xBC d.o.o.");

  g_assert_true (import_bytes (f, broken, sizeof broken - 1, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(KlEntity) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_true (g_utf8_validate (kl_entity_get_text (item, "name"), -1, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/hostile/long-text", test_long_text);
  ADD ("/hostile/emoji-and-rtl", test_emoji_and_rtl);
  ADD ("/hostile/invalid-utf8-refused", test_invalid_utf8_refused);
  ADD ("/hostile/csv-nul", test_csv_nul);
  ADD ("/hostile/csv-encodings", test_csv_encodings);
#undef ADD

  return g_test_run ();
}
