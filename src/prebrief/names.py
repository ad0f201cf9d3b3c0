"""Do two display names name the same person? Diacritics, nicknames, initials, reordering.

Conservative by design: a different surname is a different person, whatever the first name,
because a wrong-person match is the worst mistake a briefing can make.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources

SAME = 0.8
_TRANSLIT = str.maketrans({"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ł": "l",
                           "þ": "th", "ı": "i"})
# One letter written two ways: German umlauts spelled out, Scandinavian å as "aa".
_GERMAN = {"ae": "a", "oe": "o", "ue": "u", "aa": "a"}
_DOUBLED = re.compile(r"(.)\1+")  # "Mohammed" and "Mohamed", "Philipp" and "Philip"
_PARTICLES = {"van", "der", "den", "de", "von", "zu", "ter", "ten", "la", "le", "da", "di",
              "del", "dos", "das", "du", "af", "al", "bin", "ibn"}
_TITLES = {"dr", "prof", "mr", "mrs", "ms", "ir", "ing", "drs", "mba", "phd", "msc", "bsc"}
# What a display name carries besides the name: "(she/her)", "[OOO]", pronouns written bare,
# and a tagline after a spaced separator ("Marit Vandersloot | Procurement"); a hyphen inside
# a name ("Okafor-Lindqvist") has no spaces and stays.
_DECORATION = re.compile(
    r"\([^)]*\)|\[[^\]]*\]"
    r"|\b(?:she|he|they|xe|ze)\s*/\s*(?:her|hers|him|his|them|theirs|xem|hir|zir|they|she|he)\b"
    r"|\s[|·•–—-]\s.*$"
    r"|\s@\s.*$"  # "Marit Vandersloot @ Valkbrug"
    r"|,\s*(?=[^,]*\b(?:vp|svp|evp|ceo|cto|cfo|coo|cio|head|director|manager|lead|founder|"
    r"co-founder|owner|partner|engineer|developer|consultant|officer|buyer|president|"
    r"procurement|sales|marketing|phd|mba)\b).*$", re.IGNORECASE)  # ", VP Procurement"


def fold(name: str) -> list[str]:
    """Lower-case ASCII tokens: 'Müller-Lüdenscheidt, Dr. José' -> ['muller', ...]; a display
    name's decoration ("(she/her)", "| Procurement") is not part of the name."""
    name = _DECORATION.sub(" ", name)
    text = unicodedata.normalize("NFKD", name.casefold().translate(_TRANSLIT))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text)
    tokens = re.split(r"[^a-z0-9]+", text.replace("_", " ").replace(".", " "))
    return [t for t in tokens if t and t not in _TITLES]


def _spellings(token: str) -> set[str]:
    """'mueller' and 'muller' are one German name written two ways, 'kierkegaard' and
    'kierkegard' one Danish, 'mohammed' and 'mohamed' one transliterated."""
    out = {token}
    for pair, single in _GERMAN.items():
        if pair in token:
            out.add(token.replace(pair, single))
    out |= {_DOUBLED.sub(r"\1", t) for t in out}
    return out


@cache
def _nicknames() -> dict[str, frozenset[str]]:
    raw = json.loads(resources.files("prebrief.data").joinpath("nicknames.json").read_text(
        encoding="utf-8"))
    table: dict[str, set[str]] = {}
    for group in raw["groups"]:
        folded = {"".join(fold(n)) for n in group}
        for name in folded:
            table.setdefault(name, set()).update(folded)
    return {k: frozenset(v) for k, v in table.items()}


