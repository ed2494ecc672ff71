/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-import-wizard.h"

#include "kl-client-ops.h"
#include "kl-entities.h"
#include "kl-import.h"

/* The CSV import of clients or of the price list's products (KlImport's
 * kinds) as a wizard of three steps on a GtkStack: choose a file; check
 * the encoding, the separator and which field each column fills, over a
 * preview of the first rows with the problems of those lines; then the
 * import, in a GTask thread on a connection of its own (the window's
 * connection stays the main thread's), with a progress bar and Cancel,
 * and its result.
 *
 * The file is read once; a change of encoding or separator makes a new
 * KlImport from the same bytes. The worker makes its own KlImport on its
 * own session from the bytes, the format and the mapping chosen here. */

#define PREVIEW_ROWS 8

/* The encodings offered; the one detected is added when it is another. */
static const struct {
  const char *encoding;
  const char *label;
} encodings[] = {
  { "UTF-8", N_("UTF-8") },
  { "WINDOWS-1250", N_("Windows-1250 (Central European)") },
  { "WINDOWS-1251", N_("Windows-1251 (Cyrillic)") },
};

static const struct {
  gunichar    separator;
  const char *label;
} separators[] = {
  { ';', N_("Semicolon ( ; )") },
  { ',', N_("Comma ( , )") },
  { '\t', N_("Tab") },
};

typedef struct {
  char       *path;
  KlImportKind kind;
  GBytes     *contents;
  char       *encoding;
  gunichar    separator;
  GStrv       mapping;     /* one per column, "" to ignore */
  KlStore    *store;       /* the window's client (product) store, told of the import */
  guint       n_added;
  guint       n_existing;
  GPtrArray  *rejections;
  char       *ignored;     /* the columns left out, as said to the user; NULL for none */
} ImportJob;

struct _KlImportWizard
{
  AdwWindow        parent_instance;

  KlSession       *session;
  KlImportKind     kind;
  GFile           *file;
  GBytes          *contents;
  KlImport        *import;
  GPtrArray       *mapping_dropdowns;
  GPtrArray       *encoding_values;     /* char *, the encoding dropdown's rows */
  GArray          *separator_values;    /* gunichar, the separator dropdown's rows */
  GCancellable    *cancellable;
  GtkFileChooserNative *chooser;
  guint            syncing : 1;
  guint            running : 1;

  /* Template children */
  AdwToastOverlay *toast_overlay;
  AdwWindowTitle  *window_title;
  AdwStatusPage   *file_page;
  GtkLabel        *mapping_hint_label;
  GtkLabel        *problems_label;
  GtkLabel        *progress_label;
  GtkWidget       *back_button;
  GtkWidget       *import_button;
  GtkStack        *stack;
  GtkDropDown     *encoding_dropdown;
  GtkDropDown     *separator_dropdown;
  GtkLabel        *error_label;
  GtkLabel        *ignored_label;
  GtkLabel        *ignored_result_label;
  GtkGrid         *preview_grid;
  GtkProgressBar  *progress_bar;
  GtkLabel        *added_label;
  GtkLabel        *existing_label;
  GtkLabel        *rejected_label;
  GtkWidget       *rejections_window;
  GtkListBox      *rejections_list;
};

G_DEFINE_FINAL_TYPE (KlImportWizard, kl_import_wizard, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Helpers */

static void
import_job_free (ImportJob *job)
{
  g_free (job->path);
  g_free (job->ignored);
  g_clear_pointer (&job->contents, g_bytes_unref);
  g_free (job->encoding);
  g_strfreev (job->mapping);
  g_clear_object (&job->store);
  g_clear_pointer (&job->rejections, g_ptr_array_unref);
  g_free (job);
}

static void
show_toast (KlImportWizard *self,
            const char     *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

static void
show_step (KlImportWizard *self,
           const char     *step)
{
  gboolean mapping = g_str_equal (step, "mapping");

  gtk_stack_set_visible_child_name (self->stack, step);
  gtk_widget_set_visible (self->back_button, mapping);
  gtk_widget_set_visible (self->import_button, mapping);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.import", mapping && self->import != NULL);
  if (mapping && self->import != NULL)
    gtk_widget_grab_focus (self->import_button);
}

static void
remove_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_LIST_BOX (widget))
        gtk_list_box_remove (GTK_LIST_BOX (widget), child);
      else
        gtk_grid_remove (GTK_GRID (widget), child);
    }
}

