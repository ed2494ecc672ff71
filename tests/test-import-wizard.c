/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kl-entities.h"
#include "kl-import.h"
#include "kl-import-wizard.h"
#include "kl-session.h"
#include "kl-test-gui.h"

/* The CSV import wizard, driven without its file chooser
 * (kl_import_wizard_set_file()), under Xvfb with the memory settings
 * backend. */

#define WAIT_SECONDS 20

typedef struct {
  char           *dir;
  char           *path;
  KlSession      *session;
  KlImportWizard *wizard;
  GFile          *file;
  char           *good_oib[2];
  char           *bad_oib;
} Fixture;

/* Helpers */

/* A Croatian OIB: ten digits and the ISO 7064 MOD 11,10 check digit;
 * @wrong gives a wrong check digit. */
static char *
make_oib (const char *ten_digits,
          gboolean    wrong)
{
  int a = 10;
  int check;

  for (guint i = 0; i < 10; i++)
    {
      a = (a + (ten_digits[i] - '0')) % 10;
      if (a == 0)
        a = 10;
      a = (a * 2) % 11;
    }
  check = 11 - a;
  if (check == 10)
    check = 0;
  if (wrong)
    check = (check + 1) % 10;

  return g_strdup_printf ("%s%d", ten_digits, check);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *cp1250 = NULL;
  g_autofree char *csv_path = NULL;
  gsize length = 0;

  f->session = kl_test_open_session ("import", &f->dir, &f->path);

  f->good_oib[0] = make_oib ("6942371852", FALSE);
  f->good_oib[1] = make_oib ("1357924680", FALSE);
  f->bad_oib = make_oib ("2468013579", TRUE);

  /* As Excel saves it on a Croatian Windows: cp1250, semicolons, CRLF. */
  csv = g_strdup_printf ("Naziv;OIB;Grad;E-mail adresa\r\n"
                         "Šljivić i sinovi d.o.o.;%s;Čakovec;info@sljivic.hr\r\n"
                         "Žuljević obrt;%s;Đakovo;zuljevic@example.hr\r\n"
                         "Ćosić d.d.;%s;Požega;\r\n",
                         f->good_oib[0], f->bad_oib, f->good_oib[1]);
  cp1250 = g_convert (csv, -1, "WINDOWS-1250", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  csv_path = g_build_filename (f->dir, "klijenti.csv", NULL);
  g_file_set_contents (csv_path, cp1250, length, &error);
  g_assert_no_error (error);
  f->file = g_file_new_for_path (csv_path);

  f->wizard = kl_import_wizard_new (f->session);
  gtk_window_present (GTK_WINDOW (f->wizard));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->wizard != NULL)
    gtk_window_destroy (GTK_WINDOW (f->wizard));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->file);
  kl_test_close_session (&f->session, &f->dir, &f->path);
  g_free (f->good_oib[0]);
  g_free (f->good_oib[1]);
  g_free (f->bad_oib);
}

/* A child of the wizard's template. */
static gpointer
wizard_child (gpointer    widget,
              const char *name)
{
  return kl_test_template_child (widget, KL_TYPE_IMPORT_WIZARD, name);
}

static const char *
step (Fixture *f)
{
  return gtk_stack_get_visible_child_name (wizard_child (f->wizard, "stack"));
}

static const char *
selected_label (GtkDropDown *dropdown)
{
  GObject *item = gtk_drop_down_get_selected_item (dropdown);

  g_assert_true (GTK_IS_STRING_OBJECT (item));

  return gtk_string_object_get_string (GTK_STRING_OBJECT (item));
}

static GtkDropDown *
mapping_dropdown (Fixture *f,
                  guint    column)
{
  GtkWidget *widget = gtk_grid_get_child_at (wizard_child (f->wizard, "preview_grid"), column, 0);

  g_assert_true (GTK_IS_DROP_DOWN (widget));

  return GTK_DROP_DOWN (widget);
}

static void
wait_for_step (Fixture    *f,
               const char *name)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (g_strcmp0 (step (f), name) != 0 && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  g_assert_cmpstr (step (f), ==, name);
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

/* Runs the main loop until the search index holds every document (a
 * large import leaves that to a background thread). */
static void
wait_for_search_index (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (query_int (f, "SELECT count(*) FROM search_pending") > 0 && g_get_monotonic_time () < deadline)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (2000);
    }
  kl_test_iterate ();
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM search_pending"), ==, 0);
}

