"""Starting the desktop app: the application object, opening panel files, and moving
between the start screen and the main window.

:func:`open_panel` is the one way the app opens a panel file. Whatever must happen
when a file is opened (unlocking an encrypted panel, a lock against a second writer)
belongs there, so every way in (the command line, the start screen, File > Open,
recent files, the demo) gets it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from ... import APP_NAME, __version__
from ...domain.errors import LeapError, StoreError, shown
from ...domain import model
from ...domain.model import Person
from ...paths import data_dir
from ...services import PanelService, opening
from ...services.files import write_atomically
from ...services.opening import Ask, DamagedFile, UnlockRequest
from ...models.context import AppContext
from ..partials.feedback import tell
from ..partials.icons import app_icon
from .launching import make_ask
from .theme import Appearance

ORGANISATION = "leap-desktop"
APPLICATION = "leap-desktop"
RECENT_KEY = "files/recent"
LAST_KEY = "files/last"
RECENT_LIMIT = 8
SCREENSHOT_SIZE = (1280, 800)
#: How long after the window is shown the day's automatic backup starts (in the background).
BACKUP_DELAY_MS = 300


def configure_application(app: QApplication) -> None:
    """Names used by QSettings and the window titles, and the app's icon."""
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setWindowIcon(app_icon())


def demo_path() -> Path:
    """Where ``--demo`` and "Open the demo panel" keep the demo panel."""
    return data_dir() / "demo.leap"


def open_panel(
    path: str | os.PathLike,
    parent: QWidget | None = None,
    *,
    create: bool = False,
    setup: Callable[[PanelService], object] | None = None,
    settings: QSettings | None = None,
    raise_problems: bool = False,
    interactive: bool = True,
    ask: Ask | None = None,
    passphrase: str | None = None,
    require_keyring: bool = False,
    show_recovery_key: Callable[[str, str, str], object] | None = None,
) -> AppContext | None:
    """Open (or with ``create``, make) a panel file for the app: THE way in.

    * The key: the keyring first, then ``ask`` (by default :func:`make_ask`: the
      environment, then the unlock dialog when ``interactive``).
    * A file another LEAP Desktop has open for changes is opened read-only, and says so
      (the window's title and status bar; every change is refused with that reason).
    * A new file is built under a temporary name and takes its name only when complete
      (:mod:`leap_desktop.store.newfile`), so an interrupted New panel leaves no file:
      it is encrypted (with ``passphrase`` when given; with ``require_keyring`` and no
      passphrase, refused with ``KeyNotKept`` before anything is made when no keyring
      can keep its key); ``setup`` runs on it (e.g. to name the panel); its recovery key
      is shown once through ``show_recovery_key(recovery key, where, panel file name)``
      (by default the recovery key dialog). Then it is opened as any panel file.
    * A damaged file (``DamagedFile``), when a person is there (``interactive``): the
      latest good backup is offered (:mod:`.restore_dialogs`) and, once restored in its
      place, the panel opens.
    * A known problem (missing, damaged or newer file, wrong key, read-only folder...)
      is shown in a plain message over ``parent`` and None is returned; with
      ``raise_problems`` it is raised instead, for a caller that shows it.
    """
    path = Path(path).expanduser()
    service: PanelService | None = None
    # The day's automatic backup is left for later: the window starts it once it is on
    # screen (MainWindow.start_daily_backup), in the background. Backups before a schema
    # update are still made here, before anything changes.
    options = {"ask": ask or make_ask(parent, interactive=interactive), "defer_daily_backup": True}
    made_notes: list[str] = []
    try:
        if create:
            show = show_recovery_key or (lambda key, where, name: _recovery_key_dialog(key, where, name, parent))
            service, made_notes = _make_panel(path, setup=setup, passphrase=passphrase,
                                              require_keyring=require_keyring, show_recovery_key=show)
        elif not path.exists():
            raise StoreError(f"There is no panel file at {path}. It may have been moved or renamed.")
        else:
            service = opening.open_existing(path, **options)
    except LeapError as exc:
        if service is not None:
            service.close()
        if raise_problems:
            raise
        if isinstance(exc, DamagedFile) and interactive:
            return _open_restored(exc, parent, settings=settings, ask=ask)
        tell(parent, "Could not open the panel", str(exc))
        return None
    news = opening.take_news(service)  # each said once
    if news.recovery_key:
        show = show_recovery_key or (lambda key, where, name: _recovery_key_dialog(key, where, name, parent))
        show(news.recovery_key, news.where, path.name)
    ctx = AppContext(service, settings)
    notes = made_notes + news.notes
    if news.read_only:
        notes.insert(0, f"{path.name} is open read-only: {news.read_only_reason}")
    ctx.opening_notes = notes  # the window shows them once it is up
    return ctx


