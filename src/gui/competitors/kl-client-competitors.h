/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-card-group.h"

G_BEGIN_DECLS

void kl_client_competitors_attach (KlCardGroup *group,
                                   KlSession   *session,
                                   gint64       client_id);

G_END_DECLS
