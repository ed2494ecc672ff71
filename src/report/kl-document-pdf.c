/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-document-pdf.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kl-entities.h"
#include "kl-format.h"
#include "kl-offer-pricing.h"
#include "kl-report-text.h"

/* One drawing for every page: a pass that only measures counts the pages,
 * then each page is drawn by running the same pass and drawing only what
 * falls on it. Nothing here knows about files but kl_document_write_pdf(). */

#define MARGIN 50.0
#define FOOTER_HEIGHT 28.0
#define CONTENT_WIDTH (KL_DOCUMENT_PAGE_WIDTH - 2 * MARGIN)
#define BOTTOM (KL_DOCUMENT_PAGE_HEIGHT - MARGIN - FOOTER_HEIGHT)
#define BODY_PT 9.0
#define SMALL_PT 7.5
#define ROW_PAD 3.0

typedef struct
{
  char    *description;
  char    *breakdown;      /* NULL: nothing taken off or added */
  char    *quantity;
  char    *unit_price;
  char    *net;
  char    *vat_rate;
  char    *total;
} Row;

struct _KlDocument
{
  KlDocumentKind  kind;
  char           *title;        /* "Offer PON-2026-0001" */
  char           *heading;      /* "Offer" */
  char           *number;
  GPtrArray      *facts;        /* label, value, label, value … */
  KlCompany      *company;
  KlCompany      *client;
  GArray         *rows;         /* of Row */
  GPtrArray      *totals;       /* label, value, … the last in bold */
  GPtrArray      *terms;        /* paragraphs */
  char           *left_signer;
  char           *right_signer;
  cairo_surface_t *logo;        /* the own company's, or NULL */
};

/* Drawing state of one pass */
typedef struct
{
  KlDocument *doc;
  cairo_t    *cr;
  int         target;       /* the page to draw; 0: none */
  int         page;
  int         n_pages;
  double      y;
  gboolean    in_table;
} Pass;

static const struct {
  double      width;
  PangoAlignment align;
} columns[] = {
  /* The amounts' columns hold "99 999 999,99" on one line at BODY_PT. */
  { 20, PANGO_ALIGN_LEFT },      /* No. */
  { 158, PANGO_ALIGN_LEFT },     /* description */
  { 45, PANGO_ALIGN_RIGHT },     /* quantity */
  { 72, PANGO_ALIGN_RIGHT },     /* unit price */
  { 75, PANGO_ALIGN_RIGHT },     /* net */
  { 32, PANGO_ALIGN_RIGHT },     /* VAT rate */
  { 93, PANGO_ALIGN_RIGHT },     /* total */
};

/* Text */

static gboolean
drawing (Pass *pass)
{
  return pass->page == pass->target;
}

/* Lays out @text in @width at @x, @y; draws it when the pass draws this
 * page. Returns its height. */
static double
text_at (Pass           *pass,
         double          x,
         double          y,
         double          width,
         double          size,
         PangoWeight     weight,
         PangoAlignment  align,
         double          grey,
         const char     *text)
{
  g_autoptr(PangoLayout) layout = kl_report_text_layout (pass->cr, size, weight, text);
  double height;

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  kl_report_text_size (layout, NULL, &height);
  if (drawing (pass) && text != NULL && *text != '\0')
    {
      cairo_save (pass->cr);
      cairo_set_source_rgb (pass->cr, grey, grey, grey);
      cairo_move_to (pass->cr, x, y);
      pango_cairo_show_layout (pass->cr, layout);
      cairo_restore (pass->cr);
    }
  return height;
}

static double
text_height (Pass        *pass,
             double       width,
             double       size,
             PangoWeight  weight,
             const char  *text)
{
  g_autoptr(PangoLayout) layout = kl_report_text_layout (pass->cr, size, weight, text);
  double height;

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  kl_report_text_size (layout, NULL, &height);
  return height;
}

static void
rule (Pass   *pass,
      double  x,
      double  y,
      double  width,
      double  line_width)
{
  if (!drawing (pass))
    return;
  cairo_save (pass->cr);
  cairo_set_source_rgb (pass->cr, 0.35, 0.35, 0.35);
  cairo_set_line_width (pass->cr, line_width);
  cairo_move_to (pass->cr, x, y);
  cairo_line_to (pass->cr, x + width, y);
  cairo_stroke (pass->cr);
  cairo_restore (pass->cr);
}

/* Pages */

static void draw_table_header (Pass *pass);

