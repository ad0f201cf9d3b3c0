"""Measure the classifier on labelled JSONL: sphere P/R/F1, sensitive recall, false-sensitive rate."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from prebrief.models import SENSITIVE_CATEGORIES

SPHERES = ("professional", "personal")


@dataclass(frozen=True)
class Example:
    """One labelled line of an evaluation file."""

    text: str
    label: str
    sensitive: str | None
    source: str | None = None
    kind: str | None = None


def parse_line(line: str, lineno: int) -> Example:
    """Parse one JSONL line; ValueError names the line and what is wrong."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"line {lineno}: not JSON ({exc.msg})") from exc
    if not isinstance(row, dict) or not isinstance(row.get("text"), str):
        raise ValueError(f"line {lineno}: needs a string 'text'")
    label = _word(row.get("label"))
    if label not in SPHERES:
        raise ValueError(f"line {lineno}: 'label' must be professional or personal, "
                         f"not {row.get('label')!r}")
    sensitive = _word(row.get("sensitive"))
    if sensitive is None or (isinstance(sensitive, str) and sensitive in NO_CATEGORY):
        sensitive = None
    elif sensitive not in SENSITIVE_CATEGORIES:
        raise ValueError(f"line {lineno}: unknown 'sensitive' category {row.get('sensitive')!r} "
                         f"(null or one of {', '.join(SENSITIVE_CATEGORIES)})")
    return Example(row["text"], label, sensitive, row.get("source"), row.get("kind"))


# How labelled files written by other tools say "no sensitive category" besides JSON null or a
# missing field.
NO_CATEGORY = frozenset({"", "none", "null"})


def _word(value: Any) -> Any:
    """A label as written, with case and surrounding spaces ignored ("Professional",
    " health "); anything but a string is returned as it is."""
    return value.strip().lower() if isinstance(value, str) else value


def read_examples(path: Path) -> list[Example]:
    """All examples in a JSONL file, skipping blank lines (a leading byte-order mark, as
    Windows tools write, is not part of the first line)."""
    lines = path.read_text("utf-8-sig").splitlines()
    return [parse_line(line, n) for n, line in enumerate(lines, 1) if line.strip()]


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": tp + fn}


def compute_metrics(gold: list[Example], predicted: list[tuple[str, str | None]]) -> dict[str, Any]:
    """Metrics from gold examples and (sphere, sensitive) predictions in the same order."""
    confusion = {g: {p: 0 for p in SPHERES} for g in SPHERES}
    for ex, (sphere, _) in zip(gold, predicted):
        confusion[ex.label][sphere] += 1
    per_class, raw_f1 = {}, []
    for c in SPHERES:
        tp = confusion[c][c]
        fp = sum(confusion[g][c] for g in SPHERES if g != c)
        fn = sum(confusion[c][p] for p in SPHERES if p != c)
        per_class[c] = _prf(tp, fp, fn)
        raw_f1.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    per_cat: dict[str, dict[str, float]] = {}
    hit_any = total = false_sensitive = clean = 0
    for ex, (_, sens) in zip(gold, predicted):
        if ex.sensitive:
            total += 1
            hit_any += sens is not None
            cat = per_cat.setdefault(ex.sensitive, {"support": 0, "detected": 0, "exact": 0})
            cat["support"] += 1
            cat["detected"] += sens is not None
            cat["exact"] += sens == ex.sensitive
        else:
            clean += 1
            false_sensitive += sens is not None
    for cat in per_cat.values():
        cat["recall"] = round(cat["detected"] / cat["support"], 4)
        cat["category_accuracy"] = round(cat["exact"] / cat["support"], 4)
    return {
        "n": len(gold),
        "per_class": per_class,
        "macro_f1": round(sum(raw_f1) / len(raw_f1), 4),
        "accuracy": round(sum(confusion[c][c] for c in SPHERES) / len(gold), 4) if gold else 0.0,
        "confusion": confusion,
        "sensitive_recall": round(hit_any / total, 4) if total else None,
        "sensitive_support": total,
        "sensitive_detected": hit_any,
        "sensitive_per_category": dict(sorted(per_cat.items())),
        "false_sensitive_rate": round(false_sensitive / clean, 4) if clean else None,
        "non_sensitive_support": clean,
        "false_sensitive": false_sensitive,
    }


def evaluate(examples: list[Example]) -> dict[str, Any]:
    """Classify every example (source/kind as priors) and compute the metrics."""
    from prebrief.classify.core import classify_text

    predicted: list[tuple[str, str | None]] = []
    for ex in examples:
        c = classify_text(ex.text, kind=ex.kind, source=ex.source)
        predicted.append((c.sphere, c.sensitive_category))
    return compute_metrics(examples, predicted)


def format_report(m: dict[str, Any]) -> str:
    """Plain-text report of compute_metrics output."""
    lines = [f"items: {m['n']}", "", f"{'class':<14}{'precision':>10}{'recall':>9}{'f1':>8}{'n':>6}"]
    for c, v in m["per_class"].items():
        lines.append(f"{c:<14}{v['precision']:>10.3f}{v['recall']:>9.3f}{v['f1']:>8.3f}{v['support']:>6}")
    lines += [f"macro-F1: {m['macro_f1']:.3f}   accuracy: {m['accuracy']:.3f}", "",
              "confusion (rows gold, columns predicted):",
              f"{'':<14}{'professional':>13}{'personal':>10}"]
    for g, row in m["confusion"].items():
        lines.append(f"{g:<14}{row['professional']:>13}{row['personal']:>10}")
    rec, fsr = m["sensitive_recall"], m["false_sensitive_rate"]
    lines += ["", f"sensitive recall: {'n/a' if rec is None else f'{rec:.3f}'} "
                  f"(n={m['sensitive_support']})",
              f"false-sensitive rate: {'n/a' if fsr is None else f'{fsr:.3f}'} "
              f"(n={m['non_sensitive_support']})"]
    for cat, v in m["sensitive_per_category"].items():
        lines.append(f"  {cat:<10} recall {v['recall']:.3f}  right category "
                     f"{v['category_accuracy']:.3f}  (n={v['support']})")
    return "\n".join(lines)
