/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Replays the inputs a fuzz target once failed on (tests/data/fuzz/TARGET/)
 * and its corpus (fuzz/corpus/TARGET/) through the same target code, built
 * normally: every crash the fuzzers found stays a regression test. */
#include "config.h"

#include <glib.h>

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
replay_dir (const char *dir_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_assert_cmpuint (names->len, >, 0);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);
      g_test_message ("%s", path);
      LLVMFuzzerTestOneInput ((const guint8 *) contents, length);
    }
}

static void
test_regressions (gconstpointer data)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "fuzz", (const char *) data, NULL);

  replay_dir (dir);
}

static void
test_corpus (gconstpointer data)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", "fuzz", "corpus", (const char *) data, NULL);

  replay_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *regressions = NULL;
  g_autofree char *corpus = NULL;
  g_autofree char *regressions_dir = NULL;

  g_test_init (&argc, &argv, NULL);

  regressions_dir = g_test_build_filename (G_TEST_DIST, "data", "fuzz", FUZZ_TARGET, NULL);
  regressions = g_strdup_printf ("/fuzz/%s/regressions", FUZZ_TARGET);
  corpus = g_strdup_printf ("/fuzz/%s/corpus", FUZZ_TARGET);
  if (g_file_test (regressions_dir, G_FILE_TEST_IS_DIR))
    g_test_add_data_func (regressions, FUZZ_TARGET, test_regressions);
  g_test_add_data_func (corpus, FUZZ_TARGET, test_corpus);

  return g_test_run ();
}
