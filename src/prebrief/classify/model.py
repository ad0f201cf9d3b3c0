"""The learned part of the sphere decision: word weights on top of the lexicon's evidence.

A logistic regression over the lexicon margin (hand-written cues, source and kind priors), the
text's words and word pairs, and its context: the fact kind, the source, the sensitive category
found and the topics of the lexicon cues (so the weight of "LinkedIn" or "a family cue" is
fitted to data rather than set by hand), and its shape (shape_features: emoji, "!", " | ",
length). It is trained by scripts/train_classifier.py on the labelled
development set only, and its weights are committed as data (data/sphere_weights.json), so a
run never trains anything and a reviewer can read every weight.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import chain, islice, repeat
from math import fsum
from pathlib import Path
from typing import TYPE_CHECKING

from prebrief.classify.tokens import Tokens

if TYPE_CHECKING:
    from prebrief.classify.lexicon import Cue

WEIGHTS_FILE = "sphere_weights.json"
_ZEROS = repeat(0.0)  # the default weight of a feature the model does not know
# A text's words, its weighted pairs ("a b") and its prefixes (see WordWeights.weigh).
Found = tuple[set[str], set[str], set[str]]


@dataclass(frozen=True)
class WordWeights:
    """One weight per word feature (features(): words, adjacent pairs, long-word prefixes),
    keyed for C-level lookups against a text's words: single words a text can hold as
    features (not one letter, not a number), pairs as features() names them ("a b"), and
    prefixes. Both models weigh a text this way (this one, and prebrief.classify.learned)."""

    singles: dict[str, float]
    pairs: dict[str, float]  # "first second" -> weight
    prefixes: dict[str, float]  # prefixes() -> weight
    _strong_memo: dict[tuple[float, int, Callable[[str], bool] | None],
                       tuple[dict[str, float], dict[str, float], dict[str, float]]] = field(
        default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, weights: dict[str, float]) -> WordWeights:
        """The weights keyed as features() names them ("word", "a b", "prefix*")."""
        singles = {k: w for k, w in weights.items()
                   if " " not in k and not k.endswith("*") and _feature_words_of([k]) == [k]}
        pairs = {k: w for k, w in weights.items() if k.count(" ") == 1}
        return cls(singles, pairs, {k[:-1]: w for k, w in weights.items() if k.endswith("*")})

    def weigh(self, tokens: Tokens) -> tuple[float, Found]:
        """The summed weights of a text's word features, and the text's words, weighted pairs
        and prefixes, for contributions().

        The same features as features(), weighed without a loop in Python: each distinct word
        and prefix is looked up with a default of 0.0 in C-level maps (a word without a
        weight adds nothing), and the text's distinct pairs, joined as features() names them
        once per text for every model (_words_and_prefixes), are intersected with the
        weighted ones."""
        folded, pairs = tokens.folded_set, self.pairs
        _, heads, text_pairs = _words_and_prefixes(tokens)
        weighted = pairs.keys() & text_pairs  # the weighted pairs found, each once
        # fsum is exact, so the total does not depend on the sets' order (which the hash seed
        # sets): the same text gets the same sum, to the last bit, in every process.
        return fsum(chain(map(self.singles.get, folded, _ZEROS), map(pairs.__getitem__, weighted),
                          map(self.prefixes.get, heads, _ZEROS))), (folded, weighted, heads)

    def contributions(self, found: Found, at_least: float = 0.0, sign: int = 0,
                      named: Callable[[str], bool] | None = None) -> list[tuple[str, float]]:
        """The features among those weigh() found whose weight is at least at_least either
        way (only toward its side for sign 1 or -1), named and weighed: a reason names the
        strong ones, and most decisions need no names at all. named: which feature names a
        reason may give (prebrief.classify.lexicon.nameable); the others are left out."""
        singles, pairs, prefix_weights = self._strong(at_least, sign, named)
        out = [(f, singles[f]) for f in singles.keys() & found[0]]
        if found[1]:
            out += [(p, pairs[p]) for p in pairs.keys() & found[1]]
        if found[2]:
            out += [(f"{p}*", prefix_weights[p]) for p in prefix_weights.keys() & found[2]]
        return out

    def _strong(self, at_least: float, sign: int, named: Callable[[str], bool] | None
                ) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
        """The single, pair and prefix weights of at least at_least (either way for sign 0,
        else toward its side) whose feature names named allows: a few per threshold, worked
        out once (a reason asks for the same ones every time), so a text's features are
        intersected with them in C."""
        found = self._strong_memo.get((at_least, sign, named))
        if found is None:
            def strong(weights: dict[str, float], name: Callable[[str], str]) -> dict[str, float]:
                return {k: w for k, w in weights.items()
                        if (sign * w if sign else abs(w)) >= at_least
                        and (named is None or named(name(k)))}

            found = self._strong_memo[at_least, sign, named] = (
                strong(self.singles, str), strong(self.pairs, str),
                strong(self.prefixes, lambda k: f"{k}*"))
        return found


@dataclass(frozen=True)
class SphereModel:
    """Bias, the lexicon margin's coefficient, the word features' weights and the context's."""

    bias: float
    lexicon: float
    words: WordWeights
    context: dict[str, float] = field(default_factory=dict)  # context_features() -> weight

    def margin(self, tokens: Tokens, lexicon_margin: float, context: Iterable[str] = ()
               ) -> tuple[float, Found]:
        """Log-odds toward professional (the lexicon margin, the context's weights and those of
        the text's word features), and the text's candidate features, for contributions()."""
        words, found = self.words.weigh(tokens)
        shift = sum(map(self.context.get, context, _ZEROS))
        return self.bias + self.lexicon * lexicon_margin + shift + words, found

    def contributions(self, found: Found, at_least: float = 0.0, sign: int = 0,
                      named: Callable[[str], bool] | None = None) -> list[tuple[str, float]]:
        """WordWeights.contributions() of this model's word weights."""
        return self.words.contributions(found, at_least, sign, named)


