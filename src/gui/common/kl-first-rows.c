/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include "kl-first-rows.h"

struct _KlFirstRows
{
  GObject     parent_instance;

  GListModel *model;
  guint       limit;            /* G_MAXUINT: all */
  guint       n_items;          /* what this model says it holds */
};

static void kl_first_rows_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KlFirstRows, kl_first_rows, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, kl_first_rows_model_init))

static GType
kl_first_rows_get_item_type (GListModel *model)
{
  return g_list_model_get_item_type (KL_FIRST_ROWS (model)->model);
}

static guint
kl_first_rows_get_n_items (GListModel *model)
{
  return KL_FIRST_ROWS (model)->n_items;
}

static gpointer
kl_first_rows_get_item (GListModel *model,
                        guint       position)
{
  KlFirstRows *self = KL_FIRST_ROWS (model);

  if (position >= self->n_items)
    return NULL;

  return g_list_model_get_item (self->model, position);
}

static void
kl_first_rows_model_init (GListModelInterface *iface)
{
  iface->get_item_type = kl_first_rows_get_item_type;
  iface->get_n_items = kl_first_rows_get_n_items;
  iface->get_item = kl_first_rows_get_item;
}

static void
on_items_changed_cb (KlFirstRows *self,
                     guint        position,
                     guint        removed,
                     guint        added,
                     GListModel  *model)
{
  guint before = self->n_items;

  if (self->limit == G_MAXUINT)
    {
      self->n_items = g_list_model_get_n_items (model);
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  /* The rows within the limit that changed, then those the limit takes
   * in or leaves out at the end. */
  if (position < before)
    {
      guint gone = MIN (removed, before - position);
      guint come = MIN (added, self->limit - position);

      self->n_items = before - gone + come;
      if (gone > 0 || come > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), position, gone, come);
    }
  before = self->n_items;
  self->n_items = MIN (g_list_model_get_n_items (model), self->limit);
  if (self->n_items > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, self->n_items - before);
  else if (self->n_items < before)
    g_list_model_items_changed (G_LIST_MODEL (self), self->n_items, before - self->n_items, 0);
}

static void
kl_first_rows_dispose (GObject *object)
{
  KlFirstRows *self = KL_FIRST_ROWS (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, on_items_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (kl_first_rows_parent_class)->dispose (object);
}

static void
kl_first_rows_class_init (KlFirstRowsClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kl_first_rows_dispose;
}

static void
kl_first_rows_init (KlFirstRows *self)
{
}

/**
 * kl_first_rows_new:
 * @model: (transfer none): the rows
 * @limit: how many to show until kl_first_rows_show_all(); G_MAXUINT for all
 *
 * Returns: (transfer full): the model
 */
KlFirstRows *
kl_first_rows_new (GListModel *model,
                   guint       limit)
{
  KlFirstRows *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (KL_TYPE_FIRST_ROWS, NULL);
  self->model = g_object_ref (model);
  self->limit = limit;
  self->n_items = MIN (g_list_model_get_n_items (model), limit);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (on_items_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

GListModel *
kl_first_rows_get_model (KlFirstRows *self)
{
  g_return_val_if_fail (KL_IS_FIRST_ROWS (self), NULL);

  return self->model;
}

void
kl_first_rows_show_all (KlFirstRows *self)
{
  guint before;

  g_return_if_fail (KL_IS_FIRST_ROWS (self));

  if (self->limit == G_MAXUINT)
    return;
  self->limit = G_MAXUINT;
  before = self->n_items;
  self->n_items = g_list_model_get_n_items (self->model);
  if (self->n_items > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, self->n_items - before);
}

gboolean
kl_first_rows_get_all (KlFirstRows *self)
{
  g_return_val_if_fail (KL_IS_FIRST_ROWS (self), FALSE);

  return self->limit == G_MAXUINT;
}

/* Shows the first @limit rows (G_MAXUINT: all), more or fewer than now. */
void
kl_first_rows_set_limit (KlFirstRows *self,
                         guint        limit)
{
  guint before;

  g_return_if_fail (KL_IS_FIRST_ROWS (self));

  if (limit == self->limit)
    return;
  self->limit = limit;
  before = self->n_items;
  self->n_items = MIN (g_list_model_get_n_items (self->model), limit);
  if (self->n_items > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, self->n_items - before);
  else if (self->n_items < before)
    g_list_model_items_changed (G_LIST_MODEL (self), self->n_items, before - self->n_items, 0);
}
