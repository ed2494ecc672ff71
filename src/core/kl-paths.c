/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include "kl-paths.h"

/* Where the program finds its translations and its settings schema when
 * nobody said: started from the build tree (`./_build/src/klijentela`, a
 * test or a bench in `_build/…`), the files the build made beside it;
 * installed under another prefix than the one it was configured for
 * (`meson install --destdir`), the ones under `../share` of the binary.
 * Otherwise the configured places, as any GNOME program. */

/* The folder two up from the binary (`_build` for `_build/src/klijentela`). */
static char *
binary_top (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;

  if (exe == NULL)
    return NULL;
  dir = g_path_get_dirname (exe);
  return g_path_get_dirname (dir);
}

/* Whether @dir holds any of the translations (po/LINGUAS). */
static gboolean
has_translations (const char *dir)
{
  static const char * const languages[] = { "hr", "ru" };

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *mo = g_build_filename (dir, languages[i], "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

      if (g_file_test (mo, G_FILE_TEST_IS_REGULAR))
        return TRUE;
    }
  return FALSE;
}

static gboolean
has_schema (const char *dir)
{
  g_autofree char *compiled = g_build_filename (dir, "gschemas.compiled", NULL);

  return g_file_test (compiled, G_FILE_TEST_IS_REGULAR);
}

/**
 * kl_paths_build_tree:
 *
 * Returns: (transfer full) (nullable): the meson build folder the running
 *   binary belongs to, or %NULL when it is not in one.
 */
char *
kl_paths_build_tree (void)
{
  g_autofree char *top = binary_top ();
  g_autofree char *marker = NULL;

  if (top == NULL)
    return NULL;
  marker = g_build_filename (top, "meson-private", NULL);
  if (!g_file_test (marker, G_FILE_TEST_IS_DIR))
    return NULL;
  return g_steal_pointer (&top);
}

/**
 * kl_paths_locale_dir:
 *
 * The folder for bindtextdomain(): `$KLIJENTELA_LOCALEDIR` when set (as
 * `meson devenv` and the tests do), the build tree's `po/` for a binary in
 * the build tree, the configured locale folder when it holds the
 * translations, `../share/locale` beside the binary when that does.
 *
 * Returns: (transfer full): a folder name
 */
char *
kl_paths_locale_dir (void)
{
  const char *env = g_getenv ("KLIJENTELA_LOCALEDIR");
  g_autofree char *build = NULL;
  g_autofree char *top = NULL;

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  build = kl_paths_build_tree ();
  if (build != NULL)
    {
      g_autofree char *po = g_build_filename (build, "po", NULL);

      if (has_translations (po))
        return g_steal_pointer (&po);
    }

  if (has_translations (LOCALEDIR))
    return g_strdup (LOCALEDIR);

  top = binary_top ();
  if (top != NULL)
    {
      g_autofree char *share = g_build_filename (top, "share", "locale", NULL);

      if (has_translations (share))
        return g_steal_pointer (&share);
    }

  return g_strdup (LOCALEDIR);
}

/**
 * kl_paths_schema_dir:
 *
 * A folder with a compiled settings schema that belongs to this very
 * binary and that GSettings would not look in by itself: the build tree's
 * `resources/`, or `../share/glib-2.0/schemas` beside an installed binary.
 * %NULL when `$GSETTINGS_SCHEMA_DIR` is set (whoever set it knows best) or
 * there is no such folder.
 *
 * Returns: (transfer full) (nullable): a folder name
 */
char *
kl_paths_schema_dir (void)
{
  g_autofree char *build = NULL;
  g_autofree char *top = NULL;

  if (g_getenv ("GSETTINGS_SCHEMA_DIR") != NULL)
    return NULL;

  build = kl_paths_build_tree ();
  if (build != NULL)
    {
      g_autofree char *resources = g_build_filename (build, "resources", NULL);

      return has_schema (resources) ? g_steal_pointer (&resources) : NULL;
    }

  top = binary_top ();
  if (top != NULL)
    {
      g_autofree char *share = g_build_filename (top, "share", "glib-2.0", "schemas", NULL);

      if (has_schema (share))
        return g_steal_pointer (&share);
    }

  return NULL;
}
