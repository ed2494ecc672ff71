/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-product-editor.h"

#include <math.h>

#include "kl-entities.h"
#include "kl-price-list.h"

/* A product of the price list and its quantity tiers: the product's
 * fields go through the KlForm; the tiers are rows of two spin buttons,
 * checked as they change (kl_price_tiers_validate()) and written with the
 * product in one transaction (kl_product_save()). */

typedef struct {
  GtkWidget     *row;
  GtkSpinButton *quantity;
  GtkSpinButton *discount;
  GtkWidget     *remove;
} TierRow;

struct _KlProductEditor
{
  KlEditor         parent_instance;

  KlProduct       *product;       /* as opened; NULL for a new product */
  GPtrArray       *tiers;         /* of TierRow */
  gboolean         tiers_modified;
  char            *tiers_message;

  /* Template children */
  AdwWindowTitle  *window_title;
  AdwToastOverlay *toast_overlay;
  AdwEntryRow     *code_row;
  GtkLabel        *code_error;
  AdwEntryRow     *name_row;
  GtkLabel        *name_error;
  AdwEntryRow     *unit_row;
  GtkLabel        *unit_error;
  AdwEntryRow     *price_row;
  GtkLabel        *price_error;
  AdwEntryRow     *currency_row;
  GtkLabel        *currency_error;
  GtkSpinButton   *vat_spin;
  GtkListBox      *tiers_list;
  GtkLabel        *tiers_error;
};

G_DEFINE_FINAL_TYPE (KlProductEditor, kl_product_editor, KL_TYPE_EDITOR)

enum {
  PROP_0,
  PROP_PRODUCT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
update_title (KlProductEditor *self)
{
  KlEntity *product = kl_form_get_entity (kl_editor_get_form (KL_EDITOR (self)));
  const char *name = product != NULL ? kl_entity_get_text (product, "name") : NULL;

  adw_window_title_set_title (self->window_title,
                              self->product != NULL ? _("Edit Product") : _("New Product"));
  adw_window_title_set_subtitle (self->window_title, name != NULL ? name : "");
  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));
}

static GArray *
collect_tiers (KlProductEditor *self)
{
  GArray *steps = g_array_new (FALSE, FALSE, sizeof (KlPriceTierStep));

  for (guint i = 0; i < self->tiers->len; i++)
    {
      TierRow *tier = self->tiers->pdata[i];
      KlPriceTierStep step = {
        .min_quantity = gtk_spin_button_get_value_as_int (tier->quantity),
        .discount_bp = (int) lround (gtk_spin_button_get_value (tier->discount) * 100),
      };

      g_array_append_val (steps, step);
    }

  return steps;
}

/* Checks the tiers and shows what is wrong under them. */
static gboolean
check_tiers (KlProductEditor *self)
{
  g_autoptr(GArray) steps = collect_tiers (self);
  g_autoptr(GError) error = NULL;
  guint bad = 0;
  gboolean ok = kl_price_tiers_validate ((KlPriceTierStep *) steps->data, steps->len, &bad, &error);

  g_clear_pointer (&self->tiers_message, g_free);
  for (guint i = 0; i < self->tiers->len; i++)
    {
      TierRow *tier = self->tiers->pdata[i];

      if (!ok && i == bad)
        gtk_widget_add_css_class (GTK_WIDGET (tier->quantity), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (tier->quantity), "error");
    }
  if (!ok)
    self->tiers_message = g_strdup (error->message);
  gtk_label_set_text (self->tiers_error, ok ? "" : error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->tiers_error), !ok);

  return ok;
}

static void
renumber_tiers (KlProductEditor *self)
{
  for (guint i = 0; i < self->tiers->len; i++)
    {
      TierRow *tier = self->tiers->pdata[i];
      g_autofree char *quantity = g_strdup_printf (_("Tier %u: from quantity"), i + 1);
      g_autofree char *discount = g_strdup_printf (_("Tier %u: discount (%%)"), i + 1);
      g_autofree char *remove = g_strdup_printf (_("Remove tier %u"), i + 1);

      gtk_accessible_update_property (GTK_ACCESSIBLE (tier->quantity),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, quantity, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (tier->discount),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, discount, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (tier->remove),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove, -1);
      gtk_widget_set_tooltip_text (tier->remove, remove);
    }
}

