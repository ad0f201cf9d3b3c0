"""Score a text as professional vs personal from weighted cues and source/kind priors."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import NamedTuple

from prebrief.classify.lexicon import Cue, lexicon_matches, priors
from prebrief.classify.tokens import Tokens


class SphereScore(NamedTuple):  # a NamedTuple: built once per text, at half a dataclass's cost
    """Log-odds toward professional, the cues behind it and the prior applied."""

    margin: float
    cues: tuple[Cue, ...]
    prior: float
    prior_note: str


def find_cues(text: str | Tokens) -> list[Cue]:
    """Every lexicon cue in text (exact words and phrases, word prefixes)."""
    tokens = text if isinstance(text, Tokens) else Tokens(text)
    matches = lexicon_matches(tokens)[1]
    if len(matches) < 2:
        return [cue for cue, _, _ in matches]
    kept: list[Cue] = []
    reach = -1
    for cue, _, last in matches:  # in text order, longer first (TermMatcher.find)
        if last <= reach:  # inside a longer cue: "proud dad" counts once, not twice
            continue
        kept.append(cue)
        reach = max(reach, last)
    return kept


@lru_cache(maxsize=1024)  # a run sees a handful of (kind, source) pairs, again and again
def prior_for(kind: str | None, source: str | None) -> tuple[float, str]:
    """Prior log-odds from the fact kind and the source, with a readable note."""
    table = priors()
    value, notes = 0.0, []
    for axis, key in (("kind", kind), ("source", source)):
        if key:
            weight = table[axis].get(key.strip().lower(), 0.0)
            if weight:
                value += weight
                notes.append(f"{key} prior")
    return value, ", ".join(notes)


def score_sphere(text: str | Tokens, *, kind: str | None = None, source: str | None = None,
                 extra: float = 0.0) -> SphereScore:
    """Professional-minus-personal evidence for text; positive means professional."""
    cues = find_cues(text)
    prior, note = prior_for(kind, source)
    margin = _bias() + prior + extra
    for cue in cues:
        margin += cue.weight if cue.sphere == "professional" else -cue.weight
    return SphereScore(margin, tuple(cues), prior, note)


@cache
def _bias() -> float:
    return float(priors()["decision"]["bias"])


@cache
def disclosure_prior() -> float:
    """Log-odds toward professional for a text decided sensitive ([decision] disclosure)."""
    return float(priors()["decision"].get("disclosure", 0.0))


def topic_for(cues: tuple[Cue, ...] | list[Cue], sphere: str) -> str | None:
    """The topic with the most cue weight on the decided side (any side if it has none)."""
    by_topic: dict[str, float] = {}
    for cue in cues:
        if not cue.broad:
            by_topic[cue.topic] = by_topic.get(cue.topic, 0.0) + cue.weight
    if not by_topic:
        return None
    same = {c.topic for c in cues if c.sphere == sphere}
    pool = {t: w for t, w in by_topic.items() if t in same} or by_topic
    return max(pool, key=pool.__getitem__)