def _make_panel(
    path: Path,
    *,
    setup: Callable[[PanelService], object] | None,
    passphrase: str | None,
    require_keyring: bool,
    show_recovery_key: Callable[[str, str, str], object],
) -> tuple[PanelService, list[str]]:
    """Make a new panel file at ``path`` (see :func:`open_panel`) and open it; returns
    the open service and what to say about its key once the window is up."""
    options: dict = {"passphrase": passphrase} if passphrase else {"require_keyring": require_keyring}
    with opening.building(path) as building:
        with PanelService.open(building, create=True, **options) as service:
            news = opening.take_news(service, shown_as=path)
            recovery, where, notes = news.recovery_key, news.where, news.notes
            if setup is not None:
                setup(service)
            if recovery:
                # Shown before the file takes its name: a panel file is never left whose key
                # nobody has seen (with no keyring, the recovery key may be the only way in).
                show_recovery_key(recovery, where, path.name)
    given: list[str] = []

    def key_just_made(_request: UnlockRequest) -> str | None:
        """With no keyring, the new file opens with the key it was just made with."""
        if given or not recovery:
            return None
        given.append(recovery)
        return recovery

    return PanelService.open(path, ask=key_just_made, defer_daily_backup=True), notes


def _open_restored(error: DamagedFile, parent: QWidget | None, *, settings: QSettings | None,
                   ask: Ask | None) -> AppContext | None:
    """A damaged panel file: offer its latest good backup (or another); once one is in
    its place (the damaged file kept beside it, renamed), open the panel."""
    from ..dialogs.restore import offer_backup, restored_note

    done = offer_backup(error, parent, ask=ask or make_ask(parent))
    if done is None:
        return None
    ctx = open_panel(done.panel, parent, settings=settings, ask=ask)
    if ctx is not None:
        ctx.opening_notes.insert(0, restored_note(done))
    return ctx


def _recovery_key_dialog(recovery_key: str, where: str, name: str, parent: QWidget | None) -> None:
    from ..dialogs.security import RecoveryKeyDialog

    RecoveryKeyDialog(recovery_key, where, name, parent).exec()


