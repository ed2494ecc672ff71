/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-clients-page.h"

#include "kl-client-list.h"
#include "kl-client-ops.h"
#include "kl-demo.h"
#include "kl-entities.h"
#include "kl-format.h"
#include "kl-accessible.h"
#include "kl-client-editor.h"
#include "kl-import-wizard.h"
#include "kl-settings.h"
#include "kl-toast.h"
#include "kl-list-menu.h"
#include "kl-list-export.h"

#include <string.h>

/* The Clients section: a search entry and a filter popover above a column
 * view over KlClientList, the lazy SQL-backed list. Filtering and sorting
 * are the list's SQL; nothing here reads every row. The filters and the
 * sort are kept in GSettings and restored by the next page.
 *
 * Sorting by header click on GTK 4.8: the column view's sorter is a
 * GtkColumnViewSorter whose primary column can only be read from 4.10 on.
 * Each column gets a GtkCustomSorter whose function records which column it
 * belongs to. When the column view's sorter changes we compare two stand-in
 * items with it: it asks the primary column's sorter first, and since that
 * one never answers "equal", it is the only one asked. The recorded column
 * and the sign of the answer (inverted for a descending column) give the
 * SQL sort. The column view's sorter sorts nothing itself.
 *
 * Deleting: the row is hidden at once (kl_client_list_set_hidden()) and an
 * "Undo" toast shows for ten seconds. When it goes without an undo — or
 * when the page goes away first, e.g. its window closes — the client is
 * deleted for real.
 *
 * Columns: each has a fixed width (resizable) sized for its data in English,
 * Croatian and Russian; Name takes what is left. Every column but Name can be
 * hidden from the "Columns" submenu of the page's menu or a header's context
 * menu: a stateful action clients.column-<name> per column, a GPropertyAction
 * on the column's GtkColumnViewColumn:visible. The hidden ones are kept in the
 * clients-hidden-columns setting.
 *
 * GTK 4.8's column view gives no extra width to an expanding column (nor up to
 * its natural width): Name's fixed width is set here to what the other
 * visible columns leave of the view's width (fit_name_column ()). */

#define UNDO_TIMEOUT_SECONDS 10

/* The narrowest the Name column gets before the list scrolls sideways. */
#define NAME_MIN_WIDTH 180

/* The columns, in the order they are shown, and what each sorts by. */
enum {
  COLUMN_NAME,
  COLUMN_TAX_ID,
  COLUMN_CITY,
  COLUMN_SEGMENT,
  COLUMN_STATUS,
  COLUMN_MANAGER,
  COLUMN_LAST_CONTACT,
  COLUMN_NEXT_ACTIVITY,
  COLUMN_OPEN_PIPELINE,
  COLUMN_OVERDUE_DEBT,
  N_COLUMNS
};

static const KlClientSort column_sorts[N_COLUMNS] = {
  [COLUMN_NAME] = KL_CLIENT_SORT_NAME,
  [COLUMN_TAX_ID] = KL_CLIENT_SORT_TAX_ID,
  [COLUMN_CITY] = KL_CLIENT_SORT_CITY,
  [COLUMN_SEGMENT] = KL_CLIENT_SORT_SEGMENT,
  [COLUMN_STATUS] = KL_CLIENT_SORT_STATUS,
  [COLUMN_MANAGER] = KL_CLIENT_SORT_MANAGER,
  [COLUMN_LAST_CONTACT] = KL_CLIENT_SORT_LAST_CONTACT,
  [COLUMN_NEXT_ACTIVITY] = KL_CLIENT_SORT_NEXT_ACTIVITY,
  [COLUMN_OPEN_PIPELINE] = KL_CLIENT_SORT_OPEN_PIPELINE,
  [COLUMN_OVERDUE_DEBT] = KL_CLIENT_SORT_OVERDUE_DEBT,
};

/* The names in the clients-hidden-columns setting and in the actions
 * clients.column-<name>. */
static const char * const column_names[N_COLUMNS] = {
  [COLUMN_NAME] = "name",
  [COLUMN_TAX_ID] = "tax-id",
  [COLUMN_CITY] = "city",
  [COLUMN_SEGMENT] = "segment",
  [COLUMN_STATUS] = "status",
  [COLUMN_MANAGER] = "manager",
  [COLUMN_LAST_CONTACT] = "last-contact",
  [COLUMN_NEXT_ACTIVITY] = "next-activity",
  [COLUMN_OPEN_PIPELINE] = "open-pipeline",
  [COLUMN_OVERDUE_DEBT] = "overdue-debt",
};

typedef struct
{
  KlClientsPage *page;
  KlClientSort   sort;
} ColumnSorter;

struct _KlClientsPage
{
  KlPage                parent_instance;

  KlClientList         *clients;
  GtkSliceListModel    *shown;        /* the first rows until the first frame, then all */
  GtkSingleSelection   *selection;
  GSettings            *settings;
  ColumnSorter          column_sorters[N_COLUMNS];
  GtkColumnViewColumn  *columns[N_COLUMNS];
  KlClientSort          probed_sort;
  GArray               *manager_ids;      /* the manager dropdown's rows: 0 any, -1 none, ids */
  GArray               *pending_deletes;  /* client ids hidden until their toast goes */
  AdwToast             *undo_toast;
  GtkWindow            *window;           /* whose close-request carries out deletions */
  gulong                close_request_id;
  gulong                application_id;
  GApplication         *application;      /* whose shutdown (Ctrl+Q) does too */
  gulong                shutdown_id;
  guint                 syncing : 1;      /* filter widgets set from C: not the user */
  guint                 syncing_columns : 1;  /* columns shown as the settings say */
  guint                 fit_name_id;      /* idle: Name to be fitted after an allocation */

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkWidget            *toolbar;
  GtkSearchEntry       *search_entry;
  GtkMenuButton        *filter_button;
  GtkLabel             *filter_count_label;
  GtkDropDown          *status_dropdown;
  GtkDropDown          *segment_dropdown;
  GtkDropDown          *manager_dropdown;
  GtkDropDown          *source_dropdown;
  GtkCheckButton       *overdue_check;
  GtkCheckButton       *no_contact_check;
  GtkLabel             *count_label;
  GtkStack             *content_stack;
  KlListExport         *list_export;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *name_column;
  GtkColumnViewColumn  *tax_id_column;
  GtkColumnViewColumn  *city_column;
  GtkColumnViewColumn  *segment_column;
  GtkColumnViewColumn  *status_column;
  GtkColumnViewColumn  *manager_column;
  GtkColumnViewColumn  *last_contact_column;
  GtkColumnViewColumn  *next_activity_column;
  GtkColumnViewColumn  *open_pipeline_column;
  GtkColumnViewColumn  *overdue_debt_column;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *no_match_page;
  GMenuModel           *row_menu;
  GtkButton            *load_demo_button;
};

