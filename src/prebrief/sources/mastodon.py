"""Mastodon: WebFinger on the handle's home instance, accounts/lookup, public statuses."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote, urlsplit

from prebrief.errors import BlockedError, NotFound, ParseError, UsageError
from prebrief.extract.dates import parse_datetime
from prebrief.extract.text import clean_text, html_to_text, truncate
from prebrief.models import Evidence, Fact, Harvest, Identity, Link
from prebrief.sources.base import Source, SourceCase, SourceContext

_HANDLE = re.compile(r"^@?(?P<user>[A-Za-z0-9_]{1,64})@(?P<host>[A-Za-z0-9.-]+\.[A-Za-z]{2,})$")
_HREF = re.compile(r"""href=["'](https?://[^"'\s<>]+)["']""", re.I)
_NEXT = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')
_LOCATION_FIELDS = {"location", "based in", "lives in", "city", "woonplaats", "wohnort", "ort"}
MAX_PAGES = 2
MAX_POSTS = 40


def parse_handle(value: str) -> tuple[str, str]:
    """'@user@host', 'user@host' or 'https://host/@user' -> (user, host)."""
    text = value.strip()
    if text.startswith(("http://", "https://")):
        parts = urlsplit(text)
        m = re.fullmatch(r"/@(?P<user>[A-Za-z0-9_]{1,64})/?", parts.path)
        if m and parts.hostname:
            return m.group("user"), parts.hostname.lower()
    m = _HANDLE.match(text)
    if m:
        return m.group("user"), m.group("host").lower()
    raise UsageError(f"not a Mastodon handle: {value!r}",
                     hint="Use @user@instance, e.g. @saskia@social.example.")


class MastodonSource(Source):
    name = "mastodon"
    label = "Mastodon"
    description = ("WebFinger, accounts/lookup and public statuses on the account's home "
                   "instance; verified profile links")
    option = "--mastodon"
    url_patterns = (r"https?://(?P<handle>[A-Za-z0-9.-]+\.[A-Za-z]{2,}/@[A-Za-z0-9_]{1,64})/?$",)
    priority = 40
    cases = (
        SourceCase("account", Identity("mastodon", handle="saskia@social.example",
                                       url="https://social.example/@saskia"), "account",
                   expect={"facts": [("name", "Saskia Lindqvist"), ("bio", "freight data"),
                                     ("post", "manifest"), ("location", "Gothenburg")],
                           "links": ["https://saskia.example/", "github.com/slindqvist"]}),
        SourceCase("requires-auth", Identity("mastodon", handle="quiet@closed.example",
                                             url="https://closed.example/@quiet"),
                   "requires-auth", expect={"status": "blocked", "message": "sign"}),
        SourceCase("not-found", Identity("mastodon", handle="nobody@social.example",
                                         url="https://social.example/@nobody"), "not-found",
                   expect={"status": "not_found"}),
        SourceCase("moved", Identity("mastodon", handle="old@social.example",
                                     url="https://social.example/@old"), "moved",
                   expect={"message": "moved", "links": ["https://newhome.example/@saskia"]}),
    )

    @classmethod
    def match_url(cls, url: str) -> str | None:
        if not super().match_url(url):
            return None
        user, host = parse_handle(url)
        return f"{user}@{host}"

    @classmethod
    def identity_for(cls, value: str, *, found_via: str = "given by the user") -> Identity:
        user, host = parse_handle(value)
        return Identity(cls.name, handle=f"{user}@{host}", url=f"https://{host}/@{user}",
                        found_via=found_via)

    @classmethod
    def profile_url(cls, handle: str | None) -> str | None:
        if not handle:
            return None
        user, host = parse_handle(handle)
        return f"https://{host}/@{user}"

    async def collect(self, target: Identity, ctx: SourceContext) -> Harvest:
        user, host = parse_handle(target.handle or target.url or "")
        api_host = await self._home(user, host, ctx)
        got = await ctx.fetcher.get_json(f"https://{api_host}/api/v1/accounts/lookup",
                                         params={"acct": user}, ok=(200, 401, 403, 404))
        body = got.json()
        if got.status in (401, 403):
            raise BlockedError(f"{api_host} requires signing in to read its API",
                               url=got.url, source=self.name,
                               hint="Save the profile page and pass it with --notes, or copy "
                                    "what you see into a notes file.")
        if got.status == 404 or not isinstance(body, dict) or not body.get("id"):
            raise NotFound(f"{api_host} has no account @{user}", url=got.url, source=self.name,
                           hint="Check the handle; the account may have moved or been deleted.")
        if body.get("suspended"):
            raise BlockedError(f"{api_host} reports @{user} as suspended", url=got.url,
                               source=self.name)
        url = body.get("url") if isinstance(body.get("url"), str) else f"https://{api_host}/@{user}"
        ev = self.evidence("Mastodon API accounts/lookup", url=url, retrieved_at=got.retrieved_at)
        facts, links, note = self._account(body, ev)
        facts += await self._statuses(api_host, str(body["id"]), ctx)
        identity = Identity(self.name, handle=f"{user}@{host}", url=url,
                            found_via=target.found_via, confidence=target.confidence,
                            outcome=target.outcome, reasons=target.reasons)
        return Harvest(facts=tuple(facts), links=tuple(links), identity=identity, note=note)

    async def _home(self, user: str, host: str, ctx: SourceContext) -> str:
        """The server that hosts the account: WebFinger on the handle's domain says."""
        got = await ctx.fetcher.get_json(
            f"https://{host}/.well-known/webfinger",
            params={"resource": f"acct:{user}@{host}"}, ok=(200, 404, 410),
            headers={"Accept": "application/jrd+json, application/json"})
        if got.status != 200:
            raise NotFound(f"{host} does not know @{user}@{host} (WebFinger {got.status})",
                           url=got.url, source=self.name,
                           hint="Check the handle; use the account's home instance.")
        data = got.json()
        if not isinstance(data, dict):
            raise ParseError("WebFinger answer is not an object", url=got.url, source=self.name)
        for link in data.get("links") or []:
            if isinstance(link, dict) and link.get("rel") == "self" and isinstance(
                    link.get("href"), str):
                actor_host = urlsplit(link["href"]).hostname
                if actor_host:
                    return actor_host.lower()
        return host

    def _account(self, body: dict[str, Any], ev: Evidence):  # noqa: ANN202
        facts: list[Fact] = []
        name = clean_text(body.get("display_name")) or clean_text(body.get("username"))
        if name:
            facts.append(Fact("name", name, ev))
        bio = html_to_text(body.get("note") if isinstance(body.get("note"), str) else "")
        if bio:
            facts.append(Fact("bio", truncate(bio, 500), ev))
        if isinstance(body.get("avatar"), str) and "missing" not in body["avatar"]:
            facts.append(Fact("photo", body["avatar"], ev))
        if isinstance(body.get("followers_count"), int):
            facts.append(Fact("follower_count", f"{body['followers_count']} followers on "
                              "Mastodon", ev))
        created = parse_datetime(body.get("created_at"))
        if created:
            facts.append(Fact("joined", f"On Mastodon since {created.year}", ev))
        links: list[Link] = []
        for field in body.get("fields") or []:
            if not isinstance(field, dict):
                continue
            label = clean_text(field.get("name"))
            value = field.get("value") if isinstance(field.get("value"), str) else ""
            hrefs = _HREF.findall(value)
            if hrefs:
                verified = bool(field.get("verified_at"))
                links.extend(Link(h, "field", ev, verified=verified) for h in hrefs)
            elif label.casefold() in _LOCATION_FIELDS and html_to_text(value):
                facts.append(Fact("location", html_to_text(value), ev))
            elif label and html_to_text(value):
                facts.append(Fact("bio", f"{label}: {html_to_text(value)}", ev))
        note = None
        moved = body.get("moved")
        if isinstance(moved, dict) and isinstance(moved.get("url"), str):
            links.append(Link(moved["url"], "moved", ev, verified=True))
            note = f"account has moved to {moved['url']}"
        return facts, links, note

    async def _statuses(self, api_host: str, account_id: str, ctx: SourceContext) -> list[Fact]:
        url: str | None = (f"https://{api_host}/api/v1/accounts/{quote(account_id)}/statuses"
                           "?exclude_reblogs=true&exclude_replies=true&limit=40")
        facts: list[Fact] = []
        for _ in range(MAX_PAGES):
            if not url or len(facts) >= MAX_POSTS:
                break
            got = await ctx.fetcher.get_json(url)
            statuses = got.json()
            if not isinstance(statuses, list):
                break
            facts += [f for s in statuses if (f := self._status(s, got.retrieved_at))]
            m = _NEXT.search(got.headers.get("link", ""))
            url = m.group(1) if m else None
        return facts[:MAX_POSTS]

    def _status(self, status: Any, when: Any) -> Fact | None:
        if not isinstance(status, dict) or status.get("reblog"):
            return None
        # Posts behind a content warning were marked by their author as not for every reader.
        if status.get("spoiler_text") or status.get("visibility") not in (None, "public"):
            return None
        text = html_to_text(status.get("content") if isinstance(status.get("content"), str)
                            else "")
        if not text:
            return None
        url = status.get("url") if isinstance(status.get("url"), str) else None
        return Fact("post", truncate(text, 500), self.evidence(
            "Mastodon API accounts/:id/statuses", url=url, retrieved_at=when),
            published_at=parse_datetime(status.get("created_at")),
            lang=status.get("language") if isinstance(status.get("language"), str) else None,
            pinned=bool(status.get("pinned")))
