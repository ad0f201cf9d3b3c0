"""Pure: an X profile page the user saved from a browser (rendered DOM, ProfilePage JSON-LD)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

from prebrief.extract.dates import parse_datetime
from prebrief.extract.html import find_typed, json_ld_objects, parse_html
from prebrief.extract.text import clean_text

# What X allows in a handle; a post's link is /<handle>/status/<id>. Anything else on the page
# (an @-span or href holding markup) is not taken for either.
_HANDLE = re.compile(r"[A-Za-z0-9_]{1,15}")
_POST_PATH = re.compile(rf"/(?P<handle>{_HANDLE.pattern})/status/(?P<id>\d{{1,25}})(?:[/?#]|$)")


@dataclass
class SavedPost:
    text: str
    published: datetime | None
    url: str | None
    pinned: bool


@dataclass
class SavedXProfile:
    name: str | None = None
    handle: str | None = None
    bio: str | None = None
    location: str | None = None
    url: str | None = None
    joined: str | None = None
    followers: int | None = None
    posts: list[SavedPost] = field(default_factory=list)
    rendered: bool = False


def _testid(soup, name: str):  # noqa: ANN001, ANN202 - bs4 types
    return soup.find(attrs={"data-testid": name})


def read_saved_profile(markup: str | bytes) -> SavedXProfile:
    """Everything the saved page shows; posts newest first with the pin marked."""
    soup = parse_html(markup)
    profile = SavedXProfile()
    name_block = _testid(soup, "UserName")
    if name_block is not None:
        profile.rendered = True
        parts = [clean_text(s) for s in name_block.stripped_strings]
        handles = [p for p in parts if p.startswith("@")]
        names = [p for p in parts if p and not p.startswith("@")]
        profile.name = names[0] if names else None
        profile.handle = valid_handle(handles[0]) if handles else None
    for attr, testid in (("bio", "UserDescription"), ("location", "UserLocation"),
                         ("joined", "UserJoinDate")):
        node = _testid(soup, testid)
        if node is not None:
            setattr(profile, attr, clean_text(node.get_text(" ")))
    url_node = _testid(soup, "UserUrl")
    if url_node is not None:
        anchor = url_node if url_node.name == "a" else url_node.find("a")
        text = clean_text(url_node.get_text())
        # The href is a t.co redirect; the visible text is the real address.
        profile.url = f"https://{text}" if text and "://" not in text else text or None
        if anchor is not None and not profile.url:
            profile.url = anchor.get("href")
    for article in soup.find_all("article", attrs={"data-testid": "tweet"}):
        post = _post(article)
        if post:
            profile.posts.append(post)
    _read_jsonld(profile, soup)
    profile.posts.sort(key=lambda p: p.published or datetime.min.replace(tzinfo=UTC),
                       reverse=True)
    return profile


def _post(article) -> SavedPost | None:  # noqa: ANN001 - bs4 tag
    body = _testid(article, "tweetText")
    text = clean_text(body.get_text(" ")) if body is not None else ""
    if not text:
        return None
    time_tag = article.find("time")
    published = parse_datetime(time_tag.get("datetime")) if time_tag is not None else None
    link = time_tag.find_parent("a") if time_tag is not None else None
    href = link.get("href") if link is not None else None
    path = _POST_PATH.match(href) if isinstance(href, str) else None
    url = f"https://x.com/{path['handle']}/status/{path['id']}" if path else None
    social = _testid(article, "socialContext")
    pinned = social is not None and "pinned" in social.get_text().lower()
    return SavedPost(text, published, url, pinned)


def _read_jsonld(profile: SavedXProfile, soup) -> None:  # noqa: ANN001
    for page in find_typed(json_ld_objects(soup), "ProfilePage"):
        person = page.get("mainEntity")
        if not isinstance(person, dict):
            continue
        profile.rendered = True
        profile.name = profile.name or _str(person.get("name"))
        profile.handle = profile.handle or valid_handle(_str(person.get("additionalName")))
        profile.bio = profile.bio or _str(person.get("description"))
        home = person.get("homeLocation")
        if isinstance(home, dict):
            profile.location = profile.location or _str(home.get("name"))
        for stat in person.get("interactionStatistic") or []:
            if isinstance(stat, dict) and stat.get("name") == "Follows":
                count = stat.get("userInteractionCount")
                profile.followers = count if isinstance(count, int) else profile.followers


def _str(value: object) -> str | None:
    return clean_text(value) or None if isinstance(value, str) else None


def valid_handle(handle: str | None) -> str | None:
    """handle, without its '@', if X would allow it, else None."""
    handle = handle.lstrip("@") if handle else None
    return handle if handle and _HANDLE.fullmatch(handle) else None


def looks_unrendered(markup: str) -> bool:
    """The bare app shell: saved before the page's JavaScript ran."""
    lowered = markup.lower()
    return "javascript is not available" in lowered or "enable javascript" in lowered
