/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-client-picker.h"

#include "kl-client-list.h"

/* The searchable client field of the deal, contract, offer, invoice and
 * complaint editors: an entry row (its title names it for screen readers)
 * whose text searches the clients as typed (KlClientList, the client
 * search of the clients list: folded, by words, contacts' names too) and
 * shows the first matches in a popover under it.
 *
 * The focus stays in the entry, as in a combo box: Down and Up move the
 * highlighted match, Enter takes it (or the first match), Escape closes
 * the popover; a click on a match takes it. Taking a client writes its
 * name into the entry and sets :client-id; typing anything else clears
 * :client-id until a client is taken again. */

struct _KlClientPicker
{
  AdwEntryRow   parent_instance;

  KlSession    *session;
  KlClientList *clients;
  GtkPopover   *popover;
  GtkListBox   *matches;
  GtkLabel     *empty_label;
  gint64        client_id;
  char         *client_name;
  guint         n_matches;
  gboolean      setting_text;
};

G_DEFINE_FINAL_TYPE (KlClientPicker, kl_client_picker, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_CLIENT_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_text_quietly (KlClientPicker *self,
                  const char     *text)
{
  self->setting_text = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self), text != NULL ? text : "");
  gtk_editable_set_position (GTK_EDITABLE (self), -1);
  self->setting_text = FALSE;
}

static void
set_client (KlClientPicker *self,
            gint64          client_id,
            const char     *name)
{
  g_free (self->client_name);
  self->client_name = g_strdup (name);
  if (self->client_id == client_id)
    return;

  self->client_id = client_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLIENT_ID]);
}

static void
close_popover (KlClientPicker *self)
{
  if (self->popover != NULL)
    gtk_popover_popdown (self->popover);
}

/* As wide as the row, under it. */
static void
open_popover (KlClientPicker *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  gtk_widget_set_size_request (GTK_WIDGET (self->popover), MAX (width, 200), -1);
  gtk_popover_set_pointing_to (self->popover, &(GdkRectangle) { 0, 0, MAX (width, 1), MAX (height, 1) });
  gtk_popover_popup (self->popover);
}

static void
take_row (KlClientPicker *self,
          GtkListBoxRow  *row)
{
  gint64 id;
  const char *name;

  if (row == NULL)
    return;

  id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "kl-client-id"));
  name = g_object_get_data (G_OBJECT (row), "kl-client-name");
  close_popover (self);
  set_text_quietly (self, name);
  set_client (self, id, name);
}

static GtkWidget *
create_row (KlClient *client)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (kl_client_get_name (client));
  const char *city = kl_client_get_city (client);
  const char *tax_id = kl_client_get_tax_id (client);
  g_autofree char *details = NULL;

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), name);

  if (city != NULL && tax_id != NULL)
    details = g_strdup_printf ("%s · %s", city, tax_id);
  else if (city != NULL || tax_id != NULL)
    details = g_strdup (city != NULL ? city : tax_id);
  if (details != NULL)
    {
      GtkWidget *label = gtk_label_new (details);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
    }

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kl_client_get_name (client), -1);
  g_object_set_data (G_OBJECT (row), "kl-client-id", GSIZE_TO_POINTER (kl_entity_get_id (KL_ENTITY (client))));
  g_object_set_data_full (G_OBJECT (row), "kl-client-name", g_strdup (kl_client_get_name (client)), g_free);

  return row;
}

static void
fill_matches (KlClientPicker *self,
              const char     *text)
{
  GtkWidget *child;
  guint n;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->matches))) != NULL)
    gtk_list_box_remove (self->matches, child);

  kl_client_list_set_search (self->clients, text);
  n = MIN (g_list_model_get_n_items (G_LIST_MODEL (self->clients)), KL_CLIENT_PICKER_MAX_MATCHES);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlClient) client = g_list_model_get_item (G_LIST_MODEL (self->clients), i);

      gtk_list_box_append (self->matches, create_row (client));
    }
  self->n_matches = n;

  gtk_widget_set_visible (GTK_WIDGET (self->matches), n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), n == 0);
  if (n > 0)
    gtk_list_box_select_row (self->matches, gtk_list_box_get_row_at_index (self->matches, 0));
}

