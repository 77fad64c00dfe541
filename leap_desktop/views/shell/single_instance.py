"""One LEAP Desktop per person: starting it again hands over to the one already open.

The first app listens on a ``QLocalServer`` (:class:`InstanceServer`). A later start
(``leap-desktop``, ``leap-desktop --db FILE``, ``--demo``) first tries to connect
(:func:`hand_over`): if someone answers, it sends its one request, prints the answer
on stdout and exits 0; the first window comes to the front and opens the file there,
through the usual way in (:meth:`Launcher.open_path`), asking first when another panel
is open in it (:class:`Welcome`).

* The server's name is per user and per data folder, and on Linux and macOS a socket
  in a private folder (``$XDG_RUNTIME_DIR``, or the owner-only data folder), made
  owner-only too (``UserAccessOption``): only the same user can connect.
* A socket left by a crash (there, but nobody answers) is removed and taken over.
* What arrives is never trusted: one line of JSON of at most :data:`MAX_REQUEST`
  bytes, with at most one absolute path of at most :data:`MAX_PATH` characters and no
  control characters, exactly as a person could give it with ``--db``; anything else
  is refused in one line and nothing happens.
* ``LEAP_SINGLE_INSTANCE=0`` turns it off (the test suite does), and so does a timed
  start (``LEAP_EXIT_WHEN_SHOWN``, which must time its own window); ``--screenshot``
  never takes part.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

if TYPE_CHECKING:  # QtNetwork is loaded when a socket is first needed (not at every start)
    from PySide6.QtNetwork import QLocalSocket

from ... import APP_NAME
from ...paths import data_dir

ENV = "LEAP_SINGLE_INSTANCE"
MAX_REQUEST = 8192  # bytes: one path and a few words
MAX_PATH = 4096  # characters, as PATH_MAX
MAX_ANSWER = 1000
CONNECT_MS = 1000
ANSWER_MS = 5000


class NotAnswering(Exception):
    """A LEAP Desktop is listening but gave no answer."""


def enabled(environ: dict[str, str] | None = None) -> bool:
    environ = os.environ if environ is None else environ
    if environ.get(ENV, "").strip() == "0":
        return False
    return environ.get("LEAP_EXIT_WHEN_SHOWN", "").strip() in ("", "0")


def server_name(environ: dict[str, str] | None = None) -> str:
    """The name the first LEAP Desktop of this user (and data folder) listens on."""
    environ = os.environ if environ is None else environ
    folder = data_dir(create=False)
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no name for this user id
        user = str(os.getuid()) if hasattr(os, "getuid") else "user"
    key = hashlib.sha256(f"{user}\0{folder}".encode("utf-8", "surrogateescape")).hexdigest()[:12]
    name = f"leap-desktop-{key}"
    if sys.platform == "win32":  # a named pipe; UserAccessOption keeps it to this user
        return name
    for place in (environ.get("XDG_RUNTIME_DIR"), str(folder)):
        if place and _private_folder(Path(place)):
            candidate = str(Path(place) / f"{name}.sock")
            if len(os.fsencode(candidate)) < 104:  # a Unix socket's path: at most 103 bytes on macOS
                return candidate
    return name  # Qt puts it in the temporary folder, owner-only


def _private_folder(path: Path) -> bool:
    try:
        info = path.stat()
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and not info.st_mode & 0o077


# -- the request --------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """What a later start asks of the first: open this panel file, the demo, or just
    come to the front (neither)."""

    open: str | None = None
    demo: bool = False

    def encode(self) -> bytes:
        return json.dumps({"open": self.open, "demo": self.demo}).encode("utf-8") + b"\n"

    @classmethod
    def decode(cls, line: bytes) -> "Request":
        """The request in one line, or ValueError saying what is wrong with it."""
        if len(line) > MAX_REQUEST:
            raise ValueError("the request is too long")
        try:
            data = json.loads(line.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise ValueError("the request is not one LEAP Desktop understands") from None
        if not isinstance(data, dict) or set(data) != {"open", "demo"} or not isinstance(data["demo"], bool):
            raise ValueError("the request is not one LEAP Desktop understands")
        path = data["open"]
        if path is not None:
            valid_path(path)
            if data["demo"]:
                raise ValueError("the request asks for two panels at once")
        return cls(open=path, demo=data["demo"])


def valid_path(path: object) -> Path:
    """A path as a person could have given it on the command line, already made
    absolute by the start that sends it; ValueError if it is anything else."""
    if not isinstance(path, str) or not path:
        raise ValueError("the panel file's name is missing")
    if len(path) > MAX_PATH:
        raise ValueError(f"the panel file's name is longer than {MAX_PATH} characters")
    if any(ord(c) < 32 or ord(c) == 127 for c in path):
        raise ValueError("the panel file's name has control characters in it")
    if not os.path.isabs(path):
        raise ValueError("the panel file's name is not a full path")
    return Path(path)


def request_for(db: Path | None, demo: bool) -> Request:
    """The request of this start: ``--db`` made absolute here (the first app's working
    folder is another), ``--demo``, or neither."""
    if db is not None:
        return Request(open=os.path.abspath(os.path.expanduser(os.fspath(db))))
    return Request(demo=demo)


# -- a later start --------------------------------------------------------------------------


def hand_over(request: Request, name: str) -> str | None:
    """Give ``request`` to the LEAP Desktop listening on ``name``: its answer (one line to
    print), or None when none is running. Raises :class:`NotAnswering` when one is
    there but does not answer.

    A server named by a socket's path that is not there is not running: nothing more is
    tried (the first start of the day loads no networking at all)."""
    if sys.platform != "win32" and os.path.isabs(name) and not os.path.exists(name):
        return None
    from PySide6.QtNetwork import QLocalSocket

    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(CONNECT_MS):
        return None
    sock.write(request.encode())
    sock.waitForBytesWritten(CONNECT_MS)
    data = b""
    while b"\n" not in data and len(data) < MAX_ANSWER and sock.waitForReadyRead(ANSWER_MS):
        data += bytes(sock.readAll().data())
    sock.abort()
    if b"\n" not in data:
        raise NotAnswering(f"{APP_NAME} is already running but does not answer; this window opens on its own")
    return data.split(b"\n", 1)[0].decode("utf-8", "replace")[:MAX_ANSWER]


# -- the first app -------------------------------------------------------------------------


class InstanceServer(QObject):
    """Listens on ``name``; each request is given to ``answer``, whose reply goes back."""

    def __init__(self, name: str, answer: Callable[[Request], str], parent: QObject | None = None):
        super().__init__(parent)
        from PySide6.QtNetwork import QLocalServer

        self.name = name
        self.answer = answer
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)
        self._pending: dict[QLocalSocket, bytes] = {}

    def listen(self) -> bool:
        """Start listening; a socket left by a crash is removed first. False if it cannot."""
        if self.server.listen(self.name):
            return True
        # Nobody answered on it (hand_over was tried first): a leftover from a crash.
        type(self.server).removeServer(self.name)
        return self.server.listen(self.name)

    def close(self) -> None:
        for sock in list(self._pending):
            sock.abort()
        self._pending.clear()
        self.server.close()

    def _accept(self) -> None:
        while self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            self._pending[sock] = b""
            sock.readyRead.connect(partial(self._read, sock))
            sock.disconnected.connect(partial(self._forget, sock))
            QTimer.singleShot(ANSWER_MS, sock, partial(self._give_up, sock))
            if sock.bytesAvailable():
                self._read(sock)

    def _forget(self, sock: QLocalSocket) -> None:
        self._pending.pop(sock, None)
        sock.deleteLater()

    def _give_up(self, sock: QLocalSocket) -> None:
        if sock in self._pending:  # connected, and never sent a whole request
            self._pending.pop(sock)
            sock.abort()

    def _read(self, sock: QLocalSocket) -> None:
        if sock not in self._pending:
            return
        data = self._pending[sock] + bytes(sock.readAll().data())
        if b"\n" not in data and len(data) <= MAX_REQUEST:
            self._pending[sock] = data
            return
        del self._pending[sock]
        try:
            said = self.answer(Request.decode(data.split(b"\n", 1)[0]))
        except ValueError as exc:
            said = f"{APP_NAME} did not take that: {exc}"
        sock.write(said.replace("\n", " ").encode("utf-8")[:MAX_ANSWER - 1] + b"\n")
        sock.flush()
        sock.disconnectFromServer()


def bring_forward(widget: QWidget) -> None:
    """Show ``widget`` in front, un-minimised, and ask for the keyboard (a window
    manager that refuses to hand focus over still shows it wants attention)."""
    if widget.isMinimized():
        widget.showNormal()
    widget.show()
    widget.raise_()
    widget.activateWindow()
    QApplication.alert(widget)


def ask_to_switch(parent: QWidget, current: Path, other: Path) -> bool:
    """Before another panel takes the window: close this one and open that one?"""
    box = QMessageBox(QMessageBox.Icon.Question, f"Open {other.name}?",
                      f"{APP_NAME} was started again to open {other}.\n\nThat closes {current.name} "
                      "(everything in it is already saved).", parent=parent)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    switch = box.addButton(f"Open {other.name}", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(f"Keep {current.name} open", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is switch


class Welcome(QObject):
    """The first app's side: what a later start's request does here, and the line the
    later start prints. The work is done just after the answer has gone back."""

    def __init__(self, launcher, ask: Callable[[QWidget, Path, Path], bool] = ask_to_switch):
        super().__init__(launcher)
        self.launcher = launcher
        self.ask = ask

    def __call__(self, request: Request) -> str:
        launcher = self.launcher
        modal = QApplication.activeModalWidget()
        if request.demo:
            from .app import demo_path

            target: Path | None = demo_path()
        else:
            target = valid_path(request.open) if request.open is not None else None
        if modal is not None:
            bring_forward(modal)
            if target is None:
                return f"{APP_NAME} is already open: its window was brought to the front."
            return (f"{APP_NAME} is already open, with a question waiting for an answer: answer it there, "
                    f"then open {target.name} again.")
        window = launcher.window if launcher.window is not None and launcher.window.isVisible() else None
        if target is None:
            if window is None:
                QTimer.singleShot(0, launcher.show_start)
            else:
                bring_forward(window)
            return f"{APP_NAME} is already open: its window was brought to the front."
        if window is not None and _same_file(window.ctx.path, target):
            bring_forward(window)
            return f"{APP_NAME} already has {target.name} open: its window was brought to the front."
        QTimer.singleShot(0, partial(self._open, target, request.demo))
        return f"{APP_NAME} is already open: {target.name} opens in its window."

    def _open(self, target: Path, demo: bool) -> None:
        launcher = self.launcher
        window = launcher.window if launcher.window is not None and launcher.window.isVisible() else None
        front = window or launcher.active_window()
        if front is not None:
            bring_forward(front)
        if window is not None and not self.ask(window, Path(window.ctx.path), target):
            return
        if demo:
            launcher.open_demo(front)
        else:
            launcher.open_path(target, parent=front)


def _same_file(a: str | os.PathLike, b: Path) -> bool:
    try:
        return Path(a).resolve() == b.resolve()
    except OSError:
        return False


def serve(launcher, name: str | None = None) -> InstanceServer | None:
    """Listen for later starts on behalf of ``launcher``; None if it cannot (the app
    works on, only without hand-over)."""
    server = InstanceServer(name or server_name(), Welcome(launcher), launcher)
    if not server.listen():
        print(f"leap-desktop: another start of {APP_NAME} will open a window of its own "
              f"({server.server.errorString()})", file=sys.stderr)
        server.deleteLater()
        return None
    return server
