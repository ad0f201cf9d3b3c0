"""Review aid for the sensitive lexicons: which common words fire a trigger on their own, and
by which term.

    pip install wordfreq                                # not a dependency of prebrief
    python scripts/audit_lexicon.py [--top 60000] [--lang en nl de]
    python scripts/audit_lexicon.py --words FILE        # one word per line instead

A trigger is meant for a disclosure ("kanker", "Gebet"), but the lexicons match words of every
language in every text, and a prefix or wildcard term reaches further than its author looked:
"gebet*" also matched German "gebeten" (asked), "afro*" Dutch "afronden" (to finish),
"*staking" English "painstaking", "gläubig*" "die Gläubiger" (creditors). Each such word turns
an ordinary work post into a false alarm in every writer's text, not one writer's phrasing.

This runs each of the commonest words of English, Dutch and German (wordfreq's lists, by
frequency) through the classifier's sensitive lexicons as a text of its own, masks applied, and
prints those that fire, commonest first: the language, wordfreq's Zipf frequency (4 is about
ten per million words), the word, the category and the terms that matched it
("category.list:term"). Most are meant ("cancer", "kerk", "Gewerkschaft"); the review is for
the others, each fixed with a term spelled out or a mask naming the other meaning, with a test
beside its disclosure (tests/classify/test_classify.py, OTHER_MEANING). With --words it reads
the words from a file (wordfreq is then not needed, and the Zipf column is left out).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from prebrief.classify.lexicon import trigger_lists
from prebrief.classify.sensitive import find_sensitive
from prebrief.classify.terms import TermMatcher
from prebrief.classify.tokens import Tokens


def term_matcher() -> TermMatcher:
    """Every sensitive term, its payload naming where it is written ("health.terms_en:cancer")."""
    return TermMatcher([(t, f"{category}.{key}:{t}") for category, key, listed in trigger_lists()
                        for t in listed])


def firing(words: Iterable[tuple[str, str, float | None]]
           ) -> list[tuple[str, float | None, str, str, list[str]]]:
    """(lang, zipf, word, category, terms) for each word that fires a trigger alone."""
    matcher = term_matcher()
    out = []
    for lang, word, zipf in words:
        tokens = Tokens(word)
        hit = find_sensitive(tokens)
        if hit:
            found = sorted({p for p, _, _ in matcher.find(tokens)})
            out.append((lang, zipf, word, hit.category, found))
    return out


def wordfreq_words(langs: list[str], top: int) -> list[tuple[str, str, float | None]]:
    try:
        from wordfreq import iter_wordlist, zipf_frequency
    except ImportError:
        raise SystemExit("needs wordfreq (pip install wordfreq), or --words FILE") from None
    out: list[tuple[str, str, float | None]] = []
    for lang in langs:
        for n, word in enumerate(iter_wordlist(lang)):
            if n >= top:
                break
            if word.isalpha():
                out.append((lang, word, zipf_frequency(word, lang)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=60000, help="words per language (wordfreq)")
    parser.add_argument("--lang", nargs="+", default=["en", "nl", "de"])
    parser.add_argument("--words", type=Path, help="a file of words, one per line")
    args = parser.parse_args()
    if args.words:
        try:
            lines = args.words.read_text("utf-8").splitlines()
        except OSError as exc:
            raise SystemExit(f"cannot read {args.words}: {exc.strerror}") from None
        except UnicodeDecodeError as exc:
            raise SystemExit(f"cannot read {args.words}: not UTF-8 text (byte {exc.start})"
                             ) from None
        words: list[tuple[str, str, float | None]] = [("-", w.strip(), None)
                                                     for w in lines if w.strip()]
    else:
        words = wordfreq_words(args.lang, args.top)
    hits = firing(words)
    for lang, zipf, word, category, terms in hits:
        freq = f" {zipf:.2f}" if zipf is not None else ""
        print(f"{lang}{freq} {word} -> {category} ({', '.join(terms) or 'a frame'})")
    print(f"{len(hits)} of {len(words)} words fire a trigger on their own", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
