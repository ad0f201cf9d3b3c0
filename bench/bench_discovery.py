"""Precision and recall of accepted identities on the fixture web of fictional people.

    python bench/bench_discovery.py [--web tests/fixtures/web] [-v]

Runs the whole pipeline (gather with discovery, depth and budget defaults) on every case in
``<web>/cases.json`` over the recorded responses, and grades only what discovery accepted
(what the query gave is accepted by definition). A case whose sources are not installed is
skipped and named. Precision first: a wrong-person match is the worst failure.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
from pathlib import Path

from prebrief.http.settings import HttpSettings
from prebrief.identity.measure import load_cases, missing_sources, run_case, summarize

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--web", type=Path, default=ROOT / "tests" / "fixtures" / "web")
    parser.add_argument("-v", "--verbose", action="store_true", help="Every candidate's verdict.")
    args = parser.parse_args()
    results = []
    for case in load_cases(args.web / "cases.json"):
        missing = missing_sources(case)
        if missing:
            print(f"{case['id']:<40} skipped: needs {', '.join(missing)}")
            continue
        with tempfile.TemporaryDirectory(prefix="prebrief-bench-") as tmp:
            http = HttpSettings(cache_dir=Path(tmp), replay=args.web)
            result = asyncio.run(run_case(case, http))
        results.append(result)
        print(f"{case['id']:<40} right {len(result.right)}  wrong {len(result.wrong)}  "
              f"missed {len(result.missed)}" + (f"  missed: {', '.join(result.missed)}"
                                               if result.missed else ""))
        if args.verbose:
            for identity in result.identities:
                print(f"    {identity.outcome:<9} {identity.confidence:.2f} {identity.label()}")
    summary = summarize(results)
    print(f"\ncases run: {summary['cases']}  wrong identities accepted: {summary['wrong']}")
    print(f"precision (accepted identities): {summary['precision']:.3f}")
    print(f"recall    (accepted identities): {summary['recall']:.3f}")
    print(f"precision on namesake sets:      {summary['namesake_precision']:.3f}")


if __name__ == "__main__":
    main()
