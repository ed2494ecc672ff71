/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-import.h"

#include <stdio.h>
#include <string.h>

#include "kl-backup.h"
#include "kl-bulk.h"
#include "kl-csv.h"
#include "kl-price-list-import.h"
#include "kl-search.h"
#include "kl-text.h"
#include "kl-validation.h"

/* How often (in records) the preparing thread tells how far it is. */
#define PROGRESS_EVERY 1024
/* How often (µs) at least the writing thread reports progress and looks
 * at the cancellable. */
#define PROGRESS_INTERVAL (100 * G_TIME_SPAN_MILLISECOND)
/* Valid clients are written this many at a time (kl_store_insert_many_full()),
 * the first batches fewer, so that the writer starts soon. */
#define WRITE_EVERY 8192
#define WRITE_FIRST 512
/* Batches prepared ahead of the writer, at most. */
#define MAX_QUEUED 2
/* From this many lines on, an import leaves the search index to
 * kl_search_update_index() after it, and drops the indexes only the
 * client list reads when it more than doubles the clients
 * (kl_bulk_drop_optional_indexes()). */
#define LARGE_IMPORT 10000

struct _KlImport
{
  GObject       parent_instance;

  KlSession    *session;
  KlImportKind  kind;
  KlCsvReader  *reader;
  char        **headers;   /* the header record, trimmed */
  guint         n_columns;
  const char  **mapping;   /* per column: a target column (static) or NULL */
  char         *note;      /* the audit trail's word for the clients added */
  guint         n_lines;   /* in the file, about */
};

G_DEFINE_FINAL_TYPE (KlImport, kl_import, G_TYPE_OBJECT)

G_DEFINE_QUARK (kl-import-error-quark, kl_import_error)

/* What a cell of a target column is turned into before it is stored. */
typedef enum {
  TARGET_TEXT,
  TARGET_CHOICE,
  TARGET_TAX_ID,
  TARGET_COUNTRY,
  TARGET_CURRENCY,
  TARGET_MONEY,
  TARGET_DAYS,
  TARGET_MANAGER,
  TARGET_DATE,
} TargetKind;

typedef struct {
  const char *column;
  TargetKind  kind;
  /* Header names besides the field's own label (English and translated):
   * English, Croatian, Russian, and what spreadsheets and the exports of
   * 1C, Odoo, Dolibarr and SuiteCRM call them. */
  const char *names[40];
} Target;

static const Target targets[] = {
  { "kind", TARGET_CHOICE,
    { "Kind", "Type", "Client type", "Vrsta", "Vrsta klijenta", "Tip", "Тип", "Вид", "Тип клиента",
      /* 1C */
      "Вид контрагента", "Тип контрагента", "Юр. / физ. лицо", "Юр./физ. лицо", "Юр/физ лицо",
      "ЮрФизЛицо", "Юридическое / физическое лицо",
      /* Odoo, Dolibarr */
      "Company Type", "Third-party type", "Third party type", "Type of third party",
      /* Croatian sheets */
      "Vrsta osobe", "Pravni status", "Tip klijenta", "Tip partnera", "Vrsta partnera" } },
  { "name", TARGET_TEXT,
    { "Name", "Company", "Company name", "Client", "Client name", "Naziv", "Naziv tvrtke", "Tvrtka",
      "Klijent", "Naziv klijenta", "Наименование", "Название", "Компания", "Клиент", "Организация",
      /* 1C */
      "Контрагент", "Наименование контрагента", "Рабочее наименование", "Полное наименование",
      "Наименование полное", "Наименование организации", "Название организации", "Покупатель",
      /* Odoo, Dolibarr, SuiteCRM */
      "Display Name", "Third-party name", "Third party name", "Third-party", "Account name", "Customer",
      "Customer name", "Partner", "Partner name",
      /* Croatian sheets */
      "Naziv partnera", "Kupac", "Naziv kupca", "Ime i prezime", "Naziv poslovnog subjekta",
      "Poslovni subjekt" } },
  { "legal_form", TARGET_TEXT,
    { "Legal form", "Pravni oblik", "Организационно-правовая форма", "Правовая форма", "ОПФ",
      "Legal entity type", "Business entity type", "Oblik", "Oblik organiziranja", "Pravni ustroj" } },
  { "tax_id", TARGET_TAX_ID,
    { "Tax ID", "Tax number", "VAT ID", "VAT number", "OIB", "Porezni broj", "PDV ID", "PDV broj",
      "ИНН", "Налоговый номер",
      "ИНН контрагента", "ИНН организации", "ИНН покупателя", "Идентификационный номер налогоплательщика",
      "VAT", "VAT code", "Sales tax ID", "Tax identification number", "TIN", "Tax ID number",
      "OIB partnera", "OIB kupca", "OIB klijenta", "OIB tvrtke", "Osobni identifikacijski broj",
      "PDV identifikacijski broj", "Porezni identifikacijski broj", "ID PDV" } },
  { "country", TARGET_COUNTRY,
    { "Country", "Država", "Zemlja", "Страна",
      "Страна регистрации", "Страна (юридический адрес)", "Billing Country", "Country code",
      "Država sjedišta", "Država (kod)" } },
  { "city", TARGET_TEXT,
    { "City", "Town", "Grad", "Mjesto", "Город", "Населённый пункт",
      "Населенный пункт", "Billing City", "Town/City", "Grad/Mjesto", "Mjesto sjedišta", "Naselje",
      "Grad sjedišta" } },
  { "address", TARGET_TEXT,
    { "Address", "Street", "Adresa", "Ulica", "Адрес", "Улица",
      /* 1C: the legal address first; the others when it is not there */
      "Юридический адрес", "Адрес юридический", "Юр. адрес", "Юридический адрес контрагента",
      "Фактический адрес", "Адрес фактический", "Почтовый адрес",
      /* Odoo, Dolibarr, SuiteCRM */
      "Street address", "Billing Street", "Billing Address Street", "Billing Address", "Address line 1",
      /* Croatian sheets */
      "Adresa sjedišta", "Ulica i broj", "Ulica i kućni broj", "Adresa (ulica i broj)" } },
  { "postal_code", TARGET_TEXT,
    { "Postal code", "Postcode", "ZIP", "ZIP code", "Poštanski broj", "Pošt. broj", "Индекс",
      "Почтовый индекс",
      "Billing Postal Code", "Billing Address Postal Code", "Post code", "Pošta", "Poštanski br.",
      "Ptt", "Индекс (юридический адрес)" } },
  { "phone", TARGET_TEXT,
    { "Phone", "Telephone", "Tel.", "Tel", "Mobile", "Telefon", "Mobitel", "Mob.", "Телефон", "Тел.",
      "Мобильный", "Мобильный телефон",
      "Телефоны", "Контактный телефон", "Телефон организации", "Office Phone", "Phone Office",
      "Phone number", "Work phone", "Broj telefona", "Tel./Fax", "Kontakt telefon" } },
  { "email", TARGET_TEXT,
    { "E-mail", "Email", "E-mail address", "Email address", "E-pošta", "E-mail adresa", "Email adresa",
      "Эл. почта", "Электронная почта", "E-mail адрес", "Почта",
      "Адрес электронной почты", "Email-адрес", "Primary Email", "Email Address (primary)", "Mail",
      "Adresa e-pošte", "Elektronička pošta" } },
  { "website", TARGET_TEXT,
    { "Website", "Web site", "Web", "URL", "Web stranica", "Web-stranica", "Сайт", "Веб-сайт",
      "Web page", "Homepage", "Internet stranica", "Mrežna stranica", "Адрес сайта" } },
  { "segment", TARGET_CHOICE,
    { "Segment", "Сегмент" } },
  { "status", TARGET_CHOICE,
    { "Status", "Статус" } },
  { "source", TARGET_CHOICE,
    { "Source", "Izvor", "Источник" } },
  { "credit_rating", TARGET_CHOICE,
    { "Credit rating", "Bonitet", "Кредитный рейтинг", "Рейтинг" } },
  { "credit_limit", TARGET_MONEY,
    { "Credit limit", "Kreditni limit", "Limit", "Кредитный лимит", "Лимит" } },
  { "currency", TARGET_CURRENCY,
    { "Currency", "Valuta", "Валюта" } },
  { "payment_terms_days", TARGET_DAYS,
    { "Payment terms", "Rok plaćanja", "Rok plaćanja (dana)", "Dani odgode", "Отсрочка платежа",
      "Отсрочка", "Отсрочка (дней)", "Отсрочка платежа (дней)" } },
  { "manager_id", TARGET_MANAGER,
    { "Manager", "Account manager", "Voditelj", "Voditelj klijenta", "Komercijalist", "Менеджер",
      "Ответственный", "Ответственный менеджер",
      "Основной менеджер", "Основной менеджер покупателя", "Менеджер контрагента", "Salesperson",
      "Sales person", "Sales Representative", "Assigned to", "Assigned User Name", "Assigned user",
      "Odgovorna osoba", "Prodajni predstavnik", "Referent" } },
  { "next_action", TARGET_TEXT,
    { "Next action", "Sljedeći korak", "Следующий шаг" } },
  { "next_action_date", TARGET_DATE,
    { "Next action date", "Datum sljedećeg koraka", "Дата следующего шага" } },
  { "kpp", TARGET_TEXT,
    { "KPP", "КПП", "КПП контрагента", "КПП организации", "КПП покупателя",
      "Код причины постановки на учёт", "Код причины постановки на учет" } },
  { "ogrn", TARGET_TEXT,
    { "OGRN", "OGRNIP", "OGRN/OGRNIP", "ОГРН", "ОГРНИП", "ОГРН/ОГРНИП", "ОГРН (ОГРНИП)",
      "ОГРН контрагента", "Основной государственный регистрационный номер" } },
  { "iban", TARGET_TEXT,
    { "IBAN", "IBAN račun", "IBAN računa", "Broj računa (IBAN)", "Žiro račun", "Žiro-račun",
      "Transakcijski račun", "Bank account (IBAN)", "Account IBAN" } },
  { "bank_name", TARGET_TEXT,
    { "Bank", "Bank name", "Banka", "Naziv banke", "Банк", "Наименование банка", "Банк контрагента" } },
  { "bik", TARGET_TEXT,
    { "BIK", "БИК", "БИК банка" } },
  { "bank_account", TARGET_TEXT,
    { "Settlement account", "Расчётный счёт", "Расчетный счет", "Р/с", "Р/сч", "Номер счёта",
      "Номер счета" } },
  { "corr_account", TARGET_TEXT,
    { "Correspondent account", "Корреспондентский счёт", "Корреспондентский счет", "Корр. счёт",
      "Корр. счет", "К/с", "Кор. счёт", "Кор. счет" } },
  { "notes", TARGET_TEXT,
    { "Notes", "Note", "Comment", "Comments", "Napomena", "Napomene", "Bilješke", "Komentar",
      "Примечание", "Примечания", "Комментарий",
      "Дополнительная информация", "Комментарии", "Internal Notes", "Description", "Note (private)",
      "Private note", "Note (public)", "Opis", "Opaska" } },
};