static void
fill_format_dropdowns (KlImportWizard *self,
                       const char     *encoding,
                       gunichar        separator)
{
  g_autoptr(GtkStringList) encoding_labels = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) separator_labels = gtk_string_list_new (NULL);
  guint encoding_row = GTK_INVALID_LIST_POSITION;
  guint separator_row = GTK_INVALID_LIST_POSITION;

  g_ptr_array_set_size (self->encoding_values, 0);
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      g_ptr_array_add (self->encoding_values, g_strdup (encodings[i].encoding));
      gtk_string_list_append (encoding_labels, _(encodings[i].label));
      if (g_ascii_strcasecmp (encodings[i].encoding, encoding) == 0)
        encoding_row = i;
    }
  if (encoding_row == GTK_INVALID_LIST_POSITION)
    {
      encoding_row = self->encoding_values->len;
      g_ptr_array_add (self->encoding_values, g_strdup (encoding));
      gtk_string_list_append (encoding_labels, encoding);
    }

  g_array_set_size (self->separator_values, 0);
  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    {
      g_array_append_val (self->separator_values, separators[i].separator);
      gtk_string_list_append (separator_labels, _(separators[i].label));
      if (separators[i].separator == separator)
        separator_row = i;
    }
  if (separator_row == GTK_INVALID_LIST_POSITION)
    {
      char text[8] = { 0 };

      g_unichar_to_utf8 (separator, text);
      separator_row = self->separator_values->len;
      g_array_append_val (self->separator_values, separator);
      gtk_string_list_append (separator_labels, text);
    }

  self->syncing = TRUE;
  gtk_drop_down_set_model (self->encoding_dropdown, G_LIST_MODEL (encoding_labels));
  gtk_drop_down_set_selected (self->encoding_dropdown, encoding_row);
  gtk_drop_down_set_model (self->separator_dropdown, G_LIST_MODEL (separator_labels));
  gtk_drop_down_set_selected (self->separator_dropdown, separator_row);
  self->syncing = FALSE;
}

/* "Columns not imported: КПП, ОГРН", or NULL when every column is. */
static char *
describe_ignored (KlImport *import)
{
  guint n = kl_import_count_ignored (import);
  g_autofree char *list = NULL;

  if (n == 0)
    return NULL;
  list = kl_import_describe_ignored (import);
  /* Translators: a count, then the headings of the columns of an imported
   * file that no field is chosen for, e.g. “КПП, ОГРН” */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%1$u column not imported: %2$s",
                                       "%1$u columns not imported: %2$s", n),
                          n, list);
}

static void
show_ignored (GtkLabel   *label,
              const char *text)
{
  gtk_label_set_label (label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

/* "Line 3: Price: …", one a line: what the import would reject among the
 * lines shown, or why it cannot start. */
static void
show_problems (KlImportWizard *self)
{
  g_autoptr(GPtrArray) rejections = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  rejections = kl_import_check_first (self->import, PREVIEW_ROWS, &error);
  if (rejections == NULL)
    g_string_append (text, error->message);
  for (guint i = 0; rejections != NULL && i < rejections->len; i++)
    {
      const KlImportRejection *rejection = g_ptr_array_index (rejections, i);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      if (rejection->line > 0)
        /* Translators: a problem of a line of the file shown before the
         * import: the line's number, then the reason */
        g_string_append_printf (text, _("Line %1$u: %2$s"), rejection->line, rejection->reason);
      else
        g_string_append (text, rejection->reason);
    }
  gtk_label_set_label (self->problems_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_label), text->len > 0);
}

/* Row 0 is "Ignore", then kl_import_list_targets(). */
static void
sync_mapping_dropdowns (KlImportWizard *self)
{
  g_autofree char *ignored = describe_ignored (self->import);
  const char * const *targets = kl_import_list_targets (self->import);

  self->syncing = TRUE;
  for (guint column = 0; column < self->mapping_dropdowns->len; column++)
    {
      const char *mapping = kl_import_get_mapping (self->import, column);
      guint row = 0;

      for (guint i = 0; mapping != NULL && targets[i] != NULL; i++)
        if (g_str_equal (targets[i], mapping))
          row = i + 1;
      gtk_drop_down_set_selected (g_ptr_array_index (self->mapping_dropdowns, column), row);
    }
  self->syncing = FALSE;
  show_ignored (self->ignored_label, ignored);
  show_problems (self);
}

static GtkWidget *
preview_cell (const char *text,
              gboolean    header)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (header)
    gtk_widget_add_css_class (label, "heading");

  return label;
}

