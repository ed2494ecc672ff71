/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-workbook.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "kl-catalog.h"
#include "kl-company.h"
#include "kl-entities.h"
#include "kl-funnel-chart.h"
#include "kl-funnel.h"
#include "kl-part-file.h"

/*
 * One workbook, one pass: every sheet is written row by row in order
 * (libxlsxwriter's constant_memory mode: each row goes to disk when the
 * next one starts, so memory does not grow with the rows). That mode has
 * no tables, so each table is an autofilter plus a defined name, and its
 * totals are formulas that carry the value the model computed.
 *
 * The text is in the workbook's language, read from its catalogue
 * (kl_catalog_pgettext(), context "workbook"), never from the process's
 * locale; numbers are written under the C locale (libxlsxwriter prints
 * doubles with the locale's decimal point).
 */

#define CONTEXT "workbook"
#define W(msgid) kl_catalog_pgettext (w->catalog, CONTEXT, (msgid))

#define MAX_COLS 24
#define MAX_CURRENCIES 16
#define CHECK_EVERY 2048          /* rows between progress reports and cancel checks */
#define EXPIRY_WARNING_DAYS 30
#define KPI_GREEN 1.0             /* plan fulfilled */
#define KPI_AMBER 0.8             /* at least this much of it */
#define MAX_CELL_CHARS 32767
/* The funnel picture: 640 × 400 pixels at 96 dpi on the sheet (about
 * 17 × 10.5 cm), drawn at 300 dpi for print. */
#define FUNNEL_WIDTH 640
#define FUNNEL_HEIGHT 400
#define FUNNEL_DPI 300.0

typedef enum {
  FMT_HEADER,
  FMT_TEXT,
  FMT_ID,              /* identifiers: text, whatever digits they hold */
  FMT_INT,
  FMT_DATE,
  FMT_MONTH,
  FMT_PERCENT,
  FMT_TOTAL_LABEL,
  FMT_TOTAL_INT,
  FMT_TITLE,
  FMT_KPI_GREEN,
  FMT_KPI_AMBER,
  FMT_KPI_RED,
  FMT_N_PLAIN
} PlainFormat;

typedef enum {
  STYLE_PLAIN,
  STYLE_WARN,          /* a contract ending soon */
  STYLE_TOTAL,
  STYLE_N
} Style;

typedef struct {
  char        code[4];
  lxw_format *money[STYLE_N];
} CurrencyFormats;

typedef struct {
  lxw_worksheet *ws;
  KlWorkbookStats *stats;
  char          *name;          /* as in the workbook */
  guint          n_cols;
  guint          widths[MAX_COLS];
  lxw_row_t      row;           /* the next row to write */
} Sheet;

typedef struct {
  KlDatabase               *database;
  const KlWorkbookOptions  *options;
  KlReportScope             scope;
  char                     *today;
  KlCatalog                *catalog;
  lxw_workbook             *wb;
  GCancellable             *cancellable;
  KlWorkbookProgress        progress;
  gpointer                  progress_data;
  double                    rows_total;
  double                    rows_done;
  guint                     since_check;
  gboolean                  cancelled;

  char                     *title;
  char                     *period;
  lxw_format               *plain[FMT_N_PLAIN];
  lxw_format               *warn[FMT_N_PLAIN];
  CurrencyFormats           currencies[MAX_CURRENCIES];
  guint                     n_currencies;
  GPtrArray                *sheets;       /* Sheet */
  GPtrArray                *strings;      /* text libxlsxwriter keeps pointers to */
} Writer;

G_DEFINE_QUARK (kl-workbook-error-quark, kl_workbook_error)

/* Helpers: text */

/* Valid UTF-8 of at most MAX_CELL_CHARS characters (libxlsxwriter checks
 * neither: a cell over the limit is lost, invalid text makes a file Excel
 * repairs). Returns @text itself, or a copy kept in @scratch; its length
 * in bytes in @out_length. */
static const char *
cell_text (const char  *text,
           char       **scratch,
           gsize       *out_length)
{
  gsize length = strlen (text);
  const char *end;

  *out_length = length;
  if (G_LIKELY (length <= MAX_CELL_CHARS && g_utf8_validate_len (text, length, &end)))
    return text;

  g_free (*scratch);
  *scratch = g_utf8_make_valid (text, length);
  if (g_utf8_strlen (*scratch, -1) > MAX_CELL_CHARS)
    *g_utf8_offset_to_pointer (*scratch, MAX_CELL_CHARS) = '\0';
  *out_length = strlen (*scratch);

  return *scratch;
}

/* A sheet name Excel accepts: no []:*?/\, no apostrophe at either end, at
 * most 31 characters, unique whatever the case. */
static char *
sheet_name (Writer     *w,
            const char *wanted)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *valid = g_utf8_make_valid (wanted, -1);
  guint n = 0;

  for (const char *p = valid; *p != '\0' && n < LXW_SHEETNAME_MAX; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (strchr ("[]:*?/\\", (int) c) != NULL && c < 0x80)
        c = '-';
      g_string_append_unichar (name, c);
    }
  while (name->len > 0 && name->str[0] == '\'')
    g_string_erase (name, 0, 1);
  while (name->len > 0 && name->str[name->len - 1] == '\'')
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    g_string_printf (name, "Sheet%u", w->sheets->len + 1);

  for (guint i = 0; i < w->sheets->len; i++)
    {
      Sheet *other = g_ptr_array_index (w->sheets, i);
      g_autofree char *a = g_utf8_casefold (other->name, -1);
      g_autofree char *b = g_utf8_casefold (name->str, -1);

      if (g_str_equal (a, b))
        {
          g_autofree char *suffix = g_strdup_printf (" %u", w->sheets->len + 1);
          glong keep = LXW_SHEETNAME_MAX - (glong) strlen (suffix);

          if (g_utf8_strlen (name->str, -1) > keep)
            g_string_truncate (name, g_utf8_offset_to_pointer (name->str, keep) - name->str);
          g_string_append (name, suffix);
          break;
        }
    }

  return g_string_free (g_steal_pointer (&name), FALSE);
}

/* Text for a page header or footer: "&" doubled. */
static void
append_header_text (GString    *out,
                    const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '&')
        g_string_append_c (out, '&');
      g_string_append_c (out, *p);
    }
}

/* 'Sheet name'!$A$1:$B$2 */
static char *
range_ref (const char *sheet,
           lxw_row_t   first_row,
           lxw_col_t   first_col,
           lxw_row_t   last_row,
           lxw_col_t   last_col)
{
  g_autoptr(GString) ref = g_string_new ("'");
  char a[32], b[32];

  for (const char *p = sheet; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append_c (ref, '\'');
      g_string_append_c (ref, *p);
    }
  lxw_rowcol_to_cell_abs (a, first_row, first_col, 1, 1);
  lxw_rowcol_to_cell_abs (b, last_row, last_col, 1, 1);
  g_string_append_printf (ref, "'!%s:%s", a, b);

  return g_string_free (g_steal_pointer (&ref), FALSE);
}

static char *
cell_range (lxw_row_t first_row,
            lxw_col_t first_col,
            lxw_row_t last_row,
            lxw_col_t last_col)
{
  char a[32], b[32];

  lxw_rowcol_to_cell (a, first_row, first_col);
  lxw_rowcol_to_cell (b, last_row, last_col);

  return g_strdup_printf ("%s:%s", a, b);
}

/* Helpers: dates */

/* Days from 1970-01-01 of a proleptic Gregorian date. */
static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  int y = year - (month <= 2);
  int era = (y >= 0 ? y : y - 399) / 400;
  int yoe = y - era * 400;
  int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return (gint64) era * 146097 + doe - 719468;
}

/* An ISO date (or the date of a date-time) as an Excel serial day number
 * (1900 date system), or -1. */
static double
excel_date (const char *iso)
{
  int year, month, day;

  if (iso == NULL || strlen (iso) < 10 ||
      !g_ascii_isdigit (iso[0]) || !g_ascii_isdigit (iso[1]) || !g_ascii_isdigit (iso[2]) ||
      !g_ascii_isdigit (iso[3]) || iso[4] != '-' || !g_ascii_isdigit (iso[5]) ||
      !g_ascii_isdigit (iso[6]) || iso[7] != '-' || !g_ascii_isdigit (iso[8]) || !g_ascii_isdigit (iso[9]))
    return -1;

  year = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
  month = (iso[5] - '0') * 10 + (iso[6] - '0');
  day = (iso[8] - '0') * 10 + (iso[9] - '0');
  if (year < 1900 || !g_date_valid_dmy (day, month, year))
    return -1;

  /* Serial 25569 is 1970-01-01; 1900-03-01 onwards (Excel's fictional
   * 1900-02-29 comes before). */
  return (double) (days_from_civil (year, month, day) + 25569);
}

/* "YYYY-MM" as the serial of its first day */
static double
excel_month (const char *month)
{
  char iso[11];

  if (month == NULL || strlen (month) < 7)
    return -1;
  memcpy (iso, month, 7);
  memcpy (iso + 7, "-01", 4);

  return excel_date (iso);
}

/* Helpers: formats */

static lxw_format *
new_format (Writer *w)
{
  return workbook_add_format (w->wb);
}

