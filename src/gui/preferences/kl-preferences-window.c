/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-preferences-window.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "kl-company.h"
#include "kl-form.h"
#include "kl-validation.h"

/* The own company's preferences (KlCompany, kept in the database): its
 * details and requisites, country and default currency, logo, document
 * number patterns and VAT rates. Each field is checked as it is typed,
 * the reason beside it; whenever every field is right the whole company
 * is saved (kl_session_save_company(), all or nothing), so there is no
 * Save button. Closing with a wrong field asks before dropping it. */

/* The text fields, by their KlCompany member; the row is "<key>_row",
 * its message "<key>_error". */
typedef enum {
  FIELD_NAME,
  FIELD_LEGAL_FORM,
  FIELD_TAX_ID,
  FIELD_ADDRESS,
  FIELD_POSTAL_CODE,
  FIELD_CITY,
  FIELD_PHONE,
  FIELD_EMAIL,
  FIELD_IBAN,
  FIELD_BANK_NAME,
  FIELD_BIK,
  FIELD_ACCOUNT,
  FIELD_CORR_ACCOUNT,
  FIELD_KPP,
  FIELD_OGRN,
  FIELD_OFFER_PATTERN,
  FIELD_CONTRACT_PATTERN,
  FIELD_INVOICE_PATTERN,
  FIELD_VAT_RATES,          /* not a text member: percentages */
  N_FIELDS
} Field;

static const struct {
  const char *key;
  gsize       offset;
} fields[N_FIELDS] = {
  [FIELD_NAME] = { "name", G_STRUCT_OFFSET (KlCompany, name) },
  [FIELD_LEGAL_FORM] = { "legal_form", G_STRUCT_OFFSET (KlCompany, legal_form) },
  [FIELD_TAX_ID] = { "tax_id", G_STRUCT_OFFSET (KlCompany, tax_id) },
  [FIELD_ADDRESS] = { "address", G_STRUCT_OFFSET (KlCompany, address) },
  [FIELD_POSTAL_CODE] = { "postal_code", G_STRUCT_OFFSET (KlCompany, postal_code) },
  [FIELD_CITY] = { "city", G_STRUCT_OFFSET (KlCompany, city) },
  [FIELD_PHONE] = { "phone", G_STRUCT_OFFSET (KlCompany, phone) },
  [FIELD_EMAIL] = { "email", G_STRUCT_OFFSET (KlCompany, email) },
  [FIELD_IBAN] = { "iban", G_STRUCT_OFFSET (KlCompany, iban) },
  [FIELD_BANK_NAME] = { "bank_name", G_STRUCT_OFFSET (KlCompany, bank_name) },
  [FIELD_BIK] = { "bik", G_STRUCT_OFFSET (KlCompany, bik) },
  [FIELD_ACCOUNT] = { "account", G_STRUCT_OFFSET (KlCompany, account) },
  [FIELD_CORR_ACCOUNT] = { "corr_account", G_STRUCT_OFFSET (KlCompany, corr_account) },
  [FIELD_KPP] = { "kpp", G_STRUCT_OFFSET (KlCompany, kpp) },
  [FIELD_OGRN] = { "ogrn", G_STRUCT_OFFSET (KlCompany, ogrn) },
  [FIELD_OFFER_PATTERN] = { "offer_pattern", G_STRUCT_OFFSET (KlCompany, offer_pattern) },
  [FIELD_CONTRACT_PATTERN] = { "contract_pattern", G_STRUCT_OFFSET (KlCompany, contract_pattern) },
  [FIELD_INVOICE_PATTERN] = { "invoice_pattern", G_STRUCT_OFFSET (KlCompany, invoice_pattern) },
  [FIELD_VAT_RATES] = { "vat_rates", 0 },
};

#define TEXT_MEMBER(company, field) G_STRUCT_MEMBER (char *, (company), fields[field].offset)
#define MAX_TEXT_CHARS 300

/* Rows of country_row; a country the database has beside these is a
 * third row showing its code. */
static const char *const countries[] = { "HR", "RU" };
static const char *const currencies[] = { "EUR", "RUB", "USD", "GBP", "CHF", "BAM", "RSD" };

/* A payment-deferral band's row of deferral_list. */
typedef struct {
  GtkWidget   *row;
  GtkEditable *from;
  GtkEditable *to;
  GtkEditable *percent;
  GtkWidget   *remove;
  GtkLabel    *error;
} Band;

