"""One small connection pool per host, in place of one large shared pool.

httpcore (1.0) scans every connection of a pool on each request to find an idle one, so one
shared pool grows quadratic in cost with the number of hosts a batch talks to: measured at
60-70 % of a 50-contact batch's CPU (bench/bench_batch.py). Per-host pools keep each scan to
a handful of connections. Pools of hosts not used for a while are closed, so a batch over a
thousand personal sites does not hold a thousand sockets open.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

import httpx

MAX_IDLE_POOLS = 32


class PerHostTransport(httpx.AsyncBaseTransport):
    """Route each request to its host's own pool; close the least recently used idle pools."""

    def __init__(self, make_pool: Callable[[], httpx.AsyncBaseTransport],
                 max_pools: int = MAX_IDLE_POOLS) -> None:
        self._make_pool = make_pool
        self._max_pools = max_pools
        self._pools: OrderedDict[tuple[str, str, int | None], httpx.AsyncBaseTransport] = \
            OrderedDict()
        self._busy: dict[tuple[str, str, int | None], int] = {}

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        key = (request.url.scheme, request.url.host, request.url.port)
        self._busy[key] = self._busy.get(key, 0) + 1  # before evicting: never our own pool
        pool = self._pools.get(key)
        if pool is None:
            pool = self._pools[key] = self._make_pool()
            await self._evict()
        self._pools.move_to_end(key)
        try:
            response = await pool.handle_async_request(request)
        except BaseException:
            self._release(key)
            raise
        # The body is read after this returns: the pool counts as busy until it is closed.
        response.stream = _Released(response.stream, lambda: self._release(key))
        return response

    def _release(self, key: tuple[str, str, int | None]) -> None:
        if key in self._busy:
            self._busy[key] -= 1

    async def _evict(self) -> None:
        while len(self._pools) > self._max_pools:
            idle = next((k for k in self._pools if not self._busy.get(k)), None)
            if idle is None:
                return  # every pool is in use: let it grow rather than cut a request
            pool = self._pools.pop(idle)
            self._busy.pop(idle, None)
            await pool.aclose()

    async def aclose(self) -> None:
        pools, self._pools = list(self._pools.values()), OrderedDict()
        for pool in pools:
            await pool.aclose()


class _Released(httpx.AsyncByteStream):
    """A response body that reports when it is closed."""

    def __init__(self, stream: httpx.AsyncByteStream, on_close: Callable[[], None]) -> None:
        self._stream, self._on_close, self._closed = stream, on_close, False

    async def __aiter__(self):  # noqa: ANN204 - an async generator of bytes
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        finally:
            if not self._closed:
                self._closed = True
                self._on_close()
