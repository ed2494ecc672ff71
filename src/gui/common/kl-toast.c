/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "kl-toast.h"

/* libadwaita 1.2 (Debian 12) frees a toast's bookkeeping when its hide
 * animation ends, even if its show animation is still running; the end of
 * the show animation then unrefs freed memory and the program crashes.
 * That happens to a toast dismissed within half a second of appearing in
 * place of another (the "replace" animation takes 500 ms, hiding 300 ms):
 * two quick deletions and an Undo did it. Fixed upstream in 1.3 (commit
 * 1674ebc9, "Prevent show_done from firing after hide_done"). Until then a
 * toast added here is dismissed no sooner than its longest show animation
 * can last. */
#define KL_TOAST_SHOWN_US (600 * G_TIME_SPAN_MILLISECOND)

static GQuark
added_quark (void)
{
  return g_quark_from_static_string ("kl-toast-added");
}

/* Adds @toast to @overlay (taking it, like adw_toast_overlay_add_toast())
 * and notes when, for kl_toast_dismiss(). */
void
kl_toast_add (AdwToastOverlay *overlay,
              AdwToast        *toast)
{
  gint64 *added = g_new (gint64, 1);

  *added = g_get_monotonic_time ();
  g_object_set_qdata_full (G_OBJECT (toast), added_quark (), added, g_free);
  adw_toast_overlay_add_toast (overlay, toast);
}

static gboolean
dismiss_later_cb (gpointer data)
{
  adw_toast_dismiss (ADW_TOAST (data));

  return G_SOURCE_REMOVE;
}

/* Dismisses @toast now, or as soon as its show animation is surely over. */
void
kl_toast_dismiss (AdwToast *toast)
{
  gint64 *added = g_object_get_qdata (G_OBJECT (toast), added_quark ());
  gint64 age = added != NULL ? g_get_monotonic_time () - *added : KL_TOAST_SHOWN_US;

  if (age >= KL_TOAST_SHOWN_US)
    {
      adw_toast_dismiss (toast);
      return;
    }

  g_timeout_add_full (G_PRIORITY_DEFAULT, (KL_TOAST_SHOWN_US - age) / G_TIME_SPAN_MILLISECOND + 1,
                      dismiss_later_cb, g_object_ref (toast), g_object_unref);
}
