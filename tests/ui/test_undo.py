"""Undo and redo of an edit through the shared undo stack."""

from leap_desktop.domain.model import Person
from leap_desktop.views.partials.undo import run_undoable


def test_undo_and_redo_an_edit(ctx, service):
    person = service.add_person(display_name="Amira Khan", roles=["lived_experience"], consent="named")
    run_undoable(
        ctx,
        "Change Amira's consent",
        do=lambda: service.edit_person(person.id, consent="initials"),
        undo=lambda _: service.edit_person(person.id, consent=person.consent),
    )
    assert service.get(Person, person.id).consent.value == "initials"
    ctx.undo_stack.undo()
    assert service.get(Person, person.id).consent.value == "named"
    ctx.undo_stack.redo()
    assert service.get(Person, person.id).consent.value == "initials"
    assert ctx.undo_stack.undoText() == "Change Amira's consent"


def test_a_refused_edit_is_not_undoable_and_says_why(ctx, service, qtbot):
    person = service.add_person(display_name="Amira Khan", roles=["lived_experience"], consent="named")
    with qtbot.wait_signal(ctx.problem) as problem:
        result = run_undoable(ctx, "Break it", do=lambda: service.edit_person(person.id, display_name=""), undo=lambda _: None,
                              report=True)
    assert result is None
    assert problem.args == ["Name is needed"]
    assert ctx.undo_stack.count() == 0


def test_changes_are_announced_with_their_tables(ctx, service, qtbot):
    with qtbot.wait_signal(ctx.changed) as changed:
        service.add_person(display_name="Ben", roles=["carer"], consent="named")
    assert changed.args == [{"people"}]
