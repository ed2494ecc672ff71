/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-contact-editor.h"

#include "kl-entities.h"
#include "kl-form.h"
#include "kl-format.h"
#include "kl-text.h"

/* The form for a client's contact person, new or existing. Like the client
 * editor: a working copy checked field by field as it is typed, the reason
 * under the field, "Save" only while valid, changes asked about before
 * closing, "Cancel" discards. */

struct _KlContactEditor
{
  AdwWindow          parent_instance;

  KlSession         *session;
  gint64             client_id;
  KlContact         *contact;       /* as opened; NULL for a new contact */
  KlEntity          *pristine;
  KlEntity          *working;
  GHashTable        *touched;       /* columns typed in */
  GHashTable        *parse_errors;  /* column → message */
  gboolean           loading;
  gboolean           valid;
  gboolean           done;

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

G_DEFINE_FINAL_TYPE (KlContactEditor, kl_contact_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CLIENT_ID,
  PROP_CONTACT,
  PROP_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct {
  const char *column;
  gboolean    is_date;
  gsize       row_offset;
  gsize       error_offset;
} TextField;

#define TEXT_FIELD(name, is_date) \
  { #name, is_date, G_STRUCT_OFFSET (KlContactEditor, name##_row), G_STRUCT_OFFSET (KlContactEditor, name##_error) }

static const TextField text_fields[] = {
  TEXT_FIELD (name, FALSE),
  TEXT_FIELD (position, FALSE),
  TEXT_FIELD (phone, FALSE),
  TEXT_FIELD (email, FALSE),
  TEXT_FIELD (consent_date, TRUE),
};

#define FIELD_WIDGET(self, offset) G_STRUCT_MEMBER (gpointer, self, offset)

/* Helpers */

static gboolean
is_editable_field (const KlField *field)
{
  return (field->flags & (KL_FIELD_DERIVED | KL_FIELD_COMPUTED)) == 0;
}

static void
load_form (KlContactEditor *self)
{
  const char *role = kl_entity_get_text (self->working, "role");
  const char *notes = kl_entity_get_text (self->working, "notes");
  guint selected = 0;

  self->loading = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      const TextField *field = &text_fields[i];
      const char *value = kl_entity_get_text (self->working, field->column);
      g_autofree char *text = field->is_date ? kl_format_date (value) : g_strdup (value);

      gtk_editable_set_text (FIELD_WIDGET (self, field->row_offset), text != NULL ? text : "");
    }

  for (guint i = 0; role != NULL && kl_contact_roles[i] != NULL; i++)
    {
      if (g_str_equal (kl_contact_roles[i], role))
        selected = i + 1;
    }
  adw_combo_row_set_selected (self->role_row, selected);

  gtk_text_buffer_set_text (self->notes_buffer, notes != NULL ? notes : "", -1);

  self->loading = FALSE;
}

static void
read_text_field (KlContactEditor *self,
                 const TextField *field)
{
  const char *text = gtk_editable_get_text (FIELD_WIDGET (self, field->row_offset));
  g_autofree char *iso = NULL;

  g_hash_table_remove (self->parse_errors, field->column);

  if (!field->is_date)
    kl_entity_set_text (self->working, field->column, text[0] != '\0' ? text : NULL);
  else if (kl_text_is_blank (text))
    kl_entity_set_text (self->working, field->column, NULL);
  else if (kl_parse_date (text, &iso))
    kl_entity_set_text (self->working, field->column, iso);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *example = g_date_time_format (now, "%x");

      /* TRANSLATORS: %s is today's date as the locale writes it */
      g_hash_table_insert (self->parse_errors, (gpointer)field->column,
                           g_strdup_printf (_("Enter a date such as %s."), example));
    }
}

static gboolean
is_modified (KlContactEditor *self)
{
  KlEntityClass *klass = KL_ENTITY_GET_CLASS (self->working);

  if (g_hash_table_size (self->parse_errors) > 0)
    return TRUE;

  for (guint i = 0; i < klass->n_fields; i++)
    {
      if (is_editable_field (&klass->fields[i]) &&
          !kl_entity_value_equal (self->pristine, self->working, i))
        return TRUE;
    }

  return FALSE;
}

static void
update_validation (KlContactEditor *self)
{
  KlEntityClass *klass = KL_ENTITY_GET_CLASS (self->working);
  gboolean valid = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      const TextField *field = &text_fields[i];
      GtkEditable *row = FIELD_WIDGET (self, field->row_offset);
      const char *message = g_hash_table_lookup (self->parse_errors, field->column);
      g_autoptr(GError) error = NULL;
      guint index = 0;
      gboolean show;

      kl_entity_class_find_field (klass, field->column, &index);
      if (message == NULL && !kl_entity_validate_field (self->working, index, &error))
        message = error->message;
      if (message != NULL)
        valid = FALSE;

      show = g_hash_table_contains (self->touched, field->column) ||
             !kl_text_is_blank (gtk_editable_get_text (row));
      kl_form_set_field_error (GTK_WIDGET (row), FIELD_WIDGET (self, field->error_offset),
                       show ? message : NULL);
    }

