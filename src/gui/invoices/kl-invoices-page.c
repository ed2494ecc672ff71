/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-invoices-page.h"

#include "kl-entities.h"
#include "kl-format.h"
#include "kl-receivables.h"

/* The Invoices section: the debtors in one currency at a time (a client
 * owing something past due), by overdue amount, with the ageing of what
 * each owes; the ageing of all receivables per currency under them. Money
 * is never added across currencies: the dropdown picks the currency.
 * "Send Reminder" logs a call or an e-mail on the selected debtor
 * (kl_receivables_send_reminder()), and its row shows when. Return on a
 * row opens the client's card.
 *
 * Sorting by header click on GTK 4.8, which has no API for the primary
 * sort column: each column's sorter only records that it was asked (and
 * never answers "equal"), and comparing two stand-ins with the column
 * view's sorter tells which column is first and in which direction. The
 * list then sorts its rows itself (kl_debtor_list_set_sort()). */

typedef enum {
  COLUMN_NAME,
  COLUMN_OVERDUE,
  COLUMN_1_30,
  COLUMN_31_60,
  COLUMN_61_90,
  COLUMN_OVER_90,
  COLUMN_NOT_DUE,
  COLUMN_BALANCE,
  COLUMN_OLDEST,
  COLUMN_REMINDER,
  N_COLUMNS
} Column;

static const KlDebtorSort column_sorts[N_COLUMNS] = {
  KL_DEBTOR_SORT_NAME,
  KL_DEBTOR_SORT_OVERDUE,
  KL_DEBTOR_SORT_1_30,
  KL_DEBTOR_SORT_31_60,
  KL_DEBTOR_SORT_61_90,
  KL_DEBTOR_SORT_OVER_90,
  KL_DEBTOR_SORT_NOT_DUE,
  KL_DEBTOR_SORT_BALANCE,
  KL_DEBTOR_SORT_OLDEST_DUE,
  KL_DEBTOR_SORT_LAST_REMINDER,
};

/* The ageing table's columns after the currency and the count. */
#define AGEING_COLUMNS (2 + KL_AGEING_N_BUCKETS + 2)

typedef struct {
  KlInvoicesPage *page;
  Column          column;
} ColumnData;

struct _KlInvoicesPage
{
  KlPage               parent_instance;

  KlDebtorList        *debtors;
  GtkSingleSelection  *selection;
  GtkStringList       *currencies;
  ColumnData           column_data[N_COLUMNS];
  GtkColumnViewColumn *columns[N_COLUMNS];
  int                  probed;
  guint                reload_source;
  gboolean             syncing;

  /* Template children */
  AdwToastOverlay     *toast_overlay;
  GtkDropDown         *currency_dropdown;
  GtkLabel            *count_label;
  GtkMenuButton       *remind_button;
  GtkColumnView       *column_view;
  GtkGrid             *ageing_grid;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *overdue_column;
  GtkColumnViewColumn *b1_column;
  GtkColumnViewColumn *b2_column;
  GtkColumnViewColumn *b3_column;
  GtkColumnViewColumn *b4_column;
  GtkColumnViewColumn *not_due_column;
  GtkColumnViewColumn *balance_column;
  GtkColumnViewColumn *oldest_column;
  GtkColumnViewColumn *reminder_column;
};

G_DEFINE_FINAL_TYPE (KlInvoicesPage, kl_invoices_page, KL_TYPE_PAGE)

/* Helpers */

/* The currency is the dropdown's: not repeated in every cell. */
static char *
money_or_empty (gint64 amount)
{
  return amount != 0 ? kl_format_money (amount, NULL) : g_strdup ("");
}

