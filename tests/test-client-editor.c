/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "kl-client-card.h"
#include "kl-client-editor.h"
#include "kl-client-ops.h"
#include "kl-contact-editor.h"
#include "kl-demo.h"
#include "kl-entities.h"
#include "kl-format.h"
#include "kl-test-gui.h"
#include "kl-validation.h"
#include "kl-window.h"

/* The client editor, the client card and the contact editor: real widgets
 * under Xvfb, driven through their actions and editables, asserting on
 * what they show and on the database behind them. */

#define TODAY "2026-11-26"

typedef struct {
  char      *dir;
  char      *path;
  KlSession *session;
  gint64     saved_id;
  guint      n_saved;
  gboolean   small_disk;  /* dir is a tmpfs of its own */
} Fixture;

/* Helpers */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = NULL;

  f->session = kl_test_open_session ("editor", &f->dir, NULL);
}

/* The database on a small disk of its own where the test may mount one
 * (kl_test_mount_small_disk()). */
static void
fixture_set_up_small_disk (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = kl_test_make_dir ("editor-disk");
  f->small_disk = kl_test_mount_small_disk (f->dir, 4096);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->session = kl_session_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_destroy_toplevels ();
  g_clear_object (&f->session);
  if (f->small_disk)
    kl_test_unmount (f->dir);
  kl_test_close_session (&f->session, &f->dir, &f->path);
}

static KlStore *
store (Fixture *f,
       GType    type)
{
  return kl_session_get_store (f->session, type);
}

static gint64
count (Fixture *f,
       GType    type)
{
  g_autoptr(GError) error = NULL;
  gint64 n = kl_store_count (store (f, type), &error);

  g_assert_no_error (error);

  return n;
}

static gint64
insert_client (Fixture    *f,
               const char *name,
               const char *tax_id,
               const char *phone)
{
  g_autoptr(KlEntity) client = g_object_new (KL_TYPE_CLIENT,
                                             "name", name,
                                             "tax-id", tax_id,
                                             "phone", phone,
                                             "city", "Zagreb",
                                             NULL);
  g_autoptr(GError) error = NULL;

  kl_store_insert (store (f, KL_TYPE_CLIENT), client, &error);
  g_assert_no_error (error);

  return kl_entity_get_id (client);
}

static KlEntity *
get (Fixture *f,
     GType    type,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  KlEntity *entity = kl_store_get (store (f, type), id, &error);

  g_assert_no_error (error);

  return entity;
}

/* A valid OIB: ten digits, then the ISO 7064 MOD 11,10 check digit. */
static char *
make_oib (const char *first_ten)
{
  for (char d = '0'; d <= '9'; d++)
    {
      char *oib = g_strdup_printf ("%s%c", first_ten, d);

      if (kl_validate_oib (oib, NULL))
        return oib;
      g_free (oib);
    }
  g_assert_not_reached ();
}

static void
set_text (gpointer    widget,
          GType       type,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (kl_test_template_child (widget, type, name)), text);
  kl_test_iterate ();
}

/* The reason shown under a field, or NULL when none is shown. */
static const char *
field_error (gpointer    widget,
             GType       type,
             const char *name)
{
  GtkLabel *label = kl_test_template_child (widget, type, name);

  if (!gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (label))))
    return NULL;

  return gtk_label_get_label (label);
}

static gboolean
save_enabled (KlClientEditor *editor)
{
  return gtk_widget_is_sensitive (kl_test_template_child (editor, KL_TYPE_CLIENT_EDITOR, "save_button"));
}

static void
on_saved (gpointer  editor,
          gint64    id,
          Fixture  *f)
{
  f->saved_id = id;
  f->n_saved++;
}

/* What the window or a card does when the editor asks for a client. */
static void
on_open_client (KlClientEditor *editor,
                gint64          id,
                Fixture        *f)
{
  gtk_window_present (GTK_WINDOW (kl_client_card_new (f->session, id)));
}

static KlClientEditor *
open_editor (Fixture  *f,
             KlClient *client)
{
  KlClientEditor *editor = kl_client_editor_new (f->session, client);

  g_signal_connect (editor, "saved", G_CALLBACK (on_saved), f);
  g_signal_connect (editor, "open-client", G_CALLBACK (on_open_client), f);
  gtk_window_present (GTK_WINDOW (editor));
  kl_test_iterate ();

  return editor;
}

static guint
list_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;

  return n;
}

static const char *
row_title (GtkListBox *list,
           guint       index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);

  g_assert_nonnull (row);

  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
}

/* Tests */

static void
test_templates (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(KlEntity) client = NULL;
  gint64 id = insert_client (f, "Jadran d.o.o.", NULL, NULL);
  KlClientEditor *editor;
  KlContactEditor *contact_editor;
  KlClientCard *card;

  editor = kl_client_editor_new (f->session, NULL);
  g_assert_true (KL_IS_CLIENT_EDITOR (editor));
  g_assert_null (kl_client_editor_get_client (editor));
  g_assert_false (kl_client_editor_is_valid (editor));  /* no name yet */
  g_assert_cmpstr (adw_window_title_get_title (kl_test_template_child (editor, KL_TYPE_CLIENT_EDITOR, "window_title")),
                   ==, "New Client");
  gtk_window_destroy (GTK_WINDOW (editor));

  client = get (f, KL_TYPE_CLIENT, id);
  editor = kl_client_editor_new (f->session, KL_CLIENT (client));
  g_assert_true (kl_client_editor_is_valid (editor));
  g_assert_false (kl_client_editor_is_modified (editor));
  g_assert_cmpstr (gtk_editable_get_text (kl_test_template_child (editor, KL_TYPE_CLIENT_EDITOR, "name_row")), ==,
                   "Jadran d.o.o.");
  gtk_window_destroy (GTK_WINDOW (editor));

  contact_editor = kl_contact_editor_new (f->session, id, NULL);
  g_assert_true (KL_IS_CONTACT_EDITOR (contact_editor));
  g_assert_cmpint (kl_contact_editor_get_client_id (contact_editor), ==, id);
  gtk_window_destroy (GTK_WINDOW (contact_editor));

  card = kl_client_card_new (f->session, id);
  g_assert_true (KL_IS_CLIENT_CARD (card));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (kl_test_template_child (card, KL_TYPE_CLIENT_CARD, "content_stack")),
                   ==, "card");
  g_assert_cmpstr (gtk_label_get_label (kl_test_template_child (card, KL_TYPE_CLIENT_CARD, "name_label")), ==,
                   "Jadran d.o.o.");
  gtk_window_destroy (GTK_WINDOW (card));

  card = kl_client_card_new (f->session, id + 1000);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (kl_test_template_child (card, KL_TYPE_CLIENT_CARD, "content_stack")),
                   ==, "missing");
  gtk_window_destroy (GTK_WINDOW (card));
  kl_test_iterate ();
}

