"""A small on-disk cache for what the classifier derives from its data files.

Parsing sensitive.toml and analysing every mask's regular expression cost a few hundred
milliseconds in every process that classifies anything, although the files rarely change.
The results are plain JSON, kept under ``<cache dir>/compiled/`` and keyed by a hash of what
they were derived from, so a changed data file (or analysis) simply misses. The cache only
ever saves work: a missing, stale or unreadable file means the work is done again, and the
file is rewritten when the directory allows. It holds no contact data.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any


def cached_json(kind: str, source: str, compute: Callable[[], Any]) -> Any:
    """compute(), or what it returned before for the same kind and source text."""
    key = hashlib.sha256(f"{kind}\n{source}".encode()).hexdigest()[:24]
    path = compiled_dir() / f"{kind}-{key}.json"
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        pass
    value = compute()
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(value, ensure_ascii=False), "utf-8")
        os.replace(tmp, path)
    except OSError:
        pass
    return value


def compiled_dir() -> Path:
    """``compiled/`` inside the cache directory (``$PREBRIEF_CACHE_DIR`` etc.)."""
    from prebrief.config import default_cache_dir

    return default_cache_dir() / "compiled"
