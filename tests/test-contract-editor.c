/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "kl-contract-draft.h"
#include "kl-client-editor.h"
#include "kl-contract-editor.h"
#include "kl-entities.h"
#include "kl-test-gui.h"

/* The contract editor with real widgets: every field checked as typed,
 * the reason beside it and Save only when valid; the number unique; the
 * status row offering only the workflow's next steps, each step saved and
 * audited; a step the workflow refuses is refused by the editor too. */

#define T KL_TYPE_CONTRACT_EDITOR

typedef struct {
  char      *dir;
  KlSession *session;
  gint64     client_id;
  gint64     saved_id;
  guint      n_saved;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = NULL;

  f->session = kl_test_open_session ("contract-editor", &f->dir, NULL);
  client = kl_session_new_entity (f->session, KL_TYPE_CLIENT);
  kl_entity_set_text (client, "name", "Jadran d.o.o.");
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_CLIENT), client, &error));
  f->client_id = kl_entity_get_id (client);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_destroy_toplevels ();
  kl_test_close_session (&f->session, &f->dir, NULL);
}

static void
set_text (gpointer    editor,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (kl_test_template_child (editor, T, name)), text);
  kl_test_iterate ();
}

static const char *
field_error (gpointer    editor,
             const char *name)
{
  GtkLabel *label = kl_test_template_child (editor, T, name);

  if (!gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (label))))
    return NULL;
  return gtk_label_get_label (label);
}

static gboolean
save_enabled (gpointer editor)
{
  return gtk_widget_is_sensitive (kl_test_template_child (editor, T, "save_button"));
}

static void
on_saved (gpointer  editor,
          gint64    id,
          Fixture  *f)
{
  f->saved_id = id;
  f->n_saved++;
}

static KlContractEditor *
open_editor (Fixture    *f,
             KlContract *contract)
{
  KlContractEditor *editor = kl_contract_editor_new (f->session, contract);

  g_signal_connect (editor, "saved", G_CALLBACK (on_saved), f);
  gtk_window_present (GTK_WINDOW (editor));
  kl_test_iterate ();
  return editor;
}

static void
save (gpointer editor)
{
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
}

static KlEntity *
get_contract (Fixture *f,
              gint64   id)
{
  g_autoptr(GError) error = NULL;
  KlEntity *contract = kl_store_get (kl_session_get_store (f->session, KL_TYPE_CONTRACT), id, &error);

  g_assert_no_error (error);
  return contract;
}

static gint64
new_contract (Fixture    *f,
              const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlContract) draft = kl_contract_new_draft (f->session, f->client_id, &error);
  KlContractEditor *editor;

  g_assert_no_error (error);
  editor = open_editor (f, draft);
  set_text (editor, "title_row", title);
  set_text (editor, "end_date_row", "2027-06-30");
  g_assert_true (save_enabled (editor));
  save (editor);
  return f->saved_id;
}

