"""Batch throughput against per-host politeness, and peak memory, on fictional contacts.

    python bench/bench_batch.py [--contacts 50] [--latency 0.1] [--memory 1000]

Generates a replay recording for N fictional contacts x 5 sources (website, GitHub, Mastodon,
Bluesky, Gravatar) in the demo's real API shapes, serves it on 127.0.0.1 with latency, and runs
the whole batch job (read CSV, fetch, extract, classify, render html+json, journal, index):
1. under the default per-host limits, against the politeness bound of the busiest host:
   max(requests x min_interval, requests x latency / concurrency); target <= 1.2x;
2. with limits raised to 10 concurrent per host and no minimum interval; target < 4.8 s;
3. peak RSS of a child process briefing --memory contacts with raised limits; target <= 200 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).parent))

from localnet import LocalNetwork, LocalServer  # noqa: E402

from prebrief.demo import demo_dir  # noqa: E402
from prebrief.http.politeness import load_policies  # noqa: E402
from prebrief.http.settings import HostPolicy, HttpSettings  # noqa: E402
from prebrief.sources.bluesky import MAX_POSTS  # noqa: E402
from prebrief.sources.gravatar import email_hash  # noqa: E402

FIRST = ("Ada", "Bram", "Cleo", "Dag", "Elin", "Finn", "Greta", "Hugo", "Ines", "Jonas")
DEMO_DID = "x3kq7mvandersl00tdem0a1"
DEMO_ACCOUNT = "109384112200331"
DEMO_GRAVATAR = email_hash("marit@norrbrook.example")
BODIES = {  # demo body -> the URL(s) it answers, per contact
    "marit-robots.txt": ["https://{site}/robots.txt"],
    "marit-home.html": ["https://{site}/"],
    "marit-feed.xml": ["https://{site}/feed.xml"],
    "bluesky-did.txt": ["https://{site}/.well-known/atproto-did"],
    "github-user.json": ["https://api.github.com/users/{gh}"],
    "github-repos.json": ["https://api.github.com/users/{gh}/repos?per_page=100&sort=pushed"
                          "&type=owner"],
    "github-events.json": ["https://api.github.com/users/{gh}/events/public?per_page=100"],
    "mastodon-webfinger.json": ["https://{inst}/.well-known/webfinger?resource=acct%3A{user}"
                                "%40{inst}"],
    "mastodon-account.json": ["https://{inst}/api/v1/accounts/lookup?acct={user}"],
    "mastodon-statuses.json": ["https://{inst}/api/v1/accounts/{account}/statuses"
                               "?exclude_reblogs=true&exclude_replies=true&limit=40"],
    "bluesky-profile.json": ["https://public.api.bsky.app/xrpc/app.bsky.actor.getProfile"
                             "?actor={site}"],
    "bluesky-feed.json": ["https://public.api.bsky.app/xrpc/app.bsky.feed.getAuthorFeed"
                          f"?actor=did%3Aplc%3A{{did}}&limit={MAX_POSTS}"
                          "&filter=posts_no_replies&includePins=true"],
    "gravatar-profile.json": ["https://api.gravatar.com/v3/profiles/{grav}"],
}


def contact(i: int) -> dict[str, str]:
    """The i-th fictional contact's identifiers."""
    email = f"user{i:04d}@corp{i % 7}.example"
    return {"name": f"{FIRST[i % len(FIRST)]} Benchvold{i:04d}", "company": f"Corp {i % 7}",
            "email": email, "site": f"site{i:04d}.example", "gh": f"dev{i:04d}",
            "user": f"user{i:04d}", "inst": f"social{i % 10}.example",
            "account": str(int(DEMO_ACCOUNT) + i), "did": f"bench{i:017d}",
            "grav": email_hash(email)}


def personalise(text: str, c: dict[str, str]) -> str:
    first, last = c["name"].split(" ", 1)
    for old, new in (("mvandersloot", c["gh"]), (DEMO_DID, c["did"]),
                     (DEMO_ACCOUNT, c["account"]), (DEMO_GRAVATAR, c["grav"]),
                     ("marit.example", c["site"]), ("social.example", c["inst"]),
                     ("Marit Vandersloot", c["name"]), ("Vandersloot", last),
                     ("Marit", first), ("marit", c["user"])):
        text = text.replace(old, new)
    return text


