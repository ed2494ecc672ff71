/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-client-competitors.h"

#include "kl-competitor-editor.h"
#include "kl-competitor-list.h"
#include "kl-entities.h"

/* The competitors present at one client on its card (a KlCardGroup): those
 * named on its lost or open deals, by name, each with its price level and
 * the value lost to it (all clients, per currency); a row opens the
 * competitor. */

static void
open_editor (KlCardGroup *group,
             KlEntity    *competitor)
{
  KlCompetitorEditor *editor = kl_competitor_editor_new (kl_card_group_get_session (group),
                                                         competitor != NULL ? KL_COMPETITOR (competitor) : NULL);

  kl_card_group_present (group, GTK_WINDOW (editor));
}

static void
fill_row (KlCardGroup  *group,
          KlEntity     *competitor,
          AdwActionRow *row)
{
  const char *level = kl_entity_get_text (competitor, "price_level");
  g_autoptr(GArray) values = kl_competitor_parse_lost_values (kl_entity_get_text (competitor, "lost_values"));
  g_autofree char *lost = kl_competitor_format_lost (values);
  g_autofree char *subtitle = NULL;

  if (lost != NULL)
    /* TRANSLATORS: a competitor on the client card: its price level and the value of all deals lost to it */
    subtitle = g_strdup_printf (_("%1$s · lost to them: %2$s"),
                                level != NULL ? kl_choice_label (kl_competitor_price_levels, level) : "—", lost);
  else if (level != NULL)
    subtitle = g_strdup (kl_choice_label (kl_competitor_price_levels, level));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kl_entity_get_text (competitor, "name"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle != NULL ? subtitle : "");
}

static const KlCardGroupKind competitors_kind = {
  .list_new = kl_competitor_list_new,
  .sort = "name",
  .fill_row = fill_row,
  .open = open_editor,
};

/* Makes @group the competitors present at @client_id; once. */
void
kl_client_competitors_attach (KlCardGroup *group,
                              KlSession   *session,
                              gint64       client_id)
{
  g_return_if_fail (KL_IS_CARD_GROUP (group));

  kl_card_group_set_labels (group, _("Competitors Present"), C_("add a competitor", "_New Competitor"),
                            _("Add a Competitor"), _("No competitor named on this client’s deals"));
  kl_card_group_attach (group, &competitors_kind, session, client_id);
}