static void on_column_notify_visible_cb     (KlClientsPage       *self,
                                             GParamSpec          *pspec,
                                             GtkColumnViewColumn *column);
static void on_column_notify_fixed_width_cb (KlClientsPage       *self,
                                             GParamSpec          *pspec,
                                             GtkColumnViewColumn *column);

G_DEFINE_FINAL_TYPE (KlClientsPage, kl_clients_page, KL_TYPE_PAGE)

/* Rows the view is given before its first frame: as many as the tallest
 * monitor holds of the shortest rows, whatever the window's size and
 * state (its maximized state is not known before it is mapped); each row
 * made for nothing costs the start-up ten cells. */
#define FIRST_FRAME_ROWS_NO_MONITOR 60

/* Helpers */

static guint
first_frame_rows (KlClientsPage *self)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  int height = 0;

  for (guint i = 0; i < g_list_model_get_n_items (monitors); i++)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, i);
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      height = MAX (height, geometry.height);
    }
  if (height <= 0)
    return FIRST_FRAME_ROWS_NO_MONITOR;
  return height / KL_CLIENTS_PAGE_MIN_ROW_HEIGHT + 1;
}

/* The cells: one GtkInscription each, made and filled in C by a signal
 * factory per column. The list keeps 200 rows alive (GTK 4.8's
 * GTK_LIST_VIEW_MAX_LIST_ITEMS), 2 000 cells before the first frame: a
 * GtkBuilder template with expression bindings per cell cost the start-up
 * about half a second and 10 MiB. */
typedef enum {
  CELL_TEXT,     /* the property's text, "" for none */
  CELL_STATUS,   /* a client status's label */
  CELL_DATE,     /* an ISO date in the locale's form */
  CELL_MONEY,    /* an amount in the client's currency; nothing for 0 */
} CellFormat;

typedef enum {
  CELL_PLAIN,
  CELL_NUMERIC,
  CELL_PAST_IS_ERROR,      /* numeric, red when the date has gone */
  CELL_POSITIVE_IS_ERROR,  /* numeric, red when above zero */
} CellStyle;

typedef struct {
  const char *property;
  CellFormat  format;
  float       xalign;
  int         nat_chars;
  CellStyle   style;
} CellSpec;

static const CellSpec cell_specs[N_COLUMNS] = {
  [COLUMN_NAME] = { "name", CELL_TEXT, 0.0f, 22, CELL_PLAIN },
  [COLUMN_TAX_ID] = { "tax-id", CELL_TEXT, 0.0f, 12, CELL_NUMERIC },
  [COLUMN_CITY] = { "city", CELL_TEXT, 0.0f, 10, CELL_PLAIN },
  [COLUMN_SEGMENT] = { "segment", CELL_TEXT, 0.5f, 2, CELL_PLAIN },
  [COLUMN_STATUS] = { "status", CELL_STATUS, 0.0f, 8, CELL_PLAIN },
  [COLUMN_MANAGER] = { "manager-name", CELL_TEXT, 0.0f, 12, CELL_PLAIN },
  [COLUMN_LAST_CONTACT] = { "last-contact", CELL_DATE, 0.0f, 10, CELL_NUMERIC },
  [COLUMN_NEXT_ACTIVITY] = { "next-activity", CELL_DATE, 0.0f, 10, CELL_PAST_IS_ERROR },
  [COLUMN_OPEN_PIPELINE] = { "open-pipeline", CELL_MONEY, 1.0f, 16, CELL_NUMERIC },
  [COLUMN_OVERDUE_DEBT] = { "overdue-debt", CELL_MONEY, 1.0f, 16, CELL_POSITIVE_IS_ERROR },
};

static void
on_cell_factory_setup_cb (GtkSignalListItemFactory *factory,
                          GtkListItem              *item,
                          gpointer                  user_data)
{
  const CellSpec *spec = user_data;
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), spec->xalign);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), spec->nat_chars);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (spec->style != CELL_PLAIN)
    gtk_widget_add_css_class (cell, "numeric");
  gtk_list_item_set_child (item, cell);
}

/* Fills @cell from @client as @spec says. */
static void
fill_cell (GtkInscription *cell,
           KlEntity       *client,
           const CellSpec *spec)
{
  g_autofree char *value = NULL;
  g_autofree char *formatted = NULL;
  const char *text = NULL;
  gboolean error = FALSE;
  gint64 amount = 0;

  switch (spec->format)
    {
    case CELL_TEXT:
      g_object_get (client, spec->property, &value, NULL);
      text = value;
      break;
    case CELL_STATUS:
      text = kl_choice_label (kl_client_statuses, kl_entity_get_text (client, "status"));
      break;
    case CELL_DATE:
      g_object_get (client, spec->property, &value, NULL);
      text = formatted = kl_format_date (value);
      if (spec->style == CELL_PAST_IS_ERROR && value != NULL && *value != '\0')
        {
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

          error = strncmp (value, today, 10) < 0;
        }
      break;
    case CELL_MONEY:
      g_object_get (client, spec->property, &amount, NULL);
      /* Nothing rather than a column of zeros. */
      if (amount != 0)
        text = formatted = kl_format_money (amount, kl_entity_get_text (client, "currency"));
      error = spec->style == CELL_POSITIVE_IS_ERROR && amount > 0;
      break;
    default:
      g_assert_not_reached ();
    }

  /* Never NULL: accessibility clients read every cell's text. */
  gtk_inscription_set_text (cell, text != NULL ? text : "");
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (cell), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (cell), "error");
}

static void
on_cell_client_notify_cb (KlEntity       *client,
                          GParamSpec     *pspec,
                          GtkInscription *cell)
{
  const CellSpec *spec = g_object_get_data (G_OBJECT (cell), "kl-cell-spec");

  fill_cell (cell, client, spec);
}

static void
on_cell_factory_bind_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         gpointer                  user_data)
{
  const CellSpec *spec = user_data;
  GtkWidget *cell = gtk_list_item_get_child (item);
  KlEntity *client = gtk_list_item_get_item (item);
  g_autofree char *signal = g_strconcat ("notify::", spec->property, NULL);

  g_object_set_data (G_OBJECT (cell), "kl-cell-spec", (gpointer) spec);
  fill_cell (GTK_INSCRIPTION (cell), client, spec);
  /* A client changed in place shows the change, as a binding would. */
  g_signal_connect_object (client, signal, G_CALLBACK (on_cell_client_notify_cb), cell, 0);
  if (spec->format == CELL_MONEY)
    g_signal_connect_object (client, "notify::currency", G_CALLBACK (on_cell_client_notify_cb), cell, 0);
}