/* The form: checked as typed, reasons beside the fields. */
static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlContract) draft = kl_contract_new_draft (f->session, f->client_id, &error);
  g_autoptr(KlEntity) saved = NULL;
  g_autofree char *taken = NULL;
  KlContractEditor *editor;
  guint n_before;

  g_assert_no_error (error);
  taken = g_strdup (kl_entity_get_text (KL_ENTITY (draft), "number"));
  editor = open_editor (f, draft);
  /* Payment terms, discount, renewal and notice are named by their rows. */
  g_assert_cmpuint (kl_test_assert_rows_name_once (editor), >=, 4);

  /* The number from the pattern, the client taken, but no title yet */
  g_assert_cmpstr (gtk_editable_get_text (kl_test_template_child (editor, T, "number_row")), ==, taken);
  g_assert_cmpstr (gtk_editable_get_text (kl_test_template_child (editor, T, "client_row")), ==, "Jadran d.o.o.");
  g_assert_false (save_enabled (editor));

  set_text (editor, "title_row", "Održavanje opreme");
  g_assert_true (save_enabled (editor));

  /* End not before start */
  set_text (editor, "start_date_row", "2026-03-01");
  set_text (editor, "end_date_row", "2026-02-28");
  g_assert_nonnull (field_error (editor, "end_date_error"));
  g_assert_false (save_enabled (editor));
  set_text (editor, "end_date_row", "2027-02-28");
  g_assert_null (field_error (editor, "end_date_error"));
  g_assert_true (save_enabled (editor));

  /* A date that is no date, an amount that is no amount, a currency */
  set_text (editor, "signed_date_row", "yesterday");
  g_assert_nonnull (field_error (editor, "signed_date_error"));
  g_assert_false (save_enabled (editor));
  set_text (editor, "signed_date_row", "");
  set_text (editor, "amount_row", "12,3,4");
  g_assert_nonnull (field_error (editor, "amount_error"));
  set_text (editor, "amount_row", "15.000,00");
  g_assert_null (field_error (editor, "amount_error"));
  set_text (editor, "currency_row", "EURO");
  g_assert_nonnull (field_error (editor, "currency_error"));
  g_assert_false (save_enabled (editor));
  set_text (editor, "currency_row", "EUR");
  g_assert_true (save_enabled (editor));

  /* A required field emptied */
  set_text (editor, "number_row", "");
  g_assert_nonnull (field_error (editor, "number_error"));
  g_assert_false (save_enabled (editor));
  set_text (editor, "number_row", taken);
  g_assert_true (save_enabled (editor));

  gtk_spin_button_set_value (kl_test_template_child (editor, T, "discount_spin"), 2.5);
  gtk_spin_button_set_value (kl_test_template_child (editor, T, "notice_spin"), 90);
  gtk_switch_set_active (kl_test_template_child (editor, T, "auto_renew_switch"), TRUE);
  kl_test_iterate ();

  n_before = f->n_saved;
  save (editor);
  g_assert_cmpuint (f->n_saved, ==, n_before + 1);
  saved = get_contract (f, f->saved_id);
  g_assert_cmpstr (kl_entity_get_text (saved, "number"), ==, taken);
  g_assert_cmpstr (kl_entity_get_text (saved, "title"), ==, "Održavanje opreme");
  g_assert_cmpstr (kl_entity_get_text (saved, "start_date"), ==, "2026-03-01");
  g_assert_cmpstr (kl_entity_get_text (saved, "end_date"), ==, "2027-02-28");
  g_assert_null (kl_entity_get_text (saved, "signed_date"));
  g_assert_cmpint (kl_entity_get_number (saved, "amount"), ==, 1500000);
  g_assert_cmpint (kl_entity_get_number (saved, "discount_bp"), ==, 250);
  g_assert_cmpint (kl_entity_get_number (saved, "notice_days"), ==, 90);
  g_assert_cmpint (kl_entity_get_number (saved, "auto_renew"), ==, 1);
  g_assert_cmpint (kl_entity_get_number (saved, "client_id"), ==, f->client_id);
  g_assert_cmpstr (kl_entity_get_text (saved, "status"), ==, "draft");

  /* A second contract may not take the same number */
  {
    g_autoptr(KlContract) other = kl_contract_new_draft (f->session, f->client_id, &error);
    KlContractEditor *second = open_editor (f, other);

    g_assert_cmpstr (gtk_editable_get_text (kl_test_template_child (second, T, "number_row")), !=, taken);
    set_text (second, "title_row", "Drugi");
    g_assert_true (save_enabled (second));
    set_text (second, "number_row", taken);
    g_assert_nonnull (field_error (second, "number_error"));
    g_assert_false (save_enabled (second));
  }
}

static guint
n_status_choices (gpointer editor)
{
  return g_list_model_get_n_items (adw_combo_row_get_model (kl_test_template_child (editor, T, "status_row")));
}

/* Moves the contract one step through the editor: the step is offered,
 * saved, and in the audit trail. */
static void
step (Fixture    *f,
      gint64      id,
      const char *to,
      guint       n_offered)
{
  g_autoptr(KlEntity) contract = get_contract (f, id);
  g_autoptr(KlEntity) after = NULL;
  KlContractEditor *editor = open_editor (f, KL_CONTRACT (contract));
  GListModel *choices = adw_combo_row_get_model (kl_test_template_child (editor, T, "status_row"));
  g_autofree char *sql = NULL;
  guint found = G_MAXUINT;

  g_assert_cmpuint (n_status_choices (editor), ==, n_offered + 1);
  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (choices, i);
      const char *label = gtk_string_object_get_string (item);

      if (g_strcmp0 (label, kl_choice_label (kl_contract_statuses, to)) == 0)
        found = i;
    }
  g_assert_cmpuint (found, !=, G_MAXUINT);
  adw_combo_row_set_selected (kl_test_template_child (editor, T, "status_row"), found);
  kl_test_iterate ();
  g_assert_true (save_enabled (editor));
  save (editor);

  after = get_contract (f, id);
  g_assert_cmpstr (kl_entity_get_text (after, "status"), ==, to);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE table_name = 'contracts' AND row_id = %"
                         G_GINT64_FORMAT " AND field = 'status' AND new_value = '%s'", id, to);
  g_assert_cmpint (kl_test_query_int (f->session, sql), ==, 1);
}

static void
test_workflow (Fixture       *f,
               gconstpointer  data)
{
  gint64 first = new_contract (f, "Prvi");
  gint64 second = new_contract (f, "Drugi");
  g_autoptr(KlEntity) signed_contract = NULL;

  step (f, first, "sent", 1);
  step (f, first, "signed", 1);
  signed_contract = get_contract (f, first);
  g_assert_nonnull (kl_entity_get_text (signed_contract, "signed_date"));
  step (f, first, "active", 1);
  step (f, first, "expired", 2);

  step (f, second, "sent", 1);
  step (f, second, "signed", 1);
  step (f, second, "active", 1);
  step (f, second, "terminated", 2);

  /* Expired and terminated are the end: nothing more is offered */
  {
    g_autoptr(KlEntity) done = get_contract (f, first);
    KlContractEditor *editor = open_editor (f, KL_CONTRACT (done));

    g_assert_cmpuint (n_status_choices (editor), ==, 1);
  }
}