/* The same columns, in the same order, for kl_import_get_targets(). */
static const char * const target_columns[] = {
  "kind", "name", "legal_form", "tax_id", "country", "city", "address", "postal_code", "phone",
  "email", "website", "segment", "status", "source", "credit_rating", "credit_limit", "currency",
  "payment_terms_days", "manager_id", "next_action", "next_action_date", "kpp", "ogrn", "iban",
  "bank_name", "bik", "bank_account", "corr_account", "notes", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (target_columns) == G_N_ELEMENTS (targets) + 1);

/* The labels of choice values in the three languages, whatever the
 * current locale, so that a file written by a Croatian colleague imports
 * on a Russian desk. The current translation is added at run time. */
typedef struct {
  const char * const *choices;
  const char         *value;
  const char         *names[24];
} ChoiceNames;

static const ChoiceNames choice_names[] = {
  { kl_client_kinds, "company",
    { "Company", "Tvrtka", "Pravna osoba", "Poduzeće", "Компания", "Организация", "Юридическое лицо",
      "ЮЛ", "Юр. лицо", "Юрлицо", "Юр лицо", "Legal entity", "Legal person", "Business",
      "Large company", "Medium company", "Small company", "Governmental", "Startup", "Retailer",
      "Pravna", "Trgovačko društvo", "Obrtnik" } },
  { kl_client_kinds, "person",
    { "Person", "Osoba", "Fizička osoba", "Лицо", "Физическое лицо", "Частное лицо",
      "ФЛ", "Физ. лицо", "Физлицо", "Физ лицо", "Individual", "Private individual", "Private person",
      "Natural person", "Fizička", "Građanin", "Privatna osoba" } },
  { kl_client_statuses, "prospect",
    { "Prospect", "Potencijalni", "Potencijalni klijent", "Потенциальный", "Потенциальный клиент" } },
  { kl_client_statuses, "active", { "Active", "Aktivan", "Активный" } },
  { kl_client_statuses, "key", { "Key", "Ključni", "Ključan", "Ключевой" } },
  { kl_client_statuses, "inactive", { "Inactive", "Neaktivan", "Неактивный" } },
  { kl_client_statuses, "lost", { "Lost", "Izgubljen", "Izgubljeni", "Потерянный", "Потерян" } },
  { kl_client_sources, "exhibition", { "Exhibition", "Sajam", "Izložba", "Выставка" } },
  { kl_client_sources, "referral", { "Referral", "Preporuka", "Рекомендация" } },
  { kl_client_sources, "cold_call", { "Cold call", "Hladni poziv", "Холодный звонок" } },
  { kl_client_sources, "website", { "Website", "Web", "Web stranica", "Internet", "Сайт", "Интернет" } },
  { kl_client_sources, "advert", { "Advert", "Advertisement", "Oglas", "Reklama", "Реклама", "Объявление" } },
  { kl_client_sources, "event", { "Event", "Događaj", "Događanje", "Мероприятие", "Событие" } },
  { kl_client_sources, "other", { "Other", "Ostalo", "Drugo", "Другое", "Прочее" } },
  { kl_credit_ratings, "excellent", { "Excellent", "Odličan", "Izvrstan", "Отличный" } },
  { kl_credit_ratings, "good", { "Good", "Dobar", "Хороший" } },
  { kl_credit_ratings, "fair", { "Fair", "Srednji", "Zadovoljavajući", "Средний", "Удовлетворительный" } },
  { kl_credit_ratings, "poor", { "Poor", "Loš", "Slab", "Плохой", "Низкий" } },
  { kl_credit_ratings, "blocked", { "Blocked", "Blokiran", "Заблокирован", "Заблокированный" } },
};

/* Legal forms that the type column of many exports holds instead of a
 * kind (1C's ИП beside ЮЛ and ФЛ; "obrt" or "d.o.o." in a Croatian
 * sheet): the client is a company, and the form its legal form. */
static const char * const kind_legal_forms[] = {
  "d.o.o.", "j.d.o.o.", "d.d.", "obrt", "k.d.", "j.t.d.", "ООО", "АО", "ПАО", "ЗАО", "ОАО", "ИП",
};

typedef struct {
  const char *code;
  const char *names[8];
} CountryNames;

