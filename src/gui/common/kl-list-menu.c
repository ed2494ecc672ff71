/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-list-menu.h"

/* A row's context menu opens from a right click on the row, the Menu key
 * or Shift+F10 on it. The keys are caught in the capture phase on @owner,
 * an ancestor of the list: a search entry whose key-capture widget is the
 * list would otherwise take Shift+F10 for its own menu.
 *
 * A right click first selects the row under the pointer (its
 * "listitem.select" action, GTK's own for list and column view rows) and
 * focuses it, so the menu's actions act on the selection as the keys do.
 *
 * The popover is a child of @owner, whose layout must leave native
 * children alone (AdwBin, GtkBox and the other stock layouts do). */

/* Owned by the key controller on @owner, so it goes with @owner, after
 * @list (a descendant) has. */
typedef struct
{
  GtkWidget             *owner;  /* unowned */
  GtkWidget             *list;   /* unowned */
  GtkWidget             *popover;
  GtkWidget             *row;    /* weak: the row the menu is for */
  KlListMenuPrepareFunc  prepare;
  gpointer               user_data;
} ListMenu;

static void
list_menu_free (gpointer data)
{
  ListMenu *menu = data;

  g_clear_weak_pointer (&menu->row);
  if (menu->popover != NULL)
    gtk_widget_unparent (menu->popover);
  g_free (menu);
}

/* The row of @list that holds @widget: a GtkListBoxRow, or the first
 * focusable widget going up from @widget that is not a button (the row of
 * a list or column view). */
static GtkWidget *
row_of (GtkWidget *list,
        GtkWidget *widget)
{
  GtkWidget *row = NULL;

  for (GtkWidget *w = widget; w != NULL && w != list; w = gtk_widget_get_parent (w))
    {
      if (GTK_IS_LIST_BOX_ROW (w))
        return w;
      if (row == NULL && gtk_widget_get_focusable (w) && !GTK_IS_BUTTON (w))
        row = w;
    }

  return row;
}

/* The row in @list that has the keyboard focus, or holds it. */
GtkWidget *
kl_list_get_focus_row (GtkWidget *list)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_val_if_fail (GTK_IS_WIDGET (list), NULL);

  root = gtk_widget_get_root (list);
  if (root == NULL)
    return NULL;

  focus = gtk_root_get_focus (root);
  if (focus == NULL || (focus != list && !gtk_widget_is_ancestor (focus, list)))
    return NULL;

  return row_of (list, focus);
}

static void
popup_at (ListMenu  *menu,
          GtkWidget *row,
          double     x,
          double     y)
{
  GdkRectangle rect = { (int) x, (int) y, 1, 1 };

  if (menu->prepare != NULL && !menu->prepare (menu->user_data, row))
    return;

  g_set_weak_pointer (&menu->row, row);
  gtk_popover_set_pointing_to (GTK_POPOVER (menu->popover), &rect);
  gtk_popover_popup (GTK_POPOVER (menu->popover));
}

/* Below the start of @row, in @owner's coordinates. */
static void
popup_at_row (ListMenu  *menu,
              GtkWidget *row)
{
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (row, menu->owner, &bounds))
    return;

  popup_at (menu, row,
            bounds.origin.x + MIN (bounds.size.width / 4, 48),
            bounds.origin.y + bounds.size.height);
}

/* The keyboard goes back to the row the menu was for, not to @owner. */
static void
on_popover_closed_cb (GtkPopover *popover,
                      ListMenu   *menu)
{
  if (menu->row != NULL && gtk_widget_get_root (menu->row) != NULL &&
      gtk_widget_is_ancestor (menu->row, menu->list))
    gtk_widget_grab_focus (menu->row);
}

