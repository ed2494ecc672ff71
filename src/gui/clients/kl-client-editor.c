/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-client-editor.h"

#include <stdio.h>

#include "kl-client-card.h"
#include "kl-client-ops.h"
#include "kl-entities.h"
#include "kl-form.h"
#include "kl-format.h"
#include "kl-text.h"
#include "kl-validation.h"

/* The form for a new client or for changing one. Every typed value goes
 * into a working copy of the client at once and is checked there, field by
 * field (kl_entity_validate_field) and across fields (the tax ID by the
 * country); the reason shows in a small row under the field, and "Save"
 * is enabled only while the whole client is valid.
 *
 * Saving looks for probable duplicates first and asks what to do when
 * there are any. An edit writes only the fields the user changed onto a
 * fresh copy of the row, so a segment recomputed or a field changed
 * elsewhere meanwhile is not overwritten with what the form was opened
 * with. Closing with changes asks first; "Cancel" discards. */

struct _KlClientEditor
{
  AdwWindow          parent_instance;

  KlSession         *session;
  KlClient          *client;        /* as opened; NULL for a new client */
  KlEntity          *pristine;      /* the form's values when opened */
  KlEntity          *working;       /* the form's values now */
  GHashTable        *touched;       /* columns the user has typed in */
  GHashTable        *parse_errors;  /* column → text that is no value at all */
  GArray            *manager_ids;   /* gint64 per row of manager_row */
  gboolean           loading;
  gboolean           valid;
  gboolean           done;          /* saved or discarded: close without asking */

  /* Template children */
  AdwWindowTitle    *window_title;
  AdwToastOverlay   *toast_overlay;
  GtkWidget         *save_button;
  AdwComboRow       *kind_row;
  AdwEntryRow       *name_row;
  GtkLabel          *name_error;
  AdwEntryRow       *legal_form_row;
  GtkLabel          *legal_form_error;
  AdwEntryRow       *tax_id_row;
  GtkLabel          *tax_id_error;
  AdwComboRow       *country_row;
  AdwEntryRow       *country_code_row;
  GtkLabel          *country_code_error;
  AdwEntryRow       *city_row;
  GtkLabel          *city_error;
  AdwEntryRow       *address_row;
  GtkLabel          *address_error;
  AdwEntryRow       *postal_code_row;
  GtkLabel          *postal_code_error;
  AdwEntryRow       *phone_row;
  GtkLabel          *phone_error;
  AdwEntryRow       *email_row;
  GtkLabel          *email_error;
  AdwEntryRow       *website_row;
  GtkLabel          *website_error;
  AdwComboRow       *status_row;
  AdwComboRow       *source_row;
  AdwComboRow       *credit_rating_row;
  GtkLabel          *segment_label;
  AdwComboRow       *manager_row;
  AdwEntryRow       *credit_limit_row;
  GtkLabel          *credit_limit_error;
  AdwComboRow       *currency_row;
  GtkStringList     *currency_model;
  GtkSpinButton     *payment_terms_spin;
  AdwEntryRow       *next_action_row;
  GtkLabel          *next_action_error;
  AdwEntryRow       *next_action_date_row;
  GtkLabel          *next_action_date_error;
  GtkPopover        *next_action_date_popover;
  GtkCalendar       *next_action_date_calendar;
  GtkTextBuffer     *notes_buffer;
};

