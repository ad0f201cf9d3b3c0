"""GitHub edge cases from an outside audit: the token hint, and a blog field that is no web
address (fictional accounts)."""

from __future__ import annotations

from pathlib import Path

import httpx

from conftest import FIXTURES, run_source
from prebrief.models import Identity
from prebrief.sources.github import GitHubSource


async def test_a_rate_limit_hints_at_the_token_only_to_one_without_it(tmp_path: Path):
    """With GITHUB_TOKEN set, a rate limit still said 'Set GITHUB_TOKEN to raise GitHub's
    limit'."""
    target = Identity("github", handle="lindqvist-dev")
    without = await run_source(GitHubSource, target, tmp_path / "a",
                               fixture=FIXTURES / "github" / "rate-limited")
    assert without.status.value == "rate_limited" and "GITHUB_TOKEN" in (without.hint or "")
    with_token = await run_source(GitHubSource, target, tmp_path / "b",
                                  fixture=FIXTURES / "github" / "rate-limited",
                                  env={"GITHUB_TOKEN": "ghp_fictional0000"})
    assert with_token.status.value == "rate_limited" and "GITHUB_TOKEN" not in (
        with_token.hint or "")


async def test_a_blog_field_that_is_no_web_address_gives_no_link(tmp_path: Path):
    """A blog of "javascript:alert('gh')" became the profile 'https://javascript:alert('gh')',
    offered for the user to confirm."""
    user = {"login": "lindqvist-dev", "name": "Saskia Lindqvist", "html_url":
            "https://github.com/lindqvist-dev", "type": "User"}

    def handler(blog: str):
        def respond(request: httpx.Request) -> httpx.Response:
            if request.url.path == "/users/lindqvist-dev":
                return httpx.Response(200, json={**user, "blog": blog})
            return httpx.Response(200, json=[])
        return respond

    cases = (("javascript:alert('gh')", []), ("data:text/html,x", []),
             ("saskia.example/notes", ["https://saskia.example/notes"]),
             ("http://saskia.example", ["http://saskia.example"]))
    for number, (blog, expected) in enumerate(cases):
        result = await run_source(GitHubSource, Identity("github", handle="lindqvist-dev"),
                                  tmp_path / str(number), handler=handler(blog))
        assert result.ok, result.message
        assert [lk.url for lk in result.harvest.links if lk.rel == "blog"] == expected, blog
