"""prebrief's command line: one Typer app composed of thin command modules.

Only typer and the standard library are imported here; each command imports what it needs
when it runs, so ``prebrief --version`` starts fast.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from prebrief import __version__


class PrebriefGroup(TyperGroup):
    """Maps every PrebriefError to one clear line plus its hint; exit 2 for bad input (usage
    errors and unreadable user files), 1 for everything else."""

    def invoke(self, ctx: typer.Context) -> Any:
        from prebrief.config import command_scope
        from prebrief.errors import InputFileError, PrebriefError, UsageError

        args = [*getattr(ctx, "_protected_args", ()), *ctx.args]
        try:
            with command_scope():
                return super().invoke(ctx)
        except PrebriefError as exc:
            verbose = "-v" in args or "--verbose" in args
            if verbose:
                import traceback

                traceback.print_exc()
            typer.echo(f"error: {exc.message}", err=True)
            if exc.hint:
                typer.echo(f"hint: {exc.hint}", err=True)
            ctx.exit(2 if isinstance(exc, (UsageError, InputFileError)) else 1)


app = typer.Typer(
    name="prebrief", cls=PrebriefGroup, no_args_is_help=True, add_completion=False,
    pretty_exceptions_enable=False, rich_markup_mode=None,
    help="Pre-meeting briefings on a contact from public profile information, with provenance.",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"prebrief {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    ctx: typer.Context,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Pre-meeting briefings on a contact from public profile information, with provenance."""
    ctx.ensure_object(dict)


def _register() -> None:
    from prebrief.cli import (batch, brief, cache, calendar, classify, demo, diff, discover,
                              sources)

    app.command("brief")(brief.brief)
    app.command("batch")(batch.batch)
    app.command("calendar")(calendar.calendar)
    app.command("demo")(demo.demo)
    app.command("sources")(sources.sources)
    app.add_typer(cache.app, name="cache")
    classify.register(app)
    discover.register(app)
    diff.register(app)


_register()


def main() -> None:
    """Console-script entry point."""
    app()