static void
draw_footer (Pass *pass)
{
  g_autofree char *page = NULL;
  double y = KL_DOCUMENT_PAGE_HEIGHT - MARGIN - FOOTER_HEIGHT + 10;

  if (!drawing (pass))
    return;
  /* Translators: the page number at the foot of an offer or contract */
  page = g_strdup_printf (_("Page %1$d of %2$d"), pass->page, MAX (pass->n_pages, pass->page));
  rule (pass, MARGIN, y - 4, CONTENT_WIDTH, 0.5);
  text_at (pass, MARGIN, y, CONTENT_WIDTH / 2, SMALL_PT, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_LEFT, 0.35,
           pass->doc->title);
  text_at (pass, MARGIN + CONTENT_WIDTH / 2, y, CONTENT_WIDTH / 2, SMALL_PT, PANGO_WEIGHT_NORMAL,
           PANGO_ALIGN_RIGHT, 0.35, page);
}

static void
next_page (Pass *pass)
{
  draw_footer (pass);
  pass->page++;
  pass->y = MARGIN;
  if (pass->in_table)
    draw_table_header (pass);
}

/* Starts a new page unless @height fits on this one. */
static void
keep (Pass   *pass,
      double  height)
{
  if (pass->y + height > BOTTOM && pass->y > MARGIN)
    next_page (pass);
}

/* The parts */

static void
add_line (GString    *s,
          const char *label,
          const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  if (s->len > 0)
    g_string_append_c (s, '\n');
  if (label != NULL)
    /* Translators: a label and its value on a document, "OIB: 69435151530" */
    g_string_append_printf (s, _("%1$s: %2$s"), label, value);
  else
    g_string_append (s, value);
}

/* The details under a party's name. */
static char *
party_details (const KlCompany *party)
{
  GString *s = g_string_new (NULL);
  gboolean russia = strcmp (party->office.country, "RU") == 0;
  g_autofree char *place = NULL;

  if (party->postal_code != NULL || party->city != NULL)
    place = g_strjoin (" ", party->postal_code != NULL ? party->postal_code : "",
                       party->city != NULL ? party->city : "", NULL);
  add_line (s, NULL, party->address);
  add_line (s, NULL, place != NULL ? g_strstrip (place) : NULL);
  add_line (s, russia ? C_("tax number", "INN") : C_("tax number", "OIB"), party->tax_id);
  add_line (s, C_("Russian registration", "KPP"), party->kpp);
  add_line (s, party->ogrn != NULL && strlen (party->ogrn) == 15 ? C_("Russian registration", "OGRNIP")
                                                                  : C_("Russian registration", "OGRN"),
            party->ogrn);
  add_line (s, _("IBAN"), party->iban);
  add_line (s, _("Bank"), party->bank_name);
  add_line (s, C_("Russian bank code", "BIK"), party->bik);
  add_line (s, _("Account"), party->account);
  add_line (s, _("Correspondent account"), party->corr_account);
  add_line (s, _("Phone"), party->phone);
  add_line (s, _("E-mail"), party->email);
  return g_string_free (s, FALSE);
}

static double
draw_party (Pass            *pass,
            double           x,
            double           y,
            double           width,
            const char      *caption,
            const KlCompany *party)
{
  g_autofree char *details = party_details (party);
  /* "Jadran d.o.o." and "ООО «Нева»" name their legal form already. */
  g_autofree char *name = party->legal_form != NULL && party->name != NULL
                          && strstr (party->name, party->legal_form) == NULL
                            ? g_strdup_printf ("%s %s", party->name, party->legal_form)
                            : g_strdup (party->name != NULL ? party->name : "");
  double h = 0;

  h += text_at (pass, x, y + h, width, SMALL_PT, PANGO_WEIGHT_BOLD, PANGO_ALIGN_LEFT, 0.4, caption);
  h += 2;
  h += text_at (pass, x, y + h, width, 10.5, PANGO_WEIGHT_BOLD, PANGO_ALIGN_LEFT, 0, name);
  h += 2;
  h += text_at (pass, x, y + h, width, BODY_PT, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_LEFT, 0.15, details);
  return h;
}

/* The logo's box in points: about 60 × 20 mm; a logo fills it as far as
 * its aspect allows. */
#define LOGO_MAX_WIDTH 170.0
#define LOGO_MAX_HEIGHT 56.0

/* Draws the logo at @x, @y scaled into the logo's box, aspect kept.
 * Returns its height, 0 with none. */
