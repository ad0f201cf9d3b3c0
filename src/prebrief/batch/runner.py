"""Run a batch: contacts concurrently over one client (so per-host limits hold across the
whole batch), each briefing written as soon as it is done, nothing kept in memory after."""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from prebrief.batch.inputs import Row
from prebrief.batch.journal import Journal, finished_keys, remove_partial_writes, write_atomic
from prebrief.batch.naming import FirstSeen, contact_key, file_stem
from prebrief.config import RunOptions
from prebrief.http.settings import HttpSettings


@dataclass
class BatchReport:
    done: int = 0
    skipped_rows: list[tuple[int, str]] = field(default_factory=list)
    resumed: int = 0
    failed: int = 0
    statuses: Counter[str] = field(default_factory=Counter)


Progress = Callable[[dict[str, Any]], None]


async def run_batch(rows: Iterable[Row], out_dir: Path, http: HttpSettings, options: RunOptions,
                    *, formats: tuple[str, ...] = ("html", "json"), jobs: int = 8,
                    resume: bool = False, transport: Any = None,
                    on_progress: Progress | None = None, since_last: bool = False
                    ) -> BatchReport:
    from prebrief.briefing import gather  # noqa: F401 - imported here, before the warm-up
    from prebrief.http.client import build_client
    from prebrief.sources.registry import all_sources
    from prebrief.store import open_store
    from prebrief.warm import start_warm_up

    # What the first requests need is imported on this thread first (all_sources() imports
    # every source); the warm-up thread then only competes for the GIL, not import locks, and
    # starts once the first contacts' requests are on their way.
    all_sources()
    warming = start_warm_up(formats, after_yields=2)
    report = BatchReport()
    done_keys = finished_keys(out_dir, formats) if resume else set()
    if out_dir.is_dir():
        remove_partial_writes(out_dir)
    journal = Journal(out_dir, resume=resume)
    store = open_store(http.cache_dir) if http.replay is None else None
    # Snapshots live in the cache directory even when responses come from a replay.
    snapshots = (store or open_store(http.cache_dir)) if since_last else None
    client = build_client(http, store=store, transport=transport)
    slots = asyncio.Semaphore(max(1, jobs))
    pending: set[asyncio.Task[None]] = set()
    seen = FirstSeen()
    try:
        for row in rows:
            if row.query is None:
                report.skipped_rows.append((row.line, row.error or "unreadable"))
                _tell(on_progress, {"line": row.line, "status": "bad row", "error": row.error})
                continue
            earlier = seen.earlier_line(row.query, row.line)
            if earlier is not None:  # before --resume's check: a repeat is never a contact
                report.skipped_rows.append((row.line, f"same contact as line {earlier}"))
                _tell(on_progress, {"line": row.line, "status": "duplicate", "of": earlier})
                continue
            if contact_key(row.query) in done_keys:
                report.resumed += 1
                continue
            await slots.acquire()  # bounded: memory stays flat however long the input is
            task = asyncio.create_task(_one(row, out_dir, http, options, formats, client,
                                            store, journal, report, on_progress, snapshots))
            task.add_done_callback(lambda t: (slots.release(), pending.discard(t)))
            pending.add(task)
        if pending:
            await asyncio.gather(*pending)
    finally:
        # Interrupted (Ctrl-C cancels this task): the contacts under way stop before the
        # journal and the client close under them.
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        await client.aclose()
        journal.close()
        await warming
    return report


async def _one(row: Row, out_dir: Path, http: HttpSettings, options: RunOptions,
               formats: tuple[str, ...], client: Any, store: Any, journal: Journal,
               report: BatchReport, on_progress: Progress | None,
               snapshots: Any = None) -> None:
    from prebrief.briefing import gather, usable
    from prebrief.render import render
    from prebrief.sheet.care import old_files

    query = row.query
    assert query is not None
    started = time.perf_counter()
    key, stem = contact_key(query), file_stem(query)
    try:
        briefing = await gather(query, http, options, client=client, store=store)
        if row.extras:
            briefing = briefing.with_extras(**dict(row.extras))
    except Exception as exc:  # noqa: BLE001 - one contact never sinks the batch
        report.failed += 1
        entry = {"key": key, "line": row.line, "name": row.label, "status": "failed",
                 "error": f"{type(exc).__name__}: {exc}", "files": []}
        journal.record(entry)
        _tell(on_progress, entry)
        return
    if snapshots is not None:
        from prebrief.snapshots import refresh

        briefing = refresh(snapshots, query, briefing)
    rendered: dict[Path, str] = {}
    for fmt in formats:
        # Rendering is CPU work on the event loop: hand the loop back between formats, so
        # answers that arrived meanwhile free their host's slot for the next request
        # without waiting for the whole contact to be written.
        await asyncio.sleep(0)
        rendered[out_dir / f"{stem}.{fmt}"] = render(briefing, fmt)
    sources = Counter(r.status.value for r in briefing.sources)
    report.statuses.update(sources)
    report.done += 1
    person = briefing.person
    entry = {"key": key, "line": row.line, "name": row.label,
             "found_name": person.name, "headline": person.headline, "location": person.location,
             "status": "ok" if usable(briefing) else "empty", "sources": dict(sources),
             "files": [path.name for path in rendered],
             # A file saved long ago (a LinkedIn PDF from last year) is news in a bulk refresh,
             # and so is a profile held back for the user to confirm (another person's PDF).
             "old_files": [f"{f['file']} saved {f['date']}" for f in old_files(briefing)],
             "to_confirm": [i.label() for i in briefing.identities if i.outcome == "possible"]}
    if snapshots is not None:
        from prebrief.snapshots import summary

        entry["changes"] = summary(briefing.extra("changes"))
    # Files, then the journal line (the checkpoint must never name a file not yet on disk),
    # in a worker thread: open/fsync/rename block, and they would block the event loop.
    await asyncio.to_thread(_save, rendered, journal, entry, started)
    _tell(on_progress, entry)


def _save(rendered: dict[Path, str], journal: Journal, entry: dict[str, Any],
          started: float) -> None:
    for path, text in rendered.items():
        write_atomic(path, text)
    entry["seconds"] = round(time.perf_counter() - started, 3)
    journal.record(entry)


def _tell(on_progress: Progress | None, entry: dict[str, Any]) -> None:
    if on_progress is not None:
        on_progress(entry)
