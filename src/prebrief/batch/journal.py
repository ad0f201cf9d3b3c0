"""The batch checkpoint: an append-only JSONL journal, fsync'd per finished contact.

A contact is journaled only after its files were written atomically, so a crash (even kill -9)
leaves at worst a torn last line, which is ignored on --resume.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

JOURNAL = "journal.jsonl"


def write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def remove_partial_writes(out_dir: Path) -> int:
    """Delete temporary files a killed run left mid-write (the finished file is never touched:
    write_atomic renames into place only once the bytes are on disk)."""
    removed = 0
    for tmp in out_dir.glob(".*.tmp"):
        tmp.unlink(missing_ok=True)
        removed += 1
    return removed


def read_journal(out_dir: Path) -> Iterator[dict[str, Any]]:
    path = out_dir / JOURNAL
    if not path.exists():
        return
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            try:
                entry = json.loads(line)
            except ValueError:
                continue  # the torn last line of a run that was killed
            if isinstance(entry, dict) and entry.get("key"):
                yield entry


def finished_keys(out_dir: Path, formats: tuple[str, ...] = ()) -> set[str]:
    """Contacts whose files all exist, from the journal, in each of formats: a run resumed
    with another --format renders the formats the first did not write (it rendered none)."""
    done = set()
    for entry in read_journal(out_dir):
        files = entry.get("files", [])
        written = {f.rpartition(".")[2] for f in files}
        if all((out_dir / f).exists() for f in files) and written >= set(formats):
            done.add(entry["key"])
    return done


class Journal:
    def __init__(self, out_dir: Path, *, resume: bool) -> None:
        out_dir.mkdir(parents=True, exist_ok=True)
        self.path = out_dir / JOURNAL
        torn = resume and self.path.exists() and self.path.stat().st_size > 0 and \
            not self.path.read_bytes().endswith(b"\n")
        # Private like the briefings (mkstemp's 0600): it names every contact.
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | (os.O_APPEND if resume else
                                                            os.O_TRUNC), 0o600)
        os.chmod(self.path, 0o600)  # one an older version left world-readable
        self._fh = os.fdopen(fd, "a" if resume else "w", encoding="utf-8")
        self._lock = threading.Lock()  # contacts record from worker threads; lines never mix
        if torn:  # end a line cut off by a crash, so the next entry starts clean
            self._fh.write("\n")

    def record(self, entry: dict[str, Any]) -> None:
        """Append one entry, on disk before this returns. After close (an interrupted run
        whose worker thread finishes late) the entry is dropped: that contact is done again
        on --resume, which is all a missing entry means."""
        line = json.dumps(entry, ensure_ascii=False) + "\n"
        with self._lock:
            if self._fh.closed:
                return
            self._fh.write(line)
            self._fh.flush()
            os.fsync(self._fh.fileno())

    def close(self) -> None:
        with self._lock:
            self._fh.close()