static const CountryNames country_names[] = {
  { "HR", { "Hrvatska", "Republika Hrvatska", "Croatia", "Republic of Croatia", "Хорватия" } },
  { "RU", { "Rusija", "Ruska Federacija", "Russia", "Russian Federation", "Россия",
            "Российская Федерация", "РФ" } },
  { "SI", { "Slovenija", "Slovenia", "Словения" } },
  { "RS", { "Srbija", "Serbia", "Сербия" } },
  { "BA", { "Bosna i Hercegovina", "BiH", "Bosnia and Herzegovina", "Босния и Герцеговина" } },
  { "DE", { "Njemačka", "Germany", "Германия" } },
  { "AT", { "Austrija", "Austria", "Австрия" } },
  { "IT", { "Italija", "Italy", "Италия" } },
  { "HU", { "Mađarska", "Hungary", "Венгрия" } },
  { "BY", { "Bjelorusija", "Belarus", "Беларусь", "Белоруссия" } },
  { "KZ", { "Kazahstan", "Kazakhstan", "Казахстан" } },
};

typedef struct {
  const char *code;
  const char *names[6];
} CurrencyNames;

static const CurrencyNames currency_names[] = {
  { "EUR", { "€", "euro", "eura", "евро" } },
  { "RUB", { "₽", "руб", "руб.", "рубль", "рублей", "rubalj" } },
  { "USD", { "$", "US$", "dollar", "dolar", "доллар" } },
};

/* Everything one run needs, built at its start. */
typedef struct {
  KlImport      *import;
  KlStore       *store;
  KlEntityClass *client_class;
  const Target **column_targets;  /* per file column, NULL when ignored */
  guint         *column_fields;   /* per file column, the client field index */
  GHashTable    *choices;         /* target column → (folded name → value) */
  GHashTable    *countries;       /* folded name → code */
  GHashTable    *currencies;      /* folded name → code */
  GHashTable    *managers;        /* folded name → gint64 * */
  GHashTable    *tax_ids;         /* folded tax IDs present */
  GHashTable    *file_tax_ids;    /* folded tax ID → the line of this file that has it */
  GHashTable    *kind_forms;      /* folded legal form → the form, for the kind column */
  GHashTable    *names;           /* folded "name\ncity" present */
  guint          n_existing;      /* clients in the database before the run */
  GPtrArray     *pending;         /* valid clients not yet handed to the writer */
  const char    *note;
  guint          tax_id_field;
  guint          country_field;
  guint          currency_field;
  guint          kind_field;
  guint          legal_form_field;
  KlOffice       office;          /* a copy: the preparing thread reads it */

  /* The preparing thread reads the file, converts, checks and prepares
   * the clients (kl_entity_prepare()) and hands them over in batches; the
   * thread that called kl_import_run() writes them: on two cores the
   * writing, most of the time, hides the rest. */
  GThread       *thread;
  GMutex         lock;
  GCond          cond;
  GQueue         batches;         /* GPtrArray of clients, oldest first */
  GQueue         written;         /* the same, once written: the preparing thread frees them */
  guint          batch_size;
  gboolean       read_all;        /* the last batch is in */
  gboolean       stop;            /* the writer gave up */
  gint           permille;        /* of the file read (atomic) */
  KlStoreInsertFlags flags;

  /* The preparing thread's, read once it has ended. */
  guint          added;
  guint          existing;
  GPtrArray     *rejected;
  GError        *csv_error;
} Run;

/* Helpers */

static const Target *
find_target (const char *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    if (g_str_equal (targets[i].column, column))
      return &targets[i];

  return NULL;
}

static KlEntityClass *
client_class (void)
{
  return g_type_class_peek (KL_TYPE_CLIENT) ?: g_type_class_ref (KL_TYPE_CLIENT);
}

/* Trims Unicode white space (also U+00A0 from spreadsheets) in place. */
char *
kl_import_trim (char *text)
{
  char *end;

  while (*text != '\0' && g_unichar_isspace (g_utf8_get_char (text)))
    text = g_utf8_next_char (text);

  end = text + strlen (text);
  while (end > text)
    {
      char *prev = g_utf8_find_prev_char (text, end);

      if (prev == NULL || !g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  *end = '\0';

  return text;
}

/* A header as it is compared: folded, without a trailing ':' or '*'. */
/* A cell written as a formula that gives text, ="01234567896": how many
 * programs keep a spreadsheet from eating leading zeros. The text inside. */
char *
kl_import_unwrap_formula (char *cell)
{
  gsize len = strlen (cell);

  if (len >= 3 && cell[0] == '=' && cell[1] == '"' && cell[len - 1] == '"'
      && memchr (cell + 2, '"', len - 3) == NULL)
    {
      cell[len - 1] = '\0';
      return kl_import_trim (cell + 2);
    }
  return cell;
}

char *
kl_import_fold_header (const char *header)
{
  char *folded = kl_text_fold (header);
  gsize len = strlen (folded);

  while (len > 0 && (folded[len - 1] == ':' || folded[len - 1] == '*' || folded[len - 1] == ' '))
    folded[--len] = '\0';

  return folded;
}

static void
add_name (GHashTable *table,
          const char *name,
          gpointer    value)
{
  char *folded = kl_import_fold_header (name);

  if (*folded == '\0' || g_hash_table_contains (table, folded))
    {
      g_free (folded);
      return;
    }
  g_hash_table_insert (table, folded, value);
}

/* Folded header name → Target. */
static GHashTable *
build_header_table (void)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  KlEntityClass *klass = client_class ();

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      const Target *target = &targets[i];
      const KlField *field = kl_entity_class_find_field (klass, target->column, NULL);

      g_assert (field != NULL && field->label != NULL);
      for (guint j = 0; j < G_N_ELEMENTS (target->names) && target->names[j] != NULL; j++)
        add_name (table, target->names[j], (gpointer) target);
      add_name (table, field->label, (gpointer) target);
      add_name (table, _(field->label), (gpointer) target);
    }

  return table;
}

static const char *
guess_target (GHashTable *header_table,
              const char *header)
{
  g_autofree char *folded = kl_import_fold_header (header);
  const Target *target = g_hash_table_lookup (header_table, folded);

  return target != NULL ? target->column : NULL;
}

static void
set_cell (KlEntity   *client,
          guint       field,
          const char *text)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_static_string (&value, text);
  _kl_entity_set_value (client, field, &value);
}

static void
set_number (KlEntity *client,
            guint     field,
            gint64    number)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, number);
  _kl_entity_set_value (client, field, &value);
}

/* "30", "30 dana", "30 days", "30 дней" */
static gboolean
parse_days (const char *text,
            gint64     *out_days)
{
  const char *p = text;
  gint64 days = 0;

  if (!g_ascii_isdigit (*p))
    return FALSE;

  for (; g_ascii_isdigit (*p); p++)
    {
      days = days * 10 + (*p - '0');
      if (days > G_MAXINT32)
        return FALSE;
    }

  while (*p == ' ')
    p++;
  for (; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isalpha (g_utf8_get_char (p)) && *p != '.')
      return FALSE;

  *out_days = days;
  return TRUE;
}

/* "15.3.2025", "15.03.2025." → "2025-03-15"; anything else is kept for
 * the validation to judge. */
static char *
convert_date (const char *text)
{
  guint day, month, year;
  char end[2] = { 0 };
  int n = sscanf (text, "%2u.%2u.%4u%1s", &day, &month, &year, end);

  if ((n == 3 || (n == 4 && end[0] == '.')) && year >= 1000 && strlen (text) <= 11)
    return g_strdup_printf ("%04u-%02u-%02u", year, month, day);

  return NULL;
}

static gboolean
is_digits (const char *text,
           gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;

  return text[len] == '\0';
}

static gboolean
has_cyrillic (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x0400 && c <= 0x04FF)
        return TRUE;
    }

  return FALSE;
}

/* No country column, or a blank cell: a valid OIB says HR, a valid INN
 * RU; failing that, a Cyrillic name says RU, anything else the office's
 * country. */
static const char *
infer_country (const KlOffice *office,
               const char     *tax_id,
               const char     *name)
{
  if (tax_id != NULL && kl_validate_oib (tax_id, NULL))
    return "HR";
  if (tax_id != NULL && kl_validate_inn (tax_id, NULL))
    return "RU";
  if (name != NULL && has_cyrillic (name))
    return "RU";

  return office->country;
}