static void
test_invalid_oib (Fixture       *f,
                  gconstpointer  data)
{
  GType T = KL_TYPE_CLIENT_EDITOR;
  g_autofree char *oib = make_oib ("6943515153");
  g_autofree char *bad_oib = g_strdup (oib);
  KlClientEditor *editor = open_editor (f, NULL);

  /* One digit off: the check digit no longer matches. */
  bad_oib[10] = bad_oib[10] == '9' ? '0' : bad_oib[10] + 1;

  g_assert_false (save_enabled (editor));
  set_text (editor, T, "name_row", "Podravka d.d.");
  g_assert_true (save_enabled (editor));
  g_assert_null (field_error (editor, T, "tax_id_error"));

  /* Croatia is the default country: the tax ID is an OIB. */
  set_text (editor, T, "tax_id_row", bad_oib);
  g_assert_nonnull (field_error (editor, T, "tax_id_error"));
  g_assert_cmpstr (field_error (editor, T, "tax_id_error"), !=, "");
  g_assert_true (gtk_widget_has_css_class (kl_test_template_child (editor, T, "tax_id_row"), "error"));
  g_assert_false (save_enabled (editor));

  set_text (editor, T, "tax_id_row", oib);
  g_assert_null (field_error (editor, T, "tax_id_error"));
  g_assert_false (gtk_widget_has_css_class (kl_test_template_child (editor, T, "tax_id_row"), "error"));
  g_assert_true (save_enabled (editor));

  /* A valid OIB is no valid Russian INN. */
  adw_combo_row_set_selected (kl_test_template_child (editor, T, "country_row"), 1);
  kl_test_iterate ();
  g_assert_nonnull (field_error (editor, T, "tax_id_error"));
  g_assert_false (save_enabled (editor));
  set_text (editor, T, "tax_id_row", "7707083893");  /* Sberbank's INN */
  g_assert_null (field_error (editor, T, "tax_id_error"));
  g_assert_true (save_enabled (editor));

  /* Other fields: e-mail, phone, the amount, the date. */
  set_text (editor, T, "email_row", "ured@");
  g_assert_nonnull (field_error (editor, T, "email_error"));
  g_assert_false (save_enabled (editor));
  set_text (editor, T, "email_row", "ured@podravka.hr");
  g_assert_null (field_error (editor, T, "email_error"));

  set_text (editor, T, "phone_row", "12");
  g_assert_nonnull (field_error (editor, T, "phone_error"));
  set_text (editor, T, "phone_row", "+385 1 234 5678");
  g_assert_null (field_error (editor, T, "phone_error"));

  set_text (editor, T, "credit_limit_row", "12,3,4");
  g_assert_nonnull (field_error (editor, T, "credit_limit_error"));
  g_assert_false (save_enabled (editor));
  set_text (editor, T, "credit_limit_row", "1.234,50");
  g_assert_null (field_error (editor, T, "credit_limit_error"));

  set_text (editor, T, "next_action_date_row", "soon");
  g_assert_nonnull (field_error (editor, T, "next_action_date_error"));
  g_assert_false (save_enabled (editor));
  set_text (editor, T, "next_action_date_row", "2026-12-01");
  g_assert_null (field_error (editor, T, "next_action_date_error"));
  g_assert_true (save_enabled (editor));

  /* A required field emptied shows why. */
  set_text (editor, T, "name_row", "");
  g_assert_nonnull (field_error (editor, T, "name_error"));
  g_assert_false (save_enabled (editor));
}

static void
test_save_new (Fixture       *f,
               gconstpointer  data)
{
  GType T = KL_TYPE_CLIENT_EDITOR;
  static const char name[] = "Ćevapi \"Kod Mile\" 🍖 d.o.o.'; DROP TABLE clients; --";
  static const char notes[] = "  Two spaces before, a tab\tand a line\nbreak 😀  ";
  g_autofree char *oib = make_oib ("1234567890");
  KlClientEditor *editor = open_editor (f, NULL);
  g_autoptr(KlEntity) saved = NULL;

  set_text (editor, T, "name_row", name);
  set_text (editor, T, "tax_id_row", oib);
  set_text (editor, T, "city_row", "Đakovo");
  set_text (editor, T, "email_row", "Šef@ćevapi.hr");
  set_text (editor, T, "credit_limit_row", "1.234,50");
  set_text (editor, T, "next_action_row", "Nazvati «šefa»");
  set_text (editor, T, "next_action_date_row", "2026-12-01");
  adw_combo_row_set_selected (kl_test_template_child (editor, T, "status_row"), 2);  /* key */
  gtk_text_buffer_set_text (kl_test_template_child (editor, T, "notes_buffer"), notes, -1);
  kl_test_iterate ();
  g_assert_true (kl_client_editor_is_modified (editor));
  g_assert_true (save_enabled (editor));

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();

  g_assert_cmpuint (f->n_saved, ==, 1);
  g_assert_cmpint (count (f, KL_TYPE_CLIENT), ==, 1);
  g_assert_null (kl_test_find_toplevel (KL_TYPE_CLIENT_EDITOR));

  saved = get (f, KL_TYPE_CLIENT, f->saved_id);
  g_assert_cmpstr (kl_entity_get_text (saved, "name"), ==, name);
  g_assert_cmpstr (kl_entity_get_text (saved, "tax_id"), ==, oib);
  g_assert_cmpstr (kl_entity_get_text (saved, "country"), ==, "HR");
  g_assert_cmpstr (kl_entity_get_text (saved, "city"), ==, "Đakovo");
  g_assert_cmpstr (kl_entity_get_text (saved, "email"), ==, "Šef@ćevapi.hr");
  g_assert_cmpstr (kl_entity_get_text (saved, "status"), ==, "key");
  g_assert_cmpstr (kl_entity_get_text (saved, "notes"), ==, notes);
  g_assert_cmpstr (kl_entity_get_text (saved, "next_action"), ==, "Nazvati «šefa»");
  g_assert_cmpstr (kl_entity_get_text (saved, "next_action_date"), ==, "2026-12-01");
  g_assert_cmpint (kl_entity_get_number (saved, "credit_limit"), ==, 123450);
  g_assert_null (kl_entity_get_text (saved, "phone"));
}

