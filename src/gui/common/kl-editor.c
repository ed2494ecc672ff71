/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-editor.h"

#include "kl-database.h"
#include "kl-receivables.h"

/* The window every entity editor is: a KlForm over the entity, "Save"
 * (editor.save, Ctrl+S) enabled only while the form is valid, "Cancel"
 * (editor.cancel) and Escape, a question before closing with changes, a
 * toast that stays for a failed save, and ::saved with the row's id.
 * An editor of a contract, an offer or an invoice runs the credit check
 * before it saves (kl_editor_check_credit()).
 *
 * A subclass binds its template's rows to the form in its init and opens
 * the form on its entity in constructed (see HACKING.md, "A new editor"). */

typedef struct
{
  KlSession       *session;
  KlForm          *form;
  AdwToastOverlay *toast_overlay;
  GtkWidget       *error_dialog;  /* the failed save's dialog shown, if any (weak) */
  GtkWidget       *credit_dialog; /* the credit check's question, while open (weak) */
  gboolean         credit_confirmed;  /* "Save Anyway": the save under way may go on */
  gboolean         done;  /* saved or discarded: close without asking */
} KlEditorPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (KlEditor, kl_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static gboolean
finish_idle (gpointer user_data)
{
  kl_editor_finish (user_data);

  return G_SOURCE_REMOVE;
}

/* Callbacks */

static void
on_form_valid_changed_cb (KlEditor   *self,
                          GParamSpec *pspec,
                          KlForm     *form)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", kl_form_is_valid (form));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
}

static void
on_discard_dialog_response_cb (KlEditor         *self,
                               const char       *response,
                               AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "discard"))
    kl_editor_finish_later (self);
}

/* Actions */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KlEditor *self = KL_EDITOR (widget);
  KlEditorPrivate *priv = kl_editor_get_instance_private (self);

  kl_form_validate (priv->form);
  if (!kl_form_is_valid (priv->form))
    return;

  KL_EDITOR_GET_CLASS (self)->save (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  kl_editor_finish (KL_EDITOR (widget));
}

/* Overrides */

static void
kl_editor_real_save (KlEditor *self)
{
  gint64 id = kl_editor_save_form (self);

  if (id <= 0)
    return;

  kl_editor_emit_saved (self, id);
  kl_editor_finish (self);
}

static gboolean
kl_editor_close_request (GtkWindow *window)
{
  KlEditor *self = KL_EDITOR (window);
  KlEditorPrivate *priv = kl_editor_get_instance_private (self);
  const char *body = KL_EDITOR_GET_CLASS (self)->discard_body;

  if (priv->done || !kl_form_is_modified (priv->form))
    return GTK_WINDOW_CLASS (kl_editor_parent_class)->close_request (window);

  kl_form_ask_discard (window, body != NULL ? _(body) : NULL, _("_Cancel"),
                       G_CALLBACK (on_discard_dialog_response_cb), self);

  return TRUE;
}

static void
kl_editor_constructed (GObject *object)
{
  KlEditor *self = KL_EDITOR (object);
  KlEditorPrivate *priv = kl_editor_get_instance_private (self);

  G_OBJECT_CLASS (kl_editor_parent_class)->constructed (object);

  g_assert (KL_IS_SESSION (priv->session));
}

static void
kl_editor_dispose (GObject *object)
{
  KlEditor *self = KL_EDITOR (object);
  KlEditorPrivate *priv = kl_editor_get_instance_private (self);

  g_clear_object (&priv->form);
  g_clear_object (&priv->session);
  if (priv->error_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (priv->error_dialog), (gpointer *) &priv->error_dialog);
  priv->error_dialog = NULL;
  if (priv->credit_dialog != NULL)
    {
      GtkWidget *dialog = priv->credit_dialog;

      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &priv->credit_dialog);
      priv->credit_dialog = NULL;
      gtk_window_destroy (GTK_WINDOW (dialog));
    }
  priv->toast_overlay = NULL;

  G_OBJECT_CLASS (kl_editor_parent_class)->dispose (object);
}

