"""Run with Debian's /usr/bin/python3 (gi.repository.Atspi): read the accessibility tree
of the running LEAP Desktop and print every control that is shown with no name, as
"UNNAMED <role> <path>", then "WALKED <count>"."""

from __future__ import annotations

import sys

import gi

gi.require_version("Atspi", "2.0")
from gi.repository import Atspi  # noqa: E402

CONTROLS = {
    Atspi.Role.PUSH_BUTTON, Atspi.Role.CHECK_BOX, Atspi.Role.RADIO_BUTTON, Atspi.Role.COMBO_BOX,
    Atspi.Role.TEXT, Atspi.Role.ENTRY, Atspi.Role.SPIN_BUTTON, Atspi.Role.TABLE, Atspi.Role.LIST,
    Atspi.Role.PAGE_TAB, Atspi.Role.TOGGLE_BUTTON, Atspi.Role.PASSWORD_TEXT, Atspi.Role.TREE,
}


def app_named(name: str):
    desktop = Atspi.get_desktop(0)
    desktop.clear_cache()
    for i in range(desktop.get_child_count()):
        child = desktop.get_child_at_index(i)
        if child is not None and name in (child.get_name() or ""):
            return child
    # Qt may register before its name is known: then the one application with windows
    apps = [desktop.get_child_at_index(i) for i in range(desktop.get_child_count())]
    for app in apps:
        if app is not None:
            app.set_cache_mask(Atspi.Cache.NONE)
            app.clear_cache()
    apps = [a for a in apps if a is not None and a.get_child_count() > 0]
    return apps[0] if len(apps) == 1 else None


def walk(node, path, found, count, depth=0):
    if node is None or depth > 40:
        return count
    try:
        states = node.get_state_set()
        if not states.contains(Atspi.StateType.SHOWING):
            return count
        role = node.get_role()
        count += 1
        if role in CONTROLS and not (node.get_name() or "").strip():
            found.append(f"UNNAMED {node.get_role_name()} {path}")
        if role in (Atspi.Role.TABLE, Atspi.Role.LIST, Atspi.Role.TREE):
            return count  # rows and cells are named by their data
        for i in range(node.get_child_count()):
            child = node.get_child_at_index(i)
            label = child.get_role_name() if child is not None else "?"
            count = walk(child, f"{path}/{label}", found, count, depth + 1)
    except Exception as exc:  # a widget that went away mid-walk
        found.append(f"GONE {path}: {exc}")
    return count


def main() -> None:
    app = app_named(sys.argv[1] if len(sys.argv) > 1 else "python")
    if app is None:
        desktop = Atspi.get_desktop(0)
        names = [desktop.get_child_at_index(i).get_name() for i in range(desktop.get_child_count())]
        print(f"NOAPP among {names}", flush=True)
        return
    found: list[str] = []
    count = walk(app, app.get_name(), found, 0)
    for line in found:
        print(line)
    print(f"WALKED {count}", flush=True)


def listen(seconds: float) -> None:
    """Print "READY" once listening, then every announcement made for SECONDS, as
    "ANNOUNCED <words>" (what a screen reader such as Orca says)."""
    from gi.repository import GLib

    heard: list[str] = []
    listener = Atspi.EventListener.new(lambda event: heard.append(str(event.any_data)))
    listener.register("object:announcement")
    print("READY", flush=True)
    loop = GLib.MainLoop()
    GLib.timeout_add(int(seconds * 1000), loop.quit)
    loop.run()
    for words in heard:
        print(f"ANNOUNCED {words}", flush=True)


if __name__ == "__main__" and len(sys.argv) == 3 and sys.argv[1] == "--listen":
    listen(float(sys.argv[2]))
elif __name__ == "__main__" and not (len(sys.argv) == 5 and sys.argv[1] == "--drive"):
    main()


def drive(venv_python: str, worktree: str, panel: str) -> int:
    """Start Xvfb and the app's states (tests/atspi/app_states.py) and walk the tree at
    each state; print "STATE <name>" then what was found. Returns the number of problems."""
    import os
    import subprocess
    import time

    display = f":{90 + os.getpid() % 100}"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    problems = 0
    try:
        time.sleep(1.0)
        Atspi.get_desktop(0)  # the accessibility bus and registry, up before the app
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
                   PYTHONPATH=worktree, QT_ACCESSIBILITY="1")
        app = subprocess.Popen([venv_python, f"{worktree}/tests/atspi/app_states.py", panel], env=env,
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            for line in app.stdout:
                line = line.strip()
                if line == "DONE":
                    break
                if line.startswith("LISTEN "):  # listen, then let the app act (press keys)
                    listener = subprocess.Popen([sys.executable, __file__, "--listen", "3"],
                                                stdout=subprocess.PIPE, text=True)
                    listener.stdout.readline()  # READY
                    app.stdin.write("\n")
                    app.stdin.flush()
                    for heard in listener.communicate(timeout=30)[0].splitlines():
                        print(heard, flush=True)
                    continue
                if not line.startswith("STATE "):
                    continue
                print(line, flush=True)
                # a fresh reader each time: a long-lived one keeps the desktop it first
                # cached (the app's entry then has no name and no windows)
                read = subprocess.run([sys.executable, __file__, "leap-atspi-check"], capture_output=True,
                                      text=True, timeout=120)
                found = [item for item in read.stdout.splitlines() if item.strip()]
                for item in found:
                    print(item, flush=True)
                if not any(item.startswith("WALKED ") for item in found):
                    problems += 1
                    app.kill()  # no tree to read: the rest would find nothing either
                    break
                problems += len([f for f in found if f.startswith("UNNAMED")])
                app.stdin.write("\n")
                app.stdin.flush()
        finally:
            app.wait(timeout=30)
    finally:
        xvfb.terminate()
        xvfb.wait(timeout=10)
    return problems


if __name__ == "__main__" and len(sys.argv) == 5 and sys.argv[1] == "--drive":
    sys.exit(1 if drive(sys.argv[2], sys.argv[3], sys.argv[4]) else 0)
