"""Profile fields that state a special category outright ("Religious views: Quaker").

A Facebook intro field or a personal site's "Konfession: evangelisch" line is a disclosure by
its form: the label says what the value is. The labels and the values that answer nothing are
data (data/fields.toml), so a language adds its labels there. Pure: text in, FieldStatement or
None out; prebrief.classify.core decides what a statement changes.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

from prebrief.classify.lexicon import load_toml

# A field opens the text: a label of at most a few words, then ":" (or a dash between spaces,
# as a saved page may flatten it), then the value. Looked for only in the first characters.
_HEAD = 48
_FIELD = re.compile(r"\s*([^\W\d][\w/ ]{1,40}?)\s*(?::|\s[-–—]\s)\s*(.*)", re.DOTALL)
_SEPARATOR = re.compile(r"\s*[·•|;,/]\s*|\s+-\s+")
_EDGES = " \t\r\n.,;:!?()[]{}\"'“”‘’«»-–—·•|"


# A labelled field's value of at most this many words is an answer to it ("Politieke voorkeur:
# links", "Religion: Church of Ireland"), a disclosure by itself; a longer one is a sentence
# ("Political views: I'd rather talk about the football") that only confirms the lexicons.
SHORT_ANSWER = 3


class FieldStatement(NamedTuple):
    """A field that states a category: its label and value as written, and whether the value
    alone discloses it (a [values] field, or a short answer to a label) or only confirms the
    lexicons' reading (a longer value)."""

    category: str
    label: str
    value: str
    by_value: bool


class _Fields(NamedTuple):
    labels: dict[str, str]  # label -> category
    values: dict[str, tuple[str, frozenset[str]]]  # label -> (category, the values it takes)
    non_answers: tuple[str, ...]


@cache
def _fields() -> _Fields:
    data = load_toml("fields.toml")
    labels = {label: category for category, listed in data.get("labels", {}).items()
              for label in listed}
    values = {label: (category, frozenset(spec["values"]))
              for category, spec in data.get("values", {}).items() for label in spec["labels"]}
    non = tuple(v for listed in data.get("non_answers", {}).values() for v in listed)
    return _Fields(labels, values, non)


def _normal(text: str) -> str:
    return " ".join(text.lower().split())


def _answers(value: str, non_answers: tuple[str, ...]) -> bool:
    """Whether a value says something: not empty, and not a non-answer alone or as its first
    words ("none, but I do love a good cathedral")."""
    if not value:
        return False
    for non in non_answers:
        if value == non or (value.startswith(non) and not value[len(non)].isalnum()):
            return False
    return True


def stated_field(text: str) -> FieldStatement | None:
    """The category a profile field states, if the text is one ("Political views: Green"),
    else None."""
    head = text[:_HEAD]
    if ":" not in head and " - " not in head and "–" not in head and "—" not in head:
        return None  # nearly every text: no regular expression runs
    match = _FIELD.match(text)
    if match is None:
        return None
    fields = _fields()
    label = _normal(match.group(1))
    if label not in fields.values and label not in fields.labels:
        return None  # "VP Sales: ...": the value is not read at all
    value = _normal(match.group(2)).strip(_EDGES)
    if not _answers(value, fields.non_answers):
        return None
    if label in fields.values:
        category, accepted = fields.values[label]
        # The value up to a separator: "Men · Gender: Male", "Women | Berlin".
        first = _SEPARATOR.split(value, maxsplit=1)[0].strip(_EDGES)
        if first in accepted:
            return FieldStatement(category, match.group(1).strip(), first, True)
        return None
    category = fields.labels[label]
    short = len(value.split()) <= SHORT_ANSWER
    return FieldStatement(category, match.group(1).strip(), value, short)
