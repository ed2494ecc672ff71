/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-price-list-import.h"

#include <string.h>

#include "kl-csv.h"
#include "kl-entities.h"
#include "kl-price-list.h"
#include "kl-text.h"
#include "kl-validation.h"

typedef enum {
  COL_CODE,
  COL_NAME,
  COL_UNIT,
  COL_PRICE,
  COL_CURRENCY,
  COL_VAT,
  COL_TIERS,
  N_COLS
} Column;

/* Headers as offices write them, per column; the product field labels and
 * their translations are matched as well. */
static const char * const header_names[N_COLS][12] = {
  [COL_CODE] = { "Code", "Product code", "SKU", "Article", "Šifra", "Šifra artikla",
                 "Šifra proizvoda", "Код", "Артикул", "Код товара", NULL },
  [COL_NAME] = { "Name", "Product", "Description", "Naziv", "Naziv artikla", "Proizvod",
                 "Opis", "Наименование", "Название", "Товар", "Номенклатура", NULL },
  [COL_UNIT] = { "Unit", "UoM", "Unit of measure", "Jedinica mjere", "JM", "J.mj.",
                 "Jed. mj.", "Ед. изм.", "Единица измерения", "Ед.", NULL },
  [COL_PRICE] = { "Price", "Unit price", "List price", "Cijena", "Jedinična cijena",
                  "Cijena bez PDV-a", "Цена", "Цена без НДС", "Стоимость", NULL },
  [COL_CURRENCY] = { "Currency", "Valuta", "Валюта", NULL },
  [COL_VAT] = { "VAT", "VAT rate", "VAT %", "PDV", "Stopa PDV-a", "PDV %", "НДС",
                "Ставка НДС", "НДС %", NULL },
  [COL_TIERS] = { "Tiers", "Quantity tiers", "Quantity discounts", "Količinski popusti",
                  "Popusti na količinu", "Rabati", "Скидки за количество", "Скидки от количества",
                  "Скидки", NULL },
};

/* The product fields, per column; the tiers are a table of their own. */
static const char * const column_fields[N_COLS] = {
  "code", "name", "unit", "price", "currency", "vat_rate_bp", NULL,
};

/* What a file column can be mapped to (KlImport's targets), in the order
 * of the product form, NULL-terminated. */
static const char * const targets[N_COLS + 1] = {
  "code", "name", "unit", "price", "currency", "vat_rate_bp", "tiers", NULL,
};

static int
match_header (const char *header)
{
  g_autofree char *folded = kl_import_fold_header (header);
  KlEntityClass *klass = g_type_class_ref (KL_TYPE_PRODUCT);
  int found = -1;

  for (int c = 0; c < N_COLS && found < 0; c++)
    {
      const KlField *field = column_fields[c] != NULL ? kl_entity_class_find_field (klass, column_fields[c], NULL)
                                                      : NULL;
      const char *labels[] = { field != NULL ? field->label : NULL, field != NULL ? _(field->label) : NULL };

      for (guint i = 0; found < 0 && header_names[c][i] != NULL; i++)
        {
          g_autofree char *name = kl_import_fold_header (header_names[c][i]);

          if (strcmp (name, folded) == 0)
            found = c;
        }
      for (guint i = 0; found < 0 && labels[0] != NULL && i < G_N_ELEMENTS (labels); i++)
        {
          g_autofree char *name = kl_import_fold_header (labels[i]);

          if (strcmp (name, folded) == 0)
            found = c;
        }
    }
  g_type_class_unref (klass);

  return found;
}

/* "25", "25 %", "25%", "5,5", "5.5" → basis points */
static gboolean
parse_vat (const char *text,
           gint64     *bp)
{
  g_autofree char *copy = g_strdup (text);
  char *end;
  double value;

  g_strdelimit (copy, ",", '.');
  value = g_ascii_strtod (copy, &end);
  while (*end == ' ' || *end == '%')
    end++;
  if (end == copy || *end != '\0' || !(value >= 0 && value <= 100))
    return FALSE;

  *bp = (gint64) (value * 100 + 0.5);
  return TRUE;
}

/* Quantity tiers as "10: 3; 50: 5 %" (from quantity: discount in
 * percent), checked by kl_price_tiers_validate(); an empty cell is no
 * tiers. A GArray of KlPriceTierStep, or NULL with @error set. */
