"""The HTTP stack, layer by layer, with only the network swapped for MockTransport."""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx
import pytest

from prebrief import USER_AGENT
from prebrief.errors import (BlockedError, NetworkError, NotAvailable, NotFound, RateLimited,
                             TooLarge)
from prebrief.http.client import build_client
from prebrief.http.settings import HttpSettings
from prebrief.store import open_store
from prebrief.http.fetcher import Fetcher
from prebrief.http.settings import HostPolicy


class Recorder:
    """A handler that answers from a table and remembers every request it saw."""

    def __init__(self, routes: dict[str, object]) -> None:
        self.routes = routes
        self.seen: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.seen.append(request)
        route = self.routes.get(request.url.path)
        if route is None:
            if request.url.path == "/robots.txt":
                return httpx.Response(404)
            raise AssertionError(f"unexpected request {request.url}")
        if isinstance(route, list):
            route = route.pop(0)
        if callable(route):
            return route(request)
        return route  # type: ignore[return-value]

    def paths(self) -> list[str]:
        return [r.url.path for r in self.seen]


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_790_000_000.0
        self.slept: list[float] = []

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    def mono(self) -> float:
        return self.now

    def wall(self) -> float:
        return self.now


def make(tmp_path: Path, handler, *, clock: FakeClock | None = None, **settings):
    clock = clock or FakeClock()
    http = HttpSettings(cache_dir=tmp_path / "cache", **settings)
    client = build_client(http, transport=httpx.MockTransport(handler), polite_kwargs={
        "sleep": clock.sleep, "clock": clock.mono, "wallclock": clock.wall})
    return client, clock


def fetcher(client, **kw) -> Fetcher:
    return Fetcher(client, source=kw.pop("source", "test"), ttl=kw.pop("ttl", 3600), **kw)


async def test_honest_user_agent_and_no_cookies(tmp_path):
    handler = Recorder({"/a": httpx.Response(200, json={}, headers={"set-cookie": "s=1"}),
                        "/b": httpx.Response(200, json={})})
    client, _ = make(tmp_path, handler)
    async with client:
        f = fetcher(client)
        await f.get("https://api.example.com/a")
        await f.get("https://api.example.com/b", headers={"Cookie": "stolen=1"})
    assert all(r.headers["user-agent"] == USER_AGENT for r in handler.seen)
    assert USER_AGENT.startswith("prebrief/") and "(+http" in USER_AGENT
    assert all("cookie" not in r.headers for r in handler.seen)


async def test_cache_serves_rerun_and_refresh_bypasses(tmp_path):
    handler = Recorder({"/u": lambda r: httpx.Response(200, json={"n": len(handler.seen)})})
    client, _ = make(tmp_path, handler)
    async with client:
        first = await fetcher(client).get("https://api.example.com/u?b=2&a=1")
        again = await fetcher(client).get("https://api.example.com/u?a=1&b=2")
    assert not first.from_cache and again.from_cache and again.json() == first.json()
    assert len(handler.seen) == 1
    client, _ = make(tmp_path, handler, refresh=True)
    async with client:
        fresh = await fetcher(client).get("https://api.example.com/u?a=1&b=2")
    assert not fresh.from_cache and len(handler.seen) == 2


async def test_cache_ttl_expires(tmp_path):
    handler = Recorder({"/u": lambda r: httpx.Response(200, json={})})
    client, _ = make(tmp_path, handler)
    async with client:
        await fetcher(client, ttl=0.2).get("https://api.example.com/u")
    time.sleep(0.3)
    client, _ = make(tmp_path, handler)
    async with client:
        result = await fetcher(client, ttl=0.2).get("https://api.example.com/u")
    assert not result.from_cache and len(handler.seen) == 2


async def test_offline_serves_cache_and_names_missing(tmp_path):
    handler = Recorder({"/u": httpx.Response(200, json={"ok": True})})
    client, _ = make(tmp_path, handler)
    async with client:
        await fetcher(client).get("https://api.example.com/u")
    client, _ = make(tmp_path, handler, offline=True)
    async with client:
        assert (await fetcher(client).get("https://api.example.com/u")).json() == {"ok": True}
        with pytest.raises(NotAvailable) as err:
            await fetcher(client).get("https://api.example.com/other")
    assert "https://api.example.com/other" in err.value.message
    assert len(handler.seen) == 1


