/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-debtor-list.h"

#include <string.h>

#include "kl-entities.h"
#include "kl-receivables-private.h"

typedef struct {
  gint64  client_id;
  char   *name;
  char   *sort_key;
  char   *last_reminder;
  char   *oldest_due;
  KlAgeing ageing;
} DebtorRow;

struct _KlDebtor
{
  GObject  parent_instance;

  DebtorRow row;
};

struct _KlDebtorList
{
  GObject       parent_instance;

  KlSession    *session;
  char         *currency;
  char         *today;          /* NULL: the real today, read at each load */
  KlDebtorSort  sort;
  gboolean      descending;

  GArray       *rows;           /* DebtorRow, as read, their text in strings */
  GStringChunk *strings;
  guint        *order;          /* positions → indexes of rows */
  GPtrArray    *items;          /* indexes of rows → KlDebtor, made when asked */
  guint         loads;
};

static void kl_debtor_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE (KlDebtor, kl_debtor, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE_WITH_CODE (KlDebtorList, kl_debtor_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      kl_debtor_list_model_init))

static void
debtor_row_clear (DebtorRow *row)
{
  g_free (row->name);
  g_free (row->sort_key);
  g_free (row->last_reminder);
  g_free (row->oldest_due);
}

static void
debtor_row_copy (const DebtorRow *from,
                 DebtorRow       *to)
{
  *to = *from;
  to->name = g_strdup (from->name);
  to->sort_key = g_strdup (from->sort_key);
  to->last_reminder = g_strdup (from->last_reminder);
  to->oldest_due = g_strdup (from->oldest_due);
}

/* The list makes its KlDebtor objects only when asked: most slots are empty. */
static void
unref_if_made (gpointer debtor)
{
  if (debtor != NULL)
    g_object_unref (debtor);
}

/* KlDebtor */

static void
kl_debtor_finalize (GObject *object)
{
  debtor_row_clear (&KL_DEBTOR (object)->row);

  G_OBJECT_CLASS (kl_debtor_parent_class)->finalize (object);
}

static void
kl_debtor_class_init (KlDebtorClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kl_debtor_finalize;
}

static void
kl_debtor_init (KlDebtor *self)
{
}

gint64
kl_debtor_get_client_id (KlDebtor *self)
{
  g_return_val_if_fail (KL_IS_DEBTOR (self), 0);
  return self->row.client_id;
}

const char *
kl_debtor_get_name (KlDebtor *self)
{
  g_return_val_if_fail (KL_IS_DEBTOR (self), NULL);
  return self->row.name;
}

const char *
kl_debtor_get_currency (KlDebtor *self)
{
  g_return_val_if_fail (KL_IS_DEBTOR (self), NULL);
  return self->row.ageing.currency;
}

gint64
kl_debtor_get_bucket (KlDebtor       *self,
                      KlAgeingBucket  bucket)
{
  g_return_val_if_fail (KL_IS_DEBTOR (self), 0);
  g_return_val_if_fail (bucket < KL_AGEING_N_BUCKETS, 0);
  return self->row.ageing.buckets[bucket];
}

gint64
kl_debtor_get_balance (KlDebtor *self)
{
  g_return_val_if_fail (KL_IS_DEBTOR (self), 0);
  return self->row.ageing.balance;
}

gint64
kl_debtor_get_overdue (KlDebtor *self)
{
  g_return_val_if_fail (KL_IS_DEBTOR (self), 0);
  return self->row.ageing.overdue;
}

guint
kl_debtor_get_n_invoices (KlDebtor *self)
{
  g_return_val_if_fail (KL_IS_DEBTOR (self), 0);
  return self->row.ageing.n_invoices;
}

const char *
kl_debtor_get_oldest_due (KlDebtor *self)
{
  g_return_val_if_fail (KL_IS_DEBTOR (self), NULL);
  return self->row.oldest_due;
}

const char *
kl_debtor_get_last_reminder (KlDebtor *self)
{
  g_return_val_if_fail (KL_IS_DEBTOR (self), NULL);
  return self->row.last_reminder;
}

/* KlDebtorList: helpers */

