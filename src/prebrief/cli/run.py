"""Shared plumbing for commands that gather: settings from options, running, writing output."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from prebrief.config import RunOptions
    from prebrief.http.settings import HttpSettings
    from prebrief.models import Briefing, ContactQuery


def http_settings(cache_dir: Path | None, refresh: bool, offline: bool, replay: Path | None,
                  record: Path | None) -> HttpSettings:
    from prebrief.config import choose_cache_dir, default_cache_dir
    from prebrief.errors import UsageError
    from prebrief.http.settings import HttpSettings

    if replay and record:
        raise UsageError("--replay and --record cannot be used together")
    if offline and replay:
        raise UsageError("--offline and --replay cannot be used together",
                         hint="A replay never touches the network anyway.")
    if replay is not None:
        from prebrief.http.replay import load_manifest

        load_manifest(replay)  # a missing or broken recording is a usage error, up front
    settings = HttpSettings(cache_dir=cache_dir or default_cache_dir(), refresh=refresh,
                            offline=offline, replay=replay, record=record)
    choose_cache_dir(settings.cache_dir)  # the classifier's build is kept there too
    return settings


def briefing_and_sheet(query: ContactQuery, http: HttpSettings, options: RunOptions,
                       fmt: str, transport: Any = None, *,
                       since_last: bool = False) -> tuple[Briefing, str]:
    """An identical recent run's briefing and sheet from the cache, else gather and render.

    With since_last, the sheet also says what changed since the contact's stored snapshot,
    and this run's snapshot replaces it (so the rendered sheet is never reused).
    """
    store = None
    if http.replay is None:
        from prebrief.reuse import load_briefing, load_rendered
        from prebrief.store import open_store

        store = open_store(http.cache_dir)
        if not http.refresh:
            briefing = load_briefing(store, query, options)
            text = None if since_last or briefing is None else load_rendered(
                store, query, options, fmt)
            if briefing is not None and (text is not None or since_last):
                return _finish(briefing, query, http, fmt, text, since_last)
    import asyncio

    from prebrief.briefing import gather

    briefing = asyncio.run(gather(query, http, options, store=store, transport=transport))
    briefing, text = _finish(briefing, query, http, fmt, None, since_last)
    if store is not None and not http.offline and not since_last:
        from prebrief.reuse import save_rendered

        save_rendered(store, query, options, fmt, text, ttl=24 * 3600)
    return briefing, text


def _finish(briefing: Briefing, query: ContactQuery, http: HttpSettings, fmt: str,
            text: str | None, since_last: bool) -> tuple[Briefing, str]:
    if since_last:
        from prebrief.snapshots import refresh
        from prebrief.store import open_store

        with open_store(http.cache_dir) as store:
            briefing = refresh(store, query, briefing)
    if text is None:
        from prebrief.render import render

        text = render(briefing, fmt)
    return briefing, text


def write_output(text: str, output: Path | None) -> None:
    from prebrief.errors import UsageError

    if output is None:
        sys.stdout.write(text)
        return
    from prebrief.batch.journal import write_atomic

    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(output, text)  # private (0600) as a batch's sheets are; never half-written
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror}") from None


def report_sources(briefing: Briefing, verbose: bool) -> None:
    """One line per source on stderr, when asked for or when someone is watching; what an
    offline run could not find, and each profile left for the user to confirm (another
    person's PDF they gave, say), are always named."""
    missing = [url for r in briefing.sources for url in r.missing]
    for url in missing:
        typer.echo(f"not available offline: {url}", err=True)
    for identity in (i for i in briefing.identities if i.outcome == "possible"):
        typer.echo(f"to confirm: {identity.label()}: {'; '.join(identity.reasons)}", err=True)
    if not (verbose or sys.stderr.isatty()):
        return
    for result in briefing.sources:
        line = f"{result.source:<16} {result.status.value:<13} {result.message}"
        typer.echo(line.rstrip(), err=True)
        if result.hint and result.status.value != "ok":
            typer.echo(f"{'':<16} hint: {result.hint}", err=True)
    if verbose:  # rejected candidates are off the sheet; -v says what was dropped and why
        for identity in (i for i in briefing.identities if i.outcome == "rejected"):
            typer.echo(f"{'rejected':<16} {identity.label()} ({identity.found_via}): "
                       f"{'; '.join(identity.reasons)}", err=True)


def format_for(fmt: str | None, output: Path | None) -> str:
    from prebrief.errors import UsageError
    from prebrief.render import FORMATS

    if fmt is None:
        suffix = output.suffix.lstrip(".").lower() if output else ""
        fmt = {"htm": "html", "markdown": "md"}.get(suffix, suffix) or "html"
        if fmt not in FORMATS:
            fmt = "html"
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}", hint=f"Use one of: {', '.join(FORMATS)}.")
    return fmt