static void
make_formats (Writer *w)
{
  /* Translators: the Excel number format of dates in the workbook, in
   * Excel's codes (d, m, y): “dd.mm.yyyy.” for Croatian, “dd.mm.yyyy” for
   * Russian. Keep it to digits and separators. */
  const char *date = W (NC_("workbook", "yyyy-mm-dd"));
  /* Translators: the Excel number format of a month (a forecast's or a
   * complaint's), in Excel's codes: “mm.yyyy.” for Croatian. */
  const char *month = W (NC_("workbook", "yyyy-mm"));

  for (int variant = 0; variant < 2; variant++)
    {
      lxw_format **set = variant == 0 ? w->plain : w->warn;

      for (int i = 0; i < FMT_N_PLAIN; i++)
        {
          set[i] = new_format (w);
          format_set_font_name (set[i], "Calibri");
          if (variant == 1)
            format_set_bg_color (set[i], 0xFFE699);
        }
      format_set_bold (set[FMT_HEADER]);
      format_set_bg_color (set[FMT_HEADER], variant == 1 ? 0xFFE699 : 0xDDEBF7);
      format_set_bottom (set[FMT_HEADER], LXW_BORDER_THIN);
      format_set_text_wrap (set[FMT_HEADER]);
      format_set_align (set[FMT_HEADER], LXW_ALIGN_VERTICAL_TOP);
      format_set_num_format (set[FMT_ID], "@");
      format_set_num_format (set[FMT_INT], "0");
      format_set_num_format (set[FMT_DATE], date);
      format_set_num_format (set[FMT_MONTH], month);
      format_set_num_format (set[FMT_PERCENT], "0%");
      format_set_bold (set[FMT_TOTAL_LABEL]);
      format_set_top (set[FMT_TOTAL_LABEL], LXW_BORDER_THIN);
      format_set_bold (set[FMT_TOTAL_INT]);
      format_set_top (set[FMT_TOTAL_INT], LXW_BORDER_THIN);
      format_set_num_format (set[FMT_TOTAL_INT], "0");
      format_set_bold (set[FMT_TITLE]);
      format_set_font_size (set[FMT_TITLE], 14);
      format_set_num_format (set[FMT_KPI_GREEN], "0%");
      format_set_bg_color (set[FMT_KPI_GREEN], 0xC6EFCE);
      format_set_font_color (set[FMT_KPI_GREEN], 0x006100);
      format_set_num_format (set[FMT_KPI_AMBER], "0%");
      format_set_bg_color (set[FMT_KPI_AMBER], 0xFFEB9C);
      format_set_font_color (set[FMT_KPI_AMBER], 0x9C5700);
      format_set_num_format (set[FMT_KPI_RED], "0%");
      format_set_bg_color (set[FMT_KPI_RED], 0xFFC7CE);
      format_set_font_color (set[FMT_KPI_RED], 0x9C0006);
    }
}

/* The money format of @currency: two decimals, grouped, the ISO code
 * after the number (each reader shows its own separators). */
static lxw_format *
money_format (Writer     *w,
              const char *currency,
              Style       style)
{
  CurrencyFormats *set = NULL;
  char code[4] = "XXX";

  if (currency != NULL)
    for (int i = 0; i < 3 && currency[i] != '\0'; i++)
      code[i] = g_ascii_isalpha (currency[i]) ? g_ascii_toupper (currency[i]) : 'X';

  for (guint i = 0; i < w->n_currencies; i++)
    if (memcmp (w->currencies[i].code, code, 4) == 0)
      {
        set = &w->currencies[i];
        break;
      }

  if (set == NULL)
    {
      g_autofree char *number_format = g_strdup_printf ("#,##0.00\\ \"%s\"", code);

      if (w->n_currencies == MAX_CURRENCIES)
        set = &w->currencies[MAX_CURRENCIES - 1];   /* rather than fail: reuse the last one */
      else
        set = &w->currencies[w->n_currencies++];
      memcpy (set->code, code, 4);
      for (int s = 0; s < STYLE_N; s++)
        {
          set->money[s] = new_format (w);
          format_set_font_name (set->money[s], "Calibri");
          format_set_num_format (set->money[s], number_format);
        }
      format_set_bg_color (set->money[STYLE_WARN], 0xFFE699);
      format_set_bold (set->money[STYLE_TOTAL]);
      format_set_top (set->money[STYLE_TOTAL], LXW_BORDER_THIN);
    }

  return set->money[style];
}

/* Helpers: progress */

static gboolean
tick (Writer *w,
      guint   rows)
{
  w->rows_done += rows;
  w->since_check += rows;
  if (w->since_check < CHECK_EVERY)
    return !w->cancelled;

  w->since_check = 0;
  if (g_cancellable_is_cancelled (w->cancellable))
    w->cancelled = TRUE;
  if (w->progress != NULL && w->rows_total > 0)
    w->progress (MIN (0.99, w->rows_done / w->rows_total), w->progress_data);

  return !w->cancelled;
}

/* Helpers: sheets and cells */

static void
fit (Sheet *s,
     guint  col,
     guint  chars)
{
  if (col < MAX_COLS && chars > s->widths[col])
    s->widths[col] = chars;
}

static Sheet *
add_sheet (Writer     *w,
           const char *title)
{
  Sheet *s = g_new0 (Sheet, 1);
  g_autoptr(GString) header = g_string_new ("&L&\"-,Bold\"");
  g_autoptr(GString) footer = g_string_new ("&L");
  lxw_header_footer_options no_options = { 0 };

  s->stats = w->options->stats;
  s->name = sheet_name (w, title);
  s->ws = workbook_add_worksheet (w->wb, s->name);
  g_ptr_array_add (w->sheets, s);

  /* Print: landscape, one page wide, the header row on every page; the
   * report's title and period above, page numbers below. */
  worksheet_set_landscape (s->ws);
  worksheet_set_paper (s->ws, 9);   /* A4 */
  worksheet_fit_to_pages (s->ws, 1, 0);
  worksheet_set_margins (s->ws, 0.4, 0.4, 0.7, 0.7);

  append_header_text (header, w->title);
  g_string_append (header, "&C");
  append_header_text (header, s->name);
  g_string_append (header, "&R");
  append_header_text (header, w->period);
  /* Translators: the page footer of each printed sheet. Keep &P (this
   * page's number) and &N (how many pages). */
  g_string_append (footer, W (NC_("workbook", "Page &P of &N")));
  g_string_append (footer, "&R");
  append_header_text (footer, w->today);
  if (g_utf8_strlen (header->str, -1) > LXW_HEADER_FOOTER_MAX)
    g_string_truncate (header, g_utf8_offset_to_pointer (header->str, LXW_HEADER_FOOTER_MAX) - header->str);
  worksheet_set_header_opt (s->ws, header->str, &no_options);
  worksheet_set_footer_opt (s->ws, footer->str, &no_options);

  return s;
}

static void
put_text (Sheet      *s,
          guint       col,
          const char *text,
          lxw_format *format)
{
  char *scratch = NULL;
  const char *valid;
  gsize length;

  if (text == NULL)
    return;

  valid = cell_text (text, &scratch, &length);
  worksheet_write_string (s->ws, s->row, (lxw_col_t) col, valid, format);
  if (s->stats != NULL)
    {
      s->stats->text_cells++;
      s->stats->text_bytes += length;
    }
  /* Characters, not bytes (Cyrillic and accents take two); counted only
   * when the bytes could widen the column. */
  if (col < MAX_COLS && length > s->widths[col])
    fit (s, col, (guint) g_utf8_strlen (valid, 240));
  g_free (scratch);
}

static void
put_number (Sheet      *s,
            guint       col,
            double      value,
            lxw_format *format,
            guint       chars)
{
  worksheet_write_number (s->ws, s->row, (lxw_col_t) col, value, format);
  if (s->stats != NULL)
    s->stats->number_cells++;
  fit (s, col, chars);
}

static guint
digits (gint64 value)
{
  guint n = value < 0 ? 2 : 1;

  for (value = ABS (value); value >= 10; value /= 10)
    n++;

  return n;
}

static void
put_int (Sheet      *s,
         guint       col,
         gint64      value,
         lxw_format *format)
{
  put_number (s, col, (double) value, format, digits (value));
}

static void
put_money (Writer     *w,
           Sheet      *s,
           guint       col,
           gint64      minor_units,
           const char *currency,
           Style       style)
{
  put_number (s, col, (double) minor_units / 100.0, money_format (w, currency, style),
              digits (minor_units / 100) * 4 / 3 + 8);
}

/* minor units × 100 (a weighted value) */
static void
put_money_x100 (Writer     *w,
                Sheet      *s,
                guint       col,
                gint64      minor_x100,
                const char *currency,
                Style       style)
{
  put_number (s, col, (double) minor_x100 / 10000.0, money_format (w, currency, style),
              digits (minor_x100 / 10000) * 4 / 3 + 8);
}

static void
put_date (Sheet      *s,
          guint       col,
          const char *iso,
          lxw_format *format)
{
  double serial = excel_date (iso);

  if (serial > 0)
    put_number (s, col, serial, format, 11);
}

static void
put_month (Writer     *w,
           Sheet      *s,
           guint       col,
           const char *month,
           lxw_format *format)
{
  double serial = excel_month (month);

  if (serial > 0)
    put_number (s, col, serial, format, 9);
  else
    put_text (s, col, W (NC_("workbook", "No date")), w->plain[FMT_TEXT]);
}

static void
put_choice (Writer             *w,
            Sheet              *s,
            guint               col,
            const char * const *choices,
            const char         *value,
            lxw_format         *format)
{
  const char *context = NULL;
  const char *msgid;

  if (value == NULL)
    return;
  msgid = kl_choice_msgid (choices, value, &context);
  put_text (s, col, kl_catalog_pgettext (w->catalog, context, msgid), format);
}

/* A formula with the value it computes, so that readers that do not
 * recalculate show the same number. */
static void
put_formula (Sheet      *s,
             guint       col,
             const char *formula,
             double      value,
             lxw_format *format,
             guint       chars)
{
  worksheet_write_formula_num (s->ws, s->row, (lxw_col_t) col, formula, format, value);
  if (s->stats != NULL)
    s->stats->formula_cells++;
  fit (s, col, chars);
}

/* The header row: bold, frozen, filtered, repeated on every printed page. */
static void
put_header (Writer            *w,
            Sheet             *s,
            const char *const *titles,
            guint              n)
{
  g_assert (n <= MAX_COLS);

  s->n_cols = MAX (s->n_cols, n);
  for (guint i = 0; i < n; i++)
    {
      const char *title = W (titles[i]);

      worksheet_write_string (s->ws, s->row, (lxw_col_t) i, title, w->plain[FMT_HEADER]);
      /* the filter's button takes about two characters */
      fit (s, i, MIN ((guint) g_utf8_strlen (title, -1), 18) + 2);
    }
}

static void
start_table (Writer            *w,
             Sheet             *s,
             const char *const *titles,
             guint              n)
{
  put_header (w, s, titles, n);
  worksheet_freeze_panes (s->ws, s->row + 1, 0);
  worksheet_repeat_rows (s->ws, s->row, s->row);
  s->row++;
}

/* The header row at @first (as start_table() wrote it) to the last row
 * written: an autofilter and a defined name. */
static void
end_table (Writer     *w,
           Sheet      *s,
           lxw_row_t   first,
           guint       n_cols,
           const char *name,
           gboolean    filter)
{
  lxw_row_t last = s->row > first + 1 ? s->row - 1 : first + 1;
  g_autofree char *ref = range_ref (s->name, first, 0, last, (lxw_col_t) (n_cols - 1));
  g_autofree char *formula = g_strdup_printf ("=%s", ref);

  if (filter)
    worksheet_autofilter (s->ws, first, 0, last, (lxw_col_t) (n_cols - 1));
  workbook_define_name (w->wb, name, formula);
}

