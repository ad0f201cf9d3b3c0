"""Train the sphere model's word weights on the development set and write them as data.

    python scripts/train_classifier.py            # writes src/prebrief/classify/data/sphere_weights.json
    python scripts/train_classifier.py --check    # exit 1 if the committed weights differ

Only the development files tests/data/classifier/dev*.jsonl are read: the held-out sets
(heldout*.jsonl) are for measuring, never for fitting. Logistic regression, full-batch gradient descent with L2, features = the lexicon
margin (cues and priors) plus words and word pairs seen in at least MIN_COUNT dev items.
The L2 strength is chosen by 5-fold cross-validation on dev. Pure Python and deterministic,
so the committed file is reproduced byte for byte.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from prebrief.classify.core import lexicon_evidence  # noqa: E402
from prebrief.classify.model import WEIGHTS_FILE, features  # noqa: E402
from prebrief.classify.terms import Tokens  # noqa: E402

DEV = sorted((ROOT / "tests" / "data" / "classifier").glob("dev*.jsonl"))
OUT = ROOT / "src" / "prebrief" / "classify" / "data" / WEIGHTS_FILE
MIN_COUNT = 2
EPOCHS = 300
RATE = 0.5
L2_GRID = (0.003, 0.01, 0.03, 0.1)


def examples() -> list[tuple[float, set[str], int]]:
    """(lexicon margin, word features, 1 if professional) for every dev item."""
    rows = []
    for line in (line for path in DEV for line in path.read_text("utf-8").splitlines()):
        if not line.strip():
            continue
        item = json.loads(line)
        tokens = Tokens(item["text"])
        lex = lexicon_evidence(tokens, item.get("kind"), item.get("source"))[1].margin
        rows.append((lex, features(tokens), int(item["label"] == "professional")))
    return rows


def fit(rows: list[tuple[float, set[str], int]], vocab: list[str], l2: float
        ) -> tuple[float, float, dict[str, float]]:
    """Gradient descent on the mean log-loss plus l2 * |w|^2 (bias unpenalised)."""
    bias, lex_w, w = 0.0, 0.3, dict.fromkeys(vocab, 0.0)
    n = len(rows)
    for _ in range(EPOCHS):
        g_bias = g_lex = 0.0
        grad = dict.fromkeys(vocab, 0.0)
        for lex, feats, y in rows:
            z = bias + lex_w * lex + sum(w[f] for f in feats if f in w)
            err = 1 / (1 + math.exp(-max(-30.0, min(30.0, z)))) - y
            g_bias += err
            g_lex += err * lex
            for f in feats:
                if f in grad:
                    grad[f] += err
        bias -= RATE * g_bias / n
        lex_w -= RATE * g_lex / n  # the lexicon's coefficient is not shrunk
        for f in vocab:
            w[f] -= RATE * (grad[f] / n + 2 * l2 * w[f])
    return bias, lex_w, w


def vocabulary(rows: list[tuple[float, set[str], int]]) -> list[str]:
    counts = Counter(f for _, feats, _ in rows for f in feats)
    return sorted(f for f, c in counts.items() if c >= MIN_COUNT)


def macro_f1(rows: list[tuple[float, set[str], int]], model: tuple[float, float, dict[str, float]]
             ) -> float:
    bias, lex_w, w = model
    tp = fp = fn = tn = 0
    for lex, feats, y in rows:
        pred = int(bias + lex_w * lex + sum(w.get(f, 0.0) for f in feats) >= 0)
        tp += pred and y
        fp += pred and not y
        fn += (not pred) and y
        tn += (not pred) and not y
    f_pro = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    f_per = 2 * tn / (2 * tn + fn + fp) if tn else 0.0
    return (f_pro + f_per) / 2


def cross_validate(rows: list[tuple[float, set[str], int]], l2: float, folds: int = 5) -> float:
    scores = []
    for k in range(folds):
        train = [r for i, r in enumerate(rows) if i % folds != k]
        test = [r for i, r in enumerate(rows) if i % folds == k]
        scores.append(macro_f1(test, fit(train, vocabulary(train), l2)))
    return sum(scores) / folds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed file")
    args = parser.parse_args()
    rows = examples()
    cv = {l2: cross_validate(rows, l2) for l2 in L2_GRID}
    best = max(L2_GRID, key=lambda l2: (round(cv[l2], 4), l2))
    for l2 in L2_GRID:
        print(f"l2={l2:<6} 5-fold macro-F1 on dev {cv[l2]:.4f}{'  <- chosen' if l2 == best else ''}",
              file=sys.stderr)
    bias, lex_w, w = fit(rows, vocabulary(rows), best)
    data = {
        "about": "Sphere model weights (log-odds toward professional); made by "
                 "scripts/train_classifier.py from tests/data/classifier/dev*.jsonl only.",
        "l2": best, "dev_items": len(rows), "cv_macro_f1": round(cv[best], 4),
        "bias": round(bias, 4), "lexicon": round(lex_w, 4),
        "words": {f: round(v, 4) for f, v in sorted(w.items()) if abs(v) >= 0.005},
    }
    text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n"
    if args.check:
        same = OUT.exists() and OUT.read_text("utf-8") == text
        print("weights reproduce" if same else "weights differ", file=sys.stderr)
        return 0 if same else 1
    OUT.write_text(text, "utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(data['words'])} word weights)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
