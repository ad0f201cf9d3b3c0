"""What every match of a regular expression must start with or contain, read off the
stdlib's own parse tree of the pattern (case-insensitive, lower-cased).

Masks use it to run a pattern only where it could match: by the words a match starts with
(anchors), by the literal strings it starts with (str.find finds the places to try), and by
literals every match contains (a text without any of them is skipped unrun).
"""

from __future__ import annotations

import re
# The stdlib's own regex parse tree (private modules, so typeshed does not describe them).
from re import _constants as sre_c  # type: ignore[attr-defined]  # noqa: PLC2701
from re import _parser as sre_parse  # type: ignore[attr-defined]  # noqa: PLC2701
from typing import Any

_MAX_ANCHORS = 4000  # beyond this a pattern counts as unanchored (always run)
MAX_STARTS = 128  # literal starts worth looking for with str.find; more and the regex runs
# over the whole text. 64 until round 10's widened health mask (~80 starts) fell back to a
# whole-text search: the masks stage rose 155.9k -> 181.4k instructions per fact, and at 128
# it reads 153.5k (bench_instructions); each start is one str.find over the text.
_ZERO_WIDTH = {sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT}


def start_plan(pattern: str) -> tuple[set[str], str | None]:
    """Where a match of pattern may start, as finditer finds it: at one of the literal strings
    (lower case; "" among them when unknown), or, for alternatives that begin by repeating a
    class of word characters ("\\w*dach", "[\\w\\-]*kirche", "(?:\\w+\\s+)?is"), at the start
    of the text, after a character outside the class, or where the previous match ended. The
    second item names that class by its characters besides \\w ("" for \\w, "-" for [\\w\\-]; the
    narrowest, where alternatives differ), or is None when no alternative does.

    Why the class is enough: a match starting right after a character the class repeats would
    also match one character earlier (the repeat takes that character too, and the rest of the
    pattern sees the same text), so finditer, which tries places in order, finds it there."""
    prefixes, _, classes = _starts(sre_parse.parse(pattern, re.IGNORECASE))
    prefixes = _shortest(prefixes)
    if not classes:
        return prefixes, None
    return prefixes, "".join(sorted(set.intersection(*map(set, classes))))


def _shortest(prefixes: set[str]) -> set[str]:
    """prefixes without those that start with another of them: str.find finds every place
    "kirche" is anyway where "kircheheute" is ("kirche\\w*\\s*(?:heute)?" gives both)."""
    out: set[str] = set()
    for prefix in sorted(prefixes, key=len):
        if not any(map(prefix.startswith, out)):
            out.add(prefix)
    return out


def most_selective(parts: list[set[str]]) -> set[str] | None:
    """Of a pattern's mandatory parts (required_all()), the one best looked for to skip the
    pattern (see _required), or None where it has none."""
    return max(parts, key=_rank, default=None)


def required_all(pattern: str) -> list[set[str]]:
    """For every mandatory part of pattern (a run of literal characters, a group, an
    alternation each of whose branches requires some literal, a repeat at least once, a class
    of literals), the literal strings one of which every match contains there, in the order of
    the pattern: a match needs one of each set, so a text lacking every literal of any one set
    is skipped unrun ("haemophilia\\s+(?:research|society)" needs "haemophilia" and one of
    "research" and "society")."""
    return _required_all(sre_parse.parse(pattern, re.IGNORECASE))


def _required_all(items: Any) -> list[set[str]]:
    out: list[set[str]] = []
    run = ""  # consecutive literal characters
    for op, av in [*items, (None, None)]:
        if op is sre_c.LITERAL:
            run += chr(av).lower()
            continue
        if run:
            out.append({run})
            run = ""
        if op is sre_c.SUBPATTERN:
            out += _required_all(av[-1])
        elif op is sre_c.BRANCH:
            branches = [_required(branch) for branch in av[1]]
            if all(branches):
                out.append(set().union(*branches))  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            out += _required_all(av[2])
        elif op is sre_c.IN and all(o is sre_c.LITERAL for o, _ in av):
            out.append({chr(v).lower() for _, v in av})
    return out


def _literals(items: Any) -> tuple[set[str], bool]:
    """Leading literal strings of a parsed sequence, and whether it was wholly literal."""
    prefixes = {""}
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        if op is sre_c.LITERAL:
            prefixes = {p + chr(av).lower() for p in prefixes}
            continue
        if op is sre_c.IN and all(o is sre_c.LITERAL for o, _ in av):
            choices = {chr(v).lower() for _, v in av}
        elif op is sre_c.SUBPATTERN:
            choices, complete = _literals(av[-1])
            if not complete:
                return {p + c for p in prefixes for c in choices}, False
        elif op is sre_c.BRANCH:
            choices, complete = set(), True
            for branch in av[1]:
                sub, whole = _literals(branch)
                choices |= sub
                complete = complete and whole
            if not complete:
                return {p + c for p in prefixes for c in choices}, False
        else:
            return prefixes, False
        prefixes = {p + c for p in prefixes for c in choices}
        if len(prefixes) > _MAX_ANCHORS:
            return {""}, False
    return prefixes, True


