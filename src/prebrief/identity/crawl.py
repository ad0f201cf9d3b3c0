"""Bounded discovery: follow accepted profiles' self-published links, round by round."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from prebrief.identity.graph import (Candidate, Edge, Key, is_self_declared, route_link, url_key,
                                     written_by_user)
from prebrief.identity.doubts import disagreeing_given
from prebrief.identity.scoring import GIVEN_DOUBT, Assessment, assess
from prebrief.models import ContactQuery, Identity, Link, SourceResult, Status

if TYPE_CHECKING:
    from prebrief.briefing import Gatherer
    from prebrief.plan import Target

# A profile costs one to three requests (user, repositories, events; page, robots, feed).
REQUESTS_PER_PROFILE = 3
HELD_BACK_HINT = ("If it is them, brief again with the name it gives (--name); if not, give "
                  "the right profile or file.")


class DiscoveryGraph:
    """Candidates keyed by identity, with URL aliases so links find the profile they name."""

    def __init__(self, query: ContactQuery) -> None:
        self.query = query
        self.candidates: dict[Key, Candidate] = {}
        self._by_url: dict[str, Key] = {}
        self.budget_note = ""

    def add(self, candidate: Candidate) -> None:
        self.candidates[candidate.key] = candidate
        self.index(candidate)

    def index(self, candidate: Candidate) -> None:
        for url in candidate.urls():
            self._by_url.setdefault(url, candidate.key)

    def settle(self, candidate: Candidate) -> None:
        """Index a fetched candidate, or fold it into the profile it turned out to be."""
        twin = next((self._by_url[u] for u in candidate.urls()
                     if self._by_url.get(u, candidate.key) != candidate.key), None)
        if twin is None:
            self.index(candidate)
            return
        # Two spellings of one profile (/@user and /users/user): one candidate, all the links.
        del self.candidates[candidate.key]
        for url in candidate.urls():
            self._by_url[url] = twin
        self.candidates[twin].edges.extend(
            e for e in candidate.edges if e.origin != twin)

    def find(self, key: Key, url: str | None) -> Candidate | None:
        found = self.candidates.get(key)
        if found is None and url_key(url) in self._by_url:
            found = self.candidates[self._by_url[url_key(url)]]
        return found

    def resolve(self) -> dict[Key, Assessment]:
        """Assess every candidate until the accepted set stops changing."""
        held = {key: Assessment(GIVEN_DOUBT, "possible", (why,),
                                self.candidates[key].identity.found_via)
                for key, why in disagreeing_given(self.candidates.values(), self.query).items()}
        accepted = {k for k, c in self.candidates.items() if c.given and k not in held}
        verdicts: dict[Key, Assessment] = {}
        for _ in range(len(self.candidates) + 1):
            verdicts = {key: held.get(key) or assess(
                c, {a: self.candidates[a] for a in accepted if a != key}, self.query,
                budget_note=self.budget_note) for key, c in self.candidates.items()}
            now = {k for k, v in verdicts.items() if v.outcome == "accepted"}
            if now == accepted:
                break
            accepted = now
        return verdicts

    def expand(self, verdicts: dict[Key, Assessment], max_depth: int) -> list[Candidate]:
        """New candidates from the links of accepted profiles not yet expanded."""
        fresh: list[Candidate] = []
        for origin in list(self.candidates.values()):
            if (origin.expanded or verdicts[origin.key].outcome != "accepted"
                    or origin.depth >= max_depth):
                continue
            origin.expanded = True
            fresh += filter(None, (self.follow(origin, link) for link in origin.links()))
        return fresh

    def follow(self, origin: Candidate, link: Link) -> Candidate | None:
        """The new candidate a link leads to; None where it leads nowhere or to one known,
        which then gains the edge (and, if the user wrote the link, counts as given)."""
        from prebrief.plan import identity_key

        edge = Edge(origin.key, origin.label, link)
        given = f"given by the user (in {origin.label})" if (
            origin.given and written_by_user(link)) else None
        target = route_link(link, given or edge.describe())
        if target is None:
            return None
        key = identity_key(target[1])
        known = self.find(key, target[1].url)
        if known is None:
            candidate = Candidate(key, target, origin.depth + 1, given=bool(given), edges=[edge])
            self.add(candidate)
            return candidate
        if known.key != origin.key:
            known.edges.append(edge)
        if given and not known.given:
            known.give(given)
        return None

    def outcome(self, verdicts: dict[Key, Assessment]
                ) -> tuple[list[SourceResult], list[Identity]]:
        """The results whose facts may be used, and every candidate with its verdict."""
        results: list[SourceResult] = []
        identities: list[Identity] = []
        order = sorted(self.candidates.values(),
                       key=lambda c: (not c.given, -verdicts[c.key].confidence))
        for candidate in order:
            verdict = verdicts[candidate.key]
            identity = replace(candidate.identity, found_via=verdict.found_via,
                               confidence=verdict.confidence, outcome=verdict.outcome,
                               reasons=verdict.reasons)
            identities.append(identity)
            result = candidate.result
            if result is not None and verdict.outcome == "accepted":
                results.append(replace(result, identity=identity))
            elif result is not None and candidate.given and result.ok:
                # What the user gave stays on the sheet, saying why its facts are not used.
                results.append(SourceResult(
                    result.source, Status.SKIPPED, identity, fetched_at=result.fetched_at,
                    message=f"not used: {'; '.join(verdict.reasons)}", hint=HELD_BACK_HINT))
        return results, identities


def _given(query: ContactQuery, results: list[SourceResult],
           targets: list[Target]) -> DiscoveryGraph:
    from prebrief.plan import identity_key

    graph = DiscoveryGraph(query)
    for target, result in zip(targets, results, strict=True):
        graph.add(Candidate(identity_key(target[1]), target, 0, given=True, result=result))
    return graph


def judge_given(query: ContactQuery, results: list[SourceResult],
                targets: list[Target]) -> tuple[list[SourceResult], list[Identity]]:
    """What the user gave, judged without following any link (--no-discover): the same
    verdicts as discover() gives them, so a profile or file that names somebody else is held
    back there too."""
    graph = _given(query, results, targets)
    return graph.outcome(graph.resolve())


async def discover(gatherer: Gatherer, results: list[SourceResult],
                   targets: list[Target]) -> tuple[list[SourceResult], list[Identity]]:
    """Follow self-published links from what the user gave to the contact's other profiles.

    Returns the results whose facts may enter the briefing (accepted profiles: what the user
    gave, unless it names somebody else, and what discovery accepted) and every candidate
    identity with its outcome, confidence and reasons.
    """
    graph = _given(gatherer.query, results, targets)
    options = gatherer.options
    verdicts = graph.resolve()
    while True:
        fresh = graph.expand(verdicts, options.depth)
        if not fresh:
            break
        chosen = _within_budget(fresh, options.budget - gatherer.requests)
        if len(chosen) < len(fresh):
            graph.budget_note = f"not checked: the request budget ({options.budget}) was used up"
        fetched = await gatherer.run_all([c.target for c in chosen])
        for candidate, result in zip(chosen, fetched, strict=True):
            candidate.result = result
            graph.settle(candidate)
        verdicts = graph.resolve()
    return graph.outcome(verdicts)


def _within_budget(fresh: list[Candidate], remaining: int) -> list[Candidate]:
    """The candidates worth the requests left: those the user gave (in their notes), then
    verified and self-declared links."""
    ranked = sorted(fresh, key=lambda c: (not c.given, -max(_link_rank(e) for e in c.edges)))
    return ranked[:max(0, remaining) // REQUESTS_PER_PROFILE]


def _link_rank(edge: Edge) -> int:
    return 2 if edge.link.verified else 1 if is_self_declared(edge.link) else 0
