"""What build.spec leaves out of the bundle: unused Qt pieces and the libraries only they need."""

from .conftest import load

prune = load("pyi_prune").prune

# A small made-up analysis: who links against what.
LINKS = {
    "/src/QtWidgets.abi3.so": ["libQt6Widgets.so.6", "libQt6Gui.so.6"],
    "/src/libqgtk3.so": ["libgtk-3.so.0", "libQt6Gui.so.6"],
    "/src/libqxcb.so": ["libQt6XcbQpa.so.6"],
    "/src/libQt6XcbQpa.so.6": ["libxkbcommon.so.0"],
    "/src/libQt6Widgets.so.6": ["libQt6Gui.so.6"],
    "/src/libQt6Gui.so.6": ["libfreetype.so.6"],
    "/src/libgtk-3.so.0": ["libcairo.so.2"],
    "/src/libpython3.11.so.1.0": ["libm.so.6"],
}
BINARIES = [
    ("PySide6/QtWidgets.abi3.so", "/src/QtWidgets.abi3.so", "EXTENSION"),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/src/libqgtk3.so", "BINARY"),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", "/src/libqxcb.so", "BINARY"),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", "/src/libqeglfs.so", "BINARY"),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", "/src/libqsvg.so", "BINARY"),
    ("PySide6/Qt/plugins/imageformats/libqtiff.so", "/src/libqtiff.so", "BINARY"),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", "/src/libQt6Widgets.so.6", "BINARY"),
    ("PySide6/Qt/lib/libQt6Gui.so.6", "/src/libQt6Gui.so.6", "BINARY"),
    ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "/src/libQt6XcbQpa.so.6", "BINARY"),
    ("PySide6/Qt/lib/libQt6Quick.so.6", "/src/libQt6Quick.so.6", "BINARY"),
    ("libxkbcommon.so.0", "/src/libxkbcommon.so.0", "BINARY"),
    ("libfreetype.so.6", "/src/libfreetype.so.6", "BINARY"),
    ("libgtk-3.so.0", "/src/libgtk-3.so.0", "BINARY"),
    ("libcairo.so.2", "/src/libcairo.so.2", "BINARY"),
    ("libpython3.11.so.1.0", "/src/libpython3.11.so.1.0", "BINARY"),
]
DATAS = [
    ("PySide6/Qt/translations/qtbase_de.qm", "/src/qtbase_de.qm", "DATA"),
    ("resources/icons/leap-desktop-16.png", "/src/leap-desktop-16.png", "DATA"),
    ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
    ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK"),
]


def fake_imports(path):
    """Like ldd: the whole chain of libraries a binary needs."""
    seen, todo = set(), list(LINKS.get(path, []))
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += LINKS.get(f"/src/{name}", [])
    return [(name, f"/src/{name}") for name in seen]


def run():
    logged = []
    binaries, datas = prune(BINARIES, DATAS, fake_imports, log=logged.append)
    return {e[0] for e in binaries}, {e[0] for e in datas}, logged


def test_unused_plugins_and_the_libraries_only_they_need_are_left_out():
    binaries, _, _ = run()
    assert "PySide6/Qt/plugins/platformthemes/libqgtk3.so" not in binaries
    assert "PySide6/Qt/plugins/platforms/libqeglfs.so" not in binaries
    assert "PySide6/Qt/plugins/imageformats/libqtiff.so" not in binaries, "the app reads no TIFF"
    assert "libgtk-3.so.0" not in binaries and "libcairo.so.2" not in binaries
    assert "PySide6/Qt/lib/libQt6Quick.so.6" not in binaries


def test_what_the_app_needs_stays():
    binaries, datas, _ = run()
    assert {
        "PySide6/QtWidgets.abi3.so",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
        "PySide6/Qt/plugins/imageformats/libqsvg.so",  # the icons are SVG
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "PySide6/Qt/lib/libQt6XcbQpa.so.6",
        "libxkbcommon.so.0",  # needed two links away from a kept plugin
        "libfreetype.so.6",
        "libpython3.11.so.1.0",  # loaded by the launcher, not linked
    } <= binaries
    assert "resources/icons/leap-desktop-16.png" in datas


def test_translations_go_and_links_follow_their_targets():
    _, datas, logged = run()
    assert "PySide6/Qt/translations/qtbase_de.qm" not in datas
    assert "libQt6Gui.so.6" in datas, "a link to a kept library stays"
    assert "libQt6Quick.so.6" not in datas, "a link to a removed library goes"
    assert logged and logged[0].startswith("pyi_prune: left out 8 files")


def test_matplotlib_keeps_the_charts_fonts_and_loses_its_samples_and_other_fonts():
    mpl = "matplotlib/mpl-data/"
    kept = [f"{mpl}matplotlibrc", f"{mpl}fonts/ttf/DejaVuSans.ttf", f"{mpl}fonts/ttf/DejaVuSans-Bold.ttf",
            f"{mpl}fonts/ttf/LastResortHE-Regular.ttf", f"{mpl}stylelib/classic.mplstyle", f"{mpl}images/home.svg"]
    gone = [f"{mpl}sample_data/goog.npz", f"{mpl}fonts/afm/pagd8a.afm", f"{mpl}fonts/pdfcorefonts/Helvetica.afm",
            f"{mpl}fonts/ttf/DejaVuSerif.ttf", f"{mpl}fonts/ttf/DejaVuSansMono-Bold.ttf", f"{mpl}fonts/ttf/cmr10.ttf",
            f"{mpl}fonts/ttf/DejaVuSans-Oblique.ttf", f"{mpl}fonts/ttf/DejaVuSans-BoldOblique.ttf",
            f"{mpl}fonts/ttf/STIXGeneral.ttf", f"{mpl}kpsewhich.lua"]
    _, datas = prune([], [(name, f"/src/{name}", "DATA") for name in kept + gone], fake_imports, log=lambda _: None)
    assert sorted(e[0] for e in datas) == sorted(kept)
