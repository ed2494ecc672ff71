/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-query-view.h"

#include "kl-entities.h"

/* Sorting by header click on GTK 4.8, as the clients page does it: each
 * column gets a GtkCustomSorter whose function records its sort name. When
 * the column view's sorter changes, two stand-in objects are compared with
 * it: it asks the primary column's sorter first, which never answers
 * "equal", so no other is asked. The recorded name and the sign of the
 * answer (inverted for a descending column) give the SQL sort. */

typedef struct {
  KlQueryList *list;      /* weak */
  const char  *probed;
} SortState;

typedef struct {
  SortState  *state;
  char       *sort;
} ColumnSort;

static void
free_column_sort (gpointer data)
{
  ColumnSort *column_sort = data;

  g_free (column_sort->sort);
  g_free (column_sort);
}

static void
free_state (gpointer data)
{
  SortState *state = data;

  g_clear_weak_pointer (&state->list);
  g_free (state);
}

static SortState *
get_state (GtkColumnView *view)
{
  SortState *state = g_object_get_data (G_OBJECT (view), "kl-query-view-sort");

  if (state == NULL)
    {
      state = g_new0 (SortState, 1);
      g_object_set_data_full (G_OBJECT (view), "kl-query-view-sort", state, free_state);
    }

  return state;
}

static int
column_sort_func (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  ColumnSort *column_sort = user_data;

  column_sort->state->probed = column_sort->sort;

  return -1;
}

static void
on_sorter_changed_cb (GtkColumnView   *view,
                      GtkSorterChange  change,
                      GtkSorter       *sorter)
{
  SortState *state = get_state (view);
  GtkOrdering order;

  if (state->list == NULL)
    return;

  /* Two distinct objects: a sorter answers "equal" for one object with
   * itself without asking anyone. */
  state->probed = NULL;
  order = gtk_sorter_compare (sorter, view, sorter);
  if (state->probed == NULL || order == GTK_ORDERING_EQUAL)
    kl_query_list_set_sort (state->list, NULL, FALSE);
  else
    kl_query_list_set_sort (state->list, state->probed, order == GTK_ORDERING_LARGER);
}

/* Clicking @column's header sorts by the list's sort named @sort. */
void
kl_query_view_add_sort (GtkColumnView       *view,
                        GtkColumnViewColumn *column,
                        const char          *sort)
{
  g_autoptr(GtkSorter) sorter = NULL;
  ColumnSort *column_sort;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));
  g_return_if_fail (sort != NULL);

  column_sort = g_new0 (ColumnSort, 1);
  column_sort->state = get_state (view);
  column_sort->sort = g_strdup (sort);
  g_object_set_data_full (G_OBJECT (column), "kl-query-view-sort", column_sort, free_column_sort);
  sorter = GTK_SORTER (gtk_custom_sorter_new (column_sort_func, column_sort, NULL));
  gtk_column_view_column_set_sorter (column, sorter);
}

/* Shows @list in @view (through a single selection) and makes the columns
 * given to kl_query_view_add_sort() sort it; the column of the list's
 * current sort shows the arrow. */
void
kl_query_view_attach (GtkColumnView *view,
                      KlQueryList   *list)
{
  SortState *state;
  GListModel *columns;
  g_autoptr(GtkSingleSelection) selection = NULL;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (KL_IS_QUERY_LIST (list));

  state = get_state (view);
  g_clear_weak_pointer (&state->list);

  /* The current sort's arrow, before listening: it sets the same sort. */
  columns = gtk_column_view_get_columns (view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      ColumnSort *column_sort = g_object_get_data (G_OBJECT (column), "kl-query-view-sort");

      if (column_sort != NULL && g_strcmp0 (column_sort->sort, kl_query_list_get_sort (list)) == 0)
        gtk_column_view_sort_by_column (view, column,
                                        kl_query_list_get_descending (list) ? GTK_SORT_DESCENDING
                                                                            : GTK_SORT_ASCENDING);
    }

  g_set_weak_pointer (&state->list, list);
  if (g_object_get_data (G_OBJECT (view), "kl-query-view-listening") == NULL)
    {
      g_signal_connect_object (gtk_column_view_get_sorter (view), "changed",
                               G_CALLBACK (on_sorter_changed_cb), view, G_CONNECT_SWAPPED);
      g_object_set_data (G_OBJECT (view), "kl-query-view-listening", GINT_TO_POINTER (TRUE));
    }

  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (list)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (selection));
}

static void
on_search_changed_cb (GtkEditable *entry,
                      KlQueryList *list)
{
  const char *filter = g_object_get_data (G_OBJECT (entry), "kl-query-view-filter");

  kl_query_list_set_filter_text (list, filter, gtk_editable_get_text (entry));
}