static void
kl_editor_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KlEditor *self = KL_EDITOR (object);
  KlEditorPrivate *priv = kl_editor_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, priv->session);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, kl_form_is_valid (priv->form));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_editor_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  KlEditor *self = KL_EDITOR (object);
  KlEditorPrivate *priv = kl_editor_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_SESSION:
      priv->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_editor_class_init (KlEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = kl_editor_constructed;
  object_class->dispose = kl_editor_dispose;
  object_class->get_property = kl_editor_get_property;
  object_class->set_property = kl_editor_set_property;

  window_class->close_request = kl_editor_close_request;

  klass->save = kl_editor_real_save;

  /**
   * KlEditor:session:
   *
   * The database the entity is saved to.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         KL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KlEditor:valid:
   *
   * Whether the form holds an entity that can be saved.
   */
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KlEditor::saved:
   * @id: the entity's row
   *
   * The entity was written (or, for a client, merged into the client @id).
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
kl_editor_init (KlEditor *self)
{
  KlEditorPrivate *priv = kl_editor_get_instance_private (self);

  priv->form = kl_form_new ();
  g_signal_connect_object (priv->form, "notify::valid", G_CALLBACK (on_form_valid_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
}

/* Public API */

KlSession *
kl_editor_get_session (KlEditor *self)
{
  KlEditorPrivate *priv = kl_editor_get_instance_private (self);

  g_return_val_if_fail (KL_IS_EDITOR (self), NULL);

  return priv->session;
}

/* The form: bind the rows in the subclass's init, open it in constructed. */
KlForm *
kl_editor_get_form (KlEditor *self)
{
  KlEditorPrivate *priv = kl_editor_get_instance_private (self);

  g_return_val_if_fail (KL_IS_EDITOR (self), NULL);

  return priv->form;
}

/* Where kl_editor_show_error() puts its toasts (a template child). */
void
kl_editor_set_toast_overlay (KlEditor        *self,
                             AdwToastOverlay *overlay)
{
  KlEditorPrivate *priv = kl_editor_get_instance_private (self);

  g_return_if_fail (KL_IS_EDITOR (self));
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));

  priv->toast_overlay = overlay;
}

/* A toast that stays until dismissed: it explains a failed save. */
void
kl_editor_show_error (KlEditor   *self,
                      const char *message)
{
  KlEditorPrivate *priv = kl_editor_get_instance_private (self);
  g_autofree char *markup = NULL;
  AdwToast *toast;

  g_return_if_fail (KL_IS_EDITOR (self));
  g_return_if_fail (priv->toast_overlay != NULL);

  markup = g_markup_escape_text (message, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (priv->toast_overlay, toast);
}

static gboolean
save_idle (gpointer user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (user_data), "editor.save", NULL);

  return G_SOURCE_REMOVE;
}

/* A question over the editor: @close_id (its @close_label) or "save"
 * (@save_label); the suggested answer is the default one. *@slot holds the
 * dialog while it lives, and a new one replaces one still shown. */
static void
ask (KlEditor              *self,
     const char            *heading,
     const char            *body,
     const char            *close_id,
     const char            *close_label,
     const char            *save_label,
     AdwResponseAppearance  appearance,
     GCallback              on_response,
     GtkWidget            **slot)
{
  AdwMessageDialog *dialog;

  if (*slot != NULL)
    {
      GtkWidget *old = *slot;

      g_object_remove_weak_pointer (G_OBJECT (old), (gpointer *) slot);
      *slot = NULL;
      gtk_window_destroy (GTK_WINDOW (old));
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog, close_id, close_label, "save", save_label, NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", appearance);
  adw_message_dialog_set_default_response (dialog, appearance == ADW_RESPONSE_SUGGESTED ? "save" : close_id);
  adw_message_dialog_set_close_response (dialog, close_id);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_signal_connect_object (dialog, "response", on_response, self, 0);
  *slot = GTK_WIDGET (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) slot);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_save_error_response_cb (AdwMessageDialog *dialog,
                           const char       *response,
                           KlEditor         *self)
{
  /* Once the dialog has gone: a second failure brings a new one. */
  if (g_str_equal (response, "save"))
    g_idle_add_full (G_PRIORITY_DEFAULT, save_idle, g_object_ref (self), g_object_unref);
}

/**
 * kl_editor_show_save_error:
 * @error: why the form could not be written
 *
 * Explains a failed save. When the cause passes — another program holds
 * the database past the busy timeout, the disk is full — a dialog says in
 * full that what was typed is kept, and offers to save again; otherwise
 * a toast that stays gives the reason.
 */
void
kl_editor_show_save_error (KlEditor     *self,
                           const GError *error)
{
  KlEditorPrivate *priv = kl_editor_get_instance_private (self);
  const char *body = NULL;

  g_return_if_fail (KL_IS_EDITOR (self));
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_BUSY))
    body = _("Another program is using the database and did not let go of it in time. "
             "What you typed is kept: save again in a moment.");
  else if (g_error_matches (error, KL_DATABASE_ERROR, KL_DATABASE_ERROR_FULL))
    body = _("The disk is full. What you typed is kept: free some space on the disk, "
             "then save again.");

  if (body == NULL)
    {
      kl_editor_show_error (self, error->message);
      return;
    }

  ask (self, _("Not Saved"), body, "close", _("_Close"), _("Save _Again"), ADW_RESPONSE_SUGGESTED,
       G_CALLBACK (on_save_error_response_cb), &priv->error_dialog);
}

static gboolean
save_despite_credit_idle (gpointer user_data)
{
  KlEditor *self = user_data;
  KlEditorPrivate *priv = kl_editor_get_instance_private (self);

  priv->credit_confirmed = TRUE;
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
  priv->credit_confirmed = FALSE;

  return G_SOURCE_REMOVE;
}

