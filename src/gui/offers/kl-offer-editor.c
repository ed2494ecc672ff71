/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-offer-editor.h"

#include <math.h>

#include "kl-client-picker.h"
#include "kl-company.h"
#include "kl-contract-editor.h"
#include "kl-document-output.h"
#include "kl-entities.h"
#include "kl-format.h"
#include "kl-offer-pricing.h"
#include "kl-offer-save.h"
#include "kl-offer-status.h"
#include "kl-price-list.h"
#include "kl-validation.h"

/* An offer and its lines. The offer's fields go through the KlForm; the
 * lines are this editor's rows: a product from the price list and a
 * quantity, priced as they change by the one rule of kl-offer-math.h
 * (tier, loyalty, deferral, VAT), each with its breakdown, and written
 * with the offer in one transaction (kl_offer_save()). An accepted offer,
 * as saved, becomes a draft contract in one step: "Draft Contract"
 * (offer.draft-contract) opens the contract editor on it and closes this
 * one. */

typedef struct {
  KlEntity      *line;        /* a KlOfferLine, not yet saved */
  GArray        *tiers;       /* the product's KlPriceTierStep, or NULL */
  gboolean       reprice;     /* the tier follows the quantity: a new or changed line */
  KlLinePrice    price;
  char          *breakdown;
  GtkWidget     *row;
  GtkSpinButton *quantity;
  GtkLabel      *breakdown_label;
  GtkWidget     *remove;
} LineRow;

struct _KlOfferEditor
{
  KlEditor         parent_instance;

  KlOffer         *offer;        /* as opened; NULL for a new offer */
  gint64           client_id;
  gint64           deal_id;
  KlCompany       *company;
  char            *stored_status;
  GStrv            statuses;     /* what status_row offers */
  GArray          *product_ids;  /* what product_dropdown offers */
  GPtrArray       *lines;        /* of LineRow */
  KlOfferSums      sums;
  char            *totals_text;
  int              deferral_bp;
  gboolean         deferral_ok;
  gboolean         lines_modified;
  char             lines_currency[4];  /* what the lines are priced in */
  gboolean         filling;

  /* Template children */
  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  GtkWidget       *draft_contract_button;
  AdwEntryRow     *number_row;
  GtkLabel        *number_error;
  KlClientPicker  *client_picker;
  GtkWidget       *client_error_row;
  GtkLabel        *client_error;
  AdwEntryRow     *issue_date_row;
  GtkLabel        *issue_date_error;
  AdwEntryRow     *valid_until_row;
  GtkLabel        *valid_until_error;
  AdwComboRow     *status_row;
  AdwEntryRow     *currency_row;
  GtkLabel        *currency_error;
  GtkSpinButton   *deferral_spin;
  GtkSpinButton   *loyalty_spin;
  GtkLabel        *deferral_error;
  GtkDropDown     *product_dropdown;
  GtkSpinButton   *quantity_spin;
  GtkButton       *add_line_button;
  GtkListBox      *lines_list;
  GtkLabel        *totals_label;
  GtkTextBuffer   *notes_buffer;
};

G_DEFINE_FINAL_TYPE (KlOfferEditor, kl_offer_editor, KL_TYPE_EDITOR)

enum {
  PROP_0,
  PROP_OFFER,
  PROP_CLIENT_ID,
  PROP_DEAL_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
line_row_free (gpointer data)
{
  LineRow *row = data;

  g_clear_object (&row->line);
  g_clear_pointer (&row->tiers, g_array_unref);
  g_free (row->breakdown);
  g_free (row);
}

/* Helpers */

static KlEntity *
form_entity (KlOfferEditor *self)
{
  return kl_form_get_entity (kl_editor_get_form (KL_EDITOR (self)));
}

static const char *
offer_currency (KlOfferEditor *self)
{
  KlEntity *offer = form_entity (self);
  const char *currency = offer != NULL ? kl_entity_get_text (offer, "currency") : NULL;

  return currency != NULL ? currency : "";
}

/* Whether the lines are priced in another currency than the offer's (its
 * currency was changed and the price list could not price them again). */
static gboolean
lines_in_other_currency (KlOfferEditor *self)
{
  return self->lines->len > 0 && g_strcmp0 (self->lines_currency, offer_currency (self)) != 0;
}

static void
update_title (KlOfferEditor *self)
{
  KlEntity *offer = form_entity (self);
  const char *number = offer != NULL ? kl_entity_get_text (offer, "number") : NULL;

  adw_window_title_set_title (self->window_title,
                              self->offer != NULL ? _("Edit Offer") : _("New Offer"));
  adw_window_title_set_subtitle (self->window_title, number != NULL ? number : "");
  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));
}

static char *
signed_money (gint64      amount,
              const char *currency)
{
  g_autofree char *text = kl_format_money (ABS (amount), currency);

  return g_strdup_printf ("%s%s", amount < 0 ? "−" : "+", text);
}