G_DEFINE_FINAL_TYPE (KlClientEditor, kl_client_editor, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_CLIENT,
  PROP_VALID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The rows typed into, with the row under each that shows what is wrong. */
typedef enum {
  FIELD_TEXT,
  FIELD_MONEY,
  FIELD_DATE,
  FIELD_COUNTRY_CODE,  /* the "country" column when "Other country" is chosen */
} FieldKind;

typedef struct {
  const char *column;
  FieldKind   kind;
  gsize       row_offset;
  gsize       error_offset;
} TextField;

#define TEXT_FIELD(name, kind) \
  { #name, kind, G_STRUCT_OFFSET (KlClientEditor, name##_row), G_STRUCT_OFFSET (KlClientEditor, name##_error) }

static const TextField text_fields[] = {
  TEXT_FIELD (name, FIELD_TEXT),
  TEXT_FIELD (legal_form, FIELD_TEXT),
  TEXT_FIELD (tax_id, FIELD_TEXT),
  TEXT_FIELD (country_code, FIELD_COUNTRY_CODE),
  TEXT_FIELD (city, FIELD_TEXT),
  TEXT_FIELD (address, FIELD_TEXT),
  TEXT_FIELD (postal_code, FIELD_TEXT),
  TEXT_FIELD (phone, FIELD_TEXT),
  TEXT_FIELD (email, FIELD_TEXT),
  TEXT_FIELD (website, FIELD_TEXT),
  TEXT_FIELD (credit_limit, FIELD_MONEY),
  TEXT_FIELD (next_action, FIELD_TEXT),
  TEXT_FIELD (next_action_date, FIELD_DATE),
};

/* Combo rows over a set of stored values. */
typedef struct {
  const char         *column;
  const char * const *choices;
  gboolean            optional;   /* row 0 is "None" */
  gsize               row_offset;
} ChoiceField;

#define CHOICE_FIELD(name, choices, optional) \
  { #name, choices, optional, G_STRUCT_OFFSET (KlClientEditor, name##_row) }

static const ChoiceField choice_fields[] = {
  CHOICE_FIELD (kind, kl_client_kinds, FALSE),
  CHOICE_FIELD (status, kl_client_statuses, FALSE),
  CHOICE_FIELD (source, kl_client_sources, TRUE),
  CHOICE_FIELD (credit_rating, kl_credit_ratings, TRUE),
};

/* Rows of country_row. */
enum {
  COUNTRY_HR,
  COUNTRY_RU,
  COUNTRY_OTHER,
};

#define FIELD_WIDGET(self, offset) G_STRUCT_MEMBER (gpointer, self, offset)

/* Helpers */

static const char *
entity_column (const TextField *field)
{
  return field->kind == FIELD_COUNTRY_CODE ? "country" : field->column;
}

static guint
field_index (KlEntity   *entity,
             const char *column)
{
  guint index = 0;

  if (kl_entity_class_find_field (KL_ENTITY_GET_CLASS (entity), column, &index) == NULL)
    g_assert_not_reached ();

  return index;
}

/* The fields the form edits: not derived, not computed, not the segment. */
static gboolean
is_editable_field (const KlField *field)
{
  return (field->flags & (KL_FIELD_DERIVED | KL_FIELD_COMPUTED)) == 0 &&
         !g_str_equal (field->column, "segment");
}

static void
show_toast (KlClientEditor *self,
            const char     *message)
{
  g_autofree char *markup = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, 0);  /* stays until dismissed: it explains a failed save */
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static GtkStringList *
choice_model (const ChoiceField *field)
{
  GtkStringList *model = gtk_string_list_new (NULL);

  if (field->optional)
    gtk_string_list_append (model, C_("no value chosen", "None"));
  for (guint i = 0; field->choices[i] != NULL; i++)
    gtk_string_list_append (model, kl_choice_label (field->choices, field->choices[i]));

  return model;
}

static void
populate_managers (KlClientEditor *self)
{
  KlStore *store = kl_session_get_store (self->session, KL_TYPE_MANAGER);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GListModel) managers = NULL;
  g_autoptr(GError) error = NULL;
  gint64 current = kl_entity_get_number (self->working, "manager_id");
  gint64 none = 0;

  g_array_set_size (self->manager_ids, 0);
  gtk_string_list_append (names, C_("no manager", "None"));
  g_array_append_val (self->manager_ids, none);

  managers = kl_store_list_all (store, &error);
  if (managers == NULL)
    g_warning ("Could not list the managers: %s", error->message);

  for (guint i = 0; managers != NULL && i < g_list_model_get_n_items (managers); i++)
    {
      g_autoptr(KlEntity) manager = g_list_model_get_item (managers, i);
      gint64 id = kl_entity_get_id (manager);

      /* Managers who left are offered only to clients they still have. */
      if (!kl_entity_get_number (manager, "active") && id != current)
        continue;
      gtk_string_list_append (names, kl_entity_get_text (manager, "name"));
      g_array_append_val (self->manager_ids, id);
    }

  adw_combo_row_set_model (self->manager_row, G_LIST_MODEL (names));
}

/* Puts the working copy into the widgets. */
static void
load_form (KlClientEditor *self)
{
  KlEntity *c = self->working;
  const char *country = kl_entity_get_text (c, "country");
  const char *currency = kl_entity_get_text (c, "currency");
  const char *segment = kl_entity_get_text (c, "segment");
  const char *notes = kl_entity_get_text (c, "notes");
  const char *next_date = kl_entity_get_text (c, "next_action_date");
  gint64 manager_id = kl_entity_get_number (c, "manager_id");
  gint64 credit_limit = kl_entity_get_number (c, "credit_limit");
  guint n_currencies;
  guint currency_index = GTK_INVALID_LIST_POSITION;

  self->loading = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      const TextField *field = &text_fields[i];
      GtkEditable *row = FIELD_WIDGET (self, field->row_offset);
      g_autofree char *text = NULL;

      switch (field->kind)
        {
        case FIELD_MONEY:
          text = credit_limit != 0 ? kl_format_money (credit_limit, NULL) : g_strdup ("");
          break;
        case FIELD_DATE:
          text = kl_format_date (kl_entity_get_text (c, field->column));
          break;
        case FIELD_COUNTRY_CODE:
          text = g_strdup (g_strcmp0 (country, "HR") != 0 && g_strcmp0 (country, "RU") != 0 &&
                           country != NULL ? country : "");
          break;
        case FIELD_TEXT:
        default:
          text = g_strdup (kl_entity_get_text (c, field->column));
          break;
        }
      gtk_editable_set_text (row, text != NULL ? text : "");
    }

  for (guint i = 0; i < G_N_ELEMENTS (choice_fields); i++)
    {
      const ChoiceField *field = &choice_fields[i];
      const char *value = kl_entity_get_text (c, field->column);
      guint selected = 0;

      for (guint j = 0; value != NULL && field->choices[j] != NULL; j++)
        {
          if (g_str_equal (field->choices[j], value))
            selected = j + (field->optional ? 1 : 0);
        }
      adw_combo_row_set_selected (FIELD_WIDGET (self, field->row_offset), selected);
    }

  if (g_strcmp0 (country, "HR") == 0)
    adw_combo_row_set_selected (self->country_row, COUNTRY_HR);
  else if (g_strcmp0 (country, "RU") == 0)
    adw_combo_row_set_selected (self->country_row, COUNTRY_RU);
  else
    adw_combo_row_set_selected (self->country_row, COUNTRY_OTHER);
  gtk_widget_set_visible (GTK_WIDGET (self->country_code_row),
                          adw_combo_row_get_selected (self->country_row) == COUNTRY_OTHER);

  n_currencies = g_list_model_get_n_items (G_LIST_MODEL (self->currency_model));
  for (guint i = 0; currency != NULL && i < n_currencies; i++)
    {
      if (g_str_equal (gtk_string_list_get_string (self->currency_model, i), currency))
        currency_index = i;
    }
  if (currency_index == GTK_INVALID_LIST_POSITION && currency != NULL)
    {
      gtk_string_list_append (self->currency_model, currency);
      currency_index = n_currencies;
    }
  adw_combo_row_set_selected (self->currency_row, currency_index != GTK_INVALID_LIST_POSITION ? currency_index : 0);

  gtk_spin_button_set_value (self->payment_terms_spin, kl_entity_get_number (c, "payment_terms_days"));

  populate_managers (self);
  for (guint i = 0; i < self->manager_ids->len; i++)
    {
      if (g_array_index (self->manager_ids, gint64, i) == manager_id)
        adw_combo_row_set_selected (self->manager_row, i);
    }

  gtk_label_set_label (self->segment_label,
                       segment != NULL ? kl_choice_label (kl_client_segments, segment)
                                       : C_("client segment", "Not computed yet"));

  gtk_text_buffer_set_text (self->notes_buffer, notes != NULL ? notes : "", -1);

  if (next_date != NULL)
    {
      g_autofree char *iso = NULL;

      if (kl_parse_date (next_date, &iso))
        {
          int year, month, day;

          if (sscanf (iso, "%d-%d-%d", &year, &month, &day) == 3)
            {
              g_autoptr(GDateTime) date_time = g_date_time_new_local (year, month, day, 0, 0, 0);

              gtk_calendar_select_day (self->next_action_date_calendar, date_time);
            }
        }
    }

  self->loading = FALSE;
}

/* Reads one row into the working copy; text that is no value at all (an
 * amount or date that does not parse) is kept aside as an error. */
static void
read_text_field (KlClientEditor  *self,
                 const TextField *field)
{
  const char *text = gtk_editable_get_text (FIELD_WIDGET (self, field->row_offset));
  gboolean blank = text == NULL || text[0] == '\0';

  g_hash_table_remove (self->parse_errors, field->column);

  switch (field->kind)
    {
    case FIELD_MONEY:
      {
        g_autoptr(GError) error = NULL;
        gint64 minor = 0;

        if (kl_text_is_blank (text))
          kl_entity_set_number (self->working, field->column, 0);
        else if (kl_parse_money (text, &minor, &error))
          kl_entity_set_number (self->working, field->column, minor);
        else
          g_hash_table_insert (self->parse_errors, (gpointer)field->column, g_strdup (error->message));
      }
      break;

    case FIELD_DATE:
      {
        g_autofree char *iso = NULL;

        if (kl_text_is_blank (text))
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
      break;

    case FIELD_COUNTRY_CODE:
      if (adw_combo_row_get_selected (self->country_row) == COUNTRY_OTHER)
        kl_entity_set_text (self->working, "country", blank ? NULL : text);
      break;

    case FIELD_TEXT:
    default:
      /* As typed: no trimming, nothing replaced. */
      kl_entity_set_text (self->working, field->column, blank ? NULL : text);
      break;
    }
}

static const char *
selected_choice (KlClientEditor    *self,
                 const ChoiceField *field)
{
  guint selected = adw_combo_row_get_selected (FIELD_WIDGET (self, field->row_offset));

  if (selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  if (field->optional)
    {
      if (selected == 0)
        return NULL;
      selected--;
    }
  if (selected >= g_strv_length ((char **)field->choices))
    return NULL;

  return field->choices[selected];
}

static gboolean
is_modified (KlClientEditor *self)
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

/* Checks every field and the client as a whole, shows the reasons beside
 * the fields the user has typed in (or that hold something), and enables
 * "Save" when all is well. */
static void
update_validation (KlClientEditor *self)
{
  gboolean valid = TRUE;
  const char *bad_column = NULL;
  g_autoptr(GError) client_error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      const TextField *field = &text_fields[i];
      const char *column = entity_column (field);
      GtkEditable *row = FIELD_WIDGET (self, field->row_offset);
      const char *message = g_hash_table_lookup (self->parse_errors, field->column);
      g_autoptr(GError) error = NULL;
      gboolean show;

      if (field->kind == FIELD_COUNTRY_CODE &&
          adw_combo_row_get_selected (self->country_row) != COUNTRY_OTHER)
        {
          kl_form_set_field_error (GTK_WIDGET (row), FIELD_WIDGET (self, field->error_offset), NULL);
          continue;
        }

      if (message == NULL &&
          !kl_entity_validate_field (self->working, field_index (self->working, column), &error))
        message = error->message;

      /* The tax ID by the country: an OIB for Croatia, an INN for Russia. */
      if (message == NULL && g_str_equal (column, "tax_id") &&
          !kl_validate_tax_id (kl_entity_get_text (self->working, "country"),
                               kl_entity_get_text (self->working, "tax_id"), &error))
        message = error->message;

      if (message != NULL)
        valid = FALSE;

      show = g_hash_table_contains (self->touched, column) ||
             !kl_text_is_blank (gtk_editable_get_text (row));
      kl_form_set_field_error (GTK_WIDGET (row), FIELD_WIDGET (self, field->error_offset),
                       show ? message : NULL);
    }

  /* Whatever else the model would refuse; the messages here carry the
   * field's label, so they read well in a toast too. */
  if (valid && !kl_entity_validate (self->working, &bad_column, &client_error))
    {
      valid = FALSE;
      for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
        {
          if (bad_column != NULL && g_str_equal (entity_column (&text_fields[i]), bad_column))
            kl_form_set_field_error (FIELD_WIDGET (self, text_fields[i].row_offset),
                             FIELD_WIDGET (self, text_fields[i].error_offset),
                             client_error->message);
        }
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", valid);
  if (self->valid != valid)
    {
      self->valid = valid;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALID]);
    }
}

static void
update_title (KlClientEditor *self)
{
  const char *name = kl_entity_get_text (self->working, "name");

  adw_window_title_set_title (self->window_title,
                              self->client != NULL ? _("Edit Client") : _("New Client"));
  adw_window_title_set_subtitle (self->window_title, name != NULL ? name : "");
}

/* Opens the card of @client_id: through the main window when there is one
 * (it keeps one card per client), else on its own. */
static void
open_client_card (KlClientEditor *self,
                  gint64          client_id)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  KlClientCard *card;

  if (parent != NULL &&
      gtk_widget_activate_action (GTK_WIDGET (parent), "win.open-client", "x", client_id))
    return;
  if (parent != NULL && KL_IS_CLIENT_CARD (parent) &&
      kl_client_card_get_client_id (KL_CLIENT_CARD (parent)) == client_id)
    {
      gtk_window_present (parent);
      return;
    }

  card = kl_client_card_new (self->session, client_id);
  gtk_window_set_application (GTK_WINDOW (card), gtk_window_get_application (GTK_WINDOW (self)));
  gtk_window_present (GTK_WINDOW (card));
}

