/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "kl-company.h"
#include "kl-demo.h"
#include "kl-document-pdf.h"
#include "kl-entities.h"
#include "kl-format.h"
#include "kl-test.h"

/* Offers and contracts as PDFs, read back with pdftotext (poppler-utils):
 * the number, both parties, the lines and the total, in English, Croatian
 * and Russian; a long offer breaks pages between rows. */

typedef struct {
  char      *dir;
  char      *path;
  KlSession *session;
  gint64     client_id;
  gint64     offer_id;
} Fixture;

static const struct {
  const char *lang;
  const char *locale;
  const char *offer_heading;
  const char *contract_heading;
  const char *page_one;
} languages[] = {
  { "en", "C.UTF-8", "Offer", "Contract", "Page 1 of 1" },
  { "hr", "hr_HR.UTF-8", "Ponuda", "Ugovor", "Stranica 1 od 1" },
  { "ru", "ru_RU.UTF-8", "Коммерческое предложение", "Договор", "Страница 1 из 1" },
};

static gint64
insert (Fixture  *f,
        KlEntity *entity)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kl_store_insert (kl_session_get_store (f->session, G_OBJECT_TYPE (entity)), entity, &error));
  g_assert_no_error (error);
  return kl_entity_get_id (entity);
}

static void
insert_line (Fixture    *f,
             gint64      offer_id,
             int         position,
             const char *description,
             gint64      quantity,
             gint64      unit_price,
             int         discount_bp,
             int         vat_bp)
{
  g_autoptr(KlEntity) line = g_object_new (KL_TYPE_OFFER_LINE, NULL);

  kl_entity_set_number (line, "offer_id", offer_id);
  kl_entity_set_number (line, "position", position);
  kl_entity_set_text (line, "description", description);
  kl_entity_set_number (line, "quantity", quantity);
  kl_entity_set_number (line, "unit_price", unit_price);
  kl_entity_set_number (line, "discount_bp", discount_bp);
  kl_entity_set_number (line, "vat_rate_bp", vat_bp);
  insert (f, line);
}

static gint64
insert_offer (Fixture    *f,
              const char *number,
              int         loyalty_bp,
              int         deferral_days)
{
  g_autoptr(KlEntity) offer = kl_session_new_entity (f->session, KL_TYPE_OFFER);

  kl_entity_set_text (offer, "number", number);
  kl_entity_set_number (offer, "client_id", f->client_id);
  kl_entity_set_text (offer, "issue_date", "2026-03-01");
  kl_entity_set_text (offer, "valid_until", "2026-03-31");
  kl_entity_set_text (offer, "currency", "EUR");
  kl_entity_set_number (offer, "loyalty_discount_bp", loyalty_bp);
  kl_entity_set_number (offer, "deferral_days", deferral_days);
  return insert (f, offer);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = NULL;
  g_autoptr(KlEntity) contract = NULL;
  g_autoptr(KlCompany) company = NULL;

  f->session = kl_test_open_session ("document", &f->dir, &f->path);
  g_assert_true (kl_session_set_office (f->session, "HR", "EUR", &error));

  company = kl_company_load (kl_session_get_database (f->session), &error);
  g_assert_no_error (error);
  company->name = g_strdup ("Klijentela d.o.o.");
  company->tax_id = g_strdup ("69435151530");
  company->address = g_strdup ("Ilica 1");
  company->postal_code = g_strdup ("10000");
  company->city = g_strdup ("Zagreb");
  company->iban = g_strdup ("HR1210010051863000160");
  g_assert_true (kl_company_save (company, kl_session_get_database (f->session), NULL, &error));
  g_assert_no_error (error);

  client = kl_session_new_entity (f->session, KL_TYPE_CLIENT);
  kl_entity_set_text (client, "name", "Jadran Šibenik d.o.o.");
  kl_entity_set_text (client, "tax_id", "00000000001");
  kl_entity_set_text (client, "address", "Obala 5");
  kl_entity_set_text (client, "city", "Šibenik");
  f->client_id = insert (f, client);

  /* The offer of test-offer-math: 5 % loyalty, 45 days (+2 %). */
  f->offer_id = insert_offer (f, "PON-2026-0001", 500, 45);
  insert_line (f, f->offer_id, 1, "Paper A4", 50, 1999, 1000, 2500);
  insert_line (f, f->offer_id, 2, "Installation", 1, 25000, 0, 1300);

  contract = kl_session_new_entity (f->session, KL_TYPE_CONTRACT);
  kl_entity_set_text (contract, "number", "UG-2026-0007");
  kl_entity_set_number (contract, "client_id", f->client_id);
  kl_entity_set_text (contract, "title", "Annual maintenance");
  kl_entity_set_text (contract, "signed_date", "2026-02-20");
  kl_entity_set_text (contract, "start_date", "2026-03-01");
  kl_entity_set_text (contract, "end_date", "2027-02-28");
  kl_entity_set_number (contract, "amount", 1200000);
  kl_entity_set_text (contract, "currency", "EUR");
  kl_entity_set_number (contract, "discount_bp", 500);
  kl_entity_set_number (contract, "auto_renew", 1);
  insert (f, contract);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_close_session (&f->session, &f->dir, &f->path);
  setlocale (LC_ALL, "C.UTF-8");
}

