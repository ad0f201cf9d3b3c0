"""E-mail addresses and phone numbers are withheld; what only looks like one is left alone."""

from __future__ import annotations

import pytest

from prebrief.redact import withhold_contact_details

E, P = "[e-mail withheld]", "[phone withheld]"

WITHHELD = [
    ("Private mail: mara.vellinga@example.net, mobile +47 912 34 567",
     f"Private mail: {E}, mobile {P}"),
    ("reach me at m.vellinga+work@kestrel-freight.example.co.uk.", f"reach me at {E}."),
    ("Mail:mara@example.org", f"Mail:{E}"),
    ("write to mailto:mara@example.org today", f"write to {E} today"),
    ("MARA.VELLINGA@EXAMPLE.NET", E),
    ("(mara_v@example.net)", f"({E})"),
    ("https://kestrel.example/contact?to=mara@example.net", f"https://kestrel.example/contact?to={E}"),
    ("Call +1 (555) 010-0199 after 5", f"Call {P} after 5"),
    ("+44 20 7946 0958", P),
    ("+31612345678", P),
    ("Tel.: 030 1234567", f"Tel.: {P}"),
    ("Tel. 040-123 45 67", f"Tel. {P}"),
    ("phone: (040) 123 4567", f"phone: {P}"),
    ("Mobil 0171 2345678", f"Mobil {P}"),
    ("mobile no. 98 76 54 32", f"mobile no. {P}"),
    ("Tel: +47 912 34 567 / +47 987 65 432", f"Tel: {P} / {P}"),
    ("...mara@example.net", f"...{E}"),
]

UNTOUCHED = [
    "Follow me: @mara@mastodon.example",
    "https://mastodon.example/@mara",
    "https://mastodon.example/@mara@other.example",
    "https://medium.com/@mara.writes/supplier-days-1a2b3c",
    "Met at Nor-Shipping 2026-11-20, dinner on 20.11.2026",
    "Revenue grew to $1,234,567.89 (+12% year on year)",
    "Revenue up +2.5% in Q3, +1,200 new customers",
    "Released v2.10.3 and lodash@4.17.21 today",
    "12 345 posts, 1 234 567 views",
    "Mobile 2019-2023 lead at Kestrel, mobile 2024 roadmap",
    "Phone call on 2026-11-20 about the tender",
    "Hotel 1234567 in Bergen",
    "C++17 and C++20",
    "Since 1998, +25 years in freight",
    "Tel Aviv office, 2 mobile apps",
    "ticket #12345678 closed",
    "user@localhost is not an address",
    "an @ sign alone, and @mara",
]


@pytest.mark.parametrize(("text", "expected"), WITHHELD)
def test_contact_details_are_withheld(text: str, expected: str):
    assert withhold_contact_details(text) == expected


@pytest.mark.parametrize("text", UNTOUCHED)
def test_what_only_looks_like_contact_details_is_kept(text: str):
    assert withhold_contact_details(text) == text


def test_a_long_text_without_an_address_is_read_in_linear_time():
    text = "a" * 200_000 + "@" + "b" * 200_000
    assert withhold_contact_details(text) == text