/* No currency column, or a blank cell: the office's currency for a client
 * of its country, the currency of Croatia or Russia for theirs, the
 * office's again for any other. */
static const char *
infer_currency (const KlOffice *office,
                const char     *country)
{
  if (g_strcmp0 (country, office->country) == 0)
    return office->currency;
  if (g_strcmp0 (country, "HR") == 0)
    return "EUR";
  if (g_strcmp0 (country, "RU") == 0)
    return "RUB";

  return office->currency;
}

static void
add_rejection (GPtrArray  *rejections,
               guint       line,
               const char *reason)
{
  KlImportRejection *rejection = g_new0 (KlImportRejection, 1);

  rejection->line = line;
  rejection->reason = g_strdup (reason);
  g_ptr_array_add (rejections, rejection);
}

static char *
allowed_labels (const char * const *choices)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    {
      if (i > 0)
        /* Translators: separates the values in “… is not one of: A, B, C.” */
        g_string_append (text, _(", "));
      g_string_append (text, kl_choice_label (choices, choices[i]));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The run */

static const char * const *
choices_of (Run         *run,
            const char  *column)
{
  return kl_entity_class_find_field (run->client_class, column, NULL)->choices;
}

static GHashTable *
build_choice_table (const char * const *choices)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; choices[i] != NULL; i++)
    {
      add_name (table, choices[i], (gpointer) choices[i]);
      add_name (table, kl_choice_label (choices, choices[i]), (gpointer) choices[i]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (choice_names); i++)
    {
      const ChoiceNames *entry = &choice_names[i];
      const char *value = NULL;

      if (entry->choices != choices)
        continue;
      for (guint j = 0; choices[j] != NULL; j++)
        if (g_str_equal (choices[j], entry->value))
          value = choices[j];
      g_assert (value != NULL);

      for (guint j = 0; j < G_N_ELEMENTS (entry->names) && entry->names[j] != NULL; j++)
        add_name (table, entry->names[j], (gpointer) value);
    }

  return table;
}

static gboolean
load_managers (Run     *run,
               GError **error)
{
  KlDatabase *db = kl_session_get_database (run->import->session);
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (db, "SELECT id, name FROM managers ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      char *name = kl_text_fold ((const char *) sqlite3_column_text (stmt, 1));

      /* Two managers of the same name: the first (oldest) wins. */
      if (g_hash_table_contains (run->managers, name))
        g_free (name);
      else
        g_hash_table_insert (run->managers, name, g_memdup2 (&id, sizeof id));
    }

  if (rc != SQLITE_DONE)
    {
      kl_database_set_error (db, error);
      return FALSE;
    }

  return TRUE;
}

static char *
name_key (const char *name,
          const char *city)
{
  g_autofree char *folded_name = kl_text_fold (name);
  g_autofree char *folded_city = kl_text_fold (city);

  return g_strconcat (folded_name, "\n", folded_city, NULL);
}

static gboolean
load_existing (Run     *run,
               GError **error)
{
  KlDatabase *db = kl_session_get_database (run->import->session);
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (db, "SELECT tax_id, name, city FROM clients", error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *tax_id = (const char *) sqlite3_column_text (stmt, 0);

      if (tax_id != NULL && *tax_id != '\0')
        g_hash_table_add (run->tax_ids, kl_text_fold (tax_id));
      run->n_existing++;
      g_hash_table_add (run->names, name_key ((const char *) sqlite3_column_text (stmt, 1),
                                              (const char *) sqlite3_column_text (stmt, 2)));
    }

  if (rc != SQLITE_DONE)
    {
      kl_database_set_error (db, error);
      return FALSE;
    }

  return TRUE;
}

static void
run_init (Run      *run,
          KlImport *import)
{
  run->import = import;
  run->store = kl_session_get_store (import->session, KL_TYPE_CLIENT);
  run->office = *kl_session_get_office (import->session);
  run->note = import->note;
  run->client_class = client_class ();
  run->column_targets = g_new0 (const Target *, import->n_columns);
  run->column_fields = g_new0 (guint, import->n_columns);
  for (guint i = 0; i < import->n_columns; i++)
    {
      if (import->mapping[i] == NULL)
        continue;
      run->column_targets[i] = find_target (import->mapping[i]);
      kl_entity_class_find_field (run->client_class, import->mapping[i], &run->column_fields[i]);
    }
  kl_entity_class_find_field (run->client_class, "tax_id", &run->tax_id_field);
  kl_entity_class_find_field (run->client_class, "country", &run->country_field);
  kl_entity_class_find_field (run->client_class, "currency", &run->currency_field);
  kl_entity_class_find_field (run->client_class, "kind", &run->kind_field);
  kl_entity_class_find_field (run->client_class, "legal_form", &run->legal_form_field);

  run->kind_forms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (kind_legal_forms); i++)
    add_name (run->kind_forms, kind_legal_forms[i], (gpointer) kind_legal_forms[i]);

  run->choices = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_hash_table_unref);
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    if (targets[i].kind == TARGET_CHOICE)
      g_hash_table_insert (run->choices, (gpointer) targets[i].column,
                           build_choice_table (choices_of (run, targets[i].column)));

  run->countries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (country_names); i++)
    for (guint j = 0; j < G_N_ELEMENTS (country_names[i].names) && country_names[i].names[j] != NULL; j++)
      add_name (run->countries, country_names[i].names[j], (gpointer) country_names[i].code);

  run->currencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (currency_names); i++)
    for (guint j = 0; j < G_N_ELEMENTS (currency_names[i].names) && currency_names[i].names[j] != NULL; j++)
      add_name (run->currencies, currency_names[i].names[j], (gpointer) currency_names[i].code);

  run->managers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  run->tax_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->file_tax_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->pending = g_ptr_array_new_full (WRITE_EVERY, g_object_unref);
  run->rejected = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_import_rejection_free);
  g_mutex_init (&run->lock);
  g_cond_init (&run->cond);
  g_queue_init (&run->batches);
  g_queue_init (&run->written);
  run->batch_size = WRITE_FIRST;
}

static void stop_preparing (Run *run);