static char *
cell_text (KlDebtor *debtor,
           Column    column)
{
  switch (column)
    {
    case COLUMN_NAME:
      return g_strdup (kl_debtor_get_name (debtor));
    case COLUMN_OVERDUE:
      return money_or_empty (kl_debtor_get_overdue (debtor));
    case COLUMN_1_30:
    case COLUMN_31_60:
    case COLUMN_61_90:
    case COLUMN_OVER_90:
      return money_or_empty (kl_debtor_get_bucket (debtor, KL_AGEING_1_30 + (column - COLUMN_1_30)));
    case COLUMN_NOT_DUE:
      return money_or_empty (kl_debtor_get_bucket (debtor, KL_AGEING_NOT_DUE));
    case COLUMN_BALANCE:
      return money_or_empty (kl_debtor_get_balance (debtor));
    case COLUMN_OLDEST:
      return kl_format_date (kl_debtor_get_oldest_due (debtor));
    case COLUMN_REMINDER:
      return kl_format_date_or_datetime (kl_debtor_get_last_reminder (debtor));
    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static KlDebtor *
selected_debtor (KlInvoicesPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_actions (KlInvoicesPage *self)
{
  gboolean any = selected_debtor (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "invoices.remind", any);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remind_button), any);
}

static void
update_count (KlInvoicesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->debtors));
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u debtor", "%u debtors", n), n);

  gtk_label_set_label (self->count_label, text);
}

static void
add_ageing_cell (KlInvoicesPage *self,
                 int             row,
                 int             column,
                 const char     *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.0 : 1.0);
  gtk_widget_add_css_class (label, "numeric");
  if (row == 0)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_grid_attach (self->ageing_grid, label, column, row, 1, 1);
}

/* The ageing of everything owed, one row per currency, and the currencies
 * of the dropdown. */
static void
fill_ageing (KlInvoicesPage *self)
{
  KlSession *session = kl_page_get_session (KL_PAGE (self));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = kl_receivables_ageing (kl_session_get_database (session), 0, NULL, &error);
  const char *current = kl_debtor_list_get_currency (self->debtors);
  g_autofree char *keep = g_strdup (current != NULL ? current : kl_session_get_office (session)->currency);
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  GtkWidget *child;
  guint selected = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->ageing_grid))) != NULL)
    gtk_grid_remove (self->ageing_grid, child);

  if (rows == NULL)
    {
      g_warning ("Could not compute the ageing: %s", error->message);
      return;
    }

  add_ageing_cell (self, 0, 0, _("Currency"));
  add_ageing_cell (self, 0, 1, _("Clients"));
  for (int b = 0; b < KL_AGEING_N_BUCKETS; b++)
    add_ageing_cell (self, 0, 2 + b, kl_ageing_bucket_label (b));
  add_ageing_cell (self, 0, 2 + KL_AGEING_N_BUCKETS, _("Past due"));
  add_ageing_cell (self, 0, 3 + KL_AGEING_N_BUCKETS, C_("money owed", "Balance"));

  for (guint i = 0; i < rows->len; i++)
    {
      KlAgeing *row = &g_array_index (rows, KlAgeing, i);
      g_autofree char *clients = g_strdup_printf ("%u", row->n_clients);
      g_autofree char *overdue = kl_format_money (row->overdue, NULL);
      g_autofree char *balance = kl_format_money (row->balance, NULL);

      add_ageing_cell (self, i + 1, 0, row->currency);
      add_ageing_cell (self, i + 1, 1, clients);
      for (int b = 0; b < KL_AGEING_N_BUCKETS; b++)
        {
          g_autofree char *amount = kl_format_money (row->buckets[b], NULL);

          add_ageing_cell (self, i + 1, 2 + b, amount);
        }
      add_ageing_cell (self, i + 1, 2 + KL_AGEING_N_BUCKETS, overdue);
      add_ageing_cell (self, i + 1, 3 + KL_AGEING_N_BUCKETS, balance);
      g_ptr_array_add (codes, row->currency);
      if (g_strcmp0 (row->currency, keep) == 0)
        selected = i;
    }
  if (rows->len == 0)
    add_ageing_cell (self, 1, 0, _("Nobody owes anything."));

  /* The dropdown: the currencies owed, the one shown kept. */
  self->syncing = TRUE;
  g_ptr_array_add (codes, NULL);
  gtk_string_list_splice (self->currencies, 0, g_list_model_get_n_items (G_LIST_MODEL (self->currencies)),
                          (const char * const *) codes->pdata);
  if (rows->len > 0)
    gtk_drop_down_set_selected (self->currency_dropdown, selected);
  self->syncing = FALSE;
  kl_debtor_list_set_currency (self->debtors, rows->len > 0 ? g_array_index (rows, KlAgeing, selected).currency
                                                            : NULL);
  update_count (self);
}

