"""View > Text size and View > High-contrast theme."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMainWindow, QMenu

from ..theme import Appearance, style_labels
from .actions import add_action


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
        text_menu = view_menu.addMenu("&Text size")
        self.larger_action = add_action(window, text_menu, "&Larger", appearance.larger,
                                        ["Ctrl++", "Ctrl+="], "Make all text larger")
        self.smaller_action = add_action(window, text_menu, "&Smaller", appearance.smaller,
                                         "Ctrl+-", "Make all text smaller")
        self.reset_text_action = add_action(window, text_menu, "&Normal size", appearance.reset, "Ctrl+0",
                                            "Text at the system's size")
        self.contrast_action = add_action(window, view_menu, "&High-contrast theme",
                                          lambda: appearance.set_high_contrast(self.contrast_action.isChecked()),
                                          "Ctrl+Shift+H", "White text on black, with yellow for focus and selection")
        self.contrast_action.setCheckable(True)
        self.contrast_action.setChecked(appearance.high_contrast)
        self._update_actions()

    def _update_actions(self) -> None:
        self.larger_action.setEnabled(self.appearance.can_grow)
        self.smaller_action.setEnabled(self.appearance.can_shrink)

    def changed(self) -> None:
        style_labels(self.window)
        self._update_actions()
        self.contrast_action.setChecked(self.appearance.high_contrast)
        self._refit()
        self._say(
            f"{self.appearance.describe_size()}; "
            + ("high-contrast theme" if self.appearance.high_contrast else "standard theme")
        )
