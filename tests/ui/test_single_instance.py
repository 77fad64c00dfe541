"""Starting LEAP Desktop again hands over to the one already open: its window comes
forward and opens the file there; the later start prints one line and exits 0."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtNetwork import QLocalSocket

from leap_desktop.services import PanelService
from leap_desktop.store.lock import read_holder
from leap_desktop.views.shell import single_instance
from leap_desktop.views.shell.app import Launcher
from leap_desktop.views.shell.single_instance import MAX_PATH, MAX_REQUEST, InstanceServer, Request, Welcome


@pytest.fixture
def short_folder():
    """A private folder with a short path, as $XDG_RUNTIME_DIR is (a socket's path is short)."""
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="leap-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def name(short_folder):
    """A server name of this test's own, in a private folder (as the app's is)."""
    return str(short_folder / "leap-test.sock")


@pytest.fixture
def server(name, qapp):
    heard: list[Request] = []

    def answer(request: Request) -> str:
        heard.append(request)
        return f"took {request.open or ('demo' if request.demo else 'front')}"

    listening = InstanceServer(name, answer)
    assert listening.listen()
    listening.heard = heard
    yield listening
    listening.close()


class Client:
    """A later start's side, without blocking the event loop the server needs."""

    def __init__(self, name: str):
        self.sock = QLocalSocket()
        self.received = b""
        self.sock.readyRead.connect(self._read)
        self.sock.connectToServer(name)

    def _read(self) -> None:
        self.received += bytes(self.sock.readAll().data())

    def send(self, data: bytes) -> "Client":
        self.sock.write(data)
        self.sock.flush()
        return self

    def answer(self, qtbot) -> str:
        qtbot.waitUntil(lambda: b"\n" in self.received, timeout=3000)
        return self.received.decode().strip()


def test_two_later_starts_each_get_their_answer(server, name, qtbot, tmp_path):
    first = Client(name).send(Request(open=str(tmp_path / "a.leap")).encode())
    second = Client(name).send(Request().encode())
    assert first.answer(qtbot) == f"took {tmp_path / 'a.leap'}"
    assert second.answer(qtbot) == "took front"
    assert server.heard == [Request(open=str(tmp_path / "a.leap")), Request()]


@pytest.mark.parametrize("line, why", [
    (b"not json", "the request is not one LEAP Desktop understands"),
    (json.dumps({"open": "relative/p.leap", "demo": False}).encode(), "the panel file's name is not a full path"),
    (json.dumps({"open": "/tmp/p\n.leap", "demo": False}).encode(), "the panel file's name has control characters in it"),
    (json.dumps({"open": "/" + "a" * MAX_PATH, "demo": False}).encode(), f"longer than {MAX_PATH} characters"),
    (json.dumps({"open": ["/a.leap", "/b.leap"], "demo": False}).encode(), "the panel file's name is missing"),
    (json.dumps({"open": "/a.leap", "demo": False, "run": "rm -rf"}).encode(), "not one LEAP Desktop understands"),
    (json.dumps({"open": "/a.leap", "demo": True}).encode(), "two panels at once"),
])
def test_a_request_that_is_not_a_path_a_person_could_give_is_refused(server, name, qtbot, line, why):
    client = Client(name).send(line + b"\n")
    said = client.answer(qtbot)
    assert said.startswith("LEAP Desktop did not take that: ") and why in said
    assert server.heard == []


def test_an_endless_request_is_cut_off_unheard(server, name, qtbot):
    client = Client(name).send(b"x" * (MAX_REQUEST + 10))
    qtbot.waitUntil(lambda: client.sock.state() == QLocalSocket.LocalSocketState.UnconnectedState, timeout=3000)
    assert server.heard == []


@pytest.mark.skipif(sys.platform == "win32", reason="a Unix socket's permissions")
def test_the_socket_is_owner_only(server):
    mode = os.stat(server.server.fullServerName()).st_mode
    assert stat.S_ISSOCK(mode) and not mode & 0o077


@pytest.mark.skipif(sys.platform == "win32", reason="a Unix socket left by a crash")
def test_a_socket_left_by_a_crash_is_taken_over(name, qapp):
    dead = socket.socket(socket.AF_UNIX)
    dead.bind(name)  # a LEAP Desktop that was killed: its socket is there, nobody listens
    dead.close()
    assert Path(name).exists()
    assert single_instance.hand_over(Request(), name) is None  # nobody answers: start as the first
    taking = InstanceServer(name, lambda request: "here")
    try:
        assert taking.listen()
    finally:
        taking.close()


def test_no_one_listening_means_this_start_is_the_first(name, qapp):
    assert single_instance.hand_over(Request(), name) is None


def test_hand_over_is_off_for_tests_and_timed_starts():
    assert not single_instance.enabled({"LEAP_SINGLE_INSTANCE": "0"})
    assert not single_instance.enabled({"LEAP_EXIT_WHEN_SHOWN": "1"})
    assert single_instance.enabled({})


def test_the_name_is_private_to_this_user_and_data_folder(tmp_path, short_folder, monkeypatch):
    runtime = short_folder
    monkeypatch.setenv("LEAP_DATA_DIR", str(tmp_path / "one"))
    one = single_instance.server_name({"XDG_RUNTIME_DIR": str(runtime)})
    monkeypatch.setenv("LEAP_DATA_DIR", str(tmp_path / "two"))
    two = single_instance.server_name({"XDG_RUNTIME_DIR": str(runtime)})
    assert one != two
    if sys.platform != "win32":
        assert Path(one).parent == runtime
        runtime.chmod(0o755)  # a folder others can read is not used
        assert Path(single_instance.server_name({"XDG_RUNTIME_DIR": str(runtime)})).parent != runtime


# -- the first app's side ----------------------------------------------------------------------


@pytest.fixture
def launcher(settings, appearance, qtbot):
    first = Launcher(settings, appearance)
    first.show_start()
    yield first
    first.quit()


@pytest.fixture
def other_panel(tmp_path):
    path = tmp_path / "other.leap"
    with PanelService.open(path, create=True) as svc:
        svc.set_panel(name="Other panel")
    return path


def test_a_later_start_with_a_file_opens_it_in_the_first_window(launcher, demo_path, qtbot):
    welcome = Welcome(launcher, ask=lambda *args: pytest.fail("nothing to close: no question"))
    said = welcome(Request(open=str(demo_path)))
    assert said == "LEAP Desktop is already open: demo.leap opens in its window."
    qtbot.waitUntil(lambda: launcher.window is not None, timeout=5000)
    assert Path(launcher.window.ctx.path) == demo_path and launcher.window.isVisible()
    assert not launcher.start_screen.isVisible()

    # The same file again: the window comes forward, nothing is opened again.
    window = launcher.window
    assert welcome(Request(open=str(demo_path))) == "LEAP Desktop already has demo.leap open: its window was brought to the front."
    assert welcome(Request()) == "LEAP Desktop is already open: its window was brought to the front."
    qtbot.wait(50)
    assert launcher.window is window


def test_another_file_asks_before_closing_the_open_panel(launcher, demo_path, other_panel, qtbot):
    assert launcher.open_path(demo_path)
    asked = []
    answers = iter([False, True])

    def ask(parent, current, other):
        asked.append((current.name, other.name))
        return next(answers)

    welcome = Welcome(launcher, ask=ask)
    welcome(Request(open=str(other_panel)))
    qtbot.waitUntil(lambda: len(asked) == 1, timeout=3000)
    qtbot.wait(50)
    assert Path(launcher.window.ctx.path) == demo_path  # "Keep demo.leap open"
    welcome(Request(open=str(other_panel)))
    qtbot.waitUntil(lambda: Path(launcher.window.ctx.path) == other_panel, timeout=5000)
    assert asked == [("demo.leap", "other.leap"), ("demo.leap", "other.leap")]


def test_a_missing_file_is_said_in_the_first_window_as_on_the_command_line(launcher, tmp_path, qtbot, monkeypatch):
    told = []
    monkeypatch.setattr("leap_desktop.views.shell.app.tell", lambda parent, title, text: told.append(text))
    Welcome(launcher)(Request(open=str(tmp_path / "gone.leap")))
    qtbot.waitUntil(lambda: bool(told), timeout=3000)
    assert told == [f"There is no panel file at {tmp_path / 'gone.leap'}. It may have been moved or renamed."]
    assert launcher.window is None and launcher.start_screen.isVisible()


# -- two real starts -----------------------------------------------------------------------------


@pytest.mark.skipif(sys.platform == "win32", reason="XDG_RUNTIME_DIR and signals")
def test_a_second_start_hands_over_to_the_first_and_exits(tmp_path, short_folder):
    from leap_desktop.services.demo import create_demo_file

    home, runtime = tmp_path / "home", short_folder
    home.mkdir()
    passphrase = "a passphrase for this test only"
    panel = tmp_path / "panel.leap"
    create_demo_file(panel, passphrase=passphrase)
    env = {
        "HOME": str(home), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "QT_QPA_PLATFORM": "offscreen",
        "XDG_RUNTIME_DIR": str(runtime), "LEAP_SINGLE_INSTANCE": "1", "LEAP_PASSPHRASE": passphrase,
        "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
    }
    first = subprocess.Popen([sys.executable, "-m", "leap_desktop"], env=env, cwd=home,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while not any(runtime.glob("leap-desktop-*.sock")):  # the first is listening
            assert first.poll() is None and time.monotonic() < deadline, first.communicate()
            time.sleep(0.1)
        second = subprocess.run([sys.executable, "-m", "leap_desktop", "--db", "../panel.leap"], env=env, cwd=home,
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 0, second.stderr
        assert second.stdout == "LEAP Desktop is already open: panel.leap opens in its window.\n"
        assert "Traceback" not in second.stderr
        while read_holder(panel) is None:  # the first opened it, for changes
            assert first.poll() is None and time.monotonic() < deadline, first.communicate()
            time.sleep(0.1)
        assert read_holder(panel).pid == first.pid
    finally:
        first.terminate()  # as Ctrl+C: closes the panel cleanly
        out, err = first.communicate(timeout=30)
    assert first.returncode == 0, err
    assert "Traceback" not in err
    assert not any(runtime.glob("leap-desktop-*.sock"))  # the socket goes with it