/* Callbacks */

static void
on_tier_changed_cb (KlProductEditor *self)
{
  self->tiers_modified = TRUE;
  check_tiers (self);
}

static void
on_tier_remove_clicked_cb (KlProductEditor *self,
                           GtkButton       *button)
{
  for (guint i = 0; i < self->tiers->len; i++)
    if (((TierRow *) self->tiers->pdata[i])->remove == GTK_WIDGET (button))
      {
        kl_product_editor_remove_tier (self, i);
        return;
      }
}

static void
on_add_tier_button_clicked_cb (KlProductEditor *self)
{
  gint64 quantity = 10;
  int discount = 500;
  guint index;

  if (self->tiers->len > 0)
    {
      TierRow *last = self->tiers->pdata[self->tiers->len - 1];

      quantity = gtk_spin_button_get_value_as_int (last->quantity) * 5;
      discount = MIN (10000, (int) lround (gtk_spin_button_get_value (last->discount) * 100) + 500);
    }
  index = kl_product_editor_add_tier (self, CLAMP (quantity, 1, G_MAXINT32), discount);
  gtk_widget_grab_focus (GTK_WIDGET (((TierRow *) self->tiers->pdata[index])->quantity));
}

static void
on_vat_spin_value_changed_cb (KlProductEditor *self,
                              GtkSpinButton   *spin)
{
  KlForm *form = kl_editor_get_form (KL_EDITOR (self));

  if (kl_form_get_entity (form) != NULL && !kl_form_is_loading (form))
    kl_form_set_number (form, "vat_rate_bp", lround (gtk_spin_button_get_value (spin) * 100));
}

static void
on_discard_response_cb (KlProductEditor  *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "discard"))
    {
      self->tiers_modified = FALSE;
      kl_editor_finish_later (KL_EDITOR (self));
    }
}

/* Overrides */

static void
kl_product_editor_save (KlEditor *editor)
{
  KlProductEditor *self = KL_PRODUCT_EDITOR (editor);
  KlForm *form = kl_editor_get_form (editor);
  g_autoptr(KlEntity) product = NULL;
  g_autoptr(GArray) steps = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!check_tiers (self))
    {
      kl_editor_show_error (editor, self->tiers_message);
      return;
    }

  /* The form's copy, as typed, written with the tiers. */
  product = kl_entity_copy (kl_form_get_entity (form));
  steps = collect_tiers (self);
  id = kl_product_save (kl_editor_get_session (editor), KL_PRODUCT (product),
                        (KlPriceTierStep *) steps->data, steps->len, &error);
  if (id <= 0)
    {
      kl_editor_show_error (editor, error->message);
      return;
    }

  self->tiers_modified = FALSE;
  kl_editor_emit_saved (editor, id);
  kl_editor_finish (editor);
}

