/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-database.h"

G_BEGIN_DECLS

/* Bulk writes (an import, demo data, kl_store_insert_many()): what makes
 * many rows go in fast, and the only place that knows it. */

typedef enum {
  KL_BULK_DEFAULT   = 0,
  /* The rows were checked as the CHECK constraints would check them
   * (kl_entity_prepare()): SQLite skips them (ignore_check_constraints). */
  KL_BULK_NO_CHECKS = 1 << 0,
  /* A page cache large enough for the clients' many indexes. */
  KL_BULK_BIG_CACHE = 1 << 1,
} KlBulkFlags;

/* A run of bulk writes: the settings it changed, to give back. */
typedef struct {
  KlDatabase *database;
  gboolean    checks_off;
  gboolean    cache_changed;
  gint64      cache_size;
} KlBulk;

void     kl_bulk_begin                 (KlBulk      *bulk,
                                        KlDatabase  *database,
                                        KlBulkFlags  flags);
void     kl_bulk_end                   (KlBulk      *bulk);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KlBulk, kl_bulk_end)

/* Triggers that a bulk write of some rows can go without. */
typedef enum {
  /* Clients inserted by kl_store_insert_many(), which writes their search
   * documents and managers' keys itself. */
  KL_BULK_TRIGGERS_CLIENT_INSERT,
  /* Contacts inserted by kl_store_insert_many() (search documents). */
  KL_BULK_TRIGGERS_CONTACT_INSERT,
  /* Every trigger that keeps a client's summary columns; restoring them
   * recomputes the summaries for all clients. */
  KL_BULK_TRIGGERS_SUMMARY,
} KlBulkTriggers;

GStrv    kl_bulk_suspend_triggers      (KlDatabase      *database,
                                        KlBulkTriggers   triggers,
                                        GError         **error);
gboolean kl_bulk_restore_triggers      (KlDatabase      *database,
                                        KlBulkTriggers   triggers,
                                        GStrv            definitions,
                                        GError         **error);

gboolean kl_bulk_drop_optional_indexes (KlDatabase      *database,
                                        GError         **error);
gboolean kl_bulk_ensure_index          (KlDatabase      *database,
                                        const char      *name,
                                        GError         **error);

G_END_DECLS