static void
finish (KlClientEditor *self)
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
finish_later (KlClientEditor *self)
{
  self->done = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, finish_idle, g_object_ref (self), g_object_unref);
}

/* Writes the client: a new row, or the user's changes onto the row as it
 * is now. Returns the id, or 0 after showing why it failed. */
static gint64
write_client (KlClientEditor *self)
{
  KlStore *store = kl_session_get_store (self->session, KL_TYPE_CLIENT);
  g_autoptr(KlEntity) entity = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->client == NULL)
    {
      entity = kl_entity_copy (self->working);
      ok = kl_store_insert (store, entity, &error);
    }
  else
    {
      KlEntityClass *klass = KL_ENTITY_GET_CLASS (self->working);

      entity = kl_store_get (store, kl_entity_get_id (KL_ENTITY (self->client)), &error);
      if (entity == NULL)
        ok = FALSE;
      else
        {
          for (guint i = 0; i < klass->n_fields; i++)
            {
              if (is_editable_field (&klass->fields[i]) &&
                  !kl_entity_value_equal (self->pristine, self->working, i))
                _kl_entity_set_value (entity, i, _kl_entity_get_value (self->working, i));
            }
          ok = kl_store_update (store, entity, &error);
        }
    }

  if (!ok)
    {
      /* The form stays open with everything typed. */
      g_debug ("Could not save the client: %s", error->message);
      show_toast (self, error->message);
      return 0;
    }

  return kl_entity_get_id (entity);
}