struct _KlPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  KlSession            *session;
  KlCompany            *company;      /* as typed */
  gboolean              loading;
  gboolean              unsaved;      /* typed, but not valid so not saved */
  gboolean              touched[N_FIELDS];
  gboolean              deferral_ok;  /* the bands as typed are right */
  GPtrArray            *bands;        /* of Band, as deferral_list shows them */
  GtkFileChooserNative *chooser;

  /* Template children */
  AdwEntryRow          *rows[N_FIELDS];
  GtkLabel             *errors[N_FIELDS];
  AdwActionRow         *offer_pattern_next_row;
  AdwActionRow         *contract_pattern_next_row;
  AdwActionRow         *invoice_pattern_next_row;
  AdwComboRow          *country_row;
  AdwComboRow          *currency_row;
  AdwActionRow         *logo_row;
  GtkPicture           *logo_picture;
  GtkLabel             *logo_error;
  GtkStringList        *country_model;
  GtkStringList        *currency_model;
  GtkListBox           *deferral_list;
};

G_DEFINE_FINAL_TYPE (KlPreferencesWindow, kl_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* VAT rates as percentages: "25; 13; 5,5; 0" in basis points. */
static gboolean
parse_vat_percentages (const char  *text,
                       int         *rates,
                       guint       *n_rates,
                       GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", ";", -1);
  g_autoptr(GString) bp = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      gsize len = strlen (part);
      char *end = NULL;
      double value;

      if (len > 0 && part[len - 1] == '%')
        part[--len] = '\0';
      g_strstrip (part);
      if (*part == '\0')
        continue;
      g_strdelimit (part, ",", '.');
      value = g_ascii_strtod (part, &end);
      if (end == part || *end != '\0' || !isfinite (value) || value < 0 || value > 100
          || fabs (value * 100 - round (value * 100)) > 1e-6)
        return kl_vat_rates_parse ("", rates, n_rates, error);
      g_string_append_printf (bp, "%d;", (int) round (value * 100));
    }
  return kl_vat_rates_parse (bp->str, rates, n_rates, error);
}

/* The rates as percentages, with the locale's decimal mark. */
static char *
format_vat_percentages (const KlCompany *company)
{
  const char *mark = localeconv ()->decimal_point;
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < company->n_vat_rates; i++)
    {
      int rate = company->vat_rates[i];

      if (i > 0)
        g_string_append (s, "; ");
      g_string_append_printf (s, "%d", rate / 100);
      if (rate % 100 != 0)
        {
          g_string_append_printf (s, "%s%02d", mark, rate % 100);
          if (s->str[s->len - 1] == '0')
            g_string_truncate (s, s->len - 1);
        }
    }
  return g_string_free (s, FALSE);
}

/* Whether @field of the company as typed is right; why not in @error. */
static gboolean
check_field (KlPreferencesWindow  *self,
             Field                 field,
             GError              **error)
{
  const KlCompany *c = self->company;
  const char *value = field != FIELD_VAT_RATES ? TEXT_MEMBER (c, field) : NULL;

  if (field != FIELD_VAT_RATES && !kl_validate_length (value, MAX_TEXT_CHARS, error))
    return FALSE;

  switch (field)
    {
    case FIELD_NAME:
      return kl_validate_required (value, error);
    case FIELD_TAX_ID:
      return kl_validate_tax_id (c->office.country, value, error);
    case FIELD_PHONE:
      return is_blank (value) || kl_validate_phone (value, error);
    case FIELD_EMAIL:
      return is_blank (value) || kl_validate_email (value, error);
    case FIELD_IBAN:
      return is_blank (value) || kl_validate_iban (value, error);
    case FIELD_BIK:
      return is_blank (value) || kl_validate_bik (value, error);
    case FIELD_KPP:
      return is_blank (value) || kl_validate_kpp (value, error);
    case FIELD_OGRN:
      return is_blank (value) || kl_validate_ogrn (value, error);
    case FIELD_ACCOUNT:
    case FIELD_CORR_ACCOUNT:
      return is_blank (value) || kl_validate_ru_account (c->bik, value, field == FIELD_CORR_ACCOUNT, error);
    case FIELD_OFFER_PATTERN:
    case FIELD_CONTRACT_PATTERN:
    case FIELD_INVOICE_PATTERN:
      return kl_number_pattern_validate (value, error);
    case FIELD_VAT_RATES:
      {
        int rates[KL_COMPANY_MAX_VAT_RATES];
        guint n;

        return parse_vat_percentages (gtk_editable_get_text (GTK_EDITABLE (self->rows[field])),
                                      rates, &n, error);
      }
    case FIELD_LEGAL_FORM:
    case FIELD_ADDRESS:
    case FIELD_POSTAL_CODE:
    case FIELD_CITY:
    case FIELD_BANK_NAME:
    case N_FIELDS:
    default:
      return TRUE;
    }
}

