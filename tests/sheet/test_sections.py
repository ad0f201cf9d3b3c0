"""The sheet's sections as pure functions over a Briefing (no rendering)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from factories import WHEN, briefing, dated, evidence, rich_briefing, signal
from prebrief.models import (Change, Education, Identity, MeProfile, Meeting, Role, SourceResult,
                             Status)
from prebrief.sheet import build_sections
from prebrief.sheet.clock import local_time, zone_for
from prebrief.sheet.text import same


def test_local_time_from_location_at_generated_at():
    ident = build_sections(rich_briefing())["identity"]
    assert ident["local_time"] == {"zone": "Europe/Amsterdam", "time": "10:00",
                                   "weekday": "Fri", "utc_offset": "UTC+01:00"}


def test_zone_prefers_profile_timezone_and_handles_unknown_places():
    assert zone_for("Atlantis", None) is None
    assert zone_for("Utrecht", "America/Chicago").key == "America/Chicago"
    assert zone_for("Somewhere, Japan").key == "Asia/Tokyo"
    summer = local_time(zone_for("London"), datetime(2026, 7, 1, 12, tzinfo=UTC))
    assert summer["utc_offset"] == "UTC+01:00" and summer["time"] == "13:00"


def test_identity_match_and_possible_profiles():
    ident = build_sections(rich_briefing())["identity"]
    assert ident["match"]["level"] == "high"
    assert [p["label"] for p in ident["possible"]] == ["https://social.example/@ada"]
    assert ident["possible"][0]["reasons"] == ["same name", "same city"]


def test_career_tenure_and_recent_change():
    career = build_sections(rich_briefing())["career"]
    assert career["current"]["organization"] == "Borealis Grid B.V."
    assert career["current"]["tenure"] == "3 mos"
    assert "Borealis Grid" in career["recent_change"]["text"]
    assert [p["text"] for p in career["past"]] == ["CTO at Acme", "Engineer at Halvorsen Maritime"]


def test_old_role_is_no_recent_change():
    b = briefing()  # CTO since 2021-03
    career = build_sections(b)["career"]
    assert career["recent_change"] is None and career["current"]["tenure"] == "5 yrs 8 mos"


def test_activity_newest_first_and_topics_counted():
    act = build_sections(rich_briefing())["activity"]
    dates = [i["date"] for i in act["latest"]]
    assert dates == sorted(dates, reverse=True)
    assert act["topics"][0] == {"topic": "energy", "count": 2}


def test_activity_caps_at_five():
    posts = tuple(dated(f"Post {i}", WHEN.replace(day=i + 1)) for i in range(9))
    assert len(build_sections(briefing(signals=posts))["activity"]["latest"]) == 5


def test_sensitive_never_in_rapport_starters_or_activity_but_named_in_care():
    sections = build_sections(rich_briefing())
    flat = str({k: sections[k] for k in ("rapport", "starters", "activity", "company")})
    assert "depression" not in flat
    assert sections["care"]["sensitive"] == [{"category": "health", "label": "health", "count": 1}]


def test_care_flags_stale_contradiction_and_identity_doubt():
    care = build_sections(rich_briefing())["care"]
    assert care["stale"]["count"] == 1
    assert "Acme" in care["contradictions"][0]["text"]
    assert "Borealis" in care["contradictions"][0]["text"]
    assert "possible" in care["identity_doubts"][0]["text"]


def test_no_contradiction_for_the_same_employer_spelled_differently():
    b = rich_briefing()
    sources = tuple(replace(r, harvest=replace(r.harvest, roles=(
        Role("VP", "Borealis Grid", evidence(), current=True),))) if r.source == "website"
        else r for r in b.sources)
    assert build_sections(replace(b, sources=sources))["care"]["contradictions"] == []


def test_common_ground_is_conservative():
    ev = evidence("me", None)
    me = MeProfile(name="Jo", company="Vennhof", city="Utrecht",
                   roles=(Role("Buyer", "Halvorsen Maritime B.V.", ev),),
                   education=(Education("Hogeschool Amstelland", ev),),
                   interests=("running", "sailing"), skills=("forecasting", "Go"))
    common = build_sections(rich_briefing().with_extras(me=me))["common_ground"]
    found = {(c["what"], c["value"]) for c in common}
    assert found == {("employer", "Halvorsen Maritime"), ("school", "Hogeschool Amstelland"),
                     ("city", "Utrecht"), ("skill", "forecasting")}
    assert all(c["evidence"] is not None for c in common if c["what"] != "city")


def test_name_matching_is_not_loose():
    assert same("Acme B.V.", "acme", org=True)
    assert not same("Acme", "Acne")
    assert same("Hogeschool Amstelland", "Hogeschool  Amstellnd") is True
    assert not same("Utrecht", "Utrecht University")


def test_starters_cite_and_stay_within_limits():
    starters = build_sections(rich_briefing())["starters"]
    assert 2 <= len(starters) <= 4
    assert all(s["evidence"] is not None for s in starters)
    assert any("Borealis Grid" in s["text"] for s in starters)


def test_cues_rest_on_counts_and_give_no_personality():
    cues = build_sections(rich_briefing())["cues"]
    assert {c["cue"] for c in cues} >= {"frequency", "length", "formality", "active_hours"}
    assert all(c["n"] >= 1 for c in cues)
    hours = next(c for c in cues if c["cue"] == "active_hours")
    assert "Europe/Amsterdam" in hours["text"]
    assert build_sections(briefing(signals=(signal("bio only"),)))["cues"] == []


def test_empty_briefing_sections_are_empty_not_invented():
    sections = build_sections(briefing(headline=None))
    assert sections["company"] == [] and sections["starters"] == []
    assert sections["activity"]["latest"] == [] and sections["common_ground"] == []


def test_changes_and_meeting_extras():
    since = datetime(2026, 6, 1, tzinfo=UTC)
    b = rich_briefing().with_extras(
        changes=[Change("employer", "New employer: Borealis Grid (was Acme)", since)],
        meeting=Meeting("Grid forecasting intro", WHEN, attendees=("Ada Vermeer",)))
    sections = build_sections(b)
    assert sections["changes"]["since"] == "2026-06-01"
    assert sections["meeting"]["title"] == "Grid forecasting intro"
    assert build_sections(rich_briefing())["changes"] is None


def test_items_older_than_a_year_carry_their_age():
    latest = build_sections(rich_briefing())["activity"]["latest"]
    old = [i for i in latest if i["age"]]
    assert [i["text"] for i in old] == ["Old conference recap"]
    assert old[0]["age"] == "1 yr 4 mos old"


def test_credentials_listed_awards_first_once_each_and_never_sensitive():
    signals = (signal("CIPS Level 6 Professional Diploma", kind="certification"),
               signal("Supplier of the Year 2026 (Benelux Freight Awards)", kind="award"),
               signal("Supplier of the year 2026 (Benelux Freight Awards)", kind="award",
                      source="linkedin"),  # the same award from a second source
               signal("Reefer logistics in practice", kind="publication"),
               signal("Chaplaincy certificate", "sensitive", "religion", kind="certification"),
               signal("Beekeeper", "personal", kind="bio"))
    career = build_sections(briefing(signals=signals))["career"]
    assert [(c["label"], c["text"]) for c in career["credentials"]] == [
        ("Award", "Supplier of the Year 2026 (Benelux Freight Awards)"),
        ("Certification", "CIPS Level 6 Professional Diploma"),
        ("Publication", "Reefer logistics in practice")]
    assert all(c["evidence"] is not None for c in career["credentials"])


def test_the_users_professional_notes_join_the_career_and_personal_ones_rapport():
    signals = (signal("Decides on the 2027 carrier tender", kind="note", source="notes"),
               signal("Has two kids at the Utrecht international school", "personal",
                      kind="note", source="notes"),
               signal("Back after treatment", "sensitive", "health", kind="note",
                      source="notes"))
    sections = build_sections(briefing(signals=signals))
    assert [n["text"] for n in sections["career"]["notes"]] == [
        "Decides on the 2027 carrier tender"]
    assert [r["text"] for r in sections["rapport"]] == [
        "Has two kids at the Utrecht international school"]


def test_a_recent_award_opens_a_conversation_and_an_old_one_does_not():
    def openers(award: str) -> list[str]:
        signals = (signal(award, kind="award"),)
        return [s["text"] for s in build_sections(briefing(signals=signals))["starters"]]

    assert openers("Supplier of the Year 2025 (Benelux Freight Awards)") == [
        "Congratulations on \u201cSupplier of the Year 2025 (Benelux Freight Awards)\u201d. "
        "What was the work behind it?"]  # WHEN is in 2026
    assert openers("Employee of the Month, March 2009") == []
    assert openers("Innovator Award") != []  # no year: may be recent


def test_languages_and_skills_one_line_per_source_that_lists_them():
    signals = (signal("Dutch (Native or Bilingual)", kind="language", source="linkedin_pdf"),
               signal("English (Full Professional)", kind="language", source="linkedin_pdf"),
               signal("German", kind="language", source="website",
                      url="https://ada.example/about"),
               *(signal(f"Skill {i}", kind="skill", source="linkedin_pdf") for i in range(8)))
    career = build_sections(briefing(signals=signals))["career"]
    assert [(line["text"], line["evidence"].source) for line in career["languages"]] == [
        ("Dutch (Native or Bilingual), English (Full Professional)", "linkedin_pdf"),
        ("German", "website")]
    assert career["skills"][0]["text"] == ", ".join(f"Skill {i}" for i in range(6))


def test_the_identity_line_counts_profiles_in_the_right_number():
    assert build_sections(briefing())["identity"]["match"]["reasons"][0] == (
        "1 of 1 profile given by you")


def test_their_own_summary_is_quoted_short_and_never_when_sensitive():
    about = ("I lead procurement for a contract-logistics group: carriers, warehousing and the "
             "software that ties them together. " * 5)
    career = build_sections(briefing(signals=(signal(about, kind="summary"),)))["career"]
    assert career["summary"]["text"].startswith("I lead procurement for a contract-logistics")
    assert len(career["summary"]["text"]) <= 301 and career["summary"]["evidence"] is not None
    hidden = signal("Back after treatment for burnout", "sensitive", "health", kind="summary")
    assert build_sections(briefing(signals=(hidden,)))["career"]["summary"] is None


def test_a_failed_source_whose_profile_another_result_read_needs_no_hint():
    blocked = SourceResult("linkedin", Status.BLOCKED, Identity("linkedin", handle="ada"),
                           message="robots.txt forbids it", hint="pass --linkedin-pdf")
    pdf = SourceResult("linkedin_pdf", Status.OK,
                       Identity("linkedin_pdf", url="https://www.linkedin.com/in/ada",
                                file="/home/u/Downloads/Profile.pdf"))
    no_token = SourceResult("x", Status.SKIPPED, Identity("x", handle="ada"),
                            message="no X_BEARER_TOKEN set", hint="set X_BEARER_TOKEN")
    saved = SourceResult("x", Status.OK, Identity("x", handle="ada", file="C:\\u\\x.html"))
    rows = {(r["source"], r["status"]): r for r in build_sections(
        replace(briefing(), sources=(blocked, pdf, no_token, saved)))["sources"]}
    assert rows["linkedin", "blocked"]["covered_by"] == "linkedin_pdf (file Profile.pdf)"
    assert rows["linkedin", "blocked"]["hint"] is None
    assert rows["x", "skipped"]["covered_by"] == "x (file x.html)"
    assert rows["linkedin_pdf", "ok"]["covered_by"] is None
    # Alone, a blocked source keeps its hint: nothing else read that profile.
    alone = build_sections(replace(briefing(), sources=(blocked, saved)))["sources"][0]
    assert alone["hint"] == "pass --linkedin-pdf" and alone["covered_by"] is None


def test_a_profile_counts_toward_the_match_only_once_it_was_read():
    """Every source given but none read (blocked, suspended, not cached offline) made the
    sheet say 'Identity match: high (1.00), 7 of 7 profiles given by you' and list them."""
    site = Identity("website", url="https://ada.example/", outcome="accepted",
                    found_via="given by the user")
    blocked = Identity("linkedin", handle="ada", outcome="accepted", found_via="given by the user")
    ident = build_sections(briefing(identities=(site, blocked)))["identity"]
    assert [p["platform"] for p in ident["profiles"]] == ["website"]  # linkedin was blocked
    assert ident["match"]["reasons"][0] == "1 of 1 profile given by you"
    nothing = tuple(replace(r, status=Status.SKIPPED) for r in briefing().sources)
    ident = build_sections(briefing(identities=(site, blocked), sources=nothing))["identity"]
    assert ident["profiles"] == [] and ident["match"] == {
        "level": "none", "confidence": 0.0,
        "reasons": ["none of the 2 profiles given could be read: see Sources and gaps"]}
    alone = build_sections(briefing(identities=(blocked,), sources=nothing))["identity"]
    assert alone["match"]["reasons"] == [
        "none of the profile given could be read: see Sources and gaps"]  # not "the 1 profile"
    from prebrief.render import render

    from prebrief.models import Person

    empty = replace(briefing(identities=(site, blocked), sources=nothing), person=Person())
    assert "## Provenance" not in render(empty, "md")  # no heading over nothing
    html = render(empty, "html")
    import re

    assert "Provenance" not in html and re.search(r'<p class="meta">\s*generated', html)


def test_starters_quote_only_what_the_contact_wrote():
    """A GitHub activity summary was offered as 'I read your post from 2026-11-01 (“2 public
    events in the last 30 days: 1 pushes, …”)', and a repository's description as 'You
    mentioned “marathon-splits: …”'."""
    day = WHEN.replace(day=1)
    summary = dated("2 public events in the last 30 days: 1 push, 1 pull request", day,
                    kind="activity", source="github")
    repo = dated("manifest-diff: Diff two shipping manifests (Python, ★120)", day,
                 kind="repository", source="github")
    hobby = dated("marathon-splits: Plan even splits for a marathon", day, "personal",
                  kind="repository", source="github")
    texts = [s["text"] for s in build_sections(briefing(signals=(summary, repo, hobby)))[
        "starters"]]
    assert not any("I read your post" in t or "You mentioned" in t for t in texts), texts
    assert texts == ["I came across your repository “manifest-diff: Diff two shipping manifests "
                     "(Python, ★120)”. What led you to build it?"]
    post = dated("Tender season: know the other side's constraints", day)
    texts = [s["text"] for s in build_sections(briefing(signals=(summary, repo, post)))[
        "starters"]]
    assert texts[0].startswith("I read your post from 2026-11-01 (“Tender season")
    assert not any("repository" in t for t in texts)


