"""Commands over the whole file: ``leap import``, ``export`` and ``check``."""

from __future__ import annotations

from pathlib import Path

from ..domain.errors import LeapError
from ..services import interchange
from ..services.files import same_file, write_atomically
from .opening import new_panel_file


def cmd_import(ctx) -> int:
    source = Path(ctx.args.file).expanduser()
    try:
        text = source.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LeapError(f"There is no file at {source}") from None
    except UnicodeDecodeError:
        raise LeapError(f"{source} is not a text (UTF-8 JSON) file") from None
    except OSError as exc:
        raise LeapError(f"Cannot read {source}: {exc.strerror}") from None
    document = interchange.loads(text)
    interchange.read_document(document)  # refuse a bad document before any file or key is made
    with new_panel_file(ctx, "an import") as svc:
        count = svc.import_document(document, summary=f"Import {source.name}")
    ctx.note(f"Imported {count:,} records from {source} into {ctx.db_path}")
    return 0


def cmd_export(ctx) -> int:
    if ctx.args.out:
        out = Path(ctx.args.out).expanduser()
        if same_file(out, ctx.db_path):
            raise LeapError(f"{out} is the panel file itself: choose another file for the export (nothing was written)")
    with ctx.open() as svc:
        text = interchange.dumps(svc.export_document())
    if ctx.args.out:
        out = Path(ctx.args.out).expanduser()
        write_atomically(out, text.encode("utf-8"))
        ctx.note(f"Wrote the panel to {out}")
    else:
        ctx.out.write(text)
    return 0


def cmd_check(ctx) -> int:
    with ctx.open() as svc:
        if ctx.args.accept_older_copy:
            svc.accept_as_it_is()
            ctx.note(f"From now on, {svc.path.name}'s audit trail is compared with where it ends today.")
        problems = svc.check()
    ctx.emit(
        {"ok": not problems, "problems": [{"where": p.where, "problem": p.message} for p in problems]},
        lambda: _render_check(ctx, problems),
    )
    return 1 if problems else 0


def _render_check(ctx, problems) -> None:
    if not problems:
        ctx.print("All good: the file is intact, the audit trail is unbroken, and every record matches it.")
        return
    ctx.print(f"Found {len(problems)} problem(s); the first is the earliest break:")
    for problem in problems[:20]:
        ctx.print(f"  {problem}")
    if len(problems) > 20:
        ctx.print(f"  ... and {len(problems) - 20} more")
