"""The e-mail address never leaves in clear: not in requests, results, cache or reports."""

from __future__ import annotations

import hashlib
from pathlib import Path

import httpx
import pytest

from prebrief.briefing import gather
from prebrief.config import RunOptions
from prebrief.errors import UsageError
from prebrief.http.settings import HttpSettings
from prebrief.models import ContactQuery
from prebrief.render import render
from prebrief.sources.gravatar import GravatarSource, email_hash

EMAIL = "Saskia@Brekke.example "


def test_hash_is_of_the_trimmed_lowercased_address():
    assert email_hash(EMAIL) == hashlib.sha256(b"saskia@brekke.example").hexdigest()
    with pytest.raises(UsageError):
        email_hash("not an address")


async def test_email_never_in_clear_anywhere(tmp_path: Path):
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"hash": email_hash(EMAIL), "display_name": "Saskia"})

    query = ContactQuery(email=EMAIL)
    briefing = await gather(query, HttpSettings(cache_dir=tmp_path / "cache"),
                            RunOptions(discover=False), transport=httpx.MockTransport(handler))
    needle = "saskia@brekke.example"
    assert seen and all(needle not in str(r.url).lower() for r in seen)
    assert all(needle not in str(v).lower() for r in seen for v in r.headers.values())
    assert needle not in repr(briefing).lower()
    for fmt in ("html", "md", "json"):
        assert needle not in render(briefing, fmt).lower()
    blob = b"".join(p.read_bytes() for p in (tmp_path / "cache").rglob("*") if p.is_file())
    assert needle.encode() not in blob.lower()
    assert GravatarSource.identity_for_email(EMAIL).handle == email_hash(EMAIL)


async def test_facebook_token_only_in_the_header(tmp_path: Path):
    from conftest import run_source

    from prebrief.models import Identity
    from prebrief.sources.facebook import FacebookSource

    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"id": "1", "name": "Halvorsen Maritime Systems"})

    result = await run_source(FacebookSource, Identity("facebook", handle="halvorsenmaritime"),
                              tmp_path, handler=handler, env={"FACEBOOK_ACCESS_TOKEN": "SECRET1"})
    assert result.ok and seen
    assert all("SECRET1" not in str(r.url) for r in seen)
    assert seen[0].headers["authorization"] == "Bearer SECRET1"
