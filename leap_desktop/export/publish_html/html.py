"""Small HTML building blocks for the published decision log: every piece of record
content goes through :func:`esc` (``html.escape``), and every page shares one layout
with landmarks (header, nav, main, footer), a skip link and the page's language."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

LANG = "en-GB"

#: (file name, link text) of the pages every page's navigation links to. File names are
#: fixed here, never made from record content.
NAV = (("index.html", "Decision log"), ("you-said-we-did.html", "You said, we did"), ("actions.html", "Actions"))


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def decision_file(number: int) -> str:
    """``d-12.html``: from the decision's short number only (a whole number)."""
    return f"d-{int(number)}.html"


def table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[str]], *, row_headers: bool = True) -> str:
    """A data table with a caption and header cells with their scope. Cells are HTML
    (escape content before passing it); the first cell of each row is its header."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = []
    for row in rows:
        cells = []
        for index, cell in enumerate(row):
            if index == 0 and row_headers:
                cells.append(f'<th scope="row">{cell}</th>')
            else:
                cells.append(f"<td>{cell}</td>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (f'<table><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table>")


def facts(pairs: Iterable[tuple[str, str | None]]) -> str:
    """A description list of label: value (values are HTML)."""
    items = "".join(f"<dt>{esc(label)}</dt><dd>{value}</dd>" for label, value in pairs if value)
    return f'<dl class="facts">{items}</dl>' if items else ""


def bullets(items: Iterable[str]) -> str:
    items = list(items)
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>" if items else ""


def page(*, title: str, panel_name: str, current: str, body: str, footer: str, search: bool = False) -> str:
    """One whole page. ``body`` is HTML for inside ``<main>``, starting with its ``<h1>``."""
    links = []
    for name, text in NAV:
        here = ' aria-current="page"' if name == current else ""
        links.append(f'<li><a href="{name}"{here}>{esc(text)}</a></li>')
    script = '<script src="search.js" defer></script>' if search else ""
    return f"""<!DOCTYPE html>
<html lang="{LANG}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}: {esc(panel_name)}</title>
<link rel="stylesheet" href="style.css">
{script}
</head>
<body>
<a class="skip" href="#main">Skip to the content</a>
<header>
<p class="panel">{esc(panel_name)}</p>
</header>
<nav aria-label="Pages of the decision log">
<ul>{''.join(links)}</ul>
</nav>
<main id="main" tabindex="-1">
{body}
</main>
<footer>
{footer}
</footer>
</body>
</html>
"""
