"""A person's roles and headline are withheld where they read as sensitive, as signals are.

A LinkedIn profile lists "Deacon at Protestantse Gemeente Zeewolde" or "Shop Steward at FNV
Havens" both as a role fact, which the classifier reads (and the reports withhold as a
signal), and as a structured Role, which the career section, the common ground and the JSON's
person print. The structured copy must follow the signal's verdict, so it is withheld here,
once, before anything renders it or keeps it in a snapshot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from prebrief.models import Person, Role, Signal
from prebrief.sheet.text import norm


def withhold(person: Person, signals: Sequence[Signal]) -> Person:
    """person without the roles a sensitive role signal names, and with only the parts of its
    headline that read as non-sensitive. A role no source wrote as a fact (a saved LinkedIn
    page's experience) is classified here as a role fact would be."""
    verdicts = {norm(s.text): s.sensitive_category for s in signals if s.kind == "role"}
    roles = tuple(r for r in person.roles if not _sensitive_role(r, verdicts))
    headline = _headline(person, signals)
    if roles == person.roles and headline == person.headline:
        return person
    provenance = person.provenance if headline else tuple(
        (kind, ev) for kind, ev in person.provenance if kind != "headline")
    return replace(person, roles=roles, headline=headline, provenance=provenance)


def _sensitive_role(role: Role, verdicts: dict[str, str | None]) -> bool:
    text = role.text
    if not text:
        return False
    key = norm(text)
    if key in verdicts:
        return verdicts[key] is not None
    from prebrief.classify import classify_text

    return classify_text(text, kind="role", source=role.evidence.source).sensitive_category is not None


def _headline(person: Person, signals: Sequence[Signal]) -> str | None:
    """The headline, or where a part of it reads as sensitive ("VP Ops | Deacon at ..."), its
    other parts; None where nothing is left."""
    headline = person.headline
    evidence = dict(person.provenance).get("headline")
    if not headline or evidence is None:
        return headline
    parts = [s for s in signals if s.kind == "headline" and s.evidence == evidence]
    if not any(s.sensitive_category for s in parts):
        return headline
    kept = [s.text for s in parts if not s.sensitive_category]
    return " · ".join(kept) or None
