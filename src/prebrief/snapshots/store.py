"""Snapshots in the cache store: one compact entry per identifier key, tagged by contact.

Tagging by ContactQuery.key() lets `prebrief cache forget` evict them with the responses;
`forget_snapshots` also removes them by identifier, for a run that tagged them differently.
Entries expire after a long TTL (default 400 days): keep only what refreshing needs.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from prebrief.models import ContactQuery
from prebrief.snapshots.changes import parse_time
from prebrief.snapshots.keys import WEAK, conflicts, identifiers

DEFAULT_TTL_DAYS = 400
PREFIX = "snapshot:"
Snapshot = dict[str, Any]


def ttl_days() -> float:
    """The snapshot TTL: `snapshot_days` in the config file, else 400 days."""
    from prebrief.config import load_config

    try:
        return float(load_config().get("snapshot_days", DEFAULT_TTL_DAYS))
    except (TypeError, ValueError):
        return DEFAULT_TTL_DAYS


def load_snapshot(store: Any, keys: Iterable[str], *,
                  now: datetime | None = None) -> Snapshot | None:
    """The stored snapshot for the first key that finds one of this person's, else None."""
    wanted = list(keys)
    now = now or datetime.now(UTC)
    for key in wanted:
        found = store.get(PREFIX + key)
        if not isinstance(found, dict):
            continue
        expires = parse_time(found.get("expires_at"))
        if expires is not None and expires <= now:
            continue
        if conflicts(found.get("keys") or (), wanted, weak_match=key.startswith(WEAK)):
            continue  # a namesake's snapshot, not this person's
        return found
    return None


def save_snapshot(store: Any, snapshot: Snapshot, keys: Iterable[str], *, tag: str,
                  previous: Snapshot | None = None, days: float | None = None) -> None:
    """Store the snapshot under every key (replacing the previous one's index entirely)."""
    days = ttl_days() if days is None else days
    indexed = list(keys)
    if previous is not None:
        for key in previous.get("keys") or ():
            if key not in indexed:
                store.delete(PREFIX + key)
    created = parse_time(snapshot.get("generated_at")) or datetime.now(UTC)
    entry = snapshot | {"keys": indexed,
                        "expires_at": (created + timedelta(days=days)).isoformat()}
    for key in indexed:
        store.set(PREFIX + key, entry, expire=days * 86400, tag=tag)


def forget_snapshots(store: Any, query: ContactQuery) -> int:
    """Remove every snapshot reachable from this query's identifiers; how many entries went."""
    removed = 0
    while (found := load_snapshot(store, identifiers(query))) is not None:
        for key in found.get("keys") or ():
            removed += bool(store.delete(PREFIX + key))
        if not found.get("keys"):
            break
    return removed