static void
run_clear (Run *run)
{
  stop_preparing (run);
  g_queue_clear_full (&run->batches, (GDestroyNotify) g_ptr_array_unref);
  g_queue_clear_full (&run->written, (GDestroyNotify) g_ptr_array_unref);
  g_mutex_clear (&run->lock);
  g_cond_clear (&run->cond);
  g_clear_pointer (&run->rejected, g_ptr_array_unref);
  g_clear_error (&run->csv_error);
  g_clear_pointer (&run->column_targets, g_free);
  g_clear_pointer (&run->column_fields, g_free);
  g_clear_pointer (&run->choices, g_hash_table_unref);
  g_clear_pointer (&run->countries, g_hash_table_unref);
  g_clear_pointer (&run->currencies, g_hash_table_unref);
  g_clear_pointer (&run->managers, g_hash_table_unref);
  g_clear_pointer (&run->tax_ids, g_hash_table_unref);
  g_clear_pointer (&run->file_tax_ids, g_hash_table_unref);
  g_clear_pointer (&run->kind_forms, g_hash_table_unref);
  g_clear_pointer (&run->names, g_hash_table_unref);
  g_clear_pointer (&run->pending, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Puts one trimmed, non-empty cell into @client. On a value that cannot
 * be converted, fails with the reason (without the field label). */
static gboolean
convert_cell (Run           *run,
              KlEntity      *client,
              const Target  *target,
              guint          field,
              const char    *cell,
              GError       **error)
{
  switch (target->kind)
    {
    case TARGET_CHOICE:
      {
        GHashTable *table = g_hash_table_lookup (run->choices, target->column);
        g_autofree char *folded = kl_import_fold_header (cell);
        const char *value = g_hash_table_lookup (table, folded);

        if (value == NULL)
          {
            g_autofree char *allowed = allowed_labels (choices_of (run, target->column));

            /* Translators: a value of a choice column of an imported file;
             * the second %s lists the accepted values, e.g. “Prospect, Active”. */
            g_set_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID,
                         _("“%s” is not one of: %s."), cell, allowed);
            return FALSE;
          }
        set_cell (client, field, value);
        return TRUE;
      }

    case TARGET_TAX_ID:
      /* A Croatian VAT ID is "HR" and the OIB. */
      if (g_ascii_strncasecmp (cell, "HR", 2) == 0 && is_digits (cell + 2, 11))
        cell += 2;
      set_cell (client, field, cell);
      return TRUE;

    case TARGET_COUNTRY:
      {
        g_autofree char *folded = kl_import_fold_header (cell);
        const char *code = g_hash_table_lookup (run->countries, folded);

        if (code == NULL && strlen (cell) == 2 && g_ascii_isalpha (cell[0]) && g_ascii_isalpha (cell[1]))
          {
            char upper[3] = { g_ascii_toupper (cell[0]), g_ascii_toupper (cell[1]), '\0' };

            set_cell (client, field, upper);
            return TRUE;
          }
        set_cell (client, field, code != NULL ? code : cell);
        return TRUE;
      }

    case TARGET_CURRENCY:
      {
        g_autofree char *folded = kl_import_fold_header (cell);
        const char *code = g_hash_table_lookup (run->currencies, folded);

        if (code == NULL && strlen (cell) == 3 &&
            g_ascii_isalpha (cell[0]) && g_ascii_isalpha (cell[1]) && g_ascii_isalpha (cell[2]))
          {
            g_autofree char *upper = g_ascii_strup (cell, -1);

            set_cell (client, field, upper);
            return TRUE;
          }
        set_cell (client, field, code != NULL ? code : cell);
        return TRUE;
      }

    case TARGET_MONEY:
      {
        gint64 minor_units;

        if (!kl_parse_money (cell, &minor_units, error))
          return FALSE;
        set_number (client, field, minor_units);
        return TRUE;
      }

    case TARGET_DAYS:
      {
        gint64 days;

        if (!parse_days (cell, &days))
          {
            g_set_error_literal (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID,
                                 _("Enter a whole number of days."));
            return FALSE;
          }
        set_number (client, field, days);
        return TRUE;
      }

    case TARGET_MANAGER:
      {
        g_autofree char *folded = kl_text_fold (cell);
        gint64 *id = g_hash_table_lookup (run->managers, folded);

        if (id == NULL)
          {
            g_set_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID,
                         _("There is no manager called “%s”."), cell);
            return FALSE;
          }
        set_number (client, field, *id);
        return TRUE;
      }

    case TARGET_DATE:
      {
        g_autofree char *iso = convert_date (cell);

        set_cell (client, field, iso != NULL ? iso : cell);
        return TRUE;
      }

    case TARGET_TEXT:
    default:
      set_cell (client, field, cell);
      return TRUE;
    }
}

typedef enum {
  LINE_ADDED,
  LINE_EXISTING,
  LINE_REJECTED,
} LineResult;

/* In the preparing thread. */
static LineResult
import_line (Run        *run,
             char      **fields,
             guint       n_fields,
             guint       line,
             char      **reason)
{
  KlImport *self = run->import;
  g_autoptr(KlEntity) client = g_object_new (KL_TYPE_CLIENT, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key = NULL;
  gboolean by_tax_id;
  gboolean country_given = FALSE;
  gboolean currency_given = FALSE;
  const char *bad_column = NULL;
  const char *kind_form = NULL;
  const char *tax_id;
  gpointer first_line;

  /* More fields than the header has columns: most often a separator inside
   * a name that was not quoted. Importing the rest would lose the extra
   * text without a word; empty trailing fields lose nothing. Fewer fields
   * than columns: the missing trailing ones are empty, as many tools write
   * them. */
  for (guint i = self->n_columns; i < n_fields; i++)
    if (!kl_text_is_blank (fields[i]))
      {
        /* Translators: a rejected line of an import; the counts follow colons so
         * that they need no plural forms. */
        *reason = g_strdup_printf (_("Fields on this line: %1$u; columns in the header: %2$u. Put a field that holds the separator in quotes."),
                                   n_fields, self->n_columns);
        return LINE_REJECTED;
      }

  for (guint i = 0; i < self->n_columns && i < n_fields; i++)
    {
      const Target *target = run->column_targets[i];
      const char *cell;

      if (target == NULL)
        continue;

      cell = kl_import_unwrap_formula (kl_import_trim (fields[i]));
      if (*cell == '\0')
        continue;

      /* "ИП", "obrt", "d.o.o." in the type column: a company of that form. */
      if (run->column_fields[i] == run->kind_field)
        {
          g_autofree char *folded = kl_import_fold_header (cell);

          kind_form = g_hash_table_lookup (run->kind_forms, folded);
          if (kind_form != NULL)
            {
              set_cell (client, run->kind_field, "company");
              continue;
            }
        }

      if (!convert_cell (run, client, target, run->column_fields[i], cell, &local_error))
        {
          const KlField *field = &run->client_class->fields[run->column_fields[i]];

          /* Translators: a rejected line of an import: the field label, then the reason. */
          *reason = g_strdup_printf (_("%s: %s"), _(field->label), local_error->message);
          return LINE_REJECTED;
        }
      country_given |= run->column_fields[i] == run->country_field;
      currency_given |= run->column_fields[i] == run->currency_field;
    }

  if (kind_form != NULL && kl_text_is_blank (kl_entity_get_text (client, "legal_form")))
    set_cell (client, run->legal_form_field, kind_form);

  tax_id = kl_entity_get_text (client, "tax_id");
  if (!country_given)
    set_cell (client, run->country_field, infer_country (&run->office, tax_id, kl_entity_get_text (client, "name")));
  if (!currency_given)
    set_cell (client, run->currency_field, infer_currency (&run->office, kl_entity_get_text (client, "country")));

  by_tax_id = tax_id != NULL && *tax_id != '\0';
  key = by_tax_id ? kl_text_fold (tax_id)
                  : name_key (kl_entity_get_text (client, "name"), kl_entity_get_text (client, "city"));
  if (by_tax_id && g_hash_table_lookup_extended (run->file_tax_ids, key, NULL, &first_line))
    {
      /* Translators: a rejected line of an import; %u is the number of an
       * earlier line of the same file. */
      *reason = g_strdup_printf (_("The same tax ID as line %u: a duplicate of that client, not imported."),
                                 GPOINTER_TO_UINT (first_line));
      return LINE_REJECTED;
    }
  if (g_hash_table_contains (by_tax_id ? run->tax_ids : run->names, key))
    return LINE_EXISTING;

  /* With @bad_column, the rules that span fields also name the field. */
  if (!kl_entity_prepare (client, &bad_column, &local_error))
    {
      *reason = g_strdup (local_error->message);
      return LINE_REJECTED;
    }

  g_ptr_array_add (run->pending, g_object_ref (client));

  if (by_tax_id)
    {
      g_hash_table_insert (run->file_tax_ids, g_strdup (key), GUINT_TO_POINTER (line));
      g_hash_table_add (run->tax_ids, g_steal_pointer (&key));
      g_hash_table_add (run->names, name_key (kl_entity_get_text (client, "name"),
                                              kl_entity_get_text (client, "city")));
    }
  else
    g_hash_table_add (run->names, g_steal_pointer (&key));

  return LINE_ADDED;
}

static gboolean
is_blank_record (char  **fields,
                 guint   n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    if (!kl_text_is_blank (fields[i]))
      return FALSE;

  return TRUE;
}

/* Hands the clients prepared so far to the writer, waiting while it is
 * MAX_QUEUED batches behind; with @last, tells it no more will come.
 * FALSE when the writer gave up. */
static gboolean
hand_over (Run      *run,
           gboolean  last)
{
  GQueue written = G_QUEUE_INIT;
  gboolean go_on;

  g_mutex_lock (&run->lock);
  while (!run->stop && g_queue_get_length (&run->batches) >= MAX_QUEUED)
    g_cond_wait (&run->cond, &run->lock);
  go_on = !run->stop;
  if (go_on && run->pending->len > 0)
    {
      g_queue_push_tail (&run->batches, run->pending);
      run->pending = g_ptr_array_new_full (WRITE_EVERY, g_object_unref);
    }
  run->read_all |= last;
  /* Freeing a batch takes a tenth of writing it: done here, the writer
   * need not. */
  written = run->written;
  g_queue_init (&run->written);
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);

  g_queue_clear_full (&written, (GDestroyNotify) g_ptr_array_unref);
  run->batch_size = MIN (run->batch_size * 2, WRITE_EVERY);

  return go_on;
}

