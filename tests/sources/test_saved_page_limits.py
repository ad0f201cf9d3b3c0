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


async def test_a_saved_page_scrolled_for_hours_gives_its_newest_posts_only(tmp_path: Path):
    """11,000 posts on a saved X page all went into the briefing (an 11 MB JSON)."""
    from prebrief.sources.base import MAX_SAVED_POSTS

    markup = (FIXTURES / "x" / "saved-profile.html").read_text(encoding="utf-8")
    posts = "".join(
        f'<article data-testid="tweet"><a href="/ilse_builds/status/{1900000000000001000 + i}">'
        f'<time datetime="2026-{1 + i // 28 % 11:02d}-{1 + i % 28:02d}T09:00:00.000Z">x</time>'
        f'</a><div data-testid="tweetText"><span>Hull note {i}</span></div></article>'
        for i in range(300))
    page = tmp_path / "x.html"
    page.write_text(markup.replace("</body>", posts + "</body>"), encoding="utf-8")
    result = await run_source(XSource, Identity("x", file=str(page)), tmp_path)
    assert result.ok, result.message
    read = [f for f in result.harvest.facts if f.kind == "post"]
    assert len(read) == MAX_SAVED_POSTS == 40
    newest = sorted((f.published_at for f in read), reverse=True)
    assert [f.published_at for f in read] == newest  # the newest ones, newest first
