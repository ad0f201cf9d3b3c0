"""Profile fields that state a category outright ("Religious views: Quaker"), and the sextons
of sensitive.toml (fictional people and places only)."""

from __future__ import annotations

import pytest

from prebrief.classify import classify_text
from prebrief.classify.fields import stated_field
from prebrief.classify.lexicon import load_toml


@pytest.mark.parametrize(("text", "category", "by_value"), [
    ("Interested in: Men", "sexuality", True),
    ("Interested in: Women · Relationship status: Single", "sexuality", True),
    ("Geïnteresseerd in: Vrouwen", "sexuality", True),
    ("Interessiert an: Männern", "sexuality", True),
    ("Religion: Muslimisch (sunnitisch)", "religion", True),  # a short answer
    ("Religious views: Church of Ireland", "religion", True),
    ("Konfession – evangelisch-lutherisch", "religion", True),
    ("Politische Einstellung: links, aber mit Bausparvertrag.", "politics", False),  # a sentence
    ("  politieke voorkeur :  SP", "politics", True),
    ("Religious views: I grew up Catholic and still go at Christmas", "religion", False),
])
def test_a_field_label_and_a_value_state_a_category(text, category, by_value) -> None:
    field = stated_field(text)
    assert field is not None and (field.category, field.by_value) == (category, by_value)


@pytest.mark.parametrize("text", [
    "Interested in: logistics optimisation, operations research",  # an interest list
    "Interested in: menswear",                 # not a value the field takes
    "Religion: prefer not to say",             # a non-answer
    "Religious views: none, but I do love a good cathedral",
    "Keine Angabe",
    "Religion:",                               # no value
    "Religion: —",
    "Political views: it's complicated",       # non-answers of a few words
    "Politische Einstellung: unpolitisch",
    "Politieke voorkeur: hangt ervan af",
    "VP Sales: Acme Freight",                  # a label that states nothing
    "Thoughts on religion: why our budget meetings feel like one",  # not a field's label
    "My religion: coffee before calls",        # nor this
    "Head of Religious Education at Ashbourne Academy",  # no colon
])
def test_other_texts_state_nothing(text) -> None:
    assert stated_field(text) is None


def test_fields_data_is_lower_case_and_each_label_names_one_category() -> None:
    data = load_toml("fields.toml")
    labels = [label for listed in data["labels"].values() for label in listed]
    labels += [label for spec in data["values"].values() for label in spec["labels"]]
    assert len(labels) == len(set(labels))
    every = labels + [v for spec in data["values"].values() for v in spec["values"]]
    every += [v for listed in data["non_answers"].values() for v in listed]
    assert all(v == v.lower() and v == " ".join(v.split()) for v in every)


@pytest.mark.parametrize(("text", "category"), [
    ("Interested in: Men", "sexuality"),          # no lexicon term: the field's value says it
    ("Interested in: Women · Relationship status: Single", "sexuality"),
    ("Religion: Muslimisch (sunnitisch)", "religion"),  # the check had set these aside
    ("Politische Einstellung: sozialdemokratisch", "politics"),
    ("Politieke voorkeur: links", "politics"),   # no term in the value: a short answer says it
    ("Religious views: Quaker", "religion"),
])
def test_a_stated_field_is_a_disclosure_the_check_does_not_set_aside(text, category) -> None:
    result = classify_text(text, kind="field", source="facebook")
    assert result.sensitive_category == category
    assert "in the profile field" in result.reason


def test_a_short_answer_is_quoted_with_its_label() -> None:
    result = classify_text("Politieke voorkeur: links", kind="field")
    assert "'politieke voorkeur: links' in the profile field 'Politieke voorkeur'" in result.reason


def test_a_label_that_is_the_only_trigger_is_left_to_the_check() -> None:
    # Only the label names politics: whatever the check decides, it is not a stated field.
    result = classify_text("Political views: I'd rather talk about the football", kind="field")
    assert "in the profile field" not in result.reason


@pytest.mark.parametrize(("text", "category"), [
    ("Tischlermeister, Mesner in der Pfarre St. Martin am Bach", "religion"),
    ("Sexton at St Brannoc's, accountant by day", "religion"),
    ("Als Küsterin schließe ich sonntags um sieben die Kirche auf.", "religion"),
    ("Jan Koster, CFO bij Veldhuis Logistiek", None),  # the surname alone
    ("Dr. Petra Küster, Leiterin Einkauf bei Hallweg Antriebe", None),
])
def test_sextons_keep_a_church_surnames_do_not(text, category) -> None:
    assert classify_text(text).sensitive_category == category
