"""`prebrief batch`: brief every contact in a CRM export or JSONL file, resumably."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from prebrief.cli.options import CacheDir, Offline, Record, Refresh, Replay, Verbose


def batch(
    contacts: Annotated[Path, typer.Argument(help="CSV (HubSpot, Salesforce, LinkedIn "
                                             "Connections.csv, ...) or JSONL.")],
    out_dir: Annotated[Path, typer.Option("--out-dir", "-d", help="Where the briefings go.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="Comma-separated: html,md,json.")
                   ] = "html,json",
    mapping: Annotated[list[str] | None, typer.Option("--map", help="COLUMN=FIELD for columns "
                                                      "not recognised (repeatable).")] = None,
    jobs: Annotated[int, typer.Option(min=1, max=64, help="Contacts in flight at once (hosts "
                                      "keep their own limits).")] = 16,
    resume: Annotated[bool, typer.Option("--resume", help="Finish an interrupted batch "
                                         "without redoing finished contacts.")] = False,
    discover: Annotated[bool, typer.Option("--discover/--no-discover")] = True,
    since_last: Annotated[bool, typer.Option("--since-last", help="Show what changed since "
                                             "each contact's last snapshot; store the new "
                                             "one.")] = False,
    cache_dir: CacheDir = None, refresh: Refresh = False, offline: Offline = False,
    replay: Replay = None, record: Record = None, verbose: Verbose = False,
) -> None:
    """Brief every contact in a file; write an index and a run summary.

    Example: prebrief batch hubspot-export.csv --out-dir briefings/ --format html,md
    """
    import asyncio

    from prebrief.batch.index import write_index
    from prebrief.batch.inputs import parse_mapping, read_rows
    from prebrief.batch.runner import run_batch
    from prebrief.cli.run import http_settings
    from prebrief.config import RunOptions, load_config, token_env
    from prebrief.errors import UsageError
    from prebrief.render import FORMATS

    formats = tuple(f.strip() for f in fmt.split(",") if f.strip())
    if not formats or any(f not in FORMATS for f in formats):
        raise UsageError(f"unknown format in {fmt!r}", hint="Use html, md and/or json.")
    if not contacts.is_file():
        raise UsageError(f"no such file: {contacts}")
    rows = read_rows(contacts, parse_mapping(mapping or []))
    http = http_settings(cache_dir, refresh, offline, replay, record)
    options = RunOptions(discover=discover, me_path=load_config().get("me"), env=token_env())
    progress = _progress(verbose)
    try:
        report = asyncio.run(run_batch(rows, out_dir, http, options, formats=formats,
                                       jobs=jobs, resume=resume, on_progress=progress,
                                       since_last=since_last))
    except KeyboardInterrupt:
        for path in write_index(out_dir, []):  # what was briefed so far, findable
            typer.echo(f"wrote {path}")
        typer.echo("interrupted: the briefings written so far are kept; run the same command "
                   "with --resume to go on", err=True)
        raise typer.Exit(130) from None
    finally:
        getattr(progress, "close", lambda: None)()
    from prebrief.sheet.text import counted

    for path in write_index(out_dir, report.skipped_rows):
        typer.echo(f"wrote {path}")
    typer.echo(f"{report.done} briefed, {report.resumed} already done, {report.failed} failed, "
               f"{counted(len(report.skipped_rows), 'row')} skipped", err=True)
    exit_if_nothing_usable(out_dir)


def exit_if_nothing_usable(out_dir: Path) -> None:
    """As `prebrief brief` does: exit 1 when no contact (this run's or, with --resume, an
    earlier run's) has a usable briefing. `batch` and `calendar` both end with this."""
    from prebrief.batch.index import latest_entries

    if not any(e.get("status") == "ok" for e in latest_entries(out_dir)):
        typer.echo("error: nothing usable was gathered for any contact; see the index and each "
                   "briefing's sources section for why.", err=True)
        raise typer.Exit(1)


def _progress(verbose: bool) -> Any:
    """A rich progress bar on a terminal; plain log lines otherwise."""
    if sys.stderr.isatty():
        return _RichProgress()

    def line(entry: dict[str, Any]) -> None:
        if entry.get("status") == "bad row":
            typer.echo(f"line {entry['line']}: skipped: {entry.get('error')}", err=True)
        elif entry.get("status") == "duplicate":
            typer.echo(f"line {entry['line']}: same contact as line {entry['of']}, skipped",
                       err=True)
        elif verbose or entry.get("status") != "ok":
            typer.echo(f"line {entry.get('line')}: {entry.get('name')}: {entry.get('status')} "
                       f"({_tally(entry.get('sources') or {})})", err=True)
    return line


def _tally(sources: dict[str, int]) -> str:
    """A contact's sources by outcome, as words: "2 ok, 1 blocked", or "no sources"."""
    return ", ".join(f"{n} {status.replace('_', ' ')}" for status, n in sources.items()) or (
        "no sources")


class _RichProgress:
    def __init__(self) -> None:
        from collections import Counter

        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                   TimeRemainingColumn)

        self.counts: Counter[str] = Counter()
        self.bar = Progress(TextColumn("briefing"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[sources]}"), TimeRemainingColumn(),
                            transient=False)
        self.task = self.bar.add_task("batch", total=None, sources="")
        self.bar.start()

    def __call__(self, entry: dict[str, Any]) -> None:
        self.counts.update(entry.get("sources") or {})
        summary = " ".join(f"{k}:{v}" for k, v in sorted(self.counts.items()))
        self.bar.update(self.task, advance=1, sources=summary)

    def close(self) -> None:
        self.bar.stop()
