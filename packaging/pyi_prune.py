"""Trimming the bundle: what build.spec leaves out after PyInstaller's analysis, and why.

PyInstaller's PySide6 hooks collect each imported Qt module with its libraries, plugins
and translations. That is right for most apps; for LEAP Desktop some of it is dead weight:

* Qt's translations of its own strings: the app is in English and loads no translator.
* Plugins for things the app never does: the GTK 3 look-alike theme (it pulls in the
  whole of GTK, Cairo and Pango, and a bundled GTK can clash with the host's themes; Qt's
  own Fusion style and the desktop portal theme remain), embedded-device platforms
  (EGLFS, linuxfb, VNC), raw input devices, network status and TLS (the app never goes
  online), and image formats it never reads (TIFF, WebP, ICNS, TGA, WBMP: its pictures
  are PNG, built into Qt, and SVG, whose plugin stays).
* matplotlib's data that the charts never use: its sample data, the fonts of PDF and
  PostScript output (AFM), of styles the charts never ask for (DejaVu Serif, DejaVu Sans
  Mono, italics) and of mathematics, which the charts never set (export/charts.py turns
  it off: STIX, Computer Modern). DejaVu Sans and its bold (the charts' font) and
  LastResort (for characters no font has) stay.
* Then every shared library that nothing left in the bundle links against: the libraries
  those plugins alone needed.

The libraries kept are those some remaining binary needs at link time, as reported by
PyInstaller's own dependency analysis (``bindepend.get_imports``, i.e. ldd on Linux).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

# Paths inside the bundle (as PyInstaller names them: "PySide6/Qt/plugins/...") to leave out.
UNWANTED = [
    r"^PySide6/Qt/translations/",
    r"^PySide6/Qt/plugins/platformthemes/libqgtk3\.so$",
    r"^PySide6/Qt/plugins/egldeviceintegrations/",
    r"^PySide6/Qt/plugins/platforms/libq(eglfs|linuxfb|vnc|vkkhrdisplay|minimalegl)\.so$",
    r"^PySide6/Qt/plugins/generic/",
    r"^PySide6/Qt/plugins/networkinformation/",
    r"^PySide6/Qt/plugins/tls/",
    r"^PySide6/Qt/plugins/imageformats/libq(tiff|webp|icns|tga|wbmp)\.so$",
    r"^PySide6/Qt/plugins/(qmltooling|designer|sqldrivers|multimedia|position|sensors|webview)/",
    r"^PySide6/Qt/qml/",
    # Libraries of Qt modules the app does not use, should a dependency drag one in.
    r"^PySide6/Qt/lib/libQt6(Qml|Quick|WebEngine|3D|Multimedia|Pdf|Designer|Charts|DataVisualization"
    r"|Bluetooth|Positioning|Sensors|SerialPort|NetworkAuth|Location|RemoteObjects|Scxml|Sql|Test|Help"
    r"|EglFS|Labs|Lottie|VirtualKeyboard|ShaderTools|SpatialAudio|TextToSpeech)",
    # matplotlib's data the charts never use.
    r"^matplotlib/mpl-data/(sample_data|plot_directive)/",
    r"^matplotlib/mpl-data/kpsewhich\.lua$",
    r"^matplotlib/mpl-data/fonts/(afm|pdfcorefonts)/",
    r"^matplotlib/mpl-data/fonts/ttf/(DejaVuSerif|DejaVuSansMono|DejaVuSans-(Bold)?Oblique|STIX|cm)",
]
_UNWANTED = re.compile("|".join(f"(?:{p})" for p in UNWANTED))

Entry = tuple[str, str, str]  # (path in the bundle, source path or symlink target, typecode)


def _is_shared_library(dest: str) -> bool:
    """A library collected because something links against it (not a module or plugin)."""
    name = os.path.basename(dest)
    in_top = "/" not in dest
    return name.startswith("lib") and ".so" in name and (in_top or dest.startswith("PySide6/Qt/lib/"))


def prune(binaries: list[Entry], datas: list[Entry], get_imports, log=print) -> tuple[list[Entry], list[Entry]]:
    """Return (binaries, datas) without the unwanted entries and the libraries left unneeded.

    ``get_imports(path)`` returns the link-time dependencies of a binary as (name, path)
    pairs (PyInstaller's ``bindepend.get_imports``).
    """
    removed: list[Entry] = []

    def keep(entries: Iterable[Entry]) -> list[Entry]:
        kept = []
        for entry in entries:
            (removed if _UNWANTED.search(entry[0]) else kept).append(entry)
        return kept

    binaries, datas = keep(binaries), keep(datas)

    # Which shared libraries does anything that remains still link against?
    needed: set[str] = set()
    for dest, src, typecode in binaries:
        if not _is_shared_library(dest) or os.path.basename(dest).startswith("libpython"):
            needed.update(os.path.basename(name) for name, _ in get_imports(src))
    # ldd reports the whole chain, but a library may be found at a different path than the
    # one collected; close the set over the collected libraries themselves as well.
    by_name = {os.path.basename(dest): src for dest, src, _ in binaries if _is_shared_library(dest)}
    frontier = [n for n in needed if n in by_name]
    while frontier:
        for name, _ in get_imports(by_name[frontier.pop()]):
            base = os.path.basename(name)
            if base not in needed:
                needed.add(base)
                if base in by_name:
                    frontier.append(base)

    kept_binaries = []
    for entry in binaries:
        dest = entry[0]
        if _is_shared_library(dest) and os.path.basename(dest) not in needed and not os.path.basename(dest).startswith("libpython"):
            removed.append(entry)
        else:
            kept_binaries.append(entry)
    kept_paths = {e[0] for e in kept_binaries} | {e[0] for e in datas if e[2] != "SYMLINK"}

    # A symbolic link goes when what it points to went.
    kept_datas = []
    for entry in datas:
        dest, target, typecode = entry
        if typecode == "SYMLINK":
            pointee = os.path.normpath(os.path.join(os.path.dirname(dest), target))
            if pointee not in kept_paths:
                removed.append(entry)
                continue
        kept_datas.append(entry)

    size = sum(os.path.getsize(src) for _, src, typecode in removed if typecode != "SYMLINK" and os.path.exists(src))
    log(f"pyi_prune: left out {len(removed)} files, {size / 1e6:.1f} MB "
        f"(Qt translations, unused plugins and the libraries only they needed)")
    return kept_binaries, kept_datas
