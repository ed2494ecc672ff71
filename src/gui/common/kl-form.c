/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-form.h"

#include "kl-entities.h"
#include "kl-format.h"
#include "kl-text.h"
#include "kl-validation.h"

/* The form layer of the editors. A KlForm binds widgets to the columns of
 * one entity (each column a KlField of the entity's table) and keeps two
 * copies of it: as opened and as the widgets say now. Each change goes into
 * the working copy at once and is checked there, field by field
 * (kl_entity_validate_field), by the editor's own checks across fields and
 * then as a whole (kl_entity_validate); the model's message shows in the
 * error label bound beside the row, once the user has typed in it or it
 * holds something. :valid says whether the entity can be saved;
 * kl_form_save() writes a new row, or only the columns the user changed
 * onto the row as it is now.
 *
 * The rows, their error labels and the accessible relations between them
 * stay in the editor's .ui: the form only reads and fills them. */

typedef enum {
  BINDING_ENTRY,
  BINDING_CHOICE,
  BINDING_TEXT_BUFFER,
  BINDING_SPIN_BUTTON,
} BindingType;

typedef struct {
  KlForm      *form;
  BindingType  type;
  const char  *column;       /* interned */
  guint        index;        /* of the field in the entity's table, once open */
  KlFormKind   kind;
  GObject     *widget;       /* the row, buffer or spin button (a reference) */
  GtkLabel    *error_label;  /* entries only (a reference) */
} Binding;

typedef struct {
  const char      *column;  /* interned */
  KlFormCheckFunc  func;
  gpointer         user_data;
} Check;

struct _KlForm
{
  GObject     parent_instance;

  GPtrArray  *bindings;      /* of Binding */
  GArray     *checks;        /* of Check */
  KlEntity   *pristine;      /* as opened */
  KlEntity   *working;       /* as the widgets say now */
  GHashTable *touched;       /* interned columns the user has changed */
  GHashTable *parse_errors;  /* interned column → text that is no value at all */
  gboolean    loading;
  gboolean    valid;
};

G_DEFINE_FINAL_TYPE (KlForm, kl_form, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Helpers */

static void
binding_free (gpointer data)
{
  Binding *binding = data;

  g_clear_object (&binding->widget);
  g_clear_object (&binding->error_label);
  g_free (binding);
}

static const KlField *
binding_field (KlForm  *self,
               Binding *binding)
{
  return &KL_ENTITY_GET_CLASS (self->working)->fields[binding->index];
}

static Binding *
find_binding (KlForm  *self,
              gpointer widget)
{
  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *binding = g_ptr_array_index (self->bindings, i);

      if (binding->widget == widget)
        return binding;
    }

  return NULL;
}

static Binding *
add_binding (KlForm      *self,
             BindingType  type,
             const char  *column,
             gpointer     widget)
{
  Binding *binding = g_new0 (Binding, 1);

  g_assert (self->working == NULL);  /* bound before kl_form_open() */

  binding->form = self;
  binding->type = type;
  binding->column = g_intern_string (column);
  binding->widget = g_object_ref (widget);
  g_ptr_array_add (self->bindings, binding);

  return binding;
}

/* Choices: "None" first when the field may be empty. */
static gboolean
choice_is_optional (const KlField *field)
{
  return (field->flags & KL_FIELD_REQUIRED) == 0;
}

static void
fill_choices (KlForm  *self,
              Binding *binding)
{
  const KlField *field = binding_field (self, binding);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  g_assert (field->choices != NULL);

  if (choice_is_optional (field))
    gtk_string_list_append (model, C_("no value chosen", "None"));
  for (guint i = 0; field->choices[i] != NULL; i++)
    gtk_string_list_append (model, kl_choice_label (field->choices, field->choices[i]));
  adw_combo_row_set_model (ADW_COMBO_ROW (binding->widget), G_LIST_MODEL (model));
}

