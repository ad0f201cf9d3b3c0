"""The bundled demo contact: a fictional person whose public sources are recorded replays."""

from __future__ import annotations

import asyncio
import tempfile
import tomllib
from datetime import datetime
from importlib import resources
from pathlib import Path

from prebrief.config import RunOptions
from prebrief.models import Briefing, ContactQuery

DEMO_STEM = "demo-briefing"


def demo_dir() -> Path:
    return Path(str(resources.files("prebrief.demo")))


def demo_query() -> tuple[ContactQuery, dict]:
    """The demo contact as the user would give it, plus the demo's settings."""
    from prebrief.sources.registry import all_sources

    spec = tomllib.loads((demo_dir() / "contact.toml").read_text(encoding="utf-8"))
    contact = spec["contact"]
    known = all_sources()  # a trimmed install still runs the demo with the sources it has
    files = tuple((name, str(demo_dir() / path)) for name, path in contact.get("files", {}).items()
                  if name in known)
    query = ContactQuery(
        name=contact.get("name"), company=contact.get("company"), email=contact.get("email"),
        location=contact.get("location"),
        handles=tuple((k, v) for k, v in contact.get("handles", {}).items() if k in known),
        urls=tuple(contact.get("urls", ())), files=files)
    return query, spec.get("demo", {})


def build_demo_briefing(*, discover: bool = True) -> Briefing:
    """Run the real pipeline over the bundled replay recording; no network is touched."""
    from prebrief.briefing import gather
    from prebrief.http.settings import HttpSettings

    query, settings = demo_query()
    as_of = datetime.fromisoformat(settings["as_of"])
    env = dict(settings.get("env", {}))  # placeholder tokens: the replay never sends them
    me = settings.get("me")
    options = RunOptions(discover=discover, env=env,
                         me_path=str(demo_dir() / me) if me else None)
    with tempfile.TemporaryDirectory(prefix="prebrief-demo-") as tmp:
        http = HttpSettings(cache_dir=Path(tmp), replay=demo_dir() / "replay")
        return asyncio.run(gather(query, http, options, now=as_of))


def render_demo(out_dir: Path) -> list[Path]:
    from prebrief.render import FORMATS, render

    briefing = build_demo_briefing()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in FORMATS:
        path = out_dir / f"{DEMO_STEM}.{fmt}"
        path.write_text(render(briefing, fmt), encoding="utf-8")
        written.append(path)
    return written