static void
collect_labels (GtkWidget *widget,
                GString   *text)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, text);
}

/* Tests */

static void
test_detect_and_import (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GString) rejections = g_string_new (NULL);
  GtkListBox *list;
  GtkListBoxRow *row;

  g_assert_cmpstr (step (f), ==, "file");
  kl_import_wizard_set_file (f->wizard, f->file);
  kl_test_iterate ();
  g_assert_cmpstr (step (f), ==, "mapping");

  /* What was detected. */
  g_assert_cmpstr (selected_label (wizard_child (f->wizard, "encoding_dropdown")), ==,
                   "Windows-1250 (Central European)");
  g_assert_cmpstr (selected_label (wizard_child (f->wizard, "separator_dropdown")), ==, "Semicolon ( ; )");

  /* The preview: the mapping above each column, the header under it. */
  g_assert_cmpstr (selected_label (mapping_dropdown (f, 0)), ==, kl_import_get_target_label ("name"));
  g_assert_cmpstr (selected_label (mapping_dropdown (f, 1)), ==, kl_import_get_target_label ("tax_id"));
  g_assert_cmpstr (selected_label (mapping_dropdown (f, 2)), ==, kl_import_get_target_label ("city"));
  g_assert_cmpstr (selected_label (mapping_dropdown (f, 3)), ==, kl_import_get_target_label ("email"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_grid_get_child_at (wizard_child (f->wizard, "preview_grid"), 0, 1))),
                   ==, "Naziv");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_grid_get_child_at (wizard_child (f->wizard, "preview_grid"), 2, 2))),
                   ==, "Čakovec");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->wizard), "wizard.import", NULL));
  wait_for_step (f, "result");

  g_assert_cmpstr (gtk_label_get_label (wizard_child (f->wizard, "added_label")), ==, "2 clients imported");
  g_assert_cmpstr (gtk_label_get_label (wizard_child (f->wizard, "rejected_label")), ==, "1 line rejected:");

  /* The rejected line, by number and reason. */
  list = wizard_child (f->wizard, "rejections_list");
  row = gtk_list_box_get_row_at_index (list, 0);
  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  collect_labels (GTK_WIDGET (row), rejections);
  g_assert_nonnull (strstr (rejections->str, "Line 3\n"));
  g_assert_nonnull (strstr (rejections->str, kl_import_get_target_label ("tax_id")));

  /* In the database, as the file has them. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM clients"), ==, 2);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM clients WHERE name = 'Šljivić i sinovi d.o.o.'"
                                 " AND city = 'Čakovec' AND email = 'info@sljivic.hr'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM clients WHERE name = 'Ćosić d.d.' AND city = 'Požega'"),
                   ==, 1);
}

/* Changing the mapping: a field feeds from one column; ignored columns
 * are not imported. */
static void
test_change_mapping (Fixture       *f,
                     gconstpointer  data)
{
  const char * const *targets = kl_import_get_targets ();
  guint city_row = 0;

  kl_import_wizard_set_file (f->wizard, f->file);
  kl_test_iterate ();

  for (guint i = 0; targets[i] != NULL; i++)
    if (g_str_equal (targets[i], "city"))
      city_row = i + 1;
  g_assert_cmpuint (city_row, >, 0);
  /* Every column has its field: nothing to say. */
  g_assert_false (gtk_widget_get_visible (wizard_child (f->wizard, "ignored_label")));

  /* The e-mail column becomes the city: the old city column lets go. */
  gtk_drop_down_set_selected (mapping_dropdown (f, 3), city_row);
  kl_test_iterate ();
  g_assert_cmpuint (gtk_drop_down_get_selected (mapping_dropdown (f, 2)), ==, 0);
  g_assert_cmpstr (selected_label (mapping_dropdown (f, 3)), ==, kl_import_get_target_label ("city"));
  g_assert_true (gtk_widget_get_visible (wizard_child (f->wizard, "ignored_label")));
  g_assert_cmpstr (gtk_label_get_label (wizard_child (f->wizard, "ignored_label")), ==,
                   "1 column not imported: Grad");

  /* The tax ID column is ignored: no line is rejected for it. */
  gtk_drop_down_set_selected (mapping_dropdown (f, 1), 0);
  kl_test_iterate ();
  g_assert_cmpstr (gtk_label_get_label (wizard_child (f->wizard, "ignored_label")), ==,
                   "2 columns not imported: OIB, Grad");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->wizard), "wizard.import", NULL));
  wait_for_step (f, "result");

  g_assert_cmpstr (gtk_label_get_label (wizard_child (f->wizard, "added_label")), ==, "3 clients imported");
  g_assert_true (gtk_widget_get_visible (wizard_child (f->wizard, "ignored_result_label")));
  g_assert_cmpstr (gtk_label_get_label (wizard_child (f->wizard, "ignored_result_label")), ==,
                   "2 columns not imported: OIB, Grad");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM clients WHERE tax_id IS NOT NULL"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM clients WHERE city = 'info@sljivic.hr'"), ==, 1);
}

