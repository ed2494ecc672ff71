/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kl-database.h"
#include "kl-entity.h"

G_BEGIN_DECLS

#define KL_STORE_ERROR (kl_store_error_quark ())

typedef enum {
  KL_STORE_ERROR_NOT_FOUND,
  KL_STORE_ERROR_IN_USE,
  KL_STORE_ERROR_DUPLICATE,
  KL_STORE_ERROR_MISSING_REFERENCE,
} KlStoreError;

GQuark kl_store_error_quark (void);

typedef enum {
  KL_STORE_INSERTED,
  KL_STORE_UPDATED,
  KL_STORE_DELETED,
  KL_STORE_BATCH,     /* many rows may have changed; the id is 0 */
} KlStoreChange;

/* How kl_store_insert_many_full() inserts. */
typedef enum {
  KL_STORE_INSERT_DEFAULT = 0,
  /* The caller has just derived and validated each entity
   * (kl_entity_prepare()); they are not checked again. */
  KL_STORE_INSERT_PREPARED = 1 << 0,
  /* Clients and contacts: their search documents are written, but left out
   * of the search index until kl_search_update_index() (searching finds
   * them meanwhile, more slowly). */
  KL_STORE_INSERT_DEFER_SEARCH = 1 << 1,
} KlStoreInsertFlags;

#define KL_TYPE_STORE (kl_store_get_type ())
G_DECLARE_FINAL_TYPE (KlStore, kl_store, KL, STORE, GObject)

KlStore    *kl_store_new           (KlDatabase  *database,
                                    GType        entity_type);
KlDatabase *kl_store_get_database  (KlStore     *self);
GType       kl_store_get_entity_type (KlStore   *self);
char       *kl_store_select_columns (KlStore    *self,
                                    const char *table_alias);

gboolean    kl_store_insert        (KlStore     *self,
                                    KlEntity    *entity,
                                    GError     **error);
gboolean    kl_store_insert_many   (KlStore     *self,
                                    KlEntity   **entities,
                                    guint        n_entities,
                                    const char  *note,
                                    GError     **error);
gboolean    kl_store_insert_many_full (KlStore           *self,
                                       KlEntity         **entities,
                                       guint              n_entities,
                                       const char        *note,
                                       KlStoreInsertFlags flags,
                                       GError           **error);
gboolean    kl_store_update        (KlStore     *self,
                                    KlEntity    *entity,
                                    GError     **error);
gboolean    kl_store_delete        (KlStore     *self,
                                    gint64       id,
                                    GError     **error);
gpointer    kl_store_get           (KlStore     *self,
                                    gint64       id,
                                    GError     **error);
GListModel *kl_store_list_by       (KlStore     *self,
                                    const char  *column,
                                    gint64       value,
                                    GError     **error);
GListModel *kl_store_list_all      (KlStore     *self,
                                    GError     **error);
gint64      kl_store_count         (KlStore     *self,
                                    GError     **error);

/* Between these, writes emit no "changed"; the last end_batch emits one
 * KL_STORE_BATCH if anything was written. Batches nest. */
void        kl_store_begin_batch   (KlStore     *self);
void        kl_store_end_batch     (KlStore     *self);
void        kl_store_emit_changed_many (KlStore  *self);

void        kl_entity_load_row     (KlEntity     *entity,
                                    sqlite3_stmt *stmt,
                                    int           first_column);

G_END_DECLS
