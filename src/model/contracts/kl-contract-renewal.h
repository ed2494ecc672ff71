/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-entities.h"
#include "kl-session.h"

G_BEGIN_DECLS

/* Renewing a contract: a follow-up contract linked to the original
 * (contracts.renewal_of) for the same terms over a period as long, from
 * the day after the original ends, and a planned call placed the notice
 * period before that end, so the manager speaks to the client in time.
 * "Remind the client" writes the client an e-mail (a mailto: URI in the
 * interface's language) and logs it as a done e-mail activity. */

gint64   kl_contract_renew            (KlSession   *session,
                                       gint64       contract_id,
                                       gint64      *reminder_id,
                                       GError     **error);
gint64   kl_contract_find_renewal     (KlSession   *session,
                                       gint64       contract_id,
                                       GError     **error);
char    *kl_contract_notice_date      (KlContract  *contract);
char    *kl_contract_reminder_subject (KlContract  *contract);
char    *kl_contract_reminder_body    (KlContract  *contract,
                                       const char  *company_name);
char    *kl_contract_reminder_mailto  (KlSession   *session,
                                       gint64       contract_id,
                                       GError     **error);
gint64   kl_contract_log_reminder     (KlSession   *session,
                                       gint64       contract_id,
                                       GError     **error);

G_END_DECLS
