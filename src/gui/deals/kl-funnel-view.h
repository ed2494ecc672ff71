/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kl-funnel.h"

G_BEGIN_DECLS

#define KL_TYPE_FUNNEL_VIEW (kl_funnel_view_get_type ())
G_DECLARE_FINAL_TYPE (KlFunnelView, kl_funnel_view, KL, FUNNEL_VIEW, GtkWidget)

GtkWidget  *kl_funnel_view_new          (void);
KlFunnel   *kl_funnel_view_get_funnel   (KlFunnelView *self);
void        kl_funnel_view_set_funnel   (KlFunnelView *self,
                                         KlFunnel     *funnel);
const char *kl_funnel_view_get_caption  (KlFunnelView *self);
void        kl_funnel_view_set_caption  (KlFunnelView *self,
                                         const char   *caption);
int         kl_funnel_view_get_stage    (KlFunnelView *self);
void        kl_funnel_view_set_stage    (KlFunnelView *self,
                                         int           stage);
char       *kl_funnel_view_describe     (KlFunnelView *self);

G_END_DECLS
