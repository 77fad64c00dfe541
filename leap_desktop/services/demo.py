"""A believable demo panel, for trying the app, for screenshots, and for speed checks.

The most recent year is written as a story: a dozen members across every role and
consent choice, monthly meetings, contributions of every kind, decisions with their
sources (one replaced by a later decision, one reversed, one carried by a vote with
recorded dissent), and actions that are open, overdue, done and dropped. With
``years`` > 1, earlier years of generated history are added at the density of a busy
panel, so ``years=10`` gives about 120 meetings, 3,000 agenda items, 40,000
contributions, 3,000 decisions and 6,000 actions: the size the speed targets use.

The panel is built as an interchange document and imported, so it passes every rule
an import must pass. It is deterministic for a given ``today`` and ``seed``.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..paths import make_private_folder
from ..store import PanelStore
from ..words import month_year
from .demo_builder import _Builder, _meeting_day
from .demo_comms import add_comms
from .demo_payments import add_payments
from .demo_cast import DEV, KOFI, PEOPLE, SAYINGS, STAFF, TOPICS
from .demo_story import _story_year
from .demo_impact import add_impact_log
from .interchange import FORMAT, VERSION, import_document

if TYPE_CHECKING:
    from .panel import PanelService


def _history_year(b: _Builder, days: list[dt.date], *, items_per_meeting: int, sayings_per_item: int) -> None:
    """Generated earlier history, at the density of a busy panel (for speed checks)."""
    rng = b.rng
    kinds = list(SAYINGS)
    for day in days:
        meeting = b.meeting(day, f"Panel meeting, {month_year(day)}", "minutes_approved", "Mill Street Community Centre")
        speakers = [p for p in b.attend(meeting, day, held=True) if p != KOFI]
        for slot in range(items_per_meeting):
            title, topic = rng.choice(TOPICS)
            item = b.item(meeting, day, title, rng.choice(["discussion", "decision", "information"]), 4,
                          presenter=rng.choice(STAFF))
            said = [
                b.say(item, day, rng.choice(speakers), rng.choice(kinds), topic, slot * 5 + k % 5)
                for k in range(rng.randint(sayings_per_item - 3, sayings_per_item + 3))
            ]
            decision = b.decide(meeting, item, day, topic, sources=[(c, None) for c in rng.sample(said, min(3, len(said)))],
                                level=rng.choice(["inform", "consult", "involve", "collaborate", "panel_led"]))
            for _ in range(2):
                done = rng.random() < 0.8
                closed = day + dt.timedelta(days=rng.randint(5, 27))
                b.act(day, rng.choice([p for p in speakers if p not in (DEV,)]), topic, day + dt.timedelta(days=28),
                      "done" if done else "dropped", decision=decision, closed=closed,
                      outcome=None if done else "Dropped: overtaken by a later decision.")


def build_document(today: dt.date, *, years: int = 1, seed: int = 20_26) -> dict[str, Any]:
    """The demo panel as an interchange document."""
    rng = random.Random(seed)
    b = _Builder(rng=rng, today=today)
    # Meetings: the first Thursday of each month; the story covers the last twelve held.
    months = []
    year, month = today.year, today.month
    for _ in range(12 * years + 1):
        months.append((year, month))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    months.reverse()
    all_days = [_meeting_day(y, m) for y, m in months]
    held = [d for d in all_days if d <= today]
    next_day = _meeting_day(*(_next_month(today.year, today.month)))
    if all_days[-1] > today:
        next_day = all_days[-1]
    held = held[-12 * years:]
    start = held[0] - dt.timedelta(days=30)
    for spec in PEOPLE:
        b.person(spec, start)
    history, story = held[:-12], held[-12:]
    _history_year(b, history, items_per_meeting=28, sayings_per_item=13)
    _story_year(b, story, next_day)
    panel_start = start.isoformat()
    document = {
        "format": FORMAT,
        "version": VERSION,
        "panel": {
            "id": b.uid(),
            "created_at": b.stamp(start),
            "updated_at": b.stamp(start),
            "deleted_at": None,
            "name": "Personalisation in Mental Health LEAP",
            "purpose": (
                "A Lived Experience Advisory Panel that co-produces the Personalisation in Mental "
                "Health study with the research team: what it asks, how people are approached, "
                "what the findings mean, and how they are shared."
            ),
            "advises": "Personalisation in Mental Health Care study (demo)",
            "start_date": panel_start,
        },
        "people": b.people,
        "meetings": b.meetings,
        "decisions": b.decisions,
        "actions": b.actions,
        **add_impact_log(b, today),
        "name_marks": [],
        "report_texts": [],
    }
    add_payments(document, today, seed=seed + 12)
    add_comms(document, b, today)
    return document


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def build_demo(store: PanelStore, *, years: int = 1, seed: int = 20_26) -> dict[str, int]:
    """Fill an empty panel file with the demo panel. Returns counts of what was made."""
    today = dt.date.fromisoformat(store.today())
    document = build_document(today, years=years, seed=seed)
    import_document(store, document, summary="Create demo panel")
    meetings = document["meetings"]
    items = [i for m in meetings for i in m["agenda"]]
    return {
        "people": len(document["people"]),
        "meetings": len(meetings),
        "agenda items": len(items),
        "contributions": sum(len(i["contributions"]) for i in items),
        "decisions": len(document["decisions"]),
        "actions": len(document["actions"]),
        "claims": len(document["claims"]),
    }


def build_demo_in(service: "PanelService", *, years: int = 1) -> dict[str, int]:
    """Fill the empty panel file ``service`` has open with the demo panel (``leap demo``).
    Returns counts of what was made, as :func:`build_demo` does."""
    return build_demo(service.store, years=years)


#: The demo panel is fictional: its file is encrypted like any other, with this
#: passphrase (the same as ``make run`` uses), so it opens even where no keyring works.
DEMO_PASSPHRASE = "demo panel passphrase"


def create_demo_file(path: str | os.PathLike, *, years: int = 1, passphrase: str = DEMO_PASSPHRASE) -> dict[str, int]:
    """Make a new panel file at ``path`` holding the demo panel.

    It is built beside ``path`` under a temporary name and renamed when complete, so
    an interrupted build never leaves a half-made demo under the real name. Refuses to
    overwrite an existing file. Encrypted with ``passphrase``.
    """
    from ..domain.errors import StoreError
    from .panel import PanelService

    path = Path(path)
    if path.exists():
        raise StoreError(f"{path} already exists; the demo panel is only made in a new file")
    if not path.parent.exists():
        make_private_folder(path.parent)
    building = path.with_name(f".{path.name}.building")
    for leftover in path.parent.glob(building.name + "*"):
        leftover.unlink()
    with PanelService.open(building, create=True, passphrase=passphrase) as service:
        counts = build_demo_in(service, years=years)
    for suffix in ("-wal", "-shm"):
        Path(f"{building}{suffix}").unlink(missing_ok=True)
    os.replace(building, path)
    return counts
