"""The crash harness's worker: changes a panel file and acknowledges each commit.

Run as ``python worker.py MODE PANEL [EXTRA]``; the test kills it with SIGKILL at a
random moment. Every line it prints after a change returned is a promise that the
change is saved:

    KEY <hex>            a key the file may have from now on (printed before it is used)
    READY                the file is open
    ACK <kind> <token>   this change was committed

The keyring is the 'fail' backend (as on a headless server); keys come from
``LEAP_CRASH_KEYS`` (comma-separated hex), tried in turn.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")

from leap_desktop.services import PanelService  # noqa: E402
from leap_desktop.services import interchange  # noqa: E402
from leap_desktop.store import backup, migrations  # noqa: E402
from leap_desktop.store.keys import new_key  # noqa: E402

PROBE_ROWS = 20000


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def key_answers():
    keys = [k for k in os.environ.get("LEAP_CRASH_KEYS", "").split(",") if k]

    def ask(request):
        return keys[request.attempt - 1] if request.attempt <= len(keys) else None

    return ask


def open_panel(path: Path, **options) -> PanelService:
    return PanelService.open(path, ask=key_answers(), **options)


def setup(path: Path) -> None:
    """A small panel to write into: people, a meeting, an item, a first contribution."""
    svc = PanelService.open(path, create=True)
    say(f"KEY {svc.store.security.key.raw.hex()}")
    svc.set_panel(name="Crash panel")
    people = [svc.add_person(display_name=f"Member {n}", roles=["lived_experience"], consent="named") for n in range(3)]
    meeting = svc.add_meeting(title="Crash meeting", starts_at="2026-03-05 14:00")
    item = svc.add_item(meeting.id, title="Everything", purpose="decision")
    for person in people:
        svc.add_contribution(item.id, person.id, "idea", f"seed from {person.display_name}")
    svc.close()
    say("ACK setup done")


def write_one(svc: PanelService, n: int, run: str) -> None:
    people = svc.people()
    item = svc.agenda(svc.meetings()[0].id)[0]
    token = f"{run}-{n}"
    kind = ("contribution", "decision", "action")[n % 3]
    if kind == "contribution":
        svc.add_contribution(item.id, people[n % len(people)].id, "concern", f"said {token}")
    elif kind == "decision":
        sources = [c.id for c in svc.contributions(item.id)[:2]]
        svc.record_decision(
            title=f"decided {token}", status="agreed", method="consensus", level="collaborate",
            sources=sources, coproducers=[people[0].id], dissent=[(people[1].id, f"dissent {token}")],
        )
    else:
        svc.add_action(title=f"action {token}", owner_id=people[n % len(people)].id, due_on="2026-07-01")
    say(f"ACK {kind} {token}")


def writes(path: Path, run: str) -> None:
    svc = open_panel(path)
    say("READY")
    for n in range(100000):
        write_one(svc, n, run)


def rekeys(path: Path, run: str) -> None:
    svc = open_panel(path)
    say("READY")
    for n in range(100000):
        write_one(svc, n, run)
        key = new_key()
        say(f"KEY {key.raw.hex()}")
        svc.store.rekey(key)
        say(f"ACK rekey {key.raw.hex()}")


def backups(path: Path, run: str) -> None:
    svc = open_panel(path)
    say("READY")
    out_dir = Path(os.environ["LEAP_CRASH_OUT"])
    for n in range(100000):
        write_one(svc, n, run)
        made = backup.make_automatic(svc.store.conn, path, svc.store.security.key, "crash")
        say(f"ACK backup {made}")
        out = out_dir / f"manual-{run}-{n}.leap"
        svc.store.backup_to(out)
        say(f"ACK backup {out}")


def migrate(path: Path, run: str) -> None:
    @migrations.migration
    def m900_crash_probe(db):  # a slow migration: a table and many rows, in one transaction
        db.execute("CREATE TABLE crash_probe (n INTEGER PRIMARY KEY, text TEXT NOT NULL)")
        db.execute("ALTER TABLE people ADD COLUMN crash_note TEXT")
        for n in range(PROBE_ROWS):
            db.execute("INSERT INTO crash_probe VALUES (?, ?)", [n, "x" * 200])

    say("READY")  # the kill may come during the backup before the migration, or the migration
    svc = open_panel(path)
    say("ACK migration done")
    svc.close()


def imports(path: Path, run: str) -> None:
    document = json.loads(Path(os.environ["LEAP_CRASH_DOCUMENT"]).read_text(encoding="utf-8"))
    out_dir = Path(os.environ["LEAP_CRASH_OUT"])
    say("READY")
    for n in range(100000):
        target = out_dir / f"import-{run}-{n}.leap"
        say(f"START import {target}")
        svc = PanelService.open(target, create=True)
        say(f"KEY {svc.store.security.key.raw.hex()}")
        interchange.import_document(svc.store, document)
        svc.close()
        say(f"ACK import {target}")


def syncs(path: Path, run: str) -> None:
    """Two laptops: this panel writes and syncs, a second one (joined from the shared
    folder) syncs after it, over and over."""
    from leap_desktop.store import sync_join

    folder, other = path.parent / "shared", path.parent / "laptop-b.leap"
    folder.mkdir(exist_ok=True)
    say("READY")
    for n in range(100000):
        svc = open_panel(path)
        write_one(svc, n, run)
        svc.sync.sync(folder)
        svc.close()
        say(f"ACK sync a-{run}-{n}")
        if not other.exists():
            building = other.with_name(".laptop-b.joining")
            building.unlink(missing_ok=True)  # a join a kill interrupted: start it again
            digest, key = sync_join.find_panel(folder, os.environ["LEAP_CRASH_KEYS"].split(",")[0])
            sync_join.make_file(building, key)
            with open_panel(building) as joined:
                joined.sync.sync(folder, digest=digest)
            os.replace(building, other)
        else:
            with open_panel(other) as laptop_b:
                laptop_b.sync.sync(folder)
        say(f"ACK sync b-{run}-{n}")


if __name__ == "__main__":
    mode, panel = sys.argv[1], Path(sys.argv[2])
    run = sys.argv[3] if len(sys.argv) > 3 else "r"
    {"setup": setup, "writes": writes, "rekey": rekeys, "backup": backups, "migration": migrate, "import": imports,
     "sync": syncs}[mode](
        *((panel,) if mode == "setup" else (panel, run))
    )