/* The next number of each pattern as typed, for today. */
static void
update_next_numbers (KlPreferencesWindow *self)
{
  static const struct {
    Field          field;
    KlDocumentKind kind;
    gsize          row_offset;
  } patterns[] = {
    { FIELD_OFFER_PATTERN, KL_DOCUMENT_OFFER, G_STRUCT_OFFSET (KlPreferencesWindow, offer_pattern_next_row) },
    { FIELD_CONTRACT_PATTERN, KL_DOCUMENT_CONTRACT, G_STRUCT_OFFSET (KlPreferencesWindow, contract_pattern_next_row) },
    { FIELD_INVOICE_PATTERN, KL_DOCUMENT_INVOICE, G_STRUCT_OFFSET (KlPreferencesWindow, invoice_pattern_next_row) },
  };
  g_autofree char *today = kl_database_today ();

  for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      AdwActionRow *row = G_STRUCT_MEMBER (AdwActionRow *, self, patterns[i].row_offset);
      const char *pattern = TEXT_MEMBER (self->company, patterns[i].field);
      g_autofree char *next = NULL;

      if (kl_number_pattern_validate (pattern, NULL))
        next = kl_company_next_number (kl_session_get_database (self->session), patterns[i].kind,
                                       pattern, today, NULL);
      /* Translators: the next document number when the pattern is wrong */
      adw_action_row_set_subtitle (row, next != NULL ? next : _("None"));
    }
}

/* Checks every field, shows the messages of those typed in or not blank,
 * and saves the company when all are right. */
static void
validate_and_save (KlPreferencesWindow *self)
{
  g_autoptr(GError) company_error = NULL;
  const char *bad_key = NULL;
  gboolean valid = TRUE;

  update_next_numbers (self);

  for (Field field = 0; field < N_FIELDS; field++)
    {
      g_autoptr(GError) error = NULL;
      gboolean show = self->touched[field]
        || !is_blank (gtk_editable_get_text (GTK_EDITABLE (self->rows[field])));

      if (!check_field (self, field, &error))
        valid = FALSE;
      kl_form_set_field_error (GTK_WIDGET (self->rows[field]), self->errors[field],
                               error != NULL && show ? error->message : NULL);
    }
  if (!valid || !self->deferral_ok)
    return;

  /* Whatever else the model would refuse, beside its field. */
  if (!kl_company_validate (self->company, &bad_key, &company_error))
    {
      for (Field field = 0; field < N_FIELDS; field++)
        if (g_strcmp0 (bad_key, fields[field].key) == 0)
          kl_form_set_field_error (GTK_WIDGET (self->rows[field]), self->errors[field],
                                   company_error->message);
      return;
    }

  if (!self->unsaved)
    return;
  if (!kl_session_save_company (self->session, self->company, &bad_key, &company_error))
    {
      g_autofree char *message = NULL;

      /* Translators: %s says why */
      message = g_strdup_printf (_("The preferences could not be saved: %s"), company_error->message);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
      return;
    }
  self->unsaved = FALSE;
}

/* Payment-deferral bands */

/* A change of price as typed: "-3", "−3 %", "+2", "2,5"; basis points. */
static gboolean
parse_percent (const char *text,
               int        *bp)
{
  g_autoptr(GString) copy = g_string_new (NULL);
  char *end = NULL;
  double value;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2212)   /* − MINUS SIGN */
        g_string_append_c (copy, '-');
      else if (c == ',')
        g_string_append_c (copy, '.');
      else if (c == '%' || g_unichar_isspace (c))
        continue;
      else
        g_string_append_unichar (copy, c);
    }
  if (copy->len == 0)
    return FALSE;
  value = g_ascii_strtod (copy->str, &end);
  if (end == copy->str || *end != '\0' || !isfinite (value) || fabs (value) > 1000
      || fabs (value * 100 - round (value * 100)) > 1e-6)
    return FALSE;
  *bp = (int) round (value * 100);
  return TRUE;
}

