/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-chart-items.h"

static void
set_hover (KlChartItems *self,
           int           item)
{
  if (self->hover == item)
    return;
  self->hover = item;
  gtk_widget_trigger_tooltip_query (self->widget);
  gtk_widget_queue_draw (self->widget);
}

static void
on_motion_cb (GtkEventControllerMotion *controller,
              double                    x,
              double                    y,
              KlChartItems             *self)
{
  set_hover (self, self->funcs->item_at (self->widget, x, y));
}

static void
on_leave_cb (GtkEventControllerMotion *controller,
             KlChartItems             *self)
{
  set_hover (self, -1);
}

static void
on_click_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             KlChartItems    *self)
{
  int item = self->funcs->item_at (self->widget, x, y);

  gtk_widget_grab_focus (self->widget);
  if (item < 0)
    return;
  self->funcs->select (self->widget, item);
  if (self->funcs->activate != NULL)
    self->funcs->activate (self->widget, item);
}

static void
on_focus_changed_cb (KlChartItems *self)
{
  gtk_widget_queue_draw (self->widget);
}

/**
 * kl_chart_items_init:
 * @self: the view's items, kept with it for its lifetime
 * @widget: the view
 * @funcs: (not nullable): its items, static
 *
 * Makes @widget focusable, with a tooltip, and follows its pointer, clicks
 * and focus.
 */
/* A chart view's class: its move action (an "i" step) on the arrow keys,
 * Left and Right, and Up and Down too when its items stand one under the
 * other; a picture to screen readers. */
void
kl_chart_items_class_init (GtkWidgetClass              *widget_class,
                           const char                  *move_action_name,
                           GtkWidgetActionActivateFunc  move_action,
                           gboolean                     vertical)
{
  static const struct { guint key; int step; gboolean vertical; } keys[] = {
    { GDK_KEY_Right, 1, FALSE }, { GDK_KEY_KP_Right, 1, FALSE },
    { GDK_KEY_Left, -1, FALSE }, { GDK_KEY_KP_Left, -1, FALSE },
    { GDK_KEY_Down, 1, TRUE }, { GDK_KEY_KP_Down, 1, TRUE },
    { GDK_KEY_Up, -1, TRUE }, { GDK_KEY_KP_Up, -1, TRUE },
  };

  gtk_widget_class_install_action (widget_class, move_action_name, "i", move_action);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!keys[i].vertical || vertical)
      gtk_widget_class_add_binding_action (widget_class, keys[i].key, 0, move_action_name, "i", keys[i].step);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

void
kl_chart_items_init (KlChartItems            *self,
                     GtkWidget               *widget,
                     const KlChartItemsFuncs *funcs)
{
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *focus = gtk_event_controller_focus_new ();

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (funcs != NULL && funcs->count != NULL && funcs->item_at != NULL &&
                    funcs->describe != NULL && funcs->select != NULL);

  self->widget = widget;
  self->funcs = funcs;
  self->item = -1;
  self->hover = -1;

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_set_hexpand (widget, TRUE);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave_cb), self);
  gtk_widget_add_controller (widget, motion);
  g_signal_connect (click, "released", G_CALLBACK (on_click_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (on_focus_changed_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (on_focus_changed_cb), self);
  gtk_widget_add_controller (widget, focus);
}

/* The item to draw set apart: the pointer's, or the keyboard's while the
 * view has the focus; -1 for none. */
int
kl_chart_items_highlight (KlChartItems *self)
{
  if (self->hover >= 0)
    return self->hover;
  return gtk_widget_has_focus (self->widget) ? self->item : -1;
}

/* The focus ring over the drawing, when the focus is to be seen. */
void
kl_chart_items_snapshot_focus (KlChartItems *self,
                               GtkSnapshot  *snapshot)
{
  int width = gtk_widget_get_width (self->widget);
  int height = gtk_widget_get_height (self->widget);
  /* The accent colour, as Adwaita draws focus rings. */
  GdkRGBA color = { 0.21f, 0.52f, 0.89f, 0.6f };
  float w = 2;

  if (!gtk_widget_has_visible_focus (self->widget))
    return;

  gtk_snapshot_append_border (snapshot, &GSK_ROUNDED_RECT_INIT (1, 1, width - 2, height - 2),
                              (float[4]){ w, w, w, w }, (GdkRGBA[4]){ color, color, color, color });
}

/* The figures of the item under the pointer, or of the keyboard's. */
gboolean
kl_chart_items_query_tooltip (KlChartItems *self,
                              int           x,
                              int           y,
                              gboolean      keyboard,
                              GtkTooltip   *tooltip)
{
  int item = keyboard ? self->item : self->funcs->item_at (self->widget, x, y);
  g_autofree char *text = NULL;

  if (item < 0 || self->funcs->count (self->widget) == 0)
    return FALSE;

  text = self->funcs->describe (self->widget, item);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Makes @item the keyboard's item; returns whether it changed (the view
 * then tells its accessible name and property). */
gboolean
kl_chart_items_set_item (KlChartItems *self,
                         int           item)
{
  if (self->item == item)
    return FALSE;

  self->item = item;
  gtk_widget_trigger_tooltip_query (self->widget);
  gtk_widget_queue_draw (self->widget);
  return TRUE;
}

/* The item @step items from the keyboard's (from the first or last when
 * there is none), within the items; -1 when there are none. */
int
kl_chart_items_step (KlChartItems *self,
                     int           step)
{
  int n = self->funcs->count (self->widget);

  if (n == 0)
    return -1;
  if (self->item < 0)
    return step > 0 ? 0 : n - 1;
  return CLAMP (self->item + step, 0, n - 1);
}

/* The keyboard's item's figures, or NULL when there is none. */
char *
kl_chart_items_describe_item (KlChartItems *self)
{
  if (self->item < 0 || self->funcs->count (self->widget) == 0)
    return NULL;
  return self->funcs->describe (self->widget, self->item);
}

void
kl_chart_items_set_accessible (KlChartItems *self,
                               const char   *label,
                               const char   *description)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description != NULL ? description : "",
                                  -1);
}