def context_features(kind: str | None, source: str | None, category: str | None,
                     cues: Iterable[Cue], tokens: Tokens | None = None) -> list[str]:
    """The text's context as feature names: "kind:post", "source:linkedin", "sensitive:health"
    and one "topic:family" per distinct topic among the lexicon cues, and, given the text's
    tokens, its shape_features(). The colon keeps them apart from words, which never contain
    one."""
    context = _context(kind, source, category, tuple({c.topic: 0 for c in cues}))
    return [*context, *shape_features(tokens)] if tokens is not None else list(context)


# What a text looks like, beyond its words (which drop emoji and punctuation): an emoji or an
# exclamation mark leans personal, a "|" between headline parts or a long text leans
# professional, and a bare text (eval-classifier's input has no kind or source) has nothing
# else to say whether it is a headline, a field or a post. Leave-one-writer-out over 61 dev
# writers (ad hoc, at 20e6d3f): macro-F1 0.9112 -> 0.9137 with kind and source, 0.8937 ->
# 0.8979 without (up for 39 writers, down for 16). On three new writers (dev62-64, before
# use): 0.926 -> 0.929, bare 0.893 -> 0.902.
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B50]")
_HASHTAG = re.compile(r"#[^\W\d]")  # "#hiring", not "#2"
_MENTION = re.compile(r"(?<!\w)@\w")  # "@kestrel", not "a@b.example"
_SEPARATOR = re.compile(r"\s[|·•]\s")  # "VP Sales | Fintech | ex-Acme"
_LENGTH = ("shape:len1-3",) * 4 + ("shape:len4-8",) * 5 + ("shape:len9-20",) * 12


