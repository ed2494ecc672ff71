/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "kl-application.h"
#include "kl-backup.h"
#include "kl-client-card.h"
#include "kl-entities.h"
#include "kl-restore-window.h"
#include "kl-test-gui.h"
#include "kl-window.h"

/* The backup screens, driven as a user would: the Restore window, the
 * dialog for a damaged database, the read-only notice. */

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = kl_test_make_dir ("klijentela-backup-gui");
  f->path = g_build_filename (f->dir, "klijentela.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_destroy_toplevels ();
  kl_test_remove_dir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
add_clients (const char *path,
             const char *prefix,
             guint       n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) session = kl_session_open (path, &error);
  KlStore *store;

  g_assert_no_error (error);
  store = kl_session_get_store (session, KL_TYPE_CLIENT);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %u d.o.o.", prefix, i);
      g_autoptr(KlEntity) client = g_object_new (KL_TYPE_CLIENT, "name", name, NULL);

      g_assert_true (kl_store_insert (store, client, &error));
    }
}

static gint64
count_clients (const char *path)
{
  gint64 n = -1;

  g_assert_true (kl_backup_check_file (path, &n, NULL));
  return n;
}

/* The files kept aside by a restore, beside @path. */
static char *
find_aside (Fixture *f)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (strstr (name, ".before-restore-") != NULL && !g_str_has_suffix (name, "-wal"))
      return g_build_filename (f->dir, name, NULL);
  return NULL;
}

typedef struct {
  Fixture  *f;
  GtkApplication *app;
  guint     n_main_windows;
  guint     n_restore_windows;
  guint     n_dialogs;
  char     *heading;
  char     *body;
  char     *notice;
  gint64    clients_after;
} Run;

static gboolean
answer_restore (gpointer data)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (data), "restore");
  return G_SOURCE_REMOVE;
}

static gboolean
show_backups (gpointer data)
{
  Run *run = data;

  g_action_group_activate_action (G_ACTION_GROUP (run->app), "show-backups", NULL);
  return G_SOURCE_REMOVE;
}

/* Waits for the window to have read the backups, then presses the
 * first one's Restore button. */
static gboolean
choose_first (gpointer data)
{
  KlRestoreWindow *window = data;

  if (kl_restore_window_get_n_backups (window) == 0)
    return G_SOURCE_CONTINUE;

  kl_restore_window_choose (window, 0);
  return G_SOURCE_REMOVE;
}

static gboolean
quit_app (gpointer data)
{
  g_application_quit (G_APPLICATION (data));
  return G_SOURCE_REMOVE;
}

static void
on_window_added (GtkApplication *app,
                 GtkWindow      *window,
                 Run            *run)
{
  if (ADW_IS_MESSAGE_DIALOG (window))
    {
      run->n_dialogs++;
      g_free (run->heading);
      g_free (run->body);
      run->heading = g_strdup (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)));
      run->body = g_strdup (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (window)));
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, answer_restore, g_object_ref (window), g_object_unref);
    }
  else if (KL_IS_RESTORE_WINDOW (window))
    {
      run->n_restore_windows++;
      g_timeout_add_full (G_PRIORITY_DEFAULT, 20, choose_first, g_object_ref (window), g_object_unref);
    }
  else if (KL_IS_WINDOW (window))
    run->n_main_windows++;
}

static void
run_clear (Run *run)
{
  g_free (run->heading);
  g_free (run->body);
  g_free (run->notice);
}

static int
run_app (Fixture  *f,
         Run      *run,
         gboolean  open_backups)
{
  g_autoptr(KlApplication) app = kl_application_new (f->path);
  guint timeout;
  int status;

  run->app = GTK_APPLICATION (app);
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), run);
  if (open_backups)
    g_timeout_add (200, show_backups, run);
  /* Whatever happens, the test ends. */
  timeout = g_timeout_add_seconds_full (G_PRIORITY_DEFAULT, 20, quit_app, g_object_ref (app), g_object_unref);
  status = g_application_run (G_APPLICATION (app), 0, NULL);
  g_source_remove (timeout);
  /* Quitting leaves the windows; they must not outlive the application. */
  kl_test_destroy_toplevels ();
  run->app = NULL;
  return status;
}

