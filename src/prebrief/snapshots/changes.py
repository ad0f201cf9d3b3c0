"""What changed between two snapshots of one contact, most valuable first (a job change)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from prebrief.models import Change
from prebrief.sheet.text import same

QUIET_DAYS = 90
Snapshot = dict[str, Any]


def parse_time(value: object) -> datetime | None:
    """An aware datetime from an ISO string; naive ones are taken as UTC."""
    if not isinstance(value, str) or not value:
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def changes(old: Snapshot, new: Snapshot, *, quiet_days: int = QUIET_DAYS) -> tuple[Change, ...]:
    """Changes from the old snapshot to the new; a value the new run lacks is no change
    (a source that failed today must not read as a person who changed)."""
    since = parse_time(old.get("generated_at")) or datetime.fromtimestamp(0, UTC)
    found: list[Change] = []
    for detect in DETECTORS:
        found.extend(detect(old, new, since))
    quiet = _quiet(old, new, since, quiet_days)
    return (*found, *quiet)


def _job(old: Snapshot, new: Snapshot, since: datetime) -> list[Change]:
    was_org, now_org = old.get("employer"), new.get("employer")
    was_title, now_title = old.get("title"), new.get("title")
    if now_org and was_org and not same(was_org, now_org, org=True):
        now = f"{now_title} at {now_org}" if now_title else now_org
        was = f"{was_title} at {was_org}" if was_title else was_org
        return [Change("employer", f"New employer: {now} (was {was})", since, was_org, now_org)]
    if now_title and was_title and not same(was_title, now_title):
        at = f" at {now_org}" if now_org else ""
        return [Change("title", f"New title: {now_title}{at} (was {was_title})", since,
                       was_title, now_title)]
    return []


def _location(old: Snapshot, new: Snapshot, since: datetime) -> list[Change]:
    was, now = old.get("location"), new.get("location")
    if not now or (was and same(was, now)) or not was:
        return []
    return [Change("location", f"New location: {now} (was {was})", since, was, now)]


def _added(before: Iterable[str], after: Iterable[str],
           alike: Callable[[str, str], bool]) -> list[str]:
    earlier = list(before)
    return [item for item in after if not any(alike(item, e) for e in earlier)]


def _education(old: Snapshot, new: Snapshot, since: datetime) -> list[Change]:
    if not old.get("education") and not old.get("employer"):
        return []  # the first time anything career-like was found is not news
    fresh = _added(old.get("education") or (), new.get("education") or (),
                   lambda a, b: same(a.split(" — ")[0], b.split(" — ")[0], org=True))
    return [Change("education", f"New education: {item}", since, None, item) for item in fresh]


def _profile_key(label: str) -> str:
    return label.casefold().removeprefix("https://").removeprefix("http://").removeprefix(
        "www.").rstrip("/")


def _profiles(old: Snapshot, new: Snapshot, since: datetime) -> list[Change]:
    was = {_profile_key(p): p for p in old.get("profiles") or ()}
    now = {_profile_key(p): p for p in new.get("profiles") or ()}
    added = [Change("profile_added", f"New profile: {now[k]}", since, None, now[k])
             for k in now if k not in was]
    gone = [Change("profile_gone", f"Profile gone: {was[k]}", since, was[k], None)
            for k in was if k not in now]
    return added + gone


def _topics(old: Snapshot, new: Snapshot, since: datetime) -> list[Change]:
    was = {t.casefold() for t in old.get("topics") or ()}
    fresh = [t for t in new.get("topics") or () if t.casefold() not in was]
    if not fresh:
        return []
    label = "New professional topic" if len(fresh) == 1 else "New professional topics"
    return [Change("topic", f"{label}: {', '.join(fresh)}", since, None, ", ".join(fresh))]


def _quiet(old: Snapshot, new: Snapshot, since: datetime, days: int) -> list[Change]:
    was_latest = parse_time(old.get("latest_activity"))
    now_latest = parse_time(new.get("latest_activity"))
    now = parse_time(new.get("generated_at")) or datetime.now(UTC)
    window = timedelta(days=days)
    if was_latest is None or since - was_latest > window:
        return []  # was not active then: nothing has gone quiet
    if now_latest is not None and now - now_latest <= window:
        return []
    last = max(filter(None, (was_latest, now_latest)))
    text = f"Activity gone quiet: no public activity in {days} days (last {last.date()})"
    return [Change("quiet", text, since, last.date().isoformat(), None)]


DETECTORS = (_job, _location, _education, _profiles, _topics)
