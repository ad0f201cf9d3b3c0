"""Find sensitive disclosures (GDPR special categories plus criminal allegations)."""

from __future__ import annotations

from dataclasses import dataclass

from prebrief.classify.lexicon import sensitive_lexicon
from prebrief.classify.terms import Tokens


@dataclass(frozen=True)
class SensitiveHit:
    """The category found and the words that triggered it."""

    category: str
    phrases: tuple[str, ...]


def find_sensitive(text: str | Tokens) -> SensitiveHit | None:
    """Return the dominant sensitive category in text, or None.

    Masks (professional contexts such as "cancer research", "Church Street", "anti-fraud team")
    cancel the triggers of their category they overlap, so a job title in a sensitive domain is
    not a disclosure.
    """
    lex = sensitive_lexicon()
    tokens = text if isinstance(text, Tokens) else Tokens(text)
    hits = lex.triggers.find(tokens)
    if not hits:
        return None
    found: dict[str, list[str]] = {}
    for category, first, last in hits:
        start, end = tokens.span(first, last)
        masks = lex.masks.get(category)
        if masks and any(a < end and start < b for a, b in masks.spans(tokens, first, last)):
            continue
        found.setdefault(category, []).append(tokens.text[start:end].lower())
    if not found:
        return None
    # Most distinct phrases wins; ties go to the category listed first in the data file.
    rank = {c: i for i, c in enumerate(lex.order)}
    category = max(found, key=lambda c: (len(set(found[c])), -rank[c]))
    return SensitiveHit(category, tuple(dict.fromkeys(found[category])))
