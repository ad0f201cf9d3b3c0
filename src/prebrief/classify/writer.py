"""Who wrote a contact's texts, as far as it matters to the classifier: their gender.

"Ten years with my husband Jonas" reveals a same-sex couple only if its writer is a man. A
plain text cannot say (eval-classifier and `prebrief classify` items have no writer), but a
briefing knows its contact: the pronouns they state on their profile ("Anna (she/her)"), else
a given name of data/names.toml, which lists only names almost always given to one gender.
The guess is used for one thing: to keep such a partner mention out of the talking points.
It is never shown, stored or used to describe the contact.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal, NamedTuple

if TYPE_CHECKING:
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
    from prebrief.classify.lexicon import load_toml

    names = load_toml("names.toml")
    male, female = given in names["male"], given in names["female"]
    if male != female:
        return Writer("male" if male else "female", "given name")
    return None


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