def write_recording(root: Path, n: int) -> Path:
    """A replay directory (manifest + bodies) and a contacts CSV for n fictional contacts."""
    demo = demo_dir() / "replay"
    headers = {e["body"].rsplit("/", 1)[-1]: e.get("headers") or {}
               for e in json.loads((demo / "manifest.json").read_text()) if e.get("body")}
    templates = {name: (demo / "bodies" / name).read_text(encoding="utf-8") for name in BODIES}
    (root / "bodies").mkdir(parents=True)
    manifest: list[dict[str, Any]] = []
    with open(root / "contacts.csv", "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["Name", "Company", "Email", "Website", "GitHub", "Mastodon", "Bluesky"])
        for i in range(n):
            c = contact(i)
            out.writerow([c["name"], c["company"], c["email"], f"https://{c['site']}/", c["gh"],
                          f"@{c['user']}@{c['inst']}", c["site"]])
            for name, urls in BODIES.items():
                body = f"bodies/{i:04d}-{name}"
                (root / body).write_text(personalise(templates[name], c), encoding="utf-8")
                head = {k: v for k, v in headers[name].items() if not k.startswith("x-ratelimit")}
                manifest += [{"method": "GET", "url": u.format(**c), "status": 200,
                              "headers": head, "body": body} for u in urls]
    (root / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return root / "contacts.csv"


class Counting(httpx.AsyncBaseTransport):
    """Counts requests per (host, kind) on their way to the local network."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner, self.counts = inner, Counter[tuple[str, str]]()
        self.cpu = 0.0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.counts[(request.url.host, str(request.extensions.get("prebrief.kind")))] += 1
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


def network(port: int) -> httpx.AsyncBaseTransport:
    """The local network with the real client's connection pool: one pool, 50 connections,
    httpx's default 20 kept alive (prebrief.http.client.build_client)."""
    from prebrief.http.client import _ssl_verify

    local = LocalNetwork(port, max_connections=50)
    local._inner = httpx.AsyncHTTPTransport(verify=_ssl_verify(),  # noqa: SLF001
                                            limits=httpx.Limits(max_connections=50))
    return local


def per_host(port: int) -> httpx.AsyncBaseTransport:
    """The product's network layer (prebrief.http.pools: one small pool per host), with each
    pool pointed at the local server."""
    from prebrief.http.pools import PerHostTransport

    return PerHostTransport(lambda: LocalNetwork(port, 10))


POOLS = {"single": network, "per-host": per_host}  # single: the old shared pool, to compare


def run_job(csv_path: Path, work: Path, port: int, policies: dict[str, HostPolicy] | None,
            jobs: int, pools: str = "single") -> tuple[float, Counting, Any]:
    """The whole batch job, as `prebrief batch` runs it (reading, briefing, index)."""
    from prebrief.batch.index import write_index
    from prebrief.batch.inputs import read_rows
    from prebrief.batch.runner import run_batch
    from prebrief.config import RunOptions

    http = HttpSettings(cache_dir=work / "cache", policies=policies or {})
    counting = Counting(POOLS[pools](port))
    start, cpu = time.perf_counter(), time.process_time()
    report = asyncio.run(run_batch(read_rows(csv_path), work / "out", http,
                                   RunOptions(discover=False, env={}), jobs=jobs,
                                   transport=counting))
    write_index(work / "out", report.skipped_rows)
    counting.cpu = time.process_time() - cpu
    return time.perf_counter() - start, counting, report


def politeness_bound(counts: Counter[tuple[str, str]], latency: float) -> tuple[str, int, float]:
    """(host, requests, bound) for the host whose limits make it the slowest to serve."""
    from prebrief.http.politeness import PoliteTransport

    gate = PoliteTransport(httpx.MockTransport(lambda r: httpx.Response(200)),
                           user_agent="bench", policies=load_policies())
    per_host: dict[str, list[tuple[str, int]]] = {}
    for (host, kind), n in counts.items():
        per_host.setdefault(host, []).append((kind, n))
    best = ("", 0, 0.0)
    for host, kinds in per_host.items():
        total = sum(n for _, n in kinds)
        paced = sum(n for k, n in kinds if k != "robots")  # robots.txt is not rate-limited
        policy = gate.policy(host, next((k for k, _ in kinds if k != "robots"), None))
        bound = max(paced * policy.min_interval, total * latency / policy.concurrency)
        if bound > best[2]:
            best = (host, total, bound)
    return best


def raised(hosts: set[str]) -> dict[str, HostPolicy]:
    fast = HostPolicy(concurrency=10, min_interval=0.0, burst=10)
    return {h: fast for h in [*hosts, "*", "api:*"]}


def statuses(report: Any) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(report.statuses.items()))


def child_memory(n: int, latency: float, jobs: int, pools: str) -> None:
    """In a fresh process: brief n contacts with raised limits; print the peak RSS."""
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = write_recording(Path(tmp) / "replay", n)
        server = LocalServer(Path(tmp) / "replay", latency=latency)
        hosts = {f"site{i:04d}.example" for i in range(n)} | {
            f"social{k}.example" for k in range(10)} | {
            "api.github.com", "public.api.bsky.app", "api.gravatar.com"}
        wall, _, report = run_job(csv_path, Path(tmp), server.port, raised(hosts), jobs,
                                  pools)
        server.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"contacts": n, "wall": wall, "peak_mb": peak, "done": report.done,
                      "statuses": statuses(report)}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--jobs", type=int, default=16, help="contacts in flight (CLI default)")
    parser.add_argument("--raised-jobs", type=int, default=16)
    parser.add_argument("--memory", type=int, default=1000, help="contacts for the memory run "
                        "(0 skips it)")
    parser.add_argument("--pools", choices=sorted(POOLS), default="per-host",
                        help="per-host: the product's pool per host (as shipped); single: one "
                             "shared pool, as before, to compare")
    parser.add_argument("--child-memory", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_memory:
        child_memory(args.child_memory, args.latency, args.raised_jobs, args.pools)
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        csv_path = write_recording(root / "replay", args.contacts)
        server = LocalServer(root / "replay", latency=args.latency)
        warm = write_recording(root / "warm", 2)  # imports and first-use costs, not measured
        run_job(warm, root / "w", server.port, None, args.jobs, args.pools)
        server.reset()
        wall, counting, report = run_job(csv_path, root / "default", server.port, None,
                                         args.jobs, args.pools)
        misses = sum(1 for _ in server.hits) - sum(counting.counts.values())
        host, requests, bound = politeness_bound(counting.counts, args.latency)
        print(f"{args.contacts} contacts x 5 sources, {sum(counting.counts.values())} requests,"
              f" latency {args.latency * 1000:.0f} ms, --jobs {args.jobs}, pools {args.pools}")
        print(f"sources: {statuses(report)}" + (f"; {misses} unmatched" if misses else ""))
        served = [h for h in server.hits if httpx.URL(h.url).host == host]
        span = max(h.end for h in served) - min(h.start for h in served)
        print(f"default limits: wall {wall:.2f} s (CPU {counting.cpu:.2f} s)   bound {bound:.2f} s"
              f" (busiest host {host}: {requests} requests, served over {span:.2f} s)   "
              f"ratio {wall / bound:.2f} (target <= 1.2)")
        hosts = {h for h, _ in counting.counts}
        fast, counting, report = run_job(csv_path, root / "raised", server.port, raised(hosts),
                                         args.raised_jobs, args.pools)
        print(f"raised limits (10 per host, no interval, --jobs {args.raised_jobs}): "
              f"wall {fast:.2f} s (CPU {counting.cpu:.2f} s) (target < 4.8); sources: {statuses(report)}")
        server.close()
    if args.memory:
        cmd = [sys.executable, __file__, "--child-memory", str(args.memory), "--latency",
               str(args.latency), "--raised-jobs", str(args.raised_jobs), "--pools", args.pools]
        done = subprocess.run(cmd, capture_output=True, text=True, check=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"memory: {result['contacts']} contacts in {result['wall']:.1f} s, peak RSS "
              f"{result['peak_mb']:.0f} MB (child's own; largest child {children:.0f} MB) "
              f"(target <= 200); sources: {result['statuses']}")


if __name__ == "__main__":
    main()
