/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Toasts that the program dismisses itself (an Undo that was used, a
 * deletion carried out by the next one) go through these two. */

void kl_toast_add     (AdwToastOverlay *overlay,
                       AdwToast        *toast);
void kl_toast_dismiss (AdwToast        *toast);

G_END_DECLS
