"""Keys for encrypted panel files: making them, keeping them in the OS keyring, recovering them.

The scheme (explained for users in ``docs/security.md``):

* Every encrypted panel file has its own random 256-bit key. SQLCipher uses it as a raw
  key (``PRAGMA key = "x'...'"``), so opening a file costs no key derivation.
* The first 16 bytes of an encrypted file are its SQLCipher *salt*: random, not secret,
  and part of the file itself, so they travel with every copy, move and backup. The
  keyring entry is named after the salt (service ``LEAP Desktop``, user
  ``panel file <salt in hex>``), which needs no sidecar file and lets a copied or moved
  file find its key.
* The **recovery key** is the key itself, written as 64 hexadecimal digits in groups of
  four. With it, the file opens anywhere: in LEAP Desktop when the keyring cannot help,
  and in the stock ``sqlcipher`` shell (``PRAGMA key = "x'<the 64 digits>'";``).
* A **passphrase** is optional: with one, the key is derived from it and the file's salt
  with scrypt, only when a person types it (never at every open).

Nothing here writes a key anywhere but the OS keyring.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import keyring.backend

KEY_BYTES = 32
SALT_BYTES = 16
SERVICE = "LEAP Desktop"
SQLITE_HEADER = b"SQLite format 3\x00"
PASSPHRASE_MIN = 8

# scrypt at 32 MiB: about a tenth of a second here, paid only when a passphrase is typed.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1


@dataclass(frozen=True)
class PanelKey:
    """The raw key of one encrypted panel file, and the salt of that file."""

    raw: bytes = field(repr=False)
    salt: bytes

    def __post_init__(self) -> None:
        if len(self.raw) != KEY_BYTES or len(self.salt) != SALT_BYTES:
            raise ValueError("a panel key is 32 bytes and its salt 16 bytes")

    def pragma(self, *, with_salt: bool = False) -> str:
        """The value for ``PRAGMA key``/``ATTACH ... KEY``: a raw key, no derivation.
        ``with_salt`` also fixes the salt (for a new file, so it matches the keyring entry)."""
        body = self.raw.hex() + (self.salt.hex() if with_salt else "")
        return f"\"x'{body}'\""

    @property
    def recovery_key(self) -> str:
        return format_recovery_key(self.raw)

    def with_salt(self, salt: bytes) -> "PanelKey":
        return PanelKey(self.raw, salt)


def new_key() -> PanelKey:
    """A fresh random key and salt for a new file."""
    return PanelKey(secrets.token_bytes(KEY_BYTES), secrets.token_bytes(SALT_BYTES))


def check_passphrase(passphrase: str) -> None:
    from ..domain.errors import LeapError

    if len(passphrase) < PASSPHRASE_MIN:
        raise LeapError(f"The passphrase is too short: use at least {PASSPHRASE_MIN} characters")


def key_from_passphrase(passphrase: str, salt: bytes) -> PanelKey:
    """The key a passphrase gives for a file with this salt (scrypt)."""
    raw = hashlib.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P,
        maxmem=64 * 1024 * 1024, dklen=KEY_BYTES,
    )
    return PanelKey(raw, salt)


def format_recovery_key(raw: bytes) -> str:
    """64 hex digits in 16 groups of four, upper case: ``1A2B-3C4D-...``."""
    digits = raw.hex().upper()
    return "-".join(digits[i : i + 4] for i in range(0, len(digits), 4))


_SEPARATORS = re.compile(r"[\s\-_.:]+")


def parse_recovery_key(text: str) -> bytes | None:
    """The raw key in a recovery key as a person typed or pasted it (any case, with or
    without dashes and spaces, or as ``x'...'``), or None if it is not one."""
    cleaned = _SEPARATORS.sub("", text.strip())
    if cleaned[:2].lower() == "x'" and cleaned.endswith("'"):
        cleaned = cleaned[2:-1]
    if len(cleaned) != KEY_BYTES * 2:
        return None
    try:
        return bytes.fromhex(cleaned)
    except ValueError:
        return None


def keys_from_secret(secret: str, salt: bytes):
    """The keys a typed secret may stand for, cheapest first: a recovery key, then a
    passphrase (scrypt runs only if the first did not fit)."""
    raw = parse_recovery_key(secret)
    if raw is not None:
        yield PanelKey(raw, salt)
    if secret:
        yield key_from_passphrase(secret, salt)


# -- what a file is -----------------------------------------------------------------------


class FileKind(Enum):
    MISSING = "missing"
    EMPTY = "empty"
    PLAINTEXT = "plaintext"  # an ordinary SQLite file
    ENCRYPTED = "encrypted"  # anything else: an SQLCipher file (or not a database at all)


def file_kind(path: str | os.PathLike) -> FileKind:
    path = Path(path)
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return FileKind.MISSING
    except IsADirectoryError:
        return FileKind.ENCRYPTED  # the connection factory refuses it with a clear message
    if not head:
        return FileKind.EMPTY
    return FileKind.PLAINTEXT if head == SQLITE_HEADER else FileKind.ENCRYPTED


def read_salt(path: str | os.PathLike) -> bytes | None:
    """The SQLCipher salt of an encrypted file (its first 16 bytes), or None."""
    with open(path, "rb") as handle:
        salt = handle.read(SALT_BYTES)
    return salt if len(salt) == SALT_BYTES and salt != SQLITE_HEADER else None


# -- the OS keyring ------------------------------------------------------------------------


class KeyringUnavailable(Exception):
    """No keyring can be used right now; ``reason`` says why, in plain words."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def entry_name(salt: bytes) -> str:
    return f"panel file {salt.hex()}"