static char *
entry_text (KlForm  *self,
            Binding *binding)
{
  KlEntity *entity = self->working;

  switch (binding->kind)
    {
    case KL_FORM_MONEY:
      {
        gint64 minor = kl_entity_get_number (entity, binding->column);

        return minor != 0 ? kl_format_money (minor, NULL) : g_strdup ("");
      }
    case KL_FORM_DATE:
      return kl_format_date (kl_entity_get_text (entity, binding->column));
    case KL_FORM_NUMBER:
      {
        gint64 number = kl_entity_get_number (entity, binding->column);

        return number != 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, number) : g_strdup ("");
      }
    case KL_FORM_TEXT:
    default:
      return g_strdup (kl_entity_get_text (entity, binding->column));
    }
}

/* Puts the working copy into the widgets. */
static void
load (KlForm *self)
{
  self->loading = TRUE;

  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *binding = g_ptr_array_index (self->bindings, i);
      const KlField *field = binding_field (self, binding);

      switch (binding->type)
        {
        case BINDING_ENTRY:
          {
            g_autofree char *text = entry_text (self, binding);

            gtk_editable_set_text (GTK_EDITABLE (binding->widget), text != NULL ? text : "");
          }
          break;

        case BINDING_CHOICE:
          {
            const char *value = kl_entity_get_text (self->working, binding->column);
            guint selected = 0;

            for (guint j = 0; value != NULL && field->choices[j] != NULL; j++)
              {
                if (g_str_equal (field->choices[j], value))
                  selected = j + (choice_is_optional (field) ? 1 : 0);
              }
            adw_combo_row_set_selected (ADW_COMBO_ROW (binding->widget), selected);
          }
          break;

        case BINDING_TEXT_BUFFER:
          {
            const char *text = kl_entity_get_text (self->working, binding->column);

            gtk_text_buffer_set_text (GTK_TEXT_BUFFER (binding->widget), text != NULL ? text : "", -1);
          }
          break;

        case BINDING_SPIN_BUTTON:
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (binding->widget),
                                     kl_entity_get_number (self->working, binding->column));
          break;

        default:
          g_assert_not_reached ();
        }
    }

  self->loading = FALSE;
}

/* Reads one entry row into the working copy; text that is no value at all
 * (an amount or date that does not parse) is kept aside as an error. */
static void
read_entry (KlForm  *self,
            Binding *binding)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (binding->widget));
  const char *column = binding->column;

  g_hash_table_remove (self->parse_errors, column);

  switch (binding->kind)
    {
    case KL_FORM_MONEY:
      {
        g_autoptr(GError) error = NULL;
        gint64 minor = 0;

        if (kl_text_is_blank (text))
          kl_entity_set_number (self->working, column, 0);
        else if (kl_parse_money (text, &minor, &error))
          kl_entity_set_number (self->working, column, minor);
        else
          g_hash_table_insert (self->parse_errors, (gpointer)column, g_strdup (error->message));
      }
      break;

    case KL_FORM_DATE:
      {
        g_autofree char *iso = NULL;

        if (kl_text_is_blank (text))
          kl_entity_set_text (self->working, column, NULL);
        else if (kl_parse_date (text, &iso))
          kl_entity_set_text (self->working, column, iso);
        else
          {
            g_autoptr(GDateTime) now = g_date_time_new_now_local ();
            g_autofree char *example = g_date_time_format (now, "%x");

            /* TRANSLATORS: %s is today's date as the locale writes it */
            g_hash_table_insert (self->parse_errors, (gpointer)column,
                                 g_strdup_printf (_("Enter a date such as %s."), example));
          }
      }
      break;

    case KL_FORM_NUMBER:
      {
        g_autofree char *trimmed = g_strstrip (g_strdup (text));
        guint64 number = 0;

        if (trimmed[0] == '\0')
          kl_entity_set_number (self->working, column, 0);
        else if (g_ascii_string_to_unsigned (trimmed, 10, 0, G_MAXINT32, &number, NULL))
          kl_entity_set_number (self->working, column, (gint64)number);
        else
          g_hash_table_insert (self->parse_errors, (gpointer)column,
                               g_strdup (_("Enter a whole number, such as 12.")));
      }
      break;

    case KL_FORM_TEXT:
    default:
      /* As typed: no trimming, nothing replaced. */
      kl_entity_set_text (self->working, column, text[0] != '\0' ? text : NULL);
      break;
    }
}

