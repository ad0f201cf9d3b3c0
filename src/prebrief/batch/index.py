"""index.html / index.md / summary.json for a batch, built from the journal (not from memory)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from prebrief.batch.journal import read_journal, write_atomic


def latest_entries(out_dir: Path) -> list[dict[str, Any]]:
    """One entry per contact: the last the journal holds (a resumed run may repeat one)."""
    entries: dict[str, dict[str, Any]] = {}
    for entry in read_journal(out_dir):
        entries[entry["key"]] = entry
    return sorted(entries.values(), key=lambda e: e.get("line", 0))


def write_index(out_dir: Path, skipped: list[tuple[int, str]]) -> list[Path]:
    from prebrief.render import environment

    entries = latest_entries(out_dir)
    totals = Counter(e.get("status", "?") for e in entries)
    sources: Counter[str] = Counter()
    for entry in entries:
        sources.update(entry.get("sources") or {})
    context = {"entries": entries, "skipped": skipped, "totals": dict(totals),
               "generated_at": datetime.now(UTC),
               "changes_shown": any("changes" in e for e in entries)}
    written = []
    for fmt in ("html", "md"):
        text = environment(fmt).get_template(f"batch_index.{fmt}.j2").render(**context)
        path = out_dir / f"index.{fmt}"
        write_atomic(path, text)
        written.append(path)
    summary = {"schema_version": "1.0", "contacts": len(entries), "by_status": dict(totals),
               "source_statuses": dict(sources),
               "changed": sum(1 for e in entries if e.get("changes")),
               "skipped_rows": [{"line": n, "error": e} for n, e in skipped],
               "entries": entries}
    path = out_dir / "summary.json"
    write_atomic(path, json.dumps(summary, indent=1, ensure_ascii=False) + "\n")
    written.append(path)
    return written
