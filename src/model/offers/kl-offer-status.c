/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-offer-status.h"

#include <string.h>

#include "kl-entities.h"
#include "kl-validation.h"

static const char * const after_draft[] = { "sent", NULL };
static const char * const after_sent[] = { "accepted", "rejected", "expired", NULL };
static const char * const after_end[] = { NULL };

static const struct {
  const char         *status;
  const char * const *next;
} steps[] = {
  { "draft", after_draft },
  { "sent", after_sent },
  { "accepted", after_end },
  { "rejected", after_end },
  { "expired", after_end },
};

/**
 * kl_offer_next_statuses:
 * @status: an offer's status
 *
 * Returns: (transfer none): the statuses it may move to next, whatever its
 *   validity date, %NULL terminated (empty for accepted, rejected and
 *   expired offers and for an unknown status)
 */
const char * const *
kl_offer_next_statuses (const char *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_strcmp0 (status, steps[i].status) == 0)
      return steps[i].next;
  return after_end;
}

/**
 * kl_offer_status_allowed:
 * @from: the offer's status now
 * @to: the status asked for
 * @valid_until: (nullable): the offer's validity date, ISO 8601
 * @today: today, ISO 8601
 *
 * Returns: TRUE when @from may become @to (or they are the same); FALSE
 *   with KL_VALIDATION_ERROR_ORDER and a message saying why otherwise.
 *   An offer expires only when @valid_until is before @today.
 */
gboolean
kl_offer_status_allowed (const char  *from,
                         const char  *to,
                         const char  *valid_until,
                         const char  *today,
                         GError     **error)
{
  g_return_val_if_fail (to != NULL, FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  if (g_strcmp0 (from, to) == 0)
    return TRUE;

  if (!g_strv_contains (kl_offer_next_statuses (from), to))
    {
      g_set_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_ORDER,
                   /* Translators: both are offer statuses: "A Draft offer cannot become Accepted." */
                   _("An offer that is “%1$s” cannot become “%2$s”."),
                   kl_choice_label (kl_offer_statuses, from),
                   kl_choice_label (kl_offer_statuses, to));
      return FALSE;
    }

  if (strcmp (to, "expired") == 0 && (valid_until == NULL || strcmp (valid_until, today) >= 0))
    {
      g_set_error_literal (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_ORDER,
                           valid_until == NULL
                           ? _("An offer without a validity date cannot expire.")
                           : _("The offer is still valid: it expires only after its validity date."));
      return FALSE;
    }

  return TRUE;
}

/**
 * kl_offer_allowed_statuses:
 *
 * Returns: (transfer full): @status itself first, then the statuses it may
 *   move to now: what a view offers
 */
GStrv
kl_offer_allowed_statuses (const char *status,
                           const char *valid_until,
                           const char *today)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *next = kl_offer_next_statuses (status);

  g_return_val_if_fail (status != NULL, NULL);

  g_strv_builder_add (builder, status);
  for (guint i = 0; next[i] != NULL; i++)
    if (kl_offer_status_allowed (status, next[i], valid_until, today, NULL))
      g_strv_builder_add (builder, next[i]);

  return g_strv_builder_end (builder);
}

/**
 * kl_offer_change_status:
 * @offer_id: an offer
 * @status: the next status, one kl_offer_allowed_statuses() gives
 *
 * Moves the offer one step, audited like any change of a record.
 *
 * Returns: FALSE with KL_VALIDATION_ERROR_ORDER when the step is not
 *   allowed (nothing written)
 */
gboolean
kl_offer_change_status (KlSession   *session,
                        gint64       offer_id,
                        const char  *status,
                        GError     **error)
{
  KlStore *store;
  g_autoptr(KlEntity) offer = NULL;
  g_autofree char *today = NULL;

  g_return_val_if_fail (KL_IS_SESSION (session), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  store = kl_session_get_store (session, KL_TYPE_OFFER);
  offer = kl_store_get (store, offer_id, error);
  if (offer == NULL)
    return FALSE;

  today = kl_database_today ();
  if (!kl_offer_status_allowed (kl_entity_get_text (offer, "status"), status,
                                kl_entity_get_text (offer, "valid_until"), today, error))
    return FALSE;

  kl_entity_set_text (offer, "status", status);
  return kl_store_update (store, offer, error);
}
