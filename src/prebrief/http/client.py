"""The one HTTP client factory. Behaviour is a stack of transports, outermost first:

    CacheTransport -> PoliteTransport -> LimitTransport -> [RecordTransport] -> network
                                                         | ReplayTransport | MockTransport (tests)
"""

from __future__ import annotations

import os
import ssl
from http.cookiejar import CookieJar, DefaultCookiePolicy
from typing import Any

import httpx

from prebrief.http.cache import CacheTransport
from prebrief.http.politeness import LimitTransport, PoliteTransport, load_policies
from prebrief.http.pools import PerHostTransport
from prebrief.http.settings import HttpSettings
from prebrief.http.replay import RecordTransport, ReplayTransport
from prebrief.store import open_store


def _ssl_verify() -> ssl.SSLContext | bool:
    """The system's hashed CA directory, looked up on demand by OpenSSL (about 50 ms less
    start-up than parsing a whole PEM bundle); httpx's default where there is none, or where
    the user pointed SSL_CERT_FILE at a bundle of their own. (The system bundle and the hashed
    directory are generated from the same certificates.)"""
    defaults = ssl.get_default_verify_paths()
    cafile = os.environ.get("SSL_CERT_FILE")
    if cafile and os.path.realpath(cafile) != os.path.realpath(defaults.cafile or ""):
        return True  # the user's own bundle
    capath = os.environ.get("SSL_CERT_DIR") or defaults.capath
    try:
        hashed = capath and any(name.endswith(".0") for name in os.listdir(capath))
    except OSError:
        hashed = False
    return ssl.create_default_context(capath=capath) if hashed else True


def _no_cookies() -> CookieJar:
    return CookieJar(policy=DefaultCookiePolicy(allowed_domains=[]))


def _remember_missing_sniffio() -> None:
    """httpcore tries ``import sniffio`` on every pool operation, and recent anyio no longer
    brings it in: each failed import walks sys.path again (thousands of times in a batch, ~10%
    of its CPU). Recording the absence once makes the failure instant; an installed sniffio is
    left alone."""
    import importlib.util
    import sys

    if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
        sys.modules["sniffio"] = None  # type: ignore[assignment]


def build_client(settings: HttpSettings, *, store: Any | None = None,
                 transport: httpx.AsyncBaseTransport | None = None,
                 polite_kwargs: dict[str, Any] | None = None) -> httpx.AsyncClient:
    """Build the AsyncClient every source uses. ``transport`` replaces only the network."""
    _remember_missing_sniffio()
    store = store if store is not None else open_store(settings.cache_dir)
    if transport is not None:
        inner: httpx.AsyncBaseTransport = transport
    elif settings.replay is not None:
        inner = ReplayTransport(settings.replay)
    else:
        verify = _ssl_verify()
        inner = PerHostTransport(lambda: httpx.AsyncHTTPTransport(
            retries=0, http2=False, verify=verify, limits=httpx.Limits(max_connections=10)))
    if settings.record is not None and settings.replay is None:
        inner = RecordTransport(inner, settings.record, settings.max_body)
    inner = LimitTransport(inner, settings.max_body)
    polite = PoliteTransport(inner, user_agent=settings.user_agent,
                             policies=load_policies(settings.policies),
                             retry_cap=settings.retry_cap, robots_store=store,
                             # a replay is local files: pacing it protects no one
                             paced=settings.replay is None or transport is not None,
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
