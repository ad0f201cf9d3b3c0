"""Politeness layer: honest User-Agent, robots.txt for pages, per-host limits, rate-limit waits."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable
from importlib import resources
from typing import Any

import httpx

from prebrief.errors import BlockedError, NotAvailable, PrebriefError, RateLimited
from prebrief.http.body import read_capped
from prebrief.http.errors import is_rate_limited, reset_time
from prebrief.http.settings import HostPolicy

ROBOTS_TTL = 24 * 3600
ROBOTS_MAX = 512 * 1024


def load_policies(overrides: dict[str, HostPolicy] | None = None) -> dict[str, HostPolicy]:
    """Per-host policies from ``hosts.json`` (data, reviewed like code), plus overrides."""
    raw = json.loads(resources.files("prebrief.http").joinpath("hosts.json").read_text())
    policies = {host: HostPolicy(**spec) for host, spec in raw["hosts"].items()}
    policies["*"] = HostPolicy(**raw["default"])
    policies["api:*"] = HostPolicy(**raw["api_default"])
    return policies | (overrides or {})


class _HostGate:
    """Concurrency cap plus a token bucket on request starts for one host."""

    def __init__(self, policy: HostPolicy, now: float) -> None:
        self.policy = policy
        self.semaphore = asyncio.Semaphore(max(1, policy.concurrency))
        self.lock = asyncio.Lock()
        self.tokens = float(max(1, policy.burst))
        self.updated = now
        self.blocked_until = 0.0  # a rate-limit window we learnt about from headers

    def wait_for_token(self, now: float) -> float:
        """Take a token; return how long to wait before starting (0 when one is ready)."""
        interval = self.policy.min_interval
        if interval <= 0:
            return 0.0
        capacity = float(max(1, self.policy.burst))
        self.tokens = min(capacity, self.tokens + (now - self.updated) / interval)
        self.updated = now
        self.tokens -= 1.0
        return 0.0 if self.tokens >= 0 else -self.tokens * interval


class PoliteTransport(httpx.AsyncBaseTransport):
    """Sits between the cache and the network; every live request passes here."""

    def __init__(
        self, inner: httpx.AsyncBaseTransport, *, user_agent: str,
        policies: dict[str, HostPolicy] | None = None, retry_cap: float = 30.0,
        robots_store: Any = None, max_attempts: int = 3, paced: bool = True,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic, wallclock: Callable[[], float] = time.time,
    ) -> None:
        self._inner = inner
        self._ua = user_agent
        self._policies = policies if policies is not None else load_policies()
        self._retry_cap = retry_cap
        self._robots_store = robots_store
        self._max_attempts = max_attempts
        self._paced = paced  # False for replays: concurrency caps and robots still apply
        self._sleep, self._clock, self._wallclock = sleep, clock, wallclock
        self._gates: dict[str, _HostGate] = {}
        self._robots: dict[str, Any] = {}
        self._robots_locks: dict[str, asyncio.Lock] = {}

    def policy(self, host: str, kind: str | None = None) -> HostPolicy:
        fallback = "api:*" if kind == "api" else "*"
        return (self._policies.get(host) or self._policies.get(fallback)
                or self._policies.get("*") or HostPolicy())

    def _gate(self, request: httpx.Request) -> _HostGate:
        host = request.url.host
        gate = self._gates.get(host)
        if gate is None:
            kind = request.extensions.get("prebrief.kind")
            gate = self._gates[host] = _HostGate(self.policy(host, kind), self._clock())
        return gate

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        request.headers["User-Agent"] = self._ua
        for name in ("cookie", "Cookie"):  # we never send cookies, whatever a caller set
            if name in request.headers:
                del request.headers[name]
        if request.extensions.get("prebrief.kind") == "page":
            await self._check_robots(request)
        for attempt in range(1, self._max_attempts + 1):
            response = await self._send(request)
            wait = self._rate_limit_wait(request, response)
            if wait is None or attempt == self._max_attempts:
                return response
            await response.aclose()
            await self._sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _send(self, request: httpx.Request) -> httpx.Response:
        gate = self._gate(request)
        async with gate.semaphore:
            await self._respect_window(gate, request)
            # robots.txt is read once per host and does not use up the page's slot.
            if request.extensions.get("prebrief.kind") != "robots":
                async with gate.lock:
                    delay = gate.wait_for_token(self._clock()) if self._paced else 0.0
                    if delay > 0:
                        await self._sleep(delay)
            response = await self._inner.handle_async_request(request)
        self._learn_window(gate, response)
        return response

    async def _respect_window(self, gate: _HostGate, request: httpx.Request) -> None:
        remaining = gate.blocked_until - self._wallclock()
        if remaining <= 0:
            return
        if remaining > self._retry_cap:
            raise RateLimited(f"{request.url.host} rate limit is exhausted for {remaining:.0f}s",
                              url=str(request.url),
                              source=request.extensions.get("prebrief.source"))
        await self._sleep(remaining)

    def _learn_window(self, gate: _HostGate, response: httpx.Response) -> None:
        remaining = (response.headers.get("x-ratelimit-remaining")
                     or response.headers.get("x-rate-limit-remaining") or "").strip()
        if remaining == "0":
            reset = reset_time(response.headers, self._wallclock())
            if reset:
                gate.blocked_until = max(gate.blocked_until, reset)

    def _rate_limit_wait(self, request: httpx.Request, response: httpx.Response) -> float | None:
        """Seconds to wait before retrying, or None to hand the response back as it is."""
        if not (is_rate_limited(response) or response.status_code == 503):
            return None
        reset = reset_time(response.headers, self._wallclock())
        if reset is None:
            return None
        wait = max(0.0, reset - self._wallclock())
        return wait if wait <= self._retry_cap else None

    # ---- robots.txt -------------------------------------------------------------------
    async def _check_robots(self, request: httpx.Request) -> None:
        origin = f"{request.url.scheme}://{request.url.netloc.decode()}"
        parser = await self._robots_for(origin, request)
        if parser is not None and not parser.can_fetch(str(request.url), self._ua):
            raise BlockedError(
                f"robots.txt of {request.url.host} does not allow automated clients to read "
                f"{request.url.path}", url=str(request.url),
                source=request.extensions.get("prebrief.source"))

    async def _robots_for(self, origin: str, request: httpx.Request) -> Any:
        if origin in self._robots:
            return self._robots[origin]
        lock = self._robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin not in self._robots:
                self._robots[origin] = await self._load_robots(origin, request)
        return self._robots[origin]

    async def _load_robots(self, origin: str, request: httpx.Request) -> Any:
        from protego import Protego

        key = f"robots:{origin}"
        text = self._robots_store.get(key) if self._robots_store is not None else None
        if text is None:
            text = await self._fetch_robots(origin, request)
            if self._robots_store is not None:
                self._robots_store.set(key, text, expire=ROBOTS_TTL)
        return Protego.parse(text)

    async def _fetch_robots(self, origin: str, page: httpx.Request) -> str:
        """RFC 9309: 4xx means no rules; 5xx or unreachable means everything is disallowed."""
        extensions = {k: v for k, v in page.extensions.items() if k.startswith("prebrief.")}
        extensions["prebrief.kind"] = "robots"
        request = httpx.Request("GET", f"{origin}/robots.txt",
                                headers={"User-Agent": self._ua}, extensions=extensions)
        try:
            response = await self._send(request)
            body = await read_capped(response, ROBOTS_MAX)
        except NotAvailable:
            # Only a replay gets here (offline runs stop at the cache). A recording holds the
            # pages its live run was allowed to fetch, and robots.txt may have come from the
            # cache then, so a recording without it means no rules to apply.
            return ""
        except PrebriefError:
            return "User-agent: *\nDisallow: /\n"
        except httpx.HTTPError:
            return "User-agent: *\nDisallow: /\n"
        if response.status_code >= 500:
            return "User-agent: *\nDisallow: /\n"
        if response.status_code >= 400 or response.status_code in (301, 302, 303, 307, 308):
            return ""
        return body.decode("utf-8", "replace")

    async def aclose(self) -> None:
        await self._inner.aclose()


class LimitTransport(httpx.AsyncBaseTransport):
    """Innermost wrapper: caps the raw body as it streams in."""

    def __init__(self, inner: httpx.AsyncBaseTransport, max_body: int) -> None:
        self._inner = inner
        self._max_body = max_body

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        from prebrief.http.body import too_large

        response = await self._inner.handle_async_request(request)
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self._max_body:
            await response.aclose()
            raise too_large(request, self._max_body)
        response.stream = _CappedStream(response.stream, self._max_body, request)  # type: ignore[arg-type]
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


class _CappedStream(httpx.AsyncByteStream):
    def __init__(self, stream: Any, cap: int, request: httpx.Request) -> None:
        self._stream, self._cap, self._request = stream, cap, request

    async def __aiter__(self):  # type: ignore[override]
        from prebrief.http.body import too_large

        total = 0
        async for chunk in self._stream:
            total += len(chunk)
            if total > self._cap:
                raise too_large(self._request, self._cap)
            yield chunk

    async def aclose(self) -> None:
        await self._stream.aclose()
