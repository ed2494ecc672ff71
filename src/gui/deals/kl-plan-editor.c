/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-plan-editor.h"

#include "kl-accessible.h"
#include "kl-entities.h"
#include "kl-form.h"
#include "kl-kpi.h"

/* The sales plan of one manager for one month, beside the KPI board: one
 * field per target, checked as typed (KlForm: the reason beside the
 * field), written through the model with "Save Plan"; the month moves
 * with the arrows above. A month with no plan yet starts empty and is
 * written as a new one. */
struct _KlPlanEditor
{
  AdwBin      parent_instance;

  KlSession  *session;
  KlForm     *form;
  GHashTable *entries;         /* column → GtkEditable */
  GHashTable *error_labels;    /* column → GtkLabel */
  gint64      manager_id;      /* 0: none chosen */
  char       *manager_name;
  char       *month;           /* "YYYY-MM" */

  /* Template children */
  GtkLabel   *heading_label;
  GtkBox     *month_box;
  GtkLabel   *month_label;
  GtkLabel   *placeholder_label;
  GtkGrid    *grid;
  GtkLabel   *error_label;
  GtkButton  *save_button;
};

G_DEFINE_FINAL_TYPE (KlPlanEditor, kl_plan_editor, ADW_TYPE_BIN)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The targets, in the order of the board (the labels are the fields'). */
static const struct {
  const char *column;
  KlFormKind  kind;
} targets[] = {
  { "revenue_target", KL_FORM_MONEY },
  { "currency", KL_FORM_TEXT },
  { "calls_target", KL_FORM_NUMBER },
  { "meetings_target", KL_FORM_NUMBER },
  { "events_target", KL_FORM_NUMBER },
  { "referrals_asked_target", KL_FORM_NUMBER },
  { "referrals_target", KL_FORM_NUMBER },
  { "decision_maker_target", KL_FORM_NUMBER },
  { "meetings_per_deal_target", KL_FORM_NUMBER },
  { "conversion_target", KL_FORM_NUMBER },
  { "alternation_target", KL_FORM_NUMBER },
};

static void on_form_changed_cb (KlPlanEditor *self);

/* A form bound to the fields, to open one plan. */
static void
new_form (KlPlanEditor *self)
{
  g_clear_object (&self->form);
  self->form = kl_form_new ();
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    kl_form_bind_entry (self->form, targets[i].column, targets[i].kind,
                        g_hash_table_lookup (self->entries, targets[i].column),
                        g_hash_table_lookup (self->error_labels, targets[i].column));
  g_signal_connect_object (self->form, "changed", G_CALLBACK (on_form_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
update_actions (KlPlanEditor *self)
{
  gboolean open = self->manager_id > 0 && kl_form_get_entity (self->form) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan-editor.save",
                                 open && kl_form_is_valid (self->form) && kl_form_is_modified (self->form));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan-editor.previous-month", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan-editor.next-month", open);
}

static void
show_error (KlPlanEditor *self,
            const char   *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

/* "March 2026", the month as a heading (the nominative: %OB). */
static char *
month_title (const char *month)
{
  g_autoptr(GDateTime) date = NULL;

  date = g_date_time_new_local ((int)g_ascii_strtoll (month, NULL, 10),
                                (int)g_ascii_strtoll (month + 5, NULL, 10), 1, 0, 0, 0);
  if (date == NULL)
    return g_strdup (month);
  return g_date_time_format (date, "%OB %Y");
}

static void
load (KlPlanEditor *self)
{
  KlStore *store;
  g_autoptr(KlEntity) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 id;
  gboolean open = self->session != NULL && self->manager_id > 0 && self->month != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->placeholder_label), !open);
  gtk_widget_set_visible (GTK_WIDGET (self->grid), open);
  gtk_widget_set_visible (GTK_WIDGET (self->month_box), open);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), open);
  show_error (self, NULL);
  if (!open)
    {
      gtk_label_set_text (self->heading_label, _("Sales Plan"));
      update_actions (self);
      return;
    }

  /* Translators: the heading of the plan editor, %s is a manager's name */
  title = g_strdup_printf (_("Sales Plan of %s"), self->manager_name);
  gtk_label_set_text (self->heading_label, title);
  g_free (title);
  title = month_title (self->month);
  gtk_label_set_text (self->month_label, title);

  store = kl_session_get_store (self->session, KL_TYPE_SALES_PLAN);
  id = kl_kpi_find_plan (kl_session_get_database (self->session), self->manager_id, self->month, &error);
  if (id > 0)
    plan = kl_store_get (store, id, &error);
  else if (id == 0)
    {
      plan = kl_session_new_entity (self->session, KL_TYPE_SALES_PLAN);
      kl_entity_set_number (plan, "manager_id", self->manager_id);
      kl_entity_set_text (plan, "month", self->month);
      kl_entity_set_text (plan, "currency", kl_session_get_office (self->session)->currency);
    }
  if (plan == NULL)
    {
      show_error (self, error->message);
      update_actions (self);
      return;
    }

  /* A form opens one entity: a new form for each plan shown. */
  new_form (self);
  kl_form_open (self->form, plan);
  update_actions (self);
}

