"""Per-host connection pools: requests reach their host's pool; idle pools are closed."""

from __future__ import annotations

import httpx

from prebrief.http.pools import PerHostTransport


class FakePool(httpx.AsyncBaseTransport):
    made: list[FakePool] = []

    def __init__(self) -> None:
        self.hosts: list[str] = []
        self.closed = False
        FakePool.made.append(self)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        assert not self.closed, "a closed pool was used"
        self.hosts.append(request.url.host)
        return httpx.Response(200, stream=httpx.ByteStream(b"ok " + request.url.host.encode()))

    async def aclose(self) -> None:
        self.closed = True


async def test_each_host_gets_one_pool_and_idle_pools_are_closed_beyond_the_limit():
    FakePool.made = []
    transport = PerHostTransport(FakePool, max_pools=2)
    async with httpx.AsyncClient(transport=transport) as client:
        for host in ("a.example", "b.example", "a.example", "c.example"):
            assert (await client.get(f"https://{host}/")).text == f"ok {host}"
        first, second, third = FakePool.made
        assert first.hosts == ["a.example", "a.example"] and second.hosts == ["b.example"]
        assert second.closed and not first.closed  # b was least recently used when c came
    assert first.closed and third.closed  # closing the client closes every pool


async def test_a_pool_whose_body_is_still_being_read_is_not_closed():
    FakePool.made = []
    transport = PerHostTransport(FakePool, max_pools=1)
    async with httpx.AsyncClient(transport=transport) as client:
        async with client.stream("GET", "https://a.example/") as streaming:
            await client.get("https://b.example/")  # would evict a, but a is mid-body
            assert not FakePool.made[0].closed
            assert (await streaming.aread()) == b"ok a.example"
        await client.get("https://c.example/")  # now a and b are idle: trimmed to one pool
        assert sum(not p.closed for p in FakePool.made) == 1


class FailingPool(FakePool):
    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)


async def test_a_failed_request_leaves_its_pool_idle_and_closable():
    FakePool.made = []
    transport = PerHostTransport(FailingPool, max_pools=1)
    async with httpx.AsyncClient(transport=transport) as client:
        for host in ("a.example", "b.example"):
            try:
                await client.get(f"https://{host}/")
            except httpx.ConnectError:
                pass
        assert FakePool.made[0].closed and not FakePool.made[1].closed
