/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-page.h"
#include "kl-session.h"

G_BEGIN_DECLS

#define KL_TYPE_SECTION (kl_section_get_type ())
G_DECLARE_FINAL_TYPE (KlSection, kl_section, KL, SECTION, AdwBin)

GType    kl_section_get_page_type  (KlSection *self);
KlPage  *kl_section_peek_page      (KlSection *self);
KlPage  *kl_section_ensure_page    (KlSection *self,
                                    KlSession *session);

G_END_DECLS
