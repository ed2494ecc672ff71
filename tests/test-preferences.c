/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "kl-company.h"
#include "kl-entities.h"
#include "kl-preferences-window.h"
#include "kl-test-gui.h"

/* The Preferences window with real widgets: the own company typed in
 * (the name by real key presses), each field checked as typed with the
 * reason beside it, nothing saved while a field is wrong, everything
 * saved as soon as all are right; the number patterns show the next
 * number; the country brings its currency; the logo from PNG and JPEG
 * files, a file that is no image refused; closing with a wrong field
 * asks. */

#define T KL_TYPE_PREFERENCES_WINDOW

typedef struct {
  char      *dir;
  KlSession *session;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->session = kl_test_open_session ("preferences", &f->dir, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_destroy_toplevels ();
  kl_test_close_session (&f->session, &f->dir, NULL);
}

static KlPreferencesWindow *
open_window (Fixture *f)
{
  KlPreferencesWindow *window = kl_preferences_window_new (NULL, f->session);

  gtk_window_present (GTK_WINDOW (window));
  kl_test_iterate ();
  return window;
}

static void
set_text (gpointer    window,
          const char *name,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (kl_test_template_child (window, T, name)), text);
  kl_test_iterate ();
}

static const char *
field_error (gpointer    window,
             const char *name)
{
  GtkLabel *label = kl_test_template_child (window, T, name);

  if (!gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (label))))
    return NULL;
  return gtk_label_get_label (label);
}

static KlCompany *
stored (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  KlCompany *company = kl_company_load (kl_session_get_database (f->session), &error);

  g_assert_no_error (error);
  return company;
}

static char *
this_year (const char *format)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, format);
}

