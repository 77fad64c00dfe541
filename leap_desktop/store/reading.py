"""Reading a panel's records: by id, by number, by field values, or by a named query.

:class:`RecordReader` is the reading half of ``PanelStore`` (store/panel_store.py):
everything here only reads ``self.conn``. Deleted records (tombstones) are left out
unless asked for.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

from ..domain.model import Record
from . import migrations
from .codec import from_row

R = TypeVar("R", bound=Record)


class RecordReader:
    """Reads records over ``self.conn`` (set by the store)."""

    conn: Any

    def _query(self, sql: str, params: Iterable[Any] = ()) -> Iterator[dict[str, Any]]:
        cursor = self.conn.execute(sql, list(params))
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(names, row))

    def _row(self, table: str, row_id: str) -> dict[str, Any] | None:
        rows = list(self._query(f"SELECT * FROM {table} WHERE id = ?", [row_id]))
        return rows[0] if rows else None

    def get(self, cls: type[R], record_id: str | None, *, include_deleted: bool = False) -> R | None:
        if record_id is None:
            return None
        row = self._row(cls.TABLE, record_id)
        if row is None or (row["deleted_at"] is not None and not include_deleted):
            return None
        return from_row(cls, row)  # type: ignore[return-value]

    def by_number(self, cls: type[R], number: int) -> R | None:
        rows = self.select(cls, "number = ?", [number], include_deleted=True)
        return rows[0] if rows else None

    def select(
        self,
        cls: type[R],
        where: str | None = None,
        params: Iterable[Any] = (),
        *,
        order_by: str | None = None,
        limit: int | None = None,
        offset: int | None = None,
        include_deleted: bool = False,
    ) -> list[R]:
        clauses = [] if include_deleted else ["deleted_at IS NULL"]
        if where:
            clauses.append(f"({where})")
        sql = f"SELECT * FROM {cls.TABLE}"
        if clauses:
            sql += " WHERE " + " AND ".join(clauses)
        if order_by:
            sql += f" ORDER BY {order_by}"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
            if offset:
                sql += f" OFFSET {int(offset)}"
        return [from_row(cls, row) for row in self._query(sql, params)]  # type: ignore[misc]

    def find(
        self,
        cls: type[R],
        *,
        order_by: str | None = None,
        limit: int | None = None,
        include_deleted: bool = False,
        **equals: Any,
    ) -> list[R]:
        """Records of ``cls`` whose fields equal the given values, e.g.
        ``find(Attendance, meeting_id=m, person_id=p)``: how the services read single
        tables without writing SQL. ``order_by`` names fields, each optionally ``DESC``."""
        where, params = self._equals(cls, equals)
        return self.select(cls, where, params, order_by=self._order(cls, order_by), limit=limit,
                           include_deleted=include_deleted)

    def count(self, cls: type[R], **equals: Any) -> int:
        """How many live records of ``cls`` have the given field values."""
        where, params = self._equals(cls, equals)
        return self.scalar(
            f"SELECT count(*) FROM {cls.TABLE} WHERE deleted_at IS NULL" + (f" AND {where}" if where else ""), params
        )

    @staticmethod
    def _fields(cls: type[Record]) -> set[str]:
        return {fl.name for fl in dataclasses.fields(cls)}

    def _equals(self, cls: type[Record], equals: dict[str, Any]) -> tuple[str | None, list[Any]]:
        unknown = set(equals) - self._fields(cls)
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {sorted(unknown)[0]!r}")
        clauses, params = [], []
        for name, value in equals.items():
            if value is None:
                clauses.append(f"{name} IS NULL")
            else:
                clauses.append(f"{name} = ?")
                params.append(value.value if hasattr(value, "value") else value)
        return (" AND ".join(clauses) or None), params

    def _order(self, cls: type[Record], order_by: str | None) -> str | None:
        if not order_by:
            return None
        fields = self._fields(cls)
        for part in order_by.split(","):
            words = part.split()
            if not words or words[0] not in fields or words[1:] not in ([], ["DESC"], ["ASC"]):
                raise TypeError(f"cannot order {cls.__name__} by {part.strip()!r}")
        return order_by

    def is_empty(self) -> bool:
        """True when the file holds no records at all (a new file, ready for an import)."""
        return all(self.scalar(f"SELECT count(*) FROM {table}") == 0 for table in migrations.RECORD_TABLES)

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        """Raw rows for the named queries in :mod:`leap_desktop.store.queries`."""
        return list(self._query(sql, params))

    def scalar(self, sql: str, params: Iterable[Any] = ()) -> Any:
        row = self.conn.execute(sql, list(params)).fetchone()
        return row[0] if row else None
