"""The files laptops leave for each other in a shared folder, and where they go.

Layout (nothing in it is ever built from a file's content):

    FOLDER/<panel digest>/<device id>/<sequence>.leapsync

* ``<panel digest>``: 32 hex digits of a SHA-256 of the panel's id;
* ``<device id>``: 32 hex digits, this panel file's own id (``file_identity``);
* ``<sequence>``: 1, 2, 3 ... per device. Each device writes only its own folder, and
  never changes a file once written (a new one is written under a temporary name and
  renamed), so a sync service never sees two writers of one file.

A file is ``MAGIC``, the length of the header, the header (JSON, readable without the
key so a laptop joining can find the salt: format, schema, panel, device, sequence,
base, salt, made) and then the body, sealed with AES-256-GCM under a key derived from
the panel's key, with the magic, length and header as associated data: a file changed
by one bit, cut short, or sealed for another panel is refused whole.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..domain.errors import LeapError

MAGIC = b"LEAPSYNC"
FORMAT = 1
SUFFIX = ".leapsync"
MAX_HEADER = 64 * 1024
MAX_FILE = 1024 * 1024 * 1024
NONCE = 12
HEX32 = re.compile(r"^[0-9a-f]{32}$")
FILE_NAME = re.compile(r"^([1-9][0-9]{0,11})\.leapsync$")
_INFO = b"LEAP Desktop sync files, version 1"


class Refused(LeapError):
    """A file in the shared folder that cannot be used; the message is one line."""


def panel_digest(panel_id: str) -> str:
    return hashlib.sha256(("LEAP panel " + panel_id).encode("utf-8")).hexdigest()[:32]


def sync_key(raw_key: bytes) -> bytes:
    """The key that seals sync files: derived from the panel's raw key (HMAC-SHA256)."""
    return hmac.new(raw_key, _INFO, hashlib.sha256).digest()


@dataclass(frozen=True)
class Header:
    schema: int
    panel: str
    device: str
    sequence: int
    salt: str  # hex, the panel file's SQLCipher salt (not secret): lets a passphrase open it
    base: dict[str, int] = field(default_factory=dict)  # what the writer had applied: device -> sequence
    made: str = ""
    format: int = FORMAT

    def to_bytes(self) -> bytes:
        body = {"format": self.format, "schema": self.schema, "panel": self.panel, "device": self.device,
                "sequence": self.sequence, "base": self.base, "salt": self.salt, "made": self.made}
        return json.dumps(body, sort_keys=True, separators=(",", ":")).encode("utf-8")


@dataclass
class Body:
    changeset: bytes
    audit: list[dict[str, Any]]
    #: when each changed field was set, where the writer knows it: table -> row -> column -> [at, device]
    times: dict[str, dict[str, dict[str, list[str]]]] = field(default_factory=dict)
    #: the writer's whole version of each row it changed in a table whose policy can set
    #: one version against another (locked, or a status): table -> row id -> column -> value.
    #: A changeset names only the fields that changed; the other fields of the writer's
    #: version cannot be told from this laptop's own copy, which holds its own changes.
    rows: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)


