"""Finding the contact in Connections.csv, conservatively; the user's own profile."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from prebrief.extract.linkedin_export import (Connection, find_connection, parse_connected_on,
                                              read_connections)
from prebrief.sources.linkedin_export import read_me_profile

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "linkedin_export"


@pytest.mark.parametrize("value,expected", [
    ("15 Mar 2024", datetime(2024, 3, 15, tzinfo=UTC)),
    ("1/8/18, 6:14 PM", datetime(2018, 1, 8, 18, 14, tzinfo=UTC)),
    ("garbage", None),
])
def test_both_connected_on_formats(value, expected):
    assert parse_connected_on(value) == expected


def conn(first, last, company, url=None):
    return Connection(first, last, url, company, "Buyer", None)


def test_namesakes_without_a_tie_breaker_give_no_match():
    people = [conn("Jonas", "Berg", "Acme"), conn("Jonas", "Berg", "Globex")]
    assert find_connection(people, name="Jonas Berg", company=None, urls=[]) is None
    assert find_connection(people, name="Jonas Berg", company="Globex", urls=[]).company == "Globex"
    assert find_connection(people, name="Jonas Berg", company="Initech", urls=[]) is None


def test_url_beats_name_and_diacritics_fold():
    people = [conn("José", "Núñez", "Acme", "https://www.linkedin.com/in/jnunez"),
              conn("Jose", "Nunez", "Globex", "https://www.linkedin.com/in/jose-n")]
    found = find_connection(people, name="x", company=None,
                            urls=["https://linkedin.com/in/jose-n/"])
    assert found.company == "Globex"
    assert find_connection(people[:1], name="jose nunez", company=None, urls=[]).company == "Acme"


def test_preamble_bom_crlf_and_blank_rows():
    text = (FIXTURES / "export-preamble" / "Connections.csv").read_bytes().decode("utf-8-sig")
    rows = read_connections(text)
    assert [c.name for c in rows] == ["Teodor Vasquez-Brandt", "Teodor Vasquez-Brandt",
                                      "Saskia Lindqvist"]
    assert rows[2].position == "Head of Data, Nordics"


def test_me_profile_from_the_export():
    me = read_me_profile(str(FIXTURES / "export-preamble"))
    assert me.name == "Jonas Aalders" and me.city == "Utrecht"
    assert me.company == "Vennhof Freight Software"
    assert {r.organization for r in me.roles} == {"Vennhof Freight Software", "Brekke Freight"}
    assert [e.school for e in me.education] == ["Lund School of Trade"]
    assert me.skills == ("Negotiation", "Python")
