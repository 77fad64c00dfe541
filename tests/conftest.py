"""Shared test set-up: Qt headless, a fresh panel file per test, no real keyring."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LEAP_ACTOR", "test")
# Each test (and each app it starts) on its own: no hand-over to a LEAP Desktop already open.
os.environ.setdefault("LEAP_SINGLE_INSTANCE", "0")

import keyring  # noqa: E402
import keyring.backends.fail  # noqa: E402
import pytest  # noqa: E402

from leap_desktop.services import PanelService  # noqa: E402
from clock import FIXED_NOW  # noqa: E402
from memory_keyring import LockedKeyring, MemoryKeyring  # noqa: E402

NO_KEYRING = "keyring.backends.fail.Keyring"



@pytest.fixture(scope="session", autouse=True)
def no_real_keyring_or_data_folder(tmp_path_factory):
    """Every test runs with an in-memory keyring and a throw-away data folder (backups,
    settings), so nothing touches the real OS keyring or the user's files."""
    previous_keyring = keyring.get_keyring()
    previous_dir = os.environ.get("LEAP_DATA_DIR")
    previous_backend = os.environ.get("PYTHON_KEYRING_BACKEND")
    keyring.set_keyring(MemoryKeyring())
    # A process a test starts inherits no keyring either, unless the test sets its own.
    os.environ["PYTHON_KEYRING_BACKEND"] = NO_KEYRING
    os.environ["LEAP_DATA_DIR"] = str(tmp_path_factory.mktemp("data"))
    for name in ("LEAP_PASSPHRASE", "LEAP_RECOVERY_KEY", "LEAP_NEW_PASSPHRASE"):
        os.environ.pop(name, None)
    yield
    keyring.set_keyring(previous_keyring)
    if previous_backend is None:
        os.environ.pop("PYTHON_KEYRING_BACKEND", None)
    else:
        os.environ["PYTHON_KEYRING_BACKEND"] = previous_backend
    if previous_dir is None:
        os.environ.pop("LEAP_DATA_DIR", None)
    else:
        os.environ["LEAP_DATA_DIR"] = previous_dir


@pytest.fixture
def memory_keyring():
    """A fresh, empty in-memory keyring for this test."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def no_keyring():
    """No keyring at all (keyring's own 'fail' backend, as on a headless server)."""
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def locked_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(LockedKeyring())
    yield
    keyring.set_keyring(previous)


@pytest.fixture
def panel_path(tmp_path):
    return tmp_path / "panel.leap"


@pytest.fixture
def service(panel_path):
    """An empty panel file, with the clock at 15 June 2026."""
    svc = PanelService.open(panel_path, create=True, clock=lambda: FIXED_NOW)
    svc.set_panel(name="Test panel", purpose="Testing")
    yield svc
    svc.close()


@pytest.fixture
def small_panel(service):
    """A meeting with two items, four people across roles and consents, contributions."""
    s = service
    people = {
        "amira": s.add_person(display_name="Amira Khan", roles=["lived_experience"], consent="named"),
        "ben": s.add_person(display_name="Ben Okafor", roles=["carer"], consent="initials"),
        "cat": s.add_person(display_name="Cat Rhodes", roles=["researcher"], consent="role_only"),
        "dev": s.add_person(display_name="Dev Patel", roles=["lived_experience", "practitioner"], consent="anonymous"),
    }
    meeting = s.add_meeting(title="March panel", starts_at="2026-03-05 14:00", planned_minutes=90)
    later = s.add_meeting(title="April panel", starts_at="2026-04-02 14:00", planned_minutes=90)
    item = s.add_item(meeting.id, title="Consent form", purpose="decision", allotted_minutes=40)
    other = s.add_item(meeting.id, title="Recruitment poster", purpose="discussion", allotted_minutes=30)
    said = {
        "amira": s.add_contribution(item.id, people["amira"].id, "insight", "The form felt frightening when I was unwell."),
        "ben": s.add_contribution(item.id, people["ben"].id, "suggestion", "Put a one-page summary first."),
        "cat": s.add_contribution(item.id, people["cat"].id, "concern", "Ethics will want the full wording kept."),
        "dev": s.add_contribution(item.id, people["dev"].id, "idea", "Offer an easy-read version."),
    }
    return {"people": people, "meeting": meeting, "later": later, "item": item, "other": other, "said": said}


@pytest.fixture(scope="session")
def demo_master(tmp_path_factory):
    """The demo panel built once per test run (clock at 15 June 2026); copy it before use."""
    from leap_desktop.services.demo import build_demo

    folder = tmp_path_factory.mktemp("demo-master")
    built = folder / "built.leap"
    with PanelService.open(built, create=True, clock=lambda: FIXED_NOW) as svc:
        build_demo(svc.store)
    # Moved once built, so that the copies tests make are taken for a moved file (as a
    # user's copy of a file no longer at its first place is), not for a second copy.
    path = folder / "demo.leap"
    built.rename(path)
    return path


@pytest.fixture
def demo_path(demo_master, tmp_path):
    """A fresh copy of the demo panel for one test (nothing has the master open)."""
    import shutil

    path = tmp_path / "demo.leap"
    shutil.copyfile(demo_master, path)
    return path


@pytest.fixture
def demo_service(demo_path):
    """The demo panel, open, with the clock at 15 June 2026 (closing twice is harmless,
    so a window that closed it first is fine)."""
    svc = PanelService.open(demo_path, clock=lambda: FIXED_NOW)
    yield svc
    svc.close()


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def ctx(service, settings, qapp):
    from leap_desktop.models.context import AppContext  # a Qt import: only when asked for

    context = AppContext(service, settings)
    yield context
    context.detach()


@pytest.fixture
def demo_ctx(demo_service, settings, qapp):
    """An AppContext over a copy of the demo panel (clock at 15 June 2026)."""
    from leap_desktop.models.context import AppContext  # a Qt import: only when asked for

    context = AppContext(demo_service, settings)
    yield context
    context.detach()
