/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-contract-groups.h"

#include "kl-contract-draft.h"
#include "kl-contract-editor.h"
#include "kl-contract-list.h"
#include "kl-contract-renewal.h"
#include "kl-database.h"
#include "kl-entities.h"
#include "kl-format.h"

/* Groups of contracts (KlCardGroup). On the client card, its contracts in
 * workflow order (drafts first, terminated last): number and title,
 * status, amount in its currency, the period; a row opens the contract
 * editor, "New Contract" drafts one for this client. In Today, every
 * contract to renew: in force, not renewed yet, ending or at the end of
 * its notice period within KL_RENEWAL_DAYS, the nearest end first. */

/* A contract's editor; a new one's opens on a draft for the client. */
static void
open_editor (KlCardGroup *group,
             KlEntity    *contract)
{
  KlSession *session = kl_card_group_get_session (group);
  g_autoptr(KlContract) draft = NULL;
  g_autoptr(GError) error = NULL;

  if (contract == NULL)
    {
      draft = kl_contract_new_draft (session, kl_card_group_get_client_id (group), &error);
      if (draft == NULL)
        {
          g_warning ("Could not draw up a contract: %s", error->message);
          return;
        }
      contract = KL_ENTITY (draft);
    }
  kl_card_group_present (group, GTK_WINDOW (kl_contract_editor_new (session, KL_CONTRACT (contract))));
}

static void
fill_row (KlCardGroup  *group,
          KlEntity     *contract,
          AdwActionRow *row)
{
  const char *status = kl_choice_label (kl_contract_statuses, kl_entity_get_text (contract, "status"));
  const char *title = kl_entity_get_text (contract, "title");
  g_autofree char *amount = kl_format_money (kl_entity_get_number (contract, "amount"),
                                             kl_entity_get_text (contract, "currency"));
  g_autofree char *start = kl_format_date (kl_entity_get_text (contract, "start_date"));
  g_autofree char *end = kl_format_date (kl_entity_get_text (contract, "end_date"));
  g_autoptr(GString) subtitle = g_string_new (status);
  g_autofree char *row_title = NULL;

  g_string_append_printf (subtitle, " · %s", amount);
  if (start != NULL && *start != '\0' && end != NULL && *end != '\0')
    {
      g_string_append (subtitle, " · ");
      g_string_append_printf (subtitle, _("%1$s – %2$s"), start, end);
    }
  else if (start != NULL && *start != '\0')
    {
      g_string_append (subtitle, " · ");
      /* TRANSLATORS: a contract with no end date on the client card: the day it starts */
      g_string_append_printf (subtitle, C_("contract", "from %s"), start);
    }

  if (title != NULL && *title != '\0')
    /* TRANSLATORS: a contract on the client card: its number and title */
    row_title = g_strdup_printf (_("%1$s — %2$s"), kl_entity_get_text (contract, "number"), title);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 row_title != NULL ? row_title : kl_entity_get_text (contract, "number"));
  adw_action_row_set_subtitle (row, subtitle->str);
}

static char *
describe_more (guint shown,
               guint n)
{
  if (shown == n)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The first %1$u of %2$u contract",
                                       "The first %1$u of %2$u contracts", n),
                          shown, n);
}

static void
fill_renewal_row (KlCardGroup  *group,
                  KlEntity     *contract,
                  AdwActionRow *row)
{
  g_autofree char *today = kl_database_today ();
  g_autofree char *notice = kl_contract_notice_date (KL_CONTRACT (contract));
  g_autofree char *end = kl_format_date (kl_entity_get_text (contract, "end_date"));
  g_autofree char *notice_text = kl_format_date (notice);
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  gint64 days = kl_entity_get_number (contract, "days_left");

  if (days <= 0)
    g_string_append (subtitle, _("Ends today"));
  else
    /* TRANSLATORS: a contract to renew in Today: its end date and how many days are left */
    g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "Ends %1$s, in %2$d day",
                                                   "Ends %1$s, in %2$d days", (gulong) days),
                            end, (int) days);
  if (notice != NULL && g_strcmp0 (notice, kl_entity_get_text (contract, "end_date")) != 0)
    {
      g_string_append (subtitle, " · ");
      if (g_strcmp0 (notice, today) >= 0)
        /* TRANSLATORS: the last day to renew a contract or give notice */
        g_string_append_printf (subtitle, _("renew or give notice by %s"), notice_text);
      else
        /* TRANSLATORS: the last day to renew a contract or give notice, already past */
        g_string_append_printf (subtitle, _("the notice period began on %s"), notice_text);
    }

  /* TRANSLATORS: a contract in Today: its number and its client */
  title = g_strdup_printf (_("%1$s — %2$s"), kl_entity_get_text (contract, "number"),
                           kl_entity_get_text (contract, "client_name"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle->str);
}

static char *
describe_renewals (guint shown,
                   guint n)
{
  if (shown < n)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The first %1$u of %2$u contract",
                                         "The first %1$u of %2$u contracts", n),
                            shown, n);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contract", "%u contracts", n), n);
}

static void
filter_renewals (KlQueryList *list)
{
  kl_query_list_set_filter_int (list, "renewal", KL_RENEWAL_DAYS);
}

static const KlCardGroupKind renewals_kind = {
  kl_contract_list_new, "days-left", FALSE, filter_renewals, fill_renewal_row, describe_renewals, open_editor,
};

/* Makes @group Today's contracts to renew; once. */
void
kl_contract_groups_attach_renewals (KlCardGroup *group,
                                    KlSession   *session)
{
  g_return_if_fail (KL_IS_CARD_GROUP (group));

  kl_card_group_set_labels (group, _("Contracts to Renew"), NULL, NULL, NULL);
  kl_card_group_attach (group, &renewals_kind, session, 0);
}

/* Drafts first, terminated last (the workflow's order) */
static const KlCardGroupKind contracts_kind = {
  kl_contract_list_new, "status", FALSE, NULL, fill_row, describe_more, open_editor,
};

/* Makes @group the contracts of @client_id; once. */
void
kl_contract_groups_attach_client (KlCardGroup *group,
                            KlSession   *session,
                            gint64       client_id)
{
  g_return_if_fail (KL_IS_CARD_GROUP (group));

  kl_card_group_set_labels (group, _("Contracts"), C_("draw up a contract", "New _Contract"),
                            _("Draw Up a Contract with This Client"), _("No contracts yet"));
  kl_card_group_attach (group, &contracts_kind, session, client_id);
}