static double
draw_logo (Pass   *pass,
           double  x,
           double  y)
{
  cairo_surface_t *logo = pass->doc->logo;
  double width, height, scale;

  if (logo == NULL)
    return 0;
  width = cairo_image_surface_get_width (logo);
  height = cairo_image_surface_get_height (logo);
  scale = MIN (LOGO_MAX_WIDTH / width, LOGO_MAX_HEIGHT / height);
  if (drawing (pass))
    {
      cairo_save (pass->cr);
      cairo_translate (pass->cr, x, y);
      cairo_scale (pass->cr, scale, scale);
      cairo_set_source_surface (pass->cr, logo, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (pass->cr), CAIRO_FILTER_GOOD);
      cairo_rectangle (pass->cr, 0, 0, width, height);
      cairo_fill (pass->cr);
      cairo_restore (pass->cr);
    }
  return height * scale;
}

static void
draw_heading (Pass *pass)
{
  KlDocument *doc = pass->doc;
  double half = CONTENT_WIDTH / 2 - 10;
  double left = 0, right = 0, y = pass->y;

  left = draw_logo (pass, MARGIN, y);
  if (left > 0)
    left += 10;
  left += draw_party (pass, MARGIN, y + left, half, doc->left_signer, doc->company);

  right += text_at (pass, MARGIN + CONTENT_WIDTH / 2 + 10, y, half, 18, PANGO_WEIGHT_BOLD,
                    PANGO_ALIGN_RIGHT, 0, doc->heading);
  right += text_at (pass, MARGIN + CONTENT_WIDTH / 2 + 10, y + right, half, 12, PANGO_WEIGHT_NORMAL,
                    PANGO_ALIGN_RIGHT, 0, doc->number);
  right += 6;
  for (guint i = 0; i + 1 < doc->facts->len; i += 2)
    {
      g_autoptr(GString) line = g_string_new (NULL);

      add_line (line, g_ptr_array_index (doc->facts, i), g_ptr_array_index (doc->facts, i + 1));
      right += text_at (pass, MARGIN + CONTENT_WIDTH / 2 + 10, y + right, half, BODY_PT,
                        PANGO_WEIGHT_NORMAL, PANGO_ALIGN_RIGHT, 0.15, line->str);
    }
  y += MAX (left, right) + 18;

  y += draw_party (pass, MARGIN, y, half, doc->right_signer, doc->client);
  pass->y = y + 20;
}

static void
draw_cells (Pass        *pass,
            const char **cells,
            double       size,
            PangoWeight  weight,
            double      *height)
{
  double x = MARGIN;

  *height = 0;
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      double h = text_at (pass, x + 2, pass->y, columns[c].width - 4, size, weight, columns[c].align, 0,
                          cells[c]);

      *height = MAX (*height, h);
      x += columns[c].width;
    }
}

static void
draw_table_header (Pass *pass)
{
  const char *cells[] = {
    C_("document column", "No."), C_("document column", "Description"),
    C_("document column", "Quantity"), C_("document column", "Unit price"),
    C_("document column", "Net"), C_("document column", "VAT"),
    C_("document column", "Total"),
  };
  double h;

  draw_cells (pass, cells, SMALL_PT, PANGO_WEIGHT_BOLD, &h);
  pass->y += h + ROW_PAD;
  rule (pass, MARGIN, pass->y, CONTENT_WIDTH, 0.8);
  pass->y += ROW_PAD;
}

static double
row_height (Pass      *pass,
            const Row *row)
{
  double desc = text_height (pass, columns[1].width - 4, BODY_PT, PANGO_WEIGHT_NORMAL, row->description);
  double qty = text_height (pass, columns[2].width - 4, BODY_PT, PANGO_WEIGHT_NORMAL, row->quantity);

  if (row->breakdown != NULL)
    desc += 1 + text_height (pass, columns[1].width - 4, SMALL_PT, PANGO_WEIGHT_NORMAL, row->breakdown);
  return MAX (desc, qty) + 2 * ROW_PAD;
}