/* The breakdown the manager reads out to the client. */
static char *
describe_line (const KlLinePrice *p,
               const char        *currency)
{
  g_autofree char *unit = kl_format_money (p->unit_price, currency);
  g_autofree char *gross = kl_format_money (p->gross, currency);
  g_autofree char *quantity = g_strdup_printf ("%" G_GINT64_FORMAT, p->quantity);
  g_autofree char *tier_pct = kl_format_percent (-p->tier_bp);
  g_autofree char *tier = signed_money (-p->tier_amount, currency);
  g_autofree char *loyalty_pct = kl_format_percent (-p->loyalty_bp);
  g_autofree char *loyalty = signed_money (-p->loyalty_amount, currency);
  g_autofree char *deferral_pct = kl_format_percent (p->deferral_bp);
  g_autofree char *deferral = signed_money (p->deferral_amount, currency);
  g_autofree char *net = kl_format_money (p->net, currency);
  g_autofree char *vat_pct = kl_format_percent (p->vat_bp);
  g_autofree char *vat = kl_format_money (p->vat, currency);
  g_autofree char *total = kl_format_money (p->total, currency);

  /* Translators: the breakdown of an offer line's price, on two lines:
   * list price × quantity = gross · tier discount · loyalty discount ·
   * deferral adjustment, then net, VAT and total. */
  return g_strdup_printf (_("List price %1$s × %2$s = %3$s · quantity tier %4$s: %5$s · loyalty %6$s: %7$s · deferral %8$s: %9$s\n"
                            "Net %10$s · VAT %11$s: %12$s · line total %13$s"),
                          unit, quantity, gross, tier_pct, tier, loyalty_pct, loyalty,
                          deferral_pct, deferral, net, vat_pct, vat, total);
}

/* The form's check of the currency: the lines must be priced in it. */
static gboolean
check_lines_currency (KlEntity    *entity,
                      const char  *column,
                      gpointer     user_data,
                      GError     **error)
{
  KlOfferEditor *self = user_data;
  const char *currency = kl_entity_get_text (entity, "currency");

  if (self->lines->len == 0 || g_strcmp0 (self->lines_currency, currency) == 0)
    return TRUE;
  g_set_error (error, KL_OFFER_MATH_ERROR, KL_OFFER_MATH_ERROR_CURRENCY,
               /* Translators: %1$s the currency the offer's lines are priced in, %2$s the one typed */
               _("The lines are priced in %1$s and the price list has no price in %2$s for all of them: "
                 "an offer holds one currency. Remove the lines or go back to %1$s."),
               self->lines_currency, currency != NULL ? currency : "");
  return FALSE;
}

/* Prices every line and the offer's sums, and shows them. */
static void
recompute (KlOfferEditor *self)
{
  KlEntity *offer = form_entity (self);
  const char *currency;
  int loyalty_bp;
  g_autoptr(GString) totals = g_string_new (NULL);
  g_autoptr(GError) deferral_error = NULL;
  gboolean ok = TRUE;

  if (offer == NULL || self->company == NULL)
    return;

  /* The lines show what they are priced in; sums only in the offer's own. */
  currency = self->lines->len > 0 ? self->lines_currency : offer_currency (self);
  loyalty_bp = kl_entity_get_number (offer, "loyalty_discount_bp");
  self->deferral_ok = kl_deferral_terms_lookup (&self->company->deferral,
                                                kl_entity_get_number (offer, "deferral_days"),
                                                &self->deferral_bp, &deferral_error);
  gtk_label_set_text (self->deferral_error, self->deferral_ok ? "" : deferral_error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->deferral_error), !self->deferral_ok);
  if (!self->deferral_ok)
    self->deferral_bp = 0;

  kl_offer_sums_clear (&self->sums);
  kl_offer_sums_init (&self->sums, currency);
  for (guint i = 0; i < self->lines->len; i++)
    {
      LineRow *row = self->lines->pdata[i];
      gint64 quantity = kl_entity_get_number (row->line, "quantity");
      g_autoptr(GError) error = NULL;

      if (row->tiers != NULL && row->reprice)
        kl_entity_set_number (row->line, "discount_bp",
                              kl_price_tiers_discount ((KlPriceTierStep *) row->tiers->data,
                                                       row->tiers->len, quantity));
      g_clear_pointer (&row->breakdown, g_free);
      if (kl_line_price_compute (&row->price, quantity, kl_entity_get_number (row->line, "unit_price"),
                                 kl_entity_get_number (row->line, "discount_bp"), loyalty_bp,
                                 self->deferral_bp, kl_entity_get_number (row->line, "vat_rate_bp"), &error)
          && kl_offer_sums_add_line (&self->sums, &row->price, &error))
        row->breakdown = describe_line (&row->price, currency);
      else
        {
          row->breakdown = g_strdup (error->message);
          ok = FALSE;
        }
      gtk_label_set_text (row->breakdown_label, row->breakdown);
    }

  if (ok && lines_in_other_currency (self))
    {
      g_autoptr(GError) error = NULL;

      check_lines_currency (form_entity (self), "currency", self, &error);
      kl_offer_sums_clear (&self->sums);
      kl_offer_sums_init (&self->sums, self->lines_currency);
      g_string_append (totals, error->message);
    }
  else if (ok)
    {
      g_autofree char *net = kl_format_money (self->sums.net, currency);
      g_autofree char *vat = kl_format_money (self->sums.vat, currency);
      g_autofree char *total = kl_format_money (self->sums.total, currency);

      for (guint i = 0; self->sums.vat_rates != NULL && i < self->sums.vat_rates->len; i++)
        {
          KlVatAmount *rate = &g_array_index (self->sums.vat_rates, KlVatAmount, i);
          g_autofree char *pct = kl_format_percent (rate->vat_bp);
          g_autofree char *base = kl_format_money (rate->base, currency);
          g_autofree char *amount = kl_format_money (rate->vat, currency);

          /* Translators: VAT of one rate in an offer's totals: "VAT 25 % on 1 000,00 EUR: 250,00 EUR" */
          g_string_append_printf (totals, _("VAT %1$s on %2$s: %3$s"), pct, base, amount);
          g_string_append_c (totals, '\n');
        }
      /* Translators: an offer's totals */
      g_string_append_printf (totals, _("Net %1$s · VAT %2$s · Total %3$s"), net, vat, total);
    }
  g_free (self->totals_text);
  self->totals_text = g_strdup (totals->str);
  gtk_label_set_text (self->totals_label, self->totals_text);
}

