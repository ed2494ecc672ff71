/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-offer-groups.h"

#include "kl-company.h"
#include "kl-entities.h"
#include "kl-format.h"
#include "kl-offer-editor.h"
#include "kl-offer-list.h"
#include "kl-offer-pricing.h"

/* Groups of offers (KlCardGroup). On the client card, its offers, the
 * latest first: number, status, total with VAT in the offer's currency,
 * the last day it is valid; a row opens the offer editor, "New Offer"
 * starts one for this client. In Today, the offers sent and still
 * unanswered past their validity, the longest past first. */

static void
open_editor (KlCardGroup *group,
             KlEntity    *offer)
{
  kl_card_group_present (group, GTK_WINDOW (kl_offer_editor_new (kl_card_group_get_session (group),
                                                                 offer != NULL ? KL_OFFER (offer) : NULL,
                                                                 kl_card_group_get_client_id (group), 0)));
}

/* The offer's total with VAT, priced as its editor prices it. */
static char *
format_total (KlDatabase *database,
              KlEntity   *offer)
{
  g_autoptr(KlCompany) company = kl_company_load (database, NULL);
  g_autoptr(KlPricedOffer) priced = NULL;

  if (company != NULL)
    priced = kl_priced_offer_load (database, kl_entity_get_id (offer), &company->deferral, NULL);
  if (priced == NULL)
    return NULL;
  return kl_format_money (priced->sums.total, priced->sums.currency);
}

static void
fill_row (KlCardGroup  *group,
          KlEntity     *offer,
          AdwActionRow *row)
{
  KlDatabase *database = kl_session_get_database (kl_card_group_get_session (group));
  const char *status = kl_choice_label (kl_offer_statuses, kl_entity_get_text (offer, "status"));
  g_autofree char *total = format_total (database, offer);
  g_autofree char *valid = kl_format_date (kl_entity_get_text (offer, "valid_until"));
  g_autoptr(GString) subtitle = g_string_new (status);

  if (total != NULL)
    g_string_append_printf (subtitle, " · %s", total);
  if (valid != NULL && *valid != '\0')
    {
      g_string_append (subtitle, " · ");
      /* TRANSLATORS: an offer on the client card, %s is the last day it is valid */
      g_string_append_printf (subtitle, _("valid until %s"), valid);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kl_entity_get_text (offer, "number"));
  adw_action_row_set_subtitle (row, subtitle->str);
}

static void
fill_unanswered_row (KlCardGroup  *group,
                     KlEntity     *offer,
                     AdwActionRow *row)
{
  g_autofree char *title = NULL;

  fill_row (group, offer, row);
  /* TRANSLATORS: an offer in Today: its number and its client */
  title = g_strdup_printf (_("%1$s — %2$s"), kl_entity_get_text (offer, "number"),
                           kl_entity_get_text (offer, "client_name"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
}

static char *
describe_unanswered (guint shown,
                     guint n)
{
  if (shown < n)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The first %1$u of %2$u offer",
                                         "The first %1$u of %2$u offers", n),
                            shown, n);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u offer", "%u offers", n), n);
}

static void
filter_unanswered (KlQueryList *list)
{
  kl_query_list_set_filter_text (list, "status", "sent");
  kl_query_list_set_filter_text (list, "validity", "past");
}

static char *
describe_more (guint shown,
               guint n)
{
  if (shown == n)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The latest %1$u of %2$u offer",
                                       "The latest %1$u of %2$u offers", n),
                          shown, n);
}

static const KlCardGroupKind offers_kind = {
  kl_offer_list_new, "issued", TRUE, NULL, fill_row, describe_more, open_editor,
};

static const KlCardGroupKind unanswered_kind = {
  kl_offer_list_new, "valid-until", FALSE, filter_unanswered, fill_unanswered_row, describe_unanswered,
  open_editor,
};

/* Makes @group Today's offers sent and unanswered past their validity; once. */
void
kl_offer_groups_attach_unanswered (KlCardGroup *group,
                                   KlSession   *session)
{
  g_return_if_fail (KL_IS_CARD_GROUP (group));

  kl_card_group_set_labels (group, _("Offers Awaiting an Answer"), NULL, NULL, NULL);
  kl_card_group_attach (group, &unanswered_kind, session, 0);
}

/* Makes @group the offers of @client_id; once. */
void
kl_offer_groups_attach_client (KlCardGroup *group,
                         KlSession   *session,
                         gint64       client_id)
{
  g_return_if_fail (KL_IS_CARD_GROUP (group));

  kl_card_group_set_labels (group, _("Offers"), C_("make an offer", "New _Offer"),
                            _("Make an Offer to This Client"), _("No offers yet"));
  kl_card_group_attach (group, &offers_kind, session, client_id);
}
