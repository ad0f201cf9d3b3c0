"""How the whole classifier does on writers it has not seen: every model fitted, as
scripts/train_classifier.py fits it, on the dev sets written before one of them, and the
pipeline scored on that one and the ones after.

    python scripts/before_use.py --first dev131                 # dev131 to the last dev set
    python scripts/before_use.py --first dev131 --last dev134   # or a range
    python scripts/before_use.py --first dev131 --json

Every dev set is training data, so the committed models cannot be scored on them, and the
held-out sets have been scored so often that they flatter. The honest guide to text by people
prebrief has never seen (the outside evaluation issue 4 speaks of) is a batch of new writers,
scored before their items are used; this reproduces that figure for any batch once it has
joined. It prints, per set and pooled, what `prebrief eval-classifier` prints in brief
(macro-F1 professional vs personal, sensitive recall, false-sensitive rate), each with the
texts' kind and source and "bare" (without them, as an outside file may come), and the false
alarms and misses counted.

Only the learned models are refitted; the lexicons, masks and priors are the checkout's. A
lexicon round mined from a batch has seen it, so such a batch reads better here than it did
before use (docs/classifier.md says which rounds mined which sets). Nothing is written: the
fitted weights live in this process only. Needs numpy (the `train` extra); about a minute and
a half with all dev sets before --first.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

import train_classifier as tc
from check_before_use import number

from prebrief.classify import core
from prebrief.classify.evaluate import Example, evaluate, read_examples
from prebrief.classify.learned import sensitive_model_of
from prebrief.classify.model import sphere_model_of


def fitted_models(train: list[Path]) -> None:
    """Fit every model on train, as train_classifier.py does on all dev sets, and make the
    pipeline (prebrief.classify.core) use them in this process."""
    tc.DEV = train
    sphere, sensitive = tc.fit_all(tc.examples())
    # JSON round trip: the models read exactly what the weight files would hold.
    sphere_model = sphere_model_of(json.loads(json.dumps(sphere)))
    sensitive_model = sensitive_model_of(json.loads(json.dumps(sensitive)))
    core.sphere_model = lambda: sphere_model  # type: ignore[assignment]
    core.sensitive_model = lambda: sensitive_model  # type: ignore[assignment]


def scores(examples: list[Example]) -> dict[str, Any]:
    """The brief figures of evaluate(), with kind and source and without them."""
    out: dict[str, Any] = {"n": len(examples)}
    bare = [dataclasses.replace(e, kind=None, source=None) for e in examples]
    for key, exs in (("with_context", examples), ("bare", bare)):
        m = evaluate(exs)
        out[key] = {"macro_f1": m["macro_f1"], "sensitive_recall": m["sensitive_recall"],
                    "false_sensitive_rate": m["false_sensitive_rate"],
                    "false_alarms": m["false_sensitive"],
                    "missed": m["sensitive_support"] - m["sensitive_detected"]}
    return out


def line(name: str, s: dict[str, Any]) -> str:
    def brief(m: dict[str, Any]) -> str:
        return (f"{m['macro_f1']:.3f} / {m['sensitive_recall']:.3f} / "
                f"{m['false_sensitive_rate']:.2%}")
    w = s["with_context"]
    return (f"{name:<8} n={s['n']:<5} {brief(w)}  (bare {brief(s['bare'])})  "
            f"false alarms {w['false_alarms']}, missed {w['missed']}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first", required=True, help="the first dev set scored (e.g. dev131)")
    parser.add_argument("--last", help="the last dev set scored (default: the last there is)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    first = number(args.first)
    last = number(args.last) if args.last else max(number(p.stem) for p in tc.DEV)
    train = [p for p in tc.DEV if number(p.stem) < first]
    test = [p for p in tc.DEV if first <= number(p.stem) <= last]
    if not train or not test:
        print(f"{args.first}..{args.last or 'the last'}: no dev sets to fit on or to score",
              file=sys.stderr)
        return 2
    fitted_models(train)
    sets = {p.stem: read_examples(p) for p in test}
    report = {"trained_on": len(train), "scored": list(sets),
              "sets": {name: scores(exs) for name, exs in sets.items()},
              "pooled": scores([e for exs in sets.values() for e in exs])}
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    names = sorted((p.stem for p in train), key=number)
    print(f"models fitted on {len(train)} dev sets ({names[0]}..{names[-1]}), "
          f"scored before use: macro-F1 / sensitive recall / false-sensitive")
    for name, s in report["sets"].items():
        print(line(name, s))
    if len(sets) > 1:
        print(line("pooled", report["pooled"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
