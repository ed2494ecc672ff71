#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""End-to-end scenarios, each run in English, Croatian and Russian:

  clients  search as you type, open a card, Delete and KP_Delete with Undo,
           the row menu from a right click, Menu and Shift+F10, Alt+N
  editor   a new client with a bad OIB is refused beside the field
  walk     every section, every main menu entry, every window: each
           interactive node on screen has a proper name
  contracts  an accepted offer becomes a draft contract, filled in, taken
           draft → sent → signed → active (only the allowed step offered),
           renewed (the follow-up contract and the call before the notice
           period), saved as PDF from the list and read back with pdftotext

and none of them may leave a critical or a warning in the app's log."""

import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from kl_e2e import (R, badly_named, by, check, children, click, db_query, descendants, extents,  # noqa: E402
                    find, find_all, focus_window, focused, key, name, on_screen, path_of, relation_targets, role, run,
                    selected,
                    text, type_text, wait_for, window_origin, xdotool, Failure)

CLIENT = "Čakovečki mlinovi d.d."
SEARCH = "mlin"


# The clients list

def not_into_rows(n):
    return role(n) not in (R.ROLE_TABLE_ROW, R.ROLE_LIST_ITEM, R.ROLE_TABLE_CELL)


def find_clients_table(app):
    """The clients table if it is on screen (the widget lives as long as
    the window: found once)."""
    table = app.cache.get("table")
    if table is None:
        table = find_in(app.main_window(), by(R.ROLE_TREE_TABLE, app.s("Clients")))
        app.cache["table"] = table
    return table if table is not None and on_screen(table) else None


def clients_table(app):
    return wait_for(lambda: find_clients_table(app), "the clients table")


def find_in(root, pred):
    """Like find(), without looking inside the list's rows."""
    return find(root, pred, into=not_into_rows)


def client_rows(app):
    """The data rows on screen, each as the text of its first cell."""
    table = clients_table(app)
    body = next((c for c in children(table) if role(c) == R.ROLE_LIST), None)
    rows = []
    for row in children(body) if body is not None else []:
        if role(row) != R.ROLE_TABLE_ROW or not on_screen(row):
            continue
        cells = [c for c in children(row) if role(c) == R.ROLE_TABLE_CELL]
        label = children(cells[0])[0] if cells and children(cells[0]) else None
        rows.append((row, (text(label) or name(label)) if label is not None else ""))
    return rows


def row_named(app, client):
    return wait_for(lambda: next((r for r, n in client_rows(app) if n == client), None),
                    "the row of %r" % client)


def first_cell(row):
    return next(c for c in children(row) if role(c) == R.ROLE_TABLE_CELL)


def select_row(app, client, button=1):
    """Clicks the row of @client, and waits for it to be selected."""
    for attempt in range(3):
        row = row_named(app, client)
        click(first_cell(row), button)
        try:
            return wait_for(lambda: selected(row_named(app, client)), "the row of %r selected" % client, 3)
        except Failure:
            if attempt == 2:
                raise
            time.sleep(0.5)


def search_entry(app):
    return find_in(app.main_window(), by(R.ROLE_ENTRY, app.s("Search clients")))


def toast_label(app, message):
    return wait_for(lambda: find_in(app.main_window(), lambda n: role(n) == R.ROLE_LABEL and
                                 (text(n) or name(n)) == message),
                    "the toast %r" % message)


def click_undo(app):
    undo = wait_for(lambda: find_in(app.main_window(), by(R.ROLE_PUSH_BUTTON, app.s.label("_Undo"))),
                    "the toast's Undo button")
    click(undo)


def only_row_is(app, client):
    rows = client_rows(app)
    return len(rows) == 1 and rows[0][1] == client


def close_menu(app):
    key("Escape")
    wait_for(lambda: menu_items(app) == [], "Escape to close the menu")
    time.sleep(0.4)  # the popover lets go of the pointer as it goes


