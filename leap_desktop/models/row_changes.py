"""The arithmetic of a refresh: how a list of row keys changed, as Qt wants to hear it."""

from __future__ import annotations

from collections.abc import Hashable


def single_move(old: list[Hashable], new: list[Hashable]) -> tuple[int, int] | None:
    """If ``new`` is ``old`` with one entry moved, return (source row, Qt destination
    row: the row it goes before, counted in ``old``)."""
    first = next(i for i, (a, b) in enumerate(zip(old, new)) if a != b)
    last = max(i for i, (a, b) in enumerate(zip(old, new)) if a != b)
    # Moved down: old[first] now sits at ``last``.
    if new[last] == old[first] and new[first:last] == old[first + 1:last + 1]:
        return first, last + 1
    # Moved up: old[last] now sits at ``first``.
    if new[first] == old[last] and new[first + 1:last + 1] == old[first:last]:
        return last, first
    return None


def contiguous_block(short: list[Hashable], long: list[Hashable]) -> tuple[int, int] | None:
    """If ``long`` is ``short`` with one contiguous block added, return (first, count)."""
    count = len(long) - len(short)
    if count <= 0:
        return None
    first = next((i for i, (a, b) in enumerate(zip(short, long)) if a != b), len(short))
    if long[:first] + long[first + count:] == short:
        return first, count
    return None