/* The statuses the offer may take now: its stored one and the next steps. */
static void
fill_statuses (KlOfferEditor *self)
{
  KlEntity *offer = form_entity (self);
  g_autofree char *today = kl_database_today ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *current;
  guint selected = 0;

  if (offer == NULL)
    return;

  current = kl_entity_get_text (offer, "status");
  g_clear_pointer (&self->statuses, g_strfreev);
  self->statuses = kl_offer_allowed_statuses (self->stored_status, kl_entity_get_text (offer, "valid_until"),
                                              today);
  for (guint i = 0; self->statuses[i] != NULL; i++)
    {
      gtk_string_list_append (labels, kl_choice_label (kl_offer_statuses, self->statuses[i]));
      if (g_strcmp0 (self->statuses[i], current) == 0)
        selected = i;
    }

  self->filling = TRUE;
  adw_combo_row_set_model (self->status_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->status_row, selected);
  self->filling = FALSE;
  if (g_strcmp0 (self->statuses[selected], current) != 0)
    kl_form_set_text (kl_editor_get_form (KL_EDITOR (self)), "status", self->statuses[selected]);
}

/* The products of the price list in the offer's currency. */
static void
fill_products (KlOfferEditor *self)
{
  KlSession *session = kl_editor_get_session (KL_EDITOR (self));
  g_autoptr(GListModel) products = kl_store_list_all (kl_session_get_store (session, KL_TYPE_PRODUCT), NULL);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  const char *currency = offer_currency (self);

  g_array_set_size (self->product_ids, 0);
  for (guint i = 0; products != NULL && i < g_list_model_get_n_items (products); i++)
    {
      g_autoptr(KlEntity) product = g_list_model_get_item (products, i);
      g_autofree char *price = NULL;
      g_autofree char *label = NULL;
      gint64 id;

      if (!kl_entity_get_number (product, "active")
          || g_strcmp0 (kl_entity_get_text (product, "currency"), currency) != 0)
        continue;
      price = kl_format_money (kl_entity_get_number (product, "price"), currency);
      /* Translators: a product in the offer editor's list: code, name, price and unit */
      label = g_strdup_printf (_("%1$s — %2$s (%3$s per %4$s)"), kl_entity_get_text (product, "code"),
                               kl_entity_get_text (product, "name"), price,
                               kl_entity_get_text (product, "unit"));
      gtk_string_list_append (labels, label);
      id = kl_entity_get_id (product);
      g_array_append_val (self->product_ids, id);
    }

  gtk_drop_down_set_model (self->product_dropdown, G_LIST_MODEL (labels));
}

