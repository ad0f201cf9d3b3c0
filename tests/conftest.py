"""Shared test helpers: run a source through the real HTTP stack against fixtures."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

import os

import httpx
import pytest
from hypothesis import settings

from prebrief.http.client import build_client
from prebrief.http.settings import HttpSettings
from prebrief.http.fetcher import Fetcher
from prebrief.http.replay import ReplayTransport
from prebrief.models import ContactQuery, Identity, SourceResult
from prebrief.sources.base import Source, SourceContext

FIXTURES = Path(__file__).parent / "fixtures"

# CI runs property tests with a fixed seed so a red build is reproducible; local runs keep
# exploring new inputs (and remember failures in .hypothesis/).
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True)
def _one_command():
    """Each test is one command: a cache directory it chose (prebrief.config.choose_cache_dir,
    as http_settings does) is forgotten after it, as the CLI forgets it after a command."""
    from prebrief.config import command_scope

    with command_scope():
        yield


class UnknownURL(AssertionError):
    """A test handler was asked for a URL it does not know: tests must be hermetic."""


def fixture_path(source: str, name: str) -> Path:
    return FIXTURES / source / name


def replay_handler(directory: Path) -> Callable[[httpx.Request], httpx.Response]:
    """A MockTransport handler over a replay-format fixture directory; raises on unknown URLs."""
    replay = ReplayTransport(directory)

    def handler(request: httpx.Request) -> httpx.Response:
        entry = replay.lookup(request)
        if entry is None:
            if request.url.path == "/robots.txt":
                return httpx.Response(404)
            raise UnknownURL(f"fixture {directory} has no {request.method} {request.url}")
        body = (directory / entry["body"]).read_bytes() if entry.get("body") else b""
        return httpx.Response(int(entry.get("status", 200)), headers=entry.get("headers") or {},
                              content=body)

    return handler


async def run_source(
    source: type[Source] | Source, target: Identity, tmp_path: Path, *,
    handler: Callable[[httpx.Request], httpx.Response] | None = None,
    fixture: Path | None = None, env: Mapping[str, str] | None = None,
    query: ContactQuery | None = None, **settings: object,
) -> SourceResult:
    """Run one source on one target through cache -> politeness -> limits -> mock network."""
    instance = source() if isinstance(source, type) else source
    if handler is None:
        handler = replay_handler(fixture) if fixture is not None else _refuse
    http = HttpSettings(cache_dir=tmp_path / "cache", **settings)  # type: ignore[arg-type]
    async with build_client(http, transport=httpx.MockTransport(handler),
                            polite_kwargs={"sleep": _no_sleep}) as client:
        auth = {}
        env = dict(env or {})
        token = env.get(instance.token_env or "")
        if token:
            auth = {"Authorization": f"Bearer {token}"}
        fetcher = Fetcher(client, source=instance.name, ttl=60, auth=auth,
                          token_hosts=instance.token_hosts, max_body=http.max_body)
        ctx = SourceContext(fetcher=fetcher, query=query or ContactQuery(), env=env)
        return await instance.run(target, ctx)


async def _no_sleep(seconds: float) -> None:
    return None


def _refuse(request: httpx.Request) -> httpx.Response:
    raise UnknownURL(f"no network in tests: {request.url}")


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