def test_github_activity_counts_read_in_the_singular_where_one():
    from prebrief.sources.github import GitHubSource

    events = [{"type": "PushEvent", "repo": {"name": "a/b"}, "created_at": "2026-11-01T10:00:00Z"},
              {"type": "ReleaseEvent", "repo": {"name": "a/b"},
               "created_at": "2026-11-01T11:00:00Z"},
              {"type": "ReleaseEvent", "repo": {"name": "a/b"},
               "created_at": "2026-11-01T12:00:00Z"}]
    fact = GitHubSource()._activity(events, "ada", WHEN)[0]
    assert fact.text.startswith("3 public events in the last 30 days: 2 releases, 1 push;")


def test_the_users_notes_are_never_dropped_for_room():
    """Eight professional notes printed five, with no word of the rest, and a personal note
    ('Prefers agendas sent two days ahead') vanished behind four posts in rapport."""
    from prebrief.render import render

    pro = tuple(signal(f"Note {i}: renewal detail", kind="note", source="notes")
                for i in range(8))
    personal = signal("Prefers agendas sent two days ahead", "personal", kind="note",
                      source="notes")
    posts = tuple(dated(f"Long run {i} along the Vecht", WHEN.replace(day=i + 1), "personal")
                  for i in range(6))
    b = briefing(signals=(*pro, personal, *posts))
    sections = build_sections(b)
    assert len(sections["career"]["notes"]) == 8
    assert sections["rapport"][0]["text"] == "Prefers agendas sent two days ahead"
    assert len(sections["rapport"]) == 4  # the note, then the three newest posts
    md, html = render(b, "md"), render(b, "html")
    assert all(f"Your note: Note {i}" in md for i in range(8))
    assert "Note 4" in html and "Note 5" not in html
    assert "and 3 more of your notes, in the Markdown and JSON" in html


