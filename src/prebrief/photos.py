"""--photos: fetch the profile photo once through the HTTP stack and embed it as a data URI."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prebrief.briefing import Gatherer


async def embed_photo(gatherer: Gatherer, url: str) -> str | None:
    """A data: URI for the photo, or None. (Issue 5 fills this in.)"""
    return None
