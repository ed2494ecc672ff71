/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-session.h"

G_BEGIN_DECLS

#define KL_TYPE_PLAN_EDITOR (kl_plan_editor_get_type ())
G_DECLARE_FINAL_TYPE (KlPlanEditor, kl_plan_editor, KL, PLAN_EDITOR, AdwBin)

GtkWidget   *kl_plan_editor_new         (void);
void         kl_plan_editor_set_session (KlPlanEditor *self,
                                         KlSession    *session);
void         kl_plan_editor_open        (KlPlanEditor *self,
                                         gint64        manager_id,
                                         const char   *manager_name,
                                         const char   *month);
const char  *kl_plan_editor_get_month   (KlPlanEditor *self);
GtkEditable *kl_plan_editor_get_entry   (KlPlanEditor *self,
                                         const char   *column);
GtkLabel    *kl_plan_editor_get_error_label (KlPlanEditor *self,
                                         const char   *column);
gboolean     kl_plan_editor_can_save    (KlPlanEditor *self);

G_END_DECLS
