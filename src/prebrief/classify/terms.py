"""Match lexicon terms against a text's word tokens, fast.

Term syntax (shared by every data file, so a new language is a data change):

    word        the whole word, any case            "chemo" matches "Chemo", not "chemotherapy"
    word*       word prefix (morphology)            "diagnos*" matches "diagnosed", "diagnosis"
    *word       word suffix (NL/DE compounds)       "*kanker" matches "borstkanker"
    *           any one word, after the first       "giving up * for lent"
    two words   consecutive words                   "burn out" matches "burn-out", "burn  out"
    a-b         hyphen optional                     "burn-out" matches "burnout", "burn out"
    it's        apostrophes optional                "parkinson's" matches "Parkinsons"
    cs:TERM     case-sensitive                      "cs:SPD" does not match "spd"

A term whose second word is a wildcard ("vote democrat*") is tried at every occurrence of its
first word, outside the trie of exact next words: keep such terms few per first word (a test
counts them). Where an exact word follows a wildcard ("meiner * therapeutin"), the term is
filed under that word and tried only where the text has it there.

A text is cut into word tokens once; each distinct token is analysed once per process (a
vocabulary follows Zipf's law, so nearly every token is a dictionary hit after warm-up), and
multi-word terms are only tried where their first word matched. No regular expression runs
per term, which is what makes thousands of terms cost microseconds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from prebrief.classify.tokens import Tokens

P = Any  # a match's payload: a category name, a Cue, ... (no Generic: it costs import time)

_MEMO_LIMIT = 200_000  # distinct tokens remembered; a bound on memory, not a tuning knob


class Piece(NamedTuple):  # a NamedTuple: ~50,000 are built per process, at a third of the cost
    """One word of a term: exact, a prefix ("word*"), a suffix ("*word") or both."""

    text: str
    prefix: bool = False
    suffix: bool = False

    def matches(self, token: str) -> bool:
        if self.prefix and self.suffix:
            return self.text in token
        if self.prefix:
            return token.startswith(self.text)
        if self.suffix:
            return token.endswith(self.text)
        return token == self.text


def parse_term(term: str) -> tuple[bool, list[tuple[Piece, ...]]]:
    """(case_sensitive, spellings) of one term; a hyphen makes two spellings."""
    case_sensitive = term.startswith("cs:")
    core = term[3:] if case_sensitive else term.lower()
    core = core.replace("’", "'").replace("'", "")
    spellings = {tuple(core.replace("-", " ").split())}
    if "-" in core:
        spellings.add(tuple(core.replace("-", "").split()))  # "burn-out" also as "burnout"
    parsed = []
    for words_ in sorted(spellings):
        if not words_:
            continue
        if words_[0] == "*":  # a term is indexed by its first word: it must say something
            raise ValueError(f"term {term!r}: '*' stands for a word only after the first")
        parsed.append(tuple(map(_piece, words_)))
    return case_sensitive, parsed


@cache
def _piece(word: str) -> Piece:
    """The Piece for one word of a term as written, one shared instance per spelling (terms
    repeat words, and frames spell the same ones in tens of thousands of terms). Any word of a
    term may be a prefix or a suffix ("third-gen *ian"); "*" alone is any one word (an empty
    prefix, which every word starts with)."""
    return Piece(word.strip("*"), prefix=word.endswith("*"),
                 suffix=word.startswith("*") and word != "*")


_SPECIAL = re.compile(r"^cs:|[*\-]")  # what makes a term more than plain words (apostrophes
# are optional, so a term is read without them: parse_term drops them too)


# A term found in a text: (payload, first word, end word exclusive). A plain tuple, because
# building one per match is the classifier's inner loop and a dataclass costs ~5x more.
Match = tuple[Any, int, int]


@dataclass
class _Index:
    exact: dict[str, list[tuple[tuple[Piece, ...], P]]] = field(default_factory=dict)
    prefix: dict[str, list[tuple[tuple[Piece, ...], P]]] = field(default_factory=dict)
    suffix: dict[str, list[tuple[tuple[Piece, ...], P]]] = field(default_factory=dict)
    # Per distinct token: the terms whose first word it matches. `seen` and `relevant` let a
    # scan find the tokens that matter with two C-level set operations instead of a loop.
    memo: dict[str, _Entry] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    relevant: set[str] = field(default_factory=set)

    def add(self, pieces: tuple[Piece, ...], payload: P) -> None:
        head = pieces[0]
        table = self.exact if not (head.prefix or head.suffix) else (
            self.prefix if head.prefix and not head.suffix else self.suffix)
        table.setdefault(head.text, []).append((pieces, payload))

    def empty(self) -> bool:
        return not (self.exact or self.prefix or self.suffix)

    def candidates(self, token: str) -> _Entry:
        """The terms whose first word matches token, memoised per distinct token."""
        found = self.memo.get(token)
        if found is not None:
            return found
        hits = list(self.exact.get(token, ()))
        if self.prefix:
            for n in range(1, len(token) + 1):
                hits.extend(self.prefix.get(token[:n], ()))
        if self.suffix:
            for n in range(1, len(token) + 1):
                hits.extend(h for h in self.suffix.get(token[-n:], ()) if h[0][0].matches(token))
        entry = _Entry.of(hits)
        if len(self.seen) < _MEMO_LIMIT:
            self.seen.add(token)
            if hits:
                self.memo[token] = entry
                self.relevant.add(token)
        return entry

    def starting(self, distinct: set[str]) -> set[str]:
        """The distinct tokens that some term's first word matches."""
        if len(self.seen) >= _MEMO_LIMIT:
            return {token for token in distinct if self.candidates(token).holds_terms()}
        for token in distinct.difference(self.seen):
            self.candidates(token)
        return self.relevant.intersection(distinct)

    def scan(self, seq: list[str], distinct: set[str]) -> list[Match]:
        """Matches in a word sequence; distinct is set(seq), shared by every index."""
        entry_of = self.memo.__getitem__  # every relevant token has its entry memoised
        if len(self.seen) >= _MEMO_LIMIT:  # vocabulary bound reached: analyse every token
            positions: Iterable[int] = range(len(seq))
            entry_of = self.candidates
        else:
            for token in distinct.difference(self.seen):
                self.candidates(token)  # first sight of a token: analyse it once
            present = self.relevant.intersection(distinct)
            if not present:
                return []
            positions = [i for i, t in enumerate(seq) if t in present]
        found: list[Match] = []
        n = len(seq)
        for i in positions:
            entry = entry_of(seq[i])
            for payload in entry.singles:  # a plain loop: mostly one, and no list to build
                found.append((payload, i, i + 1))
            # Most first words a longer term starts with are not followed by its next word:
            # that is checked here, without the call (longer() would return nothing).
            if i + 1 < n and (entry.wild or entry.keyed or seq[i + 1] in entry.next):
                longer = entry.longer(seq, i, n)
                if longer:
                    found += longer
        return found


