"""Classifier speed and start-up cost; prints figures (targets from issue 4).

    python bench/bench_classifier.py [--rounds 5]

- throughput: signals per second on one core through classify_facts (the pipeline's path:
  profile lines are split into parts, posts are not), over every text of the labelled sets
  dev.jsonl and heldout.jsonl given the kind and source they were written for; best of N
  rounds, each round on texts the process has not classified before (a suffix makes every
  text new, so nothing is served from a per-text cache; the per-word vocabulary memo warms up
  as in a real run).
- the same on the facts of a briefing: the demo contact's that classify_facts classifies (not
  profile records such as name or photo), as its sources extract them from the bundled
  recordings (locations, roles, skills, bios, posts; few sensitive), with the writer the
  pipeline reads off the profile, copied to about as many facts as the labelled sets, with a
  suffix each. The labelled sets are a stress test by design (a third of their
  texts fire a sensitive trigger, many lines mix spheres); a contact's facts are mostly short
  profile fields.
- start-up: wall time of `prebrief --help` in fresh interpreters, with the classifier's
  commands registered (as shipped) and with them removed, run alternately; and the one-off
  cost of the first classification in a run (imports + lexicon compile).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT / "tests" / "data" / "classifier"


def labelled() -> list[dict]:
    return [json.loads(line) for name in ("dev.jsonl", "heldout.jsonl")
            for line in (DATA / name).read_text("utf-8").splitlines() if line.strip()]


def throughput(rounds: int) -> tuple[float, int]:
    from prebrief.classify import classify_facts
    from prebrief.models import Evidence, Fact

    now = datetime.now(UTC)
    items = labelled()
    best = 0.0
    signals = 0
    for r in range(rounds + 1):
        facts = [Fact(item.get("kind") or "post", f"{item['text']} #{r}",
                      Evidence(item.get("source") or "website", "bench",
                               url="https://example.com/", retrieved_at=now))
                 for item in items]
        started = time.perf_counter()
        out = classify_facts(facts)
        elapsed = time.perf_counter() - started
        if r:  # round 0 warms the lexicons up
            best = max(best, len(facts) / elapsed)
            signals = len(out)
    return best, signals


def demo_throughput(rounds: int, size: int) -> tuple[float, int]:
    """Facts per second through classify_facts over the demo contact's facts (see the module
    docstring): best of rounds, each over fresh copies."""
    from dataclasses import replace

    from prebrief.classify import classify_facts
    from prebrief.classify.core import is_classified
    from prebrief.classify.writer import writer_of_facts
    from prebrief.demo import build_demo_briefing

    briefing = build_demo_briefing(discover=False)
    every = [f for r in briefing.sources if r.ok for f in r.harvest.facts]
    writer = writer_of_facts(briefing.person.name, every)  # as briefing.assemble reads it
    # Only the facts classify_facts classifies: it skips profile records (name, photo,
    # follower count) at no cost, and counting them would flatter the figure.
    facts = list(filter(is_classified, every))
    copies = max(1, size // len(facts))
    best = 0.0
    for r in range(rounds + 1):
        batch = [replace(f, text=f"{f.text} #{r}.{c}") for c in range(copies) for f in facts]
        started = time.perf_counter()
        classify_facts(batch, writer=writer)
        elapsed = time.perf_counter() - started
        if r:
            best = max(best, len(batch) / elapsed)
    return best, len(facts)


def startup(runs: int) -> tuple[float, float]:
    """Median wall time of `prebrief --help` in fresh interpreters with the classifier's
    commands registered (as shipped) and with them removed, the two run alternately so that a
    change in the machine's speed during the runs (this VM's moves by the minute) falls on both
    alike rather than on whichever ran second."""
    head = "import sys; sys.argv=['prebrief','--help'];"
    codes = (head + "import prebrief.cli.app as a;a.main()",
             head + "import prebrief.cli.classify as c; c.register=lambda app: None;"
                    "import prebrief.cli.app as a;a.main()")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for code, out in zip(codes, times):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-c", code], env=env, check=False,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            out.append(time.perf_counter() - started)
    return statistics.median(times[0]), statistics.median(times[1])


def first_use() -> float:
    code = ("import time,sys; import prebrief.models; t=time.perf_counter();"
            "from prebrief.classify import classify_text;"
            "classify_text('Proud dad, CTO at Acme'); classify_text('Back at work after chemo');"
            "print(time.perf_counter()-t)")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    out = [float(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                                text=True, check=True).stdout) for _ in range(5)]
    return statistics.median(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    rate, signals = throughput(args.rounds)
    print(f"throughput: {rate:,.0f} facts/s on one core ({signals} signals from "
          f"{len(labelled())} facts per round; target >= 20,000)")
    demo_rate, demo_facts = demo_throughput(args.rounds, len(labelled()))
    print(f"throughput on a briefing's facts: {demo_rate:,.0f} facts/s on one core (the demo "
          f"contact's {demo_facts} facts, copied; same target)")
    with_c, without = startup(15)
    print(f"start-up `prebrief --help`: {with_c * 1000:.0f} ms with the classifier's commands, "
          f"{without * 1000:.0f} ms without (delta {(with_c - without) * 1000:+.0f} ms; "
          "target <= 50 ms)")
    print(f"first classification in a run (import + lexicon compile): "
          f"{first_use() * 1000:.0f} ms")


if __name__ == "__main__":
    main()