static void
draw_rows (Pass *pass)
{
  KlDocument *doc = pass->doc;

  pass->in_table = TRUE;
  keep (pass, 60);
  draw_table_header (pass);
  for (guint i = 0; i < doc->rows->len; i++)
    {
      const Row *row = &g_array_index (doc->rows, Row, i);
      g_autofree char *no = g_strdup_printf ("%u.", i + 1);
      const char *cells[] = {
        no, row->description, row->quantity, row->unit_price, row->net, row->vat_rate, row->total,
      };
      double h = row_height (pass, row);
      double drawn;

      /* A row is never split across pages. */
      if (pass->y + h > BOTTOM)
        next_page (pass);
      pass->y += ROW_PAD;
      draw_cells (pass, cells, BODY_PT, PANGO_WEIGHT_NORMAL, &drawn);
      if (row->breakdown != NULL)
        {
          double desc = text_height (pass, columns[1].width - 4, BODY_PT, PANGO_WEIGHT_NORMAL, row->description);

          text_at (pass, MARGIN + columns[0].width + 2, pass->y + desc + 1, columns[1].width - 4, SMALL_PT,
                   PANGO_WEIGHT_NORMAL, PANGO_ALIGN_LEFT, 0.4, row->breakdown);
        }
      pass->y += h - ROW_PAD;
      rule (pass, MARGIN, pass->y, CONTENT_WIDTH, 0.25);
    }
  pass->in_table = FALSE;
  pass->y += 10;
}

static void
draw_totals (Pass *pass)
{
  KlDocument *doc = pass->doc;
  double x = MARGIN + CONTENT_WIDTH * 0.4;
  double width = CONTENT_WIDTH * 0.6;
  double height = 0;

  for (guint i = 0; i + 1 < doc->totals->len; i += 2)
    height += text_height (pass, width * 0.55, BODY_PT, PANGO_WEIGHT_NORMAL, g_ptr_array_index (doc->totals, i)) + 3;
  keep (pass, height + 10);

  for (guint i = 0; i + 1 < doc->totals->len; i += 2)
    {
      gboolean last = i + 2 >= doc->totals->len;
      PangoWeight weight = last ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL;
      double size = last ? 11 : BODY_PT;
      double h;

      if (last)
        {
          rule (pass, x, pass->y, width, 0.8);
          pass->y += 3;
        }
      h = text_at (pass, x, pass->y, width * 0.55, size, weight, PANGO_ALIGN_LEFT, 0,
                   g_ptr_array_index (doc->totals, i));
      h = MAX (h, text_at (pass, x + width * 0.55, pass->y, width * 0.45 - 2, size, weight, PANGO_ALIGN_RIGHT, 0,
                           g_ptr_array_index (doc->totals, i + 1)));
      pass->y += h + 3;
    }
  pass->y += 14;
}

static void
draw_terms (Pass *pass)
{
  KlDocument *doc = pass->doc;

  if (doc->terms->len == 0)
    return;
  keep (pass, 40);
  pass->y += text_at (pass, MARGIN, pass->y, CONTENT_WIDTH, 10, PANGO_WEIGHT_BOLD, PANGO_ALIGN_LEFT, 0,
                      C_("document", "Terms")) + 4;
  for (guint i = 0; i < doc->terms->len; i++)
    {
      const char *text = g_ptr_array_index (doc->terms, i);
      double h = text_height (pass, CONTENT_WIDTH, BODY_PT, PANGO_WEIGHT_NORMAL, text);

      keep (pass, h);
      pass->y += text_at (pass, MARGIN, pass->y, CONTENT_WIDTH, BODY_PT, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_LEFT,
                          0.1, text) + 3;
    }
  pass->y += 14;
}

static void
draw_signature (Pass       *pass,
                double      x,
                double      width,
                const char *caption,
                const char *name)
{
  double y = pass->y;
  const char *lines[] = {
    C_("signature", "Signature and stamp"), C_("signature", "Name and position"), C_("signature", "Date"),
  };

  y += text_at (pass, x, y, width, SMALL_PT, PANGO_WEIGHT_BOLD, PANGO_ALIGN_LEFT, 0.4, caption) + 2;
  y += text_at (pass, x, y, width, BODY_PT, PANGO_WEIGHT_BOLD, PANGO_ALIGN_LEFT, 0, name) + 4;
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      y += 26;
      rule (pass, x, y, width, 0.5);
      y += 1 + text_at (pass, x, y + 1, width, SMALL_PT, PANGO_WEIGHT_NORMAL, PANGO_ALIGN_LEFT, 0.4, lines[i]);
    }
}

static void
draw_signatures (Pass *pass)
{
  KlDocument *doc = pass->doc;
  double width = CONTENT_WIDTH / 2 - 20;

  keep (pass, 150);
  draw_signature (pass, MARGIN, width, doc->left_signer, doc->company->name);
  draw_signature (pass, MARGIN + CONTENT_WIDTH / 2 + 20, width, doc->right_signer, doc->client->name);
  pass->y += 150;
}

