"""The sheet in a real headless Chromium: one printed page for the demo, hostile input inert."""

from __future__ import annotations

import http.server
import re
import shutil
import subprocess
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from factories import briefing, rich_briefing, signal
from prebrief.models import Education, Identity, Role
from prebrief.render import render

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed "
                                 "(apt-get install chromium); .ci/run installs it")]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1']


def chromium(tmp: Path, *args: str) -> str:
    cmd = [str(CHROMIUM), *FLAGS, f"--user-data-dir={tmp / 'profile'}", *args]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    return done.stdout


def print_pdf(html: str, tmp: Path) -> PdfReader:
    page = tmp / "sheet.html"
    page.write_text(html, encoding="utf-8")
    pdf = tmp / "sheet.pdf"
    chromium(tmp, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    assert pdf.exists(), "chromium printed nothing"
    return PdfReader(str(pdf))


def demo_html() -> str:
    from prebrief.demo import build_demo_briefing

    return render(build_demo_briefing(), "html")


def test_demo_sheet_prints_on_one_page_with_key_sections(tmp_path: Path):
    reader = print_pdf(demo_html(), tmp_path)
    assert len(reader.pages) == 1
    text = " ".join(reader.pages[0].extract_text().split())
    for needle in ("Marit Vandersloot", "ROLE AND CAREER", "CONVERSATION STARTERS",
                   "HANDLE WITH CARE", "SOURCES AND GAPS", "PROVENANCE", "Read instead from linkedin_pdf"):
        assert needle in text, needle


def test_demo_sheet_screenshot(tmp_path: Path):
    page = tmp_path / "sheet.html"
    page.write_text(demo_html(), encoding="utf-8")
    png = tmp_path / "sheet.png"
    chromium(tmp_path, f"--screenshot={png}", "--window-size=1240,1754", page.as_uri())
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        _Recorder.hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def recorder():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    _Recorder.hits = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def hostile_briefing(base: str):
    payloads = [
        "<script>document.title='PWNED'</script>",
        f"<img src=x onerror=\"document.title='PWNED';fetch('{base}/img')\">",
        f"</style><style>body{{background:url({base}/css)}}</style>",
        f"<iframe src=\"{base}/frame\"></iframe>",
        f"<link rel=stylesheet href=\"{base}/link.css\">",
    ]
    evil = " ".join(payloads)
    b = rich_briefing()
    person = replace(b.person, name=evil, headline=evil, location=evil,
                     roles=(Role(evil, evil, b.person.roles[0].evidence, start="2026-09",
                                 current=True),))
    signals = tuple(signal(evil, sphere, url=f"javascript:fetch('{base}/js')", kind=kind)
                    for sphere, kind in (("professional", "company"), ("personal", "bio")))
    identities = (Identity("website", url=f"javascript:fetch('{base}/id')"),
                  Identity("x", url=f"{base}/x\" onmouseover=\"x"))
    return replace(b, person=person, signals=b.signals + signals, identities=identities)


def test_hostile_profile_runs_no_script_and_makes_no_request(tmp_path: Path, recorder: str):
    html = render(hostile_briefing(recorder), "html")
    assert not re.search(r"(src|href)\s*=\s*\"?(https?:|//|javascript:)[^\"]*127\.0\.0\.1", html)
    assert "<script" not in html and "<iframe" not in html and "<link" not in html
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert len(styles) == 1 and "url(" not in styles[0]
    page = tmp_path / "evil.html"
    page.write_text(html, encoding="utf-8")
    dom = chromium(tmp_path, "--dump-dom", "--virtual-time-budget=2000", page.as_uri())
    title = re.search(r"<title>(.*?)</title>", dom, re.S)
    # A script that ran would have set the title to "PWNED".
    assert title and title.group(1).startswith("Briefing: &lt;script&gt;")
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in dom
    reader = print_pdf(html, tmp_path)
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "<script>document.title='PWNED'</script>" in " ".join(text.split()).replace("\n", "")
    assert _Recorder.hits == []


def test_plain_briefing_is_one_page(tmp_path: Path):
    reader = print_pdf(render(briefing(signals=(signal("Leads the platform team"),)), "html"),
                       tmp_path)
    assert len(reader.pages) == 1
    assert "Ada Vermeer" in reader.pages[0].extract_text()


def test_long_briefing_continues_cleanly_on_a_second_page(tmp_path: Path):
    from datetime import timedelta

    from factories import WHEN, dated

    b = rich_briefing()
    many = tuple(dated(f"Company fact number {i} " + "with a long explanation " * 12,
                       WHEN - timedelta(days=i), kind="company") for i in range(3))
    schools = tuple(Education(f"School number {i}", b.person.roles[0].evidence, degree="BSc")
                    for i in range(70))
    b = replace(b, person=replace(b.person, education=schools), signals=b.signals + many)
    reader = print_pdf(render(b, "html"), tmp_path)
    assert len(reader.pages) >= 2
    last = " ".join(reader.pages[-1].extract_text().split())
    assert "PROVENANCE" in last
