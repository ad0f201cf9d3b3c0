"""A small on-disk cache for what the classifier derives from its data files.

Parsing sensitive.toml and analysing every mask's regular expression cost a few hundred
milliseconds in every process that classifies anything, and building the term matcher and
the models' weight tables over a second, although the files rarely change. The results are
kept under ``<cache dir>/compiled/``, keyed by a hash of what they were derived from (data
files, and for objects the code that builds them), so a changed data file or analysis simply
misses: plain JSON where the result is plain data (cached_json), a pickle where it is the
built object (cached_object). The cache only ever saves work: a missing, stale or unreadable
file means the work is done again, and the file is rewritten when the directory allows. What a
data change leaves behind is pruned (_prune). It holds no contact data.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import pickle
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


KEEP = 3  # built objects kept per kind: a few checkouts or versions sharing one cache
# directory do not keep rebuilding over each other's
STALE_DAYS = 30  # any other file not read for this long goes when a new one is written
SUFFIXES = (".json", ".pickle", ".tmp")  # the files this cache writes (_write)
_MISSING = object()


def cached_json(kind: str, source: str, compute: Callable[[], Any]) -> Any:
    """compute(), or what it returned before for the same kind and source text."""
    key = hashlib.sha256(f"{kind}\n{source}".encode()).hexdigest()[:24]
    path = compiled_dir() / f"{kind}-{key}.json"
    try:
        value = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        value = compute()
        _write(path, json.dumps(value, ensure_ascii=False).encode())
    else:
        _used(path)
    return value


def cached_object(kind: str, inputs: Iterable[Path], compute: Callable[[], T]) -> T:
    """compute(), or the object it returned before from the same input files (their bytes),
    kept as a pickle in the compiled cache; callers list the data files the object is built
    from and the modules whose code builds it or defines its classes, so editing either misses.

    Unpickling the term matcher takes a tenth of the time building it does, but only with the
    garbage collector paused: otherwise its hundreds of thousands of small tuples set off
    collection after collection over what is already loaded, which costs seven times as much.
    The file lies in the user's own cache directory (created 0700), beside diskcache's store,
    whose entries are pickles too. The KEEP newest files of a kind are kept."""
    digest = hashlib.sha256(f"{kind}\n{sys.version_info[:2]}\n".encode())
    for path in inputs:
        digest.update(f"{path.name}\n".encode())
        digest.update(path.read_bytes() if path.is_file() else b"(absent)")
    path = compiled_dir() / f"{kind}-{digest.hexdigest()[:24]}.pickle"
    paused = gc.isenabled()
    gc.disable()
    try:
        loaded = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
            IndexError, TypeError, ValueError):
        loaded = _MISSING
    finally:
        if paused:
            gc.enable()
    if loaded is not _MISSING:
        _used(path)
        return loaded  # type: ignore[no-any-return]
    value = compute()
    _write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    return value


def _used(path: Path) -> None:
    """Mark a file as read now (its mtime), so pruning keeps what is in use."""
    try:
        os.utime(path)
    except OSError:
        pass


def _write(path: Path, data: bytes) -> None:
    """Write path atomically, then prune the directory; a directory that cannot be written
    only means the work is done again next time."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
        _prune(path)
    except OSError:
        pass


def _prune(written: Path) -> None:
    """Remove what a data change left behind: pickles of written's kind beyond the KEEP
    most recently used, and any file not read for STALE_DAYS (an analysis of a data file
    since edited, a temporary file a killed process left)."""
    kind = written.name.rsplit("-", 1)[0]
    now = time.time()
    same: list[tuple[float, Path]] = []
    for path in written.parent.iterdir():
        if path == written or path.suffix not in SUFFIXES:
            continue
        try:
            used = path.stat().st_mtime
            if now - used > STALE_DAYS * 86_400:
                path.unlink()
            elif path.suffix == ".pickle" and path.name.rsplit("-", 1)[0] == kind:
                same.append((used, path))
        except OSError:
            continue  # gone already (another process pruned it)
    for _, path in sorted(same, reverse=True)[KEEP - 1:]:
        path.unlink(missing_ok=True)


def compiled_dir(cache_dir: Path | None = None) -> Path:
    """``compiled/`` inside cache_dir, else inside the running command's cache directory
    (the one it was given, else ``$PREBRIEF_CACHE_DIR`` etc.: prebrief.config.cache_dir)."""
    if cache_dir is None:
        from prebrief.config import cache_dir as chosen

        cache_dir = chosen()
    return Path(cache_dir) / "compiled"


def compiled_files(cache_dir: Path) -> list[Path]:
    """The files the compiled cache holds under cache_dir (for `prebrief cache`)."""
    try:
        return sorted(p for p in compiled_dir(cache_dir).iterdir()
                      if p.suffix in SUFFIXES and p.is_file())
    except OSError:
        return []


def compiled_size(cache_dir: Path) -> tuple[int, int]:
    """How many files the compiled cache holds under cache_dir, and their bytes."""
    files = compiled_files(cache_dir)
    size = 0
    for path in files:
        try:
            size += path.stat().st_size
        except OSError:
            pass  # pruned meanwhile by another process
    return len(files), size


def remove_compiled(cache_dir: Path) -> int:
    """Remove the compiled cache's files under cache_dir (rebuilt when next needed); how many
    this call removed."""
    removed = 0
    for path in compiled_files(cache_dir):
        try:
            path.unlink()
        except OSError:
            continue  # gone already, or not ours to remove
        removed += 1
    return removed