async def test_secrets_never_reach_cache(tmp_path):
    handler = Recorder({"/u": httpx.Response(200, json={"x": 1}, headers={"set-cookie": "sid=S3"})})
    client, _ = make(tmp_path, handler)
    async with client:
        f = fetcher(client, auth={"Authorization": "Bearer TOPSECRET"},
                    token_hosts=("api.example.com",))
        await f.get("https://api.example.com/u?access_token=ALSOSECRET")
    assert handler.seen[0].headers["authorization"] == "Bearer TOPSECRET"
    blob = b"".join(p.read_bytes() for p in (tmp_path / "cache").rglob("*") if p.is_file())
    assert b"TOPSECRET" not in blob and b"ALSOSECRET" not in blob and b"sid=S3" not in blob


async def test_token_only_sent_to_its_own_host(tmp_path):
    handler = Recorder({"/u": httpx.Response(200, json={})})
    client, _ = make(tmp_path, handler)
    async with client:
        f = fetcher(client, auth={"Authorization": "Bearer T"}, token_hosts=("api.github.com",))
        await f.get("https://evil.example.com/u")
    assert "authorization" not in handler.seen[0].headers


async def test_robots_disallow_blocks_pages_not_apis(tmp_path):
    handler = Recorder({
        "/robots.txt": httpx.Response(200, text="User-agent: *\nDisallow: /in/\n"),
        "/in/someone": httpx.Response(200, text="<html></html>"),
        "/about": httpx.Response(200, text="<html>about</html>"),
    })
    client, _ = make(tmp_path, handler)
    async with client:
        f = fetcher(client)
        with pytest.raises(BlockedError) as err:
            await f.get_page("https://site.example/in/someone")
        assert "robots.txt" in err.value.message
        assert (await f.get_page("https://site.example/about")).status == 200
    assert handler.paths() == ["/robots.txt", "/about"]  # robots read once, page never fetched


@pytest.mark.parametrize("status,allowed", [(404, True), (403, True), (500, False)])
async def test_robots_status_semantics(tmp_path, status, allowed):
    handler = Recorder({"/robots.txt": httpx.Response(status), "/p": httpx.Response(200)})
    client, _ = make(tmp_path, handler)
    async with client:
        if allowed:
            assert (await fetcher(client).get_page("https://site.example/p")).status == 200
        else:
            with pytest.raises(BlockedError):
                await fetcher(client).get_page("https://site.example/p")


async def test_robots_agent_specific_group(tmp_path):
    robots = "User-agent: prebrief\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    handler = Recorder({"/robots.txt": httpx.Response(200, text=robots), "/p": httpx.Response(200)})
    client, _ = make(tmp_path, handler)
    async with client:
        with pytest.raises(BlockedError):
            await fetcher(client).get_page("https://site.example/p")


async def test_retry_after_honoured_within_cap(tmp_path):
    handler = Recorder({"/u": [httpx.Response(429, headers={"retry-after": "7"}),
                               httpx.Response(200, json={"ok": 1})]})
    client, clock = make(tmp_path, handler)
    async with client:
        assert (await fetcher(client).get("https://api.example.com/u")).json() == {"ok": 1}
    assert 7 in clock.slept and len(handler.seen) == 2


async def test_rate_limit_reset_beyond_cap_is_reported(tmp_path):
    clock = FakeClock()
    reset = str(int(clock.now + 3600))
    handler = Recorder({"/2/u": httpx.Response(429, headers={
        "x-rate-limit-remaining": "0", "x-rate-limit-reset": reset})})
    client, _ = make(tmp_path, handler, clock=clock)
    async with client:
        with pytest.raises(RateLimited) as err:
            await fetcher(client).get("https://api.x.example/2/u")
    assert err.value.retry_at is not None and err.value.retry_at.timestamp() == int(reset)
    assert len(handler.seen) == 1 and not clock.slept


async def test_github_style_403_with_remaining_zero_is_rate_limited(tmp_path):
    clock = FakeClock()
    handler = Recorder({"/users/x": httpx.Response(403, json={"message": "API rate limit"},
                        headers={"x-ratelimit-remaining": "0",
                                 "x-ratelimit-reset": str(int(clock.now + 5000))})})
    client, _ = make(tmp_path, handler, clock=clock)
    async with client:
        with pytest.raises(RateLimited):
            await fetcher(client).get("https://api.github.example/users/x")