def menu_items(app):
    return [name(n) for n in find_all(app.main_window(), lambda n: role(n) == R.ROLE_MENU_ITEM,
                                      into=not_into_rows)]


def scenario_clients(app):
    s = app.s
    main = app.main_window()
    check(len(client_rows(app)) > 10, "the list shows %d rows" % len(client_rows(app)))
    count = s.n("%u client", "%u clients", 28).replace("%u", "28")
    check(find_in(main, by(R.ROLE_LABEL, text_=count)), "no count label %r" % count)

    # The list as a screen reader reads it, every cell (imported clients
    # lack a city, a segment, a manager: those cells must read as empty,
    # not make GTK log criticals).
    assert_named(app, main, "the clients list")

    # The columns fit the window as it opens: no sideways scrolling.
    table = clients_table(app)
    tx, ty, tw, th = extents(table)
    header = next(c for c in children(table) if role(c) == R.ROLE_TABLE_ROW)
    for title in children(header):
        x, y, w, h = extents(title)
        label = " ".join(text(n) or "" for n in descendants(title) if role(n) == R.ROLE_LABEL)
        check(w > 0 and x + w <= tx + tw, "the column %r does not fit the window (%d > %d)"
              % (label, x + w, tx + tw))

    # Type-to-search: keys typed on the list go to the search entry.
    click(first_cell(client_rows(app)[0][0]))
    type_text(SEARCH)
    wait_for(lambda: text(search_entry(app)) == SEARCH, "the search entry to read %r" % SEARCH)
    wait_for(lambda: only_row_is(app, CLIENT), "the search to leave %r alone" % CLIENT)

    # Delete on the selected row, Undo from the toast.
    deleted = s("“%s” deleted") % CLIENT
    for delete_key in ("Delete", "KP_Delete"):
        select_row(app, CLIENT)
        key(delete_key)
        wait_for(lambda: client_rows(app) == [], "%s to delete the row" % delete_key)
        toast_label(app, deleted)
        check(text(search_entry(app)) == SEARCH, "%s changed the search text" % delete_key)
        click_undo(app)
        wait_for(lambda: only_row_is(app, CLIENT), "Undo to bring the row back")

    # The row's menu: right click, Shift+F10, Menu.
    expected = [s.label("_Open", "client"), s.label("_Edit…", "client"), s.label("_Delete", "client")]
    select_row(app, CLIENT, button=3)
    wait_for(lambda: menu_items(app) == expected, "the row menu %r (have %r)" % (expected, menu_items(app)))
    close_menu(app)
    for menu_key in ("shift+F10", "Menu"):
        select_row(app, CLIENT)
        key(menu_key)
        wait_for(lambda: menu_items(app) == expected, "%s to open the row menu" % menu_key)
        close_menu(app)
    # Delete from the menu, chosen with the arrow keys.
    select_row(app, CLIENT, button=3)
    wait_for(lambda: menu_items(app) == expected, "the row menu")
    key("Up", "Return")
    wait_for(lambda: client_rows(app) == [], "the menu's Delete to delete the row")
    click_undo(app)
    wait_for(lambda: only_row_is(app, CLIENT), "Undo to bring the row back")

    # Return opens the client's card; Ctrl+W closes it.
    select_row(app, CLIENT)
    key("Return")
    app.window(CLIENT)
    key("ctrl+w")
    wait_for(lambda: all(name(w) != CLIENT for w in app.windows()), "Ctrl+W to close the card")
    focus_window("Klijentela")

    # Alt+2 leaves Clients for the second section, Alt+1 comes back.
    sections = [name(r) for r in app.sections()]
    check(sections[0] == s("Clients") and len(sections) >= 2, "sections %r" % sections)
    key("alt+2")
    wait_for(lambda: app.section() == sections[1], "Alt+2 to show %r" % sections[1])
    key("alt+1")
    wait_for(lambda: app.section() == sections[0], "Alt+1 to show Clients again")

    # A deletion nobody undoes is carried out, at the latest on quitting.
    key("ctrl+f")
    key("ctrl+a")
    type_text("jadran")
    select_row(app, "Jadran Plovidba d.o.o.")
    key("Delete")
    toast_label(app, s("“%s” deleted") % "Jadran Plovidba d.o.o.")
    app.quit()
    check(db_query(app.database, "SELECT count(*) FROM clients")[0][0] == 27,
          "27 clients expected in the database after one deletion")
    check(db_query(app.database, "SELECT count(*) FROM clients WHERE name = ?", CLIENT)[0][0] == 1,
          "%r should be back in the database after Undo" % CLIENT)