def _rest_matches(pieces: tuple[Piece, ...], seq: list[str], at: int, done: int) -> bool:
    """Whether a term whose first `done` words matched seq from `at` matches the rest too."""
    return at + len(pieces) <= len(seq) and all(
        pieces[k].matches(seq[at + k]) for k in range(done, len(pieces)))


class _Entry:
    """The terms starting at a token, as a trie over their following words: the payloads of
    the terms that end here (at the first word: one-word terms), the exact next words they
    continue with, and the terms whose next word is a prefix or suffix. Those are checked word
    by word, except that where an exact word follows the wildcard ("mum of * married to
    {female}"), they are filed by it and its place, so a text is looked up once at that place
    instead of trying every such term (a frame over a names list files hundreds there).

    Terms carry their rank in the order they were found for the token (exact next words
    before wildcard ones), so matches of the same span come out in one order however deep in
    the trie they were found (the cue that wins a tie must not depend on the trie's shape)."""

    __slots__ = ("singles", "next", "wild", "keyed", "_ends")

    def __init__(self) -> None:
        self._ends: list[tuple[int, P]] = []
        self.singles: tuple[P, ...] = ()  # the one-word terms' payloads (the root's ends)
        self.next: dict[str, _Entry] = {}
        self.wild: list[tuple[int, tuple[Piece, ...], P]] = []
        # Wildcard terms by the first exact word after the wildcard: its index in the term,
        # then the word.
        self.keyed: dict[int, dict[str, list[tuple[int, tuple[Piece, ...], P]]]] = {}

    def holds_terms(self) -> bool:
        """Whether some term starts at the token."""
        return bool(self.singles or self.next or self.wild or self.keyed)

    @classmethod
    def of(cls, hits: list[tuple[tuple[Piece, ...], P]]) -> _Entry:
        root = cls()
        root.singles = tuple(payload for pieces, payload in hits if len(pieces) == 1)
        wild_second = len(hits)
        for rank, (pieces, payload) in enumerate(hits):
            if len(pieces) == 1:
                continue
            if pieces[1].prefix or pieces[1].suffix:
                rank += wild_second
            node, depth = root, 1
            while depth < len(pieces) and not (pieces[depth].prefix or pieces[depth].suffix):
                node = node.next.setdefault(pieces[depth].text, cls())
                depth += 1
            if depth == len(pieces):
                node._ends.append((rank, payload))
                continue
            key = next((k for k in range(depth + 1, len(pieces))
                        if not (pieces[k].prefix or pieces[k].suffix)), None)
            if key is None:
                node.wild.append((rank, pieces, payload))
            else:
                node.keyed.setdefault(key, {}).setdefault(pieces[key].text, []).append(
                    (rank, pieces, payload))
        return root

    def longer(self, seq: list[str], at: int, n: int) -> list[Match]:
        """Matches of two words or more starting at seq[at], which matched this entry."""
        found: list[tuple[int, Match]] = []
        node, depth = self, 1
        while True:
            for rank, pieces, payload in node.wild:
                if _rest_matches(pieces, seq, at, depth):
                    found.append((rank, (payload, at, at + len(pieces))))
            for key, by_word in node.keyed.items():
                if at + key < n:
                    for rank, pieces, payload in by_word.get(seq[at + key], ()):
                        if _rest_matches(pieces, seq, at, depth):
                            found.append((rank, (payload, at, at + len(pieces))))
            if at + depth == n or not node.next:
                break
            step = node.next.get(seq[at + depth])
            if step is None:
                break
            node = step
            depth += 1
            found += [(rank, (payload, at, at + depth)) for rank, payload in node._ends]
        if len(found) > 1:
            found.sort(key=_first)
        return [match for _, match in found]