static void
on_cell_factory_unbind_cb (GtkSignalListItemFactory *factory,
                           GtkListItem              *item,
                           gpointer                  user_data)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  KlEntity *client = gtk_list_item_get_item (item);

  if (client != NULL)
    g_signal_handlers_disconnect_by_func (client, on_cell_client_notify_cb, cell);
}

static GtkListItemFactory *
cell_factory_new (const CellSpec *spec)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (on_cell_factory_setup_cb), (gpointer) spec);
  g_signal_connect (factory, "bind", G_CALLBACK (on_cell_factory_bind_cb), (gpointer) spec);
  g_signal_connect (factory, "unbind", G_CALLBACK (on_cell_factory_unbind_cb), (gpointer) spec);
  return factory;
}

static void
show_toast (KlClientsPage *self,
            const char    *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

typedef struct {
  KlClientsPage *page;
  char          *text;
} LaterToast;

static gboolean
show_later_toast (gpointer data)
{
  LaterToast *later = data;

  if (later->page->toast_overlay != NULL)
    show_toast (later->page, later->text);

  return G_SOURCE_REMOVE;
}

static void
free_later_toast (gpointer data)
{
  LaterToast *later = data;

  g_object_unref (later->page);
  g_free (later->text);
  g_free (later);
}

/* From a toast's own signal: the overlay takes no toast before it is done. */
static void
show_toast_later (KlClientsPage *self,
                  const char    *text)
{
  LaterToast *later = g_new0 (LaterToast, 1);

  later->page = g_object_ref (self);
  later->text = g_strdup (text);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, show_later_toast, later, free_later_toast);
}

static int
column_sort_func (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  ColumnSorter *sorter = user_data;

  /* Only ever asked by probe_sort (): remember who was asked, and never
   * answer "equal" so that no secondary column is asked after us. */
  sorter->page->probed_sort = sorter->sort;

  return -1;
}

static gboolean
probe_sort (KlClientsPage *self,
            KlClientSort  *sort,
            gboolean      *descending)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  GtkOrdering order;

  g_assert (KL_IS_CLIENTS_PAGE (self));

  /* Two distinct objects: gtk_sorter_compare() answers "equal" for one
   * item compared with itself without asking anyone. Any two objects do: the
   * column sorters never look at them. */
  self->probed_sort = KL_CLIENT_N_SORTS;
  order = gtk_sorter_compare (sorter, self, self->column_view);
  if (self->probed_sort == KL_CLIENT_N_SORTS || order == GTK_ORDERING_EQUAL)
    return FALSE;

  *sort = self->probed_sort;
  *descending = order == GTK_ORDERING_LARGER;

  return TRUE;
}

/* Row 0 of a choice dropdown is "All …", then @choices in order. */
static const char *
selected_choice (GtkDropDown        *dropdown,
                 const char * const *choices)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected == 0)
    return NULL;
  if (selected > g_strv_length ((char **)choices))
    return NULL;

  return choices[selected - 1];
}

static void
select_choice (GtkDropDown        *dropdown,
               const char * const *choices,
               const char         *value)
{
  guint selected = 0;

  for (guint i = 0; value != NULL && choices[i] != NULL; i++)
    if (g_str_equal (choices[i], value))
      selected = i + 1;

  gtk_drop_down_set_selected (dropdown, selected);
}

static gint64
selected_manager (KlClientsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->manager_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->manager_ids->len)
    return 0;

  return g_array_index (self->manager_ids, gint64, selected);
}

static void
select_manager (KlClientsPage *self,
                gint64         manager_id)
{
  guint selected = 0;

  for (guint i = 0; i < self->manager_ids->len; i++)
    if (g_array_index (self->manager_ids, gint64, i) == manager_id)
      selected = i;

  gtk_drop_down_set_selected (self->manager_dropdown, selected);
}

static void
fill_choice_dropdown (GtkDropDown        *dropdown,
                      const char         *all_label,
                      const char * const *choices)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  gtk_string_list_append (labels, all_label);
  for (guint i = 0; choices[i] != NULL; i++)
    gtk_string_list_append (labels, kl_choice_label (choices, choices[i]));

  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (dropdown, 0);
}

/* The managers as they are in the database, keeping the one chosen. */
static void
fill_manager_dropdown (KlClientsPage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GListModel) managers = NULL;
  g_autoptr(GError) error = NULL;
  gint64 chosen = self->manager_ids->len > 0 ? selected_manager (self) : 0;
  gint64 special[] = { 0, KL_CLIENT_LIST_NO_MANAGER };
  gboolean syncing = self->syncing;

  g_array_set_size (self->manager_ids, 0);
  g_array_append_vals (self->manager_ids, special, G_N_ELEMENTS (special));
  gtk_string_list_append (labels, _("All managers"));
  gtk_string_list_append (labels, _("No manager"));

  if (kl_page_get_session (KL_PAGE (self)) != NULL)
    managers = kl_store_list_all (kl_session_get_store (kl_page_get_session (KL_PAGE (self)), KL_TYPE_MANAGER), &error);
  if (error != NULL)
    g_warning ("Could not list the managers: %s", error->message);
  for (guint i = 0; managers != NULL && i < g_list_model_get_n_items (managers); i++)
    {
      g_autoptr(KlEntity) manager = g_list_model_get_item (managers, i);
      gint64 id = kl_entity_get_id (manager);

      g_array_append_val (self->manager_ids, id);
      gtk_string_list_append (labels, kl_entity_get_text (manager, "name"));
    }

  self->syncing = TRUE;
  gtk_drop_down_set_model (self->manager_dropdown, G_LIST_MODEL (labels));
  select_manager (self, chosen);
  self->syncing = syncing;
}

static guint
count_active_filters (const KlClientFilter *filter)
{
  return (filter->status != NULL) + (filter->segment != NULL) + (filter->source != NULL) +
         (filter->manager_id != 0) + !!filter->overdue + !!filter->no_contact;
}

static void
read_filter_widgets (KlClientsPage  *self,
                     KlClientFilter *filter)
{
  filter->search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  filter->status = selected_choice (self->status_dropdown, kl_client_statuses);
  filter->segment = selected_choice (self->segment_dropdown, kl_client_segments);
  filter->source = selected_choice (self->source_dropdown, kl_client_sources);
  filter->manager_id = selected_manager (self);
  filter->overdue = gtk_check_button_get_active (self->overdue_check);
  filter->no_contact = gtk_check_button_get_active (self->no_contact_check);
}

