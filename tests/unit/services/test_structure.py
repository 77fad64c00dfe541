"""The services' shape: PanelService keeps every call its callers make, the services
import one another without a cycle, and no services module grows past 500 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import leap_desktop.services
from leap_desktop.services import PanelService

SERVICES = Path(leap_desktop.services.__file__).resolve().parent

#: Every public call PanelService had before it was split into topic services
#: (people.py, meetings.py, ...): the app, the command and the tests still make them.
PUBLIC_CALLS = """
    open restore_damaged close listen stop_listening start_daily_backup today get find
    resolve panel set_panel restore revert search check
    people add_person edit_person deactivate_person remove_person person_history redactor
    meetings add_meeting edit_meeting set_meeting_status revert_meeting_status remove_meeting
    next_meeting previous_meeting meeting_to_show current_meeting meeting_summaries
    new_meeting_defaults
    attendance set_attendance remove_attendance attendance_sheet set_attendance_many
    remove_attendance_many
    agenda agenda_timing add_item edit_item move_item remove_item restore_item carry_item
    set_item_state carried_to uncarry_item decisions_on_item actions_on_item
    contributions add_contribution edit_contribution remove_contribution
    record_decision edit_decision set_decision_status sources add_source remove_source
    add_coproducer remove_coproducer add_dissent remove_decision decisions decision_log
    count_decisions dissent trace
    actions action_log add_action edit_action set_action_status remove_action you_said_we_did
""".split()


def test_every_public_call_of_the_panel_service_is_still_there(service):
    assert len(PUBLIC_CALLS) == 80
    missing = [name for name in PUBLIC_CALLS if not callable(getattr(service, name, None))]
    assert missing == []
    assert service.path == service.store.path
    # Asked on the class, a call shows the topic's own function (help() and docs).
    assert "unique prefix of a name" in PanelService.resolve.__doc__


def test_a_call_goes_to_its_topic_and_the_topics_share_one_store(service):
    person = service.add_person(display_name="Amira Khan", roles=["lived_experience"], consent="named")
    assert service.resolve(type(person), "amira").id == person.id  # records.py asks people.py
    assert service.people() == [person]
    stores = {id(topic.store) for topic in service._topics.values()}
    assert stores == {id(service.store)}


def _imports_within_services(path: Path) -> set[str]:
    """The services modules ``path`` imports, counting imports inside functions and
    under TYPE_CHECKING (every import in its syntax tree)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                module = node.module
            elif node.level == 0 and (node.module or "").startswith("leap_desktop.services."):
                module = node.module.removeprefix("leap_desktop.services.")
            else:
                continue
            if module is None:  # from . import minutes
                found.update(alias.name for alias in node.names)
            else:
                found.add(module.split(".")[0])
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("leap_desktop.services."):
                    found.add(alias.name.split(".")[2])
    return {name for name in found if (SERVICES / f"{name}.py").exists()}


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    cycles, done = [], set()

    def walk(name: str, path: list[str]) -> None:
        if name in path:
            cycles.append(path[path.index(name):] + [name])
            return
        if name in done:
            return
        for target in sorted(graph.get(name, ())):
            walk(target, path + [name])
        done.add(name)

    for name in sorted(graph):
        walk(name, [])
    return cycles


def test_the_cycle_finder_finds_one():
    assert _cycles({"panel": {"trace"}, "trace": {"panel"}}) == [["panel", "trace", "panel"]]
    assert _cycles({"panel": {"people"}, "people": {"core", "trace"}, "trace": set()}) == []


def test_no_import_cycle_among_the_services():
    graph = {path.stem: _imports_within_services(path) for path in SERVICES.glob("*.py")}
    assert "panel" not in graph["trace"]
    assert _cycles(graph) == []



@pytest.mark.parametrize("path", sorted(SERVICES.glob("*.py")), ids=lambda p: p.name)
def test_no_services_module_is_over_500_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 500
