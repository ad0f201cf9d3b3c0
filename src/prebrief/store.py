"""The on-disk store (diskcache) shared by HTTP responses, robots.txt, results and snapshots."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def open_store(cache_dir: Path) -> Any:
    """Open (creating if needed) the cache directory; entries are tagged by contact."""
    import diskcache

    Path(cache_dir).mkdir(parents=True, exist_ok=True)
    store = diskcache.Cache(str(cache_dir), size_limit=2**30,
                            eviction_policy="least-recently-stored")
    store.create_tag_index()  # `cache forget` evicts one contact's entries by tag
    return store