static void
update_filter_count (KlClientsPage        *self,
                     const KlClientFilter *filter)
{
  guint n = count_active_filters (filter);
  g_autofree char *number = g_strdup_printf ("%u", n);
  g_autofree char *tooltip = NULL;

  gtk_label_set_label (self->filter_count_label, number);
  gtk_widget_set_visible (GTK_WIDGET (self->filter_count_label), n > 0);
  if (n > 0)
    tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u filter is on", "%u filters are on", n), n);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_button),
                               tooltip != NULL ? tooltip : _("Filter the list"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.reset-filters", n > 0);
}

static void
save_filters (KlClientsPage        *self,
              const KlClientFilter *filter)
{
  g_settings_delay (self->settings);
  g_settings_set_string (self->settings, "clients-filter-status", filter->status ? filter->status : "");
  g_settings_set_string (self->settings, "clients-filter-segment", filter->segment ? filter->segment : "");
  g_settings_set_string (self->settings, "clients-filter-source", filter->source ? filter->source : "");
  g_settings_set_int64 (self->settings, "clients-filter-manager", filter->manager_id);
  g_settings_set_boolean (self->settings, "clients-filter-overdue", filter->overdue);
  g_settings_set_boolean (self->settings, "clients-filter-no-contact", filter->no_contact);
  g_settings_apply (self->settings);
}

/* The filter widgets as the settings have them. */
static void
restore_filters (KlClientsPage *self)
{
  g_autofree char *status = g_settings_get_string (self->settings, "clients-filter-status");
  g_autofree char *segment = g_settings_get_string (self->settings, "clients-filter-segment");
  g_autofree char *source = g_settings_get_string (self->settings, "clients-filter-source");

  self->syncing = TRUE;
  select_choice (self->status_dropdown, kl_client_statuses, status);
  select_choice (self->segment_dropdown, kl_client_segments, segment);
  select_choice (self->source_dropdown, kl_client_sources, source);
  select_manager (self, g_settings_get_int64 (self->settings, "clients-filter-manager"));
  gtk_check_button_set_active (self->overdue_check,
                               g_settings_get_boolean (self->settings, "clients-filter-overdue"));
  gtk_check_button_set_active (self->no_contact_check,
                               g_settings_get_boolean (self->settings, "clients-filter-no-contact"));
  self->syncing = FALSE;
}

/* The column view's sort as the settings have it. */
static void
restore_sort (KlClientsPage *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "clients-sort");
  gboolean descending = g_settings_get_boolean (self->settings, "clients-sort-descending");
  GtkColumnViewColumn *column = self->name_column;
  KlClientSort sort;

  if (kl_client_sort_from_string (name, &sort))
    for (guint i = 0; i < N_COLUMNS; i++)
      if (column_sorts[i] == sort)
        column = self->columns[i];

  self->syncing = TRUE;
  gtk_column_view_sort_by_column (self->column_view, column,
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  self->syncing = FALSE;
}

/* The columns shown as the settings have them; Name always is. */
static void
restore_columns (KlClientsPage *self)
{
  g_auto(GStrv) hidden = g_settings_get_strv (self->settings, "clients-hidden-columns");

  self->syncing_columns = TRUE;
  for (guint i = 0; i < N_COLUMNS; i++)
    gtk_column_view_column_set_visible (self->columns[i],
                                        i == COLUMN_NAME ||
                                        !g_strv_contains ((const char * const *)hidden, column_names[i]));
  self->syncing_columns = FALSE;
}

static void
save_columns (KlClientsPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) hidden = NULL;
  g_auto(GStrv) saved = g_settings_get_strv (self->settings, "clients-hidden-columns");

  for (guint i = 0; i < N_COLUMNS; i++)
    if (!gtk_column_view_column_get_visible (self->columns[i]))
      g_strv_builder_add (builder, column_names[i]);
  hidden = g_strv_builder_end (builder);

  if (!g_strv_equal ((const char * const *)hidden, (const char * const *)saved))
    g_settings_set_strv (self->settings, "clients-hidden-columns", (const char * const *)hidden);
}

/* Name gets the width the other visible columns leave, and at least
 * NAME_MIN_WIDTH. */
static void
fit_name_column (KlClientsPage *self)
{
  GtkAdjustment *hadjustment;
  int width;

  if (self->column_view == NULL)
    return;
  hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view));
  if (hadjustment == NULL)
    return;

  width = (int) gtk_adjustment_get_page_size (hadjustment);
  for (guint i = 0; i < N_COLUMNS; i++)
    if (i != COLUMN_NAME && gtk_column_view_column_get_visible (self->columns[i]))
      width -= MAX (gtk_column_view_column_get_fixed_width (self->columns[i]), 0);

  gtk_column_view_column_set_fixed_width (self->name_column, MAX (width, NAME_MIN_WIDTH));
}

static gboolean
fit_name_column_idle (gpointer data)
{
  KlClientsPage *self = data;

  self->fit_name_id = 0;
  fit_name_column (self);

  return G_SOURCE_REMOVE;
}

/* A check item per column but Name, each showing or hiding its column. */
static void
add_column_actions (KlClientsPage *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GPropertyAction) action = NULL;

      if (i == COLUMN_NAME)
        continue;

      name = g_strconcat ("column-", column_names[i], NULL);
      action = g_property_action_new (name, self->columns[i], "visible");
      g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
      g_signal_connect_object (self->columns[i], "notify::visible",
                               G_CALLBACK (on_column_notify_visible_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->columns[i], "notify::fixed-width",
                               G_CALLBACK (on_column_notify_fixed_width_cb), self, G_CONNECT_SWAPPED);
    }

  /* Beside the class's own clients.* actions, which are looked up first. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "clients", G_ACTION_GROUP (group));
}

static void
apply_filters (KlClientsPage *self)
{
  KlClientFilter filter;

  read_filter_widgets (self, &filter);
  update_filter_count (self, &filter);
  if (self->clients == NULL)
    return;

  kl_client_list_set_filter (self->clients, &filter);
  if (!self->syncing)
    save_filters (self, &filter);
}

static void
update_state (KlClientsPage *self)
{
  g_autoptr(GError) error = NULL;
  guint n_shown;
  gint64 n_total;
  g_autofree char *count = NULL;
  const char *page;

  if (self->clients == NULL)
    return;

  n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->clients));
  if (n_shown > 0)
    n_total = n_shown;
  else
    n_total = kl_store_count (kl_session_get_store (kl_page_get_session (KL_PAGE (self)), KL_TYPE_CLIENT), &error);
  if (n_total < 0)
    {
      g_warning ("Could not count clients: %s", error->message);
      n_total = 0;
    }

  if (n_shown > 0)
    page = "list";
  else if (n_total == 0)
    page = "empty";
  else
    page = "no-match";

  /* A status page gets its icon when first shown: a large symbolic icon
   * is an SVG, and looking it up, even on a hidden page, loads librsvg
   * (7 MiB and a few milliseconds) into a start that shows the list. */
  if (g_strcmp0 (page, "empty") == 0)
    adw_status_page_set_icon_name (self->empty_page, "system-users-symbolic");
  else if (g_strcmp0 (page, "no-match") == 0)
    adw_status_page_set_icon_name (self->no_match_page, "edit-find-symbolic");
  gtk_stack_set_visible_child_name (self->content_stack, page);
  gtk_widget_set_visible (self->toolbar, n_total > 0);

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u client", "%u clients", n_shown),
                           n_shown);
  gtk_label_set_label (self->count_label, count);
}

