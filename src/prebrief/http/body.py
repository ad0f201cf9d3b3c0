"""Reading response bodies under a size cap, decoded, never whole first."""

from __future__ import annotations

import httpx

from prebrief.errors import TooLarge

from prebrief.http.settings import DEFAULT_MAX_BODY  # noqa: F401 - re-exported
# Headers that describe the wire encoding; dropped once a body has been decoded and stored.
WIRE_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})
# Never stored, recorded or replayed.
SECRET_HEADERS = frozenset({"set-cookie", "cookie", "authorization", "proxy-authorization"})


def too_large(request: httpx.Request, cap: int) -> TooLarge:
    source = request.extensions.get("prebrief.source")
    return TooLarge(f"{request.url.host} sent more than {cap // 1024} KB; not read",
                    url=str(request.url), source=source,
                    hint="Bodies are capped to keep runs fast and safe; save the page and pass "
                         "it as a file if it matters.")


async def read_capped(response: httpx.Response, cap: int) -> bytes:
    """Read the decoded body chunk by chunk, stopping as soon as it passes ``cap``."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        await response.aclose()
        raise too_large(response.request, cap)
    chunks: list[bytes] = []
    total = 0
    try:
        async for chunk in response.aiter_bytes():
            total += len(chunk)
            if total > cap:
                raise too_large(response.request, cap)
            chunks.append(chunk)
    finally:
        await response.aclose()
    return b"".join(chunks)


def stored_headers(headers: httpx.Headers) -> list[tuple[str, str]]:
    """Headers worth keeping with a decoded body: no wire encoding, no secrets."""
    return [(k, v) for k, v in headers.multi_items()
            if k.lower() not in WIRE_HEADERS and k.lower() not in SECRET_HEADERS]


async def materialise(response: httpx.Response, request: httpx.Request, cap: int) -> httpx.Response:
    """Turn a streamed response into one with its decoded body in memory."""
    body = await read_capped(response, cap)
    return httpx.Response(response.status_code, headers=stored_headers(response.headers),
                          content=body, request=request, extensions=response.extensions)
