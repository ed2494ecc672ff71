/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-session.h"

G_BEGIN_DECLS

/* An offer written with its lines, as the offer editor saves it. */

GPtrArray *kl_offer_lines_load    (KlSession   *session,
                                   gint64       offer_id,
                                   GError     **error);
gint64     kl_offer_save          (KlSession   *session,
                                   KlOffer     *offer,
                                   GPtrArray   *lines,
                                   GError     **error);
int        kl_offer_client_loyalty (KlDatabase *database,
                                    gint64      client_id,
                                    gint64      except_offer_id);

G_END_DECLS