static GArray *
parse_tiers (const char  *text,
             GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ";", -1);
  g_autoptr(GArray) tiers = g_array_new (FALSE, FALSE, sizeof (KlPriceTierStep));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) pair = NULL;
      KlPriceTierStep step;
      guint64 quantity;
      gint64 bp;

      if (kl_text_is_blank (parts[i]))
        continue;
      pair = g_strsplit (parts[i], ":", 2);
      if (pair[1] == NULL
          || !g_ascii_string_to_unsigned (g_strstrip (pair[0]), 10, 1, G_MAXINT32, &quantity, NULL)
          || !parse_vat (g_strstrip (pair[1]), &bp))
        {
          g_set_error_literal (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID,
                               _("Write each tier as the quantity it starts from and its discount in percent, "
                                 "separated by semicolons, e.g. 10: 3; 50: 5."));
          return NULL;
        }
      step.min_quantity = (gint64) quantity;
      step.discount_bp = (int) bp;
      g_array_append_val (tiers, step);
    }
  if (!kl_price_tiers_validate ((KlPriceTierStep *) tiers->data, tiers->len, NULL, error))
    return NULL;
  return g_steal_pointer (&tiers);
}

static void
tiers_free (gpointer tiers)
{
  if (tiers != NULL)
    g_array_unref (tiers);
}

static gboolean
is_blank_record (char  **fields,
                 guint   n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    if (!kl_text_is_blank (fields[i]))
      return FALSE;
  return TRUE;
}

static void
reject (GPtrArray  *rejections,
        guint       line,
        const char *label,
        const char *message)
{
  KlImportRejection *rejection = g_new0 (KlImportRejection, 1);

  rejection->line = line;
  rejection->reason = label != NULL ? g_strdup_printf ("%s: %s", label, message)
                                    : g_strdup (message);
  g_ptr_array_add (rejections, rejection);
}

/* The product of this code, to update, or a new one. */
static KlEntity *
product_for_code (KlSession  *session,
                  const char *code)
{
  KlDatabase *database = kl_session_get_database (session);
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (database,
                                                      "SELECT id FROM products WHERE code = ?1", NULL);
  gint64 id = 0;

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        id = sqlite3_column_int64 (stmt, 0);
    }
  if (id != 0)
    {
      KlEntity *product = kl_store_get (kl_session_get_store (session, KL_TYPE_PRODUCT), id, NULL);

      if (product != NULL)
        return product;
    }

  return kl_session_new_entity (session, KL_TYPE_PRODUCT);
}

/* Fills @product from the line; FALSE with a rejection when a cell is
 * wrong. */
static gboolean
read_line (KlEntity   *product,
           const int  *columns,
           char      **fields,
           guint       n_fields,
           guint       line,
           GPtrArray  *rejections,
           GArray    **tiers)
{
  KlEntityClass *klass = KL_ENTITY_GET_CLASS (product);

  for (int c = 0; c < N_COLS; c++)
    {
      const KlField *field;
      char *cell;

      if (columns[c] < 0 || (guint) columns[c] >= n_fields)
        continue;
      cell = kl_import_unwrap_formula (kl_import_trim (fields[columns[c]]));
      if (*cell == '\0')
        continue;
      if (c == COL_TIERS)
        {
          g_autoptr(GError) error = NULL;

          *tiers = parse_tiers (cell, &error);
          if (*tiers == NULL)
            {
              reject (rejections, line, _("Quantity tiers"), error->message);
              return FALSE;
            }
          continue;
        }
      field = kl_entity_class_find_field (klass, column_fields[c], NULL);

      if (c == COL_PRICE)
        {
          g_autoptr(GError) error = NULL;
          gint64 price;

          if (!kl_parse_money (cell, &price, &error))
            {
              reject (rejections, line, _(field->label), error->message);
              return FALSE;
            }
          kl_entity_set_number (product, "price", price);
        }
      else if (c == COL_VAT)
        {
          gint64 bp;

          if (!parse_vat (cell, &bp))
            {
              reject (rejections, line, _(field->label),
                      _("Write the VAT rate as a percentage from 0 to 100, e.g. 25 or 5,5."));
              return FALSE;
            }
          kl_entity_set_number (product, "vat_rate_bp", bp);
        }
      else if (c == COL_CURRENCY)
        {
          g_autofree char *upper = g_ascii_strup (cell, -1);

          kl_entity_set_text (product, "currency", upper);
        }
      else
        kl_entity_set_text (product, column_fields[c], cell);
    }

  {
    g_autoptr(GError) error = NULL;

    if (!kl_entity_validate (product, NULL, &error))
      {
        reject (rejections, line, NULL, error->message);
        g_clear_pointer (tiers, g_array_unref);
        return FALSE;
      }
  }

  return TRUE;
}

