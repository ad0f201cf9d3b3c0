"""Frames: a phrasing written once over named lists (data/names.toml, data/origins.toml) stands
for one lexicon term per item, or per combination of items (fictional texts only)."""

from __future__ import annotations

import pytest

from prebrief.classify import lexicon
from prebrief.classify.lexicon import expand_frames, frame_lists
from prebrief.classify.sensitive import find_sensitive


@pytest.fixture
def lists(monkeypatch):
    tables = {"names.toml": {"male": ["jonas", "tobias"]},
              "origins.toml": {"origin_x": ["ghanaian", "peruvian"], "kin_x": ["mum", "gran"]}}
    monkeypatch.setattr(lexicon, "load_toml", tables.__getitem__)
    frame_lists.cache_clear()
    yield tables
    frame_lists.cache_clear()


def test_a_frame_stands_for_one_term_per_item_and_per_combination(lists) -> None:
    assert expand_frames(["husband to {male}"]) == ["husband to jonas", "husband to tobias"]
    assert expand_frames(["my {origin_x} {kin_x}"]) == [  # the first slot varies slowest
        "my ghanaian mum", "my ghanaian gran", "my peruvian mum", "my peruvian gran"]
    assert expand_frames(["proud {origin_x}", "no slot here"]) == [
        "proud ghanaian", "proud peruvian", "no slot here"]


def test_a_misspelt_slot_names_the_frame(lists) -> None:
    with pytest.raises(ValueError, match="origin_xx"):
        expand_frames(["proud {origin_xx}"])


def test_a_list_defined_in_both_files_is_an_error(lists) -> None:
    lists["origins.toml"]["male"] = ["x"]
    with pytest.raises(ValueError, match="male"):
        frame_lists()


@pytest.mark.parametrize(("text", "phrase"), [
    ("Proud Ghanaian, mum of two, and a terrible cook", "proud ghanaian"),
    ("My Ghanaian grandmother taught me to braid hair", "my ghanaian grandmother"),
])
def test_the_shipped_frames_reach_the_lexicon(text: str, phrase: str) -> None:
    hit = find_sensitive(text)
    assert hit is not None and hit.category == "ethnicity" and phrase in hit.phrases


@pytest.mark.parametrize(("text", "phrase"), [
    ("Bakker in Zwartewaal. Vader van twee, man van Sander.", "man van sander"),
    ("Trotse moeder en vrouw van Marieke. Werkt in de haven.", "vrouw van marieke"),
    ("Papa von zwei, Mann von Jonas, Tischler in Kleinbrück.", "mann von jonas"),
])
def test_the_plain_words_for_husband_and_wife_name_the_writers_own_spouse(text: str,
                                                                        phrase: str) -> None:
    hit = find_sensitive(text)
    assert hit is not None and hit.category == "sexuality" and phrase in hit.phrases


@pytest.mark.parametrize("text", [
    "De man van Ruben kwam ook langs op de borrel.",
    "Die Frau von Anna hat heute im Laden angerufen.",
    "Had dinner with the husband of Mark and his sister.",
])
def test_someone_elses_spouse_is_not_the_writers(text: str) -> None:
    assert find_sensitive(text) is None