def _first(ranked: tuple[int, Match]) -> int:
    return ranked[0]


class TermMatcher:
    """Find every occurrence of many terms (each with a payload) in a text."""

    def __init__(self, terms: Iterable[tuple[str, P]]) -> None:
        self._folded: _Index = _Index()
        self._cased: _Index = _Index()
        self._shadow_index: _Index | None = None
        exact = self._folded.exact
        for term, payload in terms:
            if "'" in term or "’" in term:
                term = term.replace("'", "").replace("’", "")
            if _SPECIAL.search(term) is None:  # plain words (most terms): what parse_term
                # would return, one exact spelling, without its general cases
                words_ = term.lower().split()
                if words_:
                    exact.setdefault(words_[0], []).append(
                        (tuple(map(_piece, words_)), payload))
                continue
            case_sensitive, spellings = parse_term(term)
            for pieces in spellings:
                (self._cased if case_sensitive else self._folded).add(pieces, payload)

    def find(self, tokens: Tokens) -> list[Match]:
        """All matches in a tokenised text, in text order: by first word, longer first.

        Where a word ends in a Dutch "'er" ("VVD'er", "ADHD'ers": Tokens.stems), the words
        are scanned again with that ending cut off, and what only that finds is added: a term
        matches "VVD'er" as "vvder" (as written, apostrophe dropped) and as "vvd"."""
        found = self._folded.scan(tokens.folded, tokens.folded_set)
        if self._may_match_cased(tokens):
            found += self._cased.scan(tokens.cased, set(tokens.cased))
        stems = tokens.stems()
        if stems is not None:
            stem_set = set(stems)
            more = self._folded.scan(stems, stem_set)
            if self._may_match_cased(tokens, stem_set):
                cased = tokens.stems(cased=True)
                if cased is not None:
                    more += self._cased.scan(cased, set(cased))
            found += [match for match in more if match not in found]
        if len(found) > 1:
            found.sort(key=text_order)  # stable: matches of one span keep their order
        return found

    def _may_match_cased(self, tokens: Tokens, present: set[str] | None = None) -> bool:
        """Whether a case-sensitive term can match words whose lower case is present (by
        default the text's words, tokens.folded_set): most texts hold the lower-cased words of
        none, and then need no scan of the words as written (see _shadow)."""
        if self._cased.empty():
            return False
        if not tokens.per_char:
            return True
        # Scan if a term's key word is there and all its other words are there too.
        shadow = self._shadow
        if present is None:
            present = tokens.folded_set
        return any(others <= present
                   for token in shadow.starting(present)
                   for others in shadow.candidates(token).singles)

    @property
    def _shadow(self) -> _Index:
        """The case-sensitive terms lower-cased, keyed by one word each, with the set of their
        other whole words as payload: a term can only match a text that holds all of them.
        The key is the term's case-distinctive word where it has one ("E" in "in A E", "PI" in
        "naar de PI": a capital is what makes the term rare), the longest such, else its
        longest whole word, else its first piece. Sound where lower() works per character
        (Tokens.per_char): a term matching the words as written matches each of its words
        lower-cased; a term needing "İ" or "Σ" can only match a text holding it, which is
        then scanned as written."""
        if self._shadow_index is None:
            self._shadow_index = _Index()
            for table in (self._cased.exact, self._cased.prefix, self._cased.suffix):
                for entries in table.values():
                    for pieces, _ in entries:
                        whole = [p for p in pieces if not (p.prefix or p.suffix)]
                        capital = [p for p in whole if p.text != p.text.lower()]
                        # the last of the longest: "E" rather than "A" in "in A E"
                        key = (max(reversed(capital or whole), key=lambda p: len(p.text))
                               if whole else pieces[0])
                        others = frozenset(p.text.lower() for p in whole if p is not key)
                        lowered = Piece(key.text.lower(), key.prefix, key.suffix)
                        self._shadow_index.add((lowered,), others)
        return self._shadow_index


def text_order(match: Match) -> tuple[int, int]:
    """The order find() returns matches in: by first word, longer first."""
    return match[1], -match[2]
