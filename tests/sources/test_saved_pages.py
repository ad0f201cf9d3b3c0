"""Saved pages the user gives: read in the encoding they declare, and refused when saved from
another platform than the option they were given to (fictional contacts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, run_source
from prebrief.extract.html import decode_page, parse_html, saved_from
from prebrief.models import Identity
from prebrief.sources.facebook import FacebookSource
from prebrief.sources.linkedin import LinkedInSource
from prebrief.sources.x import XSource

NAME = "Zoë Müller-Ødegård"


def test_a_page_is_decoded_as_it_declares_else_utf8_else_windows_1252():
    html = f'<html><head><meta charset="{{}}"><title>{NAME}</title></head></html>'
    assert NAME in decode_page(html.format("windows-1252").encode("cp1252"))
    assert NAME in decode_page(html.format("iso-8859-1").encode("latin-1"))
    assert NAME in decode_page(html.format("utf-8").encode("utf-8"))
    bare = f"<html><head><title>{NAME}</title></head></html>"
    assert NAME in decode_page(bare.encode("utf-8"))
    # No declaration and no UTF-8: windows-1252, as a browser falls back, not a guess.
    assert NAME in decode_page(bare.encode("cp1252"))
    assert NAME in decode_page(bare.encode("utf-16"))  # with its byte-order mark
    assert NAME in decode_page(html.format("no-such-charset").encode("utf-8"))


def test_where_a_page_says_it_came_from():
    def said(head: str) -> tuple[str | None, str | None]:
        return saved_from(parse_html(f"<html><head>{head}</head></html>"))

    assert said('<meta property="og:url" content="https://www.facebook.com/x">'
                '<title>Page | Bergen</title>') == ("https://www.facebook.com/x", "Bergen")
    assert said('<link rel="canonical" href="https://x.com/ada">') == (
        "https://x.com/ada", None)
    assert said("<title>Ada (@ada) / X</title>") == (None, "X")
    assert said("<title>Ada Vermeer - CTO / Founder | LinkedIn</title>") == (None, "LinkedIn")
    assert said('<meta property="og:site_name" content="LinkedIn">') == (None, "LinkedIn")
    assert said("<title>Ada Vermeer</title>") == (None, None)


@pytest.mark.parametrize("source,fixture,says,option", [
    (LinkedInSource, "facebook/saved-page.html", "saved from Facebook", "--facebook-html"),
    (FacebookSource, "x/saved-profile.html", "saved from X (Twitter)", "--x-html"),
    (XSource, "linkedin/guest-2026.html", "saved from LinkedIn", "--linkedin-html"),
    (FacebookSource, "linkedin/guest-2026.html", "saved from LinkedIn", "--linkedin-html"),
])
async def test_a_page_saved_from_another_platform_is_refused_naming_its_option(
        tmp_path: Path, source, fixture, says, option):
    """A company's Facebook page given as --linkedin-html was briefed as the contact
    ('Briefing: Halvorsen Maritime Systems', identity high)."""
    result = await run_source(source, Identity(source.name, file=str(FIXTURES / fixture)),
                              tmp_path)
    assert result.status.value == "error" and says in result.message, result.message
    assert result.hint == f"Pass it as {option} instead."


@pytest.mark.parametrize("source,fixture", [
    (LinkedInSource, "linkedin/guest-2026.html"), (XSource, "x/saved-profile.html"),
    (FacebookSource, "facebook/saved-page.html")])
async def test_a_page_of_its_own_platform_is_read(tmp_path: Path, source, fixture):
    result = await run_source(source, Identity(source.name, file=str(FIXTURES / fixture)),
                              tmp_path)
    assert result.ok, result.message


async def test_a_windows_1252_saved_x_page_reads_its_name_right(tmp_path: Path):
    markup = (FIXTURES / "x" / "saved-profile.html").read_text("utf-8")
    markup = markup.replace("Ilse Marchetti-Oduya", NAME).replace(
        "<head>", '<head><meta charset="windows-1252">', 1)
    page = tmp_path / "x.html"
    page.write_bytes(markup.encode("cp1252", errors="replace"))
    result = await run_source(XSource, Identity("x", file=str(page)), tmp_path)
    assert result.ok, result.message
    assert [f.text for f in result.harvest.facts if f.kind == "name"] == [NAME]


@pytest.mark.parametrize("source", [LinkedInSource, XSource, FacebookSource])
async def test_an_empty_saved_page_is_called_empty(tmp_path: Path, source):
    """An empty --facebook-html file was 'saved without its content (Facebook shows only a
    shell to signed-out browsers)'."""
    page = tmp_path / "page.html"
    page.write_text("  \n", encoding="utf-8")
    result = await run_source(source, Identity(source.name, file=str(page)), tmp_path)
    assert result.status.value == "error" and result.message == "page.html: is empty"
