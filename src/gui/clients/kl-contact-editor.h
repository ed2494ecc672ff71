/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-editor.h"

G_BEGIN_DECLS

#define KL_TYPE_CONTACT_EDITOR (kl_contact_editor_get_type ())
G_DECLARE_FINAL_TYPE (KlContactEditor, kl_contact_editor, KL, CONTACT_EDITOR, KlEditor)

KlContactEditor *kl_contact_editor_new          (KlSession       *session,
                                                 gint64           client_id,
                                                 KlContact       *contact);
KlContact       *kl_contact_editor_get_contact  (KlContactEditor *self);
gint64           kl_contact_editor_get_client_id (KlContactEditor *self);
gboolean         kl_contact_editor_is_valid     (KlContactEditor *self);

G_END_DECLS
