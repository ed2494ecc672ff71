/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-form.h"

/**
 * kl_form_set_field_error:
 * @row: the field's row, marked with the "error" style while @message is set
 * @error_label: the label beside the field; its parent row is shown only
 *   while there is a message
 * @message: (nullable): why the value is wrong, or %NULL when it is right
 */
void
kl_form_set_field_error (GtkWidget  *row,
                         GtkLabel   *error_label,
                         const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (row));
  g_return_if_fail (GTK_IS_LABEL (error_label));

  if (message != NULL)
    {
      gtk_label_set_label (error_label, message);
      gtk_widget_add_css_class (row, "error");
    }
  else
    gtk_widget_remove_css_class (row, "error");

  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (error_label)), message != NULL);
}

/**
 * kl_form_ask_discard:
 * @window: the editor being closed with unsaved changes
 * @body: what would be lost
 * @keep_label: the label of the response that goes back to editing
 * @on_response: called as `(receiver, response, dialog)`; the response is
 *   "discard" or "cancel"
 *
 * Asks whether to throw the changes away; going back is the default.
 */
void
kl_form_ask_discard (GtkWindow  *window,
                     const char *body,
                     const char *keep_label,
                     GCallback   on_response,
                     gpointer    receiver)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (GTK_IS_WINDOW (window));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Discard Changes?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", keep_label,
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", on_response, receiver, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}