static void
save_and_close (KlClientEditor *self)
{
  gint64 id = write_client (self);

  if (id <= 0)
    return;

  g_signal_emit (self, signals[SAVED], 0, id);
  finish_later (self);
}

static void
merge_into (KlClientEditor *self,
            gint64          survivor_id)
{
  g_autoptr(GError) error = NULL;
  gint64 this_id;

  /* A new client: nothing is written; the existing one opens instead. */
  if (self->client == NULL)
    {
      open_client_card (self, survivor_id);
      finish_later (self);
      return;
    }

  /* This client's changes first, so that what was typed is merged too. */
  this_id = kl_entity_get_id (KL_ENTITY (self->client));
  if (is_modified (self) && write_client (self) <= 0)
    return;

  if (!kl_clients_merge (self->session, survivor_id, this_id, &error))
    {
      g_debug ("Could not merge client %" G_GINT64_FORMAT " into %" G_GINT64_FORMAT ": %s",
               this_id, survivor_id, error->message);
      show_toast (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, survivor_id);
  open_client_card (self, survivor_id);
  finish_later (self);
}

/* Callbacks */

static void
on_duplicates_dialog_response_cb (KlClientEditor   *self,
                                  const char       *response,
                                  AdwMessageDialog *dialog)
{
  gint64 match_id = *(gint64 *)g_object_get_data (G_OBJECT (dialog), "match-id");

  if (g_str_equal (response, "save"))
    save_and_close (self);
  else if (g_str_equal (response, "merge"))
    merge_into (self, match_id);
}

static void
show_duplicates (KlClientEditor *self,
                 GPtrArray      *duplicates)
{
  const KlDuplicate *first = g_ptr_array_index (duplicates, 0);
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GHashTable) clients = g_hash_table_new (g_int64_hash, g_int64_equal);
  AdwMessageDialog *dialog;
  guint n_clients;

  for (guint i = 0; i < duplicates->len; i++)
    {
      KlDuplicate *duplicate = g_ptr_array_index (duplicates, i);

      g_hash_table_add (clients, &duplicate->client_id);
    }
  n_clients = g_hash_table_size (clients);

  g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE,
                                             "%u client on the list may be the same as this one:",
                                             "%u clients on the list may be the same as this one:",
                                             n_clients),
                          n_clients);
  g_string_append_c (body, '\n');
  for (guint i = 0; i < duplicates->len; i++)
    {
      const KlDuplicate *duplicate = g_ptr_array_index (duplicates, i);

      g_string_append_printf (body, "\n• %s", duplicate->description);
    }
  g_string_append (body, "\n\n");
  if (self->client == NULL)
    /* TRANSLATORS: %s is the name of the client that is already on the list */
    g_string_append_printf (body, _("“Open Existing” saves nothing and opens “%s” instead."),
                            first->client_name);
  else
    /* TRANSLATORS: %s is the name of the client that is already on the list */
    g_string_append_printf (body, _("“Merge” moves this client’s contacts, deals and history "
                                    "into “%s” and deletes this one."),
                            first->client_name);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Possible Duplicate"),
                                                       body->str));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "merge", self->client == NULL ? _("_Open Existing") : _("_Merge"),
                                    "save", _("Save _Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "match-id",
                          g_memdup2 (&first->client_id, sizeof first->client_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_duplicates_dialog_response_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_entry_row_changed_cb (KlClientEditor *self,
                         GtkEditable    *editable)
{
  if (self->loading)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      const TextField *field = &text_fields[i];

      if (FIELD_WIDGET (self, field->row_offset) != (gpointer)editable)
        continue;

      read_text_field (self, field);
      g_hash_table_add (self->touched, (gpointer)entity_column (field));
      /* The tax ID's check depends on the country. */
      update_validation (self);
      if (g_str_equal (field->column, "name"))
        update_title (self);
      return;
    }
}

static void
on_combo_row_selected_cb (KlClientEditor *self,
                          GParamSpec     *pspec,
                          AdwComboRow    *row)
{
  guint selected;

  if (self->loading)
    return;

  selected = adw_combo_row_get_selected (row);

  if (row == self->country_row)
    {
      gboolean other = selected == COUNTRY_OTHER;

      gtk_widget_set_visible (GTK_WIDGET (self->country_code_row), other);
      if (selected == COUNTRY_HR)
        kl_entity_set_text (self->working, "country", "HR");
      else if (selected == COUNTRY_RU)
        kl_entity_set_text (self->working, "country", "RU");
      else
        {
          const char *code = gtk_editable_get_text (GTK_EDITABLE (self->country_code_row));

          kl_entity_set_text (self->working, "country", code[0] != '\0' ? code : NULL);
          g_hash_table_add (self->touched, (gpointer)"country");
        }
    }
  else if (row == self->currency_row)
    {
      if (selected != GTK_INVALID_LIST_POSITION)
        kl_entity_set_text (self->working, "currency",
                            gtk_string_list_get_string (self->currency_model, selected));
    }
  else if (row == self->manager_row)
    {
      if (selected != GTK_INVALID_LIST_POSITION && selected < self->manager_ids->len)
        kl_entity_set_number (self->working, "manager_id",
                              g_array_index (self->manager_ids, gint64, selected));
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (choice_fields); i++)
        {
          const ChoiceField *field = &choice_fields[i];

          if (FIELD_WIDGET (self, field->row_offset) == (gpointer)row)
            kl_entity_set_text (self->working, field->column, selected_choice (self, field));
        }
    }

  update_validation (self);
}

