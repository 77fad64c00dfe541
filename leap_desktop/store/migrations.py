"""Named, ordered schema migrations, recorded in the panel file.

Each migration runs inside one transaction together with the record that it ran
(``sqlite_utils.Migrations``), and sets ``PRAGMA user_version`` to the number of
migrations applied, so a file written by a newer LEAP Desktop is recognised and
refused instead of being "repaired".

Whether a file is up to date is read with plain SQL; sqlite-utils (a moment to load)
is imported only when a migration is to run, so an up-to-date panel opens without it.

To change the schema: add a function at the end, decorated with ``@migration``,
named ``mNNN_what_it_does``. Never edit or reorder one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ..domain.errors import StoreError
from . import first_schema
from .connection import APPLICATION_ID
from .first_schema import create_search as _create_search
from .first_schema import split_statements as _split

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

#: The name of this set of migrations in the ``_sqlite_migrations`` table.
SET_NAME = "leap"
_names: list[str] = []
_steps: list[Callable[["Database"], None]] = []
_registry: "Migrations | None" = None


def migration(fn: Callable[["Database"], None]) -> Callable[["Database"], None]:
    """Register ``fn`` as the next migration. It runs in one transaction with the
    record of it having run and with ``user_version`` set to its position."""
    position = len(_names) + 1
    _names.append(fn.__name__)

    def step(db: "Database") -> None:
        fn(db)
        db.execute(f"PRAGMA user_version = {position}")

    step.__name__ = fn.__name__
    _steps.append(step)
    return fn


def registry() -> "Migrations":
    """The migrations as ``sqlite_utils.Migrations`` (imported at the first call)."""
    global _registry
    if _registry is None:
        from sqlite_utils.migrations import Migrations

        made = Migrations(SET_NAME)
        for step in _steps:
            made(name=step.__name__)(step)
        _registry = made
    return _registry


def _connection(db: Any):
    """The SQLite connection of ``db`` (a connection, or sqlite-utils' Database over one)."""
    return getattr(db, "conn", db)


def _database(db: Any) -> "Database":
    from sqlite_utils import Database

    return db if isinstance(db, Database) else Database(db)


def applied_names(db: Any) -> list[str]:
    """Names of the migrations recorded in the file, in the order they ran (read only)."""
    conn = _connection(db)
    if conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'").fetchone() is None:
        return []
    return [row[0] for row in conn.execute(
        "SELECT name FROM _sqlite_migrations WHERE migration_set = ? ORDER BY rowid", [SET_NAME])]


def pending_names(db: Any) -> list[str]:
    """Names of the migrations this version has and the file has not had yet, in order."""
    done = set(applied_names(db))
    return [name for name in _names if name not in done]

# Columns every audited record table has (in f-strings: ``{_META}``).
_META = first_schema.META

#: Tables whose rows are records of the panel, audited and exported.
RECORD_TABLES = (
    "panel",
    "people",
    "meetings",
    "attendance",
    "agenda_items",
    "contributions",
    "decisions",
    "decision_sources",
    "decision_coproducers",
    "decision_dissent",
    "actions",
    "minutes_versions",
    "minutes_reviews",
    "payment_rates",
    "payment_claims",
    "payment_expenses",
    "payment_limits",
    # the impact log (m006)
    "research_stages",
    "research_stage_marks",
    "impact_entries",
    "impact_links",
    "impact_voices",
    "contribution_uptake",
    # communication needs and the papers sent log (m007)
    "communication_needs",
    "papers_sent",
    # the names check's marks (m008)
    "name_marks",
    # the reports' narrative parts (m009)
    "report_texts",
)


@migration
def m001_panel_record(db: Database) -> None:
    """The panel record: people, meetings, agenda, contributions, decisions, actions,
    the audit log, and full-text search (its statements: store/first_schema.py)."""
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    for statement in _split(first_schema.PANEL_RECORD):
        db.execute(statement)
    _create_search(db)


@migration
def m002_minutes_reviews(db: Database) -> None:
    """Versions of each meeting's minutes (circulation, approval, amendment) and the
    reviewers' comments read back from Word."""
    statements = f"""
    CREATE TABLE minutes_versions ({_META},
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        version INTEGER NOT NULL,
        status TEXT NOT NULL,
        circulated_on TEXT,
        circulated_to TEXT,
        approved_at_meeting_id TEXT REFERENCES meetings(id),
        approval_decision_id TEXT REFERENCES decisions(id),
        approved_on TEXT,
        amendment_reason TEXT,
        replaced_on TEXT,
        snapshot TEXT
    ) STRICT;
    CREATE UNIQUE INDEX minutes_versions_once ON minutes_versions(meeting_id, version)
        WHERE deleted_at IS NULL;

    CREATE TABLE minutes_reviews ({_META},
        number INTEGER NOT NULL UNIQUE,
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        version INTEGER,
        item_id TEXT REFERENCES agenda_items(id),
        decision_id TEXT REFERENCES decisions(id),
        action_id TEXT REFERENCES actions(id),
        person_id TEXT REFERENCES people(id),
        reviewer TEXT NOT NULL,
        text TEXT NOT NULL,
        quoted TEXT,
        commented_at TEXT,
        fingerprint TEXT NOT NULL,
        source TEXT,
        status TEXT NOT NULL,
        reply TEXT,
        resolved_on TEXT
    ) STRICT;
    CREATE UNIQUE INDEX minutes_reviews_once ON minutes_reviews(meeting_id, fingerprint)
        WHERE deleted_at IS NULL;
    CREATE INDEX minutes_reviews_meeting ON minutes_reviews(meeting_id, number);
    """
    for statement in _split(statements):
        db.execute(statement)


@migration
def m003_drop_unused_audit_index(db: Database) -> None:
    """The index of audit entries by change was never read, and cost a page write on
    every change (the verifier reads the log in order; by record it uses audit_row)."""
    db.execute("DROP INDEX IF EXISTS audit_change")


@migration
def m004_payments(db: Database) -> None:
    """Payment for involvement: the dated rate card, claims with the rate they used, their
    expenses, and tax-year thresholds and people's own limits (money in whole pence).
    Not in the search index: payment data is for the coordinator and finance only."""
    statements = f"""
    CREATE TABLE payment_rates ({_META},
        activity TEXT NOT NULL,
        unit TEXT NOT NULL,
        amount_pence INTEGER NOT NULL,
        valid_from TEXT NOT NULL,
        source TEXT,
        example TEXT NOT NULL
    ) STRICT;

    CREATE TABLE payment_claims ({_META},
        number INTEGER NOT NULL UNIQUE,
        person_id TEXT NOT NULL REFERENCES people(id),
        meeting_id TEXT REFERENCES meetings(id),
        activity TEXT NOT NULL,
        activity_on TEXT NOT NULL,
        description TEXT,
        meeting_hours REAL,
        preparation_hours REAL,
        follow_up_hours REAL,
        units REAL,
        rate_id TEXT REFERENCES payment_rates(id),
        rate_unit TEXT NOT NULL,
        rate_pence INTEGER NOT NULL,
        rate_source TEXT,
        fee_choice TEXT NOT NULL,
        fee_pence INTEGER NOT NULL,
        method TEXT NOT NULL,
        cost_code TEXT,
        status TEXT NOT NULL,
        submitted_on TEXT,
        approved_on TEXT,
        paid_on TEXT,
        withdrawn_on TEXT,
        withdrawn_reason TEXT
    ) STRICT;
    CREATE INDEX payment_claims_person ON payment_claims(person_id, activity_on);
    CREATE INDEX payment_claims_meeting ON payment_claims(meeting_id);

    CREATE TABLE payment_expenses ({_META},
        claim_id TEXT NOT NULL REFERENCES payment_claims(id),
        category TEXT NOT NULL,
        description TEXT,
        miles REAL,
        mile_rate_pence INTEGER,
        amount_pence INTEGER NOT NULL,
        receipt_ref TEXT,
        paid_in_advance TEXT NOT NULL
    ) STRICT;
    CREATE INDEX payment_expenses_claim ON payment_expenses(claim_id);

    CREATE TABLE payment_limits ({_META},
        person_id TEXT REFERENCES people(id),
        kind TEXT NOT NULL,
        amount_pence INTEGER NOT NULL,
        noted_on TEXT NOT NULL,
        note TEXT
    ) STRICT;
    """
    for statement in _split(statements):
        db.execute(statement)


@migration
def m005_file_identity(db: Database) -> None:
    """Each file gets an id of its own, apart from its panel's (which copies share), so
    that its automatic backups are its own (store/identity.py)."""
    from . import identity

    identity.create_table(db)


@migration
def m006_impact_log(db: Database) -> None:
    """The impact log: research stages (an editable list) on items and decisions, log
    entries with their links and two voices, and whether each contribution was taken up."""
    statements = f"""
    CREATE TABLE research_stages ({_META},
        number INTEGER NOT NULL UNIQUE,
        name TEXT NOT NULL,
        position INTEGER NOT NULL
    ) STRICT;

    CREATE TABLE research_stage_marks ({_META},
        stage_id TEXT NOT NULL REFERENCES research_stages(id),
        item_id TEXT REFERENCES agenda_items(id),
        decision_id TEXT REFERENCES decisions(id)
    ) STRICT;
    CREATE UNIQUE INDEX research_stage_marks_item ON research_stage_marks(item_id)
        WHERE deleted_at IS NULL AND item_id IS NOT NULL;
    CREATE UNIQUE INDEX research_stage_marks_decision ON research_stage_marks(decision_id)
        WHERE deleted_at IS NULL AND decision_id IS NOT NULL;

    CREATE TABLE impact_entries ({_META},
        number INTEGER NOT NULL UNIQUE,
        title TEXT NOT NULL,
        meeting_id TEXT REFERENCES meetings(id),
        item_id TEXT REFERENCES agenda_items(id),
        activity_on TEXT,
        how_contributed TEXT,
        hoped_to_influence TEXT,
        outcome TEXT NOT NULL,
        what_changed TEXT,
        outcome_reason TEXT,
        why_it_matters TEXT,
        standards TEXT NOT NULL,
        stage_id TEXT REFERENCES research_stages(id),
        drafted_from_id TEXT REFERENCES decisions(id)
    ) STRICT;
    CREATE INDEX impact_entries_drafted_from ON impact_entries(drafted_from_id);

    CREATE TABLE impact_links ({_META},
        entry_id TEXT NOT NULL REFERENCES impact_entries(id),
        contribution_id TEXT REFERENCES contributions(id),
        decision_id TEXT REFERENCES decisions(id),
        action_id TEXT REFERENCES actions(id)
    ) STRICT;
    CREATE INDEX impact_links_entry ON impact_links(entry_id);
    CREATE INDEX impact_links_contribution ON impact_links(contribution_id);

    CREATE TABLE impact_voices ({_META},
        entry_id TEXT NOT NULL REFERENCES impact_entries(id),
        kind TEXT NOT NULL,
        person_id TEXT NOT NULL REFERENCES people(id),
        text TEXT NOT NULL,
        written_on TEXT,
        attribution TEXT
    ) STRICT;
    CREATE INDEX impact_voices_entry ON impact_voices(entry_id);

    CREATE TABLE contribution_uptake ({_META},
        contribution_id TEXT NOT NULL REFERENCES contributions(id),
        status TEXT NOT NULL,
        reason TEXT,
        recorded_on TEXT
    ) STRICT;
    CREATE UNIQUE INDEX contribution_uptake_once ON contribution_uptake(contribution_id)
        WHERE deleted_at IS NULL;
    """
    for statement in _split(statements):
        db.execute(statement)


@migration
def m007_communication_needs(db: Database) -> None:
    """Each person's communication needs and the log of papers sent to them; each
    meeting's single papers sent date moves into the log (audited), and meetings gain
    their invitation's version number (store/comms_migration.py)."""
    from . import comms_migration

    comms_migration.apply(db, _META)


@migration
def m008_name_marks(db: Database) -> None:
    """Names in free text done exactly (domain/mentions.py): the names check's "not a
    name" marks, and the guessed names of minutes approved before this version, frozen
    as they read now, so that adding a member never changes them."""
    statements = f"""
    CREATE TABLE name_marks ({_META},
        record_table TEXT NOT NULL,
        record_id TEXT NOT NULL,
        field TEXT NOT NULL,
        start INTEGER NOT NULL,
        word TEXT NOT NULL,
        text_key TEXT NOT NULL,
        verdict TEXT NOT NULL
    ) STRICT;
    CREATE INDEX name_marks_record ON name_marks(record_table, record_id);
    """
    for statement in _split(statements):
        db.execute(statement)
    from . import frozen_names

    frozen_names.create_table(db)


@migration
def m009_report_texts(db: Database) -> None:
    """The narrative parts of the reports (GRIPP2 sections, answers to the UK Standards'
    reflective questions), kept so that a report made again keeps them."""
    statements = f"""
    CREATE TABLE report_texts ({_META},
        report TEXT NOT NULL,
        field TEXT NOT NULL,
        text TEXT
    ) STRICT;
    CREATE UNIQUE INDEX report_texts_once ON report_texts(report, field) WHERE deleted_at IS NULL;
    """
    for statement in _split(statements):
        db.execute(statement)


# -- applying -----------------------------------------------------------------------


def schema_version() -> int:
    """The schema version this build of LEAP Desktop writes."""
    return len(_names)


def state(db: Any) -> tuple[int, list[str]]:
    """(user_version, names of applied migrations) without writing anything."""
    version = _connection(db).execute("PRAGMA user_version").fetchone()[0]
    return version, applied_names(db)


def check_compatible(db: Any, path: str) -> list[str]:
    """Refuse a file that is not a panel file or was written by a newer LEAP Desktop.

    Returns the names of migrations still to apply (empty when up to date).
    """
    conn = _connection(db)
    tables = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").fetchone() is not None
    app_id = conn.execute("PRAGMA application_id").fetchone()[0]
    if tables and app_id != APPLICATION_ID:
        raise StoreError(f"{path} is an SQLite file but not a LEAP panel file")
    version, applied = state(db)
    unknown = [name for name in applied if name not in _names]
    if version > schema_version() or unknown:
        raise StoreError(
            f"{path} was saved by a newer version of LEAP Desktop (schema {version}; this "
            f"version understands up to {schema_version()}). Update LEAP Desktop to open it; "
            "the file has not been changed"
        )
    return pending_names(db)


def apply(db: Any, before: Callable[[list[str]], None] | None = None) -> list[str]:
    """Apply pending migrations, each in its own transaction. ``before`` is called
    with the pending names first (used to take a backup). Returns what was applied."""
    pending = pending_names(db)
    if not pending:
        return []
    if before is not None:
        before(pending)
    database = _database(db)
    try:
        registry().apply(database)
    except Exception as exc:
        failed = pending_names(database)[0]
        position = _names.index(failed) + 1
        raise StoreError(
            f"Could not update the panel file from schema {position - 1} to {position} "
            f"({failed}): {exc}. The file was left as it was before this step"
        ) from exc
    return pending


@migration
def m010_sync(db: Database) -> None:
    """Sync through a shared folder (store/sync_*.py): which files from other laptops were
    applied, their audit chains, changes waiting for the coordinator, and where rows
    came from. None of these is a record table: they are this file's own bookkeeping."""
    from . import sync_tables

    for statement in _split(sync_tables.SCHEMA):
        db.execute(statement)
