"""View > Text size and View > High-contrast theme."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QMainWindow, QMenu

from .theme import TEXT_SCALES, Appearance, style_labels
from .actions import add_action


def percent(scale: float) -> str:
    return f"{round(scale * 100)}\u00a0%"


class AppearanceMenu:
    """The text size and theme commands in ``view_menu``. The window calls
    :meth:`changed` when the appearance changes (connected there, so the connection ends
    with the window): its labels are restyled, ``refit()`` runs and ``say(words)`` tells
    the user."""

    def __init__(self, window: QMainWindow, view_menu: QMenu, appearance: Appearance, *,
                 refit: Callable[[], None], say: Callable[[str], None]):
        self.window = window
        self.appearance = appearance
        self._refit = refit
        self._say = say
        self.text_menu = text_menu = view_menu.addMenu("&Text size")
        self.larger_action = add_action(window, text_menu, "&Larger", appearance.larger,
                                        ["Ctrl++", "Ctrl+="], "Make all text larger")
        self.smaller_action = add_action(window, text_menu, "&Smaller", appearance.smaller,
                                         "Ctrl+-", "Make all text smaller")
        self.reset_text_action = add_action(window, text_menu, "&Normal size", appearance.reset, "Ctrl+0",
                                            "Text at the system's size")
        # A choice of sizes, the one in use ticked (picked with the arrow keys: no letters).
        text_menu.addSeparator()
        self.size_group = QActionGroup(window)
        self.size_actions = {}
        for scale in TEXT_SCALES:
            action = add_action(window, text_menu, percent(scale), lambda scale=scale: appearance.set_scale(scale),
                                tip=f"Text at {percent(scale)} of the system's size")
            action.setCheckable(True)
            self.size_group.addAction(action)
            self.size_actions[scale] = action
        self.contrast_action = add_action(window, view_menu, "&High-contrast theme",
                                          lambda: appearance.set_high_contrast(self.contrast_action.isChecked()),
                                          "Ctrl+Shift+H", "White text on black, with yellow for focus and selection")
        self.contrast_action.setCheckable(True)
        self.contrast_action.setChecked(appearance.high_contrast)
        self._update_actions()

    def _update_actions(self) -> None:
        if not shiboken6.isValid(self.text_menu):
            return  # the window is being taken down
        self.larger_action.setEnabled(self.appearance.can_grow)
        self.smaller_action.setEnabled(self.appearance.can_shrink)
        self.text_menu.setTitle(f"&Text size ({percent(self.appearance.scale)})")
        for scale, action in self.size_actions.items():
            action.setChecked(scale == self.appearance.scale)

    def changed(self) -> None:
        style_labels(self.window)
        self._update_actions()
        self.contrast_action.setChecked(self.appearance.high_contrast)
        self._refit()
        self._say(
            f"{self.appearance.describe_size()}; "
            + ("high-contrast theme" if self.appearance.high_contrast else "standard theme")
        )