static void
on_click_pressed_cb (GtkGestureClick *gesture,
                     int              n_press,
                     double           x,
                     double           y,
                     ListMenu        *menu)
{
  GtkWidget *picked = gtk_widget_pick (menu->list, x, y, GTK_PICK_DEFAULT);
  GtkWidget *row;
  double owner_x, owner_y;

  if (picked == NULL)
    return;

  if (GTK_IS_LIST_BOX (menu->list))
    row = GTK_WIDGET (gtk_list_box_get_row_at_y (GTK_LIST_BOX (menu->list), (int) y));
  else
    row = row_of (menu->list, picked);
  if (row == NULL)
    return;

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (!GTK_IS_LIST_BOX (menu->list))
    gtk_widget_activate_action (picked, "listitem.select", "(bb)", FALSE, FALSE);
  gtk_widget_grab_focus (row);

  if (!gtk_widget_translate_coordinates (menu->list, menu->owner, x, y, &owner_x, &owner_y))
    return;
  popup_at (menu, row, owner_x, owner_y);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   ListMenu              *menu)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();
  GtkWidget *row;

  if (!((keyval == GDK_KEY_Menu && mods == 0) ||
        (keyval == GDK_KEY_F10 && mods == GDK_SHIFT_MASK)))
    return GDK_EVENT_PROPAGATE;

  row = kl_list_get_focus_row (menu->list);
  if (row == NULL)
    return GDK_EVENT_PROPAGATE;

  popup_at_row (menu, row);

  return GDK_EVENT_STOP;
}

/**
 * kl_list_menu_attach:
 * @owner: an ancestor of @list; holds the popover
 * @list: a GtkListBox, GtkListView or GtkColumnView
 * @menu: the menu; its actions act on the selected or focused row
 * @prepare: (nullable): called with the row before the menu shows
 *
 * Gives the rows of @list a context menu: right click, Menu key,
 * Shift+F10.
 */
void
kl_list_menu_attach (GtkWidget             *owner,
                     GtkWidget             *list,
                     GMenuModel            *model,
                     KlListMenuPrepareFunc  prepare,
                     gpointer               user_data)
{
  ListMenu *menu;
  GtkGesture *click;
  GtkEventController *keys;

  g_return_if_fail (GTK_IS_WIDGET (owner));
  g_return_if_fail (GTK_IS_WIDGET (list));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  menu = g_new0 (ListMenu, 1);
  menu->owner = owner;
  menu->list = list;
  menu->prepare = prepare;
  menu->user_data = user_data;
  menu->popover = gtk_popover_menu_new_from_model (model);
  gtk_popover_set_has_arrow (GTK_POPOVER (menu->popover), FALSE);
  gtk_widget_set_halign (menu->popover, GTK_ALIGN_START);
  gtk_widget_set_parent (menu->popover, owner);
  g_signal_connect (menu->popover, "closed", G_CALLBACK (on_popover_closed_cb), menu);
  g_object_set_data (G_OBJECT (list), "kl-list-menu", menu);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed_cb), menu);
  gtk_widget_add_controller (list, GTK_EVENT_CONTROLLER (click));

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), menu);
  g_object_set_data_full (G_OBJECT (keys), "kl-list-menu", menu, list_menu_free);
  gtk_widget_add_controller (owner, keys);
}

/* Opens the menu of the row that has the focus (for tests and menus). */
void
kl_list_menu_popup (GtkWidget *list)
{
  ListMenu *menu;
  GtkWidget *row;

  g_return_if_fail (GTK_IS_WIDGET (list));

  menu = g_object_get_data (G_OBJECT (list), "kl-list-menu");
  g_return_if_fail (menu != NULL);

  row = kl_list_get_focus_row (list);
  if (row != NULL)
    popup_at_row (menu, row);
}

/* For GtkBuilder closures: a list cell shows "" for a missing value (a
 * GtkInscription or GtkLabel given NULL makes the accessibility bridge
 * call g_utf8_strlen (NULL) for each one a screen reader reads). */
char *
kl_text_or_empty (gpointer    this_object,
                  const char *text)
{
  return g_strdup (text != NULL ? text : "");
}
