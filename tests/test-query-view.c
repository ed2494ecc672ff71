/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "kl-deal-list.h"
#include "kl-entities.h"
#include "kl-query-view.h"
#include "kl-test-gui.h"

/* kl-query-view.c: a header click sorts the KlQueryList in SQL, a search
 * entry and a dropdown set its filters. */

typedef struct {
  char        *dir;
  char        *path;
  KlSession   *session;
  KlQueryList *list;
} Fixture;

static void
insert_deal (Fixture    *f,
             gint64      client,
             const char *title,
             const char *stage,
             gint64      amount)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) deal = kl_session_new_entity (f->session, KL_TYPE_DEAL);

  kl_entity_set_number (deal, "client_id", client);
  kl_entity_set_text (deal, "title", title);
  kl_entity_set_text (deal, "stage", stage);
  kl_entity_set_number (deal, "amount", amount);
  kl_store_insert (kl_session_get_store (f->session, KL_TYPE_DEAL), deal, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KlEntity) client = NULL;

  f->session = kl_test_open_session ("query-view", &f->dir, &f->path);
  client = kl_session_new_entity (f->session, KL_TYPE_CLIENT);
  kl_entity_set_text (client, "name", "Jadran d.o.o.");
  kl_store_insert (kl_session_get_store (f->session, KL_TYPE_CLIENT), client, &error);
  g_assert_no_error (error);
  insert_deal (f, kl_entity_get_id (client), "Beta", "lead", 300);
  insert_deal (f, kl_entity_get_id (client), "Alfa", "offer", 100);
  insert_deal (f, kl_entity_get_id (client), "Gama", "offer", 200);
  f->list = kl_deal_list_new (f->session);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  kl_test_destroy_toplevels ();
  g_clear_object (&f->list);
  kl_test_close_session (&f->session, &f->dir, &f->path);
}

static const char *
title_at (Fixture *f,
          guint    position)
{
  g_autoptr(KlEntity) deal = g_list_model_get_item (G_LIST_MODEL (f->list), position);

  /* The list keeps its page: the text outlives this reference. */
  return kl_entity_get_text (deal, "title");
}

static void
test_header_sort (Fixture       *f,
                  gconstpointer  data)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  g_autoptr(GtkColumnViewColumn) title = gtk_column_view_column_new ("Title", NULL);
  g_autoptr(GtkColumnViewColumn) amount = gtk_column_view_column_new ("Amount", NULL);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_column_view_append_column (view, title);
  gtk_column_view_append_column (view, amount);
  kl_query_view_add_sort (view, title, "title");
  kl_query_view_add_sort (view, amount, "amount");
  kl_query_list_set_sort (f->list, "amount", TRUE);
  kl_query_view_attach (view, f->list);
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  kl_test_iterate ();

  /* The list's sort stays as it was, with its arrow. */
  g_assert_cmpstr (kl_query_list_get_sort (f->list), ==, "amount");
  g_assert_true (kl_query_list_get_descending (f->list));
  g_assert_cmpstr (title_at (f, 0), ==, "Beta");

  gtk_column_view_sort_by_column (view, title, GTK_SORT_ASCENDING);
  g_assert_cmpstr (kl_query_list_get_sort (f->list), ==, "title");
  g_assert_false (kl_query_list_get_descending (f->list));
  g_assert_cmpstr (title_at (f, 0), ==, "Alfa");

  gtk_column_view_sort_by_column (view, title, GTK_SORT_DESCENDING);
  g_assert_true (kl_query_list_get_descending (f->list));
  g_assert_cmpstr (title_at (f, 0), ==, "Gama");

  gtk_column_view_sort_by_column (view, amount, GTK_SORT_ASCENDING);
  g_assert_cmpstr (kl_query_list_get_sort (f->list), ==, "amount");
  g_assert_cmpstr (title_at (f, 0), ==, "Alfa");

  /* No column: the list's first sort. */
  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  g_assert_cmpstr (kl_query_list_get_sort (f->list), ==, "expected-close");

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))), ==, 3);
}

static void
test_search_and_choice (Fixture       *f,
                        gconstpointer  data)
{
  static const char * const states[] = { "open", "won", "lost", NULL };
  static const char * const state_labels[] = { "Open", "Won", "Lost", NULL };
  GtkWidget *entry = gtk_search_entry_new ();
  GtkDropDown *stages = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  GtkDropDown *state = GTK_DROP_DOWN (gtk_drop_down_new (NULL, NULL));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (stages));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (state));
  gtk_window_set_child (window, box);
  gtk_window_present (window);

  kl_query_view_bind_search (GTK_EDITABLE (entry), f->list, "search");
  kl_query_view_bind_choice (stages, f->list, "stage", "All stages", kl_deal_stages, NULL);
  kl_query_view_bind_choice (state, f->list, "state", "Open, won and lost", states, state_labels);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (stages)), ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 3);

  /* Row 4 is "Offer sent". */
  gtk_drop_down_set_selected (stages, 4);
  g_assert_cmpstr (kl_query_view_get_choice (stages), ==, "offer");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 2);

  gtk_editable_set_text (GTK_EDITABLE (entry), "gam");
  /* A search entry waits for the typing to pause. */
  kl_test_wait_ms (400);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 1);

  gtk_drop_down_set_selected (state, 2);
  g_assert_cmpstr (kl_query_list_get_filter_text (f->list, "state"), ==, "won");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 0);

  gtk_drop_down_set_selected (state, 0);
  gtk_drop_down_set_selected (stages, 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  kl_test_wait_ms (400);
  g_assert_false (kl_query_list_has_filter (f->list, "stage"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->list)), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/query-view/header-sort", Fixture, NULL, fixture_set_up, test_header_sort, fixture_tear_down);
  g_test_add ("/query-view/search-and-choice", Fixture, NULL,
              fixture_set_up, test_search_and_choice, fixture_tear_down);

  return g_test_run ();
}
