/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#include "config.h"

#include <string.h>

#include "kl-client-ops.h"
#include "kl-entities.h"
#include "kl-test.h"

/* Erased means erased: after a contact's personal data is erased, none of
 * it is left in the database file or its WAL, in any form the program
 * wrote it (as typed, folded for search, phone digits). */

typedef struct {
  char      *dir;
  char      *path;
  KlSession *session;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->session = kl_test_open_session ("klijentela-erasure", &f->dir, &f->path);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_close_session (&f->session, &f->dir, &f->path);
}

static const char * const secrets[] = {
  "Zvonimirović",                 /* as typed */
  "zvonimirovic",                 /* folded, in search keys and the index */
  "tajna.adresa@primjer.hr",
  "tajna",
  "915550123",                    /* phone digits, as the search key adds them */
  "Direktor nabave Unikat",
  "Voli jedriti na Visu",
};

/* The number of secrets found in the bytes of @path (0 for no file). */
static guint
count_secrets (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint found = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return 0;

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (g_strstr_len (contents, length, secrets[i]) != NULL ||
        memmem (contents, length, secrets[i], strlen (secrets[i])) != NULL)
      {
        g_test_message ("%s holds “%s”", path, secrets[i]);
        found++;
      }

  return found;
}

static guint
count_in_files (Fixture *f)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);

  return count_secrets (f->path) + count_secrets (wal);
}

static void
test_erased_from_files (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = g_object_new (KL_TYPE_CLIENT, "name", "Jadranska plovidba d.o.o.", NULL);
  g_autoptr(KlEntity) contact = NULL;
  KlStore *contacts = kl_session_get_store (f->session, KL_TYPE_CONTACT);
  gint64 contact_id;

  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_CLIENT), client, &error));
  g_assert_no_error (error);

  /* Many other clients around it, so pages are shared and reused. */
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *name = g_strdup_printf ("Susjedna tvrtka %u d.o.o.", i);
      g_autoptr(KlEntity) other = g_object_new (KL_TYPE_CLIENT, "name", name, NULL);

      g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_CLIENT), other, &error));
    }

  contact = g_object_new (KL_TYPE_CONTACT,
                          "client-id", kl_entity_get_id (client),
                          "name", "Ivana Zvonimirović",
                          "position", "Direktor nabave Unikat",
                          "phone", "+385 91 555 0123",
                          "email", "tajna.adresa@primjer.hr",
                          "notes", "Voli jedriti na Visu",
                          NULL);
  g_assert_true (kl_store_insert (contacts, contact, &error));
  g_assert_no_error (error);
  contact_id = kl_entity_get_id (contact);

  /* Changed twice: the audit trail and old row versions hold it too. */
  kl_entity_set_text (contact, "notes", "Voli jedriti na Visu, i ribariti");
  g_assert_true (kl_store_update (contacts, contact, &error));
  kl_entity_set_text (contact, "position", "Direktor nabave Unikat (v. d.)");
  g_assert_true (kl_store_update (contacts, contact, &error));
  g_assert_no_error (error);

  /* Before: the secrets are there (else the test proves nothing). */
  g_assert_cmpuint (count_in_files (f), >=, G_N_ELEMENTS (secrets));

  g_assert_true (kl_contact_anonymise (f->session, contact_id, &error));
  g_assert_no_error (error);

  /* While the program still has the file open… */
  g_assert_cmpuint (count_in_files (f), ==, 0);

  /* …and after it closed it. */
  {
    g_autofree char *dir = g_strdup (f->dir);
    g_autofree char *path = g_strdup (f->path);

    g_clear_object (&f->session);
    g_assert_cmpuint (count_secrets (path), ==, 0);
    f->session = kl_session_open (path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM clients"), ==, 301);
    g_assert_cmpstr (dir, ==, f->dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/erasure/erased-from-files", Fixture, NULL, fixture_set_up, test_erased_from_files, fixture_tear_down);

  return g_test_run ();
}