/* Basis points as they are typed back: "-3", "+2", "0", "2,5" (the
 * locale's decimal mark). */
static char *
format_percent (int bp)
{
  const char *mark = localeconv ()->decimal_point;
  const char *sign = bp < 0 ? "-" : bp > 0 ? "+" : "";
  int a = ABS (bp);

  if (a % 100 == 0)
    return g_strdup_printf ("%s%d", sign, a / 100);
  if (a % 10 == 0)
    return g_strdup_printf ("%s%d%s%d", sign, a / 100, mark, (a % 100) / 10);
  return g_strdup_printf ("%s%d%s%02d", sign, a / 100, mark, a % 100);
}

static gboolean
parse_days (const char *text,
            int        *days)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  guint64 value;

  if (!g_ascii_string_to_unsigned (copy, 10, 0, 9999, &value, NULL))
    return FALSE;
  *days = (int) value;
  return TRUE;
}

static void
set_band_error (Band        *band,
                GtkEditable *bad,
                const char  *message)
{
  GtkEditable *editables[] = { band->from, band->to, band->percent };

  for (guint i = 0; i < G_N_ELEMENTS (editables); i++)
    {
      if (message != NULL && editables[i] == bad)
        gtk_widget_add_css_class (GTK_WIDGET (editables[i]), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (editables[i]), "error");
    }
  gtk_label_set_label (band->error, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (band->error), message != NULL);
}

/* Reads the bands as typed into the company when they are right; the
 * reason beside the first wrong value otherwise. */
static void
check_bands (KlPreferencesWindow *self)
{
  KlDeferralRange ranges[KL_DEFERRAL_MAX_BANDS + 1];
  g_autoptr(GError) error = NULL;
  KlDeferralTerms terms;
  KlDeferralField bad_field = KL_DEFERRAL_FIELD_NONE;
  guint n = MIN (self->bands->len, G_N_ELEMENTS (ranges));
  guint bad = 0;

  for (guint i = 0; i < self->bands->len; i++)
    set_band_error (g_ptr_array_index (self->bands, i), NULL, NULL);

  self->deferral_ok = FALSE;
  for (guint i = 0; i < n; i++)
    {
      Band *band = g_ptr_array_index (self->bands, i);

      if (!parse_days (gtk_editable_get_text (band->from), &ranges[i].from_days))
        {
          set_band_error (band, band->from, _("Write the days as a whole number, e.g. 30."));
          return;
        }
      if (!parse_days (gtk_editable_get_text (band->to), &ranges[i].to_days))
        {
          set_band_error (band, band->to, _("Write the days as a whole number, e.g. 30."));
          return;
        }
      if (!parse_percent (gtk_editable_get_text (band->percent), &ranges[i].adjustment_bp))
        {
          set_band_error (band, band->percent, _("Write the change in percent, e.g. -3, 0 or 2,5."));
          return;
        }
    }

  if (!kl_deferral_terms_from_ranges (&terms, ranges, self->bands->len, &bad, &bad_field, &error))
    {
      Band *band = g_ptr_array_index (self->bands, MIN (bad, self->bands->len - 1));

      if (self->bands->len == 0)
        {
          adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
          return;
        }
      set_band_error (band,
                      bad_field == KL_DEFERRAL_FIELD_FROM ? band->from
                      : bad_field == KL_DEFERRAL_FIELD_TO ? band->to
                      : bad_field == KL_DEFERRAL_FIELD_PERCENT ? band->percent : NULL,
                      error->message);
      return;
    }

  self->company->deferral = terms;
  self->deferral_ok = TRUE;
}

/* Each band's controls named by its number, for screen readers; the last
 * band cannot be removed. */
