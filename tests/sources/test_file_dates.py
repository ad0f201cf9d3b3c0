"""A fact read from a file the user saved is as old as the save: dated by the LinkedIn PDF's
CreationDate or the file's modification time, cited as 'saved', and flagged when older than
six months (fictional contacts)."""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import jsonschema

from conftest import FIXTURES, run_source
from factories import briefing
from prebrief.extract.linkedin_pdf import created_at
from prebrief.models import Evidence, Fact, Harvest, Identity, SourceResult, Status
from prebrief.render import render
from prebrief.reuse import file_saved_at
from prebrief.sheet import build_sections
from prebrief.sources.linkedin_pdf import LinkedInPdfSource
from prebrief.sources.notes import NotesSource
from prebrief.sources.x import XSource

PDFS = FIXTURES / "linkedin_pdf"
SAVED = datetime(2026, 3, 2, 13, 12, tzinfo=UTC)  # the fixture PDF's CreationDate (+01:00)


def test_a_linkedin_pdf_is_dated_by_its_creation_date_not_by_a_placeholder():
    assert created_at((PDFS / "Profile.pdf").read_bytes()) == SAVED
    # reportlab's invariant placeholder (2000-01-01) predates LinkedIn: no date.
    assert created_at((PDFS / "invoice.pdf").read_bytes()) is None
    assert created_at(b"%PDF-1.4 not really") is None


async def test_facts_from_a_pdf_carry_its_save_date_even_when_the_file_is_newer(tmp_path: Path):
    copy = tmp_path / "Profile.pdf"
    shutil.copy(PDFS / "Profile.pdf", copy)  # the copy's mtime is now
    result = await run_source(LinkedInPdfSource, Identity("linkedin_pdf", file=str(copy)),
                              tmp_path)
    assert result.ok, result.message
    assert {f.evidence.retrieved_at for f in result.harvest.facts} == {SAVED}
    assert result.fetched_at == SAVED


async def test_a_saved_page_is_dated_by_its_modification_time_and_notes_are_not(tmp_path: Path):
    page = tmp_path / "x.html"
    shutil.copy(FIXTURES / "x" / "saved-profile.html", page)
    when = datetime(2026, 5, 4, 10, 0, tzinfo=UTC)
    os.utime(page, (when.timestamp(), when.timestamp()))
    result = await run_source(XSource, Identity("x", file=str(page)), tmp_path)
    assert result.ok, result.message
    assert {f.evidence.retrieved_at for f in result.harvest.facts} == {when}
    notes = tmp_path / "notes.txt"
    notes.write_text("Met at the Logimat stand\n", encoding="utf-8")
    os.utime(notes, (when.timestamp(), when.timestamp()))
    mine = await run_source(NotesSource, Identity("notes", file=str(notes)), tmp_path)
    assert [f.evidence.retrieved_at for f in mine.harvest.facts] == [None]


def _from_file(saved: datetime) -> SourceResult:
    ev = Evidence("linkedin_pdf", "LinkedIn PDF: Experience", file="/home/u/Profile.pdf",
                  retrieved_at=saved)
    return SourceResult("linkedin_pdf", Status.OK, Identity("linkedin_pdf", file=ev.file),
                        harvest=Harvest(facts=(Fact("role", "Buyer at Dekker Bouw", ev),)))


def test_a_file_saved_more_than_six_months_before_is_flagged_with_its_date():
    old = replace(briefing(), sources=(_from_file(SAVED),))  # the factory's sheet: 2026-11-20
    care = build_sections(old)["care"]
    assert [f["text"] for f in care["old_files"]] == [
        "Profile.pdf (linkedin_pdf) was saved 8 mos ago, on 2026-03-02: what changed since is "
        "not in it"]
    recent = replace(briefing(), sources=(_from_file(datetime(2026, 11, 1, tzinfo=UTC)),))
    assert build_sections(recent)["care"]["old_files"] == []
    md = render(old, "md").replace("\\", "")
    assert "- Profile.pdf (linkedin_pdf) was saved 8 mos ago" in md
    assert "file Profile.pdf. LinkedIn PDF: Experience, saved 2026-03-02" in md
    assert "Profile.pdf (linkedin_pdf) was saved 8 mos ago" in render(old, "html")
    data = json.loads(render(old, "json"))
    jsonschema.validate(data, json.loads(resources.files("prebrief.schema")
                                         .joinpath("briefing.schema.json").read_text()))
    [item] = data["sections"]["care"]["old_files"]
    assert (item["file"], item["date"], item["evidence"]["file"]) == (
        "Profile.pdf", "2026-03-02", "Profile.pdf")


