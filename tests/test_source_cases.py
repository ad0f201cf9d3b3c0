"""Every source x every case it carries, through the real stack against its fixtures."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from markupsafe import escape

from conftest import FIXTURES, run_source
from prebrief.briefing import assemble
from prebrief.models import ContactQuery, SourceResult, Status
from prebrief.render import render
from prebrief.sources.base import Source, SourceCase
from prebrief.sources.registry import all_sources, route_url

CASES = [(cls, case) for cls in all_sources().values() for case in cls.cases]


def _case_id(item: tuple[type[Source], SourceCase]) -> str:
    return f"{item[0].name}-{item[1].name}"


async def run_case(cls: type[Source], case: SourceCase, tmp_path: Path) -> SourceResult:
    path = FIXTURES / cls.name / case.fixture
    target = case.target
    if path.is_dir() and (path / "manifest.json").exists():
        return await run_source(cls, target, tmp_path, fixture=path, env=case.env,
                                query=case.query)
    from dataclasses import replace

    return await run_source(cls, replace(target, file=str(path)), tmp_path, env=case.env,
                            query=case.query)


def check_expectations(result: SourceResult, expect: dict) -> None:
    assert result.status == Status(expect.get("status", "ok")), (result.status, result.message)
    facts = [(f.kind, f.text) for f in result.harvest.facts]
    for kind, needle in expect.get("facts", ()):
        assert any(k == kind and needle.lower() in t.lower() for k, t in facts), (
            f"no {kind!r} fact containing {needle!r} in {facts}")
    for kind in expect.get("no_fact_kinds", ()):
        assert not any(k == kind for k, _ in facts), f"unexpected {kind!r} fact"
    roles = [(r.title or "", r.organization or "", r.current) for r in result.harvest.roles]
    for title, org, *current in expect.get("roles", ()):
        assert any(title.lower() in t.lower() and org.lower() in o.lower()
                   and (not current or c == current[0]) for t, o, c in roles), (title, org, roles)
    schools = [e.school for e in result.harvest.education]
    for school in expect.get("education", ()):
        assert any(school.lower() in s.lower() for s in schools), (school, schools)
    links = [link.url for link in result.harvest.links]
    for needle in expect.get("links", ()):
        assert any(needle in url for url in links), (needle, links)
    if result.message and result.hint:  # the sheet prints both: the hint must add, not repeat
        said = result.hint.split(". ")[0].rstrip(".").lower()
        assert said not in result.message.lower(), (result.message, result.hint)
    for key in ("message", "hint"):
        if key in expect:
            assert expect[key].lower() in (getattr(result, key) or "").lower(), (
                key, getattr(result, key))
    if "min_facts" in expect:
        assert len(result.harvest.facts) >= expect["min_facts"]
    for fact in result.harvest.facts:  # provenance on every fact
        assert fact.evidence.source == result.source
        assert fact.evidence.url or fact.evidence.file
        assert fact.evidence.method


@pytest.mark.parametrize("item", CASES, ids=[_case_id(c) for c in CASES])
async def test_source_case(item: tuple[type[Source], SourceCase], tmp_path: Path) -> None:
    cls, case = item
    result = await run_case(cls, case, tmp_path)
    check_expectations(result, dict(case.expect))


URL_CASES = [(cls, case) for cls, case in CASES if case.target.url]


@pytest.mark.parametrize("item", URL_CASES, ids=[_case_id(c) for c in URL_CASES])
def test_case_url_routes_to_its_own_source_only(item: tuple[type[Source], SourceCase]) -> None:
    cls, case = item
    matching = [other.name for other in all_sources().values()
                if other.match_url(case.target.url or "")]
    if cls.url_patterns:
        assert matching == [cls.name], matching
        routed = route_url(case.target.url or "")
        assert routed is not None and routed[0] is cls
    else:
        assert cls.name not in matching


# ---- fault injection: every network source survives every failure mode --------------------
NETWORK_CASES = [(cls, case) for cls, case in CASES
                 if (FIXTURES / cls.name / case.fixture / "manifest.json").exists()
                 and case.expect.get("status", "ok") == "ok"]
# First ok case per source is enough to exercise its request path.
_seen: set[str] = set()
FIRST_NETWORK_CASES = [c for c in NETWORK_CASES
                       if not (c[0].name in _seen or _seen.add(c[0].name))]


def fault_handler(fault: str):
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(200, text="User-agent: *\nAllow: /\n")
        if fault == "timeout":
            raise httpx.ReadTimeout("timed out", request=request)
        if fault == "5xx":
            return httpx.Response(503, text="<h1>Service Unavailable</h1>")
        if fault == "404":
            return httpx.Response(404, json={"message": "Not Found"})
        if fault == "malformed":
            return httpx.Response(200, headers={"content-type": "application/json"},
                                  content=b"{\"data\": [1, 2,\x00\xff <html><<")
        if fault == "oversized":
            return httpx.Response(200, headers={"content-type": "text/html"},
                                  content=b"<p>" + b"a" * (6 * 1024 * 1024))
        raise AssertionError(fault)
    return handler


EXPECTED_STATUS = {"timeout": {Status.ERROR}, "5xx": {Status.ERROR},
                   "404": {Status.NOT_FOUND}, "malformed": {Status.ERROR, Status.OK},
                   "oversized": {Status.ERROR}}


@pytest.mark.parametrize("fault", sorted(EXPECTED_STATUS))
@pytest.mark.parametrize("item", FIRST_NETWORK_CASES,
                         ids=[_case_id(c) for c in FIRST_NETWORK_CASES])
async def test_source_survives_fault(item, fault: str, tmp_path: Path) -> None:
    cls, case = item
    result = await run_source(cls, case.target, tmp_path, handler=fault_handler(fault),
                              env=case.env)
    assert result.status in EXPECTED_STATUS[fault], (result.status, result.message)
    assert result.message, "a failed source must say what happened"
    if fault == "malformed" and result.status is Status.OK:
        assert not result.harvest.facts, "garbage must not become facts"
    else:
        assert result.hint, "a failed source must say what to do next"
    # The briefing is still produced, with this source's status and hint on the sheet.
    briefing = assemble(ContactQuery(), [result], [result.identity])
    html, md = render(briefing, "html"), render(briefing, "md")
    status = result.status.value.replace("_", " ")
    for text in (status, result.hint or ""):
        assert str(escape(text)) in html
    assert status in md
