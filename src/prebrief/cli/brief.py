"""`prebrief brief`: one contact in, one briefing sheet out."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from prebrief.cli.options import CacheDir, Offline, Record, Refresh, Replay, Verbose

Opt = typer.Option
Str = str | None
FileOpt = Path | None


def brief(
    name: Annotated[Str, Opt(help="Contact's full name.")] = None,
    company: Annotated[Str, Opt(help="Contact's company.")] = None,
    email: Annotated[Str, Opt(help="Contact's e-mail (only ever sent hashed, to Gravatar).")] = None,
    location: Annotated[Str, Opt(help="Contact's city or region, to tell namesakes apart.")] = None,
    url: Annotated[list[str] | None, Opt("--url", help="Any profile URL (repeatable); routed "
                                         "to its platform.")] = None,
    website: Annotated[Str, Opt(help="Personal website URL.")] = None,
    github: Annotated[Str, Opt(help="GitHub login or URL.")] = None,
    linkedin: Annotated[Str, Opt(help="LinkedIn profile URL or slug.")] = None,
    linkedin_pdf: Annotated[FileOpt, Opt(help="LinkedIn 'Save to PDF' file of the contact.")] = None,
    linkedin_html: Annotated[FileOpt, Opt(help="Saved LinkedIn profile page.")] = None,
    linkedin_export: Annotated[FileOpt, Opt(help="Your own LinkedIn data export (folder or ZIP).")] = None,
    x: Annotated[Str, Opt("--x", help="X/Twitter handle or URL (needs X_BEARER_TOKEN).")] = None,
    x_html: Annotated[FileOpt, Opt(help="Saved X profile page.")] = None,
    facebook: Annotated[Str, Opt(help="Facebook Page or profile URL.")] = None,
    facebook_html: Annotated[FileOpt, Opt(help="Saved Facebook page.")] = None,
    mastodon: Annotated[Str, Opt(help="Mastodon handle @user@instance or URL.")] = None,
    bluesky: Annotated[Str, Opt(help="Bluesky handle, DID or URL.")] = None,
    notes: Annotated[FileOpt, Opt(help="Your own notes about the contact, one fact per line "
                                  "('-': pasted or piped in).")] = None,
    me: Annotated[FileOpt, Opt(help="Your own profile (LinkedIn export or TOML) for common "
                               "ground [default: from the config file].")] = None,
    photos: Annotated[bool, Opt("--photos", help="Embed the profile photo (fetched once, as a "
                                "data URI).")] = False,
    discover: Annotated[bool, Opt("--discover/--no-discover", help="Follow links the contact "
                                  "published to find more of their profiles.")] = True,
    depth: Annotated[int, Opt(min=0, max=4, help="Discovery: how many links away from what you "
                              "gave to look.")] = 2,
    budget: Annotated[int, Opt(min=1, help="Discovery: most HTTP requests to spend on this "
                               "contact.")] = 40,
    fmt: Annotated[Str, Opt("--format", "-f", help="html, md or json [default: from -o, else "
                            "html].")] = None,
    output: Annotated[FileOpt, Opt("--output", "-o", help="Write here instead of stdout.")] = None,
    since_last: Annotated[bool, Opt("--since-last", help="Say what changed since the last "
                                    "snapshot of this contact; store the new one.")] = False,
    cache_dir: CacheDir = None, refresh: Refresh = False, offline: Offline = False,
    replay: Replay = None, record: Record = None, verbose: Verbose = False,
) -> None:
    """Build a briefing on one contact.

    Example: prebrief brief --name "Saskia Lindqvist" --github lindqvist-dev -o saskia.html
    """
    from prebrief.cli.run import (briefing_and_sheet, format_for, http_settings,
                                  report_sources, write_output)
    from prebrief.config import RunOptions, load_config, token_env
    from prebrief.errors import UsageError
    from prebrief.models import ContactQuery
    handles = [(n, v) for n, v in (("website", website), ("github", github),
                                    ("linkedin", linkedin), ("x", x), ("facebook", facebook),
                                    ("mastodon", mastodon), ("bluesky", bluesky)) if v]
    files = [(n, str(p)) for n, p in (
        ("linkedin_pdf", linkedin_pdf), ("linkedin", linkedin_html),
        ("linkedin_export", linkedin_export), ("x", x_html), ("facebook", facebook_html),
        ("notes", notes)) if p]
    query = ContactQuery(name=name, company=company, email=email, location=location,
                         handles=tuple(handles), urls=tuple(url or ()), files=tuple(files))
    if query.is_empty():
        raise UsageError("nothing to look up", hint="Give at least --name, --email, a handle, "
                         "a URL or a file; see `prebrief brief --help`.")
    fmt = format_for(fmt, output)
    # A name and company alone plan no source (prebrief searches no platform by name). Asked
    # without the planner: it imports every source, which a warm rerun does not need.
    if not (query.handles or query.urls or query.files or query.email):
        from prebrief.sheet.sections import GIVE_SOMETHING, NOTHING_TO_READ

        raise UsageError(f"nothing to read: {NOTHING_TO_READ}", hint=GIVE_SOMETHING)
    http = http_settings(cache_dir, refresh, offline, replay, record)
    config = load_config()
    me_path = str(me) if me else config.get("me")
    options = RunOptions(discover=discover, depth=depth, budget=budget, photos=photos,
                         me_path=me_path, env=token_env())
    briefing, sheet = briefing_and_sheet(query, http, options, fmt, since_last=since_last)
    report_sources(briefing, verbose)
    write_output(sheet, output)
    from prebrief.briefing import usable

    if not usable(briefing):
        typer.echo("error: nothing usable was gathered; see the sources section for why.",
                   err=True)
        raise typer.Exit(1)