static void
renumber_lines (KlOfferEditor *self)
{
  for (guint i = 0; i < self->lines->len; i++)
    {
      LineRow *row = self->lines->pdata[i];
      g_autofree char *quantity = g_strdup_printf (_("Line %u: quantity"), i + 1);
      g_autofree char *remove = g_strdup_printf (_("Remove line %u"), i + 1);

      gtk_accessible_update_property (GTK_ACCESSIBLE (row->quantity), GTK_ACCESSIBLE_PROPERTY_LABEL, quantity, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
      gtk_widget_set_tooltip_text (row->remove, remove);
    }
}

static void on_line_quantity_changed_cb (KlOfferEditor *self, GtkSpinButton *spin);
static void on_line_remove_clicked_cb (KlOfferEditor *self, GtkButton *button);

static guint
append_line (KlOfferEditor *self,
             KlEntity      *line,
             GArray        *tiers)
{
  LineRow *row = g_new0 (LineRow, 1);
  GtkWidget *box, *top, *title;
  g_autofree char *title_text = NULL;

  row->line = g_object_ref (line);
  row->tiers = tiers != NULL ? g_array_ref (tiers) : NULL;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  title = gtk_label_new (kl_entity_get_text (line, "description"));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  row->quantity = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, G_MAXINT32, 1));
  gtk_spin_button_set_value (row->quantity, (double) kl_entity_get_number (line, "quantity"));
  gtk_widget_set_valign (GTK_WIDGET (row->quantity), GTK_ALIGN_CENTER);
  row->remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_add_css_class (row->remove, "flat");
  gtk_widget_set_valign (row->remove, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (top), title);
  gtk_box_append (GTK_BOX (top), GTK_WIDGET (row->quantity));
  gtk_box_append (GTK_BOX (top), row->remove);
  row->breakdown_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->breakdown_label, 0);
  gtk_label_set_wrap (row->breakdown_label, TRUE);
  gtk_label_set_selectable (row->breakdown_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row->breakdown_label), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (row->breakdown_label), "dim-label");
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row->breakdown_label));

  row->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row->row), box);
  gtk_list_box_append (self->lines_list, row->row);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row->quantity),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, row->breakdown_label, NULL, -1);

  g_signal_connect_object (row->quantity, "value-changed", G_CALLBACK (on_line_quantity_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (row->remove, "clicked", G_CALLBACK (on_line_remove_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  g_ptr_array_add (self->lines, row);
  renumber_lines (self);

  return self->lines->len - 1;
}

static void
show_client_error (KlOfferEditor *self)
{
  gboolean missing = kl_client_picker_get_client_id (self->client_picker) == 0;

  gtk_label_set_text (self->client_error, missing ? _("Choose the client from the list.") : "");
  gtk_widget_set_visible (self->client_error_row, missing);
}

/* Callbacks */

static void
on_line_quantity_changed_cb (KlOfferEditor *self,
                             GtkSpinButton *spin)
{
  for (guint i = 0; i < self->lines->len; i++)
    {
      LineRow *row = self->lines->pdata[i];

      if (row->quantity == spin)
        {
          kl_entity_set_number (row->line, "quantity", gtk_spin_button_get_value_as_int (spin));
          row->reprice = TRUE;
        }
    }
  self->lines_modified = TRUE;
  recompute (self);
}

static void
on_line_remove_clicked_cb (KlOfferEditor *self,
                           GtkButton     *button)
{
  for (guint i = 0; i < self->lines->len; i++)
    if (((LineRow *) self->lines->pdata[i])->remove == GTK_WIDGET (button))
      {
        kl_offer_editor_remove_line (self, i);
        return;
      }
}

static void
on_add_line_button_clicked_cb (KlOfferEditor *self)
{
  guint selected = gtk_drop_down_get_selected (self->product_dropdown);
  g_autoptr(GError) error = NULL;

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->product_ids->len)
    {
      kl_editor_show_error (KL_EDITOR (self), _("Choose a product from the price list first."));
      return;
    }
  if (kl_offer_editor_add_product (self, g_array_index (self->product_ids, gint64, selected),
                                   gtk_spin_button_get_value_as_int (self->quantity_spin), &error) < 0)
    kl_editor_show_error (KL_EDITOR (self), error->message);
}

static void
on_client_picker_notify_cb (KlOfferEditor *self)
{
  KlForm *form = kl_editor_get_form (KL_EDITOR (self));
  gint64 client_id = kl_client_picker_get_client_id (self->client_picker);

  show_client_error (self);
  if (self->filling || client_id == 0)
    return;
  kl_form_set_number (form, "client_id", client_id);
  /* A new offer starts with the client's loyalty discount. */
  if (self->offer == NULL)
    gtk_spin_button_set_value (self->loyalty_spin,
                               kl_offer_client_loyalty (kl_session_get_database (kl_editor_get_session (KL_EDITOR (self))),
                                                        client_id, 0) / 100.0);
}

static void
on_loyalty_spin_value_changed_cb (KlOfferEditor *self)
{
  if (form_entity (self) == NULL || self->filling)
    return;
  kl_form_set_number (kl_editor_get_form (KL_EDITOR (self)), "loyalty_discount_bp",
                      lround (gtk_spin_button_get_value (self->loyalty_spin) * 100));
}

static void
on_status_row_selected_cb (KlOfferEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->status_row);

  if (self->filling || self->statuses == NULL || selected >= g_strv_length (self->statuses))
    return;
  kl_form_set_text (kl_editor_get_form (KL_EDITOR (self)), "status", self->statuses[selected]);
}

static void
on_form_changed_cb (KlOfferEditor *self)
{
  recompute (self);
}

/* Prices every line again from the price list in @currency: all of them
 * or none (a line with no product, or a product priced in another
 * currency, keeps every line as it is). */
static gboolean
reprice_lines (KlOfferEditor *self,
               const char    *currency)
{
  KlDatabase *database = kl_session_get_database (kl_editor_get_session (KL_EDITOR (self)));
  g_autoptr(GArray) prices = g_array_new (FALSE, TRUE, sizeof (KlProductPrice));
  g_autoptr(GPtrArray) tiers = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  gboolean ok = TRUE;

  g_array_set_clear_func (prices, (GDestroyNotify) kl_product_price_clear);
  for (guint i = 0; ok && i < self->lines->len; i++)
    {
      LineRow *row = self->lines->pdata[i];
      gint64 product_id = kl_entity_get_number (row->line, "product_id");
      KlProductPrice price;
      GArray *steps;

      ok = product_id > 0
        && kl_product_price_lookup (database, product_id, kl_entity_get_number (row->line, "quantity"),
                                    currency, &price, NULL);
      if (!ok)
        break;
      g_array_append_val (prices, price);
      steps = kl_price_tiers_load (database, product_id, NULL);
      ok = steps != NULL;
      if (ok)
        g_ptr_array_add (tiers, steps);
    }
  if (!ok)
    return FALSE;

  for (guint i = 0; i < self->lines->len; i++)
    {
      LineRow *row = self->lines->pdata[i];
      KlProductPrice *price = &g_array_index (prices, KlProductPrice, i);

      kl_entity_set_number (row->line, "unit_price", price->unit_price);
      kl_entity_set_number (row->line, "discount_bp", price->tier_bp);
      kl_entity_set_number (row->line, "vat_rate_bp", price->vat_bp);
      g_clear_pointer (&row->tiers, g_array_unref);
      row->tiers = g_array_ref (tiers->pdata[i]);
      row->reprice = TRUE;
    }
  g_strlcpy (self->lines_currency, currency, sizeof self->lines_currency);
  self->lines_modified = TRUE;
  return TRUE;
}

/* Another currency: the lines are priced again from the price list in it,
 * or the form refuses it beside the field (check_lines_currency()). */
static void
on_currency_changed_cb (KlOfferEditor *self)
{
  const char *currency = offer_currency (self);

  if (self->lines->len == 0)
    g_strlcpy (self->lines_currency, currency, sizeof self->lines_currency);
  else if (lines_in_other_currency (self) && kl_validate_currency (currency, NULL))
    reprice_lines (self, currency);
  fill_products (self);
  recompute (self);
  kl_form_validate (kl_editor_get_form (KL_EDITOR (self)));
}

static void
on_discard_response_cb (KlOfferEditor    *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "discard"))
    {
      self->lines_modified = FALSE;
      kl_editor_finish_later (KL_EDITOR (self));
    }
}

