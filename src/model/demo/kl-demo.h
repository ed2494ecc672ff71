/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-session.h"

G_BEGIN_DECLS

#define KL_DEMO_DEFAULT_CLIENTS 200

/* Fills the session's database with realistic demo data: @n_clients
 * Croatian and Russian clients with everything around them, three in five
 * of the office's own country (kl_session_get_office()), its managers and
 * price list first. The same
 * @n_clients always gives the same data (dates relative to @today, an ISO
 * date; NULL for the real today; the clients' names and tax IDs do not
 * depend on @today). Written through the stores (validated, audited) in
 * one transaction: all or nothing. Document numbers are fixed, so seeding
 * the same database twice fails (and leaves it as it was). */
gboolean kl_demo_seed (KlSession   *session,
                       guint        n_clients,
                       const char  *today,
                       GError     **error);

G_END_DECLS
