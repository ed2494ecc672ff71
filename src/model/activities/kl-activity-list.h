/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kl-session.h"

G_BEGIN_DECLS

typedef enum {
  KL_ACTIVITY_LIST_OVERDUE,     /* planned, starting before today; oldest first */
  KL_ACTIVITY_LIST_TODAY,       /* planned for today; by time */
  KL_ACTIVITY_LIST_DONE_TODAY,  /* done today (done_at, else starts_at); by time */
  KL_ACTIVITY_LIST_CLIENT,      /* one client's, any status; newest first */
} KlActivityListKind;

#define KL_TYPE_ACTIVITY_LIST (kl_activity_list_get_type ())
G_DECLARE_FINAL_TYPE (KlActivityList, kl_activity_list, KL, ACTIVITY_LIST, GObject)

/* A GListModel of KlActivity backed by SQL: a count and pages fetched as
 * asked, reloaded when the activities, clients or contacts store changes
 * (their names go with an activity). @today is "YYYY-MM-DD", or NULL for
 * the real today (read at each reload). */
KlActivityList     *kl_activity_list_new             (KlSession          *session,
                                                      KlActivityListKind  kind,
                                                      const char         *today);
KlActivityList     *kl_activity_list_new_for_client  (KlSession          *session,
                                                      gint64              client_id);
KlActivityListKind  kl_activity_list_get_kind        (KlActivityList     *self);
void                kl_activity_list_set_today       (KlActivityList     *self,
                                                      const char         *today);
void                kl_activity_list_reload          (KlActivityList     *self);
guint               kl_activity_list_get_fetches     (KlActivityList     *self);

/* The number of activities a list of @kind would hold, from the indexes
 * (for badges); @client_id only for KL_ACTIVITY_LIST_CLIENT. -1 on error. */
gint64              kl_activity_list_count           (KlSession          *session,
                                                      KlActivityListKind  kind,
                                                      const char         *today,
                                                      gint64              client_id,
                                                      GError            **error);

/* Marks an activity done in one step (with @outcome unless NULL), through
 * the activities store; audited. */
gboolean            kl_activity_mark_done            (KlSession          *session,
                                                      gint64              activity_id,
                                                      const char         *outcome,
                                                      GError            **error);

G_END_DECLS