/* Whether saving asks the credit check: an offer not yet answered or
 * accepted, new, or whose client, lines, currency or status changed. */
static gboolean
needs_credit_check (KlOfferEditor *self)
{
  KlEntity *now = form_entity (self);
  KlEntity *opened = self->offer != NULL ? KL_ENTITY (self->offer) : NULL;

  if (!g_strv_contains ((const char * const[]) { "draft", "sent", "accepted", NULL },
                        kl_entity_get_text (now, "status")))
    return FALSE;
  return opened == NULL || self->lines_modified
         || kl_client_picker_get_client_id (self->client_picker) != kl_entity_get_number (opened, "client_id")
         || g_strcmp0 (kl_entity_get_text (now, "currency"), kl_entity_get_text (opened, "currency")) != 0
         || g_strcmp0 (kl_entity_get_text (now, "status"), kl_entity_get_text (opened, "status")) != 0;
}

static void
draft_contract_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KlOfferEditor *self = KL_OFFER_EDITOR (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (self->offer == NULL || g_strcmp0 (self->stored_status, "accepted") != 0)
    return;
  if (kl_editor_is_modified (KL_EDITOR (self)) || self->lines_modified)
    {
      kl_editor_show_error (KL_EDITOR (self),
                            _("Save the offer first: the contract is drawn from the offer as saved."));
      return;
    }
  if (kl_contract_editor_open_draft (kl_editor_get_session (KL_EDITOR (self)), KL_TYPE_OFFER,
                                     kl_entity_get_id (KL_ENTITY (self->offer)), parent, self->toast_overlay) != NULL)
    kl_editor_finish (KL_EDITOR (self));
}

/* Save as PDF (Ctrl+Shift+S) and Print (Ctrl+P): the offer as saved. */
static void
document_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KlOfferEditor *self = KL_OFFER_EDITOR (widget);
  KlSession *session = kl_editor_get_session (KL_EDITOR (self));
  const char *number;

  if (self->offer == NULL || kl_editor_is_modified (KL_EDITOR (self)) || self->lines_modified)
    {
      kl_editor_show_error (KL_EDITOR (self), _("Save the offer first: the document shows the offer as saved."));
      return;
    }
  number = kl_entity_get_text (KL_ENTITY (self->offer), "number");
  if (g_str_equal (action_name, "offer.print"))
    kl_document_print (GTK_WINDOW (self), session, KL_DOCUMENT_OFFER, number, self->toast_overlay);
  else
    kl_document_save_pdf (GTK_WINDOW (self), session, KL_DOCUMENT_OFFER, number, self->toast_overlay);
}

/* Overrides */

static void
kl_offer_editor_save (KlEditor *editor)
{
  KlOfferEditor *self = KL_OFFER_EDITOR (editor);
  g_autoptr(KlEntity) offer = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  gint64 id;

  recompute (self);
  if (kl_client_picker_get_client_id (self->client_picker) == 0)
    {
      show_client_error (self);
      kl_editor_show_error (editor, _("Choose the client from the list."));
      return;
    }
  if (needs_credit_check (self)
      && !kl_editor_check_credit (editor, kl_client_picker_get_client_id (self->client_picker),
                                  self->sums.total, self->sums.currency, 0))
    return;

  if (lines_in_other_currency (self))
    {
      check_lines_currency (form_entity (self), "currency", self, &error);
      kl_editor_show_error (editor, error->message);
      return;
    }

  offer = kl_entity_copy (form_entity (self));
  for (guint i = 0; i < self->lines->len; i++)
    g_ptr_array_add (lines, kl_entity_copy (((LineRow *) self->lines->pdata[i])->line));
  id = kl_offer_save (kl_editor_get_session (editor), KL_OFFER (offer), lines, &error);
  if (id <= 0)
    {
      kl_editor_show_error (editor, error->message);
      return;
    }

  self->lines_modified = FALSE;
  kl_editor_emit_saved (editor, id);
  kl_editor_finish (editor);
}

