"""The one HTTP client factory. Behaviour is a stack of transports, outermost first:

    CacheTransport -> PoliteTransport -> LimitTransport -> [RecordTransport] -> network
                                                         | ReplayTransport | MockTransport (tests)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from http.cookiejar import CookieJar, DefaultCookiePolicy
from pathlib import Path
from typing import Any

import httpx

from prebrief import USER_AGENT
from prebrief.http.body import DEFAULT_MAX_BODY
from prebrief.http.cache import CacheTransport
from prebrief.http.politeness import HostPolicy, LimitTransport, PoliteTransport, load_policies
from prebrief.http.replay import RecordTransport, ReplayTransport


@dataclass(frozen=True)
class HttpSettings:
    """Everything that shapes how prebrief talks to the network."""

    cache_dir: Path
    refresh: bool = False
    offline: bool = False
    replay: Path | None = None
    record: Path | None = None
    max_body: int = DEFAULT_MAX_BODY
    retry_cap: float = 30.0
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    max_redirects: int = 5
    policies: dict[str, HostPolicy] = field(default_factory=dict)
    user_agent: str = USER_AGENT


def open_store(cache_dir: Path) -> Any:
    """The diskcache store; shared by the HTTP cache, robots.txt and snapshots."""
    import diskcache

    Path(cache_dir).mkdir(parents=True, exist_ok=True)
    store = diskcache.Cache(str(cache_dir), size_limit=2**30,
                            eviction_policy="least-recently-stored")
    store.create_tag_index()  # `cache forget` evicts one contact's entries by tag
    return store


def _no_cookies() -> CookieJar:
    return CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))


def build_client(settings: HttpSettings, *, store: Any | None = None,
                 transport: httpx.AsyncBaseTransport | None = None,
                 polite_kwargs: dict[str, Any] | None = None) -> httpx.AsyncClient:
    """Build the AsyncClient every source uses. ``transport`` replaces only the network."""
    store = store if store is not None else open_store(settings.cache_dir)
    if transport is not None:
        inner: httpx.AsyncBaseTransport = transport
    elif settings.replay is not None:
        inner = ReplayTransport(settings.replay)
    else:
        inner = httpx.AsyncHTTPTransport(retries=0, http2=False,
                                         limits=httpx.Limits(max_connections=50))
    if settings.record is not None and settings.replay is None:
        inner = RecordTransport(inner, settings.record, settings.max_body)
    inner = LimitTransport(inner, settings.max_body)
    polite = PoliteTransport(inner, user_agent=settings.user_agent,
                             policies=load_policies(settings.policies),
                             retry_cap=settings.retry_cap, robots_store=store,
                             **(polite_kwargs or {}))
    # Replays are reproducible by definition: they neither read nor fill the cache.
    cached: httpx.AsyncBaseTransport = polite
    if settings.replay is None:
        cached = CacheTransport(polite, store, refresh=settings.refresh, offline=settings.offline,
                                max_body=settings.max_body)
    timeout = httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout)
    return httpx.AsyncClient(transport=cached, timeout=timeout, follow_redirects=True,
                             max_redirects=settings.max_redirects, cookies=_no_cookies(),
                             headers={"User-Agent": settings.user_agent}, trust_env=False)
