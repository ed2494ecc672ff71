/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include "kl-id-combo.h"

#define IDS_KEY "kl-id-combo-ids"

static GArray *
get_ids (AdwComboRow *row)
{
  return g_object_get_data (G_OBJECT (row), IDS_KEY);
}

void
kl_id_combo_fill (AdwComboRow       *row,
                  GListModel        *entities,
                  const char        *none_label,
                  KlIdComboNameFunc  name)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GArray *ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  gint64 none = 0;

  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  gtk_string_list_append (names, none_label);
  g_array_append_val (ids, none);
  for (guint i = 0; entities != NULL && i < g_list_model_get_n_items (entities); i++)
    {
      g_autoptr(KlEntity) entity = g_list_model_get_item (entities, i);
      gint64 id = kl_entity_get_id (entity);
      g_autofree char *text = name != NULL ? name (entity) : g_strdup (kl_entity_get_text (entity, "name"));

      gtk_string_list_append (names, text != NULL ? text : "");
      g_array_append_val (ids, id);
    }
  g_object_set_data_full (G_OBJECT (row), IDS_KEY, ids, (GDestroyNotify)g_array_unref);
  adw_combo_row_set_model (row, G_LIST_MODEL (names));
}

void
kl_id_combo_select (AdwComboRow *row,
                    gint64       id)
{
  GArray *ids = get_ids (row);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      {
        adw_combo_row_set_selected (row, i);
        return;
      }
  adw_combo_row_set_selected (row, 0);
}

gint64
kl_id_combo_get (AdwComboRow *row)
{
  GArray *ids = get_ids (row);
  guint selected = adw_combo_row_get_selected (row);

  return ids != NULL && selected < ids->len ? g_array_index (ids, gint64, selected) : 0;
}
