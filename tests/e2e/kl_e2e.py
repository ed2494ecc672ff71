# SPDX-License-Identifier: GPL-3.0-or-later
"""Drives Klijentela the way people do: real key presses and clicks
(XTest, through xdotool) on an X server of its own, and the accessibility
tree (AT-SPI, through pyatspi) that screen readers read, never the app's
actions. Each run gets a private Xvfb, session bus and accessibility bus
(XDG_RUNTIME_DIR of its own: at-spi-bus-launcher puts its socket there,
and runs side by side must not share it).

Meson runs the scenarios in test-e2e.py with the build's environment
(KLIJENTELA_BINARY, KLIJENTELA_LOCALEDIR, GSETTINGS_SCHEMA_DIR)."""

import gettext
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

LANGS = {
    "en": "C.UTF-8",
    "hr": "hr_HR.UTF-8",
    "ru": "ru_RU.UTF-8",
}

SCREEN = "1400x900x24"

# The inner run's exit status when the app never appeared on the
# accessibility bus (see reexec_in_private_session()).
EXIT_NO_BUS = 3


def reexec_in_private_session():
    """Runs this script again inside dbus-run-session and xvfb-run, with a
    runtime directory of its own, unless that is done already."""
    if os.environ.get("KL_E2E_INNER") == "1":
        return
    env = dict(os.environ)
    env["KL_E2E_INNER"] = "1"
    env.pop("NO_AT_BRIDGE", None)
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.pop("AT_SPI_BUS_ADDRESS", None)
    # The X server first, so the session bus, and the accessibility bus and
    # registry it starts, all know DISPLAY (the other way round the registry
    # sometimes started with no display and the app never appeared on it).
    cmd = ["xvfb-run", "-a", "-s", "-screen 0 " + SCREEN,
           "dbus-run-session", "--", sys.executable] + sys.argv
    # A session whose accessibility bus never showed the app is the
    # session's fault, not the app's: one more session, then a failure.
    for attempt in range(2):
        runtime = tempfile.mkdtemp(prefix="kl-e2e-run-")
        os.chmod(runtime, 0o700)
        env["XDG_RUNTIME_DIR"] = runtime
        try:
            rc = subprocess.call(cmd, env=env)
        finally:
            shutil.rmtree(runtime, ignore_errors=True)
        if rc != EXIT_NO_BUS:
            break
        print("the accessibility bus did not come up; a new session", file=sys.stderr)
    if rc == EXIT_NO_BUS:
        rc = 1
    sys.exit(rc)


import pyatspi  # noqa: E402 (after the re-exec: it needs the session bus)

R = pyatspi

# Roles a user acts on, and windows: each needs a name of its own. (Lists
# and tables are containers: their rows are what is read; the app's own are
# named, and the scenarios find them by name.)
NAMED_ROLES = {
    R.ROLE_PUSH_BUTTON, R.ROLE_TOGGLE_BUTTON, R.ROLE_CHECK_BOX, R.ROLE_RADIO_BUTTON,
    R.ROLE_COMBO_BOX, R.ROLE_ENTRY, R.ROLE_PASSWORD_TEXT, R.ROLE_SPIN_BUTTON,
    R.ROLE_SLIDER, R.ROLE_LINK, R.ROLE_MENU_ITEM, R.ROLE_CHECK_MENU_ITEM,
    R.ROLE_RADIO_MENU_ITEM, R.ROLE_PAGE_TAB, R.ROLE_LIST_ITEM, R.ROLE_FRAME,
    R.ROLE_DIALOG, R.ROLE_WINDOW,
}
for _role in ("ROLE_SWITCH", "ROLE_SEARCH_BAR"):
    if hasattr(R, _role):
        NAMED_ROLES.add(getattr(R, _role))

# GTK 4.8 falls back to the class name when a widget has no name.
TYPE_NAME = re.compile(r"^(Gtk|Adw|Kl)[A-Z]\w*$")
MNEMONIC = re.compile(r"(^|\w)_\w")

LOG_PROBLEM = re.compile(r"(CRITICAL|WARNING|ERROR)( \*\*|:)|AddressSanitizer|runtime error:")


class Failure(Exception):
    pass


class NoBus(Failure):
    """The app did not appear on the accessibility bus at all."""


def check(condition, message):
    if not condition:
        raise Failure(message)


T0 = time.monotonic()


def trace(*args):
    if os.environ.get("KL_E2E_TRACE"):
        print("[%6.2f]" % (time.monotonic() - T0), *args, file=sys.stderr)


