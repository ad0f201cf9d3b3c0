"""What a source uses to fetch: one object per source per run, bound to the shared client."""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from prebrief.errors import ParseError
from prebrief.http.body import DEFAULT_MAX_BODY, read_capped
from prebrief.http.errors import error_for_status, map_transport_error


@dataclass(frozen=True)
class Fetched:
    """A response as sources see it: final URL, status, headers, decoded text, when."""

    url: str
    status: int
    headers: httpx.Headers
    content: bytes
    retrieved_at: datetime
    from_cache: bool = False
    source: str | None = None

    @property
    def text(self) -> str:
        charset = "utf-8"
        ctype = self.headers.get("content-type", "")
        if "charset=" in ctype:
            charset = ctype.split("charset=")[-1].split(";")[0].strip() or "utf-8"
        try:
            return self.content.decode(charset, errors="replace")
        except LookupError:
            return self.content.decode("utf-8", errors="replace")

    def json(self) -> Any:
        try:
            return json.loads(self.content)
        except (ValueError, UnicodeDecodeError) as exc:
            raise ParseError(f"expected JSON from {httpx.URL(self.url).host}, got something "
                             f"else ({exc.__class__.__name__})", url=self.url,
                             source=self.source) from None


class Fetcher:
    """Fetches for one source: stamps the source, TTL and contact on every request, adds the
    source's token only for its own hosts, and raises typed errors for failed statuses."""

    def __init__(self, client: httpx.AsyncClient, *, source: str, ttl: float,
                 contact: str | None = None, auth: Mapping[str, str] | None = None,
                 token_hosts: Collection[str] = (), max_body: int = DEFAULT_MAX_BODY) -> None:
        self._client = client
        self.source = source
        self._ttl = ttl
        self._contact = contact
        self._auth = dict(auth or {})
        self._token_hosts = frozenset(token_hosts)
        self._max_body = max_body
        self.requests = 0

    async def get(self, url: str, *, params: Mapping[str, Any] | None = None,
                  headers: Mapping[str, str] | None = None, kind: str = "api",
                  ok: Collection[int] = (200,)) -> Fetched:
        """GET ``url``. Statuses in ``ok`` are returned; any other failure is raised typed."""
        request = self._client.build_request(
            "GET", url, params=params, headers=self._headers(url, headers),
            extensions={"prebrief.source": self.source, "prebrief.kind": kind,
                        "prebrief.ttl": self._ttl, "prebrief.contact": self._contact})
        self.requests += 1
        try:
            response = await self._client.send(request, stream=True)
            content = await read_capped(response, self._max_body)
        except Exception as exc:  # noqa: BLE001 - translated in one place
            raise map_transport_error(exc, url=str(request.url), source=self.source) from exc
        if response.status_code not in ok:
            error = error_for_status(response, source=self.source)
            if error is not None:
                raise error
        return Fetched(str(response.url), response.status_code, response.headers, content,
                       _retrieved_at(response.headers), response.headers.get(
                           "x-prebrief-cache") == "hit", self.source)

    async def get_json(self, url: str, **kwargs: Any) -> Fetched:
        kwargs.setdefault("headers", {"Accept": "application/json"})
        return await self.get(url, **kwargs)

    async def get_page(self, url: str, **kwargs: Any) -> Fetched:
        """An HTML page: robots.txt decides whether we may read it."""
        kwargs.setdefault("headers", {"Accept": "text/html,application/xhtml+xml"})
        return await self.get(url, kind="page", **kwargs)

    def _headers(self, url: str, extra: Mapping[str, str] | None) -> dict[str, str]:
        headers = dict(extra or {})
        if self._auth and httpx.URL(url).host in self._token_hosts:
            headers.update(self._auth)
        return headers


def _retrieved_at(headers: httpx.Headers) -> datetime:
    stamp = headers.get("x-prebrief-retrieved-at")
    try:
        return datetime.fromtimestamp(float(stamp), UTC) if stamp else datetime.now(UTC)
    except ValueError:
        return datetime.now(UTC)
