"""The start screen: new panel, open a file, recent panels, the demo panel, joining a
panel from a shared folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QListWidgetItem, QWidget

from ... import APP_NAME
from ...paths import data_dir, resource
from ..partials.forms import load_form
from ..partials.screen_fit import ScreenFit

if TYPE_CHECKING:
    from .launching import Launching


class StartScreen(ScreenFit, QWidget):
    FORM = "start_screen.ui"
    WIDGETS = ("heading", "tagline", "newButton", "openButton", "demoButton", "joinButton", "recentLabel", "recentList",
               "recentHint", "openRecentButton", "forgetButton")

    def __init__(self, launcher: "Launching", parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("startScreen")
        self.launcher = launcher
        self.ui = load_form(self.FORM, self)
        self.setWindowTitle(APP_NAME)
        self.setAccessibleName(f"{APP_NAME}: start")
        ui = self.ui
        logo = resource("icons", "leap-desktop.svg").as_uri()
        ui.heading.setText(f'<h1><img src="{logo}" width="44" height="44" style="vertical-align: middle"> {APP_NAME}</h1>')
        ui.newButton.clicked.connect(lambda: launcher.new_panel(self))
        ui.openButton.clicked.connect(lambda: launcher.open_file(self))
        ui.demoButton.clicked.connect(lambda: launcher.open_demo(self))
        ui.joinButton.clicked.connect(lambda: launcher.join_panel(self))
        ui.recentList.itemActivated.connect(lambda item: self.open_item(item))
        ui.recentList.currentItemChanged.connect(lambda *_: self._update_buttons())
        ui.openRecentButton.clicked.connect(lambda: self.open_item(ui.recentList.currentItem()))
        ui.forgetButton.clicked.connect(self.forget)
        for button in (ui.newButton, ui.openButton, ui.demoButton, ui.joinButton):
            button.setMinimumHeight(button.sizeHint().height() + 10)
            button.setIconSize(QSize(20, 20))
        # File > Quit's key works here too (there is no menu bar on the start screen).
        self.quit_action = QAction("Quit", self)
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.quit_action.triggered.connect(lambda _checked=False: launcher.quit())
        self.addAction(self.quit_action)
        self.setAccessibleDescription("Make a new panel, open one, or try the demo panel. Ctrl+Q quits.")
        self.resize(800, 480)
        self.refresh()

    def refresh(self) -> None:
        ui = self.ui
        ui.recentList.clear()
        for path in self.launcher.recent():
            missing = not path.exists()
            item = QListWidgetItem(f"{path.name} \u2013 {path.parent}" + ("  (file not found)" if missing else ""))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            ui.recentList.addItem(item)
        count = ui.recentList.count()
        ui.recentHint.setText(
            "Panels you open appear here. Try the demo panel to see what LEAP Desktop does. "
            f"New panels are kept in your LEAP Desktop data folder, {data_dir(create=False)}, "
            "unless you choose another place."
            if not count else "Press Enter to open the chosen panel."
        )
        if count:
            ui.recentList.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.ui.recentList.currentItem() is not None
        self.ui.openRecentButton.setEnabled(chosen)
        self.ui.forgetButton.setEnabled(chosen)

    def open_item(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.launcher.open_path(Path(item.data(Qt.ItemDataRole.UserRole)), parent=self)

    def forget(self) -> None:
        item = self.ui.recentList.currentItem()
        if item is not None:
            self.launcher.forget(Path(item.data(Qt.ItemDataRole.UserRole)))
            self.refresh()

    def focus_first(self) -> None:
        target = self.ui.recentList if self.ui.recentList.count() else self.ui.newButton
        target.setFocus(Qt.FocusReason.OtherFocusReason)