static void
on_payment_terms_spin_value_changed_cb (KlClientEditor *self,
                                        GtkSpinButton  *spin)
{
  if (self->loading)
    return;

  kl_entity_set_number (self->working, "payment_terms_days", gtk_spin_button_get_value_as_int (spin));
  update_validation (self);
}

static void
on_notes_buffer_changed_cb (KlClientEditor *self,
                            GtkTextBuffer  *buffer)
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
on_calendar_day_selected_cb (KlClientEditor *self,
                             GtkCalendar    *calendar)
{
  g_autoptr(GDateTime) date_time = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date_time, "%x");

  gtk_editable_set_text (GTK_EDITABLE (self->next_action_date_row), text);
  gtk_popover_popdown (self->next_action_date_popover);
}

static void
on_discard_dialog_response_cb (KlClientEditor   *self,
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
  KlClientEditor *self = KL_CLIENT_EDITOR (widget);
  g_autoptr(GPtrArray) duplicates = NULL;
  g_autoptr(GError) error = NULL;

  update_validation (self);
  if (!self->valid)
    return;

  duplicates = kl_clients_find_duplicates (self->session, KL_CLIENT (self->working), &error);
  if (duplicates == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  if (duplicates->len > 0)
    {
      show_duplicates (self, duplicates);
      return;
    }

  save_and_close (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  finish (KL_CLIENT_EDITOR (widget));
}

/* Overrides */

static gboolean
kl_client_editor_close_request (GtkWindow *window)
{
  KlClientEditor *self = KL_CLIENT_EDITOR (window);

  if (self->done || !is_modified (self))
    return GTK_WINDOW_CLASS (kl_client_editor_parent_class)->close_request (window);

  kl_form_ask_discard (window, _("The changes made to this client will be lost."),
                       _("_Cancel"), G_CALLBACK (on_discard_dialog_response_cb), self);

  return TRUE;
}

static void
kl_client_editor_constructed (GObject *object)
{
  KlClientEditor *self = KL_CLIENT_EDITOR (object);

  G_OBJECT_CLASS (kl_client_editor_parent_class)->constructed (object);

  g_assert (KL_IS_SESSION (self->session));

  if (self->client != NULL)
    self->working = kl_entity_copy (KL_ENTITY (self->client));
  else
    self->working = g_object_new (KL_TYPE_CLIENT, NULL);
  self->pristine = kl_entity_copy (self->working);

  load_form (self);
  update_title (self);
  update_validation (self);
}

static void
kl_client_editor_dispose (GObject *object)
{
  KlClientEditor *self = KL_CLIENT_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_CLIENT_EDITOR);
  g_clear_object (&self->session);
  g_clear_object (&self->client);
  g_clear_object (&self->pristine);
  g_clear_object (&self->working);

  G_OBJECT_CLASS (kl_client_editor_parent_class)->dispose (object);
}

static void
kl_client_editor_finalize (GObject *object)
{
  KlClientEditor *self = KL_CLIENT_EDITOR (object);

  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->parse_errors, g_hash_table_unref);
  g_clear_pointer (&self->manager_ids, g_array_unref);

  G_OBJECT_CLASS (kl_client_editor_parent_class)->finalize (object);
}

