"""What every source returns passes one check in Source.run before it is cached or printed:
contact details withheld, only web URLs kept (fictional contact, Mara Vellinga)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import run_source
from prebrief.cli.app import app
from prebrief.models import Evidence, Fact, Harvest, Identity, Link, Role
from prebrief.sources.base import Source
from prebrief.sources.x import XSource

MAIL = "mara.private@example.net"
NOTES = f"Met at Nor-Shipping 2026\nPrivate mail: {MAIL}, mobile +47 912 34 567\n"
X_PAGE = """<!DOCTYPE html><html><head><title>Mara Vellinga (@mara_vel) / X</title></head><body>
<div data-testid="UserName"><div><span>Mara Vellinga</span></div><div><span>@{handle}</span>
</div></div><div data-testid="UserDescription"><span>{bio}</span></div>
<article data-testid="tweet"><a href="{post}"><time datetime="2026-11-10T16:00:00.000Z">Nov 10
</time></a><div data-testid="tweetText"><span>Sea trials went well today</span></div></article>
</body></html>"""


def x_page(tmp_path: Path, *, handle: str = "mara_vel", bio: str = "Naval architect",
           post: str = "/mara_vel/status/1900000000000000003") -> str:
    path = tmp_path / "x.html"
    path.write_text(X_PAGE.format(handle=handle, bio=bio, post=post), encoding="utf-8")
    return str(path)


class Canned(Source):
    """A source that returns what it is given, to see what Source.run makes of it."""

    name = "canned"

    def __init__(self, harvest: Harvest) -> None:
        self.harvest = harvest

    async def collect(self, target, ctx):  # noqa: ANN001, ANN201
        return self.harvest


async def test_contact_details_in_a_bio_or_notes_are_withheld_before_the_result_is_kept(tmp_path: Path):
    path = tmp_path / "notes.txt"
    path.write_text(NOTES, encoding="utf-8")
    result = await run_source(XSource, Identity("x", file=x_page(tmp_path, bio=f"mail {MAIL}")),
                              tmp_path)
    assert [f.text for f in result.harvest.facts if f.kind == "bio"] == ["mail [e-mail withheld]"]
    from prebrief.sources.notes import NotesSource

    result = await run_source(NotesSource, Identity("notes", file=str(path)), tmp_path)
    assert result.harvest.facts[1].text == ("Private mail: [e-mail withheld], mobile "
                                            "[phone withheld]")


def test_no_address_reaches_the_json_or_the_cache(tmp_path: Path):
    notes = tmp_path / "notes.txt"
    notes.write_text(NOTES, encoding="utf-8")
    cache = tmp_path / "cache"
    result = CliRunner().invoke(app, [
        "brief", "--name", "Mara Vellinga", "--notes", str(notes), "--x-html",
        x_page(tmp_path, bio=f"Naval architect, mail {MAIL}"), "--offline", "--no-discover",
        "-f", "json", "--cache-dir", str(cache)])
    assert result.exit_code == 0, result.output
    assert "[e-mail withheld]" in json.dumps(json.loads(result.stdout))
    assert MAIL not in result.stdout and "912 34 567" not in result.stdout
    stored = b"".join(p.read_bytes() for p in cache.rglob("*") if p.is_file())
    assert stored and MAIL.encode() not in stored and b"912 34 567" not in stored


async def test_only_web_urls_are_kept_in_evidence_links_and_identity(tmp_path: Path):
    def ev(url: str | None) -> Evidence:
        return Evidence("canned", "test", url=url, file="f.txt")

    harvest = Harvest(
        facts=(Fact("post", "an article", ev("javascript:alert(2)")),
               Fact("post", "another", ev("https://mara.example/a"))),
        roles=(Role("Buyer", "Kestrel", ev("https://x.com/a>)[E](https://evil.example)")),),
        links=(Link("javascript:alert(1)", "website", ev(None)),
               Link("data:text/html,hi", "website", ev(None)),
               Link(" https://mara.example/ ", "website", ev(None))),
        identity=Identity("canned", file="f.txt", url="javascript:alert(1)//x.com/mara"))
    result = await run_source(Canned(harvest), Identity("canned", file="f.txt"), tmp_path)
    got = result.harvest
    assert [f.evidence.url for f in got.facts] == [None, "https://mara.example/a"]
    assert got.roles[0].evidence.url is None
    assert [link.url for link in got.links] == ["https://mara.example/"]
    assert result.identity.url is None


async def test_a_saved_x_page_gives_a_handle_and_post_links_only_in_x_form(tmp_path: Path):
    path = x_page(tmp_path, handle="mara_v&gt;) [EVIL](https://evil.example) x",
                  post="/mara_v>)[E](https://evil.example)/status/1900000000000000003")
    result = await run_source(XSource, Identity("x", file=path), tmp_path)
    assert (result.identity.handle, result.identity.url) == (None, None)
    assert [f.evidence.url for f in result.harvest.facts if f.kind == "post"] == [None]


async def test_a_saved_x_post_link_is_rebuilt_from_its_handle_and_id(tmp_path: Path):
    path = x_page(tmp_path, post="/mara_vel/status/1900000000000000003?s=20")
    result = await run_source(XSource, Identity("x", file=path), tmp_path)
    assert result.identity.url == "https://x.com/mara_vel"
    assert [f.evidence.url for f in result.harvest.facts if f.kind == "post"] == [
        "https://x.com/mara_vel/status/1900000000000000003"]
