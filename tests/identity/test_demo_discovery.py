"""The demo contact found from a name and an e-mail alone gives the full-handles briefing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from prebrief.briefing import gather
from prebrief.config import RunOptions
from prebrief.demo import demo_dir, demo_query
from prebrief.http.settings import HttpSettings
from prebrief.models import Briefing, ContactQuery
from prebrief.plan import identity_key
from prebrief.sources.registry import all_sources

# The demo's Facebook handle is her employer's Page: nothing she publishes links to it and it is
# not her profile, so discovery must not (and cannot) reach it. Everything else must match.
NOT_HERS = frozenset({"facebook"})


async def briefing_for(query: ContactQuery, settings: dict, tmp: Path) -> Briefing:
    options = RunOptions(env=dict(settings.get("env", {})))
    http = HttpSettings(cache_dir=tmp, replay=demo_dir() / "replay")
    return await gather(query, http, options, now=datetime.fromisoformat(settings["as_of"]))


def contributing(briefing: Briefing) -> set[tuple[str, str]]:
    """The profiles whose facts reached the sheet."""
    return {identity_key(r.identity) for r in briefing.sources
            if r.ok and r.harvest.facts and r.source not in NOT_HERS}


def signal_texts(briefing: Briefing) -> set[str]:
    return {s.text for s in briefing.signals if s.evidence.source not in NOT_HERS}


async def test_name_and_email_find_the_same_briefing_as_every_handle(tmp_path: Path):
    if not (demo_dir() / "replay" / "manifest.json").is_file():
        pytest.skip("the demo recording (src/prebrief/demo/replay/manifest.json) is not on main")
    if "gravatar" not in all_sources():
        pytest.skip("discovery from an e-mail starts at Gravatar; the gravatar source is not "
                    "installed yet (branch social)")
    full_query, settings = demo_query()
    minimal = ContactQuery(name=full_query.name, email=full_query.email, files=full_query.files)
    full = await briefing_for(full_query, settings, tmp_path / "full")
    found = await briefing_for(minimal, settings, tmp_path / "found")
    assert contributing(found) == contributing(full)
    assert signal_texts(found) == signal_texts(full)
    accepted = [i for i in found.identities if i.outcome == "accepted" and i.confidence < 1.0]
    assert accepted and all(i.reasons and i.found_via for i in accepted)


def test_brief_bounds_discovery_with_depth_and_budget(tmp_path: Path):
    """`brief --depth 0` follows no links: from a name and an e-mail only Gravatar (found from
    the e-mail itself) contributes; the default depth reaches her other profiles."""
    from typer.testing import CliRunner

    from prebrief.cli.app import app

    query, settings = demo_query()

    def sources(*extra: str) -> set[str]:
        out = tmp_path / f"b{len(extra)}.json"
        result = CliRunner().invoke(app, [
            "brief", "--name", query.name, "--email", query.email, "--replay",
            str(demo_dir() / "replay"), "--cache-dir", str(tmp_path / "c"), "-o", str(out),
            *extra], env={k: str(v) for k, v in settings.get("env", {}).items()})
        assert result.exit_code == 0, result.output
        import json

        data = json.loads(out.read_text())
        return {s["source"] for s in data["sources"] if s["status"] == "ok"}

    shallow, deep = sources("--depth", "0"), sources()
    assert "gravatar" in deep and {"github", "website"} <= deep
    assert not {"github", "website"} & shallow
    assert sources("--budget", "1") < deep
