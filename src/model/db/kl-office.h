/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kl-database.h"
#include "kl-entity.h"

G_BEGIN_DECLS

/**
 * KlOffice:
 * @country: the own company's country, two capital letters (ISO 3166)
 * @currency: its currency, three capital letters (ISO 4217)
 *
 * Where the office that keeps the database is: the defaults of new
 * clients, deals, offers, contracts and of the demo data.
 */
typedef struct
{
  char country[3];
  char currency[4];
} KlOffice;

void     kl_office_for_locale (KlOffice        *office,
                               const char      *locale);
gboolean kl_office_load       (KlOffice        *office,
                               KlDatabase      *database,
                               GError         **error);
gboolean kl_office_save       (const KlOffice  *office,
                               KlDatabase      *database,
                               GError         **error);
gboolean kl_office_set        (KlOffice        *office,
                               const char      *country,
                               const char      *currency,
                               GError         **error);
void     kl_office_apply      (const KlOffice  *office,
                               KlEntity        *entity);

G_END_DECLS
