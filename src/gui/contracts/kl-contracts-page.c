/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-contracts-page.h"

#include <string.h>

#include "kl-contract-draft.h"
#include "kl-contract-editor.h"
#include "kl-contract-list.h"
#include "kl-document-output.h"
#include "kl-entities.h"
#include "kl-format.h"
#include "kl-list-export.h"
#include "kl-query-view.h"

/* The Contracts section: the lazy list of every contract (KlQueryList,
 * sorted and filtered in SQL) with its days to expiry; filters by status
 * and by the end within 30, 60 or 90 days; Enter or a double click opens
 * a contract, "New Contract" (Ctrl+N) drafts one; the selected one is saved
 * as PDF (Ctrl+Shift+S) or printed (Ctrl+P); Ctrl+E exports the list as it
 * is shown to a workbook (KlListExport). */

struct _KlContractsPage
{
  KlPage            parent_instance;

  KlQueryList      *list;

  /* Template children */
  AdwToastOverlay  *toast_overlay;
  GtkSearchEntry   *search_entry;
  GtkDropDown      *status_dropdown;
  GtkDropDown      *expiring_dropdown;
  GtkColumnView    *column_view;
  KlListExport     *list_export;
};

G_DEFINE_FINAL_TYPE (KlContractsPage, kl_contracts_page, KL_TYPE_PAGE)

/* Cells */

static char *
number_text (KlEntity *contract)
{
  return g_strdup (kl_entity_get_text (contract, "number"));
}

static char *
client_text (KlEntity *contract)
{
  return g_strdup (kl_entity_get_text (contract, "client_name"));
}

static char *
title_text (KlEntity *contract)
{
  return g_strdup (kl_entity_get_text (contract, "title"));
}

static char *
status_text (KlEntity *contract)
{
  return g_strdup (kl_choice_label (kl_contract_statuses, kl_entity_get_text (contract, "status")));
}

static char *
end_text (KlEntity *contract)
{
  const char *end = kl_entity_get_text (contract, "end_date");

  return end != NULL ? kl_format_date (end) : NULL;
}

/* Only for a contract in force or about to be. */
static char *
days_left_text (KlEntity *contract)
{
  const char *status = kl_entity_get_text (contract, "status");

  if (kl_entity_get_text (contract, "end_date") == NULL
      || (g_strcmp0 (status, "signed") != 0 && g_strcmp0 (status, "active") != 0))
    return NULL;
  return g_strdup_printf ("%" G_GINT64_FORMAT, kl_entity_get_number (contract, "days_left"));
}

static char *
amount_text (KlEntity *contract)
{
  return kl_format_money (kl_entity_get_number (contract, "amount"), kl_entity_get_text (contract, "currency"));
}

static char *
manager_text (KlEntity *contract)
{
  return g_strdup (kl_entity_get_text (contract, "manager_name"));
}

static const struct {
  const char      *title;
  const char      *sort;
  int              width;
  KlQueryCellFunc  text;
  float            xalign;
} columns[] = {
  { N_("Number"), "number", 120, number_text, 0.0f },
  { N_("Client"), "client", 200, client_text, 0.0f },
  { N_("Title"), "title", 220, title_text, 0.0f },
  { N_("Status"), "status", 90, status_text, 0.0f },
  { N_("End date"), "end", 130, end_text, 0.0f },
  { N_("Days left"), "days-left", 120, days_left_text, 1.0f },
  { N_("Amount"), "amount", 130, amount_text, 1.0f },
  { N_("Manager"), "manager", 140, manager_text, 0.0f },
};

static const int expiring_days[] = { 0, 30, 60, 90 };

/* Helpers */

static void
open_editor (KlContractsPage *self,
             KlContract      *contract)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  KlContractEditor *editor = kl_contract_editor_new (kl_page_get_session (KL_PAGE (self)), contract);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

/* Callbacks */

static void
on_column_view_activate_cb (KlContractsPage *self,
                            guint            position)
{
  g_autoptr(KlEntity) item = g_list_model_get_item (G_LIST_MODEL (self->list), position);
  g_autoptr(KlEntity) contract = NULL;

  if (item == NULL)
    return;
  contract = kl_store_get (kl_session_get_store (kl_page_get_session (KL_PAGE (self)), KL_TYPE_CONTRACT),
                           kl_entity_get_id (item), NULL);
  if (contract != NULL)
    open_editor (self, KL_CONTRACT (contract));
}

static void
on_expiring_selected_cb (KlContractsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->expiring_dropdown);

  if (i == 0 || i >= G_N_ELEMENTS (expiring_days))
    kl_query_list_clear_filter (self->list, "expiring");
  else
    kl_query_list_set_filter_int (self->list, "expiring", expiring_days[i]);
}

