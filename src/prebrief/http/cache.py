"""Cache layer: serves stored responses, stores fresh ones with a per-source TTL."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx

from prebrief.errors import NotAvailable
from prebrief.http.body import DEFAULT_MAX_BODY, read_capped, stored_headers
from prebrief.http.urls import canonical_url

# Statuses worth remembering: successes, and definite answers such as "no such profile"
# or LinkedIn's 999, so that a rerun neither re-asks nor hammers a refusing host.
CACHEABLE = frozenset({200, 203, 204, 301, 308, 404, 410, 999})
DEFAULT_TTL = 7 * 24 * 3600


def cache_key(request: httpx.Request) -> str:
    accept = request.headers.get("accept", "")
    return f"http:{request.method} {canonical_url(str(request.url))} accept={accept}"


class CacheTransport(httpx.AsyncBaseTransport):
    """Outermost layer. ``refresh`` skips reads; ``offline`` never goes past this layer."""

    def __init__(self, inner: httpx.AsyncBaseTransport, store: Any, *, refresh: bool = False,
                 offline: bool = False, max_body: int = DEFAULT_MAX_BODY) -> None:
        self._inner = inner
        self._store = store
        self._refresh = refresh
        self._offline = offline
        self._max_body = max_body

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        key = cache_key(request)
        if request.method == "GET" and not self._refresh:
            hit = self._store.get(key)
            if hit is not None:
                return self._response(request, hit)
        if self._offline:
            raise NotAvailable(f"offline, and {request.url} is not in the cache",
                               url=str(request.url),
                               source=request.extensions.get("prebrief.source"),
                               hint="Run once without --offline to fill the cache.")
        response = await self._inner.handle_async_request(request)
        if request.method != "GET" or response.status_code not in CACHEABLE:
            return response
        body = await read_capped(response, self._max_body)
        entry = {"status": response.status_code, "headers": stored_headers(response.headers),
                 "body": body, "retrieved_at": time.time()}
        ttl = request.extensions.get("prebrief.ttl", DEFAULT_TTL)
        # In a worker thread: pickling is small, but the SQLite write (and, for large bodies,
        # the file diskcache writes) would block the event loop; diskcache is thread-safe.
        await asyncio.to_thread(self._store.set, key, entry, expire=ttl,
                                tag=request.extensions.get("prebrief.contact"))
        return self._response(request, entry, hit=False)

    @staticmethod
    def _response(request: httpx.Request, entry: dict[str, Any], hit: bool = True) -> httpx.Response:
        headers = list(entry["headers"])
        headers.append(("x-prebrief-retrieved-at", repr(entry["retrieved_at"])))
        headers.append(("x-prebrief-cache", "hit" if hit else "miss"))
        return httpx.Response(entry["status"], headers=headers, content=entry["body"],
                              request=request)

    async def aclose(self) -> None:
        await self._inner.aclose()
