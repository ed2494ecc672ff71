/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-session.h"

G_BEGIN_DECLS

#define KL_TYPE_PREFERENCES_WINDOW (kl_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (KlPreferencesWindow, kl_preferences_window, KL, PREFERENCES_WINDOW, AdwPreferencesWindow)

KlPreferencesWindow *kl_preferences_window_new           (GtkWindow           *parent,
                                                          KlSession           *session);
gboolean             kl_preferences_window_set_logo_file (KlPreferencesWindow *self,
                                                          GFile               *file);

G_END_DECLS
