/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-editor.h"

G_BEGIN_DECLS

#define KL_TYPE_CLIENT_EDITOR (kl_client_editor_get_type ())
G_DECLARE_FINAL_TYPE (KlClientEditor, kl_client_editor, KL, CLIENT_EDITOR, KlEditor)

KlClientEditor *kl_client_editor_new         (KlSession      *session,
                                              KlClient       *client);
KlSession      *kl_client_editor_get_session (KlClientEditor *self);
KlClient       *kl_client_editor_get_client  (KlClientEditor *self);
gboolean        kl_client_editor_is_valid    (KlClientEditor *self);
gboolean        kl_client_editor_is_modified (KlClientEditor *self);

G_END_DECLS
