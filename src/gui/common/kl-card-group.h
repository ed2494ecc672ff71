/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-query-list.h"
#include "kl-session.h"

G_BEGIN_DECLS

/* How many rows a group of the client card lists. */
#define KL_CARD_GROUP_MAX_ROWS 20

#define KL_TYPE_CARD_GROUP (kl_card_group_get_type ())
G_DECLARE_FINAL_TYPE (KlCardGroup, kl_card_group, KL, CARD_GROUP, AdwBin)

/* Fills @row (its title and subtitle) for @item. */
typedef void (*KlCardGroupRowFunc)  (KlCardGroup  *group,
                                     KlEntity     *item,
                                     AdwActionRow *row);
/* The group's description, translated, when it lists @shown of @n rows
 * ("The first 20 of 35 deals"); NULL for none. */
typedef char *(*KlCardGroupMoreFunc) (guint shown,
                                      guint n);

/* What a domain tells the group about its records. */
typedef struct
{
  KlQueryList        *(*list_new) (KlSession *session);
  const char          *sort;           /* the list's sort, by this name */
  gboolean             descending;
  /* nullable: sets the list's filters but "client" */
  void               (*filter) (KlQueryList *list);
  KlCardGroupRowFunc   fill_row;
  KlCardGroupMoreFunc  describe_more;  /* nullable */
  /* Opens the editor of @item (as its store has it now), or of a new
   * record for the group's client when @item is NULL. */
  void               (*open) (KlCardGroup *group,
                              KlEntity    *item);
} KlCardGroupKind;

void       kl_card_group_set_labels    (KlCardGroup           *self,
                                        const char            *title,
                                        const char            *new_label,
                                        const char            *new_tooltip,
                                        const char            *placeholder);
void       kl_card_group_attach        (KlCardGroup           *self,
                                        const KlCardGroupKind *kind,
                                        KlSession             *session,
                                        gint64                 client_id);
KlSession *kl_card_group_get_session   (KlCardGroup           *self);
gint64     kl_card_group_get_client_id (KlCardGroup           *self);
guint      kl_card_group_get_n_rows    (KlCardGroup           *self);
guint      kl_card_group_get_n_items   (KlCardGroup           *self);
void       kl_card_group_reload        (KlCardGroup           *self);
KlEntity  *kl_card_group_get_item      (KlCardGroup           *self,
                                        guint                  row);
void       kl_card_group_present       (KlCardGroup           *self,
                                        GtkWindow             *window);

G_END_DECLS
