/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "kl-session.h"

G_BEGIN_DECLS

/*
 * KlQueryList: the lazy list of the sections other than Clients (deals,
 * offers, contracts, invoices, debtors, complaints). A GListModel of one
 * entity type over a query that a domain describes once (a KlQueryDef):
 * n_items from a count, rows fetched in pages as the view asks, sorted by
 * any of its sorts in SQL, filtered by its filters whose values are bound
 * parameters; read again when a store it watches changes.
 *
 * Every piece of SQL is the definition's own text (written by the
 * program, in src/model/); what the user chose only selects pieces and
 * fills parameters.
 */

typedef enum {
  KL_QUERY_VALUE_TEXT,    /* bound as given */
  KL_QUERY_VALUE_INT,     /* bound as an integer */
  KL_QUERY_VALUE_SEARCH,  /* what a user typed: folded (kl_text_fold()), LIKE
                           * wildcards escaped with '\', bound as "%text%";
                           * write the condition as "… LIKE :name ESCAPE '\'" */
} KlQueryValueType;

/**
 * KlQueryFilter:
 * @name: its name, and the name of its one parameter (":name") in
 *   @condition: letters, digits and '_'
 * @condition: an SQL condition, ANDed into the WHERE clause while the
 *   filter has a value, e.g. "d.stage = :stage"
 * @type: how the value is bound
 */
typedef struct {
  const char       *name;
  const char       *condition;
  KlQueryValueType  type;
} KlQueryFilter;

/**
 * KlQuerySort:
 * @name: its name (for settings and the views' columns), e.g. "amount"
 * @expression: one SQL expression to order by; ties go by the row id, in
 *   the same direction. Empty (NULL) values come last either way.
 */
typedef struct {
  const char *name;
  const char *expression;
} KlQuerySort;

/**
 * KlQueryDef:
 * @item_type: a KlEntity type; its store's columns are selected first
 * @alias: the alias of the entity's table in @from
 * @from: the FROM clause: the table with its alias and any joins
 * @count_from: (nullable): the FROM clause that counts the rows while
 *   @where and the filters set name no other table than @alias's (e.g.
 *   "deals d"): only when @from's joins never drop nor repeat a row (a
 *   foreign key that is never NULL, a left join to one row)
 * @where: (nullable): a condition always applied
 * @computed: (nullable): SQL expressions for the entity's computed fields
 *   (KL_FIELD_COMPUTED), comma-separated, in the field table's order
 * @filters: the filters a view may set
 * @sorts: the sorts a view may choose; the first is the default
 * @watch: other entity types whose stores' changes reload the list (names
 *   shown from joined tables), ended by G_TYPE_INVALID; may be NULL
 * @total_amount: (nullable): the money expression summed by
 *   kl_query_list_get_totals()
 * @total_currency: (nullable): its currency expression
 *
 * A domain's list, described once as static data.
 */
typedef struct {
  GType                 item_type;
  const char           *alias;
  const char           *from;
  const char           *count_from;
  const char           *where;
  const char           *computed;
  const KlQueryFilter  *filters;
  guint                 n_filters;
  const KlQuerySort    *sorts;
  guint                 n_sorts;
  const GType          *watch;
  const char           *total_amount;
  const char           *total_currency;
} KlQueryDef;

/* One row of kl_query_list_get_totals(): a currency's sum and count. */
typedef struct {
  char   currency[4];
  gint64 amount;
  guint  count;
} KlQueryTotal;

/* What a change of one row of the list's entity does. */
typedef enum {
  KL_QUERY_ROWS_RELOAD,     /* the list is read again */
  KL_QUERY_ROWS_PLACED,     /* the row alone is placed again */
  KL_QUERY_ROWS_BY_CALLER,  /* nothing: the caller calls kl_query_list_update_row() */
} KlQueryRowChanges;

/* Whether a list held a row before it changed. */
typedef enum {
  KL_QUERY_ROW_WAS_UNKNOWN,
  KL_QUERY_ROW_WAS_LISTED,
  KL_QUERY_ROW_WAS_NOT_LISTED,
} KlQueryRowWas;

#define KL_TYPE_QUERY_LIST (kl_query_list_get_type ())
G_DECLARE_FINAL_TYPE (KlQueryList, kl_query_list, KL, QUERY_LIST, GObject)

KlQueryList       *kl_query_list_new              (KlSession         *session,
                                                   const KlQueryDef  *def);
KlQueryList       *kl_query_list_new_frozen       (KlSession         *session,
                                                   const KlQueryDef  *def);
const KlQueryDef  *kl_query_list_get_def          (KlQueryList       *self);
KlSession         *kl_query_list_get_session      (KlQueryList       *self);

gboolean           kl_query_list_set_filter_text  (KlQueryList       *self,
                                                   const char        *name,
                                                   const char        *value);
gboolean           kl_query_list_set_filter_int   (KlQueryList       *self,
                                                   const char        *name,
                                                   gint64             value);
gboolean           kl_query_list_clear_filter     (KlQueryList       *self,
                                                   const char        *name);
void               kl_query_list_clear_filters    (KlQueryList       *self);
gboolean           kl_query_list_has_filter       (KlQueryList       *self,
                                                   const char        *name);
const char        *kl_query_list_get_filter_text  (KlQueryList       *self,
                                                   const char        *name);
gint64             kl_query_list_get_filter_int   (KlQueryList       *self,
                                                   const char        *name);

gboolean           kl_query_list_set_sort         (KlQueryList       *self,
                                                   const char        *name,
                                                   gboolean           descending);
const char        *kl_query_list_get_sort         (KlQueryList       *self);
gboolean           kl_query_list_get_descending   (KlQueryList       *self);

/* Between these, filter and sort changes do not read the list; the last
 * thaw reads it once if anything changed. */
void               kl_query_list_freeze           (KlQueryList       *self);
void               kl_query_list_thaw             (KlQueryList       *self);

void               kl_query_list_reload           (KlQueryList       *self);
void               kl_query_list_set_row_changes  (KlQueryList       *self,
                                                   KlQueryRowChanges  changes);
void               kl_query_list_update_row       (KlQueryList       *self,
                                                   gint64             id,
                                                   KlQueryRowWas      was);
GArray            *kl_query_list_get_totals       (KlQueryList       *self,
                                                   GError           **error);
GArray            *kl_query_list_get_ids          (KlQueryList       *self,
                                                   GError           **error);
guint              kl_query_list_get_fetches      (KlQueryList       *self);

G_END_DECLS
