"""A profile URL the user wrote in their notes counts as given by them (fictional contact)."""

from __future__ import annotations

from dataclasses import replace

from discovery_builders import link, result
from test_crawl import QUERY, SITE, StandInGatherer, by_url, web_of

from prebrief.identity import discover
from prebrief.identity.graph import url_key
from prebrief.models import Evidence, Fact, Harvest, Identity, Link, SourceResult, Status
from prebrief.plan import route_for_url
from prebrief.sources.notes import NotesSource

GH = "https://github.com/tw-builds"  # names Tomasz Wren and nothing else: alone, never accepted
NOTES = Identity("notes", file="notes.txt", found_via="file supplied by the user (your notes)")


class Gatherer(StandInGatherer):
    """As a source does, a profile read keeps how the target was found."""

    async def run_all(self, targets):  # noqa: ANN001, ANN201
        results = await super().run_all(targets)
        return [replace(r, identity=replace(r.identity, found_via=t[1].found_via))
                for r, t in zip(results, targets, strict=True)]


def notes_result(*urls: str) -> SourceResult:
    ev = Evidence("notes", "user notes: line 1", file="notes.txt")
    harvest = Harvest(facts=(Fact("note", "Met at Automatica", ev),),
                      links=tuple(Link(u, "notes", ev) for u in urls), identity=NOTES)
    return SourceResult("notes", Status.OK, NOTES, harvest=harvest)


async def test_a_profile_url_in_the_notes_is_given_by_the_user():
    gatherer = Gatherer(web_of(result("github", GH, name="Tomasz Wren")))
    results, identities = await discover(gatherer, [notes_result(GH, "https://wren.example/")],
                                         [(NotesSource, NOTES)])
    github = by_url(identities)[url_key(GH)]
    assert (github.outcome, github.confidence) == ("accepted", 1.0)
    assert github.found_via == "given by the user (in file notes.txt)"
    assert GH in [r.identity.url for r in results]
    assert gatherer.fetched == [GH]  # a link to an unknown host is a note, not a website


async def test_a_profile_another_profile_links_to_is_given_when_the_notes_name_it_too():
    web = web_of(result("website", SITE, name="Tomasz Wren", links=(link(GH, "bio"),)),
                 result("github", GH, name="Tomasz Wren"))
    gatherer = Gatherer(web, query=QUERY)
    targets = [route_for_url(SITE), (NotesSource, NOTES)]
    found = [web[url_key(SITE)], notes_result(GH)]
    _, identities = await discover(gatherer, found, targets)
    github = by_url(identities)[url_key(GH)]
    assert github.outcome == "accepted"
    assert github.found_via == "given by the user (in file notes.txt)"


async def test_a_profile_in_the_notes_that_names_somebody_else_is_held_back():
    gatherer = Gatherer(web_of(result("github", GH, name="Halvard Lien")))
    _, identities = await discover(gatherer, [notes_result(GH)], [(NotesSource, NOTES)])
    assert by_url(identities)[url_key(GH)].outcome != "accepted"
