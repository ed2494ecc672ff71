/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-import.h"
#include "kl-session.h"

G_BEGIN_DECLS

#define KL_TYPE_IMPORT_WIZARD (kl_import_wizard_get_type ())
G_DECLARE_FINAL_TYPE (KlImportWizard, kl_import_wizard, KL, IMPORT_WIZARD, AdwWindow)

KlImportWizard *kl_import_wizard_new          (KlSession      *session);
KlImportWizard *kl_import_wizard_new_for_kind (KlSession      *session,
                                               KlImportKind    kind);
void            kl_import_wizard_set_file (KlImportWizard *self,
                                           GFile          *file);

G_END_DECLS