# Today's activities

def activity_rows(app):
    """The rows of Today's lists on screen, with their subjects."""
    main = app.main_window()
    lists = find_all(main, lambda n: role(n) == R.ROLE_LIST and name(n) in (
        app.s("Overdue activities"), app.s("Activities planned for today"), app.s("Activities done today")),
        into=lambda n: role(n) != R.ROLE_LIST_ITEM)
    return [(r, name(r)) for lst in lists for r in children(lst)
            if role(r) == R.ROLE_LIST_ITEM and on_screen(r)]


def scenario_today(app):
    s = app.s
    main = app.main_window()
    key("alt+2")
    wait_for(lambda: app.section() == s("Today", "section"), "Alt+2 to show Today")
    rows = wait_for(lambda: activity_rows(app), "activities on Today")
    row, subject = rows[0]
    n_before = db_query(app.database, "SELECT count(*) FROM activities WHERE subject = ?", subject)[0][0]

    # A click opens the activity; Escape closes it, the row keeps the focus.
    click(row)
    editor = wait_for(lambda: [w for w in app.windows() if name(w) != "Klijentela"], "the activity editor")[0]
    close_window(app, editor)

    # Its menu, from the keyboard.
    key("Menu")
    expected = [s.label("_Open", "activity"), s.label("_Mark Done"), s.label("_Delete", "activity")]
    wait_for(lambda: menu_items(app) == expected, "the activity's menu %r (have %r)" % (expected, menu_items(app)))
    close_menu(app)

    # Delete, and Undo.
    key("Delete")
    toast_label(app, s("“%s” deleted") % subject)
    wait_for(lambda: db_query(app.database, "SELECT count(*) FROM activities WHERE subject = ?",
                              subject)[0][0] == n_before - 1, "the activity to be deleted")
    click_undo(app)
    wait_for(lambda: db_query(app.database, "SELECT count(*) FROM activities WHERE subject = ?",
                              subject)[0][0] == n_before, "Undo to bring the activity back")
    wait_for(lambda: subject in [n for r, n in activity_rows(app)], "the activity back on Today")


# The client editor

def field(window, title):
    """An entry row, by its title: AdwEntryRow's text is a GtkText named
    by the row."""
    return wait_for(lambda: find(window, lambda n: role(n) in (R.ROLE_ENTRY, R.ROLE_TEXT) and name(n) == title),
                    "the field %r" % title)


def scenario_editor(app):
    s = app.s
    key("ctrl+n")
    editor = app.window(s("New Client"))
    name_field = field(editor, s("Name"))
    click(name_field)
    type_text("E2E Proba d.o.o.")
    tax_field = field(editor, s("Tax ID"))
    click(tax_field)
    type_text("12345678901")
    message = s("The OIB check digit does not match.")
    error = wait_for(lambda: find(editor, lambda n: role(n) == R.ROLE_LABEL and (text(n) or name(n)) == message),
                     "the OIB error beside the field")
    described = [text(t) or name(t) for t in relation_targets(tax_field, R.RELATION_DESCRIBED_BY)]
    check(message in described, "the OIB field is not described by its error (%r)" % described)
    check(error is not None, "no error label")

    key("ctrl+s")
    app.window(s("New Client"))
    check(db_query(app.database, "SELECT count(*) FROM clients WHERE name = ?", "E2E Proba d.o.o.")[0][0] == 0,
          "a client with a bad OIB reached the database")

    # Corrected, it saves.
    click(tax_field)
    key("ctrl+a")
    type_text("69102302110")
    wait_for(lambda: find(editor, lambda n: role(n) == R.ROLE_LABEL and (text(n) or name(n)) == message) is None,
             "the OIB error to go")
    key("ctrl+s")
    wait_for(lambda: db_query(app.database, "SELECT count(*) FROM clients WHERE name = ?",
                              "E2E Proba d.o.o.")[0][0] == 1, "the client to be saved")