def wait_for(predicate, what, timeout=10.0, interval=0.1):
    """predicate()'s first true value, or a Failure naming @what."""
    trace("wait", what)
    end = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            value = predicate()
            if value:
                return value
        except Exception as e:  # an accessible that went while we looked
            last_error = e
        if time.monotonic() > end:
            raise Failure("timed out waiting for %s%s" % (what, " (%s)" % last_error if last_error else ""))
        time.sleep(interval)


# Accessibility tree

def role(node):
    try:
        return node.getRole()
    except Exception:
        return None


def name(node):
    try:
        return node.name or ""
    except Exception:
        return ""


TOPLEVEL_ROLES = (R.ROLE_FRAME, R.ROLE_DIALOG, R.ROLE_WINDOW, R.ROLE_ALERT)


def on_screen(node):
    """A node below a toplevel is on screen when it has a size: GTK 4.8
    says "showing" of its toplevels only (and "visible" of anything
    visible, shown or not), and an unmapped widget has no size."""
    try:
        comp = node.queryComponent()
    except NotImplementedError:
        return True  # no geometry of its own (a stack page): its children say
    except Exception:
        return False
    try:
        x, y, w, h = comp.getExtents(R.WINDOW_COORDS)
    except Exception:
        return False
    return w > 0 and h > 0


def extents(node):
    """x, y, width, height within its window."""
    return node.queryComponent().getExtents(R.WINDOW_COORDS)


def toplevel_showing(node):
    try:
        return node.getState().contains(R.STATE_SHOWING)
    except Exception:
        return False


def showing(node):
    if role(node) in TOPLEVEL_ROLES and role(node.parent) == R.ROLE_APPLICATION:
        return toplevel_showing(node)
    return on_screen(node)


def text(node):
    try:
        t = node.queryText()
        return t.getText(0, t.characterCount)
    except Exception:
        return None


def children(node):
    try:
        return [c for c in node if c is not None]
    except Exception:
        return []


def descendants(node, only_showing=True, into=None):
    """Depth first; skips what is not on screen unless asked, and the
    inside of nodes for which @into says False."""
    for child in children(node):
        if only_showing and not on_screen(child):
            continue
        yield child
        if into is None or into(child):
            yield from descendants(child, only_showing, into)


def find_all(root, pred, only_showing=True, into=None):
    return [n for n in descendants(root, only_showing, into) if pred(n)]


def find(root, pred, only_showing=True, into=None):
    for n in descendants(root, only_showing, into):
        if pred(n):
            return n
    return None


def by(role_=None, name_=None, text_=None):
    def pred(n):
        if role_ is not None and role(n) != role_:
            return False
        if name_ is not None and name(n) != name_:
            return False
        if text_ is not None and (text(n) or name(n)) != text_:
            return False
        return True
    return pred


def selected(node):
    try:
        return node.getState().contains(R.STATE_SELECTED)
    except Exception:
        return False


def focused(node):
    try:
        return node.getState().contains(R.STATE_FOCUSED)
    except Exception:
        return False


def relation_targets(node, relation):
    out = []
    try:
        for rel in node.getRelationSet():
            if rel.getRelationType() == relation:
                out += [rel.getTarget(i) for i in range(rel.getNTargets())]
    except Exception:
        pass
    return out


def path_of(node, depth=5):
    parts = []
    while node is not None and depth > 0:
        parts.append("%s:%r" % (node.getRoleName() if role(node) is not None else "?", name(node)[:40]))
        try:
            node = node.parent
        except Exception:
            break
        depth -= 1
    return " < ".join(parts)


def badly_named(root):
    """The interactive nodes on screen under @root (itself included) that a
    screen reader would read without a proper name."""
    bad = []
    # A combo box is named; the list inside its popup is GTK's or
    # libadwaita's own (AdwComboRow, GtkDropDown), out of our reach, and its
    # rows read their labels.
    nodes = [root] + list(descendants(root, into=lambda n: role(n) != R.ROLE_COMBO_BOX))
    for n in nodes:
        if role(n) not in NAMED_ROLES:
            continue
        nm = name(n).strip()
        words = nm.split()
        half = len(words) // 2
        if not nm:
            why = "no name"
        elif TYPE_NAME.match(nm):
            why = "named by its class"
        elif MNEMONIC.search(nm):
            why = "mnemonic underscore in the name"
        elif half and len(words) % 2 == 0 and words[:half] == words[half:]:
            why = "the name twice"
        else:
            continue
        bad.append("%s: %s" % (why, path_of(n)))
    # Every text a screen reader could read, read once: GTK logs criticals
    # for some it cannot give (checked in the log afterwards).
    for n in nodes:
        text(n)
    return bad


# Input, through XTest

def xdotool(*args):
    subprocess.run(["xdotool"] + [str(a) for a in args], check=True)


