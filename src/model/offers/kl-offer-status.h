/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-session.h"

G_BEGIN_DECLS

/* The offer's status workflow: draft → sent → accepted, rejected or
 * expired, and no other way; an offer expires only once its validity date
 * has passed. Each step is written through the offer store, so the audit
 * trail records it. */

const char * const *kl_offer_next_statuses  (const char  *status);
gboolean            kl_offer_status_allowed (const char  *from,
                                             const char  *to,
                                             const char  *valid_until,
                                             const char  *today,
                                             GError     **error);
GStrv               kl_offer_allowed_statuses (const char *status,
                                               const char *valid_until,
                                               const char *today);
gboolean            kl_offer_change_status  (KlSession   *session,
                                             gint64       offer_id,
                                             const char  *status,
                                             GError     **error);

G_END_DECLS
