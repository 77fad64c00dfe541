"""Help > Keyboard shortcuts: every command that has a shortcut, read from the menus
themselves, so the list is always what the keys really do."""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QMenuBar, QWidget

from ..partials.forms import load_form
from ..partials.screen_fit import ScreenFit


def shortcut_table(
    bar: QMenuBar, extra: Mapping[QMenu, Sequence[tuple[str, str]]] | None = None
) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu title, [(command, keys)]) for every menu, including those of pages not on
    screen (their keys work while that page is shown). ``extra`` adds, under a page's
    menu, the page's keys that are not menu commands (``Page.KEYS``: (keys, what)).
    A command in more than one menu is listed once, where it first appears."""
    sections = []
    seen: set[int] = set()
    for menu_action in bar.actions():
        menu = menu_action.menu()
        if not isinstance(menu, QMenu):
            continue
        rows = list(_rows(menu, seen))
        rows += [(what, keys) for keys, what in (extra or {}).get(menu, ())]
        if rows:
            title = menu.title().replace("&", "")
            if not menu_action.isVisible():
                title += " (on its page)"
            sections.append((title, rows))
    return sections


def _rows(menu: QMenu, seen: set[int], prefix: str = ""):
    for action in menu.actions():
        if action.isSeparator() or id(action) in seen:
            continue
        seen.add(id(action))
        if action.menu() is not None:
            yield from _rows(action.menu(), seen, prefix + action.text().replace("&", "") + ": ")
            continue
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
        if keys:
            text = _plain(action)
            # "Kind: Idea" in the "Kind of contribution" menu says it already.
            said = prefix and text.split(":")[0].lower() == prefix.split()[0].rstrip(":").lower()
            yield (text if said else prefix + text), " or ".join(keys)


def _plain(action: QAction) -> str:
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


class ShortcutsDialog(ScreenFit, QDialog):
    FORM = "shortcuts_dialog.ui"
    WIDGETS = ("shortcutsText", "buttons")

    def __init__(self, bar: QMenuBar, parent: QWidget | None = None,
                 extra: Mapping[QMenu, Sequence[tuple[str, str]]] | None = None):
        super().__init__(parent)
        self.setObjectName("ShortcutsDialog")
        self.ui = load_form(self.FORM, self)
        self.setWindowTitle("Keyboard shortcuts")
        self.setAccessibleName("Keyboard shortcuts")
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.buttons.accepted.connect(self.accept)
        for button in self.ui.buttons.buttons():
            button.setAccessibleName("Close")
            button.setAccessibleDescription("Close the list of shortcuts (Escape)")
        parts = [
            "<p>Every task can be done with the keyboard. Tab and Shift+Tab move between "
            "controls; the arrow keys move within a list; Enter opens the chosen row; Escape "
            "closes a dialog without saving. Alt with an underlined letter opens a menu.</p>"
        ]
        for title, rows in shortcut_table(bar, extra):
            parts.append(f"<h3>{html.escape(title)}</h3><table cellpadding='3'>")
            for command, keys in rows:
                parts.append(f"<tr><td><b>{html.escape(keys)}</b></td><td>{html.escape(command)}</td></tr>")
            parts.append("</table>")
        self.ui.shortcutsText.setHtml("".join(parts))
        self.resize(560, 620)
        self.ui.shortcutsText.setFocus()