/* A Russian office: a new client is Russian and pays in roubles unless
 * told otherwise, so an INN is what the tax ID field checks. */
static void
test_save_new_russian_office (Fixture       *f,
                              gconstpointer  data)
{
  GType T = KL_TYPE_CLIENT_EDITOR;
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) saved = NULL;
  KlClientEditor *editor;
  AdwComboRow *currency_row;
  GtkStringList *currencies;

  g_assert_true (kl_session_set_office (f->session, "RU", "RUB", &error));
  g_assert_no_error (error);
  editor = open_editor (f, NULL);

  currency_row = kl_test_template_child (editor, T, "currency_row");
  currencies = kl_test_template_child (editor, T, "currency_model");
  g_assert_cmpstr (gtk_string_list_get_string (currencies, adw_combo_row_get_selected (currency_row)), ==, "RUB");

  set_text (editor, T, "name_row", "ООО «Ромашка»");
  set_text (editor, T, "tax_id_row", "7707083893");
  kl_test_iterate ();
  g_assert_true (save_enabled (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();

  g_assert_cmpuint (f->n_saved, ==, 1);
  saved = get (f, KL_TYPE_CLIENT, f->saved_id);
  g_assert_cmpstr (kl_entity_get_text (saved, "country"), ==, "RU");
  g_assert_cmpstr (kl_entity_get_text (saved, "currency"), ==, "RUB");
  g_assert_cmpstr (kl_entity_get_text (saved, "tax_id"), ==, "7707083893");
}

static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  GType T = KL_TYPE_CLIENT_EDITOR;
  gint64 id = insert_client (f, "Sjever d.o.o.", NULL, "+385 1 111 2222");
  g_autoptr(KlEntity) client = get (f, KL_TYPE_CLIENT, id);
  g_autoptr(KlEntity) after = NULL;
  g_autofree char *limit = NULL;
  KlClientEditor *editor;

  kl_entity_set_number (client, "credit_limit", 500000);
  kl_entity_set_text (client, "currency", "EUR");
  {
    g_autoptr(GError) error = NULL;

    kl_store_update (store (f, KL_TYPE_CLIENT), client, &error);
    g_assert_no_error (error);
  }

  editor = open_editor (f, KL_CLIENT (client));
  g_assert_cmpstr (adw_window_title_get_title (kl_test_template_child (editor, T, "window_title")), ==, "Edit Client");
  /* The amount as the locale writes it. */
  limit = kl_format_money (500000, NULL);
  g_assert_cmpstr (gtk_editable_get_text (kl_test_template_child (editor, T, "credit_limit_row")), ==, limit);

  set_text (editor, T, "city_row", "Split");
  set_text (editor, T, "legal_form_row", "d.o.o.");
  gtk_spin_button_set_value (kl_test_template_child (editor, T, "payment_terms_spin"), 45);
  kl_test_iterate ();
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();

  g_assert_cmpuint (f->n_saved, ==, 1);
  g_assert_cmpint (f->saved_id, ==, id);
  after = get (f, KL_TYPE_CLIENT, id);
  g_assert_cmpstr (kl_entity_get_text (after, "city"), ==, "Split");
  g_assert_cmpstr (kl_entity_get_text (after, "legal_form"), ==, "d.o.o.");
  g_assert_cmpint (kl_entity_get_number (after, "payment_terms_days"), ==, 45);
  g_assert_cmpstr (kl_entity_get_text (after, "name"), ==, "Sjever d.o.o.");
  g_assert_cmpstr (kl_entity_get_text (after, "phone"), ==, "+385 1 111 2222");
  g_assert_cmpint (kl_entity_get_number (after, "credit_limit"), ==, 500000);
  g_assert_cmpint (count (f, KL_TYPE_CLIENT), ==, 1);
}

/* The row went away while the form was open: the save fails, the form
 * stays open with everything typed. */
static void
test_model_error (Fixture       *f,
                  gconstpointer  data)
{
  GType T = KL_TYPE_CLIENT_EDITOR;
  gint64 id = insert_client (f, "Ural AO", NULL, NULL);
  g_autoptr(KlEntity) client = get (f, KL_TYPE_CLIENT, id);
  g_autoptr(GError) error = NULL;
  KlClientEditor *editor = open_editor (f, KL_CLIENT (client));

  set_text (editor, T, "city_row", "Екатеринбург");
  kl_store_delete (store (f, KL_TYPE_CLIENT), id, &error);
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  g_assert_cmpuint (f->n_saved, ==, 0);
  g_assert_true (kl_test_find_toplevel (KL_TYPE_CLIENT_EDITOR) == editor);
  g_assert_cmpstr (gtk_editable_get_text (kl_test_template_child (editor, T, "city_row")), ==, "Екатеринбург");
  g_assert_true (kl_client_editor_is_modified (editor));
  g_assert_cmpint (count (f, KL_TYPE_CLIENT), ==, 0);
}