static gboolean
kl_offer_editor_close_request (GtkWindow *window)
{
  KlOfferEditor *self = KL_OFFER_EDITOR (window);

  /* The form knows of its own fields; the lines are this editor's. */
  if (self->lines_modified && !kl_editor_is_modified (KL_EDITOR (self)))
    {
      kl_form_ask_discard (window, _("The changes made to this offer will be lost."), _("_Cancel"),
                           G_CALLBACK (on_discard_response_cb), self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (kl_offer_editor_parent_class)->close_request (window);
}

static void
kl_offer_editor_constructed (GObject *object)
{
  KlOfferEditor *self = KL_OFFER_EDITOR (object);
  KlSession *session = kl_editor_get_session (KL_EDITOR (self));
  KlDatabase *database = kl_session_get_database (session);
  KlForm *form = kl_editor_get_form (KL_EDITOR (self));
  g_autoptr(KlEntity) offer = NULL;
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (kl_offer_editor_parent_class)->constructed (object);

  self->company = kl_company_load (database, &error);
  if (self->company == NULL)
    {
      g_warning ("Could not read the company's preferences: %s", error->message);
      self->company = kl_company_new_for_office (kl_session_get_office (session));
    }
  kl_client_picker_set_session (self->client_picker, session);

  if (self->offer != NULL)
    offer = kl_entity_copy (KL_ENTITY (self->offer));
  else
    {
      g_autofree char *today = kl_database_today ();
      g_autofree char *number = kl_company_next_number (database, KL_DOCUMENT_OFFER,
                                                        self->company->offer_pattern, today, NULL);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDateTime) later = g_date_time_add_days (now, 30);
      g_autofree char *valid_until = g_date_time_format (later, "%Y-%m-%d");

      offer = kl_session_new_entity (session, KL_TYPE_OFFER);
      kl_entity_set_text (offer, "number", number);
      kl_entity_set_text (offer, "issue_date", today);
      kl_entity_set_text (offer, "valid_until", valid_until);
      kl_entity_set_number (offer, "deferral_days", 30);
      if (self->client_id > 0)
        {
          g_autoptr(KlEntity) client = kl_store_get (kl_session_get_store (session, KL_TYPE_CLIENT),
                                                     self->client_id, NULL);

          kl_entity_set_number (offer, "client_id", self->client_id);
          kl_entity_set_number (offer, "loyalty_discount_bp",
                                kl_offer_client_loyalty (database, self->client_id, 0));
          if (client != NULL)
            kl_entity_set_number (offer, "manager_id", kl_client_get_manager_id (KL_CLIENT (client)));
        }
      if (self->deal_id > 0)
        kl_entity_set_number (offer, "deal_id", self->deal_id);
    }
  self->stored_status = g_strdup (kl_entity_get_text (offer, "status"));

  self->filling = TRUE;
  kl_client_picker_set_client_id (self->client_picker, kl_entity_get_number (offer, "client_id"));
  gtk_spin_button_set_value (self->loyalty_spin, kl_entity_get_number (offer, "loyalty_discount_bp") / 100.0);
  self->filling = FALSE;
  kl_form_open (form, offer);

  if (self->offer != NULL)
    {
      g_autoptr(GPtrArray) lines = kl_offer_lines_load (session, kl_entity_get_id (offer), NULL);

      for (guint i = 0; lines != NULL && i < lines->len; i++)
        {
          gint64 product_id = kl_entity_get_number (lines->pdata[i], "product_id");
          g_autoptr(GArray) tiers = product_id > 0 ? kl_price_tiers_load (database, product_id, NULL) : NULL;

          /* A stored line keeps its tier until its quantity changes: a
           * later change of the price list does not reprice a sent offer. */
          append_line (self, lines->pdata[i], tiers);
        }
    }

  g_strlcpy (self->lines_currency, offer_currency (self), sizeof self->lines_currency);
  fill_statuses (self);
  fill_products (self);
  show_client_error (self);
  recompute (self);
  self->lines_modified = FALSE;
  update_title (self);
  gtk_widget_set_visible (self->draft_contract_button,
                          self->offer != NULL && g_strcmp0 (self->stored_status, "accepted") == 0);
}

static void
kl_offer_editor_dispose (GObject *object)
{
  KlOfferEditor *self = KL_OFFER_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_OFFER_EDITOR);
  g_clear_object (&self->offer);
  g_clear_pointer (&self->lines, g_ptr_array_unref);

  G_OBJECT_CLASS (kl_offer_editor_parent_class)->dispose (object);
}

