"""The minutes convert to PDF with LibreOffice, page by page (where LibreOffice is installed)."""

import shutil
import subprocess

import pytest

from leap_desktop.domain.model import Meeting
from leap_desktop.export import minutes_docx
from leap_desktop.services import minutes

from clock import FIXED_NOW as NOW

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-writer)")
@pytest.mark.parametrize("anonymised", [False, True])
def test_minutes_convert_to_pdf(demo, tmp_path, anonymised):
    meeting = demo.resolve(Meeting, "M-5")
    source = tmp_path / "minutes.docx"
    source.write_bytes(minutes_docx.render(minutes.build_minutes(demo, meeting, anonymised=anonymised), now=NOW))
    profile = tmp_path / "profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    pdf = (tmp_path / "minutes.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(tmp_path / "minutes.pdf")], capture_output=True, text=True, check=True).stdout
        pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
        assert 2 <= pages <= 12, f"{pages} pages"
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(tmp_path / "minutes.pdf"), "-"], capture_output=True, text=True, check=True).stdout
        assert "You said, we did" in text and "Versions and approval" in text
        assert ("Amira Khan" in text) is not anonymised


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (apt-get install libreoffice-writer)")
def test_anchors_and_comments_survive_a_save_in_libreoffice(demo, tmp_path):
    import docx

    from leap_desktop.export import review_docx

    meeting = demo.resolve(Meeting, "M-12")
    decision = demo.decisions(meeting.id)[0]
    source = tmp_path / "minutes.docx"
    source.write_bytes(minutes_docx.render(minutes.build_minutes(demo, meeting), now=NOW))
    document = docx.Document(str(source))
    heading = next(p for p in document.paragraphs if p.text.startswith(f"Decision {decision.ref}"))
    document.add_comment(heading.runs, text="Paid time, please.", author="Amira Khan", initials="AK")
    document.save(str(source))
    out = tmp_path / "saved"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
         "docx:MS Word 2007 XML", "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    (review,) = review_docx.import_review(demo, meeting, out / "minutes.docx").added
    assert review.decision_id == decision.id and review.text == "Paid time, please."