/* The dialog a failed save shows over @editor, or NULL. */
static AdwMessageDialog *
save_error_dialog (KlClientEditor *editor)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          gtk_window_get_transient_for (window) == GTK_WINDOW (editor))
        {
          g_assert_null (found);  /* one at a time */
          found = ADW_MESSAGE_DIALOG (window);
        }
    }

  return found;
}

/* The form and the database after a save that failed for a passing
 * cause: the editor is still open with everything typed, a dialog says
 * why in words, nothing was written. */
static AdwMessageDialog *
assert_kept (Fixture        *f,
             KlClientEditor *editor,
             const char     *message,
             const char     *name,
             const char     *notes)
{
  GType T = KL_TYPE_CLIENT_EDITOR;
  g_autofree char *typed_notes = NULL;
  GtkTextBuffer *buffer = kl_test_template_child (editor, T, "notes_buffer");
  GtkTextIter start, end;
  AdwMessageDialog *dialog;

  g_assert_cmpuint (f->n_saved, ==, 0);
  g_assert_true (kl_test_find_toplevel (KL_TYPE_CLIENT_EDITOR) == editor);
  g_assert_cmpstr (gtk_editable_get_text (kl_test_template_child (editor, T, "name_row")), ==, name);
  g_assert_cmpstr (gtk_editable_get_text (kl_test_template_child (editor, T, "city_row")), ==, "Osijek");
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  typed_notes = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (typed_notes, ==, notes);
  g_assert_true (kl_client_editor_is_modified (editor));
  g_assert_true (save_enabled (editor));

  dialog = save_error_dialog (editor);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Not Saved");
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, message);
  g_assert_cmpstr (adw_message_dialog_get_response_label (dialog, "save"), ==, "Save _Again");
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "save");
  g_assert_cmpint (count (f, KL_TYPE_CLIENT), ==, 0);

  return dialog;
}

/* Answers "Save Again"; asserts the client is saved as typed. */
static void
save_again (Fixture          *f,
            KlClientEditor   *editor,
            AdwMessageDialog *dialog,
            const char       *name,
            const char       *notes)
{
  g_autoptr(KlEntity) saved = NULL;

  adw_message_dialog_response (dialog, "save");
  kl_test_iterate ();

  g_assert_null (save_error_dialog (editor));
  g_assert_cmpuint (f->n_saved, ==, 1);
  g_assert_null (kl_test_find_toplevel (KL_TYPE_CLIENT_EDITOR));
  g_assert_cmpint (count (f, KL_TYPE_CLIENT), ==, 1);
  saved = get (f, KL_TYPE_CLIENT, f->saved_id);
  g_assert_cmpstr (kl_entity_get_text (saved, "name"), ==, name);
  g_assert_cmpstr (kl_entity_get_text (saved, "city"), ==, "Osijek");
  g_assert_cmpstr (kl_entity_get_text (saved, "notes"), ==, notes);
}

/* A new client typed in full, Save not yet pressed. */
static KlClientEditor *
type_client (Fixture    *f,
             const char *name,
             const char *notes)
{
  GType T = KL_TYPE_CLIENT_EDITOR;
  KlClientEditor *editor = open_editor (f, NULL);

  set_text (editor, T, "name_row", name);
  set_text (editor, T, "city_row", "Osijek");
  gtk_text_buffer_set_text (kl_test_template_child (editor, T, "notes_buffer"), notes, -1);
  kl_test_iterate ();
  g_assert_true (save_enabled (editor));

  return editor;
}

/* Another program holds the write lock past the busy timeout when Save is
 * pressed: a clear message, the form stays open with everything typed,
 * and once the other program is done "Save Again" saves it. */