async def test_exhausted_window_short_circuits_later_requests(tmp_path):
    clock = FakeClock()
    handler = Recorder({"/a": httpx.Response(200, json={}, headers={
        "x-ratelimit-remaining": "0", "x-ratelimit-reset": str(int(clock.now + 5000))})})
    client, _ = make(tmp_path, handler, clock=clock)
    async with client:
        await fetcher(client).get("https://api.example.com/a")
        with pytest.raises(RateLimited):
            await fetcher(client).get("https://api.example.com/b")
    assert handler.paths() == ["/a"]  # the second request never left


async def test_min_interval_between_requests_to_one_host(tmp_path):
    handler = Recorder({"/a": httpx.Response(200), "/b": httpx.Response(200)})
    client, clock = make(tmp_path, handler,
                         policies={"slow.example": HostPolicy(concurrency=1, min_interval=2.0)})
    async with client:
        f = fetcher(client)
        await f.get("https://slow.example/a")
        await f.get("https://slow.example/b")
    assert clock.slept == [pytest.approx(2.0)]


async def test_burst_then_interval(tmp_path):
    handler = Recorder({f"/{i}": httpx.Response(200) for i in range(5)})
    client, clock = make(tmp_path, handler, policies={
        "site.example": HostPolicy(concurrency=1, min_interval=1.0, burst=3)})
    async with client:
        f = fetcher(client)
        for i in range(5):
            await f.get(f"https://site.example/{i}")
    # Three starts at once, then one per second.
    assert clock.slept == [pytest.approx(1.0), pytest.approx(1.0)]


async def test_concurrency_cap_per_host(tmp_path):
    import asyncio

    active = peak = 0

    class Slow(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request):
            nonlocal active, peak
            active += 1
            peak = max(peak, active)
            await asyncio.sleep(0.01)
            active -= 1
            return httpx.Response(200)

    http = HttpSettings(cache_dir=tmp_path / "c",
                        policies={"h.example": HostPolicy(concurrency=2, min_interval=0)})
    async with build_client(http, transport=Slow()) as client:
        f = fetcher(client)
        await asyncio.gather(*(f.get(f"https://h.example/{i}") for i in range(8)))
    assert peak == 2


async def test_oversized_body_streamed_and_refused(tmp_path):
    served = 0

    async def stream():
        nonlocal served
        for _ in range(100):
            served += 1
            yield b"x" * 65536

    handler = Recorder({"/big": lambda r: httpx.Response(200, content=stream())})
    client, _ = make(tmp_path, handler, max_body=256 * 1024)
    async with client:
        with pytest.raises(TooLarge):
            await fetcher(client, max_body=256 * 1024).get("https://api.example.com/big")
    assert served < 10  # stopped soon after the cap, never read whole


async def test_declared_oversize_refused_before_reading(tmp_path):
    handler = Recorder({"/big": httpx.Response(200, headers={"content-length": "999999999"},
                                               content=b"")})
    client, _ = make(tmp_path, handler)
    async with client:
        with pytest.raises(TooLarge):
            await fetcher(client).get("https://api.example.com/big")


async def test_redirects_capped(tmp_path):
    handler = Recorder({"/loop": lambda r: httpx.Response(302, headers={"location": "/loop"})})
    client, _ = make(tmp_path, handler, max_redirects=3)
    async with client:
        with pytest.raises(Exception) as err:
            await fetcher(client).get("https://api.example.com/loop")
    assert "redirect" in str(err.value).lower()
    assert len(handler.seen) == 4


@pytest.mark.parametrize("exc,kind", [(httpx.ConnectTimeout, NetworkError),
                                      (httpx.ReadTimeout, NetworkError),
                                      (httpx.ConnectError, NetworkError)])
async def test_transport_errors_mapped(tmp_path, exc, kind):
    def boom(request):
        raise exc("x", request=request)

    handler = Recorder({"/u": boom})
    client, _ = make(tmp_path, handler)
    async with client:
        with pytest.raises(kind) as err:
            await fetcher(client, source="github").get("https://api.example.com/u")
    assert err.value.source == "github" and err.value.url.endswith("/u")