/* A step the workflow refuses, however the status was set: the editor
 * says why beside the status and writes nothing. */
static void
test_refused_step (Fixture       *f,
                   gconstpointer  data)
{
  gint64 id = new_contract (f, "Treći");
  g_autoptr(KlEntity) contract = get_contract (f, id);
  g_autoptr(KlEntity) after = NULL;
  KlContractEditor *editor = open_editor (f, KL_CONTRACT (contract));
  guint n_saved = f->n_saved;

  g_assert_cmpuint (n_status_choices (editor), ==, 2);   /* Draft, Sent */
  kl_form_set_text (kl_editor_get_form (KL_EDITOR (editor)), "status", "active");
  kl_test_iterate ();
  save (editor);

  g_assert_cmpuint (f->n_saved, ==, n_saved);
  g_assert_nonnull (field_error (editor, "status_error"));
  after = get_contract (f, id);
  g_assert_cmpstr (kl_entity_get_text (after, "status"), ==, "draft");
  g_assert_cmpint (kl_test_query_int (f->session,
                                      "SELECT count(*) FROM audit_log WHERE table_name = 'contracts'"
                                      " AND field = 'status' AND action = 'update'"), ==, 0);
}

/* The client's requisites in the client editor: checked as typed, the
 * reason beside the field, the account against the bank's BIK. */
static void
test_client_requisites (Fixture       *f,
                        gconstpointer  data)
{
  GType C = KL_TYPE_CLIENT_EDITOR;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = kl_store_get (kl_session_get_store (f->session, KL_TYPE_CLIENT), f->client_id, &error);
  g_autoptr(KlEntity) saved = NULL;
  KlClientEditor *editor = kl_client_editor_new (f->session, KL_CLIENT (client));
  GtkWidget *save_button;

  g_signal_connect (editor, "saved", G_CALLBACK (on_saved), f);
  gtk_window_present (GTK_WINDOW (editor));
  kl_test_iterate ();
  save_button = kl_test_template_child (editor, C, "save_button");

#define TYPE(row, text) \
  gtk_editable_set_text (GTK_EDITABLE (kl_test_template_child (editor, C, row)), text); \
  kl_test_iterate ()
#define SHOWN(label) \
  gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (kl_test_template_child (editor, C, label))))

  TYPE ("kpp_row", "77360100");
  g_assert_true (SHOWN ("kpp_error"));
  g_assert_false (gtk_widget_is_sensitive (save_button));
  TYPE ("kpp_row", "773601001");
  g_assert_false (SHOWN ("kpp_error"));

  TYPE ("ogrn_row", "1027700132196");
  g_assert_true (SHOWN ("ogrn_error"));
  TYPE ("ogrn_row", "1027700132195");
  g_assert_false (SHOWN ("ogrn_error"));

  TYPE ("iban_row", "HR1210010051863000161");
  g_assert_true (SHOWN ("iban_error"));
  TYPE ("iban_row", "HR12 1001 0051 8630 0016 0");
  g_assert_false (SHOWN ("iban_error"));

  /* The account is checked against the BIK: none yet, then a wrong one */
  TYPE ("bank_account_row", "40702810938000000001");
  g_assert_true (SHOWN ("bank_account_error"));
  g_assert_false (gtk_widget_is_sensitive (save_button));
  TYPE ("bik_row", "044525225");
  g_assert_false (SHOWN ("bank_account_error"));
  TYPE ("bank_account_row", "40702810938000000002");
  g_assert_true (SHOWN ("bank_account_error"));
  TYPE ("bank_account_row", "40702810938000000001");
  g_assert_true (gtk_widget_is_sensitive (save_button));
#undef TYPE
#undef SHOWN

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  saved = kl_store_get (kl_session_get_store (f->session, KL_TYPE_CLIENT), f->client_id, &error);
  g_assert_cmpstr (kl_entity_get_text (saved, "kpp"), ==, "773601001");
  g_assert_cmpstr (kl_entity_get_text (saved, "ogrn"), ==, "1027700132195");
  g_assert_cmpstr (kl_entity_get_text (saved, "bik"), ==, "044525225");
  g_assert_cmpstr (kl_entity_get_text (saved, "bank_account"), ==, "40702810938000000001");
  g_assert_cmpstr (kl_entity_get_text (saved, "iban"), ==, "HR12 1001 0051 8630 0016 0");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/contract-editor/validation", test_validation);
  ADD ("/gui/contract-editor/workflow", test_workflow);
  ADD ("/gui/contract-editor/refused-step", test_refused_step);
  ADD ("/gui/client-editor/requisites", test_client_requisites);
#undef ADD

  return g_test_run ();
}