static const char *
selected_choice (KlForm  *self,
                 Binding *binding)
{
  const KlField *field = binding_field (self, binding);
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (binding->widget));

  if (selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  if (choice_is_optional (field))
    {
      if (selected == 0)
        return NULL;
      selected--;
    }
  if (selected >= g_strv_length ((char **)field->choices))
    return NULL;

  return field->choices[selected];
}

/* The fields a form edits: neither derived by the entity nor computed by
 * the list queries. */
static gboolean
is_editable_field (const KlField *field)
{
  return (field->flags & (KL_FIELD_DERIVED | KL_FIELD_COMPUTED)) == 0;
}

static void
changed (KlForm     *self,
         const char *column)
{
  g_hash_table_add (self->touched, (gpointer)column);
  kl_form_validate (self);
  g_signal_emit (self, signals[CHANGED], g_quark_from_static_string (column), column);
}

/* Callbacks */

static void
on_entry_changed_cb (KlForm      *self,
                     GtkEditable *editable)
{
  Binding *binding = find_binding (self, editable);

  /* A hidden row (the country code while a listed country is chosen) is
   * the editor's to read. */
  if (self->loading || self->working == NULL || !gtk_widget_get_visible (GTK_WIDGET (editable)))
    return;

  read_entry (self, binding);
  changed (self, binding->column);
}

static void
on_combo_row_selected_cb (KlForm      *self,
                          GParamSpec  *pspec,
                          AdwComboRow *row)
{
  Binding *binding = find_binding (self, row);

  if (self->loading || self->working == NULL)
    return;

  kl_entity_set_text (self->working, binding->column, selected_choice (self, binding));
  changed (self, binding->column);
}

static void
on_text_buffer_changed_cb (KlForm        *self,
                           GtkTextBuffer *buffer)
{
  Binding *binding = find_binding (self, buffer);
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->loading || self->working == NULL)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  kl_entity_set_text (self->working, binding->column, text[0] != '\0' ? text : NULL);
  changed (self, binding->column);
}

static void
on_spin_button_value_changed_cb (KlForm        *self,
                                 GtkSpinButton *spin)
{
  Binding *binding = find_binding (self, spin);

  if (self->loading || self->working == NULL)
    return;

  kl_entity_set_number (self->working, binding->column, gtk_spin_button_get_value_as_int (spin));
  changed (self, binding->column);
}

/* Overrides */

static void
kl_form_dispose (GObject *object)
{
  KlForm *self = KL_FORM (object);

  /* The widgets' handlers go with the bindings' references. */
  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *binding = g_ptr_array_index (self->bindings, i);

      g_signal_handlers_disconnect_by_data (binding->widget, self);
    }
  g_ptr_array_set_size (self->bindings, 0);
  g_clear_object (&self->pristine);
  g_clear_object (&self->working);

  G_OBJECT_CLASS (kl_form_parent_class)->dispose (object);
}

static void
kl_form_finalize (GObject *object)
{
  KlForm *self = KL_FORM (object);

  g_clear_pointer (&self->bindings, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_array_unref);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->parse_errors, g_hash_table_unref);

  G_OBJECT_CLASS (kl_form_parent_class)->finalize (object);
}