/* Runs the whole document, drawing page @target (0: none). */
static int
run_pass (KlDocument *doc,
          cairo_t    *cr,
          int         target,
          int         n_pages)
{
  Pass pass = { doc, cr, target, 1, n_pages, MARGIN, FALSE };

  draw_heading (&pass);
  draw_rows (&pass);
  draw_totals (&pass);
  draw_terms (&pass);
  draw_signatures (&pass);
  draw_footer (&pass);
  return pass.page;
}

/**
 * kl_document_count_pages:
 * @cr: a context on the target (its font metrics decide the breaks)
 */
int
kl_document_count_pages (KlDocument *document,
                         cairo_t    *cr)
{
  g_return_val_if_fail (document != NULL, 0);
  g_return_val_if_fail (cr != NULL, 0);

  return run_pass (document, cr, 0, 0);
}

/**
 * kl_document_draw_page:
 * @page: 1 to kl_document_count_pages()
 *
 * Draws one A4 page in points on @cr (a PDF page, a printed page).
 */
void
kl_document_draw_page (KlDocument *document,
                       cairo_t    *cr,
                       int         page)
{
  int n_pages;

  g_return_if_fail (document != NULL);
  g_return_if_fail (cr != NULL);

  n_pages = kl_document_count_pages (document, cr);
  g_return_if_fail (page >= 1 && page <= n_pages);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_restore (cr);
  run_pass (document, cr, page, n_pages);
}

/* Building the document */

static char *
percent_text (int bp)
{
  return kl_format_percent (bp);
}

static char *
signed_money (gint64      amount,
              const char *currency)
{
  g_autofree char *text = kl_format_money (ABS (amount), currency);

  return g_strdup_printf ("%s%s", amount < 0 ? "−" : "+", text);
}

static void
push (GPtrArray  *array,
      const char *label,
      char       *value)
{
  g_ptr_array_add (array, g_strdup (label));
  g_ptr_array_add (array, value);
}

static void
row_clear (gpointer data)
{
  Row *row = data;

  g_free (row->description);
  g_free (row->breakdown);
  g_free (row->quantity);
  g_free (row->unit_price);
  g_free (row->net);
  g_free (row->vat_rate);
  g_free (row->total);
}

/* The breakdown of a line's price, so the client sees how it came about. */
static char *
line_breakdown (const KlLinePrice *price,
                int                deferral_days,
                const char        *currency)
{
  g_autoptr(GString) s = g_string_new (NULL);

  if (price->tier_amount != 0)
    {
      g_autofree char *pct = percent_text (price->tier_bp);
      g_autofree char *amount = signed_money (-price->tier_amount, currency);

      /* Translators: on an offer line: "Quantity discount 10 %: −99.95 EUR" */
      g_string_append_printf (s, _("Quantity discount %1$s: %2$s"), pct, amount);
    }
  if (price->loyalty_amount != 0)
    {
      g_autofree char *pct = percent_text (price->loyalty_bp);
      g_autofree char *amount = signed_money (-price->loyalty_amount, currency);

      if (s->len > 0)
        g_string_append (s, "; ");
      /* Translators: on an offer line: "Loyalty discount 5 %: −44.98 EUR" */
      g_string_append_printf (s, _("Loyalty discount %1$s: %2$s"), pct, amount);
    }
  if (price->deferral_amount != 0)
    {
      g_autofree char *pct = percent_text (price->deferral_bp);
      g_autofree char *amount = signed_money (price->deferral_amount, currency);

      if (s->len > 0)
        g_string_append (s, "; ");
      if (deferral_days == 0)
        /* Translators: on an offer line: "Prepayment −3 %: −9.70 EUR" */
        g_string_append_printf (s, _("Prepayment %1$s: %2$s"), pct, amount);
      else
        /* Translators: on an offer line: "Payment deferral +2 %: +17.09 EUR" */
        g_string_append_printf (s, _("Payment deferral %1$s: %2$s"), pct, amount);
    }
  return s->len > 0 ? g_strdup (s->str) : NULL;
}