/* Open, Edit and Delete act on the selected client. */
static void
update_row_actions (KlClientsPage *self)
{
  gboolean selected = self->selection != NULL &&
                      gtk_single_selection_get_selected_item (self->selection) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.open", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.edit", selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.delete", selected);
}

static gboolean
take_pending (KlClientsPage *self,
              gint64         id)
{
  for (guint i = 0; self->pending_deletes != NULL && i < self->pending_deletes->len; i++)
    if (g_array_index (self->pending_deletes, gint64, i) == id)
      {
        g_array_remove_index (self->pending_deletes, i);
        return TRUE;
      }

  return FALSE;
}

static void
sync_hidden (KlClientsPage *self)
{
  if (self->clients != NULL)
    kl_client_list_set_hidden (self->clients, self->pending_deletes);
}

/* Deletes @id for real if it is still pending. */
static void
carry_out_delete (KlClientsPage *self,
                  gint64         id)
{
  g_autoptr(GError) error = NULL;

  if (!take_pending (self, id) || kl_page_get_session (KL_PAGE (self)) == NULL)
    return;

  if (!kl_store_delete (kl_session_get_store (kl_page_get_session (KL_PAGE (self)), KL_TYPE_CLIENT), id, &error))
    {
      g_autofree char *message = g_strdup_printf (_("The client was not deleted: %s"), error->message);

      g_debug ("Could not delete client %" G_GINT64_FORMAT ": %s", id, error->message);
      sync_hidden (self);
      if (self->toast_overlay != NULL)
        show_toast_later (self, message);
      return;
    }

  sync_hidden (self);
}

static void
carry_out_all_deletes (KlClientsPage *self)
{
  while (self->pending_deletes != NULL && self->pending_deletes->len > 0)
    carry_out_delete (self, g_array_index (self->pending_deletes, gint64, 0));
}

/* Callbacks */

static void
on_clients_items_changed_cb (KlClientsPage *self,
                             guint          position,
                             guint          removed,
                             guint          added,
                             GListModel    *model)
{
  update_state (self);
}

static void
on_selection_notify_selected_cb (KlClientsPage      *self,
                                 GParamSpec         *pspec,
                                 GtkSingleSelection *selection)
{
  update_row_actions (self);
}

/* The row's menu: right click (which selected it), Menu, Shift+F10. */
static gboolean
prepare_row_menu (gpointer   user_data,
                  GtkWidget *row)
{
  KlClientsPage *self = KL_CLIENTS_PAGE (user_data);

  update_row_actions (self);

  return self->selection != NULL && gtk_single_selection_get_selected_item (self->selection) != NULL;
}

static void
on_managers_changed_cb (KlClientsPage *self,
                        int            change,
                        gint64         id,
                        KlStore       *store)
{
  fill_manager_dropdown (self);
}