@pytest.mark.parametrize("status,kind", [(404, NotFound), (410, NotFound), (999, BlockedError),
                                         (401, BlockedError), (503, NetworkError)])
async def test_statuses_mapped(tmp_path, status, kind):
    handler = Recorder({"/u": httpx.Response(status)})
    client, _ = make(tmp_path, handler)
    async with client:
        with pytest.raises(kind):
            await fetcher(client).get("https://api.example.com/u")


async def test_record_then_replay_round_trip(tmp_path):
    rec = tmp_path / "rec"
    handler = Recorder({"/u": httpx.Response(200, json={"name": "Ada"},
                                              headers={"set-cookie": "s=1", "x-keep": "yes"})})
    client, _ = make(tmp_path, handler, record=rec)
    async with client:
        f = fetcher(client, auth={"Authorization": "Bearer SECRET"},
                    token_hosts=("api.example.com",))
        await f.get("https://api.example.com/u?z=1&a=2&access_token=SECRET2")
    manifest = json.loads((rec / "manifest.json").read_text())
    assert manifest[0]["url"] == "https://api.example.com/u?a=2&z=1"
    assert manifest[0]["headers"].get("x-keep") == "yes"
    assert "set-cookie" not in {k.lower() for k in manifest[0]["headers"]}
    blob = b"".join(p.read_bytes() for p in rec.rglob("*") if p.is_file())
    assert b"SECRET" not in blob
    # Replay: exact match with the query in another order, then path-only fallback.
    replay_http = HttpSettings(cache_dir=tmp_path / "c2", replay=rec)
    async with build_client(replay_http) as client:
        f = fetcher(client)
        assert (await f.get("https://api.example.com/u?a=2&z=1")).json() == {"name": "Ada"}
        assert (await f.get("https://api.example.com/u?other=1")).json() == {"name": "Ada"}
        with pytest.raises(NotAvailable) as err:
            await f.get("https://api.example.com/never")
    assert "not in the replay" in err.value.message
    # Named by the recording's folder, not its path: the message reaches the reports.
    assert err.value.message.endswith(f"recording {rec.name}") and str(tmp_path) not in \
        err.value.message


async def test_replay_never_goes_live(tmp_path):
    rec = tmp_path / "rec"
    rec.mkdir()
    (rec / "manifest.json").write_text("[]")
    async with build_client(HttpSettings(cache_dir=tmp_path / "c", replay=rec)) as client:
        with pytest.raises(NotAvailable):
            await fetcher(client).get("https://example.com/")


def test_store_is_shared_and_taggable(tmp_path):
    store = open_store(tmp_path / "c")
    store.set("k", 1, tag="contact-a")
    store.set("j", 2, tag="contact-b")
    assert store.evict("contact-a") == 1 and "j" in store and "k" not in store


def test_ssl_verification_stays_on(monkeypatch, tmp_path):
    import ssl

    from prebrief.http.client import _ssl_verify

    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    (tmp_path / "abcd1234.0").write_text("")
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))
    context = _ssl_verify()
    assert isinstance(context, ssl.SSLContext)
    assert context.verify_mode == ssl.CERT_REQUIRED and context.check_hostname
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path / "missing"))
    assert _ssl_verify() is True  # httpx's own verified default
    monkeypatch.setenv("SSL_CERT_DIR", str(tmp_path))
    monkeypatch.setenv("SSL_CERT_FILE", str(tmp_path / "corporate-ca.pem"))
    assert _ssl_verify() is True  # the user's own bundle wins


async def test_replay_without_robots_serves_recorded_pages(tmp_path):
    rec = tmp_path / "rec"
    (rec / "bodies").mkdir(parents=True)
    (rec / "bodies" / "p.html").write_text("<html>hi</html>")
    (rec / "manifest.json").write_text(json.dumps([{
        "method": "GET", "url": "https://site.example/p", "status": 200,
        "headers": {"content-type": "text/html"}, "body": "bodies/p.html"}]))
    async with build_client(HttpSettings(cache_dir=tmp_path / "c", replay=rec)) as client:
        assert (await fetcher(client).get_page("https://site.example/p")).text == "<html>hi</html>"
