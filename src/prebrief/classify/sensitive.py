"""Find sensitive disclosures (GDPR special categories plus criminal allegations)."""

from __future__ import annotations

from dataclasses import dataclass

from prebrief.classify.lexicon import lexicon_matches, sensitive_lexicon
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
    hits = lexicon_matches(tokens)[0]
    if not hits:
        return None
    by_category: dict[str, list[tuple[int, int]]] = {}
    for category, first, last in hits:
        by_category.setdefault(category, []).append(tokens.span(first, last))
    found: dict[str, list[str]] = {}
    for category, places in by_category.items():
        masks = lex.masks.get(category)
        if masks:  # one mask pass per category, over the words around all its triggers
            first = min(f for c, f, _ in hits if c == category)
            last = max(la for c, _, la in hits if c == category)
            masked = masks.spans(tokens, first, last)
            places = [(a, b) for a, b in places
                      if not any(m < b and a < n for m, n in masked)]
        found.update({category: [tokens.text[a:b].lower() for a, b in places]} if places else {})
    if not found:
        return None
    # Most distinct phrases wins; ties go to the category listed first in the data file.
    rank = {c: i for i, c in enumerate(lex.order)}
    category = max(found, key=lambda c: (len(set(found[c])), -rank[c]))
    return SensitiveHit(category, tuple(dict.fromkeys(found[category])))
