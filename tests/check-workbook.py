#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads a director's workbook back with openpyxl and checks it against the
database it was made from, as a reader of the file would: sheet names in
the language, one row per database row, totals equal to the database's,
typed cells and their number formats, charts, print setup.

  check-workbook.py DATABASE XLSX LANG [--from DATE] [--to DATE]
                    [--manager ID] [--image] [--clients ID,ID,...]
                    [--deals ID,ID,...] [--contracts ID,ID,...]

--clients, --deals and --contracts: an exported list, whose one sheet must
hold exactly these rows in this order.

The expected numbers come from SQL written here, not from the model.
Exits non-zero with the first difference on standard error."""

import argparse
import datetime
import sqlite3
import sys

import openpyxl

SHEETS = {
    'en': ['Summary', 'Clients', 'Pipeline', 'Forecast', 'Contracts', 'Receivables',
           'Complaints', 'Activities'],
    'hr': ['Sažetak', 'Klijenti', 'Prilike', 'Prognoza', 'Ugovori', 'Potraživanja',
           'Reklamacije', 'Aktivnosti'],
    'ru': ['Сводка', 'Клиенты', 'Сделки', 'Прогноз', 'Договоры', 'Дебиторская задолженность',
           'Претензии', 'Активности'],
}
DATE_FORMAT = {'en': 'yyyy-mm-dd', 'hr': 'dd.mm.yyyy.', 'ru': 'dd.mm.yyyy'}
MONTH_FORMAT = {'en': 'yyyy-mm', 'hr': 'mm.yyyy.', 'ru': 'mm.yyyy'}
TOTAL = {'en': 'Total', 'hr': 'Ukupno', 'ru': 'Итого'}
STATUS_ACTIVE = {'en': 'Active', 'hr': 'Aktivan', 'ru': 'Активный'}
NAMES = ['ClientsTable', 'PipelineTable', 'ForecastTable', 'ContractsTable', 'ReceivablesTable',
         'ComplaintsTable', 'ActivitiesTable', 'ManagersTable', 'KpiTable', 'FunnelTable']

failures = []


def fail(message):
    failures.append(message)


def check(condition, message):
    if not condition:
        fail(message)
    return condition


def close(a, b):
    return a is not None and b is not None and abs(float(a) - float(b)) < 0.005


def data_rows(ws, first=2):
    """The table's rows: from @first to the first row with nothing in column A."""
    rows = []
    r = first
    while ws.cell(row=r, column=1).value is not None:
        rows.append(r)
        r += 1
    return rows


def total_rows(ws, values, after, lang):
    """{currency code: row} of the "Total XXX" rows after row @after."""
    found = {}
    for r in range(after + 1, ws.max_row + 1):
        label = values.cell(row=r, column=1).value
        if isinstance(label, str) and label.startswith(TOTAL[lang] + ' ') and len(label) == len(TOTAL[lang]) + 4:
            found[label[-3:]] = r
    return found


def header(ws):
    return [c.value for c in ws[1]]


def col_of(ws, name_index, lang_headers):
    return lang_headers.index(name_index) + 1


def check_table_sheet(ws, name, n_cols, lang):
    check(ws.freeze_panes == 'A2', f'{name}: the header row is not frozen ({ws.freeze_panes})')
    check(ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith('A1:'),
          f'{name}: no autofilter on the header row')
    for c in range(1, n_cols + 1):
        cell = ws.cell(row=1, column=c)
        check(cell.font is not None and cell.font.b, f'{name}: header {c} is not bold')
        check(isinstance(cell.value, str) and cell.value, f'{name}: header {c} is empty')
    check(ws.page_setup.orientation == 'landscape', f'{name}: not landscape')
    check(ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage,
          f'{name}: not fitted to the page width')
    check(str(ws.page_setup.fitToHeight) == '0', f'{name}: fitted to one page high ({ws.page_setup.fitToHeight})')
    check(ws.print_title_rows == '1:1' or ws.print_title_rows == '$1:$1',
          f'{name}: the header row is not repeated on each page ({ws.print_title_rows})')
    check('&P' in (ws.oddFooter.left.text or '') and '&N' in (ws.oddFooter.left.text or ''),
          f'{name}: no page numbers in the footer')
    check(ws.oddHeader.left.text and ws.oddHeader.right.text, f'{name}: no title or period in the page header')
    for c in range(1, n_cols + 1):
        letter = openpyxl.utils.get_column_letter(c)
        dim = ws.column_dimensions.get(letter)
        check(dim is not None and dim.width and 4 <= dim.width <= 60,
              f'{name}: column {letter} has no fitted width')


