/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What the editors (client, contact person, activity) share. */

void kl_form_set_field_error (GtkWidget  *row,
                              GtkLabel   *error_label,
                              const char *message);
void kl_form_ask_discard     (GtkWindow  *window,
                              const char *body,
                              const char *keep_label,
                              GCallback   on_response,
                              gpointer    receiver);

G_END_DECLS