static void
test_company (Fixture       *f,
              gconstpointer  data)
{
  KlPreferencesWindow *window = open_window (f);
  GtkWidget *name_row = kl_test_template_child (window, T, "name_row");
  g_autoptr(KlCompany) company = NULL;
  g_autofree char *year = this_year ("%Y");
  g_autofree char *next = NULL;

  /* A new database: the defaults of its country, nothing wrong shown yet. */
  g_assert_null (field_error (window, "name_error"));
  g_assert_cmpstr (gtk_editable_get_text (kl_test_template_child (window, T, "contract_pattern_row")), ==,
                   "UG-{YYYY}-{NNNN}");
  g_assert_cmpstr (gtk_editable_get_text (kl_test_template_child (window, T, "vat_rates_row")), ==,
                   "25; 13; 5; 0");
  next = g_strdup_printf ("UG-%s-0001", year);
  g_assert_cmpstr (adw_action_row_get_subtitle (kl_test_template_child (window, T, "contract_pattern_next_row")), ==,
                   next);

  /* The name by real keys; a wrong OIB keeps everything unsaved. */
  gtk_widget_grab_focus (name_row);
  kl_test_press_keys (GTK_WINDOW (window), "A c m e space d period o period o period");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name_row)), ==, "Acme d.o.o.");
  g_assert_null (field_error (window, "name_error"));
  company = stored (f);
  g_assert_cmpstr (company->name, ==, "Acme d.o.o.");
  g_clear_pointer (&company, kl_company_free);

  gtk_widget_grab_focus (kl_test_template_child (window, T, "tax_id_row"));
  kl_test_press_keys (GTK_WINDOW (window), "6 9 4 3 5 1 5 1 5 3 1");
  g_assert_nonnull (field_error (window, "tax_id_error"));
  g_assert_true (gtk_widget_has_css_class (kl_test_template_child (window, T, "tax_id_row"), "error"));
  set_text (window, "city_row", "Zagreb");
  company = stored (f);
  g_assert_null (company->tax_id);
  g_assert_null (company->city);
  g_clear_pointer (&company, kl_company_free);

  /* Right: the whole company is saved. */
  set_text (window, "tax_id_row", "69435151530");
  g_assert_null (field_error (window, "tax_id_error"));
  company = stored (f);
  g_assert_cmpstr (company->tax_id, ==, "69435151530");
  g_assert_cmpstr (company->city, ==, "Zagreb");
  g_clear_pointer (&company, kl_company_free);

  /* The name blanked after typing: required, beside it. */
  set_text (window, "name_row", "");
  g_assert_nonnull (field_error (window, "name_error"));
  set_text (window, "name_row", "Acme d.o.o.");
  g_assert_null (field_error (window, "name_error"));

  /* IBAN by its check digits, e-mail, KPP. */
  set_text (window, "iban_row", "HR1210010051863000161");
  g_assert_nonnull (field_error (window, "iban_error"));
  set_text (window, "iban_row", "HR12 1001 0051 8630 0016 0");
  g_assert_null (field_error (window, "iban_error"));
  set_text (window, "email_row", "ured@");
  g_assert_nonnull (field_error (window, "email_error"));
  set_text (window, "email_row", "ured@acme.hr");
  set_text (window, "kpp_row", "12");
  g_assert_nonnull (field_error (window, "kpp_error"));
  set_text (window, "kpp_row", "");
  g_assert_null (field_error (window, "kpp_error"));
  company = stored (f);
  g_assert_cmpstr (company->iban, ==, "HR1210010051863000160");
  g_assert_cmpstr (company->email, ==, "ured@acme.hr");
  g_assert_null (company->kpp);
  g_clear_pointer (&company, kl_company_free);

  /* Number patterns: refused without a counter, the next number shown. */
  set_text (window, "contract_pattern_row", "UG-{YYYY}");
  g_assert_nonnull (field_error (window, "contract_pattern_error"));
  set_text (window, "contract_pattern_row", "UG/{YY}/{NNN}");
  g_assert_null (field_error (window, "contract_pattern_error"));
  g_clear_pointer (&next, g_free);
  next = g_strdup_printf ("UG/%s/001", year + 2);
  g_assert_cmpstr (adw_action_row_get_subtitle (kl_test_template_child (window, T, "contract_pattern_next_row")), ==,
                   next);

  /* VAT rates in percent, the default first; a rate twice is refused. */
  set_text (window, "vat_rates_row", "25; 25");
  g_assert_nonnull (field_error (window, "vat_rates_error"));
  set_text (window, "vat_rates_row", "13 %; 5,5; 0");
  g_assert_null (field_error (window, "vat_rates_error"));

  company = stored (f);
  g_assert_cmpstr (company->contract_pattern, ==, "UG/{YY}/{NNN}");
  g_assert_cmpuint (company->n_vat_rates, ==, 3);
  g_assert_cmpint (company->vat_rates[0], ==, 1300);
  g_assert_cmpint (company->vat_rates[1], ==, 550);
  g_assert_cmpint (company->vat_rates[2], ==, 0);
  g_clear_pointer (&company, kl_company_free);

  /* Everything right: closing asks nothing. */
  gtk_window_close (GTK_WINDOW (window));
  kl_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, 0);
}

/* The next number counts the documents there are. */
static void
test_next_number (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = kl_session_new_entity (f->session, KL_TYPE_CLIENT);
  g_autofree char *year = this_year ("%Y");
  g_autofree char *today = this_year ("%Y-%m-%d");
  g_autofree char *taken = g_strdup_printf ("PON-%s-0041", year);
  g_autofree char *next = g_strdup_printf ("PON-%s-0042", year);
  g_autoptr(KlEntity) offer = NULL;
  KlPreferencesWindow *window;

  kl_entity_set_text (client, "name", "Jadran d.o.o.");
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_CLIENT), client, &error));
  offer = kl_session_new_entity (f->session, KL_TYPE_OFFER);
  kl_entity_set_number (offer, "client_id", kl_entity_get_id (client));
  kl_entity_set_text (offer, "number", taken);
  kl_entity_set_text (offer, "issue_date", today);
  kl_entity_set_text (offer, "valid_until", today);
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_OFFER), offer, &error));
  g_assert_no_error (error);

  window = open_window (f);
  g_assert_cmpstr (adw_action_row_get_subtitle (kl_test_template_child (window, T, "offer_pattern_next_row")), ==,
                   next);
  set_text (window, "offer_pattern_row", "PON-{YYYY}-{NNNN");
  g_assert_nonnull (field_error (window, "offer_pattern_error"));
  g_assert_cmpstr (adw_action_row_get_subtitle (kl_test_template_child (window, T, "offer_pattern_next_row")), !=,
                   next);
}