static void
move_highlight (KlClientPicker *self,
                int             delta)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->matches);
  int index = row != NULL ? gtk_list_box_row_get_index (row) + delta : 0;

  if (self->n_matches == 0)
    return;

  index = CLAMP (index, 0, (int)self->n_matches - 1);
  gtk_list_box_select_row (self->matches, gtk_list_box_get_row_at_index (self->matches, index));
}

static void
on_changed_cb (KlClientPicker *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self));

  if (self->setting_text || self->clients == NULL)
    return;

  /* Typing over a taken client lets it go. */
  if (g_strcmp0 (text, self->client_name) != 0)
    set_client (self, 0, NULL);

  /* Only what is typed here opens the matches. */
  if (text[0] == '\0' ||
      (gtk_widget_get_state_flags (GTK_WIDGET (self)) & GTK_STATE_FLAG_FOCUS_WITHIN) == 0)
    {
      close_popover (self);
      return;
    }

  fill_matches (self, text);
  open_popover (self);
}

static void
on_entry_activated_cb (KlClientPicker *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    return;

  take_row (self, gtk_list_box_get_selected_row (self->matches));
}

static void
on_row_activated_cb (KlClientPicker *self,
                     GtkListBoxRow  *row)
{
  take_row (self, row);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static gboolean
on_key_pressed_cb (KlClientPicker        *self,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   GtkEventControllerKey *controller)
{
  gboolean open = gtk_widget_get_visible (GTK_WIDGET (self->popover));

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (!open)
        {
          on_changed_cb (self);
          return gtk_widget_get_visible (GTK_WIDGET (self->popover));
        }
      move_highlight (self, 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (!open)
        return FALSE;
      move_highlight (self, -1);
      return TRUE;
    case GDK_KEY_Escape:
      if (!open)
        return FALSE;
      close_popover (self);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (!open)
        return FALSE;
      take_row (self, gtk_list_box_get_selected_row (self->matches));
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_focus_leave_cb (KlClientPicker *self)
{
  close_popover (self);
  /* Left with text that names no client: show the client that is taken. */
  if (self->client_id != 0 && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self)), self->client_name) != 0)
    set_text_quietly (self, self->client_name);
}

static void
kl_client_picker_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KlClientPicker *self = KL_CLIENT_PICKER (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_client_picker_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KlClientPicker *self = KL_CLIENT_PICKER (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      kl_client_picker_set_client_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_client_picker_dispose (GObject *object)
{
  KlClientPicker *self = KL_CLIENT_PICKER (object);

  if (self->popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->popover));
      self->popover = NULL;
    }
  g_clear_object (&self->clients);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (kl_client_picker_parent_class)->dispose (object);
}

static void
kl_client_picker_finalize (GObject *object)
{
  KlClientPicker *self = KL_CLIENT_PICKER (object);

  g_free (self->client_name);

  G_OBJECT_CLASS (kl_client_picker_parent_class)->finalize (object);
}

static void
kl_client_picker_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  KlClientPicker *self = KL_CLIENT_PICKER (widget);

  GTK_WIDGET_CLASS (kl_client_picker_parent_class)->size_allocate (widget, width, height, baseline);

  gtk_popover_present (self->popover);
}

