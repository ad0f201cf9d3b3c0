"""Merging roles, education and header fields across sources."""

from __future__ import annotations

from factories import evidence
from prebrief.merge import merge_education, merge_roles
from prebrief.models import Education, Role

EV = evidence()


def test_titleless_employer_folds_into_the_titled_one():
    roles = merge_roles([Role(None, "norrbrook", EV, current=True),
                         Role("VP Procurement", "Norrbrook Logistics", EV, current=True)])
    assert [(r.title, r.organization) for r in roles] == [("VP Procurement", "Norrbrook Logistics")]


def test_titleless_role_at_another_employer_is_kept():
    roles = merge_roles([Role(None, "Brekke Freight", EV),
                         Role("VP Procurement", "Norrbrook Logistics", EV, current=True)])
    assert {r.organization for r in roles} == {"Brekke Freight", "Norrbrook Logistics"}


def test_duplicates_keep_the_richest_and_current_first():
    roles = merge_roles([Role("Buyer", "Dekker Bouw", EV, start="2014-01", end="2018-02"),
                         Role("Buyer", "Dekker Bouw", EV),
                         Role("VP Procurement", "Norrbrook", EV, start="2024-01", current=True),
                         Role("Head of Sourcing", "Halvorsen", EV, start="2018-03", end="2023-12")])
    assert [r.organization for r in roles] == ["Norrbrook", "Halvorsen", "Dekker Bouw"]
    assert roles[-1].start == "2014-01"


def test_education_deduplicated_by_school():
    items = merge_education([Education("Hogeschool Amstelland", EV),
                             Education("Hogeschool  amstelland", EV, degree="BSc", end="2014")])
    assert len(items) == 1 and items[0].degree == "BSc"
