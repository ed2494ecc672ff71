/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-payment-editor.h"

#include "kl-entities.h"
#include "kl-format.h"
#include "kl-receivables.h"
#include "kl-validation.h"

/* A payment of one invoice, new or existing: a KlEditor (see kl-editor.c).
 * A new one is dated today and pays what the invoice still owes; less is
 * a partial payment, more than it owes is refused as typed. */

struct _KlPaymentEditor
{
  KlEditor           parent_instance;

  gint64             invoice_id;
  KlPayment         *payment;        /* as opened; NULL for a new payment */
  gint64             payable;        /* what this payment may pay at most */
  char              *currency;

  /* Template children */
  AdwWindowTitle    *window_title;
  AdwToastOverlay   *toast_overlay;
  GtkButton         *save_button;
  AdwActionRow      *invoice_row;
  AdwEntryRow       *paid_date_row;
  GtkLabel          *paid_date_error;
  AdwEntryRow       *amount_row;
  GtkLabel          *amount_error;
  AdwEntryRow       *reference_row;
  GtkLabel          *reference_error;
};

G_DEFINE_FINAL_TYPE (KlPaymentEditor, kl_payment_editor, KL_TYPE_EDITOR)

enum {
  PROP_0,
  PROP_INVOICE_ID,
  PROP_PAYMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static gboolean
check_amount (KlEntity    *payment,
              const char  *column,
              gpointer     user_data,
              GError     **error)
{
  KlPaymentEditor *self = user_data;

  if (kl_entity_get_number (payment, "amount") > self->payable)
    {
      g_autofree char *owed = kl_format_money (self->payable, self->currency);

      g_set_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_RANGE,
                   /* TRANSLATORS: %s is a sum of money */
                   _("More than the invoice still owes (%s)."), owed);
      return FALSE;
    }
  return TRUE;
}

static void
fill_invoice (KlPaymentEditor *self,
              KlEntity        *payment)
{
  KlDatabase *database = kl_session_get_database (kl_editor_get_session (KL_EDITOR (self)));
  g_autoptr(GError) error = NULL;
  g_autoptr(KlInvoiceLine) line = kl_invoice_line_load (database, self->invoice_id, &error);
  g_autofree char *owed = NULL;
  g_autofree char *subtitle = NULL;

  if (line == NULL)
    {
      adw_action_row_set_subtitle (self->invoice_row, error->message);
      return;
    }

  self->currency = g_strdup (line->currency);
  self->payable = MAX (0, line->amount - line->paid);
  if (self->payment != NULL)
    self->payable += kl_entity_get_number (KL_ENTITY (self->payment), "amount");
  else
    {
      g_autofree char *today = kl_database_today ();

      kl_entity_set_text (payment, "paid_date", today);
      kl_entity_set_number (payment, "amount", self->payable);
    }

  owed = kl_format_money (MAX (0, line->amount - line->paid), line->currency);
  /* TRANSLATORS: %1$s is an invoice number, %2$s a sum of money */
  subtitle = g_strdup_printf (_("%1$s · still owes %2$s"), line->number, owed);
  adw_action_row_set_subtitle (self->invoice_row, subtitle);
  adw_window_title_set_subtitle (self->window_title, line->number);
}

/* Overrides */

static void
kl_payment_editor_constructed (GObject *object)
{
  KlPaymentEditor *self = KL_PAYMENT_EDITOR (object);
  KlForm *form = kl_editor_get_form (KL_EDITOR (self));
  g_autoptr(KlEntity) payment = NULL;

  G_OBJECT_CLASS (kl_payment_editor_parent_class)->constructed (object);

  if (self->payment != NULL)
    {
      payment = g_object_ref (KL_ENTITY (self->payment));
      self->invoice_id = kl_entity_get_number (payment, "invoice_id");
    }
  else
    {
      payment = g_object_new (KL_TYPE_PAYMENT, NULL);
      kl_entity_set_number (payment, "invoice_id", self->invoice_id);
    }

  adw_window_title_set_title (self->window_title,
                              self->payment != NULL ? _("Edit Payment") : _("Record Payment"));
  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));
  fill_invoice (self, payment);
  kl_form_open (form, payment);
}

