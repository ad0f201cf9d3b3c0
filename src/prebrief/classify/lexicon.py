"""Load the classifier's data files once and compile them into matchers.

Term syntax (data/*.toml), shared by every lexicon so a new language is a data change:

    word        the whole word, any case            "chemo" matches "Chemo", not "chemotherapy"
    word*       word prefix (morphology)            "diagnos*" matches "diagnosed", "diagnosis"
    *word       word suffix (NL/DE compounds)       "*kanker" matches "borstkanker"
    two words   any run of spaces or hyphens        "burn out" matches "burn-out", "burn  out"
    a-b         hyphen optional                     "burn-out" matches "burnout", "burn out"
    cs:TERM     case-sensitive                      "cs:SPD" does not match "spd"
    re:REGEX    a raw regular expression (case-insensitive unless it says (?-i:...))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

_WORD = re.compile(r"\w+")


def load_toml(name: str) -> dict[str, Any]:
    """Read one data file from prebrief/classify/data/."""
    import tomllib  # deferred: only paid on first classification

    text = resources.files("prebrief.classify").joinpath("data", name).read_text("utf-8")
    return tomllib.loads(text)


def term_regex(term: str) -> str:
    """Translate one lexicon term into a regular expression fragment."""
    if term.startswith("re:"):
        return f"(?:{term[3:]})"
    case_sensitive = term.startswith("cs:")
    core = term[3:] if case_sensitive else term
    lead, trail = core.startswith("*"), core.endswith("*")
    core = core.strip("*")
    body = []
    for ch in core:
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


def alternation(terms: list[str]) -> str:
    """One non-capturing alternation over lexicon terms (longest first)."""
    return "(?:" + "|".join(term_regex(t) for t in sorted(set(terms), key=len, reverse=True)) + ")"


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; apostrophes and hyphens split words."""
    return _WORD.findall(text.lower())


@dataclass(frozen=True)
class SensitiveLexicon:
    """Category triggers (one regex, a named group per category) and masks."""

    triggers: re.Pattern[str]
    masks: re.Pattern[str]
    sphere_bias: dict[str, float]
    labels: dict[str, str]


@cache
def sensitive_lexicon() -> SensitiveLexicon:
    """Compile data/sensitive.toml: every language's terms feed the same category."""
    data = load_toml("sensitive.toml")
    groups, bias, labels = [], {}, {}
    for category, spec in data["categories"].items():
        terms = [t for key, val in spec.items() if key.startswith("terms_") for t in val]
        groups.append(f"(?P<{category}>{alternation(terms)})")
        bias[category] = float(spec.get("sphere_bias", 0.0))
        labels[category] = spec.get("label", category)
    masks = [t for key, val in data["masks"].items() for t in val]
    return SensitiveLexicon(
        triggers=re.compile("|".join(groups), re.IGNORECASE),
        masks=re.compile(alternation(masks), re.IGNORECASE),
        sphere_bias=bias,
        labels=labels,
    )


@dataclass(frozen=True)
class Cue:
    """One sphere cue: the phrase that matched, its topic, sphere and weight."""

    phrase: str
    topic: str
    sphere: str
    weight: float


@dataclass(frozen=True)
class CueLexicon:
    """Sphere/topic cues indexed for token lookup: exact n-grams and word prefixes."""

    ngrams: dict[str, tuple[Cue, ...]]
    prefixes: dict[str, tuple[Cue, ...]]
    prefix_lengths: tuple[int, ...]
    max_n: int


@cache
def cue_lexicon() -> CueLexicon:
    """Index data/topics.toml: each topic carries its sphere, weight and terms."""
    data = load_toml("topics.toml")
    ngrams: dict[str, list[Cue]] = {}
    prefixes: dict[str, list[Cue]] = {}
    max_n = 1
    for topic, spec in data["topics"].items():
        for term in (t for key, val in spec.items() if key.startswith("terms") for t in val):
            weight = float(spec.get("weight", 1.0))
            if ":" in term:
                term, _, w = term.rpartition(":")
                weight = float(w)
            key = " ".join(tokens(term))
            cue = Cue(term.rstrip("*"), topic, spec["sphere"], weight)
            if term.endswith("*"):
                prefixes.setdefault(key, []).append(cue)
            else:
                ngrams.setdefault(key, []).append(cue)
                max_n = max(max_n, key.count(" ") + 1)
    return CueLexicon(
        ngrams={k: tuple(v) for k, v in ngrams.items()},
        prefixes={k: tuple(v) for k, v in prefixes.items()},
        prefix_lengths=tuple(sorted({len(k) for k in prefixes}, reverse=True)),
        max_n=max_n,
    )


@cache
def priors() -> dict[str, Any]:
    """Source and kind priors (log-odds toward professional) and decision settings."""
    return load_toml("priors.toml")
