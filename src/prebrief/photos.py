"""--photos: fetch the profile photo once through the HTTP stack and embed it as a data URI."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prebrief.briefing import Gatherer

IMAGE_TYPES = frozenset({"image/jpeg", "image/png", "image/webp", "image/gif"})
MAX_PHOTO_BYTES = 300_000


@dataclass(frozen=True)
class PhotoSource:
    """Just enough of a source for Gatherer.fetcher: no token ever travels with a photo."""

    name: str = "photo"
    ttl: timedelta = timedelta(days=7)
    token_env: str | None = None
    token_hosts: tuple[str, ...] = ()


async def embed_photo(gatherer: Gatherer, url: str) -> str | None:
    """A data: URI for the photo, or None when it cannot be had (never breaks the briefing)."""
    from prebrief.errors import PrebriefError
    from prebrief.render import safe_url

    if not safe_url(url):
        return None
    try:
        fetched = await gatherer.fetcher(PhotoSource()).get(
            url, kind="api", headers={"Accept": "image/*"})
    except PrebriefError:
        return None
    return photo_data_uri(fetched.headers.get("content-type", ""), fetched.content)


def photo_data_uri(content_type: str, content: bytes) -> str | None:
    """Only real images of a sane size become data URIs."""
    kind = content_type.split(";")[0].strip().lower()
    if kind not in IMAGE_TYPES or not content or len(content) > MAX_PHOTO_BYTES:
        return None
    return f"data:{kind};base64,{base64.b64encode(content).decode('ascii')}"
