"""A saved page's free-text fields are capped as posts and notes are: a page with a huge bio,
headline or name does not carry it into the briefing whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, run_source
from prebrief.models import Identity
from prebrief.sources.facebook import FacebookSource
from prebrief.sources.linkedin import LinkedInSource
from prebrief.sources.x import XSource

HUGE = "hull design and sea trials " * 20_000  # 540,000 characters


# (source, fixture, where the field is in it, its value there, the fact kind it becomes)
CASES = [
    (XSource, "x/saved-profile.html", "<span>Naval architect. Hull design &amp; sea trials.",
     "Naval architect. Hull design &amp; sea trials.", "bio"),
    (XSource, "x/saved-profile.html", "<span>Bergen, Norway</span></span>", "Bergen, Norway",
     "location"),
    (LinkedInSource, "linkedin/guest-2026.html", ">Procurement Director at Brekke Freight</h2>",
     "Procurement Director at Brekke Freight", "headline"),
    (FacebookSource, "facebook/saved-page.html", 'og:title" content="Halvorsen Maritime Systems"',
     "Halvorsen Maritime Systems", "name"),
]


@pytest.mark.parametrize(("source", "fixture", "where", "value", "kind"), CASES)
async def test_a_huge_field_on_a_saved_page_is_cut_to_500_characters(
        tmp_path: Path, source, fixture: str, where: str, value: str, kind: str):
    markup = (FIXTURES / fixture).read_text(encoding="utf-8")
    assert where in markup
    page = tmp_path / "page.html"
    page.write_text(markup.replace(where, where.replace(value, HUGE)), encoding="utf-8")
    result = await run_source(source, Identity(source.name, file=str(page)), tmp_path)
    assert result.ok, result.message
    texts = [f.text for f in result.harvest.facts if f.kind == kind]
    assert texts and all(len(t) <= 500 for t in texts), [len(t) for t in texts]
    assert texts[0].startswith("hull design") and texts[0].endswith("…")