class Launcher(QObject):
    """Which window is showing: the start screen, or the main window of one panel."""

    def __init__(self, settings: QSettings | None = None, appearance: Appearance | None = None):
        super().__init__()
        self.settings = settings or QSettings()
        self.appearance = appearance or Appearance(self.settings)
        self.window = None  # MainWindow of the open panel
        self.start_screen = None
        #: how a new panel's recovery key is shown, once (the recovery key dialog; tests replace it)
        self.show_recovery_key: Callable[[str, str, str], object] | None = None

    # -- recent files ---------------------------------------------------------------------------

    def recent(self) -> list[Path]:
        value = self.settings.value(RECENT_KEY, [])
        if isinstance(value, str):
            value = [value] if value else []
        return [Path(v) for v in (value or [])][:RECENT_LIMIT]

    def remember(self, path: Path) -> None:
        path = path.resolve()
        paths = [p for p in self.recent() if p != path]
        self.settings.setValue(RECENT_KEY, [str(p) for p in [path, *paths][:RECENT_LIMIT]])
        self.settings.setValue(LAST_KEY, str(path))

    def forget(self, path: Path) -> None:
        self.settings.setValue(RECENT_KEY, [str(p) for p in self.recent() if p != path])
        if str(self.settings.value(LAST_KEY, "")) == str(path):
            self.settings.remove(LAST_KEY)

    def last_panel(self) -> Path | None:
        last = self.settings.value(LAST_KEY, "")
        return Path(str(last)) if last else None

    # -- starting ---------------------------------------------------------------------------------

    def start(self, db: Path | None = None, demo: bool = False) -> None:
        """``--demo``, ``--db``, else the last panel used, else the start screen."""
        if demo:
            if self.open_demo(None):
                return
        elif db is not None:
            if self.open_path(db):
                return
        else:
            last = self.last_panel()
            if last is not None and last.exists() and self.open_path(last):
                return
        self.show_start()

    def show_start(self) -> None:
        from .start_screen import StartScreen

        if self.start_screen is None:
            self.start_screen = StartScreen(self)
        self.start_screen.refresh()
        self.start_screen.show()
        self.start_screen.raise_()
        self.start_screen.activateWindow()
        self.start_screen.focus_first()

    def active_window(self) -> QWidget | None:
        if self.window is not None and self.window.isVisible():
            return self.window
        return self.start_screen

    # -- opening ----------------------------------------------------------------------------------

    def open_path(self, path: str | os.PathLike, *, parent: QWidget | None = None, ask: Ask | None = None) -> bool:
        path = Path(path).expanduser()
        if self.window is not None and Path(self.window.ctx.path).resolve() == path.resolve():
            self.window.raise_()
            self.window.activateWindow()
            return True
        parent = parent or self.active_window()
        # Opening checks the file (page by page, when it was changed outside LEAP Desktop):
        # on a large panel that is a moment, so say so with the pointer (the unlock
        # dialog, if needed, still works). The day's backup comes after, in the background.
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            ctx = open_panel(path, parent, settings=self.settings, ask=ask or make_ask(parent))
        finally:
            QGuiApplication.restoreOverrideCursor()
        if ctx is None:
            return False
        self._show_window(ctx)
        self.remember(path)
        return True

    def create_panel(self, path: Path, values: dict, *, passphrase: str | None = None,
                     recovery_key_only: bool = False) -> None:
        """Make a new panel file and open it; raises LeapError if it cannot.

        Its key is kept in the keyring; ``passphrase`` lets a passphrase open it too.
        Where no keyring can keep the key, and no passphrase is given, it is refused
        (``KeyNotKept``, nothing made: the New panel dialog then offers a passphrase)
        unless ``recovery_key_only``: the person chose to rely on the recovery key."""
        ctx = open_panel(path, self.active_window(), create=True, setup=lambda s: s.set_panel(**values),
                         settings=self.settings, raise_problems=True, show_recovery_key=self.show_recovery_key,
                         passphrase=passphrase, require_keyring=not recovery_key_only)
        assert ctx is not None
        self._show_window(ctx)
        self.remember(path)

    def _show_window(self, ctx: AppContext) -> None:
        from .main_window import MainWindow

        old = self.window
        self.window = MainWindow(ctx, self)
        self.window.show()
        self.window.activateWindow()
        # Once the window has been drawn: today's automatic backup, in the background.
        QTimer.singleShot(BACKUP_DELAY_MS, self.window.start_daily_backup)
        if old is not None:
            old.close()
        if self.start_screen is not None:
            self.start_screen.hide()

    def open_file(self, parent: QWidget | None = None) -> bool:
        folder = str(self.last_panel().parent) if self.last_panel() else str(data_dir())
        path, _ = QFileDialog.getOpenFileName(
            parent, "Open a panel file", folder, "Panel files (*.leap);;All files (*)"
        )
        return bool(path) and self.open_path(Path(path), parent=parent)

    def new_panel(self, parent: QWidget | None = None) -> None:
        from ..dialogs.new_panel import NewPanelDialog

        dialog = NewPanelDialog(self.create_panel, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def join_panel(self, parent: QWidget | None = None) -> None:
        """Join a panel from a shared folder…: the dialog, then the new file opens."""
        from ..dialogs.join import JoinPanelDialog

        dialog = JoinPanelDialog(lambda path, folder, secret: self.join_from_folder(path, folder, secret, parent),
                                 parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def join_from_folder(self, path: Path, folder: Path, secret: str, parent: QWidget | None = None) -> None:
        """Make this laptop's panel file ``path`` from the panel in ``folder`` that
        ``secret`` opens (services/joining.py), open it, and keep ``folder`` as its
        shared folder on this laptop. Raises LeapError if nothing could be made."""
        from ...services import joining

        joining.join(path, folder, secret)
        if not self.open_path(path, parent=parent, ask=make_ask(parent, first=secret.strip())):
            raise StoreError(f"{path.name} was made, but could not be opened; open it with File > Open panel…")
        self.window.sync_place.set_folder(folder)
        self.window.show_message(f"Made {path.name} from the shared folder: this laptop now syncs this panel with "
                                 f"{folder} (File > Sync with a shared folder…)")

    def open_demo(self, parent: QWidget | None = None) -> bool:
        """Open the demo panel in the user's data folder, making it first if needed."""
        from ...services.demo import DEMO_PASSPHRASE, create_demo_file  # not needed at every start

        path = demo_path()
        if not path.exists():
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                create_demo_file(path)
            except LeapError as exc:
                tell(parent or self.active_window(), "Could not make the demo panel", str(exc))
                return False
            except OSError as exc:
                tell(parent or self.active_window(), "Could not make the demo panel",
                     f"Cannot write in {path.parent}: {exc.strerror}")
                return False
            finally:
                QGuiApplication.restoreOverrideCursor()
        return self.open_path(path, parent=parent, ask=make_ask(parent, first=DEMO_PASSPHRASE))

    # -- closing ------------------------------------------------------------------------------------

    def close_panel(self) -> None:
        """File > Close panel: back to the start screen."""
        self.show_start()
        if self.window is not None:
            window, self.window = self.window, None
            window.close()

    def quit(self) -> None:
        if self.window is not None:
            window, self.window = self.window, None
            window.close()
        if self.start_screen is not None:
            self.start_screen.close()
        QApplication.quit()


# -- screenshots ------------------------------------------------------------------------------------


def _resolve_record(ctx: AppContext, page_id: str, text: str) -> str:
    """``D-12``, ``M-3``, ``A-7``, ``P-2`` (or, for a person's page, a name) -> an id."""
    text = text.strip()
    cls = model.BY_PREFIX.get(text[:1].upper()) if len(text) > 1 and text[1:2] in "-0123456789" else None
    if cls is None and page_id == "person":
        cls = Person
    if cls is None:
        raise StoreError(f"Say which record to show with a reference like D-12 (got {shown(text)})")
    return ctx.service.resolve(cls, text).id


def take_screenshot(
    out: Path,
    *,
    page_id: str | None,
    db: Path | None,
    record: str | None = None,
    high_contrast: bool = False,
    text_scale: float = 1.0,
    size: tuple[int, int] = SCREENSHOT_SIZE,
) -> int:
    """Render the main window on ``page_id`` to a PNG without showing it; 0 when written.
    ``high_contrast`` and ``text_scale`` draw it as View > High-contrast theme and View >
    Text size would (without changing the user's settings)."""
    from .main_window import MainWindow
    from ..pages import default_page, page_class, page_ids

    page_id = page_id or default_page()
    if page_class(page_id) is None:
        print(
            f"leap-desktop: there is no {shown(page_id)} page in this version of {APP_NAME}; "
            f"pages: {', '.join(page_ids())}",
            file=sys.stderr,
        )
        return 1
    try:
        path = db if db is not None else demo_path()
        demo_passphrase = None
        if db is None:
            from ...services.demo import DEMO_PASSPHRASE, create_demo_file  # only for the demo panel

            demo_passphrase = DEMO_PASSPHRASE
            if not path.exists():
                create_demo_file(path)
        with tempfile.TemporaryDirectory(prefix="leap-screenshot-") as folder:
            # Settings of its own: a screenshot never changes the user's window or recent files.
            settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
            appearance = Appearance(settings)
            appearance.high_contrast = high_contrast
            appearance.scale = text_scale
            appearance.apply()
            ctx = open_panel(path, settings=settings, raise_problems=True,
                             ask=make_ask(None, interactive=False, first=demo_passphrase))
            assert ctx is not None
            window = MainWindow(ctx, None, appearance=appearance, remember=False, first_page=page_id, fit_screen=False)
            try:
                window.resize(*size)
                window.show_page(page_id, _resolve_record(ctx, page_id, record) if record else None)
                window.show()
                for _ in range(3):
                    QApplication.processEvents()
                image = window.grab()
                data = QByteArray()
                buffer = QBuffer(data)
                buffer.open(QIODevice.OpenModeFlag.WriteOnly)
                if not image.save(buffer, "PNG"):
                    raise StoreError(f"Could not draw the {page_id} page")
                buffer.close()
                write_atomically(out, bytes(data.data()), mode=0o644)
            finally:
                window.close()
            appearance.high_contrast = False
            appearance.scale = 1.0
            appearance.apply()
    except LeapError as exc:
        print(f"leap-desktop: {exc}", file=sys.stderr)
        return 1
    print(f"Wrote {out} (the {page_id} page of {path})")
    return 0
