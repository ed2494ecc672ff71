#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Opens a director's workbook with LibreOffice Calc, headless, and saves
every sheet as CSV with the cells' values (not as shown): the file loads,
every sheet is there, the number cells come back as numbers and the
identifiers as the text they were (leading zeros and all).

  check-workbook-libreoffice.py DATABASE XLSX LANG"""

import csv
import glob
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from importlib import import_module

SHEETS = import_module('check-workbook').SHEETS


def number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def main():
    database, xlsx, lang = sys.argv[1:4]
    soffice = shutil.which('soffice') or shutil.which('libreoffice')
    if soffice is None:
        print('soffice is not installed (package libreoffice-calc-nogui)', file=sys.stderr)
        return 77
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        # Field separator, quote, UTF-8, first line, no column types, US
        # English, …, values not as shown, no formulas, …, every sheet.
        filter_ = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1'
        run = subprocess.run([soffice, f'-env:UserInstallation=file://{tmp}/profile', '--headless',
                              '--norestore', '--convert-to', filter_, '--outdir', tmp, xlsx],
                             capture_output=True, text=True, timeout=180)
        base = os.path.splitext(os.path.basename(xlsx))[0]
        sheets = {}
        for name in SHEETS[lang]:
            path = os.path.join(tmp, f'{base}-{name}.csv')
            if not os.path.exists(path):
                failures.append(f'LibreOffice wrote no sheet {name}: {run.stdout} {run.stderr} '
                                f'{sorted(glob.glob(tmp + "/*"))}')
                continue
            with open(path, encoding='utf-8') as f:
                sheets[name] = list(csv.reader(f))
        if failures:
            print('\n'.join(failures), file=sys.stderr)
            return 1

    db = sqlite3.connect(database)
    clients = sheets[SHEETS[lang][1]]
    rows = []
    for row in clients[1:]:
        if not row or not row[0]:
            break
        rows.append(row)
    n = db.execute('SELECT count(*) FROM clients').fetchone()[0]
    if len(rows) != n:
        failures.append(f'Clients: {len(rows)} rows, the database has {n}')
    for i, row in enumerate(rows):
        # credit limit, payment terms, open pipeline, overdue debt
        for col in (14, 16, 20, 21):
            if not number(row[col]):
                failures.append(f'Clients row {i + 2} column {col + 1}: “{row[col]}” is not a number')
    tax_ids = {row[3] for row in rows}
    for tax_id, in db.execute("SELECT tax_id FROM clients WHERE tax_id LIKE '0%'"):
        if tax_id not in tax_ids:
            failures.append(f'Clients: the tax ID {tax_id} lost its leading zero')
    postal = {row[5] for row in rows}
    for code, in db.execute("SELECT postal_code FROM clients WHERE postal_code LIKE '0%'"):
        if code not in postal:
            failures.append(f'Clients: the postal code {code} lost its leading zero')

    # The pipeline's amounts and the totals below it
    pipeline = sheets[SHEETS[lang][2]]
    totals = [row for row in pipeline if row and row[0].split(' ')[0] in ('Total', 'Ukupno', 'Итого')]
    if not totals:
        failures.append('Pipeline: no total rows')
    for row in totals:
        if not number(row[3]) or not number(row[6]):
            failures.append(f'Pipeline: the total {row[:7]} is not a number')
    for i, row in enumerate(pipeline[1:50]):
        if row and row[0] and not number(row[3]):
            failures.append(f'Pipeline row {i + 2}: amount “{row[3]}” is not a number')

    if failures:
        print('\n'.join(failures[:40]), file=sys.stderr)
        return 1
    print('ok')
    return 0


if __name__ == '__main__':
    sys.exit(main())