static void
finish_sheet (Sheet *s)
{
  if (s->stats != NULL)
    s->stats->rows += s->row;

  for (guint i = 0; i < s->n_cols && i < MAX_COLS; i++)
    worksheet_set_column (s->ws, (lxw_col_t) i, (lxw_col_t) i, MIN (s->widths[i], 50) + 1.5, NULL);
}

static void
sheet_free (gpointer data)
{
  Sheet *s = data;

  g_free (s->name);
  g_free (s);
}

/* Per-currency totals of a table: for each currency (kept in @currencies
 * in the order met), the sums of some columns. */
typedef struct {
  char    code[4];
  gint64  sums[MAX_COLS];   /* minor units, or × 100 for weighted values */
} CurrencyTotal;

typedef struct {
  CurrencyTotal items[MAX_CURRENCIES];
  guint         n;
} CurrencyTotals;

static CurrencyTotal *
currency_total (CurrencyTotals *totals,
                const char     *currency)
{
  char code[4] = { 0 };

  g_strlcpy (code, currency != NULL ? currency : "", sizeof code);
  for (guint i = 0; i < totals->n; i++)
    if (memcmp (totals->items[i].code, code, 4) == 0)
      return &totals->items[i];
  if (totals->n == MAX_CURRENCIES)
    return &totals->items[MAX_CURRENCIES - 1];

  memset (&totals->items[totals->n], 0, sizeof (CurrencyTotal));
  memcpy (totals->items[totals->n].code, code, 4);
  return &totals->items[totals->n++];
}

static int
compare_codes (const void *a,
               const void *b)
{
  return strcmp (((const CurrencyTotal *) a)->code, ((const CurrencyTotal *) b)->code);
}

/* Rows "Total EUR", "Total RUB"…: under the table (first data row @first,
 * last @last), for each currency, SUMIF of @cols over the rows in that
 * currency (column @currency_col), each with the model's sum. */
static void
put_currency_totals (Writer          *w,
                     Sheet           *s,
                     CurrencyTotals  *totals,
                     lxw_row_t        first,
                     lxw_row_t        last,
                     guint            label_col,
                     guint            currency_col,
                     const guint     *cols,
                     const gboolean  *x100,
                     guint            n_cols)
{
  qsort (totals->items, totals->n, sizeof (CurrencyTotal), compare_codes);
  s->row++;   /* one empty row after the table */

  for (guint i = 0; i < totals->n; i++)
    {
      CurrencyTotal *t = &totals->items[i];
      g_autofree char *currencies = cell_range (first, (lxw_col_t) currency_col, last, (lxw_col_t) currency_col);
      /* Translators: a total row of one currency, e.g. “Total EUR”. */
      g_autofree char *label = g_strdup_printf (W (NC_("workbook", "Total %s")), t->code);

      put_text (s, label_col, label, w->plain[FMT_TOTAL_LABEL]);
      put_text (s, currency_col, t->code, w->plain[FMT_TOTAL_LABEL]);
      for (guint c = 0; c < n_cols; c++)
        {
          g_autofree char *values = cell_range (first, (lxw_col_t) cols[c], last, (lxw_col_t) cols[c]);
          g_autofree char *formula = g_strdup_printf ("=SUMIF(%s,\"%s\",%s)", currencies, t->code, values);
          double value = x100 != NULL && x100[c] ? (double) t->sums[c] / 10000.0 : (double) t->sums[c] / 100.0;

          put_formula (s, cols[c], formula, value, money_format (w, t->code, STYLE_TOTAL),
                       digits ((gint64) value) * 4 / 3 + 8);
        }
      s->row++;
    }
}

/* The Clients sheet */

static const char * const client_titles[KL_CLIENTS_N_COLS] = {
  NC_("workbook", "Name"), NC_("workbook", "Kind"), NC_("workbook", "Legal form"),
  NC_("workbook", "Tax ID"), NC_("workbook", "Country"), NC_("workbook", "Postal code"),
  NC_("workbook", "City"), NC_("workbook", "Address"), NC_("workbook", "Phone"),
  NC_("workbook", "E-mail"), NC_("workbook", "Segment"), NC_("workbook", "Status"),
  NC_("workbook", "Source"), NC_("workbook", "Credit rating"), NC_("workbook", "Credit limit"),
  NC_("workbook", "Currency"), NC_("workbook", "Payment terms (days)"), NC_("workbook", "Manager"),
  NC_("workbook", "Last contact"), NC_("workbook", "Next activity"), NC_("workbook", "Open pipeline"),
  NC_("workbook", "Overdue debt"), NC_("workbook", "Client since"),
};

/* The sheet's rows: the list's when it is the list exported. */
static KlReportCursor *
open_cursor (Writer            *w,
             KlWorkbookSheets   sheet,
             KlReportQuery      query,
             GError           **error)
{
  if (w->options->list == sheet)
    return kl_report_cursor_new_list (w->database, query, &w->scope, w->options->ids,
                                      w->options->n_ids, error);

  return kl_report_cursor_new (w->database, query, &w->scope, error);
}