/**
 * kl_price_list_import_get_targets:
 *
 * Returns: the columns a file column can be mapped to: "code", "name",
 *   "unit", "price", "currency", "vat_rate_bp", "tiers"; NULL-terminated
 */
const char * const *
kl_price_list_import_get_targets (void)
{
  return targets;
}

static int
target_column (const char *target)
{
  for (int c = 0; c < N_COLS; c++)
    if (g_strcmp0 (targets[c], target) == 0)
      return c;
  return -1;
}

/* Returns: the translated label of @target, e.g. "Price" */
const char *
kl_price_list_import_get_target_label (const char *target)
{
  int c = target_column (target);
  KlEntityClass *klass;
  const KlField *field;
  const char *label;

  g_return_val_if_fail (c >= 0, NULL);

  if (c == COL_TIERS)
    return _("Quantity tiers");
  klass = g_type_class_ref (KL_TYPE_PRODUCT);
  field = kl_entity_class_find_field (klass, column_fields[c], NULL);
  label = _(field->label);
  g_type_class_unref (klass);
  return label;
}

/* Returns: (nullable): the target a header names, as header_names and the
 *   field labels have it, or NULL */
const char *
kl_price_list_import_guess_target (const char *header)
{
  int c;

  g_return_val_if_fail (header != NULL, NULL);

  c = match_header (header);
  return c >= 0 ? targets[c] : NULL;
}

/**
 * kl_price_list_import_read:
 * @reader: at the first record after the header
 * @mapping: per file column, one of kl_price_list_import_get_targets() or
 *   %NULL (ignored)
 * @max_records: read no more data records than this; 0 for all
 * @write: write the products, or only check the lines
 * @n_added: (out) (optional): products added (or that would be)
 * @n_updated: (out) (optional): products whose code was there, updated
 * @rejections: (out) (optional) (transfer full) (element-type KlImportRejection):
 *   the lines not imported, in file order
 *
 * The price-list import of KlImport: reads the lines, checks them and,
 * with @write, writes the valid ones in one transaction. Rejected lines
 * do not make it fail.
 *
 * Returns: FALSE when no column is mapped to the code or the name
 *   (KL_IMPORT_ERROR_NO_NAME), the file cannot be read further, or writing
 *   failed; then nothing is written.
 */
