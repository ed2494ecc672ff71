/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kl-store.h"

G_BEGIN_DECLS

/* How the text of an entry row maps onto its column. */
typedef enum {
  KL_FORM_TEXT,   /* as typed; blank is NULL */
  KL_FORM_MONEY,  /* an amount in the locale, stored in minor units; blank is 0 */
  KL_FORM_DATE,   /* a date in the locale, stored as ISO 8601; blank is NULL */
  KL_FORM_NUMBER, /* a whole number; blank is 0 */
} KlFormKind;

/* A check across fields (the tax ID by the country): FALSE with @error set
 * when the value of @column is wrong. */
typedef gboolean (*KlFormCheckFunc) (KlEntity    *entity,
                                     const char  *column,
                                     gpointer     user_data,
                                     GError     **error);

#define KL_TYPE_FORM (kl_form_get_type ())
G_DECLARE_FINAL_TYPE (KlForm, kl_form, KL, FORM, GObject)

KlForm   *kl_form_new               (void);

void      kl_form_bind_entry        (KlForm          *self,
                                     const char      *column,
                                     KlFormKind       kind,
                                     GtkEditable     *row,
                                     GtkLabel        *error_label);
void      kl_form_bind_choice       (KlForm          *self,
                                     const char      *column,
                                     AdwComboRow     *row);
void      kl_form_bind_text_buffer  (KlForm          *self,
                                     const char      *column,
                                     GtkTextBuffer   *buffer);
void      kl_form_bind_spin_button  (KlForm          *self,
                                     const char      *column,
                                     GtkSpinButton   *spin);
void      kl_form_add_check         (KlForm          *self,
                                     const char      *column,
                                     KlFormCheckFunc  check,
                                     gpointer         user_data);

void      kl_form_open              (KlForm          *self,
                                     KlEntity        *entity);
KlEntity *kl_form_get_entity        (KlForm          *self);
void      kl_form_set_text          (KlForm          *self,
                                     const char      *column,
                                     const char      *value);
void      kl_form_set_number        (KlForm          *self,
                                     const char      *column,
                                     gint64           value);
void      kl_form_show_text         (KlForm          *self,
                                     GtkEditable     *row,
                                     const char      *text);
gboolean  kl_form_is_loading        (KlForm          *self);

void      kl_form_validate          (KlForm          *self);
gboolean  kl_form_is_valid          (KlForm          *self);
gboolean  kl_form_is_modified       (KlForm          *self);
gint64    kl_form_save              (KlForm          *self,
                                     KlStore         *store,
                                     GError         **error);

/* What the editors (client, contact person, activity) share. */

void kl_form_set_field_error (GtkWidget  *row,
                              GtkLabel   *error_label,
                              const char *message);
void kl_form_ask_discard     (GtkWindow  *window,
                              const char *body,
                              const char *keep_label,
                              GCallback   on_response,
                              gpointer    receiver);

G_END_DECLS
