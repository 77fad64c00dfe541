"""The decision log published as static, accessible HTML: one folder that opens in any
browser, offline, with no script needed (a small optional one adds search).

``publish(service, folder, anonymised=...)`` writes ``index.html`` (the log), one
``d-N.html`` per decision with its trace, ``you-said-we-did.html``, ``actions.html``,
``style.css`` and ``search.js``. File names are fixed or made from a decision's short
number; nothing in a path comes from record content, and every piece of content is
escaped. Pages have the language set, landmarks (header, nav, main, footer), headings
in order, tables with captions and header cells with their scope, and a layout that
reflows at 200 % zoom. The anonymised edition (for a project website) shows people by
role only and gives small counts coarsely. See docs/papers.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ...domain.errors import LeapError
from ...domain.model import Action, Decision
from ...services.trace import Voices, people_by_id
from ...store.files import write_atomically
from ...words import long_date
from . import pages
from .assets import CSS, SEARCH_JS
from .html import decision_file, esc, page

if TYPE_CHECKING:
    from ...services import PanelService

FIXED_FILES = ("index.html", "you-said-we-did.html", "actions.html", "style.css", "search.js")


def publish(service: "PanelService", folder: str | Path, *, anonymised: bool = False) -> list[Path]:
    """Write the decision log into ``folder`` (made if missing). Returns the files written."""
    out = Path(folder).expanduser()
    if out.exists() and not out.is_dir():
        raise LeapError(f"{out} is a file; give a folder to publish the decision log into (nothing was written)")
    out.mkdir(parents=True, exist_ok=True)
    people = people_by_id(service)
    clean = service.redactor(anonymised=anonymised)
    panel = service.panel()
    ed = pages.Edition(panel_name=clean(panel.name) if panel else "Panel", anonymised=anonymised, clean=clean,
                       voices=Voices(people, anonymised=anonymised), today=service.today())
    edition = "Anonymised edition for publication" if anonymised else "Edition for the panel (names as each member agreed)"
    footer = (f"<p>{esc(edition)}. Published with LEAP Desktop on {esc(long_date(ed.today))}. "
              "These pages work offline and without scripts.</p>")

    def write(name: str, title: str, current: str, body: str, *, search: bool = False) -> Path:
        text = page(title=title, panel_name=ed.panel_name, current=current, body=body, footer=footer, search=search)
        path = out / name
        write_atomically(path, text.encode("utf-8"))
        return path

    rows = service.decision_log()
    written = [write("index.html", "Decision log", "index.html", pages.log_body(ed, rows), search=True)]
    for row in rows:
        trace = service.trace(row.decision.id, anonymised=anonymised, people=people, clean=clean)
        written.append(write(decision_file(row.decision.number or 0), f"{row.decision.ref}: {clean(row.decision.title)}",
                             "", pages.decision_body(ed, trace, row)))
    decisions = {d.id: d for d in service.store.find(Decision)}
    done = service.you_said_we_did(None, ed.today)[::-1]
    written.append(write("you-said-we-did.html", "You said, we did", "you-said-we-did.html",
                         pages.you_said_body(ed, done, decisions)))
    actions = [a for a in service.store.find(Action, order_by="number") if a.owner_id in people]
    written.append(write("actions.html", "Actions", "actions.html", pages.actions_body(ed, actions, decisions)))
    for name, text in (("style.css", CSS), ("search.js", SEARCH_JS)):
        path = out / name
        write_atomically(path, text.encode("utf-8"))
        written.append(path)
    return written