static void
kl_client_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KlClientEditor *self = KL_CLIENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_VALID:
      g_value_set_boolean (value, self->valid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_client_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KlClientEditor *self = KL_CLIENT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_client_editor_class_init (KlClientEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = kl_client_editor_constructed;
  object_class->dispose = kl_client_editor_dispose;
  object_class->finalize = kl_client_editor_finalize;
  object_class->get_property = kl_client_editor_get_property;
  object_class->set_property = kl_client_editor_set_property;

  window_class->close_request = kl_client_editor_close_request;

  /**
   * KlClientEditor:session:
   *
   * The database the client is saved to.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         KL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KlClientEditor:client:
   *
   * The client being changed, as it was read; %NULL for a new client.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         KL_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * KlClientEditor:valid:
   *
   * Whether the form holds a client that can be saved.
   */
  properties[PROP_VALID] =
    g_param_spec_boolean ("valid", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KlClientEditor::saved:
   * @id: the client's row
   *
   * The client was written (or, from the duplicate warning, merged into
   * the client @id).
   */
  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/clients/kl-client-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, name_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, legal_form_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, legal_form_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, tax_id_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, tax_id_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, country_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, country_code_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, country_code_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, city_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, city_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, address_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, postal_code_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, postal_code_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, phone_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, email_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, website_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, website_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, status_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, source_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, credit_rating_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, segment_label);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, manager_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, credit_limit_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, credit_limit_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, currency_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, currency_model);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, payment_terms_spin);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, next_action_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, next_action_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, next_action_date_row);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, next_action_date_error);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, next_action_date_popover);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, next_action_date_calendar);
  gtk_widget_class_bind_template_child (widget_class, KlClientEditor, notes_buffer);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_combo_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_payment_terms_spin_value_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_notes_buffer_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
}

