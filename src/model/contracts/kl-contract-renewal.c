/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-contract-renewal.h"

#include <string.h>

#include "kl-company.h"
#include "kl-format.h"
#include "kl-validation.h"

static GDate *
parse_date (const char *iso)
{
  GDate *date;

  if (iso == NULL || !kl_validate_date (iso, NULL))
    return NULL;
  date = g_date_new ();
  g_date_set_dmy (date, (GDateDay) g_ascii_strtoull (iso + 8, NULL, 10),
                  (GDateMonth) g_ascii_strtoull (iso + 5, NULL, 10),
                  (GDateYear) g_ascii_strtoull (iso, NULL, 10));
  return date;
}

static char *
format_iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/**
 * kl_contract_notice_date:
 *
 * Returns: (transfer full) (nullable): the last day notice can be given,
 *   the notice period before the end (ISO 8601); %NULL without an end
 */
char *
kl_contract_notice_date (KlContract *contract)
{
  GDate *date;
  char *iso;

  g_return_val_if_fail (KL_IS_CONTRACT (contract), NULL);

  date = parse_date (kl_entity_get_text (KL_ENTITY (contract), "end_date"));
  if (date == NULL)
    return NULL;
  g_date_subtract_days (date, (guint) kl_entity_get_number (KL_ENTITY (contract), "notice_days"));
  iso = format_iso (date);
  g_date_free (date);
  return iso;
}

/**
 * kl_contract_find_renewal:
 *
 * Returns: the id of the contract that renews @contract_id, 0 when none
 *   (or on error, with @error set)
 */
gint64
kl_contract_find_renewal (KlSession  *session,
                          gint64      contract_id,
                          GError    **error)
{
  g_autoptr(GListModel) renewals = NULL;
  g_autoptr(KlEntity) first = NULL;

  g_return_val_if_fail (KL_IS_SESSION (session), 0);

  renewals = kl_store_list_by (kl_session_get_store (session, KL_TYPE_CONTRACT), "renewal_of",
                               contract_id, error);
  if (renewals == NULL || g_list_model_get_n_items (renewals) == 0)
    return 0;
  first = g_list_model_get_item (renewals, 0);
  return kl_entity_get_id (first);
}

/**
 * kl_contract_renew:
 * @contract_id: a contract with an end date, not yet renewed
 * @reminder_id: (out) (optional): the planned call's id
 *
 * Writes, in one transaction, the follow-up contract (a draft with the
 * next number, the same client, deal, manager, title, amount, terms and
 * notice, from the day after the original's end for as many days as the
 * original ran) and a planned call with the client on the last day of
 * notice at 09:00.
 *
 * Returns: the new contract's id, or 0 with @error set (nothing written)
 */
