"""The classifier's cost in machine instructions per fact, stage by stage: a figure that does not
move with the machine's load, for A/B-ing a change on a shared or throttled VM.

    python bench/bench_instructions.py [--src SRC_DIR]

Needs valgrind (Debian: `apt install valgrind`); without it, it says so and exits 2. It runs
itself under callgrind with instrumentation off, warms the classifier up on the labelled dev
and held-out texts, and switches counting on (callgrind_control) only around each stage, so
start-up costs nothing and the figures are the same, to the instruction, run after run (with
PYTHONHASHSEED fixed, which it sets). Wall time: about half a minute.

Instructions are not time (caches, branch prediction), but for an interpreter running the
same code they track it closely; bench_classifier.py gives the facts-per-second figure of the
target. Compare two trees with --src (e.g. a `git worktree` of main).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench_classifier import labelled  # the same texts as the throughput figure

ROOT = Path(__file__).resolve().parents[1]
STAGES = (  # (name for callgrind's dump, what the figure covers)
    ("tokens", "Tokens(): words cut, lower-cased"),
    ("scan", "lexicon scan (triggers and cues)"),
    ("sensitive", "find_sensitive after the scan (masks)"),
    ("cues", "score_sphere after the scan"),
    ("models", "sphere model + gate weighing"),
    ("weighed", "_Weighed: all evidence of a decision"),
    ("wording", "classification(): reason, topic"),
    ("facts", "classify_facts: the pipeline's path"),
)


def measure(src: str) -> None:
    """Runs inside callgrind: each stage once over fresh texts, counted on its own."""
    sys.path.insert(0, src)  # ahead of the checkout's src, which bench_classifier put first
    from datetime import UTC, datetime

    from prebrief.classify import classify_facts
    from prebrief.classify.core import _Weighed
    from prebrief.classify.learned import sensitive_model
    from prebrief.classify.lexicon import all_terms, lexicon_matches
    from prebrief.classify.model import sphere_model
    from prebrief.classify.sensitive import find_sensitive
    from prebrief.classify.sphere import score_sphere
    from prebrief.classify.tokens import Tokens
    from prebrief.models import Evidence, Fact

    items = labelled()
    now = datetime.now(UTC)
    rounds = iter(range(1_000_000))

    def texts() -> list[str]:  # new texts each time, so no per-text memo serves them
        r = next(rounds)
        return [f"{item['text']} #{r}" for item in items]

    def tokens() -> list[Tokens]:
        return [Tokens(t) for t in texts()]

    def scanned() -> list[Tokens]:
        out = tokens()
        for t in out:
            lexicon_matches(t)
        return out

    def weighed() -> list[_Weighed]:
        return [_Weighed(t, item.get("kind"), item.get("source"), None)
                for t, item in zip(tokens(), items)]

    def facts() -> list[Fact]:
        return [Fact(item.get("kind") or "post", text,
                     Evidence(item.get("source") or "website", "bench",
                              url="https://example.com/", retrieved_at=now))
                for text, item in zip(texts(), items)]

    sphere, learned = sphere_model(), sensitive_model()
    plan = [
        (texts, lambda xs: [Tokens(x) for x in xs]),
        (tokens, lambda xs: [all_terms().find(x) for x in xs]),
        (scanned, lambda xs: [find_sensitive(x) for x in xs]),
        (scanned, lambda xs: [score_sphere(x) for x in xs]),
        (scanned, lambda xs: [(sphere.words.weigh(x) if sphere else None,
                               learned.gate.weigh(x) if learned else None) for x in xs]),
        (tokens, lambda xs: [_Weighed(x, item.get("kind"), item.get("source"), None)
                             for x, item in zip(xs, items)]),
        (weighed, lambda ws: [w.classification() for w in ws]),
        (facts, classify_facts),
    ]
    for prepare, run in plan:  # warm-up: lexicons built, vocabulary memos filled, masks compiled
        for _ in range(2):
            run(prepare())
    pid = str(os.getpid())

    def control(*args: str) -> None:
        subprocess.run(["callgrind_control", *args, pid], capture_output=True, check=False)

    for (name, _), (prepare, run) in zip(STAGES, plan):
        for attempt in ("a", "b"):  # twice: the smaller figure leaves out one-off work
            prepared = prepare()
            control("--instr=on")
            control("--zero")
            run(prepared)
            control(f"--dump={name}.{attempt}")
            control("--instr=off")
    print(len(items))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", default=str(ROOT / "src"), help="the tree to measure")
    parser.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inside:
        measure(args.src)
        return 0
    if not (shutil.which("valgrind") and shutil.which("callgrind_control")):
        print("valgrind is not installed (Debian: apt install valgrind); nothing measured",
              file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "cg.out"
        run = subprocess.run(
            ["valgrind", "--tool=callgrind", "--instr-atstart=no", f"--callgrind-out-file={out}",
             sys.executable, __file__, "--inside", "--src", args.src],
            env=dict(os.environ, PYTHONHASHSEED="0"), capture_output=True, text=True, check=False)
        if run.returncode:
            print(run.stderr[-2000:], file=sys.stderr)
            return 1
        facts = int(run.stdout.split()[-1])
        print(f"instructions per fact (callgrind; {facts} labelled texts; {args.src}):")
        totals: dict[str, int] = {}
        for dump in Path(tmp).glob("cg.out.*"):
            lines = dump.read_text("utf-8", "replace").splitlines()
            name = next(line.split()[-1] for line in lines if line.startswith("desc: Trigger"))
            total = next(int(line.split()[1]) for line in lines
                         if line.startswith(("summary:", "totals:")))
            stage = name.rpartition(".")[0]
            totals[stage] = min(totals.get(stage, total), total)
        for name, label in STAGES:
            print(f"  {label:40s} {totals[name] / facts / 1000:8.1f} k")
    return 0


if __name__ == "__main__":
    sys.exit(main())
