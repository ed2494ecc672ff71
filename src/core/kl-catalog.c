/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-catalog.h"

#include <string.h>

/* A GNU .mo file: a header, then two tables of (length, offset) pairs
 * for the original and the translated strings. A string with a context
 * is stored as "context\004msgid"; plural forms are separated by NUL (only
 * the first one is used here). */

#define MO_MAGIC 0x950412deU

struct _KlCatalog {
  char        *language;
  GMappedFile *file;        /* NULL for English */
  GHashTable  *strings;     /* msgid (in the file) → translation (in the file) */
};

static const char * const languages[] = { "en", "hr", "ru" };

const char *
kl_catalog_language_from_code (const char *code)
{
  if (code == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_ascii_strcasecmp (code, languages[i]) == 0)
      return languages[i];

  return NULL;
}

const char *
kl_catalog_default_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_has_prefix (names[i], "hr"))
        return "hr";
      if (g_str_has_prefix (names[i], "ru"))
        return "ru";
      if (g_str_has_prefix (names[i], "en"))
        return "en";
    }

  return "en";
}

static guint32
read_u32 (const guint8 *data,
          gsize         offset,
          gboolean      swapped)
{
  guint32 value;

  memcpy (&value, data + offset, sizeof value);
  return swapped ? GUINT32_SWAP_LE_BE (value) : value;
}

static gboolean
load (KlCatalog   *self,
      const char  *path,
      GError     **error)
{
  const guint8 *data;
  gsize size;
  guint32 magic, n, originals, translations;
  gboolean swapped;

  self->file = g_mapped_file_new (path, FALSE, error);
  if (self->file == NULL)
    return FALSE;

  data = (const guint8 *) g_mapped_file_get_contents (self->file);
  size = g_mapped_file_get_length (self->file);
  if (size < 20)
    goto bad;

  memcpy (&magic, data, sizeof magic);
  if (magic == MO_MAGIC)
    swapped = FALSE;
  else if (GUINT32_SWAP_LE_BE (magic) == MO_MAGIC)
    swapped = TRUE;
  else
    goto bad;

  n = read_u32 (data, 8, swapped);
  originals = read_u32 (data, 12, swapped);
  translations = read_u32 (data, 16, swapped);
  if (n > size / 16 || originals > size - (gsize) n * 8 || translations > size - (gsize) n * 8)
    goto bad;

  for (guint32 i = 0; i < n; i++)
    {
      guint32 id_len = read_u32 (data, originals + i * 8, swapped);
      guint32 id_off = read_u32 (data, originals + i * 8 + 4, swapped);
      guint32 tr_len = read_u32 (data, translations + i * 8, swapped);
      guint32 tr_off = read_u32 (data, translations + i * 8 + 4, swapped);

      /* Each string is followed by a NUL that its length leaves out. */
      if (id_off >= size || id_len >= size - id_off || data[id_off + id_len] != '\0' ||
          tr_off >= size || tr_len >= size - tr_off || data[tr_off + tr_len] != '\0')
        goto bad;
      if (id_len == 0 || tr_len == 0)   /* the header */
        continue;
      if (!g_utf8_validate ((const char *) data + tr_off, -1, NULL))
        goto bad;
      g_hash_table_insert (self->strings, (gpointer) (data + id_off), (gpointer) (data + tr_off));
    }

  return TRUE;

bad:
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
               _("The translation file “%s” is damaged."), path);
  return FALSE;
}

KlCatalog *
kl_catalog_new (const char  *language,
                GError     **error)
{
  g_autoptr(KlCatalog) self = NULL;
  const char *code = kl_catalog_language_from_code (language);
  const char *localedir;
  g_autofree char *path = NULL;

  if (code == NULL)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   /* Translators: %s is what the user gave, e.g. “de”. */
                   _("There is no language “%s”: choose hr, ru or en."), language != NULL ? language : "");
      return NULL;
    }

  self = g_new0 (KlCatalog, 1);
  self->language = g_strdup (code);
  self->strings = g_hash_table_new (g_str_hash, g_str_equal);
  if (g_str_equal (code, "en"))
    return g_steal_pointer (&self);

  /* Where gettext looks for the interface's translations (main() binds
   * the installed folder, the one beside an uninstalled binary, or
   * $KLIJENTELA_LOCALEDIR). */
  localedir = g_getenv ("KLIJENTELA_LOCALEDIR");
  if (localedir == NULL || localedir[0] == '\0')
    localedir = bindtextdomain (GETTEXT_PACKAGE, NULL);
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;
  path = g_build_filename (localedir, code, "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  if (!load (self, path, error))
    return NULL;

  return g_steal_pointer (&self);
}

void
kl_catalog_free (KlCatalog *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->strings, g_hash_table_unref);
  g_clear_pointer (&self->file, g_mapped_file_unref);
  g_free (self->language);
  g_free (self);
}

const char *
kl_catalog_get_language (KlCatalog *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->language;
}

const char *
kl_catalog_pgettext (KlCatalog  *self,
                     const char *context,
                     const char *msgid)
{
  const char *translation;

  g_return_val_if_fail (self != NULL, msgid);
  g_return_val_if_fail (msgid != NULL, NULL);

  if (g_hash_table_size (self->strings) == 0)
    return msgid;

  if (context != NULL)
    {
      char key[512];
      int n = g_snprintf (key, sizeof key, "%s\004%s", context, msgid);

      if (n > 0 && (gsize) n < sizeof key)
        translation = g_hash_table_lookup (self->strings, key);
      else
        {
          g_autofree char *long_key = g_strdup_printf ("%s\004%s", context, msgid);

          translation = g_hash_table_lookup (self->strings, long_key);
        }
    }
  else
    translation = g_hash_table_lookup (self->strings, msgid);

  return translation != NULL ? translation : msgid;
}
