"""The on-disk store (diskcache) shared by HTTP responses, robots.txt, results and snapshots."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any


def open_store(cache_dir: Path) -> Any:
    """Open (creating if needed) the cache directory; entries are tagged by contact."""
    import diskcache

    # Private to the user: it holds what was read about people (mode 0700; diskcache's files
    # inside follow the umask, so the directory is what keeps others out).
    Path(cache_dir).mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # a cache directory someone else owns stays as it is
        os.chmod(cache_dir, 0o700)
    store = diskcache.Cache(str(cache_dir), size_limit=2**30,
                            eviction_policy="least-recently-stored")
    store.create_tag_index()  # `cache forget` evicts one contact's entries by tag
    return store


CONTACT_PREFIX = "contact:"
CONTACT_DAYS = 400  # as long as the longest-kept entry a contact has (a snapshot)


def _fingerprint(value: str | None) -> str | None:
    import hashlib

    folded = " ".join((value or "").casefold().split())
    return hashlib.sha256(folded.encode()).hexdigest()[:24] if folded else None


def note_contact(store: Any, query: Any) -> None:
    """Record which name, company and e-mail (as fingerprints) the entries tagged query.key()
    belong to, so `cache forget` finds them by any of these: a contact briefed with --name,
    --company and --email carries one tag, and forgetting by --name and --company alone
    (the README's example) missed every entry but the snapshots."""
    tag = query.key()
    store.set(CONTACT_PREFIX + tag, {field: _fingerprint(getattr(query, field))
                                     for field in ("name", "company", "email")},
              expire=CONTACT_DAYS * 86400, tag=tag)


def tags_of(store: Any, *, name: str | None, company: str | None,
            email: str | None) -> set[str]:
    """The tags of every contact whose recorded name, company and e-mail agree with each of
    the ones given (those not given match any): '--name X' finds X at every company."""
    wanted = {field: _fingerprint(value) for field, value in
              (("name", name), ("company", company), ("email", email)) if value}
    found = set()
    for key in store.iterkeys():
        if isinstance(key, str) and key.startswith(CONTACT_PREFIX):
            known = store.get(key)
            if isinstance(known, dict) and all(known.get(f) == v for f, v in wanted.items()):
                found.add(key[len(CONTACT_PREFIX):])
    return found
