"""Find sensitive disclosures (GDPR special categories plus criminal allegations)."""

from __future__ import annotations

from dataclasses import dataclass

from prebrief.classify.lexicon import sensitive_lexicon


@dataclass(frozen=True)
class SensitiveHit:
    """The category found and the words that triggered it."""

    category: str
    phrases: tuple[str, ...]


def find_sensitive(text: str) -> SensitiveHit | None:
    """Return the dominant sensitive category in text, or None.

    Masks (professional contexts such as "cancer research", "Church Street", "anti-fraud team")
    are blanked first, so a job title in a sensitive domain does not count as a disclosure.
    """
    lex = sensitive_lexicon()
    masked = lex.masks.sub(" ", text)
    found: dict[str, list[str]] = {}
    for match in lex.triggers.finditer(masked):
        category = match.lastgroup
        if category:
            found.setdefault(category, []).append(match.group().strip().lower())
    if not found:
        return None
    # Most distinct phrases wins; ties go to the category listed first in the data file.
    category = max(found, key=lambda c: len(set(found[c])))
    return SensitiveHit(category, tuple(dict.fromkeys(found[category])))
