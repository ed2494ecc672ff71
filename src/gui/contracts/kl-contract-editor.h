/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-editor.h"
#include "kl-entities.h"

G_BEGIN_DECLS

#define KL_TYPE_CONTRACT_EDITOR (kl_contract_editor_get_type ())
G_DECLARE_FINAL_TYPE (KlContractEditor, kl_contract_editor, KL, CONTRACT_EDITOR, KlEditor)

KlContractEditor *kl_contract_editor_new          (KlSession        *session,
                                                   KlContract       *contract);
KlContract       *kl_contract_editor_get_contract (KlContractEditor *self);
KlContractEditor *kl_contract_editor_open_draft   (KlSession        *session,
                                                   GType             from,
                                                   gint64            id,
                                                   GtkWindow        *parent,
                                                   AdwToastOverlay  *overlay);

G_END_DECLS