static gboolean
kl_product_editor_close_request (GtkWindow *window)
{
  KlProductEditor *self = KL_PRODUCT_EDITOR (window);

  /* The form knows of its own fields; the tiers are this editor's. */
  if (self->tiers_modified && !kl_editor_is_modified (KL_EDITOR (self)))
    {
      kl_form_ask_discard (window, _("The changes made to this product will be lost."), _("_Cancel"),
                           G_CALLBACK (on_discard_response_cb), self);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (kl_product_editor_parent_class)->close_request (window);
}

static void
kl_product_editor_constructed (GObject *object)
{
  KlProductEditor *self = KL_PRODUCT_EDITOR (object);
  KlSession *session = kl_editor_get_session (KL_EDITOR (self));
  KlForm *form = kl_editor_get_form (KL_EDITOR (self));
  g_autoptr(KlEntity) product = NULL;

  G_OBJECT_CLASS (kl_product_editor_parent_class)->constructed (object);

  if (self->product != NULL)
    {
      g_autoptr(GArray) steps = kl_price_tiers_load (kl_session_get_database (session),
                                                     kl_entity_get_id (KL_ENTITY (self->product)), NULL);

      product = g_object_ref (KL_ENTITY (self->product));
      for (guint i = 0; steps != NULL && i < steps->len; i++)
        kl_product_editor_add_tier (self, g_array_index (steps, KlPriceTierStep, i).min_quantity,
                                    g_array_index (steps, KlPriceTierStep, i).discount_bp);
    }
  else
    product = kl_session_new_entity (session, KL_TYPE_PRODUCT);

  gtk_spin_button_set_value (self->vat_spin, kl_entity_get_number (product, "vat_rate_bp") / 100.0);
  kl_form_open (form, product);
  self->tiers_modified = FALSE;
  update_title (self);
}

static void
kl_product_editor_dispose (GObject *object)
{
  KlProductEditor *self = KL_PRODUCT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_PRODUCT_EDITOR);
  g_clear_object (&self->product);
  g_clear_pointer (&self->tiers, g_ptr_array_unref);
  g_clear_pointer (&self->tiers_message, g_free);

  G_OBJECT_CLASS (kl_product_editor_parent_class)->dispose (object);
}

static void
kl_product_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KlProductEditor *self = KL_PRODUCT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PRODUCT:
      g_value_set_object (value, self->product);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_product_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KlProductEditor *self = KL_PRODUCT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_PRODUCT:
      self->product = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_product_editor_class_init (KlProductEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);
  KlEditorClass *editor_class = KL_EDITOR_CLASS (klass);

  object_class->constructed = kl_product_editor_constructed;
  object_class->dispose = kl_product_editor_dispose;
  object_class->get_property = kl_product_editor_get_property;
  object_class->set_property = kl_product_editor_set_property;
  window_class->close_request = kl_product_editor_close_request;
  editor_class->save = kl_product_editor_save;
  editor_class->discard_body = N_("The changes made to this product will be lost.");

  /**
   * KlProductEditor:product:
   *
   * The product being changed; %NULL for a new one.
   */
  properties[PROP_PRODUCT] =
    g_param_spec_object ("product", NULL, NULL,
                         KL_TYPE_PRODUCT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/offers/kl-product-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KlProductEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, KlProductEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlProductEditor, code_row);
  gtk_widget_class_bind_template_child (widget_class, KlProductEditor, code_error);
  gtk_widget_class_bind_template_child (widget_class, KlProductEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, KlProductEditor, name_error);
  gtk_widget_class_bind_template_child (widget_class, KlProductEditor, unit_row);
  gtk_widget_class_bind_template_child (widget_class, KlProductEditor, unit_error);
  gtk_widget_class_bind_template_child (widget_class, KlProductEditor, price_row);
  gtk_widget_class_bind_template_child (widget_class, KlProductEditor, price_error);
  gtk_widget_class_bind_template_child (widget_class, KlProductEditor, currency_row);
  gtk_widget_class_bind_template_child (widget_class, KlProductEditor, currency_error);
  gtk_widget_class_bind_template_child (widget_class, KlProductEditor, vat_spin);
  gtk_widget_class_bind_template_child (widget_class, KlProductEditor, tiers_list);
  gtk_widget_class_bind_template_child (widget_class, KlProductEditor, tiers_error);
  gtk_widget_class_bind_template_callback (widget_class, on_add_tier_button_clicked_cb);
}

