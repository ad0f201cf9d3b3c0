"""Change detection between two snapshots: one table, one case per kind of change."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prebrief.snapshots import snapshot_from_json
from prebrief.snapshots.changes import changes

# Keys a briefing JSON document uses at any depth, so generated documents reach every reader.
FIELDS = ("person", "roles", "education", "location", "identities", "signals", "sources",
          "generated_at", "title", "organization", "current", "end", "school", "degree",
          "url", "handle", "platform", "outcome", "file", "sphere", "topic", "published_at",
          "status", "identity")

BASE = {"generated_at": "2026-05-01T09:00:00+00:00", "employer": "Halvorsen Maritime AS",
        "title": "Head of Data", "location": "Bergen, Norway",
        "education": ["Bergen Tekniske Skole — MSc"],
        "profiles": ["https://github.com/ivarsol", "https://ivar.example/"],
        "topics": ["data engineering"], "latest_activity": "2026-04-20T10:00:00+00:00"}
LATER = "2026-11-20T09:00:00+00:00"


def later(**fields: object) -> dict:
    return BASE | {"generated_at": LATER, "latest_activity": "2026-11-10T10:00:00+00:00"} | fields


CASES = [
    ("job change", later(employer="Norrbrook Logistics", title="CTO"),
     [("employer", "New employer: CTO at Norrbrook Logistics (was Head of Data at "
                   "Halvorsen Maritime AS)")]),
    ("title only", later(title="VP Data"),
     [("title", "New title: VP Data at Halvorsen Maritime AS (was Head of Data)")]),
    ("legal suffix is no job change", later(employer="halvorsen maritime"), []),
    ("location", later(location="Oslo, Norway"),
     [("location", "New location: Oslo, Norway (was Bergen, Norway)")]),
    ("education", later(education=["Bergen Tekniske Skole — MSc", "INSEAD — MBA"]),
     [("education", "New education: INSEAD — MBA")]),
    ("profile added", later(profiles=[*BASE["profiles"], "https://social.example/@ivar"]),
     [("profile_added", "New profile: https://social.example/@ivar")]),
    ("profile gone", later(profiles=["https://github.com/ivarsol"]),
     [("profile_gone", "Profile gone: https://ivar.example/")]),
    ("new topic", later(topics=["data engineering", "logistics"]),
     [("topic", "New professional topic: logistics")]),
    ("gone quiet", later(latest_activity="2026-04-20T10:00:00+00:00"),
     [("quiet", "Activity gone quiet: no public activity in 90 days (last 2026-04-20)")]),
    ("nothing public at all now", later(latest_activity=None),
     [("quiet", "Activity gone quiet: no public activity in 90 days (last 2026-04-20)")]),
    ("a failed source is no change", later(employer=None, title=None, location=None,
                                           education=[], topics=[]), []),
    ("nothing changed", later(), []),
]


@pytest.mark.parametrize(("new", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_changes_table(new: dict, expected: list[tuple[str, str]]) -> None:
    found = changes(BASE, new)
    assert [(c.kind, c.text) for c in found] == expected
    assert all(c.since.isoformat() == BASE["generated_at"] for c in found)


def test_job_change_comes_first() -> None:
    new = later(employer="Norrbrook Logistics", location="Oslo",
                topics=["data engineering", "logistics"])
    kinds = [c.kind for c in changes(BASE, new)]
    assert kinds == ["employer", "location", "topic"]


def test_not_quiet_when_old_activity_was_already_old() -> None:
    old = BASE | {"latest_activity": "2025-01-01T00:00:00+00:00"}
    assert changes(old, later(latest_activity=None)) == ()


JSONISH = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=12),
                       lambda inner: st.lists(inner, max_size=4)
                       | st.dictionaries(st.sampled_from(FIELDS), inner, max_size=6),
                       max_leaves=25)


@given(st.dictionaries(st.sampled_from(FIELDS), JSONISH, max_size=8),
       st.dictionaries(st.sampled_from(FIELDS), JSONISH, max_size=8))
@settings(max_examples=150, deadline=None)
def test_any_json_document_gives_a_snapshot_and_changes_never_crash(old, new) -> None:
    before, after = snapshot_from_json(old), snapshot_from_json(new)
    assert set(before) == set(after) == set(BASE) | {"version"}
    assert all(isinstance(c.text, str) for c in changes(before, after))
