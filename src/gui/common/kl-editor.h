/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-form.h"
#include "kl-session.h"

G_BEGIN_DECLS

#define KL_TYPE_EDITOR (kl_editor_get_type ())
G_DECLARE_DERIVABLE_TYPE (KlEditor, kl_editor, KL, EDITOR, AdwWindow)

struct _KlEditorClass
{
  AdwWindowClass parent_class;

  /* N_(): what closing with unsaved changes would lose ("The changes
   * made to this client will be lost."). */
  const char *discard_body;

  /* "editor.save", once the form is valid. The default writes the form
   * (kl_editor_save_form()), emits ::saved and closes. */
  void (*save) (KlEditor *self);

  gpointer padding[8];
};

KlSession *kl_editor_get_session       (KlEditor        *self);
KlForm    *kl_editor_get_form          (KlEditor        *self);
void       kl_editor_set_toast_overlay (KlEditor        *self,
                                        AdwToastOverlay *overlay);
void       kl_editor_show_error        (KlEditor        *self,
                                        const char      *message);
void       kl_editor_show_save_error   (KlEditor        *self,
                                        const GError    *error);
gint64     kl_editor_save_form         (KlEditor        *self);
void       kl_editor_emit_saved        (KlEditor        *self,
                                        gint64           id);
void       kl_editor_finish            (KlEditor        *self);
void       kl_editor_finish_later      (KlEditor        *self);
gboolean   kl_editor_is_valid          (KlEditor        *self);
gboolean   kl_editor_is_modified       (KlEditor        *self);
gboolean   kl_editor_check_credit      (KlEditor        *self,
                                        gint64           client_id,
                                        gint64           amount,
                                        const char      *currency,
                                        gint64           except_invoice_id);
AdwMessageDialog *kl_editor_get_credit_dialog (KlEditor *self);

G_END_DECLS
