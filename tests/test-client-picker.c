/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "kl-client-picker.h"
#include "kl-entities.h"
#include "kl-test-gui.h"

/* The shared client picker in a window of its own: typing searches,
 * arrow keys and Enter take a match, Escape closes, typing over a taken
 * client lets it go. */

typedef struct {
  char           *dir;
  char           *path;
  KlSession      *session;
  GtkWindow      *window;
  KlClientPicker *picker;
  GtkWidget      *other;
  gint64          zadar;
  gint64          zagreb;
  gint64          cacak;
} Fixture;

static gint64
insert_client (Fixture    *f,
               const char *name,
               const char *city)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = kl_session_new_entity (f->session, KL_TYPE_CLIENT);

  kl_entity_set_text (client, "name", name);
  kl_entity_set_text (client, "city", city);
  kl_store_insert (kl_session_get_store (f->session, KL_TYPE_CLIENT), client, &error);
  g_assert_no_error (error);

  return kl_entity_get_id (client);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  f->session = kl_test_open_session ("picker", &f->dir, &f->path);
  f->zagreb = insert_client (f, "Zagreb Metal d.o.o.", "Zagreb");
  f->zadar = insert_client (f, "Zadar Foods", "Zadar");
  f->cacak = insert_client (f, "Čačak Trade", NULL);

  f->picker = KL_CLIENT_PICKER (kl_client_picker_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f->picker), "Client");
  kl_client_picker_set_session (f->picker, f->session);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (f->picker));
  f->other = gtk_button_new_with_label ("Elsewhere");
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), f->other);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 400, 300);
  gtk_window_set_child (f->window, box);
  gtk_window_present (f->window);
  kl_test_wait_ms (50);
  gtk_widget_grab_focus (GTK_WIDGET (f->picker));
  kl_test_iterate ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_destroy_toplevels ();
  kl_test_close_session (&f->session, &f->dir, &f->path);
}

/* A key press as the picker's key controller receives it. */
static gboolean
press (Fixture *f,
       guint    keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->picker));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
          break;
        }
    }
  kl_test_iterate ();

  return handled;
}

static void
type (Fixture    *f,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (f->picker), text);
  kl_test_iterate ();
}

static void
test_type_and_take (Fixture       *f,
                    gconstpointer  data)
{
  g_assert_false (kl_client_picker_is_open (f->picker));

  type (f, "za");
  g_assert_true (kl_client_picker_is_open (f->picker));
  g_assert_cmpuint (kl_client_picker_get_n_matches (f->picker), ==, 2);
  g_assert_cmpint (kl_client_picker_get_client_id (f->picker), ==, 0);

  /* Zadar, then Zagreb: Down moves to Zagreb, Enter takes it. */
  g_assert_true (press (f, GDK_KEY_Down));
  g_assert_true (press (f, GDK_KEY_Return));
  g_assert_false (kl_client_picker_is_open (f->picker));
  g_assert_cmpint (kl_client_picker_get_client_id (f->picker), ==, f->zagreb);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->picker)), ==, "Zagreb Metal d.o.o.");

  /* Up stops at the first match. */
  type (f, "za");
  g_assert_cmpint (kl_client_picker_get_client_id (f->picker), ==, 0);
  press (f, GDK_KEY_Up);
  press (f, GDK_KEY_Up);
  press (f, GDK_KEY_KP_Enter);
  g_assert_cmpint (kl_client_picker_get_client_id (f->picker), ==, f->zadar);
}

static void
test_folded_search (Fixture       *f,
                    gconstpointer  data)
{
  /* No diacritics typed, none in the case: Čačak is found. */
  type (f, "CACAK");
  g_assert_cmpuint (kl_client_picker_get_n_matches (f->picker), ==, 1);
  press (f, GDK_KEY_Return);
  g_assert_cmpint (kl_client_picker_get_client_id (f->picker), ==, f->cacak);
}

static void
test_no_match_and_escape (Fixture       *f,
                          gconstpointer  data)
{
  type (f, "xyz");
  g_assert_true (kl_client_picker_is_open (f->picker));
  g_assert_cmpuint (kl_client_picker_get_n_matches (f->picker), ==, 0);
  /* Enter takes nothing. */
  press (f, GDK_KEY_Return);
  g_assert_cmpint (kl_client_picker_get_client_id (f->picker), ==, 0);

  g_assert_true (press (f, GDK_KEY_Escape));
  g_assert_false (kl_client_picker_is_open (f->picker));
  /* Escape with nothing open is the window's (an editor closes). */
  g_assert_false (press (f, GDK_KEY_Escape));

  /* Down opens the matches again. */
  type (f, "zag");
  press (f, GDK_KEY_Escape);
  g_assert_true (press (f, GDK_KEY_Down));
  g_assert_true (kl_client_picker_is_open (f->picker));
  g_assert_cmpuint (kl_client_picker_get_n_matches (f->picker), ==, 1);
}

static void
test_set_and_leave (Fixture       *f,
                    gconstpointer  data)
{
  kl_client_picker_set_client_id (f->picker, f->cacak);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->picker)), ==, "Čačak Trade");
  /* Set from the program: nothing opens. */
  g_assert_false (kl_client_picker_is_open (f->picker));

  /* Typing over it lets the client go; leaving puts nothing back. */
  type (f, "Čačak Tr");
  g_assert_cmpint (kl_client_picker_get_client_id (f->picker), ==, 0);
  gtk_widget_grab_focus (f->other);
  kl_test_iterate ();
  g_assert_false (kl_client_picker_is_open (f->picker));
  g_assert_cmpint (kl_client_picker_get_client_id (f->picker), ==, 0);

  kl_client_picker_set_client_id (f->picker, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->picker)), ==, "");
}

static void
on_notify_cb (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_notifies (Fixture       *f,
               gconstpointer  data)
{
  guint count = 0;

  g_signal_connect (f->picker, "notify::client-id", G_CALLBACK (on_notify_cb), &count);
  type (f, "zadar");
  press (f, GDK_KEY_Return);
  g_assert_cmpuint (count, ==, 1);
  /* The same again: no notice. */
  kl_client_picker_set_client_id (f->picker, f->zadar);
  g_assert_cmpuint (count, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/client-picker/type-and-take", test_type_and_take);
  ADD ("/client-picker/folded-search", test_folded_search);
  ADD ("/client-picker/no-match-and-escape", test_no_match_and_escape);
  ADD ("/client-picker/set-and-leave", test_set_and_leave);
  ADD ("/client-picker/notifies", test_notifies);
#undef ADD

  return g_test_run ();
}
