"""Reusing an identical earlier run: its assembled briefing and the sheets rendered from it.

Same contact, same options, same user files (by mtime and size), same tokens present and the
same prebrief version give the same briefing while its sources' data is fresh, so a rerun
neither gathers nor renders again. ``--refresh`` and replays never reuse.
"""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from prebrief import __version__
from prebrief.models import STDIN, plausible_save

if TYPE_CHECKING:
    from prebrief.config import RunOptions
    from prebrief.models import Briefing, ContactQuery


def _stat(path: str) -> os.stat_result | None:
    """A user file's stat; None where it cannot be read, and for standard input, which has
    none (a file that happens to be named "-" must not lend its stamp or date to piped text)."""
    if path == STDIN:
        return None
    try:
        return os.stat(path)
    except OSError:
        return None


def file_stamp(path: str) -> str | None:
    """A user file's modification time and size, which key what was made from it; None where
    it has none (_stat)."""
    st = _stat(path)
    return f"{st.st_mtime_ns}:{st.st_size}" if st else None


def file_saved_at(path: str) -> datetime | None:
    """When a user file was last saved (its modification time, in UTC): a saved page or an
    export is as old as that. None where it has no stat (_stat) or the time is no possible
    save date (models.plausible_save)."""
    st = _stat(path)
    try:
        saved = datetime.fromtimestamp(st.st_mtime, UTC) if st else None
    except (OverflowError, ValueError, OSError):
        return None
    return plausible_save(saved, datetime.now(UTC))


def briefing_key(query: ContactQuery, options: RunOptions) -> str | None:
    stamps = [f"{path}:{file_stamp(path)}" for _, path in query.files]
    if options.me_path:
        stamps.append(f"me:{file_stamp(options.me_path)}")
    if any(s.endswith(":None") for s in stamps):
        return None  # a file that cannot be read: let the run say so
    parts = [__version__, query.key(), repr(sorted(query.handles)), repr(sorted(query.urls)),
             repr(stamps), f"{options.discover}:{options.depth}:{options.budget}:{options.photos}",
             ",".join(sorted(options.env))]
    return "briefing:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def load_briefing(store: Any, query: ContactQuery, options: RunOptions) -> Briefing | None:
    key = briefing_key(query, options)
    return store.get(key) if key else None


def save_briefing(store: Any, query: ContactQuery, options: RunOptions, briefing: Briefing,
                  ttl: float) -> None:
    key = briefing_key(query, options)
    if key:
        store.set(key, briefing, expire=ttl, tag=query.key())


def _templates_fingerprint() -> str:
    from prebrief.render import templates_dir

    root = templates_dir()
    stamps = sorted(f"{p.relative_to(root)}:{file_stamp(str(p))}" for p in Path(root).rglob("*")
                    if p.is_file())
    return hashlib.sha256("|".join(stamps).encode()).hexdigest()[:16]


def _render_key(query: ContactQuery, options: RunOptions, fmt: str) -> str | None:
    key = briefing_key(query, options)
    return f"rendered:{key}:{fmt}:{_templates_fingerprint()}" if key else None


def load_rendered(store: Any, query: ContactQuery, options: RunOptions, fmt: str) -> str | None:
    key = _render_key(query, options, fmt)
    return store.get(key) if key else None


def save_rendered(store: Any, query: ContactQuery, options: RunOptions, fmt: str, text: str,
                  ttl: float) -> None:
    key = _render_key(query, options, fmt)
    if key:
        store.set(key, text, expire=ttl, tag=query.key())
