"""gather end to end with stand-in sources: isolation of failures, result cache, offline."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

import prebrief.briefing as briefing_mod
import prebrief.plan as plan_mod
from prebrief.briefing import gather, usable
from prebrief.config import RunOptions
from prebrief.http.settings import HttpSettings
from prebrief.models import ContactQuery, Harvest, Identity, Status
from prebrief.sources.base import Source, SourceContext


class EchoSource(Source):
    """Reads https://api.echo.example/users/<handle> and reports the name."""

    name = "echo"
    option = "--echo"
    url_patterns = (r"https?://echo\.example/(?P<handle>\w+)",)

    async def collect(self, target: Identity, ctx: SourceContext) -> Harvest:
        got = await ctx.fetcher.get_json(f"https://api.echo.example/users/{target.handle}")
        data = got.json()
        ev = self.evidence("echo API", url=got.url, retrieved_at=got.retrieved_at)
        from prebrief.models import Fact

        return Harvest(facts=(Fact("name", data["name"], ev), Fact("bio", data["bio"], ev)))


class BrokenSource(Source):
    """Crashes with an unexpected data shape."""

    name = "broken"

    async def collect(self, target: Identity, ctx: SourceContext) -> Harvest:
        return {}["missing"]  # type: ignore[return-value]


class CrashingSource(Source):
    """Fails in a way no extractor foresaw (zlib's error from a damaged file, say)."""

    name = "crashing"

    async def collect(self, target: Identity, ctx: SourceContext) -> Harvest:
        import zlib

        raise zlib.error("Error -3 while decompressing data: /home/u/private/export.zip")


@pytest.fixture
def registry(monkeypatch):
    sources = {"echo": EchoSource, "broken": BrokenSource, "crashing": CrashingSource}
    monkeypatch.setattr(plan_mod, "all_sources", lambda: sources)
    monkeypatch.setattr(briefing_mod, "all_sources", lambda: sources)
    monkeypatch.setattr(plan_mod, "route_url", lambda url: (EchoSource, "x")
                        if EchoSource.match_url(url) else None)
    return sources


def handler_counting(calls: list[str]):
    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(str(request.url))
        if request.url.path == "/users/ada":
            return httpx.Response(200, json={"name": "Ada Vermeer", "bio": "CTO at Acme"})
        return httpx.Response(404, json={"message": "Not Found"})
    return handler


QUERY = ContactQuery(name="Ada Vermeer", handles=(("echo", "ada"), ("broken", "zzz")))


async def test_one_broken_source_does_not_sink_the_briefing(registry, tmp_path: Path):
    calls: list[str] = []
    b = await gather(QUERY, HttpSettings(cache_dir=tmp_path), RunOptions(discover=False),
                     transport=httpx.MockTransport(handler_counting(calls)))
    statuses = {r.source: r.status for r in b.sources}
    assert statuses == {"echo": Status.OK, "broken": Status.ERROR}
    broken = next(r for r in b.sources if r.source == "broken")
    assert "unexpected data shape" in broken.message and broken.hint
    assert b.person.name == "Ada Vermeer" and usable(b)
    assert any(s.text == "CTO at Acme" for s in b.signals)


async def test_an_unforeseen_exception_fails_its_source_not_the_briefing(registry,
                                                                          tmp_path: Path):
    query = ContactQuery(name="Ada Vermeer", handles=(("echo", "ada"), ("crashing", "zzz")))
    b = await gather(query, HttpSettings(cache_dir=tmp_path), RunOptions(discover=False),
                     transport=httpx.MockTransport(handler_counting([])))
    crashed = next(r for r in b.sources if r.source == "crashing")
    assert crashed.status is Status.ERROR and "unexpected error" in crashed.message
    assert "/home/u" not in crashed.message and "report" in (crashed.hint or "")
    assert b.person.name == "Ada Vermeer" and usable(b)


async def test_rerun_served_from_result_cache_without_network(registry, tmp_path: Path):
    calls: list[str] = []
    settings = HttpSettings(cache_dir=tmp_path)
    options = RunOptions(discover=False)
    await gather(QUERY, settings, options, transport=httpx.MockTransport(handler_counting(calls)))
    first = len(calls)

    def refuse(request):
        raise AssertionError("network touched on a warm rerun")

    again = await gather(QUERY, settings, options, transport=httpx.MockTransport(refuse))
    assert first >= 1 and next(r for r in again.sources if r.source == "echo").ok
    refreshed = await gather(QUERY, HttpSettings(cache_dir=tmp_path, refresh=True), options,
                             transport=httpx.MockTransport(handler_counting(calls)))
    assert len(calls) > first and refreshed.person.name == "Ada Vermeer"


async def test_offline_names_what_is_missing(registry, tmp_path: Path):
    query = ContactQuery(handles=(("echo", "nobody"),))
    b = await gather(query, HttpSettings(cache_dir=tmp_path, offline=True),
                     RunOptions(discover=False),
                     transport=httpx.MockTransport(handler_counting([])))
    result = b.sources[0]
    assert result.status is Status.SKIPPED
    assert result.missing == ("https://api.echo.example/users/nobody",)
    assert not usable(b)


