/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-funnel-view.h"

#include <adwaita.h>

#include "kl-chart-items.h"
#include "kl-funnel-chart.h"

/* The funnel chart as a widget: kl_funnel_chart_draw() paints it. The
 * pointer highlights the stage under it, with its numbers in a tooltip; a
 * click or Enter activates the stage ("stage-activated"); the chart takes
 * the keyboard focus and the arrow keys move between stages. Screen readers
 * read the numbers of every stage from its accessible description. The
 * stages are KlChartItems, as the forecast view's months. */
struct _KlFunnelView
{
  GtkWidget      parent_instance;

  KlFunnel      *funnel;
  char          *caption;
  KlChartItems   items;         /* the stages: keyboard, pointer */
  KlChartLayout  layout;        /* of the last drawing */
};

G_DEFINE_FINAL_TYPE (KlFunnelView, kl_funnel_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FUNNEL,
  PROP_CAPTION,
  PROP_STAGE,
  N_PROPS
};

enum {
  STAGE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static gboolean
has_stages (KlFunnelView *self)
{
  return self->funnel != NULL && !kl_funnel_is_empty (self->funnel);
}

/* What a screen reader reads: the period, then every stage's numbers. */
char *
kl_funnel_view_describe (KlFunnelView *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (KL_IS_FUNNEL_VIEW (self), NULL);

  if (!has_stages (self))
    return g_strdup (_("No deals were created in this period."));

  for (guint s = 0; s < KL_FUNNEL_N_STAGES; s++)
    {
      g_autofree char *stage = kl_funnel_chart_describe_stage (self->funnel, s);

      if (s > 0)
        g_string_append (text, ".\n");
      g_string_append (text, stage);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_accessible (KlFunnelView *self)
{
  g_autofree char *description = kl_funnel_view_describe (self);
  g_autofree char *stage = kl_chart_items_describe_item (&self->items);
  g_autofree char *label = NULL;

  if (stage != NULL)
    /* Translators: the funnel chart's name for screen readers, with the stage the keyboard is on. */
    label = g_strdup_printf (_("Sales funnel: %s"), stage);
  else
    label = g_strdup (_("Sales funnel"));

  kl_chart_items_set_accessible (&self->items, label, description);
}

static void
kl_funnel_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  KlFunnelView *self = KL_FUNNEL_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  KlChartStyle style = { adw_style_manager_get_dark (adw_style_manager_get_default ()),
                         gtk_widget_get_scale_factor (widget) };
  cairo_t *cr;

  if (self->funnel == NULL || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  kl_funnel_chart_draw (cr, width, height, &style, self->funnel, self->caption,
                        kl_chart_items_highlight (&self->items), &self->layout);
  cairo_destroy (cr);

  kl_chart_items_snapshot_focus (&self->items, snapshot);
}

/* The stages, for KlChartItems */

static int
count_stages (GtkWidget *widget)
{
  return has_stages (KL_FUNNEL_VIEW (widget)) ? KL_FUNNEL_N_STAGES : 0;
}

static int
stage_at (GtkWidget *widget,
          double     x,
          double     y)
{
  KlFunnelView *self = KL_FUNNEL_VIEW (widget);

  if (!has_stages (self))
    return -1;
  return kl_funnel_chart_stage_at (&self->layout, y);
}

static char *
describe_stage (GtkWidget *widget,
                int        stage)
{
  return kl_funnel_chart_describe_stage (KL_FUNNEL_VIEW (widget)->funnel, stage);
}

static void
select_stage (GtkWidget *widget,
              int        stage)
{
  kl_funnel_view_set_stage (KL_FUNNEL_VIEW (widget), stage);
}

/* A click on a stage opens it. */
static void
activate_stage (GtkWidget *widget,
                int        stage)
{
  g_signal_emit (widget, signals[STAGE_ACTIVATED], 0, stage);
}

static const KlChartItemsFuncs stages = {
  .count = count_stages,
  .item_at = stage_at,
  .describe = describe_stage,
  .select = select_stage,
  .activate = activate_stage,
};

static gboolean
kl_funnel_view_query_tooltip (GtkWidget  *widget,
                              int         x,
                              int         y,
                              gboolean    keyboard,
                              GtkTooltip *tooltip)
{
  return kl_chart_items_query_tooltip (&KL_FUNNEL_VIEW (widget)->items, x, y, keyboard, tooltip);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KlFunnelView *self = KL_FUNNEL_VIEW (widget);
  int stage = kl_chart_items_step (&self->items, g_variant_get_int32 (parameter));

  if (stage >= 0)
    kl_funnel_view_set_stage (self, stage);
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KlFunnelView *self = KL_FUNNEL_VIEW (widget);

  if (has_stages (self) && self->items.item >= 0)
    g_signal_emit (self, signals[STAGE_ACTIVATED], 0, self->items.item);
}

static void
kl_funnel_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  /* The chart fits any size from 400 × 300 up; smaller it still draws. */
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 280 : 240;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 480;
}

static void
kl_funnel_view_finalize (GObject *object)
{
  KlFunnelView *self = KL_FUNNEL_VIEW (object);

  g_clear_pointer (&self->funnel, kl_funnel_unref);
  g_clear_pointer (&self->caption, g_free);

  G_OBJECT_CLASS (kl_funnel_view_parent_class)->finalize (object);
}

static void
kl_funnel_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KlFunnelView *self = KL_FUNNEL_VIEW (object);

  switch (prop_id)
    {
    case PROP_FUNNEL:
      g_value_set_boxed (value, self->funnel);
      break;
    case PROP_CAPTION:
      g_value_set_string (value, self->caption);
      break;
    case PROP_STAGE:
      g_value_set_int (value, self->items.item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_funnel_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KlFunnelView *self = KL_FUNNEL_VIEW (object);

  switch (prop_id)
    {
    case PROP_FUNNEL:
      kl_funnel_view_set_funnel (self, g_value_get_boxed (value));
      break;
    case PROP_CAPTION:
      kl_funnel_view_set_caption (self, g_value_get_string (value));
      break;
    case PROP_STAGE:
      kl_funnel_view_set_stage (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_funnel_view_class_init (KlFunnelViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = kl_funnel_view_finalize;
  object_class->get_property = kl_funnel_view_get_property;
  object_class->set_property = kl_funnel_view_set_property;

  widget_class->snapshot = kl_funnel_view_snapshot;
  widget_class->measure = kl_funnel_view_measure;
  widget_class->query_tooltip = kl_funnel_view_query_tooltip;

  properties[PROP_FUNNEL] =
    g_param_spec_boxed ("funnel", NULL, NULL, KL_TYPE_FUNNEL,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAPTION] =
    g_param_spec_string ("caption", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAGE] =
    g_param_spec_int ("stage", NULL, NULL, -1, KL_FUNNEL_N_STAGES - 1, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KlFunnelView::stage-activated:
   * @stage: a KlFunnelStageId
   *
   * A click on a stage, or Enter on the keyboard's stage.
   */
  signals[STAGE_ACTIVATED] =
    g_signal_new ("stage-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);

  kl_chart_items_class_init (widget_class, "funnel.move", move_action, TRUE);
  gtk_widget_class_install_action (widget_class, "funnel.activate-stage", NULL, activate_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "funnel.activate-stage", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "funnel.activate-stage", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "funnel.activate-stage", NULL);

  gtk_widget_class_set_css_name (widget_class, "funnelview");
}

static void
kl_funnel_view_init (KlFunnelView *self)
{
  kl_chart_items_init (&self->items, GTK_WIDGET (self), &stages);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);

  update_accessible (self);
}

GtkWidget *
kl_funnel_view_new (void)
{
  return g_object_new (KL_TYPE_FUNNEL_VIEW, NULL);
}

KlFunnel *
kl_funnel_view_get_funnel (KlFunnelView *self)
{
  g_return_val_if_fail (KL_IS_FUNNEL_VIEW (self), NULL);

  return self->funnel;
}

void
kl_funnel_view_set_funnel (KlFunnelView *self,
                           KlFunnel     *funnel)
{
  g_return_if_fail (KL_IS_FUNNEL_VIEW (self));

  if (self->funnel == funnel)
    return;

  g_clear_pointer (&self->funnel, kl_funnel_unref);
  if (funnel != NULL)
    self->funnel = kl_funnel_ref (funnel);
  memset (&self->layout, 0, sizeof self->layout);
  if (!has_stages (self))
    kl_chart_items_set_item (&self->items, -1);

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FUNNEL]);
}

const char *
kl_funnel_view_get_caption (KlFunnelView *self)
{
  g_return_val_if_fail (KL_IS_FUNNEL_VIEW (self), NULL);

  return self->caption;
}

void
kl_funnel_view_set_caption (KlFunnelView *self,
                            const char   *caption)
{
  g_return_if_fail (KL_IS_FUNNEL_VIEW (self));

  if (g_strcmp0 (self->caption, caption) == 0)
    return;

  g_free (self->caption);
  self->caption = g_strdup (caption);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAPTION]);
}

int
kl_funnel_view_get_stage (KlFunnelView *self)
{
  g_return_val_if_fail (KL_IS_FUNNEL_VIEW (self), -1);

  return self->items.item;
}

/* The keyboard's stage (-1: none). */
void
kl_funnel_view_set_stage (KlFunnelView *self,
                          int           stage)
{
  g_return_if_fail (KL_IS_FUNNEL_VIEW (self));
  g_return_if_fail (stage >= -1 && stage < KL_FUNNEL_N_STAGES);

  if (!kl_chart_items_set_item (&self->items, stage))
    return;

  update_accessible (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}