def shape_features(tokens: Tokens) -> list[str]:
    """Features of a text's form: "shape:emoji", "shape:exclaim", "shape:question",
    "shape:hashtag", "shape:mention", "shape:pipe" (a separator between spaces), "shape:url",
    "shape:period" (ends with a full stop), and one length class by words, "shape:len1-3"
    to "shape:len21+". Each is a C-level test for a character; a regular expression runs only
    where its character occurs (the emoji one only on text that is not ASCII)."""
    text = tokens.text
    out = []
    if not text.isascii() and _EMOJI.search(text):
        out.append("shape:emoji")
    if "!" in text:
        out.append("shape:exclaim")
    if "?" in text:
        out.append("shape:question")
    if "#" in text and _HASHTAG.search(text):
        out.append("shape:hashtag")
    if "@" in text and _MENTION.search(text):
        out.append("shape:mention")
    if ("|" in text or "·" in text or "•" in text) and _SEPARATOR.search(text):
        out.append("shape:pipe")
    if "http" in text or "www." in text:
        out.append("shape:url")
    n = len(tokens.folded)
    out.append(_LENGTH[n] if n < len(_LENGTH) else "shape:len21+")
    if text.rstrip().endswith("."):
        out.append("shape:period")
    return out


@lru_cache(maxsize=4096)  # a run sees few kinds, sources and topic sets, again and again
def _context(kind: str | None, source: str | None, category: str | None,
             topics: tuple[str, ...]) -> tuple[str, ...]:
    out = [f"kind:{kind.strip().lower()}"] if kind else []
    if source:
        out.append(f"source:{source.strip().lower()}")
    if category:
        out.append(f"sensitive:{category}")
    out.extend(f"topic:{topic}" for topic in topics)
    return tuple(out)


def features(tokens: Tokens) -> set[str]:
    """Words (two letters or more) and adjacent word pairs ("a b"), lower case, and the
    prefixes of long words written "prefix*" (the lexicon's syntax for a prefix)."""
    seq, heads, pairs = _words_and_prefixes(tokens)
    return {*seq, *pairs, *(f"{p}*" for p in heads)}


PREFIX_OF = 7  # words of this many letters or more also count by their first PREFIX letters,
PREFIX = 5     # so inflections and compounds share a weight ("verhuisd", "verhuizing" -> "verhu")


def prefixes(folded: Iterable[str]) -> set[str]:
    """The prefix features of a text's lower-cased words: the first PREFIX letters of every
    word of PREFIX_OF letters or more (letters only: not "covid19")."""
    return {w[:PREFIX] for w in folded if len(w) >= PREFIX_OF and w.isalpha()}


def _feature_words(tokens: Tokens) -> list[str]:
    """The words features are made of: lower case, two letters or more, not numbers."""
    return _words_and_prefixes(tokens)[0]


def _words_and_prefixes(tokens: Tokens) -> tuple[list[str], set[str], set[str]]:
    """_feature_words(), prefixes() and the distinct adjacent pairs of feature words ("a b")
    of a text, worked out once for every model that weighs it (kept on the Tokens)."""
    if tokens.features is None:
        seq = _feature_words_of(tokens.folded)
        tokens.features = (seq, prefixes(tokens.folded_set),
                           set(map(" ".join, zip(seq, islice(seq, 1, None)))))
    return tokens.features


def _feature_words_of(folded: list[str]) -> list[str]:
    return [w for w in folded if len(w) > 1 and not w.isdigit()]


@cache
def sphere_model() -> SphereModel | None:
    """The committed model, or None when no weights are shipped (lexicon only)."""
    path = Path(__file__).parent / "data" / WEIGHTS_FILE
    if not path.is_file():
        return None
    from prebrief.classify.compiled import cached_object  # the built tables: a tenth of the cost

    return cached_object("sphere-model", [path, Path(__file__)],
                         lambda: sphere_model_of(json.loads(path.read_text("utf-8"))))


def sphere_model_of(data: dict) -> SphereModel:
    """The model a weights file's data describes (scripts/train_classifier.py writes it)."""
    words = WordWeights.of({k: float(v) for k, v in data["words"].items()})
    context = {k: float(v) for k, v in data.get("context", {}).items()}
    return SphereModel(float(data["bias"]), float(data["lexicon"]), words, context)
