"""The term matcher and mask index: the syntax the data files are written in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from prebrief.classify.masks import MaskSet, anchors
from prebrief.classify.terms import TermMatcher, Tokens

DATA = Path(__file__).resolve().parents[1] / "data" / "classifier"


def found(terms: list[str], text: str) -> list[str]:
    tokens = Tokens(text)
    return [f"{payload}:{' '.join(tokens.cased[a:b])}"
            for payload, a, b in TermMatcher([(t, t) for t in terms]).find(tokens)]


@pytest.mark.parametrize(("term", "text", "hit"), [
    ("chemo", "Back after Chemo today", True),
    ("chemo", "chemotherapy", False),
    ("diagnos*", "I was diagnosed in May", True),
    ("*kanker", "na mijn borstkanker", True),
    ("*kanker", "kankeronderzoek", False),
    ("burn-out", "after my burnout", True),
    ("burn-out", "after my burn out", True),
    ("burn-out", "after my burn-out", True),
    ("panic attack*", "two panic attacks this week", True),
    ("panic attack*", "panic then attacks", False),  # a phrase is consecutive words
    ("parkinson's", "Living with Parkinsons", True),
    ("parkinson's", "my dad’s Parkinson’s", True),
    ("cs:SPD", "Mitglied der SPD", True),
    ("cs:SPD", "spd is a file extension", False),
    ("my church", "at my  church on Sunday", True),
    ("my church", "my local church", False),
])
def test_term_syntax(term: str, text: str, hit: bool) -> None:
    assert bool(found([term], text)) is hit


def test_matches_report_their_words_in_text_order() -> None:
    assert found(["trade union*", "strike", "on strike"], "On strike with my trade unions") == [
        "on strike:On strike", "strike:strike", "trade union*:trade unions"]


def test_character_spans_point_into_the_original_text() -> None:
    tokens = Tokens("I’m back at work after chemo.")
    (payload, first, last), = TermMatcher([("after chemo", "x")]).find(tokens)
    start, end = tokens.span(first, last)
    assert tokens.text[start:end] == "after chemo"


@pytest.mark.parametrize(("pattern", "heads"), [
    (r"(?:cancer|oncology)[\s\-]+research", {"cancer", "oncology"}),
    (r"(?<!\w)church\s+street(?!\w)", {"church"}),
    (r"\w*krebs", None),  # may start inside any word: always run
    (r"(?:the\s+great|economic)\s+depression", {"the", "economic"}),
])
def test_mask_anchors_are_the_words_a_match_can_start_with(pattern: str, heads: set | None) -> None:
    assert anchors(pattern) == (frozenset(heads) if heads is not None else None)


def test_masks_only_cover_their_context() -> None:
    masks = MaskSet(["re:cancer\\s+research", "church street"])
    text = "Raising money for cancer research; my cancer is back"
    spans = masks.spans(Tokens(text))
    assert [text[a:b] for a, b in spans] == ["cancer research"]


@given(st.text(max_size=200))
def test_any_text_tokenises_and_matches_without_error(text: str) -> None:
    tokens = Tokens(text)
    assert len(tokens.cased) == len(tokens.folded)
    for _, first, last in TermMatcher([("a b*", 1), ("*x", 2), ("cs:Q", 3)]).find(tokens):
        start, end = tokens.span(first, last)
        assert 0 <= start < end <= len(text)


def _items(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text("utf-8").splitlines()
            if line.strip()]


def test_labelled_sets_are_large_distinct_and_cover_every_category() -> None:
    dev = [i for p in sorted(DATA.glob("dev*.jsonl")) for i in _items(p.name)]
    helds = [_items(p.name) for p in sorted(DATA.glob("heldout*.jsonl"))]
    assert len(dev) >= 700 and all(len(h) >= 300 for h in helds) and helds
    tuned_on = {d["text"] for d in dev}
    for held in helds:
        assert not tuned_on & {h["text"] for h in held}
    held = [i for h in helds for i in h]  # NL/DE coverage over the held-out sets together
    for items in (dev, held, *helds):
        categories = {i["sensitive"] for i in items if i["sensitive"]}
        assert categories == {"health", "religion", "politics", "sexuality", "ethnicity",
                              "union", "criminal"}
    for items in (dev, held):
        categories = {i["sensitive"] for i in items if i["sensitive"]}
        for lang in ("nl", "de"):
            assert {i["sensitive"] for i in items if i.get("lang") == lang and i["sensitive"]} \
                == categories