def test_a_place_the_user_gave_shows_where_no_source_states_one():
    from prebrief.models import Person
    from prebrief.render import render

    b = replace(briefing(), person=Person(), asked_name="Femke Doornbos",
                asked_location="Leiden, Netherlands")
    ident = build_sections(b)["identity"]
    assert ident["asked_name"] == "Femke Doornbos" and ident["location"] is None
    assert ident["local_time"]["zone"] == "Europe/Amsterdam"
    assert "Location: Leiden, Netherlands (as you gave it) (local time" in render(b, "md")
    assert "Leiden, Netherlands <span class=\"small\">(as you gave it)</span>" in render(b, "html")
    # A place a source states comes first, cited; the one given is not shown beside it.
    stated = replace(briefing(), asked_location="Leiden")
    assert "Leiden" not in render(stated, "md")


def test_a_company_the_sources_do_not_name_as_current_is_flagged_as_a_possible_move():
    """'--company Brekke Freight' for a contact the sources place at Norrbrook gave no word:
    a CRM's record, out of date, is the usual reason."""
    moved = replace(briefing(), asked_company="Brekke Freight")  # the sources: CTO at Acme
    care = build_sections(moved)["care"]["contradictions"]
    assert care == [{"text": "You gave Brekke Freight as their company; the sources name Acme "
                             "as where they work now: moved?", "evidence": evidence()}]
    for same_place in ("Acme", "ACME B.V.", "acme"):
        assert build_sections(replace(briefing(), asked_company=same_place))["care"][
            "contradictions"] == [], same_place