class KeyStore:
    """The OS keyring through the ``keyring`` package (Secret Service/KWallet on Linux,
    Keychain on macOS, Credential Manager on Windows). ``backend`` pins one backend
    (tests); by default the one ``keyring`` chooses is asked at each call.

    ``keyring`` is imported when a key is first looked up, not with this module: it
    takes a moment to load, and a file opened with its recovery key, a plaintext file
    or the ``leap`` command's listings of a file need no keyring at all."""

    def __init__(self, backend: keyring.backend.KeyringBackend | None = None):
        self._backend = backend
        self._answered = None  # the backend that gave or took the last key (keyring_hint)

    @property
    def backend(self):
        if self._backend is not None:
            return self._backend
        import keyring

        try:
            return keyring.get_keyring()
        except Exception as exc:  # noqa: BLE001 (PYTHON_KEYRING_BACKEND or keyringrc.cfg names no usable keyring)
            raise KeyringUnavailable(
                "The keyring chosen in this computer's settings (PYTHON_KEYRING_BACKEND, or keyring's "
                f"keyringrc.cfg) could not be loaded ({type(exc).__name__})") from None

    def where(self) -> str:
        """Where keys are kept, for a person: 'the system keyring (GNOME Keyring, ...)'."""
        try:
            backend = self._answered or self.backend
        except KeyringUnavailable:
            return "nowhere: the keyring chosen in this computer's settings could not be loaded"
        name = type(backend).__module__ + "." + type(backend).__name__
        known = {
            "keyring.backends.SecretService": "the system keyring (Secret Service: GNOME Keyring or KWallet)",
            "keyring.backends.kwallet": "the KDE Wallet",
            "keyring.backends.macOS": "the macOS Keychain",
            "keyring.backends.Windows": "the Windows Credential Manager",
            "keyring.backends.libsecret": "the system keyring (libsecret)",
        }
        for prefix, text in known.items():
            if name.startswith(prefix):
                return text
        if self._none(backend):
            return "nowhere: no keyring works on this computer"
        label = getattr(backend, "name", None) or type(backend).__name__
        return f"the keyring '{label}'"

    def _unsafe(self) -> str | None:
        """Refuse backends that would keep the key in plaintext."""
        name = type(self.backend).__name__.lower()
        if "plaintext" in name or "uncrypted" in name:
            return "the configured keyring keeps secrets unencrypted, so LEAP Desktop does not use it"
        return None

    def _none(self, backend=None) -> bool:
        """keyring's stand-ins for no keyring at all: 'fail', 'null' (which forgets every
        key it is given) and a chainer with nothing to chain."""
        backend = backend or self.backend
        name = type(backend).__module__
        if name.startswith(("keyring.backends.fail", "keyring.backends.null")):
            return True
        return name.startswith("keyring.backends.chainer") and not getattr(backend, "backends", None)

    def _call(self, what, *args):
        unsafe = self._unsafe()
        if unsafe:
            raise KeyringUnavailable(unsafe)
        if self._none():
            raise KeyringUnavailable("No keyring works on this computer")
        import keyring.errors

        try:
            return what(*args)
        except keyring.errors.KeyringLocked:
            raise KeyringUnavailable("The keyring is locked") from None
        except keyring.errors.NoKeyringError:
            raise KeyringUnavailable("No keyring works on this computer") from None
        except keyring.errors.KeyringError as exc:
            raise KeyringUnavailable(f"The keyring could not be used ({type(exc).__name__})") from None
        except Exception as exc:  # a backend that broke (D-Bus gone, wallet reset...)
            raise KeyringUnavailable(f"The keyring could not be used ({type(exc).__name__})") from None

    def get(self, salt: bytes) -> bytes | None:
        """The stored key for the file with this salt, None if there is no entry.
        Raises :class:`KeyringUnavailable` when the keyring cannot be asked.

        The backend that held a key last time is asked first, and keyring's search for
        a backend runs only when it cannot answer (:mod:`.keyring_hint`)."""
        entry = entry_name(salt)
        self._answered = None
        asked = None
        if self._backend is None:
            value, asked = self._from_remembered(entry)
            if value is not None:
                return parse_recovery_key(value)
        value = self._call(self._get_noting_where, entry, asked)
        return None if value is None else parse_recovery_key(value)

    def _from_remembered(self, entry: str):
        """``(value, asked)``: the remembered backend's answer, and ``(its type, the error
        it raised or None)`` once it was asked, so keyring's search never asks it again
        (a second unlock prompt, a second 'create a keyring' prompt)."""
        from . import keyring_hint

        backend = keyring_hint.remembered()
        if backend is None:
            return None, None
        try:
            value = backend.get_password(SERVICE, entry)
        except Exception as exc:  # noqa: BLE001 (locked, broken, its service gone: the search decides)
            return None, (type(backend), exc)
        if value is not None:
            self._answered = backend
        return value, (type(backend), None)

    def _get_noting_where(self, entry: str, asked=None) -> str | None:
        """Ask keyring's backend; through a chain of backends, ask each in turn as the
        chain would, to note the one that holds the key. A backend of the type in
        ``asked`` has answered already: its 'no entry' stands, and its error is raised
        where the chain would have met it."""
        for each in _members(self.backend):
            if asked is not None and type(each) is asked[0]:
                if asked[1] is not None:
                    raise asked[1]
                continue
            value = each.get_password(SERVICE, entry)
            if value is not None:
                self._noted(each)
                return value
        return None

    def _noted(self, backend) -> None:
        self._answered = backend
        if self._backend is None:
            from . import keyring_hint

            keyring_hint.remember(backend)

    def put(self, key: PanelKey) -> None:
        """Store the key where keyring chooses; that backend is then the one noted (a
        noted keyring may hold a stale entry for this file: it must not be asked first)."""
        self._answered = None
        self._call(self._put_noting_where, entry_name(key.salt), key.raw.hex())

    def _put_noting_where(self, entry: str, value: str) -> None:
        """As keyring's backend stores it; through a chain, as the chain does: in the
        first backend that does not refuse with NotImplementedError."""
        backend = self.backend
        for each in _members(backend):
            try:
                each.set_password(SERVICE, entry, value)
            except NotImplementedError:
                if each is backend:  # not chained: its refusal stands, as before
                    raise
                continue
            self._noted(each)
            return

    def forget(self, salt: bytes) -> None:
        try:
            self._call(self.backend.delete_password, SERVICE, entry_name(salt))
        except KeyringUnavailable:
            pass


def _members(backend) -> list:
    """The backends keyring asks in turn: those of its chainer, in its order, or the one."""
    if type(backend).__module__.startswith("keyring.backends.chainer"):
        return list(getattr(backend, "backends", None) or []) or [backend]
    return [backend]