static void
on_credit_dialog_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              KlEditor         *self)
{
  KlEditorPrivate *priv = kl_editor_get_instance_private (self);

  if (priv->credit_dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (priv->credit_dialog), (gpointer *) &priv->credit_dialog);
  priv->credit_dialog = NULL;
  /* Saving closes this window: not while its dialog is still answering. */
  if (g_str_equal (response, "save"))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, save_despite_credit_idle, g_object_ref (self), g_object_unref);
}

/**
 * kl_editor_check_credit:
 * @client_id: the document's client
 * @amount: what the document adds to what the client owes, minor units
 * @currency: its currency
 * @except_invoice_id: an invoice already stored and being changed, or 0
 *
 * The credit check before saving a contract, an offer or an invoice
 * (kl_credit_check()): when the document would take the client over its
 * credit limit, or the client owes anything more than 60 days past due,
 * a dialog says so and asks; "Save Anyway" saves (editor.save again, and
 * this time the check lets it through), "Cancel" leaves the form as it is.
 *
 * Returns: %TRUE when the save may go on now, %FALSE when the dialog asks
 */
gboolean
kl_editor_check_credit (KlEditor   *self,
                        gint64      client_id,
                        gint64      amount,
                        const char *currency,
                        gint64      except_invoice_id)
{
  KlEditorPrivate *priv = kl_editor_get_instance_private (self);
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (KL_IS_EDITOR (self), FALSE);

  if (priv->credit_dialog != NULL)
    return FALSE;
  if (priv->credit_confirmed || client_id <= 0 || currency == NULL)
    return TRUE;

  if (kl_credit_check (kl_session_get_database (priv->session), client_id, amount, currency,
                       except_invoice_id, NULL, &reason, &error) == KL_CREDIT_OK)
    {
      if (error != NULL)
        g_warning ("Could not check the client's credit: %s", error->message);
      return TRUE;
    }

  ask (self, _("Save Despite the Credit Check?"), reason, "cancel", _("_Cancel"), _("Save _Anyway"),
       ADW_RESPONSE_DESTRUCTIVE, G_CALLBACK (on_credit_dialog_response_cb), &priv->credit_dialog);
  return FALSE;
}

/**
 * kl_editor_get_credit_dialog:
 *
 * Returns: (transfer none) (nullable): the credit check's question while
 *   it is shown
 */
AdwMessageDialog *
kl_editor_get_credit_dialog (KlEditor *self)
{
  KlEditorPrivate *priv = kl_editor_get_instance_private (self);

  g_return_val_if_fail (KL_IS_EDITOR (self), NULL);

  return priv->credit_dialog != NULL ? ADW_MESSAGE_DIALOG (priv->credit_dialog) : NULL;
}

/**
 * kl_editor_save_form:
 *
 * Writes the form through the store of its entity (kl_form_save()).
 *
 * Returns: the row's id, or 0 after showing why it failed; the form stays
 *   open with everything typed
 */
gint64
kl_editor_save_form (KlEditor *self)
{
  KlEditorPrivate *priv = kl_editor_get_instance_private (self);
  KlEntity *entity;
  g_autoptr(GError) error = NULL;
  gint64 id;

  g_return_val_if_fail (KL_IS_EDITOR (self), 0);

  entity = kl_form_get_entity (priv->form);
  id = kl_form_save (priv->form, kl_session_get_store (priv->session, G_OBJECT_TYPE (entity)), &error);
  if (id <= 0)
    {
      g_debug ("Could not save the %s: %s", G_OBJECT_TYPE_NAME (entity), error->message);
      kl_editor_show_save_error (self, error);
    }

  return id;
}

void
kl_editor_emit_saved (KlEditor *self,
                      gint64    id)
{
  g_return_if_fail (KL_IS_EDITOR (self));

  g_signal_emit (self, signals[SAVED], 0, id);
}

/* Closes without asking. */
void
kl_editor_finish (KlEditor *self)
{
  KlEditorPrivate *priv = kl_editor_get_instance_private (self);

  g_return_if_fail (KL_IS_EDITOR (self));

  priv->done = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/* Closes without asking once idle: from a message dialog's response, the
 * dialog (transient for this window) goes first. */
void
kl_editor_finish_later (KlEditor *self)
{
  KlEditorPrivate *priv = kl_editor_get_instance_private (self);

  g_return_if_fail (KL_IS_EDITOR (self));

  priv->done = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, finish_idle, g_object_ref (self), g_object_unref);
}

gboolean
kl_editor_is_valid (KlEditor *self)
{
  KlEditorPrivate *priv = kl_editor_get_instance_private (self);

  g_return_val_if_fail (KL_IS_EDITOR (self), FALSE);

  return kl_form_is_valid (priv->form);
}

gboolean
kl_editor_is_modified (KlEditor *self)
{
  KlEditorPrivate *priv = kl_editor_get_instance_private (self);

  g_return_val_if_fail (KL_IS_EDITOR (self), FALSE);

  return kl_form_is_modified (priv->form);
}
