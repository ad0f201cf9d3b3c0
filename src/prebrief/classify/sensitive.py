"""Find sensitive disclosures (GDPR special categories plus criminal allegations)."""

from __future__ import annotations

from typing import NamedTuple

from prebrief.classify.lexicon import lexicon_matches, sensitive_lexicon
from prebrief.classify.tokens import Tokens


class SensitiveHit(NamedTuple):
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
    by_category: dict[str, list[tuple[int, int]]] = {}  # category -> its triggers' word ranges
    for category, first, last in hits:
        by_category.setdefault(category, []).append((first, last))
    found: dict[str, list[str]] = {}
    for category, ranges in by_category.items():
        places = [tokens.span(first, last) for first, last in ranges]
        masks = lex.masks.get(category)
        if masks:  # one mask pass per category, over the words around all its triggers
            masked = masks.spans(tokens, min(f for f, _ in ranges), max(la for _, la in ranges),
                                 until=max(b for _, b in places))
            places = [(a, b) for a, b in places
                      if not any(m < b and a < n for m, n in masked)]
        if places:
            found[category] = [tokens.text[a:b].lower() for a, b in places]
    if not found:
        return None
    if len(found) == 1:
        category = next(iter(found))
    else:  # most distinct phrases wins; ties go to the category listed first in the data file
        rank = {c: i for i, c in enumerate(lex.order)}
        category = max(found, key=lambda c: (len(set(found[c])), -rank[c]))
    return SensitiveHit(category, tuple(dict.fromkeys(found[category])))
