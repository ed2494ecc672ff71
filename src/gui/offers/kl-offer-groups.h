/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-card-group.h"

G_BEGIN_DECLS

void kl_offer_groups_attach_client (KlCardGroup *group,
                              KlSession   *session,
                              gint64       client_id);

void kl_offer_groups_attach_unanswered (KlCardGroup *group,
                                        KlSession   *session);

G_END_DECLS