static void
move_month (KlPlanEditor *self,
            int           months)
{
  g_autofree char *day = g_strconcat (self->month, "-01", NULL);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  kl_kpi_month_range (day, months, &from, &to);
  g_free (self->month);
  self->month = g_strndup (from, 7);
  load (self);
}

static void
on_form_changed_cb (KlPlanEditor *self)
{
  show_error (self, NULL);
  update_actions (self);
}

static void
on_entry_activate_cb (KlPlanEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "plan-editor.save", NULL);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KlPlanEditor *self = KL_PLAN_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  gint64 id;

  kl_form_validate (self->form);
  if (!kl_form_is_valid (self->form))
    return;

  id = kl_form_save (self->form, kl_session_get_store (self->session, KL_TYPE_SALES_PLAN), &error);
  if (id <= 0)
    {
      show_error (self, error != NULL ? error->message : NULL);
      return;
    }
  load (self);
  g_signal_emit (self, signals[SAVED], 0, id);
}

static void
previous_month_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  move_month (KL_PLAN_EDITOR (widget), -1);
}

static void
next_month_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  move_month (KL_PLAN_EDITOR (widget), 1);
}

/* One label, entry and error label per target, bound to the form. */
static void
build_fields (KlPlanEditor *self)
{
  KlEntityClass *klass = g_type_class_ref (KL_TYPE_SALES_PLAN);

  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      const KlField *field = kl_entity_class_find_field (klass, targets[i].column, NULL);
      GtkWidget *label = gtk_label_new (_(field->label));
      GtkWidget *entry = gtk_entry_new ();
      GtkWidget *error = gtk_label_new (NULL);
      GtkWidget *error_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), targets[i].kind == KL_FORM_MONEY ? 14 : 8);
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), targets[i].kind == KL_FORM_TEXT
                                                      ? GTK_INPUT_PURPOSE_FREE_FORM
                                                      : GTK_INPUT_PURPOSE_NUMBER);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      label, NULL, -1);
      /* The form shows and hides the error label's parent. */
      gtk_box_append (GTK_BOX (error_box), error);
      gtk_widget_set_visible (error_box, FALSE);
      gtk_label_set_xalign (GTK_LABEL (error), 0);
      gtk_label_set_wrap (GTK_LABEL (error), TRUE);
      gtk_widget_add_css_class (error, "error");
      gtk_widget_add_css_class (error, "caption");

      gtk_grid_attach (self->grid, label, 0, (int)i * 2, 1, 1);
      gtk_grid_attach (self->grid, entry, 1, (int)i * 2, 1, 1);
      gtk_grid_attach (self->grid, error_box, 0, (int)i * 2 + 1, 2, 1);
      g_hash_table_insert (self->entries, (gpointer)targets[i].column, entry);
      g_hash_table_insert (self->error_labels, (gpointer)targets[i].column, error);
      g_signal_connect_object (entry, "activate", G_CALLBACK (on_entry_activate_cb), self, G_CONNECT_SWAPPED);
    }

  g_type_class_unref (klass);
}

static void
kl_plan_editor_dispose (GObject *object)
{
  KlPlanEditor *self = KL_PLAN_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_PLAN_EDITOR);
  g_clear_object (&self->form);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (kl_plan_editor_parent_class)->dispose (object);
}