static void
on_search_entry_search_changed_cb (KlClientsPage  *self,
                                   GtkSearchEntry *entry)
{
  if (self->clients != NULL)
    kl_client_list_set_search (self->clients, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_entry_stop_search_cb (KlClientsPage  *self,
                                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_filter_changed_cb (KlClientsPage *self,
                      GParamSpec    *pspec,
                      GtkWidget     *widget)
{
  if (self->syncing)
    return;

  apply_filters (self);
}

static void
on_sorter_changed_cb (KlClientsPage    *self,
                      GtkSorterChange   change,
                      GtkSorter        *sorter)
{
  KlClientSort sort = KL_CLIENT_SORT_NAME;
  gboolean descending = FALSE;

  if (self->clients == NULL)
    return;

  /* No sort column (never clicked): by name. */
  probe_sort (self, &sort, &descending);
  kl_client_list_set_sort (self->clients, sort, descending);

  if (!self->syncing)
    {
      g_settings_delay (self->settings);
      g_settings_set_string (self->settings, "clients-sort", kl_client_sort_to_string (sort));
      g_settings_set_boolean (self->settings, "clients-sort-descending", descending);
      g_settings_apply (self->settings);
    }
}

static void
on_column_notify_visible_cb (KlClientsPage       *self,
                             GParamSpec          *pspec,
                             GtkColumnViewColumn *column)
{
  fit_name_column (self);
  if (self->syncing_columns)
    return;

  save_columns (self);
}

/* A column resized by hand. */
static void
on_column_notify_fixed_width_cb (KlClientsPage       *self,
                                 GParamSpec          *pspec,
                                 GtkColumnViewColumn *column)
{
  fit_name_column (self);
}

/* The view's width changed: it is being allocated, resize after. */
static void
on_hadjustment_changed_cb (KlClientsPage *self,
                           GtkAdjustment *hadjustment)
{
  if (self->fit_name_id == 0)
    self->fit_name_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, fit_name_column_idle,
                                         g_object_ref (self), g_object_unref);
}

/* Another window chose other columns. */
static void
on_settings_hidden_columns_changed_cb (KlClientsPage *self,
                                       const char    *key,
                                       GSettings     *settings)
{
  restore_columns (self);
}

static void
on_column_view_activate_cb (KlClientsPage *self,
                            guint          position,
                            GtkColumnView *view)
{
  g_autoptr(KlEntity) client = NULL;

  if (self->clients == NULL)
    return;

  client = g_list_model_get_item (G_LIST_MODEL (self->clients), position);
  if (client == NULL)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-client", "x", kl_entity_get_id (client));
}

static void
on_undo_toast_dismissed_cb (KlClientsPage *self,
                            AdwToast      *toast)
{
  gint64 id = *(gint64 *)g_object_get_data (G_OBJECT (toast), "client-id");

  if (self->undo_toast == toast)
    self->undo_toast = NULL;
  carry_out_delete (self, id);
}

static gboolean
on_window_close_request_cb (KlClientsPage *self,
                            GtkWindow     *window)
{
  carry_out_all_deletes (self);

  return GDK_EVENT_PROPAGATE;
}

static void
on_application_shutdown_cb (KlClientsPage *self,
                            GApplication  *application)
{
  carry_out_all_deletes (self);
}

/* Quitting ends the process without closing the windows. */
static void
watch_application (KlClientsPage *self)
{
  GtkApplication *application = self->window != NULL ? gtk_window_get_application (self->window) : NULL;

  if (self->application == G_APPLICATION (application))
    return;

  if (self->application != NULL)
    g_clear_signal_handler (&self->shutdown_id, self->application);
  self->application = G_APPLICATION (application);
  if (application != NULL)
    self->shutdown_id = g_signal_connect_object (application, "shutdown",
                                                 G_CALLBACK (on_application_shutdown_cb),
                                                 self, G_CONNECT_SWAPPED);
}

static void
on_window_notify_application_cb (KlClientsPage *self,
                                 GParamSpec    *pspec,
                                 GtkWindow     *window)
{
  watch_application (self);
}

static void
on_import_wizard_destroy_cb (KlClientsPage *self,
                             GtkWidget     *wizard)
{
  /* The wizard announced its import on the client store; the window has
   * the focus back. */
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* Actions */

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KlClientsPage *self = KL_CLIENTS_PAGE (widget);

  if (!gtk_widget_get_visible (self->toolbar))
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
load_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KlClientsPage *self = KL_CLIENTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gboolean seeded;

  g_return_if_fail (kl_page_get_session (KL_PAGE (self)) != NULL);

  /* The stores announce every row they write, and the list starts over at
   * each: keep the view out of it until the seed is done. */
  gtk_column_view_set_model (self->column_view, NULL);
  g_signal_handlers_block_by_func (self->clients, on_clients_items_changed_cb, self);
  seeded = kl_demo_seed (kl_page_get_session (KL_PAGE (self)), KL_DEMO_DEFAULT_CLIENTS, NULL, &error);
  g_signal_handlers_unblock_by_func (self->clients, on_clients_items_changed_cb, self);
  kl_client_list_reload (self->clients);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  fill_manager_dropdown (self);
  update_state (self);

  if (!seeded)
    {
      g_autofree char *message = g_strdup_printf (_("Could not load the demo data: %s"),
                                                  error->message);

      g_debug ("%s", message);
      show_toast (self, message);
    }
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KlClientsPage *self = KL_CLIENTS_PAGE (widget);
  g_autofree char *title = NULL;
  g_autofree char *markup = NULL;
  KlEntity *client;
  guint position;
  guint n_items;
  gint64 id;
  AdwToast *toast;

  if (self->clients == NULL)
    return;

  client = gtk_single_selection_get_selected_item (self->selection);
  position = gtk_single_selection_get_selected (self->selection);
  if (client == NULL)
    return;
  id = kl_entity_get_id (client);
  /* Translators: a toast after a client was deleted; %s is its name. */
  title = g_strdup_printf (_("“%s” deleted"), kl_entity_get_text (client, "name"));
  /* The row goes, and @client with it. */
  client = NULL;

  /* One undo at a time: the previous deletion is carried out now (its
   * toast's own dismissal then finds nothing left to do). */
  if (self->undo_toast != NULL)
    {
      AdwToast *previous = g_steal_pointer (&self->undo_toast);

      carry_out_delete (self, *(gint64 *)g_object_get_data (G_OBJECT (previous), "client-id"));
      kl_toast_dismiss (previous);
    }

  g_array_append_val (self->pending_deletes, id);
  sync_hidden (self);

  /* The row that took its place is the next to act on. */
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->clients));
  if (n_items > 0)
    gtk_single_selection_set_selected (self->selection, MIN (position, n_items - 1));

  markup = g_markup_escape_text (title, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "clients.undo-delete");
  adw_toast_set_timeout (toast, UNDO_TIMEOUT_SECONDS);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_object_set_data_full (G_OBJECT (toast), "client-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (toast, "dismissed",
                           G_CALLBACK (on_undo_toast_dismissed_cb), self, G_CONNECT_SWAPPED);
  self->undo_toast = toast;
  kl_toast_add (self->toast_overlay, toast);
}

/* Brings back the client of the undo toast. */
static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KlClientsPage *self = KL_CLIENTS_PAGE (widget);
  AdwToast *toast = self->undo_toast;
  gint64 id;

  if (toast == NULL)
    return;

  id = *(gint64 *)g_object_get_data (G_OBJECT (toast), "client-id");
  if (take_pending (self, id))
    sync_hidden (self);

  self->undo_toast = NULL;
  kl_toast_dismiss (toast);
}

/* The card of the selected client. */
static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KlClientsPage *self = KL_CLIENTS_PAGE (widget);
  KlEntity *client;

  if (self->selection == NULL)
    return;

  client = gtk_single_selection_get_selected_item (self->selection);
  if (client != NULL)
    gtk_widget_activate_action (widget, "win.open-client", "x", kl_entity_get_id (client));
}

/* The editor of the selected client. */
static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KlClientsPage *self = KL_CLIENTS_PAGE (widget);
  g_autoptr(KlClient) client = NULL;
  g_autoptr(GError) error = NULL;
  KlEntity *selected;
  KlClientEditor *editor;
  GtkRoot *root;

  if (self->selection == NULL)
    return;

  selected = gtk_single_selection_get_selected_item (self->selection);
  if (selected == NULL)
    return;

  /* The list's row holds the list's columns: the editor gets the whole client. */
  client = kl_store_get (kl_session_get_store (kl_page_get_session (KL_PAGE (self)), KL_TYPE_CLIENT),
                         kl_entity_get_id (selected), &error);
  if (client == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not open the client: %s"),
                                                  error != NULL ? error->message : "");

      show_toast (self, message);
      return;
    }

  editor = kl_client_editor_new (kl_page_get_session (KL_PAGE (self)), client);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
      gtk_window_set_application (GTK_WINDOW (editor), gtk_window_get_application (GTK_WINDOW (root)));
    }
  gtk_window_present (GTK_WINDOW (editor));
}