  if (valid && !kl_entity_validate (self->working, NULL, NULL))
    valid = FALSE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contact.save", valid);
  if (self->valid != valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

static void
update_title (KlContactEditor *self)
{
  const char *name = kl_entity_get_text (self->working, "name");

  adw_window_title_set_title (self->window_title,
                              self->contact != NULL ? _("Edit Contact Person") : _("New Contact Person"));
  adw_window_title_set_subtitle (self->window_title, name != NULL ? name : "");
}

static void
finish (KlContactEditor *self)
{
  self->done = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
finish_idle (gpointer user_data)
{
  finish (user_data);

  return G_SOURCE_REMOVE;
}

/* From a message dialog's response: the dialog, transient for this window,
 * goes first, then this window. */
static void
finish_later (KlContactEditor *self)
{
  self->done = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, finish_idle, g_object_ref (self), g_object_unref);
}

/* Callbacks */

static void
on_entry_row_changed_cb (KlContactEditor *self,
                         GtkEditable     *editable)
{
  if (self->loading)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      const TextField *field = &text_fields[i];

      if (FIELD_WIDGET (self, field->row_offset) != (gpointer)editable)
        continue;

      read_text_field (self, field);
      g_hash_table_add (self->touched, (gpointer)field->column);
      update_validation (self);
      if (g_str_equal (field->column, "name"))
        update_title (self);
      return;
    }
}

static void
on_combo_row_selected_cb (KlContactEditor *self,
                          GParamSpec      *pspec,
                          AdwComboRow     *row)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->loading)
    return;

  /* Row 0 is "None". */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
      selected > g_strv_length ((char **)kl_contact_roles))
    kl_entity_set_text (self->working, "role", NULL);
  else
    kl_entity_set_text (self->working, "role", kl_contact_roles[selected - 1]);

  update_validation (self);
}

static void
on_notes_buffer_changed_cb (KlContactEditor *self,
                            GtkTextBuffer   *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->loading)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  kl_entity_set_text (self->working, "notes", text[0] != '\0' ? text : NULL);
  update_validation (self);
}

static void
on_calendar_day_selected_cb (KlContactEditor *self,
                             GtkCalendar     *calendar)
{
  g_autoptr(GDateTime) date_time = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date_time, "%x");

  gtk_editable_set_text (GTK_EDITABLE (self->consent_date_row), text);
  gtk_popover_popdown (self->consent_date_popover);
}

static void
on_discard_dialog_response_cb (KlContactEditor  *self,
                               const char       *response,
                               AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "discard"))
    finish_later (self);
}

