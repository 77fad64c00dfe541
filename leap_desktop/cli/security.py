"""Commands that protect the panel file: encrypt, decrypt --out, rekey, backup, restore,
backups, key-info. ``leap check`` (in records.py) verifies the file and its pages."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from pathlib import Path

from ..domain.errors import LeapError
from ..services import PanelService
from ..services.security import (
    DamagedFile,
    PanelKey,
    backups_to_keep,
    check_passphrase,
    key_from_passphrase,
    new_key,
    set_backups_to_keep,
)
from .context import add_command
from .opening import make_ask, show_recovery_key


def register(commands: argparse._SubParsersAction) -> None:
    def add(name: str, handler, help: str) -> argparse.ArgumentParser:
        return add_command(commands, name, handler, help)

    p = add("encrypt", cmd_encrypt, "encrypt a panel file that is not encrypted yet (a new recovery key is shown once)")
    p.add_argument("--passphrase", action="store_true",
                   help="also let a passphrase open it (asked twice, or $LEAP_NEW_PASSPHRASE)")

    p = add("decrypt", cmd_decrypt, "write an UNENCRYPTED copy of the panel to a new file (the panel file stays encrypted)")
    p.add_argument("--out", metavar="FILE", required=True, help="the new, unencrypted file")

    p = add("rekey", cmd_rekey, "change the key of an encrypted panel file (a new recovery key is shown once)")
    p.add_argument("--passphrase", action="store_true",
                   help="let a passphrase open it (asked twice, or $LEAP_NEW_PASSPHRASE)")

    p = add("backup", cmd_backup, "write a checked backup of the panel file (same key, still encrypted)")
    p.add_argument("--out", metavar="FILE", required=True, help="where to write the backup (a new file)")

    p = add("restore", cmd_restore, "replace the panel file with a backup, once the backup has passed every check "
            "(a damaged panel file is kept beside it, renamed)")
    p.add_argument("file", help="the backup to restore")

    p = add("backups", cmd_backups, "list the automatic backups of the panel file, or set how many are kept")
    p.add_argument("--keep", type=int, metavar="N", help="keep the newest N automatic backups of each panel file")

    add("key-info", cmd_key_info, "say whether the panel file is encrypted and where its key is kept")


def _new_passphrase(ctx) -> str:
    value = os.environ.get("LEAP_NEW_PASSPHRASE")
    if value:
        check_passphrase(value)
        return value
    stdin = getattr(ctx, "stdin", None) or sys.stdin
    if not (hasattr(stdin, "isatty") and stdin.isatty()):
        raise LeapError("Set LEAP_NEW_PASSPHRASE, or run the command in a terminal to type the new passphrase")
    first = getpass.getpass("New passphrase (at least 8 characters): ")
    check_passphrase(first)
    if getpass.getpass("The same passphrase again: ") != first:
        raise LeapError("The two passphrases differ; nothing was changed")
    return first


def _make_key(ctx, with_passphrase: bool) -> PanelKey:
    key = new_key()
    if with_passphrase:
        key = key_from_passphrase(_new_passphrase(ctx), key.salt)
    return key


def cmd_encrypt(ctx) -> int:
    with ctx.open() as svc:
        if svc.security.state.encrypted:
            raise LeapError(f"{svc.path.name} is already encrypted; use 'leap rekey' to change its key")
        security = svc.security.change_key(_make_key(ctx, ctx.args.passphrase))
        show_recovery_key(ctx, security.recovery_key, security.where)
        for note in security.notes:
            ctx.note(note + ".")
        folder = svc.security.backup_folder()
    ctx.note(f"Encrypted {svc.path}. Unencrypted automatic backups of it are still in {folder}: "
             "delete them once you have checked that the encrypted file opens.")
    return 0


def cmd_decrypt(ctx) -> int:
    out = Path(ctx.args.out).expanduser()
    with ctx.open() as svc:
        svc.security.export_plaintext(out)
    ctx.note(f"Wrote an UNENCRYPTED copy of the panel to {out}.")
    ctx.note("Warning: anyone who can read that file can read the panel's names and accounts of lived "
             "experience. Keep it only as long as you need it, then delete it.")
    return 0


def cmd_rekey(ctx) -> int:
    with ctx.open() as svc:
        if not svc.security.state.encrypted:
            raise LeapError(f"{svc.path.name} is not encrypted; use 'leap encrypt' to encrypt it")
        security = svc.security.change_key(_make_key(ctx, ctx.args.passphrase))
        show_recovery_key(ctx, security.recovery_key, security.where, new_key=True)
        for note in security.notes:
            ctx.note(note + ".")
    return 0


def cmd_backup(ctx) -> int:
    out = Path(ctx.args.out).expanduser()
    with ctx.open() as svc:
        svc.security.backup_to(out)
        encrypted = svc.security.state.encrypted
    how = "It is encrypted with the same key: it opens with the same recovery key." if encrypted else "It is not encrypted, like the panel file."
    ctx.note(f"Wrote a checked backup of the panel to {out}. {how}")
    return 0


def cmd_restore(ctx) -> int:
    source = Path(ctx.args.file).expanduser()
    try:
        svc = ctx.open()
    except DamagedFile as exc:
        # The panel file cannot be opened: put the backup in its place without opening
        # it, and keep the damaged file beside it under another name.
        done = PanelService.restore_damaged(ctx.db_path, source, ask=make_ask(ctx))
        ctx.note(f"{done.panel.name} was damaged ({exc.problem}), so it was not opened.")
        ctx.note(f"Restored {done.panel} from {source} (checked first; it has the backup's key).")
        ctx.note(f"The damaged file is kept, unchanged, as {done.damaged}: delete it once you no longer need it.")
        return 0
    with svc:
        saved = svc.security.restore_from(source, ask=make_ask(ctx))
    ctx.note(f"Restored {svc.path} from {source}. The file as it was before is kept in {saved}.")
    return 0


def cmd_backups(ctx) -> int:
    if ctx.args.keep is not None:
        set_backups_to_keep(ctx.args.keep)
        ctx.note(f"LEAP Desktop now keeps the newest {ctx.args.keep} automatic backups of each panel file.")
        if not ctx.db_path.exists():
            return 0
    with ctx.open() as svc:
        found = svc.security.automatic_backups()
        folder = svc.security.backup_folder()
    ctx.print(f"Automatic backups of {svc.path.name} (the newest {backups_to_keep()} are kept), in {folder}:")
    if not found:
        ctx.print("  (none yet)")
    for item in found:
        made = dt.datetime.fromtimestamp(item.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        ctx.print(f"  {made}  {item.name}")
    return 0


def cmd_key_info(ctx) -> int:
    with ctx.open() as svc:
        security = svc.security.state
        ctx.print(("Encrypted (SQLCipher 4, 256-bit key)." if security.encrypted else "NOT encrypted."))
        ctx.print(security.where + ".")
        folder = svc.security.backup_folder()
        ctx.print(f"Automatic backups: {folder} (the newest {backups_to_keep()} are kept).")
    return 0
