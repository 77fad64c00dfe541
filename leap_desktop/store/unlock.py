"""Opening a panel file's connection with the right key, asking a person only when needed.

The order, for an encrypted file:

1. the key in the OS keyring, found by the file's salt;
2. when that is not possible (no keyring, locked, entry deleted, a key that no longer
   fits), the ``ask`` callback is asked for the **recovery key or the passphrase**, with
   the reason and where the key is normally kept. ``ask`` returns None to cancel. The
   ``leap`` command answers from ``LEAP_RECOVERY_KEY``/``LEAP_PASSPHRASE`` or a hidden
   prompt; the desktop app answers with a dialog.

A key that opens the file through ``ask`` is put back in the keyring when one works, so
the next open is silent. A new key is only ever made for a new, empty file.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.errors import StoreError
from . import backup
from .connection import WrongKey, connect
from .keys import (
    FileKind,
    KeyringUnavailable,
    KeyStore,
    PanelKey,
    check_passphrase,
    entry_name,
    file_kind,
    key_from_passphrase,
    keys_from_secret,
    new_key,
    read_salt,
)

MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class UnlockRequest:
    """What the person is asked for, and why."""

    path: Path
    reason: str  # "The keyring is locked", "There is no key for this file in the keyring", ...
    where: str  # where LEAP Desktop keeps keys on this computer
    attempt: int  # 1 for the first question, 2 after a wrong answer, ...

    @property
    def keys_kept(self) -> str:
        """Where keys are kept, as a whole sentence (without its full stop)."""
        if self.where.startswith("nowhere"):
            return "No keyring works on this computer, so LEAP Desktop keeps no keys on it"
        return f"LEAP Desktop keeps the keys of panel files in {self.where}"

    def prompt(self) -> str:
        return (
            f"{self.reason}.\nType the recovery key (64 letters and digits, shown when the file was "
            f"made) or the passphrase for {self.path.name}"
        )


Ask = Callable[[UnlockRequest], "str | None"]


class KeyNeeded(StoreError):
    """The file's key is not available and nobody could be asked for it."""

    def __init__(self, path: Path, reason: str):
        super().__init__(
            f"{reason}, so {path.name} cannot be opened. Give its recovery key or passphrase "
            "(for the leap command: set LEAP_RECOVERY_KEY or LEAP_PASSPHRASE, or run it in a terminal to be asked)"
        )
        self.path = path
        self.reason = reason


class KeyProvedRight(StoreError):
    """The key is right, yet it does not open the file: the file's first page is damaged.

    Shown right by opening one of the file's automatic backups (same salt), or by two
    sources agreeing (the keyring entry made for this file's salt and the recovery key
    or passphrase typed). ``PanelStore.open`` turns this into ``DamagedFile``."""

    def __init__(self, path: Path, key: PanelKey, how: str):
        super().__init__(f"{path.name} is damaged: {how}")
        self.path = path
        self.key = key
        self.how = how


def _prove_right(path: Path, keys, kept: PanelKey | None = None, *, limit: int = 3) -> None:
    """Raise :class:`KeyProvedRight` when one of ``keys`` (which did not open ``path``)
    opens one of its newest automatic backups, or is the key kept for it in the keyring."""
    keys = list(keys)
    for key in keys:
        if kept is not None and key.raw == kept.raw:
            raise KeyProvedRight(path, key, "its first page cannot be read, though the key kept for it in the keyring "
                                            "and the recovery key or passphrase given agree")
    for candidate in backup.candidates(path)[:limit]:
        for key in keys:
            try:
                connect(candidate, readonly=True, key=key).close()
            except StoreError:
                continue
            raise KeyProvedRight(path, key, "its first page cannot be read, though the key opens its automatic backups")


class Cancelled(StoreError):
    """The person chose not to give a key."""


class KeyNotKept(StoreError):
    """A new file's key could not be kept in the keyring, where it was required to be
    (``require_keyring``): nothing was created, and no key was made anywhere."""

    def __init__(self, path: Path, reason: str):
        super().__init__(f"{reason}, so the key of a new panel file could not be kept on this computer; {path.name} was not created")
        self.path = path
        self.reason = reason


@dataclass
class Security:
    """What the person should know about how the open file is protected."""

    encrypted: bool
    where: str  # one plain sentence: where the key is kept
    key: PanelKey | None = field(default=None, repr=False)
    recovery_key: str | None = field(default=None, repr=False)  # show once, then forget
    notes: list[str] = field(default_factory=list)
    opened_with: str = "keyring"  # "keyring", "recovery key or passphrase", "new key", "plaintext"


def where_sentence(path: Path, key: PanelKey | None, keystore: KeyStore, *, stored: bool) -> str:
    if key is None:
        return (
            f"{path.name} is not encrypted: anyone who can read the file can read the panel. "
            "Encrypt it (leap encrypt, or Security settings in the app)"
        )
    if stored:
        return (
            f"The key of {path.name} is kept in {keystore.where()}, under "
            f"'{entry_name(key.salt)}'. Its recovery key (or passphrase) also opens it"
        )
    if keystore.where().startswith("nowhere"):
        return (
            f"No keyring works here, so the key of {path.name} is not stored on this computer: the "
            "file opens only with its recovery key or passphrase, so keep those safe"
        )
    return (
        f"The key of {path.name} is not stored on this computer: it opens only with its recovery "
        "key or passphrase"
    )


def _looks_like_text(path: Path) -> bool:
    """An encrypted file starts with 16 random bytes and is whole pages long; a text file
    or other junk is refused as 'not a panel file' rather than asking for a key."""
    size = path.stat().st_size
    if size % 512:
        return True
    head = read_salt(path) or b""
    printable = set(string.printable.encode())
    return bool(head) and all(b in printable for b in head)


