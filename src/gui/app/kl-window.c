/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-window.h"

#include "kl-activity-editor.h"
#include "kl-client-card.h"
#include "kl-client-editor.h"
#include "kl-clients-page.h"
#include "kl-competitors-page.h"
#include "kl-complaints-page.h"
#include "kl-contracts-page.h"
#include "kl-deals-page.h"
#include "kl-funnel-page.h"
#include "kl-invoices-page.h"
#include "kl-kpi-page.h"
#include "kl-preferences-window.h"
#include "kl-offers-page.h"
#include "kl-price-list-page.h"
#include "kl-reports-page.h"
#include "kl-section.h"
#include "kl-settings.h"
#include "kl-today-page.h"

/* The main window: a sidebar of sections on the left, the visible section
 * on the right (one page of a GtkStack per section). Its size, maximized
 * state and last section are kept in GSettings.
 *
 * Each section is a KlSection in kl-window.ui naming the type of its page;
 * the page is built the first time the section is shown (ensure_page()),
 * so the window starts with the template and queries of one page only. */
struct _KlWindow
{
  AdwApplicationWindow  parent_instance;

  KlSession            *session;
  GSettings            *settings;

  /* Template children */
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar;
  GtkWidget            *content_box;
  AdwWindowTitle       *content_title;
  GtkStack             *stack;
  GtkInfoBar           *notice_bar;
  GtkLabel             *notice_label;
};

G_DEFINE_FINAL_TYPE (KlWindow, kl_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Alt+1 … Alt+9 show the sections in the sidebar's order. */
#define N_SECTION_KEYS 9

static GtkWidget *
create_sidebar_row (gpointer item,
                    gpointer user_data)
{
  GtkStackPage *page = GTK_STACK_PAGE (item);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *image = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  g_object_bind_property (page, "icon-name", image, "icon-name", G_BINDING_SYNC_CREATE);
  g_object_bind_property (page, "title", label, "label", G_BINDING_SYNC_CREATE);
  gtk_box_append (GTK_BOX (box), image);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  /* A row is named by nothing of its own. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);

  return row;
}

static void
sync_sidebar_selection (KlWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (self->stack);
  guint n_pages = g_list_model_get_n_items (G_LIST_MODEL (pages));

  for (guint i = 0; i < n_pages; i++)
    {
      if (gtk_selection_model_is_selected (pages, i))
        {
          gtk_list_box_select_row (self->sidebar, gtk_list_box_get_row_at_index (self->sidebar, i));
          break;
        }
    }
}

static void
restore_state (KlWindow *self)
{
  g_autofree char *section = g_settings_get_string (self->settings, "last-section");

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  if (gtk_stack_get_child_by_name (self->stack, section) != NULL)
    gtk_stack_set_visible_child_name (self->stack, section);
}

static void
save_state (KlWindow *self)
{
  const char *section = gtk_stack_get_visible_child_name (self->stack);
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  int width, height;

  g_settings_delay (self->settings);
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  if (section != NULL)
    g_settings_set_string (self->settings, "last-section", section);
  g_settings_apply (self->settings);
}

static void
on_sidebar_row_activated_cb (KlWindow      *self,
                             GtkListBoxRow *row,
                             GtkListBox    *sidebar)
{
  g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (self->stack);

  gtk_selection_model_select_item (pages, gtk_list_box_row_get_index (row), TRUE);
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
}

static void
on_back_button_clicked_cb (KlWindow  *self,
                           GtkButton *button)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_stack_notify_visible_child_cb (KlWindow   *self,
                           GParamSpec *pspec,
                           GtkStack   *stack)
{
  GtkWidget *child = gtk_stack_get_visible_child (stack);
  GtkStackPage *page;

  /* Also called while the template is being built and disposed. */
  if (child == NULL || self->content_title == NULL || self->session == NULL)
    return;
  page = gtk_stack_get_page (stack, child);
  if (page == NULL)
    return;

  kl_section_ensure_page (KL_SECTION (child), self->session);
  adw_window_title_set_title (self->content_title, gtk_stack_page_get_title (page));
  sync_sidebar_selection (self);
}

/* The section at @parameter (from 0) in the sidebar's order, if there is one. */
static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KlWindow *self = KL_WINDOW (widget);
  g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (self->stack);
  guint index = g_variant_get_uint32 (parameter);

  if (index >= g_list_model_get_n_items (G_LIST_MODEL (pages)))
    return;

  gtk_selection_model_select_item (pages, index, TRUE);
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);
  /* The keyboard goes on in the section shown. */
  gtk_widget_child_focus (gtk_stack_get_visible_child (self->stack), GTK_DIR_TAB_FORWARD);
}

/* Alt+N for the Nth section, whatever sections there are; Ctrl+Shift+A
 * for a new activity. In the capture phase: a text entry (the clients'
 * search has the focus at first) would take Ctrl+Shift+A for "select
 * none". */
