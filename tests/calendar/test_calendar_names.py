"""How attendees are named: display names as Outlook writes them, organisation hints, names
guessed from an address, and labels that tell the nameless apart without their address."""

from __future__ import annotations

import pytest

from prebrief.calendar.ics import Attendee
from prebrief.calendar.names import (display_name, guessed_name, guest_labels,
                                     organisation_hint, search_name)


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


@pytest.mark.parametrize(("email", "guess"), [
    ("wietske.hoogeveen@terpstra.example", "Wietske Hoogeveen"),
    ("jelmer_tuinstra@terpstra.example", "Jelmer Tuinstra"),
    ("jelmer-tuinstra+cal@terpstra.example", "Jelmer Tuinstra"),
    ("wietske@terpstra.example", None),  # one word: a first name, a surname or a role
    ("info@terpstra.example", None), ("sales.team@terpstra.example", None),
    ("customer-service@terpstra.example", None), ("w.hoogeveen@terpstra.example", None),
    ("wietske.hoogeveen2@terpstra.example", None), ("j.r.tuinstra@terpstra.example", None),
    ("wietske.de.hoogeveen@terpstra.example", None),
])
def test_a_name_is_guessed_from_first_last_addresses_only(email, guess):
    assert guessed_name(Attendee(email)) == guess


def test_a_name_from_the_invitation_wins_over_a_guess():
    okke = Attendee("wietske.hoogeveen@terpstra.example", "Brandsma, Okke")
    assert search_name(okke) == "Okke Brandsma"
    assert search_name(Attendee("wietske.hoogeveen@terpstra.example")) == "Wietske Hoogeveen"


def test_labels_mark_guesses_and_tell_the_nameless_apart_without_their_address():
    people = [Attendee("wietske.hoogeveen@terpstra.example"), Attendee("inkoop@terpstra.example"),
              Attendee("x7q@terpstra.example"), Attendee("m@tjalkwerf.example"),
              Attendee("okke@tjalkwerf.example", "Okke Brandsma")]
    assert list(guest_labels(people).values()) == [
        "Wietske Hoogeveen (name guessed from e-mail)", "guest 1 at terpstra.example",
        "guest 2 at terpstra.example", "guest at tjalkwerf.example", "Okke Brandsma"]
