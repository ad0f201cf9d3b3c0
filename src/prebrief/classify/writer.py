"""Who wrote a contact's texts, as far as it matters to the classifier: their gender.

"Ten years with my husband Jonas" reveals a same-sex couple only if its writer is a man. A
briefing knows its contact: the pronouns they state on their profile ("Anna (she/her)"), else
a given name of data/names.toml, which lists only names almost always given to one gender. A
plain text (eval-classifier and `prebrief classify` items have no writer) can say it itself:
"Dad of two. Ten years with my husband Jonas", "as the only woman on the desk, my wife...",
a post signed "Becky x" (writer_in_text; the terms are data/writer.toml).
The guess is used for one thing: to keep such a partner mention out of the talking points.
It is never shown, stored or used to describe the contact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
    from prebrief.classify.terms import TermMatcher
    from prebrief.classify.tokens import Tokens
    from prebrief.models import Fact

Gender = Literal["male", "female"]

# "she/her", "he / him", "zij/haar", "er/ihm": a declaration, not "him/her" in a sentence.
_PRONOUNS = re.compile(r"(?<![\w/])(he|she|they|hij|zij|hen|die|er|sie|xe|ze)\s*/\s*"
                       r"(him|his|her|hers|they|them|theirs?|hem|haar|hun|ihm|ihr|xem|hir)"
                       r"(?![\w/])",
                       re.IGNORECASE)
_DECLARED: dict[tuple[str, str], Gender] = {
    ("he", "him"): "male", ("he", "his"): "male", ("hij", "hem"): "male", ("er", "ihm"): "male",
    ("she", "her"): "female", ("she", "hers"): "female", ("zij", "haar"): "female",
    ("sie", "ihr"): "female",
}
PRONOUN_KINDS = frozenset({"name", "bio", "headline", "field", "about", "pronouns"})


class Writer(NamedTuple):
    """The writer's gender and what it was read from (for the reason a decision gives)."""

    gender: Gender
    basis: str  # "stated pronouns she/her", "given name"


def writer_of(name: str | None, profile_texts: Iterable[str] = ()) -> Writer | None:
    """The contact's gender from the pronouns their profile states, else from their given
    name; None when neither says (no pronouns and an unlisted or unisex name, they/them, or
    pronouns that disagree)."""
    declared: dict[Gender | None, str] = {}
    for text in profile_texts:
        for first, second in _PRONOUNS.findall(text):
            pair = (first.lower(), second.lower())
            declared.setdefault(_DECLARED.get(pair), "/".join(pair))
    if declared:
        if len(declared) == 1 and None not in declared:
            gender, shown = next(iter(declared.items()))
            return Writer(gender, f"stated pronouns {shown}")  # type: ignore[arg-type]
        return None  # they/them, she/they, he/him and she/her: no guess
    given = _given_name(name)
    if not given:
        return None
    gender = _gender_of_name(given)
    return Writer(gender, "given name") if gender else None


def writer_of_facts(name: str | None, facts: Iterable[Fact]) -> Writer | None:
    """writer_of() for a contact whose harvested facts these are: the pronouns stated in the
    kinds a profile states them in (PRONOUN_KINDS), else the given name."""
    return writer_of(name, (f.text for f in facts if f.kind in PRONOUN_KINDS))


def _given_name(name: str | None) -> str:
    """The first word of a display name, lower case ("Dr. Anna de Boer" -> "anna")."""
    words = re.findall(r"[^\W\d_]+", name or "")
    while words and words[0].lower() in _TITLES:
        words.pop(0)
    return words[0].lower() if words else ""


_TITLES = frozenset({"dr", "prof", "mr", "mrs", "ms", "mx", "ir", "ing", "drs", "herr",
                     "frau", "dipl", "sir", "dame"})


def writer_in_text(tokens: Tokens) -> Writer | None:
    """The writer's gender as a text states it itself, where it holds a partner word whose
    meaning depends on it (sensitive.toml's writer_<gender>_<lang> lists, "my husband"); None
    elsewhere, and where the text states neither gender or both.

    A text states it by first-person words (data/writer.toml: "as a dad" anywhere, "Mum of
    two" as its first words) or by a sign-off: a given name that names.toml lists for one
    gender only, alone after the last sentence ("... Becky x", "... - Mark").
    """
    from prebrief.classify.lexicon import lexicon_matches

    if not lexicon_matches(tokens)[2]:
        return None
    stated: dict[str, str] = {}
    for (gender, at_start), first, last in _self_terms().find(tokens):
        if not at_start or first == 0:
            stated.setdefault(gender, "own words '" + " ".join(tokens.folded[first:last]) + "'")
    signed = _SIGNED.search(tokens.text)
    if signed:
        gender = _gender_of_name(signed.group(1).lower())
        if gender:
            stated.setdefault(gender, f"sign-off '{signed.group(1)}'")
    if len(stated) != 1:
        return None
    gender, basis = next(iter(stated.items()))
    return Writer(gender, basis)  # type: ignore[arg-type]


# A name alone after a sentence end, a line break or a spaced dash, then at most kisses ("x",
# "xx") and punctuation or emoji, at the end of the text.
_SIGNED = re.compile(r"(?:[.!?\n]|\s[-–—~])\s*([^\W\d_]{2,})(?:\s*x{1,3})?[\W_]*$")


@cache
def _self_terms() -> TermMatcher:
    """data/writer.toml's terms; payload: (gender, whether it counts only at the start)."""
    from prebrief.classify.lexicon import expand_frames, load_toml
    from prebrief.classify.terms import TermMatcher

    data = load_toml("writer.toml")
    terms = [(term, (gender, key.startswith("start_"))) for gender in ("male", "female")
             for key, listed in data[gender].items() for term in listed]
    for gender in ("male", "female"):  # a frame's slot is its gender
        frames = [f for f in data["frames"]["any"] if "{" + gender + "}" in f]
        terms += [(term, (gender, False)) for term in expand_frames(frames)]
    return TermMatcher(terms)


def _gender_of_name(given: str) -> Gender | None:
    """The gender names.toml lists a given name (lower case) for, if only one."""
    from prebrief.classify.lexicon import load_toml

    names = load_toml("names.toml")
    male, female = given in names["male"], given in names["female"]
    return ("male" if male else "female") if male != female else None