/* What is typed in @entry (a GtkSearchEntry: as typing pauses) sets the
 * list's search filter @filter. */
void
kl_query_view_bind_search (GtkEditable *entry,
                           KlQueryList *list,
                           const char  *filter)
{
  g_return_if_fail (GTK_IS_EDITABLE (entry));
  g_return_if_fail (KL_IS_QUERY_LIST (list));

  g_object_set_data_full (G_OBJECT (entry), "kl-query-view-filter", g_strdup (filter), g_free);
  g_signal_connect_object (entry, GTK_IS_SEARCH_ENTRY (entry) ? "search-changed" : "changed",
                           G_CALLBACK (on_search_changed_cb), list, 0);
  on_search_changed_cb (entry, list);
}

/* The value of the row chosen in a dropdown of kl_query_view_bind_choice(),
 * or NULL for "All …". */
const char *
kl_query_view_get_choice (GtkDropDown *dropdown)
{
  const char * const *choices = g_object_get_data (G_OBJECT (dropdown), "kl-query-view-choices");
  guint selected = gtk_drop_down_get_selected (dropdown);

  g_return_val_if_fail (GTK_IS_DROP_DOWN (dropdown), NULL);

  if (choices == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  return choices[selected - 1];
}

static void
on_choice_selected_cb (GtkDropDown *dropdown,
                       GParamSpec  *pspec,
                       KlQueryList *list)
{
  const char *filter = g_object_get_data (G_OBJECT (dropdown), "kl-query-view-filter");

  kl_query_list_set_filter_text (list, filter, kl_query_view_get_choice (dropdown));
}

/**
 * kl_query_view_bind_choice:
 * @all_label: the first row, no filter ("All stages")
 * @choices: the filter's values (NULL-terminated, static)
 * @labels: (nullable): their names, N_() marked, in the same order; NULL
 *   for a set of kl-entities.h, named by kl_choice_label()
 *
 * Fills @dropdown and makes its choice set the list's filter @filter.
 */
void
kl_query_view_bind_choice (GtkDropDown        *dropdown,
                           KlQueryList        *list,
                           const char         *filter,
                           const char         *all_label,
                           const char * const *choices,
                           const char * const *labels)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  g_return_if_fail (KL_IS_QUERY_LIST (list));
  g_return_if_fail (choices != NULL);

  gtk_string_list_append (strings, all_label);
  for (guint i = 0; choices[i] != NULL; i++)
    gtk_string_list_append (strings, labels != NULL ? _(labels[i]) : kl_choice_label (choices, choices[i]));

  g_object_set_data (G_OBJECT (dropdown), "kl-query-view-choices", (gpointer)choices);
  g_object_set_data_full (G_OBJECT (dropdown), "kl-query-view-filter", g_strdup (filter), g_free);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (strings));
  gtk_drop_down_set_selected (dropdown, 0);
  g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (on_choice_selected_cb), list, 0);
}

/* The cells: one GtkInscription each (GTK 4.8's cell widget for long
 * lists), filled by a function of the item. A numeric column (aligned
 * right) gets tabular figures. The list reads its rows again when they
 * change, so a cell is filled at bind only. */

static void
on_cell_setup_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  GtkColumnViewColumn      *column)
{
  GtkWidget *cell = gtk_inscription_new (NULL);
  float xalign = *(float *)g_object_get_data (G_OBJECT (factory), "kl-query-view-xalign");
  int nat_chars = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "kl-query-view-nat-chars"));

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), xalign);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), nat_chars);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (xalign > 0.5f)
    gtk_widget_add_css_class (cell, "numeric");
  gtk_list_item_set_child (item, cell);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 KlQueryCellFunc           func)
{
  KlEntity *entity = gtk_list_item_get_item (item);
  g_autofree char *text = entity != NULL ? func (entity) : NULL;

  /* Never NULL: accessibility clients read every cell's text. */
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text != NULL ? text : "");
}

/* Makes @column show func (item) in each row. */
void
kl_query_view_set_cell (GtkColumnViewColumn *column,
                        KlQueryCellFunc      func,
                        float                xalign,
                        int                  nat_chars)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  float *stored = g_new (float, 1);

  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));
  g_return_if_fail (func != NULL);

  *stored = xalign;
  g_object_set_data_full (G_OBJECT (factory), "kl-query-view-xalign", stored, g_free);
  g_object_set_data (G_OBJECT (factory), "kl-query-view-nat-chars", GINT_TO_POINTER (nat_chars));
  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup_cb), column);
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind_cb), func);
  gtk_column_view_column_set_factory (column, factory);
}