def is_date(cell, lang):
    return isinstance(cell.value, datetime.datetime) and cell.number_format == DATE_FORMAT[lang]


def is_money(cell, currency):
    return isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool) and \
        f'"{currency}"' in cell.number_format and '0.00' in cell.number_format


def is_text_id(cell):
    return cell.value is None or (isinstance(cell.value, str) and cell.number_format == '@')


def summary_pictures(path):
    """(width, height, width shown in 96-dpi pixels) of each PNG drawn on
    the first sheet (openpyxl reads pictures only with PIL installed)."""
    import posixpath
    import re
    import struct
    import zipfile
    z = zipfile.ZipFile(path)
    rels = z.read('xl/worksheets/_rels/sheet1.xml.rels').decode()
    found = []
    for target in re.findall(r'Target="([^"]*drawing[^"]*)"', rels):
        drawing = posixpath.normpath(posixpath.join('xl/worksheets', target))
        xml = z.read(drawing).decode()
        drels = z.read(posixpath.join(posixpath.dirname(drawing), '_rels',
                                      posixpath.basename(drawing) + '.rels')).decode()
        targets = dict(re.findall(r'Id="([^"]+)"[^>]*Target="([^"]+)"', drels))
        for pic in re.findall(r'<xdr:pic>.*?</xdr:pic>', xml, re.S):
            rid = re.search(r'r:embed="([^"]+)"', pic).group(1)
            cx = int(re.search(r'<a:ext cx="(\d+)"', pic).group(1))
            data = z.read(posixpath.normpath(posixpath.join(posixpath.dirname(drawing), targets[rid])))
            if data[:8] != b'\x89PNG\r\n\x1a\n':
                continue
            width, height = struct.unpack('>II', data[16:24])
            found.append((width, height, cx / 9525))
    return found


def id_list(text):
    return [int(i) for i in text.split(',') if i]


def check_list_totals(ws, wv, rows, lang, name, sums):
    """@sums: currency → [(column, expected value)]: one total row each."""
    totals = total_rows(ws, wv, rows[-1] if rows else 1, lang)
    check(set(totals) == set(sums), f'{name}: total rows for {sorted(totals)}, expected {sorted(sums)}')
    for cur, cells in sums.items():
        r = totals.get(cur)
        if r is None:
            continue
        for column, value in cells:
            check(close(wv.cell(row=r, column=column).value, value), f'{name}: total {cur} of column {column}')
            check(is_money(wv.cell(row=r, column=column), cur), f'{name}: total {cur} is not money in {cur}')