static void
kl_form_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  KlForm *self = KL_FORM (object);

  switch (prop_id)
    {
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_form_class_init (KlFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kl_form_dispose;
  object_class->finalize = kl_form_finalize;
  object_class->get_property = kl_form_get_property;

  /**
   * KlForm:valid:
   *
   * Whether the working copy can be saved: every field and the entity as
   * a whole pass the model's checks and the form's own.
   */
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KlForm::changed:
   * @column: the column the user changed (also the signal's detail)
   *
   * A bound widget or kl_form_set_text() changed the working copy; the
   * form has been checked again.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
kl_form_init (KlForm *self)
{
  self->bindings = g_ptr_array_new_with_free_func (binding_free);
  self->checks = g_array_new (FALSE, FALSE, sizeof (Check));
  self->touched = g_hash_table_new (g_direct_hash, g_direct_equal);
  self->parse_errors = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
}

/* Public API */

KlForm *
kl_form_new (void)
{
  return g_object_new (KL_TYPE_FORM, NULL);
}

/**
 * kl_form_bind_entry:
 * @column: the entity's column the row edits
 * @kind: how the text maps onto the column
 * @row: an entry (usually an #AdwEntryRow)
 * @error_label: the label beside the row that shows why its value is
 *   wrong; its parent row is shown only while there is a message
 *
 * Binds @row to @column: what is typed goes into the working copy, and
 * the model's message about it into @error_label. Bind every widget
 * before kl_form_open(). The accessible relation (@row described by
 * @error_label) belongs in the .ui.
 */
void
kl_form_bind_entry (KlForm      *self,
                    const char  *column,
                    KlFormKind   kind,
                    GtkEditable *row,
                    GtkLabel    *error_label)
{
  Binding *binding;

  g_return_if_fail (KL_IS_FORM (self));
  g_return_if_fail (column != NULL);
  g_return_if_fail (GTK_IS_EDITABLE (row));
  g_return_if_fail (GTK_IS_LABEL (error_label));

  binding = add_binding (self, BINDING_ENTRY, column, row);
  binding->kind = kind;
  binding->error_label = g_object_ref (error_label);
  g_signal_connect_object (row, "changed", G_CALLBACK (on_entry_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * kl_form_bind_choice:
 * @column: a text column with a list of allowed values (KlField.choices)
 * @row: the combo row; the form gives it the translated names of the
 *   values, with "None" first when the field is not required
 */
void
kl_form_bind_choice (KlForm      *self,
                     const char  *column,
                     AdwComboRow *row)
{
  g_return_if_fail (KL_IS_FORM (self));
  g_return_if_fail (column != NULL);
  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  add_binding (self, BINDING_CHOICE, column, row);
  g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_combo_row_selected_cb),
                           self, G_CONNECT_SWAPPED);
}

/* A multi-line text column (notes); empty is NULL. */
void
kl_form_bind_text_buffer (KlForm        *self,
                          const char    *column,
                          GtkTextBuffer *buffer)
{
  g_return_if_fail (KL_IS_FORM (self));
  g_return_if_fail (column != NULL);
  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));

  add_binding (self, BINDING_TEXT_BUFFER, column, buffer);
  g_signal_connect_object (buffer, "changed", G_CALLBACK (on_text_buffer_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/* A whole number column (days, counts). */
void
kl_form_bind_spin_button (KlForm        *self,
                          const char    *column,
                          GtkSpinButton *spin)
{
  g_return_if_fail (KL_IS_FORM (self));
  g_return_if_fail (column != NULL);
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  add_binding (self, BINDING_SPIN_BUTTON, column, spin);
  g_signal_connect_object (spin, "value-changed", G_CALLBACK (on_spin_button_value_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

/**
 * kl_form_add_check:
 * @column: the column whose row shows the message
 * @check: called while @column's own value is right
 *
 * Adds a check across fields that the model's field check does not make
 * (the tax ID by the country).
 */
void
kl_form_add_check (KlForm          *self,
                   const char      *column,
                   KlFormCheckFunc  check,
                   gpointer         user_data)
{
  Check c = { g_intern_string (column), check, user_data };

  g_return_if_fail (KL_IS_FORM (self));
  g_return_if_fail (check != NULL);

  g_array_append_val (self->checks, c);
}

/**
 * kl_form_open:
 * @entity: the entity to edit (a new one for a new row); the form works
 *   on copies
 *
 * Fills the bound widgets from @entity and checks it.
 */
void
kl_form_open (KlForm   *self,
              KlEntity *entity)
{
  KlEntityClass *klass;

  g_return_if_fail (KL_IS_FORM (self));
  g_return_if_fail (KL_IS_ENTITY (entity));
  g_return_if_fail (self->working == NULL);

  klass = KL_ENTITY_GET_CLASS (entity);
  self->working = kl_entity_copy (entity);
  self->pristine = kl_entity_copy (entity);

  self->loading = TRUE;
  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *binding = g_ptr_array_index (self->bindings, i);

      if (kl_entity_class_find_field (klass, binding->column, &binding->index) == NULL)
        g_error ("A form binds “%s”, which %s does not have", binding->column,
                 G_OBJECT_TYPE_NAME (entity));
      if (binding->type == BINDING_CHOICE)
        fill_choices (self, binding);
    }
  self->loading = FALSE;

  load (self);
  kl_form_validate (self);
}

/* The working copy: what the widgets say now. */
KlEntity *
kl_form_get_entity (KlForm *self)
{
  g_return_val_if_fail (KL_IS_FORM (self), NULL);

  return self->working;
}

/**
 * kl_form_set_text:
 *
 * Sets a column the editor's own widgets edit (a country picked from a
 * short list, an id from a list of names), as if the user had typed it:
 * the form is checked again and #KlForm::changed emitted.
 */
void
kl_form_set_text (KlForm     *self,
                  const char *column,
                  const char *value)
{
  g_return_if_fail (KL_IS_FORM (self));
  g_return_if_fail (self->working != NULL);

  kl_entity_set_text (self->working, column, value);
  changed (self, g_intern_string (column));
}

void
kl_form_set_number (KlForm     *self,
                    const char *column,
                    gint64      value)
{
  g_return_if_fail (KL_IS_FORM (self));
  g_return_if_fail (self->working != NULL);

  kl_entity_set_number (self->working, column, value);
  changed (self, g_intern_string (column));
}

/* Puts @text into a row without reading it back into the entity. */
void
kl_form_show_text (KlForm      *self,
                   GtkEditable *row,
                   const char  *text)
{
  gboolean loading;

  g_return_if_fail (KL_IS_FORM (self));
  g_return_if_fail (GTK_IS_EDITABLE (row));

  loading = self->loading;
  self->loading = TRUE;
  gtk_editable_set_text (row, text != NULL ? text : "");
  self->loading = loading;
}

/* TRUE while the form fills its widgets: handlers of the editor's own
 * widgets ignore what they hear meanwhile. */
gboolean
kl_form_is_loading (KlForm *self)
{
  g_return_val_if_fail (KL_IS_FORM (self), FALSE);

  return self->loading;
}

/**
 * kl_form_validate:
 *
 * Checks every bound field and the entity as a whole, shows the reasons
 * beside the rows the user has typed in (or that hold something), and
 * updates #KlForm:valid.
 */
void
kl_form_validate (KlForm *self)
{
  gboolean valid = TRUE;
  const char *bad_column = NULL;
  g_autoptr(GError) entity_error = NULL;

  g_return_if_fail (KL_IS_FORM (self));
  g_return_if_fail (self->working != NULL);

  for (guint i = 0; i < self->bindings->len; i++)
    {
      Binding *binding = g_ptr_array_index (self->bindings, i);
      GtkWidget *row;
      const char *message;
      g_autoptr(GError) error = NULL;
      gboolean show;

      if (binding->type != BINDING_ENTRY)
        continue;
      row = GTK_WIDGET (binding->widget);

      /* A hidden row has nothing to say. */
      if (!gtk_widget_get_visible (row))
        {
          kl_form_set_field_error (row, binding->error_label, NULL);
          continue;
        }

      message = g_hash_table_lookup (self->parse_errors, binding->column);
      if (message == NULL && !kl_entity_validate_field (self->working, binding->index, &error))
        message = error->message;

      for (guint j = 0; message == NULL && j < self->checks->len; j++)
        {
          Check *check = &g_array_index (self->checks, Check, j);

          if (check->column == binding->column &&
              !check->func (self->working, check->column, check->user_data, &error))
            message = error->message;
        }

      if (message != NULL)
        valid = FALSE;

      show = g_hash_table_contains (self->touched, binding->column) ||
             !kl_text_is_blank (gtk_editable_get_text (GTK_EDITABLE (row)));
      kl_form_set_field_error (row, binding->error_label, show ? message : NULL);
    }

  /* Whatever else the model would refuse; its messages carry the field's
   * label, so they read well in a toast too. */
  if (valid && !kl_entity_validate (self->working, &bad_column, &entity_error))
    {
      valid = FALSE;
      for (guint i = 0; bad_column != NULL && i < self->bindings->len; i++)
        {
          Binding *binding = g_ptr_array_index (self->bindings, i);

          if (binding->type == BINDING_ENTRY && g_str_equal (binding->column, bad_column) &&
              gtk_widget_get_visible (GTK_WIDGET (binding->widget)))
            kl_form_set_field_error (GTK_WIDGET (binding->widget), binding->error_label,
                                     entity_error->message);
        }
    }

  if (self->valid != valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

gboolean
kl_form_is_valid (KlForm *self)
{
  g_return_val_if_fail (KL_IS_FORM (self), FALSE);

  return self->valid;
}

/* Whether closing would lose anything: a field changed, or text typed
 * that is no value at all. */
gboolean
kl_form_is_modified (KlForm *self)
{
  KlEntityClass *klass;

  g_return_val_if_fail (KL_IS_FORM (self), FALSE);

  if (self->working == NULL)
    return FALSE;
  if (g_hash_table_size (self->parse_errors) > 0)
    return TRUE;

  klass = KL_ENTITY_GET_CLASS (self->working);
  for (guint i = 0; i < klass->n_fields; i++)
    {
      if (is_editable_field (&klass->fields[i]) &&
          !kl_entity_value_equal (self->pristine, self->working, i))
        return TRUE;
    }

  return FALSE;
}

/**
 * kl_form_save:
 * @store: the store of the entity's type
 *
 * Writes the working copy: a new row when the entity was opened without
 * an id, else only the columns the user changed, onto the row as it is now
 * (so what changed elsewhere meanwhile is not overwritten with what the
 * form was opened with).
 *
 * Returns: the row's id, or 0 with @error set
 */
gint64
kl_form_save (KlForm   *self,
              KlStore  *store,
              GError  **error)
{
  g_autoptr(KlEntity) entity = NULL;
  KlEntityClass *klass;
  gint64 id;

  g_return_val_if_fail (KL_IS_FORM (self), 0);
  g_return_val_if_fail (KL_IS_STORE (store), 0);
  g_return_val_if_fail (self->working != NULL, 0);

  id = kl_entity_get_id (self->pristine);
  if (id == 0)
    {
      entity = kl_entity_copy (self->working);
      if (!kl_store_insert (store, entity, error))
        return 0;

      return kl_entity_get_id (entity);
    }

  entity = kl_store_get (store, id, error);
  if (entity == NULL)
    return 0;

  klass = KL_ENTITY_GET_CLASS (self->working);
  for (guint i = 0; i < klass->n_fields; i++)
    {
      if (is_editable_field (&klass->fields[i]) &&
          !kl_entity_value_equal (self->pristine, self->working, i))
        _kl_entity_set_value (entity, i, _kl_entity_get_value (self->working, i));
    }
  if (!kl_store_update (store, entity, error))
    return 0;

  return id;
}

/* Field errors and the discard dialog, for editors that do not (yet) use a
 * KlForm. */

/**
 * kl_form_set_field_error:
 * @row: the field's row, marked with the "error" style while @message is set
 * @error_label: the label beside the field; its parent row is shown only
 *   while there is a message
 * @message: (nullable): why the value is wrong, or %NULL when it is right
 */
void
kl_form_set_field_error (GtkWidget  *row,
                         GtkLabel   *error_label,
                         const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (row));
  g_return_if_fail (GTK_IS_LABEL (error_label));

  if (message != NULL)
    {
      gtk_label_set_label (error_label, message);
      gtk_widget_add_css_class (row, "error");
    }
  else
    gtk_widget_remove_css_class (row, "error");

  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (error_label)), message != NULL);
}

/**
 * kl_form_ask_discard:
 * @window: the editor being closed with unsaved changes
 * @body: what would be lost
 * @keep_label: the label of the response that goes back to editing
 * @on_response: called as `(receiver, response, dialog)`; the response is
 *   "discard" or "cancel"
 *
 * Asks whether to throw the changes away; going back is the default.
 */
void
kl_form_ask_discard (GtkWindow  *window,
                     const char *body,
                     const char *keep_label,
                     GCallback   on_response,
                     gpointer    receiver)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (GTK_IS_WINDOW (window));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Discard Changes?"), body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", keep_label,
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", on_response, receiver, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}
