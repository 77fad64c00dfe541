"""What build.spec strips: every library but those a wheel vendors (strip breaks them)."""

from .conftest import load

pyi_strip = load("pyi_strip")


def test_vendored_libraries_are_left_as_they_are_and_the_rest_stripped(tmp_path):
    files = {}
    for name in ("libpython3.11.so.1.0", "libscipy_openblas64_.so", "libtiff.so.6", "_multiarray_umath.so", "notes.txt"):
        files[name] = tmp_path / name
        files[name].write_bytes(b"\x7fELF" + b"\0" * 60 if name != "notes.txt" else b"text")
    binaries = [
        ("libpython3.11.so.1.0", str(files["libpython3.11.so.1.0"]), "BINARY"),
        ("numpy.libs/libscipy_openblas64_.so", str(files["libscipy_openblas64_.so"]), "BINARY"),
        ("pillow.libs/libtiff.so.6", str(files["libtiff.so.6"]), "BINARY"),
        ("numpy/_core/_multiarray_umath.so", str(files["_multiarray_umath.so"]), "EXTENSION"),
        ("notes.txt", str(files["notes.txt"]), "BINARY"),
    ]
    ran, logged = [], []

    class Done:
        returncode = 0

    def run(command, **_):
        ran.append(command[1])
        return Done()

    out = pyi_strip.strip(binaries, tmp_path / "work", run=run, log=logged.append)
    stripped = {dest for dest, src, _ in out if src.startswith(str(tmp_path / "work"))}
    assert stripped == {"libpython3.11.so.1.0", "numpy/_core/_multiarray_umath.so"}
    assert sorted(ran) == sorted(str(tmp_path / "work" / "stripped" / d) for d in stripped)
    assert [e[0] for e in out] == [e[0] for e in binaries], "nothing added or left out"
    assert logged == ["pyi_strip: stripped 2 binaries; left 2 that wheels vendor (NAME.libs/) as they are"]


def test_a_binary_strip_cannot_process_is_kept_unstripped(tmp_path):
    lib = tmp_path / "libx.so"
    lib.write_bytes(b"\x7fELF" + b"\0" * 60)

    class Failed:
        returncode = 1

    out = pyi_strip.strip([("libx.so", str(lib), "BINARY")], tmp_path / "work", run=lambda *a, **k: Failed(), log=lambda _: None)
    assert out == [("libx.so", str(lib), "BINARY")]
