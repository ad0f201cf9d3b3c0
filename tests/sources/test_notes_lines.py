"""How the notes source reads its lines: headings, hashtags and links (fictional contact)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_source
from prebrief.models import Identity, SourceResult
from prebrief.sources.notes import NotesSource


async def read_notes(tmp_path: Path, text: str) -> SourceResult:
    path = tmp_path / "notes.txt"
    path.write_text(text, encoding="utf-8")
    result = await run_source(NotesSource, Identity("notes", file=str(path)), tmp_path)
    assert result.ok, result.message
    return result


def methods(result: SourceResult) -> list[str]:
    return [fact.evidence.method for fact in result.harvest.facts]


async def test_a_hashtag_line_is_a_note_not_a_heading(tmp_path: Path):
    result = await read_notes(tmp_path, "#chemofinished and back at work\nLikes sailing\n")
    assert [f.text for f in result.harvest.facts] == ["#chemofinished and back at work",
                                                      "Likes sailing"]
    assert methods(result) == ["user notes: line 1", "user notes: line 2"]


@pytest.mark.parametrize("heading", ["# From LinkedIn", "## From LinkedIn", "##From LinkedIn",
                                     "#\tFrom LinkedIn", "### From LinkedIn ###"])
async def test_a_markdown_heading_names_the_lines_below_it(tmp_path: Path, heading: str):
    result = await read_notes(tmp_path, f"{heading}\nHead of Sourcing at Kestrel Freight\n")
    assert methods(result) == ["user notes (From LinkedIn): line 2"]


@pytest.mark.parametrize("heading", [
    "# Her chemo finished in May, back at work since",  # reads as health
    "# " + "Copied from the conference page and a long talk over dinner " * 2,  # too long
])
async def test_a_sensitive_or_long_heading_is_left_out_of_provenance(tmp_path: Path,
                                                                     heading: str):
    result = await read_notes(tmp_path, f"{heading}\nHead of Sourcing at Kestrel Freight\n")
    assert methods(result) == ["user notes: line 2"]


async def test_a_link_line_is_kept_as_a_note_and_as_a_link(tmp_path: Path):
    result = await read_notes(tmp_path, "Blog: https://wren.example/blog\n"
                                        "X: https://x.com/tw_builds\n")
    assert [f.text for f in result.harvest.facts] == ["Blog: https://wren.example/blog",
                                                      "X: https://x.com/tw_builds"]
    assert [link.url for link in result.harvest.links] == ["https://wren.example/blog",
                                                          "https://x.com/tw_builds"]
