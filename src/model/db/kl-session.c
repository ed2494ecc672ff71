/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-session.h"

#include "kl-search.h"

/* A session is one open database and one store per entity: what a window
 * and the command line work with. There are no globals. */
struct _KlSession
{
  GObject     parent_instance;

  KlDatabase *database;
  GHashTable *stores;   /* GType → KlStore */
  KlOffice    office;
  guint       office_loaded : 1;
};

G_DEFINE_FINAL_TYPE (KlSession, kl_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATABASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kl_session_constructed (GObject *object)
{
  KlSession *self = (KlSession *)object;
  guint n_types;
  const GType *types = kl_entity_types (&n_types);

  G_OBJECT_CLASS (kl_session_parent_class)->constructed (object);

  g_assert (self->database != NULL);
  for (guint i = 0; i < n_types; i++)
    g_hash_table_insert (self->stores, GSIZE_TO_POINTER (types[i]),
                         kl_store_new (self->database, types[i]));

  /* Now, so that threads working for the session (an import) only read it. */
  kl_session_get_office (self);
}

static void
kl_session_dispose (GObject *object)
{
  KlSession *self = (KlSession *)object;

  g_clear_pointer (&self->stores, g_hash_table_unref);
  g_clear_object (&self->database);

  G_OBJECT_CLASS (kl_session_parent_class)->dispose (object);
}

static void
kl_session_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KlSession *self = KL_SESSION (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      g_value_set_object (value, self->database);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_session_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  KlSession *self = KL_SESSION (object);

  switch (prop_id)
    {
    case PROP_DATABASE:
      self->database = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_session_class_init (KlSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = kl_session_constructed;
  object_class->dispose = kl_session_dispose;
  object_class->get_property = kl_session_get_property;
  object_class->set_property = kl_session_set_property;

  properties[PROP_DATABASE] =
    g_param_spec_object ("database", NULL, NULL,
                         KL_TYPE_DATABASE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kl_session_init (KlSession *self)
{
  self->stores = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
}

KlSession *
kl_session_new (KlDatabase *database)
{
  g_return_val_if_fail (KL_IS_DATABASE (database), NULL);

  return g_object_new (KL_TYPE_SESSION, "database", database, NULL);
}

KlSession *
kl_session_open (const char  *path,
                 GError     **error)
{
  g_autoptr(KlDatabase) database = kl_database_open (path, error);

  if (database == NULL)
    return NULL;

  return kl_session_new (database);
}

KlDatabase *
kl_session_get_database (KlSession *self)
{
  g_return_val_if_fail (KL_IS_SESSION (self), NULL);

  return self->database;
}

/**
 * kl_session_get_store:
 *
 * Returns: (transfer none): the store of @entity_type
 */
KlStore *
kl_session_get_store (KlSession *self,
                      GType      entity_type)
{
  KlStore *store;

  g_return_val_if_fail (KL_IS_SESSION (self), NULL);

  store = g_hash_table_lookup (self->stores, GSIZE_TO_POINTER (entity_type));
  g_return_val_if_fail (store != NULL, NULL);

  return store;
}

/* In a worker thread, on a connection of its own. */
static void
update_search_index (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(KlDatabase) database = NULL;
  g_autoptr(GError) error = NULL;

  database = kl_database_open (path, &error);
  if (database == NULL || !kl_search_update_index (database, cancellable, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
on_search_index_updated_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  KlSession *self = KL_SESSION (object);
  g_autoptr(GTask) outer = user_data;
  GError *error = NULL;

  /* The lists search the index again rather than every document. */
  if (g_task_propagate_boolean (G_TASK (result), &error))
    kl_store_emit_changed_many (kl_session_get_store (self, KL_TYPE_CLIENT));

  if (error != NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_boolean (outer, TRUE);
}

/**
 * kl_session_update_search_index_async:
 *
 * Puts the documents a large import left out into the search index
 * (kl_search_update_index()), in a thread on a connection of its own, so
 * the session's connection stays free meanwhile; then the client store
 * emits "changed" (%KL_STORE_BATCH). Done at once when nothing is
 * pending.
 */
void
kl_session_update_search_index_async (KlSession           *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *path;

  g_return_if_fail (KL_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kl_session_update_search_index_async);

  if (!kl_search_index_is_pending (self->database))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  path = kl_database_get_path (self->database);
  {
    g_autoptr(GTask) inner = g_task_new (self, cancellable, on_search_index_updated_cb, g_steal_pointer (&task));

    g_task_set_task_data (inner, g_strdup (path), g_free);
    g_task_run_in_thread (inner, update_search_index);
  }
}

gboolean
kl_session_update_search_index_finish (KlSession     *self,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_background_update_done_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Left pending: searching still finds everything, more slowly, and the
   * next start tries again. */
  if (!kl_session_update_search_index_finish (KL_SESSION (object), result, &error))
    g_warning ("Could not bring the search index up to date: %s", error->message);
}

/* kl_session_update_search_index_async() for a window: a failure is only
 * logged. */
void
kl_session_update_search_index_in_background (KlSession *self)
{
  g_return_if_fail (KL_IS_SESSION (self));

  kl_session_update_search_index_async (self, NULL, on_background_update_done_cb, NULL);
}

/**
 * kl_session_get_office:
 *
 * The own company's country and currency (kl_office_load()), read once.
 * When the database cannot be read, the locale's.
 *
 * Returns: (transfer none): the office
 */
const KlOffice *
kl_session_get_office (KlSession *self)
{
  g_return_val_if_fail (KL_IS_SESSION (self), NULL);

  if (!self->office_loaded)
    {
      g_autoptr(GError) error = NULL;

      if (!kl_office_load (&self->office, self->database, &error))
        g_debug ("Could not read the office's country and currency: %s", error->message);
      self->office_loaded = TRUE;
    }

  return &self->office;
}

/**
 * kl_session_set_office:
 * @country: two capital letters
 * @currency: a supported currency code
 *
 * Changes the own company's country and currency, which new records get
 * from now on; records already made keep theirs.
 *
 * Returns: FALSE with @error set when a code is wrong or the database
 *   could not be written; nothing changed then
 */
gboolean
kl_session_set_office (KlSession   *self,
                       const char  *country,
                       const char  *currency,
                       GError     **error)
{
  KlOffice office;

  g_return_val_if_fail (KL_IS_SESSION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!kl_office_set (&office, country, currency, error)
      || !kl_office_save (&office, self->database, error))
    return FALSE;

  self->office = office;
  self->office_loaded = TRUE;
  return TRUE;
}

/**
 * kl_session_new_entity:
 * @entity_type: a #KlEntity type
 *
 * A new, unsaved record of @entity_type with the defaults of its fields,
 * the country and currency being the office's (kl_session_get_office()).
 *
 * Returns: (transfer full): the record
 */
KlEntity *
kl_session_new_entity (KlSession *self,
                       GType      entity_type)
{
  KlEntity *entity;

  g_return_val_if_fail (KL_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_type_is_a (entity_type, KL_TYPE_ENTITY), NULL);

  entity = g_object_new (entity_type, NULL);
  kl_office_apply (kl_session_get_office (self), entity);

  return entity;
}
