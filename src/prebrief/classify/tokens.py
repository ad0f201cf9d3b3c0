"""Cut a text into words once, as written and lower-cased, for every matcher to share."""

from __future__ import annotations

import re
from typing import Any

_WORD = r"\w+(?:['’]\w+)*"  # "it's" is one word; apostrophes are then dropped from it
_WORDS = re.compile(_WORD)


class _Blanks(dict):  # type: ignore[type-arg]
    """str.translate table: a blank for every character that is not a word character of
    re's \\w (alphanumeric by str.isalnum(), or "_"), the character itself for one that is.
    Filled as characters are first met: a text holds few distinct characters, and a lookup
    per character is C-level."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        mapped = char if char.isalnum() or char == "_" else " "
        if len(self) < 100_000:  # a bound on memory (the code points met), not a tuning knob
            self[code] = mapped
        return mapped


_BLANKS = _Blanks()


def words(text: str) -> list[str]:
    """The text's words as written (apostrophes inside a word dropped).

    Without an apostrophe, the words are the runs of word characters: every other character
    is blanked (str.translate) and the text split, which finds the regular expression's words
    (tests/classify/test_tokens.py checks every code point) at a fraction of its cost."""
    if "'" in text or "’" in text:
        return [w.replace("'", "").replace("’", "") for w in _WORDS.findall(text)]
    return text.translate(_BLANKS).split()


# A Dutch "'er" or "'ers" after an abbreviation says who someone is: "VVD'er" (a member of the
# VVD), "ADHD'er", "D66'ers". words() drops apostrophes, which makes these the words "vvder"
# and "adhder", which no term names. (The English "'s" is not cut: over the dev sets, "the
# mosque's hall", "the vicar's wife", "the councillor's drop-in" name someone else's; the
# lexicons spell the possessives that disclose, "mum's stroke".)
_CLITIC = re.compile(r"['’](?:ers?)\b", re.IGNORECASE)


def stems(text: str) -> list[str] | None:
    """The text's words (words()) with a Dutch "'er"/"'ers" ending cut off ("VVD'er" ->
    "VVD"), one for one, or None where no word has one (nearly every text). The lexicons match
    these too (terms.TermMatcher.find)."""
    if ("'" not in text and "’" not in text) or _CLITIC.search(text) is None:
        return None
    out = []
    for word in _WORDS.findall(text):
        head, _, tail = word.replace("’", "'").rpartition("'")
        if head and _CLITIC.fullmatch("'" + tail):
            word = head
        out.append(word.replace("'", "").replace("’", ""))
    return out


class Tokens:
    """A text cut into words once, as written and lower-cased, shared by every matcher."""

    __slots__ = ("text", "lowered", "_cased", "folded", "folded_set", "_spans", "found",
                 "per_char", "features", "_stems")

    def __init__(self, text: str) -> None:
        self.text = text
        # Apart from "İ" (two characters) and "Σ" (final or not, by what follows), lower() maps
        # one character to one, word characters to word characters and others to others
        # (checked over every code point), so the words of the lower-cased text are the words
        # lower-cased, a part's words are a slice of these (Tokens.ranges), and a
        # case-sensitive term can only match where its lower case does.
        self.per_char = "İ" not in text and "Σ" not in text
        self._cased: list[str] | None = None  # as written: cut when a case-sensitive term asks
        self.lowered = text.lower()  # for every matcher that searches the text itself (masks)
        folded = words(self.lowered)
        if not self.per_char:
            self._cased = cased = words(text)
            if len(folded) != len(cased):  # lower() changed where words split ("İ")
                folded = [w.lower() for w in cased]
        self.folded = folded
        self.folded_set = set(folded)
        self._spans: list[tuple[int, int]] | None = None
        self.found: Any = None  # what the lexicons matched, kept by prebrief.classify.lexicon
        self.features: Any = None  # the words models weigh, kept by prebrief.classify.model
        self._stems: Any = False  # not worked out yet (None: no word has such an ending)

    def stems(self, cased: bool = False) -> list[str] | None:
        """The words (lower-cased, or as written) with a Dutch "'er" ending cut off ("vvd'er"
        -> "vvd"; see stems()), one for one with folded (or cased), or None where no word has
        one."""
        if cased:
            out = stems(self.text)
            return out if out is not None and len(out) == len(self.cased) else None
        if self._stems is False:
            out = stems(self.lowered)
            self._stems = out if out is not None and len(out) == len(self.folded) else None
        return self._stems

    @property
    def cased(self) -> list[str]:
        """The words as written."""
        if self._cased is None:
            self._cased = words(self.text)
        return self._cased

    @classmethod
    def part(cls, whole: Tokens, text: str, first: int, last: int) -> Tokens:
        """The tokens of text, whose words are exactly words [first, last) of whole (see
        ranges()), sliced from whole's instead of cutting text again."""
        self = cls("")  # not cls.__new__: mypyc (bench/bench_compiled.py) cannot compile it
        self.text = text
        self.lowered = text.lower()
        self._cased = None if whole._cased is None else whole._cased[first:last]
        self.folded = whole.folded[first:last]
        self.folded_set = set(self.folded)
        self._spans = None  # text may be parts joined by ", ": its spans are its own
        self.found = self.features = None
        self._stems = False
        self.per_char = True
        return self

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character span of words [first, last), computed only when a match needs it."""
        spans = self._spans or self._word_spans()
        return spans[first][0], spans[last - 1][1]

    def _word_spans(self) -> list[tuple[int, int]]:
        text = self.text
        if self.per_char and "'" not in text and "’" not in text:
            # The words are the runs of word characters of text.lower(), which keeps every
            # character in its place (per_char), and only non-word characters lie between
            # them: each word is found, exactly where it starts, by looking for it from the
            # end of the one before (a regex's match objects cost ~8x more).
            find, spans, end = self.lowered.find, [], 0
            for word in self.folded:
                start = find(word, end)
                end = start + len(word)
                spans.append((start, end))
            self._spans = spans
        else:
            self._spans = [m.span() for m in _WORDS.finditer(text)]
        return self._spans

    def ranges(self, parts: list[str]) -> list[tuple[int, int]] | None:
        """Word ranges [first, last) of parts of this text given in text order, or None unless
        every part's words are exactly this text's words between the part's edges."""
        if not self.per_char:  # lower() may not keep this text's words one for one
            return None
        spans = self._spans or self._word_spans()
        ends = [b for _, b in spans]
        out, pos, word = [], 0, 0
        for part in parts:
            start = self.text.find(part, pos)
            if start < 0:
                return None
            pos = start + len(part)
            while word < len(spans) and ends[word] <= start:
                word += 1
            first = word
            while word < len(spans) and ends[word] <= pos:
                word += 1
            if (word < len(spans) and spans[word][0] < pos
                    or first < word and spans[first][0] < start):
                return None  # a word crosses the part's edge: it is not made of whole words
            out.append((first, word))
        return out
