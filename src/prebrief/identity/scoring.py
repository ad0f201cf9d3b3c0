"""Confidence and human-readable reasons for one candidate profile.

The weights are deliberately conservative. A verified link (two-way rel=me, or checked by the
platform) plus a matching name is accepted. A one-way link needs the name and a second, independent
support (the employer, or another accepted profile linking it); a name and a city alone are not
enough, since namesakes share cities. A name or employer that points at somebody else pulls a
candidate below acceptance.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from prebrief.identity.doubts import given_doubt, other_profile
from prebrief.identity.graph import Candidate, Edge, Key, is_self_declared, read_facts
from prebrief.identity.naming import (
    DIFFERENT_NAME,
    SAME_NAME,
    distinct_orgs,
    fold,
    name_similarity,
    org_matches,
    place_matches,
)
from prebrief.models import ContactQuery, Outcome, Status

ACCEPT = 0.75
POSSIBLE = 0.35
VERIFIED = 0.9
GIVEN_DOUBT = 0.5  # what the user gave, naming somebody else: possible, for them to confirm
SELF_LINK = 0.5
MENTION = 0.35
DISCOVERED_MAX = 0.98
_TEXT_KINDS = ("headline", "role", "bio", "summary")


@dataclass(frozen=True)
class Assessment:
    """The verdict on one candidate."""

    confidence: float
    outcome: Outcome
    reasons: tuple[str, ...]
    found_via: str


@dataclass(frozen=True)
class Known:
    """What is already established about the contact: the user's words and accepted profiles."""

    names: tuple[str, ...]
    orgs: tuple[str, ...]
    places: tuple[str, ...]

    @classmethod
    def build(cls, query: ContactQuery, accepted: Iterable[Candidate]) -> Known:
        accepted = list(accepted)
        names = [query.name] if query.name else [
            n for c in accepted if c.given for n in _facts(c, "name")]
        orgs = [query.company] if query.company else []
        places = [query.location] if query.location else []
        # Employers and places come from what the user gave: a discovered profile's would let
        # one wrong acceptance vouch for the namesake's next profile, each supporting the other.
        for c in accepted:
            if c.given:
                orgs += _orgs(c)
                places += _facts(c, "location")
        return cls(tuple(dict.fromkeys(names)), tuple(distinct_orgs(orgs)),
                   tuple(dict.fromkeys(places)))


def outcome_for(confidence: float) -> Outcome:
    if confidence >= ACCEPT:
        return "accepted"
    return "possible" if confidence >= POSSIBLE else "rejected"


def assess(candidate: Candidate, accepted: Mapping[Key, Candidate],
           query: ContactQuery, *, budget_note: str = "") -> Assessment:
    """Score one candidate against the profiles accepted so far (which exclude it)."""
    if candidate.given:
        # The user's own word needs no reasons beyond found_via ("given by the user"), unless
        # what it names contradicts what else they gave: the name (a mistyped handle, another
        # person's PDF in a batch folder) or the profile (a namesake's PDF beside the LinkedIn
        # URL they gave). A wrong-person briefing is worse than a thinner one.
        doubt = given_doubt(candidate, query) or other_profile(candidate, query)
        if doubt:
            return Assessment(GIVEN_DOUBT, "possible", (doubt,), candidate.identity.found_via)
        return Assessment(1.0, "accepted", candidate.identity.reasons,
                          candidate.identity.found_via)
    score, reasons, best = _link_score(candidate, accepted)
    result = candidate.result
    if best is None:  # nothing accepted vouches for it: support alone never lifts it
        return _verdict(score, reasons, "a link from a profile that was not accepted")
    found_via = best.describe()
    if result is None:
        reasons.append(budget_note or "not checked")
        return _verdict(min(score, SELF_LINK), reasons, found_via)
    if result.status is Status.NOT_FOUND:
        return _verdict(0.0, [*reasons, "dead link: the profile was not found"], found_via)
    if not result.ok:
        reasons.append(f"could not be read ({result.status.value}), so judged on the link alone")
        return _verdict(score if score >= VERIFIED else min(score, SELF_LINK), reasons, found_via)
    known = Known.build(query, accepted.values())
    for delta, reason in _support(candidate, known, verified=score >= VERIFIED):
        score += delta
        reasons.append(reason)
    if score < VERIFIED:
        score += _back_link_bonus(candidate, accepted, best, reasons)
    return _verdict(score, reasons, found_via)


