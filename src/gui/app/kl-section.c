/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include "kl-section.h"

/* One section of the main window as its GtkStack holds it: the type of the
 * section's page (a KlPage) and, once the section has been shown, the
 * page itself. Until then nothing of the page exists, neither its template
 * nor its queries, so the window starts with the one section it shows.
 * In kl-window.ui:
 *
 *   <object class="KlSection">
 *     <property name="page-type">KlDealsPage</property>
 *   </object>
 *
 * The window asks for the page (kl_section_ensure_page()) when the section
 * becomes visible, before the stack draws it. */
struct _KlSection
{
  AdwBin  parent_instance;

  GType   page_type;
  KlPage *page;  /* the bin's child, once built */
};

G_DEFINE_FINAL_TYPE (KlSection, kl_section, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PAGE_TYPE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kl_section_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KlSection *self = KL_SECTION (object);

  switch (prop_id)
    {
    case PROP_PAGE_TYPE:
      g_value_set_gtype (value, self->page_type);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_section_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  KlSection *self = KL_SECTION (object);

  switch (prop_id)
    {
    case PROP_PAGE_TYPE:
      self->page_type = g_value_get_gtype (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_section_class_init (KlSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = kl_section_get_property;
  object_class->set_property = kl_section_set_property;

  /**
   * KlSection:page-type:
   *
   * The page the section shows: a subtype of KlPage, registered before
   * the template naming it is built (g_type_ensure() in the window's
   * class_init).
   */
  properties[PROP_PAGE_TYPE] =
    g_param_spec_gtype ("page-type", NULL, NULL,
                        KL_TYPE_PAGE,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kl_section_init (KlSection *self)
{
  self->page_type = KL_TYPE_PAGE;
}

GType
kl_section_get_page_type (KlSection *self)
{
  g_return_val_if_fail (KL_IS_SECTION (self), G_TYPE_INVALID);

  return self->page_type;
}

/* The page if the section has been shown, else %NULL. */
KlPage *
kl_section_peek_page (KlSection *self)
{
  g_return_val_if_fail (KL_IS_SECTION (self), NULL);

  return self->page;
}

/**
 * kl_section_ensure_page:
 * @session: the window's session, given to the page when it is built
 *
 * Returns: (transfer none): the section's page, built now if it was not.
 */
KlPage *
kl_section_ensure_page (KlSection *self,
                        KlSession *session)
{
  g_return_val_if_fail (KL_IS_SECTION (self), NULL);
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);

  if (self->page == NULL)
    {
      g_return_val_if_fail (g_type_is_a (self->page_type, KL_TYPE_PAGE) &&
                            !G_TYPE_IS_ABSTRACT (self->page_type), NULL);

      self->page = g_object_new (self->page_type, NULL);
      adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->page));
      kl_page_set_session (self->page, session);
    }

  return self->page;
}
