/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-contact-editor.h"

#include "kl-editor.h"
#include "kl-entities.h"

/* The form for a client's contact person, new or existing: a KlEditor
 * (see kl-editor.c) whose form binds the rows below. */

struct _KlContactEditor
{
  KlEditor           parent_instance;

  gint64             client_id;
  KlContact         *contact;       /* as opened; NULL for a new contact */

  /* Template children */
  AdwWindowTitle    *window_title;
  AdwToastOverlay   *toast_overlay;
  AdwEntryRow       *name_row;
  GtkLabel          *name_error;
  AdwEntryRow       *position_row;
  GtkLabel          *position_error;
  AdwComboRow       *role_row;
  AdwEntryRow       *phone_row;
  GtkLabel          *phone_error;
  AdwEntryRow       *email_row;
  GtkLabel          *email_error;
  AdwEntryRow       *consent_date_row;
  GtkLabel          *consent_date_error;
  GtkPopover        *consent_date_popover;
  GtkTextBuffer     *notes_buffer;
};

G_DEFINE_FINAL_TYPE (KlContactEditor, kl_contact_editor, KL_TYPE_EDITOR)

enum {
  PROP_0,
  PROP_CLIENT_ID,
  PROP_CONTACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
update_title (KlContactEditor *self)
{
  KlEntity *contact = kl_form_get_entity (kl_editor_get_form (KL_EDITOR (self)));
  const char *name = kl_contact_get_name (KL_CONTACT (contact));

  adw_window_title_set_title (self->window_title,
                              self->contact != NULL ? _("Edit Contact Person") : _("New Contact Person"));
  adw_window_title_set_subtitle (self->window_title, name != NULL ? name : "");
  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));
}

/* Callbacks */

static void
on_calendar_day_selected_cb (KlContactEditor *self,
                             GtkCalendar     *calendar)
{
  g_autoptr(GDateTime) date_time = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date_time, "%x");

  gtk_editable_set_text (GTK_EDITABLE (self->consent_date_row), text);
  gtk_popover_popdown (self->consent_date_popover);
}

/* Overrides */

static void
kl_contact_editor_constructed (GObject *object)
{
  KlContactEditor *self = KL_CONTACT_EDITOR (object);
  KlForm *form = kl_editor_get_form (KL_EDITOR (self));
  g_autoptr(KlEntity) contact = NULL;

  G_OBJECT_CLASS (kl_contact_editor_parent_class)->constructed (object);

  if (self->contact != NULL)
    {
      contact = g_object_ref (KL_ENTITY (self->contact));
      self->client_id = kl_contact_get_client_id (KL_CONTACT (contact));
    }
  else
    {
      contact = g_object_new (KL_TYPE_CONTACT, NULL);
      kl_entity_set_number (contact, "client_id", self->client_id);
    }

  kl_form_open (form, contact);
  update_title (self);
}

static void
kl_contact_editor_dispose (GObject *object)
{
  KlContactEditor *self = KL_CONTACT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_CONTACT_EDITOR);
  g_clear_object (&self->contact);

  G_OBJECT_CLASS (kl_contact_editor_parent_class)->dispose (object);
}

