"""Use-cases on one panel: what the desktop app and the ``leap`` command both call.

Each public method that changes something is one user-level change: one
transaction, audited, all or nothing. Records are checked by the domain rules
before anything is written, so a refused change leaves the file as it was.

``PanelService`` opens and closes the panel file and hands each call to the topic
service that answers it (people.py, meetings.py, attendance.py, agenda.py,
contributions.py, decisions.py, actions.py, records.py), all over one shared
:class:`~.core.PanelCore`. Callers keep calling ``service.add_person(...)``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..store import PanelStore
from .actions import ActionService
from .agenda import AgendaService
from .attendance import AttendanceLine, AttendanceService
from .contributions import ContributionService
from .core import PanelCore
from .decisions import DecisionService
from .meetings import MeetingService
from .people import PeopleService
from .records import RecordService

if TYPE_CHECKING:
    from .comms import CommsService
    from .names import NamesService
    from .payments import PaymentService
    from .security import SecurityService

__all__ = ["AttendanceLine", "PanelService"]


class _Via:
    """A public call of ``PanelService`` answered by one of its topic services: on a
    service, the topic's bound method; on the class, the topic's function (its
    docstring and signature, for help())."""

    def __init__(self, topic: type):
        self.topic = topic

    def __set_name__(self, owner: type, name: str) -> None:
        if not hasattr(self.topic, name):
            raise AttributeError(f"{self.topic.__name__} has no {name!r} for {owner.__name__}")
        self.name = name

    def __get__(self, service: "PanelService | None", owner: type | None = None) -> Any:
        if service is None:
            return getattr(self.topic, self.name)
        return getattr(service._topics[self.topic], self.name)


class PanelService:
    """The panel's use-cases over one open panel file."""

    def __init__(self, store: PanelStore):
        self.store = store
        self.core = core = PanelCore(store)
        people = PeopleService(core)
        meetings = MeetingService(core)
        topics = (
            core,
            people,
            meetings,
            AttendanceService(core, people),
            AgendaService(core, meetings),
            ContributionService(core),
            DecisionService(core),
            ActionService(core),
            RecordService(core, people),
        )
        self._topics: dict[type, object] = {type(topic): topic for topic in topics}

    @classmethod
    def open(cls, path: str | os.PathLike, *, create: bool = False, **options: Any) -> "PanelService":
        return cls(PanelStore.open(path, create=create, **options))

    @staticmethod
    def restore_damaged(path: str | os.PathLike, backup: str | os.PathLike, **options: Any):
        """Put a checked copy of ``backup`` in place of the damaged panel file ``path``
        (one that raised ``DamagedFile`` on open); the damaged file is kept beside it,
        renamed. Returns what was done (``.panel``, ``.damaged``, ``.backup``); then
        open the panel as usual. See ``PanelStore.restore_damaged``."""
        return PanelStore.restore_damaged(path, backup, **options)

    def close(self) -> None:
        self.store.close()

    def listen(self, listener: Callable[[Any], None]) -> None:
        """Call ``listener(change)`` after every committed change; ``change.tables``
        names the tables it touched (the Qt side refreshes its lists from it)."""
        self.store.listeners.append(listener)

    def stop_listening(self, listener: Callable[[Any], None]) -> None:
        if listener in self.store.listeners:
            self.store.listeners.remove(listener)

    def start_daily_backup(self, done: Callable[[Any, BaseException | None], None] | None = None) -> bool:
        """Make today's automatic backup in a worker thread, if it is due; ``done(path,
        problem)`` is called from that thread when it ends. False if none was started."""
        return self.store.start_daily_backup(done) is not None

    def __enter__(self) -> "PanelService":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def path(self):
        return self.store.path

    @property
    def readonly(self) -> bool:
        """Whether the panel file is open read-only (``read_only_reason`` says why)."""
        return self.store.readonly

    @property
    def read_only_reason(self) -> str | None:
        """Why the panel file is open read-only, in words (None if it is not, or not known)."""
        return self.store.read_only_reason

    @property
    def background_busy(self) -> bool:
        """Whether the day's automatic backup is being made in the background now."""
        return self.store.background_busy

    @property
    def names(self) -> "NamesService":
        """The names check: words in minutes that only look like a member's name
        (services/names.py)."""
        if getattr(self, "_names", None) is None:
            from .names import NamesService

            self._names = NamesService(self.core, self._topics[MeetingService])
        return self._names

    @property
    def payments(self) -> "PaymentService":
        """Payment for involvement (rates, claims, expenses): for the coordinator and
        finance only, never in panel-facing output. See services/payments.py."""
        if getattr(self, "_payments", None) is None:
            from .payments import PaymentService

            self._payments = PaymentService(self.core)
        return self._payments

    @property
    def impact(self):
        """The impact log and "was it taken up?" (services/impact.py)."""
        from .impact import ImpactService

        return ImpactService(self)

    @property
    def analytics(self):
        """Participation and influence, for the Reports page, ``leap report`` and the
        documents (services/analytics.py)."""
        if getattr(self, "_analytics", None) is None:
            from .analytics import AnalyticsService

            self._analytics = AnalyticsService(self.core)
        return self._analytics

    @property
    def reports(self):
        """The reports' narrative parts, kept in the panel (services/report_texts.py)."""
        if getattr(self, "_reports", None) is None:
            from .report_texts import ReportTextService

            self._reports = ReportTextService(self.core)
        return self._reports

    @property
    def sync(self):
        """Sync with a shared folder, its status and conflicts (services/sync.py)."""
        if getattr(self, "_sync", None) is None:
            from .sync import SyncService

            self._sync = SyncService(self.core)
        return self._sync

    @property
    def security(self) -> "SecurityService":
        """How the file is protected, its key and its backups. See services/security.py."""
        if getattr(self, "_security", None) is None:
            from .security import SecurityService

            self._security = SecurityService(self.core)
        return self._security

    @property
    def comms(self) -> "CommsService":
        """Communication needs, the papers sent log and papers due. See services/comms.py."""
        if getattr(self, "_comms", None) is None:
            from .comms import CommsService

            self._comms = CommsService(self.core)
        return self._comms

    # -- the core (services/core.py) ----------------------------------------------------------
    today = _Via(PanelCore)
    clock = _Via(PanelCore)
    get = _Via(PanelCore)
    find = _Via(PanelCore)

    # -- finding, restoring and checking records; the panel's details (services/records.py) ----
    resolve = _Via(RecordService)
    panel = _Via(RecordService)
    set_panel = _Via(RecordService)
    restore = _Via(RecordService)
    revert = _Via(RecordService)
    search = _Via(RecordService)
    check = _Via(RecordService)
    accept_as_it_is = _Via(RecordService)
    export_document = _Via(RecordService)
    import_document = _Via(RecordService)

    # -- people (services/people.py) -----------------------------------------------------------
    people = _Via(PeopleService)
    people_by_id = _Via(PeopleService)
    add_person = _Via(PeopleService)
    edit_person = _Via(PeopleService)
    deactivate_person = _Via(PeopleService)
    remove_person = _Via(PeopleService)
    person_history = _Via(PeopleService)
    redactor = _Via(PeopleService)

    # -- meetings (services/meetings.py) -------------------------------------------------------
    meetings = _Via(MeetingService)
    add_meeting = _Via(MeetingService)
    edit_meeting = _Via(MeetingService)
    set_meeting_status = _Via(MeetingService)
    revert_meeting_status = _Via(MeetingService)
    remove_meeting = _Via(MeetingService)
    next_meeting = _Via(MeetingService)
    previous_meeting = _Via(MeetingService)
    meeting_to_show = _Via(MeetingService)
    current_meeting = _Via(MeetingService)
    meeting_summaries = _Via(MeetingService)
    new_meeting_defaults = _Via(MeetingService)

    # -- attendance (services/attendance.py) ---------------------------------------------------
    attendance = _Via(AttendanceService)
    set_attendance = _Via(AttendanceService)
    remove_attendance = _Via(AttendanceService)
    attendance_sheet = _Via(AttendanceService)
    set_attendance_many = _Via(AttendanceService)
    remove_attendance_many = _Via(AttendanceService)

    # -- the agenda (services/agenda.py) -------------------------------------------------------
    agenda = _Via(AgendaService)
    agenda_timing = _Via(AgendaService)
    add_item = _Via(AgendaService)
    edit_item = _Via(AgendaService)
    move_item = _Via(AgendaService)
    remove_item = _Via(AgendaService)
    restore_item = _Via(AgendaService)
    carry_item = _Via(AgendaService)
    set_item_state = _Via(AgendaService)
    carried_to = _Via(AgendaService)
    uncarry_item = _Via(AgendaService)
    next_meeting_suggested = _Via(AgendaService)
    carry_to_new_meeting = _Via(AgendaService)
    undo_carry_to_new_meeting = _Via(AgendaService)
    decisions_on_item = _Via(AgendaService)
    actions_on_item = _Via(AgendaService)

    # -- contributions (services/contributions.py) ---------------------------------------------
    contributions = _Via(ContributionService)
    add_contribution = _Via(ContributionService)
    edit_contribution = _Via(ContributionService)
    remove_contribution = _Via(ContributionService)

    # -- decisions (services/decisions.py) -----------------------------------------------------
    record_decision = _Via(DecisionService)
    edit_decision = _Via(DecisionService)
    set_decision_status = _Via(DecisionService)
    sources = _Via(DecisionService)
    add_source = _Via(DecisionService)
    remove_source = _Via(DecisionService)
    add_coproducer = _Via(DecisionService)
    remove_coproducer = _Via(DecisionService)
    add_dissent = _Via(DecisionService)
    remove_decision = _Via(DecisionService)
    decisions = _Via(DecisionService)
    decision_log = _Via(DecisionService)
    count_decisions = _Via(DecisionService)
    dissent = _Via(DecisionService)
    trace = _Via(DecisionService)

    # -- actions (services/actions.py) ---------------------------------------------------------
    actions = _Via(ActionService)
    action_log = _Via(ActionService)
    add_action = _Via(ActionService)
    edit_action = _Via(ActionService)
    set_action_status = _Via(ActionService)
    remove_action = _Via(ActionService)
    you_said_we_did = _Via(ActionService)