/* pdftotext's text of @pdf (pages @first to @last, 0 for all), with the
 * spaces that group digits made plain. */
static char *
pdf_text (const char *pdf,
          int         first,
          int         last)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GString *text;
  int status;

  g_ptr_array_add (argv, g_strdup ("pdftotext"));
  if (first > 0)
    {
      g_ptr_array_add (argv, g_strdup ("-f"));
      g_ptr_array_add (argv, g_strdup_printf ("%d", first));
      g_ptr_array_add (argv, g_strdup ("-l"));
      g_ptr_array_add (argv, g_strdup_printf ("%d", last));
    }
  g_ptr_array_add (argv, g_strdup (pdf));
  g_ptr_array_add (argv, g_strdup ("-"));
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  text = g_string_new (out);
  g_string_replace (text, "\u202f", " ", 0);
  g_string_replace (text, "\u00a0", " ", 0);
  return g_string_free (text, FALSE);
}

static char *
plain (char *text)
{
  GString *s = g_string_new (text);

  g_string_replace (s, "\u202f", " ", 0);
  g_string_replace (s, "\u00a0", " ", 0);
  g_free (text);
  return g_string_free (s, FALSE);
}

static int
count_pages (const char *text)
{
  int n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\f')
      n++;
  return n;
}

static gboolean
switch_to (guint i)
{
  if (setlocale (LC_ALL, languages[i].locale) == NULL)
    {
      g_test_message ("The locale %s is not installed (test.sh installs it)", languages[i].locale);
      return FALSE;
    }
  return TRUE;
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("“%s” is not in the PDF's text:\n%s", needle, text);
}

static void
test_offer_languages (Fixture       *f,
                      gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KlDocument) doc = NULL;
      g_autofree char *pdf = g_build_filename (f->dir, "offer.pdf", NULL);
      g_autofree char *text = NULL;
      g_autofree char *total = NULL;
      g_autofree char *net = NULL;

      if (!switch_to (i))
        continue;
      doc = kl_document_load (f->session, KL_DOCUMENT_OFFER, "PON-2026-0001", &error);
      g_assert_no_error (error);
      g_assert_true (kl_document_write_pdf (doc, pdf, &error));
      g_assert_no_error (error);
      text = pdf_text (pdf, 0, 0);

      assert_contains (text, languages[i].offer_heading);
      assert_contains (text, "PON-2026-0001");
      assert_contains (text, "Klijentela d.o.o.");
      assert_contains (text, "69435151530");
      assert_contains (text, "HR1210010051863000160");
      assert_contains (text, "Jadran Šibenik d.o.o.");
      assert_contains (text, "00000000001");
      assert_contains (text, "Paper A4");
      assert_contains (text, "Installation");
      assert_contains (text, languages[i].page_one);
      /* The totals of test-offer-math, in this language's numbers. */
      total = plain (kl_format_money (136332, "EUR"));
      net = plain (kl_format_money (111391, "EUR"));
      assert_contains (text, total);
      assert_contains (text, net);
      g_assert_cmpint (count_pages (text), ==, 1);
      g_test_message ("%s: %s", languages[i].lang, total);
    }
}