_REPEATS = {sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)}


def _starts(items: Any, lead: bool = True) -> tuple[set[str], bool, set[str]]:
    """Literal strings (lower case) every match of a parsed sequence starts with ("" among
    them when a match may start with anything), whether the sequence was wholly literal, and
    the word classes (see start_plan) that alternatives starting with a repeated class begin
    with. lead: whether nothing comes before the sequence in a match (not even an assertion).

    Like _literals, but also through repeats ("(?:anti-)?fraud" starts with "anti" or
    "fraud"); only used to find where a pattern may match.
    """
    prefixes = {""}
    classes: set[str] = set()
    for k, (op, av) in enumerate(items):
        if op in _ZERO_WIDTH:
            lead = False  # a match one character earlier may fail the assertion
            continue
        if op is sre_c.LITERAL:
            prefixes = {p + chr(av).lower() for p in prefixes}
            lead = False
            continue
        complete = True
        if op in _REPEATS and lead and prefixes == {""} and av[1] == sre_c.MAXREPEAT:
            word_class = _word_class(av[2])  # unbounded: one more character fits
            if word_class is not None:
                return set(), False, {word_class}
        if op is sre_c.IN and all(o is sre_c.LITERAL for o, _ in av):
            choices = {chr(v).lower() for _, v in av}
        elif op is sre_c.SUBPATTERN:
            choices, complete, more = _starts(av[-1], lead)
            classes |= more
        elif op is sre_c.BRANCH:
            choices = set()
            for branch in av[1]:
                sub, whole, more = _starts(branch, lead)
                choices |= sub
                classes |= more
                complete = complete and whole
        elif op in _REPEATS:
            choices, _, more = _starts(av[2], lead)
            classes |= more
            complete = False
            if av[0] == 0:  # optional: a match may start with what follows instead
                rest, _, more = _starts(items[k + 1:], lead)
                choices |= rest
                classes |= more
        else:
            return prefixes, False, classes
        before, prefixes = prefixes, {p + c for p in prefixes for c in choices}
        lead = lead and prefixes == {""}
        if len(prefixes) > MAX_STARTS:
            # Too many to look for ("(?:kirche|...)\s+(?:heute|...)" multiplies): every match
            # still starts with one of the literals so far, or with anything if there are none.
            return before, False, classes
        if not complete:
            return prefixes, False, classes
    return prefixes, True, classes


def _word_class(items: Any) -> str | None:
    """For a repeated item that is one class of \\w plus characters that have no case
    ([\\w\\-]), the characters besides \\w ("" for \\w itself); else None."""
    if len(items) != 1 or items[0][0] is not sre_c.IN:
        return None
    members = items[0][1]
    if (sre_c.CATEGORY, sre_c.CATEGORY_WORD) not in members:
        return None
    extra = []
    for op, av in members:
        if op is sre_c.CATEGORY and av is sre_c.CATEGORY_WORD:
            continue
        if op is not sre_c.LITERAL or chr(av).isalnum() or chr(av).lower() != chr(av).upper():
            return None
        extra.append(chr(av))
    return "".join(sorted(extra))


def _required(items: Any) -> set[str] | None:
    """Literal strings (lower case) at least one of which every match of a parsed sequence
    contains, or None when none is known. Of its mandatory parts, the one with the fewest
    literals among those whose shortest literal has SELECTIVE characters or more (each is
    looked for in the text, so a part listing 120 alternatives costs ~14 us a text), else the
    one whose shortest literal is longest. Lets a pattern be skipped, unrun, for a text
    holding none of them (the first such part in the pattern's order, of those required_all()
    names)."""
    return most_selective(_required_all(items))


SELECTIVE = 3  # characters; literals this long rarely occur in a text by chance


def _rank(literals: set[str]) -> tuple[int, int, int]:
    shortest = min(map(len, literals))
    return min(shortest, SELECTIVE), -len(literals), shortest


def anchors(pattern: str) -> frozenset[str] | None:
    """Words a match must start with (lower case), or None when it may start anywhere: read
    through optional and repeated parts too ("(?:mental\\s+)?health" starts with "mental" or
    "health")."""
    parsed = sre_parse.parse(pattern, re.IGNORECASE)
    found = _anchors(_literals(parsed)[0])
    if found is None:
        starts, _, classes = _starts(parsed)
        if "" not in starts and not classes:  # a repeated class may start in any word
            found = _anchors(starts)
    return found


def _anchors(prefixes: set[str]) -> frozenset[str] | None:
    firsts = set()
    for prefix in prefixes:
        head = re.match(r"\w+", prefix)
        if not head:
            return None
        firsts.add(head.group())
    return frozenset(firsts)