static gboolean
quit_after_second_window (gpointer data)
{
  Run *run = data;

  GtkWindow *window;

  if (run->n_main_windows < 2)
    return G_SOURCE_CONTINUE;

  /* The window restoring opened, with what it says and shows. */
  window = NULL;
  for (GList *l = gtk_application_get_windows (run->app); l != NULL; l = l->next)
    if (KL_IS_WINDOW (l->data))
      window = l->data;
  g_assert_true (KL_IS_WINDOW (window));
  run->notice = g_strdup (kl_window_get_notice (KL_WINDOW (window)));
  run->clients_after = kl_test_query_int (kl_window_get_session (KL_WINDOW (window)),
                                          "SELECT count(*) FROM clients");
  g_application_quit (G_APPLICATION (run->app));
  return G_SOURCE_REMOVE;
}

/* Main menu → Restore from a Backup → the backup's Restore button →
 * confirm: the database holds the backup's clients, the window says so,
 * and the database as it was is kept aside. */
static void
test_restore_window (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *aside = NULL;
  Run run = { f };

  add_clients (f->path, "Stari", 5);
  backup = kl_backup_automatic (f->path, KL_BACKUP_REASON_DAILY, NULL, &error);
  g_assert_no_error (error);
  add_clients (f->path, "Novi", 3);

  g_timeout_add (50, quit_after_second_window, &run);
  g_assert_cmpint (run_app (f, &run, TRUE), ==, 0);

  g_assert_cmpuint (run.n_restore_windows, ==, 1);
  g_assert_cmpuint (run.n_dialogs, ==, 1);
  g_assert_cmpstr (run.heading, ==, "Restore This Backup?");
  g_assert_nonnull (strstr (run.body, "5 clients"));
  g_assert_cmpuint (run.n_main_windows, ==, 2);
  g_assert_cmpint (run.clients_after, ==, 5);
  g_assert_nonnull (run.notice);
  g_assert_true (g_str_has_prefix (run.notice, "The backup was restored."));

  g_assert_cmpint (count_clients (f->path), ==, 5);
  aside = find_aside (f);
  g_assert_nonnull (aside);
  g_assert_nonnull (strstr (run.notice, aside));
  g_assert_cmpint (count_clients (aside), ==, 8);
  run_clear (&run);
}

/* A damaged database at start: the dialog offers the newest whole backup,
 * and restoring it opens the window on it. */
static void
test_damaged_offers_backup (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *aside = NULL;
  char *contents = NULL;
  gsize length = 0;
  Run run = { f };

  add_clients (f->path, "Cijeli", 600);
  backup = kl_backup_automatic (f->path, KL_BACKUP_REASON_DAILY, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, &error));
  for (gsize i = 4 * 4096; i < 8 * 4096 && i < length; i++)
    contents[i] = (char) (0x5A ^ i);
  g_assert_true (g_file_set_contents (f->path, contents, length, &error));
  g_free (contents);

  g_timeout_add (50, quit_after_second_window, &run);
  run.n_main_windows = 1;   /* no first window: the file does not open */
  g_assert_cmpint (run_app (f, &run, FALSE), ==, 0);

  g_assert_cmpuint (run.n_dialogs, ==, 1);
  g_assert_cmpstr (run.heading, ==, "The Database Is Damaged");
  g_assert_nonnull (strstr (run.body, "damaged"));
  g_assert_nonnull (strstr (run.body, "600 clients"));
  g_assert_cmpuint (run.n_main_windows, ==, 2);
  g_assert_cmpint (run.clients_after, ==, 600);
  g_assert_cmpint (count_clients (f->path), ==, 600);
  aside = find_aside (f);
  g_assert_nonnull (aside);
  g_assert_false (kl_backup_check_file (aside, NULL, NULL));
  run_clear (&run);
}

