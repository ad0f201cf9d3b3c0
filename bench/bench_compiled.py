"""What compiling the classifier would gain: its hot modules compiled with mypyc, against the
same source interpreted; prints figures (issue 4's speed target, 20,000 facts/s on one core).

    pip install mypy    # mypyc comes with it; it also needs a C compiler and Python's headers
    python bench/bench_compiled.py [--rounds 5] [--pairs 2] [--identity]

prebrief ships and runs as plain Python; this measures an option, it does not build anything
into the checkout. It copies src/ to a temporary directory, compiles MODULES there with mypyc
(which compiles the type-annotated source as it is: the classify package is kept mypy-clean for
that), then times bench_classifier's throughput on the interpreted and the compiled tree in
turn, --pairs times each, interleaved because this machine's speed drifts by the hour. With
--identity it also checks that both trees make the same decisions on every labelled text and
its variants (scripts/dump_decisions.py, byte for byte; a few minutes). Without mypyc it says
so and exits 2; a failed compile prints the compiler's last lines and exits 1.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODULES = ("tokens", "terms", "masks", "model", "sensitive", "sphere", "core", "learned",
           "lexicon")  # the classify modules a decision runs through

THROUGHPUT = """
import sys
sys.path.insert(0, {bench!r})
import bench_classifier
sys.path.insert(0, {src!r})  # ahead of the checkout's src, which bench_classifier put first
rate, _ = bench_classifier.throughput({rounds})
import prebrief.classify.terms as terms
print(rate, terms.__file__.endswith(".so"))
"""


def compile_tree(tmp: Path) -> Path | None:
    """A copy of src/ with MODULES compiled in place, or None (the compiler's output printed)."""
    src = tmp / "src"
    shutil.copytree(ROOT / "src", src, ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    paths = [f"prebrief/classify/{name}.py" for name in MODULES]
    run = subprocess.run([sys.executable, "-m", "mypyc", "--ignore-missing-imports", *paths],
                         cwd=src, capture_output=True, text=True, check=False)
    if run.returncode:
        print((run.stdout + run.stderr)[-3000:], file=sys.stderr)
        return None
    return src


def throughput(src: Path, rounds: int) -> tuple[float, bool]:
    code = THROUGHPUT.format(bench=str(ROOT / "bench"), src=str(src), rounds=rounds)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    return float(out[0]), out[1] == "True"


def decisions(src: Path, out: Path) -> None:
    with out.open("w") as handle:
        subprocess.run([sys.executable, str(ROOT / "scripts" / "dump_decisions.py"),
                        "--src", str(src)], stdout=handle, check=True,
                       env=dict(os.environ, PYTHONHASHSEED="0"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="throughput rounds per run")
    parser.add_argument("--pairs", type=int, default=2, help="interleaved runs of each tree")
    parser.add_argument("--identity", action="store_true",
                        help="also compare every decision of the two trees")
    args = parser.parse_args()
    if importlib.util.find_spec("mypyc") is None:
        print("mypyc is not installed (pip install mypy); nothing measured", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        compiled = compile_tree(tmp)
        if compiled is None:
            print("the mypyc compile failed (see above); nothing measured", file=sys.stderr)
            return 1
        rates: dict[str, list[float]] = {"interpreted": [], "compiled": []}
        for _ in range(args.pairs):
            for label, src in (("interpreted", ROOT / "src"), ("compiled", compiled)):
                rate, native = throughput(src, args.rounds)
                if native != (label == "compiled"):
                    print(f"the {label} run imported the wrong modules", file=sys.stderr)
                    return 1
                rates[label].append(rate)
        for label, values in rates.items():
            shown = ", ".join(f"{v:,.0f}" for v in values)
            print(f"{label:>11}: {shown} facts/s on one core (target >= 20,000)")
        print(f"compiled / interpreted: {sum(rates['compiled']) / sum(rates['interpreted']):.2f}x")
        if args.identity:
            decisions(ROOT / "src", tmp / "interpreted.txt")
            decisions(compiled, tmp / "compiled.txt")
            same = (tmp / "interpreted.txt").read_bytes() == (tmp / "compiled.txt").read_bytes()
            print("decisions: " + ("identical" if same else "DIFFERENT") + " (dump_decisions.py)")
            if not same:
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
