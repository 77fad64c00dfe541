"""The decision log published as HTML: structure checked with html.parser (landmarks,
headings in order, table header scope, language, no names consent does not allow), and
with axe-core in headless Chromium where both are installed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from consent_panel import EVERYONE, HIDDEN, build_consent_panel, found
from leap_desktop.export.publish_html import publish


class Structure(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[str] = []
        self.headings: list[int] = []
        self.lang = None
        self.th_without_scope = 0
        self.scripts: list[str] = []
        self.links: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag == "th" and attrs.get("scope") not in ("col", "row"):
            self.th_without_scope += 1
        if tag == "script":
            self.scripts.append(attrs.get("src", ""))
        if tag in ("a", "link") and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_data(self, data):
        self.text.append(data)


def _parse(path: Path) -> Structure:
    s = Structure()
    s.feed(path.read_text(encoding="utf-8"))
    return s


@pytest.fixture
def consent(service):
    build_consent_panel(service)
    return service


def test_every_page_has_landmarks_ordered_headings_scoped_headers_and_works_offline(consent, tmp_path):
    written = publish(consent, tmp_path / "site")
    names = sorted(p.name for p in written)
    assert {"index.html", "you-said-we-did.html", "actions.html", "style.css", "search.js", "d-1.html"} <= set(names)
    for path in (p for p in written if p.suffix == ".html"):
        s = _parse(path)
        assert s.lang == "en-GB", path.name
        for landmark in ("header", "nav", "main", "footer"):
            assert s.tags.count(landmark) == 1, (path.name, landmark)
        assert s.headings[0] == 1 and s.headings.count(1) == 1, path.name
        assert all(b - a <= 1 for a, b in zip(s.headings, s.headings[1:])), (path.name, s.headings)  # no level skipped
        assert s.th_without_scope == 0, path.name
        assert s.scripts in ([], ["search.js"])  # at most the optional search, from the folder
        for link in s.links:  # every link stays in the folder: it opens offline
            assert "://" not in link and (tmp_path / "site" / link.split("#")[0]).exists(), (path.name, link)
    assert "table" in _parse(tmp_path / "site" / "index.html").tags
    trace = "".join(_parse(tmp_path / "site" / "d-1.html").text)
    assert "Who shaped it" in trace and "What was done" in trace and "Contributions that shaped it" in trace
    assert "You said, we did" in "".join(_parse(tmp_path / "site" / "you-said-we-did.html").text)


def test_names_only_as_consent_allows_and_the_anonymised_edition_has_none(consent, tmp_path):
    for anonymised, hidden in ((False, HIDDEN), (True, EVERYONE)):
        folder = tmp_path / ("anon" if anonymised else "panel")
        publish(consent, folder, anonymised=anonymised)
        for page in folder.glob("*.html"):
            text = " ".join(_parse(page).text)
            assert found(text, hidden) == [], (anonymised, page.name)
    anon = " ".join(_parse(tmp_path / "anon" / "d-1.html").text)
    assert "fewer than 5 votes for" in anon and "3 votes" not in anon  # small counts stay coarse
    assert "Amy Nolan" in " ".join(_parse(tmp_path / "panel" / "d-1.html").text)  # named, as she agreed


def test_content_is_escaped_and_a_file_is_not_a_folder(service, tmp_path):
    service.record_decision(title="<script>alert(1)</script> & more", status="proposed")
    publish(service, tmp_path / "site")
    page = (tmp_path / "site" / "index.html").read_text()
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page
    (tmp_path / "file").write_text("x")
    with pytest.raises(Exception, match="is a file; give a folder"):
        publish(service, tmp_path / "file")


AXE = os.environ.get("LEAP_AXE_DIR", "/tmp/leap-axe")


def _axe_ready() -> str | None:
    if shutil.which("chromium") is None:
        return "Chromium is not installed (apt-get install chromium)"
    if shutil.which("node") is None:
        return "Node.js is not installed"
    if not (Path(AXE) / "node_modules" / "axe-core").exists() or not (Path(AXE) / "node_modules" / "playwright-core").exists():
        return f"axe-core and playwright-core are not installed in {AXE} (npm install axe-core playwright-core there)"
    return None


@pytest.mark.skipif(_axe_ready() is not None, reason=_axe_ready() or "")
def test_axe_core_finds_no_violations_in_chromium(consent, tmp_path):
    site = tmp_path / "site"
    publish(consent, site)
    publish(consent, tmp_path / "anon", anonymised=True)
    pages = [str(p) for p in [*site.glob("*.html"), *(tmp_path / "anon").glob("*.html")]]
    script = Path(__file__).with_name("axe_check.js")
    env = dict(os.environ, NODE_PATH=str(Path(AXE) / "node_modules"))
    result = subprocess.run(["node", str(script), *pages], cwd=AXE, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    violations = json.loads(result.stdout)
    assert violations == {}, violations