# Every window

def close_window(app, window, back_to=None):
    """Escape, then Ctrl+W: how a keyboard user closes a window. Then the
    keyboard goes back to @back_to (the main window unless said)."""
    title = name(window)
    for k in ("Escape", "ctrl+w"):
        key(k)
        try:
            wait_for(lambda: window not in app.windows(), "", 2)
            focus_window(back_to or "Klijentela")
            return
        except Failure:
            pass
    raise Failure("the window %r does not close on Escape or Ctrl+W" % title)


def assert_named(app, root, where):
    bad = badly_named(root)
    check(not bad, "%s: %d node(s) badly named:\n  %s" % (where, len(bad), "\n  ".join(bad)))


def walk_new_windows(app, before, where, back_to=None):
    """Walks and closes the windows that opened since @before."""
    new = [w for w in app.windows() if w not in before]
    for w in new:
        assert_named(app, w, "%s → %r" % (where, name(w)))
    for w in reversed(new):
        close_window(app, w, back_to)
    return new


def main_menu_items(app):
    return find_all(app.main_window(), lambda n: role(n) == R.ROLE_MENU_ITEM, into=not_into_rows)


def scenario_walk(app):
    s = app.s
    main = app.main_window()
    assert_named(app, main, "the main window")

    # Every section, by its Alt+N.
    sections = [name(r) for r in app.sections()]
    check(sections, "no sections in the sidebar")
    for i, section in enumerate(sections[:9]):
        key("alt+%d" % (i + 1))
        wait_for(lambda: app.section() == section, "Alt+%d to show %r" % (i + 1, section))
        assert_named(app, main, "section %r" % section)

    # Every entry of the main menu (F10), chosen with the arrow keys, and
    # what it opens.
    key("alt+1")
    key("F10")
    labels = [name(i) for i in wait_for(lambda: main_menu_items(app), "the main menu")]
    assert_named(app, main, "the main menu")
    close_menu(app)
    for k, label in enumerate(labels):
        before = app.windows()
        key("F10")
        wait_for(lambda: main_menu_items(app), "the main menu")
        if k:
            key(*["Down"] * k)
        wait_for(lambda: [name(i) for i in main_menu_items(app) if focused(i)] == [label],
                 "the menu item %r focused" % label)
        key("Return")
        wait_for(lambda: not main_menu_items(app), "the menu to close")
        try:
            wait_for(lambda: [w for w in app.windows() if w not in before], "", 3)
        except Failure:
            pass
        walk_new_windows(app, before, "main menu %r" % label)

    # A client's card, its menu and its editor.
    rows = client_rows(app)
    check(rows, "no clients listed")
    before = app.windows()
    click(first_cell(rows[0][0]), button=3)
    wait_for(lambda: menu_items(app), "the row menu")
    assert_named(app, main, "the row menu")
    key("Escape")
    click(first_cell(rows[0][0]))
    key("Return")
    card = app.window(rows[0][1])
    assert_named(app, card, "the card of %r" % rows[0][1])
    key("ctrl+e")
    wait_for(lambda: [w for w in app.windows() if w not in before and w != card], "the card's editor")
    walk_new_windows(app, before + [card], "the card's editor", back_to=name(card))
    close_window(app, card)

    # The other windows the keys open.
    for keys, what in (("ctrl+shift+a", "a new activity"), ("ctrl+question", "the shortcuts")):
        before = app.windows()
        key(keys)
        wait_for(lambda: [w for w in app.windows() if w not in before], what)
        walk_new_windows(app, before, what)


