/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-application.h"
#include "kl-page.h"
#include "kl-session.h"

G_BEGIN_DECLS

#define KL_TYPE_WINDOW (kl_window_get_type ())
G_DECLARE_FINAL_TYPE (KlWindow, kl_window, KL, WINDOW, AdwApplicationWindow)

KlWindow  *kl_window_new         (KlApplication *application,
                                  KlSession     *session);
KlSession *kl_window_get_session (KlWindow      *self);
void        kl_window_show_notice (KlWindow      *self,
                                   const char    *message);
const char *kl_window_get_notice  (KlWindow      *self);
KlPage     *kl_window_get_page    (KlWindow      *self,
                                   const char    *name);

G_END_DECLS
