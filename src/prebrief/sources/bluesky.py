"""Bluesky: getProfile and getAuthorFeed on the public AppView; domain handles verified."""

from __future__ import annotations

import re
from typing import Any

from prebrief.errors import BlockedError, NotFound, ParseError, PrebriefError, UsageError
from prebrief.extract.dates import parse_datetime
from prebrief.extract.text import clean_text, truncate
from prebrief.models import Evidence, Fact, Harvest, Identity, Link
from prebrief.sources.base import Source, SourceCase, SourceContext

APPVIEW = "https://public.api.bsky.app/xrpc"
_HANDLE = re.compile(r"^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$")
_DID = re.compile(r"^did:(plc|web):[A-Za-z0-9._:%-]+$")
_URL_IN_TEXT = re.compile(r"https?://[^\s<>\"')]+")
BLOCKED = {"AccountTakedown": "Bluesky reports this account as taken down",
           "BlockedActor": "this account blocks reading its feed",
           "BlockedByActor": "this account blocks reading its feed",
           "AccountDeactivated": "the account is deactivated"}
MAX_POSTS = 30


def parse_actor(value: str) -> str:
    """A handle ('saskia.bsky.social', '@saskia.example') or DID, validated."""
    actor = value.strip().lstrip("@")
    m = re.match(r"https?://bsky\.app/profile/([^/?#]+)", actor)
    if m:
        actor = m.group(1)
    if _DID.match(actor) or _HANDLE.match(actor.lower()):
        return actor if actor.startswith("did:") else actor.lower()
    raise UsageError(f"not a Bluesky handle or DID: {value!r}",
                     hint="Use a handle like name.bsky.social, a domain handle, or a did:plc.")