static void
test_database_locked (Fixture       *f,
                      gconstpointer  data)
{
  static const char name[] = "Zaključano d.o.o.";
  static const char notes[] = "Dogovor od utorka — ne izgubiti!";
  static const char message[] = "Another program is using the database and did not let go of it in time. "
                                "What you typed is kept: save again in a moment.";
  const char *path = kl_database_get_path (kl_session_get_database (f->session));
  sqlite3 *other = NULL;
  KlClientEditor *editor = type_client (f, name, notes);
  AdwMessageDialog *dialog;
  gint64 started;

  /* The same timeout the program has, only shorter so the test is quick. */
  sqlite3_busy_timeout (kl_database_get_handle (kl_session_get_database (f->session)), 300);
  g_assert_cmpint (sqlite3_open (path, &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  started = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 300 * 1000);  /* it waited first */
  dialog = assert_kept (f, editor, message, name, notes);

  /* "Save Again" while still locked: the same again, one dialog. */
  adw_message_dialog_response (dialog, "save");
  kl_test_iterate ();
  dialog = assert_kept (f, editor, message, name, notes);

  g_assert_cmpint (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  save_again (f, editor, dialog, name, notes);
}

/* The disk fills up while the form is open: a clear message, the form
 * stays open with everything typed, and once there is room "Save Again"
 * saves it. A real full disk (a small tmpfs) where the test may mount one,
 * otherwise SQLITE_FULL from PRAGMA max_page_count. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  static const char name[] = "Puni disk j.d.o.o.";
  g_autofree char *notes = NULL;
  g_autofree char *filler = NULL;
  sqlite3 *db = kl_database_get_handle (kl_session_get_database (f->session));
  KlClientEditor *editor;
  AdwMessageDialog *dialog;
  GString *text = g_string_new (NULL);

  /* Notes long enough to need new pages whatever room the file has. */
  while (text->len < 64 * 1024)
    g_string_append (text, "Sastanak u Osijeku, ponuda za 2027. ");
  notes = g_string_free (text, FALSE);
  editor = type_client (f, name, notes);

  if (f->small_disk)
    {
      g_test_message ("a real full disk: a tmpfs of 4 MiB");
      g_assert_cmpint (sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL), ==, SQLITE_OK);
      filler = kl_test_fill_disk (f->dir, 0);
    }
  else
    {
      g_test_message ("no tmpfs may be mounted here: PRAGMA max_page_count");
      g_assert_cmpint (sqlite3_exec (db, "PRAGMA max_page_count = 1", NULL, NULL, NULL), ==, SQLITE_OK);
    }

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  dialog = assert_kept (f, editor,
                        "The disk is full. What you typed is kept: free some space on the disk, then save again.",
                        name, notes);

  if (f->small_disk)
    g_assert_cmpint (g_unlink (filler), ==, 0);
  else
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA max_page_count = 1073741823", NULL, NULL, NULL), ==, SQLITE_OK);
  save_again (f, editor, dialog, name, notes);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  GType T = KL_TYPE_CLIENT_EDITOR;
  KlClientEditor *editor = open_editor (f, NULL);
  AdwMessageDialog *dialog;

  /* "Cancel" discards at once. */
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *)&editor);
  set_text (editor, T, "name_row", "Volga");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  kl_test_iterate ();
  g_assert_null (editor);
  g_assert_cmpint (count (f, KL_TYPE_CLIENT), ==, 0);
  g_assert_cmpuint (f->n_saved, ==, 0);

  /* Closing with changes asks first. */
  editor = open_editor (f, NULL);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *)&editor);
  set_text (editor, T, "name_row", "Ural");
  gtk_window_close (GTK_WINDOW (editor));
  kl_test_iterate ();
  g_assert_nonnull (editor);
  dialog = kl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard Changes?");
  adw_message_dialog_response (dialog, "cancel");
  kl_test_iterate ();
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (kl_test_template_child (editor, T, "name_row")), ==, "Ural");

  gtk_window_close (GTK_WINDOW (editor));
  kl_test_iterate ();
  dialog = kl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  kl_test_iterate ();
  g_assert_null (editor);
  g_assert_cmpint (count (f, KL_TYPE_CLIENT), ==, 0);

  /* Closing without changes does not ask. */
  editor = open_editor (f, NULL);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *)&editor);
  gtk_window_close (GTK_WINDOW (editor));
  kl_test_iterate ();
  g_assert_null (editor);
  g_assert_null (kl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static void
test_duplicate (Fixture       *f,
                gconstpointer  data)
{
  GType T = KL_TYPE_CLIENT_EDITOR;
  g_autofree char *oib = make_oib ("5555555555");
  gint64 existing = insert_client (f, "Kvarner d.o.o.", oib, NULL);
  KlClientEditor *editor = open_editor (f, NULL);
  AdwMessageDialog *dialog;

  set_text (editor, T, "name_row", "Kvarner Rijeka");
  set_text (editor, T, "tax_id_row", oib);
  g_assert_true (save_enabled (editor));

  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  dialog = kl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Kvarner d.o.o."));
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "merge"));

  /* Cancel: nothing written, the form stays. */
  adw_message_dialog_response (dialog, "cancel");
  kl_test_iterate ();
  g_assert_cmpint (count (f, KL_TYPE_CLIENT), ==, 1);
  g_assert_true (kl_test_find_toplevel (KL_TYPE_CLIENT_EDITOR) == editor);

  /* Open the existing one instead: nothing written, its card opens. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  dialog = kl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (dialog, "merge");
  kl_test_iterate ();
  g_assert_cmpint (count (f, KL_TYPE_CLIENT), ==, 1);
  g_assert_null (kl_test_find_toplevel (KL_TYPE_CLIENT_EDITOR));
  g_assert_nonnull (kl_test_find_toplevel (KL_TYPE_CLIENT_CARD));
  g_assert_cmpint (kl_client_card_get_client_id (kl_test_find_toplevel (KL_TYPE_CLIENT_CARD)), ==, existing);
  gtk_window_destroy (kl_test_find_toplevel (KL_TYPE_CLIENT_CARD));

  /* Save anyway. */
  editor = open_editor (f, NULL);
  set_text (editor, T, "name_row", "Kvarner Rijeka");
  set_text (editor, T, "tax_id_row", oib);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  dialog = kl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (dialog, "save");
  kl_test_iterate ();
  g_assert_cmpint (count (f, KL_TYPE_CLIENT), ==, 2);
  g_assert_cmpuint (f->n_saved, ==, 1);
  g_assert_null (kl_test_find_toplevel (KL_TYPE_CLIENT_EDITOR));
}

/* Editing a client into a duplicate and merging: the edited client's data
 * moves into the one that was there first, and it is gone. */
static void
test_duplicate_merge (Fixture       *f,
                      gconstpointer  data)
{
  GType T = KL_TYPE_CLIENT_EDITOR;
  g_autofree char *oib = make_oib ("7777777777");
  gint64 survivor = insert_client (f, "Slavonija d.d.", oib, NULL);
  gint64 other = insert_client (f, "Slavonija Osijek", NULL, "+385 31 200 300");
  g_autoptr(KlEntity) client = get (f, KL_TYPE_CLIENT, other);
  g_autoptr(KlEntity) merged = NULL;
  KlClientEditor *editor = open_editor (f, KL_CLIENT (client));
  AdwMessageDialog *dialog;

  set_text (editor, T, "tax_id_row", oib);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  dialog = kl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "merge");
  kl_test_iterate ();

  g_assert_cmpint (count (f, KL_TYPE_CLIENT), ==, 1);
  g_assert_cmpint (f->saved_id, ==, survivor);
  merged = get (f, KL_TYPE_CLIENT, survivor);
  g_assert_cmpstr (kl_entity_get_text (merged, "name"), ==, "Slavonija d.d.");
  g_assert_cmpstr (kl_entity_get_text (merged, "phone"), ==, "+385 31 200 300");
}

