"""How the learned check on lexicon hits does on writers it has not seen: trained on the dev
sets written before one of them, scored on that one and the ones after.

    python scripts/check_before_use.py --first dev41

The check (prebrief.classify.learned.Check) sets a lexicon hit aside where it reads a disclosure
as unlikely (a probability below CHECK_BELOW, 0.3). Every dev set is training data, so the
committed check cannot be scored on them; the honest test of a change to it is the sets written
last, before they are used: the check is fitted here exactly as scripts/train_classifier.py fits
it (same features, same L2), on the dev sets before --first, and scored on the texts of --first
and later sets where a lexicon hit survives the masks (what the check sees at run time). It
prints the area under the ROC curve (disclosures above false alarms) and, at a few thresholds,
how many false alarms it would set aside and how many disclosures it would lose; the shipped
threshold is CHECK_BELOW. The lexicons are the checkout's, so sets a lexicon round has mined
already have few false alarms left to find. Needs numpy (the `train` extra).
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys

import train_classifier as tc
from prebrief.classify.sensitive import find_sensitive
from prebrief.classify.tokens import Tokens

THRESHOLDS = (0.3, 0.4, 0.5, 0.6)


def number(name: str) -> int:
    """dev.jsonl is the first set, devN.jsonl the Nth."""
    found = re.fullmatch(r"dev(\d*)", name)
    if not found:
        raise SystemExit(f"not a dev set name: {name!r} (expected dev, dev2, dev41, ...)")
    return int(found.group(1) or 1)


def rows(paths: list, every_reading: bool = False
         ) -> list[tuple[list[frozenset[str]], bool, bool]]:
    """(check features, a disclosure?, a hit survives the masks?) per text whose triggers
    fired before masks; the features of the text as written, and with every_reading also
    those of its other readings (train_classifier.readings: without kind and source), which
    train_classifier.py fits as well."""
    out = []
    for path in paths:
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            tokens = Tokens(item["text"])
            if not tc.lexicon_matches(tokens)[0]:
                continue
            read = tc.readings(item) if every_reading else tc.readings(item)[:1]
            out.append(([tc.check_features(tokens, kind, source) for kind, source in read],
                        item.get("sensitive") is not None, find_sensitive(tokens) is not None))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first", required=True, help="the first dev set scored (e.g. dev41)")
    args = parser.parse_args()
    first = number(args.first)
    train = [p for p in tc.DEV if number(p.stem) < first]
    test = [p for p in tc.DEV if number(p.stem) >= first]
    if not train or not test:
        print(f"{args.first}: no dev sets on one side of it", file=sys.stderr)
        return 2
    fitted = rows(train, every_reading=True)
    bias, weights = tc.fit_check([(feats[0], real) for feats, real, _ in fitted],
                                 [(f, real) for feats, real, _ in fitted for f in feats[1:]])
    scored = [(1.0 / (1.0 + math.exp(-(bias + sum(weights.get(f, 0.0) for f in feats[0])))),
               real) for feats, real, survives in rows(test) if survives]
    real = [p for p, is_real in scored if is_real]
    false = [p for p, is_real in scored if not is_real]
    print(f"trained on {len(train)} dev sets, scored {len(test)} ({', '.join(p.stem for p in test)}): "
          f"{len(real)} disclosures and {len(false)} false alarms among the surviving hits")
    if real and false:
        wins = sum((r > f) + 0.5 * (r == f) for r in real for f in false)
        print(f"AUC {wins / (len(real) * len(false)):.3f}")
    for threshold in THRESHOLDS:
        mark = "  <- shipped" if threshold == tc.CHECK_BELOW else ""
        print(f"below {threshold}: sets aside {sum(p < threshold for p in false)} false alarms, "
              f"loses {sum(p < threshold for p in real)} disclosures{mark}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
