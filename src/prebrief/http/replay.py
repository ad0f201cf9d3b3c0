"""Replay and record: a directory of recorded responses served through the same stack.

Format: ``DIR/manifest.json`` is a list of ``{"method", "url", "status", "headers", "body"}``
where ``body`` is a path relative to DIR (bodies are stored decoded). A request matches the
exact URL first (query parameters in any order), then the same scheme+host+path with any query.
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
import re
import tempfile
from pathlib import Path
from typing import Any

import httpx

from prebrief.errors import NotAvailable, UsageError
from prebrief.http.body import DEFAULT_MAX_BODY, SECRET_HEADERS, WIRE_HEADERS, read_capped
from prebrief.http.urls import canonical_url, without_query


def load_manifest(directory: Path) -> list[dict[str, Any]]:
    path = Path(directory) / "manifest.json"
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"no replay recording at {path}",
                         hint="--replay takes a directory written by --record.") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path} is not a valid manifest: {exc}") from None
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise UsageError(f"{path} must hold a JSON list of response objects")
    return entries


class ReplayTransport(httpx.AsyncBaseTransport):
    """Serves recorded responses; anything unrecorded is a clear error, never a live request."""

    def __init__(self, directory: Path | str) -> None:
        self.directory = Path(directory)
        self._exact: dict[tuple[str, str], dict[str, Any]] = {}
        self._loose: dict[tuple[str, str], dict[str, Any]] = {}
        for entry in load_manifest(self.directory):
            method = str(entry.get("method", "GET")).upper()
            url = str(entry.get("url", ""))
            self._exact.setdefault((method, canonical_url(url)), entry)
            self._loose.setdefault((method, without_query(url)), entry)

    def lookup(self, request: httpx.Request) -> dict[str, Any] | None:
        url = str(request.url)
        method = request.method.upper()
        return (self._exact.get((method, canonical_url(url)))
                or self._loose.get((method, without_query(url))))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        entry = self.lookup(request)
        if entry is None:
            raise NotAvailable(
                # Named by its folder's name: a report names no local path.
                f"{request.method} {request.url} is not in the replay recording "
                f"{self.directory.name}",
                url=str(request.url), source=request.extensions.get("prebrief.source"),
                hint="Record it with --record DIR, or drop --replay to fetch live.")
        body = b""
        if entry.get("body"):
            body_path = (self.directory / str(entry["body"])).resolve()
            if not body_path.is_relative_to(self.directory.resolve()):
                raise UsageError(f"replay body path escapes {self.directory}: {entry['body']}")
            body = body_path.read_bytes()
        headers = [(k, v) for k, v in dict(entry.get("headers") or {}).items()
                   if k.lower() not in WIRE_HEADERS]
        retrieved = _epoch(entry.get("retrieved_at"))
        if retrieved is not None:  # provenance keeps the original retrieval time
            headers.append(("x-prebrief-retrieved-at", repr(retrieved)))
        return httpx.Response(int(entry.get("status", 200)), headers=headers, content=body,
                              request=request)


def _epoch(value: Any) -> float | None:
    from prebrief.extract.dates import parse_datetime

    parsed = parse_datetime(value)
    return parsed.timestamp() if parsed else None


_EXT = {"application/json": ".json", "text/html": ".html", "text/plain": ".txt"}


class RecordTransport(httpx.AsyncBaseTransport):
    """Writes every live response into the replay format, minus cookies and credentials."""

    def __init__(self, inner: httpx.AsyncBaseTransport, directory: Path | str,
                 max_body: int = DEFAULT_MAX_BODY) -> None:
        self._inner = inner
        self.directory = Path(directory)
        self._max_body = max_body
        (self.directory / "bodies").mkdir(parents=True, exist_ok=True)
        manifest = self.directory / "manifest.json"
        self._entries: list[dict[str, Any]] = load_manifest(self.directory) if manifest.exists() else []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await self._inner.handle_async_request(request)
        body = await read_capped(response, self._max_body)
        headers = {k: v for k, v in response.headers.items()
                   if k.lower() not in WIRE_HEADERS and k.lower() not in SECRET_HEADERS}
        name = self._body_name(request, response)
        (self.directory / name).write_bytes(body)
        self._entries.append({"method": request.method, "url": canonical_url(str(request.url)),
                              "status": response.status_code, "headers": headers, "body": name,
                              "retrieved_at": datetime.now(UTC).isoformat(timespec="seconds")})
        self._write_manifest()
        return httpx.Response(response.status_code, headers=list(headers.items()), content=body,
                              request=request)

    def _body_name(self, request: httpx.Request, response: httpx.Response) -> str:
        ctype = response.headers.get("content-type", "").split(";")[0].strip()
        slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{request.url.host}{request.url.path}").strip("-")
        return f"bodies/{len(self._entries):04d}-{slug[:60]}{_EXT.get(ctype, '.bin')}"

    def _write_manifest(self) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(self._entries, fh, indent=1)
        os.replace(tmp, self.directory / "manifest.json")

    async def aclose(self) -> None:
        await self._inner.aclose()
