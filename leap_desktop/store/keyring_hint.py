"""Remembering which keyring held the panels' keys, so a start need not search for one.

Asked with nothing configured, the ``keyring`` package imports every backend it knows
and asks each whether it works here, to choose the best: on Linux that includes the
macOS backend, whose import runs the C compiler to look for a library. That search
costs 100 to 200 ms at every start (``make bench``: keyring's backend search).

So once a panel's key has been read from a backend, that backend's name is noted in the
data folder (``keyring-backend``), and the next start asks it first. Whenever that
backend is gone, fails, or does not hold the key, keyring's own search runs as before.
Only reading takes this short cut: keys are stored and forgotten where keyring chooses,
and a key stored moves the note to the backend that took it (``KeyStore.put``).

The note is trusted only as far as it names one of keyring's own backends, exactly
(the note never chooses code to load). A keyring the person configured
(``PYTHON_KEYRING_BACKEND``, keyring's ``keyringrc.cfg``) or the program chose
(``keyring.set_keyring``, as the tests do) is always used as it is, with no note.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..paths import data_dir
from .files import read_note, write_atomically

NOTE = "keyring-backend"
#: keyring's own backends for real keyrings, by module and class name.
KNOWN = frozenset({
    "keyring.backends.SecretService.Keyring",
    "keyring.backends.libsecret.Keyring",
    "keyring.backends.kwallet.DBusKeyring",
    "keyring.backends.kwallet.DBusKeyringKWallet4",
    "keyring.backends.macOS.Keyring",
    "keyring.backends.Windows.WinVaultKeyring",
})
_MAX_NOTE = 200


def name_of(backend: object) -> str:
    return f"{type(backend).__module__}.{type(backend).__qualname__}"


def _note() -> Path:
    return data_dir(create=False) / NOTE


def configured_elsewhere() -> bool:
    """Whether keyring was told which backend to use: by the person (the environment or
    keyring's config file) or by this program (``keyring.set_keyring``)."""
    if os.environ.get("PYTHON_KEYRING_BACKEND", "").strip():
        return True
    import keyring.core

    if getattr(keyring.core, "_keyring_backend", None) is not None:
        return True
    try:
        config = Path(keyring.core._config_path())
        return config.is_file() and "default-keyring" in config.read_text(encoding="utf-8", errors="replace")
    except (OSError, AttributeError, RuntimeError):
        return True  # cannot tell: let keyring decide


def remembered():
    """The backend noted by an earlier start, made ready to ask; None when there is no
    usable note, or keyring was configured."""
    name = (read_note(_note(), limit=_MAX_NOTE) or "").strip()
    if name not in KNOWN or configured_elsewhere():
        return None
    import keyring.core

    try:
        return keyring.core.load_keyring(name)
    except Exception:  # noqa: BLE001 (its module is gone, or cannot load here: search as usual)
        return None


def remember(backend: object) -> None:
    """Note ``backend`` for the next start, when it is one of keyring's own and not
    noted already; for any other backend, drop the note (the noted keyring may hold a
    stale entry). Best effort: a start that cannot write the note only searches again."""
    name = name_of(backend)
    path = _note()
    if name not in KNOWN:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass
        return
    if (read_note(path, limit=_MAX_NOTE) or "").strip() == name or not path.parent.is_dir():
        return
    try:
        write_atomically(path, (name + "\n").encode("ascii"))
    except Exception:  # noqa: BLE001 (a read-only or full data folder: no note, no harm)
        pass
