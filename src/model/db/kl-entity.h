/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  KL_FIELD_TEXT,      /* string, NULL is SQL NULL */
  KL_FIELD_DATE,      /* string, ISO 8601 date */
  KL_FIELD_DATETIME,  /* string, ISO 8601 date and time */
  KL_FIELD_INT,       /* gint64 */
  KL_FIELD_MONEY,     /* gint64 minor units (cents, kopecks) */
  KL_FIELD_BOOL,      /* gboolean */
  KL_FIELD_REF,       /* gint64 row id of another table, 0 is SQL NULL */
} KlFieldType;

typedef enum {
  KL_FIELD_REQUIRED = 1 << 0,
  KL_FIELD_DERIVED  = 1 << 1,  /* written, but computed by the entity, never typed */
  KL_FIELD_COMPUTED = 1 << 2,  /* read from list queries, never written */
} KlFieldFlags;

typedef enum {
  KL_CHECK_NONE,
  KL_CHECK_EMAIL,
  KL_CHECK_PHONE,
  KL_CHECK_CURRENCY,
  KL_CHECK_COUNTRY,
  KL_CHECK_IBAN,
  KL_CHECK_KPP,
  KL_CHECK_OGRN,      /* OGRN or OGRNIP */
  KL_CHECK_BIK,
} KlFieldCheck;

typedef struct {
  const char         *column;    /* SQL column; the property has '-' for '_' */
  const char         *label;     /* N_(), for messages and the audit trail */
  KlFieldType         type;
  KlFieldFlags        flags;
  KlFieldCheck        check;
  const char * const *choices;   /* allowed values of a text field, NULL-terminated */
  gint64              min;       /* numbers: least value */
  gint64              max;       /* numbers: greatest value, 0 = none; text: most characters, 0 = default */
  const char         *default_text;
  gint64              default_number;
} KlField;

typedef struct _KlDatabase KlDatabase;

#define KL_TYPE_ENTITY (kl_entity_get_type ())
G_DECLARE_DERIVABLE_TYPE (KlEntity, kl_entity, KL, ENTITY, GObject)

struct _KlEntityClass
{
  GObjectClass   parent_class;

  const char    *table;
  const KlField *fields;
  guint          n_fields;
  guint          first_field_prop;
  gboolean       audited;      /* every write leaves audit_log rows */
  gboolean       timestamps;   /* the table has created_at and updated_at */

  /* Fills KL_FIELD_DERIVED fields before a write. */
  void     (*derive)      (KlEntity    *self);
  /* Checks that span fields (dates in order, tax ID by country…). */
  gboolean (*validate)    (KlEntity    *self,
                           const char **bad_column,
                           GError     **error);
  /* Runs inside the write's transaction; @old is NULL on insert. */
  gboolean (*after_write) (KlEntity    *self,
                           KlEntity    *old,
                           KlDatabase  *db,
                           GError     **error);

  /* The property of each field, to notify by pspec (set by
   * kl_entity_class_set_fields()). */
  GParamSpec   **field_pspecs;

  gpointer padding[7];
};

void           kl_entity_class_set_fields     (KlEntityClass  *klass,
                                               const char     *table,
                                               const KlField  *fields,
                                               guint           n_fields);
const KlField *kl_entity_class_find_field     (KlEntityClass  *klass,
                                               const char     *column,
                                               guint          *index);

gint64         kl_entity_get_id               (KlEntity       *self);
void           kl_entity_set_id               (KlEntity       *self,
                                               gint64          id);
const char    *kl_entity_get_created_at       (KlEntity       *self);
const char    *kl_entity_get_updated_at       (KlEntity       *self);
void           _kl_entity_set_timestamps      (KlEntity       *self,
                                               const char     *created_at,
                                               const char     *updated_at);

const char    *kl_entity_get_text             (KlEntity       *self,
                                               const char     *column);
void           kl_entity_set_text             (KlEntity       *self,
                                               const char     *column,
                                               const char     *value);
gint64         kl_entity_get_number           (KlEntity       *self,
                                               const char     *column);
void           kl_entity_set_number           (KlEntity       *self,
                                               const char     *column,
                                               gint64          value);

const GValue  *_kl_entity_get_value           (KlEntity       *self,
                                               guint           index);
void           _kl_entity_set_value           (KlEntity       *self,
                                               guint           index,
                                               const GValue   *value);
char          *kl_entity_value_to_string      (KlEntity       *self,
                                               guint           index);
gboolean       kl_entity_value_equal          (KlEntity       *a,
                                               KlEntity       *b,
                                               guint           index);

gboolean       kl_entity_validate_field       (KlEntity       *self,
                                               guint           index,
                                               GError        **error);
gboolean       kl_entity_validate             (KlEntity       *self,
                                               const char    **bad_column,
                                               GError        **error);
gboolean       kl_entity_prepare              (KlEntity       *self,
                                               const char    **bad_column,
                                               GError        **error);
KlEntity      *kl_entity_copy                 (KlEntity       *self);

G_END_DECLS