static void
name_bands (KlPreferencesWindow *self)
{
  for (guint i = 0; i < self->bands->len; i++)
    {
      Band *band = g_ptr_array_index (self->bands, i);
      g_autofree char *from = g_strdup_printf (_("Band %u: from (days)"), i + 1);
      g_autofree char *to = g_strdup_printf (_("Band %u: to (days)"), i + 1);
      g_autofree char *percent = g_strdup_printf (_("Band %u: price change (%%)"), i + 1);
      g_autofree char *remove = g_strdup_printf (_("Remove band %u"), i + 1);

      gtk_accessible_update_property (GTK_ACCESSIBLE (band->from), GTK_ACCESSIBLE_PROPERTY_LABEL, from, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (band->to), GTK_ACCESSIBLE_PROPERTY_LABEL, to, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (band->percent), GTK_ACCESSIBLE_PROPERTY_LABEL, percent, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (band->remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
      gtk_widget_set_tooltip_text (band->remove, remove);
      gtk_widget_set_sensitive (band->remove, self->bands->len > 1
                                && !kl_database_is_read_only (kl_session_get_database (self->session)));
    }
}

static void
bands_changed (KlPreferencesWindow *self)
{
  if (self->loading)
    return;
  check_bands (self);
  self->unsaved = TRUE;
  validate_and_save (self);
}

static void
on_band_changed_cb (KlPreferencesWindow *self)
{
  bands_changed (self);
}

static void
on_remove_band_clicked_cb (KlPreferencesWindow *self,
                           GtkButton           *button)
{
  for (guint i = 0; i < self->bands->len; i++)
    {
      Band *band = g_ptr_array_index (self->bands, i);

      if (band->remove != GTK_WIDGET (button))
        continue;
      gtk_list_box_remove (self->deferral_list, band->row);
      g_ptr_array_remove_index (self->bands, i);
      name_bands (self);
      if (self->bands->len > 0)
        gtk_widget_grab_focus (GTK_WIDGET (((Band *) g_ptr_array_index (self->bands, MIN (i, self->bands->len - 1)))->to));
      bands_changed (self);
      return;
    }
}

static GtkWidget *
band_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkEditable *
band_entry (KlPreferencesWindow *self,
            const char          *text,
            int                  width,
            GtkInputPurpose      purpose)
{
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), width);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), width);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), purpose);
  gtk_entry_set_alignment (GTK_ENTRY (entry), 1.0f);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  if (kl_database_is_read_only (kl_session_get_database (self->session)))
    gtk_editable_set_editable (GTK_EDITABLE (entry), FALSE);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_band_changed_cb), self, G_CONNECT_SWAPPED);
  return GTK_EDITABLE (entry);
}

/* Appends a band's row: from [ ] to [ ] days, price change [ ] %, and
 * the reason under them when a value is wrong. */
static Band *
append_band (KlPreferencesWindow   *self,
             const KlDeferralRange *range)
{
  Band *band = g_new0 (Band, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *from = g_strdup_printf ("%d", range->from_days);
  g_autofree char *to = g_strdup_printf ("%d", range->to_days);
  g_autofree char *percent = format_percent (range->adjustment_bp);
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  band->from = band_entry (self, from, 4, GTK_INPUT_PURPOSE_DIGITS);
  band->to = band_entry (self, to, 4, GTK_INPUT_PURPOSE_DIGITS);
  band->percent = band_entry (self, percent, 6, GTK_INPUT_PURPOSE_NUMBER);
  band->remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (band->remove, "flat");
  gtk_widget_set_valign (band->remove, GTK_ALIGN_CENTER);
  g_signal_connect_object (band->remove, "clicked", G_CALLBACK (on_remove_band_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  band->error = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (band->error, 0.0f);
  gtk_label_set_wrap (band->error, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (band->error), "error");
  gtk_widget_add_css_class (GTK_WIDGET (band->error), "caption");
  gtk_widget_set_visible (GTK_WIDGET (band->error), FALSE);
  gtk_widget_set_hexpand (spacer, TRUE);

  /* Translators: a payment deferral band reads “from [0] to [30] days,
   * price change [-3] %” */
  gtk_box_append (GTK_BOX (line), band_label (C_("deferral band", "from")));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (band->from));
  gtk_box_append (GTK_BOX (line), band_label (C_("deferral band", "to")));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (band->to));
  gtk_box_append (GTK_BOX (line), band_label (C_("deferral band", "days,")));
  gtk_box_append (GTK_BOX (line), band_label (C_("deferral band", "price change")));
  gtk_box_append (GTK_BOX (line), GTK_WIDGET (band->percent));
  gtk_box_append (GTK_BOX (line), band_label ("%"));
  gtk_box_append (GTK_BOX (line), spacer);
  gtk_box_append (GTK_BOX (line), band->remove);
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (band->error));
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  band->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (band->row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (band->row), box);
  gtk_list_box_append (self->deferral_list, band->row);
  g_ptr_array_add (self->bands, band);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (band->percent),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, band->error, NULL, -1);
  return band;
}

