"""The learned second opinion: it adds a category where the lexicons find none, and nothing
else (fictional texts only)."""

from __future__ import annotations

import pytest

from prebrief.classify import classify_text, core
from prebrief.classify.learned import sensitive_model
from prebrief.classify.sensitive import find_sensitive
from prebrief.classify.tokens import Tokens

# Disclosures in words no lexicon phrase covers: the lexicons let them through.
MISSED = [
    ("The nurses on ward 7 got me through the worst month of my life", "health"),
    ("Ten years since I walked out of that cell. I still count the steps to my front door",
     "criminal"),
]
PLAIN = [
    "Shipping the new release this week, big thanks to the platform team",
    "Marathon training: 30 km this morning, legs are done",
    "Hiring two backend engineers in Utrecht, hybrid, Python and Postgres",
    "Sunday roast at my parents' place, then a long walk with the dog",
]


@pytest.mark.parametrize(("text", "category"), MISSED)
def test_it_reads_disclosures_the_lexicons_miss(text: str, category: str) -> None:
    assert find_sensitive(text) is None  # else this test says nothing about the model
    decision = classify_text(text)
    assert decision.sensitive_category == category
    assert decision.topic == category  # the sheet names the category, never the content
    assert "reads as a disclosure to the learned model" in decision.reason


@pytest.mark.parametrize("text", PLAIN)
def test_it_leaves_everyday_texts_alone(text: str) -> None:
    assert classify_text(text).sensitive_category is None


@pytest.mark.parametrize("text", [t for t, _ in MISSED] + PLAIN + [
    "Back at work after chemo, grateful for this team",   # a lexicon hit
    "Head of Diversity & Inclusion at Acme",
])
def test_it_never_moves_the_sphere_or_a_lexicon_hit(text: str, monkeypatch) -> None:
    with_model = classify_text(text)
    monkeypatch.setattr(core, "sensitive_model", lambda: None)
    without = classify_text(text)
    assert (with_model.sphere, with_model.confidence) == (without.sphere, without.confidence)
    if without.sensitive_category:  # the lexicons' verdict stands as it was
        assert with_model == without


def test_the_reason_names_only_words_that_weigh_toward_a_disclosure() -> None:
    model = sensitive_model()
    assert model is not None
    hit = model.hit(Tokens(MISSED[0][0]))
    assert hit is not None and hit.learned
    for word in hit.learned:
        if word.endswith("*"):
            weight = model.gate.prefixes.get(word[:-1])
        elif " " in word:
            first, second = word.split(" ")
            weight = model.gate.following.get(first, {}).get(second)
        else:
            weight = model.gate.singles.get(word)
        assert weight is not None and weight >= 0.3, word
