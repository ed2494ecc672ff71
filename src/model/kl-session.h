/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kl-database.h"
#include "kl-entities.h"
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

G_END_DECLS
