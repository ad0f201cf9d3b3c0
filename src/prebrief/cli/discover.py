"""`prebrief discover`: which profiles belong to the contact, with confidence and reasons."""

from __future__ import annotations

from typing import Annotated

import typer

from prebrief.cli.options import CacheDir, Offline, Record, Refresh, Replay, Verbose

Opt = typer.Option
Str = str | None


def discover(
    name: Annotated[Str, Opt(help="Contact's full name.")] = None,
    company: Annotated[Str, Opt(help="Contact's company.")] = None,
    email: Annotated[Str, Opt(help="Contact's e-mail (only ever sent hashed, to Gravatar).")] = None,
    location: Annotated[Str, Opt(help="Contact's city or region, to tell namesakes apart.")] = None,
    url: Annotated[list[str] | None, Opt("--url", help="Any profile URL (repeatable); routed "
                                         "to its platform.")] = None,
    website: Annotated[Str, Opt(help="Personal website URL.")] = None,
    github: Annotated[Str, Opt(help="GitHub login or URL.")] = None,
    linkedin: Annotated[Str, Opt(help="LinkedIn profile URL or slug.")] = None,
    x: Annotated[Str, Opt("--x", help="X/Twitter handle or URL.")] = None,
    facebook: Annotated[Str, Opt(help="Facebook Page or profile URL.")] = None,
    mastodon: Annotated[Str, Opt(help="Mastodon handle @user@instance or URL.")] = None,
    bluesky: Annotated[Str, Opt(help="Bluesky handle, DID or URL.")] = None,
    depth: Annotated[int, Opt(min=0, max=4, help="How many links away from what you gave to "
                              "look.")] = 2,
    budget: Annotated[int, Opt(min=1, help="Most HTTP requests to spend on this contact.")] = 40,
    as_json: Annotated[bool, Opt("--json", help="Machine-readable output.")] = False,
    cache_dir: CacheDir = None, refresh: Refresh = False, offline: Offline = False,
    replay: Replay = None, record: Record = None, verbose: Verbose = False,
) -> None:
    """Find the contact's profiles from what you know, each with confidence and reasons.

    Example: prebrief discover --name "Saskia Lindqvist" --email saskia@brekke.example
    """
    import asyncio
    import json

    from prebrief.cli.run import http_settings
    from prebrief.config import RunOptions, token_env
    from prebrief.errors import UsageError
    from prebrief.identity.contact import discover_contact, format_table, identity_row
    from prebrief.models import ContactQuery

    handles = tuple((n, v) for n, v in (("website", website), ("github", github),
                                         ("linkedin", linkedin), ("x", x),
                                         ("facebook", facebook), ("mastodon", mastodon),
                                         ("bluesky", bluesky)) if v)
    query = ContactQuery(name=name, company=company, email=email, location=location,
                         handles=handles, urls=tuple(url or ()))
    if not (query.email or query.handles or query.urls):
        raise UsageError("nothing to start from", hint="Give --email, a handle or a --url; "
                         "discovery follows links the contact published from there.")
    http = http_settings(cache_dir, refresh, offline, replay, record)
    options = RunOptions(discover=True, depth=depth, budget=budget, env=token_env())
    report = asyncio.run(discover_contact(query, http, options))
    if as_json:
        rows = [identity_row(i) for i in report.identities]
        typer.echo(json.dumps({"requests": report.requests, "identities": rows}, indent=2))
    else:
        typer.echo(format_table(report.identities, verbose=verbose), nl=False)
    if not any(i.outcome == "accepted" for i in report.identities):
        raise typer.Exit(1)



def register(app: typer.Typer) -> None:
    """Add `discover` to the CLI (called from cli/app.py's _register)."""
    app.command("discover")(discover)