# Contracts, from an accepted offer to the PDF

def table_rows(app, table_name):
    """The data rows on screen of the table named @table_name, each with
    the texts of its cells."""
    table = wait_for(lambda: find_in(app.main_window(), by(R.ROLE_TREE_TABLE, table_name)),
                     "the table %r" % table_name)
    body = next((c for c in children(table) if role(c) == R.ROLE_LIST), None)
    rows = []
    for row in children(body) if body is not None else []:
        if role(row) != R.ROLE_TABLE_ROW or not on_screen(row):
            continue
        cells = []
        for cell in children(row):
            if role(cell) == R.ROLE_TABLE_CELL:
                label = children(cell)[0] if children(cell) else None
                cells.append((text(label) or name(label)) if label is not None else "")
        rows.append((row, cells))
    return rows


def search_and_open(app, entry_name, table_name, number, title):
    """Types @number into the section's search, opens the one row left with
    Return, and gives back the window titled @title."""
    entry = wait_for(lambda: find_in(app.main_window(), by(R.ROLE_ENTRY, entry_name)),
                     "the search entry %r" % entry_name)
    click(entry)
    key("ctrl+a")
    type_text(number)
    row = wait_for(lambda: next((r for r, cells in table_rows(app, table_name)
                                 if len(table_rows(app, table_name)) == 1 and number in cells), None),
                   "%r alone in %r" % (number, table_name))
    click(first_cell(row))
    wait_for(lambda: selected(row), "the row of %r selected" % number, 3)
    key("Return")
    return app.window(title)


def click_in_view(window, node, what):
    """Clicks @node, scrolling @window's form with the wheel first until it
    is inside the window."""
    wx, wy, ww, wh = extents(window)
    for _ in range(30):
        x, y, w, h = extents(node)
        if y >= 60 and y + h <= wh - 10:
            click(node)
            return
        ox, oy = window_origin(name(window))
        xdotool("mousemove", ox + ww // 2, oy + wh // 2)
        xdotool("click", 5 if y + h > wh - 10 else 4)
        time.sleep(0.15)
    raise Failure("could not scroll to %s" % what)


def set_field(window, title, value):
    click_in_view(window, field(window, title), "the field %r" % title)
    key("ctrl+a")
    type_text(value)


def set_spin(window, title, value):
    spin = wait_for(lambda: find(window, by(R.ROLE_SPIN_BUTTON, title)), "the spin button %r" % title)
    click_in_view(window, spin, "the spin button %r" % title)
    key("ctrl+a")
    type_text(value)
    key("Tab")


def save_editor(app, window):
    """Ctrl+S; should the credit check ask, "Save Anyway"."""
    key("ctrl+s")
    anyway = app.s.label("Save _Anyway")

    def gone_or_asked():
        if window not in app.windows():
            return "saved"
        for w in app.windows():
            button = find(w, by(R.ROLE_PUSH_BUTTON, anyway))
            if button is not None:
                return button
        return None
    result = wait_for(gone_or_asked, "Ctrl+S to save %r" % name(window))
    if result != "saved":
        click(result)
        wait_for(lambda: window not in app.windows(), "Save Anyway to save %r" % name(window))
    focus_window("Klijentela")


def popup_items(window, choices):
    """The rows of a combo row's open list in @window: the longest list
    of rows with one label each, one of @choices (the combo row shows its
    value as a list of one row)."""
    lists = {}
    for n in descendants(window):
        if role(n) != R.ROLE_LIST_ITEM or role(n.parent) != R.ROLE_LIST:
            continue
        labels = [text(l) or name(l) for l in descendants(n) if role(l) == R.ROLE_LABEL]
        if len(labels) == 1 and labels[0] in choices:
            lists.setdefault(path_of(n.parent), []).append(labels[0])
    longest = max(lists.values(), key=len, default=[])
    return longest if len(longest) > 1 else []


def x_window(title):
    """Whether an X window titled @title is shown."""
    return subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^%s$" % re.escape(title)],
                          capture_output=True, text=True).stdout.split() != []


