"""Opening a panel file: the part the desktop app (views/shell/app.py) and the ``leap``
command (cli/opening.py) share.

* :func:`asking`: an ``ask`` for the key that first gives the secrets set in the
  environment (``LEAP_RECOVERY_KEY``, then ``LEAP_PASSPHRASE``), once each, for
  scripts and headless machines; then the caller's own way (a dialog, a prompt).
* :func:`open_existing`: a panel file another LEAP Desktop has open for changes is
  opened read-only, with the reason in ``store.read_only_reason``.
* :func:`building`: a new panel is made under a temporary name beside its own
  (``.NAME.new``, store/newfile.py) and takes its name only once complete;
  :func:`name_as` puts its own name in what is said about its key.
* :func:`take_news`: what opening has to tell the person (read-only and why, a new
  recovery key to show once, where the key is kept, notes), taken once.

How each says what happened (a dialog, a line on stderr) stays with the caller.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..store import newfile
from ..store.lock import PanelInUse
from ..store.panel_store import DamagedFile
from ..store.unlock import Ask, KeyNotKept, Security, UnlockRequest
from .panel import PanelService

__all__ = ["ENV_SECRETS", "Ask", "DamagedFile", "KeyNotKept", "News", "UnlockRequest", "asking", "building",
           "environment_passphrase", "in_use_reason", "name_as", "open_existing", "take_news"]

#: The environment variables a key may be given in, tried in this order.
ENV_SECRETS = ("LEAP_RECOVERY_KEY", "LEAP_PASSPHRASE")

#: The caller's own answer once the given secrets are used up: ``then(request, tried)``,
#: ``tried`` naming the environment variables that were given (and did not open it).
Then = Callable[[UnlockRequest, list[str]], "str | None"]


def asking(then: Then | None = None, *, first: str | None = None) -> Ask:
    """An ``ask`` that gives ``first`` (when set), then each secret set in
    :data:`ENV_SECRETS`, once each (a secret already given under another name is not
    given again), then answers with ``then`` (None: the file stays shut)."""
    given: list[str] = []  # the secrets given so far
    tried: list[str] = []  # the environment variables among them

    def ask(request: UnlockRequest) -> str | None:
        candidates = ([(None, first)] if first else []) + [(name, os.environ.get(name, "")) for name in ENV_SECRETS]
        for name, secret in candidates:
            if not secret or (name is not None and name in tried) or (name is None and secret in given):
                continue
            if name is not None:
                tried.append(name)
            if secret in given:
                continue  # the same secret under another name: it would not open it either
            given.append(secret)
            return secret
        return then(request, list(tried)) if then is not None else None

    return ask


def environment_passphrase() -> str | None:
    """The passphrase for a new panel file, when ``LEAP_PASSPHRASE`` is set."""
    return os.environ.get("LEAP_PASSPHRASE") or None


def in_use_reason(exc: PanelInUse) -> str:
    """Why a file is open read-only when another program has it open for changes."""
    return f"{exc.holder.describe() if exc.holder else 'another program'} has it open for changes"


def open_existing(path: Path, **options: Any) -> PanelService:
    """Open a panel file; when another LEAP Desktop has it open for changes, open it
    read-only instead, and say why in ``store.read_only_reason``."""
    try:
        return PanelService.open(path, **options)
    except PanelInUse as exc:
        service = PanelService.open(path, readonly=True, **options)
        service.store.read_only_reason = in_use_reason(exc)
        return service


@contextmanager
def building(path: Path) -> Iterator[Path]:
    """Where to make a new panel called ``path``: a temporary name beside it, which
    becomes ``path`` when the block ends (the panel closed by then). If the block fails,
    the half-made file is removed with its keyring entry, and nothing is at ``path``."""
    temporary = newfile.start(path)
    try:
        yield temporary
    except BaseException:
        newfile.remove_panel_file(temporary)
        raise
    newfile.finish(temporary, path)


def name_as(security: Security, temporary: Path, path: Path) -> None:
    """Say ``path``'s name, not the temporary one, in what is said about the key."""
    if temporary == path:
        return
    security.where = security.where.replace(temporary.name, path.name)
    security.notes = [note.replace(temporary.name, path.name) for note in security.notes]


@dataclass
class News:
    """What opening a panel file has to tell the person, once (:func:`take_news`)."""

    read_only: bool  # open read-only (another program has it, or it cannot be changed here)
    read_only_reason: str | None  # why, in words
    recovery_key: str | None  # a new key's recovery key: shown once, then forgotten
    where: str  # where its key is kept, as a sentence
    notes: list[str] = field(default_factory=list)  # what else to say (a key stored again, leftovers cleared)


def take_news(service: PanelService, *, shown_as: Path | None = None) -> News:
    """What opening ``service``'s file has to say, taken from it: the file keeps no
    recovery key and no notes once they are taken, so each is said once. ``shown_as``
    is the name to say (a new panel made under a temporary name)."""
    security = service.store.security
    if shown_as is not None:
        name_as(security, service.path, shown_as)
    news = News(service.readonly, service.read_only_reason, security.recovery_key, security.where,
                list(security.notes))
    security.recovery_key = None
    security.notes.clear()
    return news
