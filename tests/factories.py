"""Small builders for domain objects in tests (fictional people only)."""

from __future__ import annotations

from datetime import UTC, datetime

from prebrief.models import (Briefing, Classification, Education, Evidence, Fact, Harvest,
                             Identity, Person, Role, Signal, SourceResult, Status)

WHEN = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def evidence(source: str = "website", url: str | None = "https://ada.example/",
             method: str = "test") -> Evidence:
    return Evidence(source, method, url=url, retrieved_at=WHEN)


def signal(text: str, sphere: str = "professional", category: str | None = None,
           kind: str = "bio", source: str = "website", url: str = "https://ada.example/") -> Signal:
    base = "personal" if sphere in ("personal", "sensitive") else "professional"
    return Signal.from_fact(Fact(kind, text, evidence(source, url)),
                            Classification(base, category, "topic", 0.8, "test reason"))


def briefing(*, name: str = "Ada Vermeer", headline: str = "CTO at Acme",
             signals: tuple[Signal, ...] = (), identities: tuple[Identity, ...] = (),
             sources: tuple[SourceResult, ...] | None = None) -> Briefing:
    ev = evidence()
    person = Person(name=name, headline=headline, location="Utrecht",
                    roles=(Role("CTO", "Acme", ev, start="2021-03", current=True),),
                    education=(Education("Hogeschool Amstelland", ev, degree="BSc"),),
                    provenance=(("name", ev), ("headline", ev)))
    if sources is None:
        sources = (SourceResult("website", Status.OK, Identity("website", url="https://ada.example/"),
                                harvest=Harvest(facts=(Fact("bio", "x", ev),))),
                   SourceResult("linkedin", Status.BLOCKED, Identity("linkedin", handle="ada"),
                                message="not served to automated clients",
                                hint="pass --linkedin-pdf"))
    return Briefing(person, identities or (Identity("website", url="https://ada.example/"),),
                    signals, sources, WHEN, "k")


def dated(text: str, when: datetime, sphere: str = "professional", *, kind: str = "post",
          category: str | None = None, topic: str | None = "topic", source: str = "x",
          url: str = "https://x.example/ada/1", lang: str | None = "en") -> Signal:
    """A dated post-like signal."""
    base = "personal" if sphere in ("personal", "sensitive") else "professional"
    fact = Fact(kind, text, evidence(source, url), published_at=when, lang=lang)
    return Signal.from_fact(fact, Classification(base, category, topic, 0.8, "test reason"))


def rich_briefing(**changes: object) -> Briefing:
    """A demo-like briefing for sheet tests: a recent move, posts, rapport, a sensitive post,
    company facts, two sources that disagree on the employer, and a possible identity."""
    from dataclasses import replace
    from datetime import timedelta

    ev, li = evidence(), evidence("linkedin_pdf", None)
    day = timedelta(days=1)
    roles = (Role("VP Engineering", "Borealis Grid B.V.", li, start="2026-08", current=True),
             Role("CTO", "Acme", li, start="2021-03", end="2026-07"),
             Role("Engineer", "Halvorsen Maritime", li, start="2015-01", end="2021-02"))
    person = Person(name="Ada Vermeer", headline="VP Engineering at Borealis Grid",
                    location="Utrecht, Netherlands", roles=roles,
                    education=(Education("Hogeschool Amstelland", li, degree="BSc"),),
                    provenance=(("name", li), ("headline", li), ("location", li)))
    signals = (
        dated("Why we rebuilt our grid forecasting on open data", WHEN - 3 * day, kind="article",
              topic="energy", source="website", url="https://ada.example/notes/grid"),
        dated("Hiring two platform engineers in Utrecht!", WHEN - 10 * day, topic="hiring"),
        dated("Spoke at GridConf about forecasting", WHEN - 30 * day, topic="energy"),
        dated("Old conference recap", WHEN - 500 * day, topic="events"),
        dated("Long run along the Vecht this morning, 21 km", WHEN - 2 * day, "personal",
              topic="running", url="https://x.example/ada/2"),
        dated("Back after treatment for depression", WHEN - 5 * day, "sensitive",
              category="health", url="https://x.example/ada/3"),
        signal("Borealis Grid builds forecasting software for grid operators", kind="company",
               source="facebook", url="https://facebook.example/borealis"),
        signal("Beekeeper and runner", "personal", kind="bio"),
    )
    website = SourceResult("website", Status.OK, Identity("website", url="https://ada.example/"),
                           fetched_at=WHEN, harvest=Harvest(roles=(
                               Role("CTO", "Acme", ev, current=True),)))
    pdf = SourceResult("linkedin_pdf", Status.OK,
                       Identity("linkedin_pdf", file="/home/u/Profile.pdf"),
                       fetched_at=WHEN, harvest=Harvest(roles=roles[:1]))
    blocked = SourceResult("linkedin", Status.BLOCKED, Identity("linkedin", handle="ada"),
                           message="not served to automated clients", hint="pass --linkedin-pdf")
    identities = (Identity("website", url="https://ada.example/"),
                  Identity("linkedin_pdf", file="/home/u/Profile.pdf"),
                  Identity("mastodon", url="https://social.example/@ada", confidence=0.55,
                           outcome="possible", found_via="search by name",
                           reasons=("same name", "same city")))
    b = Briefing(person, identities, signals, (website, pdf, blocked), WHEN, "k")
    return replace(b, **changes) if changes else b
