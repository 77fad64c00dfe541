"""Stripping debugging symbols from the bundle's libraries, but not from those a wheel vendors.

PyInstaller's ``strip=True`` runs GNU strip on every collected binary. Libraries that a
wheel carries in a ``NAME.libs/`` folder (numpy's OpenBLAS, Pillow's codecs) were
rewritten by auditwheel with patchelf, and strip breaks such a file: numpy then fails to
import with "libscipy_openblas64_-....so: ELF load command address/offset not
page-aligned", and with it matplotlib, so no chart could be drawn (the Reports page
stopped the app; ``leap report participation`` failed). They are shipped stripped already.

So build.spec collects with ``strip=False`` and hands the binaries to :func:`strip`,
which strips copies of the others (libpython and sqlcipher3 carry debugging symbols)
and leaves the vendored ones as they are.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

Entry = tuple[str, str, str]  # (path in the bundle, source path, typecode)

#: Files a wheel vendors: auditwheel's ``<package>.libs/`` folders, and delocate's
#: ``.dylibs`` (macOS), which are patched the same way.
VENDORED = re.compile(r"(^|/)[^/]+\.libs/|(^|/)\.dylibs/")


def vendored(dest: str) -> bool:
    return bool(VENDORED.search(dest))


def _is_elf(path: str) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(4) == b"\x7fELF"
    except OSError:
        return False


def strip(binaries: list[Entry], workdir: str | os.PathLike, *, run=subprocess.run, log=print) -> list[Entry]:
    """The binaries, each ELF one not vendored by a wheel replaced by a stripped copy
    under ``workdir`` (a copy strip cannot process is left unstripped)."""
    folder = Path(workdir) / "stripped"
    out: list[Entry] = []
    stripped = skipped = 0
    for dest, src, typecode in binaries:
        if typecode not in ("BINARY", "EXTENSION") or not _is_elf(src):
            out.append((dest, src, typecode))
            continue
        if vendored(dest):
            skipped += 1
            out.append((dest, src, typecode))
            continue
        copy = folder / dest
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, copy)
        os.chmod(copy, 0o755)
        try:
            done = run(["strip", str(copy)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0
        except OSError:  # no strip on this machine
            done = False
        if done:
            stripped += 1
            out.append((dest, str(copy), typecode))
        else:
            out.append((dest, src, typecode))
    log(f"pyi_strip: stripped {stripped} binaries; left {skipped} that wheels vendor (NAME.libs/) as they are")
    return out
