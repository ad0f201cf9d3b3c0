"""Dump every classifier decision on the labelled texts and variants of them, one per line.

    python scripts/dump_decisions.py > after.txt
    python scripts/dump_decisions.py --src /tmp/base/src > before.txt   # another checkout
    cmp before.txt after.txt

A speed change must leave every decision identical (sphere, sensitive category, topic,
confidence, reason, and the parts a line is split into); comparing two dumps byte for byte is
how that is checked. The inputs are the texts of tests/data/classifier/*.jsonl with the kind
and source each was written for, the same texts under other kinds, sources and hints, and
perturbed variants (case, punctuation, sub-strings, two items joined) that reach the splitter
and the masks in ways the labelled texts alone do not.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "classifier"
OTHER = [("headline", "linkedin", None), ("bio", "instagram", None), ("post", "github", None),
         ("about", None, "repository"), ("bio", " LinkedIn ", None), ("interest", "x", None)]


def variants(text: str, following: str) -> list[str]:
    """Perturbed copies of text; following is the next item's text, for joined lines."""
    words = text.split()
    half = len(words) // 2
    return [
        text.lower(), text.upper(), text.title(),
        re.sub(r"[^\w\s]", "", text), re.sub(r"[^\w\s]", " ", text),
        re.sub(r"[,.;]", " |", text), text + "!",
        " ".join(words[:half]), " ".join(words[half:]), text[3:-3], text[len(text) // 3:],
        f"{text} | {following}", f"{text}. {following}", f"{text}, {following.lower()}",
    ]


def facts() -> list[tuple[str, str, str | None, str | None]]:
    """(kind, text, source, hint) for every input, in a fixed order."""
    items = [json.loads(line) for path in sorted(DATA.glob("*.jsonl"))
             for line in path.read_text("utf-8").splitlines() if line.strip()]
    out = []
    for i, item in enumerate(items):
        text, kind, source = item["text"], item.get("kind") or "post", item.get("source")
        following = items[(i + 1) % len(items)]["text"]
        out.append((kind, text, source, None))
        out.extend((kind, v, source, None) for v in variants(text, following))
        out.extend((k, text, s, h) for k, s, h in OTHER)
        out.append(("bio", f"{text} | {following}", "website", None))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the src/ to import")
    args = parser.parse_args()
    sys.path.insert(0, str(args.src))
    from datetime import UTC, datetime

    from prebrief.classify import classify_facts, classify_parts
    from prebrief.models import Evidence, Fact

    now = datetime(2024, 1, 1, tzinfo=UTC)
    out = sys.stdout
    for n, (kind, text, source, hint) in enumerate(facts()):
        fact = Fact(kind, text, Evidence(source or "", "dump", retrieved_at=now), topic_hint=hint)
        # The pipeline's path; a signal's sphere reads 'sensitive' for a sensitive decision...
        for s in classify_facts([fact]):
            row = [n, "fact", s.text, s.sphere, s.sensitive_category, s.topic, s.confidence,
                   s.reason]
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        # ...so the decisions themselves are dumped too, split whatever the kind.
        for part, c in classify_parts(text, kind=kind, source=source, hint=hint):
            row = [n, "part", part, c.sphere, c.sensitive_category, c.topic, c.confidence,
                   c.reason]
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
