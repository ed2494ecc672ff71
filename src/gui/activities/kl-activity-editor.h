/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-entities.h"
#include "kl-session.h"

G_BEGIN_DECLS

#define KL_TYPE_ACTIVITY_EDITOR (kl_activity_editor_get_type ())
G_DECLARE_FINAL_TYPE (KlActivityEditor, kl_activity_editor, KL, ACTIVITY_EDITOR, AdwWindow)

KlActivityEditor *kl_activity_editor_new            (KlSession        *session,
                                                     KlActivity       *activity);
KlActivityEditor *kl_activity_editor_new_for_client (KlSession        *session,
                                                     gint64            client_id,
                                                     const char       *kind);
KlSession        *kl_activity_editor_get_session    (KlActivityEditor *self);
KlActivity       *kl_activity_editor_get_activity   (KlActivityEditor *self);
void              kl_activity_editor_set_status     (KlActivityEditor *self,
                                                     const char       *status);
gboolean          kl_activity_editor_get_valid      (KlActivityEditor *self);
gboolean          kl_activity_editor_get_modified   (KlActivityEditor *self);

G_END_DECLS
