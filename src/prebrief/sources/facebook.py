"""Facebook: Graph API for Pages with the user's token, or a page the user saved.

Personal profiles are served only to signed-in users and Facebook's robots.txt disallows
automated clients, so facebook.com itself is never fetched: a profile URL is kept as a link.
"""

from __future__ import annotations

from typing import Any

from prebrief.errors import (BlockedError, InputFileError, NotFound, ParseError, RateLimited,
                             UsageError)
from prebrief.extract.html import first_meta, meta_tags, page_title
from prebrief.extract.text import clean_text, truncate
from prebrief.models import Evidence, Fact, Harvest, Identity, Link, SourceResult
from prebrief.sources.base import Source, SourceCase, SourceContext, read_page

GRAPH = "https://graph.facebook.com/v25.0"
PAGE_FIELDS = ("id,name,username,about,description,category,website,location,fan_count,"
               "followers_count,link,single_line_address,founded,company_overview")
RESERVED = "profile.php|people|groups|events|watch|marketplace|login|share|sharer|photo|stories"
PROFILE_HINT = ("Facebook serves profiles only to signed-in users. Save the page from your "
                "browser and pass --facebook-html FILE, or note what you see in --notes FILE.")
# Graph API error codes (developers.facebook.com/docs/graph-api/guides/error-handling).
_AUTH, _MISSING, _PERMISSION, _THROTTLED = {190, 102, 2500}, {100, 803}, {10, 200, 230, 298}, {
    4, 17, 32, 613, 80001}


def graph_error(body: Any, url: str, source: str) -> Exception | None:
    """The typed error a Graph API error object means, or None."""
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return None
    code, message = error.get("code"), str(error.get("message") or "Graph API error")
    if code in _AUTH:
        return BlockedError(f"Facebook refused the token: {message}", url=url, source=source,
                            hint="Generate a fresh token and set FACEBOOK_ACCESS_TOKEN.")
    if code in _MISSING:
        return NotFound(f"Facebook has no such Page: {message}", url=url, source=source,
                        hint="Check the Page name; personal profiles are not served. "
                             + PROFILE_HINT)
    if code in _PERMISSION:
        return BlockedError(f"Facebook withheld the Page: {message}", url=url, source=source,
                            hint="Reading Pages you do not manage needs the Page Public Content "
                                 "Access feature, granted after Meta's App Review.")
    if code in _THROTTLED:
        return RateLimited(f"Facebook rate limit: {message}", url=url, source=source)
    return ParseError(f"Facebook error {code}: {message}", url=url, source=source)


def _is_personal(url: str | None, og_type: str | None) -> bool:
    """Whether a saved page is a person's profile rather than a Page: it says so (og:type
    'profile') or has a profile's address (profile.php?id=...)."""
    return "profile" in (og_type or "").casefold() or "/profile.php" in (url or "")


