"""The briefing sheet as a view model: sections of lines, each line citing its evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from prebrief.models import Briefing, Evidence, Signal, SourceResult

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


@dataclass(frozen=True)
class Line:
    text: str
    cite: int
    detail: str | None = None
    date: str | None = None


def _line(signal: Signal, citations: Citations) -> Line:
    date = signal.fact.published_at.date().isoformat() if signal.fact.published_at else None
    detail = f"{signal.topic} · {signal.reason}" if signal.topic else signal.reason
    return Line(signal.text, citations.cite(signal.evidence), detail, date)


def build_sheet(briefing: Briefing) -> dict[str, Any]:
    """Everything a template needs, with sensitive content already removed."""
    citations = Citations()
    person = briefing.person
    header = {kind: citations.cite(ev) for kind, ev in person.provenance}
    roles = [{"role": r, "cite": citations.cite(r.evidence)} for r in person.roles]
    education = [{"item": e, "cite": citations.cite(e.evidence)} for e in person.education]
    professional = [_line(s, citations) for s in briefing.signals if s.sphere == "professional"]
    personal = [_line(s, citations) for s in briefing.signals if s.sphere == "personal"]
    avoid: dict[str, int] = {}
    for s in briefing.signals:
        if s.sphere == "sensitive" and s.sensitive_category:
            avoid[s.sensitive_category] = avoid.get(s.sensitive_category, 0) + 1
    return {
        "briefing": briefing, "person": person, "header_cites": header, "roles": roles,
        "education": education, "professional": professional, "personal": personal,
        "avoid": [{"category": LABELS.get(k, k), "count": n} for k, n in sorted(avoid.items())],
        "identities": [i for i in briefing.identities if i.outcome == "accepted"],
        "possible": [i for i in briefing.identities if i.outcome == "possible"],
        "sources": [_source_row(r) for r in briefing.sources],
        "citations": citations.entries,
    }


def _source_row(result: SourceResult) -> dict[str, Any]:
    return {"result": result, "label": result.identity.label(), "status": result.status.value,
            "status_text": result.status.value.replace("_", " ")}