static gboolean
write_clients (Writer  *w,
               GError **error)
{
  Sheet *s = add_sheet (w, W (NC_("workbook", "Clients")));
  g_autoptr(KlReportCursor) cursor = NULL;
  CurrencyTotals totals = { 0 };
  lxw_format *text = w->plain[FMT_TEXT];
  lxw_format *id = w->plain[FMT_ID];
  lxw_row_t first;
  GError *local_error = NULL;
  static const guint total_cols[] = { KL_CLIENTS_COL_OPEN_PIPELINE, KL_CLIENTS_COL_OVERDUE_DEBT };

  cursor = open_cursor (w, KL_WORKBOOK_CLIENTS, KL_REPORT_CLIENTS, error);
  if (cursor == NULL)
    return FALSE;

  start_table (w, s, client_titles, KL_CLIENTS_N_COLS);
  first = s->row;
  while (kl_report_cursor_next (cursor, &local_error))
    {
      KlReportCursor *c = cursor;
      const char *currency = kl_report_cursor_get_text (c, KL_CLIENTS_COL_CURRENCY);
      CurrencyTotal *t = currency_total (&totals, currency);
      gint64 pipeline = kl_report_cursor_get_int (c, KL_CLIENTS_COL_OPEN_PIPELINE);
      gint64 debt = kl_report_cursor_get_int (c, KL_CLIENTS_COL_OVERDUE_DEBT);

      put_text (s, KL_CLIENTS_COL_NAME, kl_report_cursor_get_text (c, KL_CLIENTS_COL_NAME), text);
      put_choice (w, s, KL_CLIENTS_COL_KIND, kl_client_kinds,
                  kl_report_cursor_get_text (c, KL_CLIENTS_COL_KIND), text);
      put_text (s, KL_CLIENTS_COL_LEGAL_FORM, kl_report_cursor_get_text (c, KL_CLIENTS_COL_LEGAL_FORM), text);
      put_text (s, KL_CLIENTS_COL_TAX_ID, kl_report_cursor_get_text (c, KL_CLIENTS_COL_TAX_ID), id);
      put_text (s, KL_CLIENTS_COL_COUNTRY, kl_report_cursor_get_text (c, KL_CLIENTS_COL_COUNTRY), text);
      put_text (s, KL_CLIENTS_COL_POSTAL_CODE, kl_report_cursor_get_text (c, KL_CLIENTS_COL_POSTAL_CODE), id);
      put_text (s, KL_CLIENTS_COL_CITY, kl_report_cursor_get_text (c, KL_CLIENTS_COL_CITY), text);
      put_text (s, KL_CLIENTS_COL_ADDRESS, kl_report_cursor_get_text (c, KL_CLIENTS_COL_ADDRESS), text);
      put_text (s, KL_CLIENTS_COL_PHONE, kl_report_cursor_get_text (c, KL_CLIENTS_COL_PHONE), id);
      put_text (s, KL_CLIENTS_COL_EMAIL, kl_report_cursor_get_text (c, KL_CLIENTS_COL_EMAIL), text);
      put_text (s, KL_CLIENTS_COL_SEGMENT, kl_report_cursor_get_text (c, KL_CLIENTS_COL_SEGMENT), text);
      put_choice (w, s, KL_CLIENTS_COL_STATUS, kl_client_statuses,
                  kl_report_cursor_get_text (c, KL_CLIENTS_COL_STATUS), text);
      put_choice (w, s, KL_CLIENTS_COL_SOURCE, kl_client_sources,
                  kl_report_cursor_get_text (c, KL_CLIENTS_COL_SOURCE), text);
      put_choice (w, s, KL_CLIENTS_COL_CREDIT_RATING, kl_credit_ratings,
                  kl_report_cursor_get_text (c, KL_CLIENTS_COL_CREDIT_RATING), text);
      put_money (w, s, KL_CLIENTS_COL_CREDIT_LIMIT, kl_report_cursor_get_int (c, KL_CLIENTS_COL_CREDIT_LIMIT),
                 currency, STYLE_PLAIN);
      put_text (s, KL_CLIENTS_COL_CURRENCY, currency, text);
      put_int (s, KL_CLIENTS_COL_PAYMENT_TERMS, kl_report_cursor_get_int (c, KL_CLIENTS_COL_PAYMENT_TERMS),
               w->plain[FMT_INT]);
      put_text (s, KL_CLIENTS_COL_MANAGER, kl_report_cursor_get_text (c, KL_CLIENTS_COL_MANAGER), text);
      put_date (s, KL_CLIENTS_COL_LAST_CONTACT, kl_report_cursor_get_text (c, KL_CLIENTS_COL_LAST_CONTACT),
                w->plain[FMT_DATE]);
      put_date (s, KL_CLIENTS_COL_NEXT_ACTIVITY, kl_report_cursor_get_text (c, KL_CLIENTS_COL_NEXT_ACTIVITY),
                w->plain[FMT_DATE]);
      put_money (w, s, KL_CLIENTS_COL_OPEN_PIPELINE, pipeline, currency, STYLE_PLAIN);
      put_money (w, s, KL_CLIENTS_COL_OVERDUE_DEBT, debt, currency, STYLE_PLAIN);
      put_date (s, KL_CLIENTS_COL_CREATED, kl_report_cursor_get_text (c, KL_CLIENTS_COL_CREATED),
                w->plain[FMT_DATE]);
      t->sums[0] += pipeline;
      t->sums[1] += debt;
      s->row++;
      if (!tick (w, 1))
        return TRUE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  end_table (w, s, first - 1, KL_CLIENTS_N_COLS, "ClientsTable", TRUE);
  put_currency_totals (w, s, &totals, first, MAX (first, s->row - 1), KL_CLIENTS_COL_NAME,
                       KL_CLIENTS_COL_CURRENCY, total_cols, NULL, G_N_ELEMENTS (total_cols));
  finish_sheet (s);
  return TRUE;
}

/* The Pipeline sheet */

static const char * const deal_titles[KL_DEALS_N_COLS] = {
  NC_("workbook", "Client"), NC_("workbook", "Deal"), NC_("workbook", "Stage"),
  NC_("workbook", "Amount"), NC_("workbook", "Currency"), NC_("workbook", "Probability"),
  NC_("workbook", "Weighted value"), NC_("workbook", "Expected close"), NC_("workbook", "Days in stage"),
  NC_("workbook", "Manager"), NC_("workbook", "Closed"),
};

static gboolean
write_pipeline (Writer  *w,
                GError **error)
{
  Sheet *s = add_sheet (w, W (NC_("workbook", "Pipeline")));
  g_autoptr(KlReportCursor) c = open_cursor (w, KL_WORKBOOK_PIPELINE, KL_REPORT_DEALS, error);
  CurrencyTotals totals = { 0 };
  lxw_format *text = w->plain[FMT_TEXT];
  lxw_row_t first;
  GError *local_error = NULL;
  static const guint total_cols[] = { KL_DEALS_COL_AMOUNT, KL_DEALS_COL_WEIGHTED_X100 };
  static const gboolean x100[] = { FALSE, TRUE };

  if (c == NULL)
    return FALSE;

  start_table (w, s, deal_titles, KL_DEALS_N_COLS);
  first = s->row;
  while (kl_report_cursor_next (c, &local_error))
    {
      const char *currency = kl_report_cursor_get_text (c, KL_DEALS_COL_CURRENCY);
      CurrencyTotal *t = currency_total (&totals, currency);
      gint64 amount = kl_report_cursor_get_int (c, KL_DEALS_COL_AMOUNT);
      gint64 weighted = kl_report_cursor_get_int (c, KL_DEALS_COL_WEIGHTED_X100);

      put_text (s, KL_DEALS_COL_CLIENT, kl_report_cursor_get_text (c, KL_DEALS_COL_CLIENT), text);
      put_text (s, KL_DEALS_COL_TITLE, kl_report_cursor_get_text (c, KL_DEALS_COL_TITLE), text);
      put_choice (w, s, KL_DEALS_COL_STAGE, kl_deal_stages, kl_report_cursor_get_text (c, KL_DEALS_COL_STAGE), text);
      put_money (w, s, KL_DEALS_COL_AMOUNT, amount, currency, STYLE_PLAIN);
      put_text (s, KL_DEALS_COL_CURRENCY, currency, text);
      put_number (s, KL_DEALS_COL_PROBABILITY, kl_report_cursor_get_int (c, KL_DEALS_COL_PROBABILITY) / 100.0,
                  w->plain[FMT_PERCENT], 5);
      put_money_x100 (w, s, KL_DEALS_COL_WEIGHTED_X100, weighted, currency, STYLE_PLAIN);
      put_date (s, KL_DEALS_COL_EXPECTED_CLOSE, kl_report_cursor_get_text (c, KL_DEALS_COL_EXPECTED_CLOSE),
                w->plain[FMT_DATE]);
      if (!kl_report_cursor_is_null (c, KL_DEALS_COL_DAYS_IN_STAGE))
        put_int (s, KL_DEALS_COL_DAYS_IN_STAGE, kl_report_cursor_get_int (c, KL_DEALS_COL_DAYS_IN_STAGE),
                 w->plain[FMT_INT]);
      put_text (s, KL_DEALS_COL_MANAGER, kl_report_cursor_get_text (c, KL_DEALS_COL_MANAGER), text);
      put_date (s, KL_DEALS_COL_CLOSED, kl_report_cursor_get_text (c, KL_DEALS_COL_CLOSED), w->plain[FMT_DATE]);
      t->sums[0] += amount;
      t->sums[1] += weighted;
      s->row++;
      if (!tick (w, 1))
        return TRUE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  end_table (w, s, first - 1, KL_DEALS_N_COLS, "PipelineTable", TRUE);
  put_currency_totals (w, s, &totals, first, MAX (first, s->row - 1), KL_DEALS_COL_CLIENT,
                       KL_DEALS_COL_CURRENCY, total_cols, x100, G_N_ELEMENTS (total_cols));
  finish_sheet (s);
  return TRUE;
}

/* The Forecast sheet: a row per month, for each currency its amount and
 * weighted value; a chart of the weighted values per currency. */

typedef struct {
  char   month[8];
  gint64 deals;
  gint64 amount[MAX_CURRENCIES];
  gint64 weighted[MAX_CURRENCIES];
} ForecastRow;

static gboolean
write_forecast (Writer  *w,
                GError **error)
{
  Sheet *s = add_sheet (w, W (NC_("workbook", "Forecast")));
  g_autoptr(KlReportCursor) c = kl_report_cursor_new (w->database, KL_REPORT_FORECAST, &w->scope, error);
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (ForecastRow));
  CurrencyTotals currencies = { 0 };
  GError *local_error = NULL;
  lxw_row_t first, last;
  guint n_cols;
  gint64 all_deals = 0;

  if (c == NULL)
    return FALSE;

  while (kl_report_cursor_next (c, &local_error))
    {
      const char *month = kl_report_cursor_get_text (c, KL_FORECAST_COL_MONTH);
      CurrencyTotal *t = currency_total (&currencies, kl_report_cursor_get_text (c, KL_FORECAST_COL_CURRENCY));
      guint k = (guint) (t - currencies.items);
      ForecastRow *row;

      if (rows->len == 0 || strcmp (g_array_index (rows, ForecastRow, rows->len - 1).month, month) != 0)
        {
          ForecastRow empty = { { 0 } };

          g_strlcpy (empty.month, month, sizeof empty.month);
          g_array_append_val (rows, empty);
        }
      row = &g_array_index (rows, ForecastRow, rows->len - 1);
      row->deals += kl_report_cursor_get_int (c, KL_FORECAST_COL_DEALS);
      row->amount[k] += kl_report_cursor_get_int (c, KL_FORECAST_COL_AMOUNT);
      row->weighted[k] += kl_report_cursor_get_int (c, KL_FORECAST_COL_WEIGHTED_X100);
      t->sums[0] += kl_report_cursor_get_int (c, KL_FORECAST_COL_AMOUNT);
      t->sums[1] += kl_report_cursor_get_int (c, KL_FORECAST_COL_WEIGHTED_X100);
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  /* Currencies in the order of their codes; the rows keep their indexes. */
  n_cols = 2 + 2 * MIN (currencies.n, (MAX_COLS - 2) / 2);
  {
    g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
    guint order[MAX_CURRENCIES];
    CurrencyTotals sorted = currencies;

    qsort (sorted.items, sorted.n, sizeof (CurrencyTotal), compare_codes);
    for (guint i = 0; i < sorted.n; i++)
      for (guint j = 0; j < currencies.n; j++)
        if (memcmp (sorted.items[i].code, currencies.items[j].code, 4) == 0)
          order[i] = j;

    g_ptr_array_add (titles, g_strdup (NC_("workbook", "Month")));
    g_ptr_array_add (titles, g_strdup (NC_("workbook", "Deals")));
    for (guint i = 0; 2 + 2 * i < n_cols; i++)
      {
        /* Translators: a column of the forecast, e.g. “Amount EUR”. */
        g_ptr_array_add (titles, g_strdup_printf (W (NC_("workbook", "Amount %s")), sorted.items[i].code));
        /* Translators: a column of the forecast, e.g. “Weighted value EUR”. */
        g_ptr_array_add (titles, g_strdup_printf (W (NC_("workbook", "Weighted value %s")), sorted.items[i].code));
      }

    /* The titles are translated already: put them as they are. */
    s->n_cols = n_cols;
    for (guint i = 0; i < n_cols; i++)
      {
        const char *title = i < 2 ? W (g_ptr_array_index (titles, i)) : g_ptr_array_index (titles, i);

        worksheet_write_string (s->ws, 0, (lxw_col_t) i, title, w->plain[FMT_HEADER]);
        fit (s, i, MIN ((guint) g_utf8_strlen (title, -1), 18) + 2);
      }
    worksheet_freeze_panes (s->ws, 1, 0);
    worksheet_repeat_rows (s->ws, 0, 0);
    s->row = 1;

    first = s->row;
    for (guint r = 0; r < rows->len; r++)
      {
        ForecastRow *row = &g_array_index (rows, ForecastRow, r);

        put_month (w, s, 0, row->month, w->plain[FMT_MONTH]);
        put_int (s, 1, row->deals, w->plain[FMT_INT]);
        all_deals += row->deals;
        for (guint i = 0; 2 + 2 * i < n_cols; i++)
          {
            put_money (w, s, 2 + 2 * i, row->amount[order[i]], sorted.items[i].code, STYLE_PLAIN);
            put_money_x100 (w, s, 3 + 2 * i, row->weighted[order[i]], sorted.items[i].code, STYLE_PLAIN);
          }
        s->row++;
      }
    last = MAX (first, s->row - 1);
    end_table (w, s, 0, n_cols, "ForecastTable", TRUE);

    /* Totals: the columns are one currency each, so a SUM is right. */
    s->row++;
    put_text (s, 0, W (NC_("workbook", "Total")), w->plain[FMT_TOTAL_LABEL]);
    {
      g_autofree char *range = cell_range (first, 1, last, 1);
      g_autofree char *formula = g_strdup_printf ("=SUM(%s)", range);

      put_formula (s, 1, formula, (double) all_deals, w->plain[FMT_TOTAL_INT], digits (all_deals));
    }
    for (guint i = 0; 2 + 2 * i < n_cols; i++)
      for (guint j = 0; j < 2; j++)
        {
          guint col = 2 + 2 * i + j;
          g_autofree char *range = cell_range (first, (lxw_col_t) col, last, (lxw_col_t) col);
          g_autofree char *formula = g_strdup_printf ("=SUM(%s)", range);
          double value = j == 0 ? sorted.items[i].sums[0] / 100.0 : sorted.items[i].sums[1] / 10000.0;

          put_formula (s, col, formula, value, money_format (w, sorted.items[i].code, STYLE_TOTAL),
                       digits ((gint64) value) * 4 / 3 + 8);
        }
    s->row++;

    /* A chart per currency (their scales differ too much to share one) */
    for (guint i = 0; 2 + 2 * i < n_cols && rows->len > 0; i++)
      {
        lxw_chart *chart = workbook_add_chart (w->wb, LXW_CHART_COLUMN);
        lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
        lxw_chart_options place = { .x_scale = 1.4, .y_scale = 1.2 };
        g_autofree char *chart_title = g_strdup (g_ptr_array_index (titles, 3 + 2 * i));

        chart_series_set_categories (series, s->name, first, 0, last, 0);
        chart_series_set_values (series, s->name, first, (lxw_col_t) (3 + 2 * i), last, (lxw_col_t) (3 + 2 * i));
        chart_series_set_name (series, chart_title);
        chart_title_set_name (chart, chart_title);
        chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
        g_ptr_array_add (w->strings, g_steal_pointer (&chart_title));
        worksheet_insert_chart_opt (s->ws, s->row + 1 + 18 * i, 0, chart, &place);
      }
  }

  finish_sheet (s);
  tick (w, rows->len);
  return TRUE;
}

/* The Contracts sheet */

static const char * const contract_titles[KL_CONTRACTS_N_COLS] = {
  NC_("workbook", "Number"), NC_("workbook", "Client"), NC_("workbook", "Tax ID"),
  NC_("workbook", "Title"), NC_("workbook", "Status"), NC_("workbook", "Signed"),
  NC_("workbook", "Start"), NC_("workbook", "End"), NC_("workbook", "Days to expiry"),
  NC_("workbook", "Amount"), NC_("workbook", "Currency"), NC_("workbook", "Renews automatically"),
  NC_("workbook", "Notice (days)"), NC_("workbook", "Manager"),
};

static gboolean
write_contracts (Writer  *w,
                 GError **error)
{
  Sheet *s = add_sheet (w, W (NC_("workbook", "Contracts")));
  g_autoptr(KlReportCursor) c = open_cursor (w, KL_WORKBOOK_CONTRACTS, KL_REPORT_CONTRACTS, error);
  CurrencyTotals totals = { 0 };
  lxw_row_t first;
  GError *local_error = NULL;
  static const guint total_cols[] = { KL_CONTRACTS_COL_AMOUNT };
  const char *yes = W (NC_("workbook", "Yes"));
  const char *no = W (NC_("workbook", "No"));

  if (c == NULL)
    return FALSE;

  start_table (w, s, contract_titles, KL_CONTRACTS_N_COLS);
  first = s->row;
  while (kl_report_cursor_next (c, &local_error))
    {
      const char *currency = kl_report_cursor_get_text (c, KL_CONTRACTS_COL_CURRENCY);
      const char *status = kl_report_cursor_get_text (c, KL_CONTRACTS_COL_STATUS);
      gint64 amount = kl_report_cursor_get_int (c, KL_CONTRACTS_COL_AMOUNT);
      gboolean has_end = !kl_report_cursor_is_null (c, KL_CONTRACTS_COL_DAYS_TO_EXPIRY);
      gint64 days = kl_report_cursor_get_int (c, KL_CONTRACTS_COL_DAYS_TO_EXPIRY);
      /* In force and ending within 30 days: the whole row stands out. */
      gboolean warn = has_end && days >= 0 && days <= EXPIRY_WARNING_DAYS &&
                      (g_strcmp0 (status, "active") == 0 || g_strcmp0 (status, "signed") == 0);
      lxw_format **f = warn ? w->warn : w->plain;
      Style style = warn ? STYLE_WARN : STYLE_PLAIN;

      put_text (s, KL_CONTRACTS_COL_NUMBER, kl_report_cursor_get_text (c, KL_CONTRACTS_COL_NUMBER), f[FMT_ID]);
      put_text (s, KL_CONTRACTS_COL_CLIENT, kl_report_cursor_get_text (c, KL_CONTRACTS_COL_CLIENT), f[FMT_TEXT]);
      put_text (s, KL_CONTRACTS_COL_TAX_ID, kl_report_cursor_get_text (c, KL_CONTRACTS_COL_TAX_ID), f[FMT_ID]);
      put_text (s, KL_CONTRACTS_COL_TITLE, kl_report_cursor_get_text (c, KL_CONTRACTS_COL_TITLE), f[FMT_TEXT]);
      put_choice (w, s, KL_CONTRACTS_COL_STATUS, kl_contract_statuses, status, f[FMT_TEXT]);
      put_date (s, KL_CONTRACTS_COL_SIGNED, kl_report_cursor_get_text (c, KL_CONTRACTS_COL_SIGNED), f[FMT_DATE]);
      put_date (s, KL_CONTRACTS_COL_START, kl_report_cursor_get_text (c, KL_CONTRACTS_COL_START), f[FMT_DATE]);
      put_date (s, KL_CONTRACTS_COL_END, kl_report_cursor_get_text (c, KL_CONTRACTS_COL_END), f[FMT_DATE]);
      if (has_end)
        put_int (s, KL_CONTRACTS_COL_DAYS_TO_EXPIRY, days, f[FMT_INT]);
      put_money (w, s, KL_CONTRACTS_COL_AMOUNT, amount, currency, style);
      put_text (s, KL_CONTRACTS_COL_CURRENCY, currency, f[FMT_TEXT]);
      put_text (s, KL_CONTRACTS_COL_AUTO_RENEW,
                kl_report_cursor_get_int (c, KL_CONTRACTS_COL_AUTO_RENEW) ? yes : no, f[FMT_TEXT]);
      put_int (s, KL_CONTRACTS_COL_NOTICE_DAYS, kl_report_cursor_get_int (c, KL_CONTRACTS_COL_NOTICE_DAYS),
               f[FMT_INT]);
      put_text (s, KL_CONTRACTS_COL_MANAGER, kl_report_cursor_get_text (c, KL_CONTRACTS_COL_MANAGER), f[FMT_TEXT]);
      if (warn)
        for (guint col = 0; col < KL_CONTRACTS_N_COLS; col++)
          {
            /* empty cells of the row get the colour too */
            if (col == KL_CONTRACTS_COL_SIGNED && kl_report_cursor_get_text (c, col) == NULL)
              worksheet_write_blank (s->ws, s->row, (lxw_col_t) col, f[FMT_DATE]);
            if ((col == KL_CONTRACTS_COL_TAX_ID || col == KL_CONTRACTS_COL_MANAGER) &&
                kl_report_cursor_get_text (c, col) == NULL)
              worksheet_write_blank (s->ws, s->row, (lxw_col_t) col, f[FMT_TEXT]);
          }
      currency_total (&totals, currency)->sums[0] += amount;
      s->row++;
      if (!tick (w, 1))
        return TRUE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  end_table (w, s, first - 1, KL_CONTRACTS_N_COLS, "ContractsTable", TRUE);
  put_currency_totals (w, s, &totals, first, MAX (first, s->row - 1), KL_CONTRACTS_COL_NUMBER,
                       KL_CONTRACTS_COL_CURRENCY, total_cols, NULL, G_N_ELEMENTS (total_cols));
  finish_sheet (s);
  return TRUE;
}

/* The Receivables sheet: the model's ageing of each client
 * (kl_receivables_ageing_foreach_client()), one row per client and
 * currency. */

enum {
  RECEIVABLES_COL_CLIENT,
  RECEIVABLES_COL_TAX_ID,
  RECEIVABLES_COL_CURRENCY,
  RECEIVABLES_COL_INVOICES,
  RECEIVABLES_COL_BUCKET0,   /* + KlAgeingBucket */
  RECEIVABLES_COL_TOTAL = RECEIVABLES_COL_BUCKET0 + KL_AGEING_N_BUCKETS,
  RECEIVABLES_N_COLS
};

static const char * const receivable_titles[RECEIVABLES_N_COLS] = {
  NC_("workbook", "Client"), NC_("workbook", "Tax ID"), NC_("workbook", "Currency"),
  NC_("workbook", "Invoices"),
  /* Translators: an ageing bucket of receivables: not yet due. */
  NC_("workbook", "Not due"),
  /* Translators: ageing buckets of receivables, in days past due. */
  NC_("workbook", "1–30 days"), NC_("workbook", "31–60 days"), NC_("workbook", "61–90 days"),
  NC_("workbook", "Over 90 days"), NC_("workbook", "Total"),
};

typedef struct {
  Writer         *w;
  Sheet          *s;
  CurrencyTotals  totals;
} ReceivablesJob;

static gboolean
put_receivable (const KlClientAgeing *row,
                gpointer              user_data)
{
  ReceivablesJob *job = user_data;
  Writer *w = job->w;
  Sheet *s = job->s;
  const char *currency = row->ageing.currency;
  CurrencyTotal *t = currency_total (&job->totals, currency);

  put_text (s, RECEIVABLES_COL_CLIENT, row->name, w->plain[FMT_TEXT]);
  if (row->tax_id != NULL && row->tax_id[0] != '\0')
    put_text (s, RECEIVABLES_COL_TAX_ID, row->tax_id, w->plain[FMT_ID]);
  put_text (s, RECEIVABLES_COL_CURRENCY, currency, w->plain[FMT_TEXT]);
  put_int (s, RECEIVABLES_COL_INVOICES, row->ageing.n_invoices, w->plain[FMT_INT]);
  for (guint i = 0; i <= KL_AGEING_N_BUCKETS; i++)
    {
      gint64 value = i < KL_AGEING_N_BUCKETS ? row->ageing.buckets[i] : row->ageing.balance;

      put_money (w, s, RECEIVABLES_COL_BUCKET0 + i, value, currency, STYLE_PLAIN);
      t->sums[i] += value;
    }
  s->row++;

  return tick (w, 1);
}

static gboolean
write_receivables (Writer  *w,
                   GError **error)
{
  Sheet *s = add_sheet (w, W (NC_("workbook", "Receivables")));
  ReceivablesJob job = { .w = w, .s = s };
  CurrencyTotals *totals = &job.totals;
  lxw_row_t first, last, totals_row;
  guint total_cols[KL_AGEING_N_BUCKETS + 1];

  for (guint i = 0; i <= KL_AGEING_N_BUCKETS; i++)
    total_cols[i] = RECEIVABLES_COL_BUCKET0 + i;

  start_table (w, s, receivable_titles, RECEIVABLES_N_COLS);
  first = s->row;
  if (!kl_receivables_ageing_foreach_client (w->database, w->scope.manager_id, w->today,
                                             put_receivable, &job, error))
    return FALSE;
  if (w->cancelled)
    return TRUE;

  last = MAX (first, s->row - 1);
  end_table (w, s, first - 1, RECEIVABLES_N_COLS, "ReceivablesTable", TRUE);
  totals_row = s->row + 1;
  put_currency_totals (w, s, totals, first, last, RECEIVABLES_COL_CLIENT,
                       RECEIVABLES_COL_CURRENCY, total_cols, NULL, G_N_ELEMENTS (total_cols));

  /* A chart of the buckets per currency, from the total rows */
  for (guint i = 0; i < totals->n; i++)
    {
      lxw_chart *chart = workbook_add_chart (w->wb, LXW_CHART_COLUMN);
      lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
      lxw_chart_options place = { .x_scale = 1.4, .y_scale = 1.2 };
      /* Translators: the title of a chart, e.g. “Receivables by age, EUR”. */
      char *chart_title = g_strdup_printf (W (NC_("workbook", "Receivables by age, %s")), totals->items[i].code);

      chart_series_set_categories (series, s->name, first - 1, RECEIVABLES_COL_BUCKET0,
                                   first - 1, RECEIVABLES_COL_BUCKET0 + KL_AGEING_N_BUCKETS - 1);
      chart_series_set_values (series, s->name, totals_row + i, RECEIVABLES_COL_BUCKET0,
                               totals_row + i, RECEIVABLES_COL_BUCKET0 + KL_AGEING_N_BUCKETS - 1);
      chart_series_set_name (series, chart_title);
      chart_title_set_name (chart, chart_title);
      chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
      g_ptr_array_add (w->strings, chart_title);
      worksheet_insert_chart_opt (s->ws, s->row + 1 + 18 * i, 0, chart, &place);
    }

  finish_sheet (s);
  return TRUE;
}

/* The Complaints sheet */

static const char * const complaint_titles[KL_COMPLAINTS_N_COLS] = {
  NC_("workbook", "Month"), NULL, NULL, NULL, NULL, NULL, NULL, NC_("workbook", "Total"),
};

static gboolean
write_complaints (Writer  *w,
                  GError **error)
{
  Sheet *s = add_sheet (w, W (NC_("workbook", "Complaints")));
  g_autoptr(KlReportCursor) c = kl_report_cursor_new (w->database, KL_REPORT_COMPLAINTS, &w->scope, error);
  gint64 sums[KL_COMPLAINTS_N_COLS] = { 0 };
  lxw_row_t first, last, n_months;
  GError *local_error = NULL;

  if (c == NULL)
    return FALSE;

  s->n_cols = KL_COMPLAINTS_N_COLS;
  for (guint i = 0; i < KL_COMPLAINTS_N_COLS; i++)
    {
      const char *title;

      if (complaint_titles[i] != NULL)
        title = W (complaint_titles[i]);
      else
        {
          const char *context = NULL;
          const char *msgid = kl_choice_msgid (kl_complaint_categories,
                                               kl_complaint_categories[i - KL_COMPLAINTS_COL_CATEGORY0],
                                               &context);

          title = kl_catalog_pgettext (w->catalog, context, msgid);
        }
      worksheet_write_string (s->ws, 0, (lxw_col_t) i, title, w->plain[FMT_HEADER]);
      fit (s, i, MIN ((guint) g_utf8_strlen (title, -1), 18) + 2);
    }
  worksheet_freeze_panes (s->ws, 1, 0);
  worksheet_repeat_rows (s->ws, 0, 0);
  s->row = first = 1;

  while (kl_report_cursor_next (c, &local_error))
    {
      put_month (w, s, 0, kl_report_cursor_get_text (c, KL_COMPLAINTS_COL_MONTH), w->plain[FMT_MONTH]);
      for (guint i = 1; i < KL_COMPLAINTS_N_COLS; i++)
        {
          gint64 n = kl_report_cursor_get_int (c, i);

          put_int (s, i, n, w->plain[FMT_INT]);
          sums[i] += n;
        }
      s->row++;
      if (!tick (w, 1))
        return TRUE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  n_months = s->row - first;
  last = MAX (first, s->row - 1);
  end_table (w, s, 0, KL_COMPLAINTS_N_COLS, "ComplaintsTable", TRUE);
  s->row++;
  put_text (s, 0, W (NC_("workbook", "Total")), w->plain[FMT_TOTAL_LABEL]);
  for (guint i = 1; i < KL_COMPLAINTS_N_COLS; i++)
    {
      g_autofree char *range = cell_range (first, (lxw_col_t) i, last, (lxw_col_t) i);
      g_autofree char *formula = g_strdup_printf ("=SUM(%s)", range);

      put_formula (s, i, formula, (double) sums[i], w->plain[FMT_TOTAL_INT], digits (sums[i]));
    }
  s->row++;

  if (n_months > 0)
    {
      lxw_chart *chart = workbook_add_chart (w->wb, LXW_CHART_COLUMN_STACKED);
      lxw_chart_options place = { .x_scale = 1.6, .y_scale = 1.3 };

      for (guint i = KL_COMPLAINTS_COL_CATEGORY0; i < KL_COMPLAINTS_COL_TOTAL; i++)
        {
          lxw_chart_series *series = chart_add_series (chart, NULL, NULL);

          chart_series_set_categories (series, s->name, first, 0, last, 0);
          chart_series_set_values (series, s->name, first, (lxw_col_t) i, last, (lxw_col_t) i);
          chart_series_set_name_range (series, s->name, 0, (lxw_col_t) i);
        }
      chart_title_set_name (chart, W (NC_("workbook", "Complaints by category and month")));
      chart_legend_set_position (chart, LXW_CHART_LEGEND_BOTTOM);
      worksheet_insert_chart_opt (s->ws, s->row + 1, 0, chart, &place);
    }

  finish_sheet (s);
  return TRUE;
}

/* The Activities sheet */

static const char * const activity_titles[KL_ACTIVITIES_N_COLS] = {
  NC_("workbook", "Manager"),
  /* Translators: a column of the activities sheet: the Monday of each week. */
  NC_("workbook", "Week of"),
  NC_("workbook", "Calls"), NC_("workbook", "Meetings"),
  /* Translators: exhibitions and events attended */
  NC_("workbook", "Events"),
  /* Translators: new clients who came by a referral */
  NC_("workbook", "Referrals"),
};

static gboolean
write_activities (Writer  *w,
                  GError **error)
{
  Sheet *s = add_sheet (w, W (NC_("workbook", "Activities")));
  g_autoptr(KlReportCursor) c = kl_report_cursor_new (w->database, KL_REPORT_ACTIVITIES, &w->scope, error);
  gint64 sums[KL_ACTIVITIES_N_COLS] = { 0 };
  lxw_row_t first, last;
  GError *local_error = NULL;
  const char *nobody = W (NC_("workbook", "No manager"));

  if (c == NULL)
    return FALSE;

  start_table (w, s, activity_titles, KL_ACTIVITIES_N_COLS);
  first = s->row;
  while (kl_report_cursor_next (c, &local_error))
    {
      const char *manager = kl_report_cursor_get_text (c, KL_ACTIVITIES_COL_MANAGER);

      put_text (s, KL_ACTIVITIES_COL_MANAGER, manager != NULL ? manager : nobody, w->plain[FMT_TEXT]);
      put_date (s, KL_ACTIVITIES_COL_WEEK, kl_report_cursor_get_text (c, KL_ACTIVITIES_COL_WEEK),
                w->plain[FMT_DATE]);
      for (guint i = KL_ACTIVITIES_COL_CALLS; i < KL_ACTIVITIES_N_COLS; i++)
        {
          gint64 n = kl_report_cursor_get_int (c, i);

          put_int (s, i, n, w->plain[FMT_INT]);
          sums[i] += n;
        }
      s->row++;
      if (!tick (w, 1))
        return TRUE;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  last = MAX (first, s->row - 1);
  end_table (w, s, first - 1, KL_ACTIVITIES_N_COLS, "ActivitiesTable", TRUE);
  s->row++;
  put_text (s, 0, W (NC_("workbook", "Total")), w->plain[FMT_TOTAL_LABEL]);
  for (guint i = KL_ACTIVITIES_COL_CALLS; i < KL_ACTIVITIES_N_COLS; i++)
    {
      g_autofree char *range = cell_range (first, (lxw_col_t) i, last, (lxw_col_t) i);
      g_autofree char *formula = g_strdup_printf ("=SUM(%s)", range);

      put_formula (s, i, formula, (double) sums[i], w->plain[FMT_TOTAL_INT], digits (sums[i]));
    }
  s->row++;

  finish_sheet (s);
  return TRUE;
}

/* The Summary sheet: per manager, the KPIs against plan, the funnel */

static const char * const manager_titles[KL_MANAGERS_N_COLS] = {
  NC_("workbook", "Manager"), NC_("workbook", "Currency"), NC_("workbook", "Deals won"),
  NC_("workbook", "Won value"), NC_("workbook", "Open deals"), NC_("workbook", "Pipeline"),
  NC_("workbook", "Forecast"), NC_("workbook", "Overdue debt"),
};

/* KPI table: manager, currency, months, then four columns per measure */
#define KPI_MEASURES 5
#define KPI_COLS (3 + 3 * KPI_MEASURES)

static const char * const kpi_titles[KPI_COLS] = {
  NC_("workbook", "Manager"), NC_("workbook", "Currency"), NC_("workbook", "Months"),
  NC_("workbook", "Revenue plan"), NC_("workbook", "Revenue"), NC_("workbook", "Revenue %"),
  NC_("workbook", "Deals plan"), NC_("workbook", "Deals won"), NC_("workbook", "Deals %"),
  NC_("workbook", "Meetings plan"), NC_("workbook", "Meetings"), NC_("workbook", "Meetings %"),
  NC_("workbook", "Calls plan"), NC_("workbook", "Calls"), NC_("workbook", "Calls %"),
  NC_("workbook", "New clients plan"), NC_("workbook", "New clients"), NC_("workbook", "New clients %"),
};

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The funnel chart of the window as a PNG at FUNNEL_DPI. Its text is in
 * the workbook's language and numbers as that language writes them when
 * the system has the language's locale (hr_HR.UTF-8, ru_RU.UTF-8), in
 * English otherwise: the drawing reads the thread's locale. */
static GBytes *
draw_funnel (Writer         *w,
             const KlFunnel *funnel)
{
  static const struct { const char *language, *locale; } locales[] = {
    { "hr", "hr_HR.UTF-8" }, { "ru", "ru_RU.UTF-8" }, { "en", "en_US.UTF-8" },
  };
  double scale = FUNNEL_DPI / 96.0;
  KlChartStyle style = { .dark = FALSE, .scale = scale };
  cairo_surface_t *surface;
  cairo_t *cr;
  GByteArray *png = g_byte_array_new ();
  locale_t drawing_locale = (locale_t) 0;
  locale_t previous = (locale_t) 0;
  cairo_status_t status;

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    if (g_str_equal (kl_catalog_get_language (w->catalog), locales[i].language))
      drawing_locale = newlocale (LC_ALL_MASK, locales[i].locale, (locale_t) 0);
  if (drawing_locale != (locale_t) 0)
    previous = uselocale (drawing_locale);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (FUNNEL_WIDTH * scale),
                                        (int) (FUNNEL_HEIGHT * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  kl_funnel_chart_draw (cr, FUNNEL_WIDTH, FUNNEL_HEIGHT, &style, funnel, w->period, -1, NULL);
  cairo_destroy (cr);
  status = cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);

  if (drawing_locale != (locale_t) 0)
    {
      uselocale (previous);
      freelocale (drawing_locale);
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_warning ("Could not draw the funnel: %s", cairo_status_to_string (status));
      g_byte_array_unref (png);
      return NULL;
    }

  return g_byte_array_free_to_bytes (png);
}

static lxw_format *
kpi_format (Writer *w,
            double  ratio)
{
  if (ratio >= KPI_GREEN)
    return w->plain[FMT_KPI_GREEN];
  if (ratio >= KPI_AMBER)
    return w->plain[FMT_KPI_AMBER];
  return w->plain[FMT_KPI_RED];
}

static gboolean
write_summary (Writer  *w,
               GError **error)
{
  Sheet *s = add_sheet (w, W (NC_("workbook", "Summary")));
  g_autoptr(KlReportCursor) c = NULL;
  CurrencyTotals totals = { 0 };
  lxw_row_t first, last, funnel_first;
  GError *local_error = NULL;
  const char *nobody = W (NC_("workbook", "No manager"));
  static const guint total_cols[] = { KL_MANAGERS_COL_WON, KL_MANAGERS_COL_PIPELINE,
                                      KL_MANAGERS_COL_FORECAST_X100, KL_MANAGERS_COL_OVERDUE_DEBT };
  static const gboolean x100[] = { FALSE, FALSE, TRUE, FALSE };
  g_autoptr(KlFunnel) funnel = NULL;
  g_autoptr(GBytes) picture = NULL;
  g_autofree char *first_day = NULL;
  const char *last_day;

  /* Title and period */
  worksheet_write_string (s->ws, 0, 0, w->title, w->plain[FMT_TITLE]);
  worksheet_set_row (s->ws, 0, 20, NULL);
  s->row = 1;
  put_text (s, 0, w->period, w->plain[FMT_TEXT]);
  s->widths[0] = 0;   /* the title and the period overflow into the next cells */
  s->row = 3;

  /* Per manager and currency */
  c = kl_report_cursor_new (w->database, KL_REPORT_MANAGERS, &w->scope, error);
  if (c == NULL)
    return FALSE;
  put_text (s, 0, W (NC_("workbook", "Sales by manager")), w->plain[FMT_TOTAL_LABEL]);
  s->row++;
  put_header (w, s, manager_titles, KL_MANAGERS_N_COLS);
  s->row++;
  first = s->row;
  while (kl_report_cursor_next (c, &local_error))
    {
      const char *manager = kl_report_cursor_get_text (c, KL_MANAGERS_COL_MANAGER);
      const char *currency = kl_report_cursor_get_text (c, KL_MANAGERS_COL_CURRENCY);
      CurrencyTotal *t = currency_total (&totals, currency);

      put_text (s, KL_MANAGERS_COL_MANAGER, manager != NULL ? manager : nobody, w->plain[FMT_TEXT]);
      put_text (s, KL_MANAGERS_COL_CURRENCY, currency, w->plain[FMT_TEXT]);
      put_int (s, KL_MANAGERS_COL_WON_DEALS, kl_report_cursor_get_int (c, KL_MANAGERS_COL_WON_DEALS),
               w->plain[FMT_INT]);
      put_int (s, KL_MANAGERS_COL_OPEN_DEALS, kl_report_cursor_get_int (c, KL_MANAGERS_COL_OPEN_DEALS),
               w->plain[FMT_INT]);
      for (guint i = 0; i < G_N_ELEMENTS (total_cols); i++)
        {
          gint64 value = kl_report_cursor_get_int (c, total_cols[i]);

          if (x100[i])
            put_money_x100 (w, s, total_cols[i], value, currency, STYLE_PLAIN);
          else
            put_money (w, s, total_cols[i], value, currency, STYLE_PLAIN);
          t->sums[i] += value;
        }
      s->row++;
    }
  g_clear_pointer (&c, kl_report_cursor_free);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  last = MAX (first, s->row - 1);
  end_table (w, s, first - 1, KL_MANAGERS_N_COLS, "ManagersTable", TRUE);
  put_currency_totals (w, s, &totals, first, last, KL_MANAGERS_COL_MANAGER, KL_MANAGERS_COL_CURRENCY,
                       total_cols, x100, G_N_ELEMENTS (total_cols));

  /* KPIs against the sales plans */
  s->row++;
  c = kl_report_cursor_new (w->database, KL_REPORT_KPI, &w->scope, error);
  if (c == NULL)
    return FALSE;
  put_text (s, 0, W (NC_("workbook", "Plan fulfilment")), w->plain[FMT_TOTAL_LABEL]);
  s->row++;
  put_header (w, s, kpi_titles, KPI_COLS);
  s->row++;
  first = s->row;
  while (kl_report_cursor_next (c, &local_error))
    {
      const char *currency = kl_report_cursor_get_text (c, KL_KPI_COL_CURRENCY);
      g_autofree char *months = g_strdup_printf ("%s – %s",
                                                 kl_report_cursor_get_text (c, KL_KPI_COL_FIRST_MONTH),
                                                 kl_report_cursor_get_text (c, KL_KPI_COL_LAST_MONTH));

      put_text (s, 0, kl_report_cursor_get_text (c, KL_KPI_COL_MANAGER), w->plain[FMT_TEXT]);
      put_text (s, 1, currency, w->plain[FMT_TEXT]);
      put_text (s, 2, months, w->plain[FMT_TEXT]);
      for (guint m = 0; m < KPI_MEASURES; m++)
        {
          gint64 target = kl_report_cursor_get_int (c, KL_KPI_COL_REVENUE_TARGET + 2 * m);
          gint64 actual = kl_report_cursor_get_int (c, KL_KPI_COL_REVENUE + 2 * m);
          guint col = 3 + 3 * m;
          char target_cell[16], actual_cell[16];
          g_autofree char *formula = NULL;
          double ratio;

          if (m == 0)
            {
              put_money (w, s, col, target, currency, STYLE_PLAIN);
              put_money (w, s, col + 1, actual, currency, STYLE_PLAIN);
            }
          else
            {
              put_int (s, col, target, w->plain[FMT_INT]);
              put_int (s, col + 1, actual, w->plain[FMT_INT]);
            }
          if (target <= 0)
            continue;
          lxw_rowcol_to_cell (target_cell, s->row, (lxw_col_t) col);
          lxw_rowcol_to_cell (actual_cell, s->row, (lxw_col_t) col + 1);
          formula = g_strdup_printf ("=%s/%s", actual_cell, target_cell);
          ratio = (double) actual / (double) target;
          put_formula (s, col + 2, formula, ratio, kpi_format (w, ratio), 6);
        }
      s->row++;
    }
  g_clear_pointer (&c, kl_report_cursor_free);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  end_table (w, s, first - 1, KPI_COLS, "KpiTable", FALSE);

  /* The funnel: deals created in the period that reached each stage, as
   * the window computes it */
  s->row++;
  last_day = w->scope.to != NULL ? w->scope.to : w->today;
  first_day = w->scope.from != NULL ? g_strdup (w->scope.from) : kl_report_first_deal_day (w->database);
  if (first_day == NULL || strcmp (first_day, last_day) > 0)
    {
      g_free (first_day);
      first_day = g_strdup (last_day);
    }
  funnel = kl_funnel_compute (w->database, first_day, last_day, w->scope.manager_id,
                              NULL, w->cancellable, error);
  if (funnel == NULL)
    return FALSE;
  put_text (s, 0, W (NC_("workbook", "Sales funnel")), w->plain[FMT_TOTAL_LABEL]);
  s->row++;
  {
    static const char * const funnel_titles[] = {
      NC_("workbook", "Stage"), NC_("workbook", "Deals reached"),
      /* Translators: of the deals that reached the stage before, how many reached this one */
      NC_("workbook", "From previous stage"),
      /* Translators: of the deals that entered the funnel (leads), how many reached this stage */
      NC_("workbook", "From leads"),
    };

    put_header (w, s, funnel_titles, G_N_ELEMENTS (funnel_titles));
    s->row++;
    funnel_first = s->row;
    for (guint i = 0; i < KL_FUNNEL_N_STAGES; i++)
      {
        char here[16], before[16], leads[16];
        g_autofree char *formula = NULL;
        gint64 reached = funnel->stages[i].reached;
        gint64 previous = i > 0 ? funnel->stages[i - 1].reached : 0;

        put_choice (w, s, 0, kl_deal_stages, kl_deal_stages[i], w->plain[FMT_TEXT]);
        put_int (s, 1, reached, w->plain[FMT_INT]);
        lxw_rowcol_to_cell (here, s->row, 1);
        lxw_rowcol_to_cell (before, s->row - 1, 1);
        lxw_rowcol_to_cell_abs (leads, funnel_first, 1, 1, 1);
        if (i > 0 && previous > 0)
          {
            formula = g_strdup_printf ("=%s/%s", here, before);
            put_formula (s, 2, formula, (double) reached / previous, w->plain[FMT_PERCENT], 6);
            g_clear_pointer (&formula, g_free);
          }
        if (funnel->cohort > 0)
          {
            formula = g_strdup_printf ("=%s/%s", here, leads);
            put_formula (s, 3, formula, (double) reached / funnel->cohort, w->plain[FMT_PERCENT], 6);
          }
        s->row++;
      }
    end_table (w, s, funnel_first - 1, G_N_ELEMENTS (funnel_titles), "FunnelTable", FALSE);
  }

  /* Beside the funnel's table: the native chart of its stages, and the
   * picture the window draws. */
  {
    lxw_chart *chart = workbook_add_chart (w->wb, LXW_CHART_BAR);
    lxw_chart_series *series = chart_add_series (chart, NULL, NULL);
    lxw_chart_options place = { .x_offset = 10, .x_scale = 1.2, .y_scale = 1.2 };
    lxw_chart_axis *axis = chart->y_axis;

    chart_series_set_categories (series, s->name, funnel_first, 0, funnel_first + KL_FUNNEL_N_STAGES - 1, 0);
    chart_series_set_values (series, s->name, funnel_first, 1, funnel_first + KL_FUNNEL_N_STAGES - 1, 1);
    chart_series_set_name_range (series, s->name, funnel_first - 1, 1);
    chart_title_set_name (chart, W (NC_("workbook", "Sales funnel")));
    chart_legend_set_position (chart, LXW_CHART_LEGEND_NONE);
    chart_axis_set_reverse (axis);   /* the first stage on top */
    worksheet_insert_chart_opt (s->ws, funnel_first - 2, 5, chart, &place);
  }
  /* The same picture as the window's, below, at print resolution */
  picture = draw_funnel (w, funnel);
  if (picture != NULL)
    {
      gsize size;
      const unsigned char *data = g_bytes_get_data (picture, &size);
      lxw_image_options image = { .x_scale = 96.0 / FUNNEL_DPI, .y_scale = 96.0 / FUNNEL_DPI,
                                  .description = (char *) W (NC_("workbook", "Sales funnel")) };

      worksheet_insert_image_buffer_opt (s->ws, s->row + 1, 0, data, size, &image);
    }

  finish_sheet (s);
  return TRUE;
}

/* The whole workbook */

static char *
describe_period (Writer *w)
{
  g_autofree char *manager = NULL;
  g_autofree char *period = NULL;

  if (w->scope.from != NULL && w->scope.to != NULL)
    /* Translators: the period of a report, dates in ISO form */
    period = g_strdup_printf (W (NC_("workbook", "%s to %s")), w->scope.from, w->scope.to);
  else if (w->scope.from != NULL)
    /* Translators: the period of a report with no end, a date in ISO form */
    period = g_strdup_printf (W (NC_("workbook", "from %s")), w->scope.from);
  else if (w->scope.to != NULL)
    /* Translators: the period of a report with no start, a date in ISO form */
    period = g_strdup_printf (W (NC_("workbook", "up to %s")), w->scope.to);
  else
    period = g_strdup (W (NC_("workbook", "all dates")));

  if (w->scope.manager_id == 0)
    return g_steal_pointer (&period);

  manager = kl_report_manager_name (w->database, w->scope.manager_id);
  /* Translators: the period of a report and the manager it is about */
  return g_strdup_printf (W (NC_("workbook", "%s, %s")), period, manager != NULL ? manager : "?");
}

static gint64
estimate_rows (Writer  *w,
               GError **error)
{
  KlWorkbookSheets sheets = w->options->sheets;
  gint64 total = 1;
  static const struct { KlWorkbookSheets sheet; KlReportQuery query; } counted[] = {
    { KL_WORKBOOK_CLIENTS, KL_REPORT_CLIENTS },
    { KL_WORKBOOK_PIPELINE, KL_REPORT_DEALS },
    { KL_WORKBOOK_CONTRACTS, KL_REPORT_CONTRACTS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (counted); i++)
    {
      gint64 n;

      if (!(sheets & counted[i].sheet))
        continue;
      if (counted[i].sheet == w->options->list)
        {
          total += w->options->n_ids;
          continue;
        }
      n = kl_report_count (w->database, counted[i].query, &w->scope, error);
      if (n < 0)
        return -1;
      total += n;
    }

  return total;
}

static gboolean
write_sheets (Writer  *w,
              GError **error)
{
  static const struct {
    KlWorkbookSheets sheet;
    gboolean (*write) (Writer *, GError **);
  } order[] = {
    { KL_WORKBOOK_SUMMARY, write_summary },
    { KL_WORKBOOK_CLIENTS, write_clients },
    { KL_WORKBOOK_PIPELINE, write_pipeline },
    { KL_WORKBOOK_FORECAST, write_forecast },
    { KL_WORKBOOK_CONTRACTS, write_contracts },
    { KL_WORKBOOK_RECEIVABLES, write_receivables },
    { KL_WORKBOOK_COMPLAINTS, write_complaints },
    { KL_WORKBOOK_ACTIVITIES, write_activities },
  };
  gint64 rows = estimate_rows (w, error);

  if (rows < 0)
    return FALSE;
  w->rows_total = (double) rows;

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      if (!(w->options->sheets & order[i].sheet))
        continue;
      if (!order[i].write (w, error))
        return FALSE;
      if (w->progress != NULL && w->rows_total > 0)
        w->progress (MIN (0.99, w->rows_done / w->rows_total), w->progress_data);
      if (w->cancelled || g_cancellable_is_cancelled (w->cancellable))
        {
          w->cancelled = TRUE;
          return TRUE;
        }
    }

  return TRUE;
}

static void
set_properties (Writer *w)
{
  lxw_doc_properties properties = { 0 };
  const char *author = g_get_real_name ();
  g_autofree char *comments = g_strdup_printf ("Klijentela %s", PACKAGE_VERSION);

  if (author == NULL || g_str_equal (author, "Unknown"))
    author = g_get_user_name ();
  properties.title = w->title;
  properties.subject = w->period;
  properties.author = (char *) author;
  properties.company = (char *) "";
  properties.comments = comments;
  properties.created = time (NULL);
  {
    /* The own company's name from Preferences; none yet is an empty field. */
    g_autoptr(KlCompany) company = kl_company_load (w->database, NULL);

    if (company != NULL && company->name != NULL)
      properties.company = company->name;
    workbook_set_properties (w->wb, &properties);
  }
}

/* The temporary file beside @path, locked while written (kl-part-file.h). */
static char *
make_temporary (const char  *path,
                int         *out_fd,
                GError     **error)
{
  char *tmp = NULL;
  int fd = kl_part_file_create_beside (path, &tmp);

  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, KL_WORKBOOK_ERROR, KL_WORKBOOK_ERROR_WRITE,
                   /* Translators: %1$s is a file, %2$s why it failed */
                   _("Could not write “%1$s”: %2$s"), name, g_strerror (saved));
      return NULL;
    }
  *out_fd = fd;

  return tmp;
}

gboolean
kl_workbook_export (KlDatabase               *database,
                    const KlWorkbookOptions  *options,
                    const char               *path,
                    GCancellable             *cancellable,
                    KlWorkbookProgress        progress,
                    gpointer                  user_data,
                    GError                  **error)
{
  Writer writer = { 0 };
  Writer *w = &writer;
  KlWorkbookOptions opts;
  g_autofree char *tmp = NULL;
  int tmp_fd = -1;
  g_autofree char *display_name = NULL;
  lxw_workbook_options wb_options = { .constant_memory = LXW_TRUE };
  locale_t c_locale = (locale_t) 0;
  locale_t old_locale = (locale_t) 0;
  gboolean ok = FALSE;
  gboolean in_snapshot = FALSE;
  GError *local_error = NULL;
  lxw_error rc;

  g_return_val_if_fail (KL_IS_DATABASE (database), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  g_return_val_if_fail (options->list == 0 || options->list == KL_WORKBOOK_CLIENTS ||
                        options->list == KL_WORKBOOK_PIPELINE || options->list == KL_WORKBOOK_CONTRACTS, FALSE);
  g_return_val_if_fail (options->ids != NULL || options->n_ids == 0, FALSE);

  opts = *options;
  if (opts.sheets == 0)
    opts.sheets = opts.list != 0 ? opts.list : KL_WORKBOOK_ALL;

  w->database = database;
  w->options = &opts;
  w->scope = opts.scope;
  w->today = w->scope.today != NULL ? g_strdup (w->scope.today) : kl_database_today ();
  w->scope.today = w->today;
  w->cancellable = cancellable;
  w->progress = progress;
  w->progress_data = user_data;
  w->sheets = g_ptr_array_new_with_free_func (sheet_free);
  w->strings = g_ptr_array_new_with_free_func (g_free);
  display_name = g_filename_display_name (path);

  w->catalog = kl_catalog_new (opts.language != NULL ? opts.language : kl_catalog_default_language (),
                               &local_error);
  if (w->catalog == NULL)
    {
      g_set_error_literal (error, KL_WORKBOOK_ERROR, KL_WORKBOOK_ERROR_LANGUAGE, local_error->message);
      g_clear_error (&local_error);
      goto out;
    }

  tmp = make_temporary (path, &tmp_fd, error);
  if (tmp == NULL)
    goto out;

  if (!kl_report_snapshot_begin (database, error))
    goto out;
  in_snapshot = TRUE;

  /* libxlsxwriter prints numbers with the locale's decimal point. */
  c_locale = newlocale (LC_ALL_MASK, "C", (locale_t) 0);
  if (c_locale != (locale_t) 0)
    old_locale = uselocale (c_locale);

  w->wb = workbook_new_opt (tmp, &wb_options);
  if (w->wb == NULL)
    {
      g_set_error (error, KL_WORKBOOK_ERROR, KL_WORKBOOK_ERROR_WRITE,
                   _("Could not write “%1$s”: %2$s"), display_name, g_strerror (ENOMEM));
      goto out;
    }

  w->title = g_strdup (W (NC_("workbook", "Sales report")));
  w->period = describe_period (w);
  make_formats (w);
  set_properties (w);

  if (!write_sheets (w, error))
    goto out;
  if (w->cancelled)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The export was cancelled."));
      goto out;
    }

  kl_report_snapshot_end (database);
  in_snapshot = FALSE;

  rc = workbook_close (w->wb);
  w->wb = NULL;
  if (rc != LXW_NO_ERROR)
    {
      g_set_error (error, KL_WORKBOOK_ERROR, KL_WORKBOOK_ERROR_WRITE,
                   _("Could not write “%1$s”: %2$s"), display_name, lxw_strerror (rc));
      goto out;
    }

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The export was cancelled."));
      goto out;
    }

  if (!kl_part_file_commit (tmp_fd, tmp, path))
    {
      int saved = errno;

      g_set_error (error, KL_WORKBOOK_ERROR, KL_WORKBOOK_ERROR_WRITE,
                   _("Could not write “%1$s”: %2$s"), display_name, g_strerror (saved));
      goto out;
    }
  g_clear_pointer (&tmp, g_free);

  if (progress != NULL)
    progress (1.0, user_data);
  ok = TRUE;

out:
  if (w->wb != NULL)
    lxw_workbook_free (w->wb);
  if (old_locale != (locale_t) 0)
    uselocale (old_locale);
  if (c_locale != (locale_t) 0)
    freelocale (c_locale);
  if (in_snapshot)
    kl_report_snapshot_end (database);
  if (tmp != NULL)
    g_unlink (tmp);
  kl_part_file_close (tmp_fd);
  g_clear_pointer (&w->catalog, kl_catalog_free);
  g_ptr_array_unref (w->sheets);
  g_ptr_array_unref (w->strings);
  g_free (w->title);
  g_free (w->period);
  g_free (w->today);

  return ok;
}