def key(*keys):
    trace("key", *keys)
    xdotool("key", "--delay", "60", *keys)
    time.sleep(0.25)


def type_text(s):
    xdotool("type", "--delay", "40", s)
    time.sleep(0.3)


def toplevel_of(node):
    while node is not None:
        parent = node.parent
        if role(parent) == R.ROLE_APPLICATION:
            return node
        node = parent
    return None


def window_origin(title):
    """Where the X window titled @title is on the screen (GTK 4.8 on X11
    gives positions within a window only: asking for screen positions
    makes it warn)."""
    out = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^%s$" % re.escape(title)],
                         capture_output=True, text=True).stdout.split()
    check(out, "no X window titled %r" % title)
    geo = subprocess.run(["xdotool", "getwindowgeometry", "--shell", out[0]],
                         capture_output=True, text=True).stdout
    values = dict(line.split("=", 1) for line in geo.splitlines() if "=" in line)
    return int(values["X"]), int(values["Y"])


def focus_window(title):
    """Gives the X window titled @title the keyboard, as a window manager
    does when the window above it closes (Xvfb has none)."""
    out = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^%s$" % re.escape(title)],
                         capture_output=True, text=True).stdout.split()
    check(out, "no X window titled %r" % title)
    subprocess.run(["xdotool", "windowfocus", "--sync", out[0]], check=False)
    time.sleep(0.2)


def center(node):
    """The middle of @node on the screen."""
    comp = node.queryComponent()
    x, y, w, h = comp.getExtents(R.WINDOW_COORDS)
    check(w > 0 and h > 0, "%s has no size on screen" % path_of(node))
    ox, oy = window_origin(name(toplevel_of(node)))
    return ox + x + w // 2, oy + y + h // 2


def click(node, button=1):
    trace("click", name(node))
    x, y = center(node)
    trace("at", x, y)
    xdotool("mousemove", x, y)
    time.sleep(0.1)
    xdotool("click", button)
    time.sleep(0.3)


# Translations, as the app has them

class Strings:
    def __init__(self, lang, localedir):
        self.lang = lang
        if lang == "en":
            self.t = gettext.NullTranslations()
        else:
            self.t = gettext.translation("klijentela", localedir, languages=[lang])

    def __call__(self, msgid, context=None):
        if context is not None:
            return self.t.pgettext(context, msgid)
        return self.t.gettext(msgid)

    def n(self, singular, plural, n):
        return self.t.ngettext(singular, plural, n)

    def label(self, msgid, context=None):
        """As a widget shows it: without the mnemonic underscore."""
        return self(msgid, context).replace("_", "")


# The application

