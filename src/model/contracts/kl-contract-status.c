/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-contract-status.h"

#include <string.h>

#include "kl-entities.h"
#include "kl-validation.h"

static const char * const after_draft[] = { "sent", NULL };
static const char * const after_sent[] = { "signed", NULL };
static const char * const after_signed[] = { "active", NULL };
static const char * const after_active[] = { "expired", "terminated", NULL };
static const char * const after_end[] = { NULL };

static const struct {
  const char         *status;
  const char * const *next;
} steps[] = {
  { "draft", after_draft },
  { "sent", after_sent },
  { "signed", after_signed },
  { "active", after_active },
  { "expired", after_end },
  { "terminated", after_end },
};

/**
 * kl_contract_next_statuses:
 * @status: a contract's status
 *
 * Returns: (transfer none): the statuses it may move to next, %NULL
 *   terminated (empty for expired and terminated contracts and for an
 *   unknown status)
 */
const char * const *
kl_contract_next_statuses (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_strcmp0 (status, steps[i].status) == 0)
      return steps[i].next;
  return after_end;
}

gboolean
kl_contract_status_allowed (const char *from,
                            const char *to)
{
  const char * const *next = kl_contract_next_statuses (from);

  return to != NULL && g_strv_contains (next, to);
}

/**
 * kl_contract_change_status:
 * @contract_id: a contract
 * @status: the next status, one kl_contract_next_statuses() allows
 *
 * Moves the contract one step, audited like any change of a record.
 *
 * Returns: FALSE with KL_VALIDATION_ERROR_ORDER when the step is not
 *   allowed (nothing written)
 */
gboolean
kl_contract_change_status (KlSession   *session,
                           gint64       contract_id,
                           const char  *status,
                           GError     **error)
{
  KlStore *store;
  g_autoptr(KlEntity) contract = NULL;
  const char *from;

  g_return_val_if_fail (KL_IS_SESSION (session), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  store = kl_session_get_store (session, KL_TYPE_CONTRACT);
  contract = kl_store_get (store, contract_id, error);
  if (contract == NULL)
    return FALSE;

  from = kl_entity_get_text (contract, "status");
  if (!kl_contract_status_allowed (from, status))
    {
      g_set_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_ORDER,
                   /* Translators: both are contract statuses: "A Draft contract cannot become Active." */
                   _("A contract that is “%1$s” cannot become “%2$s”."),
                   kl_choice_label (kl_contract_statuses, from),
                   kl_choice_label (kl_contract_statuses, status));
      return FALSE;
    }

  kl_entity_set_text (contract, "status", status);
  if (strcmp (status, "signed") == 0 && kl_entity_get_text (contract, "signed_date") == NULL)
    {
      g_autofree char *today = kl_database_today ();

      kl_entity_set_text (contract, "signed_date", today);
    }
  return kl_store_update (store, contract, error);
}