/* Another encoding: the file is read again and the preview follows. */
static void
test_change_format (Fixture       *f,
                    gconstpointer  data)
{
  GtkGrid *grid;

  kl_import_wizard_set_file (f->wizard, f->file);
  kl_test_iterate ();
  grid = wizard_child (f->wizard, "preview_grid");

  /* Windows-1251 reads the Croatian letters as Cyrillic ones. */
  gtk_drop_down_set_selected (wizard_child (f->wizard, "encoding_dropdown"), 2);
  kl_test_iterate ();
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_grid_get_child_at (grid, 2, 2))), !=, "Čakovec");

  gtk_drop_down_set_selected (wizard_child (f->wizard, "encoding_dropdown"), 1);
  kl_test_iterate ();
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_grid_get_child_at (grid, 2, 2))), ==, "Čakovec");

  /* With commas, the whole line is one column. */
  gtk_drop_down_set_selected (wizard_child (f->wizard, "separator_dropdown"), 1);
  kl_test_iterate ();
  g_assert_null (gtk_grid_get_child_at (grid, 1, 1));
}

/* A long file: the window keeps running while the worker imports, and
 * Cancel stops it with nothing written. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("Naziv;Grad\r\n");
  g_autofree char *path = g_build_filename (f->dir, "veliki.csv", NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (csv, "Tvrtka %u d.o.o.;Zagreb\r\n", i);
  g_file_set_contents (path, csv->str, csv->len, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  kl_import_wizard_set_file (f->wizard, file);
  kl_test_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->wizard), "wizard.import", NULL));
  g_assert_cmpstr (step (f), ==, "progress");
  kl_test_iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->wizard), "wizard.cancel", NULL));

  /* Back to the mapping, silently; nothing imported. */
  wait_for_step (f, "mapping");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM clients"), ==, 0);

  /* And the same file imports in full afterwards. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->wizard), "wizard.import", NULL));
  wait_for_step (f, "result");
  g_assert_cmpstr (gtk_label_get_label (wizard_child (f->wizard, "added_label")), ==, "20000 clients imported");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM clients"), ==, 20000);

  /* A large import: its clients go into the search index in the
   * background, after the result is shown. */
  wait_for_search_index (f);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM client_search WHERE client_search MATCH 'tvrtka'"),
                   ==, 20000);
}

/* The price list through the same wizard, from the keyboard: a
 * Windows-1251 file separated by commas is detected; the problem of its
 * third line is shown before anything is written; the encoding is changed
 * and changed back with the keys; Alt+I imports; Escape closes. */
