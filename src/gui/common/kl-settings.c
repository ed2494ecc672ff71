/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-settings.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gstdio.h>

#include "kl-paths.h"

/* The application's GSettings, wherever its schema is. g_settings_new()
 * aborts the program when the schema is not installed, which is what a
 * binary started straight from the build tree meets; so the schema is
 * looked up where GSettings looks, then beside the binary
 * (kl_paths_schema_dir()), and at last in the copy compiled into the
 * program's resources, with the settings then kept in memory and one
 * warning. The lookup happens once per process: the window and the pages
 * share its result, and with it one memory backend. */

typedef struct
{
  GSettingsSchema  *schema;
  GSettingsBackend *backend;   /* NULL: the default one */
  KlSettingsOrigin  origin;
} KlSettingsLookup;

/* The compiled schema from the resources, read through a file of a
 * temporary folder (a schema source reads only files); the file is mapped,
 * so it can go at once. */
static GSettingsSchema *
built_in_schema (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GSettingsSchemaSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *file = NULL;
  GSettingsSchema *schema = NULL;

  bytes = g_resources_lookup_data (RESOURCE_PREFIX "/gschemas.compiled", G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  if (bytes == NULL)
    goto out;
  dir = g_dir_make_tmp ("klijentela-XXXXXX", &error);
  if (dir == NULL)
    goto out;
  file = g_build_filename (dir, "gschemas.compiled", NULL);
  if (g_file_set_contents (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    {
      source = g_settings_schema_source_new_from_directory (dir, NULL, FALSE, &error);
      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APP_ID, FALSE);
      g_unlink (file);
    }
  g_rmdir (dir);

out:
  if (error != NULL)
    g_debug ("No built-in settings schema: %s", error->message);
  return schema;
}

static gpointer
lookup_schema (gpointer data)
{
  KlSettingsLookup *lookup = g_new0 (KlSettingsLookup, 1);
  g_autofree char *dir = kl_paths_schema_dir ();
  GSettingsSchemaSource *installed = g_settings_schema_source_get_default ();

  if (dir != NULL)
    {
      g_autoptr(GSettingsSchemaSource) source = NULL;

      source = g_settings_schema_source_new_from_directory (dir, installed, FALSE, NULL);
      if (source != NULL)
        lookup->schema = g_settings_schema_source_lookup (source, APP_ID, FALSE);
      lookup->origin = KL_SETTINGS_BESIDE_BINARY;
    }

  if (lookup->schema == NULL && installed != NULL)
    {
      lookup->schema = g_settings_schema_source_lookup (installed, APP_ID, TRUE);
      lookup->origin = KL_SETTINGS_INSTALLED;
    }

  if (lookup->schema == NULL)
    {
      lookup->schema = built_in_schema ();
      lookup->backend = g_memory_settings_backend_new ();
      lookup->origin = KL_SETTINGS_BUILT_IN;
      g_warning (_("The settings schema %s is not installed: window size, columns and filters "
                   "will be forgotten on quit. Install Klijentela or start it with “meson devenv”."),
                 APP_ID);
    }

  /* The schema compiled into the program cannot be missing from it. */
  g_assert (lookup->schema != NULL);

  return lookup;
}

static KlSettingsLookup *
get_lookup (void)
{
  static GOnce once = G_ONCE_INIT;

  return g_once (&once, lookup_schema, NULL);
}

/**
 * kl_settings_new:
 *
 * The application's settings, even when its schema is not installed.
 *
 * Returns: (transfer full): a new #GSettings
 */
GSettings *
kl_settings_new (void)
{
  KlSettingsLookup *lookup = get_lookup ();

  return g_settings_new_full (lookup->schema, lookup->backend, NULL);
}

/**
 * kl_settings_get_origin:
 *
 * Returns: where kl_settings_new() found the schema
 */
KlSettingsOrigin
kl_settings_get_origin (void)
{
  return get_lookup ()->origin;
}