static void on_mapping_dropdown_notify_selected_cb (KlImportWizard *self,
                                                    GParamSpec     *pspec,
                                                    GtkDropDown    *dropdown);

/* Row 0: a dropdown per column; row 1: the file's headers; then the
 * first records. */
static void
fill_preview (KlImportWizard *self)
{
  const char * const *targets = kl_import_list_targets (self->import);
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;
  guint n_columns = kl_import_get_n_columns (self->import);

  remove_children (GTK_WIDGET (self->preview_grid));
  g_ptr_array_set_size (self->mapping_dropdowns, 0);

  gtk_string_list_append (labels, C_("import column", "Ignore"));
  for (guint i = 0; targets[i] != NULL; i++)
    gtk_string_list_append (labels, kl_import_describe_target (self->import, targets[i]));

  for (guint column = 0; column < n_columns; column++)
    {
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
      const char *header = kl_import_get_header (self->import, column);
      g_autofree char *accessible = g_strdup_printf (self->kind == KL_IMPORT_KIND_PRODUCTS
                                                     ? _("Product field for the column “%s”")
                                                     : _("Client field for the column “%s”"),
                                                     header);

      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      g_object_set_data (G_OBJECT (dropdown), "column", GUINT_TO_POINTER (column));
      g_signal_connect_object (dropdown, "notify::selected",
                               G_CALLBACK (on_mapping_dropdown_notify_selected_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_grid_attach (self->preview_grid, dropdown, column, 0, 1, 1);
      g_ptr_array_add (self->mapping_dropdowns, dropdown);
      gtk_grid_attach (self->preview_grid,
                       preview_cell (kl_import_get_header (self->import, column), TRUE),
                       column, 1, 1, 1);
    }
  sync_mapping_dropdowns (self);

  rows = kl_import_preview (self->import, PREVIEW_ROWS, &error);
  if (rows == NULL)
    {
      g_debug ("No preview: %s", error->message);
      return;
    }
  for (guint row = 0; row < rows->len; row++)
    {
      char **fields = g_ptr_array_index (rows, row);

      for (guint column = 0; column < n_columns && fields[column] != NULL; column++)
        gtk_grid_attach (self->preview_grid, preview_cell (fields[column], FALSE),
                         column, row + 2, 1, 1);
    }
}

/* Reads the file again as @encoding with @separator (NULL, 0: detect). */
static void
load_import (KlImportWizard *self,
             const char     *encoding,
             gunichar        separator)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->import);
  self->import = kl_import_new_for_kind (self->session, self->kind, self->contents, encoding, separator, &error);

  if (self->import == NULL)
    {
      remove_children (GTK_WIDGET (self->preview_grid));
      g_ptr_array_set_size (self->mapping_dropdowns, 0);
      show_ignored (self->ignored_label, NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->problems_label), FALSE);
      gtk_label_set_label (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      if (encoding == NULL)
        fill_format_dropdowns (self, "UTF-8", separator != 0 ? separator : ';');
    }
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
      /* What was detected; a choice of the user's is already shown (and
       * the dropdown telling of it must keep its model). */
      if (encoding == NULL)
        fill_format_dropdowns (self, kl_import_get_encoding (self->import),
                               kl_import_get_separator (self->import));
      fill_preview (self);
    }

  show_step (self, "mapping");
}

