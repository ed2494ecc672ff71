/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include "kl-page.h"

/* A page of the main window (Today, Clients, …): it shows one session for
 * its life. The window creates the page (or its template does, without a
 * session) and hands it the session once; the subclass fills itself in
 * its session_set.
 *
 * A page's own shortcuts (a GtkShortcutController on the page, scope
 * "managed" in its template: Ctrl+N, Ctrl+F…) work from anywhere in the
 * window while the page is shown, and not at all while another page is:
 * the page puts them in the window's hands when it is mapped and takes
 * them back (scope "local", and the page is hidden) when it is unmapped,
 * so two sections can both answer Ctrl+N. */

typedef struct
{
  KlSession *session;
} KlPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (KlPage, kl_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Overrides */

static void
set_shortcuts_scope (GtkWidget        *widget,
                     GtkShortcutScope  scope)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_SHORTCUT_CONTROLLER (controller) &&
          gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)) != GTK_SHORTCUT_SCOPE_GLOBAL)
        gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller), scope);
    }
}

static void
kl_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kl_page_parent_class)->map (widget);
  set_shortcuts_scope (widget, GTK_SHORTCUT_SCOPE_MANAGED);
}

static void
kl_page_unmap (GtkWidget *widget)
{
  set_shortcuts_scope (widget, GTK_SHORTCUT_SCOPE_LOCAL);
  GTK_WIDGET_CLASS (kl_page_parent_class)->unmap (widget);
}

static void
kl_page_dispose (GObject *object)
{
  KlPage *self = KL_PAGE (object);
  KlPagePrivate *priv = kl_page_get_instance_private (self);

  g_clear_object (&priv->session);

  G_OBJECT_CLASS (kl_page_parent_class)->dispose (object);
}

static void
kl_page_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  KlPage *self = KL_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, kl_page_get_session (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_page_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  KlPage *self = KL_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      kl_page_set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_page_class_init (KlPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kl_page_dispose;
  widget_class->map = kl_page_map;
  widget_class->unmap = kl_page_unmap;
  object_class->get_property = kl_page_get_property;
  object_class->set_property = kl_page_set_property;

  /**
   * KlPage:session:
   *
   * The session the page shows. Set once.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         KL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kl_page_init (KlPage *self)
{
}

/* Public API */

KlSession *
kl_page_get_session (KlPage *self)
{
  KlPagePrivate *priv = kl_page_get_instance_private (self);

  g_return_val_if_fail (KL_IS_PAGE (self), NULL);

  return priv->session;
}

/**
 * kl_page_set_session:
 *
 * Gives the page its session. A page shows one session for its life: this
 * may be called once (again with the same session, or with %NULL before
 * any, does nothing).
 */
void
kl_page_set_session (KlPage    *self,
                     KlSession *session)
{
  KlPagePrivate *priv = kl_page_get_instance_private (self);

  g_return_if_fail (KL_IS_PAGE (self));
  g_return_if_fail (session == NULL || KL_IS_SESSION (session));

  if (session == priv->session)
    return;
  g_return_if_fail (priv->session == NULL);

  priv->session = g_object_ref (session);
  if (KL_PAGE_GET_CLASS (self)->session_set != NULL)
    KL_PAGE_GET_CLASS (self)->session_set (self, session);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
