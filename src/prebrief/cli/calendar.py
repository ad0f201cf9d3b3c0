"""`prebrief calendar`: brief every external attendee of a day's meetings from an .ics file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from prebrief.cli.options import CacheDir, Offline, Record, Refresh, Replay, Verbose


def calendar(
    ics: Annotated[Path, typer.Argument(help="An .ics export from Google Calendar, Outlook or "
                                        "Exchange.", metavar="FILE.ics")],
    internal_domain: Annotated[list[str], typer.Option(
        "--internal-domain", help="Your organisation's mail domain (repeatable; subdomains "
        "count). Attendees there are not briefed.", metavar="DOMAIN")],
    out_dir: Annotated[Path, typer.Option("--out-dir", "-d", help="Where the briefings and "
                                          "the day index go.")],
    date: Annotated[str, typer.Option("--date", help="today, tomorrow or YYYY-MM-DD.",
                                      metavar="DAY")] = "tomorrow",
    tz: Annotated[str | None, typer.Option("--tz", help="Time zone of the day, e.g. "
                                           "Europe/Amsterdam [default: the system's].",
                                           show_default=False)] = None,
    me: Annotated[str | None, typer.Option("--me", help="Your own address, never briefed.",
                                           metavar="EMAIL")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="Comma-separated: html,md,json.")
                   ] = "html,json",
    jobs: Annotated[int, typer.Option(min=1, max=64, help="Contacts in flight at once (hosts "
                                      "keep their own limits).")] = 16,
    resume: Annotated[bool, typer.Option("--resume", help="Finish an interrupted run "
                                         "without redoing finished contacts.")] = False,
    discover: Annotated[bool, typer.Option("--discover/--no-discover")] = True,
    cache_dir: CacheDir = None, refresh: Refresh = False, offline: Offline = False,
    replay: Replay = None, record: Record = None, verbose: Verbose = False,
) -> None:
    """Brief everyone outside your organisation you meet on a day; write a day index.

    Example: prebrief calendar work.ics --date tomorrow --internal-domain example.com -d tomorrow/
    """
    import asyncio

    from prebrief.calendar.run import CalendarJob, run_calendar
    from prebrief.calendar.select import parse_domains, zone_named
    from prebrief.cli.batch import _progress
    from prebrief.cli.run import http_settings
    from prebrief.config import RunOptions, load_config, token_env
    from prebrief.errors import InputFileError, UsageError
    from prebrief.render import FORMATS

    formats = tuple(f.strip() for f in fmt.split(",") if f.strip())
    if not formats or any(f not in FORMATS for f in formats):
        raise UsageError(f"unknown format in {fmt!r}", hint="Use html, md and/or json.")
    zone = zone_named(tz)
    job = CalendarJob(ics=ics, day_spec=date, zone=zone, out_dir=out_dir,
                      internal_domains=parse_domains(internal_domain),
                      me=me.strip().casefold() if me else None, formats=formats, jobs=jobs,
                      resume=resume)
    http = http_settings(cache_dir, refresh, offline, replay, record)
    options = RunOptions(discover=discover, me_path=load_config().get("me"), env=token_env())
    progress = _progress(verbose)
    try:
        report = asyncio.run(run_calendar(job, http, options, on_progress=progress))
    except InputFileError as exc:  # the user's own file: bad input, so exit 2 like a usage error
        raise UsageError(exc.message, hint=exc.hint) from exc
    finally:
        getattr(progress, "close", lambda: None)()
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    for path in report.written:
        typer.echo(f"wrote {path}")
    from prebrief.sheet.text import counted

    left_out = ", ".join(f"{n} {why}" for why, n in report.left_out.items())
    typer.echo(f"{report.day}: {counted(report.meetings, 'meeting')}"
               f"{f' (left out: {left_out})' if left_out else ''}, "
               f"{counted(report.guests, 'external attendee')}; "
               f"{report.batch.done} briefed, {report.batch.resumed} already done, "
               f"{report.batch.failed} failed", err=True)
    if report.guests:  # a day without outside guests has nothing to gather: no error
        from prebrief.cli.batch import exit_if_nothing_usable

        exit_if_nothing_usable(out_dir)
