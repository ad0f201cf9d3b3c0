"""The one place where httpx exceptions and HTTP statuses become prebrief errors."""

from __future__ import annotations

import email.utils
import time
from datetime import UTC, datetime

import httpx

from prebrief.errors import (
    BlockedError,
    FetchError,
    NetworkError,
    NotFound,
    PrebriefError,
    RateLimited,
)


def map_transport_error(exc: Exception, *, url: str, source: str | None) -> PrebriefError:
    """Translate an exception raised while sending a request."""
    if isinstance(exc, PrebriefError):
        return exc
    host = httpx.URL(url).host
    if isinstance(exc, httpx.TimeoutException):
        return NetworkError(f"{host} did not answer in time ({type(exc).__name__})",
                            url=url, source=source, hint="Try again later, or raise --timeout.")
    if isinstance(exc, httpx.ConnectError):
        return NetworkError(f"could not connect to {host}", url=url, source=source,
                            hint="Check the network connection, or use --offline / --replay.")
    if isinstance(exc, httpx.TooManyRedirects):
        return FetchError(f"too many redirects from {host}", url=url, source=source)
    if isinstance(exc, httpx.DecodingError):
        return FetchError(f"{host} sent a body that could not be decoded", url=url, source=source)
    if isinstance(exc, httpx.HTTPError):
        return NetworkError(f"request to {host} failed: {type(exc).__name__}: {exc}",
                            url=url, source=source)
    raise exc


def reset_time(headers: httpx.Headers, now: float | None = None) -> float | None:
    """When a rate limit lifts, as a Unix time, from Retry-After or the *-reset headers."""
    now = time.time() if now is None else now
    retry_after = headers.get("retry-after")
    if retry_after:
        if retry_after.strip().isdigit():
            return now + int(retry_after.strip())
        parsed = email.utils.parsedate_to_datetime(retry_after) if retry_after else None
        if parsed is not None:
            return parsed.timestamp()
    for name in ("x-rate-limit-reset", "x-ratelimit-reset"):
        value = (headers.get(name) or "").strip()
        if not value:
            continue
        if value.replace(".", "", 1).isdigit():
            number = float(value)
            # Some APIs send seconds-until-reset rather than an epoch.
            return number if number > 1e9 else now + number
        try:  # Mastodon sends an ISO 8601 timestamp.
            return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()
        except ValueError:
            continue
    return None


def is_rate_limited(response: httpx.Response) -> bool:
    if response.status_code == 429:
        return True
    remaining = response.headers.get("x-ratelimit-remaining") or response.headers.get(
        "x-rate-limit-remaining")
    return response.status_code == 403 and remaining is not None and remaining.strip() == "0"


def error_for_status(response: httpx.Response, *, source: str | None) -> FetchError | None:
    """The typed error an HTTP status means, or None for success."""
    code = response.status_code
    url = str(response.request.url) if response.request else ""
    host = httpx.URL(url).host if url else "the server"
    if code < 400 and code != 999:
        return None
    if is_rate_limited(response):
        reset = reset_time(response.headers)
        retry_at = datetime.fromtimestamp(reset, UTC) if reset else None
        when = f" until {retry_at:%Y-%m-%d %H:%M} UTC" if retry_at else ""
        return RateLimited(f"{host} rate limit reached{when}", retry_at=retry_at,
                           url=url, source=source)
    if code in (404, 410):
        return NotFound(f"{host} has no such profile (HTTP {code})", url=url, source=source,
                        hint="Check the handle or URL; the profile may be renamed or deleted.")
    if code in (401, 403, 999, 402, 451):
        return BlockedError(f"{host} refused the request (HTTP {code})", url=url, source=source)
    if code >= 500:
        return NetworkError(f"{host} had a server error (HTTP {code})", url=url, source=source,
                            hint="Usually temporary; try again later.")
    return FetchError(f"{host} rejected the request (HTTP {code})", url=url, source=source,
                      hint="Check the handle or URL given for this source.")
