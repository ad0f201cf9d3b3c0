"""`prebrief demo`: the bundled fictional contact through the real pipeline, offline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def demo(
    out_dir: Annotated[Path, typer.Option("--out-dir", "-d", help="Where to write the "
                                          "briefings.")] = Path("sample_reports"),
) -> None:
    """Render the bundled demo contact into sample_reports/ as HTML, Markdown and JSON.

    Example: prebrief demo --out-dir sample_reports
    """
    from prebrief.demo import render_demo

    for path in render_demo(out_dir):
        typer.echo(f"wrote {path}")
