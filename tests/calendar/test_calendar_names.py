"""How attendees are named: display names as Outlook writes them, and organisation hints."""

from __future__ import annotations

import pytest

from prebrief.calendar.ics import Attendee
from prebrief.calendar.names import display_name, organisation_hint


@pytest.mark.parametrize(("name", "shown"), [
    ("Brandsma, Okke", "Okke Brandsma"),
    ("Vogelsang, Henrike (Marschhafen Nord)", "Henrike Vogelsang"),
    ("Henrike Vogelsang (Marschhafen Nord)", "Henrike Vogelsang"),
    ("Okke Brandsma (External)", "Okke Brandsma"),
    ("(Marschhafen Nord)", None),
])
def test_the_bracketed_organisation_is_not_part_of_the_name(name, shown):
    assert display_name(Attendee("x@y.example", name)) == shown


@pytest.mark.parametrize(("name", "hint"), [
    ("Vogelsang, Henrike (Marschhafen Nord)", "Marschhafen Nord"),
    ("Okke Brandsma (External)", None), ("Okke Brandsma (he/him)", None),
    ("Okke Brandsma", None), (None, None),
])
def test_organisation_hint_from_the_brackets(name, hint):
    assert organisation_hint(Attendee("x@y.example", name)) == hint
