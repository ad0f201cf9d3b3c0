"""`prebrief sources`: what each source reads, what it needs, and whether it is ready."""

from __future__ import annotations

from typing import Annotated

import typer


def sources(
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable output.")] = False,
) -> None:
    """List every source the registry found, with its input and readiness.

    Example: prebrief sources
    """
    import json
    import os

    from prebrief.sources.registry import all_sources

    rows = []
    for cls in all_sources().values():
        ready, why = cls.readiness(os.environ)
        inputs = [o for o in (cls.option, cls.file_option) if o]
        if cls.takes_email:
            inputs.append("--email")
        rows.append({"source": cls.name, "label": cls.label or cls.name, "inputs": inputs,
                     "needs": cls.token_env, "token_required": cls.token_required,
                     "ready": ready, "status": why, "reads": cls.description})
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        mark = "ready" if row["ready"] else "limited"
        typer.echo(f"{row['source']:<16} {', '.join(row['inputs']) or '-':<28} {mark:<8} "
                   f"{row['status']}")
        if row["reads"]:
            typer.echo(f"{'':<16} {row['reads']}")
