""""What your input changed" from a person's page: ask where, then write the document
(everything up to today; large print if asked). The file is named from the person's
reference, never their name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ...domain.errors import LeapError
from ...export import feedback_docx


def save_feedback(parent: QWidget, service, person, *, ask=None) -> Path | None:
    """Ask for a file and write the person's feedback there; the path written, or None."""
    ask = ask or QFileDialog.getSaveFileName
    suggested = str(Path.home() / f"what-your-input-changed-{person.ref}.docx")
    path, chosen = ask(parent, "What your input changed", suggested,
                       "Word document (*.docx);;Word document, large print (*.docx)")
    if not path:
        return None
    out = Path(path)
    if out.suffix.lower() != ".docx":
        out = out.with_name(out.name + ".docx")
    try:
        feedback_docx.save(service, person, out, large_print="large print" in (chosen or ""))
    except LeapError as exc:
        QMessageBox.warning(parent, "What your input changed", str(exc))
        return None
    return out
