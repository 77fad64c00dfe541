"""LEAP_EXIT_WHEN_SHOWN: the start-up timer the bundle benchmark relies on."""

import io
import subprocess
import sys
import time

from PySide6.QtWidgets import QWidget

from leap_desktop.views.shell.startup import ENV, MARKER, exit_when_shown


def test_it_does_nothing_without_the_variable(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    assert exit_when_shown(window, environ={}) is False
    assert exit_when_shown(window, environ={ENV: "0"}) is False


def test_it_reports_once_the_window_is_shown_and_quits(qtbot):
    window = QWidget()
    window.setWindowTitle("LEAP Desktop")
    qtbot.addWidget(window)
    out, quits = io.StringIO(), []
    assert exit_when_shown(window, out=out, quit=lambda: quits.append(True), environ={ENV: "1"})
    assert out.getvalue() == "", "nothing before the window is shown"
    window.show()
    qtbot.waitUntil(lambda: bool(quits), timeout=5000)
    line = out.getvalue().strip()
    assert line.startswith(MARKER + " ") and line.endswith(": LEAP Desktop")
    seconds = float(line.split()[1])
    assert 0 < seconds < 600
    assert quits == [True]


def test_it_can_append_the_line_to_a_file(qtbot, tmp_path):
    window = QWidget()
    qtbot.addWidget(window)
    log, quits = tmp_path / "started.txt", []
    exit_when_shown(window, quit=lambda: quits.append(True), environ={ENV: str(log)})
    window.show()
    qtbot.waitUntil(lambda: bool(quits), timeout=5000)
    assert log.read_text(encoding="utf-8").startswith(MARKER)


def test_a_window_already_on_screen_is_reported_too(qtbot):
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    quits = []
    exit_when_shown(window, out=io.StringIO(), quit=lambda: quits.append(True), environ={ENV: "1"})
    qtbot.waitUntil(lambda: bool(quits), timeout=5000)


def test_the_clock_starts_when_the_process_starts():
    # A fresh interpreter that sleeps before looking: the figure must include the sleep,
    # i.e. it counts from the process start, not from the import; and it cannot be longer
    # than the process has lived (to the clock's 1/100 s ticks).
    code = (
        "import time; time.sleep(0.5); "
        "from leap_desktop.views.shell.startup import process_start_time; "
        "print(time.time() - process_start_time())"
    )
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    lived = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    assert 0.45 <= float(done.stdout) <= lived + 0.03