def test_the_heading_says_what_the_name_rests_on():
    """A calendar guest whose name was guessed from the address was headed 'Pia Rietdijk (name
    as you gave it)'."""
    from prebrief.models import Meeting, Person
    from prebrief.render import render

    unnamed = replace(briefing(), person=Person(), asked_name="Pia Rietdijk")
    assert build_sections(unnamed)["identity"]["heading"] == {
        "name": "Pia Rietdijk", "note": "name as you gave it"}
    guessed = unnamed.with_extras(meeting=Meeting(
        "Pricing talk", WHEN, guest="Pia Rietdijk (name guessed from e-mail)"))
    assert render(guessed, "md").startswith(
        "# Briefing: Pia Rietdijk (name guessed from e-mail)\n")
    assert "<h1>Pia Rietdijk <span class=\"small\">(name guessed from e-mail)</span></h1>" in \
        render(guessed, "html")
    assert build_sections(briefing())["identity"]["heading"] == {"name": "Ada Vermeer",
                                                                "note": None}
    nobody = replace(briefing(), person=Person())
    assert render(nobody, "md").startswith("# Briefing: Unknown contact\n")


def test_returns_to_counts_what_they_posted_or_did_not_their_profile():
    """A LinkedIn PDF alone (skills, roles, no posts) printed 'Returns to: industry (5), role
    and expertise (1)' under an empty activity heading, uncited, in the HTML only."""
    profile = tuple(signal(t, kind=k) for t, k in (("Supplier Negotiation", "skill"),
                                                   ("VP Procurement at Norrbrook", "role")))
    assert build_sections(briefing(signals=profile))["activity"] == {"latest": [], "topics": []}
    post = dated("Tender season starts", WHEN, topic="industry")
    assert build_sections(briefing(signals=(*profile, post)))["activity"]["topics"] == [
        {"topic": "industry", "count": 1}]


