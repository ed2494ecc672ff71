/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The translations of one language, read from its compiled catalogue
 * (klijentela.mo) whatever the locale of the process: a workbook or a
 * document in the language its reader asked for, the same text under
 * any LANG. English is the language of the sources and needs no file. */

typedef struct _KlCatalog KlCatalog;

/* "en", "hr" or "ru"; NULL for a code Klijentela has no translation for. */
const char *kl_catalog_language_from_code (const char  *code);
/* The interface language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG): "hr", "ru"
 * or "en". */
const char *kl_catalog_default_language   (void);

/* Reads the catalogue of @language ("en", "hr", "ru") from
 * $KLIJENTELA_LOCALEDIR or the installed locale directory. */
KlCatalog  *kl_catalog_new                (const char  *language,
                                           GError     **error);
void        kl_catalog_free               (KlCatalog   *self);
const char *kl_catalog_get_language       (KlCatalog   *self);
/* The translation of @msgid in @context (NULL for none), or @msgid. */
const char *kl_catalog_pgettext           (KlCatalog   *self,
                                           const char  *context,
                                           const char  *msgid) G_GNUC_FORMAT (3);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KlCatalog, kl_catalog_free)

G_END_DECLS