gboolean
kl_price_list_import_read (KlSession           *session,
                           KlCsvReader         *reader,
                           const char * const  *mapping,
                           guint                n_columns,
                           guint                max_records,
                           gboolean             write,
                           guint               *n_added,
                           guint               *n_updated,
                           GPtrArray          **rejections,
                           GError             **error)
{
  g_autoptr(GPtrArray) rejected = g_ptr_array_new_with_free_func ((GDestroyNotify) kl_import_rejection_free);
  g_autoptr(GPtrArray) products = g_ptr_array_new_with_free_func (g_object_unref);
  /* Each product's tiers from the file, NULL when its line gave none. */
  g_autoptr(GPtrArray) product_tiers = g_ptr_array_new_with_free_func (tiers_free);
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int columns[N_COLS];
  char **fields = NULL;
  guint n_fields = 0, line = 0, added = 0, updated = 0, n_records = 0;
  g_autoptr(GError) local_error = NULL;
  KlDatabase *database;
  KlStore *store;
  gboolean ok = TRUE;

  g_return_val_if_fail (KL_IS_SESSION (session), FALSE);
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (mapping != NULL || n_columns == 0, FALSE);

  for (int c = 0; c < N_COLS; c++)
    columns[c] = -1;
  for (guint i = 0; i < n_columns; i++)
    {
      int c = mapping[i] != NULL ? target_column (mapping[i]) : -1;

      if (c >= 0 && columns[c] < 0)
        columns[c] = i;
    }
  if (columns[COL_CODE] < 0 || columns[COL_NAME] < 0)
    {
      g_set_error_literal (error, KL_IMPORT_ERROR, KL_IMPORT_ERROR_NO_NAME,
                           _("The first line must name at least the code and the name of each product: "
                             "Code and Name (or Šifra and Naziv, Код and Наименование)."));
      return FALSE;
    }

  while ((max_records == 0 || n_records < max_records)
         && kl_csv_reader_next (reader, &fields, &n_fields, &line, &local_error))
    {
      g_autoptr(KlEntity) product = NULL;
      g_autoptr(GArray) tiers = NULL;
      char *code;

      if (is_blank_record (fields, n_fields))
        continue;
      n_records++;
      if ((guint) columns[COL_CODE] >= n_fields
          || *(code = kl_import_unwrap_formula (kl_import_trim (fields[columns[COL_CODE]]))) == '\0')
        {
          reject (rejected, line, _("Code"), _("A value is required."));
          continue;
        }
      if (g_hash_table_contains (codes, code))
        {
          g_autofree char *message = g_strdup_printf (_("The code “%1$s” is already on line %2$u."),
                                                      code, GPOINTER_TO_UINT (g_hash_table_lookup (codes, code)));
          reject (rejected, line, _("Code"), message);
          continue;
        }
      g_hash_table_insert (codes, g_strdup (code), GUINT_TO_POINTER (line));

      product = product_for_code (session, code);
      if (read_line (product, columns, fields, n_fields, line, rejected, &tiers))
        {
          if (kl_entity_get_id (product) == 0)
            added++;
          else
            updated++;
          g_ptr_array_add (products, g_steal_pointer (&product));
          g_ptr_array_add (product_tiers, g_steal_pointer (&tiers));
        }
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (write)
    {
      database = kl_session_get_database (session);
      store = kl_session_get_store (session, KL_TYPE_PRODUCT);
      if (!kl_database_begin (database, error))
        return FALSE;
      kl_store_begin_batch (store);
      for (guint i = 0; ok && i < products->len; i++)
        {
          KlEntity *product = products->pdata[i];
          GArray *tiers = product_tiers->pdata[i];

          /* With a tiers cell, the product and its tiers together. */
          if (tiers != NULL)
            ok = kl_product_save (session, KL_PRODUCT (product), (KlPriceTierStep *) tiers->data, tiers->len,
                                  error) > 0;
          else if (kl_entity_get_id (product) == 0)
            ok = kl_store_insert (store, product, error);
          else
            ok = kl_store_update (store, product, error);
        }
      ok = ok && kl_database_commit (database, error);
      if (!ok)
        kl_database_rollback (database);
      kl_store_end_batch (store);
      if (!ok)
        return FALSE;
    }

  if (n_added != NULL)
    *n_added = added;
  if (n_updated != NULL)
    *n_updated = updated;
  if (rejections != NULL)
    *rejections = g_steal_pointer (&rejected);
  return TRUE;
}

/**
 * kl_price_list_import:
 * @contents: the file's bytes
 * @encoding: (nullable): its encoding, or %NULL to detect it
 * @separator: its separator, or 0 to detect it
 * @n_added: (out) (optional): products added
 * @n_updated: (out) (optional): products whose code was there, updated
 * @rejections: (out) (optional) (transfer full) (element-type KlImportRejection):
 *   the lines not imported
 *
 * The whole file with the columns its header names: a KlImport of
 * %KL_IMPORT_KIND_PRODUCTS, run.
 *
 * Returns: FALSE when the file cannot be read, its header names no code or
 *   no name column (KL_IMPORT_ERROR_NO_HEADER / _NO_NAME), or writing
 *   failed; then nothing is written. Rejected lines do not make it fail.
 */
gboolean
kl_price_list_import (KlSession   *session,
                      GBytes      *contents,
                      const char  *encoding,
                      gunichar     separator,
                      guint       *n_added,
                      guint       *n_updated,
                      GPtrArray  **rejections,
                      GError     **error)
{
  g_autoptr(KlImport) import = NULL;

  g_return_val_if_fail (KL_IS_SESSION (session), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  import = kl_import_new_for_kind (session, KL_IMPORT_KIND_PRODUCTS, contents, encoding, separator, error);
  if (import == NULL)
    return FALSE;
  return kl_import_run (import, NULL, NULL, NULL, n_added, n_updated, rejections, error);
}
