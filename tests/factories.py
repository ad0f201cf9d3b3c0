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
