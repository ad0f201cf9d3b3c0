"""Bounded discovery: follow accepted profiles' self-published links, round by round."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from prebrief.identity.graph import Candidate, Edge, Key, is_self_declared, route_link, url_key
from prebrief.identity.scoring import GIVEN_DOUBT, Assessment, assess, disagreeing_given
from prebrief.models import ContactQuery, Identity, SourceResult, Status

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
        from prebrief.plan import identity_key

        fresh: list[Candidate] = []
        for origin in list(self.candidates.values()):
            if (origin.expanded or verdicts[origin.key].outcome != "accepted"
                    or origin.depth >= max_depth):
                continue
            origin.expanded = True
            for link in origin.links():
                edge = Edge(origin.key, origin.label, link)
                target = route_link(link, edge.describe())
                if target is None:
                    continue
                key = identity_key(target[1])
                known = self.find(key, target[1].url)
                if known is not None:
                    if known.key != origin.key:
                        known.edges.append(edge)
                    continue
                candidate = Candidate(key, target, origin.depth + 1, edges=[edge])
                self.add(candidate)
                fresh.append(candidate)
        return fresh

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
    """The candidates worth the requests left, verified and self-declared links first."""
    ranked = sorted(fresh, key=lambda c: -max(_link_rank(e) for e in c.edges))
    return ranked[:max(0, remaining) // REQUESTS_PER_PROFILE]


def _link_rank(edge: Edge) -> int:
    return 2 if edge.link.verified else 1 if is_self_declared(edge.link) else 0
