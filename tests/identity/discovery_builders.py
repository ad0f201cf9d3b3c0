"""Hand-built profiles for discovery tests (fictional people only)."""

from __future__ import annotations

from prebrief.identity.graph import Candidate, Edge
from prebrief.models import Evidence, Fact, Harvest, Identity, Link, Role, SourceResult, Status
from prebrief.plan import identity_key


def ev(source: str, url: str) -> Evidence:
    return Evidence(source, "test", url=url)


def link(url: str, rel: str = "me", *, verified: bool = False, origin: str = "") -> Link:
    return Link(url, rel, ev("test", origin or url), verified)


def result(platform: str, url: str, *, name: str | None = None, org: str | None = None,
           location: str | None = None, bio: str | None = None, links: tuple[Link, ...] = (),
           status: Status = Status.OK, handle: str | None = None) -> SourceResult:
    """A source's result for one profile with the facts discovery looks at."""
    e = ev(platform, url)
    facts = [Fact(kind, text, e) for kind, text in (("name", name), ("location", location),
                                                      ("bio", bio)) if text]
    roles = (Role(None, org, e, current=True),) if org else ()
    identity = Identity(platform, handle=handle, url=url)
    harvest = Harvest(facts=tuple(facts), roles=roles, links=links, identity=identity)
    if status is not Status.OK:
        return SourceResult(platform, status, identity, message=status.value)
    return SourceResult(platform, Status.OK, identity, harvest=harvest)


def candidate(res: SourceResult | None, *, identity: Identity | None = None, given: bool = False,
              edges: tuple[tuple[Candidate, Link], ...] = (), depth: int = 1) -> Candidate:
    identity = identity or (res.identity if res else Identity("website", url="https://x.example"))
    from prebrief.sources.website import WebsiteSource

    found = Candidate(identity_key(identity), (WebsiteSource, identity), 0 if given else depth,
                      given=given, result=res)
    found.edges = [Edge(origin.key, origin.label, lk) for origin, lk in edges]
    return found