static void
add_rejection_row (KlImportWizard          *self,
                   const KlImportRejection *rejection)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *where = NULL;
  GtkWidget *line_label;
  GtkWidget *reason_label;

  if (rejection->line > 0)
    where = g_strdup_printf (_("Line %u"), rejection->line);
  else
    where = g_strdup (_("End of file"));

  line_label = gtk_label_new (where);
  gtk_label_set_xalign (GTK_LABEL (line_label), 0.0f);
  gtk_label_set_width_chars (GTK_LABEL (line_label), 10);
  gtk_widget_set_valign (line_label, GTK_ALIGN_START);
  gtk_widget_add_css_class (line_label, "numeric");
  gtk_widget_add_css_class (line_label, "dim-label");

  reason_label = gtk_label_new (rejection->reason);
  gtk_label_set_xalign (GTK_LABEL (reason_label), 0.0f);
  gtk_label_set_wrap (GTK_LABEL (reason_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (reason_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (reason_label), TRUE);
  gtk_widget_set_hexpand (reason_label, TRUE);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_box_append (GTK_BOX (box), line_label);
  gtk_box_append (GTK_BOX (box), reason_label);
  gtk_list_box_append (self->rejections_list, box);
}

static void
show_result (KlImportWizard *self,
             ImportJob      *job)
{
  guint n_rejected = job->rejections != NULL ? job->rejections->len : 0;
  g_autofree char *added = NULL;
  g_autofree char *existing = NULL;
  g_autofree char *rejected = NULL;

  if (job->kind == KL_IMPORT_KIND_PRODUCTS)
    {
      added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u product added to the price list",
                                            "%u products added to the price list", job->n_added),
                               job->n_added);
      existing = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u product already in the price list, updated",
                                               "%u products already in the price list, updated",
                                               job->n_existing),
                                  job->n_existing);
    }
  else
    {
      added = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u client imported", "%u clients imported",
                                            job->n_added),
                               job->n_added);
      existing = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u client already present, not imported again",
                                               "%u clients already present, not imported again",
                                               job->n_existing),
                                  job->n_existing);
    }
  if (n_rejected > 0)
    rejected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u line rejected:", "%u lines rejected:",
                                             n_rejected),
                                n_rejected);
  else
    rejected = g_strdup (_("No line was rejected."));

  gtk_label_set_label (self->added_label, added);
  gtk_label_set_label (self->existing_label, existing);
  gtk_widget_set_visible (GTK_WIDGET (self->existing_label), job->n_existing > 0);
  show_ignored (self->ignored_result_label, job->ignored);
  gtk_label_set_label (self->rejected_label, rejected);

  remove_children (GTK_WIDGET (self->rejections_list));
  for (guint i = 0; i < n_rejected; i++)
    add_rejection_row (self, g_ptr_array_index (job->rejections, i));
  gtk_widget_set_visible (self->rejections_window, n_rejected > 0);

  show_step (self, "result");
}

/* The worker */

typedef struct {
  KlImportWizard *wizard;
  double          fraction;
} Progress;

static gboolean
show_progress (gpointer data)
{
  Progress *progress = data;

  if (progress->wizard->progress_bar != NULL)
    gtk_progress_bar_set_fraction (progress->wizard->progress_bar, progress->fraction);

  return G_SOURCE_REMOVE;
}

static void
free_progress (gpointer data)
{
  Progress *progress = data;

  g_object_unref (progress->wizard);
  g_free (progress);
}

/* In the worker thread. */
static void
report_progress (double   fraction,
                 gpointer user_data)
{
  GTask *task = user_data;
  Progress *progress = g_new0 (Progress, 1);

  progress->wizard = g_object_ref (g_task_get_source_object (task));
  progress->fraction = fraction;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                              show_progress, progress, free_progress);
}

