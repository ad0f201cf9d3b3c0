"""How a calendar names a person: the display name as Outlook and Exchange write it."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from prebrief.calendar.ics import Attendee

# Outlook appends the organisation or department: "Weißbrod, Jürgen (Hafenkontor Süd)".
_BRACKETED = re.compile(r"\s*\(([^()]*)\)\s*$")


@cache
def _rules() -> dict[str, frozenset[str]]:
    raw = json.loads(resources.files("prebrief.calendar").joinpath("names.json").read_text(
        encoding="utf-8"))
    return {k: frozenset(v) for k, v in raw.items() if not k.startswith("_")}


def _split_bracketed(name: str) -> tuple[str, str | None]:
    match = _BRACKETED.search(name)
    if match is None:
        return name, None
    return name[:match.start()].strip(), match.group(1).strip() or None


def display_name(person: Attendee) -> str | None:
    """'Vandersloot, Marit' -> 'Marit Vandersloot'; 'Weißbrod, Jürgen (Hafenkontor Süd)' ->
    'Jürgen Weißbrod': the bracketed part says where they work, it is not their name."""
    if not person.name or "@" in person.name:
        return None
    name = _split_bracketed(person.name)[0]
    last, comma, first = name.partition(",")
    if comma and first.strip() and last.strip() and "," not in first:
        return f"{first.strip()} {last.strip()}"
    return name or None


def organisation_hint(person: Attendee) -> str | None:
    """The organisation in brackets after a display name, unless it is a tag like
    '(External)' or pronouns."""
    hint = _split_bracketed(person.name or "")[1]
    if hint is None or "/" in hint or hint.casefold() in _rules()["not_organisations"]:
        return None
    return hint
