"""Name and organisation comparison for identity resolution.

Uses ``prebrief.names`` (diacritics, nicknames, initials, reordering) when it is installed and
falls back to a small conservative matcher otherwise.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

SAME_NAME = 0.8
DIFFERENT_NAME = 0.5
_LEGAL = {"inc", "ltd", "llc", "gmbh", "ag", "ab", "bv", "nv", "sa", "sas", "plc", "co",
          "corp", "corporation", "company", "limited", "oy", "as", "aps", "srl", "spa"}


def fold(text: str) -> str:
    """Casefolded, without diacritics, punctuation as spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^\w]+|_", " ", bare.casefold()).strip()


def name_similarity(a: str, b: str) -> tuple[float, str]:
    """Score in 0..1 that two display names name the same person, and why."""
    import importlib

    try:
        names = importlib.import_module("prebrief.names")
    except ImportError:
        return fallback_similarity(a, b)
    score, reason = names.name_similarity(a, b)
    # names.same_name is the verdict; the score only grades it, on whatever scale names uses.
    same = bool(names.same_name(a, b))
    score = max(float(score), SAME_NAME) if same else min(float(score), SAME_NAME - 0.01)
    return score, str(reason)


def name_words(name: str) -> list[str]:
    """The words of a display name, as the name matcher reads them (its decoration, such as
    "(she/her)" or "| Procurement", left out where prebrief.names is installed)."""
    try:
        from prebrief.names import fold as words
    except ImportError:
        return fold(name).split()
    return list(words(name))


def looks_like_a_name(text: str) -> bool:
    """Whether a display name reads as a person's name rather than a phrase (see
    prebrief.names.looks_like_a_name); without that module, two or three capitalised words."""
    try:
        from prebrief.names import looks_like_a_name as check
    except ImportError:
        words = text.split()
        return 2 <= len(words) <= 3 and all(w[:1].isupper() and w.isalpha() for w in words)
    return bool(check(text))


def fallback_similarity(a: str, b: str) -> tuple[float, str]:
    """Exact, reordered, middle-name and initial matches only; anything else is different.

    Symmetric: both argument orders are scored and the better reading wins.
    """
    return max(_fallback(a, b), _fallback(b, a), key=lambda scored: scored[0])


def _fallback(a: str, b: str) -> tuple[float, str]:
    left, right = fold(a).split(), fold(b).split()
    if not left or not right:
        return 0.0, "no name to compare"
    if left == right:
        return 1.0, "same name"
    if sorted(left) == sorted(right):
        return 0.95, "same name, reordered"
    short, long_ = sorted((left, right), key=len)
    if len(short) >= 2 and short[-1] == long_[-1] and short[0] == long_[0]:
        return 0.85, "same first and last name"
    if (len(short) >= 2 and short[-1] == long_[-1] and len(short[0]) == 1
            and long_[0].startswith(short[0])):
        return 0.8, "initial and same last name"
    if len(short) == 1 and short[0] in long_:
        return 0.6, "shares one name"
    return 0.0, "different name"


def org_key(name: str) -> str:
    """An organisation's name without '@', legal suffixes and spaces: 'norrbrooklogistics'."""
    return "".join(w for w in fold(name.lstrip("@")).split() if w not in _LEGAL)


def same_org(a: str, b: str) -> bool:
    """'@norrbrook' and 'Norrbrook Logistics B.V.' name the same organisation."""
    left, right = org_key(a), org_key(b)
    short, long_ = sorted((left, right), key=len)
    return len(short) >= 4 and long_.startswith(short)


def org_matches(known: Iterable[str], candidate_orgs: Iterable[str],
                candidate_text: str = "") -> str | None:
    """The known organisation the candidate also names (in a role or in its text), if any."""
    orgs = list(candidate_orgs)
    words = fold(candidate_text).split()
    for name in known:
        key = org_key(name)
        if any(same_org(name, org) for org in orgs) or (len(key) >= 4 and _names(key, words)):
            return name
    return None


def _names(key: str, words: list[str]) -> bool:
    """Whether a text's words name an organisation by its key ("norrbrook"): as whole words
    ("Norrbrook Logistics", "norrbrook logistics" for "norrbrooklogistics"), or a hashtag or
    handle that begins with a long key ("#NorrbrookLogistics"); not inside another word
    ("Innovation" does not name "Nova")."""
    joined = {"".join(words[i:j]) for i in range(len(words))
              for j in range(i + 1, min(i + 5, len(words) + 1))}
    return key in joined or (len(key) >= 6 and any(w.startswith(key) for w in words))


def distinct_orgs(names: Iterable[str]) -> list[str]:
    """Organisation names with aliases of one another merged (the fullest spelling kept)."""
    kept: list[str] = []
    for name in names:
        alias = next((i for i, k in enumerate(kept) if same_org(name, k)), None)
        if alias is None:
            if org_key(name):
                kept.append(name)
        elif len(org_key(name)) > len(org_key(kept[alias])):
            kept[alias] = name
    return kept


def place_matches(known: Iterable[str], candidate: Iterable[str]) -> str | None:
    """The known place the candidate's location also names (city level), if any."""
    cities = {_city(c) for c in candidate} - {""}
    return next((place for place in known if _city(place) in cities), None)


def _city(place: str) -> str:
    return fold(place.split(",")[0])