/* The preparing thread: every data line of the file. */
static gpointer
prepare_lines (gpointer data)
{
  Run *run = data;
  KlCsvReader *reader = run->import->reader;
  guint n_records = 0;
  char **fields;
  guint n_fields;
  guint line;

  while (kl_csv_reader_next (reader, &fields, &n_fields, &line, &run->csv_error))
    {
      g_autofree char *reason = NULL;

      if (++n_records % PROGRESS_EVERY == 0)
        g_atomic_int_set (&run->permille, (int) (kl_csv_reader_get_fraction (reader) * 1000));

      if (is_blank_record (fields, n_fields))
        continue;

      switch (import_line (run, fields, n_fields, line, &reason))
        {
        case LINE_ADDED:
          run->added++;
          break;
        case LINE_EXISTING:
          run->existing++;
          break;
        case LINE_REJECTED:
        default:
          add_rejection (run->rejected, line, reason);
          break;
        }

      if (run->pending->len >= run->batch_size && !hand_over (run, FALSE))
        return NULL;
    }

  hand_over (run, TRUE);

  /* Done with them: freed here, not after the commit. */
  g_clear_pointer (&run->tax_ids, g_hash_table_unref);
  g_clear_pointer (&run->file_tax_ids, g_hash_table_unref);
  g_clear_pointer (&run->names, g_hash_table_unref);
  return NULL;
}

/* Tells the preparing thread to stop, and waits for it. */
static void
stop_preparing (Run *run)
{
  if (run->thread == NULL)
    return;

  g_mutex_lock (&run->lock);
  run->stop = TRUE;
  g_cond_broadcast (&run->cond);
  g_mutex_unlock (&run->lock);
  g_thread_join (g_steal_pointer (&run->thread));
}

/* Writes the batches as they come, until the last. */
static gboolean
write_batches (Run                   *run,
               GCancellable          *cancellable,
               KlImportProgressFunc   progress,
               gpointer               progress_data,
               GError               **error)
{
  for (;;)
    {
      GPtrArray *batch;
      gint64 until = g_get_monotonic_time () + PROGRESS_INTERVAL;
      gboolean written;
      gboolean done;

      g_mutex_lock (&run->lock);
      while (g_queue_is_empty (&run->batches) && !run->read_all &&
             g_cond_wait_until (&run->cond, &run->lock, until))
        ;
      batch = g_queue_pop_head (&run->batches);
      done = batch == NULL && run->read_all;
      g_cond_broadcast (&run->cond);
      g_mutex_unlock (&run->lock);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_clear_pointer (&batch, g_ptr_array_unref);
          return FALSE;
        }
      if (progress != NULL && !done)
        progress (g_atomic_int_get (&run->permille) / 1000.0, progress_data);

      if (batch == NULL)
        {
          if (done)
            return TRUE;
          continue;
        }

      written = kl_store_insert_many_full (run->store, (KlEntity **) batch->pdata, batch->len, run->note,
                                           run->flags, error);
      g_mutex_lock (&run->lock);
      g_queue_push_tail (&run->written, batch);
      g_mutex_unlock (&run->lock);
      if (!written)
        return FALSE;
    }
}

/* About how many lines @contents holds. */
static guint
count_lines (GBytes *contents)
{
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);
  const char *end = data + size;
  guint n = 1;

  for (const char *p = data; (p = memchr (p, '\n', end - p)) != NULL; p++)
    n++;

  return n;
}

/* Reads the header record; the reader is left at the first data record. */
static gboolean
read_header (KlImport  *self,
             GError   **error)
{
  char **fields = NULL;
  guint n_fields = 0;
  g_autoptr(GError) local_error = NULL;

  kl_csv_reader_rewind (self->reader);
  do
    {
      if (!kl_csv_reader_next (self->reader, &fields, &n_fields, NULL, &local_error))
        {
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          else
            g_set_error_literal (error, KL_CSV_ERROR, KL_CSV_ERROR_EMPTY,
                                 _("The file holds no data."));
          return FALSE;
        }
    }
  while (is_blank_record (fields, n_fields));

  if (self->headers == NULL)
    {
      self->headers = g_new0 (char *, n_fields + 1);
      for (guint i = 0; i < n_fields; i++)
        self->headers[i] = g_strdup (kl_import_trim (fields[i]));
      self->n_columns = n_fields;
    }

  return TRUE;
}

/* Overrides */

static void
kl_import_finalize (GObject *object)
{
  KlImport *self = (KlImport *)object;

  g_clear_object (&self->session);
  g_clear_pointer (&self->reader, kl_csv_reader_free);
  g_clear_pointer (&self->headers, g_strfreev);
  g_clear_pointer (&self->mapping, g_free);
  g_clear_pointer (&self->note, g_free);

  G_OBJECT_CLASS (kl_import_parent_class)->finalize (object);
}

static void
kl_import_class_init (KlImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kl_import_finalize;

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    g_assert (g_str_equal (target_columns[i], targets[i].column));
}

static void
kl_import_init (KlImport *self)
{
}

/* Public API */

void
kl_import_rejection_free (KlImportRejection *rejection)
{
  if (rejection == NULL)
    return;

  g_free (rejection->reason);
  g_free (rejection);
}

/**
 * kl_import_new_for_kind:
 * @kind: what the file's lines are: clients or the price list's products
 * @encoding: (nullable): "UTF-8", "WINDOWS-1250", … or %NULL to detect
 * @separator: ';', ',', '\t', … or 0 to detect
 *
 * Reads @contents and maps its header to the columns of @kind
 * (kl_import_list_targets()). Fails when the file cannot be decoded, is
 * empty, or its first line names no known column
 * (%KL_IMPORT_ERROR_NO_HEADER). A header without a column it needs (the
 * client's name; the product's code and name) is accepted here (a wizard
 * may let the user pick it); kl_import_run() then fails with
 * %KL_IMPORT_ERROR_NO_NAME.
 */