static void
run_import (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(KlSession) session = NULL;
  g_autoptr(KlImport) import = NULL;
  g_autoptr(GError) error = NULL;

  /* A connection of the worker's own: the window keeps reading on its
   * connection meanwhile (WAL), and a busy timeout waits out its writes. */
  session = kl_session_open (job->path, &error);
  if (session != NULL)
    import = kl_import_new_for_kind (session, job->kind, job->contents, job->encoding, job->separator, &error);
  if (import == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint column = 0; column < kl_import_get_n_columns (import); column++)
    kl_import_set_mapping (import, column, NULL);
  for (guint column = 0; job->mapping[column] != NULL && column < kl_import_get_n_columns (import); column++)
    if (job->mapping[column][0] != '\0')
      kl_import_set_mapping (import, column, job->mapping[column]);

  if (!kl_import_run (import, cancellable, report_progress, task,
                      &job->n_added, &job->n_existing, &job->rejections, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
on_import_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  KlImportWizard *self = KL_IMPORT_WIZARD (object);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean done = g_task_propagate_boolean (G_TASK (result), &error);

  self->running = FALSE;
  g_clear_object (&self->cancellable);

  /* The window's lists read again, whether or not this one is still open;
   * a large import's clients then go into the search index, in the
   * background (they are found meanwhile, more slowly). */
  if (done)
    {
      kl_store_emit_changed_many (job->store);
      if (job->kind == KL_IMPORT_KIND_CLIENTS)
        kl_session_update_search_index_in_background (self->session);
    }

  /* Closed meanwhile. */
  if (self->stack == NULL)
    return;

  if (done)
    {
      show_result (self, job);
      return;
    }

  show_step (self, "mapping");
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("Import failed: %s", error->message);
      show_toast (self, error->message);
    }
}

/* Callbacks */

static void
on_format_dropdown_notify_selected_cb (KlImportWizard *self,
                                       GParamSpec     *pspec,
                                       GtkDropDown    *dropdown)
{
  guint encoding_row = gtk_drop_down_get_selected (self->encoding_dropdown);
  guint separator_row = gtk_drop_down_get_selected (self->separator_dropdown);

  if (self->syncing || self->contents == NULL)
    return;
  if (encoding_row >= self->encoding_values->len || separator_row >= self->separator_values->len)
    return;

  load_import (self, g_ptr_array_index (self->encoding_values, encoding_row),
               g_array_index (self->separator_values, gunichar, separator_row));
}

static void
on_mapping_dropdown_notify_selected_cb (KlImportWizard *self,
                                        GParamSpec     *pspec,
                                        GtkDropDown    *dropdown)
{
  const char * const *targets = kl_import_list_targets (self->import);
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "column"));
  guint row = gtk_drop_down_get_selected (dropdown);

  if (self->syncing || self->import == NULL)
    return;

  kl_import_set_mapping (self->import, column,
                         row > 0 && row != GTK_INVALID_LIST_POSITION ? targets[row - 1] : NULL);
  /* A field feeds from one column: another column that had it lets go. */
  sync_mapping_dropdowns (self);
}

static void
on_chooser_response_cb (KlImportWizard       *self,
                        int                   response,
                        GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        kl_import_wizard_set_file (self, file);
    }

  g_clear_object (&self->chooser);
}

/* Actions */