/* A read-only file: the window says so and offers no way to add. */
static void
test_read_only_notice (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDatabase) db = NULL;
  g_autoptr(KlSession) session = NULL;
  KlWindow *window;

  add_clients (f->path, "Samo za čitanje", 2);
  db = kl_database_open_read_only (f->path, &error);
  g_assert_no_error (error);
  session = kl_session_new (db);
  window = kl_window_new (NULL, session);
  gtk_window_present (GTK_WINDOW (window));
  kl_test_iterate ();

  g_assert_nonnull (kl_window_get_notice (window));
  g_assert_true (g_str_has_prefix (kl_window_get_notice (window), "This database is read-only"));
  g_assert_true (gtk_widget_get_visible (kl_test_template_child (window, KL_TYPE_WINDOW, "notice_bar")));
  /* Ctrl+N and the menu do nothing: no editor opens. */
  {
    guint before = g_list_model_get_n_items (gtk_window_get_toplevels ());

    gtk_widget_activate_action (GTK_WIDGET (window), "win.new-client", NULL);
    kl_test_iterate ();
    g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, before);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* With no backups, the window says so. */
static void
test_no_backups (Fixture       *f,
                 gconstpointer  data)
{
  KlRestoreWindow *window = kl_restore_window_new (NULL, f->path);
  GtkStack *stack = kl_test_template_child (window, KL_TYPE_RESTORE_WINDOW, "stack");
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_window_present (GTK_WINDOW (window));
  while (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "empty") != 0 &&
         g_get_monotonic_time () < deadline)
    kl_test_wait_ms (10);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpuint (kl_restore_window_get_n_backups (window), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A client named with emoji, skin tones, joiners, right-to-left marks and
 * 100 000 characters of notes: the card shows the name exactly. */
static void
test_hostile_card (Fixture       *f,
                   gconstpointer  data)
{
  static const char name[] = "\xF0\x9F\x91\xA9\xF0\x9F\x8F\xBD\xE2\x80\x8D\xF0\x9F\x92\xBC Ana "
                             "\xE2\x80\x8F\xD8\xB4\xD8\xB1\xD9\x83\xD8\xA9\xE2\x80\x8E "
                             "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBF <b>&amp;</b> d.o.o.";
  g_autoptr(GError) error = NULL;
  g_autoptr(KlSession) session = kl_session_open (f->path, &error);
  g_autoptr(GString) notes = g_string_new (NULL);
  g_autoptr(KlEntity) client = NULL;
  KlClientCard *card;
  GtkLabel *label;
  gint64 deadline;

  g_assert_no_error (error);
  while (g_utf8_strlen (notes->str, -1) < 100000)
    g_string_append (notes, "\xE2\x80\x8F\xD7\xA9\xD7\x9C\xD7\x95\xD7\x9D \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBF ");
  client = g_object_new (KL_TYPE_CLIENT, "name", name, "notes", notes->str, NULL);
  g_assert_true (kl_store_insert (kl_session_get_store (session, KL_TYPE_CLIENT), client, &error));
  g_assert_no_error (error);

  card = kl_client_card_new (session, kl_entity_get_id (client));
  gtk_window_present (GTK_WINDOW (card));
  label = kl_test_template_child (card, KL_TYPE_CLIENT_CARD, "name_label");
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_strcmp0 (gtk_label_get_label (label), name) != 0 && g_get_monotonic_time () < deadline)
    kl_test_wait_ms (10);
  g_assert_cmpstr (gtk_label_get_label (label), ==, name);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (card)), ==, name);
  kl_test_wait_ms (100);
  gtk_window_destroy (GTK_WINDOW (card));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/backup/no-backups", test_no_backups);
  ADD ("/gui/backup/read-only-notice", test_read_only_notice);
  ADD ("/gui/backup/restore-window", test_restore_window);
  ADD ("/gui/backup/damaged-offers-backup", test_damaged_offers_backup);
  ADD ("/gui/hostile/card", test_hostile_card);
#undef ADD

  return g_test_run ();
}