KlImport *
kl_import_new_for_kind (KlSession    *session,
                        KlImportKind  kind,
                        GBytes       *contents,
                        const char   *encoding,
                        gunichar      separator,
                        GError      **error)
{
  g_autoptr(KlImport) self = NULL;
  g_autoptr(GHashTable) header_table = NULL;
  gboolean any = FALSE;

  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (kind == KL_IMPORT_KIND_CLIENTS || kind == KL_IMPORT_KIND_PRODUCTS, NULL);
  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (KL_TYPE_IMPORT, NULL);
  self->session = g_object_ref (session);
  self->kind = kind;
  self->note = g_strdup ("import");
  self->n_lines = count_lines (contents);
  self->reader = kl_csv_reader_new (contents, encoding, separator, error);
  if (self->reader == NULL || !read_header (self, error))
    return NULL;

  if (kind == KL_IMPORT_KIND_CLIENTS)
    header_table = build_header_table ();
  self->mapping = g_new0 (const char *, self->n_columns);
  for (guint i = 0; i < self->n_columns; i++)
    {
      const char *target = kind == KL_IMPORT_KIND_CLIENTS ? guess_target (header_table, self->headers[i])
                                                          : kl_price_list_import_guess_target (self->headers[i]);
      gboolean taken = FALSE;

      /* The first of two columns with the same meaning wins. */
      for (guint j = 0; target != NULL && j < i; j++)
        taken |= g_strcmp0 (self->mapping[j], target) == 0;
      if (target != NULL && !taken)
        {
          self->mapping[i] = target;
          any = TRUE;
        }
    }

  if (!any)
    {
      g_set_error_literal (error, KL_IMPORT_ERROR, KL_IMPORT_ERROR_NO_HEADER,
                           kind == KL_IMPORT_KIND_CLIENTS
                           ? _("The first line does not name any known column. It should hold "
                               "headings such as Name, Tax ID, City (or Naziv, OIB, Grad).")
                           : _("The first line must name at least the code and the name of each product: "
                               "Code and Name (or Šifra and Naziv, Код and Наименование)."));
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * kl_import_new_from_bytes:
 *
 * A client import: kl_import_new_for_kind() with %KL_IMPORT_KIND_CLIENTS.
 */
KlImport *
kl_import_new_from_bytes (KlSession   *session,
                          GBytes      *contents,
                          const char  *encoding,
                          gunichar     separator,
                          GError     **error)
{
  return kl_import_new_for_kind (session, KL_IMPORT_KIND_CLIENTS, contents, encoding, separator, error);
}

KlImport *
kl_import_new_from_file (KlSession     *session,
                         GFile         *file,
                         const char    *encoding,
                         gunichar       separator,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *name = NULL;
  KlImport *self;

  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  contents = g_file_load_bytes (file, cancellable, NULL, error);
  if (contents == NULL)
    return NULL;

  self = kl_import_new_from_bytes (session, contents, encoding, separator, error);
  name = g_file_get_basename (file);
  if (self != NULL && name != NULL && g_utf8_validate (name, -1, NULL))
    {
      g_free (self->note);
      self->note = g_strconcat ("import: ", name, NULL);
    }

  return self;
}

KlImportKind
kl_import_get_kind (KlImport *self)
{
  g_return_val_if_fail (KL_IS_IMPORT (self), KL_IMPORT_KIND_CLIENTS);

  return self->kind;
}

/* The encoding of the file as detected (or given), e.g. "WINDOWS-1250". */
const char *
kl_import_get_encoding (KlImport *self)
{
  g_return_val_if_fail (KL_IS_IMPORT (self), NULL);

  return kl_csv_reader_get_encoding (self->reader);
}

gunichar
kl_import_get_separator (KlImport *self)
{
  g_return_val_if_fail (KL_IS_IMPORT (self), 0);

  return kl_csv_reader_get_separator (self->reader);
}

guint
kl_import_get_n_columns (KlImport *self)
{
  g_return_val_if_fail (KL_IS_IMPORT (self), 0);

  return self->n_columns;
}

/* The column's header as the file has it (trimmed). */
const char *
kl_import_get_header (KlImport *self,
                      guint     column)
{
  g_return_val_if_fail (KL_IS_IMPORT (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  return self->headers[column];
}

/* Returns: (nullable): the target of @column (one of
 *   kl_import_get_targets()), or %NULL when the column is ignored. */
const char *
kl_import_get_mapping (KlImport *self,
                       guint     column)
{
  g_return_val_if_fail (KL_IS_IMPORT (self), NULL);
  g_return_val_if_fail (column < self->n_columns, NULL);

  return self->mapping[column];
}

/* A column no field is mapped to, that has a heading (a trailing
 * separator makes a column with neither heading nor data). */
static gboolean
is_ignored (KlImport *self,
            guint     column)
{
  return self->mapping[column] == NULL && !kl_text_is_blank (self->headers[column]);
}

/**
 * kl_import_describe_ignored:
 *
 * The headings of the columns no field is mapped to, separated by commas
 * (columns without a heading are left out); %NULL when every column is
 * imported.
 *
 * Returns: (transfer full) (nullable): the list
 */
char *
kl_import_describe_ignored (KlImport *self)
{
  g_autoptr(GString) list = NULL;

  g_return_val_if_fail (KL_IS_IMPORT (self), NULL);

  for (guint i = 0; i < self->n_columns; i++)
    {
      if (!is_ignored (self, i))
        continue;
      if (list == NULL)
        list = g_string_new (NULL);
      else
        /* Translators: between the headings of columns in a list */
        g_string_append (list, _(", "));
      g_string_append (list, self->headers[i]);
    }

  return list != NULL ? g_string_free (g_steal_pointer (&list), FALSE) : NULL;
}

/**
 * kl_import_count_ignored:
 *
 * Returns: how many columns kl_import_describe_ignored() lists
 */
guint
kl_import_count_ignored (KlImport *self)
{
  guint n = 0;

  g_return_val_if_fail (KL_IS_IMPORT (self), 0);

  for (guint i = 0; i < self->n_columns; i++)
    n += is_ignored (self, i);
  return n;
}

/**
 * kl_import_set_mapping:
 * @target: (nullable): one of kl_import_list_targets(), or %NULL to
 *   ignore the column
 *
 * A target feeds from one column only: another column mapped to @target
 * is ignored from now on.
 */
void
kl_import_set_mapping (KlImport   *self,
                       guint       column,
                       const char *target)
{
  const char * const *targets_of_kind;
  const char *found = NULL;

  g_return_if_fail (KL_IS_IMPORT (self));
  g_return_if_fail (column < self->n_columns);

  targets_of_kind = kl_import_list_targets (self);
  for (guint i = 0; target != NULL && found == NULL && targets_of_kind[i] != NULL; i++)
    if (g_str_equal (targets_of_kind[i], target))
      found = targets_of_kind[i];
  g_return_if_fail (target == NULL || found != NULL);

  if (found != NULL)
    for (guint i = 0; i < self->n_columns; i++)
      if (g_strcmp0 (self->mapping[i], found) == 0)
        self->mapping[i] = NULL;

  self->mapping[column] = found;
}

/**
 * kl_import_preview:
 *
 * Returns: (transfer full) (element-type GStrv): up to @max_rows records
 *   after the header, as read (not trimmed), for a wizard to show
 */
GPtrArray *
kl_import_preview (KlImport  *self,
                   guint      max_rows,
                   GError   **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  char **fields;

  g_return_val_if_fail (KL_IS_IMPORT (self), NULL);

  if (!read_header (self, error))
    return NULL;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  while (rows->len < max_rows &&
         kl_csv_reader_next (self->reader, &fields, NULL, NULL, error))
    g_ptr_array_add (rows, g_strdupv (fields));

  if (error != NULL && *error != NULL)
    return NULL;

  return g_steal_pointer (&rows);
}

/* Whether a column is mapped to the client's name, which every client
 * needs; KL_IMPORT_ERROR_NO_NAME otherwise. */
static gboolean
has_client_name (KlImport  *self,
                 GError   **error)
{
  for (guint i = 0; i < self->n_columns; i++)
    if (g_strcmp0 (self->mapping[i], "name") == 0)
      return TRUE;

  g_set_error_literal (error, KL_IMPORT_ERROR, KL_IMPORT_ERROR_NO_NAME,
                       _("No column holds the client’s name. The first line should name "
                         "it, e.g. Name, Naziv or Наименование."));
  return FALSE;
}

/**
 * kl_import_run:
 * @cancellable: (nullable): stops the run; nothing is then imported
 * @progress: (nullable): called as batches are written, and at least
 *   every 100 ms
 * @n_added: (out) (optional): clients (products) added
 * @n_skipped_existing: (out) (optional): lines whose client is already in
 *   the database (same tax ID, or without one the same name and city), or
 *   earlier in the file; in the price list, products whose code was
 *   there, updated
 * @rejections: (out) (optional) (transfer full) (element-type KlImportRejection):
 *   the lines not imported, in file order
 *
 * The products of a price list: kl_price_list_import_read(), all lines
 * checked first, then the valid ones written in one transaction. Clients:
 *
 * Imports every data line: valid lines go in, in one transaction, each
 * with one audit row (action 'insert', no field, new value "import: " and
 * the file's name, or "import" for bytes); invalid lines are listed and
 * skipped. The client store emits one "changed" (%KL_STORE_BATCH) at the
 * end. A quoted field that is never closed ends the file there: it is
 * listed as a rejection with line 0 and the reader's message.
 *
 * A file of LARGE_IMPORT lines or more leaves its clients out of the
 * search index (searching finds them meanwhile, more slowly): call
 * kl_search_update_index() or kl_session_update_search_index_async()
 * after. If it also more than doubles the clients, the indexes only the
 * client list reads are dropped; the list makes them again as it needs
 * them.
 *
 * The lines are read and checked in a thread of its own; the clients are
 * written from the calling thread.
 *
 * Returns: %FALSE with @error set when nothing could be imported: no
 *   name column, a database error (locked, read-only, disk full…) or
 *   cancellation. Then nothing is written and the out values are unset.
 */
gboolean
kl_import_run (KlImport              *self,
               GCancellable          *cancellable,
               KlImportProgressFunc   progress,
               gpointer               progress_data,
               guint                 *n_added,
               guint                 *n_skipped_existing,
               GPtrArray            **rejections,
               GError               **error)
{
  g_auto(Run) run = { 0 };
  KlDatabase *db;
  gboolean large;
  g_auto(KlBulk) bulk = { 0 };
  gboolean written;
  gboolean ok = FALSE;

  g_return_val_if_fail (KL_IS_IMPORT (self), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->kind == KL_IMPORT_KIND_PRODUCTS)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error) || !read_header (self, error)
          || !kl_price_list_import_read (self->session, self->reader, self->mapping, self->n_columns, 0, TRUE,
                                         n_added, n_skipped_existing, rejections, error))
        return FALSE;
      if (progress != NULL)
        progress (1.0, progress_data);
      return TRUE;
    }

  if (!has_client_name (self, error))
    return FALSE;

  if (!read_header (self, error))
    return FALSE;

  run_init (&run, self);
  db = kl_session_get_database (self->session);
  large = self->n_lines >= LARGE_IMPORT;

  /* A large import into a client base that has clients: a copy first. */
  if (large && kl_database_query_int (db, "SELECT EXISTS (SELECT 1 FROM clients)", NULL) > 0)
    {
      g_autofree char *backup = kl_backup_automatic (kl_database_get_path (db), KL_BACKUP_REASON_IMPORT,
                                                     NULL, error);

      if (backup == NULL)
        {
          g_prefix_error (error, _("Nothing was imported: the database could not be backed up first. "));
          return FALSE;
        }
    }
  run.flags = KL_STORE_INSERT_PREPARED | (large ? KL_STORE_INSERT_DEFER_SEARCH : 0);

  kl_bulk_begin (&bulk, db, KL_BULK_BIG_CACHE);

  /* All or nothing (a failed write rolls everything back), so the writes
   * nested in it need no savepoints: a savepoint copies every page a batch
   * touches to its journal first, and a batch touches most pages of the
   * clients' indexes. */
  kl_store_begin_batch (run.store);
  if (sqlite3_get_autocommit (kl_database_get_handle (db))
      ? !kl_database_begin_bulk (db, error) : !kl_database_begin (db, error))
    goto out;

  if (!load_managers (&run, error) || !load_existing (&run, error))
    goto rollback;

  if (large && self->n_lines > run.n_existing &&
      !kl_bulk_drop_optional_indexes (db, error))
    goto rollback;

  /* As kl_store_insert_many_full() would for each batch: the clients
   * were checked as the CHECK constraints do. Once for the whole run, the
   * statements are not compiled again for each batch. */
  {
    KlBulk checks = { 0 };

    kl_bulk_begin (&checks, db, KL_BULK_NO_CHECKS);
    run.thread = g_thread_new ("kl-import", prepare_lines, &run);
    written = write_batches (&run, cancellable, progress, progress_data, error);
    stop_preparing (&run);
    kl_bulk_end (&checks);
  }
  if (!written)
    goto rollback;

  /* An unclosed quote: its message names the line. */
  if (run.csv_error != NULL)
    add_rejection (run.rejected, 0, run.csv_error->message);

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !kl_database_commit (db, error))
    goto rollback;

  ok = TRUE;
  if (progress != NULL)
    progress (1.0, progress_data);
  goto out;

rollback:
  stop_preparing (&run);
  kl_database_rollback (db);
out:
  kl_store_end_batch (run.store);
  kl_bulk_end (&bulk);

  if (!ok)
    {
      if (error != NULL && !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_prefix_error (error, _("Nothing was imported: "));
      return FALSE;
    }

  if (n_added != NULL)
    *n_added = run.added;
  if (n_skipped_existing != NULL)
    *n_skipped_existing = run.existing;
  if (rejections != NULL)
    *rejections = g_steal_pointer (&run.rejected);

  return TRUE;
}

const char * const *
kl_import_get_targets (void)
{
  return target_columns;
}

/**
 * kl_import_list_targets:
 *
 * Returns: the columns of its kind a file column can be mapped to,
 *   NULL-terminated: kl_import_get_targets() for clients,
 *   kl_price_list_import_get_targets() for products
 */
const char * const *
kl_import_list_targets (KlImport *self)
{
  g_return_val_if_fail (KL_IS_IMPORT (self), NULL);

  return self->kind == KL_IMPORT_KIND_PRODUCTS ? kl_price_list_import_get_targets () : target_columns;
}

/* Returns: the translated label of @target, one of kl_import_list_targets() */
const char *
kl_import_describe_target (KlImport   *self,
                           const char *target)
{
  g_return_val_if_fail (KL_IS_IMPORT (self), NULL);

  return self->kind == KL_IMPORT_KIND_PRODUCTS ? kl_price_list_import_get_target_label (target)
                                               : kl_import_get_target_label (target);
}

/**
 * kl_import_check_first:
 * @max_records: how many data records to check
 *
 * What kl_import_run() would say of the first @max_records records, with
 * the mapping as it is, without writing anything: for a wizard's preview.
 * Clients already in the database are not looked for here.
 *
 * Returns: (transfer full) (element-type KlImportRejection): the lines
 *   that would be rejected, in file order; NULL with @error set when a
 *   column the kind needs is not mapped (KL_IMPORT_ERROR_NO_NAME) or the
 *   file cannot be read
 */
GPtrArray *
kl_import_check_first (KlImport  *self,
                       guint      max_records,
                       GError   **error)
{
  g_auto(Run) run = { 0 };
  GPtrArray *rejections = NULL;
  char **fields;
  guint n_fields, line, n_records = 0;

  g_return_val_if_fail (KL_IS_IMPORT (self), NULL);

  if (!read_header (self, error))
    return NULL;
  if (self->kind == KL_IMPORT_KIND_PRODUCTS)
    return kl_price_list_import_read (self->session, self->reader, self->mapping, self->n_columns,
                                      max_records, FALSE, NULL, NULL, &rejections, error)
           ? rejections : NULL;

  if (!has_client_name (self, error))
    return NULL;

  run_init (&run, self);
  if (!load_managers (&run, error))
    return NULL;
  while (n_records < max_records
         && kl_csv_reader_next (self->reader, &fields, &n_fields, &line, &run.csv_error))
    {
      g_autofree char *reason = NULL;

      if (is_blank_record (fields, n_fields))
        continue;
      n_records++;
      if (import_line (&run, fields, n_fields, line, &reason) == LINE_REJECTED)
        add_rejection (run.rejected, line, reason);
    }
  if (run.csv_error != NULL)
    add_rejection (run.rejected, 0, run.csv_error->message);

  return g_steal_pointer (&run.rejected);
}

const char *
kl_import_get_target_label (const char *target)
{
  const KlField *field;

  g_return_val_if_fail (target != NULL && find_target (target) != NULL, NULL);

  field = kl_entity_class_find_field (client_class (), target, NULL);
  return _(field->label);
}
