"""Masks: professional contexts ("cancer research", "Church Street") that cancel a trigger.

Masks are regular expressions (plain terms are translated), because contexts need more than a
word list. Running hundreds of them over every text is what made a naive classifier slow, so
each mask is indexed by the words it can start with (read off the parsed pattern) and only the
masks whose first word occurs in the text are run, of those only the ones whose mandatory
literal strings the text holds (all of them found in one Aho-Corasick pass), and only for texts
where a sensitive trigger fired at all.
"""

from __future__ import annotations

import re
from functools import cache
from itertools import repeat
from operator import itemgetter

from prebrief.classify.regex_literals import (MAX_STARTS, SELECTIVE, anchors, most_selective,
                                             required_all, start_plan)
from prebrief.classify.tokens import Tokens

REACH = 8  # words a mask may start before the trigger it cancels ("the great depression")


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


def anchor_index(sources: list[str]) -> list[list[str] | None]:
    """anchors() of every pattern (sorted), analysed once per list of masks: reading each
    parse tree costs ~0.2 s for the shipped masks. It only decides which masks are tried for
    a text, never what a mask matches."""
    from prebrief.classify.compiled import cached_json

    return cached_json(f"mask-anchors-v{_INDEX_VERSION}", "\n".join(sources), lambda: [
        None if heads is None else sorted(heads) for heads in map(anchors, sources)])


_INDEX_VERSION = 4  # bump when anchors() changes what it returns (it reads MAX_STARTS)


# Characters that re.IGNORECASE equates with an ASCII letter although str.lower() does not
# map them to it ("İ" also lowers to two characters, which the length check catches).
_ODD_CASE = ("ı", "ſ")
# Non-ASCII letters a literal may hold and still be looked for in text.lower(): for each,
# re.IGNORECASE matches exactly the characters that lower() maps to it (none has one of re's
# extra case equivalences, as "µ"/"μ" or "ı"/"i" have).
_LATIN1_LOWER = frozenset("àáâãäåæçèéêëìíîïðñòóôõöøùúûüýþÿß")


def _findable(literal: str) -> bool:
    """Whether literal (lower case) is found in text.lower() wherever re.IGNORECASE finds it:
    ASCII, the Latin-1 letters above, and characters without case (quotes, dashes, bullets),
    which match only themselves."""
    return literal.isascii() or all(
        c.isascii() or c in _LATIN1_LOWER or (not c.isalpha() and c.lower() == c == c.upper())
        for c in literal)


_UNKNOWN = object()  # an analysis not made yet
ALSO = 3  # further mandatory parts looked for (MaskSet.also), each at most ALSO_LITERALS long
ALSO_LITERALS = 40


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
        self._starts: list[tuple[str, ...] | None | object] = [_UNKNOWN] * len(self._sources)
        self._literals: _Literals | None = None  # built on the first spans() call

    def starts(self, i: int) -> tuple[tuple[str, ...], re.Pattern[str] | None] | None:
        """Where pattern i may start (start_plan): the literal starts worth looking for with
        str.find, and a pattern finding the characters after which a repeated word class may
        start a match (None where no alternative starts so); None when neither is known."""
        found = self._starts[i]
        if found is _UNKNOWN:
            prefixes, extra = start_plan(self._sources[i])
            usable = "" not in prefixes and len(prefixes) <= MAX_STARTS and all(
                map(_findable, prefixes))
            found = self._starts[i] = (
                (tuple(sorted(prefixes)), None if extra is None else _outside(extra))
                if usable else None)
        return found  # type: ignore[return-value]

    def required(self, i: int) -> str | tuple[str, ...] | None:
        """Literal strings one of which every match of pattern i contains (one string where
        there is only one), or None (required_literals)."""
        found = self._filter().analysis[i][0]
        return None if found is None else found[0] if len(found) == 1 else tuple(found)

    def also(self, i: int) -> tuple[str | tuple[str, ...], ...] | None:
        """Further mandatory parts of pattern i, each as its literal strings (one string where
        there is only one), or None (also_literals)."""
        found = self._filter().analysis[i][1]
        return None if found is None else tuple(
            part[0] if len(part) == 1 else tuple(part) for part in found)

    def _filter(self) -> _Literals:
        if self._literals is None:
            self._literals = _Literals(literal_index(self._sources))
        return self._literals

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
        distinct, memo = set(window), self._memo
        for token in distinct.difference(memo):
            self._for_token(token)  # first sight of a word: the masks it may start, memoised
        todo = set(self._always).union(*map(memo.__getitem__, distinct))
        text = tokens.text
        until = len(text) if until is None else until
        lowered = tokens.lowered
        aligned = len(lowered) == len(text) and _ODD_CASE[0] not in text and (
            _ODD_CASE[1] not in text)
        # Run only the masks whose mandatory parts' literals the text holds.
        run = self._filter().passing(todo, lowered) if aligned else todo
        out: list[tuple[int, int]] = []
        for i in run:  # in any order: a caller only asks whether a span overlaps a trigger
            plan = self.starts(i) if aligned else None
            if plan is None:
                out.extend(_finditer_before(self.pattern(i), text, until))
            else:
                out.extend(_finditer_at(self.pattern(i), text, lowered, *plan, until))
        return out


