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

from prebrief.identity.graph import Candidate, Edge, Key, is_self_declared
from prebrief.identity.naming import (
    DIFFERENT_NAME,
    SAME_NAME,
    distinct_orgs,
    fold,
    looks_like_a_name,
    name_similarity,
    name_words,
    org_matches,
    place_matches,
)
from prebrief.models import ContactQuery, Fact, Outcome, Status

ACCEPT = 0.75
POSSIBLE = 0.35
VERIFIED = 0.9
GIVEN_DOUBT = 0.5  # what the user gave, naming somebody else: possible, for them to confirm
SELF_LINK = 0.5
MENTION = 0.35
DISCOVERED_MAX = 0.98
_TEXT_KINDS = ("headline", "role", "bio", "summary")
_TITLE_GUESSES = ("<title>", "og:title")  # extraction methods that read a name off a title


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
        doubt = _given_doubt(candidate, query) or _other_profile(candidate, query)
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
        return SELF_LINK, f"one-way {edge.describe()} (no link back)"
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


def _given_doubt(candidate: Candidate, query: ContactQuery) -> str | None:
    """Why a profile the user gave seems to be somebody else's: every display name it shows
    is a full name of another person than the one they gave (_contradicts): the user's word
    is only overruled by a plain contradiction."""
    names = _shown_names(candidate)
    if not (query.name and names):
        return None
    company = [query.company] if query.company else []
    found = [_contradicts(name, query.name, company) for name in names]
    if not all(found):
        return None
    return (f"it names {names[0]!r}, not {query.name!r} as you gave it; {found[0]}: "
            "another person?")


def _shown_names(candidate: Candidate) -> list[str]:
    """The names a profile states. A name read off a page's title ("Notes on procurement") is
    a guess, not the name the profile shows: it never overrules the user."""
    return [f.text for f in _read(candidate, "name")
            if not any(guess in f.evidence.method for guess in _TITLE_GUESSES)]


def _contradicts(name: str, ref: str, company: list[str]) -> str | None:
    """Why a display name plainly names another person than ref, else None. Not a form of
    ref, nor one sharing a word with it ("Marit @ Norrbrook") unless the first names plainly
    differ (_another_first_name), nor a single word (a handle such as "mvandersloot"), nor a
    phrase ("procurement & bees", a free-form display name), nor the contact's company
    (whose Page a user may give)."""
    score, why = name_similarity(name, ref)
    words = name_words(name)
    if (score >= DIFFERENT_NAME or len(words) < 2 or not looks_like_a_name(name)
            or org_matches(company, [name])):
        return None
    asked = name_words(ref)
    if set(asked) & set(words) and not _another_first_name(words, asked):
        return None
    return why


def disagreeing_given(candidates: Iterable[Candidate], query: ContactQuery) -> dict[Key, str]:
    """Without a name from the user, the profiles they gave are each other's reference: a
    saved X page, a Facebook page and a LinkedIn page of three people were briefed as one.
    Grouped by the person each names, the profiles outside the largest group are held back,
    and where no group is the largest, every one that names a person is, for the user to say
    which one (--name). Returns the held profiles, each with why."""
    if query.name:
        return {}
    groups: list[list[tuple[Candidate, str]]] = []
    for candidate in candidates:
        names = [n for n in _shown_names(candidate) if len(name_words(n)) > 1
                 and looks_like_a_name(n)] if candidate.given else []
        if not names:
            continue
        group = next((g for g in groups if not _contradicts(names[0], g[0][1], [])), None)
        if group is None:
            groups.append([(candidate, names[0])])
        else:
            group.append((candidate, names[0]))
    if len(groups) < 2:
        return {}
    groups.sort(key=len, reverse=True)  # stable: in the order the user gave them
    if len(groups[0]) > len(groups[1]):
        ref = groups[0][0][1]
        return {c.key: f"it names {n!r}, not {ref!r} as the other profiles you gave do: "
                       "another person?" for g in groups[1:] for c, n in g}
    named = ", ".join(repr(g[0][1]) for g in groups)
    return {c.key: f"the profiles you gave name different people ({named}): brief again "
                   "with --name to say which one" for g in groups for c, _ in g}


def _another_first_name(words: list[str], asked: list[str]) -> bool:
    """Whether two names that share a word (a surname) differ plainly in the first name:
    'Pieter Vandersloot' for 'Marit Vandersloot' (a relative, a colleague), where neither
    first name is among the other's words ('Johanna Marit', 'Hans-Peter') or a spelling of the
    other one letter apart ('Jon', 'John'). An initial ('P.') says too little either way."""
    from rapidfuzz.distance import Levenshtein

    first, other = words[0], asked[0]
    return (min(len(first), len(other)) > 1 and first not in asked and other not in words
            and Levenshtein.distance(first, other) > 1)


def _other_profile(candidate: Candidate, query: ContactQuery) -> str | None:
    """Why a file the user gave holds another profile than the one they named on its platform:
    a LinkedIn PDF of /in/maren-okafor-2 beside --linkedin .../in/maren-okafor (a namesake,
    whose name agrees), or a saved X page of another handle than --x."""
    from urllib.parse import unquote

    from prebrief.sources.registry import all_sources, platform_of

    result = candidate.result
    if not (candidate.identity.file and result is not None and result.ok
            and result.identity.handle):
        return None
    platform = platform_of(result.source)
    source = all_sources().get(platform)
    if source is None:
        return None

    def key(handle: str | None) -> str:
        return unquote(handle or "").strip().strip("/").lstrip("@").casefold()

    given = {key(source.identity_for(v).handle) for p, v in query.handles if p == platform}
    given |= {key(source.match_url(u)) for u in query.urls}
    given.discard("")
    held = result.identity.handle
    if not given or key(held) in given:
        return None
    return (f"it is the {platform} profile {held!r}, not {sorted(given)[0]!r} as you gave it: "
            f"another person?")


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
    return [f.text for f in _read(candidate, kind)]


def _read(candidate: Candidate, kind: str) -> list[Fact]:
    """The candidate's facts of one kind with a text, where its profile was read."""
    result = candidate.result
    if result is None or not result.ok:
        return []
    return [f for f in result.harvest.facts if f.kind == kind and f.text]


def _orgs(candidate: Candidate) -> list[str]:
    result = candidate.result
    if result is None or not result.ok:
        return []
    roles = result.harvest.roles
    current = [r for r in roles if r.current] or list(roles)
    return list(dict.fromkeys(r.organization for r in current if r.organization))