static void
test_price_list_by_keys (Fixture       *f,
                         gconstpointer  data)
{
  static const char *text = "Код,Наименование,Цена,Валюта,Примечание\r\n"
                            "Ю-1,\"Стол офисный, дуб\",\"15 990,00\",RUB,склад 1\r\n"
                            "Ю-2,Кресло,нет цены,RUB,\r\n"
                            "Ю-3,Щётка,150,RUB,\r\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *cp1251 = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GString) rejections = g_string_new (NULL);
  GtkLabel *problems;
  gsize length = 0;

  cp1251 = g_convert (text, -1, "WINDOWS-1251", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "cjenik.csv", NULL);
  g_file_set_contents (path, cp1251, length, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (path);

  gtk_window_destroy (GTK_WINDOW (f->wizard));
  f->wizard = kl_import_wizard_new_for_kind (f->session, KL_IMPORT_KIND_PRODUCTS);
  gtk_window_present (GTK_WINDOW (f->wizard));
  kl_test_iterate ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->wizard)), ==, "Import the Price List");

  kl_import_wizard_set_file (f->wizard, file);
  kl_test_iterate ();
  g_assert_cmpstr (step (f), ==, "mapping");
  g_assert_cmpstr (selected_label (wizard_child (f->wizard, "encoding_dropdown")), ==, "Windows-1251 (Cyrillic)");
  g_assert_cmpstr (selected_label (wizard_child (f->wizard, "separator_dropdown")), ==, "Comma ( , )");
  g_assert_cmpstr (selected_label (mapping_dropdown (f, 0)), ==, "Code");
  g_assert_cmpstr (selected_label (mapping_dropdown (f, 1)), ==, "Name");
  g_assert_cmpstr (selected_label (mapping_dropdown (f, 2)), ==, "Price");
  g_assert_cmpstr (selected_label (mapping_dropdown (f, 4)), ==, "Ignore");
  g_assert_cmpstr (gtk_label_get_label (wizard_child (f->wizard, "ignored_label")), ==,
                   "1 column not imported: Примечание");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (gtk_grid_get_child_at (wizard_child (f->wizard, "preview_grid"), 1, 2))),
                   ==, "Стол офисный, дуб");

  /* The preview tells of line 3 before the import. */
  problems = wizard_child (f->wizard, "problems_label");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (problems)));
  g_assert_true (g_str_has_prefix (gtk_label_get_label (problems), "Line 3: Price: "));
  g_assert_null (strchr (gtk_label_get_label (problems), '\n'));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM products"), ==, 0);

  /* Alt+E opens the encoding's list at its first row, UTF-8; one down:
   * Windows-1250 reads
   * other letters, and no column is known. */
  kl_test_press_keys (GTK_WINDOW (f->wizard), "alt+e");
  kl_test_press_keys (GTK_WINDOW (f->wizard), "Down Return");
  g_assert_cmpstr (selected_label (wizard_child (f->wizard, "encoding_dropdown")), ==,
                   "Windows-1250 (Central European)");
  g_assert_true (gtk_widget_get_visible (wizard_child (f->wizard, "error_label")));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (problems)));
  /* And two down to Windows-1251. */
  kl_test_press_keys (GTK_WINDOW (f->wizard), "alt+e");
  kl_test_press_keys (GTK_WINDOW (f->wizard), "Down Down Return");
  g_assert_cmpstr (selected_label (wizard_child (f->wizard, "encoding_dropdown")), ==, "Windows-1251 (Cyrillic)");
  g_assert_false (gtk_widget_get_visible (wizard_child (f->wizard, "error_label")));
  g_assert_cmpstr (selected_label (mapping_dropdown (f, 0)), ==, "Code");

  kl_test_press_keys (GTK_WINDOW (f->wizard), "alt+i");
  wait_for_step (f, "result");
  g_assert_cmpstr (gtk_label_get_label (wizard_child (f->wizard, "added_label")), ==,
                   "2 products added to the price list");
  g_assert_false (gtk_widget_get_visible (wizard_child (f->wizard, "existing_label")));
  g_assert_cmpstr (gtk_label_get_label (wizard_child (f->wizard, "rejected_label")), ==, "1 line rejected:");
  collect_labels (GTK_WIDGET (wizard_child (f->wizard, "rejections_list")), rejections);
  g_assert_nonnull (strstr (rejections->str, "Line 3\n"));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM products"), ==, 2);
  g_assert_cmpint (query_int (f, "SELECT price FROM products WHERE code = 'Ю-1'"
                                 " AND name = 'Стол офисный, дуб' AND currency = 'RUB'"), ==, 1599000);

  /* Escape closes the wizard. */
  g_object_add_weak_pointer (G_OBJECT (f->wizard), (gpointer *) &f->wizard);
  kl_test_press_keys (GTK_WINDOW (f->wizard), "Escape");
  g_assert_null (f->wizard);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/import-wizard/detect-and-import", Fixture, NULL,
              fixture_set_up, test_detect_and_import, fixture_tear_down);
  g_test_add ("/import-wizard/change-mapping", Fixture, NULL,
              fixture_set_up, test_change_mapping, fixture_tear_down);
  g_test_add ("/import-wizard/change-format", Fixture, NULL,
              fixture_set_up, test_change_format, fixture_tear_down);

  g_test_add ("/import-wizard/cancel", Fixture, NULL,
              fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/import-wizard/price-list-by-keys", Fixture, NULL,
              fixture_set_up, test_price_list_by_keys, fixture_tear_down);

  return g_test_run ();
}
