/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-client-deals.h"

#include "kl-deal-editor.h"
#include "kl-deal-list.h"
#include "kl-entities.h"
#include "kl-format.h"

/* The deals of one client on its card (a KlCardGroup), in funnel order
 * (Won, then Lost last), each a row that opens the deal editor; "New
 * Deal" starts one for this client. */

static void
open_editor (KlCardGroup *group,
             KlEntity    *deal)
{
  KlDealEditor *editor = kl_deal_editor_new (kl_card_group_get_session (group),
                                             kl_card_group_get_client_id (group),
                                             deal != NULL ? KL_DEAL (deal) : NULL);
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (group), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    g_signal_connect_object (editor, "won", G_CALLBACK (kl_deal_editor_show_won_toast), overlay, 0);
  kl_card_group_present (group, GTK_WINDOW (editor));
}

static void
fill_row (KlCardGroup  *group,
          KlEntity     *deal,
          AdwActionRow *row)
{
  g_autofree char *amount = kl_format_money (kl_entity_get_number (deal, "amount"),
                                             kl_entity_get_text (deal, "currency"));
  g_autofree char *close = kl_format_date (kl_entity_get_text (deal, "expected_close"));
  g_autofree char *subtitle = NULL;
  const char *stage = kl_choice_label (kl_deal_stages, kl_entity_get_text (deal, "stage"));

  if (close != NULL && *close != '\0')
    /* TRANSLATORS: a deal on the client card: its stage, amount and expected close date */
    subtitle = g_strdup_printf (_("%1$s · %2$s · closes %3$s"), stage, amount, close);
  else
    subtitle = g_strdup_printf ("%s · %s", stage, amount);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kl_entity_get_text (deal, "title"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}

static char *
describe_more (guint shown,
               guint n)
{
  if (shown == n)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The first %1$u of %2$u deal",
                                       "The first %1$u of %2$u deals", n),
                          shown, n);
}

/* Open first (funnel order, Lost last), then by expected close. */
static const KlCardGroupKind deals_kind = {
  kl_deal_list_new, "stage", FALSE, NULL, fill_row, describe_more, open_editor,
};

/* Makes @group the deals of @client_id; once. */
void
kl_client_deals_attach (KlCardGroup *group,
                        KlSession   *session,
                        gint64       client_id)
{
  g_return_if_fail (KL_IS_CARD_GROUP (group));

  kl_card_group_set_labels (group, _("Deals"), C_("add a deal", "_New Deal"),
                            _("Start a Deal with This Client"), _("No deals yet"));
  kl_card_group_attach (group, &deals_kind, session, client_id);
}
