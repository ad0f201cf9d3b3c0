"""A learned second opinion on sensitive disclosures, for what the lexicons miss.

The lexicons of sensitive.toml name disclosures phrase by phrase, and people new to them
describe the same things in words no list foresaw ("three weeks on the ward, home at last").
A logistic-regression gate over the sphere model's word features (words, adjacent pairs,
long-word prefixes: prebrief.classify.model.features) says whether a text the lexicons let
through still reads as a disclosure; where it does (probability >= the committed threshold), a
softmax over the seven categories says which. Both are fitted by scripts/train_classifier.py
on the development sets only and committed as data (data/sensitive_weights.json), so a
reviewer can read every weight.

It only ever adds a category: it never clears a lexicon hit, and it does not move the sphere
decision (the sphere model was fitted to the lexicon's hits alone).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from prebrief.classify.model import Found, WordWeights, features
from prebrief.classify.sensitive import SensitiveHit
from prebrief.classify.tokens import Tokens

SENSITIVE_FILE = "sensitive_weights.json"
CATEGORIES = ("health", "religion", "politics", "sexuality", "ethnicity", "union", "criminal")
NAMED = 0.3  # a word weighing this much toward a disclosure is named in the reason


@dataclass(frozen=True)
class SensitiveModel:
    """The gate's weights and the categories' softmax weights."""

    bias: float
    cutoff: float  # the gate's log-odds at the threshold probability
    gate: WordWeights
    categories: tuple[str, ...]
    category_bias: tuple[float, ...]
    category_words: dict[str, tuple[float, ...]]

    def hit(self, tokens: Tokens) -> SensitiveHit | None:
        """The category a text reads as disclosing, or None below the threshold."""
        score, found = self.gate.weigh(tokens)
        if self.bias + score < self.cutoff:
            return None
        totals = list(self.category_bias)
        for feature in features(tokens):  # all of them: only the few texts past the gate
            weights = self.category_words.get(feature)
            if weights:
                totals = [t + w for t, w in zip(totals, weights)]
        category = self.categories[max(range(len(totals)), key=totals.__getitem__)]
        return SensitiveHit(category, (), learned=self._named(found))

    def _named(self, found: Found) -> tuple[str, ...]:
        """The text's features weighing NAMED or more toward a disclosure, heaviest first
        (equal weights by name, so the reason does not depend on set order)."""
        named = sorted(self.gate.contributions(found, NAMED, 1), key=lambda fw: (-fw[1], fw[0]))
        return tuple(f for f, _ in named[:3])


@cache
def sensitive_model() -> SensitiveModel | None:
    """The committed model, or None when no weights are shipped (lexicons only)."""
    path = Path(__file__).parent / "data" / SENSITIVE_FILE
    if not path.is_file():
        return None
    data = json.loads(path.read_text("utf-8"))
    gate, cats = data["gate"], data["categories"]
    threshold = float(data["threshold"])
    return SensitiveModel(float(gate["bias"]), math.log(threshold / (1 - threshold)),
                          WordWeights.of({k: float(v) for k, v in gate["words"].items()}),
                          tuple(cats["names"]), tuple(cats["bias"]),
                          {k: tuple(v) for k, v in cats["words"].items()})