/* Actions */

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KlContactEditor *self = KL_CONTACT_EDITOR (widget);
  KlStore *store = kl_session_get_store (self->session, KL_TYPE_CONTACT);
  g_autoptr(KlEntity) entity = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  update_validation (self);
  if (!self->valid)
    return;

  if (self->contact == NULL)
    {
      entity = kl_entity_copy (self->working);
      ok = kl_store_insert (store, entity, &error);
    }
  else
    {
      KlEntityClass *klass = KL_ENTITY_GET_CLASS (self->working);

      /* Only what the user changed, onto the row as it is now. */
      entity = kl_store_get (store, kl_entity_get_id (KL_ENTITY (self->contact)), &error);
      ok = entity != NULL;
      for (guint i = 0; ok && i < klass->n_fields; i++)
        {
          if (is_editable_field (&klass->fields[i]) &&
              !kl_entity_value_equal (self->pristine, self->working, i))
            _kl_entity_set_value (entity, i, _kl_entity_get_value (self->working, i));
        }
      if (ok)
        ok = kl_store_update (store, entity, &error);
    }

  if (!ok)
    {
      g_autofree char *markup = g_markup_escape_text (error->message, -1);
      AdwToast *toast = adw_toast_new (markup);

      g_debug ("Could not save the contact: %s", error->message);
      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, kl_entity_get_id (entity));
  finish (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  finish (KL_CONTACT_EDITOR (widget));
}

/* Overrides */

static gboolean
kl_contact_editor_close_request (GtkWindow *window)
{
  KlContactEditor *self = KL_CONTACT_EDITOR (window);

  if (self->done || !is_modified (self))
    return GTK_WINDOW_CLASS (kl_contact_editor_parent_class)->close_request (window);

  kl_form_ask_discard (window, _("The changes made to this contact person will be lost."),
                       _("_Cancel"), G_CALLBACK (on_discard_dialog_response_cb), self);

  return TRUE;
}

static void
kl_contact_editor_constructed (GObject *object)
{
  KlContactEditor *self = KL_CONTACT_EDITOR (object);

  G_OBJECT_CLASS (kl_contact_editor_parent_class)->constructed (object);

  g_assert (KL_IS_SESSION (self->session));

  if (self->contact != NULL)
    {
      self->working = kl_entity_copy (KL_ENTITY (self->contact));
      self->client_id = kl_entity_get_number (self->working, "client_id");
    }
  else
    {
      self->working = g_object_new (KL_TYPE_CONTACT, NULL);
      kl_entity_set_number (self->working, "client_id", self->client_id);
    }
  self->pristine = kl_entity_copy (self->working);

  load_form (self);
  update_title (self);
  update_validation (self);
}

static void
kl_contact_editor_dispose (GObject *object)
{
  KlContactEditor *self = KL_CONTACT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_CONTACT_EDITOR);
  g_clear_object (&self->session);
  g_clear_object (&self->contact);
  g_clear_object (&self->pristine);
  g_clear_object (&self->working);

  G_OBJECT_CLASS (kl_contact_editor_parent_class)->dispose (object);
}

static void
kl_contact_editor_finalize (GObject *object)
{
  KlContactEditor *self = KL_CONTACT_EDITOR (object);

  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->parse_errors, g_hash_table_unref);

  G_OBJECT_CLASS (kl_contact_editor_parent_class)->finalize (object);
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
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_CLIENT_ID:
      g_value_set_int64 (value, self->client_id);
      break;
    case PROP_CONTACT:
      g_value_set_object (value, self->contact);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
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
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
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
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = kl_contact_editor_constructed;
  object_class->dispose = kl_contact_editor_dispose;
  object_class->finalize = kl_contact_editor_finalize;
  object_class->get_property = kl_contact_editor_get_property;
  object_class->set_property = kl_contact_editor_set_property;

  window_class->close_request = kl_contact_editor_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         KL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

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

  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KlContactEditor::saved:
   * @id: the contact's row
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "contact.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "contact.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "contact.save", NULL);

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
  gtk_widget_class_bind_template_callback (widget_class, on_entry_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_combo_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_notes_buffer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
}

static void
kl_contact_editor_init (KlContactEditor *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);

  self->touched = g_hash_table_new (g_str_hash, g_str_equal);
  self->parse_errors = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  gtk_widget_init_template (GTK_WIDGET (self));

  self->loading = TRUE;
  gtk_string_list_append (roles, C_("no value chosen", "None"));
  for (guint i = 0; kl_contact_roles[i] != NULL; i++)
    gtk_string_list_append (roles, kl_choice_label (kl_contact_roles, kl_contact_roles[i]));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));
  self->loading = FALSE;
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

  return self->valid;
}
