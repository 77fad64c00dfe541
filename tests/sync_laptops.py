"""Simulated laptops sharing one panel through a folder, for the sync tests."""

from __future__ import annotations

from pathlib import Path

from leap_desktop.services import PanelService, approval, interchange
from leap_desktop.store import sync_join


class Laptop:
    """One laptop's panel file; each step opens it, as the app or a command would."""

    def __init__(self, path: Path, folder: Path, secret: str):
        self.path, self.folder, self.secret = path, folder, secret
        self.last = None

    def open(self) -> PanelService:
        return PanelService.open(self.path, ask=lambda request: self.secret)

    def do(self, what):
        with self.open() as svc:
            return what(svc)

    def sync(self):
        if not self.path.exists():
            digest, key = sync_join.find_panel(self.folder, self.secret)
            sync_join.make_file(self.path, key)
            with self.open() as svc:
                self.last = svc.sync.sync(self.folder, digest=digest)
        else:
            self.last = self.do(lambda svc: svc.sync.sync(self.folder))
        return self.last

    def export(self) -> str:
        return self.do(lambda svc: interchange.dumps(interchange.export_document(svc.store)))

    def problems(self) -> list[str]:
        return [str(p) for p in self.do(lambda svc: svc.check())]


def first_laptop(tmp_path: Path, name: str = "a") -> tuple[Laptop, str]:
    """A new panel with a little in it, and its recovery key."""
    folder = tmp_path / "shared"
    folder.mkdir(exist_ok=True)
    path = tmp_path / f"{name}.leap"
    svc = PanelService.open(path, create=True)
    secret = svc.store.security.key.recovery_key
    svc.set_panel(name="Sync panel", purpose="Testing sync")
    ann = svc.add_person(display_name="Ann", roles=["lived_experience"], consent="named")
    svc.add_person(display_name="Bo", roles=["carer"], consent="named")
    meeting = svc.add_meeting(title="First meeting", starts_at="2026-03-05 14:00")
    item = svc.add_item(meeting.id, title="Evening meetings", purpose="decision")
    svc.add_contribution(item.id, ann.id, "idea", "Meet in the evenings")
    svc.close()
    return Laptop(path, folder, secret), secret


def minutes_circulated(svc: PanelService):
    """The first meeting and a later one held, the first's minutes circulated (so the
    later meeting can approve them); both meetings."""
    first = svc.meetings()[0]
    later = svc.add_meeting(title="Second meeting", starts_at="2026-04-02 14:00")
    svc.edit_meeting(first.id, status="held")
    svc.edit_meeting(later.id, status="held")
    approval.circulate(svc, first.id, on="2026-03-20")
    return first, later


def everyone_synced(laptops: list[Laptop], rounds: int = 6) -> None:
    """Sync round after round until a whole round sends and takes nothing."""
    for _ in range(rounds):
        moved = 0
        for laptop in laptops:
            report = laptop.sync()
            moved += report.files_in + report.files_out
        if not moved:
            return
    raise AssertionError("the laptops did not settle")


def laptops(tmp_path: Path, count: int) -> list[Laptop]:
    first, secret = first_laptop(tmp_path)
    first.sync()
    out = [first]
    for n in range(1, count):
        other = Laptop(tmp_path / f"{'abcdef'[n]}.leap", first.folder, secret)
        other.sync()
        out.append(other)
    return out


def shared_decision(laptops: list[Laptop], title: str = "Evening meetings"):
    """A proposed decision recorded on the first laptop and synced to every one."""
    made = laptops[0].do(lambda svc: svc.record_decision(title=title, status="proposed", method="consensus",
                                                         level="collaborate"))
    everyone_synced(laptops)
    return made
