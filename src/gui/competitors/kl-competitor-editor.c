/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-competitor-editor.h"

#include "kl-competitor-list.h"
#include "kl-format.h"

/* A competitor, new or existing: a KlEditor (see kl-editor.c) with its
 * name, website, products, price level against ours, strengths,
 * weaknesses and notes; an existing one shows the value of the deals lost
 * to it, per currency. */

struct _KlCompetitorEditor
{
  KlEditor           parent_instance;

  KlCompetitor      *competitor;    /* as opened; NULL for a new one */

  /* Template children */
  AdwWindowTitle    *window_title;
  AdwToastOverlay   *toast_overlay;
  GtkButton         *save_button;
  AdwEntryRow       *name_row;
  GtkLabel          *name_error;
  AdwEntryRow       *website_row;
  GtkLabel          *website_error;
  AdwEntryRow       *products_row;
  GtkLabel          *products_error;
  AdwComboRow       *price_level_row;
  GtkTextBuffer     *strengths_buffer;
  GtkTextBuffer     *weaknesses_buffer;
  GtkTextBuffer     *notes_buffer;
  AdwPreferencesGroup *lost_group;
  GtkLabel          *lost_label;
};

G_DEFINE_FINAL_TYPE (KlCompetitorEditor, kl_competitor_editor, KL_TYPE_EDITOR)

enum {
  PROP_0,
  PROP_COMPETITOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char *
kl_competitor_format_lost (GArray *values)
{
  g_autoptr(GString) text = NULL;

  if (values == NULL || values->len == 0)
    return NULL;
  text = g_string_new (NULL);
  for (guint i = 0; i < values->len; i++)
    {
      KlLostValue *value = &g_array_index (values, KlLostValue, i);
      g_autofree char *money = kl_format_money (value->amount, value->currency);

      if (i > 0)
        g_string_append (text, " · ");
      g_string_append (text, money);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_title (KlCompetitorEditor *self)
{
  KlEntity *competitor = kl_form_get_entity (kl_editor_get_form (KL_EDITOR (self)));
  const char *name = competitor != NULL ? kl_entity_get_text (competitor, "name") : NULL;

  adw_window_title_set_title (self->window_title,
                              self->competitor != NULL ? _("Edit Competitor") : _("New Competitor"));
  adw_window_title_set_subtitle (self->window_title, name != NULL ? name : "");
  gtk_window_set_title (GTK_WINDOW (self), adw_window_title_get_title (self->window_title));
}

static void
fill_lost (KlCompetitorEditor *self)
{
  KlDatabase *db = kl_session_get_database (kl_editor_get_session (KL_EDITOR (self)));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) values = NULL;
  g_autofree char *text = NULL;
  guint deals = 0;

  gtk_widget_set_visible (GTK_WIDGET (self->lost_group), self->competitor != NULL);
  if (self->competitor == NULL)
    return;
  values = kl_competitor_lost_values (db, kl_entity_get_id (KL_ENTITY (self->competitor)), &error);
  if (values == NULL)
    {
      g_warning ("Could not read the deals lost: %s", error->message);
      return;
    }
  for (guint i = 0; i < values->len; i++)
    deals += g_array_index (values, KlLostValue, i).deals;
  text = kl_competitor_format_lost (values);
  gtk_label_set_text (self->lost_label, text != NULL ? text : _("No deals lost to them"));
  if (deals > 0)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u deal lost to them",
                                                             "%u deals lost to them", deals), deals);

      adw_preferences_group_set_title (self->lost_group, title);
    }
}

static void
kl_competitor_editor_constructed (GObject *object)
{
  KlCompetitorEditor *self = KL_COMPETITOR_EDITOR (object);
  KlSession *session = kl_editor_get_session (KL_EDITOR (self));
  g_autoptr(KlEntity) competitor = NULL;

  G_OBJECT_CLASS (kl_competitor_editor_parent_class)->constructed (object);

  if (self->competitor != NULL)
    competitor = kl_entity_copy (KL_ENTITY (self->competitor));
  else
    competitor = kl_session_new_entity (session, KL_TYPE_COMPETITOR);
  kl_form_open (kl_editor_get_form (KL_EDITOR (self)), competitor);
  fill_lost (self);
  update_title (self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->name_row));
}

static void
kl_competitor_editor_dispose (GObject *object)
{
  KlCompetitorEditor *self = KL_COMPETITOR_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_COMPETITOR_EDITOR);
  g_clear_object (&self->competitor);

  G_OBJECT_CLASS (kl_competitor_editor_parent_class)->dispose (object);
}

static void
kl_competitor_editor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  KlCompetitorEditor *self = KL_COMPETITOR_EDITOR (object);

  switch (prop_id)
    {
    case PROP_COMPETITOR:
      g_value_set_object (value, self->competitor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_competitor_editor_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  KlCompetitorEditor *self = KL_COMPETITOR_EDITOR (object);

  switch (prop_id)
    {
    case PROP_COMPETITOR:
      self->competitor = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_competitor_editor_class_init (KlCompetitorEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  KlEditorClass *editor_class = KL_EDITOR_CLASS (klass);

  object_class->constructed = kl_competitor_editor_constructed;
  object_class->dispose = kl_competitor_editor_dispose;
  object_class->get_property = kl_competitor_editor_get_property;
  object_class->set_property = kl_competitor_editor_set_property;

  editor_class->discard_body = N_("The changes made to this competitor will be lost.");

  /**
   * KlCompetitorEditor:competitor:
   *
   * The competitor being changed; %NULL for a new one.
   */
  properties[PROP_COMPETITOR] =
    g_param_spec_object ("competitor", NULL, NULL,
                         KL_TYPE_COMPETITOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/ui/competitors/kl-competitor-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorEditor, name_error);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorEditor, website_row);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorEditor, website_error);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorEditor, products_row);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorEditor, products_error);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorEditor, price_level_row);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorEditor, strengths_buffer);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorEditor, weaknesses_buffer);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorEditor, notes_buffer);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorEditor, lost_group);
  gtk_widget_class_bind_template_child (widget_class, KlCompetitorEditor, lost_label);
}

static void
kl_competitor_editor_init (KlCompetitorEditor *self)
{
  KlForm *form = kl_editor_get_form (KL_EDITOR (self));

  gtk_widget_init_template (GTK_WIDGET (self));
  kl_editor_set_toast_overlay (KL_EDITOR (self), self->toast_overlay);

  kl_form_bind_entry (form, "name", KL_FORM_TEXT, GTK_EDITABLE (self->name_row), self->name_error);
  kl_form_bind_entry (form, "website", KL_FORM_TEXT, GTK_EDITABLE (self->website_row), self->website_error);
  kl_form_bind_entry (form, "products", KL_FORM_TEXT, GTK_EDITABLE (self->products_row), self->products_error);
  kl_form_bind_choice (form, "price_level", self->price_level_row);
  kl_form_bind_text_buffer (form, "strengths", self->strengths_buffer);
  kl_form_bind_text_buffer (form, "weaknesses", self->weaknesses_buffer);
  kl_form_bind_text_buffer (form, "notes", self->notes_buffer);
  g_signal_connect_object (form, "changed::name", G_CALLBACK (update_title), self, G_CONNECT_SWAPPED);
}

KlCompetitorEditor *
kl_competitor_editor_new (KlSession    *session,
                          KlCompetitor *competitor)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);
  g_return_val_if_fail (competitor == NULL || KL_IS_COMPETITOR (competitor), NULL);

  return g_object_new (KL_TYPE_COMPETITOR_EDITOR,
                       "session", session,
                       "competitor", competitor,
                       NULL);
}
