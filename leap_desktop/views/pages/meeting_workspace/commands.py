"""The meeting workspace's commands: the page's menu, its keys and the buttons behind
them. A mix-in for :class:`~.page.MeetingWorkspace`; each command calls the page or
the part whose job it is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ...partials.meeting_kit import make_action, shortcut_text
from ..base import bind_button


class WorkspaceCommands:
    def _make_actions(self) -> None:
        ui = self.ui
        builder = self.builder
        view_only = Qt.ShortcutContext.WidgetShortcut
        on_agenda = [builder.view]
        self.meeting_mode_action = make_action(
            self, "&Start meeting mode", self.start_meeting_mode, ["Ctrl+Shift+M"],
            tip="Capture contributions, decisions and actions live, item by item",
        )
        self.back_action = make_action(self, "&All meetings", self.back_to_meetings, tip="Back to the list of meetings")
        self.add_item_action = make_action(
            self, "Add agenda &item", builder.add_item,
            tip="Add the new item to the end of the agenda (Enter in its title)",
        )
        self.move_up_action = make_action(
            self, "Move item &up", lambda: builder.move_item(-1), ["Ctrl+Up", "Alt+Shift+Up"],
            tip="Move the chosen item one place earlier", context=view_only, on=on_agenda,
        )
        self.move_down_action = make_action(
            self, "Move item &down", lambda: builder.move_item(+1), ["Ctrl+Down", "Alt+Shift+Down"],
            tip="Move the chosen item one place later", context=view_only, on=on_agenda,
        )
        self.carry_action = make_action(
            self, "&Carry item to the next meeting", builder.carry_item,
            tip="Put the unfinished item on the next meeting's agenda",
        )
        self.remove_action = make_action(
            self, "&Remove agenda item", builder.remove_item, ["Delete"],
            tip="Take the chosen item off the agenda", context=view_only, on=on_agenda,
        )
        self.rest_present_action = make_action(
            self, "Mark the rest &present", self.attendance_panel.mark_rest_present,
            tip="Record everyone whose attendance is not recorded yet as present",
        )
        bind_button(ui.meetingModeButton, self.meeting_mode_action)
        bind_button(ui.backButton, self.back_action)
        builder.bind_buttons(add=self.add_item_action, up=self.move_up_action, down=self.move_down_action,
                             carry=self.carry_action, remove=self.remove_action)
        self.attendance_panel.bind_buttons(rest_present=self.rest_present_action)
        self.list_in_menu(
            self.meeting_mode_action, self.back_action, None,
            self.add_item_action, self.move_up_action, self.move_down_action, self.carry_action, self.remove_action,
            None, self.rest_present_action,
        )
        ui.meetingModeButton.setText(f"Start meeting mode ({shortcut_text(self.meeting_mode_action)})")