def _given_match(a: str, b: str) -> tuple[float, str] | None:
    if _spellings(a) & _spellings(b):
        return 1.0, "same first name"
    if b in _nicknames().get(a, ()):
        return 0.9, f"'{a}' and '{b}' are forms of one name"
    if (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return 0.8, "initial matches"
    return None


def _surname(tokens: list[str]) -> str:
    core = [t for t in tokens if t not in _PARTICLES] or tokens
    return core[-1]


def name_similarity(a: str, b: str) -> tuple[float, str]:
    """Score in [0, 1] and the reason, in words."""
    left, right = fold(a), fold(b)
    if not left or not right:
        return 0.0, "no name to compare"
    if left == right:
        return 1.0, "same name"
    if len(left) == 1 or len(right) == 1:
        joined_l, joined_r = "".join(left), "".join(right)
        if joined_l == joined_r:
            return 0.9, "same name written as one word"
        return 0.3, "only one name given"
    if sorted(left) == sorted(right):
        return 0.95, "same name, reordered"
    # Given-then-surname on both sides, or one side written "Surname, Given".
    pairings = ((_surname(left), _surname(right), left[0], right[0]),
                (left[0], _surname(right), left[-1], right[0]),
                (_surname(left), right[0], left[0], right[-1]))
    shared_surname = False
    best: tuple[float, str] | None = None
    for surname_a, surname_b, given_a, given_b in pairings:
        if not _spellings(surname_a) & _spellings(surname_b):
            continue
        shared_surname = True
        given = _given_match(given_a, given_b)
        if given and (best is None or given[0] > best[0]):
            best = given
    if best is not None:
        return best[0], f"{best[1]}, same surname"
    if shared_surname:
        return _whole_given(left, right) or (0.4, "same surname, different first name")
    partial = _surname_variant(left, right)
    if partial is not None:
        return partial
    return 0.1, f"different surname ({_surname(left)} / {_surname(right)})"


def _whole_given(left: list[str], right: list[str]) -> tuple[float, str] | None:
    """The first names as a whole, where a hyphen split one side's: 'Anne-Marie' and
    'Annemarie', 'Min-jun Kim' and 'Minjun Kim' written surname first, 'PJ' for 'Pieter-Jan'."""
    def arrangements(tokens: list[str]) -> list[tuple[str, list[str]]]:
        out = []
        for index in {len(tokens) - 1 - tokens[::-1].index(_surname(tokens)), 0}:
            rest = [t for i, t in enumerate(tokens) if i != index and t not in _PARTICLES]
            out.append((tokens[index], rest))
        return out

    for surname_l, given_l in arrangements(left):
        for surname_r, given_r in arrangements(right):
            if not (_spellings(surname_l) & _spellings(surname_r) and given_l and given_r):
                continue
            if _spellings("".join(given_l)) & _spellings("".join(given_r)):
                return 0.95, "same first name written another way, same surname"
            for short, long_ in ((given_l, given_r), (given_r, given_l)):
                if (len(short) == 1 and len(long_) > 1
                        and short[0] == "".join(t[0] for t in long_)):
                    return 0.8, "initials match, same surname"
    return None


def _surname_variant(left: list[str], right: list[str]) -> tuple[float, str] | None:
    """Same first name, and a surname written another way: its particles joined ("van der
    Sloot", "Vandersloot": the same name), cut to an initial ("Marit V.") or one part of a
    double-barrelled name ("de Vries", "de Vries-Bakker"). The last two may be somebody else,
    so they only grade as partial: neither a match nor a different person."""
    given = _given_match(left[0], right[0])
    if given is None:
        return None
    rest_l, rest_r = left[1:], right[1:]
    if "".join(rest_l) == "".join(rest_r):
        return given[0], f"{given[1]}, same surname written with its particles apart"
    for short, long_ in ((rest_l, rest_r), (rest_r, rest_l)):
        if len(short) == 1 and len(short[0]) == 1 and "".join(long_).startswith(short[0]):
            return 0.6, "same first name, the surname given only as its initial"
    short, long_ = sorted((rest_l, rest_r), key=len)
    core_s = [t for t in short if t not in _PARTICLES]
    core_l = [t for t in long_ if t not in _PARTICLES]
    if core_s and len(core_s) < len(core_l) and set(core_s) <= set(core_l):
        return 0.6, "same first name, one part of a double-barrelled surname"
    return None


# Words that make a display name a phrase ("The Procurement Nerd"), never part of a name.
_PHRASE_WORDS = {"the", "a", "an", "and", "of", "for", "my", "our", "at", "in", "on", "to",
                 "with", "by", "from", "about", "is", "not"}


def looks_like_a_name(text: str) -> bool:
    """Whether a display name reads as a person's name ("Maren Okafor-Lindqvist", "Jan de
    Vries"), not a phrase ("procurement & bees", "The Procurement Nerd"): two to four words
    beside its decoration, each capitalised but a particle, of letters, hyphens, apostrophes
    and an initial's full stop only."""
    words = _DECORATION.sub(" ", text).split()
    if not 2 <= len(words) <= 4:
        return False
    for word in words:
        folded = word.casefold()
        if folded in _PARTICLES:
            continue
        if (folded in _PHRASE_WORDS or not word[0].isupper()
                or not all(c.isalpha() or c in "-'’." for c in word)):
            return False
    return True


def same_name(a: str, b: str) -> bool:
    """The conservative verdict discovery relies on."""
    return name_similarity(a, b)[0] >= SAME