static void
kl_plan_editor_finalize (GObject *object)
{
  KlPlanEditor *self = KL_PLAN_EDITOR (object);

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->error_labels, g_hash_table_unref);
  g_clear_pointer (&self->manager_name, g_free);
  g_clear_pointer (&self->month, g_free);

  G_OBJECT_CLASS (kl_plan_editor_parent_class)->finalize (object);
}

static void
kl_plan_editor_class_init (KlPlanEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kl_plan_editor_dispose;
  object_class->finalize = kl_plan_editor_finalize;

  /**
   * KlPlanEditor::saved:
   * @id: the plan's row
   *
   * The plan was written.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "plan-editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "plan-editor.previous-month", NULL, previous_month_action);
  gtk_widget_class_install_action (widget_class, "plan-editor.next-month", NULL, next_month_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "plan-editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_ALT_MASK,
                                       "plan-editor.previous-month", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_ALT_MASK,
                                       "plan-editor.next-month", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/deals/kl-plan-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KlPlanEditor, heading_label);
  gtk_widget_class_bind_template_child (widget_class, KlPlanEditor, month_box);
  gtk_widget_class_bind_template_child (widget_class, KlPlanEditor, month_label);
  gtk_widget_class_bind_template_child (widget_class, KlPlanEditor, placeholder_label);
  gtk_widget_class_bind_template_child (widget_class, KlPlanEditor, grid);
  gtk_widget_class_bind_template_child (widget_class, KlPlanEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, KlPlanEditor, save_button);
}

static void
kl_plan_editor_init (KlPlanEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  kl_accessible_name_by_label (GTK_WIDGET (self->save_button));

  self->entries = g_hash_table_new (g_str_hash, g_str_equal);
  self->error_labels = g_hash_table_new (g_str_hash, g_str_equal);
  build_fields (self);
  new_form (self);
  load (self);
}

GtkWidget *
kl_plan_editor_new (void)
{
  return g_object_new (KL_TYPE_PLAN_EDITOR, NULL);
}

void
kl_plan_editor_set_session (KlPlanEditor *self,
                            KlSession    *session)
{
  g_return_if_fail (KL_IS_PLAN_EDITOR (self));
  g_return_if_fail (KL_IS_SESSION (session));

  g_set_object (&self->session, session);
  load (self);
}

/**
 * kl_plan_editor_open:
 * @self: the editor
 * @manager_id: the manager, or 0 for none (the editor asks to choose one)
 * @manager_name: (nullable): their name
 * @month: (nullable): "YYYY-MM", or %NULL to stay on the month shown
 *
 * Shows the manager's plan for @month (a new, empty one if there is none).
 */
void
kl_plan_editor_open (KlPlanEditor *self,
                     gint64        manager_id,
                     const char   *manager_name,
                     const char   *month)
{
  g_return_if_fail (KL_IS_PLAN_EDITOR (self));

  self->manager_id = manager_id;
  g_free (self->manager_name);
  self->manager_name = g_strdup (manager_name != NULL ? manager_name : "");
  if (month != NULL)
    {
      g_free (self->month);
      self->month = g_strndup (month, 7);
    }
  load (self);
}

const char *
kl_plan_editor_get_month (KlPlanEditor *self)
{
  g_return_val_if_fail (KL_IS_PLAN_EDITOR (self), NULL);

  return self->month;
}

GtkEditable *
kl_plan_editor_get_entry (KlPlanEditor *self,
                          const char   *column)
{
  g_return_val_if_fail (KL_IS_PLAN_EDITOR (self), NULL);

  return g_hash_table_lookup (self->entries, column);
}

GtkLabel *
kl_plan_editor_get_error_label (KlPlanEditor *self,
                                const char   *column)
{
  g_return_val_if_fail (KL_IS_PLAN_EDITOR (self), NULL);

  return g_hash_table_lookup (self->error_labels, column);
}

gboolean
kl_plan_editor_can_save (KlPlanEditor *self)
{
  g_return_val_if_fail (KL_IS_PLAN_EDITOR (self), FALSE);

  return self->manager_id > 0 && kl_form_get_entity (self->form) != NULL &&
         kl_form_is_valid (self->form) && kl_form_is_modified (self->form);
}