static void
add_row (KlDocument        *doc,
         const char        *description,
         const char        *unit,
         const KlLinePrice *price,
         int                deferral_days,
         const char        *currency)
{
  Row row = { 0 };

  row.description = g_strdup (description);
  row.breakdown = line_breakdown (price, deferral_days, currency);
  row.quantity = unit != NULL ? g_strdup_printf ("%" G_GINT64_FORMAT " %s", price->quantity, unit)
                              : g_strdup_printf ("%" G_GINT64_FORMAT, price->quantity);
  row.unit_price = kl_format_money (price->unit_price, NULL);
  row.net = kl_format_money (price->net, NULL);
  row.vat_rate = percent_text (price->vat_bp);
  row.total = kl_format_money (price->total, NULL);
  g_array_append_val (doc->rows, row);
}

static void
add_totals (KlDocument        *doc,
            const KlOfferSums *sums)
{
  if (sums->discounts != 0 || sums->deferral != 0)
    push (doc->totals, _("Value at list prices"), kl_format_money (sums->gross, sums->currency));
  if (sums->discounts != 0)
    push (doc->totals, _("Discounts"), signed_money (-sums->discounts, sums->currency));
  if (sums->deferral != 0)
    push (doc->totals, _("Payment terms adjustment"), signed_money (sums->deferral, sums->currency));
  push (doc->totals, _("Total without VAT"), kl_format_money (sums->net, sums->currency));
  for (guint i = 0; i < sums->vat_rates->len; i++)
    {
      const KlVatAmount *rate = &g_array_index (sums->vat_rates, KlVatAmount, i);
      g_autofree char *pct = percent_text (rate->vat_bp);
      g_autofree char *base = kl_format_money (rate->base, NULL);
      /* Translators: a line of the totals: "VAT 25 % on 871.66" */
      g_autofree char *label = g_strdup_printf (_("VAT %1$s on %2$s"), pct, base);

      push (doc->totals, label, kl_format_money (rate->vat, sums->currency));
    }
  push (doc->totals, _("Total to pay"), kl_format_money (sums->total, sums->currency));
}

static KlDocument *
document_new (KlDocumentKind kind)
{
  KlDocument *doc = g_new0 (KlDocument, 1);

  doc->kind = kind;
  doc->facts = g_ptr_array_new_with_free_func (g_free);
  doc->totals = g_ptr_array_new_with_free_func (g_free);
  doc->terms = g_ptr_array_new_with_free_func (g_free);
  doc->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  g_array_set_clear_func (doc->rows, row_clear);
  return doc;
}

static void
add_payment_term (KlDocument *doc,
                  int         days,
                  gboolean    prepayment)
{
  if (prepayment)
    g_ptr_array_add (doc->terms, g_strdup (_("Payment: in advance, before delivery.")));
  else
    g_ptr_array_add (doc->terms,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Payment: within %d day of the invoice date.",
                                                   "Payment: within %d days of the invoice date.", days),
                                      days));
}

static gboolean
load_offer (KlDocument  *doc,
            KlSession   *session,
            const char  *number,
            GError     **error)
{
  KlDatabase *db = kl_session_get_database (session);
  g_autoptr(KlPricedOffer) offer = NULL;
  gint64 id = kl_document_find (db, KL_DOCUMENT_OFFER, number, error);

  if (id == 0)
    return FALSE;
  offer = kl_priced_offer_load (db, id, &doc->company->deferral, error);
  if (offer == NULL)
    return FALSE;
  doc->client = kl_company_load_client (db, offer->client_id, error);
  if (doc->client == NULL)
    return FALSE;

  /* Translators: the heading of a commercial offer */
  doc->heading = g_strdup (C_("document", "Offer"));
  /* Translators: the title of a PDF and its footer: "Offer PON-2026-0001" */
  doc->title = g_strdup_printf (_("Offer %s"), offer->number);
  push (doc->facts, _("Date"), kl_format_date (offer->issue_date));
  if (offer->valid_until != NULL)
    push (doc->facts, _("Valid until"), kl_format_date (offer->valid_until));
  push (doc->facts, _("Currency"), g_strdup (offer->sums.currency));
  doc->left_signer = g_strdup (C_("party", "Offered by"));
  doc->right_signer = g_strdup (C_("party", "Offered to"));

  for (guint i = 0; i < offer->lines->len; i++)
    {
      const KlPricedLine *line = &g_array_index (offer->lines, KlPricedLine, i);

      add_row (doc, line->description, line->unit, &line->price, offer->deferral_days, offer->sums.currency);
    }
  add_totals (doc, &offer->sums);

  if (offer->valid_until != NULL)
    {
      g_autofree char *date = kl_format_date (offer->valid_until);

      g_ptr_array_add (doc->terms, g_strdup_printf (_("This offer is valid until %s."), date));
    }
  add_payment_term (doc, offer->deferral_days, offer->deferral_days == 0);
  g_ptr_array_add (doc->terms, g_strdup (_("Prices are in the currency shown; VAT is charged at the rates shown on each line.")));
  if (offer->notes != NULL && *offer->notes != '\0')
    g_ptr_array_add (doc->terms, g_strdup (offer->notes));
  return TRUE;
}

