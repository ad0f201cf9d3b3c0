"""How a calendar names a person: the display name as Outlook and Exchange write it, else a name
guessed from a personal address (and said to be guessed), else a label; never the address."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from importlib import resources

from prebrief.calendar.ics import Attendee

# Outlook appends the organisation or department: "Weißbrod, Jürgen (Hafenkontor Süd)".
_BRACKETED = re.compile(r"\s*\(([^()]*)\)\s*$")
GUESSED = "name guessed from e-mail"


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


def guessed_name(person: Attendee) -> str | None:
    """'pia.rietdijk@…' -> 'Pia Rietdijk': a first.last, first_last or first-last address;
    not a role address ('sales.team@') nor one word ('pia@')."""
    local = person.email.rpartition("@")[0].partition("+")[0]
    parts = re.split(r"[._-]", local)
    if len(parts) != 2 or not all(len(p) > 1 and p.isalpha() for p in parts):
        return None
    if any(p in _rules()["role_words"] for p in parts):
        return None
    return " ".join(p.capitalize() for p in parts)


def search_name(person: Attendee) -> str | None:
    """The name to search for: as the invitation gives it, else guessed from the address."""
    return display_name(person) or guessed_name(person)


def shown_name(person: Attendee) -> str | None:
    """The name to show: as the invitation gives it, else guessed and marked so."""
    name = display_name(person)
    if name:
        return name
    guess = guessed_name(person)
    return f"{guess} ({GUESSED})" if guess else None


def guest_labels(people: list[Attendee]) -> dict[str, str]:
    """A label per address, in the order given, that never shows the address: the shown
    name, else 'guest at DOMAIN', numbered where one domain has several such guests."""
    named = {p.email: shown_name(p) for p in people}
    per_domain = Counter(p.domain for p in people if named[p.email] is None)
    numbered: Counter[str] = Counter()
    labels = {}
    for person in people:
        name = named[person.email]
        if name is None:
            numbered[person.domain] += 1
            number = f" {numbered[person.domain]}" if per_domain[person.domain] > 1 else ""
            name = f"guest{number} at {person.domain}"
        labels[person.email] = name
    return labels
