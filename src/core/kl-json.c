/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include "kl-json.h"

/* A small JSON writer on GString: no dependency for the one export that
 * needs JSON (a contact's personal data). */

/**
 * kl_json_append_string:
 * @text: (nullable): UTF-8 (invalid bytes are replaced)
 *
 * Appends @text as a JSON string, or null.
 */
void
kl_json_append_string (GString    *out,
                       const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  valid = g_utf8_make_valid (text, -1);
  g_string_append_c (out, '"');
  for (const char *p = valid; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append_printf (out, "\\u%04x", c);
          /* U+2028 and U+2029 are valid JSON but break JavaScript. */
          else if (c == 0xe2 && (guchar)p[1] == 0x80 && ((guchar)p[2] == 0xa8 || (guchar)p[2] == 0xa9))
            {
              g_string_append_printf (out, "\\u%04x", (guchar)p[2] == 0xa8 ? 0x2028 : 0x2029);
              p += 2;
            }
          else
            g_string_append_c (out, (char)c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

/* Appends ",\n" (unless @first), @indent and "@key": ". */
void
kl_json_append_key (GString    *out,
                    const char *indent,
                    const char *key,
                    gboolean    first)
{
  g_string_append_printf (out, "%s\n%s", first ? "" : ",", indent);
  kl_json_append_string (out, key);
  g_string_append (out, ": ");
}