/* Russia: the currency follows, the tax ID is an INN. */
static void
test_country (Fixture       *f,
              gconstpointer  data)
{
  KlPreferencesWindow *window = open_window (f);
  AdwComboRow *country = kl_test_template_child (window, T, "country_row");
  AdwComboRow *currency = kl_test_template_child (window, T, "currency_row");
  GListModel *currencies = adw_combo_row_get_model (currency);
  g_autoptr(KlCompany) company = NULL;

  set_text (window, "name_row", "ООО «Ромашка»");
  set_text (window, "tax_id_row", "69435151530");
  g_assert_null (field_error (window, "tax_id_error"));
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (currencies), adw_combo_row_get_selected (currency)),
                   ==, "EUR");

  adw_combo_row_set_selected (country, 1);
  kl_test_iterate ();
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (currencies), adw_combo_row_get_selected (currency)),
                   ==, "RUB");
  /* An OIB is no INN: refused beside the field, Croatia still stored. */
  g_assert_nonnull (field_error (window, "tax_id_error"));
  company = stored (f);
  g_assert_cmpstr (company->office.country, ==, "HR");
  g_clear_pointer (&company, kl_company_free);

  set_text (window, "tax_id_row", "7707083893");
  set_text (window, "kpp_row", "773601001");
  g_assert_null (field_error (window, "tax_id_error"));
  g_assert_null (field_error (window, "kpp_error"));
  company = stored (f);
  g_assert_cmpstr (company->office.country, ==, "RU");
  g_assert_cmpstr (company->office.currency, ==, "RUB");
  g_assert_cmpstr (company->tax_id, ==, "7707083893");
  g_assert_cmpstr (company->kpp, ==, "773601001");
  g_clear_pointer (&company, kl_company_free);

  /* New records get the new office. */
  {
    g_autoptr(KlEntity) client = kl_session_new_entity (f->session, KL_TYPE_CLIENT);

    g_assert_cmpstr (kl_entity_get_text (client, "currency"), ==, "RUB");
  }
}

static GFile *
write_image (Fixture    *f,
             const char *name,
             const char *type,
             int         width,
             int         height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  gdk_pixbuf_fill (pixbuf, 0x2060a0ff);
  g_assert_true (gdk_pixbuf_save (pixbuf, path, type, &error, NULL));
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

static void
assert_stored_logo (Fixture *f,
                    int      width,
                    int      height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = kl_company_load_logo (kl_session_get_database (f->session), &error);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G' };

  g_assert_no_error (error);
  g_assert_nonnull (png);
  g_assert_cmpmem (g_bytes_get_data (png, NULL), 4, signature, 4);
  stream = g_memory_input_stream_new_from_bytes (png);
  pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, width);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, height);
}

static void
test_logo (Fixture       *f,
           gconstpointer  data)
{
  KlPreferencesWindow *window = open_window (f);
  g_autoptr(GFile) png = write_image (f, "logo.png", "png", 300, 100);
  g_autoptr(GFile) jpeg = write_image (f, "logo.jpg", "jpeg", 3000, 1500);
  g_autofree char *text_path = g_build_filename (f->dir, "logo.png.txt", NULL);
  g_autoptr(GFile) text = g_file_new_for_path (text_path);
  GtkPicture *picture = kl_test_template_child (window, T, "logo_picture");

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (picture)));
  g_assert_true (kl_preferences_window_set_logo_file (window, png));
  assert_stored_logo (f, 300, 100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (picture)));
  g_assert_nonnull (gtk_picture_get_paintable (picture));

  /* A large JPEG: kept as a PNG at most 1024 pixels wide, aspect kept. */
  g_assert_true (kl_preferences_window_set_logo_file (window, jpeg));
  assert_stored_logo (f, 1024, 512);

  /* Not an image: said beside the logo, the logo kept. */
  g_assert_true (g_file_set_contents (text_path, "Acme d.o.o.", -1, NULL));
  g_assert_false (kl_preferences_window_set_logo_file (window, text));
  g_assert_nonnull (field_error (window, "logo_error"));
  g_assert_nonnull (strstr (field_error (window, "logo_error"), "logo.png.txt"));
  assert_stored_logo (f, 1024, 512);

  /* Removed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "prefs.remove-logo", NULL));
  kl_test_iterate ();
  g_assert_null (kl_company_load_logo (kl_session_get_database (f->session), NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (picture)));
  g_assert_null (field_error (window, "logo_error"));
}

/* Closing with a wrong field asks; keeping on editing keeps the window. */
static void
test_close_asks (Fixture       *f,
                 gconstpointer  data)
{
  KlPreferencesWindow *window = open_window (f);
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;

  set_text (window, "name_row", "Acme d.o.o.");
  set_text (window, "iban_row", "HR00");
  gtk_window_close (GTK_WINDOW (window));
  kl_test_iterate ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel))
        dialog = ADW_MESSAGE_DIALOG (toplevel);
    }
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  kl_test_iterate ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  set_text (window, "iban_row", "");
  gtk_window_close (GTK_WINDOW (window));
  kl_test_iterate ();
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, 0);
}