static void
kl_payment_editor_dispose (GObject *object)
{
  KlPaymentEditor *self = KL_PAYMENT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_PAYMENT_EDITOR);
  g_clear_object (&self->payment);
  g_clear_pointer (&self->currency, g_free);

  G_OBJECT_CLASS (kl_payment_editor_parent_class)->dispose (object);
}

static void
kl_payment_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KlPaymentEditor *self = KL_PAYMENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_INVOICE_ID:
      g_value_set_int64 (value, self->invoice_id);
      break;
    case PROP_PAYMENT:
      g_value_set_object (value, self->payment);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_payment_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KlPaymentEditor *self = KL_PAYMENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_INVOICE_ID:
      self->invoice_id = g_value_get_int64 (value);
      break;
    case PROP_PAYMENT:
      self->payment = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_payment_editor_class_init (KlPaymentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlEditorClass *editor_class = KL_EDITOR_CLASS (klass);

  object_class->constructed = kl_payment_editor_constructed;
  object_class->dispose = kl_payment_editor_dispose;
  object_class->get_property = kl_payment_editor_get_property;
  object_class->set_property = kl_payment_editor_set_property;

  editor_class->discard_body = N_("The changes made to this payment will be lost.");

  /**
   * KlPaymentEditor:invoice-id:
   *
   * The invoice a new payment pays; ignored when #KlPaymentEditor:payment is set.
   */
  properties[PROP_INVOICE_ID] =
    g_param_spec_int64 ("invoice-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KlPaymentEditor:payment:
   *
   * The payment being changed; %NULL for a new one.
   */
  properties[PROP_PAYMENT] =
    g_param_spec_object ("payment", NULL, NULL,
                         KL_TYPE_PAYMENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/invoices/kl-payment-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KlPaymentEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, KlPaymentEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlPaymentEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, KlPaymentEditor, invoice_row);
  gtk_widget_class_bind_template_child (widget_class, KlPaymentEditor, paid_date_row);
  gtk_widget_class_bind_template_child (widget_class, KlPaymentEditor, paid_date_error);
  gtk_widget_class_bind_template_child (widget_class, KlPaymentEditor, amount_row);
  gtk_widget_class_bind_template_child (widget_class, KlPaymentEditor, amount_error);
  gtk_widget_class_bind_template_child (widget_class, KlPaymentEditor, reference_row);
  gtk_widget_class_bind_template_child (widget_class, KlPaymentEditor, reference_error);
}

static void
kl_payment_editor_init (KlPaymentEditor *self)
{
  KlForm *form = kl_editor_get_form (KL_EDITOR (self));

  gtk_widget_init_template (GTK_WIDGET (self));
  kl_editor_set_toast_overlay (KL_EDITOR (self), self->toast_overlay);

  kl_form_bind_entry (form, "paid_date", KL_FORM_DATE, GTK_EDITABLE (self->paid_date_row), self->paid_date_error);
  kl_form_bind_entry (form, "amount", KL_FORM_MONEY, GTK_EDITABLE (self->amount_row), self->amount_error);
  kl_form_bind_entry (form, "reference", KL_FORM_TEXT, GTK_EDITABLE (self->reference_row), self->reference_error);
  kl_form_add_check (form, "amount", check_amount, self);
}

/**
 * kl_payment_editor_new:
 * @session: the open database
 * @invoice_id: the invoice a new payment pays
 * @payment: (nullable): the payment to change, or %NULL for a new one
 *
 * Returns: (transfer floating): the form
 */
KlPaymentEditor *
kl_payment_editor_new (KlSession *session,
                       gint64     invoice_id,
                       KlPayment *payment)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (payment == NULL || KL_IS_PAYMENT (payment), NULL);
  g_return_val_if_fail (payment != NULL || invoice_id > 0, NULL);

  return g_object_new (KL_TYPE_PAYMENT_EDITOR,
                       "session", session,
                       "invoice-id", invoice_id,
                       "payment", payment,
                       NULL);
}
