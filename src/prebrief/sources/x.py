"""X (Twitter): API v2 with the user's own Bearer token, or a profile page the user saved.

Without a token there is no legitimate automated read (x.com's robots.txt disallows all and
logged-out pages are a JavaScript shell), so the source is skipped with the way to get one.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from prebrief.errors import (BlockedError, FetchError, InputFileError, NotFound, ParseError,
                             UsageError)
from prebrief.extract.dates import parse_datetime
from prebrief.extract.text import clean_text, truncate
from prebrief.models import Evidence, Fact, Harvest, Identity, Link, SourceResult
from prebrief.sources.base import (MAX_SAVED_POSTS, Source, SourceCase, SourceContext,
                                   read_page)

API = "https://api.x.com/2"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
RESERVED = "home|i|search|intent|share|explore|notifications|messages|settings|login|signup|tos"
USER_FIELDS = ("description,location,url,entities,created_at,public_metrics,verified_type,"
               "pinned_tweet_id,most_recent_tweet_id")
TWEET_FIELDS = "created_at,lang,public_metrics,note_tweet,entities"
TOKEN_HINT = ("X serves profiles only through its paid API. Create a project in the X Developer "
              "Console, generate an app Bearer token and set X_BEARER_TOKEN; or save the "
              "profile page from your browser and pass --x-html FILE.")


def expand_links(text: str, entities: Any) -> str:
    """Replace t.co short links with the addresses they stand for."""
    urls = entities.get("urls") if isinstance(entities, dict) else None
    for item in urls if isinstance(urls, list) else []:
        if isinstance(item, dict) and isinstance(item.get("url"), str):
            target = item.get("expanded_url") or item.get("display_url") or ""
            text = text.replace(item["url"], str(target))
    return text


def api_problem(body: Any) -> tuple[str, str] | None:
    """(title, detail) of the first v2 problem, which X sends even with HTTP 200."""
    errors = body.get("errors") if isinstance(body, dict) else None
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        return str(errors[0].get("title") or ""), str(errors[0].get("detail") or
                                                       errors[0].get("message") or "")
    return None


class XSource(Source):
    name = "x"
    label = "X (Twitter)"
    description = "API v2 users/by/username + users/:id/tweets with your X_BEARER_TOKEN, or a " \
                  "saved profile page via --x-html"
    option = "--x"
    file_option = "--x-html"
    page_marks = ("X", "Twitter")
    url_patterns = (rf"https?://(?:www\.|mobile\.)?(?:x|twitter)\.com/(?!(?:{RESERVED})(?:/|$))"
                    r"(?P<handle>[A-Za-z0-9_]{1,15})/?(?:[?#].*)?$",)
    token_env = "X_BEARER_TOKEN"
    token_required = True
    token_hosts = ("api.x.com",)
    priority = 30
    hint = TOKEN_HINT
    cases = (
        SourceCase("api", Identity("x", handle="ilse_builds", url="https://x.com/ilse_builds"),
                   "api", env={"X_BEARER_TOKEN": "test-token"},
                   expect={"facts": [("name", "Ilse Marchetti-Oduya"), ("bio", "halvorsen.example"),
                                     ("post", "sea trials"), ("location", "Bergen")],
                           "links": ["https://ilse.example/"]}),
        SourceCase("no-token", Identity("x", handle="ilse_builds", url="https://x.com/ilse_builds"),
                   "no-token", expect={"status": "skipped", "hint": "X_BEARER_TOKEN"}),
        SourceCase("not-found-on-200", Identity("x", handle="nobody_here"), "not-found-on-200",
                   env={"X_BEARER_TOKEN": "t"}, expect={"status": "not_found"}),
        SourceCase("suspended", Identity("x", handle="spam_acct"), "suspended",
                   env={"X_BEARER_TOKEN": "t"},
                   expect={"status": "blocked", "message": "suspended"}),
        SourceCase("protected", Identity("x", handle="quiet_ilse"), "protected",
                   env={"X_BEARER_TOKEN": "t"},
                   expect={"message": "profile only", "facts": [("bio", "Private")]}),
        SourceCase("rate-limited", Identity("x", handle="ilse_builds"), "rate-limited",
                   env={"X_BEARER_TOKEN": "t"}, expect={"status": "rate_limited"}),
        SourceCase("saved-page", Identity("x"), "saved-profile.html",
                   expect={"facts": [("name", "Ilse Marchetti-Oduya"), ("post", "pinned intro"),
                                     ("location", "Bergen")]}),
        SourceCase("unrendered-page", Identity("x"), "shell.html",
                   expect={"status": "error", "message": "before"}),
    )

    @classmethod
    def identity_for(cls, value: str, *, found_via: str = "given by the user") -> Identity:
        handle = cls.match_url(value) if "/" in value else value.strip().lstrip("@")
        if not handle or not all(c.isalnum() or c == "_" for c in handle) or len(handle) > 15:
            raise UsageError(f"not an X handle: {value!r}", hint="Use the @handle or x.com URL.")
        return Identity(cls.name, handle=handle, url=f"https://x.com/{handle}",
                        found_via=found_via)

    @classmethod
    def profile_url(cls, handle: str | None) -> str | None:
        return f"https://x.com/{handle}" if handle else None

    async def run(self, target: Identity, ctx: SourceContext) -> SourceResult:
        if not target.file and not ctx.token(self.token_env):
            return self.skipped(target, "X_BEARER_TOKEN is not set; the handle is kept as a link")
        return await super().run(target, ctx)

    async def collect(self, target: Identity, ctx: SourceContext) -> Harvest:
        if target.file:
            return self._from_file(target)
        got = await ctx.fetcher.get_json(
            f"{API}/users/by/username/{target.handle}", ok=(200, 400),
            params={"user.fields": USER_FIELDS, "expansions": "pinned_tweet_id",
                    "tweet.fields": TWEET_FIELDS})
        body = got.json()
        user = body.get("data") if isinstance(body, dict) else None
        self._raise_for_problem(body, got, user)
        handle = str(user.get("username") or target.handle)
        ev = self.evidence("X API v2 users/by/username", url=f"https://x.com/{handle}",
                           retrieved_at=got.retrieved_at)
        facts, links = self._user(user, ev)
        pinned_id = str(user.get("pinned_tweet_id") or "")
        includes = body.get("includes") if isinstance(body.get("includes"), dict) else {}
        posts, note = await self._timeline(str(user.get("id")), handle, ctx)
        pinned = [t for t in includes.get("tweets") or [] if isinstance(t, dict)
                  and str(t.get("id")) == pinned_id]
        seen = {p.evidence.url for p in posts}
        for tweet in pinned:
            fact = self._tweet(tweet, handle, got.retrieved_at, pinned=True)
            if fact and fact.evidence.url not in seen:
                posts.append(fact)
        posts.sort(key=lambda f: f.published_at or EPOCH, reverse=True)
        identity = Identity(self.name, handle=handle, url=f"https://x.com/{handle}",
                            found_via=target.found_via, confidence=target.confidence,
                            outcome=target.outcome, reasons=target.reasons)
        return Harvest(facts=tuple(facts + posts), links=tuple(links), identity=identity,
                       note=note)

    def _raise_for_problem(self, body: Any, got: Any, user: Any) -> None:
        problem = api_problem(body)
        if isinstance(user, dict) and user.get("id"):
            return
        title, detail = problem or ("", "")
        if "suspended" in detail.lower():
            raise BlockedError(f"X reports this account as suspended ({detail})", url=got.url,
                               source=self.name, hint="Nothing public can be read for it.")
        if title == "Not Found Error" or "could not find" in detail.lower():
            raise NotFound(f"X has no user by that name ({detail})", url=got.url,
                           source=self.name, hint="Check the handle; it may have changed.")
        if got.status == 400:
            raise FetchError(f"X rejected the request: {title} {detail}".strip(), url=got.url,
                             source=self.name, hint="Check the handle: letters, digits, _ only.")
        raise ParseError("X users/by/username returned no user", url=got.url, source=self.name)

    def _user(self, user: dict[str, Any], ev: Evidence) -> tuple[list[Fact], list[Link]]:
        entities = user.get("entities") if isinstance(user.get("entities"), dict) else {}
        facts: list[Fact] = []
        name = clean_text(user.get("name")) if isinstance(user.get("name"), str) else ""
        if name:
            facts.append(Fact("name", name, ev))
        description = user.get("description") if isinstance(user.get("description"), str) else ""
        bio = clean_text(expand_links(description, entities.get("description")))
        if bio:
            facts.append(Fact("bio", bio, ev))
        if isinstance(user.get("location"), str) and clean_text(user["location"]):
            facts.append(Fact("location", clean_text(user["location"]), ev))
        metrics = user.get("public_metrics") if isinstance(user.get("public_metrics"), dict) \
            else {}
        if isinstance(metrics.get("followers_count"), int):
            facts.append(Fact("follower_count", f"{metrics['followers_count']} followers on X",
                              ev))
        created = parse_datetime(user.get("created_at"))
        if created:
            facts.append(Fact("joined", f"On X since {created.year}", ev))
        links = []
        profile_url = expand_links(str(user.get("url") or ""), entities.get("url"))
        if profile_url.startswith(("http://", "https://")):
            links.append(Link(profile_url, "url", ev))
        for item in (entities.get("description") or {}).get("urls") or []:
            if isinstance(item, dict) and str(item.get("expanded_url", "")).startswith("http"):
                if item["expanded_url"] != profile_url:
                    links.append(Link(item["expanded_url"], "bio", ev))
        return facts, links

    async def _timeline(self, user_id: str, handle: str,
                        ctx: SourceContext) -> tuple[list[Fact], str | None]:
        got = await ctx.fetcher.get_json(
            f"{API}/users/{user_id}/tweets", ok=(200, 401, 403),
            params={"exclude": "retweets,replies", "max_results": 20,
                    "tweet.fields": TWEET_FIELDS})
        body = got.json()
        problem = api_problem(body)
        tweets = body.get("data") if isinstance(body, dict) else None
        if not isinstance(tweets, list):
            if problem and ("authoriz" in (problem[0] + problem[1]).lower() or got.status != 200):
                return [], "protected account: profile only, no posts"
            return [], None
        facts = [f for t in tweets if (f := self._tweet(t, handle, got.retrieved_at))]
        return facts, None

    def _tweet(self, tweet: Any, handle: str, when: Any, pinned: bool = False) -> Fact | None:
        if not isinstance(tweet, dict):
            return None
        note = tweet.get("note_tweet") if isinstance(tweet.get("note_tweet"), dict) else {}
        text = note.get("text") if isinstance(note.get("text"), str) else tweet.get("text")
        entities = note.get("entities") if note else tweet.get("entities")
        text = clean_text(expand_links(text, entities)) if isinstance(text, str) else ""
        if not text:
            return None
        url = f"https://x.com/{handle}/status/{tweet.get('id')}" if tweet.get("id") else None
        return Fact("post", truncate(text, 500), self.evidence(
            "X API v2 users/:id/tweets" if not pinned else "X API v2 pinned post", url=url,
            retrieved_at=when), published_at=parse_datetime(tweet.get("created_at")),
            lang=tweet.get("lang") if isinstance(tweet.get("lang"), str) else None,
            pinned=pinned)

    def _from_file(self, target: Identity) -> Harvest:
        from prebrief.extract.x_page import looks_unrendered, read_saved_profile

        path = target.file or ""
        markup, soup = read_page(self, path)
        profile = read_saved_profile(soup)
        if not profile.rendered:
            if looks_unrendered(markup):
                raise InputFileError(path, "was saved before X rendered the profile (only the "
                                     "JavaScript shell is in it)",
                                     hint="Open the profile, wait until it shows, then save "
                                          "it as 'Web page, complete'.")
            raise InputFileError(path, "does not look like a saved X profile page")
        ev = self.evidence("saved X profile page", file=path)
        facts = [Fact(kind, truncate(value, 500), ev) for kind, value in (
            ("name", profile.name), ("bio", profile.bio), ("location", profile.location),
            ("joined", profile.joined)) if value]
        for post in profile.posts[:MAX_SAVED_POSTS]:  # the page's order: newest first
            facts.append(Fact("post", truncate(post.text, 500),
                              self.evidence("saved X profile page: post", file=path,
                                            url=post.url),
                              published_at=post.published, pinned=post.pinned))
        links = [Link(profile.url, "url", ev)] if profile.url else []
        identity = Identity(self.name, handle=profile.handle, file=path,
                            url=f"https://x.com/{profile.handle}" if profile.handle else None,
                            found_via=target.found_via)
        return Harvest(facts=tuple(facts), links=tuple(links), identity=identity)
