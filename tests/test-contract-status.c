/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kl-contract-status.h"
#include "kl-entities.h"
#include "kl-test.h"
#include "kl-validation.h"

/* The contract status workflow: every allowed step, every refused one,
 * each step in the audit trail. */

typedef struct {
  char      *dir;
  KlSession *session;
  gint64     client_id;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = NULL;

  f->session = kl_test_open_session ("contract-status", &f->dir, NULL);
  client = kl_session_new_entity (f->session, KL_TYPE_CLIENT);
  kl_entity_set_text (client, "name", "Jadran d.o.o.");
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_CLIENT), client, &error));
  g_assert_no_error (error);
  f->client_id = kl_entity_get_id (client);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_close_session (&f->session, &f->dir, NULL);
}

static gint64
insert_contract (Fixture    *f,
                 const char *number,
                 const char *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) contract = kl_session_new_entity (f->session, KL_TYPE_CONTRACT);

  kl_entity_set_text (contract, "number", number);
  kl_entity_set_number (contract, "client_id", f->client_id);
  kl_entity_set_text (contract, "title", "Održavanje");
  kl_entity_set_text (contract, "start_date", "2026-01-01");
  kl_entity_set_text (contract, "status", status);
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_CONTRACT), contract, &error));
  g_assert_no_error (error);
  return kl_entity_get_id (contract);
}

static char *
status_of (Fixture *f,
           gint64   id)
{
  g_autoptr(KlEntity) contract = kl_store_get (kl_session_get_store (f->session, KL_TYPE_CONTRACT), id, NULL);

  return g_strdup (kl_entity_get_text (contract, "status"));
}

static void
test_next_statuses (void)
{
  static const struct { const char *from; const char *next[3]; } cases[] = {
    { "draft", { "sent", NULL } },
    { "sent", { "signed", NULL } },
    { "signed", { "active", NULL } },
    { "active", { "expired", "terminated", NULL } },
    { "expired", { NULL } },
    { "terminated", { NULL } },
    { "nonsense", { NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char * const *next = kl_contract_next_statuses (cases[i].from);

      g_assert_cmpuint (g_strv_length ((char **) next), ==, g_strv_length ((char **) cases[i].next));
      for (guint j = 0; cases[i].next[j] != NULL; j++)
        g_assert_cmpstr (next[j], ==, cases[i].next[j]);
    }
}

/* Every pair of statuses: allowed exactly when the workflow says so, and
 * written (and audited) only then. */
static void
test_every_step (Fixture       *f,
                 gconstpointer  data)
{
  guint n = 0;

  for (guint i = 0; kl_contract_statuses[i] != NULL; i++)
    for (guint j = 0; kl_contract_statuses[j] != NULL; j++)
      {
        const char *from = kl_contract_statuses[i];
        const char *to = kl_contract_statuses[j];
        g_autofree char *number = g_strdup_printf ("UG-%u-%u", i, j);
        g_autofree char *status = NULL;
        g_autofree char *audit = NULL;
        g_autoptr(GError) error = NULL;
        gint64 id = insert_contract (f, number, from);
        gboolean allowed = g_strv_contains (kl_contract_next_statuses (from), to);
        gint64 audited;

        g_assert_cmpint (kl_contract_change_status (f->session, id, to, &error), ==, allowed);
        status = status_of (f, id);
        audit = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE table_name = 'contracts'"
                                 " AND action = 'update' AND field = 'status' AND row_id = %" G_GINT64_FORMAT
                                 " AND old_value = '%s' AND new_value = '%s'", id, from, to);
        audited = kl_test_query_int (f->session, audit);
        if (allowed)
          {
            g_assert_no_error (error);
            g_assert_cmpstr (status, ==, to);
            g_assert_cmpint (audited, ==, 1);
            n++;
          }
        else
          {
            g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_ORDER);
            g_assert_cmpstr (status, ==, from);
            g_assert_cmpint (audited, ==, 0);
          }
      }
  g_assert_cmpuint (n, ==, 5);
}

/* The whole way, from a draft to an end; signing dates the contract. */
static void
test_whole_way (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) contract = NULL;
  g_autofree char *today = kl_database_today ();
  gint64 id = insert_contract (f, "UG-2026-0001", "draft");
  static const char *const way[] = { "sent", "signed", "active", "terminated" };

  for (guint i = 0; i < G_N_ELEMENTS (way); i++)
    {
      g_assert_true (kl_contract_change_status (f->session, id, way[i], &error));
      g_assert_no_error (error);
    }
  contract = kl_store_get (kl_session_get_store (f->session, KL_TYPE_CONTRACT), id, &error);
  g_assert_cmpstr (kl_entity_get_text (contract, "status"), ==, "terminated");
  g_assert_cmpstr (kl_entity_get_text (contract, "signed_date"), ==, today);
  g_assert_cmpint (kl_test_query_int (f->session, "SELECT count(*) FROM audit_log WHERE table_name = 'contracts'"
                                      " AND field = 'status' AND action = 'update'"), ==, 4);

  /* Terminated is the end: not even back to active. */
  g_assert_false (kl_contract_change_status (f->session, id, "active", &error));
  g_assert_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_ORDER);
  g_clear_error (&error);
  g_assert_false (kl_contract_change_status (f->session, id + 1000, "sent", &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/contract/status/next", test_next_statuses);
  g_test_add ("/contract/status/every-step", Fixture, NULL, fixture_set_up, test_every_step, fixture_tear_down);
  g_test_add ("/contract/status/whole-way", Fixture, NULL, fixture_set_up, test_whole_way, fixture_tear_down);

  return g_test_run ();
}