static void
test_contacts (Fixture       *f,
               gconstpointer  data)
{
  GType T = KL_TYPE_CONTACT_EDITOR;
  gint64 id = insert_client (f, "Neva ООО", NULL, NULL);
  KlClientCard *card = kl_client_card_new (f->session, id);
  GtkListBox *contacts = kl_test_template_child (card, KL_TYPE_CLIENT_CARD, "contacts_list");
  KlContactEditor *editor;
  g_autoptr(GListModel) rows = NULL;
  g_autoptr(KlEntity) contact = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  gint64 contact_id;

  gtk_window_present (GTK_WINDOW (card));
  kl_test_iterate ();
  g_assert_cmpuint (list_rows (contacts), ==, 0);

  /* Add */
  gtk_widget_activate_action (GTK_WIDGET (card), "card.add-contact", NULL);
  kl_test_iterate ();
  editor = kl_test_find_toplevel (KL_TYPE_CONTACT_EDITOR);
  g_assert_nonnull (editor);
  g_assert_false (kl_contact_editor_is_valid (editor));
  set_text (editor, T, "name_row", "Анна «Аня» Петрова");
  set_text (editor, T, "email_row", "anna@");
  g_assert_nonnull (field_error (editor, T, "email_error"));
  g_assert_false (kl_contact_editor_is_valid (editor));
  set_text (editor, T, "email_row", "anna@neva.ru");
  g_assert_null (field_error (editor, T, "email_error"));
  set_text (editor, T, "consent_date_row", "31.02.2026");
  g_assert_nonnull (field_error (editor, T, "consent_date_error"));
  set_text (editor, T, "consent_date_row", "2026-03-01");
  g_assert_null (field_error (editor, T, "consent_date_error"));
  adw_combo_row_set_selected (kl_test_template_child (editor, T, "role_row"), 1);  /* decision maker */
  kl_test_iterate ();
  g_assert_true (kl_contact_editor_is_valid (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  g_assert_null (kl_test_find_toplevel (KL_TYPE_CONTACT_EDITOR));

  rows = kl_store_list_by (store (f, KL_TYPE_CONTACT), "client_id", id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  contact = g_list_model_get_item (rows, 0);
  contact_id = kl_entity_get_id (contact);
  g_assert_cmpstr (kl_entity_get_text (contact, "name"), ==, "Анна «Аня» Петрова");
  g_assert_cmpstr (kl_entity_get_text (contact, "email"), ==, "anna@neva.ru");
  g_assert_cmpstr (kl_entity_get_text (contact, "role"), ==, "decision_maker");
  g_assert_cmpstr (kl_entity_get_text (contact, "consent_date"), ==, "2026-03-01");
  g_clear_object (&contact);

  /* The card follows the store. */
  kl_test_iterate ();
  g_assert_cmpuint (list_rows (contacts), ==, 1);
  g_assert_cmpstr (row_title (contacts, 0), ==, "Анна «Аня» Петрова");

  /* Edit */
  gtk_widget_activate_action (GTK_WIDGET (card), "card.edit-contact", "x", contact_id);
  kl_test_iterate ();
  editor = kl_test_find_toplevel (KL_TYPE_CONTACT_EDITOR);
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (kl_test_template_child (editor, T, "name_row")), ==, "Анна «Аня» Петрова");
  set_text (editor, T, "phone_row", "+7 812 555-12-34");
  set_text (editor, T, "position_row", "Генеральный директор");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  contact = get (f, KL_TYPE_CONTACT, contact_id);
  g_assert_cmpstr (kl_entity_get_text (contact, "phone"), ==, "+7 812 555-12-34");
  g_assert_cmpstr (kl_entity_get_text (contact, "position"), ==, "Генеральный директор");
  g_assert_cmpstr (kl_entity_get_text (contact, "email"), ==, "anna@neva.ru");
  g_clear_object (&contact);

  /* Export: a file chooser, then the JSON file. */
  gtk_widget_activate_action (GTK_WIDGET (card), "card.export-contact", "x", contact_id);
  kl_test_iterate ();
  {
    GtkFileChooser *chooser = kl_test_find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
    g_autoptr(GFile) folder = g_file_new_for_path (f->dir);
    g_autofree char *path = g_build_filename (f->dir, "anna.json", NULL);
    g_autofree char *json = NULL;
    g_autofree char *suggested = NULL;

    g_assert_nonnull (chooser);
    suggested = gtk_file_chooser_get_current_name (chooser);
    g_assert_cmpstr (suggested, ==, "Анна «Аня» Петрова — personal data.json");
    gtk_file_chooser_set_current_folder (chooser, folder, &error);
    g_assert_no_error (error);
    gtk_file_chooser_set_current_name (chooser, "anna.json");
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
    for (guint i = 0; i < 200 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
      {
        kl_test_iterate ();
        g_usleep (10000);
      }
    g_file_get_contents (path, &json, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (json, "Генеральный директор"));
    g_remove (path);
  }

  /* Anonymise: asks, then erases. */
  gtk_widget_activate_action (GTK_WIDGET (card), "card.anonymise-contact", "x", contact_id);
  kl_test_iterate ();
  dialog = kl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "anonymise");
  kl_test_iterate ();
  contact = get (f, KL_TYPE_CONTACT, contact_id);
  g_assert_cmpstr (kl_entity_get_text (contact, "name"), !=, "Анна «Аня» Петрова");
  g_assert_null (kl_entity_get_text (contact, "email"));
  g_clear_object (&contact);

  /* Remove: cancel keeps it, remove removes it. */
  gtk_widget_activate_action (GTK_WIDGET (card), "card.remove-contact", "x", contact_id);
  kl_test_iterate ();
  dialog = kl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  kl_test_iterate ();
  g_assert_cmpint (count (f, KL_TYPE_CONTACT), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (card), "card.remove-contact", "x", contact_id);
  kl_test_iterate ();
  dialog = kl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  adw_message_dialog_response (dialog, "remove");
  kl_test_iterate ();
  g_assert_cmpint (count (f, KL_TYPE_CONTACT), ==, 0);
  g_assert_cmpuint (list_rows (contacts), ==, 0);
}

static void
test_timeline (Fixture       *f,
               gconstpointer  data)
{
  gint64 id = insert_client (f, "Istra d.o.o.", NULL, NULL);
  g_autoptr(KlEntity) activity = g_object_new (KL_TYPE_ACTIVITY,
                                               "kind", "meeting",
                                               "client-id", id,
                                               "subject", "Sastanak u Puli",
                                               "starts-at", "2020-05-04T10:30",
                                               "status", "done",
                                               NULL);
  g_autoptr(KlEntity) client = get (f, KL_TYPE_CLIENT, id);
  g_autoptr(GError) error = NULL;
  KlClientCard *card = kl_client_card_new (f->session, id);
  GtkListBox *timeline = kl_test_template_child (card, KL_TYPE_CLIENT_CARD, "timeline_list");
  g_autofree char *date = NULL;
  GtkListBoxRow *row;

  gtk_window_present (GTK_WINDOW (card));
  kl_test_iterate ();
  g_assert_cmpuint (list_rows (timeline), ==, 0);

  kl_store_insert (store (f, KL_TYPE_ACTIVITY), activity, &error);
  g_assert_no_error (error);
  kl_test_iterate ();
  g_assert_cmpuint (list_rows (timeline), ==, 1);
  g_assert_nonnull (strstr (row_title (timeline, 0), "Sastanak u Puli"));

  kl_entity_set_text (client, "city", "Pula");
  kl_store_update (store (f, KL_TYPE_CLIENT), client, &error);
  g_assert_no_error (error);
  kl_test_iterate ();

  /* Newest first: the change made now, then the meeting of 2020. */
  g_assert_cmpuint (list_rows (timeline), ==, 2);
  g_assert_nonnull (strstr (row_title (timeline, 0), "Pula"));
  g_assert_nonnull (strstr (row_title (timeline, 1), "Sastanak u Puli"));
  row = gtk_list_box_get_row_at_index (timeline, 1);
  date = kl_format_datetime ("2020-05-04T10:30");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, date);

  /* The header follows too. */
  g_assert_nonnull (strstr (gtk_label_get_label (kl_test_template_child (card, KL_TYPE_CLIENT_CARD, "subtitle_label")), "Pula"));
}

/* A card on a demo client: every section is filled, the editor opens from
 * it, and a client deleted elsewhere closes its card. */
static void
test_card_demo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  KlClientCard *card;
  KlClientEditor *editor;
  gint64 id = 1;

  kl_demo_seed (f->session, 20, TODAY, &error);
  g_assert_no_error (error);

  card = kl_client_card_new (f->session, id);
  g_object_add_weak_pointer (G_OBJECT (card), (gpointer *)&card);
  gtk_window_present (GTK_WINDOW (card));
  kl_test_iterate ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (kl_test_template_child (card, KL_TYPE_CLIENT_CARD, "content_stack")),
                   ==, "card");
  g_assert_cmpuint (list_rows (kl_test_template_child (card, KL_TYPE_CLIENT_CARD, "timeline_list")), >, 0);

  gtk_widget_activate_action (GTK_WIDGET (card), "card.edit", NULL);
  kl_test_iterate ();
  editor = kl_test_find_toplevel (KL_TYPE_CLIENT_EDITOR);
  g_assert_nonnull (editor);
  g_assert_true (kl_client_editor_is_valid (editor));
  g_assert_false (kl_client_editor_is_modified (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.cancel", NULL);
  kl_test_iterate ();

  /* Merged away into another client: the card closes. */
  kl_clients_merge (f->session, id + 1, id, &error);
  g_assert_no_error (error);
  kl_test_iterate ();
  g_assert_null (card);
}

static gboolean
wait_for_rows (GtkListBox *list,
               guint       n)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (list_rows (list) != n && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, list_rows (list) != n);

  return list_rows (list) == n;
}