def open_connection(
    path: Path,
    *,
    create: bool,
    readonly: bool,
    ask: Ask | None,
    keystore: KeyStore,
    passphrase: str | None = None,
    encrypt: bool = True,
    require_keyring: bool = False,
):
    """Return ``(connection, Security)`` for ``path``, per the order in the module doc.

    ``require_keyring``: a new file made without a passphrase must have its key kept in
    the keyring; if no keyring works, :class:`KeyNotKept` is raised before the file is
    made (for a caller where nobody may see the recovery key, such as a script)."""
    kind = file_kind(path)
    if kind in (FileKind.MISSING, FileKind.EMPTY):
        if kind is FileKind.MISSING and not create:
            raise StoreError(f"There is no panel file at {path}")
        if not create:
            raise StoreError(f"{path} is empty: it is not a LEAP panel file")
        if not encrypt:
            conn = connect(path, create=True, readonly=readonly, plaintext=True)
            return conn, Security(False, where_sentence(path, None, keystore, stored=False), opened_with="plaintext")
        key = new_key()
        if passphrase is not None:
            check_passphrase(passphrase)
            key = key_from_passphrase(passphrase, key.salt)
        security = Security(True, "", key=key, recovery_key=key.recovery_key, opened_with="new key")
        # Before the file exists: never a file without its key.
        store_new_key(path, security, keystore, required=require_keyring and passphrase is None)
        try:
            conn = connect(path, create=True, key=key)
        except BaseException:
            keystore.forget(key.salt)
            raise
        return conn, security
    if kind is FileKind.PLAINTEXT:
        conn = connect(path, readonly=readonly, plaintext=True)
        return conn, Security(False, where_sentence(path, None, keystore, stored=False), opened_with="plaintext")
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a panel file")
    if _looks_like_text(path):
        raise StoreError(f"{path} is not a LEAP panel file, or it is damaged")

    salt = read_salt(path)
    assert salt is not None
    notes: list[str] = []
    if passphrase is not None:  # given up front (leap --passphrase via the environment)
        given: list[PanelKey] = []
        found = _try(path, keys_from_secret(passphrase, salt), readonly, tried=given)
        if found:
            conn, key = found
            return conn, _remember(path, key, keystore, notes, "recovery key or passphrase")
        _prove_right(path, given)
    kept: PanelKey | None = None
    try:
        raw = keystore.get(salt)
    except KeyringUnavailable as exc:
        reason = exc.reason
    else:
        if raw is None:
            reason = "There is no key for this file in the keyring (it was made on another computer, or the entry was deleted)"
        else:
            kept = PanelKey(raw, salt)
            found = _try(path, [kept], readonly)
            if found:
                conn, key = found
                return conn, Security(True, where_sentence(path, key, keystore, stored=True), key=key)
            _prove_right(path, [kept])  # the keyring's key opens its backups: the file is damaged
            reason = "The key in the keyring does not open this file (its key was changed elsewhere, or the file is damaged)"
    if ask is None:
        raise KeyNeeded(path, reason)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        secret = ask(UnlockRequest(path, reason, keystore.where(), attempt))
        if secret is None:
            raise Cancelled(f"{path.name} was not opened: no recovery key or passphrase was given")
        given = []
        found = _try(path, keys_from_secret(secret, salt), readonly, tried=given)
        if found:
            conn, key = found
            return conn, _remember(path, key, keystore, notes, "recovery key or passphrase")
        _prove_right(path, given, kept)  # a right key that does not open it: damage, not a wrong key
        reason = "That recovery key or passphrase does not open this file"
    raise WrongKey(
        f"{path.name} was not opened: the recovery key or passphrase given does not open it. "
        "The file has not been changed"
    )


def _try(path: Path, keys: Iterable[PanelKey], readonly: bool, *, tried: list[PanelKey] | None = None):
    """The first of ``keys`` that opens ``path``, tried in turn: a recovery key that
    opens it is never followed by the passphrase's key derivation (about 0.1 s). Each
    key tried is put in ``tried``."""
    for key in keys:
        if tried is not None:
            tried.append(key)
        try:
            return connect(path, readonly=readonly, key=key), key
        except WrongKey:
            continue
    return None


def _remember(path: Path, key: PanelKey, keystore: KeyStore, notes: list[str], via: str) -> Security:
    """Put a key that a person typed back into the keyring, when one works."""
    try:
        keystore.put(key)
    except KeyringUnavailable:
        stored = False  # the 'where' sentence says the key is not stored here
    else:
        stored = True
        notes.append(f"The key of {path.name} is stored again in {keystore.where()}")
    return Security(True, where_sentence(path, key, keystore, stored=stored), key=key, notes=notes, opened_with=via)


def store_new_key(path: Path, security: Security, keystore: KeyStore, *, required: bool = False) -> None:
    """For a new encrypted file: keep its key in the keyring if one works (with
    ``required``, raise :class:`KeyNotKept` if none does)."""
    key = security.key
    assert key is not None
    try:
        keystore.put(key)
    except KeyringUnavailable as exc:
        if required:
            raise KeyNotKept(path, exc.reason) from None
        security.notes.append(
            f"{exc.reason}, so the key is not stored on this computer. Keep the recovery key safe: "
            "you will need it (or the passphrase) every time you open this file"
        )
        security.where = where_sentence(path, key, keystore, stored=False)
    else:
        security.where = where_sentence(path, key, keystore, stored=True)
