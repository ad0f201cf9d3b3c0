"""A small on-disk cache for what the classifier derives from its data files.

Parsing sensitive.toml and analysing every mask's regular expression cost a few hundred
milliseconds in every process that classifies anything, and building the term matcher and
the models' weight tables over a second, although the files rarely change. The results are
kept under ``<cache dir>/compiled/``, keyed by a hash of what they were derived from (data
files, and for objects the code that builds them), so a changed data file or analysis simply
misses: plain JSON where the result is plain data (cached_json), a pickle where it is the
built object (cached_object). The cache only ever saves work: a missing, stale or unreadable
file means the work is done again, and the file is rewritten when the directory allows. It
holds no contact data.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


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


def cached_object(kind: str, inputs: Iterable[Path], compute: Callable[[], T]) -> T:
    """compute(), or the object it returned before from the same input files (their bytes),
    kept as a pickle in the compiled cache; callers list the data files the object is built
    from and the modules whose code builds it or defines its classes, so editing either misses.

    Unpickling the term matcher takes a tenth of the time building it does, but only with the
    garbage collector paused: otherwise its hundreds of thousands of small tuples set off
    collection after collection over what is already loaded, which costs seven times as much. The file lies in the user's own cache
    directory (created 0700), beside diskcache's store, whose entries are pickles too; older
    files of the same kind are removed when a new one is written."""
    digest = hashlib.sha256(f"{kind}\n{sys.version_info[:2]}\n".encode())
    for path in inputs:
        digest.update(f"{path.name}\n".encode())
        digest.update(path.read_bytes() if path.is_file() else b"(absent)")
    folder = compiled_dir()
    path = folder / f"{kind}-{digest.hexdigest()[:24]}.pickle"
    paused = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(path.read_bytes())  # type: ignore[no-any-return]
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
            IndexError, TypeError, ValueError):
        pass
    finally:
        if paused:
            gc.enable()
    value = compute()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, path)
        for old in folder.glob(f"{kind}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return value


def compiled_dir() -> Path:
    """``compiled/`` inside the cache directory (``$PREBRIEF_CACHE_DIR`` etc.)."""
    from prebrief.config import default_cache_dir

    return default_cache_dir() / "compiled"
