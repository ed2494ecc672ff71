/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kl-session.h"

G_BEGIN_DECLS

#define KL_IMPORT_ERROR (kl_import_error_quark ())

typedef enum {
  KL_IMPORT_ERROR_NO_HEADER,   /* the first line names no known column */
  KL_IMPORT_ERROR_NO_NAME,     /* no column is mapped to the client's name */
} KlImportError;

GQuark kl_import_error_quark (void);

/* What a file's lines become. */
typedef enum {
  KL_IMPORT_KIND_CLIENTS,
  KL_IMPORT_KIND_PRODUCTS,   /* the price list (kl-price-list-import.h) */
} KlImportKind;

/* A line of the file that was not imported. */
typedef struct {
  guint  line;    /* physical line where the record starts; 0: not one line */
  char  *reason;  /* translated, starts with the field label: "Tax ID: …" */
} KlImportRejection;

void kl_import_rejection_free (KlImportRejection *rejection);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlImportRejection, kl_import_rejection_free)

/* Called now and then during kl_import_run(), in the thread that runs it. */
typedef void (*KlImportProgressFunc) (double   fraction,
                                      gpointer user_data);

/*
 * A client or price-list import from a CSV file (as Excel saves it; see
 * kl-csv.h).
 *
 * The first record is the header: its cells are matched to client columns
 * (or product columns, kl-price-list-import.h)
 * by name in English, Croatian or Russian, blind to case, diacritics and
 * surrounding white space ("Naziv", "OIB", "Город", "E-mail adresa"…);
 * unknown headers are ignored. The mapping can then be changed, e.g. by a
 * wizard, before kl_import_run().
 *
 * To try another encoding or separator, make a new KlImport: reading and
 * detection are cheap next to the import itself.
 *
 * Not thread-safe. kl_import_run() may run in a worker thread (GTask) as
 * long as nothing else uses the session's database meanwhile.
 */
#define KL_TYPE_IMPORT (kl_import_get_type ())
G_DECLARE_FINAL_TYPE (KlImport, kl_import, KL, IMPORT, GObject)

KlImport   *kl_import_new_for_kind    (KlSession             *session,
                                       KlImportKind           kind,
                                       GBytes                *contents,
                                       const char            *encoding,
                                       gunichar               separator,
                                       GError               **error);
KlImport   *kl_import_new_from_bytes  (KlSession             *session,
                                       GBytes                *contents,
                                       const char            *encoding,
                                       gunichar               separator,
                                       GError               **error);
KlImport   *kl_import_new_from_file   (KlSession             *session,
                                       GFile                 *file,
                                       const char            *encoding,
                                       gunichar               separator,
                                       GCancellable          *cancellable,
                                       GError               **error);

KlImportKind kl_import_get_kind       (KlImport              *self);
const char *kl_import_get_encoding    (KlImport              *self);
gunichar    kl_import_get_separator   (KlImport              *self);

guint       kl_import_get_n_columns   (KlImport              *self);
const char *kl_import_get_header      (KlImport              *self,
                                       guint                  column);
const char *kl_import_get_mapping     (KlImport              *self,
                                       guint                  column);
void        kl_import_set_mapping     (KlImport              *self,
                                       guint                  column,
                                       const char            *target);

char       *kl_import_describe_ignored (KlImport             *self);
guint       kl_import_count_ignored   (KlImport              *self);

GPtrArray  *kl_import_preview         (KlImport              *self,
                                       guint                  max_rows,
                                       GError               **error);
GPtrArray  *kl_import_check_first     (KlImport              *self,
                                       guint                  max_records,
                                       GError               **error);

gboolean    kl_import_run             (KlImport              *self,
                                       GCancellable          *cancellable,
                                       KlImportProgressFunc   progress,
                                       gpointer               progress_data,
                                       guint                 *n_added,
                                       guint                 *n_skipped_existing,
                                       GPtrArray            **rejections,
                                       GError               **error);

/* The columns of its kind a file column can be mapped to, and the
 * translated label of one. */
const char * const *kl_import_list_targets     (KlImport   *self);
const char         *kl_import_describe_target  (KlImport   *self,
                                                const char *target);

/* The client columns a file column can be mapped to, NULL-terminated, in
 * the order of the client form ("manager_id" is matched by manager name). */
const char * const *kl_import_get_targets      (void);
/* The translated label of a target, e.g. "Tax ID". */
const char         *kl_import_get_target_label (const char *target);

/* What every CSV import of the model shares (clients, the price list). */
/* Trims Unicode white space (U+00A0 too) in place; returns the start. */
char *kl_import_trim           (char       *text);
/* The text inside a cell written as ="…" (spreadsheets keep leading
 * zeros so), trimmed; other cells as they are. In place. */
char *kl_import_unwrap_formula (char       *cell);
/* A header as headers are compared: folded (kl_text_fold()), without a
 * trailing ':', '*' or space. */
char *kl_import_fold_header    (const char *header);

G_END_DECLS
