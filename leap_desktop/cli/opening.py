"""Opening the panel file for a command: the one path every command takes.

Keys: the OS keyring first; when it cannot help, the recovery key or passphrase from
``LEAP_RECOVERY_KEY`` and then ``LEAP_PASSPHRASE`` (each tried once), else a hidden
prompt when there is a terminal. A new file is encrypted (with ``LEAP_PASSPHRASE`` as
its passphrase when set) and its recovery key is printed once. Where no keyring works,
a new file is only made if its key can reach someone: ``LEAP_PASSPHRASE`` is set, or
the messages go to a terminal where the recovery key can be read (a script's stderr
may go nowhere, and the file would then never open again).

When LEAP Desktop already has the file open for changes, or the file cannot be changed
here (its permissions, a read-only folder), the command opens it read-only and says so
once: after a command that only reads, or in the one line that refuses a change.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol

from ..domain.errors import LeapError, StoreError
from ..paths import make_private_folder
from ..services import PanelService, opening
from ..services.opening import KeyNotKept, UnlockRequest


class Talk(Protocol):
    """What opening needs of a command's context (cli/context.py ``Context``)."""

    err: object
    db_path: Path

    def note(self, text: str) -> None: ...

    def note_at_end(self, text: str) -> None: ...


def make_ask(ctx: Talk, *, first: str | None = None):
    """The command line's answer when the keyring cannot give a file's key: each key set
    in the environment once, the recovery key first (services/opening.py), then a
    hidden prompt when there is a terminal."""

    def then(request: UnlockRequest, tried: list[str]) -> str | None:
        if tried:
            who = tried[0] if len(tried) == 1 else f"Neither {tried[0]} nor {tried[1]}"
            verb = "does not open" if len(tried) == 1 else "opens"
            raise StoreError(f"{who} {verb} {request.path.name}; the file has not been changed")
        stdin = getattr(ctx, "stdin", None) or sys.stdin
        if not (hasattr(stdin, "isatty") and stdin.isatty()):
            raise StoreError(
                f"{request.reason}, so {request.path.name} cannot be opened. Set LEAP_RECOVERY_KEY "
                "(or LEAP_PASSPHRASE), or run the command in a terminal to be asked"
            )
        ctx.note(f"{request.reason}.")
        if request.attempt == 1 and not request.where.startswith("nowhere"):
            ctx.note(f"({request.keys_kept}.)")  # with no keyring at all, the reason said it
        try:
            secret = getpass.getpass(f"Recovery key or passphrase for {request.path.name} (Enter to stop): ")
        except EOFError:
            return None
        return secret.strip() or None

    return opening.asking(then, first=first)


def show_recovery_key(ctx: Talk, recovery_key: str, where: str, *, new_key: bool = False) -> None:
    """Print a recovery key, once, with what to do with it."""
    groups = recovery_key.split("-")
    lines = ["-".join(groups[i : i + 4]) for i in range(0, len(groups), 4)]
    ctx.note("")
    ctx.note("This panel file is encrypted. Its " + ("new " if new_key else "") + "RECOVERY KEY is:")
    ctx.note("")
    for line in lines:
        ctx.note(f"    {line}")
    ctx.note("")
    ctx.note("Write it down or print it, and keep it safe, away from this computer. It opens the")
    ctx.note("file if the keyring is lost, locked or reset. It will not be shown again.")
    if new_key:
        ctx.note("The old recovery key no longer opens this file (backups made before keep the old key).")
    ctx.note(where + ".")
    ctx.note("")


def _is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def open_service(
    ctx: Talk,
    *,
    create: bool = False,
    encrypt: bool = True,
    path: Path | None = None,
    shown: Path | None = None,
    ask: opening.Ask | None = None,
    defer_daily_backup: bool = False,
) -> PanelService:
    """Open the command's panel file (``path``, by default ``--db``). ``shown`` is the
    name to use in messages (a file being made under a temporary name); ``ask``, how
    its key is asked for when the keyring cannot give it (by default :func:`make_ask`);
    ``defer_daily_backup`` leaves the day's backup out (a file being made)."""
    path = path or ctx.db_path
    shown = shown or path
    if not create and not path.exists():
        raise LeapError(f"There is no panel file at {path}: make one with 'leap init', or try 'leap demo'")
    if create and not path.parent.exists():
        make_private_folder(path.parent)
    options = {"ask": ask or make_ask(ctx), "encrypt": encrypt, "defer_daily_backup": defer_daily_backup}
    new_file = create and (not path.exists() or path.stat().st_size == 0)
    if new_file and opening.environment_passphrase():
        options["passphrase"] = opening.environment_passphrase()
    elif new_file:
        # Without a keyring, the recovery key printed below is the only way back in: make
        # the file only if someone can read it.
        options["require_keyring"] = not _is_terminal(ctx.err)
    try:
        # A file another LEAP Desktop has open for changes opens read-only (not a new one).
        svc = PanelService.open(path, create=True, **options) if create else opening.open_existing(path, **options)
    except KeyNotKept as exc:
        raise LeapError(
            f"{exc.reason}, so the key of a new panel file cannot be kept on this computer, and this "
            "command's messages are not going to a terminal where its recovery key could be read: "
            f"{shown.name} was not created. To create a panel file from a script, set LEAP_PASSPHRASE "
            "(at least 8 characters; it opens the file from then on), or run the command in a terminal "
            "and write down the recovery key it shows"
        ) from None
    news = opening.take_news(svc, shown_as=shown)  # each said once
    if news.read_only and news.read_only_reason:
        # Said once: after a command that only reads; a change is refused with the reason.
        ctx.note_at_end(f"Opened {shown.name} read-only: {news.read_only_reason}.")
    if news.recovery_key:
        show_recovery_key(ctx, news.recovery_key, news.where)
    for note in news.notes:
        ctx.note(note + ".")
    return svc


@contextmanager
def new_panel_file(ctx: Talk, what: str) -> Iterator[PanelService]:
    """Make a new panel file at ``--db`` (``leap init``, ``demo``, ``import``).

    It is made under a temporary name beside it (``.NAME.new``) and takes its name only
    once complete, so an interrupted command never leaves an empty or half-made file
    under that name; a leftover of one is removed (with its keyring entry) next time."""
    path = ctx.db_path
    if path.is_dir():
        raise LeapError(f"{path} is a folder; give the name of a new panel file with --db")
    if path.exists() and path.stat().st_size > 0:
        raise LeapError(
            f"{path} already exists; {what} goes in a new file (choose one with --db). If it is an "
            "empty panel file left by an earlier LEAP Desktop whose 'leap init', 'demo' or 'import' "
            "was interrupted, delete it and run the command again"
        )
    with opening.building(path) as building:
        with open_service(ctx, create=True, path=building, shown=path) as svc:
            yield svc