static void
choose_file_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KlImportWizard *self = KL_IMPORT_WIZARD (widget);
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser != NULL)
    return;

  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.CSV");
  gtk_file_filter_add_pattern (csv, "*.txt");
  gtk_file_filter_add_pattern (csv, "*.TXT");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");

  self->chooser = gtk_file_chooser_native_new (_("Choose a CSV File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), csv);
  g_signal_connect_object (self->chooser, "response",
                           G_CALLBACK (on_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KlImportWizard *self = KL_IMPORT_WIZARD (widget);

  show_step (self, "file");
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KlImportWizard *self = KL_IMPORT_WIZARD (widget);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GStrvBuilder) mapping = g_strv_builder_new ();
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GError) error = NULL;
  ImportJob *job;
  guint n_columns;

  if (self->import == NULL || self->running)
    return;

  n_columns = kl_import_get_n_columns (self->import);
  for (guint column = 0; column < n_columns; column++)
    {
      const char *target = kl_import_get_mapping (self->import, column);

      g_strv_builder_add (mapping, target != NULL ? target : "");
    }
  /* A column the kind needs is not chosen (the client's name; the
   * product's code and name). */
  first = kl_import_check_first (self->import, 1, &error);
  if (first == NULL && g_error_matches (error, KL_IMPORT_ERROR, KL_IMPORT_ERROR_NO_NAME))
    {
      if (self->kind == KL_IMPORT_KIND_PRODUCTS)
        show_toast (self, _("Choose the columns that hold the product’s code and name."));
      else
        {
          g_autofree char *message = g_strdup_printf (_("Choose the column that holds the client’s name (%s)."),
                                                      kl_import_get_target_label ("name"));

          show_toast (self, message);
        }
      return;
    }

  job = g_new0 (ImportJob, 1);
  job->path = g_strdup (kl_database_get_path (kl_session_get_database (self->session)));
  job->kind = self->kind;
  job->contents = g_bytes_ref (self->contents);
  job->encoding = g_strdup (kl_import_get_encoding (self->import));
  job->separator = kl_import_get_separator (self->import);
  job->mapping = g_strv_builder_end (mapping);
  job->store = g_object_ref (kl_session_get_store (self->session, self->kind == KL_IMPORT_KIND_PRODUCTS
                                                                    ? KL_TYPE_PRODUCT : KL_TYPE_CLIENT));
  job->ignored = describe_ignored (self->import);

  self->running = TRUE;
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  show_step (self, "progress");

  task = g_task_new (self, self->cancellable, on_import_done_cb, NULL);
  g_task_set_source_tag (task, import_action);
  g_task_set_task_data (task, job, (GDestroyNotify)import_job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, run_import);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KlImportWizard *self = KL_IMPORT_WIZARD (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* Overrides */

static gboolean
kl_import_wizard_close_request (GtkWindow *window)
{
  KlImportWizard *self = KL_IMPORT_WIZARD (window);

  /* A running import stops and writes nothing. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (kl_import_wizard_parent_class)->close_request (window);
}

/* The template's words are the clients'; the price list's replace them. */
static void
kl_import_wizard_constructed (GObject *object)
{
  KlImportWizard *self = KL_IMPORT_WIZARD (object);

  G_OBJECT_CLASS (kl_import_wizard_parent_class)->constructed (object);

  if (self->kind != KL_IMPORT_KIND_PRODUCTS)
    return;
  gtk_window_set_title (GTK_WINDOW (self), _("Import the Price List"));
  adw_window_title_set_title (self->window_title, _("Import the Price List"));
  adw_status_page_set_title (self->file_page, _("Import the Price List from a Spreadsheet"));
  adw_status_page_set_description (self->file_page,
                                   _("Choose a CSV file saved from Excel or LibreOffice Calc. Its first line "
                                     "should name the columns, for example Code, Name, Unit, Price, Currency, "
                                     "VAT. A code already in the price list updates that product."));
  gtk_label_set_label (self->mapping_hint_label,
                       _("Choose the product field each column fills. Columns set to “Ignore” are not "
                         "imported. The first rows of the file are shown below."));
  gtk_label_set_label (self->progress_label, _("Importing the price list…"));
}

static void
kl_import_wizard_dispose (GObject *object)
{
  KlImportWizard *self = KL_IMPORT_WIZARD (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->import);
  g_clear_object (&self->file);
  g_clear_pointer (&self->contents, g_bytes_unref);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (self), KL_TYPE_IMPORT_WIZARD);

  G_OBJECT_CLASS (kl_import_wizard_parent_class)->dispose (object);
}

static void
kl_import_wizard_finalize (GObject *object)
{
  KlImportWizard *self = KL_IMPORT_WIZARD (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->mapping_dropdowns, g_ptr_array_unref);
  g_clear_pointer (&self->encoding_values, g_ptr_array_unref);
  g_clear_pointer (&self->separator_values, g_array_unref);

  G_OBJECT_CLASS (kl_import_wizard_parent_class)->finalize (object);
}

static void
kl_import_wizard_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KlImportWizard *self = KL_IMPORT_WIZARD (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_import_wizard_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KlImportWizard *self = KL_IMPORT_WIZARD (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      self->session = g_value_dup_object (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kl_import_wizard_class_init (KlImportWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = kl_import_wizard_constructed;
  object_class->dispose = kl_import_wizard_dispose;
  object_class->finalize = kl_import_wizard_finalize;
  object_class->get_property = kl_import_wizard_get_property;
  object_class->set_property = kl_import_wizard_set_property;

  window_class->close_request = kl_import_wizard_close_request;

  /**
   * KlImportWizard:session:
   *
   * The session the clients (products) are imported into.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         KL_TYPE_SESSION,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * KlImportWizard:kind:
   *
   * What the file's lines become: a KlImportKind, clients or the price
   * list's products.
   */
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL,
                      KL_IMPORT_KIND_CLIENTS, KL_IMPORT_KIND_PRODUCTS, KL_IMPORT_KIND_CLIENTS,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "wizard.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "wizard.cancel", NULL, cancel_action);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/ui/common/kl-import-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, KlImportWizard, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KlImportWizard, window_title);
  gtk_widget_class_bind_template_child (widget_class, KlImportWizard, file_page);
  gtk_widget_class_bind_template_child (widget_class, KlImportWizard, mapping_hint_label);
  gtk_widget_class_bind_template_child (widget_class, KlImportWizard, problems_label);
  gtk_widget_class_bind_template_child (widget_class, KlImportWizard, progress_label);
  gtk_widget_class_bind_template_child (widget_class, KlImportWizard, ignored_label);
  gtk_widget_class_bind_template_child (widget_class, KlImportWizard, ignored_result_label);
  gtk_widget_class_bind_template_child (widget_class, KlImportWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, KlImportWizard, import_button);
  gtk_widget_class_bind_template_child (widget_class, KlImportWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, KlImportWizard, encoding_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlImportWizard, separator_dropdown);
  gtk_widget_class_bind_template_child (widget_class, KlImportWizard, error_label);
  gtk_widget_class_bind_template_child (widget_class, KlImportWizard, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, KlImportWizard, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KlImportWizard, added_label);
  gtk_widget_class_bind_template_child (widget_class, KlImportWizard, existing_label);
  gtk_widget_class_bind_template_child (widget_class, KlImportWizard, rejected_label);
  gtk_widget_class_bind_template_child (widget_class, KlImportWizard, rejections_window);
  gtk_widget_class_bind_template_child (widget_class, KlImportWizard, rejections_list);
  gtk_widget_class_bind_template_callback (widget_class, on_format_dropdown_notify_selected_cb);
}

static void
kl_import_wizard_init (KlImportWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->mapping_dropdowns = g_ptr_array_new ();
  self->encoding_values = g_ptr_array_new_with_free_func (g_free);
  self->separator_values = g_array_new (FALSE, FALSE, sizeof (gunichar));
  show_step (self, "file");
}

/* Public API */

KlImportWizard *
kl_import_wizard_new (KlSession *session)
{
  return kl_import_wizard_new_for_kind (session, KL_IMPORT_KIND_CLIENTS);
}

/* A wizard importing @kind: clients, or the price list's products. */
KlImportWizard *
kl_import_wizard_new_for_kind (KlSession    *session,
                               KlImportKind  kind)
{
  g_return_val_if_fail (KL_IS_SESSION (session), NULL);

  return g_object_new (KL_TYPE_IMPORT_WIZARD, "session", session, "kind", kind, NULL);
}

/**
 * kl_import_wizard_set_file:
 *
 * Reads @file, detects its encoding and separator and shows the mapping
 * step; what the file chooser does with the file picked. A file that
 * cannot be read leaves the wizard on the first step with a message.
 */
void
kl_import_wizard_set_file (KlImportWizard *self,
                           GFile          *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) contents = NULL;
  g_autofree char *basename = NULL;

  g_return_if_fail (KL_IS_IMPORT_WIZARD (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!self->running);

  contents = g_file_load_bytes (file, NULL, NULL, &error);
  if (contents == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not read the file: %s"), error->message);

      g_debug ("%s", message);
      show_toast (self, message);
      show_step (self, "file");
      return;
    }

  g_set_object (&self->file, file);
  g_clear_pointer (&self->contents, g_bytes_unref);
  self->contents = g_steal_pointer (&contents);

  basename = g_file_get_basename (file);
  adw_window_title_set_subtitle (self->window_title, basename);
  load_import (self, NULL, 0);
}