static void
kl_offer_editor_finalize (GObject *object)
{
  KlOfferEditor *self = KL_OFFER_EDITOR (object);

  g_clear_pointer (&self->company, kl_company_free);
  g_clear_pointer (&self->stored_status, g_free);
  g_clear_pointer (&self->statuses, g_strfreev);
  g_clear_pointer (&self->product_ids, g_array_unref);
  g_clear_pointer (&self->totals_text, g_free);
  kl_offer_sums_clear (&self->sums);

  G_OBJECT_CLASS (kl_offer_editor_parent_class)->finalize (object);
}

static void
kl_offer_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KlOfferEditor *self = KL_OFFER_EDITOR (object);

  switch (prop_id)
    {
    case PROP_OFFER:
      g_value_set_object (value, self->offer);
      break;
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;
    case PROP_DEAL_ID:
      g_value_set_int64 (value, self->deal_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_offer_editor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KlOfferEditor *self = KL_OFFER_EDITOR (object);

  switch (prop_id)
    {
    case PROP_OFFER:
      self->offer = g_value_dup_object (value);
      break;
    case PROP_CLIENT_ID:
      self->client_id = g_value_get_int64 (value);
      break;
    case PROP_DEAL_ID:
      self->deal_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_offer_editor_class_init (KlOfferEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  KlEditorClass *editor_class = KL_EDITOR_CLASS (klass);

  object_class->constructed = kl_offer_editor_constructed;
  object_class->dispose = kl_offer_editor_dispose;
  object_class->finalize = kl_offer_editor_finalize;
  object_class->get_property = kl_offer_editor_get_property;
  object_class->set_property = kl_offer_editor_set_property;
  window_class->close_request = kl_offer_editor_close_request;
  editor_class->save = kl_offer_editor_save;
  editor_class->discard_body = N_("The changes made to this offer will be lost.");

  properties[PROP_OFFER] =
    g_param_spec_object ("offer", NULL, NULL, KL_TYPE_OFFER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEAL_ID] =
    g_param_spec_int64 ("deal-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "offer.draft-contract", NULL, draft_contract_action);
  gtk_widget_class_install_action (widget_class, "offer.save-pdf", NULL, document_action);
  gtk_widget_class_install_action (widget_class, "offer.print", NULL, document_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "offer.save-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "offer.print", NULL);

  g_type_ensure (KL_TYPE_CLIENT_PICKER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/offers/kl-offer-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, draft_contract_button);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, number_row);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, number_error);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, client_picker);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, client_error_row);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, client_error);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, issue_date_row);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, issue_date_error);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, valid_until_row);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, valid_until_error);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, currency_row);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, currency_error);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, deferral_spin);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, loyalty_spin);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, deferral_error);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, product_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, quantity_spin);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, add_line_button);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, lines_list);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, totals_label);
  gtk_widget_class_bind_template_child (widget_class, KlOfferEditor, notes_buffer);
  gtk_widget_class_bind_template_callback (widget_class, on_add_line_button_clicked_cb);
}