static gboolean
reload_idle (gpointer user_data)
{
  KlInvoicesPage *self = user_data;

  self->reload_source = 0;
  fill_ageing (self);
  return G_SOURCE_REMOVE;
}

/* Callbacks */

static void
on_store_changed_cb (KlInvoicesPage *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_idle, self);
}

static void
on_debtors_changed_cb (KlInvoicesPage *self)
{
  update_count (self);
  update_actions (self);
}

static void
on_currency_selected_cb (KlInvoicesPage *self)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (self->currency_dropdown);

  if (self->syncing || item == NULL)
    return;
  kl_debtor_list_set_currency (self->debtors, gtk_string_object_get_string (item));
  update_count (self);
}

static void
on_activate_cb (KlInvoicesPage *self,
                guint           position)
{
  g_autoptr(KlDebtor) debtor = g_list_model_get_item (G_LIST_MODEL (self->debtors), position);

  if (debtor != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-client", "x", kl_debtor_get_client_id (debtor));
}

static int
column_sort_func (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  ColumnData *data = user_data;

  /* Asked only by the probe in on_sorter_changed_cb(). */
  data->page->probed = data->column;
  return -1;
}

static void
on_sorter_changed_cb (KlInvoicesPage *self)
{
  GtkSorter *sorter;
  KlDebtorSort sort = KL_DEBTOR_SORT_OVERDUE;
  gboolean descending = TRUE;
  GtkOrdering order;

  /* Also while the template is taken apart. */
  if (self->column_view == NULL || self->debtors == NULL)
    return;
  sorter = gtk_column_view_get_sorter (self->column_view);
  /* Two distinct objects: one compared with itself is "equal" unasked. */
  self->probed = -1;
  order = gtk_sorter_compare (sorter, self, self->column_view);
  if (self->probed >= 0 && order != GTK_ORDERING_EQUAL)
    {
      sort = column_sorts[self->probed];
      descending = order == GTK_ORDERING_LARGER;
    }
  kl_debtor_list_set_sort (self->debtors, sort, descending);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               ColumnData               *data)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  if (data->column != COLUMN_NAME && data->column != COLUMN_OLDEST && data->column != COLUMN_REMINDER)
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 1.0);
      gtk_widget_add_css_class (cell, "numeric");
    }
  gtk_list_item_set_child (item, cell);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ColumnData               *data)
{
  KlDebtor *debtor = gtk_list_item_get_item (item);
  g_autofree char *text = cell_text (debtor, data->column);

  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), text != NULL ? text : "");
}