gint64
kl_contract_renew (KlSession  *session,
                   gint64      contract_id,
                   gint64     *reminder_id,
                   GError    **error)
{
  static const char *const copied[] = {
    "client_id", "deal_id", "manager_id", "title", "amount", "currency", "vat_rate_bp",
    "payment_terms_days", "discount_bp", "auto_renew", "notice_days", "offer_id",
  };
  KlDatabase *db;
  KlStore *contracts;
  g_autoptr(KlEntity) old = NULL;
  g_autoptr(KlEntity) renewal = NULL;
  g_autoptr(KlEntity) call = NULL;
  g_autoptr(KlCompany) company = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *number = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *starts_at = NULL;
  g_autofree char *subject = NULL;
  GDate *old_start, *old_end, *date;
  gint64 existing;
  int days;

  g_return_val_if_fail (KL_IS_SESSION (session), 0);

  db = kl_session_get_database (session);
  contracts = kl_session_get_store (session, KL_TYPE_CONTRACT);
  old = kl_store_get (contracts, contract_id, error);
  if (old == NULL)
    return 0;

  existing = kl_contract_find_renewal (session, contract_id, error);
  if (existing != 0)
    {
      g_autoptr(KlEntity) other = kl_store_get (contracts, existing, NULL);

      g_set_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID,
                   _("This contract has already been renewed by contract %s."),
                   other != NULL ? kl_entity_get_text (other, "number") : "?");
      return 0;
    }
  if (error != NULL && *error != NULL)
    return 0;

  old_start = parse_date (kl_entity_get_text (old, "start_date"));
  old_end = parse_date (kl_entity_get_text (old, "end_date"));
  if (old_start == NULL || old_end == NULL)
    {
      g_clear_pointer (&old_start, g_date_free);
      g_set_error_literal (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED,
                           _("Only a contract with an end date can be renewed: give it one first."));
      return 0;
    }
  days = g_date_days_between (old_start, old_end);
  date = g_date_copy (old_end);
  g_date_add_days (date, 1);
  start = format_iso (date);
  g_date_add_days (date, (guint) MAX (days, 0));
  end = format_iso (date);
  g_date_free (date);
  g_date_free (old_start);
  g_date_free (old_end);

  company = kl_company_load (db, error);
  if (company == NULL)
    return 0;
  number = kl_company_next_number (db, KL_DOCUMENT_CONTRACT, company->contract_pattern, start, error);
  if (number == NULL)
    return 0;

  renewal = kl_session_new_entity (session, KL_TYPE_CONTRACT);
  for (guint i = 0; i < G_N_ELEMENTS (copied); i++)
    {
      guint index;

      kl_entity_class_find_field (KL_ENTITY_GET_CLASS (old), copied[i], &index);
      _kl_entity_set_value (renewal, index, _kl_entity_get_value (old, index));
    }
  kl_entity_set_text (renewal, "number", number);
  kl_entity_set_text (renewal, "start_date", start);
  kl_entity_set_text (renewal, "end_date", end);
  kl_entity_set_text (renewal, "status", "draft");
  kl_entity_set_number (renewal, "renewal_of", contract_id);

  notice = kl_contract_notice_date (KL_CONTRACT (old));
  starts_at = g_strconcat (notice, "T09:00:00", NULL);
  /* Translators: a planned call; %1$s is the contract's number, %2$s its title */
  subject = g_strdup_printf (_("Renewal of contract %1$s: %2$s"),
                             kl_entity_get_text (old, "number"), kl_entity_get_text (old, "title"));
  call = kl_session_new_entity (session, KL_TYPE_ACTIVITY);
  kl_entity_set_text (call, "kind", "call");
  kl_entity_set_text (call, "status", "planned");
  kl_entity_set_number (call, "client_id", kl_entity_get_number (old, "client_id"));
  kl_entity_set_number (call, "deal_id", kl_entity_get_number (old, "deal_id"));
  kl_entity_set_number (call, "manager_id", kl_entity_get_number (old, "manager_id"));
  kl_entity_set_text (call, "subject", subject);
  kl_entity_set_text (call, "starts_at", starts_at);

  if (!kl_database_begin (db, error))
    return 0;
  if (!kl_store_insert (contracts, renewal, error)
      || !kl_store_insert (kl_session_get_store (session, KL_TYPE_ACTIVITY), call, error)
      || !kl_database_commit (db, error))
    {
      kl_database_rollback (db);
      return 0;
    }
  if (reminder_id != NULL)
    *reminder_id = kl_entity_get_id (call);
  return kl_entity_get_id (renewal);
}

/**
 * kl_contract_reminder_subject:
 *
 * Returns: (transfer full): the subject of the e-mail reminding the client
 */
char *
kl_contract_reminder_subject (KlContract *contract)
{
  g_return_val_if_fail (KL_IS_CONTRACT (contract), NULL);

  /* Translators: the subject of an e-mail to a client; %s is the contract's number */
  return g_strdup_printf (_("Contract %s is coming to an end"),
                          kl_entity_get_text (KL_ENTITY (contract), "number"));
}

/**
 * kl_contract_reminder_body:
 * @company_name: (nullable): the own company, to sign with
 *
 * Returns: (transfer full): the e-mail reminding the client: the contract
 *   by number and title, its end date and the renewal terms (automatic
 *   renewal unless notice is given by the notice date, or a new contract
 *   to sign), dates as the user's locale writes them
 */
char *
kl_contract_reminder_body (KlContract *contract,
                           const char *company_name)
{
  KlEntity *entity;
  g_autofree char *end = NULL;
  g_autofree char *notice_iso = NULL;
  g_autofree char *notice = NULL;
  GString *body;
  int notice_days;

  g_return_val_if_fail (KL_IS_CONTRACT (contract), NULL);

  entity = KL_ENTITY (contract);
  end = kl_format_date (kl_entity_get_text (entity, "end_date"));
  notice_iso = kl_contract_notice_date (contract);
  notice = notice_iso != NULL ? kl_format_date (notice_iso) : NULL;
  notice_days = (int) kl_entity_get_number (entity, "notice_days");

  body = g_string_new (_("Dear Sir or Madam,"));
  g_string_append (body, "\n\n");
  /* Translators: %1$s is a contract's number, %2$s its title, %3$s the date it ends */
  g_string_append_printf (body, _("we would like to remind you that contract %1$s (“%2$s”) ends on %3$s."),
                          kl_entity_get_text (entity, "number"), kl_entity_get_text (entity, "title"),
                          end != NULL ? end : "");
  g_string_append (body, " ");
  if (kl_entity_get_number (entity, "auto_renew") != 0)
    g_string_append_printf (body,
                            g_dngettext (GETTEXT_PACKAGE,
                                         /* Translators: %1$d is the notice period in days, %2$s the last day of notice */
                                         "It renews automatically for the same period unless either party gives written notice at least %1$d day before it ends, that is by %2$s.",
                                         "It renews automatically for the same period unless either party gives written notice at least %1$d days before it ends, that is by %2$s.",
                                         notice_days),
                            notice_days, notice != NULL ? notice : "");
  else
    g_string_append_printf (body,
                            /* Translators: %s is a date */
                            _("It does not renew by itself: if you wish to continue our cooperation, we will gladly prepare a new contract on the same terms. Please let us know by %s."),
                            notice != NULL ? notice : "");
  g_string_append (body, "\n\n");
  g_string_append (body, _("Kind regards,"));
  if (company_name != NULL && *company_name != '\0')
    g_string_append_printf (body, "\n%s", company_name);
  return g_string_free (body, FALSE);
}