static void
kl_client_picker_class_init (KlClientPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kl_client_picker_dispose;
  object_class->finalize = kl_client_picker_finalize;
  object_class->get_property = kl_client_picker_get_property;
  object_class->set_property = kl_client_picker_set_property;
  widget_class->size_allocate = kl_client_picker_size_allocate;

  /**
   * KlClientPicker:client-id:
   *
   * The client taken, or 0 while none is.
   */
  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kl_client_picker_init (KlClientPicker *self)
{
  GtkEventController *controller;
  GtkWidget *box;
  GtkWidget *scrolled;

  self->matches = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->matches, GTK_SELECTION_BROWSE);
  gtk_list_box_set_activate_on_single_click (self->matches, TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self->matches), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->matches), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Matching clients"), -1);
  g_signal_connect_object (self->matches, "row-activated", G_CALLBACK (on_row_activated_cb), self,
                           G_CONNECT_SWAPPED);

  self->empty_label = GTK_LABEL (gtk_label_new (_("No client matches")));
  gtk_widget_add_css_class (GTK_WIDGET (self->empty_label), "dim-label");
  gtk_widget_set_margin_top (GTK_WIDGET (self->empty_label), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->empty_label), 6);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 360);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->matches));

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->empty_label));

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_autohide (self->popover, FALSE);
  gtk_popover_set_has_arrow (self->popover, FALSE);
  gtk_popover_set_position (self->popover, GTK_POS_BOTTOM);
  gtk_popover_set_child (self->popover, box);
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));

  g_signal_connect (self, "changed", G_CALLBACK (on_changed_cb), NULL);
  g_signal_connect (self, "entry-activated", G_CALLBACK (on_entry_activated_cb), NULL);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave", G_CALLBACK (on_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

GtkWidget *
kl_client_picker_new (void)
{
  return g_object_new (KL_TYPE_CLIENT_PICKER, NULL);
}

/* The session whose clients are searched; once, before use. */
void
kl_client_picker_set_session (KlClientPicker *self,
                              KlSession      *session)
{
  g_return_if_fail (KL_IS_CLIENT_PICKER (self));
  g_return_if_fail (KL_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_clear_object (&self->clients);
  self->clients = kl_client_list_new (session);
  if (self->client_id != 0)
    {
      gint64 id = self->client_id;

      self->client_id = 0;
      kl_client_picker_set_client_id (self, id);
    }
}

gint64
kl_client_picker_get_client_id (KlClientPicker *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_PICKER (self), 0);

  return self->client_id;
}

/* What to say beside the field when it is left with text that names no
 * client (translated), or NULL when it names one or is empty. */
const char *
kl_client_picker_get_error (KlClientPicker *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_PICKER (self), NULL);

  return self->client_id == 0 && gtk_editable_get_text (GTK_EDITABLE (self))[0] != '\0'
         ? _("Choose a client from the list.") : NULL;
}

/* Shows the client @client_id (read from the session), or nothing for 0. */
void
kl_client_picker_set_client_id (KlClientPicker *self,
                                gint64          client_id)
{
  g_autoptr(KlClient) client = NULL;

  g_return_if_fail (KL_IS_CLIENT_PICKER (self));
  g_return_if_fail (client_id >= 0);

  if (client_id == self->client_id &&
      g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self)), self->client_name != NULL ? self->client_name : "") == 0)
    return;

  if (client_id != 0 && self->session != NULL)
    {
      g_autoptr(GError) error = NULL;

      client = kl_store_get (kl_session_get_store (self->session, KL_TYPE_CLIENT), client_id, &error);
      if (client == NULL)
        g_warning ("No client %" G_GINT64_FORMAT ": %s", client_id, error->message);
    }

  close_popover (self);
  if (client == NULL && self->session != NULL)
    client_id = 0;
  set_text_quietly (self, client != NULL ? kl_client_get_name (client) : "");
  set_client (self, client_id, client != NULL ? kl_client_get_name (client) : NULL);
}

/* How many matches the popover shows: for tests. */
guint
kl_client_picker_get_n_matches (KlClientPicker *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_PICKER (self), 0);

  return self->n_matches;
}

gboolean
kl_client_picker_is_open (KlClientPicker *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_PICKER (self), FALSE);

  return self->popover != NULL && gtk_widget_get_visible (GTK_WIDGET (self->popover));
}