static void
remind_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KlInvoicesPage *self = KL_INVOICES_PAGE (widget);
  KlDebtor *debtor = selected_debtor (self);
  const char *kind = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = NULL;

  if (debtor == NULL)
    return;
  name = g_strdup (kl_debtor_get_name (debtor));
  if (kl_receivables_send_reminder (kl_page_get_session (KL_PAGE (self)), kl_debtor_get_client_id (debtor),
                                    kind, &error) == 0)
    message = g_strdup (error->message);
  else if (g_str_equal (kind, "call"))
    /* TRANSLATORS: %s is a client */
    message = g_strdup_printf (_("Reminder call to %s logged"), name);
  else
    /* TRANSLATORS: %s is a client */
    message = g_strdup_printf (_("Reminder e-mail to %s logged"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* Overrides */

static void
kl_invoices_page_session_set (KlPage    *page,
                              KlSession *session)
{
  KlInvoicesPage *self = KL_INVOICES_PAGE (page);
  GType watched[] = { KL_TYPE_INVOICE, KL_TYPE_PAYMENT };

  self->debtors = kl_debtor_list_new (session, NULL, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->debtors)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->debtors, "items-changed", G_CALLBACK (on_debtors_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (update_actions),
                           self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (watched); i++)
    g_signal_connect_object (kl_session_get_store (session, watched[i]), "changed",
                             G_CALLBACK (on_store_changed_cb), self, G_CONNECT_SWAPPED);

  fill_ageing (self);
  gtk_column_view_sort_by_column (self->column_view, self->columns[COLUMN_OVERDUE], GTK_SORT_DESCENDING);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  update_actions (self);
}

static void
kl_invoices_page_dispose (GObject *object)
{
  KlInvoicesPage *self = KL_INVOICES_PAGE (object);

  g_clear_handle_id (&self->reload_source, g_source_remove);
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_INVOICES_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->debtors);
  g_clear_object (&self->currencies);

  G_OBJECT_CLASS (kl_invoices_page_parent_class)->dispose (object);
}

static void
kl_invoices_page_class_init (KlInvoicesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlPageClass *page_class = KL_PAGE_CLASS (klass);

  object_class->dispose = kl_invoices_page_dispose;
  page_class->session_set = kl_invoices_page_session_set;

  gtk_widget_class_install_action (widget_class, "invoices.remind", "s", remind_action);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/invoices/kl-invoices-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KlInvoicesPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlInvoicesPage, currency_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlInvoicesPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, KlInvoicesPage, remind_button);
  gtk_widget_class_bind_template_child (widget_class, KlInvoicesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, KlInvoicesPage, ageing_grid);
  gtk_widget_class_bind_template_child (widget_class, KlInvoicesPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, KlInvoicesPage, overdue_column);
  gtk_widget_class_bind_template_child (widget_class, KlInvoicesPage, b1_column);
  gtk_widget_class_bind_template_child (widget_class, KlInvoicesPage, b2_column);
  gtk_widget_class_bind_template_child (widget_class, KlInvoicesPage, b3_column);
  gtk_widget_class_bind_template_child (widget_class, KlInvoicesPage, b4_column);
  gtk_widget_class_bind_template_child (widget_class, KlInvoicesPage, not_due_column);
  gtk_widget_class_bind_template_child (widget_class, KlInvoicesPage, balance_column);
  gtk_widget_class_bind_template_child (widget_class, KlInvoicesPage, oldest_column);
  gtk_widget_class_bind_template_child (widget_class, KlInvoicesPage, reminder_column);
}

static void
kl_invoices_page_init (KlInvoicesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->columns[COLUMN_NAME] = self->name_column;
  self->columns[COLUMN_OVERDUE] = self->overdue_column;
  self->columns[COLUMN_1_30] = self->b1_column;
  self->columns[COLUMN_31_60] = self->b2_column;
  self->columns[COLUMN_61_90] = self->b3_column;
  self->columns[COLUMN_OVER_90] = self->b4_column;
  self->columns[COLUMN_NOT_DUE] = self->not_due_column;
  self->columns[COLUMN_BALANCE] = self->balance_column;
  self->columns[COLUMN_OLDEST] = self->oldest_column;
  self->columns[COLUMN_REMINDER] = self->reminder_column;

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkSorter) sorter = NULL;

      self->column_data[i].page = self;
      self->column_data[i].column = i;
      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), &self->column_data[i]);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), &self->column_data[i]);
      gtk_column_view_column_set_factory (self->columns[i], factory);
      sorter = GTK_SORTER (gtk_custom_sorter_new (column_sort_func, &self->column_data[i], NULL));
      gtk_column_view_column_set_sorter (self->columns[i], sorter);
    }

  self->currencies = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->currency_dropdown, G_LIST_MODEL (self->currencies));
  g_signal_connect_object (self->currency_dropdown, "notify::selected", G_CALLBACK (on_currency_selected_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (on_activate_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "invoices.remind", FALSE);
}

/* Public API */

KlDebtorList *
kl_invoices_page_get_debtors (KlInvoicesPage *self)
{
  g_return_val_if_fail (KL_IS_INVOICES_PAGE (self), NULL);
  return self->debtors;
}

GtkSelectionModel *
kl_invoices_page_get_selection (KlInvoicesPage *self)
{
  g_return_val_if_fail (KL_IS_INVOICES_PAGE (self), NULL);
  return GTK_SELECTION_MODEL (self->selection);
}

const char *
kl_invoices_page_get_ageing_text (KlInvoicesPage *self,
                                  int             row,
                                  int             column)
{
  GtkWidget *child;

  g_return_val_if_fail (KL_IS_INVOICES_PAGE (self), NULL);

  child = gtk_grid_get_child_at (self->ageing_grid, column, row);
  return GTK_IS_LABEL (child) ? gtk_label_get_label (GTK_LABEL (child)) : NULL;
}