static int
compare_gint64 (gint64 a,
                gint64 b)
{
  return (a > b) - (a < b);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  KlDebtorList *self = user_data;
  const DebtorRow *x = &g_array_index (self->rows, DebtorRow, *(const guint *) a);
  const DebtorRow *y = &g_array_index (self->rows, DebtorRow, *(const guint *) b);
  int result = 0;

  switch (self->sort)
    {
    case KL_DEBTOR_SORT_OVERDUE:
      result = compare_gint64 (x->ageing.overdue, y->ageing.overdue);
      break;
    case KL_DEBTOR_SORT_NAME:
      break;
    case KL_DEBTOR_SORT_BALANCE:
      result = compare_gint64 (x->ageing.balance, y->ageing.balance);
      break;
    case KL_DEBTOR_SORT_NOT_DUE:
    case KL_DEBTOR_SORT_1_30:
    case KL_DEBTOR_SORT_31_60:
    case KL_DEBTOR_SORT_61_90:
    case KL_DEBTOR_SORT_OVER_90:
      {
        guint bucket = KL_AGEING_NOT_DUE + (self->sort - KL_DEBTOR_SORT_NOT_DUE);

        result = compare_gint64 (x->ageing.buckets[bucket], y->ageing.buckets[bucket]);
      }
      break;
    case KL_DEBTOR_SORT_OLDEST_DUE:
      result = g_strcmp0 (x->oldest_due, y->oldest_due);
      break;
    case KL_DEBTOR_SORT_LAST_REMINDER:
      /* Never reminded sorts before any date. */
      result = g_strcmp0 (x->last_reminder, y->last_reminder);
      break;
    default:
      g_assert_not_reached ();
    }

  if (self->descending)
    result = -result;
  /* Ties, and the name column itself, by name, then by row. */
  if (result == 0)
    {
      result = g_strcmp0 (x->sort_key, y->sort_key);
      if (self->sort == KL_DEBTOR_SORT_NAME && self->descending)
        result = -result;
    }
  if (result == 0)
    result = compare_gint64 (x->client_id, y->client_id);
  return result;
}

static void
sort_rows (KlDebtorList *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    self->order[i] = i;
  g_qsort_with_data (self->order, self->rows->len, sizeof (guint), compare_rows, self);
}

/* The rows' text lives in one string chunk per reading, not one
 * allocation per value; a KlDebtor copies its own. */
static char *
chunk_text (KlDebtorList *self,
            sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? g_string_chunk_insert_len (self->strings, text, sqlite3_column_bytes (stmt, column))
                      : NULL;
}

static void
read_rows (KlDebtorList *self,
           sqlite3_stmt *stmt)
{
  KlDatabase *database = kl_session_get_database (self->session);
  g_autoptr(GError) error = NULL;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DebtorRow row = { 0 };

      row.client_id = sqlite3_column_int64 (stmt, 0);
      row.name = chunk_text (self, stmt, 1);
      row.sort_key = chunk_text (self, stmt, 2);
      row.last_reminder = chunk_text (self, stmt, 3);
      row.oldest_due = chunk_text (self, stmt, 4);
      g_strlcpy (row.ageing.currency, self->currency, sizeof row.ageing.currency);
      _kl_receivables_read_ageing (stmt, 5, &row.ageing);
      g_array_append_val (self->rows, row);
    }
  if (rc != SQLITE_DONE)
    {
      kl_database_set_error (database, &error);
      g_warning ("Cannot read the debtors: %s", error->message);
    }
}

/* From the open invoices themselves, grouped by client: when the
 * receivables table cannot be brought to the day (a read-only database). */