static gboolean
load_contract (KlDocument  *doc,
               KlSession   *session,
               const char  *number,
               GError     **error)
{
  KlDatabase *db = kl_session_get_database (session);
  g_autoptr(KlEntity) contract = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  KlOfferSums sums;
  KlLinePrice price;
  const char *currency;
  const char *notes;
  gint64 id = kl_document_find (db, KL_DOCUMENT_CONTRACT, number, error);
  int days;

  if (id == 0)
    return FALSE;
  contract = kl_store_get (kl_session_get_store (session, KL_TYPE_CONTRACT), id, error);
  if (contract == NULL)
    return FALSE;
  doc->client = kl_company_load_client (db, kl_entity_get_number (contract, "client_id"), error);
  if (doc->client == NULL)
    return FALSE;

  currency = kl_entity_get_text (contract, "currency");
  if (!kl_line_price_compute (&price, 1, kl_entity_get_number (contract, "amount"),
                              (int) kl_entity_get_number (contract, "discount_bp"), 0, 0,
                              (int) kl_entity_get_number (contract, "vat_rate_bp"), error))
    return FALSE;

  doc->heading = g_strdup (C_("document", "Contract"));
  /* Translators: the title of a PDF and its footer: "Contract UG-2026-0001" */
  doc->title = g_strdup_printf (_("Contract %s"), kl_entity_get_text (contract, "number"));
  if (kl_entity_get_text (contract, "signed_date") != NULL)
    push (doc->facts, _("Signed on"), kl_format_date (kl_entity_get_text (contract, "signed_date")));
  start = kl_format_date (kl_entity_get_text (contract, "start_date"));
  end = kl_format_date (kl_entity_get_text (contract, "end_date"));
  push (doc->facts, _("Start date"), g_strdup (start));
  if (*end != '\0')
    push (doc->facts, _("End date"), g_strdup (end));
  push (doc->facts, _("Currency"), g_strdup (currency));
  doc->left_signer = g_strdup (C_("party", "Supplier"));
  doc->right_signer = g_strdup (C_("party", "Client"));

  add_row (doc, kl_entity_get_text (contract, "title"), NULL, &price, -1, currency);
  /* A contract's discount is its own, not a quantity tier. */
  if (price.tier_amount != 0)
    {
      Row *row = &g_array_index (doc->rows, Row, 0);
      g_autofree char *pct = percent_text (price.tier_bp);
      g_autofree char *amount = signed_money (-price.tier_amount, currency);

      g_free (row->breakdown);
      /* Translators: under a contract's line: "Discount 5 %: −50.00 EUR" */
      row->breakdown = g_strdup_printf (_("Discount %1$s: %2$s"), pct, amount);
    }
  kl_offer_sums_init (&sums, currency);
  kl_offer_sums_add_line (&sums, &price, NULL);
  add_totals (doc, &sums);
  kl_offer_sums_clear (&sums);

  g_ptr_array_add (doc->terms, *end != '\0'
                   ? g_strdup_printf (_("The contract runs from %1$s to %2$s."), start, end)
                   : g_strdup_printf (_("The contract runs from %s for an indefinite period."), start));
  days = (int) kl_entity_get_number (contract, "payment_terms_days");
  add_payment_term (doc, days, FALSE);
  if (kl_entity_get_number (contract, "auto_renew") != 0)
    {
      int notice = (int) kl_entity_get_number (contract, "notice_days");

      g_ptr_array_add (doc->terms,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "It renews automatically for the same period unless either party gives notice at least %d day before it ends.",
                                                     "It renews automatically for the same period unless either party gives notice at least %d days before it ends.",
                                                     notice),
                                        notice));
    }
  notes = kl_entity_get_text (contract, "notes");
  if (notes != NULL && *notes != '\0')
    g_ptr_array_add (doc->terms, g_strdup (notes));
  return TRUE;
}