async def test_not_found_is_reported_not_raised(registry, tmp_path: Path):
    query = ContactQuery(handles=(("echo", "ghost"),))
    b = await gather(query, HttpSettings(cache_dir=tmp_path), RunOptions(discover=False),
                     transport=httpx.MockTransport(handler_counting([])))
    assert b.sources[0].status is Status.NOT_FOUND and not usable(b)


def test_urls_route_to_their_source_and_unknown_sources_are_usage_errors(registry):
    from prebrief.errors import UsageError
    from prebrief.plan import plan_targets

    targets = plan_targets(ContactQuery(urls=("https://echo.example/ada",),
                                        handles=(("echo", "ada"),)))
    assert [(cls.name, i.handle) for cls, i in targets] == [("echo", "ada")]  # deduplicated
    with pytest.raises(UsageError):
        plan_targets(ContactQuery(handles=(("nosuch", "x"),)))


def test_identical_rerun_reuses_briefing_and_sheet(registry, tmp_path: Path):
    from prebrief.cli.run import briefing_and_sheet

    calls: list[str] = []
    settings = HttpSettings(cache_dir=tmp_path)
    options = RunOptions(discover=False)
    first, sheet = briefing_and_sheet(QUERY, settings, options, "md",
                                      transport=httpx.MockTransport(handler_counting(calls)))

    def refuse(request):
        raise AssertionError("network touched on an identical rerun")

    again, sheet_again = briefing_and_sheet(QUERY, settings, options, "md",
                                            transport=httpx.MockTransport(refuse))
    assert sheet_again == sheet and again.generated_at == first.generated_at
    # Other options are another briefing; --refresh gathers again.
    other, _ = briefing_and_sheet(QUERY, settings, RunOptions(discover=False, budget=3), "md",
                                  transport=httpx.MockTransport(refuse))
    assert other.person.name == "Ada Vermeer"  # from the per-source result cache
    before = len(calls)
    briefing_and_sheet(QUERY, HttpSettings(cache_dir=tmp_path, refresh=True), options, "md",
                       transport=httpx.MockTransport(handler_counting(calls)))
    assert len(calls) > before


def test_changed_user_file_is_a_new_briefing(tmp_path: Path):
    from prebrief.reuse import briefing_key

    notes = tmp_path / "notes.txt"
    notes.write_text("one")
    query = ContactQuery(name="Ada Vermeer", files=(("notes", str(notes)),))
    key = briefing_key(query, RunOptions())
    notes.write_text("one and two")
    assert briefing_key(query, RunOptions()) != key
    notes.unlink()
    assert briefing_key(query, RunOptions()) is None


@pytest.mark.parametrize("forget_by", [["--name", "Ada Vermeer", "--company", "Acme"],
                                       ["--name", "ada vermeer"], ["--email", "ADA@acme.example"]])
async def test_cache_forget_finds_a_contact_by_any_of_what_it_was_briefed_with(
        registry, tmp_path: Path, forget_by):
    """A contact briefed with --name, --company and --email carried one tag made of all
    three: 'cache forget --name ... --company ...' (the README's example) then removed only
    the snapshots, and the responses, results and briefing stayed (outside auditor)."""
    from typer.testing import CliRunner

    from prebrief.cli.app import app
    from prebrief.store import open_store

    ada = ContactQuery(name="Ada Vermeer", company="Acme", email="ada@acme.example",
                       handles=(("echo", "ada"),))
    other = ContactQuery(name="Ada Vermeer", company="Globex", handles=(("echo", "ada"),))
    for query in (ada, other):
        store = open_store(tmp_path)
        with store:
            await gather(query, HttpSettings(cache_dir=tmp_path), RunOptions(discover=False),
                         transport=httpx.MockTransport(handler_counting([])), store=store)
    with open_store(tmp_path) as store:
        before = {t for (t,) in store._sql("SELECT DISTINCT tag FROM Cache").fetchall()}
    assert {ada.key(), other.key()} <= before
    result = CliRunner().invoke(app, ["cache", "forget", *forget_by, "--cache-dir",
                                      str(tmp_path)])
    assert result.exit_code == 0, result.output
    with open_store(tmp_path) as store:
        after = {t for (t,) in store._sql("SELECT DISTINCT tag FROM Cache").fetchall()}
    assert ada.key() not in after
    # The namesake at another company goes only when no company narrows it.
    assert (other.key() in after) is ("--company" in forget_by or "--email" in forget_by)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_the_cache_and_a_written_sheet_are_private(tmp_path: Path):
    """With umask 022 the cache directory was drwxr-xr-x, its database -rw-r--r--, and a
    sheet written with -o -rw-r--r-- (outside auditor); a batch's sheets were already 0600."""
    from prebrief.cli.run import write_output
    from prebrief.store import open_store

    old = os.umask(0o022)
    try:
        open_store(tmp_path / "cache").close()
        write_output("# Briefing\n", tmp_path / "out" / "ada.md")
    finally:
        os.umask(old)
    assert (tmp_path / "cache").stat().st_mode & 0o777 == 0o700
    assert (tmp_path / "out" / "ada.md").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "out" / "ada.md").read_text() == "# Briefing\n"
