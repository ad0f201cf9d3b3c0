"""Merge what every source said into one Person, with provenance for each header field."""

from __future__ import annotations

import re
from collections.abc import Iterable

from prebrief.models import Education, Evidence, Fact, Person, Role, SourceResult

_HEADER_KINDS = ("name", "headline", "location", "photo")


def merge_person(results: Iterable[SourceResult], priority: dict[str, int]) -> Person:
    """First non-empty value per field by source priority (APIs and user files first)."""
    ordered = sorted((r for r in results if r.ok), key=lambda r: priority.get(r.source, 50))
    chosen: dict[str, Fact] = {}
    roles: list[Role] = []
    education: list[Education] = []
    for result in ordered:
        for fact in result.harvest.facts:
            if fact.kind in _HEADER_KINDS and fact.text and fact.kind not in chosen:
                chosen[fact.kind] = fact
        roles.extend(result.harvest.roles)
        education.extend(result.harvest.education)
    provenance: tuple[tuple[str, Evidence], ...] = tuple(
        (kind, fact.evidence) for kind, fact in chosen.items())
    return Person(
        name=_text(chosen.get("name")), headline=_text(chosen.get("headline")),
        location=_text(chosen.get("location")), photo_url=_text(chosen.get("photo")),
        roles=merge_roles(roles), education=merge_education(education), provenance=provenance,
    )


def _text(fact: Fact | None) -> str | None:
    return fact.text if fact else None


def _norm(value: str | None) -> str:
    return re.sub(r"[^a-z0-9]+", " ", (value or "").casefold()).strip()


def merge_roles(roles: Iterable[Role]) -> tuple[Role, ...]:
    """One entry per (title, organization); the richest wins; current first, then by start."""
    best: dict[tuple[str, str], Role] = {}
    for role in roles:
        key = (_norm(role.title), _norm(role.organization))
        if not any(key):
            continue
        if key not in best or _richness(role) > _richness(best[key]):
            best[key] = role
    # A title-less entry for an organisation that also has a titled entry adds nothing; GitHub's
    # "@norrbrook" names the same employer as "Norrbrook Logistics", so match on whole words.
    titled_orgs = {org for (title, org) in best if title}
    kept = [r for (title, org), r in best.items()
            if title or not any(_same_org(org, other) for other in titled_orgs)]
    return tuple(sorted(kept, key=lambda r: (not r.current, _negated(r.start))))


def _same_org(a: str, b: str) -> bool:
    words_a, words_b = set(a.split()), set(b.split())
    return bool(words_a) and (words_a <= words_b or words_b <= words_a)


def _richness(role: Role) -> int:
    return sum(bool(v) for v in (role.title, role.organization, role.start, role.end,
                                 role.location, role.description)) + role.current


def _negated(start: str | None) -> str:
    # Sort newest first without parsing: invert the digits.
    return "".join(chr(ord("9") - ord(c) + ord("0")) if c.isdigit() else c
                   for c in (start or "0000"))


def merge_education(items: Iterable[Education]) -> tuple[Education, ...]:
    best: dict[str, Education] = {}
    for item in items:
        key = _norm(item.school)
        richness = sum(bool(v) for v in (item.degree, item.field, item.start, item.end))
        if key and (key not in best or richness > sum(bool(v) for v in (
                best[key].degree, best[key].field, best[key].start, best[key].end))):
            best[key] = item
    return tuple(sorted(best.values(), key=lambda e: _negated(e.end or e.start)))
