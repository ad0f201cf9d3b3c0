"""The versioned JSON contract for integrations. Shape pinned by schema/briefing.schema.json."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from prebrief import __version__
from prebrief.models import (Briefing, Education, Evidence, Identity, Role, Signal, SourceResult,
                             file_name)

SCHEMA_VERSION = "2.3"


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def file_label(path: str | None) -> str | None:
    """User files are named, not located: a shared report must not reveal local paths."""
    return file_name(path) if path else None


def evidence_dict(evidence: Evidence) -> dict[str, Any]:
    return {"source": evidence.source, "url": evidence.url, "file": file_label(evidence.file),
            "retrieved_at": _iso(evidence.retrieved_at), "method": evidence.method}


def role_dict(role: Role) -> dict[str, Any]:
    return {"title": role.title, "organization": role.organization, "start": role.start,
            "end": role.end, "current": role.current, "location": role.location,
            "evidence": evidence_dict(role.evidence)}


def education_dict(item: Education) -> dict[str, Any]:
    return {"school": item.school, "degree": item.degree, "field": item.field,
            "start": item.start, "end": item.end, "evidence": evidence_dict(item.evidence)}


def identity_dict(identity: Identity) -> dict[str, Any]:
    return {"platform": identity.platform, "handle": identity.handle, "url": identity.url,
            "file": file_label(identity.file), "found_via": identity.found_via,
            "confidence": round(identity.confidence, 3), "outcome": identity.outcome,
            "reasons": list(identity.reasons)}


def signal_dict(signal: Signal) -> dict[str, Any]:
    """Sensitive signals keep their category but never their content."""
    sensitive = signal.sphere == "sensitive"
    ev = signal.evidence
    return {"kind": signal.kind, "text": None if sensitive else signal.text,
            "sphere": signal.sphere, "sensitive_category": signal.sensitive_category,
            "topic": signal.topic, "confidence": round(signal.confidence, 3),
            "source": ev.source, "url": None if sensitive else ev.url,
            "file": file_label(ev.file),
            "method": ev.method, "retrieved_at": _iso(ev.retrieved_at),
            "published_at": _iso(signal.fact.published_at),
            "reason": withheld_reason(signal) if sensitive else signal.reason}


def withheld_reason(signal: Signal) -> str:
    """A sensitive signal's reason without its words: the classifier's reason quotes the
    phrases that decided it ("mentions 'burnout'") and the words around them, which are the
    content a briefing withholds; the category alone is said."""
    return f"sensitive ({signal.sensitive_category}): the wording is withheld"


def source_dict(result: SourceResult) -> dict[str, Any]:
    return {"source": result.source, "status": result.status.value, "message": result.message,
            "hint": result.hint, "identity": result.identity.label(),
            "fetched_at": _iso(result.fetched_at), "missing": list(result.missing)}


def briefing_dict(briefing: Briefing) -> dict[str, Any]:
    person = briefing.person
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": f"prebrief {__version__}",
        "generated_at": _iso(briefing.generated_at),
        "person": {
            "name": person.name, "headline": person.headline, "location": person.location,
            "roles": [role_dict(r) for r in person.roles],
            "education": [education_dict(e) for e in person.education],
            "provenance": {k: evidence_dict(v) for k, v in person.provenance},
        },
        "identities": [identity_dict(i) for i in briefing.identities],
        "signals": [signal_dict(s) for s in briefing.signals],
        "sources": [source_dict(r) for r in briefing.sources],
        "sections": sections_dict(briefing),
    }


def sections_dict(briefing: Briefing) -> dict[str, Any]:
    """The sheet's sections (v2): the same items as the HTML, each with its evidence."""
    from prebrief.sheet import build_sections, map_evidence

    return map_evidence(build_sections(briefing), evidence_dict, "evidence")