def pdf_text(path):
    out = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True, check=True).stdout
    return out.replace("\u202f", " ").replace("\u00a0", " ")


def scenario_contracts(app):
    s = app.s
    db = app.database
    workdir = os.path.dirname(db)
    # An accepted offer with no contract yet, of a client with few invoices.
    offer_id, offer_number, client_id = db_query(
        db, "SELECT o.id, o.number, o.client_id FROM offers o WHERE o.status = 'accepted'"
            " AND NOT EXISTS (SELECT 1 FROM contracts c WHERE c.offer_id = o.id)"
            " ORDER BY (SELECT count(*) FROM invoices i WHERE i.client_id = o.client_id), o.id LIMIT 1")[0]
    client = db_query(db, "SELECT name FROM clients WHERE id = ?", client_id)[0][0]
    company = db_query(db, "SELECT value FROM settings WHERE key = 'company.name'")[0][0]
    sections = [name(r) for r in app.sections()]

    # The offer, from the Offers section: its "Draft Contract" (Alt+D in
    # English) drafts the contract.
    key("alt+%d" % (sections.index(s("Offers", "section")) + 1))
    offer_editor = search_and_open(app, s("Search the offers"), s("Offers"), offer_number, s("Edit Offer"))
    draft = s("_Draft Contract")
    letter = draft[draft.index("_") + 1].lower()
    if letter.isascii():
        key("alt+" + letter)
    else:  # a Cyrillic mnemonic wants a Russian keyboard layout: the pointer
        click(wait_for(lambda: find(offer_editor, by(R.ROLE_PUSH_BUTTON, s.label("_Draft Contract"))),
                       "the Draft Contract button"))
    editor = app.window(s("New Contract"))
    wait_for(lambda: offer_editor not in app.windows(), "the offer editor to give way to the contract's")
    check(text(field(editor, s("Client"))) == client, "the draft's client is not %r" % client)
    number = text(field(editor, s("Number")))
    check(number, "the draft has no number")

    # Every control named once, for a screen reader.
    assert_named(app, editor, "the contract editor")

    # Filled in from the keyboard, saved as a draft.
    set_field(editor, s("Title", "contract title"), "E2E održavanje")
    set_field(editor, s("Amount"), "640")
    set_field(editor, s("End date"), "2031-06-30")
    set_spin(editor, s("Discount (%)"), "0")
    set_spin(editor, s("Notice period (days)"), "30")
    save_editor(app, editor)
    row = wait_for(lambda: db_query(db, "SELECT id, status, amount, end_date, notice_days, offer_id, title,"
                                        " vat_rate_bp, currency FROM contracts WHERE number = ?", number),
                   "the contract %r saved" % number)[0]
    contract_id, status, amount, end_date, notice, linked_offer, title, vat_bp, currency = row
    check((status, amount, end_date, notice, linked_offer, title) ==
          ("draft", 64000, "2031-06-30", 30, offer_id, "E2E održavanje"),
          "the contract was saved as %r" % (row,))

    # draft → sent → signed → active: each time only the next step offered.
    key("alt+%d" % (sections.index(s("Contracts", "section")) + 1))
    steps = ["draft", "sent", "signed", "active"]
    statuses = {st: s(st.capitalize(), "contract status")
                for st in steps + ["expired", "terminated"]}
    for before, after in zip(steps, steps[1:]):
        editor = search_and_open(app, s("Search contracts"), s("Contracts"), number, s("Edit Contract"))
        status_row = wait_for(lambda: find(editor, lambda n: name(n) == s("Status", "contract status")
                                           and role(n) != R.ROLE_LABEL),
                              "the status row")
        click(status_row)
        offered = [statuses[before], statuses[after]]
        wait_for(lambda: popup_items(editor, statuses.values()) == offered,
                 "the statuses %r offered (have %r)" % (offered, popup_items(editor, statuses.values())))
        key("Down", "Return")
        wait_for(lambda: not popup_items(editor, statuses.values()), "the status list to close")
        save_editor(app, editor)
        wait_for(lambda: db_query(db, "SELECT status FROM contracts WHERE id = ?", contract_id)[0][0] == after,
                 "the contract to be %s" % after)
    signed = db_query(db, "SELECT signed_date FROM contracts WHERE id = ?", contract_id)[0][0]
    check(signed, "signing gave the contract no signing date")

    # Renewal, from the editor's menu: the follow-up draft linked to it, and
    # a call on the last day of notice, 30 days before the end.
    editor = search_and_open(app, s("Search contracts"), s("Contracts"), number, s("Edit Contract"))
    click(wait_for(lambda: find(editor, by(R.ROLE_TOGGLE_BUTTON, s("Contract Menu"))) or
                   find(editor, by(R.ROLE_PUSH_BUTTON, s("Contract Menu"))), "the contract menu"))
    renew = wait_for(lambda: find(editor, by(R.ROLE_MENU_ITEM, s.label("_Renew…"))), "Renew… in the menu")
    for _ in range(6):
        if focused(renew):
            break
        key("Down")
    check(focused(renew), "the arrow keys never reached Renew… in the menu")
    key("Return")
    follow = wait_for(lambda: db_query(db, "SELECT number, status, start_date FROM contracts WHERE renewal_of = ?",
                                       contract_id), "the follow-up contract")
    check(len(follow) == 1 and follow[0][1] == "draft" and follow[0][2] == "2031-07-01",
          "the follow-up contract is %r" % follow)
    message = s("Follow-up contract %s drafted; a call is planned before the notice period ends") % follow[0][0]
    wait_for(lambda: find(editor, lambda n: role(n) == R.ROLE_LABEL and (text(n) or name(n)) == message),
             "the toast %r" % message)
    calls = db_query(db, "SELECT starts_at, status FROM activities WHERE client_id = ? AND kind = 'call'"
                         " AND subject LIKE ?", client_id, "%" + number + "%")
    check(calls == [("2031-05-31T09:00:00", "planned")], "the renewal call is %r" % calls)
    close_window(app, editor)

    # Save as PDF from the list (Ctrl+Shift+S on the selected row).
    rows = table_rows(app, s("Contracts"))
    row = next(r for r, cells in rows if number in cells)
    click(first_cell(row))
    wait_for(lambda: selected(row), "the contract's row selected", 3)
    key("ctrl+shift+s")
    # The file chooser (GTK's own: its accessible window does not always
    # show on the bus, the X window does), its name field focused.
    wait_for(lambda: x_window(s("Save as PDF")), "the window %r" % s("Save as PDF"))
    pdf = os.path.join(workdir, "ugovor.pdf")
    key("ctrl+a")
    type_text(pdf)
    key("Return")
    wait_for(lambda: os.path.exists(pdf) and not x_window(s("Save as PDF")), "the PDF %s written" % pdf, 15)
    focus_window("Klijentela")
    content = pdf_text(pdf)
    vat = 64000 * vat_bp // 10000 if (64000 * vat_bp) % 10000 * 2 < 10000 else 64000 * vat_bp // 10000 + 1
    total = "%d%s%02d" % ((64000 + vat) // 100, "." if app.lang == "en" else ",", (64000 + vat) % 100)
    for needle in (number, client, company, total):
        check(needle in content, "%r is not in the contract's PDF:\n%s" % (needle, content))


if __name__ == "__main__":
    run({
        "clients": (scenario_clients, "import"),
        "editor": (scenario_editor, "import"),
        "today": (scenario_today, "demo"),
        "walk": (scenario_walk, "demo"),
        "contracts": (scenario_contracts, "demo"),
    })