static void
test_contract_languages (Fixture       *f,
                         gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KlDocument) doc = NULL;
      g_autofree char *pdf = g_build_filename (f->dir, "contract.pdf", NULL);
      g_autofree char *text = NULL;
      g_autofree char *total = NULL;

      if (!switch_to (i))
        continue;
      doc = kl_document_load (f->session, KL_DOCUMENT_CONTRACT, "UG-2026-0007", &error);
      g_assert_no_error (error);
      g_assert_true (kl_document_write_pdf (doc, pdf, &error));
      text = pdf_text (pdf, 0, 0);

      assert_contains (text, languages[i].contract_heading);
      assert_contains (text, "UG-2026-0007");
      assert_contains (text, "Klijentela d.o.o.");
      assert_contains (text, "Jadran Šibenik d.o.o.");
      assert_contains (text, "00000000001");
      assert_contains (text, "Annual maintenance");
      /* 12 000.00 − 5 % = 11 400.00; VAT 25 % 2 850.00: 14 250.00. */
      total = plain (kl_format_money (1425000, "EUR"));
      assert_contains (text, total);
    }
}

/* A row's amounts in the millions stay on one line each: its net and
 * total read whole, as in the totals under the table. */
static void
test_large_amounts (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) contract = kl_session_new_entity (f->session, KL_TYPE_CONTRACT);
  g_autoptr(KlDocument) doc = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "large.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *net = NULL;
  int found = 0;

  kl_entity_set_text (contract, "number", "UG-2026-0099");
  kl_entity_set_number (contract, "client_id", f->client_id);
  kl_entity_set_text (contract, "title", "Fleet");
  kl_entity_set_text (contract, "start_date", "2026-03-01");
  kl_entity_set_number (contract, "amount", 9999999999);
  kl_entity_set_number (contract, "vat_rate_bp", 0);
  kl_entity_set_text (contract, "currency", "EUR");
  insert (f, contract);

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      if (!switch_to (i))
        continue;
      doc = kl_document_load (f->session, KL_DOCUMENT_CONTRACT, "UG-2026-0099", &error);
      g_assert_no_error (error);
      g_assert_true (kl_document_write_pdf (doc, pdf, &error));
      g_clear_pointer (&doc, kl_document_free);
      text = pdf_text (pdf, 0, 0);
      /* No VAT: 99 999 999.99 is the unit price, the net and the total of
       * the row, and the net and the total to pay under the table. */
      net = plain (kl_format_money (9999999999, NULL));
      for (const char *p = text; (p = strstr (p, net)) != NULL; p++)
        found++;
      if (found < 5)
        g_error ("“%s” is whole only %d times in the PDF's text:\n%s", net, found, text);
      found = 0;
      g_clear_pointer (&text, g_free);
      g_clear_pointer (&net, g_free);
    }
}

/* The images pdfimages lists in @pdf: one row each, "width height x-ppi
 * y-ppi" (the ppi tell the size it is drawn at). */