static void
load_bands (KlPreferencesWindow *self)
{
  for (guint i = 0; i < self->company->deferral.n_bands; i++)
    {
      KlDeferralRange range;

      kl_deferral_terms_get_range (&self->company->deferral, i, &range);
      append_band (self, &range);
    }
  name_bands (self);
  check_bands (self);
}

/* A band after the last: the next 30 days, no change of price. */
static void
add_band_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KlPreferencesWindow *self = KL_PREFERENCES_WINDOW (widget);
  KlDeferralRange range = { 0, 30, 0 };
  Band *band;

  if (self->bands->len > 0)
    {
      Band *last = g_ptr_array_index (self->bands, self->bands->len - 1);
      int to = 0;

      if (parse_days (gtk_editable_get_text (last->to), &to))
        {
          range.from_days = MIN (to + 1, 365);
          range.to_days = MIN (to + 30, 365);
        }
    }
  band = append_band (self, &range);
  name_bands (self);
  gtk_widget_grab_focus (GTK_WIDGET (band->to));
  bands_changed (self);
}

static void
on_row_changed_cb (KlPreferencesWindow *self,
                   GtkEditable         *row)
{
  Field field;

  if (self->loading)
    return;
  for (field = 0; field < N_FIELDS; field++)
    if (GTK_EDITABLE (self->rows[field]) == row)
      break;
  g_return_if_fail (field < N_FIELDS);

  if (field == FIELD_VAT_RATES)
    parse_vat_percentages (gtk_editable_get_text (row), self->company->vat_rates,
                           &self->company->n_vat_rates, NULL);
  else
    {
      g_free (TEXT_MEMBER (self->company, field));
      TEXT_MEMBER (self->company, field) = g_strdup (gtk_editable_get_text (row));
    }
  self->touched[field] = TRUE;
  self->unsaved = TRUE;
  validate_and_save (self);
}

static void
on_country_selected_cb (KlPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->country_row);
  const char *country;
  const char *old_default;
  const char *new_default;

  if (self->loading || selected == GTK_INVALID_LIST_POSITION)
    return;
  country = selected < G_N_ELEMENTS (countries) ? countries[selected] : self->company->office.country;
  if (g_str_equal (country, self->company->office.country))
    return;

  /* The currency follows the country while it was the old country's. */
  old_default = g_str_equal (self->company->office.country, "RU") ? "RUB" : "EUR";
  new_default = g_str_equal (country, "RU") ? "RUB" : "EUR";
  g_strlcpy (self->company->office.country, country, sizeof self->company->office.country);
  if (g_str_equal (self->company->office.currency, old_default))
    {
      for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
        if (g_str_equal (currencies[i], new_default))
          {
            g_strlcpy (self->company->office.currency, new_default, sizeof self->company->office.currency);
            self->loading = TRUE;
            adw_combo_row_set_selected (self->currency_row, i);
            self->loading = FALSE;
          }
    }
  self->unsaved = TRUE;
  validate_and_save (self);
}

static void
on_currency_selected_cb (KlPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->currency_row);

  if (self->loading || selected == GTK_INVALID_LIST_POSITION)
    return;
  g_strlcpy (self->company->office.currency,
             gtk_string_list_get_string (self->currency_model, selected),
             sizeof self->company->office.currency);
  self->unsaved = TRUE;
  validate_and_save (self);
}

/* The logo */

static void
show_logo_error (KlPreferencesWindow *self,
                 const char          *message)
{
  kl_form_set_field_error (GTK_WIDGET (self->logo_row), self->logo_error, message);
}

