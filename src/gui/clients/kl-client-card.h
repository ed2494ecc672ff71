/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-session.h"

G_BEGIN_DECLS

#define KL_TYPE_CLIENT_CARD (kl_client_card_get_type ())
G_DECLARE_FINAL_TYPE (KlClientCard, kl_client_card, KL, CLIENT_CARD, AdwWindow)

KlClientCard *kl_client_card_new           (KlSession    *session,
                                            gint64        client_id);
KlSession    *kl_client_card_get_session   (KlClientCard *self);
gint64        kl_client_card_get_client_id (KlClientCard *self);
void          kl_client_card_reload        (KlClientCard *self);

G_END_DECLS
