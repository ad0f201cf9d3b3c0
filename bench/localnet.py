"""A local stand-in for the internet: a replay recording served on 127.0.0.1 with latency.

``LocalServer`` answers any host's URLs from a replay directory after ``latency`` seconds
(threaded, so concurrent requests overlap as they would on a real network). ``LocalNetwork``
is the innermost transport for the client: it sends each request to the local server, keeping
the original URL in a header, so everything above it (cache, per-host politeness, robots.txt)
sees the real host names.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

from prebrief.http.replay import ReplayTransport

ORIGINAL = "x-bench-original-url"
SOURCE = "x-bench-source"


@dataclass
class Hit:
    url: str
    source: str
    start: float
    end: float


@dataclass
class LocalServer:
    replay_dir: Path
    latency: float = 0.1
    hits: list[Hit] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.replay = ReplayTransport(self.replay_dir)
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                return None

            def do_GET(self) -> None:  # noqa: N802 - http.server API
                start = time.perf_counter()
                time.sleep(server.latency)
                url = self.headers.get(ORIGINAL, "")
                entry = server.replay.lookup(httpx.Request("GET", url)) if url else None
                if entry is None:
                    status, headers, body = 404, {}, b'{"message":"Not Found"}'
                else:
                    status = int(entry.get("status", 200))
                    headers = {k: v for k, v in (entry.get("headers") or {}).items()
                               if k.lower() not in ("content-length", "content-encoding",
                                                    "transfer-encoding", "connection")}
                    body = (server.replay_dir / entry["body"]).read_bytes() if entry.get(
                        "body") else b""
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                with server._lock:
                    server.hits.append(Hit(url, self.headers.get(SOURCE, ""), start,
                                           time.perf_counter()))

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()

    def depth_by_source(self) -> dict[str, int]:
        """Longest chain of requests within each source where each began after the last ended.

        Within one source, requests run concurrently unless one needs another's answer, so this
        is that source's chain of dependent requests.
        """
        depths: dict[str, int] = {}
        for source in {h.source for h in self.hits}:
            hits = sorted((h for h in self.hits if h.source == source), key=lambda h: h.start)
            best: list[int] = []
            for i, hit in enumerate(hits):
                before = [best[j] for j in range(i) if hits[j].end <= hit.start]
                best.append(1 + max(before, default=0))
            depths[source] = max(best, default=0)
        return depths


class LocalNetwork(httpx.AsyncBaseTransport):
    """Innermost transport that routes every host to the local server."""

    def __init__(self, port: int, max_connections: int = 100) -> None:
        self.port = port
        self._inner = httpx.AsyncHTTPTransport(limits=httpx.Limits(
            max_connections=max_connections, max_keepalive_connections=max_connections))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        local = httpx.Request(
            request.method, request.url.copy_with(scheme="http", host="127.0.0.1",
                                                  port=self.port),
            headers=[*request.headers.multi_items(), (ORIGINAL, str(request.url)),
                     (SOURCE, str(request.extensions.get("prebrief.source", "")))],
            extensions={k: v for k, v in request.extensions.items()
                        if not k.startswith("prebrief.")})
        return await self._inner.handle_async_request(local)

    async def aclose(self) -> None:
        await self._inner.aclose()