class App:
    def __init__(self, lang, database, workdir):
        self.lang = lang
        self.database = database
        self.binary = os.environ["KLIJENTELA_BINARY"]
        self.log_path = os.path.join(workdir, "klijentela.log")
        self.s = Strings(lang, os.environ["KLIJENTELA_LOCALEDIR"])
        self.proc = None
        self.acc = None
        self.cache = {}

    def start(self):
        env = dict(os.environ)
        locale = LANGS[self.lang]
        env.update(LANG=locale, LC_ALL=locale, LANGUAGE=self.lang if self.lang != "en" else "",
                   GSETTINGS_BACKEND="memory", GDK_BACKEND="x11", GSK_RENDERER="cairo",
                   GTK_A11Y="atspi")
        env.pop("NO_AT_BRIDGE", None)
        # On this shared machine the X server of the run sometimes refused
        # the first connections ("cannot open display", the app exits at
        # once) while other clients already reached it; the display is the
        # session's, not the app's: wait until it takes a client, and start
        # the app again if it could not open it.
        wait_for(lambda: subprocess.run(["xdotool", "getdisplaygeometry"], env=env, stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL).returncode == 0,
                 "the X server", 30, 0.5)
        for attempt in range(5):
            self.log = open(self.log_path, "w")
            self.proc = subprocess.Popen([self.binary, "--database", self.database],
                                         env=env, stdout=self.log, stderr=subprocess.STDOUT)
            try:
                self.proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                break
            if "cannot open display" not in self.log_text():
                break
            self.log.close()
            time.sleep(1)
        try:
            self.acc = wait_for(self._find_application, "the application on the accessibility bus", 30)
        except Failure as e:
            raise NoBus(str(e)) from None
        wait_for(lambda: self.frames(), "the main window", 30)
        time.sleep(0.5)
        return self

    def _find_application(self):
        check(self.proc.poll() is None, "klijentela exited at start:\n" + self.log_text())
        desktop = R.Registry.getDesktop(0)
        for a in desktop:
            try:
                if a is not None and a.get_process_id() == self.proc.pid:
                    return a
            except Exception:
                continue
        return None

    def windows(self):
        """The app's toplevels on screen."""
        return [w for w in children(self.acc) if toplevel_showing(w)]

    def frames(self):
        return [w for w in self.windows() if role(w) in (R.ROLE_FRAME, R.ROLE_DIALOG, R.ROLE_WINDOW)]

    def window(self, title, timeout=10):
        return wait_for(lambda: next((w for w in self.windows() if name(w) == title), None),
                        "a window titled %r (have %r)" % (title, [name(w) for w in self.windows()]),
                        timeout)

    def main_window(self):
        return self.window("Klijentela")

    def sidebar(self):
        bar = self.cache.get("sidebar")
        if bar is None:
            bar = wait_for(lambda: find(self.main_window(), by(R.ROLE_LIST, self.s("Sections"))),
                           "the sidebar named %r" % self.s("Sections"))
            self.cache["sidebar"] = bar
        return bar

    def sections(self):
        """The sidebar's rows, in order."""
        return [r for r in children(self.sidebar()) if role(r) == R.ROLE_LIST_ITEM]

    def section(self):
        """The name of the section shown (its row is selected)."""
        return next((name(r) for r in self.sections() if selected(r)), None)

    def quit(self):
        """Ctrl+Q, as a user quits; the app must go with status 0."""
        if self.proc.poll() is None:
            main = self.main_window()
            click_focusless(main)
            key("ctrl+q")
        try:
            rc = self.proc.wait(15)
        except subprocess.TimeoutExpired:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(5)
            raise Failure("klijentela did not quit on Ctrl+Q")
        check(rc == 0, "klijentela quit with status %d" % rc)

    def kill(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def log_text(self):
        self.log.flush()
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def log_problems(self):
        return [line for line in self.log_text().splitlines() if LOG_PROBLEM.search(line)]


def click_focusless(window):
    """Nothing: the main window has the keyboard already (no window manager
    moves it elsewhere); kept as a hook should one be needed."""
    return window


# Databases

def make_database(workdir, kind="import"):
    """A database of the 28 clients of data/clients.csv (imported, as a
    user would: no segment, manager or tax ID for some), or of demo data."""
    db = os.path.join(workdir, "klijentela.db")
    binary = os.environ["KLIJENTELA_BINARY"]
    if kind == "import":
        csv = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "clients.csv")
        args = ["--import-csv", csv]
    else:
        args = ["--seed-demo", "40"]
    env = dict(os.environ, LC_ALL="C.UTF-8")
    subprocess.run([binary, "--database", db] + args, check=True, env=env,
                   stdout=subprocess.DEVNULL)
    return db


def db_query(database, sql, *params):
    with sqlite3.connect(database) as conn:
        return conn.execute(sql, params).fetchall()


# Running a scenario

def run(scenarios):
    """test-e2e.py SCENARIO LANG: runs one of @scenarios, a dict of
    name → function (app, workdir) in a private session."""
    reexec_in_private_session()
    if len(sys.argv) != 3 or sys.argv[1] not in scenarios or sys.argv[2] not in LANGS:
        sys.exit("usage: %s {%s} {%s}" % (sys.argv[0], ",".join(scenarios), ",".join(LANGS)))
    scenario, lang = sys.argv[1], sys.argv[2]
    func, db_kind = scenarios[scenario]
    workdir = tempfile.mkdtemp(prefix="kl-e2e-")
    app = None
    ok = False
    no_bus = False
    try:
        db = make_database(workdir, db_kind)
        app = App(lang, db, workdir).start()
        func(app)
        app.quit()
        problems = app.log_problems()
        check(not problems, "the app logged %d critical(s)/warning(s):\n%s"
              % (len(problems), "\n".join(problems[:20])))
        ok = True
    except Failure as e:
        no_bus = isinstance(e, NoBus)
        print("FAIL: %s/%s: %s" % (scenario, lang, e), file=sys.stderr)
        if app is not None and os.path.exists(app.log_path):
            print("--- app log ---\n" + app.log_text()[-4000:], file=sys.stderr)
        if shutil.which("import"):  # ImageMagick, when it is there
            shot = os.path.join(tempfile.gettempdir(), "kl-e2e-%s-%s.png" % (scenario, lang))
            subprocess.run(["import", "-window", "root", shot], stderr=subprocess.DEVNULL)
            if os.path.exists(shot):
                print("screenshot: " + shot, file=sys.stderr)
    finally:
        if app is not None:
            app.kill()
        shutil.rmtree(workdir, ignore_errors=True)
    print("%s: %s/%s" % ("ok" if ok else "not ok", scenario, lang))
    sys.exit(0 if ok else EXIT_NO_BUS if no_bus else 1)
