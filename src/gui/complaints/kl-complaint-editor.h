/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-editor.h"
#include "kl-entities.h"

G_BEGIN_DECLS

#define KL_TYPE_COMPLAINT_EDITOR (kl_complaint_editor_get_type ())
G_DECLARE_FINAL_TYPE (KlComplaintEditor, kl_complaint_editor, KL, COMPLAINT_EDITOR, KlEditor)

KlComplaintEditor *kl_complaint_editor_new (KlSession   *session,
                                            gint64       client_id,
                                            KlComplaint *complaint);

G_END_DECLS