static GPtrArray *
pdf_images (const char *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *images = g_ptr_array_new_with_free_func (g_free);
  const char *argv[] = { "pdfimages", "-list", pdf, NULL };
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  lines = g_strsplit (out, "\n", -1);
  /* The heading and its rule first. */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cells = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      for (guint j = 0; cells[j] != NULL; j++)
        if (*cells[j] != '\0')
          g_ptr_array_add (words, cells[j]);
      if (words->len < 14)
        continue;
      /* page num type width height color comp bpc enc interp object ID x-ppi y-ppi */
      g_ptr_array_add (images, g_strdup_printf ("%s %s %s %s %s", (char *) words->pdata[2],
                                                (char *) words->pdata[3], (char *) words->pdata[4],
                                                (char *) words->pdata[12], (char *) words->pdata[13]));
    }
  return images;
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* A 400 × 100 logo: four times as wide as high. */
static GBytes *
make_logo (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 400, 100);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, 0.1, 0.3, 0.6);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 1, 0.8, 0);
  cairo_rectangle (cr, 20, 20, 60, 60);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

/* The own company's logo on both documents, once, scaled into its box
 * (170 × 56 points) with its aspect kept: 400 × 100 pixels drawn 170
 * points wide are 169 pixels per inch both ways. No logo, no image. */
static void
test_logo (Fixture       *f,
           gconstpointer  data)
{
  static const struct {
    KlDocumentKind  kind;
    const char     *number;
  } documents[] = {
    { KL_DOCUMENT_OFFER, "PON-2026-0001" },
    { KL_DOCUMENT_CONTRACT, "UG-2026-0007" },
  };
  KlDatabase *db = kl_session_get_database (f->session);
  g_autoptr(GBytes) logo = make_logo ();
  g_autoptr(GError) error = NULL;

  for (guint with_logo = 0; with_logo < 2; with_logo++)
    {
      g_assert_true (kl_company_save_logo (db, with_logo ? logo : NULL, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
        {
          g_autoptr(KlDocument) doc = NULL;
          g_autofree char *pdf = g_build_filename (f->dir, "logo.pdf", NULL);
          g_autoptr(GPtrArray) images = NULL;
          g_autofree char *text = NULL;

          doc = kl_document_load (f->session, documents[i].kind, documents[i].number, &error);
          g_assert_no_error (error);
          g_assert_true (kl_document_write_pdf (doc, pdf, &error));
          g_assert_no_error (error);
          images = pdf_images (pdf);
          if (with_logo)
            {
              g_assert_cmpuint (images->len, ==, 1);
              g_assert_cmpstr (images->pdata[0], ==, "image 400 100 169 169");
            }
          else
            g_assert_cmpuint (images->len, ==, 0);

          /* The requisites beside it, the logo moving nothing out. */
          text = pdf_text (pdf, 0, 0);
          assert_contains (text, documents[i].number);
          assert_contains (text, "Klijentela d.o.o.");
          assert_contains (text, "69435151530");
          assert_contains (text, "Ilica 1");
          assert_contains (text, "10000 Zagreb");
          assert_contains (text, "HR1210010051863000160");
          assert_contains (text, "Jadran Šibenik d.o.o.");
          g_assert_cmpint (count_pages (text), ==, 1);
        }
    }
}

/* Sixty lines: several pages, no row split or lost, the column heads on
 * every page, "Page n of N" at every foot. */
static void
test_long_offer (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "long.pdf", NULL);
  g_autofree char *all = NULL;
  gint64 id = insert_offer (f, "PON-2026-0060", 0, 10);
  int n_pages;

  for (int i = 1; i <= 60; i++)
    {
      g_autofree char *description = g_strdup_printf ("Article %02d of the long offer", i);

      insert_line (f, id, i, description, i, 1000 + i, 0, 2500);
    }
  doc = kl_document_load (f->session, KL_DOCUMENT_OFFER, "PON-2026-0060", &error);
  g_assert_no_error (error);
  g_assert_true (kl_document_write_pdf (doc, pdf, &error));
  all = pdf_text (pdf, 0, 0);
  n_pages = count_pages (all);
  g_assert_cmpint (n_pages, >=, 3);
  g_assert_cmpint (n_pages, <=, 5);

  for (int page = 1; page <= n_pages; page++)
    {
      g_autofree char *text = pdf_text (pdf, page, page);
      g_autofree char *foot = g_strdup_printf ("Page %d of %d", page, n_pages);

      assert_contains (text, foot);
      assert_contains (text, "PON-2026-0060");
      if (page < n_pages)
        assert_contains (text, "Description");
    }

  /* Each line once, and its amount on the same page as its name. */
  for (int i = 1; i <= 60; i++)
    {
      g_autofree char *description = g_strdup_printf ("Article %02d of the long offer", i);
      g_autofree char *total = kl_format_money (i * (1000 + i) + (i * (1000 + i) * 25 + 50) / 100, NULL);
      const char *first = strstr (all, description);
      int found = 0;

      g_assert_nonnull (first);
      g_assert_null (strstr (first + 1, description));
      for (int page = 1; page <= n_pages; page++)
        {
          g_autofree char *text = pdf_text (pdf, page, page);

          if (strstr (text, description) != NULL)
            {
              assert_contains (text, total);
              found++;
            }
        }
      g_assert_cmpint (found, ==, 1);
    }

  /* The totals and the signatures come after the last line. */
  g_assert_true (strstr (all, "Article 60 of the long offer") < strstr (all, "Total to pay"));
  g_assert_true (strstr (all, "Total to pay") < strstr (all, "Signature and stamp"));
}

static void
test_unknown_number (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlDocument) doc = kl_document_load (f->session, KL_DOCUMENT_CONTRACT, "UG-1999-0001", &error);

  g_assert_null (doc);
  g_assert_error (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "UG-1999-0001"));
}