static void
load_from_invoices (KlDebtorList *self)
{
  static const char sql[] =
    "SELECT i.client_id, c.name, c.sort_key, c.last_reminder_at, min(i.due_date),"
    KL_RECEIVABLES_BUCKET_SUMS
    " FROM invoices i CROSS JOIN clients c"
    " WHERE i.currency = ?5 AND " KL_RECEIVABLES_OPEN " AND c.id = i.client_id"
    " GROUP BY i.client_id"
    " HAVING min(i.due_date) < ?1";
  g_autoptr(KlCachedStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  stmt = kl_database_prepare (kl_session_get_database (self->session), sql, &error);
  if (stmt == NULL || !_kl_receivables_bind_buckets (stmt, self->today))
    {
      g_warning ("Cannot read the debtors: %s", error != NULL ? error->message : self->today);
      return;
    }
  sqlite3_bind_text (stmt, 5, self->currency, -1, SQLITE_STATIC);
  read_rows (self, stmt);
}

/* The clients owing something past due: one range of the receivables
 * table's primary key (currency, oldest_due), its buckets first brought
 * to the day. */
static void
load (KlDebtorList *self)
{
  static const char sql[] =
    "SELECT client_id, name, sort_key, last_reminder_at, oldest_due,"
    " not_due, d1_30, d31_60, d61_90, over_90, n_invoices"
    " FROM receivables WHERE currency = ?1 AND oldest_due < ?2";
  KlDatabase *database = kl_session_get_database (self->session);
  g_autofree char *real_today = NULL;
  const char *today = self->today;
  g_autoptr(KlCachedStmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  self->loads++;
  if (today == NULL)
    today = real_today = kl_database_today ();
  if (!_kl_receivables_catch_up (database, today, &error))
    {
      g_debug ("Debtors from the invoices: %s", error->message);
      load_from_invoices (self);
      return;
    }

  stmt = kl_database_prepare (database, sql, &error);
  if (stmt == NULL)
    {
      g_warning ("Cannot read the debtors: %s", error->message);
      return;
    }
  sqlite3_bind_text (stmt, 1, self->currency, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_STATIC);
  read_rows (self, stmt);
}

static void
reload (KlDebtorList *self)
{
  guint removed = self->rows->len;

  g_ptr_array_set_size (self->items, 0);
  g_array_set_size (self->rows, 0);
  g_string_chunk_clear (self->strings);
  if (self->currency != NULL)
    load (self);
  g_free (self->order);
  self->order = g_new (guint, MAX (self->rows->len, 1));
  sort_rows (self);
  g_ptr_array_set_size (self->items, self->rows->len);

  if (removed > 0 || self->rows->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->rows->len);
}

static void
on_store_changed_cb (KlDebtorList *self)
{
  reload (self);
}

/* GListModel */

static GType
kl_debtor_list_get_item_type (GListModel *model)
{
  return KL_TYPE_DEBTOR;
}

static guint
kl_debtor_list_get_n_items (GListModel *model)
{
  return KL_DEBTOR_LIST (model)->rows->len;
}

static gpointer
kl_debtor_list_get_item (GListModel *model,
                         guint       position)
{
  KlDebtorList *self = KL_DEBTOR_LIST (model);
  guint index;
  KlDebtor *debtor;

  if (position >= self->rows->len)
    return NULL;

  index = self->order[position];
  debtor = g_ptr_array_index (self->items, index);
  if (debtor == NULL)
    {
      debtor = g_object_new (KL_TYPE_DEBTOR, NULL);
      debtor_row_copy (&g_array_index (self->rows, DebtorRow, index), &debtor->row);
      g_ptr_array_index (self->items, index) = debtor;
    }

  return g_object_ref (debtor);
}

static void
kl_debtor_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = kl_debtor_list_get_item_type;
  iface->get_n_items = kl_debtor_list_get_n_items;
  iface->get_item = kl_debtor_list_get_item;
}

/* Overrides */

static void
kl_debtor_list_dispose (GObject *object)
{
  KlDebtorList *self = KL_DEBTOR_LIST (object);

  g_clear_object (&self->session);
  g_ptr_array_set_size (self->items, 0);

  G_OBJECT_CLASS (kl_debtor_list_parent_class)->dispose (object);
}

static void
kl_debtor_list_finalize (GObject *object)
{
  KlDebtorList *self = KL_DEBTOR_LIST (object);

  g_array_unref (self->rows);
  g_string_chunk_free (self->strings);
  g_ptr_array_unref (self->items);
  g_free (self->order);
  g_free (self->currency);
  g_free (self->today);

  G_OBJECT_CLASS (kl_debtor_list_parent_class)->finalize (object);
}

static void
kl_debtor_list_class_init (KlDebtorListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kl_debtor_list_dispose;
  object_class->finalize = kl_debtor_list_finalize;
}

static void
kl_debtor_list_init (KlDebtorList *self)
{
  self->rows = g_array_new (FALSE, TRUE, sizeof (DebtorRow));
  self->strings = g_string_chunk_new (65536);
  self->items = g_ptr_array_new_with_free_func (unref_if_made);
  self->order = g_new (guint, 1);
  self->sort = KL_DEBTOR_SORT_OVERDUE;
  self->descending = TRUE;
}

/* Public API */

/**
 * kl_debtor_list_new:
 * @currency: (nullable): ISO 4217 code; NULL for an empty list
 * @today: (nullable): "YYYY-MM-DD", NULL for the real today
 *
 * Returns: (transfer full): the debtors in @currency, by overdue amount,
 *   largest first
 */
KlDebtorList *
kl_debtor_list_new (KlSession  *session,
                    const char *currency,
                    const char *today)
{
  KlDebtorList *self;
  GType types[] = { KL_TYPE_INVOICE, KL_TYPE_PAYMENT, KL_TYPE_CLIENT, KL_TYPE_ACTIVITY };

  g_return_val_if_fail (KL_IS_SESSION (session), NULL);

  self = g_object_new (KL_TYPE_DEBTOR_LIST, NULL);
  self->session = g_object_ref (session);
  self->currency = g_strdup (currency);
  self->today = g_strdup (today);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    g_signal_connect_object (kl_session_get_store (session, types[i]), "changed",
                             G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);
  reload (self);

  return self;
}

void
kl_debtor_list_set_currency (KlDebtorList *self,
                             const char   *currency)
{
  g_return_if_fail (KL_IS_DEBTOR_LIST (self));

  if (g_strcmp0 (self->currency, currency) == 0)
    return;
  g_free (self->currency);
  self->currency = g_strdup (currency);
  reload (self);
}

const char *
kl_debtor_list_get_currency (KlDebtorList *self)
{
  g_return_val_if_fail (KL_IS_DEBTOR_LIST (self), NULL);
  return self->currency;
}

void
kl_debtor_list_set_today (KlDebtorList *self,
                          const char   *today)
{
  g_return_if_fail (KL_IS_DEBTOR_LIST (self));

  if (g_strcmp0 (self->today, today) == 0)
    return;
  g_free (self->today);
  self->today = g_strdup (today);
  reload (self);
}

/**
 * kl_debtor_list_set_sort:
 *
 * Sorts the rows already read again, in memory: the list reads nothing.
 */
void
kl_debtor_list_set_sort (KlDebtorList *self,
                         KlDebtorSort  sort,
                         gboolean      descending)
{
  g_return_if_fail (KL_IS_DEBTOR_LIST (self));
  g_return_if_fail (sort <= KL_DEBTOR_SORT_LAST_REMINDER);

  if (self->sort == sort && self->descending == !!descending)
    return;
  self->sort = sort;
  self->descending = !!descending;
  sort_rows (self);
  if (self->rows->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, self->rows->len, self->rows->len);
}

KlDebtorSort
kl_debtor_list_get_sort (KlDebtorList *self,
                         gboolean     *descending)
{
  g_return_val_if_fail (KL_IS_DEBTOR_LIST (self), KL_DEBTOR_SORT_OVERDUE);

  if (descending != NULL)
    *descending = self->descending;
  return self->sort;
}

void
kl_debtor_list_reload (KlDebtorList *self)
{
  g_return_if_fail (KL_IS_DEBTOR_LIST (self));
  reload (self);
}

guint
kl_debtor_list_find (KlDebtorList *self,
                     gint64        client_id)
{
  g_return_val_if_fail (KL_IS_DEBTOR_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->rows->len; i++)
    if (g_array_index (self->rows, DebtorRow, self->order[i]).client_id == client_id)
      return i;
  return G_MAXUINT;
}

guint
kl_debtor_list_get_loads (KlDebtorList *self)
{
  g_return_val_if_fail (KL_IS_DEBTOR_LIST (self), 0);
  return self->loads;
}
