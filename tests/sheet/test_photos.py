"""--photos: an image fetched through the HTTP stack becomes a capped data: URI."""

from __future__ import annotations

import base64
from types import SimpleNamespace

import httpx
import pytest

from prebrief.http.fetcher import Fetcher
from prebrief.photos import MAX_PHOTO_BYTES, PhotoSource, embed_photo, photo_data_uri

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def gatherer_for(handler) -> SimpleNamespace:
    client = httpx.AsyncClient(transport=httpx.MockTransport(handler))

    def fetcher(cls):
        assert cls.token_env is None and cls.token_hosts == ()
        return Fetcher(client, source=cls.name, ttl=cls.ttl.total_seconds())
    return SimpleNamespace(fetcher=fetcher)


async def test_embeds_png_as_data_uri():
    seen = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen["accept"] = request.headers["accept"]
        return httpx.Response(200, content=PNG, headers={"content-type": "image/png"})
    uri = await embed_photo(gatherer_for(handler), "https://img.example/a.png")
    assert uri == "data:image/png;base64," + base64.b64encode(PNG).decode()
    assert seen["accept"] == "image/*"


@pytest.mark.parametrize("status,ctype", [(404, "image/png"), (200, "text/html"),
                                          (200, "image/svg+xml")])
async def test_failures_give_none(status: int, ctype: str):
    gatherer = gatherer_for(lambda r: httpx.Response(status, content=PNG,
                                                     headers={"content-type": ctype}))
    assert await embed_photo(gatherer, "https://img.example/a.png") is None


async def test_non_http_url_is_never_fetched():
    def handler(request):
        raise AssertionError("fetched")
    assert await embed_photo(gatherer_for(handler), "javascript:alert(1)") is None


def test_size_cap_and_types():
    assert photo_data_uri("image/jpeg; q=1", b"x" * MAX_PHOTO_BYTES).startswith("data:image/jpeg")
    assert photo_data_uri("image/jpeg", b"x" * (MAX_PHOTO_BYTES + 1)) is None
    assert photo_data_uri("image/gif", b"") is None
    assert PhotoSource().name == "photo"