/* "Merge with another client": the other one moves into this one. */
static void
test_card_merge (Fixture       *f,
                 gconstpointer  data)
{
  gint64 id = insert_client (f, "Baikal ООО", NULL, NULL);
  gint64 other = insert_client (f, "Baikal Irkutsk", NULL, "+7 3952 123456");
  g_autoptr(KlEntity) contact = g_object_new (KL_TYPE_CONTACT, "client-id", other, "name", "Ivan", NULL);
  g_autoptr(KlEntity) merged = NULL;
  g_autoptr(GError) error = NULL;
  KlClientCard *card = kl_client_card_new (f->session, id);
  AdwMessageDialog *dialog;
  GtkWidget *search;
  GtkWidget *scrolled_child;
  GtkListBox *list;

  kl_store_insert (store (f, KL_TYPE_CONTACT), contact, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (card));
  kl_test_iterate ();

  gtk_widget_activate_action (GTK_WIDGET (card), "card.merge", NULL);
  kl_test_iterate ();
  dialog = kl_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "merge"));
  search = gtk_widget_get_first_child (adw_message_dialog_get_extra_child (dialog));
  scrolled_child = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (gtk_widget_get_next_sibling (search)));
  if (GTK_IS_VIEWPORT (scrolled_child))
    scrolled_child = gtk_viewport_get_child (GTK_VIEWPORT (scrolled_child));
  list = GTK_LIST_BOX (scrolled_child);

  /* Never this client itself. */
  g_assert_true (wait_for_rows (list, 1));
  gtk_editable_set_text (GTK_EDITABLE (search), "irkutsk");
  g_assert_true (wait_for_rows (list, 1));
  g_assert_cmpstr (row_title (list, 0), ==, "Baikal Irkutsk");
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 0));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "merge"));
  adw_message_dialog_response (dialog, "merge");
  kl_test_iterate ();

  g_assert_cmpint (count (f, KL_TYPE_CLIENT), ==, 1);
  merged = get (f, KL_TYPE_CLIENT, id);
  g_assert_cmpstr (kl_entity_get_text (merged, "phone"), ==, "+7 3952 123456");
  g_assert_cmpuint (list_rows (kl_test_template_child (card, KL_TYPE_CLIENT_CARD, "contacts_list")), ==, 1);
}

