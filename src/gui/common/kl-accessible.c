/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-accessible.h"

/* What GTK 4.8 gets wrong in the names screen readers read (see
 * PLATFORM.md, "GTK 4.8 accessible names"), put right in one place.
 *
 * A button with a mnemonic reads its label property (which GtkButton sets
 * to its label, underscore kept) and then the text of the label it is
 * labelled by: "_Save Save". Without the property it reads "Save". A
 * button given a label child of its own (libadwaita's about window has
 * some) reads "GtkButton": labelled by its child, it reads the child. Buttons are made in many places, some of them inside libadwaita
 * (a toast's button, a message dialog's responses), so the fix is applied
 * to every button as it is mapped, through an emission hook on "map".
 *
 * A button showing only an icon reads as "GtkImage" or "GtkButton"
 * (tooltips are not names): GTK's own ones, such as the search button of
 * the shortcuts window, get their tooltip or, for a search icon, "Search". */

static GtkWidget *
find_label_child (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        return child;
    }

  return NULL;
}

/**
 * kl_accessible_name_by_label:
 * @widget: a GtkButton or GtkCheckButton
 *
 * Names @widget by its label child (a check button only if it has a
 * mnemonic), so the name carries neither the underscore nor the text
 * twice, and a button with a label child of its own is named at all.
 */
void
kl_accessible_name_by_label (GtkWidget *widget)
{
  GtkWidget *label;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_BUTTON (widget))
    {
      /* With a label or a label child: both read nothing else. */
      label = gtk_button_get_child (GTK_BUTTON (widget));
    }
  else if (GTK_IS_CHECK_BUTTON (widget))
    {
      if (!gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget)) ||
          gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) == NULL)
        return;
      label = find_label_child (widget);
    }
  else
    return;

  if (!GTK_IS_LABEL (label))
    return;

  gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);

  /* A new label sets the property again. */
  if (g_object_get_data (G_OBJECT (widget), "kl-named-by-label") == NULL)
    {
      g_object_set_data (G_OBJECT (widget), "kl-named-by-label", GINT_TO_POINTER (TRUE));
      g_signal_connect (widget, "notify::label", G_CALLBACK (kl_accessible_name_by_label), NULL);
    }
}

/* An icon-only button of GTK's or libadwaita's own: ours have names. */
static void
name_icon_button (GtkButton *button)
{
  GtkWidget *child = gtk_button_get_child (button);
  const char *tooltip;
  const char *label = NULL;

  if (!GTK_IS_IMAGE (child) || g_object_get_data (G_OBJECT (button), "kl-named-icon") != NULL)
    return;

  tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (button));  /* owned by the button */
  if (tooltip != NULL && *tooltip != '\0')
    label = tooltip;
  else if (g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (child)), "edit-find-symbolic") == 0)
    label = _("Search");
  if (label == NULL)
    return;

  g_object_set_data (G_OBJECT (button), "kl-named-icon", GINT_TO_POINTER (TRUE));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static gboolean
on_widget_map_hook (GSignalInvocationHint *hint,
                    guint                  n_values,
                    const GValue          *values,
                    gpointer               user_data)
{
  GObject *object = g_value_get_object (&values[0]);

  if (GTK_IS_BUTTON (object) || GTK_IS_CHECK_BUTTON (object))
    kl_accessible_name_by_label (GTK_WIDGET (object));
  if (GTK_IS_BUTTON (object))
    name_icon_button (GTK_BUTTON (object));

  return TRUE;
}

/**
 * kl_accessible_install_fixes:
 *
 * Names every button with a mnemonic by its label from now on, as it is
 * mapped. Called once, when the application starts.
 */
void
kl_accessible_install_fixes (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      GTypeClass *widget_class = g_type_class_ref (GTK_TYPE_WIDGET);  /* makes the signal */
      guint map_signal = g_signal_lookup ("map", GTK_TYPE_WIDGET);

      g_signal_add_emission_hook (map_signal, 0, on_widget_map_hook, NULL, NULL);
      g_type_class_unref (widget_class);
      g_once_init_leave (&installed, 1);
    }
}

/**
 * kl_column_view_set_label:
 *
 * Names @view and the list of rows inside it (which GTK 4.8 leaves
 * unnamed) @label.
 */
void
kl_column_view_set_label (GtkColumnView *view,
                          const char    *label)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (label != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
    }
}
