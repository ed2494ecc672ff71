/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kl-database.h"
#include "kl-entities.h"
#include "kl-office.h"
#include "kl-store.h"

G_BEGIN_DECLS

#define KL_TYPE_SESSION (kl_session_get_type ())
G_DECLARE_FINAL_TYPE (KlSession, kl_session, KL, SESSION, GObject)

KlSession  *kl_session_open          (const char  *path,
                                      GError     **error);
KlSession  *kl_session_new           (KlDatabase  *database);
KlDatabase *kl_session_get_database  (KlSession   *self);
KlStore    *kl_session_get_store     (KlSession   *self,
                                      GType        entity_type);

const KlOffice *kl_session_get_office (KlSession   *self);
gboolean    kl_session_set_office    (KlSession   *self,
                                      const char  *country,
                                      const char  *currency,
                                      GError     **error);
KlEntity   *kl_session_new_entity    (KlSession   *self,
                                      GType        entity_type);

void        kl_session_update_search_index_async  (KlSession            *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
gboolean    kl_session_update_search_index_finish (KlSession            *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void        kl_session_update_search_index_in_background (KlSession     *self);

G_END_DECLS