static void
kl_offer_editor_init (KlOfferEditor *self)
{
  KlForm *form = kl_editor_get_form (KL_EDITOR (self));
  g_autoptr(GtkExpression) expression = NULL;

  self->lines = g_ptr_array_new_with_free_func (line_row_free);
  self->product_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  kl_offer_sums_init (&self->sums, "EUR");
  gtk_widget_init_template (GTK_WIDGET (self));
  kl_editor_set_toast_overlay (KL_EDITOR (self), self->toast_overlay);

  /* The dropdown's search types into the product's code and name. */
  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->product_dropdown, expression);

  kl_form_bind_entry (form, "number", KL_FORM_TEXT, GTK_EDITABLE (self->number_row), self->number_error);
  kl_form_bind_entry (form, "issue_date", KL_FORM_DATE, GTK_EDITABLE (self->issue_date_row), self->issue_date_error);
  kl_form_bind_entry (form, "valid_until", KL_FORM_DATE, GTK_EDITABLE (self->valid_until_row),
                      self->valid_until_error);
  kl_form_bind_entry (form, "currency", KL_FORM_TEXT, GTK_EDITABLE (self->currency_row), self->currency_error);
  kl_form_add_check (form, "currency", check_lines_currency, self);
  kl_form_bind_spin_button (form, "deferral_days", self->deferral_spin);
  kl_form_bind_text_buffer (form, "notes", self->notes_buffer);

  g_signal_connect_object (form, "changed::number", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (form, "changed::deferral_days", G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (form, "changed::loyalty_discount_bp", G_CALLBACK (on_form_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (form, "changed::currency", G_CALLBACK (on_currency_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (form, "changed::valid_until", G_CALLBACK (fill_statuses), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client_picker, "notify::client-id", G_CALLBACK (on_client_picker_notify_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->loyalty_spin, "value-changed", G_CALLBACK (on_loyalty_spin_value_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_row, "notify::selected", G_CALLBACK (on_status_row_selected_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Public API */

/**
 * kl_offer_editor_new:
 * @offer: (nullable): the offer to change, or %NULL for a new one
 * @client_id: a new offer's client, or 0 to pick one
 * @deal_id: a new offer's deal, or 0
 *
 * Returns: (transfer floating): the form
 */
KlOfferEditor *
kl_offer_editor_new (KlSession *session,
                     KlOffer   *offer,
                     gint64     client_id,
                     gint64     deal_id)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (offer == NULL || KL_IS_OFFER (offer), NULL);

  return g_object_new (KL_TYPE_OFFER_EDITOR,
                       "session", session,
                       "offer", offer,
                       "client-id", client_id,
                       "deal-id", deal_id,
                       NULL);
}

/**
 * kl_offer_editor_add_product:
 * @product_id: a product of the price list in the offer's currency
 *
 * Returns: the new line's index, or -1 with @error set (another currency,
 *   no such product)
 */
int
kl_offer_editor_add_product (KlOfferEditor  *self,
                             gint64          product_id,
                             gint64          quantity,
                             GError        **error)
{
  KlDatabase *database;
  KlProductPrice price;
  g_autoptr(KlEntity) line = NULL;
  g_autoptr(GArray) tiers = NULL;
  guint index;

  g_return_val_if_fail (KL_IS_OFFER_EDITOR (self), -1);
  g_return_val_if_fail (quantity >= 1, -1);

  database = kl_session_get_database (kl_editor_get_session (KL_EDITOR (self)));
  if (lines_in_other_currency (self))
    {
      check_lines_currency (form_entity (self), "currency", self, error);
      return -1;
    }
  if (!kl_product_price_lookup (database, product_id, quantity, offer_currency (self), &price, error))
    return -1;
  tiers = kl_price_tiers_load (database, product_id, error);
  if (tiers == NULL)
    {
      kl_product_price_clear (&price);
      return -1;
    }

  line = g_object_new (KL_TYPE_OFFER_LINE, NULL);
  kl_entity_set_number (line, "product_id", product_id);
  kl_entity_set_text (line, "description", price.name);
  kl_entity_set_number (line, "quantity", quantity);
  kl_entity_set_number (line, "unit_price", price.unit_price);
  kl_entity_set_number (line, "discount_bp", price.tier_bp);
  kl_entity_set_number (line, "vat_rate_bp", price.vat_bp);
  kl_product_price_clear (&price);

  if (self->lines->len == 0)
    g_strlcpy (self->lines_currency, offer_currency (self), sizeof self->lines_currency);
  index = append_line (self, line, tiers);
  ((LineRow *) self->lines->pdata[index])->reprice = TRUE;
  self->lines_modified = TRUE;
  recompute (self);
  return index;
}

void
kl_offer_editor_set_quantity (KlOfferEditor *self,
                              guint          line,
                              gint64         quantity)
{
  g_return_if_fail (KL_IS_OFFER_EDITOR (self));
  g_return_if_fail (line < self->lines->len);

  gtk_spin_button_set_value (((LineRow *) self->lines->pdata[line])->quantity, (double) quantity);
}

void
kl_offer_editor_remove_line (KlOfferEditor *self,
                             guint          line)
{
  LineRow *row;

  g_return_if_fail (KL_IS_OFFER_EDITOR (self));
  g_return_if_fail (line < self->lines->len);

  row = self->lines->pdata[line];
  gtk_list_box_remove (self->lines_list, row->row);
  g_ptr_array_remove_index (self->lines, line);
  renumber_lines (self);
  self->lines_modified = TRUE;
  if (self->lines->len == 0)
    g_strlcpy (self->lines_currency, offer_currency (self), sizeof self->lines_currency);
  recompute (self);
  kl_form_validate (kl_editor_get_form (KL_EDITOR (self)));
}

guint
kl_offer_editor_get_n_lines (KlOfferEditor *self)
{
  g_return_val_if_fail (KL_IS_OFFER_EDITOR (self), 0);

  return self->lines->len;
}

const KlLinePrice *
kl_offer_editor_get_line_price (KlOfferEditor *self,
                                guint          line)
{
  g_return_val_if_fail (KL_IS_OFFER_EDITOR (self), NULL);
  g_return_val_if_fail (line < self->lines->len, NULL);

  return &((LineRow *) self->lines->pdata[line])->price;
}

/* The breakdown shown under the line. */
const char *
kl_offer_editor_get_line_breakdown (KlOfferEditor *self,
                                    guint          line)
{
  g_return_val_if_fail (KL_IS_OFFER_EDITOR (self), NULL);
  g_return_val_if_fail (line < self->lines->len, NULL);

  return ((LineRow *) self->lines->pdata[line])->breakdown;
}

const KlOfferSums *
kl_offer_editor_get_sums (KlOfferEditor *self)
{
  g_return_val_if_fail (KL_IS_OFFER_EDITOR (self), NULL);

  return &self->sums;
}

const char *
kl_offer_editor_get_totals_text (KlOfferEditor *self)
{
  g_return_val_if_fail (KL_IS_OFFER_EDITOR (self), NULL);

  return self->totals_text;
}

/* The statuses the status row offers now. */
GStrv
kl_offer_editor_get_status_choices (KlOfferEditor *self)
{
  g_return_val_if_fail (KL_IS_OFFER_EDITOR (self), NULL);

  return g_strdupv (self->statuses);
}