/* Reads a PNG from memory for cairo. */
static cairo_status_t
read_png_bytes (void          *closure,
                unsigned char *data,
                unsigned int   length)
{
  GInputStream *stream = closure;
  gsize read = 0;

  if (!g_input_stream_read_all (stream, data, length, &read, NULL, NULL) || read != length)
    return CAIRO_STATUS_READ_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

/* The own company's logo, as the Preferences window keeps it (PNG, read
 * with cairo's own PNG reader: nothing beyond cairo needed here). A logo
 * cairo cannot read is left out with a warning rather than failing the
 * document. */
static gboolean
load_logo (KlDocument  *doc,
           KlDatabase  *database,
           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) png = kl_company_load_logo (database, &local_error);
  g_autoptr(GInputStream) stream = NULL;
  cairo_surface_t *surface;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (png == NULL)
    return TRUE;
  stream = g_memory_input_stream_new_from_bytes (png);
  surface = cairo_image_surface_create_from_png_stream (read_png_bytes, stream);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS
      || cairo_image_surface_get_width (surface) <= 0 || cairo_image_surface_get_height (surface) <= 0)
    {
      g_warning ("The company's logo could not be read: %s",
                 cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return TRUE;
    }
  doc->logo = surface;
  return TRUE;
}

/**
 * kl_document_load:
 * @number: the offer's or contract's number
 *
 * Reads everything the document shows, formatted in the current locale.
 *
 * Returns: (transfer full): the document, or %NULL with
 *   KL_DATABASE_ERROR_NOT_FOUND when there is no such number
 */
KlDocument *
kl_document_load (KlSession       *session,
                  KlDocumentKind   kind,
                  const char      *number,
                  GError         **error)
{
  g_autoptr(KlDocument) doc = NULL;
  gboolean ok;

  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (number != NULL, NULL);
  g_return_val_if_fail (kind == KL_DOCUMENT_OFFER || kind == KL_DOCUMENT_CONTRACT, NULL);

  doc = document_new (kind);
  doc->number = g_strdup (number);
  doc->company = kl_company_load (kl_session_get_database (session), error);
  if (doc->company == NULL)
    return NULL;
  if (!load_logo (doc, kl_session_get_database (session), error))
    return NULL;
  ok = kind == KL_DOCUMENT_OFFER ? load_offer (doc, session, number, error)
                                 : load_contract (doc, session, number, error);
  return ok ? g_steal_pointer (&doc) : NULL;
}

void
kl_document_free (KlDocument *document)
{
  if (document == NULL)
    return;

  g_free (document->title);
  g_free (document->heading);
  g_free (document->number);
  g_ptr_array_unref (document->facts);
  g_ptr_array_unref (document->totals);
  g_ptr_array_unref (document->terms);
  g_array_unref (document->rows);
  g_clear_pointer (&document->company, kl_company_free);
  g_clear_pointer (&document->client, kl_company_free);
  g_free (document->left_signer);
  g_free (document->right_signer);
  g_clear_pointer (&document->logo, cairo_surface_destroy);
  g_free (document);
}

const char *
kl_document_get_title (KlDocument *document)
{
  g_return_val_if_fail (document != NULL, NULL);

  return document->title;
}

/**
 * kl_document_write_pdf:
 *
 * Writes the document as an A4 PDF to @path: to a temporary file beside
 * it first, renamed over @path only when complete, so a failure leaves
 * nothing half-written.
 */
gboolean
kl_document_write_pdf (KlDocument  *document,
                       const char  *path,
                       GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *tmp = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int n_pages;
  int fd;

  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  dir = g_path_get_dirname (path);
  tmp = g_build_filename (dir, ".klijentela-pdf-XXXXXX", NULL);
  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not write “%s”: %s"), name, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  surface = cairo_pdf_surface_create (tmp, KL_DOCUMENT_PAGE_WIDTH, KL_DOCUMENT_PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, document->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR,
                                  document->company->name != NULL ? document->company->name : "");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Klijentela " PACKAGE_VERSION);
  cr = cairo_create (surface);
  n_pages = kl_document_count_pages (document, cr);
  for (int page = 1; page <= n_pages; page++)
    {
      run_pass (document, cr, page, n_pages);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS || g_rename (tmp, path) != 0)
    {
      int saved = status != CAIRO_STATUS_SUCCESS ? EIO : errno;
      g_autofree char *name = g_filename_display_name (path);

      g_remove (tmp);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("Could not write “%s”: %s"), name,
                   status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status) : g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}