class FacebookSource(Source):
    name = "facebook"
    label = "Facebook"
    description = "Graph API Page fields with your FACEBOOK_ACCESS_TOKEN (Pages only), or a " \
                  "saved page via --facebook-html; profiles are kept as links"
    option = "--facebook"
    file_option = "--facebook-html"
    page_marks = ("Facebook",)
    url_patterns = (rf"https?://(?:www\.|m\.|web\.)?facebook\.com/(?!(?:{RESERVED})(?:[/?]|$))"
                    r"(?P<handle>[A-Za-z0-9.\-]{2,80})/?(?:[?#].*)?$",
                    r"https?://(?:www\.|m\.)?facebook\.com/profile\.php\?id=(?P<handle>\d+)")
    token_env = "FACEBOOK_ACCESS_TOKEN"
    token_required = True
    token_hosts = ("graph.facebook.com",)
    priority = 55
    hint = PROFILE_HINT
    cases = (
        SourceCase("page", Identity("facebook", handle="halvorsenmaritime",
                                    url="https://www.facebook.com/halvorsenmaritime"), "page",
                   env={"FACEBOOK_ACCESS_TOKEN": "t"},
                   expect={"facts": [("company", "hull"), ("company", "Shipbuilding"),
                                     ("location", "Bergen")],
                           "links": ["https://halvorsen.example/"]}),
        SourceCase("no-token", Identity("facebook", handle="ilse.marchetti",
                                        url="https://www.facebook.com/ilse.marchetti"),
                   "no-token", expect={"status": "skipped", "hint": "--facebook-html"}),
        SourceCase("token-expired", Identity("facebook", handle="halvorsenmaritime"),
                   "token-expired", env={"FACEBOOK_ACCESS_TOKEN": "t"},
                   expect={"status": "blocked", "hint": "FACEBOOK_ACCESS_TOKEN"}),
        SourceCase("profile-not-page", Identity("facebook", handle="ilse.marchetti"),
                   "profile-not-page", env={"FACEBOOK_ACCESS_TOKEN": "t"},
                   expect={"status": "not_found", "hint": "--facebook-html"}),
        SourceCase("personal-profile", Identity(
            "facebook", handle="100012345678901",
            url="https://www.facebook.com/profile.php?id=100012345678901"), "personal-profile",
            env={"FACEBOOK_ACCESS_TOKEN": "t"},
            expect={"status": "blocked", "message": "Pages only", "hint": "--notes"}),
        SourceCase("no-ppca", Identity("facebook", handle="somebrand"), "no-ppca",
                   env={"FACEBOOK_ACCESS_TOKEN": "t"},
                   expect={"status": "blocked", "hint": "Page Public Content Access"}),
        SourceCase("saved-page", Identity("facebook"), "saved-page.html",
                   expect={"facts": [("name", "Halvorsen Maritime Systems"),
                                     ("company", "hulls"), ("bio", "Family-owned")]}),
        SourceCase("signed-out-shell", Identity("facebook"), "shell.html",
                   expect={"status": "error", "message": "without its content"}),
    )

    @classmethod
    def identity_for(cls, value: str, *, found_via: str = "given by the user") -> Identity:
        text = value.strip()
        handle = cls.match_url(text) if "/" in text else text.lstrip("@")
        if not handle:
            raise UsageError(f"not a Facebook Page or profile: {value!r}",
                             hint="Use the facebook.com/<page> URL or the Page's name.")
        url = text if text.startswith("http") else f"https://www.facebook.com/{handle}"
        return Identity(cls.name, handle=handle, url=url, found_via=found_via)

    async def run(self, target: Identity, ctx: SourceContext) -> SourceResult:
        if not target.file and not ctx.token(self.token_env):
            return self.skipped(target, "FACEBOOK_ACCESS_TOKEN is not set (the Graph API reads "
                                "Pages only, with a token); the link is kept", PROFILE_HINT)
        return await super().run(target, ctx)

    async def collect(self, target: Identity, ctx: SourceContext) -> Harvest:
        if target.file:
            return self._from_file(target)
        got = await ctx.fetcher.get_json(f"{GRAPH}/{target.handle}", ok=(200, 400, 403),
                                         params={"fields": PAGE_FIELDS})
        body = got.json()
        error = graph_error(body, got.url, self.name)
        if isinstance(error, NotFound) and self._is_profile(target):
            # The Graph API only reads Pages; for a person this says nothing about existence.
            raise BlockedError("the Graph API reads Pages only, and this is a personal "
                               "profile", url=got.url, source=self.name, hint=PROFILE_HINT)
        if error is not None:
            raise error
        if not isinstance(body, dict) or not body.get("id"):
            raise ParseError("Graph API Page without an id", url=got.url, source=self.name)
        link = body.get("link") if isinstance(body.get("link"), str) else target.url
        ev = self.evidence("Facebook Graph API Page", url=link, retrieved_at=got.retrieved_at)
        facts, links = self._page(body, ev)
        return Harvest(facts=tuple(facts), links=tuple(links),
                       identity=Identity(self.name, handle=str(body.get("username") or
                                                               target.handle),
                                         url=link, found_via=target.found_via,
                                         confidence=target.confidence, outcome=target.outcome,
                                         reasons=target.reasons))

    @staticmethod
    def _is_profile(target: Identity) -> bool:
        return bool((target.handle or "").isdigit() or "profile.php" in (target.url or ""))

    def _page(self, body: dict[str, Any], ev: Evidence) -> tuple[list[Fact], list[Link]]:
        def text(key: str) -> str:
            return clean_text(body.get(key)) if isinstance(body.get(key), str) else ""

        name = text("name")

        def named(said: str) -> str:  # "Acme: ...", unless it already starts with the name
            return f"{name}: {said}" if name and not said.casefold().startswith(
                name.casefold()) else said

        facts = [Fact("company", named(text(k)), ev)
                 for k in ("about", "description", "company_overview") if text(k)]
        if text("category"):
            facts.append(Fact("company", named(f"{text('category')} (Facebook Page category)"),
                              ev))
        if text("founded"):
            facts.append(Fact("company", f"{name} founded {text('founded')}", ev))
        location = body.get("location") if isinstance(body.get("location"), dict) else {}
        place = ", ".join(str(location[k]) for k in ("city", "country") if location.get(k))
        if place or text("single_line_address"):
            facts.append(Fact("location", place or text("single_line_address"), ev))
        fans = body.get("followers_count") or body.get("fan_count")
        if isinstance(fans, int):
            facts.append(Fact("follower_count", f"{fans} followers of the {name} Page", ev))
        # The Page's website is the organisation's, not one of the person's own profiles.
        links = [Link(text("website"), "company", ev)] if text("website").startswith("http") \
            else []
        return facts, links

    def _from_file(self, target: Identity) -> Harvest:
        path = target.file or ""
        _, soup = read_page(self, path)
        meta = meta_tags(soup)
        title = first_meta(meta, "og:title") or page_title(soup) or ""
        description = first_meta(meta, "og:description", "description")
        intro = self._intro(soup)
        if (not title or title.strip().lower() == "facebook") and not (description or intro):
            raise InputFileError(path, "was saved without its content (Facebook shows only a "
                                 "shell to signed-out browsers)",
                                 hint="Save the page while signed in and after it has loaded, "
                                      "or copy what you see into --notes FILE.")
        ev = self.evidence("saved Facebook page", file=path)
        facts = [Fact("name", truncate(clean_text(title.split("|")[0]), 500), ev)] if title \
            else []
        url = first_meta(meta, "og:url")
        if description:  # a Page's describes the organisation; a person's profile, the person
            kind = "bio" if _is_personal(url, first_meta(meta, "og:type")) else "company"
            facts.append(Fact(kind, truncate(description, 500), ev))
        facts += [Fact("bio", truncate(line, 500), ev) for line in intro]
        return Harvest(facts=tuple(facts), identity=Identity(
            self.name, file=path, url=url if url and url.startswith("https://") else None,
            found_via=target.found_via))

    @staticmethod
    def _intro(soup: Any) -> list[str]:
        """Visible Intro / About text, where the saved markup keeps it."""
        for heading in soup.find_all(["h2", "h3", "span"]):
            if clean_text(heading.get_text()).lower() in ("intro", "about", "info"):
                block = heading.find_parent(["div", "section"])
                lines = [clean_text(s) for s in (block.stripped_strings if block else [])]
                return [ln for ln in lines if ln and ln.lower() not in ("intro", "about",
                                                                          "info")][:5]
        return []