async def test_an_unpackers_placeholder_time_is_no_date(tmp_path: Path):
    page = tmp_path / "x.html"
    shutil.copy(FIXTURES / "x" / "saved-profile.html", page)
    zip_default = datetime(1980, 1, 1, tzinfo=UTC).timestamp()
    os.utime(page, (zip_default, zip_default))
    result = await run_source(XSource, Identity("x", file=str(page)), tmp_path)
    assert result.ok and {f.evidence.retrieved_at for f in result.harvest.facts} == {None}


async def test_a_save_date_after_now_is_no_date(tmp_path: Path):
    import io

    from pypdf import PdfReader, PdfWriter

    def dated(value: str) -> bytes:
        writer = PdfWriter(clone_from=PdfReader(PDFS / "Profile.pdf"))
        writer.add_metadata({"/CreationDate": value})
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    now = datetime(2026, 11, 20, tzinfo=UTC)
    assert created_at(dated("D:20990101000000Z"), now) is None
    assert created_at(dated("D:garbage"), now) is None  # malformed: the date is lost, not the PDF
    assert created_at(dated("D:20261301000000Z"), now) is None  # month 13
    # Such a PDF is still read, and dated by the file's save instead.
    broken = tmp_path / "Profile.pdf"
    broken.write_bytes(dated("D:garbage"))
    read = await run_source(LinkedInPdfSource, Identity("linkedin_pdf", file=str(broken)),
                            tmp_path)
    assert read.ok and {f.evidence.retrieved_at for f in read.harvest.facts} == {
        file_saved_at(str(broken))}
    assert created_at((PDFS / "Profile.pdf").read_bytes(), now) == SAVED
    page = tmp_path / "x.html"
    page.write_text("<html></html>", encoding="utf-8")
    later = datetime(2099, 1, 1, tzinfo=UTC).timestamp()
    os.utime(page, (later, later))
    assert file_saved_at(str(page)) is None
    assert file_saved_at("-") is None


def test_a_current_role_read_from_an_old_file_says_as_of_when():
    from prebrief.models import Role

    def read(saved: datetime):
        ev = Evidence("linkedin_pdf", "LinkedIn PDF: Experience", file="/u/Profile.pdf",
                      retrieved_at=saved)
        role = Role("Head of Logistics", "Norrbrook Logistics", ev, start="2023-05", current=True)
        person = replace(briefing().person, roles=(role,))
        return replace(briefing(), person=person)

    old = read(SAVED)
    assert build_sections(old)["career"]["current"]["as_of"] == "2026-03-02"
    assert ("- Head of Logistics at Norrbrook Logistics, since 2023-05 (2 yrs 10 mos), as of "
            "2026-03-02 [") in render(old, "md")
    assert "(as of 2026-03-02)" in render(old, "html")
    fresh = build_sections(read(datetime(2026, 11, 1, tzinfo=UTC)))["career"]["current"]
    assert fresh["as_of"] is None and fresh["tenure"] == "3 yrs 6 mos"  # counted to now


def test_a_report_names_a_file_that_cannot_be_read_but_not_where_it_lies(tmp_path: Path):
    from typer.testing import CliRunner

    from prebrief.cli.app import app

    hidden = tmp_path / "private-folder" / "Profile.pdf"
    for fmt in ("md", "json"):
        result = CliRunner().invoke(app, ["brief", "--name", "Ada Vermeer", "--linkedin-pdf",
                                          str(hidden), "--offline", "--no-discover", "-f", fmt,
                                          "--cache-dir", str(tmp_path / "cache")])
        assert "Profile.pdf: no such file" in result.stdout
        assert "private-folder" not in result.stdout


def test_a_damaged_pdf_is_read_without_pypdf_talking_on_the_terminal():
    """'--linkedin-pdf truncated.pdf' printed pypdf's bare 'EOF marker not found' on stderr
    beside prebrief's own one-line error (outside auditor)."""
    import subprocess
    import sys

    code = ("import sys; from prebrief.extract.linkedin_pdf import created_at, pdf_lines\n"
            "data = open(sys.argv[1], 'rb').read()\ncreated_at(data)\n"
            "try:\n    pdf_lines(data)\nexcept Exception:\n    pass\n")
    run = subprocess.run([sys.executable, "-c", code, str(PDFS / "truncated.pdf")],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and run.stderr == "", run.stderr
