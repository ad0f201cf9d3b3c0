"""Doubts about what the user gave: a profile or file that names somebody else than the name
they gave, another profile than the one they named on its platform, or (with no name given)
another person than the other profiles they gave. The user's word is overruled only by a
plain contradiction; what is held back is left for them to confirm.
"""

from __future__ import annotations

from collections.abc import Iterable

from prebrief.identity.graph import Candidate, Key, read_facts
from prebrief.identity.naming import (DIFFERENT_NAME, looks_like_a_name, name_similarity,
                                      name_words, org_matches)
from prebrief.models import ContactQuery

_TITLE_GUESSES = ("<title>", "og:title")  # extraction methods that read a name off a title


def given_doubt(candidate: Candidate, query: ContactQuery) -> str | None:
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
    return [f.text for f in read_facts(candidate, "name")
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


def other_profile(candidate: Candidate, query: ContactQuery) -> str | None:
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