static void
kl_contact_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KlContactEditor *self = KL_CONTACT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;
    case PROP_CONTACT:
      g_value_set_object (value, self->contact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_contact_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  KlContactEditor *self = KL_CONTACT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT_ID:
      self->client_id = g_value_get_int64 (value);
      break;
    case PROP_CONTACT:
      self->contact = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_contact_editor_class_init (KlContactEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlEditorClass *editor_class = KL_EDITOR_CLASS (klass);

  object_class->constructed = kl_contact_editor_constructed;
  object_class->dispose = kl_contact_editor_dispose;
  object_class->get_property = kl_contact_editor_get_property;
  object_class->set_property = kl_contact_editor_set_property;

  editor_class->discard_body = N_("The changes made to this contact person will be lost.");

  /**
   * KlContactEditor:client-id:
   *
   * The client a new contact person belongs to; ignored when
   * #KlContactEditor:contact is set.
   */
  properties[PROP_CLIENT_ID] =
    g_param_spec_int64 ("client-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KlContactEditor:contact:
   *
   * The contact person being changed; %NULL for a new one.
   */
  properties[PROP_CONTACT] =
    g_param_spec_object ("contact", NULL, NULL,
                         KL_TYPE_CONTACT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/clients/kl-contact-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KlContactEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, KlContactEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlContactEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, KlContactEditor, name_error);
  gtk_widget_class_bind_template_child (widget_class, KlContactEditor, position_row);
  gtk_widget_class_bind_template_child (widget_class, KlContactEditor, position_error);
  gtk_widget_class_bind_template_child (widget_class, KlContactEditor, role_row);
  gtk_widget_class_bind_template_child (widget_class, KlContactEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, KlContactEditor, phone_error);
  gtk_widget_class_bind_template_child (widget_class, KlContactEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, KlContactEditor, email_error);
  gtk_widget_class_bind_template_child (widget_class, KlContactEditor, consent_date_row);
  gtk_widget_class_bind_template_child (widget_class, KlContactEditor, consent_date_error);
  gtk_widget_class_bind_template_child (widget_class, KlContactEditor, consent_date_popover);
  gtk_widget_class_bind_template_child (widget_class, KlContactEditor, notes_buffer);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
}

static void
kl_contact_editor_init (KlContactEditor *self)
{
  KlForm *form = kl_editor_get_form (KL_EDITOR (self));

  gtk_widget_init_template (GTK_WIDGET (self));
  kl_editor_set_toast_overlay (KL_EDITOR (self), self->toast_overlay);

  kl_form_bind_entry (form, "name", KL_FORM_TEXT, GTK_EDITABLE (self->name_row), self->name_error);
  kl_form_bind_entry (form, "position", KL_FORM_TEXT, GTK_EDITABLE (self->position_row), self->position_error);
  kl_form_bind_choice (form, "role", self->role_row);
  kl_form_bind_entry (form, "phone", KL_FORM_TEXT, GTK_EDITABLE (self->phone_row), self->phone_error);
  kl_form_bind_entry (form, "email", KL_FORM_TEXT, GTK_EDITABLE (self->email_row), self->email_error);
  kl_form_bind_entry (form, "consent_date", KL_FORM_DATE,
                      GTK_EDITABLE (self->consent_date_row), self->consent_date_error);
  kl_form_bind_text_buffer (form, "notes", self->notes_buffer);
  g_signal_connect_object (form, "changed::name", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
}

/**
 * kl_contact_editor_new:
 * @session: the open database
 * @client_id: the client of a new contact person
 * @contact: (nullable): the contact person to change, or %NULL for a new one
 *
 * Returns: (transfer floating): the form
 */
KlContactEditor *
kl_contact_editor_new (KlSession *session,
                       gint64     client_id,
                       KlContact *contact)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (contact == NULL || KL_IS_CONTACT (contact), NULL);
  g_return_val_if_fail (contact != NULL || client_id > 0, NULL);

  return g_object_new (KL_TYPE_CONTACT_EDITOR,
                       "session", session,
                       "client-id", client_id,
                       "contact", contact,
                       NULL);
}

KlContact *
kl_contact_editor_get_contact (KlContactEditor *self)
{
  g_return_val_if_fail (KL_IS_CONTACT_EDITOR (self), NULL);

  return self->contact;
}

gint64
kl_contact_editor_get_client_id (KlContactEditor *self)
{
  g_return_val_if_fail (KL_IS_CONTACT_EDITOR (self), 0);

  return self->client_id;
}

gboolean
kl_contact_editor_is_valid (KlContactEditor *self)
{
  g_return_val_if_fail (KL_IS_CONTACT_EDITOR (self), FALSE);

  return kl_editor_is_valid (KL_EDITOR (self));
}
