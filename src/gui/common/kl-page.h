/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-session.h"

G_BEGIN_DECLS

#define KL_TYPE_PAGE (kl_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (KlPage, kl_page, KL, PAGE, AdwBin)

struct _KlPageClass
{
  AdwBinClass parent_class;

  /* Called once, when the page is given its session: fill the page. */
  void (*session_set) (KlPage    *self,
                       KlSession *session);

  gpointer padding[8];
};

KlSession *kl_page_get_session (KlPage    *self);
void       kl_page_set_session (KlPage    *self,
                                KlSession *session);

G_END_DECLS
