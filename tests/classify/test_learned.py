"""The learned opinions on sensitive disclosures: the second reading adds a category where the
lexicons find none, and the check sets a lexicon hit aside where it reads a work or figurative
mention; neither moves the sphere, but a hit set aside does not lean personal as a disclosure
does (fictional texts only)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from prebrief.classify import classify_text, core
from prebrief.classify.learned import near_triggers, sensitive_model
from prebrief.classify.sensitive import find_sensitive
from prebrief.classify.tokens import Tokens

# Disclosures in words no lexicon phrase covers: the lexicons let them through.
MISSED = [
    ("Ten years since I walked out of that cell. I still count the steps to my front door",
     "criminal"),
]
# The gate reads this one close to its threshold (0.699 against 0.7 once dev53-55 were added,
# 0.70-0.75 before): a health disclosure with no listed phrase, for the threshold test below.
NEAR_THRESHOLD = "The nurses on ward 7 got me through the worst month of my life"
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


def test_the_gate_adds_a_category_at_its_threshold_and_not_below(monkeypatch) -> None:
    import math

    model = sensitive_model()
    assert model is not None and find_sensitive(NEAR_THRESHOLD) is None
    score, _ = model.gate.weigh(Tokens(NEAR_THRESHOLD))
    log_odds = model.bias + score
    for cutoff, category in ((log_odds - 0.01, "health"), (log_odds + 0.01, None)):
        gate = replace(model, cutoff=cutoff)
        monkeypatch.setattr(core, "sensitive_model", lambda gate=gate: gate)
        decision = classify_text(NEAR_THRESHOLD)
        assert decision.sensitive_category == category, (cutoff, math.exp(log_odds))
        assert ("reads as a disclosure to the learned model" in decision.reason) is bool(category)


@pytest.mark.parametrize("text", PLAIN)
def test_it_leaves_everyday_texts_alone(text: str) -> None:
    assert classify_text(text).sensitive_category is None


# Lexicon hits that are a work topic, not a disclosure (no mask covers these phrasings).
WORK_MENTIONS = [
    ("New white paper: what the menopause guidance means for shift rosters in logistics",
     "link", "website"),
    ("Our new policy on religious holidays: swap a bank holiday for Eid, Diwali or Yom Kippur",
     "post", "linkedin"),
]
DISCLOSURES = [
    ("Back at work after chemo, grateful for this team", "post", "linkedin"),
    ("Recovering from my knee surgery, slowly", "post", "facebook"),
    ("Sunday mass with my grandmother, then pancakes", "post", "facebook"),
]


@pytest.mark.parametrize(("text", "kind", "source"), WORK_MENTIONS)
def test_the_check_sets_aside_a_work_mention(text: str, kind: str, source: str) -> None:
    hit = find_sensitive(text)
    assert hit is not None  # else this test says nothing about the check
    decision = classify_text(text, kind=kind, source=source)
    assert decision.sensitive_category is None
    assert "learned check reads" in decision.reason and hit.phrases[0] in decision.reason


@pytest.mark.parametrize(("text", "kind", "source"), DISCLOSURES)
def test_the_check_keeps_disclosures(text: str, kind: str, source: str) -> None:
    hit = find_sensitive(text)
    assert hit is not None
    assert classify_text(text, kind=kind, source=source).sensitive_category == hit.category


def test_the_check_never_sets_aside_a_partner_word_its_writer_makes_sensitive(
        monkeypatch) -> None:
    from prebrief.classify.writer import Writer

    model = sensitive_model()
    assert model is not None and model.check is not None
    # A check that sets every hit aside: only the writer's exact partner word survives it.
    strict = replace(model, check=replace(model.check, below=1.01))
    monkeypatch.setattr(core, "sensitive_model", lambda: strict)
    text = "Ten years with my husband today"
    assert classify_text(text, writer=Writer("male", "given name")).sensitive_category == (
        "sexuality")
    assert classify_text("Back at work after chemo").sensitive_category is None


@pytest.mark.parametrize("text", [t for t, _ in MISSED] + PLAIN + [
    t for t, _, _ in WORK_MENTIONS + DISCLOSURES] + ["Head of Diversity & Inclusion at Acme"])
def test_the_learned_opinions_move_the_sphere_only_by_the_disclosure_prior(
        text: str, monkeypatch) -> None:
    with_model = classify_text(text)
    monkeypatch.setattr(core, "sensitive_model", lambda: None)
    if "learned check reads" in with_model.reason:
        # A hit the check sets aside is no disclosure, so it does not lean personal: the
        # sphere is the lexicons' without the disclosure prior.
        assert "disclosure prior" not in with_model.reason
        monkeypatch.setattr(core, "disclosure_prior", lambda: 0.0)
    without = classify_text(text)
    assert (with_model.sphere, with_model.confidence) == (without.sphere, without.confidence)
    if with_model.sensitive_category and without.sensitive_category:
        assert with_model == without  # a lexicon hit the check keeps stands as it was


@pytest.mark.parametrize(("text", "kind", "source"), WORK_MENTIONS)
def test_a_hit_set_aside_does_not_lean_personal(text: str, kind: str, source: str,
                                                monkeypatch) -> None:
    from prebrief.classify.sphere import disclosure_prior

    assert disclosure_prior() < 0  # else leaning says nothing
    kept = classify_text(text, kind=kind, source=source)
    assert "learned check reads" in kept.reason
    model = sensitive_model()
    assert model is not None and model.check is not None
    keeping = replace(model, check=replace(model.check, below=-1.0))  # keeps every hit
    monkeypatch.setattr(core, "sensitive_model", lambda: keeping)
    leaning = classify_text(text, kind=kind, source=source)
    assert leaning.sensitive_category is not None and "disclosure prior" in leaning.reason
    # The same evidence, one log-odds step apart: kept, it leans personal; set aside, not.
    sign = {"professional": 1, "personal": -1}

    def margin(c):  # confidence = 0.5 + 0.49 tanh(|margin| / 2), signed by the sphere
        import math
        return sign[c.sphere] * 2 * math.atanh(min((c.confidence - 0.5) / 0.49, 0.999999))

    assert margin(kept) - margin(leaning) == pytest.approx(-disclosure_prior(), abs=0.02)


def test_the_reason_names_only_words_that_weigh_toward_a_disclosure() -> None:
    model = sensitive_model()
    assert model is not None
    hit = model.hit(Tokens(MISSED[0][0]))
    assert hit is not None and hit.learned
    for word in hit.learned:
        if word.endswith("*"):
            weight = model.gate.prefixes.get(word[:-1])
        elif " " in word:
            weight = model.gate.pairs.get(word)
        else:
            weight = model.gate.singles.get(word)
        assert weight is not None and weight >= 0.3, word


def test_the_check_weighs_the_words_next_to_each_trigger_by_their_side() -> None:
    tokens = Tokens("Postdoc in our lab studying treatment-resistant depression with EEG data")
    fired = [("health", 7, 8)]  # "depression"
    assert tokens.folded[7] == "depression"
    assert near_triggers(tokens, fired) == {  # four words either side ("our" is the fifth)
        "before:lab", "before:studying", "before:treatment", "before:resistant",
        "after:with", "after:eeg", "after:data"}
    assert near_triggers(tokens, []) == set()
    model = sensitive_model()
    assert model is not None and model.check is not None and model.check.near


@pytest.mark.parametrize("order", [["x", "y", "z"], ["z", "y", "x"], ["y", "x", "z"]])
def test_the_category_does_not_depend_on_the_order_features_are_summed_in(monkeypatch,
                                                                          order) -> None:
    """features() is a set, iterated in an order the hash seed sets. Summed one by one,
    0.1 + 0.2 + 0.3 is 0.6000000000000001 in one order and 0.6 in another, which flipped a
    near-tie between two categories from one process to the next (seen in scripts/
    dump_decisions.py); exact sums make the tie exact, and it goes to the category listed
    first."""
    from prebrief.classify import learned
    from prebrief.classify.model import WordWeights
    from prebrief.classify.tokens import Tokens

    model = learned.SensitiveModel(1.0, 0.0, WordWeights.of({}), ("health", "religion"),
                                   (0.6, 0.0), {"x": (0.0, 0.3), "y": (0.0, 0.2),
                                                "z": (0.0, 0.1)})
    monkeypatch.setattr(learned, "features", lambda tokens: order)
    hit = model.hit(Tokens("x y z"))
    assert hit is not None and hit.category == "health"
