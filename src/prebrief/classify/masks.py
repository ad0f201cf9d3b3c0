"""Masks: professional contexts ("cancer research", "Church Street") that cancel a trigger.

Masks are regular expressions (plain terms are translated), because contexts need more than a
word list. Running hundreds of them over every text is what made a naive classifier slow, so
each mask is indexed by the words it can start with (read off the parsed pattern) and only the
masks whose first word occurs in the text are run, and only for texts where a sensitive
trigger fired at all.
"""

from __future__ import annotations

import re
from re import _constants as sre_c  # noqa: PLC2701 - the stdlib's own regex parse tree
from re import _parser as sre_parse  # noqa: PLC2701
from typing import Any

from prebrief.classify.terms import Tokens

_MAX_ANCHORS = 4000  # beyond this a pattern counts as unanchored (always run)
_MAX_STARTS = 64  # literal starts worth looking for with str.find; more and the regex runs
REACH = 8  # words a mask may start before the trigger it cancels ("the great depression")
_ZERO_WIDTH = {sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT}


def term_regex(term: str) -> str:
    """One mask term as a regular expression fragment (``re:`` terms are taken as written)."""
    if term.startswith("re:"):
        return f"(?:{term[3:]})"
    case_sensitive = term.startswith("cs:")
    core = term[3:] if case_sensitive else term
    lead, trail = core.startswith("*"), core.endswith("*")
    body = []
    for ch in core.strip("*"):
        if ch == " ":
            body.append(r"[\s\-]+")
        elif ch == "-":
            body.append(r"[\s\-]?")
        elif ch in "'’":
            body.append(r"['’]?")
        else:
            body.append(re.escape(ch))
    pattern = (r"\w*" if lead else r"(?<!\w)") + "".join(body) + (r"\w*" if trail else r"(?!\w)")
    return f"(?-i:{pattern})" if case_sensitive else pattern


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


def _starts(items: Any) -> tuple[set[str], bool]:
    """Literal strings (lower case) every match of a parsed sequence starts with ("" among
    them when a match may start with anything), and whether the sequence was wholly literal.

    Like _literals, but also through repeats ("(?:anti-)?fraud" starts with "anti" or
    "fraud"); only used to find where a pattern may match, never for anchors().
    """
    prefixes = {""}
    for k, (op, av) in enumerate(items):
        if op in _ZERO_WIDTH:
            continue
        if op is sre_c.LITERAL:
            prefixes = {p + chr(av).lower() for p in prefixes}
            continue
        complete = True
        if op is sre_c.IN and all(o is sre_c.LITERAL for o, _ in av):
            choices = {chr(v).lower() for _, v in av}
        elif op is sre_c.SUBPATTERN:
            choices, complete = _starts(av[-1])
        elif op is sre_c.BRANCH:
            choices = set()
            for branch in av[1]:
                sub, whole = _starts(branch)
                choices |= sub
                complete = complete and whole
        elif op in _REPEATS:
            choices, complete = _starts(av[2])[0], False
            if av[0] == 0:  # optional: a match may start with what follows instead
                choices |= _starts(items[k + 1:])[0]
        else:
            return prefixes, False
        prefixes = {p + c for p in prefixes for c in choices}
        if not complete:
            return prefixes, False
        if len(prefixes) > _MAX_STARTS:  # too many to look for: as good as unknown
            return {""}, False
    return prefixes, True


