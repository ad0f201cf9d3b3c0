"""GitHub: the REST API's user, repositories and public events (token optional)."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from datetime import datetime
from typing import Any

from prebrief.errors import ParseError
from prebrief.extract.dates import parse_datetime
from prebrief.extract.text import clean_text
from prebrief.models import Evidence, Fact, Harvest, Identity, Link, Role
from prebrief.sources.base import Source, SourceCase, SourceContext

API = "https://api.github.com"
HEADERS = {"Accept": "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28"}
RESERVED = ("orgs|features|about|settings|topics|marketplace|sponsors|login|explore|pricing|"
            "enterprise|collections|trending|notifications|new|search|issues|pulls|apps")
TOP_REPOS = 5
EVENT_WORDS = {"PushEvent": ("push", "pushes"),
               "PullRequestEvent": ("pull request", "pull requests"),
               "IssuesEvent": ("issue", "issues"),
               "IssueCommentEvent": ("issue comment", "issue comments"),
               "ReleaseEvent": ("release", "releases"),
               "CreateEvent": ("new branch or repository", "new branches or repositories"),
               "PullRequestReviewEvent": ("review", "reviews"),
               "WatchEvent": ("star given", "stars given"), "ForkEvent": ("fork", "forks")}


class GitHubSource(Source):
    name = "github"
    label = "GitHub"
    description = "REST API: profile, own repositories, public activity of the last 30 days"
    option = "--github"
    url_patterns = (rf"https?://(?:www\.)?github\.com/(?!(?:{RESERVED})(?:/|$))"
                    r"(?P<handle>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/?(?:[?#].*)?$",)
    token_env = "GITHUB_TOKEN"
    token_hosts = ("api.github.com",)
    priority = 20
    hint = "Set GITHUB_TOKEN to raise GitHub's limit from 60 to 5,000 requests an hour."
    cases = (
        SourceCase("profile", Identity("github", handle="lindqvist-dev",
                                       url="https://github.com/lindqvist-dev"), "profile",
                   expect={"facts": [("name", "Saskia Lindqvist"), ("bio", "freight data"),
                                     ("location", "Gothenburg"),
                                     ("repository", "manifest-diff"),
                                     ("activity", "public events in the last 30 days")],
                           "no_fact_kinds": [],
                           "roles": [("", "Brekke Freight", True)],
                           "links": ["https://saskia.example", "x.com/saskia_data"]}),
        SourceCase("not-found", Identity("github", handle="no-such-user-xyz"), "not-found",
                   expect={"status": "not_found"}),
        SourceCase("rate-limited", Identity("github", handle="lindqvist-dev"), "rate-limited",
                   expect={"status": "rate_limited", "hint": "GITHUB_TOKEN"}),
        SourceCase("quiet", Identity("github", handle="quiet-coder"), "quiet",
                   expect={"facts": [("name", "Quinn Ardent")], "no_fact_kinds": ["activity"]}),
    )

    @classmethod
    def profile_url(cls, handle: str | None) -> str | None:
        return f"https://github.com/{handle}" if handle else None

    async def collect(self, target: Identity, ctx: SourceContext) -> Harvest:
        login = target.handle or ""
        got = await ctx.fetcher.get_json(f"{API}/users/{login}", headers=HEADERS)
        user = got.json()
        if not isinstance(user, dict) or not user.get("login"):
            raise ParseError("GitHub user response without a login", url=got.url,
                             source=self.name)
        login = str(user["login"])
        repos_got, events_got = await asyncio.gather(
            ctx.fetcher.get_json(f"{API}/users/{login}/repos", headers=HEADERS,
                                 params={"type": "owner", "sort": "pushed", "per_page": 100}),
            ctx.fetcher.get_json(f"{API}/users/{login}/events/public", headers=HEADERS,
                                 params={"per_page": 100}))
        ev = self.evidence("GitHub API /users", url=f"https://github.com/{login}",
                           retrieved_at=got.retrieved_at)
        facts, roles, links = self._profile(user, ev)
        facts += self._repositories(repos_got.json(), repos_got.retrieved_at)
        facts += self._activity(events_got.json(), login, events_got.retrieved_at)
        identity = Identity(self.name, handle=login, url=f"https://github.com/{login}",
                            found_via=target.found_via, confidence=target.confidence,
                            outcome=target.outcome, reasons=target.reasons)
        return Harvest(facts=tuple(facts), roles=tuple(roles), links=tuple(links),
                       identity=identity)

    def _profile(self, user: dict[str, Any], ev: Evidence):  # noqa: ANN202
        facts: list[Fact] = []
        for field, kind in (("name", "name"), ("bio", "bio"), ("location", "location"),
                            ("avatar_url", "photo")):
            value = clean_text(user.get(field)) if isinstance(user.get(field), str) else ""
            if value:
                facts.append(Fact(kind, value, ev))
        roles, links = [], []
        company = clean_text(user.get("company")) if isinstance(user.get("company"), str) else ""
        if company:
            org = company.lstrip("@").strip()
            facts.append(Fact("role", f"Works at {org} (GitHub profile)", ev))
            roles.append(Role(None, org, ev, current=True))
        blog = clean_text(user.get("blog")) if isinstance(user.get("blog"), str) else ""
        if blog:
            # A bare host ("marit.example/notes") gets its scheme; anything else with a colon
            # before any slash ("javascript:alert(1)") is no web address.
            bare = re.match(r"[\w.-]+\.[a-z]{2,}(?:[/:?#]|$)", blog, re.IGNORECASE)
            url = blog if blog.startswith(("http://", "https://")) else (
                f"https://{blog}" if bare else "")
            if url:
                links.append(Link(url, "blog", ev))
        twitter = user.get("twitter_username")
        if isinstance(twitter, str) and twitter.strip():
            links.append(Link(f"https://x.com/{twitter.strip().lstrip('@')}", "twitter", ev))
        followers = user.get("followers")
        if isinstance(followers, int):
            facts.append(Fact("follower_count", f"{followers} followers on GitHub", ev))
        created = parse_datetime(user.get("created_at"))
        if created:
            facts.append(Fact("joined", f"On GitHub since {created.year}", ev))
        return facts, roles, links

    def _repositories(self, repos: Any, when: datetime) -> list[Fact]:
        if not isinstance(repos, list):
            return []
        own = [r for r in repos if isinstance(r, dict) and not r.get("fork")
               and not r.get("archived") and r.get("name")]
        own.sort(key=lambda r: (int(r.get("stargazers_count") or 0), str(r.get("pushed_at"))),
                 reverse=True)
        facts = []
        for repo in own[:TOP_REPOS]:
            description = clean_text(repo.get("description")) if isinstance(
                repo.get("description"), str) else ""
            detail = ", ".join(x for x in (repo.get("language") or "",
                                           f"★{repo.get('stargazers_count') or 0}") if x)
            text = f"{repo['name']}: {description} ({detail})" if description else \
                f"{repo['name']} ({detail})"
            url = repo.get("html_url") if isinstance(repo.get("html_url"), str) else None
            facts.append(Fact("repository", text[:300], self.evidence(
                "GitHub API /users/{login}/repos", url=url, retrieved_at=when),
                published_at=parse_datetime(repo.get("pushed_at")), topic_hint="technology"))
        return facts

    def _activity(self, events: Any, login: str, when: datetime) -> list[Fact]:
        if not isinstance(events, list) or not events:
            return []
        kinds = Counter(e.get("type") for e in events if isinstance(e, dict))
        repos = Counter(e.get("repo", {}).get("name") for e in events
                        if isinstance(e, dict) and isinstance(e.get("repo"), dict))
        parts = [f"{n} {EVENT_WORDS.get(k, (str(k), str(k)))[n != 1]}"
                 for k, n in kinds.most_common(3)]
        top = [name for name, _ in repos.most_common(2) if name]
        text = f"{sum(kinds.values())} public events in the last 30 days: {', '.join(parts)}"
        if top:
            text += f"; mostly in {', '.join(top)}"
        latest = max((parse_datetime(e.get("created_at")) for e in events
                      if isinstance(e, dict) and parse_datetime(e.get("created_at"))),
                     default=None)
        return [Fact("activity", text, self.evidence(
            "GitHub API /users/{login}/events/public", url=f"https://github.com/{login}",
            retrieved_at=when), published_at=latest, topic_hint="technology")]
