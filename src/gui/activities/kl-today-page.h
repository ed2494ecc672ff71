/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-page.h"

G_BEGIN_DECLS

#define KL_TYPE_TODAY_PAGE (kl_today_page_get_type ())
G_DECLARE_FINAL_TYPE (KlTodayPage, kl_today_page, KL, TODAY_PAGE, KlPage)

GtkWidget  *kl_today_page_new         (KlSession   *session);
KlSession  *kl_today_page_get_session (KlTodayPage *self);
void        kl_today_page_set_session (KlTodayPage *self,
                                       KlSession   *session);
void        kl_today_page_reload      (KlTodayPage *self);

/* The icon shown for an activity kind ("call", "meeting"…). */
const char *kl_activity_kind_icon_name (const char *kind);

G_END_DECLS