/* The main window's actions: win.new-client opens the editor (and the new
 * client's card after saving), win.open-client one card per client. */
static void
test_window_actions (Fixture       *f,
                     gconstpointer  data)
{
  GType T = KL_TYPE_CLIENT_EDITOR;
  gint64 id = insert_client (f, "Volga-Don AO", NULL, NULL);
  KlWindow *window = kl_window_new (NULL, f->session);
  KlClientEditor *editor;
  KlClientCard *card;
  guint n_cards = 0;

  gtk_window_present (GTK_WINDOW (window));
  kl_test_iterate ();

  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-client", "x", id);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-client", "x", id);
  kl_test_iterate ();
  for (guint i = 0; i < g_list_model_get_n_items (gtk_window_get_toplevels ()); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (gtk_window_get_toplevels (), i);

      if (KL_IS_CLIENT_CARD (toplevel))
        n_cards++;
    }
  g_assert_cmpuint (n_cards, ==, 1);
  card = kl_test_find_toplevel (KL_TYPE_CLIENT_CARD);
  g_assert_cmpint (kl_client_card_get_client_id (card), ==, id);
  gtk_window_destroy (GTK_WINDOW (card));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-client", NULL);
  kl_test_iterate ();
  editor = kl_test_find_toplevel (KL_TYPE_CLIENT_EDITOR);
  g_assert_nonnull (editor);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == GTK_WINDOW (window));
  set_text (editor, T, "name_row", "Jantar d.o.o.");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  kl_test_iterate ();
  g_assert_cmpint (count (f, KL_TYPE_CLIENT), ==, 2);
  card = kl_test_find_toplevel (KL_TYPE_CLIENT_CARD);
  g_assert_nonnull (card);
  g_assert_cmpstr (gtk_label_get_label (kl_test_template_child (card, KL_TYPE_CLIENT_CARD, "name_label")), ==, "Jantar d.o.o.");
}

static void
test_format (void)
{
  static const char * const locales[] = { "C", "hr_HR.UTF-8", "ru_RU.UTF-8", "en_US.UTF-8" };
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *money = NULL;
  g_autofree char *iso = NULL;

  /* The C locale: no grouping; hr_HR: dots and a comma, where installed. */
  setlocale (LC_NUMERIC, "C");
  money = kl_format_money (123450, "EUR");
  g_assert_cmpstr (money, ==, "1234.50 EUR");
  if (setlocale (LC_NUMERIC, "hr_HR.UTF-8") != NULL)
    {
      g_free (money);
      money = kl_format_money (123456789, "EUR");
      g_assert_cmpstr (money, ==, "1.234.567,89 EUR");
    }

  /* What the editor shows, it reads back. */
  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      gint64 amounts[] = { 0, 5, 100, 123456789, 99999999999999 };

      if (setlocale (LC_NUMERIC, locales[i]) == NULL)
        continue;
      for (guint j = 0; j < G_N_ELEMENTS (amounts); j++)
        {
          g_autofree char *text = kl_format_money (amounts[j], NULL);
          g_autoptr(GError) error = NULL;
          gint64 parsed = -1;

          kl_parse_money (text, &parsed, &error);
          g_assert_no_error (error);
          g_assert_cmpint (parsed, ==, amounts[j]);
        }
    }
  setlocale (LC_NUMERIC, saved);

  g_assert_true (kl_parse_date ("2026-02-28", &iso));
  g_assert_cmpstr (iso, ==, "2026-02-28");
  g_assert_false (kl_parse_date ("2026-02-30", NULL));
  g_assert_false (kl_parse_date ("5", NULL));
  g_assert_false (kl_parse_date ("tomorrow", NULL));
}

int
main (int   argc,
      char *argv[])
{
  kl_test_private_mounts ();  /* before any thread */
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/format", test_format);
  g_test_add ("/gui/client-editor/templates", Fixture, NULL, fixture_set_up, test_templates, fixture_tear_down);
  g_test_add ("/gui/client-editor/invalid-oib", Fixture, NULL, fixture_set_up, test_invalid_oib, fixture_tear_down);
  g_test_add ("/gui/client-editor/save-new", Fixture, NULL, fixture_set_up, test_save_new, fixture_tear_down);
  g_test_add ("/gui/client-editor/save-new-russian-office", Fixture, NULL, fixture_set_up,
              test_save_new_russian_office, fixture_tear_down);
  g_test_add ("/gui/client-editor/edit", Fixture, NULL, fixture_set_up, test_edit, fixture_tear_down);
  g_test_add ("/gui/client-editor/model-error", Fixture, NULL, fixture_set_up, test_model_error, fixture_tear_down);
  g_test_add ("/gui/client-editor/database-locked", Fixture, NULL, fixture_set_up, test_database_locked,
              fixture_tear_down);
  g_test_add ("/gui/client-editor/disk-full", Fixture, NULL, fixture_set_up_small_disk, test_disk_full,
              fixture_tear_down);
  g_test_add ("/gui/client-editor/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/gui/client-editor/duplicate", Fixture, NULL, fixture_set_up, test_duplicate, fixture_tear_down);
  g_test_add ("/gui/client-editor/duplicate-merge", Fixture, NULL,
              fixture_set_up, test_duplicate_merge, fixture_tear_down);
  g_test_add ("/gui/client-card/contacts", Fixture, NULL, fixture_set_up, test_contacts, fixture_tear_down);
  g_test_add ("/gui/client-card/timeline", Fixture, NULL, fixture_set_up, test_timeline, fixture_tear_down);
  g_test_add ("/gui/client-card/merge", Fixture, NULL, fixture_set_up, test_card_merge, fixture_tear_down);
  g_test_add ("/gui/window/client-actions", Fixture, NULL, fixture_set_up, test_window_actions, fixture_tear_down);
  g_test_add ("/gui/client-card/demo", Fixture, NULL, fixture_set_up, test_card_demo, fixture_tear_down);

  return g_test_run ();
}
