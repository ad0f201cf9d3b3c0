"""The briefing sheet as a view model: sections of items, each citing its evidence.

build_sections() is pure data over a Briefing (also the JSON `sections`); build_sheet() adds
citation numbers for the HTML and Markdown templates, which stay thin.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from prebrief.models import Briefing, Change, Evidence, MeProfile, Meeting

LABELS = {
    "health": "health", "religion": "religion or belief", "politics": "political opinion",
    "sexuality": "sexual orientation or sex life", "ethnicity": "racial or ethnic origin",
    "union": "trade-union membership", "criminal": "criminal allegations",
}


@dataclass
class Citations:
    """Numbers each distinct document (source, URL, file) once, in order of first use.

    Its entry names every way a cited fact was read from it ("LinkedIn PDF: experience,
    honors, skills"; "user notes: line 1, line 3"), not only the first: facts of one file or
    page share a number, and each must be traceable to how it was extracted."""

    _first: list[Evidence] = field(default_factory=list)
    _methods: list[list[str]] = field(default_factory=list)
    _index: dict[tuple[Any, ...], int] = field(default_factory=dict)

    def cite(self, evidence: Evidence) -> int:
        key = evidence.document
        number = self._index.get(key)
        if number is None:
            self._first.append(evidence)
            self._methods.append([evidence.method])
            number = self._index[key] = len(self._first)
        elif evidence.method not in self._methods[number - 1]:
            self._methods[number - 1].append(evidence.method)
        return number

    @property
    def entries(self) -> list[Evidence]:
        """One Evidence per number, its method naming every method cited under it."""
        return [replace(ev, method=merged_methods(methods)) if len(methods) > 1 else ev
                for ev, methods in zip(self._first, self._methods, strict=True)]


def merged_methods(methods: list[str]) -> str:
    """Methods as one phrase: those sharing a prefix before ": " once, their details listed
    in natural order ("LinkedIn PDF: experience, honors"; "line 2, line 10"); the others
    after, separated by "; "."""
    details: dict[str, list[str]] = {}
    for method in methods:
        head, _, tail = method.partition(": ")
        details.setdefault(head, [])
        if tail:
            details[head].append(tail)
    return "; ".join(f"{head}: {_listed(sorted(tails, key=_natural))}" if tails else head
                     for head, tails in details.items())


_LINE = re.compile(r"line (\d+)$")


def _listed(details: list[str]) -> str:
    """Details joined, where runs of numbered lines read as ranges ("lines 1-200, line 204")
    rather than two hundred entries."""
    out: list[str] = []
    run: list[int] = []

    def close() -> None:
        if run:
            out.append(f"lines {run[0]}-{run[-1]}" if len(run) > 2 else
                       ", ".join(f"line {n}" for n in run))
            run.clear()

    for detail in details:
        m = _LINE.fullmatch(detail)
        if m and run and int(m.group(1)) == run[-1] + 1:
            run.append(int(m.group(1)))
            continue
        close()
        if m:
            run.append(int(m.group(1)))
        else:
            out.append(detail)
    close()
    return ", ".join(out)


def _natural(text: str) -> list[Any]:
    return [int(p) if p.isdigit() else p.lower() for p in re.split(r"(\d+)", text)]


def build_sections(briefing: Briefing) -> dict[str, Any]:
    """Every section of the sheet, in reading order; empty ones are empty, never invented."""
    from prebrief.sheet.care import care_section
    from prebrief.sheet.cues import cues_section
    from prebrief.sheet.sections import (activity_section, career_section, company_section,
                                         contact_zone, identity_section, rapport_section,
                                         sources_section)
    from prebrief.sheet.starters import common_ground, starters

    me = briefing.extra("me")
    sections: dict[str, Any] = {
        "meeting": _meeting(briefing.extra("meeting")),
        "identity": identity_section(briefing),
        "changes": _changes(briefing.extra("changes"), briefing.extra("compared_with")),
        "career": career_section(briefing),
        "company": company_section(briefing),
        "activity": activity_section(briefing),
        "rapport": rapport_section(briefing),
        "common_ground": common_ground(briefing, me if isinstance(me, MeProfile) else None),
    }
    sections["starters"] = starters(sections, briefing.generated_at.year)
    sections["care"] = care_section(briefing)
    sections["cues"] = cues_section(briefing, contact_zone(briefing))
    sections["sources"] = sources_section(briefing)
    return sections


def _meeting(value: object) -> dict[str, Any] | None:
    if not isinstance(value, Meeting):
        return None
    def moment(when: datetime) -> str:
        return when.date().isoformat() if value.all_day else when.isoformat(timespec="minutes")

    return {"title": value.title, "start": moment(value.start),
            "end": moment(value.end) if value.end else None, "all_day": value.all_day,
            "location": value.location, "attendees": list(value.attendees),
            "guest": value.guest, "more": [_meeting(m) for m in value.more]}


def _changes(value: object, compared_with: object = None) -> dict[str, Any] | None:
    """What changed since the last snapshot; with nothing changed, an empty list dated by the
    snapshot it was compared with (None where there was none to compare with)."""
    if not isinstance(value, (list, tuple)):
        return None
    changes = [c for c in value if isinstance(c, Change)]
    if not changes:
        from prebrief.snapshots.changes import parse_time

        when = parse_time(compared_with)
        return {"since": when.date().isoformat(), "items": []} if when else None
    since = min(c.since for c in changes)
    return {"since": since.date().isoformat(),
            "items": [{"kind": c.kind, "text": c.text, "before": c.before, "after": c.after}
                      for c in changes]}


def map_evidence(value: Any, convert: Callable[[Evidence], Any], key: str) -> Any:
    """A copy of the sections with each `evidence` replaced by convert(evidence) under key."""
    if isinstance(value, dict):
        out = {k: map_evidence(v, convert, key) for k, v in value.items() if k != "evidence"}
        if "evidence" in value:
            ev = value["evidence"]
            out[key] = convert(ev) if isinstance(ev, Evidence) else None
        return out
    if isinstance(value, list):
        return [map_evidence(v, convert, key) for v in value]
    return value


def build_sheet(briefing: Briefing) -> dict[str, Any]:
    """Everything a template needs, with sensitive content already removed."""
    citations = Citations()
    person = briefing.person
    header = {kind: citations.cite(ev) for kind, ev in person.provenance}
    sections = map_evidence(build_sections(briefing), citations.cite, "cite")
    photo = briefing.extra("photo")
    return {
        "briefing": briefing, "person": person, "header_cites": header, "s": sections,
        "photo": photo if isinstance(photo, str) and photo.startswith("data:image/") else None,
        "citations": citations.entries,
    }