class BlueskySource(Source):
    name = "bluesky"
    label = "Bluesky"
    description = "public AppView: getProfile and getAuthorFeed; domain handles checked via " \
                  "/.well-known/atproto-did"
    option = "--bluesky"
    url_patterns = (r"https?://bsky\.app/profile/(?P<handle>[A-Za-z0-9.:_-]+)/?$",)
    priority = 45
    cases = (
        SourceCase("profile", Identity("bluesky", handle="saskia.example",
                                       url="https://bsky.app/profile/saskia.example"), "profile",
                   expect={"facts": [("name", "Saskia Lindqvist"), ("bio", "freight"),
                                     ("post", "manifest-diff")],
                           "links": ["https://saskia.example"]}),
        SourceCase("not-found", Identity("bluesky", handle="nobody.bsky.social"), "not-found",
                   expect={"status": "not_found"}),
        SourceCase("takedown", Identity("bluesky", handle="gone.bsky.social"), "takedown",
                   expect={"status": "blocked", "message": "taken down"}),
    )

    @classmethod
    def identity_for(cls, value: str, *, found_via: str = "given by the user") -> Identity:
        actor = parse_actor(value)
        return Identity(cls.name, handle=actor, url=f"https://bsky.app/profile/{actor}",
                        found_via=found_via)

    @classmethod
    def profile_url(cls, handle: str | None) -> str | None:
        return f"https://bsky.app/profile/{handle}" if handle else None

    async def collect(self, target: Identity, ctx: SourceContext) -> Harvest:
        actor = parse_actor(target.handle or target.url or "")
        got = await ctx.fetcher.get_json(f"{APPVIEW}/app.bsky.actor.getProfile",
                                         params={"actor": actor}, ok=(200, 400))
        profile = got.json()
        self._raise_for_error(profile, got.url)
        if not isinstance(profile, dict) or not profile.get("did"):
            raise ParseError("getProfile answer has no DID", url=got.url, source=self.name)
        handle = str(profile.get("handle") or actor)
        url = f"https://bsky.app/profile/{handle}"
        ev = self.evidence("Bluesky AppView getProfile", url=url, retrieved_at=got.retrieved_at)
        facts, links = self._profile(profile, ev)
        if await self._domain_verified(handle, str(profile["did"]), ctx):
            links.append(Link(f"https://{handle}", "website", ev, verified=True))
        facts += await self._feed(str(profile["did"]), ctx)
        identity = Identity(self.name, handle=handle, url=url, found_via=target.found_via,
                            confidence=target.confidence, outcome=target.outcome,
                            reasons=target.reasons)
        return Harvest(facts=tuple(facts), links=tuple(links), identity=identity)

    def _raise_for_error(self, body: Any, url: str) -> None:
        if not isinstance(body, dict) or "error" not in body:
            return
        code, message = str(body.get("error")), str(body.get("message") or "")
        if code in BLOCKED:
            raise BlockedError(BLOCKED[code], url=url, source=self.name)
        if "not found" in message.lower() or code in ("ProfileNotFound", "NotFound"):
            raise NotFound(f"Bluesky has no such profile ({message or code})", url=url,
                           source=self.name, hint="Check the handle; it may have changed.")
        raise ParseError(f"Bluesky answered {code}: {message}", url=url, source=self.name)

    def _profile(self, body: dict[str, Any], ev: Evidence) -> tuple[list[Fact], list[Link]]:
        facts: list[Fact] = []
        name = clean_text(body.get("displayName")) if isinstance(body.get("displayName"), str) \
            else ""
        if name:
            facts.append(Fact("name", name, ev))
        bio = clean_text(body.get("description"), keep_newlines=True) if isinstance(
            body.get("description"), str) else ""
        if bio:
            facts.append(Fact("bio", truncate(bio, 500), ev))
        if isinstance(body.get("avatar"), str):
            facts.append(Fact("photo", body["avatar"], ev))
        if isinstance(body.get("followersCount"), int):
            facts.append(Fact("follower_count", f"{body['followersCount']} followers on Bluesky",
                              ev))
        links = [Link(u.rstrip(".,;"), "bio", ev) for u in _URL_IN_TEXT.findall(bio)]
        if isinstance(body.get("website"), str) and body["website"].startswith("http"):
            links.append(Link(body["website"], "website", ev))
        return facts, links

    async def _domain_verified(self, handle: str, did: str, ctx: SourceContext) -> bool:
        """A custom-domain handle whose /.well-known/atproto-did names this DID links the two."""
        if handle.endswith(".bsky.social"):
            return False
        try:
            got = await ctx.fetcher.get(f"https://{handle}/.well-known/atproto-did",
                                        headers={"Accept": "text/plain"})
        except PrebriefError:
            return False
        return got.text.strip() == did

    async def _feed(self, did: str, ctx: SourceContext) -> list[Fact]:
        got = await ctx.fetcher.get_json(
            f"{APPVIEW}/app.bsky.feed.getAuthorFeed",
            params={"actor": did, "limit": MAX_POSTS, "filter": "posts_no_replies",
                    "includePins": "true"}, ok=(200, 400))
        body = got.json()
        self._raise_for_error(body, got.url)
        items = body.get("feed") if isinstance(body, dict) else None
        facts = []
        for item in items if isinstance(items, list) else []:
            fact = self._post(item, got.retrieved_at)
            if fact:
                facts.append(fact)
        return facts

    def _post(self, item: Any, when: Any) -> Fact | None:
        if not isinstance(item, dict) or not isinstance(item.get("post"), dict):
            return None
        reason = item.get("reason") if isinstance(item.get("reason"), dict) else {}
        if "reasonRepost" in str(reason.get("$type", "")):
            return None  # someone else's post
        post = item["post"]
        record = post.get("record") if isinstance(post.get("record"), dict) else {}
        text = clean_text(record.get("text")) if isinstance(record.get("text"), str) else ""
        if not text:
            return None
        uri = str(post.get("uri") or "")
        m = re.match(r"at://([^/]+)/app\.bsky\.feed\.post/([^/]+)$", uri)
        author = post.get("author") if isinstance(post.get("author"), dict) else {}
        url = (f"https://bsky.app/profile/{author.get('handle') or m.group(1)}/post/{m.group(2)}"
               if m else None)
        langs = record.get("langs") if isinstance(record.get("langs"), list) else []
        return Fact("post", truncate(text, 500), self.evidence(
            "Bluesky AppView getAuthorFeed", url=url, retrieved_at=when),
            published_at=parse_datetime(record.get("createdAt")),
            lang=str(langs[0]) if langs else None,
            pinned="reasonPin" in str(reason.get("$type", "")))
