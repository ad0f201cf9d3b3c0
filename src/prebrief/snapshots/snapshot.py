"""A contact's compact snapshot: only what change detection needs, nothing sensitive.

The same shape is built from an in-memory Briefing or from a briefing JSON file (report.py),
so `prebrief diff OLD.json NEW.json` and `--since-last` compare like with like.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from prebrief.models import Briefing

SNAPSHOT_VERSION = 1
Snapshot = dict[str, Any]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None


def _current_role(roles: Iterable[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The current role: one marked current, else the latest one with no end date."""
    listed = list(roles)
    current = next((r for r in listed if r.get("current")), None)
    if current is None and listed and not listed[0].get("end"):
        current = listed[0]
    return current


def _compact(generated_at: str | None, person: Mapping[str, Any],
             profiles: Iterable[str], signals: Iterable[Mapping[str, Any]]) -> Snapshot:
    role = _current_role(person.get("roles") or ())
    schools = [" — ".join(x for x in (e.get("school"), e.get("degree")) if x)
               for e in person.get("education") or () if e.get("school")]
    topics, latest = set(), None
    for signal in signals:
        if signal.get("sphere") == "sensitive":
            continue  # not even its date: sensitive signals leave no trace here
        if signal.get("sphere") == "professional" and signal.get("topic"):
            topics.add(str(signal["topic"]))
        when = signal.get("published_at")
        if when and (latest is None or str(when) > latest):
            latest = str(when)
    return {"version": SNAPSHOT_VERSION, "generated_at": generated_at,
            "employer": (role or {}).get("organization"), "title": (role or {}).get("title"),
            "location": person.get("location"), "education": sorted(set(schools)),
            "profiles": sorted(set(profiles)), "topics": sorted(topics),
            "latest_activity": latest}


def snapshot_of(briefing: Briefing) -> Snapshot:
    """The compact snapshot of a briefing just gathered."""
    person = briefing.person
    gone = {r.identity.label() for r in briefing.sources if r.status.value == "not_found"}
    profiles = [i.label() for i in briefing.identities
                if i.outcome == "accepted" and not i.file and i.label() not in gone]
    roles = [{"title": r.title, "organization": r.organization, "current": r.current,
              "end": r.end} for r in person.roles]
    education = [{"school": e.school, "degree": e.degree} for e in person.education]
    signals = [{"sphere": s.sphere, "topic": s.topic, "published_at": _iso(s.fact.published_at)}
               for s in briefing.signals]
    return _compact(_iso(briefing.generated_at),
                    {"roles": roles, "education": education, "location": person.location},
                    profiles, signals)


def snapshot_from_json(data: Mapping[str, Any]) -> Snapshot:
    """The compact snapshot of a briefing JSON document (schema 2.x); fields of the wrong
    type are ignored, as a hand-edited or foreign file may have them."""
    person = _mapping(data.get("person"))
    gone = {s.get("identity") for s in _mappings(data.get("sources"))
            if s.get("status") == "not_found"}
    profiles = [_label(i) for i in _mappings(data.get("identities"))
                if i.get("outcome", "accepted") == "accepted" and not i.get("file")]
    clean = {"roles": [_strings(r, "title", "organization", "end") | {"current": bool(
                 r.get("current"))} for r in _mappings(person.get("roles"))],
             "education": [_strings(e, "school", "degree")
                           for e in _mappings(person.get("education"))],
             "location": _text(person.get("location"))}
    signals = [_strings(s, "sphere", "topic", "published_at")
               for s in _mappings(data.get("signals"))]
    return _compact(_text(data.get("generated_at")), clean,
                    [p for p in profiles if p and p not in gone], signals)


def _mapping(value: object) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _mappings(value: object) -> list[Mapping[str, Any]]:
    return [v for v in value if isinstance(v, Mapping)] if isinstance(value, list) else []


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _strings(item: Mapping[str, Any], *keys: str) -> dict[str, str | None]:
    return {k: _text(item.get(k)) for k in keys}


def _label(identity: Mapping[str, Any]) -> str | None:
    url, handle = _text(identity.get("url")), _text(identity.get("handle"))
    if url:
        return url
    return f"{identity.get('platform')}:{handle}" if handle else None
