"""Rendering: escaping, hostile strings, link safety, the JSON contract."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from importlib import resources

import jsonschema
import pytest

from factories import briefing, rich_briefing, signal
from prebrief.models import (Classification, Evidence, Fact, Identity, Signal, SourceResult,
                             Status)
from prebrief.render import md_escape, render, safe_url
from prebrief.report import SCHEMA_VERSION
from prebrief.sheet import merged_methods

HOSTILE = '<script>alert(1)</script><img src=x onerror="fetch(\'//evil.example\')">'


def schema() -> dict:
    text = resources.files("prebrief.schema").joinpath("briefing.schema.json").read_text()
    return json.loads(text)


@pytest.mark.parametrize("url,ok", [
    ("https://a.example/x", True), ("http://a.example", True), ("javascript:alert(1)", False),
    ("JaVaScRiPt:alert(1)", False), ("data:text/html,hi", False), ("//evil.example", False),
    ("https://a.example/\" onmouseover=\"x", False), ("", False), (None, False),
])
def test_safe_url_only_http(url, ok):
    assert bool(safe_url(url)) is ok


def test_html_escapes_hostile_text_and_drops_bad_links():
    b = briefing(name=HOSTILE, headline=HOSTILE,
                 signals=(signal(HOSTILE, url="javascript:alert(1)"),),
                 identities=(Identity("website", url="javascript:alert(1)"),))
    html = render(b, "html")
    assert "<script>alert" not in html and "onerror=\"fetch" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript:' not in html and "href=\"\"" not in html


def test_html_is_self_contained():
    html = render(briefing(signals=(signal("Leads the platform team"),)), "html")
    assert "<script" not in html.lower()
    assert not re.search(r"<link[^>]+stylesheet", html)
    assert not re.search(r"(src|href)=\"https?://[^\"]+\.(css|js)", html)
    assert not re.search(r"<img[^>]+src=\"http", html)
    assert "Content-Security-Policy" in html


def test_sensitive_content_never_rendered():
    secret = "Back after treatment for depression"
    b = briefing(signals=(signal(secret, "sensitive", "health"), signal("Runs marathons", "personal")))
    for fmt in ("html", "md", "json"):
        out = render(b, fmt)
        assert secret not in out, fmt
        assert "health" in out, fmt
        assert "Runs marathons" in out


def test_markdown_has_no_raw_html():
    from markdown_it import MarkdownIt

    md = render(briefing(name=HOSTILE, signals=(signal(HOSTILE),)), "md")
    # As a CRM's CommonMark renderer reads it (raw HTML allowed): the tags come out as text.
    html = MarkdownIt("commonmark").render(md)
    assert "<script" not in html and "<img" not in html and "&lt;script" in html
    assert md_escape("*bold* [x](y) <b>") == "\\*bold\\* \\[x\\](y) \\<b>"
    assert md_escape("<https://evil.example> <!-- x --> </p>") == (
        "\\<https://evil.example> \\<!-- x --> \\</p>")
    # A "<" or ">" that opens nothing is left as written (it was turned into '‹' and '›').
    assert md_escape("Budget < 50k -> approved; More -> Save to PDF") == (
        "Budget < 50k -> approved; More -> Save to PDF")
    assert md_escape("supplier-risk (Python, ★42)") == "supplier-risk (Python, ★42)"


def test_json_matches_schema_and_contract():
    b = briefing(signals=(signal("Leads the platform team"),
                          signal("Secret", "sensitive", "religion")))
    data = json.loads(render(b, "json"))
    jsonschema.validate(data, schema())
    assert data["schema_version"] == SCHEMA_VERSION
    assert {"schema_version", "person", "identities", "signals", "sources"} <= set(data)
    assert set(data["person"]) >= {"name", "headline", "location", "roles", "education"}
    assert set(data["person"]["roles"][0]) >= {"title", "organization", "start", "end", "current"}
    assert set(data["person"]["education"][0]) >= {"school", "degree", "start", "end"}
    sig = data["signals"][0]
    assert set(sig) >= {"kind", "text", "sphere", "sensitive_category", "topic", "source", "url",
                        "retrieved_at", "published_at", "reason"}
    assert set(data["sources"][0]) >= {"source", "status", "message", "hint"}
    withheld = data["signals"][1]
    assert withheld["text"] is None and withheld["sensitive_category"] == "religion"


def test_schema_rejects_leaked_sensitive_text():
    data = json.loads(render(briefing(signals=(signal("Secret", "sensitive", "religion"),)), "json"))
    data["signals"][0]["text"] = "Secret"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema())


def test_every_line_cites_provenance():
    html = render(rich_briefing(), "html")
    for section in ("h-career", "h-company", "h-activity", "h-rapport", "h-starters"):
        body = html.split(f'id="{section}"')[1].split("</section>")[0]
        items = re.findall(r"<li.*?</li>", body, re.S)
        assert items, section
        assert all(re.search(r'href="#ref-\d+"', li) for li in items), section
    assert 'id="ref-1"' in html


def test_blocked_source_shows_hint():
    for fmt in ("html", "md"):
        out = render(briefing(), fmt)
        assert "not served to automated clients" in out and "--linkedin-pdf" in out.replace("\\", "")


def test_a_source_message_ends_as_a_sentence_before_its_hint():
    md = render(briefing(), "md")
    # The factory's message has no full stop; the hint must not run on from it.
    assert "- linkedin: blocked. not served to automated clients. Hint: pass" in md
    done = briefing(sources=(SourceResult("linkedin", Status.BLOCKED, Identity("linkedin"),
                                          message="Already a sentence.", hint="h"),))
    assert "Already a sentence.. " not in render(done, "md")


def test_json_never_quotes_a_sensitive_signals_words_in_its_reason():
    from dataclasses import replace

    leaky = replace(signal("Back at work after my burnout", "sensitive", "health"),
                    reason="sensitive (health): mentions 'burnout'; professional: mentions 'at work'")
    data = json.loads(render(briefing(signals=(leaky,)), "json"))
    assert "burnout" not in json.dumps(data)
    assert data["signals"][0]["reason"] == "sensitive (health): the wording is withheld"
    jsonschema.validate(data, schema())
    data["signals"][0]["reason"] = leaky.reason  # what 2.0 wrote: the schema now rejects it
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema())


def test_a_briefing_no_source_named_is_headed_by_the_name_asked_for():
    from dataclasses import replace

    asked = replace(briefing(name=None), asked_name="Mara Vellinga")
    assert asked.person.name is None
    assert "# Briefing: Mara Vellinga (name as you gave it)" in render(asked, "md")
    html = render(asked, "html")
    assert "<title>Briefing: Mara Vellinga</title>" in html and "(name as you gave it)" in html
    found = replace(briefing(name="Mara Vellinga-de Wit"), asked_name="Mara Vellinga")
    assert "# Briefing: Mara Vellinga-de Wit\n" in render(found, "md")  # a source's name wins
    assert "Unknown contact" in render(briefing(name=None), "md")


def test_assemble_keeps_the_name_asked_for_apart_from_the_person_found():
    from prebrief.briefing import assemble
    from prebrief.models import ContactQuery

    made = assemble(ContactQuery(name=" Mara Vellinga "), [], [])
    assert made.asked_name == "Mara Vellinga" and made.person.name is None
    assert assemble(ContactQuery(name="  "), [], []).asked_name is None


def test_their_summary_is_in_the_markdown_and_json_but_not_the_printed_page():
    about = signal("I lead procurement for a contract-logistics group.", kind="summary")
    made = briefing(signals=(about,))
    assert "In their words: \u201cI lead procurement for a contract-logistics group.\u201d [" in (
        render(made, "md"))
    assert "contract-logistics group" not in render(made, "html")  # no room on the one page
    data = json.loads(render(made, "json"))
    assert data["sections"]["career"]["summary"]["text"].startswith("I lead procurement")
    jsonschema.validate(data, schema())


def test_a_citation_names_how_each_fact_it_covers_was_read():
    # Two notes lines and two PDF sections share their file's number; the list must not give
    # the first fact's method ("line 1") for all of them.
    def note(text: str, line: int, sphere: str) -> Signal:
        ev = Evidence("notes", f"user notes: line {line}", file="/home/u/notes.txt")
        return Signal.from_fact(Fact("note", text, ev),
                                Classification(sphere, None, None, 0.8, "test reason"))

    signals = (note("Prefers short agendas", 10, "professional"),
               note("Coaches the under-12 hockey team", 2, "personal"),
               note("Met at Logimat 2026", 10, "professional"))
    for fmt in ("md", "html"):
        out = render(replace(briefing(), signals=signals), fmt)
        assert "user notes: line 2, line 10" in out
    assert merged_methods(["LinkedIn PDF: name", "LinkedIn PDF: Experience",
                           "saved page"]) == "LinkedIn PDF: Experience, name; saved page"
    # Two hundred notes cited 'line 1, line 2, ..., line 200': runs read as ranges.
    lines = [f"user notes: line {n}" for n in (*range(1, 201), 204, 206, 207)]
    assert merged_methods(lines) == "user notes: lines 1-200, line 204, line 206, line 207"


def test_a_blocked_source_read_from_a_file_instead_says_so_in_place_of_its_hint():
    pdf = SourceResult("linkedin_pdf", Status.OK, Identity("linkedin_pdf", file="/u/Profile.pdf"))
    covered = replace(briefing(), sources=(*briefing().sources, pdf))
    for fmt in ("md", "html"):
        out = render(covered, fmt).replace("\\", "")
        assert "Read instead from linkedin_pdf (file Profile.pdf)." in out
        assert "pass --linkedin-pdf" not in out
    data = json.loads(render(covered, "json"))
    jsonschema.validate(data, schema())
