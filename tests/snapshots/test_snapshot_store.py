"""Snapshots in the store: recognised across runs, never a namesake's, forgotten and expired."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest
from typer.testing import CliRunner

from factories import WHEN, rich_briefing
from prebrief.cli.app import app
from prebrief.models import ContactQuery, Identity, Role
from prebrief.snapshots import refresh
from prebrief.snapshots.keys import identifiers
from prebrief.snapshots.store import PREFIX, load_snapshot
from prebrief.store import open_store

ADA = ContactQuery(name="Ada Vermeer", company="Borealis Grid", email="ada@borealis.example",
                   handles=(("website", "https://ada.example/"),))


def moved(briefing, organization: str = "Norrbrook Logistics"):  # noqa: ANN001, ANN201
    """The same briefing a week later, after a job change."""
    person = replace(briefing.person, roles=(
        Role("CTO", organization, briefing.person.roles[0].evidence, current=True),))
    return replace(briefing, person=person, generated_at=WHEN + timedelta(days=7))


def snapshot_entries(store) -> list[dict]:  # noqa: ANN001
    return [store[k] for k in store.iterkeys() if str(k).startswith(PREFIX)]


def test_second_run_sees_the_job_change(tmp_path):
    with open_store(tmp_path) as store:
        first = refresh(store, ADA, rich_briefing())
        assert first.extra("changes") is None  # nothing to compare with yet
        second = refresh(store, ADA, moved(rich_briefing()))
    found = second.extra("changes")
    assert [c.kind for c in found] == ["employer"]
    assert found[0].after == "Norrbrook Logistics" and found[0].since == WHEN


def test_a_run_with_an_extra_handle_still_finds_the_snapshot(tmp_path):
    more = replace(ADA, name=None, company=None, email=None,
                   handles=(("website", "https://ada.example"), ("github", "adaverm")))
    with open_store(tmp_path) as store:
        refresh(store, ADA, rich_briefing())
        second = refresh(store, more, moved(rich_briefing()))
    assert [c.kind for c in second.extra("changes")] == ["employer"]


def test_a_run_that_knows_only_the_email_finds_it(tmp_path):
    by_email = ContactQuery(email="ADA@borealis.example ")
    with open_store(tmp_path) as store:
        refresh(store, ADA, rich_briefing())
        assert load_snapshot(store, identifiers(by_email)) is not None


def test_namesakes_are_kept_apart(tmp_path):
    bare = ContactQuery(name="Ada Vermeer", company="Borealis Grid")
    other_email = replace(bare, email="ada.vermeer@elsewhere.example")
    other_company = ContactQuery(name="Ada Vermeer", company="Halvorsen Maritime")
    other_profile = replace(bare, handles=(("website", "https://vermeer.example/"),))
    with open_store(tmp_path) as store:
        refresh(store, ADA, rich_briefing())
        assert load_snapshot(store, identifiers(bare)) is not None  # name+company alone: same
        for query in (other_email, other_company, other_profile):
            assert load_snapshot(store, identifiers(query)) is None, query


def test_the_stored_snapshot_holds_nothing_sensitive_and_no_email(tmp_path):
    with open_store(tmp_path) as store:
        refresh(store, ADA, rich_briefing())
        entries = snapshot_entries(store)
        keys = list(store.iterkeys())
    assert entries
    dumped = json.dumps(entries) + " ".join(map(str, keys))
    assert "ada@borealis.example" not in dumped.casefold()
    assert "depression" not in dumped and "treatment" not in dumped
    assert "Beekeeper" not in dumped and "Vecht" not in dumped  # no post texts at all
    assert entries[0]["employer"] == "Borealis Grid B.V."


def test_snapshots_expire(tmp_path):
    with open_store(tmp_path) as store:
        refresh(store, ADA, rich_briefing())
        keys = identifiers(ADA)
        assert load_snapshot(store, keys, now=WHEN + timedelta(days=399)) is not None
        assert load_snapshot(store, keys, now=WHEN + timedelta(days=401)) is None


@pytest.mark.parametrize("given", [
    ["--name", "Ada Vermeer", "--company", "Borealis Grid", "--email", "ada@borealis.example"],
    ["--name", "Ada Vermeer", "--company", "Borealis Grid"],  # not as given: found by identifier
    ["--email", "ada@borealis.example"],
], ids=["as given", "name and company", "email"])
def test_cache_forget_removes_the_snapshots(tmp_path, given):
    with open_store(tmp_path) as store:
        refresh(store, ADA, rich_briefing())
        other = ContactQuery(name="Ivar Solberg", company="Halvorsen Maritime")
        refresh(store, other, replace(rich_briefing(), identities=(
            Identity("website", url="https://ivar.example/"),)))
    result = CliRunner().invoke(app, ["cache", "forget", *given, "--cache-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    with open_store(tmp_path) as store:
        assert load_snapshot(store, identifiers(ADA)) is None
        assert load_snapshot(store, identifiers(other)) is not None


def test_cache_clear_removes_every_snapshot(tmp_path):
    with open_store(tmp_path) as store:
        refresh(store, ADA, rich_briefing())
    assert CliRunner().invoke(app, ["cache", "clear", "--cache-dir", str(tmp_path)]).exit_code == 0
    with open_store(tmp_path) as store:
        assert snapshot_entries(store) == []