/* The widgets of band @index of the deferral list: its three entries
 * (from, to, percent) and its message. */
static void
band_widgets (gpointer      window,
              guint         index,
              GtkEditable **entries,
              GtkLabel    **error,
              GtkWidget   **remove)
{
  GtkListBox *list = kl_test_template_child (window, T, "deferral_list");
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);
  GtkWidget *box, *line;
  guint n = 0;

  g_assert_nonnull (row);
  box = gtk_list_box_row_get_child (row);
  line = gtk_widget_get_first_child (box);
  for (GtkWidget *c = gtk_widget_get_first_child (line); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      if (GTK_IS_ENTRY (c))
        entries[n++] = GTK_EDITABLE (c);
      else if (GTK_IS_BUTTON (c) && remove != NULL)
        *remove = c;
    }
  g_assert_cmpuint (n, ==, 3);
  *error = GTK_LABEL (gtk_widget_get_next_sibling (line));
}

static const char *
band_error (gpointer window,
            guint    index)
{
  GtkEditable *entries[3];
  GtkLabel *error;

  band_widgets (window, index, entries, &error, NULL);
  return gtk_widget_get_visible (GTK_WIDGET (error)) ? gtk_label_get_label (error) : NULL;
}

static void
set_band (gpointer    window,
          guint       index,
          guint       entry,
          const char *text)
{
  GtkEditable *entries[3];
  GtkLabel *error;

  band_widgets (window, index, entries, &error, NULL);
  gtk_editable_set_text (entries[entry], text);
  kl_test_iterate ();
}

/* The payment-deferral bands: the defaults shown from–to; a gap, an
 * overlap, a band ending before it starts and a wrong percentage said
 * beside the band while typing, nothing saved meanwhile; right again,
 * saved; a band added after the last and one removed, saved; the
 * accessible names carry the band's number. */