def required_literals(parts: list[set[str]]) -> list[str] | None:
    """Of a pattern's mandatory parts (regex_literals.required_all), the literal strings (lower
    case, _findable) of the most selective: one of them is in every match. Sorted, or None
    where there are none to use."""
    literals = most_selective(parts)
    if literals is None or not all(map(_findable, literals)):
        return None
    return sorted(literals)


def also_literals(parts: list[set[str]], first: list[str] | None) -> list[list[str]] | None:
    """Further mandatory parts of a pattern besides first (required_literals), each as its
    sorted literal strings: up to ALSO of the most selective, or None. Of the mask candidates
    a text's words bring up, about 95 % find no match; half of them lack such a part."""
    first_set = set(first or ())
    parts = [p for p in parts
             if p != first_set and len(p) <= ALSO_LITERALS
             and min(map(len, p)) >= SELECTIVE and all(map(_findable, p))]
    parts.sort(key=lambda p: (len(p), -min(map(len, p)), sorted(p)))
    chosen = list(dict.fromkeys(tuple(sorted(p)) for p in parts))[:ALSO]
    return [list(p) for p in chosen] or None


def literal_index(sources: list[str]) -> list[list]:
    """[required_literals, also_literals] of every pattern, analysed once per list of masks
    (~0.6 s for the shipped masks, so cached like anchor_index)."""
    from prebrief.classify.compiled import cached_json

    def analyse() -> list[list]:
        out = []
        for source in sources:
            parts = required_all(source)  # one parse serves both analyses
            first = required_literals(parts)
            out.append([first, also_literals(parts, first)])
        return out

    # The settings the analysis reads are part of the key, so changing one cannot leave a
    # stale analysis in the cache.
    kind = f"mask-literals-v{_LITERALS_VERSION}-{ALSO}-{ALSO_LITERALS}-{SELECTIVE}"
    return cached_json(kind, "\n".join(sources), analyse)


_LITERALS_VERSION = 1  # bump when the code of required_literals() or also_literals() changes


class _Literals:
    """Which masks a text can match at all, by the literal strings their mandatory parts
    hold: every literal of every mask of a set in one Aho-Corasick automaton (pyahocorasick),
    so one pass over the lower-cased text finds all of them that occur, overlapping ones too,
    as `literal in text` would for each; a mask stays a candidate where its required part
    and each further part (also_literals) has a literal among them."""

    def __init__(self, analysis: list[list]) -> None:
        import ahocorasick

        self.analysis = analysis
        self._unfiltered: frozenset[int] = frozenset(
            i for i, (first, _) in enumerate(analysis) if first is None)
        by_literal: dict[str, set[int]] = {}
        self._also: dict[int, tuple[frozenset[str], ...]] = {}
        automaton = ahocorasick.Automaton()
        for i, (first, more) in enumerate(analysis):
            for literal in first or ():
                by_literal.setdefault(literal, set()).add(i)
                automaton.add_word(literal, literal)
            if more:
                self._also[i] = tuple(map(frozenset, more))
                for part in more:
                    for literal in part:
                        automaton.add_word(literal, literal)
        self._by_literal = {k: frozenset(v) for k, v in by_literal.items()}
        self._automaton = automaton
        if len(automaton):
            automaton.make_automaton()

    def passing(self, todo: set[int], lowered: str) -> list[int]:
        """The candidates in todo whose mandatory parts all have a literal in lowered (todo
        is narrowed in place on the way)."""
        if not len(self._automaton):
            return list(todo)
        present = set(map(_value, self._automaton.iter(lowered)))
        todo.intersection_update(self._unfiltered.union(
            *map(self._by_literal.get, present, repeat(()))))
        also = self._also
        return [i for i in todo if i not in also or not any(map(present.isdisjoint, also[i]))]


_value = itemgetter(1)


def _finditer_before(pattern: re.Pattern[str], text: str, until: int) -> list[tuple[int, int]]:
    """The non-empty spans of pattern.finditer(text) that start before until."""
    out = []
    for match in pattern.finditer(text):
        if match.start() >= until:
            break
        if match.end() > match.start():
            out.append(match.span())
    return out


@cache
def _outside(extra: str) -> re.Pattern[str]:
    """A character outside the word class \\w plus extra (see start_plan)."""
    return re.compile(f"[^\\w{re.escape(extra)}]" if extra else r"\W")


def _finditer_at(pattern: re.Pattern[str], text: str, lowered: str, starts: tuple[str, ...],
                 boundary: re.Pattern[str] | None = None, until: int | None = None
                 ) -> list[tuple[int, int]]:
    """The non-empty spans pattern.finditer(text) yields that start before until, trying the
    pattern only where lowered (text.lower(), aligned with it) holds one of the literal starts
    every match begins with, and, for a pattern some of whose alternatives begin with a
    repeated word class (boundary: a character outside it), at the start of the text, after
    each such character and where the previous match ended (regex_literals.start_plan).

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
    if boundary is not None and until > 0:
        places.add(0)
        places.update(m.end() for m in boundary.finditer(text, 0, until - 1))
    out: list[tuple[int, int]] = []
    resume = 0
    for at in sorted(places):
        if at < resume:
            continue
        match = pattern.match(text, at)
        while match is not None:
            if match.end() == match.start():
                return _finditer_before(pattern, text, until)
            out.append(match.span())
            resume = match.end()
            # Where a match ended, a repeated class may start the next one at once.
            match = pattern.match(text, resume) if boundary is not None and resume < until else None
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
