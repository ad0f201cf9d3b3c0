"""Find sensitive disclosures (GDPR special categories plus criminal allegations)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from prebrief.classify.fields import stated_field
from prebrief.classify.lexicon import lexicon_matches, partner_matches, sensitive_lexicon
from prebrief.classify.terms import text_order
from prebrief.classify.tokens import Tokens
from prebrief.classify.writer import writer_in_text

if TYPE_CHECKING:
    from prebrief.classify.writer import Writer


_OTHER = {"male": "female", "female": "male"}


class SensitiveHit(NamedTuple):
    """The category found and the words that triggered it."""

    category: str
    phrases: tuple[str, ...]
    writer: Writer | None = None  # set when a phrase counts only because of who wrote it
    # Set when no phrase was found but the learned model reads a disclosure (prebrief.classify.
    # learned): the words that weighed most toward it, if any weighed much.
    learned: tuple[str, ...] | None = None
    # Set when the text is a profile field that states this category ("Religion: ...", see
    # prebrief.classify.fields): the field's label, as written.
    stated: str | None = None


def find_sensitive(text: str | Tokens, writer: Writer | None = None) -> SensitiveHit | None:
    """Return the dominant sensitive category in text, or None.

    Masks (professional contexts such as "cancer research", "Church Street", "anti-fraud team")
    cancel the triggers of their category they overlap, so a job title in a sensitive domain is
    not a disclosure. A known writer adds the triggers that hold for their gender only ("my
    husband", written by a man: prebrief.classify.writer), and sets aside those the other
    gender's list names ("my boyfriend", written by a woman). A profile field that states a
    category (prebrief.classify.fields) marks a hit of that category as stated, and one whose
    value alone discloses it ("Interested in: Men", the short answer "Politieke voorkeur:
    links") is a hit of its own.
    """
    tokens = text if isinstance(text, Tokens) else Tokens(text)
    hit = _lexicon_hit(tokens, writer)
    field = stated_field(tokens.text)
    if field is None:
        return hit
    label = field.label.lower()
    said = (f"{label}: {field.value}",)  # what a reason quotes where the value says it
    if hit is not None and hit.category == field.category:
        # A longer value must name it too: in "Political views: I'd rather talk about the
        # football" only the label does, and the label alone states nothing.
        named = tuple(phrase for phrase in hit.phrases if phrase not in label)
        if named or field.by_value:
            return hit._replace(phrases=named or said, stated=field.label)
        return hit
    if field.by_value:
        return SensitiveHit(field.category, said, stated=field.label)
    return hit


def _lexicon_hit(tokens: Tokens, writer: Writer | None) -> SensitiveHit | None:
    """find_sensitive's reading of the lexicons: triggers, masks and the writer's words."""
    lex = sensitive_lexicon()
    hits = lexicon_matches(tokens)[0]
    if writer is None:  # none known from a profile: the text may say ("Dad of two. ...")
        writer = writer_in_text(tokens)
    own: set[tuple[str, int, int]] = set()  # (category, span) of the writer's triggers
    if writer is not None:
        # A partner word that names a partner of the other gender ("my boyfriend", written by
        # a woman) reveals no same-sex couple: the lexicons' general triggers it overlaps
        # ("my boyfriend and i") do not count for a known writer. Without one, they do.
        other = partner_matches(tokens, _OTHER[writer.gender])
        if other:
            hits = [hit for hit in hits if not any(
                category == hit[0] and first < hit[2] and hit[1] < last
                for category, first, last in other)]
        by_writer = partner_matches(tokens, writer.gender)
        if by_writer:
            hits = sorted([*hits, *by_writer], key=text_order)
            own = {(c, *tokens.span(first, last)) for c, first, last in by_writer}
    if not hits:
        return None
    by_category: dict[str, list[tuple[int, int]]] = {}  # category -> its triggers' word ranges
    for category, first, last in hits:
        by_category.setdefault(category, []).append((first, last))
    found: dict[str, list[str]] = {}
    written: set[str] = set()  # categories a writer's trigger survived in
    for category, ranges in by_category.items():
        places = [tokens.span(first, last) for first, last in ranges]
        masks = lex.masks.get(category)
        if masks:  # one mask pass per category, over the words around all its triggers
            masked = masks.spans(tokens, min(f for f, _ in ranges), max(la for _, la in ranges),
                                 until=max(b for _, b in places))
            # A writer's partner word is exact ("my wife"): no context makes it innocent, and
            # masks written for the words around other triggers ("proud of my") must not
            # cancel it.
            places = [(a, b) for a, b in places
                      if not any(m < b and a < n for m, n in masked)
                      or own and (category, a, b) in own]
        if places:
            found[category] = [tokens.text[a:b].lower() for a, b in places]
            if own and any((category, a, b) in own for a, b in places):
                written.add(category)
    if not found:
        return None
    if len(found) == 1:
        category = next(iter(found))
    else:  # most distinct phrases wins; ties go to the category listed first in the data file
        rank = {c: i for i, c in enumerate(lex.order)}
        category = max(found, key=lambda c: (len(set(found[c])), -rank[c]))
    phrases = tuple(dict.fromkeys(found[category]))
    return SensitiveHit(category, phrases, writer if category in written else None)
