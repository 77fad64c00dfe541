"""The app starts without what it does not need yet (issue 11, start-up): python-docx,
sqlite-utils, matplotlib, the pages not on screen, the dialogs not open and what changes a
file's protection are imported when first used, and each page is made the first time it is
shown, with its menu still there from the start."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from leap_desktop.store.keys import KeyStore, format_recovery_key, read_salt
from leap_desktop.views.pages.base import Page
from leap_desktop.views.pages import ENTRIES, NAVIGATION, page_class

ROOT = Path(__file__).resolve().parents[2]
#: Loaded at the first Word export or import, schema update, demo panel, or showing of the page.
DEFERRED = (
    "docx", "sqlite_utils", "leap_desktop.services.demo", "leap_desktop.export.minutes_docx",
    "leap_desktop.export.decisions_docx", "leap_desktop.export.review_docx", "leap_desktop.views.dialogs.minutes.dialogs",
    "leap_desktop.views.pages.meeting_mode", "leap_desktop.views.pages.meeting_workspace", "leap_desktop.views.pages.actions",
    "leap_desktop.views.pages.people", "leap_desktop.views.pages.person",
    "matplotlib", "leap_desktop.views.pages.reports", "leap_desktop.export.charts",
    # the unlock dialog (and printing, for the recovery key), the decision log's dialogs, About's versions
    "leap_desktop.views.dialogs.security", "PySide6.QtPrintSupport", "leap_desktop.views.dialogs.form_dialog",
    "leap_desktop.views.dialogs.decisions", "leap_desktop.views.dialogs.actions", "leap_desktop.views.dialogs.export",
    "importlib.metadata",
    # a message box, About (and the engine versions it names), the problem report, the restore dialogs
    "leap_desktop.views.dialogs.about", "leap_desktop.services.security", "leap_desktop.views.shell.errors",
    "leap_desktop.views.dialogs.restore",
    # changing a file's protection and checking it; sync (apsw), invitations (icalendar); the
    # sync service itself is light and comes at start for the status line's "Synced … ago"
    "leap_desktop.store.protect", "leap_desktop.store.file_check", "apsw", "leap_desktop.store.sync_engine",
    "icalendar",
    # the records of payments, the impact log, communication and the reports' texts
    "leap_desktop.domain.payments", "leap_desktop.domain.impact_records", "leap_desktop.domain.comms",
    "leap_desktop.domain.reports",
    # the start screen and the hand-over to a LEAP Desktop already open (not for a picture)
    "leap_desktop.views.shell.start_screen", "leap_desktop.views.shell.single_instance", "PySide6.QtNetwork",
)
CHILD = """
import sys
from leap_desktop.__main__ import main
code = main(sys.argv[1:])
print("LOADED", " ".join(sorted(name for name in {deferred!r} if name in sys.modules)))
sys.exit(code)
"""


def test_drawing_the_decision_log_imports_no_word_export_schema_tools_or_other_pages(demo_path, tmp_path):
    picture = tmp_path / "decisions.png"
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEAP_")}
    env.update(
        QT_QPA_PLATFORM="offscreen", LEAP_DATA_DIR=str(tmp_path / "data"),
        PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring",  # the key is given directly
        LEAP_RECOVERY_KEY=format_recovery_key(KeyStore().get(read_salt(demo_path))),
        PYTHONPATH=str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
    )
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(deferred=DEFERRED),
         "--db", str(demo_path), "--screenshot", str(picture), "--page", "decisions"],
        capture_output=True, text=True, env=env, timeout=120, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert picture.stat().st_size > 10_000, "the decision log was drawn"
    loaded = done.stdout.split("LOADED", 1)[1].split()
    assert loaded == []


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.page_id)
def test_the_page_list_says_what_each_page_says_of_itself(entry):
    cls = page_class(entry.page_id)
    assert issubclass(cls, Page)
    assert (cls.PAGE_ID, cls.TITLE, cls.MENU) == (entry.page_id, entry.title, entry.menu)


def test_a_page_is_made_when_first_shown_and_its_menu_is_there_before(window):
    assert set(window.pages) == {window.current_id}
    other = next(p for p in NAVIGATION if p != window.current_id and p != "decisions")
    menu = window.page_menus[other]
    assert menu.actions() == [], "no commands until the page is made"
    page = window.page(other)
    assert set(window.pages) == {window.current_id, other}
    assert window.current_id != other, "made, not shown"
    assert menu.actions(), "its commands are in its menu once it is made"
    assert window.show_page(other) is page
    assert window.page_actions[other].isChecked()
    assert window.navigation.currentItem().text() == page.TITLE
