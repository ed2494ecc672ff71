/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kl-card-group.h"
#include "kl-client-card.h"
#include "kl-competitor-editor.h"
#include "kl-competitors-page.h"
#include "kl-entities.h"
#include "kl-test-gui.h"
#include "kl-window.h"

/* The Competitors section, the competitor editor and the competitors on
 * the client card: real widgets under Xvfb. */

typedef struct {
  char      *dir;
  KlSession *session;
  gint64     jadran, a;
} Fixture;

static gint64
insert (Fixture    *f,
        GType       type,
        const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) e = kl_session_new_entity (f->session, type);

  kl_entity_set_text (e, "name", name);
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, type), e, &error));
  g_assert_no_error (error);
  return kl_entity_get_id (e);
}

static void
insert_deal (Fixture    *f,
             const char *stage,
             gint64      amount,
             const char *currency)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) deal = kl_session_new_entity (f->session, KL_TYPE_DEAL);

  kl_entity_set_number (deal, "client_id", f->jadran);
  kl_entity_set_number (deal, "competitor_id", f->a);
  kl_entity_set_text (deal, "title", "Oprema");
  kl_entity_set_text (deal, "stage", stage);
  kl_entity_set_number (deal, "amount", amount);
  kl_entity_set_text (deal, "currency", currency);
  kl_entity_set_text (deal, "lost_reason", "Cijena");
  g_assert_true (kl_store_insert (kl_session_get_store (f->session, KL_TYPE_DEAL), deal, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->session = kl_test_open_session ("competitors-gui", &f->dir, NULL);
  f->jadran = insert (f, KL_TYPE_CLIENT, "Jadran d.o.o.");
  f->a = insert (f, KL_TYPE_COMPETITOR, "Konkurent A");
  insert (f, KL_TYPE_COMPETITOR, "Nitko");
  insert_deal (f, "lost", 100000, "EUR");
  insert_deal (f, "lost", 25050, "EUR");
  insert_deal (f, "lost", 9000000, "RUB");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_destroy_toplevels ();
  kl_test_close_session (&f->session, &f->dir, NULL);
}

static gboolean
shows_cell (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_INSCRIPTION (widget) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (shows_cell (c, text))
      return TRUE;
  return FALSE;
}

static void
test_section (Fixture       *f,
              gconstpointer  data)
{
  KlWindow *window = kl_window_new (NULL, f->session);
  KlCompetitorsPage *page;
  KlQueryList *list;
  KlCompetitorEditor *editor;

  gtk_window_present (GTK_WINDOW (window));
  gtk_stack_set_visible_child_name (kl_test_template_child (window, KL_TYPE_WINDOW, "stack"), "competitors");
  kl_test_iterate ();
  page = KL_COMPETITORS_PAGE (kl_window_get_page (window, "competitors"));
  list = kl_competitors_page_get_list (page);
  kl_test_wait_ms (200);

  /* The value lost per currency, never one sum. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_true (shows_cell (GTK_WIDGET (page), "1250.50 EUR · 90000.00 RUB"));
  g_assert_true (shows_cell (GTK_WIDGET (page), "3"));

  /* In a window 1280 pixels wide every column fits, "Value lost" the
   * last: GTK 4.8 sizes columns by their fixed widths alone. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_unmaximize (GTK_WINDOW (window));
  kl_test_wait_ms (300);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1280);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >, 1200);
  {
    GtkColumnView *view = kl_test_template_child (page, KL_TYPE_COMPETITORS_PAGE, "column_view");
    GListModel *columns = gtk_column_view_get_columns (view);
    int total = 0;

    for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

        if (gtk_column_view_column_get_visible (column))
          total += gtk_column_view_column_get_fixed_width (column);
      }
    g_assert_cmpint (total, >, 900);
    g_assert_cmpint (total, <=, gtk_widget_get_width (GTK_WIDGET (view)));
  }

  /* Ctrl+N, a name typed, Ctrl+S. */
  kl_test_press_keys (GTK_WINDOW (window), "ctrl+n");
  editor = kl_test_find_toplevel (KL_TYPE_COMPETITOR_EDITOR);
  g_assert_nonnull (editor);
  kl_test_press_keys (GTK_WINDOW (editor), "B e t a");
  kl_test_press_keys (GTK_WINDOW (editor), "ctrl+s");
  for (int i = 0; i < 40 && kl_test_find_toplevel (KL_TYPE_COMPETITOR_EDITOR) != NULL; i++)
    kl_test_wait_ms (50);
  g_assert_null (kl_test_find_toplevel (KL_TYPE_COMPETITOR_EDITOR));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
}

static void
test_card (Fixture       *f,
           gconstpointer  data)
{
  KlClientCard *card = kl_client_card_new (f->session, f->jadran);
  KlCardGroup *group;

  gtk_window_present (GTK_WINDOW (card));
  kl_test_iterate ();
  group = kl_test_template_child (card, KL_TYPE_CLIENT_CARD, "competitors_section");
  kl_test_wait_ms (200);
  g_assert_cmpuint (kl_card_group_get_n_rows (group), ==, 1);
  g_assert_cmpstr (kl_entity_get_text (kl_card_group_get_item (group, 0), "name"), ==, "Konkurent A");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/competitors/section", Fixture, NULL, fixture_set_up, test_section, fixture_tear_down);
  g_test_add ("/gui/competitors/card", Fixture, NULL, fixture_set_up, test_card, fixture_tear_down);

  return g_test_run ();
}
