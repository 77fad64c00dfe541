"""The research stages of the impact log: an editable, ordered list (design, ethics, ...)
and the stage of each agenda item and decision.

Part of ``service.impact`` (:class:`~.impact.ImpactService` takes these use-cases from
:class:`StagesMixin`), kept apart so each module stays short. The panel starts with the
usual ten stages, saved the first time the list is used. A stage can be added, renamed,
moved to another place in the list, and taken off it while nothing uses it; each is one
audited change, and each has its way back for Undo (:meth:`StagesMixin.restore_stage`,
or the same call with the old name or place).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..domain.errors import NotFound, RuleError, shown
from ..domain.impact_vocab import DEFAULT_STAGES
from ..domain.model import AgendaItem, Decision, ResearchStage, StageMark, build
from ..store import impact_queries
from ..store.panel_store import new_id
from ..words import names_list, plural

#: How many references a refusal names of each kind before "and N more".
NAMED = 8

_KINDS = (("I", "agenda item", "agenda items"), ("D", "decision", "decisions"),
          ("E", "impact log entry", "impact log entries"))


@dataclasses.dataclass(frozen=True)
class StageUses:
    """What uses a research stage now, by reference: agenda items, decisions, entries."""

    refs: dict[str, list[str]] = dataclasses.field(default_factory=dict)  # "I" -> ["I-12", ...]

    def __bool__(self) -> bool:
        return any(self.refs.values())

    def count(self) -> int:
        return sum(len(v) for v in self.refs.values())

    def all_refs(self) -> list[str]:
        """Every reference: agenda items, then decisions, then entries."""
        return [r for prefix, _, _ in _KINDS for r in self.refs.get(prefix, [])]

    def summary(self) -> str:
        """``2 agenda items, 1 decision and 1 impact log entry``, or ``Not used``."""
        parts = [plural(len(self.refs[p]), one, many) for p, one, many in _KINDS if self.refs.get(p)]
        return names_list(parts) or "Not used"

    def where(self) -> str:
        """``agenda item I-12, decisions D-4 and D-7 and impact log entry E-2`` (at most
        :data:`NAMED` of each kind, then how many more)."""
        parts = []
        for prefix, one, many in _KINDS:
            refs = self.refs.get(prefix) or []
            if not refs:
                continue
            named = refs[:NAMED] + ([f"{len(refs) - NAMED:,} more"] if len(refs) > NAMED else [])
            parts.append(f"{one if len(refs) == 1 else many} {names_list(named)}")
        if len(parts) > 1 and any(" and " in p for p in parts):  # "decisions D-4 and D-7, and ..."
            return ", ".join(parts[:-1]) + ", and " + parts[-1]
        return names_list(parts)


def _uses(rows: list[tuple[str, str, int]]) -> dict[str, StageUses]:
    found: dict[str, dict[str, list[int]]] = {}
    for stage_id, prefix, number in rows:
        found.setdefault(stage_id, {}).setdefault(prefix, []).append(number)
    return {stage_id: StageUses({p: [f"{p}-{n}" for n in sorted(numbers)] for p, numbers in kinds.items()})
            for stage_id, kinds in found.items()}


class StagesMixin:
    """The research stages' use-cases of ``service.impact`` (needs ``self.store`` and
    ``self.panel``)."""

    store: Any
    panel: Any

    # -- the list ---------------------------------------------------------------------------------

    def stages(self) -> list[ResearchStage]:
        """The panel's research stages, in order; the usual ten until the list is edited."""
        stored = self.store.find(ResearchStage, order_by="position, number")
        if stored or self._ever_had_stages():
            return stored
        return [ResearchStage(id="", name=name, position=i) for i, name in enumerate(DEFAULT_STAGES, 1)]

    def _ever_had_stages(self) -> bool:
        return bool(self.store.find(ResearchStage, include_deleted=True, limit=1))

    def _ensure_stages(self) -> None:
        """Save the usual list the first time the list is used (inside a change)."""
        if not self._ever_had_stages():
            for position, name in enumerate(DEFAULT_STAGES, 1):
                self.store.insert(build(ResearchStage, {"name": name, "position": position}, id=new_id()))

    def find_stage(self, text: str) -> ResearchStage:
        """A stage by its name (any case; a unique beginning is enough), its position, or its id."""
        stages = self.stages()
        by_id = [s for s in stages if s.id and s.id == str(text or "").strip()]
        if by_id:
            return by_id[0]
        key = " ".join(str(text or "").split()).casefold()
        if not key:
            raise RuleError("Say which research stage")
        if key.isdigit():
            found = [s for s in stages if s.position == int(key)]
        else:
            found = [s for s in stages if s.name.casefold() == key] or [
                s for s in stages if s.name.casefold().startswith(key)]
        if len(found) == 1:
            return found[0]
        names = ", ".join(s.name for s in stages)
        if found:
            raise RuleError(f"{shown(text)} could be more than one research stage: {', '.join(s.name for s in found)}")
        raise RuleError(f"No research stage {shown(text)} (the stages are: {names})")

    def _stage(self, text: str) -> ResearchStage:
        """As :meth:`find_stage`, saving the usual list first if needed (inside a change)."""
        self._ensure_stages()
        return self.find_stage(text)

    def stage_uses(self) -> dict[str, StageUses]:
        """What uses each stage now (stage id -> its uses; a stage nothing uses is absent)."""
        return _uses(impact_queries.stage_uses(self.store))

    def _check_unique(self, name: str, other_than: str | None = None) -> None:
        key = " ".join(str(name or "").split()).casefold()
        if any(s.name.casefold() == key and s.id != other_than for s in self.stages()):
            raise RuleError(f"There is already a research stage called {shown(name)}", "name")

    def _renumber(self, ordered: list[ResearchStage]) -> list[ResearchStage]:
        out = []
        for position, stage in enumerate(ordered, 1):
            out.append(self.store.update(stage.changed(position=position)) if stage.position != position else stage)
        return out

    def add_stage(self, name: str) -> ResearchStage:
        """A new stage, at the end of the list."""
        with self.store.change(f"Add research stage {name}"):
            self._ensure_stages()
            self._check_unique(name)
            position = max((s.position for s in self.stages()), default=0) + 1
            return self.store.insert(build(ResearchStage, {"name": name, "position": position}, id=new_id()))

    def rename_stage(self, stage: str, name: str) -> ResearchStage:
        """A stage's new name; everything that uses it shows the new name."""
        with self.store.change(f"Rename research stage {stage}"):
            found = self._stage(stage)
            self._check_unique(name, found.id)
            return self.store.update(found.changed(name=name))

    def move_stage(self, stage: str, position: int | str) -> ResearchStage:
        """Put a stage at ``position`` in the list (1 is the first), the others making room."""
        with self.store.change(f"Move research stage {stage}"):
            found = self._stage(stage)
            stages = self.stages()
            try:
                wanted = int(str(position).strip())
            except ValueError:
                wanted = 0
            if not 1 <= wanted <= len(stages):
                raise RuleError(f"Say a place in the list from 1 to {len(stages)}, not {shown(str(position))}",
                                "position")
            rest = [s for s in stages if s.id != found.id]
            rest.insert(wanted - 1, found)
            return next(s for s in self._renumber(rest) if s.id == found.id)

    def remove_stage(self, stage: str) -> ResearchStage:
        """Take a stage off the list; refused while an agenda item, a decision or an
        impact log entry uses it (the refusal says which)."""
        with self.store.change(f"Remove research stage {stage}"):
            found = self._stage(stage)
            uses = self.stage_uses().get(found.id)
            if uses:
                raise RuleError(f"The research stage {found.name} is in use, so it stays on the list. It is the "
                                f"stage of {uses.where()}. Set {'that' if uses.count() == 1 else 'those'} to another "
                                "stage, or to none, first.")
            removed = self.store.delete(found)
            self._renumber([s for s in self.stages() if s.id != found.id])
            return removed

    def restore_stage(self, stage_id: str) -> ResearchStage:
        """Undo taking a stage off the list: it comes back at the place it had."""
        stage = self.store.get(ResearchStage, stage_id, include_deleted=True)
        if stage is None:
            raise NotFound("That research stage is not in this panel")
        with self.store.change(f"Restore research stage {stage.name}"):
            if stage.deleted_at is not None:
                self._check_unique(stage.name)
                stage = self.store.restore(stage)
            rest = [s for s in self.stages() if s.id != stage.id]
            rest.insert(max(0, min(stage.position - 1, len(rest))), stage)
            return next(s for s in self._renumber(rest) if s.id == stage.id)

    # -- the stage of an agenda item or a decision -------------------------------------------------

    def stage_mark(self, record: AgendaItem | Decision) -> StageMark | None:
        key = "item_id" if isinstance(record, AgendaItem) else "decision_id"
        found = self.store.find(StageMark, **{key: record.id}, limit=1)
        return found[0] if found else None

    def stage_of(self, record: AgendaItem | Decision) -> ResearchStage | None:
        """The record's research stage; a decision without one has its item's."""
        mark = self.stage_mark(record)
        if mark is None and isinstance(record, Decision) and record.item_id:
            item = self.store.get(AgendaItem, record.item_id)
            mark = self.stage_mark(item) if item else None
        return self.store.get(ResearchStage, mark.stage_id, include_deleted=True) if mark else None

    def set_stage(self, ref: str, stage: str | None) -> StageMark | None:
        """Set (or with ``stage`` None / "none", clear) the research stage of an agenda item
        (I-3) or a decision (D-7)."""
        record = self._item_or_decision(ref)
        clearing = stage is None or str(stage).strip().casefold() in ("", "none")
        with self.store.change(f"Research stage of {record.ref}"):
            mark = self.stage_mark(record)
            if clearing:
                if mark is not None:
                    self.store.delete(mark)
                return None
            found = self._stage(stage)  # type: ignore[arg-type]
            if mark is not None:
                return self.store.update(mark.changed(stage_id=found.id))
            key = "item_id" if isinstance(record, AgendaItem) else "decision_id"
            return self.store.insert(build(StageMark, {"stage_id": found.id, key: record.id}, id=new_id()))

    def _item_or_decision(self, ref: str) -> AgendaItem | Decision:
        text = (ref or "").strip().upper()
        if text.startswith("I"):
            return self.panel.resolve(AgendaItem, ref)
        if text.startswith("D"):
            return self.panel.resolve(Decision, ref)
        raise RuleError(f"A research stage is set on an agenda item (I-3) or a decision (D-7), not {shown(ref)}")