static void
kl_client_editor_init (KlClientEditor *self)
{
  self->touched = g_hash_table_new (g_str_hash, g_str_equal);
  self->parse_errors = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->manager_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  gtk_widget_init_template (GTK_WIDGET (self));

  /* The choice rows list the translated names of the stored values. */
  self->loading = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (choice_fields); i++)
    {
      g_autoptr(GtkStringList) model = choice_model (&choice_fields[i]);

      adw_combo_row_set_model (FIELD_WIDGET (self, choice_fields[i].row_offset), G_LIST_MODEL (model));
    }
  self->loading = FALSE;
}

/**
 * kl_client_editor_new:
 * @session: the open database
 * @client: (nullable): the client to change, or %NULL for a new one
 *
 * Returns: (transfer floating): a form to be presented, transient for a
 *   window of the caller's.
 */
KlClientEditor *
kl_client_editor_new (KlSession *session,
                      KlClient  *client)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (client == NULL || KL_IS_CLIENT (client), NULL);

  return g_object_new (KL_TYPE_CLIENT_EDITOR,
                       "session", session,
                       "client", client,
                       NULL);
}

KlSession *
kl_client_editor_get_session (KlClientEditor *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_EDITOR (self), NULL);

  return self->session;
}

/* The client as it was opened; NULL for a new one. */
KlClient *
kl_client_editor_get_client (KlClientEditor *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_EDITOR (self), NULL);

  return self->client;
}

gboolean
kl_client_editor_is_valid (KlClientEditor *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_EDITOR (self), FALSE);

  return self->valid;
}

gboolean
kl_client_editor_is_modified (KlClientEditor *self)
{
  g_return_val_if_fail (KL_IS_CLIENT_EDITOR (self), FALSE);

  return is_modified (self);
}
