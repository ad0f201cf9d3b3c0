"""A role or headline that reads as sensitive is withheld from the person, as its signal is:
not in the career section, the JSON's person, common ground or the employer check (fictional
contacts: Hendrik Achterberg, a port COO who is also a deacon and was a councillor)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from factories import evidence
from prebrief.briefing import assemble
from prebrief.models import (ContactQuery, Fact, Harvest, Identity, MeProfile, Role,
                             SourceResult, Status)
from prebrief.render import render
from prebrief.sheet import build_sections
from prebrief.sheet.text import period

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
WORK = Role("Chief Operating Officer", "Zeewolde Terminals", evidence("linkedin_pdf", None),
            start="2019-03", current=True)
CHURCH = Role("Deacon", "Protestantse Gemeente Zeewolde", evidence("linkedin_pdf", None),
              start="2008-06", current=True)
COUNCIL = Role("Municipal Councillor (CDA)", "Gemeente Zeewolde", evidence("linkedin_pdf", None),
               start="2010-01", end="2014-12")
BOARD = Role("Board Member", "Havenvereniging Zeewolde", evidence("linkedin_pdf", None),
             start="2021-04", current=True)


def _pdf(roles: tuple[Role, ...], *, headline: str = "Chief Operating Officer at Zeewolde "
         "Terminals", role_facts: bool = True) -> SourceResult:
    ev = evidence("linkedin_pdf", None)
    facts = [Fact("name", "Hendrik Achterberg", ev), Fact("headline", headline, ev)]
    if role_facts:  # a LinkedIn PDF writes each role as a fact too; a saved page does not
        facts += [Fact("role", r.text, ev, topic_hint="career") for r in roles]
    return SourceResult("linkedin_pdf", Status.OK, Identity("linkedin_pdf", file="/u/p.pdf"),
                        harvest=Harvest(facts=tuple(facts), roles=roles))


def _brief(*results: SourceResult):
    return assemble(ContactQuery(name="Hendrik Achterberg"), list(results),
                    [r.identity for r in results], now=NOW)


def test_a_sensitive_role_is_withheld_everywhere_but_the_category():
    briefing = _brief(_pdf((WORK, CHURCH, COUNCIL)))
    assert [r.title for r in briefing.person.roles] == ["Chief Operating Officer"]
    sections = build_sections(briefing)
    assert sections["care"]["contradictions"] == []  # the church is no second employer
    assert {c["category"] for c in sections["care"]["sensitive"]} == {"religion", "politics"}
    for fmt in ("md", "html", "json"):
        sheet = render(briefing, fmt)
        assert "Deacon" not in sheet and "Councillor" not in sheet and "CDA" not in sheet, fmt
    person = json.loads(render(briefing, "json"))["person"]
    assert [r["organization"] for r in person["roles"]] == ["Zeewolde Terminals"]


def test_a_role_no_source_wrote_as_a_fact_is_classified_for_itself():
    briefing = _brief(_pdf((WORK, CHURCH), role_facts=False))
    assert [r.title for r in briefing.person.roles] == ["Chief Operating Officer"]


def test_the_sensitive_part_of_a_headline_is_withheld_and_the_rest_kept():
    briefing = _brief(_pdf((WORK,), headline="COO at Zeewolde Terminals | Deacon at "
                           "Protestantse Gemeente Zeewolde"))
    assert briefing.person.headline == "COO at Zeewolde Terminals"
    whole = _brief(_pdf((WORK,), headline="Deacon at Protestantse Gemeente Zeewolde"))
    assert whole.person.headline is None
    assert "headline" not in dict(whole.person.provenance)
    plain = _brief(_pdf((WORK,)))
    assert plain.person.headline == "Chief Operating Officer at Zeewolde Terminals"


def test_a_withheld_role_is_no_common_ground():
    briefing = _brief(_pdf((WORK, CHURCH)))
    me = MeProfile(name="Ilse Várga", company="Protestantse Gemeente Zeewolde")
    sheet = render(briefing.with_extras(me=me), "md")
    assert "Protestantse" not in sheet


def test_a_second_current_position_is_also_held_not_before_and_no_contradiction():
    briefing = _brief(_pdf((WORK, BOARD)))
    career = build_sections(briefing)["career"]
    assert career["current"]["organization"] == "Zeewolde Terminals"
    assert [(r["text"], r["when"]) for r in career["also"]] == [
        ("Board Member at Havenvereniging Zeewolde", "since 2021-04")]
    assert career["past"] == []
    assert build_sections(briefing)["care"]["contradictions"] == []
    assert "- Also: Board Member at Havenvereniging Zeewolde, since 2021-04 [" in render(
        briefing, "md")


def test_two_sources_naming_different_current_employers_still_disagree():
    other = SourceResult("github", Status.OK, Identity("github", handle="hachterberg"),
                         harvest=Harvest(facts=(Fact("name", "Hendrik Achterberg",
                                                     evidence("github")),),
                                         roles=(Role(None, "Maasvlakte Stevedoring",
                                                     evidence("github"), current=True),)))
    care = build_sections(_brief(_pdf((WORK, BOARD)), other))["care"]
    assert care["contradictions"][0]["text"] == (
        "Sources name different current employers: Havenvereniging Zeewolde, Maasvlakte "
        "Stevedoring, Zeewolde Terminals")
    agreeing = SourceResult("github", Status.OK, Identity("github", handle="hachterberg"),
                            harvest=Harvest(roles=(Role(None, "Zeewolde Terminals",
                                                        evidence("github"), current=True),)))
    assert build_sections(_brief(_pdf((WORK, BOARD)), agreeing))["care"]["contradictions"] == []


def test_periods_read_as_a_person_would_write_them():
    assert period("2015-01", "2019-02") == "2015-01–2019-02"
    assert period("1991-02", "1991-02") == "1991-02"
    assert period("2008-06", None, current=True) == "since 2008-06"
    assert period("2008-06", None) == "2008-06–"
    assert period(None, "2014") == "–2014"
    assert period(None, None) == ""
