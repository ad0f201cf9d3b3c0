"""Options shared by commands that gather (brief, batch, calendar), as Annotated aliases;
--cache-dir also by the classifier's commands, whose build it holds."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

CacheDir = Annotated[Path | None, typer.Option(
    "--cache-dir", envvar="PREBRIEF_CACHE_DIR", help="Cache directory [default: ./cache in a "
    "checkout, else ~/.cache/prebrief].", show_default=False)]
Refresh = Annotated[bool, typer.Option("--refresh", help="Ignore cached responses (still "
                                                         "stores fresh ones).")]
Offline = Annotated[bool, typer.Option("--offline", help="Use only cached data; name what is "
                                                         "missing.")]
Replay = Annotated[Path | None, typer.Option("--replay", help="Serve HTTP from a recorded "
                                             "directory (see README).", metavar="DIR")]
Record = Annotated[Path | None, typer.Option("--record", help="Record what a live run fetched "
                                             "into DIR (cookies/credentials stripped).",
                                             metavar="DIR")]
Verbose = Annotated[bool, typer.Option("-v", "--verbose", help="Per-source progress and "
                                                               "tracebacks on errors.")]
