/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-csv.h"
#include "kl-import.h"
#include "kl-session.h"

G_BEGIN_DECLS

/*
 * The price list from a CSV file (read by KlCsvReader like the client
 * import: encodings, separators, ="…" cells). The header's cells are
 * matched to product columns in English, Croatian or Russian, blind to
 * case and diacritics: Code/Šifra/Код, Name/Naziv/Наименование,
 * Unit/Jedinica mjere/Ед. изм., Price/Cijena/Цена, Currency/Valuta/Валюта,
 * VAT/PDV/НДС (a percentage: "25", "25 %", "5,5"), and the quantity
 * tiers, Tiers/Količinski popusti/Скидки за количество: "10: 3; 50: 5"
 * (from 10 pieces 3 % off, from 50 5 %; a cell in quotes where the file
 * is separated by semicolons), which replace the product's tiers; an
 * empty tiers cell leaves them as they are. A code already in the
 * price list updates that product; a new code adds one. Valid lines are
 * written in one transaction; the others are rejected with their line
 * number and reason (KlImportRejection).
 */

gboolean kl_price_list_import (KlSession    *session,
                               GBytes       *contents,
                               const char   *encoding,
                               gunichar      separator,
                               guint        *n_added,
                               guint        *n_updated,
                               GPtrArray   **rejections,
                               GError      **error);

/* For KlImport's products (%KL_IMPORT_KIND_PRODUCTS). */
const char * const *kl_price_list_import_get_targets      (void);
const char         *kl_price_list_import_get_target_label (const char          *target);
const char         *kl_price_list_import_guess_target     (const char          *header);
gboolean            kl_price_list_import_read             (KlSession           *session,
                                                           KlCsvReader         *reader,
                                                           const char * const  *mapping,
                                                           guint                n_columns,
                                                           guint                max_records,
                                                           gboolean             write,
                                                           guint               *n_added,
                                                           guint               *n_updated,
                                                           GPtrArray          **rejections,
                                                           GError             **error);

G_END_DECLS