static char *
find_email (KlSession *session,
            KlEntity  *client)
{
  const char *email = kl_client_get_email (KL_CLIENT (client));
  g_autoptr(GListModel) contacts = NULL;

  if (email != NULL && *email != '\0')
    return g_strdup (email);
  contacts = kl_store_list_by (kl_session_get_store (session, KL_TYPE_CONTACT), "client_id",
                               kl_entity_get_id (client), NULL);
  for (guint i = 0; contacts != NULL && i < g_list_model_get_n_items (contacts); i++)
    {
      g_autoptr(KlContact) contact = g_list_model_get_item (contacts, i);
      const char *contact_email = kl_contact_get_email (contact);

      if (contact_email != NULL && *contact_email != '\0')
        return g_strdup (contact_email);
    }
  return NULL;
}

/**
 * kl_contract_reminder_mailto:
 *
 * Returns: (transfer full): a mailto: URI to the client's e-mail address
 *   (or its first contact person's) with kl_contract_reminder_subject()
 *   and kl_contract_reminder_body(), escaped (RFC 6068); %NULL with @error
 */
char *
kl_contract_reminder_mailto (KlSession  *session,
                             gint64      contract_id,
                             GError    **error)
{
  g_autoptr(KlEntity) contract = NULL;
  g_autoptr(KlEntity) client = NULL;
  g_autoptr(KlCompany) company = NULL;
  g_autofree char *email = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *to = NULL;
  g_autofree char *subject_escaped = NULL;
  g_autofree char *body_escaped = NULL;

  g_return_val_if_fail (KL_IS_SESSION (session), NULL);

  contract = kl_store_get (kl_session_get_store (session, KL_TYPE_CONTRACT), contract_id, error);
  if (contract == NULL)
    return NULL;
  client = kl_store_get (kl_session_get_store (session, KL_TYPE_CLIENT),
                         kl_entity_get_number (contract, "client_id"), error);
  if (client == NULL)
    return NULL;
  company = kl_company_load (kl_session_get_database (session), error);
  if (company == NULL)
    return NULL;

  email = find_email (session, client);
  subject = kl_contract_reminder_subject (KL_CONTRACT (contract));
  body = kl_contract_reminder_body (KL_CONTRACT (contract), company->name);
  to = email != NULL ? g_uri_escape_string (email, "@", FALSE) : g_strdup ("");
  subject_escaped = g_uri_escape_string (subject, NULL, FALSE);
  body_escaped = g_uri_escape_string (body, NULL, FALSE);
  return g_strdup_printf ("mailto:%s?subject=%s&body=%s", to, subject_escaped, body_escaped);
}

/**
 * kl_contract_log_reminder:
 *
 * Logs on the client a done e-mail activity: the renewal reminder sent
 * for the contract.
 *
 * Returns: the activity's id, or 0 with @error set
 */
gint64
kl_contract_log_reminder (KlSession  *session,
                          gint64      contract_id,
                          GError    **error)
{
  g_autoptr(KlEntity) contract = NULL;
  g_autoptr(KlEntity) email = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *now = kl_database_now ();

  g_return_val_if_fail (KL_IS_SESSION (session), 0);

  contract = kl_store_get (kl_session_get_store (session, KL_TYPE_CONTRACT), contract_id, error);
  if (contract == NULL)
    return 0;
  /* Translators: an activity logged on a client; %s is the contract's number */
  subject = g_strdup_printf (_("Renewal reminder sent for contract %s"),
                             kl_entity_get_text (contract, "number"));
  email = kl_session_new_entity (session, KL_TYPE_ACTIVITY);
  kl_entity_set_text (email, "kind", "email");
  kl_entity_set_text (email, "status", "done");
  kl_entity_set_number (email, "client_id", kl_entity_get_number (contract, "client_id"));
  kl_entity_set_number (email, "deal_id", kl_entity_get_number (contract, "deal_id"));
  kl_entity_set_number (email, "manager_id", kl_entity_get_number (contract, "manager_id"));
  kl_entity_set_text (email, "subject", subject);
  kl_entity_set_text (email, "starts_at", now);
  kl_entity_set_number (email, "duration_minutes", 0);
  if (!kl_store_insert (kl_session_get_store (session, KL_TYPE_ACTIVITY), email, error))
    return 0;
  return kl_entity_get_id (email);
}