def test_a_stale_item_is_named_and_cited():
    """'1 dated item older than a year (oldest 1 yr 5 mos old): check they still hold' named
    no item and cited nothing; the item was shown nowhere on the sheet."""
    old = dated("incoterms-cheatsheet: Incoterms 2020 explained for buyers", WHEN.replace(
        year=2025, month=6), kind="repository", source="github")
    stale = build_sections(briefing(signals=(old,)))["care"]["stale"]
    assert stale["text"] == ("“incoterms-cheatsheet: Incoterms 2020 explained…” is 1 yr 5 mos "
                             "old: check it still holds")
    assert stale["evidence"] == old.evidence
    older = dated("Sea trials", WHEN.replace(year=2024, month=2))
    two = build_sections(briefing(signals=(old, older)))["care"]["stale"]["text"]
    assert two == ("2 dated items are older than a year, the oldest “Sea trials” (2 yrs 9 mos):"
                   " check they still hold")


def test_two_accounts_on_one_platform_are_flagged_and_compared_as_two_sources():
    """A namesake's GitHub given by the user (Kestrel Freight) beside the contact's own, found
    through her site (Acme), was merged without a word: both were 'github', so their employers
    were never compared (outside tester)."""
    from prebrief.models import Harvest, Role, SourceResult
    from prebrief.render import render

    def github(handle: str, org: str) -> SourceResult:
        ev = evidence("github", f"https://github.com/{handle}")
        return SourceResult("github", Status.OK, Identity("github", handle=handle),
                            harvest=Harvest(roles=(Role(None, org, ev, current=True),)))

    person = replace(briefing().person, roles=(
        Role("CTO", "Acme", evidence(), current=True),
        Role(None, "Kestrel Freight", evidence("github"), current=True)))
    b = replace(briefing(sources=(github("ada", "Acme"), github("ada-v", "Kestrel Freight"))),
                person=person)
    texts = [c["text"] for c in build_sections(b)["care"]["contradictions"]]
    assert "Sources name different current employers: Acme, Kestrel Freight" in texts
    assert "Two github accounts were read as theirs (ada, ada-v): one may be somebody " \
           "else's" in texts
    assert "one may be somebody else's\n" in render(b, "md")  # no citation to print
