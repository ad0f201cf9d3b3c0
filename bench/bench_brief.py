"""Cold, warm and start-up timings for one contact against a local server with latency.

    python bench/bench_brief.py [--latency 0.1] [--full]

Cold: what `prebrief brief` does (gather + render) in-process with an empty cache, modules
already imported, against the critical-path
bound (longest chain of dependent requests x latency). Warm: the `prebrief brief` command in a
fresh process with the cache filled (and --offline, so it provably touches no network), against
`prebrief --version`. Targets: cold <= 1.3x bound, warm <= 2x start-up, start-up <= 0.3 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from localnet import LocalNetwork, LocalServer  # noqa: E402

from prebrief.cli.run import briefing_and_sheet  # noqa: E402
from prebrief.config import RunOptions  # noqa: E402
from prebrief.demo import demo_dir, demo_query  # noqa: E402
from prebrief.http.client import HttpSettings  # noqa: E402
from prebrief.models import ContactQuery  # noqa: E402

PREBRIEF = [sys.executable, "-m", "prebrief"]


def contact(full: bool) -> tuple[ContactQuery, list[str], dict]:
    query, settings = demo_query()
    env = dict(settings.get("env", {}))
    if not full:  # the foundation's two sources
        handles = tuple((k, v) for k, v in query.handles if k in ("website", "github"))
        query = ContactQuery(name=query.name, company=query.company, handles=handles)
    args = [a for k, v in query.handles for a in (f"--{k}", v)]
    args += [a for k, v in query.files for a in (f"--{k.replace('_', '-')}", v)]
    if query.name:
        args += ["--name", query.name]
    if query.company:
        args += ["--company", query.company]
    if query.email:
        args += ["--email", query.email]
    return query, args, env


def timed(cmd: list[str], runs: int = 7, env: dict | None = None) -> float:
    import os

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env={**os.environ, **(env or {})})
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def cold_run(query: ContactQuery, cache: Path, port: int, env: dict, discover: bool) -> float:
    """What `prebrief brief -o x.html` does, with the network swapped for the local server."""
    http = HttpSettings(cache_dir=cache)
    start = time.perf_counter()
    briefing_and_sheet(query, http, RunOptions(discover=discover, env=env), "html",
                       transport=LocalNetwork(port))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--full", action="store_true", help="every demo source, discovery on")
    args = parser.parse_args()
    query, cli_args, env = contact(args.full)
    discover = args.full
    server = LocalServer(demo_dir() / "replay", latency=args.latency)
    with tempfile.TemporaryDirectory() as tmp:
        # Load every module once against a throw-away cache: start-up is measured on its own.
        cold_run(query, Path(tmp) / "warm-up", server.port, env, discover)
        server.reset()
        cache = Path(tmp) / "cache"
        cold = cold_run(query, cache, server.port, env, discover)
        depths = server.depth_by_source()
        requests = len(server.hits)
        chain = max(depths.values(), default=0)
        bound = chain * args.latency
        flags = [] if discover else ["--no-discover"]
        warm = timed([*PREBRIEF, "brief", *cli_args, *flags, "--offline", "--cache-dir",
                      str(cache), "-o", str(Path(tmp) / "out.html")], env=env)
        startup = timed([*PREBRIEF, "--version"])
    server.close()
    print(f"contact: {query.name} ({'all demo sources, discovery on' if args.full else 'website + GitHub'})")
    print(f"requests: {requests}; dependent chain per source: "
          + ", ".join(f"{k}={v}" for k, v in sorted(depths.items())))
    print(f"latency per request: {args.latency * 1000:.0f} ms")
    print(f"cold:    {cold:.3f} s   bound {bound:.3f} s ({chain} x latency)   "
          f"ratio {cold / bound if bound else float('nan'):.2f} (target <= 1.3)")
    print(f"warm:    {warm:.3f} s   start-up {startup:.3f} s   "
          f"ratio {warm / startup:.2f} (target <= 2.0)")
    print(f"start-up (prebrief --version): {startup:.3f} s (target <= 0.3)")


if __name__ == "__main__":
    main()