static void
test_deferral_bands (Fixture       *f,
                     gconstpointer  data)
{
  KlPreferencesWindow *window = open_window (f);
  g_autoptr(KlCompany) company = NULL;
  GtkEditable *entries[3];
  GtkLabel *error;
  GtkWidget *remove = NULL;
  int bp = 0;

  set_text (window, "name_row", "Acme d.o.o.");
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (window),
                                           ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (kl_test_template_child (window, T, "deferral_list"),
                                                                                          ADW_TYPE_PREFERENCES_PAGE)));
  kl_test_iterate ();

  /* Prepayment −3 %, 1–30 days 0, 31–60 +2 %, 61–90 +4 %. */
  band_widgets (window, 0, entries, &error, &remove);
  g_assert_cmpstr (gtk_editable_get_text (entries[0]), ==, "0");
  g_assert_cmpstr (gtk_editable_get_text (entries[1]), ==, "0");
  g_assert_cmpstr (gtk_editable_get_text (entries[2]), ==, "-3");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (remove), ==, "Remove band 1");
  band_widgets (window, 3, entries, &error, NULL);
  g_assert_cmpstr (gtk_editable_get_text (entries[0]), ==, "61");
  g_assert_cmpstr (gtk_editable_get_text (entries[1]), ==, "90");
  g_assert_cmpstr (gtk_editable_get_text (entries[2]), ==, "+4");
  g_assert_null (gtk_list_box_get_row_at_index (kl_test_template_child (window, T, "deferral_list"), 4));
  for (guint i = 0; i < 4; i++)
    g_assert_null (band_error (window, i));

  /* Band 3 typed from 35 by real keys: days 31 to 34 in no band. */
  band_widgets (window, 2, entries, &error, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (entries[0]));
  kl_test_press_keys (GTK_WINDOW (window), "ctrl+a 3 5");
  g_assert_cmpstr (gtk_editable_get_text (entries[0]), ==, "35");
  g_assert_cmpstr (band_error (window, 2), ==, "Days 31 to 34 are in no band: start this band on day 31.");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entries[0]), "error"));
  /* Meanwhile a change elsewhere is not saved either. */
  set_band (window, 3, 2, "5");
  company = stored (f);
  g_assert_true (kl_deferral_terms_lookup (&company->deferral, 75, &bp, NULL));
  g_assert_cmpint (bp, ==, 400);
  g_clear_pointer (&company, kl_company_free);

  /* An overlap, then a band ending before it starts, then a wrong percentage. */
  set_band (window, 2, 0, "25");
  g_assert_cmpstr (band_error (window, 2), ==, "The band before ends on day 30: start this band on day 31.");
  set_band (window, 2, 0, "31");
  set_band (window, 2, 1, "20");
  g_assert_cmpstr (band_error (window, 2), ==, "The band ends before it starts: give 31 days or more.");
  set_band (window, 2, 1, "60");
  g_assert_null (band_error (window, 2));
  set_band (window, 1, 2, "zero");
  g_assert_cmpstr (band_error (window, 1), ==, "Write the change in percent, e.g. -3, 0 or 2,5.");
  set_band (window, 1, 2, "0,5");
  g_assert_null (band_error (window, 1));

  /* All right: saved, with the +5 % typed meanwhile. */
  company = stored (f);
  g_assert_true (kl_deferral_terms_lookup (&company->deferral, 75, &bp, NULL));
  g_assert_cmpint (bp, ==, 500);
  g_assert_true (kl_deferral_terms_lookup (&company->deferral, 10, &bp, NULL));
  g_assert_cmpint (bp, ==, 50);
  g_assert_false (kl_deferral_terms_lookup (&company->deferral, 100, &bp, NULL));
  g_clear_pointer (&company, kl_company_free);

  /* A band after the last: 91 to 120 days, no change; +6 % typed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "prefs.add-band", NULL));
  kl_test_iterate ();
  band_widgets (window, 4, entries, &error, &remove);
  g_assert_cmpstr (gtk_editable_get_text (entries[0]), ==, "91");
  g_assert_cmpstr (gtk_editable_get_text (entries[1]), ==, "120");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), GTK_WIDGET (entries[1])));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (remove), ==, "Remove band 5");
  set_band (window, 4, 2, "+6");
  company = stored (f);
  g_assert_cmpuint (company->deferral.n_bands, ==, 5);
  g_assert_true (kl_deferral_terms_lookup (&company->deferral, 100, &bp, NULL));
  g_assert_cmpint (bp, ==, 600);
  g_clear_pointer (&company, kl_company_free);

  /* Removing band 2 leaves days 1 to 30 in no band; removing the
   * prepayment band too leaves the first band not starting at 0. */
  band_widgets (window, 1, entries, &error, &remove);
  gtk_widget_grab_focus (remove);
  kl_test_press_keys (GTK_WINDOW (window), "space");
  g_assert_cmpstr (band_error (window, 1), ==, "Days 1 to 30 are in no band: start this band on day 1.");
  set_band (window, 1, 0, "1");
  company = stored (f);
  g_assert_cmpuint (company->deferral.n_bands, ==, 4);
  g_assert_true (kl_deferral_terms_lookup (&company->deferral, 10, &bp, NULL));
  g_assert_cmpint (bp, ==, 200);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/preferences/company", test_company);
  ADD ("/gui/preferences/next-number", test_next_number);
  ADD ("/gui/preferences/country", test_country);
  ADD ("/gui/preferences/logo", test_logo);
  ADD ("/gui/preferences/close-asks", test_close_asks);
  ADD ("/gui/preferences/deferral-bands", test_deferral_bands);
#undef ADD

  return g_test_run ();
}