static void
reset_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KlClientsPage *self = KL_CLIENTS_PAGE (widget);

  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->segment_dropdown, 0);
  gtk_drop_down_set_selected (self->source_dropdown, 0);
  gtk_drop_down_set_selected (self->manager_dropdown, 0);
  gtk_check_button_set_active (self->overdue_check, FALSE);
  gtk_check_button_set_active (self->no_contact_check, FALSE);
  self->syncing = FALSE;

  apply_filters (self);
}

static void
on_segments_recomputed_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(KlClientsPage) self = user_data;
  g_autoptr(KlClientList) counter = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  guint n[3];

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.recompute-segments", TRUE);

  if (!kl_clients_recompute_segments_finish (KL_SESSION (object), result, &error))
    {
      message = g_strdup_printf (_("Could not recompute the segments: %s"), error->message);
      g_debug ("%s", message);
      show_toast (self, message);
      return;
    }

  /* Closed meanwhile. */
  if (kl_page_get_session (KL_PAGE (self)) == NULL)
    return;

  /* How many clients each segment has now: three counts in SQL. */
  counter = kl_client_list_new (kl_page_get_session (KL_PAGE (self)));
  for (guint i = 0; i < G_N_ELEMENTS (n); i++)
    {
      kl_client_list_set_segment (counter, kl_client_segments[i]);
      n[i] = g_list_model_get_n_items (G_LIST_MODEL (counter));
    }

  /* Translators: the counts of clients in segments A, B and C. */
  message = g_strdup_printf (_("Segments recomputed from the last 12 months’ payments: A %1$u, B %2$u, C %3$u"),
                             n[0], n[1], n[2]);
  show_toast (self, message);
}

static void
recompute_segments_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  KlClientsPage *self = KL_CLIENTS_PAGE (widget);

  g_return_if_fail (kl_page_get_session (KL_PAGE (self)) != NULL);

  gtk_widget_action_set_enabled (widget, "clients.recompute-segments", FALSE);
  kl_clients_recompute_segments_async (kl_page_get_session (KL_PAGE (self)), NULL, NULL,
                                       on_segments_recomputed_cb, g_object_ref (self));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KlClientsPage *self = KL_CLIENTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  KlImportWizard *wizard;

  g_return_if_fail (kl_page_get_session (KL_PAGE (self)) != NULL);

  wizard = kl_import_wizard_new (kl_page_get_session (KL_PAGE (self)));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (wizard), GTK_WINDOW (root));
  g_signal_connect_object (wizard, "destroy",
                           G_CALLBACK (on_import_wizard_destroy_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (wizard));
}

/* The clients the list shows: its search, filters and order */
static GArray *
get_list_ids (GtkWidget  *page,
              GError    **error)
{
  return kl_client_list_get_ids (KL_CLIENTS_PAGE (page)->clients);
}

/**
 * kl_clients_page_export_list_to:
 *
 * Writes the clients the list shows — its search, filters and order — to
 * a workbook of one sheet at @path, in a worker thread; a toast says when
 * it is done.
 */
void
kl_clients_page_export_list_to (KlClientsPage *self,
                                const char    *path)
{
  g_return_if_fail (KL_IS_CLIENTS_PAGE (self));
  g_return_if_fail (self->clients != NULL);

  kl_list_export_to (self->list_export, path);
}

static void
export_list_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  kl_list_export_choose (KL_CLIENTS_PAGE (widget)->list_export);
}

/* Overrides */

static void
kl_clients_page_root (GtkWidget *widget)
{
  KlClientsPage *self = KL_CLIENTS_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (kl_clients_page_parent_class)->root (widget);

  /* Closing the window carries out the deletions still waiting for their
   * toast, before anything of the window goes. */
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    {
      self->window = GTK_WINDOW (root);
      self->close_request_id = g_signal_connect_object (root, "close-request",
                                                        G_CALLBACK (on_window_close_request_cb),
                                                        self, G_CONNECT_SWAPPED);
      self->application_id = g_signal_connect_object (root, "notify::application",
                                                      G_CALLBACK (on_window_notify_application_cb),
                                                      self, G_CONNECT_SWAPPED);
      watch_application (self);
    }
}

static void
kl_clients_page_unroot (GtkWidget *widget)
{
  KlClientsPage *self = KL_CLIENTS_PAGE (widget);

  if (self->window != NULL)
    {
      g_clear_signal_handler (&self->close_request_id, self->window);
      g_clear_signal_handler (&self->application_id, self->window);
      self->window = NULL;
      watch_application (self);
    }

  GTK_WIDGET_CLASS (kl_clients_page_parent_class)->unroot (widget);
}

static void
kl_clients_page_session_set (KlPage    *page,
                             KlSession *session)
{
  KlClientsPage *self = KL_CLIENTS_PAGE (page);
  KlClientSort sort = KL_CLIENT_SORT_NAME;
  gboolean descending = FALSE;
  KlClientFilter filter;

  fill_manager_dropdown (self);
  restore_filters (self);
  restore_sort (self);
  g_signal_connect_object (kl_session_get_store (session, KL_TYPE_MANAGER), "changed",
                           G_CALLBACK (on_managers_changed_cb), self, G_CONNECT_SWAPPED);

  /* One query for the remembered state. */
  self->clients = kl_client_list_new (session);
  probe_sort (self, &sort, &descending);
  kl_client_list_set_sort (self->clients, sort, descending);
  read_filter_widgets (self, &filter);
  kl_client_list_set_filter (self->clients, &filter);
  update_filter_count (self, &filter);
  g_signal_connect_object (self->clients, "items-changed",
                           G_CALLBACK (on_clients_items_changed_cb), self, G_CONNECT_SWAPPED);

  /* GTK 4.8's list makes 200 rows (GTK_LIST_VIEW_MAX_LIST_ITEMS), 2 000
   * cells, where a window shows 20 to 40: the view sees the first
   * screenful of clients (first_frame_rows()) until its first frame is
   * painted, then all of them (on_frame_clock_after_paint_cb()). */
  self->shown = gtk_slice_list_model_new (g_object_ref (G_LIST_MODEL (self->clients)), 0,
                                          gtk_widget_get_mapped (GTK_WIDGET (self)) ? G_MAXUINT : first_frame_rows (self));
  self->selection = g_object_new (GTK_TYPE_SINGLE_SELECTION,
                                  "autoselect", FALSE,
                                  "can-unselect", TRUE,
                                  "model", self->shown,
                                  NULL);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selection_notify_selected_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.load-demo", TRUE);
  update_row_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.recompute-segments", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.import", TRUE);
  update_state (self);
}

