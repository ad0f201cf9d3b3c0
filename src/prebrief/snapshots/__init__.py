"""Snapshots of each contact's last briefing and what changed since (`--since-last`, `diff`).

snapshot.py   the compact snapshot (no sensitive signals, no e-mail in clear)
keys.py       hashed identifier keys, so one person is recognised across runs
store.py      load / save / forget in the cache store, with a long TTL
changes.py    changes(old, new) -> tuple[Change, ...], job change first
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from prebrief.models import Briefing, Change, ContactQuery
from prebrief.snapshots.changes import changes
from prebrief.snapshots.snapshot import snapshot_from_json, snapshot_of

__all__ = ["changes", "refresh", "snapshot_from_json", "snapshot_of"]


def refresh(store: Any, query: ContactQuery, briefing: Briefing, *,
            now: datetime | None = None, save: bool = True) -> Briefing:
    """Attach what changed since the stored snapshot, then store this run's (unless save=False)."""
    from prebrief.snapshots.keys import briefing_identifiers
    from prebrief.snapshots.store import load_snapshot, save_snapshot

    keys = briefing_identifiers(query, briefing)
    previous = load_snapshot(store, keys, now=now)
    current = snapshot_of(briefing)
    found: tuple[Change, ...] = changes(previous, current) if previous else ()
    if save:
        from prebrief.store import note_contact

        note_contact(store, query)
        save_snapshot(store, current, keys, tag=query.key(), previous=previous)
    if previous is None:
        return briefing
    # Compared with an earlier snapshot: "no changes since <date>" is news too.
    return briefing.with_extras(changes=found, compared_with=previous.get("generated_at"))


def summary(found: object) -> list[str]:
    """The texts of a briefing's changes, for the batch journal and index."""
    if not isinstance(found, (tuple, list)):
        return []
    return [c.text for c in found if isinstance(c, Change)]
