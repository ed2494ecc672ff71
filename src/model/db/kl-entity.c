/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-entity.h"

#include <string.h>

#include "kl-validation.h"

/* Text fields take at most this many characters unless they say otherwise:
 * names and notes of 100 000 characters are kept whole. */
#define DEFAULT_TEXT_MAX 1000000

typedef struct
{
  gint64  id;
  char   *created_at;
  char   *updated_at;
  GValue *values;  /* one per field of the class */
} KlEntityPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (KlEntity, kl_entity, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
gtype_for (KlFieldType type)
{
  switch (type)
    {
    case KL_FIELD_TEXT:
    case KL_FIELD_DATE:
    case KL_FIELD_DATETIME:
      return G_TYPE_STRING;
    case KL_FIELD_BOOL:
      return G_TYPE_BOOLEAN;
    case KL_FIELD_INT:
    case KL_FIELD_MONEY:
    case KL_FIELD_REF:
    default:
      return G_TYPE_INT64;
    }
}

static gboolean
is_text (const KlField *field)
{
  return gtype_for (field->type) == G_TYPE_STRING;
}

static GValue *
get_values (KlEntity *self)
{
  KlEntityPrivate *priv = kl_entity_get_instance_private (self);

  if (priv->values == NULL)
    {
      KlEntityClass *klass = KL_ENTITY_GET_CLASS (self);

      priv->values = g_new0 (GValue, klass->n_fields);
      for (guint i = 0; i < klass->n_fields; i++)
        {
          const KlField *field = &klass->fields[i];

          g_value_init (&priv->values[i], gtype_for (field->type));
          if (field->type == KL_FIELD_BOOL)
            g_value_set_boolean (&priv->values[i], field->default_number != 0);
          else if (is_text (field))
            g_value_set_string (&priv->values[i], field->default_text);
          else
            g_value_set_int64 (&priv->values[i], field->default_number);
        }
    }

  return priv->values;
}

static void
field_get_property (GObject    *object,
                    guint       prop_id,
                    GValue     *value,
                    GParamSpec *pspec)
{
  KlEntity *self = KL_ENTITY (object);
  guint index = prop_id - 1;

  g_assert (index < KL_ENTITY_GET_CLASS (self)->n_fields);
  g_value_copy (&get_values (self)[index], value);
}

static void
field_set_property (GObject      *object,
                    guint         prop_id,
                    const GValue *value,
                    GParamSpec   *pspec)
{
  _kl_entity_set_value (KL_ENTITY (object), prop_id - 1, value);
}

static void
kl_entity_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KlEntity *self = KL_ENTITY (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, kl_entity_get_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_entity_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  KlEntity *self = KL_ENTITY (object);

  switch (prop_id)
    {
    case PROP_ID:
      kl_entity_set_id (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_entity_finalize (GObject *object)
{
  KlEntity *self = (KlEntity *)object;
  KlEntityPrivate *priv = kl_entity_get_instance_private (self);

  if (priv->values != NULL)
    {
      for (guint i = 0; i < KL_ENTITY_GET_CLASS (self)->n_fields; i++)
        g_value_unset (&priv->values[i]);
      g_free (priv->values);
    }
  g_free (priv->created_at);
  g_free (priv->updated_at);

  G_OBJECT_CLASS (kl_entity_parent_class)->finalize (object);
}

static void
kl_entity_class_init (KlEntityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kl_entity_finalize;
  object_class->get_property = kl_entity_get_property;
  object_class->set_property = kl_entity_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kl_entity_init (KlEntity *self)
{
}

/**
 * kl_entity_class_set_fields:
 *
 * Called from a subclass's class_init: names its table and installs one
 * property per field (column `tax_id` becomes property `tax-id`).
 */
void
kl_entity_class_set_fields (KlEntityClass *klass,
                            const char    *table,
                            const KlField *fields,
                            guint          n_fields)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  klass->table = table;
  klass->fields = fields;
  klass->n_fields = n_fields;
  klass->timestamps = TRUE;
  klass->field_pspecs = g_new0 (GParamSpec *, n_fields);
  object_class->get_property = field_get_property;
  object_class->set_property = field_set_property;

  for (guint i = 0; i < n_fields; i++)
    {
      const KlField *field = &fields[i];
      g_autofree char *name = g_strdelimit (g_strdup (field->column), "_", '-');
      GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_NICK | G_PARAM_STATIC_BLURB;
      GParamSpec *pspec;

      switch (gtype_for (field->type))
        {
        case G_TYPE_STRING:
          pspec = g_param_spec_string (name, NULL, NULL, field->default_text, flags);
          break;
        case G_TYPE_BOOLEAN:
          pspec = g_param_spec_boolean (name, NULL, NULL, field->default_number != 0, flags);
          break;
        default:
          pspec = g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64,
                                      field->default_number, flags);
          break;
        }

      g_object_class_install_property (object_class, i + 1, pspec);
      klass->field_pspecs[i] = pspec;
    }
}

const KlField *
kl_entity_class_find_field (KlEntityClass *klass,
                            const char    *column,
                            guint         *index)
{
  g_return_val_if_fail (KL_IS_ENTITY_CLASS (klass), NULL);
  g_return_val_if_fail (column != NULL, NULL);

  for (guint i = 0; i < klass->n_fields; i++)
    {
      if (g_str_equal (klass->fields[i].column, column))
        {
          if (index != NULL)
            *index = i;
          return &klass->fields[i];
        }
    }

  return NULL;
}

static guint
index_of (KlEntity   *self,
          const char *column)
{
  guint index = 0;

  if (kl_entity_class_find_field (KL_ENTITY_GET_CLASS (self), column, &index) == NULL)
    g_critical ("%s has no field “%s”", G_OBJECT_TYPE_NAME (self), column);

  return index;
}

gint64
kl_entity_get_id (KlEntity *self)
{
  KlEntityPrivate *priv = kl_entity_get_instance_private (self);

  g_return_val_if_fail (KL_IS_ENTITY (self), 0);

  return priv->id;
}

void
kl_entity_set_id (KlEntity *self,
                  gint64    id)
{
  KlEntityPrivate *priv = kl_entity_get_instance_private (self);

  g_return_if_fail (KL_IS_ENTITY (self));

  if (priv->id == id)
    return;

  priv->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
kl_entity_get_created_at (KlEntity *self)
{
  KlEntityPrivate *priv = kl_entity_get_instance_private (self);

  g_return_val_if_fail (KL_IS_ENTITY (self), NULL);

  return priv->created_at;
}

const char *
kl_entity_get_updated_at (KlEntity *self)
{
  KlEntityPrivate *priv = kl_entity_get_instance_private (self);

  g_return_val_if_fail (KL_IS_ENTITY (self), NULL);

  return priv->updated_at;
}

void
_kl_entity_set_timestamps (KlEntity   *self,
                           const char *created_at,
                           const char *updated_at)
{
  KlEntityPrivate *priv = kl_entity_get_instance_private (self);

  if (created_at != priv->created_at)
    {
      g_free (priv->created_at);
      priv->created_at = g_strdup (created_at);
    }
  if (updated_at != priv->updated_at)
    {
      g_free (priv->updated_at);
      priv->updated_at = g_strdup (updated_at);
    }
}

const GValue *
_kl_entity_get_value (KlEntity *self,
                      guint     index)
{
  g_return_val_if_fail (KL_IS_ENTITY (self), NULL);
  g_return_val_if_fail (index < KL_ENTITY_GET_CLASS (self)->n_fields, NULL);

  return &get_values (self)[index];
}

void
_kl_entity_set_value (KlEntity     *self,
                      guint         index,
                      const GValue *value)
{
  KlEntityClass *klass = KL_ENTITY_GET_CLASS (self);
  const KlField *field;
  GValue *slot;

  g_return_if_fail (index < klass->n_fields);

  field = &klass->fields[index];
  slot = &get_values (self)[index];

  if (is_text (field))
    {
      const char *text = g_value_get_string (value);

      /* A choice or a date left empty is no value at all. */
      if (text != NULL && text[0] == '\0' && (field->choices != NULL || field->type != KL_FIELD_TEXT))
        text = NULL;
      if (g_strcmp0 (text, g_value_get_string (slot)) == 0)
        return;
      g_value_set_string (slot, text);
    }
  else if (field->type == KL_FIELD_BOOL)
    {
      if (g_value_get_boolean (value) == g_value_get_boolean (slot))
        return;
      g_value_set_boolean (slot, g_value_get_boolean (value));
    }
  else
    {
      if (g_value_get_int64 (value) == g_value_get_int64 (slot))
        return;
      g_value_set_int64 (slot, g_value_get_int64 (value));
    }

  /* By pspec: a lookup by column name ('_', not '-') copied and
   * canonicalised the name on every change. */
  g_object_notify_by_pspec (G_OBJECT (self), klass->field_pspecs[index]);
}

const char *
kl_entity_get_text (KlEntity   *self,
                    const char *column)
{
  g_return_val_if_fail (KL_IS_ENTITY (self), NULL);

  return g_value_get_string (&get_values (self)[index_of (self, column)]);
}

void
kl_entity_set_text (KlEntity   *self,
                    const char *column,
                    const char *value)
{
  g_auto(GValue) v = G_VALUE_INIT;

  g_return_if_fail (KL_IS_ENTITY (self));

  g_value_init (&v, G_TYPE_STRING);
  g_value_set_string (&v, value);
  _kl_entity_set_value (self, index_of (self, column), &v);
}

gint64
kl_entity_get_number (KlEntity   *self,
                      const char *column)
{
  const GValue *value;

  g_return_val_if_fail (KL_IS_ENTITY (self), 0);

  value = &get_values (self)[index_of (self, column)];
  if (G_VALUE_HOLDS_BOOLEAN (value))
    return g_value_get_boolean (value);

  return g_value_get_int64 (value);
}

void
kl_entity_set_number (KlEntity   *self,
                      const char *column,
                      gint64      value)
{
  guint index;
  g_auto(GValue) v = G_VALUE_INIT;

  g_return_if_fail (KL_IS_ENTITY (self));

  index = index_of (self, column);
  if (KL_ENTITY_GET_CLASS (self)->fields[index].type == KL_FIELD_BOOL)
    {
      g_value_init (&v, G_TYPE_BOOLEAN);
      g_value_set_boolean (&v, value != 0);
    }
  else
    {
      g_value_init (&v, G_TYPE_INT64);
      g_value_set_int64 (&v, value);
    }
  _kl_entity_set_value (self, index, &v);
}

/* The value as the audit log keeps it; NULL for no value. */
char *
kl_entity_value_to_string (KlEntity *self,
                           guint     index)
{
  const KlField *field = &KL_ENTITY_GET_CLASS (self)->fields[index];
  const GValue *value = _kl_entity_get_value (self, index);

  if (G_VALUE_HOLDS_STRING (value))
    return g_value_dup_string (value);
  if (G_VALUE_HOLDS_BOOLEAN (value))
    return g_strdup (g_value_get_boolean (value) ? "1" : "0");
  if (field->type == KL_FIELD_REF && g_value_get_int64 (value) == 0)
    return NULL;

  return g_strdup_printf ("%" G_GINT64_FORMAT, g_value_get_int64 (value));
}

gboolean
kl_entity_value_equal (KlEntity *a,
                       KlEntity *b,
                       guint     index)
{
  const GValue *va = _kl_entity_get_value (a, index);
  const GValue *vb = _kl_entity_get_value (b, index);

  if (G_VALUE_HOLDS_STRING (va))
    return g_strcmp0 (g_value_get_string (va), g_value_get_string (vb)) == 0;
  if (G_VALUE_HOLDS_BOOLEAN (va))
    return g_value_get_boolean (va) == g_value_get_boolean (vb);

  return g_value_get_int64 (va) == g_value_get_int64 (vb);
}

static gboolean
check_text (const KlField  *field,
            const char     *text,
            GError        **error)
{
  gboolean empty = text == NULL || text[0] == '\0';

  if (field->flags & KL_FIELD_REQUIRED)
    {
      if (!kl_validate_required (text, error))
        return FALSE;
    }
  if (empty)
    return TRUE;

  if (!kl_validate_length (text, field->max > 0 ? (guint)field->max : DEFAULT_TEXT_MAX, error))
    return FALSE;
  if (field->choices != NULL && !kl_validate_choice (text, field->choices, error))
    return FALSE;

  switch (field->type)
    {
    case KL_FIELD_DATE:
      return kl_validate_date (text, error);
    case KL_FIELD_DATETIME:
      return kl_validate_datetime (text, error);
    default:
      break;
    }

  switch (field->check)
    {
    case KL_CHECK_EMAIL:
      return kl_validate_email (text, error);
    case KL_CHECK_PHONE:
      return kl_validate_phone (text, error);
    case KL_CHECK_CURRENCY:
      return kl_validate_currency (text, error);
    case KL_CHECK_COUNTRY:
      if (strlen (text) != 2 || !g_ascii_isupper (text[0]) || !g_ascii_isupper (text[1]))
        {
          g_set_error_literal (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID,
                               _("Enter a two-letter country code such as HR or RU."));
          return FALSE;
        }
      return TRUE;
    case KL_CHECK_IBAN:
      return kl_validate_iban (text, error);
    case KL_CHECK_KPP:
      return kl_validate_kpp (text, error);
    case KL_CHECK_OGRN:
      return kl_validate_ogrn (text, error);
    case KL_CHECK_BIK:
      return kl_validate_bik (text, error);
    case KL_CHECK_NONE:
    default:
      return TRUE;
    }
}

static gboolean
check_number (const KlField  *field,
              gint64          number,
              GError        **error)
{
  if (field->type == KL_FIELD_REF)
    {
      if ((field->flags & KL_FIELD_REQUIRED) && number <= 0)
        {
          g_set_error_literal (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_REQUIRED,
                               _("Choose one."));
          return FALSE;
        }
      return TRUE;
    }

  if (field->type == KL_FIELD_MONEY)
    return kl_validate_amount (number, field->max > 0 ? field->max : G_GINT64_CONSTANT (1000000000000000), error);

  if (number < field->min || (field->max > 0 && number > field->max))
    {
      g_autofree char *least = g_strdup_printf ("%" G_GINT64_FORMAT, field->min);
      g_autofree char *most = g_strdup_printf ("%" G_GINT64_FORMAT, field->max);

      /* Translators: the numbers are the least and the greatest allowed value. */
      g_set_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_RANGE,
                   _("Enter a number from %1$s to %2$s."), least, most);
      return FALSE;
    }

  return TRUE;
}

/**
 * kl_entity_validate_field:
 *
 * Checks one field as a form does while it is typed. The message names
 * only the problem; the form shows it beside the field.
 */
gboolean
kl_entity_validate_field (KlEntity  *self,
                          guint      index,
                          GError   **error)
{
  const KlField *field;
  const GValue *value;

  g_return_val_if_fail (KL_IS_ENTITY (self), FALSE);
  g_return_val_if_fail (index < KL_ENTITY_GET_CLASS (self)->n_fields, FALSE);

  field = &KL_ENTITY_GET_CLASS (self)->fields[index];
  if (field->flags & (KL_FIELD_COMPUTED | KL_FIELD_DERIVED))
    return TRUE;

  value = _kl_entity_get_value (self, index);
  if (G_VALUE_HOLDS_STRING (value))
    return check_text (field, g_value_get_string (value), error);
  if (G_VALUE_HOLDS_BOOLEAN (value))
    return TRUE;

  return check_number (field, g_value_get_int64 (value), error);
}

/**
 * kl_entity_validate:
 * @bad_column: (out) (optional): the column at fault
 *
 * Checks every field, then the rules that span fields. The message is
 * prefixed with the field's label, as standard error shows it.
 */
gboolean
kl_entity_validate (KlEntity    *self,
                    const char **bad_column,
                    GError     **error)
{
  KlEntityClass *klass;

  g_return_val_if_fail (KL_IS_ENTITY (self), FALSE);

  klass = KL_ENTITY_GET_CLASS (self);
  for (guint i = 0; i < klass->n_fields; i++)
    {
      if (!kl_entity_validate_field (self, i, error))
        {
          g_prefix_error (error, "%s: ", _(klass->fields[i].label));
          if (bad_column != NULL)
            *bad_column = klass->fields[i].column;
          return FALSE;
        }
    }

  if (klass->validate != NULL)
    {
      /* The class names the column whether or not our caller asked. */
      const char *column = NULL;
      guint index;

      if (!klass->validate (self, &column, error))
        {
          if (column != NULL && kl_entity_class_find_field (klass, column, &index) != NULL)
            g_prefix_error (error, "%s: ", _(klass->fields[index].label));
          if (bad_column != NULL)
            *bad_column = column;
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * kl_entity_prepare:
 * @bad_column: (out) (optional): the column at fault
 *
 * What a store does before it writes @entity: computes the derived fields
 * (sort and search keys), then kl_entity_validate(). Touches nothing but
 * @entity, so an import may prepare its clients in a thread of its own.
 */
gboolean
kl_entity_prepare (KlEntity    *self,
                   const char **bad_column,
                   GError     **error)
{
  KlEntityClass *klass;

  g_return_val_if_fail (KL_IS_ENTITY (self), FALSE);

  klass = KL_ENTITY_GET_CLASS (self);
  if (klass->derive != NULL)
    klass->derive (self);

  return kl_entity_validate (self, bad_column, error);
}

KlEntity *
kl_entity_copy (KlEntity *self)
{
  KlEntityPrivate *priv = kl_entity_get_instance_private (self);
  KlEntityClass *klass;
  KlEntity *copy;
  KlEntityPrivate *copy_priv;

  g_return_val_if_fail (KL_IS_ENTITY (self), NULL);

  klass = KL_ENTITY_GET_CLASS (self);
  copy = g_object_new (G_OBJECT_TYPE (self), NULL);
  copy_priv = kl_entity_get_instance_private (copy);
  copy_priv->id = priv->id;
  copy_priv->created_at = g_strdup (priv->created_at);
  copy_priv->updated_at = g_strdup (priv->updated_at);
  for (guint i = 0; i < klass->n_fields; i++)
    g_value_copy (_kl_entity_get_value (self, i), &get_values (copy)[i]);

  return copy;
}
