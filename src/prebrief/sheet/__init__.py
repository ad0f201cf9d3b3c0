"""The briefing sheet as a view model: sections of items, each citing its evidence.

build_sections() is pure data over a Briefing (also the JSON `sections`); build_sheet() adds
citation numbers for the HTML and Markdown templates, which stay thin.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from prebrief.models import Briefing, Change, Evidence, MeProfile, Meeting

LABELS = {
    "health": "health", "religion": "religion or belief", "politics": "political opinion",
    "sexuality": "sexual orientation or sex life", "ethnicity": "racial or ethnic origin",
    "union": "trade-union membership", "criminal": "criminal allegations",
}


@dataclass
class Citations:
    """Numbers each distinct piece of evidence once, in order of first use."""

    entries: list[Evidence] = field(default_factory=list)
    _index: dict[tuple[Any, ...], int] = field(default_factory=dict)

    def cite(self, evidence: Evidence) -> int:
        key = (evidence.source, evidence.url, evidence.file)
        if key not in self._index:
            self.entries.append(evidence)
            self._index[key] = len(self.entries)
        return self._index[key]


def build_sections(briefing: Briefing) -> dict[str, Any]:
    """Every section of the sheet, in reading order; empty ones are empty, never invented."""
    from prebrief.sheet.cues import cues_section
    from prebrief.sheet.sections import (activity_section, care_section, career_section,
                                         company_section, contact_zone, identity_section,
                                         rapport_section, sources_section)
    from prebrief.sheet.starters import common_ground, starters

    me = briefing.extra("me")
    sections: dict[str, Any] = {
        "meeting": _meeting(briefing.extra("meeting")),
        "identity": identity_section(briefing),
        "changes": _changes(briefing.extra("changes")),
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
    return {"title": value.title, "start": value.start.isoformat(timespec="minutes"),
            "end": value.end.isoformat(timespec="minutes") if value.end else None,
            "location": value.location, "attendees": list(value.attendees)}


def _changes(value: object) -> dict[str, Any] | None:
    if not isinstance(value, (list, tuple)):
        return None
    changes = [c for c in value if isinstance(c, Change)]
    if not changes:
        return None
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
