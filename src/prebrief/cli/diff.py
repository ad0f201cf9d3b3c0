"""`prebrief diff`: what changed, between two briefing JSON files or since the last snapshot."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from prebrief.cli.options import CacheDir, Offline, Refresh, Replay, Verbose

Opt = typer.Option
Str = str | None


def diff(
    old: Annotated[Path | None, typer.Argument(help="Earlier briefing JSON.",
                                               show_default=False)] = None,
    new: Annotated[Path | None, typer.Argument(help="Later briefing JSON.",
                                               show_default=False)] = None,
    name: Annotated[Str, Opt(help="Contact's full name.")] = None,
    company: Annotated[Str, Opt(help="Contact's company.")] = None,
    email: Annotated[Str, Opt(help="Contact's e-mail (only ever stored hashed).")] = None,
    url: Annotated[list[str] | None, Opt("--url", help="Any profile URL (repeatable).")] = None,
    website: Annotated[Str, Opt(help="Personal website URL.")] = None,
    github: Annotated[Str, Opt(help="GitHub login or URL.")] = None,
    linkedin: Annotated[Str, Opt(help="LinkedIn profile URL or slug.")] = None,
    linkedin_pdf: Annotated[Path | None, Opt(help="LinkedIn 'Save to PDF' file.")] = None,
    x: Annotated[Str, Opt("--x", help="X/Twitter handle or URL.")] = None,
    facebook: Annotated[Str, Opt(help="Facebook Page or profile URL.")] = None,
    mastodon: Annotated[Str, Opt(help="Mastodon handle @user@instance or URL.")] = None,
    bluesky: Annotated[Str, Opt(help="Bluesky handle, DID or URL.")] = None,
    save: Annotated[bool, Opt("--save", help="Store the fresh snapshot (as --since-last "
                              "does).")] = False,
    discover: Annotated[bool, Opt("--discover/--no-discover")] = True,
    as_json: Annotated[bool, Opt("--json", help="Machine-readable output.")] = False,
    cache_dir: CacheDir = None, refresh: Refresh = False, offline: Offline = False,
    replay: Replay = None, verbose: Verbose = False,
) -> None:
    """Say what changed: OLD.json vs NEW.json, or a fresh look at a contact vs the last snapshot.

    Example: prebrief diff briefings/marit-old.json briefings/marit.json
    """
    from prebrief.errors import UsageError
    from prebrief.models import ContactQuery

    handles = tuple((n, v) for n, v in (("website", website), ("github", github),
                                         ("linkedin", linkedin), ("x", x),
                                         ("facebook", facebook), ("mastodon", mastodon),
                                         ("bluesky", bluesky)) if v)
    files = (("linkedin_pdf", str(linkedin_pdf)),) if linkedin_pdf else ()
    query = ContactQuery(name=name, company=company, email=email, handles=handles,
                         urls=tuple(url or ()), files=files)
    if old is not None or new is not None:
        if new is None or not query.is_empty():
            raise UsageError("give two briefing JSON files, or contact options, not both",
                             hint="prebrief diff OLD.json NEW.json, or prebrief diff --name "
                                  "... --company ... to compare with the last snapshot.")
        found, baseline = _files_changes(old, new)
    elif query.is_empty():
        raise UsageError("nothing to compare", hint="Give OLD.json NEW.json, or the contact "
                         "as for `prebrief brief` (--name, --email, a handle ...).")
    else:
        found, baseline = _contact_changes(query, cache_dir, refresh, offline, replay,
                                           discover, save)
    _print(found, baseline, as_json)


def _files_changes(old: Path | None, new: Path) -> tuple[tuple[Any, ...], str | None]:
    """The changes from OLD to NEW, and OLD's date. Two files of two people are compared as
    asked, with a warning: their differences are no one's changes."""
    from prebrief.identity.naming import DIFFERENT_NAME, name_similarity
    from prebrief.snapshots import changes, snapshot_from_json

    assert old is not None
    before, after = _read_json(old), _read_json(new)
    names = [str(d["person"].get("name") or d.get("sections", {}).get("identity", {}).get(
        "asked_name") or "") for d in (before, after)]
    if all(names) and name_similarity(*names)[0] < DIFFERENT_NAME:
        typer.echo(f"warning: {old.name} and {new.name} are briefings on different people "
                   f"({names[0]} / {names[1]})", err=True)
    was = snapshot_from_json(before)
    return changes(was, snapshot_from_json(after)), str(was.get("generated_at") or "")[:10] or None


def _read_json(path: Path) -> dict[str, Any]:
    import json

    from prebrief.errors import InputFileError

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputFileError(str(path), f"cannot read it ({exc.strerror})") from None
    except (ValueError, UnicodeDecodeError):
        raise InputFileError(str(path), "not JSON", hint="Pass briefings written with "
                             "--format json.") from None
    if not isinstance(data, dict) or not isinstance(data.get("person"), dict) \
            or not str(data.get("schema_version", "")).startswith("2."):
        raise InputFileError(str(path), "not a prebrief briefing JSON (schema 2.x)",
                             hint="Pass briefings written with --format json.")
    return data


def _contact_changes(query: Any, cache_dir: Path | None, refresh: bool, offline: bool,
                     replay: Path | None, discover: bool, save: bool
                     ) -> tuple[tuple[Any, ...], str | None]:
    """The changes since the contact's last snapshot, and that snapshot's date (None where
    there is none: nothing was compared)."""
    import asyncio

    from prebrief.briefing import gather
    from prebrief.cli.run import http_settings
    from prebrief.config import RunOptions, token_env
    from prebrief.snapshots import refresh as refresh_changes
    from prebrief.store import open_store

    http = http_settings(cache_dir, refresh, offline, replay, None)
    briefing = asyncio.run(gather(query, http, RunOptions(discover=discover, env=token_env())))
    with open_store(http.cache_dir) as store:
        briefing = refresh_changes(store, query, briefing, save=save)
    found = briefing.extra("changes")
    when = briefing.extra("compared_with")
    return (found if isinstance(found, tuple) else ()), (str(when)[:10] if when else None)


def _print(found: tuple[Any, ...], baseline: str | None, as_json: bool) -> None:
    """The changes; 'no changes' only where something was compared ('no changes' for a
    contact never briefed before read as news that nothing had changed)."""
    import json

    if as_json:
        rows = [{"kind": c.kind, "text": c.text, "since": c.since.isoformat(timespec="seconds"),
                 "before": c.before, "after": c.after} for c in found]
        typer.echo(json.dumps({"compared_with": baseline, "changes": rows}, indent=2,
                              ensure_ascii=False))
        return
    if baseline is None:
        typer.echo("no earlier snapshot of this contact to compare with: brief them with "
                   "--since-last (or diff --save) to keep one")
        return
    if not found:
        typer.echo(f"no changes since {baseline}")
        return
    typer.echo(f"changed since {min(c.since for c in found).date().isoformat()}:")
    for change in found:
        typer.echo(f"  {change.text}")


def register(app: typer.Typer) -> None:
    """Add `diff` to the CLI (called from cli/app.py's _register)."""
    app.command("diff")(diff)
