"""A local stand-in for the internet: a replay recording served on 127.0.0.1 with latency.

``LocalServer`` answers any host's URLs from a replay directory after ``latency`` seconds
(threaded, so concurrent requests overlap as they would on a real network). ``LocalNetwork``
is the innermost transport for the client: it sends each request to the local server, keeping
the original URL in a header, so everything above it (cache, per-host politeness, robots.txt)
sees the real host names.
"""

from __future__ import annotations

import json
import multiprocessing
import tempfile
import threading
import time
from dataclasses import dataclass
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


def _serve(replay_dir: str, latency: float, log_path: str, ready: multiprocessing.Queue) -> None:
    """Run in a child process, so the server never competes with the client for the GIL."""
    replay = ReplayTransport(replay_dir)
    lock = threading.Lock()
    log = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 - lives as long as the process

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in separate writes; without TCP_NODELAY, Nagle plus the
        # client's delayed ACK adds ~40 ms to every response, which no real server does.
        disable_nagle_algorithm = True

        def log_message(self, *args: object) -> None:
            return None

        def do_GET(self) -> None:  # noqa: N802 - http.server API
            start = time.time()
            time.sleep(latency)
            url = self.headers.get(ORIGINAL, "")
            entry = replay.lookup(httpx.Request("GET", url)) if url else None
            if entry is None:
                status, headers, body = 404, {}, b'{"message":"Not Found"}'
            else:
                status = int(entry.get("status", 200))
                headers = {k: v for k, v in (entry.get("headers") or {}).items()
                           if k.lower() not in ("content-length", "content-encoding",
                                                "transfer-encoding", "connection")}
                body = (Path(replay_dir) / entry["body"]).read_bytes() if entry.get("body") else b""
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.wfile.flush()
            with lock:
                log.write(json.dumps([url, self.headers.get(SOURCE, ""), start, time.time()]) + "\n")
                log.flush()

    class Server(ThreadingHTTPServer):
        # listen() runs in the constructor, so the backlog must be set on the class: with the
        # default of 5, a burst of new connections loses SYNs and stalls 1 s, 3 s, 7 s ...
        request_queue_size = 1024
        daemon_threads = True

    httpd = Server(("127.0.0.1", 0), Handler)
    ready.put(httpd.server_address[1])
    httpd.serve_forever()


@dataclass
class LocalServer:
    """A replay directory served on 127.0.0.1 by a child process, ``latency`` s per request."""

    replay_dir: Path
    latency: float = 0.1

    def __post_init__(self) -> None:
        self._log = Path(tempfile.mkstemp(prefix="localnet-", suffix=".jsonl")[1])
        ctx = multiprocessing.get_context("spawn")
        ready = ctx.Queue()
        self._process = ctx.Process(target=_serve, args=(str(self.replay_dir), self.latency,
                                                         str(self._log), ready), daemon=True)
        self._process.start()
        self.port = ready.get(timeout=30)

    @property
    def hits(self) -> list[Hit]:
        lines = self._log.read_text(encoding="utf-8").splitlines()
        return [Hit(*json.loads(line)) for line in lines if line.strip()]

    def reset(self) -> None:
        self._log.write_text("")

    def close(self) -> None:
        self._process.terminate()
        self._process.join(5)
        self._log.unlink(missing_ok=True)

    def depth_by_source(self) -> dict[str, int]:
        """Longest chain of requests within each source where each began after the last ended.

        Within one source, requests run concurrently unless one needs another's answer, so this
        is that source's chain of dependent requests.
        """
        hits = self.hits
        depths: dict[str, int] = {}
        for source in {h.source for h in hits}:
            mine = sorted((h for h in hits if h.source == source), key=lambda h: h.start)
            best: list[int] = []
            for i, hit in enumerate(mine):
                before = [best[j] for j in range(i) if mine[j].end <= hit.start]
                best.append(1 + max(before, default=0))
            depths[source] = max(best, default=0)
        return depths


class LocalNetwork(httpx.AsyncBaseTransport):
    """Innermost transport that routes every host to the local server."""

    def __init__(self, port: int, max_connections: int = 100) -> None:
        self.port = port
        from prebrief.http.client import _ssl_verify

        # Same TLS set-up cost as the real network transport, though the hop is plain HTTP.
        self._inner = httpx.AsyncHTTPTransport(verify=_ssl_verify(), limits=httpx.Limits(
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