static void
add_window_shortcuts (KlWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), GTK_SHORTCUT_SCOPE_GLOBAL);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < N_SECTION_KEYS; i++)
    {
      GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_1 + i, GDK_ALT_MASK),
                                                gtk_named_action_new ("win.show-section"));

      gtk_shortcut_set_arguments (shortcut, g_variant_new_uint32 (i));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("win.new-activity")));
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* The clients page's wizard, from the primary menu. */
static void
import_csv_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KlWindow *self = KL_WINDOW (widget);

  gtk_widget_activate_action (GTK_WIDGET (kl_window_get_page (self, "clients")), "clients.import", NULL);
}

/* The card of @client_id: the one already open, or a new one. */
static void
open_client_card (KlWindow *self,
                  gint64    client_id)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  KlClientCard *card;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (KL_IS_CLIENT_CARD (window) &&
          kl_client_card_get_session (KL_CLIENT_CARD (window)) == self->session &&
          kl_client_card_get_client_id (KL_CLIENT_CARD (window)) == client_id)
        {
          gtk_window_present (window);
          return;
        }
    }

  card = kl_client_card_new (self->session, client_id);
  gtk_window_set_application (GTK_WINDOW (card), gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_present (GTK_WINDOW (card));
}

/* A new client opens on its card, where its contact persons are added;
 * so does the client the editor found the new one to duplicate. */
static void
on_new_client_saved_cb (KlWindow       *self,
                        gint64          client_id,
                        KlClientEditor *editor)
{
  open_client_card (self, client_id);
}

static void
new_client_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KlWindow *self = KL_WINDOW (widget);
  KlClientEditor *editor = kl_client_editor_new (self->session, NULL);

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  gtk_window_set_application (GTK_WINDOW (editor), gtk_window_get_application (GTK_WINDOW (self)));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_new_client_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "open-client", G_CALLBACK (on_new_client_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (editor));
}

/* Ctrl+N: a new record of the section shown (its action "page.new"), or
 * a new client where the section has none. */
static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KlWindow *self = KL_WINDOW (widget);
  const char *name = gtk_stack_get_visible_child_name (self->stack);
  KlPage *page = name != NULL ? kl_window_get_page (self, name) : NULL;

  if (page != NULL && gtk_widget_activate_action (GTK_WIDGET (page), "page.new", NULL))
    return;

  new_client_action (widget, "win.new-client", NULL);
}

/* Ctrl+E: "Export This List" of the section shown (its action
 * "page.export-list"), where it has a list to export. */
static void
export_list_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KlWindow *self = KL_WINDOW (widget);
  const char *name = gtk_stack_get_visible_child_name (self->stack);
  KlPage *page = name != NULL ? kl_window_get_page (self, name) : NULL;

  if (page == NULL || !gtk_widget_activate_action (GTK_WIDGET (page), "page.export-list", NULL))
    gtk_widget_error_bell (widget);
}

static void
open_client_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_client_card (KL_WINDOW (widget), g_variant_get_int64 (parameter));
}

/* The own company's preferences, one window at a time. */
static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KlWindow *self = KL_WINDOW (widget);
  GListModel *toplevels = gtk_window_get_toplevels ();
  KlPreferencesWindow *window;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (KL_IS_PREFERENCES_WINDOW (toplevel)
          && gtk_window_get_transient_for (GTK_WINDOW (toplevel)) == GTK_WINDOW (self))
        {
          gtk_window_present (GTK_WINDOW (toplevel));
          return;
        }
    }

  window = kl_preferences_window_new (GTK_WINDOW (self), self->session);
  gtk_window_set_application (GTK_WINDOW (window), gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_present (GTK_WINDOW (window));
}

/* Plans or logs an activity (the Today section has the same button). */
static void
new_activity_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KlWindow *self = KL_WINDOW (widget);
  KlActivityEditor *editor = kl_activity_editor_new (self->session, NULL);

  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  gtk_window_set_application (GTK_WINDOW (editor), gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_present (GTK_WINDOW (editor));
}

/* The keyboard shortcuts, built the first time they are asked for; at
 * gtk/help-overlay.ui GtkApplication would build them into every window
 * at its start, for as long as the window's own template takes. */
static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  GtkApplicationWindow *self = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (self);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PREFIX "/ui/app/help-overlay.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (self, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static gboolean
kl_window_close_request (GtkWindow *window)
{
  save_state (KL_WINDOW (window));

  return GTK_WINDOW_CLASS (kl_window_parent_class)->close_request (window);
}

static void
kl_window_constructed (GObject *object)
{
  KlWindow *self = KL_WINDOW (object);
  g_autoptr(GtkSelectionModel) pages = NULL;

  G_OBJECT_CLASS (kl_window_parent_class)->constructed (object);

  g_assert (KL_IS_SESSION (self->session));

  /* What a large import, ended before its search index was, left. */
  kl_session_update_search_index_in_background (self->session);

  pages = gtk_stack_get_pages (self->stack);
  gtk_list_box_bind_model (self->sidebar, G_LIST_MODEL (pages), create_sidebar_row, NULL, NULL);
  restore_state (self);
  on_stack_notify_visible_child_cb (self, NULL, self->stack);
  adw_leaflet_set_visible_child (self->leaflet, self->content_box);

  /* A file the user may not write: look, but change nothing. */
  if (kl_database_is_read_only (kl_session_get_database (self->session)))
    {
      kl_window_show_notice (self, _("This database is read-only: you can look at everything, but no change can be saved. "
                                     "Copy the file somewhere you may write to change it."));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-client", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-csv", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-activity", FALSE);
    }
}