static void
kl_product_editor_init (KlProductEditor *self)
{
  KlForm *form = kl_editor_get_form (KL_EDITOR (self));

  self->tiers = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  kl_editor_set_toast_overlay (KL_EDITOR (self), self->toast_overlay);

  kl_form_bind_entry (form, "code", KL_FORM_TEXT, GTK_EDITABLE (self->code_row), self->code_error);
  kl_form_bind_entry (form, "name", KL_FORM_TEXT, GTK_EDITABLE (self->name_row), self->name_error);
  kl_form_bind_entry (form, "unit", KL_FORM_TEXT, GTK_EDITABLE (self->unit_row), self->unit_error);
  kl_form_bind_entry (form, "price", KL_FORM_MONEY, GTK_EDITABLE (self->price_row), self->price_error);
  kl_form_bind_entry (form, "currency", KL_FORM_TEXT, GTK_EDITABLE (self->currency_row), self->currency_error);
  g_signal_connect_object (self->vat_spin, "value-changed", G_CALLBACK (on_vat_spin_value_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (form, "changed::name", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
}

/* Public API */

/**
 * kl_product_editor_new:
 * @product: (nullable): the product to change, or %NULL for a new one
 *
 * Returns: (transfer floating): the form
 */
KlProductEditor *
kl_product_editor_new (KlSession *session,
                       KlProduct *product)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (product == NULL || KL_IS_PRODUCT (product), NULL);

  return g_object_new (KL_TYPE_PRODUCT_EDITOR,
                       "session", session,
                       "product", product,
                       NULL);
}

/* Adds a tier row at the end; returns its index. */
guint
kl_product_editor_add_tier (KlProductEditor *self,
                            gint64           min_quantity,
                            int              discount_bp)
{
  TierRow *tier;
  GtkWidget *box, *from, *off;

  g_return_val_if_fail (KL_IS_PRODUCT_EDITOR (self), 0);

  tier = g_new0 (TierRow, 1);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  /* Translators: a quantity tier reads "From [10] units: discount [5] % [remove]" */
  from = gtk_label_new (_("From"));
  tier->quantity = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, G_MAXINT32, 1));
  gtk_spin_button_set_value (tier->quantity, (double) min_quantity);
  gtk_widget_set_hexpand (GTK_WIDGET (tier->quantity), TRUE);
  off = gtk_label_new (_("units: discount"));
  tier->discount = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (0, 100, 0.5));
  gtk_spin_button_set_digits (tier->discount, 2);
  gtk_spin_button_set_value (tier->discount, discount_bp / 100.0);
  tier->remove = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_add_css_class (tier->remove, "flat");
  gtk_widget_set_valign (tier->remove, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (box), from);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (tier->quantity));
  gtk_box_append (GTK_BOX (box), off);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (tier->discount));
  gtk_box_append (GTK_BOX (box), gtk_label_new ("%"));
  gtk_box_append (GTK_BOX (box), tier->remove);

  tier->row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (tier->row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (tier->row), box);
  gtk_list_box_append (self->tiers_list, tier->row);

  g_signal_connect_object (tier->quantity, "value-changed", G_CALLBACK (on_tier_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tier->discount, "value-changed", G_CALLBACK (on_tier_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (tier->remove, "clicked", G_CALLBACK (on_tier_remove_clicked_cb), self, G_CONNECT_SWAPPED);

  g_ptr_array_add (self->tiers, tier);
  renumber_tiers (self);
  self->tiers_modified = TRUE;
  check_tiers (self);

  return self->tiers->len - 1;
}

void
kl_product_editor_remove_tier (KlProductEditor *self,
                               guint            index)
{
  TierRow *tier;

  g_return_if_fail (KL_IS_PRODUCT_EDITOR (self));
  g_return_if_fail (index < self->tiers->len);

  tier = self->tiers->pdata[index];
  gtk_list_box_remove (self->tiers_list, tier->row);
  g_ptr_array_remove_index (self->tiers, index);
  renumber_tiers (self);
  self->tiers_modified = TRUE;
  check_tiers (self);
}

guint
kl_product_editor_get_n_tiers (KlProductEditor *self)
{
  g_return_val_if_fail (KL_IS_PRODUCT_EDITOR (self), 0);

  return self->tiers->len;
}

/* What is wrong with the tiers now, or %NULL. */
const char *
kl_product_editor_get_tiers_error (KlProductEditor *self)
{
  g_return_val_if_fail (KL_IS_PRODUCT_EDITOR (self), NULL);

  return self->tiers_message;
}
