"""Commands that write a document (Word, CSV, a calendar file) to the file ``--out`` names.

One way for all of them: the name is checked before the panel is opened (its ending,
not a folder, not the panel file itself), the document is written whole or not at all
(services/files.py), and the command says where it went.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..domain.errors import LeapError
from ..services.files import write_atomically
from ..store.files import same_file


def add_out_option(p: argparse.ArgumentParser, metavar: str, help: str | None = None, *,
                   required: bool = True) -> None:
    """The ``--out FILE`` option of a command that writes a document."""
    p.add_argument("--out", required=required, metavar=metavar, help=help)


def out_file(ctx, text: str, suffixes: tuple[str, ...]) -> Path:
    """The file ``--out`` names, refused in one line (nothing written) unless its name
    ends in one of ``suffixes``, it is not a folder and it is not the panel file."""
    out = Path(text).expanduser()
    if out.suffix.lower() not in suffixes:
        raise LeapError(f"{out.name}: the file name must end in {' or '.join(suffixes)}")
    if out.is_dir():
        raise LeapError(f"{out} is a folder; give a file name")
    if same_file(out, ctx.db_path):  # also by another name: a link to it
        raise LeapError(f"{out} is the panel file itself: choose another file for the export (nothing was written)")
    return out


def write_document(ctx, out: Path, data: bytes, wrote: str) -> None:
    """Write ``data`` to ``out`` in one step and say so: ``wrote`` is what was written,
    e.g. "Wrote the minutes of M-3", and " to <file>" follows."""
    write_atomically(out, data)
    ctx.note(f"{wrote} to {out}")