static void
kl_window_dispose (GObject *object)
{
  KlWindow *self = KL_WINDOW (object);

  /* First: the stack, losing its pages one by one, shows each next one,
   * and with no session on_stack_notify_visible_child_cb builds none. */
  g_clear_object (&self->session);
  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kl_window_parent_class)->dispose (object);
}

static void
kl_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KlWindow *self = KL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  KlWindow *self = KL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_window_class_init (KlWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = kl_window_constructed;
  object_class->dispose = kl_window_dispose;
  object_class->get_property = kl_window_get_property;
  object_class->set_property = kl_window_set_property;

  window_class->close_request = kl_window_close_request;

  /**
   * KlWindow:session:
   *
   * The open database and its stores.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         KL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The sections' pages, named by kl-window.ui. */
  g_type_ensure (KL_TYPE_SECTION);
  g_type_ensure (KL_TYPE_CLIENTS_PAGE);
  g_type_ensure (KL_TYPE_TODAY_PAGE);
  g_type_ensure (KL_TYPE_DEALS_PAGE);
  g_type_ensure (KL_TYPE_FUNNEL_PAGE);
  g_type_ensure (KL_TYPE_KPI_PAGE);
  g_type_ensure (KL_TYPE_CONTRACTS_PAGE);
  g_type_ensure (KL_TYPE_OFFERS_PAGE);
  g_type_ensure (KL_TYPE_PRICE_LIST_PAGE);
  g_type_ensure (KL_TYPE_INVOICES_PAGE);
  g_type_ensure (KL_TYPE_COMPLAINTS_PAGE);
  g_type_ensure (KL_TYPE_COMPETITORS_PAGE);
  g_type_ensure (KL_TYPE_REPORTS_PAGE);

  gtk_widget_class_install_action (widget_class, "win.import-csv", NULL, import_csv_action);
  gtk_widget_class_install_action (widget_class, "win.show-section", "u", show_section_action);

  gtk_widget_class_install_action (widget_class, "win.new-client", NULL, new_client_action);
  gtk_widget_class_install_action (widget_class, "win.open-client", "x", open_client_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_install_action (widget_class, "win.export-list", NULL, export_list_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export-list", NULL);

  gtk_widget_class_install_action (widget_class, "win.new-activity", NULL, new_activity_action);
  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL, show_help_overlay_action);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/app/kl-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KlWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, KlWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, KlWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, KlWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, KlWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KlWindow, notice_bar);
  gtk_widget_class_bind_template_child (widget_class, KlWindow, notice_label);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stack_notify_visible_child_cb);
}

static void
kl_window_init (KlWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  add_window_shortcuts (self);

  self->settings = kl_settings_new ();
}

KlWindow *
kl_window_new (KlApplication *application,
               KlSession     *session)
{
  g_return_val_if_fail (application == NULL || KL_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);

  return g_object_new (KL_TYPE_WINDOW,
                       "application", application,
                       "session", session,
                       NULL);
}

KlSession *
kl_window_get_session (KlWindow *self)
{
  g_return_val_if_fail (KL_IS_WINDOW (self), NULL);

  return self->session;
}

/**
 * kl_window_show_notice:
 * @message: (nullable): one or two sentences; %NULL hides the bar
 *
 * Shows @message in a bar above the sections until it is replaced: the
 * database is read-only, a backup was restored, today's backup failed.
 */
void
kl_window_show_notice (KlWindow   *self,
                       const char *message)
{
  g_return_if_fail (KL_IS_WINDOW (self));

  gtk_label_set_text (self->notice_label, message != NULL ? message : "");
  gtk_info_bar_set_revealed (self->notice_bar, message != NULL);
}

/* The notice shown, or %NULL. */
const char *
kl_window_get_notice (KlWindow *self)
{
  g_return_val_if_fail (KL_IS_WINDOW (self), NULL);

  if (!gtk_info_bar_get_revealed (self->notice_bar))
    return NULL;
  return gtk_label_get_text (self->notice_label);
}

/**
 * kl_window_get_page:
 * @name: a section's name in kl-window.ui ("clients", "today", …)
 *
 * Returns: (transfer none) (nullable): the section's page, built now if
 *   it has not been shown yet; %NULL if there is no such section.
 */
KlPage *
kl_window_get_page (KlWindow   *self,
                    const char *name)
{
  GtkWidget *section;

  g_return_val_if_fail (KL_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  section = gtk_stack_get_child_by_name (self->stack, name);
  if (section == NULL)
    return NULL;

  return kl_section_ensure_page (KL_SECTION (section), self->session);
}
