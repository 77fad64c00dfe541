"""Opening the panel file for a command: the one path every command takes.

Keys: the OS keyring first; when it cannot help, the recovery key or passphrase from
``LEAP_RECOVERY_KEY`` or ``LEAP_PASSPHRASE``, else a hidden prompt when there is a
terminal. A new file is encrypted (with ``LEAP_PASSPHRASE`` as its passphrase when set)
and its recovery key is printed once. When LEAP Desktop already has the file open for
changes, the command opens it read-only and says so.
"""

from __future__ import annotations

import getpass
import os
import sys
from typing import TYPE_CHECKING

from ..domain.errors import StoreError
from ..services import PanelService
from ..store.lock import PanelInUse
from ..store.unlock import UnlockRequest

if TYPE_CHECKING:
    from . import Context

ENV_SECRETS = ("LEAP_RECOVERY_KEY", "LEAP_PASSPHRASE")


def make_ask(ctx: "Context"):
    """The command line's answer when the keyring cannot give a file's key."""
    used_env: list[str] = []

    def ask(request: UnlockRequest) -> str | None:
        if request.attempt == 1:
            for name in ENV_SECRETS:
                value = os.environ.get(name)
                if value:
                    used_env.append(name)
                    return value
        if used_env:
            raise StoreError(
                f"{used_env[0]} does not open {request.path.name}; the file has not been changed"
            )
        stdin = getattr(ctx, "stdin", None) or sys.stdin
        if not (hasattr(stdin, "isatty") and stdin.isatty()):
            raise StoreError(
                f"{request.reason}, so {request.path.name} cannot be opened. Set LEAP_RECOVERY_KEY "
                "(or LEAP_PASSPHRASE), or run the command in a terminal to be asked"
            )
        if request.attempt == 1:
            ctx.note(f"{request.reason}.")
            ctx.note(f"(LEAP Desktop keeps keys in {request.where}.)")
        else:
            ctx.note(f"{request.reason}.")
        try:
            secret = getpass.getpass(f"Recovery key or passphrase for {request.path.name} (Enter to stop): ")
        except EOFError:
            return None
        return secret.strip() or None

    return ask


def show_recovery_key(ctx: "Context", recovery_key: str, where: str, *, new_key: bool = False) -> None:
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


def open_service(ctx: "Context", *, create: bool = False, encrypt: bool = True) -> PanelService:
    path = ctx.db_path
    if create and not path.parent.exists():
        path.parent.mkdir(parents=True, mode=0o700, exist_ok=True)
    options = {"ask": make_ask(ctx), "encrypt": encrypt}
    new_file = create and (not path.exists() or path.stat().st_size == 0)
    if new_file and os.environ.get("LEAP_PASSPHRASE"):
        options["passphrase"] = os.environ["LEAP_PASSPHRASE"]
    try:
        svc = PanelService.open(path, create=create, **options)
    except PanelInUse as exc:
        if create:
            raise
        svc = PanelService.open(path, readonly=True, **options)
        svc.store.read_only_reason = f"{exc.holder.describe() if exc.holder else 'another program'} has it open for changes"
        ctx.note(f"Opened {path.name} read-only: {svc.store.read_only_reason}.")
    security = svc.store.security
    if security.recovery_key:
        show_recovery_key(ctx, security.recovery_key, security.where)
        security.recovery_key = None  # shown once
    for note in security.notes:
        ctx.note(note + ".")
    security.notes.clear()
    return svc