def seal(header: Header, body: Body, raw_key: bytes) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    head = header.to_bytes()
    prefix = MAGIC + struct.pack(">I", len(head)) + head
    audit = json.dumps({"audit": body.audit, "times": body.times, "rows": body.rows}, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    plain = zlib.compress(struct.pack(">Q", len(body.changeset)) + body.changeset + audit, 6)
    nonce = os.urandom(NONCE)
    return prefix + nonce + AESGCM(sync_key(raw_key)).encrypt(nonce, plain, prefix)


def read_header(data: bytes, name: str) -> tuple[Header, int]:
    """The header of a file's bytes (not yet authenticated) and where its body starts."""
    if len(data) < len(MAGIC) + 4 or data[: len(MAGIC)] != MAGIC:
        raise Refused(f"{name} is not a LEAP Desktop sync file")
    (length,) = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])
    start = len(MAGIC) + 4
    if length > MAX_HEADER or start + length > len(data):
        raise Refused(f"{name} is cut short or damaged")
    try:
        raw = json.loads(data[start : start + length].decode("utf-8"))
        header = Header(
            schema=int(raw["schema"]), panel=str(raw["panel"]), device=str(raw["device"]),
            sequence=int(raw["sequence"]), salt=str(raw["salt"]), made=str(raw.get("made", "")),
            base={str(k): int(v) for k, v in dict(raw.get("base", {})).items()}, format=int(raw["format"]),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        raise Refused(f"{name} is damaged (its header cannot be read)") from None
    if header.format != FORMAT:
        raise Refused(f"{name} was written by a newer LEAP Desktop (sync format {header.format}): update LEAP Desktop")
    return header, start + length


def open_sealed(data: bytes, name: str, raw_key: bytes) -> tuple[Header, Body]:
    """Authenticate and open a file's bytes; :class:`Refused` with one line if it cannot be."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    header, at = read_header(data, name)
    if len(data) < at + NONCE + 16:
        raise Refused(f"{name} is cut short or damaged")
    nonce, sealed = data[at : at + NONCE], data[at + NONCE :]
    try:
        plain = zlib.decompress(AESGCM(sync_key(raw_key)).decrypt(nonce, sealed, data[:at]))
        (size,) = struct.unpack(">Q", plain[:8])
        changeset, rest = plain[8 : 8 + size], json.loads(plain[8 + size :].decode("utf-8"))
        audit, times, rows = rest["audit"], rest["times"], rest.get("rows", {})  # no rows: an earlier file
    except InvalidTag:
        raise Refused(f"{name} is damaged, cut short, or sealed with another panel's key") from None
    except (zlib.error, struct.error, ValueError, KeyError, TypeError):
        raise Refused(f"{name} is damaged (its contents cannot be read)") from None
    if (not isinstance(audit, list) or not all(isinstance(e, dict) for e in audit) or not isinstance(times, dict)
            or not isinstance(rows, dict)):
        raise Refused(f"{name} is damaged (its audit entries cannot be read)")
    return header, Body(changeset, audit, times, rows)


# -- the folder --------------------------------------------------------------------------


def panel_folder(root: Path, digest: str) -> Path:
    if not HEX32.match(digest):
        raise ValueError("a panel digest is 32 hex digits")
    return root / digest


def device_folder(root: Path, digest: str, device: str) -> Path:
    if not HEX32.match(device):
        raise ValueError("a device id is 32 hex digits")
    return panel_folder(root, digest) / device


def file_path(root: Path, digest: str, device: str, sequence: int) -> Path:
    return device_folder(root, digest, device) / f"{int(sequence)}{SUFFIX}"


def devices(root: Path, digest: str) -> tuple[list[str], list[str]]:
    """The device folders under a panel's folder, and the names of anything else there."""
    folder = panel_folder(root, digest)
    found, other = [], []
    if folder.is_dir():
        for entry in sorted(folder.iterdir()):
            (found if entry.is_dir() and HEX32.match(entry.name) else other).append(entry.name)
    return found, other


def sequences(folder: Path) -> tuple[list[int], list[str]]:
    """The sequence numbers of the sync files in one device's folder (in order), and the
    names of other files there (a cloud service's conflicted copy, say)."""
    numbers, other = [], []
    if folder.is_dir():
        for entry in folder.iterdir():
            match = FILE_NAME.match(entry.name)
            if match and entry.is_file():
                numbers.append(int(match.group(1)))
            elif not entry.name.startswith("."):
                other.append(entry.name)
    return sorted(numbers), sorted(other)


def read_file(path: Path, name: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            raise Refused(f"{name} is too large to be a sync file")
        return path.read_bytes()
    except OSError as exc:
        raise Refused(f"{name} could not be read ({exc.strerror or exc})") from None


def write_new(path: Path, data: bytes) -> None:
    """Write a new file whole: under a temporary name, flushed, then renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.part")
    with open(temp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, path)
    try:
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:  # some systems cannot sync a folder; the file itself is flushed
        pass