static void
show_logo (KlPreferencesWindow *self,
           GBytes              *png)
{
  g_autoptr(GdkTexture) texture = NULL;

  if (png != NULL)
    texture = gdk_texture_new_from_bytes (png, NULL);
  gtk_picture_set_paintable (self->logo_picture, GDK_PAINTABLE (texture));
  gtk_widget_set_visible (GTK_WIDGET (self->logo_picture), texture != NULL);
  adw_action_row_set_subtitle (self->logo_row, texture != NULL ? "" : _("None"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.remove-logo", texture != NULL);
}

/* The longest side of a logo as kept: plenty for a 60 mm wide print at
 * 300 dpi, and it keeps a photo well under the 2 MB limit. */
#define LOGO_MAX_PIXELS 1024

/**
 * kl_preferences_window_set_logo_file:
 * @file: a PNG or JPEG image
 *
 * Makes @file the company's logo: read by gdk-pixbuf (whatever formats
 * GTK reads; PNG and JPEG at least), scaled down to at most 1024 pixels
 * on its longer side with its aspect kept, kept as PNG. A file that is
 * not an image is refused beside the logo row.
 *
 * Returns: whether the logo was saved
 */
gboolean
kl_preferences_window_set_logo_file (KlPreferencesWindow *self,
                                     GFile               *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autofree char *buffer = NULL;
  gsize size = 0;

  g_return_val_if_fail (KL_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  stream = g_file_read (file, NULL, &error);
  if (stream != NULL)
    pixbuf = gdk_pixbuf_new_from_stream (G_INPUT_STREAM (stream), NULL, &error);
  if (pixbuf != NULL)
    {
      int width = gdk_pixbuf_get_width (pixbuf);
      int height = gdk_pixbuf_get_height (pixbuf);

      if (width > LOGO_MAX_PIXELS || height > LOGO_MAX_PIXELS)
        {
          double scale = (double) LOGO_MAX_PIXELS / MAX (width, height);
          GdkPixbuf *scaled = gdk_pixbuf_scale_simple (pixbuf, MAX (1, (int) round (width * scale)),
                                                       MAX (1, (int) round (height * scale)),
                                                       GDK_INTERP_BILINEAR);

          g_object_unref (pixbuf);
          pixbuf = scaled;
        }
    }
  if (pixbuf == NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *message = NULL;

      g_debug ("Could not read the logo %s: %s", name, error != NULL ? error->message : "");
      /* Translators: %s is a file name */
      message = g_strdup_printf (_("“%s” could not be read as a PNG or JPEG image."), name);
      show_logo_error (self, message);
      return FALSE;
    }
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "png", &error, NULL))
    {
      show_logo_error (self, error->message);
      return FALSE;
    }
  png = g_bytes_new_take (g_steal_pointer (&buffer), size);
  if (!kl_company_logo_validate (png, &error)
      || !kl_company_save_logo (kl_session_get_database (self->session), png, &error))
    {
      show_logo_error (self, error->message);
      return FALSE;
    }
  show_logo_error (self, NULL);
  show_logo (self, png);
  return TRUE;
}

static void
on_chooser_response_cb (KlPreferencesWindow  *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        kl_preferences_window_set_logo_file (self, file);
    }
  g_clear_object (&self->chooser);
}

static void
choose_logo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KlPreferencesWindow *self = KL_PREFERENCES_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (filter, _("PNG and JPEG images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_suffix (filter, "png");
  gtk_file_filter_add_suffix (filter, "jpg");
  gtk_file_filter_add_suffix (filter, "jpeg");
  self->chooser = gtk_file_chooser_native_new (_("Choose the Logo"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
remove_logo_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KlPreferencesWindow *self = KL_PREFERENCES_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!kl_company_save_logo (kl_session_get_database (self->session), NULL, &error))
    {
      show_logo_error (self, error->message);
      return;
    }
  show_logo_error (self, NULL);
  show_logo (self, NULL);
}

/* Loading */

static void
load (KlPreferencesWindow *self)
{
  KlDatabase *database = kl_session_get_database (self->session);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) logo = NULL;
  g_autofree char *rates = NULL;
  guint country = G_N_ELEMENTS (countries);
  guint currency = GTK_INVALID_LIST_POSITION;

  self->company = kl_company_load (database, &error);
  if (self->company == NULL)
    {
      KlOffice office;

      g_warning ("Could not read the company's preferences: %s", error->message);
      kl_office_for_locale (&office, NULL);
      self->company = kl_company_new_for_office (&office);
      g_clear_error (&error);
    }

  self->loading = TRUE;
  for (Field field = 0; field < FIELD_VAT_RATES; field++)
    {
      const char *value = TEXT_MEMBER (self->company, field);

      gtk_editable_set_text (GTK_EDITABLE (self->rows[field]), value != NULL ? value : "");
    }
  rates = format_vat_percentages (self->company);
  gtk_editable_set_text (GTK_EDITABLE (self->rows[FIELD_VAT_RATES]), rates);

  for (guint i = 0; i < G_N_ELEMENTS (countries); i++)
    if (g_str_equal (countries[i], self->company->office.country))
      country = i;
  if (country == G_N_ELEMENTS (countries))
    gtk_string_list_append (self->country_model, self->company->office.country);
  adw_combo_row_set_selected (self->country_row, country);

  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    gtk_string_list_append (self->currency_model, currencies[i]);
  for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
    if (g_str_equal (currencies[i], self->company->office.currency))
      currency = i;
  if (currency == GTK_INVALID_LIST_POSITION)
    {
      gtk_string_list_append (self->currency_model, self->company->office.currency);
      currency = G_N_ELEMENTS (currencies);
    }
  adw_combo_row_set_selected (self->currency_row, currency);
  load_bands (self);
  self->loading = FALSE;

  logo = kl_company_load_logo (database, &error);
  if (error != NULL)
    show_logo_error (self, error->message);
  show_logo (self, logo);

  validate_and_save (self);
  if (kl_database_is_read_only (database))
    {
      for (Field field = 0; field < N_FIELDS; field++)
        gtk_editable_set_editable (GTK_EDITABLE (self->rows[field]), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->country_row), FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->currency_row), FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.choose-logo", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.remove-logo", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.add-band", FALSE);
    }
}

