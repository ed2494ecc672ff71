/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kl-session.h"

G_BEGIN_DECLS

/* Operations on clients that span rows and tables: ABC segments, duplicate
 * detection and merging, a contact's personal data (export and erasure),
 * and the client card's timeline. Each write is one transaction, leaves
 * audit_log rows in the format kl-store.c writes, and ends with the
 * stores' "changed" signal. */

/* ABC segmentation */

/*
 * Ranks the clients by the payments received in the twelve months up to
 * @today (paid_date in (today − 12 months, today]; NULL is the real
 * today) and writes clients.segment: sorted by revenue, a client is A
 * while the revenue of the clients before it is under 80 % of the total,
 * B under 95 %, C after that; clients with no payments are C.
 *
 * Amounts are summed in minor units as stored: a client invoices in its
 * own currency, and no rates are applied across currencies.
 *
 * One transaction; an 'update' audit row for each client whose segment
 * changed; the clients store's "changed" once at the end.
 */
gboolean   kl_clients_recompute_segments    (KlSession   *session,
                                             const char  *today,
                                             GError     **error);
void       kl_clients_recompute_segments_async  (KlSession           *session,
                                                 const char          *today,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean   kl_clients_recompute_segments_finish (KlSession     *session,
                                                 GAsyncResult  *result,
                                                 GError       **error);

/* Duplicates */

typedef enum {
  KL_DUPLICATE_TAX_ID,
  KL_DUPLICATE_NAME,
  KL_DUPLICATE_EMAIL,
  KL_DUPLICATE_PHONE,
} KlDuplicateReason;

typedef struct {
  gint64             client_id;     /* the other client */
  char              *client_name;
  KlDuplicateReason  reason;
  char              *description;   /* translated, e.g. Same tax ID as “X” */
} KlDuplicate;

void       kl_duplicate_free                (KlDuplicate *duplicate);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlDuplicate, kl_duplicate_free)

/*
 * Finds other clients that @client (about to be saved; id 0 when new)
 * probably duplicates: the same tax ID; the same name once folded and
 * stripped of legal forms (d.o.o., j.d.o.o., d.d., obrt, ООО, АО, ИП,
 * ПАО…), quotes and punctuation; the same e-mail address (the client's
 * or a contact's, blind to case); the same phone number (digits only,
 * country code 385/7 or trunk 0/8 dropped, last 9 digits compared).
 * When @client is saved, its contacts' addresses and numbers count too.
 * @client itself is never reported; one entry per other client and
 * reason, ordered by reason, then client id. Candidates come from the
 * indexes (tax ID, sort key, the search index of schema 2) and are then
 * compared exactly: a few milliseconds on 100 000 clients.
 *
 * Returns: (transfer full) (element-type KlDuplicate): the matches, maybe
 *   empty; NULL with @error set when the database fails.
 */
GPtrArray *kl_clients_find_duplicates       (KlSession   *session,
                                             KlClient    *client,
                                             GError     **error);

/* Digits of @phone as compared by kl_clients_find_duplicates(), or NULL
 * when it has fewer than 6. */
char      *kl_phone_key                     (const char  *phone);

/* @name folded, without legal forms, quotes or punctuation, words joined
 * by one space: "ООО «Ромашка»" and "Romaška, d.o.o." give "ромашка" and
 * "romaska". */
char      *kl_client_name_key               (const char  *name);

/*
 * Merges @duplicate_id into @survivor_id: its contacts, deals, contracts,
 * invoices, activities, complaints and offers move to the survivor; the
 * survivor's empty text and reference fields take the duplicate's values
 * (nothing is overwritten); the duplicate is deleted. The audit trail gets
 * an 'update' row per moved row of an audited table, the survivor's
 * 'update' rows, a 'merge' row on the survivor whose old_value is
 * "<duplicate id> <duplicate name>", and the duplicate's 'delete' rows.
 * All or nothing; "changed" on every affected store.
 */
gboolean   kl_clients_merge                 (KlSession   *session,
                                             gint64       survivor_id,
                                             gint64       duplicate_id,
                                             GError     **error);

/* Personal data of a contact person */

/*
 * Writes everything held about one contact person — their fields, their
 * client's name, the activities and deals that name them, the audit rows
 * about them — to @out as UTF-8 JSON (created private to the user), and
 * records an 'export' audit row. One transaction: if the file cannot be
 * written nothing is recorded.
 */
gboolean   kl_contact_export_personal_data  (KlSession   *session,
                                             gint64       contact_id,
                                             GFile       *out,
                                             GError     **error);

/*
 * Erases a contact person's personal data on request: the name becomes a
 * translated placeholder, position, phone, e-mail, notes and consent date
 * are cleared, and the old and new values of the audit rows about them
 * are blanked (else the trail would keep what was erased). The contact
 * row, its links (activities, deals) and the activities' own notes stay.
 * An 'erase' audit row with no personal data records it. One transaction.
 */
gboolean   kl_contact_anonymise             (KlSession   *session,
                                             gint64       contact_id,
                                             GError     **error);

/* The client card's timeline */

typedef enum {
  KL_TIMELINE_ACTIVITY,
  KL_TIMELINE_DEAL,
  KL_TIMELINE_CONTRACT,
  KL_TIMELINE_INVOICE,
  KL_TIMELINE_PAYMENT,
  KL_TIMELINE_COMPLAINT,
  KL_TIMELINE_FIELD_CHANGE,
} KlTimelineKind;

typedef struct {
  KlTimelineKind  kind;
  char           *date;       /* ISO 8601 date or date and time */
  char           *title;      /* translated, one line */
  gint64          record_id;  /* row of the kind's table; audit_log for FIELD_CHANGE */
} KlTimelineEntry;

void       kl_timeline_entry_free           (KlTimelineEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlTimelineEntry, kl_timeline_entry_free)

/*
 * Returns: (transfer full) (element-type KlTimelineEntry): at most @limit
 *   (0: 100) of the client's activities, deals, contracts, invoices,
 *   payments, complaints and field changes, newest first.
 */
GPtrArray *kl_client_timeline               (KlSession   *session,
                                             gint64       client_id,
                                             guint        limit,
                                             GError     **error);

G_END_DECLS