def _verdict(score: float, reasons: list[str], found_via: str) -> Assessment:
    # Full confidence is kept for what the user gave; a discovered profile stays below it.
    confidence = round(min(DISCOVERED_MAX, max(0.0, score)), 2)
    return Assessment(confidence, outcome_for(confidence), tuple(reasons), found_via)


def _link_score(candidate: Candidate, accepted: Mapping[Key, Candidate]
                ) -> tuple[float, list[str], Edge | None]:
    edges = [e for e in candidate.edges if e.origin in accepted]
    if not edges:
        return 0.1, ["only linked from profiles that are not accepted"], None
    rated = sorted(((_edge_strength(candidate, e, accepted[e.origin]), e) for e in edges),
                   key=lambda pair: -pair[0][0])
    (score, reason), best = rated[0]
    reasons = [reason]
    others = {e.origin for _, e in rated} - {best.origin}
    if others and score < VERIFIED:
        score += 0.1
        reasons.append(f"also linked from {len(others)} other accepted profile(s)")
    return score, reasons, best


def _edge_strength(candidate: Candidate, edge: Edge, origin: Candidate) -> tuple[float, str]:
    if edge.link.verified:
        return VERIFIED, f"verified: {edge.describe()} (checked by the platform)"
    if candidate.links_to(origin, declared=True):
        return VERIFIED, f"verified two-way: {edge.describe()}, and this profile links back"
    if is_self_declared(edge.link):
        # A profile never read (the request budget used up) may link back: it is not known.
        back = "no link back" if candidate.result and candidate.result.ok else \
            "not read, so a link back is unknown"
        return SELF_LINK, f"one-way {edge.describe()} ({back})"
    return MENTION, f"mentioned: {edge.describe()}"


def _support(candidate: Candidate, known: Known, *, verified: bool) -> list[tuple[float, str]]:
    out = [_name_support(candidate, known)]
    orgs = _orgs(candidate)
    # A profile that states its employer is judged by it: a company its bio mentions ("our
    # biggest customer: Norrbrook") is not where it works. One that states none may name it.
    text = "" if orgs else " ".join(t for kind in _TEXT_KINDS for t in _facts(candidate, kind))
    match = org_matches(known.orgs, orgs, text) if known.orgs else None
    if match:
        out.append((0.15, f"also names {match}"))
    elif known.orgs and orgs:
        penalty = 0.0 if verified else -0.35
        out.append((penalty, f"works at {', '.join(orgs)}, not {', '.join(known.orgs)}"))
    place = place_matches(known.places, _facts(candidate, "location"))
    if place:
        out.append((0.05, f"also in {place}"))
    return [item for item in out if item[1]]


def _name_support(candidate: Candidate, known: Known) -> tuple[float, str]:
    names = _facts(candidate, "name")
    if not names or not known.names:
        return 0.0, "no display name to compare" if known.names else ""
    score, why, name, ref = max((*name_similarity(n, r), n, r)
                                for n in names for r in known.names)
    if score >= SAME_NAME:
        return 0.15, f"name {name!r} matches {ref!r} ({why})"
    if score < DIFFERENT_NAME and not _one_of_the_names(name, ref):
        return -0.5, f"display name {name!r} is not {ref!r} ({why}): another person?"
    return 0.0, f"name {name!r} only partly matches {ref!r} ({why})"


def _one_of_the_names(name: str, ref: str) -> bool:
    """A single-word display name ('marit') that is one of the full name's words is no mismatch."""
    words, ref_words = fold(name).split(), fold(ref).split()
    return len(words) == 1 and words[0] in ref_words


def _back_link_bonus(candidate: Candidate, accepted: Mapping[Key, Candidate], best: Edge,
                     reasons: list[str]) -> float:
    back = [c for k, c in accepted.items() if k != best.origin and candidate.links_to(c)]
    if not back:
        return 0.0
    reasons.append(f"links to accepted profile {back[0].label}")
    return 0.1


def _facts(candidate: Candidate, kind: str) -> list[str]:
    return [f.text for f in read_facts(candidate, kind)]


def _orgs(candidate: Candidate) -> list[str]:
    result = candidate.result
    if result is None or not result.ok:
        return []
    roles = result.harvest.roles
    current = [r for r in roles if r.current] or list(roles)
    return list(dict.fromkeys(r.organization for r in current if r.organization))