static void
new_contract_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KlContractsPage *self = KL_CONTRACTS_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(KlContract) draft = kl_contract_new_draft (kl_page_get_session (KL_PAGE (self)), 0, &error);

  if (draft == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  open_editor (self, draft);
}

static GArray *
get_list_ids (GtkWidget  *page,
              GError    **error)
{
  return kl_query_list_get_ids (KL_CONTRACTS_PAGE (page)->list, error);
}

static void
export_list_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  kl_list_export_choose (KL_CONTRACTS_PAGE (widget)->list_export);
}

static void
document_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KlContractsPage *self = KL_CONTRACTS_PAGE (widget);

  kl_document_output_selected (widget, self->column_view, kl_page_get_session (KL_PAGE (self)),
                               KL_DOCUMENT_CONTRACT, g_str_equal (action_name, "contracts.print"),
                               self->toast_overlay);
}

/* Overrides */

static void
kl_contracts_page_session_set (KlPage    *page,
                               KlSession *session)
{
  KlContractsPage *self = KL_CONTRACTS_PAGE (page);
  g_autoptr(GtkStringList) expiring = gtk_string_list_new (NULL);

  self->list = kl_contract_list_new (session);
  kl_query_list_set_sort (self->list, "end", FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = gtk_column_view_column_new (_(columns[i].title), NULL);

      kl_query_view_set_cell (column, columns[i].text, columns[i].xalign, 0);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, columns[i].width);
      gtk_column_view_append_column (self->column_view, column);
      kl_query_view_add_sort (self->column_view, column, columns[i].sort);
    }
  kl_query_view_attach (self->column_view, self->list);

  kl_query_view_bind_search (GTK_EDITABLE (self->search_entry), self->list, "search");
  kl_query_view_bind_choice (self->status_dropdown, self->list, "status", _("All statuses"),
                             kl_contract_statuses, NULL);
  gtk_string_list_append (expiring, _("Any end date"));
  for (guint i = 1; i < G_N_ELEMENTS (expiring_days); i++)
    {
      g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "Ending within %d day",
                                                             "Ending within %d days",
                                                             expiring_days[i]),
                                                expiring_days[i]);

      gtk_string_list_append (expiring, label);
    }
  gtk_drop_down_set_model (self->expiring_dropdown, G_LIST_MODEL (expiring));
  g_signal_connect_object (self->expiring_dropdown, "notify::selected",
                           G_CALLBACK (on_expiring_selected_cb), self, G_CONNECT_SWAPPED);
}

static void
kl_contracts_page_dispose (GObject *object)
{
  KlContractsPage *self = KL_CONTRACTS_PAGE (object);

  /* The bin's child is the template's: unparented before the template
   * lets it go (else the bin unparents a finished widget). */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_CONTRACTS_PAGE);
  g_clear_object (&self->list);

  G_OBJECT_CLASS (kl_contracts_page_parent_class)->dispose (object);
}

static void
kl_contracts_page_class_init (KlContractsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlPageClass *page_class = KL_PAGE_CLASS (klass);

  object_class->dispose = kl_contracts_page_dispose;
  page_class->session_set = kl_contracts_page_session_set;

  /* Ctrl+N is the window's "win.new", which asks the page shown. */
  gtk_widget_class_install_action (widget_class, "page.new", NULL, new_contract_action);
  gtk_widget_class_install_action (widget_class, "contracts.save-pdf", NULL, document_action);
  gtk_widget_class_install_action (widget_class, "contracts.print", NULL, document_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "contracts.save-pdf", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "contracts.print", NULL);

  gtk_widget_class_install_action (widget_class, "page.export-list", NULL, export_list_action);

  g_type_ensure (KL_TYPE_LIST_EXPORT);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/contracts/kl-contracts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KlContractsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlContractsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KlContractsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlContractsPage, expiring_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlContractsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, KlContractsPage, list_export);
  gtk_widget_class_bind_template_child_full (widget_class, "export_button", FALSE, 0);

  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
}

static void
kl_contracts_page_init (KlContractsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Translators: the file name offered for an exported list of contracts; keep the date and the ending */
  kl_list_export_setup (self->list_export, KL_WORKBOOK_CONTRACTS, _("contracts %s.xlsx"), get_list_ids);
}

KlQueryList *
kl_contracts_page_get_list (KlContractsPage *self)
{
  g_return_val_if_fail (KL_IS_CONTRACTS_PAGE (self), NULL);

  return self->list;
}