/* Closing with a wrong field */

static void
on_discard_response_cb (KlPreferencesWindow *self,
                        const char          *response)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;
  self->unsaved = FALSE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
kl_preferences_window_close_request (GtkWindow *window)
{
  KlPreferencesWindow *self = KL_PREFERENCES_WINDOW (window);

  if (self->unsaved)
    {
      kl_form_ask_discard (window,
                           _("Some preferences are not right yet, so they are not saved. Closing keeps them as they were before."),
                           _("_Keep Editing"), G_CALLBACK (on_discard_response_cb), self);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (kl_preferences_window_parent_class)->close_request (window);
}

static void
kl_preferences_window_constructed (GObject *object)
{
  KlPreferencesWindow *self = KL_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (kl_preferences_window_parent_class)->constructed (object);

  g_assert (KL_IS_SESSION (self->session));
  load (self);
}

static void
kl_preferences_window_dispose (GObject *object)
{
  KlPreferencesWindow *self = KL_PREFERENCES_WINDOW (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (kl_preferences_window_parent_class)->dispose (object);
}

static void
kl_preferences_window_finalize (GObject *object)
{
  KlPreferencesWindow *self = KL_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->company, kl_company_free);
  g_clear_pointer (&self->bands, g_ptr_array_unref);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (kl_preferences_window_parent_class)->finalize (object);
}

static void
kl_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  KlPreferencesWindow *self = KL_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  KlPreferencesWindow *self = KL_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_preferences_window_class_init (KlPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = kl_preferences_window_constructed;
  object_class->dispose = kl_preferences_window_dispose;
  object_class->finalize = kl_preferences_window_finalize;
  object_class->set_property = kl_preferences_window_set_property;
  object_class->get_property = kl_preferences_window_get_property;
  window_class->close_request = kl_preferences_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         KL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "prefs.choose-logo", NULL, choose_logo_action);
  gtk_widget_class_install_action (widget_class, "prefs.remove-logo", NULL, remove_logo_action);
  gtk_widget_class_install_action (widget_class, "prefs.add-band", NULL, add_band_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/klijentela/Klijentela/ui/preferences/kl-preferences-window.ui");
  for (Field field = 0; field < N_FIELDS; field++)
    {
      g_autofree char *row = g_strconcat (fields[field].key, "_row", NULL);
      g_autofree char *error = g_strconcat (fields[field].key, "_error", NULL);

      /* The names must outlive the class: intern them. */
      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (row), FALSE,
                                                 G_STRUCT_OFFSET (KlPreferencesWindow, rows) + field * sizeof (gpointer));
      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (error), FALSE,
                                                 G_STRUCT_OFFSET (KlPreferencesWindow, errors) + field * sizeof (gpointer));
    }
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, offer_pattern_next_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, contract_pattern_next_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, invoice_pattern_next_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, country_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, currency_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, logo_row);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, logo_picture);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, logo_error);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, country_model);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, currency_model);
  gtk_widget_class_bind_template_child (widget_class, KlPreferencesWindow, deferral_list);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_country_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_currency_selected_cb);
}

static void
kl_preferences_window_init (KlPreferencesWindow *self)
{
  self->bands = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

KlPreferencesWindow *
kl_preferences_window_new (GtkWindow *parent,
                           KlSession *session)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);

  return g_object_new (KL_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "session", session,
                       NULL);
}