def _required(items: Any) -> set[str] | None:
    """Literal strings (lower case) at least one of which every match of a parsed sequence
    contains, or None when none is known: of its mandatory parts, the one whose shortest
    literal is longest. Lets a pattern be skipped, unrun, for a text holding none of them."""
    best: set[str] | None = None
    run = ""  # consecutive literal characters
    for op, av in [*items, (None, None)]:
        if op is sre_c.LITERAL:
            run += chr(av).lower()
            continue
        found: set[str] | None = None
        if op is sre_c.SUBPATTERN:
            found = _required(av[-1])
        elif op is sre_c.BRANCH:
            branches = [_required(branch) for branch in av[1]]
            if all(branches):
                found = set().union(*branches)  # type: ignore[arg-type]
        elif op in _REPEATS and av[0] >= 1:
            found = _required(av[2])
        elif op is sre_c.IN and all(o is sre_c.LITERAL for o, _ in av):
            found = {chr(v).lower() for _, v in av}
        for choice in ({run} if run else None, found):
            if choice and (best is None or (min(map(len, choice)), -len(choice))
                           > (min(map(len, best)), -len(best))):
                best = choice
        run = ""
    return best


def anchors(pattern: str) -> frozenset[str] | None:
    """Words a match must start with (lower case), or None when it may start anywhere."""
    return _anchors(_literals(sre_parse.parse(pattern, re.IGNORECASE))[0])


def _anchors(prefixes: set[str]) -> frozenset[str] | None:
    firsts = set()
    for prefix in prefixes:
        head = re.match(r"\w+", prefix)
        if not head:
            return None
        firsts.add(head.group())
    return frozenset(firsts)


def anchor_index(sources: list[str]) -> list[list[str] | None]:
    """anchors() of every pattern (sorted), analysed once per list of masks: reading each
    parse tree costs ~0.2 s for the shipped masks. It only decides which masks are tried for
    a text, never what a mask matches."""
    from prebrief.classify.compiled import cached_json

    return cached_json(f"mask-anchors-v{_INDEX_VERSION}", "\n".join(sources), lambda: [
        None if heads is None else sorted(heads) for heads in map(anchors, sources)])


_INDEX_VERSION = 1  # bump when anchors() changes what it returns


# Characters that re.IGNORECASE equates with an ASCII letter although str.lower() does not
# map them to it ("İ" also lowers to two characters, which the length check catches).
_ODD_CASE = ("ı", "ſ")


class MaskSet:
    """Mask patterns indexed by their first words; spans() runs only the ones that can match."""

    def __init__(self, terms: list[str]) -> None:
        self._sources = [term_regex(t) for t in terms]
        # Compiled on first run: most masks never run in a given process, and compiling all
        # of them was most of the first classification's cost.
        self._compiled: list[re.Pattern[str] | None] = [None] * len(self._sources)
        self._by_anchor: dict[str, list[int]] = {}
        self._always: list[int] = []
        for i, heads in enumerate(anchor_index(self._sources)):
            if heads is None:
                self._always.append(i)
            for head in heads or ():
                self._by_anchor.setdefault(head, []).append(i)
        self._memo: dict[str, tuple[int, ...]] = {}
        # Per pattern run so far: the literal strings (lower case, ASCII) every match starts
        # with, and those one of which every match contains, or None; worked out on a
        # pattern's first run, as most never run at all.
        self._starts: dict[int, tuple[str, ...] | None] = {}
        self._required: dict[int, tuple[str, ...] | None] = {}

    def starts(self, i: int) -> tuple[str, ...] | None:
        """The literal starts of pattern i worth looking for with str.find, or None."""
        if i not in self._starts:
            prefixes = _starts(sre_parse.parse(self._sources[i], re.IGNORECASE))[0]
            usable = "" not in prefixes and len(prefixes) <= _MAX_STARTS and all(
                p.isascii() for p in prefixes)
            self._starts[i] = tuple(sorted(prefixes)) if usable else None
        return self._starts[i]

    def required(self, i: int) -> tuple[str, ...] | None:
        """Literal strings one of which every match of pattern i contains, or None."""
        if i not in self._required:
            found = _required(sre_parse.parse(self._sources[i], re.IGNORECASE))
            usable = found is not None and all(p.isascii() for p in found)
            self._required[i] = tuple(sorted(found)) if usable else None  # type: ignore[arg-type]
        return self._required[i]

    def pattern(self, i: int) -> re.Pattern[str]:
        found = self._compiled[i]
        if found is None:
            found = self._compiled[i] = re.compile(self._sources[i], re.IGNORECASE)
        return found

    def _for_token(self, token: str) -> tuple[int, ...]:
        hit = self._memo.get(token)
        if hit is None:
            found: list[int] = []
            for n in range(1, len(token) + 1):
                found.extend(self._by_anchor.get(token[:n], ()))
            hit = self._memo[token] = tuple(found)
        return hit

    def spans(self, tokens: Tokens, first: int = 0, last: int | None = None,
              until: int | None = None) -> list[tuple[int, int]]:
        """Character spans of mask occurrences that may cover words [first, last).

        A mask can only cancel a trigger it overlaps, so only masks whose first word occurs
        within REACH words before the trigger (or inside it) are run, and none is looked for
        where it would start at or after character until (the end of the last trigger).
        """
        words_ = tokens.folded
        window = words_[max(0, first - REACH):len(words_) if last is None else last]
        todo = set(self._always)
        for token in set(window):
            todo.update(self._for_token(token))
        text = tokens.text
        until = len(text) if until is None else until
        lowered = text.lower()
        aligned = len(lowered) == len(text) and not any(c in text for c in _ODD_CASE)
        out: list[tuple[int, int]] = []
        for i in sorted(todo):
            required = self.required(i) if aligned else None
            if required is not None and not any(map(lowered.__contains__, required)):
                continue
            starts = self.starts(i) if aligned else None
            if starts is None:
                out.extend(_finditer_before(self.pattern(i), text, until))
            else:
                out.extend(_finditer_at(self.pattern(i), text, lowered, starts, until))
        return out


