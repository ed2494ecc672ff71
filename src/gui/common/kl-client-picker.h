/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-session.h"

G_BEGIN_DECLS

/* How many matching clients the popover shows. */
#define KL_CLIENT_PICKER_MAX_MATCHES 8

#define KL_TYPE_CLIENT_PICKER (kl_client_picker_get_type ())
G_DECLARE_FINAL_TYPE (KlClientPicker, kl_client_picker, KL, CLIENT_PICKER, AdwEntryRow)

GtkWidget *kl_client_picker_new             (void);
void       kl_client_picker_set_session     (KlClientPicker *self,
                                             KlSession      *session);
gint64     kl_client_picker_get_client_id   (KlClientPicker *self);
void       kl_client_picker_set_client_id   (KlClientPicker *self,
                                             gint64          client_id);
guint      kl_client_picker_get_n_matches   (KlClientPicker *self);
gboolean   kl_client_picker_is_open         (KlClientPicker *self);
const char *kl_client_picker_get_error      (KlClientPicker *self);

G_END_DECLS
