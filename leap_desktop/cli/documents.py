"""Commands that write a document (Word, CSV, a calendar file) to the file ``--out`` names.

One way for all of them: the name is checked before the panel is opened (its ending,
not a folder, not the panel file itself, not a file already there unless
``--overwrite`` says to replace it), the document is written whole or not at all
(services/files.py), and the command says where it went.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

from ..domain.errors import LeapError
from ..services.files import looks_like_panel_file, same_file, write_atomically


def add_out_option(p: argparse.ArgumentParser, metavar: str, help: str | None = None, *,
                   required: bool = True) -> None:
    """The ``--out FILE`` option of a command that writes a document, and ``--overwrite``."""
    p.add_argument("--out", required=required, metavar=metavar, help=help)
    p.add_argument("--overwrite", action="store_true", help="replace a file that is already there")


def out_file(ctx, text: str, suffixes: tuple[str, ...], *, new: bool = True) -> Path:
    """The file ``--out`` names, refused in one line (nothing written) unless its name
    ends in one of ``suffixes``, it is not a folder, it is not the panel file and (with
    ``new``, unless ``--overwrite``) there is no file there yet."""
    out = Path(text).expanduser()
    if out.suffix.lower() not in suffixes:
        raise LeapError(f"{out.name}: the file name must end in {' or '.join(suffixes)}")
    if out.is_dir():
        raise LeapError(f"{out} is a folder; give a file name")
    if same_file(out, ctx.db_path):  # also by another name: a link to it
        raise LeapError(f"{out} is the panel file itself: choose another file for the export (nothing was written)")
    if new:
        refuse_existing(ctx, [out])
    return out


def refuse_existing(ctx, files: Iterable[Path]) -> None:
    """Refuse, before anything is written, when one of ``files`` is already there and
    ``--overwrite`` was not given: a document edited by hand since is not lost unasked."""
    if getattr(ctx.args, "overwrite", False):
        return
    for path in files:
        if looks_like_panel_file(path):
            continue  # refused when written, in words that say what it is
        if path.exists() or path.is_symlink():
            raise LeapError(f"{path} already exists (nothing was written): add --overwrite to replace it")


def write_document(ctx, out: Path, data: bytes, wrote: str) -> None:
    """Write ``data`` to ``out`` in one step and say so: ``wrote`` is what was written,
    e.g. "Wrote the minutes of M-3", and " to <file>" follows."""
    write_atomically(out, data)
    ctx.note(f"{wrote} to {out}")
