"""The v2 sheet rendered: sections present, JSON sections in the schema, photo and colours."""

from __future__ import annotations

import json
import re
from importlib import resources

import jsonschema
import pytest

from factories import rich_briefing
from prebrief.render import render, templates_dir


def schema() -> dict:
    return json.loads(resources.files("prebrief.schema").joinpath("briefing.schema.json")
                      .read_text())


def test_json_v2_sections_validate_and_keep_evidence():
    data = json.loads(render(rich_briefing(), "json"))
    jsonschema.validate(data, schema())
    sections = data["sections"]
    assert data["schema_version"] == "2.3"
    assert sections["identity"]["local_time"]["zone"] == "Europe/Amsterdam"
    assert all(s["evidence"]["source"] for s in sections["starters"])
    assert sections["care"]["sensitive"][0]["category"] == "health"
    assert "Profile.pdf" in json.dumps(sections) and "/home/u" not in json.dumps(data)


def test_schema_describes_every_section():
    props = schema()["properties"]["sections"]["properties"]
    assert set(props) == set(json.loads(render(rich_briefing(), "json"))["sections"])
    assert all(p.get("description") for p in props.values())


@pytest.mark.parametrize("heading", ["Role and career", "Company snapshot",
                                     "Recent professional activity", "Personal rapport",
                                     "Conversation starters", "Communication cues",
                                     "Handle with care", "Sources and gaps"])
def test_html_and_markdown_have_the_sections(heading):
    assert f">{heading}</h2>" in render(rich_briefing(), "html")
    assert f"## {heading}" in render(rich_briefing(), "md")


def test_possible_identity_asks_for_confirmation():
    html = render(rich_briefing(), "html")
    assert "Please confirm" in html and "social.example/@ada" in html


def test_photo_only_as_data_uri():
    b = rich_briefing()
    assert "<img" not in render(b, "html")
    html = render(b.with_extras(photo="data:image/png;base64,iVBORw0KGgo="), "html")
    assert re.search(r'<img class="photo" src="data:image/png;base64,iVBORw0KGgo="', html)
    hotlink = render(b.with_extras(photo="https://cdn.example/p.jpg"), "html")
    assert "<img" not in hotlink


def test_markdown_of_rich_sheet_has_no_raw_html():
    md = render(rich_briefing(), "md")
    assert not re.search(r"<[a-zA-Z/]", md.replace("](<", "](").replace(">)", ")"))


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(fg: str, bg: str) -> float:
    high, low = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_colours_meet_wcag_aa_on_every_background():
    css = (templates_dir() / "partials" / "style.css.j2").read_text()
    text = set(re.findall(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", css))
    backgrounds = set(re.findall(r"background:\s*(#[0-9a-fA-F]{6})", css)) | {"#ffffff"}
    assert text and len(backgrounds) > 1
    for fg in text:
        for bg in backgrounds:
            assert contrast(fg, bg) >= 4.5, (fg, bg)


def test_meeting_and_changes_render_when_present():
    from datetime import UTC, datetime

    from prebrief.models import Change, Meeting

    since = datetime(2026, 6, 1, tzinfo=UTC)
    b = rich_briefing().with_extras(
        changes=[Change("employer", "New employer: Borealis Grid (was Acme)", since)],
        meeting=Meeting("Grid forecasting intro", datetime(2026, 11, 21, 14, tzinfo=UTC),
                        location="Utrecht office", attendees=("Ada Vermeer",)))
    for fmt in ("html", "md"):
        out = render(b, fmt)
        assert "Changed since 2026-06-01" in out and "Grid forecasting intro" in out, fmt
    plain = render(rich_briefing(), "html")
    assert "Changed since" not in plain and "Meeting:" not in plain