def _finditer_before(pattern: re.Pattern[str], text: str, until: int) -> list[tuple[int, int]]:
    """The non-empty spans of pattern.finditer(text) that start before until."""
    out = []
    for match in pattern.finditer(text):
        if match.start() >= until:
            break
        if match.end() > match.start():
            out.append(match.span())
    return out


def _finditer_at(pattern: re.Pattern[str], text: str, lowered: str, starts: tuple[str, ...],
                 until: int | None = None) -> list[tuple[int, int]]:
    """The non-empty spans pattern.finditer(text) yields that start before until, trying the
    pattern only where lowered (text.lower(), aligned with it) holds one of the literal starts
    every match begins with.

    Most masks begin with a case-insensitive alternation, which re cannot skip ahead for, so
    finditer runs the whole pattern at every character; str.find finds the few places worth
    trying. Matching there with pattern.match(text, at) sees the same context (lookbehinds,
    word boundaries) as finditer does, and resuming after each match keeps its
    non-overlapping order; an empty match (which finditer would retry) falls back to it.
    """
    until = len(text) if until is None else until
    places: set[int] = set()
    for start in starts:
        end = until + len(start) - 1  # the last place worth trying is until - 1
        at = lowered.find(start, 0, end)
        while at >= 0:
            places.add(at)
            at = lowered.find(start, at + 1, end)
    out: list[tuple[int, int]] = []
    resume = 0
    for at in sorted(places):
        if at < resume:
            continue
        match = pattern.match(text, at)
        if match is None:
            continue
        if match.end() == at:
            return _finditer_before(pattern, text, until)
        out.append(match.span())
        resume = match.end()
    return out


class LazyMasks:
    """A category's masks, compiled the first time one of its triggers fires (most runs see
    one or two categories, so start-up does not pay for compiling all of them)."""

    def __init__(self, terms: list[str]) -> None:
        self._terms = terms
        self._set: MaskSet | None = None

    def spans(self, tokens: Tokens, first: int = 0, last: int | None = None,
              until: int | None = None) -> list[tuple[int, int]]:
        if self._set is None:
            self._set = MaskSet(self._terms)
        return self._set.spans(tokens, first, last, until)
