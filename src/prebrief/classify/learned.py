"""A learned second opinion on sensitive disclosures, for what the lexicons miss.

The lexicons of sensitive.toml name disclosures phrase by phrase, and people new to them
describe the same things in words no list foresaw ("three weeks on the ward, home at last").
A logistic-regression gate over the sphere model's word features (words, adjacent pairs,
long-word prefixes: prebrief.classify.model.features) says whether a text the lexicons let
through still reads as a disclosure; where it does (probability >= the committed threshold), a
softmax over the seven categories says which. Both are fitted by scripts/train_classifier.py
on the development sets only and committed as data (data/sensitive_weights.json), so a
reviewer can read every weight.

The same file holds a third model, the check on the lexicons' own hits (Check): the lexicons
name phrases, and a phrase such as "menopause" or "probation" is as often a work topic ("the new
guidance on menopause at work") as a disclosure. Masks cancel the professional contexts someone
foresaw; the check reads what is left, trained on every dev text where a trigger fired before
masks (its words, kind, source, the categories that fired and the words next to each trigger),
and sets a hit aside only where it reads a disclosure as unlikely (below the committed
probability, 0.3, chosen on writers it had not seen: see CHECK_BELOW in
scripts/train_classifier.py).

Neither learned opinion moves the sphere decision (the sphere model was fitted to the
lexicon's hits alone); the gate only adds a category, and the check only sets one aside.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from prebrief.classify.lexicon import nameable
from prebrief.classify.model import Found, WordWeights, context_features, features
from prebrief.classify.sensitive import SensitiveHit
from prebrief.classify.terms import Match
from prebrief.classify.tokens import Tokens

SENSITIVE_FILE = "sensitive_weights.json"
CATEGORIES = ("health", "religion", "politics", "sexuality", "ethnicity", "union", "criminal")
NAMED = 0.3  # a word weighing this much toward a disclosure is named in the reason


@dataclass(frozen=True)
class Check:
    """Logistic regression: is a text whose lexicon triggers fired really a disclosure?"""

    bias: float
    words: WordWeights
    context: dict[str, float]  # check_context() -> weight
    near: dict[str, float]  # near_triggers() -> weight
    below: float  # a hit is set aside below this probability of a disclosure

    def probability(self, tokens: Tokens, kind: str | None, source: str | None,
                    fired: Iterable[Match]) -> float:
        """The probability that a text whose triggers fired (before masks: matches of
        prebrief.classify.lexicon.lexicon_matches) is a disclosure."""
        fired = list(fired)
        score, _ = self.words.weigh(tokens)
        context = sum(self.context.get(f, 0.0)
                      for f in check_context(kind, source, (c for c, _, _ in fired)))
        near = sum(self.near.get(f, 0.0) for f in near_triggers(tokens, fired))
        return 1.0 / (1.0 + math.exp(-(self.bias + score + context + near)))

    def sets_aside(self, tokens: Tokens, kind: str | None, source: str | None,
                   fired: Iterable[Match]) -> bool:
        return self.probability(tokens, kind, source, fired) < self.below


def check_context(kind: str | None, source: str | None, categories: Iterable[str]
                  ) -> list[str]:
    """The check's context features: the sphere model's "kind:bio" and "source:x"
    (context_features) and one "category:health" per category whose triggers fired (before
    masks)."""
    return [*context_features(kind, source, None, ()),
            *(f"category:{c}" for c in sorted(set(categories)))]


NEAR = 4  # words either side of a trigger that the check weighs by their side as well
BEFORE, AFTER = "before:", "after:"  # near_triggers()' feature names begin so


def near_triggers(tokens: Tokens, fired: Iterable[Match]) -> set[str]:
    """The words just before and after each trigger that fired, as "before:my" and
    "after:research": who and what stands next to a trigger ("my diagnosis", "depression
    research") tells a disclosure from a work topic better than the whole text's words do.
    Checked on writers the check had not seen (trained on dev1-37, scored on dev38-40): AUC
    0.870 -> 0.885 at the same L2."""
    seq = tokens.folded
    out: set[str] = set()
    for _, first, last in fired:
        out.update(BEFORE + w for w in seq[max(0, first - NEAR):first])
        out.update(AFTER + w for w in seq[last:last + NEAR])
    return out


@dataclass(frozen=True)
class SensitiveModel:
    """The gate's weights, the categories' softmax weights and the check on lexicon hits."""

    bias: float
    cutoff: float  # the gate's log-odds at the threshold probability
    gate: WordWeights
    categories: tuple[str, ...]
    category_bias: tuple[float, ...]
    category_words: dict[str, tuple[float, ...]]
    check: Check | None = None

    def hit(self, tokens: Tokens) -> SensitiveHit | None:
        """The category a text reads as disclosing, or None below the threshold."""
        score, found = self.gate.weigh(tokens)
        if self.bias + score < self.cutoff:
            return None
        columns: list[list[float]] = [[b] for b in self.category_bias]
        for feature in features(tokens):  # all of them: only the few texts past the gate
            weights = self.category_words.get(feature)
            if weights:
                for column, weight in zip(columns, weights):
                    column.append(weight)
        # fsum is exact, so the totals do not depend on the set's order (which the hash seed
        # sets): a near-tie between two categories is decided the same in every process, and
        # an exact one goes to the category listed first.
        totals = [math.fsum(column) for column in columns]
        category = self.categories[max(range(len(totals)), key=totals.__getitem__)]
        return SensitiveHit(category, (), learned=self._named(found))

    def _named(self, found: Found) -> tuple[str, ...]:
        """The text's features weighing NAMED or more toward a disclosure, heaviest first
        (equal weights by name, so the reason does not depend on set order), but function
        words (lexicon.nameable)."""
        named = sorted(self.gate.contributions(found, NAMED, 1, nameable),
                       key=lambda fw: (-fw[1], fw[0]))
        return tuple(f for f, _ in named[:3])


@cache
def sensitive_model() -> SensitiveModel | None:
    """The committed model, or None when no weights are shipped (lexicons only)."""
    path = Path(__file__).parent / "data" / SENSITIVE_FILE
    if not path.is_file():
        return None
    from prebrief.classify import compiled, model  # the built tables: a tenth of the cost

    return compiled.cached_object(
        "sensitive-model", [path, Path(__file__), Path(model.__file__)],
        lambda: sensitive_model_of(json.loads(path.read_text("utf-8"))))


def sensitive_model_of(data: dict) -> SensitiveModel:
    """The models a weights file's data describes (scripts/train_classifier.py writes it)."""
    gate, cats, check = data["gate"], data["categories"], data.get("check")
    threshold = float(data["threshold"])
    return SensitiveModel(float(gate["bias"]), math.log(threshold / (1 - threshold)),
                          WordWeights.of({k: float(v) for k, v in gate["words"].items()}),
                          tuple(cats["names"]), tuple(cats["bias"]),
                          {k: tuple(v) for k, v in cats["words"].items()},
                          Check(float(check["bias"]),
                                WordWeights.of({k: float(v) for k, v in check["words"].items()}),
                                {k: float(v) for k, v in check["context"].items()},
                                {k: float(v) for k, v in check.get("near", {}).items()},
                                float(check["below"]))
                          if check else None)