/* The command line: no display, the language asked for, nothing written
 * for a number that does not exist. */
static void
test_command_line (Fixture       *f,
                   gconstpointer  data)
{
  const char *binary = g_getenv ("KLIJENTELA_BINARY");
  g_autofree char *pdf = g_build_filename (f->dir, "cli.pdf", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) env = g_environ_unsetenv (g_get_environ (), "DISPLAY");
  int status;

  g_assert_nonnull (binary);
  g_clear_object (&f->session);
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");

  {
    const char *argv[] = { binary, "--database", f->path, "--export-pdf", "offer:PON-2026-0001", pdf,
                           "--lang", "hr", NULL };
    g_autoptr(GError) error = NULL;

    g_spawn_sync (NULL, (char **) argv, env, 0, NULL, NULL, NULL, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  text = pdf_text (pdf, 0, 0);
  if (setlocale (LC_ALL, "hr_HR.UTF-8") != NULL)
    assert_contains (text, "Ponuda");
  assert_contains (text, "PON-2026-0001");
  assert_contains (text, "Jadran Šibenik d.o.o.");

  {
    const char *argv[] = { binary, "--database", f->path, "--export-pdf", "contract:UG-1999-0001", missing, NULL };
    g_autoptr(GError) error = NULL;

    g_clear_pointer (&err, g_free);
    g_spawn_sync (NULL, (char **) argv, env, 0, NULL, NULL, NULL, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "UG-1999-0001"));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
  {
    const char *argv[] = { binary, "--database", f->path, "--export-pdf", "invoice:1", missing, NULL };
    g_autoptr(GError) error = NULL;

    g_clear_pointer (&err, g_free);
    g_spawn_sync (NULL, (char **) argv, env, 0, NULL, NULL, NULL, &err, &status, &error);
    g_assert_false (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (err, "offer:NUMBER"));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
}

/* The demo data's own company fills the seller's block: a Croatian
 * d.o.o. with its OIB and IBAN, a Russian ООО with INN, KPP, OGRN, BIK
 * and accounts, as `--export-pdf` writes them. */
static void
test_demo_seller (Fixture       *f,
                  gconstpointer  data)
{
  const char *binary = g_getenv ("KLIJENTELA_BINARY");
  const struct {
    const char *country, *currency, *lang;
    const char *needles[8];
  } offices[] = {
    { "HR", "EUR", "hr", { "Sjeverna točka d.o.o.", "Ulica grada Vukovara 237", "47205418368",
                           "HR4023600001102233445", "Zagrebačka banka d.d.", NULL } },
    { "RU", "RUB", "ru", { "ООО «Деловые решения»", "7812456375", "781201001", "1177847123453",
                           "044030653", "40702810755000012345", "30101810050000000653", NULL } },
  };

  g_assert_nonnull (binary);
  for (guint i = 0; i < G_N_ELEMENTS (offices); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dir = NULL;
      g_autofree char *path = NULL;
      KlSession *session = kl_test_open_session ("document-demo", &dir, &path);
      const char *kinds[] = { "contract", "offer" };

      g_assert_true (kl_session_set_office (session, offices[i].country, offices[i].currency, &error));
      g_assert_true (kl_demo_seed (session, 10, "2026-03-01", &error));
      g_assert_no_error (error);
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          GType type = k == 0 ? KL_TYPE_CONTRACT : KL_TYPE_OFFER;
          g_autofree char *sql = g_strdup_printf ("SELECT min(id) FROM %ss", kinds[k]);
          g_autoptr(KlEntity) record = kl_store_get (kl_session_get_store (session, type),
                                                     kl_test_query_int (session, sql), &error);
          g_autoptr(KlEntity) client = NULL;
          g_autofree char *what = NULL;
          g_autofree char *pdf = g_build_filename (dir, "demo.pdf", NULL);
          g_autofree char *text = NULL;
          g_autofree char *err = NULL;
          int status;

          g_assert_no_error (error);
          client = kl_store_get (kl_session_get_store (session, KL_TYPE_CLIENT),
                                 kl_entity_get_number (record, "client_id"), &error);
          g_assert_no_error (error);
          what = g_strdup_printf ("%s:%s", kinds[k], kl_entity_get_text (record, "number"));
          {
            const char *argv[] = { binary, "--database", path, "--export-pdf", what, pdf,
                                   "--lang", offices[i].lang, NULL };

            g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, NULL, &err, &status, &error);
            g_assert_no_error (error);
            if (!g_spawn_check_wait_status (status, NULL))
              g_error ("--export-pdf %s failed: %s", what, err);
          }
          text = pdf_text (pdf, 0, 0);
          assert_contains (text, kl_entity_get_text (record, "number"));
          assert_contains (text, kl_entity_get_text (client, "name"));
          for (guint n = 0; offices[i].needles[n] != NULL; n++)
            assert_contains (text, offices[i].needles[n]);
        }
      kl_test_close_session (&session, &dir, &path);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("KLIJENTELA_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_add ("/document/offer/languages", Fixture, NULL, fixture_set_up, test_offer_languages, fixture_tear_down);
  g_test_add ("/document/contract/languages", Fixture, NULL, fixture_set_up, test_contract_languages, fixture_tear_down);
  g_test_add ("/document/offer/sixty-lines", Fixture, NULL, fixture_set_up, test_long_offer, fixture_tear_down);
  g_test_add ("/document/logo", Fixture, NULL, fixture_set_up, test_logo, fixture_tear_down);
  g_test_add ("/document/unknown-number", Fixture, NULL, fixture_set_up, test_unknown_number, fixture_tear_down);
  g_test_add ("/document/large-amounts", Fixture, NULL, fixture_set_up, test_large_amounts, fixture_tear_down);
  g_test_add ("/document/demo-seller", Fixture, NULL, fixture_set_up, test_demo_seller, fixture_tear_down);
  g_test_add ("/document/command-line", Fixture, NULL, fixture_set_up, test_command_line, fixture_tear_down);

  return g_test_run ();
}