static void
kl_clients_page_dispose (GObject *object)
{
  KlClientsPage *self = KL_CLIENTS_PAGE (object);

  /* Nothing the user asked for is lost when the page goes first. */
  carry_out_all_deletes (self);
  self->undo_toast = NULL;
  g_clear_handle_id (&self->fit_name_id, g_source_remove);

  /* Without a list, the sorter's changes while the columns go are ignored. */
  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->clients);
  g_clear_object (&self->settings);

  /* The bin's child is the template's: let go of it before the template does. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_CLIENTS_PAGE);

  G_OBJECT_CLASS (kl_clients_page_parent_class)->dispose (object);
}

static void
kl_clients_page_finalize (GObject *object)
{
  KlClientsPage *self = KL_CLIENTS_PAGE (object);

  g_clear_pointer (&self->manager_ids, g_array_unref);
  g_clear_pointer (&self->pending_deletes, g_array_unref);

  G_OBJECT_CLASS (kl_clients_page_parent_class)->finalize (object);
}

static void
on_frame_clock_after_paint_cb (GdkFrameClock *clock,
                               KlClientsPage *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_frame_clock_after_paint_cb, self);
  if (self->shown != NULL)
    gtk_slice_list_model_set_size (self->shown, G_MAXUINT);
}

/* Once the first frame with the list is painted, give it every client;
 * GTK 4.8 then makes its 200 rows (about 15 MiB of widgets), after the
 * frame rather than before it. */
static void
kl_clients_page_map (GtkWidget *widget)
{
  KlClientsPage *self = KL_CLIENTS_PAGE (widget);

  GTK_WIDGET_CLASS (kl_clients_page_parent_class)->map (widget);

  if (self->shown != NULL && gtk_slice_list_model_get_size (self->shown) != G_MAXUINT)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (on_frame_clock_after_paint_cb), self, 0);
}

static void
kl_clients_page_class_init (KlClientsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlPageClass *page_class = KL_PAGE_CLASS (klass);

  object_class->dispose = kl_clients_page_dispose;
  object_class->finalize = kl_clients_page_finalize;

  page_class->session_set = kl_clients_page_session_set;

  widget_class->map = kl_clients_page_map;
  widget_class->root = kl_clients_page_root;
  widget_class->unroot = kl_clients_page_unroot;

  gtk_widget_class_install_action (widget_class, "clients.focus-search", NULL, focus_search_action);
  gtk_widget_class_install_action (widget_class, "clients.load-demo", NULL, load_demo_action);
  gtk_widget_class_install_action (widget_class, "clients.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "clients.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "clients.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "clients.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "clients.reset-filters", NULL, reset_filters_action);
  gtk_widget_class_install_action (widget_class, "clients.recompute-segments", NULL,
                                   recompute_segments_action);
  gtk_widget_class_install_action (widget_class, "clients.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "page.export-list", NULL, export_list_action);

  g_type_ensure (KL_TYPE_CLIENT);
  g_type_ensure (KL_TYPE_LIST_EXPORT);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/clients/kl-clients-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, filter_count_label);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, segment_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, manager_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, overdue_check);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, no_contact_check);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, list_export);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, tax_id_column);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, city_column);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, segment_column);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, manager_column);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, last_contact_column);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, next_activity_column);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, open_pipeline_column);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, overdue_debt_column);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, no_match_page);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, load_demo_button);
  gtk_widget_class_bind_template_child (widget_class, KlClientsPage, row_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
}

static void
kl_clients_page_init (KlClientsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Translators: the file name offered for an exported client list; keep the date and the ending */
  kl_list_export_setup (self->list_export, KL_WORKBOOK_CLIENTS, _("clients %s.xlsx"), get_list_ids);

  self->settings = kl_settings_new ();
  self->manager_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pending_deletes = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->columns[COLUMN_NAME] = self->name_column;
  self->columns[COLUMN_TAX_ID] = self->tax_id_column;
  self->columns[COLUMN_CITY] = self->city_column;
  self->columns[COLUMN_SEGMENT] = self->segment_column;
  self->columns[COLUMN_STATUS] = self->status_column;
  self->columns[COLUMN_MANAGER] = self->manager_column;
  self->columns[COLUMN_LAST_CONTACT] = self->last_contact_column;
  self->columns[COLUMN_NEXT_ACTIVITY] = self->next_activity_column;
  self->columns[COLUMN_OPEN_PIPELINE] = self->open_pipeline_column;
  self->columns[COLUMN_OVERDUE_DEBT] = self->overdue_debt_column;

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = cell_factory_new (&cell_specs[i]);

      gtk_column_view_column_set_factory (self->columns[i], factory);
    }

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkSorter) sorter = NULL;

      self->column_sorters[i].page = self;
      self->column_sorters[i].sort = column_sorts[i];
      sorter = GTK_SORTER (gtk_custom_sorter_new (column_sort_func, &self->column_sorters[i], NULL));
      gtk_column_view_column_set_sorter (self->columns[i], sorter);
    }

  restore_columns (self);
  add_column_actions (self);
  g_signal_connect_object (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view)), "changed",
                           G_CALLBACK (on_hadjustment_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::clients-hidden-columns",
                           G_CALLBACK (on_settings_hidden_columns_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);

  self->syncing = TRUE;
  fill_choice_dropdown (self->status_dropdown, _("All statuses"), kl_client_statuses);
  fill_choice_dropdown (self->segment_dropdown, _("All segments"), kl_client_segments);
  fill_choice_dropdown (self->source_dropdown, _("All sources"), kl_client_sources);
  fill_manager_dropdown (self);
  self->syncing = FALSE;

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  kl_column_view_set_label (self->column_view, _("Clients"));
  kl_list_menu_attach (GTK_WIDGET (self), GTK_WIDGET (self->column_view), self->row_menu,
                       prepare_row_menu, self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.load-demo", FALSE);
  update_row_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.reset-filters", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.recompute-segments", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "clients.import", FALSE);
}

/* Public API */

GtkWidget *
kl_clients_page_new (KlSession *session)
{
  g_return_val_if_fail (session == NULL || KL_IS_SESSION (session), NULL);

  return g_object_new (KL_TYPE_CLIENTS_PAGE, "session", session, NULL);
}

KlSession *
kl_clients_page_get_session (KlClientsPage *self)
{
  g_return_val_if_fail (KL_IS_CLIENTS_PAGE (self), NULL);

  return kl_page_get_session (KL_PAGE (self));
}

/* A page shows one session for its life: this may be called once. */
void
kl_clients_page_set_session (KlClientsPage *self,
                             KlSession     *session)
{
  g_return_if_fail (KL_IS_CLIENTS_PAGE (self));

  kl_page_set_session (KL_PAGE (self), session);
}
