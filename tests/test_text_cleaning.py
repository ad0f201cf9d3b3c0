"""What a user types, a contact list holds or a page shows never carries terminal escape
sequences or bidirectional overrides into a heading, a file name or the terminal."""

from __future__ import annotations

from prebrief.extract.text import clean_text
from prebrief.models import ContactQuery


def test_escape_sequences_controls_and_bidi_overrides_are_dropped():
    assert clean_text("Ilse Marchetti\x1b[2J\x1b[31m") == "Ilse Marchetti"  # clear, red
    assert clean_text("Ilse\x1b]0;title\x07 Marchetti") == "Ilse0;title Marchetti"
    assert clean_text("Ilse\x9b31m Várga\x85") == "Ilse31m Várga"  # C1 controls
    assert clean_text("Ilse \u202eagráV\u202c \u2066x\u2069") == "Ilse agráV x"
    assert clean_text("Zoë Müller-Ødegård (she/her) 🚢") == "Zoë Müller-Ødegård (she/her) 🚢"


def test_a_contact_query_holds_clean_text():
    """`--name $'Ilse Marchetti\\x1b[2J'` wrote the escape into the Markdown heading (which
    cleared the terminal it was printed to) and the HTML title."""
    query = ContactQuery(name="Ilse Marchetti\x1b[2J\x1b[31m", company="\u202eTidewater",
                         location="  Rotterdam\n", email="\u200b")
    assert (query.name, query.company, query.location, query.email) == (
        "Ilse Marchetti", "Tidewater", "Rotterdam", None)
    assert query.key() == ContactQuery(name="Ilse Marchetti", company="Tidewater").key()
