"""`prebrief cache info|clear|forget`: inspect and empty the local cache."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from prebrief.cli.options import CacheDir

app = typer.Typer(no_args_is_help=True, help="Inspect or empty the local cache.")


def _store(cache_dir: Path | None):  # noqa: ANN202 - diskcache imported lazily
    from prebrief.config import default_cache_dir
    from prebrief.store import open_store

    return open_store(cache_dir or default_cache_dir())


@app.command("info")
def info(cache_dir: CacheDir = None) -> None:
    """Show where the cache lives, how many entries it holds and its size.

    Example: prebrief cache info
    """
    from prebrief.classify.compiled import compiled_size
    from prebrief.sheet.text import counted

    store = _store(cache_dir)
    with store:
        expired = store.expire()
        typer.echo(f"cache: {store.directory}")
        typer.echo(f"entries: {len(store)}")
        typer.echo(f"size: {store.volume() / 1024:.0f} KiB")
        typer.echo(f"expired entries removed now: {expired}")
        files, size = compiled_size(Path(store.directory))
        typer.echo(f"classifier build: {counted(files, 'file')}, {size / 1024:.0f} KiB (derived "
                   "from its data files, no contact data; rebuilt when missing)")


@app.command("clear")
def clear(cache_dir: CacheDir = None) -> None:
    """Delete every cached response, robots.txt and snapshot, and the classifier's build.

    Example: prebrief cache clear
    """
    from prebrief.classify.compiled import remove_compiled
    from prebrief.sheet.text import counted

    store = _store(cache_dir)
    with store:
        removed = store.clear()
        built = remove_compiled(Path(store.directory))
    typer.echo(f"removed {counted(removed, 'entry', 'entries')} and "
               f"{counted(built, 'classifier build file')}")


@app.command("forget")
def forget(
    name: Annotated[str | None, typer.Option(help="Contact's name as given to brief.")] = None,
    company: Annotated[str | None, typer.Option(help="Contact's company as given.")] = None,
    email: Annotated[str | None, typer.Option(help="Contact's e-mail as given.")] = None,
    cache_dir: CacheDir = None,
) -> None:
    """Forget everything cached for a contact (responses, results, briefings, snapshots):
    every contact briefed under the name given, narrowed by the company and e-mail given.

    Example: prebrief cache forget --name "Saskia Lindqvist" --company Norrbrook
    """
    from prebrief.errors import UsageError
    from prebrief.models import ContactQuery

    query = ContactQuery(name=name, company=company, email=email)
    if not (name or email):
        raise UsageError("say whom to forget", hint="Pass --name (--company and --email "
                         "narrow it) or --email, as given to `prebrief brief`.")
    from prebrief.snapshots.store import forget_snapshots

    from prebrief.store import tags_of

    store = _store(cache_dir)
    with store:
        # Snapshots first, by identifier: one stored by a run that named the contact a little
        # differently carries another tag but is still this person's.
        removed = forget_snapshots(store, query)
        # Then every entry of each contact the given name, company and e-mail agree with.
        tags = tags_of(store, name=name, company=company, email=email) | {query.key()}
        removed += sum(store.evict(tag) for tag in tags)
    typer.echo(f"forgot {removed} cached entries for this contact")
