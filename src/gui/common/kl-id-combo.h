/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-entity.h"

G_BEGIN_DECLS

/* A combo row choosing one record by id: "None" first, then @entities,
 * each named by @name (NULL: its "name" field). The ids stay with the row. */
typedef char *(*KlIdComboNameFunc) (KlEntity *entity);

void   kl_id_combo_fill   (AdwComboRow       *row,
                           GListModel        *entities,
                           const char        *none_label,
                           KlIdComboNameFunc  name);
void   kl_id_combo_select (AdwComboRow       *row,
                           gint64             id);
gint64 kl_id_combo_get    (AdwComboRow       *row);

G_END_DECLS