def check_list(db, wb, values, names, lang, p, args):
    """An exported list of deals or contracts: its one sheet holds exactly
    the rows given, in their order, typed as the whole workbook's."""
    if args.deals is not None:
        name = names[2]
        ws, wv = wb[name], values[name]
        rows = data_rows(ws)
        ids = id_list(args.deals)
        want = [db.execute('SELECT c.name, d.title FROM deals d JOIN clients c ON c.id = d.client_id'
                           ' WHERE d.id = ?', (i,)).fetchone() for i in ids]
        got = [(ws.cell(row=r, column=1).value, ws.cell(row=r, column=2).value) for r in rows]
        check(got == want, f'{name}: the list is not the one exported: {got[:3]} … vs {want[:3]} …')
        check_table_sheet(ws, name, 11, lang)
        for r in rows:
            cur = ws.cell(row=r, column=5).value
            check(is_money(ws.cell(row=r, column=4), cur), f'{name}!D{r}: amount is not money')
            pr = ws.cell(row=r, column=6)
            check(isinstance(pr.value, (int, float)) and 0 <= pr.value <= 1 and pr.number_format == '0%',
                  f'{name}!F{r}: probability is not a percentage')
            check(is_money(ws.cell(row=r, column=7), cur), f'{name}!G{r}: weighted value is not money')
            ec = ws.cell(row=r, column=8)
            check(ec.value is None or is_date(ec, lang), f'{name}!H{r}: expected close is not a date')
        sums = {}
        for i in ids:
            cur, amount, weighted = db.execute('SELECT currency, amount, amount * probability FROM deals'
                                               ' WHERE id = ?', (i,)).fetchone()
            a, w = sums.setdefault(cur, [[4, 0], [7, 0]])
            a[1] += amount / 100
            w[1] += weighted / 10000
        check_list_totals(ws, wv, rows, lang, name, sums)
    if args.contracts is not None:
        name = names[4]
        ws, wv = wb[name], values[name]
        rows = data_rows(ws)
        ids = id_list(args.contracts)
        want = [db.execute('SELECT number FROM contracts WHERE id = ?', (i,)).fetchone()[0] for i in ids]
        got = [ws.cell(row=r, column=1).value for r in rows]
        check(got == want, f'{name}: the list is not the one exported: {got[:5]} … vs {want[:5]} …')
        check_table_sheet(ws, name, 14, lang)
        soon = {number for number, in db.execute(
            "SELECT number FROM contracts WHERE status IN ('active', 'signed')"
            " AND julianday(end_date) - julianday(:today) BETWEEN 0 AND 30", p)}
        for r in rows:
            number = ws.cell(row=r, column=1)
            check(is_text_id(number), f'{name}!A{r}: the contract number is not text')
            cur = ws.cell(row=r, column=11).value
            check(is_money(ws.cell(row=r, column=10), cur), f'{name}!J{r}: amount is not money')
            check(is_date(ws.cell(row=r, column=7), lang), f'{name}!G{r}: start is not a date')
            fill = ws.cell(row=r, column=8).fill
            highlighted = fill is not None and fill.fgColor is not None and str(fill.fgColor.rgb).upper().endswith('FFE699')
            check(highlighted == (number.value in soon), f'{name}!{r}: {number.value} highlighted={highlighted}')
        sums = {}
        for i in ids:
            cur, amount = db.execute('SELECT currency, amount FROM contracts WHERE id = ?', (i,)).fetchone()
            sums.setdefault(cur, [[10, 0]])[0][1] += amount / 100
        check_list_totals(ws, wv, rows, lang, name, sums)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('database')
    parser.add_argument('xlsx')
    parser.add_argument('lang')
    parser.add_argument('--from', dest='date_from', default='0000-01-01')
    parser.add_argument('--to', dest='date_to', default='9999-12-31')
    parser.add_argument('--manager', type=int, default=0)
    parser.add_argument('--image', action='store_true')
    parser.add_argument('--clients', default=None)
    parser.add_argument('--deals', default=None)
    parser.add_argument('--contracts', default=None)
    parser.add_argument('--sheets', default=None, help='comma-separated indexes of the sheets expected')
    parser.add_argument('--ageing', default=None,
                        help="the model's ageing (kl_receivables_ageing): CUR:b0,b1,b2,b3,b4,balance;… in minor units")
    args = parser.parse_args()
    lang = args.lang

    db = sqlite3.connect(args.database)
    today = db.execute("SELECT date('now', 'localtime')").fetchone()[0]
    m = args.manager
    p = {'from': args.date_from, 'to': args.date_to, 'm': m, 'today': today}

    wb = openpyxl.load_workbook(args.xlsx)
    values = openpyxl.load_workbook(args.xlsx, data_only=True)

    names = SHEETS[lang]
    expected = names if args.sheets is None else [names[int(i)] for i in args.sheets.split(',')]
    if not check(wb.sheetnames == expected, f'sheet names {wb.sheetnames}, expected {expected}'):
        return
    for n in wb.sheetnames:
        check(len(n) <= 31 and not any(ch in n for ch in '[]:*?/\\'), f'bad sheet name {n}')

    props = wb.properties
    check(props.title, 'no document title')
    check(props.creator, 'no document author')
    check(props.created is not None, 'no creation time')
    defined = {d.name for d in wb.defined_names.definedName}

    # Clients
    name = names[1]
    if name in wb.sheetnames:
        ws, wv = wb[name], values[name]
        rows = data_rows(ws)
        if args.clients is not None:
            ids = [int(i) for i in args.clients.split(',') if i]
            want = [db.execute('SELECT name FROM clients WHERE id = ?', (i,)).fetchone()[0] for i in ids]
            got = [ws.cell(row=r, column=1).value for r in rows]
            check(got == want, f'{name}: the list is not the one exported: {got[:5]} … vs {want[:5]} …')
        else:
            n = db.execute('SELECT count(*) FROM clients WHERE (:m = 0 OR manager_id = :m)', p).fetchone()[0]
            check(len(rows) == n, f'{name}: {len(rows)} rows, the database has {n} clients')
            check('ClientsTable' in defined, 'no defined name ClientsTable')
        check_table_sheet(ws, name, 23, lang)
        h = header(ws)
        check(len(h) == 23, f'{name}: {len(h)} columns')
        for r in rows[:300]:
            currency = ws.cell(row=r, column=16).value
            check(is_text_id(ws.cell(row=r, column=4)), f'{name}!D{r}: the tax ID is not text')
            check(is_text_id(ws.cell(row=r, column=6)), f'{name}!F{r}: the postal code is not text')
            check(is_text_id(ws.cell(row=r, column=9)), f'{name}!I{r}: the phone is not text')
            check(is_money(ws.cell(row=r, column=15), currency), f'{name}!O{r}: credit limit is not money in {currency}')
            check(isinstance(ws.cell(row=r, column=17).value, int), f'{name}!Q{r}: payment terms are not a number')
            check(is_money(ws.cell(row=r, column=21), currency), f'{name}!U{r}: open pipeline is not money')
            check(is_money(ws.cell(row=r, column=22), currency), f'{name}!V{r}: overdue debt is not money')
            check(is_date(ws.cell(row=r, column=23), lang), f'{name}!W{r}: "client since" is not a date')
            lc = ws.cell(row=r, column=19)
            check(lc.value is None or is_date(lc, lang), f'{name}!S{r}: last contact is not a date')
        # leading zeros survive
        for tax_id, in db.execute("SELECT tax_id FROM clients WHERE tax_id LIKE '0%' LIMIT 3"):
            found = any(ws.cell(row=r, column=4).value == tax_id for r in rows)
            check(found or args.clients is not None or m != 0, f'{name}: tax ID {tax_id} lost its leading zero')
        if args.clients is None:
            totals = total_rows(ws, wv, rows[-1] if rows else 1, lang)
            for cur, pipe, debt in db.execute(
                    'SELECT currency, sum(open_pipeline), sum(overdue_debt) FROM clients'
                    ' WHERE (:m = 0 OR manager_id = :m) GROUP BY currency', p):
                r = totals.get(cur)
                if check(r is not None, f'{name}: no total row for {cur}'):
                    check(close(wv.cell(row=r, column=21).value, pipe / 100), f'{name}: open pipeline total {cur}')
                    check(close(wv.cell(row=r, column=22).value, debt / 100), f'{name}: overdue debt total {cur}')
                    check(str(ws.cell(row=r, column=21).value).startswith('=SUMIF('), f'{name}: total is no formula')
                    check(is_money(wv.cell(row=r, column=22), cur), f'{name}: total {cur} is not money in {cur}')
            check(len(totals) == len(set(ws.cell(row=r, column=16).value for r in rows)),
                  f'{name}: a total adds different currencies')

    if args.deals is not None or args.contracts is not None:
        check_list(db, wb, values, names, lang, p, args)
        return
    if args.clients is not None or names[2] not in wb.sheetnames:
        return

    # Pipeline
    name = names[2]
    ws, wv = wb[name], values[name]
    rows = data_rows(ws)
    where = ("(:m = 0 OR manager_id = :m) AND (stage NOT IN ('won', 'lost') OR closed_date BETWEEN :from AND :to)")
    n = db.execute(f'SELECT count(*) FROM deals WHERE {where}', p).fetchone()[0]
    check(len(rows) == n, f'{name}: {len(rows)} rows, the database has {n} deals')
    check_table_sheet(ws, name, 11, lang)
    for r in rows[:300]:
        cur = ws.cell(row=r, column=5).value
        check(is_money(ws.cell(row=r, column=4), cur), f'{name}!D{r}: amount is not money')
        pr = ws.cell(row=r, column=6)
        check(isinstance(pr.value, (int, float)) and 0 <= pr.value <= 1 and pr.number_format == '0%',
              f'{name}!F{r}: probability is not a percentage')
        check(is_money(ws.cell(row=r, column=7), cur), f'{name}!G{r}: weighted value is not money')
        check(close(ws.cell(row=r, column=7).value, ws.cell(row=r, column=4).value * pr.value),
              f'{name}!G{r}: weighted value is not amount × probability')
        ec = ws.cell(row=r, column=8)
        check(ec.value is None or is_date(ec, lang), f'{name}!H{r}: expected close is not a date')
        check(isinstance(ws.cell(row=r, column=9).value, int), f'{name}!I{r}: days in stage is not a number')
    totals = total_rows(ws, wv, rows[-1] if rows else 1, lang)
    for cur, amount, weighted in db.execute(
            f'SELECT currency, sum(amount), sum(amount * probability) FROM deals WHERE {where} GROUP BY currency', p):
        r = totals.get(cur)
        if check(r is not None, f'{name}: no total row for {cur}'):
            check(close(wv.cell(row=r, column=4).value, amount / 100), f'{name}: amount total {cur}')
            check(close(wv.cell(row=r, column=7).value, weighted / 10000), f'{name}: weighted total {cur}')

    # Forecast
    name = names[3]
    ws, wv = wb[name], values[name]
    rows = data_rows(ws)
    where = ("stage NOT IN ('won', 'lost') AND expected_close BETWEEN :from AND :to AND (:m = 0 OR manager_id = :m)")
    months = db.execute(f'SELECT count(DISTINCT substr(expected_close, 1, 7)) FROM deals WHERE {where}', p).fetchone()[0]
    check(len(rows) == months, f'{name}: {len(rows)} months, the database has {months}')
    check_table_sheet(ws, name, 2, lang)
    for r in rows:
        c = ws.cell(row=r, column=1)
        check(isinstance(c.value, datetime.datetime) and c.number_format == MONTH_FORMAT[lang],
              f'{name}!A{r}: the month is not a date shown as a month')
    h = header(ws)
    last = rows[-1] if rows else 1
    total_row = None
    for r in range(last + 1, ws.max_row + 1):
        if ws.cell(row=r, column=1).value == TOTAL[lang]:
            total_row = r
    if check(total_row is not None, f'{name}: no total row'):
        n = db.execute(f'SELECT count(*) FROM deals WHERE {where}', p).fetchone()[0]
        check(wv.cell(row=total_row, column=2).value == n, f'{name}: {wv.cell(row=total_row, column=2).value} deals, the database has {n}')
        for cur, weighted in db.execute(f'SELECT currency, sum(amount * probability) FROM deals WHERE {where} GROUP BY currency', p):
            cols = [i + 1 for i, t in enumerate(h) if isinstance(t, str) and t.endswith(' ' + cur)]
            if check(len(cols) == 2, f'{name}: no columns for {cur}: {h}'):
                check(close(wv.cell(row=total_row, column=cols[1]).value, weighted / 10000), f'{name}: weighted total {cur}')
                check(is_money(wv.cell(row=total_row, column=cols[1]), cur), f'{name}: total {cur} not money in {cur}')
    check(len(ws._charts) >= (1 if rows else 0), f'{name}: no chart')

    # Contracts
    name = names[4]
    ws, wv = wb[name], values[name]
    rows = data_rows(ws)
    where = ('(:m = 0 OR manager_id = :m) AND start_date <= :to AND (end_date IS NULL OR end_date >= :from)')
    n = db.execute(f'SELECT count(*) FROM contracts WHERE {where}', p).fetchone()[0]
    check(len(rows) == n, f'{name}: {len(rows)} rows, the database has {n} contracts')
    check_table_sheet(ws, name, 14, lang)
    soon = {number for number, in db.execute(
        f"SELECT number FROM contracts WHERE {where} AND status IN ('active', 'signed')"
        " AND julianday(end_date) - julianday(:today) BETWEEN 0 AND 30", p)}
    seen_soon = 0
    for r in rows:
        number = ws.cell(row=r, column=1)
        check(is_text_id(number), f'{name}!A{r}: the contract number is not text')
        cur = ws.cell(row=r, column=11).value
        check(is_money(ws.cell(row=r, column=10), cur), f'{name}!J{r}: amount is not money')
        check(is_date(ws.cell(row=r, column=7), lang), f'{name}!G{r}: start is not a date')
        fill = ws.cell(row=r, column=8).fill
        highlighted = fill is not None and fill.fgColor is not None and str(fill.fgColor.rgb).upper().endswith('FFE699')
        check(highlighted == (number.value in soon),
              f'{name}!{r}: {number.value} highlighted={highlighted}, ends within 30 days={number.value in soon}')
        seen_soon += highlighted
    check(seen_soon == len(soon), f'{name}: {seen_soon} highlighted, {len(soon)} end within 30 days')

    # Receivables
    name = names[5]
    ws, wv = wb[name], values[name]
    rows = data_rows(ws)
    balance = "(i.amount - coalesce((SELECT sum(p.amount) FROM payments p WHERE p.invoice_id = i.id), 0))"
    open_sql = (f"SELECT c.id, i.currency, {balance} AS b, julianday(:today) - julianday(i.due_date) AS age"
                " FROM invoices i JOIN clients c ON c.id = i.client_id"
                f" WHERE i.status = 'issued' AND {balance} > 0 AND (:m = 0 OR c.manager_id = :m)")
    n = db.execute(f'SELECT count(*) FROM (SELECT DISTINCT id, currency FROM ({open_sql}))', p).fetchone()[0]
    check(len(rows) == n, f'{name}: {len(rows)} rows, the database has {n} clients with open invoices')
    check_table_sheet(ws, name, 10, lang)
    totals = total_rows(ws, wv, rows[-1] if rows else 1, lang)
    for cur, b0, b1, b2, b3, b4, total in db.execute(
            'SELECT currency, sum(CASE WHEN age <= 0 THEN b ELSE 0 END),'
            ' sum(CASE WHEN age BETWEEN 1 AND 30 THEN b ELSE 0 END),'
            ' sum(CASE WHEN age BETWEEN 31 AND 60 THEN b ELSE 0 END),'
            ' sum(CASE WHEN age BETWEEN 61 AND 90 THEN b ELSE 0 END),'
            f' sum(CASE WHEN age > 90 THEN b ELSE 0 END), sum(b) FROM ({open_sql}) GROUP BY currency', p):
        r = totals.get(cur)
        if check(r is not None, f'{name}: no total row for {cur}'):
            for k, v in enumerate([b0, b1, b2, b3, b4, total]):
                check(close(wv.cell(row=r, column=5 + k).value, v / 100),
                      f'{name}: bucket {k} total {cur}: {wv.cell(row=r, column=5 + k).value} vs {v / 100}')
    check(len(ws._charts) >= len(totals), f'{name}: {len(ws._charts)} charts for {len(totals)} currencies')
    if args.ageing is not None:
        # The totals are the model's own ageing, bucket by bucket
        model = {}
        for item in filter(None, args.ageing.split(';')):
            cur, sums = item.split(':')
            model[cur] = [int(v) for v in sums.split(',')]
        check(sorted(model) == sorted(totals), f'{name}: total rows {sorted(totals)}, the model owes {sorted(model)}')
        for cur, sums in model.items():
            r = totals.get(cur)
            if r is None:
                continue
            for k, v in enumerate(sums):
                check(close(wv.cell(row=r, column=5 + k).value, v / 100),
                      f"{name}: bucket {k} total {cur}: {wv.cell(row=r, column=5 + k).value}, the model's {v / 100}")

    # Complaints
    name = names[6]
    ws, wv = wb[name], values[name]
    rows = data_rows(ws)
    where = 'received_date BETWEEN :from AND :to AND (:m = 0 OR manager_id = :m)'
    months = db.execute(f'SELECT count(DISTINCT substr(received_date, 1, 7)) FROM complaints WHERE {where}', p).fetchone()[0]
    check(len(rows) == months, f'{name}: {len(rows)} months, the database has {months}')
    check_table_sheet(ws, name, 8, lang)
    n = db.execute(f'SELECT count(*) FROM complaints WHERE {where}', p).fetchone()[0]
    total_row = max((r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == TOTAL[lang]), default=None)
    if check(total_row is not None, f'{name}: no total row'):
        check(wv.cell(row=total_row, column=8).value == n, f'{name}: total {wv.cell(row=total_row, column=8).value}, the database has {n}')
        quality = db.execute(f"SELECT count(*) FROM complaints WHERE {where} AND category = 'quality'", p).fetchone()[0]
        check(wv.cell(row=total_row, column=2).value == quality, f'{name}: quality total')
    check(len(ws._charts) == (1 if rows else 0), f'{name}: {len(ws._charts)} charts')

    # Activities
    name = names[7]
    ws, wv = wb[name], values[name]
    rows = data_rows(ws)
    check_table_sheet(ws, name, 6, lang)
    for r in rows[:100]:
        check(is_date(ws.cell(row=r, column=2), lang), f'{name}!B{r}: the week is not a date')
        check(ws.cell(row=r, column=2).value.weekday() == 0, f'{name}!B{r}: the week does not begin on Monday')
    total_row = max((r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == TOTAL[lang]), default=None)
    if check(total_row is not None, f'{name}: no total row'):
        where = "status = 'done' AND date(starts_at) BETWEEN :from AND :to AND (:m = 0 OR manager_id = :m)"
        for col, kinds in [(3, "('call')"), (4, "('meeting')"), (5, "('exhibition', 'event')")]:
            n = db.execute(f'SELECT count(*) FROM activities WHERE {where} AND kind IN {kinds}', p).fetchone()[0]
            check(wv.cell(row=total_row, column=col).value == n, f'{name}: column {col} total {wv.cell(row=total_row, column=col).value}, the database has {n}')
        n = db.execute("SELECT count(*) FROM clients WHERE source = 'referral' AND date(created_at) BETWEEN :from AND :to"
                       " AND (:m = 0 OR manager_id = :m)", p).fetchone()[0]
        check(wv.cell(row=total_row, column=6).value == n, f'{name}: referrals total')

    # Summary
    name = names[0]
    ws, wv = wb[name], values[name]
    check(ws.page_setup.orientation == 'landscape', f'{name}: not landscape')
    check(len(ws._charts) >= 1, f'{name}: no chart of the funnel')
    pictures = summary_pictures(args.xlsx)
    if check(len(pictures) == 1, f'{name}: {len(pictures)} pictures of the funnel'):
        width, height, shown_width = pictures[0]
        # at print resolution: about three image pixels per pixel shown
        check(width >= 1800 and width >= 2.5 * shown_width,
              f'{name}: the funnel picture is {width}×{height} pixels shown {shown_width} wide')
    for nm in ['ManagersTable', 'KpiTable', 'FunnelTable']:
        check(nm in defined, f'no defined name {nm}')
    # the managers' table: header in row 5, totals below
    rows = data_rows(ws, 6)
    totals = total_rows(ws, wv, rows[-1] if rows else 5, lang)
    won = ("SELECT currency, sum(amount) FROM deals WHERE stage = 'won' AND closed_date BETWEEN :from AND :to"
           " AND (:m = 0 OR coalesce(manager_id, 0) = :m) GROUP BY currency")
    for cur, v in db.execute(won, p):
        r = totals.get(cur)
        if check(r is not None, f'{name}: no total row for {cur}'):
            check(close(wv.cell(row=r, column=4).value, v / 100), f'{name}: won total {cur}')
    for cur, v in db.execute("SELECT currency, sum(amount) FROM deals WHERE stage NOT IN ('won', 'lost')"
                             " AND (:m = 0 OR coalesce(manager_id, 0) = :m) GROUP BY currency", p):
        r = totals.get(cur)
        if check(r is not None, f'{name}: no total row for {cur}'):
            check(close(wv.cell(row=r, column=6).value, v / 100), f'{name}: pipeline total {cur}')
    # KPI cells: green, amber or red by the share of the plan
    colours = {'C6EFCE': 1.0, 'FFEB9C': 0.8, 'FFC7CE': 0.0}
    n_kpi = 0
    kpi_rows = [r for r in range(1, ws.max_row + 1)
                if isinstance(ws.cell(row=r, column=3).value, str) and ' – ' in ws.cell(row=r, column=3).value]
    for r in kpi_rows:
        for c in range(6, 19, 3):
            cell = ws.cell(row=r, column=c)
            if isinstance(cell.value, str) and cell.value.startswith('='):
                ratio = wv.cell(row=r, column=c).value
                rgb = str(cell.fill.fgColor.rgb).upper()[-6:]
                if check(rgb in colours, f'{name}!{cell.coordinate}: KPI without a colour'):
                    want = 'C6EFCE' if ratio >= 1 else 'FFEB9C' if ratio >= 0.8 else 'FFC7CE'
                    check(rgb == want, f'{name}!{cell.coordinate}: {ratio:.2f} coloured {rgb}')
                    check(cell.number_format == '0%', f'{name}!{cell.coordinate}: KPI not a percentage')
                n_kpi += 1
    plans = db.execute('SELECT count(*) FROM sales_plans WHERE (:m = 0 OR manager_id = :m)', p).fetchone()[0]
    check(n_kpi > 0 or plans == 0, f'{name}: no KPI against plan')
    check(len(wb.sheetnames) == 8 and all(nm in defined for nm in NAMES), f'defined names: {sorted(defined)}')


if __name__ == '__main__':
    main()
    if failures:
        for f in failures[:40]:
            print('FAIL:', f, file=sys.stderr)
        print(f'{len(failures)} failures', file=sys.stderr)
        sys.exit(1)
    print('ok')
