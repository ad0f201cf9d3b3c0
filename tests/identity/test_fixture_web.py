"""Discovery end to end: gather over the fixture web (tests/fixtures/web) via MockTransport."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from conftest import FIXTURES, replay_handler

from prebrief.http.settings import HttpSettings
from prebrief.identity.graph import url_key
from prebrief.identity.measure import (
    CaseResult,
    load_cases,
    missing_sources,
    run_case,
    summarize,
)

WEB = FIXTURES / "web"
CASES = load_cases(WEB / "cases.json")


async def run(case: dict, tmp_path: Path) -> CaseResult:
    missing = missing_sources(case)
    if missing:
        pytest.skip(f"needs sources not installed yet: {', '.join(missing)}")
    transport = httpx.MockTransport(replay_handler(WEB))
    return await run_case(case, HttpSettings(cache_dir=tmp_path / "cache"), transport=transport)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
async def test_no_wrong_profile_is_ever_accepted(case: dict, tmp_path: Path):
    result = await run(case, tmp_path)
    assert result.wrong == (), f"accepted profiles of someone else: {result.wrong}"
    others = {url_key(u) for u in case["others"]}
    listed = {url_key(i.url): i for i in result.identities}
    for key in others & set(listed):
        assert listed[key].outcome != "accepted" and listed[key].reasons


@pytest.mark.parametrize("case", [c for c in CASES if c["own"]],
                         ids=[c["id"] for c in CASES if c["own"]])
async def test_some_of_the_persons_own_profiles_are_found(case: dict, tmp_path: Path):
    result = await run(case, tmp_path)
    assert result.right, f"found none of {case['own']}"


async def test_precision_is_perfect_on_the_namesake_sets(tmp_path: Path):
    results = []
    for index, case in enumerate(c for c in CASES if c["namesakes"]):
        if not missing_sources(case):
            results.append(await run(case, tmp_path / str(index)))
    assert len(results) >= 2  # at least two namesake sets run with the sources on main
    summary = summarize(results)
    assert summary["namesake_precision"] == 1.0 and summary["wrong"] == 0


async def test_dead_link_rejected_and_one_way_link_not_called_verified(tmp_path: Path):
    case = next(c for c in CASES if c["id"] == "tomasz-loop-one-way-dead-link")
    result = await run(case, tmp_path)
    listed = {url_key(i.url): i for i in result.identities}
    dead = listed["github.com/tomwren-old"]
    assert dead.outcome == "rejected" and "dead link" in " ".join(dead.reasons)
    site = listed["wren.example"]
    assert site.outcome == "accepted" and "two-way" in " ".join(site.reasons)
    assert "news.example" not in " ".join(listed)  # a plain bio link is not a profile
    mastodon = listed.get("quay.example/@tomasz")
    if mastodon is not None:  # the Mastodon source is installed
        assert "verified" not in " ".join(mastodon.reasons)
        assert "one-way" in " ".join(mastodon.reasons)


async def test_link_loop_fetches_each_profile_once(tmp_path: Path):
    case = next(c for c in CASES if c["id"] == "tomasz-loop-one-way-dead-link")
    seen: list[str] = []
    inner = replay_handler(WEB)

    def counting(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return inner(request)

    await run_case(case, HttpSettings(cache_dir=tmp_path), transport=httpx.MockTransport(counting))
    user_calls = [u for u in seen if u.startswith("https://api.github.com/users/twren")
                  and u.count("/") == 4]
    pages = [u for u in seen if httpx.URL(u).host == "wren.example"
             and httpx.URL(u).path in ("", "/")]
    assert len(user_calls) == 1 and len(pages) == 1
